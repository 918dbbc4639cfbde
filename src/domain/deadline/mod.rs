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

use chrono::NaiveDate;

use super::calendar::Calendar;
use super::case::{CaseStatus, CaseType, Done};

mod count;
mod explain;
mod timebar;

pub use count::{Bucket, Standing, bucket, count, count_back, standing};
pub use explain::{Cause, Change, Due, Explanation, Skipped};
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
        /// Tell the person denounced what the denunciation says (Luật Tố cáo Art 29(3); NĐ
        /// 31/2019 Art 9(2), Mẫu 06).
        NotifyDenounced = "thong_bao_nguoi_bi_to_cao",
        /// Send the denunciation's conclusion to the person denounced and tell the denouncer
        /// (Luật Tố cáo Art 35(3)).
        SendConclusion = "gui_ket_luan",
        /// Make the denunciation's conclusion public (Luật Tố cáo Art 40(1)).
        PublishConclusion = "cong_khai_ket_luan",
        /// Tell the body that forwarded a denunciation how it was handled (Luật Tố cáo
        /// Art 26(2)).
        ReportHandlingToForwarder = "bao_xu_ly_noi_chuyen",
        /// The unit's own target for proposals and feedback: not law (quy định nội bộ).
        InternalTarget = "muc_tieu_noi_bo",
        /// The citizen's: thời hiệu khiếu nại (Luật KN Art 9; disciplinary Art 48).
        TimeLimit = "thoi_hieu_khieu_nai",
        /// The citizen's: the time to file the second complaint (Luật KN Art 33(1); 48).
        SecondComplaint = "thoi_han_khieu_nai_lan_2",
        /// The law's: a complaint decision takes legal effect after this day (Luật KN Art 44;
        /// disciplinary Art 57).
        DecisionEffective = "hieu_luc_quyet_dinh",
        /// Issue the written notice refusing reception (Mẫu 01/TCD) for the persistent cases:
        /// within 03 working days from 01/7/2026 (NĐ 154/2026 Art 4(3), UNVERIFIED; TT 06/2014
        /// Art 4 set no limit). A duty of a refused visit, not of a case.
        RefusalNotice = "thong_bao_tu_choi",
        /// Post the leader's reception schedule at least 05 working days before the day (Luật
        /// TCD Art 24(4)). A duty of a planned day, counted back from it.
        PostSchedule = "niem_yet_lich",
        /// Send the written notice of a complaint's dialogue at least 05 days before it (NĐ
        /// 155/2026 amending NĐ 124/2020 Art 28(1), UNVERIFIED; Luật KN Art 30(2) asks for the
        /// notice with no lead time). A duty of a dialogue, counted back from it.
        DialogueNotice = "thong_bao_doi_thoai",
        /// Answer what was promised at a dialogue by the day promised (the leader's own date,
        /// Luật TCD Art 18(4): "hẹn thời gian trả lời"): no rule of the table.
        PromisedAnswer = "tra_loi_da_hen",
    }
);

/// Who must act by a due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The unit: stored per case, on the board, counted in the alerts.
    Unit,
    /// The citizen (a limit of their right): shown on the case, never on the board.
    Citizen,
    /// Nobody: a legal effect that follows by itself (a decision in force), shown on the
    /// case, never on the board.
    Effect,
}

