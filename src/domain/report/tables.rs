//! The official data tables as data: numbered columns, each with its measure or the reason
//! the book cannot fill it (a gap).

use super::*;

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

pub(super) fn vis(w: VisitWhere, m: VisitMetric) -> Result<Measure, Gap> {
    Ok(Measure::visits(w, m))
}

pub(super) fn cas(w: CaseWhere, m: CaseMetric) -> Result<Measure, Gap> {
    Ok(Measure::cases(w, m))
}

/// Numbers columns in order.
pub(super) fn numbered(cols: Vec<(Vec<Head>, Result<Measure, Gap>)>) -> Vec<ColumnDef> {
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
pub(super) fn tcd01() -> Vec<ColumnDef> {
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
pub(super) fn tcd02() -> Vec<ColumnDef> {
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
pub(super) fn xld01() -> Vec<ColumnDef> {
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
pub(super) const XLD02_STATUS: Option<Gap> = Some(Gap::CourtJudgment);
pub(super) const XLD03_STATUS: Option<Gap> = Some(Gap::RepeatDenunciation);
pub(super) const XLD04_STATUS: Option<Gap> = None;

/// 02/XLD, 03/XLD, 04/XLD — eligible petitions of one type by field, authority and status.
pub(super) fn by_field(
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
pub(super) fn kqgq(types: &'static [CaseType]) -> Vec<ColumnDef> {
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
