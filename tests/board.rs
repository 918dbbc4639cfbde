//! The deadline board, the explanation and the catalog through the app, on 22/11/2026.

mod common;

use chrono::NaiveDate;
use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Overlay, Pane};
use tiepdan::domain::deadline::Obligation;
use tiepdan::i18n::Lang;
use tiepdan::store::Store;

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
                shared: Default::default(),
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

/// The reply duty (Luật TCD Art 28(1)) of the case of the citizen named `name`.
fn reply_due(app: &App, name: &str) -> tiepdan::store::CaseDue {
    let uid: String = app
        .store
        .inspect_one(
            "SELECT k.uid FROM cases k JOIN citizens c ON c.id = k.citizen_id
             WHERE c.full_name = ?1",
            [name],
        )
        .unwrap();
    app.store
        .case_dues(&uid)
        .unwrap()
        .into_iter()
        .find(|x| x.obligation == Obligation::ReplyCitizen)
        .unwrap()
}

/// Issue 23, point 3: the rule editor asks from when and why; a case whose clock started
/// before keeps its due date, one started on or after the date uses the new rule.
#[test]
fn editing_a_rule_in_the_catalog_takes_effect_from_its_date() {
    let mut app = app();
    // Fri 20/11/2026: the reply within 10 working days (Luật TCD Art 28(1)): Fri 4/12.
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-20"));
    app.handle_key(key(KeyCode::Char('6')));
    assert_eq!(app.pane, Pane::Catalog);
    // The first rule is the reply to the citizen: 10 working days → 5, from today (22/11).
    assert_eq!(app.catalog.rules[0].obligation, Obligation::ReplyCitizen);
    app.handle_key(key(KeyCode::Enter));
    for _ in 0..2 {
        app.handle_key(key(KeyCode::Backspace));
    }
    type_str(&mut app, "5");
    // A rule of law asks for the reason: without it the form stays.
    app.handle_key(ctrl('s'));
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the form stays")
    };
    assert!(e.error_for(tiepdan::app::EntryKey::Reason).is_some());
    assert_eq!(
        e.value(tiepdan::app::EntryKey::EffectiveFrom),
        "22/11/2026",
        "today by default"
    );
    // The focus is on the reason.
    type_str(&mut app, "Văn bản hướng dẫn mới");
    app.handle_key(ctrl('s'));
    let st = app.status.clone().unwrap();
    assert!(st.text.contains("tính lại hạn của 1"), "{}", st.text);
    // Started 20/11, before the date: unchanged.
    let reply = reply_due(&app, "Trần Văn Đức");
    assert_eq!(reply.due_on, d("2026-12-04"));
    assert_eq!(reply.explanation.days, 10);
    // The rule is now two versions: to 21/11 and from 22/11, the new one with its reason.
    let versions: Vec<_> = app
        .catalog
        .rules
        .iter()
        .filter(|r| r.obligation == Obligation::ReplyCitizen)
        .cloned()
        .collect();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].effective_to, Some(d("2026-11-21")));
    assert_eq!(versions[1].effective_from, d("2026-11-22"));
    assert_eq!(versions[1].days, 5);
    assert_eq!(versions[1].reason, "Văn bản hướng dẫn mới");
    assert_eq!(versions[1].replaces, Some(versions[0].id));
    // A petition received today (Sun 22/11) uses the new rule: Mon 23 … Fri 27/11.
    complaint(&mut app, "Lê Thị Hoa", "001185012346", d("2026-11-22"));
    let reply = reply_due(&app, "Lê Thị Hoa");
    assert_eq!(reply.due_on, d("2026-11-27"));
    assert_eq!(reply.explanation.days, 5);
    // The old version changed from 20/11 (within its period): the first case moves too —
    // 5 working days from Fri 20/11: Fri 27/11.
    let old = app
        .catalog
        .rules
        .iter()
        .position(|r| r.id == versions[0].id)
        .unwrap();
    app.catalog.rule_sel = old;
    app.handle_key(key(KeyCode::Enter));
    for _ in 0..2 {
        app.handle_key(key(KeyCode::Backspace));
    }
    type_str(&mut app, "5");
    for _ in 0..4 {
        tab(&mut app);
    }
    type_str(&mut app, "20/11/2026");
    tab(&mut app);
    type_str(&mut app, "Áp dụng cho cả tuần trước");
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.status);
    assert_eq!(reply_due(&app, "Trần Văn Đức").due_on, d("2026-11-27"));
    // A date outside the rule's period keeps the form and says why.
    let first = app
        .catalog
        .rules
        .iter()
        .position(|r| r.id == versions[0].id)
        .unwrap();
    app.catalog.rule_sel = first;
    app.handle_key(key(KeyCode::Enter));
    for _ in 0..4 {
        tab(&mut app);
    }
    type_str(&mut app, "01/12/2026");
    tab(&mut app);
    type_str(&mut app, "x");
    app.handle_key(ctrl('s'));
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the form stays")
    };
    assert!(e.error_for(tiepdan::app::EntryKey::EffectiveFrom).is_some());
    // A bad number keeps the form and says why.
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('y')));
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "x");
    app.handle_key(ctrl('s'));
    assert!(matches!(app.overlays.last(), Some(Overlay::Entry(e)) if !e.errors.is_empty()));
}

