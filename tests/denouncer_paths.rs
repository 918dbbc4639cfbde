//! The ordinary desk paths keep a denouncer hidden (Luật Tố cáo Art 8(3), 47, 56), as an
//! officer walks them: a complaint and a denunciation of one citizen, the same number typed
//! again, a reveal and a save, the counts, the lists — and the values a recognized number
//! offers leave with it, a shared case is corrected only as the officer says.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Overlay, Question};
use tiepdan::domain::identity::{Place, Viewer};
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::domain::visit::FormField;
use tiepdan::i18n::Lang;
use tiepdan::store::Store;

const NAME: &str = "Trần Thị Bảo Mật";
const CCCD: &str = "001203004567";
const PHONE: &str = "0977000111";
const ADDRESS: &str = "Số 9 ngõ Kín Đáo";

fn file_app(dir: &tempfile::TempDir) -> App {
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    if store.officers().unwrap().is_empty() {
        store_with_officer(&mut store);
    }
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (160, 45);
    app
}

/// Log a visit from the keyboard: who, then kind, field, content and handling; Ctrl-S.
fn log_visit(
    app: &mut App,
    who: [&str; 4],
    kind: &str,
    field: &str,
    content: &str,
    handling: &str,
) {
    app.handle_key(key(KeyCode::Char('n')));
    for text in who {
        type_str(app, text);
        tab(app);
    }
    tab(app); // people
    tab(app); // form
    for text in [kind, field, content, "", handling] {
        type_str(app, text);
        tab(app);
    }
    app.handle_key(ctrl('s'));
}

/// Tab through the form to `field`.
fn focus(app: &mut App, field: FormField) {
    for _ in 0..20 {
        if app.form().unwrap().focus == field {
            return;
        }
        tab(app);
    }
    panic!("no {field:?} in the form");
}

fn screen(app: &mut App) -> String {
    screen_of(app, 160, 45)
}

fn status(app: &App) -> String {
    app.status.clone().map(|s| s.text).unwrap_or_default()
}

fn no_secret(surface: &str, text: &str) {
    for secret in [NAME, "Bảo Mật", CCCD, PHONE, ADDRESS] {
        assert!(
            !text.contains(secret),
            "{surface} shows {secret:?}:\n{text}"
        );
    }
}

const DENOUNCER: [&str; 4] = [NAME, CCCD, PHONE, ADDRESS];

#[test]
fn a_complaint_and_a_denunciation_of_one_citizen_never_share_a_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = file_app(&dir);
    // A complaint with thụ lý opens KN-…-0001.
    log_visit(
        &mut app,
        DENOUNCER,
        "khieu_nai",
        "dat_dai",
        "Khiếu nại thu hồi đất",
        "thu_ly",
    );
    assert!(status(&app).contains("KN-2026-BD-0001"), "{}", status(&app));
    // The same citizen's denunciation, same field, thụ lý: no "same matter?" question, its own
    // TC case, and the status line ties no name to the code.
    log_visit(
        &mut app,
        DENOUNCER,
        "to_cao",
        "dat_dai",
        "Tố cáo cán bộ nhận tiền",
        "thu_ly",
    );
    assert!(
        !matches!(
            app.overlays.last(),
            Some(Overlay::Confirm(Question::LinkRepeat(_)))
        ),
        "a denunciation is never offered a complaint's case"
    );
    let st = status(&app);
    assert!(st.contains("TC-2026-BD-0001"), "{st}");
    no_secret("the status line after the denunciation", &st);
    // The other way round: a complaint while the TC case is open.
    log_visit(
        &mut app,
        DENOUNCER,
        "khieu_nai",
        "dat_dai",
        "Khiếu nại lần nữa",
        "thu_ly",
    );
    let Some(Overlay::Confirm(Question::LinkRepeat(l))) = app.overlays.last() else {
        panic!(
            "the open complaint is asked about: {:?}",
            app.overlays.last()
        );
    };
    assert_eq!(
        l.code, "KN-2026-BD-0001",
        "only the complaint's case is offered"
    );
    app.handle_key(key(KeyCode::Char('y')));
    let st = status(&app);
    assert!(!st.contains("TC-"), "{st}");
    // The TC case shows the pseudonym in the queue; the KN case is the citizen's.
    app.handle_key(key(KeyCode::Char('2')));
    let q = screen(&mut app);
    assert!(q.contains("Người tố cáo TC-2026-BD-0001"), "{q}");
}

