//! Words of the period reports: a period's name and dates, the forms' titles and headers,
//! the figures, the gaps left empty, percentages.

use super::words::*;
use super::{Lang, Msg};

/// "Quý I năm 2026", "6 tháng đầu năm 2026", "Tháng 11/2026", "Từ ngày … đến ngày …".
pub fn period_label(lang: Lang, p: &crate::domain::report::Period) -> String {
    use crate::domain::date::format_date;
    use crate::domain::report::PeriodKind as K;
    match p.kind {
        K::Quarter(q) => {
            let n = match (lang, q) {
                (Lang::Vi, 1) => "I".to_owned(),
                (Lang::Vi, 2) => "II".to_owned(),
                (Lang::Vi, 3) => "III".to_owned(),
                (Lang::Vi, _) => "IV".to_owned(),
                (Lang::En, q) => q.to_string(),
            };
            Msg::RpQuarter.fill(lang, &[&n, &p.year])
        }
        K::SixMonths => Msg::RpSixMonths.fill(lang, &[&p.year]),
        K::NineMonths => Msg::RpNineMonths.fill(lang, &[&p.year]),
        K::Year => Msg::RpYear.fill(lang, &[&p.year]),
        K::Month(m) => Msg::RpMonth.fill(lang, &[&format!("{m:02}"), &p.year]),
        K::Range => Msg::RpRange.fill(lang, &[&format_date(p.from), &format_date(p.to)]),
    }
}

/// "Số liệu tính từ ngày 15/12/2025 đến ngày 14/03/2026".
pub fn period_dates(lang: Lang, p: &crate::domain::report::Period) -> String {
    use crate::domain::date::format_date;
    Msg::RpDates.fill(lang, &[&format_date(p.from), &format_date(p.to)])
}

/// The label and the dates together: "Quý I năm 2026 (15/12/2025 – 14/03/2026)".
pub fn period_full(lang: Lang, p: &crate::domain::report::Period) -> String {
    use crate::domain::date::format_date;
    format!(
        "{} ({} – {})",
        period_label(lang, p),
        format_date(p.from),
        format_date(p.to)
    )
}

/// An entity of the journal, named as an officer says it (what was written since a
/// period was closed).
pub fn audit_table(entity: &str) -> Msg {
    match entity {
        "visit" => Msg::RpSinceVisits,
        "session" => Msg::RpSinceSessions,
        "case" | "case_event" => Msg::RpSinceCases,
        "citizen" => Msg::RpSinceCitizens,
        "field" => Msg::RpSinceFields,
        "rule" => Msg::RpSinceRules,
        "calendar_day" => Msg::RpSinceDays,
        "calendar_year" => Msg::RpSinceYears,
        _ => Msg::RpSinceSettings,
    }
}

/// "Thông tư 06/2025/TT-TTCP".
pub fn circular_name(lang: Lang, c: crate::domain::report::Circular) -> String {
    Msg::RpCircularName.fill(lang, &[&c.number()])
}

/// The circular whose forms a report fills, and when a commune's report of it is due.
pub fn circular_line(
    lang: Lang,
    c: crate::domain::report::Circular,
    p: &crate::domain::report::Period,
) -> String {
    use crate::domain::date::format_date;
    let mut s = Msg::RpCircular.fill(lang, &[&c.number(), &format_date(c.in_force_from())]);
    if let Some(due) = c.due_on(p) {
        s.push_str(&Msg::RpCircularDue.fill(lang, &[&format_date(due)]));
    }
    s
}

/// A presiding leader and how they presided: "Phạm Quốc Hưng – Chủ tịch UBND (trực tiếp)".
pub fn presider_label(lang: Lang, p: &crate::domain::report::Presider) -> String {
    match p.role {
        Some(role) => format!("{} ({})", p.name, presider_role_short(role).t(lang)),
        None => p.name.clone(),
    }
}

