//! Store tests on real SQLite files in temp dirs: open/refuse, pragmas, migrations, writes,
//! audit, repeat citizens, counters, drafts, concurrent writers.

mod common;

use common::*;
use rusqlite::Connection;
use tiepdan::domain::identity::{Place, Viewer};
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::store::{
    APPLICATION_ID, Create, LATEST_VERSION, OpenError, Store, StoreError, VisitInput,
};

/// A name as an officer who revealed nothing sees it.
fn shown(p: &tiepdan::domain::identity::Person) -> String {
    Viewer::nobody().name_of(p).unwrap_or("<masked>").to_owned()
}

#[test]
fn a_new_file_is_created_with_safe_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/tiepdan.sqlite3");
    let store = Store::open(&path).unwrap();
    let q = |sql: &str| {
        store
            .inspect_one::<rusqlite::types::Value>(sql, [])
            .unwrap()
    };
    assert_eq!(
        q("SELECT * FROM pragma_journal_mode"),
        rusqlite::types::Value::Text("wal".into())
    );
    assert_eq!(
        q("SELECT * FROM pragma_foreign_keys"),
        rusqlite::types::Value::Integer(1)
    );
    assert_eq!(
        q("SELECT * FROM pragma_synchronous"),
        rusqlite::types::Value::Integer(2)
    );
    assert_eq!(
        q("SELECT * FROM pragma_application_id"),
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
    save(&mut store, &officer, &v);
    drop(store);
    let store = Store::open(&path).unwrap();
    let rows = store.visits_on(today()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(shown(&rows[0].citizen), "Trần Văn Đức");
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

/// A book is made only where no file is: an empty file is refused, even when creating was
/// asked for (issue 22.6; more in `tests/book_file.rs`).
#[test]
fn an_empty_file_is_never_made_a_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite3");
    std::fs::write(&path, b"").unwrap();
    for create in [Create::No, Create::IfMissing] {
        assert!(matches!(
            Store::open_with(&path, create),
            Err(OpenError::NoBook(_))
        ));
    }
    assert_eq!(std::fs::read(&path).unwrap(), b"");
}

#[test]
fn a_missing_book_is_not_created_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/x.sqlite3");
    assert!(matches!(
        Store::open_with(&path, Create::No),
        Err(OpenError::Missing(_))
    ));
    assert!(!dir.path().join("no").exists(), "no folder was made");
    assert!(matches!(
        Store::open_read_only(&path),
        Err(OpenError::Missing(_))
    ));
    assert!(!dir.path().join("no").exists());
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
            "Bồi thường, hỗ trợ, tái định cư",
            "Quy hoạch – xây dựng"
        ]
    );
    assert!(f.iter().all(|f| !f.report_column.is_empty()));
    assert_eq!(f.len(), 8);
}

#[test]
fn saving_a_visit_writes_citizen_session_visit_and_their_entries() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let before = store.journal_len().unwrap();
    let v = valid(&draft("Lê Thị Hoa", "079303001234"));
    let saved = write(&mut store, &officer, |w| {
        w.save_visit(&input(&v), &CaseChoice::Ask)
    });
    let uid = saved.uid;
    // citizen, session, visit, and in the same transaction the case of a thụ lý visit, its
    // link to the visit and its first step: one entry each
    assert_eq!(store.journal_len().unwrap(), before + 6);
    let case = saved.case.expect("a thụ lý visit opens its case");
    assert_eq!(case.code, "KN-2026-BD-0001");
    assert!(!case.joined);
    let trail = store.journal_of(Entity::Visit, &uid).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].op, Op::Create);
    assert_eq!(trail[0].officer.as_deref(), Some(officer.uid()));
    assert_eq!(
        trail[0].after["content"],
        "Khiếu nại quyết định thu hồi đất"
    );
    // References are the other records' uids, never local row ids.
    let citizen = store.visit_detail(&uid).unwrap().citizen_uid;
    assert_eq!(trail[0].after["citizen"], citizen.as_str());
    assert_eq!(trail[0].after["officer"], officer.uid());
    assert_eq!((trail[0].v_before, trail[0].v_after), (None, Some(1)));
    let detail = store.visit_detail(&uid).unwrap();
    let v = Viewer::nobody();
    let p = &detail.row.citizen;
    assert_eq!(
        v.id_number(p, Place::Detail).as_deref(),
        Some("079303001234")
    );
    assert_eq!(v.phone(p, Place::Detail).as_deref(), Some("0912345678"));
    assert_eq!(uuid::Uuid::parse_str(&uid).unwrap().get_version_num(), 7);
}

