//! Cases (vụ việc / đơn) and their life: statuses, the steps between them, and the guards the
//! law adds (DOMAIN.md §2, §3.2; Luật Khiếu nại Art 11, 32, 33, 41; Luật Tố cáo Art 24, 29,
//! 30; Luật Tiếp công dân Art 27, 28).
//!
//! `TRANSITIONS` is the single table of allowed steps. The store seeds the same table into
//! SQLite (migrations 0002 and 0007) and a trigger refuses any event that is not in it, so an illegal
//! step is refused even when written directly; a test keeps the two copies identical.

use chrono::NaiveDate;

use super::visit::PetitionType;

pub mod facts;
mod kinds;
mod transitions;

pub use facts::EventFact;
pub use kinds::{ComplaintSubject, ForwarderKind, Outcome, RefusalReason};
pub use transitions::TRANSITIONS;

code_enum!(
    /// The case types of the queue; kiến nghị and phản ánh are handled together.
    CaseType {
        KhieuNai = "khieu_nai",
        ToCao = "to_cao",
        KienNghiPhanAnh = "kien_nghi_phan_anh",
    }
);

impl CaseType {
    /// The prefix of a case code read out on the phone: KN-2026-0042, TC-…, KNPA-….
    pub fn prefix(self) -> &'static str {
        match self {
            CaseType::KhieuNai => "KN",
            CaseType::ToCao => "TC",
            CaseType::KienNghiPhanAnh => "KNPA",
        }
    }

    pub fn from_petition(t: PetitionType) -> CaseType {
        match t {
            PetitionType::KhieuNai => CaseType::KhieuNai,
            PetitionType::ToCao => CaseType::ToCao,
            PetitionType::KienNghi | PetitionType::PhanAnh => CaseType::KienNghiPhanAnh,
        }
    }
}

/// Is this a denunciation's case code (`TC-…`)? The only codes a pseudonym is made of.
pub fn is_denunciation_code(code: &str) -> bool {
    code.strip_prefix(CaseType::ToCao.prefix())
        .is_some_and(|rest| rest.starts_with('-'))
}

/// A case code read on the phone: `KN-2026-AB-0042` — type prefix, year received, the desk
/// code (which keeps codes of several desks apart when their books are merged) and the
/// sequence within type, year and desk. Books made before desk codes have `KN-2026-0042`.
pub fn case_code(t: CaseType, year: i32, desk: &str, seq: u32) -> String {
    if desk.is_empty() {
        format!("{}-{year}-{seq:04}", t.prefix())
    } else {
        format!("{}-{year}-{desk}-{seq:04}", t.prefix())
    }
}

code_enum!(
    /// Where a case stands.
    CaseStatus {
        /// Received, not yet classified.
        New = "moi",
        /// Eligible and within our authority: waiting for acceptance (thụ lý).
        AwaitingAcceptance = "cho_thu_ly",
        /// Not within our authority: to transfer, guide or return.
        OutsideAuthority = "ngoai_tham_quyen",
        /// Not eligible for handling (TT 07/2014 Art 6(2)): to guide, return or file.
        NotEligible = "khong_du_dk",
        /// Accepted (đã thụ lý), being resolved.
        InProgress = "dang_giai_quyet",
        /// Resolved with an outcome.
        Resolved = "da_giai_quyet",
        /// Transferred to the competent body (followed up with đôn đốc).
        Transferred = "da_chuyen",
        /// The citizen was guided to the competent body (once only).
        Guided = "da_huong_dan",
        /// A petition forwarded to us by mistake, returned.
        Returned = "da_tra_lai",
        /// Filed without handling (lưu đơn).
        Filed = "da_luu",
        /// Withdrawn by the citizen.
        Withdrawn = "da_rut",
        /// Acceptance refused (Luật Khiếu nại Art 11; Luật Tố cáo Art 29(1)).
        Refused = "khong_thu_ly",
    }
);

