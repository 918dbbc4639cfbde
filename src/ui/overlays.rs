//! Small overlays: the visit detail, one-line prompts, yes/no questions, first-start setup
//! and the officer picker.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::theme::Theme;
use crate::app::{App, Picker, PickerRow, Prompt, PromptPurpose, Question, Setup};
use crate::domain::date::{format_date, format_stamp};
use crate::domain::identity::Place;
use crate::i18n::{self, Msg};
use crate::store::VisitDetail;

pub(super) fn titled<'a>(text: String, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(format!(" {text} "), theme.title())))
}

pub fn detail(frame: &mut Frame, app: &App, d: &VisitDetail, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let r = &d.row;
    let label = |m: Msg| Span::styled(format!("{:<24}", m.t(lang)), theme.header());
    let line = |m: Msg, v: String| Line::from(vec![label(m), Span::raw(v)]);
    let mut session = i18n::reception_form(r.form).t(lang).to_owned();
    match (d.presiding.is_empty(), d.presider_role) {
        (true, _) => {}
        // "Định kỳ — Chủ tịch Lê Văn Hùng (trực tiếp)": who, and as the head or a delegate.
        (false, Some(role)) => session.push_str(&format!(
            " — {} ({})",
            d.presiding,
            i18n::presider_role_short(role).t(lang)
        )),
        (false, None) => session.push_str(&format!(
            " — {}: {}",
            Msg::LblPresiding.t(lang),
            d.presiding
        )),
    }
    // A denouncer stays hidden until an explicit, audited reveal (Luật Tố cáo Art 8(3)); the
    // identity rule gives each particular, or nothing.
    let masked = app.visit_masked(d);
    let v = &app.viewer;
    let p = &r.citizen;
    let or_hidden = |value: Option<String>| match value {
        Some(x) => x,
        None if masked => Msg::DenouncerHidden.t(lang).to_owned(),
        None => "—".to_owned(),
    };
    let id = v.id_number(p, Place::Detail).map(|n| match v.id_kind(p) {
        Some(k) => format!("{n} ({})", k.to_uppercase()),
        None => n,
    });
    let name = i18n::person(lang, v, p);
    let mut lines = vec![];
    if let Some(reason) = &r.void_reason {
        lines.push(Line::styled(
            format!("[{}: {reason}]", Msg::VoidedMark.t(lang)),
            theme.error(),
        ));
    }
    if masked {
        lines.push(Line::styled(
            format!("[{}]", Msg::CaseRevealHint.t(lang)),
            theme.warning(),
        ));
    }
    lines.extend([
        line(Msg::LblFullName, name.clone()),
        line(Msg::LblIdNumber, or_hidden(id)),
        line(Msg::LblPhone, or_hidden(v.phone(p, Place::Detail))),
        line(Msg::LblAddress, or_hidden(v.address(p).map(str::to_owned))),
        line(Msg::LblPeople, r.people.to_string()),
    ]);
    if let Some(reps) = v.representatives(p) {
        lines.push(line(Msg::LblRepresentatives, reps.join("; ")));
    }
    lines.extend([
        line(Msg::DetailSession, session),
        line(
            Msg::LblPetitionType,
            i18n::petition_type(r.petition_type).t(lang).to_owned(),
        ),
        line(Msg::LblField, r.field_name.clone()),
        line(Msg::LblContent, String::new()),
    ]);
    for l in r.content.lines() {
        lines.push(Line::from(format!("  {l}")));
    }
    if !d.requests.is_empty() {
        lines.push(line(Msg::LblRequests, d.requests.clone()));
    }
    if let Some(g) = d.refusal_ground {
        lines.push(Line::styled(
            Msg::HistRefused.fill(lang, &[&i18n::refusal_ground(g).t(lang), &g.rule().article]),
            theme.warning(),
        ));
        if d.refusal_notice_owed() {
            lines.push(Line::styled(
                Msg::HistNoticeOwed.t(lang).to_owned(),
                theme.warning(),
            ));
        } else if let Some(on) = d.refusal_notice_on {
            lines.push(Line::from(
                Msg::HistNoticeIssued.fill(lang, &[&format_date(on)]),
            ));
        }
    }
    if let Some(a) = d.account_read {
        lines.push(line(
            Msg::LblAccountRead,
            i18n::account_read(a).t(lang).to_owned(),
        ));
    }
    lines.extend([
        line(Msg::LblPriorAgencies, d.prior_agencies.clone()),
        line(
            Msg::LblHandling,
            if d.transfer_agency.is_empty() {
                i18n::handling(r.handling).t(lang).to_owned()
            } else {
                format!(
                    "{} → {}",
                    i18n::handling(r.handling).t(lang),
                    d.transfer_agency
                )
            },
        ),
        line(
            Msg::DetailCase,
            r.case_code.clone().unwrap_or_else(|| "—".into()),
        ),
        line(Msg::LblNote, d.note.clone()),
    ]);
    if !d.documents.is_empty() {
        lines.push(line(Msg::LblDocuments, String::new()));
        for doc in &d.documents {
            let mut s = format!("  – {}, {}", doc.what, doc.kind.words());
            if let Some(p) = doc.pages {
                s.push_str(&format!(", {p} tờ"));
            }
            if !doc.state.is_empty() {
                s.push_str(&format!(", {}", doc.state));
            }
            lines.push(Line::from(s));
        }
    }
    lines.extend([
        line(Msg::LblPetitions, d.petitions.to_string()),
        line(Msg::ColOfficer, r.officer_name.clone()),
        line(
            Msg::DetailVisits,
            d.citizen_visits
                .map(|n| n.to_string())
                .unwrap_or_else(|| "—".into()),
        ),
        line(Msg::DetailCreated, format_stamp(&d.created_at)),
    ]);
    if d.updated_at != d.created_at {
        lines.push(line(Msg::DetailUpdated, format_stamp(&d.updated_at)));
    }
    let title = Msg::DetailTitle.fill(
        lang,
        &[&format!("{} {}", format_date(d.day), r.time), &name],
    );
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(titled(title, theme))
            .wrap(Wrap { trim: false }),
        area,
    );
}

