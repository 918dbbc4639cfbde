//! Text normalization: NFC at every input boundary, and the folded form used for matching.
//!
//! Folding: NFC → lowercase → strip combining marks (via NFD) → `đ`→`d`. FTS5's
//! `remove_diacritics` does not fold `đ`, so we do it ourselves everywhere.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// NFC-normalize a string (cheap when it already is NFC).
pub fn nfc(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_owned(),
        _ => s.nfc().collect(),
    }
}

/// NFC-normalize, trim, and collapse runs of inner whitespace on one line.
pub fn clean_line(s: &str) -> String {
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Pasted or imported text for a one-line input: NFC, line breaks as spaces.
pub fn one_line(s: &str) -> String {
    nfc(&s.replace("\r\n", " ").replace(['\n', '\r'], " "))
}

/// Fold for diacritic-insensitive matching: "Nguyễn Văn Đức" → "nguyen van duc".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            // Some input methods emit the "D with stroke" lookalike.
            'ð' | 'Ð' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Does `candidate` match the typed `query`, diacritic- and case-insensitively?
/// Every word of the query must be a prefix of some word of the candidate
/// ("dat dai" → "Đất đai", "khieu" → "Khiếu nại", "gpmb" → "Đền bù – GPMB").
pub fn matches_words(candidate: &str, query: &str) -> bool {
    let cand = fold(candidate);
    let words: Vec<&str> = cand
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|q| words.iter().any(|w| w.starts_with(q)))
}

/// Digits of a string, in order ("0912 345-678" → "0912345678").
pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        let nfd = "Nguye\u{302}\u{303}n Va\u{306}n \u{110}u\u{31b}\u{301}c";
        assert_eq!(nfc(nfd), "Nguyễn Văn Đức");
        assert_eq!(nfc("Nguyễn"), "Nguyễn");
    }

    #[test]
    fn fold_removes_marks_and_d_stroke() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("ĐẤT ĐAI"), "dat dai");
        assert_eq!(fold("Nguye\u{302}\u{303}n"), "nguyen");
        assert_eq!(fold("Thừa Thiên Huế"), "thua thien hue");
    }

    #[test]
    fn matches_words_is_prefix_and_order_free() {
        assert!(matches_words("Đất đai", "dat dai"));
        assert!(matches_words("Đất đai", "DAT"));
        assert!(matches_words("Khiếu nại", "khieu"));
        assert!(matches_words("Đền bù – giải phóng mặt bằng", "giai phong"));
        assert!(matches_words("Quy hoạch – xây dựng", "xay quy"));
        assert!(!matches_words("Tố cáo", "khieu"));
        assert!(matches_words("Tố cáo", ""));
    }

    #[test]
    fn clean_line_trims_and_collapses() {
        assert_eq!(clean_line("  Lê   Thị\tHoa "), "Lê Thị Hoa");
    }

    #[test]
    fn digits_keeps_only_ascii_digits() {
        assert_eq!(digits("+84 912-345.678"), "84912345678");
    }
}
