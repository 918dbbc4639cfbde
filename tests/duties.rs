//! The duties around a case in the store (issue 18): the obligations a step opens and the
//! step that closes them, a complaint received after its time limit flagged and never
//! accepted silently, a late second round, a disciplinary complaint's own rules, the unit's
//! own target, and a catalog change named in the due dates it moved.

mod common;

use chrono::NaiveDate;
use common::*;
use tiepdan::domain::calendar::DayKind;
use tiepdan::domain::case::{Action, CaseType, ComplaintSubject, Outcome, Refusal};
use tiepdan::domain::deadline::{Cause, DayBasis, Obligation, Rule};
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::journal::Entity;
use tiepdan::i18n::{Lang, store_error};
use tiepdan::store::{
    Actor, CaseSource, Intake, RuleChange, StepInput, Store, StoreError, TimeBarInput, VisitInput,
};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A store with an officer and a citizen (from a visit that opened no case).
fn setup() -> (Store, Actor, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let mut dr = draft("Lê Văn Thành", "001085012345");
    dr.handling = "huong_dan".into();
    let v = valid(&dr);
    let visit = write(&mut store, &officer, |w| {
        w.save_visit(
            &VisitInput {
                visit: &v,
                day: d("2026-01-05"),
                time: "08:30".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &CaseChoice::Ask,
        )
    })
    .uid;
    let citizen = store.visit_detail(&visit).unwrap().citizen_id;
    (store, officer, citizen)
}

/// A written petition received on `received` (forwarded when `forwarded`); its uid.
fn petition(
    store: &mut Store,
    officer: &Actor,
    citizen: i64,
    t: CaseType,
    received: &str,
    forwarded: bool,
) -> String {
    let intake = Intake {
        case_type: t,
        citizen_id: citizen,
        field_code: "dat_dai".into(),
        summary: "Khiếu nại quyết định thu hồi đất".into(),
        source: if forwarded {
            CaseSource::Forwarded
        } else {
            CaseSource::Post
        },
        forwarded_by: if forwarded {
            "Ban Tiếp công dân tỉnh".into()
        } else {
            String::new()
        },
        forwarding_doc: String::new(),
        forwarder_kind: None,
        received_on: d(received),
        remote: false,
        visit_id: None,
    };
    write(store, officer, |w| w.take_in(&intake, &CaseChoice::OpenNew)).uid
}

fn step_with(
    store: &mut Store,
    officer: &Actor,
    uid: &str,
    a: Action,
    day: &str,
    note: &str,
) -> tiepdan::store::Result<Option<String>> {
    let t = store.case_facts(uid).unwrap().case_type;
    let input = StepInput {
        day: Some(d(day)),
        note: note.into(),
        agency: "Sở Xây dựng".into(),
        outcome: Outcome::for_type(t).first().copied(),
        ..StepInput::default()
    };
    store.write(officer, |w| {
        w.case_step(uid, None, a, &input, d("2027-12-31"))
    })
}

fn step(store: &mut Store, officer: &Actor, uid: &str, a: Action, day: &str) -> Option<String> {
    step_with(store, officer, uid, a, day, "").unwrap()
}

fn dues(store: &Store, uid: &str) -> Vec<(Obligation, NaiveDate)> {
    store
        .case_dues(uid)
        .unwrap()
        .into_iter()
        .map(|x| (x.obligation, x.due_on))
        .collect()
}

fn uid_of(store: &Store, code: &str) -> String {
    store
        .inspect_one("SELECT uid FROM cases WHERE code = ?1", [code])
        .unwrap()
}

#[test]
fn a_decision_opens_its_sending_and_the_step_closes_it_and_a_forwarder_is_told() {
    let (mut store, officer, citizen) = setup();
    let uid = petition(
        &mut store,
        &officer,
        citizen,
        CaseType::KhieuNai,
        "2026-03-02",
        true,
    );
    step(
        &mut store,
        &officer,
        &uid,
        Action::ClassifyOwn,
        "2026-03-03",
    );
    step(&mut store, &officer, &uid, Action::Accept, "2026-03-09");
    // Decided Wed 29/4/2026: sent within 03 working days → Wed 6/5 (Art 32); the forwarding
    // body told within 07 working days → Mon 4 … Tue 12/5 (Luật TCD Art 27(2)).
    step(&mut store, &officer, &uid, Action::Resolve, "2026-04-29");
    assert_eq!(
        dues(&store, &uid),
        vec![
            (Obligation::SendDecision, d("2026-05-06")),
            (Obligation::ReportToForwarder, d("2026-05-12")),
        ]
    );
    // On the board, not in the queue's count of open cases.
    let b = store
        .board(d("2026-05-05"), &store.calendar().unwrap(), 10)
        .unwrap();
    assert_eq!(b.rows.len(), 2);
    let next_due: Option<String> = store
        .inspect_one("SELECT next_due FROM cases WHERE uid = ?1", [&uid])
        .unwrap();
    assert_eq!(next_due, None);
    step(
        &mut store,
        &officer,
        &uid,
        Action::SendDecision,
        "2026-05-05",
    );
    assert_eq!(
        dues(&store, &uid),
        vec![(Obligation::ReportToForwarder, d("2026-05-12"))]
    );
    assert!(
        step_with(
            &mut store,
            &officer,
            &uid,
            Action::SendDecision,
            "2026-05-06",
            ""
        )
        .is_err()
    );
    step(
        &mut store,
        &officer,
        &uid,
        Action::ReportToForwarder,
        "2026-05-08",
    );
    assert!(dues(&store, &uid).is_empty());
    // The window for a second complaint, from the day the decision was sent (Tue 5/5 + 30
    // = Thu 4/6), is the citizen's: on the case, never on the board.
    let limits = store.case_limits(&uid).unwrap();
    assert_eq!(limits.len(), 2);
    assert_eq!(limits[0].obligation, Obligation::SecondComplaint);
    assert_eq!(limits[0].due_on, d("2026-06-04"));
    assert_eq!(limits[0].explanation.start_event, "decision_sent");
    // And the decision takes legal effect 30 days after its issue with no second complaint
    // (Luật KN Art 44(1)): Wed 29/4 + 30 = Fri 29/5.
    assert_eq!(limits[1].obligation, Obligation::DecisionEffective);
    assert_eq!(limits[1].due_on, d("2026-05-29"));
    let citizen_rows: u32 = store
        .inspect_one(
            "SELECT count(*) FROM case_deadlines WHERE obligation IN ('thoi_hieu_khieu_nai', 'thoi_han_khieu_nai_lan_2')",
            [],
        )
        .unwrap();
    assert_eq!(citizen_rows, 0);
}

#[test]
fn a_denunciation_s_acceptance_is_notified_and_its_forwarded_result_told() {
    let (mut store, officer, citizen) = setup();
    let uid = petition(
        &mut store,
        &officer,
        citizen,
        CaseType::ToCao,
        "2026-11-13",
        false,
    );
    // Verified at several places (Art 24(1)): initial handling 10 working days → Fri 27/11.
    step(
        &mut store,
        &officer,
        &uid,
        Action::MarkMultiSite,
        "2026-11-16",
    );
    assert!(dues(&store, &uid).contains(&(Obligation::InitialHandling, d("2026-11-27"))));
    step(
        &mut store,
        &officer,
        &uid,
        Action::ClassifyOwn,
        "2026-11-17",
    );
    step(&mut store, &officer, &uid, Action::Accept, "2026-11-23");
    // Tell the denouncer within 05 working days (Art 29(3)): Mon 30/11.
    assert!(dues(&store, &uid).contains(&(Obligation::NotifyAcceptance, d("2026-11-30"))));
    step(
        &mut store,
        &officer,
        &uid,
        Action::NotifyAcceptance,
        "2026-11-25",
    );
    // … and the person denounced of the content, the same 05 working days (Art 29(3),
    // issue 23): Mon 30/11.
    assert_eq!(
        dues(&store, &uid)
            .into_iter()
            .filter(|(o, _)| *o != Obligation::Resolve)
            .collect::<Vec<_>>(),
        vec![(Obligation::NotifyDenounced, d("2026-11-30"))]
    );
    step(
        &mut store,
        &officer,
        &uid,
        Action::NotifyDenounced,
        "2026-11-26",
    );
    assert_eq!(dues(&store, &uid).len(), 1, "only the resolution");

    // A denunciation outside our authority, forwarded; its result comes back.
    let other = petition(
        &mut store,
        &officer,
        citizen,
        CaseType::ToCao,
        "2026-12-01",
        false,
    );
    step(
        &mut store,
        &officer,
        &other,
        Action::ClassifyNotOwn,
        "2026-12-02",
    );
    step(&mut store, &officer, &other, Action::Transfer, "2026-12-03");
    assert!(dues(&store, &other).is_empty());
    let err = step_with(
        &mut store,
        &officer,
        &other,
        Action::InformCitizen,
        "2026-12-04",
        "",
    )
    .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Refused {
            why: Refusal::NeedsResult,
            ..
        }
    ));
    // Notice on Wed 30/12/2026: tell the citizen by Thu 7/1/2027 (1/1 off; Art 28(2)).
    step(
        &mut store,
        &officer,
        &other,
        Action::ResultReceived,
        "2026-12-30",
    );
    assert_eq!(
        dues(&store, &other),
        vec![(Obligation::InformCitizenResult, d("2027-01-07"))]
    );
    step(
        &mut store,
        &officer,
        &other,
        Action::InformCitizen,
        "2027-01-04",
    );
    assert!(dues(&store, &other).is_empty());
}

