//! Signing in and the lock in the app (issue 25): the start asks for a PIN, `Ctrl-L` and the
//! idle time lock the screen — only the unit, the date and the sign-in, no citizen's data —,
//! an open form is kept as the officer's draft, the same officer gets it back, another
//! officer signs in on a clean desk and the first one's form is offered to them next time.
//! Time is the app's injected clock, fast-forwarded.

mod common;

use std::cell::Cell;
use std::rc::Rc;
use std::time::Instant;

use chrono::{NaiveDateTime, TimeDelta};
use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Command, Context, LockWhy, Msg, Overlay, Question};
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::i18n::Lang;
use tiepdan::store::{DRAFT_VISIT_FORM, Store, StoreError, settings};

/// A clock the test moves.
fn clock() -> (Rc<Cell<NaiveDateTime>>, tiepdan::app::Clock) {
    let now = Rc::new(Cell::new(at(8, 15)));
    let c = Rc::clone(&now);
    (now, Box::new(move || c.get()))
}

fn pass(now: &Rc<Cell<NaiveDateTime>>, secs: i64) {
    now.set(now.get() + TimeDelta::seconds(secs));
}

fn tick(app: &mut App) {
    app.apply(Msg::Tick(Instant::now()));
}

/// A book on file with Lan (every role, PIN [`PIN`]) and Bình (receiving, PIN 135790), and
/// a visit of Trần Văn Đức logged today.
fn book(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let lan = store_with_officer(&mut store);
    let binh = write(&mut store, &lan, |w| w.add_officer("Trần Văn Bình", "")).id;
    store.set_first_pin(binh, "135790", "135790").unwrap();
    save(
        &mut store,
        &lan,
        &valid(&draft("Trần Văn Đức", "001085012345")),
    );
    path
}

fn sign_in_as(app: &mut App, name: &str, pin: &str) {
    let lock = app.lock.as_ref().expect("the lock screen");
    let i = lock
        .officers
        .iter()
        .position(|o| o.full_name == name)
        .unwrap();
    for _ in 0..(i + lock.officers.len() - lock.selected) % lock.officers.len() {
        app.handle_key(key(KeyCode::Down));
    }
    type_str(app, pin);
    app.handle_key(key(KeyCode::Enter));
}

fn lock_error(app: &App) -> String {
    app.lock
        .as_ref()
        .and_then(|l| l.error.clone())
        .unwrap_or_default()
}

#[test]
fn the_start_asks_for_the_pin_and_shows_nothing_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(&dir);
    let (_, c) = clock();
    let mut app = App::new(Store::open(&path).unwrap(), Lang::Vi, c).unwrap();
    assert_eq!(app.context(), Context::Lock);
    assert!(app.actor.is_none());
    let screen = screen_of(&mut app, 100, 30);
    assert!(screen.contains("UBND phường Ba Đình"), "{screen}");
    assert!(screen.contains("22/11/2026"), "{screen}");
    assert!(screen.contains("Mã PIN"), "{screen}");
    assert!(!screen.contains("Trần Văn Đức"), "no citizen: {screen}");
    assert!(!screen.contains("lượt"), "no counters: {screen}");
    // Letters are the PIN's (a passphrase), never commands: q, /, ? and digits do nothing else.
    type_str(&mut app, "q/?2");
    assert_eq!(app.context(), Context::Lock);
    assert!(!app.should_quit);
    app.handle_key(key(KeyCode::Esc)); // clears the PIN
    sign_in_as(&mut app, "Nguyễn Thị Lan", PIN);
    assert!(!app.is_locked(), "{}", lock_error(&app));
    assert_eq!(app.actor.as_ref().unwrap().name(), "Nguyễn Thị Lan");
    assert!(screen_of(&mut app, 100, 30).contains("Trần Văn Đức"));
}

