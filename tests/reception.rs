//! Reception at the desk (issue 29) on a real book file: the citizen's requests and the
//! account read back (Luật TCD Art 25(2), 30(1)); a refusal (Luật TCD Art 9; NĐ 154/2026
//! Art 4, UNVERIFIED) with its ground, its written notice due on the board (3 working days,
//! Art 4(3)) until recorded, journaled, and counted in no table of TT 06/2025 — only in the
//! summary.

mod common;

use chrono::NaiveDate;
use common::*;
use tiepdan::domain::deadline::Obligation;
use tiepdan::domain::refusal::RefusalGround;
use tiepdan::domain::report::{Figure, Period};
use tiepdan::domain::visit::{AccountRead, Handling};
use tiepdan::i18n::Lang;
use tiepdan::store::{Actor, Store, VisitInput};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn book() -> (tempfile::TempDir, Store, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("so.tiepdan")).unwrap();
    let actor = store_with_officer(&mut store);
    (dir, store, actor)
}

/// Save a visit typed on `day` (dd/mm/yyyy) at 09:00.
fn save_on(store: &mut Store, actor: &Actor, draft: &tiepdan::domain::visit::VisitDraft) -> String {
    let v = valid(draft);
    let day = v.day;
    write(store, actor, |w| {
        w.save_visit(
            &VisitInput {
                visit: &v,
                day,
                time: "09:00".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &tiepdan::domain::intake::CaseChoice::OpenNew,
        )
    })
    .uid
}

fn refusal(name: &str, id: &str, ground: &str, day: &str) -> tiepdan::domain::visit::VisitDraft {
    let mut r = draft(name, id);
    r.handling = "tu_choi".into();
    r.refusal_ground = ground.into();
    r.people = "2".into();
    r.petitions = "0".into();
    r.day = day.into();
    r.content = "Tiếp tục khiếu nại quyết định đã giải quyết đúng".into();
    r
}

#[test]
fn the_requests_and_the_account_read_back_are_kept_and_shown() {
    let (_dir, mut store, actor) = book();
    let mut v = draft("Lê Thị Hoa", "001085000111");
    v.requests = "Đề nghị hủy Quyết định số 12/QĐ-UBND".into();
    v.account_read = "diem_chi".into();
    let uid = save(&mut store, &actor, &valid(&v));
    let detail = store.visit_detail(&uid).unwrap();
    assert_eq!(detail.requests, "Đề nghị hủy Quyết định số 12/QĐ-UBND");
    assert_eq!(detail.account_read, Some(AccountRead::Fingerprinted));
    assert_eq!(detail.refusal_ground, None);
    // The edit form gets them back as typed.
    let draft = detail
        .to_draft(&tiepdan::domain::identity::Viewer::nobody())
        .unwrap();
    assert_eq!(draft.requests, v.requests);
    assert_eq!(draft.account_read, "diem_chi");
    // The sổ's Nội dung column carries them (the layout has no column of its own).
    let mut lines = vec![];
    store
        .book_lines::<tiepdan::store::StoreError>(today(), today(), |l| {
            lines.push(l);
            Ok(())
        })
        .unwrap();
    assert_eq!(lines[0].requests, v.requests);
    // The journal holds the new fields and check agrees with the book.
    assert!(store.verify_book(None).unwrap().ok());
}

#[test]
fn a_refusal_owes_its_notice_on_the_board_until_it_is_recorded() {
    let (_dir, mut store, actor) = book();
    // Wednesday 18/11/2026, Art 9(3): the written notice within 03 working days (NĐ 154/2026
    // Art 4(3)) → Thu 19, Fri 20, Mon 23/11.
    let uid = save_on(
        &mut store,
        &actor,
        &refusal("Phạm Văn Tú", "001085000222", "tcd9_3", "18/11/2026"),
    );
    // Art 9(1) is explained in person: no notice, nothing on the board.
    let _other = save_on(
        &mut store,
        &actor,
        &refusal("Vũ Văn Say", "001085000333", "tcd9_1", "18/11/2026"),
    );
    let detail = store.visit_detail(&uid).unwrap();
    assert_eq!(detail.row.handling, Handling::TuChoi);
    assert_eq!(detail.refusal_ground, Some(RefusalGround::Persistent));
    assert!(detail.refusal_notice_owed());
    assert_eq!(detail.row.case_code, None, "a refusal opens no case");
    let cal = store.calendar().unwrap();
    let board = store.board(today(), &cal, 100).unwrap();
    let duties: Vec<_> = board.rows.iter().filter(|r| r.duty.is_some()).collect();
    assert_eq!(duties.len(), 1, "{:?}", board.rows);
    assert_eq!(duties[0].obligation, Obligation::RefusalNotice);
    assert_eq!(duties[0].due_on, d("2026-11-23"));
    assert_eq!(duties[0].duty.as_ref().unwrap().visit_uid, uid);
    assert_eq!(board.within3, 1);
    // A notice is never dated before the refusal, nor after today.
    let version = detail.row.version;
    let early = store.write(&actor, |w| {
        w.record_refusal_notice(&uid, version, d("2026-11-17"), today())
    });
    assert!(early.is_err());
    write(&mut store, &actor, |w| {
        w.record_refusal_notice(&uid, version, d("2026-11-20"), today())
    });
    let detail = store.visit_detail(&uid).unwrap();
    assert_eq!(detail.refusal_notice_on, Some(d("2026-11-20")));
    assert!(!detail.refusal_notice_owed());
    let board = store.board(today(), &cal, 100).unwrap();
    assert!(board.rows.iter().all(|r| r.duty.is_none()));
    assert_eq!(board.within3, 0);
    // A visit that is not such a refusal owes none.
    let plain = save(
        &mut store,
        &actor,
        &valid(&draft("Hồ Văn Cư", "001085000444")),
    );
    let v = store.visit_detail(&plain).unwrap().row.version;
    assert!(
        store
            .write(&actor, |w| w.record_refusal_notice(
                &plain,
                v,
                today(),
                today()
            ))
            .is_err()
    );
    assert!(store.verify_book(None).unwrap().ok());
}

/// Before 01/7/2026 no rule gives the notice a time limit (TT 06/2014 Art 4): nothing on the
/// board, the visit still says the notice is owed.
#[test]
fn a_refusal_before_the_decree_has_no_due_date() {
    let (_dir, mut store, actor) = book();
    let uid = save_on(
        &mut store,
        &actor,
        &refusal("Đinh Văn Khoa", "001085000555", "tcd9_3", "15/06/2026"),
    );
    assert!(store.visit_detail(&uid).unwrap().refusal_notice_owed());
    let cal = store.calendar().unwrap();
    assert!(store.visit_duties(&cal).unwrap().is_empty());
}

/// A refused person is logged, not received: every cell of TT 06/2025's tables is what it is
/// without the refusal; the summary counts it (lượt and người) and says it.
#[test]
fn a_refusal_is_counted_in_no_table_and_in_the_summary() {
    let (_dir, mut store, actor) = book();
    let mut received = draft("Ngô Văn Lợi", "001085000666");
    received.day = "18/11/2026".into();
    received.handling = "huong_dan".into();
    save_on(&mut store, &actor, &received);
    let period = Period::parse("2026-11").unwrap();
    let before = store.period_report(period, today()).unwrap();
    // The same citizen refused later the same day (same matter): neither the first/repeat
    // mark nor any matter moves.
    let mut again = refusal("Ngô Văn Lợi", "001085000666", "tcd9_2", "18/11/2026");
    again.content = received.content.clone();
    save_on(&mut store, &actor, &again);
    let after = store.period_report(period, today()).unwrap();
    assert_eq!(before.tables.len(), after.tables.len());
    for (a, b) in before.tables.iter().zip(&after.tables) {
        for (x, y) in a.cells.iter().zip(&b.cells) {
            assert_eq!(x.value, y.value, "{} ({})", a.form.code(), x.no);
        }
    }
    assert_eq!(after.figure(Figure::Visits), before.figure(Figure::Visits));
    assert_eq!(after.figure(Figure::Refused), 1);
    assert_eq!(after.figure(Figure::RefusedPeople), 2);
    assert_eq!(before.figure(Figure::Refused), 0);
    let text = tiepdan::i18n::report_paragraph(Lang::Vi, "UBND phường Ba Đình", &after);
    assert!(text.contains("từ chối tiếp 01 lượt (02 người)"), "{text}");
    let text = tiepdan::i18n::report_paragraph(Lang::Vi, "UBND phường Ba Đình", &before);
    assert!(!text.contains("từ chối tiếp"), "{text}");
}

/// A book journaled before 0027 (version 18) is upgraded in place: its visits restated with
/// their new fields and the new duty rules entered in the journal, so `check` agrees.
#[test]
fn a_journaled_book_upgrades_and_checks() {
    let (dir, mut store, actor) = book();
    save(
        &mut store,
        &actor,
        &valid(&draft("Tạ Văn Bền", "001085000777")),
    );
    drop(store);
    let path = dir.path().join("so.tiepdan");
    {
        // Back to the version before 0027, as a book of that version is (the visits' new
        // columns are rebuilt by the upgrade; its rules were not there).
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "PRAGMA foreign_keys = OFF;
             DELETE FROM deadline_rules WHERE obligation IN
               ('thong_bao_tu_choi', 'niem_yet_lich', 'thong_bao_doi_thoai');
             DROP TABLE reception_plans;
             DROP TABLE reception_days;
             PRAGMA user_version = 18;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let rules = store.deadline_rules().unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r.obligation == Obligation::RefusalNotice)
    );
    let check = store.verify_book(None).unwrap();
    assert!(check.ok(), "{check:?}");
}