pub fn form_title(f: crate::domain::report::Form) -> Msg {
    use crate::domain::report::Form as F;
    match f {
        F::Tcd01 => Msg::Fm01Tcd,
        F::Tcd02 => Msg::Fm02Tcd,
        F::Xld01 => Msg::Fm01Xld,
        F::Xld02 => Msg::Fm02Xld,
        F::Xld03 => Msg::Fm03Xld,
        F::Xld04 => Msg::Fm04Xld,
        F::Kqgq01 => Msg::Fm01Kqgq,
        F::Kqgq03 => Msg::Fm03Kqgq,
        F::T6Tcd01 => Msg::Fm01Tcd,
        F::T6Xld02 => Msg::Fm01Xld,
        F::T6Gqkn03 => Msg::Fm03Gqkn,
        F::T6Gqtc04 => Msg::Fm04Gqtc,
        F::T6Kqth05 => Msg::Fm05Kqth,
        F::T6Qlkntc06 => Msg::Fm06Qlkntc,
    }
}

pub fn report_head(h: crate::domain::report::Head) -> Msg {
    use crate::domain::report::Head as H;
    match h {
        H::Total => Msg::HdTotal,
        H::Regular => Msg::HdRegular,
        H::Periodic => Msg::HdPeriodic,
        H::Groups => Msg::HdGroups,
        H::Visits => Msg::HdVisits,
        H::People => Msg::HdPeople,
        H::Matters => Msg::HdMatters,
        H::MattersFirst => Msg::HdMattersFirst,
        H::MattersRepeat => Msg::HdMattersRepeat,
        H::Sessions => Msg::HdSessions,
        H::GroupCount => Msg::HdGroupCount,
        H::ByHead => Msg::HdByHead,
        H::ByDelegate => Msg::HdByDelegate,
        H::Petitions => Msg::HdPetitions,
        H::Cases => Msg::HdCases,
        H::ByContent => Msg::HdByContent,
        H::KhieuNai => Msg::HdKhieuNai,
        H::ToCao => Msg::HdToCao,
        H::KienNghiPhanAnh => Msg::HdKnpa,
        H::ByAuthority => Msg::HdByAuthority,
        H::Own => Msg::HdOwn,
        H::NotOwn => Msg::HdNotOwn,
        H::NotOwnResult => Msg::HdNotOwnResult,
        H::Guided => Msg::HdGuided,
        H::Transferred => Msg::HdTransferred,
        H::Urged => Msg::HdUrged,
        H::Replies => Msg::HdReplies,
        H::CarriedOver => Msg::HdCarriedOver,
        H::ReceivedInPeriod => Msg::HdReceived,
        H::ManySigners => Msg::HdManySigners,
        H::OneSigner => Msg::HdOneSigner,
        H::Processed => Msg::HdProcessed,
        H::Eligible => Msg::HdEligible,
        H::PriorStatus => Msg::HdPriorStatus,
        H::Result => Msg::HdResult,
        H::ByField => Msg::HdByField,
        H::Administrative => Msg::HdAdministrative,
        H::PolicyRegime => Msg::HdPolicyRegime,
        H::LandHousing => Msg::HdLandHousing,
        H::CivilService => Msg::HdCivilService,
        H::Other => Msg::HdOther,
        H::Corruption => Msg::HdCorruption,
        H::Judicial => Msg::HdJudicial,
        H::PartyUnions => Msg::HdPartyUnions,
        H::Land => Msg::HdLand,
        H::FirstRound => Msg::HdFirstRound,
        H::SecondRound => Msg::HdSecondRound,
        H::ByStatus => Msg::HdByStatus,
        H::Resolved => Msg::HdResolved,
        H::InProgress => Msg::HdInProgress,
        H::NotStarted => Msg::HdNotStarted,
        H::CourtJudgment => Msg::HdCourtJudgment,
        H::RepeatDenunciation => Msg::HdRepeatDenunciation,
        H::Withdrawn => Msg::HdWithdrawn,
        H::ByDecision => Msg::HdByDecision,
        H::Analysis => Msg::HdAnalysis,
        H::Justified => Msg::HdJustified,
        H::Unjustified => Msg::HdUnjustified,
        H::PartlyJustified => Msg::HdPartly,
        H::Upheld => Msg::HdUpheld,
        H::Overturned => Msg::HdOverturned,
        H::Recovered => Msg::HdRecovered,
        H::Returned => Msg::HdReturned,
        H::MoneyMillion => Msg::HdMoney,
        H::LandM2 => Msg::HdLandM2,
        H::RightsRestored => Msg::HdRights,
        H::Sanctions => Msg::HdSanctions,
        H::Investigation => Msg::HdInvestigation,
        H::Deadline => Msg::HdDeadline,
        H::OnTime => Msg::HdOnTime,
        H::Late => Msg::HdLate,
        H::Unit => Msg::HdUnit,
        H::Days => Msg::HdDays,
        H::TotalPetitions => Msg::HdTotalPetitions,
        H::OwnPetitions => Msg::HdOwnPetitions,
        H::OwnCases => Msg::HdOwnCases,
        H::CaseCount => Msg::HdCaseCount,
        H::Considering => Msg::HdConsidering,
        H::Accepted => Msg::HdAccepted,
        H::NotAccepted => Msg::HdNotAccepted,
        H::WithdrawnOrStopped => Msg::HdWithdrawnOrStopped,
        H::Decisions => Msg::HdDecisions,
        H::Conclusions => Msg::HdConclusions,
        H::FirstTime => Msg::HdFirstTime,
        H::Mixed => Msg::HdMixed,
        H::Organisations => Msg::HdOrganisations,
        H::Individuals => Msg::HdIndividuals,
        H::Persons => Msg::HdPersons,
        H::OfWhomOfficials => Msg::HdOfWhomOfficials,
        H::SanctionsGroup => Msg::HdSanctionsGroup,
        H::InvestigationGroup => Msg::HdInvestigationGroup,
        H::KnExecution => Msg::HdKnExecution,
        H::TcExecution => Msg::HdTcExecution,
        H::ToExecute => Msg::HdToExecute,
        H::Executed => Msg::HdExecuted,
        H::Due => Msg::HdDue,
        H::Done => Msg::HdDone,
        H::Prosecution => Msg::HdProsecution,
        H::ProsecutedCases => Msg::HdProsecutedCases,
        H::ProsecutedPersons => Msg::HdProsecutedPersons,
        H::Documents => Msg::HdDocuments,
        H::Issued => Msg::HdIssued,
        H::Amended => Msg::HdAmended,
        H::Training => Msg::HdTraining,
        H::Classes => Msg::HdClasses,
        H::Materials => Msg::HdMaterials,
        H::Inspections => Msg::HdInspections,
        H::InspectionCount => Msg::HdInspectionCount,
        H::Units => Msg::HdUnits,
        H::WithViolations => Msg::HdWithViolations,
        H::Recommendations => Msg::HdRecommendations,
        H::FollowUp => Msg::HdFollowUp,
    }
}

