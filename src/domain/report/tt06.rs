//! The forms of TT 06/2025/TT-TTCP (in force 30/9/2025; for periods that end on or after
//! that day), from a Word copy of the circular (DOMAIN.md §11; the official PDF was not at
//! hand): each column's rule, or why the book cannot fill it.

use super::*;

/// 01/TCD — Tổng hợp kết quả tiếp công dân thường xuyên, định kỳ và đột xuất (21 columns):
/// totals (1)–(4); regular reception (5)–(9); the head's periodic and ad hoc reception in
/// person (10)–(15) and by delegation (16)–(21). A matter the head received is entered once,
/// under the head (see [`VisitFact::in_block`]).
pub(super) fn tcd01() -> Vec<ColumnDef> {
    use Head as H;
    use VisitMetric as M;
    let w = |blocks: Option<&'static [Block]>, group: Option<bool>| VisitWhere {
        blocks,
        group,
        ..VisitWhere::ALL
    };
    let block = |top: Vec<H>, blocks: &'static [Block]| {
        let at = |rest: &[H]| {
            let mut h = top.clone();
            h.extend_from_slice(rest);
            h
        };
        let b = Some(blocks);
        let mut v = vec![];
        if blocks != B_REGULAR {
            // Số ngày tiếp: the days announced — the schedule's, when one is in force
            // (issue 29), else the days on which such a session received someone.
            let role = if blocks == B_DELEGATED {
                PresiderRole::Delegated
            } else {
                PresiderRole::InPerson
            };
            v.push((
                at(&[H::Days]),
                Ok(Measure {
                    terms: vec![Term::Announced(role)],
                }),
            ));
        }
        v.extend([
            (at(&[H::Visits]), vis(w(b, None), M::Visits)),
            (at(&[H::People]), vis(w(b, None), M::People)),
            (at(&[H::Matters]), vis(w(b, None), M::Matters)),
            (
                at(&[H::Groups, H::GroupCount]),
                vis(w(b, Some(true)), M::Visits),
            ),
            (
                at(&[H::Groups, H::People]),
                vis(w(b, Some(true)), M::People),
            ),
        ]);
        v
    };
    let mut cols = vec![
        (vec![H::Total, H::Visits], vis(w(None, None), M::Visits)),
        (vec![H::Total, H::People], vis(w(None, None), M::People)),
        (vec![H::Total, H::Matters], vis(w(None, None), M::Matters)),
        (
            vec![H::Total, H::Groups],
            vis(w(None, Some(true)), M::Visits),
        ),
    ];
    cols.extend(block(vec![H::Regular], B_REGULAR));
    cols.extend(block(vec![H::Periodic, H::ByHead], B_HEAD));
    cols.extend(block(vec![H::Periodic, H::ByDelegate], B_DELEGATED));
    numbered(cols)
}

/// The report columns (`report_columns.code`) that roll up to each by-field column of 02/XLD.
pub const T6_KN_FIELDS: &[(Head, &[&str])] = &[
    (Head::Land, &["hc_dat_dai_nha_cua"]),
    (Head::PolicyRegime, &["hc_chinh_sach"]),
    (
        Head::Other,
        &[
            "hc_cong_chuc_cong_vu",
            "hc_khac",
            "tham_nhung",
            "tu_phap",
            "dang_doan_the",
            "khac",
        ],
    ),
];
pub const T6_TC_FIELDS: &[(Head, &[&str])] = &[
    (
        Head::Administrative,
        &[
            "hc_chinh_sach",
            "hc_dat_dai_nha_cua",
            "hc_cong_chuc_cong_vu",
            "hc_khac",
        ],
    ),
    (Head::Corruption, &["tham_nhung"]),
    (Head::Judicial, &["tu_phap"]),
    (Head::Other, &["dang_doan_the", "khac"]),
];
pub const T6_KNPA_FIELDS: &[(Head, &[&str])] = &[
    (Head::PolicyRegime, &["hc_chinh_sach"]),
    (Head::Land, &["hc_dat_dai_nha_cua"]),
    (
        Head::Other,
        &[
            "hc_cong_chuc_cong_vu",
            "hc_khac",
            "tham_nhung",
            "tu_phap",
            "dang_doan_the",
            "khac",
        ],
    ),
];

