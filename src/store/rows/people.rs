//! The row writers of citizens and sessions (their one INSERT each, for the desk and bulk
//! loads alike; a citizen's one UPDATE).

use rusqlite::params;

use super::{CITIZEN, SESSION, Touch};
use crate::domain::journal::Op;
use crate::domain::text::{clean_line, fold};
use crate::store::Result;
use crate::store::write::Sql;

/// A citizen to insert.
pub(in crate::store) struct NewCitizen<'a> {
    pub uid: &'a str,
    pub full_name: &'a str,
    pub id_kind: Option<&'a str>,
    pub id_number: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub address: &'a str,
    pub birth_year: Option<i32>,
    /// "nam" | "nu"
    pub sex: Option<&'a str>,
    pub created_at: &'a str,
    pub created_by: Option<i64>,
    /// Who comes only to denounce: the identity is sealed (`sealed_identity`), never
    /// written in the clear.
    pub denouncer: bool,
}

/// The mark a sealed citizen's name column holds (the column may not be empty).
pub(in crate::store) const SEALED_MARK: &str = "⊘";

/// A sealed citizen's columns: the ciphertext, and the blind index (name, ID, name and
/// phone) when the session holds the blind key.
pub(in crate::store) struct SealedCitizen {
    pub sealed: Vec<u8>,
    pub name_key: String,
    pub blind_id: Option<String>,
    pub blind_name_phone: Option<String>,
}

/// Seal an identity to the unit and the receiving officer (see `keys/`). Refused when the
/// book has no unit key (it always has one after the upgrade that brought sealing).
pub(in crate::store) fn sealed_identity(
    sql: &Sql,
    id: &crate::domain::identity::SealedIdentity,
) -> Result<SealedCitizen> {
    let recipients = sql.recipients()?;
    if recipients.is_empty() {
        return Err(crate::store::StoreError::KeysLocked);
    }
    let blind = sql.keys().blind();
    Ok(SealedCitizen {
        sealed: sql.seal(&id.to_bytes(), &recipients),
        name_key: blind.map(|b| blind_name(b, &id.name)).unwrap_or_default(),
        blind_id: blind
            .zip(id.id_number.as_deref())
            .map(|(b, n)| blind_id(b, n)),
        blind_name_phone: blind
            .zip(id.phone.as_deref())
            .map(|(b, ph)| blind_name_phone(b, &id.name, ph)),
    })
}

/// The blind index of a folded name (in `name_folded` of a sealed citizen).
pub(in crate::store) fn blind_name(key: &[u8; 32], name: &str) -> String {
    format!(
        "b:{}",
        crate::store::seal::blind(key, "name", &fold(&clean_line(name)))
    )
}

/// The blind index of an ID number.
pub(in crate::store) fn blind_id(key: &[u8; 32], id_number: &str) -> String {
    crate::store::seal::blind(key, "id", id_number)
}

/// The blind index of a name and a phone together.
pub(in crate::store) fn blind_name_phone(key: &[u8; 32], name: &str, phone: &str) -> String {
    crate::store::seal::blind(
        key,
        "name+phone",
        &format!("{}\u{1f}{phone}", fold(&clean_line(name))),
    )
}

/// A sealed citizen's blind index, computed now (derived columns, not journaled: like
/// `name_folded`, they are no fact of the record).
pub(in crate::store) fn set_blind(
    conn: &rusqlite::Connection,
    id: i64,
    key: &[u8; 32],
    who: &crate::domain::identity::SealedIdentity,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE citizens SET name_folded = ?2, blind_id = ?3, blind_name_phone = ?4
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        blind_name(key, &who.name),
        who.id_number.as_deref().map(|n| blind_id(key, n)),
        who.phone
            .as_deref()
            .map(|p| blind_name_phone(key, &who.name, p)),
    ])?;
    Ok(())
}

/// Insert a citizen (and its entry); returns the row id.
pub(in crate::store) fn insert_citizen(sql: &Sql, c: &NewCitizen) -> Result<i64> {
    let name = clean_line(c.full_name);
    if name.is_empty() {
        return Err(crate::store::StoreError::Invalid(
            "citizen name is empty".into(),
        ));
    }
    if c.denouncer {
        let s = sealed_identity(
            sql,
            &crate::domain::identity::SealedIdentity {
                name: name.clone(),
                id_kind: c.id_kind.map(str::to_owned),
                id_number: c.id_number.map(str::to_owned),
                phone: c.phone.map(str::to_owned),
                address: clean_line(c.address),
                birth_year: c.birth_year,
                sex: c.sex.map(str::to_owned),
            },
        )?;
        sql.prepare_cached(
            "INSERT INTO citizens (uid, full_name, name_folded, address, created_at, created_by,
                 updated_at, sealed, blind_id, blind_name_phone)
             VALUES (?1, ?2, ?3, '', ?4, ?5, ?4, ?6, ?7, ?8)",
        )?
        .execute(params![
            c.uid,
            SEALED_MARK,
            s.name_key,
            c.created_at,
            c.created_by,
            s.sealed,
            s.blind_id,
            s.blind_name_phone,
        ])?;
    } else {
        sql.prepare_cached(
            "INSERT INTO citizens (uid, full_name, name_folded, id_kind, id_number, phone,
                 address, birth_year, sex, created_at, created_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)",
        )?
        .execute(params![
            c.uid,
            name,
            fold(&name),
            c.id_kind,
            c.id_number,
            c.phone,
            clean_line(c.address),
            c.birth_year,
            c.sex,
            c.created_at,
            c.created_by,
        ])?;
    }
    let id = sql.last_insert_rowid();
    super::created(sql, &CITIZEN, id, Op::Create)?;
    Ok(id)
}

