//! Books made by released versions upgrade to the newest schema exactly as a new book is
//! made: the schema of an upgraded book equals a fresh one's, its data is all there, and what
//! the newer features compute for old data (due dates, the lookup index) is computed in the
//! same transaction as the upgrade.

mod common;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use tiepdan::domain::case::CaseType;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::store::{CaseSource, Intake, LATEST_VERSION, Store};

/// A copy of a fixture book in a temp dir.
fn fixture(name: &str, dir: &Path) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        &path,
    )
    .unwrap();
    path
}

/// Every schema object (type, name, SQL), comparable across books.
fn schema(path: &Path) -> Vec<(String, String, String)> {
    let c = Connection::open(path).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn count(path: &Path, table: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_schema_4_book_upgrades_to_the_same_schema_as_a_new_book() {
    let dir = tempfile::tempdir().unwrap();
    let old = fixture("v4-book.sqlite3", dir.path());
    let version: i64 = Connection::open(&old)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 4, "the fixture was made by the schema-4 release");
    let tables = [
        "officers",
        "citizens",
        "sessions",
        "visits",
        "cases",
        "case_events",
        "case_visits",
        "audit",
        "drafts",
    ];
    let before: Vec<i64> = tables.iter().map(|t| count(&old, t)).collect();
    let open_due_before = count(&old, "case_deadlines");
    let codes_before: Vec<String> = {
        let c = Connection::open(&old).unwrap();
        let mut s = c.prepare("SELECT code FROM cases ORDER BY id").unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };

    let store = Store::open(&old).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    drop(store);
    let fresh = dir.path().join("fresh.sqlite3");
    drop(Store::open(&fresh).unwrap());
    assert_eq!(schema(&old), schema(&fresh), "upgraded schema = new schema");

    // Nothing lost, codes kept, due dates still there, foreign keys intact.
    let after: Vec<i64> = tables.iter().map(|t| count(&old, t)).collect();
    assert_eq!(after, before);
    assert_eq!(count(&old, "case_deadlines"), open_due_before);
    let c = Connection::open(&old).unwrap();
    let codes_after: Vec<String> = {
        let mut s = c.prepare("SELECT code FROM cases ORDER BY id").unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(codes_after, codes_before, "existing books keep their codes");
    let broken: i64 = c
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    drop(c);

    // The upgraded book works: the app-made visit is found, the queue counts, a new case
    // gets a code with the book's new desk code, after the old ones.
    let mut store = Store::open(&old).unwrap();
    assert_eq!(store.lookup("fixture", 10).unwrap().citizens.len(), 1);
    let open: u32 = store
        .field_counts(common::today())
        .unwrap()
        .iter()
        .map(|f| f.open)
        .sum();
    assert!(open > 0);
    let officer = store.sign_in(store.officers().unwrap()[0].id).unwrap();
    let citizen: i64 = store
        .inspect_one("SELECT id FROM citizens ORDER BY id LIMIT 1", [])
        .unwrap();
    let saved = common::write(&mut store, &officer, |w| {
        w.take_in(
            &Intake {
                case_type: CaseType::KhieuNai,
                citizen_id: citizen,
                field_code: "khac".into(),
                summary: "Khiếu nại sau nâng cấp".into(),
                source: CaseSource::Post,
                forwarded_by: String::new(),
                forwarding_doc: String::new(),
                received_on: common::today(),
                remote: false,
                visit_id: None,
            },
            &CaseChoice::OpenNew,
        )
    });
    let desk = store.desk_code().unwrap();
    assert_eq!(saved.code, format!("KN-2026-{desk}-0001"));
    assert!(!codes_before.contains(&saved.code));
}

#[test]
fn an_upgrade_that_fails_leaves_the_old_book_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let old = fixture("v4-book.sqlite3", dir.path());
    // A row the rebuild of `cases` cannot carry (a case pointing at a missing citizen, as a
    // damaged or hand-edited book might hold): the upgrade must refuse, all of it.
    {
        let c = Connection::open(&old).unwrap();
        c.execute_batch(
            "PRAGMA foreign_keys = OFF;
             UPDATE cases SET citizen_id = 999999 WHERE id = (SELECT min(id) FROM cases);",
        )
        .unwrap();
    }
    let before = schema(&old);
    assert!(Store::open(&old).is_err());
    let version: i64 = Connection::open(&old)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 4, "still the old version");
    assert_eq!(schema(&old), before, "and the old schema, untouched");
}
