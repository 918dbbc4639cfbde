//! `tiepdan report`: the period report on the command line (read only).
//!
//! `--period 2026-q1|2026-6t|2026-9t|2026|2026-11` or `--from D --to D`;
//! `--format text|csv|json|xlsx` (text by default); `--out F` writes a file (else standard
//! output: XLSX goes to standard output only when it is not a terminal); `--explain FIGURE`
//! prints a figure's definition and the records behind it (`visits`, `cases_resolved`,
//! `petitions.dat_dai`, `01/TCD.4`…). A period is reported in the forms of the circular in
//! force on its last day (TT 06/2025 from 30/9/2025, TT 01/2024 before).
//!
//! A closed period (chốt số liệu, from the report pane) prints the figures as they were
//! closed, to the byte; when today's book would give other figures, standard error says
//! which and what was written since. `--live` prints today's figures instead.
//!
//! The database is opened read only: nothing is written, not even an audit row (an older
//! schema is refused with the upgrade message, as by every read-only command). Every text
//! line goes out through `say` (printable, a closed pipe — `tiepdan report … | head -1` —
//! ends the command quietly). A citizen behind a figure is shown by the identity rule as
//! nobody-in-particular sees them: a denouncer is a pseudonym.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use super::{Failure, open_read_only, say, today};
use crate::domain::date::parse_date;
use crate::domain::identity::Viewer;
use crate::domain::report::{Period, Report, Target};
use crate::exchange::report_text::{self, Heading};
use crate::exchange::report_xlsx;
use crate::i18n::{Lang, Msg};
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// 2026-q1 … 2026-q4 (quarters), 2026-6t, 2026-9t, 2026 (year), 2026-11 (a month).
    #[arg(long, value_name = "PERIOD", conflicts_with_all = ["from", "to"])]
    pub period: Option<String>,
    /// First day of a range (dd/mm/yyyy or yyyy-mm-dd).
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// Last day of a range.
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// text | csv | json | xlsx
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// A figure's definition and the records behind it (e.g. visits, 01/TCD.4).
    #[arg(long, value_name = "FIGURE")]
    pub explain: Option<String>,
    /// A closed period: today's figures instead of the closed ones.
    #[arg(long)]
    pub live: bool,
    /// One desk's records of a merged book (its code), or all (the default).
    #[arg(long, value_name = "CODE|all")]
    pub unit: Option<String>,
    /// The provincial hub's figures instead of this book's (http://host[:port]).
    #[arg(long, value_name = "URL")]
    pub hub: Option<String>,
    /// With --hub: one district's figures (the units enrolled under it).
    #[arg(
        long,
        value_name = "DISTRICT",
        requires = "hub",
        conflicts_with = "unit"
    )]
    pub district: Option<String>,
    /// With --hub: the district's (or the province's) token from tiepdan-hub token.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "TIEPDAN_HUB_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Csv,
    Json,
    Xlsx,
}

/// The period the arguments ask for.
pub fn period_of(a: &ReportArgs, lang: Lang) -> Result<Period, Failure> {
    if let Some(p) = &a.period {
        return Period::parse(p)
            .ok_or_else(|| Failure::new(Msg::CliReportBadPeriod.fill(lang, &[p])));
    }
    match (&a.from, &a.to) {
        (Some(f), Some(t)) => {
            let date = |flag: &str, s: &str| {
                parse_date(s, today()).map_err(|e| {
                    Failure::new(format!(
                        "--{flag} {s}: {}",
                        crate::i18n::date_error(lang, &e)
                    ))
                })
            };
            Period::range(date("from", f)?, date("to", t)?)
                .ok_or_else(|| Failure::new(Msg::CliReportBadRange.t(lang)))
        }
        _ => Err(Failure::new(Msg::CliReportNeedsPeriod.t(lang))),
    }
}

/// Compute the report of `period` from an open store, from today's book (the benches and
/// the tests use the same call; a closed period's figures are [`Store::shown_report`]'s).
pub fn compute(store: &Store, period: Period, today: NaiveDate) -> crate::store::Result<Report> {
    store.period_report(period, today)
}

