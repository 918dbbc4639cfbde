//! Opening a book: create it where asked, upgrade its schema, open it read-only (immutable
//! on a read-only folder), and refuse — untouched — a missing, foreign, newer, empty or
//! damaged file with words that say which.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::*;

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
            // Personal data: readable by the owner only.
            super::private::restrict(path);
        }
        // A file we may not write (0444, a locked share): SQLite opens it read-only.
        let read_only = conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
        let mut store = Store {
            conn,
            path: Some(path.to_owned()),
            read_only,
            writes: 0,
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
            super::private::journal_like_book(path);
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
            writes: 0,
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
            writes: 0,
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
            writes: 0,
        })
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
