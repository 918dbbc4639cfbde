//! The small forms of a case (a step, a new case) and of the catalogs: label, value, the
//! choices of the focused combobox under it, the error of an input under it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;
use crate::app::{App, Entry, EntryInput, EntryPurpose};
use crate::domain::case;
use crate::i18n::{self, Msg};

pub fn entry(frame: &mut Frame, app: &App, e: &Entry, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let title = match &e.purpose {
        EntryPurpose::Step { code, action, .. } => {
            let name = if *action == case::Action::ClassifyOwn {
                Msg::CmdClassify.t(lang)
            } else {
                i18n::action(*action).t(lang)
            };
            Msg::EntryStepTitle.fill(lang, &[&name, code])
        }
        EntryPurpose::Intake {
            citizen: Some(p), ..
        } => Msg::EntryIntakeFromVisit.fill(lang, &[&i18n::person(lang, &app.viewer, p)]),
        EntryPurpose::Intake { .. } => Msg::EntryIntakeTitle.t(lang).to_owned(),
        EntryPurpose::TimeBar { code, .. } => {
            Msg::EntryStepTitle.fill(lang, &[&Msg::AcTimeBar.t(lang), code])
        }
        EntryPurpose::Rule { seen } => i18n::rule_title(lang, seen),
        EntryPurpose::CalendarDay => Msg::CmdAddDay.t(lang).to_owned(),
        EntryPurpose::RemoveDay { .. } => Msg::CmdRemoveDayTitle.t(lang).to_owned(),
        EntryPurpose::FieldColumn { field_name, .. } => Msg::RollupTitle.fill(lang, &[field_name]),
        EntryPurpose::Dialogue { seen } => crate::app::dialogues::entry_title(lang, seen),
        EntryPurpose::Promise { .. } => Msg::LblPromise.t(lang).to_owned(),
    };
    // Each row: label + value; a focused choice lists its matches below it.
    // Wide enough for the longest label ("Số ngày mỗi lần gia hạn") and a space.
    let longest = e
        .rows
        .iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(r.key.label(&e.purpose).t(lang)))
        .max()
        .unwrap_or(0) as u16;
    let label_w = (longest + 2).max(22);
    let mut lines: Vec<Line> = super::dues::entry_notice(app, e, theme);
    if let Some(n) = &e.notice {
        lines.push(Line::styled(n.clone(), theme.warning()));
    }
    if let EntryPurpose::Rule { seen } = &e.purpose {
        lines.push(Line::styled(
            Msg::RuleEditArticle.fill(lang, &[&seen.article]),
            theme.dim(),
        ));
    }
    let mut cursor = None;
    // The focused input's line (a long form, a dialogue's, scrolls to keep it in sight).
    let mut focus_line = 0u16;
    for (i, row) in e.rows.iter().enumerate() {
        let focused = i == e.focus;
        if focused {
            focus_line = lines.len() as u16;
        }
        let lbl_style = if focused {
            theme.label_focused()
        } else {
            theme.label()
        };
        let mark = if e.error_for(row.key).is_some() {
            "✗"
        } else if focused {
            "▸"
        } else {
            " "
        };
        let label = format!(
            "{mark}{:<w$}",
            row.key.label(&e.purpose).t(lang),
            w = label_w as usize - 1
        );
        let mut value_style = theme.input();
        let value = match &row.input {
            EntryInput::Text(ta) => {
                if focused && ta.is_selecting() {
                    // The first key typed replaces it.
                    value_style = value_style.add_modifier(ratatui::style::Modifier::UNDERLINED);
                }
                let text = ta.lines().join(" ");
                if focused {
                    let col = ta.cursor().1;
                    let before: String = text.chars().take(col).collect();
                    cursor = Some((
                        label_w + unicode_width::UnicodeWidthStr::width(before.as_str()) as u16,
                        lines.len() as u16,
                    ));
                }
                text
            }
            EntryInput::Choice(c) => {
                if focused && !c.query.is_empty() {
                    format!("{} ▾", c.query)
                } else {
                    c.chosen_label().unwrap_or("").to_owned() + if focused { " ▾" } else { "" }
                }
            }
        };
        lines.push(Line::from(vec![
            Span::styled(label, lbl_style),
            Span::styled(value, value_style),
        ]));
        if let Some(err) = e.error_for(row.key) {
            // Wrapped under the value: the words that say what to do are never cut off.
            let room = area.width.min(96).saturating_sub(label_w + 4);
            for (i, part) in super::overlays::wrap_words(err, room).iter().enumerate() {
                let mark = if i == 0 { "✗ " } else { "  " };
                lines.push(Line::from(Span::styled(
                    format!("{:w$}{mark}{part}", "", w = label_w as usize),
                    theme.error(),
                )));
            }
        }
        if focused
            && let EntryInput::Choice(c) = &row.input
            && c.is_open()
        {
            let hl = c.shown_highlight();
            for (j, o) in c.matches().iter().enumerate() {
                let style = if j == hl {
                    theme.selected()
                } else {
                    theme.label()
                };
                lines.push(Line::from(vec![
                    Span::raw(format!("{:w$}", "", w = label_w as usize)),
                    Span::styled(
                        format!("{} {}", if j == hl { "▶" } else { " " }, o.label),
                        style,
                    ),
                ]));
            }
        }
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = super::popup(frame, area, area.width.min(96), h);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(" {title} "),
            theme.title(),
        )));
    let inner = block.inner(r);
    let scroll = (focus_line + 1).saturating_sub(inner.height);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), r);
    if let Some((x, y)) = cursor
        && y >= scroll
        && y - scroll < inner.height
        && x < inner.width
    {
        frame.set_cursor_position((inner.x + x, inner.y + y - scroll));
    }
}
