//! The catalogs a package's records need (issue 27): the fields (lĩnh vực) they name travel
//! with them and are merged by their code — a field this book does not have is added, the
//! same code with the same meaning (name and report column) is ours, the same code (or
//! uid) with another meaning is a **conflict**: reported, ours kept, and the records that
//! name it held back (listed), never written under a meaning their desk did not give them.
//!
//! The desk's deadline rules and calendar are its own settings, not merged: a package
//! carries their digest only, so the merge can say when they differ from this book's.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::super::rows::{self, Spec};
use super::super::{Result, Writer};
use super::decide::FieldMap;
use super::pack;
use crate::domain::journal::Fields;
use crate::domain::text::nfc;

/// A field (lĩnh vực) as a package carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackedField {
    pub uid: String,
    pub code: String,
    pub name: String,
    /// The official report column it rolls up to.
    pub report_column: String,
}

/// A field of the package whose code (or uid) this book has with another meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldConflict {
    pub code: String,
    /// (name, report column) here and in the package.
    pub ours: (String, String),
    pub theirs: (String, String),
}

/// How the package's fields stand here.
#[derive(Debug, Default)]
pub(super) struct Catalog<'p> {
    /// Their uid → our row, for a field we have by another uid.
    pub map: FieldMap,
    /// Fields this book does not have: added.
    pub new: Vec<&'p PackedField>,
    /// The fields in conflict, by their uid (the records naming them are held back).
    pub held: super::decide::Held,
    pub conflicts: Vec<FieldConflict>,
}

/// A field here: (row, code, name, report column).
type Here = (i64, String, String, String);

fn field_here(conn: &Connection, by: &str, value: &str) -> Result<Option<Here>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT id, code, name, report_column FROM fields WHERE {by} = ?1"
        ))?
        .query_row([value], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?)
}

/// How the package's fields stand in this book (read only).
pub(super) fn catalog<'p>(conn: &Connection, p: &'p super::Package) -> Result<Catalog<'p>> {
    let mut out = Catalog::default();
    for f in &p.fields {
        let theirs = (nfc(&f.name), f.report_column.clone());
        let here = match field_here(conn, "uid", &f.uid)? {
            Some(h) => Some(h),
            None => field_here(conn, "code", &nfc(&f.code))?,
        };
        match here {
            Some((id, code, name, column)) => {
                if code == nfc(&f.code) && (nfc(&name), column.clone()) == theirs {
                    out.map.insert(f.uid.clone(), id);
                } else {
                    out.held.insert(f.uid.clone(), f.code.clone());
                    out.conflicts.push(FieldConflict {
                        code: f.code.clone(),
                        ours: (name, column),
                        theirs,
                    });
                }
            }
            None => {
                let column_known: bool = conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM report_columns WHERE code = ?1)",
                    [&f.report_column],
                    |r| r.get(0),
                )?;
                if column_known {
                    out.new.push(f);
                } else {
                    out.held.insert(f.uid.clone(), f.code.clone());
                    out.conflicts.push(FieldConflict {
                        code: f.code.clone(),
                        ours: (String::new(), String::new()),
                        theirs,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// Add the package's fields this book does not have (after ours, in the package's order),
/// each with its entry; they keep their uid, so the records naming them find them.
pub(super) fn add_fields(w: &Writer, new: &[&PackedField]) -> Result<Vec<String>> {
    let mut added = Vec::with_capacity(new.len());
    for f in new {
        let next: i64 = w.query_row(
            "SELECT coalesce(max(sort_order), 0) + 1 FROM fields",
            [],
            |r| r.get(0),
        )?;
        let fields: Fields = rows::facts([
            ("code", Value::String(nfc(&f.code))),
            ("name", Value::String(nfc(&f.name))),
            ("report_column", Value::String(f.report_column.clone())),
            ("sort_order", Value::from(next)),
            ("active", Value::from(1)),
        ]);
        let cols = rows::merge::columns(&rows::FIELD, &f.uid, &fields, &|_, _| Ok(None))?;
        rows::merge::insert_merged(w, &rows::FIELD, cols, None)?;
        added.push(nfc(&f.code));
    }
    Ok(added)
}

/// The fields the records name, as this book's catalog has them (a package's `fields`).
pub(super) fn packed_fields(
    conn: &Connection,
    records: &[super::PackedRecord],
) -> Result<Vec<PackedField>> {
    let uids: std::collections::BTreeSet<&str> = records
        .iter()
        .filter_map(|r| r.fields.get("field").and_then(Value::as_str))
        .collect();
    let mut out = Vec::with_capacity(uids.len());
    for uid in uids {
        if let Some((_, code, name, report_column)) = field_here(conn, "uid", uid)? {
            out.push(PackedField {
                uid: uid.to_owned(),
                code,
                name,
                report_column,
            });
        }
    }
    Ok(out)
}

/// The digest of the book's deadline rules and calendar (days and announced years): what a
/// package says of them, to tell whether two desks count deadlines alike.
pub(super) fn rules_digest(conn: &Connection) -> Result<String> {
    let mut h = Sha256::new();
    let specs: [&Spec; 3] = [&rows::RULE, &rows::CALENDAR_DAY, &rows::CALENDAR_YEAR];
    for spec in specs {
        let mut stmt =
            conn.prepare(&format!("SELECT * FROM ({}) ORDER BY key__", spec.select()))?;
        let mut states = Vec::new();
        for r in stmt.query_map([], |r| spec.record_of(r))? {
            let f = pack::raw_fields(spec, &r?);
            states.push(pack::state_of(spec.entity, &f));
        }
        h.update(spec.table.as_bytes());
        for s in states {
            h.update(s.as_bytes());
        }
    }
    Ok(format!("{:x}", h.finalize()))
}
