//! The deadline engine over the seeded rules and calendar (migration 0003): worked examples
//! checked by hand, properties, and recomputation when facts, rules or the calendar change.

mod common;

use common::clocks::{ctx, d};

use chrono::{Datelike, Duration, NaiveDate};
use tiepdan::domain::calendar::DayKind;
use tiepdan::domain::case::{CaseStatus, CaseType};
use tiepdan::domain::deadline::{self, CaseClock, DayBasis, Obligation};
use tiepdan::domain::journal::Entity;
use tiepdan::store::Store;

#[derive(Clone, Copy)]
struct Ex {
    t: CaseType,
    received: &'static str,
    accepted: Option<&'static str>,
    round: u8,
    complex: bool,
    remote: bool,
    ext: u32,
    obligation: Obligation,
    due: &'static str,
}

const KN: CaseType = CaseType::KhieuNai;
const TC: CaseType = CaseType::ToCao;

fn ex(t: CaseType, received: &'static str, obligation: Obligation, due: &'static str) -> Ex {
    Ex {
        t,
        received,
        accepted: None,
        round: 1,
        complex: false,
        remote: false,
        ext: 0,
        obligation,
        due,
    }
}

fn res(t: CaseType, accepted: &'static str, due: &'static str) -> Ex {
    Ex {
        accepted: Some(accepted),
        ..ex(t, accepted, Obligation::Resolve, due)
    }
}

/// Worked by hand with a paper calendar (see the comments for the days skipped).
fn examples() -> Vec<Ex> {
    use Obligation::*;
    vec![
        // Acceptance of a complaint, 10 working days before 01/7/2026.
        ex(KN, "2026-03-02", Accept, "2026-03-16"),
        // Across Tết Bính Ngọ (16–20/2 off, weekends around).
        ex(KN, "2026-02-13", Accept, "2026-03-06"),
        // Year end 2025 into 2026: 1/1 and 2/1 off, then the weekend.
        ex(KN, "2025-12-19", Accept, "2026-01-06"),
        // The swapped Saturday 10/01/2026 is a working day.
        ex(KN, "2025-12-31", Accept, "2026-01-15"),
        // The day before the 2026 change keeps the old rule (10 working days) …
        ex(KN, "2026-06-30", Accept, "2026-07-14"),
        // … the first day of the new rule: 7 working days (NĐ 155/2026, unverified).
        ex(KN, "2026-07-01", Accept, "2026-07-10"),
        // 2025: Saturday 26/4 worked, 30/4–2/5 off.
        ex(KN, "2025-04-21", Accept, "2025-05-07"),
        // Denunciation, initial handling 7 working days: 27/4 (compensatory), 30/4, 1/5 off.
        ex(TC, "2026-04-23", InitialHandling, "2026-05-07"),
        ex(TC, "2026-04-23", TransferDenunciation, "2026-05-05"),
        // Quốc khánh 2025: 1–2/9 off.
        ex(TC, "2025-08-28", InitialHandling, "2025-09-10"),
        // Reply after a reception, 10 working days, across Tết Ất Tỵ (27–31/1/2025).
        ex(KN, "2025-01-20", ReplyCitizen, "2025-02-10"),
        ex(
            CaseType::KienNghiPhanAnh,
            "2026-11-02",
            ReplyCitizen,
            "2026-11-16",
        ),
        // Resolution of a first complaint: 30 calendar days from acceptance.
        res(KN, "2026-03-02", "2026-04-01"),
        // … ending on Sunday 26/4 (Giỗ Tổ), Monday 27/4 off: rolls to Tuesday 28/4.
        res(KN, "2026-03-27", "2026-04-28"),
        // … month end on a Sunday rolls to Monday.
        res(KN, "2026-01-30", "2026-03-02"),
        // … ending on Saturday.
        res(KN, "2026-05-07", "2026-06-08"),
        // … 30/4/2025 off, 1/5, 2/5 (swap) off, weekend: Monday 5/5.
        res(KN, "2025-03-31", "2025-05-05"),
        // … into 2027 (computed calendar): 1/1/2027 off, weekend.
        res(KN, "2026-12-02", "2027-01-04"),
        // … Tết Đinh Mùi 2027 estimated by precedent (DOMAIN.md §11): Thu 4/2 – Wed 10/2;
        // 7/1 + 30 = Sat 6/2, off to Wed 10/2: Thu 11/2.
        res(KN, "2027-01-07", "2027-02-11"),
        // Leap year 2028: 31/1 + 30 days is 1/3; in 2027, 2/3.
        res(KN, "2028-01-31", "2028-03-01"),
        res(KN, "2027-01-31", "2027-03-02"),
        // Complex: 45 days, ending on 30/4 → 4/5.
        Ex {
            complex: true,
            ..res(KN, "2026-03-16", "2026-05-04")
        },
        // Remote: 45 days, ending in Tết → 23/2.
        Ex {
            remote: true,
            ..res(KN, "2026-01-05", "2026-02-23")
        },
        Ex {
            remote: true,
            ..res(KN, "2026-10-01", "2026-11-16")
        },
        // Remote and complex: 60 days.
        Ex {
            remote: true,
            complex: true,
            ..res(KN, "2026-01-05", "2026-03-06")
        },
        // Second round: 45; complex 60; remote 60; remote complex 70 (31/8 swap, 1–2/9 off).
        Ex {
            round: 2,
            ..res(KN, "2026-08-03", "2026-09-17")
        },
        Ex {
            round: 2,
            complex: true,
            ..res(KN, "2026-07-03", "2026-09-03")
        },
        Ex {
            round: 2,
            remote: true,
            ..res(KN, "2026-07-02", "2026-09-03")
        },
        Ex {
            round: 2,
            remote: true,
            complex: true,
            ..res(KN, "2026-06-22", "2026-09-03")
        },
        // A denunciation: 30 days, then +30 for each extension (at most two).
        res(TC, "2026-10-05", "2026-11-04"),
        Ex {
            complex: true,
            ext: 1,
            ..res(TC, "2026-10-05", "2026-12-04")
        },
        Ex {
            complex: true,
            ext: 2,
            ..res(TC, "2026-10-05", "2027-01-04")
        },
        // Extensions do not apply to complaints.
        Ex {
            ext: 1,
            ..res(KN, "2026-03-02", "2026-04-01")
        },
    ]
}