fn record_time_bar(
    store: &mut Store,
    officer: &Actor,
    uid: &str,
    learned: &str,
    obstacle_days: u32,
    subject: ComplaintSubject,
) {
    let t = TimeBarInput {
        learned_on: d(learned),
        obstacle_days,
        subject,
        note: String::new(),
    };
    write(store, officer, |w| {
        w.record_time_bar(uid, None, &t, d("2026-12-31"))
    });
}

#[test]
fn an_expired_complaint_is_flagged_and_never_accepted_silently() {
    let (mut store, officer, citizen) = setup();
    // Learned on Mon 5/1/2026: thời hiệu ends Mon 6/4 (Art 9); received Fri 10/4: late.
    let uid = petition(
        &mut store,
        &officer,
        citizen,
        CaseType::KhieuNai,
        "2026-04-10",
        false,
    );
    record_time_bar(
        &mut store,
        &officer,
        &uid,
        "2026-01-05",
        0,
        ComplaintSubject::Administrative,
    );
    let limits = store.case_limits(&uid).unwrap();
    assert_eq!(limits[0].obligation, Obligation::TimeLimit);
    assert_eq!(limits[0].due_on, d("2026-04-06"));
    assert_eq!(limits[0].received_late, Some(true));
    step(
        &mut store,
        &officer,
        &uid,
        Action::ClassifyOwn,
        "2026-04-13",
    );
    let err = step_with(&mut store, &officer, &uid, Action::Accept, "2026-04-14", "").unwrap_err();
    assert!(matches!(
        err,
        StoreError::Refused {
            why: Refusal::TimeBarred,
            ..
        }
    ));
    let text = store_error(Lang::Vi, &err);
    assert!(text.contains("Điều 11(6)"), "{text}");
    assert_eq!(store.case_facts(&uid).unwrap().status.code(), "cho_thu_ly");
    // Five days in hospital, not counted (Art 9): 95 days, Fri 10/4, and the complaint of
    // 10/4 came on the last day: in time.
    record_time_bar(
        &mut store,
        &officer,
        &uid,
        "2026-01-05",
        5,
        ComplaintSubject::Administrative,
    );
    let limits = store.case_limits(&uid).unwrap();
    assert_eq!(limits[0].due_on, d("2026-04-10"));
    assert_eq!(limits[0].received_late, Some(false));
    step(&mut store, &officer, &uid, Action::Accept, "2026-04-14");

    // Another, late and with a valid reason written: accepted, the reason on the timeline.
    let late = petition(
        &mut store,
        &officer,
        citizen,
        CaseType::KhieuNai,
        "2026-04-10",
        false,
    );
    record_time_bar(
        &mut store,
        &officer,
        &late,
        "2026-01-05",
        0,
        ComplaintSubject::Administrative,
    );
    step(
        &mut store,
        &officer,
        &late,
        Action::ClassifyOwn,
        "2026-04-13",
    );
    step_with(
        &mut store,
        &officer,
        &late,
        Action::Accept,
        "2026-04-14",
        "Công dân đi lao động ở nước ngoài, có xác nhận",
    )
    .unwrap();
    // Never as a bare step without its facts.
    assert!(
        step_with(
            &mut store,
            &officer,
            &late,
            Action::RecordTimeBar,
            "2026-04-14",
            ""
        )
        .is_err()
    );
    // A date learned after the complaint came cannot be.
    let t = TimeBarInput {
        learned_on: d("2026-04-20"),
        obstacle_days: 0,
        subject: ComplaintSubject::Administrative,
        note: String::new(),
    };
    assert!(
        store
            .write(&officer, |w| w.record_time_bar(
                &late,
                None,
                &t,
                d("2026-12-31")
            ))
            .is_err()
    );
}