/// 02/XLD — Tổng hợp kết quả xử lý đơn (25 columns). The petitions handled in the period
/// ([`Scope::Flow`]: received in it, or carried over and not yet handled), counted in đơn
/// (a case with the petitions joined to it), plus the petitions handed in at a visit that
/// opened no case — handled at the desk (guided, forwarded, urged, answered or filed; the
/// last two are handled but need no further handling, so they are not "đủ điều kiện").
pub(super) fn xld02() -> Vec<ColumnDef> {
    use CaseCond as K;
    use CaseMetric as CM;
    use Head as H;
    use VisitMetric as M;
    let desk = |handlings| VisitWhere {
        handlings,
        with_petitions: true,
        linked: Some(false),
        ..VisitWhere::ALL
    };
    let flow = |cond, types: Option<&'static [CaseType]>| CaseWhere {
        types,
        ..CaseWhere::flow(cond)
    };
    let cases = |cond, types| Measure::cases(flow(cond, types), CM::Petitions);
    let with_desk =
        |cond, handlings| Ok(cases(cond, None).plus(Term::Visits(desk(handlings), M::Petitions)));
    let own = |types, more: Option<(Option<u8>, Option<&'static [&'static str]>)>| {
        let (round, columns) = more.unwrap_or((None, None));
        cas(
            CaseWhere {
                round,
                columns,
                ..flow(K::Own, Some(types))
            },
            CM::Petitions,
        )
    };
    let mut cols = vec![
        (vec![H::TotalPetitions], with_desk(K::All, None)),
        (vec![H::Processed], with_desk(K::Processed, Some(H_AT_DESK))),
        (
            vec![H::Eligible, H::Total],
            Ok(cases(K::Eligible, None)
                .plus(Term::Visits(desk(Some(H_GUIDE)), M::Petitions))
                .plus(Term::Visits(desk(Some(H_FORWARD)), M::Petitions))),
        ),
        (
            vec![H::Eligible, H::Own, H::Total],
            cas(flow(K::Own, None), CM::Petitions),
        ),
        (
            vec![H::Eligible, H::Own, H::CaseCount],
            cas(flow(K::Own, None), CM::Cases),
        ),
    ];
    let kn = |h: H| vec![H::Eligible, H::Own, H::KhieuNai, h];
    cols.push((kn(H::Total), own(C_KN, None)));
    cols.push((kn(H::FirstRound), own(C_KN, Some((Some(1), None)))));
    cols.push((kn(H::SecondRound), own(C_KN, Some((Some(2), None)))));
    for (h, columns) in T6_KN_FIELDS {
        cols.push((kn(*h), own(C_KN, Some((None, Some(columns))))));
    }
    let tc = |h: H| vec![H::Eligible, H::Own, H::ToCao, h];
    cols.push((tc(H::Total), own(C_TC, None)));
    cols.push((tc(H::FirstTime), Err(Gap::RepeatDenunciation)));
    cols.push((tc(H::RepeatDenunciation), Err(Gap::RepeatDenunciation)));
    for (h, columns) in T6_TC_FIELDS {
        cols.push((tc(*h), own(C_TC, Some((None, Some(columns))))));
    }
    let knpa = |h: H| vec![H::Eligible, H::Own, H::KienNghiPhanAnh, h];
    cols.push((knpa(H::Total), own(C_KNPA, None)));
    for (h, columns) in T6_KNPA_FIELDS {
        cols.push((knpa(*h), own(C_KNPA, Some((None, Some(columns))))));
    }
    let not_own = |h: H| vec![H::Eligible, H::NotOwn, h];
    cols.push((
        not_own(H::Total),
        Ok(cases(K::NotOwnHandled, None)
            .plus(Term::Visits(desk(Some(H_GUIDE)), M::Petitions))
            .plus(Term::Visits(desk(Some(H_FORWARD)), M::Petitions))),
    ));
    cols.push((not_own(H::Guided), with_desk(K::Guided, Some(H_GUIDE))));
    cols.push((
        not_own(H::Transferred),
        with_desk(K::Forwarded, Some(H_FORWARD)),
    ));
    numbered(cols)
}