impl CaseStatus {
    /// Open cases are counted in the queue and carry deadlines.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CaseStatus::New
                | CaseStatus::AwaitingAcceptance
                | CaseStatus::OutsideAuthority
                | CaseStatus::NotEligible
                | CaseStatus::InProgress
        )
    }
}

code_enum!(
    /// A step in a case's life; each is an event on the timeline.
    Action {
        /// Intake (from a visit or a written petition).
        Open = "tiep_nhan",
        /// Classified: eligible and within our authority.
        ClassifyOwn = "phan_loai_thuoc_tq",
        /// Classified: eligible but not within our authority.
        ClassifyNotOwn = "phan_loai_ngoai_tq",
        /// Classified: not eligible for handling.
        ClassifyIneligible = "phan_loai_khong_du_dk",
        Accept = "thu_ly",
        Transfer = "chuyen_don",
        Guide = "huong_dan",
        Urge = "don_doc",
        Return = "tra_lai",
        File = "luu_don",
        Withdraw = "rut_don",
        Refuse = "khong_thu_ly",
        MarkComplex = "phuc_tap",
        Extend = "gia_han",
        Resolve = "giai_quyet",
        /// The complainant complains again: a second-round case is opened, linked to this one.
        Reopen = "khieu_nai_lan_2",
        Note = "ghi_chu",
        Assign = "phan_cong",
        /// Another visit or petition on the same matter joined this case (repeat petition).
        AddPetition = "bo_sung",
        /// The citizen lives in a remote area (vùng sâu, vùng xa): longer limits apply.
        MarkRemote = "vung_sau_vung_xa",
        /// The visit that brought the case was corrected; the case follows (its note says how).
        VisitEdited = "sua_luot_tiep",
        /// A denunciation is especially complex: two or more criteria of NĐ 31/2019 Art 3(2)
        /// (Art 3(3)); it may then be extended twice (Luật Tố cáo Art 30(3)).
        MarkVeryComplex = "dac_biet_phuc_tap",
        /// A denunciation's initial handling needs verification at several places, or is
        /// delegated: 10 working days instead of 7 (Luật Tố cáo Art 24(1)).
        MarkMultiSite = "xac_minh_nhieu_noi",
        /// A complaint's time-bar facts: when the complainant received or learned of the
        /// decision or act, the days lost to an obstacle, and what is complained against (an
        /// administrative decision or act, or a disciplinary decision) — Luật KN Art 9, 48.
        RecordTimeBar = "thoi_hieu",
        /// The denouncer was told of the acceptance (Luật Tố cáo Art 29(3)).
        NotifyAcceptance = "thong_bao_thu_ly",
        /// The complaint decision was sent to the parties (Luật KN Art 32; 41(1); 56(2)).
        SendDecision = "gui_quyet_dinh",
        /// The second-round decision was made public (Luật KN Art 41(2)–(3)).
        PublishDecision = "cong_khai_quyet_dinh",
        /// The body that forwarded the petition was told the result (Luật TCD Art 27(2)).
        ReportToForwarder = "bao_ket_qua_noi_chuyen",
        /// The body we forwarded to reported its result (the start of Luật TCD Art 28(2)).
        ResultReceived = "nhan_ket_qua",
        /// The citizen was told the result reported by that body (Luật TCD Art 28(2)).
        InformCitizen = "thong_bao_ket_qua",
        /// The person denounced was told what the denunciation says (Luật Tố cáo Art 29(3)).
        NotifyDenounced = "thong_bao_bi_to_cao",
        /// The body that forwarded a denunciation was told how it was handled (Luật Tố cáo
        /// Art 26(2)).
        ReportHandling = "bao_xu_ly_noi_chuyen",
        /// The resolution is suspended (tạm đình chỉ): a denunciation awaiting another body's
        /// result or an expert opinion (Luật Tố cáo Art 34(1)); a complaint, from 01/7/2026
        /// (Luật KN Art 11a). Its time is not counted.
        Suspend = "tam_dinh_chi",
        /// The resolution continues (quyết định tiếp tục giải quyết, Luật TC Art 34(2); NĐ
        /// 155/2026 Art 28b(2)): the clock runs again.
        Continue = "tiep_tuc_giai_quyet",
    }
);

