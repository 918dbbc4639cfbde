//! The reception schedule (lịch tiếp công dân) of the unit's head, as data: the periodic days
//! as a rule with effective dates ([`Plan`]), the days it gives on the calendar
//! ([`planned_days`]: a day that falls on a day off moves to the next working day — local
//! practice, DOMAIN.md §6: tayson.gialai.gov.vn, tandoan.langson.gov.vn), and the days as
//! the book shows them ([`match_days`]: the sessions the head presided in person or by a
//! delegate, the days marked held with nobody coming or postponed, and when each day was
//! posted — Luật TCD Art 24(4): at least 05 working days before).
//!
//! The legal minimum of the head's own reception days is in [`minimum`]: a commune chairman
//! at least one day a week until 30/6/2026, at least two days a month from 01/7/2026 (Luật
//! 136/2025/QH15), a provincial chairman and an agency head at least one a month; a day
//! received by a deputy never counts toward it (no delegation: Luật 136/2025; NĐ 154/2026
//! Art 25, UNVERIFIED).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::calendar::Calendar;
use super::visit::{PresiderRole, ReceptionForm};

pub mod minimum;
#[cfg(test)]
mod tests;

pub use minimum::{Every, MINIMUMS, Minimum, Shortfall, UnitLevel, shortfalls};

code_enum!(
    /// How a plan repeats.
    Pattern {
        /// One weekday every week ("thứ Năm hằng tuần").
        Weekly = "weekly",
        /// Days of the month ("ngày 10 và 25 hằng tháng").
        MonthDays = "month_days",
        /// The n-th weekday of the month ("thứ Năm tuần thứ nhất và thứ ba").
        NthWeekday = "nth_weekday",
    }
);

/// The head's periodic reception as a rule, from `effective_from` to `effective_to` (a change
/// of the schedule ends the plan the day before and starts a new one, so a past month keeps
/// the plan it had).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: i64,
    pub uid: String,
    /// Who receives: the head of the unit (a name with the office, as announced).
    pub leader: String,
    pub pattern: Pattern,
    /// Weekly and n-th weekday plans: the weekday.
    pub weekday: Option<Weekday>,
    /// Month days (1–31) for [`Pattern::MonthDays`]; which weeks (1–5) for
    /// [`Pattern::NthWeekday`]; empty for weekly plans.
    pub days: Vec<u8>,
    /// Where (the reception place announced).
    pub place: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub version: i64,
}

impl Plan {
    /// Does the plan hold on `d`?
    pub fn in_force(&self, d: NaiveDate) -> bool {
        self.effective_from <= d && self.effective_to.is_none_or(|to| d <= to)
    }

    /// The days the rule names in `[from, to]` (before any move off a day off), within the
    /// plan's effective dates. A month day the month lacks (31 in April), or a fifth weekday
    /// it lacks, names no day.
    pub fn nominal_days(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let from = from.max(self.effective_from);
        let to = self.effective_to.map_or(to, |e| e.min(to));
        let mut out = Vec::new();
        let mut d = from;
        while d <= to {
            let hit = match self.pattern {
                Pattern::Weekly => Some(d.weekday()) == self.weekday,
                Pattern::MonthDays => self.days.contains(&(d.day() as u8)),
                Pattern::NthWeekday => {
                    Some(d.weekday()) == self.weekday
                        && self.days.contains(&(((d.day() - 1) / 7 + 1) as u8))
                }
            };
            if hit {
                out.push(d);
            }
            d += Duration::days(1);
        }
        out
    }
}

/// Why a plan as typed cannot be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanProblem {
    /// A weekly or n-th weekday plan names no weekday.
    NoWeekday,
    /// Month days must be 1–31, weeks 1–5, at least one.
    BadDays,
    /// The plan ends before it begins.
    EndsBeforeStart,
}

/// Check a plan's rule.
pub fn check_plan(p: &Plan) -> Option<PlanProblem> {
    match p.pattern {
        Pattern::Weekly | Pattern::NthWeekday if p.weekday.is_none() => {
            return Some(PlanProblem::NoWeekday);
        }
        _ => {}
    }
    let max = match p.pattern {
        Pattern::Weekly => None,
        Pattern::MonthDays => Some(31),
        Pattern::NthWeekday => Some(5),
    };
    if let Some(max) = max
        && (p.days.is_empty() || p.days.iter().any(|d| *d == 0 || *d > max))
    {
        return Some(PlanProblem::BadDays);
    }
    if p.effective_to.is_some_and(|to| to < p.effective_from) {
        return Some(PlanProblem::EndsBeforeStart);
    }
    None
}

