//! One row of an old book → the visit form's draft → the form's own validation.
//!
//! Decisions (README "Import an old book"):
//! - **Name and address** in one cell: the first line is the name when the cell has several;
//!   else the name ends at the first dash, semicolon or comma, or before "trú tại", "địa
//!   chỉ", "ĐC"; "Ông", "Bà", "Anh", "Chị" before it are dropped. What is left of the name
//!   must look like one (at most seven words, no digit), or the row is refused.
//! - **ID numbers**: a number cell lost its leading zero in Excel (every CCCD starts with 0,
//!   the province code 001–096; many CMND too): an 11-digit number is a 12-digit CCCD and an
//!   8-digit one a 9-digit CMND, given their zero back (then checked by `check_id_number`).
//!   Only a number cell: typed text is taken as typed. Text such as "7,9E+10" (a CSV saved
//!   from a cell shown in scientific notation) has lost its digits: refused.
//! - **Type** (loại đơn) unknown or two at once: refused (the type decides whose identity is
//!   guarded and which law runs). "Kiến nghị, phản ánh" together is kiến nghị.
//! - **Handling** none, or two marked: refused; chuyển đơn needs the agency (the form's rule).
//! - **Field** (lĩnh vực): the book's field named by the cell, else "Khác", the cell's words
//!   kept in the note. The result column (Theo dõi kết quả), a guidance text and a receiving
//!   officer who is not an officer of this book go to the note, each on its line.
//! - **Groups**: from the group size, the named person is the group's representative.
//! - Time: the date cell's time, or a time column, else 00:00 (not recorded).
//!
//! The parts: this file holds the row as a whole (why it is refused, its uid, the check
//! that turns its cells into the form's draft); `cells.rs` reads one cell (days, times, ID
//! numbers, phones); `names.rs` reads a person (name and address in one cell, honorifics,
//! pseudonyms); `handling.rs` reads what a column's words name (the petition type, the
//! handling and its agency). The rules' tests are in `tests.rs`.

use std::collections::HashMap;

use chrono::NaiveTime;

use super::header::{Column, folded};
use super::{Cell, Context, Header};
use crate::domain::ident::{IdError, PhoneError};
use crate::domain::text::{clean_line, fold};
use crate::domain::visit::{self, FormField, Problem, VisitDraft};
use crate::store::ImportedVisit;

mod cells;
mod handling;
mod names;

pub use cells::{day_of, id_text, shown_for_csv};
use cells::{first_number, phone_text, time_of};
pub use handling::petition_type;
use handling::{handling, note_handling};
pub use names::split_name_address;
use names::{is_pseudonym, strip_title};

/// Why a row (or one of its cells) is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Nothing of a visit: no date, no name, no content (a title, a total, a signature).
    NotABookRow,
    /// A value the book needs is empty (or its column is not in the sheet).
    Missing(Column),
    /// Not a date (the text as read).
    BadDate(String),
    /// A day still to come.
    FutureDate,
    /// The name cannot be told from the address.
    NameNotSplit,
    /// A denouncer's pseudonym ("Người tố cáo TC-2026-0007": an exported denunciation, whose
    /// identity never leaves the book): there is no person to import.
    Pseudonym,
    /// An ID number Excel rounded into scientific notation: its digits are lost.
    IdRounded(String),
    Id(IdError),
    Phone(PhoneError),
    UnknownType(String),
    SeveralTypes(String),
    UnknownHandling(String),
    SeveralHandlings,
    /// Any other check of the visit form.
    Form(FormField, Problem),
}

/// One reason, at a column of the sheet (None: the row as a whole, or a column it lacks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub column: Option<usize>,
    pub reason: Reason,
}

/// The stable uid of an imported visit: UUID v5 of what the row says (day, person, content),
/// so the same row imported again is the same visit, whatever file, sheet or line it is on.
/// Identical rows in one file are told apart by their order (`occurrence`).
pub fn visit_uid(v: &visit::ValidVisit, occurrence: u32) -> String {
    /// The namespace of tiepdan's imported visits (a fixed random UUID).
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f1e_2a8c_9b47_4d1e_8f3a_5c2b_7e90_d4a1);
    let key = format!(
        "{}|{}|{}|{}|{}|{}|{occurrence}",
        v.day,
        fold(&v.full_name),
        v.id_number.as_ref().map_or("", |i| i.value.as_str()),
        v.phone.as_ref().map_or("", |p| p.value.as_str()),
        folded(&v.address),
        folded(&v.content),
    );
    uuid::Uuid::new_v5(&NAMESPACE, key.as_bytes()).to_string()
}

