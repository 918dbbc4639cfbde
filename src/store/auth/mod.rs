//! Signing in, and what the permission check reads (STYLE.md §7: "the check every write
//! passes"). An [`Actor`] comes only from here and from the first start: the officer's PIN
//! or passphrase checked against its Argon2id hash (`pin.rs`), or — for an officer who has
//! none yet (a book made before PINs, an officer an administrator added) — a first PIN set.
//!
//! Wrong entries are kept in the book, beside the officer (`sign_in_failures`,
//! `sign_in_wait_until`): after [`FREE_TRIES`] in a row each try waits longer
//! (`domain::role::wait_after`), a restart or another desk changes nothing, and every wrong
//! entry is written to the audit (no officer: nobody signed in). A try during the wait is
//! refused without checking anything. A right PIN clears the count.
//!
//! The hash is computed outside any transaction (it takes a fifth of a second): the book's
//! write lock is held only for the few rows that follow.

pub mod pin;

use chrono::{NaiveDateTime, TimeDelta};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::Value;

use super::write::{On, Sql};
use super::{Actor, Result, Store, StoreError, rows};
use crate::domain::journal::{Entity, Op};
use crate::domain::role::{self, PinProblem, Roles, Target};
use crate::domain::text::nfc;

const STAMP: &str = "%Y-%m-%dT%H:%M:%S";

/// A new PIN typed twice: checked by the rules, then hashed (keyed: the hash, and the key
/// the officer's own secret is wrapped under — `keys/officer.rs`).
pub(super) fn new_pin_hash(pin: &str, again: &str) -> Result<(String, [u8; 32])> {
    let (pin, again) = (nfc(pin), nfc(again));
    role::check_pin(&pin).map_err(StoreError::BadPin)?;
    if pin != again {
        return Err(StoreError::BadPin(PinProblem::Mismatch));
    }
    Ok(pin::hash_keyed_at(&pin, pin::current_cost()))
}

/// The roles an officer holds now.
pub(super) fn roles_of(conn: &Connection, officer_id: i64) -> Result<Roles> {
    let codes: Option<String> = conn
        .prepare_cached("SELECT group_concat(role, ',') FROM officer_roles WHERE officer_id = ?1")?
        .query_row([officer_id], |r| r.get(0))?;
    Ok(Roles::from_codes(&codes.unwrap_or_default()))
}

/// Active administrators other than `but`.
pub(super) fn other_admins(conn: &Connection, but: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM officer_roles r JOIN officers o ON o.id = r.officer_id
             WHERE r.role = 'quan_tri' AND o.active = 1 AND o.id != ?1",
        )?
        .query_row([but], |r| r.get(0))?)
}

/// What the scopes of the role table need to know of a record: who logged a visit; whom a
/// case is assigned to (only once a leader assigned it: until then it is the desk's), and
/// who received it — who took it in, who logged its visits.
pub(super) fn target(conn: &Connection, on: On<'_>) -> Result<Target> {
    match on {
        On::Visit(uid) => {
            let logged_by: i64 = conn
                .prepare_cached("SELECT officer_id FROM visits WHERE uid = ?1")?
                .query_row([uid], |r| r.get(0))
                .optional()?
                .ok_or(StoreError::NotFound("visit"))?;
            Ok(Target::Visit { logged_by })
        }
        On::Case(uid) => {
            let (id, officer, assigned): (i64, Option<i64>, bool) = conn
                .prepare_cached(
                    "SELECT id, officer_id, EXISTS (SELECT 1 FROM case_events e
                                                    WHERE e.case_id = k.id AND e.action = ?2)
                     FROM cases k WHERE uid = ?1",
                )?
                .query_row(
                    params![uid, crate::domain::case::Action::Assign.code()],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?
                .ok_or(StoreError::NotFound("case"))?;
            let mut stmt = conn.prepare_cached(
                "SELECT officer_id FROM case_events WHERE case_id = ?1 AND action = ?2
                 UNION
                 SELECT v.officer_id FROM case_visits cv JOIN visits v ON v.id = cv.visit_id
                 WHERE cv.case_id = ?1",
            )?;
            let received_by = stmt
                .query_map(params![id, crate::domain::case::Action::Open.code()], |r| {
                    r.get::<_, Option<i64>>(0)
                })?
                .filter_map(|r| r.transpose())
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(Target::Case {
                assigned_to: if assigned { officer } else { None },
                received_by,
            })
        }
    }
}

