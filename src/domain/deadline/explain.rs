//! How a due date was computed (everything `w` shows), and what moved it.

use chrono::NaiveDate;

use super::{Obligation, Pause};

/// A day passed over while counting.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub day: NaiveDate,
    /// The holiday's name; empty for a weekend day, which is worded from `day` when shown,
    /// in the viewer's language. (Explanations stored before held "Thứ Bảy"/"Chủ Nhật" here:
    /// `is_weekend` reads them as weekends too.)
    pub why: String,
    pub expected: bool,
    /// Skipped because it is a Saturday or a Sunday (not a holiday).
    #[serde(default)]
    pub weekend: bool,
}

impl Skipped {
    /// A weekend day (a fact to word), not a named holiday.
    pub fn is_weekend(&self) -> bool {
        self.weekend || matches!(self.why.as_str(), "Thứ Bảy" | "Chủ Nhật")
    }
}

/// A change of the catalog that moved a due date (named by `w`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cause {
    /// A day off added or changed in the calendar.
    DayOff { day: NaiveDate, name: String },
    /// A swapped working day added or changed.
    WorkDay { day: NaiveDate, name: String },
    /// A day removed from the calendar.
    DayRemoved { day: NaiveDate, name: String },
    /// A year's expected days off confirmed as announced.
    YearConfirmed { year: i32 },
    /// A rule edited (its article, as it reads now).
    RuleEdited { article: String },
}

/// How a due date moved: from which date, on which day, because of what.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Change {
    pub cause: Cause,
    pub previous_due: NaiveDate,
    /// The day the change was made.
    pub on: NaiveDate,
}

/// How a due date was computed: everything `w` shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Explanation {
    pub rule_id: i64,
    pub article: String,
    /// What the period starts from: a `StartEvent` code, or, for the start events that
    /// resolve to one of several dates, which one: `decision_sent` (the receipt of a
    /// decision, taken as the day it was sent), `decision_received` (the receipt, as
    /// recorded), `decision_date` (the receipt, taken as the decision's own date: nothing
    /// sent recorded yet) or `resolve_limit` (the end of the first-round limit, no decision).
    pub start_event: String,
    pub start_on: NaiveDate,
    pub basis: String,
    pub days: u32,
    /// Days added by extensions (one entry per extension).
    pub extensions: Vec<u32>,
    /// Days not counted because an obstacle kept the complainant from complaining.
    #[serde(default)]
    pub excluded_days: u32,
    /// The suspensions (tạm đình chỉ) whose time is not counted (Luật TC Art 34(2); Luật KN
    /// Art 11a, NĐ 155/2026 Art 28b), and the days (in the rule's basis) they added.
    #[serde(default)]
    pub pauses: Vec<Pause>,
    #[serde(default)]
    pub paused_days: u32,
    /// Calendar basis: the last day before any roll-forward.
    pub nominal_end: NaiveDate,
    /// Days skipped: for working days, every non-working day inside the period; for calendar
    /// days, the non-working days the end rolled over.
    pub skipped: Vec<Skipped>,
    /// Swapped working days (weekend days worked) counted inside the period.
    pub worked_weekends: Vec<NaiveDate>,
    pub rolled_forward: bool,
    pub unconfirmed: bool,
    /// The unit's own rule, not law.
    #[serde(default)]
    pub internal: bool,
    /// Tracked beyond the law's letter (the unit's practice, ⚑): Luật TCD Art 27(2) for a
    /// petition forwarded by a body the article does not list, Art 28(2) when the citizen did
    /// not ask or the unit is not one the article binds.
    #[serde(default)]
    pub practice: bool,
    /// Counted back from the start day (a duty due *before* a session or a dialogue): the
    /// due date is the last day it may be done; `rolled_forward` then says it moved earlier.
    #[serde(default)]
    pub before: bool,
    /// The last catalog change that moved this due date, if one did.
    #[serde(default)]
    pub change: Option<Change>,
}

/// A due date with its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub obligation: Obligation,
    pub due_on: NaiveDate,
    pub explanation: Explanation,
}

impl Explanation {
    /// The explanation of an answer promised at a dialogue on `at`, due the day promised:
    /// the leader's own date, no rule of law (`internal`), counted in calendar days.
    pub fn promised(at: NaiveDate, due_on: NaiveDate) -> Explanation {
        Explanation {
            rule_id: 0,
            article: String::new(),
            start_event: "promised".into(),
            start_on: at,
            basis: "calendar".into(),
            days: (due_on - at).num_days().max(0) as u32,
            extensions: vec![],
            excluded_days: 0,
            pauses: vec![],
            paused_days: 0,
            nominal_end: due_on,
            skipped: vec![],
            worked_weekends: vec![],
            rolled_forward: false,
            unconfirmed: false,
            internal: true,
            practice: false,
            before: false,
            change: None,
        }
    }
}
