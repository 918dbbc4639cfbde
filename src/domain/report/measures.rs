//! What a figure counts: a measure is a sum of terms, each a filter over one kind of fact
//! and a metric; first or repeat reception of a matter.

use super::*;

/// Reception forms a visit filter accepts.
pub const REGULAR: &[ReceptionForm] = &[ReceptionForm::ThuongXuyen];
/// Periodic and ad hoc reception by the head (01/TCD: tiếp định kỳ và đột xuất).
pub const PERIODIC: &[ReceptionForm] = &[ReceptionForm::DinhKy, ReceptionForm::DotXuat];
pub const DINH_KY: &[ReceptionForm] = &[ReceptionForm::DinhKy];
pub const DOT_XUAT: &[ReceptionForm] = &[ReceptionForm::DotXuat];
pub const ONLINE: &[ReceptionForm] = &[ReceptionForm::TrucTuyen];

/// 01/TCD's blocks.
pub const B_REGULAR: &[Block] = &[Block::Regular];
pub const B_HEAD: &[Block] = &[Block::Head];
pub const B_DELEGATED: &[Block] = &[Block::Delegated];
pub const B_UNMARKED: &[Block] = &[Block::Unmarked];

pub const T_KN: &[PetitionType] = &[PetitionType::KhieuNai];
pub const T_TC: &[PetitionType] = &[PetitionType::ToCao];
pub const T_KNPA: &[PetitionType] = &[PetitionType::KienNghi, PetitionType::PhanAnh];

/// Rule "thẩm quyền tại nơi tiếp" (02/TCD of TT 01/2024, which has two columns only): the
/// petitions the unit keeps — taken in (thụ lý), answered on the spot (trả lời) or filed (lưu
/// đơn) — are within its authority; those it sends on — guided (hướng dẫn), forwarded
/// (chuyển đơn) or urged at the competent body (đôn đốc) — are not.
pub const H_OWN: &[Handling] = &[Handling::ThuLy, Handling::TraLoi, Handling::LuuDon];
pub const H_NOT_OWN: &[Handling] = &[Handling::HuongDan, Handling::ChuyenDon, Handling::DonDoc];
pub const H_GUIDE: &[Handling] = &[Handling::HuongDan];
pub const H_TRANSFER: &[Handling] = &[Handling::ChuyenDon];
pub const H_URGE: &[Handling] = &[Handling::DonDoc];
pub const H_ANSWER: &[Handling] = &[Handling::TraLoi];
pub const H_FILE: &[Handling] = &[Handling::LuuDon];
/// Rule "từ chối tiếp": a refused person is logged in the sổ but was not received, so a
/// refusal is counted only by a filter that names it (no column of TT 06/2025 or TT 01/2024
/// counts it; the summary does).
pub const H_REFUSED: &[Handling] = &[Handling::TuChoi];
/// Rule "gửi đến cơ quan có thẩm quyền" (02/XLD of TT 06/2025, column 25, which has no
/// đôn đốc column): forwarded at the desk, or urged there — both a letter to the competent
/// body.
pub const H_FORWARD: &[Handling] = &[Handling::ChuyenDon, Handling::DonDoc];
/// Handled at the desk without a case: everything but thụ lý (which opens or joins one).
pub const H_AT_DESK: &[Handling] = &[
    Handling::HuongDan,
    Handling::ChuyenDon,
    Handling::DonDoc,
    Handling::TraLoi,
    Handling::LuuDon,
];

pub const C_KN: &[CaseType] = &[CaseType::KhieuNai];
pub const C_TC: &[CaseType] = &[CaseType::ToCao];
pub const C_KNPA: &[CaseType] = &[CaseType::KienNghiPhanAnh];

/// A filter over visits; None means any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VisitWhere {
    pub forms: Option<&'static [ReceptionForm]>,
    /// 01/TCD's blocks (regular, the head in person, delegated, not recorded).
    pub blocks: Option<&'static [Block]>,
    pub group: Option<bool>,
    pub types: Option<&'static [PetitionType]>,
    pub handlings: Option<&'static [Handling]>,
    /// Only visits that handed in at least one written petition.
    pub with_petitions: bool,
    /// Some(false): only visits that opened or joined no case (their petitions are not
    /// counted by a case).
    pub linked: Option<bool>,
    /// One field (the summary's by-field figures).
    pub field_id: Option<i64>,
}

impl VisitWhere {
    pub const ALL: VisitWhere = VisitWhere {
        forms: None,
        blocks: None,
        group: None,
        types: None,
        handlings: None,
        with_petitions: false,
        linked: None,
        field_id: None,
    };

