//! A visit (lượt tiếp) and its vocabulary: reception form, petition type, handling, groups.
//!
//! `VisitDraft` is the form as typed (strings, exactly what a draft saves); `validate` turns it
//! into a `ValidVisit` or a list of problems attached to the field that has them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::DateError;
use super::ident::{IdError, IdNumber, IdWarning, Phone, PhoneError};
use super::refusal::{GroundProblem, RefusalGround};
use super::text::clean_line;

pub mod documents;
mod validate;

pub use validate::{MAX_PEOPLE, Validation, validate};

code_enum!(
    /// Hình thức tiếp (Luật TCD Art 2(1); trực tuyến from 01/7/2026, Luật 136/2025 Art 3a).
    ReceptionForm {
        ThuongXuyen = "thuong_xuyen",
        DinhKy = "dinh_ky",
        DotXuat = "dot_xuat",
        TrucTuyen = "truc_tuyen",
    }
);

impl ReceptionForm {
    /// Periodic and ad hoc sessions are presided by a leader, whose name is recorded.
    pub fn needs_presiding(self) -> bool {
        matches!(self, ReceptionForm::DinhKy | ReceptionForm::DotXuat)
    }

    /// Forms offered in the visit form (online reception exists only from 01/7/2026).
    pub fn offered_on(day: NaiveDate) -> Vec<ReceptionForm> {
        let online_from = NaiveDate::from_ymd_opt(2026, 7, 1).expect("valid date");
        ReceptionForm::ALL
            .iter()
            .copied()
            .filter(|f| *f != ReceptionForm::TrucTuyen || day >= online_from)
            .collect()
    }
}

code_enum!(
    /// Who presided a periodic or ad hoc session: the head of the unit in person, or a deputy
    /// by delegation (ủy quyền). 01/TCD of TT 06/2025 reports them apart (columns 10–15 and
    /// 16–21); Luật 136/2025 lets no delegated day count toward the head's own days.
    PresiderRole {
        InPerson = "truc_tiep",
        Delegated = "uy_quyen",
    }
);

code_enum!(
    /// Loại đơn (DOMAIN.md §2.1).
    PetitionType {
        KhieuNai = "khieu_nai",
        ToCao = "to_cao",
        KienNghi = "kien_nghi",
        PhanAnh = "phan_anh",
    }
);

code_enum!(
    /// Hướng xử lý at the desk (DOMAIN.md §2.3).
    Handling {
        ThuLy = "thu_ly",
        HuongDan = "huong_dan",
        ChuyenDon = "chuyen_don",
        DonDoc = "don_doc",
        TraLoi = "tra_loi",
        LuuDon = "luu_don",
        /// Từ chối tiếp (Luật TCD Art 9): the person is logged, not received; the visit
        /// keeps its ground (`refusal::RefusalGround`).
        TuChoi = "tu_choi",
    }
);

code_enum!(
    /// The written account read back to the citizen (Luật TCD Art 25(2), 30(1)): "đọc lại
    /// cho người khiếu nại nghe và ký tên hoặc điểm chỉ" — signed, fingerprinted, or the
    /// citizen would not sign (the officer notes it).
    AccountRead {
        Signed = "ky",
        Fingerprinted = "diem_chi",
        NotSigned = "khong_ky",
    }
);

/// How many representatives a group of `people` may choose (Luật TCD Art 29):
/// 5–10 people → 1 or 2; more than 10 → more, but at most 5. None below the group threshold.
pub fn representatives_allowed(people: u32, threshold: u32) -> Option<(usize, usize)> {
    if people < threshold.max(2) {
        None
    } else if people <= 10 {
        Some((1, 2))
    } else {
        Some((1, 5))
    }
}

/// Split a typed list of names ("A; B, C" or one per line) into clean names.
pub fn split_names(s: &str) -> Vec<String> {
    s.split([';', ',', '\n'])
        .map(clean_line)
        .filter(|n| !n.is_empty())
        .collect()
}