#[test]
fn a_second_round_received_after_the_window_is_flagged() {
    let (mut store, officer, citizen) = setup();
    let uid = petition(
        &mut store,
        &officer,
        citizen,
        CaseType::KhieuNai,
        "2026-03-02",
        false,
    );
    step(
        &mut store,
        &officer,
        &uid,
        Action::ClassifyOwn,
        "2026-03-03",
    );
    step(&mut store, &officer, &uid, Action::Accept, "2026-03-27");
    // Decided Mon 4/5/2026, nothing sent: the window ends Wed 3/6 (Art 33(1)).
    step(&mut store, &officer, &uid, Action::Resolve, "2026-05-04");
    assert_eq!(store.case_limits(&uid).unwrap()[0].due_on, d("2026-06-03"));
    // The second complaint, on Wed 10/6: late.
    let code = step(&mut store, &officer, &uid, Action::Reopen, "2026-06-10").unwrap();
    let second = uid_of(&store, &code);
    let limits = store.case_limits(&second).unwrap();
    assert_eq!(limits.len(), 1);
    assert_eq!(limits[0].obligation, Obligation::SecondComplaint);
    assert_eq!(limits[0].due_on, d("2026-06-03"));
    assert_eq!(limits[0].received_late, Some(true));
    assert!(
        store.case_limits(&uid).unwrap().is_empty(),
        "used: no window left"
    );
    // The complainant received the decision only on Tue 12/5 (recorded on the second
    // round): + 30 = Thu 11/6, in time.
    record_time_bar(
        &mut store,
        &officer,
        &second,
        "2026-05-12",
        0,
        ComplaintSubject::Administrative,
    );
    let limits = store.case_limits(&second).unwrap();
    assert_eq!(limits[0].due_on, d("2026-06-11"));
    assert_eq!(limits[0].received_late, Some(false));
}

