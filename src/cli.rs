//! The command line: `tiepdan` opens the TUI; subcommands reuse the same core and print text.
//!
//! Database path: `--db PATH`, else `TIEPDAN_DB`, else the platform data directory
//! (`~/.local/share/tiepdan/tiepdan.sqlite3` on Linux). `--demo` opens the demo database
//! beside it (`demo.sqlite3`), creating it on first use.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand};

use crate::app::App;
use crate::demo::{self, DemoOptions};
use crate::domain::case::{CaseStatus, CaseType};
use crate::domain::date::{format_date, parse_date};
use crate::domain::deadline::{self, CaseClock};
use crate::i18n::{self, Lang, Msg};
use crate::store::{OpenError, Store};

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
    Due {
        /// khieu-nai | to-cao | kien-nghi | phan-anh
        #[arg(long = "type", value_name = "TYPE")]
        petition_type: String,
        /// Date received (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long, value_name = "DATE")]
        received: String,
        /// Date accepted (thụ lý), for the resolution deadline.
        #[arg(long, value_name = "DATE")]
        accepted: Option<String>,
        /// Complaint round (1 or 2).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
        round: u8,
        /// The case is complex (phức tạp).
        #[arg(long)]
        complex: bool,
        /// Remote area (vùng sâu, vùng xa).
        #[arg(long)]
        remote: bool,
        /// Extensions granted (denunciations, at most 2).
        #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=2))]
        extensions: u32,
        /// Received by post or forwarded, not at a reception (no reply duty of Luật TCD Art 28).
        #[arg(long)]
        written: bool,
        /// Machine-readable output (dates in ISO YYYY-MM-DD).
        #[arg(long)]
        json: bool,
    },
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

/// A failure to report on stderr, already in the UI language.
pub struct Failure(pub String);

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang.as_deref().map(|l| (l, Lang::parse(l))) {
        None => Lang::Vi,
        Some((_, Some(l))) => l,
        Some((raw, None)) => {
            eprintln!("tiepdan: {}", Msg::CliBadLang.fill(Lang::Vi, &[&raw]));
            return ExitCode::from(2);
        }
    };
    match run(cli, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("tiepdan: {msg}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli, lang: Lang) -> Result<(), Failure> {
    match cli.command {
        Some(Command::Demo { visits, seed, end }) => {
            let path = cli.db.unwrap_or_else(default_demo_db);
            let end = match end {
                Some(s) => parse_date(&s, today())
                    .map_err(|_| Failure(format!("--end {s}: {}", Msg::ErrDateFormat.t(lang))))?,
                None => today(),
            };
            make_demo(&path, &DemoOptions { visits, seed, end }, lang)
        }
        Some(Command::Lookup { query, limit, json }) => {
            let path = cli.db.unwrap_or_else(default_db);
            if !path.exists() {
                return Err(Failure(Msg::CliNoDatabase.fill(lang, &[&path.display()])));
            }
            let store = open(&path, lang)?;
            let q = crate::domain::text::nfc(&query.join(" "));
            let r = store
                .lookup(&q, limit)
                .map_err(|e| Failure(Msg::CliSql.fill(lang, &[&e])))?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&r).map_err(|e| Failure(e.to_string()))?
                );
                return Ok(());
            }
            if r.is_empty() {
                println!("{}", Msg::LookupNothing.fill(lang, &[&q]));
                return Ok(());
            }
            if !r.citizens.is_empty() {
                println!("{}", Msg::LookupCitizens.fill(lang, &[&r.citizens.len()]));
                for c in &r.citizens {
                    let last = c.last_visit.map(format_date).unwrap_or_else(|| "—".into());
                    println!(
                        "  {} · {} · {} · {} · {}",
                        c.full_name,
                        c.id_number.as_deref().unwrap_or("—"),
                        c.phone.as_deref().unwrap_or("—"),
                        Msg::LookupCitizenLine.fill(lang, &[&c.visits, &c.cases, &last]),
                        c.address
                    );
                }
            }
            if !r.cases.is_empty() {
                println!("{}", Msg::LookupCases.fill(lang, &[&r.cases.len()]));
                for c in &r.cases {
                    let who = c
                        .citizen_name
                        .clone()
                        .unwrap_or_else(|| i18n::denouncer_pseudonym(lang, &c.code));
                    let mut line = format!(
                        "  {} · {} · {}",
                        c.code,
                        i18n::case_status(c.status).t(lang),
                        c.field_name
                    );
                    if let Some(d) = c.next_due {
                        line.push_str(&format!(
                            " · {}",
                            Msg::LookupNextDue.fill(lang, &[&format_date(d)])
                        ));
                    }
                    if let Some((step, day)) = &c.last_step {
                        let name = crate::domain::case::Action::from_code(step)
                            .map(|a| i18n::action(a).t(lang))
                            .unwrap_or(step);
                        line.push_str(&format!(
                            " · {}",
                            Msg::LookupLastStep.fill(lang, &[&name, &format_date(*day)])
                        ));
                    }
                    println!("{line} · {who}");
                }
            }
            if !r.visits.is_empty() {
                println!("{}", Msg::LookupVisits.fill(lang, &[&r.visits.len()]));
                for v in &r.visits {
                    println!(
                        "  {} {} · {} · {} · {} · {}",
                        format_date(v.day),
                        v.time,
                        v.citizen_name,
                        i18n::petition_type(v.petition_type).t(lang),
                        v.field_name,
                        v.content.lines().next().unwrap_or("")
                    );
                }
            }
            Ok(())
        }
        Some(Command::Due {
            petition_type,
            received,
            accepted,
            round,
            complex,
            remote,
            extensions,
            written,
            json,
        }) => {
            let date = |flag: &str, s: &str| {
                parse_date(s, today())
                    .map_err(|_| Failure(format!("--{flag} {s}: {}", Msg::ErrDateFormat.t(lang))))
            };
            let case_type = match petition_type
                .trim()
                .to_lowercase()
                .replace('_', "-")
                .as_str()
            {
                "khieu-nai" | "kn" => CaseType::KhieuNai,
                "to-cao" | "tc" => CaseType::ToCao,
                "kien-nghi" | "phan-anh" | "knpa" => CaseType::KienNghiPhanAnh,
                other => return Err(Failure(Msg::CliBadType.fill(lang, &[&other]))),
            };
            let received = date("received", &received)?;
            let accepted = accepted.map(|a| date("accepted", &a)).transpose()?;
            if accepted.is_some_and(|a| a < received) {
                return Err(Failure(Msg::CliAcceptedBeforeReceived.t(lang).to_owned()));
            }
            let path = cli.db.unwrap_or_else(default_db);
            // Read the rules of the database if there is one; never create a file for this.
            let store = if path.exists() {
                open(&path, lang)?
            } else {
                Store::open_in_memory().map_err(|e| Failure(open_error(lang, &e)))?
            };
            let ctx = store
                .deadline_context()
                .map_err(|e| Failure(Msg::CliSql.fill(lang, &[&e])))?;
            let clock = CaseClock {
                case_type,
                status: CaseStatus::New,
                round,
                complex,
                remote,
                extensions,
                received_on: received,
                accepted_on: accepted,
                from_visit: !written,
            };
            let dues = deadline::obligations(&clock, &ctx.rules, &ctx.calendar);
            if json {
                let out: Vec<serde_json::Value> = dues
                    .iter()
                    .map(|d| {
                        serde_json::json!({
                            "obligation": d.obligation.code(),
                            "name": i18n::obligation(d.obligation).t(lang),
                            "due": d.due_on.to_string(),
                            "explanation": d.explanation,
                        })
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&out).map_err(|e| Failure(e.to_string()))?
                );
            } else {
                for d in &dues {
                    println!(
                        "{}: {}",
                        i18n::obligation(d.obligation).t(lang),
                        format_date(d.due_on)
                    );
                    for (label, text) in i18n::explanation_lines(lang, &d.explanation) {
                        println!("    {:<16}{text}", label.map(|l| l.t(lang)).unwrap_or(""));
                    }
                    println!();
                }
            }
            Ok(())
        }
        None => {
            let path = if cli.demo {
                let path = cli.db.unwrap_or_else(default_demo_db);
                if !path.exists() {
                    make_demo(
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
                cli.db.unwrap_or_else(default_db)
            };
            run_tui(&path, lang)
        }
    }
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The open error in the UI language.
pub fn open_error(lang: Lang, e: &OpenError) -> String {
    match e {
        OpenError::NotSqlite(p) => Msg::CliNotSqlite.fill(lang, &[&p.display()]),
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

fn open(path: &Path, lang: Lang) -> Result<Store, Failure> {
    Store::open(path).map_err(|e| Failure(open_error(lang, &e)))
}

fn run_tui(path: &Path, lang: Lang) -> Result<(), Failure> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure(Msg::CliNoTerminal.t(lang).to_owned()));
    }
    let store = open(path, lang)?;
    let clock = Box::new(|| Local::now().naive_local());
    let mut app =
        App::new(store, lang, clock).map_err(|e| Failure(Msg::CliSql.fill(lang, &[&e])))?;
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    crate::tui::run(&mut app).map_err(|e| Failure(e.to_string()))
}

