//! The journal (issue 26): one row writer per aggregate for the desk and bulk loads alike
//! (the same rows, the same entries), the chain and its daily signed checkpoints, triggers
//! that refuse to rewrite it, and `check`, which names the first broken row of a book edited
//! past the app — and writes nothing.

mod common;

use std::path::{Path, PathBuf};

use chrono::{FixedOffset, NaiveDate, TimeZone};
use common::*;
use rusqlite::Connection;
use tiepdan::domain::case::{Action, CaseType};
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::journal::{Entity, Entry, Op};
use tiepdan::domain::role::{Role, Roles};
use tiepdan::domain::visit::ReceptionForm;
use tiepdan::store::{
    Actor, BulkCase, BulkCitizen, BulkSession, BulkStep, BulkVisit, CaseSource, Check,
    CitizenInput, Intake, Problem, StepInput, Store, clock, settings,
};

/// The clock of this test thread: 22/11/2026 08:30:00 +07:00.
fn fix_clock() {
    let t = FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 22, 8, 30, 0)
        .unwrap();
    clock::fix(Some(t));
}

const STAMP: &str = "2026-11-22T08:30:00";

/// An entry without what says where and when it was written (its place in the chain, its
/// time, who wrote it): what the desk and a load must agree on.
fn facts(e: &Entry) -> Entry {
    Entry {
        seq: 0,
        at: String::new(),
        officer: None,
        desk: String::new(),
        ..e.clone()
    }
}

/// The entries of one entity (the records written since the book began, not its baseline).
fn entries(store: &Store, entity: Entity) -> Vec<Entry> {
    store
        .journal_entries()
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == entity && e.op != Op::Baseline)
        .map(|e| facts(&e.entry))
        .collect()
}

/// A row as stored, every column but its row id.
fn row(store: &Store, table: &str, uid: &str) -> Vec<String> {
    let cols: Vec<String> = store
        .inspect(
            &format!("SELECT name FROM pragma_table_info('{table}') WHERE name != 'id'"),
            [],
            |r| r.get(0),
        )
        .unwrap();
    let sql = format!(
        "SELECT {} FROM {table} WHERE uid = ?1",
        cols.iter()
            .map(|c| format!("quote({c})"))
            .collect::<Vec<_>>()
            .join(" || '|' || ")
    );
    store.inspect(&sql, [uid], |r| r.get(0)).unwrap()
}

/// A visit of the desk: hướng dẫn (no case), or thụ lý (its case).
fn valid_visit(handling: &str) -> tiepdan::domain::visit::ValidVisit {
    let mut d = draft("Lê Thị Hoa", "079303001234");
    d.handling = handling.into();
    valid(&d)
}

/// Two books: one where the desk wrote, one loaded in bulk, of the same officer and unit.
struct Pair {
    desk: Store,
    actor: Actor,
    bulk: Store,
}

fn desk_book() -> (Store, Actor) {
    fix_clock();
    let mut store = Store::open_in_memory().unwrap();
    let actor = store_with_officer(&mut store);
    (store, actor)
}

/// The bulk book: the unit, the desk's officer under the same uid, then `f`.
fn bulk_book(
    actor: &Actor,
    f: impl FnOnce(&mut tiepdan::store::Bulk<'_>, i64) -> tiepdan::store::Result<()>,
) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .load_empty_book("test", |b| {
            b.setting(settings::UNIT_NAME, "UBND phường Ba Đình")?;
            b.setting(settings::DESK_CODE, "BD")?;
            let id = b.officer(actor.uid(), actor.name(), "", Roles::ALL, STAMP)?;
            f(b, id)
        })
        .unwrap();
    store
}

fn uid_of(store: &Store, sql: &str) -> String {
    store.inspect_one(sql, []).unwrap()
}