fn text(c: Option<&Cell>) -> String {
    c.map(Cell::shown).unwrap_or_default().trim().to_owned()
}

/// A row of the sheet → a visit for the book, or every reason it cannot be one.
/// `seen` counts the rows already keyed (identical rows get their own uid).
pub fn visit(
    cells: &[Cell],
    h: &Header,
    ctx: &Context,
    seen: &mut HashMap<String, u32>,
) -> Result<ImportedVisit, Vec<Refusal>> {
    checked(cells, h, ctx).map(|c| keyed(c, seen))
}

/// A row checked, not yet keyed: the visit and its receiving officer.
pub type Checked = (visit::ValidVisit, Option<i64>);

/// A checked row keyed: its stable uid (`visit_uid`), the `seen`-th of identical rows.
pub fn keyed((v, officer_id): Checked, seen: &mut HashMap<String, u32>) -> ImportedVisit {
    let key = visit_uid(&v, 0);
    let n = seen.entry(key.clone()).or_default();
    // The first of identical rows is keyed by occurrence 0: the key itself.
    let uid = if *n == 0 { key } else { visit_uid(&v, *n) };
    *n += 1;
    ImportedVisit {
        uid,
        visit: v,
        officer_id,
    }
}

/// A row of the sheet checked (see [`visit`]), each row on its own: rows may be checked
/// in any order, or at once, and keyed after in the sheet's order.
pub fn checked(cells: &[Cell], h: &Header, ctx: &Context) -> Result<Checked, Vec<Refusal>> {
    let col = |c: Column| h.index(c);
    let cell = |c: Column| {
        col(c)
            .and_then(|i| cells.get(i))
            .filter(|c| !matches!(c, Cell::Empty))
    };
    let mut refusals = Vec::new();
    let mut refuse = |c: Column, reason: Reason| {
        refusals.push(Refusal {
            column: col(c),
            reason,
        })
    };
    let has_person = cell(Column::HoTenDiaChi).or(cell(Column::HoTen)).is_some();
    if cell(Column::NgayTiep).is_none() && !has_person && cell(Column::NoiDung).is_none() {
        return Err(vec![Refusal {
            column: None,
            reason: Reason::NotABookRow,
        }]);
    }
    let mut d = VisitDraft {
        form: "thuong_xuyen".into(),
        ..VisitDraft::default()
    };
    let mut notes: Vec<String> = Vec::new();

    // The day (and a time), as a date cell, an Excel serial or text.
    let mut time = None;
    match cell(Column::NgayTiep) {
        None => refuse(Column::NgayTiep, Reason::Missing(Column::NgayTiep)),
        Some(c) => match day_of(c, ctx.today) {
            Ok((day, t)) if day > ctx.today => {
                let _ = (day, t);
                refuse(Column::NgayTiep, Reason::FutureDate)
            }
            Ok((day, t)) => {
                d.day = crate::domain::date::format_date(day);
                time = t;
            }
            Err(r) => refuse(Column::NgayTiep, r),
        },
    }
    if let Some(t) = cell(Column::GioTiep).and_then(time_of) {
        time = Some(t);
    }
    d.time = time.unwrap_or(NaiveTime::MIN).format("%H:%M").to_string();

    // Who came.
    match (cell(Column::HoTen), cell(Column::HoTenDiaChi)) {
        (Some(n), _) => d.full_name = strip_title(&text(Some(n))),
        (None, Some(both)) => match split_name_address(&text(Some(both))) {
            Some((name, address)) => {
                d.full_name = name;
                d.address = address;
            }
            None => refuse(Column::HoTenDiaChi, Reason::NameNotSplit),
        },
        (None, None) => refuse(
            if col(Column::HoTenDiaChi).is_some() {
                Column::HoTenDiaChi
            } else {
                Column::HoTen
            },
            Reason::Missing(Column::HoTen),
        ),
    }
    if is_pseudonym(&d.full_name) {
        refuse(
            if col(Column::HoTenDiaChi).is_some() {
                Column::HoTenDiaChi
            } else {
                Column::HoTen
            },
            Reason::Pseudonym,
        );
    }
    if let Some(a) = cell(Column::DiaChi) {
        d.address = clean_line(&text(Some(a)));
    }
    if let Some(c) = cell(Column::GiayTo) {
        match id_text(c) {
            Ok(id) => d.id_number = id,
            Err(r) => refuse(Column::GiayTo, r),
        }
    }
    if let Some(c) = cell(Column::DienThoai) {
        d.phone = phone_text(c);
    }

    // What about.
    d.content = cell(Column::NoiDung)
        .map(|c| text(Some(c)))
        .unwrap_or_default();
    d.prior_agencies = clean_line(&text(cell(Column::CoQuanDaGiaiQuyet)));
    let type_cell = cell(Column::PhanLoaiSoNguoi)
        .map(|c| (Column::PhanLoaiSoNguoi, c))
        .or(cell(Column::LoaiDon).map(|c| (Column::LoaiDon, c)));
    let mut people = None;
    match type_cell {
        None => refuse(
            if col(Column::PhanLoaiSoNguoi).is_some() {
                Column::PhanLoaiSoNguoi
            } else {
                Column::LoaiDon
            },
            Reason::Missing(Column::LoaiDon),
        ),
        Some((c, v)) => {
            let t = text(Some(v));
            match petition_type(&t) {
                Ok(p) => d.petition_type = p.code().into(),
                Err(r) => refuse(c, r),
            }
            if c == Column::PhanLoaiSoNguoi {
                people = first_number(&t);
            }
        }
    }
    if let Some(n) = cell(Column::SoNguoi) {
        people = first_number(&text(Some(n)));
    }
    let people = people.unwrap_or(1);
    d.people = people.to_string();
    if people >= ctx.threshold.max(2) && !d.full_name.is_empty() {
        d.representatives = d.full_name.clone();
    }

    // The handling: from its columns, or — a tiepdan export's convention for a handling
    // with no column of its own (urged, answered at the desk, filed) — the note's first part.
    let mut ghi_chu = text(cell(Column::GhiChu));
    let handled = match handling(cells, h) {
        Err(Reason::Missing(c)) => match note_handling(&ghi_chu) {
            Some((hd, rest)) => {
                ghi_chu = rest;
                Ok((hd, String::new(), None))
            }
            None => Err(Reason::Missing(c)),
        },
        other => other,
    };
    match handled {
        Ok((hd, agency, guidance)) => {
            d.handling = hd.code().into();
            d.transfer_agency = agency;
            if let Some(g) = guidance {
                notes.push(format!("Hướng dẫn: {g}"));
            }
        }
        Err(r) => {
            let at = [
                Column::HuongXuLy,
                Column::ThuLy,
                Column::HuongDan,
                Column::ChuyenDon,
            ]
            .into_iter()
            .find(|c| col(*c).is_some())
            .unwrap_or(Column::HuongXuLy);
            refuse(at, r)
        }
    }

    // The field, the officer, and what the book keeps only as notes.
    d.field = "khac".into();
    if let Some(f) = cell(Column::LinhVuc) {
        let t = clean_line(&text(Some(f)));
        let ft = folded(&t);
        match ctx
            .fields
            .iter()
            .find(|(code, name)| folded(name) == ft || *code == t)
        {
            Some((code, _)) => d.field = code.clone(),
            None => notes.push(format!("Lĩnh vực (sổ cũ): {t}")),
        }
    }
    let mut officer_id = None;
    if let Some(o) = cell(Column::CanBoTiep) {
        let t = clean_line(&text(Some(o)));
        match ctx.officers.iter().find(|(_, n)| fold(n) == fold(&t)) {
            Some((id, _)) => officer_id = Some(*id),
            None => notes.push(format!("Cán bộ tiếp: {t}")),
        }
    }
    if let Some(r) = cell(Column::TheoDoiKetQua) {
        notes.push(format!("Theo dõi kết quả: {}", text(Some(r))));
    }
    let mut note = ghi_chu;
    for n in notes {
        if !note.is_empty() {
            note.push('\n');
        }
        note.push_str(&n);
    }
    d.note = note;

    // The visit form's own checks (every error a reason; warnings do not refuse).
    let field_codes: Vec<String> = ctx.fields.iter().map(|(c, _)| c.clone()).collect();
    let checked = visit::validate(&d, ctx.today, ctx.threshold, &field_codes);
    let taken: Vec<Column> = refusals
        .iter()
        .filter_map(|r| r.column.and_then(|i| h.columns[i]))
        .collect();
    for (f, p) in checked.errors() {
        let c = column_of_field(*f, h);
        // Said once: a cell already refused above is not refused again by the form.
        if c.is_some_and(|c| taken.contains(&c))
            || matches!(f, FormField::Day)
                && !d.day.is_empty()
                && refusals
                    .iter()
                    .any(|r| matches!(r.reason, Reason::FutureDate))
        {
            continue;
        }
        if d.get(*f).trim().is_empty()
            && refusals.iter().any(|r| {
                matches!(
                    r.reason,
                    Reason::Missing(_)
                        | Reason::NameNotSplit
                        | Reason::BadDate(_)
                        | Reason::UnknownType(_)
                        | Reason::SeveralTypes(_)
                        | Reason::UnknownHandling(_)
                        | Reason::SeveralHandlings
                        | Reason::Id(_)
                        | Reason::IdRounded(_)
                )
            })
        {
            continue;
        }
        let reason = match p {
            Problem::Id(e) => Reason::Id(e.clone()),
            Problem::Phone(e) => Reason::Phone(e.clone()),
            Problem::Required => Reason::Missing(c.unwrap_or(Column::BoQua)),
            other => Reason::Form(*f, other.clone()),
        };
        refusals.push(Refusal {
            column: c.and_then(|c| h.index(c)),
            reason,
        });
    }
    match checked.visit {
        Some(v) if refusals.is_empty() => Ok((v, officer_id)),
        _ => {
            if refusals.is_empty() {
                refusals.push(Refusal {
                    column: None,
                    reason: Reason::NotABookRow,
                });
            }
            Err(refusals)
        }
    }
}

