//! The working-day calendar: weekends, the public holidays of Bộ luật Lao động Art 112 with the
//! compensatory day of Art 111(3), and the days off and swapped working days the Government
//! announces each year (DOMAIN.md §7). Announced years are data (seeded and edited in the
//! catalog); for any other year the defaults are computed here and marked "dự kiến".

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

/// The default days off of a year by Bộ luật Lao động 2019 Art 112 (and the compensatory day
/// of Art 111(3)), marked expected. The Prime Minister fixes the exact Tết span and the day
/// beside 2/9 each year: the defaults take the eve of Tết and its first four days, and 1/9.
pub fn default_holidays(year: i32) -> Vec<CalendarEntry> {
    let mut days: Vec<(NaiveDate, String)> = Vec::new();
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("valid date");
    days.push((ymd(1, 1), "Tết Dương lịch".into()));
    if let Some(t) = tet(year) {
        for i in -1..=3 {
            days.push((t + Duration::days(i), "Tết Nguyên đán".into()));
        }
    }
    if let Some(g) = lunar_to_solar(10, 3, year) {
        days.push((g, "Giỗ Tổ Hùng Vương".into()));
    }
    days.push((ymd(4, 30), "Ngày Chiến thắng".into()));
    days.push((ymd(5, 1), "Quốc tế Lao động".into()));
    days.push((ymd(9, 1), "Quốc khánh (ngày liền kề)".into()));
    days.push((ymd(9, 2), "Quốc khánh".into()));
    days.sort();
    // Art 111(3): a holiday on the weekly rest day gives a day off on the next working day.
    let taken: Vec<NaiveDate> = days.iter().map(|(d, _)| *d).collect();
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

/// The calendar: explicit entries of the announced years, computed defaults for the others.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    entries: BTreeMap<NaiveDate, CalendarEntry>,
    /// Years whose explicit entries are the whole truth (no computed defaults).
    announced: Vec<i32>,
    /// Years whose defaults are already in `entries`.
    computed: Vec<i32>,
}

impl Calendar {
    /// Build from the stored entries and the announced years; defaults are computed for the
    /// other years of `years`.
    pub fn new(
        stored: Vec<CalendarEntry>,
        announced: Vec<i32>,
        years: std::ops::RangeInclusive<i32>,
    ) -> Calendar {
        let mut cal = Calendar {
            entries: BTreeMap::new(),
            announced,
            computed: Vec::new(),
        };
        for y in years {
            if !cal.announced.contains(&y) {
                for e in default_holidays(y) {
                    cal.entries.insert(e.day, e);
                }
                cal.computed.push(y);
            }
        }
        // Stored entries win over computed ones (an administrator's correction).
        for e in stored {
            cal.entries.insert(e.day, e);
        }
        cal
    }

    /// Only weekends and the computed defaults (tests, and the engine without a database).
    pub fn defaults(years: std::ops::RangeInclusive<i32>) -> Calendar {
        Calendar::new(Vec::new(), Vec::new(), years)
    }

    fn entry(&self, d: NaiveDate) -> Option<CalendarEntry> {
        if let Some(e) = self.entries.get(&d) {
            return Some(e.clone());
        }
        let y = d.year();
        if self.announced.contains(&y) || self.computed.contains(&y) {
            return None;
        }
        // A year outside the prepared range: compute its defaults now.
        default_holidays(y).into_iter().find(|e| e.day == d)
    }

    /// Why `d` is not a working day, or None when it is one.
    pub fn non_working(&self, d: NaiveDate) -> Option<NonWorking> {
        match self.entry(d) {
            Some(e) if e.kind == DayKind::Work => None,
            Some(e) => Some(NonWorking::Holiday {
                name: e.name,
                expected: e.expected,
            }),
            None if is_weekend(d) => Some(NonWorking::Weekend(d.weekday())),
            None => None,
        }
    }

    pub fn is_working(&self, d: NaiveDate) -> bool {
        self.non_working(d).is_none()
    }

    /// Swapped working days (a weekend day worked) in a range.
    pub fn worked_weekend(&self, d: NaiveDate) -> Option<String> {
        self.entries
            .get(&d)
            .filter(|e| e.kind == DayKind::Work)
            .map(|e| e.name.clone())
    }

    /// The explicit entries of a year (announced or computed), in order.
    pub fn year_entries(&self, year: i32) -> Vec<CalendarEntry> {
        if !self.announced.contains(&year) && !self.computed.contains(&year) {
            return default_holidays(year);
        }
        self.entries
            .values()
            .filter(|e| e.day.year() == year)
            .cloned()
            .collect()
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
/// estimates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedYear {
    pub year: i32,
    /// The first and last computed day off of Tết Nguyên đán.
    pub tet: Option<(NaiveDate, NaiveDate)>,
    /// The computed day beside Quốc khánh 2/9.
    pub beside_national_day: NaiveDate,
}

/// In December, when next year's days off are not announced yet: the reminder.
pub fn december_reminder(cal: &Calendar, today: NaiveDate) -> Option<ExpectedYear> {
    let year = today.year() + 1;
    if today.month() != 12 || cal.is_announced(year) {
        return None;
    }
    let days = default_holidays(year);
    let tet: Vec<NaiveDate> = days
        .iter()
        .filter(|e| e.name == "Tết Nguyên đán")
        .map(|e| e.day)
        .collect();
    Some(ExpectedYear {
        year,
        tet: tet.first().copied().zip(tet.last().copied()),
        beside_national_day: NaiveDate::from_ymd_opt(year, 9, 1).expect("valid date"),
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
        // Tết Đinh Mùi is 6/2/2027: the eve 5/2 and the first four days, to 9/2.
        assert_eq!(r.tet, Some((date(2027, 2, 5), date(2027, 2, 9))));
        assert_eq!(r.beside_national_day, date(2027, 9, 1));
        let confirmed = Calendar::new(Vec::new(), vec![2026, 2027], 2025..=2028);
        assert_eq!(december_reminder(&confirmed, date(2026, 12, 15)), None);
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
