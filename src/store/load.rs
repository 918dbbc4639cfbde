//! Loading an empty book in bulk (the demo generator): one transaction through the same row
//! writers as the desk ([`Bulk`]), with what a load can do once at its end rather than per
//! row set aside until then ([`Deferred`]), and SQLite's page cache sized for a load.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::write::{Bulk, Sql};
use super::{Result, Store, StoreError};

impl Store {
    /// Load an empty book in bulk (the demo generator): one transaction, no officer yet (the
    /// generator's officers are part of the load; its entries are nobody's), one journal
    /// entry per record. Returns what `f` returned, the lookup index's rows and its build
    /// time (ms).
    pub fn load_empty_book<T>(
        &mut self,
        label: &str,
        f: impl FnOnce(&mut Bulk<'_>) -> Result<T>,
    ) -> Result<(T, u64, u64)> {
        self.refuse_read_only()?;
        // A load writes far more than SQLite's 2 MB page cache holds: with it, pages spilled
        // to the WAL mid-transaction and were read back through the WAL's index at every
        // row (a third of a million-visit demo's time). A larger cache for the load, and
        // statement journals in memory (set outside the transaction, as SQLite wants); the
        // book's own settings after, whatever the load's outcome.
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = -{LOAD_CACHE_KIB}; PRAGMA temp_store = MEMORY"
        ))?;
        let out = self.load_empty_book_in(label, f);
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = {cache}; PRAGMA temp_store = DEFAULT"
        ))?;
        out
    }

    fn load_empty_book_in<T>(
        &mut self,
        label: &str,
        f: impl FnOnce(&mut Bulk<'_>) -> Result<T>,
    ) -> Result<(T, u64, u64)> {
        let keys = self.keys.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let empty: bool = tx.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM officers) AND NOT EXISTS (SELECT 1 FROM visits)",
            [],
            |r| r.get(0),
        )?;
        if !empty {
            return Err(StoreError::Invalid("the book is not empty".into()));
        }
        let deferred = Deferred::take(&tx)?;
        let sql = Sql::begin(tx, None)?.sealing_with(keys, None);
        let out = {
            let mut b = Bulk::new(&sql, None, label)?;
            let out = f(&mut b)?;
            let (rows, ms) = b.finish()?;
            (out, rows, ms)
        };
        deferred.restore(sql.conn())?;
        sql.commit()?;
        self.writes += 1;
        Ok(out)
    }
}

/// The page cache of a load of an empty book (KiB).
const LOAD_CACHE_KIB: i64 = 256 * 1024;

/// What a load of an empty book does once at its end rather than per row: the counters the
/// triggers keep (counted from the tables), and the journal's index by record (sorted once).
/// Both are taken away inside the load's transaction, so a failed load leaves them as they
/// were.
struct Deferred {
    sql: Vec<String>,
}

/// The triggers that keep the counters of the queue and the board.
const COUNTER_TRIGGERS: &[&str] = &[
    "cases_count_insert",
    "cases_count_update",
    "cases_next_due_count",
    "case_deadlines_count_insert",
    "case_deadlines_count_delete",
];

impl Deferred {
    fn take(conn: &Connection) -> Result<Deferred> {
        let mut sql = Vec::new();
        let mut names: Vec<(&str, &str)> =
            COUNTER_TRIGGERS.iter().map(|t| ("trigger", *t)).collect();
        names.push(("index", "journal_by_record"));
        for (kind, name) in names {
            let text: Option<String> = conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2",
                    params![kind, name],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(text) = text {
                conn.execute_batch(&format!("DROP {} {name};", kind.to_uppercase()))?;
                sql.push(text);
            }
        }
        Ok(Deferred { sql })
    }

    fn restore(self, conn: &Connection) -> Result<()> {
        conn.execute_batch(
            "DELETE FROM case_status_counts;
             INSERT INTO case_status_counts (field_id, status, n)
                 SELECT field_id, status, count(*) FROM cases WHERE deleted_at IS NULL
                 GROUP BY field_id, status;
             DELETE FROM case_due_counts;
             INSERT INTO case_due_counts (field_id, due_on, n)
                 SELECT field_id, next_due, count(*) FROM cases WHERE next_due IS NOT NULL
                 GROUP BY field_id, next_due;
             DELETE FROM obligation_counts;
             INSERT INTO obligation_counts (due_on, n)
                 SELECT due_on, count(*) FROM case_deadlines GROUP BY due_on;",
        )?;
        for text in self.sql {
            conn.execute_batch(&format!("{text};"))?;
        }
        Ok(())
    }
}
