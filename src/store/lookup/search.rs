//! Reading the lookup index. A query's plan (`domain::lookup`) gives each kind its ranks,
//! disjoint and best first; a page reads rank after rank, each newest first (row keys fall
//! as time goes on, and FTS5 reads in ascending order fastest), and stops as soon as it has
//! its rows — the work of a page does not grow with the number of matches. Counting reads
//! every match once, so the app asks for it apart (on its worker, after the first rows).

use rusqlite::{OptionalExtension, params};

use super::{CaseHit, CitizenHit, Cursor, Hits, Kind, LookupResults, VisitHit};
use crate::domain::case::{CaseStatus, CaseType};
use crate::domain::identity::{Context, Particulars, Person};
use crate::domain::lookup::{self, Plan, Query};
use crate::domain::visit::{Handling, PetitionType};
use crate::store::citizens::{counted_case, counted_visit};
use crate::store::{Result, Store, bad_code};

/// Up to how many matches are ranked and counted from one read of the index.
const FEW: usize = 64;

/// A page's row keys with their ranks, where the next page starts, and the counts (total,
/// exact) when they came with it.
struct Page {
    keys: Vec<(i64, usize)>,
    next: Option<Cursor>,
    counts: Option<(u64, Option<u64>)>,
}

fn table(kind: Kind) -> &'static str {
    match kind {
        Kind::Citizens => "lookup_citizens",
        Kind::Cases => "lookup_cases",
        Kind::Visits => "lookup_visits",
    }
}

impl Store {
    /// Search every kind: the first `per_group` rows of each, best first, with the true
    /// counts (the command line and tests; the app asks for the rows and the counts apart).
    pub fn lookup(&self, q: &str, per_group: usize) -> Result<LookupResults> {
        let query = lookup::parse(q);
        let mut r = self.lookup_first(&query, per_group)?;
        for kind in Kind::ALL {
            if r.counts(kind).0.is_none() {
                let (total, exact) = self.lookup_count(&query, kind)?;
                r.set_count(kind, total, exact);
            }
        }
        Ok(r)
    }

    /// The first `per_group` rows of every kind. A kind whose rows all fit is counted too;
    /// the others wait for `lookup_count`.
    pub fn lookup_first(&self, q: &Query, per_group: usize) -> Result<LookupResults> {
        let mut r = LookupResults::default();
        for kind in Kind::ALL {
            let Some(plan) = q.plan(kind) else {
                r.set_count(kind, 0, None);
                continue;
            };
            let page = self.page_keys(kind, &plan, Cursor::default(), per_group)?;
            r.append(self.hits(kind, &page.keys)?, page.next);
            if let Some((total, exact)) = page.counts {
                r.set_count(kind, total, exact);
            } else if page.next.is_none() {
                let exact = page
                    .keys
                    .iter()
                    .filter(|(_, rank)| *rank < plan.exact_ranks);
                let exact = plan.exact.is_some().then(|| exact.count() as u64);
                r.set_count(kind, page.keys.len() as u64, exact);
            }
        }
        Ok(r)
    }

    /// The page of `kind` that starts at `from`: at most `limit` rows, and where the next
    /// one starts (None after the last match).
    pub fn lookup_page(
        &self,
        q: &Query,
        kind: Kind,
        from: Cursor,
        limit: usize,
    ) -> Result<(Hits, Option<Cursor>)> {
        let Some(plan) = q.plan(kind) else {
            return Ok((self.hits(kind, &[])?, None));
        };
        let page = self.page_keys(kind, &plan, from, limit)?;
        Ok((self.hits(kind, &page.keys)?, page.next))
    }

    /// How many records of `kind` match, and how many of them exactly (the name, number or
    /// code as typed; None when the query has no such form). Reads every match.
    pub fn lookup_count(&self, q: &Query, kind: Kind) -> Result<(u64, Option<u64>)> {
        let Some(plan) = q.plan(kind) else {
            return Ok((0, None));
        };
        let count = |expr: &str| -> Result<u64> {
            let t = table(kind);
            Ok(self
                .conn
                .prepare_cached(&format!("SELECT count(*) FROM {t} WHERE {t} MATCH ?1"))?
                .query_row([expr], |r| r.get::<_, i64>(0))? as u64)
        };
        let total = count(&plan.all)?;
        let exact = match &plan.exact {
            Some(e) if total > 0 => Some(count(e)?),
            Some(_) => Some(0),
            None => None,
        };
        Ok((total, exact))
    }

