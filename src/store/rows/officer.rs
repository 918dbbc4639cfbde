//! The row writer of officers: the one INSERT (the first start, an administrator's, a bulk
//! load's), their roles, whether they may sign in, their PIN (its hash never reaches the
//! journal: only whether one is set) and the count of wrong entries (kept out: each wrong
//! entry is an entry of its own).

use rusqlite::params;

use super::{OFFICER, Touch};
use crate::domain::journal::Op;
use crate::domain::role::{Role, Roles};
use crate::domain::text::clean_line;
use crate::store::write::Sql;
use crate::store::{Result, StoreError};

/// An officer to insert.
pub(in crate::store) struct NewOfficer<'a> {
    pub uid: &'a str,
    pub full_name: &'a str,
    pub title: &'a str,
    pub roles: Roles,
    pub pin_hash: Option<&'a str>,
    pub created_at: &'a str,
}

/// Insert an officer with their roles (and its entry); returns the row id.
pub(in crate::store) fn insert_officer(sql: &Sql, o: &NewOfficer) -> Result<i64> {
    let name = clean_line(o.full_name);
    if name.is_empty() {
        return Err(StoreError::Invalid("officer name is empty".into()));
    }
    if o.roles.is_empty() {
        return Err(StoreError::Invalid("an officer holds a role".into()));
    }
    sql.prepare_cached(
        "INSERT INTO officers (uid, full_name, title, is_leader, pin_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        o.uid,
        name,
        clean_line(o.title),
        o.roles.has(Role::Leader),
        o.pin_hash,
        o.created_at
    ])?;
    let id = sql.last_insert_rowid();
    put_roles(sql.conn(), id, o.roles)?;
    super::created(sql, &OFFICER, id, Op::Create)?;
    Ok(id)
}

/// Replace an officer's roles (and the old `is_leader` mark with them), no entry.
fn put_roles(conn: &rusqlite::Connection, officer_id: i64, roles: Roles) -> Result<()> {
    conn.prepare_cached("DELETE FROM officer_roles WHERE officer_id = ?1")?
        .execute([officer_id])?;
    let mut insert =
        conn.prepare_cached("INSERT INTO officer_roles (officer_id, role) VALUES (?1, ?2)")?;
    for r in roles.iter() {
        insert.execute(params![officer_id, r.code()])?;
    }
    conn.prepare_cached("UPDATE officers SET is_leader = ?2 WHERE id = ?1")?
        .execute(params![officer_id, roles.has(Role::Leader)])?;
    Ok(())
}

/// Give an officer these roles.
pub(in crate::store) fn set_roles(sql: &Sql, id: i64, roles: Roles) -> Result<()> {
    super::change(sql, &OFFICER, id, Op::Update, Touch::IfChanged, || {
        put_roles(sql.conn(), id, roles)
    })?;
    Ok(())
}

/// An officer comes back, or leaves the desk.
pub(in crate::store) fn set_active(sql: &Sql, id: i64, active: bool) -> Result<()> {
    super::change(sql, &OFFICER, id, Op::Update, Touch::IfChanged, || {
        sql.prepare_cached("UPDATE officers SET active = ?2 WHERE id = ?1")?
            .execute(params![id, active])?;
        Ok(())
    })?;
    Ok(())
}

/// A PIN set, changed or removed (`op` says which), the wrong entries forgotten. `only_if_unset`:
/// a first PIN, refused (false returned) when another desk set one first.
pub(in crate::store) fn set_pin(
    sql: &Sql,
    id: i64,
    hash: Option<&str>,
    op: Op,
    only_if_unset: bool,
) -> Result<bool> {
    let (n, _) = super::change(sql, &OFFICER, id, op, Touch::Always, || {
        Ok(sql
            .prepare_cached(
                "UPDATE officers SET pin_hash = ?2, sign_in_failures = 0,
                     sign_in_wait_until = NULL
                 WHERE id = ?1 AND active = 1 AND (NOT ?3 OR pin_hash IS NULL)",
            )?
            .execute(params![id, hash, only_if_unset])?)
    })?;
    Ok(n > 0)
}

/// A right PIN: the count of wrong entries cleared, a weaker hash made again (neither is a
/// fact of the officer's record; the sign-in is an entry of its own).
pub(in crate::store) fn signed_in(sql: &Sql, id: i64, rehash: Option<&str>) -> Result<()> {
    sql.prepare_cached(
        "UPDATE officers SET sign_in_failures = 0, sign_in_wait_until = NULL,
             pin_hash = coalesce(?2, pin_hash)
         WHERE id = ?1",
    )?
    .execute(params![id, rehash])?;
    Ok(())
}

/// A wrong PIN counted, with the wait it brings (the entry is written by the caller).
pub(in crate::store) fn wrong_pin(
    sql: &Sql,
    id: i64,
    failures: u32,
    until: Option<&str>,
) -> Result<()> {
    sql.prepare_cached(
        "UPDATE officers SET sign_in_failures = ?2, sign_in_wait_until = ?3 WHERE id = ?1",
    )?
    .execute(params![id, failures, until])?;
    Ok(())
}
