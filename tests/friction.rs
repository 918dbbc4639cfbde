//! Issue 22, point 10: the friction officers tripped on, each as a state transition (an App
//! over a real store, a fixed clock, keys in) and, where the screen changes, a snapshot.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Context, EntryKey, Overlay, Question};
use tiepdan::domain::case::Action;
use tiepdan::domain::journal::Entity;
use tiepdan::domain::visit::FormField;

/// Tab through the new-visit form until `f` has the focus.
fn focus_field(app: &mut App, f: FormField) {
    for _ in 0..30 {
        if app.form().unwrap().focus == f {
            return;
        }
        tab(app);
    }
    panic!("{f:?} never got the focus");
}

/// The terminal as text, for snapshots.
fn render(app: &mut App, w: u16, h: u16) -> String {
    screen_of(app, w, h)
}

// b. "don" / "đôn" in the handling combobox: an exact word start first.
#[test]
fn handling_don_picks_don_doc_and_don_with_its_marks_picks_chuyen_don() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    focus_field(&mut app, FormField::Handling);
    type_str(&mut app, "don");
    tab(&mut app);
    assert_eq!(app.form().unwrap().value(FormField::Handling), "don_doc");
    app.handle_key(key(KeyCode::BackTab));
    type_str(&mut app, "đôn");
    tab(&mut app);
    assert_eq!(app.form().unwrap().value(FormField::Handling), "don_doc");
    app.handle_key(key(KeyCode::BackTab));
    type_str(&mut app, "đơn");
    tab(&mut app);
    assert_eq!(app.form().unwrap().value(FormField::Handling), "chuyen_don");
    assert_eq!(app.context(), Context::Form);
}

#[test]
fn the_dropdown_lists_the_word_start_first() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    focus_field(&mut app, FormField::Handling);
    type_str(&mut app, "don");
    let screen = render(&mut app, 80, 24);
    let at = |label: &str| {
        screen
            .find(label)
            .unwrap_or_else(|| panic!("{label} listed:\n{screen}"))
    };
    assert!(at("Đôn đốc") < at("Chuyển đơn"), "{screen}");
    assert!(at("Chuyển đơn") < at("Lưu đơn"), "{screen}");
    insta::assert_snapshot!("handling_dropdown_don_80x24", screen);
}

// k. The rule editor says which rule it edits.
#[test]
fn the_rule_editor_is_titled_with_the_rule_it_edits() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('6')));
    // The second rule: accepting a complaint, 10 working days until 30/06/2026.
    app.handle_key(key(KeyCode::Down));
    let rule = app.catalog.selected_rule().cloned().unwrap();
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.context(), Context::Entry);
    let screen = render(&mut app, 100, 30);
    assert!(
        screen.contains("Sửa quy định: Thụ lý — Khiếu nại"),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("Quy định đang sửa theo: {}", rule.article)),
        "{screen}"
    );
    assert!(screen.contains("01/07/2012–30/06/2026"), "{screen}");
    insta::assert_snapshot!("rule_editor_title_100x30", screen);
}

// j. A transfer step takes the receiving agency the visit recorded.
#[test]
fn a_transfer_step_starts_from_the_agency_the_visit_recorded() {
    let mut app = app();
    let actor = app.actor.clone().unwrap();
    let mut d = draft("Phạm Thị Kín", "001190011111");
    d.petition_type = "to_cao".into();
    d.handling = "chuyen_don".into();
    d.transfer_agency = "Thanh tra tỉnh".into();
    save(&mut app.store, &actor, &valid(&d));
    app.refresh();
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Enter)); // the field's cases
    let case = app.queue.cases[0].uid.clone();
    app.handle_key(key(KeyCode::Char('t')));
    assert_eq!(app.context(), Context::Entry, "{:?}", app.status);
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the transfer form");
    };
    assert_eq!(e.value(EntryKey::Agency), "Thanh tra tỉnh");
    insta::assert_snapshot!("transfer_form_prefilled_80x24", render(&mut app, 80, 24));
    // Saved as it stands, the step names it.
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('y')));
    let events = app.store.case_events(&case).unwrap();
    assert_eq!(events.last().unwrap().agency, "Thanh tra tỉnh");
}

#[test]
fn a_case_without_a_transfer_visit_starts_the_agency_empty() {
    let mut app = app();
    let actor = app.actor.clone().unwrap();
    save(
        &mut app.store,
        &actor,
        &valid(&draft("Lê Văn Tâm", "001085044444")),
    );
    app.refresh();
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Enter));
    let case = app.queue.cases[0].uid.clone();
    write(&mut app.store, &actor, |w| {
        w.case_step(
            &case,
            None,
            Action::ClassifyNotOwn,
            &Default::default(),
            today(),
        )
    });
    app.refresh();
    app.handle_key(key(KeyCode::Char('t')));
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the transfer form: {:?}", app.status);
    };
    assert_eq!(e.value(EntryKey::Agency), "");
}

/// The last line of the screen: the hint bar.
fn hint_bar(app: &mut App, w: u16, h: u16) -> String {
    render(app, w, h).lines().last().unwrap().to_owned()
}

