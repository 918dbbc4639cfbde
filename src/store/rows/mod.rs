//! The row writers: the only code that inserts, changes or removes the rows of the book's
//! records, each change written to the journal by the writer itself — so no write path, the
//! desk's or a bulk load's, can forget its entry (a test checks that no other file of the
//! store writes these tables).
//!
//! Each aggregate has one writer used by the desk and by bulk loads alike (`citizen.rs`,
//! `visit.rs`, `case.rs`, `officer.rs`, `catalog.rs`); what they share is here:
//! - [`Spec`]: what a record of a table is in the journal — its key (the uid, or a natural
//!   key), its version, and its fields as facts (a reference to another record as that
//!   record's uid, never a local row id; derived columns such as `next_due` or
//!   `name_folded` left out), read by [`read`], the one function `tiepdan check` uses too;
//! - [`created`], [`change`], [`deleted`]: the entry of a new, changed or removed row.

use std::sync::OnceLock;

use rusqlite::OptionalExtension;
use serde_json::Value;

use super::journal::Change;
use super::write::Sql;
use super::{Result, StoreError};
use crate::domain::journal::{Entity, Fields, Op};

mod case;
mod catalog;
mod dialogue;
pub(in crate::store) mod merge;
mod officer;
mod paper;
mod people;
mod schedule;
mod spec;
mod visit;

pub(in crate::store) use case::*;
pub(in crate::store) use catalog::*;
pub(in crate::store) use dialogue::*;
pub(in crate::store) use officer::*;
pub(in crate::store) use paper::*;
pub(in crate::store) use people::*;
pub(in crate::store) use schedule::*;
pub(in crate::store) use spec::*;
pub(in crate::store) use visit::*;

/// How a table's rows are journaled.
pub(in crate::store) struct Spec {
    pub entity: Entity,
    pub table: &'static str,
    /// SQL (on alias `t`) of the record's key in the journal.
    pub key: &'static str,
    /// Whether the table keeps a `version` (and an `updated_at`) bumped on every change;
    /// otherwise the journal counts the versions itself.
    pub versioned: bool,
    /// (field, SQL on alias `t`).
    pub cols: &'static [(&'static str, &'static str)],
    sql: OnceLock<String>,
    sql_one: OnceLock<String>,
    /// The columns' indexes in the order of their names (the canonical order).
    order: OnceLock<Vec<usize>>,
}

impl Spec {
    pub(in crate::store) const fn new(
        entity: Entity,
        table: &'static str,
        key: &'static str,
        versioned: bool,
        cols: &'static [(&'static str, &'static str)],
    ) -> Spec {
        Spec {
            entity,
            table,
            key,
            versioned,
            cols,
            sql: OnceLock::new(),
            sql_one: OnceLock::new(),
            order: OnceLock::new(),
        }
    }

    /// [`Spec::select`] of one row (by rowid).
    fn select_one(&self) -> &str {
        self.sql_one
            .get_or_init(|| format!("{} WHERE t.rowid = ?1", self.select()))
    }

    /// `SELECT key, version, fields… FROM table t` (no condition).
    pub(in crate::store) fn select(&self) -> &str {
        self.sql.get_or_init(|| {
            let cols: Vec<String> = self
                .cols
                .iter()
                .map(|(_, expr)| (*expr).to_owned())
                .collect();
            format!(
                "SELECT {} AS key__, {} AS version__, t.rowid AS rowid__, {} FROM {} t",
                self.key,
                if self.versioned { "t.version" } else { "NULL" },
                cols.join(", "),
                self.table
            )
        })
    }

    /// A record from a row of [`Spec::select`].
    pub(in crate::store) fn record_of(&self, r: &rusqlite::Row) -> rusqlite::Result<Record> {
        let mut values = Vec::with_capacity(self.cols.len());
        for (i, (name, _)) in self.cols.iter().enumerate() {
            let _ = name;
            values.push(value(r.get_ref(i + 3)?));
        }
        Ok(Record {
            key: r.get(0)?,
            version: r.get(1)?,
            rowid: r.get(2)?,
            values,
        })
    }

