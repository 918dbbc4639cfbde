//! `F3`: the journal's newest entries (administrators), one line each, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::App;
use crate::app::audit::AuditView;
use crate::i18n::Msg;

pub fn draw(frame: &mut Frame, app: &App, view: &AuditView, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let mut lines: Vec<Line> = view
        .lines
        .iter()
        .map(|l| Line::from(Span::raw(l.as_str())))
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            Msg::AuditNone.t(lang),
            theme.dim(),
        )));
    }
    let r = super::popup(
        frame,
        area,
        area.width.saturating_sub(2).max(20),
        area.height,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(" {} ", Msg::AuditTitle.fill(lang, &[&view.lines.len()])),
            theme.title(),
        )));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((view.scroll, 0)),
        r,
    );
}
