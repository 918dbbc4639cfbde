//! Visits (lượt tiếp) and the sessions they belong to; the day's log and its counters.
//!
//! The parts: this file holds what a visit is (its input, row and detail), the sessions
//! and the reads (the day's log, a visit's detail, the day's counters); `write.rs` a visit
//! saved, corrected, voided or revealed at the desk, with the case it takes in;
//! `bulk.rs` visits written in bulk; `book.rs` a period's book for an export; `refusal.rs`
//! a refusal's written notice.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Result, Store, StoreError, Writer, bad_code, citizens, new_uid, rows};
use crate::domain::identity::{Context, Particulars, Person, Viewer};
use crate::domain::refusal::RefusalGround;
use crate::domain::visit::{
    AccountRead, DayCounters, Handling, PetitionType, PresiderRole, ReceptionForm, ValidVisit,
    VisitDraft,
};

mod book;
mod bulk;
mod refusal;
mod write;
pub use bulk::{BulkSession, BulkVisit};

/// A citizen the form recognized, with the version it was read at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownCitizen {
    pub id: i64,
    pub version: i64,
}

/// What to save: a validated visit, when it happened, and the citizen it belongs to if the
/// form recognized a returning one.
#[derive(Debug, Clone)]
pub struct VisitInput<'a> {
    pub visit: &'a ValidVisit,
    pub day: NaiveDate,
    /// HH:MM
    pub time: String,
    pub citizen: Option<KnownCitizen>,
    /// The officer confirmed that the typed name corrects the known citizen's name.
    pub rename_citizen: bool,
    /// For a correction of a visit whose case holds other visits too: what the case does.
    pub shared: SharedCaseChoice,
}

/// What the officer said about a correction of a visit whose case holds other visits too
/// (see `Writer::update_visit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SharedCaseChoice {
    /// Not asked yet: such a correction is refused with `StoreError::SharedCase`.
    #[default]
    Ask,
    /// The whole case follows (its other visits move with it to a new field).
    Follow,
    /// Only this visit changes: it leaves the case.
    Leave,
}

/// A visit saved, and the case its intake opened or joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedVisit {
    pub uid: String,
    pub case: Option<super::SavedCase>,
}

/// One row of the reception log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    pub uid: String,
    pub time: String,
    /// Who came: the citizen's identity with the group's representatives, under the one
    /// identity rule (a denunciation's person is a denouncer).
    pub citizen: Person,
    pub people: u32,
    pub form: ReceptionForm,
    pub petition_type: PetitionType,
    pub field_name: String,
    pub content: String,
    pub handling: Handling,
    pub officer_name: String,
    /// The code of the (first) case this visit opened or joined.
    pub case_code: Option<String>,
    pub version: i64,
    /// Voided (logged by mistake), with the reason: shown struck through, counted nowhere.
    pub void_reason: Option<String>,
}

/// A visit in full (the detail view and the edit form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitDetail {
    pub row: VisitRow,
    pub day: NaiveDate,
    pub citizen_id: i64,
    pub citizen_uid: String,
    pub citizen_version: i64,
    pub presiding: String,
    /// The head in person or delegated (periodic and ad hoc sessions; None when the session
    /// was recorded before the mark existed, or has no presider).
    pub presider_role: Option<PresiderRole>,
    pub field_code: String,
    pub prior_agencies: String,
    pub transfer_agency: String,
    pub note: String,
    pub petitions: u32,
    /// The citizen's visits by the one counting rule (None for a denunciation: how often a
    /// denouncer came is theirs to keep).
    pub citizen_visits: Option<u32>,
    pub created_at: String,
    pub updated_at: String,
    /// The citizen's yêu cầu, đề nghị (Luật TCD Art 25(2)).
    pub requests: String,
    /// The account read back and signed or fingerprinted (None: not recorded).
    pub account_read: Option<AccountRead>,
    /// Reception refused: its ground.
    pub refusal_ground: Option<RefusalGround>,
    /// The day the written notice of the refusal was issued.
    pub refusal_notice_on: Option<NaiveDate>,
    /// The documents the citizen handed over (issue 29).
    pub documents: Vec<crate::domain::visit::documents::ReceivedDoc>,
}

impl VisitDetail {
    /// A refusal whose written notice (Mẫu 01/TCD) is owed and not yet issued.
    pub fn refusal_notice_owed(&self) -> bool {
        self.refusal_ground
            .is_some_and(RefusalGround::written_notice)
            && self.refusal_notice_on.is_none()
    }

