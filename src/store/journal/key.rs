//! The desk's Ed25519 key: made at the first start of a book (or when a book is upgraded to
//! the journal), kept in `desk_keys`, used to sign the daily checkpoint.
//!
//! Its secret half is in the book — a limit (README "The journal"): anyone who can write the
//! file can also re-sign a chain they rewrote whole. What the signatures do show is an edit of
//! some entries, or of the file by a tool that does not know the key; the public key printed
//! by `tiepdan check` can be noted elsewhere (`--key`), which makes a rewritten chain with a
//! new key show too.

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension, params};

use super::super::Result;
use crate::domain::journal::{hex, unhex};

/// The desk's key pair.
pub struct DeskKey {
    signing: SigningKey,
}

impl DeskKey {
    pub fn public_hex(&self) -> String {
        hex(self.signing.verifying_key().as_bytes())
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

/// The key of the book, if it has one.
pub(super) fn load(conn: &Connection) -> Result<Option<DeskKey>> {
    let secret: Option<Vec<u8>> = conn
        .prepare_cached("SELECT secret FROM desk_keys ORDER BY rowid DESC LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(secret
        .and_then(|s| <[u8; 32]>::try_from(s.as_slice()).ok())
        .map(|s| DeskKey {
            signing: SigningKey::from_bytes(&s),
        }))
}

/// Make the book's key when it has none; returns its public half (hex) when one was made.
pub fn ensure_desk_key(conn: &Connection, at: &str) -> Result<Option<String>> {
    if load(conn)?.is_some() {
        return Ok(None);
    }
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    let key = DeskKey {
        signing: SigningKey::from_bytes(&secret),
    };
    let public = key.public_hex();
    conn.execute(
        "INSERT INTO desk_keys (public, secret, created_at) VALUES (?1, ?2, ?3)",
        params![public, secret.as_slice(), at],
    )?;
    Ok(Some(public))
}

/// Does `signature` (hex) sign `message` under `public` (hex)?
pub fn verify(public: &str, message: &[u8], signature: &str) -> bool {
    let (Some(p), Some(s)) = (unhex(public), unhex(signature)) else {
        return false;
    };
    let (Ok(p), Ok(s)) = (<[u8; 32]>::try_from(p), <[u8; 64]>::try_from(s)) else {
        return false;
    };
    let Ok(key) = VerifyingKey::from_bytes(&p) else {
        return false;
    };
    key.verify(message, &Signature::from_bytes(&s)).is_ok()
}
