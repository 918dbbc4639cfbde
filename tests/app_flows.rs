//! State-transition tests: an App over a real store, a fixed date, keys in, state and
//! database out. No terminal.

mod common;

use std::time::{Duration, Instant};

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Command, Context, Msg, Overlay, Question, StatusKind};
use tiepdan::domain::identity::Viewer;
use tiepdan::domain::visit::FormField;
use tiepdan::i18n::Lang;
use tiepdan::store::Store;

/// Fill the new-visit form the way an officer does: type, Tab, type…
fn fill_basic(app: &mut App, name: &str, id: &str) {
    app.handle_key(key(KeyCode::Char('n')));
    // On an earlier day: log it on the day shown.
    if app.context() == Context::Confirm {
        app.handle_key(key(KeyCode::Char('y')));
    }
    assert_eq!(app.context(), Context::Form);
    type_str(app, name);
    tab(app);
    type_str(app, id);
    tab(app);
    type_str(app, "0912 345 678");
    tab(app);
    type_str(app, "Số 5 ngõ 12 phố Kim Mã");
    tab(app); // → people: keep 1
    tab(app); // → reception form: keep Thường xuyên
    tab(app); // → petition type
    type_str(app, "khieu");
    tab(app);
    type_str(app, "dat dai");
    tab(app);
    type_str(app, "Khiếu nại việc thu hồi đất");
    tab(app);
    tab(app); // prior agencies
    type_str(app, "thu");
    tab(app);
}

#[test]
fn first_start_asks_for_unit_and_officer() {
    let store = Store::open_in_memory().unwrap();
    let mut app = App::new(store, Lang::Vi, fixed_clock()).unwrap();
    assert!(matches!(app.overlays.last(), Some(Overlay::Setup(_))));
    // Enter moves on (the desk code comes prefilled); finishing without a name is refused.
    type_str(&mut app, "UBND phường Ba Đình");
    for _ in 0..5 {
        app.handle_key(key(KeyCode::Enter));
    }
    match app.overlays.last() {
        Some(Overlay::Setup(s)) => {
            assert!(s.error_of(2).is_some() && s.error_of(3).is_some());
            assert_eq!(s.focus, 2, "back to the officer's name");
        }
        other => panic!("setup should stay open, got {other:?}"),
    }
    type_str(&mut app, "Nguyễn Thị Lan");
    app.handle_key(key(KeyCode::Enter));
    // Then the PIN, twice (masked); a guessable one is refused, both entries cleared.
    cheap();
    type_str(&mut app, "123456");
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "123456");
    app.handle_key(key(KeyCode::Enter));
    match app.overlays.last() {
        Some(Overlay::Setup(s)) => {
            assert_eq!(s.focus, 3, "back to the PIN");
            assert!(s.pin.lines().join("").is_empty());
            assert!(s.error_of(3).unwrap().contains("dễ đoán"));
        }
        other => panic!("setup should stay open, got {other:?}"),
    }
    type_str(&mut app, PIN);
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, PIN);
    app.handle_key(key(KeyCode::Enter));
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    assert_eq!(app.actor.as_ref().unwrap().name(), "Nguyễn Thị Lan");
    assert_eq!(app.unit, "UBND phường Ba Đình");
    assert_eq!(
        app.store.desk_code().unwrap().len(),
        2,
        "the suggested desk code"
    );
    assert_eq!(app.store.unit_name().unwrap(), "UBND phường Ba Đình");
}

#[test]
fn several_officers_choose_who_is_at_the_keyboard() {
    let mut store = Store::open_in_memory().unwrap();
    let lan = store_with_officer(&mut store);
    store
        .write(&lan, |w| w.add_officer("Trần Văn Bình", ""))
        .unwrap();
    let mut app = App::new(store, Lang::Vi, fixed_clock()).unwrap();
    // The start asks who signs in, and their PIN; Bình, who has none, sets one.
    assert_eq!(app.context(), Context::Lock);
    assert!(app.actor.is_none());
    app.handle_key(key(KeyCode::Down));
    type_str(&mut app, "135790");
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "135790");
    app.handle_key(key(KeyCode::Enter));
    assert!(!app.is_locked());
    assert_eq!(app.actor.as_ref().unwrap().name(), "Trần Văn Bình");
}

