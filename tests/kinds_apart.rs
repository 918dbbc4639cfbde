//! A denunciation never shares a record with another kind (Luật Tố cáo Art 8(3), 47, 56): the
//! same-matter question offers only a case of the petition's own kind, every write path that
//! links a visit and a case refuses a link across kinds with words, the SQL triggers refuse it
//! when written directly, a correction of a visit whose case holds other visits changes the
//! case only as the officer said, and old books have their cross links undone at upgrade.

mod common;

use common::*;
use rand::{Rng, SeedableRng};
use tiepdan::domain::case::CaseType;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::store::{
    Actor, CaseSource, CitizenInput, NewCase, SharedCaseChoice, Store, StoreError, VisitInput,
};

const NAME: &str = "Phạm Văn Đôn";
const CCCD: &str = "001085012345";

fn book() -> (tempfile::TempDir, Store, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
    let actor = store_with_officer(&mut store);
    (dir, store, actor)
}

fn raw(dir: &tempfile::TempDir) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.path().join("book.sqlite3")).unwrap()
}

/// A thụ lý visit of `kind` by the citizen, in land, saved with `choice`.
fn visit_of(
    store: &mut Store,
    actor: &Actor,
    kind: &str,
    choice: CaseChoice,
) -> Result<tiepdan::store::SavedVisit, StoreError> {
    let mut d = draft(NAME, CCCD);
    d.petition_type = kind.into();
    let v = valid(&d);
    store.write(actor, |w| w.save_visit(&input(&v), &choice))
}

