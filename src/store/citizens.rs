//! Citizens: a person who comes back is the same citizen, recognized by ID number, or by
//! name and phone together.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, audit, new_uid, now_stamp};
use crate::domain::ident::{IdNumber, Phone};
use crate::domain::text::fold;
use crate::domain::visit::ValidVisit;

/// How a known citizen was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    IdNumber,
    NameAndPhone,
}

/// A known citizen matching what is being typed, with their visit history summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenMatch {
    pub id: i64,
    pub uid: String,
    pub full_name: String,
    pub visits: u32,
    pub last_visit: Option<NaiveDate>,
    pub matched_by: MatchedBy,
}

/// A citizen as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenRecord {
    pub id: i64,
    pub uid: String,
    pub full_name: String,
    pub id_kind: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: String,
}

fn find_id(
    conn: &Connection,
    id_number: Option<&str>,
    full_name: &str,
    phone: Option<&str>,
) -> Result<Option<(i64, MatchedBy)>> {
    if let Some(idn) = id_number {
        let hit: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM citizens WHERE id_number = ?1 AND deleted_at IS NULL
                 ORDER BY id LIMIT 1",
            )?
            .query_row([idn], |r| r.get(0))
            .optional()?;
        if let Some(id) = hit {
            return Ok(Some((id, MatchedBy::IdNumber)));
        }
    }
    if let Some(ph) = phone
        && !full_name.trim().is_empty()
    {
        let hit: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM citizens WHERE name_folded = ?1 AND phone = ?2
                 AND deleted_at IS NULL ORDER BY id LIMIT 1",
            )?
            .query_row(params![fold(full_name.trim()), ph], |r| r.get(0))
            .optional()?;
        if let Some(id) = hit {
            return Ok(Some((id, MatchedBy::NameAndPhone)));
        }
    }
    Ok(None)
}

impl Store {
    /// A known citizen with this ID number, or this name and phone together.
    /// `id_number` and `phone` are canonical (see `domain::ident`).
    pub fn find_citizen(
        &self,
        id_number: Option<&str>,
        full_name: &str,
        phone: Option<&str>,
    ) -> Result<Option<CitizenMatch>> {
        let Some((id, matched_by)) = find_id(&self.conn, id_number, full_name, phone)? else {
            return Ok(None);
        };
        let (uid, full_name, visits, last): (String, String, u32, Option<NaiveDate>) = self
            .conn
            .prepare_cached(
                "SELECT c.uid, c.full_name,
                        (SELECT count(*) FROM visits v WHERE v.citizen_id = c.id AND v.deleted_at IS NULL),
                        (SELECT max(day) FROM visits v WHERE v.citizen_id = c.id AND v.deleted_at IS NULL)
                 FROM citizens c WHERE c.id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(Some(CitizenMatch {
            id,
            uid,
            full_name,
            visits,
            last_visit: last,
            matched_by,
        }))
    }

    pub fn citizen(&self, id: i64) -> Result<Option<CitizenRecord>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, uid, full_name, id_kind, id_number, phone, address FROM citizens WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok(CitizenRecord {
                    id: r.get(0)?,
                    uid: r.get(1)?,
                    full_name: r.get(2)?,
                    id_kind: r.get(3)?,
                    id_number: r.get(4)?,
                    phone: r.get(5)?,
                    address: r.get(6)?,
                })
            })
            .optional()?)
    }

    /// Number of citizens not marked deleted.
    pub fn citizen_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM citizens WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}

/// Who a visit or a written petition is from, normalized (NFC, canonical ID and phone).
#[derive(Debug, Clone, Copy)]
pub struct CitizenInput<'a> {
    pub full_name: &'a str,
    pub id_number: Option<&'a IdNumber>,
    pub phone: Option<&'a Phone>,
    pub address: &'a str,
}

/// Find the visit's citizen (or use `known`), insert or update them; returns the citizen id.
/// Runs inside the caller's transaction.
pub(super) fn upsert_for_visit(
    conn: &Connection,
    officer_id: i64,
    known: Option<i64>,
    v: &ValidVisit,
) -> Result<i64> {
    let input = CitizenInput {
        full_name: &v.full_name,
        id_number: v.id_number.as_ref(),
        phone: v.phone.as_ref(),
        address: &v.address,
    };
    upsert(conn, officer_id, known, &input)
}

/// Find the citizen (or use `known`), insert or update them; returns the citizen id.
/// Runs inside the caller's transaction.
pub(super) fn upsert(
    conn: &Connection,
    officer_id: i64,
    known: Option<i64>,
    v: &CitizenInput,
) -> Result<i64> {
    let idn = v.id_number.map(|i| i.value.as_str());
    let phone = v.phone.map(|p| p.value.as_str());
    let existing = match known {
        Some(id) => Some(id),
        None => find_id(conn, idn, v.full_name, phone)?.map(|(id, _)| id),
    };
    let now = now_stamp();
    match existing {
        Some(id) => {
            let before = audit::row_json(conn, "citizens", id)?
                .ok_or(super::StoreError::NotFound("citizen"))?;
            // "Tran Van Duc" typed for a known "Trần Văn Đức": keep the accented name.
            let known_name = before["full_name"].as_str().unwrap_or_default();
            let name = if v.full_name.is_ascii()
                && !known_name.is_ascii()
                && fold(v.full_name) == fold(known_name)
            {
                known_name.to_owned()
            } else {
                v.full_name.to_owned()
            };
            // Keep what we knew when the visit leaves a field empty.
            conn.prepare_cached(
                "UPDATE citizens SET full_name = ?2, name_folded = ?3,
                     id_kind = coalesce(?4, id_kind), id_number = coalesce(?5, id_number),
                     phone = coalesce(?6, phone),
                     address = CASE WHEN ?7 = '' THEN address ELSE ?7 END
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                name,
                fold(&name),
                v.id_number.map(|i| i.kind.code()),
                idn,
                phone,
                v.address,
            ])?;
            let after = audit::row_json(conn, "citizens", id)?;
            if after.as_ref() != Some(&before) {
                conn.prepare_cached("UPDATE citizens SET updated_at = ?2 WHERE id = ?1")?
                    .execute(params![id, now])?;
                let after = audit::row_json(conn, "citizens", id)?;
                let uid = before["uid"].as_str().unwrap_or_default().to_owned();
                audit::record(
                    conn,
                    Some(officer_id),
                    "update",
                    "citizens",
                    &uid,
                    Some(&before),
                    after.as_ref(),
                )?;
            }
            Ok(id)
        }
        None => {
            let uid = new_uid();
            conn.prepare_cached(
                "INSERT INTO citizens (uid, full_name, name_folded, id_kind, id_number, phone,
                                       address, created_at, created_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8)",
            )?
            .execute(params![
                uid,
                v.full_name,
                fold(v.full_name),
                v.id_number.map(|i| i.kind.code()),
                idn,
                phone,
                v.address,
                now,
                officer_id,
            ])?;
            let id = conn.last_insert_rowid();
            let after = audit::row_json(conn, "citizens", id)?;
            audit::record(
                conn,
                Some(officer_id),
                "insert",
                "citizens",
                &uid,
                None,
                after.as_ref(),
            )?;
            Ok(id)
        }
    }
}

/// How a match is described to the officer.
pub fn citizens_matched_by_label(m: MatchedBy, lang: crate::i18n::Lang) -> &'static str {
    match m {
        MatchedBy::IdNumber => crate::i18n::Msg::MatchedById.t(lang),
        MatchedBy::NameAndPhone => crate::i18n::Msg::MatchedByNamePhone.t(lang),
    }
}
