//! The book is its file (issue 22.1): after the app closes, a copy of the `.sqlite3` file
//! alone — without its `-wal` — holds every visit; a checkpoint never fails because another
//! desk is reading.

mod common;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use common::*;

use tiepdan::i18n::Lang;
use tiepdan::store::{CheckpointMode, Store};

/// Copy the book file, and only it, into `dir` (as an officer copies "the file" to a stick).
fn copy_file_alone(book: &Path, dir: &Path) -> PathBuf {
    let copy = dir.join("copy.sqlite3");
    std::fs::copy(book, &copy).unwrap();
    copy
}

fn visits_in(path: &Path) -> i64 {
    Store::open_read_only(path).unwrap().visit_count().unwrap()
}

fn save_n(store: &mut Store, officer: &tiepdan::store::Actor, from: usize, n: usize) {
    for i in from..from + n {
        let mut d = draft(&format!("Công dân {i}"), &format!("0010850{i:05}"));
        d.handling = "huong_dan".into();
        save(store, officer, &valid(&d));
    }
}

#[test]
fn after_the_app_closes_the_file_alone_is_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    // The lookup worker opens its own connection, as in the terminal.
    let (tx, _rx) = mpsc::channel();
    tiepdan::tui::attach_workers(&mut app, &tx);
    assert!(app.jobs.lookup.is_threaded());
    // Its lane opens its connection at its first job: a lookup.
    app.handle_key(key(ratatui::crossterm::event::KeyCode::Char('/')));
    type_str(&mut app, "cong dan");
    app.dispatch();
    save_n(&mut app.store, &officer, 0, 40);
    // Another desk has the book open (idle): the app's close is not the last one, so SQLite
    // would not copy the WAL by itself.
    let other_desk = rusqlite::Connection::open(&path).unwrap();
    let seen: i64 = other_desk
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(seen, 40);
    drop(app);
    let copies = tempfile::tempdir().unwrap();
    let copy = copy_file_alone(&path, copies.path());
    assert_eq!(visits_in(&copy), 40, "every visit is in the file itself");
    drop(other_desk);
    assert!(
        !dir.path().join("book.sqlite3-wal").exists(),
        "the last connection closed: no WAL left beside the book"
    );
}

#[test]
fn an_idle_checkpoint_brings_the_file_up_to_date_while_the_app_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    save_n(&mut store, &officer, 0, 5);
    assert!(store.unflushed());
    assert!(store.checkpoint_idle().unwrap(), "nobody reads: all copied");
    assert!(!store.unflushed());
    let copies = tempfile::tempdir().unwrap();
    assert_eq!(visits_in(&copy_file_alone(&path, copies.path())), 5);
    drop(store);
}

/// Another desk in the middle of a read: the idle checkpoint copies what it may and says it
/// could not finish; closing waits briefly, then leaves; nothing fails, nothing is lost.
#[test]
fn a_checkpoint_never_fails_while_another_desk_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    save_n(&mut store, &officer, 0, 3);
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN").unwrap();
    let seen: i64 = other
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(seen, 3);
    save_n(&mut store, &officer, 3, 3);
    assert!(!store.checkpoint_idle().unwrap(), "held back, not failed");
    assert!(!store.checkpoint(CheckpointMode::Passive).unwrap());
    let started = std::time::Instant::now();
    drop(store);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "closing does not hang on a reader"
    );
    other.execute_batch("COMMIT").unwrap();
    drop(other);
    // The WAL kept everything; the next close brings the file up to date.
    drop(Store::open(&path).unwrap());
    let copies = tempfile::tempdir().unwrap();
    assert_eq!(visits_in(&copy_file_alone(&path, copies.path())), 6);
}