/// The visit form exactly as typed: what a draft stores and what a failed save keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitDraft {
    pub full_name: String,
    pub id_number: String,
    pub phone: String,
    pub address: String,
    pub people: String,
    pub representatives: String,
    pub form: String,
    pub presiding: String,
    /// Periodic and ad hoc sessions: the head in person or delegated (a `PresiderRole` code).
    pub presider_role: String,
    pub petition_type: String,
    pub field: String,
    pub content: String,
    pub prior_agencies: String,
    pub handling: String,
    /// Handling chuyển đơn: the agency the petition is forwarded to.
    pub transfer_agency: String,
    pub note: String,
    /// The documents handed over, typed in one line (`documents::parse_documents`).
    pub documents: String,
    pub petitions: String,
    /// The citizen's yêu cầu, đề nghị, apart from the facts (Luật TCD Art 25(2)).
    pub requests: String,
    /// The account read back and signed or fingerprinted (an `AccountRead` code; empty:
    /// not recorded).
    pub account_read: String,
    /// Handling từ chối: its ground (a `RefusalGround` code).
    pub refusal_ground: String,
    /// The visit being edited, if this is an edit.
    pub editing_uid: Option<String>,
    /// The version of the visit the edit started from (a stale one is refused on save).
    pub editing_version: Option<i64>,
    /// The day the visit took place, as typed (dd/mm/yyyy; drafts of older versions hold
    /// YYYY-MM-DD, which is read too).
    pub day: String,
    /// The time the reception started (HH:MM), as typed.
    pub time: String,
    /// Where the officer was typing: the input with the focus (a draft restored goes back to
    /// it). Not part of the visit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<FormField>,
    /// What was typed into the focused choice and not yet taken ("dat" in Lĩnh vực): a draft
    /// keeps it as typed. Not part of the visit.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub typed: String,
}

impl VisitDraft {
    /// The values only, without where the officer was typing (to tell whether anything was
    /// typed since the form opened).
    pub fn values(&self) -> VisitDraft {
        VisitDraft {
            focus: None,
            typed: String::new(),
            ..self.clone()
        }
    }

    /// The value of one input, as typed (a choice's code).
    pub fn get(&self, f: FormField) -> &str {
        match f {
            FormField::FullName => &self.full_name,
            FormField::IdNumber => &self.id_number,
            FormField::Phone => &self.phone,
            FormField::Address => &self.address,
            FormField::People => &self.people,
            FormField::Representatives => &self.representatives,
            FormField::Form => &self.form,
            FormField::Presiding => &self.presiding,
            FormField::PresiderRole => &self.presider_role,
            FormField::PetitionType => &self.petition_type,
            FormField::Field => &self.field,
            FormField::Content => &self.content,
            FormField::PriorAgencies => &self.prior_agencies,
            FormField::Handling => &self.handling,
            FormField::TransferAgency => &self.transfer_agency,
            FormField::Note => &self.note,
            FormField::Documents => &self.documents,
            FormField::Petitions => &self.petitions,
            FormField::Requests => &self.requests,
            FormField::AccountRead => &self.account_read,
            FormField::RefusalGround => &self.refusal_ground,
            FormField::Day => &self.day,
            FormField::Time => &self.time,
        }
    }

    /// Set the value of one input.
    pub fn set(&mut self, f: FormField, value: &str) {
        let slot = match f {
            FormField::FullName => &mut self.full_name,
            FormField::IdNumber => &mut self.id_number,
            FormField::Phone => &mut self.phone,
            FormField::Address => &mut self.address,
            FormField::People => &mut self.people,
            FormField::Representatives => &mut self.representatives,
            FormField::Form => &mut self.form,
            FormField::Presiding => &mut self.presiding,
            FormField::PresiderRole => &mut self.presider_role,
            FormField::PetitionType => &mut self.petition_type,
            FormField::Field => &mut self.field,
            FormField::Content => &mut self.content,
            FormField::PriorAgencies => &mut self.prior_agencies,
            FormField::Handling => &mut self.handling,
            FormField::TransferAgency => &mut self.transfer_agency,
            FormField::Note => &mut self.note,
            FormField::Documents => &mut self.documents,
            FormField::Petitions => &mut self.petitions,
            FormField::Requests => &mut self.requests,
            FormField::AccountRead => &mut self.account_read,
            FormField::RefusalGround => &mut self.refusal_ground,
            FormField::Day => &mut self.day,
            FormField::Time => &mut self.time,
        };
        *slot = value.to_owned();
    }

    /// The inputs whose values differ between two versions of a form.
    pub fn changed_from(&self, other: &VisitDraft) -> Vec<FormField> {
        FormField::ALL
            .iter()
            .copied()
            .filter(|f| self.get(*f).trim() != other.get(*f).trim())
            .collect()
    }
}

/// Which input a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FormField {
    FullName,
    IdNumber,
    Phone,
    Address,
    People,
    Representatives,
    Form,
    Presiding,
    PresiderRole,
    PetitionType,
    Field,
    Content,
    PriorAgencies,
    Handling,
    TransferAgency,
    Note,
    /// Thông tin, tài liệu received (issue 29).
    Documents,
    Petitions,
    Requests,
    AccountRead,
    RefusalGround,
    Day,
    Time,
}

