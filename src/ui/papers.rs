//! The papers of a visit or a case (`p`): the forms that apply, the number each has so
//! far, the file last written.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::App;
use crate::app::papers::PapersView;
use crate::i18n::{self, Msg};

pub fn draw(frame: &mut Frame, app: &App, v: &PapersView, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let mut lines = vec![];
    for (i, (form, printed)) in v.rows.iter().enumerate() {
        let mark = if i == v.selected { "▶ " } else { "  " };
        let state = match printed {
            None => Msg::PapersNew.t(lang).to_owned(),
            Some(p) => {
                Msg::PapersNumbered.fill(lang, &[&format!("{:02}/{}", p.number, p.year), &p.prints])
            }
        };
        let mut line = Line::from(vec![
            Span::raw(mark),
            Span::raw(format!("{:<34}", i18n::paper_form(*form).t(lang))),
            Span::styled(state, theme.dim()),
        ]);
        if i == v.selected {
            line = line.patch_style(theme.selected());
        }
        lines.push(line);
    }
    if let Some(p) = &v.written {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled(Msg::PapersWrittenTo.t(lang), theme.header()),
            Span::raw(p.display().to_string()),
        ]));
    }
    lines.push(Line::styled(Msg::PapersHint.t(lang), theme.dim()));
    // The list first, so a small terminal still shows it; wrapped lines counted.
    let w = area.width.min(76);
    let inner = w.saturating_sub(2).max(1) as usize;
    let h: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
    let r = super::popup(frame, area, w, (h as u16 + 2).min(area.height));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(" {} ", Msg::PapersTitle.fill(lang, &[&v.label])),
            theme.title(),
        )));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        r,
    );
}
