//! Bulk rows of cases (a load or an import): the same domain guards, SQL triggers and row
//! writers as the single writes; due dates and the index are made once, when the load
//! finishes.

use chrono::NaiveDate;

use super::super::{Bulk, Result, StoreError, rows};
use super::steps::next_code;
use super::{Intake, StepInput, facts};
use crate::domain::case::{self, Action, CaseFacts};

/// A case of a bulk load or import (its citizen and visit already loaded).
#[derive(Debug, Clone)]
pub struct BulkCase<'a> {
    pub uid: &'a str,
    /// The uid of its intake event.
    pub event_uid: &'a str,
    pub intake: &'a Intake,
    /// 2 for a second-round complaint, which names the case it follows.
    pub round: u8,
    pub previous_case_id: Option<i64>,
    pub at: &'a str,
    pub by: i64,
}

/// A step of a bulk-loaded case.
#[derive(Debug, Clone)]
pub struct BulkStep<'a> {
    pub uid: &'a str,
    pub case_id: i64,
    pub action: Action,
    pub day: NaiveDate,
    pub input: &'a StepInput,
    pub at: &'a str,
    pub by: i64,
}

impl Bulk<'_> {
    /// A new case (status `moi`, its intake event, its visit) through the desk's row writer
    /// (`rows::insert_case`: a second round keeps its round and first case here too);
    /// returns its row id and code. Due dates and the index are made by `finish` for the
    /// whole load.
    pub fn case(&mut self, b: &BulkCase) -> Result<(i64, String)> {
        use chrono::Datelike;
        // A denunciation rests on its citizen's sealed record (`apart.rs`).
        let citizen_id = self.citizen_on_side(
            b.intake.citizen_id,
            b.intake.case_type == case::CaseType::ToCao,
        )?;
        let on_side;
        let c = if citizen_id == b.intake.citizen_id {
            b.intake
        } else {
            on_side = Intake {
                citizen_id,
                ..b.intake.clone()
            };
            &on_side
        };
        let field_id = super::super::visits::field_id(self.conn(), &c.field_code)?;
        let (seq, code) = next_code(self.conn(), c.case_type, c.received_on.year())?;
        let desk = super::super::settings::desk_of(self.conn())?;
        let (disciplinary, dismissal) = match b.previous_case_id {
            Some(p) => self.conn().query_row(
                "SELECT disciplinary, dismissal FROM cases WHERE id = ?1",
                [p],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?,
            None => (false, false),
        };
        let id = self.sql().stamped(b.at, || {
            rows::insert_case(
                self.sql(),
                &rows::NewCase {
                    uid: b.uid,
                    event_uid: b.event_uid,
                    code: &code,
                    seq,
                    desk: &desk,
                    field_id,
                    intake: c,
                    round: b.round,
                    previous_case_id: b.previous_case_id,
                    disciplinary,
                    dismissal,
                    officer_id: Some(b.by),
                    at: b.at,
                },
            )
        })?;
        self.count("cases");
        Ok((id, code))
    }

    /// A step of a loaded case, checked by the same domain guards as `Writer::case_step` (and
    /// the SQL triggers) and written by the same row writers; returns the case's facts after
    /// it.
    pub fn case_step(&mut self, s: &BulkStep) -> Result<CaseFacts> {
        super::duties::refuse_time_bar_as_a_step(s.action)?;
        let before = facts(self.conn(), s.case_id)?;
        let after = case::apply(&before, s.action).map_err(|why| StoreError::Refused {
            action: s.action,
            status: before.status,
            why,
        })?;
        self.sql().stamped(s.at, || {
            rows::insert_event(
                self.sql(),
                &rows::NewEvent {
                    uid: s.uid,
                    case_id: s.case_id,
                    action: s.action,
                    from: Some(before.status),
                    to: after.status,
                    day: s.day,
                    input: s.input,
                    officer_id: Some(s.by),
                    at: s.at,
                },
            )?;
            rows::step_case(
                self.sql(),
                s.case_id,
                &rows::StepUpdate {
                    action: s.action,
                    day: s.day,
                    after,
                    outcome: s.input.outcome,
                    assignee: s.input.assignee,
                    result_requested: s.input.result_requested,
                },
            )
        })?;
        self.count("case_events");
        Ok(after)
    }
}
