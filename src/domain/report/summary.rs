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
    /// Periodic sessions the head presided in person.
    HeadPeriodic,
    /// Ad hoc sessions the head presided in person.
    HeadAdHoc,
    /// Days on which the head received in person (periodic or ad hoc).
    HeadDays,
    /// Periodic and ad hoc sessions presided by a delegate.
    DelegatedSessions,
    /// Periodic and ad hoc sessions recorded before the book said who presided as what.
    UnmarkedSessions,
    Visits,
    People,
    GroupVisits,
    GroupPeople,
    /// Written petitions received: handed in at visits, and received in writing.
    Petitions,
    PetitionsKhieuNai,
    PetitionsToCao,
    PetitionsKienNghiPhanAnh,
    /// Cases of the period's book: carried over and received; each in exactly one of own,
    /// not own, ineligible, closed unclassified, unclassified.
    CasesInBook,
    CasesCarriedOver,
    CasesReceived,
    CasesOwnAuthority,
    CasesNotOwn,
    CasesIneligible,
    CasesClosedUnclassified,
    CasesUnclassified,
    /// Own authority, to resolve: accepted, or withdrawn.
    CasesToResolve,
    /// Own authority, settled by the forms' convention: resolved, or withdrawn.
    CasesSettled,
    CasesResolved,
    CasesResolvedOnTime,
    CasesResolvedLate,
    CasesWithdrawn,
    /// Own authority, accepted and still being resolved at the end.
    CasesOpen,
    /// Of those still being resolved, overdue.
    CasesOverdue,
    CasesAwaitingAcceptance,
    CasesRefused,
    ComplaintsToResolve,
    ComplaintsSettled,
    DenunciationsToResolve,
    DenunciationsSettled,
    /// Petitions forwarded to the competent body, each once: at the desk (a visit that opened
    /// no case) or by the case's step.
    Transferred,
    /// Cases outside our authority guided in writing (văn bản hướng dẫn).
    GuidedWritten,
    DeskGuided,
    DeskTransferred,
    DeskUrged,
    DeskAnswered,
    DeskFiled,
    /// Reception refused (Luật TCD Art 9): logged, not received — in no table of TT 06/2025,
    /// said in the summary.
    Refused,
    RefusedPeople,
    /// Weeks or months the head received in person fewer days than the legal minimum
    /// (issue 29; the unit's level set).
    ScheduleShort,
    /// Dialogues held (issue 29): in the resolution of complaints (Luật KN Art 30, 39), and
    /// the head's with the people; the people who took part (lượt người); the answers
    /// promised at the public ones, and those given. In no table of TT 06/2025: the summary
    /// says them ("tổ chức 04 cuộc đối thoại … với hơn 320 lượt người").
    DialoguesComplaint,
    DialoguesPublic,
    DialoguePeople,
    PromisesMade,
    PromisesAnswered,
}