/// 03/GQKN (complaints, 23 columns) and 04/GQTC (denunciations, 25 columns): the petitions
/// and cases within our authority handled in the period (1)–(6), which 02/XLD counts, by
/// where they stood at its end; the decisions (conclusions) issued in the period, by outcome;
/// then money, land, sanctions and prosecutions, which the book does not record.
pub(super) fn resolution(types: &'static [CaseType]) -> Vec<ColumnDef> {
    use CaseCond as K;
    use CaseMetric as CM;
    use Head as H;
    let complaint = types == C_KN;
    let flow = |cond| CaseWhere {
        types: Some(types),
        ..CaseWhere::flow(cond)
    };
    let book = |cond, round| CaseWhere {
        types: Some(types),
        round,
        ..CaseWhere::new(cond)
    };
    let mut cols = vec![
        (vec![H::OwnPetitions], cas(flow(K::Own), CM::Petitions)),
        (vec![H::OwnCases, H::Total], cas(flow(K::Own), CM::Cases)),
        (
            vec![H::OwnCases, H::Considering],
            cas(flow(K::NotStartedAtEnd), CM::Cases),
        ),
        (
            vec![H::OwnCases, H::Accepted],
            cas(flow(K::Accepted), CM::Cases),
        ),
        (
            vec![H::OwnCases, H::NotAccepted],
            cas(flow(K::Refused), CM::Cases),
        ),
        (
            vec![H::OwnCases, H::WithdrawnOrStopped],
            cas(flow(K::Withdrawn), CM::Cases),
        ),
    ];
    let outcome = |o, round| cas(book(K::ResolvedWith(o), round), CM::Cases);
    if complaint {
        let d = |rest: &[H]| {
            let mut h = vec![H::Decisions];
            h.extend_from_slice(rest);
            h
        };
        cols.push((d(&[H::Total]), cas(book(K::Resolved, None), CM::Cases)));
        cols.push((
            d(&[H::FirstRound, H::Justified]),
            outcome(Outcome::Dung, Some(1)),
        ));
        cols.push((
            d(&[H::FirstRound, H::Unjustified]),
            outcome(Outcome::Sai, Some(1)),
        ));
        cols.push((
            d(&[H::FirstRound, H::PartlyJustified]),
            outcome(Outcome::DungMotPhan, Some(1)),
        ));
        // A second-round complaint found unjustified upholds the first decision; found
        // justified or partly justified, the first decision is annulled or amended.
        cols.push((
            d(&[H::SecondRound, H::Upheld]),
            outcome(Outcome::Sai, Some(2)),
        ));
        cols.push((
            d(&[H::SecondRound, H::Overturned]),
            Ok(
                Measure::cases(book(K::ResolvedWith(Outcome::Dung), Some(2)), CM::Cases).plus(
                    Term::Cases(
                        book(K::ResolvedWith(Outcome::DungMotPhan), Some(2)),
                        CM::Cases,
                    ),
                ),
            ),
        ));
    } else {
        let c = |rest: &[H]| {
            let mut h = vec![H::Conclusions];
            h.extend_from_slice(rest);
            h
        };
        cols.push((c(&[H::Total]), cas(book(K::Resolved, None), CM::Cases)));
        // First or again (tố cáo tiếp): not marked in the book.
        for when in [H::FirstTime, H::RepeatDenunciation] {
            for o in [H::Justified, H::Unjustified, H::Mixed] {
                cols.push((c(&[when, o]), Err(Gap::RepeatDenunciation)));
            }
        }
    }
    cols.extend([
        (vec![H::Recovered, H::MoneyMillion], Err(Gap::Money)),
        (vec![H::Recovered, H::LandM2], Err(Gap::Land)),
        (vec![H::Returned, H::MoneyMillion], Err(Gap::Money)),
        (vec![H::Returned, H::LandM2], Err(Gap::Land)),
        (
            vec![H::Returned, H::Organisations],
            Err(Gap::RightsRestored),
        ),
        (vec![H::Returned, H::Individuals], Err(Gap::RightsRestored)),
    ]);
    if complaint {
        cols.push((vec![H::SanctionsGroup, H::Persons], Err(Gap::Sanctions)));
    } else {
        cols.push((
            vec![H::SanctionsGroup, H::Organisations],
            Err(Gap::Sanctions),
        ));
        cols.push((vec![H::SanctionsGroup, H::Individuals], Err(Gap::Sanctions)));
    }
    cols.extend([
        (
            vec![H::SanctionsGroup, H::OfWhomOfficials],
            Err(Gap::Sanctions),
        ),
        (
            vec![H::InvestigationGroup, H::CaseCount],
            Err(Gap::Investigation),
        ),
        (
            vec![H::InvestigationGroup, H::Persons],
            Err(Gap::Investigation),
        ),
        (
            vec![H::InvestigationGroup, H::OfWhomOfficials],
            Err(Gap::Investigation),
        ),
    ]);
    numbered(cols)
}

