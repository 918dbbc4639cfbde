//! Unsaved form drafts: written while a form is open, so a crash or a kill loses nothing.
//! A draft belongs to its officer and to the window (app instance) that typed it, so two
//! windows of one officer never overwrite each other's; while that window lives it is only
//! its own (`windows.rs`). A draft left behind is claimed by one window only, in the
//! transaction that restores it (`claim_draft`), and a saved form's draft goes in the
//! transaction that saves it (`clear_draft` inside the same `Store::write`), so a kill
//! between the two can never leave a draft that would save the visit twice.
//! A draft is scratch data, not a record: its creation and its removal are journaled (who had
//! a form open, and when), not every autosave, and the journal never carries what was typed.

use rusqlite::{OptionalExtension, params};

use super::{Permission, Result, Store, StoreError, Writer, now_stamp};
use crate::domain::journal::{Entity, Fields, Op};

/// How a sealed draft's payload begins (then the envelope, in hex).
const SEALED: &str = "sealed:v1:";

/// A draft as typed, sealed (issue 26): a form holds a denouncer's identity as typed, so
/// every draft is stored only as ciphertext to the unit and to the officer who typed it.
fn seal_payload(recipients: &[[u8; 32]], payload: &str) -> Result<String> {
    if recipients.is_empty() {
        return Err(StoreError::KeysLocked);
    }
    Ok(format!(
        "{SEALED}{}",
        crate::domain::journal::hex(&super::seal::seal(payload.as_bytes(), recipients))
    ))
}

/// A stored payload opened with the session's keys (None: these keys do not open it).
fn open_payload(keys: &super::keys::Keys, stored: &str) -> Option<String> {
    let Some(hex) = stored.strip_prefix(SEALED) else {
        // Written before sealing, and not sealed yet (a book upgraded elsewhere mid-way).
        return Some(stored.to_owned());
    };
    let bytes = super::pin::unhex(hex)?;
    String::from_utf8(keys.open(&bytes)?).ok()
}

/// At the upgrade that brought sealing: every draft sealed (to the unit, and to its officer
/// when they have a key). Returns how many.
pub(super) fn seal_existing(sql: &super::write::Sql) -> Result<usize> {
    let rows: Vec<(i64, String, String, String)> = sql
        .prepare_cached(
            "SELECT officer_id, kind, window_id, payload FROM drafts
             WHERE payload NOT LIKE 'sealed:%'",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (officer, kind, window, payload) in &rows {
        let recipients = super::keys::recipients(sql.conn(), Some(*officer))?;
        sql.prepare_cached(
            "UPDATE drafts SET payload = ?4 WHERE officer_id = ?1 AND kind = ?2 AND window_id = ?3",
        )?
        .execute(params![
            officer,
            kind,
            window,
            seal_payload(&recipients, payload)?
        ])?;
    }
    Ok(rows.len())
}

/// A draft's entry names its window, never what was typed.
fn window_fact(window: &str) -> Fields {
    super::rows::facts([("window", serde_json::Value::String(window.to_owned()))])
}

/// The draft kind of the visit form.
pub const DRAFT_VISIT_FORM: &str = "visit_form";
/// The draft kind of the small forms (a case step, a new case, a catalog entry).
pub const DRAFT_ENTRY_FORM: &str = "entry_form";

/// A draft as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: String,
    pub window: String,
    pub payload: String,
    pub updated_at: String,
}

impl Store {
    /// The officer's drafts of `kind`, from every window, newest first — those this
    /// session's keys open (a draft sealed to a key the officer no longer holds is left).
    pub fn drafts_of(&self, officer_id: i64, kind: &str) -> Result<Vec<Draft>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT window_id, payload, updated_at, kind FROM drafts
             WHERE officer_id = ?1 AND kind = ?2 ORDER BY updated_at DESC, window_id",
        )?;
        let rows = stmt.query_map(params![officer_id, kind], |r| {
            Ok(Draft {
                window: r.get(0)?,
                payload: r.get(1)?,
                updated_at: r.get(2)?,
                kind: r.get(3)?,
            })
        })?;
        let keys = self.keys();
        Ok(rows
            .collect::<rusqlite::Result<Vec<Draft>>>()?
            .into_iter()
            .filter_map(|mut d| {
                d.payload = open_payload(keys, &d.payload)?;
                Some(d)
            })
            .collect())
    }

    /// How many drafts of `kind` an officer has, sealed or not (whoever's keys this session
    /// holds).
    pub fn draft_count(&self, officer_id: i64, kind: &str) -> Result<i64> {
        Ok(self.draft_windows(officer_id, kind)?.len() as i64)
    }

    /// The windows an officer's drafts of `kind` belong to, sealed or not.
    pub fn draft_windows(&self, officer_id: i64, kind: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT window_id FROM drafts WHERE officer_id = ?1 AND kind = ?2 ORDER BY window_id",
        )?;
        let rows = stmt.query_map(params![officer_id, kind], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The draft of one window, if any.
    pub fn load_draft(&self, officer_id: i64, kind: &str, window: &str) -> Result<Option<String>> {
        Ok(self
            .drafts_of(officer_id, kind)?
            .into_iter()
            .find(|d| d.window == window)
            .map(|d| d.payload))
    }
}

