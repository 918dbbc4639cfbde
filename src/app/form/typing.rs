//! Keys and pastes typed into the focused input (kept NFC as typed), the arrows in a
//! combobox's list, the form marked changed for the draft autosave.

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::CursorMove;

use super::inputs::renormalize;
use super::{KeyOutcome, VisitForm, Widget};
use crate::domain::text::nfc;

impl VisitForm {
    /// Record that the form changed (for the draft autosave).
    pub fn mark_changed(&mut self, now: Option<Instant>) {
        if self.unsaved_since.is_none() {
            self.unsaved_since = Some(now.unwrap_or_else(Instant::now));
        }
    }

    /// A key typed into the focused input (not a form command). Returns true if it changed
    /// the form's content, and whether it asks to move on (Enter in a one-line input).
    pub fn type_key(&mut self, key: KeyEvent) -> KeyOutcome {
        let focus = self.focus;
        let lang = self.lang;
        let input = self.input_mut(focus);
        match &mut input.widget {
            Widget::Combo(c) => match key.code {
                KeyCode::Enter => {
                    if c.pick() {
                        KeyOutcome::Advance
                    } else {
                        KeyOutcome::Nothing
                    }
                }
                // What is typed into a choice is kept in the draft too (until it is taken).
                KeyCode::Backspace => {
                    c.backspace();
                    KeyOutcome::Changed
                }
                KeyCode::Char(ch)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    c.type_str(&ch.to_string());
                    KeyOutcome::Changed
                }
                _ => KeyOutcome::Nothing,
            },
            Widget::Text(ta) => {
                if key.code == KeyCode::Enter && !input.multiline {
                    return KeyOutcome::Advance;
                }
                let changed = crate::app::bounded::input(ta, key, input.field.max_len());
                if changed {
                    renormalize(input, lang);
                    KeyOutcome::Changed
                } else {
                    KeyOutcome::Nothing
                }
            }
        }
    }

    /// Pasted text (bracketed paste) into the focused input, NFC-normalized; a change is
    /// marked for the draft autosave.
    pub fn paste(&mut self, text: &str) {
        if self.paste_text(text) {
            self.mark_changed(None);
        }
    }

    fn paste_text(&mut self, text: &str) -> bool {
        let text = nfc(&text.replace("\r\n", "\n").replace('\r', "\n"));
        let focus = self.focus;
        let lang = self.lang;
        let input = self.input_mut(focus);
        match &mut input.widget {
            Widget::Combo(c) => {
                c.type_str(&text);
                false
            }
            Widget::Text(ta) => {
                let text = if input.multiline {
                    text
                } else {
                    text.replace('\n', " ")
                };
                let changed = crate::app::bounded::paste(ta, &text, input.field.max_len());
                renormalize(input, lang);
                changed
            }
        }
    }

    /// Up/Down: move in a combobox's list, or to the previous/next input from a one-line one.
    pub fn arrow(&mut self, down: bool) -> KeyOutcome {
        let focus = self.focus;
        let input = self.input_mut(focus);
        match &mut input.widget {
            Widget::Combo(c) => {
                c.move_highlight(down);
                KeyOutcome::Nothing
            }
            Widget::Text(ta) if input.multiline => {
                ta.move_cursor(if down {
                    CursorMove::Down
                } else {
                    CursorMove::Up
                });
                KeyOutcome::Nothing
            }
            Widget::Text(_) => {
                if down {
                    KeyOutcome::Advance
                } else {
                    KeyOutcome::Back
                }
            }
        }
    }
}
