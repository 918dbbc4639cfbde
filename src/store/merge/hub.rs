//! What of a desk's own acts leaves it for the provincial hub only (issue 30): its dialogues
//! and their promised answers, which the report counts ("đối thoại") but another desk never
//! merges (a dialogue is its unit's own act). **The one place** that decides which of their
//! fields leave the desk: what the report counts, never a name or free text (participants,
//! what was said, agreed or differed, notes, a promise's text, owner or answer may name a
//! citizen).
//!
//! They travel in a package's `hub` part ([`HubPart`]), signed apart from the rest: a desk of
//! before reads the package as before (it neither knows nor verifies the part), a desk of now
//! verifies it and leaves it out of a merge. Each record keeps its version and its states'
//! digests as the desk's journal has them (whole), so the hub applies it as it applies a
//! merged record (a version descending from the hub's); its fields, being only part of the
//! record, are vouched for by the signature, not by the digest.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::PackedRecord;
use super::pack::{history, read_record_at, read_version};
use crate::domain::journal::{Entity, Fields};
use crate::store::Result;
use crate::store::rows::{self, Spec};

/// The tables whose records a package carries for the hub only, in the order they are
/// written (a promise after its dialogue).
pub(in crate::store) static HUB_ONLY: &[&Spec] = &[&rows::DIALOGUE, &rows::DIALOGUE_PROMISE];

/// The fields of a record that leave the desk for the hub (None: not a record for the hub).
/// A dialogue's `people` is the number the report counts (`Dialogue::people_counted`: the
/// number typed, else those present), never who they were.
pub fn hub_fields(entity: Entity) -> Option<&'static [&'static str]> {
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
        _ => None,
    }
}

/// Whether a package's or an entry's record is one for the hub only.
pub fn is_hub_only(entity: &str) -> bool {
    Entity::from_code(entity).is_some_and(|e| hub_fields(e).is_some())
}

/// `fields` with only what leaves the desk for the hub (an entry's before or after, a
/// record's fields); every field of a record not for the hub.
pub fn for_hub(entity: Entity, fields: &Fields) -> Fields {
    match hub_fields(entity) {
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
            fields: for_hub(spec.entity, &fields),
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
    for (i, spec) in HUB_ONLY.iter().enumerate() {
        if whole {
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
    let mut out: Vec<(usize, i64, PackedRecord)> = Vec::new();
    let mut named: Vec<String> = Vec::new();
    for (i, key) in &wanted {
        if let Some((rowid, r)) = hub_record(conn, HUB_ONLY[*i], key)? {
            if let Some(Value::String(d)) = r.fields.get("dialogue")
                && !wanted.contains(&(0, d.clone()))
            {
                named.push(d.clone());
            }
            out.push((*i, rowid, r));
        }
    }
    named.sort();
    named.dedup();
    for key in named {
        if let Some((rowid, r)) = hub_record(conn, HUB_ONLY[0], &key)? {
            out.push((0, rowid, r));
        }
    }
    out.sort_by_key(|(i, rowid, _)| (*i, *rowid));
    Ok(out.into_iter().map(|(_, _, r)| r).collect())
}
