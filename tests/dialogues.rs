//! Dialogues (issue 29, its last part) on a real book file: a complaint's dialogue (Luật
//! Khiếu nại Art 30, 39) planned, its notice due on the board by the catalog's rule (NĐ
//! 155/2026, UNVERIFIED: ≥ 05 days before) until sent, held and shown with its case;
//! the head's public dialogues whose answers promised stay on the board until given; both
//! counted in the summary (no table of TT 06/2025 has them); the minutes as a paper, filled
//! from the record; every write journaled and checked.

mod common;

use chrono::NaiveDate;
use common::*;
use tiepdan::domain::deadline::Obligation;
use tiepdan::domain::dialogue::{
    Dialogue, DialogueKind, DialogueOutcome, MinutesSigned, Participant, ParticipantRole, Promise,
};
use tiepdan::domain::report::{Figure, Period};
use tiepdan::store::{Actor, DutyOf, Store, StoreError};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn book() -> (tempfile::TempDir, Store, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("so.tiepdan")).unwrap();
    let actor = store_with_officer(&mut store);
    (dir, store, actor)
}

/// A complaint's case opened at the desk: (uid, code).
fn complaint(store: &mut Store, actor: &Actor, name: &str, id: &str) -> (String, String) {
    let visit = save(store, actor, &valid(&draft(name, id)));
    let code = store.visit_detail(&visit).unwrap().row.case_code.unwrap();
    let uid = store.case_uid_by_code(&code).unwrap().unwrap();
    (uid, code)
}

fn planned(kind: DialogueKind, on: &str) -> Dialogue {
    Dialogue {
        time: "08:00".into(),
        place: "Hội trường UBND phường".into(),
        presiding: "Chủ tịch UBND phường".into(),
        ..Dialogue::planned(kind, d(on))
    }
}

fn person(name: &str, role: ParticipantRole, present: bool) -> Participant {
    Participant {
        name: name.into(),
        role,
        title: String::new(),
        present,
    }
}

