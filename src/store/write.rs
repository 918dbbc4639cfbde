//! The one write path. Every change to the book goes through [`Store::write`]: one IMMEDIATE
//! transaction in which the permission check, the records, their journal entries, the lookup index,
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
//!     w.prepare_cached("DELETE FROM officer_roles").unwrap().execute([]).unwrap();
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

use std::cell::RefCell;

use rusqlite::{
    CachedStatement, Connection, OptionalExtension, Params, Row, Transaction, TransactionBehavior,
    params,
};

use super::journal::{Held, Journal};
use super::{Result, Store, StoreError, new_uid, rows, settings};
use crate::domain::journal::{Entity, Fields, Op};
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
/// `pub(in crate::store)`): what a [`Writer`] derefs to. It holds the journal's head, so
/// every row writer appends its entries to the chain of this transaction.
pub struct Sql<'s> {
    tx: Transaction<'s>,
    journal: Held,
    /// The stamp of the records written now, when a bulk load gives its own (its records'
    /// historical times); else the transaction's time.
    stamp: RefCell<Option<String>>,
    /// The keys of the session that writes (to seal a denouncer's identity, compute its
    /// blind index, open it to merge what a visit adds), and the officer who receives.
    keys: super::keys::Keys,
    receiver: std::cell::Cell<Option<i64>>,
    /// Seals made ahead on a second thread (an import's denouncers: `ahead.rs`).
    pub(in crate::store) ahead: RefCell<Option<super::ahead::Ahead>>,
}

impl<'s> Sql<'s> {
    /// What this transaction seals with: the session's keys and the receiving officer.
    pub(in crate::store) fn sealing_with(
        mut self,
        keys: super::keys::Keys,
        receiver: Option<i64>,
    ) -> Self {
        self.keys = keys;
        self.receiver.set(receiver);
        self
    }

    /// Who receives what is sealed from now on in this transaction (a re-sealing keeps each
    /// value's receiving officer).
    pub(in crate::store) fn receive_as(&self, receiver: Option<i64>) {
        self.receiver.set(receiver);
    }

    pub(in crate::store) fn keys(&self) -> &super::keys::Keys {
        &self.keys
    }

    /// Whom a value sealed now is sealed to: the unit, and the receiving officer.
    pub(in crate::store) fn recipients(&self) -> Result<Vec<[u8; 32]>> {
        super::keys::recipients(&self.tx, self.receiver.get())
    }

    /// Begin: the journal's head read once, for `officer` (a uid).
    pub(in crate::store) fn begin(tx: Transaction<'s>, officer: Option<&str>) -> Result<Sql<'s>> {
        let journal = Journal::begin(&tx, officer)?;
        Ok(Sql {
            tx,
            journal: Held::new(journal),
            stamp: RefCell::new(None),
            keys: Default::default(),
            receiver: Default::default(),
            ahead: RefCell::new(None),
        })
    }

    pub(in crate::store) fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }

