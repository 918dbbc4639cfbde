//! The keys that seal a denouncer's identity (issue 26; `docs/keys.md` says what each
//! protects, and what not):
//! - the **unit** X25519 key pair: every sealed identity is sealed to its public half; its
//!   secret half (with the blind-index key) is kept only wrapped — under each leader's
//!   passphrase (`leader:<uid>`), under the recovery code shown once (`recovery`), to a
//!   provincial escrow public key (`escrow:<hex>`);
//! - each **officer**'s own X25519 key pair: what they receive is sealed to it too; its
//!   secret (with their copy of the blind-index key) is wrapped under the key their PIN's one
//!   Argon2id run makes at sign-in (`pin.rs`);
//! - the **blind-index** key (HMAC-SHA-256): a returning denouncer is matched by it, never by
//!   plaintext. An officer without a copy yet (one who first signed in after an upgrade made
//!   the keys elsewhere) is given one, sealed to their public key, by the next session that
//!   holds it.
//!
//! What a session holds ([`Keys`]) lives in memory only, and is dropped when the desk locks.
//!
//! The parts: this file holds what a session holds ([`Keys`]), the public keys a new sealed
//! value is sealed to, and what holds the unit key (`tiepdan keys status`); `unit.rs` the
//! unit key itself (made for a book that has none, with its recovery code; a leader's
//! passphrase, unlocking, recovery, escrow — each a key event in the journal); `officer.rs`
//! an officer's own keys (at sign-in, when the PIN changes) and the blind-index key granted
//! to who lacks it; `rotate.rs` the unit key replaced.

use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension};

use super::seal::{self, KeyPair};
use super::{Result, Store, StoreError};
use crate::domain::identity::Unseal;

mod officer;
mod rotate;
mod unit;

pub(super) use unit::ensure_unit_key;

/// What a session holds: the unit's secret(s) once unlocked, the signed-in officer's own
/// secret, the blind-index key.
#[derive(Clone, Default)]
pub struct Keys {
    unit: Vec<KeyPair>,
    officer: Option<(i64, KeyPair)>,
    blind: Option<[u8; 32]>,
    /// A recovery code made by this process, to be shown once (then forgotten).
    fresh_code: Option<String>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Keys(unit: {}, officer: {:?}, blind: {})",
            self.unit.len(),
            self.officer.as_ref().map(|o| o.0),
            self.blind.is_some()
        )
    }
}

/// The pairs that open a sealed value, for a viewer.
struct Opener(Vec<KeyPair>);

impl Unseal for Opener {
    fn open(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        let keys: Vec<&KeyPair> = self.0.iter().collect();
        seal::open(sealed, &keys)
    }
}

impl Keys {
    pub(super) fn pairs(&self) -> Vec<&KeyPair> {
        self.officer
            .iter()
            .map(|(_, k)| k)
            .chain(self.unit.iter())
            .collect()
    }

    pub(super) fn blind(&self) -> Option<&[u8; 32]> {
        self.blind.as_ref()
    }

    pub(super) fn open(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        seal::open(sealed, &self.pairs())
    }

    fn bundle(&self) -> Option<Vec<u8>> {
        let unit = self.unit.first()?;
        let mut b = unit.secret_bytes().to_vec();
        b.extend_from_slice(self.blind.as_ref()?);
        Some(b)
    }

    /// Take a unit bundle (secret | blind) unwrapped.
    fn take_bundle(&mut self, b: &[u8]) -> Option<()> {
        if b.len() != 64 {
            return None;
        }
        let unit = KeyPair::from_secret(b[..32].try_into().ok()?);
        if !self.unit.iter().any(|k| k.public == unit.public) {
            self.unit.insert(0, unit);
        }
        self.blind = Some(b[32..].try_into().ok()?);
        Some(())
    }
}

/// The unit's current public key (None: a book that has none yet).
pub(super) fn unit_public(conn: &Connection) -> Result<Option<[u8; 32]>> {
    let v: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT public FROM unit_keys WHERE retired_at IS NULL
             ORDER BY created_at DESC LIMIT 1",
        )?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|v| v.try_into().ok()))
}