/// Issue 23, point 3: a day off added from a date moves only the clocks started on or after
/// it; added today (the default), the case received before keeps its due date.
#[test]
fn a_day_off_added_in_the_catalog_moves_the_due_dates_from_its_date() {
    let mut app = app();
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-20"));
    let before = app.store.board(app.today, &app.calendar, 10).unwrap().rows[0].due_on;
    assert_eq!(before, d("2026-12-01"));
    app.handle_key(key(KeyCode::Char('6')));
    // 24/11 a day off from today (22/11): the clock of 20/11 keeps its calendar.
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "24/11/2026");
    tab(&mut app);
    tab(&mut app);
    type_str(&mut app, "Ngày Văn hóa Việt Nam");
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.status);
    assert_eq!(
        app.store.board(app.today, &app.calendar, 10).unwrap().rows[0].due_on,
        d("2026-12-01")
    );
    // The same day, from 20/11: it moves, and the explanation names the change.
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "24/11/2026");
    tab(&mut app);
    tab(&mut app);
    type_str(&mut app, "Ngày Văn hóa Việt Nam");
    tab(&mut app);
    type_str(&mut app, "20/11/2026");
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.status);
    let after = app.store.board(app.today, &app.calendar, 10).unwrap().rows[0].clone();
    assert_eq!(after.due_on, d("2026-12-02"));
    let moved = app.store.case_dues(&after.case_uid).unwrap()[0].clone();
    let change = moved.explanation.change.expect("the change is named");
    assert_eq!(change.previous_due, d("2026-12-01"));
    assert!(matches!(
        change.cause,
        tiepdan::domain::deadline::Cause::DayOff { day, .. } if day == d("2026-11-24")
    ));
    assert!(app.catalog.days.iter().any(|e| e.day == d("2026-11-24")));
    // Remove it again, from the same date: the form asks from when.
    let pos = app
        .catalog
        .days
        .iter()
        .position(|e| e.day == d("2026-11-24"))
        .unwrap();
    assert_eq!(app.catalog.section, tiepdan::app::CatalogSection::Calendar);
    app.catalog.day_sel = pos;
    app.handle_key(key(KeyCode::Char('x')));
    assert!(matches!(app.overlays.last(), Some(Overlay::Entry(_))));
    type_str(&mut app, "20/11/2026");
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.status);
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

/// The screen as text, at `w`×`h`.
fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.viewport = (w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
    t.backend().to_string()
}

/// Classify and accept the first case of the queue from the list (today, 22/11/2026).
fn accept_first(app: &mut App) {
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Char('c')));
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('a')));
    app.handle_key(ctrl('s'));
}

