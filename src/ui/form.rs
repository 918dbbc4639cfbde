//! The visit form: labels on the left, inputs on the right, each input's problems on the
//! line below it, a dropdown under the focused combobox. Scrolls to keep focus in view.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::App;
use crate::app::form::{VisitForm, Widget};
use crate::domain::identity::Place;
use crate::domain::visit::{FormField, PetitionType};
use crate::i18n::{self, Msg};
use crate::store::citizens_matched_by_label;

enum Item {
    Notice(String),
    Input(FormField),
    Problem(String, bool),
}

fn input_height(f: FormField, small: bool) -> u16 {
    match f {
        FormField::Content if small => 2,
        FormField::Content => 4,
        _ => 1,
    }
}

fn items(app: &App, form: &VisitForm) -> Vec<Item> {
    let lang = app.lang;
    let mut out = vec![];
    if let Some(n) = &form.notice {
        out.push(Item::Notice(n.clone()));
    }
    if let Some(r) = &form.repeat {
        let by = citizens_matched_by_label(r.matched_by, lang);
        // (A citizen on record only as a denouncer is never matched: the store says nothing.)
        let who = crate::i18n::person(lang, &app.viewer, &r.person);
        // A denunciation joins no case of this person's (kinds apart, Luật Tố cáo Art 47):
        // say so instead of offering their open case.
        let apart = form.value(FormField::PetitionType) == PetitionType::ToCao.code();
        let text = match r.last_visit {
            Some(d) => Msg::RepeatVisitor.fill(
                lang,
                &[&r.visits, &crate::domain::date::format_date(d), &by, &who],
            ),
            _ => Msg::RepeatVisitorNoDate.fill(lang, &[&by, &who]),
        };
        out.push(Item::Notice(text));
        if apart {
            out.push(Item::Notice(
                Msg::RepeatDenunciationApart.t(lang).to_owned(),
            ));
        } else if app.viewer.sees(&r.person) {
            let mut known = vec![];
            if let Some(p) = app.viewer.phone(&r.person, Place::Detail) {
                known.push(format!("{}: {p}", Msg::LblPhone.t(lang)));
            }
            if let Some(a) = app.viewer.address(&r.person) {
                known.push(format!("{}: {a}", Msg::LblAddress.t(lang)));
            }
            if !known.is_empty() {
                out.push(Item::Notice(format!("  {}", known.join(" · "))));
            }
            if let Some(c) = &r.open_case {
                out.push(Item::Notice(Msg::RepeatOpenCase.fill(
                    lang,
                    &[&c.code, &c.field_name, &i18n::case_status(c.status).t(lang)],
                )));
            }
        }
    }
    for f in form.visible() {
        out.push(Item::Input(f));
        if f == FormField::People
            && let Some((min, max)) = form.group_rule()
        {
            out.push(Item::Notice(
                Msg::GroupNotice.fill(lang, &[&form.people(), &min, &max]),
            ));
        }
        for p in form.shown_problems(f) {
            out.push(Item::Problem(i18n::problem(lang, p), p.is_error()));
        }
    }
    out
}

pub fn draw(frame: &mut Frame, app: &App, form: &VisitForm, area: Rect, theme: &Theme) {
    let lang = app.lang;
    frame.render_widget(Clear, area);
    let title = if form.editing_uid.is_some() {
        Msg::FormEditTitle
    } else {
        Msg::FormNewTitle
    };
    let when = app.day_label(form.opened_on);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(" {} ", title.fill(lang, &[&when])),
            theme.title(),
        )));
    if let Some(at) = &form.draft_saved_at {
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" {} ", Msg::DraftSavedAt.fill(lang, &[at])),
                theme.dim(),
            ))
            .right_aligned(),
        );
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 10 || inner.height < 2 {
        return;
    }
    let small = inner.height < 16;
    let label_w = (inner.width / 3).clamp(8, 23);
    let input_x = inner.x + label_w;
    let input_w = inner.width.saturating_sub(label_w);

    let items = items(app, form);
    let heights: Vec<u16> = items
        .iter()
        .map(|it| match it {
            Item::Input(f) => input_height(*f, small),
            Item::Notice(t) => wrapped_height(t, inner.width.saturating_sub(1)),
            Item::Problem(t, _) => wrapped_height(t, input_w.saturating_sub(1)),
        })
        .collect();
    // Keep the focused input (and the problems under it) in view.
    let mut tops = Vec::with_capacity(items.len());
    let mut y = 0u16;
    for h in &heights {
        tops.push(y);
        y += h;
    }
    let focus_idx = items
        .iter()
        .position(|it| matches!(it, Item::Input(f) if *f == form.focus))
        .unwrap_or(0);
    let mut focus_end = tops[focus_idx] + heights[focus_idx];
    for (i, it) in items.iter().enumerate().skip(focus_idx + 1) {
        if matches!(it, Item::Problem(..)) {
            focus_end = tops[i] + heights[i];
        } else {
            break;
        }
    }
    let mut scroll = form.scroll.get();
    if tops[focus_idx] < scroll {
        scroll = tops[focus_idx];
    } else if focus_end > scroll + inner.height {
        scroll = focus_end - inner.height;
    }
    if focus_idx <= 1 {
        scroll = 0;
    }
    form.scroll.set(scroll);

    let mut dropdown: Option<Rect> = None;
    for (i, it) in items.iter().enumerate() {
        let (top, h) = (tops[i], heights[i]);
        if top < scroll || top + h > scroll + inner.height {
            continue;
        }
        let y = inner.y + top - scroll;
        match it {
            Item::Notice(text) => {
                let r = Rect {
                    x: inner.x + 1,
                    y,
                    width: inner.width.saturating_sub(1),
                    height: h,
                };
                frame.render_widget(
                    Paragraph::new(text.as_str())
                        .style(theme.warning())
                        .wrap(Wrap { trim: true }),
                    r,
                );
            }
            Item::Problem(text, is_error) => {
                let (mark, style) = if *is_error {
                    ("✗ ", theme.error())
                } else {
                    ("⚠ ", theme.warning())
                };
                let r = Rect {
                    x: input_x,
                    y,
                    width: input_w,
                    height: h,
                };
                frame.render_widget(
                    Paragraph::new(format!("{mark}{text}"))
                        .style(style)
                        .wrap(Wrap { trim: true }),
                    r,
                );
            }
            Item::Input(f) => {
                let focused = *f == form.focus;
                let has_error = form.shown_problems(*f).iter().any(|p| p.is_error());
                let label = i18n::form_field(*f).t(lang);
                let mark = if has_error {
                    "✗"
                } else if focused {
                    "▸"
                } else {
                    " "
                };
                let label_style = if focused {
                    theme.label_focused()
                } else {
                    theme.label()
                };
                let label_area = Rect {
                    x: inner.x,
                    y,
                    width: label_w.saturating_sub(1),
                    height: 1,
                };
                frame.render_widget(
                    Paragraph::new(Line::from(vec![
                        Span::styled(
                            mark,
                            if has_error {
                                theme.error()
                            } else {
                                label_style
                            },
                        ),
                        Span::styled(label, label_style),
                    ])),
                    label_area,
                );
                let input_area = Rect {
                    x: input_x,
                    y,
                    width: input_w.saturating_sub(1),
                    height: h,
                };
                frame.render_widget(Block::default().style(theme.input()), input_area);
                draw_input(frame, form, *f, focused, input_area, theme);
                if focused && matches!(&form.input(*f).widget, Widget::Combo(c) if c.is_open()) {
                    dropdown = Some(input_area);
                }
            }
        }
    }
    if let Some(anchor) = dropdown {
        draw_dropdown(frame, app, form, anchor, inner, theme);
    }
}

