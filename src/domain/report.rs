//! Period reports (DOMAIN.md §5): the reporting periods of TT 01/2024/TT-TTCP, the counting
//! rules, and the official data tables as data.
//!
//! The store hands over plain facts (one per visit, session and case, never a name); this
//! module decides what every figure counts. Each figure is a [`Measure`]: a sum of terms, each
//! term a filter over one kind of fact and a metric. The official tables are constant lists
//! of numbered columns, each with its measure or the reason the book cannot fill it
//! ([`Gap`]). The same measure that counts a figure lists the records behind it
//! ([`Report::trace`]), so a figure and its records can never disagree. Every rendering (the
//! pane, text, CSV, JSON, XLSX) is drawn from one computed [`Report`].
//!
//! Counting rules, each written once and named by the forms and columns it serves:
//! - first or repeat reception of a matter: [`VisitFact::repeat`] and [`matters`];
//! - a group (đoàn đông người): [`VisitFact::is_group`];
//! - carried over from the previous period, received in the period: [`CaseLife`];
//! - resolved on time: [`CaseLife::on_time`] (the deadline engine's giải quyết due date).

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::calendar::Calendar;
use super::case::{Action, CaseStatus, CaseType, Outcome};
use super::deadline::{self, CaseClock, Obligation, Rule};
use super::visit::{Handling, PetitionType, ReceptionForm};

// ---- periods -------------------------------------------------------------------------------

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

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
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

// ---- facts ---------------------------------------------------------------------------------

/// A visit as the report sees it: no name, no content, only what is counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFact {
    pub id: i64,
    pub day: NaiveDate,
    /// The time of day, in minutes after midnight.
    pub minute: u16,
    pub session_id: i64,
    pub form: ReceptionForm,
    pub people: u32,
    pub petition_type: PetitionType,
    pub field_id: i64,
    pub handling: Handling,
    /// Written petitions handed in at this visit.
    pub petitions: u32,
    /// Who came, as a number only: with the type and field it names the matter.
    pub citizen_id: i64,
    /// Rule "tiếp nhiều lần" (01/TCD, Vụ việc: tiếp lần đầu / tiếp nhiều lần): the citizen
    /// had been received before on the same matter — an earlier visit (by day, time and
    /// entry order) of the same citizen with the same petition type and field, in or before
    /// the period. The same rule marks "↻ lần N" in a citizen's history.
    pub repeat: bool,
    /// A dense number of the matter (citizen, type, field), given by [`Report::compute`].
    pub matter: u32,
}

impl VisitFact {
    /// Rule "đoàn đông người" (01/TCD, columns Đoàn đông người): a visit of at least
    /// `threshold` people (a setting, 5 by default: Luật TCD Art 29, TT 07/2014 Art 6(4);
    /// the statistical threshold is UNCONFIRMED, DOMAIN.md §2.5).
    pub fn is_group(&self, threshold: u32) -> bool {
        self.people >= threshold
    }

    fn matter_key(&self) -> (i64, PetitionType, i64) {
        (self.citizen_id, self.petition_type, self.field_id)
    }
}

/// A reception session (kỳ/cuộc tiếp).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFact {
    pub id: i64,
    pub day: NaiveDate,
    pub form: ReceptionForm,
    /// The leader who presided (định kỳ, đột xuất).
    pub presiding: String,
}

/// One step of a case's timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseStep {
    pub day: NaiveDate,
    pub action: Action,
    pub to_status: CaseStatus,
}

/// A case as the report sees it: its facts and its timeline up to the end of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFact {
    pub id: i64,
    pub case_type: CaseType,
    pub round: u8,
    pub field_id: i64,
    pub column: String,
    /// Received at a reception visit (else in writing: post, forwarded, other).
    pub from_visit: bool,
    pub received_on: NaiveDate,
    /// Remote area as recorded now (marked at intake, or later by a step).
    pub remote: bool,
    pub outcome: Option<Outcome>,
    /// Steps in entry order, those on or before the period's end only.
    pub steps: Vec<CaseStep>,
}

/// Whether a case was classified within our authority, outside it, or not eligible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classified {
    Own,
    NotOwn,
    Ineligible,
}

/// What a case's timeline says about it in one period. The rules of "kỳ trước chuyển
/// sang" and "tiếp nhận trong kỳ" (01/XLD columns 2 and 5; 01/KQGQ, 03/KQGQ columns 2 and
/// 3) and "đúng / quá thời hạn" (01/KQGQ, 03/KQGQ: việc chấp hành thời hạn giải quyết) live
/// here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseLife {
    /// Rule "tiếp nhận trong kỳ": received on a day of the period.
    pub received: bool,
    /// Rule "kỳ trước chuyển sang": received before the period and still open (not resolved,
    /// transferred, guided, returned, filed, withdrawn or refused) at the end of the day
    /// before it.
    pub carried_over: bool,
    /// The first classification on or before the period's end.
    pub classified: Option<Classified>,
    /// Classified (or closed without classification) on or before the period's end.
    pub processed: bool,
    pub accepted_on: Option<NaiveDate>,
    /// The step that closed the case (on or before the period's end), and its day.
    pub closed: Option<(NaiveDate, CaseStatus)>,
    /// Status at the end of the period.
    pub status_at_end: CaseStatus,
    pub resolved_in_period: bool,
    pub withdrawn_in_period: bool,
    pub refused_in_period: bool,
    pub transferred_in_period: bool,
    pub guided_in_period: bool,
    /// Urged (đôn đốc) at least once in the period.
    pub urged_in_period: bool,
    /// Rule "đúng thời hạn" (01/KQGQ, 03/KQGQ): resolved in the period on or before the due
    /// date of its giải quyết obligation, as the deadline engine computes it from the case's
    /// facts at resolution (type, round, complex, remote, extensions, acceptance day) with
    /// the book's rules and calendar. None when not resolved in the period (or no rule).
    pub on_time: Option<bool>,
    /// That due date.
    pub resolve_due: Option<NaiveDate>,
    /// Rule "quá hạn" (summary): open at the period's end (or today, if earlier) with an
    /// open obligation whose due date has passed — the same obligations and due dates as
    /// the deadline board.
    pub overdue_at_end: bool,
    /// Petitions on this matter: the first, and those joined to it (bổ sung) by the end.
    pub petitions: u32,
}

impl CaseLife {
    /// The case belongs to the period's book: carried over or received in it.
    pub fn in_book(&self) -> bool {
        self.carried_over || self.received
    }

    pub fn own(&self) -> bool {
        self.classified == Some(Classified::Own)
    }

    pub fn open_at_end(&self) -> bool {
        self.status_at_end.is_open()
    }
}

/// The deadline rules and the calendar the on-time and overdue rules use.
pub struct DeadlineBook<'a> {
    pub rules: &'a [Rule],
    pub calendar: &'a Calendar,
}

fn status_at(c: &CaseFact, day: NaiveDate) -> CaseStatus {
    c.steps
        .iter()
        .rfind(|s| s.day <= day)
        .map(|s| s.to_status)
        .unwrap_or(CaseStatus::New)
}

/// The facts a deadline depends on, as they stood at the end of `day`.
fn clock_at(c: &CaseFact, day: NaiveDate) -> CaseClock {
    let upto = || c.steps.iter().filter(move |s| s.day <= day);
    let remote_step = c.steps.iter().find(|s| s.action == Action::MarkRemote);
    CaseClock {
        case_type: c.case_type,
        status: status_at(c, day),
        round: c.round,
        complex: upto().any(|s| s.action == Action::MarkComplex),
        remote: c.remote && remote_step.is_none_or(|s| s.day <= day),
        extensions: upto().filter(|s| s.action == Action::Extend).count() as u32,
        received_on: c.received_on,
        accepted_on: upto().find(|s| s.action == Action::Accept).map(|s| s.day),
        from_visit: c.from_visit,
        very_complex: upto().any(|s| s.action == Action::MarkVeryComplex),
        multi_site: upto().any(|s| s.action == Action::MarkMultiSite),
        resolved_on: upto().find(|s| s.action == Action::Resolve).map(|s| s.day),
        // What the report's facts do not carry (a disciplinary complaint's own limits, the
        // time-bar facts) stays as for an administrative complaint.
        ..CaseClock::new(c.case_type, c.received_on)
    }
}

