//! The reports pane (render only): the period and its dates, the views (summary, the
//! official tables, charts), the records behind a figure and a figure's definition. Rows are
//! laid out by `columns` (the overlays of a figure are in `report_records.rs`): a figure's value and a record's numbers, codes and dates are never
//! cut; labels and texts give way, whole words first. Citizens are shown through the
//! identity rule (`i18n::person` with the officer's viewer).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Borders, Chart, Dataset, GraphType, Paragraph, Wrap,
};
use unicode_width::UnicodeWidthStr;

use super::columns::{self, ColSpec};
use super::theme::Theme;
use crate::app::App;
use crate::app::report::ReportView;
use crate::domain::report::{Figure, Report, Target};
use crate::i18n::{self, Msg};

/// A header path that fits `w` cells: whole if it can, else "…" and as many of its last
/// levels as fit (the last levels tell a column from its neighbours: "Thủ trưởng trực tiếp
/// tiếp · Số ngày tiếp" and "Người được ủy quyền tiếp · Số ngày tiếp").
fn head_fit(no: u16, parts: &[&str], w: usize) -> String {
    let whole = format!("({no}) {}", parts.join(" · "));
    if whole.width() <= w || parts.len() < 2 {
        return whole;
    }
    for keep in (1..parts.len()).rev() {
        let s = format!("({no}) … · {}", parts[parts.len() - keep..].join(" · "));
        if s.width() <= w || keep == 1 {
            return s;
        }
    }
    whole
}

/// `s` in `w` cells: whole words first (see `columns::clip`), padded.
pub(super) fn fit(s: &str, w: usize) -> String {
    let w16 = w.min(u16::MAX as usize) as u16;
    let mut out = columns::clip(s, w16);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(out.width())));
    out
}

fn view_title(v: ReportView, lang: i18n::Lang) -> String {
    match v {
        ReportView::Summary => Msg::RpSummary.t(lang).to_owned(),
        ReportView::Table(f) => f.code().to_owned(),
        ReportView::Rollup => Msg::RpRollup.t(lang).to_owned(),
        ReportView::Charts => Msg::RpCharts.t(lang).to_owned(),
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let st = &app.reports;
    let title = match &st.report {
        Some(r) => {
            let mut t = Msg::RpPaneTitle.fill(lang, &[&i18n::period_full(lang, &r.period)]);
            if let Some(c) = &r.closed {
                t.push_str(" · ");
                t.push_str(
                    &Msg::RpPaneClosed.fill(lang, &[&crate::domain::date::format_stamp(&c.at)]),
                );
            }
            t
        }
        None => Msg::TabReport.t(lang).to_owned(),
    };
    // The unit counted, first (a narrow screen still names it): a desk, or the whole book
    // once `u` has shown it has several.
    let title = match &st.desk {
        Some(d) => format!("{} · {title}", Msg::RpPaneDesk.fill(lang, &[d])),
        None if st.desks.len() > 1 => {
            format!(
                "{} · {title}",
                Msg::RpPaneAllDesks.fill(lang, &[&st.desks.len()])
            )
        }
        None => title,
    };
    // Counting on its lane: the figures shown (if any) are the book's before.
    let title = if st.computing() && st.report.is_some() {
        format!("{title} · {}", Msg::RpRecounting.t(lang))
    } else {
        title
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(Span::styled(
            format!(" {title} "),
            theme.title(),
        )));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(r) = &st.report else {
        frame.render_widget(
            Paragraph::new(format!(" {}", Msg::RpLoading.t(lang))).style(theme.dim()),
            inner,
        );
        return;
    };
    // A closed period whose figures today's book gives differently says so, in one line.
    let warn = if st.changes.is_empty() { 0 } else { 1 };
    let [tabs, warning, body] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(warn),
        Constraint::Fill(1),
    ]));
    if warn > 0 {
        frame.render_widget(
            Paragraph::new(format!(
                " {}",
                Msg::RpPaneChanged.fill(lang, &[&st.changes.len()])
            ))
            .style(theme.warning()),
            warning,
        );
    }
    // The views, the current one marked (▸ and reverse video, not colour alone).
    let mut spans = vec![Span::raw(" ")];
    let current = st.view();
    let views = st.views();
    let wide: usize = views.iter().map(|v| view_title(*v, lang).width() + 3).sum();
    let start = if wide > tabs.width as usize {
        st.view.saturating_sub(2)
    } else {
        0
    };
    for v in views.iter().skip(start) {
        let t = view_title(*v, lang);
        if *v == current {
            spans.push(Span::styled(format!("▸{t} "), theme.selected()));
        } else {
            spans.push(Span::styled(format!(" {t} "), theme.dim()));
        }
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
    match current {
        ReportView::Summary => summary(frame, app, r, body, theme),
        ReportView::Table(_) => table(frame, app, r, body, theme),
        ReportView::Rollup => rollup(frame, app, r, body, theme),
        ReportView::Charts => charts(frame, app, body, theme),
    }
}

