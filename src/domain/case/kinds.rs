//! The vocabularies of a case's steps: why acceptance is refused (Luật KN Art 11; Luật TC
//! Art 29(1)), what a complaint is against (Art 2, 47–58), and the outcome of a resolution.

use super::CaseType;

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
    /// What a complaint is against (Luật Khiếu nại Art 2): an administrative decision or act
    /// (Chapter III), or a disciplinary decision of a civil servant (Chapter IV, Art 47–58),
    /// dismissal (buộc thôi việc) having a longer second-round limit (Art 48).
    ComplaintSubject {
        Administrative = "hanh_chinh",
        Disciplinary = "ky_luat",
        Dismissal = "buoc_thoi_viec",
    }
);

impl ComplaintSubject {
    /// (disciplinary, dismissal) as stored on the case.
    pub fn flags(self) -> (bool, bool) {
        match self {
            ComplaintSubject::Administrative => (false, false),
            ComplaintSubject::Disciplinary => (true, false),
            ComplaintSubject::Dismissal => (true, true),
        }
    }

    pub fn from_flags(disciplinary: bool, dismissal: bool) -> ComplaintSubject {
        match (disciplinary, dismissal) {
            (false, _) => ComplaintSubject::Administrative,
            (true, false) => ComplaintSubject::Disciplinary,
            (true, true) => ComplaintSubject::Dismissal,
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

code_enum!(
    /// Who forwarded a petition to us. Luật TCD Art 27(2) lists the first three: only their
    /// petitions' results are owed back by law within 07 working days; another forwarder is
    /// told by the unit's practice (⚑).
    ForwarderKind {
        /// A body of the National Assembly.
        NationalAssembly = "co_quan_quoc_hoi",
        /// A deputy of the National Assembly or of a People's Council.
        Deputy = "dai_bieu",
        /// A Ban tiếp công dân.
        ReceptionBoard = "ban_tiep_cong_dan",
        /// Any other body or person (a department, the press, …).
        Other = "khac",
    }
);

impl ForwarderKind {
    /// One that Luật TCD Art 27(2) lists.
    pub fn listed(self) -> bool {
        self != ForwarderKind::Other
    }
}