impl Action {
    /// Steps that cannot be undone ask for confirmation.
    pub fn is_irreversible(self) -> bool {
        matches!(
            self,
            Action::Transfer
                | Action::Guide
                | Action::Return
                | Action::File
                | Action::Withdraw
                | Action::Refuse
                | Action::Resolve
                | Action::Reopen
                | Action::Extend
        )
    }
}

/// A complaint's resolution can be suspended from this day (Luật 136/2025 adds Luật KN
/// Art 11a, in force 01/7/2026); a denunciation's since Luật TC 2018 (Art 34).
pub fn suspension_from(t: CaseType) -> Option<NaiveDate> {
    match t {
        CaseType::KhieuNai => NaiveDate::from_ymd_opt(2026, 7, 1),
        CaseType::ToCao => NaiveDate::from_ymd_opt(2019, 1, 1),
        CaseType::KienNghiPhanAnh => None,
    }
}

/// A denunciation is extended once when complex, twice when especially complex (Luật Tố cáo
/// Art 30(2)–(3)); never more.
pub const MAX_EXTENSIONS: u32 = 2;

/// The notices and sendings already recorded on a case (each is done once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Done {
    pub acceptance_notified: bool,
    pub decision_sent: bool,
    pub published: bool,
    pub forwarder_informed: bool,
    pub result_received: bool,
    pub citizen_informed: bool,
    pub denounced_notified: bool,
    pub forwarder_handling_informed: bool,
}

/// What the guards need to know about a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    pub case_type: CaseType,
    pub status: CaseStatus,
    pub round: u8,
    pub complex: bool,
    pub extensions: u32,
    /// A second-round case already opened from this one.
    pub reopened: bool,
    /// Remote area (vùng sâu, vùng xa).
    pub remote: bool,
    /// Especially complex (đặc biệt phức tạp, NĐ 31/2019 Art 3(3)).
    pub very_complex: bool,
    /// Verification at several places or delegated (Luật Tố cáo Art 24(1)).
    pub multi_site: bool,
    /// Forwarded to us by another body (Luật TCD Art 27(2) applies).
    pub forwarded: bool,
    /// The resolution is suspended, not yet continued (Luật TC Art 34; Luật KN Art 11a).
    pub suspended: bool,
    pub done: Done,
}

impl CaseFacts {
    /// A case of `case_type` in `status`, first round, no flag set.
    pub fn new(case_type: CaseType, status: CaseStatus) -> CaseFacts {
        CaseFacts {
            case_type,
            status,
            round: 1,
            complex: false,
            extensions: 0,
            reopened: false,
            remote: false,
            very_complex: false,
            multi_site: false,
            forwarded: false,
            suspended: false,
            done: Done::default(),
        }
    }
}

/// Why a step is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The transition table has no such step from this status.
    NotFromStatus,
    /// The step does not exist for this case type (e.g. extending a complaint).
    NotForType,
    /// Already done the allowed number of times (complex once, extensions twice, reopen once).
    Exhausted,
    /// Extending needs the case to be marked complex first (Luật Tố cáo Art 30).
    NeedsComplex,
    /// Only a first-round complaint can go to a second round.
    NotFirstRound,
    /// A second extension needs the case to be especially complex (Luật Tố cáo Art 30(3)).
    NeedsVeryComplex,
    /// The duty does not arise for this case (publishing a first-round decision, telling a
    /// forwarder when nobody forwarded the petition).
    NotApplicable,
    /// The citizen is told the result once the receiving body has reported it.
    NeedsResult,
    /// The complaint was received after its time limit (Luật KN Art 9, 33(1), 48): accepting
    /// it needs the valid reason written down (Art 11(6)).
    TimeBarred,
    /// The resolution is suspended: continue it first (Luật TC Art 34(2); Luật KN Art 11a).
    Suspended,
    /// Only a suspended resolution continues.
    NotSuspended,
    /// The rule is not in force on the step's day (a complaint suspended before 01/7/2026,
    /// when Luật KN Art 11a took effect).
    NotYetInForce,
}