    /// The transaction back (an upgrade goes on with it).
    pub(in crate::store) fn into_tx(self) -> Transaction<'s> {
        self.tx
    }

    /// The journal of this transaction.
    pub(in crate::store) fn journal(&self) -> std::cell::RefMut<'_, Journal> {
        self.journal.get()
    }

    /// The stamp of the records written now (`created_at`, `updated_at`, `deleted_at`).
    pub(in crate::store) fn stamp(&self) -> String {
        match &*self.stamp.borrow() {
            Some(s) => s.clone(),
            None => self.journal().stamp(),
        }
    }

    /// Run `f` with the records' stamp `at` (a bulk load's historical time).
    pub(in crate::store) fn stamped<T>(
        &self,
        at: &str,
        f: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        let was = self.stamp.replace(Some(at.to_owned()));
        let out = f();
        *self.stamp.borrow_mut() = was;
        out
    }

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
    /// Rows changed by scratch writes (a form's draft and its entry): when they are all
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
    fn begin(sql: Sql<'s>, actor: &'s Actor, roles: Roles) -> Writer<'s> {
        Writer {
            changes_at_start: sql.tx.total_changes(),
            sql,
            actor,
            roles,
            scratch_changes: 0,
        }
    }

    fn commit(self) -> Result<()> {
        self.sql.commit()
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
        let (hash, pin_key) = super::auth::new_pin_hash(pin, again)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let exists: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM officers)", [], |r| r.get(0))?;
        if exists {
            return Err(StoreError::NotPermitted);
        }
        let uid = new_uid();
        let sql = Sql::begin(tx, Some(&uid))?;
        // The unit and its desk code first: every entry of the first start carries the code.
        rows::put_setting(&sql, settings::UNIT_NAME, &unit)?;
        rows::put_setting(&sql, settings::DESK_CODE, &desk)?;
        sql.journal().set_desk(&desk);
        let id = rows::insert_officer(
            &sql,
            &rows::NewOfficer {
                uid: &uid,
                full_name: &officer,
                title: "",
                roles: Roles::ALL,
                pin_hash: Some(&hash),
                created_at: &sql.stamp(),
            },
        )?;
        let actor = Actor {
            officer_id: id,
            uid: uid.clone(),
            name: officer,
        };
        {
            let w = Writer::begin(sql, &actor, Roles::ALL);
            w.commit()?;
        }
        self.writes += 1;
        // The first officer's own keys, with the blind-index key this start made.
        self.officer_keys_in(id, &pin_key)?;
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
        let keys = self.keys.clone();
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
        let sql = Sql::begin(tx, Some(&actor.uid))?.sealing_with(keys, Some(actor.officer_id));
        let mut w = Writer::begin(sql, actor, roles);
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

    /// An entry that changes no record (a reveal, a match the form could not show), by the
    /// actor.
    pub(super) fn fact(&self, op: Op, entity: Entity, record: &str, facts: Fields) -> Result<()> {
        rows::fact(self, op, entity, record, facts)
    }

    /// Write a setting (its entry; nothing when unchanged).
    pub(super) fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        if rows::put_setting(self, key, value)? && key == settings::DESK_CODE {
            self.journal().set_desk(&crate::domain::text::nfc(value));
        }
        Ok(())
    }

    /// The journal's length as this transaction sees it (the tests of every write).
    pub fn journal_head(&self) -> i64 {
        self.journal().next_seq() - 1
    }

    /// Bulk rows inside this transaction (an import), finished by [`Bulk::finish`].
    pub fn bulk(&mut self, label: &str) -> Result<Bulk<'_>> {
        self.permit(Permission::BulkLoad)?;
        Bulk::new(&self.sql, Some(self.actor.officer_id), label)
    }
}

/// Bulk rows for a load or an import: the same row writers as the desk (`rows/`: the same
/// SQL, the same checks, one journal entry per record), through prepared statements; what
/// the desk does per write and a load can do once — the due dates of every open case, the
/// lookup index — is done at the end, by [`Bulk::finish`].
pub struct Bulk<'t> {
    sql: &'t Sql<'t>,
    /// The officer of an import (None: a load of an empty book).
    #[allow(dead_code)]
    by: Option<i64>,
    #[allow(dead_code)]
    label: String,
    pub(super) counts: std::collections::BTreeMap<&'static str, u64>,
    /// Which records the load's citizens keep to (`apart.rs`): a denouncer's or an open one.
    pub(super) sides: super::apart::Sides,
}

impl<'t> Bulk<'t> {
    pub(super) fn new(sql: &'t Sql<'t>, by: Option<i64>, label: &str) -> Result<Bulk<'t>> {
        Ok(Bulk {
            sql,
            by,
            label: label.to_owned(),
            counts: Default::default(),
            sides: Default::default(),
        })
    }

    pub(super) fn conn(&self) -> &Connection {
        self.sql.conn()
    }

    /// The transaction's SQL (the row writers').
    pub(super) fn sql(&self) -> &Sql<'t> {
        self.sql
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
        let id = rows::insert_officer(
            self.sql,
            &rows::NewOfficer {
                uid,
                full_name,
                title,
                roles,
                pin_hash: None,
                created_at: at,
            },
        )?;
        self.count("officers");
        Ok(id)
    }

    /// A setting of the load.
    pub fn setting(&mut self, key: &str, value: &str) -> Result<()> {
        if key == settings::DESK_CODE {
            settings::check_desk_code(value)?;
        }
        if rows::put_setting(self.sql, key, value)? && key == settings::DESK_CODE {
            self.sql.journal().set_desk(value);
        }
        Ok(())
    }

    /// Finish: due dates of every open case, the lookup index. Returns the rows of the
    /// lookup index and how long it took to build (ms).
    pub fn finish(self) -> Result<(u64, u64)> {
        // The citizens a load made who turned out to be only denouncers (a load writes a
        // citizen before their visits): sealed now, in the same transaction.
        super::apart::seal_existing(self.sql)?;
        super::apart::refuse_mixed(self.sql)?;
        super::deadlines::recompute_loaded(self.conn())?;
        let started = std::time::Instant::now();
        let rows = super::lookup::rebuild(self.conn())?;
        let ms = started.elapsed().as_millis() as u64;
        Ok((rows, ms))
    }
}
