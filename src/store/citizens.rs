//! Citizens: a person who comes back is the same citizen, recognized by ID number, or by
//! name and phone together.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::visits::KnownCitizen;
use super::{Result, Store, StoreError, Writer, audit, new_uid, now_stamp};
use crate::domain::ident::{IdNumber, Phone};
use crate::domain::identity::{Person, Record};
use crate::domain::text::fold;
use crate::domain::visit::ValidVisit;

/// How a known citizen was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    IdNumber,
    NameAndPhone,
}

/// A known citizen matching what is being typed. A citizen known only as a denouncer is a
/// pseudonym, with no history shown (Luật Tố cáo Art 8(3)): `visits` and `last_visit` count
/// only what is not a denunciation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenMatch {
    pub id: i64,
    pub uid: String,
    pub person: Person,
    pub version: i64,
    pub visits: u32,
    pub last_visit: Option<NaiveDate>,
    pub matched_by: MatchedBy,
    /// The phone and address on record, offered to the form (empty for a denouncer: the
    /// match shows only that it exists, Luật Tố cáo Art 8(3)).
    pub phone: Option<String>,
    pub address: String,
    /// The citizen's latest open case (not a denunciation): code, field, status.
    pub open_case: Option<OpenCaseOf>,
}

/// An open case of a returning citizen, named before the visit is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCaseOf {
    pub code: String,
    pub field_name: String,
    pub status: crate::domain::case::CaseStatus,
}

impl CitizenMatch {
    pub fn known(&self) -> KnownCitizen {
        KnownCitizen {
            id: self.id,
            version: self.version,
        }
    }
}

/// A citizen as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenRecord {
    pub id: i64,
    pub uid: String,
    pub person: Person,
    pub id_kind: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: String,
    pub version: i64,
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

/// The person of a citizen seen on their own (not through one record): named when they
/// appear in anything but denunciations, else a denouncer under their newest case's code.
fn person_of(conn: &Connection, id: i64, name: String) -> Result<Person> {
    if super::lookup::exposed(conn, id)? {
        return Ok(Person::open(name));
    }
    let (record, code): (Option<String>, Option<String>) = conn
        .prepare_cached(
            "SELECT (SELECT uid FROM visits WHERE citizen_id = ?1 ORDER BY id DESC LIMIT 1),
                    (SELECT code FROM cases WHERE citizen_id = ?1 ORDER BY id DESC LIMIT 1)",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(Person::denouncer(
        name,
        Record::Visit(record.unwrap_or_default()),
        code,
        false,
    ))
}

/// The citizen who holds this ID number, if any (one number belongs to one citizen).
pub(super) fn holder_of(conn: &Connection, id_number: &str) -> Result<Option<i64>> {
    Ok(find_id(conn, Some(id_number), "", None)?.map(|(id, _)| id))
}