#[test]
fn updating_a_visit_journals_the_fields_changed_before_and_after() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let mut d = draft("Lê Thị Hoa", "079303001234");
    let uid = save(&mut store, &officer, &valid(&d));
    d.content = "Khiếu nại việc bồi thường khi thu hồi đất".into();
    let version = store.visit_detail(&uid).unwrap().row.version;
    write(&mut store, &officer, |w| {
        w.update_visit(
            &uid,
            version,
            &input(&valid(&d)),
            &tiepdan::domain::intake::CaseChoice::Ask,
        )
    });
    let trail = store.journal_of(Entity::Visit, &uid).unwrap();
    assert_eq!(trail.len(), 2);
    assert_eq!(trail[1].op, Op::Update);
    assert_eq!(
        trail[1].before["content"],
        "Khiếu nại quyết định thu hồi đất"
    );
    assert_eq!(
        trail[1].after["content"],
        "Khiếu nại việc bồi thường khi thu hồi đất"
    );
    // Only what changed, with the versions.
    assert_eq!(trail[1].after.len(), 1, "{:?}", trail[1].after);
    assert_eq!((trail[1].v_before, trail[1].v_after), (Some(1), Some(2)));
    // An update that changes nothing writes no entry.
    let version = store.visit_detail(&uid).unwrap().row.version;
    write(&mut store, &officer, |w| {
        w.update_visit(
            &uid,
            version,
            &input(&valid(&d)),
            &tiepdan::domain::intake::CaseChoice::Ask,
        )
    });
    assert_eq!(store.journal_of(Entity::Visit, &uid).unwrap().len(), 2);
}

#[test]
fn a_returning_citizen_is_the_same_citizen() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let first = valid(&draft("Phạm Văn Đạt", "001085012345"));
    write(&mut store, &officer, |w| {
        w.save_visit(
            &VisitInput {
                visit: &first,
                day: common::today().pred_opt().unwrap(),
                time: "09:00".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &CaseChoice::Ask,
        )
    });
    // Same ID, name typed decomposed and without the address: recognized, nothing lost.
    let mut d = draft("Pha\u{323}m Va\u{306}n \u{110}a\u{323}t", "001 085 012 345");
    d.address.clear();
    let m = store
        .find_citizen(Some("001085012345"), "Phạm Văn Đạt", None)
        .unwrap()
        .unwrap();
    assert_eq!(m.visits, 1);
    assert_eq!(m.last_visit, Some(common::today().pred_opt().unwrap()));
    save(&mut store, &officer, &valid(&d));
    assert_eq!(store.citizen_count().unwrap(), 1);
    let c = store.citizen(m.id).unwrap().unwrap();
    assert_eq!(shown(&c.person), "Phạm Văn Đạt");
    assert_eq!(
        Viewer::nobody().address(&c.person),
        Some("Số 12 phố Đội Cấn, phường Ba Đình")
    );
}

#[test]
fn a_name_typed_without_diacritics_keeps_the_accented_one() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    save(
        &mut store,
        &officer,
        &valid(&draft("Trần Văn Đức", "001085012345")),
    );
    let uid = save(
        &mut store,
        &officer,
        &valid(&draft("Tran Van Duc", "001085012345")),
    );
    assert_eq!(
        shown(&store.visit_detail(&uid).unwrap().row.citizen),
        "Trần Văn Đức"
    );
    // Different letters are never taken silently: the record keeps its name…
    let v = valid(&draft("Trần Văn Đúc", "001085012345"));
    let uid = save(&mut store, &officer, &v);
    assert_eq!(
        shown(&store.visit_detail(&uid).unwrap().row.citizen),
        "Trần Văn Đức"
    );
    // …unless the officer says the typed name corrects it.
    let uid = write(&mut store, &officer, |w| {
        w.save_visit(
            &VisitInput {
                rename_citizen: true,
                shared: Default::default(),
                ..input(&v)
            },
            &tiepdan::domain::intake::CaseChoice::OpenNew,
        )
    })
    .uid;
    assert_eq!(
        shown(&store.visit_detail(&uid).unwrap().row.citizen),
        "Trần Văn Đúc"
    );
}

