//! Issue 23, point 3: a change of a deadline rule or of the calendar takes an effective date;
//! cases whose clock started before it keep their due dates (and a reported period its
//! figures, byte for byte); a case started on or after it uses the new rule. And point 9's
//! suspension of a resolution, enforced by the store and by SQL.

mod common;

use chrono::NaiveDate;
use common::*;
use tiepdan::cli::report::compute;
use tiepdan::demo::{DemoOptions, generate};
use tiepdan::domain::calendar::DayKind;
use tiepdan::domain::case::{Action, CaseType, Outcome, Refusal};
use tiepdan::domain::deadline::{DayBasis, Obligation, Rule};
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::report::Period;
use tiepdan::exchange::report_text::{self, Heading};
use tiepdan::i18n::Lang;
use tiepdan::store::{Actor, CaseSource, Intake, RuleChange, StepInput, Store, StoreError};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The day the changes are made in these tests.
const TODAY: &str = "2026-11-24";

fn json(store: &Store, period: &str) -> String {
    let r = compute(store, Period::parse(period).unwrap(), d(TODAY)).unwrap();
    report_text::json(
        &Heading {
            unit: "UBND phường Ba Đình",
            lang: Lang::Vi,
        },
        &r,
    )
}

/// Every stored due date: (case, obligation, start, due).
fn stored(store: &Store) -> Vec<(i64, String, NaiveDate, NaiveDate)> {
    store
        .inspect(
            "SELECT case_id, obligation, start_on, due_on FROM case_deadlines
             ORDER BY case_id, obligation",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap()
}

/// The first-round resolution of an administrative complaint (Luật KN Art 28: 30 days).
fn art_28(store: &Store) -> Rule {
    store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .find(|r| {
            r.obligation == Obligation::Resolve
                && r.article == "Luật Khiếu nại 2011, Điều 28"
                && r.complex == Some(false)
                && r.remote == Some(false)
        })
        .unwrap()
}

fn step(store: &mut Store, officer: &Actor, uid: &str, a: Action, day: &str) {
    step_or(store, officer, uid, a, day).unwrap();
}

fn step_or(
    store: &mut Store,
    officer: &Actor,
    uid: &str,
    a: Action,
    day: &str,
) -> tiepdan::store::Result<Option<String>> {
    let t = store.case_facts(uid).unwrap().case_type;
    let input = StepInput {
        day: Some(d(day)),
        outcome: Outcome::for_type(t).first().copied(),
        agency: "Sở Tài nguyên và Môi trường".into(),
        ..StepInput::default()
    };
    store.write(officer, |w| {
        w.case_step(uid, None, a, &input, d("2027-12-31"))
    })
}

fn dues(store: &Store, uid: &str) -> Vec<(Obligation, NaiveDate)> {
    store
        .case_dues(uid)
        .unwrap()
        .into_iter()
        .map(|x| (x.obligation, x.due_on))
        .collect()
}

/// A written petition (by post) received on `received`, of a citizen of the book; its uid.
fn petition(store: &mut Store, officer: &Actor, t: CaseType, received: &str) -> String {
    let citizen: i64 = store
        .inspect_one("SELECT min(id) FROM citizens", [])
        .unwrap();
    let intake = Intake {
        case_type: t,
        citizen_id: citizen,
        field_code: "dat_dai".into(),
        summary: "Khiếu nại quyết định thu hồi đất".into(),
        source: CaseSource::Post,
        forwarded_by: String::new(),
        forwarding_doc: String::new(),
        forwarder_kind: None,
        received_on: d(received),
        remote: false,
        visit_id: None,
    };
    write(store, officer, |w| w.take_in(&intake, &CaseChoice::OpenNew)).uid
}

/// A generated book of 2026 (to 24/11): Q3 is reported, Q4 under way. A rule edited today
/// and a past day off added today change neither report (byte for byte) nor any due date
/// whose clock started before today; a complaint accepted today uses the new rule. The same
/// edit from the rule's first day does change Q3 (the test has teeth).
#[test]
fn a_rule_edit_and_a_past_day_off_today_leave_reported_periods_as_they_were() {
    let mut store = Store::open_in_memory().unwrap();
    generate(
        &mut store,
        &DemoOptions {
            visits: 3000,
            seed: 23,
            end: d(TODAY),
        },
    )
    .unwrap();
    let officer = common::demo_officer(&mut store);
    // The demo book begins in Q2; Q3 (15/6–14/9) is a closed quarter with resolved cases,
    // Q4 (15/9–14/12) the one under way.
    let q3 = json(&store, "2026-q3");
    let q4 = json(&store, "2026-q4");
    let summary =
        |j: &str| serde_json::from_str::<serde_json::Value>(j).unwrap()["summary"].clone();
    assert!(summary(&q3)["cases_resolved_on_time"].as_u64().unwrap() > 20);
    let before = stored(&store);

    // Luật KN Art 28: 30 days → 20, from today, with the reason the law asks for.
    let rule = art_28(&store);
    let change = RuleChange {
        reason: "Văn bản mới (thử)".into(),
        ..rule_change(&rule, 20, DayBasis::Calendar, d(TODAY))
    };
    write(&mut store, &officer, |w| w.change_rule(&rule, &change));
    // A past day off (Wed 12/8/2026, inside Q3), added today.
    write(&mut store, &officer, |w| {
        w.set_calendar_day(d("2026-08-12"), DayKind::Off, "Nghỉ đột xuất", d(TODAY))
    });
    assert_eq!(json(&store, "2026-q3"), q3, "Q3 as reported");
    assert_eq!(json(&store, "2026-q4"), q4, "Q4 so far, the same");
    let after = stored(&store);
    let started_before: Vec<_> = before.iter().filter(|x| x.2 < d(TODAY)).collect();
    assert!(
        started_before.len() > 50,
        "{} due dates",
        started_before.len()
    );
    for x in started_before {
        assert!(after.contains(x), "{x:?} moved");
    }

    // A complaint accepted today: Tue 24/11/2026 + 20 = Mon 14/12 (not + 30 = Thu 24/12).
    let uid = petition(&mut store, &officer, CaseType::KhieuNai, "2026-11-20");
    step(
        &mut store,
        &officer,
        &uid,
        Action::ClassifyOwn,
        "2026-11-23",
    );
    step(&mut store, &officer, &uid, Action::Accept, TODAY);
    let resolve = store
        .case_dues(&uid)
        .unwrap()
        .into_iter()
        .find(|x| x.obligation == Obligation::Resolve)
        .unwrap();
    assert_eq!(resolve.due_on, d("2026-12-14"));
    assert_eq!(resolve.explanation.days, 20);

    // The same edit from the rule's first day rewrites the past: Q3's on-time figure moves.
    let old = store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.id == rule.id)
        .unwrap();
    assert_eq!(old.effective_to, Some(d("2026-11-23")));
    let change = RuleChange {
        reason: "Áp dụng từ đầu (thử)".into(),
        ..rule_change(&old, 5, DayBasis::Calendar, old.effective_from)
    };
    write(&mut store, &officer, |w| w.change_rule(&old, &change));
    let rewritten = json(&store, "2026-q3");
    assert_ne!(
        summary(&rewritten)["cases_resolved_on_time"],
        summary(&q3)["cases_resolved_on_time"],
        "a change dated back moves Q3"
    );
}