#[test]
fn logging_a_visit_shows_it_in_the_day_with_counters() {
    let mut app = app();
    fill_basic(&mut app, "Trần Văn Đức", "001085012345");
    app.handle_key(ctrl('s'));
    assert_eq!(
        app.context(),
        Context::Log,
        "form closed after save: {:?}",
        app.status
    );
    assert_eq!(app.log.rows.len(), 1);
    let row = &app.log.rows[0];
    assert_eq!(Viewer::nobody().name_of(&row.citizen), Some("Trần Văn Đức"));
    assert_eq!(row.field_name, "Đất đai");
    assert_eq!(row.time, "08:15");
    assert_eq!(row.officer_name, "Nguyễn Thị Lan");
    assert_eq!(app.log.counters.visits, 1);
    assert_eq!(app.log.counters.sessions, 1);
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Info);
}

#[test]
fn a_failed_save_keeps_everything_typed_and_says_why() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Lê Văn Tám");
    tab(&mut app);
    type_str(&mut app, "12345");
    app.handle_key(ctrl('s'));
    assert_eq!(app.context(), Context::Form);
    let form = app.form().unwrap();
    assert_eq!(form.value(FormField::FullName), "Lê Văn Tám");
    assert_eq!(form.value(FormField::IdNumber), "12345");
    assert_eq!(
        form.focus,
        FormField::IdNumber,
        "focus goes to the first error"
    );
    assert!(!form.shown_problems(FormField::IdNumber).is_empty());
    assert!(
        !form.shown_problems(FormField::Content).is_empty(),
        "content is required"
    );
    assert_eq!(app.status.as_ref().unwrap().kind, StatusKind::Error);
    assert_eq!(app.store.visit_count().unwrap(), 0);
}

#[test]
fn comboboxes_filter_without_diacritics() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    let form_focus = |app: &App| app.form().unwrap().focus;
    while form_focus(&app) != FormField::Field {
        tab(&mut app);
    }
    type_str(&mut app, "boi thuong");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.form().unwrap().value(FormField::Field), "den_bu_gpmb");
    assert_eq!(form_focus(&app), FormField::Content);
    // Arrows move through the options of a combobox.
    app.handle_key(tiepdan_shift_tab());
    app.handle_key(key(KeyCode::Down));
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.form().unwrap().value(FormField::Field), "quy_hoach_xd");
}

fn tiepdan_shift_tab() -> ratatui::crossterm::event::KeyEvent {
    key(KeyCode::BackTab)
}

#[test]
fn a_group_asks_for_representatives_within_article_29() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Bùi Văn Hải");
    for _ in 0..4 {
        tab(&mut app);
    }
    assert_eq!(app.form().unwrap().focus, FormField::People);
    app.handle_key(key(KeyCode::Backspace));
    type_str(&mut app, "12");
    tab(&mut app);
    let form = app.form().unwrap();
    assert_eq!(form.focus, FormField::Representatives);
    assert_eq!(form.value(FormField::Representatives), "Bùi Văn Hải");
    assert_eq!(form.group_rule(), Some((1, 5)));
}

#[test]
fn periodic_reception_asks_who_presided() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    for _ in 0..5 {
        tab(&mut app);
    }
    assert_eq!(app.form().unwrap().focus, FormField::Form);
    type_str(&mut app, "dot xuat");
    tab(&mut app);
    assert_eq!(app.form().unwrap().focus, FormField::Presiding);
}

