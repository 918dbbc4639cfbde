//! Cases (vụ việc / đơn) and their life: statuses, the steps between them, and the guards the
//! law adds (DOMAIN.md §2, §3.2; Luật Khiếu nại Art 11, 33; Luật Tố cáo Art 24, 30).
//!
//! `TRANSITIONS` is the single table of allowed steps. The store seeds the same table into
//! SQLite (migration 0002) and a trigger refuses any event that is not in it, so an illegal
//! step is refused even when written directly; a test keeps the two copies identical.

use super::visit::PetitionType;

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

use Action as A;
use CaseStatus as S;

/// Every allowed step: (from, action, to). `Open` has no `from` and is not listed.
pub const TRANSITIONS: &[(CaseStatus, Action, CaseStatus)] = &[
    (S::New, A::ClassifyOwn, S::AwaitingAcceptance),
    (S::New, A::ClassifyNotOwn, S::OutsideAuthority),
    (S::New, A::ClassifyIneligible, S::NotEligible),
    (S::New, A::Withdraw, S::Withdrawn),
    (S::New, A::File, S::Filed),
    (S::AwaitingAcceptance, A::Accept, S::InProgress),
    (S::AwaitingAcceptance, A::Refuse, S::Refused),
    (S::AwaitingAcceptance, A::Withdraw, S::Withdrawn),
    (S::OutsideAuthority, A::Transfer, S::Transferred),
    (S::OutsideAuthority, A::Guide, S::Guided),
    (S::OutsideAuthority, A::Return, S::Returned),
    (S::NotEligible, A::Guide, S::Guided),
    (S::NotEligible, A::Return, S::Returned),
    (S::NotEligible, A::File, S::Filed),
    (S::InProgress, A::MarkComplex, S::InProgress),
    (S::InProgress, A::Extend, S::InProgress),
    (S::InProgress, A::Resolve, S::Resolved),
    (S::InProgress, A::Withdraw, S::Withdrawn),
    (S::Transferred, A::Urge, S::Transferred),
    (S::Resolved, A::Reopen, S::Resolved),
];

/// Denunciations may be extended at most twice (Luật Tố cáo Art 30(1)).
pub const MAX_EXTENSIONS: u32 = 2;

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
    match action {
        Action::Extend => {
            if f.case_type != CaseType::ToCao {
                return Err(Refusal::NotForType);
            }
            if !f.complex {
                return Err(Refusal::NeedsComplex);
            }
            if f.extensions >= MAX_EXTENSIONS {
                return Err(Refusal::Exhausted);
            }
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
        _ => {}
    }
    Ok(next)
}

code_enum!(
    /// Why a complaint is not accepted (Luật Khiếu nại 2011 Art 11, clauses 1–9), plus the
    /// unmet conditions of a denunciation (Luật Tố cáo 2018 Art 29(1)).
    RefusalReason {
        /// Art 11(1): internal or directive act, normative document, state-secret matter.
        NoiBo = "kn11_1",
        /// Art 11(2): does not directly affect the complainant.
        KhongLienQuan = "kn11_2",
        /// Art 11(3): lacks capacity, no lawful representative.
        KhongNangLuc = "kn11_3",
        /// Art 11(4): unlawful representative.
        DaiDienKhongHopPhap = "kn11_4",
        /// Art 11(5): no signature or fingerprint.
        KhongChuKy = "kn11_5",
        /// Art 11(6): time limit expired without valid reason.
        HetThoiHieu = "kn11_6",
        /// Art 11(7): already has a second-round decision.
        DaCoQuyetDinhLan2 = "kn11_7",
        /// Art 11(8): suspended and not continued within 30 days.
        DinhChi = "kn11_8",
        /// Art 11(9): accepted or decided by a court.
        ToaAn = "kn11_9",
        /// Luật Tố cáo Art 29(1): the conditions to accept a denunciation are not met.
        ToCaoKhongDuDieuKien = "tc29_1",
    }
);

impl RefusalReason {
    /// The reasons that apply to a case type.
    pub fn for_type(t: CaseType) -> Vec<RefusalReason> {
        match t {
            CaseType::KhieuNai => RefusalReason::ALL
                .iter()
                .copied()
                .filter(|r| *r != RefusalReason::ToCaoKhongDuDieuKien)
                .collect(),
            CaseType::ToCao => vec![RefusalReason::ToCaoKhongDuDieuKien],
            CaseType::KienNghiPhanAnh => vec![],
        }
    }
}

