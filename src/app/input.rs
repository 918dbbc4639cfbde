//! From the terminal to a [`Msg`]: a key is a command when the keymap says so here, else text
//! for the focused input; pasted text goes to the focused input, never to the key bindings.
//! Both then go through `App::apply` like everything else.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keymap::{self, Context};
use super::{App, Command, EntryInput, Msg, Overlay};
use crate::domain::limits;
use crate::domain::lookup::MAX_QUERY_CHARS;
use crate::domain::text::one_line;

impl App {
    /// What a key press means here: a command, or text for the focused input.
    pub fn key_msg(&self, key: KeyEvent) -> Option<Msg> {
        if self.too_small() {
            let quit = matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
                || (key.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(key.code, KeyCode::Char('c' | 'q')));
            return quit.then_some(Msg::Cmd(Command::Quit));
        }
        let ctx = self.context();
        match keymap::resolve(ctx, &key) {
            Some(cmd) => Some(Msg::Cmd(cmd)),
            None if ctx.takes_text() => Some(Msg::Text(key)),
            None => None,
        }
    }

    /// A key press from the terminal.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if let Some(msg) = self.key_msg(key) {
            self.apply(msg);
        }
    }

    /// Pasted text (bracketed paste).
    pub fn handle_paste(&mut self, text: &str) {
        self.apply(Msg::Paste(text.to_owned()));
    }

    /// A key typed into the focused input.
    pub(super) fn type_text(&mut self, key: KeyEvent) {
        if self.context() == Context::Lock {
            self.lock_type(key);
            return;
        }
        if self.context() == Context::Lookup {
            if key.code != KeyCode::Enter {
                super::bounded::input(&mut self.lookup.input, key, MAX_QUERY_CHARS);
                self.lookup_typed();
            }
            return;
        }
        match self.overlays.last_mut() {
            Some(Overlay::Form(form)) => {
                let outcome = form.type_key(key);
                self.after_form_key(outcome);
            }
            Some(Overlay::Prompt(p)) if key.code != KeyCode::Enter => {
                super::bounded::input(&mut p.input, key, limits::LINE);
                p.error = None;
            }
            Some(Overlay::Entry(e)) => {
                let row = e.focused();
                let max = row.key.max_len();
                let changed = match &mut row.input {
                    EntryInput::Text(ta) => {
                        key.code != KeyCode::Enter && super::bounded::input(ta, key, max)
                    }
                    EntryInput::Choice(c) => {
                        match key.code {
                            KeyCode::Char(ch) => c.type_str(&ch.to_string()),
                            KeyCode::Backspace => c.backspace(),
                            _ => {}
                        }
                        false
                    }
                };
                if changed {
                    e.mark_changed(std::time::Instant::now());
                }
            }
            Some(Overlay::Setup(s)) if key.code != KeyCode::Enter => {
                super::bounded::input(s.focused(), key, limits::LINE);
                let at = s.focus;
                s.errors.retain(|(i, _)| *i != at);
            }
            _ => {}
        }
    }

    /// Pasted text into the focused input (one line except where the input is multi-line).
    pub(super) fn paste(&mut self, text: &str) {
        if self.context() == Context::Lock {
            self.lock_paste(text);
            return;
        }
        if self.context() == Context::Lookup {
            super::bounded::paste(&mut self.lookup.input, &one_line(text), MAX_QUERY_CHARS);
            self.lookup_typed();
            return;
        }
        match self.overlays.last_mut() {
            Some(Overlay::Form(form)) => form.paste(text),
            Some(Overlay::Prompt(p)) => {
                super::bounded::paste(&mut p.input, &one_line(text), limits::LINE);
            }
            Some(Overlay::Entry(e)) => {
                let row = e.focused();
                let max = row.key.max_len();
                let changed = match &mut row.input {
                    EntryInput::Text(ta) => super::bounded::paste(ta, &one_line(text), max),
                    EntryInput::Choice(c) => {
                        c.type_str(text);
                        false
                    }
                };
                if changed {
                    e.mark_changed(std::time::Instant::now());
                }
            }
            Some(Overlay::Setup(s)) => {
                super::bounded::paste(s.focused(), &one_line(text), limits::LINE);
            }
            _ => {}
        }
    }
}
