//! The plain facts the store hands over (one per visit, session and case, never a name),
//! and a case's life in a period: carried over or received, classified, resolved on time.

use super::*;

/// Whose reception a visit belongs to (01/TCD's blocks): regular reception (thường xuyên,
/// and online reception, which has no presider), the head's periodic and ad hoc reception in
/// person, the same by a delegate, or a periodic or ad hoc session recorded before the mark
/// existed (whose columns the report then leaves empty, with the reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Block {
    Regular,
    Unmarked,
    Delegated,
    Head,
}

impl Block {
    /// Rule "khối tiếp" (01/TCD): the session's form and who presided it.
    pub fn of(form: ReceptionForm, role: Option<PresiderRole>) -> Block {
        match (form.needs_presiding(), role) {
            (false, _) => Block::Regular,
            (true, Some(PresiderRole::InPerson)) => Block::Head,
            (true, Some(PresiderRole::Delegated)) => Block::Delegated,
            (true, None) => Block::Unmarked,
        }
    }
}

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
    /// Who presided the visit's session (periodic and ad hoc sessions).
    pub role: Option<PresiderRole>,
    /// The visit opened a case or joined one (its petition is then counted by the case).
    pub linked: bool,
    /// The visit's block (01/TCD), from its session: see [`Block::of`].
    pub block: Block,
    /// Rule "một vụ việc tính một lần" (01/TCD: a regular-reception matter the head received
    /// is entered once, under the head): the visit is in its matter's block — the highest of
    /// the blocks its visits in the period belong to (head in person, then delegated, then
    /// unmarked, then regular). Only such visits count matters. Given by `Report::compute`.
    pub in_block: bool,
    /// The visit is its matter's last in the period: the one whose handling says where the
    /// matter went (02/TCD counts each matter once, by its latest handling). Given by
    /// `Report::compute`.
    pub last_of_matter: bool,
}

impl VisitFact {
    /// Reception refused (logged, not received).
    pub fn refused(&self) -> bool {
        self.handling == Handling::TuChoi
    }

    /// Rule "đoàn đông người" (01/TCD, columns Đoàn đông người): a visit of at least
    /// `threshold` people (a setting, 5 by default: Luật TCD Art 29, TT 07/2014 Art 6(4);
    /// the statistical threshold is UNCONFIRMED, DOMAIN.md §2.5).
    pub fn is_group(&self, threshold: u32) -> bool {
        self.people >= threshold
    }

    pub(super) fn matter_key(&self) -> (i64, PetitionType, i64) {
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
    /// As the head in person or a delegate (None: not recorded, or no presider).
    pub role: Option<PresiderRole>,
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

/// Where a case's handling (xử lý đơn) stands at the end of the period — each case in exactly
/// one, so the handling tables add up (01/XLD, 02/XLD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disposition {
    /// Not classified, still open.
    Unclassified,
    /// Closed without a classification (withdrawn or filed while new).
    ClosedUnclassified,
    /// Classified within our authority (its resolution is the resolution tables' business).
    Own,
    /// Classified outside our authority, nothing sent yet: not yet handled.
    NotOwnPending,
    /// Outside our authority: the citizen guided to the competent body (or the petition
    /// returned, with guidance, to the body that sent it by mistake).
    Guided,
    /// Outside our authority: forwarded to the competent body.
    Transferred,
    /// Forwarded, and the body then urged (đôn đốc).
    Urged,
    /// Not eligible for handling (guided, returned or filed afterwards).
    Ineligible,
}

impl Disposition {
    /// Handled (đã xử lý): classified or closed, and when outside our authority, sent on.
    pub fn processed(self) -> bool {
        !matches!(self, Disposition::Unclassified | Disposition::NotOwnPending)
    }