    /// The form as it would have been typed, for editing — only for a viewer who may see the
    /// citizen (a denouncer's visit is revealed first, audited).
    pub fn to_draft(&self, viewer: &Viewer) -> Option<VisitDraft> {
        let full_name = viewer.name_of(&self.row.citizen)?.to_owned();
        let p = viewer.particulars_of(&self.row.citizen)?;
        Some(VisitDraft {
            full_name,
            id_number: p.id_number.clone().unwrap_or_default(),
            phone: p.phone.clone().unwrap_or_default(),
            address: p.address.clone(),
            people: self.row.people.to_string(),
            representatives: p.representatives.join("; "),
            form: self.row.form.code().into(),
            presiding: self.presiding.clone(),
            presider_role: self
                .presider_role
                .map(|r| r.code().to_owned())
                .unwrap_or_default(),
            petition_type: self.row.petition_type.code().into(),
            field: self.field_code.clone(),
            content: self.row.content.clone(),
            prior_agencies: self.prior_agencies.clone(),
            handling: self.row.handling.code().into(),
            transfer_agency: self.transfer_agency.clone(),
            note: self.note.clone(),
            documents: crate::domain::visit::documents::format_documents(&self.documents),
            petitions: self.petitions.to_string(),
            requests: self.requests.clone(),
            account_read: self
                .account_read
                .map(|a| a.code().to_owned())
                .unwrap_or_default(),
            refusal_ground: self
                .refusal_ground
                .map(|g| g.code().to_owned())
                .unwrap_or_default(),
            editing_uid: Some(self.row.uid.clone()),
            editing_version: Some(self.row.version),
            day: crate::domain::date::format_date(self.day),
            time: self.row.time.clone(),
            ..VisitDraft::default()
        })
    }
}

/// The log row's columns (indexes 0–19, read by `row_from`) and the joins they need.
const ROW_COLUMNS: &str = "v.uid, v.time, c.full_name, v.people, v.representatives, s.form,
    v.petition_type, f.name, v.content, v.handling, o.full_name,
    (SELECT k.code FROM case_visits cv JOIN cases k ON k.id = cv.case_id
      WHERE cv.visit_id = v.id ORDER BY k.id LIMIT 1),
    coalesce((SELECT max(k.identity_disclosed) FROM case_visits cv JOIN cases k ON k.id = cv.case_id
      WHERE cv.visit_id = v.id AND k.case_type = 'to_cao'), 0),
    v.version, v.void_reason, c.id_kind, c.id_number, c.phone, c.address, c.birth_year, c.sealed,
    v.sealed_representatives";
const ROW_JOINS: &str = "FROM visits v
    JOIN citizens c ON c.id = v.citizen_id
    JOIN sessions s ON s.id = v.session_id
    JOIN fields f ON f.id = v.field_id
    JOIN officers o ON o.id = v.officer_id";
/// Number of columns in `ROW_COLUMNS`; detail columns follow.
const ROW_WIDTH: usize = 22;

fn row_from(r: &Row) -> rusqlite::Result<VisitRow> {
    let uid: String = r.get(0)?;
    let reps: String = r.get(4)?;
    let form: String = r.get(5)?;
    let ptype: String = r.get(6)?;
    let handling: String = r.get(9)?;
    let petition_type = PetitionType::from_code(&ptype).ok_or_else(|| bad_code(6))?;
    let case_code: Option<String> = r.get(11)?;
    let disclosed: bool = r.get(12)?;
    let particulars = Particulars {
        id_kind: r.get(15)?,
        id_number: r.get(16)?,
        phone: r.get(17)?,
        address: r.get(18)?,
        birth_year: r.get(19)?,
        representatives: serde_json::from_str(&reps).unwrap_or_default(),
    };
    Ok(VisitRow {
        citizen: Person::of(
            r.get::<_, String>(2)?,
            Context::of_visit(petition_type, &uid, case_code.clone(), disclosed),
        )
        .with(particulars)
        .sealed(r.get(20)?)
        .sealed_representatives(r.get(21)?),
        uid,
        time: r.get(1)?,
        people: r.get(3)?,
        form: ReceptionForm::from_code(&form).ok_or_else(|| bad_code(5))?,
        petition_type,
        field_name: r.get(7)?,
        content: r.get(8)?,
        handling: Handling::from_code(&handling).ok_or_else(|| bad_code(9))?,
        officer_name: r.get(10)?,
        case_code,
        version: r.get(13)?,
        void_reason: r.get(14)?,
    })
}

/// The code of a presider's role as stored ('' when none).
pub(super) fn role_code(r: Option<PresiderRole>) -> &'static str {
    r.map(PresiderRole::code).unwrap_or("")
}