/// A visit saved at the desk, and the same visit loaded in bulk (same uids, same stamp).
fn visit_pair(handling: &str) -> Pair {
    let (mut desk, actor) = desk_book();
    let v = valid_visit(handling);
    write(&mut desk, &actor, |w| {
        w.save_visit(&input(&v), &CaseChoice::OpenNew)
    });
    let citizen = uid_of(&desk, "SELECT uid FROM citizens");
    let session = uid_of(&desk, "SELECT uid FROM sessions");
    let visit = uid_of(&desk, "SELECT uid FROM visits");
    let case: Option<(String, String)> = desk
        .inspect(
            "SELECT k.uid, e.uid FROM cases k JOIN case_events e ON e.case_id = k.id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
        .into_iter()
        .next();
    let bulk = bulk_book(&actor, |b, by| {
        let citizen_id = b.citizen(&BulkCitizen {
            uid: &citizen,
            who: CitizenInput {
                full_name: &v.full_name,
                id_number: v.id_number.as_ref(),
                phone: v.phone.as_ref(),
                address: &v.address,
                denouncer: false,
            },
            birth_year: None,
            sex: None,
            at: STAMP,
            by,
        })?;
        let session_id = b.session(&BulkSession {
            uid: &session,
            day: today(),
            form: ReceptionForm::ThuongXuyen,
            presiding: "",
            presider_role: None,
            place: "",
            at: STAMP,
            by,
        })?;
        let visit_id = b.visit(&BulkVisit {
            uid: &visit,
            session_id,
            citizen_id,
            day: today(),
            time: "08:30",
            visit: &v,
            at: STAMP,
            by,
        })?;
        if let Some((case, event)) = &case {
            b.case(&BulkCase {
                uid: case,
                event_uid: event,
                intake: &Intake {
                    case_type: CaseType::KhieuNai,
                    citizen_id,
                    field_code: v.field_code.clone(),
                    summary: v.content.clone(),
                    source: CaseSource::Visit,
                    forwarded_by: String::new(),
                    forwarding_doc: String::new(),
                    forwarder_kind: None,
                    received_on: today(),
                    remote: false,
                    visit_id: Some(visit_id),
                },
                round: 1,
                previous_case_id: None,
                at: STAMP,
                by,
            })?;
        }
        Ok(())
    });
    Pair { desk, actor, bulk }
}

fn same(p: &Pair, entity: Entity, table: Option<&str>) {
    let (d, b) = (entries(&p.desk, entity), entries(&p.bulk, entity));
    assert!(!d.is_empty(), "{entity:?}: the desk wrote entries");
    assert_eq!(d, b, "{entity:?}: the desk's entries and the load's");
    if let Some(t) = table {
        for e in &d {
            assert_eq!(
                row(&p.desk, t, &e.record),
                row(&p.bulk, t, &e.record),
                "{t}"
            );
        }
    }
}

#[test]
fn a_citizen_is_written_alike_at_the_desk_and_in_bulk() {
    same(&visit_pair("huong_dan"), Entity::Citizen, Some("citizens"));
}

#[test]
fn a_session_is_written_alike_at_the_desk_and_in_bulk() {
    same(&visit_pair("huong_dan"), Entity::Session, Some("sessions"));
}

#[test]
fn a_visit_is_written_alike_at_the_desk_and_in_bulk() {
    same(&visit_pair("huong_dan"), Entity::Visit, Some("visits"));
}

#[test]
fn a_case_its_first_step_and_its_visit_are_written_alike_at_the_desk_and_in_bulk() {
    let p = visit_pair("thu_ly");
    same(&p, Entity::Case, Some("cases"));
    same(&p, Entity::CaseEvent, Some("case_events"));
    same(&p, Entity::CaseVisit, None);
}

#[test]
fn a_step_of_a_case_is_written_alike_at_the_desk_and_in_bulk() {
    let Pair {
        mut desk,
        actor,
        mut bulk,
    } = visit_pair("thu_ly");
    let case = uid_of(&desk, "SELECT uid FROM cases");
    let s = StepInput {
        day: Some(today()),
        note: "Thuộc thẩm quyền".into(),
        document_no: "12/TB".into(),
        ..StepInput::default()
    };
    write(&mut desk, &actor, |w| {
        w.case_step(&case, None, Action::ClassifyOwn, &s, today())
    });
    let event = uid_of(
        &desk,
        "SELECT uid FROM case_events ORDER BY id DESC LIMIT 1",
    );
    // The same step, loaded (an import's bulk, in a write of the loaded book).
    let officer = bulk.officers().unwrap()[0].id;
    cheap();
    let a = bulk.set_first_pin(officer, PIN, PIN).unwrap();
    let case_id: i64 = bulk.inspect_one("SELECT id FROM cases", []).unwrap();
    write(&mut bulk, &a, |w| {
        let mut b = w.bulk("import")?;
        b.case_step(&BulkStep {
            uid: &event,
            case_id,
            action: Action::ClassifyOwn,
            day: today(),
            input: &s,
            at: STAMP,
            by: officer,
        })?;
        Ok(())
    });
    let pair = Pair { desk, actor, bulk };
    same(&pair, Entity::CaseEvent, Some("case_events"));
    same(&pair, Entity::Case, Some("cases"));
    // The step and its case: an event created, the case at version 2.
    let e = entries(&pair.desk, Entity::Case);
    assert_eq!(e.last().unwrap().op, Op::Update);
    assert_eq!(
        (e.last().unwrap().v_before, e.last().unwrap().v_after),
        (Some(1), Some(2))
    );
    assert_eq!(e.last().unwrap().after["status"], "cho_thu_ly");
}

#[test]
fn an_officer_is_written_alike_at_the_desk_and_in_bulk() {
    let (mut desk, actor) = desk_book();
    let o = write(&mut desk, &actor, |w| w.add_officer("Trần Văn Bình", ""));
    let bulk = bulk_book(&actor, |b, _| {
        b.officer(
            &o.uid,
            "Trần Văn Bình",
            "",
            Roles::of(&[Role::Receiver]),
            STAMP,
        )?;
        Ok(())
    });
    let only = |s: &Store| -> Vec<Entry> {
        entries(s, Entity::Officer)
            .into_iter()
            .filter(|e| e.record == o.uid)
            .collect()
    };
    assert_eq!(only(&desk).len(), 1);
    assert_eq!(only(&desk), only(&bulk));
    assert_eq!(
        row(&desk, "officers", &o.uid),
        row(&bulk, "officers", &o.uid)
    );
}

#[test]
fn a_setting_is_written_alike_at_the_desk_and_in_bulk() {
    let (mut desk, actor) = desk_book();
    write(&mut desk, &actor, |w| w.set_setting("group_threshold", "6"));
    let bulk = bulk_book(&actor, |b, _| b.setting("group_threshold", "6"));
    let only = |s: &Store| -> Vec<Entry> {
        entries(s, Entity::Setting)
            .into_iter()
            .filter(|e| e.record == "group_threshold")
            .collect()
    };
    assert_eq!(only(&desk).len(), 1);
    assert_eq!(only(&desk), only(&bulk));
    assert_eq!(only(&desk)[0].after["value"], "6");
    assert_eq!(only(&desk)[0].before["value"], "5");
}

/// A bulk load writes one entry per record, and its book checks out.
#[test]
fn a_load_writes_one_entry_per_record() {
    let mut store = Store::open_in_memory().unwrap();
    tiepdan::demo::generate(
        &mut store,
        &tiepdan::demo::DemoOptions {
            visits: 300,
            seed: 5,
            end: today(),
        },
    )
    .unwrap();
    for (entity, table) in [
        (Entity::Citizen, "citizens"),
        (Entity::Session, "sessions"),
        (Entity::Visit, "visits"),
        (Entity::Case, "cases"),
        (Entity::CaseEvent, "case_events"),
        (Entity::CaseVisit, "case_visits"),
        (Entity::Officer, "officers"),
    ] {
        let rows: i64 = store
            .inspect_one(&format!("SELECT count(*) FROM {table}"), [])
            .unwrap();
        let created: i64 = store
            .inspect_one(
                "SELECT count(*) FROM journal WHERE entity = ?1 AND op = 'create'",
                [entity.code()],
            )
            .unwrap();
        assert_eq!(created, rows, "{entity:?}");
    }
    // No local row id anywhere: references are uids (the fields as stored, read back).
    let afters: Vec<String> = store
        .inspect("SELECT after FROM journal", [], |r| Ok(after_of(r, 0)))
        .unwrap();
    assert!(afters.iter().any(|a| a.contains("\"citizen\"")));
    let ids = afters
        .iter()
        .filter(|a| {
            a.contains("\"citizen_id\"")
                || a.contains("\"officer_id\"")
                || a.contains("\"field_id\"")
        })
        .count();
    assert_eq!(ids, 0);
    assert!(store.verify_book(None).unwrap().ok());
}

// ---- check, on books on file ----

fn demo_file(dir: &Path, visits: u64, seed: u64) -> PathBuf {
    let path = dir.join(format!("demo-{visits}-{seed}.sqlite3"));
    let mut store = Store::open(&path).unwrap();
    tiepdan::demo::generate(
        &mut store,
        &tiepdan::demo::DemoOptions {
            visits,
            seed,
            end: today(),
        },
    )
    .unwrap();
    drop(store);
    path
}

fn check(path: &Path) -> tiepdan::store::BookCheck {
    Store::open_read_only(path)
        .unwrap()
        .verify_book(None)
        .unwrap()
}

#[test]
fn check_passes_on_generated_books() {
    let dir = tempfile::tempdir().unwrap();
    for (visits, seed) in [(200, 1), (1200, 2), (2500, 9)] {
        let path = demo_file(dir.path(), visits, seed);
        let r = check(&path);
        assert!(r.ok(), "{visits}/{seed}: {:?}", r.findings);
        assert!(r.entries > visits as i64);
        // Then the desk writes on it: still intact.
        let mut store = Store::open(&path).unwrap();
        let actor = demo_officer(&mut store);
        save(&mut store, &actor, &valid_visit("thu_ly"));
        drop(store);
        let r = check(&path);
        assert!(r.ok(), "{visits}/{seed} after a visit: {:?}", r.findings);
    }
}

#[test]
fn check_passes_after_sign_ins_right_and_wrong() {
    // A sign-in is an entry about the officer that changes no record: the record is still
    // compared with the last entry that did (a day at the desk: sign in, work, sign in again).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let actor = store_with_officer(&mut store);
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    store.sign_in(actor.officer_id(), PIN, now).unwrap();
    save(&mut store, &actor, &valid_visit("thu_ly"));
    assert!(store.sign_in(actor.officer_id(), "135790", now).is_err());
    store.sign_in(actor.officer_id(), PIN, now).unwrap();
    drop(store);
    let r = check(&path);
    assert!(r.ok(), "{:?}", r.findings);
}

#[test]
fn check_passes_on_an_upgraded_schema_4_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.sqlite3");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v4-book.sqlite3"),
        &path,
    )
    .unwrap();
    let legacy: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    let mut store = Store::open(&path).unwrap();
    // Every record got its baseline entry; the old audit is sealed into the chain.
    let visits: i64 = store
        .inspect_one("SELECT count(*) FROM visits", [])
        .unwrap();
    let baseline: i64 = store
        .inspect_one(
            "SELECT count(*) FROM journal WHERE entity = 'visit' AND op = 'baseline'",
            [],
        )
        .unwrap();
    assert_eq!(baseline, visits);
    let sealed = store.journal_of(Entity::Journal, "audit_legacy").unwrap();
    assert!(sealed[0].after["rows"].as_i64().unwrap() > legacy);
    let first = store.officers().unwrap()[0].id;
    let actor = sign_in_or_set(&mut store, first);
    save(&mut store, &actor, &valid_visit("thu_ly"));
    drop(store);
    let r = check(&path);
    assert!(r.ok(), "{:?}", r.findings);
    // The old audit edited: the seal shows it.
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TRIGGER audit_no_update;
             UPDATE audit_legacy SET action = 'x' WHERE id = 1;",
        )
        .unwrap();
    }
    let r = check(&path);
    let f = r.of(Check::Records).expect("found");
    assert_eq!(f.problem, Problem::Legacy);
}

