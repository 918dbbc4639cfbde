//! The journal (PRODUCT.md §3 "audit"): one typed entry per record a write changes, and per
//! read that matters (a sign-in, a wrong PIN, a denouncer revealed, an export), chained by
//! SHA-256 so that an edited, removed or inserted entry breaks the chain.
//!
//! An entry holds facts, never prose: who (the officer's uid), where (the desk's code), when
//! (a time with its UTC offset), what (the entity, the record's uid, the versions before and
//! after) and the fields changed, their values as the row holds them, a reference to another
//! record written as that record's uid (never a desk-local row id). Words are chosen when an
//! entry is shown, in the reader's language (`i18n`).
//!
//! **The canonical encoding** of an entry (what its hash covers) is JSON with every object's
//! keys sorted by their UTF-8 bytes, no whitespace, strings escaped only where JSON requires
//! (`"`, `\`, and the controls U+0000–U+001F, as `\u00xx`; every other character as its
//! UTF-8 bytes), integers in decimal; no floats. [`canonical`] writes it, a test pins its
//! bytes and the hash of a fixed entry. An entry's hash is
//! `SHA-256(previous entry's hash ‖ canonical bytes)`, the first entry's previous hash 32 zero
//! bytes.

use std::collections::BTreeMap;

use serde_json::Value;
use sha2::{Digest, Sha256};

code_enum! {
    /// What an entry is about.
    Entity {
        Citizen = "citizen",
        Session = "session",
        Visit = "visit",
        Case = "case",
        /// A step of a case's timeline.
        CaseEvent = "case_event",
        /// A visit linked to a case (the record is `case uid/visit uid`).
        CaseVisit = "case_visit",
        Officer = "officer",
        /// A setting (the record is its key).
        Setting = "setting",
        Field = "field",
        /// A deadline rule.
        Rule = "rule",
        /// An explicit calendar day (the record is `day@effective from`).
        CalendarDay = "calendar_day",
        /// An announced year of the calendar (the record is the year).
        CalendarYear = "calendar_year",
        /// A closed reporting period.
        Closing = "closing",
        /// A plan of the head's reception schedule (issue 29).
        ReceptionPlan = "reception_plan",
        /// What the book records of a day of the schedule (the record is the day).
        ReceptionDay = "reception_day",
        /// A form's draft (scratch: its creation and removal only, never what was typed).
        Draft = "draft",
        /// The desk's signing key (its public half).
        DeskKey = "desk_key",
        /// The journal itself: a checkpoint, the legacy audit sealed at the upgrade.
        Journal = "journal",
        /// A report of a period, exported (the record is the period's code).
        Report = "report",
        /// The reception book as a whole: an export (the record is its layout), an import
        /// (the file and its digest).
        Book = "book",
        /// The documents a visit received (the record is the visit's uid).
        VisitDocuments = "visit_documents",
        /// A paper's number (form, year, number, what it is about).
        Paper = "paper",
        /// A print of a paper: the first or a reprint, its template's version, who, when.
        PaperPrint = "paper_print",
        /// A dialogue: a complaint's or the head's with the people (issue 29).
        Dialogue = "dialogue",
        /// An answer promised at a public dialogue.
        DialoguePromise = "dialogue_promise",
        /// Where a record merged from another desk came from (the record is
        /// `entity/uid`): the desk, its unit's sealing key, the versions agreed on.
        MergeOrigin = "merge_origin",
        /// Another desk's citizen that is one of ours (the same ID number).
        CitizenAlias = "citizen_alias",
    }
}

