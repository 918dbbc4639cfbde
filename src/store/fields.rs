//! Fields (lĩnh vực): editable catalog, each rolling up to an official report column.

use rusqlite::Row;

use super::{Result, Store};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub id: i64,
    pub uid: String,
    pub code: String,
    pub name: String,
    pub report_column: String,
}

fn field_from_row(r: &Row) -> rusqlite::Result<Field> {
    Ok(Field {
        id: r.get("id")?,
        uid: r.get("uid")?,
        code: r.get("code")?,
        name: r.get("name")?,
        report_column: r.get("report_column")?,
    })
}

impl Store {
    /// Active fields in their display order (land, compensation, planning first).
    pub fn fields(&self) -> Result<Vec<Field>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uid, code, name, report_column FROM fields
             WHERE active = 1 ORDER BY sort_order, id",
        )?;
        let rows = stmt.query_map([], field_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
