//! The official data tables as data: numbered columns, each with its measure or the reason
//! the book cannot fill it (a gap).

use super::*;

/// Why the book cannot fill a column (shown empty and marked, never invented).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gap {
    /// Some periodic or ad hoc sessions of the period were recorded before the book said
    /// whether their leader presided as the head in person or as a delegate.
    Delegation,
    /// The execution of decisions and conclusions (05/KQTH) is not recorded.
    Execution,
    /// State management of complaints and denunciations (06/QLKNTC: documents, training,
    /// responsibility inspections) is not a reception book's business.
    StateManagement,
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

impl Gap {
    pub const ALL: &'static [Gap] = &[
        Gap::Delegation,
        Gap::Execution,
        Gap::StateManagement,
        Gap::Replies,
        Gap::Signers,
        Gap::Money,
        Gap::Land,
        Gap::RightsRestored,
        Gap::Sanctions,
        Gap::Investigation,
        Gap::CourtJudgment,
        Gap::RepeatDenunciation,
        Gap::PriorStatus,
    ];

    /// The stable code (a closed period's stored figures).
    pub fn code(self) -> &'static str {
        match self {
            Gap::Delegation => "delegation",
            Gap::Execution => "execution",
            Gap::StateManagement => "state_management",
            Gap::Replies => "replies",
            Gap::Signers => "signers",
            Gap::Money => "money",
            Gap::Land => "land",
            Gap::RightsRestored => "rights_restored",
            Gap::Sanctions => "sanctions",
            Gap::Investigation => "investigation",
            Gap::CourtJudgment => "court_judgment",
            Gap::RepeatDenunciation => "repeat_denunciation",
            Gap::PriorStatus => "prior_status",
        }
    }

    pub fn from_code(s: &str) -> Option<Gap> {
        Gap::ALL.iter().copied().find(|g| g.code() == s)
    }
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
    // TT 06/2025
    Days,
    TotalPetitions,
    OwnPetitions,
    OwnCases,
    CaseCount,
    Considering,
    Accepted,
    NotAccepted,
    WithdrawnOrStopped,
    Decisions,
    Conclusions,
    FirstTime,
    Mixed,
    Organisations,
    Individuals,
    Persons,
    OfWhomOfficials,
    SanctionsGroup,
    InvestigationGroup,
    KnExecution,
    TcExecution,
    ToExecute,
    Executed,
    Due,
    Done,
    Prosecution,
    ProsecutedCases,
    ProsecutedPersons,
    Documents,
    Issued,
    Amended,
    Training,
    Classes,
    Materials,
    Inspections,
    InspectionCount,
    Units,
    WithViolations,
    Recommendations,
    FollowUp,
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

/// The official tables of both circulars (TT 01/2024's as implemented by vendors, DOMAIN.md
/// §5.2 and §11; TT 06/2025's from a Word copy of the circular, §11). Two forms of different
/// circulars may share a number (01/TCD, 02/XLD): a report holds one circular's forms only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    // TT 01/2024/TT-TTCP
    Tcd01,
    Tcd02,
    Xld01,
    Xld02,
    Xld03,
    Xld04,
    Kqgq01,
    Kqgq03,
    // TT 06/2025/TT-TTCP
    T6Tcd01,
    T6Xld02,
    T6Gqkn03,
    T6Gqtc04,
    T6Kqth05,
    T6Qlkntc06,
}

