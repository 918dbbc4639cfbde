//! Records the other desk removed (a case's visit unlinked): its journal segment's last
//! word on the record is a `delete` entry, and the package carries no record of it (it is
//! gone there). Removed here, through the row writer that removes it at a desk (its own
//! `delete` entry), when ours is the one they removed: its state is one their journal gave
//! it (their segment's entries, or the state their removal started from). Ours otherwise
//! (changed here since): a [`MergeConflict`], nothing removed. Not here: nothing to do.
//! The hub takes a desk's removals by the same rule (hub/src/batches.rs).

use std::collections::{BTreeMap, HashSet};

use rusqlite::Connection;

use super::{MERGED, MergeConflict, Package, PackedEntry, decide, pack, state_of};
use crate::domain::journal::Op;
use crate::store::Result;
use crate::store::rows::Spec;

/// What the merge does with one record the other desk removed.
pub(super) enum Removal {
    /// Ours is theirs as they removed it: removed here (its row).
    Remove(i64),
    /// Ours changed since: not removed.
    Conflict(MergeConflict),
}

/// The package's removals, in the order of the entries that made them: each record's last
/// `delete` entry, when nothing wrote it again after it and the package does not carry it.
pub(super) fn removed(p: &Package) -> Vec<(&'static Spec, &PackedEntry)> {
    let carried: HashSet<(&str, &str)> = p
        .records
        .iter()
        .map(|r| (r.entity.as_str(), r.uid.as_str()))
        .collect();
    let mut last: BTreeMap<(&str, &str), (&'static Spec, &PackedEntry)> = BTreeMap::new();
    for e in &p.journal {
        let Some(spec) = MERGED.iter().find(|s| s.entity.code() == e.entity) else {
            continue;
        };
        let key = (e.entity.as_str(), e.record.as_str());
        if e.op == Op::Delete.code() {
            last.insert(key, (*spec, e));
        } else if e.state.is_some() {
            last.remove(&key);
        }
    }
    let mut out: Vec<_> = last
        .into_iter()
        .filter(|(key, _)| !carried.contains(key))
        .map(|(_, v)| v)
        .collect();
    out.sort_by_key(|(_, e)| e.seq);
    out
}

/// What to do with a record the other desk removed (None: not here).
pub(super) fn decide_removal(
    conn: &Connection,
    p: &Package,
    spec: &'static Spec,
    e: &PackedEntry,
) -> Result<Option<Removal>> {
    let Some(rowid) = decide::find(conn, spec, &e.record)? else {
        return Ok(None);
    };
    let ours = state_of(
        spec.entity,
        &pack::read_record(conn, spec, &e.record)?.unwrap_or_default(),
    );
    let theirs = p
        .journal
        .iter()
        .filter(|x| x.entity == e.entity && x.record == e.record)
        .filter_map(|x| x.state.as_deref())
        .any(|s| s == ours)
        || state_of(spec.entity, &e.before) == ours;
    Ok(Some(if theirs {
        Removal::Remove(rowid)
    } else {
        Removal::Conflict(MergeConflict {
            entity: spec.entity,
            uid: e.record.clone(),
            ours: pack::read_version(conn, spec, &e.record)?,
            theirs: e.v_before,
            field: None,
            removed: true,
        })
    }))
}
