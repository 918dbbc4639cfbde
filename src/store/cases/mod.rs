//! Cases (vụ việc / đơn): their rows, the timeline, and the queue queries. The writes —
//! intake and steps along the legal transition table — are in `steps.rs`, bulk loads in
//! `bulk.rs`. Every step is checked twice: by `domain::case` here and by the SQL
//! triggers of migration 0002, so a step the law does not allow never reaches the file.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

mod bulk;
mod duties;
mod follow;
mod steps;

pub use bulk::{BulkCase, BulkStep};
pub use duties::TimeBarInput;
pub use follow::VisitEdit;

use super::{Result, Store, StoreError, bad_code, open_statuses};
use crate::domain::case::{
    Action, CaseFacts, CaseStatus, CaseType, ForwarderKind, Outcome, RefusalReason,
};
use crate::domain::identity::{Context, Particulars, Person};

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
    /// Who forwarded it (Luật TCD Art 27(2) lists some): None when not forwarded or not
    /// recorded.
    pub forwarder_kind: Option<ForwarderKind>,
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
    /// Who forwarded it (Luật TCD Art 27(2) lists some): None when not forwarded or not
    /// recorded.
    pub forwarder_kind: Option<ForwarderKind>,
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
    /// What a correction changed, as facts (worded when shown).
    pub facts: Vec<crate::domain::case::EventFact>,
    /// For Transfer: the citizen asked to be told the result (Luật TCD Art 28(2)).
    pub result_requested: bool,
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
    /// The day a closed case closed (its days are counted to it, not to today).
    pub closed_on: Option<NaiveDate>,
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
    /// What the officer wrote (or, in books made before facts were kept, the store's own
    /// Vietnamese words for a correction).
    pub note: String,
    pub document_no: String,
    pub agency: String,
    pub reason: Option<RefusalReason>,
    pub outcome: Option<Outcome>,
    /// What a correction changed, as facts.
    pub facts: Vec<crate::domain::case::EventFact>,
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
    k.received_on, o.full_name, k.round, k.next_due, k.identity_disclosed, k.version,
    CASE WHEN k.status IN ('moi', 'cho_thu_ly', 'ngoai_tham_quyen', 'khong_du_dk', 'dang_giai_quyet')
         THEN NULL
         ELSE (SELECT e.day FROM case_events e WHERE e.case_id = k.id AND e.to_status = k.status
                 AND e.from_status IS NOT k.status ORDER BY e.id DESC LIMIT 1) END,
    c.id_kind, c.id_number, c.phone, c.address, c.birth_year, c.sealed";
const CASE_JOINS: &str = "FROM cases k
    JOIN citizens c ON c.id = k.citizen_id
    JOIN fields f ON f.id = k.field_id
    LEFT JOIN officers o ON o.id = k.officer_id";

#[test]
fn the_open_statuses_in_case_columns_are_the_open_statuses() {
    for s in CaseStatus::ALL {
        let listed = CASE_COLUMNS.contains(&format!("'{}'", s.code()));
        assert_eq!(listed, s.is_open(), "{s:?}");
    }
}

fn case_row(r: &Row) -> rusqlite::Result<CaseRow> {
    let t: String = r.get(2)?;
    let s: String = r.get(3)?;
    let uid: String = r.get(0)?;
    let code: String = r.get(1)?;
    let case_type = CaseType::from_code(&t).ok_or_else(|| bad_code(2))?;
    let citizen = Person::of(
        r.get::<_, String>(4)?,
        Context::of_case(case_type, &uid, &code, r.get(11)?),
    )
    .with(Particulars {
        id_kind: r.get(14)?,
        id_number: r.get(15)?,
        phone: r.get(16)?,
        address: r.get(17)?,
        birth_year: r.get(18)?,
        representatives: Vec::new(),
    })
    .sealed(r.get(19)?);
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
        closed_on: r.get(13)?,
    })
}

pub(super) fn facts(conn: &Connection, case_id: i64) -> Result<CaseFacts> {
    let mut f = conn
        .prepare_cached(
            "SELECT case_type, status, round, complex, extensions,
                EXISTS (SELECT 1 FROM cases n WHERE n.previous_case_id = cases.id), remote,
                very_complex, multi_site, source = 'chuyen_den'
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
                very_complex: r.get(7)?,
                multi_site: r.get(8)?,
                forwarded: r.get(9)?,
                suspended: false,
                done: Default::default(),
            })
        })
        .optional()?
        .ok_or(StoreError::NotFound("case"))?;
    let m = super::deadlines::marks(conn, case_id)?;
    f.done = m.done;
    f.suspended = m.pauses.last().is_some_and(|p| p.to.is_none());
    Ok(f)
}

