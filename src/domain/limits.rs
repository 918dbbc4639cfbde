//! How long a text may be. Every text the officer types has a bound, checked where the
//! domain validates it (the visit form, a case's entry, a step, an officer's or the unit's
//! name) and enforced again while typing and pasting (`app::bounded`), so a 99,000-character
//! name can neither be typed nor saved. Counted in characters (NFC), not bytes.

/// A person's name (a citizen, an officer, a presiding leader).
pub const NAME: usize = 100;
/// A list of names (a group's representatives).
pub const NAMES: usize = 600;
/// An address.
pub const ADDRESS: usize = 300;
/// A one-line text: an agency, a document number, the unit's name, a reason.
pub const LINE: usize = 300;
/// A free text: what the citizen said, a note, a case's summary, an outcome.
pub const TEXT: usize = 4000;
/// What anything typed may hold, whatever it is (a short code, a number, a date).
pub const ANY: usize = TEXT;

/// The length of a text, as the bounds count it.
pub fn length(text: &str) -> usize {
    text.chars().count()
}

/// Whether `text` is longer than `max`.
pub fn too_long(text: &str, max: usize) -> bool {
    // Cheap for the usual short text: a byte length within the bound is within it.
    text.len() > max && length(text) > max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_in_characters() {
        assert!(!too_long("Nguyễn Thị Lan", 14));
        assert!(too_long("Nguyễn Thị Lan", 13));
        assert!(too_long(&"a".repeat(99_000), NAME));
    }
}