// a. `n` while an earlier day is shown asks which day; today is the default.
#[test]
fn n_on_an_earlier_day_asks_and_enter_or_n_means_today() {
    let yesterday = today().pred_opt().unwrap();
    for answer in [KeyCode::Enter, KeyCode::Char('n')] {
        let mut app = app();
        app.handle_key(key(KeyCode::Char('[')));
        assert_eq!(app.log.day, yesterday);
        app.handle_key(key(KeyCode::Char('n')));
        assert!(
            matches!(
                app.overlays.last(),
                Some(Overlay::Confirm(Question::NewVisitDay { .. }))
            ),
            "asked, not dated yesterday"
        );
        app.handle_key(key(answer));
        assert_eq!(app.context(), Context::Form);
        assert_eq!(app.form().unwrap().value(FormField::Day), "22/11/2026");
    }
}

#[test]
fn n_on_an_earlier_day_then_y_back_fills_the_day_shown() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('[')));
    app.handle_key(key(KeyCode::Char('n')));
    // Keys the question does not take leave it as it is.
    app.handle_key(key(KeyCode::Char('s')));
    assert_eq!(app.context(), Context::Confirm);
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.form().unwrap().value(FormField::Day), "21/11/2026");
    // Saved there, the log shows that day.
    let name = "Đỗ Văn Hùng";
    type_str(&mut app, name);
    focus_field(&mut app, FormField::PetitionType);
    type_str(&mut app, "kien nghi");
    tab(&mut app);
    type_str(&mut app, "dat dai");
    tab(&mut app);
    type_str(&mut app, "Kiến nghị về lối đi chung");
    focus_field(&mut app, FormField::Handling);
    type_str(&mut app, "huong");
    app.handle_key(ctrl('s'));
    assert_eq!(app.context(), Context::Log, "{:?}", app.status);
    assert_eq!(app.log.day, today().pred_opt().unwrap());
    assert_eq!(app.log.rows.len(), 1);
}

#[test]
fn n_on_an_earlier_day_then_esc_opens_nothing_and_n_today_asks_nothing() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('[')));
    app.handle_key(key(KeyCode::Char('n')));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.context(), Context::Log);
    assert!(app.form().is_none());
    app.handle_key(key(KeyCode::Char('t')));
    app.handle_key(key(KeyCode::Char('n')));
    assert_eq!(app.context(), Context::Form, "today: no question");
    assert_eq!(app.form().unwrap().value(FormField::Day), "22/11/2026");
}

#[test]
fn the_day_question_says_both_days_and_hints_its_own_answers() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('[')));
    app.handle_key(key(KeyCode::Char('n')));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("21/11/2026"), "{screen}");
    let hints = hint_bar(&mut app, 80, 24);
    assert!(hints.contains("Enter hôm nay"), "{hints}");
    assert!(hints.contains("y ngày đang xem"), "{hints}");
    assert!(!hints.contains(" s "), "{hints}");
    insta::assert_snapshot!("new_visit_day_question_80x24", screen);
}

// i. The name-clash question hints `s`, at any width.
#[test]
fn the_name_clash_question_hints_s_even_on_a_narrow_terminal() {
    let mut app = app();
    let actor = app.actor.clone().unwrap();
    save(
        &mut app.store,
        &actor,
        &valid(&draft("Vũ Thị Mai", "001185012399")),
    );
    app.refresh();
    app.handle_key(key(KeyCode::Char('e')));
    app.handle_key(key(KeyCode::End));
    type_str(&mut app, " Anh");
    app.handle_key(ctrl('s'));
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::NameClash(_)))
    ));
    let wide = hint_bar(&mut app, 80, 24);
    assert!(wide.contains("s sửa tên hồ sơ"), "{wide}");
    assert!(wide.contains("y giữ tên đã lưu"), "{wide}");
    let narrow = hint_bar(&mut app, 40, 12);
    assert!(narrow.contains(" s "), "{narrow}");
    // The question itself is never cut before the keys it names.
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("số giấy tờ nhập sai, sửa lại."), "{screen}");
    insta::assert_snapshot!("name_clash_question_80x24", screen);
    insta::assert_snapshot!("name_clash_question_40x12", render(&mut app, 40, 12));
    app.handle_key(key(KeyCode::Char('s')));
    assert_eq!(app.context(), Context::Log);
}

/// A denunciation forwarded at the desk: its case (outside our authority) in the queue, ready
/// for the transfer step. Returns the case's uid.
fn forwarded_denunciation(app: &mut App) -> String {
    let actor = app.actor.clone().unwrap();
    let mut d = draft("Phạm Thị Kín", "001190011111");
    d.petition_type = "to_cao".into();
    d.handling = "chuyen_don".into();
    d.transfer_agency = "Thanh tra tỉnh".into();
    save(&mut app.store, &actor, &valid(&d));
    app.refresh();
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Enter));
    app.queue.cases[0].uid.clone()
}

fn entry_focus(app: &App) -> EntryKey {
    match app.overlays.last() {
        Some(Overlay::Entry(e)) => e.rows[e.focus].key,
        _ => panic!("an entry form"),
    }
}

fn entry_value(app: &App, k: EntryKey) -> String {
    match app
        .overlays
        .iter()
        .rev()
        .find(|o| matches!(o, Overlay::Entry(_)))
    {
        Some(Overlay::Entry(e)) => e.value(k),
        _ => panic!("an entry form"),
    }
}

