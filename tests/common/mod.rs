//! Shared helpers for the integration tests: a fixed clock, an app with an officer, keys.
#![allow(dead_code)]

pub mod clocks;
pub mod desks;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiepdan::app::{App, Clock};
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::visit::{ValidVisit, VisitDraft, validate};
use tiepdan::i18n::Lang;
use tiepdan::store::{Actor, Store, VisitInput, Writer};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

pub fn at(h: u32, m: u32) -> NaiveDateTime {
    today().and_hms_opt(h, m, 0).unwrap()
}

pub fn fixed_clock() -> Clock {
    Box::new(|| at(8, 15))
}

/// The PIN every test officer gets.
pub const PIN: &str = "246810";

/// PINs hashed at the cheapest Argon2 cost in this test process (debug builds only: the
/// production cost takes a fifth of a second a hash).
pub fn cheap() {
    tiepdan::store::pin::use_cheap_cost_in_tests();
}

/// A store with the unit set (desk code BD) and one officer (every role, PIN [`PIN`]),
/// signed in.
pub fn store_with_officer(store: &mut Store) -> Actor {
    cheap();
    store
        .first_start("UBND phường Ba Đình", "BD", "Nguyễn Thị Lan", PIN, PIN)
        .unwrap()
}

/// Sign an officer in with [`PIN`] (which they must have).
pub fn sign_in(store: &mut Store, officer_id: i64) -> Actor {
    store.sign_in(officer_id, PIN, at(8, 15)).unwrap()
}

/// Start the app as an officer does (`App::new`: the lock screen) and sign in the officer it
/// offers with [`PIN`] — setting it first when they have none (an upgraded book).
pub fn start(store: Store, lang: Lang, clock: Clock) -> tiepdan::store::Result<App> {
    cheap();
    let mut app = App::new(store, lang, clock)?;
    if let Some(lock) = &app.lock {
        let twice = lock.setting_pin();
        type_str(&mut app, PIN);
        app.handle_key(key(KeyCode::Enter));
        if twice {
            type_str(&mut app, PIN);
            app.handle_key(key(KeyCode::Enter));
        }
        assert!(
            !app.is_locked(),
            "signed in: {:?}",
            app.lock.as_ref().and_then(|l| l.error.clone())
        );
    }
    Ok(app)
}

/// Sign in an officer of an upgraded book: their PIN set to [`PIN`] when they have none
/// (their first sign-in), else checked.
pub fn sign_in_or_set(store: &mut Store, officer_id: i64) -> Actor {
    cheap();
    match store.sign_in(officer_id, PIN, at(8, 15)) {
        Err(tiepdan::store::StoreError::PinNotSet) => {
            store.set_first_pin(officer_id, PIN, PIN).unwrap()
        }
        other => other.unwrap(),
    }
}

/// A demo book's first officer (who keeps the book) at their first sign-in, given every
/// role for tests that both decide and edit the catalogs.
pub fn demo_officer(store: &mut Store) -> Actor {
    let actor = sign_in_or_set(store, 1);
    write(store, &actor, |w| {
        w.set_roles(1, tiepdan::store::Roles::ALL)
    });
    actor
}

