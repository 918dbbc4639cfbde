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

use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, params};

use super::seal::{self, KeyPair};
use super::{Result, Store, StoreError};
use crate::domain::identity::Unseal;
use crate::domain::journal::{Entity, Fields, Op};

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

/// The unit's keys for a book that has none: made now, the secret wrapped under a fresh
/// recovery code (returned in `Keys::fresh_code`, shown once by the caller).
pub(super) fn ensure_unit_key(conn: &Connection) -> Result<Option<Keys>> {
    if unit_public(conn)?.is_some() {
        return Ok(None);
    }
    let unit = KeyPair::generate();
    let keys = Keys {
        unit: vec![unit.clone()],
        officer: None,
        blind: Some(seal::random32()),
        fresh_code: Some(seal::new_recovery_code()),
    };
    conn.execute(
        "INSERT INTO unit_keys (public, created_at) VALUES (?1, ?2)",
        params![unit.public.as_slice(), stamp()],
    )?;
    put_recovery(conn, &keys, keys.fresh_code.as_deref().unwrap_or_default())?;
    Ok(Some(keys))
}

fn put_recovery(conn: &Connection, keys: &Keys, code: &str) -> Result<()> {
    let (Some(unit), Some(bundle)) = (keys.unit.first(), keys.bundle()) else {
        return Err(StoreError::KeysLocked);
    };
    let salt = seal::random32();
    let key = seal::key_from_code(&seal::normalize_code(code), &salt);
    conn.execute(
        "INSERT OR REPLACE INTO unit_key_wraps (public, holder, salt, kdf, wrapped, created_at)
         VALUES (?1, 'recovery', ?2, '', ?3, ?4)",
        params![
            unit.public.as_slice(),
            salt.as_slice(),
            seal::wrap(&key, &bundle),
            stamp()
        ],
    )?;
    Ok(())
}