/// A day made ordinary from a date: a clock that started before still counts it; one that
/// starts on or after it does not (Luật KN Art 32, 03 working days).
#[test]
fn a_day_removed_from_a_date_still_counts_for_the_clocks_before() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let mut dr = draft("Lê Văn Thành", "001085012345");
    dr.handling = "huong_dan".into();
    let v = valid(&dr);
    write(&mut store, &officer, |w| {
        w.save_visit(
            &tiepdan::store::VisitInput {
                visit: &v,
                day: d("2026-01-05"),
                time: "08:30".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &CaseChoice::Ask,
        )
    });
    let decide = |store: &mut Store, on: &str| {
        let uid = petition(store, &officer, CaseType::KhieuNai, "2026-07-01");
        step(store, &officer, &uid, Action::ClassifyOwn, "2026-07-02");
        step(store, &officer, &uid, Action::Accept, "2026-07-06");
        step(store, &officer, &uid, Action::Resolve, on);
        uid
    };
    // Decided Wed 26/8/2026: Thu 27, Fri 28, 31/8 off (swap), 1–2/9 off, Thu 3/9.
    let a = decide(&mut store, "2026-08-26");
    // Decided Fri 28/8: 31/8, 1/9, 2/9 off: Thu 3, Fri 4, Mon 7/9.
    let b = decide(&mut store, "2026-08-28");
    assert_eq!(
        dues(&store, &a),
        vec![(Obligation::SendDecision, d("2026-09-03"))]
    );
    assert_eq!(
        dues(&store, &b),
        vec![(Obligation::SendDecision, d("2026-09-07"))]
    );
    // 31/8 made a working day from Thu 27/8: A (from 26/8) keeps Thu 3/9; B (from 28/8):
    // Mon 31/8, Thu 3, Fri 4/9.
    write(&mut store, &officer, |w| {
        w.remove_calendar_day(d("2026-08-31"), d("2026-08-27"))
    });
    assert_eq!(
        dues(&store, &a),
        vec![(Obligation::SendDecision, d("2026-09-03"))]
    );
    assert_eq!(
        dues(&store, &b),
        vec![(Obligation::SendDecision, d("2026-09-04"))]
    );
    // Both audited with their date; the calendar as it is now shows 31/8 as a working day.
    let cal = store.calendar().unwrap();
    assert!(cal.is_working(d("2026-08-31")));
    assert_eq!(
        store
            .inspect_one::<i64>(
                "SELECT count(*) FROM journal WHERE entity = 'calendar_day'
                   AND record LIKE ?1 || '@%' AND op != 'baseline'",
                ["2026-08-31"],
            )
            .unwrap(),
        1
    );
    // A day off added for the clocks from 1/12, removed from 25/11: cancelled altogether.
    write(&mut store, &officer, |w| {
        w.set_calendar_day(
            d("2026-12-07"),
            DayKind::Off,
            "Nghỉ đột xuất",
            d("2026-12-01"),
        )
    });
    assert!(!store.calendar().unwrap().is_working(d("2026-12-07")));
    write(&mut store, &officer, |w| {
        w.remove_calendar_day(d("2026-12-07"), d("2026-11-25"))
    });
    assert!(store.calendar().unwrap().is_working(d("2026-12-07")));
    let rows: i64 = store
        .inspect_one(
            "SELECT count(*) FROM calendar_days WHERE day = '2026-12-07'",
            [],
        )
        .unwrap();
    assert_eq!(rows, 0);
}