#[test]
fn name_and_phone_recognize_a_citizen_without_id() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let d = draft("Đỗ Thị Hà", "");
    save(&mut store, &officer, &valid(&d));
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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    save(
        &mut store,
        &officer,
        &valid(&draft("Vũ Văn Nam", "001085012345")),
    );
    // Someone writing to the file directly, past the app.
    let c = Connection::open(&path).unwrap();
    assert!(c.execute("UPDATE journal SET op = 'x'", []).is_err());
    assert!(c.execute("DELETE FROM journal", []).is_err());
    assert!(c.execute("DELETE FROM citizens", []).is_err());
    assert!(c.execute("DELETE FROM visits", []).is_err());
    assert_eq!(store.citizen_count().unwrap(), 1);
}

#[test]
fn day_counters_count_sessions_people_groups_and_petitions() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    save(
        &mut store,
        &officer,
        &valid(&draft("Hoàng Văn Em", "001085012345")),
    );
    let mut g = draft("Bùi Thị Gấm", "001185012346");
    g.people = "12".into();
    g.representatives = "Bùi Thị Gấm; Ngô Văn Hải".into();
    g.form = "dinh_ky".into();
    g.presiding = "Chủ tịch Lê Văn Hùng".into();
    g.presider_role = "truc_tiep".into();
    g.petitions = "2".into();
    save(&mut store, &officer, &valid(&g));
    let c = store.day_counters(today(), 5).unwrap();
    assert_eq!(
        (c.sessions, c.visits, c.people, c.groups, c.petitions),
        (2, 2, 13, 1, 3)
    );
    let rows = store.visits_on(today()).unwrap();
    assert_eq!(
        Viewer::nobody().representatives(&rows[1].citizen),
        Some(&["Bùi Thị Gấm".to_owned(), "Ngô Văn Hải".to_owned()][..])
    );
}