impl Figure {
    pub const ALL: &'static [Figure] = &[
        Figure::Sessions,
        Figure::SessionsRegular,
        Figure::SessionsPeriodic,
        Figure::SessionsAdHoc,
        Figure::SessionsOnline,
        Figure::HeadPeriodic,
        Figure::HeadAdHoc,
        Figure::HeadDays,
        Figure::DelegatedSessions,
        Figure::UnmarkedSessions,
        Figure::Visits,
        Figure::People,
        Figure::GroupVisits,
        Figure::GroupPeople,
        Figure::Petitions,
        Figure::PetitionsKhieuNai,
        Figure::PetitionsToCao,
        Figure::PetitionsKienNghiPhanAnh,
        Figure::CasesInBook,
        Figure::CasesCarriedOver,
        Figure::CasesReceived,
        Figure::CasesOwnAuthority,
        Figure::CasesNotOwn,
        Figure::CasesIneligible,
        Figure::CasesClosedUnclassified,
        Figure::CasesUnclassified,
        Figure::CasesToResolve,
        Figure::CasesSettled,
        Figure::CasesResolved,
        Figure::CasesResolvedOnTime,
        Figure::CasesResolvedLate,
        Figure::CasesWithdrawn,
        Figure::CasesOpen,
        Figure::CasesOverdue,
        Figure::CasesAwaitingAcceptance,
        Figure::CasesRefused,
        Figure::ComplaintsToResolve,
        Figure::ComplaintsSettled,
        Figure::DenunciationsToResolve,
        Figure::DenunciationsSettled,
        Figure::Transferred,
        Figure::GuidedWritten,
        Figure::DeskGuided,
        Figure::DeskTransferred,
        Figure::DeskUrged,
        Figure::DeskAnswered,
        Figure::DeskFiled,
        Figure::Refused,
        Figure::RefusedPeople,
        Figure::ScheduleShort,
        Figure::DialoguesComplaint,
        Figure::DialoguesPublic,
        Figure::DialoguePeople,
        Figure::PromisesMade,
        Figure::PromisesAnswered,
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
            F::HeadPeriodic => "head_periodic_sessions",
            F::HeadAdHoc => "head_ad_hoc_sessions",
            F::HeadDays => "head_days",
            F::DelegatedSessions => "delegated_sessions",
            F::UnmarkedSessions => "unmarked_sessions",
            F::Visits => "visits",
            F::People => "people",
            F::GroupVisits => "group_visits",
            F::GroupPeople => "group_people",
            F::Petitions => "petitions",
            F::PetitionsKhieuNai => "petitions_khieu_nai",
            F::PetitionsToCao => "petitions_to_cao",
            F::PetitionsKienNghiPhanAnh => "petitions_kien_nghi_phan_anh",
            F::CasesInBook => "cases_in_book",
            F::CasesCarriedOver => "cases_carried_over",
            F::CasesReceived => "cases_received",
            F::CasesOwnAuthority => "cases_own_authority",
            F::CasesNotOwn => "cases_not_own_authority",
            F::CasesIneligible => "cases_ineligible",
            F::CasesClosedUnclassified => "cases_closed_unclassified",
            F::CasesUnclassified => "cases_unclassified",
            F::CasesToResolve => "cases_to_resolve",
            F::CasesSettled => "cases_settled",
            F::CasesResolved => "cases_resolved",
            F::CasesResolvedOnTime => "cases_resolved_on_time",
            F::CasesResolvedLate => "cases_resolved_late",
            F::CasesWithdrawn => "cases_withdrawn",
            F::CasesOpen => "cases_open",
            F::CasesOverdue => "cases_overdue",
            F::CasesAwaitingAcceptance => "cases_awaiting_acceptance",
            F::CasesRefused => "cases_refused",
            F::ComplaintsToResolve => "complaints_to_resolve",
            F::ComplaintsSettled => "complaints_settled",
            F::DenunciationsToResolve => "denunciations_to_resolve",
            F::DenunciationsSettled => "denunciations_settled",
            F::Transferred => "transferred",
            F::GuidedWritten => "guided_in_writing",
            F::DeskGuided => "desk_guided",
            F::DeskTransferred => "desk_transferred",
            F::DeskUrged => "desk_urged",
            F::DeskAnswered => "desk_answered",
            F::DeskFiled => "desk_filed",
            F::Refused => "refused",
            F::RefusedPeople => "refused_people",
            F::ScheduleShort => "schedule_short",
            F::DialoguesComplaint => "dialogues_complaint",
            F::DialoguesPublic => "dialogues_public",
            F::DialoguePeople => "dialogue_people",
            F::PromisesMade => "promises_made",
            F::PromisesAnswered => "promises_answered",
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
        let vb = |forms, blocks| VisitWhere {
            forms: Some(forms),
            blocks: Some(blocks),
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
        let kt = |cond, types| CaseWhere {
            types: Some(types),
            ..CaseWhere::new(cond)
        };
        let cases = |w| Measure::cases(w, CM::Cases);
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
            F::HeadPeriodic => Measure::visits(vb(DINH_KY, B_HEAD), M::Sessions),
            F::HeadAdHoc => Measure::visits(vb(DOT_XUAT, B_HEAD), M::Sessions),
            F::HeadDays => Measure::visits(vb(PERIODIC, B_HEAD), M::Days),
            F::DelegatedSessions => Measure::visits(vb(PERIODIC, B_DELEGATED), M::Sessions),
            F::UnmarkedSessions => Measure::visits(vb(PERIODIC, B_UNMARKED), M::Sessions),
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
            F::CasesInBook => cases(k(K::All)),
            F::CasesCarriedOver => cases(k(K::CarriedOver)),
            F::CasesReceived => cases(k(K::Received)),
            F::CasesOwnAuthority => cases(k(K::Own)),
            F::CasesNotOwn => cases(k(K::NotOwn)),
            F::CasesIneligible => cases(k(K::Ineligible)),
            F::CasesClosedUnclassified => cases(k(K::ClosedUnclassified)),
            F::CasesUnclassified => cases(k(K::Unclassified)),
            F::CasesToResolve => cases(k(K::ToResolve)),
            F::CasesSettled => cases(k(K::Settled)),
            F::CasesResolved => cases(k(K::Resolved)),
            F::CasesResolvedOnTime => cases(k(K::OnTime)),
            F::CasesResolvedLate => cases(k(K::Late)),
            F::CasesWithdrawn => cases(k(K::Withdrawn)),
            F::CasesOpen => cases(k(K::InProgressAtEnd)),
            F::CasesOverdue => cases(k(K::Overdue)),
            F::CasesAwaitingAcceptance => cases(k(K::NotStartedAtEnd)),
            F::CasesRefused => cases(k(K::Refused)),
            F::ComplaintsToResolve => cases(kt(K::ToResolve, C_KN)),
            F::ComplaintsSettled => cases(kt(K::Settled, C_KN)),
            F::DenunciationsToResolve => cases(kt(K::ToResolve, C_TC)),
            F::DenunciationsSettled => cases(kt(K::Settled, C_TC)),
            F::Transferred => Measure::visits(
                VisitWhere {
                    linked: Some(false),
                    ..vh(H_TRANSFER)
                },
                M::Visits,
            )
            .plus(Term::Cases(k(K::Forwarded), CM::Cases)),
            F::GuidedWritten => cases(k(K::Guided)),
            F::DeskGuided => Measure::visits(vh(H_GUIDE), M::Visits),
            F::DeskTransferred => Measure::visits(vh(H_TRANSFER), M::Visits),
            F::DeskUrged => Measure::visits(vh(H_URGE), M::Visits),
            F::DeskAnswered => Measure::visits(vh(H_ANSWER), M::Visits),
            F::DeskFiled => Measure::visits(vh(H_FILE), M::Visits),
            F::Refused => Measure::visits(vh(H_REFUSED), M::Visits),
            F::RefusedPeople => Measure::visits(vh(H_REFUSED), M::People),
            F::ScheduleShort => Measure {
                terms: vec![Term::Short],
            },
            F::DialoguesComplaint => Measure {
                terms: vec![Term::Dialogues(DialogueMetric::Complaint)],
            },
            F::DialoguesPublic => Measure {
                terms: vec![Term::Dialogues(DialogueMetric::Public)],
            },
            F::DialoguePeople => Measure {
                terms: vec![Term::Dialogues(DialogueMetric::People)],
            },
            F::PromisesMade => Measure {
                terms: vec![Term::Dialogues(DialogueMetric::Promised)],
            },
            F::PromisesAnswered => Measure {
                terms: vec![Term::Dialogues(DialogueMetric::Answered)],
            },
        }
    }
}

/// A percentage rounded to one decimal, None when the base is zero.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}
