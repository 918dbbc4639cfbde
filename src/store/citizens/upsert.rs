//! A citizen written: found or made for a visit or a written petition (in one transaction
//! with it, journaled through the row writer), at the desk or in a bulk load.

use rusqlite::OptionalExtension;

use super::{MatchedBy, Side, find_id, holder_of, is_sealed, version_of};
use crate::domain::ident::{IdNumber, Phone};
use crate::domain::identity::SealedIdentity;
use crate::domain::journal::{Entity, Op};
use crate::domain::visit::ValidVisit;
use crate::store::visits::KnownCitizen;
use crate::store::{Result, StoreError, Writer, new_uid, rows};

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
pub(in crate::store) fn upsert_for_visit(
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
pub(in crate::store) fn upsert(
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
pub(in crate::store) fn find(w: &Writer, v: &CitizenInput) -> Result<Option<(i64, MatchedBy)>> {
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
pub(in crate::store) fn upsert_found(
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
                matched_unseen = !crate::store::lookup::exposed(w.conn(), id)?;
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

impl crate::store::Bulk<'_> {
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