#[test]
fn a_decision_s_sending_is_on_the_board_explained_and_closed_by_its_step() {
    let mut app = app();
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-02"));
    accept_first(&mut app);
    // Resolved today, Sunday 22/11/2026: the decision is sent within 03 working days
    // (Luật KN Art 32): Mon 23, Tue 24, Wed 25/11.
    app.handle_key(key(KeyCode::Char('r')));
    type_str(&mut app, "dung");
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('y')));
    app.handle_key(key(KeyCode::Char('3')));
    let rows = &app.board.board.rows;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].obligation, Obligation::SendDecision);
    assert_eq!(rows[0].due_on, d("2026-11-25"));
    assert_eq!(app.board.board.within3, 1);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Gửi quyết định"), "{text}");
    // w: the rule and its article, and the citizen's window apart (22/11 + 30 = Tue 22/12).
    app.handle_key(key(KeyCode::Char('w')));
    let Some(Overlay::Explain(v)) = app.overlays.last() else {
        panic!("explanation")
    };
    assert!(v.dues[0].explanation.article.contains("Điều 32"));
    assert_eq!(v.limits.len(), 2);
    assert_eq!(v.limits[0].obligation, Obligation::SecondComplaint);
    assert_eq!(v.limits[0].due_on, d("2026-12-22"));
    // And when the decision takes legal effect (Luật KN Art 44(1)): 30 days after its
    // issue on 22/11, with no second complaint: after Tue 22/12.
    assert_eq!(v.limits[1].obligation, Obligation::DecisionEffective);
    assert_eq!(v.limits[1].due_on, d("2026-12-22"));
    let text = screen(&mut app, 100, 40);
    assert!(text.contains("Hạn khiếu nại lần 2"), "{text}");
    assert!(text.contains("không phải nghĩa vụ của đơn vị"), "{text}");
    app.handle_key(key(KeyCode::Esc));
    // The case offers S; sent, the obligation closes and the board empties.
    app.handle_key(key(KeyCode::Enter));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("S Gửi quyết định"), "{text}");
    assert!(text.contains("Thời hạn của công dân"), "{text}");
    app.handle_key(key(KeyCode::Char('S')));
    assert!(matches!(app.overlays.last(), Some(Overlay::Entry(_))));
    app.handle_key(ctrl('s'));
    assert!(app.board.board.rows.is_empty(), "{:?}", app.status);
    // Asked again: refused, saying it is already recorded.
    app.handle_key(key(KeyCode::Char('S')));
    let st = app.status.clone().unwrap();
    assert!(st.text.contains("đã ghi rồi"), "{}", st.text);
}

#[test]
fn an_expired_complaint_is_flagged_on_the_case_and_accepting_it_asks_the_valid_reason() {
    let mut app = app();
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-20"));
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    // Learned of the decision on Sat 1/8/2026: 90 days end Fri 30/10 (Art 9).
    app.handle_key(key(KeyCode::Char('H')));
    type_str(&mut app, "01/08/2026");
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.status);
    app.handle_key(key(KeyCode::Enter));
    let Some(Overlay::Case(v)) = app.overlays.last() else {
        panic!("case")
    };
    assert_eq!(v.time_barred(), Some(d("2026-10-30")));
    let text = screen(&mut app, 120, 30);
    assert!(
        text.contains("Thời hiệu khiếu nại: đã hết ngày 30/10/2026"),
        "{text}"
    );
    assert!(text.contains("sau thời hạn"), "{text}");
    // Classified, then accepted: the form warns, and the valid reason is required.
    app.handle_key(key(KeyCode::Char('c')));
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('a')));
    let text = screen(&mut app, 100, 30);
    assert!(
        text.contains("Đơn nhận sau thời hạn khiếu nại (30/10/2026)"),
        "{text}"
    );
    assert!(text.contains("Lý do chính đáng"), "{text}");
    app.handle_key(ctrl('s'));
    assert!(matches!(app.overlays.last(), Some(Overlay::Entry(e)) if !e.errors.is_empty()));
    // The failed save focused the reason.
    type_str(
        &mut app,
        "Công dân nằm viện từ 05/8 đến 20/11, có giấy ra viện",
    );
    app.handle_key(ctrl('s'));
    let Some(Overlay::Case(v)) = app.overlays.last() else {
        panic!("case stays open: {:?}", app.status)
    };
    assert_eq!(v.detail.row.status.code(), "dang_giai_quyet");
}

#[test]
fn refusing_an_expired_complaint_offers_art_11_6() {
    let mut app = app();
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-20"));
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Char('H')));
    type_str(&mut app, "01/08/2026");
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('c')));
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('x')));
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("refusal form")
    };
    assert_eq!(e.value(tiepdan::app::EntryKey::Choice), "kn11_6");
}

#[test]
fn in_december_the_board_reminds_that_next_year_s_days_off_are_unconfirmed() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('3')));
    assert!(app.board.reminder.is_none(), "November: no reminder");
    let mut store = Store::open_in_memory().unwrap();
    store_with_officer(&mut store);
    let december = || {
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
    };
    let mut app = start(store, Lang::Vi, Box::new(december)).unwrap();
    app.handle_key(key(KeyCode::Char('3')));
    let r = app.board.reminder.clone().expect("reminder");
    assert_eq!(r.year, 2027);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Lịch nghỉ năm 2027 chưa xác nhận"), "{text}");
    // Tết 2027 estimated as the precedent places it (DOMAIN.md §11): Thu 04/02 – Wed 10/02;
    // 24/11 asked about.
    assert!(text.contains("04/02/2027"), "{text}");
    assert!(text.contains("24/11/2027"), "{text}");
    // Confirmed in the catalog: the reminder goes.
    app.handle_key(key(KeyCode::Char('6')));
    app.handle_key(key(KeyCode::Char(']')));
    app.handle_key(key(KeyCode::Char('C')));
    app.handle_key(key(KeyCode::Char('y')));
    app.handle_key(key(KeyCode::Char('3')));
    assert!(app.board.reminder.is_none());
}

