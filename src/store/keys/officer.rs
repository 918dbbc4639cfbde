//! An officer's own keys: unwrapped at sign-in with the key of their PIN's Argon2id run (or
//! made at their first sign-in since the keys came), wrapped again when the PIN changes; the
//! blind-index key granted to every officer who has a key pair but no copy.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Keys, bad_key, stamp};
use crate::store::seal::{self, KeyPair};
use crate::store::{Result, Store};

/// An officer's own keys at sign-in, with `pin_key` (the PIN's Argon2id run): unwrapped, or
/// made at their first sign-in since the keys came. Takes a blind-index key given to them.
pub(in crate::store) fn officer_signed_in(
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
pub(in crate::store) fn rewrap_officer(
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
pub(super) fn grant_blind(conn: &Connection, keys: &Keys) -> Result<()> {
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

impl Store {
    /// At sign-in: the officer's own keys, with the key of their PIN's run.
    pub(in crate::store) fn officer_keys_in(
        &mut self,
        officer_id: i64,
        pin_key: &[u8; 32],
    ) -> Result<()> {
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
        crate::store::citizens::fill_blind(&self.conn, &self.keys)
    }

    /// The PIN changed: the officer's secret wrapped again under the new PIN's key.
    pub(in crate::store) fn officer_rewrap(
        &mut self,
        officer_id: i64,
        pin_key: &[u8; 32],
    ) -> Result<()> {
        rewrap_officer(&self.conn, &self.keys, officer_id, pin_key)
    }
}
