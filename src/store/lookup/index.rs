//! Writing the lookup index, always inside the caller's transaction (the write path's, a
//! bulk load's, an upgrade's): a citizen, a visit or a case is re-indexed whenever it is
//! written. Each table is a regular FTS5 table, so a row is replaced by its rowid alone.
//!
//! Row keys fall as time goes on, so that the newest come first in the ascending order FTS5
//! reads fastest, and a search stops after the rows it needs: a visit's or a case's key is
//! minus its id; a citizen's is minus `day × 2^20 + n` — the day of their most recent visit
//! or case (not a denunciation: the order must not tell who denounced lately), then the
//! order in which they were keyed that day.
//!
//! The documents are written through a [`Batch`], in ascending row key per table: FTS5 writes
//! its pending terms out as a new segment whenever a write's rowid is below the one before it
//! in the transaction, so records written in any other order (visits by id: keys minus the
//! id, falling) cost a segment each and their merging — 4 ms a record in an import's index
//! (issue 27), against a few µs in order.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::super::{Result, StoreError};
use crate::domain::lookup::{self, Owner};

/// The bits of a citizen's key below the day.
const SLOT_BITS: u32 = 20;

/// A day's place in citizens' keys (keys of the day are minus `base` and below).
fn day_base(day: NaiveDate) -> i64 {
    i64::from(day.num_days_from_ce()) << SLOT_BITS
}

/// The day a citizen's key belongs to.
fn day_of_key(key: i64) -> i64 {
    (-key) >> SLOT_BITS
}

/// Does the citizen appear in anything but denunciations?
pub(in crate::store) fn exposed(conn: &Connection, citizen_id: i64) -> Result<bool> {
    Ok(last_seen(conn, citizen_id)?.is_some())
}

/// The day of the citizen's most recent visit or case that is not a denunciation (None: the
/// citizen came only to denounce, and is never indexed).
fn last_seen(conn: &Connection, citizen_id: i64) -> Result<Option<NaiveDate>> {
    Ok(conn
        .prepare_cached(
            "SELECT max(d) FROM (
                 SELECT max(day) AS d FROM visits WHERE citizen_id = ?1 AND deleted_at IS NULL
                   AND petition_type != 'to_cao'
                 UNION ALL
                 SELECT max(received_on) FROM cases WHERE citizen_id = ?1 AND deleted_at IS NULL
                   AND case_type != 'to_cao')",
        )?
        .query_row([citizen_id], |r| r.get(0))?)
}

/// A new key on `day`, after (below) the ones already given out that day.
fn new_key(conn: &Connection, day: NaiveDate) -> Result<i64> {
    let base = day_base(day);
    let last: Option<i64> = conn
        .prepare_cached("SELECT min(key) FROM lookup_citizen_keys WHERE key <= ?1 AND key > ?2")?
        .query_row(params![-base, -(base + (1 << SLOT_BITS))], |r| r.get(0))?;
    let key = last.map_or(-base, |k| k - 1);
    if key <= -(base + (1 << SLOT_BITS)) {
        return Err(StoreError::Invalid(
            "too many citizens keyed on one day".into(),
        ));
    }
    Ok(key)
}

/// A citizen's indexed columns: name, address, ID number, phone, year of birth, not deleted.
type CitizenCols = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i32>,
    bool,
);

/// The lookup tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Table {
    Citizens,
    Cases,
    Visits,
}

impl Table {
    fn delete(self) -> &'static str {
        match self {
            Table::Citizens => "DELETE FROM lookup_citizens WHERE rowid = ?1",
            Table::Cases => "DELETE FROM lookup_cases WHERE rowid = ?1",
            Table::Visits => "DELETE FROM lookup_visits WHERE rowid = ?1",
        }
    }

    fn insert(self) -> &'static str {
        match self {
            Table::Citizens => "INSERT INTO lookup_citizens (rowid, body) VALUES (?1, ?2)",
            Table::Cases => "INSERT INTO lookup_cases (rowid, body) VALUES (?1, ?2)",
            Table::Visits => "INSERT INTO lookup_visits (rowid, body) VALUES (?1, ?2)",
        }
    }
}

/// The documents to write in one transaction, held until [`Batch::apply`], which writes them
/// in ascending rowid per table (each rowid's writes in the order they were asked for). Only
/// the FTS tables wait: the keys (`lookup_citizen_keys`) are written at once. Reading a
/// document back is only ever done for a record not yet written in the batch (each record is
/// indexed once per batch; a visit re-indexed by its citizen's new name is written again in
/// its order).
#[derive(Debug, Default)]
pub(in crate::store) struct Batch {
    /// (table, rowid, the document to insert, or None: delete the rowid's).
    writes: Vec<(Table, i64, Option<String>)>,
}

