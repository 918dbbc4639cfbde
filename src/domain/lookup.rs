//! Lookup (tra cứu): the folded text each record is indexed under, and how a typed query
//! becomes an FTS5 match expression. Pure: the store keeps the index, this decides its words.
//!
//! Everything is folded the same way on both sides (NFC → lowercase → no diacritics → đ→d),
//! so "nguyen van du" finds "Nguyễn Văn Đức". Identity numbers and phones are indexed whole
//! and reversed (`r` + digits backwards), so that their last digits are a prefix too; case
//! codes are indexed with and without their dashes.

use super::ident::phone_digits;
use super::text::fold;

/// Folded words of a text, as the FTS tokenizer will see them.
fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn reversed(digits: &str) -> String {
    format!("r{}", digits.chars().rev().collect::<String>())
}

/// A number (ID or phone) as indexed: whole and reversed.
fn number_tokens(n: &str) -> String {
    let d: String = n.chars().filter(char::is_ascii_alphanumeric).collect();
    if d.is_empty() {
        return String::new();
    }
    format!("{} {}", d.to_lowercase(), reversed(&d.to_lowercase()))
}

/// The indexed text of a citizen: name, address, ID number, phone.
pub fn citizen_text(
    name: &str,
    address: &str,
    id_number: Option<&str>,
    phone: Option<&str>,
) -> String {
    let mut parts = vec![words(name).join(" "), words(address).join(" ")];
    if let Some(id) = id_number {
        parts.push(number_tokens(id));
    }
    if let Some(p) = phone {
        parts.push(number_tokens(p));
    }
    parts.join(" ")
}

/// The indexed text of a visit: its content and agencies, and (not for denunciations, which
/// are never indexed with a person) the citizen's name.
pub fn visit_text(content: &str, prior_agencies: &str, citizen_name: &str) -> String {
    [
        words(content).join(" "),
        words(prior_agencies).join(" "),
        words(citizen_name).join(" "),
    ]
    .join(" ")
}

/// The indexed text of a case: its code (with and without dashes), its summary, and the
/// citizen's name — `None` for a denunciation, whose denouncer is never searchable.
pub fn case_text(code: &str, summary: &str, citizen_name: Option<&str>) -> String {
    let compact: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    let mut parts = vec![compact, words(code).join(" "), words(summary).join(" ")];
    if let Some(n) = citizen_name {
        parts.push(words(n).join(" "));
    }
    parts.join(" ")
}

/// A typed query, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The FTS5 MATCH expression (None when nothing searchable was typed).
    pub fts: Option<String>,
    /// The folded words typed (for ranking exact matches first).
    pub words: Vec<String>,
}

fn quote(w: &str) -> String {
    format!("\"{}\"", w.replace('"', ""))
}

/// Is this whole query a number (an ID or a phone typed with spaces, dots, dashes, +)?
fn as_number(q: &str) -> Option<String> {
    let t = q.trim();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || " .-+()".contains(c))
    {
        return None;
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 3).then_some(digits)
}

/// Is this word a case code typed with or without dashes ("kn-2026-0042", "KN20260042")?
fn as_code(w: &str) -> Option<String> {
    let compact: String = w
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_lowercase();
    let letters: String = compact
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let rest = &compact[letters.len()..];
    let ok = matches!(letters.as_str(), "kn" | "tc" | "knpa")
        && !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_digit());
    ok.then_some(compact)
}

/// Turn what the officer typed into a match expression: words in any order, every word
/// whole except the last, which is a prefix; numbers match from the start or the end.
pub fn parse(q: &str) -> Query {
    if let Some(d) = as_number(q) {
        // A phone in international form: +84 912… / 84-912… is 0912….
        let mut forms = vec![d.clone()];
        if let Some(p) = phone_digits(q)
            && p != d
        {
            forms.push(p);
        }
        if d.starts_with("84") && d.len() == 11 {
            forms.push(format!("0{}", &d[2..]));
        }
        forms.sort();
        forms.dedup();
        let mut alts: Vec<String> = forms.iter().map(|f| format!("{}*", quote(f))).collect();
        alts.push(format!("{}*", quote(&reversed(&d))));
        return Query {
            fts: Some(alts.join(" OR ")),
            words: forms,
        };
    }
    let raw: Vec<&str> = q.split_whitespace().collect();
    let mut terms = Vec::new();
    let mut folded_words = Vec::new();
    for (i, w) in raw.iter().enumerate() {
        let last = i + 1 == raw.len();
        if let Some(code) = as_code(w) {
            terms.push(format!("{}*", quote(&code)));
            folded_words.push(code);
            continue;
        }
        let parts = words(w);
        let n = parts.len();
        for (j, p) in parts.into_iter().enumerate() {
            let prefix = last && j + 1 == n && !q.ends_with(char::is_whitespace);
            terms.push(if prefix {
                format!("{}*", quote(&p))
            } else {
                quote(&p)
            });
            folded_words.push(p);
        }
    }
    Query {
        fts: (!terms.is_empty()).then(|| terms.join(" ")),
        words: folded_words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_folded_and_the_last_word_is_a_prefix() {
        let q = parse("Nguyễn Văn Đ");
        assert_eq!(q.fts.as_deref(), Some("\"nguyen\" \"van\" \"d\"*"));
        let q = parse("nguyen van du ");
        assert_eq!(q.fts.as_deref(), Some("\"nguyen\" \"van\" \"du\""));
        // NFD input folds the same.
        assert_eq!(parse("Nguye\u{302}\u{303}n").fts, parse("Nguyễn").fts);
    }

    #[test]
    fn numbers_match_whole_from_the_start_or_by_their_last_digits() {
        let q = parse("0912 345 678");
        let f = q.fts.unwrap();
        assert!(f.contains("\"0912345678\"*"), "{f}");
        assert!(f.contains("\"r8765432190\"*"), "{f}");
        let f = parse("+84912345678").fts.unwrap();
        assert!(f.contains("\"0912345678\"*"), "{f}");
        let f = parse("84-912-345-678").fts.unwrap();
        assert!(f.contains("\"0912345678\"*"), "{f}");
        let f = parse("2345").fts.unwrap();
        assert!(f.contains("\"r5432\"*"), "{f}");
    }

    #[test]
    fn codes_with_or_without_dashes() {
        assert_eq!(parse("kn20260042").fts, parse("KN-2026-0042").fts);
        assert_eq!(parse("kn20260042").fts.as_deref(), Some("\"kn20260042\"*"));
        assert!(
            case_text("KN-2026-0042", "Khiếu nại", None).starts_with("kn20260042 kn 2026 0042")
        );
    }

    #[test]
    fn the_indexed_text_of_a_denunciation_has_no_person() {
        let t = case_text("TC-2026-0007", "Tố cáo cán bộ địa chính", None);
        assert!(!t.contains("nguyen"));
        let t = citizen_text(
            "Trần Văn Đức",
            "Số 12 phố Kim Mã",
            Some("001085012345"),
            Some("0912345678"),
        );
        assert!(t.contains("tran van duc"));
        assert!(t.contains("r543210580100"));
        assert!(t.contains("r8765432190"));
    }
}