/// The sign-in screen shows nothing of the book, so the start reads the calendar, the
/// deadline alerts and the day's log after its first frame: at the loop's first idle turn,
/// or before the first key when a key comes sooner — never a key applied to an app half
/// started.
#[test]
fn the_start_reads_the_rest_after_the_first_frame_and_before_any_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(&dir);
    {
        // A complaint received 2/11: its acceptance and its reply are overdue on 22/11.
        let mut store = Store::open(&path).unwrap();
        let lan_id = store.officers().unwrap()[0].id;
        let lan = sign_in(&mut store, lan_id);
        let v = valid_on(&draft("Lê Thị Hoa", "001185012346"), at(8, 0).date());
        write(&mut store, &lan, |w| {
            w.save_visit(
                &tiepdan::store::VisitInput {
                    visit: &v,
                    day: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
                    time: "08:30".into(),
                    citizen: None,
                    rename_citizen: false,
                    shared: Default::default(),
                },
                &tiepdan::domain::intake::CaseChoice::OpenNew,
            )
        });
    }
    let expected = {
        let store = Store::open(&path).unwrap();
        store
            .deadline_alerts(at(8, 15).date(), &store.calendar().unwrap())
            .unwrap()
    };
    assert_eq!(expected, (2, 0));

    // The first frame, then an idle turn.
    let (_, c) = clock();
    let mut app = App::new(Store::open(&path).unwrap(), Lang::Vi, c).unwrap();
    assert!(screen_of(&mut app, 100, 30).contains("Mã PIN"));
    assert!(
        app.warm_one(),
        "the first idle turn reads what the start left"
    );
    assert_eq!(app.alerts, expected);
    assert_eq!(app.log.rows.len(), 1, "today's visit");
    sign_in_as(&mut app, "Nguyễn Thị Lan", PIN);
    assert_eq!(app.alerts, expected);

    // Keys before any idle turn: read before the first one is applied.
    let (_, c) = clock();
    let mut app = App::new(Store::open(&path).unwrap(), Lang::Vi, c).unwrap();
    sign_in_as(&mut app, "Nguyễn Thị Lan", PIN);
    assert!(!app.is_locked(), "{}", lock_error(&app));
    assert_eq!(app.alerts, expected);
    let screen = screen_of(&mut app, 100, 30);
    assert!(screen.contains("Trần Văn Đức"), "{screen}");
    assert!(
        screen.contains("quá hạn"),
        "the alerts in the status line: {screen}"
    );
}

#[test]
fn a_wrong_pin_is_counted_kept_in_the_book_and_slowed_after_five() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(&dir);
    let (now, c) = clock();
    let mut app = App::new(Store::open(&path).unwrap(), Lang::Vi, c).unwrap();
    for n in 1..=4 {
        sign_in_as(&mut app, "Trần Văn Bình", "999999");
        assert_eq!(lock_error(&app), format!("Sai mã PIN ({n} lần liên tiếp)."));
        assert!(app.is_locked());
    }
    sign_in_as(&mut app, "Trần Văn Bình", "999999");
    assert_eq!(
        lock_error(&app),
        "Sai mã PIN (5 lần liên tiếp): thử lại sau 30 giây."
    );
    // The right PIN during the wait is not even checked.
    sign_in_as(&mut app, "Trần Văn Bình", "135790");
    assert_eq!(
        lock_error(&app),
        "Đã nhập sai nhiều lần: thử lại sau 30 giây."
    );
    // A restart changes nothing: the count and the wait are in the book.
    pass(&now, 10);
    drop(app);
    let (later, c2) = clock();
    later.set(now.get());
    let mut app = App::new(Store::open(&path).unwrap(), Lang::Vi, c2).unwrap();
    sign_in_as(&mut app, "Trần Văn Bình", "135790");
    assert_eq!(
        lock_error(&app),
        "Đã nhập sai nhiều lần: thử lại sau 20 giây."
    );
    // Another wrong one after the wait doubles it.
    pass(&later, 21);
    sign_in_as(&mut app, "Trần Văn Bình", "999999");
    assert_eq!(
        lock_error(&app),
        "Sai mã PIN (6 lần liên tiếp): thử lại sau 1 phút 0 giây."
    );
    pass(&later, 60);
    sign_in_as(&mut app, "Trần Văn Bình", "135790");
    assert!(!app.is_locked(), "{}", lock_error(&app));
    // Every wrong entry is in the audit, under nobody (nobody was signed in), and the right
    // one clears the count.
    let binh = app.actor.as_ref().unwrap().clone();
    assert_eq!(app.store.sign_in_failures(binh.officer_id()).unwrap(), 0);
    let audit = app.store.journal_of(Entity::Officer, binh.uid()).unwrap();
    let failed: Vec<_> = audit.iter().filter(|a| a.op == Op::SignInFailed).collect();
    assert_eq!(failed.len(), 6);
    assert!(failed.iter().all(|a| a.officer.is_none()));
    assert_eq!(failed[4].after["wait_secs"], 30);
    assert!(audit.iter().any(|a| a.op == Op::SignIn));
    // No PIN anywhere in the audit.
    let all: Vec<String> = app
        .store
        .inspect("SELECT before, after FROM journal", [], |r| {
            let field = |i: usize| -> rusqlite::Result<String> {
                Ok(tiepdan::store::unpack_journal_field(&r.get::<_, Vec<u8>>(i)?).unwrap())
            };
            Ok(field(0)? + &field(1)?)
        })
        .unwrap();
    assert!(
        all.iter()
            .all(|a| !a.contains("135790") && !a.contains("999999"))
    );
}

