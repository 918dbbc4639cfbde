//! The register stays true, in the app (transitions with a fixed date): one combobox
//! behaviour in every form, forms that never drop typed text, refusals that say what to do
//! next, the void of a mistaken visit, what a returning citizen's match offers, a case made
//! from a visit, a transfer's agency, prefilled values replaced by the first key.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::keymap::Context;
use tiepdan::app::{App, EntryKey, Overlay, Question};
use tiepdan::domain::case::{Action, CaseStatus};
use tiepdan::domain::visit::FormField;
use tiepdan::domain::visit::PetitionType;
use tiepdan::i18n::Lang;
use tiepdan::store::Store;

fn down(app: &mut App) {
    app.handle_key(key(KeyCode::Down));
}

/// A new visit typed key by key up to (and focused on) Xử lý; the petition type as typed.
fn type_visit_to_handling(app: &mut App, name: &str, id: &str, petition_type: &str) {
    app.handle_key(key(KeyCode::Char('n')));
    type_str(app, name);
    tab(app);
    type_str(app, id);
    tab(app);
    type_str(app, "0987654321");
    tab(app);
    type_str(app, "Số 3 phố Huế");
    tab(app); // Số người
    tab(app); // Hình thức
    tab(app); // Loại đơn
    type_str(app, petition_type);
    tab(app); // Lĩnh vực
    type_str(app, "dat dai");
    tab(app); // Nội dung
    type_str(app, "Khiếu nại việc cấp giấy chứng nhận");
    tab(app); // Cơ quan đã gửi
    tab(app); // Xử lý
    assert_eq!(app.form().unwrap().focus, FormField::Handling);
}

/// A complaint taken in (thụ lý) through the form: its case is new.
fn complaint(app: &mut App, name: &str, id: &str) {
    type_visit_to_handling(app, name, id, "khieu");
    type_str(app, "thu ly");
    app.handle_key(ctrl('s'));
    assert_eq!(app.context(), Context::Log, "{:?}", app.status);
}

/// The first case of the queue, opened.
fn open_first_case(app: &mut App) {
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Case(_))));
}

fn entry(app: &App) -> &tiepdan::app::Entry {
    app.overlays
        .iter()
        .rev()
        .find_map(|o| match o {
            Overlay::Entry(e) => Some(e.as_ref()),
            _ => None,
        })
        .expect("an entry form is open")
}

fn status(app: &App) -> String {
    app.status.clone().map(|s| s.text).unwrap_or_default()
}

#[test]
fn ctrl_s_takes_the_choice_typed_in_a_combobox_and_the_filter_never_stays() {
    let mut app = app();
    type_visit_to_handling(&mut app, "Lê Thị Hoa", "001185033333", "khieu");
    type_str(&mut app, "thu ly");
    app.handle_key(ctrl('s'));
    assert_eq!(app.context(), Context::Log, "saved: {}", status(&app));
    assert_eq!(app.log.rows[0].handling.code(), "thu_ly");
    assert!(status(&app).contains("KN-2026-BD-0001"), "{}", status(&app));
}

#[test]
fn arrows_then_tab_or_enter_take_the_highlighted_choice() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    let form = |app: &App| app.form().unwrap().clone();
    while form(&app).focus != FormField::PetitionType {
        tab(&mut app);
    }
    down(&mut app);
    tab(&mut app);
    assert_eq!(
        form(&app).value(FormField::PetitionType),
        PetitionType::ALL[1].code(),
        "↓ then Tab takes the second choice"
    );
    // Back, ↓ again from the chosen one, Enter.
    app.handle_key(key(KeyCode::BackTab));
    down(&mut app);
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(
        form(&app).value(FormField::PetitionType),
        PetitionType::ALL[2].code()
    );
    assert_eq!(form(&app).focus, FormField::Field, "Enter moves on");
}

#[test]
fn esc_with_a_list_open_closes_the_list_not_the_form() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Lê Thị Hoa");
    while app.form().unwrap().focus != FormField::PetitionType {
        tab(&mut app);
    }
    type_str(&mut app, "kh");
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.context(), Context::Form, "the form stays");
    let f = app.form().unwrap();
    let tiepdan::app::form::Widget::Combo(c) = &f.input(FormField::PetitionType).widget else {
        panic!("a combobox");
    };
    assert!(!c.is_open());
    assert!(c.query.is_empty(), "the filter is gone");
    // The second Esc asks about the typed name.
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::DiscardForm))
    ));
}