    /// The columns' indexes in the order of their names (the canonical order).
    fn order(&self) -> &[usize] {
        self.order.get_or_init(|| {
            let mut o: Vec<usize> = (0..self.cols.len()).collect();
            o.sort_by_key(|&i| self.cols[i].0);
            o
        })
    }

    /// The canonical JSON of the columns `pick` keeps, with their `values`.
    fn canonical_of(&self, values: &[Value], pick: impl Fn(usize) -> bool) -> String {
        use crate::domain::journal::{write_canonical, write_str};
        let mut out = String::with_capacity(48 * self.cols.len());
        out.push('{');
        let mut first = true;
        for &i in self.order() {
            if !pick(i) || (values[i].is_null() && is_late(self.cols[i].0)) {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            write_str(&mut out, self.cols[i].0);
            out.push(':');
            write_canonical(&mut out, &shown(self.entity, self.cols[i].0, &values[i]));
        }
        out.push('}');
        out
    }
}

impl Spec {
    /// A record's fields from a row of [`Spec::select`] as their canonical JSON, written
    /// straight from the row (a bulk load writes hundreds of thousands): the same text as
    /// `canonical_fields(&from_row(..).fields)` (checked in test builds).
    fn canonical_from_row(&self, r: &rusqlite::Row) -> rusqlite::Result<(String, String)> {
        use crate::domain::journal::{write_canonical, write_str};
        use rusqlite::types::ValueRef as V;
        let order = self.order();
        let mut out = String::with_capacity(64 * self.cols.len());
        out.push('{');
        let mut first = true;
        for &i in order.iter() {
            let name = self.cols[i].0;
            let v = r.get_ref(i + 3)?;
            if matches!(v, V::Null) && is_late(name) {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            write_str(&mut out, name);
            out.push(':');
            if crate::domain::journal::is_identity(self.entity, name) {
                write_canonical(&mut out, &entry_value(self.entity, name, v));
                continue;
            }
            match v {
                V::Null => out.push_str("null"),
                V::Integer(x) => out.push_str(&x.to_string()),
                V::Text(t) => write_str(&mut out, &String::from_utf8_lossy(t)),
                other => write_canonical(&mut out, &value(other)),
            }
        }
        out.push('}');
        Ok((r.get(0)?, out))
    }
}

/// A field a later upgrade added: left out of a record's canonical form while it holds
/// nothing, so the records journaled before it came keep their digests. (Both are sealed
/// values: ciphertext, hex in an entry.)
pub(in crate::store) fn is_late(field: &str) -> bool {
    field == "sealed" || field == "sealed_representatives"
}

/// A record as the journal sees it: its key, version, row, and its fields' values (in the
/// order of its [`Spec`]'s columns).
#[derive(Debug, Clone, PartialEq)]
pub(in crate::store) struct Record {
    pub key: String,
    pub version: Option<i64>,
    pub rowid: i64,
    pub values: Vec<Value>,
}

impl Record {
    /// The fields by name.
    pub(in crate::store) fn fields(&self, spec: &Spec) -> Fields {
        spec.cols
            .iter()
            .zip(&self.values)
            .filter(|((name, _), v)| !(v.is_null() && is_late(name)))
            .map(|((name, _), v)| ((*name).to_owned(), shown(spec.entity, name, v)))
            .collect()
    }

