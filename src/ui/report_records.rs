//! The overlays of a report's figure (render only): the records behind it — visits and
//! cases, a denouncer by pseudonym — and its definition. Numbers, codes and dates are never
//! cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::columns::{self, ColSpec};
use super::report::*;
use super::theme::Theme;
use crate::app::App;
use crate::app::report::{RecordRow, RecordsView, ReportOverlay};
use crate::domain::date::format_date;
use crate::domain::report::CaseLife;
use crate::i18n::{self, Lang, Msg};
use crate::store::{TraceCase, TraceVisit};

pub fn overlay(frame: &mut Frame, app: &App, o: &ReportOverlay, area: Rect, theme: &Theme) {
    match o {
        ReportOverlay::Records(v) => records(frame, app, v, area, theme),
        ReportOverlay::Definition(d) => {
            let lang = app.lang;
            let lines: Vec<Line> = d
                .lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    if i == 0 {
                        Line::styled(l.clone(), theme.header())
                    } else {
                        Line::raw(l.clone())
                    }
                })
                .collect();
            let w = area.width.min(96);
            let inner_w = w.saturating_sub(2).max(1) as usize;
            let need: usize = d.lines.iter().map(|l| l.width() / inner_w + 1).sum();
            let r = super::popup(frame, area, w, (need as u16 + 2).min(area.height));
            let block = Block::default()
                .borders(Borders::ALL)
                .title(Line::from(Span::styled(
                    format!(" {} ", Msg::DfTitle.fill(lang, &[&d.label])),
                    theme.title(),
                )));
            frame.render_widget(
                Paragraph::new(lines)
                    .block(block)
                    .wrap(Wrap { trim: false }),
                r,
            );
        }
    }
}

/// The cells of a visit behind a figure: day and time, who, type, field, handling, what it
/// is about, and how much it adds when not one.
fn visit_cells(lang: Lang, app: &App, v: &TraceVisit, adds: u64) -> Vec<String> {
    vec![
        format!("{} {}", format_date(v.day), v.time),
        i18n::person(lang, &app.viewer, &v.citizen),
        i18n::petition_type(v.petition_type).t(lang).to_owned(),
        v.field_name.clone(),
        i18n::handling(v.handling).t(lang).to_owned(),
        v.content.lines().next().unwrap_or("").to_owned(),
        adds_text(lang, adds),
    ]
}

/// The cells of a case behind a figure: code, status, field, day received, who, the day it
/// was resolved in the period with its legal due date, its summary, how much it adds.
fn case_cells(
    lang: Lang,
    app: &App,
    c: &TraceCase,
    adds: u64,
    life: Option<&CaseLife>,
) -> Vec<String> {
    let resolved = match life.filter(|l| l.resolved_in_period).and_then(|l| l.closed) {
        Some((day, _)) => {
            let due = life
                .and_then(|l| l.resolve_due)
                .map(format_date)
                .unwrap_or_else(|| Msg::RpNone.t(lang).to_owned());
            Msg::RpResolvedDue.fill(lang, &[&format_date(day), &due])
        }
        None => String::new(),
    };
    vec![
        c.code.clone(),
        i18n::case_status(c.status).t(lang).to_owned(),
        c.field_name.clone(),
        format_date(c.received_on),
        i18n::person(lang, &app.viewer, &c.citizen),
        resolved,
        c.summary.lines().next().unwrap_or("").to_owned(),
        adds_text(lang, adds),
    ]
}

fn adds_text(lang: Lang, adds: u64) -> String {
    if adds == 1 {
        String::new()
    } else {
        Msg::RpAdds.fill(lang, &[&adds])
    }
}

/// How a cell gives way: a code, a date, a count is shown whole or not at all; a text may
/// shrink (down to its `min`, whole words first) and wants at most `cap` cells (`None`: its
/// content).
#[derive(Clone, Copy)]
enum Cell {
    Exact(u8),
    Text {
        priority: u8,
        min: u16,
        cap: Option<u16>,
    },
}

const fn text(priority: u8, min: u16) -> Cell {
    Cell::Text {
        priority,
        min,
        cap: None,
    }
}