#[test]
fn a_step_form_takes_the_highlighted_choice_with_arrows_and_enter() {
    let mut app = app();
    complaint(&mut app, "Lê Văn Tâm", "001085044444");
    open_first_case(&mut app);
    app.handle_key(key(KeyCode::Char('c')));
    let options: Vec<String> = match &entry(&app).rows[0].input {
        tiepdan::app::EntryInput::Choice(c) => c.options.iter().map(|o| o.code.clone()).collect(),
        _ => panic!("a choice first"),
    };
    assert!(options.len() >= 2);
    down(&mut app);
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(entry(&app).value(EntryKey::Choice), options[1]);
    assert_eq!(entry(&app).focus, 1, "Enter moves on");
}

#[test]
fn prefilled_values_are_replaced_by_the_first_key_and_kept_by_an_arrow() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('n')));
    while app.form().unwrap().focus != FormField::People {
        tab(&mut app);
    }
    type_str(&mut app, "12");
    assert_eq!(app.form().unwrap().value(FormField::People), "12");
    // Số đơn nhận opens with a value too; End first keeps it.
    while app.form().unwrap().focus != FormField::Petitions {
        tab(&mut app);
    }
    let before = app.form().unwrap().value(FormField::Petitions);
    app.handle_key(key(KeyCode::End));
    type_str(&mut app, "3");
    assert_eq!(
        app.form().unwrap().value(FormField::Petitions),
        format!("{before}3")
    );
}

#[test]
fn a_step_form_asks_before_discarding_and_its_draft_survives_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store_with_officer(&mut store);
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (100, 30);
    complaint(&mut app, "Lê Văn Tâm", "001085044444");
    open_first_case(&mut app);
    app.handle_key(key(KeyCode::Char('c')));
    while entry(&app).rows[entry(&app).focus].key != EntryKey::Note {
        tab(&mut app);
    }
    type_str(&mut app, "Đã gọi điện cho công dân");
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::DiscardEntry))
    ));
    app.handle_key(key(KeyCode::Char('n')));
    assert_eq!(
        entry(&app).value(EntryKey::Note),
        "Đã gọi điện cho công dân"
    );
    // Leaving the note writes the draft; then the window dies.
    tab(&mut app);
    drop(app);
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    let Some(Overlay::Confirm(Question::RestoreEntry { draft, .. })) = app.overlays.last() else {
        panic!("the draft is offered: {:?}", app.overlays.last());
    };
    assert!(draft.what.contains("KN-2026-BD-0001"), "{}", draft.what);
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.context(), Context::Entry);
    assert_eq!(
        entry(&app).value(EntryKey::Note),
        "Đã gọi điện cho công dân"
    );
    // Saved, the draft is gone for good.
    app.handle_key(ctrl('s'));
    assert!(
        !app.overlays.iter().any(|o| matches!(o, Overlay::Entry(_))),
        "{}",
        status(&app)
    );
    drop(app);
    let app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    assert!(!matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::RestoreEntry { .. }))
    ));
}

#[test]
fn a_refused_step_keeps_the_form_as_typed() {
    let mut app = app();
    complaint(&mut app, "Lê Văn Tâm", "001085044444");
    open_first_case(&mut app);
    app.handle_key(key(KeyCode::Char('c')));
    tab(&mut app); // the day, selected: typing replaces it
    type_str(&mut app, "20/11/2026");
    tab(&mut app);
    tab(&mut app);
    type_str(&mut app, "Ghi chú dài");
    app.handle_key(ctrl('s'));
    let e = entry(&app);
    assert_eq!(e.value(EntryKey::Note), "Ghi chú dài", "kept as typed");
    let text = status(&app);
    assert!(
        text.contains("20/11/2026") && text.contains("22/11/2026"),
        "{text}"
    );
}

#[test]
fn a_refusal_names_the_step_to_take_first() {
    let mut app = app();
    complaint(&mut app, "Lê Văn Tâm", "001085044444");
    open_first_case(&mut app);
    app.handle_key(key(KeyCode::Char('a')));
    let text = status(&app);
    assert!(text.contains("phân loại trước (c)"), "{text}");
    assert!(!app.overlays.iter().any(|o| matches!(o, Overlay::Entry(_))));
}