#[test]
fn drafts_are_saved_replaced_and_cleared() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let id = officer.officer_id();
    write(&mut store, &officer, |w| {
        w.save_draft("visit_form", "w1", "{\"full_name\":\"A\"}")
    });
    write(&mut store, &officer, |w| {
        w.save_draft("visit_form", "w1", "{\"full_name\":\"B\"}")
    });
    // Another window of the same officer keeps its own.
    write(&mut store, &officer, |w| {
        w.save_draft("visit_form", "w2", "{\"full_name\":\"C\"}")
    });
    assert_eq!(
        store.load_draft(id, "visit_form", "w1").unwrap().as_deref(),
        Some("{\"full_name\":\"B\"}")
    );
    assert_eq!(store.drafts_of(id, "visit_form").unwrap().len(), 2);
    write(&mut store, &officer, |w| w.clear_draft("visit_form", "w1"));
    write(&mut store, &officer, |w| w.clear_draft("visit_form", "w2"));
    assert_eq!(store.load_draft(id, "visit_form", "w1").unwrap(), None);
    // Its creation and removal are journaled (what was typed is not: only the window).
    let trail = store.journal_of(Entity::Draft, "visit_form").unwrap();
    let ops: Vec<Op> = trail.iter().map(|a| a.op).collect();
    assert_eq!(ops, [Op::Create, Op::Create, Op::Delete, Op::Delete]);
    assert!(
        trail
            .iter()
            .all(|a| a.before.is_empty() && a.after.keys().eq(["window"]))
    );
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
            let officer = officer.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for i in 0..25 {
                    let id = format!("0010850{t}{i:04}");
                    let v = valid(&draft(&format!("Công dân {t}-{i}"), &id));
                    save(&mut store, &officer, &v);
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

#[test]
fn an_edit_from_a_stale_version_is_refused_and_the_other_edit_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desks.sqlite3");
    let mut a = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut a);
    let mut d = draft("Lê Thị Hoa", "079303001234");
    d.handling = "huong_dan".into();
    let uid = save(&mut a, &officer, &valid(&d));
    // Two desks open the same visit for editing.
    let mut b = Store::open(&path).unwrap();
    let seen = a.visit_detail(&uid).unwrap().row.version;
    assert_eq!(b.visit_detail(&uid).unwrap().row.version, seen);
    let mut first = d.clone();
    first.content = "Sửa ở bàn 1".into();
    write(&mut a, &officer, |w| {
        w.update_visit(
            &uid,
            seen,
            &input(&valid(&first)),
            &tiepdan::domain::intake::CaseChoice::Ask,
        )
    });
    let mut second = d.clone();
    second.content = "Sửa ở bàn 2".into();
    let r = b.write(&officer, |w| {
        w.update_visit(
            &uid,
            seen,
            &input(&valid(&second)),
            &tiepdan::domain::intake::CaseChoice::Ask,
        )
    });
    assert!(
        matches!(
            r,
            Err(StoreError::Conflict {
                what: "visit",
                changed_at: Some(_)
            })
        ),
        "{r:?}"
    );
    assert_eq!(b.visit_detail(&uid).unwrap().row.content, "Sửa ở bàn 1");
    // Edited again from what is stored now, it goes through.
    let now = b.visit_detail(&uid).unwrap().row.version;
    write(&mut b, &officer, |w| {
        w.update_visit(
            &uid,
            now,
            &input(&valid(&second)),
            &tiepdan::domain::intake::CaseChoice::Ask,
        )
    });
    assert_eq!(a.visit_detail(&uid).unwrap().row.content, "Sửa ở bàn 2");
}

#[test]
fn a_case_step_on_a_stale_case_is_refused_with_a_conflict() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let v = valid(&draft("Lê Thị Hoa", "079303001234"));
    let case = write(&mut store, &officer, |w| {
        w.save_visit(&input(&v), &CaseChoice::Ask)
    })
    .case
    .unwrap();
    let seen = store.case_row(&case.uid).unwrap().version;
    let step = tiepdan::store::StepInput::default();
    let classify = tiepdan::domain::case::Action::ClassifyOwn;
    write(&mut store, &officer, |w| {
        w.case_step(&case.uid, Some(seen), classify, &step, today())
    });
    // A second desk acting on what it saw before: refused, nothing written.
    let events = store.case_events(&case.uid).unwrap().len();
    let r = store.write(&officer, |w| {
        w.case_step(
            &case.uid,
            Some(seen),
            tiepdan::domain::case::Action::Note,
            &step,
            today(),
        )
    });
    assert!(
        matches!(r, Err(StoreError::Conflict { what: "case", .. })),
        "{r:?}"
    );
    assert_eq!(store.case_events(&case.uid).unwrap().len(), events);
    // A step the law does not allow is a typed refusal, not an SQL error.
    let r = store.write(&officer, |w| {
        w.case_step(
            &case.uid,
            None,
            tiepdan::domain::case::Action::Resolve,
            &step,
            today(),
        )
    });
    assert!(matches!(r, Err(StoreError::Refused { .. })), "{r:?}");
}

#[test]
fn a_thu_ly_visit_and_its_case_are_one_transaction() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let v = valid(&draft("Lê Thị Hoa", "079303001234"));
    save(&mut store, &officer, &v);
    let (visits, audits) = (store.visit_count().unwrap(), store.journal_len().unwrap());
    // The same citizen, same field: the officer must say whether it is the same matter, and
    // until then nothing at all is written.
    let r = store.write(&officer, |w| w.save_visit(&input(&v), &CaseChoice::Ask));
    let Err(StoreError::OpenCaseExists { case_uid, code }) = r else {
        panic!("{r:?}")
    };
    assert_eq!(code, "KN-2026-BD-0001");
    assert_eq!(store.visit_count().unwrap(), visits);
    assert_eq!(store.journal_len().unwrap(), audits);
    // Joining: the visit is saved and linked to that case, no second case.
    let saved = write(&mut store, &officer, |w| {
        w.save_visit(&input(&v), &CaseChoice::Join(case_uid.clone()))
    });
    let case = saved.case.unwrap();
    assert!(case.joined);
    assert_eq!(case.uid, case_uid);
    assert_eq!(store.case_detail(&case_uid).unwrap().visits.len(), 2);
    assert_eq!(store.visit_count().unwrap(), visits + 1);
}

