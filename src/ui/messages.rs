//! `F2`: the last messages of the status line, in full, newest first — a refusal or a
//! conflict wraps here instead of being cut before the words that say what to do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::{App, StatusKind};
use crate::i18n::Msg;

pub fn draw(frame: &mut Frame, app: &App, scroll: u16, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let mut lines = Vec::new();
    if app.messages.is_empty() {
        lines.push(Line::from(Span::styled(
            Msg::MessagesEmpty.t(lang),
            theme.dim(),
        )));
    }
    for said in app.messages.iter() {
        let (mark, style) = match said.status.kind {
            StatusKind::Info => ("✓", theme.ok()),
            StatusKind::Error => ("✗", theme.error()),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", said.at), theme.dim()),
            Span::styled(format!("{mark} {}", said.status.text), style),
        ]));
    }
    let r = super::popup(
        frame,
        area,
        area.width.saturating_sub(4).max(20),
        area.height,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(" {} ", Msg::MessagesTitle.t(lang)),
            theme.title(),
        )));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        r,
    );
}
