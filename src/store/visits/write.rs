//! A visit written at the desk: saved (with the case a thụ lý or a forwarded denunciation
//! takes in), corrected (its case followed, left or joined), voided, revealed — each one
//! transaction through the row writers.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::{KnownCitizen, SavedVisit, VisitInput, field_id, session_for, valid_time, visit_id};
use crate::domain::case::CaseType;
use crate::domain::intake::CaseChoice;
use crate::domain::journal::{Entity, Op};
use crate::domain::visit::{Handling, PetitionType, ValidVisit};
use crate::store::write::On;
use crate::store::{Permission, Result, StoreError, Writer, bad_code, citizens, new_uid, rows};

/// A visit's intake, if its handling takes one in: thụ lý opens (or joins) a case; a
/// denunciation forwarded at the desk (chuyển đơn) opens one classified outside our authority,
/// so its 5-working-day forwarding duty is on the board (Luật Tố cáo Art 24(2)).
fn intake_of(
    v: &ValidVisit,
    citizen_id: i64,
    visit_id: i64,
    day: NaiveDate,
) -> Option<crate::store::Intake> {
    let forwarded_tc = v.petition_type == PetitionType::ToCao && v.handling == Handling::ChuyenDon;
    (v.handling == Handling::ThuLy || forwarded_tc).then(|| crate::store::Intake {
        case_type: CaseType::from_petition(v.petition_type),
        citizen_id,
        field_code: v.field_code.clone(),
        summary: v.content.clone(),
        source: crate::store::CaseSource::Visit,
        forwarded_by: String::new(),
        forwarding_doc: String::new(),
        forwarder_kind: None,
        received_on: day,
        remote: false,
        visit_id: Some(visit_id),
    })
}