#[test]
fn worked_examples_by_hand() {
    let ctx = ctx();
    let all = examples();
    assert!(all.len() >= 30);
    for e in all {
        let c = CaseClock {
            round: e.round,
            complex: e.complex,
            remote: e.remote,
            extensions: e.ext,
            accepted_on: e.accepted.map(d),
            ..CaseClock::new(e.t, d(e.received))
        };
        let dues = deadline::obligations(&c, &ctx.rules, &ctx.calendar);
        let got = dues
            .iter()
            .find(|x| x.obligation == e.obligation)
            .unwrap_or_else(|| panic!("{:?} {} missing: {dues:?}", e.obligation, e.received));
        assert_eq!(
            got.due_on,
            d(e.due),
            "{:?} {:?} from {} (round {}, complex {}, remote {}, ext {}): {:?}",
            e.t,
            e.obligation,
            e.accepted.unwrap_or(e.received),
            e.round,
            e.complex,
            e.remote,
            e.ext,
            got.explanation
        );
    }
}

#[test]
fn proposals_have_no_statutory_resolution_deadline() {
    let ctx = ctx();
    let c = CaseClock {
        status: CaseStatus::InProgress,
        accepted_on: Some(d("2026-11-03")),
        ..CaseClock::new(CaseType::KienNghiPhanAnh, d("2026-11-02"))
    };
    let obligations: Vec<Obligation> = deadline::obligations(&c, &ctx.rules, &ctx.calendar)
        .into_iter()
        .map(|x| x.obligation)
        .collect();
    assert_eq!(obligations, vec![Obligation::ReplyCitizen]);
}

