//! Every obligation of DOMAIN.md §3.2 the engine learned in issue 18, over the seeded rules
//! and calendar (migrations 0003, 0007): worked examples computed by hand from the article
//! (each comment shows the counting on a paper calendar), including periods ending on a
//! holiday and periods across the year end into the computed 2027; and a table naming every
//! row of §3.2 with the obligation that tracks it, or why it is deliberately not tracked.

mod common;

use chrono::NaiveDate;
use common::clocks::*;
use tiepdan::domain::case::{CaseStatus, CaseType};
use tiepdan::domain::deadline::{self, CaseClock, Holder, Obligation, second_complaint_window};
use tiepdan::store::DeadlineContext;

fn due_of(ctx: &DeadlineContext, c: &CaseClock, o: Obligation) -> Option<NaiveDate> {
    deadline::obligations(c, &ctx.rules, &ctx.calendar)
        .into_iter()
        .find(|x| x.obligation == o)
        .map(|x| x.due_on)
}

/// (what, the case, the obligation, the due date worked by hand).
fn examples() -> Vec<(&'static str, CaseClock, Obligation, &'static str)> {
    use Obligation::*;
    let kn2 = |c: CaseClock| CaseClock { round: 2, ..c };
    let fwd = |c: CaseClock| CaseClock {
        forwarded: true,
        ..c
    };
    let disc = |c: CaseClock| CaseClock {
        disciplinary: true,
        ..c
    };
    vec![
        // Luật KN Art 32: the first decision sent within 03 working days of the decision.
        (
            "Fri 13/2/2026, Tết 16–20/2 off: Mon 23, Tue 24, Wed 25",
            decided(case(KN, "2026-01-05"), "2026-02-13"),
            SendDecision,
            "2026-02-25",
        ),
        (
            "Wed 29/4/2026: 30/4, 1/5 off, weekend: Mon 4, Tue 5, Wed 6",
            decided(case(KN, "2026-03-02"), "2026-04-29"),
            SendDecision,
            "2026-05-06",
        ),
        (
            "Wed 7/1/2026: Thu 8, Fri 9, the swapped Saturday 10/1 counts",
            decided(case(KN, "2025-11-03"), "2026-01-07"),
            SendDecision,
            "2026-01-10",
        ),
        (
            "Tue 29/12/2026: Wed 30, Thu 31, 1/1/2027 off (expected), weekend, Mon 4/1",
            decided(case(KN, "2026-10-01"), "2026-12-29"),
            SendDecision,
            "2027-01-04",
        ),
        // Art 41(1) (and 56(2)): the second decision within 07 days, calendar.
        (
            "Tue 24/11/2026 + 7 = Tue 1/12",
            kn2(decided(case(KN, "2026-09-01"), "2026-11-24")),
            SendDecision,
            "2026-12-01",
        ),
        (
            "Fri 25/12/2026 + 7 = Fri 1/1/2027, a holiday: weekend, Mon 4/1",
            kn2(decided(case(KN, "2026-10-01"), "2026-12-25")),
            SendDecision,
            "2027-01-04",
        ),
        (
            "a disciplinary second round, Mon 24/8/2026 + 7 = Mon 31/8 off (swap), 1–2/9 off: Thu 3/9",
            disc(kn2(decided(case(KN, "2026-07-01"), "2026-08-24"))),
            SendDecision,
            "2026-09-03",
        ),
        // Art 41(2)–(3), NĐ 124/2020: the second decision made public within 15 days.
        (
            "Wed 15/4/2026 + 15 = Thu 30/4 off, Fri 1/5 off, weekend: Mon 4/5",
            kn2(decided(case(KN, "2026-02-02"), "2026-04-15")),
            PublishDecision,
            "2026-05-04",
        ),
        (
            "Mon 2/11/2026 + 15 = Tue 17/11",
            kn2(decided(case(KN, "2026-08-03"), "2026-11-02")),
            PublishDecision,
            "2026-11-17",
        ),
        // Luật TC Art 29(3): the denouncer told within 05 working days of the acceptance.
        (
            "Mon 23/11/2026: Tue 24 … Fri 27, Mon 30",
            accepted(case(TC, "2026-11-16"), "2026-11-23"),
            NotifyAcceptance,
            "2026-11-30",
        ),
        (
            "Fri 28/8/2026: 31/8 (swap), 1/9, 2/9 off: Thu 3, Fri 4, Mon 7, Tue 8, Wed 9",
            accepted(case(TC, "2026-08-20"), "2026-08-28"),
            NotifyAcceptance,
            "2026-09-09",
        ),
        (
            "Mon 28/12/2026: Tue 29, Wed 30, Thu 31, 1/1/2027 off, Mon 4, Tue 5",
            accepted(case(TC, "2026-12-21"), "2026-12-28"),
            NotifyAcceptance,
            "2027-01-05",
        ),
        // Art 24(1): initial handling 10 working days when verified at several places.
        (
            "Fri 13/11/2026 + 10 working days: Fri 27/11 (7 would give Tue 24)",
            CaseClock {
                multi_site: true,
                ..case(TC, "2026-11-13")
            },
            InitialHandling,
            "2026-11-27",
        ),
        (
            "Thu 12/2/2026: Fri 13, Tết 16–20/2 off, Mon 23 … Thu 5/3 is the 10th",
            CaseClock {
                multi_site: true,
                ..case(TC, "2026-02-12")
            },
            InitialHandling,
            "2026-03-05",
        ),
        // Art 24(2): forwarded within 05 working days, across the year end.
        (
            "Tue 29/12/2026: Wed 30, Thu 31, 1/1/2027 off, Mon 4, Tue 5, Wed 6",
            case(TC, "2026-12-29"),
            TransferDenunciation,
            "2027-01-06",
        ),
        // Luật TCD Art 27(2): the forwarding body told within 07 working days of the result.
        (
            "a forwarded complaint decided Mon 16/11/2026: Tue 17 … Wed 25 is the 7th",
            fwd(decided(case(KN, "2026-09-01"), "2026-11-16")),
            ReportToForwarder,
            "2026-11-25",
        ),
        (
            "a forwarded denunciation decided Thu 24/12/2026: … Thu 31, 1/1 off, Mon 4, Tue 5",
            fwd(decided(case(TC, "2026-10-01"), "2026-12-24")),
            ReportToForwarder,
            "2027-01-05",
        ),
        // Luật TCD Art 28(2): the citizen told within 05 working days of the result notice.
        (
            "notice Wed 29/4/2026: 30/4, 1/5 off: Mon 4 … Fri 8",
            CaseClock {
                result_notice_on: Some(d("2026-04-29")),
                status: CaseStatus::Transferred,
                ..case(KN, "2026-03-02")
            },
            InformCitizenResult,
            "2026-05-08",
        ),
        (
            "notice Wed 30/12/2026: Thu 31, 1/1/2027 off, Mon 4 … Thu 7",
            CaseClock {
                result_notice_on: Some(d("2026-12-30")),
                status: CaseStatus::Transferred,
                ..case(TC, "2026-11-02")
            },
            InformCitizenResult,
            "2027-01-07",
        ),
        // Luật KN Art 50: a disciplinary complaint accepted within 10 days ("ngày", calendar)
        // before 01/7/2026; from then 07 working days as every complaint (NĐ 155/2026 Art 10).
        (
            "received Mon 20/4/2026 + 10 = Thu 30/4 off, 1/5 off, weekend: Mon 4/5",
            disc(case(KN, "2026-04-20")),
            Accept,
            "2026-05-04",
        ),
        (
            "received Mon 2/11/2026: 7 working days, Wed 11/11",
            disc(case(KN, "2026-11-02")),
            Accept,
            "2026-11-11",
        ),
        // Art 50: resolved within 30 days of acceptance, complex 45; no remote-area variant.
        (
            "accepted Mon 2/11/2026 + 30 = Wed 2/12",
            disc(accepted(case(KN, "2026-10-26"), "2026-11-02")),
            Resolve,
            "2026-12-02",
        ),
        (
            "complex: 2/11/2026 + 45 = Thu 17/12",
            CaseClock {
                complex: true,
                ..disc(accepted(case(KN, "2026-10-26"), "2026-11-02"))
            },
            Resolve,
            "2026-12-17",
        ),
        (
            "remote changes nothing for a disciplinary complaint: 30 days, Wed 2/12",
            CaseClock {
                remote: true,
                ..disc(accepted(case(KN, "2026-10-26"), "2026-11-02"))
            },
            Resolve,
            "2026-12-02",
        ),
        (
            "accepted Wed 2/12/2026 + 30 = Fri 1/1/2027, a holiday: weekend, Mon 4/1",
            disc(accepted(case(KN, "2026-11-25"), "2026-12-02")),
            Resolve,
            "2027-01-04",
        ),
        // Luật KN Art 9: thời hiệu 90 days from learning of the decision or act.
        (
            "learned Mon 5/1/2026: 31/1 (26), 28/2 (54), 31/3 (85), Sun 5/4 (90): Mon 6/4",
            CaseClock {
                learned_on: Some(d("2026-01-05")),
                ..case(KN, "2026-03-02")
            },
            TimeLimit,
            "2026-04-06",
        ),
        (
            "learned Fri 30/1/2026: 31/1 (1), 28/2 (29), 31/3 (60), Thu 30/4 (90) off, 1/5 off: Mon 4/5",
            CaseClock {
                learned_on: Some(d("2026-01-30")),
                ..case(KN, "2026-03-02")
            },
            TimeLimit,
            "2026-05-04",
        ),
        (
            "learned 5/1/2026 with 10 days of illness not counted: 100 days, Wed 15/4",
            CaseClock {
                learned_on: Some(d("2026-01-05")),
                obstacle_days: 10,
                ..case(KN, "2026-03-02")
            },
            TimeLimit,
            "2026-04-15",
        ),
        (
            "learned Mon 5/10/2026: 31/10 (26), 30/11 (56), 31/12 (87), Sun 3/1/2027 (90): Mon 4/1",
            CaseClock {
                learned_on: Some(d("2026-10-05")),
                ..case(KN, "2026-11-02")
            },
            TimeLimit,
            "2027-01-04",
        ),
        (
            "Art 48, a disciplinary decision received Thu 16/4/2026 + 15 = Fri 1/5 off: Mon 4/5",
            CaseClock {
                learned_on: Some(d("2026-04-16")),
                ..disc(case(KN, "2026-04-20"))
            },
            TimeLimit,
            "2026-05-04",
        ),
        // Luật KN Art 33(1): a second complaint within 30 days (remote 45) of the receipt of
        // the first decision, or of the end of the first-round limit with no decision.
        (
            "decided Mon 4/5/2026, nothing sent recorded: + 30 = Wed 3/6",
            decided(accepted(case(KN, "2026-03-02"), "2026-03-27"), "2026-05-04"),
            SecondComplaint,
            "2026-06-03",
        ),
        (
            "sent Thu 7/5/2026: + 30 = Sat 6/6, weekend: Mon 8/6",
            CaseClock {
                decision_sent_on: Some(d("2026-05-07")),
                ..decided(accepted(case(KN, "2026-03-02"), "2026-03-27"), "2026-05-04")
            },
            SecondComplaint,
            "2026-06-08",
        ),
        (
            "remote, sent 7/5/2026: + 45 = Sun 21/6: Mon 22/6",
            CaseClock {
                remote: true,
                decision_sent_on: Some(d("2026-05-07")),
                ..decided(accepted(case(KN, "2026-03-02"), "2026-03-27"), "2026-05-04")
            },
            SecondComplaint,
            "2026-06-22",
        ),
        (
            "no decision: the limit of an acceptance on Mon 2/3/2026 ends Wed 1/4; + 30 = Fri 1/5 off, weekend: Mon 4/5",
            accepted(case(KN, "2026-02-23"), "2026-03-02"),
            SecondComplaint,
            "2026-05-04",
        ),
        (
            "decided Thu 3/12/2026 + 30 = Sat 2/1/2027: Mon 4/1",
            decided(accepted(case(KN, "2026-10-01"), "2026-10-12"), "2026-12-03"),
            SecondComplaint,
            "2027-01-04",
        ),
        // Art 48: disciplinary, 10 days from the receipt of the first decision; dismissal 30.
        (
            "disciplinary, decided Mon 20/4/2026 + 10 = Thu 30/4 off: Mon 4/5",
            disc(decided(
                accepted(case(KN, "2026-03-02"), "2026-03-09"),
                "2026-04-20",
            )),
            SecondComplaint,
            "2026-05-04",
        ),
        (
            "dismissal, decided Mon 20/4/2026 + 30 = Wed 20/5",
            CaseClock {
                dismissal: true,
                ..disc(decided(
                    accepted(case(KN, "2026-03-02"), "2026-03-09"),
                    "2026-04-20",
                ))
            },
            SecondComplaint,
            "2026-05-20",
        ),
    ]
}

