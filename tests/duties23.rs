//! Issue 23, points 6, 8, 9 and 10, over the seeded rules and calendar (migrations 0003, 0008,
//! 0014): each vector worked by hand from its article on a paper calendar (the comment shows
//! the counting), never read back from the engine.

mod common;

use chrono::NaiveDate;
use common::clocks::*;
use tiepdan::domain::case::CaseStatus;
use tiepdan::domain::deadline::{self, CaseClock, Holder, Obligation, Pause};
use tiepdan::store::DeadlineContext;

fn paused(mut c: CaseClock, from: &str, to: Option<&str>) -> CaseClock {
    c.pauses.push(Pause {
        from: d(from),
        to: to.map(d),
    });
    c
}

fn due(ctx: &DeadlineContext, c: &CaseClock, o: Obligation) -> Option<deadline::Due> {
    deadline::obligations(c, &ctx.rules, &ctx.calendar)
        .into_iter()
        .find(|x| x.obligation == o)
}

fn due_on(ctx: &DeadlineContext, c: &CaseClock, o: Obligation) -> Option<NaiveDate> {
    due(ctx, c, o).map(|x| x.due_on)
}

/// Point 6. Luật KN Art 33(1) (the second complaint within 30 days) says nothing of an
/// obstacle; Art 9 (thời hiệu) does.
#[test]
fn art_33_counts_the_days_of_an_obstacle_art_9_does_not() {
    let ctx = ctx();
    // Art 33(1): decided Mon 4/5/2026, nothing sent recorded: + 30 = Wed 3/6 — with the
    // first complaint's 10 days of illness recorded, still Wed 3/6 (not 13/6).
    let c = CaseClock {
        obstacle_days: 10,
        learned_on: Some(d("2026-01-05")),
        ..decided(accepted(case(KN, "2026-03-02"), "2026-03-27"), "2026-05-04")
    };
    let w = due(&ctx, &c, Obligation::SecondComplaint).unwrap();
    assert_eq!(w.due_on, d("2026-06-03"));
    assert_eq!(w.explanation.excluded_days, 0);
    // Art 9: learned Mon 5/1/2026 + 90 + 10 days of illness = Wed 15/4.
    let t = due(&ctx, &c, Obligation::TimeLimit).unwrap();
    assert_eq!(t.due_on, d("2026-04-15"));
    assert_eq!(t.explanation.excluded_days, 10);
    // The rules say which articles exclude them: Art 9 and 48, never Art 33.
    for r in &ctx.rules {
        let kn = |a: &str| r.article == format!("Luật Khiếu nại 2011, Điều {a}");
        assert_eq!(r.excludes_obstacles, kn("9") || kn("48"), "{}", r.article);
    }
}

/// Point 8. A plain "N ngày" is calendar days (the laws write "ngày làm việc" where they
/// mean it): ⚠ only where the text is unverified or unread — NĐ 155/2026 (UNVERIFIED) and
/// NĐ 124/2020's articles that were not read — and NĐ 154/2026 (known from one OCR copy,
/// DOMAIN.md §0: the refusal notice of issue 29).
#[test]
fn only_unverified_texts_are_marked() {
    let ctx = ctx();
    for r in &ctx.rules {
        let unread = r.article.contains("NĐ 155/2026")
            || r.article.contains("NĐ 124/2020")
            || r.article.contains("NĐ 154/2026");
        assert_eq!(r.unconfirmed, unread, "{} ({:?})", r.article, r.obligation);
    }
    // The resolution of a complaint (Art 28: "30 ngày") is no longer ⚠.
    let c = accepted(case(KN, "2026-03-02"), "2026-03-09");
    assert!(
        !due(&ctx, &c, Obligation::Resolve)
            .unwrap()
            .explanation
            .unconfirmed
    );
}

