//! Vectors worked by hand from the 2026 calendar (DOMAIN.md §7: Tết Dương lịch 01–02/01 with
//! Saturday 10/01 worked, Tết 16–20/02, Giỗ Tổ compensated on Monday 27/04, 30/04–01/05,
//! Quốc khánh 31/08–02/09 with Saturday 22/08 worked).

use chrono::{NaiveDate, Weekday};

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn cal2026() -> Calendar {
    crate::domain::calendar::seeded_2026()
}

fn plan(pattern: Pattern, weekday: Option<Weekday>, days: &[u8]) -> Plan {
    Plan {
        id: 1,
        uid: "p1".into(),
        leader: "Chủ tịch UBND xã".into(),
        pattern,
        weekday,
        days: days.to_vec(),
        place: "Trụ sở UBND xã".into(),
        effective_from: d("2026-01-01"),
        effective_to: None,
        version: 1,
    }
}

fn days_of(p: &[PlannedDay]) -> Vec<(NaiveDate, NaiveDate)> {
    p.iter().map(|x| (x.nominal, x.day)).collect()
}

/// Thursdays: 30/04 (Ngày Chiến thắng) → Friday 01/05 is off too, then the weekend → Monday
/// 04/05; the next Thursday 07/05 stays.
#[test]
fn a_weekly_day_off_moves_to_the_next_working_day() {
    let p = plan(Pattern::Weekly, Some(Weekday::Thu), &[]);
    let got = planned_days(&[p], &cal2026(), d("2026-04-20"), d("2026-05-10"));
    assert_eq!(
        days_of(&got),
        vec![
            (d("2026-04-23"), d("2026-04-23")),
            (d("2026-04-30"), d("2026-05-04")),
            (d("2026-05-07"), d("2026-05-07")),
        ]
    );
    assert!(got[1].moved());
}

/// Tuesdays over Tết Bính Ngọ: 17/02 → 18–20 off, 21–22 the weekend → Monday 23/02, the day
/// before Tuesday 24/02 (two days, not one).
#[test]
fn over_tet_a_day_moves_past_the_whole_break() {
    let p = plan(Pattern::Weekly, Some(Weekday::Tue), &[]);
    let got = planned_days(&[p], &cal2026(), d("2026-02-16"), d("2026-02-28"));
    assert_eq!(
        days_of(&got),
        vec![
            (d("2026-02-17"), d("2026-02-23")),
            (d("2026-02-24"), d("2026-02-24")),
        ]
    );
}

/// Days 10 and 25 of each month: Saturday 10/01/2026 is a swapped working day (làm bù for
/// 02/01), so it stays; Sunday 25/01 → Monday 26/01; 25/04 is a Saturday → Monday 27/04 is
/// the Giỗ Tổ compensation day → Tuesday 28/04.
#[test]
fn month_days_keep_a_worked_saturday_and_skip_a_compensation_day() {
    let p = plan(Pattern::MonthDays, None, &[10, 25]);
    let cal = cal2026();
    let jan = planned_days(
        std::slice::from_ref(&p),
        &cal,
        d("2026-01-01"),
        d("2026-01-31"),
    );
    assert_eq!(
        days_of(&jan),
        vec![
            (d("2026-01-10"), d("2026-01-10")),
            (d("2026-01-25"), d("2026-01-26")),
        ]
    );
    let apr = planned_days(&[p], &cal, d("2026-04-20"), d("2026-04-30"));
    assert_eq!(days_of(&apr), vec![(d("2026-04-25"), d("2026-04-28"))]);
}

/// The first Thursday of January 2026 is 01/01 (Tết Dương lịch) → 02/01 off, 03–04 the
/// weekend → Monday 05/01; the third Thursday is 15/01. Day 2 of September (Quốc khánh) →
/// Thursday 03/09.
#[test]
fn nth_weekdays_and_a_national_day() {
    let p = plan(Pattern::NthWeekday, Some(Weekday::Thu), &[1, 3]);
    let got = planned_days(&[p], &cal2026(), d("2026-01-01"), d("2026-01-31"));
    assert_eq!(
        days_of(&got),
        vec![
            (d("2026-01-01"), d("2026-01-05")),
            (d("2026-01-15"), d("2026-01-15")),
        ]
    );
    let p = plan(Pattern::MonthDays, None, &[2]);
    let got = planned_days(&[p], &cal2026(), d("2026-09-01"), d("2026-09-30"));
    assert_eq!(days_of(&got), vec![(d("2026-09-02"), d("2026-09-03"))]);
}

