//! Visits (lượt tiếp) and the sessions they belong to; the day's log and its counters.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::write::On;
use super::{Permission, Result, Store, StoreError, Writer, bad_code, citizens, new_uid, rows};
use crate::domain::case::CaseType;
use crate::domain::identity::{Context, Particulars, Person, Viewer};
use crate::domain::intake::CaseChoice;
use crate::domain::journal::{Entity, Op};
use crate::domain::refusal::RefusalGround;
use crate::domain::visit::{
    AccountRead, DayCounters, Handling, PetitionType, PresiderRole, ReceptionForm, ValidVisit,
    VisitDraft,
};

mod book;
mod bulk;
mod refusal;
pub use bulk::{BulkSession, BulkVisit};

/// A citizen the form recognized, with the version it was read at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownCitizen {
    pub id: i64,
    pub version: i64,
}

/// What to save: a validated visit, when it happened, and the citizen it belongs to if the
/// form recognized a returning one.
#[derive(Debug, Clone)]
pub struct VisitInput<'a> {
    pub visit: &'a ValidVisit,
    pub day: NaiveDate,
    /// HH:MM
    pub time: String,
    pub citizen: Option<KnownCitizen>,
    /// The officer confirmed that the typed name corrects the known citizen's name.
    pub rename_citizen: bool,
    /// For a correction of a visit whose case holds other visits too: what the case does.
    pub shared: SharedCaseChoice,
}

/// What the officer said about a correction of a visit whose case holds other visits too
/// (see `Writer::update_visit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SharedCaseChoice {
    /// Not asked yet: such a correction is refused with `StoreError::SharedCase`.
    #[default]
    Ask,
    /// The whole case follows (its other visits move with it to a new field).
    Follow,
    /// Only this visit changes: it leaves the case.
    Leave,
}

/// A visit saved, and the case its intake opened or joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedVisit {
    pub uid: String,
    pub case: Option<super::SavedCase>,
}

/// One row of the reception log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    pub uid: String,
    pub time: String,
    /// Who came: the citizen's identity with the group's representatives, under the one
    /// identity rule (a denunciation's person is a denouncer).
    pub citizen: Person,
    pub people: u32,
    pub form: ReceptionForm,
    pub petition_type: PetitionType,
    pub field_name: String,
    pub content: String,
    pub handling: Handling,
    pub officer_name: String,
    /// The code of the (first) case this visit opened or joined.
    pub case_code: Option<String>,
    pub version: i64,
    /// Voided (logged by mistake), with the reason: shown struck through, counted nowhere.
    pub void_reason: Option<String>,
}

/// A visit in full (the detail view and the edit form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitDetail {
    pub row: VisitRow,
    pub day: NaiveDate,
    pub citizen_id: i64,
    pub citizen_uid: String,
    pub citizen_version: i64,
    pub presiding: String,
    /// The head in person or delegated (periodic and ad hoc sessions; None when the session
    /// was recorded before the mark existed, or has no presider).
    pub presider_role: Option<PresiderRole>,
    pub field_code: String,
    pub prior_agencies: String,
    pub transfer_agency: String,
    pub note: String,
    pub petitions: u32,
    /// The citizen's visits by the one counting rule (None for a denunciation: how often a
    /// denouncer came is theirs to keep).
    pub citizen_visits: Option<u32>,
    pub created_at: String,
    pub updated_at: String,
    /// The citizen's yêu cầu, đề nghị (Luật TCD Art 25(2)).
    pub requests: String,
    /// The account read back and signed or fingerprinted (None: not recorded).
    pub account_read: Option<AccountRead>,
    /// Reception refused: its ground.
    pub refusal_ground: Option<RefusalGround>,
    /// The day the written notice of the refusal was issued.
    pub refusal_notice_on: Option<NaiveDate>,
    /// The documents the citizen handed over (issue 29).
    pub documents: Vec<crate::domain::visit::documents::ReceivedDoc>,
}

