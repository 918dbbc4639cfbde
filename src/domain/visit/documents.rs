//! The documents a citizen hands over at the desk (thông tin, tài liệu, bằng chứng): what,
//! bản chính / bản sao / bản chụp, how many pages, in what state — what the receipt lists
//! (TT 06/2014 Art 12(2): each document with its state; NĐ 154/2026 Mẫu 02/TCD note (5):
//! "tên, số trang, tình trạng", UNVERIFIED).
//!
//! Typed in one line of the visit form, a document after another, separated by `;`:
//! `Đơn khiếu nại, bản chính, 3 tờ; Quyết định 12/QĐ-UBND, bản sao, 2 tờ, mờ trang 2`.
//! Within a document, after its name, the parts may come in any order: the kind (`bản
//! chính`, `bản sao`, `bản chụp` — `chính`, `sao`, `chụp`, `photo` are enough, with or without
//! accents), the pages (`3`, `3 tờ`, `3 trang`) and the state (whatever else is said).

use serde::{Deserialize, Serialize};

use crate::domain::text::{clean_line, fold};

code_enum!(
    /// Bản chính, bản sao (certified or not) or bản chụp (a photocopy).
    DocKind {
        Original = "ban_chinh",
        Copy = "ban_sao",
        Photocopy = "ban_chup",
    }
);

impl DocKind {
    /// The words of the paper ("bản chính").
    pub fn words(self) -> &'static str {
        match self {
            DocKind::Original => "bản chính",
            DocKind::Copy => "bản sao",
            DocKind::Photocopy => "bản chụp",
        }
    }

    /// A typed part that names a kind (folded: "ban chinh", "chinh", "photo" …).
    fn parse(part: &str) -> Option<DocKind> {
        let f = fold(part);
        let f = f.strip_prefix("ban ").unwrap_or(&f).trim();
        match f {
            "chinh" | "goc" => Some(DocKind::Original),
            "sao" | "sao y" | "sao cong chung" | "sao chung thuc" => Some(DocKind::Copy),
            "chup" | "photo" | "phto" | "photocopy" | "pho to" => Some(DocKind::Photocopy),
            _ => None,
        }
    }
}

/// One document received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedDoc {
    pub what: String,
    pub kind: DocKind,
    /// Pages (tờ), when said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    /// Its state (rõ, mờ trang 2, rách …), when said.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub state: String,
}

// Stored as its code.
impl Serialize for DocKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for DocKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<DocKind, D::Error> {
        let s = String::deserialize(d)?;
        DocKind::from_code(&s).ok_or_else(|| serde::de::Error::custom(format!("kind {s:?}")))
    }
}

/// What is wrong with a typed document (`n`: its place in the list, from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocProblem {
    /// A document without its name ("; bản chính").
    NoName { n: usize },
    /// Neither bản chính, bản sao nor bản chụp said.
    NoKind { n: usize },
    /// More than the list holds.
    TooMany { max: usize },
}

/// At most this many documents on one visit (a receipt's page holds about 20).
pub const MAX_DOCS: usize = 40;

/// The documents of a typed line (empty: none).
pub fn parse_documents(typed: &str) -> Result<Vec<ReceivedDoc>, DocProblem> {
    let mut out = Vec::new();
    for (i, item) in typed
        .split([';', '\n'])
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        let n = i + 1;
        let mut parts = item.split(',').map(clean_line);
        let what = parts.next().unwrap_or_default();
        if what.is_empty() || DocKind::parse(&what).is_some() {
            return Err(DocProblem::NoName { n });
        }
        let mut kind = None;
        let mut pages = None;
        let mut state = Vec::new();
        for p in parts.filter(|p| !p.is_empty()) {
            if kind.is_none()
                && let Some(k) = DocKind::parse(&p)
            {
                kind = Some(k);
            } else if pages.is_none()
                && let Some(n) = parse_pages(&p)
            {
                pages = Some(n);
            } else {
                state.push(p);
            }
        }
        let kind = kind.ok_or(DocProblem::NoKind { n })?;
        out.push(ReceivedDoc {
            what,
            kind,
            pages,
            state: state.join(", "),
        });
        if out.len() > MAX_DOCS {
            return Err(DocProblem::TooMany { max: MAX_DOCS });
        }
    }
    Ok(out)
}

/// "3", "3 tờ", "03 trang" → 3.
fn parse_pages(part: &str) -> Option<u32> {
    let f = fold(part);
    let digits = f
        .strip_suffix(" to")
        .or_else(|| f.strip_suffix(" trang"))
        .or_else(|| f.strip_suffix("t"))
        .unwrap_or(&f)
        .trim();
    digits.parse().ok().filter(|n| (1..=9999).contains(n))
}

/// The documents as they are typed back into the form.
pub fn format_documents(docs: &[ReceivedDoc]) -> String {
    docs.iter()
        .map(|d| {
            let mut s = format!("{}, {}", d.what, d.kind.words());
            if let Some(p) = d.pages {
                s.push_str(&format!(", {p} tờ"));
            }
            if !d.state.is_empty() {
                s.push_str(", ");
                s.push_str(&d.state);
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_typed_in_one_line_and_come_back_the_same() {
        let typed = "Đơn khiếu nại, bản chính, 3 tờ; Quyết định 12/QĐ-UBND, 2 trang, ban sao, mờ trang 2;\
                     Ảnh hiện trạng, photo";
        let docs = parse_documents(typed).unwrap();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].kind, DocKind::Original);
        assert_eq!(docs[0].pages, Some(3));
        assert_eq!(docs[1].what, "Quyết định 12/QĐ-UBND");
        assert_eq!(docs[1].kind, DocKind::Copy);
        assert_eq!(docs[1].pages, Some(2));
        assert_eq!(docs[1].state, "mờ trang 2");
        assert_eq!(docs[2].kind, DocKind::Photocopy);
        assert_eq!(docs[2].pages, None);
        let back = format_documents(&docs);
        assert_eq!(parse_documents(&back).unwrap(), docs);
        assert_eq!(parse_documents("  ; ").unwrap(), vec![]);
    }

    #[test]
    fn a_document_says_its_name_and_its_kind() {
        assert_eq!(
            parse_documents("Đơn, bản chính; bản sao, 2 tờ"),
            Err(DocProblem::NoName { n: 2 })
        );
        assert_eq!(
            parse_documents("Đơn, 2 tờ"),
            Err(DocProblem::NoKind { n: 1 })
        );
        let many = vec!["Đơn, chính"; MAX_DOCS + 1].join(";");
        assert_eq!(
            parse_documents(&many),
            Err(DocProblem::TooMany { max: MAX_DOCS })
        );
    }

    #[test]
    fn stored_as_json_with_the_kinds_code() {
        let d = parse_documents("Đơn, bản chụp, 1 tờ").unwrap();
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, r#"[{"what":"Đơn","kind":"ban_chup","pages":1}]"#);
        let back: Vec<ReceivedDoc> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
    }
}