impl Batch {
    fn delete(&mut self, t: Table, rowid: i64) {
        self.writes.push((t, rowid, None));
    }

    fn insert(&mut self, t: Table, rowid: i64, doc: String) {
        self.writes.push((t, rowid, Some(doc)));
    }

    /// Write the documents, in order (see the module's notes).
    pub(in crate::store) fn apply(mut self, conn: &Connection) -> Result<()> {
        self.writes.sort_by_key(|(t, rowid, _)| (*t, *rowid));
        for (t, rowid, doc) in self.writes {
            match doc {
                None => conn.prepare_cached(t.delete())?.execute([rowid])?,
                Some(doc) => conn
                    .prepare_cached(t.insert())?
                    .execute(params![rowid, doc])?,
            };
        }
        Ok(())
    }
}

/// Index a citizen now (a desk's write: see [`citizen_into`]).
pub(in crate::store) fn index_citizen(conn: &Connection, id: i64) -> Result<()> {
    let mut b = Batch::default();
    citizen_into(conn, &mut b, id)?;
    b.apply(conn)
}

/// Index a visit now.
pub(in crate::store) fn index_visit(conn: &Connection, id: i64) -> Result<()> {
    let mut b = Batch::default();
    visit_into(conn, &mut b, id)?;
    b.apply(conn)
}

/// Index a case now.
pub(in crate::store) fn index_case(conn: &Connection, id: i64) -> Result<()> {
    let mut b = Batch::default();
    case_into(conn, &mut b, id)?;
    b.apply(conn)
}