impl VisitDetail {
    /// A refusal whose written notice (Mẫu 01/TCD) is owed and not yet issued.
    pub fn refusal_notice_owed(&self) -> bool {
        self.refusal_ground
            .is_some_and(RefusalGround::written_notice)
            && self.refusal_notice_on.is_none()
    }

    /// The form as it would have been typed, for editing — only for a viewer who may see the
    /// citizen (a denouncer's visit is revealed first, audited).
    pub fn to_draft(&self, viewer: &Viewer) -> Option<VisitDraft> {
        let full_name = viewer.name_of(&self.row.citizen)?.to_owned();
        let p = viewer.particulars_of(&self.row.citizen)?;
        Some(VisitDraft {
            full_name,
            id_number: p.id_number.clone().unwrap_or_default(),
            phone: p.phone.clone().unwrap_or_default(),
            address: p.address.clone(),
            people: self.row.people.to_string(),
            representatives: p.representatives.join("; "),
            form: self.row.form.code().into(),
            presiding: self.presiding.clone(),
            presider_role: self
                .presider_role
                .map(|r| r.code().to_owned())
                .unwrap_or_default(),
            petition_type: self.row.petition_type.code().into(),
            field: self.field_code.clone(),
            content: self.row.content.clone(),
            prior_agencies: self.prior_agencies.clone(),
            handling: self.row.handling.code().into(),
            transfer_agency: self.transfer_agency.clone(),
            note: self.note.clone(),
            documents: crate::domain::visit::documents::format_documents(&self.documents),
            petitions: self.petitions.to_string(),
            requests: self.requests.clone(),
            account_read: self
                .account_read
                .map(|a| a.code().to_owned())
                .unwrap_or_default(),
            refusal_ground: self
                .refusal_ground
                .map(|g| g.code().to_owned())
                .unwrap_or_default(),
            editing_uid: Some(self.row.uid.clone()),
            editing_version: Some(self.row.version),
            day: crate::domain::date::format_date(self.day),
            time: self.row.time.clone(),
            ..VisitDraft::default()
        })
    }
}

/// The log row's columns (indexes 0–19, read by `row_from`) and the joins they need.
const ROW_COLUMNS: &str = "v.uid, v.time, c.full_name, v.people, v.representatives, s.form,
    v.petition_type, f.name, v.content, v.handling, o.full_name,
    (SELECT k.code FROM case_visits cv JOIN cases k ON k.id = cv.case_id
      WHERE cv.visit_id = v.id ORDER BY k.id LIMIT 1),
    coalesce((SELECT max(k.identity_disclosed) FROM case_visits cv JOIN cases k ON k.id = cv.case_id
      WHERE cv.visit_id = v.id AND k.case_type = 'to_cao'), 0),
    v.version, v.void_reason, c.id_kind, c.id_number, c.phone, c.address, c.birth_year, c.sealed,
    v.sealed_representatives";
const ROW_JOINS: &str = "FROM visits v
    JOIN citizens c ON c.id = v.citizen_id
    JOIN sessions s ON s.id = v.session_id
    JOIN fields f ON f.id = v.field_id
    JOIN officers o ON o.id = v.officer_id";
/// Number of columns in `ROW_COLUMNS`; detail columns follow.
const ROW_WIDTH: usize = 22;