/// What a case's timeline says in `period`; `as_of` is the day overdue is judged on (the
/// period's end, or today when the period is not over).
pub fn case_life(c: &CaseFact, period: &Period, as_of: NaiveDate, book: &DeadlineBook) -> CaseLife {
    let in_period = |d: NaiveDate| period.contains(d);
    let steps = || c.steps.iter().filter(|s| s.day <= period.to);
    let classified = steps().find_map(|s| match s.action {
        Action::ClassifyOwn => Some(Classified::Own),
        Action::ClassifyNotOwn => Some(Classified::NotOwn),
        Action::ClassifyIneligible => Some(Classified::Ineligible),
        _ => None,
    });
    let closed = steps()
        .find(|s| !s.to_status.is_open())
        .map(|s| (s.day, s.to_status));
    let closed_in = |st: CaseStatus| closed.is_some_and(|(d, s)| s == st && in_period(d));
    let before = period.from - Duration::days(1);
    let carried_over = c.received_on < period.from && status_at(c, before).is_open();
    let resolved_in_period = closed_in(CaseStatus::Resolved);
    let accepted_on = steps().find(|s| s.action == Action::Accept).map(|s| s.day);
    let (on_time, resolve_due) = if resolved_in_period {
        let day = closed.map(|(d, _)| d).expect("closed");
        // The facts just before the resolution step (its status was in progress).
        let clock = CaseClock {
            status: CaseStatus::InProgress,
            ..clock_at(c, day)
        };
        let due = deadline::obligations(&clock, book.rules, book.calendar)
            .into_iter()
            .find(|d| d.obligation == Obligation::Resolve)
            .map(|d| d.due_on);
        (due.map(|due| day <= due), due)
    } else {
        (None, None)
    };
    let status_at_end = status_at(c, period.to);
    let judge = as_of.min(period.to);
    let overdue_at_end = status_at_end.is_open() && {
        let clock = clock_at(c, judge);
        clock.status.is_open()
            && deadline::open_obligations(&clock, book.rules, book.calendar)
                .iter()
                .any(|d| d.due_on < judge)
    };
    CaseLife {
        received: in_period(c.received_on),
        carried_over,
        classified,
        processed: classified.is_some() || closed.is_some(),
        accepted_on,
        closed,
        status_at_end,
        resolved_in_period,
        withdrawn_in_period: closed_in(CaseStatus::Withdrawn),
        refused_in_period: closed_in(CaseStatus::Refused),
        transferred_in_period: closed_in(CaseStatus::Transferred),
        guided_in_period: closed_in(CaseStatus::Guided),
        urged_in_period: c
            .steps
            .iter()
            .any(|s| s.action == Action::Urge && in_period(s.day)),
        on_time,
        resolve_due,
        overdue_at_end,
        petitions: 1 + steps().filter(|s| s.action == Action::AddPetition).count() as u32,
    }
}

// ---- measures ------------------------------------------------------------------------------

/// Reception forms a visit filter accepts.
pub const REGULAR: &[ReceptionForm] = &[ReceptionForm::ThuongXuyen];
/// Periodic and ad hoc reception by the head (01/TCD: tiếp định kỳ và đột xuất).
pub const PERIODIC: &[ReceptionForm] = &[ReceptionForm::DinhKy, ReceptionForm::DotXuat];
pub const DINH_KY: &[ReceptionForm] = &[ReceptionForm::DinhKy];
pub const DOT_XUAT: &[ReceptionForm] = &[ReceptionForm::DotXuat];
pub const ONLINE: &[ReceptionForm] = &[ReceptionForm::TrucTuyen];

pub const T_KN: &[PetitionType] = &[PetitionType::KhieuNai];
pub const T_TC: &[PetitionType] = &[PetitionType::ToCao];
pub const T_KNPA: &[PetitionType] = &[PetitionType::KienNghi, PetitionType::PhanAnh];

/// Desk handling "thuộc thẩm quyền" (02/TCD): accepted for resolution (thụ lý).
pub const H_OWN: &[Handling] = &[Handling::ThuLy];
/// Desk handling "không thuộc thẩm quyền" (02/TCD): guided, transferred or urged.
pub const H_NOT_OWN: &[Handling] = &[Handling::HuongDan, Handling::ChuyenDon, Handling::DonDoc];
pub const H_GUIDE: &[Handling] = &[Handling::HuongDan];
pub const H_TRANSFER: &[Handling] = &[Handling::ChuyenDon];
pub const H_URGE: &[Handling] = &[Handling::DonDoc];
pub const H_ANSWER: &[Handling] = &[Handling::TraLoi];
pub const H_FILE: &[Handling] = &[Handling::LuuDon];

pub const C_KN: &[CaseType] = &[CaseType::KhieuNai];
pub const C_TC: &[CaseType] = &[CaseType::ToCao];
pub const C_KNPA: &[CaseType] = &[CaseType::KienNghiPhanAnh];

/// A filter over visits; None means any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VisitWhere {
    pub forms: Option<&'static [ReceptionForm]>,
    pub group: Option<bool>,
    pub types: Option<&'static [PetitionType]>,
    pub handlings: Option<&'static [Handling]>,
    /// Only visits that handed in at least one written petition.
    pub with_petitions: bool,
    /// One field (the summary's by-field figures).
    pub field_id: Option<i64>,
}

impl VisitWhere {
    pub const ALL: VisitWhere = VisitWhere {
        forms: None,
        group: None,
        types: None,
        handlings: None,
        with_petitions: false,
        field_id: None,
    };

    fn accepts(&self, v: &VisitFact, threshold: u32) -> bool {
        self.forms.is_none_or(|f| f.contains(&v.form))
            && self.group.is_none_or(|g| g == v.is_group(threshold))
            && self.types.is_none_or(|t| t.contains(&v.petition_type))
            && self.handlings.is_none_or(|h| h.contains(&v.handling))
            && (!self.with_petitions || v.petitions > 0)
            && self.field_id.is_none_or(|f| f == v.field_id)
    }
}

/// What is counted over the visits a filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitMetric {
    /// Lượt tiếp: one per visit.
    Visits,
    /// Người: the people who came (a group counts all its members).
    People,
    /// Đơn: the written petitions handed in.
    Petitions,
    /// Vụ việc: distinct matters (citizen, type, field) among the visits.
    Matters,
    /// Vụ việc tiếp lần đầu: matters whose first visit among them had no earlier one.
    MattersFirst,
    /// Vụ việc tiếp nhiều lần: matters whose first visit among them was a repeat.
    MattersRepeat,
    /// Kỳ / cuộc tiếp: distinct sessions the visits belong to.
    Sessions,
}

/// Which cases of the book a case filter starts from, and what must hold of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseCond {
    /// Carried over or received in the period.
    InBook,
    CarriedOver,
    Received,
    /// Received in writing outside reception (post, forwarded, other) in the period.
    ReceivedWritten,
    /// In the book, classified or closed by the period's end (01/XLD: đã xử lý).
    Processed,
    /// In the book, classified eligible (within or outside our authority).
    Eligible,
    /// In the book, classified within our authority (thuộc thẩm quyền).
    Own,
    /// In the book, classified within our authority, and carried over.
    OwnCarriedOver,
    /// In the book, classified within our authority, and received in the period.
    OwnReceived,
    /// In the book, classified outside our authority.
    NotOwn,
    /// In the book, not yet classified at the period's end.
    Unclassified,
    /// Own authority, resolved in the period (by decision or conclusion).
    Resolved,
    /// Own authority, resolved in the period with this outcome.
    ResolvedWith(Outcome),
    /// Own authority, resolved in the period on time.
    OnTime,
    /// Own authority, resolved in the period after its due date.
    Late,
    /// Own authority, withdrawn in the period.
    Withdrawn,
    /// Own authority, acceptance refused in the period.
    Refused,
    /// Own authority, open at the period's end.
    OpenAtEnd,
    /// Own authority, accepted and still being resolved at the period's end.
    InProgressAtEnd,
    /// Own authority, open at the end and not yet accepted.
    NotStartedAtEnd,
    /// Own authority, open at the end and overdue.
    Overdue,
    /// Transferred to the competent body in the period.
    Transferred,
    /// Guided to the competent body in the period.
    Guided,
    /// Urged (đôn đốc) in the period.
    Urged,
}

