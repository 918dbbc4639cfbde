//! Papers handed over or sent at the desk (issue 29; DOMAIN.md §1.3, §11): what each form
//! says, from a visit or a case. Pure: the facts come in ([`Source`]), a template says the
//! words ([`template::Template`], files a unit can edit), and out comes a [`Paper`] — the
//! official layout as data (national heading, the unit, số / ký hiệu, place and date line,
//! title, body, signatures) that `render::pdf` and `render::docx` draw.
//!
//! Which papers apply to a record is [`applies`]; who may be named on a paper is the one
//! identity rule (`identity::Viewer`), asked in [`facts`]: a denunciation's papers carry the
//! pseudonym only, but the denouncer's own receipt for a viewer who may see them (Luật Tố
//! cáo Art 8(3), 56).

use chrono::{Datelike, NaiveDate};

use super::identity::Person;
use super::visit::documents::ReceivedDoc;
use super::visit::{Handling, PetitionType, PresiderRole, ReceptionForm};

pub mod facts;
pub mod template;

code_enum!(
    /// The papers of the desk. The code is what `tiepdan print FORM` takes and what the
    /// numbering keeps.
    Form {
        /// Giấy biên nhận thông tin, tài liệu (NĐ 154/2026 Mẫu 02/TCD; TT 04/2021 Mẫu 02).
        Receipt = "receipt",
        /// Phiếu chuyển đơn (TT 05/2021 Mẫu 03 for a denunciation).
        Transfer = "transfer",
        /// Phiếu hướng dẫn: the citizen guided to the competent body.
        Guidance = "guidance",
        /// Thông báo từ chối tiếp công dân (NĐ 154/2026 Mẫu 01/TCD, UNVERIFIED).
        Refusal = "refusal",
        /// Biên bản tiếp công dân: a group, or a leader's session.
        Minutes = "minutes",
        /// Thông báo kết luận việc tiếp công dân: the head's session (NĐ 154/2026 Art 25(2)).
        Conclusion = "conclusion",
        /// Biên bản đối thoại (Luật KN Art 30(4), 39(3)).
        Dialogue = "dialogue",
    }
);

impl Form {
    /// The one paper of a denunciation that may name the denouncer: their own receipt, for a
    /// viewer who may see them. Every other paper carries the pseudonym (Art 56(2)).
    pub fn may_name_denouncer(self) -> bool {
        self == Form::Receipt
    }
}

/// What a paper is about: a visit, or a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Visit { uid: String },
    Case { uid: String },
}

impl Subject {
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Visit { .. } => "visit",
            Subject::Case { .. } => "case",
        }
    }

    pub fn uid(&self) -> &str {
        match self {
            Subject::Visit { uid } | Subject::Case { uid } => uid,
        }
    }
}

/// A refusal to receive, as far as its notice needs it (the refusal itself is recorded by
/// the other half of issue 29: this is the interface its record fills).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The ground, in the words of the law ("điểm h khoản 1 Điều 4 Nghị định 154/2026 …").
    pub ground: String,
    /// What the citizen came for, in short.
    pub matter: String,
    pub day: NaiveDate,
}

/// A dialogue of a complaint, as far as its minutes need it (recorded by the other half of
/// issue 29: this is the interface its record fills).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dialogue {
    pub day: Option<NaiveDate>,
    pub place: String,
    /// One participant a line: "Ông Lê Văn B — người bị khiếu nại".
    pub participants: Vec<String>,
    pub said: String,
    pub agreed: String,
    /// What still differs.
    pub differ: String,
    /// Who presided (người giải quyết khiếu nại or the one assigned).
    pub presiding: String,
    pub outcome: String,
}

/// The facts a paper is made from: a visit (or the visits of a case) as the book has them.
#[derive(Debug, Clone)]
pub struct Source {
    pub subject: Subject,
    /// The case code (the pseudonym of a denunciation; the QR code of the paper).
    pub case_code: Option<String>,
    pub petition_type: PetitionType,
    /// The day and time received (a case: its receipt day; time empty).
    pub day: NaiveDate,
    pub time: String,
    /// Who came, under the identity rule.
    pub person: Person,
    pub people: u32,
    pub form: Option<ReceptionForm>,
    pub presiding: String,
    pub presider_role: Option<PresiderRole>,
    pub field: String,
    pub content: String,
    pub handling: Option<Handling>,
    /// The agency a petition is forwarded or the citizen guided to.
    pub agency: String,
    pub prior_agencies: String,
    pub note: String,
    pub documents: Vec<ReceivedDoc>,
    /// The officer who received (a case: who holds it).
    pub officer: String,
    pub refusal: Option<Refusal>,
    pub dialogue: Option<Dialogue>,
}

/// The book's settings a paper's heading takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Heading {
    /// The body above the unit (cơ quan chủ quản), optional.
    pub parent: String,
    pub unit: String,
    /// The place name of the date line (địa danh): "Đông Hòa".
    pub place: String,
    /// The desk code ({desk} in a symbol).
    pub desk: String,
}

