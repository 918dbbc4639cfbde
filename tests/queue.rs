//! The complaint queue through the app, with a fixed date: a visit with handling thụ lý opens
//! a case that the queue counts; steps move it along the law's table; an illegal step is
//! refused with a message; a denouncer stays masked until an audited reveal.

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Overlay, Pane};
use tiepdan::domain::case::CaseStatus;
use tiepdan::domain::journal::{Entity, Op};

/// Log a visit through the form, as the officer does (Ctrl-S at the end).
fn log_visit(app: &mut App, name: &str, id: &str, ptype: &str, handling: &str) {
    let content = if ptype == "to_cao" {
        "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục"
    } else {
        "Khiếu nại quyết định thu hồi đất"
    };
    app.handle_key(key(KeyCode::Char('n')));
    for text in [name, id, "0912345678", "Số 12 phố Đội Cấn"] {
        fill(app, text);
    }
    tab(app); // people: 1
    tab(app); // reception form: thường xuyên
    // Comboboxes take a typed code too.
    for text in [ptype, "dat_dai", content, "", handling] {
        fill(app, text);
    }
    app.handle_key(ctrl('s'));
}

/// Type one field of a form and move to the next.
fn fill(app: &mut App, text: &str) {
    type_str(app, text);
    tab(app);
}

fn land_open(app: &App) -> u32 {
    app.queue
        .fields
        .iter()
        .find(|f| f.code == "dat_dai")
        .unwrap()
        .open
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    app.viewport = (w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
    format!("{}", t.backend())
}

#[test]
fn a_thu_ly_visit_is_counted_accepted_resolved_and_the_count_drops() {
    let mut app = app();
    log_visit(
        &mut app,
        "Trần Văn Đức",
        "001085012345",
        "khieu_nai",
        "thu_ly",
    );
    log_visit(
        &mut app,
        "Lê Thị Hoa",
        "001185012346",
        "khieu_nai",
        "huong_dan",
    );
    app.handle_key(key(KeyCode::Char('2')));
    assert_eq!(app.pane, Pane::Queue);
    assert_eq!(land_open(&app), 1, "only the thụ lý visit opened a case");
    assert_eq!(app.queue.cases[0].code, "KN-2026-BD-0001");

    // Classify within our authority, then accept, from the list with single keys.
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Char('c')));
    app.handle_key(ctrl('s'));
    assert_eq!(app.queue.cases[0].status, CaseStatus::AwaitingAcceptance);
    app.handle_key(key(KeyCode::Char('a')));
    tab(&mut app);
    type_str(&mut app, "12/QĐ-UBND");
    app.handle_key(ctrl('s'));
    assert_eq!(
        app.queue.cases[0].status,
        CaseStatus::InProgress,
        "{:?}",
        app.status
    );

    // Resolve asks for an outcome, then for confirmation: it cannot be undone.
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Case(_))));
    app.handle_key(key(KeyCode::Char('r')));
    app.handle_key(ctrl('s'));
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Entry(e)) if !e.errors.is_empty()),
        "an outcome is required"
    );
    type_str(&mut app, "mot phan");
    app.handle_key(ctrl('s'));
    assert!(matches!(app.overlays.last(), Some(Overlay::Confirm(_))));
    app.handle_key(key(KeyCode::Char('y')));
    let Some(Overlay::Case(v)) = app.overlays.last() else {
        panic!("case view stays open")
    };
    assert_eq!(v.detail.row.status, CaseStatus::Resolved);
    assert_eq!(v.events.len(), 4);
    assert_eq!(land_open(&app), 0, "the count drops");
}

#[test]
fn a_step_the_law_does_not_allow_is_not_offered_and_says_why() {
    let mut app = app();
    log_visit(
        &mut app,
        "Trần Văn Đức",
        "001085012345",
        "khieu_nai",
        "thu_ly",
    );
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Char('r'))); // resolve a new, unaccepted case
    assert!(app.overlays.is_empty(), "no form for an illegal step");
    let st = app.status.clone().unwrap();
    assert!(st.text.contains("không được phép"), "{}", st.text);
    assert_eq!(app.queue.cases[0].status, CaseStatus::New);
}

#[test]
fn a_repeat_petition_in_the_same_field_is_offered_to_link() {
    let mut app = app();
    log_visit(
        &mut app,
        "Trần Văn Đức",
        "001085012345",
        "khieu_nai",
        "thu_ly",
    );
    log_visit(
        &mut app,
        "Trần Văn Đức",
        "001085012345",
        "khieu_nai",
        "thu_ly",
    );
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Confirm(_))),
        "asks to link"
    );
    assert_eq!(
        app.store.visit_count().unwrap(),
        1,
        "nothing saved before the answer"
    );
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.store.visit_count().unwrap(), 2);
    app.handle_key(key(KeyCode::Char('2')));
    assert_eq!(land_open(&app), 1, "linked, not a second case");
    let uid = app.queue.cases[0].uid.clone();
    assert_eq!(app.store.case_detail(&uid).unwrap().visits.len(), 2);
}

