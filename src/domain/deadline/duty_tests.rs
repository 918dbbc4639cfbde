//! The duties that are not a case's, worked by hand from the 2026 calendar (DOMAIN.md §7),
//! each with its article: the notice refusing reception (NĐ 154/2026 Art 4(3), UNVERIFIED),
//! the schedule posted (Luật TCD Art 24(4)), the notice of a dialogue (NĐ 155/2026 amending
//! NĐ 124/2020 Art 28(1), UNVERIFIED). The rules are the ones migration 0027 seeds.

use super::*;
use crate::domain::calendar::seeded_2026;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rule(id: i64, o: Obligation, days: u32, basis: DayBasis, start: StartEvent, from: &str) -> Rule {
    Rule {
        id,
        obligation: o,
        case_type: None,
        round: None,
        complex: None,
        remote: None,
        disciplinary: None,
        dismissal: None,
        multi_site: None,
        days,
        extension_days: 0,
        basis,
        start,
        article: String::new(),
        effective_from: d(from),
        effective_to: None,
        unconfirmed: false,
        internal: false,
        active: true,
        excludes_obstacles: false,
        reason: String::new(),
        replaces: None,
    }
}

fn rules() -> Vec<Rule> {
    vec![
        rule(
            1,
            Obligation::RefusalNotice,
            3,
            DayBasis::Working,
            StartEvent::Refused,
            "2026-07-01",
        ),
        rule(
            2,
            Obligation::PostSchedule,
            5,
            DayBasis::Working,
            StartEvent::Before,
            "2014-07-01",
        ),
        rule(
            3,
            Obligation::DialogueNotice,
            5,
            DayBasis::Calendar,
            StartEvent::Before,
            "2026-07-01",
        ),
    ]
}

fn due(o: Obligation, on: &str) -> Option<NaiveDate> {
    duty(o, d(on), &rules(), &seeded_2026()).map(|x| x.due_on)
}

/// NĐ 154/2026 Art 4(3): "trong thời hạn 03 ngày làm việc, kể từ ngày có đủ căn cứ". Refused
/// on Wednesday 29/07/2026 → Thu 30, Fri 31, Mon 03/08. Refused on Friday 28/08 → the
/// weekend and 31/08–02/09 off → Thu 03, Fri 04, Mon 07/09. Before 01/7/2026 no rule holds
/// (TT 06/2014 Art 4 asked for the notice with no time limit).
#[test]
fn the_refusal_notice_within_three_working_days() {
    assert_eq!(
        due(Obligation::RefusalNotice, "2026-07-29"),
        Some(d("2026-08-03"))
    );
    assert_eq!(
        due(Obligation::RefusalNotice, "2026-08-28"),
        Some(d("2026-09-07"))
    );
    assert_eq!(due(Obligation::RefusalNotice, "2026-06-30"), None);
    let x = duty(
        Obligation::RefusalNotice,
        d("2026-08-28"),
        &rules(),
        &seeded_2026(),
    )
    .unwrap();
    assert_eq!(x.explanation.start_event, "refused");
    assert!(!x.explanation.before);
    // Skipped: 29–30/08, 31/08–02/09, 05–06/09.
    assert_eq!(x.explanation.skipped.len(), 7);
}

/// Luật TCD Art 24(4): "niêm yết chậm nhất là 05 ngày làm việc, trước ngày tiếp công dân".
/// For Thursday 09/07/2026: Wed 08, Tue 07, Mon 06, Fri 03, Thu 02 → 02/07. For Thursday
/// 27/08: Wed 26, Tue 25, Mon 24, (Sun 23), Saturday 22 — worked, a swap —, Fri 21 → 21/08.
/// For Thursday 03/09 (moved off 02/09): 02, 01/09, 31/08 off, the weekend, then Fri 28,
/// Thu 27, Wed 26, Tue 25, Mon 24/08 → 24/08.
#[test]
fn the_schedule_posted_five_working_days_before() {
    assert_eq!(
        due(Obligation::PostSchedule, "2026-07-09"),
        Some(d("2026-07-02"))
    );
    let x = duty(
        Obligation::PostSchedule,
        d("2026-08-27"),
        &rules(),
        &seeded_2026(),
    )
    .unwrap();
    assert_eq!(x.due_on, d("2026-08-21"));
    assert_eq!(x.explanation.worked_weekends, vec![d("2026-08-22")]);
    assert!(x.explanation.before);
    assert_eq!(
        due(Obligation::PostSchedule, "2026-09-03"),
        Some(d("2026-08-24"))
    );
    // The law is older than the book's years: a day of 2025 has its duty too.
    assert!(due(Obligation::PostSchedule, "2025-03-06").is_some());
}

/// NĐ 155/2026 (amending NĐ 124/2020 Art 28(1)): the notice "trước ngày đối thoại ít nhất
/// 05 ngày" — calendar days. A dialogue on Monday 20/07/2026 → Wednesday 15/07. On Thursday
/// 09/07 → Saturday 04/07 is not a working day → Friday 03/07. On Monday 07/09 → 02/09,
/// 01/09, 31/08 off, the weekend → Friday 28/08. Before 01/7/2026 none (Luật KN Art 30(2)
/// asks for the notice with no lead time).
#[test]
fn the_dialogue_notice_at_least_five_days_before() {
    assert_eq!(
        due(Obligation::DialogueNotice, "2026-07-20"),
        Some(d("2026-07-15"))
    );
    let x = duty(
        Obligation::DialogueNotice,
        d("2026-07-09"),
        &rules(),
        &seeded_2026(),
    )
    .unwrap();
    assert_eq!(x.due_on, d("2026-07-03"));
    assert_eq!(x.explanation.nominal_end, d("2026-07-04"));
    assert!(x.explanation.rolled_forward && x.explanation.before);
    assert_eq!(
        due(Obligation::DialogueNotice, "2026-09-07"),
        Some(d("2026-08-28"))
    );
    assert_eq!(due(Obligation::DialogueNotice, "2026-06-30"), None);
}

/// A case never owes these (they are duties of a visit, a planned day, a dialogue).
#[test]
fn a_case_never_owes_them() {
    let c = CaseClock::new(CaseType::KhieuNai, d("2026-07-29"));
    let all = obligations(&c, &rules(), &seeded_2026());
    assert!(all.is_empty(), "{all:?}");
}

/// An answer promised at a dialogue is due the day promised: no rule of law, the leader's
/// own date (`w` says so: the unit's, counted from the dialogue in calendar days).
#[test]
fn a_promise_is_due_the_day_promised() {
    let e = super::Explanation::promised(d("2026-11-20"), d("2026-12-10"));
    assert_eq!(e.start_event, "promised");
    assert_eq!(e.start_on, d("2026-11-20"));
    assert_eq!(e.days, 20);
    assert_eq!(e.nominal_end, d("2026-12-10"));
    assert!(e.internal && !e.before && !e.unconfirmed);
    // A promise typed before its dialogue (refused by the store) counts no negative days.
    assert_eq!(
        super::Explanation::promised(d("2026-11-20"), d("2026-11-19")).days,
        0
    );
}
