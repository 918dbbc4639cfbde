//! Which citizen a typed identity is: the side (open or sealed) a match keeps to, the holder
//! of an ID number (in the clear, or by the blind index for a sealed record), a citizen's
//! identity as stored, the blind index filled where it was missing.

use rusqlite::{Connection, OptionalExtension, params};

use super::MatchedBy;
use crate::domain::identity::{Context, Particulars, Person, Record, SealedIdentity};
use crate::domain::text::fold;
use crate::store::{Result, StoreError, rows};

/// Which records a match may find (Luật Tố cáo Art 8(3)): a denunciation keeps to the sealed
/// records, anything else to the open ones, so one person who both complains and denounces
/// is two records — the open one never linked in the clear to a denunciation. The form's
/// recognition as the officer types looks at both (open first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Side {
    Open,
    Sealed,
    Either,
}

impl Side {
    /// The side a record of this kind keeps to.
    pub(in crate::store) fn of(denouncer: bool) -> Side {
        if denouncer { Side::Sealed } else { Side::Open }
    }

    /// SQL's `(sealed IS NOT NULL)` wanted, or NULL for either.
    fn sealed(self) -> Option<bool> {
        match self {
            Side::Open => Some(false),
            Side::Sealed => Some(true),
            Side::Either => None,
        }
    }
}