impl Obligation {
    pub fn holder(self) -> Holder {
        match self {
            Obligation::TimeLimit | Obligation::SecondComplaint => Holder::Citizen,
            Obligation::DecisionEffective => Holder::Effect,
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
        /// The day reception was refused (NĐ 154/2026 Art 4(3): "kể từ ngày có đủ căn cứ").
        Refused = "refused",
        /// The day of the session or dialogue the duty prepares, counted *back* from it ("chậm
        /// nhất là 05 ngày làm việc, trước ngày tiếp", "trước ngày đối thoại ít nhất 05 ngày").
        Before = "before",
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
    /// The days an obstacle kept the complainant from complaining are not counted (Luật KN
    /// Art 9 and 48 say so; Art 33 does not).
    pub excludes_obstacles: bool,
    /// Why this version of the rule differs from the one it replaced (a rule of law is
    /// changed only with a reason); empty for the seeded rules.
    pub reason: String,
    /// The version this one replaced from its `effective_from` on.
    pub replaces: Option<i64>,
}

impl Rule {
    /// Does this rule version apply to clocks starting on `on`?
    pub fn in_force(&self, on: NaiveDate) -> bool {
        self.effective_from <= on && self.effective_to.is_none_or(|to| on <= to)
    }

    fn matches(&self, c: &CaseClock, on: NaiveDate) -> bool {
        self.active
            && self.case_type.is_none_or(|t| t == c.case_type)
            && self.round.is_none_or(|r| r == c.round)
            && self.complex.is_none_or(|x| x == c.complex)
            && self.remote.is_none_or(|x| x == c.remote)
            && self.disciplinary.is_none_or(|x| x == c.disciplinary)
            && self.dismissal.is_none_or(|x| x == c.dismissal)
            && self.multi_site.is_none_or(|x| x == c.multi_site)
            && self.in_force(on)
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
    /// Issue 23's duties of a denunciation, by the step that starts them: the forwarder
    /// told of the handling (receipt), the person denounced told (acceptance), the
    /// conclusion sent and made public (decision).
    pub handling: bool,
    pub denounced: bool,
    pub conclusion: bool,
}

impl Default for Tracked {
    fn default() -> Tracked {
        Tracked {
            accepted: true,
            decided: true,
            result_notice: true,
            handling: true,
            denounced: true,
            conclusion: true,
        }
    }
}

/// A suspension of the resolution (tạm đình chỉ): from the day of the decision to suspend to
/// the day of the decision to continue (None: still suspended). The time between is not
/// counted (Luật TC Art 34(2)); a complaint's limit runs on from the continuation (Luật KN
/// Art 11a from 01/7/2026; NĐ 155/2026 Art 28b(2), UNVERIFIED).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Pause {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

/// The facts of a case that deadlines depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Forwarded to us by another body (Luật TCD Art 27(2); Luật TC Art 26).
    pub forwarded: bool,
    /// … by a body Luật TCD Art 27(2) lists: a body of the National Assembly, a deputy of
    /// the National Assembly or a People's Council, a Ban tiếp công dân.
    pub forwarder_listed: bool,
    /// We forwarded it and the citizen asked to be told the result (Luật TCD Art 28(2)).
    pub result_requested: bool,
    /// This unit is one Luật TCD Art 28(2) binds (a Ban tiếp công dân).
    pub unit_listed: bool,
    /// The suspensions of the resolution, in order.
    pub pauses: Vec<Pause>,
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
            forwarder_listed: false,
            result_requested: false,
            unit_listed: false,
            pauses: Vec::new(),
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
        Obligation::NotifyDenounced => tc && c.tracked.denounced,
        Obligation::SendConclusion | Obligation::PublishConclusion => tc && c.tracked.conclusion,
        Obligation::ReportHandlingToForwarder => tc && c.forwarded && c.tracked.handling,
        Obligation::TimeLimit | Obligation::SecondComplaint => kn && c.round == 1,
        Obligation::DecisionEffective => kn && !(c.round == 1 && c.reopened),
        // Duties of a refused visit, a planned day, a dialogue, a promise (`duty`).
        Obligation::RefusalNotice
        | Obligation::PostSchedule
        | Obligation::DialogueNotice
        | Obligation::PromisedAnswer => false,
    }
}

/// Is the case suspended now (a pause not yet continued)?
pub fn suspended(c: &CaseClock) -> bool {
    c.pauses.last().is_some_and(|p| p.to.is_none())
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
        Obligation::Resolve => s == S::InProgress && !suspended(c),
        Obligation::NotifyAcceptance => s == S::InProgress && !d.acceptance_notified,
        Obligation::SendDecision => s == S::Resolved && !d.decision_sent,
        Obligation::PublishDecision => s == S::Resolved && !d.published,
        Obligation::ReportToForwarder => s == S::Resolved && !d.forwarder_informed,
        Obligation::InformCitizenResult => s == S::Transferred && !d.citizen_informed,
        Obligation::NotifyDenounced => s == S::InProgress && !d.denounced_notified,
        Obligation::SendConclusion => s == S::Resolved && !d.decision_sent,
        Obligation::PublishConclusion => s == S::Resolved && !d.published,
        // Whatever became of it (accepted, refused, transferred, filed…), the forwarder is
        // told; telling it the final result (Luật TCD Art 27(2)) tells it this too.
        Obligation::ReportHandlingToForwarder => {
            !d.forwarder_handling_informed && !d.forwarder_informed
        }
        Obligation::InternalTarget => matches!(s, S::New | S::AwaitingAcceptance | S::InProgress),
        Obligation::TimeLimit | Obligation::SecondComplaint | Obligation::DecisionEffective => {
            false
        }
        Obligation::RefusalNotice
        | Obligation::PostSchedule
        | Obligation::DialogueNotice
        | Obligation::PromisedAnswer => false,
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
        // Never a case's: `duty` gives the day.
        StartEvent::Refused | StartEvent::Before => None,
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
    // Only the limits whose article says so leave out the days of an obstacle (Luật KN
    // Art 9, 48 — not the second-complaint window of Art 33).
    let excluded = if rule.excludes_obstacles {
        c.obstacle_days
    } else {
        0
    };
    let total = rule.days + ext.iter().sum::<u32>() + excluded;
    let before = rule.start == StartEvent::Before;
    let (mut due, mut nominal, mut skipped, mut worked, mut rolled) = if before {
        count_back(cal, start, total, rule.basis)
    } else {
        count(cal, start, total, rule.basis)
    };
    // A suspension of the resolution stops its clock (Luật TC Art 34(2); Luật KN Art 11a):
    // one begun on or before the due date as it then stood adds its length, in the rule's
    // basis; one not yet continued leaves the resolution without a due date.
    let mut pauses = Vec::new();
    let mut paused_days = 0;
    if o == Obligation::Resolve {
        for p in c.pauses.iter().filter(|p| p.from >= start) {
            if p.from > due {
                break;
            }
            let to = p.to?;
            paused_days += match rule.basis {
                DayBasis::Calendar => (to - p.from).num_days().max(0) as u32,
                DayBasis::Working => cal.at(start).working_days_between(p.from, to),
            };
            pauses.push(*p);
            (due, nominal, skipped, worked, rolled) =
                count(cal, start, total + paused_days, rule.basis);
        }
    }
    let practice = match o {
        // Art 27(2) lists who forwarded; Art 28(2) binds those forwarders, when asked.
        Obligation::ReportToForwarder => !c.forwarder_listed,
        Obligation::InformCitizenResult => !(c.result_requested && c.unit_listed),
        _ => false,
    };
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
            pauses,
            paused_days,
            nominal_end: nominal,
            skipped,
            worked_weekends: worked,
            rolled_forward: rolled,
            unconfirmed: rule.unconfirmed,
            internal: rule.internal,
            practice,
            before,
            change: None,
        },
    })
}