/// The app, quiet for a moment after a write, brings the book file up to date on its own.
#[test]
fn the_app_checkpoints_when_the_desk_goes_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    save_n(&mut app.store, &officer, 0, 4);
    let now = std::time::Instant::now();
    // A key was just pressed: not yet.
    app.handle_key(key(ratatui::crossterm::event::KeyCode::Down));
    app.apply(tiepdan::app::Msg::Tick(now));
    assert!(app.store.unflushed(), "typing goes on: no checkpoint yet");
    app.apply(tiepdan::app::Msg::Tick(
        now + tiepdan::app::IDLE_CHECKPOINT + std::time::Duration::from_millis(10),
    ));
    assert!(!app.store.unflushed(), "quiet: the file caught up");
    let copies = tempfile::tempdir().unwrap();
    assert_eq!(visits_in(&copy_file_alone(&path, copies.path())), 4);
    drop(app);
}

// ---- What may be opened, and how (issue 22.6) ----

#[cfg(unix)]
use tiepdan::store::StoreError;
use tiepdan::store::{Create, OpenError};

/// A file made blank the way the issue found it: an SQLite book whose data still sits in its
/// `-wal`, copied without it.
fn blank_sqlite_copy(dir: &Path) -> PathBuf {
    let src = dir.join("src.sqlite3");
    let c = rusqlite::Connection::open(&src).unwrap();
    c.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let copy = dir.join("blank.sqlite3");
    std::fs::copy(&src, &copy).unwrap();
    drop(c);
    copy
}

fn nothing_beside(path: &Path) -> bool {
    ["-wal", "-shm", "-journal"]
        .iter()
        .all(|s| !Path::new(&format!("{}{s}", path.display())).exists())
}

#[test]
fn an_empty_or_blank_file_is_never_made_a_book() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    let blank = blank_sqlite_copy(dir.path());
    let blank_bytes = std::fs::read(&blank).unwrap();
    assert!(blank_bytes.len() >= 4096 && blank_bytes.starts_with(b"SQLite format 3\0"));
    for path in [&empty, &blank] {
        for create in [Create::IfMissing, Create::No] {
            let r = Store::open_with(path, create);
            assert!(
                matches!(r, Err(OpenError::NoBook(_))),
                "{path:?}: {r:?}",
                r = r.err()
            );
        }
        let r = Store::open_read_only(path);
        assert!(matches!(r, Err(OpenError::NoBook(_))), "{:?}", r.err());
        assert!(nothing_beside(path), "{path:?}: nothing left beside it");
    }
    assert_eq!(std::fs::read(&empty).unwrap(), b"");
    assert_eq!(
        std::fs::read(&blank).unwrap(),
        blank_bytes,
        "left untouched"
    );
    // The command line says the same words as the app.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .args(["--db", blank.to_str().unwrap(), "lookup", "x"])
        .env_remove("TIEPDAN_LANG")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("không chứa sổ tiếp công dân"), "{err}");
    assert!(nothing_beside(&blank));
}

/// Files refused after SQLite looked at them leave nothing beside them: another program's
/// WAL book, a newer tiepdan's, a damaged one.
#[test]
fn a_refused_file_is_left_with_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.sqlite3");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let newer = dir.path().join("newer.sqlite3");
    {
        drop(Store::open(&newer).unwrap());
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", tiepdan::store::LATEST_VERSION + 1)
            .unwrap();
    }
    let damaged = dir.path().join("damaged.sqlite3");
    {
        let mut store = Store::open(&damaged).unwrap();
        let officer = store_with_officer(&mut store);
        save_n(&mut store, &officer, 0, 20);
    }
    let bytes = std::fs::read(&damaged).unwrap();
    std::fs::write(&damaged, &bytes[..bytes.len() / 3]).unwrap();
    for path in [&other, &newer, &damaged] {
        assert!(nothing_beside(path), "{path:?} before");
        let before = std::fs::read(path).unwrap();
        assert!(Store::open(path).is_err(), "{path:?}");
        assert!(nothing_beside(path), "{path:?} after the app's open");
        assert!(Store::open_read_only(path).is_err(), "{path:?}");
        assert!(nothing_beside(path), "{path:?} after a command's open");
        assert_eq!(std::fs::read(path).unwrap(), before, "{path:?} untouched");
    }
}