pub(super) fn text_line(
    frame: &mut Frame,
    ta: &TextArea<'static>,
    area: Rect,
    focused: bool,
    theme: &Theme,
) {
    frame.render_widget(Block::default().style(theme.input()), area);
    if focused {
        frame.render_widget(ta, area);
        let c = ta.screen_cursor();
        let col = (c.col as u16).saturating_sub(ta.scroll_offset().1);
        if col < area.width {
            frame.set_cursor_position(Position {
                x: area.x + col,
                y: area.y,
            });
        }
    } else {
        // A PIN stays masked when its input is not focused.
        let text = match ta.mask_char() {
            Some(m) => m.to_string().repeat(ta.lines().join("").chars().count()),
            None => ta.lines().join(" "),
        };
        frame.render_widget(Paragraph::new(text).style(theme.input()), area);
    }
}

pub fn prompt(frame: &mut Frame, app: &App, p: &Prompt, area: Rect, theme: &Theme) {
    let lang = app.lang;
    if let PromptPurpose::AckRecovery { code } = &p.purpose {
        return recovery_code(frame, app, p, &code.0, area, theme);
    }
    let (title, question) = match p.purpose {
        PromptPurpose::GotoDate => (Msg::CmdGotoDate, Msg::GotoDatePrompt),
        PromptPurpose::NewOfficer => (Msg::PickOfficerAdd, Msg::SetupOfficer),
        PromptPurpose::VoidVisit { .. } => (Msg::CmdVoid, Msg::VoidPrompt),
        PromptPurpose::ExportBook => (Msg::CmdExportBook, Msg::BookExportPrompt),
        PromptPurpose::UnlockUnit => (Msg::KeysUnlockTitle, Msg::KeysUnlockPrompt),
        PromptPurpose::SetPassphrase { first: None, .. } => (Msg::KeysSetTitle, Msg::KeysSetPrompt),
        PromptPurpose::SetPassphrase { .. } => (Msg::KeysSetTitle, Msg::KeysSetAgain),
        PromptPurpose::AckRecovery { .. } => (Msg::KeysAckTitle, Msg::KeysAckPrompt),
    };
    let width = match p.purpose {
        PromptPurpose::ExportBook => 66,
        _ => 56,
    };
    let r = super::popup(frame, area, width, 6);
    let block = titled(title.t(lang).trim_start_matches("+ ").to_owned(), theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    frame.render_widget(
        Paragraph::new(question.t(lang)),
        Rect { height: 1, ..inner },
    );
    let input = Rect {
        y: inner.y + 1,
        height: 1,
        ..inner
    };
    text_line(frame, &p.input, input, true, theme);
    if let Some(e) = &p.error {
        frame.render_widget(
            Paragraph::new(format!("✗ {e}"))
                .style(theme.error())
                .wrap(Wrap { trim: true }),
            Rect {
                y: inner.y + 2,
                height: inner.height.saturating_sub(2),
                ..inner
            },
        );
    }
}

/// The recovery code, shown once: what it is for, the code, and the input that acknowledges
/// it (its last group typed).
fn recovery_code(frame: &mut Frame, app: &App, p: &Prompt, code: &str, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let r = super::popup(frame, area, 64, 12);
    let block = titled(Msg::KeysAckTitle.t(lang).to_owned(), theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let line = |y: u16, h: u16| Rect {
        y: inner.y + y,
        height: h.min(inner.height.saturating_sub(y)),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Msg::KeysAckExplain.t(lang)).wrap(Wrap { trim: true }),
        line(0, 3),
    );
    frame.render_widget(
        Paragraph::new(code.to_owned())
            .style(theme.title())
            .alignment(ratatui::layout::Alignment::Center),
        line(4, 1),
    );
    frame.render_widget(Paragraph::new(Msg::KeysAckPrompt.t(lang)), line(6, 1));
    text_line(frame, &p.input, line(7, 1), true, theme);
    if let Some(e) = &p.error {
        frame.render_widget(
            Paragraph::new(format!("✗ {e}"))
                .style(theme.error())
                .wrap(Wrap { trim: true }),
            line(8, 2),
        );
    }
}

pub fn confirm(frame: &mut Frame, app: &App, q: &Question, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let text = match q {
        Question::DiscardForm => Msg::ConfirmDiscard.t(lang).to_owned(),
        Question::QuitWithForm => Msg::ConfirmQuitForm.t(lang).to_owned(),
        Question::RestoreDraft { draft: d, more, .. } => {
            // A denunciation's draft names nobody (Luật Tố cáo Art 8(3)).
            let p = crate::domain::identity::Person::of(
                d.full_name.trim(),
                crate::domain::identity::Context::of_draft(d),
            );
            let who = if d.full_name.trim().is_empty() {
                d.time.clone()
            } else {
                format!("{} — {}", d.time, i18n::person(lang, &app.viewer, &p))
            };
            let mut text = Msg::RestoreDraft.fill(lang, &[&who]);
            if *more > 0 {
                text.push_str(&Msg::RestoreDraftMore.fill(lang, &[more]));
            }
            text
        }
        Question::DiscardEntry => Msg::ConfirmDiscard.t(lang).to_owned(),
        Question::DisableOfficer(o) => Msg::AskDisableOfficer.fill(lang, &[&o.full_name]),
        Question::EnableOfficer(o) => Msg::AskEnableOfficer.fill(lang, &[&o.full_name]),
        Question::CarryOver(c) => c.question(lang),
        Question::RestoreEntry { draft, more, .. } => {
            let mut text = Msg::RestoreDraft.fill(lang, &[&draft.what]);
            if *more > 0 {
                text.push_str(&Msg::RestoreDraftMore.fill(lang, &[more]));
            }
            text
        }
        Question::ConfirmStep(p) => {
            Msg::AskStep.fill(lang, &[&crate::i18n::action(p.action).t(lang), &p.code])
        }
        Question::Reveal { code, .. } => Msg::AskReveal.fill(lang, &[code]),
        Question::RevealVisit { .. } => Msg::AskRevealVisit.t(lang).to_owned(),
        Question::NameClash(c) => Msg::AskNameClash.fill(
            lang,
            &[&i18n::person(lang, &app.viewer, &c.stored), &c.typed],
        ),
        Question::SharedCase { code, others, what } => {
            let m = if *what == crate::store::EditWhat::Type {
                Msg::AskSharedCaseType
            } else {
                Msg::AskSharedCase
            };
            m.fill(lang, &[code, others, &i18n::shared_what(*what).t(lang)])
        }
        Question::LinkRepeat(l) => Msg::AskLinkRepeat.fill(
            lang,
            &[
                &i18n::person(lang, &app.viewer, &l.citizen),
                &l.code,
                &l.field,
            ],
        ),
        Question::ConfirmYear(y) => Msg::AskConfirmYear.fill(lang, &[y]),
        Question::ClosePeriod(p) => Msg::AskClosePeriod.fill(lang, &[&i18n::period_full(lang, p)]),
        Question::OverwriteBook(job) => Msg::CliExportExists.fill(lang, &[&job.path.display()]),
        Question::NewVisitDay { shown, today } => Msg::AskNewVisitDay.fill(
            lang,
            &[
                &app.day_label(*shown),
                &format_date(*today),
                &format_date(*shown),
            ],
        ),
    };
    // As tall as its words need: a long question is never cut before the keys it names.
    let w = 64.min(area.width);
    let h = wrapped_lines(&text, w.saturating_sub(2)) + 2;
    let r = super::popup(frame, area, w, h.max(6));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.warning());
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.warning())
            .block(block)
            .wrap(Wrap { trim: true }),
        r,
    );
}

