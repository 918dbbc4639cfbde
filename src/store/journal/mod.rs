//! The journal in the book (migration 0023; the entries' form and their canonical encoding
//! in `domain::journal`): the one place entries are appended, chained and signed, and read.
//!
//! A [`Journal`] is the head of the chain held by one write transaction: the next sequence
//! number and the previous hash (read once when the transaction begins, so an append costs
//! no read), the desk's code, the officer and the time of the transaction — one time for
//! every record and entry the transaction writes, from the one clock (`clock::now`).
//!
//! The first write of a day begins with a checkpoint: the desk signs, with its Ed25519 key
//! (`key.rs`), the head of the chain as the previous day left it.

mod key;
mod packed;
mod read;

use std::cell::RefCell;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use super::{Result, clock};
use crate::domain::journal::{
    self, Entity, Fields, GENESIS, Op, Parts, canonical_fields, hash_from_hex, hex,
};

pub use key::{ensure_desk_key, verify};
pub(in crate::store) use packed::{compact_old, digest_at, digest_bytes, field_at};
pub use packed::{pack, stored_text, unpack};
pub use read::{AuditFilter, JournalEntry, LegacyRow};
pub(in crate::store) use read::{entry_from as entry_from_row, read_columns};

/// The head of the chain, held by one write transaction.
pub struct Journal {
    next: i64,
    prev: [u8; 32],
    desk: String,
    officer: Option<String>,
    /// The transaction's time.
    time: DateTime<FixedOffset>,
    at: String,
}

/// What an entry says besides who, where and when.
pub struct Change<'a> {
    pub op: Op,
    pub entity: Entity,
    pub record: &'a str,
    pub v_before: Option<i64>,
    pub v_after: Option<i64>,
    pub before: &'a Fields,
    pub after: &'a Fields,
    /// The record's whole state after the change (its digest is the entry's `state`).
    pub state: Option<&'a Fields>,
}

/// An entry whose fields are canonical JSON already.
pub struct Encoded<'a> {
    pub op: Op,
    pub entity: Entity,
    pub record: &'a str,
    pub v_before: Option<i64>,
    pub v_after: Option<i64>,
    pub before: &'a str,
    pub after: &'a str,
    /// `after` is the record's whole state (a new record).
    pub whole: bool,
}

impl<'a> Change<'a> {
    /// An entry that changes no record (a sign-in, a reveal, an export): its facts in `after`.
    pub fn read(op: Op, entity: Entity, record: &'a str, facts: &'a Fields) -> Change<'a> {
        static EMPTY: std::sync::LazyLock<Fields> = std::sync::LazyLock::new(Fields::new);
        Change {
            op,
            entity,
            record,
            v_before: None,
            v_after: None,
            before: &EMPTY,
            after: facts,
            state: None,
        }
    }
}

impl Journal {
    /// The head as the book has it, for a transaction on behalf of `officer` (a uid) at the
    /// clock's now. On the first write of a day, the chain so far is signed first.
    pub fn begin(conn: &Connection, officer: Option<&str>) -> Result<Journal> {
        let time = clock::now();
        let head: Option<(i64, Option<String>)> = conn
            .prepare_cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, digest_at(r, 1)?)))
            .optional()?;
        let (last, prev) = match head {
            Some((seq, hash)) => (
                seq,
                hash.as_deref().and_then(hash_from_hex).unwrap_or(GENESIS),
            ),
            None => (0, GENESIS),
        };
        let mut j = Journal {
            next: last + 1,
            prev,
            desk: super::settings::desk_of(conn)?,
            officer: officer.map(str::to_owned),
            at: clock::entry_time(&time),
            time,
        };
        j.checkpoint_if_new_day(conn)?;
        Ok(j)
    }

    /// The stamp records written in this transaction carry (`created_at`, `updated_at`).
    pub fn stamp(&self) -> String {
        clock::stamp(&self.time)
    }

    /// The desk's code changed in this transaction (a setting, a load): the next entries
    /// carry the new one.
    pub fn set_desk(&mut self, desk: &str) {
        self.desk = desk.to_owned();
    }

    /// The sequence number the next entry gets.
    pub fn next_seq(&self) -> i64 {
        self.next
    }

    /// Append one entry; returns its sequence number.
    pub fn append(&mut self, conn: &Connection, c: &Change) -> Result<i64> {
        let before = canonical_fields(c.before);
        let after = canonical_fields(c.after);
        let whole = c.state.is_some_and(|s| std::ptr::eq(s, c.after));
        let state = match c.state {
            Some(s) if !whole => Some(journal::state_digest(s)),
            _ => None,
        };
        self.append_with(
            conn,
            &Encoded {
                op: c.op,
                entity: c.entity,
                record: c.record,
                v_before: c.v_before,
                v_after: c.v_after,
                before: &before,
                after: &after,
                whole,
            },
            state,
        )
    }

    /// Append one entry whose fields are already canonical JSON.
    pub fn append_encoded(&mut self, conn: &Connection, e: Encoded) -> Result<i64> {
        self.append_with(conn, &e, None)
    }

    /// Append one entry whose fields are already canonical JSON, with its record's state.
    pub fn append_state(&mut self, conn: &Connection, e: Encoded, state: String) -> Result<i64> {
        self.append_with(conn, &e, Some(state))
    }

    fn append_with(
        &mut self,
        conn: &Connection,
        e: &Encoded,
        state: Option<String>,
    ) -> Result<i64> {
        // A record's whole fields (a new record) are its state: its digest is that of `after`.
        let state = match state {
            Some(s) => Some(s),
            None if e.whole => Some(hex(&sha256(e.after.as_bytes()))),
            None => None,
        };
        let parts = Parts {
            seq: self.next,
            at: &self.at,
            officer: self.officer.as_deref(),
            desk: &self.desk,
            op: e.op,
            entity: e.entity,
            record: e.record,
            v_before: e.v_before,
            v_after: e.v_after,
            before: e.before,
            after: e.after,
            state: state.as_deref(),
        };
        let hash = journal::chain(&self.prev, journal::encode(&parts).as_bytes());
        conn.prepare_cached(
            "INSERT INTO journal (seq, at, officer, desk, op, entity, record, v_before, v_after,
                                  before, after, state, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            self.next,
            self.at,
            self.officer,
            self.desk,
            e.op.code(),
            e.entity.code(),
            e.record,
            e.v_before,
            e.v_after,
            packed::pack(e.before),
            packed::pack(e.after),
            state.as_deref().and_then(digest_bytes),
            hash.as_slice(),
        ])?;
        let seq = self.next;
        self.next += 1;
        self.prev = hash;
        Ok(seq)
    }

    /// The day's checkpoint: when the chain has entries and none of them is today's
    /// checkpoint, the desk signs the head as it is (the previous day's last entry).
    fn checkpoint_if_new_day(&mut self, conn: &Connection) -> Result<()> {
        if self.next == 1 {
            return Ok(());
        }
        let day = self.time.date_naive();
        let done: bool = conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM journal WHERE entity = 'journal' AND record = ?1)",
            )?
            .query_row([checkpoint_record(day)], |r| r.get(0))?;
        if done {
            return Ok(());
        }
        let Some(key) = key::load(conn)? else {
            return Ok(());
        };
        let (upto, head) = (self.next - 1, hex(&self.prev));
        let day_text = day.to_string();
        let signature = key.sign(&journal::checkpoint_message(
            &self.desk, &day_text, upto, &head,
        ));
        let mut facts = Fields::new();
        facts.insert("day".into(), Value::String(day_text));
        facts.insert("upto".into(), Value::from(upto));
        facts.insert("head".into(), Value::String(head));
        facts.insert("key".into(), Value::String(key.public_hex()));
        facts.insert("signature".into(), Value::String(hex(&signature)));
        let record = checkpoint_record(day);
        self.append(
            conn,
            &Change::read(Op::Checkpoint, Entity::Journal, &record, &facts),
        )?;
        Ok(())
    }
}