fn row_from(r: &Row) -> rusqlite::Result<VisitRow> {
    let uid: String = r.get(0)?;
    let reps: String = r.get(4)?;
    let form: String = r.get(5)?;
    let ptype: String = r.get(6)?;
    let handling: String = r.get(9)?;
    let petition_type = PetitionType::from_code(&ptype).ok_or_else(|| bad_code(6))?;
    let case_code: Option<String> = r.get(11)?;
    let disclosed: bool = r.get(12)?;
    let particulars = Particulars {
        id_kind: r.get(15)?,
        id_number: r.get(16)?,
        phone: r.get(17)?,
        address: r.get(18)?,
        birth_year: r.get(19)?,
        representatives: serde_json::from_str(&reps).unwrap_or_default(),
    };
    Ok(VisitRow {
        citizen: Person::of(
            r.get::<_, String>(2)?,
            Context::of_visit(petition_type, &uid, case_code.clone(), disclosed),
        )
        .with(particulars)
        .sealed(r.get(20)?)
        .sealed_representatives(r.get(21)?),
        uid,
        time: r.get(1)?,
        people: r.get(3)?,
        form: ReceptionForm::from_code(&form).ok_or_else(|| bad_code(5))?,
        petition_type,
        field_name: r.get(7)?,
        content: r.get(8)?,
        handling: Handling::from_code(&handling).ok_or_else(|| bad_code(9))?,
        officer_name: r.get(10)?,
        case_code,
        version: r.get(13)?,
        void_reason: r.get(14)?,
    })
}

/// The code of a presider's role as stored ('' when none).
pub(super) fn role_code(r: Option<PresiderRole>) -> &'static str {
    r.map(PresiderRole::code).unwrap_or("")
}

/// The session of a visit: the desk's session of that day, form, presiding leader and whether
/// that leader is the head in person or a delegate.
pub(super) fn session_for(w: &Writer, day: NaiveDate, v: &ValidVisit) -> Result<i64> {
    let desk = super::settings::desk_of(w.conn())?;
    let role = role_code(v.presider_role);
    let found: Option<i64> = w
        .prepare_cached(
            "SELECT id FROM sessions WHERE day = ?1 AND form = ?2 AND presiding = ?3 AND desk = ?4
               AND presider_role = ?5
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![day, v.form.code(), v.presiding, desk, role], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    rows::insert_session(
        w,
        &rows::NewSession {
            uid: &new_uid(),
            day,
            form: v.form.code(),
            presiding: &v.presiding,
            presider_role: role,
            place: "",
            desk: &desk,
            created_at: &w.stamp(),
            created_by: Some(w.officer_id()),
        },
    )
}

pub(super) fn field_id(conn: &Connection, code: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM fields WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("field"))
}

fn valid_time(t: &str) -> bool {
    chrono::NaiveTime::parse_from_str(t, "%H:%M").is_ok()
}

pub(super) fn visit_id(conn: &Connection, uid: &str) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM visits WHERE uid = ?1 AND deleted_at IS NULL")?
        .query_row([uid], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("visit"))
}

