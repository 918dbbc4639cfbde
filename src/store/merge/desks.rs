//! The desks merged into this book (issue 27): which key each is known by, and the
//! administrator's way to accept a desk's new key.
//!
//! A desk is known by the key of its first package merged here (`merge_origins.desk_key`),
//! until an administrator accepts another: `tiepdan desk trust DESK --key HEX`, the key
//! typed as the other desk read it out (out of band: by phone, on paper), never taken from
//! the package that asks for it. The acceptance is a journal entry (`desk_key_trusted`, the
//! record the desk's code, the key and the one it replaces); the last one is the desk's key.

use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use super::super::rows;
use super::super::{Permission, Result, StoreError, Writer};
use crate::domain::journal::{Entity, Op};

/// A desk whose packages were merged here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedDesk {
    pub desk: String,
    /// Its unit's name, as its last package gave it (empty: merged before it was kept).
    pub unit: String,
    /// The key its packages must be signed with.
    pub key: String,
    /// Whether an administrator accepted that key (after the desk's key was replaced).
    pub trusted: bool,
    /// The records merged from it.
    pub records: u64,
    /// When its last package was merged (RFC 3339), if the journal says.
    pub last_merge: Option<String>,
}

/// A key as an administrator typed it: hex, spaces, colons and dashes ignored, any case.
/// None when it is not 32 bytes of hex (an Ed25519 public key).
pub fn typed_key(s: &str) -> Option<String> {
    let k: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | ':' | '-' | '\t'))
        .collect::<String>()
        .to_ascii_lowercase();
    (k.len() == 64 && k.bytes().all(|b| b.is_ascii_hexdigit())).then_some(k)
}

/// The key an administrator last accepted for a desk.
fn trusted_key(conn: &Connection, desk: &str) -> Result<Option<String>> {
    let after: Option<String> = conn
        .prepare_cached(
            "SELECT after FROM journal WHERE entity = ?1 AND record = ?2 AND op = ?3
             ORDER BY seq DESC LIMIT 1",
        )?
        .query_row(
            [Entity::DeskKey.code(), desk, Op::DeskKeyTrusted.code()],
            |r| super::super::journal::field_at(r, 0),
        )
        .optional()?;
    Ok(after
        .and_then(|a| serde_json::from_str::<Value>(&a).ok())
        .and_then(|v| v.get("key").and_then(Value::as_str).map(str::to_owned)))
}

/// The key a desk's packages are to be signed with here (None: never merged here): the key
/// an administrator last accepted, else the key of its first package.
pub(super) fn known_key(conn: &Connection, desk: &str) -> Result<Option<String>> {
    if let Some(k) = trusted_key(conn, desk)? {
        return Ok(Some(k));
    }
    Ok(conn
        .prepare_cached(
            "SELECT desk_key FROM merge_origins WHERE desk = ?1 ORDER BY rowid LIMIT 1",
        )?
        .query_row([desk], |r| r.get(0))
        .optional()?)
}

impl super::super::Store {
    /// This desk's own signing key (hex): what it tells a desk that merges its packages.
    pub fn desk_public_key(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT public FROM desk_keys ORDER BY rowid DESC LIMIT 1")?
            .query_row([], |r| r.get(0))
            .optional()?)
    }

    /// The desks merged into this book, by code.
    pub fn merged_desks(&self) -> Result<Vec<MergedDesk>> {
        let conn = &self.conn;
        let counts: Vec<(String, i64)> = conn
            .prepare("SELECT desk, count(*) FROM merge_origins GROUP BY desk ORDER BY desk")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(counts.len());
        for (desk, records) in counts {
            let trusted = trusted_key(conn, &desk)?;
            let key = match &trusted {
                Some(k) => k.clone(),
                None => known_key(conn, &desk)?.unwrap_or_default(),
            };
            // Its merges: the import entries that name it (newest first; their fields are
            // stored compressed, so they are read here, not in SQL).
            let mut last: Option<(String, Value)> = None;
            {
                let mut stmt = conn.prepare_cached(
                    "SELECT at, after FROM journal WHERE entity = ?1 AND op = ?2
                     ORDER BY seq DESC",
                )?;
                let mut rows = stmt.query([Entity::Book.code(), Op::Import.code()])?;
                while let Some(r) = rows.next()? {
                    let after = super::super::journal::field_at(r, 1)?;
                    let Ok(v) = serde_json::from_str::<Value>(&after) else {
                        continue;
                    };
                    if v.get("desk").and_then(Value::as_str) == Some(desk.as_str()) {
                        last = Some((r.get(0)?, v));
                        break;
                    }
                }
            }
            let unit = last
                .as_ref()
                .and_then(|(_, v)| v.get("unit").and_then(Value::as_str).map(str::to_owned))
                .unwrap_or_default();
            out.push(MergedDesk {
                desk,
                unit,
                key,
                trusted: trusted.is_some(),
                records: records as u64,
                last_merge: last.map(|(at, _)| at),
            });
        }
        Ok(out)
    }
}

impl Writer<'_> {
    /// Accept `key` (as the administrator typed it, see [`typed_key`]) as the key of `desk`,
    /// a desk merged here before whose key was replaced: its packages signed with it are
    /// merged from now on, those with the old one refused. Journaled; nothing when the desk
    /// is already known by that key.
    pub fn trust_desk_key(&mut self, desk: &str, key: &str) -> Result<bool> {
        self.permit(Permission::BulkLoad)?;
        let desk = crate::domain::text::nfc(desk.trim());
        let key = typed_key(key).ok_or_else(|| StoreError::Invalid(format!("key {key}")))?;
        let Some(before) = known_key(self.conn(), &desk)? else {
            return Err(StoreError::NotFound("desk"));
        };
        if before == key {
            return Ok(false);
        }
        self.fact(
            Op::DeskKeyTrusted,
            Entity::DeskKey,
            &desk,
            rows::facts([
                ("key", Value::String(key)),
                ("previous", Value::String(before)),
            ]),
        )?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::typed_key;

    #[test]
    fn a_key_is_read_as_typed_or_refused() {
        let k = "ab".repeat(32);
        assert_eq!(typed_key(&k), Some(k.clone()));
        assert_eq!(typed_key(&k.to_uppercase()), Some(k.clone()));
        let spaced: Vec<String> = k
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8(c.to_vec()).unwrap())
            .collect();
        assert_eq!(typed_key(&spaced.join(" ")), Some(k.clone()));
        assert_eq!(typed_key(&spaced.join(":")), Some(k.clone()));
        assert_eq!(typed_key(&k[..62]), None);
        assert_eq!(typed_key(&format!("{}zz", &k[..62])), None);
        assert_eq!(typed_key(""), None);
    }
}
