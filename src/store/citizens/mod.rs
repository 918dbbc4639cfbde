//! Citizens: a person who comes back is the same citizen, recognized by ID number, or by
//! name and phone together.
//!
//! The parts: this file holds what a match and a citizen's record are, the counting rule of
//! a citizen's visits and cases, and the reads (a match as the officer types, a record, the
//! count); `recognize.rs` which citizen a typed identity is — the side (open or sealed) a
//! match keeps to, by ID number (in the clear or by the blind index) or by name and phone;
//! `upsert.rs` a citizen written with a visit or a petition, at the desk or in bulk.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::visits::KnownCitizen;
use super::{Result, Store};
use crate::domain::identity::Person;

mod recognize;
mod upsert;

use recognize::{person_of, stored};

pub(super) use recognize::{Side, fill_blind, find_id, holder_of, is_sealed, version_of};
pub use upsert::{BulkCitizen, CitizenInput};
pub(super) use upsert::{find, upsert, upsert_for_visit, upsert_found};

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

/// How a match is described to the officer.
pub fn citizens_matched_by_label(m: MatchedBy, lang: crate::i18n::Lang) -> &'static str {
    match m {
        MatchedBy::IdNumber => crate::i18n::Msg::MatchedById.t(lang),
        MatchedBy::NameAndPhone => crate::i18n::Msg::MatchedByNamePhone.t(lang),
    }
}
