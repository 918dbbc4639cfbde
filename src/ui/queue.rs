//! The complaint queue: fields with open counts on the left, the field's cases on the right,
//! and how a due date reads in a column. (The case detail is in `case.rs`, its forms in
//! `entry.rs`.) Denunciations show a pseudonym everywhere unless the officer revealed the
//! identity.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::columns::{self, ColSpec};
use super::theme::Theme;
use crate::app::{App, QueueFocus};
use crate::domain::date::format_date;
use crate::domain::deadline::{self, Standing};
use crate::i18n::{self, Msg};
use crate::store::{CaseRow, QueueOrder, StatusFilter};

/// The name shown for a case's citizen: the identity rule (a pseudonym for denunciations).
pub fn citizen_label(app: &App, r: &CaseRow) -> String {
    i18n::person(app.lang, &app.viewer, &r.citizen)
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let q = &app.queue;
    // Field names are never cut: the column is as wide as the longest where there is room,
    // and a name wraps onto a second line where there is not.
    let longest = q
        .fields
        .iter()
        .map(|f| columns::width(&f.name))
        .max()
        .unwrap_or(10);
    let roomy = area.width >= 140;
    let late_title = if roomy {
        Msg::QueueOverdueCount
    } else {
        Msg::QueueOverdueShort
    };
    let count_w = |title: Msg, n: &dyn Fn(&crate::store::FieldCount) -> String| {
        q.fields
            .iter()
            .map(|f| columns::width(&n(f)))
            .max()
            .unwrap_or(1)
            .max(columns::width(title.t(lang)))
    };
    let open_w = count_w(Msg::QueueOpenCount, &|f| f.open.to_string());
    let late_w = count_w(late_title, &|f| format!("⚠{}", f.overdue));
    // Two gaps, the right border and the selection mark.
    let counts_w = open_w + late_w + 4;
    let left_w = match area.width {
        140.. => longest + counts_w,
        100.. => 26,
        60.. => 22,
        _ => 18,
    };
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Length(left_w),
        Constraint::Fill(1),
    ]));

    // Fields with their open counts.
    let focus_style = |f: QueueFocus| {
        if q.focus == f {
            theme.title()
        } else {
            theme.dim()
        }
    };
    let block = Block::default()
        .borders(Borders::TOP | Borders::RIGHT)
        .title(Line::from(Span::styled(
            format!(" {} ", Msg::QueueFields.t(lang)),
            focus_style(QueueFocus::Fields),
        )));
    let name_w = left_w.saturating_sub(counts_w).max(4);
    let rows = q.fields.iter().map(|f| {
        let overdue = if f.overdue > 0 {
            Span::styled(format!("⚠{}", f.overdue), theme.error())
        } else {
            Span::raw("0")
        };
        let name = columns::wrap(&f.name, name_w);
        let height = name.len() as u16;
        Row::new(vec![
            Cell::from(ratatui::text::Text::from(
                name.into_iter().map(Line::from).collect::<Vec<_>>(),
            )),
            Cell::from(Line::from(f.open.to_string()).right_aligned()),
            Cell::from(Line::from(overdue).right_aligned()),
        ])
        .height(height)
    });
    let header = Row::new(vec![
        Cell::from(""),
        Cell::from(Line::from(Msg::QueueOpenCount.t(lang)).right_aligned()),
        Cell::from(Line::from(late_title.t(lang)).right_aligned()),
    ])
    .style(theme.header());
    let table = super::marked(
        Table::new(
            rows,
            [
                Constraint::Length(name_w),
                Constraint::Length(open_w),
                Constraint::Length(late_w),
            ],
        )
        .header(header)
        .block(block),
        if q.focus == QueueFocus::Fields {
            theme.selected()
        } else {
            theme.header()
        },
    );
    let mut state = TableState::default().with_selected(Some(q.field_sel));
    frame.render_stateful_widget(table, left, &mut state);

    // The cases of the selected field.
    let field_name = q.selected_field().map(|f| f.name.as_str()).unwrap_or("");
    let type_label = q
        .filter
        .case_type
        .map(|t| i18n::case_type(t).t(lang))
        .unwrap_or(Msg::FilterAllTypes.t(lang));
    let status_label = match q.filter.status {
        StatusFilter::Open => Msg::FilterOpen,
        StatusFilter::Closed => Msg::FilterClosed,
        StatusFilter::All => Msg::FilterAll,
    }
    .t(lang);
    let mut filters = vec![
        type_label.to_owned(),
        status_label.to_owned(),
        match q.filter.order {
            QueueOrder::Received => Msg::SortOldest,
            QueueOrder::ReceivedDesc => Msg::SortNewest,
            QueueOrder::Due => Msg::SortDue,
        }
        .t(lang)
        .to_owned(),
    ];
    if q.only_mine {
        filters.push(Msg::FilterMine.t(lang).to_owned());
    }
    let mut title = Msg::QueueCasesTitle.fill(lang, &[&field_name, &q.total, &filters.join(", ")]);
    if (q.cases.len() as u32) < q.total {
        title.push_str(&format!(
            " · {}",
            Msg::QueueShownOf.fill(lang, &[&q.cases.len(), &q.total])
        ));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(Span::styled(
            format!(" {title} "),
            focus_style(QueueFocus::Cases),
        )));
    let inner = block.inner(right);
    frame.render_widget(block, right);
    if q.cases.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(" {}", Msg::QueueEmpty.t(lang))).style(theme.dim()),
            inner,
        );
        return;
    }
    // Columns by priority: code, status and due date always; then the citizen and the
    // summary (from about 100 columns); then days open, received date and officer. Codes,
    // numbers and dates are as wide as their content and never cut.
    let visible = inner.height.saturating_sub(1) as usize;
    let offset = q.case_sel.saturating_sub(visible.saturating_sub(1));
    let shown: Vec<&CaseRow> = q.cases.iter().skip(offset).take(visible).collect();
    // The due date's standing: in full from 150 columns, "⚠ quá hạn 15 ngày" from 120,
    // "⚠ 15 ngày" below (always whole numbers).
    let due_form = match inner.width {
        150.. => DueForm::Long,
        120.. => DueForm::Medium,
        _ => DueForm::Short,
    };
    let due_of = |c: &CaseRow| c.next_due.map(|d| due_in(app, d, due_form));
    let content_w = |f: &dyn Fn(&CaseRow) -> String, title: Msg| {
        shown
            .iter()
            .map(|c| columns::width(&f(c)))
            .max()
            .unwrap_or(0)
            .max(columns::width(title.t(lang)))
    };
    let days_of = |c: &CaseRow| (c.closed_on.unwrap_or(app.today) - c.received_on).num_days();
    let specs = [
        (
            Msg::ColCode,
            ColSpec::exact(0, content_w(&|c| c.code.clone(), Msg::ColCode)),
        ),
        (
            Msg::ColStatus,
            ColSpec::exact(
                1,
                content_w(
                    &|c| i18n::case_status(c.status).t(lang).to_owned(),
                    Msg::ColStatus,
                ),
            ),
        ),
        (Msg::ColReceived, ColSpec::exact(6, 10)),
        (
            Msg::ColDue,
            ColSpec::exact(
                2,
                content_w(
                    &|c| due_of(c).map(|(t, _)| t).unwrap_or_else(|| "—".into()),
                    Msg::ColDue,
                ),
            ),
        ),
        (
            Msg::ColDaysOpen,
            ColSpec::exact(5, content_w(&|c| days_of(c).to_string(), Msg::ColDaysOpen)),
        ),
        (
            Msg::ColCitizen,
            ColSpec::fill(
                3,
                12,
                content_w(&|c| citizen_label(app, c), Msg::ColCitizen).min(28),
            ),
        ),
        (Msg::ColSummary, ColSpec::fill(4, 14, 32)),
        (
            Msg::ColOfficer,
            ColSpec::exact(
                7,
                content_w(
                    &|c| c.officer_name.clone().unwrap_or_default(),
                    Msg::ColOfficer,
                )
                .min(20),
            ),
        ),
    ];
    let spec_list: Vec<ColSpec> = specs.iter().map(|(_, c)| *c).collect();
    // One cell for the selection mark.
    let fitted = columns::fit(&spec_list, inner.width.saturating_sub(1), 1);
    let cols: Vec<(Msg, u16)> = specs
        .iter()
        .zip(&fitted)
        .filter_map(|((m, _), w)| w.map(|w| (*m, w)))
        .collect();
    let header = Row::new(
        cols.iter()
            .map(|(m, w)| Cell::from(columns::clip(m.t(lang), *w))),
    )
    .style(theme.header());
    let rows = shown.iter().map(|c| {
        let cells = cols.iter().map(|(m, w)| match m {
            Msg::ColCode => Cell::from(c.code.clone()),
            Msg::ColStatus => Cell::from(i18n::case_status(c.status).t(lang)),
            Msg::ColReceived => Cell::from(format_date(c.received_on)),
            Msg::ColDue => due_cell(app, c.next_due, due_form, theme),
            Msg::ColDaysOpen => Cell::from(Line::from(days_of(c).to_string()).right_aligned()),
            Msg::ColCitizen => Cell::from(columns::clip(&citizen_label(app, c), *w)),
            Msg::ColSummary => Cell::from(columns::clip(
                &crate::domain::text::one_line(&c.summary),
                *w,
            )),
            Msg::ColOfficer => Cell::from(columns::clip(
                c.officer_name.as_deref().unwrap_or_default(),
                *w,
            )),
            _ => Cell::from(""),
        });
        Row::new(cells.collect::<Vec<_>>())
    });
    let table = super::marked(
        Table::new(rows, cols.iter().map(|(_, w)| Constraint::Length(*w)))
            .header(header)
            .column_spacing(1),
        if q.focus == QueueFocus::Cases {
            theme.selected()
        } else {
            theme.dim()
        },
    );
    let mut state = TableState::default().with_selected(Some(q.case_sel - offset));
    frame.render_stateful_widget(table, inner, &mut state);
}

