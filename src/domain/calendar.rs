//! The working-day calendar: weekends, the public holidays of Bộ luật Lao động Art 112 with the
//! compensatory day of Art 111(3), and the days off and swapped working days the Government
//! announces each year (DOMAIN.md §7). Announced years are data (seeded and edited in the
//! catalog); for any other year the defaults are computed here, following the precedent of the
//! announced years (DOMAIN.md §11), and marked "dự kiến".
//!
//! A change of the calendar takes an effective date (issue 23): each explicit day keeps its
//! versions, and a period is counted with the calendar as it stood for a clock starting on its
//! first day — a day off added today does not move the due dates of clocks started before, so
//! a past period stays as it was reported.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// An explicit calendar day: off (a holiday or an announced day off) or worked (a swapped
/// Saturday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    Off,
    Work,
}

impl DayKind {
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Off => "off",
            DayKind::Work => "work",
        }
    }

    pub fn from_code(s: &str) -> Option<DayKind> {
        match s {
            "off" => Some(DayKind::Off),
            "work" => Some(DayKind::Work),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    pub day: NaiveDate,
    pub kind: DayKind,
    pub name: String,
    /// Computed from the law, not yet confirmed by an administrator ("dự kiến").
    pub expected: bool,
}

/// One stored version of an explicit day: from the clocks starting on `from` on (None: every
/// clock), the day is `entry` — or, None, an ordinary day again (a removed day off).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayVersion {
    pub day: NaiveDate,
    pub from: Option<NaiveDate>,
    pub entry: Option<CalendarEntry>,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NonWorking {
    Weekend(Weekday),
    Holiday { name: String, expected: bool },
}

/// The Vietnamese lunar new year (Tết) and other lunar dates, at UTC+7 (the Vietnamese
/// calendar, which differs from the Chinese one in some years).
pub fn lunar_to_solar(day: i32, month: i32, lunar_year: i32) -> Option<NaiveDate> {
    let (d, m, y) = amlich_core::lunar::convert_lunar_to_solar(day, month, lunar_year, false, 7.0);
    NaiveDate::from_ymd_opt(y, m as u32, d as u32)
}

pub fn tet(year: i32) -> Option<NaiveDate> {
    lunar_to_solar(1, 1, year)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

pub const TET: &str = "Tết Nguyên đán";
pub const TET_COMPENSATION: &str = "Nghỉ bù Tết Nguyên đán";
pub const BESIDE_NATIONAL_DAY: &str = "Quốc khánh (ngày liền kề)";

/// The Tết days of a year as the Government has placed them (DOMAIN.md §11): the eve and the
/// first four days (BLLĐ Art 112(1): five days), and one day off for each of them that falls
/// on a weekend — the first placed on the last working day before the eve, any second on the
/// first working day after the fourth day. Back-tested on the announced breaks: 2020 23–29/01,
/// 2021 10–16/02, 2023 20–26/01, 2024 08–14/02, 2025 27–31/01; estimate for 2027: 04–10/02.
pub fn tet_days(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let Some(t) = tet(year) else {
        return Vec::new();
    };
    let base: Vec<NaiveDate> = (-1..=3).map(|i| t + Duration::days(i)).collect();
    let mut out: Vec<(NaiveDate, &'static str)> = base.iter().map(|d| (*d, TET)).collect();
    let weekend = base.iter().filter(|d| is_weekend(**d)).count();
    if weekend >= 1 {
        let mut before = base[0] - Duration::days(1);
        while is_weekend(before) {
            before -= Duration::days(1);
        }
        out.push((before, TET_COMPENSATION));
    }
    let mut after = base[4] + Duration::days(1);
    for _ in 1..weekend {
        while is_weekend(after) {
            after += Duration::days(1);
        }
        out.push((after, TET_COMPENSATION));
        after += Duration::days(1);
    }
    out.sort();
    out
}

/// The day beside Quốc khánh 2/9 (BLLĐ Art 112(1)(đ): the Prime Minister chooses 1/9 or
/// 3/9), by precedent: the one that joins 2/9 to the weekend or bridges a single working day —
/// a Thursday gives Friday 3/9 (2021), a Monday gives Tuesday 3/9 (2024); any other weekday
/// gives 1/9 (2022 Friday, 2023 Saturday, 2025 Tuesday).
pub fn beside_national_day(year: i32) -> NaiveDate {
    let ymd = |d| NaiveDate::from_ymd_opt(year, 9, d).expect("valid date");
    match ymd(2).weekday() {
        Weekday::Mon | Weekday::Thu => ymd(3),
        _ => ymd(1),
    }
}

/// The default days off of a year by Bộ luật Lao động 2019 Art 112 (and the compensatory day
/// of Art 111(3)), marked expected. The Prime Minister fixes the exact Tết span and the day
/// beside 2/9 each year: the defaults follow the precedent of the announced years
/// ([`tet_days`], [`beside_national_day`]).
pub fn default_holidays(year: i32) -> Vec<CalendarEntry> {
    let mut days: Vec<(NaiveDate, String)> = Vec::new();
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("valid date");
    days.push((ymd(1, 1), "Tết Dương lịch".into()));
    if let Some(g) = lunar_to_solar(10, 3, year) {
        days.push((g, "Giỗ Tổ Hùng Vương".into()));
    }
    days.push((ymd(4, 30), "Ngày Chiến thắng".into()));
    days.push((ymd(5, 1), "Quốc tế Lao động".into()));
    days.push((beside_national_day(year), BESIDE_NATIONAL_DAY.into()));
    days.push((ymd(9, 2), "Quốc khánh".into()));
    days.sort();
    // Tết carries its own compensation (above); the other holidays follow Art 111(3).
    let tet = tet_days(year);
    let mut taken: Vec<NaiveDate> = days.iter().map(|(d, _)| *d).collect();
    taken.extend(tet.iter().map(|(d, _)| *d));
    let mut extra = Vec::new();
    for (d, name) in &days {
        if is_weekend(*d) {
            let mut c = *d + Duration::days(1);
            while is_weekend(c) || taken.contains(&c) || extra.iter().any(|(e, _)| *e == c) {
                c += Duration::days(1);
            }
            extra.push((c, format!("Nghỉ bù {name}")));
        }
    }
    days.extend(extra);
    days.extend(tet.into_iter().map(|(d, n)| (d, n.to_owned())));
    days.sort();
    days.into_iter()
        .map(|(day, name)| CalendarEntry {
            day,
            kind: DayKind::Off,
            name,
            expected: true,
        })
        .collect()
}

/// The versions of one explicit day, in the order of their `from` (None first).
type Versions = Vec<(Option<NaiveDate>, Option<CalendarEntry>)>;

/// The calendar: explicit entries of the announced years (each with its versions), computed
/// defaults for the others.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, Versions>,
    /// Years whose explicit entries are the whole truth (no computed defaults).
    announced: Vec<i32>,
    /// Years whose defaults are already in `days`.
    computed: Vec<i32>,
}

/// The calendar as it stood for a clock starting on one day (`Calendar::at`).
#[derive(Debug, Clone, Copy)]
pub struct CalendarAt<'a> {
    cal: &'a Calendar,
    on: Option<NaiveDate>,
}

impl CalendarAt<'_> {
    /// Why `d` is not a working day, or None when it is one.
    pub fn non_working(&self, d: NaiveDate) -> Option<NonWorking> {
        self.cal.non_working_on(d, self.on)
    }

    /// A swapped working day (a weekend day worked): its name.
    pub fn worked_weekend(&self, d: NaiveDate) -> Option<String> {
        self.cal
            .entry_on(d, self.on)
            .filter(|e| e.kind == DayKind::Work)
            .map(|e| e.name)
    }
}

