//! `tiepdan import FILE [--dry-run] [--sheet S] [--map MAP.toml] [--refused OUT.csv]`: an
//! old book (xlsx, xls, ods, csv) into this one. The file is read and every row checked
//! first (exchange/import); a dry run opens the book read-only, says what would be
//! imported and lists every refused row; the import itself is one transaction by an
//! administrator (PIN asked), then the lookup index in short writes.

use std::path::{Path, PathBuf};
use std::time::Instant;

use sha2::{Digest, Sha256};

use super::sign_in::{SignInArgs, sign_in};
use super::{Failure, open, open_read_only, say, warn};
use crate::exchange::import::{self, ColumnMap, Context, Plan, ReadError};
use crate::i18n::{self, Lang, Msg};
use crate::store::{Create, Role, Store};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The old book: .xlsx, .xls, .ods or .csv; or another desk's package (tiepdan export
    /// --format tiepdan).
    pub file: PathBuf,
    /// Check every row and say what would be imported; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Only this sheet (default: every sheet with a book's header).
    #[arg(long, value_name = "S")]
    pub sheet: Option<String>,
    /// Column names the import does not know: a TOML file of
    /// `[columns]` "header text" = "ngay_tiep" | "ho_ten" | … | "bo_qua".
    #[arg(long, value_name = "MAP.toml")]
    pub map: Option<PathBuf>,
    /// Write the refused rows (sheet, row, column, reason, then the row's cells) to a CSV
    /// to fix and import again.
    #[arg(long, value_name = "OUT.csv")]
    pub refused: Option<PathBuf>,
    #[command(flatten)]
    pub auth: SignInArgs,
}

fn store_failure(lang: Lang) -> impl Fn(crate::store::StoreError) -> Failure {
    move |e| Failure::new(i18n::store_error(lang, &e))
}

fn read_error(lang: Lang, file: &Path, e: ReadError) -> Failure {
    Failure::new(match e {
        ReadError::Kind(ext) => Msg::CliImportKind.fill(lang, &[&ext]),
        ReadError::Io(e) => Msg::CliImportRead.fill(lang, &[&file.display(), &e]),
        ReadError::Spreadsheet(e) => Msg::CliImportRead.fill(lang, &[&file.display(), &e]),
        ReadError::NoSheet(s, all) => Msg::CliImportNoSheet.fill(lang, &[&s, &all.join(", ")]),
    })
}

/// What the book knows that rows are checked against.
pub fn context(store: &Store, lang: Lang) -> Result<Context, Failure> {
    let f = store_failure(lang);
    Ok(Context {
        today: super::today(),
        threshold: store.group_threshold().map_err(&f)?,
        fields: store
            .fields()
            .map_err(&f)?
            .into_iter()
            .map(|x| (x.code, x.name))
            .collect(),
        officers: store
            .all_officers()
            .map_err(&f)?
            .into_iter()
            .map(|o| (o.id, o.full_name))
            .collect(),
    })
}

