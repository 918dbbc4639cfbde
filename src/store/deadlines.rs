//! Deadline rules, the calendar and the computed due dates of open cases (migration 0003).
//!
//! Due dates are never typed: every write that changes a case's facts recomputes its open
//! obligations in the same transaction, and a change of the rules or the calendar recomputes
//! those of every open case (and is audited).

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::{
    Permission, Result, Store, StoreError, Writer, audit, bad_code, now_stamp, open_statuses,
};
use crate::domain::calendar::{Calendar, CalendarEntry, DayKind, default_holidays};
use crate::domain::case::{CaseStatus, CaseType};
use crate::domain::deadline::{
    self, Bucket, CaseClock, DayBasis, Explanation, Obligation, Rule, StartEvent,
};
use crate::domain::identity::{Person, Record};
use crate::domain::text::clean_line;

/// The rules and the calendar, as loaded for one computation.
pub struct DeadlineContext {
    pub rules: Vec<Rule>,
    pub calendar: Calendar,
}

pub(super) fn load_rules(conn: &Connection) -> Result<Vec<Rule>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, obligation, case_type, round, complex, remote, days, extension_days, basis,
                start_event, article, effective_from, effective_to, unconfirmed
         FROM deadline_rules ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let o: String = r.get(1)?;
        let t: Option<String> = r.get(2)?;
        let basis: String = r.get(8)?;
        let start: String = r.get(9)?;
        Ok(Rule {
            id: r.get(0)?,
            obligation: Obligation::from_code(&o).ok_or_else(|| bad_code(1))?,
            case_type: match t {
                Some(t) => Some(CaseType::from_code(&t).ok_or_else(|| bad_code(2))?),
                None => None,
            },
            round: r.get(3)?,
            complex: r.get(4)?,
            remote: r.get(5)?,
            days: r.get(6)?,
            extension_days: r.get(7)?,
            basis: DayBasis::from_code(&basis).ok_or_else(|| bad_code(8))?,
            start: StartEvent::from_code(&start).ok_or_else(|| bad_code(9))?,
            article: r.get(10)?,
            effective_from: r.get(11)?,
            effective_to: r.get(12)?,
            unconfirmed: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn load_calendar(conn: &Connection) -> Result<Calendar> {
    let announced: Vec<i32> = conn
        .prepare_cached("SELECT year FROM calendar_years ORDER BY year")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached("SELECT day, kind, name FROM calendar_days ORDER BY day")?;
    let stored: Vec<CalendarEntry> = stmt
        .query_map([], |r| {
            let kind: String = r.get(1)?;
            Ok(CalendarEntry {
                day: r.get(0)?,
                kind: DayKind::from_code(&kind).ok_or_else(|| bad_code(1))?,
                name: r.get(2)?,
                expected: false,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let year = chrono::Local::now().year();
    Ok(Calendar::new(stored, announced, 2012..=year + 3))
}

pub(super) fn context(conn: &Connection) -> Result<DeadlineContext> {
    Ok(DeadlineContext {
        rules: load_rules(conn)?,
        calendar: load_calendar(conn)?,
    })
}

fn clock(conn: &Connection, case_id: i64) -> Result<CaseClock> {
    conn.prepare_cached(
        "SELECT case_type, status, round, complex, remote, extensions, received_on, accepted_on,
                source = 'tiep_cong_dan'
         FROM cases WHERE id = ?1",
    )?
    .query_row([case_id], |r| {
        let t: String = r.get(0)?;
        let s: String = r.get(1)?;
        Ok(CaseClock {
            case_type: CaseType::from_code(&t).ok_or_else(|| bad_code(0))?,
            status: CaseStatus::from_code(&s).ok_or_else(|| bad_code(1))?,
            round: r.get(2)?,
            complex: r.get(3)?,
            remote: r.get(4)?,
            extensions: r.get(5)?,
            received_on: r.get(6)?,
            accepted_on: r.get(7)?,
            from_visit: r.get(8)?,
        })
    })
    .optional()?
    .ok_or(StoreError::NotFound("case"))
}

/// Replace the stored due dates of one case by its open obligations now (none for a case
/// marked deleted).
pub(super) fn recompute_case(conn: &Connection, ctx: &DeadlineContext, case_id: i64) -> Result<()> {
    let c = clock(conn, case_id)?;
    conn.prepare_cached("DELETE FROM case_deadlines WHERE case_id = ?1")?
        .execute([case_id])?;
    let deleted: bool = conn
        .prepare_cached("SELECT deleted_at IS NOT NULL FROM cases WHERE id = ?1")?
        .query_row([case_id], |r| r.get(0))?;
    if deleted {
        conn.prepare_cached("UPDATE cases SET next_due = NULL WHERE id = ?1")?
            .execute([case_id])?;
        return Ok(());
    }
    let now = now_stamp();
    for due in deadline::open_obligations(&c, &ctx.rules, &ctx.calendar) {
        conn.prepare_cached(
            "INSERT INTO case_deadlines (case_id, obligation, rule_id, start_on, due_on,
                 explanation, computed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            case_id,
            due.obligation.code(),
            due.explanation.rule_id,
            due.explanation.start_on,
            due.due_on,
            serde_json::to_string(&due.explanation)?,
            now,
        ])?;
    }
    conn.prepare_cached(
        "UPDATE cases SET next_due = (SELECT min(due_on) FROM case_deadlines WHERE case_id = ?1)
         WHERE id = ?1",
    )?
    .execute([case_id])?;
    Ok(())
}

/// Recompute the due dates of every open case (after a change of rules or calendar).
pub(crate) fn recompute_all(conn: &Connection) -> Result<usize> {
    let ctx = context(conn)?;
    let open = open_statuses();
    let ids: Vec<i64> = conn
        .prepare(&format!(
            "SELECT id FROM cases WHERE deleted_at IS NULL AND status IN ({open})"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // Closed cases keep no open obligation.
    conn.execute(
        &format!(
            "DELETE FROM case_deadlines WHERE case_id IN
               (SELECT id FROM cases WHERE status NOT IN ({open}))"
        ),
        [],
    )?;
    conn.execute(
        &format!(
            "UPDATE cases SET next_due = NULL
             WHERE next_due IS NOT NULL AND status NOT IN ({open})"
        ),
        [],
    )?;
    for id in &ids {
        recompute_case(conn, &ctx, *id)?;
    }
    Ok(ids.len())
}

/// One row of the deadline board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardRow {
    pub case_uid: String,
    pub code: String,
    pub case_type: CaseType,
    pub field_name: String,
    pub citizen: Person,
    pub obligation: Obligation,
    pub due_on: NaiveDate,
    pub officer_name: Option<String>,
}

/// The board: counts per bucket, and the most urgent rows first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Board {
    pub overdue: u32,
    pub within3: u32,
    pub within7: u32,
    pub later: u32,
    pub due_today: u32,
    pub rows: Vec<BoardRow>,
}

impl Board {
    pub fn count(&self, b: Bucket) -> u32 {
        match b {
            Bucket::Overdue => self.overdue,
            Bucket::Within3 => self.within3,
            Bucket::Within7 => self.within7,
            Bucket::Later => self.later,
        }
    }
}

/// A stored due date with its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDue {
    pub obligation: Obligation,
    pub due_on: NaiveDate,
    pub explanation: Explanation,
}

impl Store {
    /// The rules and the calendar in force.
    pub fn deadline_context(&self) -> Result<DeadlineContext> {
        context(&self.conn)
    }

    pub fn deadline_rules(&self) -> Result<Vec<Rule>> {
        load_rules(&self.conn)
    }

    pub fn calendar(&self) -> Result<Calendar> {
        load_calendar(&self.conn)
    }

    /// The stored due dates of a case, soonest first.
    pub fn case_dues(&self, case_uid: &str) -> Result<Vec<CaseDue>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.obligation, d.due_on, d.explanation FROM case_deadlines d
             JOIN cases k ON k.id = d.case_id WHERE k.uid = ?1 ORDER BY d.due_on",
        )?;
        let rows = stmt.query_map([case_uid], |r| {
            let o: String = r.get(0)?;
            let e: String = r.get(2)?;
            Ok((o, r.get::<_, NaiveDate>(1)?, e))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (o, due_on, e) = row?;
            out.push(CaseDue {
                obligation: Obligation::from_code(&o).ok_or(StoreError::NotFound("obligation"))?,
                due_on,
                explanation: serde_json::from_str(&e)?,
            });
        }
        Ok(out)
    }

    /// The deadline board on `today` by the calendar `cal`: bucket counts and the first
    /// `limit` rows by due date.
    pub fn board(&self, today: NaiveDate, cal: &Calendar, limit: u32) -> Result<Board> {
        let d3 = cal.add_working_days(today, 3);
        let d7 = cal.add_working_days(today, 7);
        let (overdue, within3, within7, later, due_today) = self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(CASE WHEN due_on < ?1 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on >= ?1 AND due_on <= ?2 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on > ?2 AND due_on <= ?3 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on > ?3 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on = ?1 THEN n END), 0)
                 FROM obligation_counts",
            )?
            .query_row(params![today, d3, d7], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.uid, k.code, k.case_type, f.name, c.full_name, d.obligation, d.due_on,
                    o.full_name, k.identity_disclosed
             FROM case_deadlines d
             JOIN cases k ON k.id = d.case_id
             JOIN fields f ON f.id = k.field_id
             JOIN citizens c ON c.id = k.citizen_id
             LEFT JOIN officers o ON o.id = k.officer_id
             ORDER BY d.due_on, d.case_id LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit], |r| {
                let t: String = r.get(2)?;
                let o: String = r.get(5)?;
                let case_uid: String = r.get(0)?;
                let code: String = r.get(1)?;
                let case_type = CaseType::from_code(&t).ok_or_else(|| bad_code(2))?;
                Ok(BoardRow {
                    citizen: Person::of(
                        r.get::<_, String>(4)?,
                        case_type == CaseType::ToCao,
                        Record::Case(case_uid.clone()),
                        Some(code.clone()),
                        r.get(8)?,
                    ),
                    case_uid,
                    code,
                    case_type,
                    field_name: r.get(3)?,
                    obligation: Obligation::from_code(&o).ok_or_else(|| bad_code(5))?,
                    due_on: r.get(6)?,
                    officer_name: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Board {
            overdue,
            within3,
            within7,
            later,
            due_today,
            rows,
        })
    }

    /// (overdue, due today) over all open obligations, for the status line.
    pub fn deadline_alerts(&self, today: NaiveDate) -> Result<(u32, u32)> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(CASE WHEN due_on < ?1 THEN n END), 0),
                        coalesce(sum(CASE WHEN due_on = ?1 THEN n END), 0)
                 FROM obligation_counts",
            )?
            .query_row([today], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }
}

impl Writer<'_> {
    /// Change a rule's days, basis, extension days or article; every open case's due dates
    /// are recomputed in the same transaction, and the change is audited.
    pub fn update_rule(
        &mut self,
        rule_id: i64,
        days: u32,
        extension_days: u32,
        basis: DayBasis,
        article: &str,
    ) -> Result<usize> {
        if days == 0 || days > 366 || extension_days > 366 {
            return Err(StoreError::Invalid("days out of range".into()));
        }
        self.permit(Permission::EditCatalog)?;
        let tx = &*self;
        let before =
            audit::row_json(tx, "deadline_rules", rule_id)?.ok_or(StoreError::NotFound("rule"))?;
        tx.execute(
            "UPDATE deadline_rules SET days = ?2, extension_days = ?3, basis = ?4, article = ?5
             WHERE id = ?1",
            params![
                rule_id,
                days,
                extension_days,
                basis.code(),
                clean_line(article)
            ],
        )?;
        let after = audit::row_json(tx, "deadline_rules", rule_id)?;
        let uid = before["uid"].as_str().unwrap_or_default().to_owned();
        self.audit(
            "update",
            "deadline_rules",
            &uid,
            Some(&before),
            after.as_ref(),
        )?;
        let n = recompute_all(tx)?;
        Ok(n)
    }

    /// Add (or replace) an explicit calendar day; recompute and audit.
    pub fn set_calendar_day(&mut self, day: NaiveDate, kind: DayKind, name: &str) -> Result<usize> {
        let name = clean_line(name);
        if name.is_empty() {
            return Err(StoreError::Invalid("a calendar day needs a name".into()));
        }
        self.permit(Permission::EditCatalog)?;
        let tx = &*self;
        let before: Option<(String, String)> = tx
            .query_row(
                "SELECT kind, name FROM calendar_days WHERE day = ?1",
                [day],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        tx.execute(
            "INSERT INTO calendar_days (day, kind, name, source) VALUES (?1, ?2, ?3, 'catalog')
             ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                 source = excluded.source",
            params![day, kind.code(), name],
        )?;
        announce(tx, day.year())?;
        self.audit(
            if before.is_some() { "update" } else { "insert" },
            "calendar_days",
            &day.to_string(),
            before
                .map(|(k, n)| json!({ "kind": k, "name": n }))
                .as_ref(),
            Some(&json!({ "kind": kind.code(), "name": name })),
        )?;
        let n = recompute_all(tx)?;
        Ok(n)
    }

    /// Remove an explicit calendar day (the day becomes ordinary); recompute and audit.
    pub fn remove_calendar_day(&mut self, day: NaiveDate) -> Result<usize> {
        self.permit(Permission::EditCatalog)?;
        let tx = &*self;
        // A computed default of an unannounced year: announcing makes it a row to remove.
        announce(tx, day.year())?;
        let before: Option<(String, String)> = tx
            .query_row(
                "SELECT kind, name FROM calendar_days WHERE day = ?1",
                [day],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((kind, name)) = before else {
            return Err(StoreError::NotFound("calendar day"));
        };
        tx.execute("DELETE FROM calendar_days WHERE day = ?1", [day])?;
        self.audit(
            "delete",
            "calendar_days",
            &day.to_string(),
            Some(&json!({ "kind": kind, "name": name })),
            None,
        )?;
        let n = recompute_all(tx)?;
        Ok(n)
    }

    /// Confirm a year's computed defaults as its announced calendar; recompute and audit.
    pub fn confirm_year(&mut self, year: i32) -> Result<usize> {
        self.permit(Permission::EditCatalog)?;
        let tx = &*self;
        announce(tx, year)?;
        self.audit(
            "confirm",
            "calendar_years",
            &year.to_string(),
            None,
            Some(&json!({ "year": year })),
        )?;
        let n = recompute_all(tx)?;
        Ok(n)
    }
}

/// Make `year` an announced year: if it was not, its computed defaults become explicit rows
/// first, so that confirming or editing a year keeps the holidays it already had.
fn announce(conn: &Connection, year: i32) -> Result<()> {
    let known: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM calendar_years WHERE year = ?1)",
        [year],
        |r| r.get(0),
    )?;
    if known {
        return Ok(());
    }
    for e in default_holidays(year) {
        conn.execute(
            "INSERT OR IGNORE INTO calendar_days (day, kind, name, source)
             VALUES (?1, ?2, ?3, 'BLLĐ Điều 111–112 (mặc định)')",
            params![e.day, e.kind.code(), e.name],
        )?;
    }
    conn.execute(
        "INSERT INTO calendar_years (year, source) VALUES (?1, 'catalog')",
        [year],
    )?;
    Ok(())
}
