//! The legal deadline engine (DOMAIN.md §3). Rules are data (seeded by migrations 0003 and
//! 0007, editable in the catalog); this module only applies them:
//!
//! - "N ngày" on a calendar basis follows the Civil Code (BLDS 2015 Art 145–148): the first
//!   day is not counted, and a period whose last day is not a working day ends on the next
//!   working day (Art 148(5)).
//! - "N ngày làm việc" counts working days only, the first day not counted.
//! - A case uses the rule in force on the obligation's start date, the most specific one.
//! - A denunciation's resolution period grows by the rule's extension days per gia hạn.
//! - The unit's obligations are stored per case and shown on the board; the citizen's own
//!   limits (thời hiệu, the time to file a second complaint) are computed for the case and
//!   `tiepdan due` only (`timebar.rs`).

use chrono::{Duration, NaiveDate};

use super::calendar::{Calendar, NonWorking};
use super::case::{CaseStatus, CaseType, Done};

mod timebar;

pub use timebar::{TimeBar, second_complaint_window, time_bar};

code_enum!(
    /// What must be done by a due date.
    Obligation {
        /// Reply to the citizen after a reception (Luật Tiếp công dân Art 28(1)).
        ReplyCitizen = "tra_loi_cong_dan",
        /// Accept (thụ lý) a complaint (Luật Khiếu nại Art 27, 36, 50).
        Accept = "thu_ly",
        /// Initial handling of a denunciation (Luật Tố cáo Art 24(1)).
        InitialHandling = "xu_ly_ban_dau",
        /// Transfer a denunciation outside our authority and tell the denouncer (Luật Tố
        /// cáo Art 24(2)).
        TransferDenunciation = "chuyen_don_to_cao",
        /// Resolve (Luật Khiếu nại Art 28, 37, 50; Luật Tố cáo Art 30).
        Resolve = "giai_quyet",
        /// Tell the denouncer of the acceptance (Luật Tố cáo Art 29(3)).
        NotifyAcceptance = "thong_bao_thu_ly",
        /// Send the complaint decision to the parties (Luật KN Art 32; 41(1); 56(2)).
        SendDecision = "gui_quyet_dinh",
        /// Make the second-round decision public (Luật KN Art 41(2)–(3); NĐ 124/2020).
        PublishDecision = "cong_khai_quyet_dinh",
        /// Tell the body that forwarded the petition the result (Luật TCD Art 27(2)).
        ReportToForwarder = "bao_ket_qua_noi_chuyen",
        /// Tell the citizen the result reported by the body we forwarded to (Luật TCD
        /// Art 28(2)).
        InformCitizenResult = "thong_bao_ket_qua_cong_dan",
        /// The unit's own target for proposals and feedback: not law (quy định nội bộ).
        InternalTarget = "muc_tieu_noi_bo",
        /// The citizen's: thời hiệu khiếu nại (Luật KN Art 9; disciplinary Art 48).
        TimeLimit = "thoi_hieu_khieu_nai",
        /// The citizen's: the time to file the second complaint (Luật KN Art 33(1); 48).
        SecondComplaint = "thoi_han_khieu_nai_lan_2",
    }
);

/// Who must act by a due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The unit: stored per case, on the board, counted in the alerts.
    Unit,
    /// The citizen (a limit of their right): shown on the case, never on the board.
    Citizen,
}

impl Obligation {
    pub fn holder(self) -> Holder {
        match self {
            Obligation::TimeLimit | Obligation::SecondComplaint => Holder::Citizen,
            _ => Holder::Unit,
        }
    }
}

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
        /// The date of the decision (the resolve step's date).
        Decided = "decided",
        /// The complainant's receipt of the first-round decision (Luật KN Art 48).
        FirstDecision = "first_decision",
        /// The receipt of the first-round decision, or the end of the first-round limit when
        /// no decision came (Luật KN Art 33(1)).
        FirstDecisionOrLimit = "first_decision_or_limit",
        /// The complainant received or learned of the decision or act (Luật KN Art 9, 48).
        Learned = "learned",
        /// The receiving body's notice of the result arrived (Luật TCD Art 28(2)).
        ResultNotice = "result_notice",
    }
);

