//! The deadline board, the explanation and the catalog through the app, on 22/11/2026.

mod common;

use chrono::NaiveDate;
use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Overlay, Pane};
use tiepdan::domain::deadline::Obligation;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A complaint received on `day` at a reception, with its case opened.
fn complaint(app: &mut App, name: &str, id: &str, day: NaiveDate) {
    let v = valid(&draft(name, id));
    let officer = app.actor.clone().unwrap();
    write(&mut app.store, &officer, |w| {
        w.save_visit(
            &tiepdan::store::VisitInput {
                visit: &v,
                day,
                time: "08:30".into(),
                citizen: None,
                rename_citizen: false,
            },
            &tiepdan::domain::intake::CaseChoice::OpenNew,
        )
    });
    app.refresh();
}

#[test]
fn the_board_buckets_obligations_and_the_status_line_counts_them() {
    let mut app = app();
    // Received 2/11: acceptance (7 working days since 1/7/2026) due 11/11, the reply
    // (10 working days) 16/11: both overdue on 22/11.
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-02"));
    // Received 20/11: acceptance due 1/12 (7 working days left), reply 4/12 (10 left).
    complaint(&mut app, "Lê Thị Hoa", "001185012346", d("2026-11-20"));
    app.handle_key(key(KeyCode::Char('3')));
    assert_eq!(app.pane, Pane::Board);
    let b = &app.board.board;
    assert_eq!((b.overdue, b.within3, b.within7, b.later), (2, 0, 1, 1));
    assert_eq!(app.alerts, (2, 0));
    assert_eq!(b.rows[0].due_on, d("2026-11-11"));
    assert_eq!(b.rows[0].obligation, Obligation::Accept);
    assert_eq!(b.rows[3].due_on, d("2026-12-04"));

    // w explains the selected row's obligation first.
    app.handle_key(key(KeyCode::Char('w')));
    let Some(Overlay::Explain(v)) = app.overlays.last() else {
        panic!("explanation")
    };
    assert_eq!(v.dues.len(), 2);
    assert_eq!(Some(v.dues[0].obligation), v.focus);
    app.handle_key(key(KeyCode::Esc));
    // Enter opens the case.
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Case(_))));
}

#[test]
fn accepting_a_case_replaces_its_deadlines_on_the_board() {
    let mut app = app();
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-02"));
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Char('c')));
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('a')));
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('3')));
    let rows = &app.board.board.rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].obligation, Obligation::Resolve);
    // Accepted 22/11 (Sunday, as typed) + 30 days = 22/12/2026 (Tuesday).
    assert_eq!(rows[0].due_on, d("2026-12-22"));
    assert_eq!(app.alerts, (0, 0));
}

#[test]
fn editing_a_rule_in_the_catalog_recomputes_open_cases() {
    let mut app = app();
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-20"));
    app.handle_key(key(KeyCode::Char('6')));
    assert_eq!(app.pane, Pane::Catalog);
    // The first rule is the reply to the citizen: 10 working days → 5.
    assert_eq!(app.catalog.rules[0].obligation, Obligation::ReplyCitizen);
    app.handle_key(key(KeyCode::Enter));
    for _ in 0..2 {
        app.handle_key(key(KeyCode::Backspace));
    }
    type_str(&mut app, "5");
    app.handle_key(ctrl('s'));
    let st = app.status.clone().unwrap();
    assert!(st.text.contains("tính lại hạn của 1"), "{}", st.text);
    let uid = app.store.board(app.today, &app.calendar, 10).unwrap().rows[0]
        .case_uid
        .clone();
    let reply = app
        .store
        .case_dues(&uid)
        .unwrap()
        .into_iter()
        .find(|x| x.obligation == Obligation::ReplyCitizen)
        .unwrap();
    assert_eq!(reply.due_on, d("2026-11-27"));
    assert_eq!(reply.explanation.days, 5);
    // A bad number keeps the form and says why.
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "x");
    app.handle_key(ctrl('s'));
    assert!(matches!(app.overlays.last(), Some(Overlay::Entry(e)) if !e.errors.is_empty()));
}

#[test]
fn a_day_off_added_in_the_catalog_moves_due_dates() {
    let mut app = app();
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-20"));
    let before = app.store.board(app.today, &app.calendar, 10).unwrap().rows[0].due_on;
    assert_eq!(before, d("2026-12-01"));
    app.handle_key(key(KeyCode::Char('6')));
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "24/11/2026");
    tab(&mut app);
    tab(&mut app);
    type_str(&mut app, "Ngày Văn hóa Việt Nam");
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.status);
    let after = app.store.board(app.today, &app.calendar, 10).unwrap().rows[0].due_on;
    assert_eq!(after, d("2026-12-02"));
    assert!(app.catalog.days.iter().any(|e| e.day == d("2026-11-24")));
    // Remove it again, with a confirmation.
    let pos = app
        .catalog
        .days
        .iter()
        .position(|e| e.day == d("2026-11-24"))
        .unwrap();
    app.handle_key(key(KeyCode::Char('l')));
    app.catalog.day_sel = pos;
    app.handle_key(key(KeyCode::Char('x')));
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(
        app.store.board(app.today, &app.calendar, 10).unwrap().rows[0].due_on,
        d("2026-12-01")
    );
}

#[test]
fn an_expected_year_is_confirmed_from_the_catalog() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('6')));
    app.handle_key(key(KeyCode::Char(']'))); // 2027: computed defaults
    assert_eq!(app.catalog.year, 2027);
    assert!(!app.catalog.announced);
    assert!(app.catalog.days.iter().all(|e| e.expected));
    app.handle_key(key(KeyCode::Char('C')));
    app.handle_key(key(KeyCode::Char('y')));
    assert!(app.catalog.announced);
    assert!(app.catalog.days.iter().all(|e| !e.expected));
}
