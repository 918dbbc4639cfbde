//! Rendering only: a function of `&App`. No SQL, no state changes (scroll offsets aside).
//!
//! Frame: a tab bar on top, the pane, a status line (unit, officer, date, message) and the
//! key-hint bar generated from the keymap table. Overlays draw over the pane.

mod audit;
mod board;
mod case;
pub mod columns;
mod dialogues;
mod dues;
mod entry;
mod form;
mod help;
pub mod key_card;
mod lock;
mod log;
mod lookup;
mod messages;
mod overlays;
mod papers;
mod queue;
mod report;
mod report_records;
mod schedule;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::keymap::{self, Context};
use crate::app::{App, MIN_HEIGHT, MIN_WIDTH, Overlay, Pane, StatusKind};
use crate::i18n::Msg;
use theme::Theme;

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme::new(app.no_color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = Msg::TooSmall.fill(
            app.lang,
            &[&area.width, &area.height, &MIN_WIDTH, &MIN_HEIGHT],
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        make_safe(frame);
        return;
    }
    // Locked, or nobody signed in yet: the lock screen and nothing else.
    if let Some(lock) = &app.lock {
        lock::draw(frame, app, lock, area, &theme);
        make_safe(frame);
        return;
    }
    let [top, body, status, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    draw_tabs(frame, app, top, &theme);
    match app.pane {
        Pane::Log => log::draw(frame, app, body, &theme),
        Pane::Queue => queue::draw(frame, app, body, &theme),
        Pane::Board => board::draw(frame, app, body, &theme),
        Pane::Catalog => board::catalog(frame, app, body, &theme),
        Pane::Lookup => lookup::draw(frame, app, body, &theme, false),
        Pane::Report => report::draw(frame, app, body, &theme),
    }
    for overlay in &app.overlays {
        match overlay {
            Overlay::Form(f) => form::draw(frame, app, f, body, &theme),
            Overlay::Detail(d) => overlays::detail(frame, app, d, body, &theme),
            Overlay::Prompt(p) => overlays::prompt(frame, app, p, body, &theme),
            Overlay::Confirm(q) => overlays::confirm(frame, app, q, body, &theme),
            Overlay::Setup(s) => overlays::setup(frame, app, s, body, &theme),
            Overlay::Picker(p) => overlays::picker(frame, app, p, body, &theme),
            Overlay::Help => help::draw(frame, app, body, &theme),
            Overlay::Case(v) => case::case_detail(frame, app, v, body, &theme),
            Overlay::Entry(e) => entry::entry(frame, app, e, body, &theme),
            Overlay::Explain(v) => board::explain(frame, app, v, body, &theme),
            Overlay::Lookup => lookup::draw(frame, app, body, &theme, true),
            Overlay::History(h) => lookup::history(frame, app, h, body, &theme),
            Overlay::Report(o) => report_records::overlay(frame, app, o, body, &theme),
            Overlay::Messages(scroll) => messages::draw(frame, app, *scroll, body, &theme),
            Overlay::Audit(view) => audit::draw(frame, app, view, body, &theme),
            Overlay::Schedule(v) => schedule::draw(frame, app, v, body, &theme),
            Overlay::Dialogues(v) => dialogues::draw(frame, app, v, body, &theme),
            Overlay::Papers(v) => papers::draw(frame, app, v, body, &theme),
        }
    }
    draw_status(frame, app, status, &theme);
    draw_hints(frame, app, hints, &theme);
    make_safe(frame);
}

/// Whatever is stored, nothing that reaches the terminal can steer it: a cell holding a
/// control or a bidirectional override (written past the app, or by an older version) is
/// drawn without it. One pass over the frame, so no drawing code can forget it.
fn make_safe(frame: &mut Frame) {
    for cell in frame.buffer_mut().content.iter_mut() {
        if cell.symbol().chars().any(crate::domain::text::is_unsafe) {
            let safe = crate::domain::text::printable(cell.symbol()).into_owned();
            cell.set_symbol(if safe.is_empty() { " " } else { &safe });
        }
    }
}

fn draw_tabs(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let mut spans = vec![Span::styled(
        format!(" {} ", Msg::AppName.t(app.lang)),
        theme.bar(),
    )];
    // Full titles when they fit, short ones on a narrow terminal.
    let full: usize = Pane::ALL
        .iter()
        .map(|p| p.title().t(app.lang).chars().count() + 5)
        .sum::<usize>()
        + 24;
    let short = (area.width as usize) < full;
    for pane in Pane::ALL.iter() {
        let title = if short {
            pane.short_title()
        } else {
            pane.title()
        };
        let text = format!(" {} {} ", pane.key(), title.t(app.lang));
        if *pane == app.pane {
            spans.push(Span::styled(format!("▸{text}"), theme.tab_active()));
        } else {
            spans.push(Span::styled(format!(" {text}"), theme.bar()));
        }
    }
    if app.is_demo {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!(" {} ", Msg::DemoBadge.t(app.lang)),
            theme.demo(),
        ));
    }
    if app.store.is_read_only() {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!(" {} ", Msg::ReadOnlyBadge.t(app.lang)),
            theme.demo(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.bar()), area);
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let unit = if app.unit.is_empty() {
        Msg::UnitUnset.t(lang).to_owned()
    } else {
        app.unit.clone()
    };
    let officer = app.actor.as_ref().map(|a| a.name()).unwrap_or("—");
    let mut spans = vec![
        Span::raw(format!(" {unit}")),
        Span::styled(" │ ", theme.dim()),
        Span::raw(format!("{}: {officer}", Msg::StatusOfficer.t(lang))),
        Span::styled(" │ ", theme.dim()),
        Span::raw(
            app.day_label(app.today)
                .replace(&format!(" ({})", Msg::TodayMark.t(lang)), ""),
        ),
    ];
    // A message goes first, so a narrow terminal still shows it whole; one longer than the
    // line is cut at a word and says where the rest is (F2: the messages in full).
    if let Some(st) = &app.status {
        let style = match st.kind {
            StatusKind::Info => theme.ok(),
            StatusKind::Error => theme.error(),
        };
        let mark = match st.kind {
            StatusKind::Info => "✓ ",
            StatusKind::Error => "✗ ",
        };
        let text = format!("{mark}{}", st.text);
        // One cell before it, and room for " │" after it.
        let room = area.width.saturating_sub(3);
        let text = if columns::width(&text) > room {
            let more = format!(" {}", Msg::StatusMore.t(lang));
            format!(
                " {}{more}",
                columns::clip(&text, room.saturating_sub(columns::width(&more)))
            )
        } else {
            format!(" {text}")
        };
        spans.insert(0, Span::styled(" │", theme.dim()));
        spans.insert(0, Span::styled(text, style));
    }
    // Then the deadline alerts: they matter more than the unit's name.
    let (overdue, due_today) = app.alerts;
    if overdue > 0 || due_today > 0 {
        let at = if app.status.is_some() { 2 } else { 0 };
        spans.insert(at, Span::styled(" │", theme.dim()));
        spans.insert(
            at,
            Span::styled(
                format!(" {}", Msg::AlertOverdue.fill(lang, &[&overdue, &due_today])),
                if overdue > 0 {
                    theme.error()
                } else {
                    theme.warning()
                },
            ),
        );
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_hints(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let items = hint_items(app);
    // A question's answers are all shown, by their keys alone if their words do not fit (the
    // question says in its own words what each key does). Elsewhere the keys come in the
    // table's order and the line ends where the terminal does.
    let width: usize = 1 + items
        .iter()
        .map(|(k, l)| k.width() + l.width() + 3)
        .sum::<usize>();
    let question = app.context() == Context::Confirm;
    let labels = !question || width <= usize::from(area.width) + 2;
    let mut spans = vec![Span::raw(" ")];
    for item in &items {
        spans.push(Span::styled(item.0.clone(), theme.key()));
        spans.push(Span::raw(if labels {
            format!(" {}  ", item.1)
        } else {
            "  ".to_owned()
        }));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.dim().patch(Style::default())),
        area,
    );
}