/// A copy of a checked book, edited with plain SQL (triggers dropped where they refuse).
fn tampered(dir: &Path, name: &str, sql: &str) -> PathBuf {
    let src = dir.join("base.sqlite3");
    if !src.exists() {
        let path = demo_file(dir, 600, 4);
        std::fs::rename(path, &src).unwrap();
    }
    let path = dir.join(name);
    std::fs::copy(&src, &path).unwrap();
    Connection::open(&path).unwrap().execute_batch(sql).unwrap();
    path
}

#[test]
fn check_names_a_journal_entry_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = tampered(
        dir.path(),
        "rewritten.sqlite3",
        "DROP TRIGGER journal_no_update;",
    );
    // The first visit's entry that says one person came now says two (its fields read back
    // from their stored form, edited, stored again).
    let (seq, record) = {
        let c = Connection::open(&path).unwrap();
        let (seq, record, after): (i64, String, String) = c
            .prepare("SELECT seq, record, after FROM journal WHERE entity = 'visit' ORDER BY seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, after_of(r, 2))))
            .unwrap()
            .map(Result::unwrap)
            .find(|(_, _, a)| a.contains("\"people\":1"))
            .unwrap();
        let edited = after.replace("\"people\":1", "\"people\":2");
        c.execute(
            "UPDATE journal SET after = ?2 WHERE seq = ?1",
            rusqlite::params![seq, tiepdan::store::pack_journal_field(&edited)],
        )
        .unwrap();
        (seq, record)
    };
    let r = check(&path);
    let f = r.of(Check::Chain).expect("the chain is broken");
    assert_eq!(f.problem, Problem::ChainHash { seq });
    assert_eq!(
        (f.entity, f.record.as_deref()),
        (Some(Entity::Visit), Some(record.as_str()))
    );
    // The words name the row.
    let words = tiepdan::i18n::journal::finding(tiepdan::i18n::Lang::Vi, f);
    assert!(
        words.contains(&record) && words.contains(&seq.to_string()),
        "{words}"
    );
}