/// A due date with where it stands: "15/12/2026 còn 3 ngày làm việc" or "quá hạn 4 ngày" (marked ⚠
/// and coloured, so meaning does not rest on colour alone).
pub fn due_text(app: &App, due: NaiveDate, long: bool) -> (String, bool) {
    due_in(app, due, if long { DueForm::Long } else { DueForm::Medium })
}

/// How much of a due date's standing a column has room for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueForm {
    /// "15/12/2026 còn 3 ngày làm việc", "15/12/2026 ⚠ quá hạn 4 ngày".
    Long,
    /// "15/12/2026", "⚠ quá hạn 4 ngày".
    Medium,
    /// "15/12/2026", "⚠ 4 ngày".
    Short,
}

pub fn due_in(app: &App, due: NaiveDate, form: DueForm) -> (String, bool) {
    let lang = app.lang;
    let long = form == DueForm::Long;
    match deadline::standing(&app.calendar, app.today, due) {
        Standing::Overdue { days } => {
            let s = if form == DueForm::Short {
                Msg::DueOverdueShort.fill(lang, &[&days])
            } else {
                Msg::DueOverdue.fill(lang, &[&days])
            };
            (
                if long {
                    format!("{} ⚠ {s}", format_date(due))
                } else {
                    format!("⚠ {s}")
                },
                true,
            )
        }
        Standing::Left { working_days } => {
            let s = Msg::DueLeft.fill(lang, &[&working_days]);
            (
                if long {
                    format!("{} {s}", format_date(due))
                } else {
                    format_date(due)
                },
                false,
            )
        }
    }
}

fn due_cell<'a>(app: &App, due: Option<NaiveDate>, form: DueForm, theme: &Theme) -> Cell<'a> {
    match due {
        None => Cell::from("—"),
        Some(d) => {
            let (text, overdue) = due_in(app, d, form);
            Cell::from(Span::styled(
                text,
                if overdue {
                    theme.error()
                } else {
                    Style::default()
                },
            ))
        }
    }
}
