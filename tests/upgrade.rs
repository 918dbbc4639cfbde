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
    // A citizen on record as a petitioner who also denounced gets a sealed record of their
    // own for their denunciations (0030): one more citizen each.
    let split: i64 = Connection::open(&old)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM citizens c
             WHERE (EXISTS (SELECT 1 FROM visits v WHERE v.citizen_id = c.id
                            AND v.petition_type = 'to_cao')
                 OR EXISTS (SELECT 1 FROM cases k WHERE k.citizen_id = c.id
                            AND k.case_type = 'to_cao'))
               AND (EXISTS (SELECT 1 FROM visits v WHERE v.citizen_id = c.id
                            AND v.petition_type != 'to_cao' AND v.deleted_at IS NULL)
                 OR EXISTS (SELECT 1 FROM cases k WHERE k.citizen_id = c.id
                            AND k.case_type != 'to_cao' AND k.deleted_at IS NULL))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(split > 0, "the fixture holds such citizens");
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

    // Nothing lost, codes kept, due dates still there, foreign keys intact. The audit, kept
    // as `audit_legacy` (0023), gains one row per officer: the roles the upgrade gave them
    // (0018).
    let mut after: Vec<i64> = tables
        .iter()
        .map(|t| count(&old, if *t == "audit" { "audit_legacy" } else { t }))
        .collect();
    let officers = before[tables.iter().position(|t| *t == "officers").unwrap()];
    after[tables.iter().position(|t| *t == "audit").unwrap()] -= officers;
    after[tables.iter().position(|t| *t == "citizens").unwrap()] -= split;
    assert_eq!(after, before);
    // And no denunciation rests on an open record any more.
    let held: i64 = Connection::open(&old)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM visits v JOIN citizens c ON c.id = v.citizen_id
             WHERE v.petition_type = 'to_cao' AND c.sealed IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(held, 0);
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
    let first = store.officers().unwrap()[0].id;
    let officer = common::sign_in_or_set(&mut store, first);
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
                forwarder_kind: None,
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

