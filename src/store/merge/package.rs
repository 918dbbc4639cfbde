//! A desk's package (issue 27): its head, its journal segment, its records, its signature,
//! and the check of the whole (`Package::verify`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{HubPart, MERGED, PACKAGE_FORMAT, PACKAGE_VERSION, PackedField, hub, state_of};
use crate::domain::journal::{self, Entity, Entry, Fields, Op};

/// A package's head: whose it is, its keys, its period and where its segment sits in the
/// desk's chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageHead {
    /// [`PACKAGE_FORMAT`].
    pub format: String,
    pub version: i64,
    /// The unit's name and its desk's code.
    pub unit: String,
    pub desk: String,
    /// The desk's Ed25519 public key (hex): it signs the package and the checkpoints.
    pub desk_key: String,
    /// The unit's X25519 sealing key (hex): what its sealed identities open with.
    pub unit_key: Option<String>,
    pub exported_at: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The hash of the entry before the segment (zeros: the segment starts the chain).
    pub prev: String,
    pub first_seq: i64,
    pub last_seq: i64,
}

/// An entry of the segment, as the desk's journal holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackedEntry {
    pub seq: i64,
    pub at: String,
    pub officer: Option<String>,
    pub desk: String,
    pub op: String,
    pub entity: String,
    pub record: String,
    pub v_before: Option<i64>,
    pub v_after: Option<i64>,
    pub before: Fields,
    pub after: Fields,
    pub state: Option<String>,
    pub hash: String,
}

impl From<crate::store::JournalEntry> for PackedEntry {
    fn from(e: crate::store::JournalEntry) -> Self {
        let x = e.entry;
        PackedEntry {
            seq: x.seq,
            at: x.at,
            officer: x.officer,
            desk: x.desk,
            op: x.op.code().to_owned(),
            entity: x.entity.code().to_owned(),
            record: x.record,
            v_before: x.v_before,
            v_after: x.v_after,
            before: x.before,
            after: x.after,
            state: x.state,
            hash: e.hash,
        }
    }
}

impl PackedEntry {
    fn entry(&self) -> Option<Entry> {
        Some(Entry {
            seq: self.seq,
            at: self.at.clone(),
            officer: self.officer.clone(),
            desk: self.desk.clone(),
            op: Op::from_code(&self.op)?,
            entity: Entity::from_code(&self.entity)?,
            record: self.record.clone(),
            v_before: self.v_before,
            v_after: self.v_after,
            before: self.before.clone(),
            after: self.after.clone(),
            state: self.state.clone(),
        })
    }
}

/// A record a package carries: its fields as the desk's row holds them, its version, and
/// its versions' digests from the desk's journal (oldest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackedRecord {
    pub entity: String,
    pub uid: String,
    pub version: Option<i64>,
    pub fields: Fields,
    pub history: Vec<(Option<i64>, String)>,
}

/// A desk's package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Package {
    pub head: PackageHead,
    pub journal: Vec<PackedEntry>,
    pub records: Vec<PackedRecord>,
    /// The fields (lĩnh vực) its records name, as the desk's catalog has them: merged by
    /// their code (catalog.rs). Absent from a package made before they travelled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<PackedField>,
    /// The digest of the desk's deadline rules and calendar: never merged, compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
    /// Ed25519 (hex) of [`Package::message`] by `head.desk_key`.
    pub signature: String,
    /// The desk's dialogues, for the provincial hub only (never merged by a desk), reduced
    /// to what the report counts and signed apart (hub.rs): a desk of before, which does
    /// not know this part, reads and verifies the rest as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hub: Option<HubPart>,
}

/// Why a package is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// Not a package of a version this program reads.
    Format(String),
    /// The signature does not hold: the package was changed or not signed by its desk.
    Signature,
    /// The chain breaks at this entry (its hash, or a gap).
    Chain(i64),
    /// This checkpoint's signature does not hold, or names another head.
    Checkpoint(i64),
    /// A record is not the state its journal gives it (entity, uid).
    Record(String, String),
    /// Another book with this book's desk code: their case codes would collide.
    SameDesk(String),
    /// A desk merged here before signed with another key (the desk, the key it had).
    KeyChanged(String, String),
}

impl Package {
    /// What the desk signs: the canonical JSON of the package without its signature.
    pub fn message(&self) -> Vec<u8> {
        let mut v = serde_json::json!({
            "head": self.head,
            "journal": self.journal,
            "records": self.records,
        });
        // What later packages carry besides, signed too (an older package has none of it).
        if !self.fields.is_empty() {
            v["fields"] = serde_json::json!(self.fields);
        }
        if let Some(r) = &self.rules {
            v["rules"] = serde_json::json!(r);
        }
        format!("tiepdan-package-v1:{}", journal::canonical(&v)).into_bytes()
    }