/// A folder (and maybe a file in it) made read-only for the test: by permissions, and — as
/// root, whom permissions do not stop — by the immutable attribute (`chattr +i`). Undone on
/// drop. None when nothing makes it read-only here (the test then says so and skips).
#[cfg(unix)]
struct Locked {
    paths: Vec<(PathBuf, u32)>,
    immutable: bool,
}

#[cfg(unix)]
impl Locked {
    fn new(dir: &Path, file: Option<&Path>) -> Option<Locked> {
        use std::os::unix::fs::PermissionsExt;
        let mut paths = vec![(dir.to_owned(), 0o555)];
        if let Some(f) = file {
            paths.push((f.to_owned(), 0o444));
        }
        for (p, mode) in &paths {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(*mode)).unwrap();
        }
        let mut locked = Locked {
            paths,
            immutable: false,
        };
        if !locked.holds(dir, file) {
            locked.immutable = locked.paths.iter().all(|(p, _)| {
                std::process::Command::new("chattr")
                    .arg("+i")
                    .arg(p)
                    .status()
                    .is_ok_and(|s| s.success())
            });
        }
        locked.holds(dir, file).then_some(locked)
    }

    /// Whether the folder (and the file) really cannot be written now.
    fn holds(&self, dir: &Path, file: Option<&Path>) -> bool {
        let probe = dir.join(".probe");
        let dir_locked = std::fs::write(&probe, b"").is_err();
        let _ = std::fs::remove_file(&probe);
        let file_locked =
            file.is_none_or(|f| std::fs::OpenOptions::new().append(true).open(f).is_err());
        dir_locked && file_locked
    }
}

#[cfg(unix)]
impl Drop for Locked {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        for (p, _) in &self.paths {
            if self.immutable {
                let _ = std::process::Command::new("chattr")
                    .arg("-i")
                    .arg(p)
                    .status();
            }
            let _ = std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755));
        }
    }
}

/// A book in a folder nobody may write — the file itself writable or 0444: the app's open
/// gives a read-only book (the badge, the words), never SQLite's "attempt to write a
/// readonly database"; nothing is created or changed.
#[cfg(unix)]
#[test]
fn a_book_in_a_read_only_folder_opens_read_only() {
    for lock_file in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("share");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("book.sqlite3");
        {
            let mut store = Store::open(&path).unwrap();
            let officer = store_with_officer(&mut store);
            save_n(&mut store, &officer, 0, 3);
        }
        assert!(nothing_beside(&path), "closed: the WAL was folded in");
        let before = std::fs::read(&path).unwrap();
        let Some(lock) = Locked::new(&folder, lock_file.then_some(path.as_path())) else {
            eprintln!("SKIPPED: nothing makes a folder read-only here (root without chattr)");
            return;
        };
        let mut store = Store::open_with(&path, Create::No)
            .unwrap_or_else(|e| panic!("lock_file {lock_file}: {e}"));
        assert!(store.is_read_only());
        assert_eq!(store.visit_count().unwrap(), 3);
        let officer = store
            .sign_in(
                store.officers().unwrap()[0].id,
                common::PIN,
                common::at(8, 15),
            )
            .unwrap();
        let r = store.write(&officer, |w| w.save_draft("visit_form", "w", "{}"));
        assert!(matches!(r, Err(StoreError::ReadOnly)), "{r:?}");
        let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
        let screen = screen_of(&mut app, 120, 30);
        assert!(screen.contains("CHỈ ĐỌC"), "{screen}");
        assert!(screen.contains("Công dân 2"), "{screen}");
        drop(app);
        drop(lock);
        assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");
        assert!(nothing_beside(&path));
    }
}