impl Calendar {
    /// Build from the stored entries (each valid for every clock) and the announced years;
    /// defaults are computed for the other years of `years`.
    pub fn new(
        stored: Vec<CalendarEntry>,
        announced: Vec<i32>,
        years: std::ops::RangeInclusive<i32>,
    ) -> Calendar {
        let versions = stored
            .into_iter()
            .map(|e| DayVersion {
                day: e.day,
                from: None,
                entry: Some(e),
            })
            .collect();
        Calendar::dated(versions, announced, years)
    }

    /// Build from the stored versions of explicit days and the announced years; defaults are
    /// computed for the other years of `years`.
    pub fn dated(
        stored: Vec<DayVersion>,
        announced: Vec<i32>,
        years: std::ops::RangeInclusive<i32>,
    ) -> Calendar {
        let mut cal = Calendar {
            days: BTreeMap::new(),
            announced,
            computed: Vec::new(),
        };
        for y in years {
            if !cal.announced.contains(&y) {
                for e in default_holidays(y) {
                    cal.days.insert(e.day, vec![(None, Some(e))]);
                }
                cal.computed.push(y);
            }
        }
        // Stored days win over computed ones (an administrator's correction).
        let mut by_day: BTreeMap<NaiveDate, Versions> = BTreeMap::new();
        for v in stored {
            by_day.entry(v.day).or_default().push((v.from, v.entry));
        }
        for (day, mut versions) in by_day {
            versions.sort_by_key(|(from, _)| *from);
            cal.days.insert(day, versions);
        }
        cal
    }

    /// Only weekends and the computed defaults (tests, and the engine without a database).
    pub fn defaults(years: std::ops::RangeInclusive<i32>) -> Calendar {
        Calendar::new(Vec::new(), Vec::new(), years)
    }