/// The app with `actor` signed in, on 22/11/2026 at 08:15.
pub fn app_as(store: Store, actor: Actor) -> App {
    let mut app = App::signed_in(store, actor, Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (100, 30);
    app
}

/// One write as `actor`, which must succeed.
pub fn write<T>(
    store: &mut Store,
    actor: &Actor,
    f: impl FnOnce(&mut Writer<'_>) -> tiepdan::store::Result<T>,
) -> T {
    store.write(actor, f).unwrap()
}

/// A visit saved on the fixed day at 08:30 (a thụ lý visit opens its own case).
pub fn input(v: &ValidVisit) -> VisitInput<'_> {
    VisitInput {
        visit: v,
        day: today(),
        time: "08:30".into(),
        citizen: None,
        rename_citizen: false,
        shared: Default::default(),
    }
}

/// Save a visit as `actor` (a new case for a thụ lý one, never asking); returns its uid.
pub fn save(store: &mut Store, actor: &Actor, v: &ValidVisit) -> String {
    write(store, actor, |w| {
        w.save_visit(&input(v), &CaseChoice::OpenNew)
    })
    .uid
}

/// A book file in a temp folder (`book.sqlite3`), an officer set up (as
/// [`store_with_officer`]) and one visit of `name` with ID number `id` saved: the folder (keep
/// it while the book is used), the file's path, the store still open, the officer.
pub fn book_with_a_visit(
    name: &str,
    id: &str,
) -> (tempfile::TempDir, std::path::PathBuf, Store, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    save(&mut store, &officer, &valid(&draft(name, id)));
    (dir, path, store, officer)
}

/// An app over an in-memory store, officer chosen, on 22/11/2026 at 08:15.
pub fn app() -> App {
    let mut store = Store::open_in_memory().unwrap();
    let actor = store_with_officer(&mut store);
    app_as(store, actor)
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Type text key by key (as a person or an input method would).
pub fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(key(KeyCode::Char(c)));
    }
}

pub fn tab(app: &mut App) {
    app.handle_key(key(KeyCode::Tab));
}

/// A complete, valid draft.
pub fn draft(name: &str, id: &str) -> VisitDraft {
    VisitDraft {
        full_name: name.into(),
        id_number: id.into(),
        phone: "0912345678".into(),
        address: "Số 12 phố Đội Cấn, phường Ba Đình".into(),
        people: "1".into(),
        form: "thuong_xuyen".into(),
        petition_type: "khieu_nai".into(),
        field: "dat_dai".into(),
        content: "Khiếu nại quyết định thu hồi đất".into(),
        handling: "thu_ly".into(),
        petitions: "1".into(),
        day: "22/11/2026".into(),
        time: "08:30".into(),
        ..Default::default()
    }
}

pub fn valid(d: &VisitDraft) -> ValidVisit {
    valid_on(d, today())
}

/// [`valid`], with `today` the day validation takes as today.
pub fn valid_on(d: &VisitDraft, today: NaiveDate) -> ValidVisit {
    let codes: Vec<String> = ["dat_dai", "den_bu_gpmb", "khac"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let v = validate(d, today, 5, &codes);
    v.visit
        .unwrap_or_else(|| panic!("invalid draft: {:?}", v.problems))
}

/// The app drawn on a `w`×`h` test terminal: its cells.
#[allow(dead_code)]
pub fn draw_app(app: &mut App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    app.viewport = (w, h);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

/// The app drawn on a `w`×`h` test terminal: its text, line by line.
#[allow(dead_code)]
pub fn screen_of(app: &mut App, w: u16, h: u16) -> String {
    let b = draw_app(app, w, h);
    (0..h)
        .map(|y| (0..w).map(|x| b[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A change of the rule `r` to `days` on `basis`, from `from` (a rule's first day changes it
/// for every clock), with a reason.
pub fn rule_change(
    r: &tiepdan::domain::deadline::Rule,
    days: u32,
    basis: tiepdan::domain::deadline::DayBasis,
    from: NaiveDate,
) -> tiepdan::store::RuleChange {
    tiepdan::store::RuleChange {
        days,
        extension_days: r.extension_days,
        basis,
        article: r.article.clone(),
        active: r.internal.then_some(r.active),
        effective_from: from,
        reason: "kiểm thử".into(),
    }
}

/// Run the tiepdan binary on `db` with `args` and `stdin` (cheap PINs, the default language):
/// (exit code, stdout, stderr).
pub fn run_tiepdan(db: &std::path::Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TIEPDAN_LANG")
        .env("TIEPDAN_TEST_KDF", "cheap")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let o = child.wait_with_output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}
