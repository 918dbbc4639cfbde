//! The messages said in the status line, kept: a refusal or a conflict is often longer than
//! the line, and the words that say what to do come last. `F2` shows the last ones in full,
//! newest first, wrapped (the status line marks a message it had to cut).

use std::collections::VecDeque;

use super::{App, Command, Overlay, Status};

/// How many messages are kept.
pub const KEPT: usize = 50;

/// A message as it was said: when, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// HH:MM:SS, from the app's clock.
    pub at: String,
    pub status: Status,
}

/// The last messages, newest first.
#[derive(Debug, Default)]
pub struct MessageLog {
    said: VecDeque<Said>,
}

impl MessageLog {
    pub fn push(&mut self, at: String, status: Status) {
        // The same words again (a key pressed twice) are one message.
        if self.said.front().is_some_and(|s| s.status == status) {
            self.said.pop_front();
        }
        self.said.push_front(Said { at, status });
        self.said.truncate(KEPT);
    }

    /// Newest first.
    pub fn iter(&self) -> impl Iterator<Item = &Said> {
        self.said.iter()
    }

    pub fn len(&self) -> usize {
        self.said.len()
    }

    pub fn is_empty(&self) -> bool {
        self.said.is_empty()
    }
}

impl App {
    /// Keep what the status line says (see `MessageLog`).
    pub(super) fn remember(&mut self, status: &Status) {
        let at = self.now().format("%H:%M:%S").to_string();
        self.messages.push(at, status.clone());
    }

    /// `F2`: the last messages in full.
    pub(super) fn show_messages(&mut self) {
        if !matches!(self.overlays.last(), Some(Overlay::Messages(_))) {
            self.overlays.push(Overlay::Messages(0));
        }
    }

    pub(super) fn apply_messages(&mut self, cmd: Command) {
        let page = self.viewport.1.saturating_sub(6).max(1);
        match cmd {
            Command::Close | Command::Messages => {
                self.overlays.pop();
            }
            Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
                if let Some(Overlay::Messages(scroll)) = self.overlays.last_mut() {
                    *scroll = super::scrolled(*scroll, cmd, page);
                }
            }
            _ => {}
        }
    }
}
