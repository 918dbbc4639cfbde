//! How the book stores an entry (migration 0034): its fields compressed, its digests as
//! bytes. What the chain hashes is unchanged — the entry's canonical JSON — and every reader
//! gets it back byte for byte (`unpack`), so `check`, the packages and the hub see the same
//! entries as before.
//!
//! - `before`, `after`: a BLOB. One that begins with `{` is the canonical JSON itself (short
//!   fields, where compressing saves nothing); one that begins with the byte 1 is that JSON
//!   as a zstd frame made with the dictionary `assets/journal-fields.dict` (trained once on
//!   the fields of a demo book of another seed, and never changed: a new dictionary would
//!   take the byte 2).
//! - `state`, `hash`: the 32 bytes of the SHA-256, not its 64 hex digits.

use std::cell::RefCell;

/// The dictionary of the byte 1 (16 KiB, zstd's own format).
const DICTIONARY: &[u8] = include_bytes!("../../../assets/journal-fields.dict");

/// The first byte of a field compressed with [`DICTIONARY`].
const ZSTD_DICT_1: u8 = 1;

/// zstd's level: 3 (its default) compresses an entry in a few µs; higher levels gain ~1%.
const LEVEL: i32 = 3;

thread_local! {
    static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> =
        const { RefCell::new(None) };
    static DECOMPRESSOR: RefCell<Option<zstd::bulk::Decompressor<'static>>> =
        const { RefCell::new(None) };
}

/// The stored form of a field's canonical JSON.
pub fn pack(json: &str) -> Vec<u8> {
    let bytes = json.as_bytes();
    if bytes.len() > 16 {
        let compressed = COMPRESSOR.with(|c| {
            let mut c = c.borrow_mut();
            if c.is_none() {
                let mut made = zstd::bulk::Compressor::with_dictionary(LEVEL, DICTIONARY).ok()?;
                made.include_dictid(false).ok()?;
                made.include_checksum(false).ok()?;
                made.include_contentsize(true).ok()?;
                *c = Some(made);
            }
            c.as_mut()?.compress(bytes).ok()
        });
        if let Some(z) = compressed.filter(|z| z.len() + 1 < bytes.len()) {
            let mut out = Vec::with_capacity(z.len() + 1);
            out.push(ZSTD_DICT_1);
            out.extend_from_slice(&z);
            return out;
        }
    }
    bytes.to_vec()
}

/// Why a stored field could not be read back.
#[derive(Debug)]
pub struct Unreadable(&'static str);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a journal field cannot be read: {}", self.0)
    }
}

impl std::error::Error for Unreadable {}

/// The canonical JSON of a stored field.
pub fn unpack(stored: &[u8]) -> Result<String, Unreadable> {
    let bytes = match stored.first() {
        Some(&ZSTD_DICT_1) => {
            let frame = &stored[1..];
            let size = zstd::zstd_safe::get_frame_content_size(frame)
                .ok()
                .flatten()
                .ok_or(Unreadable("no size"))?;
            if size > 64 << 20 {
                return Err(Unreadable("too large"));
            }
            DECOMPRESSOR.with(|d| {
                let mut d = d.borrow_mut();
                if d.is_none() {
                    *d = Some(
                        zstd::bulk::Decompressor::with_dictionary(DICTIONARY)
                            .map_err(|_| Unreadable("no dictionary"))?,
                    );
                }
                d.as_mut()
                    .ok_or(Unreadable("no dictionary"))?
                    .decompress(frame, size as usize)
                    .map_err(|_| Unreadable("a broken frame"))
            })?
        }
        Some(b'{') => stored.to_vec(),
        _ => return Err(Unreadable("an unknown form")),
    };
    String::from_utf8(bytes).map_err(|_| Unreadable("not UTF-8"))
}

/// A digest as stored (32 bytes) from its hex; None if it is not 64 hex digits.
pub fn digest_bytes(hex: &str) -> Option<Vec<u8>> {
    crate::domain::journal::hash_from_hex(hex).map(|h| h.to_vec())
}

/// A stored field or digest as text, for a reader of the raw table (tests that look for a
/// name in every row): a field's JSON, a digest's hex; None for any other blob.
pub fn stored_text(stored: &[u8]) -> Option<String> {
    unpack(stored)
        .ok()
        .or_else(|| (stored.len() == 32).then(|| crate::domain::journal::hex(stored)))
}

