//! The deadline board, the explanation of a due date, and the catalog pane (rules, calendar).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::queue::due_text;
use super::theme::Theme;
use crate::app::{App, BoardState, CatalogSection, ExplainView};
use crate::domain::date::format_date;
use crate::domain::deadline::{Bucket, Holder};
use crate::i18n::{self, Msg};

fn bucket_title(b: Bucket) -> Msg {
    match b {
        Bucket::Overdue => Msg::BucketOverdue,
        Bucket::Within3 => Msg::BucketWithin3,
        Bucket::Within7 => Msg::BucketWithin7,
        Bucket::Later => Msg::BucketLater,
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let st = &app.board;
    let b = &st.board;
    let total = b.overdue + b.within3 + b.within7 + b.later;
    let mut title = Msg::BoardTitle.fill(lang, &[&total]);
    if (b.rows.len() as u32) < total {
        title.push(' ');
        title.push_str(&Msg::BoardShown.fill(lang, &[&b.rows.len()]));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(Span::styled(
            format!(" {title} "),
            theme.title(),
        )));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // In December: next year's days off, still estimates, wait for the administrator.
    let reminder = st.reminder.as_ref().map(|r| {
        let (from, to) = r
            .tet
            .map(|(a, b)| (format_date(a), format_date(b)))
            .unwrap_or_default();
        Msg::BoardReminder.fill(
            lang,
            &[
                &r.year,
                &from,
                &to,
                &format_date(r.beside_national_day),
                &format_date(r.culture_day),
                &crate::i18n::weekday(lang, chrono::Datelike::weekday(&r.culture_day)),
            ],
        )
    });
    let reminder_h = reminder.as_ref().map_or(0, |t| {
        let w = unicode_width::UnicodeWidthStr::width(t.as_str()) as u16;
        // Words wrap: a line more than the bare width needs, at most four.
        (w.div_ceil(inner.width.max(1)) + 1).clamp(1, 4)
    });
    let [counts_area, reminder_area, table_area] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(reminder_h),
        Constraint::Fill(1),
    ]));
    if let Some(t) = reminder {
        frame.render_widget(
            Paragraph::new(t)
                .style(theme.warning())
                .wrap(Wrap { trim: true }),
            reminder_area,
        );
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, bk) in [
        Bucket::Overdue,
        Bucket::Within3,
        Bucket::Within7,
        Bucket::Later,
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        let style = if bk == Bucket::Overdue && b.overdue > 0 {
            theme.error()
        } else {
            theme.header()
        };
        spans.push(Span::styled(b.count(bk).to_string(), style));
        spans.push(Span::raw(format!(" {}", bucket_title(bk).t(lang))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), counts_area);
    if b.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(format!(" {}", Msg::BoardEmpty.t(lang))).style(theme.dim()),
            table_area,
        );
        return;
    }

    // Manual columns, so that a bucket heading can span the whole width.
    let wide = table_area.width >= 110;
    let medium = table_area.width >= 70;
    // Codes are never cut: the column is as wide as the longest one shown.
    let code_w = b
        .rows
        .iter()
        .map(|r| r.code.chars().count())
        .max()
        .unwrap_or(12)
        .max(Msg::ColCode.t(lang).chars().count());
    let mut cols: Vec<(Msg, usize)> = vec![(Msg::ColCode, code_w)];
    if wide {
        cols.push((Msg::ColType, 10));
    }
    cols.extend([
        (Msg::ColObligation, 21),
        (Msg::ColDue, 10),
        (Msg::ColStanding, 22),
    ]);
    let fixed: usize = cols.iter().map(|(_, w)| w + 1).sum::<usize>() + 1;
    let rest = (table_area.width as usize).saturating_sub(fixed);
    if medium {
        if wide {
            let officer = 16;
            // The pseudonym "Người tố cáo TC-2026-BD-0001" needs 28 cells.
            let field = 22.min(rest.saturating_sub(officer + 29 + 2));
            cols.push((Msg::ColCitizen, rest.saturating_sub(officer + field + 2)));
            cols.push((Msg::ColField, field));
            cols.push((Msg::ColOfficer, officer));
        } else {
            cols.push((Msg::ColCitizen, rest));
        }
    }
    let line_of = |cells: Vec<(String, ratatui::style::Style)>, mark: &str| {
        let mut spans = vec![Span::raw(mark.to_owned())];
        for ((text, style), (_, w)) in cells.into_iter().zip(cols.iter()) {
            spans.push(Span::styled(fit(&text, *w), style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    };
    let mut lines = vec![line_of(
        cols.iter()
            .map(|(m, _)| (m.t(lang).to_owned(), theme.header()))
            .collect(),
        " ",
    )];
    let visible = table_area.height.saturating_sub(1) as usize;
    let offset = st.selected.saturating_sub(visible.saturating_sub(2));
    let mut last: Option<Bucket> = None;
    for (i, r) in b.rows.iter().enumerate().skip(offset) {
        if lines.len() > visible {
            break;
        }
        let bk = BoardState::bucket_of(&app.calendar, app.today, r);
        if last != Some(bk) {
            last = Some(bk);
            lines.push(Line::styled(
                format!(" ── {} ({}) ", bucket_title(bk).t(lang), b.count(bk)),
                if bk == Bucket::Overdue {
                    theme.error()
                } else {
                    theme.title()
                },
            ));
            if lines.len() > visible {
                break;
            }
        }
        let (standing, overdue) = due_text(app, r.due_on, false);
        let standing = if overdue {
            standing
        } else {
            Msg::DueLeft.fill(
                lang,
                &[&app.calendar.working_days_between(app.today, r.due_on)],
            )
        };
        let who = i18n::person(lang, &app.viewer, &r.citizen);
        let plain = theme.label();
        let mut cells = vec![(r.code.clone(), plain)];
        if wide {
            cells.push((
                r.case_type
                    .map(|t| i18n::case_type(t).t(lang).to_owned())
                    .unwrap_or_default(),
                plain,
            ));
        }
        cells.extend([
            (i18n::obligation(r.obligation).t(lang).to_owned(), plain),
            (format_date(r.due_on), plain),
            (standing, if overdue { theme.error() } else { plain }),
        ]);
        if medium {
            cells.push((who, plain));
        }
        if wide {
            cells.push((r.field_name.clone(), plain));
            cells.push((r.officer_name.clone().unwrap_or_default(), plain));
        }
        let selected = i == st.selected;
        let mut line = line_of(cells, if selected { "▶" } else { " " });
        if selected {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), table_area);
}

/// `s` cut or padded to exactly `w` cells.
fn fit(s: &str, w: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.extend(std::iter::repeat_n(' ', w - used));
    out
}

pub fn explain(frame: &mut Frame, app: &App, v: &ExplainView, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let mut lines: Vec<Line> = Vec::new();
    if v.dues.is_empty() {
        lines.push(Line::styled(Msg::ExplainNone.t(lang), theme.dim()));
        lines.push(Line::raw(""));
    }
    let label = |m: Msg| Span::styled(format!("  {:<16}", m.t(lang)), theme.header());
    for d in &v.dues {
        let e = &d.explanation;
        let (standing, overdue) = due_text(app, d.due_on, true);
        lines.push(Line::from(vec![
            Span::styled(i18n::obligation(d.obligation).t(lang), theme.title()),
            Span::raw(" — "),
            Span::styled(standing, if overdue { theme.error() } else { theme.ok() }),
        ]));
        for (lbl, text) in i18n::explanation_lines(lang, e) {
            let style = if text.starts_with('⚠') {
                theme.warning()
            } else {
                theme.label()
            };
            lines.push(Line::from(vec![
                match lbl {
                    Some(m) => label(m),
                    None => Span::raw(format!("  {:<16}", "")),
                },
                Span::styled(text, style),
            ]));
        }
        lines.push(Line::raw(""));
    }
    // The citizen's limits, then the decision's legal effect: shown, not tracked (not on
    // the board).
    let mut heading = None;
    for l in &v.limits {
        let effect = l.obligation.holder() == Holder::Effect;
        let h = if effect {
            Msg::ExplainEffect
        } else {
            Msg::ExplainCitizen
        };
        if heading != Some(h) {
            lines.push(Line::styled(h.t(lang), theme.header()));
            heading = Some(h);
        }
        let ends = match (effect, l.due_on < app.today) {
            (true, true) => Msg::EffectAfterPast,
            (true, false) => Msg::EffectAfter,
            (false, true) => Msg::LimitEnded,
            (false, false) => Msg::LimitEnds,
        };
        let mut spans = vec![
            Span::styled(i18n::obligation(l.obligation).t(lang), theme.title()),
            Span::raw(format!(" — {}", ends.fill(lang, &[&format_date(l.due_on)]))),
        ];
        if l.received_late == Some(true) {
            spans.push(Span::styled(" ⚠", theme.error()));
        }
        lines.push(Line::from(spans));
        for (lbl, text) in i18n::explanation_lines(lang, &l.explanation) {
            let style = if text.starts_with('⚠') {
                theme.warning()
            } else {
                theme.label()
            };
            lines.push(Line::from(vec![
                match lbl {
                    Some(m) => label(m),
                    None => Span::raw(format!("  {:<16}", "")),
                },
                Span::styled(text, style),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let r = super::popup(frame, area, area.width.min(110), area.height);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(" {} ", Msg::ExplainTitle.fill(lang, &[&v.code])),
            theme.title(),
        )));
    let scroll = v.scroll.min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        r,
    );
}

pub fn catalog(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let c = &app.catalog;
    let [top, bottom, fields_area] = area.layout(&Layout::vertical([
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Fill(2),
    ]));
    let focus = |s: CatalogSection| {
        if c.section == s {
            theme.title()
        } else {
            theme.dim()
        }
    };
    // Rules.
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(Span::styled(
            format!(" {} ", Msg::CatRules.t(lang)),
            focus(CatalogSection::Rules),
        )));
    let rows = c.rules.iter().map(|r| {
        let applies = i18n::rule_applies(lang, r);
        let mut days = r.days.to_string();
        if r.extension_days > 0 {
            days.push_str(&format!(" (+{})", r.extension_days));
        }
        if !r.active {
            days = format!("— ({})", Msg::CatOff.t(lang));
        }
        let effective = i18n::rule_effective(r);
        let mut article = r.article.clone();
        if r.unconfirmed {
            article = format!("⚠ {article}");
        }
        if r.internal {
            article = format!("⚑ {article} ({})", Msg::CatNotLaw.t(lang));
        }
        // A version made by a dated change says why (issue 23).
        if !r.reason.is_empty() {
            article = format!("{article} · {}", r.reason);
        }
        Row::new(vec![
            Cell::from(i18n::obligation(r.obligation).t(lang)),
            Cell::from(applies),
            Cell::from(days),
            Cell::from(i18n::day_basis(r.basis).t(lang)),
            Cell::from(effective),
            Cell::from(article),
        ])
    });
    let header = Row::new(
        [
            Msg::ColObligation,
            Msg::ColRuleFor,
            Msg::ColDays,
            Msg::ColBasis,
            Msg::ColEffective,
            Msg::ColArticle,
        ]
        .map(|m| Cell::from(m.t(lang))),
    )
    .style(theme.header());
    let table = super::marked(
        Table::new(
            rows,
            [
                Constraint::Length(21),
                Constraint::Length(24),
                Constraint::Length(8),
                Constraint::Length(14),
                Constraint::Length(22),
                Constraint::Fill(1),
            ],
        )
        .header(header)
        .block(block),
        if c.section == CatalogSection::Rules {
            theme.selected()
        } else {
            theme.dim()
        },
    );
    let mut state = TableState::default().with_selected(Some(c.rule_sel));
    frame.render_stateful_widget(table, top, &mut state);

    // Calendar of the year.
    let status = if c.announced {
        Msg::CatAnnounced
    } else {
        Msg::CatExpected
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(vec![
            Span::styled(
                format!(" {} ", Msg::CatCalendar.fill(lang, &[&c.year])),
                focus(CatalogSection::Calendar),
            ),
            Span::styled(
                format!("({}) ", status.t(lang)),
                if c.announced {
                    theme.ok()
                } else {
                    theme.warning()
                },
            ),
        ]));
    let rows = c.days.iter().map(|d| {
        let mut name = d.name.clone();
        if d.expected {
            name.push(' ');
            name.push_str(Msg::ExplainExpected.t(lang));
        }
        if let Some(since) = app.calendar.since(d.day) {
            name.push_str(&format!(
                " ({})",
                Msg::CatSince.fill(lang, &[&format_date(since)])
            ));
        }
        Row::new(vec![
            Cell::from(format!(
                "{}, {}",
                crate::i18n::weekday(lang, chrono::Datelike::weekday(&d.day)),
                format_date(d.day)
            )),
            Cell::from(i18n::day_kind(d.kind).t(lang)),
            Cell::from(name),
        ])
    });
    let header = Row::new([Msg::ColDay, Msg::ColKind, Msg::ColName].map(|m| Cell::from(m.t(lang))))
        .style(theme.header());
    let table = super::marked(
        Table::new(
            rows,
            [
                Constraint::Length(22),
                Constraint::Length(8),
                Constraint::Fill(1),
            ],
        )
        .header(header)
        .block(block),
        if c.section == CatalogSection::Calendar {
            theme.selected()
        } else {
            theme.dim()
        },
    );
    let mut state = TableState::default().with_selected(Some(c.day_sel));
    frame.render_stateful_widget(table, bottom, &mut state);

    // Fields and the report column each rolls up to.
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(Span::styled(
            format!(" {} ", Msg::CatFields.t(lang)),
            focus(CatalogSection::Fields),
        )));
    let name_w = c
        .fields
        .iter()
        .map(|(f, _)| super::columns::width(&f.name))
        .max()
        .unwrap_or(10)
        .max(super::columns::width(Msg::ColField.t(lang)));
    let rows = c
        .fields
        .iter()
        .map(|(f, column)| Row::new(vec![Cell::from(f.name.clone()), Cell::from(column.clone())]));
    let header = Row::new([Msg::ColField, Msg::ColReportColumn].map(|m| Cell::from(m.t(lang))))
        .style(theme.header());
    let table = super::marked(
        Table::new(rows, [Constraint::Length(name_w), Constraint::Fill(1)])
            .header(header)
            .block(block),
        if c.section == CatalogSection::Fields {
            theme.selected()
        } else {
            theme.dim()
        },
    );
    let mut state = TableState::default().with_selected(Some(c.field_sel));
    frame.render_stateful_widget(table, fields_area, &mut state);
}
