//! Counting days (BLDS 2015 Art 145–148; "ngày làm việc" on the working-day calendar), and
//! where a due date stands today (the board's buckets).

use chrono::{Duration, NaiveDate};

use super::{DayBasis, Skipped};
use crate::domain::calendar::{Calendar, NonWorking};

/// A skipped day, as a fact: a weekend (worded when shown) or a holiday by its name.
fn skipped_day(day: NaiveDate, n: NonWorking) -> Skipped {
    match n {
        NonWorking::Weekend(_) => Skipped {
            day,
            why: String::new(),
            expected: false,
            weekend: true,
        },
        NonWorking::Holiday { name, expected } => Skipped {
            day,
            why: name,
            expected,
            weekend: false,
        },
    }
}

/// Count `days` from `start` on `basis` (first day not counted), with the calendar as it
/// stood for a clock starting on `start` (a change of the calendar dated later does not move
/// it); returns the due date, the nominal end, the days skipped, the swapped working days
/// counted and whether the end rolled forward.
pub fn count(
    cal: &Calendar,
    start: NaiveDate,
    days: u32,
    basis: DayBasis,
) -> (NaiveDate, NaiveDate, Vec<Skipped>, Vec<NaiveDate>, bool) {
    let cal = cal.at(start);
    let mut skipped = Vec::new();
    let mut worked = Vec::new();
    match basis {
        DayBasis::Working => {
            let mut d = start;
            let mut left = days;
            while left > 0 {
                d += Duration::days(1);
                match cal.non_working(d) {
                    None => {
                        if cal.worked_weekend(d).is_some() {
                            worked.push(d);
                        }
                        left -= 1;
                    }
                    Some(n) => skipped.push(skipped_day(d, n)),
                }
            }
            (d, d, skipped, worked, false)
        }
        DayBasis::Calendar => {
            let nominal = start + Duration::days(i64::from(days));
            let mut d = nominal;
            while let Some(n) = cal.non_working(d) {
                skipped.push(skipped_day(d, n));
                d += Duration::days(1);
            }
            (d, nominal, skipped, worked, d != nominal)
        }
    }
}

/// Count `days` back from `event` on `basis`: the last day a duty due *before* the event may
/// be done ("chậm nhất là 05 ngày làm việc, trước ngày tiếp công dân", Luật TCD Art 24(4);
/// "trước ngày đối thoại ít nhất 05 ngày", NĐ 155/2026). The mirror of [`count`]: the event
/// day is not counted; working days step back over the non-working ones; calendar days end
/// on `event − days`, and when that is not a working day the duty falls on the working day
/// before it (the unit acts on a working day, and earlier is never later than the law asks —
/// the mirror of BLDS Art 148(5), which protects the one who must act by moving the end
/// *forward*). Returns as `count` does; the flag says the end moved earlier.
pub fn count_back(
    cal: &Calendar,
    event: NaiveDate,
    days: u32,
    basis: DayBasis,
) -> (NaiveDate, NaiveDate, Vec<Skipped>, Vec<NaiveDate>, bool) {
    let cal = cal.at(event);
    let mut skipped = Vec::new();
    let mut worked = Vec::new();
    match basis {
        DayBasis::Working => {
            let mut d = event;
            let mut left = days;
            while left > 0 {
                d -= Duration::days(1);
                match cal.non_working(d) {
                    None => {
                        if cal.worked_weekend(d).is_some() {
                            worked.push(d);
                        }
                        left -= 1;
                    }
                    Some(n) => skipped.push(skipped_day(d, n)),
                }
            }
            (d, d, skipped, worked, false)
        }
        DayBasis::Calendar => {
            let nominal = event - Duration::days(i64::from(days));
            let mut d = nominal;
            while let Some(n) = cal.non_working(d) {
                skipped.push(skipped_day(d, n));
                d -= Duration::days(1);
            }
            (d, nominal, skipped, worked, d != nominal)
        }
    }
}

/// Where a due date stands today: working days left (≥ 0) or calendar days overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Overdue { days: i64 },
    Left { working_days: i64 },
}

pub fn standing(cal: &Calendar, today: NaiveDate, due: NaiveDate) -> Standing {
    if due < today {
        Standing::Overdue {
            days: (today - due).num_days(),
        }
    } else {
        Standing::Left {
            working_days: cal.working_days_between(today, due),
        }
    }
}

/// The board's buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    Overdue,
    Within3,
    Within7,
    Later,
}

pub fn bucket(s: Standing) -> Bucket {
    match s {
        Standing::Overdue { .. } => Bucket::Overdue,
        Standing::Left { working_days } if working_days <= 3 => Bucket::Within3,
        Standing::Left { working_days } if working_days <= 7 => Bucket::Within7,
        Standing::Left { .. } => Bucket::Later,
    }
}
