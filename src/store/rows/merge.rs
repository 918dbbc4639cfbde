//! The row writer of records merged from another desk's package (issue 27): a record comes
//! as its journal fields (its [`Spec`]'s, references written as uids, identity values as
//! the other desk holds them — a sealed citizen's ciphertext as it is) and is written here,
//! one INSERT or one UPDATE built from its spec's columns, its entry by [`super::created`]
//! or [`super::change`] like every other writer's. Derived columns (a citizen's folded name,
//! an officer's roles) are not facts: they are set here, or left to the book.

use rusqlite::types::Value as Sql;
use serde_json::Value;

use super::{Spec, Touch};
use crate::domain::journal::{Fields, Op};
use crate::store::write::Sql as Tx;
use crate::store::{Result, StoreError};

/// Remove a record another desk's package removed (merge/removals.rs says when): only a
/// case's visit link, the one kind of merged record a desk removes for real; through the
/// writer that removes it at the desk ([`super::unlink_visit`]: its `delete` entry).
/// Returns the case it was taken out of.
pub(in crate::store) fn remove_merged(sql: &Tx, spec: &Spec, rowid: i64) -> Result<i64> {
    if spec.entity != crate::domain::journal::Entity::CaseVisit {
        return Err(StoreError::Invalid(format!(
            "merge: {} records are never removed",
            spec.entity.code()
        )));
    }
    let (case, visit): (i64, i64) = sql
        .prepare_cached("SELECT case_id, visit_id FROM case_visits WHERE rowid = ?1")?
        .query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?)))?;
    super::unlink_visit(sql, case, visit)?;
    Ok(case)
}

/// What a spec's column is, read from its SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Col {
    /// A column of the table itself.
    Plain(&'static str),
    /// A reference: the column holds the row id of `table`'s record, the field its uid.
    Ref {
        table: &'static str,
        col: &'static str,
    },
    /// Computed (an officer's roles, whether they have a PIN): not written by a merge.
    Derived,
}

/// The column behind a spec's SQL expression.
pub(in crate::store) fn col_of(expr: &'static str) -> Col {
    if let Some(c) = expr.strip_prefix("t.")
        && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return Col::Plain(c);
    }
    if let Some(rest) = expr.strip_prefix("(SELECT uid FROM ")
        && let Some((table, rest)) = rest.split_once(" WHERE id = t.")
        && let Some(col) = rest.strip_suffix(')')
    {
        return Col::Ref { table, col };
    }
    Col::Derived
}

/// A field's value as a column takes it: a sealed value (an identity, a group's
/// representatives) back to its bytes.
fn sql_value(field: &str, v: &Value) -> Result<Sql> {
    Ok(match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => Sql::Integer(
            n.as_i64()
                .ok_or_else(|| StoreError::Invalid(format!("{field}: {n}")))?,
        ),
        Value::String(s) if super::is_late(field) => Sql::Blob(
            crate::domain::journal::unhex(s)
                .ok_or_else(|| StoreError::Invalid(format!("{field}: not hex")))?,
        ),
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    })
}

/// The columns and values of a record (its key, its fields); `resolve(table, uid)` gives a reference's
/// row id here (None: the record it names is not in this book).
pub(in crate::store) fn columns(
    spec: &Spec,
    key: &str,
    fields: &Fields,
    resolve: &dyn Fn(&str, &str) -> Result<Option<i64>>,
) -> Result<Vec<(&'static str, Sql)>> {
    let mut out = Vec::with_capacity(spec.cols.len() + 1);
    // The record's key, when it is a column of its own (its uid).
    if let Col::Plain(c) = col_of(spec.key) {
        out.push((c, Sql::Text(key.to_owned())));
    }
    for (name, expr) in spec.cols {
        let v = fields.get(*name).unwrap_or(&Value::Null);
        match col_of(expr) {
            Col::Plain(c) => out.push((c, sql_value(name, v)?)),
            Col::Ref { table, col } => match v {
                Value::Null => out.push((col, Sql::Null)),
                Value::String(uid) => {
                    let id = resolve(table, uid)?.ok_or_else(|| {
                        StoreError::Invalid(format!("{}: {name} {uid} unknown", spec.table))
                    })?;
                    out.push((col, Sql::Integer(id)));
                }
                other => return Err(StoreError::Invalid(format!("{name}: {other}"))),
            },
            Col::Derived => {}
        }
    }
    Ok(out)
}

