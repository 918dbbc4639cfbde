//! The calendar on known dates: Tết, Giỗ Tổ, the estimates against the announced breaks,
//! dated changes, working days.

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Tết Nguyên đán, 2020–2030, as published (Vietnamese calendar, UTC+7). In 2030 the new
/// moon falls at 23:07 in Hà Nội but 00:07 the next day in Beijing: Tết is 2/2/2030 while
/// the Chinese new year is 3/2 (likewise 17/2/2007 against 18/2).
#[test]
fn tet_matches_the_known_dates_2020_2030() {
    let known = [
        (2020, 1, 25),
        (2021, 2, 12),
        (2022, 2, 1),
        (2023, 1, 22),
        (2024, 2, 10),
        (2025, 1, 29),
        (2026, 2, 17),
        (2027, 2, 6),
        (2028, 1, 26),
        (2029, 2, 13),
        (2030, 2, 2),
        (2007, 2, 17),
    ];
    for (y, m, d) in known {
        assert_eq!(tet(y), Some(date(y, m, d)), "Tết {y}");
    }
}

#[test]
fn gio_to_is_the_tenth_of_the_third_lunar_month() {
    assert_eq!(lunar_to_solar(10, 3, 2025), Some(date(2025, 4, 7)));
    assert_eq!(lunar_to_solar(10, 3, 2026), Some(date(2026, 4, 26)));
}

#[test]
fn a_holiday_on_sunday_gives_the_next_working_day_off() {
    // Giỗ Tổ 2026 is on Sunday 26/4: Monday 27/4 is off (Art 111(3)).
    let cal = Calendar::defaults(2026..=2026);
    assert!(!cal.is_working(date(2026, 4, 27)));
    assert!(cal.is_working(date(2026, 4, 28)));
    let defaults = default_holidays(2026);
    assert!(defaults.iter().all(|e| e.expected));
}

#[test]
fn a_swapped_saturday_is_a_working_day() {
    let work = CalendarEntry {
        day: date(2026, 1, 10),
        kind: DayKind::Work,
        name: "Làm bù".into(),
        expected: false,
    };
    let cal = Calendar::new(vec![work], vec![2026], 2025..=2027);
    assert!(cal.is_working(date(2026, 1, 10)));
    assert!(!cal.is_working(date(2026, 1, 11)));
    // An announced year without that holiday entry: only weekends.
    assert!(cal.is_working(date(2026, 4, 30)));
}

#[test]
fn in_december_an_unannounced_next_year_is_a_reminder() {
    let cal = Calendar::new(Vec::new(), vec![2026], 2025..=2028);
    assert_eq!(december_reminder(&cal, date(2026, 11, 30)), None);
    let r = december_reminder(&cal, date(2026, 12, 1)).expect("reminder");
    assert_eq!(r.year, 2027);
    // Tết Đinh Mùi is Sat 6/2/2027: the eve Fri 5/2 and the first four days to Tue 9/2,
    // two of them (Sat 6, Sun 7) on the weekend: one day before (Thu 4/2), one after
    // (Wed 10/2) — DOMAIN.md §11.
    assert_eq!(r.tet, Some((date(2027, 2, 4), date(2027, 2, 10))));
    // 2/9/2027 is a Thursday: Friday 3/9.
    assert_eq!(r.beside_national_day, date(2027, 9, 3));
    // The reminder asks about Ngày Văn hóa Việt Nam.
    assert_eq!(r.culture_day, date(2027, 11, 24));
    let confirmed = Calendar::new(Vec::new(), vec![2026, 2027], 2025..=2028);
    assert_eq!(december_reminder(&confirmed, date(2026, 12, 15)), None);
}

fn tet_break(year: i32) -> Vec<NaiveDate> {
    tet_days(year).into_iter().map(|(d, _)| d).collect()
}

fn span(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days().take_while(|d| *d <= to).collect()
}

