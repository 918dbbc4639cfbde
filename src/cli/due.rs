//! `tiepdan due`: every legal obligation that follows from a petition, with its due date and
//! how it was computed, by the rules and calendar of the book (read-only) or the seeded ones.

use std::path::Path;

use super::{Failure, open_read_only, say, today};
use crate::domain::case::{CaseStatus, CaseType};
use crate::domain::date::{format_date, parse_date};
use crate::domain::deadline::{self, CaseClock};
use crate::i18n::{self, Lang, Msg};
use crate::store::Store;

/// The command's arguments, as typed.
pub struct DueArgs {
    pub petition_type: String,
    pub received: String,
    pub accepted: Option<String>,
    pub round: u8,
    pub complex: bool,
    pub remote: bool,
    pub extensions: u32,
    pub written: bool,
    pub json: bool,
}

pub fn run(path: &Path, a: &DueArgs, lang: Lang) -> Result<(), Failure> {
    let date = |flag: &str, s: &str| {
        parse_date(s, today())
            .map_err(|_| Failure::new(format!("--{flag} {s}: {}", Msg::ErrDateFormat.t(lang))))
    };
    let case_type = match a
        .petition_type
        .trim()
        .to_lowercase()
        .replace('_', "-")
        .as_str()
    {
        "khieu-nai" | "kn" => CaseType::KhieuNai,
        "to-cao" | "tc" => CaseType::ToCao,
        "kien-nghi" | "phan-anh" | "knpa" => CaseType::KienNghiPhanAnh,
        other => return Err(Failure::new(Msg::CliBadType.fill(lang, &[&other]))),
    };
    let received = date("received", &a.received)?;
    let accepted = a
        .accepted
        .as_deref()
        .map(|s| date("accepted", s))
        .transpose()?;
    if accepted.is_some_and(|d| d < received) {
        return Err(Failure::new(Msg::CliAcceptedBeforeReceived.t(lang)));
    }
    // The rules of the book if there is one (read-only); never create a file for this.
    let store = if path.exists() {
        open_read_only(path, lang)?
    } else {
        Store::open_in_memory().map_err(|e| Failure::new(super::open_error(lang, &e)))?
    };
    let ctx = store
        .deadline_context()
        .map_err(|e| Failure::new(i18n::store_error(lang, &e)))?;
    let clock = CaseClock {
        case_type,
        status: CaseStatus::New,
        round: a.round,
        complex: a.complex,
        remote: a.remote,
        extensions: a.extensions,
        received_on: received,
        accepted_on: accepted,
        from_visit: !a.written,
    };
    let dues = deadline::obligations(&clock, &ctx.rules, &ctx.calendar);
    let mut out = std::io::stdout().lock();
    if a.json {
        let rows: Vec<serde_json::Value> = dues
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
        let text = serde_json::to_string_pretty(&rows).map_err(|e| Failure::new(e.to_string()))?;
        return say(&mut out, text);
    }
    for d in &dues {
        say(
            &mut out,
            format!(
                "{}: {}",
                i18n::obligation(d.obligation).t(lang),
                format_date(d.due_on)
            ),
        )?;
        for (label, text) in i18n::explanation_lines(lang, &d.explanation) {
            say(
                &mut out,
                format!("    {:<16}{text}", label.map(|l| l.t(lang)).unwrap_or("")),
            )?;
        }
        say(&mut out, "")?;
    }
    Ok(())
}