/// A list of (label, value) rows with the selected one marked; scrolls to keep it shown.
/// The value column is never cut; the label gives way.
fn figure_rows(
    frame: &mut Frame,
    rows: Vec<(String, String, bool)>,
    selected: usize,
    area: Rect,
    theme: &Theme,
) {
    let value_w = rows
        .iter()
        .map(|(_, v, _)| columns::width(v))
        .max()
        .unwrap_or(1)
        .max(3);
    let label_want = rows
        .iter()
        .map(|(l, _, _)| columns::width(l))
        .max()
        .unwrap_or(1);
    // One cell for the marker, one of margin on the right.
    let widths = columns::fit(
        &[ColSpec::fill(1, 4, label_want), ColSpec::exact(0, value_w)],
        area.width.saturating_sub(2),
        1,
    );
    let label_w = widths[0].unwrap_or(0) as usize;
    let value_w = widths[1].unwrap_or(value_w) as usize;
    let h = area.height as usize;
    let offset = selected.saturating_sub(h.saturating_sub(1));
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, (label, value, gap))| {
            let mark = if i == selected { "▶" } else { " " };
            let style = if i == selected {
                theme.selected()
            } else {
                Style::default()
            };
            let value_style = if gap { theme.dim() } else { theme.header() };
            let mut spans = vec![Span::raw(mark)];
            if label_w > 0 {
                spans.push(Span::styled(format!("{} ", fit(&label, label_w)), style));
            }
            spans.push(Span::styled(
                format!("{value:>value_w$}"),
                value_style.patch(style),
            ));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn summary(frame: &mut Frame, app: &App, r: &Report, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let st = &app.reports;
    let paragraph = i18n::report_paragraph(lang, &st.unit, r);
    // The paragraph: a third of the height at most, wrapped.
    let para_w = area.width.saturating_sub(2).max(1) as usize;
    let need = (paragraph.width() / para_w + 2) as u16;
    let para_h = need
        .min(area.height / 3)
        .max(if area.height >= 12 { 3 } else { 0 });
    let [para, list] = area.layout(&Layout::vertical([
        Constraint::Length(para_h),
        Constraint::Fill(1),
    ]));
    if para_h > 0 {
        frame.render_widget(
            Paragraph::new(paragraph).wrap(Wrap { trim: true }).block(
                Block::default()
                    .borders(Borders::BOTTOM)
                    .border_style(theme.dim()),
            ),
            para,
        );
    }
    let rows: Vec<(String, String, bool)> = st
        .targets()
        .iter()
        .map(|t| {
            let (label, value) = match t {
                Target::Figure(f) => {
                    let mut v = r.figure(*f).to_string();
                    match f {
                        Figure::CasesResolved => {
                            v = format!(
                                "{v}/{} · {}",
                                r.figure(Figure::CasesOwnAuthority),
                                i18n::percent_text(lang, r.resolved_rate())
                            );
                        }
                        Figure::CasesResolvedOnTime => {
                            v = format!(
                                "{v}/{} · {}",
                                r.with_time_limit(),
                                i18n::percent_text(lang, r.on_time_rate())
                            );
                        }
                        _ => {}
                    }
                    (i18n::report_figure(*f).t(lang).to_owned(), v)
                }
                Target::FieldPetitions(id) => {
                    let f = r.by_field.iter().find(|f| f.field_id == *id);
                    (
                        format!(
                            "{} · {}",
                            Msg::FgByField.t(lang),
                            f.map(|f| f.name.as_str()).unwrap_or("")
                        ),
                        f.map(|f| f.petitions).unwrap_or(0).to_string(),
                    )
                }
                Target::Cell(..) => (String::new(), String::new()),
            };
            (label, value, false)
        })
        .collect();
    figure_rows(frame, rows, st.selected, list, theme);
}

fn table(frame: &mut Frame, app: &App, r: &Report, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let st = &app.reports;
    let ReportView::Table(form) = st.view() else {
        return;
    };
    let Some(t) = r.table(form) else { return };
    let [head, list, legend] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(if t.cells.iter().any(|c| c.value.is_none()) {
            1
        } else {
            0
        }),
    ]));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!(" {} ", Msg::RpFormNo.fill(lang, &[&form.code()])),
                theme.header(),
            ),
            Span::raw(i18n::form_title(form).t(lang)),
        ])),
        head,
    );
    let label_w = (list.width as usize).saturating_sub(8);
    let rows: Vec<(String, String, bool)> = t
        .cells
        .iter()
        .map(|c| {
            let parts: Vec<&str> = c
                .head
                .iter()
                .map(|h| i18n::report_head(*h).t(lang))
                .collect();
            let label = head_fit(c.no, &parts, label_w);
            match c.value {
                Some(v) => (label, v.to_string(), false),
                None => (label, Msg::RpUnfillableMark.t(lang).to_owned(), true),
            }
        })
        .collect();
    figure_rows(frame, rows, st.selected, list, theme);
    frame.render_widget(
        Paragraph::new(format!(" {}", Msg::RpLegend.t(lang))).style(theme.dim()),
        legend,
    );
}

