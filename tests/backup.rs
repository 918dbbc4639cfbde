//! Backups (issue 27): a copy taken while another desk writes in a loop is whole and passes
//! `integrity_check`; the day's backup is taken once and N are kept; a restore checks the
//! copy, asks, and keeps the book it replaces.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use common::*;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::store::{Store, backup};

fn book(dir: &tempfile::TempDir) -> (std::path::PathBuf, tiepdan::store::Actor) {
    cheap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let me = store_with_officer(&mut store);
    (path, me)
}

fn visit(store: &mut Store, me: &tiepdan::store::Actor, n: usize) {
    let mut d = draft(&format!("Công Dân Số {n}"), "");
    d.handling = "tra_loi".into();
    let v = valid(&d);
    write(store, me, |w| {
        w.save_visit(&input(&v), &CaseChoice::OpenNew)
    });
}

#[test]
fn a_backup_taken_while_another_desk_writes_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (path, me) = book(&dir);
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (path, me, stop) = (path.clone(), me.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(&path).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                visit(&mut store, &me, n);
                n += 1;
            }
            n
        })
    };
    // Let the other desk get going, then copy several times while it writes.
    while Store::open(&path).unwrap().visit_count().unwrap() < 20 {
        std::thread::yield_now();
    }
    let reader = Store::open(&path).unwrap();
    for i in 0..3 {
        let target = dir.path().join(format!("copy-{i}.sqlite3"));
        reader.backup_into(&target).unwrap();
        backup::verify(&target).unwrap();
        let copy = Store::open_read_only(&target).unwrap();
        assert!(copy.visit_count().unwrap() >= 20);
        assert!(!dir.path().join(format!("copy-{i}.part")).exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written >= 20);
}

#[test]
fn the_days_backup_is_taken_once_and_the_newest_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = book(&dir);
    let store = Store::open(&path).unwrap();
    let at = |d: u32, h: u32| {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    for day in 1..=5 {
        assert!(store.daily_backup(at(day, 8), 3).unwrap().is_some());
        // Later the same day: nothing more.
        assert!(store.daily_backup(at(day, 14), 3).unwrap().is_none());
    }
    let kept = backup::backups_of(&path);
    let names: Vec<String> = kept
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "book-20261103-080000.sqlite3",
            "book-20261104-080000.sqlite3",
            "book-20261105-080000.sqlite3"
        ]
    );
    assert_eq!(store.backup_keep().unwrap(), backup::KEEP_DEFAULT);
}

#[test]
fn a_killed_backups_leftovers_go_and_two_backups_never_run_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = book(&dir);
    let store = Store::open(&path).unwrap();
    let at = NaiveDate::from_ymd_opt(2026, 11, 2)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    // What a backup killed half-way leaves (each start of the day tried again, and each
    // copy stayed: the disk filled).
    let folder = backup::backup_dir(&path);
    std::fs::create_dir_all(&folder).unwrap();
    for n in 0..3 {
        std::fs::write(folder.join(format!("book-20261101-08000{n}.part")), b"half").unwrap();
        std::fs::write(
            folder.join(format!("book-20261101-08000{n}.part-journal")),
            b"",
        )
        .unwrap();
    }
    // Another window taking a backup holds the folder's lock: this one is not started.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.join(".taking.lock"))
        .unwrap();
    lock.lock().unwrap();
    assert!(matches!(
        store.daily_backup(at, 3),
        Err(tiepdan::store::StoreError::BackupBusy)
    ));
    assert!(backup::backups_of(&path).is_empty());
    lock.unlock().unwrap();
    // Once it is gone: the leftovers are removed and the day's backup is whole.
    let taken = store.daily_backup(at, 3).unwrap().expect("taken");
    backup::verify(&taken).unwrap();
    let left: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(left, ["book-20261102-080000.sqlite3"]);
}

fn tiepdan(db: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TIEPDAN_LANG")
        .env("TIEPDAN_TEST_KDF", "cheap")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn backup_then_restore_on_the_command_line_keeps_the_replaced_book() {
    let dir = tempfile::tempdir().unwrap();
    let (path, me) = book(&dir);
    {
        let mut store = Store::open(&path).unwrap();
        visit(&mut store, &me, 1);
    }
    let copy = dir.path().join("ban sao.sqlite3");
    let o = tiepdan(&path, &["backup", "--out", copy.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Đã sao lưu"));
    // The book goes on: a second visit after the backup.
    {
        let mut store = Store::open(&path).unwrap();
        visit(&mut store, &me, 2);
        assert_eq!(store.visit_count().unwrap(), 2);
    }
    // Not without a yes (no terminal here), and not from a file that is no book.
    let pin = format!("{PIN}\n");
    let o = tiepdan(
        &path,
        &["restore", copy.to_str().unwrap(), "--pin-stdin"],
        &pin,
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--yes"));
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, b"not a book").unwrap();
    let o = tiepdan(
        &path,
        &["restore", junk.to_str().unwrap(), "--yes", "--pin-stdin"],
        &pin,
    );
    assert!(!o.status.success());
    assert_eq!(Store::open(&path).unwrap().visit_count().unwrap(), 2);
    // A wrong PIN: nothing happens.
    let o = tiepdan(
        &path,
        &["restore", copy.to_str().unwrap(), "--yes", "--pin-stdin"],
        "999999\n",
    );
    assert!(!o.status.success());
    assert_eq!(Store::open(&path).unwrap().visit_count().unwrap(), 2);
    // Restored: the backup's one visit; the replaced book kept beside it, whole.
    let o = tiepdan(
        &path,
        &["restore", copy.to_str().unwrap(), "--yes", "--pin-stdin"],
        &pin,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(Store::open(&path).unwrap().visit_count().unwrap(), 1);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".replaced-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        Store::open_read_only(&kept[0])
            .unwrap()
            .visit_count()
            .unwrap(),
        2
    );
}

#[test]
fn a_restore_waits_for_every_window_to_close() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = book(&dir);
    let copy = dir.path().join("copy.sqlite3");
    Store::open(&path).unwrap().backup_into(&copy).unwrap();
    let open_window = Store::open(&path).unwrap();
    let lease = open_window.lease_window("w-open").unwrap();
    let o = tiepdan(
        &path,
        &["restore", copy.to_str().unwrap(), "--yes", "--pin-stdin"],
        &format!("{PIN}\n"),
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("đóng mọi cửa sổ"));
    drop(lease);
}