pub(super) fn version_of(conn: &Connection, id: i64) -> Result<i64> {
    conn.prepare_cached("SELECT version FROM citizens WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("citizen"))
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
        let (uid, name, version, visits, last): (String, String, i64, u32, Option<NaiveDate>) =
            self.conn
                .prepare_cached(
                    "SELECT c.uid, c.full_name, c.version,
                        (SELECT count(*) FROM visits v WHERE v.citizen_id = c.id
                           AND v.deleted_at IS NULL AND v.petition_type != 'to_cao'),
                        (SELECT max(day) FROM visits v WHERE v.citizen_id = c.id
                           AND v.deleted_at IS NULL AND v.petition_type != 'to_cao')
                     FROM citizens c WHERE c.id = ?1",
                )?
                .query_row([id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
        let person = person_of(&self.conn, id, name)?;
        if person.is_confidential() {
            return Ok(Some(CitizenMatch {
                id,
                uid,
                person,
                version,
                visits: 0,
                last_visit: None,
                matched_by,
                phone: None,
                address: String::new(),
                open_case: None,
            }));
        }
        let (phone, address): (Option<String>, String) = self
            .conn
            .prepare_cached("SELECT phone, address FROM citizens WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let open: Vec<&str> = crate::domain::case::CaseStatus::ALL
            .iter()
            .filter(|s| s.is_open())
            .map(|s| s.code())
            .collect();
        let sql = format!(
            "SELECT k.code, f.name, k.status FROM cases k JOIN fields f ON f.id = k.field_id
             WHERE k.citizen_id = ?1 AND k.case_type != 'to_cao' AND k.status IN ({})
             ORDER BY k.received_on DESC, k.id DESC LIMIT 1",
            open.iter()
                .map(|c| format!("'{c}'"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let open_case = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |r| {
                let status: String = r.get(2)?;
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, status))
            })
            .optional()?
            .and_then(|(code, field_name, status)| {
                Some(OpenCaseOf {
                    code,
                    field_name,
                    status: crate::domain::case::CaseStatus::from_code(&status)?,
                })
            });
        Ok(Some(CitizenMatch {
            id,
            uid,
            person,
            version,
            visits,
            last_visit: last,
            matched_by,
            phone,
            address,
            open_case,
        }))
    }

    /// A citizen as stored, seen on their own (a denouncer-only citizen is guarded).
    pub fn citizen(&self, id: i64) -> Result<Option<CitizenRecord>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT id, uid, full_name, id_kind, id_number, phone, address, version
                 FROM citizens WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })
            .optional()?;
        let Some((id, uid, name, id_kind, id_number, phone, address, version)) = row else {
            return Ok(None);
        };
        Ok(Some(CitizenRecord {
            id,
            uid,
            person: person_of(&self.conn, id, name)?,
            id_kind,
            id_number,
            phone,
            address,
            version,
        }))
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
pub(super) fn upsert_for_visit(
    w: &Writer,
    known: Option<KnownCitizen>,
    v: &ValidVisit,
    rename: bool,
) -> Result<i64> {
    let input = CitizenInput {
        full_name: &v.full_name,
        id_number: v.id_number.as_ref(),
        phone: v.phone.as_ref(),
        address: &v.address,
    };
    upsert(w, known, &input, rename)
}

/// Find the citizen (or use `known`), insert or update them; returns the citizen id.
/// - A known citizen keeps the name on record unless `rename` (the officer said the typed
///   name corrects it: an audited edit of the citizen). Another visit's name is never
///   rewritten silently.
/// - An ID number already held by another citizen is not copied onto this one.
/// - An update of a citizen read at an older version than stored is refused (another desk
///   edited them meanwhile): nothing of theirs is overwritten silently.
pub(super) fn upsert(
    w: &Writer,
    known: Option<KnownCitizen>,
    v: &CitizenInput,
    rename: bool,
) -> Result<i64> {
    let idn = v.id_number.map(|i| i.value.as_str());
    let phone = v.phone.map(|p| p.value.as_str());
    let existing = match known {
        Some(k) => Some(k),
        None => match find_id(w, idn, v.full_name, phone)? {
            Some((id, _)) => Some(KnownCitizen {
                id,
                version: version_of(w, id)?,
            }),
            None => None,
        },
    };
    let now = now_stamp();
    match existing {
        Some(k) => {
            let id = k.id;
            let before =
                audit::row_json(w, "citizens", id)?.ok_or(StoreError::NotFound("citizen"))?;
            let known_name = before["full_name"].as_str().unwrap_or_default();
            let name = if rename {
                v.full_name.to_owned()
            } else {
                known_name.to_owned()
            };
            // A number another citizen holds stays theirs.
            let idn = match idn {
                Some(n) if holder_of(w, n)?.is_some_and(|h| h != id) => None,
                other => other,
            };
            // Keep what we knew when the visit leaves a field empty.
            w.prepare_cached(
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
                idn.and(v.id_number.map(|i| i.kind.code())),
                idn,
                phone,
                v.address,
            ])?;
            let after = audit::row_json(w, "citizens", id)?;
            if after.as_ref() != Some(&before) {
                let found = before["version"].as_i64().unwrap_or_default();
                if found != k.version {
                    return Err(StoreError::Conflict {
                        what: "citizen",
                        changed_at: before["updated_at"].as_str().map(str::to_owned),
                    });
                }
                w.prepare_cached(
                    "UPDATE citizens SET updated_at = ?2, version = version + 1 WHERE id = ?1",
                )?
                .execute(params![id, now])?;
                let after = audit::row_json(w, "citizens", id)?;
                let uid = before["uid"].as_str().unwrap_or_default().to_owned();
                w.audit("update", "citizens", &uid, Some(&before), after.as_ref())?;
            }
            Ok(id)
        }
        None => {
            let uid = new_uid();
            w.prepare_cached(
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
                w.officer_id(),
            ])?;
            let id = w.last_insert_rowid();
            let after = audit::row_json(w, "citizens", id)?;
            w.audit("insert", "citizens", &uid, None, after.as_ref())?;
            Ok(id)
        }
    }
}

/// A citizen of a bulk load or import, keeping its uid and stamps.
#[derive(Debug, Clone)]
pub struct BulkCitizen<'a> {
    pub uid: &'a str,
    pub who: CitizenInput<'a>,
    pub birth_year: Option<i32>,
    /// "nam" | "nu"
    pub sex: Option<&'a str>,
    pub at: &'a str,
    pub by: i64,
}

impl super::Bulk<'_> {
    /// A citizen; returns its row id.
    pub fn citizen(&mut self, c: &BulkCitizen) -> Result<i64> {
        let name = crate::domain::text::clean_line(c.who.full_name);
        if name.is_empty() {
            return Err(StoreError::Invalid("citizen name is empty".into()));
        }
        self.conn()
            .prepare_cached(
                "INSERT INTO citizens (uid, full_name, name_folded, id_kind, id_number, phone,
                     address, birth_year, sex, created_at, created_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)",
            )?
            .execute(params![
                c.uid,
                name,
                fold(&name),
                c.who.id_number.map(|i| i.kind.code()),
                c.who.id_number.map(|i| i.value.as_str()),
                c.who.phone.map(|p| p.value.as_str()),
                crate::domain::text::clean_line(c.who.address),
                c.birth_year,
                c.sex,
                c.at,
                c.by,
            ])?;
        self.count("citizens");
        Ok(self.conn().last_insert_rowid())
    }
}

/// How a match is described to the officer.
pub fn citizens_matched_by_label(m: MatchedBy, lang: crate::i18n::Lang) -> &'static str {
    match m {
        MatchedBy::IdNumber => crate::i18n::Msg::MatchedById.t(lang),
        MatchedBy::NameAndPhone => crate::i18n::Msg::MatchedByNamePhone.t(lang),
    }
}
