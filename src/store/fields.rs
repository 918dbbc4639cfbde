//! Fields (lĩnh vực): editable catalog, each rolling up to an official report column.

use rusqlite::{OptionalExtension, Row};

use super::{Permission, Result, Store, StoreError, Writer, rows};

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

impl Writer<'_> {
    /// Roll a field up to another official report column (`report_columns.code`): the upper
    /// level of the two-level field taxonomy the period reports count by. Audited. `seen` is
    /// the column the officer saw: if another desk changed it since, the change is refused
    /// (never undone silently).
    pub fn set_field_report_column(
        &mut self,
        field_code: &str,
        seen: &str,
        column: &str,
    ) -> Result<()> {
        self.permit(Permission::EditCatalog)?;
        let known: bool = self.query_row(
            "SELECT EXISTS (SELECT 1 FROM report_columns WHERE code = ?1)",
            [column],
            |r| r.get(0),
        )?;
        if !known {
            return Err(StoreError::NotFound("report column"));
        }
        let (id, uid, current): (i64, String, String) = self
            .query_row(
                "SELECT id, uid, report_column FROM fields WHERE code = ?1",
                [field_code],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound("field"))?;
        if current != seen {
            return Err(StoreError::Conflict {
                what: "field",
                changed_at: None,
            });
        }
        let _ = uid;
        rows::set_field_column(self, id, column)
    }
}