    /// Row keys of a page, each with its rank, ranks in order and newest first within each;
    /// where the next page starts; and the counts (total, exact) when all matches were read.
    ///
    /// A first read takes up to `FEW` matches with their text: when that is all of them,
    /// they are ranked here (`Plan::rank_of`) and counted, with no further query — the case
    /// where the index's work is greatest, words each common but rarely together. Otherwise
    /// the matches are many, and each rank is read from the index newest first, stopping as
    /// soon as the page is full.
    fn page_keys(&self, kind: Kind, plan: &Plan, from: Cursor, limit: usize) -> Result<Page> {
        let limit = limit.max(1);
        let t = table(kind);
        let few: Vec<(i64, String)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT rowid, body FROM {t} WHERE {t} MATCH ?1 ORDER BY rowid LIMIT ?2"
            ))?
            .query_map(params![plan.all, FEW as i64 + 1], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if few.len() <= FEW {
            let mut ranked: Vec<(usize, i64)> = few
                .iter()
                .map(|(key, body)| (plan.rank_of(body), *key))
                .collect();
            ranked.sort_unstable();
            let total = ranked.len() as u64;
            let exact = ranked.iter().filter(|(r, _)| *r < plan.exact_ranks).count() as u64;
            let after: Vec<(i64, usize)> = ranked
                .into_iter()
                .filter(|(r, k)| {
                    *r > from.rank || (*r == from.rank && from.after.is_none_or(|a| *k > a))
                })
                .map(|(r, k)| (k, r))
                .collect();
            let next = (after.len() > limit).then(|| {
                let (k, r) = after[limit - 1];
                Cursor {
                    rank: r,
                    after: Some(k),
                }
            });
            let keys = after.into_iter().take(limit).collect();
            return Ok(Page {
                keys,
                next,
                counts: Some((total, plan.exact.is_some().then_some(exact))),
            });
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT rowid FROM {t} WHERE {t} MATCH ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3"
        ))?;
        let mut keys = Vec::new();
        let mut cur = from;
        while cur.rank < plan.ranks.len() {
            let want = limit.saturating_sub(keys.len());
            // One more than wanted tells whether this rank goes on (with a full page: whether
            // anything follows at all).
            let got: Vec<i64> = stmt
                .query_map(
                    params![
                        plan.ranks[cur.rank],
                        cur.after.unwrap_or(i64::MIN),
                        want as i64 + 1
                    ],
                    |r| r.get(0),
                )?
                .collect::<rusqlite::Result<_>>()?;
            if got.len() > want {
                keys.extend(got[..want].iter().map(|k| (*k, cur.rank)));
                if want > 0 {
                    cur.after = Some(got[want - 1]);
                }
                return Ok(Page {
                    keys,
                    next: Some(cur),
                    counts: None,
                });
            }
            keys.extend(got.iter().map(|k| (*k, cur.rank)));
            cur = Cursor {
                rank: cur.rank + 1,
                after: None,
            };
        }
        Ok(Page {
            keys,
            next: None,
            counts: None,
        })
    }

    /// The rows of `keys`, in their order (a row gone meanwhile is left out).
    fn hits(&self, kind: Kind, keys: &[(i64, usize)]) -> Result<Hits> {
        Ok(match kind {
            Kind::Citizens => {
                let mut rows = Vec::with_capacity(keys.len());
                for (k, _) in keys {
                    rows.extend(self.citizen_hit(*k)?);
                }
                Hits::Citizens(rows)
            }
            Kind::Cases => {
                let mut rows = Vec::with_capacity(keys.len());
                for (k, _) in keys {
                    rows.extend(self.case_hit(-k)?);
                }
                Hits::Cases(rows)
            }
            Kind::Visits => {
                let mut rows = Vec::with_capacity(keys.len());
                for (k, _) in keys {
                    rows.extend(self.visit_hit(-k)?);
                }
                Hits::Visits(rows)
            }
        })
    }

    /// A citizen by their key in the index.
    fn citizen_hit(&self, key: i64) -> Result<Option<CitizenHit>> {
        let sql = format!(
            "SELECT c.id, c.uid, c.full_name, c.birth_year, c.id_number, c.phone, c.address,
                    (SELECT count(*) FROM visits v WHERE v.citizen_id = c.id AND {visit}),
                    (SELECT count(*) FROM cases k WHERE k.citizen_id = c.id AND {case}),
                    (SELECT max(day) FROM visits v WHERE v.citizen_id = c.id AND {visit}),
                    c.id_kind
             FROM lookup_citizen_keys l JOIN citizens c ON c.id = l.citizen_id
             WHERE l.key = ?1 AND c.deleted_at IS NULL",
            visit = counted_visit("v"),
            case = counted_case("k"),
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([key], |r| {
                Ok(CitizenHit {
                    id: r.get(0)?,
                    uid: r.get(1)?,
                    person: Person::open(r.get::<_, String>(2)?).with(Particulars {
                        id_kind: r.get(10)?,
                        id_number: r.get(4)?,
                        phone: r.get(5)?,
                        address: r.get(6)?,
                        birth_year: r.get(3)?,
                        representatives: Vec::new(),
                    }),
                    visits: r.get(7)?,
                    cases: r.get(8)?,
                    last_visit: r.get(9)?,
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

    pub(in crate::store) fn case_hit(&self, id: i64) -> Result<Option<CaseHit>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT k.uid, k.code, k.case_type, k.status, f.name, c.full_name, k.summary,
                        k.received_on, k.next_due, k.identity_disclosed,
                        (SELECT e.action FROM case_events e WHERE e.case_id = k.id ORDER BY e.id DESC LIMIT 1),
                        (SELECT e.day FROM case_events e WHERE e.case_id = k.id ORDER BY e.id DESC LIMIT 1),
                        c.sealed
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
                let step_day: Option<chrono::NaiveDate> = r.get(11)?;
                let uid: String = r.get(0)?;
                let code: String = r.get(1)?;
                Ok(CaseHit {
                    citizen: Person::of(name, Context::of_case(case_type, &uid, &code, r.get(9)?))
                        .sealed(r.get(12)?),
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