#[test]
fn ctrl_l_locks_at_once_and_the_same_officer_gets_the_form_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(&dir);
    let (_, c) = clock();
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, c).unwrap();
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Phan Văn Tín");
    // From inside the form: Ctrl-L is not text.
    app.handle_key(ctrl('l'));
    assert!(app.is_locked());
    assert_eq!(app.lock.as_ref().unwrap().why, LockWhy::Key);
    let screen = screen_of(&mut app, 100, 30);
    assert!(!screen.contains("Phan Văn Tín"), "{screen}");
    assert!(!screen.contains("Trần Văn Đức"), "{screen}");
    assert!(screen.contains("Nguyễn Thị Lan"), "whose desk: {screen}");
    // The form is the officer's draft already.
    let lan = app.actor.as_ref().unwrap().officer_id();
    // (Sealed: a locked desk holds no key to read it; the form comes back below.)
    assert_eq!(app.store.draft_count(lan, DRAFT_VISIT_FORM).unwrap(), 1);
    assert!(
        app.store
            .drafts_of(lan, DRAFT_VISIT_FORM)
            .unwrap()
            .is_empty()
    );
    // A wrong PIN keeps it locked; the right one gives the form back as it was.
    type_str(&mut app, "000001");
    app.handle_key(key(KeyCode::Enter));
    assert!(app.is_locked());
    type_str(&mut app, PIN);
    app.handle_key(key(KeyCode::Enter));
    assert!(!app.is_locked());
    assert_eq!(app.form().unwrap().to_draft().full_name, "Phan Văn Tín");
    type_str(&mut app, " Em");
    assert_eq!(app.form().unwrap().to_draft().full_name, "Phan Văn Tín Em");
}

#[test]
fn the_idle_time_locks_with_the_injected_clock() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(&dir);
    let (now, c) = clock();
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, c).unwrap();
    // Five minutes by default.
    assert_eq!(app.until_lock(), Some(std::time::Duration::from_secs(300)));
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Đặng Thu Thảo");
    pass(&now, 299);
    tick(&mut app);
    assert!(!app.is_locked());
    // A key resets the time.
    type_str(&mut app, "o");
    pass(&now, 299);
    tick(&mut app);
    assert!(!app.is_locked());
    pass(&now, 1);
    tick(&mut app);
    assert!(app.is_locked());
    assert_eq!(app.lock.as_ref().unwrap().why, LockWhy::Idle);
    assert_eq!(app.until_lock(), None);
    let screen = screen_of(&mut app, 80, 24);
    assert!(!screen.contains("Thảo"), "{screen}");
    // A unit's shorter setting holds from the next sign-in.
    let lan = app.actor.clone().unwrap();
    app.store
        .write(&lan, |w| w.set_setting(settings::LOCK_AFTER, "60"))
        .unwrap();
    type_str(&mut app, PIN);
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.until_lock(), Some(std::time::Duration::from_secs(60)));
    pass(&now, 60);
    tick(&mut app);
    assert!(app.is_locked());
    // The lock cannot be switched off or set past an hour.
    for bad in ["0", "3601", "never"] {
        assert!(matches!(
            app.store
                .write(&lan, |w| w.set_setting(settings::LOCK_AFTER, bad)),
            Err(StoreError::Invalid(_))
        ));
    }
}

