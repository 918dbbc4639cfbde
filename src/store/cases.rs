//! Cases (vụ việc / đơn): intake, steps along the legal transition table, the timeline, and
//! the queue queries. Every step is checked twice: by `domain::case` here and by the SQL
//! triggers of migration 0002, so a step the law does not allow never reaches the file.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::citizens::CitizenInput;
use super::visits::KnownCitizen;
use super::{
    Permission, Result, Store, StoreError, Writer, audit, bad_code, new_uid, now_stamp,
    open_statuses,
};
use crate::domain::case::{
    self, Action, CaseFacts, CaseStatus, CaseType, Outcome, RefusalReason, case_code,
};
use crate::domain::identity::{Person, Record};
use crate::domain::intake::{self, CaseChoice, IntakeStep, OpenCase};
use crate::domain::text::{clean_line, nfc};

/// Where a case came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseSource {
    /// Received at a reception visit.
    Visit,
    /// A written petition that came by post.
    Post,
    /// Forwarded by another agency (with its document number).
    Forwarded,
    Other,
}

impl CaseSource {
    pub fn code(self) -> &'static str {
        match self {
            CaseSource::Visit => "tiep_cong_dan",
            CaseSource::Post => "buu_chinh",
            CaseSource::Forwarded => "chuyen_den",
            CaseSource::Other => "khac",
        }
    }

    pub fn from_code(s: &str) -> Option<CaseSource> {
        [
            CaseSource::Visit,
            CaseSource::Post,
            CaseSource::Forwarded,
            CaseSource::Other,
        ]
        .into_iter()
        .find(|c| c.code() == s)
    }
}

/// A petition taken in: the case it opens (or the open case it joins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    pub case_type: CaseType,
    pub citizen_id: i64,
    pub field_code: String,
    pub summary: String,
    pub source: CaseSource,
    pub forwarded_by: String,
    pub forwarding_doc: String,
    pub received_on: NaiveDate,
    pub remote: bool,
    /// The visit it came with (source Visit).
    pub visit_id: Option<i64>,
}

/// A written petition as typed in the intake form (its citizen is typed alongside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub case_type: CaseType,
    pub field_code: String,
    pub summary: String,
    pub source: CaseSource,
    pub forwarded_by: String,
    pub forwarding_doc: String,
    pub received_on: NaiveDate,
    pub remote: bool,
}

/// The case an intake opened, or the open case it joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedCase {
    pub uid: String,
    pub code: String,
    pub joined: bool,
}

/// One step to record.
#[derive(Debug, Clone, Default)]
pub struct StepInput {
    pub day: Option<NaiveDate>,
    pub note: String,
    pub document_no: String,
    pub agency: String,
    pub reason: Option<RefusalReason>,
    pub outcome: Option<Outcome>,
    /// For Assign: the officer to assign.
    pub assignee: Option<i64>,
}

/// A case as listed in the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub uid: String,
    pub code: String,
    pub case_type: CaseType,
    pub status: CaseStatus,
    pub citizen: Person,
    pub field_name: String,
    pub summary: String,
    pub received_on: NaiveDate,
    pub officer_name: Option<String>,
    pub round: u8,
    /// The soonest due date of its open obligations.
    pub next_due: Option<NaiveDate>,
    pub version: i64,
}

/// An event of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    pub day: NaiveDate,
    pub at: String,
    pub action: Action,
    pub from_status: Option<CaseStatus>,
    pub to_status: CaseStatus,
    pub officer_name: Option<String>,
    pub note: String,
    pub document_no: String,
    pub agency: String,
    pub reason: Option<RefusalReason>,
    pub outcome: Option<Outcome>,
}

/// Open-case counts of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldCount {
    pub field_id: i64,
    pub code: String,
    pub name: String,
    pub open: u32,
    /// Open cases with an obligation past its due date.
    pub overdue: u32,
}

const CASE_COLUMNS: &str = "k.uid, k.code, k.case_type, k.status, c.full_name, f.name, k.summary,
    k.received_on, o.full_name, k.round, k.next_due, k.identity_disclosed, k.version";
const CASE_JOINS: &str = "FROM cases k
    JOIN citizens c ON c.id = k.citizen_id
    JOIN fields f ON f.id = k.field_id
    LEFT JOIN officers o ON o.id = k.officer_id";