#[test]
fn a_complaints_dialogue_owes_its_notice_then_is_held_and_kept_with_its_case() {
    let (dir, mut store, actor) = book();
    let (case_uid, code) = complaint(&mut store, &actor, "Trần Thị Mai", "001185000101");
    let mut x = planned(DialogueKind::Complaint, "2026-11-30");
    x.case_uid = Some(case_uid.clone());
    let head = store.journal_len().unwrap();
    let uid = write(&mut store, &actor, |w| w.save_dialogue(&x, today()));
    assert_eq!(
        store.journal_len().unwrap(),
        head + 1,
        "one entry, the dialogue's"
    );

    // Planned Monday 30/11: the notice at least 05 days before → Wednesday 25/11.
    let cal = store.calendar().unwrap();
    let board = store.board(today(), &cal, 100).unwrap();
    let row = board
        .rows
        .iter()
        .find(|r| r.obligation == Obligation::DialogueNotice)
        .expect("the notice on the board");
    assert_eq!(row.due_on, d("2026-11-25"));
    assert_eq!(row.code, code);
    assert_eq!(row.case_uid, case_uid);
    assert_eq!(row.duty.as_ref().unwrap().of, DutyOf::Dialogue(uid.clone()));

    // The lead time is the catalog's rule (editable data): 7 days from 01/11/2026 moves it.
    let rule = store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.obligation == Obligation::DialogueNotice)
        .unwrap();
    let c = rule_change(
        &rule,
        7,
        tiepdan::domain::deadline::DayBasis::Calendar,
        d("2026-07-01"),
    );
    write(&mut store, &actor, |w| w.change_rule(&rule, &c).map(|_| ()));
    let board = store.board(today(), &cal, 100).unwrap();
    let row = board
        .rows
        .iter()
        .find(|r| r.obligation == Obligation::DialogueNotice)
        .unwrap();
    assert_eq!(row.due_on, d("2026-11-23"));

    // The notice sent: off the board. Held, with its outcome and minutes.
    let mut seen = store.dialogue(&uid).unwrap();
    seen.notice_sent_on = Some(d("2026-11-20"));
    seen.notice_no = "25/TB-UBND".into();
    write(&mut store, &actor, |w| w.save_dialogue(&seen, today()));
    let board = store.board(today(), &cal, 100).unwrap();
    assert!(
        !board
            .rows
            .iter()
            .any(|r| r.obligation == Obligation::DialogueNotice)
    );

    // Another desk's version is refused, not overwritten.
    let stale = seen.clone();
    let mut held = store.dialogue(&uid).unwrap();
    held.held_on = Some(d("2026-11-21"));
    held.participants = vec![
        person("Nguyễn Văn Hùng", ParticipantRole::Presiding, true),
        person("Trần Thị Mai", ParticipantRole::Complainant, true),
        person("Lê Văn Ba", ParticipantRole::Respondent, false),
    ];
    held.said = "Bà Mai trình bày yêu cầu bồi thường thêm.".into();
    held.agreed = "Đo đạc lại diện tích thửa đất.".into();
    held.differ = "Đơn giá bồi thường.".into();
    // Held without its outcome: refused in words.
    let r = store.write(&actor, |w| w.save_dialogue(&held, today()));
    assert!(matches!(r, Err(StoreError::Invalid(_))), "{r:?}");
    held.outcome = Some(DialogueOutcome::Partly);
    held.signed = Some(MinutesSigned::All);
    write(&mut store, &actor, |w| w.save_dialogue(&held, today()));
    let r = store.write(&actor, |w| w.save_dialogue(&stale, today()));
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");

    let kept = store.case_dialogues(&case_uid).unwrap();
    assert_eq!(kept.len(), 1);
    let k = &kept[0];
    assert!(k.held());
    assert_eq!(k.case_code.as_deref(), Some(code.as_str()));
    assert_eq!(k.participants, held.participants);
    assert_eq!(k.people_counted(), 2, "those present");
    assert_eq!(k.outcome, Some(DialogueOutcome::Partly));

    // Counted in the summary of November.
    let r = store
        .period_report(Period::parse("2026-11").unwrap(), today())
        .unwrap();
    assert_eq!(r.figure(Figure::DialoguesComplaint), 1);
    assert_eq!(r.figure(Figure::DialoguesPublic), 0);
    assert_eq!(r.figure(Figure::DialoguePeople), 2);

    // The journal agrees with the book, after reopening it.
    drop(store);
    let store = Store::open(&dir.path().join("so.tiepdan")).unwrap();
    assert!(store.verify_book(None).unwrap().ok());
}

#[test]
fn only_a_complaint_has_a_dialogue_and_a_promise_only_a_public_one() {
    let (_dir, mut store, actor) = book();
    let mut v = draft("Phạm Văn Tố", "001085000102");
    v.petition_type = "kien_nghi".into();
    let visit = save(&mut store, &actor, &valid(&v));
    let code = store.visit_detail(&visit).unwrap().row.case_code.unwrap();
    let uid = store.case_uid_by_code(&code).unwrap().unwrap();
    let mut x = planned(DialogueKind::Complaint, "2026-11-30");
    x.case_uid = Some(uid);
    let r = store.write(&actor, |w| w.save_dialogue(&x, today()));
    assert!(matches!(r, Err(StoreError::Invalid(_))), "{r:?}");
    // A complaint's dialogue names its case.
    let r = store.write(&actor, |w| {
        w.save_dialogue(&planned(DialogueKind::Complaint, "2026-11-30"), today())
    });
    assert!(r.is_err());
    // No promise at a complaint's dialogue.
    let (case_uid, _) = complaint(&mut store, &actor, "Đỗ Thị Hạnh", "001185000103");
    let mut x = planned(DialogueKind::Complaint, "2026-11-30");
    x.case_uid = Some(case_uid);
    let duid = write(&mut store, &actor, |w| w.save_dialogue(&x, today()));
    let p = Promise {
        id: 0,
        uid: String::new(),
        dialogue_uid: duid,
        text: "Trả lời về đơn giá".into(),
        owner: String::new(),
        due_on: d("2026-12-15"),
        answered_on: None,
        answer: String::new(),
        version: 1,
    };
    let r = store.write(&actor, |w| w.save_promise(&p));
    assert!(matches!(r, Err(StoreError::Invalid(_))), "{r:?}");
}