// c. "không hoàn tác được" is asked only of a step the book would take.
#[test]
fn an_irreversible_step_is_checked_before_its_confirmation() {
    let mut app = app();
    let case = forwarded_denunciation(&mut app);
    app.handle_key(key(KeyCode::Char('t')));
    // The day arrives selected: typing replaces it. Before the receipt (22/11): refused.
    type_str(&mut app, "20/11/2026");
    assert_eq!(entry_value(&app, EntryKey::Day), "20/11/2026");
    app.handle_key(ctrl('s'));
    assert_eq!(
        app.context(),
        Context::Entry,
        "no confirmation for a wrong date"
    );
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the form stays")
    };
    assert_eq!(e.rows[e.focus].key, EntryKey::Day, "focus on the date");
    let why = e
        .error_for(EntryKey::Day)
        .expect("said by the date")
        .to_owned();
    assert!(why.contains("22/11/2026"), "{why}");
    insta::assert_snapshot!(
        "step_date_refused_before_confirmation_80x24",
        render(&mut app, 80, 24)
    );
    // d. After the failed save the first key replaces the date, as Tab into it would.
    type_str(&mut app, "22/11/2026");
    assert_eq!(entry_value(&app, EntryKey::Day), "22/11/2026");
    app.handle_key(ctrl('s'));
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::ConfirmStep(_)))
    ));
    // Checking wrote nothing.
    assert_eq!(app.store.case_events(&case).unwrap().len(), 2);
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.store.case_events(&case).unwrap().len(), 3);
}

#[test]
fn a_step_the_law_refuses_is_refused_before_its_confirmation() {
    let mut app = app();
    let case = forwarded_denunciation(&mut app);
    // Another desk transfers it meanwhile: this desk's transfer meets a conflict, not a question.
    app.handle_key(key(KeyCode::Char('t')));
    let actor = app.actor.clone().unwrap();
    write(&mut app.store, &actor, |w| {
        let s = tiepdan::store::StepInput {
            agency: "Công an tỉnh".into(),
            ..Default::default()
        };
        w.case_step(&case, None, Action::Transfer, &s, today())
    });
    app.handle_key(ctrl('s'));
    assert_eq!(app.context(), Context::Entry, "{:?}", app.overlays.last());
    assert!(
        app.status.as_ref().unwrap().text.contains("nơi khác"),
        "{:?}",
        app.status
    );
}

// d. A failed save of the visit form selects the first field to fix, as Tab does.
#[test]
fn after_a_failed_save_the_first_key_replaces_the_field_to_fix() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Lê Văn Tám");
    tab(&mut app);
    type_str(&mut app, "12345");
    app.handle_key(ctrl('s'));
    assert_eq!(app.form().unwrap().focus, FormField::IdNumber);
    type_str(&mut app, "001085012345");
    assert_eq!(
        app.form().unwrap().value(FormField::IdNumber),
        "001085012345"
    );
}

fn new_book() -> App {
    let store = tiepdan::store::Store::open_in_memory().unwrap();
    let mut app = App::new(store, tiepdan::i18n::Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (100, 30);
    app
}

fn setup(app: &App) -> &tiepdan::app::Setup {
    match app.overlays.last() {
        Some(Overlay::Setup(s)) => s,
        other => panic!("the first-start dialog: {other:?}"),
    }
}

// l. The first-start dialog is left with Esc, nothing written.
#[test]
fn esc_leaves_the_first_start_dialog_and_the_program() {
    let mut app = new_book();
    type_str(&mut app, "UBND phường Quán Thánh");
    app.handle_key(key(KeyCode::Esc));
    assert!(app.should_quit);
    assert!(app.setup_pending(), "the book was never set up");
    assert!(app.store.officers().unwrap().is_empty());
    assert_eq!(app.store.unit_name().unwrap(), "", "nothing half-written");
    // A q is a letter of a name here (Quán, Quận), not a way out.
    let mut app = new_book();
    type_str(&mut app, "q");
    assert!(!app.should_quit);
    assert_eq!(setup(&app).unit.lines()[0], "q");
}

// l. Every problem at once, each by its input.
#[test]
fn the_first_start_dialog_shows_every_problem_at_once() {
    let mut app = new_book();
    app.handle_key(key(KeyCode::Enter)); // unit: empty
    app.handle_key(key(KeyCode::Backspace)); // desk: the suggestion removed
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Enter)); // officer: empty
    app.handle_key(key(KeyCode::Enter)); // PIN: empty
    app.handle_key(key(KeyCode::Enter)); // PIN again
    let s = setup(&app);
    assert_eq!(s.errors.len(), 4, "{:?}", s.errors);
    assert_eq!(s.focus, 0, "the first to fix");
    insta::assert_snapshot!("first_start_every_problem_80x24", render(&mut app, 80, 24));
    // Typing in an input clears its own problem only.
    type_str(&mut app, "UBND phường Quán Thánh");
    assert_eq!(setup(&app).errors.len(), 3);
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "QT1!");
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Enter));
    }
    let s = setup(&app);
    assert_eq!(s.focus, 1);
    assert!(s.error_of(1).unwrap().contains("1–4"), "{:?}", s.errors);
    assert!(s.error_of(2).is_some());
}

