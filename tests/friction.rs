//! Issue 22, point 10: the friction officers tripped on, each as a state transition (an App
//! over a real store, a fixed clock, keys in) and, where the screen changes, a snapshot.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Context, EntryKey, Overlay};
use tiepdan::domain::case::Action;
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
    assert!(screen.contains("Sửa quy định: Thụ lý — Khiếu nại"), "{screen}");
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
    save(&mut app.store, &actor, &valid(&draft("Lê Văn Tâm", "001085044444")));
    app.refresh();
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Enter));
    let case = app.queue.cases[0].uid.clone();
    write(&mut app.store, &actor, |w| {
        w.case_step(&case, None, Action::ClassifyNotOwn, &Default::default(), today())
    });
    app.refresh();
    app.handle_key(key(KeyCode::Char('t')));
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the transfer form: {:?}", app.status);
    };
    assert_eq!(e.value(EntryKey::Agency), "");
}