impl Form {
    /// The form's number as printed: `01/TCD`.
    pub fn code(self) -> &'static str {
        match self {
            Form::Tcd01 | Form::T6Tcd01 => "01/TCD",
            Form::Tcd02 => "02/TCD",
            Form::Xld01 => "01/XLD",
            Form::Xld02 | Form::T6Xld02 => "02/XLD",
            Form::Xld03 => "03/XLD",
            Form::Xld04 => "04/XLD",
            Form::Kqgq01 => "01/KQGQ",
            Form::Kqgq03 => "03/KQGQ",
            Form::T6Gqkn03 => "03/GQKN",
            Form::T6Gqtc04 => "04/GQTC",
            Form::T6Kqth05 => "05/KQTH",
            Form::T6Qlkntc06 => "06/QLKNTC",
        }
    }

    /// The circular whose form this is.
    pub fn circular(self) -> Circular {
        match self {
            Form::Tcd01
            | Form::Tcd02
            | Form::Xld01
            | Form::Xld02
            | Form::Xld03
            | Form::Xld04
            | Form::Kqgq01
            | Form::Kqgq03 => Circular::Tt01_2024,
            _ => Circular::Tt06_2025,
        }
    }

    /// The form of `circular` numbered `s` (`01/TCD`, `01-tcd`).
    pub fn from_code(circular: Circular, s: &str) -> Option<Form> {
        let s = s.trim().to_ascii_uppercase().replace(['-', '_'], "/");
        circular.forms().iter().copied().find(|f| f.code() == s)
    }

    /// The column headers of 05/KQTH and 06/QLKNTC follow the outline of DOMAIN.md §11, not
    /// a copy of the form itself (the book fills none of their columns).
    pub fn headers_from_outline(self) -> bool {
        matches!(self, Form::T6Kqth05 | Form::T6Qlkntc06)
    }

    /// The numbered columns of the form.
    pub fn columns(self) -> Vec<ColumnDef> {
        match self {
            Form::Tcd01 => tt01::tcd01(),
            Form::Tcd02 => tt01::tcd02(),
            Form::Xld01 => tt01::xld01(),
            Form::Xld02 => tt01::by_field(C_KN, XLD02_FIELDS, XLD02_STATUS),
            Form::Xld03 => tt01::by_field(C_TC, XLD03_FIELDS, XLD03_STATUS),
            Form::Xld04 => tt01::by_field(C_KNPA, XLD04_FIELDS, XLD04_STATUS),
            Form::Kqgq01 => tt01::kqgq(C_KN),
            Form::Kqgq03 => tt01::kqgq(C_TC),
            Form::T6Tcd01 => tt06::tcd01(),
            Form::T6Xld02 => tt06::xld02(),
            Form::T6Gqkn03 => tt06::resolution(C_KN),
            Form::T6Gqtc04 => tt06::resolution(C_TC),
            Form::T6Kqth05 => tt06::kqth05(),
            Form::T6Qlkntc06 => tt06::qlkntc06(),
        }
    }

    /// The form's own identities (its "MS" row): column `lhs` equals the sum of each list
    /// of columns. They hold for every period whenever every column involved is filled.
    pub fn identities(self) -> Vec<(u16, Vec<u16>)> {
        let r = |a: u16, b: u16| (a..=b).collect::<Vec<u16>>();
        match self {
            Form::Tcd01 => vec![
                (1, vec![4, 13, 22]),
                (2, vec![5, 14, 23]),
                (3, vec![6, 7, 15, 16, 24, 25]),
            ],
            Form::Tcd02 => vec![
                (1, vec![3, 5, 7]),
                (1, vec![9, 11]),
                (2, vec![4, 6, 8]),
                (2, vec![10, 12]),
                (12, vec![13, 14, 15]),
            ],
            Form::Xld01 => vec![(1, vec![2, 5]), (10, vec![11, 12, 13]), (10, r(15, 20))],
            Form::Xld02 | Form::Xld03 | Form::Xld04 => {
                let n = match self {
                    Form::Xld02 => XLD02_FIELDS.len(),
                    Form::Xld03 => XLD03_FIELDS.len(),
                    _ => XLD04_FIELDS.len(),
                } as u16;
                // Fields 2 ..= n + 1; then own (two rounds for complaints) and not own.
                let own_to = if self == Form::Xld02 { n + 3 } else { n + 2 };
                vec![(1, r(2, n + 1)), (1, r(n + 2, own_to + 1))]
            }
            Form::Kqgq01 => vec![(2, vec![3, 4]), (5, vec![6, 7]), (6, r(8, 12))],
            Form::Kqgq03 => vec![(2, vec![3, 4]), (5, vec![6, 7]), (6, r(8, 10))],
            Form::T6Tcd01 => vec![
                (1, vec![5, 11, 17]),
                (2, vec![6, 12, 18]),
                (3, vec![7, 13, 19]),
                (4, vec![8, 14, 20]),
            ],
            Form::T6Xld02 => vec![
                (3, vec![4, 23]),
                (4, vec![6, 12, 19]),
                (6, vec![7, 8]),
                (6, vec![9, 10, 11]),
                (12, vec![13, 14]),
                (12, r(15, 18)),
                (19, vec![20, 21, 22]),
                (23, vec![24, 25]),
            ],
            Form::T6Gqkn03 => vec![(2, r(3, 6)), (7, r(8, 12))],
            Form::T6Gqtc04 => vec![(2, r(3, 6)), (7, r(8, 13))],
            Form::T6Kqth05 | Form::T6Qlkntc06 => vec![],
        }
    }
}

/// Identities between two forms of a circular: (form, column) equals (form, column).
pub fn cross_identities(circular: Circular) -> Vec<((Form, u16), (Form, u16))> {
    match circular {
        Circular::Tt01_2024 => vec![],
        Circular::Tt06_2025 => vec![
            // 03/GQKN (1) and 04/GQTC (1) are 02/XLD's complaints and denunciations within
            // our authority.
            ((Form::T6Gqkn03, 1), (Form::T6Xld02, 6)),
            ((Form::T6Gqtc04, 1), (Form::T6Xld02, 12)),
        ],
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
