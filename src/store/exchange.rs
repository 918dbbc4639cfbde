//! Imports of old books (issue 27): one transaction for a whole file, through the desk's own
//! writers — the citizen recognised and upserted as the form does (`citizens::upsert`: by ID
//! number, or name and phone; a denouncer-only citizen stays guarded), the session found or
//! opened as the form does (`visits::session_for`), the visit inserted by the bulk writer
//! (`Bulk::visit`, which keeps the import's stable uid) — each through its row writer
//! (`rows/`), so every record an import writes has its journal entry. No INSERT of a record
//! is written here.
//!
//! **Idempotent**: a visit whose uid is already in the book is left alone, so importing the
//! same file twice adds nothing.
//!
//! **The lookup index** of the imported rows is written after the data, in small
//! transactions (`Store::index_pending`), each bounded in time so another desk's save waits
//! at most that long (`Store::index_all_pending`: a pause after each while a window of the
//! book is open); the rows still to index are listed in `lookup_pending` in the data's own
//! transaction, so a crash between leaves nothing unfindable for good.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde_json::Value;

use super::{
    Bulk, BulkVisit, CitizenInput, Permission, Result, Store, Writer, citizens, lookup, now_stamp,
    rows, visits,
};
use crate::domain::identity::SealedIdentity;
use crate::domain::journal::{Entity, Op};
use crate::domain::text::clean_line;
use crate::domain::visit::{PetitionType, ValidVisit};

/// A row of an old book, ready for the book: validated by the visit form's checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedVisit {
    /// Stable: derived from what the row says (see `exchange::import::row::visit_uid`).
    pub uid: String,
    pub visit: ValidVisit,
    /// The receiving officer named by the row, when they are an officer of this book (else
    /// the officer who imports).
    pub officer_id: Option<i64>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// Visits written.
    pub added: u64,
    /// Visits already in the book (an earlier import of the same rows).
    pub already: u64,
    /// Citizens the book did not know, and the visits that joined a citizen it knew.
    pub citizens_new: u64,
    pub citizens_known: u64,
    /// Reception sessions opened.
    pub sessions_new: u64,
    /// Denouncers' identities sealed (new, or sealed again with what a row adds), and how
    /// many of those seals a second thread had made ahead (`store::ahead`).
    pub sealed: u64,
    pub sealed_ahead: u64,
}

/// How long one write of the lookup index holds the book.
pub const INDEX_SLICE: Duration = Duration::from_millis(250);

/// The pause after each write of the lookup index while a window of this book is open
/// (longer than SQLite's longest wait between two tries of a waiting desk, 100 ms), so that
/// a desk's save waits at most one write. With no window open nobody waits: no pause.
pub const INDEX_PAUSE: Duration = Duration::from_millis(110);

/// The whole lookup index left pending, written (`Store::index_all_pending`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexAll {
    /// Records indexed.
    pub records: u64,
    /// Writes (transactions) it took.
    pub writes: u64,
    /// The longest of them, and the time it all took, in seconds.
    pub longest: f64,
    pub secs: f64,
    /// Pauses left to an open window.
    pub pauses: u64,
}

/// One batch of the lookup index written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexProgress {
    /// Records indexed by this batch.
    pub done: u64,
    /// Records still to index.
    pub left: u64,
}

fn count(w: &Writer, table: &str) -> Result<u64> {
    Ok(
        w.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
            r.get::<_, i64>(0)
        })? as u64,
    )
}

impl Writer<'_> {
    /// Write the rows of an old book, oldest first, in this one transaction (see the
    /// module's notes). `label` names the import in the audit (the file and its digest).
    pub fn import_visits(&mut self, label: &str, rows: &[ImportedVisit]) -> Result<ImportOutcome> {
        self.permit(Permission::BulkLoad)?;
        let mut order: Vec<&ImportedVisit> = rows.iter().collect();
        order.sort_by(|a, b| (a.visit.day, &a.visit.time).cmp(&(b.visit.day, &b.visit.time)));
        let mut out = ImportOutcome::default();
        let (citizens_before, sessions_before) =
            (count(self, "citizens")?, count(self, "sessions")?);
        let by = self.officer_id();
        let now = now_stamp();
        let w: &Writer = self;
        // The rows' pages kept in memory until the commit: with SQLite's 2 MB cache a big
        // import spilled pages to the WAL and read them back at every row of its random
        // uid indexes. Back to the book's cache after.
        let cache: i64 = w.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        w.conn()
            .execute_batch(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))?;
        let written = write_rows(w, &mut out, &order, by, label, &now);
        w.conn()
            .execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
        written?;
        out.citizens_new = count(w, "citizens")? - citizens_before;
        out.citizens_known = out.added - out.citizens_new.min(out.added);
        out.sessions_new = count(w, "sessions")? - sessions_before;
        // Which file the records came from (each record has its own entry).
        self.fact(
            Op::Import,
            Entity::Book,
            label,
            rows::facts([
                ("visits", Value::from(out.added)),
                ("already", Value::from(out.already)),
                ("citizens", Value::from(out.citizens_new)),
                ("sessions", Value::from(out.sessions_new)),
            ]),
        )?;
        Ok(out)
    }
}