#[test]
fn the_form_says_nothing_of_a_denouncer_and_the_visit_joins_them_silently() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = file_app(&dir);
    log_visit(
        &mut app,
        DENOUNCER,
        "to_cao",
        "dat_dai",
        "Tố cáo cán bộ nhận tiền",
        "thu_ly",
    );
    let citizens = app.store.citizen_count().unwrap();
    // The number again, then name and phone together: no banner, no code, nothing offered.
    for (name, id, phone) in [("Trần Thị", CCCD, ""), (NAME, "", PHONE)] {
        app.handle_key(key(KeyCode::Char('n')));
        for text in [name, id, phone] {
            type_str(&mut app, text);
            tab(&mut app);
        }
        let f = app.form().unwrap();
        assert!(f.repeat.is_none(), "recognized: {name} {id} {phone}");
        assert_eq!(f.value(FormField::Address), "", "nothing offered");
        let s = screen(&mut app);
        for leak in ["TC-2026", "Người tố cáo", ADDRESS, "↺"] {
            assert!(!s.contains(leak), "the form shows {leak:?}:\n{s}");
        }
        app.handle_key(key(KeyCode::Esc));
        app.handle_key(key(KeyCode::Char('y')));
    }
    // The number typed under another name, for a complaint: someone else's open record —
    // nothing asked (that would tell), and nothing of the denouncer's record named beside
    // theirs (a complaint never rests on a sealed record).
    log_visit(
        &mut app,
        ["Lê Văn Khác", CCCD, "", ""],
        "khieu_nai",
        "khac",
        "Khiếu nại",
        "tra_loi",
    );
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    assert_eq!(app.store.citizen_count().unwrap(), citizens + 1);
    let uid = app.log.rows.last().unwrap().uid.clone();
    let d = app.store.visit_detail(&uid).unwrap();
    assert_eq!(
        Viewer::nobody().name_of(&d.row.citizen),
        Some("Lê Văn Khác")
    );
    let other = app.store.citizen(d.citizen_id).unwrap().unwrap();
    assert!(!other.person.is_sealed());
    let first = app.log.rows.first().unwrap().uid.clone();
    let sealed = app.store.visit_detail(&first).unwrap();
    let sealed = app.store.citizen(sealed.citizen_id).unwrap().unwrap();
    assert!(sealed.person.is_sealed());
    let audit = app.store.journal_of(Entity::Citizen, &other.uid).unwrap();
    assert!(
        audit.iter().all(|a| a.op != Op::IdShared),
        "the open record names no denouncer: {audit:?}"
    );
    // The denouncer comes back with a petition, under their name and number: an open
    // record (the one the number is on in the clear), never the sealed one — whose journal
    // says nothing of it.
    let before = app
        .store
        .journal_of(Entity::Citizen, &sealed.uid)
        .unwrap()
        .len();
    log_visit(
        &mut app,
        DENOUNCER,
        "kien_nghi",
        "khac",
        "Kiến nghị sửa đường",
        "tra_loi",
    );
    let uid = app.log.rows.last().unwrap().uid.clone();
    let d = app.store.visit_detail(&uid).unwrap();
    assert_ne!(
        d.citizen_id, sealed.id,
        "a petition never rests on a sealed record"
    );
    assert!(
        !app.store
            .citizen(d.citizen_id)
            .unwrap()
            .unwrap()
            .person
            .is_sealed()
    );
    assert_eq!(
        app.store
            .journal_of(Entity::Citizen, &sealed.uid)
            .unwrap()
            .len(),
        before
    );
    // The denouncer again, denouncing: their sealed record, joined silently (the journal
    // says the desk matched someone it could not show).
    log_visit(
        &mut app,
        DENOUNCER,
        "to_cao",
        "dat_dai",
        "Tố cáo lần hai",
        "huong_dan",
    );
    let uid = app.log.rows.last().unwrap().uid.clone();
    let d = app.store.visit_detail(&uid).unwrap();
    assert_eq!(d.citizen_id, sealed.id, "the same sealed record");
    let audit = app.store.journal_of(Entity::Citizen, &sealed.uid).unwrap();
    assert!(audit.iter().any(|a| a.op == Op::MatchUnseen), "{audit:?}");
    let log = screen(&mut app);
    assert!(log.contains("Người tố cáo TC-2026-BD-0001"), "{log}");
}