impl CaseCond {
    fn holds(self, l: &CaseLife, c: &CaseFact) -> bool {
        use CaseCond as K;
        let own = l.in_book() && l.own();
        match self {
            K::InBook => l.in_book(),
            K::CarriedOver => l.carried_over,
            K::Received => l.received,
            K::ReceivedWritten => l.received && !c.from_visit,
            K::Processed => l.in_book() && l.processed,
            K::Eligible => {
                l.in_book() && matches!(l.classified, Some(Classified::Own | Classified::NotOwn))
            }
            K::Own => own,
            K::OwnCarriedOver => own && l.carried_over,
            K::OwnReceived => own && l.received,
            K::NotOwn => l.in_book() && l.classified == Some(Classified::NotOwn),
            K::Unclassified => l.in_book() && !l.processed,
            K::Resolved => own && l.resolved_in_period,
            K::ResolvedWith(o) => own && l.resolved_in_period && c.outcome == Some(o),
            K::OnTime => own && l.on_time == Some(true),
            K::Late => own && l.on_time == Some(false),
            K::Withdrawn => own && l.withdrawn_in_period,
            K::Refused => own && l.refused_in_period,
            K::OpenAtEnd => own && l.open_at_end(),
            K::InProgressAtEnd => own && l.status_at_end == CaseStatus::InProgress,
            K::NotStartedAtEnd => {
                own && l.open_at_end() && l.status_at_end != CaseStatus::InProgress
            }
            K::Overdue => own && l.overdue_at_end,
            K::Transferred => l.transferred_in_period,
            K::Guided => l.guided_in_period,
            K::Urged => l.urged_in_period,
        }
    }
}

/// A filter over cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseWhere {
    pub cond: CaseCond,
    pub types: Option<&'static [CaseType]>,
    pub round: Option<u8>,
    /// Official report columns (the fields that roll up to them).
    pub columns: Option<&'static [&'static str]>,
    pub field_id: Option<i64>,
}

impl CaseWhere {
    pub const fn new(cond: CaseCond) -> CaseWhere {
        CaseWhere {
            cond,
            types: None,
            round: None,
            columns: None,
            field_id: None,
        }
    }

    fn accepts(&self, c: &CaseFact, l: &CaseLife) -> bool {
        self.types.is_none_or(|t| t.contains(&c.case_type))
            && self.round.is_none_or(|r| r == c.round)
            && self
                .columns
                .is_none_or(|cols| cols.contains(&c.column.as_str()))
            && self.field_id.is_none_or(|f| f == c.field_id)
            && self.cond.holds(l, c)
    }
}

/// What is counted over the cases a filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMetric {
    /// Vụ việc: one per case.
    Cases,
    /// Đơn: the case's first petition and those joined to it.
    Petitions,
}

/// One term of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    Visits(VisitWhere, VisitMetric),
    Cases(CaseWhere, CaseMetric),
}

/// A figure's rule: the sum of its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub terms: Vec<Term>,
}

impl Measure {
    pub fn visits(w: VisitWhere, m: VisitMetric) -> Measure {
        Measure {
            terms: vec![Term::Visits(w, m)],
        }
    }

    pub fn cases(w: CaseWhere, m: CaseMetric) -> Measure {
        Measure {
            terms: vec![Term::Cases(w, m)],
        }
    }

    pub fn plus(mut self, t: Term) -> Measure {
        self.terms.push(t);
        self
    }
}

/// The distinct matters among `visits` (in day order), each with its first visit there:
/// the rule of 01/TCD "vụ việc" — a matter is one citizen's petitions of one type in one
/// field; it counts as "tiếp nhiều lần" when its first visit here was a repeat. `n` is the
/// number of matters numbered by [`number_matters`].
pub fn matters<'a>(visits: impl Iterator<Item = &'a VisitFact>, n: usize) -> Vec<&'a VisitFact> {
    let mut seen = vec![0u64; n.div_ceil(64)];
    let mut out = Vec::new();
    for v in visits {
        let (w, b) = (v.matter as usize / 64, v.matter % 64);
        if seen[w] & (1 << b) == 0 {
            seen[w] |= 1 << b;
            out.push(v);
        }
    }
    out
}

/// Number the matters of `visits` densely (0, 1, …); returns how many there are.
pub fn number_matters(visits: &mut [VisitFact]) -> usize {
    let mut ids: HashMap<(i64, PetitionType, i64), u32> = HashMap::with_capacity(visits.len());
    for v in visits.iter_mut() {
        let next = ids.len() as u32;
        v.matter = *ids.entry(v.matter_key()).or_insert(next);
    }
    ids.len()
}

// ---- the official tables -------------------------------------------------------------------

/// Why the book cannot fill a column (shown empty and marked, never invented).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gap {
    /// Whether the leader who presided is the head or a deputy by delegation is not recorded.
    Delegation,
    /// Replies to forwarded petitions are not recorded.
    Replies,
    /// The number of people who signed a petition is not recorded.
    Signers,
    /// Money recovered or returned is not recorded.
    Money,
    /// Land recovered or returned (m²) is not recorded.
    Land,
    /// People and organizations whose rights were restored are not recorded.
    RightsRestored,
    /// Administrative sanctions proposed are not recorded.
    Sanctions,
    /// Cases sent to investigators are not recorded.
    Investigation,
    /// A court judgment on the matter is not recorded.
    CourtJudgment,
    /// A "tố cáo tiếp" (denouncing again after a conclusion) is not marked.
    RepeatDenunciation,
    /// How a matter stood before it came to us is free text (cơ quan đã giải quyết).
    PriorStatus,
}

/// A column's header, level by level (mapped to its words by the catalog).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Head {
    Total,
    Regular,
    Periodic,
    Groups,
    Visits,
    People,
    Matters,
    MattersFirst,
    MattersRepeat,
    Sessions,
    GroupCount,
    ByHead,
    ByDelegate,
    Petitions,
    Cases,
    ByContent,
    KhieuNai,
    ToCao,
    KienNghiPhanAnh,
    ByAuthority,
    Own,
    NotOwn,
    NotOwnResult,
    Guided,
    Transferred,
    Urged,
    Replies,
    CarriedOver,
    ReceivedInPeriod,
    ManySigners,
    OneSigner,
    Processed,
    Eligible,
    PriorStatus,
    Result,
    ByField,
    Administrative,
    PolicyRegime,
    LandHousing,
    CivilService,
    Other,
    Corruption,
    Judicial,
    PartyUnions,
    Land,
    FirstRound,
    SecondRound,
    ByStatus,
    Resolved,
    InProgress,
    NotStarted,
    CourtJudgment,
    RepeatDenunciation,
    Withdrawn,
    ByDecision,
    Analysis,
    Justified,
    Unjustified,
    PartlyJustified,
    Upheld,
    Overturned,
    Recovered,
    Returned,
    MoneyMillion,
    LandM2,
    RightsRestored,
    Sanctions,
    Investigation,
    Deadline,
    OnTime,
    Late,
    Unit,
}

/// One numbered column of an official table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDef {
    /// The column's number as printed (1, 2, …).
    pub no: u16,
    /// The header path, outer level first.
    pub head: Vec<Head>,
    /// The rule that fills it, or why the book cannot.
    pub spec: Result<Measure, Gap>,
}

/// The official tables of DOMAIN.md §5.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    Tcd01,
    Tcd02,
    Xld01,
    Xld02,
    Xld03,
    Xld04,
    Kqgq01,
    Kqgq03,
}

impl Form {
    pub const ALL: [Form; 8] = [
        Form::Tcd01,
        Form::Tcd02,
        Form::Xld01,
        Form::Xld02,
        Form::Xld03,
        Form::Xld04,
        Form::Kqgq01,
        Form::Kqgq03,
    ];

    /// The form's number as printed: `01/TCD`.
    pub fn code(self) -> &'static str {
        match self {
            Form::Tcd01 => "01/TCD",
            Form::Tcd02 => "02/TCD",
            Form::Xld01 => "01/XLD",
            Form::Xld02 => "02/XLD",
            Form::Xld03 => "03/XLD",
            Form::Xld04 => "04/XLD",
            Form::Kqgq01 => "01/KQGQ",
            Form::Kqgq03 => "03/KQGQ",
        }
    }

    pub fn from_code(s: &str) -> Option<Form> {
        let s = s.trim().to_ascii_uppercase().replace(['-', '_'], "/");
        Form::ALL.into_iter().find(|f| f.code() == s)
    }

    /// The numbered columns of the form.
    pub fn columns(self) -> Vec<ColumnDef> {
        match self {
            Form::Tcd01 => tcd01(),
            Form::Tcd02 => tcd02(),
            Form::Xld01 => xld01(),
            Form::Xld02 => by_field(C_KN, XLD02_FIELDS, XLD02_STATUS),
            Form::Xld03 => by_field(C_TC, XLD03_FIELDS, XLD03_STATUS),
            Form::Xld04 => by_field(C_KNPA, XLD04_FIELDS, XLD04_STATUS),
            Form::Kqgq01 => kqgq(C_KN),
            Form::Kqgq03 => kqgq(C_TC),
        }
    }
}

fn vis(w: VisitWhere, m: VisitMetric) -> Result<Measure, Gap> {
    Ok(Measure::visits(w, m))
}