    pub(super) fn accepts(&self, v: &VisitFact, threshold: u32) -> bool {
        self.forms.is_none_or(|f| f.contains(&v.form))
            && self.blocks.is_none_or(|b| b.contains(&v.block))
            && self.group.is_none_or(|g| g == v.is_group(threshold))
            && self.types.is_none_or(|t| t.contains(&v.petition_type))
            && self
                .handlings
                .map_or(v.handling != Handling::TuChoi, |h| h.contains(&v.handling))
            && (!self.with_petitions || v.petitions > 0)
            && self.linked.is_none_or(|l| l == v.linked)
            && self.field_id.is_none_or(|f| f == v.field_id)
    }

    /// The filter depends on who presided (the head in person or a delegate).
    pub fn needs_the_mark(&self) -> bool {
        self.blocks
            .is_some_and(|b| b.contains(&Block::Head) || b.contains(&Block::Delegated))
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
    /// Vụ việc: distinct matters (citizen, type, field) among the visits in their matter's
    /// block (01/TCD: a matter counts once, under the highest block that received it).
    Matters,
    /// Vụ việc tiếp lần đầu: such matters whose first visit there had no earlier one.
    MattersFirst,
    /// Vụ việc tiếp nhiều lần: such matters whose first visit there was a repeat.
    MattersRepeat,
    /// Vụ việc, each counted once by its last visit in the period (02/TCD: where it went).
    MattersLast,
    /// Kỳ / cuộc tiếp: distinct sessions the visits belong to.
    Sessions,
    /// Số ngày tiếp: distinct days of the visits.
    Days,
}

/// Which cases a filter starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The period's book: carried over (open at its start) or received in it.
    Book,
    /// The petitions handled in the period: received in it, or carried over and not yet
    /// handled at its start (02/XLD of TT 06/2025, and the first columns of 03/GQKN, 04/GQTC).
    Flow,
}

/// What must hold of a case of the scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseCond {
    /// Every case of the scope.
    All,
    CarriedOver,
    Received,
    /// Received in writing outside reception (post, forwarded, other) in the period.
    ReceivedWritten,
    /// Handled by the period's end (đã xử lý): classified or closed, and when outside our
    /// authority, guided or forwarded.
    Processed,
    /// Handled and eligible (đủ điều kiện xử lý): within our authority, or outside it and
    /// guided or forwarded.
    Eligible,
    /// Classified within our authority (thuộc thẩm quyền) by the period's end.
    Own,
    /// Within our authority, and carried over.
    OwnCarriedOver,
    /// Within our authority, and received in the period.
    OwnReceived,
    /// Classified outside our authority (whether sent on yet or not).
    NotOwn,
    /// Outside our authority and sent on (guided or forwarded) by the end.
    NotOwnHandled,
    /// Classified not eligible.
    Ineligible,
    /// Closed without a classification (withdrawn or filed while new).
    ClosedUnclassified,
    /// Not yet classified at the period's end.
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
    /// Own authority, to be resolved (phải giải quyết): accepted, or withdrawn.
    ToResolve,
    /// Own authority, settled in the period by the forms' convention: resolved by decision or
    /// conclusion, or withdrawn (01/KQGQ: rút đơn thông qua giải thích, thuyết phục).
    Settled,
    /// Own authority, accepted (thụ lý): being resolved or resolved at the end.
    Accepted,
    /// Own authority, accepted and still being resolved at the period's end.
    InProgressAtEnd,
    /// Own authority, open at the end and not yet accepted.
    NotStartedAtEnd,
    /// Own authority, being resolved at the end and overdue.
    Overdue,
    /// Outside our authority: guided (or returned with guidance) by the end.
    Guided,
    /// Outside our authority: forwarded by the end, not urged.
    Transferred,
    /// Outside our authority: forwarded, then urged, by the end.
    Urged,
    /// Outside our authority: forwarded by the end, urged or not.
    Forwarded,
}