/// A citizen's document (and key) into the batch.
pub(in crate::store) fn citizen_into(conn: &Connection, b: &mut Batch, id: i64) -> Result<()> {
    let row: Option<CitizenCols> = conn
        .prepare_cached(
            "SELECT full_name, address, id_number, phone, birth_year, deleted_at IS NULL
             FROM citizens WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    // The key held, and the document indexed under it.
    let old: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT k.key, s.body FROM lookup_citizen_keys k
             JOIN lookup_citizens s ON s.rowid = k.key WHERE k.citizen_id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((key, _)) = &old {
        b.delete(Table::Citizens, *key);
    }
    let seen = match &row {
        Some((.., true)) => last_seen(conn, id)?,
        _ => None,
    };
    let (Some((name, address, idn, phone, year, _)), Some(day)) = (row, seen) else {
        if old.is_some() {
            conn.prepare_cached("DELETE FROM lookup_citizen_keys WHERE citizen_id = ?1")?
                .execute([id])?;
            reindex_records(conn, b, id)?;
        }
        return Ok(());
    };
    let key = match &old {
        Some((k, _)) if day_of_key(*k) == day_base(day) >> SLOT_BITS => *k,
        _ => new_key(conn, day)?,
    };
    let doc = lookup::citizen_doc(&name, &address, idn.as_deref(), phone.as_deref(), year);
    let carried_changed = old
        .as_ref()
        .is_some_and(|(_, was)| lookup::carried(was) != lookup::carried(&doc));
    b.insert(Table::Citizens, key, doc);
    conn.prepare_cached(
        "INSERT INTO lookup_citizen_keys (citizen_id, key) VALUES (?1, ?2)
         ON CONFLICT (citizen_id) DO UPDATE SET key = excluded.key",
    )?
    .execute(params![id, key])?;
    // A new name or number: the visits and cases that carry them follow.
    if carried_changed {
        reindex_records(conn, b, id)?;
    }
    Ok(())
}

/// Re-index every visit and case of a citizen (their name or numbers changed).
fn reindex_records(conn: &Connection, b: &mut Batch, citizen_id: i64) -> Result<()> {
    let visits: Vec<i64> = conn
        .prepare_cached("SELECT id FROM visits WHERE citizen_id = ?1")?
        .query_map([citizen_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for v in visits {
        visit_into(conn, b, v)?;
    }
    let cases: Vec<i64> = conn
        .prepare_cached("SELECT id FROM cases WHERE citizen_id = ?1")?
        .query_map([citizen_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for k in cases {
        case_into(conn, b, k)?;
    }
    Ok(())
}

/// A visit's document into the batch.
pub(in crate::store) fn visit_into(conn: &Connection, b: &mut Batch, id: i64) -> Result<()> {
    let row: Option<(String, String, String, String, bool)> = conn
        .prepare_cached(
            "SELECT v.content, v.prior_agencies, c.full_name, v.petition_type, v.deleted_at IS NULL
             FROM visits v JOIN citizens c ON c.id = v.citizen_id WHERE v.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    b.delete(Table::Visits, -id);
    if let Some((content, prior, name, t, true)) = row
        && t != "to_cao"
    {
        b.insert(
            Table::Visits,
            -id,
            lookup::visit_doc(&content, &prior, &name),
        );
    }
    Ok(())
}

/// A case's indexed columns: code, summary, type, and its citizen's name, ID and phone.
type CaseCols = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    bool,
);

fn case_doc(
    code: &str,
    summary: &str,
    t: &str,
    name: &str,
    idn: Option<&str>,
    phone: Option<&str>,
) -> String {
    let owner = (t != "to_cao").then_some(Owner {
        name,
        id_number: idn,
        phone,
    });
    lookup::case_doc(code, summary, owner)
}

/// A case's document into the batch.
fn case_into(conn: &Connection, b: &mut Batch, id: i64) -> Result<()> {
    let row: Option<CaseCols> = conn
        .prepare_cached(
            "SELECT k.code, k.summary, k.case_type, c.full_name, c.id_number, c.phone,
                    k.deleted_at IS NULL
             FROM cases k JOIN citizens c ON c.id = k.citizen_id WHERE k.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    b.delete(Table::Cases, -id);
    if let Some((code, summary, t, name, idn, phone, true)) = row {
        let doc = case_doc(&code, &summary, &t, &name, idn.as_deref(), phone.as_deref());
        b.insert(Table::Cases, -id, doc);
    }
    Ok(())
}

/// Rebuild the whole index (after a bulk load or an upgrade). Returns the rows indexed.
pub(in crate::store) fn rebuild(conn: &Connection) -> Result<u64> {
    conn.execute_batch(
        "DELETE FROM lookup_citizens; DELETE FROM lookup_cases; DELETE FROM lookup_visits;
         DELETE FROM lookup_citizen_keys;",
    )?;
    let mut n = 0u64;
    {
        // Newest first, so that rows go in in ascending key order. Within a day, the citizen
        // made last gets the lowest key, as if each had been keyed by their visit.
        let mut stmt = conn.prepare(
            "SELECT c.id, c.full_name, c.address, c.id_number, c.phone, c.birth_year, s.seen,
                    row_number() OVER (PARTITION BY s.seen ORDER BY c.id) - 1
             FROM citizens c JOIN (
                 SELECT citizen_id, max(d) AS seen FROM (
                     SELECT citizen_id, day AS d FROM visits
                      WHERE deleted_at IS NULL AND petition_type != 'to_cao'
                     UNION ALL
                     SELECT citizen_id, received_on FROM cases
                      WHERE deleted_at IS NULL AND case_type != 'to_cao')
                 GROUP BY citizen_id) s ON s.citizen_id = c.id
             WHERE c.deleted_at IS NULL
             ORDER BY s.seen DESC, c.id DESC",
        )?;
        let mut ins = conn.prepare("INSERT INTO lookup_citizens (rowid, body) VALUES (?1, ?2)")?;
        let mut keys =
            conn.prepare("INSERT INTO lookup_citizen_keys (citizen_id, key) VALUES (?1, ?2)")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let seen: NaiveDate = r.get(6)?;
            let slot: i64 = r.get(7)?;
            if slot >= 1 << SLOT_BITS {
                return Err(StoreError::Invalid(
                    "too many citizens keyed on one day".into(),
                ));
            }
            let key = -(day_base(seen) + slot);
            let doc = lookup::citizen_doc(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?.as_deref(),
                r.get::<_, Option<String>>(4)?.as_deref(),
                r.get(5)?,
            );
            ins.execute(params![key, doc])?;
            keys.execute(params![r.get::<_, i64>(0)?, key])?;
            n += 1;
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT v.id, v.content, v.prior_agencies, c.full_name FROM visits v
             JOIN citizens c ON c.id = v.citizen_id
             WHERE v.deleted_at IS NULL AND v.petition_type != 'to_cao' ORDER BY v.id DESC",
        )?;
        let mut ins = conn.prepare("INSERT INTO lookup_visits (rowid, body) VALUES (?1, ?2)")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let doc = lookup::visit_doc(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
            );
            ins.execute(params![-r.get::<_, i64>(0)?, doc])?;
            n += 1;
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT k.id, k.code, k.summary, k.case_type, c.full_name, c.id_number, c.phone
             FROM cases k JOIN citizens c ON c.id = k.citizen_id
             WHERE k.deleted_at IS NULL ORDER BY k.id DESC",
        )?;
        let mut ins = conn.prepare("INSERT INTO lookup_cases (rowid, body) VALUES (?1, ?2)")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let doc = case_doc(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?.as_deref(),
                r.get::<_, Option<String>>(6)?.as_deref(),
            );
            ins.execute(params![-r.get::<_, i64>(0)?, doc])?;
            n += 1;
        }
    }
    // One merged segment per table after a bulk load: queries of common words read far less.
    for t in ["lookup_citizens", "lookup_cases", "lookup_visits"] {
        conn.execute(&format!("INSERT INTO {t} ({t}) VALUES ('optimize')"), [])?;
    }
    Ok(n)
}

/// What `tiepdan check` finds wrong with the index: the first record whose document is
/// missing or differs from its row (entity code, uid), or a table holding more documents
/// than records (entity code, None). Records an import left to index (`lookup_pending`) are
/// not judged yet.
pub(in crate::store) fn verify(
    conn: &Connection,
) -> Result<Option<(&'static str, Option<String>)>> {
    // Visits and cases: each live one (a denunciation's visit excepted) under minus its id.
    let mut expected = 0i64;
    {
        let mut stmt = conn.prepare(
            "SELECT v.uid, v.content, v.prior_agencies, c.full_name, s.body FROM visits v
             JOIN citizens c ON c.id = v.citizen_id
             LEFT JOIN lookup_visits s ON s.rowid = -v.id
             WHERE v.deleted_at IS NULL AND v.petition_type != 'to_cao'
               AND NOT EXISTS (SELECT 1 FROM lookup_pending p WHERE p.kind = 'visit' AND p.id = v.id)
             ORDER BY v.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            expected += 1;
            let doc = lookup::visit_doc(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
            );
            if r.get::<_, Option<String>>(4)?.as_deref() != Some(doc.as_str()) {
                return Ok(Some(("visit", Some(r.get(0)?))));
            }
        }
    }
    if count(
        conn,
        "lookup_visits WHERE rowid NOT IN (SELECT -id FROM lookup_pending WHERE kind = 'visit')",
    )? != expected
    {
        return Ok(Some(("visit", None)));
    }
    expected = 0;
    {
        let mut stmt = conn.prepare(
            "SELECT k.uid, k.code, k.summary, k.case_type, c.full_name, c.id_number, c.phone,
                    s.body
             FROM cases k JOIN citizens c ON c.id = k.citizen_id
             LEFT JOIN lookup_cases s ON s.rowid = -k.id
             WHERE k.deleted_at IS NULL ORDER BY k.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            expected += 1;
            let doc = case_doc(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?.as_deref(),
                r.get::<_, Option<String>>(6)?.as_deref(),
            );
            if r.get::<_, Option<String>>(7)?.as_deref() != Some(doc.as_str()) {
                return Ok(Some(("case", Some(r.get(0)?))));
            }
        }
    }
    if count(conn, "lookup_cases")? != expected {
        return Ok(Some(("case", None)));
    }
    // Citizens: each live one seen in anything but a denunciation, under their key.
    expected = 0;
    {
        let mut stmt = conn.prepare(
            "SELECT c.uid, c.full_name, c.address, c.id_number, c.phone, c.birth_year, d.body
             FROM citizens c JOIN (
                 SELECT citizen_id FROM (
                     SELECT citizen_id FROM visits
                      WHERE deleted_at IS NULL AND petition_type != 'to_cao'
                     UNION
                     SELECT citizen_id FROM cases
                      WHERE deleted_at IS NULL AND case_type != 'to_cao')) s
               ON s.citizen_id = c.id
             LEFT JOIN lookup_citizen_keys k ON k.citizen_id = c.id
             LEFT JOIN lookup_citizens d ON d.rowid = k.key
             WHERE c.deleted_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM lookup_pending p
                               WHERE p.kind = 'citizen' AND p.id = c.id)
             ORDER BY c.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            expected += 1;
            let doc = lookup::citizen_doc(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?.as_deref(),
                r.get::<_, Option<String>>(4)?.as_deref(),
                r.get(5)?,
            );
            if r.get::<_, Option<String>>(6)?.as_deref() != Some(doc.as_str()) {
                return Ok(Some(("citizen", Some(r.get(0)?))));
            }
        }
    }
    const PENDING: &str = "(SELECT id FROM lookup_pending WHERE kind = 'citizen')";
    let docs = count(
        conn,
        &format!(
            "lookup_citizens WHERE rowid NOT IN
                 (SELECT key FROM lookup_citizen_keys WHERE citizen_id IN {PENDING})"
        ),
    )?;
    let keys = count(
        conn,
        &format!("lookup_citizen_keys WHERE citizen_id NOT IN {PENDING}"),
    )?;
    if docs != expected || keys != expected {
        return Ok(Some(("citizen", None)));
    }
    Ok(None)
}

fn count(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
}