/// The store's word on a dated rule change: a rule of law needs its reason, the date falls
/// within the rule's period, the unit's own rule needs none; a change from the rule's first
/// day is made in place.
#[test]
fn a_rule_of_law_changes_only_with_a_reason_and_within_its_period() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let rule = art_28(&store);
    let no_reason = RuleChange {
        reason: String::new(),
        ..rule_change(&rule, 20, DayBasis::Calendar, d(TODAY))
    };
    assert!(matches!(
        store.write(&officer, |w| w.change_rule(&rule, &no_reason)),
        Err(StoreError::Invalid(_))
    ));
    let before_start = rule_change(&rule, 20, DayBasis::Calendar, d("2012-01-01"));
    assert!(matches!(
        store.write(&officer, |w| w.change_rule(&rule, &before_start)),
        Err(StoreError::Invalid(_))
    ));
    // NĐ 155/2026's acceptance rule starts 01/7/2026; the old one ended 30/6/2026: a date
    // after its end is outside it.
    let ended = store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.obligation == Obligation::Accept && r.effective_to == Some(d("2026-06-30")))
        .unwrap();
    assert!(matches!(
        store.write(&officer, |w| w.change_rule(
            &ended,
            &rule_change(&ended, 5, DayBasis::Working, d(TODAY))
        )),
        Err(StoreError::Invalid(_))
    ));
    // From the first day: in place, one row still.
    let n_rules = store.deadline_rules().unwrap().len();
    write(&mut store, &officer, |w| {
        w.change_rule(
            &rule,
            &rule_change(&rule, 31, DayBasis::Calendar, rule.effective_from),
        )
    });
    assert_eq!(store.deadline_rules().unwrap().len(), n_rules);
    assert_eq!(art_28(&store).days, 31);
    // The unit's own rule: on from a date, no reason needed.
    let own = store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.internal)
        .unwrap();
    let on = RuleChange {
        active: Some(true),
        reason: String::new(),
        ..rule_change(&own, 15, DayBasis::Working, d(TODAY))
    };
    write(&mut store, &officer, |w| w.change_rule(&own, &on));
    let versions: Vec<Rule> = store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .filter(|r| r.internal)
        .collect();
    assert_eq!(versions.len(), 2);
    assert!(!versions[0].active && versions[1].active);
}