/// Point 9, Luật TC Art 29(3): the person denounced told of the content within 05 working
/// days of the acceptance.
#[test]
fn art_29_3_the_person_denounced_is_told() {
    let ctx = ctx();
    // Accepted Mon 23/11/2026: Tue 24, Wed 25, Thu 26, Fri 27, Mon 30/11.
    let c = accepted(case(TC, "2026-11-16"), "2026-11-23");
    assert_eq!(
        due_on(&ctx, &c, Obligation::NotifyDenounced),
        Some(d("2026-11-30"))
    );
    // Accepted Fri 28/8/2026: 31/8 (swap), 1/9, 2/9 off: Thu 3, Fri 4, Mon 7, Tue 8, Wed 9.
    let c = accepted(case(TC, "2026-08-20"), "2026-08-28");
    assert_eq!(
        due_on(&ctx, &c, Obligation::NotifyDenounced),
        Some(d("2026-09-09"))
    );
    // Not a complaint's duty.
    let kn = accepted(case(KN, "2026-11-16"), "2026-11-23");
    assert_eq!(due_on(&ctx, &kn, Obligation::NotifyDenounced), None);
}

/// Point 9, Luật TC Art 35(3) and 40(1): the conclusion sent within 05 working days and made
/// public within 07.
#[test]
fn art_35_3_and_40_1_the_conclusion_is_sent_and_published() {
    let ctx = ctx();
    // Concluded Mon 4/5/2026: sent by Tue 5, Wed 6, Thu 7, Fri 8, Mon 11/5 (Art 35(3)) …
    let c = decided(accepted(case(TC, "2026-03-02"), "2026-03-09"), "2026-05-04");
    assert_eq!(
        due_on(&ctx, &c, Obligation::SendConclusion),
        Some(d("2026-05-11"))
    );
    // … public by Tue 12, Wed 13/5 (Art 40(1), 07 working days).
    assert_eq!(
        due_on(&ctx, &c, Obligation::PublishConclusion),
        Some(d("2026-05-13"))
    );
    // Concluded Wed 29/4/2026: 30/4, 1/5 off, weekend → Mon 4 … Fri 8/5 (Art 35(3)).
    let c = decided(accepted(case(TC, "2026-03-02"), "2026-03-09"), "2026-04-29");
    assert_eq!(
        due_on(&ctx, &c, Obligation::SendConclusion),
        Some(d("2026-05-08"))
    );
    // A complaint's decision is not a conclusion (its own Art 32 applies).
    let kn = decided(accepted(case(KN, "2026-03-02"), "2026-03-09"), "2026-05-04");
    assert_eq!(due_on(&ctx, &kn, Obligation::SendConclusion), None);
    assert_eq!(due_on(&ctx, &kn, Obligation::PublishConclusion), None);
}

/// Point 9, Luật TC Art 26(2): the body that forwarded a denunciation told how it was handled
/// within 20 days of the receipt.
#[test]
fn art_26_2_the_forwarder_of_a_denunciation_is_told_in_20_days() {
    let ctx = ctx();
    // Received Mon 2/3/2026 + 20 = Sun 22/3 → Mon 23/3 (BLDS Art 148(5)).
    let c = CaseClock {
        forwarded: true,
        ..case(TC, "2026-03-02")
    };
    let x = due(&ctx, &c, Obligation::ReportHandlingToForwarder).unwrap();
    assert_eq!(x.due_on, d("2026-03-23"));
    assert!(x.explanation.rolled_forward);
    // Open whatever became of it; telling the forwarder closes it.
    for status in [
        CaseStatus::New,
        CaseStatus::InProgress,
        CaseStatus::Refused,
        CaseStatus::Transferred,
    ] {
        let c = CaseClock {
            status,
            ..c.clone()
        };
        assert!(deadline::is_open(Obligation::ReportHandlingToForwarder, &c));
    }
    let mut told = c.clone();
    told.done.forwarder_handling_informed = true;
    assert!(!deadline::is_open(
        Obligation::ReportHandlingToForwarder,
        &told
    ));
    // Not forwarded: nobody to tell.
    assert_eq!(
        due_on(
            &ctx,
            &case(TC, "2026-03-02"),
            Obligation::ReportHandlingToForwarder
        ),
        None
    );
}

