//! The writes of cases: intake (a petition opens a case or joins an open one, as
//! `domain::intake` decides), and the steps of a case's life, each checked by
//! `domain::case` and by the SQL triggers, on the version of the case the officer saw.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::super::citizens::CitizenInput;
use super::super::visits::KnownCitizen;
use super::super::write::On;
use super::super::{Permission, Result, StoreError, Writer, new_uid, open_statuses, rows};
use super::{CaseSource, Intake, NewCase, SavedCase, StepInput, facts};
use crate::domain::case::{self, Action, CaseStatus, CaseType, Outcome, RefusalReason, case_code};
use crate::domain::intake::{self, CaseChoice, IntakeStep, OpenCase};
use crate::domain::journal::{Entity, Op};
use crate::domain::role;

/// The next code of a case type in a year, at this desk: (seq, code).
pub(super) fn next_code(conn: &Connection, t: CaseType, year: i32) -> Result<(u32, String)> {
    let desk = super::super::settings::desk_of(conn)?;
    let seq: u32 = conn
        .prepare_cached(
            "SELECT coalesce(max(seq), 0) + 1 FROM cases
             WHERE case_type = ?1 AND year = ?2 AND desk = ?3",
        )?
        .query_row(params![t.code(), year, desk], |r| r.get(0))?;
    Ok((seq, case_code(t, year, &desk, seq)))
}