/// Read a list of numbers as typed ("10, 25", "1 và 3", "1;3"): None when a part is not a
/// number.
pub fn parse_days(s: &str) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::new();
    for part in s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
    {
        out.push(part.parse().ok()?);
    }
    // Words between the numbers ("và", "and") are fine; anything else with digits in it is
    // read as its digits. Nothing at all is no list.
    if out.is_empty() {
        return None;
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// A weekday by its ISO number (1 = Monday … 7 = Sunday), as stored.
pub fn weekday_of(n: u8) -> Option<Weekday> {
    match n {
        1 => Some(Weekday::Mon),
        2 => Some(Weekday::Tue),
        3 => Some(Weekday::Wed),
        4 => Some(Weekday::Thu),
        5 => Some(Weekday::Fri),
        6 => Some(Weekday::Sat),
        7 => Some(Weekday::Sun),
        _ => None,
    }
}

/// A day of the schedule on the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedDay {
    /// The day the head receives.
    pub day: NaiveDate,
    /// The day the rule names; differs from `day` when that was a day off.
    pub nominal: NaiveDate,
    /// The plan it comes from.
    pub plan_id: i64,
}

impl PlannedDay {
    pub fn moved(&self) -> bool {
        self.day != self.nominal
    }
}

/// Rule "ngày tiếp trùng ngày nghỉ" (local practice, DOMAIN.md §6): a named day that is not
/// a working day moves to the next working day (a swapped working Saturday is one).
pub fn next_working(cal: &Calendar, d: NaiveDate) -> NaiveDate {
    let mut d = d;
    // Bounded: no stretch of days off is longer than a few weeks.
    for _ in 0..60 {
        if cal.is_working(d) {
            break;
        }
        d += Duration::days(1);
    }
    d
}

/// The head's reception days in `[from, to]` by the plans in force on each named day, moved
/// off days off; one per day (two named days moved onto one are one day), in order.
pub fn planned_days(
    plans: &[Plan],
    cal: &Calendar,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<PlannedDay> {
    // A day named a little before `from` may move into it.
    let look_back = from - Duration::days(31);
    let mut out: Vec<PlannedDay> = plans
        .iter()
        .flat_map(|p| {
            p.nominal_days(look_back, to)
                .into_iter()
                .map(move |nominal| (p.id, nominal))
        })
        .map(|(plan_id, nominal)| PlannedDay {
            day: next_working(cal, nominal),
            nominal,
            plan_id,
        })
        .filter(|p| from <= p.day && p.day <= to)
        .collect();
    out.sort_by_key(|p| (p.day, p.nominal));
    out.dedup_by_key(|p| p.day);
    out
}

code_enum!(
    /// What the book says of a day with no session to show for it.
    DayMark {
        /// The head received in person and nobody came (no visit to log).
        HeldNoVisitors = "khong_co_cong_dan",
        /// A deputy received and nobody came.
        DelegatedNoVisitors = "uy_quyen_khong_co_cong_dan",
        /// Not held on this day: postponed or cancelled, with a notice at the reception
        /// place (Luật TCD Art 24(4): "lùi lịch tiếp công dân sang thời gian khác").
        Postponed = "lui_lich",
    }
);

/// What the book records about one day of the schedule: when it was posted, and a mark.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DayRecord {
    pub day: NaiveDate,
    /// The day the schedule of this day was posted (niêm yết).
    pub posted_on: Option<NaiveDate>,
    pub mark: Option<DayMark>,
    /// A postponed day: the day it moved to, when known.
    pub moved_to: Option<NaiveDate>,
    pub note: String,
    pub version: i64,
}

/// A session of the head's reception as the schedule sees it (periodic or ad hoc, with who
/// presided): from the book's sessions that received someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionDay {
    pub day: NaiveDate,
    pub form: ReceptionForm,
    pub role: Option<PresiderRole>,
}

