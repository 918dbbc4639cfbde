//! The book is its file. In WAL mode a commit lands in `<book>-wal` first and reaches the
//! book file only at a checkpoint; SQLite checkpoints on its own only past 1,000 pages, or
//! when the *last* connection closes (and not when that one is read-only). So the store
//! checkpoints itself:
//! - when the desk goes idle after a write (`checkpoint_idle`, PASSIVE: it copies what it
//!   can and never waits on a reader or a writer of another desk);
//! - when it closes (`Drop`, TRUNCATE: everything copied and the WAL emptied, waiting a
//!   short while for another desk's reader; when that reader stays, PASSIVE instead).
//!
//! A checkpoint that cannot finish is not an error: the WAL still holds every commit, and
//! the next checkpoint (here or at another desk) finishes it.

use std::time::Duration;

use super::{Result, Store};

/// How long the closing checkpoint waits for another desk's reader before settling for what
/// it can copy without waiting.
const CLOSE_WAIT: Duration = Duration::from_millis(500);

/// How thorough a checkpoint is (SQLite's modes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckpointMode {
    /// Copy what can be copied now, waiting for nobody.
    Passive,
    /// Copy everything and empty the WAL file, waiting (the busy timeout) for readers.
    Truncate,
}

impl CheckpointMode {
    fn sql(self) -> &'static str {
        match self {
            CheckpointMode::Passive => "PRAGMA wal_checkpoint(PASSIVE)",
            CheckpointMode::Truncate => "PRAGMA wal_checkpoint(TRUNCATE)",
        }
    }
}

impl Store {
    /// Whether this connection committed something since its last checkpoint.
    pub fn unflushed(&self) -> bool {
        !self.read_only && self.path.is_some() && self.conn.total_changes() != self.flushed
    }

    /// Copy the WAL into the book file as far as possible. Returns whether the book file now
    /// holds everything (false: a reader or a writer elsewhere held part of it back, or the
    /// book is read-only or in memory). SQLITE_BUSY is an answer, not an error.
    pub fn checkpoint(&mut self, mode: CheckpointMode) -> Result<bool> {
        if self.read_only || self.path.is_none() {
            return Ok(false);
        }
        let changes = self.conn.total_changes();
        let done = match self.conn.query_row(mode.sql(), [], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        }) {
            // (busy, frames in the WAL, frames copied); -1 when not in WAL mode.
            Ok((busy, log, copied)) => busy == 0 && log == copied,
            Err(rusqlite::Error::SqliteFailure(f, _))
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                false
            }
            Err(e) => return Err(e.into()),
        };
        if done {
            self.flushed = changes;
        }
        Ok(done)
    }

    /// The desk is idle after a write: copy what can be copied without waiting.
    pub fn checkpoint_idle(&mut self) -> Result<bool> {
        if !self.unflushed() {
            return Ok(true);
        }
        self.checkpoint(CheckpointMode::Passive)
    }

    /// The closing checkpoint: all of the WAL into the book file and the WAL emptied, waiting
    /// briefly for another desk's reader; failing that, what can be copied now.
    fn checkpoint_at_close(&mut self) {
        if self.read_only || self.path.is_none() {
            return;
        }
        let _ = self.conn.busy_timeout(CLOSE_WAIT);
        let full = self.checkpoint(CheckpointMode::Truncate);
        if !matches!(full, Ok(true)) {
            let _ = self.checkpoint(CheckpointMode::Passive);
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        self.checkpoint_at_close();
    }
}