#[test]
fn a_public_dialogues_promises_stay_on_the_board_until_answered_and_are_counted() {
    let (_dir, mut store, actor) = book();
    let mut x = planned(DialogueKind::Public, "2026-11-20");
    x.held_on = Some(d("2026-11-20"));
    x.outcome = Some(DialogueOutcome::Held);
    x.audience = "Hộ dân dự án mở rộng đường Đội Cấn".into();
    x.people = 320;
    x.topics = "Bồi thường, hỗ trợ, tái định cư".into();
    let duid = write(&mut store, &actor, |w| w.save_dialogue(&x, today()));
    let mut ids = vec![];
    for (text, due) in [
        ("Công khai phương án bồi thường", "2026-11-21"),
        ("Trả lời về đơn giá đất ở", "2026-12-10"),
    ] {
        let p = Promise {
            id: 0,
            uid: String::new(),
            dialogue_uid: duid.clone(),
            text: text.into(),
            owner: "Phòng Tài nguyên và Môi trường".into(),
            due_on: d(due),
            answered_on: None,
            answer: String::new(),
            version: 1,
        };
        ids.push(write(&mut store, &actor, |w| w.save_promise(&p)));
    }
    // A promise due before its dialogue is refused.
    let early = Promise {
        id: 0,
        uid: String::new(),
        dialogue_uid: duid.clone(),
        text: "Sớm".into(),
        owner: String::new(),
        due_on: d("2026-11-19"),
        answered_on: None,
        answer: String::new(),
        version: 1,
    };
    assert!(store.write(&actor, |w| w.save_promise(&early)).is_err());

    let cal = store.calendar().unwrap();
    let board = store.board(today(), &cal, 100).unwrap();
    let promised: Vec<_> = board
        .rows
        .iter()
        .filter(|r| r.obligation == Obligation::PromisedAnswer)
        .collect();
    assert_eq!(promised.len(), 2);
    assert_eq!(promised[0].due_on, d("2026-11-21"));
    assert_eq!(board.overdue, 1, "the first was due yesterday");
    assert_eq!(
        promised[0].duty.as_ref().unwrap().of,
        DutyOf::Promise(duid.clone())
    );
    assert_eq!(promised[0].field_name, "Công khai phương án bồi thường");

    // Answered: off the board, counted as given.
    let mut p = store
        .promises(Some(&duid))
        .unwrap()
        .into_iter()
        .find(|p| p.uid == ids[0])
        .unwrap();
    p.answered_on = Some(d("2026-11-21"));
    p.answer = "Đã niêm yết tại nhà văn hóa tổ dân phố".into();
    write(&mut store, &actor, |w| w.save_promise(&p));
    let board = store.board(today(), &cal, 100).unwrap();
    let left: Vec<_> = board
        .rows
        .iter()
        .filter(|r| r.obligation == Obligation::PromisedAnswer)
        .collect();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].due_on, d("2026-12-10"));

    let r = store
        .period_report(Period::parse("2026-11").unwrap(), today())
        .unwrap();
    assert_eq!(r.figure(Figure::DialoguesPublic), 1);
    assert_eq!(r.figure(Figure::DialoguePeople), 320);
    assert_eq!(r.figure(Figure::PromisesMade), 2);
    assert_eq!(r.figure(Figure::PromisesAnswered), 1);
    let text = tiepdan::i18n::report_paragraph(tiepdan::i18n::Lang::Vi, "UBND phường Ba Đình", &r);
    assert!(
        text.contains("tổ chức 01 cuộc đối thoại (0 giải quyết khiếu nại, 01 với Nhân dân) với 320 lượt người tham gia, hẹn trả lời 02 nội dung, đã trả lời 01 nội dung"),
        "{text}"
    );
    // A period whose dialogues promised nothing says nothing of answers.
    let mut none = r.clone();
    for (f, v) in &mut none.summary {
        if matches!(f, Figure::PromisesMade | Figure::PromisesAnswered) {
            *v = 0;
        }
    }
    let text =
        tiepdan::i18n::report_paragraph(tiepdan::i18n::Lang::Vi, "UBND phường Ba Đình", &none);
    assert!(text.contains("với 320 lượt người tham gia"), "{text}");
    assert!(!text.contains("hẹn trả lời"), "{text}");
    // A cancelled dialogue is counted nowhere, and its promises leave the board.
    let mut c = store.dialogue(&duid).unwrap();
    c.cancelled = true;
    write(&mut store, &actor, |w| w.save_dialogue(&c, today()));
    let r = store
        .period_report(Period::parse("2026-11").unwrap(), today())
        .unwrap();
    assert_eq!(r.figure(Figure::DialoguesPublic), 0);
    let board = store.board(today(), &cal, 100).unwrap();
    assert!(
        !board
            .rows
            .iter()
            .any(|r| r.obligation == Obligation::PromisedAnswer)
    );
    assert!(store.verify_book(None).unwrap().ok());
}

