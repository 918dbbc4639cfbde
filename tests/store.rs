//! Store tests on real SQLite files in temp dirs: open/refuse, pragmas, migrations, writes,
//! audit, repeat citizens, counters, drafts, concurrent writers.

mod common;

use common::*;
use rusqlite::Connection;
use tiepdan::store::{APPLICATION_ID, LATEST_VERSION, OpenError, Store, VisitInput};

fn input(v: &tiepdan::domain::visit::ValidVisit) -> VisitInput<'_> {
    VisitInput {
        visit: v,
        day: today(),
        time: "08:30".into(),
        citizen_id: None,
    }
}

#[test]
fn a_new_file_is_created_with_safe_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/tiepdan.sqlite3");
    let store = Store::open(&path).unwrap();
    let c = store.conn();
    let q = |sql: &str| {
        c.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
            .unwrap()
    };
    assert_eq!(
        q("PRAGMA journal_mode"),
        rusqlite::types::Value::Text("wal".into())
    );
    assert_eq!(q("PRAGMA foreign_keys"), rusqlite::types::Value::Integer(1));
    assert_eq!(q("PRAGMA synchronous"), rusqlite::types::Value::Integer(2));
    assert_eq!(
        q("PRAGMA application_id"),
        rusqlite::types::Value::Integer(APPLICATION_ID as i64)
    );
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    let v = valid(&draft("Trần Văn Đức", "001085012345"));
    store.save_visit(officer, &input(&v)).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    let rows = store.visits_on(today()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].citizen_name, "Trần Văn Đức");
    assert_eq!(store.unit_name().unwrap(), "UBND phường Ba Đình");
}

#[test]
fn a_non_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let bytes = "Sổ tiếp công dân — not a database\n".repeat(200);
    std::fs::write(&path, &bytes).unwrap();
    assert!(matches!(Store::open(&path), Err(OpenError::NotSqlite(_))));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bytes);
    assert!(!dir.path().join("notes.txt-wal").exists());
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite3");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(Store::open(&path), Err(OpenError::NotTiepdan(_))));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(
        !dir.path().join("other.sqlite3-wal").exists(),
        "journal mode was not changed"
    );
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    drop(Store::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(OpenError::TooNew {
            found, supported, ..
        }) => {
            assert_eq!((found, supported), (LATEST_VERSION + 1, LATEST_VERSION));
        }
        Err(other) => panic!("unexpected {other:?}"),
        Ok(_) => panic!("unexpected success"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn an_empty_file_becomes_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn fields_are_seeded_with_report_columns_land_first() {
    let store = Store::open_in_memory().unwrap();
    let f = store.fields().unwrap();
    let names: Vec<&str> = f.iter().take(3).map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Đất đai",
            "Đền bù – giải phóng mặt bằng",
            "Quy hoạch – xây dựng"
        ]
    );
    assert!(f.iter().all(|f| !f.report_column.is_empty()));
    assert_eq!(f.len(), 8);
}

#[test]
fn saving_a_visit_writes_citizen_session_visit_and_audit() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let before = store.audit_count().unwrap();
    let v = valid(&draft("Lê Thị Hoa", "079303001234"));
    let uid = store.save_visit(officer, &input(&v)).unwrap();
    // citizen, session, visit
    assert_eq!(store.audit_count().unwrap(), before + 3);
    let trail = store.audit_of("visits", &uid).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "insert");
    assert_eq!(trail[0].officer_id, Some(officer));
    assert_eq!(
        trail[0].after.as_ref().unwrap()["content"],
        "Khiếu nại quyết định thu hồi đất"
    );
    let detail = store.visit_detail(&uid).unwrap();
    assert_eq!(detail.id_number.as_deref(), Some("079303001234"));
    assert_eq!(detail.phone.as_deref(), Some("0912345678"));
    assert_eq!(uuid::Uuid::parse_str(&uid).unwrap().get_version_num(), 7);
}

#[test]
fn updating_a_visit_audits_before_and_after() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let mut d = draft("Lê Thị Hoa", "079303001234");
    let uid = store.save_visit(officer, &input(&valid(&d))).unwrap();
    d.content = "Khiếu nại việc bồi thường khi thu hồi đất".into();
    store
        .update_visit(officer, &uid, &input(&valid(&d)))
        .unwrap();
    let trail = store.audit_of("visits", &uid).unwrap();
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[1].action, "update");
    assert_eq!(
        trail[1].before.as_ref().unwrap()["content"],
        "Khiếu nại quyết định thu hồi đất"
    );
    assert_eq!(
        trail[1].after.as_ref().unwrap()["content"],
        "Khiếu nại việc bồi thường khi thu hồi đất"
    );
    // An update that changes nothing writes no audit row.
    store
        .update_visit(officer, &uid, &input(&valid(&d)))
        .unwrap();
    assert_eq!(store.audit_of("visits", &uid).unwrap().len(), 2);
}

