//! The row writers of dialogues (issue 29): a complaint's or the head's public one, and the
//! answers promised at a public dialogue.

use rusqlite::params;

use super::{DIALOGUE, DIALOGUE_PROMISE, Touch};
use crate::domain::dialogue::{Dialogue, Participant, Promise};
use crate::domain::journal::Op;
use crate::store::Result;
use crate::store::write::Sql;

/// The participants as the row keeps them: a JSON array of {name, role, title, present}.
pub(in crate::store) fn participants_json(ps: &[Participant]) -> String {
    let v: Vec<serde_json::Value> = ps
        .iter()
        .map(|p| {
            serde_json::json!({
                "name": p.name,
                "role": p.role.code(),
                "title": p.title,
                "present": p.present,
            })
        })
        .collect();
    serde_json::Value::Array(v).to_string()
}

/// Insert a dialogue (its entry); `case_id` the complaint's case row. Returns the row id.
pub(in crate::store) fn insert_dialogue(
    sql: &Sql,
    uid: &str,
    case_id: Option<i64>,
    d: &Dialogue,
    officer_id: i64,
) -> Result<i64> {
    let at = sql.stamp();
    sql.prepare_cached(
        "INSERT INTO dialogues (uid, kind, case_id, planned_on, time, place, presiding,
             notice_sent_on, notice_no, participants, audience, people, topics, held_on, said,
             agreed, differ, outcome, signed, note, cancelled, created_by, created_at,
             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?23)",
    )?
    .execute(params![
        uid,
        d.kind.code(),
        case_id,
        d.planned_on,
        d.time,
        d.place,
        d.presiding,
        d.notice_sent_on,
        d.notice_no,
        participants_json(&d.participants),
        d.audience,
        d.people,
        d.topics,
        d.held_on,
        d.said,
        d.agreed,
        d.differ,
        d.outcome.map(|o| o.code()),
        d.signed.map(|s| s.code()),
        d.note,
        d.cancelled,
        officer_id,
        at,
    ])?;
    let id = sql.last_insert_rowid();
    super::created(sql, &DIALOGUE, id, Op::Create)?;
    Ok(id)
}

/// Change a dialogue's record (its entry; nothing when unchanged). Kind and case stay.
pub(in crate::store) fn update_dialogue(sql: &Sql, id: i64, d: &Dialogue) -> Result<bool> {
    let (_, changed) = super::change(sql, &DIALOGUE, id, Op::Update, Touch::IfChanged, || {
        sql.prepare_cached(
            "UPDATE dialogues SET planned_on = ?2, time = ?3, place = ?4, presiding = ?5,
                 notice_sent_on = ?6, notice_no = ?7, participants = ?8, audience = ?9,
                 people = ?10, topics = ?11, held_on = ?12, said = ?13, agreed = ?14,
                 differ = ?15, outcome = ?16, signed = ?17, note = ?18, cancelled = ?19
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            d.planned_on,
            d.time,
            d.place,
            d.presiding,
            d.notice_sent_on,
            d.notice_no,
            participants_json(&d.participants),
            d.audience,
            d.people,
            d.topics,
            d.held_on,
            d.said,
            d.agreed,
            d.differ,
            d.outcome.map(|o| o.code()),
            d.signed.map(|s| s.code()),
            d.note,
            d.cancelled,
        ])?;
        Ok(())
    })?;
    Ok(changed)
}

/// Insert a promise of a dialogue (its entry); returns the row id.
pub(in crate::store) fn insert_promise(
    sql: &Sql,
    uid: &str,
    dialogue_id: i64,
    p: &Promise,
) -> Result<i64> {
    let at = sql.stamp();
    sql.prepare_cached(
        "INSERT INTO dialogue_promises (uid, dialogue_id, text, owner, due_on, answered_on,
             answer, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        uid,
        dialogue_id,
        p.text,
        p.owner,
        p.due_on,
        p.answered_on,
        p.answer,
        at,
    ])?;
    let id = sql.last_insert_rowid();
    super::created(sql, &DIALOGUE_PROMISE, id, Op::Create)?;
    Ok(id)
}

/// Change a promise: its words, who answers, its day, its answer (its entry).
pub(in crate::store) fn update_promise(sql: &Sql, id: i64, p: &Promise) -> Result<bool> {
    let (_, changed) = super::change(
        sql,
        &DIALOGUE_PROMISE,
        id,
        Op::Update,
        Touch::IfChanged,
        || {
            sql.prepare_cached(
                "UPDATE dialogue_promises SET text = ?2, owner = ?3, due_on = ?4,
                     answered_on = ?5, answer = ?6
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                p.text,
                p.owner,
                p.due_on,
                p.answered_on,
                p.answer
            ])?;
            Ok(())
        },
    )?;
    Ok(changed)
}
