//! The summary figures of the report's paragraph, with their definitions.

use super::*;

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
