//! The store's part of the duties around a case (issue 18), kept apart from `steps.rs`:
//!
//! - a guard before a step: accepting a complaint received after its time limit (Luật KN
//!   Art 9, 33(1), 48) needs the valid reason written down, or it is refused (Art 11(6));
//! - (the facts the new steps set, and a second round inheriting what its first round was
//!   against, are written with the step and the new case: `rows/case.rs`);
//! - the complaint's time-bar facts, recorded by their own write.
//!
//! `steps.rs` calls the guards at one line each; everything else is here.

use chrono::NaiveDate;

use super::super::write::On;
use super::super::{Permission, Result, StoreError, Writer, rows};
use super::steps::{case_for_update, insert_event};
use super::{StepInput, facts};
use crate::domain::case::{self, Action, CaseFacts, ComplaintSubject, Refusal};

/// A complaint's time-bar facts as the officer records them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeBarInput {
    /// The complainant received or learned of the decision or act (first round); received
    /// the first-round decision (second round).
    pub learned_on: NaiveDate,
    /// Days an obstacle (illness, disaster, work or study far away…) kept them from
    /// complaining: not counted (Art 9, 48).
    pub obstacle_days: u32,
    pub subject: ComplaintSubject,
    pub note: String,
}

/// Before a step is written: a complaint received after its time limit is never accepted
/// silently — the acceptance must give the valid reason (in its note).
pub(super) fn guard(w: &Writer, case_id: i64, action: Action, s: &StepInput) -> Result<()> {
    refuse_time_bar_as_a_step(action)?;
    if action != Action::Accept || !s.note.trim().is_empty() {
        return Ok(());
    }
    let ctx = super::super::deadlines::context(w.conn())?;
    let bar = super::super::deadlines::time_bar_of(w.conn(), &ctx, case_id)?;
    if bar.is_some_and(|b| b.late()) {
        return Err(StoreError::Refused {
            action,
            status: facts(w.conn(), case_id)?.status,
            why: Refusal::TimeBarred,
        });
    }
    Ok(())
}

/// A complaint's resolution is suspended only from the day Luật KN Art 11a is in force
/// (01/7/2026; a denunciation's since Luật TC Art 34). The trigger `case_events_suspension`
/// says the same.
pub(super) fn guard_suspension(f: &CaseFacts, action: Action, day: NaiveDate) -> Result<()> {
    if action == Action::Suspend && case::suspension_from(f.case_type).is_none_or(|d| day < d) {
        return Err(StoreError::Refused {
            action,
            status: f.status,
            why: Refusal::NotYetInForce,
        });
    }
    Ok(())
}

/// The time-bar facts are written by `record_time_bar`, never as a bare step without them.
pub(super) fn refuse_time_bar_as_a_step(action: Action) -> Result<()> {
    if action == Action::RecordTimeBar {
        return Err(StoreError::Invalid("use record_time_bar".into()));
    }
    Ok(())
}

impl Writer<'_> {
    /// Record a complaint's time-bar facts (`thoi_hieu`): when the complainant received or
    /// learned of the decision, the days lost to an obstacle, and what it is against. The
    /// time bar, the rules that apply (a disciplinary complaint has its own) and the due
    /// dates follow in the same transaction; audited. Acts on the case as seen at
    /// `expected_version`.
    pub fn record_time_bar(
        &mut self,
        uid: &str,
        expected_version: Option<i64>,
        t: &TimeBarInput,
        today: NaiveDate,
    ) -> Result<()> {
        self.permit_on(Permission::MoveCase, On::Case(uid))?;
        let id = case_for_update(self, uid, expected_version)?;
        let f = facts(self.conn(), id)?;
        case::apply(&f, Action::RecordTimeBar).map_err(|why| StoreError::Refused {
            action: Action::RecordTimeBar,
            status: f.status,
            why,
        })?;
        let received: NaiveDate =
            self.query_row("SELECT received_on FROM cases WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        if t.learned_on > received || t.learned_on > today {
            return Err(StoreError::Invalid(
                "the decision was known after the complaint was received".into(),
            ));
        }
        if t.obstacle_days > 3650 {
            return Err(StoreError::Invalid("obstacle days out of range".into()));
        }
        let note = StepInput {
            note: t.note.clone(),
            ..StepInput::default()
        };
        insert_event(
            self,
            id,
            Action::RecordTimeBar,
            Some(f.status),
            f.status,
            today,
            &note,
        )?;
        let (disciplinary, dismissal) = t.subject.flags();
        rows::time_bar(
            self,
            id,
            t.learned_on,
            t.obstacle_days,
            disciplinary,
            dismissal,
        )?;
        let ctx = super::super::deadlines::context(self.conn())?;
        super::super::deadlines::recompute_case(self.conn(), &ctx, id)
    }
}