#[test]
fn another_officer_signs_in_on_a_clean_desk_and_the_form_waits_for_its_officer() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(&dir);
    let (_, c) = clock();
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, c).unwrap();
    let lan = app.actor.as_ref().unwrap().officer_id();
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Hoàng Văn Nam");
    app.handle_key(ctrl('l'));
    sign_in_as(&mut app, "Trần Văn Bình", "135790");
    assert!(!app.is_locked(), "{}", lock_error(&app));
    assert_eq!(app.actor.as_ref().unwrap().name(), "Trần Văn Bình");
    assert!(app.overlays.is_empty(), "nothing of Lan's open");
    assert!(app.form().is_none());
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.contains("Biểu mẫu của Nguyễn Thị Lan được giữ làm bản nháp"),
        "{status}"
    );
    // Lan's draft is left behind for her, not this window's any more.
    assert_eq!(app.store.draft_count(lan, DRAFT_VISIT_FORM).unwrap(), 1);
    // Sealed to Lan: the officer now at the desk cannot read it.
    assert!(
        app.store
            .drafts_of(lan, DRAFT_VISIT_FORM)
            .unwrap()
            .is_empty()
    );
    assert_ne!(
        app.store.draft_windows(lan, DRAFT_VISIT_FORM).unwrap()[0],
        app.window
    );
    // Bình locks; Lan signs in here again: her form is offered back.
    app.handle_key(ctrl('l'));
    sign_in_as(&mut app, "Nguyễn Thị Lan", PIN);
    assert!(!app.is_locked());
    assert!(
        app.status.is_none(),
        "Bình's message went with him: {:?}",
        app.status
    );
    assert!(
        matches!(
            app.overlays.last(),
            Some(Overlay::Confirm(Question::RestoreDraft { .. }))
        ),
        "{:?}",
        app.overlays.last()
    );
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.form().unwrap().to_draft().full_name, "Hoàng Văn Nam");
}

#[test]
fn o_signs_another_officer_in_and_esc_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(&dir);
    let (_, c) = clock();
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, c).unwrap();
    app.handle_key(key(KeyCode::Char('o')));
    assert_eq!(app.context(), Context::Picker);
    // Bình is second by name.
    app.handle_key(key(KeyCode::Down));
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.context(), Context::Lock);
    assert_eq!(app.lock.as_ref().unwrap().why, LockWhy::Switch);
    assert_eq!(
        app.lock.as_ref().unwrap().officer().unwrap().full_name,
        "Trần Văn Bình"
    );
    // Esc: back to the desk, still Lan.
    app.handle_key(key(KeyCode::Esc));
    assert!(!app.is_locked());
    assert_eq!(app.actor.as_ref().unwrap().name(), "Nguyễn Thị Lan");
    app.handle_key(key(KeyCode::Char('o')));
    app.handle_key(key(KeyCode::Down));
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "135790");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.actor.as_ref().unwrap().name(), "Trần Văn Bình");
    // A receiving officer adds nobody: the store says who may.
    app.handle_key(key(KeyCode::Char('o')));
    app.handle_key(key(KeyCode::Down)); // past Bình: "add an officer"
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "Đinh Văn Mới");
    app.handle_key(key(KeyCode::Enter));
    match app.overlays.last() {
        Some(Overlay::Prompt(p)) => assert!(
            p.error.as_deref().unwrap().contains("quản trị"),
            "{:?}",
            p.error
        ),
        other => panic!("the prompt stays with the refusal: {other:?}"),
    }
}