#[test]
fn the_explanation_lists_the_days_skipped_and_the_roll_forward() {
    let ctx = ctx();
    let c = CaseClock {
        status: CaseStatus::InProgress,
        accepted_on: Some(d("2026-03-27")),
        from_visit: false,
        ..CaseClock::new(KN, d("2026-03-20"))
    };
    let due = deadline::obligations(&c, &ctx.rules, &ctx.calendar)
        .into_iter()
        .find(|x| x.obligation == Obligation::Resolve)
        .unwrap();
    let e = &due.explanation;
    assert_eq!(e.nominal_end, d("2026-04-26"));
    assert!(e.rolled_forward);
    let skipped: Vec<NaiveDate> = e.skipped.iter().map(|s| s.day).collect();
    assert_eq!(skipped, vec![d("2026-04-26"), d("2026-04-27")]);
    assert!(e.skipped[1].why.contains("Giỗ Tổ"), "{:?}", e.skipped);
    assert!(e.article.contains("Điều 28"));
    // Working days: every non-working day inside the period is listed.
    let c = CaseClock {
        from_visit: true,
        status: CaseStatus::New,
        accepted_on: None,
        received_on: d("2026-02-13"),
        ..c
    };
    let reply = deadline::obligations(&c, &ctx.rules, &ctx.calendar)
        .into_iter()
        .find(|x| x.obligation == Obligation::ReplyCitizen)
        .unwrap();
    let tet: Vec<&str> = reply
        .explanation
        .skipped
        .iter()
        .map(|s| s.why.as_str())
        .collect();
    assert_eq!(tet.iter().filter(|w| w.contains("Tết")).count(), 5);
    // A weekend day is a fact (worded when shown, in the viewer's language).
    let saturdays = reply
        .explanation
        .skipped
        .iter()
        .filter(|s| s.is_weekend() && chrono::Datelike::weekday(&s.day) == chrono::Weekday::Sat)
        .count();
    assert_eq!(saturdays, 3);
}

#[test]
fn property_working_day_dues_are_working_days_and_more_days_never_earlier() {
    use rand::{Rng, SeedableRng};
    let ctx = ctx();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    for _ in 0..3_000 {
        let start = d("2024-01-01") + Duration::days(rng.random_range(0..(6 * 365)));
        let n = rng.random_range(1..60);
        for basis in [DayBasis::Working, DayBasis::Calendar] {
            let (due, ..) = deadline::count(&ctx.calendar, start, n, basis);
            let (later, ..) = deadline::count(&ctx.calendar, start, n + 1, basis);
            assert!(
                ctx.calendar.is_working(due),
                "{start} + {n} {basis:?} = {due}"
            );
            assert!(later >= due, "{start}: {n} → {due}, {} → {later}", n + 1);
            assert!(due > start);
        }
    }
}

