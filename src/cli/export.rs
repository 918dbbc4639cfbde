//! `tiepdan export`: the reception book of a period for the upper level, in an official
//! layout (XLSX or CSV: TT 04/2021 Mẫu 03 by default, NĐ 154/2026 Mẫu 03/TCD on request —
//! UNCONFIRMED) or as JSON records. A denunciation's row shows the pseudonym in every format.
//!
//! The file is the owner's only (0600), written whole under a temporary name and moved into
//! place; an existing file is replaced only when the officer says so (asked at a terminal,
//! `--force` in a script). What leaves the book is on its record: the export asks the acting
//! officer's PIN and writes one audit row — nothing else in the book changes.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use super::sign_in::{SignInArgs, sign_in};
use super::{Failure, open, today, warn};
use crate::domain::date::{format_date, parse_date};
use crate::exchange::book::{self, BookHeading, CsvBook, JsonBook, XlsxBook};
use crate::exchange::files::PrivateFile;
use crate::i18n::{self, Lang, Msg};
use crate::store::{Create, ExportRecord};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// First day (dd/mm/yyyy or yyyy-mm-dd); a package without it starts with the book.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// xlsx | csv | json | tiepdan (this desk's package, to merge at another desk)
    #[arg(long, default_value = "xlsx", value_name = "FORMAT")]
    pub format: String,
    /// The book's layout: tt04-2021 (TT 04/2021 Mẫu 03) or nd154-2026 (NĐ 154/2026 Mẫu
    /// 03/TCD, unconfirmed).
    #[arg(long, default_value = "tt04-2021", value_name = "TEMPLATE")]
    pub template: String,
    /// The file to write (CSV and JSON go to standard output without it).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace an existing file without asking.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub sign_in: SignInArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Csv,
    Json,
}

impl Format {
    fn parse(s: &str) -> Option<Format> {
        match s {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// May `path` be written? Yes when it does not exist; else when `--force`, or when the
/// officer at a terminal says so.
fn may_write(path: &std::path::Path, force: bool, lang: Lang) -> Result<(), Failure> {
    if !path.exists() || force {
        return Ok(());
    }
    let shown = path.display().to_string();
    if !std::io::stdin().is_terminal() {
        return Err(Failure::new(
            Msg::CliExportRefusedOverwrite.fill(lang, &[&shown]),
        ));
    }
    eprint!(
        "{} ",
        crate::domain::text::terminal_safe(&Msg::CliExportExists.fill(lang, &[&shown]))
    );
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Failure::new(e.to_string()))?;
    if matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "c" | "co" | "có"
    ) {
        Ok(())
    } else {
        Err(Failure::new(
            Msg::CliExportRefusedOverwrite.fill(lang, &[&shown]),
        ))
    }
}

pub fn run(path: &std::path::Path, a: &ExportArgs, lang: Lang) -> Result<(), Failure> {
    let date = |flag: &str, s: &Option<String>| {
        s.as_deref()
            .map(|s| {
                parse_date(s, today()).map_err(|e| {
                    Failure::new(format!("--{flag} {s}: {}", i18n::date_error(lang, &e)))
                })
            })
            .transpose()
    };
    let (from, to) = (date("from", &a.from)?, date("to", &a.to)?);
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(Failure::new(
            Msg::CliExportBadRange.fill(lang, &[&format_date(f), &format_date(t)]),
        ));
    }
    if a.format == "tiepdan" {
        if let Some(out) = &a.out {
            may_write(out, a.force, lang)?;
        }
        return super::package::export(path, (from, to), a.out.as_deref(), &a.sign_in, lang);
    }
    let format = Format::parse(&a.format)
        .ok_or_else(|| Failure::new(Msg::CliExportBadFormat.fill(lang, &[&a.format])))?;
    let template = book::template(&a.template)
        .ok_or_else(|| Failure::new(Msg::CliExportBadTemplate.fill(lang, &[&a.template])))?;
    let (Some(from), Some(to)) = (from, to) else {
        return Err(Failure::new(
            Msg::CliExportNeedsRange.fill(lang, &[&format.code()]),
        ));
    };
    if from > to {
        return Err(Failure::new(
            Msg::CliExportBadRange.fill(lang, &[&format_date(from), &format_date(to)]),
        ));
    }
    // XLSX on a terminal would be noise: it needs a file (or a pipe).
    if format == Format::Xlsx && a.out.is_none() && std::io::stdout().is_terminal() {
        return Err(Failure::new(Msg::CliExportNeedsOut.t(lang)));
    }
    if let Some(out) = &a.out {
        may_write(out, a.force, lang)?;
    }
    let mut store = open(path, Create::No, lang)?;
    let actor = sign_in(&mut store, &a.sign_in, None, lang)?;
    let heading = BookHeading {
        unit: store.unit_name().unwrap_or_default(),
        from,
        to,
    };
    let store_failure = |e: crate::store::StoreError| Failure::new(i18n::store_error(lang, &e));
    let io = |e: std::io::Error| Failure::new(e.to_string());
    let xlsx = |e: rust_xlsxwriter::XlsxError| Failure::new(e.to_string());