/// An officer's own keys at sign-in, with `pin_key` (the PIN's Argon2id run): unwrapped, or
/// made at their first sign-in since the keys came. Takes a blind-index key given to them.
pub(super) fn officer_signed_in(
    conn: &Connection,
    keys: &mut Keys,
    officer_id: i64,
    pin_key: &[u8; 32],
) -> Result<()> {
    type Row = (Vec<u8>, Vec<u8>, Option<Vec<u8>>);
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT public, wrapped, blind_grant FROM officer_keys WHERE officer_id = ?1",
        )?
        .query_row([officer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match row {
        Some((_, wrapped, grant)) => {
            let Some(b) = seal::unwrap(pin_key, &wrapped) else {
                // Wrapped under a PIN since reset: what was sealed to the old key stays the
                // unit's to open. A new pair from now on.
                return new_officer_key(conn, keys, officer_id, pin_key);
            };
            let pair = KeyPair::from_secret(b[..32].try_into().map_err(|_| bad_key())?);
            let mut blind: Option<[u8; 32]> = b.get(32..64).and_then(|s| s.try_into().ok());
            if blind.is_none()
                && let Some(g) = grant
                && let Some(given) = seal::open(&g, &[&pair])
            {
                blind = given.try_into().ok();
            }
            if let Some(bl) = blind.or(keys.blind) {
                keys.blind = Some(bl);
            }
            keys.officer = Some((officer_id, pair));
            rewrap_officer(conn, keys, officer_id, pin_key)?;
            grant_blind(conn, keys)
        }
        None => new_officer_key(conn, keys, officer_id, pin_key),
    }
}

fn bad_key() -> StoreError {
    StoreError::Invalid("damaged key".into())
}

fn new_officer_key(
    conn: &Connection,
    keys: &mut Keys,
    officer_id: i64,
    pin_key: &[u8; 32],
) -> Result<()> {
    let pair = KeyPair::generate();
    conn.execute(
        "INSERT OR REPLACE INTO officer_keys (officer_id, public, wrapped, blind_grant, created_at)
         VALUES (?1, ?2, x'', NULL, ?3)",
        params![officer_id, pair.public.as_slice(), stamp()],
    )?;
    keys.officer = Some((officer_id, pair));
    rewrap_officer(conn, keys, officer_id, pin_key)?;
    grant_blind(conn, keys)
}

/// The signed-in officer's secret (and blind key, when held) wrapped under `pin_key`.
pub(super) fn rewrap_officer(
    conn: &Connection,
    keys: &Keys,
    officer_id: i64,
    pin_key: &[u8; 32],
) -> Result<()> {
    let Some((id, pair)) = keys.officer.as_ref().filter(|(id, _)| *id == officer_id) else {
        return Ok(());
    };
    let mut b = pair.secret_bytes().to_vec();
    if let Some(bl) = &keys.blind {
        b.extend_from_slice(bl);
    }
    conn.execute(
        "UPDATE officer_keys SET wrapped = ?2,
             blind_grant = CASE WHEN ?3 THEN NULL ELSE blind_grant END
         WHERE officer_id = ?1",
        params![id, seal::wrap(pin_key, &b), keys.blind.is_some()],
    )?;
    Ok(())
}

/// Give the blind-index key to every officer who has a key pair but no copy (sealed to their
/// public key; taken at their next sign-in).
fn grant_blind(conn: &Connection, keys: &Keys) -> Result<()> {
    let Some(bl) = keys.blind else {
        return Ok(());
    };
    let me = keys.officer.as_ref().map(|o| o.0).unwrap_or(-1);
    let wanting: Vec<(i64, Vec<u8>)> = conn
        .prepare_cached(
            "SELECT officer_id, public FROM officer_keys
             WHERE length(wrapped) < 12 + 16 + 64 AND blind_grant IS NULL AND officer_id != ?1",
        )?
        .query_map([me], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, public) in wanting {
        let Ok(public) = <[u8; 32]>::try_from(public) else {
            continue;
        };
        conn.execute(
            "UPDATE officer_keys SET blind_grant = ?2 WHERE officer_id = ?1",
            params![id, seal::seal(&bl, &[public])],
        )?;
    }
    Ok(())
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

    /// Does this leader have a passphrase set?
    pub fn has_passphrase(&self, officer_uid: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM unit_key_wraps WHERE holder = ?1)",
            [format!("leader:{officer_uid}")],
            |r| r.get(0),
        )?)
    }

    /// A leader sets (or changes) their passphrase: the unit key, unlocked in this session,
    /// wrapped under it. Only a lãnh đạo; the passphrase by the rules of a PIN or passphrase.
    pub fn set_passphrase(
        &mut self,
        actor: &super::Actor,
        passphrase: &str,
        again: &str,
    ) -> Result<()> {
        self.refuse_read_only()?;
        self.leader(actor)?;
        let (pass, again) = (
            crate::domain::text::nfc(passphrase),
            crate::domain::text::nfc(again),
        );
        crate::domain::role::check_pin(&pass).map_err(StoreError::BadPin)?;
        // A passphrase, not a PIN: the unit key is the key to every denouncer of the book.
        if pass.chars().all(|c| c.is_ascii_digit()) {
            return Err(StoreError::BadPin(
                crate::domain::role::PinProblem::ShortPassphrase,
            ));
        }
        if pass != again {
            return Err(StoreError::BadPin(
                crate::domain::role::PinProblem::Mismatch,
            ));
        }
        let (Some(unit), Some(bundle)) = (self.keys.unit.first().cloned(), self.keys.bundle())
        else {
            return Err(StoreError::KeysLocked);
        };
        let salt = seal::random32();
        let kdf = super::pin::kdf_params();
        let key = passphrase_key(&pass, &salt, &kdf)?;
        key_event(
            &mut self.conn,
            actor,
            Op::PassphraseSet,
            unit_fact(&unit.public),
            |c| {
                c.execute(
                    "INSERT OR REPLACE INTO unit_key_wraps
                         (public, holder, salt, kdf, wrapped, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        unit.public.as_slice(),
                        format!("leader:{}", actor.uid()),
                        salt.as_slice(),
                        kdf,
                        seal::wrap(&key, &bundle),
                        stamp()
                    ],
                )?;
                Ok(())
            },
        )
    }

    /// A leader unlocks the unit key with their passphrase for this session. A wrong one is
    /// refused ([`StoreError::WrongPassphrase`]).
    pub fn unlock_unit(&mut self, actor: &super::Actor, passphrase: &str) -> Result<()> {
        self.leader(actor)?;
        let row: Option<(Vec<u8>, String, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT w.salt, w.kdf, w.wrapped FROM unit_key_wraps w
                 JOIN unit_keys k ON k.public = w.public
                 WHERE w.holder = ?1 ORDER BY k.retired_at IS NOT NULL, k.created_at DESC
                 LIMIT 1",
                [format!("leader:{}", actor.uid())],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((salt, kdf, wrapped)) = row else {
            return Err(StoreError::KeysLocked);
        };
        let key = passphrase_key(&crate::domain::text::nfc(passphrase), &salt, &kdf)?;
        let Some(bundle) = seal::unwrap(&key, &wrapped) else {
            self.key_read(actor, Op::UnitUnlockFailed)?;
            return Err(StoreError::WrongPassphrase);
        };
        self.keys.take_bundle(&bundle).ok_or_else(bad_key)?;
        self.key_read(actor, Op::UnitUnlocked)?;
        self.after_unlock()
    }

    /// A key read by a leader in the journal (an unlock, a wrong passphrase), unless the
    /// store is read-only (a read-only command writes nothing).
    fn key_read(&mut self, actor: &super::Actor, op: Op) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        key_event(&mut self.conn, actor, op, Default::default(), |_| Ok(()))
    }

    /// The recovery code unlocks the unit key for this session (a leader who forgot their
    /// passphrase, a new leader): then a passphrase is set, and a new code made
    /// ([`Store::new_recovery_code`]).
    pub fn recover_unit(&mut self, actor: &super::Actor, code: &str) -> Result<()> {
        self.leader(actor)?;
        let row: Option<(Vec<u8>, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT w.salt, w.wrapped FROM unit_key_wraps w
                 JOIN unit_keys k ON k.public = w.public
                 WHERE w.holder = 'recovery' ORDER BY k.retired_at IS NOT NULL, k.created_at DESC
                 LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((salt, wrapped)) = row else {
            return Err(StoreError::KeysLocked);
        };
        let key = seal::key_from_code(&seal::normalize_code(code), &salt);
        let Some(bundle) = seal::unwrap(&key, &wrapped) else {
            self.key_read(actor, Op::UnitUnlockFailed)?;
            return Err(StoreError::WrongPassphrase);
        };
        self.keys.take_bundle(&bundle).ok_or_else(bad_key)?;
        self.key_read(actor, Op::UnitRecovered)?;
        self.after_unlock()
    }

    /// A new recovery code replaces the old one (the unit key unlocked in this session):
    /// returned once, to be shown and kept apart.
    pub fn new_recovery_code(&mut self, actor: &super::Actor) -> Result<String> {
        self.refuse_read_only()?;
        self.leader(actor)?;
        let code = seal::new_recovery_code();
        let keys = &self.keys;
        let fields = keys
            .unit
            .first()
            .map(|u| unit_fact(&u.public))
            .unwrap_or_default();
        key_event(&mut self.conn, actor, Op::RecoveryCodeMade, fields, |c| {
            put_recovery(c, keys, &code)
        })?;
        Ok(code)
    }

    /// The unit key also sealed to a provincial escrow public key (64 hex digits): who holds
    /// its secret can open every sealed identity of this book.
    pub fn set_escrow(&mut self, actor: &super::Actor, public_hex: &str) -> Result<()> {
        self.refuse_read_only()?;
        self.leader(actor)?;
        let public: [u8; 32] = super::pin::unhex(public_hex.trim())
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| StoreError::Invalid("escrow key: 64 hex digits".into()))?;
        let (Some(unit), Some(bundle)) = (self.keys.unit.first(), self.keys.bundle()) else {
            return Err(StoreError::KeysLocked);
        };
        let holder = format!("escrow:{}", public_hex.trim().to_lowercase());
        let mut fields = unit_fact(&unit.public);
        fields.insert(
            "escrow".into(),
            serde_json::Value::String(holder[7..].to_owned()),
        );
        let unit_public = unit.public;
        key_event(&mut self.conn, actor, Op::EscrowSet, fields, |c| {
            c.execute(
                "INSERT OR REPLACE INTO unit_key_wraps
                     (public, holder, salt, kdf, wrapped, created_at)
                 VALUES (?1, ?2, x'', 'x25519', ?3, ?4)",
                params![
                    unit_public.as_slice(),
                    holder,
                    seal::seal(&bundle, &[public]),
                    stamp()
                ],
            )?;
            Ok(())
        })
    }

    fn leader(&self, actor: &super::Actor) -> Result<()> {
        let roles = super::auth::roles_of(&self.conn, actor.officer_id())?;
        // The unit key is a leader's (lãnh đạo), never an administrator's as such.
        if roles.has(crate::domain::role::Role::Leader) {
            Ok(())
        } else {
            Err(StoreError::Forbidden(crate::domain::role::Refusal::Role(
                crate::domain::role::Permission::DecideCase,
            )))
        }
    }

    /// After the unit key is unlocked: the blind key given to who lacks it, and the blind
    /// index filled where it could not be computed.
    fn after_unlock(&mut self) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        grant_blind(&self.conn, &self.keys)?;
        super::citizens::fill_blind(&self.conn, &self.keys)
    }

    /// At sign-in: the officer's own keys, with the key of their PIN's run.
    pub(super) fn officer_keys_in(&mut self, officer_id: i64, pin_key: &[u8; 32]) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        let mut keys = std::mem::take(&mut self.keys);
        if keys.officer.as_ref().is_some_and(|o| o.0 != officer_id) {
            keys.officer = None;
        }
        let r = officer_signed_in(&self.conn, &mut keys, officer_id, pin_key);
        self.keys = keys;
        r?;
        super::citizens::fill_blind(&self.conn, &self.keys)
    }

    /// The PIN changed: the officer's secret wrapped again under the new PIN's key.
    pub(super) fn officer_rewrap(&mut self, officer_id: i64, pin_key: &[u8; 32]) -> Result<()> {
        rewrap_officer(&self.conn, &self.keys, officer_id, pin_key)
    }

    /// The keys this thread's upgrade made (the first start, an upgrade) are this
    /// session's.
    pub(super) fn with_made_keys(mut self) -> Store {
        if let Some(k) = super::migrate::take_made() {
            self.keys = k;
        }
        self
    }
}

