//! Text inputs hold no more than their bound: a key that would pass it is not typed, a paste
//! is cut to the room left. The bounds themselves are the domain's (`domain::limits`, the
//! lookup's `MAX_QUERY_CHARS`), so what can be typed is what can be saved.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// Characters held (a line break counts as one).
pub(crate) fn chars_in(ta: &TextArea<'_>) -> usize {
    let lines = ta.lines();
    lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
}

/// Characters of the selection (what typing or pasting replaces).
fn selected(ta: &TextArea<'_>) -> usize {
    let Some(((r0, c0), (r1, c1))) = ta.selection_range() else {
        return 0;
    };
    let lines = ta.lines();
    if r0 == r1 {
        return c1.saturating_sub(c0);
    }
    let first = lines
        .get(r0)
        .map_or(0, |l| l.chars().count().saturating_sub(c0));
    let middle: usize = lines
        .get(r0 + 1..r1)
        .map_or(0, |ls| ls.iter().map(|l| l.chars().count() + 1).sum());
    first + 1 + middle + c1
}

/// Room left for new characters.
pub(crate) fn room(ta: &TextArea<'_>, max: usize) -> usize {
    max.saturating_sub(chars_in(ta).saturating_sub(selected(ta)))
}

/// Does this key add a character (rather than move, delete or command)?
fn adds(key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Char(_) => !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT),
        KeyCode::Enter | KeyCode::Tab => true,
        _ => false,
    }
}

/// Type a key into `ta` unless it would pass `max` characters. Returns whether it changed.
pub(crate) fn input(ta: &mut TextArea<'static>, key: KeyEvent, max: usize) -> bool {
    if adds(&key) && room(ta, max) == 0 {
        return false;
    }
    ta.input(key)
}

/// `text` cut to the room `ta` has for it.
pub(crate) fn fitted<'a>(ta: &TextArea<'_>, text: &'a str, max: usize) -> &'a str {
    let room = room(ta, max);
    match text.char_indices().nth(room) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Paste `text` into `ta`, cut to the room left. Returns whether it changed.
pub(crate) fn paste(ta: &mut TextArea<'static>, text: &str, max: usize) -> bool {
    let text = fitted(ta, text, max);
    if text.is_empty() {
        return false;
    }
    ta.insert_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn typing_and_pasting_stop_at_the_bound() {
        let mut ta = TextArea::default();
        assert!(paste(&mut ta, "Nguyễn Văn", 12));
        assert!(input(&mut ta, key(' '), 12));
        assert!(input(&mut ta, key('A'), 12));
        assert!(!input(&mut ta, key('n'), 12), "full");
        assert_eq!(ta.lines(), ["Nguyễn Văn A"]);
        assert!(!paste(&mut ta, "xyz", 12));
        // Deleting makes room again; a paste is cut to it.
        assert!(input(
            &mut ta,
            KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
            12
        ));
        assert!(paste(&mut ta, "Anh", 12));
        assert_eq!(ta.lines(), ["Nguyễn Văn A"]);
        // A selection is replaced: its room counts.
        ta.select_all();
        assert_eq!(room(&ta, 12), 12);
        assert!(paste(&mut ta, "Lê Thị Hoa Hồng Nhung", 12));
        assert_eq!(ta.lines(), ["Lê Thị Hoa H"]);
    }

    #[test]
    fn line_breaks_count() {
        let mut ta = TextArea::new(vec!["ab".into(), "cd".into()]);
        assert_eq!(chars_in(&ta), 5);
        ta.select_all();
        assert_eq!(selected(&ta), 5);
    }
}