pub(super) fn case_id(conn: &Connection, uid: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM cases WHERE uid = ?1 AND deleted_at IS NULL")?
        .query_row([uid], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("case"))
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
                    e.document_no, e.agency, e.reason, e.outcome, e.facts
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
                facts: crate::domain::case::facts::from_json(
                    r.get::<_, Option<String>>(11)?.as_deref(),
                ),
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
    /// Especially complex (NĐ 31/2019 Art 3(3)); verified at several places (Luật TC Art 24(1)).
    pub very_complex: bool,
    pub multi_site: bool,
    /// What a complaint is against (Luật KN Art 2, 47), and its time-bar facts (Art 9, 48).
    pub subject: crate::domain::case::ComplaintSubject,
    pub learned_on: Option<NaiveDate>,
    pub obstacle_days: u32,
    /// Who forwarded it (Luật TCD Art 27(2)); the citizen asked for the result of our
    /// transfer (Art 28(2)); suspended since (Luật TC Art 34; Luật KN Art 11a).
    pub forwarder_kind: Option<ForwarderKind>,
    pub result_requested: bool,
    pub suspended_since: Option<NaiveDate>,
    /// The visits that brought this matter: (day, time, content).
    pub visits: Vec<(NaiveDate, String, String)>,
    /// The receiving agency the newest of those visits recorded (a chuyển đơn), or empty:
    /// what a transfer step starts from.
    pub transfer_agency: String,
}

impl Store {
    /// The cases of a field under the filters, at most `limit`, and how many match in all.
    pub fn cases_in_field(
        &self,
        field_id: i64,
        filter: &QueueFilter,
        limit: u32,
    ) -> Result<(Vec<CaseRow>, u32)> {
        let rows = self.cases_in_field_from(field_id, filter, 0, limit)?;
        let (where_, t) = queue_where(filter);
        let total: u32 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM cases k {where_}"))?
            .query_row(params![field_id, t, filter.officer_id], |r| r.get(0))?;
        Ok((rows, total))
    }

    /// The next rows of the same list: at most `limit`, after the first `offset` (the queue
    /// reads a field page by page as the officer scrolls, so every case can be reached).
    pub fn cases_in_field_from(
        &self,
        field_id: i64,
        filter: &QueueFilter,
        offset: u32,
        limit: u32,
    ) -> Result<Vec<CaseRow>> {
        let (where_, t) = queue_where(filter);
        let order = match filter.order {
            QueueOrder::Received => "k.received_on, k.id",
            QueueOrder::ReceivedDesc => "k.received_on DESC, k.id DESC",
            QueueOrder::Due => "k.next_due IS NULL, k.next_due, k.id",
        };
        let sql = format!(
            "SELECT {CASE_COLUMNS} {CASE_JOINS} {where_}
             ORDER BY {order} LIMIT ?4 OFFSET ?5"
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(
                params![field_id, t, filter.officer_id, limit, offset],
                case_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

/// The queue's conditions (field ?1, type ?2, officer ?3) and the type's code.
fn queue_where(filter: &QueueFilter) -> (String, Option<&'static str>) {
    let status = match filter.status {
        StatusFilter::Open => format!("AND k.status IN ({})", open_statuses()),
        StatusFilter::Closed => format!("AND k.status NOT IN ({})", open_statuses()),
        StatusFilter::All => String::new(),
    };
    (
        format!(
            "WHERE k.field_id = ?1 AND k.deleted_at IS NULL {status}
               AND (?2 IS NULL OR k.case_type = ?2) AND (?3 IS NULL OR k.officer_id = ?3)"
        ),
        filter.case_type.map(CaseType::code),
    )
}

impl Store {
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
                    (SELECT n.code FROM cases n WHERE n.previous_case_id = k.id),
                    k.very_complex, k.multi_site, k.disciplinary, k.dismissal, k.learned_on,
                    k.obstacle_days, k.forwarder_kind, k.result_requested
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
                    very_complex: r.get(14)?,
                    multi_site: r.get(15)?,
                    subject: crate::domain::case::ComplaintSubject::from_flags(
                        r.get(16)?,
                        r.get(17)?,
                    ),
                    learned_on: r.get(18)?,
                    obstacle_days: r.get(19)?,
                    forwarder_kind: r
                        .get::<_, Option<String>>(20)?
                        .and_then(|k| ForwarderKind::from_code(&k)),
                    result_requested: r.get(21)?,
                    suspended_since: None,
                    visits: Vec::new(),
                    transfer_agency: String::new(),
                })
            })?;
        d.suspended_since = super::deadlines::marks(&self.conn, id)?
            .pauses
            .last()
            .filter(|p| p.to.is_none())
            .map(|p| p.from);
        d.visits = self
            .conn
            .prepare_cached(
                "SELECT v.day, v.time, v.content FROM case_visits cv JOIN visits v ON v.id = cv.visit_id
                 WHERE cv.case_id = ?1 AND v.deleted_at IS NULL ORDER BY v.day, v.time",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        d.transfer_agency = self
            .conn
            .prepare_cached(
                "SELECT v.transfer_agency FROM case_visits cv JOIN visits v ON v.id = cv.visit_id
                 WHERE cv.case_id = ?1 AND v.deleted_at IS NULL AND v.transfer_agency != ''
                 ORDER BY v.day DESC, v.time DESC LIMIT 1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or_default();
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