/// A visit's intake, if its handling takes one in: thụ lý opens (or joins) a case; a
/// denunciation forwarded at the desk (chuyển đơn) opens one classified outside our authority,
/// so its 5-working-day forwarding duty is on the board (Luật Tố cáo Art 24(2)).
fn intake_of(
    v: &ValidVisit,
    citizen_id: i64,
    visit_id: i64,
    day: NaiveDate,
) -> Option<super::Intake> {
    let forwarded_tc = v.petition_type == PetitionType::ToCao && v.handling == Handling::ChuyenDon;
    (v.handling == Handling::ThuLy || forwarded_tc).then(|| super::Intake {
        case_type: CaseType::from_petition(v.petition_type),
        citizen_id,
        field_code: v.field_code.clone(),
        summary: v.content.clone(),
        source: super::CaseSource::Visit,
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
        intake: &super::Intake,
        choice: &CaseChoice,
    ) -> Result<super::SavedCase> {
        let saved = self.take_in(intake, choice)?;
        if v.handling == Handling::ChuyenDon && !saved.joined {
            let step = super::StepInput {
                day: Some(intake.received_on),
                agency: v.transfer_agency.clone(),
                ..super::StepInput::default()
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
        super::lookup::index_visit(self.conn(), id)?;
        super::lookup::index_citizen(self.conn(), citizen_id)?;
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
    ) -> Result<Option<super::SavedCase>> {
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
        let edit = super::VisitEdit {
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
        super::lookup::index_visit(self.conn(), id)?;
        super::lookup::index_citizen(self.conn(), citizen_id)?;
        if old.citizen_id != citizen_id {
            super::lookup::index_citizen(self.conn(), old.citizen_id)?;
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
        super::lookup::index_visit(self.conn(), id)?;
        super::lookup::index_citizen(self.conn(), citizen_id)?;
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

impl Store {
    /// The reception log of one day, in time order.
    pub fn visits_on(&self, day: NaiveDate) -> Result<Vec<VisitRow>> {
        let sql = format!(
            "SELECT {ROW_COLUMNS} {ROW_JOINS}
             WHERE v.day = ?1 AND (v.deleted_at IS NULL OR v.void_reason IS NOT NULL)
             ORDER BY v.time, v.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([day], row_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One visit in full.
    pub fn visit_detail(&self, uid: &str) -> Result<VisitDetail> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, v.day, v.citizen_id, c.uid, c.version, s.presiding, f.code,
                    v.prior_agencies, v.note, v.petitions,
                    CASE WHEN v.petition_type = 'to_cao' THEN NULL ELSE
                      (SELECT count(*) FROM visits x WHERE x.citizen_id = v.citizen_id AND {counted})
                    END,
                    v.created_at, v.updated_at, v.transfer_agency, s.presider_role,
                    v.requests, v.account_read, v.refusal_ground, v.refusal_notice_on,
                    (SELECT items FROM visit_documents WHERE visit_id = v.id)
             {ROW_JOINS} WHERE v.uid = ?1",
            counted = citizens::counted_visit("x")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        stmt.query_row([uid], |r| {
            let d = ROW_WIDTH;
            Ok(VisitDetail {
                row: row_from(r)?,
                day: r.get(d)?,
                citizen_id: r.get(d + 1)?,
                citizen_uid: r.get(d + 2)?,
                citizen_version: r.get(d + 3)?,
                presiding: r.get(d + 4)?,
                field_code: r.get(d + 5)?,
                prior_agencies: r.get(d + 6)?,
                note: r.get(d + 7)?,
                petitions: r.get(d + 8)?,
                citizen_visits: r.get(d + 9)?,
                created_at: r.get(d + 10)?,
                updated_at: r.get(d + 11)?,
                transfer_agency: r.get(d + 12)?,
                presider_role: PresiderRole::from_code(&r.get::<_, String>(d + 13)?),
                requests: r.get(d + 14)?,
                account_read: r
                    .get::<_, Option<String>>(d + 15)?
                    .and_then(|c| AccountRead::from_code(&c)),
                refusal_ground: r
                    .get::<_, Option<String>>(d + 16)?
                    .and_then(|c| RefusalGround::from_code(&c)),
                refusal_notice_on: r.get(d + 17)?,
                documents: r
                    .get::<_, Option<String>>(d + 18)?
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or_default(),
            })
        })
        .optional()?
        .ok_or(StoreError::NotFound("visit"))
    }

    /// The day's counters: sessions, visits, people, groups (≥ threshold people), petitions.
    pub fn day_counters(&self, day: NaiveDate, threshold: u32) -> Result<DayCounters> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(DISTINCT session_id),
                        count(*) FILTER (WHERE refusal_ground IS NULL),
                        coalesce(sum(people) FILTER (WHERE refusal_ground IS NULL), 0),
                        coalesce(sum(people >= ?2) FILTER (WHERE refusal_ground IS NULL), 0),
                        coalesce(sum(petitions) FILTER (WHERE refusal_ground IS NULL), 0),
                        count(*) FILTER (WHERE refusal_ground IS NOT NULL)
                 FROM visits WHERE day = ?1 AND deleted_at IS NULL",
            )?
            .query_row(params![day, threshold], |r| {
                Ok(DayCounters {
                    sessions: r.get(0)?,
                    visits: r.get(1)?,
                    people: r.get(2)?,
                    groups: r.get(3)?,
                    petitions: r.get(4)?,
                    refused: r.get(5)?,
                })
            })?)
    }

    /// Total visits not marked deleted.
    pub fn visit_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM visits WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}
