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

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::header::{Column, folded};
use super::{Cell, Context, Header};
use crate::domain::ident::{IdError, PhoneError};
use crate::domain::text::{clean_line, fold};
use crate::domain::visit::{self, FormField, Handling, PetitionType, Problem, VisitDraft};
use crate::i18n::Lang;
use crate::store::ImportedVisit;

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

/// A day (and time) from a date cell, an Excel serial or text: dd/mm/yyyy, d/m/yy,
/// yyyy-mm-dd, dd.mm.yyyy, "ngày 12 tháng 3 năm 2020". A two-digit year is this century's
/// up to this year, else the last century's.
pub fn day_of(c: &Cell, today: NaiveDate) -> Result<(NaiveDate, Option<NaiveTime>), Reason> {
    match c {
        Cell::Date(d, t) => Ok((*d, *t)),
        Cell::Number(n) if (1.0..2_958_466.0).contains(n) => {
            let dt = calamine::ExcelDateTime::new(*n, calamine::ExcelDateTimeType::DateTime, false);
            let (y, m, d, h, mi, _, _) = dt.to_ymd_hms_milli();
            let day = NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .ok_or_else(|| Reason::BadDate(c.shown()))?;
            let t = NaiveTime::from_hms_opt(u32::from(h), u32::from(mi), 0)
                .filter(|t| *t != NaiveTime::MIN);
            Ok((day, t))
        }
        Cell::Text(t) => day_of_text(t, today).ok_or_else(|| Reason::BadDate(t.trim().to_owned())),
        other => Err(Reason::BadDate(other.shown())),
    }
}

fn day_of_text(t: &str, today: NaiveDate) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let groups: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let num = |g: &str| g.parse::<u32>().ok();
    let year = |g: &str| -> Option<i32> {
        let y = num(g)? as i32;
        match g.len() {
            4 => Some(y),
            2 => Some(if y <= today.year() % 100 {
                2000 + y
            } else {
                1900 + y
            }),
            _ => None,
        }
    };
    let (day, rest) = match groups.as_slice() {
        [y, m, d, rest @ ..] if y.len() == 4 => {
            (NaiveDate::from_ymd_opt(year(y)?, num(m)?, num(d)?)?, rest)
        }
        [d, m, y, rest @ ..] => (NaiveDate::from_ymd_opt(year(y)?, num(m)?, num(d)?)?, rest),
        _ => return None,
    };
    let time = match rest {
        [h, m, ..] => NaiveTime::from_hms_opt(num(h)?, num(m)?, 0),
        [] => None,
        _ => return None,
    };
    Some((day, time))
}

fn time_of(c: &Cell) -> Option<NaiveTime> {
    match c {
        Cell::Date(_, t) => *t,
        Cell::Number(n) if (0.0..1.0).contains(n) => {
            let mins = (n * 24.0 * 60.0).round() as u32;
            NaiveTime::from_hms_opt(mins / 60, mins % 60, 0)
        }
        Cell::Text(t) => {
            NaiveTime::parse_from_str(t.trim().replace('h', ":").trim_end_matches(':'), "%H:%M")
                .ok()
        }
        _ => None,
    }
}

/// A cell as the refused CSV writes it: as shown, but an ID number or a phone that lost
/// its leading zero gets it back (the CSV holds text, which is taken as typed).
pub fn shown_for_csv(c: Option<&Cell>, col: Option<Column>) -> String {
    match (c, col) {
        (None, _) => String::new(),
        (Some(c @ Cell::Number(_)), Some(Column::GiayTo)) => {
            id_text(c).unwrap_or_else(|_| c.shown())
        }
        (Some(c @ Cell::Number(_)), Some(Column::DienThoai)) => phone_text(c),
        (Some(c), _) => c.shown(),
    }
}

/// Honorifics before a name.
fn strip_title(s: &str) -> String {
    let s = clean_line(s);
    let words: Vec<&str> = s.split(' ').collect();
    if words.len() > 1
        && matches!(
            fold(words[0].trim_end_matches(['.', ':'])).as_str(),
            "ong" | "ba" | "anh" | "chi" | "cu" | "em" | "co"
        )
    {
        words[1..].join(" ")
    } else {
        s
    }
}

/// Does this look like a person's name (1–7 words, no digit)?
fn looks_like_name(s: &str) -> bool {
    let n = s.split_whitespace().count();
    (1..=7).contains(&n) && !s.chars().any(|c| c.is_ascii_digit())
}