fn pdf_text(p: &std::path::Path) -> String {
    pdf_extract::extract_text_from_mem(&std::fs::read(p).unwrap()).unwrap()
}

fn docx_text(p: &std::path::Path) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(p).unwrap()).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        for run in para.split("<w:t").skip(1) {
            let body = run.split_once('>').map(|x| x.1).unwrap_or("");
            out.push_str(body.split("</w:t>").next().unwrap_or(""));
        }
        out.push('\n');
    }
    out
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_minutes_of_a_dialogue_are_filled_from_the_record_and_read_back() {
    use tiepdan::domain::identity::Viewer;
    use tiepdan::domain::paper::{Form, Subject};
    use tiepdan::render::Format;
    use tiepdan::render::make::{Request, applicable, make};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let actor = store_with_officer(&mut store);
    let (case_uid, code) = complaint(&mut store, &actor, "Trần Thị Mai", "001185000104");
    let subject = Subject::Case {
        uid: case_uid.clone(),
    };
    // Planned only: no minutes yet.
    let mut x = planned(DialogueKind::Complaint, "2026-11-20");
    x.case_uid = Some(case_uid.clone());
    let uid = write(&mut store, &actor, |w| w.save_dialogue(&x, today()));
    assert!(
        !applicable(&store, &subject)
            .unwrap()
            .contains(&Form::Dialogue)
    );
    let mut held = store.dialogue(&uid).unwrap();
    held.held_on = Some(d("2026-11-20"));
    held.presiding = "Nguyễn Văn Hùng".into();
    held.participants = vec![
        Participant {
            name: "Nguyễn Văn Hùng".into(),
            role: ParticipantRole::Presiding,
            title: "Chủ tịch UBND phường".into(),
            present: true,
        },
        person("Trần Thị Mai", ParticipantRole::Complainant, true),
        person("Lê Văn Ba", ParticipantRole::Respondent, false),
    ];
    held.said = "Bà Mai đề nghị bồi thường theo giá thị trường.".into();
    held.agreed = "Đo đạc lại diện tích thửa đất số 45.".into();
    held.differ = "Đơn giá bồi thường đất ở.".into();
    held.outcome = Some(DialogueOutcome::Partly);
    held.signed = Some(MinutesSigned::All);
    write(&mut store, &actor, |w| w.save_dialogue(&held, today()));
    assert!(
        applicable(&store, &subject)
            .unwrap()
            .contains(&Form::Dialogue)
    );
    for format in [Format::Pdf, Format::Docx] {
        let r = Request {
            subject: subject.clone(),
            form: Form::Dialogue,
            format,
            out: None,
            book: &path,
            today: today(),
        };
        let made = make(&mut store, &actor, &Viewer::nobody(), &r).unwrap();
        let text = squash(&match format {
            Format::Pdf => pdf_text(&made.path),
            Format::Docx => docx_text(&made.path),
        });
        for needle in [
            "BIÊN BẢN ĐỐI THOẠI",
            "ngày 20 tháng 11 năm 2026",
            "Hội trường UBND phường",
            "Nguyễn Văn Hùng — chủ trì, Chủ tịch UBND phường",
            "Trần Thị Mai — người khiếu nại",
            "Lê Văn Ba — người bị khiếu nại (vắng mặt)",
            "Bà Mai đề nghị bồi thường theo giá thị trường.",
            "Đo đạc lại diện tích thửa đất số 45.",
            "Đơn giá bồi thường đất ở.",
            "Thống nhất một phần",
            &code,
        ] {
            assert!(
                text.contains(&squash(needle)),
                "{format:?}: {needle:?} not in\n{text}"
            );
        }
    }
}

