//! `tiepdan lookup QUERY [--limit N] [--json]`: what the `/` overlay finds, printed — the
//! first `limit` rows of each section with its true count. Read-only.

use std::path::Path;

use super::{Failure, open_read_only, say};
use crate::domain::date::format_date;
use crate::domain::identity::Viewer;
use crate::i18n::{Lang, Msg};
use crate::store::Kind;
use crate::ui::text::{self, plain};

pub fn run(path: &Path, query: &str, limit: usize, json: bool, lang: Lang) -> Result<(), Failure> {
    let store = open_read_only(path, lang)?;
    let q = crate::domain::text::nfc(query);
    let r = store
        .lookup(&q, limit)
        .map_err(|e| Failure::new(crate::i18n::store_error(lang, &e)))?;
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&r).map_err(|e| Failure::new(e.to_string()))?;
        return say(&mut out, text);
    }
    if r.is_empty() {
        return say(&mut out, Msg::LookupNothing.fill(lang, &[&q]));
    }
    // Outside the officer's screen nobody has revealed anything.
    let viewer = Viewer::nobody();
    let heading = |msg: Msg, kind: Kind| {
        let (total, exact, _) = r.counts(kind);
        msg.fill(lang, &[&text::section_count(lang, total, exact)])
    };
    let rest = |kind: Kind| {
        let (total, _, more) = r.counts(kind);
        more.then(|| {
            format!(
                "  {}",
                Msg::CliLookupMore.fill(
                    lang,
                    &[&crate::i18n::number(
                        lang,
                        total.unwrap_or(0).saturating_sub(r.held(kind) as u64)
                    )]
                )
            )
        })
    };
    if !r.citizens.is_empty() {
        say(&mut out, heading(Msg::LookupCitizens, Kind::Citizens))?;
        for c in &r.citizens {
            say(
                &mut out,
                format!("  {}", plain(&text::citizen_hit(lang, &viewer, c))),
            )?;
        }
        if let Some(line) = rest(Kind::Citizens) {
            say(&mut out, line)?;
        }
    }
    if !r.cases.is_empty() {
        say(&mut out, heading(Msg::LookupCases, Kind::Cases))?;
        for c in &r.cases {
            let segs = text::case_hit(lang, &viewer, c, |d| (format_date(d), false));
            say(&mut out, format!("  {}", plain(&segs)))?;
        }
        if let Some(line) = rest(Kind::Cases) {
            say(&mut out, line)?;
        }
    }
    if !r.visits.is_empty() {
        say(&mut out, heading(Msg::LookupVisits, Kind::Visits))?;
        for v in &r.visits {
            say(
                &mut out,
                format!("  {}", plain(&text::visit_hit(lang, &viewer, v))),
            )?;
        }
        if let Some(line) = rest(Kind::Visits) {
            say(&mut out, line)?;
        }
    }
    Ok(())
}