/// Split "Họ tên – Địa chỉ" written in one cell (see the module's notes).
pub fn split_name_address(cell: &str) -> Option<(String, String)> {
    let lines: Vec<String> = crate::domain::text::nfc(cell)
        .lines()
        .map(clean_line)
        .filter(|l| !l.is_empty())
        .collect();
    let (name, address) = if lines.len() >= 2 {
        (lines[0].clone(), lines[1..].join(", "))
    } else {
        let line = lines.first()?.clone();
        // Where the name ends: the first separator or address word.
        let mut cut: Option<(usize, usize)> = None;
        for sep in [" – ", " — ", " - ", "–", ";", ","] {
            if let Some(i) = line.find(sep)
                && cut.is_none_or(|(c, _)| i < c)
            {
                cut = Some((i, i + sep.len()));
            }
        }
        for word in [
            "trú tại",
            "Trú tại",
            "thường trú",
            "tạm trú",
            "địa chỉ",
            "Địa chỉ",
            "ĐC:",
            "Đ/c",
            "đ/c",
        ] {
            if let Some(i) = line.find(word)
                && i > 0
                && cut.is_none_or(|(c, _)| i < c)
            {
                cut = Some((i, i));
            }
        }
        match cut {
            Some((a, b)) => (line[..a].to_owned(), line[b..].to_owned()),
            None => (line, String::new()),
        }
    };
    let name = strip_title(name.trim_end_matches([',', ';', '-', ':', ' ']));
    let mut address = clean_line(&address);
    for lead in ["trú tại", "thường trú", "tạm trú", "địa chỉ", "đc", "đ/c"] {
        let f = fold(&address);
        if f.starts_with(&fold(lead)) {
            let n = lead.chars().count();
            address = address.chars().skip(n).collect::<String>();
            address = clean_line(address.trim_start_matches([':', ' ', ',', '.']));
            break;
        }
    }
    looks_like_name(&name).then_some((name, address.trim_matches([',', ';', ' ']).to_owned()))
}

/// An ID number from its cell (see the module's notes on numbers that lost their zero).
pub fn id_text(c: &Cell) -> Result<String, Reason> {
    match c {
        Cell::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 1e13 => {
            let digits = format!("{n:.0}");
            Ok(match digits.len() {
                11 | 8 => format!("0{digits}"),
                _ => digits,
            })
        }
        Cell::Number(n) => Err(Reason::IdRounded(n.to_string())),
        Cell::Text(t) => {
            let t = t.trim();
            let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            let upper = compact.to_uppercase();
            if upper.contains("E+") && upper.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return Err(Reason::IdRounded(t.to_owned()));
            }
            Ok(number_in(t).unwrap_or_else(|| t.to_owned()))
        }
        other => Ok(other.shown()),
    }
}

/// The identity number inside a text such as "CCCD số 001085012345 cấp ngày 12/3/2021":
/// the first run of digits (spaces and dots between groups allowed) of 7 or more digits,
/// with a passport's letter before it.
fn number_in(t: &str) -> Option<String> {
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            let mut digits = String::new();
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], ' ' | '.')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                if chars[i].is_ascii_digit() {
                    digits.push(chars[i]);
                }
                i += 1;
            }
            // A date ("12/3/2021") is not the number.
            let date_like = chars.get(i) == Some(&'/');
            if digits.len() >= 7 && !date_like {
                let letter = start
                    .checked_sub(1)
                    .map(|p| chars[p])
                    .filter(|c| c.is_ascii_alphabetic())
                    .filter(|_| start < 2 || !chars[start - 2].is_ascii_alphabetic());
                return Some(match letter {
                    Some(l) => format!("{l}{digits}"),
                    None => digits,
                });
            }
        }
        i += 1;
    }
    None
}

/// A phone from its cell: a number cell lost its leading zero (9 digits of a mobile, 10 of a
/// landline).
fn phone_text(c: &Cell) -> String {
    match c {
        Cell::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 1e12 => {
            let digits = format!("{n:.0}");
            match digits.len() {
                9 => format!("0{digits}"),
                10 if digits.starts_with('2') => format!("0{digits}"),
                _ => digits,
            }
        }
        other => other.shown().trim().to_owned(),
    }
}

/// The first whole number in a text ("KN/02", "Tố cáo, đoàn 15 người").
fn first_number(t: &str) -> Option<u32> {
    t.split(|c: char| !c.is_ascii_digit())
        .find(|g| !g.is_empty())
        .and_then(|g| g.parse().ok())
}

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
fn is_mark(t: &str) -> bool {
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
fn handling_words(t: &str) -> Vec<Handling> {
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

/// Is this name a denouncer's pseudonym, as tiepdan writes it in either language?
fn is_pseudonym(name: &str) -> bool {
    [Lang::Vi, Lang::En].into_iter().any(|lang| {
        let shown = crate::i18n::denouncer_pseudonym(lang, "\u{0}");
        let prefix = shown.split('\u{0}').next().unwrap_or_default();
        !prefix.is_empty() && name.starts_with(prefix)
    }) || name == crate::i18n::Msg::DenouncerHidden.t(Lang::Vi)
        || name == crate::i18n::Msg::DenouncerHidden.t(Lang::En)
}

/// A handling said as the first part of the note ("Trả lời trực tiếp; Đã giải thích"):
/// exactly one of the handlings the book's layout has no column for, as tiepdan's export
/// words them. Returns it and the rest of the note.
fn note_handling(note: &str) -> Option<(Handling, String)> {
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
fn agency_in(t: &str) -> String {
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
fn handling(cells: &[Cell], h: &Header) -> Result<(Handling, String, Option<String>), Reason> {
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

#[cfg(test)]
mod tests;
