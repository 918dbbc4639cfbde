//! Backups: a consistent copy of the book, taken while desks keep writing, checked before it
//! is trusted, kept N at a time; and a restore that keeps the book it replaces.
//!
//! The copy is `VACUUM INTO` a file made empty and the owner's only beforehand (so the copy
//! is never readable by others, even for an instant): it reads one snapshot of the book,
//! whatever another desk writes meanwhile, and comes out compacted and without its `-wal`.
//! (The backup API paced with `run_to_completion` restarts whenever a writer commits, and so
//! never finishes under a busy desk.) A copy counts only once `integrity_check` passes on it
//! and it opens as a tiepdan book.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};

use super::{OpenError, Result, Store, StoreError, open};

/// How many daily backups are kept (a setting, `backup_keep`; this is its default).
pub const KEEP_DEFAULT: usize = 7;

/// The folder of a book's backups: `backups/` beside it.
pub fn backup_dir(book: &Path) -> PathBuf {
    book.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// The name of a backup taken at `at`: the book's name and the moment.
pub fn backup_name(book: &Path, at: NaiveDateTime) -> String {
    let stem = book
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tiepdan".into());
    format!("{stem}-{}.sqlite3", at.format("%Y%m%d-%H%M%S"))
}

/// An empty file at `path`, the owner's only.
fn private_empty_file(path: &Path) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path).map(|_| ())
}

/// Is the file at `path` a whole, readable copy of a tiepdan book?
pub fn verify(path: &Path) -> std::result::Result<(), OpenError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(OpenError::Damaged(path.to_owned()));
    }
    drop(conn);
    Store::open_read_only(path).map(|_| ())
}

/// Room left on the disk beyond a backup's copy (the book must still be able to write).
const SPACE_MARGIN: u64 = 64 << 20;

/// The book's bytes on disk (the file and its WAL): what its copy may need at most.
fn book_bytes(book: &Path) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = book.as_os_str().to_owned();
    wal.push("-wal");
    size(book) + size(Path::new(&wal))
}

/// The lock held while a backup is taken in `dir` (kept open: the OS releases it when the
/// process ends, even killed).
fn take_lock(dir: &Path) -> Result<std::fs::File> {
    let path = dir.join(".taking.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| StoreError::Invalid(format!("{}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::BackupBusy),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(StoreError::Invalid(format!("{}: {e}", path.display())))
        }
    }
}

/// Remove what killed backups left in `dir` (called holding its lock: nothing else is
/// writing there): unfinished copies and their journals.
fn clear_unfinished(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".part") || name.ends_with(".part-journal") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

impl Store {
    /// Copy the book into `target` (which must not exist), then check the copy. A copy that
    /// fails its check is removed. Needs a book on disk. One backup at a time in a folder
    /// (an OS lock on `.taking.lock`, released however the process ends): another is
    /// refused ([`StoreError::BackupBusy`]); holding the lock, the unfinished copies a killed
    /// backup left (`*.part`) are removed; a copy that would not fit on the disk is not
    /// started ([`StoreError::NoSpace`]).
    pub fn backup_into(&self, target: &Path) -> Result<()> {
        let Some(book) = self.path.clone() else {
            return Err(StoreError::Invalid("a book in memory has no backup".into()));
        };
        let dir = target
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_owned();
        open::create_private_dir(&dir)
            .map_err(|e| StoreError::Invalid(format!("{}: {e}", dir.display())))?;
        let _taking = take_lock(&dir)?;
        clear_unfinished(&dir);
        let needed = book_bytes(&book);
        if let Some(free) = super::disk::free_space(&dir)
            && free < needed.saturating_add(SPACE_MARGIN)
        {
            return Err(StoreError::NoSpace { needed, free });
        }
        let part = target.with_extension("part");
        let _ = std::fs::remove_file(&part);
        private_empty_file(&part)
            .map_err(|e| StoreError::Invalid(format!("{}: {e}", part.display())))?;
        let copied = self
            .conn
            .execute("VACUUM INTO ?1", [part.to_string_lossy()])
            .map_err(StoreError::from)
            .and_then(|_| verify(&part).map_err(|e| StoreError::Invalid(e.to_string())));
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&part);
            return Err(e);
        }
        std::fs::rename(&part, target)
            .map_err(|e| StoreError::Invalid(format!("{}: {e}", target.display())))
    }

    /// The daily backup: when the book's backup folder holds none from `now`'s day, take
    /// one, then keep the newest `keep` (older ones removed). Returns the new backup's path
    /// (None: one of today's is there already).
    pub fn daily_backup(&self, now: NaiveDateTime, keep: usize) -> Result<Option<PathBuf>> {
        let Some(book) = self.path.clone() else {
            return Ok(None);
        };
        let dir = backup_dir(&book);
        let day_prefix = backup_name(&book, now)[..]
            .rsplit_once('-')
            .map(|(p, _)| p.to_owned());
        let mut taken = backups_of(&book);
        if let Some(prefix) = &day_prefix
            && taken.iter().any(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix.as_str()))
            })
        {
            return Ok(None);
        }
        let target = dir.join(backup_name(&book, now));
        self.backup_into(&target)?;
        taken.push(target.clone());
        taken.sort();
        let excess = taken.len().saturating_sub(keep.max(1));
        for old in &taken[..excess] {
            let _ = std::fs::remove_file(old);
        }
        Ok(Some(target))
    }

    /// How many backups to keep (the setting `backup_keep`, default 7).
    pub fn backup_keep(&self) -> Result<usize> {
        Ok(self
            .setting(super::settings::BACKUP_KEEP)?
            .and_then(|v| v.parse().ok())
            .filter(|n| *n >= 1)
            .unwrap_or(KEEP_DEFAULT))
    }
}

/// The backups of a book, oldest first (by their names, which carry the moment).
pub fn backups_of(book: &Path) -> Vec<PathBuf> {
    let stem = book
        .file_stem()
        .map(|s| format!("{}-", s.to_string_lossy()))
        .unwrap_or_default();
    let mut found: Vec<PathBuf> = std::fs::read_dir(backup_dir(book))
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|x| x == "sqlite3")
                        && p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with(&stem))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Put the backup `from` in the place of the book at `book`, keeping the book it replaces
/// beside it as `<book>.replaced-<moment>` (returned). The backup is checked first; the book
/// must not be open anywhere (its windows closed: `Store::any_window_alive`).
pub fn restore(
    from: &Path,
    book: &Path,
    now: NaiveDateTime,
) -> std::result::Result<Option<PathBuf>, OpenError> {
    verify(from)?;
    let io = |p: &Path| {
        let p = p.to_owned();
        move |e: std::io::Error| OpenError::Io(p, e)
    };
    // The copy beside the book first: the replacement is one rename, never half a file.
    let part = book.with_extension("restoring");
    let _ = std::fs::remove_file(&part);
    private_empty_file(&part).map_err(io(&part))?;
    std::fs::copy(from, &part).map_err(io(&part))?;
    let kept = if book.exists() {
        // The book it replaces is folded into one file (its WAL copied in) before it moves.
        if let Ok(store) = Store::open(book) {
            drop(store);
        }
        let name = format!(
            "{}.replaced-{}",
            book.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            now.format("%Y%m%d-%H%M%S")
        );
        let kept = book.with_file_name(name);
        std::fs::rename(book, &kept).map_err(io(book))?;
        for suffix in ["-wal", "-shm"] {
            let mut p = book.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
        Some(kept)
    } else {
        None
    };
    std::fs::rename(&part, book).map_err(io(book))?;
    Ok(kept)
}
