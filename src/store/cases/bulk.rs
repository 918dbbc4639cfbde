//! Bulk rows of cases (a load or an import): the same domain guards and SQL triggers as the
//! single writes; due dates and the index are made once, when the load finishes.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};

use super::super::{Bulk, Result, StoreError};
use super::steps::next_code;
use super::{Intake, StepInput, facts};
use crate::domain::case::{self, Action, CaseFacts, CaseStatus, Outcome, RefusalReason};
use crate::domain::text::{clean_line, nfc};

/// A case of a bulk load or import (its citizen and visit already loaded).
#[derive(Debug, Clone)]
pub struct BulkCase<'a> {
    pub uid: &'a str,
    /// The uid of its intake event.
    pub event_uid: &'a str,
    pub intake: &'a Intake,
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
    /// A new case (status `moi`, its intake event); returns its row id and code. Due dates
    /// and the index are made by `finish` for the whole load.
    pub fn case(&mut self, b: &BulkCase) -> Result<(i64, String)> {
        let c = b.intake;
        let conn = self.conn();
        let summary = nfc(c.summary.trim());
        if summary.is_empty() {
            return Err(StoreError::Invalid("case summary is empty".into()));
        }
        let field_id = super::super::visits::field_id(conn, &c.field_code)?;
        let year = c.received_on.year();
        let (seq, code) = next_code(conn, c.case_type, year)?;
        let desk = super::super::settings::desk_of(conn)?;
        conn.prepare_cached(
            "INSERT INTO cases (uid, code, case_type, year, desk, seq, citizen_id, field_id,
                 summary, remote, source, forwarded_by, forwarding_doc, received_on, officer_id,
                 created_at, updated_at, forwarder_kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16,
                     ?17)",
        )?
        .execute(params![
            b.uid,
            code,
            c.case_type.code(),
            year,
            desk,
            seq,
            c.citizen_id,
            field_id,
            summary,
            c.remote,
            c.source.code(),
            clean_line(&c.forwarded_by),
            clean_line(&c.forwarding_doc),
            c.received_on,
            b.by,
            b.at,
            c.forwarder_kind.map(|k| k.code()),
        ])?;
        let id = conn.last_insert_rowid();
        if let Some(visit_id) = c.visit_id {
            conn.prepare_cached("INSERT INTO case_visits (case_id, visit_id) VALUES (?1, ?2)")?
                .execute(params![id, visit_id])?;
        }
        bulk_event(
            conn,
            id,
            Action::Open,
            None,
            CaseStatus::New,
            &BulkStep {
                uid: b.event_uid,
                case_id: id,
                action: Action::Open,
                day: c.received_on,
                input: &StepInput {
                    document_no: c.forwarding_doc.clone(),
                    agency: c.forwarded_by.clone(),
                    ..StepInput::default()
                },
                at: b.at,
                by: b.by,
            },
        )?;
        self.count("cases");
        Ok((id, code))
    }

    /// A step of a loaded case, checked by the same domain guards as `Writer::case_step` (and
    /// the SQL triggers); returns the case's facts after it.
    pub fn case_step(&mut self, s: &BulkStep) -> Result<CaseFacts> {
        super::duties::refuse_time_bar_as_a_step(s.action)?;
        let conn = self.conn();
        let before = facts(conn, s.case_id)?;
        let after = case::apply(&before, s.action).map_err(|why| StoreError::Refused {
            action: s.action,
            status: before.status,
            why,
        })?;
        bulk_event(
            conn,
            s.case_id,
            s.action,
            Some(before.status),
            after.status,
            s,
        )?;
        let own = match s.action {
            Action::ClassifyOwn => Some(true),
            Action::ClassifyNotOwn => Some(false),
            _ => None,
        };
        conn.prepare_cached(
            "UPDATE cases SET status = ?2, complex = ?3, extensions = ?4, remote = ?10,
                 own_authority = coalesce(?5, own_authority),
                 accepted_on = coalesce(?6, accepted_on), resolved_on = coalesce(?7, resolved_on),
                 outcome = coalesce(?8, outcome), updated_at = ?9
             WHERE id = ?1",
        )?
        .execute(params![
            s.case_id,
            after.status.code(),
            after.complex,
            after.extensions,
            own,
            (s.action == Action::Accept).then_some(s.day),
            (s.action == Action::Resolve).then_some(s.day),
            s.input.outcome.map(Outcome::code),
            s.at,
            after.remote,
        ])?;
        super::duties::record_facts(conn, s.case_id, &after)?;
        self.count("case_events");
        Ok(after)
    }
}

fn bulk_event(
    conn: &Connection,
    case_id: i64,
    action: Action,
    from: Option<CaseStatus>,
    to: CaseStatus,
    s: &BulkStep,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO case_events (uid, case_id, at, day, officer_id, action, from_status, to_status,
             note, document_no, agency, reason, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        s.uid,
        case_id,
        s.at,
        s.day,
        s.by,
        action.code(),
        from.map(CaseStatus::code),
        to.code(),
        nfc(s.input.note.trim()),
        clean_line(&s.input.document_no),
        clean_line(&s.input.agency),
        s.input.reason.map(RefusalReason::code),
        s.input.outcome.map(Outcome::code),
    ])?;
    Ok(())
}