#[test]
fn a_reveal_lasts_as_long_as_the_view_that_asked_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = file_app(&dir);
    log_visit(
        &mut app,
        DENOUNCER,
        "to_cao",
        "dat_dai",
        "Tố cáo cán bộ nhận tiền",
        "thu_ly",
    );
    // e on the visit: the audited reveal first, then the form with the name.
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('e')));
    app.handle_key(key(KeyCode::Char('y')));
    assert!(app.form().is_some(), "{:?}", app.overlays.last());
    assert!(screen(&mut app).contains(NAME), "the form holds the name");
    // A correction saved: the form goes, and with it the reveal — the log row and the status
    // line name nobody.
    app.handle_key(key(KeyCode::Down));
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    let st = status(&app);
    no_secret("the status line after the save", &st);
    no_secret("the log after the save", &screen(&mut app));
    // The case revealed with v, then closed: masked again everywhere.
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('v')));
    app.handle_key(key(KeyCode::Char('y')));
    assert!(screen(&mut app).contains(NAME), "revealed in the case");
    app.handle_key(key(KeyCode::Esc));
    no_secret("the queue after the case closed", &screen(&mut app));
    no_secret("the status line after the case closed", &status(&app));
    app.handle_key(key(KeyCode::Char('1')));
    no_secret("the log after the case closed", &screen(&mut app));
}

#[test]
fn counts_leave_out_what_the_viewer_may_not_see() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = file_app(&dir);
    log_visit(
        &mut app,
        DENOUNCER,
        "khieu_nai",
        "khac",
        "Khiếu nại lần một",
        "tra_loi",
    );
    log_visit(&mut app, DENOUNCER, "to_cao", "dat_dai", "Tố cáo", "thu_ly");
    log_visit(
        &mut app,
        DENOUNCER,
        "khieu_nai",
        "khac",
        "Khiếu nại lần hai",
        "tra_loi",
    );
    // The third visit's detail: the citizen came twice, as far as this officer may count.
    let uid = app
        .log
        .rows
        .iter()
        .find(|r| r.content == "Khiếu nại lần hai")
        .unwrap()
        .uid
        .clone();
    let d = app.store.visit_detail(&uid).unwrap();
    assert_eq!(d.citizen_visits, Some(2));
    // And the denunciation's own detail shows no count at all.
    let tc = app
        .log
        .rows
        .iter()
        .find(|r| r.content == "Tố cáo")
        .unwrap()
        .uid
        .clone();
    assert_eq!(app.store.visit_detail(&tc).unwrap().citizen_visits, None);
    // The lookup and the history agree.
    let found = app.store.lookup("tran thi bao mat", 10).unwrap();
    assert_eq!(found.citizens[0].visits, 2);
    let history = app.store.citizen_history(found.citizens[0].id).unwrap();
    assert_eq!(history.len(), 2);
}

#[test]
fn lists_show_an_id_number_and_a_phone_by_their_last_four_digits() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = file_app(&dir);
    log_visit(
        &mut app,
        ["Lê Văn An", "001085012345", "0912345678", "Số 1 Kim Mã"],
        "khieu_nai",
        "khac",
        "Khiếu nại",
        "tra_loi",
    );
    app.handle_key(key(KeyCode::Char('/')));
    type_str(&mut app, "le van an");
    app.apply(tiepdan::app::Msg::Tick(std::time::Instant::now()));
    let s = screen(&mut app);
    assert!(s.contains("…2345") && s.contains("…5678"), "{s}");
    assert!(
        !s.contains("001085012345") && !s.contains("0912345678"),
        "{s}"
    );
    app.handle_key(key(KeyCode::Esc));
    // The visit's detail shows them whole.
    app.handle_key(key(KeyCode::Enter));
    let s = screen(&mut app);
    assert!(
        s.contains("001085012345") && s.contains("0912345678"),
        "{s}"
    );
    let d = app.store.visit_detail(&app.log.rows[0].uid).unwrap();
    assert_eq!(
        Viewer::nobody()
            .phone(&d.row.citizen, Place::List)
            .as_deref(),
        Some("…5678")
    );
}