/// Point 9: suspend and continue, through the store (the domain's guards) and written
/// directly in SQL (the trigger that mirrors them).
#[test]
fn a_suspension_pauses_the_resolution_and_only_a_suspended_one_continues() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    let mut dr = draft("Lê Văn Thành", "001085012345");
    dr.handling = "huong_dan".into();
    let v = valid(&dr);
    write(&mut store, &officer, |w| {
        w.save_visit(
            &tiepdan::store::VisitInput {
                visit: &v,
                day: d("2026-01-05"),
                time: "08:30".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &CaseChoice::Ask,
        )
    });
    // A denunciation accepted Mon 2/3/2026: resolved within 30 days, Wed 1/4 (Luật TC
    // Art 30(1)).
    let tc = petition(&mut store, &officer, CaseType::ToCao, "2026-02-23");
    step(&mut store, &officer, &tc, Action::ClassifyOwn, "2026-02-24");
    step(&mut store, &officer, &tc, Action::Accept, "2026-03-02");
    let resolve = |store: &Store, uid: &str| {
        dues(store, uid)
            .into_iter()
            .find(|(o, _)| *o == Obligation::Resolve)
            .map(|(_, due)| due)
    };
    assert_eq!(resolve(&store, &tc), Some(d("2026-04-01")));
    // Continue what was never suspended: refused.
    assert!(matches!(
        step_or(&mut store, &officer, &tc, Action::Continue, "2026-03-10"),
        Err(StoreError::Refused {
            why: Refusal::NotSuspended,
            ..
        })
    ));
    // Suspended Mon 16/3 (awaiting another body's result, Art 34(1)(a)): no due date.
    step(&mut store, &officer, &tc, Action::Suspend, "2026-03-16");
    assert_eq!(resolve(&store, &tc), None);
    assert!(store.case_facts(&tc).unwrap().suspended);
    assert_eq!(
        store.case_detail(&tc).unwrap().suspended_since,
        Some(d("2026-03-16"))
    );
    // Nothing is decided or extended meanwhile.
    for a in [Action::Resolve, Action::Suspend] {
        assert!(matches!(
            step_or(&mut store, &officer, &tc, a, "2026-03-20"),
            Err(StoreError::Refused {
                why: Refusal::Suspended,
                ..
            })
        ));
    }
    // A continuation dated before the suspension: refused by its date.
    assert!(matches!(
        step_or(&mut store, &officer, &tc, Action::Continue, "2026-03-13"),
        Err(StoreError::StepDate { .. })
    ));
    // Continued Mon 30/3: 14 days not counted (Art 34(2)): Wed 15/4.
    step(&mut store, &officer, &tc, Action::Continue, "2026-03-30");
    assert_eq!(resolve(&store, &tc), Some(d("2026-04-15")));
    let e = store
        .case_dues(&tc)
        .unwrap()
        .into_iter()
        .find(|x| x.obligation == Obligation::Resolve)
        .unwrap()
        .explanation;
    assert_eq!(e.paused_days, 14);

    // A complaint: Luật KN Art 11a is in force from 01/7/2026.
    let kn = petition(&mut store, &officer, CaseType::KhieuNai, "2026-03-02");
    step(&mut store, &officer, &kn, Action::ClassifyOwn, "2026-03-03");
    step(&mut store, &officer, &kn, Action::Accept, "2026-03-09");
    assert!(matches!(
        step_or(&mut store, &officer, &kn, Action::Suspend, "2026-03-16"),
        Err(StoreError::Refused {
            why: Refusal::NotYetInForce,
            ..
        })
    ));
    step(&mut store, &officer, &kn, Action::Suspend, "2026-07-01");
    // Proposals and feedback are never suspended.
    let knpa = petition(
        &mut store,
        &officer,
        CaseType::KienNghiPhanAnh,
        "2026-03-02",
    );
    step(
        &mut store,
        &officer,
        &knpa,
        Action::ClassifyOwn,
        "2026-03-03",
    );
    step(&mut store, &officer, &knpa, Action::Accept, "2026-03-09");
    assert!(step_or(&mut store, &officer, &knpa, Action::Suspend, "2026-07-01").is_err());

    let kn2 = petition(&mut store, &officer, CaseType::KhieuNai, "2026-03-02");
    step(
        &mut store,
        &officer,
        &kn2,
        Action::ClassifyOwn,
        "2026-03-03",
    );
    step(&mut store, &officer, &kn2, Action::Accept, "2026-03-09");

    // Written past the app: the trigger says the same.
    drop(store);
    let c = rusqlite::Connection::open(&path).unwrap();
    let id = |uid: &str| -> i64 {
        c.query_row("SELECT id FROM cases WHERE uid = ?1", [uid], |r| r.get(0))
            .unwrap()
    };
    let insert = |case_id: i64, action: &str, day: &str| {
        c.execute(
            "INSERT INTO case_events (uid, case_id, at, day, action, from_status, to_status)
             VALUES (hex(randomblob(16)), ?1, '2026-11-21T08:00:00', ?3, ?2,
                     'dang_giai_quyet', 'dang_giai_quyet')",
            rusqlite::params![case_id, action, day],
        )
    };
    // The denunciation is not suspended now: continuing is refused, suspending allowed.
    assert!(insert(id(&tc), "tiep_tuc_giai_quyet", "2026-04-02").is_err());
    assert!(insert(id(&tc), "tam_dinh_chi", "2026-04-02").is_ok());
    assert!(
        insert(id(&tc), "tam_dinh_chi", "2026-04-03").is_err(),
        "twice"
    );
    // The complaint is suspended: no decision meanwhile.
    let decide = c.execute(
        "INSERT INTO case_events (uid, case_id, at, day, action, from_status, to_status, outcome)
         VALUES (hex(randomblob(16)), ?1, '2026-11-21T08:00:00', '2026-07-10', 'giai_quyet',
                 'dang_giai_quyet', 'da_giai_quyet', 'dung')",
        [id(&kn)],
    );
    assert!(decide.is_err());
    // A complaint suspended before Art 11a was in force, written directly: refused; from
    // 01/7/2026 on, allowed.
    assert!(insert(id(&kn2), "tam_dinh_chi", "2026-06-30").is_err());
    assert!(insert(id(&kn2), "tam_dinh_chi", "2026-07-01").is_ok());
    assert!(insert(id(&knpa), "tam_dinh_chi", "2026-07-02").is_err());
}

