//! The reception-log pane: the day's header with counters, and one row per visit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::columns::{self, ColSpec};
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
    const ALL: [Col; 8] = [
        Col::No,
        Col::Time,
        Col::Citizen,
        Col::Type,
        Col::Field,
        Col::Content,
        Col::Handling,
        Col::Officer,
    ];

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

    /// Its priority and widths, from what the rows on screen hold: numbers, times and labels
    /// are never cut; the citizen and the content take the room left.
    fn spec(self, want: u16) -> ColSpec {
        match self {
            Col::Time => ColSpec::exact(0, want),
            // A long name or field takes no more than this before Xử lý and Cán bộ show;
            // the content gives way first and takes what is left (issue 22.9).
            Col::Citizen => ColSpec::fill(1, want.min(14), want).comfortable_at(24),
            Col::Type => ColSpec::exact(2, want),
            Col::No => ColSpec::exact(3, want),
            Col::Field => ColSpec::fill(4, want.min(12), want).comfortable_at(16),
            Col::Content => ColSpec::rest(5, 16, want.max(16)),
            Col::Handling => ColSpec::exact(6, want),
            Col::Officer => ColSpec::fill(7, want.min(14), want),
        }
    }
}

/// The citizen's name and, kept whole after it, the group's size.
fn citizen_parts(app: &App, r: &VisitRow) -> (String, String) {
    // A denouncer is never named unless revealed (Luật Tố cáo Art 8(3)): the identity rule.
    let who = i18n::person(app.lang, &app.viewer, &r.citizen);
    let suffix = if r.people >= app.threshold {
        format!("({})", Msg::GroupSuffix.fill(app.lang, &[&r.people]))
    } else if r.people > 1 {
        format!("(+{})", r.people - 1)
    } else {
        String::new()
    };
    (who, suffix)
}

/// `no` is the row's number among the day's live visits (`None` for a voided one).
fn cell(app: &App, col: Col, no: Option<usize>, r: &VisitRow) -> String {
    let lang = app.lang;
    if r.void_reason.is_some() {
        match col {
            Col::No => return "—".into(),
            Col::Content => {
                return format!(
                    "{}: {}",
                    Msg::VoidedMark.t(lang),
                    r.void_reason.as_deref().unwrap_or_default()
                );
            }
            _ => {}
        }
    }
    match col {
        Col::No => no.map(|n| n.to_string()).unwrap_or_default(),
        Col::Time => r.time.clone(),
        Col::Citizen => {
            let (who, suffix) = citizen_parts(app, r);
            if suffix.is_empty() {
                who
            } else {
                format!("{who} {suffix}")
            }
        }
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
    // One of a thing is singular where the language says so ("1 session").
    let one = |n: u32, one: Msg, many: Msg| (n, if n == 1 { one } else { many });
    for (i, (n, m)) in [
        one(c.sessions, Msg::CountSessionsOne, Msg::CountSessions),
        one(c.visits, Msg::CountVisitsOne, Msg::CountVisits),
        one(c.people, Msg::CountPeopleOne, Msg::CountPeople),
        one(c.groups, Msg::CountGroupsOne, Msg::CountGroups),
        one(c.petitions, Msg::CountPetitionsOne, Msg::CountPetitions),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            spans.push(sep());
        }
        spans.extend(counter(n, m));
    }
    // Refusals apart (counted in none of the above), when there are any.
    if c.refused > 0 {
        spans.push(sep());
        spans.extend(counter(c.refused, Msg::CountRefused));
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
    // Numbers count the live visits only: a voided one is struck through and counted nowhere.
    let mut live = log.rows[..offset]
        .iter()
        .filter(|r| r.void_reason.is_none())
        .count();
    let shown: Vec<(Option<usize>, &VisitRow)> = log
        .rows
        .iter()
        .skip(offset)
        .take(visible)
        .map(|r| {
            let no = r.void_reason.is_none().then(|| {
                live += 1;
                live
            });
            (no, r)
        })
        .collect();
    // Each cell's text once: it gives the columns their widths, then it is drawn.
    let texts: Vec<Vec<String>> = shown
        .iter()
        .map(|(no, r)| Col::ALL.iter().map(|&c| cell(app, c, *no, r)).collect())
        .collect();
    let parts: Vec<(String, String)> = shown.iter().map(|(_, r)| citizen_parts(app, r)).collect();
    let specs: Vec<ColSpec> = Col::ALL
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let want = texts
                .iter()
                .map(|t| columns::width(&t[i]))
                .max()
                .unwrap_or(0)
                .max(columns::width(c.title().t(lang)));
            let mut spec = c.spec(want);
            if c == Col::Citizen {
                // A group's size is never cut: room for it and a few letters of the name.
                let suffix = parts
                    .iter()
                    .map(|(_, suffix)| columns::width(suffix))
                    .max()
                    .unwrap_or(0);
                spec.min = spec.min.max(suffix + 6).min(want);
            }
            spec
        })
        .collect();
    // One cell for the selection mark.
    let fitted = columns::fit(&specs, table_area.width.saturating_sub(1), 1);
    let cols: Vec<(usize, Col, u16)> = Col::ALL
        .iter()
        .enumerate()
        .zip(&fitted)
        .filter_map(|((i, c), w)| w.map(|w| (i, *c, w)))
        .collect();
    let header = Row::new(
        cols.iter()
            .map(|(_, c, w)| Cell::from(columns::clip(c.title().t(lang), *w))),
    )
    .style(theme.header());
    let rows = shown.iter().enumerate().map(|(j, (_, r))| {
        let row = Row::new(cols.iter().map(|&(i, c, w)| {
            let text = if c == Col::Citizen {
                let (who, suffix) = &parts[j];
                columns::clip_with_suffix(who, suffix, w)
            } else {
                columns::clip(&texts[j][i], w)
            };
            Cell::from(text)
        }));
        if r.void_reason.is_some() {
            row.style(theme.voided())
        } else {
            row
        }
    });
    let table = super::marked(
        Table::new(rows, cols.iter().map(|(_, _, w)| Constraint::Length(*w)))
            .header(header)
            .column_spacing(1),
        theme.selected(),
    );
    let mut state = TableState::default().with_selected(Some(log.selected - offset));
    frame.render_stateful_widget(table, table_area, &mut state);
}