// m. The suggested desk code is replaced by what is typed.
#[test]
fn typing_replaces_the_suggested_desk_code() {
    let mut app = new_book();
    let suggested = setup(&app).desk.lines()[0].clone();
    assert!(!suggested.is_empty());
    type_str(&mut app, "UBND phường Quán Thánh");
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "QT");
    assert_eq!(setup(&app).desk.lines()[0], "QT");
    // Back to it with Shift-Tab after typing further: selected again, replaced again.
    app.handle_key(key(KeyCode::Tab));
    type_str(&mut app, "Nguyễn Thị Lan");
    app.handle_key(key(KeyCode::BackTab));
    type_str(&mut app, "QTH");
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::End));
    app.handle_key(key(KeyCode::Enter));
    // The first officer's PIN, twice.
    common::cheap();
    for _ in 0..2 {
        type_str(&mut app, common::PIN);
        app.handle_key(key(KeyCode::Enter));
    }
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    assert_eq!(app.store.desk_code().unwrap(), "QTH");
    assert_eq!(app.actor.as_ref().unwrap().name(), "Nguyễn Thị Lan");
}

/// A book with two officers, Lan (who signed in last, in another window) and Bình.
fn two_officers() -> tiepdan::store::Store {
    let mut store = tiepdan::store::Store::open_in_memory().unwrap();
    let lan = store_with_officer(&mut store);
    write(&mut store, &lan, |w| w.add_officer("Trần Văn Bình", ""));
    write(&mut store, &lan, |w| w.remember_officer());
    store
}

fn picker(app: &App) -> &tiepdan::app::Picker {
    match app.overlays.last() {
        Some(Overlay::Picker(p)) => p,
        other => panic!("the picker: {other:?}"),
    }
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

// h. At start a reflexive Enter signs nobody in (the PIN is asked); `o` starts on this
// window's officer.
#[test]
fn at_start_a_reflexive_enter_signs_nobody_in() {
    let mut app = App::new(two_officers(), tiepdan::i18n::Lang::Vi, fixed_clock()).unwrap();
    assert!(app.is_locked());
    app.handle_key(key(KeyCode::Enter));
    assert!(app.actor.is_none(), "a reflexive Enter signs nobody in");
    assert_eq!(
        app.lock.as_ref().unwrap().error.as_deref(),
        Some("Nhập mã PIN.")
    );
    // Bình, who has no PIN yet, sets one.
    app.handle_key(key(KeyCode::Down));
    for _ in 0..2 {
        type_str(&mut app, common::PIN);
        app.handle_key(key(KeyCode::Enter));
    }
    assert_eq!(app.actor.as_ref().unwrap().name(), "Trần Văn Bình");
    // In this window, `o` starts on this window's officer.
    app.handle_key(key(KeyCode::Char('o')));
    let p = picker(&app);
    assert_eq!(p.officers[p.selected.unwrap()].full_name, "Trần Văn Bình");
}

// g. A disabled officer's window is told what to do next, and can do it without losing the form.
#[test]
fn a_disabled_officers_form_says_ctrl_o_and_saves_as_another_officer() {
    let mut store = two_officers();
    let lan = common::sign_in(&mut store, 1);
    // Bình keeps the book too (he disables Lan at the end).
    let binh_id = store.officer_named("Trần Văn Bình").unwrap().unwrap().id;
    write(&mut store, &lan, |w| {
        w.set_roles(binh_id, tiepdan::store::Roles::ALL)
    });
    let mut app = App::new(store, tiepdan::i18n::Lang::Vi, fixed_clock()).unwrap();
    app.handle_key(key(KeyCode::Down)); // Bình at this desk: his first PIN, twice
    for _ in 0..2 {
        type_str(&mut app, common::PIN);
        app.handle_key(key(KeyCode::Enter));
    }
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Đỗ Văn Hùng");
    focus_field(&mut app, FormField::PetitionType);
    type_str(&mut app, "kien nghi");
    tab(&mut app);
    type_str(&mut app, "dat dai");
    tab(&mut app);
    type_str(&mut app, "Kiến nghị về lối đi chung");
    focus_field(&mut app, FormField::Handling);
    type_str(&mut app, "huong");
    // Meanwhile Lan, at another desk, disables Bình.
    let binh = app.actor.as_ref().unwrap().officer_id();
    write(&mut app.store, &lan, |w| w.disable_officer(binh));
    app.handle_key(ctrl('s'));
    let said = status(&app);
    assert!(said.contains("Trần Văn Bình đã bị tắt"), "{said}");
    assert!(
        said.contains("nhấn Ctrl-O"),
        "the key that works in a form: {said}"
    );
    assert!(!said.contains("khóa?"), "{said}");
    // Ctrl-O: the picker over the form; Lan is at the keyboard now.
    app.handle_key(ctrl('o'));
    assert_eq!(app.context(), Context::Picker);
    let p = picker(&app);
    assert!(p.disabled.iter().any(|o| o.full_name == "Trần Văn Bình"));
    let at = p
        .officers
        .iter()
        .position(|o| o.full_name == "Nguyễn Thị Lan")
        .unwrap();
    while picker(&app).selected != Some(at) {
        app.handle_key(key(KeyCode::Down));
    }
    app.handle_key(key(KeyCode::Enter));
    // Lan signs in (her PIN); the form goes on as hers.
    type_str(&mut app, common::PIN);
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.context(), Context::Form, "the form as typed");
    assert_eq!(
        app.form().unwrap().value(FormField::FullName),
        "Đỗ Văn Hùng"
    );
    app.handle_key(ctrl('s'));
    assert_eq!(app.context(), Context::Log, "{}", status(&app));
    assert_eq!(app.log.rows[0].officer_name, "Nguyễn Thị Lan");
    // Outside a form the words name `o`: Bình, back at another desk, disables Lan.
    let lan_id = app.actor.as_ref().unwrap().officer_id();
    write(&mut app.store, &lan, |w| w.enable_officer(binh));
    let binh = app
        .store
        .sign_in(binh, common::PIN, common::at(8, 15))
        .unwrap();
    write(&mut app.store, &binh, |w| w.disable_officer(lan_id));
    app.handle_key(key(KeyCode::Char('x')));
    type_str(&mut app, "ghi nhầm");
    app.handle_key(key(KeyCode::Enter));
    let Some(Overlay::Prompt(p)) = app.overlays.last() else {
        panic!("the reason prompt stays")
    };
    let said = p.error.clone().unwrap_or_default();
    assert!(said.contains("Nguyễn Thị Lan đã bị tắt"), "{said}");
    assert!(said.contains("nhấn o"), "{said}");
}

