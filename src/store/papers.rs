//! Papers from the book (issue 29): the facts of a visit or a case a paper is made from
//! (read through the row mappers, so its person is the identity rule's), the heading's
//! settings, and the one write of a print — its number taken (or kept, on a reprint) and
//! the print recorded, in the journal; a print that names a denouncer is audited.

use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::write::{Permission, Writer};
use super::{Result, Store, StoreError, new_uid, rows, settings};
use crate::domain::journal::{Entity, Op};
use crate::domain::paper::{Form, Heading, Issue, Source, Subject};
use crate::domain::visit::ReceptionForm;
use crate::domain::visit::documents::ReceivedDoc;

/// The body above the unit on a paper's heading (cơ quan chủ quản).
pub const PAPER_PARENT: &str = "paper_parent";
/// The place name of a paper's date line (địa danh).
pub const PAPER_PLACE: &str = "paper_place";
/// The command a paper is printed with (`lp`); empty: papers are written, not printed.
pub const PRINT_COMMAND: &str = "print_command";

/// A print to record: what, of what, with which template, in which format.
#[derive(Debug, Clone)]
pub struct PrintPaper<'a> {
    pub form: Form,
    pub subject: &'a Subject,
    pub template_version: &'a str,
    pub format: &'a str,
    /// The paper names a denouncer (their own receipt, for an officer who may see them):
    /// the print is audited.
    pub names_denouncer: bool,
    /// The day of the print (a new number's date line and year).
    pub today: NaiveDate,
}

/// A paper printed before: its number and its prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedPaper {
    pub form: Form,
    pub number: u32,
    pub year: i32,
    pub issued_on: NaiveDate,
    pub prints: u32,
}

impl Store {
    /// The heading of the book's papers (its settings).
    pub fn paper_heading(&self) -> Result<Heading> {
        let get = |k: &str| -> Result<String> { Ok(self.setting(k)?.unwrap_or_default()) };
        Ok(Heading {
            parent: get(PAPER_PARENT)?,
            unit: self.unit_name()?,
            place: get(PAPER_PLACE)?,
            desk: self.desk_code()?,
        })
    }

    /// The configured print command (empty: none).
    pub fn print_command(&self) -> Result<String> {
        Ok(self.setting(PRINT_COMMAND)?.unwrap_or_default())
    }

