//! The keys from the keyboard (issue 26): the recovery code of a book's new keys is shown once,
//! in a dialog that closes only when its last group is typed back; `F4` unlocks the unit key
//! with a leader's passphrase or with the recovery code; a leader sets a passphrase typed
//! twice; a code used to get in is replaced by a new one, shown the same way.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::overlay::{Overlay, PromptPurpose};
use tiepdan::app::{App, LockWhy};
use tiepdan::i18n::Lang;
use tiepdan::store::Store;

const PASSPHRASE: &str = "sông Hồng mùa lũ";

fn status(app: &App) -> String {
    app.status.clone().map(|s| s.text).unwrap_or_default()
}

/// Sign in at the lock screen with the PIN.
fn unlock_desk(app: &mut App) {
    type_str(app, PIN);
    app.handle_key(key(KeyCode::Enter));
    assert!(
        !app.is_locked(),
        "{:?}",
        app.lock.as_ref().map(|l| &l.error)
    );
}

/// The code the recovery dialog on top shows.
fn shown_code(app: &App) -> Option<String> {
    match app.overlays.last() {
        Some(Overlay::Prompt(p)) => match &p.purpose {
            PromptPurpose::AckRecovery { code } => Some(code.0.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn enter(app: &mut App, text: &str) {
    type_str(app, text);
    app.handle_key(key(KeyCode::Enter));
}

#[test]
fn the_recovery_code_is_shown_once_and_closes_only_when_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("so.sqlite3")).unwrap();
    store_with_officer(&mut store);
    let mut app = App::new(store, Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (80, 24);
    app.announce_keys = true;
    unlock_desk(&mut app);
    let code = shown_code(&app).expect("the dialog is up after sign-in");
    assert_eq!(code.len(), 29, "{code:?}");
    let screen = screen_of(&mut app, 80, 24);
    assert!(screen.contains(&code), "{screen}");
    insta::assert_snapshot!(
        "recovery_code_80x24",
        screen.replace(&code, "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
    );
    // Esc does not close it; a wrong group does not either.
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(shown_code(&app).as_deref(), Some(code.as_str()));
    assert!(screen_of(&mut app, 80, 24).contains("Mã chỉ hiện một lần"));
    enter(&mut app, "AAAAA");
    assert_eq!(shown_code(&app).as_deref(), Some(code.as_str()));
    // Its last group, typed loosely (lower case), closes it.
    let last = code.rsplit('-').next().unwrap().to_lowercase();
    enter(&mut app, &last);
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    assert!(status(&app).contains("Đã xác nhận"), "{}", status(&app));
    assert!(!screen_of(&mut app, 80, 24).contains(&code));
    // Once: the next sign-in shows nothing.
    app.lock_now(LockWhy::Key);
    unlock_desk(&mut app);
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    let small = screen_of(&mut app, 60, 16);
    assert!(!small.contains(&code));
}

#[test]
fn f4_sets_a_passphrase_unlocks_with_it_or_the_code_and_a_used_code_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("so.sqlite3")).unwrap();
    let actor = store_with_officer(&mut store);
    let code = store.take_recovery_code().unwrap();
    assert!(!store.has_passphrase(actor.uid()).unwrap());
    let mut app = app_as(store, actor.clone());
    // The setup session still holds the unit key: F4 asks for a new passphrase, twice.
    app.handle_key(key(KeyCode::F(4)));
    assert!(screen_of(&mut app, 80, 24).contains("Cụm mật khẩu mới"));
    enter(&mut app, PASSPHRASE);
    assert!(screen_of(&mut app, 80, 24).contains("Gõ lại cụm mật khẩu mới"));
    enter(&mut app, "sông Hồng mùa cạn");
    // Not the same: asked from the start, saying why.
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Prompt(p))
            if matches!(p.purpose, PromptPurpose::SetPassphrase { first: None, .. })
                && p.error.is_some()),
        "{:?}",
        app.overlays.last()
    );
    enter(&mut app, PASSPHRASE);
    enter(&mut app, PASSPHRASE);
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    assert!(app.store.has_passphrase(actor.uid()).unwrap());
    // Locked and back: F4 unlocks with the passphrase (a wrong one says so).
    app.lock_now(LockWhy::Key);
    unlock_desk(&mut app);
    assert!(!app.store.unit_unlocked());
    app.handle_key(key(KeyCode::F(4)));
    enter(&mut app, "sai rồi");
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Prompt(p)) if p.error.is_some()),
        "{:?}",
        app.overlays.last()
    );
    enter(&mut app, PASSPHRASE);
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    assert!(app.store.unit_unlocked());
    // Locked and back: the recovery code opens too — then a new passphrase, and a new code
    // shown once (the old one no longer opens).
    app.lock_now(LockWhy::Key);
    unlock_desk(&mut app);
    app.handle_key(key(KeyCode::F(4)));
    enter(&mut app, &code.to_lowercase().replace('-', " "));
    assert!(app.store.unit_unlocked());
    enter(&mut app, "mưa ngâu tháng bảy");
    enter(&mut app, "mưa ngâu tháng bảy");
    let new_code = shown_code(&app).expect("a new code shown");
    assert_ne!(new_code, code);
    enter(&mut app, new_code.rsplit('-').next().unwrap());
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    app.lock_now(LockWhy::Key);
    unlock_desk(&mut app);
    app.handle_key(key(KeyCode::F(4)));
    enter(&mut app, &code);
    assert!(!app.store.unit_unlocked(), "the old code no longer opens");
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::F(4)));
    enter(&mut app, "mưa ngâu tháng bảy");
    assert!(app.store.unit_unlocked());
}