    /// The digest of the record's whole state (an entry's `state`).
    pub(in crate::store) fn digest(&self, spec: &Spec) -> String {
        use sha2::{Digest, Sha256};
        let text = spec.canonical_of(&self.values, |_| true);
        crate::domain::journal::hex(&Sha256::digest(text.as_bytes()))
    }
}

/// A column's value as an entry holds it: text, integer or null (as the row holds it).
fn value(v: rusqlite::types::ValueRef) -> Value {
    use rusqlite::types::ValueRef as V;
    match v {
        V::Null => Value::Null,
        V::Integer(n) => Value::from(n),
        V::Real(f) => Value::String(f.to_string()),
        V::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        V::Blob(b) => Value::String(crate::domain::journal::hex(b)),
    }
}

/// A column's value as an entry's field. The one place a row's identity columns (a
/// citizen's name, ID, phone, address, birth year, sex; a visit's representatives:
/// `domain::journal::is_identity`) become an entry's fields: **withheld**. The journal is
/// append-only and chained — whatever enters it stays for good — and a denouncer's identity
/// is not yet sealed at rest (issue 26's sealing, a later slice): so no identity value ever
/// enters it, only whether there is one (`"withheld"`, `""` or null). An identity change
/// shows as the record's new version; `check` cannot vouch for identity columns until the
/// sealed values (ciphertext) are journaled in their place.
pub(in crate::store) fn entry_value(
    entity: Entity,
    field: &str,
    v: rusqlite::types::ValueRef,
) -> Value {
    shown(entity, field, &value(v))
}

/// A record's value as an entry holds it (see [`entry_value`]): identity values withheld. The
/// record itself (`Record::values`) keeps the real ones, so a change of identity is still a
/// change — a new version and an entry — whose values the entry does not hold.
fn shown(entity: Entity, field: &str, v: &Value) -> Value {
    if !crate::domain::journal::is_identity(entity, field) {
        return v.clone();
    }
    match v {
        Value::Null => Value::Null,
        Value::String(t) if t.is_empty() || t == "[]" => Value::String(String::new()),
        _ => Value::String(WITHHELD.to_owned()),
    }
}

/// A field's value as an entry holds it (identity values withheld): a package's record
/// checked against its journal.
pub(in crate::store) fn shown_value(entity: Entity, field: &str, v: &Value) -> Value {
    shown(entity, field, v)
}

/// What an entry holds for an identity value (see [`entry_value`]).
pub const WITHHELD: &str = "withheld";

/// A row as the journal sees it (None when there is none).
pub(in crate::store) fn read(
    conn: &rusqlite::Connection,
    spec: &Spec,
    rowid: i64,
) -> Result<Option<Record>> {
    Ok(conn
        .prepare_cached(spec.select_one())?
        .query_row([rowid], |r| spec.record_of(r))
        .optional()?)
}

/// The version the journal gave a record of a table that keeps none: its last entry's.
fn journal_version(conn: &rusqlite::Connection, entity: Entity, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT v_after FROM journal WHERE entity = ?1 AND record = ?2
             ORDER BY seq DESC LIMIT 1",
        )?
        .query_row(rusqlite::params![entity.code(), key], |r| r.get(0))
        .optional()?
        .flatten())
}

/// The entry of a row just inserted (`op`: create, or baseline for a record found): its
/// fields are all of its fields.
pub(in crate::store) fn created(sql: &Sql, spec: &Spec, rowid: i64, op: Op) -> Result<()> {
    let conn = sql.conn();
    let (key, version, after): (String, Option<i64>, String) = conn
        .prepare_cached(spec.select_one())?
        .query_row([rowid], |r| {
            let (key, text) = spec.canonical_from_row(r)?;
            Ok((key, r.get(1)?, text))
        })
        .optional()?
        .ok_or(StoreError::NotFound(spec.table))?;
    #[cfg(debug_assertions)]
    {
        let rec = read(conn, spec, rowid)?.ok_or(StoreError::NotFound(spec.table))?;
        debug_assert_eq!(
            after,
            crate::domain::journal::canonical_fields(&rec.fields(spec))
        );
    }
    sql.journal().append_encoded(
        conn,
        super::journal::Encoded {
            op,
            entity: spec.entity,
            record: &key,
            v_before: None,
            v_after: Some(version.unwrap_or(1)),
            before: "{}",
            after: &after,
            whole: true,
        },
    )?;
    Ok(())
}

/// Whether a change with no field changed still makes a new version (a case that took in
/// another petition: its timeline grew).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Touch {
    IfChanged,
    Always,
}

/// Run `f`, which changes the row `rowid` of `spec`'s table, and write its entry: the fields
/// that changed, before and after, and a new version (bumped here, with `updated_at`, for a
/// table that keeps one). Nothing is written when nothing changed (unless `Touch::Always`).
/// Returns what `f` returned and whether the record changed.
pub(in crate::store) fn change<T>(
    sql: &Sql,
    spec: &Spec,
    rowid: i64,
    op: Op,
    touch: Touch,
    f: impl FnOnce() -> Result<T>,
) -> Result<(T, bool)> {
    let before = read(sql.conn(), spec, rowid)?.ok_or(StoreError::NotFound(spec.table))?;
    let out = f()?;
    let changed = changed(sql, spec, &before, op, touch)?;
    Ok((out, changed))
}

