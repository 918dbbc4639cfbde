//! The terminal loop: read an event → `App` → draw. The terminal is restored on every exit
//! path, including a panic (ratatui's hook, chained with ours for bracketed paste).

use std::io::{self, stdout};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use crate::app::{App, DRAFT_DELAY};
use crate::ui;

/// Run the TUI until the officer quits.
pub fn run(app: &mut App) -> io::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste);
        previous(info);
    }));
    // `try_init` chains its own hook (leave the alternate screen, disable raw mode) before ours.
    let mut terminal = ratatui::try_init()?;
    let result =
        execute!(stdout(), EnableBracketedPaste).and_then(|()| event_loop(&mut terminal, app));
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    loop {
        let size = terminal.size()?;
        app.viewport = (size.width, size.height);
        terminal.draw(|frame| ui::draw(frame, app))?;
        // Debug builds only: lets the end-to-end tests prove that a panic restores the terminal.
        #[cfg(debug_assertions)]
        if std::env::var_os("TIEPDAN_TEST_PANIC").is_some() {
            panic!("TIEPDAN_TEST_PANIC: deliberate panic after the first frame");
        }
        if app.should_quit {
            return Ok(());
        }
        // Wake up for the draft autosave, and once a minute for the date rollover.
        let waiting_draft = app.form().is_some_and(|f| f.unsaved_since.is_some());
        let timeout = if waiting_draft {
            DRAFT_DELAY
        } else {
            Duration::from_secs(30)
        };
        if event::poll(timeout)? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(key),
                Event::Paste(text) => app.handle_paste(&text),
                // Resize: the next draw adapts to the new size.
                _ => {}
            }
        }
        app.tick(Instant::now());
    }
}