/// Whether a citizen's record is sealed (a denouncer's).
pub(in crate::store) fn is_sealed(conn: &Connection, id: i64) -> Result<bool> {
    conn.prepare_cached("SELECT sealed IS NOT NULL FROM citizens WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("citizen"))
}

/// The citizen who holds an ID number on `side`, as far as the desk may tell: among the live
/// citizens with this number, the one with the typed name, else the first open one who has
/// come for anything (a sealed record under another name is not offered to an open match:
/// asking "is this the same person?" would tell the officer that a denouncer holds this
/// number). On the sealed side the number alone is the person (one ID number, one citizen).
fn holder_for(
    conn: &Connection,
    blind: Option<&[u8; 32]>,
    id_number: &str,
    typed_name: &str,
    side: Side,
) -> Result<Option<i64>> {
    let holders: Vec<(i64, String, bool)> = conn
        .prepare_cached(
            "SELECT id, name_folded, sealed IS NOT NULL FROM citizens
             WHERE (id_number = ?1 OR blind_id = ?2) AND deleted_at IS NULL
               AND (?3 IS NULL OR (sealed IS NOT NULL) = ?3)
             ORDER BY sealed IS NOT NULL, id",
        )?
        .query_map(
            params![
                id_number,
                blind.map(|b| rows::blind_id(b, id_number)),
                side.sealed()
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let typed = fold(&crate::domain::text::clean_line(typed_name));
    let typed_blind = blind.map(|b| rows::blind_name(b, typed_name));
    if let Some((id, _, _)) = holders.iter().find(|(_, n, _)| {
        !typed.is_empty() && (*n == typed || typed_blind.as_deref() == Some(n.as_str()))
    }) {
        return Ok(Some(*id));
    }
    if side == Side::Sealed {
        return Ok(holders.first().map(|h| h.0));
    }
    for (id, _, sealed) in &holders {
        if !sealed && crate::store::lookup::exposed(conn, *id)? {
            return Ok(Some(*id));
        }
    }
    Ok(None)
}

/// The citizen a visit's typed identity is, by its ID number or its name and phone, on
/// `side`: in the clear for an open citizen, by the blind index for a sealed one (when
/// `blind`, the session's blind-index key, is held).
pub(in crate::store) fn find_id(
    conn: &Connection,
    blind: Option<&[u8; 32]>,
    id_number: Option<&str>,
    full_name: &str,
    phone: Option<&str>,
    side: Side,
) -> Result<Option<(i64, MatchedBy)>> {
    if let Some(idn) = id_number
        && let Some(id) = holder_for(conn, blind, idn, full_name, side)?
    {
        return Ok(Some((id, MatchedBy::IdNumber)));
    }
    if let Some(ph) = phone
        && !full_name.trim().is_empty()
    {
        let hit: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM citizens
                 WHERE ((name_folded = ?1 AND phone = ?2) OR blind_name_phone = ?3)
                   AND deleted_at IS NULL AND (?4 IS NULL OR (sealed IS NOT NULL) = ?4)
                 ORDER BY sealed IS NOT NULL, id LIMIT 1",
            )?
            .query_row(
                params![
                    fold(full_name.trim()),
                    ph,
                    blind.map(|b| rows::blind_name_phone(b, full_name, ph)),
                    side.sealed()
                ],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = hit {
            return Ok(Some((id, MatchedBy::NameAndPhone)));
        }
    }
    Ok(None)
}

/// The identity of a citizen seen on their own (not through one record): open when they
/// appear in anything but denunciations, else a denouncer under their newest denunciation's
/// code.
pub(super) fn person_of(
    conn: &Connection,
    id: i64,
    name: String,
    particulars: Particulars,
    sealed: Option<Vec<u8>>,
) -> Result<Person> {
    if crate::store::lookup::exposed(conn, id)? {
        return Ok(Person::open(name).with(particulars).sealed(sealed));
    }
    let (record, code): (Option<String>, Option<String>) = conn
        .prepare_cached(
            "SELECT (SELECT uid FROM visits WHERE citizen_id = ?1 ORDER BY id DESC LIMIT 1),
                    (SELECT code FROM cases WHERE citizen_id = ?1 AND case_type = 'to_cao'
                       ORDER BY id DESC LIMIT 1)",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(Person::of(
        name,
        Context::Denunciation {
            record: Record::Visit(record.unwrap_or_default()),
            code,
            disclosed: false,
        },
    )
    .with(particulars)
    .sealed(sealed))
}

/// The citizen who holds this ID number for a visit of `typed_name` (see `holder_for`).
pub(in crate::store) fn holder_of(
    conn: &Connection,
    blind: Option<&[u8; 32]>,
    id_number: &str,
    typed_name: &str,
    side: Side,
) -> Result<Option<i64>> {
    holder_for(conn, blind, id_number, typed_name, side)
}

pub(in crate::store) fn version_of(conn: &Connection, id: i64) -> Result<i64> {
    conn.prepare_cached("SELECT version FROM citizens WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("citizen"))
}

/// A citizen's name and particulars as stored: (uid, name, version, particulars, sealed).
type Stored = (String, String, i64, Particulars, Option<Vec<u8>>);

pub(super) fn stored(conn: &Connection, id: i64) -> Result<Option<Stored>> {
    Ok(conn
        .prepare_cached(
            "SELECT uid, full_name, version, id_kind, id_number, phone, address, birth_year,
                    sealed
             FROM citizens WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                Particulars {
                    id_kind: r.get(3)?,
                    id_number: r.get(4)?,
                    phone: r.get(5)?,
                    address: r.get(6)?,
                    birth_year: r.get(7)?,
                    representatives: Vec::new(),
                },
                r.get(8)?,
            ))
        })
        .optional()?)
}

/// The blind index of the sealed citizens whose index could not be computed when they were
/// sealed (the session held no blind key), filled by a session that holds it and can open
/// them. Returns how many were filled.
pub(in crate::store) fn fill_blind(
    conn: &Connection,
    keys: &crate::store::keys::Keys,
) -> Result<()> {
    let Some(b) = keys.blind() else {
        return Ok(());
    };
    let wanting: Vec<(i64, Vec<u8>)> = conn
        .prepare_cached(
            "SELECT id, sealed FROM citizens WHERE sealed IS NOT NULL AND name_folded = ''",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, sealed) in wanting {
        let Some(plain) = keys.open(&sealed) else {
            continue;
        };
        let Ok(who) = serde_json::from_slice::<SealedIdentity>(&plain) else {
            continue;
        };
        rows::set_blind(conn, id, b, &who)?;
    }
    Ok(())
}