fn case_row(r: &Row) -> rusqlite::Result<CaseRow> {
    let t: String = r.get(2)?;
    let s: String = r.get(3)?;
    let uid: String = r.get(0)?;
    let code: String = r.get(1)?;
    let case_type = CaseType::from_code(&t).ok_or_else(|| bad_code(2))?;
    let citizen = Person::of(
        r.get::<_, String>(4)?,
        case_type == CaseType::ToCao,
        Record::Case(uid.clone()),
        Some(code.clone()),
        r.get(11)?,
    );
    Ok(CaseRow {
        uid,
        code,
        case_type,
        status: CaseStatus::from_code(&s).ok_or_else(|| bad_code(3))?,
        citizen,
        field_name: r.get(5)?,
        summary: r.get(6)?,
        received_on: r.get(7)?,
        officer_name: r.get(8)?,
        round: r.get(9)?,
        next_due: r.get(10)?,
        version: r.get(12)?,
    })
}

fn facts(conn: &Connection, case_id: i64) -> Result<CaseFacts> {
    conn.prepare_cached(
        "SELECT case_type, status, round, complex, extensions,
                EXISTS (SELECT 1 FROM cases n WHERE n.previous_case_id = cases.id), remote
         FROM cases WHERE id = ?1",
    )?
    .query_row([case_id], |r| {
        let t: String = r.get(0)?;
        let s: String = r.get(1)?;
        Ok(CaseFacts {
            case_type: CaseType::from_code(&t).ok_or_else(|| bad_code(0))?,
            status: CaseStatus::from_code(&s).ok_or_else(|| bad_code(1))?,
            round: r.get(2)?,
            complex: r.get(3)?,
            extensions: r.get(4)?,
            reopened: r.get(5)?,
            remote: r.get(6)?,
        })
    })
    .optional()?
    .ok_or(StoreError::NotFound("case"))
}

fn case_id(conn: &Connection, uid: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM cases WHERE uid = ?1 AND deleted_at IS NULL")?
        .query_row([uid], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("case"))
}

/// The next code of a case type in a year, at this desk: (seq, code).
fn next_code(conn: &Connection, t: CaseType, year: i32) -> Result<(u32, String)> {
    let desk = super::settings::desk_of(conn)?;
    let seq: u32 = conn
        .prepare_cached(
            "SELECT coalesce(max(seq), 0) + 1 FROM cases
             WHERE case_type = ?1 AND year = ?2 AND desk = ?3",
        )?
        .query_row(params![t.code(), year, desk], |r| r.get(0))?;
    Ok((seq, case_code(t, year, &desk, seq)))
}

/// Insert a case (status `moi`) with its intake event; returns (id, uid, code).
fn insert_case(
    w: &Writer,
    c: &Intake,
    round: u8,
    previous: Option<i64>,
) -> Result<(i64, String, String)> {
    let summary = nfc(c.summary.trim());
    if summary.is_empty() {
        return Err(StoreError::Invalid("case summary is empty".into()));
    }
    let field_id = super::visits::field_id(w, &c.field_code)?;
    let year = c.received_on.year();
    let (seq, code) = next_code(w, c.case_type, year)?;
    let desk = super::settings::desk_of(w)?;
    let uid = new_uid();
    let now = now_stamp();
    w.prepare_cached(
        "INSERT INTO cases (uid, code, case_type, year, desk, seq, citizen_id, field_id, summary,
             round, previous_case_id, remote, source, forwarded_by, forwarding_doc, received_on,
             officer_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)",
    )?
    .execute(params![
        uid,
        code,
        c.case_type.code(),
        year,
        desk,
        seq,
        c.citizen_id,
        field_id,
        summary,
        round,
        previous,
        c.remote,
        c.source.code(),
        clean_line(&c.forwarded_by),
        clean_line(&c.forwarding_doc),
        c.received_on,
        w.officer_id(),
        now,
    ])?;
    let id = w.last_insert_rowid();
    if let Some(visit_id) = c.visit_id {
        w.prepare_cached("INSERT INTO case_visits (case_id, visit_id) VALUES (?1, ?2)")?
            .execute(params![id, visit_id])?;
    }
    insert_event(
        w,
        id,
        Action::Open,
        None,
        CaseStatus::New,
        c.received_on,
        &StepInput {
            document_no: c.forwarding_doc.clone(),
            agency: c.forwarded_by.clone(),
            ..StepInput::default()
        },
    )?;
    let ctx = super::deadlines::context(w)?;
    super::deadlines::recompute_case(w, &ctx, id)?;
    super::lookup::index_case(w, id)?;
    super::lookup::index_citizen(w, c.citizen_id)?;
    let after = audit::row_json(w, "cases", id)?;
    w.audit("insert", "cases", &uid, None, after.as_ref())?;
    Ok((id, uid, code))
}

