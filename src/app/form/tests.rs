//! The visit form: focus, comboboxes, prefilled values, the draft it becomes.
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn form() -> VisitForm {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let fields = vec![Field {
        id: 1,
        uid: "u".into(),
        code: "dat_dai".into(),
        name: "Đất đai".into(),
        report_column: "hc_dat_dai_nha_cua".into(),
    }];
    VisitForm::from_draft(
        VisitForm::new_draft(today, "08:15"),
        &fields,
        5,
        Lang::Vi,
        today,
    )
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn decomposed_typing_is_stored_composed() {
    let mut f = form();
    for c in "Nguye\u{302}\u{303}n".chars() {
        f.type_key(key(c));
    }
    assert_eq!(f.value(FormField::FullName), "Nguyễn");
    // The cursor sits after the composed letter: typing continues at the end.
    f.type_key(key('!'));
    assert_eq!(f.value(FormField::FullName), "Nguyễn!");
}

#[test]
fn paste_is_normalized_and_single_line_fields_flatten_newlines() {
    let mut f = form();
    f.paste("Tra\u{302}\u{300}n\nThi\u{323}");
    assert_eq!(f.value(FormField::FullName), "Trần Thị");
}

#[test]
fn group_shows_representatives_prefilled_with_the_name() {
    let mut f = form();
    f.paste("Lê Văn Tám");
    assert!(!f.visible().contains(&FormField::Representatives));
    f.focus = FormField::People;
    f.type_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    f.type_key(key('7'));
    f.move_focus(true);
    assert_eq!(f.focus, FormField::Representatives);
    assert_eq!(f.value(FormField::Representatives), "Lê Văn Tám");
}

#[test]
fn periodic_reception_shows_presiding() {
    let mut f = form();
    f.focus = FormField::Form;
    for c in "dinh".chars() {
        f.type_key(key(c));
    }
    f.move_focus(true);
    assert_eq!(f.value(FormField::Form), "dinh_ky");
    assert_eq!(f.focus, FormField::Presiding);
    // Then whether the leader presides as the head in person or as a delegate.
    f.move_focus(true);
    assert_eq!(f.focus, FormField::PresiderRole);
    for c in "uy quyen".chars() {
        f.type_key(key(c));
    }
    f.move_focus(true);
    assert_eq!(f.value(FormField::PresiderRole), "uy_quyen");
    assert_eq!(f.focus, FormField::PetitionType);
}

#[test]
fn dirty_only_after_typing() {
    let mut f = form();
    assert!(!f.is_dirty());
    f.type_key(key('A'));
    assert!(f.is_dirty());
}

#[test]
fn draft_round_trip() {
    let mut f = form();
    f.paste("Đỗ Thị Hà");
    let d = f.to_draft();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let g = VisitForm::from_draft(d.clone(), &[], 5, Lang::Vi, today);
    assert_eq!(g.to_draft().full_name, d.full_name);
}
