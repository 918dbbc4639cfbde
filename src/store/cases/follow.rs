//! A visit's corrections reach its cases: the type (while the case is new, with a new code),
//! the field, the citizen, the day received, thụ lý taken in; a void takes the visit's new case
//! with it. What a case cannot follow (it moved on) refuses the edit, naming the case.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};

use super::super::visits::SharedCaseChoice;
use super::super::{EditWhat, Result, StoreError, Writer, rows};
use super::StepInput;
use crate::domain::case::{Action, CaseStatus, CaseType};

use super::steps::{insert_event, next_code};

/// A visit's correction, as its cases must follow it.
#[derive(Debug, Clone)]
pub struct VisitEdit {
    pub visit_id: i64,
    pub old_type: CaseType,
    pub new_type: CaseType,
    pub old_field: i64,
    pub new_field: i64,
    pub old_citizen: i64,
    pub new_citizen: i64,
    pub old_day: NaiveDate,
    pub new_day: NaiveDate,
    /// The visit's handling took in a case before / after the edit.
    pub was_intake: bool,
    pub is_intake: bool,
}

/// The cases a visit brought or joined: (id, uid, code, status, type, field, citizen,
/// received on, opened by this visit).
type LinkedCase = (
    i64,
    String,
    String,
    CaseStatus,
    CaseType,
    i64,
    i64,
    NaiveDate,
    bool,
);

fn linked_cases(conn: &Connection, visit_id: i64) -> Result<Vec<LinkedCase>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.id, k.uid, k.code, k.status, k.case_type, k.field_id, k.citizen_id,
                k.received_on,
                (SELECT min(x.visit_id) FROM case_visits x WHERE x.case_id = k.id) = ?1
         FROM case_visits cv JOIN cases k ON k.id = cv.case_id
         WHERE cv.visit_id = ?1 AND k.deleted_at IS NULL ORDER BY k.id",
    )?;
    let rows = stmt.query_map([visit_id], |r| {
        let s: String = r.get(3)?;
        let t: String = r.get(4)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            CaseStatus::from_code(&s).ok_or_else(|| super::super::bad_code(3))?,
            CaseType::from_code(&t).ok_or_else(|| super::super::bad_code(4))?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn field_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT name FROM fields WHERE id = ?1", [id], |r| r.get(0))?)
}

impl Writer<'_> {
    /// The cases of an edited visit follow its corrections, each an event `sua_luot_tiep`
    /// with the changes as facts (worded when shown), due dates recomputed; what a case
    /// cannot follow refuses the whole edit. Returns whether the visit has a case.
    pub(in crate::store) fn follow_visit_edit(&mut self, e: &VisitEdit) -> Result<bool> {
        use crate::domain::case::EventFact;
        let linked = linked_cases(self.conn(), e.visit_id)?;
        for (id, _, code, status, case_type, field_id, citizen_id, received_on, opened) in &linked {
            let blocked = |what| StoreError::EditBlocked {
                code: code.clone(),
                status: *status,
                what,
            };
            let is_new = *status == CaseStatus::New;
            if e.was_intake && !e.is_intake {
                return Err(blocked(super::super::EditWhat::Handling));
            }
            let before = rows::before_change(self, *id)?;
            let mut notes = Vec::new();
            let mut fix = rows::Correction::default();
            // (A case that holds other live visits never gets here with a change of type:
            // `settle_shared_cases` refused it or took this visit out.)
            if e.old_type != e.new_type && *case_type == e.old_type {
                if !is_new {
                    return Err(blocked(super::super::EditWhat::Type));
                }
                let year = received_on.year();
                let (seq, new_code) = next_code(self.conn(), e.new_type, year)?;
                let desk = super::super::settings::desk_of(self.conn())?;
                fix.retype = Some((e.new_type, new_code.clone(), seq, desk));
                notes.push(EventFact::Retyped {
                    from: code.clone(),
                    to: new_code,
                });
            }
            if e.old_field != e.new_field && *field_id == e.old_field {
                fix.field_id = Some(e.new_field);
                notes.push(EventFact::Field {
                    from: field_name(self.conn(), e.old_field)?,
                    to: field_name(self.conn(), e.new_field)?,
                });
                // A shared case reached here because the officer said the whole case
                // follows (`settle_shared_cases`): its other visits move with it.
                let moved = self.move_other_visits(*id, e)?;
                if moved > 0 {
                    notes.push(EventFact::VisitsMoved {
                        count: moved as u32,
                        field: field_name(self.conn(), e.new_field)?,
                    });
                }
            }
            if e.old_citizen != e.new_citizen && *citizen_id == e.old_citizen {
                fix.citizen_id = Some(e.new_citizen);
                notes.push(EventFact::Citizen);
            }
            if e.old_day != e.new_day && *opened && *received_on == e.old_day {
                if !is_new {
                    return Err(blocked(super::super::EditWhat::Day));
                }
                fix.received_on = Some(e.new_day);
                notes.push(EventFact::Day {
                    from: e.old_day,
                    to: e.new_day,
                });
            }
            if notes.is_empty() {
                continue;
            }
            rows::correct_case(self, *id, &fix)?;
            let step = StepInput {
                facts: notes,
                ..StepInput::default()
            };
            insert_event(
                self,
                *id,
                Action::VisitEdited,
                Some(*status),
                *status,
                e.new_day,
                &step,
            )?;
            rows::touched(self, &before)?;
            let ctx = super::super::deadlines::context(self.conn())?;
            super::super::deadlines::recompute_case(self.conn(), &ctx, *id)?;
            super::super::lookup::index_case(self.conn(), *id)?;
            super::super::lookup::index_citizen(self.conn(), e.old_citizen)?;
            super::super::lookup::index_citizen(self.conn(), e.new_citizen)?;
        }
        Ok(!linked.is_empty())
    }

    /// A voided visit's cases: one it opened that is still new and has no other visit goes
    /// with it (marked, never deleted); a case it opened that moved on refuses the void.
    pub(in crate::store) fn void_cases_of_visit(&mut self, visit_id: i64) -> Result<()> {
        for (id, _, code, status, ..) in linked_cases(self.conn(), visit_id)?
            .into_iter()
            .filter(|c| c.8)
        {
            let others: i64 = self.query_row(
                "SELECT count(*) FROM case_visits cv JOIN visits v ON v.id = cv.visit_id
                 WHERE cv.case_id = ?1 AND cv.visit_id != ?2 AND v.deleted_at IS NULL",
                params![id, visit_id],
                |r| r.get(0),
            )?;
            if status != CaseStatus::New || others > 0 {
                return Err(StoreError::EditBlocked {
                    code,
                    status,
                    what: super::super::EditWhat::Void,
                });
            }
            rows::void_case(self, id)?;
            let ctx = super::super::deadlines::context(self.conn())?;
            super::super::deadlines::recompute_case(self.conn(), &ctx, id)?;
            super::super::lookup::index_case(self.conn(), id)?;
        }
        Ok(())
    }
}