pub fn run(book: &Path, args: &ImportArgs, lang: Lang) -> Result<(), Failure> {
    // A mistyped path says so (not that its extension is unknown).
    if !args.file.is_file() {
        return Err(Failure::new(
            Msg::CliImportMissing.fill(lang, &[&args.file.display()]),
        ));
    }
    // Another desk's package (merging desks), known by its header line.
    if crate::exchange::package::is_package(&args.file) {
        return super::package::import(book, &args.file, args.dry_run, &args.auth, lang);
    }
    let map = match &args.map {
        None => ColumnMap::default(),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Failure::new(Msg::CliImportRead.fill(lang, &[&p.display(), &e])))?;
            ColumnMap::parse(&text)
                .map_err(|e| Failure::new(Msg::CliImportBadMap.fill(lang, &[&p.display(), &e])))?
        }
    };
    let sheets = import::read(&args.file, args.sheet.as_deref())
        .map_err(|e| read_error(lang, &args.file, e))?;
    let mut store = if args.dry_run {
        open_read_only(book, lang)?
    } else {
        open(book, Create::No, lang)?
    };
    let ctx = context(&store, lang)?;
    let plan = import::plan(sheets, &map, &ctx);
    let mut out = std::io::stdout().lock();
    report(&mut out, &plan, lang)?;
    if let Some(p) = &args.refused {
        write_refused(p, &plan, lang)?;
        say(
            &mut out,
            Msg::CliImportRefusedWritten.fill(lang, &[&plan.refused.len(), &p.display()]),
        )?;
    }
    if args.dry_run {
        let uids: Vec<&str> = plan.visits.iter().map(|p| p.visit.uid.as_str()).collect();
        let known = store.known_visits(&uids).map_err(store_failure(lang))?;
        return say(
            &mut out,
            Msg::CliImportDry.fill(
                lang,
                &[
                    &(plan.visits.len() - known.len()),
                    &known.len(),
                    &plan.refused.len(),
                ],
            ),
        );
    }
    let actor = sign_in(&mut store, &args.auth, Some(Role::Admin), lang)?;
    let bytes = std::fs::read(&args.file)
        .map_err(|e| Failure::new(Msg::CliImportRead.fill(lang, &[&args.file.display(), &e])))?;
    let label = format!(
        "{} sha256:{:x}",
        args.file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        Sha256::digest(&bytes)
    );
    let refused = plan.refused.len();
    // The rows move into the import (not copied: a big book is held once).
    let visits: Vec<_> = plan.visits.into_iter().map(|p| p.visit).collect();
    let started = Instant::now();
    let done = store
        .write(&actor, |w| w.import_visits(&label, &visits))
        .map_err(store_failure(lang))?;
    let secs = format!("{:.1}", started.elapsed().as_secs_f64());
    say(
        &mut out,
        Msg::CliImportDone.fill(
            lang,
            &[
                &done.added,
                &done.citizens_new,
                &done.sessions_new,
                &done.already,
                &refused,
                &secs,
            ],
        ),
    )?;
    let (records, writes, secs) = index_all(&mut store).map_err(store_failure(lang))?;
    if records > 0 {
        say(
            &mut out,
            Msg::CliImportIndex.fill(lang, &[&records, &writes, &format!("{secs:.1}")]),
        )?;
    }
    Ok(())
}

/// Write the lookup index left pending (`Store::index_all_pending`); returns the records
/// indexed, the writes and the seconds.
pub fn index_all(store: &mut Store) -> crate::store::Result<(u64, u64, f64)> {
    let all = store.index_all_pending()?;
    Ok((all.records, all.writes, all.secs))
}

/// Each sheet's header and conversions, then every refused row.
fn report(out: &mut impl std::io::Write, plan: &Plan, lang: Lang) -> Result<(), Failure> {
    for s in &plan.sheets {
        match &s.header {
            Some(_) => {
                let header_row = s.header.as_ref().map_or(0, |h| h.first_row);
                say(
                    out,
                    Msg::CliImportSheet.fill(lang, &[&s.name, &header_row, &s.rows]),
                )?;
            }
            None => warn(Msg::CliImportNoHeader.fill(lang, &[&s.name])),
        }
        if s.tcvn3 + s.vni > 0 {
            say(
                out,
                Msg::CliImportLegacy.fill(lang, &[&s.name, &s.tcvn3, &s.vni]),
            )?;
        }
    }
    for r in &plan.refused {
        for x in &r.refusals {
            let col = plan.column_name(r.sheet, x);
            let col = if col.is_empty() {
                String::new()
            } else {
                Msg::CliImportColumn.fill(lang, &[&col])
            };
            say(
                out,
                Msg::CliImportRefusedLine.fill(
                    lang,
                    &[
                        &plan.sheets[r.sheet].name,
                        &r.row,
                        &col,
                        &i18n::import_reason(lang, &x.reason),
                    ],
                ),
            )?;
        }
    }
    Ok(())
}

/// The refused rows as a CSV (0600: it holds citizens' names and numbers).
fn write_refused(path: &Path, plan: &Plan, lang: Lang) -> Result<(), Failure> {
    let heads = [
        Msg::ImpHeadSheet.t(lang),
        Msg::ImpHeadRow.t(lang),
        Msg::ImpHeadColumn.t(lang),
        Msg::ImpHeadReason.t(lang),
    ];
    let text = plan.refused_csv(heads, |r| i18n::import_reason(lang, r));
    let fail =
        |e: std::io::Error| Failure::new(Msg::CliImportRead.fill(lang, &[&path.display(), &e]));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(fail)?;
    use std::io::Write;
    // A byte-order mark: Excel opens the file as UTF-8.
    f.write_all(b"\xEF\xBB\xBF").map_err(fail)?;
    f.write_all(text.as_bytes()).map_err(fail)
}
