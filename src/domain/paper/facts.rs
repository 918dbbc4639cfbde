//! The facts a template is filled with, from a [`Source`] — and the one place a paper asks
//! the identity rule: a paper of a denunciation names the denouncer only when it is their
//! own receipt and the viewer may see them (revealed, audited; or disclosed by them); every
//! other paper sees through [`Viewer::outside`], the pseudonym only (Luật Tố cáo Art 56(2)).

use std::collections::BTreeMap;

use super::{Block, Form, Heading, Issue, Source, date_words};
use crate::domain::date::format_date;
use crate::domain::identity::{Place, Shown, Viewer};
use crate::domain::visit::documents::ReceivedDoc;
use crate::domain::visit::{PetitionType, PresiderRole, ReceptionForm};

/// What a hidden value reads on a paper.
const SECRET: &str = "(bảo mật)";
/// A blank the person fills by hand.
const BLANK: &str = "……………………";

/// Does a paper of `form` made from `s` name a denouncer for `viewer`? Only their own
/// receipt, for a viewer who may see them (revealed, or disclosed by them): such a print
/// is audited.
pub fn names_denouncer(s: &Source, form: Form, viewer: &Viewer) -> bool {
    form.may_name_denouncer() && s.person.is_confidential() && viewer.sees(&s.person)
}

/// The values of a paper's placeholders.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    values: BTreeMap<&'static str, String>,
    documents: Vec<ReceivedDoc>,
    code: Option<String>,
    names_denouncer: bool,
}

impl Facts {
    /// The facts of `s` for a paper of `form` seen by `viewer` (the officer at the desk:
    /// what they revealed), numbered by `issue`.
    pub fn of(s: &Source, form: Form, viewer: &Viewer, heading: &Heading, issue: &Issue) -> Facts {
        let outside;
        let viewer = if form.may_name_denouncer() {
            viewer
        } else {
            outside = Viewer::outside();
            &outside
        };
        let p = &s.person;
        let sees = viewer.sees(p);
        let citizen = match viewer.name_of(p) {
            Some(n) => n.to_owned(),
            None => match viewer.show(p) {
                Shown::Pseudonym(code) => format!("Người tố cáo {code}"),
                _ => format!("Người tố cáo {SECRET}"),
            },
        };
        let or_secret = |v: Option<String>| match v {
            Some(v) if !v.is_empty() => v,
            _ if !sees => SECRET.to_owned(),
            _ => BLANK.to_owned(),
        };
        let mut v: BTreeMap<&'static str, String> = BTreeMap::new();
        v.insert("unit", heading.unit.clone());
        v.insert("parent", heading.parent.clone());
        v.insert(
            "place",
            if heading.place.is_empty() {
                BLANK.to_owned()
            } else {
                heading.place.clone()
            },
        );
        v.insert("number", format!("{:02}", issue.number));
        v.insert("year", issue.year.to_string());
        v.insert(
            "code",
            s.case_code
                .clone()
                .unwrap_or_else(|| format!("{:02}/{}", issue.number, issue.year)),
        );
        v.insert("date", format_date(s.day));
        v.insert("date_words", date_words(s.day));
        v.insert(
            "time",
            match s.time.split_once(':') {
                Some((h, m)) => format!("{h} giờ {m}"),
                None => "…… giờ ……".to_owned(),
            },
        );
        v.insert("today_words", date_words(issue.issued_on));
        v.insert(
            "citizen_signature",
            if sees { citizen.clone() } else { String::new() },
        );
        v.insert("citizen", citizen);
        v.insert("id_number", or_secret(viewer.id_number(p, Place::Detail)));
        v.insert("address", or_secret(viewer.address(p).map(str::to_owned)));
        v.insert("phone", or_secret(viewer.phone(p, Place::Detail)));
        v.insert("people", format!("{:02}", s.people));
        v.insert(
            "representatives",
            viewer
                .representatives(p)
                .map(|r| r.join("\n"))
                .unwrap_or_default(),
        );
        v.insert("petition_type", petition_words(s.petition_type).to_owned());
        v.insert("field", s.field.clone());
        v.insert("content", s.content.clone());
        v.insert("prior_agencies", or_blank(&s.prior_agencies));
        v.insert("agency", or_blank(&s.agency));
        v.insert("note", s.note.clone());
        v.insert("officer", s.officer.clone());
        v.insert("presiding", or_blank(&s.presiding));
        v.insert(
            "presider_role",
            match s.presider_role {
                Some(PresiderRole::InPerson) => "trực tiếp",
                Some(PresiderRole::Delegated) => "được ủy quyền",
                None => "",
            }
            .to_owned(),
        );
        v.insert(
            "reception_form",
            s.form.map(form_words).unwrap_or_default().to_owned(),
        );
        v.insert("documents_count", format!("{:02}", s.documents.len()));
        v.insert("copies", "02".to_owned());
        let r = s.refusal.as_ref();
        v.insert(
            "refusal_ground",
            r.map(|r| r.ground.clone()).unwrap_or_else(|| BLANK.into()),
        );
        v.insert(
            "refusal_matter",
            r.map(|r| r.matter.clone())
                .unwrap_or_else(|| s.content.clone()),
        );
        let d = s.dialogue.clone().unwrap_or_default();
        v.insert(
            "dialogue_day",
            d.day.map(date_words).unwrap_or_else(|| BLANK.into()),
        );
        v.insert("dialogue_place", or_blank(&d.place));
        v.insert("participants", d.participants.join("\n"));
        v.insert("said", or_blank(&d.said));
        v.insert("agreed", or_blank(&d.agreed));
        v.insert("differ", or_blank(&d.differ));
        v.insert("dialogue_presiding", d.presiding.clone());
        v.insert("outcome", or_blank(&d.outcome));
        Facts {
            values: v,
            documents: s.documents.clone(),
            code: s.case_code.clone(),
            names_denouncer: p.is_confidential() && sees,
        }
    }