pub fn setup(frame: &mut Frame, app: &App, s: &Setup, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let r = super::popup(frame, area, 70, 17);
    let block = titled(Msg::SetupTitle.t(lang).to_owned(), theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let intro_h = 3.min(inner.height);
    frame.render_widget(
        Paragraph::new(Msg::SetupIntro.t(lang)).wrap(Wrap { trim: true }),
        Rect {
            height: intro_h,
            ..inner
        },
    );
    let label_w = 27.min(inner.width / 2);
    for (i, (label, ta)) in [
        (Msg::SetupUnit, &s.unit),
        (Msg::SetupDesk, &s.desk),
        (Msg::SetupOfficer, &s.officer),
        (Msg::SetupPin, &s.pin),
        (Msg::SetupPinAgain, &s.again),
    ]
    .into_iter()
    .enumerate()
    {
        let y = inner.y + intro_h + 1 + i as u16 * 2;
        if y >= inner.bottom() {
            break;
        }
        let style = if s.focus == i {
            theme.label_focused()
        } else {
            theme.label()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(label.t(lang), style)),
            Rect {
                x: inner.x,
                y,
                width: label_w,
                height: 1,
            },
        );
        let input = Rect {
            x: inner.x + label_w,
            y,
            width: inner.width - label_w,
            height: 1,
        };
        text_line(frame, ta, input, s.focus == i, theme);
        // Its problem on the line under it: every input's at once.
        if let Some(e) = s.error_of(i)
            && y + 1 < inner.bottom()
        {
            frame.render_widget(
                Paragraph::new(format!("✗ {e}")).style(theme.error()),
                Rect {
                    y: y + 1,
                    height: 1,
                    ..input
                },
            );
        }
    }
}

