//! The one write path. Every change to the book goes through [`Store::write`]: one IMMEDIATE
//! transaction in which the permission check, the records, their audit rows, the lookup index,
//! the counters (SQL triggers) and the due dates are all written, or none is.
//!
//! The acting officer is an [`Actor`], a value only the sign-in path can make
//! ([`Store::sign_in`] with the officer's PIN, [`Store::first_start`],
//! [`Store::set_first_pin`]): a bare officer id cannot write.
//! The writes themselves are methods of [`Writer`], defined beside their tables (visits.rs,
//! cases.rs, …); bulk loads (the demo, later imports) use [`Bulk`] of the same transaction.
//!
//! Every Writer method starts with [`Writer::permit`] (or `permit_on` a record): the roles
//! the officer holds *now* (read in the same transaction) against the table of
//! `domain::role`. The transaction's SQL is reachable only from the store's own code:
//! `Writer` derefs to [`Sql`], whose methods are `pub(in crate::store)`, so no closure in
//! `app/` or `cli/` can run a statement past the permission check:
//!
//! ```compile_fail,E0624
//! fn bypass(w: &mut tiepdan::store::Writer<'_>) {
//!     w.execute("DELETE FROM officer_roles", []).unwrap();
//! }
//! ```
//!
//! ```compile_fail,E0624
//! fn bypass(w: &mut tiepdan::store::Writer<'_>) -> i64 {
//!     w.conn().last_insert_rowid()
//! }
//! ```
//!
//! ```
//! // What outside code may do with a Writer: call its methods.
//! fn who(w: &mut tiepdan::store::Writer<'_>) -> String {
//!     w.actor().name().to_owned()
//! }
//! ```

use rusqlite::{
    CachedStatement, Connection, OptionalExtension, Params, Row, Transaction, TransactionBehavior,
    params,
};
use serde_json::Value;

use super::{Result, Store, StoreError, audit, new_uid, now_stamp, settings};
use crate::domain::role::{self, Roles, Target};
use crate::domain::text::clean_line;

pub use crate::domain::role::Permission;

/// The officer at the keyboard, signed in. Only the store makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    officer_id: i64,
    uid: String,
    name: String,
}

impl Actor {
    /// Made by the sign-in path only (auth.rs, the first start).
    pub(super) fn signed_in(officer_id: i64, uid: &str, name: &str) -> Actor {
        Actor {
            officer_id,
            uid: uid.to_owned(),
            name: name.to_owned(),
        }
    }

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

/// The SQL of a write transaction, for the store's own code only (every method is
/// `pub(in crate::store)`): what a [`Writer`] derefs to.
pub struct Sql<'s> {
    tx: Transaction<'s>,
}

impl<'s> Sql<'s> {
    /// The connection, for the store's helpers that take one.
    pub(in crate::store) fn conn(&self) -> &Connection {
        &self.tx
    }

    pub(in crate::store) fn prepare_cached(
        &self,
        sql: &str,
    ) -> rusqlite::Result<CachedStatement<'_>> {
        self.tx.prepare_cached(sql)
    }

    pub(in crate::store) fn execute<P: Params>(&self, sql: &str, p: P) -> rusqlite::Result<usize> {
        self.tx.execute(sql, p)
    }

    pub(in crate::store) fn query_row<T, P, F>(&self, sql: &str, p: P, f: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.tx.query_row(sql, p, f)
    }

    pub(in crate::store) fn last_insert_rowid(&self) -> i64 {
        self.tx.last_insert_rowid()
    }
}

/// An open write transaction on behalf of an actor.
pub struct Writer<'s> {
    sql: Sql<'s>,
    actor: &'s Actor,
    /// The roles the actor holds, read in this transaction.
    roles: Roles,
    /// Rows changed by scratch writes (a form's draft and its audit row): when they are all
    /// the transaction changed, the records did not change and the panes need not be read
    /// again.
    pub(super) scratch_changes: u64,
    /// The connection's change count when the transaction began.
    changes_at_start: u64,
}

impl<'s> std::ops::Deref for Writer<'s> {
    type Target = Sql<'s>;
    fn deref(&self) -> &Sql<'s> {
        &self.sql
    }
}

