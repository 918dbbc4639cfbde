//! The command line: `tiepdan` opens the TUI; subcommands reuse the same core and print text.
//! One file per command (`lookup.rs`, `due.rs`, `demo.rs`, `report.rs`, `officer.rs`;
//! `sign_in.rs` asks a writing command's PIN); this one declares them, resolves
//! paths and opens the book. Read-only commands open it read-only and write nothing.
//!
//! Database path: `--db PATH`, else `TIEPDAN_DB`, else the platform data directory
//! (`~/.local/share/tiepdan/tiepdan.sqlite3` on Linux, `%APPDATA%\tiepdan\tiepdan.sqlite3` on
//! Windows). `--demo` opens the demo database beside it (`demo.sqlite3`), creating it on first
//! use.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand};

mod audit;
mod backup;
mod check;
mod demo;
mod desk;
mod due;
mod export;
pub mod help;
pub mod import;
mod keys;
mod lookup;
mod officer;
mod package;
pub mod print;
pub mod report;
mod report_hub;
mod schedule;
mod setting;
pub mod sign_in;
mod sync;

pub use demo::make_demo;

use crate::app::App;
use crate::demo::DemoOptions;
use crate::domain::date::parse_date;
use crate::i18n::{Lang, Msg};
use crate::store::{Create, OpenError, Store};
use crate::tui::Stop;