/// Insert a case (status `moi`) with its intake event, its due dates and its index;
/// returns (id, uid, code).
fn insert_case(
    w: &Writer,
    c: &Intake,
    round: u8,
    previous: Option<i64>,
) -> Result<(i64, String, String)> {
    let field_id = super::super::visits::field_id(w.conn(), &c.field_code)?;
    let (seq, code) = next_code(w.conn(), c.case_type, c.received_on.year())?;
    let desk = super::super::settings::desk_of(w.conn())?;
    // A second round is against the same decision as its first: of the same kind.
    let (disciplinary, dismissal) = match previous {
        Some(p) => w.query_row(
            "SELECT disciplinary, dismissal FROM cases WHERE id = ?1",
            [p],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        None => (false, false),
    };
    let uid = new_uid();
    let id = rows::insert_case(
        w,
        &rows::NewCase {
            uid: &uid,
            event_uid: &new_uid(),
            code: &code,
            seq,
            desk: &desk,
            field_id,
            intake: c,
            round,
            previous_case_id: previous,
            disciplinary,
            dismissal,
            officer_id: Some(w.officer_id()),
            at: &w.stamp(),
        },
    )?;
    let ctx = super::super::deadlines::context(w.conn())?;
    super::super::deadlines::recompute_case(w.conn(), &ctx, id)?;
    super::super::lookup::index_case(w.conn(), id)?;
    super::super::lookup::index_citizen(w.conn(), c.citizen_id)?;
    Ok((id, uid, code))
}

/// Insert an event of the desk (now, by the actor).
pub(super) fn insert_event(
    w: &Writer,
    case_id: i64,
    action: Action,
    from: Option<CaseStatus>,
    to: CaseStatus,
    day: NaiveDate,
    s: &StepInput,
) -> Result<()> {
    rows::insert_event(
        w,
        &rows::NewEvent {
            uid: &new_uid(),
            case_id,
            action,
            from,
            to,
            day,
            input: s,
            officer_id: Some(w.officer_id()),
            at: &w.stamp(),
        },
    )
}

/// A step is dated on or after the petition's receipt and the case's last step, and not
/// after today: the deadlines are computed from these dates.
fn check_step_day(conn: &Connection, case_id: i64, day: NaiveDate, today: NaiveDate) -> Result<()> {
    use super::super::StepDateRule as R;
    let (received, last): (NaiveDate, Option<NaiveDate>) = conn.query_row(
        // The steps that moved the case on: a note, an assignment or a recorded fact (a
        // time-bar date, a remote area) may be written down later than the steps it follows.
        // Suspending and continuing move the resolution's clock: they count too.
        "SELECT received_on,
                (SELECT max(day) FROM case_events WHERE case_id = ?1
                   AND (from_status IS NULL OR from_status != to_status
                        OR action IN ('tam_dinh_chi', 'tiep_tuc_giai_quyet')))
         FROM cases WHERE id = ?1",
        [case_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let refuse = |limit, rule| Err(StoreError::StepDate { day, limit, rule });
    if day > today {
        return refuse(today, R::Future);
    }
    if day < received {
        return refuse(received, R::BeforeReceipt);
    }
    match last {
        Some(last) if day < last => refuse(last, R::BeforePreviousStep),
        _ => Ok(()),
    }
}

/// The citizen's open cases of one kind in a field, newest first (the intake rule's input):
/// a petition is only ever the same matter as a case of its own kind — a complaint with
/// complaints, a petition with petitions, a denunciation with the same denouncer's
/// denunciations (Luật Tố cáo Art 8(3)).
fn open_in_field(
    conn: &Connection,
    citizen_id: i64,
    field_code: &str,
    kind: CaseType,
) -> Result<Vec<OpenCase>> {
    let sql = format!(
        "SELECT k.uid, k.code FROM cases k JOIN fields f ON f.id = k.field_id
         WHERE k.citizen_id = ?1 AND f.code = ?2 AND k.case_type = ?3 AND k.deleted_at IS NULL
           AND k.status IN ({})
         ORDER BY k.received_on DESC, k.id DESC",
        open_statuses()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![citizen_id, field_code, kind.code()], |r| {
        Ok(OpenCase {
            uid: r.get(0)?,
            code: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The check every change of a case starts with: it exists, and (when the officer acted on
/// what they saw) it is still the version they saw.
pub(super) fn case_for_update(w: &Writer, uid: &str, expected: Option<i64>) -> Result<i64> {
    let (id, version, changed_at): (i64, i64, String) = w
        .prepare_cached(
            "SELECT id, version, updated_at FROM cases WHERE uid = ?1 AND deleted_at IS NULL",
        )?
        .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or(StoreError::NotFound("case"))?;
    match expected {
        Some(v) if v != version => Err(StoreError::Conflict {
            what: "case",
            changed_at: Some(changed_at),
        }),
        _ => Ok(id),
    }
}

impl Writer<'_> {
    /// Take in a petition: open its case, or join the citizen's open case in the field, as
    /// the intake rule and the officer's `choice` decide (`domain::intake`).
    pub fn take_in(&mut self, c: &Intake, choice: &CaseChoice) -> Result<SavedCase> {
        self.permit(Permission::TakeIn)?;
        if let CaseChoice::Join(uid) = choice {
            let (code, kind): (String, String) = self
                .prepare_cached("SELECT code, case_type FROM cases WHERE uid = ?1")?
                .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or(StoreError::NotFound("case"))?;
            let kind = CaseType::from_code(&kind).ok_or_else(|| super::super::bad_code(1))?;
            if kind != c.case_type {
                return Err(StoreError::AcrossKinds {
                    code: Some(code),
                    case_type: kind,
                    wanted: c.case_type,
                });
            }
        }
        let open = open_in_field(self.conn(), c.citizen_id, &c.field_code, c.case_type)?;
        match intake::decide(&open, choice) {
            IntakeStep::Open => {
                let (_, uid, code) = insert_case(self, c, 1, None)?;
                Ok(SavedCase {
                    uid,
                    code,
                    joined: false,
                })
            }
            IntakeStep::Join(uid) => {
                let input = StepInput {
                    day: Some(c.received_on),
                    note: if c.visit_id.is_none() {
                        c.summary.clone()
                    } else {
                        String::new()
                    },
                    document_no: c.forwarding_doc.clone(),
                    agency: c.forwarded_by.clone(),
                    ..StepInput::default()
                };
                let code = self.add_petition(&uid, c.visit_id, c.received_on, &input)?;
                Ok(SavedCase {
                    uid,
                    code,
                    joined: true,
                })
            }
            IntakeStep::Ask(OpenCase { uid, code }) => Err(StoreError::OpenCaseExists {
                case_uid: uid,
                code,
            }),
            IntakeStep::NoLongerOpen(_) => Err(StoreError::Conflict {
                what: "case",
                changed_at: None,
            }),
        }
    }

    /// Take in a written petition with its citizen (found by ID number or name and phone,
    /// `known` when the form recognized them, or created).
    pub fn take_in_written(
        &mut self,
        citizen: &CitizenInput,
        known: Option<KnownCitizen>,
        rename: bool,
        c: &NewCase,
        choice: &CaseChoice,
    ) -> Result<SavedCase> {
        self.permit(Permission::TakeIn)?;
        let citizen_id = super::super::citizens::upsert(self, known, citizen, rename)?;
        let intake = Intake {
            case_type: c.case_type,
            citizen_id,
            field_code: c.field_code.clone(),
            summary: c.summary.clone(),
            source: c.source,
            forwarded_by: c.forwarded_by.clone(),
            forwarding_doc: c.forwarding_doc.clone(),
            forwarder_kind: c.forwarder_kind,
            received_on: c.received_on,
            remote: c.remote,
            visit_id: None,
        };
        self.take_in(&intake, choice)
    }

    /// Open another case from a visit (a petition with several contents): always a new case.
    /// The case is of the visit's kind (another kind is another visit).
    pub fn open_case_from_visit(&mut self, visit_uid: &str, c: &NewCase) -> Result<SavedCase> {
        self.permit(Permission::TakeIn)?;
        let (visit_id, citizen_id, petition_type): (i64, i64, String) = self
            .prepare_cached(
                "SELECT id, citizen_id, petition_type FROM visits
                 WHERE uid = ?1 AND deleted_at IS NULL",
            )?
            .query_row([visit_uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .ok_or(StoreError::NotFound("visit"))?;
        let kind = crate::domain::visit::PetitionType::from_code(&petition_type)
            .map(CaseType::from_petition)
            .ok_or_else(|| super::super::bad_code(2))?;
        if kind != c.case_type {
            return Err(StoreError::AcrossKinds {
                code: None,
                case_type: kind,
                wanted: c.case_type,
            });
        }
        let intake = Intake {
            case_type: c.case_type,
            citizen_id,
            field_code: c.field_code.clone(),
            summary: c.summary.clone(),
            source: CaseSource::Visit,
            forwarded_by: String::new(),
            forwarding_doc: String::new(),
            forwarder_kind: None,
            received_on: c.received_on,
            remote: c.remote,
            visit_id: Some(visit_id),
        };
        self.take_in(&intake, &CaseChoice::OpenNew)
    }

    /// Record a step, acting on the case as seen at `expected_version` (None: as it is now).
    /// Refused (nothing written) when the law does not allow it now, or when the case changed
    /// since it was seen. For `Reopen`, returns the code of the new second-round case.
    pub fn case_step(
        &mut self,
        uid: &str,
        expected_version: Option<i64>,
        action: Action,
        s: &StepInput,
        today: NaiveDate,
    ) -> Result<Option<String>> {
        self.permit_on(role::step_permission(action), On::Case(uid))?;
        if action == Action::Open || action == Action::AddPetition {
            return Err(StoreError::Invalid("use take_in".into()));
        }
        let id = case_for_update(self, uid, expected_version)?;
        let before_facts = facts(self.conn(), id)?;
        let after_facts =
            case::apply(&before_facts, action).map_err(|why| StoreError::Refused {
                action,
                status: before_facts.status,
                why,
            })?;
        match action {
            Action::Refuse if s.reason.is_none() => {
                return Err(StoreError::Invalid("a refusal needs its reason".into()));
            }
            Action::Refuse => {
                let reason = s.reason.expect("checked");
                if !RefusalReason::for_type(before_facts.case_type).contains(&reason) {
                    return Err(StoreError::Invalid(
                        "reason does not apply to this type".into(),
                    ));
                }
            }
            Action::Resolve => match s.outcome {
                Some(o) if Outcome::for_type(before_facts.case_type).contains(&o) => {}
                _ => {
                    return Err(StoreError::Invalid(
                        "resolving needs an outcome of this type".into(),
                    ));
                }
            },
            Action::Transfer if s.agency.trim().is_empty() => {
                return Err(StoreError::Invalid(
                    "a transfer needs the receiving agency".into(),
                ));
            }
            _ => {}
        }
        super::duties::guard(self, id, action, s)?; // issue 18: a time-barred complaint
        let day = s.day.unwrap_or(today);
        check_step_day(self.conn(), id, day, today)?;
        super::duties::guard_suspension(&before_facts, action, day)?; // issue 23
        let (from, to) = (before_facts.status, after_facts.status);
        insert_event(self, id, action, Some(from), to, day, s)?;
        rows::step_case(
            self,
            id,
            &rows::StepUpdate {
                action,
                day,
                after: after_facts,
                outcome: s.outcome,
                assignee: s.assignee,
                result_requested: s.result_requested,
            },
        )?;
        let ctx = super::super::deadlines::context(self.conn())?;
        super::super::deadlines::recompute_case(self.conn(), &ctx, id)?;
        let mut new_code = None;
        if action == Action::Reopen {
            let (field_code, citizen_id, summary, remote): (String, i64, String, bool) = self
                .query_row(
                    "SELECT f.code, k.citizen_id, k.summary, k.remote
                     FROM cases k JOIN fields f ON f.id = k.field_id WHERE k.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )?;
            let second = Intake {
                case_type: before_facts.case_type,
                citizen_id,
                field_code,
                summary,
                source: CaseSource::Visit,
                forwarded_by: String::new(),
                forwarding_doc: s.document_no.clone(),
                forwarder_kind: None,
                received_on: day,
                remote,
                visit_id: None,
            };
            // Of the same kind of decision as its first round (issue 18): `insert_case`.
            let (_, _, code) = insert_case(self, &second, 2, Some(id))?;
            new_code = Some(code);
        }
        Ok(new_code)
    }

    /// A repeat petition on the same matter joins the case (an event `bo_sung`), from a visit
    /// or in writing (its summary in the note, its forwarding document number). Returns the
    /// case's code.
    fn add_petition(
        &mut self,
        case_uid: &str,
        visit_id: Option<i64>,
        day: NaiveDate,
        s: &StepInput,
    ) -> Result<String> {
        let id = case_for_update(self, case_uid, None)?;
        let status = facts(self.conn(), id)?.status;
        insert_event(self, id, Action::AddPetition, Some(status), status, day, s)?;
        rows::petition_joined(self, id, visit_id)?;
        Ok(self.query_row("SELECT code FROM cases WHERE id = ?1", [id], |r| r.get(0))?)
    }

    /// The denouncer's identity, revealed on an explicit request; the reveal is audited
    /// (Luật Tố cáo Art 8(3), 56; NĐ 31/2019 Art 22).
    pub fn reveal_case(&mut self, case_uid: &str) -> Result<()> {
        self.permit_on(Permission::RevealIdentity, On::Case(case_uid))?;
        let code: String = self
            .prepare_cached("SELECT code FROM cases WHERE uid = ?1")?
            .query_row([case_uid], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound("case"))?;
        self.fact(
            Op::Reveal,
            Entity::Case,
            case_uid,
            rows::facts([("code", serde_json::Value::String(code))]),
        )
    }
}