code_enum! {
    /// What happened.
    Op {
        /// A new record (its fields are all of its fields).
        Create = "create",
        /// A record changed (its fields are the ones that changed).
        Update = "update",
        /// A record voided (marked, never deleted: `deleted_at`).
        Void = "void",
        /// A record removed (a calendar day superseded, a draft, a case's visit).
        Delete = "delete",
        /// A record as it was found when the journal began (an upgraded book's records, the
        /// seeded catalogs of a new book).
        Baseline = "baseline",
        SignIn = "sign_in",
        SignInFailed = "sign_in_failed",
        PinSet = "pin_set",
        PinChanged = "pin_changed",
        PinReset = "pin_reset",
        /// A denouncer's identity shown to the officer (Luật Tố cáo Art 8(3), 56).
        Reveal = "reveal",
        /// The form recognized a citizen it could not show (only a denouncer).
        MatchUnseen = "match_unseen",
        /// An ID number this citizen now shares with a denouncer's record.
        IdShared = "id_shared",
        Export = "export",
        /// Records imported from a file (each has its own entry; this one names the file).
        Import = "import",
        Print = "print",
        /// The desk's signature over the chain so far (daily).
        Checkpoint = "checkpoint",
        /// The audit rows of a book made before the journal, sealed (count and digest).
        Legacy = "legacy",
        /// A leader set or changed the passphrase the unit key is wrapped under.
        PassphraseSet = "passphrase_set",
        /// A leader unlocked the unit key (with their passphrase) for the session.
        UnitUnlocked = "unit_unlocked",
        /// A wrong passphrase or recovery code was tried.
        UnitUnlockFailed = "unit_unlock_failed",
        /// The unit key unlocked with the recovery code.
        UnitRecovered = "unit_recovered",
        /// A new recovery code replaced the old one.
        RecoveryCodeMade = "recovery_code_made",
        /// The unit key sealed to a provincial escrow key.
        EscrowSet = "escrow_set",
        /// A new unit key replaced the old one (retired, kept to open what was sealed to it).
        UnitKeyRotated = "unit_key_rotated",
        /// An administrator accepted another desk's new signing key (the record is that
        /// desk's code): its packages signed with it are merged from now on.
        DeskKeyTrusted = "desk_key_trusted",
    }
}

/// Fields by name (sorted: the canonical order).
pub type Fields = BTreeMap<String, Value>;

/// One entry of the journal.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// 1, 2, 3… without a gap.
    pub seq: i64,
    /// RFC 3339 with the UTC offset, to the second: `2026-12-02T09:15:03+07:00`.
    pub at: String,
    /// The officer's uid (None: nobody signed in — a wrong PIN, an upgrade, a load).
    pub officer: Option<String>,
    /// The desk's code.
    pub desk: String,
    pub op: Op,
    pub entity: Entity,
    /// The record's uid (or its natural key: a setting's key, a day, a year).
    pub record: String,
    pub v_before: Option<i64>,
    pub v_after: Option<i64>,
    /// The changed fields' values before (empty for a new record).
    pub before: Fields,
    /// The changed fields' values after (all of a new record's fields).
    pub after: Fields,
    /// SHA-256 (hex) of the record's whole state after the change: what `tiepdan check`
    /// compares the record with. None for an entry that changes no record.
    pub state: Option<String>,
}

impl Entry {
    /// The bytes the chain hashes.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        encode(&Parts {
            seq: self.seq,
            at: &self.at,
            officer: self.officer.as_deref(),
            desk: &self.desk,
            op: self.op,
            entity: self.entity,
            record: &self.record,
            v_before: self.v_before,
            v_after: self.v_after,
            before: &canonical_fields(&self.before),
            after: &canonical_fields(&self.after),
            state: self.state.as_deref(),
        })
        .into_bytes()
    }

    /// This entry's hash after `prev` (the previous entry's hash; zeros for the first).
    pub fn hash_after(&self, prev: &[u8; 32]) -> [u8; 32] {
        chain(prev, &self.canonical_bytes())
    }
}

/// An entry as the store holds it: its fields already in canonical JSON.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    pub seq: i64,
    pub at: &'a str,
    pub officer: Option<&'a str>,
    pub desk: &'a str,
    pub op: Op,
    pub entity: Entity,
    pub record: &'a str,
    pub v_before: Option<i64>,
    pub v_after: Option<i64>,
    /// Canonical JSON objects.
    pub before: &'a str,
    pub after: &'a str,
    pub state: Option<&'a str>,
}