/// BLLĐ Art 112(1)(b) gives five days of Tết and Art 112(3) lets the Prime Minister place
/// them; the estimate follows the announced breaks (DOMAIN.md §11), worked by hand:
/// - 2021, Tết Fri 12/02: eve Thu 11 to Mon 15, Sat 13 and Sun 14 inside → one day before
///   (Wed 10), one after (Tue 16): 10–16/02, as announced;
/// - 2024, Tết Sat 10/02: eve Fri 9 to Tue 13, Sat 10 and Sun 11 inside → Thu 8 and
///   Wed 14: 08–14/02, as announced;
/// - 2023, Tết Sun 22/01: eve Sat 21 to Wed 25 → Fri 20 and Thu 26: 20–26/01, as announced;
/// - 2025, Tết Wed 29/01: eve Tue 28 to Sat 1/02, one weekend day → Mon 27/01 (the
///   announced official days 27–31/01, the weekend after them);
/// - 2026, Tết Tue 17/02: eve Mon 16 to Fri 20, no weekend day → nothing added;
/// - 2027, Tết Sat 06/02: eve Fri 5 to Tue 9 → Thu 04/02 – Wed 10/02 (the estimate).
#[test]
fn tet_estimates_follow_the_announced_breaks() {
    assert_eq!(tet_break(2021), span(date(2021, 2, 10), date(2021, 2, 16)));
    assert_eq!(tet_break(2024), span(date(2024, 2, 8), date(2024, 2, 14)));
    assert_eq!(tet_break(2023), span(date(2023, 1, 20), date(2023, 1, 26)));
    assert_eq!(tet_break(2025), span(date(2025, 1, 27), date(2025, 2, 1)));
    assert_eq!(tet_break(2026), span(date(2026, 2, 16), date(2026, 2, 20)));
    assert_eq!(tet_break(2027), span(date(2027, 2, 4), date(2027, 2, 10)));
    // In the calendar: Thu 4/2/2027 is off, Thu 11/2/2027 works again.
    let cal = Calendar::defaults(2027..=2027);
    assert!(!cal.is_working(date(2027, 2, 4)));
    assert!(!cal.is_working(date(2027, 2, 10)));
    assert!(cal.is_working(date(2027, 2, 3)));
    assert!(cal.is_working(date(2027, 2, 11)));
}

/// BLLĐ Art 112(1)(đ): 2/9 and a day before or after it; by precedent the day that
/// follows the weekday (DOMAIN.md §11): Thu 2/9/2021 → Fri 3/9 (02–03/09 announced);
/// Mon 2/9/2024 → Tue 3/9 (31/8–3/9 announced); Tue 2/9/2025 → Mon 1/9 (30/8–2/9
/// announced); Fri 2/9/2022 → Thu 1/9; Sat 2/9/2023 → Fri 1/9, and Mon 4/9 for the
/// Saturday (Art 111(3)): 1–4/9, as announced.
#[test]
fn the_day_beside_national_day_follows_the_weekday() {
    assert_eq!(beside_national_day(2021), date(2021, 9, 3));
    assert_eq!(beside_national_day(2024), date(2024, 9, 3));
    assert_eq!(beside_national_day(2025), date(2025, 9, 1));
    assert_eq!(beside_national_day(2022), date(2022, 9, 1));
    assert_eq!(beside_national_day(2023), date(2023, 9, 1));
    let cal = Calendar::defaults(2021..=2025);
    assert!(!cal.is_working(date(2021, 9, 3)));
    assert!(cal.is_working(date(2021, 9, 1)));
    assert!(!cal.is_working(date(2024, 9, 3)));
    assert!(cal.is_working(date(2024, 9, 4)));
    assert!(!cal.is_working(date(2023, 9, 4)));
    assert!(cal.is_working(date(2023, 9, 5)));
}

/// A day off added with an effective date counts only for clocks starting on or after
/// it; removed from a date, it still counts for the clocks started before.
#[test]
fn a_dated_change_counts_for_the_clocks_after_it() {
    let off = |day| CalendarEntry {
        day,
        kind: DayKind::Off,
        name: "Nghỉ".into(),
        expected: false,
    };
    let added = DayVersion {
        day: date(2026, 5, 6),
        from: Some(date(2026, 7, 10)),
        entry: Some(off(date(2026, 5, 6))),
    };
    let kept = DayVersion {
        day: date(2026, 4, 30),
        from: None,
        entry: Some(off(date(2026, 4, 30))),
    };
    let removed = DayVersion {
        day: date(2026, 4, 30),
        from: Some(date(2026, 7, 10)),
        entry: None,
    };
    let cal = Calendar::dated(vec![added, kept, removed], vec![2026], 2026..=2026);
    let before = cal.at(date(2026, 7, 9));
    let after = cal.at(date(2026, 7, 10));
    assert!(before.non_working(date(2026, 5, 6)).is_none());
    assert!(after.non_working(date(2026, 5, 6)).is_some());
    assert!(before.non_working(date(2026, 4, 30)).is_some());
    assert!(after.non_working(date(2026, 4, 30)).is_none());
    // The calendar as it is now: the latest versions.
    assert!(!cal.is_working(date(2026, 5, 6)));
    assert!(cal.is_working(date(2026, 4, 30)));
    assert_eq!(cal.since(date(2026, 5, 6)), Some(date(2026, 7, 10)));
}

#[test]
fn working_days_skip_weekends_and_holidays() {
    let cal = Calendar::defaults(2026..=2026);
    // Fri 24/4/2026 + 3 working days: Mon 27 (compensatory) off, Tue 28, Wed 29, Thu 30 off,
    // Fri 1/5 off, Mon 4/5.
    assert_eq!(cal.add_working_days(date(2026, 4, 24), 3), date(2026, 5, 4));
    assert_eq!(
        cal.working_days_between(date(2026, 4, 24), date(2026, 5, 4)),
        3
    );
    assert_eq!(
        cal.working_days_between(date(2026, 5, 4), date(2026, 4, 24)),
        -3
    );
}