#[test]
fn a_disciplinary_complaint_has_its_own_limits_and_its_second_round_too() {
    let (mut store, officer, citizen) = setup();
    let uid = petition(
        &mut store,
        &officer,
        citizen,
        CaseType::KhieuNai,
        "2026-04-20",
        false,
    );
    // An administrative complaint: 10 working days → Thu 7/5 (27/4, 30/4, 1/5 off).
    assert_eq!(
        dues(&store, &uid),
        vec![(Obligation::Accept, d("2026-05-07"))]
    );
    // Against a disciplinary decision received Thu 16/4: thời hiệu 15 days → Mon 4/5 (Art 48),
    // and acceptance in 10 days (Art 50): 30/4 → Mon 4/5.
    record_time_bar(
        &mut store,
        &officer,
        &uid,
        "2026-04-16",
        0,
        ComplaintSubject::Disciplinary,
    );
    assert_eq!(
        dues(&store, &uid),
        vec![(Obligation::Accept, d("2026-05-04"))]
    );
    let limits = store.case_limits(&uid).unwrap();
    assert_eq!(limits[0].obligation, Obligation::TimeLimit);
    assert_eq!(limits[0].due_on, d("2026-05-04"));
    assert!(limits[0].explanation.article.contains("Điều 48"));
    step(
        &mut store,
        &officer,
        &uid,
        Action::ClassifyOwn,
        "2026-04-21",
    );
    step(&mut store, &officer, &uid, Action::Accept, "2026-04-22");
    // Resolved within 30 days (Art 50): 22/4 + 30 = Fri 22/5.
    assert_eq!(
        dues(&store, &uid),
        vec![(Obligation::Resolve, d("2026-05-22"))]
    );
    // A first disciplinary decision has no sending limit; the window is 10 days (Art 48).
    step(&mut store, &officer, &uid, Action::Resolve, "2026-05-11");
    assert!(dues(&store, &uid).is_empty());
    let window = store
        .case_limits(&uid)
        .unwrap()
        .into_iter()
        .find(|l| l.obligation == Obligation::SecondComplaint)
        .unwrap();
    assert_eq!(window.due_on, d("2026-05-21"));
    // The second round is against the same decision: disciplinary too.
    let code = step(&mut store, &officer, &uid, Action::Reopen, "2026-05-15").unwrap();
    let second = uid_of(&store, &code);
    assert_eq!(
        store.case_detail(&second).unwrap().subject,
        ComplaintSubject::Disciplinary
    );
    // Received Fri 15/5 (10 days of Art 50, calendar) → Mon 25/5.
    assert!(dues(&store, &second).contains(&(Obligation::Accept, d("2026-05-25"))));
}

