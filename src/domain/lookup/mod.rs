//! Lookup (tra cứu): the text each record is indexed under, and how a typed query becomes
//! the match expressions of each kind's index (`query.rs`). Pure: the store keeps one FTS5
//! index per kind (citizens, cases, visits) and runs the expressions; this decides the words.
//!
//! Everything is folded the same way on both sides (NFC → lowercase → no diacritics → đ→d),
//! so "nguyen van du" finds "Nguyễn Văn Đức". Besides the words, a document carries marker
//! tokens. They start with `_`, which no typed word can contain (a query is split on
//! everything that is not a letter or a digit), so they are only ever matched on purpose:
//!
//! | token | what it says | used for |
//! |---|---|---|
//! | `_f` + folded name, words joined by `_` | the whole name: `_fnguyen_thi_lan` | exact names first |
//! | `_e` + the name in lowercase, accents kept | `_enguyễn_thị_lan` | accent-exact before folded |
//! | `_1`…`_9` + a folded word | the name's n-th word: `_1nguyen _2thi _3lan` | names that start with the query |
//! | `_n` + an ID number or a phone | whole: `_n001085012345` | exact and first digits |
//! | `_r` + the same, reversed | `_r543210580100` | last digits ("lan 2345") |
//! | `_y` + a year | a citizen's year of birth: `_y1985` | "nguyen thi lan 1985" |
//! | `_k` + a case code, letters and digits only | `_kkn2026bd0042` | a code typed whole |
//! | `_c` + the same, reversed | `_c2400db6202nk` | a code's end ("bd0042", "0042") |
//!
//! A denunciation is never indexed with its denouncer: its case carries its code and summary
//! only, its visit is not indexed at all (Luật Tố cáo Art 8(3)).

mod expr;
mod query;

pub use query::{Kind, MAX_CLUES, MAX_QUERY_CHARS, Plan, Query, parse};

use super::text::{fold, nfc};

/// How many words of a name are indexed by their place (`_1`…`_9`).
pub const NAME_PLACES: usize = 9;

