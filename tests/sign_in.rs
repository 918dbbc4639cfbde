//! Signing in at the store (issue 25): PINs kept only as Argon2id PHC strings, wrong
//! entries counted in the book, a read-only book's wait kept in the process, older books
//! upgraded without loss (every officer receives, a leader leads, the first officer
//! administers — and leads when nobody did — and each sets a PIN at their first sign-in).

mod common;

use std::path::{Path, PathBuf};

use common::*;
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::store::{Role, Roles, Store, StoreError};

fn hash_of(store: &Store, id: i64) -> String {
    store
        .inspect_one("SELECT pin_hash FROM officers WHERE id = ?1", [id])
        .unwrap()
}

#[test]
fn a_pin_is_kept_only_as_an_argon2id_phc_string() {
    let mut store = Store::open_in_memory().unwrap();
    store_with_officer(&mut store);
    let h = hash_of(&store, 1);
    // (This test process hashes at the cheapest cost; tests/pin_cost.rs checks the real one.)
    assert!(h.starts_with("$argon2id$v=19$m="), "{h}");
    assert!(!h.contains(PIN));
    assert_eq!(
        h.split('$').count(),
        7,
        "algorithm, version, parameters, salt, check, the keyed mark"
    );
    assert!(h.ends_with("$k1"), "{h}");
    // Nothing else in the book holds it.
    let dump: Vec<String> = store
        .inspect("SELECT before, after FROM journal", [], |r| {
            let field = |i: usize| -> rusqlite::Result<String> {
                Ok(tiepdan::store::unpack_journal_field(&r.get::<_, Vec<u8>>(i)?).unwrap())
            };
            Ok(field(0)? + &field(1)?)
        })
        .unwrap();
    assert!(dump.iter().all(|a| !a.contains(PIN) && !a.contains(&h)));
}

#[test]
fn wrong_entries_count_in_the_book_wait_and_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store_with_officer(&mut store);
    let t0 = at(9, 0);
    for n in 1..=4 {
        assert!(matches!(
            store.sign_in(1, "000999", t0),
            Err(StoreError::WrongPin { failures, wait_secs: 0 }) if failures == n
        ));
    }
    assert!(matches!(
        store.sign_in(1, "000999", t0),
        Err(StoreError::WrongPin {
            failures: 5,
            wait_secs: 30
        })
    ));
    drop(store);
    // Another connection (a restart, another desk) sees the same wait.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.sign_in_wait(1, t0).unwrap(), 30);
    assert!(matches!(
        store.sign_in(1, PIN, t0 + chrono::TimeDelta::seconds(29)),
        Err(StoreError::SignInWait { secs: 1 })
    ));
    let actor = store
        .sign_in(1, PIN, t0 + chrono::TimeDelta::seconds(30))
        .unwrap();
    assert_eq!(actor.name(), "Nguyễn Thị Lan");
    assert_eq!(store.sign_in_failures(1).unwrap(), 0);
    assert_eq!(store.sign_in_wait(1, t0).unwrap(), 0);
    // A disabled officer signs in no more, right PIN or not.
    let binh = write(&mut store, &actor, |w| w.add_officer("Trần Văn Bình", "")).id;
    store.set_first_pin(binh, "135790", "135790").unwrap();
    write(&mut store, &actor, |w| w.disable_officer(binh));
    assert!(matches!(
        store.sign_in(binh, "135790", t0),
        Err(StoreError::NotPermitted)
    ));
}

#[test]
fn a_read_only_book_keeps_the_wait_in_the_process() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store_with_officer(&mut store);
    }
    let mut store = Store::open_read_only(&path).unwrap();
    let t0 = at(9, 0);
    for _ in 0..5 {
        let _ = store.sign_in(1, "000999", t0);
    }
    assert!(matches!(
        store.sign_in(1, PIN, t0),
        Err(StoreError::SignInWait { secs: 30 })
    ));
    assert!(
        store
            .sign_in(1, PIN, t0 + chrono::TimeDelta::seconds(30))
            .is_ok()
    );
    // Nothing was written to the book.
    assert_eq!(Store::open(&path).unwrap().sign_in_failures(1).unwrap(), 0);
}

