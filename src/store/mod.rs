//! The SQLite store: open (with refusal checks), pragmas, migrations, and one file per aggregate.
//!
//! Only this module speaks SQL. Every write goes through `Store::write` (write.rs): one
//! IMMEDIATE transaction on behalf of a signed-in `Actor`, with its audit rows, index and
//! counters; text is NFC-normalized before it is written. Nothing outside holds a writable
//! connection; reads are `&self` methods (and `inspect` for read-only queries).

mod audit;
mod cases;
mod citizens;
mod deadlines;
mod drafts;
mod fields;
mod lookup;
mod migrate;
mod officers;
mod report;
pub mod settings;
mod visits;
mod write;

pub use audit::AuditRow;
pub use cases::{
    BulkCase, BulkStep, CaseDetail, CaseEvent, CaseRow, CaseSource, FieldCount, Intake, NewCase,
    QueueFilter, QueueOrder, SavedCase, StatusFilter, StepInput, VisitEdit,
};
pub use citizens::{
    BulkCitizen, CitizenInput, CitizenMatch, CitizenRecord, MatchedBy, citizens_matched_by_label,
};
pub use deadlines::{Board, BoardRow, CaseDue, DeadlineContext};
pub use drafts::{DRAFT_ENTRY_FORM, DRAFT_VISIT_FORM, Draft};
pub use fields::Field;
pub use lookup::{CaseHit, CitizenHit, HistoryItem, LookupResults, VisitHit};
pub use migrate::{LATEST_VERSION, MIGRATION_FILES};
pub use officers::Officer;
pub use report::{TraceCase, TraceVisit};
pub use visits::{
    BulkSession, BulkVisit, KnownCitizen, SavedVisit, VisitDetail, VisitInput, VisitRow,
};
pub use write::{Actor, Bulk, Permission, Writer};

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// `PRAGMA application_id` of every tiepdan database ("TDAN").
pub const APPLICATION_ID: i32 = 0x5444_414E;