impl FormField {
    /// Every input, in the form's order.
    pub const ALL: [FormField; 23] = [
        FormField::FullName,
        FormField::IdNumber,
        FormField::Phone,
        FormField::Address,
        FormField::People,
        FormField::Representatives,
        FormField::Form,
        FormField::Presiding,
        FormField::PresiderRole,
        FormField::PetitionType,
        FormField::Field,
        FormField::Content,
        FormField::PriorAgencies,
        FormField::Handling,
        FormField::TransferAgency,
        FormField::Note,
        FormField::Documents,
        FormField::Petitions,
        FormField::Requests,
        FormField::AccountRead,
        FormField::RefusalGround,
        FormField::Day,
        FormField::Time,
    ];
}

/// Something wrong (error: blocks saving) or doubtful (warning: saves anyway).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    NotANumber,
    TooLarge {
        max: u32,
    },
    Id(IdError),
    IdWarn(IdWarning),
    Phone(PhoneError),
    PhoneLandline,
    NotAnOption,
    RepresentativesCount {
        min: usize,
        max: usize,
        got: usize,
    },
    NeedIdOrPhone,
    /// A visit has at least one person.
    ZeroPeople,
    /// Not a date (dd/mm/yyyy), or no such day.
    BadDate(DateError),
    /// A visit cannot be logged on a day still to come.
    FutureDay,
    /// Not a time (HH:MM).
    BadTime,
    /// Longer than the field holds (`domain::limits`): `max` characters, `got` typed.
    TooLong {
        max: usize,
        got: usize,
    },
    /// A refusal's ground not yet in force on the visit's day (NĐ 154/2026 from 01/7/2026).
    GroundNotInForce {
        from: NaiveDate,
    },
    /// Luật TCD Art 9(4) "other cases provided by law": the note names the law.
    NameTheLaw,
    /// A document received typed without its name or its kind, or too many.
    Document(documents::DocProblem),
}

impl Problem {
    pub fn is_error(&self) -> bool {
        !matches!(
            self,
            Problem::IdWarn(_) | Problem::PhoneLandline | Problem::NeedIdOrPhone
        )
    }
}

/// A visit that passed validation, normalized (NFC, canonical ID and phone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidVisit {
    pub full_name: String,
    pub id_number: Option<IdNumber>,
    pub phone: Option<Phone>,
    pub address: String,
    pub people: u32,
    pub representatives: Vec<String>,
    pub form: ReceptionForm,
    pub presiding: String,
    /// Set for periodic and ad hoc sessions (required there), None for the others.
    pub presider_role: Option<PresiderRole>,
    pub petition_type: PetitionType,
    pub field_code: String,
    pub content: String,
    pub prior_agencies: String,
    pub handling: Handling,
    /// The agency a chuyển đơn forwards to (empty for other handlings).
    pub transfer_agency: String,
    pub note: String,
    /// The documents handed over (the receipt lists them).
    pub documents: Vec<documents::ReceivedDoc>,
    pub petitions: u32,
    /// The citizen's yêu cầu, đề nghị (Luật TCD Art 25(2)).
    pub requests: String,
    pub account_read: Option<AccountRead>,
    /// Set exactly when the handling is từ chối.
    pub refusal_ground: Option<RefusalGround>,
    /// When the visit took place.
    pub day: NaiveDate,
    /// HH:MM
    pub time: String,
}

impl FormField {
    /// How many characters this input holds (`domain::limits`).
    pub fn max_len(self) -> usize {
        use super::limits::*;
        match self {
            FormField::FullName | FormField::Presiding => NAME,
            FormField::Representatives => NAMES,
            FormField::Address => ADDRESS,
            FormField::PriorAgencies | FormField::TransferAgency => LINE,
            FormField::Content | FormField::Note | FormField::Requests | FormField::Documents => {
                TEXT
            }
            // Checked by their shape; bounded all the same.
            FormField::IdNumber | FormField::Phone => 40,
            FormField::People | FormField::Petitions | FormField::Day | FormField::Time => 20,
            FormField::Form
            | FormField::PresiderRole
            | FormField::PetitionType
            | FormField::Field
            | FormField::Handling
            | FormField::AccountRead
            | FormField::RefusalGround => LINE,
        }
    }
}

/// The day's counters shown in the log header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayCounters {
    /// Reception sessions (cuộc/kỳ tiếp) held that day.
    pub sessions: u32,
    /// Visits (lượt).
    pub visits: u32,
    /// People received (sum of group sizes).
    pub people: u32,
    /// Group visits (đoàn đông người): visits with at least `threshold` people.
    pub groups: u32,
    /// Written petitions received (đơn).
    pub petitions: u32,
    /// Receptions refused (Luật TCD Art 9): in none of the counts above but the sessions,
    /// as in the reports' tables (their summary names them).
    pub refused: u32,
}

#[cfg(test)]
mod tests;