/// A key event in the journal by `actor`, in one transaction with `f` — the change it
/// records (a passphrase's wrap, a recovery code's, an escrow's) — so neither lands without
/// the other. The key material itself is never journaled: only which unit key (its public
/// half) and who.
fn key_event<T>(
    conn: &mut Connection,
    actor: &super::Actor,
    op: Op,
    fields: Fields,
    f: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let sql = super::write::Sql::begin(tx, Some(actor.uid()))?;
    let out = f(sql.conn())?;
    super::rows::fact(&sql, op, Entity::Officer, actor.uid(), fields)?;
    sql.commit()?;
    Ok(out)
}

/// The fact naming a unit key (its public half, hex).
fn unit_fact(public: &[u8; 32]) -> Fields {
    super::rows::facts([(
        "unit_key",
        serde_json::Value::String(crate::domain::journal::hex(public)),
    )])
}

/// What a rotation of the unit key did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    /// The new recovery code (shown once).
    pub code: String,
    /// Values sealed again under the new key (citizens, representatives, drafts).
    pub resealed: usize,
    /// Values the session's keys could not open (left as they were).
    pub unopened: usize,
}

impl Store {
    /// A leader replaces the unit key (unlocked in this session): a new key pair, the old one
    /// retired (kept: the journal's entries hold ciphertext sealed to it); every sealed
    /// value the session can open sealed again to the new key and its receiving officer;
    /// the new key wrapped under `passphrase` (this leader's), under a new recovery code
    /// (returned, to be shown once) and to each escrow key. Other leaders set their
    /// passphrase again (with the new code). One transaction, journaled.
    pub fn rotate_unit_key(
        &mut self,
        actor: &super::Actor,
        passphrase: &str,
        again: &str,
    ) -> Result<Rotation> {
        self.refuse_read_only()?;
        self.leader(actor)?;
        let pass = crate::domain::text::nfc(passphrase);
        crate::domain::role::check_pin(&pass).map_err(StoreError::BadPin)?;
        if pass.chars().all(|c| c.is_ascii_digit()) {
            return Err(StoreError::BadPin(
                crate::domain::role::PinProblem::ShortPassphrase,
            ));
        }
        if pass != crate::domain::text::nfc(again) {
            return Err(StoreError::BadPin(
                crate::domain::role::PinProblem::Mismatch,
            ));
        }
        let Some(old) = self.keys.unit.first().cloned() else {
            return Err(StoreError::KeysLocked);
        };
        if self.keys.blind.is_none() {
            return Err(StoreError::KeysLocked);
        }
        let new = KeyPair::generate();
        let mut keys = self.keys.clone();
        keys.unit.insert(0, new.clone());
        let bundle = keys.bundle().ok_or(StoreError::KeysLocked)?;
        let code = seal::new_recovery_code();
        let salt = seal::random32();
        let kdf = super::pin::kdf_params();
        let key = passphrase_key(&pass, &salt, &kdf)?;
        let at = stamp();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let sql = super::write::Sql::begin(tx, Some(actor.uid()))?.sealing_with(keys.clone(), None);
        let c = sql.conn();
        c.execute(
            "UPDATE unit_keys SET retired_at = ?2 WHERE public = ?1",
            params![old.public.as_slice(), at],
        )?;
        c.execute(
            "INSERT INTO unit_keys (public, created_at) VALUES (?1, ?2)",
            params![new.public.as_slice(), at],
        )?;
        c.execute(
            "INSERT OR REPLACE INTO unit_key_wraps (public, holder, salt, kdf, wrapped, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                new.public.as_slice(),
                format!("leader:{}", actor.uid()),
                salt.as_slice(),
                kdf,
                seal::wrap(&key, &bundle),
                at
            ],
        )?;
        put_recovery(c, &keys, &code)?;
        let escrows: Vec<String> = c
            .prepare(
                "SELECT holder FROM unit_key_wraps WHERE public = ?1 AND holder LIKE 'escrow:%'",
            )?
            .query_map([old.public.as_slice()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for holder in escrows {
            let Some(public) =
                super::pin::unhex(&holder[7..]).and_then(|v| <[u8; 32]>::try_from(v).ok())
            else {
                continue;
            };
            c.execute(
                "INSERT OR REPLACE INTO unit_key_wraps (public, holder, salt, kdf, wrapped, created_at)
                 VALUES (?1, ?2, x'', 'x25519', ?3, ?4)",
                params![new.public.as_slice(), holder, seal::seal(&bundle, &[public]), at],
            )?;
        }
        let (resealed, unopened) = super::apart::reseal_all(&sql)?;
        let mut fields = unit_fact(&new.public);
        fields.insert(
            "retired".into(),
            serde_json::Value::String(crate::domain::journal::hex(&old.public)),
        );
        fields.insert("resealed".into(), serde_json::Value::from(resealed));
        super::rows::fact(
            &sql,
            Op::UnitKeyRotated,
            Entity::Officer,
            actor.uid(),
            fields,
        )?;
        sql.commit()?;
        self.keys = keys;
        Ok(Rotation {
            code,
            resealed,
            unopened,
        })
    }
}