#[derive(Debug, Parser)]
#[command(
    name = "tiepdan",
    version,
    about = "Sổ tiếp công dân — citizen reception log and petition tracking"
)]
pub struct Cli {
    /// Database file (default: the platform data directory).
    #[arg(long, global = true, env = "TIEPDAN_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// UI language: vi (default) or en.
    #[arg(long, global = true, env = "TIEPDAN_LANG", value_name = "vi|en")]
    pub lang: Option<String>,
    /// Open the demo database (created with demo data on first use).
    #[arg(long)]
    pub demo: bool,
    /// Create a new book at --db if there is none (otherwise a missing file is an error, so a
    /// mistyped path never starts an empty book).
    #[arg(long)]
    pub create: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a realistic, reproducible demo database (refuses to overwrite real data).
    Demo {
        /// Number of visits to generate.
        #[arg(long, default_value_t = 3000)]
        visits: u64,
        /// Random seed: the same seed gives the same database.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Last day of the generated data (dd/mm/yyyy or yyyy-mm-dd; default today).
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
    },
    /// Find citizens, cases and visits, as the `/` lookup does (denouncers are never found).
    Lookup {
        /// Name (with or without diacritics), ID number or its last digits, phone in any
        /// format, case code with or without dashes, words of an address or a content.
        query: Vec<String>,
        /// Results per group.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Print every legal obligation that follows from a petition, with its due date and how
    /// it was computed (the rules and calendar of the database, or the seeded ones).
    Due(due::DueArgs),
    /// Period report (TT 01/2024 periods): the summary and the official tables, as text,
    /// CSV, JSON or XLSX; read only.
    Report(report::ReportArgs),
    /// A checked copy of the book (VACUUM INTO, integrity-checked), by default in backups/
    /// beside it; the book is only read.
    Backup(backup::BackupArgs),
    /// Put a backup in the book's place (an administrator, every window closed; the replaced
    /// book is kept beside it).
    Restore(backup::RestoreArgs),
    /// The reception book of a period in an official layout (XLSX/CSV: TT 04/2021 Mẫu 03, or
    /// NĐ 154/2026 Mẫu 03/TCD) or as JSON; the officer's PIN is asked (the export is audited).
    Export(export::ExportArgs),
    /// Import an old book (xlsx, xls, ods, csv): every row imported or refused with its
    /// reason; --dry-run writes nothing. One transaction; importing twice adds nothing.
    /// Another desk's package is checked and merged with the fields its records need;
    /// records left to review (a conflict) exit 3.
    Import(import::ImportArgs),
    /// The officers: list; add, disable, enable, set roles, reset a PIN (administrators,
    /// PIN asked on the terminal); change your own PIN.
    Officer(officer::OfficerArgs),
    /// Verify the book: SQLite's integrity, the lookup index, the counters, the journal's
    /// chain and signatures, the records against the journal. Read only; exits non-zero
    /// naming the first broken row of each check.
    Check(check::CheckArgs),
    /// The journal's entries of a period (who changed what, when), in words; read only.
    Audit(audit::AuditArgs),
    /// The head's reception schedule (lịch tiếp công dân): list a month, set or end a plan,
    /// record a day posted, held, delegated or postponed.
    Schedule(schedule::ScheduleArgs),
    /// The keys that seal a denouncer's identity: status; a leader's passphrase, the
    /// recovery code, an escrow key (docs/keys.md).
    Keys(keys::KeysArgs),
    /// A paper of a visit or a case (receipt, transfer slip, notices, minutes) as PDF or
    /// DOCX, numbered; a reprint keeps its number. --list names the forms.
    Print(print::PrintArgs),
    /// The book's settings: list them, show one, or set one (an administrator, PIN asked;
    /// journaled): unit name and level, group threshold, idle lock, backups kept, the
    /// papers' parent body and place, the print command, the provincial hub's address.
    Setting(setting::SettingArgs),
    /// The desks whose packages were merged here: list them (unit, key, last merge), or
    /// accept a desk's new signing key (an administrator, the key typed as that desk read
    /// it out; journaled).
    Desk(desk::DeskArgs),
    /// Push this desk's journal to the provincial hub since the last entry it acknowledged,
    /// in signed batches (plain HTTP); the officer's PIN is asked. The hub down: nothing is
    /// lost, the next sync catches up.
    Sync(sync::SyncArgs),
}

/// Where data lives by default on this platform.
pub fn data_dir() -> PathBuf {
    use etcetera::BaseStrategy;
    match etcetera::choose_base_strategy() {
        Ok(s) => s.data_dir().join("tiepdan"),
        Err(_) => PathBuf::from("."),
    }
}

pub fn default_db() -> PathBuf {
    data_dir().join("tiepdan.sqlite3")
}

pub fn default_demo_db() -> PathBuf {
    data_dir().join("demo.sqlite3")
}

/// A failure to report on stderr, already in the UI language (or a quiet exit: the reader of
/// our output went away, as `tiepdan lookup … | head -1` does).
#[derive(Debug)]
pub enum Failure {
    Say(String),
    Quiet,
    /// `check` found the book broken (it said so on stdout).
    Broken,
    /// A package merged (or, dry, checked) left records to review (it said which): exit 3.
    Conflicts,
}

impl Failure {
    pub fn new(msg: impl Into<String>) -> Failure {
        Failure::Say(msg.into())
    }
}

/// Print one line on stdout, safe for any terminal (no control or bidi character of the data
/// reaches it); a closed pipe ends the command quietly, never a panic.
pub fn say(out: &mut impl std::io::Write, line: impl std::fmt::Display) -> Result<(), Failure> {
    let text = line.to_string();
    match writeln!(out, "{}", crate::domain::text::printable(&text)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::Quiet),
        Err(e) => Err(Failure::new(e.to_string())),
    }
}

/// A message on stderr, safe for any terminal: whatever it echoes (an argument, a path, an
/// environment variable) shows its control characters as `\u{1b}`, never obeys them. Every
/// line the command line writes to stderr goes through here.
pub fn warn(line: impl std::fmt::Display) {
    eprintln!("{}", crate::domain::text::terminal_safe(&line.to_string()));
}