/// The status after `action`, or why the law does not allow it now.
pub fn step(f: &CaseFacts, action: Action) -> Result<CaseStatus, Refusal> {
    if matches!(
        action,
        Action::Note | Action::Assign | Action::AddPetition | Action::VisitEdited
    ) {
        return Ok(f.status);
    }
    if action == Action::MarkRemote {
        // While the case is open; once (it only lengthens the limits).
        return if !f.status.is_open() {
            Err(Refusal::NotFromStatus)
        } else if f.remote {
            Err(Refusal::Exhausted)
        } else {
            Ok(f.status)
        };
    }
    let to = TRANSITIONS
        .iter()
        .find(|(from, a, _)| *from == f.status && *a == action)
        .map(|(_, _, to)| *to)
        .ok_or(Refusal::NotFromStatus)?;
    let only = |t: bool| if t { Ok(()) } else { Err(Refusal::NotForType) };
    let once = |done: bool| {
        if done {
            Err(Refusal::Exhausted)
        } else {
            Ok(())
        }
    };
    let kn = f.case_type == CaseType::KhieuNai;
    let tc = f.case_type == CaseType::ToCao;
    match action {
        Action::Suspend => {
            only(kn || tc)?;
            if f.suspended {
                return Err(Refusal::Suspended);
            }
        }
        Action::Continue => {
            only(kn || tc)?;
            if !f.suspended {
                return Err(Refusal::NotSuspended);
            }
        }
        Action::Resolve if f.suspended => return Err(Refusal::Suspended),
        Action::Extend => {
            if f.case_type != CaseType::ToCao {
                return Err(Refusal::NotForType);
            }
            if f.suspended {
                return Err(Refusal::Suspended);
            }
            if !f.complex {
                return Err(Refusal::NeedsComplex);
            }
            if f.extensions >= MAX_EXTENSIONS {
                return Err(Refusal::Exhausted);
            }
            if f.extensions >= 1 && !f.very_complex {
                return Err(Refusal::NeedsVeryComplex);
            }
        }
        Action::MarkVeryComplex => {
            only(tc)?;
            once(f.very_complex)?;
        }
        Action::MarkMultiSite => {
            only(tc)?;
            once(f.multi_site)?;
        }
        Action::RecordTimeBar => only(kn)?,
        Action::NotifyAcceptance => {
            only(tc)?;
            once(f.done.acceptance_notified)?;
        }
        // A complaint's decision (Luật KN Art 32, 41), a denunciation's conclusion (Luật TC
        // Art 35(3), 40(1)).
        Action::SendDecision => {
            only(kn || tc)?;
            once(f.done.decision_sent)?;
        }
        Action::PublishDecision => {
            only(kn || tc)?;
            if kn && f.round != 2 {
                return Err(Refusal::NotApplicable);
            }
            once(f.done.published)?;
        }
        Action::NotifyDenounced => {
            only(tc)?;
            once(f.done.denounced_notified)?;
        }
        Action::ReportHandling => {
            only(tc)?;
            if !f.forwarded {
                return Err(Refusal::NotApplicable);
            }
            once(f.done.forwarder_handling_informed || f.done.forwarder_informed)?;
        }
        Action::ReportToForwarder => {
            only(kn || tc)?;
            if !f.forwarded {
                return Err(Refusal::NotApplicable);
            }
            once(f.done.forwarder_informed)?;
        }
        Action::ResultReceived => {
            only(kn || tc)?;
            once(f.done.result_received)?;
        }
        Action::InformCitizen => {
            only(kn || tc)?;
            if !f.done.result_received {
                return Err(Refusal::NeedsResult);
            }
            once(f.done.citizen_informed)?;
        }
        Action::MarkComplex => {
            if f.case_type == CaseType::KienNghiPhanAnh {
                return Err(Refusal::NotForType);
            }
            if f.complex {
                return Err(Refusal::Exhausted);
            }
        }
        Action::Refuse if f.case_type == CaseType::KienNghiPhanAnh => {
            return Err(Refusal::NotForType);
        }
        Action::Reopen => {
            if f.case_type != CaseType::KhieuNai {
                return Err(Refusal::NotForType);
            }
            if f.round != 1 {
                return Err(Refusal::NotFirstRound);
            }
            if f.reopened {
                return Err(Refusal::Exhausted);
            }
        }
        _ => {}
    }
    Ok(to)
}