/// The page cache of an import's transaction (KiB): 64 MB.
const IMPORT_CACHE_KIB: i64 = 64 * 1024;

/// The rows of an import, each through the desk's writers (see the module's notes).
fn write_rows(
    w: &Writer,
    out: &mut ImportOutcome,
    order: &[&ImportedVisit],
    by: i64,
    label: &str,
    now: &str,
) -> Result<()> {
    // The identities of the rows' denouncers, as a new citizen's record seals them
    // (`rows::insert_citizen`): sealed on a second thread while this one writes.
    let plains: Vec<Vec<u8>> = order
        .iter()
        .filter(|r| r.visit.petition_type == PetitionType::ToCao)
        .map(|r| expected_identity(&r.visit).to_bytes())
        .collect();
    let recipients = w.recipients()?;
    let (written, taken, missed) = w.sealing_ahead(plains, recipients, || {
        each_row(w, out, order, by, label, now)
    });
    out.sealed = (taken + missed) as u64;
    out.sealed_ahead = taken as u64;
    written
}

/// A denouncer's identity as a new citizen's record seals it (`rows::insert_citizen`).
fn expected_identity(v: &ValidVisit) -> SealedIdentity {
    SealedIdentity {
        name: clean_line(&v.full_name),
        id_kind: v.id_number.as_ref().map(|i| i.kind.code().to_owned()),
        id_number: v.id_number.as_ref().map(|i| i.value.clone()),
        phone: v.phone.as_ref().map(|p| p.value.clone()),
        address: clean_line(&v.address),
        birth_year: None,
        sex: None,
    }
}

fn each_row(
    w: &Writer,
    out: &mut ImportOutcome,
    order: &[&ImportedVisit],
    by: i64,
    label: &str,
    now: &str,
) -> Result<()> {
    let mut bulk = Bulk::new(w, Some(by), label)?;
    for r in order {
        let known: bool = w
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM visits WHERE uid = ?1)")?
            .query_row([&r.uid], |x| x.get(0))?;
        if known {
            out.already += 1;
            continue;
        }
        let v = &r.visit;
        let citizen_id = match particulars(w, v)? {
            (who, Some(found)) => citizens::upsert_found(w, found, &who)?,
            (who, None) => citizens::upsert(w, None, &who, false)?,
        };
        let session_id = visits::session_for(w, v.day, v)?;
        let id = bulk.visit(&BulkVisit {
            uid: &r.uid,
            session_id,
            citizen_id,
            day: v.day,
            time: &v.time,
            visit: v,
            at: now,
            by: r.officer_id.unwrap_or(by),
        })?;
        let mut pending =
            w.prepare_cached("INSERT OR IGNORE INTO lookup_pending (kind, id) VALUES (?1, ?2)")?;
        pending.execute(params!["visit", id])?;
        pending.execute(params!["citizen", citizen_id])?;
        out.added += 1;
    }
    Ok(())
}

/// Who a row is from, for `citizens::upsert`. A citizen the book already knows from a
/// later visit keeps the address and phone on record (an old book's would replace newer
/// ones): the row passes only what recognises them (the ID number, or the phone when it
/// has none). With them, who they were found to be (`citizens::find`'s answer), when it is
/// what the upsert would find again (the row passed whole).
#[allow(clippy::type_complexity)]
fn particulars<'v>(
    w: &Writer,
    v: &'v ValidVisit,
) -> Result<(CitizenInput<'v>, Option<Option<(i64, citizens::MatchedBy)>>)> {
    let whole = CitizenInput {
        full_name: &v.full_name,
        id_number: v.id_number.as_ref(),
        phone: v.phone.as_ref(),
        address: &v.address,
        denouncer: v.petition_type == PetitionType::ToCao,
    };
    let found = citizens::find(w, &whole)?;
    let Some((id, _)) = found else {
        return Ok((whole, Some(found)));
    };
    let latest: Option<NaiveDate> = w
        .prepare_cached("SELECT max(day) FROM visits WHERE citizen_id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    if latest.is_none_or(|d| d <= v.day) {
        return Ok((whole, Some(found)));
    }
    Ok((
        CitizenInput {
            address: "",
            phone: if v.id_number.is_some() {
                None
            } else {
                whole.phone
            },
            ..whole
        },
        None,
    ))
}

