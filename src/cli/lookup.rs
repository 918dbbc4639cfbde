//! `tiepdan lookup QUERY [--json]`: what the `/` overlay finds, printed. Read-only.

use std::path::Path;

use super::{Failure, open_read_only, say};
use crate::domain::date::format_date;
use crate::domain::identity::Viewer;
use crate::i18n::{Lang, Msg};
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
    if !r.citizens.is_empty() {
        say(
            &mut out,
            Msg::LookupCitizens.fill(lang, &[&r.citizens.len()]),
        )?;
        for c in &r.citizens {
            say(
                &mut out,
                format!("  {}", plain(&text::citizen_hit(lang, &viewer, c))),
            )?;
        }
    }
    if !r.cases.is_empty() {
        say(&mut out, Msg::LookupCases.fill(lang, &[&r.cases.len()]))?;
        for c in &r.cases {
            let segs = text::case_hit(lang, &viewer, c, |d| (format_date(d), false));
            say(&mut out, format!("  {}", plain(&segs)))?;
        }
    }
    if !r.visits.is_empty() {
        say(&mut out, Msg::LookupVisits.fill(lang, &[&r.visits.len()]))?;
        for v in &r.visits {
            say(
                &mut out,
                format!("  {}", plain(&text::visit_hit(lang, &viewer, v))),
            )?;
        }
    }
    Ok(())
}