    // Where the bytes go: a private file moved into place at the end, or standard output.
    let mut file = match &a.out {
        Some(out) => Some(PrivateFile::create(out).map_err(io)?),
        None => None,
    };
    let written = match file.as_mut() {
        Some(f) => write_book(&store, format, template.clone(), &heading, f, lang),
        None => {
            // An XLSX file is assembled before it goes out: to a pipe it is written whole.
            let mut buf = Vec::new();
            let n = write_book(&store, format, template.clone(), &heading, &mut buf, lang);
            std::io::stdout()
                .lock()
                .write_all(&buf)
                .map_err(BookError::Io)
                .and(n)
        }
    };
    let rows = written.map_err(|e| match e {
        BookError::Store(e) => store_failure(e),
        BookError::Io(e) => io(e),
        BookError::Xlsx(e) => xlsx(e),
    })?;
    let file_name = a
        .out
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "-".into());
    store
        .write(&actor, |w| {
            w.record_export(&ExportRecord {
                from,
                to,
                format: format.code(),
                template: &template.code,
                rows,
                file_name: &file_name,
            })
        })
        .map_err(store_failure)?;
    if let Some(f) = file {
        f.commit().map_err(io)?;
    }
    let target = a
        .out
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "stdout".into());
    warn(Msg::CliExportDone.fill(
        lang,
        &[&rows, &format_date(from), &format_date(to), &target],
    ));
    if template.unconfirmed && format != Format::Json {
        warn(Msg::CliExportUnconfirmed.fill(lang, &[&template.code]));
    }
    Ok(())
}

/// Why writing the book stopped.
#[derive(Debug)]
pub enum BookError {
    Store(crate::store::StoreError),
    Io(std::io::Error),
    Xlsx(rust_xlsxwriter::XlsxError),
}

impl From<crate::store::StoreError> for BookError {
    fn from(e: crate::store::StoreError) -> Self {
        BookError::Store(e)
    }
}

/// Write the book of `heading`'s period to `out` in `format`; returns how many visits.
fn write_book(
    store: &crate::store::Store,
    format: Format,
    template: crate::domain::book::Template,
    heading: &BookHeading,
    out: &mut (impl Write + Send),
    lang: Lang,
) -> Result<u64, BookError> {
    let (from, to) = (heading.from, heading.to);
    match format {
        Format::Csv => {
            let mut b = CsvBook::start(out, lang, template).map_err(BookError::Io)?;
            let n = store.book_lines(from, to, |l| b.line(&l).map_err(BookError::Io))?;
            b.finish().map_err(BookError::Io)?;
            Ok(n)
        }
        Format::Json => {
            let mut b = JsonBook::start(out).map_err(BookError::Io)?;
            let n = store.book_lines(from, to, |l| b.line(&l).map_err(BookError::Io))?;
            b.finish().map_err(BookError::Io)?;
            Ok(n)
        }
        Format::Xlsx => {
            let mut b = XlsxBook::start(lang, template, heading).map_err(BookError::Xlsx)?;
            let n = store.book_lines(from, to, |l| b.line(&l).map_err(BookError::Xlsx))?;
            b.finish(out, today()).map_err(BookError::Xlsx)?;
            Ok(n)
        }
    }
}
