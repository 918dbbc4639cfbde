//! Merging desks (issue 27): another desk's package — its journal segment, signed, and the
//! records it touched — merged into this book by uid, in one transaction, through the row
//! writers (`rows::merge`), each record with its entry.
//!
//! - A record not here is written as it came (at its version), with where it came from
//!   (`merge_origins`: the desk, its unit's sealing key, the versions agreed on).
//! - A record here with the same fields adds nothing: merging again changes nothing.
//! - A record changed only by the other desk since the versions agreed on (the last merge,
//!   or the newest state both journals share) is brought to theirs; one changed on both
//!   sides is a **conflict**: listed, nothing of it written, never chosen silently.
//! - One ID number is one citizen across desks: the other desk's citizen whose ID number a
//!   citizen here has becomes an alias of ours (`citizen_aliases`), and their records name
//!   ours. A sealed citizen (a denouncer) of another unit cannot be matched — its blind
//!   index is keyed by that unit — so it stays a record of its own, sealed to that unit's
//!   key, which its origin names (docs/keys.md).

mod pack;
mod package;

use std::collections::BTreeMap;

use rusqlite::OptionalExtension;
use serde_json::Value;

pub use pack::{PACKAGE_FORMAT, PACKAGE_VERSION, state_of};
pub use package::{Package, PackageError, PackageHead, PackedEntry, PackedRecord};

use super::rows::{self, Spec, merge::Origin};
use super::{Permission, Result, StoreError, Writer};
use crate::domain::journal::{Entity, Fields, Op};

/// The tables a package carries, in the order their records are written (a record's
/// references before it).
pub(in crate::store) static MERGED: &[&Spec] = &[
    &rows::OFFICER,
    &rows::CITIZEN,
    &rows::SESSION,
    &rows::VISIT,
    &rows::CASE,
    &rows::CASE_EVENT,
    &rows::CASE_VISIT,
];

/// The place in [`MERGED`] of a table's spec.
fn spec_of_table(table: &str) -> Option<usize> {
    MERGED.iter().position(|s| s.table == table)
}

/// A record edited on both sides since the versions the desks agreed on: not merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeConflict {
    pub entity: Entity,
    pub uid: String,
    /// The record's version here and in the package.
    pub ours: Option<i64>,
    pub theirs: Option<i64>,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeOutcome {
    /// Records written new, by entity.
    pub added: BTreeMap<Entity, u64>,
    /// Records brought to the other desk's newer version.
    pub updated: u64,
    /// Records already here as the package has them (or with nothing new from it).
    pub same: u64,
    /// The other desk's citizens that are ours (one ID number).
    pub aliased: u64,
    /// Sealed citizens of another unit, kept sealed to its key.
    pub sealed_foreign: u64,
    pub conflicts: Vec<MergeConflict>,
}

impl MergeOutcome {
    pub fn added_total(&self) -> u64 {
        self.added.values().sum()
    }
}

/// A record brought to the other desk's version once every new record is written.
struct Pending<'p> {
    spec: &'static Spec,
    rowid: i64,
    rec: &'p PackedRecord,
    /// A case's steps this book does not have.
    steps: Vec<&'p PackedRecord>,
}

/// The steps among `steps` this book does not have, in their desk's order.
fn new_steps<'p>(
    w: &Writer,
    steps: Option<&Vec<&'p PackedRecord>>,
) -> Result<Vec<&'p PackedRecord>> {
    let mut out = Vec::new();
    for s in steps.into_iter().flatten() {
        if find(w, &rows::CASE_EVENT, &s.uid)?.is_none() {
            out.push(*s);
        }
    }
    Ok(out)
}

/// The columns of a case's steps (their case is set when they are written: it may be new).
fn step_columns(
    w: &Writer,
    steps: &[&PackedRecord],
) -> Result<Vec<Vec<(&'static str, rusqlite::types::Value)>>> {
    steps
        .iter()
        .map(|s| {
            rows::merge::columns(&rows::CASE_EVENT, &s.uid, &s.fields, &|t, uid| {
                Ok(match t {
                    "cases" => Some(resolve(w, t, uid)?.unwrap_or(0)),
                    _ => resolve(w, t, uid)?,
                })
            })
        })
        .collect()
}

