//! Denunciations apart from open records (issue 26; Luật Tố cáo Art 8(3)): what an upgrade
//! and the end of a bulk load do to a book whose denouncers stand in the clear — a citizen
//! who only denounced is sealed in place; a citizen on record as a petitioner who also
//! denounced keeps their open record, and their denunciations move to a sealed record of
//! their own; a group denunciation's representatives are sealed. The desk never makes such
//! a book (`citizens::upsert` keeps each kind to its side); old books and loads may hold one.

use rusqlite::OptionalExtension;

use super::rows;
use super::write::Sql;
use super::{Result, StoreError};
use crate::domain::identity::SealedIdentity;

/// At the upgrade that brought sealing: every citizen who is only a denouncer (a
/// denunciation, and nothing open) sealed, with an entry each. Returns how many.
pub(super) fn seal_existing(sql: &Sql) -> Result<usize> {
    let ids: Vec<i64> = sql
        .prepare_cached(
            "SELECT c.id FROM citizens c WHERE c.sealed IS NULL
               AND (EXISTS (SELECT 1 FROM visits v WHERE v.citizen_id = c.id
                            AND v.petition_type = 'to_cao')
                 OR EXISTS (SELECT 1 FROM cases k WHERE k.citizen_id = c.id
                            AND k.case_type = 'to_cao'))
             ORDER BY c.id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut n = 0;
    for id in ids {
        if super::lookup::exposed(sql.conn(), id)? {
            continue;
        }
        let (version, who): (i64, SealedIdentity) = sql.query_row(
            "SELECT version, full_name, id_kind, id_number, phone, address, birth_year, sex
             FROM citizens WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    SealedIdentity {
                        name: r.get(1)?,
                        id_kind: r.get(2)?,
                        id_number: r.get(3)?,
                        phone: r.get(4)?,
                        address: r.get(5)?,
                        birth_year: r.get(6)?,
                        sex: r.get(7)?,
                    },
                ))
            },
        )?;
        rows::reseal_citizen(sql, id, version, &who, |_| {
            StoreError::Invalid("citizen changed during the upgrade".into())
        })?;
        n += 1;
    }
    Ok(n)
}