#[test]
fn due_dates_are_stored_and_follow_the_case_rules_and_calendar() {
    use tiepdan::domain::case::Action;
    use tiepdan::store::{CaseSource, NewCase, StepInput};
    let mut store = Store::open_in_memory().unwrap();
    let officer = common::store_with_officer(&mut store);
    let mut dr = common::draft("Trần Văn Đức", "001085012345");
    dr.handling = "huong_dan".into();
    let v = common::valid(&dr);
    let visit = common::write(&mut store, &officer, |w| {
        w.save_visit(
            &tiepdan::store::VisitInput {
                visit: &v,
                day: d("2026-03-02"),
                time: "08:00".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &tiepdan::domain::intake::CaseChoice::Ask,
        )
    })
    .uid;
    let c = NewCase {
        case_type: KN,
        field_code: "dat_dai".into(),
        summary: "Khiếu nại thu hồi đất".into(),
        source: CaseSource::Visit,
        forwarded_by: String::new(),
        forwarding_doc: String::new(),
        forwarder_kind: None,
        received_on: d("2026-03-02"),
        remote: false,
    };
    let uid = common::write(&mut store, &officer, |w| w.open_case_from_visit(&visit, &c)).uid;
    let dues = |s: &Store| {
        s.case_dues(&uid)
            .unwrap()
            .into_iter()
            .map(|x| (x.obligation, x.due_on))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        dues(&store),
        vec![
            (Obligation::Accept, d("2026-03-16")),
            (Obligation::ReplyCitizen, d("2026-03-16"))
        ]
    );
    let step = |s: &mut Store, a: Action, day: &str| {
        let input = StepInput {
            day: Some(d(day)),
            ..StepInput::default()
        };
        common::write(s, &officer, |w| {
            w.case_step(&uid, None, a, &input, d("2026-11-24"))
        });
    };
    step(&mut store, Action::ClassifyOwn, "2026-03-05");
    step(&mut store, Action::Accept, "2026-03-27");
    assert_eq!(
        dues(&store),
        vec![(Obligation::Resolve, d("2026-04-28"))],
        "accepted: only the resolution is open"
    );
    step(&mut store, Action::MarkComplex, "2026-04-01");
    assert_eq!(dues(&store), vec![(Obligation::Resolve, d("2026-05-11"))]);
    // A remote area, found out later: complex and remote, 60 days → 26/5.
    step(&mut store, Action::MarkRemote, "2026-04-02");
    assert_eq!(dues(&store), vec![(Obligation::Resolve, d("2026-05-26"))]);
    assert!(
        store
            .write(&officer, |w| w.case_step(
                &uid,
                None,
                Action::MarkRemote,
                &StepInput::default(),
                d("2026-11-24")
            ))
            .is_err(),
        "once"
    );

    // A rule change dated from the rule's first day (every clock) recomputes open cases,
    // audited.
    let rule = store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .find(|r| {
            r.obligation == Obligation::Resolve
                && r.complex == Some(true)
                && r.round == Some(1)
                && r.remote == Some(true)
        })
        .unwrap();
    let n = common::write(&mut store, &officer, |w| {
        w.change_rule(
            &rule,
            &common::rule_change(&rule, 40, DayBasis::Calendar, rule.effective_from),
        )
    });
    assert_eq!(n, 1);
    assert_eq!(dues(&store), vec![(Obligation::Resolve, d("2026-05-06"))]);
    // A new day off, in force before the clock started (27/3), recomputes too: 6/5/2026
    // off → 7/5.
    common::write(&mut store, &officer, |w| {
        w.set_calendar_day(
            d("2026-05-06"),
            DayKind::Off,
            "Nghỉ đột xuất",
            d("2026-03-01"),
        )
    });
    assert_eq!(dues(&store), vec![(Obligation::Resolve, d("2026-05-07"))]);
    assert_eq!(
        store
            .inspect_one::<i64>(
                "SELECT count(*) FROM journal WHERE entity = 'calendar_day'
                   AND record LIKE ?1 || '@%' AND op != 'baseline'",
                ["2026-05-06"],
            )
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .journal_of(Entity::Rule, &store_rule_uid(&store, rule.id))
            .unwrap()
            .iter()
            .filter(|e| e.op != tiepdan::domain::journal::Op::Baseline)
            .count(),
        1
    );
    common::write(&mut store, &officer, |w| {
        w.remove_calendar_day(d("2026-05-06"), d("2026-03-01"))
    });
    assert_eq!(dues(&store), vec![(Obligation::Resolve, d("2026-05-06"))]);
    // Resolved: nothing open.
    let input = StepInput {
        day: Some(d("2026-05-04")),
        outcome: Some(tiepdan::domain::case::Outcome::Dung),
        ..StepInput::default()
    };
    common::write(&mut store, &officer, |w| {
        w.case_step(&uid, None, Action::Resolve, &input, d("2026-11-24"))
    });
    // Resolved on Monday 4/5/2026: the decision is sent within 03 working days (Luật KN
    // Art 32): Tue 5, Wed 6, Thu 7/5.
    assert_eq!(
        dues(&store),
        vec![(Obligation::SendDecision, d("2026-05-07"))]
    );
    step(&mut store, Action::SendDecision, "2026-05-06");
    assert!(dues(&store).is_empty(), "sent: nothing open");
}

fn store_rule_uid(store: &Store, id: i64) -> String {
    store
        .inspect_one("SELECT uid FROM deadline_rules WHERE id = ?1", [id])
        .unwrap()
}

#[test]
fn an_unannounced_year_uses_expected_defaults_until_confirmed() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = common::store_with_officer(&mut store);
    let cal = store.calendar().unwrap();
    assert!(!cal.is_announced(2027));
    let tet = cal.year_entries(2027);
    assert!(
        tet.iter()
            .any(|e| e.name.contains("Tết Nguyên đán") && e.expected)
    );
    common::write(&mut store, &officer, |w| w.confirm_year(2027));
    let cal = store.calendar().unwrap();
    assert!(cal.is_announced(2027));
    assert!(cal.year_entries(2027).iter().all(|e| !e.expected));
    assert_eq!(
        cal.year_entries(2027).first().map(|e| e.day.year()),
        Some(2027)
    );
}