#[test]
fn a_denouncer_is_masked_everywhere_until_an_audited_reveal() {
    let mut app = app();
    log_visit(&mut app, "Phạm Văn Tố", "001085099999", "to_cao", "thu_ly");
    let log = screen(&mut app, 100, 30);
    assert!(!log.contains("Phạm Văn Tố"), "{log}");
    app.handle_key(key(KeyCode::Char('2')));
    let queue = screen(&mut app, 140, 30);
    assert!(!queue.contains("Phạm Văn Tố"), "{queue}");
    assert!(queue.contains("Người tố cáo"), "{queue}");

    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    let detail = screen(&mut app, 100, 30);
    assert!(!detail.contains("Phạm Văn Tố") && !detail.contains("001085099999"));
    let case_uid = app.queue.cases[0].uid.clone();
    let audits = |app: &App| {
        app.store
            .journal_of(Entity::Case, &case_uid)
            .unwrap()
            .iter()
            .filter(|r| r.op == Op::Reveal)
            .count()
    };
    app.handle_key(key(KeyCode::Char('v')));
    app.handle_key(key(KeyCode::Char('n'))); // changed my mind
    assert_eq!(audits(&app), 0);
    app.handle_key(key(KeyCode::Char('v')));
    app.handle_key(key(KeyCode::Char('y')));
    let detail = screen(&mut app, 100, 30);
    assert!(detail.contains("Phạm Văn Tố"), "{detail}");
    assert_eq!(audits(&app), 1);
}

#[test]
fn a_written_petition_is_taken_in_from_the_queue() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('n')));
    fill(&mut app, "Đỗ Văn Bưu");
    fill(&mut app, "");
    fill(&mut app, "0912 345 678");
    fill(&mut app, "");
    fill(&mut app, "khieu");
    fill(&mut app, "den bu");
    fill(&mut app, "Khiếu nại đơn giá bồi thường");
    fill(&mut app, "chuyen"); // forwarded: needs the agency
    app.handle_key(ctrl('s'));
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the form stays as typed")
    };
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.value(tiepdan::app::EntryKey::FullName), "Đỗ Văn Bưu");
    type_str(&mut app, "Ban Tiếp công dân tỉnh");
    tab(&mut app);
    // Who forwarded it, as Luật TCD Art 27(2) names them (issue 23).
    type_str(&mut app, "ban tiep");
    tab(&mut app);
    type_str(&mut app, "123/BTCD");
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.status);
    let comp = app
        .queue
        .fields
        .iter()
        .find(|f| f.code == "den_bu_gpmb")
        .unwrap();
    assert_eq!(comp.open, 1, "{:?}", app.status);
    let (rows, _) = app
        .store
        .cases_in_field(comp.field_id, &tiepdan::store::QueueFilter::default(), 10)
        .unwrap();
    let uid = rows[0].uid.clone();
    let d = app.store.case_detail(&uid).unwrap();
    assert_eq!(d.forwarding_doc, "123/BTCD");
    assert_eq!(
        d.forwarder_kind,
        Some(tiepdan::domain::case::ForwarderKind::ReceptionBoard)
    );
    assert_eq!(
        tiepdan::domain::identity::Viewer::nobody().name_of(&d.row.citizen),
        Some("Đỗ Văn Bưu")
    );
}

#[test]
fn a_written_petition_from_a_citizen_with_an_open_case_is_offered_to_link() {
    let mut app = app();
    log_visit(
        &mut app,
        "Trần Văn Đức",
        "001085012345",
        "khieu_nai",
        "thu_ly",
    );
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('n')));
    fill(&mut app, "Tran Van Duc");
    fill(&mut app, "001085012345");
    fill(&mut app, "");
    fill(&mut app, "");
    fill(&mut app, "khieu");
    fill(&mut app, "dat dai");
    fill(&mut app, "Đơn gửi lại qua bưu điện về việc thu hồi đất");
    app.handle_key(ctrl('s'));
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Confirm(_))),
        "{:?}",
        app.status
    );
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(app.queue.fields[0].open, 1, "linked, not a second case");
    let uid = app.queue.cases[0].uid.clone();
    let events = app.store.case_events(&uid).unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.action, tiepdan::domain::case::Action::AddPetition);
    assert!(last.note.contains("bưu điện"));

    // Saying no opens a new case for the same citizen.
    app.handle_key(key(KeyCode::Char('n')));
    fill(&mut app, "Trần Văn Đức");
    fill(&mut app, "001085012345");
    fill(&mut app, "");
    fill(&mut app, "");
    fill(&mut app, "khieu");
    fill(&mut app, "dat dai");
    fill(&mut app, "Một nội dung khác");
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('n')));
    assert_eq!(app.queue.fields[0].open, 2);
    assert_eq!(app.store.citizen_count().unwrap(), 1, "the same citizen");
}