/// One rule of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: i64,
    pub obligation: Obligation,
    /// None: any type (likewise for round, complex, remote, disciplinary, dismissal and
    /// multi_site).
    pub case_type: Option<CaseType>,
    pub round: Option<u8>,
    pub complex: Option<bool>,
    pub remote: Option<bool>,
    /// A complaint against a disciplinary decision (Luật KN Art 47–58).
    pub disciplinary: Option<bool>,
    /// … a disciplinary decision of dismissal (buộc thôi việc, Art 48).
    pub dismissal: Option<bool>,
    /// A denunciation verified at several places or by delegation (Luật TC Art 24(1)).
    pub multi_site: Option<bool>,
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
    /// The unit's own rule, not law (quy định nội bộ).
    pub internal: bool,
    /// Applied: an internal rule is off until the unit sets it; the law always applies.
    pub active: bool,
}

impl Rule {
    fn matches(&self, c: &CaseClock, on: NaiveDate) -> bool {
        self.active
            && self.case_type.is_none_or(|t| t == c.case_type)
            && self.round.is_none_or(|r| r == c.round)
            && self.complex.is_none_or(|x| x == c.complex)
            && self.remote.is_none_or(|x| x == c.remote)
            && self.disciplinary.is_none_or(|x| x == c.disciplinary)
            && self.dismissal.is_none_or(|x| x == c.dismissal)
            && self.multi_site.is_none_or(|x| x == c.multi_site)
            && self.effective_from <= on
            && self.effective_to.is_none_or(|to| on <= to)
    }

    fn specificity(&self) -> usize {
        [
            self.case_type.is_some(),
            self.round.is_some(),
            self.complex.is_some(),
            self.remote.is_some(),
            self.disciplinary.is_some(),
            self.dismissal.is_some(),
            self.multi_site.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }
}

/// Which duties a case tracks: those started by a step recorded after the book began to
/// track them (a book upgraded from a version that never asked is not flooded with its
/// past decisions, all "overdue").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tracked {
    /// Duties starting at the acceptance (telling the denouncer).
    pub accepted: bool,
    /// Duties starting at the decision (sending, publishing, telling the forwarder).
    pub decided: bool,
    /// Duties starting at the receiving body's notice (telling the citizen).
    pub result_notice: bool,
}