/// Point 9, Luật TC Art 34(2): the time a denunciation's resolution is suspended is not
/// counted; Luật KN Art 11a (from 01/7/2026; NĐ 155/2026 Art 28b(2)): the limit runs on from
/// the decision to continue.
#[test]
fn art_34_and_11a_a_suspension_pauses_the_resolution() {
    let ctx = ctx();
    // A denunciation accepted Mon 2/3/2026: 30 days → Wed 1/4.
    let tc = accepted(case(TC, "2026-02-23"), "2026-03-02");
    assert_eq!(
        due_on(&ctx, &tc, Obligation::Resolve),
        Some(d("2026-04-01"))
    );
    // Suspended Mon 16/3, continued Mon 30/3: 14 days not counted → Wed 15/4.
    let c = paused(tc.clone(), "2026-03-16", Some("2026-03-30"));
    let x = due(&ctx, &c, Obligation::Resolve).unwrap();
    assert_eq!(x.due_on, d("2026-04-15"));
    assert_eq!(x.explanation.paused_days, 14);
    // Still suspended: the resolution has no due date (the clock stands).
    let c = paused(tc.clone(), "2026-03-16", None);
    assert_eq!(due_on(&ctx, &c, Obligation::Resolve), None);
    assert!(!deadline::is_open(Obligation::Resolve, &c));
    // Suspended only after the limit had run out (Fri 10/4 > Wed 1/4): still late on 1/4.
    let c = paused(tc.clone(), "2026-04-10", Some("2026-04-20"));
    assert_eq!(due_on(&ctx, &c, Obligation::Resolve), Some(d("2026-04-01")));
    // Two suspensions: 16/3–23/3 (7 days) and 6/4–13/4 (7 days, begun before 8/4): 1/4 + 14
    // = Wed 15/4.
    let c = paused(
        paused(tc.clone(), "2026-03-16", Some("2026-03-23")),
        "2026-04-06",
        Some("2026-04-13"),
    );
    assert_eq!(due_on(&ctx, &c, Obligation::Resolve), Some(d("2026-04-15")));
    // A complaint accepted Wed 1/7/2026: 30 days → Fri 31/7; suspended Mon 6/7, continued
    // Mon 20/7: runs on from 20/7 with 25 days left → Fri 14/8.
    let kn = accepted(case(KN, "2026-06-24"), "2026-07-01");
    assert_eq!(
        due_on(&ctx, &kn, Obligation::Resolve),
        Some(d("2026-07-31"))
    );
    let c = paused(kn, "2026-07-06", Some("2026-07-20"));
    assert_eq!(due_on(&ctx, &c, Obligation::Resolve), Some(d("2026-08-14")));
    // Other duties do not stop: the denouncer's notice (Art 29(3)) keeps Mon 9/3.
    let c = paused(tc, "2026-03-03", None);
    assert_eq!(
        due_on(&ctx, &c, Obligation::NotifyAcceptance),
        Some(d("2026-03-09"))
    );
}

/// Point 9, Luật KN Art 44 (and 57 for a disciplinary decision): a decision takes legal
/// effect after 30 days from its issue (remote areas up to 45); a first-round one only if no
/// second complaint came.
#[test]
fn art_44_a_decision_takes_legal_effect() {
    let ctx = ctx();
    let first = decided(accepted(case(KN, "2026-03-02"), "2026-03-09"), "2026-05-04");
    // Issued Mon 4/5/2026 + 30 = Wed 3/6 (Art 44(1)).
    let e = due(&ctx, &first, Obligation::DecisionEffective).unwrap();
    assert_eq!(e.due_on, d("2026-06-03"));
    assert!(e.explanation.article.contains("Điều 44(1)"));
    assert_eq!(Obligation::DecisionEffective.holder(), Holder::Effect);
    assert!(!deadline::is_open(Obligation::DecisionEffective, &first));
    // Remote area: + 45 = Thu 18/6.
    let remote = CaseClock {
        remote: true,
        ..first.clone()
    };
    assert_eq!(
        due_on(&ctx, &remote, Obligation::DecisionEffective),
        Some(d("2026-06-18"))
    );
    // A second complaint came: the first decision does not take effect by Art 44(1).
    let reopened = CaseClock {
        reopened: true,
        ..first.clone()
    };
    assert_eq!(due_on(&ctx, &reopened, Obligation::DecisionEffective), None);
    // The second-round decision: 30 days too (Art 44(2)), Wed 3/6.
    let second = CaseClock {
        round: 2,
        ..first.clone()
    };
    let e = due(&ctx, &second, Obligation::DecisionEffective).unwrap();
    assert_eq!(e.due_on, d("2026-06-03"));
    assert!(e.explanation.article.contains("Điều 44(2)"));
    // A disciplinary decision's: Art 57(1), 30 days, Wed 3/6.
    let disc = CaseClock {
        disciplinary: true,
        ..first
    };
    let e = due(&ctx, &disc, Obligation::DecisionEffective).unwrap();
    assert_eq!(e.due_on, d("2026-06-03"));
    assert!(e.explanation.article.contains("Điều 57(1)"));
    // Not for a denunciation.
    let tc = decided(accepted(case(TC, "2026-03-02"), "2026-03-09"), "2026-05-04");
    assert_eq!(due_on(&ctx, &tc, Obligation::DecisionEffective), None);
}