/// Split on everything that is not a letter or a digit, as the tokenizer does.
fn split(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Folded words of a text, as the FTS tokenizer will see them.
pub(crate) fn words(s: &str) -> Vec<String> {
    split(&fold(s)).map(str::to_owned).collect()
}

/// Lowercase words of a text with their accents (NFC), split as `words` splits.
pub(crate) fn lower_words(s: &str) -> Vec<String> {
    split(&nfc(s).to_lowercase()).map(str::to_owned).collect()
}

pub(crate) fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

/// Letters and digits only, lowercase: "KN-2026-BD-0042" → "kn2026bd0042".
pub(crate) fn compact(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A document being built: tokens separated by spaces.
#[derive(Default)]
struct Doc(Vec<String>);

impl Doc {
    fn words(&mut self, s: &str) {
        self.0.extend(words(s));
    }

    /// A person's name: its words, and the markers of the whole name and of each place.
    fn name(&mut self, name: &str) {
        let folded = words(name);
        if folded.is_empty() {
            return;
        }
        let lower = lower_words(name);
        self.0.push(format!("_f{}", folded.join("_")));
        self.0.push(format!("_e{}", lower.join("_")));
        for (i, w) in folded.iter().take(NAME_PLACES).enumerate() {
            self.0.push(format!("_{}{w}", i + 1));
        }
        self.0.extend(folded);
    }

    /// An ID number or a phone: whole and reversed.
    fn number(&mut self, n: Option<&str>) {
        let d = n.map(compact).unwrap_or_default();
        if !d.is_empty() {
            self.0.push(format!("_r{}", reversed(&d)));
            self.0.push(format!("_n{d}"));
        }
    }

    fn finish(self) -> String {
        self.0.join(" ")
    }
}

/// The indexed text of a citizen: name, address, ID number, phone, year of birth.
pub fn citizen_doc(
    name: &str,
    address: &str,
    id_number: Option<&str>,
    phone: Option<&str>,
    birth_year: Option<i32>,
) -> String {
    let mut d = Doc::default();
    d.name(name);
    d.words(address);
    d.number(id_number);
    d.number(phone);
    if let Some(y) = birth_year.or_else(|| id_number.and_then(cccd_birth_year)) {
        d.0.push(format!("_y{y}"));
    }
    d.finish()
}

/// The year of birth a CCCD carries: digit 4 the century (and sex), digits 5–6 the year
/// (NĐ 137/2015 Art 13; `ident.rs` checks it when the number is typed).
fn cccd_birth_year(id: &str) -> Option<i32> {
    let b = id.as_bytes();
    if b.len() != 12 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let century = i32::from(b[3] - b'0') / 2;
    let yy = i32::from(b[4] - b'0') * 10 + i32::from(b[5] - b'0');
    Some(1900 + 100 * century + yy)
}

/// What of a citizen's document their visits and cases carry too (their name and numbers):
/// when it changes, those are indexed again.
pub fn carried(citizen_doc: &str) -> Vec<&str> {
    citizen_doc
        .split(' ')
        .filter(|t| t.starts_with('_') && !t.starts_with("_y"))
        .collect()
}

/// The indexed text of a visit (never a denunciation's): its content, the agencies that
/// handled it before, and the citizen's name.
pub fn visit_doc(content: &str, prior_agencies: &str, citizen_name: &str) -> String {
    let mut d = Doc::default();
    d.words(content);
    d.words(prior_agencies);
    d.name(citizen_name);
    d.finish()
}

/// Who a case is about, as indexed with it (never for a denunciation).
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    pub name: &'a str,
    pub id_number: Option<&'a str>,
    pub phone: Option<&'a str>,
}

/// The indexed text of a case: its code (its words, whole and reversed), its summary, and
/// its citizen — `None` for a denunciation, whose denouncer is never searchable.
pub fn case_doc(code: &str, summary: &str, owner: Option<Owner>) -> String {
    let mut d = Doc::default();
    let c = compact(code);
    d.words(code);
    d.0.push(format!("_k{c}"));
    d.0.push(format!("_c{}", reversed(&c)));
    d.words(summary);
    if let Some(o) = owner {
        d.name(o.name);
        d.number(o.id_number);
        d.number(o.phone);
    }
    d.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citizen_is_indexed_by_words_markers_and_numbers() {
        let t = citizen_doc(
            "Trần Văn Đức",
            "Số 12 phố Kim Mã",
            Some("001085012345"),
            Some("0912345678"),
            Some(1985),
        );
        for tok in [
            "tran",
            "van",
            "duc",
            "_ftran_van_duc",
            "_etrần_văn_đức",
            "_1tran",
            "_2van",
            "_3duc",
            "12",
            "kim",
            "ma",
            "_n001085012345",
            "_r543210580100",
            "_n0912345678",
            "_r8765432190",
            "_y1985",
        ] {
            assert!(t.split(' ').any(|w| w == tok), "{tok} in {t}");
        }
        // Without a recorded year of birth, a CCCD's says it.
        assert!(citizen_doc("A", "", Some("001085012345"), None, None).ends_with(" _y1985"));
        assert!(citizen_doc("A", "", Some("079305012345"), None, None).ends_with(" _y2005"));
        assert!(!citizen_doc("A", "", Some("012345678"), None, None).contains("_y"));
        // NFD input gives the same document.
        assert_eq!(
            citizen_doc(
                "Tra\u{302}\u{300}n Va\u{306}n \u{110}u\u{31b}\u{301}c",
                "",
                None,
                None,
                None
            ),
            citizen_doc("Trần Văn Đức", "", None, None, None)
        );
    }

    #[test]
    fn a_new_name_or_number_is_carried_to_the_records_an_address_is_not() {
        let doc = |name, addr, id| citizen_doc(name, addr, Some(id), None, Some(1985));
        let was = doc("Lê Văn Tám", "Số 1", "001085012345");
        assert_eq!(
            carried(&was),
            carried(&doc("Lê Văn Tám", "Số 2", "001085012345"))
        );
        assert_ne!(
            carried(&was),
            carried(&doc("Lê Văn Tâm", "Số 1", "001085012345"))
        );
        assert_ne!(
            carried(&was),
            carried(&doc("Lê Văn Tám", "Số 1", "001085012346"))
        );
    }

    #[test]
    fn a_denunciation_is_indexed_without_its_denouncer() {
        let t = case_doc("TC-2026-BD-0007", "Tố cáo cán bộ địa chính", None);
        assert_eq!(
            t,
            "tc 2026 bd 0007 _ktc2026bd0007 _c7000db6202ct to cao can bo dia chinh"
        );
        let t = case_doc(
            "KN-2026-0042",
            "Khiếu nại",
            Some(Owner {
                name: "Lê Thị Hoa",
                id_number: None,
                phone: Some("0987654321"),
            }),
        );
        assert!(
            t.contains("_kkn20260042") && t.contains("_fle_thi_hoa"),
            "{t}"
        );
        assert!(t.contains("_r1234567890"), "{t}");
    }
}