impl Default for Tracked {
    fn default() -> Tracked {
        Tracked {
            accepted: true,
            decided: true,
            result_notice: true,
        }
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
    /// Especially complex (đặc biệt phức tạp, NĐ 31/2019 Art 3(3)).
    pub very_complex: bool,
    /// Verification at several places or delegated (Luật TC Art 24(1)).
    pub multi_site: bool,
    /// A complaint against a disciplinary decision (Luật KN Art 47–58) …
    pub disciplinary: bool,
    /// … of dismissal (buộc thôi việc).
    pub dismissal: bool,
    /// Forwarded to us by another body (Luật TCD Art 27(2)).
    pub forwarded: bool,
    /// A second-round case was opened from this one.
    pub reopened: bool,
    /// The date of the decision (giải quyết).
    pub resolved_on: Option<NaiveDate>,
    /// The date the decision was sent to the parties, as recorded.
    pub decision_sent_on: Option<NaiveDate>,
    /// The date the receiving body's notice of the result arrived.
    pub result_notice_on: Option<NaiveDate>,
    /// The complainant received or learned of the decision or act complained about.
    pub learned_on: Option<NaiveDate>,
    /// Days an obstacle kept the complainant from complaining (not counted, Art 9, 48).
    pub obstacle_days: u32,
    pub done: Done,
    pub tracked: Tracked,
}

impl CaseClock {
    /// A new case of `case_type` received on `received_on` at a reception, first round,
    /// nothing else known yet.
    pub fn new(case_type: CaseType, received_on: NaiveDate) -> CaseClock {
        CaseClock {
            case_type,
            status: CaseStatus::New,
            round: 1,
            complex: false,
            remote: false,
            extensions: 0,
            received_on,
            accepted_on: None,
            from_visit: true,
            very_complex: false,
            multi_site: false,
            disciplinary: false,
            dismissal: false,
            forwarded: false,
            reopened: false,
            resolved_on: None,
            decision_sent_on: None,
            result_notice_on: None,
            learned_on: None,
            obstacle_days: 0,
            done: Done::default(),
            tracked: Tracked::default(),
        }
    }
}

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

/// A skipped day, as a fact: a weekend (worded when shown) or a holiday by its name.
fn skipped(day: NaiveDate, n: NonWorking) -> Skipped {
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

/// Count `days` from `start` on `basis` (first day not counted); returns the due date and
/// the explanation's counting part.
pub fn count(
    cal: &Calendar,
    start: NaiveDate,
    days: u32,
    basis: DayBasis,
) -> (NaiveDate, NaiveDate, Vec<Skipped>, Vec<NaiveDate>, bool) {
    let mut skipped_days = Vec::new();
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
                    Some(n) => skipped_days.push(skipped(d, n)),
                }
            }
            (d, d, skipped_days, worked, false)
        }
        DayBasis::Calendar => {
            let nominal = start + Duration::days(i64::from(days));
            let mut d = nominal;
            while let Some(n) = cal.non_working(d) {
                skipped_days.push(skipped(d, n));
                d += Duration::days(1);
            }
            (d, nominal, skipped_days, worked, d != nominal)
        }
    }
}

/// Does the obligation arise from the case's facts at all (whatever its status)? The rules
/// then decide by type, round and the rest.
fn applies(o: Obligation, c: &CaseClock) -> bool {
    let kn = c.case_type == CaseType::KhieuNai;
    let tc = c.case_type == CaseType::ToCao;
    match o {
        Obligation::ReplyCitizen => c.from_visit,
        Obligation::Accept => kn,
        Obligation::InitialHandling | Obligation::TransferDenunciation => tc,
        Obligation::Resolve | Obligation::InternalTarget => true,
        Obligation::NotifyAcceptance => tc && c.tracked.accepted,
        Obligation::SendDecision | Obligation::PublishDecision => kn && c.tracked.decided,
        Obligation::ReportToForwarder => c.forwarded && c.tracked.decided,
        Obligation::InformCitizenResult => c.tracked.result_notice,
        Obligation::TimeLimit | Obligation::SecondComplaint => kn && c.round == 1,
    }
}

/// Is the unit's obligation still open in the case's current state? (The citizen's limits
/// are never "open": they are shown, not tracked.)
pub fn is_open(o: Obligation, c: &CaseClock) -> bool {
    use CaseStatus as S;
    let s = c.status;
    let d = c.done;
    match o {
        Obligation::ReplyCitizen => matches!(
            s,
            S::New | S::AwaitingAcceptance | S::OutsideAuthority | S::NotEligible
        ),
        Obligation::Accept | Obligation::InitialHandling => {
            matches!(s, S::New | S::AwaitingAcceptance)
        }
        Obligation::TransferDenunciation => s == S::OutsideAuthority,
        Obligation::Resolve => s == S::InProgress,
        Obligation::NotifyAcceptance => s == S::InProgress && !d.acceptance_notified,
        Obligation::SendDecision => s == S::Resolved && !d.decision_sent,
        Obligation::PublishDecision => s == S::Resolved && !d.published,
        Obligation::ReportToForwarder => s == S::Resolved && !d.forwarder_informed,
        Obligation::InformCitizenResult => s == S::Transferred && !d.citizen_informed,
        Obligation::InternalTarget => matches!(s, S::New | S::AwaitingAcceptance | S::InProgress),
        Obligation::TimeLimit | Obligation::SecondComplaint => false,
    }
}

