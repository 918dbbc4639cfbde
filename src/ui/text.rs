//! What a lookup result says, as segments of text shared by the screen (which styles them)
//! and the command line (which prints them): one place decides what a found citizen, case or
//! visit shows, and every name goes through the identity rule.

use chrono::NaiveDate;

use crate::domain::date::format_date;
use crate::domain::identity::{Place, Viewer};
use crate::i18n::{self, Lang, Msg};
use crate::store::{CaseHit, CitizenHit, VisitHit};

/// A segment of a line, and how it stands out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// The name (a title).
    Name(String),
    Plain(String),
    /// Worth noticing (an overdue date).
    Strong(String),
    /// Secondary (counts, content).
    Dim(String),
}

impl Seg {
    pub fn text(&self) -> &str {
        match self {
            Seg::Name(s) | Seg::Plain(s) | Seg::Strong(s) | Seg::Dim(s) => s,
        }
    }
}

/// The segments joined as plain text (the command line).
pub fn plain(segs: &[Seg]) -> String {
    segs.iter()
        .map(Seg::text)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A section's count: "2.436", "2.436 · 47 trùng khớp", or "đang đếm…" until it is known.
pub fn section_count(lang: Lang, total: Option<u64>, exact: Option<u64>) -> String {
    match (total, exact) {
        (None, _) => Msg::LookupCounting.t(lang).to_owned(),
        (Some(t), Some(e)) if e > 0 && e < t => {
            Msg::LookupExact.fill(lang, &[&i18n::number(lang, t), &i18n::number(lang, e)])
        }
        (Some(t), _) => i18n::number(lang, t),
    }
}

/// What is left of a section beyond the rows held.
pub fn more_line(lang: Lang, total: Option<u64>, held: usize) -> String {
    match total {
        Some(t) => {
            Msg::LookupMore.fill(lang, &[&i18n::number(lang, t.saturating_sub(held as u64))])
        }
        None => Msg::LookupMoreUncounted.t(lang).to_owned(),
    }
}

/// A citizen found: name, year of birth, ID and phone, visits/cases/last visit, address.
pub fn citizen_hit(lang: Lang, viewer: &Viewer, c: &CitizenHit) -> Vec<Seg> {
    // A list: ID and phone by their last four digits (the identity rule's `Place::List`).
    let p = &c.person;
    let ident: Vec<String> = [
        viewer.id_number(p, Place::List),
        viewer.phone(p, Place::List),
    ]
    .into_iter()
    .flatten()
    .collect();
    let last = c.last_visit.map(format_date).unwrap_or_else(|| "—".into());
    let born = viewer
        .birth_year(p)
        .map(|y| Msg::LookupBorn.fill(lang, &[&y]))
        .unwrap_or_default();
    vec![
        Seg::Name(i18n::person(lang, viewer, p)),
        Seg::Dim(born),
        Seg::Plain(ident.join(" · ")),
        Seg::Dim(Msg::LookupCitizenLine.fill(lang, &[&c.visits, &c.cases, &last])),
        Seg::Plain(viewer.address(p).unwrap_or_default().to_owned()),
    ]
}

/// A case found: code, status, next due date (`due` words it, true when overdue), last step,
/// field, citizen (a pseudonym for a denunciation).
pub fn case_hit(
    lang: Lang,
    viewer: &Viewer,
    c: &CaseHit,
    due: impl Fn(NaiveDate) -> (String, bool),
) -> Vec<Seg> {
    let mut out = vec![
        Seg::Plain(c.code.clone()),
        Seg::Plain(i18n::case_status(c.status).t(lang).to_owned()),
    ];
    if let Some(d) = c.next_due {
        let (text, overdue) = due(d);
        let text = Msg::LookupNextDue.fill(lang, &[&text]);
        out.push(if overdue {
            Seg::Strong(text)
        } else {
            Seg::Plain(text)
        });
    }
    if let Some((step, day)) = &c.last_step {
        let name = crate::domain::case::Action::from_code(step)
            .map(|a| i18n::action(a).t(lang))
            .unwrap_or(step);
        out.push(Seg::Plain(
            Msg::LookupLastStep.fill(lang, &[&name, &format_date(*day)]),
        ));
    }
    out.push(Seg::Plain(c.field_name.clone()));
    out.push(Seg::Plain(i18n::person(lang, viewer, &c.citizen)));
    out
}

/// A visit found: day and time, citizen, type, field, handling, first line of its content.
pub fn visit_hit(lang: Lang, viewer: &Viewer, v: &VisitHit) -> Vec<Seg> {
    vec![
        Seg::Plain(format!("{} {}", format_date(v.day), v.time)),
        Seg::Name(i18n::person(lang, viewer, &v.citizen)),
        Seg::Plain(i18n::petition_type(v.petition_type).t(lang).to_owned()),
        Seg::Plain(v.field_name.clone()),
        Seg::Plain(i18n::handling(v.handling).t(lang).to_owned()),
        Seg::Dim(v.content.lines().next().unwrap_or("").to_owned()),
    ]
}
