//! The one write path. Every change to the book goes through [`Store::write`]: one IMMEDIATE
//! transaction in which the permission check, the records, their audit rows, the lookup index,
//! the counters (SQL triggers) and the due dates are all written, or none is.
//!
//! The acting officer is an [`Actor`], a value only the sign-in path can make
//! ([`Store::sign_in`], [`Store::first_start`]): a bare officer id cannot write.
//! The writes themselves are methods of [`Writer`], defined beside their tables (visits.rs,
//! cases.rs, …); bulk loads (the demo, later imports) use [`Bulk`] of the same transaction.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde_json::Value;

use super::{Result, Store, StoreError, audit, new_uid, now_stamp, settings};
use crate::domain::text::clean_line;

/// The officer at the keyboard, signed in. Only the store makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    officer_id: i64,
    uid: String,
    name: String,
}

impl Actor {
    pub fn officer_id(&self) -> i64 {
        self.officer_id
    }

    pub fn uid(&self) -> &str {
        &self.uid
    }

    /// The officer's name (officers are never confidential).
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// What a write is about, for the permission check. Today an active officer may do all of
/// it; the shared-desk issue (roles) decides per permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    RecordVisit,
    EditVisit,
    HandleCase,
    RevealIdentity,
    EditCatalog,
    EditSettings,
    ManageOfficers,
    Draft,
    BulkLoad,
}

/// An open write transaction on behalf of an actor.
pub struct Writer<'s> {
    tx: Transaction<'s>,
    actor: &'s Actor,
    /// Rows changed by scratch writes (a form's draft and its audit row): when they are all
    /// the transaction changed, the records did not change and the panes need not be read
    /// again.
    pub(super) scratch_changes: u64,
    /// The connection's change count when the transaction began.
    changes_at_start: u64,
}