/// The date a start event resolves to for this case, and which date it is (the
/// explanation's `start_event`); `earlier` are the dues computed before (the first-round
/// limit).
fn start_of(e: StartEvent, c: &CaseClock, earlier: &[Due]) -> Option<(NaiveDate, &'static str)> {
    let received = || {
        c.decision_sent_on
            .map(|d| (d, "decision_sent"))
            .or(c.resolved_on.map(|d| (d, "decision_date")))
    };
    match e {
        StartEvent::Received => Some((c.received_on, "received")),
        StartEvent::Accepted => c.accepted_on.map(|d| (d, "accepted")),
        StartEvent::Decided => c.resolved_on.map(|d| (d, "decided")),
        StartEvent::FirstDecision => received(),
        StartEvent::FirstDecisionOrLimit => received().or_else(|| {
            earlier
                .iter()
                .find(|d| d.obligation == Obligation::Resolve)
                .map(|d| (d.due_on, "resolve_limit"))
        }),
        StartEvent::Learned => c.learned_on.map(|d| (d, "learned")),
        StartEvent::ResultNotice => c.result_notice_on.map(|d| (d, "result_notice")),
    }
}

/// One obligation by the most specific rule in force on its start date (`start` overrides
/// the rule's start event: a receipt recorded elsewhere).
pub(crate) fn compute(
    o: Obligation,
    c: &CaseClock,
    rules: &[Rule],
    cal: &Calendar,
    earlier: &[Due],
    start: Option<(NaiveDate, &'static str)>,
) -> Option<Due> {
    let (rule, start, kind) = rules
        .iter()
        .filter(|r| r.obligation == o)
        .filter_map(|r| {
            let (start, kind) = start.or_else(|| start_of(r.start, c, earlier))?;
            r.matches(c, start).then_some((r, start, kind))
        })
        .max_by_key(|(r, ..)| (r.specificity(), r.effective_from))?;
    let ext: Vec<u32> = if o == Obligation::Resolve {
        (0..c.extensions.min(2))
            .map(|_| rule.extension_days)
            .filter(|d| *d > 0)
            .collect()
    } else {
        Vec::new()
    };
    let excluded = if o.holder() == Holder::Citizen {
        c.obstacle_days
    } else {
        0
    };
    let total = rule.days + ext.iter().sum::<u32>() + excluded;
    let (due, nominal, skipped, worked, rolled) = count(cal, start, total, rule.basis);
    Some(Due {
        obligation: o,
        due_on: due,
        explanation: Explanation {
            rule_id: rule.id,
            article: rule.article.clone(),
            start_event: kind.to_owned(),
            start_on: start,
            basis: rule.basis.code().to_owned(),
            days: rule.days,
            extensions: ext,
            excluded_days: excluded,
            nominal_end: nominal,
            skipped,
            worked_weekends: worked,
            rolled_forward: rolled,
            unconfirmed: rule.unconfirmed,
            internal: rule.internal,
            change: None,
        },
    })
}

/// Every obligation that follows from the case's facts (whatever its status), the unit's
/// and the citizen's, each by the most specific rule in force on its start date.
pub fn obligations(c: &CaseClock, rules: &[Rule], cal: &Calendar) -> Vec<Due> {
    let mut out: Vec<Due> = Vec::new();
    for o in Obligation::ALL {
        if applies(*o, c)
            && let Some(due) = compute(*o, c, rules, cal, &out, None)
        {
            out.push(due);
        }
    }
    out
}

/// The unit's obligations still open in the case's state (what is stored and on the board).
pub fn open_obligations(c: &CaseClock, rules: &[Rule], cal: &Calendar) -> Vec<Due> {
    obligations(c, rules, cal)
        .into_iter()
        .filter(|d| is_open(d.obligation, c))
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