/// Every link joins a visit and a case of one kind.
fn links_are_one_kind(dir: &tempfile::TempDir) {
    let crossed: i64 = raw(dir)
        .query_row(
            "SELECT count(*) FROM case_visits cv JOIN visits v ON v.id = cv.visit_id
             JOIN cases k ON k.id = cv.case_id
             WHERE CASE v.petition_type WHEN 'kien_nghi' THEN 'kien_nghi_phan_anh'
                   WHEN 'phan_anh' THEN 'kien_nghi_phan_anh' ELSE v.petition_type END
                   != k.case_type",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(crossed, 0, "a link across kinds");
}

#[test]
fn the_same_matter_question_offers_only_a_case_of_the_petitions_own_kind() {
    let (dir, mut store, actor) = book();
    // A complaint opens KN-…-0001; the same citizen's denunciation in the same field asks
    // nothing and opens its own TC case.
    let kn = visit_of(&mut store, &actor, "khieu_nai", CaseChoice::Ask).unwrap();
    assert_eq!(kn.case.as_ref().unwrap().code, "KN-2026-BD-0001");
    let tc = visit_of(&mut store, &actor, "to_cao", CaseChoice::Ask).unwrap();
    let tc_case = tc.case.unwrap();
    assert_eq!(tc_case.code, "TC-2026-BD-0001");
    assert!(!tc_case.joined);
    // And the other way round: a second complaint asks about the complaint only…
    match visit_of(&mut store, &actor, "khieu_nai", CaseChoice::Ask) {
        Err(StoreError::OpenCaseExists { code, .. }) => assert_eq!(code, "KN-2026-BD-0001"),
        other => panic!("{other:?}"),
    }
    // …a second denunciation about the same denouncer's denunciation.
    match visit_of(&mut store, &actor, "to_cao", CaseChoice::Ask) {
        Err(StoreError::OpenCaseExists { code, .. }) => assert_eq!(code, "TC-2026-BD-0001"),
        other => panic!("{other:?}"),
    }
    // A petition (kiến nghị) opens its own KNPA case.
    let pa = visit_of(&mut store, &actor, "kien_nghi", CaseChoice::Ask).unwrap();
    assert_eq!(pa.case.unwrap().code, "KNPA-2026-BD-0001");
    links_are_one_kind(&dir);
}

#[test]
fn every_write_path_that_links_refuses_a_link_across_kinds() {
    let (dir, mut store, actor) = book();
    let kn = visit_of(&mut store, &actor, "khieu_nai", CaseChoice::Ask).unwrap();
    let kn_case = kn.case.unwrap();
    let tc = visit_of(&mut store, &actor, "to_cao", CaseChoice::Ask).unwrap();
    let tc_case = tc.case.unwrap();

    // save_visit choosing to join a case of another kind.
    for (kind, case) in [("to_cao", &kn_case), ("khieu_nai", &tc_case)] {
        match visit_of(&mut store, &actor, kind, CaseChoice::Join(case.uid.clone())) {
            Err(StoreError::AcrossKinds { code, .. }) => {
                assert_eq!(code.as_ref(), Some(&case.code))
            }
            other => panic!("{kind} joining {}: {other:?}", case.code),
        }
    }
    // A written petition joining a case of another kind.
    let who = CitizenInput {
        full_name: NAME,
        id_number: None,
        phone: None,
        address: "",
    };
    let petition = |t: CaseType| NewCase {
        case_type: t,
        field_code: "dat_dai".into(),
        summary: "Đơn gửi qua bưu điện".into(),
        source: CaseSource::Post,
        forwarded_by: String::new(),
        forwarding_doc: String::new(),
        forwarder_kind: None,
        received_on: today(),
        remote: false,
    };
    let r = store.write(&actor, |w| {
        w.take_in_written(
            &who,
            None,
            false,
            &petition(CaseType::ToCao),
            &CaseChoice::Join(kn_case.uid.clone()),
        )
    });
    assert!(matches!(r, Err(StoreError::AcrossKinds { .. })), "{r:?}");
    // Another case from a visit (`c`) of another kind.
    let r = store.write(&actor, |w| {
        w.open_case_from_visit(&kn.uid, &petition(CaseType::ToCao))
    });
    assert!(
        matches!(r, Err(StoreError::AcrossKinds { code: None, .. })),
        "{r:?}"
    );
    let r = store.write(&actor, |w| {
        w.open_case_from_visit(&tc.uid, &petition(CaseType::KhieuNai))
    });
    assert!(matches!(r, Err(StoreError::AcrossKinds { .. })), "{r:?}");
    // Of its own kind it is allowed.
    store
        .write(&actor, |w| {
            w.open_case_from_visit(&kn.uid, &petition(CaseType::KhieuNai))
        })
        .unwrap();
    links_are_one_kind(&dir);

    // Written directly, the book refuses it too.
    let c = raw(&dir);
    let id = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    let tc_visit = id("SELECT id FROM visits WHERE petition_type = 'to_cao'");
    let kn_case_id = id("SELECT id FROM cases WHERE case_type = 'khieu_nai' ORDER BY id LIMIT 1");
    let e = c
        .execute(
            "INSERT INTO case_visits (case_id, visit_id) VALUES (?1, ?2)",
            [kn_case_id, tc_visit],
        )
        .unwrap_err();
    assert!(e.to_string().contains("one kind"), "{e}");
    let e = c
        .execute(
            "UPDATE cases SET case_type = 'to_cao' WHERE id = ?1",
            [kn_case_id],
        )
        .unwrap_err();
    assert!(e.to_string().contains("one kind"), "{e}");
    links_are_one_kind(&dir);
}

/// Two complaint visits in one case: the second joined the first's.
fn shared_case(store: &mut Store, actor: &Actor) -> (String, String, String) {
    let first = visit_of(store, actor, "khieu_nai", CaseChoice::Ask).unwrap();
    let case = first.case.unwrap();
    let second = visit_of(
        store,
        actor,
        "khieu_nai",
        CaseChoice::Join(case.uid.clone()),
    )
    .unwrap();
    assert!(second.case.unwrap().joined);
    (first.uid, second.uid, case.uid)
}

fn corrected(
    store: &mut Store,
    actor: &Actor,
    uid: &str,
    field: &str,
    kind: &str,
    shared: SharedCaseChoice,
) -> Result<Option<tiepdan::store::SavedCase>, StoreError> {
    let detail = store.visit_detail(uid).unwrap();
    let mut d = draft(NAME, CCCD);
    d.field = field.into();
    d.petition_type = kind.into();
    let v = valid(&d);
    let input = VisitInput {
        shared,
        ..input(&v)
    };
    store.write(actor, |w| {
        w.update_visit(uid, detail.row.version, &input, &CaseChoice::OpenNew)
    })
}

#[test]
fn correcting_one_visit_of_a_shared_case_asks_what_the_case_does() {
    let (dir, mut store, actor) = book();
    let (first, second, case) = shared_case(&mut store, &actor);
    // Asked first: nothing changes.
    match corrected(
        &mut store,
        &actor,
        &first,
        "den_bu_gpmb",
        "khieu_nai",
        SharedCaseChoice::Ask,
    ) {
        Err(StoreError::SharedCase { code, others, .. }) => {
            assert_eq!(code, "KN-2026-BD-0001");
            assert_eq!(others, 1);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store.case_detail(&case).unwrap().row.field_name, "Đất đai");
    // The whole case follows: the case and its other visit move to the new field.
    corrected(
        &mut store,
        &actor,
        &first,
        "den_bu_gpmb",
        "khieu_nai",
        SharedCaseChoice::Follow,
    )
    .unwrap();
    let moved = store.case_detail(&case).unwrap();
    assert_ne!(moved.row.field_name, "Đất đai");
    assert_eq!(
        store.visit_detail(&second).unwrap().row.field_name,
        moved.row.field_name,
        "the other visit moved with its case"
    );
    assert_eq!(moved.visits.len(), 2);
    // Only this visit: it leaves the case, which stays where it is with its other visit.
    corrected(
        &mut store,
        &actor,
        &first,
        "dat_dai",
        "khieu_nai",
        SharedCaseChoice::Leave,
    )
    .unwrap();
    let kept = store.case_detail(&case).unwrap();
    assert_eq!(kept.row.field_name, moved.row.field_name);
    assert_eq!(kept.visits.len(), 1);
    let left = store.visit_detail(&first).unwrap();
    assert_eq!(left.row.field_name, "Đất đai");
    // Its thụ lý took in a case of its own (OpenNew), never the one it left.
    assert_ne!(left.row.case_code.as_deref(), Some("KN-2026-BD-0001"));
    let audit = store
        .journal(&tiepdan::store::AuditFilter {
            record: Some(case.clone()),
            ..Default::default()
        })
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.entity == Entity::CaseVisit && a.op == Op::Delete),
        "{audit:?}"
    );
    links_are_one_kind(&dir);
}