/// Insert a merged record with its columns (from [`columns`], plus `extra` derived ones),
/// at `version` for a table that keeps one; its entry is a creation. Returns the row id.
pub(in crate::store) fn insert_merged(
    sql: &Tx,
    spec: &Spec,
    mut cols: Vec<(&'static str, Sql)>,
    version: Option<i64>,
) -> Result<i64> {
    if spec.versioned {
        cols.push(("version", Sql::Integer(version.unwrap_or(1))));
        cols.push(("updated_at", Sql::Text(sql.stamp())));
    }
    let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    sql.prepare_cached(&format!(
        "INSERT INTO {} ({}) VALUES ({})",
        spec.table,
        names.join(", "),
        marks.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(cols.iter().map(|(_, v)| v)))?;
    let id = sql.last_insert_rowid();
    super::created(sql, spec, id, Op::Create)?;
    Ok(id)
}

/// Bring a record here to the other desk's fields (a record only they changed since the
/// merge agreed on it); its entry is a change. Returns whether anything changed.
pub(in crate::store) fn update_merged(
    sql: &Tx,
    spec: &Spec,
    rowid: i64,
    cols: Vec<(&'static str, Sql)>,
) -> Result<bool> {
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("{c} = ?{}", i + 2))
        .collect();
    let text = format!(
        "UPDATE {} SET {} WHERE rowid = ?1",
        spec.table,
        sets.join(", ")
    );
    let ((), changed) = super::change(sql, spec, rowid, Op::Update, Touch::IfChanged, || {
        let mut params: Vec<&dyn rusqlite::ToSql> = vec![&rowid];
        params.extend(cols.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
        sql.prepare_cached(&text)?.execute(params.as_slice())?;
        Ok(())
    })?;
    Ok(changed)
}

/// Insert a row with these columns, no entry yet (a case's replay writes them at its end).
fn insert_row(sql: &Tx, table: &str, cols: &[(&'static str, Sql)]) -> Result<i64> {
    let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    sql.prepare_cached(&format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(cols.iter().map(|(_, v)| v)))?;
    Ok(sql.last_insert_rowid())
}

/// Set a row's columns, no entry (see [`insert_row`]).
fn set_row(sql: &Tx, table: &str, rowid: i64, cols: &[(&'static str, Sql)]) -> Result<()> {
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("{c} = ?{}", i + 2))
        .collect();
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![&rowid];
    params.extend(cols.iter().map(|(_, v)| v as &dyn rusqlite::ToSql));
    sql.prepare_cached(&format!(
        "UPDATE {table} SET {} WHERE rowid = ?1",
        sets.join(", ")
    ))?
    .execute(params.as_slice())?;
    Ok(())
}

fn text_of<'c>(cols: &'c [(&'static str, Sql)], name: &str) -> Option<&'c str> {
    cols.iter()
        .find(|(c, _)| *c == name)
        .and_then(|(_, v)| match v {
            Sql::Text(t) => Some(t.as_str()),
            _ => None,
        })
}

/// A case's new steps, as the other desk took them: each step inserted, then the case moved
/// to its status (and a granted extension counted) — the book's triggers check every step
/// against the case as it stood, as they did at that desk. Returns the steps' rows.
fn replay_steps(sql: &Tx, case: i64, steps: &[Vec<(&'static str, Sql)>]) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(steps.len());
    for cols in steps {
        let mut cols = cols.clone();
        for c in cols.iter_mut() {
            if c.0 == "case_id" {
                c.1 = Sql::Integer(case);
            }
        }
        ids.push(insert_row(sql, "case_events", &cols)?);
        let to = text_of(&cols, "to_status").unwrap_or("").to_owned();
        let extension = text_of(&cols, "action") == Some("gia_han");
        sql.prepare_cached(
            "UPDATE cases SET status = ?2, extensions = extensions + ?3 WHERE id = ?1",
        )?
        .execute(rusqlite::params![case, to, i64::from(extension)])?;
    }
    Ok(ids)
}

/// Insert another desk's case with its steps (see [`replay_steps`]): it starts new (`moi`,
/// no extension), takes its steps, then its fields as they came, at `version`; then the
/// entries of the case and of each step. Returns the case's row.
pub(in crate::store) fn insert_merged_case(
    sql: &Tx,
    mut cols: Vec<(&'static str, Sql)>,
    version: Option<i64>,
    steps: &[Vec<(&'static str, Sql)>],
) -> Result<i64> {
    cols.push(("version", Sql::Integer(version.unwrap_or(1))));
    cols.push(("updated_at", Sql::Text(sql.stamp())));
    let start: Vec<(&'static str, Sql)> = cols
        .iter()
        .map(|(c, v)| match *c {
            "status" => (*c, Sql::Text("moi".into())),
            "extensions" => (*c, Sql::Integer(0)),
            _ => (*c, v.clone()),
        })
        .collect();
    let id = insert_row(sql, "cases", &start)?;
    let steps = replay_steps(sql, id, steps)?;
    set_row(sql, "cases", id, &cols)?;
    super::created(sql, &super::CASE, id, Op::Create)?;
    for s in steps {
        super::created(sql, &super::CASE_EVENT, s, Op::Create)?;
    }
    Ok(id)
}

/// Bring a case here to the other desk's: its new steps (see [`replay_steps`]), then its
/// fields as they came; its entry a change, each step's a creation. Returns whether the
/// case changed.
pub(in crate::store) fn update_merged_case(
    sql: &Tx,
    rowid: i64,
    cols: Vec<(&'static str, Sql)>,
    steps: &[Vec<(&'static str, Sql)>],
) -> Result<bool> {
    let before =
        super::read(sql.conn(), &super::CASE, rowid)?.ok_or(StoreError::NotFound("case"))?;
    let ids = replay_steps(sql, rowid, steps)?;
    set_row(sql, "cases", rowid, &cols)?;
    let changed = super::changed(sql, &super::CASE, &before, Op::Update, Touch::IfChanged)?;
    for s in ids {
        super::created(sql, &super::CASE_EVENT, s, Op::Create)?;
    }
    Ok(changed)
}

/// Where a merged record came from, as [`super::MERGE_ORIGIN`] keeps it.
pub(in crate::store) struct Origin<'a> {
    pub entity: &'a str,
    pub record: &'a str,
    pub desk: &'a str,
    pub desk_key: &'a str,
    pub unit_key: Option<&'a str>,
    pub their_version: Option<i64>,
    pub our_version: Option<i64>,
}

/// Write (or move on) where a merged record came from.
pub(in crate::store) fn put_origin(sql: &Tx, o: &Origin) -> Result<()> {
    let row: Option<i64> = rusqlite::OptionalExtension::optional(
        sql.prepare_cached("SELECT rowid FROM merge_origins WHERE entity = ?1 AND record = ?2")?
            .query_row([o.entity, o.record], |r| r.get(0)),
    )?;
    match row {
        None => {
            sql.prepare_cached(
                "INSERT INTO merge_origins (entity, record, desk, desk_key, unit_key,
                                            their_version, our_version)
                 VALUES (?1, ?2, ?3, ?7, ?4, ?5, ?6)",
            )?
            .execute(rusqlite::params![
                o.entity,
                o.record,
                o.desk,
                o.unit_key,
                o.their_version,
                o.our_version,
                o.desk_key
            ])?;
            super::created(
                sql,
                &super::MERGE_ORIGIN,
                sql.last_insert_rowid(),
                Op::Create,
            )
        }
        Some(rowid) => {
            super::change(
                sql,
                &super::MERGE_ORIGIN,
                rowid,
                Op::Update,
                Touch::IfChanged,
                || {
                    sql.prepare_cached(
                        "UPDATE merge_origins SET desk = ?2, unit_key = ?3, their_version = ?4,
                             our_version = ?5, desk_key = ?6
                         WHERE rowid = ?1",
                    )?
                    .execute(rusqlite::params![
                        rowid,
                        o.desk,
                        o.unit_key,
                        o.their_version,
                        o.our_version,
                        o.desk_key
                    ])?;
                    Ok(())
                },
            )?;
            Ok(())
        }
    }
}

/// Another desk's citizen is this one of ours (one ID number, one citizen).
pub(in crate::store) fn insert_alias(
    sql: &Tx,
    foreign_uid: &str,
    citizen_id: i64,
    desk: &str,
) -> Result<()> {
    sql.prepare_cached(
        "INSERT INTO citizen_aliases (foreign_uid, citizen_id, desk) VALUES (?1, ?2, ?3)",
    )?
    .execute(rusqlite::params![foreign_uid, citizen_id, desk])?;
    super::created(
        sql,
        &super::CITIZEN_ALIAS,
        sql.last_insert_rowid(),
        Op::Create,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_merged_column_is_read_from_its_spec() {
        assert_eq!(col_of("t.full_name"), Col::Plain("full_name"));
        assert_eq!(
            col_of("(SELECT uid FROM citizens WHERE id = t.citizen_id)"),
            Col::Ref {
                table: "citizens",
                col: "citizen_id"
            }
        );
        assert_eq!(col_of("t.pin_hash IS NOT NULL"), Col::Derived);
        // Every column of the merged tables is understood (none is taken for derived by
        // mistake but an officer's roles and PIN).
        for spec in crate::store::merge::MERGED {
            for (name, expr) in spec.cols {
                let derived = col_of(expr) == Col::Derived;
                assert_eq!(
                    derived,
                    matches!(*name, "roles" | "has_pin"),
                    "{}.{name}",
                    spec.table
                );
            }
        }
    }
}