#[test]
fn check_names_five_journal_entries_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = tampered(
        dir.path(),
        "deleted.sqlite3",
        "DROP TRIGGER journal_no_delete;
         DELETE FROM journal WHERE seq BETWEEN 400 AND 404;",
    );
    let r = check(&path);
    let f = r.of(Check::Chain).expect("the chain is broken");
    assert_eq!(
        f.problem,
        Problem::ChainGap {
            seq: 400,
            found: 405
        }
    );
    // The records they were about have no entry any more.
    assert!(r.of(Check::Records).is_some(), "{:?}", r.findings);
}

#[test]
fn check_names_a_case_moved_without_its_step() {
    let dir = tempfile::tempdir().unwrap();
    // With the triggers in place, the move is refused outright.
    let base = tampered(dir.path(), "copy.sqlite3", "SELECT 1;");
    let refused = Connection::open(&base).unwrap().execute(
        "UPDATE cases SET status = 'da_giai_quyet'
          WHERE id = (SELECT min(id) FROM cases WHERE status = 'dang_giai_quyet')",
        [],
    );
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("only with its step")
    );
    let path = tampered(
        dir.path(),
        "moved.sqlite3",
        "DROP TRIGGER cases_status_with_step;
         UPDATE cases SET status = 'da_giai_quyet'
          WHERE id = (SELECT min(id) FROM cases WHERE status = 'dang_giai_quyet');",
    );
    let uid: String = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT uid FROM cases k WHERE status = 'da_giai_quyet' AND NOT EXISTS (
                 SELECT 1 FROM case_events e WHERE e.case_id = k.id AND e.to_status = k.status)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let r = check(&path);
    let f = r.of(Check::Records).expect("found");
    assert_eq!(
        (f.entity, f.record.as_deref()),
        (Some(Entity::Case), Some(uid.as_str()))
    );
    assert!(
        matches!(
            f.problem,
            Problem::StateDiffers { .. } | Problem::StatusNotLastStep { .. }
        ),
        "{f:?}"
    );
    // Its counters moved with it (the triggers kept them): the chain itself is whole.
    assert!(r.of(Check::Chain).is_none());
}