/// The two-level taxonomy: each field, the official report column it rolls up to, and its
/// petitions in the period.
fn rollup(frame: &mut Frame, app: &App, r: &Report, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let [head, list, hint] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(" {}", Msg::RpRollupTitle.t(lang)),
            theme.header(),
        )),
        head,
    );
    let name_w = r
        .fields
        .iter()
        .map(|f| f.2.width())
        .max()
        .unwrap_or(10)
        .min(list.width as usize / 2);
    let rows: Vec<(String, String, bool)> = r
        .by_field
        .iter()
        .map(|f| {
            let column = r
                .fields
                .iter()
                .find(|x| x.0 == f.field_id)
                .map(|x| r.column_name(&x.3))
                .unwrap_or_default();
            (
                format!("{} → {column}", fit(&f.name, name_w)),
                f.petitions.to_string(),
                false,
            )
        })
        .collect();
    figure_rows(frame, rows, app.reports.selected, list, theme);
    frame.render_widget(
        Paragraph::new(format!(" {}", Msg::RpRollupHint.t(lang))).style(theme.dim()),
        hint,
    );
}

fn month_label(m: (i32, u32)) -> String {
    format!("{:02}/{:02}", m.1, m.0 % 100)
}

fn charts(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let st = &app.reports;
    let Some(y) = st.year.as_ref().or(st.report.as_ref()) else {
        return;
    };
    let [top, bottom] = area.layout(&Layout::vertical([
        Constraint::Percentage(55),
        Constraint::Percentage(45),
    ]));
    // Visits per month, for one field (↑↓) or all.
    let field = st
        .chart_field
        .checked_sub(1)
        .and_then(|i| y.by_field.get(i));
    let name = field
        .map(|f| f.name.clone())
        .unwrap_or_else(|| Msg::RpChartAllFields.t(lang).to_owned());
    let months = y.visits_by_month(field.map(|f| f.field_id));
    let bar_w = ((top.width.saturating_sub(2) as usize / months.len().max(1)).saturating_sub(1))
        .clamp(1, 7) as u16;
    let bars: Vec<Bar> = months
        .iter()
        .map(|(m, n)| {
            Bar::default()
                .value(*n)
                .label(Line::from(month_label(*m)))
                .style(theme.title())
                .value_style(theme.selected())
        })
        .collect();
    let chart = BarChart::default()
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(Line::from(Span::styled(
                    format!(
                        " {} · {} ",
                        Msg::RpChartVisits.fill(lang, &[&i18n::period_label(lang, &y.period)]),
                        name
                    ),
                    theme.header(),
                )))
                .title_bottom(
                    Line::from(format!(" {} ", Msg::RpChartHint.t(lang))).right_aligned(),
                ),
        )
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_w)
        .bar_gap(1);
    frame.render_widget(chart, top);
    // Resolved on time per month, as a percentage (a line), with the counts on the axis.
    let resolved = y.resolved_by_month();
    let points: Vec<(f64, f64)> = resolved
        .iter()
        .enumerate()
        .filter(|(_, (_, n, _))| *n > 0)
        .map(|(i, (_, n, ok))| (i as f64, *ok as f64 * 100.0 / *n as f64))
        .collect();
    let n = resolved.len().max(2);
    let labels: Vec<Line> = [0, n / 2, n - 1]
        .iter()
        .filter_map(|i| {
            resolved
                .get(*i)
                .map(|(m, _, _)| Line::from(month_label(*m)))
        })
        .collect();
    let total: u64 = resolved.iter().map(|(_, n, _)| n).sum();
    let ok: u64 = resolved.iter().map(|(_, _, k)| k).sum();
    let datasets = vec![
        Dataset::default()
            .name(format!(
                "{} {ok}/{total} {}",
                Msg::RpChartOnTimeLbl.t(lang),
                Msg::RpChartResolved.t(lang)
            ))
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.ok())
            .data(&points),
    ];
    let line = Chart::new(datasets)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(Line::from(Span::styled(
                    format!(
                        " {} ",
                        Msg::RpChartOnTime.fill(lang, &[&i18n::period_label(lang, &y.period)])
                    ),
                    theme.header(),
                ))),
        )
        .x_axis(
            Axis::default()
                .bounds([0.0, (n - 1) as f64])
                .labels(labels)
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(vec![Line::from("0"), Line::from("50"), Line::from("100%")])
                .style(theme.dim()),
        );
    frame.render_widget(line, bottom);
}