fn cas(w: CaseWhere, m: CaseMetric) -> Result<Measure, Gap> {
    Ok(Measure::cases(w, m))
}

/// Numbers columns in order.
fn numbered(cols: Vec<(Vec<Head>, Result<Measure, Gap>)>) -> Vec<ColumnDef> {
    cols.into_iter()
        .enumerate()
        .map(|(i, (head, spec))| ColumnDef {
            no: i as u16 + 1,
            head,
            spec,
        })
        .collect()
}

/// 01/TCD — Tổng hợp kết quả tiếp công dân thường xuyên, định kỳ và đột xuất.
fn tcd01() -> Vec<ColumnDef> {
    use Head as H;
    use VisitMetric as M;
    let w = |forms: Option<&'static [ReceptionForm]>, group: Option<bool>| VisitWhere {
        forms,
        group,
        ..VisitWhere::ALL
    };
    let block = |top: H, forms: &'static [ReceptionForm]| {
        let mut v = vec![];
        if top == H::Periodic {
            v.push((
                vec![top, H::Sessions],
                vis(w(Some(forms), None), M::Sessions),
            ));
        }
        v.extend([
            (vec![top, H::Visits], vis(w(Some(forms), None), M::Visits)),
            (vec![top, H::People], vis(w(Some(forms), None), M::People)),
            (
                vec![top, H::Matters, H::MattersFirst],
                vis(w(Some(forms), None), M::MattersFirst),
            ),
            (
                vec![top, H::Matters, H::MattersRepeat],
                vis(w(Some(forms), None), M::MattersRepeat),
            ),
            (
                vec![top, H::Groups, H::GroupCount],
                vis(w(Some(forms), Some(true)), M::Visits),
            ),
            (
                vec![top, H::Groups, H::People],
                vis(w(Some(forms), Some(true)), M::People),
            ),
            (
                vec![top, H::Groups, H::MattersFirst],
                vis(w(Some(forms), Some(true)), M::MattersFirst),
            ),
            (
                vec![top, H::Groups, H::MattersRepeat],
                vis(w(Some(forms), Some(true)), M::MattersRepeat),
            ),
        ]);
        v
    };
    let mut cols = vec![
        (vec![H::Total, H::Visits], vis(VisitWhere::ALL, M::Visits)),
        (vec![H::Total, H::People], vis(VisitWhere::ALL, M::People)),
        (vec![H::Total, H::Matters], vis(VisitWhere::ALL, M::Matters)),
    ];
    cols.extend(block(H::Regular, REGULAR));
    cols.extend(block(H::Periodic, PERIODIC));
    cols.push((vec![H::Periodic, H::ByHead], Err(Gap::Delegation)));
    cols.push((vec![H::Periodic, H::ByDelegate], Err(Gap::Delegation)));
    numbered(cols)
}

/// 02/TCD — Phân loại, xử lý đơn qua tiếp công dân. Đơn: written petitions handed in at the
/// visits; vụ việc: the matters of the visits.
fn tcd02() -> Vec<ColumnDef> {
    use Head as H;
    use VisitMetric as M;
    let t = |types| VisitWhere {
        types: Some(types),
        ..VisitWhere::ALL
    };
    let h = |handlings| VisitWhere {
        handlings: Some(handlings),
        ..VisitWhere::ALL
    };
    numbered(vec![
        (
            vec![H::Total, H::Petitions],
            vis(VisitWhere::ALL, M::Petitions),
        ),
        (vec![H::Total, H::Cases], vis(VisitWhere::ALL, M::Matters)),
        (
            vec![H::ByContent, H::KhieuNai, H::Petitions],
            vis(t(T_KN), M::Petitions),
        ),
        (
            vec![H::ByContent, H::KhieuNai, H::Cases],
            vis(t(T_KN), M::Matters),
        ),
        (
            vec![H::ByContent, H::ToCao, H::Petitions],
            vis(t(T_TC), M::Petitions),
        ),
        (
            vec![H::ByContent, H::ToCao, H::Cases],
            vis(t(T_TC), M::Matters),
        ),
        (
            vec![H::ByContent, H::KienNghiPhanAnh, H::Petitions],
            vis(t(T_KNPA), M::Petitions),
        ),
        (
            vec![H::ByContent, H::KienNghiPhanAnh, H::Cases],
            vis(t(T_KNPA), M::Matters),
        ),
        (
            vec![H::ByAuthority, H::Own, H::Petitions],
            vis(h(H_OWN), M::Petitions),
        ),
        (
            vec![H::ByAuthority, H::Own, H::Cases],
            vis(h(H_OWN), M::Matters),
        ),
        (
            vec![H::ByAuthority, H::NotOwn, H::Petitions],
            vis(h(H_NOT_OWN), M::Petitions),
        ),
        (
            vec![H::ByAuthority, H::NotOwn, H::Cases],
            vis(h(H_NOT_OWN), M::Matters),
        ),
        (
            vec![H::NotOwnResult, H::Guided],
            vis(h(H_GUIDE), M::Matters),
        ),
        (
            vec![H::NotOwnResult, H::Transferred],
            vis(h(H_TRANSFER), M::Matters),
        ),
        (vec![H::NotOwnResult, H::Urged], vis(h(H_URGE), M::Matters)),
        (vec![H::Replies], Err(Gap::Replies)),
    ])
}

/// 01/XLD — Tổng hợp kết quả xử lý đơn (the petitions of the queue: at reception and in
/// writing). Đơn: a case and the petitions joined to it; vụ việc: the case.
fn xld01() -> Vec<ColumnDef> {
    use CaseCond as K;
    use CaseMetric as M;
    use Head as H;
    let k = CaseWhere::new;
    let kt = |cond, types| CaseWhere {
        types: Some(types),
        ..CaseWhere::new(cond)
    };
    numbered(vec![
        (vec![H::Total], cas(k(K::InBook), M::Petitions)),
        (
            vec![H::CarriedOver, H::Total],
            cas(k(K::CarriedOver), M::Petitions),
        ),
        (vec![H::CarriedOver, H::ManySigners], Err(Gap::Signers)),
        (vec![H::CarriedOver, H::OneSigner], Err(Gap::Signers)),
        (
            vec![H::ReceivedInPeriod, H::Total],
            cas(k(K::Received), M::Petitions),
        ),
        (vec![H::ReceivedInPeriod, H::ManySigners], Err(Gap::Signers)),
        (vec![H::ReceivedInPeriod, H::OneSigner], Err(Gap::Signers)),
        (vec![H::Processed], cas(k(K::Processed), M::Petitions)),
        (
            vec![H::Eligible, H::Petitions],
            cas(k(K::Eligible), M::Petitions),
        ),
        (vec![H::Eligible, H::Cases], cas(k(K::Eligible), M::Cases)),
        (
            vec![H::ByContent, H::KhieuNai],
            cas(kt(K::Eligible, C_KN), M::Cases),
        ),
        (
            vec![H::ByContent, H::ToCao],
            cas(kt(K::Eligible, C_TC), M::Cases),
        ),
        (
            vec![H::ByContent, H::KienNghiPhanAnh],
            cas(kt(K::Eligible, C_KNPA), M::Cases),
        ),
        (vec![H::PriorStatus], Err(Gap::PriorStatus)),
        (
            vec![H::Result, H::Own, H::KhieuNai],
            cas(kt(K::Own, C_KN), M::Cases),
        ),
        (
            vec![H::Result, H::Own, H::ToCao],
            cas(kt(K::Own, C_TC), M::Cases),
        ),
        (
            vec![H::Result, H::Own, H::KienNghiPhanAnh],
            cas(kt(K::Own, C_KNPA), M::Cases),
        ),
        (
            vec![H::Result, H::NotOwn, H::Guided],
            cas(k(K::Guided), M::Cases),
        ),
        (
            vec![H::Result, H::NotOwn, H::Transferred],
            cas(k(K::Transferred), M::Cases),
        ),
        (
            vec![H::Result, H::NotOwn, H::Urged],
            cas(k(K::Urged), M::Cases),
        ),
        (vec![H::Replies], Err(Gap::Replies)),
    ])
}

