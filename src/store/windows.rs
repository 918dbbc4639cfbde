//! Which windows (app instances) on this book are alive. A window's drafts are its own while
//! it lives; once it is gone — quit, killed, its terminal closed, the machine off — its drafts
//! are offered to the next window of the same officer, which claims them (`claim_draft`).
//!
//! A window holds an exclusive OS lock on a file of its own beside the book,
//! `.<book file name>.windows/<window>.lock`, for as long as it runs. The OS releases the lock
//! when the process ends however it ends, so "alive" is "its lock is held" — no heartbeat
//! written into the book (that would wake every other desk), no process ids to guess at.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

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

impl Store {
    /// Mark `window` alive for as long as the lease is kept (None: a book in memory or opened
    /// read-only, which keeps no drafts — or a folder where the mark cannot be made, and then
    /// the window's drafts are treated as left behind, as they would be after a crash).
    pub fn lease_window(&self, window: &str) -> Option<WindowLease> {
        if self.read_only {
            return None;
        }
        let path = lock_path(self.path.as_deref()?, window)?;
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
}
