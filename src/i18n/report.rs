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
        F::Visits => Msg::FgVisits,
        F::People => Msg::FgPeople,
        F::GroupVisits => Msg::FgGroupVisits,
        F::GroupPeople => Msg::FgGroupPeople,
        F::Petitions => Msg::FgPetitions,
        F::PetitionsKhieuNai => Msg::FgPetitionsKn,
        F::PetitionsToCao => Msg::FgPetitionsTc,
        F::PetitionsKienNghiPhanAnh => Msg::FgPetitionsKnpa,
        F::CasesReceived => Msg::FgCasesReceived,
        F::CasesCarriedOver => Msg::FgCasesCarried,
        F::CasesUnclassified => Msg::FgCasesUnclassified,
        F::CasesOwnAuthority => Msg::FgCasesOwn,
        F::CasesResolved => Msg::FgCasesResolved,
        F::CasesResolvedOnTime => Msg::FgCasesOnTime,
        F::CasesResolvedLate => Msg::FgCasesLate,
        F::CasesWithdrawn => Msg::FgCasesWithdrawn,
        F::CasesRefused => Msg::FgCasesRefused,
        F::CasesOpen => Msg::FgCasesOpen,
        F::CasesOverdue => Msg::FgCasesOverdue,
        F::CasesNotOwn => Msg::FgCasesNotOwn,
        F::Transferred => Msg::FgTransferred,
        F::Guided => Msg::FgGuided,
        F::DeskGuided => Msg::FgDeskGuided,
        F::DeskTransferred => Msg::FgDeskTransferred,
        F::DeskUrged => Msg::FgDeskUrged,
        F::DeskAnswered => Msg::FgDeskAnswered,
        F::DeskFiled => Msg::FgDeskFiled,
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
        K::InBook => Msg::DcInBook,
        K::CarriedOver => Msg::DcCarried,
        K::Received => Msg::DcReceived,
        K::ReceivedWritten => Msg::DcWritten,
        K::Processed => Msg::DcProcessed,
        K::Eligible => Msg::DcEligible,
        K::Own => Msg::DcOwn,
        K::OwnCarriedOver => Msg::DcOwnCarried,
        K::OwnReceived => Msg::DcOwnReceived,
        K::NotOwn => Msg::DcNotOwn,
        K::Unclassified => Msg::DcUnclassified,
        K::Resolved => Msg::DcResolved,
        K::ResolvedWith(o) => return Msg::DcResolvedWith.fill(lang, &[&outcome(o).t(lang)]),
        K::OnTime => Msg::DcOnTime,
        K::Late => Msg::DcLate,
        K::Withdrawn => Msg::DcWithdrawn,
        K::Refused => Msg::DcRefused,
        K::OpenAtEnd => Msg::DcOpen,
        K::InProgressAtEnd => Msg::DcInProgress,
        K::NotStartedAtEnd => Msg::DcNotStarted,
        K::Overdue => Msg::DcOverdue,
        K::Transferred => Msg::DcTransferred,
        K::Guided => Msg::DcGuided,
        K::Urged => Msg::DcUrged,
    };
    m.t(lang).to_owned()
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
                    VM::Sessions => Msg::DfMSessions,
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
                (Msg::DfCasesIn, metric)
            }
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

/// The ready paragraph an officer pastes into the chairman's report, in the shape of the
/// news articles: sessions by kind and who presided, visits, people, groups; petitions by
/// type and by field; own-authority cases resolved x/y (%), on time (%), still open,
/// overdue; transferred, guided; carried over and new.
pub fn report_paragraph(lang: Lang, unit: &str, r: &crate::domain::report::Report) -> String {
    use crate::domain::report::Figure as F;
    let f = |x: F| r.figure(x);
    let mut s = Msg::PgSessions.fill(
        lang,
        &[
            &period_full(lang, &r.period),
            &if unit.is_empty() {
                Msg::UnitUnset.t(lang).to_owned()
            } else {
                unit.to_owned()
            },
            &f(F::Sessions),
            &{
                let mut split = Msg::PgSessionsSplit.fill(
                    lang,
                    &[
                        &f(F::SessionsRegular),
                        &f(F::SessionsPeriodic),
                        &f(F::SessionsAdHoc),
                    ],
                );
                if f(F::SessionsOnline) > 0 {
                    split.push_str(&Msg::PgOnline.fill(lang, &[&f(F::SessionsOnline)]));
                }
                for (name, n) in &r.presiding {
                    split.push_str(&Msg::PgPresided.fill(lang, &[name, n]));
                }
                split
            },
            &f(F::Visits),
            &f(F::People),
        ],
    );
    if f(F::GroupVisits) > 0 {
        s.push_str(&Msg::PgGroups.fill(lang, &[&f(F::GroupVisits), &f(F::GroupPeople)]));
    }
    s.push_str(&Msg::PgPetitions.fill(
        lang,
        &[
            &f(F::Petitions),
            &f(F::PetitionsKhieuNai),
            &f(F::PetitionsToCao),
            &f(F::PetitionsKienNghiPhanAnh),
        ],
    ));
    let mut fields: Vec<_> = r.by_field.iter().filter(|x| x.petitions > 0).collect();
    fields.sort_by_key(|x| std::cmp::Reverse(x.petitions));
    if !fields.is_empty() {
        let names: Vec<String> = fields
            .iter()
            .take(4)
            .map(|x| format!("{} ({})", x.name.to_lowercase(), x.petitions))
            .collect();
        s.push_str(&Msg::PgFields.fill(lang, &[&names.join(", ")]));
    }
    s.push_str(&Msg::PgCases.fill(
        lang,
        &[
            &f(F::CasesResolved),
            &f(F::CasesOwnAuthority),
            &percent_text(lang, r.resolved_rate()),
        ],
    ));
    if r.with_time_limit() > 0 {
        s.push_str(&Msg::PgOnTime.fill(
            lang,
            &[
                &f(F::CasesResolvedOnTime),
                &r.with_time_limit(),
                &percent_text(lang, r.on_time_rate()),
            ],
        ));
    }
    s.push_str(&Msg::PgOpen.fill(lang, &[&f(F::CasesOpen), &f(F::CasesOverdue)]));
    s.push_str(&Msg::PgOthers.fill(lang, &[&f(F::Transferred), &f(F::Guided)]));
    s.push_str(&Msg::PgCarried.fill(lang, &[&f(F::CasesCarriedOver), &f(F::CasesReceived)]));
    s
}