pub fn picker(frame: &mut Frame, app: &App, p: &Picker, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let name = |o: &crate::store::Officer| {
        let mut s = o.full_name.clone();
        if !o.title.is_empty() {
            s.push_str(&format!(" — {}", o.title));
        }
        s
    };
    let items: Vec<ListItem> = (0..p.rows())
        .filter_map(|i| p.row(i))
        .map(|row| match row {
            PickerRow::Active(o) => ListItem::new(name(o)),
            PickerRow::Add => ListItem::new(Msg::PickOfficerAdd.t(lang)).style(theme.dim()),
            // Marked in words, not by colour alone.
            PickerRow::Disabled(o) => ListItem::new(format!(
                "{} ({})",
                name(o),
                Msg::PickOfficerDisabledMark.t(lang)
            ))
            .style(theme.dim()),
        })
        .collect();
    let h = items.len() as u16 + 2;
    let r = super::popup(frame, area, 60, h);
    let list = List::new(items)
        .block(titled(Msg::PickOfficerTitle.t(lang).to_owned(), theme))
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(p.selected);
    frame.render_stateful_widget(list, r, &mut state);
}

/// How many lines `text` takes when word-wrapped to `width` cells (as `Wrap { trim: true }`
/// lays it out; a word longer than the line takes as many lines as it needs).
pub(crate) fn wrapped_lines(text: &str, width: u16) -> u16 {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(width.max(1));
    let mut lines = 0usize;
    for para in text.split('\n') {
        let mut used = 0usize;
        lines += 1;
        for word in para.split_whitespace() {
            let w = word.width();
            if used == 0 {
                used = w;
            } else if used + 1 + w <= width {
                used += 1 + w;
            } else {
                lines += 1;
                used = w;
            }
            while used > width {
                lines += 1;
                used -= width;
            }
        }
    }
    u16::try_from(lines).unwrap_or(u16::MAX)
}

/// `text` word-wrapped to lines of at most `width` cells (a longer word stands alone).
pub(crate) fn wrap_words(text: &str, width: u16) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(width.max(1));
    let mut out: Vec<String> = vec![];
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}
