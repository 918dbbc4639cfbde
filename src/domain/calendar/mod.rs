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

mod estimate;

pub use estimate::{
    BESIDE_NATIONAL_DAY, TET, TET_COMPENSATION, beside_national_day, default_holidays, tet_days,
};

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
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

    /// Working days strictly after `from` up to and including `to` (0 if `to` is not after).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.non_working(*d).is_none())
            .count() as u32
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
mod tests;

/// The announced days of 2026 as migration 0003 seeds them (DOMAIN.md §7), for the domain's
/// vectors worked by hand: 01–02/01 off with Saturday 10/01 worked, Tết 16–20/02, Monday
/// 27/04 (Giỗ Tổ compensated), 30/04–01/05, 31/08–02/09 with Saturday 22/08 worked.
#[cfg(test)]
pub(crate) fn seeded_2026() -> Calendar {
    let entry = |s: &str, kind: DayKind| CalendarEntry {
        day: s.parse().expect("a date"),
        kind,
        name: if kind == DayKind::Off {
            "nghỉ"
        } else {
            "làm bù"
        }
        .to_owned(),
        expected: false,
    };
    let off = [
        "2026-01-01",
        "2026-01-02",
        "2026-02-16",
        "2026-02-17",
        "2026-02-18",
        "2026-02-19",
        "2026-02-20",
        "2026-04-27",
        "2026-04-30",
        "2026-05-01",
        "2026-08-31",
        "2026-09-01",
        "2026-09-02",
    ];
    let mut days: Vec<CalendarEntry> = off.iter().map(|s| entry(s, DayKind::Off)).collect();
    days.push(entry("2026-01-10", DayKind::Work));
    days.push(entry("2026-08-22", DayKind::Work));
    Calendar::new(days, vec![2026], 2025..=2027)
}