/// A column of a journal row read as a field's JSON (TEXT: a book before 0034, as it was).
pub(in crate::store) fn field_at(r: &rusqlite::Row, i: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    match r.get_ref(i)? {
        ValueRef::Blob(b) => unpack(b).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Blob, e.into())
        }),
        _ => r.get(i),
    }
}

/// A column of a journal row read as a digest's hex (None: NULL).
pub(in crate::store) fn digest_at(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<String>> {
    use rusqlite::types::ValueRef;
    match r.get_ref(i)? {
        ValueRef::Blob(b) => Ok(Some(crate::domain::journal::hex(b))),
        _ => r.get(i),
    }
}

/// The upgrade to 0034: every entry of the journal as it was (`journal_0023`, renamed by the
/// migration) copied in order into the new table, packed, and the old table dropped.
/// Returns how many entries were copied. A field or digest that is already packed (a book
/// whose version was set back by a test) is copied as it is; a digest that is not hex (an
/// edited book) becomes 32 zero bytes, so `check` still finds the chain broken there.
pub(in crate::store) fn compact_old(conn: &rusqlite::Connection) -> rusqlite::Result<u64> {
    use rusqlite::types::{Value, ValueRef};
    let digest = |v: ValueRef| -> Option<Vec<u8>> {
        match v {
            ValueRef::Null => None,
            ValueRef::Blob(b) => Some(b.to_vec()),
            ValueRef::Text(t) => Some(
                std::str::from_utf8(t)
                    .ok()
                    .and_then(digest_bytes)
                    .unwrap_or_else(|| vec![0; 32]),
            ),
            ValueRef::Integer(_) | ValueRef::Real(_) => Some(vec![0; 32]),
        }
    };
    let field = |v: ValueRef| -> Vec<u8> {
        match v {
            ValueRef::Blob(b) => b.to_vec(),
            ValueRef::Text(t) => pack(&String::from_utf8_lossy(t)),
            _ => b"{}".to_vec(),
        }
    };
    let mut n = 0;
    {
        let mut read = conn.prepare(
            "SELECT seq, at, officer, desk, op, entity, record, v_before, v_after,
                    before, after, state, hash
             FROM journal_0023 ORDER BY seq",
        )?;
        let mut write = conn.prepare(
            "INSERT INTO journal (seq, at, officer, desk, op, entity, record, v_before,
                                  v_after, before, after, state, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut rows = read.query([])?;
        while let Some(r) = rows.next()? {
            let same = |i: usize| r.get::<_, Value>(i);
            write.execute(rusqlite::params![
                same(0)?,
                same(1)?,
                same(2)?,
                same(3)?,
                same(4)?,
                same(5)?,
                same(6)?,
                same(7)?,
                same(8)?,
                field(r.get_ref(9)?),
                field(r.get_ref(10)?),
                digest(r.get_ref(11)?),
                digest(r.get_ref(12)?).unwrap_or_else(|| vec![0; 32]),
            ])?;
            n += 1;
        }
    }
    conn.execute_batch("DROP TABLE journal_0023;")?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip_byte_for_byte() {
        let visit = r#"{"citizen":"017f8d42-8020-77f6-a6af-70ec2627646d","content":"Kiến nghị cải chính hộ tịch","day":"2022-04-25","deleted_at":null,"note":"","people":1}"#;
        for json in ["{}", r#"{"a":1}"#, visit, "{\"x\":\"\\u0001é\"}"] {
            let stored = pack(json);
            assert_eq!(unpack(&stored).unwrap(), json);
        }
        // The long one is compressed (well below its length), the short ones are kept.
        let stored = pack(visit);
        assert_eq!(stored[0], ZSTD_DICT_1);
        assert!(
            stored.len() * 2 < visit.len(),
            "{} of {}",
            stored.len(),
            visit.len()
        );
        assert_eq!(pack("{}"), b"{}");
    }

    #[test]
    fn a_broken_field_is_an_error_not_a_panic() {
        let mut stored = pack(&format!("{{\"note\":\"{}\"}}", "ab".repeat(100)));
        let n = stored.len();
        stored.truncate(n - 3);
        assert!(unpack(&stored).is_err());
        assert!(unpack(&[ZSTD_DICT_1]).is_err());
        assert!(unpack(b"").is_err());
        assert!(unpack(&[7, 1, 2]).is_err());
    }

    #[test]
    fn digests_are_stored_as_their_bytes() {
        let hex = "00".repeat(31) + "ff";
        let b = digest_bytes(&hex).unwrap();
        assert_eq!(b.len(), 32);
        assert_eq!(stored_text(&b).unwrap(), hex);
        assert!(digest_bytes("zz").is_none());
    }
}
