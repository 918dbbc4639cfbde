//! A case in full: who, what, where it stands, its timeline, its due dates and the steps the
//! law allows now. A denunciation shows its pseudonym unless the officer revealed the identity.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::queue::citizen_label;
use super::theme::Theme;
use crate::app::keymap::{self, Context};
use crate::app::{App, CaseView, Command};
use crate::domain::case;
use crate::domain::date::format_date;
use crate::domain::identity::Place;
use crate::i18n::{self, Lang, Msg};

/// The keys of the steps the law allows now, as "a thụ lý · x không thụ lý".
fn next_steps(lang: Lang, v: &CaseView, theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for b in keymap::bindings(Context::Steps) {
        let Command::Step(a) = b.cmd else { continue };
        if !case::key_allowed(&v.facts, a) {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(keymap::key_label(&b.keys[0]), theme.key()));
        spans.push(Span::raw(format!(" {}", b.help.t(lang))));
    }
    if spans.is_empty() {
        spans.push(Span::styled(Msg::CaseNoSteps.t(lang), theme.dim()));
    }
    spans
}

pub fn case_detail(frame: &mut Frame, app: &App, v: &CaseView, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let d = &v.detail;
    let r = &d.row;
    let label = |m: Msg| Span::styled(format!("{:<22}", m.t(lang)), theme.header());
    let mut lines = Vec::new();
    let masked = v.masked(&app.viewer);
    // The case in full: the citizen's particulars whole, as the identity rule lets them out.
    let viewer = &app.viewer;
    let who = [
        Some(citizen_label(app, r)),
        viewer.id_number(&r.citizen, Place::Detail),
        viewer.phone(&r.citizen, Place::Detail),
        viewer.address(&r.citizen).map(str::to_owned),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let mut who_line = vec![label(Msg::CaseCitizen), Span::raw(who)];
    if masked {
        who_line.push(Span::styled(
            format!("   [{}]", Msg::CaseRevealHint.t(lang)),
            theme.warning(),
        ));
    } else if r.citizen.is_confidential() {
        // Revealed (or self-disclosed): a denouncer's name on screen is marked.
        who_line.push(Span::styled(" ⚠", theme.warning()));
    }
    lines.push(Line::from(who_line));
    lines.push(Line::from(vec![
        label(Msg::LblPetitionType),
        Span::raw(format!(
            "{} · {} {} · {}",
            i18n::case_type(r.case_type).t(lang),
            Msg::CaseRound.t(lang),
            r.round,
            r.field_name
        )),
    ]));
    lines.push(Line::from(vec![
        label(Msg::ColStatus),
        Span::styled(i18n::case_status(r.status).t(lang), theme.title()),
        Span::raw(match d.outcome {
            Some(o) => format!(" — {}", i18n::outcome(o).t(lang)),
            None => String::new(),
        }),
    ]));
    let mut flags = Vec::new();
    if d.complex {
        flags.push(Msg::CaseComplex.t(lang).to_owned());
    }
    if d.remote {
        flags.push(Msg::CaseRemote.t(lang).to_owned());
    }
    if d.extensions > 0 {
        flags.push(Msg::CaseExtensions.fill(lang, &[&d.extensions]));
    }
    flags.extend(super::dues::flags(app, d));
    flags.push(
        match d.own_authority {
            Some(true) => Msg::CaseOwn,
            Some(false) => Msg::CaseNotOwn,
            None => Msg::CaseUnclassified,
        }
        .t(lang)
        .to_owned(),
    );
    lines.push(Line::from(vec![
        label(Msg::CaseFlags),
        Span::raw(flags.join(" · ")),
    ]));
    let mut dates = vec![Msg::CaseReceived.fill(lang, &[&format_date(r.received_on)])];
    if let Some(a) = d.accepted_on {
        dates.push(Msg::CaseAccepted.fill(lang, &[&format_date(a)]));
    }
    if let Some(x) = d.resolved_on {
        dates.push(Msg::CaseResolved.fill(lang, &[&format_date(x)]));
    }
    dates.extend(super::dues::dates(app, d));
    lines.push(Line::from(vec![
        label(Msg::CaseDates),
        Span::raw(dates.join(" · ")),
    ]));
    lines.extend(super::dues::case_lines(app, v, theme));
    let mut source = i18n::case_source(d.source).t(lang).to_owned();
    if !d.forwarded_by.is_empty() || !d.forwarding_doc.is_empty() {
        source.push_str(": ");
        source.push_str(&Msg::CaseForwarded.fill(lang, &[&d.forwarded_by, &d.forwarding_doc]));
    }
    lines.push(Line::from(vec![
        label(Msg::CaseSourceLbl),
        Span::raw(source),
    ]));
    lines.push(Line::from(vec![
        label(Msg::CaseOfficer),
        Span::raw(r.officer_name.clone().unwrap_or_else(|| "—".into())),
    ]));
    let mut links = Vec::new();
    if let Some(p) = &d.previous_code {
        links.push(Msg::CasePrevious.fill(lang, &[p]));
    }
    if let Some(n) = &d.next_code {
        links.push(Msg::CaseNext.fill(lang, &[n]));
    }
    if !links.is_empty() {
        lines.push(Line::from(vec![
            label(Msg::CaseLinks),
            Span::raw(links.join(" · ")),
        ]));
    }
    lines.push(Line::from(vec![
        label(Msg::LblSummary),
        Span::raw(r.summary.clone()),
    ]));
    if !d.visits.is_empty() {
        lines.push(Line::from(Span::styled(
            Msg::CaseVisits.t(lang),
            theme.header(),
        )));
        for (day, time, content) in &d.visits {
            lines.push(Line::raw(format!(
                "  {} {time}  {}",
                format_date(*day),
                content.lines().next().unwrap_or_default()
            )));
        }
    }
    lines.push(Line::from(Span::styled(
        Msg::CaseTimeline.t(lang),
        theme.header(),
    )));
    for e in &v.events {
        let mut text = format!(
            "  {}  {}",
            format_date(e.day),
            i18n::action(e.action).t(lang)
        );
        if e.from_status != Some(e.to_status) {
            text.push_str(&format!(" → {}", i18n::case_status(e.to_status).t(lang)));
        }
        if let Some(o) = e.outcome {
            text.push_str(&format!(" ({})", i18n::outcome(o).t(lang)));
        }
        if let Some(reason) = e.reason {
            text.push_str(&format!(" ({})", i18n::refusal_reason(reason).t(lang)));
        }
        if !e.agency.is_empty() {
            text.push_str(&format!(" · {}", e.agency));
        }
        if !e.document_no.is_empty() {
            text.push_str(&format!(
                " · {} {}",
                Msg::LblDocumentNo.t(lang),
                e.document_no
            ));
        }
        if !e.facts.is_empty() {
            text.push_str(&format!(" · {}", i18n::event_facts(lang, &e.facts)));
        }
        if !e.note.is_empty() {
            text.push_str(&format!(" · {}", e.note));
        }
        if let Some(o) = &e.officer_name {
            text.push_str(&format!(" — {o}"));
        }
        lines.push(Line::raw(text));
    }
    if !v.dialogues.is_empty() {
        lines.push(Line::from(Span::styled(
            Msg::CaseDialogues.t(lang),
            theme.header(),
        )));
        for dl in &v.dialogues {
            lines.push(Line::raw(format!(
                "  {}",
                super::dialogues::one_line(lang, dl)
            )));
            for (lbl, text) in [(Msg::LblAgreed, &dl.agreed), (Msg::LblDiffer, &dl.differ)] {
                if !text.is_empty() {
                    lines.push(Line::raw(format!(
                        "    {}: {}",
                        lbl.t(lang),
                        crate::domain::text::one_line(text)
                    )));
                }
            }
        }
    }
    lines.push(Line::raw(""));
    let mut steps = vec![Span::styled(
        format!("{}: ", Msg::CaseNextSteps.t(lang)),
        theme.header(),
    )];
    steps.extend(next_steps(lang, v, theme));
    lines.push(Line::from(steps));

    let r2 = super::popup(frame, area, area.width, area.height);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(
                " {} ",
                Msg::CaseTitle.fill(lang, &[&r.code, &i18n::case_status(r.status).t(lang)])
            ),
            theme.title(),
        )));
    // Scrolled (↑↓ PgUp PgDn) for a long timeline; never past the last line.
    let scroll = v.scroll.min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        r2,
    );
}
