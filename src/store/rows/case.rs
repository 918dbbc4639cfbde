//! The row writers of cases, their steps (events) and their visits: the one INSERT of each
//! (the desk's intake and a bulk load's alike: a second round keeps its round and the case it
//! follows either way) and every change of a case, each an entry.

use chrono::NaiveDate;
use rusqlite::params;

use super::{CASE, CASE_EVENT, CASE_VISIT, Touch};
use crate::domain::case::{Action, CaseFacts, CaseStatus, Outcome, RefusalReason};
use crate::domain::journal::Op;
use crate::domain::text::{clean_line, nfc};
use crate::store::cases::{Intake, StepInput};
use crate::store::write::Sql;
use crate::store::{Result, StoreError};

/// A case to insert (status `moi`) with its intake event and the visit it came with.
pub(in crate::store) struct NewCase<'a> {
    pub uid: &'a str,
    pub event_uid: &'a str,
    pub code: &'a str,
    pub seq: u32,
    pub desk: &'a str,
    pub field_id: i64,
    pub intake: &'a Intake,
    pub round: u8,
    pub previous_case_id: Option<i64>,
    /// A second round is against the same decision as its first (disciplinary or not).
    pub disciplinary: bool,
    pub dismissal: bool,
    pub officer_id: Option<i64>,
    pub at: &'a str,
}

/// Insert a case, its intake event and its link to the visit; returns the row id.
pub(in crate::store) fn insert_case(sql: &Sql, n: &NewCase) -> Result<i64> {
    use chrono::Datelike;
    let c = n.intake;
    let summary = nfc(c.summary.trim());
    if summary.is_empty() {
        return Err(StoreError::Invalid("case summary is empty".into()));
    }
    sql.prepare_cached(
        "INSERT INTO cases (uid, code, case_type, year, desk, seq, citizen_id, field_id, summary,
             round, previous_case_id, remote, source, forwarded_by, forwarding_doc, received_on,
             officer_id, created_at, updated_at, forwarder_kind, disciplinary, dismissal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?18, ?19, ?20, ?21)",
    )?
    .execute(params![
        n.uid,
        n.code,
        c.case_type.code(),
        c.received_on.year(),
        n.desk,
        n.seq,
        c.citizen_id,
        n.field_id,
        summary,
        n.round,
        n.previous_case_id,
        c.remote,
        c.source.code(),
        clean_line(&c.forwarded_by),
        clean_line(&c.forwarding_doc),
        c.received_on,
        n.officer_id,
        n.at,
        c.forwarder_kind.map(|k| k.code()),
        n.disciplinary,
        n.dismissal,
    ])?;
    let id = sql.last_insert_rowid();
    super::created(sql, &CASE, id, Op::Create)?;
    if let Some(visit_id) = c.visit_id {
        link_visit(sql, id, visit_id)?;
    }
    insert_event(
        sql,
        &NewEvent {
            uid: n.event_uid,
            case_id: id,
            action: Action::Open,
            from: None,
            to: CaseStatus::New,
            day: c.received_on,
            input: &StepInput {
                document_no: c.forwarding_doc.clone(),
                agency: c.forwarded_by.clone(),
                ..StepInput::default()
            },
            officer_id: n.officer_id,
            at: n.at,
        },
    )?;
    Ok(id)
}

/// A step of a case's timeline to insert.
pub(in crate::store) struct NewEvent<'a> {
    pub uid: &'a str,
    pub case_id: i64,
    pub action: Action,
    pub from: Option<CaseStatus>,
    pub to: CaseStatus,
    pub day: NaiveDate,
    pub input: &'a StepInput,
    pub officer_id: Option<i64>,
    pub at: &'a str,
}