// g. Re-adding a disabled officer's name enables them again; the picker does it too.
#[test]
fn adding_a_disabled_officers_name_offers_to_enable_them_not_a_second_officer() {
    let mut app = app();
    let lan = app.actor.clone().unwrap();
    let minh = write(&mut app.store, &lan, |w| w.add_officer("Trần Văn Minh", ""));
    write(&mut app.store, &lan, |w| w.disable_officer(minh.id));
    app.handle_key(key(KeyCode::Char('o')));
    // The add row, then the name typed without diacritics.
    let add = picker(&app).officers.len();
    while picker(&app).selected != Some(add) {
        app.handle_key(key(KeyCode::Down));
    }
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "Tran Van Minh");
    app.handle_key(key(KeyCode::Enter));
    assert!(
        matches!(
            app.overlays.last(),
            Some(Overlay::Confirm(Question::EnableOfficer(o))) if o.id == minh.id
        ),
        "{:?}",
        app.overlays.last()
    );
    insta::assert_snapshot!("enable_officer_question_80x24", render(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Char('y')));
    assert!(
        status(&app).contains("Đã bật lại cán bộ Trần Văn Minh"),
        "{}",
        status(&app)
    );
    let names: Vec<String> = app
        .store
        .officers()
        .unwrap()
        .into_iter()
        .map(|o| o.full_name)
        .collect();
    assert_eq!(
        names,
        ["Nguyễn Thị Lan", "Trần Văn Minh"],
        "one Minh, enabled"
    );
    // Back in the picker, on Minh; Lan is still the one signed in.
    let p = picker(&app);
    assert_eq!(p.officers[p.selected.unwrap()].id, minh.id);
    assert_eq!(app.actor.as_ref().unwrap().name(), "Nguyễn Thị Lan");
    let audit = app.store.journal_of(Entity::Officer, &minh.uid).unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.after.get("active") == Some(&serde_json::json!(1))),
        "{audit:?}"
    );
}

#[test]
fn a_disabled_officer_listed_in_the_picker_is_enabled_with_enter_then_y() {
    let mut app = app();
    let lan = app.actor.clone().unwrap();
    let minh = write(&mut app.store, &lan, |w| w.add_officer("Trần Văn Minh", ""));
    write(&mut app.store, &lan, |w| w.disable_officer(minh.id));
    app.handle_key(key(KeyCode::Char('o')));
    insta::assert_snapshot!(
        "picker_with_a_disabled_officer_80x24",
        render(&mut app, 80, 24)
    );
    app.handle_key(key(KeyCode::Up)); // the last row: the disabled Minh
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('y')));
    assert!(app.store.officer(minh.id).unwrap().unwrap().active);
}

/// With roles (issue 25), one who left does not come back by themself: a disabled officer is
/// not offered at sign-in, and only an administrator enables them again.
#[test]
fn a_disabled_officer_is_not_offered_and_only_an_administrator_enables_them() {
    let mut store = tiepdan::store::Store::open_in_memory().unwrap();
    let lan = store_with_officer(&mut store);
    let minh = write(&mut store, &lan, |w| w.add_officer("Trần Văn Minh", ""));
    let thu = write(&mut store, &lan, |w| w.add_officer("Lê Thị Thu", ""));
    write(&mut store, &lan, |w| w.disable_officer(minh.id));
    store
        .set_first_pin(thu.id, common::PIN, common::PIN)
        .unwrap();
    let mut app = App::new(store, tiepdan::i18n::Lang::Vi, fixed_clock()).unwrap();
    let offered: Vec<&str> = app
        .lock
        .as_ref()
        .unwrap()
        .officers
        .iter()
        .map(|o| o.full_name.as_str())
        .collect();
    assert_eq!(offered, ["Lê Thị Thu", "Nguyễn Thị Lan"]);
    // Thu (offered first), a receiving officer, is refused with words; Lan may.
    type_str(&mut app, common::PIN);
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.actor.as_ref().unwrap().name(), "Lê Thị Thu");
    app.handle_key(key(KeyCode::Char('o')));
    app.handle_key(key(KeyCode::Up)); // the last row: the disabled Minh
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('y')));
    assert!(
        status(&app).contains("việc của quản trị"),
        "{}",
        status(&app)
    );
    assert!(!app.store.officer(minh.id).unwrap().unwrap().active);
    write(&mut app.store, &lan, |w| w.enable_officer(minh.id));
    assert!(app.store.officer(minh.id).unwrap().unwrap().active);
}