/// The paper's number in its sequence, and whether this print is a reprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub number: u32,
    pub year: i32,
    /// The day the number was taken (the date line's day).
    pub issued_on: NaiveDate,
    /// None: the first print; Some(n): the n-th reprint, on `printed_on`.
    pub reprint: Option<u32>,
    pub printed_on: NaiveDate,
}

/// Which papers apply to a record, in the order they are offered. The refusal notice and
/// the dialogue's minutes apply when the record carries a refusal or a dialogue.
pub fn applies(s: &Source, group_threshold: u32) -> Vec<Form> {
    let mut out = Vec::new();
    if !s.documents.is_empty() {
        out.push(Form::Receipt);
    }
    if s.handling == Some(Handling::ChuyenDon) || !s.agency.is_empty() && is_case(s) {
        out.push(Form::Transfer);
    }
    if s.handling == Some(Handling::HuongDan) {
        out.push(Form::Guidance);
    }
    if s.refusal.is_some() {
        out.push(Form::Refusal);
    }
    let leader = s.form.is_some_and(ReceptionForm::needs_presiding);
    if leader || s.people >= group_threshold.max(2) {
        out.push(Form::Minutes);
    }
    if leader {
        out.push(Form::Conclusion);
    }
    if s.dialogue.is_some() {
        out.push(Form::Dialogue);
    }
    out
}

fn is_case(s: &Source) -> bool {
    matches!(s.subject, Subject::Case { .. })
}

/// The date line's date as officials write it (NĐ 30/2020/NĐ-CP Phụ lục I: a day below 10
/// and a month below 3 take a leading zero): "ngày 02 tháng 01 năm 2027", "ngày 15 tháng
/// 12 năm 2026".
pub fn date_words(d: NaiveDate) -> String {
    let day = if d.day() < 10 {
        format!("0{}", d.day())
    } else {
        d.day().to_string()
    };
    let month = if d.month() < 3 {
        format!("0{}", d.month())
    } else {
        d.month().to_string()
    };
    format!("ngày {day} tháng {month} năm {}", d.year())
}

/// The date line: "Đông Hòa, ngày 02 tháng 12 năm 2026" (dots where no place is set).
pub fn date_line(place: &str, d: NaiveDate) -> String {
    let place = if place.trim().is_empty() {
        "……………"
    } else {
        place.trim()
    };
    format!("{place}, {}", date_words(d))
}

/// A paper laid out: what `render::pdf` and `render::docx` draw, in the official order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    pub form: Form,
    pub template_version: String,
    /// The form and the texts it rests on, printed small at the foot.
    pub source: String,
    /// The form rests on a text not checked against the official gazette.
    pub unverified: bool,
    pub parent: String,
    pub unit: String,
    /// "Số: 07/GBN-BD", or empty for a form without a number line.
    pub number: String,
    pub date_line: String,
    pub title: String,
    pub subtitle: String,
    /// "Kính gửi: …" (a notice), or empty.
    pub addressee: String,
    pub blocks: Vec<Block>,
    pub signatures: Vec<Signature>,
    /// Nơi nhận (a notice or a slip), or empty.
    pub recipients: Vec<String>,
    /// One label per copy on this print (a receipt: two copies on one print).
    pub copies: Vec<String>,
    /// The case code as a QR code (and in words under it).
    pub code: Option<String>,
    /// "BẢN IN LẠI …" on a reprint.
    pub reprint: Option<String>,
}

/// A piece of a paper's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph, wrapped, its first line indented.
    Para(String),
    /// A line centred in bold.
    Heading(String),
    /// An item of a list, indented, not wrapped under its dash.
    Item(String),
    /// A table with a header row (the documents received).
    Table {
        header: Vec<String>,
        widths: Vec<u8>,
        rows: Vec<Vec<String>>,
    },
    /// A blank line.
    Space,
}

/// One signature block: its title, the note under it, and the name typed (or empty, for
/// the person to write).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub title: String,
    pub note: String,
    pub name: String,
}

impl Paper {
    /// Every word of the paper, in order (what a reader extracts: for tests and the
    /// identity check).
    pub fn text(&self) -> String {
        let mut out = vec![
            self.parent.clone(),
            self.unit.clone(),
            self.number.clone(),
            self.date_line.clone(),
            self.title.clone(),
            self.subtitle.clone(),
            self.addressee.clone(),
        ];
        for b in &self.blocks {
            match b {
                Block::Para(s) | Block::Heading(s) | Block::Item(s) => out.push(s.clone()),
                Block::Table { header, rows, .. } => {
                    out.push(header.join(" | "));
                    out.extend(rows.iter().map(|r| r.join(" | ")));
                }
                Block::Space => {}
            }
        }
        for s in &self.signatures {
            out.extend([s.title.clone(), s.note.clone(), s.name.clone()]);
        }
        out.extend(self.recipients.iter().cloned());
        out.extend(self.code.iter().cloned());
        out.extend(self.reprint.iter().cloned());
        out.retain(|s| !s.is_empty());
        out.join("\n")
    }
}

#[cfg(test)]
mod tests;
