//! The forms of TT 01/2024/TT-TTCP (for periods that end before 30/9/2025), as implemented by
//! vendors (DOMAIN.md §5.2, §11): each column's rule, or why the book cannot fill it.

use super::*;

/// 01/TCD — Tổng hợp kết quả tiếp công dân thường xuyên, định kỳ và đột xuất (29 columns):
/// totals; regular reception; the head's periodic and ad hoc reception in person; the same by
/// delegation. A matter counts once, in the highest block that received it (see
/// [`VisitFact::in_block`]).
pub(super) fn tcd01() -> Vec<ColumnDef> {
    use Head as H;
    use VisitMetric as M;
    let w = |blocks: &'static [Block], group: Option<bool>| VisitWhere {
        blocks: Some(blocks),
        group,
        ..VisitWhere::ALL
    };
    let block = |top: Vec<H>, blocks: &'static [Block]| {
        let at = |rest: &[H]| {
            let mut h = top.clone();
            h.extend_from_slice(rest);
            h
        };
        let mut v = vec![];
        if blocks != B_REGULAR {
            v.push((at(&[H::Sessions]), vis(w(blocks, None), M::Sessions)));
        }
        v.extend([
            (at(&[H::Visits]), vis(w(blocks, None), M::Visits)),
            (at(&[H::People]), vis(w(blocks, None), M::People)),
            (
                at(&[H::Matters, H::MattersFirst]),
                vis(w(blocks, None), M::MattersFirst),
            ),
            (
                at(&[H::Matters, H::MattersRepeat]),
                vis(w(blocks, None), M::MattersRepeat),
            ),
            (
                at(&[H::Groups, H::GroupCount]),
                vis(w(blocks, Some(true)), M::Visits),
            ),
            (
                at(&[H::Groups, H::People]),
                vis(w(blocks, Some(true)), M::People),
            ),
            (
                at(&[H::Groups, H::MattersFirst]),
                vis(w(blocks, Some(true)), M::MattersFirst),
            ),
            (
                at(&[H::Groups, H::MattersRepeat]),
                vis(w(blocks, Some(true)), M::MattersRepeat),
            ),
        ]);
        v
    };
    let mut cols = vec![
        (vec![H::Total, H::Visits], vis(VisitWhere::ALL, M::Visits)),
        (vec![H::Total, H::People], vis(VisitWhere::ALL, M::People)),
        (vec![H::Total, H::Matters], vis(VisitWhere::ALL, M::Matters)),
    ];
    cols.extend(block(vec![H::Regular], B_REGULAR));
    cols.extend(block(vec![H::Periodic, H::ByHead], B_HEAD));
    cols.extend(block(vec![H::Periodic, H::ByDelegate], B_DELEGATED));
    numbered(cols)
}

/// 02/TCD — Phân loại, xử lý đơn qua tiếp công dân. Đơn: written petitions handed in at the
/// visits; vụ việc: the matters of the visits, each once, by its last visit in the period
/// (where it went). Authority by the desk's handling ([`H_OWN`], [`H_NOT_OWN`]): every visit
/// is in one of the two.
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
        (
            vec![H::Total, H::Cases],
            vis(VisitWhere::ALL, M::MattersLast),
        ),
        (
            vec![H::ByContent, H::KhieuNai, H::Petitions],
            vis(t(T_KN), M::Petitions),
        ),
        (
            vec![H::ByContent, H::KhieuNai, H::Cases],
            vis(t(T_KN), M::MattersLast),
        ),
        (
            vec![H::ByContent, H::ToCao, H::Petitions],
            vis(t(T_TC), M::Petitions),
        ),
        (
            vec![H::ByContent, H::ToCao, H::Cases],
            vis(t(T_TC), M::MattersLast),
        ),
        (
            vec![H::ByContent, H::KienNghiPhanAnh, H::Petitions],
            vis(t(T_KNPA), M::Petitions),
        ),
        (
            vec![H::ByContent, H::KienNghiPhanAnh, H::Cases],
            vis(t(T_KNPA), M::MattersLast),
        ),
        (
            vec![H::ByAuthority, H::Own, H::Petitions],
            vis(h(H_OWN), M::Petitions),
        ),
        (
            vec![H::ByAuthority, H::Own, H::Cases],
            vis(h(H_OWN), M::MattersLast),
        ),
        (
            vec![H::ByAuthority, H::NotOwn, H::Petitions],
            vis(h(H_NOT_OWN), M::Petitions),
        ),
        (
            vec![H::ByAuthority, H::NotOwn, H::Cases],
            vis(h(H_NOT_OWN), M::MattersLast),
        ),
        (
            vec![H::NotOwnResult, H::Guided],
            vis(h(H_GUIDE), M::MattersLast),
        ),
        (
            vec![H::NotOwnResult, H::Transferred],
            vis(h(H_TRANSFER), M::MattersLast),
        ),
        (
            vec![H::NotOwnResult, H::Urged],
            vis(h(H_URGE), M::MattersLast),
        ),
        (vec![H::Replies], Err(Gap::Replies)),
    ])
}

/// 01/XLD — Tổng hợp kết quả xử lý đơn (the petitions of the queue: at reception and in
/// writing). Đơn: a case and the petitions joined to it; vụ việc: the case. Handled, eligible
/// and the result by each case's [`Disposition`] at the end, so eligible = by content = by
/// result.
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
        (vec![H::Total], cas(k(K::All), M::Petitions)),
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
    cols.push((
        vec![H::ByAuthority, H::NotOwn],
        cas(w(K::NotOwnHandled), M::Cases),
    ));
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