#[test]
fn a_kind_never_crosses_a_shared_case() {
    let (dir, mut store, actor) = book();
    let (first, _, case) = shared_case(&mut store, &actor);
    match corrected(
        &mut store,
        &actor,
        &first,
        "dat_dai",
        "to_cao",
        SharedCaseChoice::Ask,
    ) {
        Err(StoreError::SharedCase { what, .. }) => {
            assert_eq!(what, tiepdan::store::EditWhat::Type)
        }
        other => panic!("{other:?}"),
    }
    let r = corrected(
        &mut store,
        &actor,
        &first,
        "dat_dai",
        "to_cao",
        SharedCaseChoice::Follow,
    );
    assert!(matches!(r, Err(StoreError::AcrossKinds { .. })), "{r:?}");
    // Leaving, the denunciation gets its own TC case; the complaint case keeps its own.
    corrected(
        &mut store,
        &actor,
        &first,
        "dat_dai",
        "to_cao",
        SharedCaseChoice::Leave,
    )
    .unwrap();
    let d = store.visit_detail(&first).unwrap();
    assert!(
        d.row.case_code.as_deref().unwrap().starts_with("TC-"),
        "{d:?}"
    );
    assert_eq!(
        store.case_detail(&case).unwrap().row.case_type,
        CaseType::KhieuNai
    );
    links_are_one_kind(&dir);
}

