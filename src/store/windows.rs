//! Which windows (app instances) on this book are alive. A window's drafts are its own while
//! it lives; once it is gone — quit, killed, its terminal closed, the machine off — its drafts
//! are offered to the next window of the same officer, which claims them (`claim_draft`).
//!
//! A window holds an exclusive OS lock on a file of its own beside the book,
//! `.<book file name>.windows/<window>.lock`, for as long as it runs. The OS releases the lock
//! when the process ends however it ends, so "alive" is "its lock is held" — no heartbeat
//! written into the book (that would wake every other desk), no process ids to guess at.
//!
//! A killed window leaves its mark behind, unlocked. A window that starts sweeps such marks
//! (`sweep_dead_marks`). Drafts never need a mark: a window without one is as gone as a
//! window whose mark is unlocked (`window_alive`), and parked drafts name a window that never
//! had one — so a dead window's drafts are offered and claimed as before.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::Store;

/// A window's hold on its life mark; the mark goes when the window does.
#[derive(Debug)]
pub struct WindowLease {
    _file: File,
    path: PathBuf,
}

impl Drop for WindowLease {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The folder of the windows' life marks beside `book`.
pub fn lock_dir(book: &Path) -> Option<PathBuf> {
    let name = book.file_name()?.to_string_lossy().into_owned();
    Some(book.with_file_name(format!(".{name}.windows")))
}

/// A window id is a uid: letters, digits and dashes only, so it is a safe file name.
fn lock_path(book: &Path, window: &str) -> Option<PathBuf> {
    if window.is_empty()
        || !window
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return None;
    }
    Some(lock_dir(book)?.join(format!("{window}.lock")))
}

/// Does any window run on the book at `book` now (a restore must wait for them all)?
pub fn any_window_alive(book: &Path) -> bool {
    let Some(dir) = lock_dir(book) else {
        return false;
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return false;
    };
    entries.filter_map(|e| e.ok()).any(|e| {
        OpenOptions::new()
            .write(true)
            .open(e.path())
            .is_ok_and(|f| matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)))
    })
}

/// A mark younger than this is never swept: its window may be making it right now (between
/// creating the file and locking it).
const SWEEP_AFTER: Duration = Duration::from_secs(60);

/// Remove the life marks beside `book` left by windows that are gone: unlocked, and last
/// modified more than a minute before `now`. Returns how many went.
pub fn sweep_dead_marks(book: &Path, now: SystemTime) -> usize {
    let Some(dir) = lock_dir(book) else {
        return 0;
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut swept = 0;
    for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
        if path.extension().is_none_or(|x| x != "lock") {
            continue;
        }
        let Ok(file) = OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        let old = file
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > SWEEP_AFTER);
        if old && file.try_lock().is_ok() && std::fs::remove_file(&path).is_ok() {
            swept += 1;
        }
    }
    swept
}

impl Store {
    /// Mark `window` alive for as long as the lease is kept (None: a book in memory or opened
    /// read-only, which keeps no drafts — or a folder where the mark cannot be made, and then
    /// the window's drafts are treated as left behind, as they would be after a crash).
    pub fn lease_window(&self, window: &str) -> Option<WindowLease> {
        if self.read_only {
            return None;
        }
        let book = self.path.as_deref()?;
        sweep_dead_marks(book, SystemTime::now());
        let path = lock_path(book, window)?;
        std::fs::create_dir_all(path.parent()?).ok()?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .ok()?;
        file.try_lock().ok()?;
        Some(WindowLease { _file: file, path })
    }

    /// Is `window` alive (running now, on this book)?
    pub fn window_alive(&self, window: &str) -> bool {
        let Some(path) = self.path.as_deref().and_then(|b| lock_path(b, window)) else {
            return false;
        };
        let Ok(file) = OpenOptions::new().write(true).open(&path) else {
            return false;
        };
        match file.try_lock() {
            // Nobody held it: the window is gone (its mark was left behind by a kill).
            Ok(()) => {
                drop(file);
                let _ = std::fs::remove_file(&path);
                false
            }
            Err(std::fs::TryLockError::WouldBlock) => true,
            Err(std::fs::TryLockError::Error(_)) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_is_alive_while_its_lease_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
        assert!(!store.window_alive("w-1"));
        let lease = store.lease_window("w-1").expect("leased");
        assert!(store.window_alive("w-1"));
        // Another process's view: a second handle on the same book.
        let other = Store::open(&dir.path().join("book.sqlite3")).unwrap();
        assert!(other.window_alive("w-1"));
        assert!(!other.window_alive("w-2"));
        drop(lease);
        assert!(!other.window_alive("w-1"));
        assert!(store.lease_window("../evil").is_none());
        assert!(
            Store::open_in_memory()
                .unwrap()
                .lease_window("w-1")
                .is_none()
        );
    }

    /// What a killed window leaves: its mark, unlocked.
    fn left_mark(book: &Path, window: &str) -> PathBuf {
        let path = lock_path(book, window).unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, b"").unwrap();
        path
    }

    #[test]
    fn only_old_unlocked_marks_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book.sqlite3");
        let store = Store::open(&book).unwrap();
        let dead = left_mark(&book, "w-dead");
        let _alive = store.lease_window("w-alive").expect("leased");
        let alive = lock_path(&book, "w-alive").unwrap();
        let later = |secs| SystemTime::now() + Duration::from_secs(secs);
        // Under a minute old, an unlocked mark may be a window making it now: it stays.
        assert_eq!(sweep_dead_marks(&book, later(30)), 0);
        assert!(dead.exists() && alive.exists());
        // Past the minute: the dead window's mark goes, the running window's stays.
        assert_eq!(sweep_dead_marks(&book, later(120)), 1);
        assert!(!dead.exists());
        assert!(alive.exists());
        assert!(store.window_alive("w-alive"));
        // Anything else in the folder is left alone.
        let other = lock_dir(&book).unwrap().join("notes.txt");
        std::fs::write(&other, b"x").unwrap();
        assert_eq!(sweep_dead_marks(&book, later(120)), 0);
        assert!(other.exists());
        // No folder yet: nothing to do.
        let fresh = dir.path().join("other.sqlite3");
        assert_eq!(sweep_dead_marks(&fresh, later(120)), 0);
    }

    #[test]
    fn a_window_that_starts_sweeps_only_what_is_old() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book.sqlite3");
        let store = Store::open(&book).unwrap();
        let old = left_mark(&book, "w-old");
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        let new = left_mark(&book, "w-new");
        let _lease = store.lease_window("w-me").expect("leased");
        assert!(!old.exists(), "an hour-old unlocked mark goes");
        assert!(new.exists(), "a mark made just now stays");
        assert!(lock_path(&book, "w-me").unwrap().exists());
        // A book opened read-only sweeps nothing (it makes no mark).
        let old = left_mark(&book, "w-old");
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        let ro = Store::open_read_only(&book).unwrap();
        assert!(ro.lease_window("w-ro").is_none());
        assert!(old.exists());
    }
}