/// An officer's credentials as stored.
struct Credentials {
    uid: String,
    name: String,
    active: bool,
    hash: Option<String>,
    failures: u32,
    wait_until: Option<NaiveDateTime>,
}

fn credentials(conn: &Connection, officer_id: i64) -> Result<Credentials> {
    conn.prepare_cached(
        "SELECT uid, full_name, active, pin_hash, sign_in_failures, sign_in_wait_until
         FROM officers WHERE id = ?1",
    )?
    .query_row([officer_id], |r| {
        Ok(Credentials {
            uid: r.get(0)?,
            name: r.get(1)?,
            active: r.get(2)?,
            hash: r.get(3)?,
            failures: r.get(4)?,
            wait_until: r
                .get::<_, Option<String>>(5)?
                .and_then(|s| NaiveDateTime::parse_from_str(&s, STAMP).ok()),
        })
    })
    .optional()?
    .ok_or(StoreError::NotFound("officer"))
}

/// Whole seconds from `now` to `until` (rounded up), 0 when past.
fn secs_until(until: Option<NaiveDateTime>, now: NaiveDateTime) -> u64 {
    match until {
        Some(u) if u > now => {
            let ms = (u - now).num_milliseconds();
            ((ms + 999) / 1000) as u64
        }
        _ => 0,
    }
}

impl Store {
    /// How long the next sign-in of this officer must wait (0: none), at `now`.
    pub fn sign_in_wait(&self, officer_id: i64, now: NaiveDateTime) -> Result<u64> {
        let until = if self.read_only {
            self.tries.get(&officer_id).and_then(|t| t.1)
        } else {
            credentials(&self.conn, officer_id)?.wait_until
        };
        Ok(secs_until(until, now))
    }

    /// Sign an officer in with their PIN or passphrase, at `now` (the app's clock). Refused
    /// for an officer who does not exist or was disabled, who has no PIN yet
    /// ([`StoreError::PinNotSet`]: [`Store::set_first_pin`]), during the wait after too many
    /// wrong entries ([`StoreError::SignInWait`]), and for a wrong PIN
    /// ([`StoreError::WrongPin`], counted and audited). A right one clears the count, is
    /// audited, and rehashes a hash weaker than today's cost.
    pub fn sign_in(&mut self, officer_id: i64, pin: &str, now: NaiveDateTime) -> Result<Actor> {
        let c = credentials(&self.conn, officer_id)?;
        if !c.active {
            return Err(StoreError::NotPermitted);
        }
        let Some(hash) = c.hash.clone() else {
            return Err(StoreError::PinNotSet);
        };
        let (failures, until) = if self.read_only {
            self.tries.get(&officer_id).copied().unwrap_or((0, None))
        } else {
            (c.failures, c.wait_until)
        };
        let wait = secs_until(until, now);
        if wait > 0 {
            return Err(StoreError::SignInWait { secs: wait });
        }
        let pin = nfc(pin);
        // The one Argon2id run: whether the PIN is right, and the key of the officer's own
        // secret (None inside for a hash of the older form, made again keyed below).
        let verified = pin::verify_keyed(&pin, &hash);
        let right = verified.is_some();
        let actor = Actor::signed_in(officer_id, &c.uid, &c.name);
        if self.read_only {
            // Nothing can be kept in a read-only book: the wait holds in this process.
            if right {
                self.tries.remove(&officer_id);
                return Ok(actor);
            }
            let failures = failures + 1;
            let wait_secs = role::wait_after(failures);
            let until = (wait_secs > 0).then(|| now + TimeDelta::seconds(wait_secs as i64));
            self.tries.insert(officer_id, (failures, until));
            return Err(StoreError::WrongPin {
                failures,
                wait_secs,
            });
        }
        let rehash =
            (right && pin::is_weaker(&hash)).then(|| pin::hash_keyed_at(&pin, pin::current_cost()));
        let pin_key = match (&rehash, verified) {
            (Some((_, k)), _) => Some(*k),
            (None, Some(Some(k))) => Some(k),
            _ => None,
        };
        let rehash = rehash.map(|(h, _)| h);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if right {
            let sql = Sql::begin(tx, Some(&c.uid))?;
            rows::signed_in(&sql, officer_id, rehash.as_deref())?;
            let facts = match rehash {
                Some(_) => rows::facts([("rehashed", Value::Bool(true))]),
                None => Default::default(),
            };
            rows::fact(&sql, Op::SignIn, Entity::Officer, &c.uid, facts)?;
            sql.commit()?;
            if let Some(k) = pin_key {
                self.officer_keys_in(officer_id, &k)?;
            }
            Ok(actor)
        } else {
            // Nobody signed in: the entry is nobody's.
            let sql = Sql::begin(tx, None)?;
            // Counted from the book as it is now: another desk's wrong entries count too.
            let failures = credentials(sql.conn(), officer_id)?.failures + 1;
            let wait_secs = role::wait_after(failures);
            let until = (wait_secs > 0).then(|| {
                (now + TimeDelta::seconds(wait_secs as i64))
                    .format(STAMP)
                    .to_string()
            });
            rows::wrong_pin(&sql, officer_id, failures, until.as_deref())?;
            rows::fact(
                &sql,
                Op::SignInFailed,
                Entity::Officer,
                &c.uid,
                rows::facts([
                    ("failures", Value::from(failures)),
                    ("wait_secs", Value::from(wait_secs)),
                ]),
            )?;
            sql.commit()?;
            Err(StoreError::WrongPin {
                failures,
                wait_secs,
            })
        }
    }