/// The by-field columns of 02/XLD (khiếu nại): official columns and the report columns
/// (`report_columns.code`) that roll up to each.
pub const XLD02_FIELDS: &[(&[Head], &[&str])] = &[
    (
        &[Head::Administrative, Head::PolicyRegime],
        &["hc_chinh_sach"],
    ),
    (
        &[Head::Administrative, Head::LandHousing],
        &["hc_dat_dai_nha_cua"],
    ),
    (
        &[Head::Administrative, Head::Other],
        &["hc_cong_chuc_cong_vu", "hc_khac"],
    ),
    (&[Head::Judicial], &["tu_phap"]),
    (&[Head::PartyUnions], &["dang_doan_the"]),
    (&[Head::Other], &["tham_nhung", "khac"]),
];
/// 03/XLD (tố cáo).
pub const XLD03_FIELDS: &[(&[Head], &[&str])] = &[
    (
        &[Head::Administrative, Head::PolicyRegime],
        &["hc_chinh_sach"],
    ),
    (
        &[Head::Administrative, Head::LandHousing],
        &["hc_dat_dai_nha_cua"],
    ),
    (
        &[Head::Administrative, Head::CivilService],
        &["hc_cong_chuc_cong_vu"],
    ),
    (&[Head::Administrative, Head::Other], &["hc_khac"]),
    (&[Head::Corruption], &["tham_nhung"]),
    (&[Head::Judicial], &["tu_phap"]),
    (&[Head::PartyUnions], &["dang_doan_the"]),
    (&[Head::Other], &["khac"]),
];
/// 04/XLD (kiến nghị, phản ánh).
pub const XLD04_FIELDS: &[(&[Head], &[&str])] = &[
    (&[Head::PolicyRegime], &["hc_chinh_sach"]),
    (&[Head::Land], &["hc_dat_dai_nha_cua"]),
    (&[Head::Judicial], &["tu_phap"]),
    (
        &[Head::Other],
        &[
            "hc_cong_chuc_cong_vu",
            "hc_khac",
            "tham_nhung",
            "dang_doan_the",
            "khac",
        ],
    ),
];
/// The status columns of each by-field table (own authority, at the period's end), and the
/// column the book cannot fill.
const XLD02_STATUS: Option<Gap> = Some(Gap::CourtJudgment);
const XLD03_STATUS: Option<Gap> = Some(Gap::RepeatDenunciation);
const XLD04_STATUS: Option<Gap> = None;

/// 02/XLD, 03/XLD, 04/XLD — eligible petitions of one type by field, authority and status.
fn by_field(
    types: &'static [CaseType],
    fields: &'static [(&'static [Head], &'static [&'static str])],
    gap: Option<Gap>,
) -> Vec<ColumnDef> {
    use CaseCond as K;
    use CaseMetric as M;
    use Head as H;
    let w = |cond| CaseWhere {
        types: Some(types),
        ..CaseWhere::new(cond)
    };
    let mut cols = vec![(vec![H::Total], cas(w(K::Eligible), M::Cases))];
    for (head, columns) in fields {
        let mut h = vec![H::ByField];
        h.extend_from_slice(head);
        cols.push((
            h,
            cas(
                CaseWhere {
                    columns: Some(columns),
                    ..w(K::Eligible)
                },
                M::Cases,
            ),
        ));
    }
    if types == C_KN {
        let r = |round| CaseWhere {
            round: Some(round),
            ..w(K::Own)
        };
        cols.push((
            vec![H::ByAuthority, H::Own, H::FirstRound],
            cas(r(1), M::Cases),
        ));
        cols.push((
            vec![H::ByAuthority, H::Own, H::SecondRound],
            cas(r(2), M::Cases),
        ));
    } else {
        cols.push((vec![H::ByAuthority, H::Own], cas(w(K::Own), M::Cases)));
    }
    cols.push((vec![H::ByAuthority, H::NotOwn], cas(w(K::NotOwn), M::Cases)));
    cols.push((
        vec![H::ByStatus, H::Resolved],
        cas(w(K::Resolved), M::Cases),
    ));
    cols.push((
        vec![H::ByStatus, H::InProgress],
        cas(w(K::InProgressAtEnd), M::Cases),
    ));
    cols.push((
        vec![H::ByStatus, H::NotStarted],
        cas(w(K::NotStartedAtEnd), M::Cases),
    ));
    if let Some(g) = gap {
        let head = match g {
            Gap::CourtJudgment => H::CourtJudgment,
            _ => H::RepeatDenunciation,
        };
        cols.push((vec![H::ByStatus, head], Err(g)));
    }
    numbered(cols)
}

/// 01/KQGQ (khiếu nại) and 03/KQGQ (tố cáo) — resolved within our own authority.
fn kqgq(types: &'static [CaseType]) -> Vec<ColumnDef> {
    use CaseCond as K;
    use CaseMetric as M;
    use Head as H;
    let w = |cond| CaseWhere {
        types: Some(types),
        ..CaseWhere::new(cond)
    };
    let round = |cond, r| CaseWhere {
        round: Some(r),
        ..w(cond)
    };
    let complaint = types == C_KN;
    let mut cols = vec![
        (vec![H::Own, H::Petitions], cas(w(K::Own), M::Petitions)),
        (vec![H::Own, H::Cases], cas(w(K::Own), M::Cases)),
        (
            vec![H::Own, H::CarriedOver],
            cas(w(K::OwnCarriedOver), M::Cases),
        ),
        (
            vec![H::Own, H::ReceivedInPeriod],
            cas(w(K::OwnReceived), M::Cases),
        ),
        (
            vec![H::Resolved, H::Total],
            Ok(Measure::cases(w(K::Resolved), M::Cases)
                .plus(Term::Cases(w(K::Withdrawn), M::Cases))),
        ),
        (
            vec![H::Resolved, H::ByDecision],
            cas(w(K::Resolved), M::Cases),
        ),
        (
            vec![H::Resolved, H::Withdrawn],
            cas(w(K::Withdrawn), M::Cases),
        ),
    ];
    let outcome = |o, r: Option<u8>| match r {
        Some(r) => cas(round(K::ResolvedWith(o), r), M::Cases),
        None => cas(w(K::ResolvedWith(o)), M::Cases),
    };
    let first = if complaint { Some(1) } else { None };
    let lead = if complaint {
        vec![H::Analysis, H::FirstRound]
    } else {
        vec![H::Analysis]
    };
    for (h, o) in [
        (H::Justified, Outcome::Dung),
        (H::Unjustified, Outcome::Sai),
        (H::PartlyJustified, Outcome::DungMotPhan),
    ] {
        let mut head = lead.clone();
        head.push(h);
        cols.push((head, outcome(o, first)));
    }
    if complaint {
        // A second-round complaint found unjustified upholds the first decision; found
        // justified or partly justified, the first decision is annulled or amended.
        cols.push((
            vec![H::Analysis, H::SecondRound, H::Upheld],
            outcome(Outcome::Sai, Some(2)),
        ));
        cols.push((
            vec![H::Analysis, H::SecondRound, H::Overturned],
            Ok(
                Measure::cases(round(K::ResolvedWith(Outcome::Dung), 2), M::Cases).plus(
                    Term::Cases(round(K::ResolvedWith(Outcome::DungMotPhan), 2), M::Cases),
                ),
            ),
        ));
    } else {
        cols.push((
            vec![H::Analysis, H::RepeatDenunciation],
            Err(Gap::RepeatDenunciation),
        ));
    }
    cols.extend([
        (vec![H::Recovered, H::MoneyMillion], Err(Gap::Money)),
        (vec![H::Recovered, H::LandM2], Err(Gap::Land)),
        (vec![H::Returned, H::MoneyMillion], Err(Gap::Money)),
        (vec![H::Returned, H::LandM2], Err(Gap::Land)),
        (
            vec![H::Returned, H::RightsRestored],
            Err(Gap::RightsRestored),
        ),
        (vec![H::Sanctions], Err(Gap::Sanctions)),
        (vec![H::Investigation], Err(Gap::Investigation)),
        (vec![H::Deadline, H::OnTime], cas(w(K::OnTime), M::Cases)),
        (vec![H::Deadline, H::Late], cas(w(K::Late), M::Cases)),
    ]);
    numbered(cols)
}

// ---- the summary ---------------------------------------------------------------------------

/// The figures of the summary, with the stable keys of the JSON `summary` object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure {
    Sessions,
    SessionsRegular,
    SessionsPeriodic,
    SessionsAdHoc,
    SessionsOnline,
    Visits,
    People,
    GroupVisits,
    GroupPeople,
    /// Written petitions received: handed in at visits, and received in writing.
    Petitions,
    PetitionsKhieuNai,
    PetitionsToCao,
    PetitionsKienNghiPhanAnh,
    CasesReceived,
    CasesCarriedOver,
    CasesUnclassified,
    CasesOwnAuthority,
    CasesResolved,
    CasesResolvedOnTime,
    CasesResolvedLate,
    CasesWithdrawn,
    CasesRefused,
    CasesOpen,
    CasesOverdue,
    CasesNotOwn,
    Transferred,
    Guided,
    DeskGuided,
    DeskTransferred,
    DeskUrged,
    DeskAnswered,
    DeskFiled,
}