#[test]
fn a_first_pin_is_set_once_and_an_administrator_resets_a_forgotten_one() {
    let mut store = Store::open_in_memory().unwrap();
    let lan = store_with_officer(&mut store);
    let binh = write(&mut store, &lan, |w| w.add_officer("Trần Văn Bình", "")).id;
    assert!(matches!(
        store.sign_in(binh, "135790", at(9, 0)),
        Err(StoreError::PinNotSet)
    ));
    assert!(matches!(
        store.set_first_pin(binh, "13579", "13579"),
        Err(StoreError::BadPin(_))
    ));
    store.set_first_pin(binh, "135790", "135790").unwrap();
    // Set once: nobody sets it again this way.
    assert!(matches!(
        store.set_first_pin(binh, "864200", "864200"),
        Err(StoreError::Conflict { .. })
    ));
    // Forgotten: an administrator removes it, and Bình sets a new one.
    write(&mut store, &lan, |w| w.reset_pin(binh));
    assert!(matches!(
        store.sign_in(binh, "135790", at(9, 0)),
        Err(StoreError::PinNotSet)
    ));
    store.set_first_pin(binh, "864200", "864200").unwrap();
    // Not one's own: it is changed with the one known.
    assert!(matches!(
        store.write(&lan, |w| w.reset_pin(lan.officer_id())),
        Err(StoreError::Invalid(_))
    ));
    let audit: Vec<Op> = store
        .journal_of(Entity::Officer, &store.officer(binh).unwrap().unwrap().uid)
        .unwrap()
        .into_iter()
        .map(|a| a.op)
        .collect();
    assert_eq!(audit, [Op::Create, Op::PinSet, Op::PinReset, Op::PinSet]);
}

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

#[test]
fn an_older_book_upgrades_with_roles_and_first_pins() {
    let dir = tempfile::tempdir().unwrap();
    // Four officers, one marked as a leader (Phạm Quốc Hưng).
    let path = fixture("v4-book.sqlite3", dir.path());
    let mut store = Store::open(&path).unwrap();
    let roles = |store: &Store, name: &str| store.officer_named(name).unwrap().unwrap().roles;
    assert_eq!(
        roles(&store, "Nguyễn Thị Lan"),
        Roles::of(&[Role::Receiver, Role::Admin]),
        "the first officer administers"
    );
    assert_eq!(
        roles(&store, "Phạm Quốc Hưng"),
        Roles::of(&[Role::Receiver, Role::Leader])
    );
    assert_eq!(roles(&store, "Lê Thu Hà"), Roles::of(&[Role::Receiver]));
    assert!(store.officers().unwrap().iter().all(|o| !o.has_pin));
    // The upgrade says so in the audit, officer by officer.
    let lan = store.officer_named("Nguyễn Thị Lan").unwrap().unwrap();
    let audit = store.legacy_audit_of("officers", &lan.uid).unwrap();
    assert_eq!(audit.last().unwrap().action, "roles_at_upgrade");
    // Each sets a PIN at their first sign-in.
    cheap();
    let actor = store.set_first_pin(lan.id, PIN, PIN).unwrap();
    assert!(store.sign_in(lan.id, PIN, at(9, 0)).is_ok());
    write(&mut store, &actor, |w| {
        w.set_setting("group_threshold", "6")
    });

    // A book of one officer, no leader: they lead too, so the desk keeps deciding.
    let path = fixture("v1-foundation.sqlite3", dir.path());
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.officers().unwrap()[0].roles,
        Roles::of(&[Role::Receiver, Role::Leader, Role::Admin])
    );
}