#[test]
fn a_denunciation_visit_is_masked_in_its_detail_and_edited_only_after_an_audited_reveal() {
    let mut app = app();
    log_visit(&mut app, "Phạm Văn Tố", "001085099999", "to_cao", "thu_ly");
    app.handle_key(key(KeyCode::Char('t'))); // reload the day
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Detail(_))));
    let detail = screen(&mut app, 100, 30);
    assert!(detail.contains("Người tố cáo (bảo mật)"), "{detail}");
    assert!(!detail.contains("Phạm Văn Tố"), "{detail}");
    assert!(!detail.contains("001085099999"), "{detail}");
    let uid = app.log.rows[0].uid.clone();
    let reveals = |app: &App| {
        app.store
            .journal_of(Entity::Visit, &uid)
            .unwrap()
            .iter()
            .filter(|r| r.op == Op::Reveal)
            .count()
    };
    // Editing needs the identity: it asks first.
    app.handle_key(key(KeyCode::Char('e')));
    assert!(matches!(app.overlays.last(), Some(Overlay::Confirm(_))));
    app.handle_key(key(KeyCode::Char('n')));
    assert_eq!(reveals(&app), 0);
    assert!(matches!(app.overlays.last(), Some(Overlay::Detail(_))));
    app.handle_key(key(KeyCode::Char('v')));
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(reveals(&app), 1);
    let detail = screen(&mut app, 100, 30);
    assert!(detail.contains("Phạm Văn Tố"), "{detail}");
    // Revealed once for this officer: editing now opens the form.
    app.handle_key(key(KeyCode::Char('e')));
    assert!(matches!(app.overlays.last(), Some(Overlay::Form(_))));
}

#[test]
fn a_long_case_scrolls_and_its_hints_offer_only_allowed_steps() {
    let mut app = app();
    log_visit(
        &mut app,
        "Trần Văn Đức",
        "001085012345",
        "khieu_nai",
        "thu_ly",
    );
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    for _ in 0..3 {
        app.handle_key(key(KeyCode::Down));
    }
    app.handle_key(key(KeyCode::Char('k')));
    let Some(Overlay::Case(v)) = app.overlays.last() else {
        panic!("case view")
    };
    assert_eq!(v.scroll, 2);
    let hints = screen(&mut app, 100, 30);
    let last = hints.lines().last().unwrap().to_owned();
    assert!(last.contains("phân loại"), "{last}");
    assert!(
        !last.contains("Giải quyết"),
        "a new case cannot be resolved: {last}"
    );
}

/// A field with more cases than a page: scrolling reads the next pages, so the last case is
/// reached (issue 22.9: the queue stopped at row 500 of 1,765); reading the book again (a
/// change at another desk) keeps what was scrolled to.
#[test]
fn every_case_of_a_long_field_is_reached_by_scrolling() {
    use tiepdan::app::queue::PAGE;
    let mut store = tiepdan::store::Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let n = PAGE as usize * 2 + 37;
    for i in 0..n {
        let d = draft(&format!("Công dân {i}"), &format!("0010850{i:05}"));
        save(&mut store, &officer, &valid(&d));
    }
    let mut app = start(store, tiepdan::i18n::Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (120, 30);
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Right));
    assert_eq!(app.queue.total as usize, n);
    assert_eq!(app.queue.cases.len(), PAGE as usize, "one page at first");
    // Down, row by row, past the first page.
    for _ in 0..PAGE {
        app.handle_key(key(KeyCode::Down));
    }
    assert_eq!(app.queue.case_sel, PAGE as usize);
    assert!(app.queue.cases.len() > PAGE as usize);
    // End: the last case of all.
    app.handle_key(key(KeyCode::End));
    assert_eq!(app.queue.case_sel, n - 1);
    assert_eq!(app.queue.cases.len(), n);
    let last = app.queue.selected_case().unwrap().code.clone();
    assert!(last.ends_with(&format!("{n:04}")), "{last}");
    assert!(screen(&mut app, 120, 30).contains(&last));
    // Another desk writes: the pane is read again, the selection stays where it was.
    app.refresh();
    assert_eq!(app.queue.selected_case().unwrap().code, last);
}
