//! The SQLite store: open (with refusal checks), pragmas, migrations, and one file per aggregate.
//!
//! Only this module speaks SQL. Every write is a transaction (IMMEDIATE) that also writes the
//! audit row; text is NFC-normalized before it is written.

mod audit;
mod cases;
mod citizens;
mod deadlines;
mod drafts;
mod fields;
mod lookup;
mod migrate;
mod officers;
pub mod settings;
mod visits;

pub use audit::AuditRow;
pub use cases::{
    CaseDetail, CaseEvent, CaseRow, CaseSource, FieldCount, NewCase, QueueFilter, QueueOrder,
    StatusFilter, StepInput,
};
pub use citizens::{
    CitizenInput, CitizenMatch, CitizenRecord, MatchedBy, citizens_matched_by_label,
};
pub(crate) use deadlines::recompute_all;
pub use deadlines::{Board, BoardRow, CaseDue, DeadlineContext};
pub use drafts::DRAFT_VISIT_FORM;
pub use fields::Field;
pub(crate) use lookup::rebuild as rebuild_lookup_index;
pub use lookup::{CaseHit, CitizenHit, HistoryItem, LookupResults, VisitHit};
pub use migrate::{LATEST_VERSION, MIGRATION_FILES};
pub use officers::Officer;
pub use visits::{VisitDetail, VisitInput, VisitRow};

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

/// `PRAGMA application_id` of every tiepdan database ("TDAN").
pub const APPLICATION_ID: i32 = 0x5444_414E;

/// Why a database could not be opened. The file is left untouched in every case.
#[derive(Debug)]
pub enum OpenError {
    /// The file exists but is not an SQLite database.
    NotSqlite(PathBuf),
    /// An SQLite database that belongs to another program.
    NotTiepdan(PathBuf),
    /// Made by a newer tiepdan: its schema version is above what this binary knows.
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The folder could not be created or the file could not be read.
    Io(PathBuf, std::io::Error),
    Sql(rusqlite::Error),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NotSqlite(p) => write!(f, "{} is not an SQLite database", p.display()),
            OpenError::NotTiepdan(p) => {
                write!(
                    f,
                    "{} is an SQLite database of another program",
                    p.display()
                )
            }
            OpenError::TooNew {
                path,
                found,
                supported,
            } => write!(
                f,
                "{} was made by a newer tiepdan (schema {found}, this binary knows {supported})",
                path.display()
            ),
            OpenError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            OpenError::Sql(e) => write!(f, "SQLite: {e}"),
        }
    }
}

impl std::error::Error for OpenError {}

impl From<rusqlite::Error> for OpenError {
    fn from(e: rusqlite::Error) -> Self {
        OpenError::Sql(e)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An error from a store operation after the database is open.
#[derive(Debug)]
pub enum StoreError {
    Sql(rusqlite::Error),
    /// A referenced record does not exist (uid or id).
    NotFound(&'static str),
    /// Input that the store refuses (a check the domain layer should have caught).
    Invalid(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sql(e) => write!(f, "SQLite: {e}"),
            StoreError::NotFound(what) => write!(f, "not found: {what}"),
            StoreError::Invalid(why) => write!(f, "invalid: {why}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Invalid(e.to_string())
    }
}

/// The tiepdan database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Open (or create) the database at `path`, refusing foreign or newer files untouched.
    pub fn open(path: &Path) -> Result<Store, OpenError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| OpenError::Io(dir.to_owned(), e))?;
        }
        let existed = match std::fs::File::open(path) {
            Ok(mut f) => {
                let mut head = [0u8; 16];
                let n = read_up_to(&mut f, &mut head).map_err(|e| OpenError::Io(path.into(), e))?;
                if n > 0 && (n < 16 || &head != SQLITE_MAGIC) {
                    return Err(OpenError::NotSqlite(path.to_owned()));
                }
                n > 0
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(OpenError::Io(path.to_owned(), e)),
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| match e {
            rusqlite::Error::SqliteFailure(ref f, _)
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                OpenError::NotSqlite(path.to_owned())
            }
            other => OpenError::Sql(other),
        })?;
        if !existed {
            restrict_permissions(path);
        }
        let mut store = Store {
            conn,
            path: Some(path.to_owned()),
        };
        store.check_identity(path)?;
        store.prepare()?;
        Ok(store)
    }

    /// A fresh in-memory database (tests and benches).
    pub fn open_in_memory() -> Result<Store, OpenError> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None };
        store.check_identity(Path::new(":memory:"))?;
        store.prepare()?;
        Ok(store)
    }

    /// Refuse a database of another program or of a newer tiepdan, before changing anything.
    fn check_identity(&self, path: &Path) -> Result<(), OpenError> {
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(ref f, _)
                    if f.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    OpenError::NotSqlite(path.to_owned())
                }
                other => OpenError::Sql(other),
            })?;
        let objects: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID && (app_id != 0 || objects > 0) {
            return Err(OpenError::NotTiepdan(path.to_owned()));
        }
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > LATEST_VERSION {
            return Err(OpenError::TooNew {
                path: path.to_owned(),
                found: version,
                supported: LATEST_VERSION,
            });
        }
        Ok(())
    }

    /// Per-connection pragmas, then migrations.
    fn prepare(&mut self) -> Result<(), OpenError> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        // WAL survives a crash and lets readers work while one officer writes.
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;",
        )?;
        self.conn
            .pragma_update(None, "application_id", APPLICATION_ID)?;
        let before: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        migrate::to_latest(&mut self.conn)?;
        // Data that existed before a feature gets what the feature computes: due dates of
        // open cases (schema 3), the lookup index (schema 4).
        let upgrade = |e: StoreError| match e {
            StoreError::Sql(e) => OpenError::Sql(e),
            other => OpenError::Sql(rusqlite::Error::InvalidParameterName(other.to_string())),
        };
        if (1..migrate::LATEST_VERSION).contains(&before) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            if before < migrate::DEADLINES_VERSION {
                deadlines::recompute_all(&tx).map_err(upgrade)?;
            }
            if before < migrate::LOOKUP_VERSION {
                lookup::rebuild(&tx).map_err(upgrade)?;
            }
            tx.commit()?;
        }
        Ok(())
    }

    /// Where the database lives (None in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version (`user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Raw connection, for the demo generator's bulk loads and for tests.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Raw mutable connection, for the demo generator's bulk loads.
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Begin an IMMEDIATE write transaction (takes the write lock up front).
    fn write_tx(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

fn read_up_to(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // Personal data: readable by the owner only. Best effort; the open does not fail on it.
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) {}

/// Now, as stored in `created_at`/`updated_at` (local time, ISO 8601 with seconds).
pub(crate) fn now_stamp() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A new global unique id (UUID v7: time-ordered, random).
pub fn new_uid() -> String {
    uuid::Uuid::now_v7().to_string()
}
