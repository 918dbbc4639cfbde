//! The catalog's writes: a rule's days, basis and article (and an internal rule switched on
//! or off), and the calendar's days. Each is audited and recomputes, in the same
//! transaction, every case with an open obligation; each moved due date names the change.

use chrono::{Datelike, NaiveDate};
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

impl Writer<'_> {
    /// Change a rule's days, basis, extension days or article; every open case's due dates
    /// are recomputed in the same transaction, and the change is audited.
    pub fn update_rule(
        &mut self,
        seen: &Rule,
        days: u32,
        extension_days: u32,
        basis: DayBasis,
        article: &str,
    ) -> Result<usize> {
        if days == 0 || days > 366 || extension_days > 366 {
            return Err(StoreError::Invalid("days out of range".into()));
        }
        self.permit(Permission::EditCatalog)?;
        let rule_id = seen.id;
        refuse_if_changed(self.conn(), seen)?;
        let tx = &*self;
        let before = audit::row_json(tx.conn(), "deadline_rules", rule_id)?
            .ok_or(StoreError::NotFound("rule"))?;
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
        let after = audit::row_json(tx.conn(), "deadline_rules", rule_id)?;
        let uid = before["uid"].as_str().unwrap_or_default().to_owned();
        self.audit(
            "update",
            "deadline_rules",
            &uid,
            Some(&before),
            after.as_ref(),
        )?;
        let article = after
            .as_ref()
            .and_then(|a| a["article"].as_str())
            .unwrap_or_default()
            .to_owned();
        let n = recompute_all(tx.conn(), Some(&Cause::RuleEdited { article }))?;
        Ok(n)
    }

    /// Switch the unit's own rule (quy định nội bộ) on or off, with its days and basis: the
    /// target for proposals and feedback, which the law does not set. A rule of law cannot
    /// be switched off. Audited; every open case is recomputed.
    pub fn set_internal_rule(
        &mut self,
        seen: &Rule,
        active: bool,
        days: u32,
        basis: DayBasis,
    ) -> Result<usize> {
        if days == 0 || days > 366 {
            return Err(StoreError::Invalid("days out of range".into()));
        }
        self.permit(Permission::EditCatalog)?;
        let rule_id = seen.id;
        refuse_if_changed(self.conn(), seen)?;
        let tx = &*self;
        let before = audit::row_json(tx.conn(), "deadline_rules", rule_id)?
            .ok_or(StoreError::NotFound("rule"))?;
        if before["internal"].as_i64() != Some(1) {
            return Err(StoreError::Invalid(
                "only the unit's own rules can be switched on or off".into(),
            ));
        }
        tx.execute(
            "UPDATE deadline_rules SET active = ?2, days = ?3, basis = ?4 WHERE id = ?1",
            params![rule_id, active, days, basis.code()],
        )?;
        let after = audit::row_json(tx.conn(), "deadline_rules", rule_id)?;
        let uid = before["uid"].as_str().unwrap_or_default().to_owned();
        self.audit(
            "update",
            "deadline_rules",
            &uid,
            Some(&before),
            after.as_ref(),
        )?;
        let article = before["article"].as_str().unwrap_or_default().to_owned();
        let n = recompute_all(tx.conn(), Some(&Cause::RuleEdited { article }))?;
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
        announce(tx.conn(), day.year())?;
        self.audit(
            if before.is_some() { "update" } else { "insert" },
            "calendar_days",
            &day.to_string(),
            before
                .map(|(k, n)| json!({ "kind": k, "name": n }))
                .as_ref(),
            Some(&json!({ "kind": kind.code(), "name": name })),
        )?;
        let cause = match kind {
            DayKind::Off => Cause::DayOff { day, name },
            DayKind::Work => Cause::WorkDay { day, name },
        };
        let n = recompute_all(tx.conn(), Some(&cause))?;
        Ok(n)
    }

    /// Remove an explicit calendar day (the day becomes ordinary); recompute and audit.
    pub fn remove_calendar_day(&mut self, day: NaiveDate) -> Result<usize> {
        self.permit(Permission::EditCatalog)?;
        let tx = &*self;
        // A computed default of an unannounced year: announcing makes it a row to remove.
        announce(tx.conn(), day.year())?;
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