/// Point 9 through the app, on 22/11/2026: the keys of the new steps (A the person
/// denounced told, Z suspend, R continue) and what the case then says; a resolution asked
/// for while suspended is refused with the article and the key to press first.
#[test]
fn the_case_keys_tell_the_person_denounced_suspend_and_continue() {
    use ratatui::crossterm::event::KeyCode;
    use tiepdan::app::Overlay;
    let mut app = app();
    let mut dr = draft("Trần Văn Đức", "001085012345");
    dr.petition_type = "to_cao".into();
    dr.content = "Tố cáo cán bộ địa chính".into();
    let v = valid(&dr);
    let officer = app.actor.clone().unwrap();
    write(&mut app.store, &officer, |w| {
        w.save_visit(
            &tiepdan::store::VisitInput {
                visit: &v,
                day: d("2026-11-16"),
                time: "08:30".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &CaseChoice::OpenNew,
        )
    });
    app.refresh();
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Char('c')));
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('a')));
    app.handle_key(ctrl('s'));
    let uid: String = app
        .store
        .inspect_one("SELECT uid FROM cases WHERE case_type = 'to_cao'", [])
        .unwrap();
    // Accepted Sun 22/11/2026: the person denounced told within 05 working days (Art 29(3)):
    // Mon 23 … Fri 27/11.
    assert!(dues(&app.store, &uid).contains(&(Obligation::NotifyDenounced, d("2026-11-27"))));
    app.handle_key(key(KeyCode::Char('A')));
    assert!(matches!(app.overlays.last(), Some(Overlay::Entry(_))));
    app.handle_key(ctrl('s'));
    assert!(
        !dues(&app.store, &uid)
            .iter()
            .any(|(o, _)| *o == Obligation::NotifyDenounced),
        "{:?}",
        app.status
    );
    // Z: suspended today; the resolution has no due date meanwhile.
    app.handle_key(key(KeyCode::Char('Z')));
    app.handle_key(ctrl('s'));
    assert!(
        app.store.case_facts(&uid).unwrap().suspended,
        "{:?}",
        app.status
    );
    assert!(
        !dues(&app.store, &uid)
            .iter()
            .any(|(o, _)| *o == Obligation::Resolve)
    );
    // r while suspended: refused, saying why and to press R first.
    app.handle_key(key(KeyCode::Char('r')));
    let st = app.status.clone().unwrap();
    assert!(st.text.contains("tạm đình chỉ"), "{}", st.text);
    assert!(st.text.contains("(R)"), "{}", st.text);
    // R: continued the same day; 30 days from 22/11 again: Tue 22/12.
    app.handle_key(key(KeyCode::Char('R')));
    app.handle_key(ctrl('s'));
    assert!(!app.store.case_facts(&uid).unwrap().suspended);
    assert!(dues(&app.store, &uid).contains(&(Obligation::Resolve, d("2026-12-22"))));
}

