//! The catalog's writes: a rule's days, basis and article (and an internal rule switched on
//! or off), and the calendar's days — each from an effective date, so that a case whose clock
//! started before keeps its due dates and a reported period stays as it was (issue 23). Each
//! is audited and recomputes, in the same transaction, every case with an open obligation;
//! each moved due date names the change.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use super::super::{Permission, Result, StoreError, Writer, audit};
use super::recompute_all;
use crate::domain::calendar::{DayKind, default_holidays};
use crate::domain::deadline::{Cause, DayBasis, Rule};
use crate::domain::text::clean_line;

/// A rule is changed only from the rule the officer saw: another desk's edit since is
/// refused with a conflict, never undone silently.
fn refuse_if_changed(conn: &Connection, seen: &Rule) -> Result<()> {
    match super::load_rules(conn)?
        .into_iter()
        .find(|r| r.id == seen.id)
    {
        None => Err(StoreError::NotFound("rule")),
        Some(now) if now != *seen => Err(StoreError::Conflict {
            what: "rule",
            changed_at: None,
        }),
        Some(_) => Ok(()),
    }
}

/// A change of a deadline rule as the catalog's form gives it. It takes effect for the
/// clocks starting on `effective_from`: a case whose clock started before keeps the rule it
/// had, so a reported period stays as it was (issue 23).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleChange {
    pub days: u32,
    pub extension_days: u32,
    pub basis: DayBasis,
    /// The article (a rule of law); the unit's own rule keeps its own.
    pub article: String,
    /// The unit's own rule switched on or off; None for a rule of law (always applied).
    pub active: Option<bool>,
    pub effective_from: NaiveDate,
    /// Why: required for a rule of law.
    pub reason: String,
}

