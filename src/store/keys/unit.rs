//! The unit key: made for a book that has none (its secret wrapped under a fresh recovery
//! code); what a leader does with it — a passphrase set, the key unlocked, recovered with the
//! code, a new code, an escrow key — each one transaction with its key event in the journal.

use rusqlite::{Connection, OptionalExtension, params};

use super::officer::grant_blind;
use super::{Keys, bad_key, passphrase_key, stamp, unit_public};
use crate::domain::journal::{Entity, Fields, Op};
use crate::store::seal::{self, KeyPair};
use crate::store::{Result, Store, StoreError};

/// The unit's keys for a book that has none: made now, the secret wrapped under a fresh
/// recovery code (returned in `Keys::fresh_code`, shown once by the caller).
pub(in crate::store) fn ensure_unit_key(conn: &Connection) -> Result<Option<Keys>> {
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

pub(super) fn put_recovery(conn: &Connection, keys: &Keys, code: &str) -> Result<()> {
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

impl Store {
    /// The keys this thread's upgrade made (the first start, an upgrade) are this
    /// session's.
    pub(in crate::store) fn with_made_keys(mut self) -> Store {
        if let Some(k) = crate::store::migrate::take_made() {
            self.keys = k;
        }
        self
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
        actor: &crate::store::Actor,
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
        let kdf = crate::store::pin::kdf_params();
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
    pub fn unlock_unit(&mut self, actor: &crate::store::Actor, passphrase: &str) -> Result<()> {
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
    fn key_read(&mut self, actor: &crate::store::Actor, op: Op) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        key_event(&mut self.conn, actor, op, Default::default(), |_| Ok(()))
    }

    /// The recovery code unlocks the unit key for this session (a leader who forgot their
    /// passphrase, a new leader): then a passphrase is set, and a new code made
    /// ([`Store::new_recovery_code`]).
    pub fn recover_unit(&mut self, actor: &crate::store::Actor, code: &str) -> Result<()> {
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
    pub fn new_recovery_code(&mut self, actor: &crate::store::Actor) -> Result<String> {
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
    pub fn set_escrow(&mut self, actor: &crate::store::Actor, public_hex: &str) -> Result<()> {
        self.refuse_read_only()?;
        self.leader(actor)?;
        let public: [u8; 32] = crate::store::pin::unhex(public_hex.trim())
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

    pub(super) fn leader(&self, actor: &crate::store::Actor) -> Result<()> {
        let roles = crate::store::auth::roles_of(&self.conn, actor.officer_id())?;
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
        crate::store::citizens::fill_blind(&self.conn, &self.keys)
    }
}

/// A key event in the journal by `actor`, in one transaction with `f` — the change it
/// records (a passphrase's wrap, a recovery code's, an escrow's) — so neither lands without
/// the other. The key material itself is never journaled: only which unit key (its public
/// half) and who.
pub(super) fn key_event<T>(
    conn: &mut Connection,
    actor: &crate::store::Actor,
    op: Op,
    fields: Fields,
    f: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let sql = crate::store::write::Sql::begin(tx, Some(actor.uid()))?;
    let out = f(sql.conn())?;
    crate::store::rows::fact(&sql, op, Entity::Officer, actor.uid(), fields)?;
    sql.commit()?;
    Ok(out)
}

/// The fact naming a unit key (its public half, hex).
pub(super) fn unit_fact(public: &[u8; 32]) -> Fields {
    crate::store::rows::facts([(
        "unit_key",
        serde_json::Value::String(crate::domain::journal::hex(public)),
    )])
}