/// A header path as one line: "Tiếp thường xuyên · Đoàn đông người · Số đoàn".
pub fn head_path(lang: Lang, head: &[crate::domain::report::Head]) -> String {
    head.iter()
        .map(|h| report_head(*h).t(lang))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn report_gap(g: crate::domain::report::Gap) -> Msg {
    use crate::domain::report::Gap as G;
    match g {
        G::Delegation => Msg::GpDelegation,
        G::Execution => Msg::GpExecution,
        G::StateManagement => Msg::GpStateManagement,
        G::Replies => Msg::GpReplies,
        G::Signers => Msg::GpSigners,
        G::Money => Msg::GpMoney,
        G::Land => Msg::GpLand,
        G::RightsRestored => Msg::GpRights,
        G::Sanctions => Msg::GpSanctions,
        G::Investigation => Msg::GpInvestigation,
        G::CourtJudgment => Msg::GpCourt,
        G::RepeatDenunciation => Msg::GpRepeatTc,
        G::PriorStatus => Msg::GpPrior,
    }
}

pub fn report_figure(f: crate::domain::report::Figure) -> Msg {
    use crate::domain::report::Figure as F;
    match f {
        F::Sessions => Msg::FgSessions,
        F::SessionsRegular => Msg::FgSessionsRegular,
        F::SessionsPeriodic => Msg::FgSessionsPeriodic,
        F::SessionsAdHoc => Msg::FgSessionsAdHoc,
        F::SessionsOnline => Msg::FgSessionsOnline,
        F::HeadPeriodic => Msg::FgHeadPeriodic,
        F::HeadAdHoc => Msg::FgHeadAdHoc,
        F::HeadDays => Msg::FgHeadDays,
        F::DelegatedSessions => Msg::FgDelegated,
        F::UnmarkedSessions => Msg::FgUnmarked,
        F::Visits => Msg::FgVisits,
        F::People => Msg::FgPeople,
        F::GroupVisits => Msg::FgGroupVisits,
        F::GroupPeople => Msg::FgGroupPeople,
        F::Petitions => Msg::FgPetitions,
        F::PetitionsKhieuNai => Msg::FgPetitionsKn,
        F::PetitionsToCao => Msg::FgPetitionsTc,
        F::PetitionsKienNghiPhanAnh => Msg::FgPetitionsKnpa,
        F::CasesInBook => Msg::FgCasesInBook,
        F::CasesCarriedOver => Msg::FgCasesCarried,
        F::CasesReceived => Msg::FgCasesReceived,
        F::CasesOwnAuthority => Msg::FgCasesOwn,
        F::CasesNotOwn => Msg::FgCasesNotOwn,
        F::CasesIneligible => Msg::FgCasesIneligible,
        F::CasesClosedUnclassified => Msg::FgCasesClosedUnclassified,
        F::CasesUnclassified => Msg::FgCasesUnclassified,
        F::CasesToResolve => Msg::FgCasesToResolve,
        F::CasesSettled => Msg::FgCasesSettled,
        F::CasesResolved => Msg::FgCasesResolved,
        F::CasesResolvedOnTime => Msg::FgCasesOnTime,
        F::CasesResolvedLate => Msg::FgCasesLate,
        F::CasesWithdrawn => Msg::FgCasesWithdrawn,
        F::CasesOpen => Msg::FgCasesOpen,
        F::CasesOverdue => Msg::FgCasesOverdue,
        F::CasesAwaitingAcceptance => Msg::FgCasesAwaiting,
        F::CasesRefused => Msg::FgCasesRefused,
        F::ComplaintsToResolve => Msg::FgComplaintsToResolve,
        F::ComplaintsSettled => Msg::FgComplaintsSettled,
        F::DenunciationsToResolve => Msg::FgDenunciationsToResolve,
        F::DenunciationsSettled => Msg::FgDenunciationsSettled,
        F::Transferred => Msg::FgTransferred,
        F::GuidedWritten => Msg::FgGuidedWritten,
        F::DeskGuided => Msg::FgDeskGuided,
        F::DeskTransferred => Msg::FgDeskTransferred,
        F::DeskUrged => Msg::FgDeskUrged,
        F::DeskAnswered => Msg::FgDeskAnswered,
        F::DeskFiled => Msg::FgDeskFiled,
        F::Refused => Msg::FgRefused,
        F::RefusedPeople => Msg::FgRefusedPeople,
        F::ScheduleShort => Msg::FgScheduleShort,
        F::DialoguesComplaint => Msg::FgDialoguesComplaint,
        F::DialoguesPublic => Msg::FgDialoguesPublic,
        F::DialoguePeople => Msg::FgDialoguePeople,
        F::PromisesMade => Msg::FgPromisesMade,
        F::PromisesAnswered => Msg::FgPromisesAnswered,
    }
}

/// A percentage as printed: "66,7%" (vi) or "66.7%" (en); "—" without a base.
pub fn percent_text(lang: Lang, p: Option<f64>) -> String {
    match p {
        None => Msg::RpNone.t(lang).to_owned(),
        Some(v) => {
            let s = format!("{v:.1}");
            let s = s.strip_suffix(".0").unwrap_or(&s).to_owned();
            let s = if lang == Lang::Vi {
                s.replace('.', ",")
            } else {
                s
            };
            Msg::RpPercent.fill(lang, &[&s])
        }
    }
}

fn case_cond(lang: Lang, c: crate::domain::report::CaseCond) -> String {
    use crate::domain::report::CaseCond as K;
    let m = match c {
        K::All => Msg::DcAll,
        K::CarriedOver => Msg::DcCarried,
        K::Received => Msg::DcReceived,
        K::ReceivedWritten => Msg::DcWritten,
        K::Processed => Msg::DcProcessed,
        K::Eligible => Msg::DcEligible,
        K::Own => Msg::DcOwn,
        K::OwnCarriedOver => Msg::DcOwnCarried,
        K::OwnReceived => Msg::DcOwnReceived,
        K::NotOwn => Msg::DcNotOwn,
        K::NotOwnHandled => Msg::DcNotOwnHandled,
        K::Ineligible => Msg::DcIneligible,
        K::ClosedUnclassified => Msg::DcClosedUnclassified,
        K::Unclassified => Msg::DcUnclassified,
        K::Resolved => Msg::DcResolved,
        K::ResolvedWith(o) => return Msg::DcResolvedWith.fill(lang, &[&outcome(o).t(lang)]),
        K::OnTime => Msg::DcOnTime,
        K::Late => Msg::DcLate,
        K::Withdrawn => Msg::DcWithdrawn,
        K::Refused => Msg::DcRefused,
        K::ToResolve => Msg::DcToResolve,
        K::Settled => Msg::DcSettled,
        K::Accepted => Msg::DcAccepted,
        K::InProgressAtEnd => Msg::DcInProgress,
        K::NotStartedAtEnd => Msg::DcNotStarted,
        K::Overdue => Msg::DcOverdue,
        K::Guided => Msg::DcGuided,
        K::Transferred => Msg::DcTransferred,
        K::Urged => Msg::DcUrged,
        K::Forwarded => Msg::DcForwarded,
    };
    m.t(lang).to_owned()
}

/// A block of 01/TCD in words.
pub fn block_name(b: crate::domain::report::Block) -> Msg {
    use crate::domain::report::Block as B;
    match b {
        B::Regular => Msg::BlockRegular,
        B::Head => Msg::BlockHead,
        B::Delegated => Msg::BlockDelegated,
        B::Unmarked => Msg::BlockUnmarked,
    }
}

/// The definition of a measure, one line per term: where it counts, what must hold, what
/// it adds. `field_name` names a field id; `column_name` a report column code.
pub fn describe_measure(
    lang: Lang,
    m: &crate::domain::report::Measure,
    threshold: u32,
    field_name: &dyn Fn(i64) -> String,
    column_name: &dyn Fn(&str) -> String,
) -> Vec<String> {
    use crate::domain::report::{CaseMetric as CM, Term, VisitMetric as VM};
    let join = |v: Vec<&str>| v.join(", ");
    let mut out = Vec::new();
    for (i, t) in m.terms.iter().enumerate() {
        let mut parts: Vec<String> = Vec::new();
        let (source, metric) = match t {
            Term::Visits(w, metric) => {
                if let Some(f) = w.forms {
                    let names = f.iter().map(|x| reception_form(*x).t(lang)).collect();
                    parts.push(Msg::DfForms.fill(lang, &[&join(names)]));
                }
                if let Some(b) = w.blocks {
                    let names = b.iter().map(|x| block_name(*x).t(lang)).collect();
                    parts.push(Msg::DfBlocks.fill(lang, &[&join(names)]));
                }
                match w.group {
                    Some(true) => parts.push(Msg::DfGroup.fill(lang, &[&threshold])),
                    Some(false) => parts.push(Msg::DfNotGroup.t(lang).to_owned()),
                    None => {}
                }
                if let Some(ts) = w.types {
                    let names = ts.iter().map(|x| petition_type(*x).t(lang)).collect();
                    parts.push(Msg::DfTypes.fill(lang, &[&join(names)]));
                }
                if let Some(hs) = w.handlings {
                    let names = hs.iter().map(|x| handling(*x).t(lang)).collect();
                    parts.push(Msg::DfHandlings.fill(lang, &[&join(names)]));
                }
                if w.with_petitions {
                    parts.push(Msg::DfWithPetitions.t(lang).to_owned());
                }
                match w.linked {
                    Some(false) => parts.push(Msg::DfNotLinked.t(lang).to_owned()),
                    Some(true) => parts.push(Msg::DfLinked.t(lang).to_owned()),
                    None => {}
                }
                if let Some(f) = w.field_id {
                    parts.push(Msg::DfField.fill(lang, &[&field_name(f)]));
                }
                let metric = match metric {
                    VM::Visits => Msg::DfMVisits,
                    VM::People => Msg::DfMPeople,
                    VM::Petitions => Msg::DfMPetitions,
                    VM::Matters => Msg::DfMMatters,
                    VM::MattersFirst => Msg::DfMFirst,
                    VM::MattersRepeat => Msg::DfMRepeat,
                    VM::MattersLast => Msg::DfMLast,
                    VM::Sessions => Msg::DfMSessions,
                    VM::Days => Msg::DfMDays,
                };
                (Msg::DfVisitsIn, metric)
            }
            Term::Cases(w, metric) => {
                parts.push(case_cond(lang, w.cond));
                if let Some(ts) = w.types {
                    let names = ts.iter().map(|x| case_type(*x).t(lang)).collect();
                    parts.push(Msg::DfTypes.fill(lang, &[&join(names)]));
                }
                if let Some(r) = w.round {
                    parts.push(Msg::DfRound.fill(lang, &[&r]));
                }
                if let Some(cols) = w.columns {
                    let names: Vec<String> = cols.iter().map(|c| column_name(c)).collect();
                    parts.push(Msg::DfColumns.fill(lang, &[&names.join("; ")]));
                }
                if let Some(f) = w.field_id {
                    parts.push(Msg::DfField.fill(lang, &[&field_name(f)]));
                }
                let metric = match metric {
                    CM::Cases => Msg::DfMCases,
                    CM::Petitions => Msg::DfMCasePetitions,
                };
                let source = match w.scope {
                    crate::domain::report::Scope::Book => Msg::DfCasesIn,
                    crate::domain::report::Scope::Flow => Msg::DfCasesFlow,
                };
                (source, metric)
            }
            Term::Announced(role) => {
                parts.push(presider_role(*role).t(lang).to_owned());
                (Msg::DfAnnouncedIn, Msg::DfMAnnounced)
            }
            Term::Short => (Msg::DfShortIn, Msg::DfMShort),
            Term::Dialogues(m) => (
                Msg::DfDialoguesIn,
                match m {
                    crate::domain::report::DialogueMetric::Complaint => Msg::DfMDialoguesComplaint,
                    crate::domain::report::DialogueMetric::Public => Msg::DfMDialoguesPublic,
                    crate::domain::report::DialogueMetric::People => Msg::DfMDialoguePeople,
                    crate::domain::report::DialogueMetric::Promised => Msg::DfMPromisesMade,
                    crate::domain::report::DialogueMetric::Answered => Msg::DfMPromisesAnswered,
                },
            ),
        };
        let lead = if i == 0 {
            String::new()
        } else {
            format!("{} ", Msg::DfPlus.t(lang))
        };
        let cond = if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join("; "))
        };
        out.push(format!(
            "{lead}{}{cond}: {}.",
            source.t(lang),
            metric.t(lang)
        ));
    }
    out
}