/// A book on disk with one officer (so a second App can open it after the first "dies").
fn book_on_disk(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("book.sqlite3");
    let mut store = tiepdan::store::Store::open(&path).unwrap();
    store_with_officer(&mut store);
    path
}

fn open_app(path: &std::path::Path) -> App {
    let store = tiepdan::store::Store::open(path).unwrap();
    let mut app = common::start(store, tiepdan::i18n::Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (100, 30);
    app
}

/// The draft autosave runs (as the loop's tick would, the form idle long enough).
fn let_the_draft_save(app: &mut App) {
    app.apply(tiepdan::app::Msg::Tick(
        std::time::Instant::now() + std::time::Duration::from_secs(5),
    ));
}

// e. A restored draft of the visit form brings back every value and the focus.
#[test]
fn a_restored_visit_draft_has_every_value_and_the_focus_as_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_on_disk(dir.path());
    let before = {
        let mut app = open_app(&path);
        app.handle_key(key(KeyCode::Char('n')));
        type_str(&mut app, "Đặng Thu Thảo");
        tab(&mut app);
        type_str(&mut app, "001185012345");
        focus_field(&mut app, FormField::PetitionType);
        type_str(&mut app, "khieu");
        tab(&mut app);
        // Typed into Lĩnh vực, not taken yet, when the process dies.
        type_str(&mut app, "dat");
        let_the_draft_save(&mut app);
        let f = app.form().unwrap();
        assert_eq!(f.focus, FormField::Field);
        f.to_draft()
    };
    let mut app = open_app(&path);
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::RestoreDraft { .. }))
    ));
    app.handle_key(key(KeyCode::Char('y')));
    let f = app.form().unwrap();
    assert_eq!(
        f.to_draft(),
        before,
        "every value, the focus and what was typed"
    );
    assert_eq!(f.focus, FormField::Field);
    // The list is open on "dat": Tab takes Đất đai, as it would have before the crash.
    insta::assert_snapshot!("restored_draft_focus_80x24", render(&mut app, 80, 24));
    tab(&mut app);
    assert_eq!(app.form().unwrap().value(FormField::Field), "dat_dai");
}

/// The recovery question's Esc keeps the draft for the next sign-in: its text and its hint bar
/// say so alike ("để sau"), in both languages.
#[test]
fn the_recovery_questions_esc_is_later_in_its_text_and_its_hints() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_on_disk(dir.path());
    {
        let mut app = open_app(&path);
        app.handle_key(key(KeyCode::Char('n')));
        type_str(&mut app, "Đặng Thu Thảo");
        let_the_draft_save(&mut app);
    }
    let mut app = open_app(&path);
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::RestoreDraft { .. }))
    ));
    let vi = render(&mut app, 80, 24);
    insta::assert_snapshot!("recovery_question_80x24", vi);
    let hints = vi.lines().last().unwrap();
    assert!(hints.contains("Esc để sau"), "{hints}");
    assert!(!hints.contains("quay lại"), "{hints}");
    app.lang = tiepdan::i18n::Lang::En;
    let en = render(&mut app, 100, 30);
    assert!(en.lines().last().unwrap().contains("Esc later"), "{en}");
    assert!(en.contains("Esc: later"), "{en}");
    // What Esc does: the question goes, no form opens, the draft stays for the next start.
    app.handle_key(key(KeyCode::Esc));
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    drop(app);
    let next = open_app(&path);
    assert!(matches!(
        next.overlays.last(),
        Some(Overlay::Confirm(Question::RestoreDraft { .. }))
    ));
}

#[test]
fn a_restored_draft_goes_on_where_the_text_was_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_on_disk(dir.path());
    {
        let mut app = open_app(&path);
        app.handle_key(key(KeyCode::Char('n')));
        type_str(&mut app, "Đặng Thu Thảo");
        tab(&mut app);
        tab(&mut app);
        tab(&mut app);
        type_str(&mut app, "Số 1 phố Kim");
        let_the_draft_save(&mut app);
    }
    let mut app = open_app(&path);
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.form().unwrap().focus, FormField::Address);
    // The next key goes on with the address; it does not replace it.
    type_str(&mut app, " Mã");
    assert_eq!(
        app.form().unwrap().value(FormField::Address),
        "Số 1 phố Kim Mã"
    );
}

#[test]
fn a_restored_edit_draft_still_asks_about_a_changed_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_on_disk(dir.path());
    {
        let mut app = open_app(&path);
        let actor = app.actor.clone().unwrap();
        save(
            &mut app.store,
            &actor,
            &valid(&draft("Vũ Thị Mai", "001185012399")),
        );
        app.refresh();
        app.handle_key(key(KeyCode::Char('e')));
        app.handle_key(key(KeyCode::End));
        type_str(&mut app, " Anh");
        // The number cleared too: only the edited visit says whose record this is.
        tab(&mut app);
        app.handle_key(key(KeyCode::Backspace));
        let_the_draft_save(&mut app);
    }
    let mut app = open_app(&path);
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.form().unwrap().value(FormField::IdNumber), "");
    app.handle_key(ctrl('s'));
    assert!(
        matches!(
            app.overlays.last(),
            Some(Overlay::Confirm(Question::NameClash(_)))
        ),
        "{:?}",
        app.overlays.last()
    );
}