/// Point 10 in the store: who forwarded a petition (recorded at intake) and whether the
/// citizen asked for the result of our transfer (recorded with it) decide whether Luật TCD
/// Art 27(2) and 28(2) bind, or the duty is the unit's practice (⚑).
#[test]
fn the_forwarder_and_the_citizen_s_request_decide_law_or_practice() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let mut dr = draft("Lê Văn Thành", "001085012345");
    dr.handling = "huong_dan".into();
    let v = valid(&dr);
    write(&mut store, &officer, |w| {
        w.save_visit(
            &tiepdan::store::VisitInput {
                visit: &v,
                day: d("2026-01-05"),
                time: "08:30".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &CaseChoice::Ask,
        )
    });
    let citizen: i64 = store
        .inspect_one("SELECT min(id) FROM citizens", [])
        .unwrap();
    let forwarded = |store: &mut Store, kind| {
        let intake = Intake {
            case_type: CaseType::KhieuNai,
            citizen_id: citizen,
            field_code: "dat_dai".into(),
            summary: "Khiếu nại quyết định thu hồi đất".into(),
            source: CaseSource::Forwarded,
            forwarded_by: "Đoàn ĐBQH tỉnh".into(),
            forwarding_doc: "12/ĐĐBQH".into(),
            forwarder_kind: Some(kind),
            received_on: d("2026-03-02"),
            remote: false,
            visit_id: None,
        };
        let uid = write(store, &officer, |w| {
            w.take_in(&intake, &CaseChoice::OpenNew)
        })
        .uid;
        step(store, &officer, &uid, Action::ClassifyOwn, "2026-03-03");
        step(store, &officer, &uid, Action::Accept, "2026-03-09");
        step(store, &officer, &uid, Action::Resolve, "2026-04-29");
        uid
    };
    use tiepdan::domain::case::ForwarderKind;
    let report = |store: &Store, uid: &str| {
        store
            .case_dues(uid)
            .unwrap()
            .into_iter()
            .find(|x| x.obligation == Obligation::ReportToForwarder)
            .unwrap()
    };
    // Decided Wed 29/4/2026: told within 07 working days → Tue 12/5, either way.
    let deputy = forwarded(&mut store, ForwarderKind::Deputy);
    let x = report(&store, &deputy);
    assert_eq!(x.due_on, d("2026-05-12"));
    assert!(!x.explanation.practice);
    let other = forwarded(&mut store, ForwarderKind::Other);
    let x = report(&store, &other);
    assert_eq!(x.due_on, d("2026-05-12"));
    assert!(x.explanation.practice);

    // We transfer a denunciation; the citizen asked to be told the result.
    let tc = petition(&mut store, &officer, CaseType::ToCao, "2026-03-02");
    step(
        &mut store,
        &officer,
        &tc,
        Action::ClassifyNotOwn,
        "2026-03-03",
    );
    let input = StepInput {
        day: Some(d("2026-03-04")),
        agency: "Thanh tra tỉnh".into(),
        result_requested: true,
        ..StepInput::default()
    };
    write(&mut store, &officer, |w| {
        w.case_step(&tc, None, Action::Transfer, &input, d("2027-12-31"))
    });
    assert!(store.case_detail(&tc).unwrap().result_requested);
    step(
        &mut store,
        &officer,
        &tc,
        Action::ResultReceived,
        "2026-05-04",
    );
    let inform = |store: &Store| {
        store
            .case_dues(&tc)
            .unwrap()
            .into_iter()
            .find(|x| x.obligation == Obligation::InformCitizenResult)
            .unwrap()
    };
    // Notice Mon 4/5/2026: Tue 5 … Mon 11/5; a People's Committee is not bound: ⚑.
    assert_eq!(inform(&store).due_on, d("2026-05-11"));
    assert!(inform(&store).explanation.practice);
    // A Ban tiếp công dân, asked: the law.
    write(&mut store, &officer, |w| {
        w.set_setting(tiepdan::store::settings::UNIT_BAN_TCD, "1")
    });
    assert!(!inform(&store).explanation.practice);
}
