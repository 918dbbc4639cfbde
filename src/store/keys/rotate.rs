//! The unit key replaced by a leader: a new pair, the old one retired, every sealed value the
//! session can open sealed again, the new key wrapped for each holder; one transaction.

use rusqlite::params;

use super::unit::{put_recovery, unit_fact};
use super::{passphrase_key, stamp};
use crate::domain::journal::{Entity, Op};
use crate::store::seal::{self, KeyPair};
use crate::store::{Result, Store, StoreError};

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
        actor: &crate::store::Actor,
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
        let kdf = crate::store::pin::kdf_params();
        let key = passphrase_key(&pass, &salt, &kdf)?;
        let at = stamp();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let sql = crate::store::write::Sql::begin(tx, Some(actor.uid()))?
            .sealing_with(keys.clone(), None);
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
                crate::store::pin::unhex(&holder[7..]).and_then(|v| <[u8; 32]>::try_from(v).ok())
            else {
                continue;
            };
            c.execute(
                "INSERT OR REPLACE INTO unit_key_wraps (public, holder, salt, kdf, wrapped, created_at)
                 VALUES (?1, ?2, x'', 'x25519', ?3, ?4)",
                params![new.public.as_slice(), holder, seal::seal(&bundle, &[public]), at],
            )?;
        }
        let (resealed, unopened) = crate::store::apart::reseal_all(&sql)?;
        let mut fields = unit_fact(&new.public);
        fields.insert(
            "retired".into(),
            serde_json::Value::String(crate::domain::journal::hex(&old.public)),
        );
        fields.insert("resealed".into(), serde_json::Value::from(resealed));
        crate::store::rows::fact(
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