/// How a day of the head's reception stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayStatus {
    /// The head received in person (a session, or a mark: nobody came).
    InPerson,
    /// A deputy received (reported apart: 01/TCD (16)–(21); never toward the minimum).
    Delegated,
    /// Postponed or cancelled.
    Postponed,
    /// A past planned day with nothing in the book: to be marked.
    NotRecorded,
    /// Today or later.
    Upcoming,
    /// A periodic or ad hoc session recorded before the book said who presided as what.
    Unmarked,
}

/// One day of the head's reception: planned, received, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayLine {
    pub day: NaiveDate,
    /// Some: a day of the schedule (announced); None: a session off the schedule (ad hoc,
    /// or a day moved by hand).
    pub planned: Option<PlannedDay>,
    pub status: DayStatus,
    /// The head's own session (periodic or ad hoc) received someone that day.
    pub visitors: bool,
    pub record: Option<DayRecord>,
}

impl DayLine {
    /// Rule "số ngày tiếp" (01/TCD (10), (16) — days publicly announced): a day of the
    /// schedule counts, unless postponed, in the block of who received (a deputy: (16));
    /// a day off the schedule counts when the head or a deputy received someone. None: not
    /// counted (postponed, or a session whose presider is not recorded).
    pub fn announced_block(&self) -> Option<PresiderRole> {
        match (self.planned.is_some(), self.status) {
            (_, DayStatus::Postponed | DayStatus::Unmarked) => None,
            (_, DayStatus::Delegated) => Some(PresiderRole::Delegated),
            (_, DayStatus::InPerson) => Some(PresiderRole::InPerson),
            (true, DayStatus::NotRecorded | DayStatus::Upcoming) => Some(PresiderRole::InPerson),
            (false, _) => None,
        }
    }

    /// Rule "ngày trực tiếp tiếp công dân" (the legal minimum): the head received in person
    /// — a session presided in person, or a day marked held with nobody coming. A planned
    /// day with nothing recorded does not count until it is marked; a delegated day never.
    pub fn counts_toward_minimum(&self) -> bool {
        self.status == DayStatus::InPerson
    }
}

/// The head's reception days in `[from, to]` as the book shows them: every planned day, and
/// every day a periodic or ad hoc session received someone, with its status on `today`.
/// `sessions` are the book's sessions (other forms are left out here); `records` the days'
/// postings and marks.
pub fn match_days(
    planned: &[PlannedDay],
    sessions: &[SessionDay],
    records: &[DayRecord],
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Vec<DayLine> {
    let mut days: Vec<NaiveDate> = planned.iter().map(|p| p.day).collect();
    days.extend(
        sessions
            .iter()
            .filter(|s| s.form.needs_presiding() && from <= s.day && s.day <= to)
            .map(|s| s.day),
    );
    days.extend(
        records
            .iter()
            .filter(|r| r.mark.is_some() && from <= r.day && r.day <= to)
            .map(|r| r.day),
    );
    days.sort_unstable();
    days.dedup();
    days.into_iter()
        .map(|day| {
            let plan = planned.iter().find(|p| p.day == day).copied();
            let record = records.iter().find(|r| r.day == day).cloned();
            let of_day: Vec<&SessionDay> = sessions
                .iter()
                .filter(|s| s.day == day && s.form.needs_presiding())
                .collect();
            let has = |r: PresiderRole| of_day.iter().any(|s| s.role == Some(r));
            let mark = record.as_ref().and_then(|r| r.mark);
            let status = if has(PresiderRole::InPerson) || mark == Some(DayMark::HeldNoVisitors) {
                DayStatus::InPerson
            } else if has(PresiderRole::Delegated) || mark == Some(DayMark::DelegatedNoVisitors) {
                DayStatus::Delegated
            } else if !of_day.is_empty() {
                DayStatus::Unmarked
            } else if mark == Some(DayMark::Postponed) {
                DayStatus::Postponed
            } else if day >= today {
                DayStatus::Upcoming
            } else {
                DayStatus::NotRecorded
            };
            DayLine {
                day,
                planned: plan,
                status,
                visitors: !of_day.is_empty(),
                record,
            }
        })
        .collect()
}
