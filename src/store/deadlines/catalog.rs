//! The catalog's writes: a rule's days, basis and article (and an internal rule switched on
//! or off), and the calendar's days — each from an effective date, so that a case whose clock
//! started before keeps its due dates and a reported period stays as it was (issue 23). Each
//! is audited and recomputes, in the same transaction, every case with an open obligation;
//! each moved due date names the change.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::super::{Permission, Result, StoreError, Writer, rows};
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
        let values = rows::RuleValues {
            days: c.days,
            extension_days: c.extension_days,
            basis: c.basis.code(),
            article: &article,
            active,
            reason: &reason,
        };
        if c.effective_from == seen.effective_from {
            rows::update_rule(self, seen.id, &values)?;
        } else {
            rows::split_rule(
                self,
                seen.id,
                &super::super::new_uid(),
                c.effective_from,
                &values,
            )?;
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
        announce(tx, day.year())?;
        rows::supersede_days(tx, day, effective_from)?;
        rows::insert_day(
            tx,
            day,
            &effective_from.to_string(),
            kind.code(),
            &name,
            "catalog",
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
        announce(tx, day.year())?;
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
        rows::supersede_days(tx, day, effective_from)?;
        // Still in force before the date: an ordinary day from it on.
        let earlier: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM calendar_days WHERE day = ?1 AND effective_from < ?2)",
            params![day, effective_from],
            |r| r.get(0),
        )?;
        if earlier {
            rows::insert_day(
                tx,
                day,
                &effective_from.to_string(),
                "none",
                &name,
                "catalog",
            )?;
        }
        let _ = kind;
        let n = recompute_all(tx.conn(), Some(&Cause::DayRemoved { day, name }))?;
        Ok(n)
    }

    /// Confirm a year's computed defaults as its announced calendar; recompute and audit.
    pub fn confirm_year(&mut self, year: i32) -> Result<usize> {
        self.permit(Permission::EditCatalog)?;
        let tx = &*self;
        announce(tx, year)?;
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

/// Make `year` an announced year: if it was not, its computed defaults become explicit rows
/// first, so that confirming or editing a year keeps the holidays it already had.
fn announce(w: &Writer, year: i32) -> Result<()> {
    let known: bool = w.query_row(
        "SELECT EXISTS (SELECT 1 FROM calendar_years WHERE year = ?1)",
        [year],
        |r| r.get(0),
    )?;
    if known {
        return Ok(());
    }
    for e in default_holidays(year) {
        rows::insert_default_day(
            w,
            e.day,
            e.kind.code(),
            &e.name,
            "BLLĐ Điều 111–112 (mặc định)",
        )?;
    }
    rows::insert_year(w, year, "catalog")
}