#[test]
fn the_unit_s_own_target_for_proposals_is_off_until_set_and_says_it_is_not_law() {
    let (mut store, officer, citizen) = setup();
    let uid = petition(
        &mut store,
        &officer,
        citizen,
        CaseType::KienNghiPhanAnh,
        "2026-11-02",
        false,
    );
    step(
        &mut store,
        &officer,
        &uid,
        Action::ClassifyOwn,
        "2026-11-03",
    );
    step(&mut store, &officer, &uid, Action::Accept, "2026-11-04");
    assert!(
        dues(&store, &uid).is_empty(),
        "none by default: no law sets one"
    );
    let rule = store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.obligation == Obligation::InternalTarget)
        .unwrap();
    assert!(rule.internal && !rule.active);
    // A rule of law cannot be switched off.
    let law = store.deadline_rules().unwrap()[0].clone();
    assert!(
        store
            .write(&officer, |w| w.change_rule(
                &law,
                &RuleChange {
                    active: Some(false),
                    ..change(&law, 5, DayBasis::Working)
                }
            ))
            .is_err()
    );
    let n = write(&mut store, &officer, |w| {
        w.change_rule(
            &rule,
            &RuleChange {
                active: Some(true),
                ..change(&rule, 15, DayBasis::Working)
            },
        )
    });
    assert_eq!(n, 1);
    // 15 working days from Mon 2/11/2026: Mon 23/11.
    assert_eq!(
        dues(&store, &uid),
        vec![(Obligation::InternalTarget, d("2026-11-23"))]
    );
    let e = &store.case_dues(&uid).unwrap()[0].explanation;
    assert!(e.internal);
    assert_eq!(e.article, "Quy định nội bộ của đơn vị");
    assert_eq!(
        store
            .journal_of(Entity::Rule, &rule_uid(&store, rule.id))
            .unwrap()
            .iter()
            .filter(|e| e.op != tiepdan::domain::journal::Op::Baseline)
            .count(),
        1
    );
    // Switched off from the rule as it is now (switched on).
    let on = store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.id == rule.id)
        .unwrap();
    write(&mut store, &officer, |w| {
        w.change_rule(
            &on,
            &RuleChange {
                active: Some(false),
                ..change(&on, 15, DayBasis::Working)
            },
        )
    });
    assert!(dues(&store, &uid).is_empty());
}

