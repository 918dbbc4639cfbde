//! The lookup index (migration 0004) and its queries. The index is written here, in the
//! caller's transaction, whenever a citizen, a visit or a case is written; a denunciation is
//! indexed by its code and summary only, and a citizen who came only to denounce is not
//! indexed at all (Luật Tố cáo Art 8(3)).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, bad_code};
use crate::domain::case::{CaseStatus, CaseType};
use crate::domain::identity::{Person, Record};
use crate::domain::lookup::{self, Query};
use crate::domain::visit::{Handling, PetitionType};

const CITIZEN: i64 = 0;
const VISIT: i64 = 1;
const CASE: i64 = 2;

fn put(conn: &Connection, rowid: i64, body: Option<String>) -> Result<()> {
    conn.prepare_cached("DELETE FROM search WHERE rowid = ?1")?
        .execute([rowid])?;
    if let Some(b) = body {
        conn.prepare_cached("INSERT INTO search (rowid, body) VALUES (?1, ?2)")?
            .execute(params![rowid, b])?;
    }
    Ok(())
}

/// Does the citizen appear in anything but denunciations?
pub(super) fn exposed(conn: &Connection, citizen_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM visits WHERE citizen_id = ?1 AND deleted_at IS NULL
                              AND petition_type != 'to_cao')
                 OR EXISTS (SELECT 1 FROM cases WHERE citizen_id = ?1 AND deleted_at IS NULL
                              AND case_type != 'to_cao')",
        )?
        .query_row([citizen_id], |r| r.get(0))?)
}

/// A citizen's indexed columns: name, address, ID number, phone, not deleted.
type CitizenCols = (String, String, Option<String>, Option<String>, bool);

pub(super) fn index_citizen(conn: &Connection, id: i64) -> Result<()> {
    let row: Option<CitizenCols> = conn
        .prepare_cached(
            "SELECT full_name, address, id_number, phone, deleted_at IS NULL FROM citizens WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?;
    let body = match row {
        Some((name, address, idn, phone, true)) if exposed(conn, id)? => Some(
            lookup::citizen_text(&name, &address, idn.as_deref(), phone.as_deref()),
        ),
        _ => None,
    };
    put(conn, id * 4 + CITIZEN, body)
}

pub(super) fn index_visit(conn: &Connection, id: i64) -> Result<()> {
    let row: Option<(String, String, String, String, bool)> = conn
        .prepare_cached(
            "SELECT v.content, v.prior_agencies, c.full_name, v.petition_type, v.deleted_at IS NULL
             FROM visits v JOIN citizens c ON c.id = v.citizen_id WHERE v.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let body = match row {
        Some((content, prior, name, t, true)) if t != "to_cao" => {
            Some(lookup::visit_text(&content, &prior, &name))
        }
        _ => None,
    };
    put(conn, id * 4 + VISIT, body)
}

pub(super) fn index_case(conn: &Connection, id: i64) -> Result<()> {
    let row: Option<(String, String, String, String, bool)> = conn
        .prepare_cached(
            "SELECT k.code, k.summary, k.case_type, c.full_name, k.deleted_at IS NULL
             FROM cases k JOIN citizens c ON c.id = k.citizen_id WHERE k.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let body = match row {
        Some((code, summary, t, name, true)) => Some(lookup::case_text(
            &code,
            &summary,
            (t != "to_cao").then_some(name.as_str()),
        )),
        _ => None,
    };
    put(conn, id * 4 + CASE, body)
}

/// Rebuild the whole index (after a bulk load or an upgrade). Returns the rows indexed.
pub(crate) fn rebuild(conn: &Connection) -> Result<u64> {
    conn.execute("DELETE FROM search", [])?;
    let mut n = 0u64;
    let mut ins = conn.prepare_cached("INSERT INTO search (rowid, body) VALUES (?1, ?2)")?;
    {
        let mut stmt = conn.prepare(
            "SELECT c.id, c.full_name, c.address, c.id_number, c.phone FROM citizens c
             WHERE c.deleted_at IS NULL
               AND (EXISTS (SELECT 1 FROM visits v WHERE v.citizen_id = c.id
                              AND v.deleted_at IS NULL AND v.petition_type != 'to_cao')
                 OR EXISTS (SELECT 1 FROM cases k WHERE k.citizen_id = c.id
                              AND k.deleted_at IS NULL AND k.case_type != 'to_cao'))",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let body = lookup::citizen_text(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?.as_deref(),
                r.get::<_, Option<String>>(4)?.as_deref(),
            );
            ins.execute(params![id * 4 + CITIZEN, body])?;
            n += 1;
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT v.id, v.content, v.prior_agencies, c.full_name FROM visits v
             JOIN citizens c ON c.id = v.citizen_id
             WHERE v.deleted_at IS NULL AND v.petition_type != 'to_cao'",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let body = lookup::visit_text(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
            );
            ins.execute(params![id * 4 + VISIT, body])?;
            n += 1;
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT k.id, k.code, k.summary, k.case_type, c.full_name FROM cases k
             JOIN citizens c ON c.id = k.citizen_id WHERE k.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let t: String = r.get(3)?;
            let name: String = r.get(4)?;
            let body = lookup::case_text(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                (t != "to_cao").then_some(name.as_str()),
            );
            ins.execute(params![id * 4 + CASE, body])?;
            n += 1;
        }
    }
    // One merged segment after a bulk load: queries of common words read far less.
    conn.execute("INSERT INTO search (search) VALUES ('optimize')", [])?;
    Ok(n)
}

/// A citizen found (only citizens who appear in something else than a denunciation are in
/// the index, so their name is open).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CitizenHit {
    pub id: i64,
    pub uid: String,
    #[serde(rename = "name")]
    pub person: Person,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub address: String,
    pub visits: u32,
    pub cases: u32,
    pub last_visit: Option<NaiveDate>,
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

/// What a query found, grouped.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LookupResults {
    pub citizens: Vec<CitizenHit>,
    pub cases: Vec<CaseHit>,
    pub visits: Vec<VisitHit>,
}

