//! Reading the journal: one record's entries, or a period's (the `audit` command and the
//! administrators' view), oldest first.

use chrono::NaiveDate;
use rusqlite::Row;

use super::super::{Result, Store, bad_code};
use crate::domain::journal::{Entity, Entry, Fields, Op};

/// An entry as read, with its hash.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalEntry {
    pub entry: Entry,
    pub hash: String,
}

impl std::ops::Deref for JournalEntry {
    type Target = Entry;
    fn deref(&self) -> &Entry {
        &self.entry
    }
}

/// Which entries to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// The first and last day (the entries' own local day), inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Entries by this officer (uid).
    pub officer: Option<String>,
    /// Entries about this record (uid or key).
    pub record: Option<String>,
    /// At most this many, the newest (None: all).
    pub limit: Option<u32>,
}

pub(in crate::store) const COLUMNS: &str =
    "seq, at, officer, desk, op, entity, record, v_before, v_after, before, after, state, hash";

fn fields(text: &str) -> rusqlite::Result<Fields> {
    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text)
        .map(|m| m.into_iter().collect())
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(9, rusqlite::types::Type::Text, e.into())
        })
}

/// The columns [`entry_from`] reads.
pub(in crate::store) fn read_columns() -> &'static str {
    COLUMNS
}

pub(in crate::store) fn entry_from(r: &Row) -> rusqlite::Result<JournalEntry> {
    let op: String = r.get(4)?;
    let entity: String = r.get(5)?;
    Ok(JournalEntry {
        entry: Entry {
            seq: r.get(0)?,
            at: r.get(1)?,
            officer: r.get(2)?,
            desk: r.get(3)?,
            op: Op::from_code(&op).ok_or_else(|| bad_code(4))?,
            entity: Entity::from_code(&entity).ok_or_else(|| bad_code(5))?,
            record: r.get(6)?,
            v_before: r.get(7)?,
            v_after: r.get(8)?,
            before: fields(&super::field_at(r, 9)?)?,
            after: fields(&super::field_at(r, 10)?)?,
            state: super::digest_at(r, 11)?,
        },
        hash: super::digest_at(r, 12)?.unwrap_or_default(),
    })
}

impl Store {
    /// Every entry about one record, oldest first.
    pub fn journal_of(&self, entity: Entity, record: &str) -> Result<Vec<JournalEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM journal WHERE entity = ?1 AND record = ?2 ORDER BY seq"
        ))?;
        let rows = stmt.query_map(rusqlite::params![entity.code(), record], entry_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The entries the filter asks for, oldest first (the newest `limit` when limited).
    pub fn journal(&self, f: &AuditFilter) -> Result<Vec<JournalEntry>> {
        // An entry's day is the first ten characters of its time (its own local day).
        let sql = format!(
            "SELECT * FROM (SELECT {COLUMNS} FROM journal
              WHERE (?1 IS NULL OR substr(at, 1, 10) >= ?1)
                AND (?2 IS NULL OR substr(at, 1, 10) <= ?2)
                AND (?3 IS NULL OR officer = ?3)
                AND (?4 IS NULL OR record = ?4 OR record LIKE ?4 || '/%'
                     OR record LIKE '%/' || ?4)
              ORDER BY seq DESC LIMIT ?5) ORDER BY seq"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![
                f.from.map(|d| d.to_string()),
                f.to.map(|d| d.to_string()),
                f.officer,
                f.record,
                f.limit.map_or(-1, i64::from),
            ],
            entry_from,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many entries the journal holds.
    pub fn journal_len(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM journal", [], |r| r.get(0))?)
    }
}

/// A row of the audit of a book made before the journal (kept as it was: `audit_legacy`).
#[derive(Debug, Clone, PartialEq)]
pub struct LegacyRow {
    pub at: String,
    pub officer_id: Option<i64>,
    pub action: String,
    pub tbl: String,
    pub record_uid: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl Store {
    /// The old audit's rows about one record (a book made before the journal), oldest first.
    pub fn legacy_audit_of(&self, tbl: &str, record_uid: &str) -> Result<Vec<LegacyRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, officer_id, action, tbl, record_uid, before, after
             FROM audit_legacy WHERE tbl = ?1 AND record_uid = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(rusqlite::params![tbl, record_uid], |r| {
            let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
            Ok(LegacyRow {
                at: r.get(0)?,
                officer_id: r.get(1)?,
                action: r.get(2)?,
                tbl: r.get(3)?,
                record_uid: r.get(4)?,
                before: parse(r.get(5)?),
                after: parse(r.get(6)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// The old audit's rows of a period (the entries' own local day), by an officer, about
    /// a record, oldest first.
    pub fn legacy_audit(&self, f: &AuditFilter, officer_id: Option<i64>) -> Result<Vec<LegacyRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, officer_id, action, tbl, record_uid, before, after FROM audit_legacy
             WHERE (?1 IS NULL OR substr(at, 1, 10) >= ?1)
               AND (?2 IS NULL OR substr(at, 1, 10) <= ?2)
               AND (?3 IS NULL OR officer_id = ?3)
               AND (?4 IS NULL OR record_uid = ?4)
             ORDER BY id",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![
                f.from.map(|d| d.to_string()),
                f.to.map(|d| d.to_string()),
                officer_id,
                f.record,
            ],
            |r| {
                Ok(LegacyRow {
                    at: r.get(0)?,
                    officer_id: r.get(1)?,
                    action: r.get(2)?,
                    tbl: r.get(3)?,
                    record_uid: r.get(4)?,
                    before: None,
                    after: None,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// The entries the filter asks for, read by `actor` — an administrator (domain/role.rs
    /// `ReadJournal`, the roles the book gives them now); anyone else is refused.
    pub fn read_journal(
        &self,
        actor: &super::super::Actor,
        f: &AuditFilter,
    ) -> Result<Vec<JournalEntry>> {
        let roles = super::super::auth::roles_of(&self.conn, actor.officer_id())?;
        crate::domain::role::decide(
            roles,
            actor.officer_id(),
            crate::domain::role::Permission::ReadJournal,
            &crate::domain::role::Target::None,
        )
        .map_err(super::super::StoreError::Forbidden)?;
        self.journal(f)
    }
}