impl Writer<'_> {
    /// Merge another desk's package into this book, one transaction (see the module's
    /// notes); `label` names it in the journal (its file and digest). The package is
    /// checked whole first: a package that does not hold is refused, nothing written.
    pub fn merge_package(&mut self, p: &Package, label: &str) -> Result<MergeOutcome> {
        self.permit(Permission::BulkLoad)?;
        refusal(self.conn(), p)?.map_or(Ok(()), |e| {
            Err(StoreError::Invalid(format!("package: {e:?}")))
        })?;
        let w: &Writer = self;
        let desk = p.head.desk.as_str();
        let origin = |spec: &Spec, uid: &str, theirs: Option<i64>| -> Result<()> {
            let our_version = pack::read_version(w.conn(), spec, uid)?;
            rows::merge::put_origin(
                w,
                &Origin {
                    entity: spec.entity.code(),
                    record: uid,
                    desk,
                    desk_key: &p.head.desk_key,
                    unit_key: p.head.unit_key.as_deref(),
                    their_version: theirs,
                    our_version,
                },
            )
        };
        let mut out = MergeOutcome::default();
        let mut pending = Vec::new();
        let mut cases = Vec::new();
        // A case's steps go with their case (in the order the desk took them).
        let mut steps_of: BTreeMap<&str, Vec<&PackedRecord>> = BTreeMap::new();
        for r in &p.records {
            if r.entity == Entity::CaseEvent.code()
                && let Some(Value::String(case)) = r.fields.get("case")
            {
                steps_of.entry(case.as_str()).or_default().push(r);
            }
        }
        let mut order: Vec<(usize, &PackedRecord)> = p
            .records
            .iter()
            .filter_map(|r| {
                MERGED
                    .iter()
                    .position(|s| s.entity.code() == r.entity)
                    .map(|i| (i, r))
            })
            .filter(|(i, _)| MERGED[*i].entity != Entity::CaseEvent)
            .collect();
        order.sort_by_key(|(i, _)| *i);
        for (i, r) in order {
            let spec = MERGED[i];
            let theirs_version = r.version;
            if spec.entity == Entity::Citizen && alias_of(w, &r.uid)?.is_some() {
                out.same += 1;
                continue;
            }
            let here = find(w, spec, &r.uid)?;
            // A case's steps this book does not have yet (those it has are the same: a
            // step is never changed).
            let new_steps = match spec.entity {
                Entity::Case => {
                    let all = steps_of.get(r.uid.as_str());
                    let new = new_steps(w, all)?;
                    out.same += (all.map_or(0, Vec::len) - new.len()) as u64;
                    new
                }
                _ => Vec::new(),
            };
            let Some(rowid) = here else {
                if spec.entity == Entity::Citizen
                    && let Some(ours) = same_person(w, &r.fields)?
                {
                    rows::merge::insert_alias(w, &r.uid, ours, desk)?;
                    out.aliased += 1;
                    continue;
                }
                let id = if spec.entity == Entity::Case {
                    let cols = rows::merge::columns(spec, &r.uid, &r.fields, &|t, uid| {
                        resolve(w, t, uid)
                    })?;
                    let steps = step_columns(w, &new_steps)?;
                    let id = rows::merge::insert_merged_case(w, cols, r.version, &steps)?;
                    for s in &new_steps {
                        origin(&rows::CASE_EVENT, &s.uid, s.version)?;
                    }
                    *out.added.entry(Entity::CaseEvent).or_default() += new_steps.len() as u64;
                    id
                } else {
                    insert(w, spec, r)?
                };
                origin(spec, &r.uid, theirs_version)?;
                *out.added.entry(spec.entity).or_default() += 1;
                match spec.entity {
                    Entity::Citizen => {
                        if !r.fields.get("sealed").is_none_or(Value::is_null) {
                            out.sealed_foreign += 1;
                        }
                        pend_index(w, "citizen", id)?;
                    }
                    Entity::Visit => pend_index(w, "visit", id)?,
                    Entity::Case => cases.push(id),
                    _ => {}
                }
                continue;
            };
            let ours = pack::read_record(w.conn(), spec, &r.uid)?.unwrap_or_default();
            let theirs = mapped(w, spec, &r.fields)?;
            if (same_fields(spec, &ours, &theirs) && new_steps.is_empty())
                || spec.entity == Entity::Officer
            {
                out.same += 1;
                continue;
            }
            let our_version = pack::read_version(w.conn(), spec, &r.uid)?;
            match agreed(w, spec, r)? {
                Some((their_base, _)) if theirs_version == their_base && new_steps.is_empty() => {
                    out.same += 1
                }
                Some((_, our_base)) if our_version == our_base => pending.push(Pending {
                    spec,
                    rowid,
                    rec: r,
                    steps: new_steps,
                }),
                _ => out.conflicts.push(MergeConflict {
                    entity: spec.entity,
                    uid: r.uid.clone(),
                    ours: our_version,
                    theirs: theirs_version,
                }),
            }
        }
        // Records only the other desk changed: brought to theirs (a case with its steps).
        for u in pending {
            let ours = pack::read_record(w.conn(), u.spec, &u.rec.uid)?;
            let fields = writable(u.spec, &u.rec.fields, ours.as_ref());
            let cols =
                rows::merge::columns(u.spec, &u.rec.uid, &fields, &|t, uid| resolve(w, t, uid))?;
            if u.spec.entity == Entity::Case {
                let steps = step_columns(w, &u.steps)?;
                rows::merge::update_merged_case(w, u.rowid, cols, &steps)?;
                for s in &u.steps {
                    origin(&rows::CASE_EVENT, &s.uid, s.version)?;
                }
                *out.added.entry(Entity::CaseEvent).or_default() += u.steps.len() as u64;
                cases.push(u.rowid);
            } else {
                rows::merge::update_merged(w, u.spec, u.rowid, cols)?;
            }
            origin(u.spec, &u.rec.uid, u.rec.version)?;
            out.updated += 1;
        }
        if !cases.is_empty() {
            let ctx = super::deadlines::context(w.conn())?;
            for id in cases {
                super::deadlines::recompute_case(w.conn(), &ctx, id)?;
                // A merge brings few cases: indexed now (visits and citizens after it).
                super::lookup::index_case(w.conn(), id)?;
            }
        }
        let conflicts: Vec<Value> = out
            .conflicts
            .iter()
            .map(|c| Value::String(format!("{}/{}", c.entity.code(), c.uid)))
            .collect();
        self.fact(
            Op::Import,
            Entity::Book,
            label,
            rows::facts([
                ("desk", Value::String(desk.to_owned())),
                ("added", Value::from(out.added_total())),
                ("updated", Value::from(out.updated)),
                ("same", Value::from(out.same)),
                ("aliased", Value::from(out.aliased)),
                ("conflicts", Value::Array(conflicts)),
            ]),
        )?;
        Ok(out)
    }
}