#[test]
fn a_returning_citizen_is_recognized_in_the_form_and_attached() {
    let mut app = app();
    // The day before: her first visit.
    app.apply(Command::PrevDay);
    fill_basic(&mut app, "Phạm Thị Đào", "001185012345");
    app.handle_key(ctrl('s'));
    assert_eq!(app.store.citizen_count().unwrap(), 1);
    // Today the same person comes back.
    app.apply(Command::Today);
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Phạm Thị Đào");
    tab(&mut app);
    type_str(&mut app, "001185012345");
    tab(&mut app);
    let repeat = app.form().unwrap().repeat.clone().expect("recognized");
    assert_eq!(repeat.visits, 1);
    assert_eq!(repeat.last_visit, Some(today().pred_opt().unwrap()));
    app.handle_key(key(KeyCode::Esc));
    // Esc with text typed asks first.
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::DiscardForm))
    ));
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.context(), Context::Log);
    fill_basic(&mut app, "Phạm Thị Đào", "001185012345");
    app.handle_key(ctrl('s'));
    // Her case in this field is open: the same matter? Nothing is saved before the answer.
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::LinkRepeat(_)))
    ));
    assert_eq!(app.store.visit_count().unwrap(), 1);
    // Esc decides nothing: back to the form, as typed.
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.context(), Context::Form);
    assert_eq!(app.store.visit_count().unwrap(), 1);
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.context(), Context::Log);
    assert_eq!(app.store.visit_count().unwrap(), 2);
    assert_eq!(app.store.citizen_count().unwrap(), 1);
    let case = &app.queue.cases[0];
    assert_eq!(app.queue.total, 1, "joined, not a second case");
    assert_eq!(app.store.case_detail(&case.uid).unwrap().visits.len(), 2);
}

#[test]
fn editing_a_visit_updates_it() {
    let mut app = app();
    fill_basic(&mut app, "Vũ Thị Mai", "001185012399");
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('e')));
    assert_eq!(app.context(), Context::Form);
    assert_eq!(app.form().unwrap().value(FormField::FullName), "Vũ Thị Mai");
    // The name arrives selected (typing would replace it); End keeps it to add to.
    app.handle_key(key(KeyCode::End));
    type_str(&mut app, " Anh");
    app.handle_key(ctrl('s'));
    // A name that differs from the record: the same person? `s` corrects the record.
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::NameClash(_)))
    ));
    app.handle_key(key(KeyCode::Char('s')));
    assert_eq!(app.context(), Context::Log);
    assert_eq!(
        Viewer::nobody().name_of(&app.log.rows[0].citizen),
        Some("Vũ Thị Mai Anh")
    );
    assert_eq!(app.store.visit_count().unwrap(), 1);
}

#[test]
fn days_move_with_brackets_today_and_goto() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('[')));
    assert_eq!(app.log.day, today().pred_opt().unwrap());
    app.handle_key(key(KeyCode::Char('t')));
    assert_eq!(app.log.day, today());
    app.handle_key(key(KeyCode::Char('g')));
    type_str(&mut app, "31/02/2026");
    app.handle_key(key(KeyCode::Enter));
    match app.overlays.last() {
        Some(Overlay::Prompt(p)) => assert!(p.error.is_some(), "no such day"),
        other => panic!("prompt should stay open: {other:?}"),
    }
    for _ in 0..10 {
        app.handle_key(key(KeyCode::Backspace));
    }
    type_str(&mut app, "12/03/2026");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(
        app.log.day,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 12).unwrap()
    );
}

#[test]
fn enter_opens_the_visit_and_help_lists_the_keys_of_here() {
    let mut app = app();
    fill_basic(&mut app, "Ngô Văn Quyết", "001085012377");
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.context(), Context::Detail);
    app.handle_key(key(KeyCode::Char('?')));
    assert_eq!(app.context(), Context::Help);
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.context(), Context::Detail);
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.context(), Context::Log);
}