/// A database made before the deadline engine (schema 2) gets its open cases' due dates when
/// it is opened: the upgrade computes them.
#[test]
fn a_version_2_database_upgrades_and_gets_due_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.sqlite3");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for (_, sql) in &tiepdan::store::MIGRATION_FILES[..2] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 2).unwrap();
        c.pragma_update(None, "application_id", tiepdan::store::APPLICATION_ID)
            .unwrap();
        c.execute_batch(
            "INSERT INTO officers (uid, full_name, created_at) VALUES ('o1', 'Nguyễn Thị Lan', '2026-03-01T08:00:00');
             INSERT INTO citizens (uid, full_name, name_folded, created_at, updated_at)
                 VALUES ('c1', 'Trần Văn Đức', 'tran van duc', '2026-03-01T08:00:00', '2026-03-01T08:00:00');
             INSERT INTO cases (uid, code, case_type, year, seq, citizen_id, field_id, summary, source,
                                received_on, officer_id, created_at, updated_at)
                 VALUES ('k1', 'KN-2026-0001', 'khieu_nai', 2026, 1, 1, 1, 'Khiếu nại thu hồi đất',
                         'buu_chinh', '2026-03-02', 1, '2026-03-02T08:00:00', '2026-03-02T08:00:00');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        tiepdan::store::LATEST_VERSION
    );
    let dues: Vec<(Obligation, NaiveDate)> = store
        .case_dues("k1")
        .unwrap()
        .into_iter()
        .map(|x| (x.obligation, x.due_on))
        .collect();
    assert_eq!(dues, vec![(Obligation::Accept, d("2026-03-16"))]);
}