    /// The uid of the case with this exact code (as printed: `KN-2026-BD-0042`), if any.
    pub fn case_uid_by_code(&self, code: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT uid FROM cases WHERE code = ?1 COLLATE NOCASE AND deleted_at IS NULL",
            )?
            .query_row([code.trim()], |r| r.get(0))
            .optional()?)
    }

    /// The facts a paper of `subject` is made from.
    pub fn paper_source(&self, subject: &Subject) -> Result<Source> {
        match subject {
            Subject::Visit { uid } => self.visit_source(subject, uid),
            Subject::Case { uid } => self.case_source(subject, uid),
        }
    }

    fn visit_source(&self, subject: &Subject, uid: &str) -> Result<Source> {
        let d = self.visit_detail(uid)?;
        if d.row.void_reason.is_some() {
            return Err(StoreError::NotFound("visit"));
        }
        let officer = self.officer_of_visit(uid)?;
        Ok(Source {
            subject: subject.clone(),
            case_code: d.row.case_code.clone(),
            petition_type: d.row.petition_type,
            day: d.day,
            time: d.row.time.clone(),
            person: d.row.citizen.clone(),
            people: d.row.people,
            form: Some(d.row.form),
            presiding: d.presiding.clone(),
            presider_role: d.presider_role,
            field: d.row.field_name.clone(),
            content: d.row.content.clone(),
            handling: Some(d.row.handling),
            agency: d.transfer_agency.clone(),
            prior_agencies: d.prior_agencies.clone(),
            note: d.note.clone(),
            documents: d.documents.clone(),
            officer: if officer.is_empty() {
                d.row.officer_name.clone()
            } else {
                officer
            },
            refusal: d.refusal_ground.map(|g| crate::domain::paper::Refusal {
                ground: refusal_words(g),
                matter: d.row.content.clone(),
                day: d.day,
            }),
            dialogue: None,
        })
    }

    fn officer_of_visit(&self, uid: &str) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT o.full_name FROM visits v JOIN officers o ON o.id = v.officer_id
                 WHERE v.uid = ?1",
            )?
            .query_row([uid], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    fn case_source(&self, subject: &Subject, uid: &str) -> Result<Source> {
        let d = self.case_detail(uid)?;
        let petition_type = match d.row.case_type {
            crate::domain::case::CaseType::KhieuNai => crate::domain::visit::PetitionType::KhieuNai,
            crate::domain::case::CaseType::ToCao => crate::domain::visit::PetitionType::ToCao,
            crate::domain::case::CaseType::KienNghiPhanAnh => {
                crate::domain::visit::PetitionType::KienNghi
            }
        };
        // The documents of its visits, in the order they came.
        let documents: Vec<ReceivedDoc> = self
            .conn
            .prepare_cached(
                "SELECT d.items FROM case_visits cv JOIN cases k ON k.id = cv.case_id
                   JOIN visits v ON v.id = cv.visit_id
                   JOIN visit_documents d ON d.visit_id = v.id
                 WHERE k.uid = ?1 AND v.deleted_at IS NULL ORDER BY v.day, v.time",
            )?
            .query_map([uid], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .iter()
            .flat_map(|t| serde_json::from_str::<Vec<ReceivedDoc>>(t).unwrap_or_default())
            .collect();
        let (day, time) = d
            .visits
            .first()
            .map(|(day, time, _)| (*day, time.clone()))
            .unwrap_or((d.row.received_on, String::new()));
        Ok(Source {
            subject: subject.clone(),
            case_code: Some(d.row.code.clone()),
            petition_type,
            day: if d.visits.is_empty() {
                d.row.received_on
            } else {
                day
            },
            time,
            person: d.row.citizen.clone(),
            people: 1,
            form: (!d.visits.is_empty()).then_some(ReceptionForm::ThuongXuyen),
            presiding: String::new(),
            presider_role: None,
            field: d.row.field_name.clone(),
            content: d.row.summary.clone(),
            handling: None,
            agency: if d.transfer_agency.is_empty() {
                d.forwarded_by.clone()
            } else {
                d.transfer_agency.clone()
            },
            prior_agencies: String::new(),
            note: String::new(),
            documents,
            officer: d.row.officer_name.clone().unwrap_or_default(),
            refusal: None,
            dialogue: self.paper_dialogue(uid)?,
        })
    }

    /// The minutes of a complaint's dialogue: its latest held (not cancelled), as the
    /// record has it — the paper is filled from the record, never from typed prose.
    fn paper_dialogue(&self, case_uid: &str) -> Result<Option<crate::domain::paper::Dialogue>> {
        use crate::i18n::{Lang, dialogue_outcome, minutes_signed, participant_role};
        let Some(d) = self
            .case_dialogues(case_uid)?
            .into_iter()
            .rev()
            .find(|d| d.held())
        else {
            return Ok(None);
        };
        let vi = Lang::Vi;
        let participants = d
            .participants
            .iter()
            .map(|p| {
                let mut line = format!("{} — {}", p.name, participant_role(p.role).t(vi));
                if !p.title.is_empty() {
                    line.push_str(&format!(", {}", p.title));
                }
                if !p.present {
                    line.push_str(&format!(" {}", crate::i18n::Msg::DlgAbsent.t(vi)));
                }
                line
            })
            .collect();
        let mut outcome = d
            .outcome
            .map(|o| dialogue_outcome(o).t(vi).to_owned())
            .unwrap_or_default();
        if let Some(s) = d.signed {
            outcome.push_str(&format!(". {}", minutes_signed(s).t(vi)));
        }
        if !d.note.is_empty() {
            outcome.push_str(&format!(". {}", d.note));
        }
        Ok(Some(crate::domain::paper::Dialogue {
            day: d.held_on,
            place: d.place.clone(),
            participants,
            said: d.said.clone(),
            agreed: d.agreed.clone(),
            differ: d.differ.clone(),
            presiding: d.presiding.clone(),
            outcome,
        }))
    }

    /// The papers of a record printed so far.
    pub fn papers_of(&self, subject: &Subject) -> Result<Vec<PrintedPaper>> {
        self.conn
            .prepare_cached(
                "SELECT p.form, p.number, p.year, p.issued_on,
                        (SELECT count(*) FROM paper_prints x WHERE x.paper_id = p.id)
                 FROM papers p WHERE (p.subject = ?1 AND p.subject_uid = ?2)
                    OR (?1 = 'case' AND p.subject = 'dialogue' AND p.subject_uid IN
                        (SELECT d.uid FROM dialogues d JOIN cases k ON k.id = d.case_id
                         WHERE k.uid = ?2))
                 ORDER BY p.id",
            )?
            .query_map(params![subject.kind(), subject.uid()], |r| {
                let form: String = r.get(0)?;
                Ok((form, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .map(|row| {
                let (form, number, year, issued_on, prints) = row?;
                Ok(PrintedPaper {
                    form: Form::from_code(&form).ok_or(StoreError::NotFound("form"))?,
                    number,
                    year,
                    issued_on,
                    prints,
                })
            })
            .collect()
    }
}

impl Writer<'_> {
    /// Print a paper: its number taken (the next of its form's sequence of the year) or,
    /// when the record has one for this form, kept — a reprint, "bản in lại"; the print
    /// recorded with the template's version, the format, who and when; a paper naming a
    /// denouncer audited. `make` draws and writes the paper with its [`Issue`]: when it
    /// fails, nothing is recorded (one transaction).
    pub fn print_paper<T>(
        &mut self,
        p: &PrintPaper,
        make: impl FnOnce(&Issue) -> std::result::Result<T, String>,
    ) -> Result<(Issue, T)> {
        self.permit(Permission::Print)?;
        if p.names_denouncer && !p.form.may_name_denouncer() {
            return Err(StoreError::Invalid(format!(
                "{} may not name a denouncer",
                p.form.code()
            )));
        }
        let (kind, subject_uid) = (p.subject.kind(), p.subject.uid());
        let exists: bool = self
            .prepare_cached(match p.subject {
                Subject::Visit { .. } => {
                    "SELECT EXISTS (SELECT 1 FROM visits WHERE uid = ?1 AND deleted_at IS NULL)"
                }
                Subject::Case { .. } => {
                    "SELECT EXISTS (SELECT 1 FROM cases WHERE uid = ?1 AND deleted_at IS NULL)"
                }
            })?
            .query_row([subject_uid], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::NotFound(kind));
        }
        // A dialogue's minutes are numbered per dialogue: the case's latest held one (the
        // one its paper is filled from).
        let held;
        let (kind, subject_uid) = match (p.form, p.subject) {
            (Form::Dialogue, Subject::Case { uid }) => {
                held = held_dialogue(self.conn(), uid)?.ok_or(StoreError::NotFound("dialogue"))?;
                ("dialogue", held.as_str())
            }
            _ => (kind, subject_uid),
        };
        let (paper_id, number, issued_on, year) =
            match rows::paper_of(self, p.form.code(), kind, subject_uid)? {
                Some(found) => found,
                None => {
                    let unit =
                        settings::setting_on(self.conn(), settings::UNIT_NAME)?.unwrap_or_default();
                    let uid = new_uid();
                    let (id, number) = rows::insert_paper(
                        self,
                        &rows::NewPaper {
                            uid: &uid,
                            unit: &unit,
                            year: p.today.year(),
                            form: p.form.code(),
                            subject: kind,
                            subject_uid,
                            issued_on: p.today,
                            officer_id: self.officer_id(),
                        },
                    )?;
                    (id, number, p.today, p.today.year())
                }
            };
        let n = rows::insert_print(
            self,
            &rows::NewPrint {
                uid: &new_uid(),
                paper_id,
                template_version: p.template_version,
                format: p.format,
                names_denouncer: p.names_denouncer,
                officer_id: self.officer_id(),
            },
        )?;
        if p.names_denouncer {
            let paper_uid: String = self
                .prepare_cached("SELECT uid FROM papers WHERE id = ?1")?
                .query_row([paper_id], |r| r.get(0))?;
            self.fact(
                Op::Print,
                Entity::Paper,
                &paper_uid,
                rows::facts([
                    ("form", Value::from(p.form.code())),
                    ("names_denouncer", Value::from(true)),
                    ("number", Value::from(number)),
                    ("print", Value::from(n)),
                    ("subject", Value::from(kind)),
                    ("subject_uid", Value::from(subject_uid)),
                ]),
            )?;
        }
        let issue = Issue {
            number,
            year,
            issued_on,
            reprint: (n > 1).then_some(n - 1),
            printed_on: p.today,
        };
        let made = make(&issue).map_err(StoreError::Invalid)?;
        Ok((issue, made))
    }
}

/// A refusal's ground on its notice: the article and the ground in the law's words
/// (a paper is in Vietnamese, whatever the desk's language).
fn refusal_words(g: crate::domain::refusal::RefusalGround) -> String {
    let words = crate::i18n::refusal_ground(g).t(crate::i18n::Lang::Vi);
    match crate::domain::refusal::GROUNDS
        .iter()
        .find(|x| x.ground == g)
    {
        Some(law) => format!("{words} ({})", law.article),
        None => words.to_owned(),
    }
}

/// The uid of a case's latest held dialogue (as `Store::case_dialogues` orders them), whose
/// minutes its paper is.
fn held_dialogue(conn: &rusqlite::Connection, case_uid: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT d.uid FROM dialogues d JOIN cases k ON k.id = d.case_id
             WHERE k.uid = ?1 AND d.held_on IS NOT NULL AND NOT d.cancelled
             ORDER BY coalesce(d.held_on, d.planned_on) DESC, d.id DESC LIMIT 1",
        )?
        .query_row([case_uid], |r| r.get(0))
        .optional()?)
}