#[test]
fn q_quits_and_a_dirty_form_asks_first_keeping_the_draft() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "qqq"); // q is text in the form
    assert!(!app.should_quit);
    app.handle_key(ctrl('q'));
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::QuitWithForm))
    ));
    app.handle_key(key(KeyCode::Char('n')));
    assert_eq!(app.context(), Context::Form);
    app.handle_key(ctrl('q'));
    app.handle_key(key(KeyCode::Char('y')));
    assert!(app.should_quit);
    let officer = app.actor.as_ref().unwrap().officer_id();
    assert!(
        app.store
            .load_draft(officer, "visit_form", &app.window)
            .unwrap()
            .unwrap()
            .contains("qqq")
    );
}

#[test]
fn a_draft_is_autosaved_and_offered_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store_with_officer(&mut store);
    }
    {
        let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
        app.handle_key(key(KeyCode::Char('n')));
        type_str(&mut app, "Đặng Thu Thảo");
        let t0 = Instant::now();
        app.apply(Msg::Tick(t0));
        assert!(
            app.form().unwrap().draft_saved_at.is_none(),
            "not while typing"
        );
        app.apply(Msg::Tick(t0 + Duration::from_secs(2)));
        assert!(app.form().unwrap().draft_saved_at.is_some());
        // The process dies here: no quit, no save.
    }
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::RestoreDraft { .. }))
    ));
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(
        app.form().unwrap().value(FormField::FullName),
        "Đặng Thu Thảo"
    );
}

#[test]
fn paste_goes_to_the_input_not_to_the_keys() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    app.handle_paste("Hoa\u{300}ng Va\u{306}n Nam\nq");
    assert_eq!(
        app.form().unwrap().value(FormField::FullName),
        "Hoàng Văn Nam q"
    );
    assert!(!app.should_quit);
}

#[test]
fn a_tiny_terminal_still_quits_with_q() {
    let mut app = app();
    app.viewport = (20, 6);
    app.handle_key(key(KeyCode::Char('n')));
    assert_eq!(
        app.context(),
        Context::Log,
        "nothing but quit when too small"
    );
    app.handle_key(key(KeyCode::Char('q')));
    assert!(app.should_quit);
}

#[test]
fn english_ui_is_one_flag_away() {
    let mut store = Store::open_in_memory().unwrap();
    store_with_officer(&mut store);
    let mut app = start(store, Lang::En, fixed_clock()).unwrap();
    app.viewport = (100, 30);
    assert!(app.day_label(today()).starts_with("Sunday, 22/11/2026"));
}

#[test]
fn an_edit_after_another_desk_changed_the_visit_is_refused_keeping_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let officer = {
        let mut store = Store::open(&path).unwrap();
        store_with_officer(&mut store)
    };
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (100, 30);
    fill_basic(&mut app, "Vũ Thị Mai", "001185012399");
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('e')));
    // The name arrives selected (typing would replace it); End keeps it to add to.
    app.handle_key(key(KeyCode::End));
    type_str(&mut app, " Anh");
    // Meanwhile another desk corrects the same visit.
    let uid = app.log.rows[0].uid.clone();
    let mut other = Store::open(&path).unwrap();
    let d = other.visit_detail(&uid).unwrap();
    let mut draft = d.to_draft(&Viewer::nobody()).unwrap();
    draft.content = "Sửa ở bàn bên".into();
    write(&mut other, &officer, |w| {
        w.update_visit(
            &uid,
            d.row.version,
            &input(&valid(&draft)),
            &tiepdan::domain::intake::CaseChoice::Ask,
        )
    });
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('s'))); // the name corrects the record
    // Offered to carry the typed values onto the new version; Esc leaves the form as it is.
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::CarryOver(_)))
    ));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.context(), Context::Form, "the form stays open");
    assert_eq!(
        app.form().unwrap().value(FormField::FullName),
        "Vũ Thị Mai Anh",
        "as typed"
    );
    let st = app.status.clone().unwrap();
    assert_eq!(st.kind, StatusKind::Error);
    assert!(st.text.contains("đã được sửa ở nơi khác"), "{}", st.text);
    assert_eq!(
        other.visit_detail(&uid).unwrap().row.content,
        "Sửa ở bàn bên",
        "the other desk's edit is kept"
    );
}
