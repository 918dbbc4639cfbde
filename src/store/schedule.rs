//! The head's reception schedule (lịch tiếp công dân, issue 29): its plans with effective
//! dates, what the book records of each day, the sessions that show a day held, and the
//! writes that change them (each through its row writer, journaled).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::write::Sql;
use super::{Permission, Result, Store, StoreError, Writer, new_uid, rows};
use crate::domain::schedule::{
    DayMark, DayRecord, Pattern, Plan, SessionDay, UnitLevel, check_plan, weekday_of,
};
use crate::domain::visit::{PresiderRole, ReceptionForm};

/// Every plan (ended ones too), by first day.
pub(super) fn load_plans(conn: &Connection) -> Result<Vec<Plan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, uid, leader, pattern, weekday, days, place, effective_from, effective_to,
                version
         FROM reception_plans ORDER BY effective_from, id",
    )?;
    let rows = stmt.query_map([], |r| {
        let pattern: String = r.get(3)?;
        let weekday: Option<u8> = r.get(4)?;
        let days: String = r.get(5)?;
        Ok(Plan {
            id: r.get(0)?,
            uid: r.get(1)?,
            leader: r.get(2)?,
            pattern: Pattern::from_code(&pattern).ok_or_else(|| super::bad_code(3))?,
            weekday: weekday.and_then(weekday_of),
            days: days.split(',').filter_map(|d| d.parse().ok()).collect(),
            place: r.get(6)?,
            effective_from: r.get(7)?,
            effective_to: r.get(8)?,
            version: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The days' records in `[from, to]`.
pub(super) fn load_days(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DayRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, posted_on, mark, moved_to, note, version FROM reception_days
         WHERE day BETWEEN ?1 AND ?2 ORDER BY day",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        let mark: Option<String> = r.get(2)?;
        Ok(DayRecord {
            day: r.get(0)?,
            posted_on: r.get(1)?,
            mark: mark.as_deref().and_then(DayMark::from_code),
            moved_to: r.get(3)?,
            note: r.get(4)?,
            version: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The head's sessions (periodic, ad hoc) in `[from, to]` that received someone — a refusal
/// is no reception, a voided visit none.
pub(super) fn load_head_sessions(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SessionDay>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.day, s.form, s.presider_role FROM sessions s
         WHERE s.day BETWEEN ?1 AND ?2 AND s.form IN ('dinh_ky', 'dot_xuat')
           AND EXISTS (SELECT 1 FROM visits v WHERE v.session_id = s.id
                         AND v.deleted_at IS NULL AND v.handling != 'tu_choi')
         ORDER BY s.day",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        let form: String = r.get(1)?;
        let role: Option<String> = r.get(2)?;
        Ok(SessionDay {
            day: r.get(0)?,
            form: ReceptionForm::from_code(&form).ok_or_else(|| super::bad_code(1))?,
            role: role.as_deref().and_then(PresiderRole::from_code),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The unit's level for the legal minimum (setting `unit_level`: xa, tinh, co_quan).
pub(super) fn load_level(conn: &Connection) -> Result<Option<UnitLevel>> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([super::settings::UNIT_LEVEL], |r| r.get(0))
        .optional()?;
    Ok(v.as_deref().and_then(UnitLevel::from_code))
}

impl Store {
    /// The schedule's plans, ended ones too.
    pub fn reception_plans(&self) -> Result<Vec<Plan>> {
        load_plans(&self.conn)
    }

    /// What the book records of the schedule's days in `[from, to]`.
    pub fn reception_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayRecord>> {
        load_days(&self.conn, from, to)
    }

    /// The head's sessions in `[from, to]` that received someone.
    pub fn head_sessions(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<SessionDay>> {
        load_head_sessions(&self.conn, from, to)
    }

    /// The unit's level (None: not set — no minimum is judged).
    pub fn unit_level(&self) -> Result<Option<UnitLevel>> {
        load_level(&self.conn)
    }
}

impl Writer<'_> {
    /// The schedule from `plan.effective_from` on: the plans in force then end the day
    /// before (a past month keeps the plan it had); a plan beginning on or after that day
    /// is refused (change it from its own first day, or end it first).
    pub fn set_reception_plan(&mut self, plan: &Plan) -> Result<String> {
        self.permit(Permission::EditCatalog)?;
        let mut p = plan.clone();
        p.leader = crate::domain::text::clean_line(&p.leader);
        p.place = crate::domain::text::clean_line(&p.place);
        if p.leader.is_empty() {
            return Err(StoreError::Invalid("a plan names who receives".into()));
        }
        if let Some(problem) = check_plan(&p) {
            return Err(StoreError::Invalid(format!("{problem:?}")));
        }
        let plans = load_plans(self.conn())?;
        if let Some(later) = plans.iter().find(|x| x.effective_from >= p.effective_from) {
            return Err(StoreError::Invalid(format!(
                "a plan already begins on {}",
                later.effective_from
            )));
        }
        end_plans_from(self, &plans, p.effective_from)?;
        let uid = new_uid();
        rows::insert_plan(self, &uid, &p)?;
        Ok(uid)
    }

    /// No schedule from `from` on: the plans in force end the day before.
    pub fn end_reception_plans(&mut self, from: NaiveDate) -> Result<()> {
        self.permit(Permission::EditCatalog)?;
        let plans = load_plans(self.conn())?;
        if !plans
            .iter()
            .any(|x| x.effective_from < from && x.effective_to.is_none_or(|to| to >= from))
        {
            return Err(StoreError::Invalid(format!("no plan in force on {from}")));
        }
        end_plans_from(self, &plans, from)
    }

    /// What the book records of a day of the schedule: when it was posted, and a mark when no
    /// session shows it (held with nobody coming, by a deputy, postponed to `moved_to`).
    pub fn record_reception_day(
        &mut self,
        day: NaiveDate,
        posted_on: Option<NaiveDate>,
        mark: Option<DayMark>,
        moved_to: Option<NaiveDate>,
        note: &str,
    ) -> Result<()> {
        self.permit(Permission::RecordVisit)?;
        if posted_on.is_some_and(|p| p > day) {
            return Err(StoreError::Invalid("posted after the day".into()));
        }
        if moved_to.is_some() && mark != Some(DayMark::Postponed) {
            return Err(StoreError::Invalid("only a postponed day moves".into()));
        }
        let note = crate::domain::text::clean_line(note);
        rows::put_day(
            self,
            day,
            &rows::DayValues {
                posted_on,
                mark,
                moved_to,
                note: &note,
            },
        )
    }
}

fn end_plans_from(sql: &Sql, plans: &[Plan], from: NaiveDate) -> Result<()> {
    let before = from.pred_opt().expect("a day before");
    for x in plans
        .iter()
        .filter(|x| x.effective_from < from && x.effective_to.is_none_or(|to| to >= from))
    {
        rows::end_plan(sql, x.id, before)?;
    }
    Ok(())
}