impl std::ops::Deref for Writer<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Store {
    /// Sign an officer in (for now: chosen in the picker; a PIN comes with roles).
    /// Refused for an officer who does not exist or was disabled.
    pub fn sign_in(&self, officer_id: i64) -> Result<Actor> {
        let row: Option<(String, String, bool)> = self
            .conn
            .prepare_cached("SELECT uid, full_name, active FROM officers WHERE id = ?1")?
            .query_row([officer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        match row {
            Some((uid, name, true)) => Ok(Actor {
                officer_id,
                uid,
                name,
            }),
            Some(_) => Err(StoreError::NotPermitted),
            None => Err(StoreError::NotFound("officer")),
        }
    }

    /// First start of a new book: the unit's name, its desk code (the part of case codes that
    /// keeps them unique when desks are merged) and the first officer, who is signed in.
    /// Refused once the book has an officer.
    pub fn first_start(&mut self, unit: &str, desk: &str, officer: &str) -> Result<Actor> {
        self.refuse_read_only()?;
        let unit = clean_line(unit);
        let officer = clean_line(officer);
        let desk = settings::check_desk_code(desk)?;
        if unit.is_empty() || officer.is_empty() {
            return Err(StoreError::Invalid("unit and officer are required".into()));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let exists: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM officers)", [], |r| r.get(0))?;
        if exists {
            return Err(StoreError::NotPermitted);
        }
        let uid = new_uid();
        tx.execute(
            "INSERT INTO officers (uid, full_name, title, created_at) VALUES (?1, ?2, '', ?3)",
            params![uid, officer, now_stamp()],
        )?;
        let id = tx.last_insert_rowid();
        let actor = Actor {
            officer_id: id,
            uid: uid.clone(),
            name: officer,
        };
        {
            let w = Writer {
                changes_at_start: tx.total_changes(),
                tx,
                actor: &actor,
                scratch_changes: 0,
            };
            let after = audit::row_json(&w, "officers", id)?;
            w.audit("insert", "officers", &uid, None, after.as_ref())?;
            w.put_setting(settings::UNIT_NAME, &unit)?;
            w.put_setting(settings::DESK_CODE, &desk)?;
            w.tx.commit()?;
        }
        self.writes += 1;
        Ok(actor)
    }

    /// A new officer adds themself and is signed in (the picker's "add an officer" when
    /// nobody is signed in yet). Roles will decide who may; today any officer may.
    pub fn enroll_officer(&mut self, name: &str) -> Result<Actor> {
        self.refuse_read_only()?;
        let name = clean_line(name);
        if name.is_empty() {
            return Err(StoreError::Invalid("officer name is empty".into()));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(existing) = super::officers::name_taken(&tx, &name)? {
            return Err(StoreError::OfficerExists(existing));
        }
        let uid = new_uid();
        tx.execute(
            "INSERT INTO officers (uid, full_name, title, created_at) VALUES (?1, ?2, '', ?3)",
            params![uid, name, now_stamp()],
        )?;
        let id = tx.last_insert_rowid();
        let actor = Actor {
            officer_id: id,
            uid: uid.clone(),
            name,
        };
        {
            let w = Writer {
                changes_at_start: tx.total_changes(),
                tx,
                actor: &actor,
                scratch_changes: 0,
            };
            let after = audit::row_json(&w, "officers", id)?;
            w.audit("insert", "officers", &uid, None, after.as_ref())?;
            w.tx.commit()?;
        }
        self.writes += 1;
        Ok(actor)
    }

    /// Run `f` as one IMMEDIATE transaction on behalf of `actor`: everything it writes is
    /// committed together, or nothing when it fails.
    pub fn write<T>(
        &mut self,
        actor: &Actor,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        self.refuse_read_only()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Signed in earlier, perhaps disabled since at another desk.
        let active: Option<bool> = tx
            .prepare_cached("SELECT active FROM officers WHERE id = ?1 AND uid = ?2")?
            .query_row(params![actor.officer_id, actor.uid], |r| r.get(0))
            .optional()?;
        if active != Some(true) {
            return Err(StoreError::NotPermitted);
        }
        let mut w = Writer {
            changes_at_start: tx.total_changes(),
            tx,
            actor,
            scratch_changes: 0,
        };
        let out = f(&mut w)?;
        let scratch = w.tx.total_changes() - w.changes_at_start == w.scratch_changes;
        w.tx.commit()?;
        if !scratch {
            self.writes += 1;
        }
        Ok(out)
    }

    /// Load an empty book in bulk (the demo generator): one transaction, no officer yet (the
    /// generator's officers are part of the load), one audit row for the whole load. Returns
    /// what `f` returned, the lookup index's rows and its build time (ms).
    pub fn load_empty_book<T>(
        &mut self,
        label: &str,
        f: impl FnOnce(&mut Bulk<'_>) -> Result<T>,
    ) -> Result<(T, u64, u64)> {
        self.refuse_read_only()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let empty: bool = tx.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM officers) AND NOT EXISTS (SELECT 1 FROM visits)",
            [],
            |r| r.get(0),
        )?;
        if !empty {
            return Err(StoreError::Invalid("the book is not empty".into()));
        }
        let out = {
            let mut b = Bulk::new(&tx, None, label)?;
            let out = f(&mut b)?;
            let (rows, ms) = b.finish()?;
            (out, rows, ms)
        };
        tx.commit()?;
        self.writes += 1;
        Ok(out)
    }

    pub(super) fn refuse_read_only(&self) -> Result<()> {
        if self.read_only {
            Err(StoreError::ReadOnly)
        } else {
            Ok(())
        }
    }
}

impl<'s> Writer<'s> {
    pub fn actor(&self) -> &Actor {
        self.actor
    }

    pub(super) fn officer_id(&self) -> i64 {
        self.actor.officer_id
    }

    /// Run a scratch write (a draft): its changes do not count as a change of the records.
    pub(super) fn scratch<T>(&mut self, f: impl FnOnce(&Self) -> Result<T>) -> Result<T> {
        let before = self.tx.total_changes();
        let out = f(self)?;
        self.scratch_changes += self.tx.total_changes() - before;
        Ok(out)
    }

    /// The permission check every write method starts with (roles fill it in later).
    pub(super) fn permit(&self, _what: Permission) -> Result<()> {
        Ok(())
    }

    /// One audit row by the actor.
    pub(super) fn audit(
        &self,
        action: &str,
        tbl: &str,
        record_uid: &str,
        before: Option<&Value>,
        after: Option<&Value>,
    ) -> Result<()> {
        audit::record(
            &self.tx,
            Some(self.actor.officer_id),
            action,
            tbl,
            record_uid,
            before,
            after,
        )
    }

    /// Write a setting (audited; nothing when unchanged).
    pub(super) fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        let value = crate::domain::text::nfc(value);
        let before: Option<String> = self
            .tx
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        if before.as_deref() == Some(value.as_str()) {
            return Ok(());
        }
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        let action = if before.is_some() { "update" } else { "insert" };
        self.audit(
            action,
            "settings",
            key,
            before.map(|b| serde_json::json!({ "value": b })).as_ref(),
            Some(&serde_json::json!({ "value": value })),
        )
    }

    /// Bulk rows inside this transaction (an import), finished by [`Bulk::finish`].
    pub fn bulk(&mut self, label: &str) -> Result<Bulk<'_>> {
        self.permit(Permission::BulkLoad)?;
        Bulk::new(&self.tx, Some(self.actor.officer_id), label)
    }
}