#[test]
fn a_read_only_open_writes_nothing_and_refuses_writes() {
    let (_dir, path, store, _) = book_with_a_visit("Lê Thị Hoa", "079303001234");
    drop(store);
    let before = std::fs::read(&path).unwrap();
    let mut store = Store::open_read_only(&path).unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.visit_count().unwrap(), 1);
    assert_eq!(store.lookup("hoa", 5).unwrap().citizens.len(), 1);
    let officer = store
        .sign_in(
            store.officers().unwrap()[0].id,
            common::PIN,
            common::at(8, 15),
        )
        .unwrap();
    let r = store.write(&officer, |w| w.save_draft("visit_form", "w", "{}"));
    assert!(matches!(r, Err(StoreError::ReadOnly)), "{r:?}");
    assert!(matches!(
        store.first_start("x", "A", "y", PIN, PIN),
        Err(StoreError::ReadOnly)
    ));
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_opens_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        let officer = store_with_officer(&mut store);
        save(
            &mut store,
            &officer,
            &valid(&draft("Lê Thị Hoa", "079303001234")),
        );
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.visit_count().unwrap(), 1);
}

#[test]
fn a_disabled_officer_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    // Disabled at another desk after signing in here.
    Connection::open(&path)
        .unwrap()
        .execute("UPDATE officers SET active = 0", [])
        .unwrap();
    let r = store.write(&officer, |w| w.save_draft("visit_form", "w", "{}"));
    assert!(matches!(r, Err(StoreError::NotPermitted)), "{r:?}");
    assert!(matches!(
        store.sign_in(officer.officer_id(), common::PIN, common::at(8, 15)),
        Err(StoreError::NotPermitted)
    ));
}

#[test]
fn case_codes_carry_the_desk_and_a_second_book_never_repeats_them() {
    let mut a = Store::open_in_memory().unwrap();
    let oa = store_with_officer(&mut a);
    let mut b = Store::open_in_memory().unwrap();
    let ob = b
        .first_start("UBND phường Ba Đình", "BD2", "Trần Văn Bình", PIN, PIN)
        .unwrap();
    let v = valid(&draft("Lê Thị Hoa", "079303001234"));
    let ca = write(&mut a, &oa, |w| w.save_visit(&input(&v), &CaseChoice::Ask))
        .case
        .unwrap();
    let cb = write(&mut b, &ob, |w| w.save_visit(&input(&v), &CaseChoice::Ask))
        .case
        .unwrap();
    assert_eq!(ca.code, "KN-2026-BD-0001");
    assert_eq!(cb.code, "KN-2026-BD2-0001");
    assert!(matches!(
        a.write(&oa, |w| w.set_setting("desk_code", "not a code")),
        Err(StoreError::Invalid(_))
    ));
}

/// Every step of a case asks whether it was reopened: that question reads an index, never the
/// whole cases table (a scan made each step grow with the book).
#[test]
fn whether_a_case_was_reopened_is_read_from_an_index() {
    let store = Store::open_in_memory().unwrap();
    let plan: Vec<String> = store
        .inspect(
            "EXPLAIN QUERY PLAN SELECT EXISTS (SELECT 1 FROM cases n WHERE n.previous_case_id = cases.id)
             FROM cases WHERE id = 1",
            [],
            |r| r.get::<_, String>(3),
        )
        .unwrap();
    assert!(plan.iter().all(|l| !l.starts_with("SCAN")), "{plan:?}");
    assert!(
        plan.iter().any(|l| l.contains("cases_by_previous")),
        "{plan:?}"
    );
}
