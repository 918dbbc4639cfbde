//! End-to-end, the real binary in pseudo-terminals (issue 22.1, 22.5): two desks on one book
//! — a visit saved at one shows at the other within a second, without a key — and after a
//! quit the book file alone (no `-wal`) holds every visit.
//!
//! (The driver is `tests/pty_common`: screens are read with vt100, waits poll.)

mod common;
mod pty_common;

use std::path::Path;
use std::time::{Duration, Instant};

use pty_common::{TIMEOUT, Tui};
use tiepdan::store::Store;

/// A book with its unit and one officer (no first-start dialog).
fn book(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("tiepdan.sqlite3");
    let mut store = Store::open(&db).unwrap();
    common::store_with_officer(&mut store);
    db
}

/// Log a visit of `name` (handling hướng dẫn) and save it with Ctrl-S.
fn log_visit(t: &mut Tui, name: &str, id: &str) {
    t.send("n");
    t.wait_text("Ghi lượt tiếp mới");
    t.field(name);
    t.field(id);
    t.field("0912 345 678");
    t.field("Số 5 ngõ 12 phố Kim Mã");
    t.send("\t\t");
    t.field("kien nghi");
    t.field("dat dai");
    t.field("Kiến nghị về việc cấp giấy chứng nhận");
    t.send("\t");
    t.field("huong");
    t.send("\x13");
}

#[test]
fn another_desk_s_visit_shows_within_a_second_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(dir.path());
    let mut a = Tui::start(&db).signed_in();
    let b = Tui::start(&db).signed_in();
    a.wait_text("0 lượt");
    b.wait_text("0 lượt");
    log_visit(&mut a, "Phan Thị Ngọc Hà", "001185012345");
    a.wait_text("1 lượt");
    a.wait_text("Phan Thị Ngọc Hà");
    // Nothing is typed at desk B.
    let took = b.wait_within("Phan Thị Ngọc Hà", Duration::from_secs(1));
    b.wait_within("1 lượt", Duration::from_secs(1));
    eprintln!("desk B showed desk A's visit after {took:?}");
}

#[test]
fn after_a_quit_the_book_file_alone_holds_every_visit() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(dir.path());
    let mut t = Tui::start(&db).signed_in();
    t.wait_text("0 lượt");
    log_visit(&mut t, "Phan Thị Ngọc Hà", "001185012345");
    t.wait_text("1 lượt");
    log_visit(&mut t, "Trịnh Văn Quyết", "001085099887");
    t.wait_text("2 lượt");
    // The lookup worker opened its own connection.
    t.send("/");
    t.wait_text("Tìm công dân");
    t.send("quyet");
    t.wait_text("Công dân (1)");
    t.send("\x1b");
    // The lookup closed (Esc then q, never read as Alt-q).
    let start = Instant::now();
    while t.screen().contains("/ quyet") {
        assert!(start.elapsed() < TIMEOUT, "{}", t.screen());
        std::thread::sleep(Duration::from_millis(20));
    }
    t.send("q");
    assert!(t.wait_exit(), "clean exit");
    let copies = tempfile::tempdir().unwrap();
    let copy = copies.path().join("copy.sqlite3");
    std::fs::copy(&db, &copy).unwrap();
    let store = Store::open_read_only(&copy).unwrap();
    assert_eq!(
        store.visit_count().unwrap(),
        2,
        "the file alone is the book"
    );
}

/// The app refuses an empty file with the command line's words, instead of starting a new
/// book in it (issue 22.6).
#[test]
fn the_app_refuses_an_empty_file_with_the_command_line_s_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tiepdan.sqlite3");
    std::fs::write(&db, b"").unwrap();
    let mut t = Tui::start(&db);
    t.wait_text("không chứa sổ tiếp công dân");
    assert!(!t.wait_exit(), "a refusal is a failure");
    assert_eq!(std::fs::read(&db).unwrap(), b"", "left untouched");
    assert!(!dir.path().join("tiepdan.sqlite3-wal").exists());
}

/// The create prompt names the path it would create: an escape in that path is shown as
/// text, never sent to the terminal (issue 22.8).
#[test]
fn the_create_prompt_shows_an_escape_in_the_path_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sổ\x1b]2;pwned\x07.sqlite3");
    let mut t = Tui::start(&db);
    t.wait_text("Tạo sổ mới ở đó?");
    t.wait_text("sổ\\u{1b}]2;pwned\\u{7}.sqlite3");
    t.send("n\r");
    assert!(!t.wait_exit(), "no book, a failure");
    assert!(!db.exists());
}