/// An officer's public key (None: not signed in since the keys came).
pub(super) fn officer_public(conn: &Connection, officer_id: i64) -> Result<Option<[u8; 32]>> {
    let v: Option<Vec<u8>> = conn
        .prepare_cached("SELECT public FROM officer_keys WHERE officer_id = ?1")?
        .query_row([officer_id], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|v| v.try_into().ok()))
}

/// Whom a new sealed value is sealed to: the unit, and the officer who receives it.
pub(super) fn recipients(conn: &Connection, officer_id: Option<i64>) -> Result<Vec<[u8; 32]>> {
    let mut out = Vec::with_capacity(2);
    out.extend(unit_public(conn)?);
    if let Some(id) = officer_id {
        out.extend(officer_public(conn, id)?);
    }
    Ok(out)
}

fn stamp() -> String {
    super::now_stamp()
}

fn bad_key() -> StoreError {
    StoreError::Invalid("damaged key".into())
}

/// Argon2id of a passphrase (the production cost; cheap in test builds that ask).
fn passphrase_key(passphrase: &str, salt: &[u8], kdf: &str) -> Result<[u8; 32]> {
    super::pin::derive_key(passphrase, salt, kdf).ok_or_else(bad_key)
}

/// What holds the unit key (`tiepdan keys status`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyStatus {
    /// The leaders (names) with a passphrase.
    pub leaders: Vec<String>,
    pub recovery: bool,
    pub escrows: i64,
    /// Citizens whose identity is sealed.
    pub sealed: i64,
    pub officers_with_keys: i64,
}

impl Store {
    /// What holds the unit key, and how much is sealed.
    pub fn key_status(&self) -> Result<KeyStatus> {
        let leaders: Vec<String> = self
            .conn
            .prepare(
                "SELECT o.full_name FROM unit_key_wraps w
                 JOIN officers o ON 'leader:' || o.uid = w.holder ORDER BY o.full_name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(KeyStatus {
            leaders,
            recovery: one("SELECT count(*) FROM unit_key_wraps WHERE holder = 'recovery'")? > 0,
            escrows: one("SELECT count(*) FROM unit_key_wraps WHERE holder LIKE 'escrow:%'")?,
            sealed: one("SELECT count(*) FROM citizens WHERE sealed IS NOT NULL")?,
            officers_with_keys: one("SELECT count(*) FROM officer_keys")?,
        })
    }

    /// What this session holds.
    pub(super) fn keys(&self) -> &Keys {
        &self.keys
    }

    /// The keys a viewer on this desk holds now (None: none).
    pub fn opener(&self) -> Option<Arc<dyn Unseal>> {
        let pairs: Vec<KeyPair> = self.keys.pairs().into_iter().cloned().collect();
        (!pairs.is_empty()).then(|| Arc::new(Opener(pairs)) as Arc<dyn Unseal>)
    }

    /// Drop every key this session holds (the desk locks, another officer signs in).
    pub fn forget_keys(&mut self) {
        let fresh = self.keys.fresh_code.take();
        let unit_kept = std::mem::take(&mut self.keys.unit);
        let blind = self.keys.blind;
        self.keys = Keys::default();
        // A process that made the unit's keys keeps them until a leader set a passphrase (or
        // the code was shown): see `fresh_recovery_code`.
        if fresh.is_some() {
            self.keys.unit = unit_kept;
            self.keys.blind = blind;
            self.keys.fresh_code = fresh;
        }
    }

    /// The recovery code this process made with the unit's keys, once: the first call gives
    /// it (to be shown, written down and kept apart), every later one None.
    pub fn take_recovery_code(&mut self) -> Option<String> {
        self.keys.fresh_code.take()
    }

    /// Has the unit key been unlocked in this session (a leader's passphrase, the recovery
    /// code, or made here)?
    pub fn unit_unlocked(&self) -> bool {
        !self.keys.unit.is_empty()
    }
}