#[test]
fn worked_examples_of_the_new_obligations_by_hand() {
    let ctx = ctx();
    let all = examples();
    assert!(all.len() >= 35);
    for (what, c, o, due) in all {
        let got = deadline::obligations(&c, &ctx.rules, &ctx.calendar)
            .into_iter()
            .find(|x| x.obligation == o);
        let got = got.unwrap_or_else(|| panic!("{what}: {o:?} missing"));
        assert_eq!(got.due_on, d(due), "{what}: {:?}", got.explanation);
    }
}

#[test]
fn duties_arise_only_where_the_law_puts_them() {
    let ctx = ctx();
    // Publishing is the second round's (Art 41(2)): not after a first decision.
    let first = decided(case(KN, "2026-03-02"), "2026-04-29");
    assert_eq!(due_of(&ctx, &first, Obligation::PublishDecision), None);
    // Nobody forwarded it: nobody to tell (Luật TCD Art 27(2)); a proposal: not a KN/TC.
    assert_eq!(due_of(&ctx, &first, Obligation::ReportToForwarder), None);
    let knpa = CaseClock {
        forwarded: true,
        ..decided(case(CaseType::KienNghiPhanAnh, "2026-03-02"), "2026-04-29")
    };
    assert_eq!(due_of(&ctx, &knpa, Obligation::ReportToForwarder), None);
    // A disciplinary first decision has no sending limit in the law (Art 54(2)).
    let d1 = CaseClock {
        disciplinary: true,
        ..first.clone()
    };
    assert_eq!(due_of(&ctx, &d1, Obligation::SendDecision), None);
    // Art 48 counts only from the receipt of the decision: no window from the limit.
    let waiting = CaseClock {
        disciplinary: true,
        ..accepted(case(KN, "2026-02-23"), "2026-03-02")
    };
    assert_eq!(due_of(&ctx, &waiting, Obligation::SecondComplaint), None);
    // The denouncer only: a complaint's acceptance is notified with it (Art 27).
    let kn = accepted(case(KN, "2026-11-16"), "2026-11-23");
    assert_eq!(due_of(&ctx, &kn, Obligation::NotifyAcceptance), None);
    // No thời hiệu without the day it was learned; a second round has its first's window.
    assert_eq!(due_of(&ctx, &kn, Obligation::TimeLimit), None);
    // The citizen's limits are never the unit's open obligations (never on the board).
    let limits = CaseClock {
        learned_on: Some(d("2026-01-05")),
        ..first.clone()
    };
    assert!(
        deadline::open_obligations(&limits, &ctx.rules, &ctx.calendar)
            .iter()
            .all(|x| x.obligation.holder() == Holder::Unit)
    );
    // Duties started before the book tracked them (an upgraded book): none.
    let legacy = CaseClock {
        tracked: deadline::Tracked {
            decided: false,
            ..Default::default()
        },
        ..first
    };
    assert_eq!(due_of(&ctx, &legacy, Obligation::SendDecision), None);
}

