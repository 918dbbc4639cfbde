//! The reporting periods of TT 01/2024/TT-TTCP: quarters, six and nine months, the year
//! (from the 15th of the last month before), a calendar month, any range; the next and the
//! previous one.

use super::*;

/// The kind of a reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    /// Quarter 1–4 (TT 01/2024: Q1 15/12 of the year before – 14/3; Q2–Q4 from the 15th of
    /// the last month of the previous quarter to the 14th of the quarter's last month).
    Quarter(u8),
    /// 6 months: 15/12 of the year before – 14/6.
    SixMonths,
    /// 9 months: 15/12 of the year before – 14/9.
    NineMonths,
    /// The year: 15/12 of the year before – 14/12.
    Year,
    /// A calendar month (provinces may ask for it; not in the circular).
    Month(u32),
    /// Any range of days (thematic or ad hoc reports).
    Range,
}

/// A reporting period: its kind, the year it belongs to, and its first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub kind: PeriodKind,
    pub year: i32,
    pub from: NaiveDate,
    /// The last day, included.
    pub to: NaiveDate,
}

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

impl Period {
    /// A period of TT 01/2024 or a calendar month; None for an impossible year or number.
    pub fn new(kind: PeriodKind, year: i32) -> Option<Period> {
        let start = || ymd(year - 1, 12, 15);
        let (from, to) = match kind {
            PeriodKind::Quarter(1) => (start()?, ymd(year, 3, 14)?),
            PeriodKind::Quarter(q @ 2..=4) => {
                let last = u32::from(q) * 3;
                (ymd(year, last - 3, 15)?, ymd(year, last, 14)?)
            }
            PeriodKind::Quarter(_) => return None,
            PeriodKind::SixMonths => (start()?, ymd(year, 6, 14)?),
            PeriodKind::NineMonths => (start()?, ymd(year, 9, 14)?),
            PeriodKind::Year => (start()?, ymd(year, 12, 14)?),
            PeriodKind::Month(m) => {
                let first = ymd(year, m, 1)?;
                let next = if m == 12 {
                    ymd(year + 1, 1, 1)?
                } else {
                    ymd(year, m + 1, 1)?
                };
                (first, next - Duration::days(1))
            }
            PeriodKind::Range => return None,
        };
        Some(Period {
            kind,
            year,
            from,
            to,
        })
    }

    /// Any range of days (from ≤ to).
    pub fn range(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        (from <= to).then_some(Period {
            kind: PeriodKind::Range,
            year: to.year(),
            from,
            to,
        })
    }

    /// `2026-q1`, `2026-6t`, `2026-9t`, `2026`, `2026-11` (case and spaces ignored).
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim().to_ascii_lowercase();
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s.as_str(), None),
        };
        if year.len() != 4 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let kind = match rest {
            None => PeriodKind::Year,
            Some("q1") => PeriodKind::Quarter(1),
            Some("q2") => PeriodKind::Quarter(2),
            Some("q3") => PeriodKind::Quarter(3),
            Some("q4") => PeriodKind::Quarter(4),
            Some("6t") | Some("6m") => PeriodKind::SixMonths,
            Some("9t") | Some("9m") => PeriodKind::NineMonths,
            Some(m) if m.len() <= 2 && m.chars().all(|c| c.is_ascii_digit()) => {
                PeriodKind::Month(m.parse().ok()?)
            }
            Some(_) => return None,
        };
        Period::new(kind, year)
    }

    /// The stable code of the period (the CLI's `--period`, file names, JSON).
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Quarter(q) => format!("{}-q{q}", self.year),
            PeriodKind::SixMonths => format!("{}-6t", self.year),
            PeriodKind::NineMonths => format!("{}-9t", self.year),
            PeriodKind::Year => format!("{}", self.year),
            PeriodKind::Month(m) => format!("{}-{m:02}", self.year),
            PeriodKind::Range => format!("{}_{}", self.from, self.to),
        }
    }

    /// The period of the same kind that contains `day` (for a range: the same length
    /// ending on `day`).
    pub fn containing(kind: PeriodKind, day: NaiveDate) -> Period {
        let y = day.year();
        let try_in = |k: PeriodKind, year: i32| Period::new(k, year).filter(|p| p.contains(day));
        let found = match kind {
            PeriodKind::Quarter(_) => (1..=4)
                .flat_map(|q| [y, y + 1].map(|yy| (q, yy)))
                .find_map(|(q, yy)| try_in(PeriodKind::Quarter(q), yy)),
            PeriodKind::Month(_) => Period::new(PeriodKind::Month(day.month()), y),
            PeriodKind::Range => None,
            k => try_in(k, y).or_else(|| try_in(k, y + 1)),
        };
        // 6 and 9 months do not cover the whole year: after their end, the next ones.
        found.unwrap_or_else(|| match kind {
            PeriodKind::SixMonths | PeriodKind::NineMonths => {
                Period::new(kind, y + 1).expect("valid year")
            }
            _ => Period::range(day - Duration::days(29), day).expect("ordered"),
        })
    }

    /// The latest period of `kind` that has begun on `day` (the pane's default: the
    /// quarter under way; after 14/6, the first six months just ended).
    pub fn latest(kind: PeriodKind, day: NaiveDate) -> Period {
        let y = day.year();
        let kinds: Vec<PeriodKind> = match kind {
            PeriodKind::Quarter(_) => (1..=4).map(PeriodKind::Quarter).collect(),
            PeriodKind::Month(_) => {
                return Period::new(PeriodKind::Month(day.month()), y).expect("a valid month");
            }
            PeriodKind::Range => {
                return Period::range(day - Duration::days(29), day).expect("ordered");
            }
            k => vec![k],
        };
        kinds
            .into_iter()
            .flat_map(|k| [y - 1, y, y + 1].map(move |yy| (k, yy)))
            .filter_map(|(k, yy)| Period::new(k, yy))
            .filter(|p| p.from <= day)
            .max_by_key(|p| p.from)
            .expect("a period has begun")
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// The next period of the same kind (a range moves by its length).
    pub fn next(&self) -> Period {
        self.shift(1)
    }

    pub fn prev(&self) -> Period {
        self.shift(-1)
    }

    fn shift(&self, dir: i32) -> Period {
        let same = |kind, year| Period::new(kind, year).unwrap_or(*self);
        match self.kind {
            PeriodKind::Quarter(q) => {
                let i = i32::from(q) - 1 + dir;
                let (year, q) = (self.year + i.div_euclid(4), i.rem_euclid(4) as u8 + 1);
                same(PeriodKind::Quarter(q), year)
            }
            PeriodKind::Month(m) => {
                let i = m as i32 - 1 + dir;
                same(
                    PeriodKind::Month(i.rem_euclid(12) as u32 + 1),
                    self.year + i.div_euclid(12),
                )
            }
            PeriodKind::Range => {
                let len = (self.to - self.from).num_days() + 1;
                let d = Duration::days(len * i64::from(dir));
                Period::range(self.from + d, self.to + d).unwrap_or(*self)
            }
            k => same(k, self.year + dir),
        }
    }

    /// The TT 01/2024 year that contains the end of this period (the charts' year).
    pub fn report_year(&self) -> Period {
        Period::containing(PeriodKind::Year, self.to)
    }

    /// The calendar months the period touches, in order (the charts' buckets).
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let (mut y, mut m) = (self.from.year(), self.from.month());
        while (y, m) <= (self.to.year(), self.to.month()) {
            out.push((y, m));
            if m == 12 {
                (y, m) = (y + 1, 1);
            } else {
                m += 1;
            }
        }
        out
    }
}