/// The other live visits of a case than `visit_id`.
fn other_visits(conn: &Connection, case_id: i64, visit_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.uid FROM case_visits cv JOIN visits v ON v.id = cv.visit_id
         WHERE cv.case_id = ?1 AND cv.visit_id != ?2 AND v.deleted_at IS NULL ORDER BY v.id",
    )?;
    let rows = stmt.query_map(params![case_id, visit_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Writer<'_> {
    /// Before a visit's correction is written: each of its cases that holds other visits too
    /// and would change with it (its type, field or citizen, or its thụ lý undone) changes
    /// only as the officer said — `Ask` refuses with [`StoreError::SharedCase`] (nothing
    /// written), `Leave` takes this visit out of the case (an event on its timeline,
    /// audited), `Follow` lets the case follow in `follow_visit_edit` (its other visits
    /// moving with it to a new field). A type never follows in a shared case: a petition of
    /// another kind is never in the same case (Luật Tố cáo Art 8(3)).
    pub(in crate::store) fn settle_shared_cases(
        &mut self,
        e: &VisitEdit,
        choice: SharedCaseChoice,
    ) -> Result<()> {
        for (id, _, code, status, case_type, field_id, citizen_id, _, _) in
            linked_cases(self.conn(), e.visit_id)?
        {
            let others = other_visits(self.conn(), id, e.visit_id)?;
            if others.is_empty() {
                continue;
            }
            let what = if e.old_type != e.new_type && case_type == e.old_type {
                EditWhat::Type
            } else if e.was_intake && !e.is_intake {
                EditWhat::Handling
            } else if e.old_field != e.new_field && field_id == e.old_field {
                EditWhat::Field
            } else if e.old_citizen != e.new_citizen && citizen_id == e.old_citizen {
                EditWhat::Citizen
            } else {
                continue;
            };
            match choice {
                SharedCaseChoice::Ask => {
                    return Err(StoreError::SharedCase {
                        code,
                        others: others.len() as u32,
                        what,
                    });
                }
                SharedCaseChoice::Follow if what == EditWhat::Type => {
                    return Err(StoreError::AcrossKinds {
                        code: Some(code),
                        case_type,
                        wanted: e.new_type,
                    });
                }
                SharedCaseChoice::Follow if what == EditWhat::Handling => {
                    return Err(StoreError::EditBlocked { code, status, what });
                }
                SharedCaseChoice::Follow => {}
                SharedCaseChoice::Leave => {
                    let before = rows::before_change(self, id)?;
                    rows::unlink_visit(self, id, e.visit_id)?;
                    let (day, time): (NaiveDate, String) = self.query_row(
                        "SELECT day, time FROM visits WHERE id = ?1",
                        [e.visit_id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                    let step = StepInput {
                        facts: vec![crate::domain::case::EventFact::VisitLeft { day, time }],
                        ..StepInput::default()
                    };
                    insert_event(
                        self,
                        id,
                        Action::VisitEdited,
                        Some(status),
                        status,
                        e.new_day,
                        &step,
                    )?;
                    rows::touched(self, &before)?;
                    let ctx = super::super::deadlines::context(self.conn())?;
                    super::super::deadlines::recompute_case(self.conn(), &ctx, id)?;
                    super::super::lookup::index_case(self.conn(), id)?;
                }
            }
        }
        Ok(())
    }

    /// The other live visits of case `id` in the edit's old field move to its new field
    /// (the whole case followed a correction); returns how many moved.
    fn move_other_visits(&mut self, id: i64, e: &VisitEdit) -> Result<usize> {
        let mut moved = 0;
        for (vid, _) in other_visits(self.conn(), id, e.visit_id)? {
            if !rows::move_visit_field(self, vid, e.old_field, e.new_field)? {
                continue;
            }
            super::super::lookup::index_visit(self.conn(), vid)?;
            moved += 1;
        }
        Ok(moved)
    }
}