/// Write binary bytes (XLSX) to standard output; a closed pipe ends quietly.
fn emit(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::Quiet),
        Err(e) => Err(Failure::new(e.to_string())),
    }
}

/// Text (the report, CSV, JSON, an explanation) on standard output, printable.
pub(super) fn emit_text(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    say(&mut out, text.strip_suffix('\n').unwrap_or(text))
}

pub fn run(db: &Path, lang: Lang, a: ReportArgs) -> Result<(), Failure> {
    let format = match a.format.trim().to_ascii_lowercase().as_str() {
        "text" | "txt" => Format::Text,
        "csv" => Format::Csv,
        "json" => Format::Json,
        "xlsx" => Format::Xlsx,
        other => return Err(Failure::new(Msg::CliReportBadFormat.fill(lang, &[&other]))),
    };
    let period = period_of(&a, lang)?;
    if let Some(url) = &a.hub {
        return super::report_hub::run(url, lang, &a, format);
    }
    let store = open_read_only(db, lang)?;
    let sql = |e: crate::store::StoreError| Failure::new(crate::i18n::store_error(lang, &e));
    // One desk's figures: today's book (a closing is the whole book's).
    let desk = a.unit.as_deref().map(str::trim).filter(|c| *c != "all");
    if let Some(code) = desk {
        let desks = store.report_desks().map_err(sql)?;
        if !desks.iter().any(|d| d == code) {
            return Err(Failure::new(
                Msg::CliReportBadUnit.fill(lang, &[&code, &desks.join(", ")]),
            ));
        }
    }
    let mut shown = store.shown_report_for(period, today(), desk).map_err(sql)?;
    if let Some(code) = desk {
        shown.unit = Msg::CliReportUnitDesk.fill(lang, &[&shown.unit, &code]);
    }
    let closed = shown.report.closed.clone();
    // The closed figures, or today's (an open period; --live).
    let live_unit;
    let (report, unit): (&Report, &str) = match (&closed, a.live) {
        (Some(_), true) => {
            live_unit = store.unit_name().map_err(sql)?;
            (shown.live(), &live_unit)
        }
        _ => (&shown.report, &shown.unit),
    };
    let h = Heading { unit, lang };
    if let Some(what) = &a.explain {
        // The definition and the records are today's book's; a closed figure is said too.
        let live = shown.live();
        let t = Target::parse(what, &live.fields, live.circular)
            .ok_or_else(|| Failure::new(Msg::CliReportBadExplain.fill(lang, &[what])))?;
        let mut text = explain(&store, &h, live, &t, format == Format::Json).map_err(sql)?;
        if closed.is_some() && format != Format::Json {
            let stored = shown
                .report
                .target_value(&t)
                .map(|v| v.to_string())
                .unwrap_or_else(|| Msg::RpUnfillableMark.t(lang).to_owned());
            text.push_str(&Msg::RpExplainClosed.fill(lang, &[&stored]));
            text.push('\n');
        }
        return emit_text(&text);
    }
    // Said on standard error: the report on standard output stays the one that was sent.
    match (&closed, a.live) {
        (Some(c), true) => eprintln!(
            "{}",
            Msg::RpLive.fill(lang, &[&crate::domain::date::format_stamp(&c.at)])
        ),
        (Some(_), false) => {
            for line in report_text::closing_lines(lang, &shown, 12) {
                eprintln!("{}", crate::domain::text::printable(&line));
            }
        }
        (None, _) => {}
    }
    let bytes = match format {
        Format::Text => report_text::text(&h, report).into_bytes(),
        Format::Csv => report_text::csv(&h, report).into_bytes(),
        Format::Json => {
            let mut s = report_text::json(&h, report);
            s.push('\n');
            s.into_bytes()
        }
        Format::Xlsx => report_xlsx::xlsx(&h, report).map_err(|e| Failure::new(e.to_string()))?,
    };
    match &a.out {
        Some(path) => {
            let bytes = match format {
                Format::Xlsx => bytes,
                _ => crate::domain::text::printable(&String::from_utf8_lossy(&bytes))
                    .into_owned()
                    .into_bytes(),
            };
            std::fs::write(path, &bytes)
                .map_err(|e| Failure::new(Msg::CliIo.fill(lang, &[&path.display(), &e])))?;
            super::warn(Msg::CliReportWritten.fill(lang, &[&path.display()]));
            Ok(())
        }
        None if format == Format::Xlsx && std::io::stdout().is_terminal() => {
            Err(Failure::new(Msg::CliReportXlsxTty.t(lang)))
        }
        None if format == Format::Xlsx => emit(&bytes),
        None => emit_text(&String::from_utf8_lossy(&bytes)),
    }
}

