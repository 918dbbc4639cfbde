//! Citizens: a person who comes back is the same citizen, recognized by ID number, or by
//! name and phone together.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::visits::KnownCitizen;
use super::{Result, Store, StoreError, Writer, new_uid, rows};
use crate::domain::ident::{IdNumber, Phone};
use crate::domain::identity::{Context, Particulars, Person, Record, SealedIdentity};
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

/// Which records a match may find (Luật Tố cáo Art 8(3)): a denunciation keeps to the sealed
/// records, anything else to the open ones, so one person who both complains and denounces
/// is two records — the open one never linked in the clear to a denunciation. The form's
/// recognition as the officer types looks at both (open first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Open,
    Sealed,
    Either,
}

impl Side {
    /// The side a record of this kind keeps to.
    pub(super) fn of(denouncer: bool) -> Side {
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
pub(super) fn is_sealed(conn: &Connection, id: i64) -> Result<bool> {
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
        if !sealed && super::lookup::exposed(conn, *id)? {
            return Ok(Some(*id));
        }
    }
    Ok(None)
}

/// The citizen a visit's typed identity is, by its ID number or its name and phone, on
/// `side`: in the clear for an open citizen, by the blind index for a sealed one (when
/// `blind`, the session's blind-index key, is held).
pub(super) fn find_id(
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
fn person_of(
    conn: &Connection,
    id: i64,
    name: String,
    particulars: Particulars,
    sealed: Option<Vec<u8>>,
) -> Result<Person> {
    if super::lookup::exposed(conn, id)? {
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
pub(super) fn holder_of(
    conn: &Connection,
    blind: Option<&[u8; 32]>,
    id_number: &str,
    typed_name: &str,
    side: Side,
) -> Result<Option<i64>> {
    holder_for(conn, blind, id_number, typed_name, side)
}

pub(super) fn version_of(conn: &Connection, id: i64) -> Result<i64> {
    conn.prepare_cached("SELECT version FROM citizens WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound("citizen"))
}

/// A citizen's name and particulars as stored: (uid, name, version, particulars, sealed).
type Stored = (String, String, i64, Particulars, Option<Vec<u8>>);

fn stored(conn: &Connection, id: i64) -> Result<Option<Stored>> {
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
pub(super) fn fill_blind(conn: &Connection, keys: &super::keys::Keys) -> Result<()> {
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

impl Store {
    /// A known citizen with this ID number, or this name and phone together — only one the
    /// officer may see (see [`CitizenMatch`]). `id_number` and `phone` are canonical.
    pub fn find_citizen(
        &self,
        id_number: Option<&str>,
        full_name: &str,
        phone: Option<&str>,
    ) -> Result<Option<CitizenMatch>> {
        let blind = self.keys().blind();
        let Some((id, matched_by)) =
            find_id(&self.conn, blind, id_number, full_name, phone, Side::Either)?
        else {
            return Ok(None);
        };
        let Some((uid, name, version, particulars, sealed)) = stored(&self.conn, id)? else {
            return Ok(None);
        };
        let person = person_of(&self.conn, id, name, particulars, sealed)?;
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
        let Some((uid, name, version, particulars, sealed)) = stored(&self.conn, id)? else {
            return Ok(None);
        };
        Ok(Some(CitizenRecord {
            id,
            uid,
            person: person_of(&self.conn, id, name, particulars, sealed)?,
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
    /// Who comes to denounce: a new citizen's identity is sealed (issue 26).
    pub denouncer: bool,
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
        denouncer: v.petition_type == crate::domain::visit::PetitionType::ToCao,
    };
    upsert(w, known, &input, rename)
}

/// Find the citizen (or use `known`), insert or update them; returns the citizen id.
/// - A known citizen keeps the name on record unless `rename` (the officer said the typed
///   name corrects it: an audited edit of the citizen). Another visit's name is never
///   rewritten silently.
/// - A denunciation keeps to a sealed record and anything else to an open one ([`Side`]): a
///   record of the other side the form recognised is left alone, and the person is found
///   (or made) on this side. Both may hold the same ID number: one in the clear, one under
///   the blind index; nothing in the clear links them.
/// - An ID number already held by another citizen of this side is not copied onto this one.
/// - A denouncer recognised here but not in the form (the form says nothing of them) is
///   joined silently, and the match is journaled on their sealed record.
/// - An update of a citizen read at an older version than stored is refused (another desk
///   edited them meanwhile): nothing of theirs is overwritten silently.
pub(super) fn upsert(
    w: &Writer,
    known: Option<KnownCitizen>,
    v: &CitizenInput,
    rename: bool,
) -> Result<i64> {
    // The record the form recognised, when it is on this visit's side; else whoever the
    // typed identity is on that side (a denunciation of someone on record as a petitioner
    // goes to their sealed record, never to the open one, and back).
    let known = match known {
        Some(k) if is_sealed(w.conn(), k.id)? == v.denouncer => Some(k),
        _ => None,
    };
    let found = match known {
        Some(_) => None,
        None => find(w, v)?,
    };
    upsert_as(w, known, found, v, rename)
}

/// Who `v` is on its side, as [`upsert`] looks for them (`find_id`).
pub(super) fn find(w: &Writer, v: &CitizenInput) -> Result<Option<(i64, MatchedBy)>> {
    find_id(
        w.conn(),
        w.keys().blind(),
        v.id_number.map(|i| i.value.as_str()),
        v.full_name,
        v.phone.map(|p| p.value.as_str()),
        Side::of(v.denouncer),
    )
}

/// [`upsert`] of a citizen the form did not recognise, already looked for (`found`: what
/// [`find`] says of `v` now — an import looks before it upserts, and need not look twice).
pub(super) fn upsert_found(
    w: &Writer,
    found: Option<(i64, MatchedBy)>,
    v: &CitizenInput,
) -> Result<i64> {
    upsert_as(w, None, found, v, false)
}

fn upsert_as(
    w: &Writer,
    known: Option<KnownCitizen>,
    found: Option<(i64, MatchedBy)>,
    v: &CitizenInput,
    rename: bool,
) -> Result<i64> {
    let idn = v.id_number.map(|i| i.value.as_str());
    let phone = v.phone.map(|p| p.value.as_str());
    let blind = w.keys().blind().copied();
    let blind = blind.as_ref();
    let side = Side::of(v.denouncer);
    let mut matched_unseen = false;
    let existing = match known {
        Some(k) => Some(k),
        None => match found {
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
            let (uid, known_name, sealed): (String, String, Option<Vec<u8>>) = w
                .prepare_cached("SELECT uid, full_name, sealed FROM citizens WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?
                .ok_or(StoreError::NotFound("citizen"))?;
            if matched_unseen {
                // The form could not say it (Luật Tố cáo Art 8(3)); the journal does.
                w.fact(Op::MatchUnseen, Entity::Citizen, &uid, Default::default())?;
            }
            // A number another citizen holds stays theirs.
            let idn = match idn {
                Some(n)
                    if holder_of(w.conn(), blind, n, v.full_name, side)?
                        .is_some_and(|h| h != id) =>
                {
                    None
                }
                other => other,
            };
            if let Some(sealed) = sealed
                && v.denouncer
            {
                // Still only a denouncer: sealed again, with what this visit adds over
                // what the session's keys can open (nothing, when they open nothing: the
                // identity first sealed stays).
                if let Some(old) = w
                    .keys()
                    .open(&sealed)
                    .and_then(|p| serde_json::from_slice::<SealedIdentity>(&p).ok())
                {
                    let merged = SealedIdentity {
                        name: if rename {
                            crate::domain::text::clean_line(v.full_name)
                        } else {
                            old.name
                        },
                        id_kind: idn
                            .and(v.id_number.map(|i| i.kind.code().to_owned()))
                            .or(old.id_kind),
                        id_number: idn.map(str::to_owned).or(old.id_number),
                        phone: phone.map(str::to_owned).or(old.phone),
                        address: if v.address.trim().is_empty() {
                            old.address
                        } else {
                            crate::domain::text::clean_line(v.address)
                        },
                        birth_year: old.birth_year,
                        sex: old.sex,
                    };
                    rows::reseal_citizen(w, id, k.version, &merged, |changed_at| {
                        StoreError::Conflict {
                            what: "citizen",
                            changed_at,
                        }
                    })?;
                }
                return Ok(id);
            }
            let name = if rename || known_name == rows::SEALED_MARK {
                v.full_name.to_owned()
            } else {
                known_name
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
                denouncer: v.denouncer,
            },
        )?,
    };
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
                denouncer: c.who.denouncer,
            },
        )?;
        self.sides.made(id, c.who.denouncer);
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