/// A plan ends the day before its successor begins: July keeps the weekly Thursday up to
/// 15/07, then the 10th and 25th.
#[test]
fn a_plan_holds_within_its_dates() {
    let mut a = plan(Pattern::Weekly, Some(Weekday::Thu), &[]);
    a.effective_to = Some(d("2026-07-15"));
    let mut b = plan(Pattern::MonthDays, None, &[10, 25]);
    b.id = 2;
    b.effective_from = d("2026-07-16");
    let got = planned_days(&[a, b], &cal2026(), d("2026-07-01"), d("2026-07-31"));
    let days: Vec<NaiveDate> = got.iter().map(|p| p.day).collect();
    assert_eq!(
        days,
        vec![d("2026-07-02"), d("2026-07-09"), d("2026-07-27")],
        "25/07 is a Saturday → Monday 27/07; 10/07 is before the second plan"
    );
}

#[test]
fn a_plan_as_typed() {
    assert_eq!(parse_days("10, 25"), Some(vec![10, 25]));
    assert_eq!(parse_days("1 và 3"), Some(vec![1, 3]));
    assert_eq!(parse_days("thứ"), None);
    let mut p = plan(Pattern::NthWeekday, None, &[1]);
    assert_eq!(check_plan(&p), Some(PlanProblem::NoWeekday));
    p.weekday = Some(Weekday::Wed);
    p.days = vec![6];
    assert_eq!(check_plan(&p), Some(PlanProblem::BadDays));
    p.days = vec![2];
    assert_eq!(check_plan(&p), None);
    p.effective_to = Some(d("2025-12-31"));
    assert_eq!(check_plan(&p), Some(PlanProblem::EndsBeforeStart));
}

fn session(day: &str, form: ReceptionForm, role: Option<PresiderRole>) -> SessionDay {
    SessionDay {
        day: d(day),
        form,
        role,
    }
}

/// July 2026, Thursdays planned (02, 09, 16, 23, 30): the chairman received in person on
/// 02/07; a vice-chairman by delegation on 09/07; 16/07 marked held with nobody coming;
/// 23/07 postponed; 30/07 not recorded; an ad hoc session in person on Monday 20/07.
fn july() -> Vec<DayLine> {
    let p = plan(Pattern::Weekly, Some(Weekday::Thu), &[]);
    let (from, to) = (d("2026-07-01"), d("2026-07-31"));
    let planned = planned_days(&[p], &cal2026(), from, to);
    let sessions = [
        session(
            "2026-07-02",
            ReceptionForm::DinhKy,
            Some(PresiderRole::InPerson),
        ),
        session(
            "2026-07-09",
            ReceptionForm::DinhKy,
            Some(PresiderRole::Delegated),
        ),
        session(
            "2026-07-20",
            ReceptionForm::DotXuat,
            Some(PresiderRole::InPerson),
        ),
        // Regular reception is not the head's: never on the schedule.
        session("2026-07-21", ReceptionForm::ThuongXuyen, None),
    ];
    let mark = |day: &str, m: DayMark| DayRecord {
        day: d(day),
        mark: Some(m),
        ..DayRecord::default()
    };
    let records = [
        mark("2026-07-16", DayMark::HeldNoVisitors),
        mark("2026-07-23", DayMark::Postponed),
    ];
    match_days(&planned, &sessions, &records, from, to, d("2026-08-03"))
}

#[test]
fn sessions_matched_to_the_plan() {
    let lines = july();
    let got: Vec<(NaiveDate, bool, DayStatus)> = lines
        .iter()
        .map(|l| (l.day, l.planned.is_some(), l.status))
        .collect();
    assert_eq!(
        got,
        vec![
            (d("2026-07-02"), true, DayStatus::InPerson),
            (d("2026-07-09"), true, DayStatus::Delegated),
            (d("2026-07-16"), true, DayStatus::InPerson),
            (d("2026-07-20"), false, DayStatus::InPerson),
            (d("2026-07-23"), true, DayStatus::Postponed),
            (d("2026-07-30"), true, DayStatus::NotRecorded),
        ]
    );
}