/// At the upgrade that keeps denunciations apart (and at the end of a bulk load): every open
/// citizen who also has denunciations gets a sealed record of their own — their identity
/// sealed as a new denouncer's — and their denunciations (visits and cases) move to it,
/// each move journaled without the record it left. Returns how many citizens were split.
pub(super) fn split_existing(sql: &Sql) -> Result<usize> {
    let ids: Vec<i64> = sql
        .prepare_cached(
            "SELECT c.id FROM citizens c WHERE c.sealed IS NULL
               AND (EXISTS (SELECT 1 FROM visits v WHERE v.citizen_id = c.id
                            AND v.petition_type = 'to_cao')
                 OR EXISTS (SELECT 1 FROM cases k WHERE k.citizen_id = c.id
                            AND k.case_type = 'to_cao'))
             ORDER BY c.id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &id in &ids {
        // The same twin a bulk load makes (its uid derived from the citizen's).
        let twin = twin_of(sql, id, true)?;
        let visits: Vec<i64> = sql
            .prepare_cached(
                "SELECT id FROM visits WHERE citizen_id = ?1 AND petition_type = 'to_cao'
                 ORDER BY id",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for v in visits {
            rows::rehome_visit(sql, v, twin)?;
        }
        let cases: Vec<i64> = sql
            .prepare_cached(
                "SELECT id FROM cases WHERE citizen_id = ?1 AND case_type = 'to_cao' ORDER BY id",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for k in cases {
            rows::rehome_case(sql, k, twin)?;
        }
    }
    Ok(ids.len())
}

/// At the upgrade that keeps denunciations apart: the representatives of every group
/// denunciation stored in the clear sealed. Returns how many visits.
pub(super) fn seal_representatives(sql: &Sql) -> Result<usize> {
    let ids: Vec<i64> = sql
        .prepare_cached(
            "SELECT id FROM visits WHERE petition_type = 'to_cao' AND representatives != '[]'
               AND sealed_representatives IS NULL ORDER BY id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut n = 0;
    for id in ids {
        n += usize::from(rows::seal_representatives(sql, id)?);
    }
    Ok(n)
}

/// The end of a bulk load: a denunciation resting on an open citizen's record refuses the
/// load (the records' entries already name the citizen: a later move would leave the link
/// in the journal). A load keeps each kind to its own citizen record, as the desk does.
pub(super) fn refuse_mixed(sql: &Sql) -> Result<()> {
    let uid: Option<String> = sql
        .prepare_cached(
            "SELECT v.uid FROM visits v JOIN citizens c ON c.id = v.citizen_id
             WHERE v.petition_type = 'to_cao' AND c.sealed IS NULL
             UNION ALL
             SELECT k.uid FROM cases k JOIN citizens c ON c.id = k.citizen_id
             WHERE k.case_type = 'to_cao' AND c.sealed IS NULL
             LIMIT 1",
        )?
        .query_row([], |r| r.get(0))
        .optional()?;
    match uid {
        Some(uid) => Err(StoreError::Invalid(format!(
            "{uid}: a denunciation on an open citizen's record (a load keeps them apart)"
        ))),
        None => Ok(()),
    }
}

/// The side each citizen of a bulk load keeps to — decided by their first record (or by
/// what the book held before the load) — and the twin records made for the other side.
#[derive(Debug, Default)]
pub(in crate::store) struct Sides {
    /// citizen row id → keeps to denunciations (true) or to other kinds (false); absent: no
    /// record yet (a citizen the load made) or not looked up yet (one the book held).
    side: std::collections::HashMap<i64, bool>,
    /// Citizens the load made, with no record yet.
    fresh: std::collections::HashSet<i64>,
    /// (citizen, side) → the twin record of that side.
    twins: std::collections::HashMap<(i64, bool), i64>,
}

impl Sides {
    /// A citizen the load made (sealed already when `denouncer`).
    pub(in crate::store) fn made(&mut self, id: i64, denouncer: bool) {
        if denouncer {
            self.side.insert(id, true);
        } else {
            self.fresh.insert(id);
        }
    }
}

impl super::Bulk<'_> {
    /// The record of citizen `id` a record of this kind rests on (Luật Tố cáo Art 8(3)): the
    /// citizen's own, when it keeps to that side (or has no record yet, and takes it now);
    /// else their twin of the other side, made once — the identity copied, sealed for a
    /// denunciation, with a uid derived from theirs (so an import made twice makes it once).
    pub(in crate::store) fn citizen_on_side(&mut self, id: i64, denunciation: bool) -> Result<i64> {
        let side = match self.sides.side.get(&id) {
            Some(&s) => s,
            None if self.sides.fresh.remove(&id) => {
                self.sides.side.insert(id, denunciation);
                denunciation
            }
            None => {
                let s = side_in_book(self.conn(), id)?.unwrap_or(denunciation);
                self.sides.side.insert(id, s);
                s
            }
        };
        if side == denunciation {
            return Ok(id);
        }
        if let Some(&twin) = self.sides.twins.get(&(id, denunciation)) {
            return Ok(twin);
        }
        let twin = twin_of(self.sql(), id, denunciation)?;
        self.sides.twins.insert((id, denunciation), twin);
        self.sides.side.insert(twin, denunciation);
        self.count("citizens");
        Ok(twin)
    }
}

/// The side a citizen the book held keeps to: sealed, or by their records (None: none yet).
fn side_in_book(conn: &rusqlite::Connection, id: i64) -> Result<Option<bool>> {
    conn.prepare_cached(
        "SELECT CASE WHEN sealed IS NOT NULL THEN 1
                    WHEN EXISTS (SELECT 1 FROM visits v WHERE v.citizen_id = c.id
                                 AND v.petition_type != 'to_cao') THEN 0
                    WHEN EXISTS (SELECT 1 FROM cases k WHERE k.citizen_id = c.id
                                 AND k.case_type != 'to_cao') THEN 0
                    WHEN EXISTS (SELECT 1 FROM visits v WHERE v.citizen_id = c.id) THEN 1
                    WHEN EXISTS (SELECT 1 FROM cases k WHERE k.citizen_id = c.id) THEN 1
                    END
             FROM citizens c WHERE c.id = ?1",
    )?
    .query_row([id], |r| r.get::<_, Option<bool>>(0))
    .optional()?
    .ok_or(StoreError::NotFound("citizen"))
}

/// A twin of citizen `id` on the other side (see [`super::Bulk::citizen_on_side`]). An
/// open twin of a sealed citizen cannot be made (the load holds no key to read them).
fn twin_of(sql: &Sql, id: i64, denouncer: bool) -> Result<i64> {
    type Row = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<i32>,
        Option<String>,
        String,
        Option<i64>,
        bool,
    );
    let (uid, name, kind, number, phone, address, birth_year, sex, at, by, sealed): Row = sql
        .query_row(
            "SELECT uid, full_name, id_kind, id_number, phone, address, birth_year, sex,
                    created_at, created_by, sealed IS NOT NULL
             FROM citizens WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ))
            },
        )?;
    if sealed {
        return Err(StoreError::Invalid(format!(
            "citizen {uid}: a denouncer's sealed record cannot be copied to an open one"
        )));
    }
    let twin_uid = uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_OID,
        format!("{uid}/{}", if denouncer { "to_cao" } else { "open" }).as_bytes(),
    )
    .to_string();
    if let Some(known) = sql
        .prepare_cached("SELECT id FROM citizens WHERE uid = ?1")?
        .query_row([&twin_uid], |r| r.get(0))
        .optional()?
    {
        return Ok(known);
    }
    rows::insert_citizen(
        sql,
        &rows::NewCitizen {
            uid: &twin_uid,
            full_name: &name,
            id_kind: kind.as_deref(),
            id_number: number.as_deref(),
            phone: phone.as_deref(),
            address: &address,
            birth_year,
            sex: sex.as_deref(),
            created_at: &at,
            created_by: by,
            denouncer,
        },
    )
}

