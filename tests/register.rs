//! The register stays true (store level, real SQLite): an ID match never renames a citizen
//! silently; a visit's corrections reach its case or are refused naming it; step dates
//! follow the case; a mistaken visit is voided, never deleted; a forwarded denunciation
//! carries its forwarding duty.

mod common;

use chrono::NaiveDate;
use common::*;
use tiepdan::domain::case::{Action, CaseStatus, CaseType};
use tiepdan::domain::deadline::Obligation;
use tiepdan::domain::identity::Viewer;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::domain::visit::VisitDraft;
use tiepdan::store::{Actor, EditWhat, StepDateRule, StepInput, Store, StoreError, VisitInput};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn name(p: &tiepdan::domain::identity::Person) -> String {
    Viewer::nobody().name_of(p).unwrap_or("<masked>").to_owned()
}

fn on<'a>(v: &'a tiepdan::domain::visit::ValidVisit, day: &str) -> VisitInput<'a> {
    VisitInput {
        visit: v,
        day: d(day),
        time: "09:00".into(),
        citizen: None,
        rename_citizen: false,
        shared: Default::default(),
    }
}

fn book() -> (Store, Actor) {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    (store, officer)
}

/// Edit the visit `uid` from its draft changed by `change`.
fn edit(
    store: &mut Store,
    officer: &Actor,
    uid: &str,
    change: impl FnOnce(&mut VisitDraft),
) -> Result<Option<tiepdan::store::SavedCase>, StoreError> {
    let detail = store.visit_detail(uid).unwrap();
    let mut dr = detail.to_draft(&Viewer::nobody()).unwrap_or_else(|| {
        // A denouncer's visit: its draft as the officer who revealed it would see it.
        // (sealed: opened with the keys of the session that received it).
        let mut v = Viewer::nobody();
        v.hold(store.opener());
        v.reveal(tiepdan::domain::identity::Record::Visit(uid.to_owned()));
        detail.to_draft(&v).unwrap()
    });
    change(&mut dr);
    let v = valid(&dr);
    store.write(officer, |w| {
        w.update_visit(
            uid,
            detail.row.version,
            &VisitInput {
                visit: &v,
                day: v.day,
                time: v.time.clone(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &CaseChoice::Ask,
        )
    })
}

fn case_of(store: &Store, visit_uid: &str) -> tiepdan::store::CaseRow {
    let code = store
        .visit_detail(visit_uid)
        .unwrap()
        .row
        .case_code
        .unwrap();
    let uid: String = store
        .inspect_one("SELECT uid FROM cases WHERE code = ?1", [&code])
        .unwrap();
    store.case_row(&uid).unwrap()
}

#[test]
fn an_id_match_never_renames_the_citizen_silently() {
    let (mut store, officer) = book();
    let first = save(
        &mut store,
        &officer,
        &valid(&draft("Trần Văn Đức", "001085012345")),
    );
    // Another name typed with the same CCCD, no answer from the officer: the record keeps
    // its name, and so does every earlier visit.
    let mut dr = draft("Lê Văn Hùng", "001085012345");
    dr.handling = "huong_dan".into();
    let second = save(&mut store, &officer, &valid(&dr));
    for uid in [&first, &second] {
        assert_eq!(
            name(&store.visit_detail(uid).unwrap().row.citizen),
            "Trần Văn Đức"
        );
    }
    assert_eq!(store.citizen_count().unwrap(), 1);
    // The officer says the typed name corrects the record: an audited edit.
    let v = valid(&dr);
    write(&mut store, &officer, |w| {
        w.save_visit(
            &VisitInput {
                rename_citizen: true,
                shared: Default::default(),
                ..input(&v)
            },
            &CaseChoice::Ask,
        )
    });
    assert_eq!(
        name(&store.visit_detail(&first).unwrap().row.citizen),
        "Lê Văn Hùng"
    );
    let cid = store.visit_detail(&first).unwrap().citizen_uid;
    let trail = store.journal_of(Entity::Citizen, &cid).unwrap();
    let renamed = trail.iter().find(|a| a.op == Op::Update).expect("audited");
    // The journal says the name changed, never what it was or became (it holds no identity).
    assert_eq!(renamed.before["full_name"], "withheld");
    assert_eq!(renamed.after["full_name"], "withheld");
    assert!(renamed.v_after > renamed.v_before);
}

#[test]
fn a_case_follows_its_visit_or_the_edit_is_refused_naming_it() {
    let (mut store, officer) = book();
    let uid = save(
        &mut store,
        &officer,
        &valid(&draft("Trần Văn Đức", "001085012345")),
    );
    let kn = case_of(&store, &uid);
    assert_eq!(kn.code, "KN-2026-BD-0001");
    // Khiếu nại → tố cáo while the case is new: retyped, renumbered, masked, its deadlines
    // those of a denunciation, the change on its timeline.
    edit(&mut store, &officer, &uid, |dr| {
        dr.petition_type = "to_cao".into()
    })
    .unwrap();
    let tc = store.case_row(&kn.uid).unwrap();
    assert_eq!(
        (tc.case_type, tc.code.as_str()),
        (CaseType::ToCao, "TC-2026-BD-0001")
    );
    assert!(tc.citizen.is_confidential());
    let dues: Vec<Obligation> = store
        .case_dues(&kn.uid)
        .unwrap()
        .iter()
        .map(|x| x.obligation)
        .collect();
    assert!(dues.contains(&Obligation::InitialHandling), "{dues:?}");
    assert!(!dues.contains(&Obligation::Accept), "{dues:?}");
    let ev = store.case_events(&kn.uid).unwrap();
    let last = ev.last().unwrap();
    assert_eq!(last.action, Action::VisitEdited);
    // Kept as a fact, worded when shown (issue 22.11).
    // Its citizen too: a denunciation rests on the denouncer's sealed record, never on
    // the complainant's open one (issue 26).
    assert_eq!(
        last.facts,
        [
            tiepdan::domain::case::EventFact::Retyped {
                from: "KN-2026-BD-0001".into(),
                to: "TC-2026-BD-0001".into()
            },
            tiepdan::domain::case::EventFact::Citizen
        ]
    );
    assert!(last.note.is_empty(), "no prose stored: {}", last.note);
    assert!(
        store.lookup("tran van duc", 10).unwrap().cases.is_empty(),
        "masked"
    );
    // The field follows at any status, and the counts move with it.
    edit(&mut store, &officer, &uid, |dr| {
        dr.field = "den_bu_gpmb".into()
    })
    .unwrap();
    assert_eq!(
        store.case_row(&kn.uid).unwrap().field_name,
        "Bồi thường, hỗ trợ, tái định cư"
    );
    let open = |store: &Store, code: &str| -> u32 {
        store
            .field_counts(today())
            .unwrap()
            .iter()
            .find(|f| f.code == code)
            .unwrap()
            .open
    };
    assert_eq!(
        (open(&store, "dat_dai"), open(&store, "den_bu_gpmb")),
        (0, 1)
    );
    // Once classified, the type is the case's: refused, naming the case.
    write(&mut store, &officer, |w| {
        w.case_step(
            &kn.uid,
            None,
            Action::ClassifyOwn,
            &StepInput::default(),
            today(),
        )
    });
    let r = edit(&mut store, &officer, &uid, |dr| {
        dr.petition_type = "khieu_nai".into()
    });
    assert!(
        matches!(&r, Err(StoreError::EditBlocked { code, what: EditWhat::Type, .. }) if code == "TC-2026-BD-0001"),
        "{r:?}"
    );
    // Thụ lý → hướng dẫn: a case is never deleted.
    let r = edit(&mut store, &officer, &uid, |dr| {
        dr.handling = "huong_dan".into()
    });
    assert!(
        matches!(
            &r,
            Err(StoreError::EditBlocked {
                what: EditWhat::Handling,
                ..
            })
        ),
        "{r:?}"
    );
}

#[test]
fn an_edit_to_thu_ly_opens_the_case_and_an_id_belongs_to_one_citizen() {
    let (mut store, officer) = book();
    let mut dr = draft("Lê Thị Hoa", "001185012346");
    dr.handling = "huong_dan".into();
    let hoa = save(&mut store, &officer, &valid(&dr));
    assert!(store.visit_detail(&hoa).unwrap().row.case_code.is_none());
    let case = edit(&mut store, &officer, &hoa, |dr| {
        dr.handling = "thu_ly".into()
    })
    .unwrap()
    .expect("a thụ lý edit takes in its case");
    assert_eq!(case.code, "KN-2026-BD-0001");
    // Another citizen's number typed on this visit: the visit (and its case) move to that
    // citizen; nobody ends up with two records for one number.
    let mut other = draft("Phạm Văn Nam", "001085099999");
    other.handling = "huong_dan".into();
    let nam = save(&mut store, &officer, &valid(&other));
    let nam_id = store.visit_detail(&nam).unwrap().citizen_id;
    edit(&mut store, &officer, &hoa, |dr| {
        dr.id_number = "001085099999".into();
        dr.full_name = "Phạm Văn Nam".into();
    })
    .unwrap();
    assert_eq!(store.visit_detail(&hoa).unwrap().citizen_id, nam_id);
    let holders: i64 = store
        .inspect_one(
            "SELECT count(*) FROM citizens WHERE id_number = '001085099999'",
            [],
        )
        .unwrap();
    assert_eq!(holders, 1);
    let moved: i64 = store
        .inspect_one("SELECT citizen_id FROM cases WHERE uid = ?1", [&case.uid])
        .unwrap();
    assert_eq!(moved, nam_id);
}

#[test]
fn a_step_is_dated_after_what_it_follows_and_not_after_today() {
    let (mut store, officer) = book();
    let v = valid(&draft("Trần Văn Đức", "001085012345"));
    let saved = write(&mut store, &officer, |w| {
        w.save_visit(&on(&v, "2026-11-20"), &CaseChoice::Ask)
    });
    let case = saved.case.unwrap().uid;
    let step = |store: &mut Store, a: Action, day: &str| {
        let s = StepInput {
            day: Some(d(day)),
            ..StepInput::default()
        };
        store.write(&officer, |w| w.case_step(&case, None, a, &s, today()))
    };
    let r = step(&mut store, Action::ClassifyOwn, "2026-11-19");
    assert!(
        matches!(r, Err(StoreError::StepDate { rule: StepDateRule::BeforeReceipt, limit, .. }) if limit == d("2026-11-20")),
        "{r:?}"
    );
    step(&mut store, Action::ClassifyOwn, "2026-11-21").unwrap();
    let r = step(&mut store, Action::Accept, "2026-11-20");
    assert!(
        matches!(r, Err(StoreError::StepDate { rule: StepDateRule::BeforePreviousStep, limit, .. }) if limit == d("2026-11-21")),
        "{r:?}"
    );
    let r = step(&mut store, Action::Accept, "2026-11-23");
    assert!(
        matches!(
            r,
            Err(StoreError::StepDate {
                rule: StepDateRule::Future,
                ..
            })
        ),
        "{r:?}"
    );
    step(&mut store, Action::Accept, "2026-11-22").unwrap();
    assert_eq!(
        store.case_row(&case).unwrap().status,
        CaseStatus::InProgress
    );
}

#[test]
fn a_mistaken_visit_is_voided_counted_nowhere_and_its_new_case_goes_with_it() {
    let (mut store, officer) = book();
    let uid = save(
        &mut store,
        &officer,
        &valid(&draft("Trần Văn Đức", "001085012345")),
    );
    let case = case_of(&store, &uid);
    assert_eq!(store.day_counters(today(), 5).unwrap().visits, 1);
    let version = store.visit_detail(&uid).unwrap().row.version;
    let r = store.write(&officer, |w| w.void_visit(&uid, version, "  "));
    assert!(
        matches!(r, Err(StoreError::Invalid(_))),
        "a void needs its reason"
    );
    write(&mut store, &officer, |w| {
        w.void_visit(&uid, version, "Ghi nhầm công dân")
    });
    // Still in the day's list (struck through), counted nowhere, found nowhere.
    let rows = store.visits_on(today()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].void_reason.as_deref(), Some("Ghi nhầm công dân"));
    assert_eq!(store.day_counters(today(), 5).unwrap().visits, 0);
    assert!(store.lookup("tran van duc", 10).unwrap().is_empty());
    let open: u32 = store
        .field_counts(today())
        .unwrap()
        .iter()
        .map(|f| f.open)
        .sum();
    assert_eq!(open, 0, "its new case went with it");
    assert!(store.case_dues(&case.uid).unwrap().is_empty());
    assert_eq!(
        store
            .journal_of(Entity::Visit, &uid)
            .unwrap()
            .last()
            .unwrap()
            .op,
        Op::Void
    );
    // A visit whose case moved on cannot be voided.
    let other = save(
        &mut store,
        &officer,
        &valid(&draft("Lê Thị Hoa", "001185012346")),
    );
    let c = case_of(&store, &other);
    write(&mut store, &officer, |w| {
        w.case_step(
            &c.uid,
            None,
            Action::ClassifyOwn,
            &StepInput::default(),
            today(),
        )
    });
    let version = store.visit_detail(&other).unwrap().row.version;
    let r = store.write(&officer, |w| w.void_visit(&other, version, "nhầm"));
    assert!(
        matches!(
            r,
            Err(StoreError::EditBlocked {
                what: EditWhat::Void,
                ..
            })
        ),
        "{r:?}"
    );
}

#[test]
fn a_denunciation_forwarded_at_the_desk_carries_its_forwarding_duty() {
    let (mut store, officer) = book();
    let mut dr = draft("Phạm Thị Kín", "001190011111");
    dr.petition_type = "to_cao".into();
    dr.handling = "chuyen_don".into();
    dr.transfer_agency = "Thanh tra tỉnh".into();
    let saved = write(&mut store, &officer, |w| {
        w.save_visit(&input(&valid(&dr)), &CaseChoice::Ask)
    });
    let case = saved.case.expect("a case to follow the forwarding");
    let row = store.case_row(&case.uid).unwrap();
    assert_eq!(row.status, CaseStatus::OutsideAuthority);
    let dues = store.case_dues(&case.uid).unwrap();
    let fwd = dues
        .iter()
        .find(|x| x.obligation == Obligation::TransferDenunciation)
        .expect("the 5-working-day forwarding duty (Luật Tố cáo Art 24(2))");
    // Received Sunday 22/11/2026: five working days → Friday 27/11.
    assert_eq!(fwd.due_on, d("2026-11-27"));
    let detail = store.visit_detail(&saved.uid).unwrap();
    assert_eq!(detail.transfer_agency, "Thanh tra tỉnh");
    let ev = store.case_events(&case.uid).unwrap();
    assert_eq!(ev.last().unwrap().agency, "Thanh tra tỉnh");
}

#[test]
fn an_officer_name_is_taken_once_and_an_officer_is_disabled_never_deleted() {
    let (mut store, officer) = book();
    let err = store
        .write(&officer, |w| w.add_officer("Nguyen Thi Lan", ""))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::OfficerExists(n) if n == "Nguyễn Thị Lan"),
        "{err:?}"
    );
    let other = store
        .write(&officer, |w| w.add_officer("Trần Văn Minh", ""))
        .unwrap();
    assert!(matches!(
        store.write(&officer, |w| w.disable_officer(officer.officer_id())),
        Err(StoreError::Invalid(_))
    ));
    store
        .write(&officer, |w| w.disable_officer(other.id))
        .unwrap();
    let names: Vec<String> = store
        .officers()
        .unwrap()
        .into_iter()
        .map(|o| o.full_name)
        .collect();
    assert_eq!(names, vec!["Nguyễn Thị Lan"]);
    assert!(store.officer(other.id).unwrap().is_some(), "kept");
    // A disabled officer's name is still theirs: not a second officer, but enabled again.
    assert!(matches!(
        store.write(&officer, |w| w.add_officer("Tran Van Minh", "chuyên viên")),
        Err(StoreError::OfficerExists(n)) if n == "Trần Văn Minh"
    ));
    assert_eq!(
        store
            .officer_named("tran van minh")
            .unwrap()
            .map(|o| o.active),
        Some(false)
    );
    store
        .write(&officer, |w| w.enable_officer(other.id))
        .unwrap();
    assert_eq!(store.officers().unwrap().len(), 2);
    assert!(store.disabled_officers().unwrap().is_empty());
}