impl Figure {
    pub const ALL: &'static [Figure] = &[
        Figure::Sessions,
        Figure::SessionsRegular,
        Figure::SessionsPeriodic,
        Figure::SessionsAdHoc,
        Figure::SessionsOnline,
        Figure::Visits,
        Figure::People,
        Figure::GroupVisits,
        Figure::GroupPeople,
        Figure::Petitions,
        Figure::PetitionsKhieuNai,
        Figure::PetitionsToCao,
        Figure::PetitionsKienNghiPhanAnh,
        Figure::CasesReceived,
        Figure::CasesCarriedOver,
        Figure::CasesUnclassified,
        Figure::CasesOwnAuthority,
        Figure::CasesResolved,
        Figure::CasesResolvedOnTime,
        Figure::CasesResolvedLate,
        Figure::CasesWithdrawn,
        Figure::CasesRefused,
        Figure::CasesOpen,
        Figure::CasesOverdue,
        Figure::CasesNotOwn,
        Figure::Transferred,
        Figure::Guided,
        Figure::DeskGuided,
        Figure::DeskTransferred,
        Figure::DeskUrged,
        Figure::DeskAnswered,
        Figure::DeskFiled,
    ];

    /// The key in the JSON `summary` object (and for `--explain`).
    pub fn key(self) -> &'static str {
        use Figure as F;
        match self {
            F::Sessions => "sessions",
            F::SessionsRegular => "sessions_regular",
            F::SessionsPeriodic => "sessions_periodic",
            F::SessionsAdHoc => "sessions_ad_hoc",
            F::SessionsOnline => "sessions_online",
            F::Visits => "visits",
            F::People => "people",
            F::GroupVisits => "group_visits",
            F::GroupPeople => "group_people",
            F::Petitions => "petitions",
            F::PetitionsKhieuNai => "petitions_khieu_nai",
            F::PetitionsToCao => "petitions_to_cao",
            F::PetitionsKienNghiPhanAnh => "petitions_kien_nghi_phan_anh",
            F::CasesReceived => "cases_received",
            F::CasesCarriedOver => "cases_carried_over",
            F::CasesUnclassified => "cases_unclassified",
            F::CasesOwnAuthority => "cases_own_authority",
            F::CasesResolved => "cases_resolved",
            F::CasesResolvedOnTime => "cases_resolved_on_time",
            F::CasesResolvedLate => "cases_resolved_late",
            F::CasesWithdrawn => "cases_withdrawn",
            F::CasesRefused => "cases_refused",
            F::CasesOpen => "cases_open",
            F::CasesOverdue => "cases_overdue",
            F::CasesNotOwn => "cases_not_own_authority",
            F::Transferred => "transferred",
            F::Guided => "guided",
            F::DeskGuided => "desk_guided",
            F::DeskTransferred => "desk_transferred",
            F::DeskUrged => "desk_urged",
            F::DeskAnswered => "desk_answered",
            F::DeskFiled => "desk_filed",
        }
    }

    pub fn from_key(s: &str) -> Option<Figure> {
        let s = s.trim().trim_start_matches("summary.");
        Figure::ALL.iter().copied().find(|f| f.key() == s)
    }

    /// The figure's rule.
    pub fn measure(self) -> Measure {
        use CaseCond as K;
        use CaseMetric as CM;
        use Figure as F;
        use VisitMetric as M;
        let vf = |forms| VisitWhere {
            forms: Some(forms),
            ..VisitWhere::ALL
        };
        let vh = |h| VisitWhere {
            handlings: Some(h),
            ..VisitWhere::ALL
        };
        let group = VisitWhere {
            group: Some(true),
            ..VisitWhere::ALL
        };
        let k = CaseWhere::new;
        let petitions = |types: &'static [PetitionType], cases: &'static [CaseType]| {
            Measure::visits(
                VisitWhere {
                    types: Some(types),
                    with_petitions: true,
                    ..VisitWhere::ALL
                },
                M::Petitions,
            )
            .plus(Term::Cases(
                CaseWhere {
                    types: Some(cases),
                    ..k(K::ReceivedWritten)
                },
                CM::Petitions,
            ))
        };
        match self {
            F::Sessions => Measure::visits(VisitWhere::ALL, M::Sessions),
            F::SessionsRegular => Measure::visits(vf(REGULAR), M::Sessions),
            F::SessionsPeriodic => Measure::visits(vf(DINH_KY), M::Sessions),
            F::SessionsAdHoc => Measure::visits(vf(DOT_XUAT), M::Sessions),
            F::SessionsOnline => Measure::visits(vf(ONLINE), M::Sessions),
            F::Visits => Measure::visits(VisitWhere::ALL, M::Visits),
            F::People => Measure::visits(VisitWhere::ALL, M::People),
            F::GroupVisits => Measure::visits(group, M::Visits),
            F::GroupPeople => Measure::visits(group, M::People),
            F::Petitions => Measure::visits(
                VisitWhere {
                    with_petitions: true,
                    ..VisitWhere::ALL
                },
                M::Petitions,
            )
            .plus(Term::Cases(k(K::ReceivedWritten), CM::Petitions)),
            F::PetitionsKhieuNai => petitions(T_KN, C_KN),
            F::PetitionsToCao => petitions(T_TC, C_TC),
            F::PetitionsKienNghiPhanAnh => petitions(T_KNPA, C_KNPA),
            F::CasesReceived => Measure::cases(k(K::Received), CM::Cases),
            F::CasesCarriedOver => Measure::cases(k(K::CarriedOver), CM::Cases),
            F::CasesUnclassified => Measure::cases(k(K::Unclassified), CM::Cases),
            F::CasesOwnAuthority => Measure::cases(k(K::Own), CM::Cases),
            F::CasesResolved => Measure::cases(k(K::Resolved), CM::Cases),
            F::CasesResolvedOnTime => Measure::cases(k(K::OnTime), CM::Cases),
            F::CasesResolvedLate => Measure::cases(k(K::Late), CM::Cases),
            F::CasesWithdrawn => Measure::cases(k(K::Withdrawn), CM::Cases),
            F::CasesRefused => Measure::cases(k(K::Refused), CM::Cases),
            F::CasesOpen => Measure::cases(k(K::OpenAtEnd), CM::Cases),
            F::CasesOverdue => Measure::cases(k(K::Overdue), CM::Cases),
            F::CasesNotOwn => Measure::cases(k(K::NotOwn), CM::Cases),
            F::Transferred => Measure::visits(vh(H_TRANSFER), M::Visits)
                .plus(Term::Cases(k(K::Transferred), CM::Cases)),
            F::Guided => {
                Measure::visits(vh(H_GUIDE), M::Visits).plus(Term::Cases(k(K::Guided), CM::Cases))
            }
            F::DeskGuided => Measure::visits(vh(H_GUIDE), M::Visits),
            F::DeskTransferred => Measure::visits(vh(H_TRANSFER), M::Visits),
            F::DeskUrged => Measure::visits(vh(H_URGE), M::Visits),
            F::DeskAnswered => Measure::visits(vh(H_ANSWER), M::Visits),
            F::DeskFiled => Measure::visits(vh(H_FILE), M::Visits),
        }
    }
}

/// A percentage rounded to one decimal, None when the base is zero.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

// ---- the report ----------------------------------------------------------------------------

/// Everything the store read for a period: the facts, and the names the report prints.
#[derive(Debug, Clone, Default)]
pub struct Book {
    pub visits: Vec<VisitFact>,
    pub sessions: Vec<SessionFact>,
    pub cases: Vec<CaseFact>,
    /// The fields (id, code, name, report column), in display order.
    pub fields: Vec<(i64, String, String, String)>,
    /// The official report columns (code, name): the upper level of the field taxonomy.
    pub columns: Vec<(String, String)>,
    pub threshold: u32,
}

/// A figure one can point at: a summary figure, a field's petitions, or a table's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Figure(Figure),
    FieldPetitions(i64),
    Cell(Form, u16),
}

impl Target {
    /// `visits`, `summary.cases_resolved`, `petitions.dat_dai` (a field's code),
    /// `01/TCD.4`, `01-TCD:4`.
    pub fn parse(s: &str, fields: &[(i64, String, String, String)]) -> Option<Target> {
        let s = s.trim();
        if let Some(f) = Figure::from_key(s) {
            return Some(Target::Figure(f));
        }
        if let Some(code) = s.strip_prefix("petitions.") {
            return fields
                .iter()
                .find(|f| f.1 == code)
                .map(|f| Target::FieldPetitions(f.0));
        }
        let (form, no) = s.rsplit_once(['.', ':', '#'])?;
        let form = Form::from_code(form)?;
        let no: u16 = no.trim().parse().ok()?;
        form.columns()
            .iter()
            .any(|c| c.no == no)
            .then_some(Target::Cell(form, no))
    }

