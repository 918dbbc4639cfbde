//! The legal deadline engine (DOMAIN.md §3). Rules are data (seeded by migration 0003 and
//! editable in the catalog); this module only applies them:
//!
//! - "N ngày" on a calendar basis follows the Civil Code (BLDS 2015 Art 145–148): the first
//!   day is not counted, and a period whose last day is not a working day ends on the next
//!   working day (Art 148(5)).
//! - "N ngày làm việc" counts working days only, the first day not counted.
//! - A case uses the rule in force on the obligation's start date.
//! - A denunciation's resolution period grows by the rule's extension days per gia hạn.

use chrono::{Duration, NaiveDate};

use super::calendar::{Calendar, NonWorking};
use super::case::{CaseStatus, CaseType};

code_enum!(
    /// What must be done by a due date.
    Obligation {
        /// Reply to the citizen after a reception (Luật Tiếp công dân Art 28(1)).
        ReplyCitizen = "tra_loi_cong_dan",
        /// Accept (thụ lý) a complaint (Luật Khiếu nại Art 27, 36).
        Accept = "thu_ly",
        /// Initial handling of a denunciation (Luật Tố cáo Art 24(1)).
        InitialHandling = "xu_ly_ban_dau",
        /// Transfer a denunciation outside our authority (Luật Tố cáo Art 24(2)).
        TransferDenunciation = "chuyen_don_to_cao",
        /// Resolve (Luật Khiếu nại Art 28, 37; Luật Tố cáo Art 30).
        Resolve = "giai_quyet",
    }
);

code_enum!(
    /// How the days of a rule are counted.
    DayBasis {
        Calendar = "calendar",
        Working = "working",
    }
);

code_enum!(
    /// The event a period starts from.
    StartEvent {
        Received = "received",
        Accepted = "accepted",
    }
);

/// One rule of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: i64,
    pub obligation: Obligation,
    /// None: any type (likewise for round, complex, remote).
    pub case_type: Option<CaseType>,
    pub round: Option<u8>,
    pub complex: Option<bool>,
    pub remote: Option<bool>,
    pub days: u32,
    /// Days added by each extension (denunciations).
    pub extension_days: u32,
    pub basis: DayBasis,
    pub start: StartEvent,
    pub article: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    /// The rule rests on an unconfirmed or unverified text (DOMAIN.md).
    pub unconfirmed: bool,
}

impl Rule {
    fn matches(&self, c: &CaseClock, on: NaiveDate) -> bool {
        self.case_type.is_none_or(|t| t == c.case_type)
            && self.round.is_none_or(|r| r == c.round)
            && self.complex.is_none_or(|x| x == c.complex)
            && self.remote.is_none_or(|x| x == c.remote)
            && self.effective_from <= on
            && self.effective_to.is_none_or(|to| on <= to)
    }

    fn specificity(&self) -> usize {
        [
            self.case_type.is_some(),
            self.round.is_some(),
            self.complex.is_some(),
            self.remote.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }
}

/// The facts of a case that deadlines depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseClock {
    pub case_type: CaseType,
    pub status: CaseStatus,
    pub round: u8,
    pub complex: bool,
    pub remote: bool,
    pub extensions: u32,
    pub received_on: NaiveDate,
    pub accepted_on: Option<NaiveDate>,
    /// Received at a reception visit (the reply duty of Luật TCD Art 28 applies).
    pub from_visit: bool,
}

/// A day passed over while counting.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Skipped {
    pub day: NaiveDate,
    /// "Thứ Bảy", "Chủ Nhật", or the holiday's name.
    pub why: String,
    pub expected: bool,
}

/// How a due date was computed: everything `w` shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Explanation {
    pub rule_id: i64,
    pub article: String,
    pub start_event: String,
    pub start_on: NaiveDate,
    pub basis: String,
    pub days: u32,
    /// Days added by extensions (one entry per extension).
    pub extensions: Vec<u32>,
    /// Calendar basis: the last day before any roll-forward.
    pub nominal_end: NaiveDate,
    /// Days skipped: for working days, every non-working day inside the period; for calendar
    /// days, the non-working days the end rolled over.
    pub skipped: Vec<Skipped>,
    /// Swapped working days (weekend days worked) counted inside the period.
    pub worked_weekends: Vec<NaiveDate>,
    pub rolled_forward: bool,
    pub unconfirmed: bool,
}