/// Why this book does not take the package (None: it does): it does not hold, or it is
/// another book's with this book's desk code.
fn refusal(conn: &rusqlite::Connection, p: &Package) -> Result<Option<PackageError>> {
    if let Err(e) = p.verify() {
        return Ok(Some(e));
    }
    let ours: Option<String> = conn
        .prepare_cached("SELECT public FROM desk_keys ORDER BY rowid DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    let clash =
        p.head.desk == super::settings::desk_of(conn)? && ours.as_deref() != Some(&p.head.desk_key);
    if clash {
        return Ok(Some(PackageError::SameDesk(p.head.desk.clone())));
    }
    // A desk is known by the key its first package here was signed with: a package in its
    // name signed by another key is not its (or its key was replaced: said, not taken).
    let before: Option<String> = conn
        .prepare_cached(
            "SELECT desk_key FROM merge_origins WHERE desk = ?1 AND desk_key != ?2 LIMIT 1",
        )?
        .query_row([&p.head.desk, &p.head.desk_key], |r| r.get(0))
        .optional()?;
    Ok(before.map(|k| PackageError::KeyChanged(p.head.desk.clone(), k)))
}

impl super::Store {
    /// Why this book would not take the package (see [`Writer::merge_package`]), said
    /// before anyone signs in.
    pub fn package_refusal(&self, p: &Package) -> Result<Option<PackageError>> {
        refusal(&self.conn, p)
    }
}

/// The row of a record here by its key.
fn find(w: &Writer, spec: &Spec, key: &str) -> Result<Option<i64>> {
    Ok(w.prepare_cached(&format!(
        "SELECT rowid__ FROM ({}) WHERE key__ = ?1",
        spec.select()
    ))?
    .query_row([key], |r| r.get(0))
    .optional()?)
}

/// The citizen here another desk's citizen is (an alias).
fn alias_of(w: &Writer, foreign: &str) -> Result<Option<i64>> {
    Ok(
        w.prepare_cached("SELECT citizen_id FROM citizen_aliases WHERE foreign_uid = ?1")?
            .query_row([foreign], |r| r.get(0))
            .optional()?,
    )
}

/// A citizen here with the ID number an open (not sealed) citizen of the package has.
fn same_person(w: &Writer, f: &Fields) -> Result<Option<i64>> {
    if !f.get("sealed").is_none_or(Value::is_null) {
        return Ok(None);
    }
    let Some(Value::String(idn)) = f.get("id_number") else {
        return Ok(None);
    };
    if idn.is_empty() {
        return Ok(None);
    }
    Ok(w.prepare_cached(
        "SELECT id FROM citizens WHERE id_number = ?1 AND sealed IS NULL
           AND deleted_at IS NULL ORDER BY id LIMIT 1",
    )?
    .query_row([idn], |r| r.get(0))
    .optional()?)
}

/// A reference's row here: a citizen through its alias, else by uid.
fn resolve(w: &Writer, table: &str, uid: &str) -> Result<Option<i64>> {
    if table == "citizens"
        && let Some(id) = alias_of(w, uid)?
    {
        return Ok(Some(id));
    }
    Ok(
        w.prepare_cached(&format!("SELECT id FROM {table} WHERE uid = ?1"))?
            .query_row([uid], |r| r.get(0))
            .optional()?,
    )
}

/// The package's fields with its citizens named as ours (through their aliases).
fn mapped(w: &Writer, spec: &Spec, f: &Fields) -> Result<Fields> {
    let mut out = f.clone();
    for (name, expr) in spec.cols {
        if let rows::merge::Col::Ref {
            table: "citizens", ..
        } = rows::merge::col_of(expr)
            && let Some(Value::String(uid)) = f.get(*name)
            && let Some(id) = alias_of(w, uid)?
        {
            let ours: String =
                w.query_row("SELECT uid FROM citizens WHERE id = ?1", [id], |r| r.get(0))?;
            out.insert((*name).to_owned(), Value::String(ours));
        }
    }
    Ok(out)
}

/// Whether a record here (`ours`) has the package's fields (`theirs`; a field it withholds
/// is whatever this book has).
fn same_fields(spec: &Spec, ours: &Fields, theirs: &Fields) -> bool {
    spec.cols.iter().all(|(n, _)| {
        let t = theirs.get(*n).unwrap_or(&Value::Null);
        pack::is_withheld(spec, n, t) || ours.get(*n).unwrap_or(&Value::Null) == t
    })
}

/// The package's fields to write: a withheld field keeps what this book has (`ours`), or
/// is empty in a new record.
fn writable(spec: &Spec, theirs: &Fields, ours: Option<&Fields>) -> Fields {
    let mut out = theirs.clone();
    for (n, _) in spec.cols {
        if let Some(v) = out.get_mut(*n)
            && pack::is_withheld(spec, n, v)
        {
            *v = ours
                .and_then(|o| o.get(*n).cloned())
                .unwrap_or_else(|| Value::String("[]".into()));
        }
    }
    out
}

/// The versions (theirs, ours) the desks last agreed on for a record here: its last merge,
/// else the newest version whose state both journals share.
fn agreed(w: &Writer, spec: &Spec, r: &PackedRecord) -> Result<Option<(Option<i64>, Option<i64>)>> {
    let origin: Option<(Option<i64>, Option<i64>)> = w
        .prepare_cached(
            "SELECT their_version, our_version FROM merge_origins
             WHERE entity = ?1 AND record = ?2",
        )?
        .query_row([spec.entity.code(), r.uid.as_str()], |x| {
            Ok((x.get(0)?, x.get(1)?))
        })
        .optional()?;
    if origin.is_some() {
        return Ok(origin);
    }
    let ours = pack::history(w.conn(), spec, &r.uid)?;
    Ok(r.history
        .iter()
        .rev()
        .find(|h| ours.contains(h))
        .map(|(v, _)| (*v, *v)))
}

/// Write a record the book does not have (its derived columns set here).
fn insert(w: &Writer, spec: &'static Spec, r: &PackedRecord) -> Result<i64> {
    let fields = writable(spec, &r.fields, None);
    let mut cols = rows::merge::columns(spec, &r.uid, &fields, &|t, uid| resolve(w, t, uid))?;
    match spec.entity {
        Entity::Citizen => {
            let sealed = !r.fields.get("sealed").is_none_or(Value::is_null);
            let name = r
                .fields
                .get("full_name")
                .and_then(Value::as_str)
                .unwrap_or("");
            // A sealed citizen of another unit has no blind index here (another key).
            let folded = if sealed {
                String::new()
            } else {
                crate::domain::text::fold(name)
            };
            cols.push(("name_folded", rusqlite::types::Value::Text(folded)));
        }
        Entity::Officer => {
            // Another desk's officer is named by its records, never signs in here.
            for c in cols.iter_mut() {
                if c.0 == "active" {
                    c.1 = rusqlite::types::Value::Integer(0);
                }
            }
        }
        _ => {}
    }
    rows::merge::insert_merged(w, spec, cols, r.version)
}

/// A record whose lookup index is to be written after the merge.
fn pend_index(w: &Writer, kind: &str, id: i64) -> Result<()> {
    w.prepare_cached("INSERT OR IGNORE INTO lookup_pending (kind, id) VALUES (?1, ?2)")?
        .execute(rusqlite::params![kind, id])?;
    Ok(())
}