/// The entry of a change made since `before` was read (see [`change`]).
pub(in crate::store) fn changed(
    sql: &Sql,
    spec: &Spec,
    before: &Record,
    op: Op,
    touch: Touch,
) -> Result<bool> {
    let conn = sql.conn();
    let after = read(conn, spec, before.rowid)?.ok_or(StoreError::NotFound(spec.table))?;
    let differs = |i: usize| before.values[i] != after.values[i];
    if !(0..spec.cols.len()).any(differs) && touch == Touch::IfChanged {
        return Ok(false);
    }
    let (v_before, v_after) = if spec.versioned {
        let stamp = sql.journal().stamp();
        conn.prepare_cached(&format!(
            "UPDATE {} SET version = version + 1, updated_at = ?2 WHERE rowid = ?1",
            spec.table
        ))?
        .execute(rusqlite::params![before.rowid, stamp])?;
        (before.version, before.version.map(|v| v + 1))
    } else {
        let v = journal_version(conn, spec.entity, &before.key)?;
        (v, Some(v.unwrap_or(0) + 1))
    };
    let old = match moved_denunciation(spec, before, &after) {
        Some(i) => {
            let mut values = before.values.clone();
            values[i] = Value::String(WITHHELD.to_owned());
            spec.canonical_of(&values, differs)
        }
        None => spec.canonical_of(&before.values, differs),
    };
    let new = spec.canonical_of(&after.values, differs);
    let state = after.digest(spec);
    sql.journal().append_state(
        conn,
        super::journal::Encoded {
            op,
            entity: spec.entity,
            record: &after.key,
            v_before,
            v_after,
            before: &old,
            after: &new,
            whole: false,
        },
        state,
    )?;
    Ok(true)
}

/// The citizen column of a denunciation (a visit or a case) whose citizen changed: the entry
/// withholds the citizen it had (Luật Tố cáo Art 8(3)) — a denunciation moved off an open
/// citizen's record to a sealed one, or a record that stops or starts being a denunciation,
/// must not name the open record and the sealed one side by side in the clear.
fn moved_denunciation(spec: &Spec, before: &Record, after: &Record) -> Option<usize> {
    let kind = match spec.entity {
        Entity::Visit => "petition_type",
        Entity::Case => "case_type",
        _ => return None,
    };
    let col = |name: &str| spec.cols.iter().position(|(n, _)| *n == name);
    let (citizen, kind) = (col("citizen")?, col(kind)?);
    let denunciation = |r: &Record| r.values[kind] == Value::String("to_cao".to_owned());
    (before.values[citizen] != after.values[citizen]
        && (denunciation(before) || denunciation(after)))
    .then_some(citizen)
}

/// The entry of a row about to be removed (read before it goes): its fields before.
pub(in crate::store) fn deleted(sql: &Sql, spec: &Spec, rec: &Record) -> Result<()> {
    let v = if spec.versioned {
        rec.version
    } else {
        journal_version(sql.conn(), spec.entity, &rec.key)?
    };
    sql.journal().append(
        sql.conn(),
        &Change {
            op: Op::Delete,
            entity: spec.entity,
            record: &rec.key,
            v_before: v,
            v_after: None,
            before: &rec.fields(spec),
            after: &Fields::new(),
            state: None,
        },
    )?;
    Ok(())
}

/// An entry that changes no record (a reveal, a sign-in, a match the form could not show).
pub(in crate::store) fn fact(
    sql: &Sql,
    op: Op,
    entity: Entity,
    record: &str,
    facts: Fields,
) -> Result<()> {
    sql.journal()
        .append(sql.conn(), &Change::read(op, entity, record, &facts))?;
    Ok(())
}

/// Fields from pairs (an entry's facts).
pub(in crate::store) fn facts<const N: usize>(pairs: [(&str, Value); N]) -> Fields {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}