/// Insert an event (append-only) and its entry.
pub(in crate::store) fn insert_event(sql: &Sql, e: &NewEvent) -> Result<()> {
    let s = e.input;
    sql.prepare_cached(
        "INSERT INTO case_events (uid, case_id, at, day, officer_id, action, from_status, to_status,
             note, document_no, agency, reason, outcome, facts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        e.uid,
        e.case_id,
        e.at,
        e.day,
        e.officer_id,
        e.action.code(),
        e.from.map(CaseStatus::code),
        e.to.code(),
        nfc(s.note.trim()),
        clean_line(&s.document_no),
        clean_line(&s.agency),
        s.reason.map(RefusalReason::code),
        s.outcome.map(Outcome::code),
        crate::domain::case::facts::to_json(&s.facts),
    ])?;
    super::created(sql, &CASE_EVENT, sql.last_insert_rowid(), Op::Create)?;
    Ok(())
}

/// Link a visit to a case (once); returns whether it was new.
pub(in crate::store) fn link_visit(sql: &Sql, case_id: i64, visit_id: i64) -> Result<bool> {
    let n = sql
        .prepare_cached("INSERT OR IGNORE INTO case_visits (case_id, visit_id) VALUES (?1, ?2)")?
        .execute(params![case_id, visit_id])?;
    if n > 0 {
        super::created(sql, &CASE_VISIT, sql.last_insert_rowid(), Op::Create)?;
    }
    Ok(n > 0)
}

/// Take a visit out of a case.
pub(in crate::store) fn unlink_visit(sql: &Sql, case_id: i64, visit_id: i64) -> Result<()> {
    let rowid: Option<i64> = rusqlite::OptionalExtension::optional(
        sql.prepare_cached("SELECT rowid FROM case_visits WHERE case_id = ?1 AND visit_id = ?2")?
            .query_row(params![case_id, visit_id], |r| r.get(0)),
    )?;
    let Some(rowid) = rowid else {
        return Ok(());
    };
    if let Some(rec) = super::read(sql.conn(), &CASE_VISIT, rowid)? {
        super::deleted(sql, &CASE_VISIT, &rec)?;
    }
    sql.prepare_cached("DELETE FROM case_visits WHERE rowid = ?1")?
        .execute([rowid])?;
    Ok(())
}

/// What a step does to its case: the facts after it, and the dates and values it sets.
pub(in crate::store) struct StepUpdate {
    pub action: Action,
    pub day: NaiveDate,
    pub after: CaseFacts,
    pub outcome: Option<Outcome>,
    /// An assignment's officer.
    pub assignee: Option<i64>,
    /// A transfer the citizen asked to hear the result of (Luật TCD Art 28(2)).
    pub result_requested: bool,
}

/// A step's change of its case (after its event): status, facts, dates, outcome, assignee.
pub(in crate::store) fn step_case(sql: &Sql, id: i64, s: &StepUpdate) -> Result<()> {
    let own = match s.action {
        Action::ClassifyOwn => Some(true),
        Action::ClassifyNotOwn => Some(false),
        _ => None,
    };
    let f = &s.after;
    super::change(sql, &CASE, id, Op::Update, Touch::Always, || {
        sql.prepare_cached(
            "UPDATE cases SET status = ?2, complex = ?3, extensions = ?4, remote = ?12,
                 own_authority = coalesce(?5, own_authority),
                 accepted_on = CASE WHEN ?6 THEN ?7 ELSE accepted_on END,
                 resolved_on = CASE WHEN ?8 THEN ?7 ELSE resolved_on END,
                 outcome = coalesce(?9, outcome),
                 officer_id = coalesce(?10, officer_id),
                 very_complex = ?11, multi_site = ?13,
                 result_requested = CASE WHEN ?14 THEN 1 ELSE result_requested END
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            f.status.code(),
            f.complex,
            f.extensions,
            own,
            s.action == Action::Accept,
            s.day,
            s.action == Action::Resolve,
            s.outcome.map(Outcome::code),
            if s.action == Action::Assign {
                s.assignee
            } else {
                None
            },
            f.very_complex,
            f.remote,
            f.multi_site,
            s.action == Action::Transfer && s.result_requested,
        ])?;
        Ok(())
    })?;
    Ok(())
}

