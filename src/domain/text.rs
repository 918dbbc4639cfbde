//! Text normalization: NFC at every input boundary, and the folded form used for matching.
//!
//! What the app stores is also *safe* text: no control characters (C0, DEL, C1) but the line
//! break of a multi-line field, and no bidirectional overrides or isolates, which could hide
//! or reorder what an officer reads (a pasted `ESC [2J` would clear a terminal that prints it;
//! a U+202E would turn a name around). `nfc` is that boundary: every input (keys, paste,
//! drafts, imports, the store's writes) goes through it.
//!
//! Folding: NFC → lowercase → strip combining marks (via NFD) → `đ`→`d`. FTS5's
//! `remove_diacritics` does not fold `đ`, so we do it ourselves everywhere.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// A character that must never be stored or shown: controls other than the line break, and
/// bidirectional formatting characters.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Text as the app keeps it: NFC, tabs and Unicode line separators as spaces, `\r\n` as `\n`,
/// and no unsafe character (cheap when it already is so).
pub fn nfc(s: &str) -> String {
    let safe = if s.chars().any(is_unsafe) {
        let s = s.replace("\r\n", "\n");
        s.chars()
            .filter_map(|c| match c {
                '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
                '\r' => Some('\n'),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect::<String>()
    } else {
        s.to_owned()
    };
    match is_nfc_quick(safe.chars()) {
        unicode_normalization::IsNormalized::Yes => safe,
        _ => safe.nfc().collect(),
    }
}

/// Stored text made safe to print (a CLI line, a screen cell): unsafe characters dropped,
/// whatever wrote them (a book edited past the app, an older version).
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_unsafe) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !is_unsafe(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A line for a terminal that names what it cannot show: every unsafe character (a control,
/// a bidirectional override) written out as `\u{1b}`, so an error that echoes what was typed
/// (`--period $'2026\e]2;x\a'`) shows the escape instead of obeying it. The command line's
/// messages and echoes all go through this; stored data printed as data uses `printable`.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// NFC-normalize, trim, and collapse runs of inner whitespace on one line.
pub fn clean_line(s: &str) -> String {
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Pasted or imported text for a one-line input: safe NFC, line breaks as spaces.
pub fn one_line(s: &str) -> String {
    nfc(s).replace('\n', " ")
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

/// How well a typed query matches a label (see [`match_rank`]); smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MatchRank {
    /// Query words typed with diacritics that the label does not carry as typed ("đôn" against
    /// "đơn"): an officer who typed the marks meant that word.
    pub unlike_marks: u32,
    /// Where the query words matched, summed: 0 at the start of the label's first word, 1 at
    /// the start of a later word, 2 inside a word.
    pub place: u32,
}

/// Does the typed `query` match `candidate`, and how well? Every word of the query must
/// match a word of the candidate, diacritic- and case-insensitively (`đ` is `d`): at the start
/// of its first word (best: "don" → Đôn đốc), at the start of a later word (Chuyển đơn), or —
/// for a query word of two letters or more — inside a word (worst). A query word typed with
/// its diacritics ranks the words that carry them as typed first ("đơn" → Chuyển đơn before
/// Đôn đốc). None when some query word matches nowhere.
pub fn match_rank(candidate: &str, query: &str) -> Option<MatchRank> {
    let split = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let words = split(&nfc(candidate).to_lowercase());
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut rank = MatchRank {
        unlike_marks: 0,
        place: 0,
    };
    for q in split(&nfc(query).to_lowercase()) {
        let fq = fold(&q);
        let best = words
            .iter()
            .zip(&folded)
            .enumerate()
            .filter_map(|(i, (w, fw))| {
                let place = if fw.starts_with(&fq) {
                    u32::from(i > 0)
                } else if fq.chars().count() >= 2 && fw.contains(&fq) {
                    2
                } else {
                    return None;
                };
                let like = if place < 2 {
                    w.starts_with(&q)
                } else {
                    w.contains(&q)
                };
                Some((u32::from(!like), place))
            })
            .min()?;
        rank.unlike_marks += best.0;
        rank.place += best.1;
    }
    Some(rank)
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
    fn a_word_start_beats_a_later_word_and_typed_marks_win() {
        let r = |c: &str, q: &str| match_rank(c, q);
        // "don": the first word of Đôn đốc before a later word of Chuyển đơn.
        assert!(r("Đôn đốc", "don").unwrap() < r("Chuyển đơn", "don").unwrap());
        // Typed with its marks, the word carrying them wins wherever it stands.
        assert!(r("Đôn đốc", "đôn").unwrap() < r("Chuyển đơn", "đôn").unwrap());
        assert!(r("Chuyển đơn", "đơn").unwrap() < r("Đôn đốc", "đơn").unwrap());
        // Inside a word is last, and never for a single letter.
        assert!(r("Chuyển đơn", "don").unwrap() < r("Trả lời trực tiếp", "ruc").unwrap());
        assert_eq!(r("Trả lời trực tiếp", "ruc").unwrap().place, 2);
        assert_eq!(r("Thụ lý", "h"), None);
        assert_eq!(r("Tố cáo", "khieu"), None);
        assert_eq!(r("Tố cáo", "").unwrap().place, 0);
    }

    #[test]
    fn controls_and_bidi_overrides_never_pass_the_boundary() {
        assert_eq!(nfc("X\x1b[2J\x1b]0;PWNED\x07"), "X[2J]0;PWNED");
        assert_eq!(nfc("Nguy\u{202E}ễn\u{2066}"), "Nguyễn");
        assert_eq!(nfc("a\tb\r\nc\rd\u{85}e\u{9b}f"), "a b\nc\ndef");
        assert_eq!(one_line("dòng 1\ndòng 2"), "dòng 1 dòng 2");
        assert_eq!(clean_line(" a\u{7}  b "), "a b");
        assert_eq!(printable("ok\x1b[31mred"), "ok[31mred");
        assert!(matches!(printable("Trần"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            terminal_safe("2026\x1b]2;pwned\x07 \u{202e}x\ny"),
            "2026\\u{1b}]2;pwned\\u{7} \\u{202e}x\ny"
        );
        assert!(matches!(
            terminal_safe("Trần"),
            std::borrow::Cow::Borrowed(_)
        ));
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
