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
//! - A record the other desk removed (a case's visit unlinked) is removed here when ours is
//!   the one they removed, else a conflict (removals.rs).
//! - One ID number is one citizen across desks: the other desk's citizen whose ID number a
//!   citizen here has becomes an alias of ours (`citizen_aliases`), and their records name
//!   ours. A sealed citizen (a denouncer) of another unit cannot be matched — its blind
//!   index is keyed by that unit — so it stays a record of its own, sealed to that unit's
//!   key, which its origin names (docs/keys.md).

mod catalog;
mod decide;
mod desks;
mod hub;
mod pack;
mod package;
mod removals;

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

pub use catalog::{FieldConflict, PackedField};
pub use desks::{MergedDesk, typed_key};
pub use hub::{HubPart, for_hub, hub_fields, keyed_by_desk};
pub use pack::{PACKAGE_FORMAT, PACKAGE_VERSION, state_of};
pub use package::{Package, PackageError, PackageHead, PackedEntry, PackedRecord};

use super::rows::{self, Spec, merge::Origin};
use super::{Permission, Result, StoreError, Writer};
use crate::domain::journal::{Entity, Op};
use decide::{Decision, FieldMap, decide, insert, new_steps, pend_index, resolve, writable};
use removals::Removal;

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

/// A record not merged: edited on both sides since the versions the desks agreed on, or
/// naming a field whose meaning differs here (`field`: its code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeConflict {
    pub entity: Entity,
    pub uid: String,
    /// The record's version here and in the package.
    pub ours: Option<i64>,
    pub theirs: Option<i64>,
    /// The field (its code) whose meaning differs here, when that is why.
    pub field: Option<String>,
    /// The other desk removed the record (a case's visit unlinked) and ours changed since:
    /// not removed (`theirs`: the version their removal started from).
    pub removed: bool,
}

/// What a merge did (or, planned, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeOutcome {
    /// Records written new, by entity.
    pub added: BTreeMap<Entity, u64>,
    /// Records brought to the other desk's newer version.
    pub updated: u64,
    /// Those records (entity, uid).
    pub updates: Vec<(Entity, String)>,
    /// Records the other desk removed (a case's visit unlinked) removed here too, and those
    /// records (entity, uid).
    pub removed: u64,
    pub removals: Vec<(Entity, String)>,
    /// Records already here as the package has them (or with nothing new from it).
    pub same: u64,
    /// The other desk's citizens that are ours (one ID number).
    pub aliased: u64,
    /// Sealed citizens of another unit, kept sealed to its key.
    pub sealed_foreign: u64,
    pub conflicts: Vec<MergeConflict>,
    /// The fields (codes) the package brought that this book did not have.
    pub fields_added: Vec<String>,
    /// The package's fields whose code this book has with another meaning (ours kept).
    pub field_conflicts: Vec<FieldConflict>,
    /// The desk's deadline rules or calendar differ from this book's (not merged: ours
    /// count here).
    pub rules_differ: bool,
}

impl MergeOutcome {
    pub fn added_total(&self) -> u64 {
        self.added.values().sum()
    }