impl LookupResults {
    pub fn is_empty(&self) -> bool {
        self.citizens.is_empty() && self.cases.is_empty() && self.visits.is_empty()
    }

    pub fn len(&self) -> usize {
        self.citizens.len() + self.cases.len() + self.visits.len()
    }
}

/// How many candidates are read from the index before grouping.
const CANDIDATES: usize = 150;

/// How many citizen candidates are read in full to be ranked.
const CITIZENS_RANKED: usize = 32;

impl Store {
    /// Search citizens, cases and visits; at most `per_group` of each, best first.
    pub fn lookup(&self, q: &str, per_group: usize) -> Result<LookupResults> {
        let Query {
            fts: Some(fts),
            words,
        } = lookup::parse(q)
        else {
            return Ok(LookupResults::default());
        };
        // Newest first (rowids grow with time); enough candidates to fill every group.
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
        )?;
        let ids: Vec<i64> = match stmt
            .query_map(params![fts, CANDIDATES as i64], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<i64>>>())
        {
            Ok(ids) => ids,
            // A query FTS5 cannot parse finds nothing rather than failing.
            Err(rusqlite::Error::SqliteFailure(..)) => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        let mut out = LookupResults::default();
        for rowid in ids {
            let (id, kind) = (rowid / 4, rowid % 4);
            match kind {
                // The first candidate citizens are read, then ranked below.
                CITIZEN if out.citizens.len() < CITIZENS_RANKED.max(per_group) => {
                    if let Some(h) = self.citizen_hit(id)? {
                        out.citizens.push(h);
                    }
                }
                VISIT if out.visits.len() < per_group => {
                    if let Some(h) = self.visit_hit(id)? {
                        out.visits.push(h);
                    }
                }
                CASE if out.cases.len() < per_group => {
                    if let Some(h) = self.case_hit(id)? {
                        out.cases.push(h);
                    }
                }
                _ => {}
            }
        }
        // Whole-word matches of the name (or the number itself) first — with the diacritics
        // as typed before without — then the citizen with more history, then the most recent.
        let typed: Vec<String> = crate::domain::text::nfc(q)
            .to_lowercase()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let score = |h: &CitizenHit| {
            let full_name = crate::domain::identity::Viewer::nobody()
                .name_of(&h.person)
                .unwrap_or_default()
                .to_owned();
            let lower = crate::domain::text::nfc(&full_name).to_lowercase();
            let accents = typed
                .iter()
                .filter(|w| lower.split_whitespace().any(|n| n == w.as_str()))
                .count();
            let name = crate::domain::text::fold(&full_name);
            let name_words: Vec<&str> = name.split_whitespace().collect();
            let exact = words
                .iter()
                .filter(|w| name_words.contains(&w.as_str()))
                .count();
            // Every word typed found in the name (the last one as a prefix).
            let in_name = words.iter().enumerate().all(|(i, w)| {
                name_words
                    .iter()
                    .any(|n| *n == w || (i + 1 == words.len() && n.starts_with(w.as_str())))
            });
            let number = words.iter().any(|w| {
                h.id_number.as_deref() == Some(w.as_str()) || h.phone.as_deref() == Some(w.as_str())
            });
            (
                usize::from(number),
                in_name,
                exact,
                accents,
                h.visits + h.cases,
                h.last_visit,
            )
        };
        out.citizens.sort_by_key(|h| std::cmp::Reverse(score(h)));
        out.citizens.truncate(per_group);
        // A code typed whole comes first.
        out.cases.sort_by_key(|h| {
            let compact: String = h
                .code
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_lowercase();
            !words.contains(&compact)
        });
        Ok(out)
    }

