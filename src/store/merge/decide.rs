//! What a merge does with each record of a package, read from the book alone — the same
//! decision for the merge (mod.rs) and its dry run (`Store::merge_plan`) — and the reads it
//! takes: a record here by its uid, a citizen's alias, the versions the desks agreed on.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use super::super::rows::{self, Spec};
use super::super::{Result, Writer};
use super::{MergeConflict, PackedRecord, pack};
use crate::domain::journal::{Entity, Fields};

/// The package's fields (lĩnh vực) this book knows by another uid (the same code, the same
/// meaning): their uid → our row.
pub(super) type FieldMap = BTreeMap<String, i64>;

/// What the merge does with one record.
pub(super) enum Decision {
    /// Here already as the package has it (or nothing new from it).
    Same,
    /// Not here: written new.
    Add,
    /// Not here, but a citizen of ours by its ID number: an alias of ours.
    Alias(i64),
    /// Changed only at the other desk since the versions agreed on: brought to theirs.
    Update(i64),
    /// Not merged: changed at both desks, or naming a field whose meaning differs here.
    Conflict(MergeConflict),
}

/// Records held back, by uid in the package: a field whose meaning differs here, and the
/// records not merged for it; each with that field's code.
pub(super) type Held = HashMap<String, String>;

/// The field (its code) a record is held back for: it names a field held back, or a record
/// held back and not here.
fn held_for(
    conn: &Connection,
    fields: &FieldMap,
    spec: &Spec,
    r: &PackedRecord,
    held: &Held,
) -> Result<Option<String>> {
    for (name, expr) in spec.cols {
        if let rows::merge::Col::Ref { table, .. } = rows::merge::col_of(expr)
            && let Some(Value::String(uid)) = r.fields.get(*name)
            && let Some(code) = held.get(uid)
            && (table == "fields" || resolve(conn, fields, table, uid)?.is_none())
        {
            return Ok(Some(code.clone()));
        }
    }
    Ok(None)
}

/// What to do with `r` (`new_steps`: a case's steps this book does not have); a record
/// naming one [`Held`] back is held back too.
pub(super) fn decide(
    conn: &Connection,
    fields: &FieldMap,
    held: &Held,
    spec: &Spec,
    r: &PackedRecord,
    new_steps: usize,
) -> Result<Decision> {
    if spec.entity == Entity::Citizen && alias_of(conn, &r.uid)?.is_some() {
        return Ok(Decision::Same);
    }
    let here = find(conn, spec, &r.uid)?;
    let our_version = pack::read_version(conn, spec, &r.uid)?;
    if let Some(code) = held_for(conn, fields, spec, r, held)? {
        return Ok(Decision::Conflict(MergeConflict {
            entity: spec.entity,
            uid: r.uid.clone(),
            ours: our_version,
            theirs: r.version,
            field: Some(code),
            removed: false,
        }));
    }
    let Some(rowid) = here else {
        if spec.entity == Entity::Citizen
            && let Some(ours) = same_person(conn, &r.fields)?
        {
            return Ok(Decision::Alias(ours));
        }
        return Ok(Decision::Add);
    };
    let ours = pack::read_record(conn, spec, &r.uid)?.unwrap_or_default();
    let theirs = mapped(conn, fields, spec, &r.fields)?;
    if (same_fields(spec, &ours, &theirs) && new_steps == 0) || spec.entity == Entity::Officer {
        return Ok(Decision::Same);
    }
    Ok(match agreed(conn, spec, r)? {
        Some((their_base, _)) if r.version == their_base && new_steps == 0 => Decision::Same,
        Some((_, our_base)) if our_version == our_base => Decision::Update(rowid),
        _ => Decision::Conflict(MergeConflict {
            entity: spec.entity,
            uid: r.uid.clone(),
            ours: our_version,
            theirs: r.version,
            field: None,
            removed: false,
        }),
    })
}

/// The steps among `steps` this book does not have, in their desk's order.
pub(super) fn new_steps<'p>(
    conn: &Connection,
    steps: Option<&Vec<&'p PackedRecord>>,
) -> Result<Vec<&'p PackedRecord>> {
    let mut out = Vec::new();
    for s in steps.into_iter().flatten() {
        if find(conn, &rows::CASE_EVENT, &s.uid)?.is_none() {
            out.push(*s);
        }
    }
    Ok(out)
}