#[test]
fn check_names_a_visit_hidden_through_deleted_at() {
    let dir = tempfile::tempdir().unwrap();
    let path = tampered(
        dir.path(),
        "hidden.sqlite3",
        "UPDATE visits SET deleted_at = '2026-11-20T10:00:00'
          WHERE id = (SELECT min(id) FROM visits WHERE petition_type = 'to_cao');",
    );
    let uid: String = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT uid FROM visits WHERE deleted_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let r = check(&path);
    let f = r.of(Check::Records).expect("found");
    assert_eq!(f.problem, Problem::HiddenWithoutEntry);
    assert_eq!(
        (f.entity, f.record.as_deref()),
        (Some(Entity::Visit), Some(uid.as_str()))
    );
}

#[test]
fn check_names_a_counter_and_the_lookup_index_gone_astray() {
    let dir = tempfile::tempdir().unwrap();
    let path = tampered(
        dir.path(),
        "counters.sqlite3",
        "UPDATE case_status_counts SET n = n + 1 WHERE rowid = (SELECT min(rowid) FROM case_status_counts WHERE n > 0);
         DELETE FROM lookup_visits WHERE rowid = (SELECT max(rowid) FROM lookup_visits);",
    );
    let r = check(&path);
    assert!(matches!(
        r.of(Check::Counters).map(|f| &f.problem),
        Some(Problem::Counter { .. })
    ));
    let f = r.of(Check::Lookup).expect("found");
    assert_eq!(f.entity, Some(Entity::Visit));
    assert!(f.record.is_some());
}

#[test]
fn check_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path(), 300, 6);
    // The book folded into its file (no WAL beside it), as at rest.
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert!(check(&path).ok());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .args(["--lang", "en", "check", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("The book is intact"), "{text}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file's bytes");
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        mtime,
        "its time"
    );
    // A broken book: a non-zero exit, the row named.
    Connection::open(&path)
        .unwrap()
        .execute_batch("UPDATE visits SET content = 'x' WHERE id = 1;")
        .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .args(["--lang", "en", "check", "--db"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("✗ the records match the journal: visit"),
        "{text}"
    );
}

// ---- the chain, its checkpoints and its triggers ----