    /// Check the package whole: its form, its signature, its chain and checkpoints, and its
    /// records against their journal.
    pub fn verify(&self) -> std::result::Result<(), PackageError> {
        let h = &self.head;
        if h.format != PACKAGE_FORMAT || !(1..=PACKAGE_VERSION).contains(&h.version) {
            return Err(PackageError::Format(format!("{} {}", h.format, h.version)));
        }
        if !crate::store::journal::verify(&h.desk_key, &self.message(), &self.signature) {
            return Err(PackageError::Signature);
        }
        let mut prev = journal::hash_from_hex(&h.prev).ok_or(PackageError::Chain(h.first_seq))?;
        let mut hashes: BTreeMap<i64, String> = BTreeMap::new();
        hashes.insert(h.first_seq - 1, h.prev.clone());
        for (i, p) in self.journal.iter().enumerate() {
            let e = p.entry().ok_or(PackageError::Chain(p.seq))?;
            if e.seq != h.first_seq + i as i64 {
                return Err(PackageError::Chain(p.seq));
            }
            let hash = e.hash_after(&prev);
            if journal::hex(&hash) != p.hash {
                return Err(PackageError::Chain(p.seq));
            }
            prev = hash;
            hashes.insert(p.seq, p.hash.clone());
        }
        let last = self.journal.last().map_or(h.first_seq - 1, |e| e.seq);
        if last != h.last_seq {
            return Err(PackageError::Chain(last));
        }
        for p in &self.journal {
            if p.entity != Entity::Journal.code() || p.op != Op::Checkpoint.code() {
                continue;
            }
            let text = |k: &str| p.after.get(k).and_then(Value::as_str).unwrap_or("");
            let upto = p.after.get("upto").and_then(Value::as_i64).unwrap_or(-1);
            let message = journal::checkpoint_message(&p.desk, text("day"), upto, text("head"));
            let signed = text("key") == h.desk_key
                && crate::store::journal::verify(text("key"), &message, text("signature"));
            let head_holds = hashes.get(&upto).is_none_or(|x| x == text("head"));
            if !signed || !head_holds {
                return Err(PackageError::Checkpoint(p.seq));
            }
        }
        // Each record is the state its journal last gave it, and every state the segment
        // gives it is one of its history (a package of a period carries a record as it is
        // now: its last state may come after the segment).
        let mut states: BTreeMap<(&str, &str), Vec<Version>> = BTreeMap::new();
        for p in &self.journal {
            if let Some(s) = &p.state {
                states
                    .entry((&p.entity, &p.record))
                    .or_default()
                    .push((p.v_after, s));
            }
        }
        let known = |r: &PackedRecord, (v, s): &Version| {
            r.history.iter().any(|(hv, hs)| hv == v && hs == s)
        };
        // The hub's part: signed by the desk, bound to this package; records for the hub only,
        // each with no field but those that leave the desk for the hub, and every state the
        // segment gives it one of its history (its fields are a part of the record: vouched
        // for by the signature, not by the digest).
        if let Some(part) = &self.hub {
            let message = HubPart::message(&part.records, &self.signature);
            if !crate::store::journal::verify(&h.desk_key, &message, &part.signature) {
                return Err(PackageError::Signature);
            }
            for r in &part.records {
                let bad = || PackageError::Record(r.entity.clone(), r.uid.clone());
                let keep = Entity::from_code(&r.entity)
                    .and_then(|e| hub::hub_fields(e, &r.uid))
                    .ok_or_else(bad)?;
                let segment = states.get(&(r.entity.as_str(), r.uid.as_str()));
                if r.history.is_empty()
                    || r.fields.keys().any(|k| !keep.contains(&k.as_str()))
                    || !segment.is_none_or(|all| all.iter().all(|v| known(r, v)))
                {
                    return Err(bad());
                }
            }
        }
        for r in &self.records {
            let bad = || PackageError::Record(r.entity.clone(), r.uid.clone());
            let entity = Entity::from_code(&r.entity).ok_or_else(bad)?;
            if !MERGED.iter().any(|s| s.entity == entity) {
                return Err(bad());
            }
            let state = state_of(entity, &r.fields);
            let (_, told) = r.history.last().ok_or_else(bad)?;
            let segment = states.get(&(r.entity.as_str(), r.uid.as_str()));
            if *told != state || !segment.is_none_or(|all| all.iter().all(|v| known(r, v))) {
                return Err(bad());
            }
        }
        Ok(())
    }
}

/// A version of a record and its state's digest, as a journal gives it.
type Version<'a> = (Option<i64>, &'a str);
