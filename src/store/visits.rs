//! Visits (lượt tiếp) and the sessions they belong to; the day's log and its counters.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Result, Store, StoreError, audit, citizens, new_uid, now_stamp};
use crate::domain::visit::{
    DayCounters, Handling, PetitionType, ReceptionForm, ValidVisit, VisitDraft,
};

/// What to save: a validated visit, when it happened, and the citizen it belongs to if the
/// form recognized a returning one.
#[derive(Debug, Clone)]
pub struct VisitInput<'a> {
    pub visit: &'a ValidVisit,
    pub day: NaiveDate,
    /// HH:MM
    pub time: String,
    pub citizen_id: Option<i64>,
}

/// One row of the reception log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    pub uid: String,
    pub time: String,
    pub citizen_name: String,
    pub people: u32,
    pub representatives: Vec<String>,
    pub form: ReceptionForm,
    pub petition_type: PetitionType,
    pub field_name: String,
    pub content: String,
    pub handling: Handling,
    pub officer_name: String,
}

/// A visit in full (the detail view and the edit form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitDetail {
    pub row: VisitRow,
    pub day: NaiveDate,
    pub citizen_id: i64,
    pub citizen_uid: String,
    pub id_kind: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: String,
    pub presiding: String,
    pub field_code: String,
    pub prior_agencies: String,
    pub note: String,
    pub petitions: u32,
    pub citizen_visits: u32,
    pub created_at: String,
    pub updated_at: String,
}

impl VisitDetail {
    /// The form as it would have been typed, for editing.
    pub fn to_draft(&self) -> VisitDraft {
        VisitDraft {
            full_name: self.row.citizen_name.clone(),
            id_number: self.id_number.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
            address: self.address.clone(),
            people: self.row.people.to_string(),
            representatives: self.row.representatives.join("; "),
            form: self.row.form.code().into(),
            presiding: self.presiding.clone(),
            petition_type: self.row.petition_type.code().into(),
            field: self.field_code.clone(),
            content: self.row.content.clone(),
            prior_agencies: self.prior_agencies.clone(),
            handling: self.row.handling.code().into(),
            note: self.note.clone(),
            petitions: self.petitions.to_string(),
            editing_uid: Some(self.row.uid.clone()),
            day: self.day.format("%Y-%m-%d").to_string(),
            time: self.row.time.clone(),
        }
    }
}

/// The log row's columns (indexes 0–10, read by `row_from`) and the joins they need.
const ROW_COLUMNS: &str = "v.uid, v.time, c.full_name, v.people, v.representatives, s.form,
    v.petition_type, f.name, v.content, v.handling, o.full_name";
const ROW_JOINS: &str = "FROM visits v
    JOIN citizens c ON c.id = v.citizen_id
    JOIN sessions s ON s.id = v.session_id
    JOIN fields f ON f.id = v.field_id
    JOIN officers o ON o.id = v.officer_id";
/// Number of columns in `ROW_COLUMNS`; detail columns follow.
const ROW_WIDTH: usize = 11;

fn bad_code(col: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("unknown {what} code").into(),
    )
}

fn row_from(r: &Row) -> rusqlite::Result<VisitRow> {
    let reps: String = r.get(4)?;
    let form: String = r.get(5)?;
    let ptype: String = r.get(6)?;
    let handling: String = r.get(9)?;
    Ok(VisitRow {
        uid: r.get(0)?,
        time: r.get(1)?,
        citizen_name: r.get(2)?,
        people: r.get(3)?,
        representatives: serde_json::from_str(&reps).unwrap_or_default(),
        form: ReceptionForm::from_code(&form).ok_or_else(|| bad_code(5, "form"))?,
        petition_type: PetitionType::from_code(&ptype).ok_or_else(|| bad_code(6, "type"))?,
        field_name: r.get(7)?,
        content: r.get(8)?,
        handling: Handling::from_code(&handling).ok_or_else(|| bad_code(9, "handling"))?,
        officer_name: r.get(10)?,
    })
}