#[test]
fn a_returning_citizen_is_the_same_citizen() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let first = valid(&draft("Phạm Văn Đạt", "001085012345"));
    store
        .save_visit(
            officer,
            &VisitInput {
                visit: &first,
                day: common::today().pred_opt().unwrap(),
                time: "09:00".into(),
                citizen_id: None,
            },
        )
        .unwrap();
    // Same ID, name typed decomposed and without the address: recognized, nothing lost.
    let mut d = draft("Pha\u{323}m Va\u{306}n \u{110}a\u{323}t", "001 085 012 345");
    d.address.clear();
    let m = store
        .find_citizen(Some("001085012345"), "Phạm Văn Đạt", None)
        .unwrap()
        .unwrap();
    assert_eq!(m.visits, 1);
    assert_eq!(m.last_visit, Some(common::today().pred_opt().unwrap()));
    store.save_visit(officer, &input(&valid(&d))).unwrap();
    assert_eq!(store.citizen_count().unwrap(), 1);
    let c = store.citizen(m.id).unwrap().unwrap();
    assert_eq!(c.full_name, "Phạm Văn Đạt");
    assert_eq!(c.address, "Số 12 phố Đội Cấn, phường Ba Đình");
}

#[test]
fn a_name_typed_without_diacritics_keeps_the_accented_one() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    store
        .save_visit(
            officer,
            &input(&valid(&draft("Trần Văn Đức", "001085012345"))),
        )
        .unwrap();
    let uid = store
        .save_visit(
            officer,
            &input(&valid(&draft("Tran Van Duc", "001085012345"))),
        )
        .unwrap();
    assert_eq!(
        store.visit_detail(&uid).unwrap().row.citizen_name,
        "Trần Văn Đức"
    );
    // A real correction (different letters) is taken.
    let uid = store
        .save_visit(
            officer,
            &input(&valid(&draft("Trần Văn Đúc", "001085012345"))),
        )
        .unwrap();
    assert_eq!(
        store.visit_detail(&uid).unwrap().row.citizen_name,
        "Trần Văn Đúc"
    );
}

#[test]
fn name_and_phone_recognize_a_citizen_without_id() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let d = draft("Đỗ Thị Hà", "");
    store.save_visit(officer, &input(&valid(&d))).unwrap();
    let m = store
        .find_citizen(None, "DO THI HA", Some("0912345678"))
        .unwrap();
    assert!(m.is_some(), "folded name + phone match");
    assert!(
        store
            .find_citizen(None, "Đỗ Thị Hà", Some("0987654321"))
            .unwrap()
            .is_none()
    );
}

#[test]
fn audit_is_append_only_and_citizens_are_never_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    store
        .save_visit(
            officer,
            &input(&valid(&draft("Vũ Văn Nam", "001085012345"))),
        )
        .unwrap();
    let c = store.conn();
    assert!(c.execute("UPDATE audit SET action = 'x'", []).is_err());
    assert!(c.execute("DELETE FROM audit", []).is_err());
    assert!(c.execute("DELETE FROM citizens", []).is_err());
    assert!(c.execute("DELETE FROM visits", []).is_err());
    assert_eq!(store.citizen_count().unwrap(), 1);
}

#[test]
fn day_counters_count_sessions_people_groups_and_petitions() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    store
        .save_visit(
            officer,
            &input(&valid(&draft("Hoàng Văn Em", "001085012345"))),
        )
        .unwrap();
    let mut g = draft("Bùi Thị Gấm", "001185012346");
    g.people = "12".into();
    g.representatives = "Bùi Thị Gấm; Ngô Văn Hải".into();
    g.form = "dinh_ky".into();
    g.presiding = "Chủ tịch Lê Văn Hùng".into();
    g.petitions = "2".into();
    store.save_visit(officer, &input(&valid(&g))).unwrap();
    let c = store.day_counters(today(), 5).unwrap();
    assert_eq!(
        (c.sessions, c.visits, c.people, c.groups, c.petitions),
        (2, 2, 13, 1, 3)
    );
    let rows = store.visits_on(today()).unwrap();
    assert_eq!(rows[1].representatives, ["Bùi Thị Gấm", "Ngô Văn Hải"]);
}

#[test]
fn drafts_are_saved_replaced_and_cleared() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    store
        .save_draft(officer, "visit_form", "{\"full_name\":\"A\"}")
        .unwrap();
    store
        .save_draft(officer, "visit_form", "{\"full_name\":\"B\"}")
        .unwrap();
    assert_eq!(
        store.load_draft(officer, "visit_form").unwrap().as_deref(),
        Some("{\"full_name\":\"B\"}")
    );
    store.clear_draft(officer, "visit_form").unwrap();
    assert_eq!(store.load_draft(officer, "visit_form").unwrap(), None);
}

#[test]
fn two_officers_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite3");
    let officer = {
        let mut s = Store::open(&path).unwrap();
        store_with_officer(&mut s)
    };
    let handles: Vec<_> = (0..2)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for i in 0..25 {
                    let id = format!("0010850{t}{i:04}");
                    let v = valid(&draft(&format!("Công dân {t}-{i}"), &id));
                    store.save_visit(officer, &input(&v)).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.visit_count().unwrap(), 50);
    assert_eq!(store.citizen_count().unwrap(), 50);
}
