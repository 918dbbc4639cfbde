//! A draft is never lost, never doubled: a window's draft is its own while it lives, a draft
//! left behind is claimed by one window only, and a save takes its draft with it in the same
//! transaction.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Overlay, Question};
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::i18n::Lang;
use tiepdan::store::{DRAFT_VISIT_FORM, Store};

fn window(path: &std::path::Path) -> App {
    let store = Store::open(path).unwrap();
    start(store, Lang::Vi, fixed_clock()).unwrap()
}

fn drafts(path: &std::path::Path) -> usize {
    let mut store = Store::open(path).unwrap();
    let officer = store.officers().unwrap()[0].id;
    // A draft is sealed (issue 26): its officer's keys, after sign-in, open it.
    sign_in(&mut store, officer);
    store.drafts_of(officer, DRAFT_VISIT_FORM).unwrap().len()
}

fn visits(path: &std::path::Path) -> usize {
    Store::open(path).unwrap().visits_on(today()).unwrap().len()
}

fn offered(app: &App) -> bool {
    matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::RestoreDraft { .. }))
    )
}

/// Type a complete visit in the form and write its draft (as the autosave would).
fn type_visit(app: &mut App) {
    app.handle_key(key(KeyCode::Char('n')));
    for text in ["Đặng Thu Thảo", "", "", "", "", ""] {
        type_str(app, text);
        tab(app);
    }
    for text in [
        "khieu_nai",
        "khac",
        "Khiếu nại việc cấp giấy",
        "",
        "tra_loi",
    ] {
        type_str(app, text);
        tab(app);
    }
    app.save_draft();
}

fn book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store_with_officer(&mut store);
    (dir, path)
}

#[test]
fn a_windows_draft_is_its_own_while_the_window_lives() {
    let (_dir, path) = book();
    let mut a = window(&path);
    type_visit(&mut a);
    assert_eq!(drafts(&path), 1);
    // A second window of the same officer while the first still types: nothing offered.
    let b = window(&path);
    assert!(!offered(&b), "{:?}", b.overlays.last());
    // The first window is gone (killed): the next window is offered its draft.
    drop(a);
    let c = window(&path);
    assert!(offered(&c), "{:?}", c.overlays.last());
}

#[test]
fn a_draft_left_behind_is_restored_by_one_window_only() {
    let (_dir, path) = book();
    let mut a = window(&path);
    type_visit(&mut a);
    drop(a);
    // Two windows start while the draft waits: both are offered it.
    let mut b = window(&path);
    let mut c = window(&path);
    assert!(offered(&b) && offered(&c));
    b.handle_key(key(KeyCode::Char('y')));
    assert!(b.form().is_some(), "restored in b");
    assert_eq!(
        b.form()
            .unwrap()
            .value(tiepdan::domain::visit::FormField::FullName),
        "Đặng Thu Thảo"
    );
    // The second yes finds it taken: no second form, and it says so.
    c.handle_key(key(KeyCode::Char('y')));
    assert!(c.form().is_none(), "{:?}", c.overlays.last());
    let said = c.status.clone().unwrap().text;
    assert!(said.contains("cửa sổ khác"), "{said}");
    // b saves it: one visit, no draft left to save it again.
    b.handle_key(ctrl('s'));
    assert!(b.form().is_none(), "{:?}", b.status);
    assert_eq!(visits(&path), 1);
    assert_eq!(drafts(&path), 0);
    drop(b);
    drop(c);
    let d = window(&path);
    assert!(!offered(&d));
}

#[test]
fn a_save_takes_its_draft_with_it() {
    let (_dir, path) = book();
    let mut a = window(&path);
    type_visit(&mut a);
    assert_eq!(drafts(&path), 1);
    a.handle_key(ctrl('s'));
    assert!(a.form().is_none());
    assert_eq!((visits(&path), drafts(&path)), (1, 0));
    let audit = a.store.journal_of(Entity::Draft, DRAFT_VISIT_FORM).unwrap();
    assert_eq!(
        audit.iter().filter(|r| r.op == Op::Delete).count(),
        1,
        "cleared once, by the save"
    );
}