/// The sheet's column an input of the form came from.
fn column_of_field(f: FormField, h: &Header) -> Option<Column> {
    let pick = |cs: &[Column]| cs.iter().copied().find(|c| h.index(*c).is_some());
    match f {
        FormField::FullName | FormField::Representatives => {
            pick(&[Column::HoTen, Column::HoTenDiaChi])
        }
        FormField::Address => pick(&[Column::DiaChi, Column::HoTenDiaChi]),
        FormField::IdNumber => pick(&[Column::GiayTo]),
        FormField::Phone => pick(&[Column::DienThoai]),
        FormField::People => pick(&[Column::SoNguoi, Column::PhanLoaiSoNguoi]),
        FormField::PetitionType => pick(&[Column::PhanLoaiSoNguoi, Column::LoaiDon]),
        FormField::Field => pick(&[Column::LinhVuc]),
        FormField::Content => pick(&[Column::NoiDung]),
        FormField::PriorAgencies => pick(&[Column::CoQuanDaGiaiQuyet]),
        FormField::Handling | FormField::TransferAgency => pick(&[
            Column::ChuyenDon,
            Column::HuongXuLy,
            Column::ThuLy,
            Column::HuongDan,
        ]),
        FormField::Note => pick(&[Column::GhiChu]),
        FormField::Day => pick(&[Column::NgayTiep]),
        FormField::Time => pick(&[Column::GioTiep, Column::NgayTiep]),
        FormField::Requests => pick(&[Column::NoiDung]),
        FormField::Form
        | FormField::Presiding
        | FormField::PresiderRole
        | FormField::Petitions
        | FormField::AccountRead
        | FormField::RefusalGround
        | FormField::Documents => None,
    }
}

#[cfg(test)]
mod tests;
