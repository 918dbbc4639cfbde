//! What a column's words name: the petition type (loại đơn), the handling (hướng xử lý)
//! from the three columns of TT 04/2021 or one column in words, the agency a petition is
//! transferred to, a handling said as the first part of the note.

use super::Reason;
use crate::domain::text::clean_line;
use crate::domain::visit::{Handling, PetitionType};
use crate::exchange::import::header::{Column, folded};
use crate::exchange::import::{Cell, Header};
use crate::i18n::Lang;

/// The petition type a cell names (see the module's notes).
pub fn petition_type(t: &str) -> Result<PetitionType, Reason> {
    let f = format!(" {} ", folded(t));
    let f = f
        .replace(" kien nghi phan anh ", " kien nghi ")
        .replace(" knpa ", " kien nghi ")
        .replace(" kn pa ", " kien nghi ");
    let has = |w: &str| f.contains(&format!(" {w} "));
    let mut found = Vec::new();
    if has("khieu nai") || has("kn") {
        found.push(PetitionType::KhieuNai);
    }
    if has("to cao") || has("tc") {
        found.push(PetitionType::ToCao);
    }
    if has("kien nghi") {
        found.push(PetitionType::KienNghi);
    }
    if has("phan anh") || has("pa") {
        found.push(PetitionType::PhanAnh);
    }
    match found.as_slice() {
        [] if t.trim().is_empty() => Err(Reason::Missing(Column::LoaiDon)),
        [] => Err(Reason::UnknownType(t.trim().to_owned())),
        [one] => Ok(*one),
        _ => Err(Reason::SeveralTypes(t.trim().to_owned())),
    }
}

/// A cell that only marks a column ("x", "✓", "1").
pub(super) fn is_mark(t: &str) -> bool {
    let f = folded(t);
    t.trim().chars().count() <= 2 || matches!(f.as_str(), "co" | "x" | "v")
}

/// Empty, or a cell that says "no" ("0", "-", "không").
fn is_blank(t: &str) -> bool {
    let f = folded(t);
    t.trim().is_empty()
        || matches!(t.trim(), "0" | "-" | "–")
        || matches!(f.as_str(), "khong" | "k")
}

/// Words of a handling, in one cell.
pub(super) fn handling_words(t: &str) -> Vec<Handling> {
    let f = format!(" {} ", folded(t));
    let has = |w: &str| f.contains(&format!(" {w}"));
    let mut out = Vec::new();
    if has("thu ly") {
        out.push(Handling::ThuLy);
    }
    if has("chuyen") {
        out.push(Handling::ChuyenDon);
    }
    if has("tra lai") || has("huong dan") {
        out.push(Handling::HuongDan);
    }
    if has("don doc") {
        out.push(Handling::DonDoc);
    }
    if has("luu") {
        out.push(Handling::LuuDon);
    }
    if has("tra loi") || has("giai thich") {
        out.push(Handling::TraLoi);
    }
    out
}

/// A handling said as the first part of the note ("Trả lời trực tiếp; Đã giải thích"):
/// exactly one of the handlings the book's layout has no column for, as tiepdan's export
/// words them. Returns it and the rest of the note.
pub(super) fn note_handling(note: &str) -> Option<(Handling, String)> {
    let (first, rest) = match note.split_once(';') {
        Some((f, r)) => (f.trim(), r.trim()),
        None => (note.trim(), ""),
    };
    [Handling::DonDoc, Handling::TraLoi, Handling::LuuDon]
        .into_iter()
        .find(|h| {
            [Lang::Vi, Lang::En]
                .into_iter()
                .any(|l| crate::i18n::handling(*h).t(l) == first)
        })
        .map(|h| (h, rest.to_owned()))
}

/// The agency in "Chuyển đơn đến UBND huyện" (the words after chuyển [đơn] [đến|cho|về]).
pub(super) fn agency_in(t: &str) -> String {
    let t = clean_line(t);
    let words: Vec<&str> = t.split(' ').collect();
    let mut i = 0;
    while i < words.len()
        && matches!(
            folded(words[i]).as_str(),
            "chuyen" | "don" | "den" | "cho" | "ve" | "toi" | "sang"
        )
    {
        i += 1;
    }
    words[i..]
        .join(" ")
        .trim_start_matches(':')
        .trim()
        .to_owned()
}

/// The handling of a row: (handling, transfer agency, guidance given), from the three
/// columns of TT 04/2021 or one column in words.
pub(super) fn handling(
    cells: &[Cell],
    h: &Header,
) -> Result<(Handling, String, Option<String>), Reason> {
    let get = |c: Column| {
        h.index(c)
            .and_then(|i| cells.get(i))
            .map(Cell::shown)
            .map(|s| s.trim().to_owned())
            .filter(|s| !is_blank(s))
    };
    let mut marked: Vec<(Handling, String)> = Vec::new();
    if let Some(t) = get(Column::ThuLy) {
        marked.push((Handling::ThuLy, t));
    }
    if let Some(t) = get(Column::HuongDan) {
        marked.push((Handling::HuongDan, t));
    }
    if let Some(t) = get(Column::ChuyenDon) {
        marked.push((Handling::ChuyenDon, t));
    }
    if marked.is_empty()
        && let Some(t) = get(Column::HuongXuLy)
    {
        let words = handling_words(&t);
        let mut kinds = words.clone();
        kinds.dedup();
        match kinds.as_slice() {
            [] => return Err(Reason::UnknownHandling(t)),
            [one] => marked.push((*one, t)),
            _ => return Err(Reason::SeveralHandlings),
        }
    }
    match marked.as_slice() {
        [] => Err(Reason::Missing(Column::HuongXuLy)),
        [(Handling::ChuyenDon, t)] => {
            let agency = if is_mark(t) {
                String::new()
            } else {
                agency_in(t)
            };
            Ok((Handling::ChuyenDon, agency, None))
        }
        [(Handling::HuongDan, t)] => {
            let f = folded(t);
            let said = !is_mark(t)
                && !matches!(
                    f.as_str(),
                    "huong dan" | "tra lai don va huong dan" | "tra lai don"
                );
            Ok((
                Handling::HuongDan,
                String::new(),
                said.then(|| clean_line(t)),
            ))
        }
        [(hd, _)] => Ok((*hd, String::new(), None)),
        _ => Err(Reason::SeveralHandlings),
    }
}