pub fn main() -> ExitCode {
    // The end-to-end tests' cheap PIN hashing: debug builds only (a release binary never
    // hashes below the production cost, whatever the environment says).
    #[cfg(debug_assertions)]
    if std::env::var_os("TIEPDAN_TEST_KDF").is_some_and(|v| v == "cheap") {
        crate::store::pin::use_cheap_cost_in_tests();
    }
    // The help is printed while parsing: its language is read from the arguments first.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let help_lang = help::lang_of_args(&args);
    let parse = |cmd: clap::Command| {
        cmd.try_get_matches_from(&args)
            .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
    };
    // Parsed by the command as declared; only help, a version or a refusal (whose words are
    // printed) builds its translated texts, which a start need not wait for.
    let parsed = parse(<Cli as clap::CommandFactory>::command())
        .or_else(|_| parse(help::command(help_lang)));
    let cli = match parsed {
        Ok(cli) => cli,
        // clap's own messages echo the value it refused: made safe like every other line
        // (help and version, which echo nothing, keep clap's printing).
        Err(e) if e.use_stderr() => {
            let text = help::printed(help_lang, &e.render().to_string());
            warn(text.trim_end());
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
        Err(e) => {
            print!("{}", help::printed(help_lang, &e.render().to_string()));
            return ExitCode::SUCCESS;
        }
    };
    let lang = match cli.lang.as_deref().map(|l| (l, Lang::parse(l))) {
        None => Lang::Vi,
        Some((_, Some(l))) => l,
        Some((raw, None)) => {
            warn(format!(
                "tiepdan: {}",
                Msg::CliBadLang.fill(Lang::Vi, &[&raw])
            ));
            return ExitCode::from(2);
        }
    };
    match run(cli, lang) {
        Ok(None) | Err(Failure::Quiet) => ExitCode::SUCCESS,
        Err(Failure::Broken) => ExitCode::from(1),
        Err(Failure::Conflicts) => ExitCode::from(3),
        // Told to stop (the draft kept, the terminal restored): say so as a shell expects.
        Ok(Some(stop)) => ExitCode::from(stop.exit_code()),
        Err(Failure::Say(msg)) => {
            warn(format!("tiepdan: {msg}"));
            ExitCode::from(1)
        }
    }
}

/// Run the command line; the TUI tells whether it was told to stop (a signal).
fn run(cli: Cli, lang: Lang) -> Result<Option<Stop>, Failure> {
    let Some(command) = cli.command else {
        let path = if cli.demo {
            let path = cli.db.clone().unwrap_or_else(default_demo_db);
            if !path.exists() {
                demo::make_demo(
                    &path,
                    &DemoOptions {
                        visits: 3000,
                        seed: 2026,
                        end: today(),
                    },
                    lang,
                )?;
            }
            path
        } else {
            cli.db.clone().unwrap_or_else(default_db)
        };
        // A new book only where asked: the default location, --create, or --demo.
        let create = cli.create || cli.demo || cli.db.is_none();
        return run_tui(&path, create, lang);
    };
    match command {
        Command::Demo { visits, seed, end } => {
            let path = cli.db.unwrap_or_else(default_demo_db);
            let end = match end {
                Some(s) => parse_date(&s, today()).map_err(|e| {
                    Failure::new(format!("--end {s}: {}", crate::i18n::date_error(lang, &e)))
                })?,
                None => today(),
            };
            demo::make_demo(&path, &DemoOptions { visits, seed, end }, lang)
        }
        Command::Lookup { query, limit, json } => {
            let path = cli.db.unwrap_or_else(default_db);
            lookup::run(&path, &query.join(" "), limit, json, lang)
        }
        Command::Due(args) => {
            let path = cli.db.unwrap_or_else(default_db);
            due::run(&path, &args, lang)
        }
        Command::Report(args) => report::run(&cli.db.unwrap_or_else(default_db), lang, args),
        Command::Backup(args) => {
            backup::run_backup(&cli.db.unwrap_or_else(default_db), &args, lang)
        }
        Command::Restore(args) => {
            backup::run_restore(&cli.db.unwrap_or_else(default_db), &args, lang)
        }
        Command::Export(args) => export::run(&cli.db.unwrap_or_else(default_db), &args, lang),
        Command::Import(args) => import::run(&cli.db.unwrap_or_else(default_db), &args, lang),
        Command::Officer(args) => officer::run(&cli.db.unwrap_or_else(default_db), &args, lang),
        Command::Check(args) => {
            match check::run(&cli.db.unwrap_or_else(default_db), &args, lang)? {
                true => Ok(()),
                false => Err(Failure::Broken),
            }
        }
        Command::Audit(args) => audit::run(&cli.db.unwrap_or_else(default_db), &args, lang),
        Command::Schedule(args) => schedule::run(&cli.db.unwrap_or_else(default_db), &args, lang),
        Command::Keys(args) => keys::run(&cli.db.unwrap_or_else(default_db), &args, lang),
        Command::Print(args) => print::run(&cli.db.unwrap_or_else(default_db), &args, lang),
        Command::Setting(args) => setting::run(&cli.db.unwrap_or_else(default_db), &args, lang),
        Command::Desk(args) => desk::run(&cli.db.unwrap_or_else(default_db), &args, lang),
        Command::Sync(args) => sync::run(&cli.db.unwrap_or_else(default_db), &args, lang),
    }
    .map(|()| None)
}

pub(crate) fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The open error in the UI language.
pub fn open_error(lang: Lang, e: &OpenError) -> String {
    match e {
        OpenError::Missing(p) => Msg::CliNoDatabase.fill(lang, &[&p.display()]),
        OpenError::Damaged(p) => Msg::CliDamaged.fill(lang, &[&p.display()]),
        OpenError::NeedsUpgrade {
            path,
            found,
            supported,
        } => Msg::CliNeedsUpgrade.fill(lang, &[&path.display(), found, supported]),
        OpenError::NotSqlite(p) => Msg::CliNotSqlite.fill(lang, &[&p.display()]),
        OpenError::NoBook(p) => Msg::CliNoBook.fill(lang, &[&p.display()]),
        OpenError::NotTiepdan(p) => Msg::CliNotTiepdan.fill(lang, &[&p.display()]),
        OpenError::TooNew {
            path,
            found,
            supported,
        } => Msg::CliTooNew.fill(lang, &[&path.display(), found, supported]),
        OpenError::Io(p, err) => Msg::CliIo.fill(lang, &[&p.display(), err]),
        OpenError::Sql(err) => Msg::CliSql.fill(lang, &[err]),
    }
}

/// Open a book for reading only (the read-only commands).
pub fn open_read_only(path: &Path, lang: Lang) -> Result<Store, Failure> {
    Store::open_read_only(path).map_err(|e| Failure::new(open_error(lang, &e)))
}

/// Open a book read-write, creating it only when `create`.
pub fn open(path: &Path, create: Create, lang: Lang) -> Result<Store, Failure> {
    let mut store =
        Store::open_with(path, create).map_err(|e| Failure::new(open_error(lang, &e)))?;
    // This open made the unit key (an upgrade): its recovery code is shown now, once.
    if let Some(code) = store.take_recovery_code() {
        warn(Msg::KeysRecoveryShown.fill(lang, &[&code]));
    }
    Ok(store)
}

fn run_tui(path: &Path, create: bool, lang: Lang) -> Result<Option<Stop>, Failure> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::new(Msg::CliNoTerminal.t(lang)));
    }
    let create = if create || path.exists() {
        Create::IfMissing
    } else {
        ask_create(path, lang)?
    };
    let existed = path.exists();
    // The app shows a recovery code this open made itself (the status line, after sign-in).
    let mut store =
        Store::open_with(path, create).map_err(|e| Failure::new(open_error(lang, &e)))?;
    // An import's lookup index left unfinished (a crash): written before the desk opens.
    if store.index_left().unwrap_or(0) > 0 {
        let _ = import::index_all(&mut store);
    }
    let clock = Box::new(|| Local::now().naive_local());
    let mut app = App::new(store, lang, clock)
        .map_err(|e| Failure::new(crate::i18n::store_error(lang, &e)))?;
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    app.announce_keys = true;
    let result = crate::tui::run(&mut app).map_err(|e| Failure::new(e.to_string()));
    // Left from the first-start dialog: the book this start made is not left behind
    // half-made (a schema with no unit and no officer).
    let unfinished = app.setup_pending();
    drop(app);
    if unfinished && !existed {
        remove_new_book(path);
    }
    result
}

/// Remove a book this start created and never set up, with SQLite's files beside it and
/// the (by now empty) folder of its windows' marks.
fn remove_new_book(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(&p);
    }
    if let Some(dir) = crate::store::windows_dir(path) {
        let _ = std::fs::remove_dir(dir);
    }
}

/// No book at a path the officer typed: ask, naming the full path, before making one.
fn ask_create(path: &Path, lang: Lang) -> Result<Create, Failure> {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    eprint!(
        "{} ",
        crate::domain::text::terminal_safe(&Msg::CliAskCreate.fill(lang, &[&full.display()]))
    );
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Failure::new(e.to_string()))?;
    if matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "c" | "co" | "có"
    ) {
        Ok(Create::IfMissing)
    } else {
        Err(Failure::new(
            Msg::CliNoDatabase.fill(lang, &[&full.display()]),
        ))
    }
}
