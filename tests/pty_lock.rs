//! End-to-end, the real binary in a pseudo-terminal (issue 25): the start asks for a PIN and
//! shows nothing of the book before; a wrong PIN says so and after five the next try waits;
//! a short idle setting locks the screen with nothing of a citizen on it, the half-typed form
//! kept; the same officer unlocks and gets it back; `Ctrl-L` locks at once.
//!
//! (The driver is `tests/pty_common`: screens are read with vt100, waits poll.)

mod common;
mod pty_common;

use std::path::Path;

use pty_common::Tui;
use tiepdan::store::{Store, settings};

/// A book with Lan (every role, PIN [`common::PIN`]), a visit of Trần Văn Đức today, and the
/// idle lock at `lock_after` seconds.
fn book(dir: &Path, lock_after: &str) -> std::path::PathBuf {
    let path = dir.join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let lan = common::store_with_officer(&mut store);
    common::write(&mut store, &lan, |w| {
        w.set_setting(settings::LOCK_AFTER, lock_after)
    });
    let mut d = common::draft("Trần Văn Đức", "001085012345");
    d.day = chrono::Local::now()
        .date_naive()
        .format("%d/%m/%Y")
        .to_string();
    let v = common::valid_on(&d, chrono::Local::now().date_naive());
    common::write(&mut store, &lan, |w| {
        w.save_visit(
            &tiepdan::store::VisitInput {
                visit: &v,
                day: chrono::Local::now().date_naive(),
                time: "08:30".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &tiepdan::domain::intake::CaseChoice::OpenNew,
        )
    });
    path
}

#[test]
fn sign_in_a_wrong_pin_and_its_wait() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(dir.path(), "300");
    let mut t = Tui::start(&db);
    t.wait_text("Mã PIN");
    let s = t.screen();
    assert!(s.contains("UBND phường Ba Đình"), "{s}");
    assert!(
        !s.contains("Trần Văn Đức"),
        "nothing of the book before the PIN: {s}"
    );
    for n in 1..=4 {
        t.send("999999\r");
        t.wait_text(&format!("Sai mã PIN ({n} lần liên tiếp)."));
    }
    t.send("999999\r");
    t.wait_text("Sai mã PIN (5 lần liên tiếp): thử lại sau 30 giây.");
    // The right PIN now: not checked during the wait.
    t.send(common::PIN);
    t.send("\r");
    t.wait_text("Đã nhập sai nhiều lần: thử lại sau");
    assert!(!t.screen().contains("Trần Văn Đức"));
    t.send("\x11"); // Ctrl-Q
    assert!(t.wait_exit());
    // The count is in the book: a restart waits as well.
    let mut t = Tui::start(&db);
    t.wait_text("Mã PIN");
    t.send(common::PIN);
    t.send("\r");
    t.wait_text("Đã nhập sai nhiều lần: thử lại sau");
    t.send("\x11");
    assert!(t.wait_exit());
    let store = Store::open(&db).unwrap();
    assert_eq!(store.sign_in_failures(1).unwrap(), 5);
}

#[test]
fn the_idle_lock_hides_every_citizen_and_keeps_the_half_typed_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(dir.path(), "4");
    let mut t = Tui::start(&db).signed_in();
    t.wait_text("Trần Văn Đức");
    t.send("n");
    t.wait_text("Ghi lượt tiếp mới");
    t.send("Phan Văn Tín");
    t.wait_text("Phan Văn Tín");
    // Four seconds without a key: locked, nothing of a citizen on the screen.
    t.wait_text("Màn hình đã khoá");
    let s = t.screen();
    assert!(!s.contains("Phan Văn Tín"), "{s}");
    assert!(!s.contains("Trần Văn Đức"), "{s}");
    assert!(!s.contains("lượt"), "{s}");
    assert!(s.contains("UBND phường Ba Đình"), "{s}");
    // The form is the officer's draft already.
    let mut store = Store::open(&db).unwrap();
    common::sign_in(&mut store, 1);
    let drafts = store.drafts_of(1, "visit_form").unwrap();
    assert!(drafts.iter().any(|d| d.payload.contains("Phan Văn Tín")));
    drop(store);
    // The same officer: the form is back as it was, and typing goes on.
    t.send(common::PIN);
    t.send("\r");
    t.wait_text("Phan Văn Tín");
    t.send(" Em");
    t.wait_text("Phan Văn Tín Em");
    // Ctrl-L locks at once, from inside the form.
    t.send("\x0c");
    t.wait_text("Màn hình đã khoá");
    assert!(!t.screen().contains("Phan Văn Tín"));
    t.send("\x11");
    assert!(t.wait_exit());
}