/// A change of `r` from its first day (every clock), with a reason.
fn change(r: &Rule, days: u32, basis: DayBasis) -> RuleChange {
    rule_change(r, days, basis, r.effective_from)
}

fn rule_uid(store: &Store, id: i64) -> String {
    store
        .inspect_one("SELECT uid FROM deadline_rules WHERE id = ?1", [id])
        .unwrap()
}

#[test]
fn a_calendar_change_is_named_in_the_due_dates_it_moved() {
    let (mut store, officer, citizen) = setup();
    // Accepted Wed 2/12/2026: resolved within 30 days → Fri 1/1/2027 off → Mon 4/1/2027.
    let uid = petition(
        &mut store,
        &officer,
        citizen,
        CaseType::KhieuNai,
        "2026-11-25",
        false,
    );
    step(
        &mut store,
        &officer,
        &uid,
        Action::ClassifyOwn,
        "2026-11-26",
    );
    step(&mut store, &officer, &uid, Action::Accept, "2026-12-02");
    assert_eq!(
        dues(&store, &uid),
        vec![(Obligation::Resolve, d("2027-01-04"))]
    );
    // Confirming 2027's computed days off changes nothing here: no note.
    write(&mut store, &officer, |w| w.confirm_year(2027));
    let e = &store.case_dues(&uid).unwrap()[0].explanation;
    assert_eq!(e.change, None);
    // A day off on Mon 4/1/2027 moves it to Tue 5/1, and the explanation says why.
    write(&mut store, &officer, |w| {
        w.set_calendar_day(
            d("2027-01-04"),
            DayKind::Off,
            "Nghỉ bù Tết Dương lịch",
            d("2026-01-01"),
        )
    });
    let due = &store.case_dues(&uid).unwrap()[0];
    assert_eq!(due.due_on, d("2027-01-05"));
    let change = due.explanation.change.clone().expect("named");
    assert_eq!(change.previous_due, d("2027-01-04"));
    assert_eq!(
        change.cause,
        Cause::DayOff {
            day: d("2027-01-04"),
            name: "Nghỉ bù Tết Dương lịch".into()
        }
    );
    // A later step that does not move it keeps the note; removing the day moves it back.
    step(&mut store, &officer, &uid, Action::Note, "2026-12-10");
    assert!(
        store.case_dues(&uid).unwrap()[0]
            .explanation
            .change
            .is_some()
    );
    write(&mut store, &officer, |w| {
        w.remove_calendar_day(d("2027-01-04"), d("2026-01-01"))
    });
    let due = &store.case_dues(&uid).unwrap()[0];
    assert_eq!(due.due_on, d("2027-01-04"));
    assert!(matches!(
        due.explanation.change.as_ref().map(|c| &c.cause),
        Some(Cause::DayRemoved { .. })
    ));
    let lines = tiepdan::i18n::explanation_lines(Lang::Vi, &due.explanation);
    assert!(
        lines
            .iter()
            .any(|(_, t)| t.contains("trước là 05/01/2027") && t.contains("bỏ ngày 04/01/2027")),
        "{lines:?}"
    );
}
