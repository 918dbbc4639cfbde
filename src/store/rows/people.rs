//! The row writers of citizens and sessions (their one INSERT each, for the desk and bulk
//! loads alike; a citizen's one UPDATE).

use rusqlite::params;

use super::{CITIZEN, SESSION, Touch};
use crate::domain::journal::Op;
use crate::domain::text::{clean_line, fold};
use crate::store::Result;
use crate::store::write::Sql;

/// A citizen to insert.
pub(in crate::store) struct NewCitizen<'a> {
    pub uid: &'a str,
    pub full_name: &'a str,
    pub id_kind: Option<&'a str>,
    pub id_number: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub address: &'a str,
    pub birth_year: Option<i32>,
    /// "nam" | "nu"
    pub sex: Option<&'a str>,
    pub created_at: &'a str,
    pub created_by: Option<i64>,
}

/// Insert a citizen (and its entry); returns the row id.
pub(in crate::store) fn insert_citizen(sql: &Sql, c: &NewCitizen) -> Result<i64> {
    let name = clean_line(c.full_name);
    if name.is_empty() {
        return Err(crate::store::StoreError::Invalid(
            "citizen name is empty".into(),
        ));
    }
    sql.prepare_cached(
        "INSERT INTO citizens (uid, full_name, name_folded, id_kind, id_number, phone,
             address, birth_year, sex, created_at, created_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)",
    )?
    .execute(params![
        c.uid,
        name,
        fold(&name),
        c.id_kind,
        c.id_number,
        c.phone,
        clean_line(c.address),
        c.birth_year,
        c.sex,
        c.created_at,
        c.created_by,
    ])?;
    let id = sql.last_insert_rowid();
    super::created(sql, &CITIZEN, id, Op::Create)?;
    Ok(id)
}

/// What a visit tells of a known citizen: a new name (when corrected), and what it knows
/// that the record does not (an empty input keeps what was recorded).
pub(in crate::store) struct CitizenUpdate<'a> {
    pub full_name: &'a str,
    pub id_kind: Option<&'a str>,
    pub id_number: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub address: &'a str,
}

/// Update a citizen as a visit tells, refused with `conflict` when it changed anything and
/// the record is no longer at `expected_version`. Returns whether it changed.
pub(in crate::store) fn update_citizen(
    sql: &Sql,
    id: i64,
    expected_version: i64,
    u: &CitizenUpdate,
    conflict: impl FnOnce(Option<String>) -> crate::store::StoreError,
) -> Result<bool> {
    let before = super::read(sql.conn(), &CITIZEN, id)?
        .ok_or(crate::store::StoreError::NotFound("citizen"))?;
    sql.prepare_cached(
        "UPDATE citizens SET full_name = ?2, name_folded = ?3,
             id_kind = coalesce(?4, id_kind), id_number = coalesce(?5, id_number),
             phone = coalesce(?6, phone),
             address = CASE WHEN ?7 = '' THEN address ELSE ?7 END
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        u.full_name,
        fold(u.full_name),
        u.id_kind,
        u.id_number,
        u.phone,
        u.address,
    ])?;
    let after = super::read(sql.conn(), &CITIZEN, id)?
        .ok_or(crate::store::StoreError::NotFound("citizen"))?;
    if after.values == before.values {
        return Ok(false);
    }
    if before.version != Some(expected_version) {
        let changed_at: Option<String> = sql
            .prepare_cached("SELECT updated_at FROM citizens WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        return Err(conflict(changed_at));
    }
    super::changed(sql, &CITIZEN, &before, Op::Update, Touch::IfChanged)
}

/// A session to insert.
pub(in crate::store) struct NewSession<'a> {
    pub uid: &'a str,
    pub day: chrono::NaiveDate,
    pub form: &'a str,
    pub presiding: &'a str,
    pub presider_role: &'a str,
    pub place: &'a str,
    pub desk: &'a str,
    pub created_at: &'a str,
    pub created_by: Option<i64>,
}

/// Insert a session (and its entry); returns the row id.
pub(in crate::store) fn insert_session(sql: &Sql, s: &NewSession) -> Result<i64> {
    sql.prepare_cached(
        "INSERT INTO sessions (uid, day, form, presiding, presider_role, place, desk,
                               created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        s.uid,
        s.day,
        s.form,
        clean_line(s.presiding),
        s.presider_role,
        clean_line(s.place),
        s.desk,
        s.created_at,
        s.created_by
    ])?;
    let id = sql.last_insert_rowid();
    super::created(sql, &SESSION, id, Op::Create)?;
    Ok(id)
}
