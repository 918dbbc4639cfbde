//! The smaller edges of issue 22.11: a visit voided in another window is a conflict when
//! edited; every text has a bound, said in the officer's words; weekdays and counts read in
//! the viewer's language; a case's timeline keeps facts and words them when shown.

mod common;

use common::*;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::i18n::{Lang, store_error};
use tiepdan::store::{Store, StoreError};

#[test]
fn editing_a_visit_voided_elsewhere_is_a_conflict() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let mut d = draft("Trần Văn Đức", "001085012345");
    d.handling = "huong_dan".into();
    let v = valid(&d);
    let uid = save(&mut store, &officer, &v);
    let version = store.visit_detail(&uid).unwrap().row.version;
    // Another window voids it.
    write(&mut store, &officer, |w| {
        w.void_visit(&uid, version, "Ghi nhầm")
    });
    // This window saves its edit, made from the version it read.
    let r = store.write(&officer, |w| {
        w.update_visit(&uid, version, &input(&v), &CaseChoice::OpenNew)
    });
    let Err(e @ StoreError::Conflict { .. }) = r else {
        panic!("a conflict, not {r:?}");
    };
    let said = store_error(Lang::Vi, &e);
    assert!(said.contains("ở nơi khác"), "{said}");
    // Voiding it again from the old version: the same.
    let r = store.write(&officer, |w| w.void_visit(&uid, version, "Lần nữa"));
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");
}

/// A 99,000-character name: refused by the domain's validation with a clear message, and it
/// cannot even be pasted or typed past the bound (issue 22.11).
#[test]
fn every_text_has_a_bound() {
    use ratatui::crossterm::event::KeyCode;
    use tiepdan::domain::limits;
    use tiepdan::domain::visit::{FormField, Problem, validate};
    let mut d = draft(&"A".repeat(99_000), "001085012345");
    d.content = "x".repeat(limits::TEXT + 1);
    let codes = vec!["dat_dai".to_string()];
    let v = validate(&d, today(), 5, &codes);
    assert!(v.visit.is_none());
    assert!(v.problems.contains(&(
        FormField::FullName,
        Problem::TooLong {
            max: limits::NAME,
            got: 99_000
        }
    )));
    assert!(
        v.problems
            .iter()
            .any(|(f, p)| *f == FormField::Content && matches!(p, Problem::TooLong { .. }))
    );
    let said = tiepdan::i18n::problem(
        Lang::Vi,
        &Problem::TooLong {
            max: limits::NAME,
            got: 99_000,
        },
    );
    assert_eq!(said, "Quá dài: tối đa 100 ký tự (đang có 99.000).");
    let said = tiepdan::i18n::problem(
        Lang::En,
        &Problem::TooLong {
            max: limits::NAME,
            got: 99_000,
        },
    );
    assert_eq!(said, "Too long: at most 100 characters (99,000 typed).");

    // At the desk: the paste is cut to the bound, and a key past it is not typed.
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    app.handle_paste(&"Nguyễn Văn A ".repeat(10_000));
    let name = app.form().unwrap().value(FormField::FullName);
    assert!(name.chars().count() <= limits::NAME, "{}", name.len());
    type_str(&mut app, "xyz");
    assert!(!app.form().unwrap().value(FormField::FullName).contains('x'));
}