/// A figure's definition and its records, as text or JSON (the JSON names nobody; the text
/// shows a denouncer as a pseudonym).
fn explain(
    store: &Store,
    h: &Heading,
    r: &Report,
    t: &Target,
    json: bool,
) -> crate::store::Result<String> {
    let lang = h.lang;
    let rows = match r.target_measure(t) {
        Ok(m) => r.trace(&m),
        Err(_) => vec![],
    };
    let (vids, cids) = report_text::split_records(&rows);
    let visits = store.trace_visits(&vids)?;
    let cases = store.trace_cases(&cids)?;
    let added: std::collections::HashMap<crate::domain::report::Record, u64> =
        rows.iter().copied().collect();
    let adds = |rec: crate::domain::report::Record| added.get(&rec).copied().unwrap_or(1);
    if json {
        use crate::domain::report::Record;
        let v = serde_json::json!({
            "figure": t.key(&r.fields),
            "value": r.target_value(t),
            "period": {"from": r.period.from.to_string(), "to": r.period.to.to_string()},
            "definition": report_text::definition(lang, r, t),
            "visits": visits.iter().map(|x| serde_json::json!({
                "uid": x.uid, "day": x.day.to_string(), "time": x.time,
                "petition_type": x.petition_type.code(), "field": x.field_name,
                "handling": x.handling.code(), "people": x.people, "petitions": x.petitions,
                "adds": adds(Record::Visit(x.id)),
            })).collect::<Vec<_>>(),
            "cases": cases.iter().map(|x| serde_json::json!({
                "uid": x.uid, "code": x.code, "status": x.status.code(),
                "field": x.field_name, "received_on": x.received_on.to_string(),
                "adds": adds(Record::Case(x.id)),
            })).collect::<Vec<_>>(),
        });
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push('\n');
        return Ok(s);
    }
    let visit_of: std::collections::HashMap<i64, &crate::store::TraceVisit> =
        visits.iter().map(|v| (v.id, v)).collect();
    let case_of: std::collections::HashMap<i64, &crate::store::TraceCase> =
        cases.iter().map(|c| (c.id, c)).collect();
    // Outside the officer's screen nobody has revealed anything.
    let viewer = Viewer::nobody();
    let mut out = report_text::heading_lines(h, r);
    out.push(String::new());
    out.push(report_text::target_label(lang, r, t));
    out.extend(
        report_text::definition(lang, r, t)
            .into_iter()
            .map(|l| format!("  {l}")),
    );
    out.push(String::new());
    for (rec, n) in &rows {
        match rec {
            crate::domain::report::Record::Visit(id) => {
                if let Some(v) = visit_of.get(id) {
                    out.push(format!(
                        "{} · {}",
                        Msg::RpVisit.t(lang),
                        report_text::visit_line(lang, &viewer, v, *n)
                    ));
                }
            }
            crate::domain::report::Record::Day(d) => out.push(format!(
                "{} · {}",
                Msg::RpDay.t(lang),
                crate::domain::date::format_date(*d)
            )),
            crate::domain::report::Record::Case(id) => {
                if let Some(c) = case_of.get(id) {
                    out.push(format!(
                        "{} · {}",
                        Msg::RpCase.t(lang),
                        report_text::case_line(lang, &viewer, c, *n, r.case_life(c.id))
                    ));
                }
            }
        }
    }
    if rows.is_empty() {
        out.push(Msg::RpRecordsEmpty.t(lang).to_owned());
    }
    let mut s = out.join("\n");
    s.push('\n');
    Ok(s)
}