    /// Does the paper name a denouncer (their own receipt, for a viewer who may see them)?
    /// Such a print is audited.
    pub fn names_denouncer(&self) -> bool {
        self.names_denouncer
    }

    /// The value of one placeholder.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// `text` with its placeholders filled (an unknown one was refused when the template
    /// was read; `{desk}` is the symbol's own).
    pub fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            match after.find('}').and_then(|end| {
                let name = &after[..end];
                self.values.get(name).map(|v| (v, end))
            }) {
                Some((value, end)) => {
                    out.push_str(value);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// How many copies the form is made in (its template says).
    pub fn set_copies(&mut self, n: usize) {
        self.values.insert("copies", format!("{n:02}"));
    }

    pub fn case_code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The documents received, as the receipt's table.
    pub fn documents_table(&self) -> Block {
        Block::Table {
            header: [
                "STT",
                "Tên thông tin, tài liệu, bằng chứng",
                "Bản",
                "Số tờ",
                "Tình trạng",
            ]
            .map(str::to_owned)
            .to_vec(),
            widths: vec![8, 44, 14, 10, 24],
            rows: self
                .documents
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    vec![
                        format!("{}", i + 1),
                        d.what.clone(),
                        d.kind.words().to_owned(),
                        d.pages.map(|p| format!("{p:02}")).unwrap_or_default(),
                        d.state.clone(),
                    ]
                })
                .collect(),
        }
    }
}

fn or_blank(s: &str) -> String {
    if s.trim().is_empty() {
        BLANK.to_owned()
    } else {
        s.to_owned()
    }
}

/// The kind of petition as the paper says it.
pub fn petition_words(t: PetitionType) -> &'static str {
    match t {
        PetitionType::KhieuNai => "khiếu nại",
        PetitionType::ToCao => "tố cáo",
        PetitionType::KienNghi => "kiến nghị",
        PetitionType::PhanAnh => "phản ánh",
    }
}

fn form_words(f: ReceptionForm) -> &'static str {
    match f {
        ReceptionForm::ThuongXuyen => "thường xuyên",
        ReceptionForm::DinhKy => "định kỳ",
        ReceptionForm::DotXuat => "đột xuất",
        ReceptionForm::TrucTuyen => "trực tuyến",
    }
}