    fn citizen_hit(&self, id: i64) -> Result<Option<CitizenHit>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT c.id, c.uid, c.full_name, c.id_number, c.phone, c.address,
                        (SELECT count(*) FROM visits v WHERE v.citizen_id = c.id
                           AND v.deleted_at IS NULL AND v.petition_type != 'to_cao'),
                        (SELECT count(*) FROM cases k WHERE k.citizen_id = c.id
                           AND k.deleted_at IS NULL AND k.case_type != 'to_cao'),
                        (SELECT max(day) FROM visits v WHERE v.citizen_id = c.id
                           AND v.deleted_at IS NULL AND v.petition_type != 'to_cao')
                 FROM citizens c WHERE c.id = ?1 AND c.deleted_at IS NULL",
            )?
            .query_row([id], |r| {
                Ok(CitizenHit {
                    id: r.get(0)?,
                    uid: r.get(1)?,
                    person: Person::open(r.get::<_, String>(2)?),
                    id_number: r.get(3)?,
                    phone: r.get(4)?,
                    address: r.get(5)?,
                    visits: r.get(6)?,
                    cases: r.get(7)?,
                    last_visit: r.get(8)?,
                })
            })
            .optional()?)
    }

    fn visit_hit(&self, id: i64) -> Result<Option<VisitHit>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT v.uid, v.day, v.time, c.full_name, v.petition_type, f.name, v.content,
                        v.handling
                 FROM visits v JOIN citizens c ON c.id = v.citizen_id
                 JOIN fields f ON f.id = v.field_id
                 WHERE v.id = ?1 AND v.deleted_at IS NULL AND v.petition_type != 'to_cao'",
            )?
            .query_row([id], |r| {
                let t: String = r.get(4)?;
                let h: String = r.get(7)?;
                Ok(VisitHit {
                    uid: r.get(0)?,
                    day: r.get(1)?,
                    time: r.get(2)?,
                    citizen: Person::open(r.get::<_, String>(3)?),
                    petition_type: PetitionType::from_code(&t).ok_or_else(|| bad_code(4))?,
                    field_name: r.get(5)?,
                    content: r.get(6)?,
                    handling: Handling::from_code(&h).ok_or_else(|| bad_code(7))?,
                })
            })
            .optional()?)
    }

    pub(super) fn case_hit(&self, id: i64) -> Result<Option<CaseHit>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT k.uid, k.code, k.case_type, k.status, f.name, c.full_name, k.summary,
                        k.received_on, k.next_due, k.identity_disclosed,
                        (SELECT e.action FROM case_events e WHERE e.case_id = k.id ORDER BY e.id DESC LIMIT 1),
                        (SELECT e.day FROM case_events e WHERE e.case_id = k.id ORDER BY e.id DESC LIMIT 1)
                 FROM cases k JOIN citizens c ON c.id = k.citizen_id
                 JOIN fields f ON f.id = k.field_id
                 WHERE k.id = ?1 AND k.deleted_at IS NULL",
            )?
            .query_row([id], |r| {
                let t: String = r.get(2)?;
                let s: String = r.get(3)?;
                let case_type = CaseType::from_code(&t).ok_or_else(|| bad_code(2))?;
                let name: String = r.get(5)?;
                let step: Option<String> = r.get(10)?;
                let step_day: Option<NaiveDate> = r.get(11)?;
                let uid: String = r.get(0)?;
                let code: String = r.get(1)?;
                Ok(CaseHit {
                    citizen: Person::of(
                        name,
                        case_type == CaseType::ToCao,
                        Record::Case(uid.clone()),
                        Some(code.clone()),
                        r.get(9)?,
                    ),
                    uid,
                    code,
                    case_type,
                    status: CaseStatus::from_code(&s).ok_or_else(|| bad_code(3))?,
                    field_name: r.get(4)?,
                    summary: r.get(6)?,
                    received_on: r.get(7)?,
                    next_due: r.get(8)?,
                    last_step: step.zip(step_day),
                })
            })
            .optional()?)
    }
}

