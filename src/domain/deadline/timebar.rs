//! The citizen's own limits on a complaint, which the unit checks rather than meets:
//!
//! - thời hiệu (Luật KN Art 9: 90 days from receiving or learning of the decision or act;
//!   a disciplinary decision, Art 48: 15 days), the time lost to an obstacle not counted;
//! - the time to file the second complaint (Art 33(1): 30 days — remote areas up to 45 —
//!   from the receipt of the first decision, or from the end of the first-round limit when
//!   no decision came; a disciplinary decision, Art 48: 10 days, dismissal 30). Art 33 has
//!   no clause on an obstacle: its days are counted (Art 48's are not).
//!
//! A complaint received after its limit is a ground for non-acceptance (Art 11(6)) unless
//! there is a valid reason: it is flagged, never silently accepted.

use chrono::NaiveDate;

use super::{CaseClock, Due, Obligation, Rule, compute};
use crate::domain::calendar::Calendar;
use crate::domain::case::CaseType;

/// The limit a complaint had to be received within, and when it was received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeBar {
    pub due: Due,
    pub received_on: NaiveDate,
}

impl TimeBar {
    /// Received after the limit: a ground for non-acceptance (Luật KN Art 11(6)).
    pub fn late(&self) -> bool {
        self.received_on > self.due.due_on
    }
}

/// The window for the second complaint on the first-round case `first`. `receipt` is the
/// complainant's receipt of the first decision when it was recorded (on the second-round
/// case); otherwise the day the decision was sent stands for it, then the decision's own
/// date (the earliest the complainant can have it), then the end of the first-round limit.
/// `obstacle_days` (the second complaint's, never the first's) are not counted only where
/// the rule's article says so: Art 48 for a disciplinary decision, not Art 33(1).
pub fn second_complaint_window(
    first: &CaseClock,
    receipt: Option<NaiveDate>,
    obstacle_days: u32,
    rules: &[Rule],
    cal: &Calendar,
) -> Option<Due> {
    let c = CaseClock {
        obstacle_days,
        ..first.clone()
    };
    let limit: Vec<Due> = compute(Obligation::Resolve, &c, rules, cal, &[], None)
        .into_iter()
        .collect();
    let start = receipt.map(|d| (d, "decision_received"));
    compute(Obligation::SecondComplaint, &c, rules, cal, &limit, start)
}

/// The limit complaint `c` had to be received within: in the first round its thời hiệu
/// (when the day the complainant received or learned of the decision is recorded), in the
/// second the first round's window (`first` is that case). None when the facts it needs are
/// not recorded, or for other types.
pub fn time_bar(
    c: &CaseClock,
    first: Option<&CaseClock>,
    rules: &[Rule],
    cal: &Calendar,
) -> Option<TimeBar> {
    if c.case_type != CaseType::KhieuNai {
        return None;
    }
    let due = if c.round == 1 {
        compute(Obligation::TimeLimit, c, rules, cal, &[], None)?
    } else {
        second_complaint_window(first?, c.learned_on, c.obstacle_days, rules, cal)?
    };
    Some(TimeBar {
        due,
        received_on: c.received_on,
    })
}