/// Bulk rows for a load or an import: prepared statements, the same checks as the single
/// writes (domain-validated values, the SQL triggers on every case step), and at the end the
/// due dates of every open case, the lookup index and one audit row for the whole load.
pub struct Bulk<'t> {
    conn: &'t Connection,
    by: Option<i64>,
    label: String,
    pub(super) counts: std::collections::BTreeMap<&'static str, u64>,
}

impl<'t> Bulk<'t> {
    fn new(conn: &'t Connection, by: Option<i64>, label: &str) -> Result<Bulk<'t>> {
        Ok(Bulk {
            conn,
            by,
            label: label.to_owned(),
            counts: Default::default(),
        })
    }

    pub(super) fn conn(&self) -> &Connection {
        self.conn
    }

    pub(super) fn count(&mut self, what: &'static str) {
        *self.counts.entry(what).or_default() += 1;
    }

    /// An officer of the load; returns its row id.
    pub fn officer(
        &mut self,
        uid: &str,
        full_name: &str,
        title: &str,
        leader: bool,
        at: &str,
    ) -> Result<i64> {
        let name = clean_line(full_name);
        if name.is_empty() {
            return Err(StoreError::Invalid("officer name is empty".into()));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO officers (uid, full_name, title, is_leader, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![uid, name, clean_line(title), leader, at])?;
        self.count("officers");
        Ok(self.conn.last_insert_rowid())
    }

    /// A setting of the load.
    pub fn setting(&mut self, key: &str, value: &str) -> Result<()> {
        if key == settings::DESK_CODE {
            settings::check_desk_code(value)?;
        }
        self.conn
            .prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, crate::domain::text::nfc(value)])?;
        Ok(())
    }

    /// Finish: due dates of every open case, the lookup index, one audit row with the counts.
    /// Returns the rows of the lookup index and how long it took to build (ms).
    pub fn finish(self) -> Result<(u64, u64)> {
        super::deadlines::recompute_loaded(self.conn)?;
        let started = std::time::Instant::now();
        let rows = super::lookup::rebuild(self.conn)?;
        let ms = started.elapsed().as_millis() as u64;
        let mut counts: serde_json::Map<String, Value> = self
            .counts
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
            .collect();
        counts.insert("lookup_rows".into(), Value::from(rows));
        audit::record(
            self.conn,
            self.by,
            "bulk_load",
            "book",
            &self.label,
            None,
            Some(&Value::Object(counts)),
        )?;
        Ok((rows, ms))
    }
}