    /// An officer without a PIN sets one (typed twice) and is signed in: their first
    /// sign-in. Audited as their own act. Refused once a PIN is set (a conflict when another
    /// desk set it first).
    pub fn set_first_pin(&mut self, officer_id: i64, pin: &str, again: &str) -> Result<Actor> {
        self.refuse_read_only()?;
        let c = credentials(&self.conn, officer_id)?;
        if !c.active {
            return Err(StoreError::NotPermitted);
        }
        if c.hash.is_some() {
            return Err(StoreError::Conflict {
                what: "pin",
                changed_at: None,
            });
        }
        let (hash, pin_key) = new_pin_hash(pin, again)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let sql = Sql::begin(tx, Some(&c.uid))?;
        if !rows::set_pin(&sql, officer_id, Some(&hash), Op::PinSet, true)? {
            return Err(StoreError::Conflict {
                what: "pin",
                changed_at: None,
            });
        }
        sql.commit()?;
        self.officer_keys_in(officer_id, &pin_key)?;
        Ok(Actor::signed_in(officer_id, &c.uid, &c.name))
    }

    /// An officer changes their own PIN: the current one checked as a sign-in is (counted,
    /// waited), the new one typed twice. Audited; the officer is signed in.
    pub fn change_pin(
        &mut self,
        officer_id: i64,
        old: &str,
        new: &str,
        again: &str,
        now: NaiveDateTime,
    ) -> Result<Actor> {
        self.refuse_read_only()?;
        let (hash, pin_key) = new_pin_hash(new, again)?;
        let actor = self.sign_in(officer_id, old, now)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let sql = Sql::begin(tx, Some(actor.uid()))?;
        rows::set_pin(&sql, officer_id, Some(&hash), Op::PinChanged, false)?;
        sql.commit()?;
        // The officer's own secret wrapped again, under the new PIN's key.
        self.officer_rewrap(officer_id, &pin_key)?;
        Ok(actor)
    }

    /// The wrong entries in a row an officer has now (tests, the lock screen).
    pub fn sign_in_failures(&self, officer_id: i64) -> Result<u32> {
        if self.read_only {
            return Ok(self.tries.get(&officer_id).map_or(0, |t| t.0));
        }
        Ok(credentials(&self.conn, officer_id)?.failures)
    }
}