/// The counters kept by triggers (queue counts, board buckets) always equal a direct count,
/// whatever sequence of steps the cases went through.
#[test]
fn trigger_kept_counters_equal_direct_counts() {
    use rand::seq::IndexedRandom;
    use rand::{Rng, SeedableRng};
    use tiepdan::domain::case::{self, Action, Outcome, RefusalReason};
    use tiepdan::store::{CaseSource, Intake, StepInput};
    let mut store = Store::open_in_memory().unwrap();
    let officer = common::store_with_officer(&mut store);
    let mut dr = common::draft("Trần Văn Đức", "001085012345");
    dr.handling = "huong_dan".into();
    let v = common::valid(&dr);
    let visit = common::write(&mut store, &officer, |w| {
        w.save_visit(
            &tiepdan::store::VisitInput {
                visit: &v,
                day: d("2026-09-01"),
                time: "08:00".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &tiepdan::domain::intake::CaseChoice::Ask,
        )
    })
    .uid;
    let citizen = store.visit_detail(&visit).unwrap().citizen_id;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    let fields = ["dat_dai", "den_bu_gpmb", "khac"];
    let mut uids = Vec::new();
    for i in 0..60 {
        let t = *CaseType::ALL.choose(&mut rng).unwrap();
        let intake = Intake {
            case_type: t,
            citizen_id: citizen,
            field_code: fields[i % 3].into(),
            summary: "Nội dung".into(),
            source: CaseSource::Visit,
            forwarded_by: String::new(),
            forwarding_doc: String::new(),
            forwarder_kind: None,
            received_on: d("2026-09-01") + Duration::days(rng.random_range(0..80)),
            remote: rng.random_bool(0.2),
            visit_id: None,
        };
        let uid = common::write(&mut store, &officer, |w| {
            w.take_in(&intake, &tiepdan::domain::intake::CaseChoice::OpenNew)
        })
        .uid;
        uids.push((uid, t));
    }
    let today = d("2026-11-24");
    let mut seen_open = 0;
    for step_no in 0..300 {
        let (uid, t) = uids.choose(&mut rng).unwrap().clone();
        let facts = store.case_facts(&uid).unwrap();
        let offered = case::offered(&facts);
        let Some(a) = offered
            .iter()
            .copied()
            .filter(|a| !matches!(a, Action::Note | Action::Assign | Action::Reopen))
            .collect::<Vec<_>>()
            .choose(&mut rng)
            .copied()
        else {
            continue;
        };
        let input = StepInput {
            // A step is dated after the case's last one, and not after today.
            day: Some(
                (store.case_events(&uid).unwrap().last().unwrap().day
                    + Duration::days(rng.random_range(0..4)))
                .min(today),
            ),
            agency: "Sở Xây dựng".into(),
            reason: RefusalReason::for_type(t).first().copied(),
            outcome: Outcome::for_type(t).first().copied(),
            ..StepInput::default()
        };
        if a == Action::RecordTimeBar {
            // The time-bar facts have their own write (a day learned before receipt).
            let received: NaiveDate = store
                .inspect_one("SELECT received_on FROM cases WHERE uid = ?1", [&uid])
                .unwrap();
            let t = tiepdan::store::TimeBarInput {
                learned_on: received - Duration::days(rng.random_range(0..150)),
                obstacle_days: rng.random_range(0..10),
                subject: tiepdan::domain::case::ComplaintSubject::ALL[rng.random_range(0..3)],
                note: String::new(),
            };
            common::write(&mut store, &officer, |w| {
                w.record_time_bar(&uid, None, &t, today)
            });
        } else {
            let input = StepInput {
                note: "Lý do chính đáng".into(),
                ..input
            };
            common::write(&mut store, &officer, |w| {
                w.case_step(&uid, None, a, &input, today)
            });
        }
        if step_no % 30 == 0 {
            seen_open += check_counters(&store, today);
        }
    }
    seen_open += check_counters(&store, today);
    assert!(
        seen_open > 0,
        "a test with no open obligation proves nothing"
    );
}

/// Compare the trigger-kept counters with direct counts; returns the open obligations.
fn check_counters(store: &Store, today: NaiveDate) -> u32 {
    let counts = store.field_counts(today).unwrap();
    let open = CaseStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ");
    for f in counts {
        let direct_open: u32 = store
            .inspect_one(
                &format!("SELECT count(*) FROM cases WHERE field_id = ?1 AND status IN ({open})"),
                [f.field_id],
            )
            .unwrap();
        // The queue counts open cases: a decided case's remaining duties are on the board.
        let direct_overdue: u32 = store.inspect_one(&format!("SELECT count(DISTINCT d.case_id) FROM case_deadlines d JOIN cases k ON k.id = d.case_id
                 WHERE k.field_id = ?1 AND d.due_on < ?2 AND k.status IN ({open})"), rusqlite::params![f.field_id, today])
            .unwrap();
        assert_eq!(
            (f.open, f.overdue),
            (direct_open, direct_overdue),
            "{}",
            f.code
        );
    }
    let cal = store.calendar().unwrap();
    let b = store.board(today, &cal, 5).unwrap();
    let direct: u32 = store
        .inspect_one("SELECT count(*) FROM case_deadlines", [])
        .unwrap();
    assert_eq!(b.overdue + b.within3 + b.within7 + b.later, direct);
    let overdue: u32 = store
        .inspect_one(
            "SELECT count(*) FROM case_deadlines WHERE due_on < ?1",
            [today],
        )
        .unwrap();
    assert_eq!(b.overdue, overdue);
    direct
}

/// Two desks edit the same rule: the second, made on the rule as it was before the first,
/// is refused with a conflict; the first edit stands.
#[test]
fn a_rule_edited_at_another_desk_is_not_undone() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = common::store_with_officer(&mut store);
    let seen = store.deadline_rules().unwrap()[0].clone();
    common::write(&mut store, &officer, |w| {
        w.change_rule(
            &seen,
            &common::rule_change(&seen, seen.days + 5, seen.basis, seen.effective_from),
        )
    });
    let stale = store.write(&officer, |w| {
        w.change_rule(
            &seen,
            &common::rule_change(&seen, seen.days + 1, seen.basis, seen.effective_from),
        )
    });
    assert!(
        matches!(stale, Err(tiepdan::store::StoreError::Conflict { .. })),
        "{stale:?}"
    );
    assert_eq!(store.deadline_rules().unwrap()[0].days, seen.days + 5);
}