impl Writer<'_> {
    /// Change a rule from a date: its days, extension days, basis and article (a rule of law,
    /// with the reason), or the unit's own rule switched on or off with its days and basis.
    /// From the rule's first day the rule is changed in place; from a later day within its
    /// period the rule ends the day before and a new version (naming the one it replaces)
    /// runs from that day to the old end. Every case with an open obligation is recomputed in
    /// the same transaction — only those whose clock starts on or after the date can move —
    /// and the change is audited.
    pub fn change_rule(&mut self, seen: &Rule, c: &RuleChange) -> Result<usize> {
        if c.days == 0 || c.days > 366 || c.extension_days > 366 {
            return Err(StoreError::Invalid("days out of range".into()));
        }
        self.permit(Permission::EditCatalog)?;
        refuse_if_changed(self.conn(), seen)?;
        if c.active.is_some() != seen.internal {
            return Err(StoreError::Invalid(
                "only the unit's own rules can be switched on or off".into(),
            ));
        }
        let reason = clean_line(&c.reason);
        if !seen.internal && reason.is_empty() {
            return Err(StoreError::Invalid(
                "a rule of law is changed only with a reason".into(),
            ));
        }
        if !seen.in_force(c.effective_from) {
            return Err(StoreError::Invalid(
                "the effective date lies outside the rule's period".into(),
            ));
        }
        let article = if seen.internal {
            seen.article.clone()
        } else {
            clean_line(&c.article)
        };
        let active = c.active.unwrap_or(true);
        let tx = &*self;
        let before = audit::row_json(tx.conn(), "deadline_rules", seen.id)?
            .ok_or(StoreError::NotFound("rule"))?;
        let uid = before["uid"].as_str().unwrap_or_default().to_owned();
        if c.effective_from == seen.effective_from {
            tx.execute(
                "UPDATE deadline_rules SET days = ?2, extension_days = ?3, basis = ?4,
                     article = ?5, active = ?6, reason = ?7
                 WHERE id = ?1",
                params![
                    seen.id,
                    c.days,
                    c.extension_days,
                    c.basis.code(),
                    article,
                    active,
                    reason
                ],
            )?;
            let after = audit::row_json(tx.conn(), "deadline_rules", seen.id)?;
            self.audit(
                "update",
                "deadline_rules",
                &uid,
                Some(&before),
                after.as_ref(),
            )?;
        } else {
            let new_uid = super::super::new_uid();
            tx.execute(
                "INSERT INTO deadline_rules (uid, obligation, case_type, round, complex, remote,
                     disciplinary, dismissal, multi_site, days, extension_days, basis,
                     start_event, article, effective_from, effective_to, unconfirmed, internal,
                     active, note, excludes_obstacles, reason, replaces)
                 SELECT ?2, obligation, case_type, round, complex, remote, disciplinary,
                     dismissal, multi_site, ?3, ?4, ?5, start_event, ?6, ?7, effective_to,
                     unconfirmed, internal, ?8, note, excludes_obstacles, ?9, id
                 FROM deadline_rules WHERE id = ?1",
                params![
                    seen.id,
                    new_uid,
                    c.days,
                    c.extension_days,
                    c.basis.code(),
                    article,
                    c.effective_from,
                    active,
                    reason
                ],
            )?;
            let new_id = tx.last_insert_rowid();
            tx.execute(
                "UPDATE deadline_rules SET effective_to = ?2 WHERE id = ?1",
                params![seen.id, c.effective_from - Duration::days(1)],
            )?;
            let closed = audit::row_json(tx.conn(), "deadline_rules", seen.id)?;
            self.audit(
                "update",
                "deadline_rules",
                &uid,
                Some(&before),
                closed.as_ref(),
            )?;
            let added = audit::row_json(tx.conn(), "deadline_rules", new_id)?;
            self.audit("insert", "deadline_rules", &new_uid, None, added.as_ref())?;
        }
        recompute_all(self.conn(), Some(&Cause::RuleEdited { article }))
    }

    /// Add (or replace) an explicit calendar day from `effective_from` on: a period counted
    /// from a clock that started before keeps the calendar it had. Recompute and audit.
    pub fn set_calendar_day(
        &mut self,
        day: NaiveDate,
        kind: DayKind,
        name: &str,
        effective_from: NaiveDate,
    ) -> Result<usize> {
        let name = clean_line(name);
        if name.is_empty() {
            return Err(StoreError::Invalid("a calendar day needs a name".into()));
        }
        self.permit(Permission::EditCatalog)?;
        let tx = &*self;
        announce(tx.conn(), day.year())?;
        let before = version_at(tx.conn(), day, effective_from)?;
        supersede(tx.conn(), day, effective_from)?;
        tx.execute(
            "INSERT INTO calendar_days (day, effective_from, kind, name, source)
             VALUES (?1, ?2, ?3, ?4, 'catalog')",
            params![day, effective_from, kind.code(), name],
        )?;
        self.audit(
            if before.is_some() { "update" } else { "insert" },
            "calendar_days",
            &day.to_string(),
            before
                .map(|(k, n)| json!({ "kind": k, "name": n }))
                .as_ref(),
            Some(&json!({ "kind": kind.code(), "name": name, "effective_from": effective_from })),
        )?;
        let cause = match kind {
            DayKind::Off => Cause::DayOff { day, name },
            DayKind::Work => Cause::WorkDay { day, name },
        };
        let n = recompute_all(tx.conn(), Some(&cause))?;
        Ok(n)
    }

    /// Remove an explicit calendar day (the day becomes ordinary) from `effective_from` on:
    /// a clock that started before still counts it. Recompute and audit.
    pub fn remove_calendar_day(
        &mut self,
        day: NaiveDate,
        effective_from: NaiveDate,
    ) -> Result<usize> {
        self.permit(Permission::EditCatalog)?;
        let tx = &*self;
        // A computed default of an unannounced year: announcing makes it a row to remove.
        announce(tx.conn(), day.year())?;
        // The day as it is from that date on: in force then, or added for a later date (a
        // removal from an earlier date cancels it).
        let later: Option<(String, String)> = tx
            .query_row(
                "SELECT kind, name FROM calendar_days WHERE day = ?1 AND effective_from > ?2
                   AND kind != 'none' ORDER BY effective_from LIMIT 1",
                params![day, effective_from],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((kind, name)) = version_at(tx.conn(), day, effective_from)?.or(later) else {
            return Err(StoreError::NotFound("calendar day"));
        };
        supersede(tx.conn(), day, effective_from)?;
        // Still in force before the date: an ordinary day from it on.
        let earlier: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM calendar_days WHERE day = ?1 AND effective_from < ?2)",
            params![day, effective_from],
            |r| r.get(0),
        )?;
        if earlier {
            tx.execute(
                "INSERT INTO calendar_days (day, effective_from, kind, name, source)
                 VALUES (?1, ?2, 'none', ?3, 'catalog')",
                params![day, effective_from, name],
            )?;
        }
        self.audit(
            "delete",
            "calendar_days",
            &day.to_string(),
            Some(&json!({ "kind": kind, "name": name })),
            Some(&json!({ "effective_from": effective_from })),
        )?;
        let n = recompute_all(tx.conn(), Some(&Cause::DayRemoved { day, name }))?;
        Ok(n)
    }

    /// Confirm a year's computed defaults as its announced calendar; recompute and audit.
    pub fn confirm_year(&mut self, year: i32) -> Result<usize> {
        self.permit(Permission::EditCatalog)?;
        let tx = &*self;
        announce(tx.conn(), year)?;
        self.audit(
            "confirm",
            "calendar_years",
            &year.to_string(),
            None,
            Some(&json!({ "year": year })),
        )?;
        let n = recompute_all(tx.conn(), Some(&Cause::YearConfirmed { year }))?;
        Ok(n)
    }
}

/// What `day` is for a clock starting on `on` (kind, name): None when it is an ordinary day.
fn version_at(
    conn: &Connection,
    day: NaiveDate,
    on: NaiveDate,
) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT kind, name FROM calendar_days WHERE day = ?1 AND effective_from <= ?2
             ORDER BY effective_from DESC LIMIT 1",
            params![day, on],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?
        .filter(|(kind, _)| kind != "none"))
}

/// The officer's latest word on a day holds from its date on: versions dated on or after it
/// give way (the audit keeps them).
fn supersede(conn: &Connection, day: NaiveDate, from: NaiveDate) -> Result<()> {
    conn.execute(
        "DELETE FROM calendar_days WHERE day = ?1 AND effective_from >= ?2
           AND effective_from != ''",
        params![day, from],
    )?;
    Ok(())
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
