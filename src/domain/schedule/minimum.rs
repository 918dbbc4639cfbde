//! The legal minimum of the head's own reception days, as data with effective dates, and the
//! weeks or months that fell short of it.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::domain::calendar::Calendar;

code_enum!(
    /// The unit's level (the setting `unit_level`): who its head is for Luật Tiếp công dân.
    UnitLevel {
        /// A commune, ward or special zone People's Committee (Art 15).
        Commune = "xa",
        /// A provincial People's Committee (Art 12).
        Province = "tinh",
        /// Any other agency (Art 18).
        Agency = "co_quan",
    }
);

/// Over what the minimum is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Every {
    /// A calendar week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

/// The head receives in person at least `days` days every week or month, from `from` to
/// `to`, by `article`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minimum {
    pub level: UnitLevel,
    pub every: Every,
    pub days: u32,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub article: &'static str,
}

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("a valid date"),
    }
}

/// The table (DOMAIN.md §6, §11). The district level was abolished on 01/7/2025 and has no
/// line; Luật 136/2025/QH15 was read in its signed scan (DOMAIN.md §11).
pub const MINIMUMS: &[Minimum] = &[
    Minimum {
        level: UnitLevel::Commune,
        every: Every::Week,
        days: 1,
        from: day(2014, 7, 1),
        to: Some(day(2026, 6, 30)),
        article: "Luật Tiếp công dân 2013, Điều 15(2)(d)",
    },
    Minimum {
        level: UnitLevel::Commune,
        every: Every::Month,
        days: 2,
        from: day(2026, 7, 1),
        to: None,
        article: "Luật 136/2025/QH15, Điều 1(7) (Điều 15 Luật Tiếp công dân)",
    },
    Minimum {
        level: UnitLevel::Province,
        every: Every::Month,
        days: 1,
        from: day(2014, 7, 1),
        to: None,
        article: "Luật Tiếp công dân 2013, Điều 12(5)",
    },
    Minimum {
        level: UnitLevel::Agency,
        every: Every::Month,
        days: 1,
        from: day(2014, 7, 1),
        to: None,
        article: "Luật Tiếp công dân 2013, Điều 18(2)",
    },
];

impl Minimum {
    /// The minimum of a unit's level on `d`.
    pub fn on(level: UnitLevel, d: NaiveDate) -> Option<&'static Minimum> {
        MINIMUMS
            .iter()
            .find(|m| m.level == level && m.from <= d && m.to.is_none_or(|to| d <= to))
    }

    /// Does the whole span `[a, b]` fall under this line?
    fn covers(&self, a: NaiveDate, b: NaiveDate) -> bool {
        self.from <= a && self.to.is_none_or(|to| b <= to)
    }
}

/// A week or month whose in-person days fell short of the minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shortfall {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub every: Every,
    pub required: u32,
    /// The head's in-person days in it.
    pub held: u32,
    pub article: &'static str,
}

/// Rule "số ngày tối thiểu": the weeks or months that ended in `[from, to]` in which the head
/// received in person (`in_person`: the days, see `DayLine::counts_toward_minimum`) fewer
/// days than the minimum of `level` — judged only by a line of the table that covers the
/// whole week or month (the week of 29/6–5/7/2026 is under neither the weekly nor the monthly
/// rule as a whole, and is not judged; June 2026 is judged week by week, July by the month).
/// A week without a working day (Tết) owes nothing. Units still running at `to` are not
/// judged yet.
pub fn shortfalls(
    level: UnitLevel,
    in_person: &[NaiveDate],
    from: NaiveDate,
    to: NaiveDate,
    cal: &Calendar,
) -> Vec<Shortfall> {
    let mut out = Vec::new();
    for m in MINIMUMS.iter().filter(|m| m.level == level) {
        for (a, b) in units(m.every, from, to) {
            if !m.covers(a, b) || b < from || b > to {
                continue;
            }
            if !working_day_in(cal, a, b) {
                continue;
            }
            let held = in_person.iter().filter(|d| a <= **d && **d <= b).count() as u32;
            if held < m.days {
                out.push(Shortfall {
                    from: a,
                    to: b,
                    every: m.every,
                    required: m.days,
                    held,
                    article: m.article,
                });
            }
        }
    }
    out.sort_by_key(|s| s.from);
    out
}

/// The weeks (Monday–Sunday) or months that end in `[from, to]`.
fn units(every: Every, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    match every {
        Every::Week => {
            let mut a = from - Duration::days(i64::from(from.weekday().num_days_from_monday()));
            while a <= to {
                let b = a + Duration::days(6);
                if b >= from && b <= to {
                    out.push((a, b));
                }
                a += Duration::days(7);
            }
            debug_assert!(out.iter().all(|(a, _)| a.weekday() == Weekday::Mon));
        }
        Every::Month => {
            let mut a = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).expect("day 1");
            while a <= to {
                let next = if a.month() == 12 {
                    NaiveDate::from_ymd_opt(a.year() + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(a.year(), a.month() + 1, 1)
                }
                .expect("day 1");
                let b = next - Duration::days(1);
                if b >= from && b <= to {
                    out.push((a, b));
                }
                a = next;
            }
        }
    }
    out
}

fn working_day_in(cal: &Calendar, a: NaiveDate, b: NaiveDate) -> bool {
    let mut d = a;
    while d <= b {
        if cal.is_working(d) {
            return true;
        }
        d += Duration::days(1);
    }
    false
}