impl CaseCond {
    fn holds(self, l: &CaseLife, c: &CaseFact) -> bool {
        use CaseCond as K;
        use Disposition as D;
        let own = l.own();
        let status = l.status_at_end;
        match self {
            K::All => true,
            K::CarriedOver => l.carried_over,
            K::Received => l.received,
            K::ReceivedWritten => l.received && !c.from_visit,
            K::Processed => l.disposition.processed(),
            K::Eligible => l.disposition.eligible(),
            K::Own => own,
            K::OwnCarriedOver => own && l.carried_over,
            K::OwnReceived => own && l.received,
            K::NotOwn => l.classified == Some(Classified::NotOwn),
            K::NotOwnHandled => {
                matches!(l.disposition, D::Guided | D::Transferred | D::Urged)
            }
            K::Ineligible => l.classified == Some(Classified::Ineligible),
            K::ClosedUnclassified => l.disposition == D::ClosedUnclassified,
            K::Unclassified => l.disposition == D::Unclassified,
            K::Resolved => own && l.resolved_in_period,
            K::ResolvedWith(o) => own && l.resolved_in_period && c.outcome == Some(o),
            K::OnTime => own && l.on_time == Some(true),
            K::Late => own && l.on_time == Some(false),
            K::Withdrawn => own && l.withdrawn_in_period,
            K::Refused => own && l.refused_in_period,
            K::ToResolve => {
                own && matches!(
                    status,
                    CaseStatus::InProgress | CaseStatus::Resolved | CaseStatus::Withdrawn
                )
            }
            K::Settled => own && (l.resolved_in_period || l.withdrawn_in_period),
            K::Accepted => own && matches!(status, CaseStatus::InProgress | CaseStatus::Resolved),
            K::InProgressAtEnd => own && status == CaseStatus::InProgress,
            K::NotStartedAtEnd => own && l.open_at_end() && status != CaseStatus::InProgress,
            K::Overdue => own && status == CaseStatus::InProgress && l.overdue_at_end,
            K::Guided => l.disposition == D::Guided,
            K::Transferred => l.disposition == D::Transferred,
            K::Urged => l.disposition == D::Urged,
            K::Forwarded => matches!(l.disposition, D::Transferred | D::Urged),
        }
    }
}

/// A filter over cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseWhere {
    pub scope: Scope,
    pub cond: CaseCond,
    pub types: Option<&'static [CaseType]>,
    pub round: Option<u8>,
    /// Official report columns (the fields that roll up to them).
    pub columns: Option<&'static [&'static str]>,
    pub field_id: Option<i64>,
}

impl CaseWhere {
    /// Cases of the period's book.
    pub const fn new(cond: CaseCond) -> CaseWhere {
        CaseWhere {
            scope: Scope::Book,
            cond,
            types: None,
            round: None,
            columns: None,
            field_id: None,
        }
    }

    /// Cases handled in the period (see [`Scope::Flow`]).
    pub const fn flow(cond: CaseCond) -> CaseWhere {
        CaseWhere {
            scope: Scope::Flow,
            ..CaseWhere::new(cond)
        }
    }

    pub(super) fn accepts(&self, c: &CaseFact, l: &CaseLife) -> bool {
        let in_scope = match self.scope {
            Scope::Book => l.in_book(),
            Scope::Flow => l.in_flow(),
        };
        in_scope
            && self.types.is_none_or(|t| t.contains(&c.case_type))
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
    /// Rule "số ngày tiếp" (01/TCD (10) in person, (16) by a delegate; TT 06/2025: the days
    /// publicly announced): with a schedule in force in the period, its days up to the day
    /// judged on, unless postponed, in the block of who received, and the days off the
    /// schedule a session of that block received someone (`DayLine::announced_block`);
    /// without one, the days on which such a session received someone (the rule before
    /// issue 29).
    Announced(PresiderRole),
    /// Rule "số ngày tối thiểu": the weeks or months short of the head's legal minimum.
    Short,
    /// Rule "đối thoại": the dialogues held in the period (not cancelled), by what is counted.
    Dialogues(DialogueMetric),
}

/// What a dialogue adds to a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DialogueMetric {
    /// A complaint's dialogue held: 1.
    Complaint,
    /// A public dialogue held: 1.
    Public,
    /// Either kind: its people (the number recorded, else those present).
    People,
    /// A public dialogue: the answers promised there.
    Promised,
    /// A public dialogue: the answers promised there and given (by the day judged on).
    Answered,
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

    /// The measure depends on who presided a session (the head in person or a delegate).
    pub fn needs_the_mark(&self) -> bool {
        self.terms.iter().any(|t| match t {
            Term::Visits(w, _) => w.needs_the_mark(),
            Term::Announced(_) => true,
            Term::Cases(..) | Term::Short | Term::Dialogues(_) => false,
        })
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

/// Number the matters of `visits` (in day order) densely (0, 1, …), mark each visit in its
/// matter's block or not, and each matter's last visit; returns how many matters there are.
pub fn number_matters(visits: &mut [VisitFact]) -> usize {
    let mut ids: HashMap<(i64, PetitionType, i64), u32> = HashMap::with_capacity(visits.len());
    let mut block: Vec<Block> = Vec::new();
    let mut last: Vec<usize> = Vec::new();
    for (i, v) in visits.iter_mut().enumerate() {
        let next = ids.len() as u32;
        v.matter = *ids.entry(v.matter_key()).or_insert(next);
        let m = v.matter as usize;
        if m == block.len() {
            block.push(v.block);
            last.push(i);
        } else {
            block[m] = block[m].max(v.block);
            last[m] = i;
        }
    }
    for (i, v) in visits.iter_mut().enumerate() {
        let m = v.matter as usize;
        v.in_block = v.block == block[m];
        v.last_of_matter = last[m] == i;
    }
    ids.len()
}