/// The canonical bytes of an entry: its keys in sorted order (`after`, `at`, `before`,
/// `desk`, `entity`, `officer`, `op`, `record`, `seq`, `state`, `v_after`, `v_before`).
pub fn encode(p: &Parts) -> String {
    let mut out = String::with_capacity(p.before.len() + p.after.len() + 320);
    let opt_str = |out: &mut String, s: Option<&str>| match s {
        Some(s) => write_str(out, s),
        None => out.push_str("null"),
    };
    let opt_num = |out: &mut String, n: Option<i64>| match n {
        Some(n) => out.push_str(&n.to_string()),
        None => out.push_str("null"),
    };
    out.push_str("{\"after\":");
    out.push_str(p.after);
    out.push_str(",\"at\":");
    write_str(&mut out, p.at);
    out.push_str(",\"before\":");
    out.push_str(p.before);
    out.push_str(",\"desk\":");
    write_str(&mut out, p.desk);
    out.push_str(",\"entity\":");
    write_str(&mut out, p.entity.code());
    out.push_str(",\"officer\":");
    opt_str(&mut out, p.officer);
    out.push_str(",\"op\":");
    write_str(&mut out, p.op.code());
    out.push_str(",\"record\":");
    write_str(&mut out, p.record);
    out.push_str(",\"seq\":");
    out.push_str(&p.seq.to_string());
    out.push_str(",\"state\":");
    opt_str(&mut out, p.state);
    out.push_str(",\"v_after\":");
    opt_num(&mut out, p.v_after);
    out.push_str(",\"v_before\":");
    opt_num(&mut out, p.v_before);
    out.push('}');
    out
}

/// `SHA-256(prev ‖ bytes)`.
pub fn chain(prev: &[u8; 32], bytes: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(bytes);
    h.finalize().into()
}

/// The previous hash of the first entry.
pub const GENESIS: [u8; 32] = [0; 32];

/// The canonical JSON of a value (see the module's doc).
pub fn canonical(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(&mut out, v);
    out
}

/// The canonical JSON of fields (an object).
pub fn canonical_fields(f: &Fields) -> String {
    let mut out = String::new();
    out.push('{');
    for (i, (k, v)) in f.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(&mut out, k);
        out.push(':');
        write_canonical(&mut out, v);
    }
    out.push('}');
    out
}

/// SHA-256 (hex) of a record's whole state: the digest an entry's `state` holds.
pub fn state_digest(f: &Fields) -> String {
    hex(&Sha256::digest(canonical_fields(f).as_bytes()))
}

/// Append the canonical JSON of a value.
pub fn write_canonical(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_i64() {
            Some(i) => out.push_str(&i.to_string()),
            // No floats are stored; a stray one is kept as its decimal text.
            None => write_str(out, &n.to_string()),
        },
        Value::String(s) => write_str(out, s),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(out, x);
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, k);
                out.push(':');
                write_canonical(out, &m[k]);
            }
            out.push('}');
        }
    }
}

/// Append a string as canonical JSON.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    // Runs without anything to escape are copied whole (every byte to escape is ASCII).
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xf) as usize] as char);
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 0xf) as usize] as char);
    }
    s
}

/// Bytes from lowercase or uppercase hex (None when not hex).
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks_exact(2)
        .map(|p| Some(nibble(p[0])? << 4 | nibble(p[1])?))
        .collect()
}

/// A 32-byte hash from its hex.
pub fn hash_from_hex(s: &str) -> Option<[u8; 32]> {
    unhex(s)?.try_into().ok()
}

/// What a desk signs at a checkpoint: its code, the day, and the chain's head then (the seq
/// and hash of the last entry before the checkpoint).
pub fn checkpoint_message(desk: &str, day: &str, upto: i64, head: &str) -> Vec<u8> {
    let mut f = Fields::new();
    f.insert("desk".into(), Value::String(desk.into()));
    f.insert("day".into(), Value::String(day.into()));
    f.insert("upto".into(), Value::from(upto));
    f.insert("head".into(), Value::String(head.into()));
    format!("tiepdan-checkpoint-v1:{}", canonical_fields(&f)).into_bytes()
}