/// At the desk on Sunday 22/11/2026: `y` on a complaint's case opens the dialogue's form;
/// saved, the case shows it and the board owes its notice; the catalog's `y` lists the public
/// dialogues, `n` adds one, `a` an answer promised there, which the board then follows.
/// The form, the case and the list drawn at 80×24 and at the smallest size.
#[test]
fn at_the_desk_a_dialogue_is_recorded_from_its_case_and_a_public_one_from_the_catalog() {
    use ratatui::crossterm::event::KeyCode;
    use tiepdan::app::{Overlay, Pane};
    let mut store = Store::open_in_memory().unwrap();
    let actor = store_with_officer(&mut store);
    let (_, code) = complaint(&mut store, &actor, "Trần Thị Mai", "001185000105");
    let mut app = app_as(store, actor);
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Case(_))));
    app.handle_key(key(KeyCode::Char('y')));
    let Some(Overlay::Entry(_)) = app.overlays.last() else {
        panic!("the dialogue's form: {:?}", app.status)
    };
    type_str(&mut app, "30/11/2026");
    tab(&mut app);
    type_str(&mut app, "08:00");
    tab(&mut app);
    type_str(&mut app, "Hội trường UBND phường");
    tab(&mut app);
    type_str(&mut app, "Chủ tịch UBND phường");
    tab(&mut app);
    tab(&mut app);
    tab(&mut app);
    type_str(
        &mut app,
        "Nguyễn Văn Hùng | chu tri | Chủ tịch; Trần Thị Mai | người khiếu nại; Lê Văn Ba | vai lạ",
    );
    app.handle_key(ctrl('s'));
    // A role the list does not have: the form stays, and says which line.
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the form stays")
    };
    let err = e
        .error_for(tiepdan::app::EntryKey::Participants)
        .unwrap()
        .to_owned();
    assert!(err.contains("Dòng 3"), "{err}");
    insta::assert_snapshot!("dialogue_form_80x24", screen_of(&mut app, 80, 24));
    insta::assert_snapshot!(
        "dialogue_form_small",
        screen_of(&mut app, tiepdan::app::MIN_WIDTH, tiepdan::app::MIN_HEIGHT)
    );
    // The input in error is selected: the corrected line typed replaces it.
    type_str(
        &mut app,
        "Nguyễn Văn Hùng | chu tri | Chủ tịch; Trần Thị Mai | người khiếu nại; Lê Văn Ba | bị khiếu nại (vắng)",
    );
    app.handle_key(ctrl('s'));
    let Some(Overlay::Case(v)) = app.overlays.last() else {
        panic!("back on the case:\n{}", screen_of(&mut app, 120, 30))
    };
    assert_eq!(v.dialogues.len(), 1);
    let dl = &v.dialogues[0];
    assert_eq!(dl.planned_on, d("2026-11-30"));
    assert_eq!(dl.participants.len(), 3);
    assert_eq!(dl.participants[0].role, ParticipantRole::Presiding);
    assert_eq!(dl.participants[2].role, ParticipantRole::Respondent);
    assert!(!dl.participants[2].present);
    let screen = screen_of(&mut app, 80, 24);
    assert!(screen.contains("Đối thoại 30/11/2026 08:00"), "{screen}");
    insta::assert_snapshot!("dialogue_case_80x24", screen);
    // The board owes the notice, due Wednesday 25/11; Enter opens the case.
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('3')));
    assert_eq!(app.pane, Pane::Board);
    let i = app
        .board
        .board
        .rows
        .iter()
        .position(|r| r.obligation == Obligation::DialogueNotice)
        .expect("the notice on the board");
    assert_eq!(app.board.board.rows[i].code, code);
    assert_eq!(app.board.board.rows[i].due_on, d("2026-11-25"));

    // The public dialogues, from the catalog.
    app.handle_key(key(KeyCode::Char('6')));
    app.handle_key(key(KeyCode::Char('y')));
    assert!(matches!(app.overlays.last(), Some(Overlay::Dialogues(_))));
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "20/11/2026");
    for _ in 0..4 {
        tab(&mut app);
    }
    type_str(&mut app, "Hộ dân dự án đường Đội Cấn");
    tab(&mut app);
    tab(&mut app);
    type_str(&mut app, "320");
    tab(&mut app);
    type_str(&mut app, "Bồi thường, tái định cư");
    tab(&mut app);
    type_str(&mut app, "20/11/2026");
    app.handle_key(ctrl('s'));
    let Some(Overlay::Dialogues(v)) = app.overlays.last() else {
        panic!("back on the list: {:?}", app.status)
    };
    assert_eq!(v.lines.len(), 1);
    app.handle_key(key(KeyCode::Char('a')));
    type_str(&mut app, "Trả lời về đơn giá đất ở");
    tab(&mut app);
    tab(&mut app);
    type_str(&mut app, "10/12/2026");
    app.handle_key(ctrl('s'));
    let Some(Overlay::Dialogues(v)) = app.overlays.last() else {
        panic!("back on the list: {:?}", app.status)
    };
    assert_eq!(v.lines.len(), 2);
    assert!(matches!(
        &v.lines[1],
        tiepdan::app::DialogueLine::Promise(p) if p.due_on == d("2026-12-10")
    ));
    insta::assert_snapshot!("dialogues_80x24", screen_of(&mut app, 80, 24));
    insta::assert_snapshot!(
        "dialogues_small",
        screen_of(&mut app, tiepdan::app::MIN_WIDTH, tiepdan::app::MIN_HEIGHT)
    );
    app.handle_key(key(KeyCode::Esc));
    // On the board, the promise is due the day promised; Enter there opens the list.
    app.handle_key(key(KeyCode::Char('3')));
    let i = app
        .board
        .board
        .rows
        .iter()
        .position(|r| r.obligation == Obligation::PromisedAnswer && r.due_on == d("2026-12-10"))
        .expect("the promise on the board");
    app.board.selected = i;
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Dialogues(_))));
    // The notice's row opens its case.
    app.handle_key(key(KeyCode::Esc));
    let i = app
        .board
        .board
        .rows
        .iter()
        .position(|r| r.obligation == Obligation::DialogueNotice)
        .unwrap();
    app.board.selected = i;
    app.handle_key(key(KeyCode::Enter));
    let Some(Overlay::Case(v)) = app.overlays.last() else {
        panic!("the case")
    };
    assert_eq!(v.detail.row.code, code);
}