/// Migration 0007 rebuilds `deadline_rules` (its CHECK listed five obligations): the rules of
/// the old book keep their ids, uids and values (so `case_deadlines.rule_id` stays valid),
/// the new ones follow; decisions recorded before the upgrade are not asked to be sent
/// after the fact, one recorded after it is.
#[test]
fn the_rules_table_is_rebuilt_with_its_ids_and_old_decisions_are_not_flooded_in() {
    let dir = tempfile::tempdir().unwrap();
    let old = fixture("v4-book.sqlite3", dir.path());
    let rules = |path: &Path| -> Vec<(i64, String, String, i64)> {
        let c = Connection::open(path).unwrap();
        let mut s = c
            .prepare("SELECT id, uid, obligation, days FROM deadline_rules ORDER BY id")
            .unwrap();
        s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let before = rules(&old);
    assert_eq!(before.len(), 14);
    let mut store = Store::open(&old).unwrap();
    let after = rules(&old);
    assert_eq!(&after[..14], &before[..], "old rules kept as they were");
    // 0008 added 19 rules, 0014 nine (issue 23: the denunciation's notices, a decision's
    // legal effect), 0027 three (issue 29: a refusal's notice, the schedule posted, a
    // dialogue's notice).
    assert_eq!(after.len(), 14 + 19 + 9 + 3, "and the new ones after them");
    let resolved_kn: i64 = store
        .inspect_one(
            "SELECT count(*) FROM cases WHERE status = 'da_giai_quyet' AND case_type = 'khieu_nai'",
            [],
        )
        .unwrap();
    assert!(resolved_kn > 0);
    let sends: i64 = store
        .inspect_one(
            "SELECT count(*) FROM case_deadlines WHERE obligation = 'gui_quyet_dinh'",
            [],
        )
        .unwrap();
    assert_eq!(sends, 0, "decisions recorded before the upgrade");
    let untracked: i64 = store
        .inspect_one("SELECT count(*) FROM cases WHERE duties_from = ''", [])
        .unwrap();
    assert_eq!(untracked, 0);
    // Nor are its past denunciations flooded with the duties of 0014 (issue 23).
    let new_duties: i64 = store
        .inspect_one(
            "SELECT count(*) FROM case_deadlines WHERE obligation IN ('thong_bao_nguoi_bi_to_cao',
                 'gui_ket_luan', 'cong_khai_ket_luan', 'bao_xu_ly_noi_chuyen')",
            [],
        )
        .unwrap();
    assert_eq!(new_duties, 0, "denunciations recorded before the upgrade");
    let untracked: i64 = store
        .inspect_one("SELECT count(*) FROM cases WHERE duties23_from = ''", [])
        .unwrap();
    assert_eq!(untracked, 0);
    // The calendar's days are kept, each valid for every clock (effective_from '').
    let dated: i64 = store
        .inspect_one(
            "SELECT count(*) FROM calendar_days WHERE effective_from != ''",
            [],
        )
        .unwrap();
    assert_eq!(dated, 0);
    // A complaint being resolved in the old book, decided now: its sending is tracked.
    let uid: String = store
        .inspect_one(
            "SELECT uid FROM cases WHERE status = 'dang_giai_quyet' AND case_type = 'khieu_nai'
             ORDER BY id LIMIT 1",
            [],
        )
        .unwrap();
    // A decision is a leader's: the old book's leader leads after the upgrade.
    let leader = store
        .officers()
        .unwrap()
        .into_iter()
        .find(|o| o.is_leader)
        .expect("the old book's leader")
        .id;
    let officer = common::sign_in_or_set(&mut store, leader);
    let input = tiepdan::store::StepInput {
        day: Some(common::today()),
        outcome: Some(tiepdan::domain::case::Outcome::Dung),
        ..Default::default()
    };
    common::write(&mut store, &officer, |w| {
        w.case_step(
            &uid,
            None,
            tiepdan::domain::case::Action::Resolve,
            &input,
            common::today(),
        )
    });
    let dues: Vec<_> = store
        .case_dues(&uid)
        .unwrap()
        .into_iter()
        .map(|x| x.obligation)
        .collect();
    assert_eq!(
        dues,
        vec![tiepdan::domain::deadline::Obligation::SendDecision]
    );
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

/// An entry's sequence number and its fields and digests as text (before, after, state, hash).
type TextEntry = (
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// A book whose journal is stored as 0023 made it — fields as JSON text, digests as 64 hex
/// digits — is packed by the upgrade to 0034 (issue 28): the same entries with the same
/// hashes, `check` finds the book whole, the journal takes less room, and a desk writes on.
#[test]
fn a_journal_stored_as_text_is_packed_by_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("text-journal.sqlite3");
    let mut store = Store::open(&path).unwrap();
    tiepdan::demo::generate(
        &mut store,
        &tiepdan::demo::DemoOptions {
            visits: 400,
            seed: 5,
            end: common::today(),
        },
    )
    .unwrap();
    let entries = store.journal_entries().unwrap();
    drop(store);
    let journal_bytes = |c: &Connection| -> i64 {
        c.query_row(
            "SELECT sum(length(before) + length(after) + coalesce(length(state), 0)
                        + length(hash)) FROM journal",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    // The journal as 0023 stored it.
    let text_bytes = {
        let c = Connection::open(&path).unwrap();
        let packed_bytes = journal_bytes(&c);
        c.execute_batch(
            "DROP TRIGGER journal_no_update;
             DROP TRIGGER journal_no_delete;
             DROP INDEX journal_by_record;
             ALTER TABLE journal RENAME TO journal_packed;
             CREATE TABLE journal (
                 seq INTEGER PRIMARY KEY, at TEXT NOT NULL, officer TEXT, desk TEXT NOT NULL,
                 op TEXT NOT NULL, entity TEXT NOT NULL, record TEXT NOT NULL,
                 v_before INTEGER, v_after INTEGER, before TEXT NOT NULL, after TEXT NOT NULL,
                 state TEXT, hash TEXT NOT NULL CHECK (length(hash) = 64)) STRICT;
             CREATE INDEX journal_by_record ON journal (entity, record, seq);",
        )
        .unwrap();
        let text = |b: Option<Vec<u8>>| b.map(|b| tiepdan::store::journal_stored_text(&b).unwrap());
        let rows: Vec<TextEntry> = c
            .prepare("SELECT seq, before, after, state, hash FROM journal_packed ORDER BY seq")
            .unwrap()
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    text(r.get(1)?),
                    text(r.get(2)?),
                    text(r.get(3)?),
                    text(r.get(4)?),
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        c.execute_batch(
            "INSERT INTO journal (seq, at, officer, desk, op, entity, record, v_before, v_after,
                                  before, after, state, hash)
             SELECT seq, at, officer, desk, op, entity, record, v_before, v_after, '', '', NULL,
                    printf('%064d', 0) FROM journal_packed;
             DROP TABLE journal_packed;",
        )
        .unwrap();
        for (seq, before, after, state, hash) in rows {
            c.execute(
                "UPDATE journal SET before = ?2, after = ?3, state = ?4, hash = ?5 WHERE seq = ?1",
                rusqlite::params![seq, before, after, state, hash],
            )
            .unwrap();
        }
        c.execute_batch(&format!(
            "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
             BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
             CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
             BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
             PRAGMA user_version = {};",
            LATEST_VERSION - 1
        ))
        .unwrap();
        let text_bytes = journal_bytes(&c);
        assert!(packed_bytes * 2 < text_bytes, "{packed_bytes} {text_bytes}");
        text_bytes
    };
    // Opened: upgraded, packed again, the same entries and chain.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.journal_entries().unwrap(), entries);
    assert!(store.verify_book(None).unwrap().ok());
    let c = Connection::open(&path).unwrap();
    assert!(journal_bytes(&c) * 2 < text_bytes);
    let old: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'journal_0023'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old, 0, "the old table is gone");
    drop(c);
    let actor = common::demo_officer(&mut store);
    common::save(
        &mut store,
        &actor,
        &common::valid(&common::draft("Lê Văn Mới", "")),
    );
    assert!(store.journal_len().unwrap() > entries.len() as i64 + 1);
    assert!(store.verify_book(None).unwrap().ok());
}
