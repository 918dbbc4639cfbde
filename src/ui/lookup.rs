//! Lookup: the box; the results in sections (citizens, cases, visits), each headed by its
//! count and ending with what is left to page through, only the lines in view drawn; and a
//! citizen's history. A denunciation shows its pseudonym; its denouncer is never in the
//! results.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::queue::due_text;
use super::text::{self, Seg};
use super::theme::Theme;
use crate::app::{App, HistoryView};
use crate::domain::date::format_date;
use crate::domain::identity::Place;
use crate::i18n::{self, Msg};
use crate::store::{CaseHit, HistoryItem, Kind};

/// Segments as spans, " · " between them.
fn spans(segs: Vec<Seg>, theme: &Theme) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    for seg in segs.into_iter().filter(|s| !s.text().is_empty()) {
        if !out.is_empty() {
            out.push(Span::styled(" · ", theme.dim()));
        }
        out.push(match seg {
            Seg::Name(t) => Span::styled(t, theme.title()),
            Seg::Plain(t) => Span::raw(t),
            Seg::Strong(t) => Span::styled(t, Style::default().add_modifier(Modifier::BOLD)),
            Seg::Dim(t) => Span::styled(t, theme.dim()),
        });
    }
    out
}

/// A case found (also a line of a citizen's history).
fn case_line(app: &App, c: &CaseHit, theme: &Theme) -> Vec<Span<'static>> {
    spans(
        text::case_hit(app.lang, &app.viewer, c, |d| due_text(app, d, true)),
        theme,
    )
}

use ratatui::style::{Modifier, Style};

/// The lookup box and its results, in `area` (an overlay or the Tra cứu tab).
pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme, overlay: bool) {
    let lang = app.lang;
    let st = &app.lookup;
    let area = if overlay {
        let r = Rect {
            x: area.x + 1,
            y: area.y,
            width: area.width.saturating_sub(2),
            height: area.height,
        };
        frame.render_widget(Clear, r);
        r
    } else {
        area
    };
    let mut block = Block::default()
        .borders(if overlay { Borders::ALL } else { Borders::TOP })
        .title(Line::from(Span::styled(
            format!(" {} ", Msg::TabLookup.t(lang)),
            theme.title(),
        )));
    // A pasted page is looked up by its first words only: say so.
    if crate::domain::lookup::parse(&st.query).is_cut() {
        block = block.title_bottom(Line::from(Span::styled(
            format!(
                " {} ",
                Msg::LookupCut.fill(lang, &[&crate::domain::lookup::MAX_CLUES])
            ),
            theme.dim(),
        )));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [input_area, hint_area, list_area] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let text = st.input.lines().join(" ");
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("/ ", theme.key()),
            Span::styled(text.clone(), theme.input()),
        ])),
        input_area,
    );
    let col = st.input.cursor().1;
    let before: String = text.chars().take(col).collect();
    let x = input_area.x + 2 + unicode_width::UnicodeWidthStr::width(before.as_str()) as u16;
    if x < input_area.right() {
        frame.set_cursor_position((x, input_area.y));
    }
    let r = &st.results;
    if st.query.trim().is_empty() {
        frame.render_widget(
            Paragraph::new(Msg::LookupPrompt.t(lang)).style(theme.dim()),
            hint_area,
        );
        return;
    }
    if r.is_empty() {
        frame.render_widget(
            Paragraph::new(Msg::LookupNothing.fill(lang, &[&st.query])).style(theme.dim()),
            hint_area,
        );
        return;
    }
    // Every line there is to show; only those in view are drawn (a section paged through to
    // its end may hold thousands of rows).
    let mut entries = Vec::new();
    let mut selected_line = 0;
    let mut index = 0;
    for kind in Kind::ALL {
        let held = r.held(kind);
        if held == 0 {
            continue;
        }
        entries.push(Entry::Header(kind));
        for i in 0..held {
            if index == st.selected {
                selected_line = entries.len();
            }
            entries.push(Entry::Row(kind, i));
            index += 1;
        }
        if r.next(kind).is_some() {
            entries.push(Entry::More(kind));
        }
    }
    let area = Rect {
        y: hint_area.y,
        height: hint_area.height + list_area.height,
        ..hint_area
    };
    let visible = (area.height as usize).max(1);
    // The selected row in view, with the "more" line under it when there is one.
    let bottom = match entries.get(selected_line + 1) {
        Some(Entry::More(_)) => selected_line + 1,
        _ => selected_line,
    };
    let offset = bottom.saturating_sub(visible - 1);
    let lines: Vec<Line> = entries
        .iter()
        .skip(offset)
        .take(visible)
        .map(|e| entry_line(app, e, theme))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A line of the results: a section's heading, a row, or what is left of a section.
enum Entry {
    Header(Kind),
    Row(Kind, usize),
    More(Kind),
}

