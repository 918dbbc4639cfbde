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
    let (reps, sealed_reps) = representatives(sql, v)?;
    sql.prepare_cached(
        "INSERT INTO visits (uid, session_id, citizen_id, day, time, people, representatives,
             petition_type, field_id, content, prior_agencies, handling, transfer_agency,
             note, petitions, officer_id, created_at, updated_at, requests, account_read,
             refusal_ground, sealed_representatives)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17,
                 ?18, ?19, ?20, ?21)",
    )?
    .execute(params![
        n.uid,
        n.session_id,
        n.citizen_id,
        n.day,
        n.time,
        v.people,
        reps,
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
        v.requests,
        v.account_read.map(|a| a.code()),
        v.refusal_ground.map(|g| g.code()),
        sealed_reps,
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
    let (reps, sealed_reps) = representatives(sql, v)?;
    sql.prepare_cached(
        "UPDATE visits SET session_id = ?2, citizen_id = ?3, day = ?4, time = ?5, people = ?6,
             representatives = ?7, petition_type = ?8, field_id = ?9, content = ?10,
             prior_agencies = ?11, handling = ?12, note = ?13, petitions = ?14,
             transfer_agency = ?15, requests = ?16, account_read = ?17, refusal_ground = ?18,
             refusal_notice_on = CASE WHEN ?18 IS NULL THEN NULL ELSE refusal_notice_on END,
             sealed_representatives = ?19
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        session_id,
        citizen_id,
        day,
        time,
        v.people,
        reps,
        v.petition_type.code(),
        field_id,
        v.content,
        v.prior_agencies,
        v.handling.code(),
        v.note,
        v.petitions,
        v.transfer_agency,
        v.requests,
        v.account_read.map(|a| a.code()),
        v.refusal_ground.map(|g| g.code()),
        sealed_reps,
    ])?;
    Ok(())
}

/// The entry of a correction (a new version when anything changed).
pub(in crate::store) fn corrected(sql: &Sql, before: &Record) -> Result<bool> {
    super::changed(sql, &VISIT, before, Op::Update, Touch::IfChanged)
}

/// The day a refusal's written notice was issued.
pub(in crate::store) fn set_refusal_notice(sql: &Sql, id: i64, on: NaiveDate) -> Result<()> {
    super::change(sql, &VISIT, id, Op::Update, Touch::IfChanged, || {
        sql.prepare_cached("UPDATE visits SET refusal_notice_on = ?2 WHERE id = ?1")?
            .execute(params![id, on])?;
        Ok(())
    })?;
    Ok(())
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

/// A visit's representatives as stored: in the clear (JSON), or — a group denunciation's,
/// who are its denouncers (Luật Tố cáo Art 8(3)) — `'[]'` and the names sealed like a
/// denouncer's identity (to the unit and the receiving officer).
fn representatives(sql: &Sql, v: &ValidVisit) -> Result<(String, Option<Vec<u8>>)> {
    if v.petition_type != crate::domain::visit::PetitionType::ToCao || v.representatives.is_empty()
    {
        return Ok((serde_json::to_string(&v.representatives)?, None));
    }
    Ok(("[]".to_owned(), Some(seal_names(sql, &v.representatives)?)))
}

/// Names sealed to the unit and the receiving officer (refused with no unit key).
fn seal_names(sql: &Sql, names: &[String]) -> Result<Vec<u8>> {
    let recipients = sql.recipients()?;
    if recipients.is_empty() {
        return Err(StoreError::KeysLocked);
    }
    Ok(crate::store::seal::seal(
        &serde_json::to_vec(names)?,
        &recipients,
    ))
}

/// A denunciation's representatives stored in the clear (a book from before they were
/// sealed) sealed now; returns whether there were any.
pub(in crate::store) fn seal_representatives(sql: &Sql, id: i64) -> Result<bool> {
    let reps: String = sql.query_row(
        "SELECT representatives FROM visits WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let names: Vec<String> = serde_json::from_str(&reps).unwrap_or_default();
    if names.is_empty() {
        return Ok(false);
    }
    let sealed = seal_names(sql, &names)?;
    super::change(sql, &VISIT, id, Op::Update, Touch::IfChanged, || {
        sql.prepare_cached(
            "UPDATE visits SET representatives = '[]', sealed_representatives = ?2 WHERE id = ?1",
        )?
        .execute(params![id, sealed])?;
        Ok(())
    })?;
    Ok(true)
}

/// Move a visit to another citizen's record (a denunciation off an open citizen, at the
/// upgrade that keeps them apart); its entry withholds the citizen it left.
pub(in crate::store) fn rehome_visit(sql: &Sql, id: i64, citizen_id: i64) -> Result<()> {
    super::change(sql, &VISIT, id, Op::Update, Touch::IfChanged, || {
        sql.prepare_cached("UPDATE visits SET citizen_id = ?2 WHERE id = ?1")?
            .execute(params![id, citizen_id])?;
        Ok(())
    })?;
    Ok(())
}

/// A denunciation's representatives sealed again (a rotation of the unit key).
pub(in crate::store) fn reseal_representatives(sql: &Sql, id: i64, names: &[String]) -> Result<()> {
    let sealed = seal_names(sql, names)?;
    super::change(sql, &VISIT, id, Op::Update, Touch::IfChanged, || {
        sql.prepare_cached("UPDATE visits SET sealed_representatives = ?2 WHERE id = ?1")?
            .execute(params![id, sealed])?;
        Ok(())
    })?;
    Ok(())
}