/// The steps to offer for a case now (Note and Assign always).
pub fn offered(f: &CaseFacts) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|a| {
            !matches!(a, Action::Open | Action::AddPetition | Action::VisitEdited)
                && step(f, *a).is_ok()
        })
        .collect()
}

/// Is the step behind a key allowed now? The classify key stands for all three
/// classifications (the form then offers those allowed).
pub fn key_allowed(f: &CaseFacts, action: Action) -> bool {
    if action == Action::ClassifyOwn {
        [
            Action::ClassifyOwn,
            Action::ClassifyNotOwn,
            Action::ClassifyIneligible,
        ]
        .iter()
        .any(|a| step(f, *a).is_ok())
    } else {
        !matches!(
            action,
            Action::Open | Action::AddPetition | Action::VisitEdited
        ) && step(f, action).is_ok()
    }
}

/// When `action` is not allowed now: the one step that, done first, would allow it ("phân
/// loại trước", "đánh dấu phức tạp trước"), so a refusal can say what to do next. `None` when
/// no single step opens the way (the case is closed, or the step is not for its type).
pub fn first_do(f: &CaseFacts, action: Action) -> Option<Action> {
    if key_allowed(f, action) {
        return None;
    }
    let wanted = |g: &CaseFacts| key_allowed(g, action);
    [
        Action::ClassifyOwn,
        Action::Accept,
        Action::MarkComplex,
        Action::Reopen,
    ]
    .into_iter()
    .chain(Action::ALL.iter().copied())
    .filter(|a| *a != action && key_allowed(f, *a))
    .find(|a| apply(f, *a).is_ok_and(|g| wanted(&g)))
}

/// Apply a step to the facts (what the store also records).
pub fn apply(f: &CaseFacts, action: Action) -> Result<CaseFacts, Refusal> {
    let status = step(f, action)?;
    let mut next = CaseFacts { status, ..*f };
    match action {
        Action::MarkComplex => next.complex = true,
        Action::Extend => next.extensions += 1,
        Action::Reopen => next.reopened = true,
        Action::MarkRemote => next.remote = true,
        Action::MarkVeryComplex => {
            next.complex = true;
            next.very_complex = true;
        }
        Action::MarkMultiSite => next.multi_site = true,
        Action::NotifyAcceptance => next.done.acceptance_notified = true,
        Action::SendDecision => next.done.decision_sent = true,
        Action::PublishDecision => next.done.published = true,
        Action::ReportToForwarder => next.done.forwarder_informed = true,
        Action::ResultReceived => next.done.result_received = true,
        Action::InformCitizen => next.done.citizen_informed = true,
        Action::NotifyDenounced => next.done.denounced_notified = true,
        Action::ReportHandling => next.done.forwarder_handling_informed = true,
        Action::Suspend => next.suspended = true,
        Action::Continue => next.suspended = false,
        _ => {}
    }
    Ok(next)
}

#[cfg(test)]
mod tests;