#[test]
fn the_window_of_a_second_round_runs_from_the_receipt_recorded_on_it() {
    let ctx = ctx();
    let first = decided(accepted(case(KN, "2026-03-02"), "2026-03-27"), "2026-05-04");
    // The complainant received the first decision on Fri 15/5/2026: + 30 = Sun 14/6: Mon 15/6.
    let w = second_complaint_window(&first, Some(d("2026-05-15")), 0, &ctx.rules, &ctx.calendar)
        .unwrap();
    assert_eq!(w.due_on, d("2026-06-15"));
    assert_eq!(w.explanation.start_event, "decision_received");
    // Luật KN Art 33(1) has no clause on an obstacle (only Art 9 and 48 do): 5 days of
    // illness change nothing, still Mon 15/6 (issue 23, point 6).
    let w = second_complaint_window(&first, Some(d("2026-05-15")), 5, &ctx.rules, &ctx.calendar)
        .unwrap();
    assert_eq!(w.due_on, d("2026-06-15"));
    assert_eq!(w.explanation.excluded_days, 0);
    // A disciplinary decision (Art 48: 10 days, its obstacle not counted): from Fri 15/5,
    // 10 + 5 = 15 days → Sat 30/5 → Mon 1/6 (BLDS Art 148(5)).
    let disc = CaseClock {
        disciplinary: true,
        ..first.clone()
    };
    let w = second_complaint_window(&disc, Some(d("2026-05-15")), 5, &ctx.rules, &ctx.calendar)
        .unwrap();
    assert_eq!(w.due_on, d("2026-06-01"));
    assert_eq!(w.explanation.excluded_days, 5);
    // A round-2 complaint received on 16/6 is late; on 15/6, in time.
    let late = |received: &str| {
        let second = CaseClock {
            round: 2,
            learned_on: Some(d("2026-05-15")),
            ..case(KN, received)
        };
        deadline::time_bar(&second, Some(&first), &ctx.rules, &ctx.calendar)
            .unwrap()
            .late()
    };
    assert!(late("2026-06-16"));
    assert!(!late("2026-06-15"));
}

