//! The reception-log pane: the day's header with counters, and one row per visit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::theme::Theme;
use crate::app::App;
use crate::i18n::{self, Msg};
use crate::store::VisitRow;

/// Columns, in order, with their priority (lower survives longer on narrow screens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    No,
    Time,
    Citizen,
    Type,
    Field,
    Content,
    Handling,
    Officer,
}

impl Col {
    fn title(self) -> Msg {
        match self {
            Col::No => Msg::ColNo,
            Col::Time => Msg::ColTime,
            Col::Citizen => Msg::ColCitizen,
            Col::Type => Msg::ColType,
            Col::Field => Msg::ColField,
            Col::Content => Msg::ColContent,
            Col::Handling => Msg::ColHandling,
            Col::Officer => Msg::ColOfficer,
        }
    }

    fn width(self) -> Constraint {
        match self {
            Col::No => Constraint::Length(3),
            Col::Time => Constraint::Length(5),
            Col::Citizen => Constraint::Fill(3),
            Col::Type => Constraint::Length(10),
            Col::Field => Constraint::Length(16),
            Col::Content => Constraint::Fill(4),
            Col::Handling => Constraint::Length(11),
            Col::Officer => Constraint::Length(16),
        }
    }
}

/// Which columns fit in `width` cells.
fn columns(width: u16) -> Vec<Col> {
    use Col::*;
    match width {
        0..=59 => vec![Time, Citizen, Type],
        60..=89 => vec![No, Time, Citizen, Type, Field, Content],
        90..=129 => vec![No, Time, Citizen, Type, Field, Content, Handling],
        _ => vec![No, Time, Citizen, Type, Field, Content, Handling, Officer],
    }
}

fn citizen_cell(app: &App, r: &VisitRow) -> String {
    // A denouncer is never named unless revealed (Luật Tố cáo Art 8(3)): the identity rule.
    let who = i18n::person(app.lang, &app.viewer, &r.citizen);
    if r.people >= app.threshold {
        format!("{who} ({})", Msg::GroupSuffix.fill(app.lang, &[&r.people]))
    } else if r.people > 1 {
        format!("{who} (+{})", r.people - 1)
    } else {
        who
    }
}

fn cell(app: &App, col: Col, i: usize, r: &VisitRow) -> String {
    let lang = app.lang;
    match col {
        Col::No => (i + 1).to_string(),
        Col::Time => r.time.clone(),
        Col::Citizen => citizen_cell(app, r),
        Col::Type => i18n::petition_type(r.petition_type).t(lang).to_owned(),
        Col::Field => r.field_name.clone(),
        Col::Content => r.content.lines().next().unwrap_or_default().to_owned(),
        Col::Handling => i18n::handling(r.handling).t(lang).to_owned(),
        Col::Officer => r.officer_name.clone(),
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let log = &app.log;
    let c = log.counters;
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(Span::styled(
            format!(" {} ", Msg::LogTitle.fill(lang, &[&app.day_label(log.day)])),
            theme.title(),
        )));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [counters_area, table_area] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let counter = |n: u32, m: Msg| {
        vec![
            Span::styled(n.to_string(), theme.header()),
            Span::raw(format!(" {}", m.t(lang))),
        ]
    };
    let sep = || Span::styled(" · ", theme.dim());
    let mut spans = vec![Span::raw(" ")];
    for (i, (n, m)) in [
        (c.sessions, Msg::CountSessions),
        (c.visits, Msg::CountVisits),
        (c.people, Msg::CountPeople),
        (c.groups, Msg::CountGroups),
        (c.petitions, Msg::CountPetitions),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            spans.push(sep());
        }
        spans.extend(counter(n, m));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), counters_area);

    if log.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(" {}", Msg::EmptyDay.t(lang)))
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            table_area,
        );
        return;
    }
    let cols = columns(table_area.width);
    let header = Row::new(cols.iter().map(|c| Cell::from(c.title().t(lang)))).style(theme.header());
    // Render only the rows that can be on screen: a day of 500 visits stays cheap.
    let visible = table_area.height.saturating_sub(1) as usize;
    log.page.set(visible.max(1));
    let mut offset = log.offset.get();
    if log.selected < offset {
        offset = log.selected;
    } else if visible > 0 && log.selected >= offset + visible {
        offset = log.selected + 1 - visible;
    }
    offset = offset.min(log.rows.len().saturating_sub(visible.max(1)));
    log.offset.set(offset);
    let rows = log
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, r)| Row::new(cols.iter().map(|&c| Cell::from(cell(app, c, i, r)))));
    let table = super::marked(
        Table::new(rows, cols.iter().map(|c| c.width()))
            .header(header)
            .column_spacing(1),
        theme.selected(),
    );
    let mut state = TableState::default().with_selected(Some(log.selected - offset));
    frame.render_stateful_widget(table, table_area, &mut state);
}
