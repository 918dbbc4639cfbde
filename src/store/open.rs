//! Opening a book: create it where asked (only where no file is), upgrade its schema, open it
//! read-only where it cannot be written (immutable on a read-only folder), and refuse —
//! untouched, with nothing left beside it — a missing, foreign, newer, empty or damaged file
//! with words that say which. The app and every command go through the same rule (`look`,
//! `check_identity`).

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
    /// The file exists but is not an SQLite database.
    NotSqlite(PathBuf),
    /// The file holds no book: it is empty, or an SQLite database with nothing in it (a copy
    /// made without its `-wal`, a file made by another tool). A book is made only where no
    /// file is.
    NoBook(PathBuf),
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
            OpenError::NoBook(p) => write!(f, "{} holds no book", p.display()),
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
    /// Open an existing book only; a missing file is refused.
    No,
}

/// What is at a path, read before SQLite touches it.
enum Found {
    Nothing,
    /// An SQLite file (its header says so); whether it holds a book is asked next.
    Sqlite,
}

/// The one rule for what a path holds, for the app and every command alike: nothing (a
/// book may be made there, when asked), an SQLite file (to be checked further), or a file
/// refused untouched — an empty one holds no book, anything else is not SQLite.
fn look(path: &Path) -> Result<Found, OpenError> {
    match file_head(path)? {
        None => Ok(Found::Nothing),
        Some((0, _)) => Err(OpenError::NoBook(path.to_owned())),
        Some((n, head)) if n < 16 || &head != SQLITE_MAGIC => {
            Err(OpenError::NotSqlite(path.to_owned()))
        }
        Some(_) => Ok(Found::Sqlite),
    }
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

/// Did SQLite fail because it may not write here (a read-only file or folder: the WAL's
/// `-wal` and `-shm` cannot be made or locked)?
fn cannot_write(e: &OpenError) -> bool {
    matches!(
        e,
        OpenError::Sql(rusqlite::Error::SqliteFailure(f, _))
            if matches!(
                f.code,
                rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen
            )
    )
}

/// The WAL's companions beside a book, as they were before an open: what an open that ends
/// in a refusal created is removed again, so a refused file is left with nothing new beside
/// it. (Never a WAL that holds anything: ours would be empty, we wrote nothing.)
struct Beside {
    wal: PathBuf,
    shm: PathBuf,
    had_wal: bool,
    had_shm: bool,
}

impl Beside {
    fn note(path: &Path) -> Beside {
        let with = |suffix: &str| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            PathBuf::from(p)
        };
        let (wal, shm) = (with("-wal"), with("-shm"));
        Beside {
            had_wal: wal.exists(),
            had_shm: shm.exists(),
            wal,
            shm,
        }
    }

    /// Remove what the failed open created (its connection is closed by now).
    fn clean(&self) {
        let empty = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.len() == 0);
        if !self.had_wal && empty(&self.wal) {
            let _ = std::fs::remove_file(&self.wal);
        }
        if !self.had_shm && !self.wal.exists() {
            let _ = std::fs::remove_file(&self.shm);
        }
    }

    /// Run an open of an existing file; on a refusal, leave nothing beside it.
    fn guard<T>(path: &Path, open: impl FnOnce() -> Result<T, OpenError>) -> Result<T, OpenError> {
        let beside = Beside::note(path);
        let r = open();
        if r.is_err() {
            beside.clean();
        }
        r
    }
}

impl Store {
    /// Open (or, with `Create::IfMissing`, create where no file is) the book at `path`,
    /// upgrading its schema. A book that cannot be written here (a 0444 file, a read-only
    /// folder) opens read-only. Foreign, newer, empty or damaged files are refused untouched.
    pub fn open_with(path: &Path, create: Create) -> Result<Store, OpenError> {
        match look(path)? {
            Found::Nothing if create == Create::No => Err(OpenError::Missing(path.to_owned())),
            Found::Nothing => Store::create(path),
            Found::Sqlite => Beside::guard(path, || match open_writable(path) {
                Ok(Some(conn)) => Ok(Store::over(conn, path, false)),
                // The file or its folder may not be written: read it, with the badge.
                Ok(None) => Store::read_only_at(path),
                Err(e) if cannot_write(&e) => Store::read_only_at(path),
                Err(e) => Err(e),
            }),
        }
    }

    /// Open the book at `path`, creating it when missing (the default location).
    pub fn open(path: &Path) -> Result<Store, OpenError> {
        Store::open_with(path, Create::IfMissing)
    }

    /// Open an existing book for reading only: nothing is written (no pragma, no migration,
    /// no lock taken for writing), and it works on a read-only file or folder. The schema must
    /// be the newest (an older book is upgraded by a read-write open first).
    pub fn open_read_only(path: &Path) -> Result<Store, OpenError> {
        match look(path)? {
            Found::Nothing => Err(OpenError::Missing(path.to_owned())),
            Found::Sqlite => Beside::guard(path, || Store::read_only_at(path)),
        }
    }