#[test]
fn the_unit_s_own_target_is_set_in_the_catalog_and_shown_as_not_law() {
    let mut app = app();
    // A proposal received at a reception on 2/11/2026, accepted.
    let mut dr = draft("Lê Thị Hoa", "001185012346");
    dr.petition_type = "kien_nghi".into();
    dr.content = "Kiến nghị sửa đường ngõ 12".into();
    let v = valid(&dr);
    let officer = app.actor.clone().unwrap();
    write(&mut app.store, &officer, |w| {
        w.save_visit(
            &tiepdan::store::VisitInput {
                visit: &v,
                day: d("2026-11-02"),
                time: "08:30".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &tiepdan::domain::intake::CaseChoice::OpenNew,
        )
    });
    app.refresh();
    accept_first(&mut app);
    app.handle_key(key(KeyCode::Char('3')));
    assert!(app.board.board.rows.is_empty(), "no law sets a limit");
    // The catalog's internal rule, switched on: 15 working days.
    app.handle_key(key(KeyCode::Char('6')));
    let pos = app.catalog.rules.iter().position(|r| r.internal).unwrap();
    app.catalog.rule_sel = pos;
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Mục tiêu nội bộ"), "{text}");
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "co");
    // From 1/11/2026, before the proposal came (issue 23: a change takes effect from its
    // date); the unit's own rule needs no reason.
    for _ in 0..3 {
        tab(&mut app);
    }
    type_str(&mut app, "01/11/2026");
    app.handle_key(ctrl('s'));
    let st = app.status.clone().unwrap();
    assert!(st.text.contains("tính lại hạn của 1"), "{}", st.text);
    // On the board (15 working days from 2/11: Mon 23/11), and in w, as not law.
    app.handle_key(key(KeyCode::Char('3')));
    let rows = &app.board.board.rows;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].obligation, Obligation::InternalTarget);
    assert_eq!(rows[0].due_on, d("2026-11-23"));
    app.handle_key(key(KeyCode::Char('w')));
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Quy định nội bộ của đơn vị"), "{text}");
    assert!(text.contains("không phải thời hạn luật định"), "{text}");
}

#[test]
fn days_of_obstacle_that_are_not_a_number_keep_the_time_bar_form() {
    let mut app = app();
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-20"));
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Char('H')));
    type_str(&mut app, "01/08/2026");
    tab(&mut app);
    type_str(&mut app, "x");
    app.handle_key(ctrl('s'));
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the form stays")
    };
    assert_eq!(e.errors.len(), 1, "{:?}", e.errors);
    assert_eq!(e.rows[e.focus].key, tiepdan::app::EntryKey::ObstacleDays);
    // A date in the future is refused by the form too. (Esc asks before dropping what was
    // typed: yes.)
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('y')));
    app.handle_key(key(KeyCode::Char('H')));
    type_str(&mut app, "01/12/2026");
    app.handle_key(ctrl('s'));
    assert!(matches!(app.overlays.last(), Some(Overlay::Entry(e)) if !e.errors.is_empty()));
}

