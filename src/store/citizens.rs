//! Citizens: a person who comes back is the same citizen, recognized by ID number, or by
//! name and phone together.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::visits::KnownCitizen;
use super::{Result, Store, StoreError, Writer, new_uid, rows};
use crate::domain::ident::{IdNumber, Phone};
use crate::domain::identity::{Context, Particulars, Person, Record};
use crate::domain::journal::{Entity, Op};
use crate::domain::text::fold;
use crate::domain::visit::ValidVisit;

/// How a known citizen was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    IdNumber,
    NameAndPhone,
}

/// A known citizen matching what is being typed — only one the officer may see: a citizen on
/// record only as a denouncer is never matched in the form (the form would be an oracle of
/// who denounced: Luật Tố cáo Art 8(3)); the visit joins their record at save, silently and
/// audited (`upsert`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenMatch {
    pub id: i64,
    pub uid: String,
    /// Their identity, with the phone and address on record (offered to the form).
    pub person: Person,
    pub version: i64,
    /// Visits and the last one, by the one counting rule (`counted_visit`).
    pub visits: u32,
    pub last_visit: Option<NaiveDate>,
    pub matched_by: MatchedBy,
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

/// A citizen as stored, seen on their own (not through one record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenRecord {
    pub id: i64,
    pub uid: String,
    /// Their identity, with everything on record.
    pub person: Person,
    pub version: i64,
}

/// The one counting rule for a citizen: the visits (of table alias `a`) that a count of their
/// visits may include — live, and not denunciations (a count that includes those tells the
/// officer who denounced: Luật Tố cáo Art 8(3)). Every count of a citizen's visits uses it.
pub(super) fn counted_visit(a: &str) -> String {
    format!("{a}.deleted_at IS NULL AND {a}.petition_type != 'to_cao'")
}

/// The cases (of alias `a`) a count of a citizen's cases may include (as `counted_visit`).
pub(super) fn counted_case(a: &str) -> String {
    format!("{a}.deleted_at IS NULL AND {a}.case_type != 'to_cao'")
}

/// The citizen who holds an ID number, as far as the desk may tell: among the live
/// citizens with this number, the one with the typed name, else the first who is not only a
/// denouncer. A denouncer's record under another name is not offered: asking "is this the
/// same person?" would tell the officer that a denouncer holds this number, so the typed
/// person is taken for someone else (and `upsert` audits the shared number for a leader).
fn holder_for(conn: &Connection, id_number: &str, typed_name: &str) -> Result<Option<i64>> {
    let holders: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT id, name_folded FROM citizens WHERE id_number = ?1 AND deleted_at IS NULL
             ORDER BY id",
        )?
        .query_map([id_number], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let typed = fold(&crate::domain::text::clean_line(typed_name));
    if let Some((id, _)) = holders
        .iter()
        .find(|(_, n)| !typed.is_empty() && *n == typed)
    {
        return Ok(Some(*id));
    }
    for (id, _) in &holders {
        if super::lookup::exposed(conn, *id)? {
            return Ok(Some(*id));
        }
    }
    Ok(None)
}