/// Where each row of DOMAIN.md §3.2 lives: the obligation and the seeded rule's article, or
/// why the row is deliberately not tracked.
enum Tracked {
    By(&'static [Obligation], &'static str),
    Not(&'static str),
}

/// Every row of the deadline table of DOMAIN.md §3.2, by its first cell, in order.
const SECTION_3_2: &[(&str, Tracked)] = {
    use Obligation::*;
    use Tracked::*;
    &[
        ("Thời hiệu khiếu nại", By(&[TimeLimit], "Điều 9")),
        (
            "Thời hiệu KN against a disciplinary decision",
            By(&[TimeLimit, SecondComplaint], "Điều 48"),
        ),
        (
            "Time to file the 2nd complaint",
            By(&[SecondComplaint], "Điều 33(1)"),
        ),
        (
            "Thụ lý KN",
            By(&[Accept], "Luật Khiếu nại 2011, Điều 27, 36"),
        ),
        ("Giải quyết KN lần đầu", By(&[Resolve], "Điều 28")),
        ("Giải quyết KN lần hai", By(&[Resolve], "Điều 37")),
        (
            "KN against a disciplinary decision",
            By(&[Accept, Resolve], "Điều 50"),
        ),
        (
            "Send the 1st-time decision to the parties",
            By(&[SendDecision], "Điều 32"),
        ),
        (
            "\"Vụ việc phức tạp\" (KN) criteria",
            Not(
                "criteria, not a time limit: recorded as the case's complex (and, for a denunciation, especially complex) fact, which lengthens the limits",
            ),
        ),
        (
            "TC: xử lý ban đầu",
            By(&[InitialHandling], "Luật Tố cáo 2018, Điều 24(1)"),
        ),
        (
            "TC outside jurisdiction: forward and notify the denouncer",
            By(&[TransferDenunciation], "Điều 24(2)"),
        ),
        (
            "Notify acceptance to the denouncer",
            By(&[NotifyAcceptance], "Điều 29(3)"),
        ),
        (
            "Giải quyết tố cáo",
            By(&[Resolve], "Luật Tố cáo 2018, Điều 30"),
        ),
        (
            "Reply to the citizen after reception",
            By(&[ReplyCitizen], "Điều 28(1)"),
        ),
        (
            "Body that received a forwarded KN/TC",
            By(&[ReportToForwarder], "Điều 27(2)"),
        ),
        (
            "Ban TCD / deputy informs the citizen",
            By(&[InformCitizenResult], "Điều 28(2)"),
        ),
        (
            "Post the reception schedule",
            Not(
                "a duty of the reception schedule, not of a case: the app keeps no schedule of sessions yet",
            ),
        ),
        (
            "Online reception: notify parties",
            Not(
                "the app does not schedule online sessions; the source (NĐ 154/2026 Art 23) is UNVERIFIED",
            ),
        ),
        // Duties of a refused visit and of a dialogue (issue 29), ⚠ UNVERIFIED sources.
        (
            "Notice refusing reception",
            By(&[RefusalNotice], "NĐ 154/2026, Điều 4(3)"),
        ),
        ("Dialogue notice (KN)", By(&[DialogueNotice], "NĐ 155/2026")),
        (
            "Publish the KN decision",
            By(&[PublishDecision], "Điều 41(2)"),
        ),
        (
            "Xử lý đơn",
            Not(
                "the generic 10 working days is UNCONFIRMED (text not found); DOMAIN.md says to use the type-specific limits, which are tracked",
            ),
        ),
        (
            "Kiến nghị, phản ánh",
            By(&[InternalTarget], "Quy định nội bộ"),
        ),
    ]
};

/// The duties DOMAIN.md §11 (the review of December 2026) found missing from §3.2, with the
/// article each seeded rule cites.
const SECTION_11: &[(Obligation, &str)] = &[
    (Obligation::NotifyDenounced, "Luật Tố cáo 2018, Điều 29(3)"),
    (Obligation::SendConclusion, "Luật Tố cáo 2018, Điều 35(3)"),
    (
        Obligation::PublishConclusion,
        "Luật Tố cáo 2018, Điều 40(1)",
    ),
    (
        Obligation::ReportHandlingToForwarder,
        "Luật Tố cáo 2018, Điều 26(2)",
    ),
    (
        Obligation::DecisionEffective,
        "Luật Khiếu nại 2011, Điều 44",
    ),
    // §6 (the schedule posted, Art 24(4)), tracked by issue 29.
    (
        Obligation::PostSchedule,
        "Luật Tiếp công dân 2013, Điều 24(4)",
    ),
];

/// Obligations with no rule of the table, and why.
const NO_RULE: &[(Obligation, &str)] = &[(
    Obligation::PromisedAnswer,
    "the day is the one the leader promised at the dialogue (Luật TCD Art 18(4)): no rule",
)];

#[test]
fn every_row_of_section_3_2_is_tracked_or_said_why_not() {
    let ctx = ctx();
    let mut covered = Vec::new();
    for (row, t) in SECTION_3_2 {
        match t {
            Tracked::By(obligations, article) => {
                for o in *obligations {
                    assert!(
                        ctx.rules
                            .iter()
                            .any(|r| r.obligation == *o && r.article.contains(article)),
                        "§3.2 “{row}”: no seeded rule for {o:?} citing “{article}”"
                    );
                    covered.push(*o);
                }
            }
            Tracked::Not(why) => assert!(why.len() > 20, "§3.2 “{row}”: say why"),
        }
    }
    for (o, article) in SECTION_11 {
        assert!(
            ctx.rules
                .iter()
                .any(|r| r.obligation == *o && r.article.contains(article)),
            "§11: no seeded rule for {o:?} citing “{article}”"
        );
        covered.push(*o);
    }
    for (o, why) in NO_RULE {
        assert!(
            why.len() > 20 && !ctx.rules.iter().any(|r| r.obligation == *o),
            "{o:?}"
        );
        covered.push(*o);
    }
    // Every obligation the engine knows answers a row of the table (or of §11).
    for o in Obligation::ALL {
        assert!(covered.contains(o), "{o:?} tracks no row of §3.2 or §11");
    }
    // The table above is the whole of §3.2, row by row, when DOMAIN.md is at hand.
    let path = std::env::var("TIEPDAN_DOMAIN_MD")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/DOMAIN.md").to_owned());
    if let Ok(text) = std::fs::read_to_string(&path) {
        let section = text
            .split("### 3.2")
            .nth(1)
            .and_then(|s| s.split("\n---").next())
            .expect("§3.2 in DOMAIN.md");
        let rows: Vec<String> = section
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| Step") && !l.starts_with("|---"))
            .map(|l| l.split('|').nth(1).unwrap_or("").trim().replace("**", ""))
            .collect();
        assert_eq!(rows.len(), SECTION_3_2.len(), "{rows:#?}");
        for (row, (name, _)) in rows.iter().zip(SECTION_3_2) {
            assert!(row.starts_with(name), "“{row}” is not “{name}”");
        }
    }
}
