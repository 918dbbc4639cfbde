//! Dialogues (issue 29, its last part): a complaint's in its resolution (Luật Khiếu nại
//! Art 30, 39) and the head's public dialogues with the people, whose answers promised are
//! followed like steps on the deadline board until answered. Reads here; every write through
//! the row writers (`rows::dialogue`), journaled.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::write::On;
use super::{Permission, Result, Store, StoreError, Writer, bad_code, new_uid, rows};
use crate::domain::case::CaseType;
use crate::domain::dialogue::{
    Dialogue, DialogueKind, DialogueOutcome, MinutesSigned, Participant, ParticipantRole, Promise,
    check,
};
use crate::domain::text::clean_line;

/// A text of several lines as stored: NFC, trimmed.
fn clean_text(s: &str) -> String {
    crate::domain::text::nfc(s).trim().to_owned()
}

const COLUMNS: &str = "d.id, d.uid, d.kind, k.uid, k.code, d.planned_on, d.time, d.place,
    d.presiding, d.notice_sent_on, d.notice_no, d.participants, d.audience, d.people, d.topics,
    d.held_on, d.said, d.agreed, d.differ, d.outcome, d.signed, d.note, d.version, d.cancelled";

fn participants_of(json: &str) -> Vec<Participant> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| {
                    Some(Participant {
                        name: p.get("name")?.as_str()?.to_owned(),
                        role: ParticipantRole::from_code(p.get("role")?.as_str()?)?,
                        title: p
                            .get("title")
                            .and_then(|t| t.as_str())
                            .unwrap_or_default()
                            .to_owned(),
                        present: p.get("present").and_then(|x| x.as_bool()).unwrap_or(true),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn dialogue_of(r: &rusqlite::Row) -> rusqlite::Result<Dialogue> {
    let kind: String = r.get(2)?;
    let json: String = r.get(11)?;
    let outcome: Option<String> = r.get(19)?;
    let signed: Option<String> = r.get(20)?;
    Ok(Dialogue {
        id: r.get(0)?,
        uid: r.get(1)?,
        kind: DialogueKind::from_code(&kind).ok_or_else(|| bad_code(2))?,
        case_uid: r.get(3)?,
        case_code: r.get(4)?,
        planned_on: r.get(5)?,
        time: r.get(6)?,
        place: r.get(7)?,
        presiding: r.get(8)?,
        notice_sent_on: r.get(9)?,
        notice_no: r.get(10)?,
        participants: participants_of(&json),
        audience: r.get(12)?,
        people: r.get(13)?,
        topics: r.get(14)?,
        held_on: r.get(15)?,
        said: r.get(16)?,
        agreed: r.get(17)?,
        differ: r.get(18)?,
        outcome: outcome.as_deref().and_then(DialogueOutcome::from_code),
        signed: signed.as_deref().and_then(MinutesSigned::from_code),
        note: r.get(21)?,
        version: r.get(22)?,
        cancelled: r.get(23)?,
    })
}

/// The dialogues matching `cond` (SQL on `d`, `k`), by day.
fn load(conn: &Connection, cond: &str, args: impl rusqlite::Params) -> Result<Vec<Dialogue>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM dialogues d LEFT JOIN cases k ON k.id = d.case_id
         WHERE {cond} ORDER BY coalesce(d.held_on, d.planned_on), d.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(args, dialogue_of)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One dialogue by uid (None: there is none).
pub(super) fn by_uid(conn: &Connection, uid: &str) -> Result<Option<Dialogue>> {
    Ok(load(conn, "d.uid = ?1", [uid])?.pop())
}

pub(super) fn load_promises(conn: &Connection, dialogue_uid: Option<&str>) -> Result<Vec<Promise>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.uid, d.uid, p.text, p.owner, p.due_on, p.answered_on, p.answer, p.version
         FROM dialogue_promises p JOIN dialogues d ON d.id = p.dialogue_id
         WHERE (?1 IS NULL OR d.uid = ?1) ORDER BY p.due_on, p.id",
    )?;
    let rows = stmt.query_map([dialogue_uid], |r| {
        Ok(Promise {
            id: r.get(0)?,
            uid: r.get(1)?,
            dialogue_uid: r.get(2)?,
            text: r.get(3)?,
            owner: r.get(4)?,
            due_on: r.get(5)?,
            answered_on: r.get(6)?,
            answer: r.get(7)?,
            version: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The dialogues held in `[from, to]` as the report counts them: a public one's answers
/// promised, and those answered by `to`.
pub(super) fn report_facts(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<crate::domain::report::DialogueFact>> {
    let held = load(
        conn,
        "d.cancelled = 0 AND d.held_on BETWEEN ?1 AND ?2",
        params![from, to],
    )?;
    let mut out = Vec::with_capacity(held.len());
    for d in held {
        let (mut promised, mut answered) = (0, 0);
        if d.kind == DialogueKind::Public {
            for p in load_promises(conn, Some(&d.uid))? {
                promised += 1;
                answered += u32::from(p.answered_on.is_some_and(|a| a <= to));
            }
        }
        out.push(crate::domain::report::DialogueFact {
            kind: d.kind,
            held_on: d.held_on.expect("held"),
            people: d.people_counted(),
            promised,
            answered,
        });
    }
    Ok(out)
}

impl Store {
    /// A case's dialogues (cancelled ones too), by day.
    pub fn case_dialogues(&self, case_uid: &str) -> Result<Vec<Dialogue>> {
        load(&self.conn, "k.uid = ?1", [case_uid])
    }

    /// The head's public dialogues (cancelled ones too), by day.
    pub fn public_dialogues(&self) -> Result<Vec<Dialogue>> {
        load(&self.conn, "d.kind = 'cong_khai'", [])
    }

    /// One dialogue by uid.
    pub fn dialogue(&self, uid: &str) -> Result<Dialogue> {
        load(&self.conn, "d.uid = ?1", [uid])?
            .pop()
            .ok_or(StoreError::NotFound("dialogue"))
    }

    /// The answers promised at a dialogue, by day (all dialogues' when None).
    pub fn promises(&self, dialogue_uid: Option<&str>) -> Result<Vec<Promise>> {
        load_promises(&self.conn, dialogue_uid)
    }
}

/// The text of a dialogue as stored: lines trimmed, NFC.
fn cleaned(d: &Dialogue) -> Dialogue {
    let mut d = d.clone();
    d.time = clean_line(&d.time);
    d.place = clean_line(&d.place);
    d.presiding = clean_line(&d.presiding);
    d.notice_no = clean_line(&d.notice_no);
    d.audience = clean_line(&d.audience);
    d.topics = clean_text(&d.topics);
    d.said = clean_text(&d.said);
    d.agreed = clean_text(&d.agreed);
    d.differ = clean_text(&d.differ);
    d.note = clean_text(&d.note);
    for p in &mut d.participants {
        p.name = clean_line(&p.name);
        p.title = clean_line(&p.title);
    }
    d
}

impl Writer<'_> {
    /// Record a dialogue (`d.id == 0`: a new one; else the one seen at `d.version`, another
    /// desk's change since refused). A complaint's dialogue is a record of its case (a
    /// complaint's, moved by who may move the case); a public one is the head's, recorded by
    /// the desk or a leader. Checked on `today` (`domain::dialogue::check`).
    pub fn save_dialogue(&mut self, d: &Dialogue, today: NaiveDate) -> Result<String> {
        let d = cleaned(d);
        let case_id = match d.kind {
            DialogueKind::Complaint => {
                let uid = d.case_uid.as_deref().ok_or(StoreError::Invalid(
                    "a complaint's dialogue names its case".into(),
                ))?;
                self.permit_on(Permission::MoveCase, On::Case(uid))?;
                let (id, t): (i64, String) = self
                    .conn()
                    .prepare_cached("SELECT id, case_type FROM cases WHERE uid = ?1")?
                    .query_row([uid], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
                    .ok_or(StoreError::NotFound("case"))?;
                if t != CaseType::KhieuNai.code() {
                    return Err(StoreError::Invalid(
                        "only a complaint is resolved through a dialogue".into(),
                    ));
                }
                Some(id)
            }
            DialogueKind::Public => {
                self.permit(Permission::RecordDialogue)?;
                None
            }
        };
        if let Some(problem) = check(&d, today) {
            return Err(StoreError::Invalid(format!("{problem:?}")));
        }
        if d.id == 0 {
            let uid = new_uid();
            let officer = self.actor().officer_id();
            rows::insert_dialogue(self, &uid, case_id, &d, officer)?;
            return Ok(uid);
        }
        let (uid, version, kind, stored_case, at): (String, i64, String, Option<i64>, String) =
            self.conn()
                .prepare_cached(
                    "SELECT uid, version, kind, case_id, updated_at FROM dialogues WHERE id = ?1",
                )?
                .query_row([d.id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .optional()?
                .ok_or(StoreError::NotFound("dialogue"))?;
        if kind != d.kind.code() || stored_case != case_id {
            return Err(StoreError::Invalid(
                "a dialogue keeps its kind and case".into(),
            ));
        }
        if version != d.version {
            return Err(StoreError::Conflict {
                what: "dialogue",
                changed_at: Some(at),
            });
        }
        rows::update_dialogue(self, d.id, &d)?;
        Ok(uid)
    }

    /// Record an answer promised at a public dialogue (`p.id == 0`: a new one), or change
    /// it — its answer given, the day it was answered.
    pub fn save_promise(&mut self, p: &Promise) -> Result<String> {
        self.permit(Permission::RecordDialogue)?;
        let mut p = p.clone();
        p.text = clean_text(&p.text);
        p.owner = clean_line(&p.owner);
        p.answer = clean_text(&p.answer);
        if p.text.is_empty() {
            return Err(StoreError::Invalid(
                "a promise says what was promised".into(),
            ));
        }
        let (dialogue_id, kind, held): (i64, String, Option<NaiveDate>) = self
            .conn()
            .prepare_cached("SELECT id, kind, held_on FROM dialogues WHERE uid = ?1")?
            .query_row([&p.dialogue_uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .ok_or(StoreError::NotFound("dialogue"))?;
        if kind != DialogueKind::Public.code() {
            return Err(StoreError::Invalid(
                "answers are promised at a public dialogue".into(),
            ));
        }
        if held.is_some_and(|h| p.due_on < h)
            || p.answered_on.is_some_and(|a| held.is_some_and(|h| a < h))
        {
            return Err(StoreError::Invalid(
                "a promise is due after its dialogue".into(),
            ));
        }
        if p.id == 0 {
            let uid = new_uid();
            rows::insert_promise(self, &uid, dialogue_id, &p)?;
            return Ok(uid);
        }
        let (uid, version, at): (String, i64, String) = self
            .conn()
            .prepare_cached(
                "SELECT uid, version, updated_at FROM dialogue_promises
                 WHERE id = ?1 AND dialogue_id = ?2",
            )?
            .query_row(params![p.id, dialogue_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or(StoreError::NotFound("promise"))?;
        if version != p.version {
            return Err(StoreError::Conflict {
                what: "promise",
                changed_at: Some(at),
            });
        }
        rows::update_promise(self, p.id, &p)?;
        Ok(uid)
    }
}