// e. The small forms too.
#[test]
fn a_restored_step_draft_has_its_values_and_focus() {
    let dir = tempfile::tempdir().unwrap();
    let path = book_on_disk(dir.path());
    {
        let mut app = open_app(&path);
        forwarded_denunciation(&mut app);
        app.handle_key(key(KeyCode::Char('t')));
        let to = |app: &mut App, k: EntryKey| {
            while entry_focus(app) != k {
                tab(app);
            }
        };
        to(&mut app, EntryKey::Agency); // prefilled and selected
        type_str(&mut app, "Công an tỉnh");
        to(&mut app, EntryKey::DocumentNo);
        type_str(&mut app, "12/CV");
        to(&mut app, EntryKey::Note);
        type_str(&mut app, "Chuyển kèm hồ sơ");
        let_the_draft_save(&mut app);
    }
    let mut app = open_app(&path);
    assert!(
        matches!(
            app.overlays.last(),
            Some(Overlay::Confirm(Question::RestoreEntry { .. }))
        ),
        "{:?}",
        app.overlays.last()
    );
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(entry_value(&app, EntryKey::Agency), "Công an tỉnh");
    assert_eq!(entry_value(&app, EntryKey::DocumentNo), "12/CV");
    assert_eq!(entry_value(&app, EntryKey::Note), "Chuyển kèm hồ sơ");
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the step form")
    };
    assert_eq!(e.rows[e.focus].key, EntryKey::Note, "where it was left");
    type_str(&mut app, ".");
    assert_eq!(entry_value(&app, EntryKey::Note), "Chuyển kèm hồ sơ.");
}

/// Another desk edits the visit `uid` as `change` says.
fn other_desk_edits(
    path: &std::path::Path,
    uid: &str,
    change: impl FnOnce(&mut tiepdan::domain::visit::VisitDraft),
) {
    let mut other = tiepdan::store::Store::open(path).unwrap();
    let officer = other
        .sign_in(
            other.officers().unwrap()[0].id,
            common::PIN,
            common::at(8, 15),
        )
        .unwrap();
    let d = other.visit_detail(uid).unwrap();
    let mut dr = d
        .to_draft(&tiepdan::domain::identity::Viewer::nobody())
        .unwrap();
    change(&mut dr);
    write(&mut other, &officer, |w| {
        w.update_visit(
            uid,
            d.row.version,
            &input(&valid(&dr)),
            &tiepdan::domain::intake::CaseChoice::Ask,
        )
    });
}

/// A visit on disk, open for editing in `app`, its phone retyped.
fn editing_a_visit(dir: &std::path::Path) -> (App, std::path::PathBuf, String) {
    let path = book_on_disk(dir);
    let mut app = open_app(&path);
    let actor = app.actor.clone().unwrap();
    let uid = save(
        &mut app.store,
        &actor,
        &valid(&draft("Vũ Thị Mai", "001185012399")),
    );
    app.refresh();
    app.handle_key(key(KeyCode::Char('e')));
    focus_field(&mut app, FormField::Phone);
    type_str(&mut app, "0987654321");
    (app, path, uid)
}

// f. A conflict offers to carry the typed values onto the new version.
#[test]
fn a_conflict_carries_the_officers_edits_onto_the_other_desks_version() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path, uid) = editing_a_visit(dir.path());
    other_desk_edits(&path, &uid, |d| d.content = "Sửa ở bàn bên".into());
    app.handle_key(ctrl('s'));
    let Some(Overlay::Confirm(Question::CarryOver(c))) = app.overlays.last() else {
        panic!("the offer: {:?}", app.overlays.last());
    };
    assert_eq!(c.theirs, ["Nội dung"]);
    assert_eq!(c.mine, ["Điện thoại"]);
    let said = c.question(tiepdan::i18n::Lang::Vi);
    assert!(said.contains("Bên đó đã sửa: Nội dung."), "{said}");
    assert!(said.contains("(Điện thoại)"), "{said}");
    // The other desk's time is the wall clock's.
    insta::with_settings!({ filters => vec![(r"lúc \d{2}/\d{2}/\d{4} \d{2}:\d{2}", "lúc [time]")] }, {
        insta::assert_snapshot!("carry_over_question_80x24", render(&mut app, 80, 24));
    });
    app.handle_key(key(KeyCode::Char('y')));
    let f = app.form().unwrap();
    assert_eq!(f.value(FormField::Content), "Sửa ở bàn bên", "theirs");
    assert_eq!(f.value(FormField::Phone), "0987654321", "mine, on top");
    assert!(f.is_dirty());
    insta::assert_snapshot!("carried_over_form_80x24", render(&mut app, 80, 24));
    app.handle_key(ctrl('s'));
    assert_eq!(app.context(), Context::Log, "{}", status(&app));
    let d = app.store.visit_detail(&uid).unwrap();
    assert_eq!(d.row.content, "Sửa ở bàn bên");
    let now = d
        .to_draft(&tiepdan::domain::identity::Viewer::nobody())
        .unwrap();
    assert_eq!(now.phone, "0987654321");
}