    /// A new book where no file is: the folder, the file (0600), the schema.
    fn create(path: &Path) -> Result<Store, OpenError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(|e| OpenError::Io(dir.to_owned(), e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        // Personal data: readable by the owner only.
        super::private::restrict(path);
        check_identity(&conn, path, true)?;
        prepare(&mut conn, path)?;
        super::private::journal_like_book(path);
        Ok(Store::over(conn, path, false))
    }

    /// A read-only connection to an existing book at the newest schema.
    fn read_only_at(path: &Path) -> Result<Store, OpenError> {
        let conn = open_read_only_conn(path).map_err(not_a_database(path))?;
        check_identity(&conn, path, false)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < LATEST_VERSION {
            return Err(OpenError::NeedsUpgrade {
                path: path.to_owned(),
                found: version,
                supported: LATEST_VERSION,
            });
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        Ok(Store::over(conn, path, true))
    }

    fn over(conn: Connection, path: &Path, read_only: bool) -> Store {
        Store {
            conn,
            path: Some(path.to_owned()),
            read_only,
            writes: 0,
            flushed: 0,
            tries: Default::default(),
            keys: Default::default(),
        }
        .with_made_keys()
    }

    /// A fresh in-memory database (tests and benches).
    pub fn open_in_memory() -> Result<Store, OpenError> {
        let mut conn = Connection::open_in_memory()?;
        let here = Path::new(":memory:");
        check_identity(&conn, here, true)?;
        prepare(&mut conn, here)?;
        Ok(Store {
            conn,
            path: None,
            read_only: false,
            writes: 0,
            flushed: 0,
            tries: Default::default(),
            keys: Default::default(),
        }
        .with_made_keys())
    }

    /// Another connection to the same book, read-only, for work off the UI thread (None for
    /// an in-memory book, which only this connection can see).
    pub fn reader(&self) -> Option<Store> {
        Store::reader_at(self.path.as_ref()?)
    }

    /// A read-only connection to the book at `path` (a job's lane opens its own, on its
    /// thread).
    pub fn reader_at(path: &Path) -> Option<Store> {
        let conn = open_read_only_conn(path).ok()?;
        conn.busy_timeout(Duration::from_secs(5)).ok()?;
        Some(Store::over(conn, path, true))
    }
}

/// An existing book opened for writing and brought to the newest schema; None when SQLite
/// could open the file for reading only (it may not be written).
fn open_writable(path: &Path) -> Result<Option<Connection>, OpenError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(not_a_database(path))?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Ok(None);
    }
    check_identity(&conn, path, false)?;
    prepare(&mut conn, path)?;
    super::private::journal_like_book(path);
    Ok(Some(conn))
}

/// Refuse a database of another program, of a newer tiepdan, or one that holds no book (an
/// SQLite file with nothing of ours: a book is made only where no file is), before changing
/// anything. `new`: the file was just made here.
fn check_identity(conn: &Connection, path: &Path, new: bool) -> Result<(), OpenError> {
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(not_a_database(path))?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(not_a_database(path))?;
    let blank = app_id == 0 && objects == 0;
    if blank && !new {
        return Err(OpenError::NoBook(path.to_owned()));
    }
    if app_id != APPLICATION_ID && !blank {
        return Err(OpenError::NotTiepdan(path.to_owned()));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > LATEST_VERSION {
        return Err(OpenError::TooNew {
            path: path.to_owned(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}

/// Prepared statements kept per connection.
const STATEMENTS: usize = 96;

/// Per-connection pragmas, then the migrations and their backfills (one transaction).
fn prepare(conn: &mut Connection, path: &Path) -> Result<(), OpenError> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // The row writers, their journal and the reads of a write keep more statements hot than
    // rusqlite's default 16: a bulk load would prepare them again and again.
    conn.set_prepared_statement_cache_capacity(STATEMENTS);
    // WAL survives a crash and lets readers work while one officer writes.
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    }
    // A deleted row (a discarded draft, a citizen's old phone) is overwritten on disk, never
    // left readable in free pages.
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;")?;
    migrate::to_latest(conn, path)?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    // An upgrade sealed identities that stood in the clear: no page of the book or its WAL
    // keeps them (secure_delete zeroed the cells; VACUUM rewrites every page, the checkpoint
    // empties the WAL).
    if migrate::wants_wipe() {
        conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
    }
    Ok(())
}

/// A read-only connection; on a read-only folder without the WAL's shared-memory file, the
/// file is opened as immutable (nobody can be writing it there) — unless a `-wal` beside it
/// holds commits, which an immutable open would not see.
fn open_read_only_conn(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(rusqlite::Error::SqliteFailure(f, m))
            if matches!(
                f.code,
                rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly
            ) =>
        {
            drop(conn);
            let wal = std::fs::metadata(format!("{}-wal", path.display()));
            if wal.is_ok_and(|m| m.len() > 0) {
                return Err(rusqlite::Error::SqliteFailure(f, m));
            }
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

/// The folders a new book is made in: readable by the owner only (0700 on Unix; on Windows
/// the last folder gets the book's owner-only DACL, inherited by what is made in it), like
/// the book itself. Folders that already exist are left as they are.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let existed = dir.exists();
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)?;
    if !existed {
        super::private::restrict_dir(dir);
    }
    Ok(())
}