/// 05/KQTH — the execution of complaint decisions (1)–(15) and of denunciation conclusions
/// (16)–(31): not recorded in the book. Headers after the outline of DOMAIN.md §11.
pub(super) fn kqth05() -> Vec<ColumnDef> {
    use Head as H;
    let mut cols = vec![];
    for top in [H::KnExecution, H::TcExecution] {
        let at = |rest: &[H]| {
            let mut h = vec![top];
            h.extend_from_slice(rest);
            (h, Err(Gap::Execution))
        };
        cols.extend([
            at(&[H::ToExecute]),
            at(&[H::Executed]),
            at(&[H::Recovered, H::MoneyMillion, H::Due]),
            at(&[H::Recovered, H::MoneyMillion, H::Done]),
            at(&[H::Recovered, H::LandM2, H::Due]),
            at(&[H::Recovered, H::LandM2, H::Done]),
            at(&[H::Returned, H::MoneyMillion, H::Due]),
            at(&[H::Returned, H::MoneyMillion, H::Done]),
            at(&[H::Returned, H::LandM2, H::Due]),
            at(&[H::Returned, H::LandM2, H::Done]),
            at(&[H::SanctionsGroup, H::Due]),
            at(&[H::SanctionsGroup, H::Done]),
        ]);
        if top == H::TcExecution {
            cols.push(at(&[H::SanctionsGroup, H::OfWhomOfficials]));
        }
        cols.extend([
            at(&[H::Prosecution, H::CaseCount]),
            at(&[H::Prosecution, H::ProsecutedCases]),
            at(&[H::Prosecution, H::ProsecutedPersons]),
        ]);
    }
    numbered(cols)
}

/// 06/QLKNTC — state management of complaints and denunciations (17 columns): not a reception
/// book's business. Headers after the outline of DOMAIN.md §11.
pub(super) fn qlkntc06() -> Vec<ColumnDef> {
    use Head as H;
    let gap = |h: Vec<H>| (h, Err(Gap::StateManagement));
    numbered(vec![
        gap(vec![H::Documents, H::Issued]),
        gap(vec![H::Documents, H::Amended]),
        gap(vec![H::Training, H::Classes]),
        gap(vec![H::Training, H::People]),
        gap(vec![H::Training, H::Materials]),
        gap(vec![H::Inspections, H::InspectionCount]),
        gap(vec![H::Inspections, H::Units]),
        gap(vec![H::Inspections, H::WithViolations]),
        gap(vec![H::Recommendations, H::MoneyMillion]),
        gap(vec![H::Recommendations, H::LandM2]),
        gap(vec![H::Recommendations, H::Organisations]),
        gap(vec![H::Recommendations, H::Individuals]),
        gap(vec![H::Recommendations, H::SanctionsGroup]),
        gap(vec![H::FollowUp, H::MoneyMillion]),
        gap(vec![H::FollowUp, H::LandM2]),
        gap(vec![H::FollowUp, H::Organisations]),
        gap(vec![H::FollowUp, H::Individuals]),
    ])
}