impl Store {
    /// The uids among `uids` that are visits of the book already (a dry run's count of
    /// what an import would skip).
    pub fn known_visits(&self, uids: &[&str]) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT uid FROM visits WHERE uid = ?1")?;
        let mut out = std::collections::HashSet::new();
        for u in uids {
            if let Some(found) = stmt.query_row([u], |r| r.get::<_, String>(0)).optional()? {
                out.insert(found);
            }
        }
        Ok(out)
    }

    /// Records whose lookup index is still to be written.
    pub fn index_left(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM lookup_pending", [], |r| {
                r.get::<_, i64>(0)
            })? as u64)
    }

    /// Write the lookup index of records an import left pending: one transaction that
    /// holds the book for about `budget`, so another desk's save waits at most that long:
    /// the records' documents are made for a third of it, then written (in the order FTS5
    /// writes fastest, about half again as long) and committed. Call again until nothing is
    /// left.
    /// Write the lookup index left pending (an import's, a merge's), in writes of
    /// [`INDEX_SLICE`]; after each, while any window of this book is open (its life mark
    /// locked, `windows::any_window_alive`, looked at again after every write), a pause of
    /// [`INDEX_PAUSE`] for its saves.
    pub fn index_all_pending(&mut self) -> Result<IndexAll> {
        self.index_all_pending_in(INDEX_SLICE)
    }

    /// [`Store::index_all_pending`] in writes of `slice` (each writes at least one record).
    pub fn index_all_pending_in(&mut self, slice: Duration) -> Result<IndexAll> {
        let started = Instant::now();
        let mut all = IndexAll {
            records: 0,
            writes: 0,
            longest: 0.0,
            secs: 0.0,
            pauses: 0,
        };
        loop {
            let write = Instant::now();
            let p = self.index_pending(slice)?;
            all.longest = all.longest.max(write.elapsed().as_secs_f64());
            all.records += p.done;
            if p.done > 0 {
                all.writes += 1;
            }
            if p.left == 0 {
                break;
            }
            if self
                .path
                .as_deref()
                .is_some_and(super::windows::any_window_alive)
            {
                all.pauses += 1;
                std::thread::sleep(INDEX_PAUSE);
            }
        }
        all.secs = started.elapsed().as_secs_f64();
        Ok(all)
    }

    pub fn index_pending(&mut self, budget: Duration) -> Result<IndexProgress> {
        self.refuse_read_only()?;
        let started = Instant::now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut done = 0u64;
        let mut docs = lookup::Batch::default();
        {
            // Visits first, newest first (their keys, minus the id, then rise: the order
            // FTS5 writes fastest), then citizens in the order they were made (which keys
            // them within a day). Each read in the table's own order: no sort of all that
            // is left at every batch.
            let mut visits = tx.prepare_cached(
                "SELECT id FROM lookup_pending WHERE kind = 'visit' ORDER BY id DESC LIMIT 256",
            )?;
            let mut citizens = tx.prepare_cached(
                "SELECT id FROM lookup_pending WHERE kind = 'citizen' ORDER BY id LIMIT 256",
            )?;
            let mut forget =
                tx.prepare_cached("DELETE FROM lookup_pending WHERE kind = ?1 AND id = ?2")?;
            'batches: loop {
                let mut kind = "visit";
                let mut batch: Vec<i64> = visits
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                if batch.is_empty() {
                    kind = "citizen";
                    batch = citizens
                        .query_map([], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                }
                if batch.is_empty() {
                    break;
                }
                for id in batch {
                    match kind {
                        "visit" => lookup::visit_into(&tx, &mut docs, id)?,
                        _ => lookup::citizen_into(&tx, &mut docs, id)?,
                    }
                    forget.execute(params![kind, id])?;
                    done += 1;
                    if started.elapsed() >= budget / 3 {
                        break 'batches;
                    }
                }
            }
        }
        // The documents, in the order FTS5 writes fastest (`lookup::Batch`).
        docs.apply(&tx)?;
        let left: i64 = tx.query_row("SELECT count(*) FROM lookup_pending", [], |r| r.get(0))?;
        tx.commit()?;
        if done > 0 {
            self.writes += 1;
        }
        Ok(IndexProgress {
            done,
            left: left as u64,
        })
    }
}
