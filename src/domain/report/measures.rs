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

    pub(super) fn accepts(&self, v: &VisitFact, threshold: u32) -> bool {
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

    pub(super) fn accepts(&self, c: &CaseFact, l: &CaseLife) -> bool {
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