/// 01/TCD (10) counts the announced days the head kept (02, 16, 30 — not recorded is still
/// announced — and the ad hoc 20/07); (16) the delegated 09/07; the postponed 23/07 neither.
/// Toward the minimum only what the book shows the head did in person: 02, 16, 20.
#[test]
fn announced_days_and_the_days_that_count_toward_the_minimum() {
    let lines = july();
    let in_block = |r: PresiderRole| {
        lines
            .iter()
            .filter(|l| l.announced_block() == Some(r))
            .map(|l| l.day)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        in_block(PresiderRole::InPerson),
        vec![
            d("2026-07-02"),
            d("2026-07-16"),
            d("2026-07-20"),
            d("2026-07-30")
        ]
    );
    assert_eq!(in_block(PresiderRole::Delegated), vec![d("2026-07-09")]);
    let counted: Vec<NaiveDate> = lines
        .iter()
        .filter(|l| l.counts_toward_minimum())
        .map(|l| l.day)
        .collect();
    assert_eq!(
        counted,
        vec![d("2026-07-02"), d("2026-07-16"), d("2026-07-20")]
    );
}

/// Luật TCD 2013 Art 15(2)(d): until 30/6/2026 a commune chairman receives at least one day
/// a week. June 2026: weeks 01–07, 08–14, 15–21, 22–28 are judged; a day in the first and
/// third only → the second and fourth fall short. The week 29/06–05/07 straddles the change
/// and is judged by neither rule.
#[test]
fn the_weekly_minimum_until_30_june_2026() {
    let cal = cal2026();
    let held = [d("2026-06-04"), d("2026-06-18"), d("2026-06-30")];
    let short = shortfalls(
        UnitLevel::Commune,
        &held,
        d("2026-06-01"),
        d("2026-07-05"),
        &cal,
    );
    let got: Vec<(NaiveDate, NaiveDate, Every, u32)> = short
        .iter()
        .map(|s| (s.from, s.to, s.every, s.held))
        .collect();
    assert_eq!(
        got,
        vec![
            (d("2026-06-08"), d("2026-06-14"), Every::Week, 0),
            (d("2026-06-22"), d("2026-06-28"), Every::Week, 0),
        ]
    );
    assert!(short[0].article.contains("Điều 15(2)(d)"));
}

/// Luật 136/2025/QH15: from 01/7/2026 at least two days a month. July with 02/07 and 20/07
/// in person is enough; August with one day in person and one delegated is short (a
/// delegated day never counts); September is still running on 15/09 and not judged.
#[test]
fn the_monthly_minimum_from_1_july_2026_and_delegation() {
    let cal = cal2026();
    let in_person = [d("2026-07-02"), d("2026-07-20"), d("2026-08-06")];
    let short = shortfalls(
        UnitLevel::Commune,
        &in_person,
        d("2026-07-01"),
        d("2026-09-15"),
        &cal,
    );
    assert_eq!(short.len(), 1);
    let s = short[0];
    assert_eq!(
        (s.from, s.to, s.every, s.required, s.held),
        (d("2026-08-01"), d("2026-08-31"), Every::Month, 2, 1)
    );
    assert!(s.article.contains("136/2025"));
    // The same days under the weekly rule would not be judged at all after 30/6.
    assert_eq!(
        Minimum::on(UnitLevel::Commune, d("2026-06-30"))
            .unwrap()
            .every,
        Every::Week
    );
    assert_eq!(
        Minimum::on(UnitLevel::Commune, d("2026-07-01"))
            .unwrap()
            .days,
        2
    );
}

/// A provincial chairman (Art 12(5)) and an agency head (Art 18(2)): one day a month, before
/// and after 01/7/2026 alike. A week of Tết (16–22/02/2026) with no working day owes nothing
/// to a commune.
#[test]
fn other_levels_and_a_week_without_working_days() {
    let cal = cal2026();
    for level in [UnitLevel::Province, UnitLevel::Agency] {
        let short = shortfalls(
            level,
            &[d("2026-05-12")],
            d("2026-05-01"),
            d("2026-06-30"),
            &cal,
        );
        assert_eq!(short.len(), 1, "{level:?}");
        assert_eq!(short[0].from, d("2026-06-01"));
        assert_eq!(short[0].required, 1);
    }
    let short = shortfalls(
        UnitLevel::Commune,
        &[d("2026-02-12"), d("2026-02-26")],
        d("2026-02-09"),
        d("2026-03-01"),
        &cal,
    );
    assert!(short.is_empty(), "{short:?}");
}