#[test]
fn a_denunciation_not_marked_complex_says_mark_it_first() {
    let mut app = app();
    type_visit_to_handling(&mut app, "Lê Văn Tố", "001085055555", "to cao");
    type_str(&mut app, "thu ly");
    app.handle_key(ctrl('s'));
    open_first_case(&mut app);
    // Classify, accept: in progress.
    for k in ['c', 'a'] {
        app.handle_key(key(KeyCode::Char(k)));
        app.handle_key(ctrl('s'));
        if let Some(Overlay::Confirm(_)) = app.overlays.last() {
            app.handle_key(key(KeyCode::Char('y')));
        }
    }
    let v = app
        .overlays
        .iter()
        .find_map(|o| match o {
            Overlay::Case(v) => Some(v.facts),
            _ => None,
        })
        .unwrap();
    assert_eq!(v.status, CaseStatus::InProgress, "{}", status(&app));
    app.handle_key(key(KeyCode::Char('E')));
    let text = status(&app);
    assert!(text.contains("phức tạp trước (p)"), "{text}");
}

#[test]
fn a_mistaken_visit_is_voided_with_a_reason_struck_through_and_counted_nowhere() {
    let mut app = app();
    complaint(&mut app, "Lê Văn Tâm", "001085044444");
    assert_eq!(app.log.counters.visits, 1);
    app.handle_key(key(KeyCode::Char('x')));
    assert_eq!(app.context(), Context::Prompt);
    // No reason, no void.
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.context(), Context::Prompt);
    type_str(&mut app, "Ghi nhầm người");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.context(), Context::Log, "{}", status(&app));
    assert_eq!(app.log.rows.len(), 1, "kept");
    assert_eq!(
        app.log.rows[0].void_reason.as_deref(),
        Some("Ghi nhầm người")
    );
    assert_eq!(app.log.counters.visits, 0, "counted nowhere");
    assert_eq!(app.queue.total, 0, "its new case went with it");
    // Struck through, with the reason, on screen.
    let t = draw_app(&mut app, 100, 20);
    let row = (0..20)
        .find(|y| {
            (0..100)
                .map(|x| t[(x, *y)].symbol().to_owned())
                .collect::<String>()
                .contains("ĐÃ HỦY")
        })
        .expect("the voided row shows");
    let cell = &t[(8, row)];
    assert!(
        cell.modifier
            .contains(ratatui::style::Modifier::CROSSED_OUT),
        "struck through"
    );
    // A voided visit is not edited nor voided again.
    app.handle_key(key(KeyCode::Char('e')));
    assert_eq!(app.context(), Context::Log);
    assert!(status(&app).contains("đã hủy"), "{}", status(&app));
}

#[test]
fn a_returning_citizen_is_offered_the_phone_address_and_open_case_on_record() {
    let mut app = app();
    complaint(&mut app, "Lê Văn Tâm", "001085044444");
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Lê Văn Tâm");
    tab(&mut app);
    type_str(&mut app, "001085044444");
    tab(&mut app);
    let f = app.form().unwrap();
    let m = f.repeat.clone().expect("recognized");
    assert_eq!(
        app.viewer
            .phone(&m.person, tiepdan::domain::identity::Place::Detail)
            .as_deref(),
        Some("0987654321")
    );
    assert_eq!(
        m.open_case.as_ref().map(|c| c.code.as_str()),
        Some("KN-2026-BD-0001")
    );
    assert_eq!(f.value(FormField::Phone), "0987654321", "offered");
    assert_eq!(f.value(FormField::Address), "Số 3 phố Huế");
    let t = screen_of(&mut app, 100, 30);
    assert!(t.contains("KN-2026-BD-0001"), "{t}");
    assert!(t.contains("0987654321"), "{t}");
    // What the officer types replaces the offer.
    type_str(&mut app, "0911222333");
    assert_eq!(app.form().unwrap().value(FormField::Phone), "0911222333");
}