/// Why a database could not be opened. The file is left untouched in every case.
#[derive(Debug)]
pub enum OpenError {
    /// No book at this path (and creating one was not asked for).
    Missing(PathBuf),
    /// The file exists but is not an SQLite database (or is empty).
    NotSqlite(PathBuf),
    /// An SQLite file that cannot be read: damaged or cut short (a copy stopped halfway, a
    /// full disk). It is left as it is, for a restore from a backup.
    Damaged(PathBuf),
    /// An SQLite database that belongs to another program.
    NotTiepdan(PathBuf),
    /// Made by a newer tiepdan: its schema version is above what this binary knows.
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// Opened read-only, but the book has an older schema that must be upgraded first.
    NeedsUpgrade {
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
            OpenError::Missing(p) => write!(f, "no tiepdan book at {}", p.display()),
            OpenError::NotSqlite(p) => write!(f, "{} is not an SQLite database", p.display()),
            OpenError::Damaged(p) => write!(f, "{} is damaged or cut short", p.display()),
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
            OpenError::NeedsUpgrade {
                path,
                found,
                supported,
            } => write!(
                f,
                "{} has schema {found} and needs the upgrade to {supported}",
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
    /// The book was opened read-only: nothing can be written.
    ReadOnly,
    /// An active officer already has this name (as recorded).
    OfficerExists(String),
    /// The acting officer may not write this (disabled at another desk, or by role).
    NotPermitted,
    /// The record changed since it was read (another desk, or another window), at
    /// `changed_at` when known: the edit would overwrite that change, so it is refused.
    Conflict {
        what: &'static str,
        changed_at: Option<String>,
    },
    /// The law does not allow this step of a case now.
    Refused {
        action: crate::domain::case::Action,
        status: crate::domain::case::CaseStatus,
        why: crate::domain::case::Refusal,
    },
    /// A visit with handling thụ lý whose citizen already has an open case in its field: the
    /// officer decides whether it joins that case or opens a new one.
    OpenCaseExists {
        case_uid: String,
        code: String,
    },
    /// An edit (or void) of a visit its case cannot follow any more: change it at the case.
    EditBlocked {
        code: String,
        status: crate::domain::case::CaseStatus,
        what: EditWhat,
    },
    /// A step dated before what it follows (the petition's receipt, or the case's last step),
    /// or after today.
    StepDate {
        day: chrono::NaiveDate,
        limit: chrono::NaiveDate,
        rule: StepDateRule,
    },
}

/// What a visit's case could not follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditWhat {
    /// The petition type, once the case moved on from new.
    Type,
    /// The day received, once the case moved on from new.
    Day,
    /// Thụ lý changed to another handling: a case is never deleted.
    Handling,
    /// A void: the case moved on.
    Void,
}

/// Why a step's date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepDateRule {
    BeforeReceipt,
    BeforePreviousStep,
    Future,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sql(e) => write!(f, "SQLite: {e}"),
            StoreError::NotFound(what) => write!(f, "not found: {what}"),
            StoreError::Invalid(why) => write!(f, "invalid: {why}"),
            StoreError::ReadOnly => write!(f, "the book is open read-only"),
            StoreError::OfficerExists(name) => write!(f, "an officer named {name} exists"),
            StoreError::NotPermitted => write!(f, "not permitted"),
            StoreError::Conflict { what, changed_at } => write!(
                f,
                "{what} changed elsewhere ({})",
                changed_at.as_deref().unwrap_or("?")
            ),
            StoreError::Refused {
                action,
                status,
                why,
            } => {
                write!(f, "{action:?} not allowed from {status:?}: {why:?}")
            }
            StoreError::OpenCaseExists { code, .. } => write!(f, "open case {code} exists"),
            StoreError::EditBlocked { code, what, .. } => {
                write!(f, "case {code} cannot follow the {what:?} change")
            }
            StoreError::StepDate { day, limit, rule } => {
                write!(f, "step dated {day}: {rule:?} {limit}")
            }
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
    read_only: bool,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Whether opening may create a new book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Create {
    /// Create the file (and its folder) when it does not exist: the default location, or
    /// when the officer asked (`--create`, or a confirmation naming the path).
    IfMissing,
    /// Open an existing book only; a missing or empty file is refused.
    No,
}

/// Read the first bytes of `path`: None when it does not exist.
fn file_head(path: &Path) -> Result<Option<(usize, [u8; 16])>, OpenError> {
    match std::fs::File::open(path) {
        Ok(mut f) => {
            let mut head = [0u8; 16];
            let n = read_up_to(&mut f, &mut head).map_err(|e| OpenError::Io(path.into(), e))?;
            Ok(Some((n, head)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(OpenError::Io(path.to_owned(), e)),
    }
}

/// SQLite's "not a database" and "corrupt" in our words: a file that starts like an SQLite
/// database but cannot be read is damaged (cut short, overwritten), not foreign.
fn not_a_database(path: &Path) -> impl Fn(rusqlite::Error) -> OpenError + '_ {
    move |e| match e {
        rusqlite::Error::SqliteFailure(ref f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
            ) =>
        {
            match file_head(path) {
                Ok(Some((16, head))) if &head == SQLITE_MAGIC => {
                    OpenError::Damaged(path.to_owned())
                }
                _ => OpenError::NotSqlite(path.to_owned()),
            }
        }
        other => OpenError::Sql(other),
    }
}

impl Store {
    /// Open (or, with `Create::IfMissing`, create) the book at `path` read-write, upgrading
    /// its schema; foreign, newer, empty or damaged files are refused untouched.
    pub fn open_with(path: &Path, create: Create) -> Result<Store, OpenError> {
        let existed = match file_head(path)? {
            None if create == Create::No => return Err(OpenError::Missing(path.to_owned())),
            None => false,
            Some((0, _)) if create == Create::No => {
                return Err(OpenError::NotSqlite(path.to_owned()));
            }
            Some((0, _)) => false,
            Some((n, head)) => {
                if n < 16 || &head != SQLITE_MAGIC {
                    return Err(OpenError::NotSqlite(path.to_owned()));
                }
                true
            }
        };
        if !existed && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| OpenError::Io(dir.to_owned(), e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(not_a_database(path))?;
        if !existed {
            restrict_permissions(path);
        }
        // A file we may not write (0444, a locked share): SQLite opens it read-only.
        let read_only = conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
        let mut store = Store {
            conn,
            path: Some(path.to_owned()),
            read_only,
        };
        store.check_identity(path)?;
        if read_only {
            let found = store.schema_version().map_err(|e| match e {
                StoreError::Sql(e) => OpenError::Sql(e),
                other => OpenError::Sql(rusqlite::Error::InvalidParameterName(other.to_string())),
            })?;
            if found < LATEST_VERSION {
                return Err(OpenError::NeedsUpgrade {
                    path: path.to_owned(),
                    found,
                    supported: LATEST_VERSION,
                });
            }
            store.conn.busy_timeout(Duration::from_secs(5))?;
        } else {
            store.prepare(path)?;
        }
        Ok(store)
    }

    /// Open the book at `path`, creating it when missing (the default location).
    pub fn open(path: &Path) -> Result<Store, OpenError> {
        Store::open_with(path, Create::IfMissing)
    }

    /// Open an existing book for reading only: nothing is written (no pragma, no migration,
    /// no lock taken for writing), and it works on a read-only file or folder. The schema must
    /// be the newest (an older book is upgraded by a read-write open first).
    pub fn open_read_only(path: &Path) -> Result<Store, OpenError> {
        match file_head(path)? {
            None => return Err(OpenError::Missing(path.to_owned())),
            Some((n, head)) if n < 16 || &head != SQLITE_MAGIC => {
                return Err(OpenError::NotSqlite(path.to_owned()));
            }
            Some(_) => {}
        }
        let conn = open_read_only_conn(path).map_err(not_a_database(path))?;
        let store = Store {
            conn,
            path: Some(path.to_owned()),
            read_only: true,
        };
        store.check_identity(path)?;
        let version = store.schema_version().map_err(|e| match e {
            StoreError::Sql(e) => OpenError::Sql(e),
            other => OpenError::Sql(rusqlite::Error::InvalidParameterName(other.to_string())),
        })?;
        if version < LATEST_VERSION {
            return Err(OpenError::NeedsUpgrade {
                path: path.to_owned(),
                found: version,
                supported: LATEST_VERSION,
            });
        }
        store.conn.busy_timeout(Duration::from_secs(5))?;
        Ok(store)
    }

    /// A fresh in-memory database (tests and benches).
    pub fn open_in_memory() -> Result<Store, OpenError> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            read_only: false,
        };
        store.check_identity(Path::new(":memory:"))?;
        store.prepare(Path::new(":memory:"))?;
        Ok(store)
    }

    /// Another connection to the same book, read-only, for work off the UI thread (None for
    /// an in-memory book, which only this connection can see).
    pub fn reader(&self) -> Option<Store> {
        let path = self.path.as_ref()?;
        let conn = open_read_only_conn(path).ok()?;
        conn.busy_timeout(Duration::from_secs(5)).ok()?;
        Some(Store {
            conn,
            path: Some(path.clone()),
            read_only: true,
        })
    }

    /// The connection, for the crate's own tests of the data.
    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A handle that stops this connection's running query (a newer lookup replaces it).
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Was the book opened read-only?
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Refuse a database of another program or of a newer tiepdan, before changing anything.
    fn check_identity(&self, path: &Path) -> Result<(), OpenError> {
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(not_a_database(path))?;
        let objects: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(not_a_database(path))?;
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

    /// Per-connection pragmas, then the migrations and their backfills (one transaction).
    fn prepare(&mut self, path: &Path) -> Result<(), OpenError> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        // WAL survives a crash and lets readers work while one officer writes.
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            let _: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        }
        self.conn.execute_batch("PRAGMA synchronous = FULL;")?;
        migrate::to_latest(&mut self.conn, path)?;
        self.conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        Ok(())
    }

    /// The schema version (`user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Run a read-only query and map its rows (tests, `check`): a statement that would write
    /// is refused, so this cannot bypass the write path.
    pub fn inspect<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        if !stmt.readonly() {
            return Err(StoreError::Invalid("inspect runs read-only queries".into()));
        }
        let rows = stmt.query_map(params, map)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One value of a read-only query (tests, `check`).
    pub fn inspect_one<T: rusqlite::types::FromSql>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<T> {
        self.inspect(sql, params, |r| r.get(0))?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound("row"))
    }
}

/// A read-only connection; on a read-only folder without the WAL's shared-memory file, the
/// file is opened as immutable (nobody can be writing it there).
fn open_read_only_conn(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(rusqlite::Error::SqliteFailure(f, _))
            if matches!(
                f.code,
                rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly
            ) =>
        {
            drop(conn);
            let uri = format!(
                "file:{}?immutable=1",
                path.to_string_lossy()
                    .replace('%', "%25")
                    .replace('?', "%3f")
                    .replace('#', "%23")
            );
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
        }
        Err(e) => Err(e),
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

/// A stored code this binary does not know (a row written by something else).
pub(crate) fn bad_code(col: usize) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        "unknown code".into(),
    )
}

/// The open statuses, as an SQL list: `'moi', 'cho_thu_ly', …` (the queue, the board, the
/// intake rule and the recomputation all mean the same "open").
pub(crate) fn open_statuses() -> String {
    crate::domain::case::CaseStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Now, as stored in `created_at`/`updated_at` (local time, ISO 8601 with seconds).
pub(crate) fn now_stamp() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A new global unique id (UUID v7: time-ordered, random).
pub fn new_uid() -> String {
    uuid::Uuid::now_v7().to_string()
}