/// The record of a day's checkpoint.
pub fn checkpoint_record(day: NaiveDate) -> String {
    format!("checkpoint-{day}")
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).into()
}

/// The journal of one write transaction, shared by its writer and a bulk load within it.
pub struct Held(RefCell<Journal>);

impl Held {
    pub fn new(j: Journal) -> Held {
        Held(RefCell::new(j))
    }

    pub fn get(&self) -> std::cell::RefMut<'_, Journal> {
        self.0.borrow_mut()
    }
}

/// The entry of the desk's new key (its public half).
pub fn key_made(sql: &super::write::Sql, public: &str) -> Result<()> {
    let facts = super::rows::facts([("public", Value::String(public.to_owned()))]);
    sql.journal().append(
        sql.conn(),
        &Change::read(Op::Create, Entity::DeskKey, public, &facts),
    )?;
    Ok(())
}

/// The record of the old audit's seal.
pub const LEGACY_RECORD: &str = "audit_legacy";

/// The old audit's rows (a book made before the journal), in order: how many, and the
/// SHA-256 chained over each row's canonical JSON (id, at, officer_id, action, tbl,
/// record_uid, before, after) — what the `legacy` entry seals and `check` recomputes.
pub fn legacy_digest(conn: &Connection) -> Result<(i64, String)> {
    let mut stmt = conn.prepare(
        "SELECT id, at, officer_id, action, tbl, record_uid, before, after
         FROM audit_legacy ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let (mut n, mut h) = (0i64, GENESIS);
    while let Some(r) = rows.next()? {
        let row = Value::Array(vec![
            Value::from(r.get::<_, i64>(0)?),
            Value::from(r.get::<_, String>(1)?),
            r.get::<_, Option<i64>>(2)?.map_or(Value::Null, Value::from),
            Value::from(r.get::<_, String>(3)?),
            Value::from(r.get::<_, String>(4)?),
            Value::from(r.get::<_, String>(5)?),
            r.get::<_, Option<String>>(6)?
                .map_or(Value::Null, Value::from),
            r.get::<_, Option<String>>(7)?
                .map_or(Value::Null, Value::from),
        ]);
        h = journal::chain(&h, journal::canonical(&row).as_bytes());
        n += 1;
    }
    Ok((n, hex(&h)))
}

/// Seal the old audit into the chain (a book that has one).
pub fn seal_legacy(sql: &super::write::Sql) -> Result<()> {
    let (rows, digest) = legacy_digest(sql.conn())?;
    if rows == 0 {
        return Ok(());
    }
    let facts = super::rows::facts([
        ("rows", Value::from(rows)),
        ("digest", Value::String(digest)),
    ]);
    sql.journal().append(
        sql.conn(),
        &Change::read(Op::Legacy, Entity::Journal, LEGACY_RECORD, &facts),
    )?;
    Ok(())
}

/// Sign `message` with the desk's key (a package of this desk's records): its public half
/// and the signature, hex (None: the book has no key).
pub(in crate::store) fn sign(
    conn: &Connection,
    message: &[u8],
) -> Result<Option<(String, String)>> {
    Ok(key::load(conn)?.map(|k| (k.public_hex(), hex(&k.sign(message)))))
}