/// The hint bar's keys, from the keymap table: (key, what it does here), the context's own
/// first, then those consulted after it.
fn hint_items(app: &App) -> Vec<(String, String)> {
    let ctx = app.context();
    let top = app.overlays.last();
    // In an open case, only the steps the law allows now are hinted.
    let facts = match top {
        Some(Overlay::Case(v)) => Some(v.facts),
        _ => None,
    };
    // A question hints only the answers it takes, in its own words where it has them.
    let question = match top {
        Some(Overlay::Confirm(q)) => Some(q),
        _ => None,
    };
    // The recovery code is closed only by acknowledging it: Esc is not offered.
    let acknowledging = matches!(
        top,
        Some(Overlay::Prompt(p)) if matches!(p.purpose, crate::app::PromptPurpose::AckRecovery { .. })
    );
    let shown = |cmd: &crate::app::Command| match (cmd, facts, question) {
        (crate::app::Command::Cancel, _, _) if acknowledging => false,
        (crate::app::Command::Step(a), Some(f), _) => crate::domain::case::key_allowed(&f, *a),
        (cmd, _, Some(q)) => q.answers().contains(cmd),
        _ => true,
    };
    let mut out = vec![];
    let mut push = |c: Context| {
        for b in keymap::bindings(c).filter(|b| b.hint && shown(&b.cmd)) {
            let help = question
                .and_then(|q| q.answer_label(b.cmd))
                .unwrap_or(b.help);
            out.push((keymap::key_label(&b.keys[0]), help.t(app.lang).to_owned()));
        }
    };
    push(ctx);
    for c in ctx.also() {
        push(*c);
    }
    if !ctx.takes_text() && ctx != Context::Confirm && ctx != Context::Help {
        push(Context::Global);
    }
    out
}

/// A table whose selected row is marked ▶ and drawn in `style` (reverse video where the table
/// has the focus), so the selection never rests on colour alone.
pub(crate) fn marked<'a>(
    table: ratatui::widgets::Table<'a>,
    style: Style,
) -> ratatui::widgets::Table<'a> {
    table
        .row_highlight_style(style)
        .highlight_symbol("▶")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always)
}

/// A centered rectangle of at most `w`×`h` inside `area`, cleared.
pub(crate) fn popup(frame: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, r);
    r
}