fn wrapped_height(text: &str, width: u16) -> u16 {
    if width == 0 {
        return 1;
    }
    let w = text.width() as u16 + 3;
    w.div_ceil(width).clamp(1, 3)
}

fn draw_input(
    frame: &mut Frame,
    form: &VisitForm,
    f: FormField,
    focused: bool,
    area: Rect,
    theme: &Theme,
) {
    match &form.input(f).widget {
        Widget::Text(ta) => {
            if focused {
                frame.render_widget(ta.as_ref(), area);
                let c = ta.screen_cursor();
                let (srow, scol) = ta.scroll_offset();
                let row = (c.row as u16).saturating_sub(srow);
                let col = (c.col as u16).saturating_sub(scol);
                if row < area.height && col < area.width {
                    frame.set_cursor_position(Position {
                        x: area.x + col,
                        y: area.y + row,
                    });
                }
            } else {
                let text = ta.lines().join("\n");
                let para = Paragraph::new(text).style(theme.input());
                let para = if form.input(f).multiline {
                    para.wrap(Wrap { trim: false })
                } else {
                    para
                };
                frame.render_widget(para, area);
            }
        }
        Widget::Combo(c) => {
            let shown = if focused && !c.query.is_empty() {
                Line::from(vec![Span::raw(c.query.clone())])
            } else {
                Line::from(c.chosen_label().unwrap_or("").to_owned())
            };
            let mut spans = shown.spans;
            if focused {
                spans.push(Span::styled(" ▾", theme.dim()));
            }
            frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.input()), area);
            if focused {
                let x = area.x + (c.query.width() as u16).min(area.width.saturating_sub(1));
                frame.set_cursor_position(Position { x, y: area.y });
            }
        }
    }
}

fn draw_dropdown(
    frame: &mut Frame,
    app: &App,
    form: &VisitForm,
    anchor: Rect,
    bounds: Rect,
    theme: &Theme,
) {
    let Widget::Combo(c) = &form.input(form.focus).widget else {
        return;
    };
    let matches = c.matches();
    let wanted = (matches.len().max(1) as u16).min(7) + 2;
    let below = bounds.bottom().saturating_sub(anchor.bottom());
    let above = anchor.y.saturating_sub(bounds.y);
    let (y, h) = if below >= wanted || below >= above {
        (anchor.bottom(), wanted.min(below))
    } else {
        (
            anchor.y.saturating_sub(wanted.min(above)),
            wanted.min(above),
        )
    };
    if h < 3 {
        return;
    }
    let width = anchor.width.min(
        matches
            .iter()
            .map(|o| o.label.width() as u16 + 4)
            .max()
            .unwrap_or(20)
            .max(24),
    );
    let r = Rect {
        x: anchor.x,
        y,
        width,
        height: h,
    };
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim());
    if matches.is_empty() {
        frame.render_widget(
            Paragraph::new(Msg::NoMatch.t(app.lang))
                .style(theme.warning())
                .block(block),
            r,
        );
        return;
    }
    let list = List::new(matches.iter().map(|o| ListItem::new(o.label.clone())))
        .block(block)
        .highlight_style(theme.selected())
        .highlight_symbol("▶");
    let mut state = ListState::default().with_selected(Some(c.shown_highlight()));
    frame.render_stateful_widget(list, r, &mut state);
}