#[test]
fn a_field_both_desks_changed_keeps_the_officers_value_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path, uid) = editing_a_visit(dir.path());
    other_desk_edits(&path, &uid, |d| {
        d.phone = "0911111111".into();
        d.note = "Bàn bên ghi chú".into();
    });
    app.handle_key(ctrl('s'));
    let Some(Overlay::Confirm(Question::CarryOver(c))) = app.overlays.last() else {
        panic!("the offer");
    };
    assert_eq!(c.both, ["Điện thoại"]);
    assert!(
        c.question(tiepdan::i18n::Lang::Vi)
            .contains("Cả hai bên cùng sửa Điện thoại")
    );
    app.handle_key(key(KeyCode::Char('y')));
    let f = app.form().unwrap();
    assert_eq!(f.value(FormField::Phone), "0987654321");
    assert_eq!(f.value(FormField::Note), "Bàn bên ghi chú");
    // n leaves the form as it was, nothing saved.
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path, uid) = editing_a_visit(dir.path());
    other_desk_edits(&path, &uid, |d| d.note = "x".into());
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('n')));
    assert_eq!(app.context(), Context::Form);
    assert_eq!(app.form().unwrap().value(FormField::Note), "");
    assert!(status(&app).contains("Chưa lưu"), "{}", status(&app));
}

#[test]
fn a_rule_changed_elsewhere_carries_the_officers_days_onto_the_new_article() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('6')));
    let rule = app.catalog.selected_rule().cloned().unwrap();
    app.handle_key(key(KeyCode::Enter));
    type_str(&mut app, "12"); // the days, selected: replaced
    while entry_focus(&app) != EntryKey::Reason {
        tab(&mut app);
    }
    type_str(&mut app, "Theo văn bản mới");
    // Another desk corrects the article meanwhile (in place, from the rule's first day).
    let actor = app.actor.clone().unwrap();
    write(&mut app.store, &actor, |w| {
        let change = tiepdan::store::RuleChange {
            days: rule.days,
            extension_days: rule.extension_days,
            basis: rule.basis,
            article: "Điều 28 (sửa)".into(),
            active: None,
            effective_from: rule.effective_from,
            reason: "đính chính".into(),
        };
        w.change_rule(&rule, &change)
    });
    app.handle_key(ctrl('s'));
    let Some(Overlay::Confirm(Question::CarryOver(c))) = app.overlays.last() else {
        panic!("the offer: {:?} {}", app.overlays.last(), status(&app));
    };
    assert_eq!(c.theirs, ["Căn cứ pháp lý"]);
    assert!(c.mine.iter().any(|m| m == "Số ngày"), "{:?}", c.mine);
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(entry_value(&app, EntryKey::Article), "Điều 28 (sửa)");
    assert_eq!(entry_value(&app, EntryKey::Days), "12");
    assert_eq!(entry_value(&app, EntryKey::Reason), "Theo văn bản mới");
    app.handle_key(ctrl('s'));
    assert_eq!(app.context(), Context::Catalog, "{}", status(&app));
    let rules = app.store.deadline_rules().unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r.days == 12 && r.article == "Điều 28 (sửa)"),
        "the officer's days on the other desk's article"
    );
}

#[test]
fn a_step_on_a_case_changed_elsewhere_is_recorded_on_it_after_a_second_save() {
    let mut app = app();
    let case = forwarded_denunciation(&mut app);
    app.handle_key(key(KeyCode::Char('i'))); // a note
    tab(&mut app);
    type_str(&mut app, "Gọi điện cho người tố cáo");
    let actor = app.actor.clone().unwrap();
    write(&mut app.store, &actor, |w| {
        let s = tiepdan::store::StepInput {
            note: "bàn bên".into(),
            ..Default::default()
        };
        w.case_step(&case, None, Action::Note, &s, today())
    });
    app.handle_key(ctrl('s'));
    assert!(status(&app).contains("đã đọc lại"), "{}", status(&app));
    assert!(!status(&app).contains("làm lại"), "{}", status(&app));
    app.handle_key(ctrl('s'));
    let notes = app.store.case_events(&case).unwrap();
    assert!(notes.iter().any(|e| e.note == "Gọi điện cho người tố cáo"));
}

#[test]
fn a_report_column_changed_elsewhere_is_carried_over_and_saved_on_its_new_version() {
    let mut app = app();
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
    let actor = app.actor.clone().unwrap();
    write(&mut app.store, &actor, |w| {
        w.set_field_report_column("moi_truong", "hc_khac", "khac")
    });
    type_str(&mut app, "dat dai nha");
    app.handle_key(ctrl('s'));
    let Some(Overlay::Confirm(Question::CarryOver(c))) = app.overlays.last() else {
        panic!("the offer: {}", status(&app));
    };
    assert_eq!(c.both.len(), 1, "both changed the column: {c:?}");
    app.handle_key(key(KeyCode::Char('y')));
    app.handle_key(ctrl('s'));
    let f = app
        .store
        .fields()
        .unwrap()
        .into_iter()
        .find(|f| f.code == "moi_truong")
        .unwrap();
    assert_eq!(f.report_column, "hc_dat_dai_nha_cua", "{}", status(&app));
}