    /// The stable key of the figure (the inverse of `parse`).
    pub fn key(&self, fields: &[(i64, String, String, String)]) -> String {
        match self {
            Target::Figure(f) => f.key().to_owned(),
            Target::FieldPetitions(id) => format!(
                "petitions.{}",
                fields
                    .iter()
                    .find(|f| f.0 == *id)
                    .map(|f| f.1.as_str())
                    .unwrap_or("?")
            ),
            Target::Cell(form, no) => format!("{}.{no}", form.code()),
        }
    }
}

/// Where a record behind a figure lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Record {
    Visit(i64),
    Case(i64),
}

/// One figure: its value and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub no: u16,
    pub head: Vec<Head>,
    /// None: the book cannot fill it (see `spec`).
    pub value: Option<u64>,
    pub spec: Result<Measure, Gap>,
}

/// One official table, filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub form: Form,
    pub cells: Vec<Cell>,
}

/// Petitions received in one field (the summary "by field, the fields named").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldFigure {
    pub field_id: i64,
    pub code: String,
    pub name: String,
    pub petitions: u64,
    pub visits: u64,
}

impl FieldFigure {
    /// The rule of this field's petitions (as `Figure::Petitions`, in one field).
    pub fn measure(field_id: i64) -> Measure {
        Measure::visits(
            VisitWhere {
                with_petitions: true,
                field_id: Some(field_id),
                ..VisitWhere::ALL
            },
            VisitMetric::Petitions,
        )
        .plus(Term::Cases(
            CaseWhere {
                field_id: Some(field_id),
                ..CaseWhere::new(CaseCond::ReceivedWritten)
            },
            CaseMetric::Petitions,
        ))
    }

    pub fn visits_measure(field_id: i64) -> Measure {
        Measure::visits(
            VisitWhere {
                field_id: Some(field_id),
                ..VisitWhere::ALL
            },
            VisitMetric::Visits,
        )
    }
}

/// A computed period report: the one value every rendering draws from.
#[derive(Debug, Clone)]
pub struct Report {
    pub period: Period,
    /// The day overdue is judged on (the period's end, or today if earlier).
    pub as_of: NaiveDate,
    pub threshold: u32,
    pub summary: Vec<(Figure, u64)>,
    /// Sessions by presiding leader (định kỳ, đột xuất): (name, sessions).
    pub presiding: Vec<(String, u64)>,
    pub by_field: Vec<FieldFigure>,
    pub tables: Vec<Table>,
    pub fields: Vec<(i64, String, String, String)>,
    pub columns: Vec<(String, String)>,
    visits: Vec<VisitFact>,
    n_matters: usize,
    cases: Vec<(CaseFact, CaseLife)>,
    case_at: HashMap<i64, usize>,
}

impl Report {
    /// Count every figure of the period from the book's facts.
    pub fn compute(book: Book, period: Period, today: NaiveDate, dl: &DeadlineBook) -> Report {
        let as_of = today.min(period.to);
        let mut visits = book.visits;
        visits.retain(|v| period.contains(v.day));
        visits.sort_by_key(|v| (v.day, v.minute, v.id));
        let n_matters = number_matters(&mut visits);
        let cases: Vec<(CaseFact, CaseLife)> = book
            .cases
            .into_iter()
            .map(|c| {
                let l = case_life(&c, &period, as_of, dl);
                (c, l)
            })
            .filter(|(_, l)| l.in_book())
            .collect();
        let mut r = Report {
            period,
            as_of,
            threshold: book.threshold,
            summary: vec![],
            presiding: vec![],
            by_field: vec![],
            tables: vec![],
            fields: book.fields.clone(),
            columns: book.columns.clone(),
            visits,
            n_matters,
            case_at: cases
                .iter()
                .enumerate()
                .map(|(i, (c, _))| (c.id, i))
                .collect(),
            cases,
        };
        r.summary = Figure::ALL
            .iter()
            .map(|f| (*f, r.count(&f.measure())))
            .collect();
        let used: std::collections::HashSet<i64> = r.visits.iter().map(|v| v.session_id).collect();
        let mut presiding: HashMap<String, u64> = HashMap::new();
        for s in book.sessions.iter().filter(|s| used.contains(&s.id)) {
            if s.form.needs_presiding() && !s.presiding.is_empty() {
                *presiding.entry(s.presiding.clone()).or_default() += 1;
            }
        }
        let mut presiding: Vec<_> = presiding.into_iter().collect();
        presiding.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        r.presiding = presiding;
        r.by_field = book
            .fields
            .iter()
            .map(|(id, code, name, _)| FieldFigure {
                field_id: *id,
                code: code.clone(),
                name: name.clone(),
                petitions: r.count(&FieldFigure::measure(*id)),
                visits: r.count(&FieldFigure::visits_measure(*id)),
            })
            .collect();
        r.tables = Form::ALL
            .iter()
            .map(|form| Table {
                form: *form,
                cells: form
                    .columns()
                    .into_iter()
                    .map(|c| Cell {
                        no: c.no,
                        value: c.spec.as_ref().ok().map(|m| r.count(m)),
                        head: c.head,
                        spec: c.spec,
                    })
                    .collect(),
            })
            .collect();
        r
    }

    /// The rule of a target, or why the book cannot fill it.
    pub fn target_measure(&self, t: &Target) -> Result<Measure, Gap> {
        match t {
            Target::Figure(f) => Ok(f.measure()),
            Target::FieldPetitions(id) => Ok(FieldFigure::measure(*id)),
            Target::Cell(form, no) => form
                .columns()
                .into_iter()
                .find(|c| c.no == *no)
                .map(|c| c.spec)
                .unwrap_or(Err(Gap::PriorStatus)),
        }
    }

    /// A target's value (None: the book cannot fill it).
    pub fn target_value(&self, t: &Target) -> Option<u64> {
        self.target_measure(t).ok().map(|m| self.count(&m))
    }

    /// The name of a field, by id.
    pub fn field_name(&self, id: i64) -> String {
        self.fields
            .iter()
            .find(|f| f.0 == id)
            .map(|f| f.2.clone())
            .unwrap_or_default()
    }

    /// The name of a report column, by code.
    pub fn column_name(&self, code: &str) -> String {
        self.columns
            .iter()
            .find(|c| c.0 == code)
            .map(|c| c.1.clone())
            .unwrap_or_else(|| code.to_owned())
    }