/// The session of a visit: the desk's session of that day, form, presiding leader and whether
/// that leader is the head in person or a delegate.
pub(super) fn session_for(w: &Writer, day: NaiveDate, v: &ValidVisit) -> Result<i64> {
    let desk = super::settings::desk_of(w.conn())?;
    let role = role_code(v.presider_role);
    let found: Option<i64> = w
        .prepare_cached(
            "SELECT id FROM sessions WHERE day = ?1 AND form = ?2 AND presiding = ?3 AND desk = ?4
               AND presider_role = ?5
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![day, v.form.code(), v.presiding, desk, role], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    rows::insert_session(
        w,
        &rows::NewSession {
            uid: &new_uid(),
            day,
            form: v.form.code(),
            presiding: &v.presiding,
            presider_role: role,
            place: "",
            desk: &desk,
            created_at: &w.stamp(),
            created_by: Some(w.officer_id()),
        },
    )
}

pub(super) fn field_id(conn: &Connection, code: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM fields WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("field"))
}

fn valid_time(t: &str) -> bool {
    chrono::NaiveTime::parse_from_str(t, "%H:%M").is_ok()
}

pub(super) fn visit_id(conn: &Connection, uid: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM visits WHERE uid = ?1 AND deleted_at IS NULL")?
        .query_row([uid], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("visit"))
}

impl Store {
    /// The reception log of one day, in time order.
    pub fn visits_on(&self, day: NaiveDate) -> Result<Vec<VisitRow>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS} {ROW_JOINS}
             WHERE v.day = ?1 AND (v.deleted_at IS NULL OR v.void_reason IS NOT NULL)
             ORDER BY v.time, v.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([day], row_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One visit in full.
    pub fn visit_detail(&self, uid: &str) -> Result<VisitDetail> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, v.day, v.citizen_id, c.uid, c.version, s.presiding, f.code,
                    v.prior_agencies, v.note, v.petitions,
                    CASE WHEN v.petition_type = 'to_cao' THEN NULL ELSE
                      (SELECT count(*) FROM visits x WHERE x.citizen_id = v.citizen_id AND {counted})
                    END,
                    v.created_at, v.updated_at, v.transfer_agency, s.presider_role,
                    v.requests, v.account_read, v.refusal_ground, v.refusal_notice_on,
                    (SELECT items FROM visit_documents WHERE visit_id = v.id)
             {ROW_JOINS} WHERE v.uid = ?1",
            counted = citizens::counted_visit("x")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        stmt.query_row([uid], |r| {
            let d = ROW_WIDTH;
            Ok(VisitDetail {
                row: row_from(r)?,
                day: r.get(d)?,
                citizen_id: r.get(d + 1)?,
                citizen_uid: r.get(d + 2)?,
                citizen_version: r.get(d + 3)?,
                presiding: r.get(d + 4)?,
                field_code: r.get(d + 5)?,
                prior_agencies: r.get(d + 6)?,
                note: r.get(d + 7)?,
                petitions: r.get(d + 8)?,
                citizen_visits: r.get(d + 9)?,
                created_at: r.get(d + 10)?,
                updated_at: r.get(d + 11)?,
                transfer_agency: r.get(d + 12)?,
                presider_role: PresiderRole::from_code(&r.get::<_, String>(d + 13)?),
                requests: r.get(d + 14)?,
                account_read: r
                    .get::<_, Option<String>>(d + 15)?
                    .and_then(|c| AccountRead::from_code(&c)),
                refusal_ground: r
                    .get::<_, Option<String>>(d + 16)?
                    .and_then(|c| RefusalGround::from_code(&c)),
                refusal_notice_on: r.get(d + 17)?,
                documents: r
                    .get::<_, Option<String>>(d + 18)?
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or_default(),
            })
        })
        .optional()?
        .ok_or(StoreError::NotFound("visit"))
    }

    /// The day's counters: sessions, visits, people, groups (≥ threshold people), petitions.
    pub fn day_counters(&self, day: NaiveDate, threshold: u32) -> Result<DayCounters> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(DISTINCT session_id),
                        count(*) FILTER (WHERE refusal_ground IS NULL),
                        coalesce(sum(people) FILTER (WHERE refusal_ground IS NULL), 0),
                        coalesce(sum(people >= ?2) FILTER (WHERE refusal_ground IS NULL), 0),
                        coalesce(sum(petitions) FILTER (WHERE refusal_ground IS NULL), 0),
                        count(*) FILTER (WHERE refusal_ground IS NOT NULL)
                 FROM visits WHERE day = ?1 AND deleted_at IS NULL",
            )?
            .query_row(params![day, threshold], |r| {
                Ok(DayCounters {
                    sessions: r.get(0)?,
                    visits: r.get(1)?,
                    people: r.get(2)?,
                    groups: r.get(3)?,
                    petitions: r.get(4)?,
                    refused: r.get(5)?,
                })
            })?)
    }

    /// Total visits not marked deleted.
    pub fn visit_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM visits WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}