#[test]
fn the_journal_refuses_to_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = tampered(dir.path(), "t.sqlite3", "SELECT 1;");
    let c = Connection::open(&path).unwrap();
    assert!(
        c.execute("UPDATE journal SET op = 'x' WHERE seq = 1", [])
            .is_err()
    );
    assert!(c.execute("DELETE FROM journal WHERE seq = 1", []).is_err());
    assert!(c.execute("DELETE FROM desk_keys", []).is_err());
}

#[test]
fn the_first_write_of_a_day_signs_the_chain_so_far() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let day = |d: u32| {
        FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, d, 9, 0, 0)
            .unwrap()
    };
    clock::fix(Some(day(20)));
    let mut store = Store::open(&path).unwrap();
    let actor = store_with_officer(&mut store);
    save(&mut store, &actor, &valid_visit("huong_dan"));
    let checkpoints = |s: &Store| -> Vec<tiepdan::store::JournalEntry> {
        s.journal_entries()
            .unwrap()
            .into_iter()
            .filter(|e| e.op == Op::Checkpoint)
            .collect()
    };
    let before = checkpoints(&store).len();
    // The next day's first write signs the head as the day before left it; the second does
    // not sign again.
    clock::fix(Some(day(21)));
    let head = store.journal_entries().unwrap().last().unwrap().clone();
    write(&mut store, &actor, |w| {
        w.set_setting("group_threshold", "6")
    });
    write(&mut store, &actor, |w| {
        w.set_setting("group_threshold", "7")
    });
    let cps = checkpoints(&store);
    assert_eq!(cps.len(), before + 1);
    let cp = cps.last().unwrap();
    assert_eq!(cp.seq, head.seq + 1);
    assert_eq!(cp.after["upto"], head.seq);
    assert_eq!(cp.after["head"], head.hash.as_str());
    assert_eq!(cp.after["day"], "2026-11-21");
    assert_eq!(
        cp.at, "2026-11-21T09:00:00+07:00",
        "the time, with its offset"
    );
    drop(store);
    let r = check(&path);
    assert!(r.ok(), "{:?}", r.findings);
    assert!(r.checkpoints >= 1);
    let key = r.key.clone().unwrap();
    // The key noted elsewhere: the same passes, another is named.
    let store = Store::open_read_only(&path).unwrap();
    assert!(store.verify_book(Some(&key)).unwrap().ok());
    let other = "00".repeat(32);
    let f = store.verify_book(Some(&other)).unwrap();
    assert!(matches!(
        f.of(Check::Chain).map(|f| &f.problem),
        Some(Problem::Key { .. })
    ));
    drop(store);
    // A signature forged (its entry re-hashed, as one who knows the chain but not the key
    // would): the checkpoint is named.
    let seq = cp.seq;
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("DROP TRIGGER journal_no_update;").unwrap();
        let after: String = c
            .query_row("SELECT after FROM journal WHERE seq = ?1", [seq], |r| {
                Ok(after_of(r, 0))
            })
            .unwrap();
        let sig = cp.after["signature"].as_str().unwrap();
        let forged = after.replace(sig, &"ab".repeat(64));
        assert_ne!(forged, after);
        c.execute(
            "UPDATE journal SET after = ?2 WHERE seq = ?1",
            rusqlite::params![seq, tiepdan::store::pack_journal_field(&forged)],
        )
        .unwrap();
        rehash_from(&c, seq);
    }
    let r = check(&path);
    assert_eq!(
        r.of(Check::Chain).map(|f| &f.problem),
        Some(&Problem::Checkpoint { seq })
    );
    clock::fix(None);
}

/// A field of a journal row as canonical JSON (stored packed since migration 0034).
fn after_of(r: &rusqlite::Row, i: usize) -> String {
    tiepdan::store::unpack_journal_field(r.get_ref(i).unwrap().as_blob().unwrap()).unwrap()
}

/// An entry's columns as read back (seq, at, officer, desk, op, entity, record, versions,
/// before, after, state).
type RawEntry = (
    i64,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    String,
    String,
    Option<String>,
);

