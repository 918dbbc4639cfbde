//! The report's paragraph and its outline (Mẫu số 02 of TT 06/2025: tiếp công dân; tiếp
//! nhận, xử lý đơn; giải quyết khiếu nại, tố cáo), written as officials write them: counts
//! with their thousands marked and small ones on two digits, the period with its dates, the
//! office rather than the person.

use super::report::{percent_text, period_label};
use super::words::number;
use super::{Lang, Msg};

/// A count as officials write it in a report: thousands marked (20.240) and, in Vietnamese,
/// small counts on two digits ("07 kỳ"); zero stays 0.
pub fn count_text(lang: Lang, n: u64) -> String {
    match (lang, n) {
        (Lang::Vi, 1..=9) => format!("0{n}"),
        _ => number(lang, n),
    }
}

/// The period as a report's paragraph names it: "Năm 2026 (số liệu từ ngày 15/12/2025 đến
/// ngày 14/12/2026)" — the label, then the dates, one pair of brackets (a range is its dates).
pub fn period_paragraph(lang: Lang, p: &crate::domain::report::Period) -> String {
    use crate::domain::date::format_date;
    use crate::domain::report::PeriodKind;
    if p.kind == PeriodKind::Range {
        return period_label(lang, p);
    }
    Msg::PgPeriod.fill(
        lang,
        &[
            &period_label(lang, p),
            &format_date(p.from),
            &format_date(p.to),
        ],
    )
}

/// The office of the unit's head, named as reports name it — the office, not the person:
/// "Chủ tịch UBND phường" for "UBND phường Ba Đình", "Thủ trưởng đơn vị" for an agency.
pub fn head_office(lang: Lang, unit: &str) -> String {
    let folded = crate::domain::text::fold(unit);
    let rest = ["ubnd ", "uy ban nhan dan "]
        .iter()
        .find_map(|p| folded.strip_prefix(p).map(|r| (p.len(), r)));
    let Some((skip, rest)) = rest else {
        return Msg::PgHeadOfUnit.t(lang).to_owned();
    };
    // The level's words, as written in the unit's name (its accents kept).
    let levels = [
        "thanh pho",
        "dac khu",
        "thi tran",
        "thi xa",
        "phuong",
        "xa",
        "tinh",
        "quan",
        "huyen",
    ];
    match levels.iter().find(|l| {
        rest.strip_prefix(**l)
            .is_some_and(|after| after.is_empty() || after.starts_with(' '))
    }) {
        Some(level) => {
            // The same characters of the original name (folding keeps the count of
            // characters for Vietnamese letters).
            let original: String = unit
                .chars()
                .skip(skip)
                .take(level.chars().count())
                .collect();
            Msg::PgChairman.fill(lang, &[&original.to_lowercase()])
        }
        None => Msg::PgHeadOfUnit.t(lang).to_owned(),
    }
}

/// The ready paragraph an officer pastes into the chairman's report, as officials write it:
/// the period with its dates; visits, people and groups, in how many sessions of each kind;
/// the head's own reception (the office, not the person) in person and by delegation;
/// petitions by type and the main fields; complaints and denunciations settled x/y (a
/// withdrawal counts, as in the forms), on time, still being resolved and of those overdue;
/// guidance at the desk (visits) apart from written guidance (letters), petitions forwarded;
/// the cases of the period, each in one class.
pub fn report_paragraph(lang: Lang, unit: &str, r: &crate::domain::report::Report) -> String {
    let p = parts(lang, unit, r);
    [
        p.reception,
        p.petitions,
        Msg::PgResolution.t(lang).to_owned(),
        p.resolution,
        p.guidance,
        p.cases,
    ]
    .concat()
}

/// The paragraph in the three parts of the narrative outline (Mẫu số 02 of TT 06/2025):
/// reception; petitions received, classified and handled; complaints and denunciations
/// resolved. Each part a sentence or more, with its heading.
pub fn report_outline(
    lang: Lang,
    unit: &str,
    r: &crate::domain::report::Report,
) -> Vec<(String, String)> {
    let p = parts(lang, unit, r);
    let sentence = |s: String| {
        let s = s.trim_start_matches(". ").trim_end_matches('.');
        // The resolution part starts mid-sentence: its first letter up.
        let mut chars = s.chars();
        let first: String = chars
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        format!("{first}{}.", chars.as_str())
    };
    vec![
        (Msg::OlReception.t(lang).to_owned(), sentence(p.reception)),
        (
            Msg::OlPetitions.t(lang).to_owned(),
            sentence([p.petitions, p.guidance, p.cases].concat()),
        ),
        (Msg::OlResolution.t(lang).to_owned(), sentence(p.resolution)),
    ]
}