#[test]
fn random_days_of_one_citizens_mixed_visits_never_link_across_kinds() {
    let kinds = ["khieu_nai", "to_cao", "kien_nghi", "phan_anh"];
    let fields = ["dat_dai", "den_bu_gpmb", "khac"];
    for seed in 0..6u64 {
        let (dir, mut store, actor) = book();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut visits: Vec<String> = Vec::new();
        for _ in 0..40 {
            let kind = kinds[rng.random_range(0..kinds.len())];
            let field = fields[rng.random_range(0..fields.len())];
            match rng.random_range(0..4) {
                // A new visit, answering the same-matter question at random.
                0..=1 => {
                    let mut d = draft(NAME, CCCD);
                    d.petition_type = kind.into();
                    d.field = field.into();
                    let v = valid(&d);
                    let r = store.write(&actor, |w| w.save_visit(&input(&v), &CaseChoice::Ask));
                    let r = match r {
                        Err(StoreError::OpenCaseExists { case_uid, .. }) => {
                            let choice = if rng.random_bool(0.5) {
                                CaseChoice::Join(case_uid)
                            } else {
                                CaseChoice::OpenNew
                            };
                            store.write(&actor, |w| w.save_visit(&input(&v), &choice))
                        }
                        r => r,
                    };
                    visits.push(r.unwrap().uid);
                }
                // A correction of a visit: kind and field, the case following or not.
                2 if !visits.is_empty() => {
                    let uid = visits[rng.random_range(0..visits.len())].clone();
                    let shared = [
                        SharedCaseChoice::Ask,
                        SharedCaseChoice::Follow,
                        SharedCaseChoice::Leave,
                    ][rng.random_range(0..3)];
                    // Refusals are fine (a case that moved on, a question); links never cross.
                    let _ = corrected(&mut store, &actor, &uid, field, kind, shared);
                }
                // A direct join attempt of a random case.
                _ => {
                    let c = raw(&dir);
                    let uid: Option<String> = c
                        .query_row("SELECT uid FROM cases ORDER BY random() LIMIT 1", [], |r| {
                            r.get(0)
                        })
                        .ok();
                    if let Some(uid) = uid {
                        let _ = visit_of(&mut store, &actor, kind, CaseChoice::Join(uid));
                    }
                }
            }
            links_are_one_kind(&dir);
        }
    }
}

#[test]
fn an_old_books_links_across_kinds_are_undone_at_upgrade_and_audited() {
    // A schema-4 book (the released fixture) in which a denunciation was joined to a
    // complaint's case, as the same-matter question allowed before.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v4-book.sqlite3"),
        &path,
    )
    .unwrap();
    let (kn_case, tc_visit): (String, String) = {
        let c = raw(&dir);
        let kn: (i64, String) = c
            .query_row(
                "SELECT id, uid FROM cases WHERE case_type = 'khieu_nai' ORDER BY id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let tc: (i64, String) = c
            .query_row(
                "SELECT id, uid FROM visits WHERE petition_type = 'to_cao' ORDER BY id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        c.execute(
            "INSERT INTO case_visits (case_id, visit_id) VALUES (?1, ?2)",
            [kn.0, tc.0],
        )
        .unwrap();
        (kn.1, tc.1)
    };
    let store = Store::open(&path).unwrap();
    links_are_one_kind(&dir);
    let audit = store.legacy_audit_of("cases", &kn_case).unwrap();
    let undone = audit
        .iter()
        .find(|a| a.action == "unlink_across_kinds")
        .unwrap_or_else(|| panic!("{audit:?}"));
    assert_eq!(undone.before.as_ref().unwrap()["visit"], tc_visit.as_str());
}
