//! Issue 22, point 10: the friction officers tripped on, each as a state transition (an App
//! over a real store, a fixed clock, keys in) and, where the screen changes, a snapshot.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Context};
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