#[test]
fn an_officer_without_a_pin_sets_one_twice_at_their_first_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(&dir);
    {
        let mut store = Store::open(&path).unwrap();
        let lan = common::sign_in(&mut store, 1);
        write(&mut store, &lan, |w| w.add_officer("Lê Thị Mai", ""));
    }
    let (_, c) = clock();
    let mut app = App::new(Store::open(&path).unwrap(), Lang::Vi, c).unwrap();
    // Lê Thị Mai comes first by name.
    assert_eq!(
        app.lock.as_ref().unwrap().officer().unwrap().full_name,
        "Lê Thị Mai"
    );
    assert!(app.lock.as_ref().unwrap().setting_pin());
    let screen = screen_of(&mut app, 80, 24);
    assert!(screen.contains("chưa có mã PIN"), "{screen}");
    // Two entries that differ, then a guessable one: refused, typed again.
    type_str(&mut app, "258025");
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "258026");
    app.handle_key(key(KeyCode::Enter));
    assert!(
        lock_error(&app).contains("không khớp"),
        "{}",
        lock_error(&app)
    );
    for _ in 0..2 {
        type_str(&mut app, "111111");
        app.handle_key(key(KeyCode::Enter));
    }
    assert!(lock_error(&app).contains("dễ đoán"), "{}", lock_error(&app));
    for _ in 0..2 {
        type_str(&mut app, "mây trắng bay");
        app.handle_key(key(KeyCode::Enter));
    }
    assert!(!app.is_locked(), "{}", lock_error(&app));
    assert_eq!(app.actor.as_ref().unwrap().name(), "Lê Thị Mai");
    // From now on the passphrase signs her in.
    let mai = app.actor.as_ref().unwrap().officer_id();
    assert!(app.store.officer(mai).unwrap().unwrap().has_pin);
    assert!(app.store.sign_in(mai, "mây trắng bay", at(9, 0)).is_ok());
}

#[test]
fn a_reveal_is_a_leaders_or_the_receiving_officers() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(&dir);
    // Lan (every role) receives a denunciation.
    let (uid, code) = {
        let mut store = Store::open(&path).unwrap();
        let lan = common::sign_in(&mut store, 1);
        let mut d = draft("Vũ Thị Kín", "001185099999");
        d.petition_type = "to_cao".into();
        let saved = write(&mut store, &lan, |w| {
            w.save_visit(
                &input(&valid(&d)),
                &tiepdan::domain::intake::CaseChoice::OpenNew,
            )
        });
        let case = saved.case.unwrap();
        (case.uid, case.code)
    };
    // Bình, a receiving officer who did not receive it, is refused with words.
    let mut store = Store::open(&path).unwrap();
    let binh_id = store.officer_named("Trần Văn Bình").unwrap().unwrap().id;
    let binh = store.sign_in(binh_id, "135790", at(9, 0)).unwrap();
    let (_, c) = clock();
    let mut app = App::signed_in(store, binh, Lang::Vi, c).unwrap();
    app.handle_key(key(KeyCode::Char('2')));
    let r = app
        .store
        .write(app.actor.as_ref().unwrap(), |w| w.reveal_case(&uid));
    let words = tiepdan::i18n::store_error(Lang::Vi, &r.unwrap_err());
    assert!(words.contains("Luật Tố cáo"), "{words}");
    assert!(!words.contains("Kín"));
    let _ = code;
}

fn snapshot(app: &mut App, name: &str, w: u16, h: u16) {
    let screen = screen_of(app, w, h);
    insta::assert_snapshot!(name, screen);
}

#[test]
fn sign_in_and_lock_screens_80x24_and_small() {
    let dir = tempfile::tempdir().unwrap();
    let path = book(&dir);
    let (_, c) = clock();
    let mut app = App::new(Store::open(&path).unwrap(), Lang::Vi, c).unwrap();
    snapshot(&mut app, "sign_in_80x24", 80, 24);
    snapshot(&mut app, "sign_in_40x12", 40, 12);
    type_str(&mut app, "1234");
    app.handle_key(key(KeyCode::Enter));
    snapshot(&mut app, "sign_in_wrong_pin_80x24", 80, 24);
    app.handle_key(key(KeyCode::Esc));
    type_str(&mut app, PIN);
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Phan Văn Tín");
    app.apply(Command::Lock);
    snapshot(&mut app, "locked_80x24", 80, 24);
    snapshot(&mut app, "locked_40x12", 40, 12);
    app.lang = Lang::En;
    snapshot(&mut app, "locked_english_80x24", 80, 24);
}

#[test]
fn a_first_pin_screen_80x24() {
    let mut store = Store::open_in_memory().unwrap();
    let lan = store_with_officer(&mut store);
    write(&mut store, &lan, |w| w.add_officer("Lê Thị Mai", ""));
    let (_, c) = clock();
    let mut app = App::new(store, Lang::Vi, c).unwrap();
    type_str(&mut app, "258025");
    snapshot(&mut app, "first_pin_80x24", 80, 24);
}