code_enum!(
    /// The outcome of a resolved case: for complaints đúng / sai / đúng một phần; for
    /// denunciations the conclusion; for proposals and feedback, answered.
    Outcome {
        Dung = "dung",
        Sai = "sai",
        DungMotPhan = "dung_mot_phan",
        DaTraLoi = "da_tra_loi",
    }
);

impl Outcome {
    pub fn for_type(t: CaseType) -> &'static [Outcome] {
        match t {
            CaseType::KhieuNai | CaseType::ToCao => {
                &[Outcome::Dung, Outcome::Sai, Outcome::DungMotPhan]
            }
            CaseType::KienNghiPhanAnh => &[Outcome::DaTraLoi],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn facts(t: CaseType, s: CaseStatus) -> CaseFacts {
        CaseFacts {
            case_type: t,
            status: s,
            round: 1,
            complex: false,
            extensions: 0,
            reopened: false,
            remote: false,
        }
    }

    #[test]
    fn codes_read_well_on_the_phone() {
        assert_eq!(case_code(CaseType::KhieuNai, 2026, "", 42), "KN-2026-0042");
        assert_eq!(case_code(CaseType::ToCao, 2026, "BD", 7), "TC-2026-BD-0007");
        assert_eq!(
            case_code(CaseType::KienNghiPhanAnh, 2026, "", 7),
            "KNPA-2026-0007"
        );
    }

    #[test]
    fn the_table_has_no_duplicate_step() {
        let mut seen = HashSet::new();
        for (from, a, _) in TRANSITIONS {
            assert!(seen.insert((*from, *a)), "{from:?} {a:?} twice");
        }
    }

    #[test]
    fn closed_statuses_offer_only_notes_and_follow_ups() {
        for s in [S::Guided, S::Returned, S::Filed, S::Withdrawn, S::Refused] {
            let offered = offered(&facts(CaseType::KhieuNai, s));
            assert_eq!(offered, vec![A::Note, A::Assign], "{s:?}");
        }
    }

    #[test]
    fn a_complaint_is_classified_accepted_and_resolved() {
        let mut f = facts(CaseType::KhieuNai, S::New);
        for a in [A::ClassifyOwn, A::Accept, A::MarkComplex, A::Resolve] {
            f = apply(&f, a).unwrap();
        }
        assert_eq!(f.status, S::Resolved);
        assert!(f.complex);
        assert_eq!(step(&f, A::Accept), Err(Refusal::NotFromStatus));
    }

    #[test]
    fn a_refused_step_names_the_step_to_do_first() {
        let new = facts(CaseType::KhieuNai, S::New);
        assert_eq!(first_do(&new, A::Accept), Some(A::ClassifyOwn));
        let tc = facts(CaseType::ToCao, S::InProgress);
        assert_eq!(first_do(&tc, A::Extend), Some(A::MarkComplex));
        // Allowed already, or no single step opens the way.
        assert_eq!(first_do(&new, A::ClassifyOwn), None);
        let kn = facts(CaseType::KhieuNai, S::InProgress);
        assert_eq!(
            first_do(&kn, A::Extend),
            None,
            "a complaint is never extended"
        );
        let filed = facts(CaseType::KhieuNai, S::Filed);
        assert_eq!(first_do(&filed, A::Accept), None);
    }

    #[test]
    fn only_denunciations_are_extended_and_at_most_twice_after_complex() {
        let kn = facts(CaseType::KhieuNai, S::InProgress);
        assert_eq!(
            step(
                &CaseFacts {
                    complex: true,
                    ..kn
                },
                A::Extend
            ),
            Err(Refusal::NotForType)
        );
        let mut tc = facts(CaseType::ToCao, S::InProgress);
        assert_eq!(step(&tc, A::Extend), Err(Refusal::NeedsComplex));
        tc = apply(&tc, A::MarkComplex).unwrap();
        tc = apply(&tc, A::Extend).unwrap();
        tc = apply(&tc, A::Extend).unwrap();
        assert_eq!(tc.extensions, 2);
        assert_eq!(step(&tc, A::Extend), Err(Refusal::Exhausted));
    }

    #[test]
    fn only_a_resolved_first_round_complaint_reopens_once() {
        let f = facts(CaseType::KhieuNai, S::Resolved);
        let after = apply(&f, A::Reopen).unwrap();
        assert_eq!(step(&after, A::Reopen), Err(Refusal::Exhausted));
        assert_eq!(
            step(&CaseFacts { round: 2, ..f }, A::Reopen),
            Err(Refusal::NotFirstRound)
        );
        assert_eq!(
            step(&facts(CaseType::ToCao, S::Resolved), A::Reopen),
            Err(Refusal::NotForType)
        );
    }

    #[test]
    fn refusal_reasons_follow_the_type() {
        assert_eq!(RefusalReason::for_type(CaseType::KhieuNai).len(), 9);
        assert_eq!(
            RefusalReason::for_type(CaseType::ToCao),
            vec![RefusalReason::ToCaoKhongDuDieuKien]
        );
        assert_eq!(
            step(
                &facts(CaseType::KienNghiPhanAnh, S::AwaitingAcceptance),
                A::Refuse
            ),
            Err(Refusal::NotForType)
        );
    }

    /// The law's steps, written out from DOMAIN.md §2.3 (and Luật KN Art 11, 33; Luật TC
    /// Art 24, 30) independently of `TRANSITIONS`: (from, action, to) as stored codes. Any
    /// (status, action) not listed is refused. Type-specific limits are checked separately.
    const LAW: &[(&str, &str, &str)] = &[
        // Received: classified first (own authority / not / not eligible), or withdrawn, or
        // filed without handling (xếp lưu đơn, TT 07/2014 Art 28).
        ("moi", "phan_loai_thuoc_tq", "cho_thu_ly"),
        ("moi", "phan_loai_ngoai_tq", "ngoai_tham_quyen"),
        ("moi", "phan_loai_khong_du_dk", "khong_du_dk"),
        ("moi", "rut_don", "da_rut"),
        ("moi", "luu_don", "da_luu"),
        // Within our authority: accept (thụ lý) or refuse with a reason (Art 11), or withdraw.
        ("cho_thu_ly", "thu_ly", "dang_giai_quyet"),
        ("cho_thu_ly", "khong_thu_ly", "khong_thu_ly"),
        ("cho_thu_ly", "rut_don", "da_rut"),
        // Not ours: forward (TC: within 5 working days, Art 24(2)), guide once, or return a
        // petition forwarded to us by mistake (TT 07/2014 Art 8(2)).
        ("ngoai_tham_quyen", "chuyen_don", "da_chuyen"),
        ("ngoai_tham_quyen", "huong_dan", "da_huong_dan"),
        ("ngoai_tham_quyen", "tra_lai", "da_tra_lai"),
        // Not eligible (TT 07/2014 Art 6(2)): guide, return or file.
        ("khong_du_dk", "huong_dan", "da_huong_dan"),
        ("khong_du_dk", "tra_lai", "da_tra_lai"),
        ("khong_du_dk", "luu_don", "da_luu"),
        // Being resolved: marked complex, extended (TC only), resolved, or withdrawn.
        ("dang_giai_quyet", "phuc_tap", "dang_giai_quyet"),
        ("dang_giai_quyet", "gia_han", "dang_giai_quyet"),
        ("dang_giai_quyet", "giai_quyet", "da_giai_quyet"),
        ("dang_giai_quyet", "rut_don", "da_rut"),
        // Forwarded: the receiving body is urged when late (Luật TCD Art 26(1)(b)).
        ("da_chuyen", "don_doc", "da_chuyen"),
        // Resolved: a complainant may complain a second time (Luật KN Art 33).
        ("da_giai_quyet", "khieu_nai_lan_2", "da_giai_quyet"),
    ];

    /// Steps outside the table: notes and assignment anywhere; remote area while open.
    fn law_outside_table(f: &CaseFacts, a: Action) -> Option<Option<CaseStatus>> {
        match a {
            A::Note | A::Assign | A::AddPetition | A::VisitEdited => Some(Some(f.status)),
            A::MarkRemote => Some((f.status.is_open() && !f.remote).then_some(f.status)),
            A::Open => Some(None),
            _ => None,
        }
    }

    /// What the law says of `a` on `f`: the next status, or None (refused).
    fn law(f: &CaseFacts, a: Action) -> Option<CaseStatus> {
        if let Some(r) = law_outside_table(f, a) {
            return r;
        }
        let to = LAW
            .iter()
            .find(|(from, act, _)| *from == f.status.code() && *act == a.code())
            .map(|(_, _, to)| CaseStatus::from_code(to).expect("a status of the law"))?;
        let t = f.case_type;
        let allowed = match a {
            // Only a denunciation is extended: once complex, at most twice (Luật TC Art 30).
            A::Extend => t == CaseType::ToCao && f.complex && f.extensions < 2,
            // Complex once; proposals and feedback have no complex procedure.
            A::MarkComplex => t != CaseType::KienNghiPhanAnh && !f.complex,
            // Non-acceptance is for complaints (Art 11) and denunciations (Art 29(1)).
            A::Refuse => t != CaseType::KienNghiPhanAnh,
            // Only a first-round complaint goes to a second round, once.
            A::Reopen => t == CaseType::KhieuNai && f.round == 1 && !f.reopened,
            _ => true,
        };
        allowed.then_some(to)
    }

    fn all_facts() -> Vec<CaseFacts> {
        let mut out = Vec::new();
        for t in CaseType::ALL {
            for st in CaseStatus::ALL {
                for (complex, extensions, round, reopened, remote) in [
                    (false, 0, 1, false, false),
                    (true, 0, 1, false, false),
                    (true, 1, 1, false, true),
                    (true, 2, 1, false, false),
                    (false, 0, 2, false, false),
                    (false, 0, 1, true, false),
                ] {
                    out.push(CaseFacts {
                        case_type: *t,
                        status: *st,
                        round,
                        complex,
                        extensions,
                        reopened,
                        remote,
                    });
                }
            }
        }
        out
    }

    #[test]
    fn every_step_is_allowed_exactly_when_the_law_allows_it() {
        for f in all_facts() {
            for a in Action::ALL {
                if *a == A::Open {
                    continue;
                }
                assert_eq!(step(&f, *a).ok(), law(&f, *a), "{f:?} {a:?}");
            }
        }
    }

    #[test]
    fn the_keys_offer_what_the_law_allows() {
        for f in all_facts() {
            for a in Action::ALL {
                if matches!(a, A::Open | A::AddPetition | A::VisitEdited) {
                    continue;
                }
                let by_law = if *a == A::ClassifyOwn {
                    // The classify key stands for the three classifications.
                    [A::ClassifyOwn, A::ClassifyNotOwn, A::ClassifyIneligible]
                        .iter()
                        .any(|c| law(&f, *c).is_some())
                } else {
                    law(&f, *a).is_some()
                };
                assert_eq!(key_allowed(&f, *a), by_law, "{f:?} {a:?}");
            }
        }
    }

    /// Property: following random steps from intake, every state reached is one the law's
    /// table leads to, and the counters stay within the law.
    #[test]
    fn no_sequence_of_commands_reaches_a_state_the_law_forbids() {
        use rand::{Rng, SeedableRng};
        let reachable: HashSet<&str> = LAW.iter().map(|(_, _, to)| *to).chain(["moi"]).collect();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for _ in 0..5_000 {
            let t = CaseType::ALL[rng.random_range(0..CaseType::ALL.len())];
            let mut f = facts(t, S::New);
            for _ in 0..rng.random_range(1..20) {
                let a = Action::ALL[rng.random_range(0..Action::ALL.len())];
                match apply(&f, a) {
                    Ok(next) => {
                        assert_eq!(Some(next.status), law(&f, a), "{f:?} {a:?}");
                        assert!(reachable.contains(next.status.code()));
                        assert!(next.extensions <= 2);
                        assert!(next.extensions == 0 || (t == CaseType::ToCao && next.complex));
                        assert!(!next.reopened || (t == CaseType::KhieuNai && next.round == 1));
                        f = next;
                    }
                    Err(_) => assert_eq!(law(&f, a), None, "{f:?} {a:?} refused"),
                }
            }
        }
    }
}