/// Extending what the law does not let extend is refused with the article and what to do.
#[test]
fn an_extension_the_law_does_not_allow_is_refused_with_its_article() {
    let mut app = app();
    complaint(&mut app, "Trần Văn Đức", "001085012345", d("2026-11-02"));
    accept_first(&mut app);
    app.handle_key(key(KeyCode::Char('E')));
    assert!(app.overlays.is_empty(), "no form");
    let st = app.status.clone().unwrap();
    assert!(st.text.contains("Điều 28, 37, 50"), "{}", st.text);
    // A denunciation, complex and extended once: a second time needs "especially complex".
    let officer = app.actor.clone().unwrap();
    let uid = app.queue.cases[0].uid.clone();
    let citizen: i64 = app
        .store
        .inspect_one("SELECT citizen_id FROM cases WHERE uid = ?1", [&uid])
        .unwrap();
    let tc = write(&mut app.store, &officer, |w| {
        w.take_in(
            &tiepdan::store::Intake {
                case_type: tiepdan::domain::case::CaseType::ToCao,
                citizen_id: citizen,
                field_code: "khac".into(),
                summary: "Tố cáo cán bộ".into(),
                source: tiepdan::store::CaseSource::Post,
                forwarded_by: String::new(),
                forwarding_doc: String::new(),
                forwarder_kind: None,
                received_on: d("2026-11-02"),
                remote: false,
                visit_id: None,
            },
            &tiepdan::domain::intake::CaseChoice::OpenNew,
        )
    })
    .uid;
    use tiepdan::domain::case::Action;
    for a in [
        Action::ClassifyOwn,
        Action::Accept,
        Action::MarkComplex,
        Action::Extend,
    ] {
        let s = tiepdan::store::StepInput {
            day: Some(d("2026-11-03")),
            ..Default::default()
        };
        write(&mut app.store, &officer, |w| {
            w.case_step(&tc, None, a, &s, today())
        });
    }
    app.handle_key(key(KeyCode::Char('3')));
    app.board.selected = app
        .board
        .board
        .rows
        .iter()
        .position(|r| r.case_uid == tc)
        .unwrap();
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('E')));
    let st = app.status.clone().unwrap();
    assert!(st.text.contains("Điều 30(3)"), "{}", st.text);
    assert!(st.text.contains("(D)"), "{}", st.text);
}

/// The roll-up of local fields into the official report columns is data, edited in the
/// catalog (issue 10): Môi trường moved from "Hành chính – Khác" to "Hành chính – Đất đai,
/// nhà cửa", audited, shown at once.
#[test]
fn a_field_s_report_column_is_chosen_in_the_catalog() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('6')));
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Right));
    assert_eq!(app.catalog.section, tiepdan::app::CatalogSection::Fields);
    let at = app
        .catalog
        .fields
        .iter()
        .position(|(f, _)| f.code == "moi_truong")
        .unwrap();
    for _ in 0..at {
        app.handle_key(key(KeyCode::Down));
    }
    assert_eq!(app.catalog.fields[at].1, "Hành chính – Khác");
    let s = screen(&mut app, 100, 40);
    assert!(s.contains("Lĩnh vực → cột báo cáo"), "{s}");
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Entry(_))));
    type_str(&mut app, "dat dai nha");
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.status);
    assert_eq!(app.catalog.fields[at].1, "Hành chính – Đất đai, nhà cửa");
    let f = app
        .store
        .fields()
        .unwrap()
        .into_iter()
        .find(|f| f.code == "moi_truong")
        .unwrap();
    assert_eq!(f.report_column, "hc_dat_dai_nha_cua");
    let audited: i64 = app
        .store
        .inspect_one(
            "SELECT count(*) FROM journal WHERE entity = 'field' AND op = 'update'",
            [],
        )
        .unwrap();
    assert_eq!(audited, 1);
}

/// Two desks on one book: a roll-up changed at the other desk while this one's form was open
/// is not undone by this one's save; the form stays, saying why.
#[test]
fn a_report_column_changed_at_another_desk_is_not_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    app.handle_key(key(KeyCode::Char('6')));
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Right));
    let at = app
        .catalog
        .fields
        .iter()
        .position(|(f, _)| f.code == "moi_truong")
        .unwrap();
    app.catalog.field_sel = at;
    app.handle_key(key(KeyCode::Enter));
    // Meanwhile, at the other desk.
    let mut other = Store::open(&path).unwrap();
    let desk2 = other
        .sign_in(officer.officer_id(), common::PIN, common::at(8, 15))
        .unwrap();
    other
        .write(&desk2, |w| {
            w.set_field_report_column("moi_truong", "hc_khac", "khac")
        })
        .unwrap();
    type_str(&mut app, "dat dai nha");
    app.handle_key(ctrl('s'));
    // Offered to carry the choice onto the other desk's version; Esc leaves it as it is.
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(tiepdan::app::Question::CarryOver(_)))
    ));
    app.handle_key(key(KeyCode::Esc));
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Entry(_))),
        "the form stays"
    );
    let column = other
        .fields()
        .unwrap()
        .into_iter()
        .find(|f| f.code == "moi_truong")
        .unwrap()
        .report_column;
    assert_eq!(column, "khac", "the other desk's change stands");
}
