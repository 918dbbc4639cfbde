//! The sổ tiếp công dân as an official layout: a template names its numbered columns and what
//! each carries (TT 04/2021 Mẫu 03; NĐ 154/2026 Mẫu 03/TCD, UNCONFIRMED — DOMAIN.md §1.2,
//! §11). Templates are data (`src/exchange/book_templates/*.toml`); this module holds their
//! shape and the rules that decide which column a visit's handling goes to.

use chrono::NaiveDate;
use serde::Deserialize;

use super::case::CaseStatus;
use super::identity::Person;
use super::visit::{Handling, PetitionType};

/// What a column carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The row's number in the book (its order in the period).
    Seq,
    Day,
    /// "Họ tên – Địa chỉ" in one cell (a denouncer: the pseudonym, no address).
    NameAddress,
    IdNumber,
    Content,
    /// "Phân loại đơn/Số người": the type and, for more than one person, how many.
    TypePeople,
    Type,
    People,
    PriorAgencies,
    /// An x when the matter is within our authority (accepted for resolution).
    OwnAuthority,
    /// An x when accepted for resolution (thụ lý).
    Accepted,
    /// An x when guided (or the petition returned with guidance).
    Guided,
    /// Where the citizen was guided (the guidance of NĐ 154/2026's column 10).
    GuidedTo,
    /// The competent body a petition was forwarded to.
    ForwardedTo,
    /// The result so far: the case's status and its date.
    FollowUp,
    Note,
}

/// One numbered column.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Its header path: columns whose first parts agree are merged under them.
    pub head: Vec<String>,
    pub head_en: Vec<String>,
    pub source: Source,
    /// Width in characters (the printed layout).
    pub width: f64,
}

/// A layout of the book.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub code: String,
    /// The form's name and number, as printed at the top.
    pub form: String,
    pub title: String,
    pub title_en: String,
    /// The layout rests on an unverified copy of its text.
    pub unconfirmed: bool,
    pub columns: Vec<Column>,
}

impl Template {
    /// The deepest header path (rows of header above the column numbers).
    pub fn header_depth(&self) -> usize {
        self.columns.iter().map(|c| c.head.len()).max().unwrap_or(1)
    }
}

/// One visit as the book records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookLine {
    pub uid: String,
    pub day: NaiveDate,
    pub time: String,
    /// Who came, under the identity rule (a denunciation's person is a denouncer).
    pub citizen: Person,
    pub people: u32,
    pub petition_type: PetitionType,
    pub field_name: String,
    pub content: String,
    pub prior_agencies: String,
    pub handling: Handling,
    /// For chuyển đơn: the receiving body.
    pub transfer_agency: String,
    pub note: String,
    pub officer_name: String,
    /// The case the visit opened or joined, its status and the day it took it.
    pub case_code: Option<String>,
    pub case_status: Option<CaseStatus>,
    pub status_day: Option<NaiveDate>,
}

/// Where a visit's handling lands among the book's "Hướng xử lý" columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Thụ lý để giải quyết.
    Accepted,
    /// Trả lại đơn và hướng dẫn.
    Guided,
    /// Chuyển đơn đến cơ quan có thẩm quyền.
    Forwarded,
    /// None of the three (urged, answered at the desk, filed): said in the notes.
    Other,
}

impl Route {
    pub fn of(h: Handling) -> Route {
        match h {
            Handling::ThuLy => Route::Accepted,
            Handling::HuongDan => Route::Guided,
            Handling::ChuyenDon => Route::Forwarded,
            Handling::DonDoc | Handling::TraLoi | Handling::LuuDon => Route::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_handling_has_one_place_in_the_book() {
        assert_eq!(Route::of(Handling::ThuLy), Route::Accepted);
        assert_eq!(Route::of(Handling::HuongDan), Route::Guided);
        assert_eq!(Route::of(Handling::ChuyenDon), Route::Forwarded);
        for h in [Handling::DonDoc, Handling::TraLoi, Handling::LuuDon] {
            assert_eq!(Route::of(h), Route::Other, "{h:?}");
        }
    }
}
