//! The row writers of the catalogs and the unit's records: settings, fields, deadline rules,
//! calendar days and years, closed periods.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{CALENDAR_DAY, CALENDAR_YEAR, CLOSING, FIELD, RULE, SETTING, Touch};
use crate::domain::journal::Op;
use crate::store::write::Sql;
use crate::store::{Result, StoreError};

/// Write a setting (its entry; nothing when unchanged). Returns whether it changed.
pub(in crate::store) fn put_setting(sql: &Sql, key: &str, value: &str) -> Result<bool> {
    let value = crate::domain::text::nfc(value);
    let rowid: Option<(i64, String)> = sql
        .prepare_cached("SELECT rowid, value FROM settings WHERE key = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match rowid {
        Some((_, v)) if v == value => Ok(false),
        Some((rowid, _)) => {
            super::change(sql, &SETTING, rowid, Op::Update, Touch::IfChanged, || {
                sql.prepare_cached("UPDATE settings SET value = ?2 WHERE rowid = ?1")?
                    .execute(params![rowid, value])?;
                Ok(())
            })?;
            Ok(true)
        }
        None => {
            sql.prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2)")?
                .execute(params![key, value])?;
            super::created(sql, &SETTING, sql.last_insert_rowid(), Op::Create)?;
            Ok(true)
        }
    }
}

/// Roll a field up to another report column.
pub(in crate::store) fn set_field_column(sql: &Sql, id: i64, column: &str) -> Result<()> {
    super::change(sql, &FIELD, id, Op::Update, Touch::IfChanged, || {
        sql.prepare_cached("UPDATE fields SET report_column = ?2 WHERE id = ?1")?
            .execute(params![id, column])?;
        Ok(())
    })?;
    Ok(())
}

/// A rule's new values (from its first day: changed in place).
pub(in crate::store) struct RuleValues<'a> {
    pub days: u32,
    pub extension_days: u32,
    pub basis: &'a str,
    pub article: &'a str,
    pub active: bool,
    pub reason: &'a str,
}

/// Change a rule in place.
pub(in crate::store) fn update_rule(sql: &Sql, id: i64, v: &RuleValues) -> Result<()> {
    super::change(sql, &RULE, id, Op::Update, Touch::IfChanged, || {
        sql.prepare_cached(
            "UPDATE deadline_rules SET days = ?2, extension_days = ?3, basis = ?4,
                 article = ?5, active = ?6, reason = ?7
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            v.days,
            v.extension_days,
            v.basis,
            v.article,
            v.active,
            v.reason
        ])?;
        Ok(())
    })?;
    Ok(())
}

/// A rule changed from a later day: it ends the day before, and a new version (naming the
/// one it replaces, `uid`) runs from that day to the old end.
pub(in crate::store) fn split_rule(
    sql: &Sql,
    id: i64,
    uid: &str,
    from: NaiveDate,
    v: &RuleValues,
) -> Result<()> {
    sql.prepare_cached(
        "INSERT INTO deadline_rules (uid, obligation, case_type, round, complex, remote,
             disciplinary, dismissal, multi_site, days, extension_days, basis,
             start_event, article, effective_from, effective_to, unconfirmed, internal,
             active, note, excludes_obstacles, reason, replaces)
         SELECT ?2, obligation, case_type, round, complex, remote, disciplinary,
             dismissal, multi_site, ?3, ?4, ?5, start_event, ?6, ?7, effective_to,
             unconfirmed, internal, ?8, note, excludes_obstacles, ?9, id
         FROM deadline_rules WHERE id = ?1",
    )?
    .execute(params![
        id,
        uid,
        v.days,
        v.extension_days,
        v.basis,
        v.article,
        from,
        v.active,
        v.reason
    ])?;
    super::created(sql, &RULE, sql.last_insert_rowid(), Op::Create)?;
    super::change(sql, &RULE, id, Op::Update, Touch::IfChanged, || {
        sql.prepare_cached("UPDATE deadline_rules SET effective_to = ?2 WHERE id = ?1")?
            .execute(params![id, from - chrono::Duration::days(1)])?;
        Ok(())
    })?;
    Ok(())
}

/// Add an explicit calendar day version.
pub(in crate::store) fn insert_day(
    sql: &Sql,
    day: NaiveDate,
    effective_from: &str,
    kind: &str,
    name: &str,
    source: &str,
) -> Result<()> {
    sql.prepare_cached(
        "INSERT INTO calendar_days (day, effective_from, kind, name, source)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![day, effective_from, kind, name, source])?;
    super::created(sql, &CALENDAR_DAY, sql.last_insert_rowid(), Op::Create)?;
    Ok(())
}

/// Add a computed default day of a year being announced, unless the day has a version of
/// its own already.
pub(in crate::store) fn insert_default_day(
    sql: &Sql,
    day: NaiveDate,
    kind: &str,
    name: &str,
    source: &str,
) -> Result<()> {
    let n = sql
        .prepare_cached(
            "INSERT OR IGNORE INTO calendar_days (day, kind, name, source)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![day, kind, name, source])?;
    if n > 0 {
        super::created(sql, &CALENDAR_DAY, sql.last_insert_rowid(), Op::Create)?;
    }
    Ok(())
}

/// Remove the versions of a day dated on or after `from` (the officer's latest word holds
/// from its date on; the journal keeps them).
pub(in crate::store) fn supersede_days(sql: &Sql, day: NaiveDate, from: NaiveDate) -> Result<()> {
    let rowids: Vec<i64> = sql
        .prepare_cached(
            "SELECT rowid FROM calendar_days WHERE day = ?1 AND effective_from >= ?2
               AND effective_from != ''",
        )?
        .query_map(params![day, from], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for rowid in rowids {
        if let Some(rec) = super::read(sql.conn(), &CALENDAR_DAY, rowid)? {
            super::deleted(sql, &CALENDAR_DAY, &rec)?;
        }
        sql.prepare_cached("DELETE FROM calendar_days WHERE rowid = ?1")?
            .execute([rowid])?;
    }
    Ok(())
}

/// Announce a year of the calendar.
pub(in crate::store) fn insert_year(sql: &Sql, year: i32, source: &str) -> Result<()> {
    sql.prepare_cached("INSERT INTO calendar_years (year, source) VALUES (?1, ?2)")?
        .execute(params![year, source])?;
    super::created(sql, &CALENDAR_YEAR, sql.last_insert_rowid(), Op::Create)?;
    Ok(())
}

/// A closed period to insert.
pub(in crate::store) struct NewClosing<'a> {
    pub uid: &'a str,
    pub period: &'a str,
    pub day_from: NaiveDate,
    pub day_to: NaiveDate,
    pub circular: &'a str,
    pub figures: &'a str,
    pub digest: &'a str,
    pub closed_at: &'a str,
    pub closed_by: i64,
}

/// Insert a closed period (never rewritten).
pub(in crate::store) fn insert_closing(sql: &Sql, c: &NewClosing) -> Result<()> {
    if c.digest.len() != 64 {
        return Err(StoreError::Invalid("a closing's digest".into()));
    }
    sql.prepare_cached(
        "INSERT INTO report_closings (uid, period, day_from, day_to, circular, figures,
                                      digest, closed_at, closed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        c.uid,
        c.period,
        c.day_from,
        c.day_to,
        c.circular,
        c.figures,
        c.digest,
        c.closed_at,
        c.closed_by
    ])?;
    super::created(sql, &CLOSING, sql.last_insert_rowid(), Op::Create)?;
    Ok(())
}