/// A rotation of the unit key: every sealed value the transaction's keys open sealed again
/// (to the new unit key, and to the officer who received it): citizens (journaled),
/// a group denunciation's representatives (journaled), drafts. Returns (sealed again, not
/// opened).
pub(super) fn reseal_all(sql: &Sql) -> Result<(usize, usize)> {
    let (mut done, mut unopened) = (0, 0);
    let citizens: Vec<(i64, i64, Option<i64>, Vec<u8>)> = sql
        .prepare_cached(
            "SELECT id, version, created_by, sealed FROM citizens WHERE sealed IS NOT NULL
             ORDER BY id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, version, by, sealed) in citizens {
        let Some(who) = sql
            .keys()
            .open(&sealed)
            .and_then(|p| serde_json::from_slice::<SealedIdentity>(&p).ok())
        else {
            unopened += 1;
            continue;
        };
        sql.receive_as(by);
        rows::reseal_citizen(sql, id, version, &who, |_| {
            StoreError::Invalid("citizen changed during the rotation".into())
        })?;
        done += 1;
    }
    let visits: Vec<(i64, i64, Vec<u8>)> = sql
        .prepare_cached(
            "SELECT id, officer_id, sealed_representatives FROM visits
             WHERE sealed_representatives IS NOT NULL ORDER BY id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, officer, sealed) in visits {
        let Some(names) = sql
            .keys()
            .open(&sealed)
            .and_then(|p| serde_json::from_slice::<Vec<String>>(&p).ok())
        else {
            unopened += 1;
            continue;
        };
        sql.receive_as(Some(officer));
        rows::reseal_representatives(sql, id, &names)?;
        done += 1;
    }
    sql.receive_as(None);
    let (d, u) = super::drafts::reseal_all(sql)?;
    Ok((done + d, unopened + u))
}