/// A petition joined the case (its event written): a new version of the case, the visit
/// linked.
pub(in crate::store) fn petition_joined(sql: &Sql, id: i64, visit_id: Option<i64>) -> Result<()> {
    super::change(sql, &CASE, id, Op::Update, Touch::Always, || {
        if let Some(v) = visit_id {
            link_visit(sql, id, v)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// What a case follows of its visit's correction.
#[derive(Debug, Default)]
pub(in crate::store) struct Correction {
    /// A new type with its new code: (type, code, seq, desk).
    pub retype: Option<(crate::domain::case::CaseType, String, u32, String)>,
    pub field_id: Option<i64>,
    pub citizen_id: Option<i64>,
    pub received_on: Option<NaiveDate>,
}

/// A case follows its visit's correction: the values change here, before its event and
/// new version ([`touched`]).
pub(in crate::store) fn correct_case(sql: &Sql, id: i64, c: &Correction) -> Result<()> {
    if let Some((t, code, seq, desk)) = &c.retype {
        sql.prepare_cached(
            "UPDATE cases SET case_type = ?2, code = ?3, seq = ?4, desk = ?5 WHERE id = ?1",
        )?
        .execute(params![id, t.code(), code, seq, desk])?;
    }
    if let Some(f) = c.field_id {
        sql.prepare_cached("UPDATE cases SET field_id = ?2 WHERE id = ?1")?
            .execute(params![id, f])?;
    }
    if let Some(cz) = c.citizen_id {
        sql.prepare_cached("UPDATE cases SET citizen_id = ?2 WHERE id = ?1")?
            .execute(params![id, cz])?;
    }
    if let Some(d) = c.received_on {
        sql.prepare_cached("UPDATE cases SET received_on = ?2 WHERE id = ?1")?
            .execute(params![id, d])?;
    }
    Ok(())
}

/// A case as it stands before a change whose entry is written later ([`touched`]).
pub(in crate::store) fn before_change(sql: &Sql, id: i64) -> Result<super::Record> {
    super::read(sql.conn(), &CASE, id)?.ok_or(StoreError::NotFound("case"))
}

/// The entry of a case changed since `before` (a new version even when only its timeline
/// or its visits changed).
pub(in crate::store) fn touched(sql: &Sql, before: &super::Record) -> Result<()> {
    super::changed(sql, &CASE, before, Op::Update, Touch::Always)?;
    Ok(())
}

/// Void a case (its visit voided): marked, never deleted.
pub(in crate::store) fn void_case(sql: &Sql, id: i64) -> Result<()> {
    let at = sql.stamp();
    super::change(sql, &CASE, id, Op::Void, Touch::Always, || {
        sql.prepare_cached("UPDATE cases SET deleted_at = ?2 WHERE id = ?1")?
            .execute(params![id, at])?;
        Ok(())
    })?;
    Ok(())
}

/// A complaint's time-bar facts (after their event).
pub(in crate::store) fn time_bar(
    sql: &Sql,
    id: i64,
    learned_on: NaiveDate,
    obstacle_days: u32,
    disciplinary: bool,
    dismissal: bool,
) -> Result<()> {
    super::change(sql, &CASE, id, Op::Update, Touch::Always, || {
        sql.prepare_cached(
            "UPDATE cases SET learned_on = ?2, obstacle_days = ?3, disciplinary = ?4,
                 dismissal = ?5
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            learned_on,
            obstacle_days,
            disciplinary,
            dismissal
        ])?;
        Ok(())
    })?;
    Ok(())
}

/// Move a case to another citizen's record (as [`super::rehome_visit`]).
pub(in crate::store) fn rehome_case(sql: &Sql, id: i64, citizen_id: i64) -> Result<()> {
    super::change(sql, &CASE, id, Op::Update, Touch::IfChanged, || {
        sql.prepare_cached("UPDATE cases SET citizen_id = ?2 WHERE id = ?1")?
            .execute(params![id, citizen_id])?;
        Ok(())
    })?;
    Ok(())
}
