//! Unsaved form drafts: written while a form is open, so a crash or a kill loses nothing.
//! A draft is scratch data, not a record: its creation and its removal are audited (who had
//! a form open, and when), not every autosave, and the audit never carries what was typed.

use rusqlite::{OptionalExtension, params};

use super::{Permission, Result, Store, Writer, now_stamp};

/// The draft kind of the visit form.
pub const DRAFT_VISIT_FORM: &str = "visit_form";

impl Store {
    pub fn load_draft(&self, officer_id: i64, kind: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT payload FROM drafts WHERE officer_id = ?1 AND kind = ?2")?
            .query_row(params![officer_id, kind], |r| r.get(0))
            .optional()?)
    }
}

impl Writer<'_> {
    /// Save (replace) the actor's draft of `kind`.
    pub fn save_draft(&mut self, kind: &str, payload: &str) -> Result<()> {
        self.permit(Permission::Draft)?;
        let officer = self.officer_id();
        let existed: bool = self
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM drafts WHERE officer_id = ?1 AND kind = ?2)",
            )?
            .query_row(params![officer, kind], |r| r.get(0))?;
        self.prepare_cached(
            "INSERT INTO drafts (officer_id, kind, payload, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (officer_id, kind) DO UPDATE
             SET payload = excluded.payload, updated_at = excluded.updated_at",
        )?
        .execute(params![officer, kind, payload, now_stamp()])?;
        if !existed {
            self.audit("insert", "drafts", kind, None, None)?;
        }
        Ok(())
    }

    /// Remove the actor's draft of `kind` (saved, discarded or restored).
    pub fn clear_draft(&mut self, kind: &str) -> Result<()> {
        self.permit(Permission::Draft)?;
        let n = self
            .prepare_cached("DELETE FROM drafts WHERE officer_id = ?1 AND kind = ?2")?
            .execute(params![self.officer_id(), kind])?;
        if n > 0 {
            self.audit("delete", "drafts", kind, None, None)?;
        }
        Ok(())
    }
}
