//! The lookup index (migration 0006) and its queries: one FTS5 table per kind — citizens,
//! cases, visits — so each is searched on its own, counted truly and paged through to its
//! end. The index is written in the caller's transaction whenever a citizen, a visit or a
//! case is written (`index.rs`); the queries (`search.rs`) run the ranks that the domain
//! plans (`domain::lookup`), each newest first; a citizen's history is `history.rs`.
//!
//! A denunciation is indexed by its code and summary only, and a citizen who came only to
//! denounce is not indexed at all (Luật Tố cáo Art 8(3)).

mod history;
mod index;
mod search;

pub use history::HistoryItem;
pub(super) use index::{
    Batch, citizen_into, exposed, index_case, index_citizen, index_visit, rebuild, verify,
    visit_into,
};

use chrono::NaiveDate;

use super::StoreError;
use crate::domain::case::{CaseStatus, CaseType};
use crate::domain::identity::Person;
pub use crate::domain::lookup::Kind;
use crate::domain::visit::{Handling, PetitionType};

/// A citizen found (only citizens who appear in something else than a denunciation are in
/// the index, so their identity is open). Their ID number, phone, address and birth year are
/// in `person`, shown as a list shows them (the identity rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenHit {
    pub id: i64,
    pub uid: String,
    pub person: Person,
    pub visits: u32,
    pub cases: u32,
    pub last_visit: Option<NaiveDate>,
}

/// In machine output a citizen found is what a list may show to nobody in particular.
impl serde::Serialize for CitizenHit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::domain::identity::{Place, Viewer};
        use serde::ser::SerializeStruct;
        let v = Viewer::nobody();
        let mut m = s.serialize_struct("CitizenHit", 10)?;
        m.serialize_field("id", &self.id)?;
        m.serialize_field("uid", &self.uid)?;
        m.serialize_field("name", &self.person)?;
        m.serialize_field("birth_year", &v.birth_year(&self.person))?;
        m.serialize_field("id_number", &v.id_number(&self.person, Place::List))?;
        m.serialize_field("phone", &v.phone(&self.person, Place::List))?;
        m.serialize_field("address", v.address(&self.person).unwrap_or_default())?;
        m.serialize_field("visits", &self.visits)?;
        m.serialize_field("cases", &self.cases)?;
        m.serialize_field("last_visit", &self.last_visit)?;
        m.end()
    }
}

/// A case found. A denunciation carries no name (its pseudonym is shown).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CaseHit {
    pub uid: String,
    pub code: String,
    #[serde(serialize_with = "ser_code")]
    pub case_type: CaseType,
    #[serde(serialize_with = "ser_code")]
    pub status: CaseStatus,
    pub field_name: String,
    pub citizen: Person,
    pub summary: String,
    pub received_on: NaiveDate,
    pub next_due: Option<NaiveDate>,
    pub last_step: Option<(String, NaiveDate)>,
}

/// A visit found (never a denunciation).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VisitHit {
    pub uid: String,
    pub day: NaiveDate,
    pub time: String,
    pub citizen: Person,
    #[serde(serialize_with = "ser_code")]
    pub petition_type: PetitionType,
    pub field_name: String,
    pub content: String,
    #[serde(serialize_with = "ser_code")]
    pub handling: Handling,
}

/// Something with a stored code (serialized as that code).
pub trait Coded {
    fn stored_code(&self) -> &'static str;
}
impl Coded for CaseType {
    fn stored_code(&self) -> &'static str {
        self.code()
    }
}
impl Coded for CaseStatus {
    fn stored_code(&self) -> &'static str {
        self.code()
    }
}
impl Coded for PetitionType {
    fn stored_code(&self) -> &'static str {
        self.code()
    }
}
impl Coded for Handling {
    fn stored_code(&self) -> &'static str {
        self.code()
    }
}

fn ser_code<S: serde::Serializer, T: Coded>(v: &T, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.stored_code())
}

/// Where the next page of a section starts: a rank of the plan, and after which row key.
/// Opaque outside the store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    rank: usize,
    after: Option<i64>,
}