    /// The calendar for a clock starting on `on`: the versions in force for it.
    pub fn at(&self, on: NaiveDate) -> CalendarAt<'_> {
        CalendarAt {
            cal: self,
            on: Some(on),
        }
    }

    /// What `d` is for a clock starting on `on` (None: the latest version).
    fn entry_on(&self, d: NaiveDate, on: Option<NaiveDate>) -> Option<CalendarEntry> {
        if let Some(versions) = self.days.get(&d) {
            let version = match on {
                None => versions.last(),
                Some(on) => versions
                    .iter()
                    .rev()
                    .find(|(from, _)| from.is_none_or(|f| f <= on)),
            };
            return version.and_then(|(_, e)| e.clone());
        }
        let y = d.year();
        if self.announced.contains(&y) || self.computed.contains(&y) {
            return None;
        }
        // A year outside the prepared range: compute its defaults now.
        default_holidays(y).into_iter().find(|e| e.day == d)
    }

    fn non_working_on(&self, d: NaiveDate, on: Option<NaiveDate>) -> Option<NonWorking> {
        match self.entry_on(d, on) {
            Some(e) if e.kind == DayKind::Work => None,
            Some(e) => Some(NonWorking::Holiday {
                name: e.name,
                expected: e.expected,
            }),
            None if is_weekend(d) => Some(NonWorking::Weekend(d.weekday())),
            None => None,
        }
    }

    /// Why `d` is not a working day (the calendar as it is now), or None when it is one.
    pub fn non_working(&self, d: NaiveDate) -> Option<NonWorking> {
        self.non_working_on(d, None)
    }

    pub fn is_working(&self, d: NaiveDate) -> bool {
        self.non_working(d).is_none()
    }

    /// A swapped working day (a weekend day worked), as the calendar is now: its name.
    pub fn worked_weekend(&self, d: NaiveDate) -> Option<String> {
        self.entry_on(d, None)
            .filter(|e| e.kind == DayKind::Work)
            .map(|e| e.name)
    }

    /// The explicit entries of a year (announced or computed) as they are now, in order.
    pub fn year_entries(&self, year: i32) -> Vec<CalendarEntry> {
        if !self.announced.contains(&year) && !self.computed.contains(&year) {
            return default_holidays(year);
        }
        self.days
            .range(NaiveDate::from_ymd_opt(year, 1, 1).expect("valid")..)
            .take_while(|(d, _)| d.year() == year)
            .filter_map(|(_, v)| v.last().and_then(|(_, e)| e.clone()))
            .collect()
    }

    /// The first clock day the current version of `d` applies to (None: every clock).
    pub fn since(&self, d: NaiveDate) -> Option<NaiveDate> {
        self.days
            .get(&d)
            .and_then(|v| v.last())
            .and_then(|(f, _)| *f)
    }

    pub fn is_announced(&self, year: i32) -> bool {
        self.announced.contains(&year)
    }

    /// Working days strictly after `from` up to and including `to` (negative if `to` is
    /// before `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (a, b, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut n = 0;
        let mut d = a;
        while d < b {
            d += Duration::days(1);
            if self.is_working(d) {
                n += 1;
            }
        }
        n * sign
    }

    /// The `n`-th working day after `from` (the first day not counted).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d += Duration::days(1);
            if self.is_working(d) {
                left -= 1;
            }
        }
        d
    }
}

/// Next year's days off, still computed defaults: what the board reminds the administrator
/// of in December (issue 18). The Prime Minister fixes the Tết span and the day beside 2/9
/// each year (BLLĐ Art 112(3)); until the year is confirmed in the catalog these are
/// estimates. Ngày Văn hóa Việt Nam (24/11) is asked about: a Party resolution proposed it as
/// a day off, the Labour Code amendment is not confirmed (DOMAIN.md §7, §11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedYear {
    pub year: i32,
    /// The first and last day off of the estimated Tết break (weekends inside included).
    pub tet: Option<(NaiveDate, NaiveDate)>,
    /// The estimated day beside Quốc khánh 2/9.
    pub beside_national_day: NaiveDate,
    /// 24/11: a day off or not is the administrator's question.
    pub culture_day: NaiveDate,
}

/// In December, when next year's days off are not announced yet: the reminder.
pub fn december_reminder(cal: &Calendar, today: NaiveDate) -> Option<ExpectedYear> {
    let year = today.year() + 1;
    if today.month() != 12 || cal.is_announced(year) {
        return None;
    }
    let tet = tet_days(year);
    Some(ExpectedYear {
        year,
        tet: tet
            .first()
            .map(|(d, _)| *d)
            .zip(tet.last().map(|(d, _)| *d)),
        beside_national_day: beside_national_day(year),
        culture_day: NaiveDate::from_ymd_opt(year, 11, 24).expect("valid date"),
    })
}

#[cfg(test)]
mod tests {
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
}
