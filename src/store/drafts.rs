//! Unsaved form drafts: written while a form is open, so a crash or a kill loses nothing.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, now_stamp};

/// The draft kind of the visit form.
pub const DRAFT_VISIT_FORM: &str = "visit_form";

impl Store {
    /// Save (replace) the officer's draft of `kind`. Drafts are scratch data, not records,
    /// so they are not audited.
    pub fn save_draft(&mut self, officer_id: i64, kind: &str, payload: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO drafts (officer_id, kind, payload, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (officer_id, kind) DO UPDATE
                 SET payload = excluded.payload, updated_at = excluded.updated_at",
            )?
            .execute(params![officer_id, kind, payload, now_stamp()])?;
        Ok(())
    }

    pub fn load_draft(&self, officer_id: i64, kind: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT payload FROM drafts WHERE officer_id = ?1 AND kind = ?2")?
            .query_row(params![officer_id, kind], |r| r.get(0))
            .optional()?)
    }

    pub fn clear_draft(&mut self, officer_id: i64, kind: &str) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM drafts WHERE officer_id = ?1 AND kind = ?2")?
            .execute(params![officer_id, kind])?;
        Ok(())
    }
}