/// `y` in the queue records the selected case's dialogue, as from the case; on a case of
/// another kind it says why not.
#[test]
fn y_in_the_queue_opens_the_selected_cases_dialogue() {
    use ratatui::crossterm::event::KeyCode;
    use tiepdan::app::{EntryPurpose, Overlay};
    let mut store = Store::open_in_memory().unwrap();
    let actor = store_with_officer(&mut store);
    let (_, code) = complaint(&mut store, &actor, "Trần Thị Mai", "001185000106");
    let mut app = app_as(store, actor);
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Char('y')));
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the form: {:?}", app.status)
    };
    let EntryPurpose::Dialogue { seen } = &e.purpose else {
        panic!("a dialogue's form")
    };
    assert_eq!(seen.case_code.as_deref(), Some(code.as_str()));
    assert_eq!(seen.id, 0, "a new one");
    assert_eq!(seen.planned_on, today());
}

/// A planned dialogue called off from its form (`y` again on the case): kept, its notice off
/// the board; `y` then begins a new one.
#[test]
fn a_planned_dialogue_called_off_leaves_the_board() {
    use ratatui::crossterm::event::KeyCode;
    use tiepdan::app::{EntryKey, EntryPurpose, Overlay};
    let mut store = Store::open_in_memory().unwrap();
    let actor = store_with_officer(&mut store);
    let (case_uid, _) = complaint(&mut store, &actor, "Trần Thị Mai", "001185000107");
    let mut x = planned(DialogueKind::Complaint, "2026-11-30");
    x.case_uid = Some(case_uid.clone());
    write(&mut store, &actor, |w| w.save_dialogue(&x, today()));
    let mut app = app_as(store, actor);
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('y')));
    let Some(Overlay::Entry(e)) = app.overlays.last_mut() else {
        panic!("the form")
    };
    assert!(matches!(&e.purpose, EntryPurpose::Dialogue { seen } if seen.id != 0));
    e.focus_key(EntryKey::Note);
    type_str(&mut app, "Người khiếu nại xin hoãn");
    tab(&mut app);
    type_str(&mut app, "co");
    app.handle_key(ctrl('s'));
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Case(_))),
        "{:?}",
        app.status
    );
    let kept = app.store.case_dialogues(&case_uid).unwrap();
    assert!(kept[0].cancelled);
    assert_eq!(kept[0].note, "Người khiếu nại xin hoãn");
    let cal = app.store.calendar().unwrap();
    let board = app.store.board(today(), &cal, 100).unwrap();
    assert!(
        !board
            .rows
            .iter()
            .any(|r| r.obligation == Obligation::DialogueNotice)
    );
    app.handle_key(key(KeyCode::Char('y')));
    let Some(Overlay::Entry(e)) = app.overlays.last() else {
        panic!("the form")
    };
    assert!(matches!(&e.purpose, EntryPurpose::Dialogue { seen } if seen.id == 0));
}