impl Writer<'_> {
    /// Take in the case of a visit (see `intake_of`), as `choice` says.
    fn visit_intake(
        &mut self,
        v: &ValidVisit,
        intake: &crate::store::Intake,
        choice: &CaseChoice,
    ) -> Result<crate::store::SavedCase> {
        let saved = self.take_in(intake, choice)?;
        if v.handling == Handling::ChuyenDon && !saved.joined {
            let step = crate::store::StepInput {
                day: Some(intake.received_on),
                agency: v.transfer_agency.clone(),
                ..crate::store::StepInput::default()
            };
            self.case_step(
                &saved.uid,
                None,
                crate::domain::case::Action::ClassifyNotOwn,
                &step,
                intake.received_on,
            )?;
        }
        Ok(saved)
    }

    /// Save a new visit with its citizen and session, and its intake (thụ lý, or a
    /// denunciation forwarded): a case opened or joined as `choice` says, all in this one
    /// transaction. When the citizen has an open case in the field and `choice` is `Ask`,
    /// nothing is saved and `StoreError::OpenCaseExists` names the case for the officer.
    pub fn save_visit(&mut self, input: &VisitInput, choice: &CaseChoice) -> Result<SavedVisit> {
        self.permit(Permission::RecordVisit)?;
        if !valid_time(&input.time) {
            return Err(StoreError::Invalid(format!("time {:?}", input.time)));
        }
        let v = input.visit;
        let citizen_id = citizens::upsert_for_visit(self, input.citizen, v, input.rename_citizen)?;
        let session_id = session_for(self, input.day, v)?;
        let field_id = field_id(self.conn(), &v.field_code)?;
        let uid = new_uid();
        let id = rows::insert_visit(
            self,
            &rows::NewVisit {
                uid: &uid,
                session_id,
                citizen_id,
                field_id,
                day: input.day,
                time: &input.time,
                visit: v,
                officer_id: self.officer_id(),
                created_at: &self.stamp(),
            },
        )?;
        rows::set_documents(self, id, &v.documents)?;
        crate::store::lookup::index_visit(self.conn(), id)?;
        crate::store::lookup::index_citizen(self.conn(), citizen_id)?;
        let case = match intake_of(v, citizen_id, id, input.day) {
            Some(intake) => Some(self.visit_intake(v, &intake, choice)?),
            None => None,
        };
        Ok(SavedVisit { uid, case })
    }

    /// Update a visit edited from `expected_version`: refused with a conflict when it changed
    /// since (another desk or window), so no edit is lost. The visit's case follows the
    /// corrections it can follow (field, citizen; type and day while the case is new), each
    /// an event on its timeline; what it cannot is refused, naming the case. An edit that
    /// makes the visit thụ lý takes in its case as `choice` says. One ID number belongs to
    /// one citizen: a number that is another citizen's moves the visit to that citizen.
    pub fn update_visit(
        &mut self,
        uid: &str,
        expected_version: i64,
        input: &VisitInput,
        choice: &CaseChoice,
    ) -> Result<Option<crate::store::SavedCase>> {
        self.permit_on(Permission::EditVisit, On::Visit(uid))?;
        if !valid_time(&input.time) {
            return Err(StoreError::Invalid(format!("time {:?}", input.time)));
        }
        let v = input.visit;
        // A visit voided meanwhile (another window, another desk) is a conflict, not a
        // missing record: it is there, struck through, changed since the form read it.
        let old: OldVisit = self
            .query_row(
                "SELECT id, citizen_id, version, updated_at, petition_type, field_id, handling, day,
                        deleted_at IS NOT NULL
                 FROM visits WHERE uid = ?1",
                [uid],
                |r| {
                    let t: String = r.get(4)?;
                    let h: String = r.get(6)?;
                    Ok(OldVisit {
                        voided: r.get(8)?,
                        id: r.get(0)?,
                        citizen_id: r.get(1)?,
                        version: r.get(2)?,
                        changed_at: r.get(3)?,
                        petition_type: PetitionType::from_code(&t).ok_or_else(|| bad_code(4))?,
                        field_id: r.get(5)?,
                        handling: Handling::from_code(&h).ok_or_else(|| bad_code(6))?,
                        day: r.get(7)?,
                    })
                },
            )
            .optional()?
            .ok_or(StoreError::NotFound("visit"))?;
        if old.voided || old.version != expected_version {
            return Err(StoreError::Conflict {
                what: "visit",
                changed_at: Some(old.changed_at),
            });
        }
        let id = old.id;
        // The citizen: whoever the form recognized; else whoever holds the ID number typed;
        // else the visit's own citizen (corrected).
        let holder = match v.id_number.as_ref() {
            Some(idn) => citizens::holder_of(
                self.conn(),
                self.keys().blind(),
                &idn.value,
                &v.full_name,
                citizens::Side::of(v.petition_type == PetitionType::ToCao),
            )?,
            None => None,
        };
        let known = match (input.citizen, holder) {
            (Some(k), _) => k,
            (None, Some(other)) if other != old.citizen_id => KnownCitizen {
                id: other,
                version: citizens::version_of(self.conn(), other)?,
            },
            _ => KnownCitizen {
                id: old.citizen_id,
                version: citizens::version_of(self.conn(), old.citizen_id)?,
            },
        };
        let citizen_id = citizens::upsert_for_visit(self, Some(known), v, input.rename_citizen)?;
        let session_id = session_for(self, input.day, v)?;
        let field_id = field_id(self.conn(), &v.field_code)?;
        // What its cases do: a case shared with other visits changes only as the officer
        // said (before the visit changes: a kind never crosses a shared case).
        let edit = crate::store::VisitEdit {
            visit_id: id,
            old_type: CaseType::from_petition(old.petition_type),
            new_type: CaseType::from_petition(v.petition_type),
            old_field: old.field_id,
            new_field: field_id,
            old_citizen: old.citizen_id,
            new_citizen: citizen_id,
            old_day: old.day,
            new_day: input.day,
            was_intake: old.handling == Handling::ThuLy
                || (old.petition_type == PetitionType::ToCao
                    && old.handling == Handling::ChuyenDon),
            is_intake: intake_of(v, citizen_id, id, input.day).is_some(),
        };
        self.settle_shared_cases(&edit, input.shared)?;
        let before = rows::before_correction(self, id)?;
        rows::correct_visit(
            self,
            id,
            &rows::Corrected {
                session_id,
                citizen_id,
                field_id,
                day: input.day,
                time: &input.time,
                visit: v,
            },
        )?;
        crate::store::lookup::index_visit(self.conn(), id)?;
        crate::store::lookup::index_citizen(self.conn(), citizen_id)?;
        if old.citizen_id != citizen_id {
            crate::store::lookup::index_citizen(self.conn(), old.citizen_id)?;
        }
        // Its cases follow, or the edit is refused.
        let linked = self.follow_visit_edit(&edit)?;
        let mut case = None;
        if !linked && let Some(intake) = intake_of(v, citizen_id, id, input.day) {
            case = Some(self.visit_intake(v, &intake, choice)?);
        }
        rows::corrected(self, &before)?;
        rows::set_documents(self, id, &v.documents)?;
        Ok(case)
    }

    /// Void a visit logged by mistake: never deleted, marked with its reason (audited),
    /// counted nowhere, out of the lookup. A case it opened goes with it while the case is
    /// still new and has no other visit; a case that moved on is refused, naming it.
    pub fn void_visit(&mut self, uid: &str, expected_version: i64, reason: &str) -> Result<()> {
        self.permit_on(Permission::EditVisit, On::Visit(uid))?;
        let reason = crate::domain::text::clean_line(reason);
        if reason.is_empty() {
            return Err(StoreError::Invalid("a void needs its reason".into()));
        }
        let (id, version, changed_at, voided): (i64, i64, String, bool) = self
            .query_row(
                "SELECT id, version, updated_at, deleted_at IS NOT NULL FROM visits WHERE uid = ?1",
                [uid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("visit"))?;
        if voided || version != expected_version {
            return Err(StoreError::Conflict {
                what: "visit",
                changed_at: Some(changed_at),
            });
        }
        let citizen_id: i64 =
            self.query_row("SELECT citizen_id FROM visits WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        self.void_cases_of_visit(id)?;
        rows::void_visit(self, id, &reason)?;
        crate::store::lookup::index_visit(self.conn(), id)?;
        crate::store::lookup::index_citizen(self.conn(), citizen_id)?;
        Ok(())
    }

    /// Record that the actor revealed the denouncer of a visit of type tố cáo (audited;
    /// Luật Tố cáo Art 8(3), 56).
    pub fn reveal_visit(&mut self, uid: &str) -> Result<()> {
        self.permit_on(Permission::RevealIdentity, On::Visit(uid))?;
        visit_id(self.conn(), uid)?;
        self.fact(Op::Reveal, Entity::Visit, uid, Default::default())
    }
}

/// A visit as stored, before an edit.
struct OldVisit {
    /// Voided since it was read.
    voided: bool,
    id: i64,
    citizen_id: i64,
    version: i64,
    changed_at: String,
    petition_type: PetitionType,
    field_id: i64,
    handling: Handling,
    day: NaiveDate,
}
