//! The append-only audit log: every insert and update writes who, when, what, before and after.
//! The table itself refuses UPDATE and DELETE (triggers in 0001_init.sql).

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};

use super::{Result, Store, now_stamp};

/// One audit row, as read back.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    pub at: String,
    pub officer_id: Option<i64>,
    pub action: String,
    pub tbl: String,
    pub record_uid: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Columns that never reach the audit: an officer's PIN hash (the audit is kept forever and
/// read by administrators) and their wrong entries (written to the audit one by one).
const KEPT_OUT: &[&str] = &["pin_hash", "sign_in_failures", "sign_in_wait_until"];

/// The whole row `id` of `tbl` as a JSON object (column name → value), less [`KEPT_OUT`].
pub(super) fn row_json(conn: &Connection, tbl: &'static str, id: i64) -> Result<Option<Value>> {
    let sql = format!("SELECT * FROM {tbl} WHERE id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    Ok(stmt
        .query_row([id], |row| {
            let mut obj = Map::new();
            for (i, name) in names.iter().enumerate() {
                if KEPT_OUT.contains(&name.as_str()) {
                    continue;
                }
                let v = match row.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::from(n),
                    ValueRef::Real(f) => Value::from(f),
                    ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Value::from(format!("<{} bytes>", b.len())),
                };
                obj.insert(name.clone(), v);
            }
            Ok(Value::Object(obj))
        })
        .optional()?)
}

/// Append one audit row (inside the caller's transaction).
pub(super) fn record(
    conn: &Connection,
    officer_id: Option<i64>,
    action: &str,
    tbl: &str,
    record_uid: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit (at, officer_id, action, tbl, record_uid, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        now_stamp(),
        officer_id,
        action,
        tbl,
        record_uid,
        before.map(Value::to_string),
        after.map(Value::to_string),
    ])?;
    Ok(())
}

impl Store {
    /// The audit trail of one record, oldest first.
    pub fn audit_of(&self, tbl: &str, record_uid: &str) -> Result<Vec<AuditRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, officer_id, action, tbl, record_uid, before, after
             FROM audit WHERE tbl = ?1 AND record_uid = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![tbl, record_uid], |r| {
            let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
            Ok(AuditRow {
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

    /// Number of audit rows (tests and `check`).
    pub fn audit_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?)
    }
}
