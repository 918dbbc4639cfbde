//! Cases (vụ việc / đơn): intake, steps along the legal transition table, the timeline, and
//! the queue queries. Every step is checked twice: by `domain::case` here and by the SQL
//! triggers of migration 0002, so a step the law does not allow never reaches the file.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Result, Store, StoreError, audit, new_uid, now_stamp};
use crate::domain::case::{
    self, Action, CaseFacts, CaseStatus, CaseType, Outcome, RefusalReason, case_code,
};
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

/// A new case to open.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub case_type: CaseType,
    pub citizen_id: i64,
    pub field_code: String,
    pub summary: String,
    pub source: CaseSource,
    pub forwarded_by: String,
    pub forwarding_doc: String,
    pub received_on: NaiveDate,
    pub remote: bool,
    /// The visit that opened it (source Visit).
    pub visit_uid: Option<String>,
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
    pub citizen_name: String,
    pub field_name: String,
    pub summary: String,
    pub received_on: NaiveDate,
    pub officer_name: Option<String>,
    pub round: u8,
    /// The soonest due date of its open obligations.
    pub next_due: Option<NaiveDate>,
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

fn bad(col: usize) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        "unknown code".into(),
    )
}

const CASE_COLUMNS: &str = "k.uid, k.code, k.case_type, k.status, c.full_name, f.name, k.summary,
    k.received_on, o.full_name, k.round, k.next_due";
const CASE_JOINS: &str = "FROM cases k
    JOIN citizens c ON c.id = k.citizen_id
    JOIN fields f ON f.id = k.field_id
    LEFT JOIN officers o ON o.id = k.officer_id";

