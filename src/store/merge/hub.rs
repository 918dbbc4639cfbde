//! What of a desk's own acts leaves it for the provincial hub only (issue 30): its dialogues
//! and their promised answers, and the head's reception schedule (its plans, what the book
//! records of each day, the unit's level), which the report counts ("đối thoại", "số ngày
//! tiếp", the legal minimum) but another desk never merges (they are its unit's own). **The
//! one place** that decides which of their fields leave the desk: what the report counts,
//! never a name or free text (a dialogue's participants, what was said, agreed or differed,
//! notes, a promise's text, owner or answer may name a citizen; a plan's leader and place, a
//! day's note are not counted).
//!
//! They travel in a package's `hub` part ([`HubPart`]), signed apart from the rest: a desk of
//! before reads the package as before (it neither knows nor verifies the part), a desk of now
//! verifies it and leaves it out of a merge. Each record keeps its version and its states'
//! digests as the desk's journal has them (whole), so the hub applies it as it applies a
//! merged record (a version descending from the hub's); its fields, being only part of the
//! record, are vouched for by the signature, not by the digest. A reception day is keyed by
//! its day and the unit's level by its setting's name: the same keys at every desk, so the
//! hub keys them by desk ([`keyed_by_desk`]).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::PackedRecord;
use super::pack::{history, read_record_at, read_version};
use crate::domain::journal::{Entity, Fields};
use crate::store::Result;
use crate::store::rows::{self, Spec};

/// The tables whose records a package carries for the hub only, in the order they are
/// written (a promise after its dialogue); of the settings, only the unit's level.
pub(in crate::store) static HUB_ONLY: &[&Spec] = &[
    &rows::SETTING,
    &rows::RECEPTION_PLAN,
    &rows::RECEPTION_DAY,
    &rows::DIALOGUE,
    &rows::DIALOGUE_PROMISE,
];

/// The fields of a record (`key`: its key) that leave the desk for the hub (None: not a
/// record for the hub). A dialogue's `people` is the number the report counts
/// (`Dialogue::people_counted`: the number typed, else those present), never who they were.
pub fn hub_fields(entity: Entity, key: &str) -> Option<&'static [&'static str]> {
    match entity {
        Entity::Dialogue => Some(&[
            "kind",
            "case",
            "planned_on",
            "held_on",
            "people",
            "cancelled",
        ]),
        Entity::DialoguePromise => Some(&["dialogue", "due_on", "answered_on"]),
        Entity::ReceptionPlan => Some(&[
            "pattern",
            "weekday",
            "days",
            "effective_from",
            "effective_to",
        ]),
        Entity::ReceptionDay => Some(&["posted_on", "mark", "moved_to"]),
        Entity::Setting if key == crate::store::settings::UNIT_LEVEL => Some(&["value"]),
        _ => None,
    }
}

/// Whether a record for the hub has a key every desk may have too (a reception day's day, a
/// setting's name): the hub keys it by desk (`DESK/key`).
pub fn keyed_by_desk(entity: Entity) -> bool {
    matches!(entity, Entity::ReceptionDay | Entity::Setting)
}

/// `fields` with only what leaves the desk for the hub (an entry's before or after, a
/// record's fields; `key`: the record's key); every field of a record not for the hub.
pub fn for_hub(entity: Entity, key: &str, fields: &Fields) -> Fields {
    match hub_fields(entity, key) {
        Some(keep) => fields
            .iter()
            .filter(|(k, _)| keep.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        None => fields.clone(),
    }
}

/// A package's records for the hub only, with their own signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HubPart {
    pub records: Vec<PackedRecord>,
    /// Ed25519 (hex) of [`HubPart::message`] by the package's desk key.
    pub signature: String,
}

impl HubPart {
    /// What the desk signs: the records, bound to the package's own signature (so to its
    /// head, journal and records).
    pub fn message(records: &[PackedRecord], package_signature: &str) -> Vec<u8> {
        let v = serde_json::json!({ "package": package_signature, "records": records });
        format!(
            "tiepdan-package-hub-v1:{}",
            crate::domain::journal::canonical(&v)
        )
        .into_bytes()
    }
}

/// The record of `spec` keyed `key` as it leaves the desk for the hub (None: there is none).
pub(super) fn hub_record(
    conn: &Connection,
    spec: &'static Spec,
    key: &str,
) -> Result<Option<(i64, PackedRecord)>> {
    let Some((rowid, mut fields)) = read_record_at(conn, spec, key)? else {
        return Ok(None);
    };
    if spec.entity == Entity::Dialogue {
        let d = crate::store::dialogues::by_uid(conn, key)?;
        fields.insert(
            "people".to_owned(),
            Value::from(d.map_or(0, |d| d.people_counted())),
        );
    }
    let history = history(conn, spec, key)?;
    let version = read_version(conn, spec, key)?.or(history.last().and_then(|h| h.0));
    Ok(Some((
        rowid,
        PackedRecord {
            entity: spec.entity.code().to_owned(),
            uid: key.to_owned(),
            version,
            fields: for_hub(spec.entity, key, &fields),
            history,
        },
    )))
}

/// The records for the hub of a package: every one when `whole`, else those `touched`
/// (entity, key) names, with the dialogue each promise names; in the order they are written.
pub(super) fn hub_records(
    conn: &Connection,
    whole: bool,
    touched: &[(&str, &str)],
) -> Result<Vec<PackedRecord>> {
    let mut wanted: std::collections::BTreeSet<(usize, String)> = Default::default();
    if whole {
        for (i, spec) in HUB_ONLY.iter().enumerate() {
            let mut stmt = conn.prepare(&format!("SELECT key__ FROM ({})", spec.select()))?;
            for k in stmt.query_map([], |r| r.get::<_, String>(0))? {
                wanted.insert((i, k?));
            }
        }
    }
    for (entity, key) in touched {
        if let Some(i) = HUB_ONLY.iter().position(|s| s.entity.code() == *entity) {
            wanted.insert((i, (*key).to_owned()));
        }
    }
    wanted.retain(|(i, key)| hub_fields(HUB_ONLY[*i].entity, key).is_some());
    let dialogue = HUB_ONLY
        .iter()
        .position(|s| s.entity == Entity::Dialogue)
        .unwrap_or(0);
    let mut named: std::collections::BTreeSet<(usize, String)> = Default::default();
    for (i, key) in &wanted {
        if HUB_ONLY[*i].entity != Entity::DialoguePromise {
            continue;
        }
        if let Some(Value::String(d)) = promise_dialogue(conn, key)? {
            named.insert((dialogue, d));
        }
    }
    wanted.extend(named);
    let mut out: Vec<(usize, i64, PackedRecord)> = Vec::new();
    for (i, key) in &wanted {
        if let Some((rowid, r)) = hub_record(conn, HUB_ONLY[*i], key)? {
            out.push((*i, rowid, r));
        }
    }
    out.sort_by_key(|(i, rowid, _)| (*i, *rowid));
    Ok(out.into_iter().map(|(_, _, r)| r).collect())
}

/// The dialogue a promise (by its uid) names (None: no such promise).
fn promise_dialogue(conn: &Connection, key: &str) -> Result<Option<Value>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(
            "SELECT d.uid FROM dialogue_promises p JOIN dialogues d ON d.id = p.dialogue_id
             WHERE p.uid = ?1",
        )?
        .query_row([key], |r| r.get::<_, String>(0))
        .optional()?
        .map(Value::String))
}