fn session_for(conn: &Connection, officer_id: i64, day: NaiveDate, v: &ValidVisit) -> Result<i64> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM sessions WHERE day = ?1 AND form = ?2 AND presiding = ?3")?
        .query_row(params![day, v.form.code(), v.presiding], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let uid = new_uid();
    conn.prepare_cached(
        "INSERT INTO sessions (uid, day, form, presiding, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        uid,
        day,
        v.form.code(),
        v.presiding,
        now_stamp(),
        officer_id
    ])?;
    let id = conn.last_insert_rowid();
    let after = audit::row_json(conn, "sessions", id)?;
    audit::record(
        conn,
        Some(officer_id),
        "insert",
        "sessions",
        &uid,
        None,
        after.as_ref(),
    )?;
    Ok(id)
}

fn field_id(conn: &Connection, code: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM fields WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("field"))
}

fn valid_time(t: &str) -> bool {
    chrono::NaiveTime::parse_from_str(t, "%H:%M").is_ok()
}

impl Store {
    /// Save a new visit (and its citizen and session) in one transaction; returns its uid.
    pub fn save_visit(&mut self, officer_id: i64, input: &VisitInput) -> Result<String> {
        if !valid_time(&input.time) {
            return Err(StoreError::Invalid(format!("time {:?}", input.time)));
        }
        let v = input.visit;
        let tx = self.write_tx()?;
        let citizen_id = citizens::upsert_for_visit(&tx, officer_id, input.citizen_id, v)?;
        let session_id = session_for(&tx, officer_id, input.day, v)?;
        let field_id = field_id(&tx, &v.field_code)?;
        let uid = new_uid();
        let now = now_stamp();
        tx.prepare_cached(
            "INSERT INTO visits (uid, session_id, citizen_id, day, time, people, representatives,
                 petition_type, field_id, content, prior_agencies, handling, note, petitions,
                 officer_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
        )?
        .execute(params![
            uid,
            session_id,
            citizen_id,
            input.day,
            input.time,
            v.people,
            serde_json::to_string(&v.representatives)?,
            v.petition_type.code(),
            field_id,
            v.content,
            v.prior_agencies,
            v.handling.code(),
            v.note,
            v.petitions,
            officer_id,
            now,
        ])?;
        let id = tx.last_insert_rowid();
        super::lookup::index_visit(&tx, id)?;
        super::lookup::index_citizen(&tx, citizen_id)?;
        let after = audit::row_json(&tx, "visits", id)?;
        audit::record(
            &tx,
            Some(officer_id),
            "insert",
            "visits",
            &uid,
            None,
            after.as_ref(),
        )?;
        tx.commit()?;
        Ok(uid)
    }