/// The paragraph's parts, each starting as it follows the one before (". …").
struct Parts {
    reception: String,
    petitions: String,
    resolution: String,
    guidance: String,
    cases: String,
}

fn parts(lang: Lang, unit: &str, r: &crate::domain::report::Report) -> Parts {
    use crate::domain::report::Figure as F;
    let f = |x: F| r.figure(x);
    let n = |x: F| count_text(lang, f(x));
    let unit_name = if unit.is_empty() {
        Msg::UnitUnset.t(lang).to_owned()
    } else {
        unit.to_owned()
    };
    let mut s = Msg::PgOpening.fill(
        lang,
        &[
            &period_paragraph(lang, &r.period),
            &unit_name,
            &n(F::Visits),
            &n(F::People),
        ],
    );
    if f(F::GroupVisits) > 0 {
        s.push_str(&Msg::PgGroups.fill(lang, &[&n(F::GroupVisits), &n(F::GroupPeople)]));
    }
    let online = if f(F::SessionsOnline) > 0 {
        Msg::PgOnline.fill(lang, &[&n(F::SessionsOnline)])
    } else {
        String::new()
    };
    s.push_str(&Msg::PgSessions.fill(
        lang,
        &[
            &n(F::Sessions),
            &n(F::SessionsRegular),
            &n(F::SessionsPeriodic),
            &n(F::SessionsAdHoc),
            &online,
        ],
    ));
    let presided =
        f(F::HeadPeriodic) + f(F::HeadAdHoc) + f(F::DelegatedSessions) + f(F::UnmarkedSessions);
    if presided > 0 {
        let office = head_office(lang, unit);
        if f(F::HeadPeriodic) + f(F::HeadAdHoc) > 0 {
            let kinds: Vec<String> = [
                (F::HeadPeriodic, Msg::PgHeadPeriodic),
                (F::HeadAdHoc, Msg::PgHeadAdHoc),
            ]
            .into_iter()
            .filter(|(x, _)| f(*x) > 0)
            .map(|(x, m)| m.fill(lang, &[&n(x)]))
            .collect();
            s.push_str(&Msg::PgHead.fill(lang, &[&office, &kinds.join(", "), &n(F::HeadDays)]));
        } else {
            s.push_str(&Msg::PgHeadNone.fill(lang, &[&office]));
        }
        if f(F::DelegatedSessions) > 0 {
            s.push_str(&Msg::PgDelegated.fill(lang, &[&n(F::DelegatedSessions)]));
        }
        if f(F::UnmarkedSessions) > 0 {
            s.push_str(&Msg::PgUnmarked.fill(lang, &[&n(F::UnmarkedSessions)]));
        }
    }
    let reception = s;
    let mut s = String::new();
    s.push_str(&Msg::PgPetitions.fill(
        lang,
        &[
            &n(F::Petitions),
            &n(F::PetitionsKhieuNai),
            &n(F::PetitionsToCao),
            &n(F::PetitionsKienNghiPhanAnh),
        ],
    ));
    let mut fields: Vec<_> = r.by_field.iter().filter(|x| x.petitions > 0).collect();
    fields.sort_by_key(|x| std::cmp::Reverse(x.petitions));
    if !fields.is_empty() {
        // Field names may hold commas ("bồi thường, hỗ trợ, tái định cư"): semicolons apart.
        let names: Vec<String> = fields
            .iter()
            .take(4)
            .map(|x| {
                format!(
                    "{} ({})",
                    x.name.to_lowercase(),
                    count_text(lang, x.petitions)
                )
            })
            .collect();
        s.push_str(&Msg::PgFields.fill(lang, &[&names.join("; ")]));
    }
    let petitions = s;
    // (The paragraph puts "Về giải quyết thuộc thẩm quyền:" before it; the outline a heading.)
    let mut s = String::new();
    let mut parts = vec![];
    for (settled, to_resolve, rate, msg) in [
        (
            F::ComplaintsSettled,
            F::ComplaintsToResolve,
            r.complaints_rate(),
            Msg::PgComplaints,
        ),
        (
            F::DenunciationsSettled,
            F::DenunciationsToResolve,
            r.denunciations_rate(),
            Msg::PgDenunciations,
        ),
    ] {
        if f(to_resolve) > 0 {
            parts.push(msg.fill(
                lang,
                &[&n(settled), &n(to_resolve), &percent_text(lang, rate)],
            ));
        }
    }
    let others = f(F::CasesToResolve) - f(F::ComplaintsToResolve) - f(F::DenunciationsToResolve);
    if others > 0 {
        let settled = f(F::CasesSettled) - f(F::ComplaintsSettled) - f(F::DenunciationsSettled);
        parts.push(Msg::PgProposals.fill(
            lang,
            &[&count_text(lang, settled), &count_text(lang, others)],
        ));
    }
    if parts.is_empty() {
        parts.push(Msg::PgNothingToResolve.t(lang).to_owned());
    }
    s.push_str(&parts.join(", "));
    if r.with_time_limit() > 0 {
        s.push_str(&Msg::PgOnTime.fill(
            lang,
            &[
                &n(F::CasesResolvedOnTime),
                &count_text(lang, r.with_time_limit()),
                &percent_text(lang, r.on_time_rate()),
            ],
        ));
    }
    if f(F::CasesOpen) > 0 {
        s.push_str(&Msg::PgOpen.fill(lang, &[&n(F::CasesOpen)]));
        if f(F::CasesOverdue) > 0 {
            s.push_str(&Msg::PgOverdue.fill(lang, &[&n(F::CasesOverdue)]));
        }
    }
    let resolution = s;
    let mut guidance = Msg::PgGuidance.fill(
        lang,
        &[&n(F::DeskGuided), &n(F::GuidedWritten), &n(F::Transferred)],
    );
    // Refusals (Luật TCD Art 9) are counted in no table: the summary says them.
    if f(F::ScheduleShort) > 0 {
        guidance.push_str(&Msg::PgScheduleShort.fill(lang, &[&n(F::ScheduleShort)]));
    }
    if f(F::Refused) > 0 {
        guidance.push_str(&Msg::PgRefused.fill(lang, &[&n(F::Refused), &n(F::RefusedPeople)]));
    }
    // Dialogues are in no table of TT 06/2025 either: "tổ chức 04 cuộc đối thoại … với hơn
    // 320 lượt người".
    let dialogues = f(F::DialoguesComplaint) + f(F::DialoguesPublic);
    if dialogues > 0 {
        guidance.push_str(&Msg::PgDialogues.fill(
            lang,
            &[
                &count_text(lang, dialogues),
                &n(F::DialoguesComplaint),
                &n(F::DialoguesPublic),
                &n(F::DialoguePeople),
            ],
        ));
        // Answers promised are named only where some were: "hẹn trả lời 00 nội dung, đã trả
        // lời 00" said nothing.
        if f(F::PromisesMade) > 0 {
            guidance.push_str(
                &Msg::PgPromises.fill(lang, &[&n(F::PromisesMade), &n(F::PromisesAnswered)]),
            );
        }
    }
    let classes: Vec<String> = [
        (F::CasesOwnAuthority, Msg::PgCasesOwn, true),
        (F::CasesNotOwn, Msg::PgCasesNotOwn, true),
        (F::CasesIneligible, Msg::PgCasesIneligible, false),
        (F::CasesClosedUnclassified, Msg::PgCasesClosed, false),
        (F::CasesUnclassified, Msg::PgCasesUnclassified, false),
    ]
    .into_iter()
    .filter(|(x, _, always)| *always || f(*x) > 0)
    .map(|(x, m, _)| m.fill(lang, &[&n(x)]))
    .collect();
    let cases = Msg::PgCases.fill(
        lang,
        &[
            &n(F::CasesInBook),
            &n(F::CasesCarriedOver),
            &n(F::CasesReceived),
            &classes.join(", "),
        ],
    );
    Parts {
        reception,
        petitions,
        resolution,
        guidance,
        cases,
    }
}