/// The fields whose values hold a person's identity (the denouncer's, in a denunciation):
/// never printed by the audit (only that they changed).
pub const IDENTITY_FIELDS: &[&str] = &[
    "full_name",
    "id_kind",
    "id_number",
    "phone",
    "address",
    "birth_year",
    "sex",
    "representatives",
];

/// Is this field of an entry a part of someone's identity?
pub fn is_identity(entity: Entity, field: &str) -> bool {
    matches!(entity, Entity::Citizen | Entity::Visit) && IDENTITY_FIELDS.contains(&field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry() -> Entry {
        let mut after = Fields::new();
        after.insert("content".into(), json!("Khiếu nại \"đất\"\n"));
        after.insert("people".into(), json!(3));
        after.insert(
            "citizen".into(),
            json!("0192f000-0000-7000-8000-0000000000aa"),
        );
        after.insert("deleted_at".into(), Value::Null);
        Entry {
            seq: 7,
            at: "2026-12-02T09:15:03+07:00".into(),
            officer: Some("0192f000-0000-7000-8000-000000000001".into()),
            desk: "BD".into(),
            op: Op::Create,
            entity: Entity::Visit,
            record: "0192f000-0000-7000-8000-0000000000bb".into(),
            v_before: None,
            v_after: Some(1),
            before: Fields::new(),
            state: Some(state_digest(&after)),
            after,
        }
    }

    #[test]
    fn the_canonical_encoding_is_pinned() {
        let e = entry();
        let text = String::from_utf8(e.canonical_bytes()).unwrap();
        assert_eq!(
            text,
            concat!(
                r#"{"after":{"citizen":"0192f000-0000-7000-8000-0000000000aa","content":"Khiếu nại \"đất\"\u000a","deleted_at":null,"people":3},"#,
                r#""at":"2026-12-02T09:15:03+07:00","before":{},"desk":"BD","entity":"visit","#,
                r#""officer":"0192f000-0000-7000-8000-000000000001","op":"create","#,
                r#""record":"0192f000-0000-7000-8000-0000000000bb","seq":7,"#,
                r#""state":"d9c7d5a0b0b8d2b1a2d8c30d3bb1b1a1a2a1c0e1e7b3a4f2c5b8e1d5f0c3a2b1","#,
                r#""v_after":1,"v_before":null}"#
            )
            .replace(
                "d9c7d5a0b0b8d2b1a2d8c30d3bb1b1a1a2a1c0e1e7b3a4f2c5b8e1d5f0c3a2b1",
                e.state.as_deref().unwrap()
            )
        );
        // The same entry, the same bytes, whatever order its fields were built in.
        let mut again = entry();
        let after: Vec<_> = again.after.clone().into_iter().rev().collect();
        again.after = after.into_iter().collect();
        assert_eq!(again.canonical_bytes(), e.canonical_bytes());
        // Parsing the canonical text and encoding it again gives it back.
        let parsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(canonical(&parsed), text);
    }

    #[test]
    fn the_hash_of_a_fixed_entry_is_pinned() {
        // Both values were computed apart, by a few lines of Python over the bytes the
        // module doc describes (json text written by hand, hashlib.sha256).
        let e = entry();
        assert_eq!(
            e.state.as_deref().unwrap(),
            "9747880d383057f253604105f966097cdb67c2fc7238200684d0980debcea72b",
        );
        assert_eq!(
            hex(&e.hash_after(&GENESIS)),
            "cf62dd1e69c8dd96bfad5c6c157b5796ac8886558963ddaaa6698202d2ee924a"
        );
        // Another previous hash, another hash.
        assert_ne!(e.hash_after(&[1; 32]), e.hash_after(&GENESIS));
    }

    #[test]
    fn hex_round_trips() {
        let h = chain(&GENESIS, b"x");
        assert_eq!(hash_from_hex(&hex(&h)), Some(h));
        assert_eq!(unhex("zz"), None);
        assert_eq!(unhex("abc"), None);
        assert_eq!(unhex("0aFf"), Some(vec![0x0a, 0xff]));
        assert_eq!(unhex("+1"), None);
        assert_eq!(unhex("é1"), None);
        assert_eq!(unhex(""), Some(vec![]));
    }
}