/// A discarded draft leaves no readable copy in the book (secure_delete): once the log is
/// folded into the file, the typed text is nowhere in its bytes.
#[test]
fn a_discarded_draft_leaves_no_readable_copy_on_disk() {
    let (dir, path) = book();
    let secret = "Nguyễn Văn Bí Mật 0977123456";
    {
        let mut store = Store::open(&path).unwrap();
        let officer = store.officers().unwrap()[0].id;
        let actor = store
            .sign_in(officer, common::PIN, common::at(8, 15))
            .unwrap();
        let payload = serde_json::json!({ "full_name": secret }).to_string();
        store
            .write(&actor, |w| w.save_draft(DRAFT_VISIT_FORM, "w-1", &payload))
            .unwrap();
        store
            .write(&actor, |w| w.clear_draft(DRAFT_VISIT_FORM, "w-1"))
            .unwrap();
    }
    let c = rusqlite::Connection::open(&path).unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(c);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            let bytes = std::fs::read(&p).unwrap();
            let found = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
            assert!(!found, "{} keeps the discarded draft", p.display());
        }
    }
}

/// The folders a new book is made in are the owner's only (0700), like the book (0600).
#[cfg(unix)]
#[test]
fn a_new_books_folder_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join("du-lieu")
        .join("tiếp dân")
        .join("book.sqlite3");
    Store::open(&path).unwrap();
    for d in [
        path.parent().unwrap(),
        path.parent().unwrap().parent().unwrap(),
    ] {
        let mode = std::fs::metadata(d).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", d.display());
    }
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// A restored form says what a new form says: the problems of what was typed (a bad ID
/// number), and no "Bắt buộc nhập" on an input left empty until a save is tried.
#[test]
fn a_restored_draft_shows_required_only_after_a_save_is_tried() {
    use tiepdan::domain::visit::{FormField, Problem};
    let (_dir, path) = book();
    let required = |app: &App, f: FormField| {
        app.form()
            .unwrap()
            .shown_problems(f)
            .contains(&&Problem::Required)
    };
    let mut a = window(&path);
    a.handle_key(key(KeyCode::Char('n')));
    type_str(&mut a, "Đặng Thu Thảo");
    tab(&mut a);
    type_str(&mut a, "12345");
    tab(&mut a);
    // A new form: the ID number left shows its problem, the empty Nội dung says nothing.
    let new_form = a.form().unwrap();
    assert!(!new_form.shown_problems(FormField::IdNumber).is_empty());
    assert!(!required(&a, FormField::Content));
    a.save_draft();
    drop(a);

    let mut b = window(&path);
    assert!(offered(&b), "{:?}", b.overlays.last());
    b.handle_key(key(KeyCode::Char('y')));
    let f = b.form().expect("restored");
    assert_eq!(f.value(FormField::FullName), "Đặng Thu Thảo");
    assert!(
        f.problems
            .iter()
            .any(|(pf, p)| *pf == FormField::Content && *p == Problem::Required),
        "Nội dung is still required: {:?}",
        f.problems
    );
    assert!(
        !f.shown_problems(FormField::IdNumber).is_empty(),
        "typed: shown"
    );
    for empty in [
        FormField::Content,
        FormField::PetitionType,
        FormField::Handling,
    ] {
        assert!(!required(&b, empty), "{empty:?} shown before any save");
    }
    assert!(f.is_dirty(), "restored text counts as typed");
    // The save is tried: now every problem shows, and nothing is saved.
    b.handle_key(ctrl('s'));
    assert!(b.form().is_some());
    assert!(required(&b, FormField::Content));
    assert_eq!(visits(&path), 0);
}

/// A killed window leaves its mark unlocked; the next window sweeps it once it is a minute
/// old — and the dead window's draft is still offered and claimed (a draft needs no mark).
#[test]
fn a_killed_windows_mark_is_swept_and_its_draft_still_offered() {
    let (_dir, path) = book();
    let mut a = window(&path);
    type_visit(&mut a);
    let dead = a.window.clone();
    drop(a);
    // What a kill -9 leaves: the mark, unlocked, from a while ago — here for the window
    // with the draft and for one that had none.
    let left = |window: &str| {
        let mark = tiepdan::store::windows_dir(&path)
            .unwrap()
            .join(format!("{window}.lock"));
        std::fs::write(&mark, b"").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&mark)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(600))
            .unwrap();
        mark
    };
    let mark = left(&dead);
    let bare = left("0000-no-draft");
    let mut b = window(&path);
    assert!(!mark.exists(), "swept when the window started");
    assert!(!bare.exists(), "a mark without a draft goes too");
    let own = tiepdan::store::windows_dir(&path)
        .unwrap()
        .join(format!("{}.lock", b.window));
    assert!(own.exists(), "the new window's own mark");
    assert!(offered(&b), "{:?}", b.overlays.last());
    b.handle_key(key(KeyCode::Char('y')));
    assert_eq!(
        b.form()
            .unwrap()
            .value(tiepdan::domain::visit::FormField::FullName),
        "Đặng Thu Thảo"
    );
    assert_eq!(drafts(&path), 1, "claimed, not doubled");
}