    /// A summary figure's value.
    pub fn figure(&self, f: Figure) -> u64 {
        self.summary
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, v)| *v)
            .unwrap_or(0)
    }

    pub fn table(&self, form: Form) -> Option<&Table> {
        self.tables.iter().find(|t| t.form == form)
    }

    /// The cell `no` of a form.
    pub fn cell(&self, form: Form, no: u16) -> Option<&Cell> {
        self.table(form)?.cells.iter().find(|c| c.no == no)
    }

    /// Resolved within own authority, as a percentage of the cases to resolve.
    pub fn resolved_rate(&self) -> Option<f64> {
        percent(
            self.figure(Figure::CasesResolved),
            self.figure(Figure::CasesOwnAuthority),
        )
    }

    /// Resolved on time, as a percentage of those resolved that have a legal time limit
    /// (on time + late; kiến nghị, phản ánh have no statutory resolution limit, DOMAIN.md
    /// §3.2, and count in neither).
    pub fn on_time_rate(&self) -> Option<f64> {
        percent(
            self.figure(Figure::CasesResolvedOnTime),
            self.with_time_limit(),
        )
    }

    /// Resolved in the period with a legal time limit (on time + late).
    pub fn with_time_limit(&self) -> u64 {
        self.figure(Figure::CasesResolvedOnTime) + self.figure(Figure::CasesResolvedLate)
    }

    fn visit_terms<'a>(&'a self, w: &'a VisitWhere) -> impl Iterator<Item = &'a VisitFact> + 'a {
        self.visits
            .iter()
            .filter(move |v| w.accepts(v, self.threshold))
    }

    fn case_terms<'a>(
        &'a self,
        w: &'a CaseWhere,
    ) -> impl Iterator<Item = &'a (CaseFact, CaseLife)> + 'a {
        self.cases.iter().filter(move |(c, l)| w.accepts(c, l))
    }

    /// The value of a measure.
    pub fn count(&self, m: &Measure) -> u64 {
        m.terms.iter().map(|t| self.count_term(t)).sum()
    }

    fn count_term(&self, t: &Term) -> u64 {
        match t {
            Term::Visits(w, metric) => {
                let vs = self.visit_terms(w);
                match metric {
                    VisitMetric::Visits => vs.count() as u64,
                    VisitMetric::People => vs.map(|v| u64::from(v.people)).sum(),
                    VisitMetric::Petitions => vs.map(|v| u64::from(v.petitions)).sum(),
                    VisitMetric::Matters => matters(vs, self.n_matters).len() as u64,
                    VisitMetric::MattersFirst => matters(vs, self.n_matters)
                        .iter()
                        .filter(|v| !v.repeat)
                        .count() as u64,
                    VisitMetric::MattersRepeat => matters(vs, self.n_matters)
                        .iter()
                        .filter(|v| v.repeat)
                        .count() as u64,
                    VisitMetric::Sessions => {
                        let mut s: Vec<i64> = vs.map(|v| v.session_id).collect();
                        s.sort_unstable();
                        s.dedup();
                        s.len() as u64
                    }
                }
            }
            Term::Cases(w, metric) => {
                let cs = self.case_terms(w);
                match metric {
                    CaseMetric::Cases => cs.count() as u64,
                    CaseMetric::Petitions => cs.map(|(_, l)| u64::from(l.petitions)).sum(),
                }
            }
        }
    }

    /// The records behind a measure, each with what it adds to the figure. For matters, the
    /// first visit of each matter counted; for sessions, the first visit of each session.
    pub fn trace(&self, m: &Measure) -> Vec<(Record, u64)> {
        let mut out = Vec::new();
        for t in &m.terms {
            match t {
                Term::Visits(w, metric) => {
                    let vs = self.visit_terms(w);
                    let rows: Vec<(&VisitFact, u64)> = match metric {
                        VisitMetric::Visits => vs.map(|v| (v, 1)).collect(),
                        VisitMetric::People => vs.map(|v| (v, u64::from(v.people))).collect(),
                        VisitMetric::Petitions => vs.map(|v| (v, u64::from(v.petitions))).collect(),
                        VisitMetric::Matters => matters(vs, self.n_matters)
                            .into_iter()
                            .map(|v| (v, 1))
                            .collect(),
                        VisitMetric::MattersFirst => matters(vs, self.n_matters)
                            .into_iter()
                            .filter(|v| !v.repeat)
                            .map(|v| (v, 1))
                            .collect(),
                        VisitMetric::MattersRepeat => matters(vs, self.n_matters)
                            .into_iter()
                            .filter(|v| v.repeat)
                            .map(|v| (v, 1))
                            .collect(),
                        VisitMetric::Sessions => {
                            let mut seen = std::collections::HashSet::new();
                            vs.filter(|v| seen.insert(v.session_id))
                                .map(|v| (v, 1))
                                .collect()
                        }
                    };
                    out.extend(rows.into_iter().map(|(v, n)| (Record::Visit(v.id), n)));
                }
                Term::Cases(w, metric) => {
                    out.extend(self.case_terms(w).map(|(c, l)| {
                        let n = match metric {
                            CaseMetric::Cases => 1,
                            CaseMetric::Petitions => u64::from(l.petitions),
                        };
                        (Record::Case(c.id), n)
                    }));
                }
            }
        }
        out
    }

    /// The life of a case of the book in this period (for the records list).
    pub fn case_life(&self, id: i64) -> Option<&CaseLife> {
        self.case_at.get(&id).map(|i| &self.cases[*i].1)
    }

    /// Visits per calendar month of the period, for one field (None: all fields).
    pub fn visits_by_month(&self, field_id: Option<i64>) -> Vec<((i32, u32), u64)> {
        let mut out: Vec<((i32, u32), u64)> =
            self.period.months().into_iter().map(|m| (m, 0)).collect();
        for v in &self.visits {
            if field_id.is_some_and(|f| f != v.field_id) {
                continue;
            }
            let key = (v.day.year(), v.day.month());
            if let Some(e) = out.iter_mut().find(|(m, _)| *m == key) {
                e.1 += 1;
            }
        }
        out
    }

    /// Own-authority cases resolved per calendar month of the period: (month, resolved, on
    /// time).
    pub fn resolved_by_month(&self) -> Vec<((i32, u32), u64, u64)> {
        let mut out: Vec<((i32, u32), u64, u64)> = self
            .period
            .months()
            .into_iter()
            .map(|m| (m, 0, 0))
            .collect();
        for (_, l) in &self.cases {
            if !(l.own() && l.resolved_in_period) {
                continue;
            }
            let Some((day, _)) = l.closed else { continue };
            if let Some(e) = out
                .iter_mut()
                .find(|(m, _, _)| *m == (day.year(), day.month()))
            {
                e.1 += 1;
                if l.on_time == Some(true) {
                    e.2 += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_follow_tt_01_2024() {
        let p = |s: &str| Period::parse(s).map(|p| (p.from, p.to));
        assert_eq!(p("2026-q1"), Some((d(2025, 12, 15), d(2026, 3, 14))));
        assert_eq!(p("2026-Q2"), Some((d(2026, 3, 15), d(2026, 6, 14))));
        assert_eq!(p("2026-q3"), Some((d(2026, 6, 15), d(2026, 9, 14))));
        assert_eq!(p("2026-q4"), Some((d(2026, 9, 15), d(2026, 12, 14))));
        assert_eq!(p("2026-6t"), Some((d(2025, 12, 15), d(2026, 6, 14))));
        assert_eq!(p("2026-9t"), Some((d(2025, 12, 15), d(2026, 9, 14))));
        assert_eq!(p("2026"), Some((d(2025, 12, 15), d(2026, 12, 14))));
        assert_eq!(p("2026-11"), Some((d(2026, 11, 1), d(2026, 11, 30))));
        assert_eq!(p("2024-02"), Some((d(2024, 2, 1), d(2024, 2, 29))));
        assert_eq!(p("2026-q5"), None);
        assert_eq!(p("2026-13"), None);
        assert_eq!(p("26"), None);
    }

    #[test]
    fn periods_move_and_contain() {
        let q1 = Period::parse("2026-q1").unwrap();
        assert_eq!(q1.prev().code(), "2025-q4");
        assert_eq!(q1.next().code(), "2026-q2");
        assert_eq!(Period::parse("2026-12").unwrap().next().code(), "2027-01");
        // The 15th of December belongs to the next year's first quarter.
        let q = Period::containing(PeriodKind::Quarter(1), d(2025, 12, 15));
        assert_eq!(q.code(), "2026-q1");
        let q = Period::containing(PeriodKind::Quarter(1), d(2025, 12, 14));
        assert_eq!(q.code(), "2025-q4");
        assert_eq!(
            Period::containing(PeriodKind::Year, d(2026, 12, 15)).code(),
            "2027"
        );
        assert_eq!(
            Period::containing(PeriodKind::SixMonths, d(2026, 7, 1)).code(),
            "2027-6t"
        );
        assert_eq!(Period::parse("2026-q1").unwrap().months().len(), 4);
        let latest = |k, day| Period::latest(k, day).code();
        assert_eq!(latest(PeriodKind::Quarter(1), d(2026, 12, 1)), "2026-q4");
        assert_eq!(latest(PeriodKind::Quarter(1), d(2026, 12, 15)), "2027-q1");
        assert_eq!(latest(PeriodKind::SixMonths, d(2026, 12, 1)), "2026-6t");
        assert_eq!(latest(PeriodKind::Year, d(2026, 12, 1)), "2026");
        assert_eq!(latest(PeriodKind::Month(1), d(2026, 12, 1)), "2026-12");
    }

    #[test]
    fn every_table_is_numbered_from_one_without_gaps() {
        for f in Form::ALL {
            let cols = f.columns();
            for (i, c) in cols.iter().enumerate() {
                assert_eq!(c.no as usize, i + 1, "{f:?}");
                assert!(!c.head.is_empty());
            }
            assert_eq!(Form::from_code(f.code()), Some(f));
        }
    }

    #[test]
    fn every_report_column_rolls_up_once_in_each_by_field_table() {
        let all = [
            "hc_chinh_sach",
            "hc_dat_dai_nha_cua",
            "hc_cong_chuc_cong_vu",
            "hc_khac",
            "tham_nhung",
            "tu_phap",
            "dang_doan_the",
            "khac",
        ];
        for table in [XLD02_FIELDS, XLD03_FIELDS, XLD04_FIELDS] {
            for code in all {
                let n = table
                    .iter()
                    .filter(|(_, cols)| cols.contains(&code))
                    .count();
                assert_eq!(n, 1, "{code}");
            }
        }
    }
}