    /// Update a visit (and its citizen) in one transaction, auditing before and after.
    pub fn update_visit(&mut self, officer_id: i64, uid: &str, input: &VisitInput) -> Result<()> {
        if !valid_time(&input.time) {
            return Err(StoreError::Invalid(format!("time {:?}", input.time)));
        }
        let v = input.visit;
        let tx = self.write_tx()?;
        let (id, old_citizen): (i64, i64) = tx
            .query_row(
                "SELECT id, citizen_id FROM visits WHERE uid = ?1 AND deleted_at IS NULL",
                [uid],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("visit"))?;
        let citizen_id = citizens::upsert_for_visit(
            &tx,
            officer_id,
            Some(input.citizen_id.unwrap_or(old_citizen)),
            v,
        )?;
        let session_id = session_for(&tx, officer_id, input.day, v)?;
        let field_id = field_id(&tx, &v.field_code)?;
        let before = audit::row_json(&tx, "visits", id)?;
        tx.prepare_cached(
            "UPDATE visits SET session_id = ?2, citizen_id = ?3, day = ?4, time = ?5, people = ?6,
                 representatives = ?7, petition_type = ?8, field_id = ?9, content = ?10,
                 prior_agencies = ?11, handling = ?12, note = ?13, petitions = ?14
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            session_id,
            citizen_id,
            input.day,
            input.time,
            v.people,
            serde_json::to_string(&v.representatives)?,
            v.petition_type.code(),
            field_id,
            v.content,
            v.prior_agencies,
            v.handling.code(),
            v.note,
            v.petitions,
        ])?;
        super::lookup::index_visit(&tx, id)?;
        super::lookup::index_citizen(&tx, citizen_id)?;
        if old_citizen != citizen_id {
            super::lookup::index_citizen(&tx, old_citizen)?;
        }
        let mid = audit::row_json(&tx, "visits", id)?;
        if mid != before {
            tx.execute(
                "UPDATE visits SET updated_at = ?2 WHERE id = ?1",
                params![id, now_stamp()],
            )?;
            let after = audit::row_json(&tx, "visits", id)?;
            audit::record(
                &tx,
                Some(officer_id),
                "update",
                "visits",
                uid,
                before.as_ref(),
                after.as_ref(),
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The reception log of one day, in time order.
    pub fn visits_on(&self, day: NaiveDate) -> Result<Vec<VisitRow>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS} {ROW_JOINS}
             WHERE v.day = ?1 AND v.deleted_at IS NULL ORDER BY v.time, v.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([day], row_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One visit in full.
    pub fn visit_detail(&self, uid: &str) -> Result<VisitDetail> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, v.day, v.citizen_id, c.uid, c.id_kind, c.id_number, c.phone,
                    c.address, s.presiding, f.code, v.prior_agencies, v.note, v.petitions,
                    (SELECT count(*) FROM visits x WHERE x.citizen_id = v.citizen_id AND x.deleted_at IS NULL),
                    v.created_at, v.updated_at
             {ROW_JOINS} WHERE v.uid = ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        stmt.query_row([uid], |r| {
            let d = ROW_WIDTH;
            Ok(VisitDetail {
                row: row_from(r)?,
                day: r.get(d)?,
                citizen_id: r.get(d + 1)?,
                citizen_uid: r.get(d + 2)?,
                id_kind: r.get(d + 3)?,
                id_number: r.get(d + 4)?,
                phone: r.get(d + 5)?,
                address: r.get(d + 6)?,
                presiding: r.get(d + 7)?,
                field_code: r.get(d + 8)?,
                prior_agencies: r.get(d + 9)?,
                note: r.get(d + 10)?,
                petitions: r.get(d + 11)?,
                citizen_visits: r.get(d + 12)?,
                created_at: r.get(d + 13)?,
                updated_at: r.get(d + 14)?,
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
                "SELECT count(DISTINCT session_id), count(*), coalesce(sum(people), 0),
                        coalesce(sum(people >= ?2), 0), coalesce(sum(petitions), 0)
                 FROM visits WHERE day = ?1 AND deleted_at IS NULL",
            )?
            .query_row(params![day, threshold], |r| {
                Ok(DayCounters {
                    sessions: r.get(0)?,
                    visits: r.get(1)?,
                    people: r.get(2)?,
                    groups: r.get(3)?,
                    petitions: r.get(4)?,
                })
            })?)
    }

    /// Record that an officer revealed the denouncer of a visit of type tố cáo (audited;
    /// Luật Tố cáo Art 8(3), 56).
    pub fn reveal_visit(&mut self, officer_id: i64, uid: &str) -> Result<()> {
        let tx = self.write_tx()?;
        let found: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM visits WHERE uid = ?1)")?
            .query_row([uid], |r| r.get(0))?;
        if !found {
            return Err(StoreError::NotFound("visit"));
        }
        audit::record(
            &tx,
            Some(officer_id),
            "reveal_identity",
            "visits",
            uid,
            None,
            None,
        )?;
        tx.commit()?;
        Ok(())
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