impl Writer<'_> {
    /// Save (replace) the actor's draft of `kind` in `window`.
    pub fn save_draft(&mut self, kind: &str, window: &str, payload: &str) -> Result<()> {
        self.permit(Permission::Draft)?;
        self.scratch(|w| w.put_draft(kind, window, payload))
    }

    fn put_draft(&self, kind: &str, window: &str, payload: &str) -> Result<()> {
        let officer = self.officer_id();
        let existed: bool = self
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM drafts
                 WHERE officer_id = ?1 AND kind = ?2 AND window_id = ?3)",
            )?
            .query_row(params![officer, kind, window], |r| r.get(0))?;
        self.prepare_cached(
            "INSERT INTO drafts (officer_id, kind, window_id, payload, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (officer_id, kind, window_id) DO UPDATE
             SET payload = excluded.payload, updated_at = excluded.updated_at",
        )?
        .execute(params![
            officer,
            kind,
            window,
            seal_payload(&self.recipients()?, payload)?,
            now_stamp()
        ])?;
        if !existed {
            self.fact(Op::Create, Entity::Draft, kind, window_fact(window))?;
        }
        Ok(())
    }

    /// Remove the actor's draft of `kind` in `window` (saved, discarded or restored).
    pub fn clear_draft(&mut self, kind: &str, window: &str) -> Result<()> {
        self.permit(Permission::Draft)?;
        self.scratch(|w| {
            let n = w
                .prepare_cached(
                    "DELETE FROM drafts WHERE officer_id = ?1 AND kind = ?2 AND window_id = ?3",
                )?
                .execute(params![w.officer_id(), kind, window])?;
            if n > 0 {
                w.fact(Op::Delete, Entity::Draft, kind, window_fact(window))?;
            }
            Ok(())
        })
    }

    /// Leave the actor's drafts of `window` behind, as if the window had closed: another
    /// officer signed in at this window's lock, so the forms this officer had open stay
    /// theirs, offered to them at their next sign-in here or anywhere (under a window id
    /// that no running window holds). Returns how many drafts were left.
    pub fn park_drafts(&mut self, window: &str) -> Result<usize> {
        self.permit(Permission::Draft)?;
        let parked = super::new_uid();
        self.scratch(|w| {
            Ok(w.prepare_cached(
                "UPDATE drafts SET window_id = ?3 WHERE officer_id = ?1 AND window_id = ?2",
            )?
            .execute(params![w.officer_id(), window, parked])?)
        })
    }

    /// Claim the draft of `kind` left by window `from` for window `to`: it becomes `to`'s,
    /// and its text is returned. Refused with a conflict when it is gone — another window
    /// claimed or discarded it first — so one draft is never restored twice.
    pub fn claim_draft(&mut self, kind: &str, from: &str, to: &str) -> Result<String> {
        self.permit(Permission::Draft)?;
        self.scratch(|w| {
            let officer = w.officer_id();
            let payload: Option<String> = w
                .prepare_cached(
                    "SELECT payload FROM drafts
                     WHERE officer_id = ?1 AND kind = ?2 AND window_id = ?3",
                )?
                .query_row(params![officer, kind, from], |r| r.get(0))
                .optional()?;
            let Some(payload) = payload.and_then(|p| open_payload(w.keys(), &p)) else {
                return Err(StoreError::Conflict {
                    what: "draft",
                    changed_at: None,
                });
            };
            if from != to {
                w.prepare_cached(
                    "DELETE FROM drafts WHERE officer_id = ?1 AND kind = ?2 AND window_id = ?3",
                )?
                .execute(params![officer, kind, to])?;
                w.prepare_cached(
                    "UPDATE drafts SET window_id = ?4, updated_at = ?5
                     WHERE officer_id = ?1 AND kind = ?2 AND window_id = ?3",
                )?
                .execute(params![officer, kind, from, to, now_stamp()])?;
            }
            Ok(payload)
        })
    }
}

/// A rotation of the unit key: every draft the keys open sealed again (to the new unit key
/// and its officer). Returns (sealed again, not opened).
pub(super) fn reseal_all(sql: &super::write::Sql) -> Result<(usize, usize)> {
    let rows: Vec<(i64, String, String, String)> = sql
        .prepare_cached("SELECT officer_id, kind, window_id, payload FROM drafts")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let (mut done, mut unopened) = (0, 0);
    for (officer, kind, window, payload) in &rows {
        let Some(plain) = open_payload(sql.keys(), payload) else {
            unopened += 1;
            continue;
        };
        let recipients = super::keys::recipients(sql.conn(), Some(*officer))?;
        sql.prepare_cached(
            "UPDATE drafts SET payload = ?4 WHERE officer_id = ?1 AND kind = ?2 AND window_id = ?3",
        )?
        .execute(params![
            officer,
            kind,
            window,
            seal_payload(&recipients, &plain)?
        ])?;
        done += 1;
    }
    Ok((done, unopened))
}
