//! What each desk keeps of its unit's own and no other desk merges — its dialogues and the
//! head's reception schedule — read from what the hub holds into the facts the desk's store
//! reads (src/store/dialogues.rs `report_facts`, src/store/schedule.rs), by the desk whose
//! batch sent them. They come in the package's hub part with only what the report counts
//! (`tiepdan::store::for_hub`); a reception day and the unit's level are keyed `DESK/key`.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use tiepdan::domain::dialogue::DialogueKind;
use tiepdan::domain::report::{DialogueFact, Period, ScheduleFacts};
use tiepdan::domain::schedule::{
    DayMark, DayRecord, Pattern, Plan, SessionDay, UnitLevel, weekday_of,
};
use tiepdan::domain::visit::{PresiderRole, ReceptionForm};

use crate::report::{Held, Rec, ReportError};

/// The dialogues of the desks `wanted` held in the period: cancelled ones left out; a public
/// one's answers promised, and those answered by the period's last day.
pub fn dialogues(
    held: &Held,
    wanted: &HashSet<&str>,
    period: &Period,
) -> Result<Vec<DialogueFact>, ReportError> {
    let to = period.to.to_string();
    let promises = held.of("dialogue_promise");
    let mut out = Vec::new();
    for d in held.of("dialogue") {
        if !wanted.contains(d.desk.as_str()) || d.flag("cancelled") || d.text("held_on").is_none() {
            continue;
        }
        let held_on = d.day("held_on")?;
        if !period.contains(held_on) {
            continue;
        }
        let kind = d.code("kind", DialogueKind::from_code)?;
        let (mut promised, mut answered) = (0, 0);
        if kind == DialogueKind::Public {
            for p in promises
                .iter()
                .filter(|p| p.text("dialogue") == Some(d.uid.as_str()))
            {
                promised += 1;
                answered += u32::from(p.text("answered_on").is_some_and(|a| *a <= *to));
            }
        }
        out.push(DialogueFact {
            kind,
            held_on,
            people: d.int("people").unwrap_or(0) as u32,
            promised,
            answered,
        });
    }
    Ok(out)
}

/// The head's reception schedule of `desk` as its store reads it for `period`: its plans,
/// its days' records and its head's sessions that received someone from 40 days before the
/// period, its level.
pub fn schedule(held: &Held, desk: &str, period: &Period) -> Result<ScheduleFacts, ReportError> {
    let (from, to) = (period.from - Duration::days(40), period.to);
    let within = |d: NaiveDate| from <= d && d <= to;
    let mut plans = Vec::new();
    for p in held.of("reception_plan").iter().filter(|p| p.desk == desk) {
        let days = p.text_or_empty("days");
        plans.push(Plan {
            id: 0,
            uid: p.uid.clone(),
            leader: String::new(),
            pattern: p.code("pattern", Pattern::from_code)?,
            weekday: p
                .int("weekday")
                .and_then(|n| u8::try_from(n).ok())
                .and_then(weekday_of),
            days: days.split(',').filter_map(|d| d.parse().ok()).collect(),
            place: String::new(),
            effective_from: p.day("effective_from")?,
            effective_to: optional_day(p, "effective_to")?,
            version: 1,
        });
    }
    plans.sort_by(|a, b| (a.effective_from, &a.uid).cmp(&(b.effective_from, &b.uid)));
    for (i, p) in plans.iter_mut().enumerate() {
        p.id = i as i64 + 1;
    }
    let prefix = format!("{desk}/");
    let mut days = Vec::new();
    for r in held.of("reception_day").iter().filter(|r| r.desk == desk) {
        let Some(day) = r
            .uid
            .strip_prefix(&prefix)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        if !within(day) {
            continue;
        }
        days.push(DayRecord {
            day,
            posted_on: optional_day(r, "posted_on")?,
            mark: r.text("mark").and_then(DayMark::from_code),
            moved_to: optional_day(r, "moved_to")?,
            note: String::new(),
            version: 1,
        });
    }
    days.sort_by_key(|d| d.day);
    let level = held
        .of("setting")
        .iter()
        .find(|r| {
            r.desk == desk && r.uid == format!("{prefix}{}", tiepdan::store::settings::UNIT_LEVEL)
        })
        .and_then(|r| r.text("value"))
        .and_then(UnitLevel::from_code);
    // The head's sessions (periodic, ad hoc) of the desk that received someone: a refusal is
    // no reception, a voided visit none.
    let mut sessions = Vec::new();
    for s in held.of("session").iter().filter(|s| s.owner() == desk) {
        let form = s.code("form", ReceptionForm::from_code)?;
        let day = s.day("day")?;
        if !matches!(form, ReceptionForm::DinhKy | ReceptionForm::DotXuat)
            || !within(day)
            || !held.received.contains(&s.uid)
        {
            continue;
        }
        sessions.push(SessionDay {
            day,
            form,
            role: s.text("presider_role").and_then(PresiderRole::from_code),
        });
    }
    sessions.sort_by_key(|s| s.day);
    Ok(ScheduleFacts {
        plans,
        days,
        sessions,
        level,
    })
}

/// A day a record may leave empty.
fn optional_day(r: &Rec, k: &str) -> Result<Option<NaiveDate>, ReportError> {
    match r.text(k).filter(|s| !s.is_empty()) {
        Some(_) => r.day(k).map(Some),
        None => Ok(None),
    }
}