/// The columns of a visit, as the reception log lays them out.
const VISIT_COLS: &[Cell] = &[
    Cell::Exact(0), // day and time
    text(1, 14),    // who
    Cell::Exact(2), // type
    text(4, 12),    // field
    Cell::Exact(6), // handling
    Cell::Text {
        priority: 5,
        min: 16,
        cap: Some(30),
    }, // content
    Cell::Exact(3), // adds
];

/// The columns of a case, as the queue lays them out.
const CASE_COLS: &[Cell] = &[
    Cell::Exact(0), // code
    Cell::Exact(1), // status
    text(5, 12),    // field
    Cell::Exact(6), // received
    text(3, 12),    // who
    Cell::Exact(2), // resolved, due
    Cell::Text {
        priority: 4,
        min: 14,
        cap: Some(32),
    }, // summary
    Cell::Exact(2), // adds
];

/// Widths of the cells of `rows` (all of one kind) in `width` cells: columns no row fills
/// are left out; the others give way by priority.
fn record_widths(rows: &[&Vec<String>], kind: &[Cell], width: u16) -> Vec<Option<u16>> {
    let want: Vec<u16> = (0..kind.len())
        .map(|i| {
            rows.iter()
                .map(|r| columns::width(&r[i]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let present: Vec<usize> = (0..kind.len()).filter(|i| want[*i] > 0).collect();
    let specs: Vec<ColSpec> = present
        .iter()
        .map(|&i| match kind[i] {
            Cell::Exact(p) => ColSpec::exact(p, want[i]),
            Cell::Text { priority, min, cap } => {
                let w = cap.map_or(want[i], |c| want[i].clamp(min, c));
                ColSpec::fill(priority, min.min(want[i]), w)
            }
        })
        .collect();
    let fitted = columns::fit(&specs, width, 2);
    let mut out = vec![None; kind.len()];
    for (k, &i) in present.iter().enumerate() {
        out[i] = fitted[k];
    }
    out
}

fn record_line(cells: &[String], widths: &[Option<u16>]) -> String {
    cells
        .iter()
        .zip(widths)
        .filter_map(|(c, w)| w.map(|w| fit(c, w as usize)))
        .collect::<Vec<_>>()
        .join("  ")
}

fn records(frame: &mut Frame, app: &App, v: &RecordsView, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let r = super::popup(frame, area, area.width, area.height);
    let mut title =
        Msg::RpRecordsTitle.fill(lang, &[&v.label, &i18n::period_label(lang, &v.period)]);
    if let Some(value) = v.value {
        title.push_str(&format!(" = {value}"));
    }
    let mut bottom = String::new();
    if v.rows.len() < v.total {
        bottom = Msg::RpRecordsMore.fill(lang, &[&v.rows.len(), &v.total]);
    }
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(" {title} "),
            theme.title(),
        )));
    if !bottom.is_empty() {
        block = block.title_bottom(Line::from(format!(" {bottom} ")).right_aligned());
    }
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if v.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(" {}", Msg::RpRecordsEmpty.t(lang))).style(theme.dim()),
            inner,
        );
        return;
    }
    let h = inner.height as usize;
    let offset = v.selected.saturating_sub(h.saturating_sub(1));
    let w = inner.width.saturating_sub(1);
    let report = app.reports.report.as_ref();
    let cells: Vec<(bool, Vec<String>)> = v
        .rows
        .iter()
        .map(|row| match row {
            RecordRow::Visit(x, n) => (true, visit_cells(lang, app, x, *n)),
            RecordRow::Case(x, n) => {
                let life = report.and_then(|r| r.case_life(x.id));
                (false, case_cells(lang, app, x, *n, life))
            }
        })
        .collect();
    let of_kind = |visits: bool| -> Vec<&Vec<String>> {
        cells
            .iter()
            .filter(|(k, _)| *k == visits)
            .map(|(_, c)| c)
            .collect()
    };
    let visit_w = record_widths(&of_kind(true), VISIT_COLS, w);
    let case_w = record_widths(&of_kind(false), CASE_COLS, w);
    let lines: Vec<Line> = cells
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, (visit, c))| {
            let text = record_line(c, if *visit { &visit_w } else { &case_w });
            let (mark, style) = if i == v.selected {
                ("▶", theme.selected())
            } else {
                (" ", Style::default())
            };
            Line::from(vec![
                Span::raw(mark),
                Span::styled(fit(&text, w as usize), style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