/// What a visit tells of a known citizen: a new name (when corrected), and what it knows
/// that the record does not (an empty input keeps what was recorded).
pub(in crate::store) struct CitizenUpdate<'a> {
    pub full_name: &'a str,
    pub id_kind: Option<&'a str>,
    pub id_number: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub address: &'a str,
}

/// A sealed citizen's identity sealed again (a denunciation that corrects or adds to it),
/// refused with `conflict` when the record is no longer at `expected_version`. Returns
/// whether it changed.
pub(in crate::store) fn reseal_citizen(
    sql: &Sql,
    id: i64,
    expected_version: i64,
    identity: &crate::domain::identity::SealedIdentity,
    conflict: impl FnOnce(Option<String>) -> crate::store::StoreError,
) -> Result<bool> {
    let before = super::read(sql.conn(), &CITIZEN, id)?
        .ok_or(crate::store::StoreError::NotFound("citizen"))?;
    if before.version != Some(expected_version) {
        let changed_at: Option<String> = sql
            .prepare_cached("SELECT updated_at FROM citizens WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        return Err(conflict(changed_at));
    }
    let s = sealed_identity(sql, identity)?;
    sql.prepare_cached(
        "UPDATE citizens SET full_name = ?2, name_folded = ?3, id_kind = NULL,
             id_number = NULL, phone = NULL, address = '', birth_year = NULL, sex = NULL,
             sealed = ?4, blind_id = ?5, blind_name_phone = ?6
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        SEALED_MARK,
        s.name_key,
        s.sealed,
        s.blind_id,
        s.blind_name_phone
    ])?;
    super::changed(sql, &CITIZEN, &before, Op::Update, Touch::IfChanged)
}

/// Update a citizen as a visit tells, refused with `conflict` when it changed anything and
/// the record is no longer at `expected_version`. Returns whether it changed.
pub(in crate::store) fn update_citizen(
    sql: &Sql,
    id: i64,
    expected_version: i64,
    u: &CitizenUpdate,
    conflict: impl FnOnce(Option<String>) -> crate::store::StoreError,
) -> Result<bool> {
    let before = super::read(sql.conn(), &CITIZEN, id)?
        .ok_or(crate::store::StoreError::NotFound("citizen"))?;
    sql.prepare_cached(
        "UPDATE citizens SET full_name = ?2, name_folded = ?3,
             id_kind = coalesce(?4, id_kind), id_number = coalesce(?5, id_number),
             phone = coalesce(?6, phone),
             address = CASE WHEN ?7 = '' THEN address ELSE ?7 END,
             sealed = NULL, blind_id = NULL, blind_name_phone = NULL
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        u.full_name,
        fold(u.full_name),
        u.id_kind,
        u.id_number,
        u.phone,
        u.address,
    ])?;
    let after = super::read(sql.conn(), &CITIZEN, id)?
        .ok_or(crate::store::StoreError::NotFound("citizen"))?;
    if after.values == before.values {
        return Ok(false);
    }
    if before.version != Some(expected_version) {
        let changed_at: Option<String> = sql
            .prepare_cached("SELECT updated_at FROM citizens WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        return Err(conflict(changed_at));
    }
    super::changed(sql, &CITIZEN, &before, Op::Update, Touch::IfChanged)
}

/// A session to insert.
pub(in crate::store) struct NewSession<'a> {
    pub uid: &'a str,
    pub day: chrono::NaiveDate,
    pub form: &'a str,
    pub presiding: &'a str,
    pub presider_role: &'a str,
    pub place: &'a str,
    pub desk: &'a str,
    pub created_at: &'a str,
    pub created_by: Option<i64>,
}

/// Insert a session (and its entry); returns the row id.
pub(in crate::store) fn insert_session(sql: &Sql, s: &NewSession) -> Result<i64> {
    sql.prepare_cached(
        "INSERT INTO sessions (uid, day, form, presiding, presider_role, place, desk,
                               created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        s.uid,
        s.day,
        s.form,
        clean_line(s.presiding),
        s.presider_role,
        clean_line(s.place),
        s.desk,
        s.created_at,
        s.created_by
    ])?;
    let id = sql.last_insert_rowid();
    super::created(sql, &SESSION, id, Op::Create)?;
    Ok(id)
}
