//! The row writers of the reception schedule (issue 29): the head's plans and what the book
//! records of a day of the schedule.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{RECEPTION_DAY, RECEPTION_PLAN, Touch};
use crate::domain::journal::Op;
use crate::domain::schedule::{DayMark, Plan};
use crate::store::Result;
use crate::store::write::Sql;

/// Insert a plan (its entry); returns the row id.
pub(in crate::store) fn insert_plan(sql: &Sql, uid: &str, p: &Plan) -> Result<i64> {
    let at = sql.stamp();
    let days: Vec<String> = p.days.iter().map(u8::to_string).collect();
    sql.prepare_cached(
        "INSERT INTO reception_plans (uid, leader, pattern, weekday, days, place,
             effective_from, effective_to, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        uid,
        p.leader,
        p.pattern.code(),
        p.weekday.map(|w| w.number_from_monday()),
        days.join(","),
        p.place,
        p.effective_from,
        p.effective_to,
        at,
    ])?;
    let id = sql.last_insert_rowid();
    super::created(sql, &RECEPTION_PLAN, id, Op::Create)?;
    Ok(id)
}

/// End a plan on `to` (the day before its successor begins).
pub(in crate::store) fn end_plan(sql: &Sql, id: i64, to: NaiveDate) -> Result<()> {
    super::change(
        sql,
        &RECEPTION_PLAN,
        id,
        Op::Update,
        Touch::IfChanged,
        || {
            sql.prepare_cached("UPDATE reception_plans SET effective_to = ?2 WHERE id = ?1")?
                .execute(params![id, to])?;
            Ok(())
        },
    )?;
    Ok(())
}

/// What is recorded of a day of the schedule.
pub(in crate::store) struct DayValues<'a> {
    pub posted_on: Option<NaiveDate>,
    pub mark: Option<DayMark>,
    pub moved_to: Option<NaiveDate>,
    pub note: &'a str,
}

/// Write a day's record (its entry; nothing when unchanged).
pub(in crate::store) fn put_day(sql: &Sql, day: NaiveDate, v: &DayValues) -> Result<()> {
    let rowid: Option<i64> = sql
        .prepare_cached("SELECT rowid FROM reception_days WHERE day = ?1")?
        .query_row([day], |r| r.get(0))
        .optional()?;
    let mark = v.mark.map(DayMark::code);
    match rowid {
        Some(rowid) => {
            super::change(
                sql,
                &RECEPTION_DAY,
                rowid,
                Op::Update,
                Touch::IfChanged,
                || {
                    sql.prepare_cached(
                    "UPDATE reception_days SET posted_on = ?2, mark = ?3, moved_to = ?4, note = ?5
                     WHERE rowid = ?1",
                )?
                .execute(params![rowid, v.posted_on, mark, v.moved_to, v.note])?;
                    Ok(())
                },
            )?;
        }
        None => {
            sql.prepare_cached(
                "INSERT INTO reception_days (day, posted_on, mark, moved_to, note, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                day,
                v.posted_on,
                mark,
                v.moved_to,
                v.note,
                sql.stamp()
            ])?;
            super::created(sql, &RECEPTION_DAY, sql.last_insert_rowid(), Op::Create)?;
        }
    }
    Ok(())
}