/// In English the days skipped read "Saturday", "Sunday" — on `w` and in `due` — from the
/// fact (a weekend day), and so do explanations stored before, which held the Vietnamese
/// words (issue 22.11).
#[test]
fn skipped_weekends_are_worded_in_the_viewer_s_language() {
    use tiepdan::domain::deadline::Skipped;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .args([
            "--lang",
            "en",
            "due",
            "--type",
            "khieu-nai",
            "--received",
            "02/11/2026",
        ])
        .env("TIEPDAN_DB", "/nonexistent/tiepdan-test.sqlite3")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Saturday") && text.contains("Sunday"),
        "{text}"
    );
    assert!(
        !text.contains("Thứ") && !text.contains("Chủ Nhật"),
        "{text}"
    );
    // An explanation stored by an older version.
    let old: Skipped =
        serde_json::from_str(r#"{"day":"2026-11-21","why":"Thứ Bảy","expected":false}"#).unwrap();
    assert!(old.is_weekend());
    let holiday: Skipped =
        serde_json::from_str(r#"{"day":"2026-09-02","why":"Quốc khánh","expected":false}"#)
            .unwrap();
    assert!(!holiday.is_weekend());
}

/// A correction carried to a case is kept as facts and worded when shown, in the viewer's
/// language; a book made before, whose event holds the store's Vietnamese words in its note,
/// shows them as they are (issue 22.11).
#[test]
fn a_timeline_keeps_facts_and_words_them_when_shown() {
    use tiepdan::domain::case::EventFact;
    use tiepdan::i18n::event_facts;
    let facts = [
        EventFact::Retyped {
            from: "KN-2026-BD-0001".into(),
            to: "TC-2026-BD-0001".into(),
        },
        EventFact::Field {
            from: "Đất đai".into(),
            to: "Khác".into(),
        },
        EventFact::Citizen,
        EventFact::Day {
            from: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        },
    ];
    assert_eq!(
        event_facts(Lang::En, &facts[..1]),
        "petition type changed: KN-2026-BD-0001 → TC-2026-BD-0001"
    );
    let vi = event_facts(Lang::Vi, &facts);
    assert!(
        vi.starts_with(
            "đổi loại đơn: KN-2026-BD-0001 → TC-2026-BD-0001; lĩnh vực: Đất đai → Khác; "
        ),
        "{vi}"
    );
    assert!(
        vi.ends_with("ngày tiếp nhận: 20/11/2026 → 21/11/2026"),
        "{vi}"
    );

    // Through the store and the case's timeline on screen, in English.
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let v = valid(&draft("Trần Văn Đức", "001085012345"));
    let uid = save(&mut store, &officer, &v);
    let version = store.visit_detail(&uid).unwrap().row.version;
    let mut d = draft("Trần Văn Đức", "001085012345");
    d.field = "khac".into();
    let v2 = tiepdan::domain::visit::validate(
        &d,
        today(),
        5,
        &["dat_dai".to_string(), "khac".to_string()],
    )
    .visit
    .unwrap();
    write(&mut store, &officer, |w| {
        w.update_visit(&uid, version, &input(&v2), &CaseChoice::OpenNew)
    });
    let code = store.visit_detail(&uid).unwrap().row.case_code.unwrap();
    let case_uid: String = store
        .inspect_one("SELECT uid FROM cases WHERE code = ?1", [&code])
        .unwrap();
    let last = store.case_events(&case_uid).unwrap().pop().unwrap();
    assert!(
        matches!(last.facts.as_slice(), [EventFact::Field { .. }]),
        "{last:?}"
    );
    assert!(last.note.is_empty());
    let said = event_facts(Lang::En, &last.facts);
    assert!(said.starts_with("field: Đất đai → "), "{said}");
}

/// A message longer than the status line is cut at a word and says where the rest is; `F2`
/// shows the last messages in full, newest first (issue 22.9: refusals were cut before the
/// words that say what to do).
#[test]
fn f2_shows_the_last_messages_in_full() {
    use ratatui::crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store_with_officer(&mut store);
    }
    let store = Store::open_read_only(&path).unwrap();
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    let notice = app.status.clone().unwrap().text;
    assert!(notice.ends_with("không ghi được gì."), "{notice}");
    let s = screen_of(&mut app, 60, 20);
    let status = s.lines().nth(18).unwrap();
    assert!(status.contains("(F2 đọc hết)"), "{s}");
    assert!(!status.contains("không ghi được gì"), "cut: {status}");
    app.handle_key(key(KeyCode::F(2)));
    let s = screen_of(&mut app, 60, 20);
    assert!(s.contains("Tin nhắn gần đây"), "{s}");
    assert!(s.contains("không ghi được gì."), "in full, wrapped: {s}");
    assert!(s.contains("08:15:00"), "{s}");
    app.handle_key(key(KeyCode::Esc));
    assert!(app.overlays.is_empty());
    // From inside a form too (F2 is not text).
    app.handle_key(key(KeyCode::Char('n')));
    app.handle_key(key(KeyCode::F(2)));
    assert!(matches!(
        app.overlays.last(),
        Some(tiepdan::app::Overlay::Messages(_))
    ));
}