/// The row of a record here by its key.
pub(super) fn find(conn: &Connection, spec: &Spec, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT rowid__ FROM ({}) WHERE key__ = ?1",
            spec.select()
        ))?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// The citizen here another desk's citizen is (an alias).
pub(super) fn alias_of(conn: &Connection, foreign: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT citizen_id FROM citizen_aliases WHERE foreign_uid = ?1")?
        .query_row([foreign], |r| r.get(0))
        .optional()?)
}

/// A citizen here with the ID number an open (not sealed) citizen of the package has.
fn same_person(conn: &Connection, f: &Fields) -> Result<Option<i64>> {
    if !f.get("sealed").is_none_or(Value::is_null) {
        return Ok(None);
    }
    let Some(Value::String(idn)) = f.get("id_number") else {
        return Ok(None);
    };
    if idn.is_empty() {
        return Ok(None);
    }
    Ok(conn
        .prepare_cached(
            "SELECT id FROM citizens WHERE id_number = ?1 AND sealed IS NULL
               AND deleted_at IS NULL ORDER BY id LIMIT 1",
        )?
        .query_row([idn], |r| r.get(0))
        .optional()?)
}

/// A reference's row here: a citizen through its alias, a field through the package's
/// catalog (the same code and meaning), else by uid.
pub(super) fn resolve(
    conn: &Connection,
    fields: &FieldMap,
    table: &str,
    uid: &str,
) -> Result<Option<i64>> {
    if table == "citizens"
        && let Some(id) = alias_of(conn, uid)?
    {
        return Ok(Some(id));
    }
    if table == "fields"
        && let Some(id) = fields.get(uid)
    {
        return Ok(Some(*id));
    }
    Ok(conn
        .prepare_cached(&format!("SELECT id FROM {table} WHERE uid = ?1"))?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

/// The package's fields with its citizens and fields named as ours (through their aliases,
/// the catalog).
fn mapped(conn: &Connection, fields: &FieldMap, spec: &Spec, f: &Fields) -> Result<Fields> {
    let mut out = f.clone();
    for (name, expr) in spec.cols {
        let rows::merge::Col::Ref { table, .. } = rows::merge::col_of(expr) else {
            continue;
        };
        let Some(Value::String(uid)) = f.get(*name) else {
            continue;
        };
        let ours = match table {
            "citizens" => alias_of(conn, uid)?,
            "fields" => fields.get(uid).copied(),
            _ => None,
        };
        if let Some(id) = ours {
            let ours: String = conn.query_row(
                &format!("SELECT uid FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )?;
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
pub(super) fn writable(spec: &Spec, theirs: &Fields, ours: Option<&Fields>) -> Fields {
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
fn agreed(
    conn: &Connection,
    spec: &Spec,
    r: &PackedRecord,
) -> Result<Option<(Option<i64>, Option<i64>)>> {
    let origin: Option<(Option<i64>, Option<i64>)> = conn
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
    let ours = pack::history(conn, spec, &r.uid)?;
    Ok(r.history
        .iter()
        .rev()
        .find(|h| ours.contains(h))
        .map(|(v, _)| (*v, *v)))
}

/// Write a record the book does not have (its derived columns set here).
pub(super) fn insert(
    w: &Writer,
    fields: &FieldMap,
    spec: &'static Spec,
    r: &PackedRecord,
) -> Result<i64> {
    let conn = w.conn();
    let written = writable(spec, &r.fields, None);
    let mut cols = rows::merge::columns(spec, &r.uid, &written, &|t, uid| {
        resolve(conn, fields, t, uid)
    })?;
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
pub(super) fn pend_index(w: &Writer, kind: &str, id: i64) -> Result<()> {
    w.prepare_cached("INSERT OR IGNORE INTO lookup_pending (kind, id) VALUES (?1, ?2)")?
        .execute(rusqlite::params![kind, id])?;
    Ok(())
}