    /// Whether the merge left anything to review (a conflict of a record or a field).
    pub fn has_conflicts(&self) -> bool {
        !self.conflicts.is_empty() || !self.field_conflicts.is_empty()
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

/// The package's records in the order they are merged (a record's references before it;
/// a case's steps with their case), and each case's steps by its uid.
#[allow(clippy::type_complexity)]
fn in_order(
    p: &Package,
) -> (
    Vec<(&'static Spec, &PackedRecord)>,
    BTreeMap<&str, Vec<&PackedRecord>>,
) {
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
    (
        order.into_iter().map(|(i, r)| (MERGED[i], r)).collect(),
        steps_of,
    )
}

/// The columns of a case's steps (their case is set when they are written: it may be new).
fn step_columns(
    conn: &Connection,
    fields: &FieldMap,
    steps: &[&PackedRecord],
) -> Result<Vec<Vec<(&'static str, rusqlite::types::Value)>>> {
    steps
        .iter()
        .map(|s| {
            rows::merge::columns(&rows::CASE_EVENT, &s.uid, &s.fields, &|t, uid| {
                Ok(match t {
                    "cases" => Some(resolve(conn, fields, t, uid)?.unwrap_or(0)),
                    _ => resolve(conn, fields, t, uid)?,
                })
            })
        })
        .collect()
}

/// Walk the package's records in order, deciding each (decide.rs) against the book as
/// `conn` has it; `act` does what the decision says (the merge writes, the plan counts).
/// Returns the outcome so far.
fn walk<'p>(
    conn: &Connection,
    p: &'p Package,
    cat: &catalog::Catalog<'p>,
    mut act: impl FnMut(
        &'static Spec,
        &'p PackedRecord,
        Decision,
        Vec<&'p PackedRecord>,
        &mut MergeOutcome,
    ) -> Result<()>,
) -> Result<MergeOutcome> {
    let mut out = MergeOutcome {
        field_conflicts: cat.conflicts.clone(),
        ..MergeOutcome::default()
    };
    let (order, steps_of) = in_order(p);
    // Held back: the fields in conflict, then every record not merged for them (and what
    // names those).
    let mut held = cat.held.clone();
    for (spec, r) in order {
        // A case's steps this book does not have yet (those it has are the same: a step is
        // never changed).
        let steps = match spec.entity {
            Entity::Case => {
                let all = steps_of.get(r.uid.as_str());
                let new = new_steps(conn, all)?;
                out.same += (all.map_or(0, Vec::len) - new.len()) as u64;
                new
            }
            _ => Vec::new(),
        };
        let d = decide(conn, &cat.map, &held, spec, r, steps.len())?;
        if let Decision::Conflict(MergeConflict {
            field: Some(code), ..
        }) = &d
        {
            held.insert(r.uid.clone(), code.clone());
        }
        act(spec, r, d, steps, &mut out)?;
    }
    Ok(out)
}

impl super::Store {
    /// What merging the package would do, read only (`tiepdan import PACKAGE --dry-run`):
    /// the records it would add, bring to the other desk's version, find the same; the
    /// conflicts; the fields it would add. (A citizen the package holds twice under one ID
    /// number counts as added twice here: the merge makes the second an alias.)
    pub fn merge_plan(&self, p: &Package) -> Result<MergeOutcome> {
        let conn = &self.conn;
        let cat = catalog::catalog(conn, p)?;
        let mut out = walk(conn, p, &cat, |spec, r, d, steps, out| {
            match d {
                Decision::Same => out.same += 1,
                Decision::Alias(_) => out.aliased += 1,
                Decision::Add => {
                    *out.added.entry(spec.entity).or_default() += 1;
                    if !steps.is_empty() {
                        *out.added.entry(Entity::CaseEvent).or_default() += steps.len() as u64;
                    }
                    if spec.entity == Entity::Citizen
                        && !r.fields.get("sealed").is_none_or(Value::is_null)
                    {
                        out.sealed_foreign += 1;
                    }
                }
                Decision::Update(_) => {
                    out.updated += 1;
                    out.updates.push((spec.entity, r.uid.clone()));
                    if !steps.is_empty() {
                        *out.added.entry(Entity::CaseEvent).or_default() += steps.len() as u64;
                    }
                }
                Decision::Conflict(c) => out.conflicts.push(c),
            }
            Ok(())
        })?;
        for (spec, e) in removals::removed(p) {
            match removals::decide_removal(conn, p, spec, e)? {
                Some(Removal::Remove(_)) => {
                    out.removed += 1;
                    out.removals.push((spec.entity, e.record.clone()));
                }
                Some(Removal::Conflict(c)) => out.conflicts.push(c),
                None => {}
            }
        }
        out.fields_added = cat.new.iter().map(|f| f.code.clone()).collect();
        out.rules_differ = rules_differ(conn, p)?;
        Ok(out)
    }
}

/// Whether the package's deadline rules and calendar differ from this book's.
fn rules_differ(conn: &Connection, p: &Package) -> Result<bool> {
    Ok(match &p.rules {
        Some(theirs) => *theirs != catalog::rules_digest(conn)?,
        None => false,
    })
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
        let conn = w.conn();
        let desk = p.head.desk.as_str();
        let origin = |spec: &Spec, uid: &str, theirs: Option<i64>| -> Result<()> {
            let our_version = pack::read_version(conn, spec, uid)?;
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
        // The fields its records need first (a field in conflict holds back its records).
        let cat = catalog::catalog(conn, p)?;
        let fields_added = catalog::add_fields(w, &cat.new)?;
        for f in &cat.new {
            origin(&rows::FIELD, &f.uid, None)?;
        }
        let fields = &cat.map;
        let mut pending = Vec::new();
        let mut cases = Vec::new();
        let mut out = walk(conn, p, &cat, |spec, r, d, new_steps, out| {
            match d {
                Decision::Same => out.same += 1,
                Decision::Alias(ours) => {
                    rows::merge::insert_alias(w, &r.uid, ours, desk)?;
                    out.aliased += 1;
                }
                Decision::Add => {
                    let id = if spec.entity == Entity::Case {
                        let cols = rows::merge::columns(spec, &r.uid, &r.fields, &|t, uid| {
                            resolve(conn, fields, t, uid)
                        })?;
                        let steps = step_columns(conn, fields, &new_steps)?;
                        let id = rows::merge::insert_merged_case(w, cols, r.version, &steps)?;
                        for s in &new_steps {
                            origin(&rows::CASE_EVENT, &s.uid, s.version)?;
                        }
                        *out.added.entry(Entity::CaseEvent).or_default() += new_steps.len() as u64;
                        id
                    } else {
                        insert(w, fields, spec, r)?
                    };
                    origin(spec, &r.uid, r.version)?;
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
                }
                Decision::Update(rowid) => pending.push(Pending {
                    spec,
                    rowid,
                    rec: r,
                    steps: new_steps,
                }),
                Decision::Conflict(c) => out.conflicts.push(c),
            }
            Ok(())
        })?;
        // Records only the other desk changed: brought to theirs (a case with its steps).
        for u in pending {
            let ours = pack::read_record(conn, u.spec, &u.rec.uid)?;
            let written = writable(u.spec, &u.rec.fields, ours.as_ref());
            let cols = rows::merge::columns(u.spec, &u.rec.uid, &written, &|t, uid| {
                resolve(conn, fields, t, uid)
            })?;
            if u.spec.entity == Entity::Case {
                let steps = step_columns(conn, fields, &u.steps)?;
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
            out.updates.push((u.spec.entity, u.rec.uid.clone()));
        }
        // Records the other desk removed: removed here when ours is the one they removed
        // (the import's entry names them: the hub tells a merge's removals by it).
        for (spec, e) in removals::removed(p) {
            match removals::decide_removal(conn, p, spec, e)? {
                Some(Removal::Remove(rowid)) => {
                    cases.push(rows::merge::remove_merged(w, spec, rowid)?);
                    out.removed += 1;
                    out.removals.push((spec.entity, e.record.clone()));
                }
                Some(Removal::Conflict(c)) => out.conflicts.push(c),
                None => {}
            }
        }
        if !cases.is_empty() {
            let ctx = super::deadlines::context(conn)?;
            for id in cases {
                super::deadlines::recompute_case(conn, &ctx, id)?;
                // A merge brings few cases: indexed now (visits and citizens after it).
                super::lookup::index_case(conn, id)?;
            }
        }
        out.fields_added = fields_added;
        out.rules_differ = rules_differ(conn, p)?;
        let conflicts: Vec<Value> = out
            .conflicts
            .iter()
            .map(|c| Value::String(format!("{}/{}", c.entity.code(), c.uid)))
            .chain(
                out.field_conflicts
                    .iter()
                    .map(|f| Value::String(format!("{}/{}", Entity::Field.code(), f.code))),
            )
            .collect();
        self.fact(
            Op::Import,
            Entity::Book,
            label,
            rows::facts([
                ("desk", Value::String(desk.to_owned())),
                ("unit", Value::String(p.head.unit.clone())),
                ("added", Value::from(out.added_total())),
                ("updated", Value::from(out.updated)),
                (
                    "removed",
                    Value::Array(
                        out.removals
                            .iter()
                            .map(|(e, uid)| Value::String(format!("{}/{uid}", e.code())))
                            .collect(),
                    ),
                ),
                ("same", Value::from(out.same)),
                ("aliased", Value::from(out.aliased)),
                (
                    "fields_added",
                    Value::Array(
                        out.fields_added
                            .iter()
                            .map(|c| Value::String(c.clone()))
                            .collect(),
                    ),
                ),
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
    // A desk is known by the key its first package here was signed with, or the one an
    // administrator accepted since (desks.rs): a package in its name signed by another key
    // is not its (or its key was replaced: said, not taken).
    Ok(desks::known_key(conn, &p.head.desk)?
        .filter(|k| *k != p.head.desk_key)
        .map(|k| PackageError::KeyChanged(p.head.desk.clone(), k)))
}

impl super::Store {
    /// Why this book would not take the package (see [`Writer::merge_package`]), said
    /// before anyone signs in.
    pub fn package_refusal(&self, p: &Package) -> Result<Option<PackageError>> {
        refusal(&self.conn, p)
    }
}
