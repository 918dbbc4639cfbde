//! A denouncer's identity is sealed at rest (issue 26, docs/keys.md): a book holding a
//! denunciation — logged at the desk, a form left as a draft, a backup taken — read with
//! plain SQLite and as bytes (the book, its `-wal`, the backup) shows no trace of the
//! denouncer, in NFC, NFD or folded form. And who may open it: the officer who received it,
//! a leader after unlocking the unit key with their passphrase (or the recovery code); not
//! another officer, not an administrator.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, LockWhy};
use tiepdan::domain::identity::{Place, Record, Viewer};
use tiepdan::domain::text::fold;
use tiepdan::i18n::Lang;
use tiepdan::store::{Actor, Roles, Store, StoreError};
use unicode_normalization::UnicodeNormalization;

const NAME: &str = "Trần Thị Bảo Mật";
const CCCD: &str = "001203004567";
const PHONE: &str = "0977000111";
const ADDRESS: &str = "Số 9 ngõ Kín Đáo";
/// An ordinary petitioner's name: in the clear (the search finds what is there).
const OPEN_NAME: &str = "Lê Văn Công Khai";

const PASSPHRASE: &str = "mưa rào tháng bảy";

/// Every form of every part of the denouncer's identity a search must not find.
fn needles() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for s in [NAME, "Bảo Mật", CCCD, PHONE, ADDRESS, "ngõ Kín Đáo"] {
        let nfd: String = s.nfd().collect();
        for form in [s.to_owned(), nfd, fold(s), fold(s).to_uppercase()] {
            out.push((form.clone(), form.into_bytes()));
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn no_trace(what: &str, bytes: &[u8]) {
    for (text, n) in needles() {
        assert!(!contains(bytes, &n), "{what} holds {text:?}");
    }
}

/// Log a visit from the keyboard (as `denouncer_paths.rs`).
fn log_visit(app: &mut App, who: [&str; 4], kind: &str, handling: &str) {
    app.handle_key(key(KeyCode::Char('n')));
    for text in who {
        type_str(app, text);
        tab(app);
    }
    tab(app); // people
    tab(app); // form
    for text in [kind, "dat_dai", "Tố cáo cán bộ nhận tiền", "", handling] {
        type_str(app, text);
        tab(app);
    }
    app.handle_key(ctrl('s'));
    assert!(app.overlays.is_empty(), "{:?}", app.overlays.last());
}

/// A book with a denunciation logged at the desk by its first officer, a leader who set a
/// passphrase, an administrator, another officer; returns the recovery code shown at setup
/// and the denunciation's visit uid.
struct Book {
    dir: tempfile::TempDir,
    code: String,
    visit: String,
    receiver: i64,
    leader: i64,
    admin: i64,
    other: i64,
}

fn path(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("book.sqlite3")
}

fn book() -> Book {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&path(&dir)).unwrap();
    let first = store_with_officer(&mut store);
    let code = store
        .take_recovery_code()
        .expect("the setup shows a recovery code");
    assert_eq!(store.take_recovery_code(), None, "shown once");
    let add = |store: &mut Store, name: &str, roles: Roles| {
        write(store, &first, |w| {
            let o = w.add_officer(name, "")?;
            w.set_roles(o.id, roles)?;
            Ok(o.id)
        })
    };
    let leader = add(
        &mut store,
        "Phạm Văn Lãnh",
        Roles::of(&[tiepdan::store::Role::Leader]),
    );
    let admin = add(
        &mut store,
        "Đỗ Thị Quản",
        Roles::of(&[tiepdan::store::Role::Admin]),
    );
    let other = add(
        &mut store,
        "Vũ Văn Khác",
        Roles::of(&[tiepdan::store::Role::Receiver]),
    );
    for id in [leader, admin, other] {
        store.set_first_pin(id, PIN, PIN).unwrap();
    }
    // The leader sets their passphrase while this session holds the unit key (setup).
    let l = sign_in(&mut store, leader);
    store.set_passphrase(&l, PASSPHRASE, PASSPHRASE).unwrap();
    drop(store);
    // The desk: the first officer signs in and logs a denunciation and a complaint.
    let store = Store::open(&path(&dir)).unwrap();
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (160, 45);
    log_visit(&mut app, [NAME, CCCD, PHONE, ADDRESS], "to_cao", "thu_ly");
    let visit = app.log.rows.last().unwrap().uid.clone();
    log_visit(&mut app, [OPEN_NAME, "", "", ""], "khieu_nai", "tra_loi");
    Book {
        dir,
        code,
        visit,
        receiver: first.officer_id(),
        leader,
        admin,
        other,
    }
}

/// What `actor`'s session may read of the denunciation's person after revealing it.
fn seen(store: &Store, uid: &str) -> Option<String> {
    let d = store.visit_detail(uid).unwrap();
    let mut v = Viewer::nobody();
    v.hold(store.opener());
    v.reveal(Record::Visit(uid.to_owned()));
    v.name_of(&d.row.citizen).map(str::to_owned)
}

fn reopen(b: &Book) -> Store {
    Store::open(&path(&b.dir)).unwrap()
}

fn as_officer(b: &Book, id: i64) -> (Store, Actor) {
    let mut s = reopen(b);
    let a = sign_in(&mut s, id);
    (s, a)
}

#[test]
fn a_book_its_wal_its_drafts_and_its_backup_hold_no_trace_of_the_denouncer() {
    let dir = tempfile::tempdir().unwrap();
    let book = path(&dir);
    let mut store = Store::open(&book).unwrap();
    store_with_officer(&mut store);
    drop(store);
    let store = Store::open(&book).unwrap();
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (160, 45);
    // The desk path: a denunciation (thụ lý: its case too), and an open complaint.
    log_visit(&mut app, [NAME, CCCD, PHONE, ADDRESS], "to_cao", "thu_ly");
    log_visit(&mut app, [OPEN_NAME, "", "", ""], "khieu_nai", "tra_loi");
    // The same denouncer again, by number and by name and phone (the blind index joins them).
    log_visit(&mut app, [NAME, CCCD, "", ""], "to_cao", "huong_dan");
    log_visit(&mut app, [NAME, "", PHONE, ""], "to_cao", "huong_dan");
    // A form left open with the identity typed: kept as a draft when the desk locks.
    app.handle_key(key(KeyCode::Char('n')));
    for text in [NAME, CCCD, PHONE, ADDRESS] {
        type_str(&mut app, text);
        tab(&mut app);
    }
    type_str(&mut app, "to_cao");
    app.lock_now(LockWhy::Key);
    let drafts: i64 = {
        let c = rusqlite::Connection::open(&book).unwrap();
        c.query_row("SELECT count(*) FROM drafts", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(drafts, 1, "the form is a draft");
    let backup = dir.path().join("backup.sqlite3");
    app.store.backup_into(&backup).unwrap();

    // Plain SQLite: every value of every table (the journal, the FTS index and its shadow
    // tables, the drafts, the keys) while the app still holds the book and its WAL.
    let c =
        rusqlite::Connection::open_with_flags(&book, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.iter().any(|t| t.starts_with("lookup")), "{tables:?}");
    let mut all = Vec::new();
    for t in &tables {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                use rusqlite::types::ValueRef as V;
                match r.get_ref(i).unwrap() {
                    V::Text(b) => {
                        all.extend_from_slice(b);
                        all.push(0);
                    }
                    // The journal's fields are stored compressed: read as their JSON too.
                    V::Blob(b) => {
                        all.extend_from_slice(b);
                        all.push(0);
                        if let Some(text) = tiepdan::store::journal_stored_text(b) {
                            all.extend_from_slice(text.as_bytes());
                            all.push(0);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    no_trace("the book's tables", &all);
    assert!(
        contains(&all, OPEN_NAME.as_bytes()),
        "the search finds what is there"
    );
    // The files as bytes: the book, its WAL (still there: the app holds the book), the backup.
    let wal = std::fs::read(dir.path().join("book.sqlite3-wal")).unwrap();
    assert!(!wal.is_empty(), "the WAL holds the day's commits");
    no_trace("the WAL", &wal);
    no_trace("the book file", &std::fs::read(&book).unwrap());
    let b = std::fs::read(&backup).unwrap();
    no_trace("the backup", &b);
    assert!(contains(&b, OPEN_NAME.as_bytes()), "the backup is the book");
    // And after the app closes (the last checkpoint).
    drop(app);
    no_trace("the closed book", &std::fs::read(&book).unwrap());
}

#[test]
fn the_receiving_officer_sees_another_officer_and_an_administrator_do_not() {
    let b = book();
    let (s, _) = as_officer(&b, b.receiver);
    assert_eq!(seen(&s, &b.visit).as_deref(), Some(NAME));
    let d = s.visit_detail(&b.visit).unwrap();
    let mut v = Viewer::nobody();
    v.hold(s.opener());
    v.reveal(Record::Visit(b.visit.clone()));
    assert_eq!(
        v.id_number(&d.row.citizen, Place::Detail).as_deref(),
        Some(CCCD)
    );
    assert_eq!(v.address(&d.row.citizen), Some(ADDRESS));
    // Without the reveal, the rule holds as ever.
    let mut quiet = Viewer::nobody();
    quiet.hold(s.opener());
    assert_eq!(quiet.name_of(&d.row.citizen), None);
    drop(s);
    for id in [b.other, b.admin, b.leader] {
        let (s, _) = as_officer(&b, id);
        assert_eq!(seen(&s, &b.visit), None, "officer {id} reads the denouncer");
    }
    // An administrator cannot unlock the unit key.
    let (mut s, admin) = as_officer(&b, b.admin);
    assert!(matches!(
        s.unlock_unit(&admin, PASSPHRASE),
        Err(StoreError::Forbidden(_))
    ));
    assert!(matches!(
        s.recover_unit(&admin, &b.code),
        Err(StoreError::Forbidden(_))
    ));
    assert_eq!(seen(&s, &b.visit), None);
}

#[test]
fn a_leader_sees_after_unlocking_and_a_wrong_passphrase_is_refused() {
    let b = book();
    let (mut s, leader) = as_officer(&b, b.leader);
    assert!(!s.unit_unlocked());
    assert!(matches!(
        s.unlock_unit(&leader, "mưa rào tháng tám"),
        Err(StoreError::WrongPassphrase)
    ));
    assert_eq!(seen(&s, &b.visit), None);
    s.unlock_unit(&leader, PASSPHRASE).unwrap();
    assert!(s.unit_unlocked());
    assert_eq!(seen(&s, &b.visit).as_deref(), Some(NAME));
    // Locking the desk forgets it.
    s.forget_keys();
    assert_eq!(seen(&s, &b.visit), None);
}

#[test]
fn the_recovery_code_restores_access_and_a_new_passphrase_and_code_follow() {
    let b = book();
    let (mut s, leader) = as_officer(&b, b.leader);
    assert!(matches!(
        s.recover_unit(&leader, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"),
        Err(StoreError::WrongPassphrase)
    ));
    // Typed loosely: lower case, spaces for dashes.
    s.recover_unit(&leader, &b.code.to_lowercase().replace('-', " "))
        .unwrap();
    assert_eq!(seen(&s, &b.visit).as_deref(), Some(NAME));
    // A forgotten passphrase: a new one set, a new code made (the old one no longer opens).
    s.set_passphrase(&leader, "nắng sớm tháng mười", "nắng sớm tháng mười")
        .unwrap();
    let new_code = s.new_recovery_code(&leader).unwrap();
    assert_ne!(new_code, b.code);
    drop(s);
    let (mut s, leader) = as_officer(&b, b.leader);
    assert!(matches!(
        s.unlock_unit(&leader, PASSPHRASE),
        Err(StoreError::WrongPassphrase)
    ));
    assert!(matches!(
        s.recover_unit(&leader, &b.code),
        Err(StoreError::WrongPassphrase)
    ));
    s.unlock_unit(&leader, "nắng sớm tháng mười").unwrap();
    assert_eq!(seen(&s, &b.visit).as_deref(), Some(NAME));
    drop(s);
    let (mut s, leader) = as_officer(&b, b.leader);
    s.recover_unit(&leader, &new_code).unwrap();
    assert_eq!(seen(&s, &b.visit).as_deref(), Some(NAME));
    // A PIN is no passphrase.
    assert!(matches!(
        s.set_passphrase(&leader, "24681357", "24681357"),
        Err(StoreError::BadPin(_))
    ));
    // Every key event is in the journal, by whom, naming the unit key and nothing secret.
    use tiepdan::domain::journal::{Entity, Op};
    let ops: Vec<Op> = s
        .journal_of(Entity::Officer, leader.uid())
        .unwrap()
        .iter()
        .map(|e| e.op)
        .filter(|op| !matches!(op, Op::SignIn | Op::Create | Op::Update | Op::PinSet))
        .collect();
    assert_eq!(
        ops,
        [
            Op::PassphraseSet, // at setup (book())
            Op::UnitUnlockFailed,
            Op::UnitRecovered,
            Op::PassphraseSet,
            Op::RecoveryCodeMade,
            Op::UnitUnlockFailed,
            Op::UnitUnlockFailed,
            Op::UnitUnlocked,
            Op::UnitRecovered,
        ]
    );
    let c = s.verify_book(None).unwrap();
    assert!(c.ok(), "{c:?}");
}

#[test]
fn a_sealed_book_passes_its_check() {
    let b = book();
    let s = reopen(&b);
    let c = s.verify_book(None).unwrap();
    assert!(c.ok(), "{c:?}");
}

/// A second person's identity for the tests of a petitioner who also denounces.
const CCCD2: &str = "001204009876";
const PHONE2: &str = "0988111222";
/// A group denunciation's representatives (sealed like a denouncer's identity).
const REPS: [&str; 2] = ["Nguyễn Đại Diện", "Trần Thị Kín Tên"];

/// Every text and blob value of every table of the book at `book`, read with plain SQLite:
/// (table, row as one text).
fn every_row(book: &std::path::Path) -> Vec<(String, String)> {
    let c = rusqlite::Connection::open_with_flags(book, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in &tables {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let mut row = String::new();
            for i in 0..n {
                use rusqlite::types::ValueRef as V;
                match r.get_ref(i).unwrap() {
                    V::Text(b) => row.push_str(&String::from_utf8_lossy(b)),
                    // The journal's fields are stored compressed: read as their JSON.
                    V::Blob(b) => match tiepdan::store::journal_stored_text(b) {
                        Some(text) => row.push_str(&text),
                        None => row.push_str(&String::from_utf8_lossy(b)),
                    },
                    V::Integer(x) => row.push_str(&x.to_string()),
                    _ => {}
                }
                row.push('\u{1}');
            }
            out.push((t.clone(), row));
        }
    }
    out
}

/// A person on record as a complainant who also denounces is two records (issue 26): the
/// denunciations rest on a sealed record, never on the open one, and nothing in the book —
/// the records, the journal, the lookup index — names the open record beside a denunciation.
/// A group denunciation's representatives are sealed too; the receiving officer reads them.
#[test]
fn a_complainant_who_also_denounces_is_two_records_and_nothing_links_them() {
    let dir = tempfile::tempdir().unwrap();
    let book = path(&dir);
    let mut store = Store::open(&book).unwrap();
    let officer = store_with_officer(&mut store).officer_id();
    drop(store);
    let store = Store::open(&book).unwrap();
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (160, 45);
    let who = [OPEN_NAME, CCCD2, PHONE2, ""];
    log_visit(&mut app, who, "khieu_nai", "tra_loi");
    log_visit(&mut app, who, "to_cao", "thu_ly");
    log_visit(&mut app, [OPEN_NAME, CCCD2, "", ""], "to_cao", "huong_dan");
    log_visit(
        &mut app,
        [OPEN_NAME, "", PHONE2, ""],
        "khieu_nai",
        "tra_loi",
    );
    // The log names the complainant on their complaints and nobody on the denunciations.
    let rows = app.log.rows.clone();
    assert_eq!(rows.len(), 4);
    let nobody = Viewer::nobody();
    let names: Vec<Option<&str>> = rows.iter().map(|r| nobody.name_of(&r.citizen)).collect();
    assert_eq!(
        names,
        [Some(OPEN_NAME), None, None, Some(OPEN_NAME)],
        "complaints open, denunciations guarded"
    );
    drop(app);
    // A group denunciation with its representatives, through the store.
    let mut store = Store::open(&book).unwrap();
    let actor = sign_in(&mut store, officer);
    let mut d = draft("Đoàn Tố Giác", "");
    d.phone = String::new();
    d.petition_type = "to_cao".into();
    d.handling = "huong_dan".into();
    d.people = "6".into();
    d.representatives = REPS.join("; ");
    let group = save(&mut store, &actor, &valid(&d));
    // The receiving officer reads the representatives (after the audited reveal).
    let detail = store.visit_detail(&group).unwrap();
    let mut v = Viewer::nobody();
    v.hold(store.opener());
    assert_eq!(v.representatives(&detail.row.citizen), None, "not revealed");
    v.reveal(Record::Visit(group.clone()));
    assert_eq!(
        v.representatives(&detail.row.citizen)
            .map(<[String]>::to_vec),
        Some(REPS.map(str::to_owned).to_vec())
    );
    assert!(store.verify_book(None).unwrap().ok());
    drop(store);

    let c = rusqlite::Connection::open(&book).unwrap();
    // Every denunciation (visit and case) rests on a sealed record.
    assert_eq!(open_denunciations(&c), 0);
    // The complainant's open record holds their two complaints and nothing else.
    let (open_id, open_uid): (i64, String) = c
        .query_row(
            "SELECT id, uid FROM citizens WHERE full_name = ?1",
            [OPEN_NAME],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let kinds: Vec<String> = c
        .prepare("SELECT petition_type FROM visits WHERE citizen_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([open_id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(kinds, ["khieu_nai", "khieu_nai"]);
    // The two denunciations joined one sealed record (by the blind index).
    let sealed: i64 = c
        .query_row(
            "SELECT count(DISTINCT citizen_id) FROM visits v
             WHERE petition_type = 'to_cao' AND citizen_id != (
                SELECT citizen_id FROM visits WHERE uid = ?1)",
            [&group],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        sealed, 1,
        "one sealed record for the complainant's denunciations"
    );
    // The uids of everything denunciation: visits, cases, the sealed citizens.
    let mut secret: Vec<String> = c
        .prepare(
            "SELECT uid FROM visits WHERE petition_type = 'to_cao'
             UNION SELECT uid FROM cases WHERE case_type = 'to_cao'
             UNION SELECT uid FROM citizens WHERE sealed IS NOT NULL",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    secret.sort();
    assert!(secret.len() >= 5, "{secret:?}");
    drop(c);
    // No row of any table (the journal, the lookup index and its shadow tables, the papers,
    // the case events…) names the open record together with anything of a denunciation.
    for (table, row) in every_row(&book) {
        if !row.contains(&open_uid) {
            continue;
        }
        for s in &secret {
            assert!(
                !row.contains(s.as_str()),
                "{table} links the complainant {open_uid} to {s}: {row}"
            );
        }
    }
    // The representatives' names are nowhere in the book, in any form.
    let bytes = std::fs::read(&book).unwrap();
    let rows: String = every_row(&book).into_iter().map(|(_, r)| r).collect();
    for name in REPS {
        for form in [name.to_owned(), name.nfd().collect(), fold(name)] {
            assert!(!rows.contains(&form), "a table holds {form:?}");
            assert!(
                !contains(&bytes, form.as_bytes()),
                "the file holds {form:?}"
            );
        }
    }
}

/// A book from before denunciations were kept apart (`0030`): a complainant's open record
/// holds their denunciation and its case, a group denunciation's representatives stand in the
/// clear. The upgrade moves the denunciation and its case to a sealed record of their own,
/// seals the representatives, wipes the old pages, and the book passes its check.
#[test]
fn the_upgrade_moves_denunciations_off_open_records_and_seals_representatives() {
    let dir = tempfile::tempdir().unwrap();
    let book = path(&dir);
    let mut store = Store::open(&book).unwrap();
    let actor = store_with_officer(&mut store);
    let mut complaint = draft(OPEN_NAME, CCCD2);
    complaint.handling = "tra_loi".into();
    save(&mut store, &actor, &valid(&complaint));
    let mut denunciation = draft(OPEN_NAME, CCCD2);
    denunciation.petition_type = "to_cao".into();
    let den = save(&mut store, &actor, &valid(&denunciation));
    let mut group = draft("Đoàn Tố Giác", "");
    group.petition_type = "to_cao".into();
    group.handling = "huong_dan".into();
    group.people = "6".into();
    group.representatives = REPS.join("; ");
    let group = save(&mut store, &actor, &valid(&group));
    drop(store);
    {
        // As such a book was: the denunciation and its case on the open record, the
        // representatives in the clear, the column of 0030 not there.
        let c = rusqlite::Connection::open(&book).unwrap();
        let open: i64 = c
            .query_row(
                "SELECT id FROM citizens WHERE full_name = ?1",
                [OPEN_NAME],
                |r| r.get(0),
            )
            .unwrap();
        c.execute(
            "UPDATE visits SET citizen_id = ?1 WHERE uid = ?2",
            rusqlite::params![open, den],
        )
        .unwrap();
        c.execute(
            "UPDATE cases SET citizen_id = ?1 WHERE case_type = 'to_cao'",
            [open],
        )
        .unwrap();
        c.execute(
            "UPDATE visits SET representatives = ?1 WHERE uid = ?2",
            rusqlite::params![serde_json::to_string(&REPS).unwrap(), group],
        )
        .unwrap();
        c.execute_batch(
            "ALTER TABLE visits DROP COLUMN sealed_representatives;
             DROP TABLE dialogue_promises;
             DROP TABLE dialogues;
             DROP TABLE citizen_aliases;
             DROP TABLE merge_origins;
             PRAGMA user_version = 21;",
        )
        .unwrap();
        let held: i64 = c
            .query_row(
                "SELECT count(*) FROM visits v JOIN citizens c ON c.id = v.citizen_id
                 WHERE v.petition_type = 'to_cao' AND c.sealed IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            held, 1,
            "the old book holds a denunciation on an open record"
        );
    }
    let store = Store::open(&book).unwrap();
    let check = store.verify_book(None).unwrap();
    assert!(check.ok(), "{check:?}");
    drop(store);
    let c = rusqlite::Connection::open(&book).unwrap();
    assert_eq!(open_denunciations(&c), 0);
    let reps: String = c
        .query_row(
            "SELECT representatives FROM visits WHERE uid = ?1",
            [&group],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reps, "[]");
    drop(c);
    let bytes = std::fs::read(&book).unwrap();
    for name in REPS {
        assert!(
            !contains(&bytes, name.as_bytes()),
            "the file holds {name:?}"
        );
    }
}

/// A leader rotates the unit key: the old one retired and kept, every identity sealed again
/// (to the new key and to its receiving officer), the leader's new passphrase and a new
/// recovery code open the new key — the old passphrase and code no longer do — and the book
/// passes its check.
#[test]
fn a_rotated_unit_key_seals_everything_again_and_the_old_secrets_stop_opening_it() {
    let b = book();
    let (mut s, leader) = as_officer(&b, b.leader);
    assert!(matches!(
        s.rotate_unit_key(&leader, "gió mùa đông bắc", "gió mùa đông bắc"),
        Err(StoreError::KeysLocked)
    ));
    s.unlock_unit(&leader, PASSPHRASE).unwrap();
    let r = s
        .rotate_unit_key(&leader, "gió mùa đông bắc", "gió mùa đông bắc")
        .unwrap();
    assert!(r.resealed >= 1, "{r:?}");
    assert_eq!(r.unopened, 0);
    assert_ne!(r.code, b.code);
    assert_eq!(seen(&s, &b.visit).as_deref(), Some(NAME));
    let check = s.verify_book(None).unwrap();
    assert!(check.ok(), "{check:?}");
    drop(s);
    {
        let c = rusqlite::Connection::open(path(&b.dir)).unwrap();
        let (all, retired): (i64, i64) = c
            .query_row(
                "SELECT count(*), count(retired_at) FROM unit_keys",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((all, retired), (2, 1));
    }
    // The receiving officer still reads what they received (sealed again to them).
    let (s, _) = as_officer(&b, b.receiver);
    assert_eq!(seen(&s, &b.visit).as_deref(), Some(NAME));
    drop(s);
    // The leader: the new passphrase opens the new key; the old one and the old code do not.
    let (mut s, leader) = as_officer(&b, b.leader);
    assert!(matches!(
        s.unlock_unit(&leader, PASSPHRASE),
        Err(StoreError::WrongPassphrase)
    ));
    assert!(matches!(
        s.recover_unit(&leader, &b.code),
        Err(StoreError::WrongPassphrase)
    ));
    s.unlock_unit(&leader, "gió mùa đông bắc").unwrap();
    assert_eq!(seen(&s, &b.visit).as_deref(), Some(NAME));
    drop(s);
    let (mut s, leader) = as_officer(&b, b.leader);
    s.recover_unit(&leader, &r.code).unwrap();
    assert_eq!(seen(&s, &b.visit).as_deref(), Some(NAME));
    // The rotation is in the journal.
    use tiepdan::domain::journal::{Entity, Op};
    assert!(
        s.journal_of(Entity::Officer, leader.uid())
            .unwrap()
            .iter()
            .any(|e| e.op == Op::UnitKeyRotated)
    );
}

/// Denunciations (visits and cases) resting on an open citizen's record.
fn open_denunciations(c: &rusqlite::Connection) -> i64 {
    c.query_row(
        "SELECT (SELECT count(*) FROM visits v JOIN citizens c ON c.id = v.citizen_id
                 WHERE v.petition_type = 'to_cao' AND c.sealed IS NULL)
              + (SELECT count(*) FROM cases k JOIN citizens c ON c.id = k.citizen_id
                 WHERE k.case_type = 'to_cao' AND c.sealed IS NULL)",
        [],
        |r| r.get(0),
    )
    .unwrap()
}
