//! The row writer of visits: the one INSERT (the desk's and a bulk load's), a correction,
//! a void, a move to another field with its case.

use chrono::NaiveDate;
use rusqlite::params;

use super::{Record, Touch, VISIT};
use crate::domain::journal::Op;
use crate::domain::visit::ValidVisit;
use crate::store::write::Sql;
use crate::store::{Result, StoreError};

/// A visit to insert: its validated values, its session, citizen and field, who logged it.
pub(in crate::store) struct NewVisit<'a> {
    pub uid: &'a str,
    pub session_id: i64,
    pub citizen_id: i64,
    pub field_id: i64,
    pub day: NaiveDate,
    pub time: &'a str,
    pub visit: &'a ValidVisit,
    pub officer_id: i64,
    pub created_at: &'a str,
}

/// Insert a visit (and its entry); returns the row id.
pub(in crate::store) fn insert_visit(sql: &Sql, n: &NewVisit) -> Result<i64> {
    if chrono::NaiveTime::parse_from_str(n.time, "%H:%M").is_err() {
        return Err(StoreError::Invalid(format!("time {:?}", n.time)));
    }
    let v = n.visit;
    sql.prepare_cached(
        "INSERT INTO visits (uid, session_id, citizen_id, day, time, people, representatives,
             petition_type, field_id, content, prior_agencies, handling, transfer_agency,
             note, petitions, officer_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
    )?
    .execute(params![
        n.uid,
        n.session_id,
        n.citizen_id,
        n.day,
        n.time,
        v.people,
        serde_json::to_string(&v.representatives)?,
        v.petition_type.code(),
        n.field_id,
        v.content,
        v.prior_agencies,
        v.handling.code(),
        v.transfer_agency,
        v.note,
        v.petitions,
        n.officer_id,
        n.created_at,
    ])?;
    let id = sql.last_insert_rowid();
    super::created(sql, &VISIT, id, Op::Create)?;
    Ok(id)
}

/// A visit as it stands before a correction (its entry is written by [`corrected`]).
pub(in crate::store) fn before_correction(sql: &Sql, id: i64) -> Result<Record> {
    super::read(sql.conn(), &VISIT, id)?.ok_or(StoreError::NotFound("visit"))
}

/// A visit's corrected values: its validated values, its session, citizen and field.
pub(in crate::store) struct Corrected<'a> {
    pub session_id: i64,
    pub citizen_id: i64,
    pub field_id: i64,
    pub day: NaiveDate,
    pub time: &'a str,
    pub visit: &'a ValidVisit,
}

/// Write a visit's corrected values (its entry comes with [`corrected`], once its cases
/// followed).
pub(in crate::store) fn correct_visit(sql: &Sql, id: i64, c: &Corrected) -> Result<()> {
    let v = c.visit;
    let (session_id, citizen_id, field_id, day, time) =
        (c.session_id, c.citizen_id, c.field_id, c.day, c.time);
    sql.prepare_cached(
        "UPDATE visits SET session_id = ?2, citizen_id = ?3, day = ?4, time = ?5, people = ?6,
             representatives = ?7, petition_type = ?8, field_id = ?9, content = ?10,
             prior_agencies = ?11, handling = ?12, note = ?13, petitions = ?14,
             transfer_agency = ?15
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        session_id,
        citizen_id,
        day,
        time,
        v.people,
        serde_json::to_string(&v.representatives)?,
        v.petition_type.code(),
        field_id,
        v.content,
        v.prior_agencies,
        v.handling.code(),
        v.note,
        v.petitions,
        v.transfer_agency,
    ])?;
    Ok(())
}

/// The entry of a correction (a new version when anything changed).
pub(in crate::store) fn corrected(sql: &Sql, before: &Record) -> Result<bool> {
    super::changed(sql, &VISIT, before, Op::Update, Touch::IfChanged)
}

/// Void a visit: marked with its reason, never deleted.
pub(in crate::store) fn void_visit(sql: &Sql, id: i64, reason: &str) -> Result<()> {
    let at = sql.stamp();
    super::change(sql, &VISIT, id, Op::Void, Touch::Always, || {
        sql.prepare_cached("UPDATE visits SET deleted_at = ?2, void_reason = ?3 WHERE id = ?1")?
            .execute(params![id, at, reason])?;
        Ok(())
    })?;
    Ok(())
}

/// Move a visit from `from` to another field (its case followed a correction); returns
/// whether it moved.
pub(in crate::store) fn move_visit_field(sql: &Sql, id: i64, from: i64, to: i64) -> Result<bool> {
    let (n, _) = super::change(sql, &VISIT, id, Op::Update, Touch::IfChanged, || {
        Ok(sql
            .prepare_cached("UPDATE visits SET field_id = ?2 WHERE id = ?1 AND field_id = ?3")?
            .execute(params![id, to, from])?)
    })?;
    Ok(n > 0)
}