/// A second dialogue held on one case (continued another day) has minutes of its own, with
/// their own number; reprinting either keeps its number; the case lists both papers.
#[test]
fn each_held_dialogue_of_a_case_has_minutes_with_their_own_number() {
    use tiepdan::domain::identity::Viewer;
    use tiepdan::domain::paper::{Form, Subject};
    use tiepdan::render::Format;
    use tiepdan::render::make::{Request, make};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let actor = store_with_officer(&mut store);
    let (case_uid, _) = complaint(&mut store, &actor, "Trần Thị Mai", "001185000104");
    let subject = Subject::Case {
        uid: case_uid.clone(),
    };
    let hold = |store: &mut Store, on: &str, said: &str| {
        let mut x = planned(DialogueKind::Complaint, on);
        x.case_uid = Some(case_uid.clone());
        let uid = write(store, &actor, |w| w.save_dialogue(&x, today()));
        let mut held = store.dialogue(&uid).unwrap();
        held.held_on = Some(d(on));
        held.said = said.into();
        held.outcome = Some(DialogueOutcome::Partly);
        write(store, &actor, |w| w.save_dialogue(&held, today()));
    };
    let print = |store: &mut Store| {
        let r = Request {
            subject: subject.clone(),
            form: Form::Dialogue,
            format: Format::Pdf,
            out: None,
            book: &path,
            today: today(),
        };
        let made = make(store, &actor, &Viewer::nobody(), &r).unwrap();
        (made.issue.number, made.issue.reprint, pdf_text(&made.path))
    };
    hold(&mut store, "2026-11-18", "Buổi thứ nhất.");
    let (first, reprint, text) = print(&mut store);
    assert_eq!(reprint, None);
    assert!(squash(&text).contains("Buổi thứ nhất."), "{text}");
    assert_eq!(print(&mut store).0, first, "a reprint keeps its number");
    hold(&mut store, "2026-11-20", "Buổi thứ hai.");
    let (second, reprint, text) = print(&mut store);
    assert_ne!(
        second, first,
        "the second dialogue's minutes have their own number"
    );
    assert_eq!(reprint, None, "not a reprint of the first's");
    assert!(squash(&text).contains("Buổi thứ hai."), "{text}");
    let papers = store.papers_of(&subject).unwrap();
    let numbers: Vec<u32> = papers
        .iter()
        .filter(|p| p.form == Form::Dialogue)
        .map(|p| p.number)
        .collect();
    assert_eq!(numbers, [first, second]);
    assert!(store.verify_book(None).unwrap().ok());
}