/// The rows of one kind found so far, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Section<T> {
    /// Every match (None until counted).
    pub total: Option<u64>,
    /// The matches of the name, number or code exactly as typed (None until counted, or
    /// when the query has no such form).
    pub exact: Option<u64>,
    pub rows: Vec<T>,
    /// Where the next page starts; None once `rows` holds every match.
    #[serde(skip)]
    pub next: Option<Cursor>,
}

impl<T> Default for Section<T> {
    fn default() -> Self {
        Section {
            total: None,
            exact: None,
            rows: Vec::new(),
            next: None,
        }
    }
}

/// A section reads as its rows.
impl<T> std::ops::Deref for Section<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.rows
    }
}

impl<'a, T> IntoIterator for &'a Section<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.rows.iter()
    }
}

impl<T> Section<T> {
    /// More rows of this section (a page that follows the ones held).
    pub fn append(&mut self, rows: Vec<T>, next: Option<Cursor>) {
        self.rows.extend(rows);
        self.next = next;
        if next.is_none() {
            self.total = Some(self.rows.len() as u64);
        }
    }

    /// Are there matches beyond the rows held?
    pub fn has_more(&self) -> bool {
        self.next.is_some()
    }
}

/// A page of one kind's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hits {
    Citizens(Vec<CitizenHit>),
    Cases(Vec<CaseHit>),
    Visits(Vec<VisitHit>),
}

/// What a query found, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LookupResults {
    pub citizens: Section<CitizenHit>,
    pub cases: Section<CaseHit>,
    pub visits: Section<VisitHit>,
}

impl LookupResults {
    /// Nothing found (no row of any kind).
    pub fn is_empty(&self) -> bool {
        self.citizens.is_empty() && self.cases.is_empty() && self.visits.is_empty()
    }

    /// The rows held, of every kind.
    pub fn len(&self) -> usize {
        self.citizens.len() + self.cases.len() + self.visits.len()
    }

    /// How many rows of `kind` are held.
    pub fn held(&self, kind: Kind) -> usize {
        match kind {
            Kind::Citizens => self.citizens.len(),
            Kind::Cases => self.cases.len(),
            Kind::Visits => self.visits.len(),
        }
    }

    /// The section of `kind`: (total, exact, more to load).
    pub fn counts(&self, kind: Kind) -> (Option<u64>, Option<u64>, bool) {
        match kind {
            Kind::Citizens => (
                self.citizens.total,
                self.citizens.exact,
                self.citizens.has_more(),
            ),
            Kind::Cases => (self.cases.total, self.cases.exact, self.cases.has_more()),
            Kind::Visits => (self.visits.total, self.visits.exact, self.visits.has_more()),
        }
    }

    /// Where the next page of `kind` starts (None when every row is held).
    pub fn next(&self, kind: Kind) -> Option<Cursor> {
        match kind {
            Kind::Citizens => self.citizens.next,
            Kind::Cases => self.cases.next,
            Kind::Visits => self.visits.next,
        }
    }

    /// A further page of one kind.
    pub fn append(&mut self, hits: Hits, next: Option<Cursor>) {
        match hits {
            Hits::Citizens(rows) => self.citizens.append(rows, next),
            Hits::Cases(rows) => self.cases.append(rows, next),
            Hits::Visits(rows) => self.visits.append(rows, next),
        }
    }

    /// The true counts of one kind.
    pub fn set_count(&mut self, kind: Kind, total: u64, exact: Option<u64>) {
        let (t, e) = match kind {
            Kind::Citizens => (&mut self.citizens.total, &mut self.citizens.exact),
            Kind::Cases => (&mut self.cases.total, &mut self.cases.exact),
            Kind::Visits => (&mut self.visits.total, &mut self.visits.exact),
        };
        *t = Some(total);
        *e = exact;
    }

    /// Is every count known?
    pub fn counted(&self) -> bool {
        self.citizens.total.is_some() && self.cases.total.is_some() && self.visits.total.is_some()
    }
}

/// Was this error a query stopped by a newer one (SQLite's interrupt)?
pub fn interrupted(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Sql(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::OperationInterrupted
    )
}