#[test]
fn a_case_from_a_visit_starts_from_what_the_citizen_said() {
    let mut app = app();
    complaint(&mut app, "Lê Văn Tâm", "001085044444");
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('c')));
    assert_eq!(
        entry(&app).value(EntryKey::Summary),
        "Khiếu nại việc cấp giấy chứng nhận"
    );
}

#[test]
fn a_transfer_names_its_agency_when_saved_and_in_the_detail() {
    let mut app = app();
    type_visit_to_handling(&mut app, "Lê Văn Tâm", "001085044444", "khieu");
    type_str(&mut app, "chuyen");
    tab(&mut app);
    assert_eq!(app.form().unwrap().focus, FormField::TransferAgency);
    type_str(&mut app, "UBND quận Đống Đa");
    app.handle_key(ctrl('s'));
    assert_eq!(app.context(), Context::Log, "{}", status(&app));
    assert!(
        status(&app).contains("UBND quận Đống Đa"),
        "{}",
        status(&app)
    );
    app.handle_key(key(KeyCode::Enter));
    let t = screen_of(&mut app, 100, 30);
    assert!(t.contains("→ UBND quận Đống Đa"), "{t}");
}

#[test]
fn the_visit_detail_names_its_case_and_a_closed_case_counts_days_to_its_closing() {
    let mut app = app();
    complaint(&mut app, "Lê Văn Tâm", "001085044444");
    app.handle_key(key(KeyCode::Enter));
    let t = screen_of(&mut app, 100, 30);
    assert!(t.contains("KN-2026-BD-0001"), "{t}");
    app.handle_key(key(KeyCode::Esc));
    let row = app.queue.cases.first().cloned();
    let row = row.or_else(|| {
        app.handle_key(key(KeyCode::Char('2')));
        app.queue.cases.first().cloned()
    });
    assert_eq!(
        row.unwrap().closed_on,
        None,
        "an open case has no closing day"
    );
    // Closed (filed) today: its days stop there.
    let uid = app.queue.cases[0].uid.clone();
    let actor = app.actor.clone().unwrap();
    write(&mut app.store, &actor, |w| {
        w.case_step(
            &uid,
            None,
            Action::ClassifyIneligible,
            &Default::default(),
            today(),
        )?;
        w.case_step(&uid, None, Action::File, &Default::default(), today())
    });
    let row = app.store.case_row(&uid).unwrap();
    assert_eq!(row.status, CaseStatus::Filed);
    assert_eq!(row.closed_on, Some(today()));
}

#[test]
fn english_counts_say_one_session() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    save(
        &mut store,
        &officer,
        &valid(&draft("Lê Văn Tâm", "001085044444")),
    );
    let mut app = start(store, Lang::En, fixed_clock()).unwrap();
    let t = screen_of(&mut app, 100, 30);
    assert!(t.contains("1 session ·"), "{t}");
    assert!(t.contains("1 visit ·"), "{t}");
}

#[test]
fn an_officer_is_disabled_from_the_picker_after_a_question() {
    let mut app = app();
    let actor = app.actor.clone().unwrap();
    write(&mut app.store, &actor, |w| {
        w.add_officer("Trần Văn Minh", "")
    });
    app.handle_key(key(KeyCode::Char('o')));
    let Some(Overlay::Picker(p)) = app.overlays.last() else {
        panic!("the picker");
    };
    let at = p
        .officers
        .iter()
        .position(|o| o.full_name == "Trần Văn Minh")
        .unwrap();
    let me = p
        .officers
        .iter()
        .position(|o| o.full_name == "Nguyễn Thị Lan")
        .unwrap();
    // Not oneself.
    let moves = |app: &mut App, to: usize| {
        if let Some(Overlay::Picker(p)) = app.overlays.last_mut() {
            p.selected = Some(to);
        }
    };
    moves(&mut app, me);
    app.handle_key(key(KeyCode::Char('x')));
    assert!(status(&app).contains("Không tự tắt"), "{}", status(&app));
    moves(&mut app, at);
    app.handle_key(key(KeyCode::Char('x')));
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::DisableOfficer(_)))
    ));
    app.handle_key(key(KeyCode::Char('y')));
    assert!(
        status(&app).contains("Đã tắt cán bộ Trần Văn Minh"),
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
    assert_eq!(names, vec!["Nguyễn Thị Lan"]);
}
