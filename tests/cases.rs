//! Cases in the store: the legal transition table enforced twice (domain and SQL triggers),
//! the timeline, phone-readable codes, second rounds, and the upgrade of a version-1 file.

mod common;

use chrono::NaiveDate;
use common::*;
use tiepdan::domain::case::{Action, CaseStatus, CaseType, Outcome, RefusalReason, TRANSITIONS};
use tiepdan::store::{CaseSource, NewCase, StepInput, Store, VisitInput};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// A store with one officer and one visit; returns (store, officer, citizen id, visit uid).
fn setup() -> (Store, i64, i64, String) {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let v = valid(&draft("Lê Văn Thành", "001085012345"));
    let visit = store
        .save_visit(
            officer,
            &VisitInput {
                visit: &v,
                day: day(20),
                time: "08:30".into(),
                citizen_id: None,
            },
        )
        .unwrap();
    let citizen = store.visit_detail(&visit).unwrap().citizen_id;
    (store, officer, citizen, visit)
}

fn new_case(t: CaseType, citizen: i64, visit: Option<String>) -> NewCase {
    NewCase {
        case_type: t,
        citizen_id: citizen,
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
        received_on: day(20),
        remote: false,
        visit_uid: visit,
    }
}

fn events(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM case_events", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_sql_table_is_the_domain_table() {
    let store = Store::open_in_memory().unwrap();
    let mut stmt = store
        .conn()
        .prepare("SELECT from_status, action, to_status FROM case_transitions")
        .unwrap();
    let mut sql: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
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
    let (mut store, officer, citizen, visit) = setup();
    let (_, a) = store
        .open_case(officer, &new_case(CaseType::KhieuNai, citizen, Some(visit)))
        .unwrap();
    let (_, b) = store
        .open_case(officer, &new_case(CaseType::KhieuNai, citizen, None))
        .unwrap();
    let (_, c) = store
        .open_case(officer, &new_case(CaseType::ToCao, citizen, None))
        .unwrap();
    assert_eq!(
        (a.as_str(), b.as_str(), c.as_str()),
        ("KN-2026-0001", "KN-2026-0002", "TC-2026-0001")
    );
}

#[test]
fn a_complaint_goes_from_intake_to_resolution_on_its_timeline() {
    let (mut store, officer, citizen, visit) = setup();
    let (uid, _) = store
        .open_case(officer, &new_case(CaseType::KhieuNai, citizen, Some(visit)))
        .unwrap();
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
        store.case_step(officer, &uid, a, &s, day(d)).unwrap();
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
        .conn()
        .query_row(
            "SELECT accepted_on, resolved_on FROM cases WHERE uid = ?1",
            [&uid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((acc.as_str(), res.as_str()), ("2026-11-23", "2026-11-30"));
    assert_eq!(
        store.field_counts(day(24)).unwrap()[0].open,
        0,
        "resolved cases leave the open count"
    );
    assert_eq!(store.audit_of("cases", &uid).unwrap().len(), 4);
}

#[test]
fn a_step_the_law_does_not_allow_is_refused_and_nothing_is_written() {
    let (mut store, officer, citizen, _) = setup();
    let (uid, _) = store
        .open_case(officer, &new_case(CaseType::KhieuNai, citizen, None))
        .unwrap();
    let before = events(&store);
    assert!(
        store
            .case_step(
                officer,
                &uid,
                Action::Accept,
                &StepInput::default(),
                day(21)
            )
            .is_err()
    );
    assert!(
        store
            .case_step(
                officer,
                &uid,
                Action::Extend,
                &StepInput::default(),
                day(21)
            )
            .is_err()
    );
    store
        .case_step(
            officer,
            &uid,
            Action::ClassifyOwn,
            &StepInput::default(),
            day(21),
        )
        .unwrap();
    // A refusal needs a reason of Luật Khiếu nại Art 11.
    assert!(
        store
            .case_step(
                officer,
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
        store
            .case_step(officer, &uid, Action::Refuse, &tc_reason, day(22))
            .is_err()
    );
    assert_eq!(events(&store), before + 1);
    let ok = StepInput {
        reason: Some(RefusalReason::HetThoiHieu),
        ..StepInput::default()
    };
    store
        .case_step(officer, &uid, Action::Refuse, &ok, day(22))
        .unwrap();
    assert_eq!(store.case_row(&uid).unwrap().status, CaseStatus::Refused);
}

#[test]
fn an_illegal_step_written_directly_in_sql_is_refused() {
    let (mut store, officer, citizen, _) = setup();
    let (uid, _) = store
        .open_case(officer, &new_case(CaseType::KhieuNai, citizen, None))
        .unwrap();
    let c = store.conn();
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

#[test]
fn a_denunciation_is_extended_at_most_twice_even_in_sql() {
    let (mut store, officer, citizen, _) = setup();
    let (uid, code) = store
        .open_case(officer, &new_case(CaseType::ToCao, citizen, None))
        .unwrap();
    assert!(code.starts_with("TC-"));
    for a in [
        Action::ClassifyOwn,
        Action::Accept,
        Action::MarkComplex,
        Action::Extend,
        Action::Extend,
    ] {
        store
            .case_step(officer, &uid, a, &StepInput::default(), day(21))
            .unwrap();
    }
    assert!(
        store
            .case_step(
                officer,
                &uid,
                Action::Extend,
                &StepInput::default(),
                day(21)
            )
            .is_err()
    );
    let id: i64 = store
        .conn()
        .query_row("SELECT id FROM cases WHERE uid = ?1", [&uid], |r| r.get(0))
        .unwrap();
    let direct = store.conn().execute(
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
    let (mut store, officer, citizen, visit) = setup();
    let (uid, _) = store
        .open_case(officer, &new_case(CaseType::KhieuNai, citizen, Some(visit)))
        .unwrap();
    store
        .case_step(
            officer,
            &uid,
            Action::ClassifyOwn,
            &StepInput::default(),
            day(21),
        )
        .unwrap();
    store
        .case_step(
            officer,
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
    store
        .case_step(officer, &uid, Action::Resolve, &s, day(25))
        .unwrap();
    let code = store
        .case_step(
            officer,
            &uid,
            Action::Reopen,
            &StepInput::default(),
            day(27),
        )
        .unwrap()
        .unwrap();
    assert_eq!(code, "KN-2026-0002");
    let (round, prev): (u8, i64) = store
        .conn()
        .query_row(
            "SELECT round, previous_case_id FROM cases WHERE code = ?1",
            [&code],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let first: i64 = store
        .conn()
        .query_row("SELECT id FROM cases WHERE uid = ?1", [&uid], |r| r.get(0))
        .unwrap();
    assert_eq!((round, prev), (2, first));
    assert!(
        store
            .case_step(
                officer,
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
    let officer = store.officers().unwrap()[0].id;
    let citizen: i64 = store
        .conn()
        .query_row("SELECT id FROM citizens", [], |r| r.get(0))
        .unwrap();
    let (_, code) = store
        .open_case(officer, &new_case(CaseType::KhieuNai, citizen, None))
        .unwrap();
    assert_eq!(code, "KN-2026-0001");
}