fn case_row(r: &Row) -> rusqlite::Result<CaseRow> {
    let t: String = r.get(2)?;
    let s: String = r.get(3)?;
    Ok(CaseRow {
        uid: r.get(0)?,
        code: r.get(1)?,
        case_type: CaseType::from_code(&t).ok_or_else(|| bad(2))?,
        status: CaseStatus::from_code(&s).ok_or_else(|| bad(3))?,
        citizen_name: r.get(4)?,
        field_name: r.get(5)?,
        summary: r.get(6)?,
        received_on: r.get(7)?,
        officer_name: r.get(8)?,
        round: r.get(9)?,
        next_due: r.get(10)?,
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
            case_type: CaseType::from_code(&t).ok_or_else(|| bad(0))?,
            status: CaseStatus::from_code(&s).ok_or_else(|| bad(1))?,
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

/// Insert a case (status `moi`) with its intake event; returns (id, uid, code).
fn insert_case(
    conn: &Connection,
    officer_id: i64,
    c: &NewCase,
    round: u8,
    previous: Option<i64>,
) -> Result<(i64, String, String)> {
    let summary = nfc(c.summary.trim());
    if summary.is_empty() {
        return Err(StoreError::Invalid("case summary is empty".into()));
    }
    let field_id: i64 = conn
        .prepare_cached("SELECT id FROM fields WHERE code = ?1")?
        .query_row([&c.field_code], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("field"))?;
    let year = c.received_on.year();
    let seq: u32 = conn
        .prepare_cached(
            "SELECT coalesce(max(seq), 0) + 1 FROM cases WHERE case_type = ?1 AND year = ?2",
        )?
        .query_row(params![c.case_type.code(), year], |r| r.get(0))?;
    let code = case_code(c.case_type, year, seq);
    let uid = new_uid();
    let now = now_stamp();
    conn.prepare_cached(
        "INSERT INTO cases (uid, code, case_type, year, seq, citizen_id, field_id, summary, round,
             previous_case_id, remote, source, forwarded_by, forwarding_doc, received_on,
             officer_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
    )?
    .execute(params![
        uid,
        code,
        c.case_type.code(),
        year,
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
        officer_id,
        now,
    ])?;
    let id = conn.last_insert_rowid();
    if let Some(vuid) = &c.visit_uid {
        let visit_id: i64 = conn
            .prepare_cached("SELECT id FROM visits WHERE uid = ?1")?
            .query_row([vuid], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound("visit"))?;
        conn.prepare_cached("INSERT INTO case_visits (case_id, visit_id) VALUES (?1, ?2)")?
            .execute(params![id, visit_id])?;
    }
    insert_event(
        conn,
        id,
        officer_id,
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
    let ctx = super::deadlines::context(conn)?;
    super::deadlines::recompute_case(conn, &ctx, id)?;
    super::lookup::index_case(conn, id)?;
    super::lookup::index_citizen(conn, c.citizen_id)?;
    let after = audit::row_json(conn, "cases", id)?;
    audit::record(
        conn,
        Some(officer_id),
        "insert",
        "cases",
        &uid,
        None,
        after.as_ref(),
    )?;
    Ok((id, uid, code))
}

#[allow(clippy::too_many_arguments)]
fn insert_event(
    conn: &Connection,
    case_id: i64,
    officer_id: i64,
    action: Action,
    from: Option<CaseStatus>,
    to: CaseStatus,
    day: NaiveDate,
    s: &StepInput,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO case_events (uid, case_id, at, day, officer_id, action, from_status, to_status,
             note, document_no, agency, reason, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        new_uid(),
        case_id,
        now_stamp(),
        day,
        officer_id,
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

impl Store {
    /// Open a case; returns its uid and code.
    pub fn open_case(&mut self, officer_id: i64, c: &NewCase) -> Result<(String, String)> {
        let tx = self.write_tx()?;
        let (_, uid, code) = insert_case(&tx, officer_id, c, 1, None)?;
        tx.commit()?;
        Ok((uid, code))
    }

    /// The facts the guards need (to offer only the allowed steps).
    pub fn case_facts(&self, uid: &str) -> Result<CaseFacts> {
        facts(&self.conn, case_id(&self.conn, uid)?)
    }

    /// Record a step. Refused (nothing written) when the law does not allow it now. For
    /// `Reopen`, returns the code of the new second-round case.
    pub fn case_step(
        &mut self,
        officer_id: i64,
        uid: &str,
        action: Action,
        s: &StepInput,
        today: NaiveDate,
    ) -> Result<Option<String>> {
        if action == Action::Open {
            return Err(StoreError::Invalid("use open_case".into()));
        }
        let tx = self.write_tx()?;
        let id = case_id(&tx, uid)?;
        let before_facts = facts(&tx, id)?;
        let after_facts = case::apply(&before_facts, action)
            .map_err(|r| StoreError::Invalid(format!("{action:?} not allowed: {r:?}")))?;
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
        let before = audit::row_json(&tx, "cases", id)?;
        let (from, to) = (before_facts.status, after_facts.status);
        insert_event(&tx, id, officer_id, action, Some(from), to, day, s)?;
        let own_authority = match action {
            Action::ClassifyOwn => Some(true),
            Action::ClassifyNotOwn => Some(false),
            _ => None,
        };
        tx.prepare_cached(
            "UPDATE cases SET status = ?2, complex = ?3, extensions = ?4, remote = ?12,
                 own_authority = coalesce(?5, own_authority),
                 accepted_on = CASE WHEN ?6 THEN ?7 ELSE accepted_on END,
                 resolved_on = CASE WHEN ?8 THEN ?7 ELSE resolved_on END,
                 outcome = coalesce(?9, outcome),
                 officer_id = coalesce(?10, officer_id),
                 updated_at = ?11
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
        let ctx = super::deadlines::context(&tx)?;
        super::deadlines::recompute_case(&tx, &ctx, id)?;
        let after = audit::row_json(&tx, "cases", id)?;
        audit::record(
            &tx,
            Some(officer_id),
            action.code(),
            "cases",
            uid,
            before.as_ref(),
            after.as_ref(),
        )?;
        let mut new_code = None;
        if action == Action::Reopen {
            let prev = before.as_ref().ok_or(StoreError::NotFound("case"))?;
            let field_code: String = tx.query_row(
                "SELECT f.code FROM cases k JOIN fields f ON f.id = k.field_id WHERE k.id = ?1",
                [id],
                |r| r.get(0),
            )?;
            let second = NewCase {
                case_type: before_facts.case_type,
                citizen_id: prev["citizen_id"].as_i64().unwrap_or_default(),
                field_code,
                summary: prev["summary"].as_str().unwrap_or_default().to_owned(),
                source: CaseSource::Visit,
                forwarded_by: String::new(),
                forwarding_doc: s.document_no.clone(),
                received_on: day,
                remote: prev["remote"].as_i64() == Some(1),
                visit_uid: None,
            };
            let (_, _, code) = insert_case(&tx, officer_id, &second, 2, Some(id))?;
            new_code = Some(code);
        }
        tx.commit()?;
        Ok(new_code)
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
                action: Action::from_code(&a).ok_or_else(|| bad(2))?,
                from_status: from.as_deref().and_then(CaseStatus::from_code),
                to_status: CaseStatus::from_code(&to).ok_or_else(|| bad(4))?,
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
            open = open_codes()
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

fn open_codes() -> String {
    CaseStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ")
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
            StatusFilter::Open => format!("AND k.status IN ({})", open_codes()),
            StatusFilter::Closed => format!("AND k.status NOT IN ({})", open_codes()),
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
                    source: CaseSource::from_code(&source).ok_or_else(|| bad(1))?,
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
            open_codes()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![citizen_id, field_code], case_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Attach a visit to an existing case (a repeat petition on the same matter), as an event.
    pub fn add_visit_to_case(
        &mut self,
        officer_id: i64,
        case_uid: &str,
        visit_uid: &str,
        day: NaiveDate,
    ) -> Result<()> {
        self.add_petition(
            officer_id,
            case_uid,
            Some(visit_uid),
            day,
            &StepInput::default(),
        )
    }

    /// A repeat petition on the same matter joins the case (an event `bo_sung`), from a visit
    /// or in writing (its summary in the note, its forwarding document number).
    pub fn add_petition(
        &mut self,
        officer_id: i64,
        case_uid: &str,
        visit_uid: Option<&str>,
        day: NaiveDate,
        s: &StepInput,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        let id = case_id(&tx, case_uid)?;
        let status = facts(&tx, id)?.status;
        if let Some(vuid) = visit_uid {
            let visit_id: i64 = tx
                .prepare_cached("SELECT id FROM visits WHERE uid = ?1")?
                .query_row([vuid], |r| r.get(0))
                .optional()?
                .ok_or(StoreError::NotFound("visit"))?;
            tx.prepare_cached(
                "INSERT OR IGNORE INTO case_visits (case_id, visit_id) VALUES (?1, ?2)",
            )?
            .execute(params![id, visit_id])?;
        }
        insert_event(
            &tx,
            id,
            officer_id,
            Action::AddPetition,
            Some(status),
            status,
            day,
            s,
        )?;
        audit::record(
            &tx,
            Some(officer_id),
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
        tx.commit()?;
        Ok(())
    }

    /// Open a case together with its citizen (a written petition without a visit). The
    /// citizen is found by ID number or name and phone, or created.
    pub fn open_case_for(
        &mut self,
        officer_id: i64,
        citizen: &super::CitizenInput,
        known_citizen: Option<i64>,
        c: &NewCase,
    ) -> Result<(String, String)> {
        let tx = self.write_tx()?;
        let citizen_id = super::citizens::upsert(&tx, officer_id, known_citizen, citizen)?;
        let c = NewCase {
            citizen_id,
            ..c.clone()
        };
        let (_, uid, code) = insert_case(&tx, officer_id, &c, 1, None)?;
        tx.commit()?;
        Ok((uid, code))
    }

    /// The denouncer's identity, revealed on an explicit request; the reveal is audited
    /// (Luật Tố cáo Art 8(3), 56; NĐ 31/2019 Art 22).
    pub fn reveal_citizen(
        &mut self,
        officer_id: i64,
        case_uid: &str,
    ) -> Result<super::CitizenRecord> {
        let tx = self.write_tx()?;
        let (citizen_id, code): (i64, String) = tx
            .prepare_cached("SELECT citizen_id, code FROM cases WHERE uid = ?1")?
            .query_row([case_uid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(StoreError::NotFound("case"))?;
        audit::record(
            &tx,
            Some(officer_id),
            "reveal_identity",
            "cases",
            case_uid,
            None,
            Some(&serde_json::json!({ "code": code })),
        )?;
        tx.commit()?;
        self.citizen(citizen_id)?
            .ok_or(StoreError::NotFound("citizen"))
    }
}