/// The record a scoped permission is checked on.
#[derive(Debug, Clone, Copy)]
pub(in crate::store) enum On<'a> {
    Visit(&'a str),
    Case(&'a str),
}

impl<'s> Writer<'s> {
    fn begin(tx: Transaction<'s>, actor: &'s Actor, roles: Roles) -> Writer<'s> {
        Writer {
            changes_at_start: tx.total_changes(),
            sql: Sql { tx },
            actor,
            roles,
            scratch_changes: 0,
        }
    }

    fn commit(self) -> Result<()> {
        self.sql.tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// First start of a new book: the unit's name, its desk code (the part of case codes that
    /// keeps them unique when desks are merged) and the first officer with their PIN (typed
    /// twice: `pin` and `again`), who holds every role — a desk of one does everything, and
    /// hands roles out as colleagues join — and is signed in. Refused once the book has an
    /// officer.
    pub fn first_start(
        &mut self,
        unit: &str,
        desk: &str,
        officer: &str,
        pin: &str,
        again: &str,
    ) -> Result<Actor> {
        self.refuse_read_only()?;
        let unit = clean_line(unit);
        let officer = clean_line(officer);
        let desk = settings::check_desk_code(desk)?;
        if unit.is_empty() || officer.is_empty() {
            return Err(StoreError::Invalid("unit and officer are required".into()));
        }
        let hash = super::auth::new_pin_hash(pin, again)?;
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
            "INSERT INTO officers (uid, full_name, title, is_leader, pin_hash, created_at)
             VALUES (?1, ?2, '', 1, ?3, ?4)",
            params![uid, officer, hash, now_stamp()],
        )?;
        let id = tx.last_insert_rowid();
        super::auth::put_roles(&tx, id, Roles::ALL)?;
        let actor = Actor {
            officer_id: id,
            uid: uid.clone(),
            name: officer,
        };
        {
            let w = Writer::begin(tx, &actor, Roles::ALL);
            let after = audit::row_json(w.conn(), "officers", id)?;
            w.audit("insert", "officers", &uid, None, after.as_ref())?;
            w.audit(
                "roles",
                "officers",
                &uid,
                None,
                Some(&super::auth::roles_json(Roles::ALL)),
            )?;
            w.put_setting(settings::UNIT_NAME, &unit)?;
            w.put_setting(settings::DESK_CODE, &desk)?;
            w.commit()?;
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
        self.run(actor, f, true)
    }

    /// Run `f` exactly as [`Store::write`] would, every check included (the roles too), then
    /// roll it back: whether the book would take this write now, with nothing written. (A
    /// step that cannot be undone is checked so before the officer is asked to confirm it.)
    pub fn check<T>(
        &mut self,
        actor: &Actor,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        self.run(actor, f, false)
    }

    fn run<T>(
        &mut self,
        actor: &Actor,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
        commit: bool,
    ) -> Result<T> {
        self.refuse_read_only()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Signed in earlier, perhaps disabled since at another desk, or given other roles:
        // what holds is what the book says now.
        let now: Option<(bool, String)> = tx
            .prepare_cached(
                "SELECT active, (SELECT group_concat(role, ',') FROM officer_roles
                                 WHERE officer_id = ?1)
                 FROM officers WHERE id = ?1 AND uid = ?2",
            )?
            .query_row(params![actor.officer_id, actor.uid], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                ))
            })
            .optional()?;
        let roles = match now {
            Some((true, codes)) => Roles::from_codes(&codes),
            _ => return Err(StoreError::NotPermitted),
        };
        let mut w = Writer::begin(tx, actor, roles);
        let out = f(&mut w)?;
        if !commit {
            // Dropped: rolled back.
            return Ok(out);
        }
        let scratch = w.sql.tx.total_changes() - w.changes_at_start == w.scratch_changes;
        w.commit()?;
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
        let before = self.sql.tx.total_changes();
        let out = f(self)?;
        self.scratch_changes += self.sql.tx.total_changes() - before;
        Ok(out)
    }

    /// The permission check every write method starts with: may the actor, with the roles
    /// the book gives them now, do this (domain/role.rs)? Refused with the reason.
    pub(super) fn permit(&self, what: Permission) -> Result<()> {
        role::decide(self.roles, self.actor.officer_id, what, &Target::None)
            .map_err(StoreError::Forbidden)
    }

    /// The permission check of a write about one record (a visit, a case): scoped
    /// permissions look at whose it is.
    pub(super) fn permit_on(&self, what: Permission, on: On<'_>) -> Result<()> {
        // No role holds it anywhere: refused without reading the record.
        self.permit_unscoped(what)?;
        let target = super::auth::target(self.conn(), on)?;
        role::decide(self.roles, self.actor.officer_id, what, &target)
            .map_err(StoreError::Forbidden)
    }

    fn permit_unscoped(&self, what: Permission) -> Result<()> {
        match role::decide(self.roles, self.actor.officer_id, what, &Target::None) {
            Err(e @ role::Refusal::Role(_)) => Err(StoreError::Forbidden(e)),
            _ => Ok(()),
        }
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
            self.conn(),
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
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        if before.as_deref() == Some(value.as_str()) {
            return Ok(());
        }
        self.execute(
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
        Bulk::new(self.sql.conn(), Some(self.actor.officer_id), label)
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
    pub(super) fn new(conn: &'t Connection, by: Option<i64>, label: &str) -> Result<Bulk<'t>> {
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

    /// An officer of the load with their roles (no PIN: each sets one at their first
    /// sign-in); returns its row id.
    pub fn officer(
        &mut self,
        uid: &str,
        full_name: &str,
        title: &str,
        roles: Roles,
        at: &str,
    ) -> Result<i64> {
        let name = clean_line(full_name);
        if name.is_empty() {
            return Err(StoreError::Invalid("officer name is empty".into()));
        }
        if roles.is_empty() {
            return Err(StoreError::Invalid("an officer holds a role".into()));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO officers (uid, full_name, title, is_leader, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                uid,
                name,
                clean_line(title),
                roles.has(role::Role::Leader),
                at
            ])?;
        let id = self.conn.last_insert_rowid();
        super::auth::put_roles(self.conn, id, roles)?;
        self.count("officers");
        Ok(id)
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