fn insert_event(
    w: &Writer,
    case_id: i64,
    action: Action,
    from: Option<CaseStatus>,
    to: CaseStatus,
    day: NaiveDate,
    s: &StepInput,
) -> Result<()> {
    w.prepare_cached(
        "INSERT INTO case_events (uid, case_id, at, day, officer_id, action, from_status, to_status,
             note, document_no, agency, reason, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        new_uid(),
        case_id,
        now_stamp(),
        day,
        w.officer_id(),
        action.code(),
        from.map(CaseStatus::code),
        to.code(),
        nfc(s.note.trim()),
        clean_line(&s.document_no),
        clean_line(&s.agency),
        s.reason.map(RefusalReason::code),
        s.outcome.map(Outcome::code),
    ])?;
    Ok(())
}

/// The citizen's open cases in a field, newest first (the intake rule's input).
fn open_in_field(conn: &Connection, citizen_id: i64, field_code: &str) -> Result<Vec<OpenCase>> {
    let sql = format!(
        "SELECT k.uid, k.code FROM cases k JOIN fields f ON f.id = k.field_id
         WHERE k.citizen_id = ?1 AND f.code = ?2 AND k.deleted_at IS NULL
           AND k.status IN ({})
         ORDER BY k.received_on DESC, k.id DESC",
        open_statuses()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![citizen_id, field_code], |r| {
        Ok(OpenCase {
            uid: r.get(0)?,
            code: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The check every change of a case starts with: it exists, and (when the officer acted on
/// what they saw) it is still the version they saw.
fn case_for_update(w: &Writer, uid: &str, expected: Option<i64>) -> Result<i64> {
    let (id, version, changed_at): (i64, i64, String) = w
        .prepare_cached(
            "SELECT id, version, updated_at FROM cases WHERE uid = ?1 AND deleted_at IS NULL",
        )?
        .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or(StoreError::NotFound("case"))?;
    match expected {
        Some(v) if v != version => Err(StoreError::Conflict {
            what: "case",
            changed_at: Some(changed_at),
        }),
        _ => Ok(id),
    }
}

impl Writer<'_> {
    /// Take in a petition: open its case, or join the citizen's open case in the field, as
    /// the intake rule and the officer's `choice` decide (`domain::intake`).
    pub fn take_in(&mut self, c: &Intake, choice: &CaseChoice) -> Result<SavedCase> {
        self.permit(Permission::HandleCase)?;
        let open = open_in_field(self, c.citizen_id, &c.field_code)?;
        match intake::decide(&open, choice) {
            IntakeStep::Open => {
                let (_, uid, code) = insert_case(self, c, 1, None)?;
                Ok(SavedCase {
                    uid,
                    code,
                    joined: false,
                })
            }
            IntakeStep::Join(uid) => {
                let input = StepInput {
                    day: Some(c.received_on),
                    note: if c.visit_id.is_none() {
                        c.summary.clone()
                    } else {
                        String::new()
                    },
                    document_no: c.forwarding_doc.clone(),
                    agency: c.forwarded_by.clone(),
                    ..StepInput::default()
                };
                let code = self.add_petition(&uid, c.visit_id, c.received_on, &input)?;
                Ok(SavedCase {
                    uid,
                    code,
                    joined: true,
                })
            }
            IntakeStep::Ask(OpenCase { uid, code }) => Err(StoreError::OpenCaseExists {
                case_uid: uid,
                code,
            }),
            IntakeStep::NoLongerOpen(_) => Err(StoreError::Conflict {
                what: "case",
                changed_at: None,
            }),
        }
    }

    /// Take in a written petition with its citizen (found by ID number or name and phone,
    /// `known` when the form recognized them, or created).
    pub fn take_in_written(
        &mut self,
        citizen: &CitizenInput,
        known: Option<KnownCitizen>,
        c: &NewCase,
        choice: &CaseChoice,
    ) -> Result<SavedCase> {
        self.permit(Permission::HandleCase)?;
        let citizen_id = super::citizens::upsert(self, known, citizen)?;
        let intake = Intake {
            case_type: c.case_type,
            citizen_id,
            field_code: c.field_code.clone(),
            summary: c.summary.clone(),
            source: c.source,
            forwarded_by: c.forwarded_by.clone(),
            forwarding_doc: c.forwarding_doc.clone(),
            received_on: c.received_on,
            remote: c.remote,
            visit_id: None,
        };
        self.take_in(&intake, choice)
    }

    /// Open another case from a visit (a petition with several contents): always a new case.
    pub fn open_case_from_visit(&mut self, visit_uid: &str, c: &NewCase) -> Result<SavedCase> {
        self.permit(Permission::HandleCase)?;
        let (visit_id, citizen_id): (i64, i64) = self
            .prepare_cached(
                "SELECT id, citizen_id FROM visits WHERE uid = ?1 AND deleted_at IS NULL",
            )?
            .query_row([visit_uid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(StoreError::NotFound("visit"))?;
        let intake = Intake {
            case_type: c.case_type,
            citizen_id,
            field_code: c.field_code.clone(),
            summary: c.summary.clone(),
            source: CaseSource::Visit,
            forwarded_by: String::new(),
            forwarding_doc: String::new(),
            received_on: c.received_on,
            remote: c.remote,
            visit_id: Some(visit_id),
        };
        self.take_in(&intake, &CaseChoice::OpenNew)
    }

    /// Record a step, acting on the case as seen at `expected_version` (None: as it is now).
    /// Refused (nothing written) when the law does not allow it now, or when the case changed
    /// since it was seen. For `Reopen`, returns the code of the new second-round case.
    pub fn case_step(
        &mut self,
        uid: &str,
        expected_version: Option<i64>,
        action: Action,
        s: &StepInput,
        today: NaiveDate,
    ) -> Result<Option<String>> {
        self.permit(Permission::HandleCase)?;
        if action == Action::Open || action == Action::AddPetition {
            return Err(StoreError::Invalid("use take_in".into()));
        }
        let id = case_for_update(self, uid, expected_version)?;
        let before_facts = facts(self, id)?;
        let after_facts =
            case::apply(&before_facts, action).map_err(|why| StoreError::Refused {
                action,
                status: before_facts.status,
                why,
            })?;
        match action {
            Action::Refuse if s.reason.is_none() => {
                return Err(StoreError::Invalid("a refusal needs its reason".into()));
            }
            Action::Refuse => {
                let reason = s.reason.expect("checked");
                if !RefusalReason::for_type(before_facts.case_type).contains(&reason) {
                    return Err(StoreError::Invalid(
                        "reason does not apply to this type".into(),
                    ));
                }
            }
            Action::Resolve => match s.outcome {
                Some(o) if Outcome::for_type(before_facts.case_type).contains(&o) => {}
                _ => {
                    return Err(StoreError::Invalid(
                        "resolving needs an outcome of this type".into(),
                    ));
                }
            },
            Action::Transfer if s.agency.trim().is_empty() => {
                return Err(StoreError::Invalid(
                    "a transfer needs the receiving agency".into(),
                ));
            }
            _ => {}
        }
        let day = s.day.unwrap_or(today);
        let before = audit::row_json(self, "cases", id)?;
        let (from, to) = (before_facts.status, after_facts.status);
        insert_event(self, id, action, Some(from), to, day, s)?;
        let own_authority = match action {
            Action::ClassifyOwn => Some(true),
            Action::ClassifyNotOwn => Some(false),
            _ => None,
        };
        self.prepare_cached(
            "UPDATE cases SET status = ?2, complex = ?3, extensions = ?4, remote = ?12,
                 own_authority = coalesce(?5, own_authority),
                 accepted_on = CASE WHEN ?6 THEN ?7 ELSE accepted_on END,
                 resolved_on = CASE WHEN ?8 THEN ?7 ELSE resolved_on END,
                 outcome = coalesce(?9, outcome),
                 officer_id = coalesce(?10, officer_id),
                 updated_at = ?11, version = version + 1
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            to.code(),
            after_facts.complex,
            after_facts.extensions,
            own_authority,
            action == Action::Accept,
            day,
            action == Action::Resolve,
            s.outcome.map(Outcome::code),
            if action == Action::Assign {
                s.assignee
            } else {
                None
            },
            now_stamp(),
            after_facts.remote,
        ])?;
        let ctx = super::deadlines::context(self)?;
        super::deadlines::recompute_case(self, &ctx, id)?;
        let after = audit::row_json(self, "cases", id)?;
        self.audit(action.code(), "cases", uid, before.as_ref(), after.as_ref())?;
        let mut new_code = None;
        if action == Action::Reopen {
            let prev = before.as_ref().ok_or(StoreError::NotFound("case"))?;
            let field_code: String = self.query_row(
                "SELECT f.code FROM cases k JOIN fields f ON f.id = k.field_id WHERE k.id = ?1",
                [id],
                |r| r.get(0),
            )?;
            let second = Intake {
                case_type: before_facts.case_type,
                citizen_id: prev["citizen_id"].as_i64().unwrap_or_default(),
                field_code,
                summary: prev["summary"].as_str().unwrap_or_default().to_owned(),
                source: CaseSource::Visit,
                forwarded_by: String::new(),
                forwarding_doc: s.document_no.clone(),
                received_on: day,
                remote: prev["remote"].as_i64() == Some(1),
                visit_id: None,
            };
            let (_, _, code) = insert_case(self, &second, 2, Some(id))?;
            new_code = Some(code);
        }
        Ok(new_code)
    }

    /// A repeat petition on the same matter joins the case (an event `bo_sung`), from a visit
    /// or in writing (its summary in the note, its forwarding document number). Returns the
    /// case's code.
    fn add_petition(
        &mut self,
        case_uid: &str,
        visit_id: Option<i64>,
        day: NaiveDate,
        s: &StepInput,
    ) -> Result<String> {
        let id = case_for_update(self, case_uid, None)?;
        let status = facts(self, id)?.status;
        if let Some(visit_id) = visit_id {
            self.prepare_cached(
                "INSERT OR IGNORE INTO case_visits (case_id, visit_id) VALUES (?1, ?2)",
            )?
            .execute(params![id, visit_id])?;
        }
        insert_event(self, id, Action::AddPetition, Some(status), status, day, s)?;
        self.execute(
            "UPDATE cases SET updated_at = ?2, version = version + 1 WHERE id = ?1",
            params![id, now_stamp()],
        )?;
        let visit_uid: Option<String> = match visit_id {
            Some(v) => {
                Some(self.query_row("SELECT uid FROM visits WHERE id = ?1", [v], |r| r.get(0))?)
            }
            None => None,
        };
        self.audit(
            Action::AddPetition.code(),
            "cases",
            case_uid,
            None,
            Some(&serde_json::json!({
                "visit_uid": visit_uid,
                "note": s.note,
                "document_no": s.document_no,
            })),
        )?;
        Ok(self.query_row("SELECT code FROM cases WHERE id = ?1", [id], |r| r.get(0))?)
    }

    /// The denouncer's identity, revealed on an explicit request; the reveal is audited
    /// (Luật Tố cáo Art 8(3), 56; NĐ 31/2019 Art 22).
    pub fn reveal_case(&mut self, case_uid: &str) -> Result<()> {
        self.permit(Permission::RevealIdentity)?;
        let code: String = self
            .prepare_cached("SELECT code FROM cases WHERE uid = ?1")?
            .query_row([case_uid], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound("case"))?;
        self.audit(
            "reveal_identity",
            "cases",
            case_uid,
            None,
            Some(&serde_json::json!({ "code": code })),
        )
    }
}

/// A case of a bulk load or import (its citizen and visit already loaded).
#[derive(Debug, Clone)]
pub struct BulkCase<'a> {
    pub uid: &'a str,
    /// The uid of its intake event.
    pub event_uid: &'a str,
    pub intake: &'a Intake,
    pub at: &'a str,
    pub by: i64,
}

/// A step of a bulk-loaded case.
#[derive(Debug, Clone)]
pub struct BulkStep<'a> {
    pub uid: &'a str,
    pub case_id: i64,
    pub action: Action,
    pub day: NaiveDate,
    pub input: &'a StepInput,
    pub at: &'a str,
    pub by: i64,
}

impl super::Bulk<'_> {
    /// A new case (status `moi`, its intake event); returns its row id and code. Due dates
    /// and the index are made by `finish` for the whole load.
    pub fn case(&mut self, b: &BulkCase) -> Result<(i64, String)> {
        let c = b.intake;
        let conn = self.conn();
        let summary = nfc(c.summary.trim());
        if summary.is_empty() {
            return Err(StoreError::Invalid("case summary is empty".into()));
        }
        let field_id = super::visits::field_id(conn, &c.field_code)?;
        let year = c.received_on.year();
        let (seq, code) = next_code(conn, c.case_type, year)?;
        let desk = super::settings::desk_of(conn)?;
        conn.prepare_cached(
            "INSERT INTO cases (uid, code, case_type, year, desk, seq, citizen_id, field_id,
                 summary, remote, source, forwarded_by, forwarding_doc, received_on, officer_id,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
        )?
        .execute(params![
            b.uid,
            code,
            c.case_type.code(),
            year,
            desk,
            seq,
            c.citizen_id,
            field_id,
            summary,
            c.remote,
            c.source.code(),
            clean_line(&c.forwarded_by),
            clean_line(&c.forwarding_doc),
            c.received_on,
            b.by,
            b.at,
        ])?;
        let id = conn.last_insert_rowid();
        if let Some(visit_id) = c.visit_id {
            conn.prepare_cached("INSERT INTO case_visits (case_id, visit_id) VALUES (?1, ?2)")?
                .execute(params![id, visit_id])?;
        }
        bulk_event(
            conn,
            id,
            Action::Open,
            None,
            CaseStatus::New,
            &BulkStep {
                uid: b.event_uid,
                case_id: id,
                action: Action::Open,
                day: c.received_on,
                input: &StepInput {
                    document_no: c.forwarding_doc.clone(),
                    agency: c.forwarded_by.clone(),
                    ..StepInput::default()
                },
                at: b.at,
                by: b.by,
            },
        )?;
        self.count("cases");
        Ok((id, code))
    }

    /// A step of a loaded case, checked by the same domain guards as `Writer::case_step` (and
    /// the SQL triggers); returns the case's facts after it.
    pub fn case_step(&mut self, s: &BulkStep) -> Result<CaseFacts> {
        let conn = self.conn();
        let before = facts(conn, s.case_id)?;
        let after = case::apply(&before, s.action).map_err(|why| StoreError::Refused {
            action: s.action,
            status: before.status,
            why,
        })?;
        bulk_event(
            conn,
            s.case_id,
            s.action,
            Some(before.status),
            after.status,
            s,
        )?;
        let own = match s.action {
            Action::ClassifyOwn => Some(true),
            Action::ClassifyNotOwn => Some(false),
            _ => None,
        };
        conn.prepare_cached(
            "UPDATE cases SET status = ?2, complex = ?3, extensions = ?4, remote = ?10,
                 own_authority = coalesce(?5, own_authority),
                 accepted_on = coalesce(?6, accepted_on), resolved_on = coalesce(?7, resolved_on),
                 outcome = coalesce(?8, outcome), updated_at = ?9
             WHERE id = ?1",
        )?
        .execute(params![
            s.case_id,
            after.status.code(),
            after.complex,
            after.extensions,
            own,
            (s.action == Action::Accept).then_some(s.day),
            (s.action == Action::Resolve).then_some(s.day),
            s.input.outcome.map(Outcome::code),
            s.at,
            after.remote,
        ])?;
        self.count("case_events");
        Ok(after)
    }
}

fn bulk_event(
    conn: &Connection,
    case_id: i64,
    action: Action,
    from: Option<CaseStatus>,
    to: CaseStatus,
    s: &BulkStep,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO case_events (uid, case_id, at, day, officer_id, action, from_status, to_status,
             note, document_no, agency, reason, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        s.uid,
        case_id,
        s.at,
        s.day,
        s.by,
        action.code(),
        from.map(CaseStatus::code),
        to.code(),
        nfc(s.input.note.trim()),
        clean_line(&s.input.document_no),
        clean_line(&s.input.agency),
        s.input.reason.map(RefusalReason::code),
        s.input.outcome.map(Outcome::code),
    ])?;
    Ok(())
}

impl Store {
    /// The facts the guards need (to offer only the allowed steps).
    pub fn case_facts(&self, uid: &str) -> Result<CaseFacts> {
        facts(&self.conn, case_id(&self.conn, uid)?)
    }

    /// The timeline of a case, oldest first.
    pub fn case_events(&self, uid: &str) -> Result<Vec<CaseEvent>> {
        let id = case_id(&self.conn, uid)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.day, e.at, e.action, e.from_status, e.to_status, o.full_name, e.note,
                    e.document_no, e.agency, e.reason, e.outcome
             FROM case_events e LEFT JOIN officers o ON o.id = e.officer_id
             WHERE e.case_id = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            let a: String = r.get(2)?;
            let from: Option<String> = r.get(3)?;
            let to: String = r.get(4)?;
            let reason: Option<String> = r.get(9)?;
            let outcome: Option<String> = r.get(10)?;
            Ok(CaseEvent {
                day: r.get(0)?,
                at: r.get(1)?,
                action: Action::from_code(&a).ok_or_else(|| bad_code(2))?,
                from_status: from.as_deref().and_then(CaseStatus::from_code),
                to_status: CaseStatus::from_code(&to).ok_or_else(|| bad_code(4))?,
                officer_name: r.get(5)?,
                note: r.get(6)?,
                document_no: r.get(7)?,
                agency: r.get(8)?,
                reason: reason.as_deref().and_then(RefusalReason::from_code),
                outcome: outcome.as_deref().and_then(Outcome::from_code),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One case as listed.
    pub fn case_row(&self, uid: &str) -> Result<CaseRow> {
        let sql = format!("SELECT {CASE_COLUMNS} {CASE_JOINS} WHERE k.uid = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([uid], case_row)
            .optional()?
            .ok_or(StoreError::NotFound("case"))
    }

    /// Open cases per field, and how many of them are overdue on `today`, in the fields'
    /// order (land, compensation, planning first).
    pub fn field_counts(&self, today: NaiveDate) -> Result<Vec<FieldCount>> {
        let sql = format!(
            "SELECT f.id, f.code, f.name,
                    (SELECT coalesce(sum(n), 0) FROM case_status_counts s
                      WHERE s.field_id = f.id AND s.status IN ({open})),
                    (SELECT coalesce(sum(n), 0) FROM case_due_counts d
                      WHERE d.field_id = f.id AND d.due_on < ?1)
             FROM fields f WHERE f.active = 1 ORDER BY f.sort_order, f.id",
            open = open_statuses()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([today], |r| {
            Ok(FieldCount {
                field_id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                open: r.get(3)?,
                overdue: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Which statuses the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Open cases (the default).
    #[default]
    Open,
    /// Closed cases: resolved, transferred, guided, returned, filed, withdrawn, refused.
    Closed,
    All,
}

/// The queue's filters: type, status group, only the cases of one officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueFilter {
    pub case_type: Option<CaseType>,
    pub status: StatusFilter,
    pub officer_id: Option<i64>,
    pub order: QueueOrder,
}

/// The queue's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueOrder {
    /// Oldest received first: the order of handling.
    #[default]
    Received,
    /// Newest received first.
    ReceivedDesc,
    /// Soonest due date first (cases without one last).
    Due,
}

/// A case in full, for the detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetail {
    pub row: CaseRow,
    pub citizen_id: i64,
    pub source: CaseSource,
    pub forwarded_by: String,
    pub forwarding_doc: String,
    pub accepted_on: Option<NaiveDate>,
    pub resolved_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub complex: bool,
    pub remote: bool,
    pub own_authority: Option<bool>,
    pub extensions: u32,
    /// The denouncer disclosed their identity themself (Luật Tố cáo Art 47(2)).
    pub identity_disclosed: bool,
    pub previous_code: Option<String>,
    pub next_code: Option<String>,
    /// The visits that brought this matter: (day, time, content).
    pub visits: Vec<(NaiveDate, String, String)>,
}

impl Store {
    /// The cases of a field under the filters, at most `limit`, and how many match in all.
    pub fn cases_in_field(
        &self,
        field_id: i64,
        filter: &QueueFilter,
        limit: u32,
    ) -> Result<(Vec<CaseRow>, u32)> {
        let status = match filter.status {
            StatusFilter::Open => format!("AND k.status IN ({})", open_statuses()),
            StatusFilter::Closed => format!("AND k.status NOT IN ({})", open_statuses()),
            StatusFilter::All => String::new(),
        };
        let where_ = format!(
            "WHERE k.field_id = ?1 AND k.deleted_at IS NULL {status}
               AND (?2 IS NULL OR k.case_type = ?2) AND (?3 IS NULL OR k.officer_id = ?3)"
        );
        let order = match filter.order {
            QueueOrder::Received => "k.received_on, k.id",
            QueueOrder::ReceivedDesc => "k.received_on DESC, k.id DESC",
            QueueOrder::Due => "k.next_due IS NULL, k.next_due, k.id",
        };
        let sql = format!(
            "SELECT {CASE_COLUMNS} {CASE_JOINS} {where_}
             ORDER BY {order} LIMIT ?4"
        );
        let t = filter.case_type.map(CaseType::code);
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![field_id, t, filter.officer_id, limit], case_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total: u32 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM cases k {where_}"))?
            .query_row(params![field_id, t, filter.officer_id], |r| r.get(0))?;
        Ok((rows, total))
    }

    /// A case in full, with its linked visits.
    pub fn case_detail(&self, uid: &str) -> Result<CaseDetail> {
        let row = self.case_row(uid)?;
        let id = case_id(&self.conn, uid)?;
        let mut d = self
            .conn
            .prepare_cached(
                "SELECT k.citizen_id, k.source, k.forwarded_by, k.forwarding_doc, k.accepted_on,
                    k.resolved_on, k.outcome, k.complex, k.remote, k.own_authority, k.extensions,
                    k.identity_disclosed,
                    (SELECT p.code FROM cases p WHERE p.id = k.previous_case_id),
                    (SELECT n.code FROM cases n WHERE n.previous_case_id = k.id)
             FROM cases k WHERE k.id = ?1",
            )?
            .query_row([id], |r| {
                let source: String = r.get(1)?;
                let outcome: Option<String> = r.get(6)?;
                Ok(CaseDetail {
                    row: row.clone(),
                    citizen_id: r.get(0)?,
                    source: CaseSource::from_code(&source).ok_or_else(|| bad_code(1))?,
                    forwarded_by: r.get(2)?,
                    forwarding_doc: r.get(3)?,
                    accepted_on: r.get(4)?,
                    resolved_on: r.get(5)?,
                    outcome: outcome.as_deref().and_then(Outcome::from_code),
                    complex: r.get(7)?,
                    remote: r.get(8)?,
                    own_authority: r.get(9)?,
                    extensions: r.get(10)?,
                    identity_disclosed: r.get(11)?,
                    previous_code: r.get(12)?,
                    next_code: r.get(13)?,
                    visits: Vec::new(),
                })
            })?;
        d.visits = self
            .conn
            .prepare_cached(
                "SELECT v.day, v.time, v.content FROM case_visits cv JOIN visits v ON v.id = cv.visit_id
                 WHERE cv.case_id = ?1 AND v.deleted_at IS NULL ORDER BY v.day, v.time",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(d)
    }

    /// The citizen's open cases in a field (to link a repeat petition instead of a new case).
    pub fn open_cases_of(&self, citizen_id: i64, field_code: &str) -> Result<Vec<CaseRow>> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} {CASE_JOINS}
             WHERE k.citizen_id = ?1 AND f.code = ?2 AND k.deleted_at IS NULL
               AND k.status IN ({})
             ORDER BY k.received_on DESC, k.id DESC",
            open_statuses()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![citizen_id, field_code], case_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
