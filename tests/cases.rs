//! Cases in the store: the legal transition table enforced twice (domain and SQL triggers),
//! the timeline, phone-readable codes, second rounds, and the upgrade of a version-1 file.

mod common;

use chrono::NaiveDate;
use common::*;
use tiepdan::domain::case::{Action, CaseStatus, CaseType, Outcome, RefusalReason, TRANSITIONS};
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::journal::Entity;
use tiepdan::store::{
    Actor, CaseSource, Intake, NewCase, StepInput, Store, StoreError, VisitInput,
};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// A store (a file, so a test can also write to it directly) with one officer and one visit
/// that opened no case; returns (store, officer, citizen id, visit uid, the file's folder).
fn setup() -> (Store, Actor, i64, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let officer = store_with_officer(&mut store);
    let mut d = draft("Lê Văn Thành", "001085012345");
    d.handling = "huong_dan".into();
    let v = valid(&d);
    let visit = write(&mut store, &officer, |w| {
        w.save_visit(
            &VisitInput {
                visit: &v,
                day: day(20),
                time: "08:30".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &CaseChoice::Ask,
        )
    })
    .uid;
    let citizen = store.visit_detail(&visit).unwrap().citizen_id;
    (store, officer, citizen, visit, dir)
}

/// A direct connection to the book, as someone writing past the app would use.
fn raw(dir: &tempfile::TempDir) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.path().join("book.sqlite3")).unwrap()
}

/// Open a case (from the visit, or a written one forwarded); returns (uid, code).
fn open_case(
    store: &mut Store,
    officer: &Actor,
    t: CaseType,
    citizen: i64,
    visit: Option<String>,
) -> (String, String) {
    let c = new_case(t, visit.is_some());
    let saved = match visit {
        Some(v) => write(store, officer, |w| w.open_case_from_visit(&v, &c)),
        None => write(store, officer, |w| {
            w.take_in(
                &Intake {
                    case_type: c.case_type,
                    citizen_id: citizen,
                    field_code: c.field_code.clone(),
                    summary: c.summary.clone(),
                    source: c.source,
                    forwarded_by: c.forwarded_by.clone(),
                    forwarding_doc: c.forwarding_doc.clone(),
                    forwarder_kind: None,
                    received_on: c.received_on,
                    remote: false,
                    visit_id: None,
                },
                &CaseChoice::OpenNew,
            )
        }),
    };
    (saved.uid, saved.code)
}

/// A step as the officer takes it now.
fn step(
    store: &mut Store,
    officer: &Actor,
    uid: &str,
    a: Action,
    s: &StepInput,
    today: NaiveDate,
) -> Result<Option<String>, StoreError> {
    store.write(officer, |w| w.case_step(uid, None, a, s, today))
}

fn new_case(t: CaseType, from_visit: bool) -> NewCase {
    let visit = from_visit.then_some(());
    NewCase {
        case_type: t,
        field_code: "dat_dai".into(),
        summary: "Khiếu nại quyết định thu hồi đất".into(),
        source: if visit.is_some() {
            CaseSource::Visit
        } else {
            CaseSource::Forwarded
        },
        forwarded_by: if visit.is_some() {
            String::new()
        } else {
            "Ban Tiếp công dân tỉnh".into()
        },
        forwarding_doc: if visit.is_some() {
            String::new()
        } else {
            "123/BTCD".into()
        },
        forwarder_kind: None,
        received_on: day(20),
        remote: false,
    }
}

fn events(store: &Store) -> i64 {
    store
        .inspect_one("SELECT count(*) FROM case_events", [])
        .unwrap()
}