/// Recompute the chain from `seq` on (what a forger who knows the encoding but not the key
/// can do).
fn rehash_from(c: &Connection, seq: i64) {
    use tiepdan::domain::journal::{Parts, chain, encode, hash_from_hex};
    use tiepdan::store::journal_stored_text as text;
    let mut prev = hash_from_hex(
        &c.query_row("SELECT hash FROM journal WHERE seq = ?1", [seq - 1], |r| {
            Ok(text(&r.get::<_, Vec<u8>>(0)?).unwrap())
        })
        .unwrap(),
    )
    .unwrap();
    let rows: Vec<RawEntry> = c
        .prepare(
            "SELECT seq, at, officer, desk, op, entity, record, v_before, v_after, before, after,
                    state FROM journal WHERE seq >= ?1 ORDER BY seq",
        )
        .unwrap()
        .query_map([seq], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                after_of(r, 9),
                after_of(r, 10),
                r.get::<_, Option<Vec<u8>>>(11)?.and_then(|b| text(&b)),
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (s, at, officer, desk, op, entity, record, vb, va, before, after, state) in rows {
        let parts = Parts {
            seq: s,
            at: &at,
            officer: officer.as_deref(),
            desk: &desk,
            op: Op::from_code(&op).unwrap(),
            entity: Entity::from_code(&entity).unwrap(),
            record: &record,
            v_before: vb,
            v_after: va,
            before: &before,
            after: &after,
            state: state.as_deref(),
        };
        let h = chain(&prev, encode(&parts).as_bytes());
        c.execute(
            "UPDATE journal SET hash = ?2 WHERE seq = ?1",
            rusqlite::params![s, h.as_slice()],
        )
        .unwrap();
        prev = h;
    }
}

/// Only the row writers (`src/store/rows/`) write the tables of the book's records: every
/// other file of the store reads them, or writes what is derived from them (the lookup
/// index, due dates, counters) — so no write can skip its entry.
#[test]
fn only_the_row_writers_write_the_records() {
    let tables = [
        "citizens",
        "sessions",
        "visits",
        "cases",
        "case_events",
        "case_visits",
        "officers",
        "officer_roles",
        "settings",
        "fields",
        "deadline_rules",
        "calendar_days",
        "calendar_years",
        "report_closings",
        "reception_plans",
        "reception_days",
    ];
    // Derived columns written where they are computed.
    let allowed = ["UPDATE cases SET next_due"];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
    let mut dirs = vec![root.clone()];
    let mut offenders = vec![];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p != root.join("rows") {
                    dirs.push(p);
                }
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for t in tables {
                for verb in [
                    "INSERT INTO",
                    "INSERT OR IGNORE INTO",
                    "UPDATE",
                    "DELETE FROM",
                ] {
                    let needle = format!("{verb} {t} ");
                    for (i, _) in flat.match_indices(&needle) {
                        if !allowed.iter().any(|a| flat[i..].starts_with(a)) {
                            offenders.push(format!("{}: {needle}", p.display()));
                        }
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

#[test]
fn the_audit_prints_entries_in_words_and_never_an_identity() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    fix_clock();
    let mut store = Store::open(&path).unwrap();
    let actor = store_with_officer(&mut store);
    let mut d = draft("Phạm Văn Tố", "001085099999");
    d.petition_type = "to_cao".into();
    d.handling = "thu_ly".into();
    let uid = save(&mut store, &actor, &valid(&d));
    write(&mut store, &actor, |w| w.reveal_visit(&uid));
    drop(store);
    clock::fix(None);
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
            .args(["--lang", "en", "audit", "--db"])
            .arg(&path)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let all = run(&["--from", "2026-11-22", "--to", "22/11/2026"]);
    assert!(all.contains("created visit"), "{all}");
    assert!(all.contains("denouncer revealed visit"), "{all}");
    assert!(all.contains("Nguyễn Thị Lan"), "the officer by name: {all}");
    assert!(
        !all.contains("Phạm Văn Tố") && !all.contains("001085099999"),
        "{all}"
    );
    assert!(all.contains("(identity, not shown)"), "{all}");
    let one = run(&[
        "--from",
        "2026-11-22",
        "--to",
        "2026-11-22",
        "--record",
        &uid,
    ]);
    assert!(
        one.lines().count() >= 2 && one.lines().all(|l| l.contains(&uid)),
        "{one}"
    );
    let none = run(&["--from", "2026-11-01", "--to", "2026-11-02"]);
    assert!(none.contains("No journal entry"), "{none}");
    let by = run(&[
        "--from",
        "2026-11-22",
        "--to",
        "2026-11-22",
        "--officer",
        "nguyen thi lan",
    ]);
    assert!(by.lines().count() > 3, "{by}");
    let _ = NaiveDate::from_ymd_opt(2026, 11, 22);
}

#[test]
fn only_an_administrator_opens_the_journal_view() {
    use ratatui::crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let admin = store_with_officer(&mut store);
    save(&mut store, &admin, &valid_visit("thu_ly"));
    let binh = write(&mut store, &admin, |w| w.add_officer("Trần Văn Bình", ""));
    let receiver = store.set_first_pin(binh.id, PIN, PIN).unwrap();
    let mut app = app_as(store, admin);
    app.handle_key(key(KeyCode::F(3)));
    assert!(matches!(
        app.overlays.last(),
        Some(tiepdan::app::overlay::Overlay::Audit(_))
    ));
    let s = screen_of(&mut app, 120, 30);
    assert!(s.contains("Nhật ký (quản trị)"), "{s}");
    assert!(s.contains("tạo lượt tiếp"), "{s}");
    app.handle_key(key(KeyCode::Esc));
    assert!(app.overlays.is_empty());
    drop(app);
    // A receiving officer is refused, in words.
    let mut app = app_as(Store::open(&path).unwrap(), receiver);
    app.handle_key(key(KeyCode::F(3)));
    assert!(app.overlays.is_empty());
    let said = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("quản trị"), "{said}");
}

/// An import goes through the row writers: one entry per record, the file named by an
/// entry of its own; the book checks out while its index is still pending and after.
#[test]
fn an_import_is_journaled_record_by_record() {
    let mut store = Store::open_in_memory().unwrap();
    let actor = store_with_officer(&mut store);
    let rows: Vec<tiepdan::store::ImportedVisit> =
        [("Lê Văn An", "001085000011"), ("Đỗ Thị Bé", "001185000012")]
            .iter()
            .enumerate()
            .map(|(i, (name, id))| {
                let mut d = draft(name, id);
                d.handling = "huong_dan".into();
                tiepdan::store::ImportedVisit {
                    uid: format!("import-{i}"),
                    visit: valid(&d),
                    officer_id: None,
                }
            })
            .collect();
    let before = store.journal_len().unwrap();
    let out = write(&mut store, &actor, |w| {
        w.import_visits("so-cu.xlsx#abc", &rows)
    });
    assert_eq!(out.added, 2);
    let added: Vec<tiepdan::store::JournalEntry> = store
        .journal_entries()
        .unwrap()
        .into_iter()
        .filter(|e| e.seq > before)
        .collect();
    let count = |entity| added.iter().filter(|e| e.entity == entity).count();
    assert_eq!(count(Entity::Visit), 2);
    assert_eq!(count(Entity::Citizen), 2);
    let import = added.iter().find(|e| e.op == Op::Import).expect("named");
    assert_eq!(import.entity, Entity::Book);
    assert_eq!(import.record, "so-cu.xlsx#abc");
    assert!(store.verify_book(None).unwrap().ok(), "index pending");
    while store
        .index_pending(std::time::Duration::from_secs(1))
        .unwrap()
        .left
        > 0
    {}
    let r = store.verify_book(None).unwrap();
    assert!(r.ok(), "{:?}", r.findings);
}

/// No identity value ever enters the journal (it is append-only and chained, and a
/// denouncer's identity is not yet sealed at rest): a denunciation's name, ID number, phone,
/// address and a group's representatives are nowhere in it, before or after a correction.
#[test]
fn no_identity_value_ever_enters_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let me = store_with_officer(&mut store);
    let mut d = draft("Trần Thị Bảo Mật", "001203004567");
    d.phone = "0977000111".into();
    d.address = "Số 9 ngõ Kín Đáo".into();
    d.petition_type = "to_cao".into();
    d.people = "6".into();
    d.representatives = "Hoàng Văn Đại Diện; Ngô Thị Thứ Hai".into();
    let v = valid(&d);
    let saved = write(&mut store, &me, |w| {
        w.save_visit(&input(&v), &CaseChoice::OpenNew)
    });
    // A correction of the address: the change is journaled, its value is not.
    let detail = store.visit_detail(&saved.uid).unwrap();
    d.address = "Số 10 ngõ Khác Hẳn".into();
    let v2 = valid(&d);
    write(&mut store, &me, |w| {
        w.update_visit(
            &saved.uid,
            detail.row.version,
            &input(&v2),
            &CaseChoice::OpenNew,
        )
    });
    drop(store);
    let c = Connection::open(&path).unwrap();
    let text: String = c
        .prepare("SELECT before, after FROM journal")
        .unwrap()
        .query_map([], |r| Ok(after_of(r, 0) + "|" + &after_of(r, 1)))
        .unwrap()
        .map(Result::unwrap)
        .collect::<Vec<_>>()
        .join("\n");
    for secret in [
        "Bảo Mật",
        "001203004567",
        "0977000111",
        "Kín Đáo",
        "Khác Hẳn",
        "Đại Diện",
        "Thứ Hai",
    ] {
        assert!(!text.contains(secret), "the journal holds {secret:?}");
    }
    assert!(text.contains("withheld"), "{text}");
}