/// One line of a citizen's history: a visit or a case, in date order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryItem {
    Visit {
        uid: String,
        day: NaiveDate,
        time: String,
        petition_type: PetitionType,
        field_name: String,
        content: String,
        handling: Handling,
        /// The n-th petition of the same type in the same field (2 and up: a repeat).
        repeat: u32,
    },
    Case {
        hit: CaseHit,
        round: u8,
        /// Repeat petitions joined to this case (bổ sung).
        added: u32,
    },
}

impl HistoryItem {
    pub fn day(&self) -> NaiveDate {
        match self {
            HistoryItem::Visit { day, .. } => *day,
            HistoryItem::Case { hit, .. } => hit.received_on,
        }
    }
}

impl Store {
    /// A citizen's whole history — every visit and every case on one timeline, newest first
    /// — without denunciations (a search must never show who denounced whom).
    pub fn citizen_history(&self, citizen_id: i64) -> Result<Vec<HistoryItem>> {
        let mut items = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT v.uid, v.day, v.time, v.petition_type, f.name, v.content, v.handling,
                        (SELECT count(*) FROM visits w WHERE w.citizen_id = v.citizen_id
                           AND w.deleted_at IS NULL AND w.field_id = v.field_id
                           AND w.petition_type = v.petition_type
                           AND (w.day < v.day OR (w.day = v.day AND w.id <= v.id)))
                 FROM visits v JOIN fields f ON f.id = v.field_id
                 WHERE v.citizen_id = ?1 AND v.deleted_at IS NULL AND v.petition_type != 'to_cao'",
            )?;
            let rows = stmt.query_map([citizen_id], |r| {
                let t: String = r.get(3)?;
                let h: String = r.get(6)?;
                Ok(HistoryItem::Visit {
                    uid: r.get(0)?,
                    day: r.get(1)?,
                    time: r.get(2)?,
                    petition_type: PetitionType::from_code(&t).ok_or_else(|| bad_code(3))?,
                    field_name: r.get(4)?,
                    content: r.get(5)?,
                    handling: Handling::from_code(&h).ok_or_else(|| bad_code(6))?,
                    repeat: r.get(7)?,
                })
            })?;
            for row in rows {
                items.push(row?);
            }
        }
        let cases: Vec<(i64, u8, u32)> = self
            .conn
            .prepare_cached(
                "SELECT k.id, k.round,
                        (SELECT count(*) FROM case_events e WHERE e.case_id = k.id AND e.action = 'bo_sung')
                 FROM cases k WHERE k.citizen_id = ?1 AND k.deleted_at IS NULL
                   AND k.case_type != 'to_cao'",
            )?
            .query_map([citizen_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, round, added) in cases {
            if let Some(hit) = self.case_hit(id)? {
                items.push(HistoryItem::Case { hit, round, added });
            }
        }
        items.sort_by_key(|i| std::cmp::Reverse(i.day()));
        Ok(items)
    }
}