#[test]
fn the_sql_table_is_the_domain_table() {
    let store = Store::open_in_memory().unwrap();
    let mut sql: Vec<(String, String, String)> = store
        .inspect(
            "SELECT from_status, action, to_status FROM case_transitions",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let mut domain: Vec<(String, String, String)> = TRANSITIONS
        .iter()
        .map(|(f, a, t)| {
            (
                f.code().to_owned(),
                a.code().to_owned(),
                t.code().to_owned(),
            )
        })
        .collect();
    sql.sort();
    domain.sort();
    assert_eq!(sql, domain);
}

#[test]
fn codes_count_per_type_and_year() {
    let (mut store, officer, citizen, visit, _dir) = setup();
    let (_, a) = open_case(
        &mut store,
        &officer,
        CaseType::KhieuNai,
        citizen,
        Some(visit),
    );
    let (_, b) = open_case(&mut store, &officer, CaseType::KhieuNai, citizen, None);
    let (_, c) = open_case(&mut store, &officer, CaseType::ToCao, citizen, None);
    assert_eq!(
        (a.as_str(), b.as_str(), c.as_str()),
        ("KN-2026-BD-0001", "KN-2026-BD-0002", "TC-2026-BD-0001")
    );
}

#[test]
fn a_complaint_goes_from_intake_to_resolution_on_its_timeline() {
    let (mut store, officer, citizen, visit, _dir) = setup();
    let (uid, _) = open_case(
        &mut store,
        &officer,
        CaseType::KhieuNai,
        citizen,
        Some(visit),
    );
    assert_eq!(store.field_counts(day(24)).unwrap()[0].open, 1);
    for (a, d) in [
        (Action::ClassifyOwn, 21),
        (Action::Accept, 23),
        (Action::Resolve, 30),
    ] {
        let s = StepInput {
            day: Some(day(d)),
            outcome: (a == Action::Resolve).then_some(Outcome::DungMotPhan),
            document_no: format!("{d}/QĐ-UBND"),
            ..StepInput::default()
        };
        step(&mut store, &officer, &uid, a, &s, day(d)).unwrap();
    }
    let row = store.case_row(&uid).unwrap();
    assert_eq!(row.status, CaseStatus::Resolved);
    let ev = store.case_events(&uid).unwrap();
    let actions: Vec<Action> = ev.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        [
            Action::Open,
            Action::ClassifyOwn,
            Action::Accept,
            Action::Resolve
        ]
    );
    assert_eq!(ev[2].day, day(23));
    assert_eq!(ev[3].outcome, Some(Outcome::DungMotPhan));
    assert_eq!(ev[3].officer_name.as_deref(), Some("Nguyễn Thị Lan"));
    let (acc, res): (String, String) = store
        .inspect(
            "SELECT accepted_on, resolved_on FROM cases WHERE uid = ?1",
            [&uid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()[0]
        .clone();
    assert_eq!((acc.as_str(), res.as_str()), ("2026-11-23", "2026-11-30"));
    assert_eq!(
        store.field_counts(day(24)).unwrap()[0].open,
        0,
        "resolved cases leave the open count"
    );
    assert_eq!(store.journal_of(Entity::Case, &uid).unwrap().len(), 4);
}

#[test]
fn a_step_the_law_does_not_allow_is_refused_and_nothing_is_written() {
    let (mut store, officer, citizen, _, _dir) = setup();
    let (uid, _) = open_case(&mut store, &officer, CaseType::KhieuNai, citizen, None);
    let before = events(&store);
    assert!(
        step(
            &mut store,
            &officer,
            &uid,
            Action::Accept,
            &StepInput::default(),
            day(21)
        )
        .is_err()
    );
    assert!(
        step(
            &mut store,
            &officer,
            &uid,
            Action::Extend,
            &StepInput::default(),
            day(21)
        )
        .is_err()
    );
    step(
        &mut store,
        &officer,
        &uid,
        Action::ClassifyOwn,
        &StepInput::default(),
        day(21),
    )
    .unwrap();
    // A refusal needs a reason of Luật Khiếu nại Art 11.
    assert!(
        step(
            &mut store,
            &officer,
            &uid,
            Action::Refuse,
            &StepInput::default(),
            day(22)
        )
        .is_err()
    );
    let tc_reason = StepInput {
        reason: Some(RefusalReason::ToCaoKhongDuDieuKien),
        ..StepInput::default()
    };
    assert!(
        step(
            &mut store,
            &officer,
            &uid,
            Action::Refuse,
            &tc_reason,
            day(22)
        )
        .is_err()
    );
    assert_eq!(events(&store), before + 1);
    let ok = StepInput {
        reason: Some(RefusalReason::HetThoiHieu),
        ..StepInput::default()
    };
    step(&mut store, &officer, &uid, Action::Refuse, &ok, day(22)).unwrap();
    assert_eq!(store.case_row(&uid).unwrap().status, CaseStatus::Refused);
}

#[test]
fn an_illegal_step_written_directly_in_sql_is_refused() {
    let (mut store, officer, citizen, _, dir) = setup();
    let (uid, _) = open_case(&mut store, &officer, CaseType::KhieuNai, citizen, None);
    let c = raw(&dir);
    let id: i64 = c
        .query_row("SELECT id FROM cases WHERE uid = ?1", [&uid], |r| r.get(0))
        .unwrap();
    // Straight from new to resolved.
    assert!(
        c.execute(
            "UPDATE cases SET status = 'da_giai_quyet' WHERE id = ?1",
            [id]
        )
        .is_err()
    );
    let insert = |from: &str, action: &str, to: &str| {
        c.execute(
            "INSERT INTO case_events (uid, case_id, at, day, action, from_status, to_status)
             VALUES (hex(randomblob(16)), ?1, '2026-11-21T08:00:00', '2026-11-21', ?2, ?3, ?4)",
            rusqlite::params![id, action, from, to],
        )
    };
    assert!(
        insert("moi", "giai_quyet", "da_giai_quyet").is_err(),
        "not in the table"
    );
    assert!(
        insert("cho_thu_ly", "thu_ly", "dang_giai_quyet").is_err(),
        "not the current status"
    );
    assert!(
        insert("moi", "phan_loai_thuoc_tq", "cho_thu_ly").is_ok(),
        "a legal step passes"
    );
    // A case cannot be born resolved, and events and cases are never deleted.
    assert!(c.execute("DELETE FROM case_events", []).is_err());
    assert!(c.execute("DELETE FROM cases", []).is_err());
    assert!(
        c.execute(
            "INSERT INTO cases (uid, code, case_type, year, seq, citizen_id, field_id, summary, status,
                 source, received_on, created_at, updated_at)
             VALUES ('x', 'KN-2026-0999', 'khieu_nai', 2026, 999, ?1, 1, 's', 'da_giai_quyet',
                 'buu_chinh', '2026-11-20', 'now', 'now')",
            [citizen],
        )
        .is_err()
    );
}

/// Luật Tố cáo Art 30(2)–(3): a complex denunciation is extended once; a second time only
/// when especially complex (NĐ 31/2019 Art 3(3)); never a third — in the domain and in SQL.
#[test]
fn a_denunciation_is_extended_at_most_twice_even_in_sql() {
    let (mut store, officer, citizen, _, dir) = setup();
    let (uid, code) = open_case(&mut store, &officer, CaseType::ToCao, citizen, None);
    assert!(code.starts_with("TC-"));
    for a in [
        Action::ClassifyOwn,
        Action::Accept,
        Action::MarkComplex,
        Action::Extend,
    ] {
        step(
            &mut store,
            &officer,
            &uid,
            a,
            &StepInput::default(),
            day(21),
        )
        .unwrap();
    }
    // Complex only: the second extension is refused, with the article.
    let err = step(
        &mut store,
        &officer,
        &uid,
        Action::Extend,
        &StepInput::default(),
        day(21),
    )
    .unwrap_err();
    let text = tiepdan::i18n::store_error(tiepdan::i18n::Lang::Vi, &err);
    assert!(text.contains("Điều 30(3)"), "{text}");
    {
        let c = raw(&dir);
        let id: i64 = c
            .query_row("SELECT id FROM cases WHERE uid = ?1", [&uid], |r| r.get(0))
            .unwrap();
        let direct = c.execute(
            "INSERT INTO case_events (uid, case_id, at, day, action, from_status, to_status)
             VALUES ('e2', ?1, 'now', '2026-11-21', 'gia_han', 'dang_giai_quyet', 'dang_giai_quyet')",
            [id],
        );
        assert!(
            direct.is_err(),
            "a second extension of a merely complex case written directly is refused"
        );
    }
    for a in [Action::MarkVeryComplex, Action::Extend] {
        step(
            &mut store,
            &officer,
            &uid,
            a,
            &StepInput::default(),
            day(21),
        )
        .unwrap();
    }
    assert!(
        step(
            &mut store,
            &officer,
            &uid,
            Action::Extend,
            &StepInput::default(),
            day(21)
        )
        .is_err()
    );
    let c = raw(&dir);
    let id: i64 = c
        .query_row("SELECT id FROM cases WHERE uid = ?1", [&uid], |r| r.get(0))
        .unwrap();
    let direct = c.execute(
        "INSERT INTO case_events (uid, case_id, at, day, action, from_status, to_status)
         VALUES ('e3', ?1, 'now', '2026-11-21', 'gia_han', 'dang_giai_quyet', 'dang_giai_quyet')",
        [id],
    );
    assert!(
        direct.is_err(),
        "a third extension written directly is refused"
    );
}

#[test]
fn a_resolved_complaint_reopens_as_a_linked_second_round() {
    let (mut store, officer, citizen, visit, _dir) = setup();
    let (uid, _) = open_case(
        &mut store,
        &officer,
        CaseType::KhieuNai,
        citizen,
        Some(visit),
    );
    step(
        &mut store,
        &officer,
        &uid,
        Action::ClassifyOwn,
        &StepInput::default(),
        day(21),
    )
    .unwrap();
    step(
        &mut store,
        &officer,
        &uid,
        Action::Accept,
        &StepInput::default(),
        day(21),
    )
    .unwrap();
    let s = StepInput {
        outcome: Some(Outcome::Sai),
        ..StepInput::default()
    };
    step(&mut store, &officer, &uid, Action::Resolve, &s, day(25)).unwrap();
    let code = step(
        &mut store,
        &officer,
        &uid,
        Action::Reopen,
        &StepInput::default(),
        day(27),
    )
    .unwrap()
    .unwrap();
    assert_eq!(code, "KN-2026-BD-0002");
    let (round, prev): (u8, i64) = store
        .inspect(
            "SELECT round, previous_case_id FROM cases WHERE code = ?1",
            [&code],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()[0];
    let first: i64 = store
        .inspect_one("SELECT id FROM cases WHERE uid = ?1", [&uid])
        .unwrap();
    assert_eq!((round, prev), (2, first));
    assert!(
        step(
            &mut store,
            &officer,
            &uid,
            Action::Reopen,
            &StepInput::default(),
            day(28)
        )
        .is_err(),
        "once"
    );
    assert_eq!(store.open_cases_of(citizen, "dat_dai").unwrap().len(), 1);
}

#[test]
fn a_version_1_database_upgrades_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite3");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/v1-foundation.sqlite3"
        ),
        &path,
    )
    .unwrap();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1, "the fixture was made by the foundation version");
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        tiepdan::store::LATEST_VERSION
    );
    assert_eq!(store.visit_count().unwrap(), 1);
    let first = store.officers().unwrap()[0].id;
    let officer = common::sign_in_or_set(&mut store, first);
    let citizen: i64 = store.inspect_one("SELECT id FROM citizens", []).unwrap();
    let (_, code) = open_case(&mut store, &officer, CaseType::KhieuNai, citizen, None);
    // The upgrade gave the book a desk code of its own, now part of every new code.
    let desk = store.desk_code().unwrap();
    assert_eq!(desk.len(), 2, "{desk}");
    assert_eq!(code, format!("KN-2026-{desk}-0001"));
}