/// A duty that is not a case's — the notice of a refusal, the posting of a planned day, the
/// notice of a dialogue — by the most specific rule of `o` in force on `event_on` (the day of
/// the refusal, or the day of the session or dialogue a `Before` rule counts back from).
/// None when no rule covers that day (the notice of a refusal before NĐ 154/2026, a
/// dialogue's before NĐ 155/2026: the law asks for them with no time limit).
pub fn duty(o: Obligation, event_on: NaiveDate, rules: &[Rule], cal: &Calendar) -> Option<Due> {
    let kind = match o {
        Obligation::RefusalNotice => "refused",
        Obligation::PostSchedule => "session_day",
        Obligation::DialogueNotice => "dialogue_day",
        _ => return None,
    };
    // The case's facts do not matter: these rules name no type, round or complexity.
    let clock = CaseClock::new(CaseType::KhieuNai, event_on);
    compute(o, &clock, rules, cal, &[], Some((event_on, kind)))
}

/// Every obligation that follows from the case's facts (whatever its status), the unit's,
/// the citizen's and the law's, each by the most specific rule in force on its start date.
pub fn obligations(c: &CaseClock, rules: &[Rule], cal: &Calendar) -> Vec<Due> {
    let mut out: Vec<Due> = Vec::new();
    // The days of an obstacle recorded on a first-round complaint are its own: never carried
    // into the window for the second (`second_complaint_window` takes the second's).
    let second = CaseClock {
        obstacle_days: 0,
        ..c.clone()
    };
    for o in Obligation::ALL {
        let clock = if *o == Obligation::SecondComplaint {
            &second
        } else {
            c
        };
        if applies(*o, c)
            && let Some(due) = compute(*o, clock, rules, cal, &out, None)
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

#[cfg(test)]
mod duty_tests;
