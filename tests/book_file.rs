//! The book is its file (issue 22.1): after the app closes, a copy of the `.sqlite3` file
//! alone — without its `-wal` — holds every visit; a checkpoint never fails because another
//! desk is reading.

mod common;

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use common::*;
use tiepdan::app::App;
use tiepdan::app::worker::Searcher;
use tiepdan::i18n::Lang;
use tiepdan::store::{CheckpointMode, Store};

/// Copy the book file, and only it, into `dir` (as an officer copies "the file" to a stick).
fn copy_file_alone(book: &Path, dir: &Path) -> PathBuf {
    let copy = dir.join("copy.sqlite3");
    std::fs::copy(book, &copy).unwrap();
    copy
}

fn visits_in(path: &Path) -> i64 {
    Store::open_read_only(path).unwrap().visit_count().unwrap() as i64
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
    let mut app = App::new(store, Lang::Vi, fixed_clock()).unwrap();
    // The lookup worker opens its own connection, as in the terminal.
    let (tx, _rx) = mpsc::channel();
    tiepdan::tui::attach_workers(&mut app, &tx);
    assert!(matches!(app.searcher, Searcher::Worker { .. }));
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
    assert_eq!(
        store.checkpoint_idle().unwrap(),
        false,
        "held back, not failed"
    );
    assert_eq!(store.checkpoint(CheckpointMode::Passive).unwrap(), false);
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
    let mut app = App::new(store, Lang::Vi, fixed_clock()).unwrap();
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