/// Point 10, Luật TCD Art 27(2): the result owed back within 07 working days to a body of
/// the National Assembly, a deputy or a Ban tiếp công dân; to anyone else it is the unit's
/// practice (⚑). Art 28(2) binds those forwarders, and only when the citizen asked.
#[test]
fn art_27_2_and_28_2_beyond_their_letter_are_the_unit_s_practice() {
    let ctx = ctx();
    // Decided Wed 29/4/2026: 30/4, 1/5 off → Mon 4 … Tue 12/5.
    let fwd = CaseClock {
        forwarded: true,
        ..decided(accepted(case(KN, "2026-03-02"), "2026-03-09"), "2026-04-29")
    };
    let listed = CaseClock {
        forwarder_listed: true,
        ..fwd.clone()
    };
    let x = due(&ctx, &listed, Obligation::ReportToForwarder).unwrap();
    assert_eq!(x.due_on, d("2026-05-12"));
    assert!(!x.explanation.practice, "a listed forwarder: the law");
    let x = due(&ctx, &fwd, Obligation::ReportToForwarder).unwrap();
    assert_eq!(x.due_on, d("2026-05-12"));
    assert!(x.explanation.practice, "another forwarder: ⚑ practice");
    // Art 28(2): the notice came Mon 4/5/2026: Tue 5 … Mon 11/5.
    let ours = CaseClock {
        result_notice_on: Some(d("2026-05-04")),
        status: CaseStatus::Transferred,
        ..case(TC, "2026-03-02")
    };
    let bound = CaseClock {
        result_requested: true,
        unit_listed: true,
        ..ours.clone()
    };
    let x = due(&ctx, &bound, Obligation::InformCitizenResult).unwrap();
    assert_eq!(x.due_on, d("2026-05-11"));
    assert!(
        !x.explanation.practice,
        "a Ban tiếp công dân, asked: the law"
    );
    for c in [
        ours.clone(),
        CaseClock {
            result_requested: true,
            ..ours.clone()
        },
        CaseClock {
            unit_listed: true,
            ..ours
        },
    ] {
        let x = due(&ctx, &c, Obligation::InformCitizenResult).unwrap();
        assert_eq!(x.due_on, d("2026-05-11"));
        assert!(x.explanation.practice, "not asked, or not bound: ⚑");
    }
    // The label, in words.
    let lines = tiepdan::i18n::explanation_lines(tiepdan::i18n::Lang::Vi, &x_practice(&ctx));
    assert!(
        lines.iter().any(|(_, t)| t.starts_with("⚑ Thực tiễn")),
        "{lines:?}"
    );
}

fn x_practice(ctx: &DeadlineContext) -> deadline::Explanation {
    let c = CaseClock {
        forwarded: true,
        ..decided(accepted(case(KN, "2026-03-02"), "2026-03-09"), "2026-04-29")
    };
    due(ctx, &c, Obligation::ReportToForwarder)
        .unwrap()
        .explanation
}
