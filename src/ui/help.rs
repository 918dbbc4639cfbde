//! The `?` overlay: the keys valid here and everywhere, from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::keymap::{self, Context};
use crate::app::{App, Overlay};
use crate::i18n::Msg;

/// The context the help is about: the one under the help overlay.
fn context_below(app: &App) -> Context {
    app.overlays
        .iter()
        .rev()
        .find(|o| !matches!(o, Overlay::Help))
        .map(Overlay::context)
        .unwrap_or(app.pane_context())
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let ctx = context_below(app);
    let mut lines = vec![];
    let mut contexts = vec![ctx];
    contexts.extend(ctx.also());
    contexts.push(Context::Global);
    for c in contexts {
        lines.push(Line::from(Span::styled(c.title().t(lang), theme.header())));
        for b in keymap::bindings(c) {
            let keys: Vec<String> = b.keys.iter().map(keymap::key_label).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keys.join(" / ")), theme.key()),
                Span::raw(b.help.t(lang)),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let h = lines.len() as u16 + 2;
    let r = super::popup(frame, area, 68, h);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(Span::styled(
            format!(" {} ", Msg::HelpTitle.fill(lang, &[&ctx.title().t(lang)])),
            theme.title(),
        )));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        r,
    );
}