#[test]
fn another_citizens_phone_and_address_leave_with_the_wrong_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = file_app(&dir);
    log_visit(
        &mut app,
        ["Lê Văn An", "001085012345", "0912345678", "Số 1 Kim Mã"],
        "khieu_nai",
        "khac",
        "Khiếu nại",
        "tra_loi",
    );
    // Another person, typed with An's number by mistake: An's phone and address are offered.
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Đỗ Thị Bình");
    tab(&mut app);
    type_str(&mut app, "001085012345");
    tab(&mut app);
    assert_eq!(app.form().unwrap().value(FormField::Phone), "0912345678");
    assert_eq!(app.form().unwrap().value(FormField::Address), "Số 1 Kim Mã");
    focus(&mut app, FormField::PetitionType);
    for text in ["khieu_nai", "khac", "Khiếu nại khác", "", "tra_loi"] {
        type_str(&mut app, text);
        tab(&mut app);
    }
    app.handle_key(ctrl('s'));
    // "The same person?" — no: the number was wrong. Cleared, and what it brought goes too.
    assert!(
        matches!(
            app.overlays.last(),
            Some(Overlay::Confirm(Question::NameClash(_)))
        ),
        "{:?} {}",
        app.overlays.last(),
        status(&app)
    );
    app.handle_key(key(KeyCode::Char('n')));
    assert_eq!(app.form().unwrap().focus, FormField::IdNumber);
    for _ in 0..12 {
        app.handle_key(key(KeyCode::Backspace));
    }
    tab(&mut app);
    let f = app.form().unwrap();
    assert_eq!(f.value(FormField::IdNumber), "");
    assert_eq!(
        f.value(FormField::Phone),
        "",
        "An's phone left with the number"
    );
    assert_eq!(
        f.value(FormField::Address),
        "",
        "An's address left with the number"
    );
    assert!(f.repeat.is_none());
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    let uid = app.log.rows.last().unwrap().uid.clone();
    let d = app.store.visit_detail(&uid).unwrap();
    let v = Viewer::nobody();
    assert_eq!(v.name_of(&d.row.citizen), Some("Đỗ Thị Bình"));
    assert_eq!(v.phone(&d.row.citizen, Place::Detail), None);
    assert_eq!(v.address(&d.row.citizen), None);
}

#[test]
fn correcting_one_visit_asks_before_its_shared_case_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = file_app(&dir);
    let who = ["Lê Văn An", "001085012345", "", ""];
    log_visit(
        &mut app,
        who,
        "khieu_nai",
        "dat_dai",
        "Khiếu nại thu hồi đất",
        "thu_ly",
    );
    log_visit(
        &mut app,
        who,
        "khieu_nai",
        "dat_dai",
        "Bổ sung tài liệu",
        "thu_ly",
    );
    app.handle_key(key(KeyCode::Char('y'))); // the same matter: joins KN-…-0001
    assert!(status(&app).contains("KN-2026-BD-0001"), "{}", status(&app));
    // Edit the first visit's field.
    app.log.first();
    app.handle_key(key(KeyCode::Char('e')));
    assert!(app.form().is_some());
    focus(&mut app, FormField::Field);
    type_str(&mut app, "den bu");
    tab(&mut app);
    app.handle_key(ctrl('s'));
    assert!(
        matches!(
            app.overlays.last(),
            Some(Overlay::Confirm(Question::SharedCase { others: 1, .. }))
        ),
        "{:?}",
        app.overlays.last()
    );
    no_secret("the question", &screen(&mut app));
    // y: the whole case follows, its other visit with it.
    app.handle_key(key(KeyCode::Char('y')));
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
    let fields: Vec<String> = app.log.rows.iter().map(|r| r.field_name.clone()).collect();
    assert!(
        fields.iter().all(|f| f == &fields[0] && f != "Đất đai"),
        "{fields:?}"
    );
    // n on the next correction: only this visit changes; it leaves the case.
    app.log.first();
    app.handle_key(key(KeyCode::Char('e')));
    focus(&mut app, FormField::Field);
    type_str(&mut app, "dat dai");
    tab(&mut app);
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('n')));
    assert!(
        app.overlays.is_empty() || app.form().is_none(),
        "{:?}",
        app.overlays.last()
    );
    let rows = &app.log.rows;
    assert_eq!(rows[0].field_name, "Đất đai");
    assert_ne!(rows[1].field_name, "Đất đai");
}
