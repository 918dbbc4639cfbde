//! The lock screen: the unit, the date and signing in — nothing of the book (PRODUCT.md §6:
//! a citizen may be sitting across the desk). Drawn instead of everything else.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::keymap::{self, Context};
use crate::app::{App, LockScreen, LockWhy};
use crate::i18n::Msg;

pub fn draw(frame: &mut Frame, app: &App, lock: &LockScreen, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let [top, body, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let mut bar = vec![Span::styled(
        format!(" {} ", Msg::AppName.t(lang)),
        theme.bar(),
    )];
    if app.is_demo {
        bar.push(Span::raw(" "));
        bar.push(Span::styled(
            format!(" {} ", Msg::DemoBadge.t(lang)),
            theme.demo(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(bar)).style(theme.bar()), top);

    let unit = if app.unit.is_empty() {
        Msg::UnitUnset.t(lang).to_owned()
    } else {
        app.unit.clone()
    };
    let title = match lock.why {
        LockWhy::Start | LockWhy::Switch => Msg::SignInTitle,
        LockWhy::Idle | LockWhy::Key => Msg::LockTitle,
    };
    // The note under the title: whose desk is locked, or what a first PIN must be.
    let note = match (lock.officer(), &lock.holder, lock.why) {
        (Some(o), _, _) if !o.has_pin => Some(Msg::SignInFirstPin.fill(lang, &[&o.full_name])),
        (_, Some(h), LockWhy::Idle | LockWhy::Key) if lock.holder_has_form => {
            Some(Msg::LockHeldByForm.fill(lang, &[h]))
        }
        (_, Some(h), LockWhy::Idle | LockWhy::Key) => Some(Msg::LockHeldBy.fill(lang, &[h])),
        (None, _, _) => Some(Msg::SignInNoOfficer.t(lang).to_owned()),
        _ => None,
    };
    let width = body.width.saturating_sub(4).min(68);
    let inner_w = width.saturating_sub(2).max(1);
    // The rows inside the box, by priority: the PIN input(s) and the error line, one
    // officer, the blank lines, more officers, the note. A small terminal drops the last.
    let avail = body.height.saturating_sub(2 + 2);
    let inputs_h: u16 = if lock.setting_pin() { 3 } else { 1 };
    let mut used = inputs_h + 1 + 1;
    let mut take = |n: u16| {
        if avail >= used + n {
            used += n;
            n
        } else {
            0
        }
    };
    let gap_list = take(1);
    let gap_error = take(1);
    let more = (lock.officers.len().clamp(1, 5) as u16 - 1).min(avail.saturating_sub(used));
    used += more;
    let list_h = 1 + more;
    let note_h = note
        .as_ref()
        .map(|n| wrapped_height(n, inner_w) + 1)
        .filter(|h| avail >= used + h)
        .unwrap_or(0);
    let note = note.filter(|_| note_h > 0);
    let box_h = (used + note_h + 2).min(body.height);
    let _ = gap_error;
    // The unit and the date, a blank line, the box: centred in the height there is.
    let head_h = 3.min(body.height.saturating_sub(box_h));
    let pad = body.height.saturating_sub(head_h + box_h) / 2;
    let [_, head, boxed] = body.layout(&Layout::vertical([
        Constraint::Length(pad),
        Constraint::Length(head_h),
        Constraint::Length(box_h),
    ]));
    let day = app.day_label(app.today);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(unit, theme.title())),
            Line::from(day),
        ])
        .alignment(Alignment::Center),
        Rect {
            height: head.height.min(2),
            ..head
        },
    );
    let r = Rect {
        x: boxed.x + (boxed.width.saturating_sub(width)) / 2,
        width,
        ..boxed
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(" {} ", title.t(lang)),
            theme.title(),
        )));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let mut y = inner.y;
    let row = |y: u16, h: u16| Rect {
        x: inner.x,
        y,
        width: inner.width,
        height: h.min(inner.bottom().saturating_sub(y)),
    };
    if let Some(n) = &note {
        let h = note_h - 1;
        frame.render_widget(
            Paragraph::new(n.as_str())
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            row(y, h),
        );
        y += note_h;
    }
    let label_w = 12.min(inner.width / 3);
    let label = |m: Msg, focused: bool| {
        Span::styled(
            m.t(lang).to_owned(),
            if focused {
                theme.label_focused()
            } else {
                theme.label()
            },
        )
    };
    // The officers, a window of them around the one chosen.
    let first = lock
        .selected
        .saturating_sub(list_h as usize - 1)
        .min(lock.officers.len().saturating_sub(list_h as usize));
    if y < inner.bottom() {
        frame.render_widget(
            Paragraph::new(label(Msg::SignInOfficer, false)),
            Rect {
                width: label_w,
                ..row(y, 1)
            },
        );
    }
    for (i, o) in lock
        .officers
        .iter()
        .enumerate()
        .skip(first)
        .take(list_h as usize)
    {
        let yy = y + (i - first) as u16;
        if yy >= inner.bottom() {
            break;
        }
        let chosen = i == lock.selected;
        let text = format!("{} {}", if chosen { "▶" } else { " " }, o.full_name);
        frame.render_widget(
            Paragraph::new(text).style(if chosen {
                theme.selected()
            } else {
                theme.label()
            }),
            Rect {
                x: inner.x + label_w,
                width: inner.width.saturating_sub(label_w),
                ..row(yy, 1)
            },
        );
    }
    y += list_h + gap_list;
    let inputs: Vec<(Msg, &ratatui_textarea::TextArea<'static>)> = match &lock.again {
        Some(again) => vec![(Msg::SignInNewPin, &lock.pin), (Msg::SignInPinAgain, again)],
        None => vec![(Msg::SignInPin, &lock.pin)],
    };
    for (i, (m, ta)) in inputs.into_iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let focused = lock.focus == i;
        frame.render_widget(
            Paragraph::new(label(m, focused)),
            Rect {
                width: label_w,
                ..row(y, 1)
            },
        );
        let input = Rect {
            x: inner.x + label_w,
            width: inner.width.saturating_sub(label_w).min(30),
            ..row(y, 1)
        };
        super::overlays::text_line(frame, ta, input, focused, theme);
        y += 2;
    }
    if let Some(e) = &lock.error {
        let yy = inner.bottom().saturating_sub(1);
        if yy >= inner.y {
            frame.render_widget(
                Paragraph::new(format!("✗ {e}")).style(theme.error()),
                row(yy, 1),
            );
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for b in keymap::bindings(Context::Lock).filter(|b| b.hint) {
        spans.push(Span::styled(keymap::key_label(&b.keys[0]), theme.key()));
        spans.push(Span::raw(format!(" {}  ", b.help.t(lang))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.dim()), hints);
}

/// Lines `text` takes wrapped at `width` (by words, as the paragraph wraps it).
fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = width.max(1) as usize;
    let mut lines = 1u16;
    let mut col = 0usize;
    for word in text.split(' ') {
        let w = unicode_width::UnicodeWidthStr::width(word);
        if col > 0 && col + 1 + w > width {
            lines += 1;
            col = w;
        } else {
            col += if col > 0 { 1 + w } else { w };
        }
    }
    lines
}