/// A due date with its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub obligation: Obligation,
    pub due_on: NaiveDate,
    pub explanation: Explanation,
}

fn skip_reason(n: NonWorking) -> (String, bool) {
    match n {
        NonWorking::Weekend(chrono::Weekday::Sat) => ("Thứ Bảy".into(), false),
        NonWorking::Weekend(_) => ("Chủ Nhật".into(), false),
        NonWorking::Holiday { name, expected } => (name, expected),
    }
}

/// Count `days` from `start` on `basis` (first day not counted); returns the due date and
/// the explanation's counting part.
pub fn count(
    cal: &Calendar,
    start: NaiveDate,
    days: u32,
    basis: DayBasis,
) -> (NaiveDate, NaiveDate, Vec<Skipped>, Vec<NaiveDate>, bool) {
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
                    Some(n) => {
                        let (why, expected) = skip_reason(n);
                        skipped.push(Skipped {
                            day: d,
                            why,
                            expected,
                        });
                    }
                }
            }
            (d, d, skipped, worked, false)
        }
        DayBasis::Calendar => {
            let nominal = start + Duration::days(i64::from(days));
            let mut d = nominal;
            while let Some(n) = cal.non_working(d) {
                let (why, expected) = skip_reason(n);
                skipped.push(Skipped {
                    day: d,
                    why,
                    expected,
                });
                d += Duration::days(1);
            }
            (d, nominal, skipped, worked, d != nominal)
        }
    }
}

fn applies(o: Obligation, c: &CaseClock) -> bool {
    match o {
        Obligation::ReplyCitizen => c.from_visit,
        Obligation::Accept => c.case_type == CaseType::KhieuNai,
        Obligation::InitialHandling | Obligation::TransferDenunciation => {
            c.case_type == CaseType::ToCao
        }
        Obligation::Resolve => true,
    }
}

/// Is the obligation still open in the case's current status?
pub fn is_open(o: Obligation, status: CaseStatus) -> bool {
    use CaseStatus as S;
    match o {
        Obligation::ReplyCitizen => matches!(
            status,
            S::New | S::AwaitingAcceptance | S::OutsideAuthority | S::NotEligible
        ),
        Obligation::Accept | Obligation::InitialHandling => {
            matches!(status, S::New | S::AwaitingAcceptance)
        }
        Obligation::TransferDenunciation => status == S::OutsideAuthority,
        Obligation::Resolve => status == S::InProgress,
    }
}

/// Every obligation that follows from the case's facts (whatever its status), each by the
/// most specific rule in force on its start date.
pub fn obligations(c: &CaseClock, rules: &[Rule], cal: &Calendar) -> Vec<Due> {
    let mut out = Vec::new();
    for o in Obligation::ALL {
        if !applies(*o, c) {
            continue;
        }
        // The start event decides the rule's date; try each start event the rules use.
        let best = rules
            .iter()
            .filter(|r| r.obligation == *o)
            .filter_map(|r| {
                let start = match r.start {
                    StartEvent::Received => Some(c.received_on),
                    StartEvent::Accepted => c.accepted_on,
                }?;
                r.matches(c, start).then_some((r, start))
            })
            .max_by_key(|(r, _)| (r.specificity(), r.effective_from));
        let Some((rule, start)) = best else { continue };
        let ext: Vec<u32> = (0..c.extensions.min(2))
            .map(|_| rule.extension_days)
            .filter(|d| *d > 0)
            .collect();
        let total = rule.days + ext.iter().sum::<u32>();
        let (due, nominal, skipped, worked, rolled) = count(cal, start, total, rule.basis);
        out.push(Due {
            obligation: *o,
            due_on: due,
            explanation: Explanation {
                rule_id: rule.id,
                article: rule.article.clone(),
                start_event: rule.start.code().to_owned(),
                start_on: start,
                basis: rule.basis.code().to_owned(),
                days: rule.days,
                extensions: ext,
                nominal_end: nominal,
                skipped,
                worked_weekends: worked,
                rolled_forward: rolled,
                unconfirmed: rule.unconfirmed,
            },
        });
    }
    out
}

/// The obligations still open in the case's status.
pub fn open_obligations(c: &CaseClock, rules: &[Rule], cal: &Calendar) -> Vec<Due> {
    obligations(c, rules, cal)
        .into_iter()
        .filter(|d| is_open(d.obligation, c.status))
        .collect()
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