/// Create (or re-create) a demo database at `path`, refusing to touch real data.
pub fn make_demo(path: &Path, opts: &DemoOptions, lang: Lang) -> Result<(), Failure> {
    if path.exists() {
        let store = open(path, lang)?;
        let sql = |e: crate::store::StoreError| Failure(Msg::CliSql.fill(lang, &[&e]));
        let empty =
            store.visit_count().map_err(sql)? == 0 && store.officers().map_err(sql)?.is_empty();
        if !store.is_demo().map_err(sql)? && !empty {
            return Err(Failure(Msg::CliDemoRefuse.fill(lang, &[&path.display()])));
        }
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let p = PathBuf::from(p);
            if p.exists() {
                std::fs::remove_file(&p)
                    .map_err(|e| Failure(Msg::CliIo.fill(lang, &[&p.display(), &e])))?;
            }
        }
    }
    eprintln!("{}", Msg::CliDemoCreating.fill(lang, &[&path.display()]));
    let started = Instant::now();
    let mut store = open(path, lang)?;
    let s = demo::generate(&mut store, opts).map_err(|e| Failure(Msg::CliSql.fill(lang, &[&e])))?;
    let days = (s.last_day - s.first_day).num_days() + 1;
    let secs = format!("{:.1}", started.elapsed().as_secs_f64());
    println!(
        "{}",
        Msg::CliDemoDone.fill(
            lang,
            &[
                &s.visits,
                &s.citizens,
                &s.sessions,
                &days,
                &format_date(s.first_day),
                &format_date(s.last_day),
                &secs,
                &path.display(),
                &s.cases
            ]
        )
    );
    let index_mb = std::fs::metadata(path)
        .map(|m| m.len() / 1_000_000)
        .unwrap_or(0);
    println!(
        "{}",
        Msg::CliDemoIndex.fill(
            lang,
            &[
                &s.lookup_rows,
                &format!("{:.1}", s.lookup_ms as f64 / 1000.0),
                &index_mb
            ]
        )
    );
    Ok(())
}
