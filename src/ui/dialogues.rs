//! Dialogues (issue 29): a dialogue in one line (the case view's history, the list), and
//! the head's public dialogues with the answers promised under each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::overlays::titled;
use super::theme::Theme;
use crate::app::{App, DialogueLine, DialoguesView};
use crate::domain::date::format_date;
use crate::domain::dialogue::{Dialogue, DialogueKind};
use crate::i18n::{self, Lang, Msg};

/// A dialogue in one line: its day (held, else planned), time, place, how it ended or that it
/// is planned, the notice (a complaint's), the people (a public one's), the minutes.
pub fn one_line(lang: Lang, d: &Dialogue) -> String {
    let day = d.held_on.unwrap_or(d.planned_on);
    let at = if d.time.is_empty() {
        format_date(day)
    } else {
        format!("{} {}", format_date(day), d.time)
    };
    let state = if d.cancelled {
        Msg::DlgCancelled.t(lang).to_owned()
    } else {
        match (d.held_on, d.outcome) {
            (Some(_), Some(o)) => i18n::dialogue_outcome(o).t(lang).to_owned(),
            (Some(_), None) => Msg::DoHeld.t(lang).to_owned(),
            (None, _) => Msg::DlgPlanned.t(lang).to_owned(),
        }
    };
    let place = if d.place.is_empty() { "…" } else { &d.place };
    let mut text = Msg::HistDialogue.fill(lang, &[&at, &place, &state]);
    if d.kind == DialogueKind::Complaint {
        let notice = match d.notice_sent_on {
            Some(n) if d.notice_no.is_empty() => format_date(n),
            Some(n) => format!("{} {}", format_date(n), d.notice_no),
            None => Msg::HistDialogueNoNotice.t(lang).to_owned(),
        };
        text.push_str(" · ");
        if d.notice_sent_on.is_some() {
            text.push_str(&Msg::HistDialogueNotice.fill(lang, &[&notice]));
        } else {
            text.push_str(&notice);
        }
    }
    // Who took part is counted once held.
    let people = d.people_counted();
    if d.held_on.is_some() && people > 0 {
        text.push_str(&format!(" · {}", Msg::DlgPeople.fill(lang, &[&people])));
    }
    if let Some(s) = d.signed {
        text.push_str(&format!(" · {}", i18n::minutes_signed(s).t(lang)));
    }
    text
}

pub fn draw(frame: &mut Frame, app: &App, v: &DialoguesView, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let mut lines: Vec<Line> = Vec::new();
    if v.lines.is_empty() {
        lines.push(Line::styled(Msg::DlgNone.t(lang).to_owned(), theme.dim()));
    }
    let mut sel_line = 0;
    for (i, l) in v.lines.iter().enumerate() {
        let mark = if i == v.sel { "▶" } else { " " };
        if i == v.sel {
            sel_line = lines.len();
        }
        let (text, style) = match l {
            DialogueLine::Dialogue(d) => {
                // Whom it was for and what about, on a line of their own.
                let about: Vec<String> = [&d.audience, &d.topics]
                    .iter()
                    .filter(|t| !t.is_empty())
                    .map(|t| crate::domain::text::one_line(t))
                    .collect();
                if !about.is_empty() {
                    let mut line = Line::from(Span::styled(
                        format!("{mark} {}", one_line(lang, d)),
                        theme.label(),
                    ));
                    if i == v.sel {
                        line = line.patch_style(theme.selected());
                    }
                    lines.push(line);
                    (format!("    {}", about.join(" · ")), theme.dim())
                } else {
                    (format!("{mark} {}", one_line(lang, d)), theme.label())
                }
            }
            DialogueLine::Promise(p) => {
                let (state, style) = match p.answered_on {
                    Some(a) => (
                        Msg::DlgPromiseDone.fill(lang, &[&format_date(a)]),
                        theme.dim(),
                    ),
                    None if p.due_on < app.today => (
                        Msg::DlgPromiseOpen.fill(lang, &[&format_date(p.due_on)]),
                        theme.error(),
                    ),
                    None => (
                        Msg::DlgPromiseOpen.fill(lang, &[&format_date(p.due_on)]),
                        theme.warning(),
                    ),
                };
                let owner = if p.owner.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", p.owner)
                };
                (
                    format!(
                        "{mark}   • {}{owner} — {state}",
                        crate::domain::text::one_line(&p.text)
                    ),
                    style,
                )
            }
        };
        let mut line = Line::from(Span::styled(text, style));
        if i == v.sel {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    let inner = area.height.saturating_sub(2) as usize;
    let scroll = (sel_line + 2).saturating_sub(inner) as u16;
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(titled(Msg::CtxDialogues.t(lang).to_owned(), theme))
            .scroll((scroll, 0)),
        area,
    );
}