    /// Handled and eligible (đủ điều kiện xử lý): within our authority, or outside it and
    /// sent on.
    pub fn eligible(self) -> bool {
        matches!(
            self,
            Disposition::Own | Disposition::Guided | Disposition::Transferred | Disposition::Urged
        )
    }
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
    /// Where its handling stands at the end of the period.
    pub disposition: Disposition,
    /// Handled before the period began (classified or closed before its first day): a
    /// carried-over petition is handled again in the period only when it was not (02/XLD of
    /// TT 06/2025: "đơn kỳ trước chuyển sang chưa xử lý").
    pub processed_before: bool,
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

    /// The petitions handled in the period (02/XLD of TT 06/2025, and the resolution tables'
    /// columns 1–6): received in it, or carried over and not yet handled at its start.
    pub fn in_flow(&self) -> bool {
        self.received || (self.carried_over && !self.processed_before)
    }
}

/// The deadline rules and the calendar the on-time and overdue rules use.
pub struct DeadlineBook<'a> {
    pub rules: &'a [Rule],
    pub calendar: &'a Calendar,
}

pub(super) fn status_at(c: &CaseFact, day: NaiveDate) -> CaseStatus {
    c.steps
        .iter()
        .rfind(|s| s.day <= day)
        .map(|s| s.to_status)
        .unwrap_or(CaseStatus::New)
}

/// The facts a deadline depends on, as they stood at the end of `day`.
pub(super) fn clock_at(c: &CaseFact, day: NaiveDate) -> CaseClock {
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
        // Suspensions stop the resolution's clock (Luật TC Art 34(2); Luật KN Art 11a).
        pauses: upto().fold(Vec::new(), |mut pauses, s| {
            match s.action {
                Action::Suspend => pauses.push(deadline::Pause {
                    from: s.day,
                    to: None,
                }),
                Action::Continue => {
                    if let Some(p) = pauses.last_mut() {
                        p.to = Some(s.day);
                    }
                }
                _ => {}
            }
            pauses
        }),
        // The notices recorded by then close their duties, as on the board.
        done: upto().fold(crate::domain::case::Done::default(), |mut d, s| {
            match s.action {
                Action::NotifyAcceptance => d.acceptance_notified = true,
                Action::SendDecision => d.decision_sent = true,
                Action::PublishDecision => d.published = true,
                Action::ReportToForwarder => d.forwarder_informed = true,
                Action::ResultReceived => d.result_received = true,
                Action::InformCitizen => d.citizen_informed = true,
                Action::NotifyDenounced => d.denounced_notified = true,
                Action::ReportHandling => d.forwarder_handling_informed = true,
                _ => {}
            }
            d
        }),
        // What the report's facts do not carry (a disciplinary complaint's own limits, the
        // time-bar facts) stays as for an administrative complaint.
        ..CaseClock::new(c.case_type, c.received_on)
    }
}

/// Where a case's handling stood at the end of `day`.
pub fn disposition_at(c: &CaseFact, day: NaiveDate) -> Disposition {
    let steps = || c.steps.iter().filter(move |s| s.day <= day);
    let classified = steps().find_map(|s| match s.action {
        Action::ClassifyOwn => Some(Classified::Own),
        Action::ClassifyNotOwn => Some(Classified::NotOwn),
        Action::ClassifyIneligible => Some(Classified::Ineligible),
        _ => None,
    });
    let closed = steps()
        .find(|s| !s.to_status.is_open())
        .map(|s| s.to_status);
    match classified {
        None if closed.is_some() => Disposition::ClosedUnclassified,
        None => Disposition::Unclassified,
        Some(Classified::Own) => Disposition::Own,
        Some(Classified::Ineligible) => Disposition::Ineligible,
        Some(Classified::NotOwn) if steps().any(|s| s.action == Action::Urge) => Disposition::Urged,
        Some(Classified::NotOwn) => match closed {
            Some(CaseStatus::Transferred) => Disposition::Transferred,
            Some(CaseStatus::Guided | CaseStatus::Returned) => Disposition::Guided,
            _ => Disposition::NotOwnPending,
        },
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
    let disposition = disposition_at(c, period.to);
    let processed_before = c.received_on < period.from
        && disposition_at(c, period.from - Duration::days(1)).processed();
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
        disposition,
        processed_before,
    }
}
