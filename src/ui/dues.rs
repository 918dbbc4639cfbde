//! The duties of a case as the case view and the step forms show them (issue 18): its open
//! obligations (the unit's own rule marked as not law), the citizen's limits with a complaint
//! received after its limit flagged, and the facts the limits depend on.

use ratatui::text::{Line, Span};

use super::queue::due_text;
use super::theme::Theme;
use crate::app::{App, CaseView, Entry, EntryPurpose};
use crate::domain::case::ComplaintSubject;
use crate::domain::date::format_date;
use crate::domain::deadline::Holder;
use crate::i18n::{self, Msg};
use crate::store::CaseDetail;

const LABEL_W: usize = 22;

/// The facts a case adds to its flags line: especially complex, verified at several places,
/// against a disciplinary decision.
pub fn flags(app: &App, d: &CaseDetail) -> Vec<String> {
    let lang = app.lang;
    let mut out = Vec::new();
    if d.very_complex {
        out.push(Msg::CaseVeryComplex.t(lang).to_owned());
    }
    if d.multi_site {
        out.push(Msg::CaseMultiSite.t(lang).to_owned());
    }
    match d.subject {
        ComplaintSubject::Administrative => {}
        ComplaintSubject::Disciplinary => out.push(Msg::CaseDisciplinary.t(lang).to_owned()),
        ComplaintSubject::Dismissal => out.push(Msg::CaseDismissal.t(lang).to_owned()),
    }
    // Issue 23: suspended, who forwarded it, whether the citizen asked for the result.
    if let Some(since) = d.suspended_since {
        out.push(Msg::CaseSuspended.fill(lang, &[&format_date(since)]));
    }
    if let Some(k) = d.forwarder_kind {
        out.push(Msg::CaseForwarderKind.fill(lang, &[&i18n::forwarder_kind(k).t(lang)]));
    }
    if d.result_requested {
        out.push(Msg::CaseResultRequested.t(lang).to_owned());
    }
    out
}

/// The dates a case adds to its dates line: when the decision was known.
pub fn dates(app: &App, d: &CaseDetail) -> Vec<String> {
    d.learned_on
        .map(|l| Msg::CaseLearned.fill(app.lang, &[&format_date(l)]))
        .into_iter()
        .collect()
}

/// The case's open obligations, then the citizen's limits.
pub fn case_lines(app: &App, v: &CaseView, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let label = |m: Msg| Span::styled(format!("{:<LABEL_W$}", m.t(lang)), theme.header());
    let pad = || Span::raw(format!("{:<LABEL_W$}", ""));
    let mut lines = Vec::new();
    for (i, due) in v.dues.iter().enumerate() {
        let (text, overdue) = due_text(app, due.due_on, true);
        let mut spans = vec![
            if i == 0 { label(Msg::CaseDues) } else { pad() },
            Span::raw(format!("{}: ", i18n::obligation(due.obligation).t(lang))),
            Span::styled(text, if overdue { theme.error() } else { theme.ok() }),
        ];
        if due.explanation.internal {
            spans.push(Span::styled(
                format!(" ⚑ {}", Msg::CatInternal.t(lang)),
                theme.warning(),
            ));
        }
        if due.explanation.practice {
            spans.push(Span::styled(
                format!(" ⚑ {}", Msg::CatPractice.t(lang)),
                theme.warning(),
            ));
        }
        if i == 0 {
            spans.push(Span::styled(
                format!("   [{}]", Msg::CaseExplainHint.t(lang)),
                theme.dim(),
            ));
        }
        lines.push(Line::from(spans));
    }
    let shown = v.limits.iter().filter(|l| l.shown_on(app.today));
    let (effects, limits): (Vec<_>, Vec<_>) =
        shown.partition(|l| l.obligation.holder() == Holder::Effect);
    for (i, l) in limits.into_iter().enumerate() {
        let ends = if l.due_on < app.today {
            Msg::LimitEnded
        } else {
            Msg::LimitEnds
        };
        let mut spans = vec![
            if i == 0 {
                label(Msg::CaseLimits)
            } else {
                pad()
            },
            Span::raw(format!(
                "{}: {}",
                i18n::obligation(l.obligation).t(lang),
                ends.fill(lang, &[&format_date(l.due_on)])
            )),
        ];
        let received = format_date(v.detail.row.received_on);
        match l.received_late {
            Some(true) => spans.push(Span::styled(
                format!(" · {}", Msg::LimitLate.fill(lang, &[&received])),
                theme.error(),
            )),
            Some(false) => spans.push(Span::styled(
                format!(" · {}", Msg::LimitInTime.fill(lang, &[&received])),
                theme.ok(),
            )),
            None => {}
        }
        lines.push(Line::from(spans));
    }
    // When a complaint decision takes legal effect (Luật KN Art 44, 57).
    for l in effects {
        let text = if l.due_on < app.today {
            Msg::EffectAfterPast
        } else {
            Msg::EffectAfter
        };
        lines.push(Line::from(vec![
            label(Msg::CaseEffect),
            Span::raw(text.fill(lang, &[&format_date(l.due_on)])),
            Span::styled(format!(" ({})", l.explanation.article), theme.dim()),
        ]));
    }
    lines
}

/// The warning on top of a step form: accepting a complaint received after its limit.
pub fn entry_notice(app: &App, e: &Entry, theme: &Theme) -> Vec<Line<'static>> {
    match &e.purpose {
        EntryPurpose::Step {
            barred: Some(limit),
            ..
        } => vec![
            Line::styled(
                Msg::StepTimeBarred.fill(app.lang, &[&format_date(*limit)]),
                theme.warning(),
            ),
            Line::styled(Msg::StepTimeBarredHint.t(app.lang), theme.warning()),
        ],
        // A catalog change is dated (issue 23): say what the date means.
        EntryPurpose::RemoveDay { day, name } => vec![
            Line::styled(
                Msg::AskRemoveDay.fill(app.lang, &[&format_date(*day), name]),
                theme.warning(),
            ),
            Line::styled(Msg::EffectiveNote.t(app.lang), theme.dim()),
        ],
        EntryPurpose::Dialogue { .. } => {
            vec![Line::styled(
                Msg::DlgParticipantsHint.t(app.lang),
                theme.dim(),
            )]
        }
        EntryPurpose::Rule { .. } | EntryPurpose::CalendarDay => {
            vec![Line::styled(Msg::EffectiveNote.t(app.lang), theme.dim())]
        }
        _ => Vec::new(),
    }
}