/// Does anyone else than `id` who is only a denouncer hold this number? (For the audit.)
fn guarded_holder_besides(conn: &Connection, id_number: &str, id: i64) -> Result<Option<i64>> {
    let others: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM citizens WHERE id_number = ?1 AND deleted_at IS NULL AND id != ?2
             ORDER BY id",
        )?
        .query_map(params![id_number, id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for o in others {
        if !super::lookup::exposed(conn, o)? {
            return Ok(Some(o));
        }
    }
    Ok(None)
}

pub(super) fn find_id(
    conn: &Connection,
    id_number: Option<&str>,
    full_name: &str,
    phone: Option<&str>,
) -> Result<Option<(i64, MatchedBy)>> {
    if let Some(idn) = id_number
        && let Some(id) = holder_for(conn, idn, full_name)?
    {
        return Ok(Some((id, MatchedBy::IdNumber)));
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

/// The identity of a citizen seen on their own (not through one record): open when they
/// appear in anything but denunciations, else a denouncer under their newest denunciation's
/// code.
fn person_of(conn: &Connection, id: i64, name: String, particulars: Particulars) -> Result<Person> {
    if super::lookup::exposed(conn, id)? {
        return Ok(Person::open(name).with(particulars));
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
    .with(particulars))
}

/// The citizen who holds this ID number for a visit of `typed_name` (see `holder_for`).
pub(super) fn holder_of(
    conn: &Connection,
    id_number: &str,
    typed_name: &str,
) -> Result<Option<i64>> {
    holder_for(conn, id_number, typed_name)
}

pub(super) fn version_of(conn: &Connection, id: i64) -> Result<i64> {
    conn.prepare_cached("SELECT version FROM citizens WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("citizen"))
}

/// A citizen's name and particulars as stored: (uid, name, version, particulars).
fn stored(conn: &Connection, id: i64) -> Result<Option<(String, String, i64, Particulars)>> {
    Ok(conn
        .prepare_cached(
            "SELECT uid, full_name, version, id_kind, id_number, phone, address, birth_year
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
            ))
        })
        .optional()?)
}

impl Store {
    /// A known citizen with this ID number, or this name and phone together — only one the
    /// officer may see (see [`CitizenMatch`]). `id_number` and `phone` are canonical.
    pub fn find_citizen(
        &self,
        id_number: Option<&str>,
        full_name: &str,
        phone: Option<&str>,
    ) -> Result<Option<CitizenMatch>> {
        let Some((id, matched_by)) = find_id(&self.conn, id_number, full_name, phone)? else {
            return Ok(None);
        };
        let Some((uid, name, version, particulars)) = stored(&self.conn, id)? else {
            return Ok(None);
        };
        let person = person_of(&self.conn, id, name, particulars)?;
        if !crate::domain::identity::Viewer::nobody().sees(&person) {
            return Ok(None);
        }
        let (visits, last): (u32, Option<NaiveDate>) = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*), max(day) FROM visits v WHERE v.citizen_id = ?1 AND {}",
                counted_visit("v")
            ))?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let open: Vec<&str> = crate::domain::case::CaseStatus::ALL
            .iter()
            .filter(|s| s.is_open())
            .map(|s| s.code())
            .collect();
        let sql = format!(
            "SELECT k.code, f.name, k.status FROM cases k JOIN fields f ON f.id = k.field_id
             WHERE k.citizen_id = ?1 AND {} AND k.status IN ({})
             ORDER BY k.received_on DESC, k.id DESC LIMIT 1",
            counted_case("k"),
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
            open_case,
        }))
    }

    /// A citizen as stored, seen on their own (a denouncer-only citizen is guarded).
    pub fn citizen(&self, id: i64) -> Result<Option<CitizenRecord>> {
        let Some((uid, name, version, particulars)) = stored(&self.conn, id)? else {
            return Ok(None);
        };
        Ok(Some(CitizenRecord {
            id,
            uid,
            person: person_of(&self.conn, id, name, particulars)?,
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
/// - An ID number already held by another citizen is not copied onto this one — unless that
///   citizen is only a denouncer under another name (`holder_for`): then both hold it, and
///   the shared number is audited for a leader to reconcile.
/// - A citizen recognized here but not in the form (only a denouncer: the form says nothing)
///   is joined silently, and the match is audited.
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
    let mut matched_unseen = false;
    let existing = match known {
        Some(k) => Some(k),
        None => match find_id(w.conn(), idn, v.full_name, phone)? {
            Some((id, _)) => {
                matched_unseen = !super::lookup::exposed(w.conn(), id)?;
                Some(KnownCitizen {
                    id,
                    version: version_of(w.conn(), id)?,
                })
            }
            None => None,
        },
    };
    let id = match existing {
        Some(k) => {
            let id = k.id;
            let (uid, known_name): (String, String) = w
                .prepare_cached("SELECT uid, full_name FROM citizens WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or(StoreError::NotFound("citizen"))?;
            if matched_unseen {
                // The form could not say it (Luật Tố cáo Art 8(3)); the journal does.
                w.fact(Op::MatchUnseen, Entity::Citizen, &uid, Default::default())?;
            }
            let name = if rename {
                v.full_name.to_owned()
            } else {
                known_name
            };
            // A number another citizen holds stays theirs.
            let idn = match idn {
                Some(n) if holder_of(w.conn(), n, v.full_name)?.is_some_and(|h| h != id) => None,
                other => other,
            };
            // Keep what we knew when the visit leaves a field empty.
            rows::update_citizen(
                w,
                id,
                k.version,
                &rows::CitizenUpdate {
                    full_name: &name,
                    id_kind: idn.and(v.id_number.map(|i| i.kind.code())),
                    id_number: idn,
                    phone,
                    address: v.address,
                },
                |changed_at| StoreError::Conflict {
                    what: "citizen",
                    changed_at,
                },
            )?;
            id
        }
        None => rows::insert_citizen(
            w,
            &rows::NewCitizen {
                uid: &new_uid(),
                full_name: v.full_name,
                id_kind: v.id_number.map(|i| i.kind.code()),
                id_number: idn,
                phone,
                address: v.address,
                birth_year: None,
                sex: None,
                created_at: &w.stamp(),
                created_by: Some(w.officer_id()),
            },
        )?,
    };
    // A number this citizen now shares with a denouncer's record under another name.
    if let Some(n) = idn
        && let Some(other) = guarded_holder_besides(w.conn(), n, id)?
    {
        let uid: String =
            w.query_row("SELECT uid FROM citizens WHERE id = ?1", [id], |r| r.get(0))?;
        let other_uid: String =
            w.query_row("SELECT uid FROM citizens WHERE id = ?1", [other], |r| {
                r.get(0)
            })?;
        w.fact(
            Op::IdShared,
            Entity::Citizen,
            &uid,
            rows::facts([("with", serde_json::Value::String(other_uid))]),
        )?;
    }
    Ok(id)
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
        let id = rows::insert_citizen(
            self.sql(),
            &rows::NewCitizen {
                uid: c.uid,
                full_name: c.who.full_name,
                id_kind: c.who.id_number.map(|i| i.kind.code()),
                id_number: c.who.id_number.map(|i| i.value.as_str()),
                phone: c.who.phone.map(|p| p.value.as_str()),
                address: c.who.address,
                birth_year: c.birth_year,
                sex: c.sex,
                created_at: c.at,
                created_by: Some(c.by),
            },
        )?;
        self.count("citizens");
        Ok(id)
    }
}

/// How a match is described to the officer.
pub fn citizens_matched_by_label(m: MatchedBy, lang: crate::i18n::Lang) -> &'static str {
    match m {
        MatchedBy::IdNumber => crate::i18n::Msg::MatchedById.t(lang),
        MatchedBy::NameAndPhone => crate::i18n::Msg::MatchedByNamePhone.t(lang),
    }
}