fn entry_line(app: &App, e: &Entry, theme: &Theme) -> Line<'static> {
    let lang = app.lang;
    let st = &app.lookup;
    let r = &st.results;
    match *e {
        Entry::Header(kind) => {
            let (total, exact, _) = r.counts(kind);
            let count = text::section_count(lang, total, exact);
            let msg = match kind {
                Kind::Citizens => Msg::LookupCitizens,
                Kind::Cases => Msg::LookupCases,
                Kind::Visits => Msg::LookupVisits,
            };
            Line::styled(msg.fill(lang, &[&count]), theme.header())
        }
        Entry::Row(kind, i) => {
            let selected = st.start_of(kind) + i == st.selected;
            let segs = match kind {
                Kind::Citizens => text::citizen_hit(lang, &app.viewer, &r.citizens[i]),
                Kind::Cases => {
                    text::case_hit(lang, &app.viewer, &r.cases[i], |d| due_text(app, d, true))
                }
                Kind::Visits => text::visit_hit(lang, &app.viewer, &r.visits[i]),
            };
            let mut parts = vec![Span::raw(if selected { "▶ " } else { "  " })];
            parts.extend(spans(segs, theme));
            let line = Line::from(parts);
            if selected {
                line.patch_style(theme.selected())
            } else {
                line
            }
        }
        Entry::More(kind) => {
            let text = if st.loading.is_some_and(|(k, _)| k == kind) {
                Msg::LookupLoading.t(lang).to_owned()
            } else {
                text::more_line(lang, r.counts(kind).0, r.held(kind))
            };
            Line::styled(format!("  {text}"), theme.dim())
        }
    }
}

pub fn history(frame: &mut Frame, app: &App, h: &HistoryView, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let c = &h.citizen;
    let mut lines = Vec::new();
    // One citizen's history is their detail: the particulars whole, by the identity rule.
    let v = &app.viewer;
    let ident: Vec<String> = [
        Some(i18n::person(lang, v, &c.person)),
        v.id_number(&c.person, Place::Detail),
        v.phone(&c.person, Place::Detail),
        v.address(&c.person).map(str::to_owned),
    ]
    .into_iter()
    .flatten()
    .collect();
    lines.push(Line::styled(ident.join(" · "), theme.title()));
    lines.push(Line::styled(Msg::HistoryNote.t(lang), theme.dim()));
    if h.items.is_empty() {
        lines.push(Line::styled(Msg::HistoryEmpty.t(lang), theme.dim()));
    }
    let mut selected_line = 0;
    for (i, item) in h.items.iter().enumerate() {
        if i == h.selected {
            selected_line = lines.len();
        }
        let mark = if i == h.selected { "▶ " } else { "  " };
        let mut line = match item {
            HistoryItem::Visit {
                day,
                time,
                petition_type,
                field_name,
                content,
                handling,
                repeat,
                requests,
                documents,
                ..
            } => {
                let mut spans = vec![
                    Span::raw(mark),
                    Span::raw(format!("{} {time}  ", format_date(*day))),
                    Span::styled(format!("{:<15}", Msg::HistoryVisit.t(lang)), theme.dim()),
                    Span::raw(format!(
                        "{} · {field_name} · {} · ",
                        i18n::petition_type(*petition_type).t(lang),
                        i18n::handling(*handling).t(lang)
                    )),
                ];
                if *repeat > 1 {
                    spans.push(Span::styled(
                        format!("{} ", Msg::HistoryRepeat.fill(lang, &[repeat])),
                        theme.warning(),
                    ));
                }
                spans.push(Span::raw(content.lines().next().unwrap_or("").to_owned()));
                if !requests.is_empty() {
                    spans.push(Span::styled(
                        format!(" · {}", Msg::HistRequests.fill(lang, &[requests])),
                        theme.dim(),
                    ));
                }
                if *documents > 0 {
                    spans.push(Span::styled(
                        format!(" · {}", Msg::HistoryDocuments.fill(lang, &[documents])),
                        theme.dim(),
                    ));
                }
                Line::from(spans)
            }
            HistoryItem::Case { hit, round, added } => {
                let mut spans = vec![
                    Span::raw(mark),
                    Span::raw(format!("{}        ", format_date(hit.received_on))),
                ];
                spans.extend(case_line(app, hit, theme));
                if *round == 2 {
                    spans.push(Span::styled(
                        format!(" · {}", Msg::HistoryRound2.t(lang)),
                        theme.warning(),
                    ));
                }
                if *added > 0 {
                    spans.push(Span::styled(
                        format!(" · ↻ {}", Msg::HistoryAdded.fill(lang, &[added])),
                        theme.warning(),
                    ));
                }
                Line::from(spans)
            }
        };
        if i == h.selected {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    let r = super::popup(frame, area, area.width, area.height);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(
                " {} ",
                Msg::HistoryTitle.fill(lang, &[&i18n::person(lang, &app.viewer, &c.person)])
            ),
            theme.title(),
        )));
    let inner_h = r.height.saturating_sub(2) as usize;
    let offset = selected_line.saturating_sub(inner_h.saturating_sub(1));
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(offset).collect::<Vec<_>>()).block(block),
        r,
    );
}
