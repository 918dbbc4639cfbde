//! The transition table checked against the law's table written out from DOMAIN.md.

use super::*;
use Action as A;
use CaseStatus as S;
use std::collections::HashSet;

fn facts(t: CaseType, s: CaseStatus) -> CaseFacts {
    CaseFacts::new(t, s)
}

#[test]
fn codes_read_well_on_the_phone() {
    assert_eq!(case_code(CaseType::KhieuNai, 2026, "", 42), "KN-2026-0042");
    assert_eq!(case_code(CaseType::ToCao, 2026, "BD", 7), "TC-2026-BD-0007");
    assert_eq!(
        case_code(CaseType::KienNghiPhanAnh, 2026, "", 7),
        "KNPA-2026-0007"
    );
}

#[test]
fn the_table_has_no_duplicate_step() {
    let mut seen = HashSet::new();
    for (from, a, _) in TRANSITIONS {
        assert!(seen.insert((*from, *a)), "{from:?} {a:?} twice");
    }
}

#[test]
fn closed_statuses_offer_only_notes_and_follow_ups() {
    for s in [S::Guided, S::Returned, S::Filed, S::Withdrawn, S::Refused] {
        let offered = offered(&facts(CaseType::KhieuNai, s));
        assert_eq!(offered, vec![A::Note, A::Assign], "{s:?}");
    }
}

#[test]
fn a_complaint_is_classified_accepted_and_resolved() {
    let mut f = facts(CaseType::KhieuNai, S::New);
    for a in [A::ClassifyOwn, A::Accept, A::MarkComplex, A::Resolve] {
        f = apply(&f, a).unwrap();
    }
    assert_eq!(f.status, S::Resolved);
    assert!(f.complex);
    assert_eq!(step(&f, A::Accept), Err(Refusal::NotFromStatus));
}

#[test]
fn a_refused_step_names_the_step_to_do_first() {
    let new = facts(CaseType::KhieuNai, S::New);
    assert_eq!(first_do(&new, A::Accept), Some(A::ClassifyOwn));
    let tc = facts(CaseType::ToCao, S::InProgress);
    assert_eq!(first_do(&tc, A::Extend), Some(A::MarkComplex));
    // Allowed already, or no single step opens the way.
    assert_eq!(first_do(&new, A::ClassifyOwn), None);
    let kn = facts(CaseType::KhieuNai, S::InProgress);
    assert_eq!(
        first_do(&kn, A::Extend),
        None,
        "a complaint is never extended"
    );
    let filed = facts(CaseType::KhieuNai, S::Filed);
    assert_eq!(first_do(&filed, A::Accept), None);
}

#[test]
fn only_denunciations_are_extended_and_at_most_twice_after_complex() {
    let kn = facts(CaseType::KhieuNai, S::InProgress);
    assert_eq!(
        step(
            &CaseFacts {
                complex: true,
                ..kn
            },
            A::Extend
        ),
        Err(Refusal::NotForType)
    );
    let mut tc = facts(CaseType::ToCao, S::InProgress);
    assert_eq!(step(&tc, A::Extend), Err(Refusal::NeedsComplex));
    tc = apply(&tc, A::MarkComplex).unwrap();
    tc = apply(&tc, A::Extend).unwrap();
    // Complex: once only (Luật TC Art 30(2)); a second time when especially complex (30(3)).
    assert_eq!(step(&tc, A::Extend), Err(Refusal::NeedsVeryComplex));
    tc = apply(&tc, A::MarkVeryComplex).unwrap();
    assert!(tc.complex && tc.very_complex);
    tc = apply(&tc, A::Extend).unwrap();
    assert_eq!(tc.extensions, 2);
    assert_eq!(step(&tc, A::Extend), Err(Refusal::Exhausted));
    assert_eq!(step(&tc, A::MarkVeryComplex), Err(Refusal::Exhausted));
    // Especially complex straight away (it implies complex): two extensions.
    let mut tc = facts(CaseType::ToCao, S::InProgress);
    tc = apply(&tc, A::MarkVeryComplex).unwrap();
    tc = apply(&tc, A::Extend).unwrap();
    tc = apply(&tc, A::Extend).unwrap();
    assert_eq!(tc.extensions, 2);
}

#[test]
fn duties_are_recorded_once_and_only_where_they_arise() {
    let mut kn = facts(CaseType::KhieuNai, S::Resolved);
    assert_eq!(step(&kn, A::PublishDecision), Err(Refusal::NotApplicable));
    assert_eq!(step(&kn, A::ReportToForwarder), Err(Refusal::NotApplicable));
    kn = apply(&kn, A::SendDecision).unwrap();
    assert_eq!(step(&kn, A::SendDecision), Err(Refusal::Exhausted));
    let kn2 = CaseFacts {
        round: 2,
        forwarded: true,
        ..facts(CaseType::KhieuNai, S::Resolved)
    };
    assert!(key_allowed(&kn2, A::PublishDecision));
    assert!(key_allowed(&kn2, A::ReportToForwarder));
    let tc = facts(CaseType::ToCao, S::Transferred);
    assert_eq!(step(&tc, A::InformCitizen), Err(Refusal::NeedsResult));
    let tc = apply(&tc, A::ResultReceived).unwrap();
    let tc = apply(&tc, A::InformCitizen).unwrap();
    assert_eq!(step(&tc, A::InformCitizen), Err(Refusal::Exhausted));
    assert_eq!(
        step(
            &facts(CaseType::KienNghiPhanAnh, S::Transferred),
            A::ResultReceived
        ),
        Err(Refusal::NotForType)
    );
    assert_eq!(
        step(&facts(CaseType::KhieuNai, S::New), A::MarkMultiSite),
        Err(Refusal::NotForType)
    );
    assert_eq!(
        step(&facts(CaseType::ToCao, S::New), A::RecordTimeBar),
        Err(Refusal::NotForType)
    );
}

#[test]
fn only_a_resolved_first_round_complaint_reopens_once() {
    let f = facts(CaseType::KhieuNai, S::Resolved);
    let after = apply(&f, A::Reopen).unwrap();
    assert_eq!(step(&after, A::Reopen), Err(Refusal::Exhausted));
    assert_eq!(
        step(&CaseFacts { round: 2, ..f }, A::Reopen),
        Err(Refusal::NotFirstRound)
    );
    assert_eq!(
        step(&facts(CaseType::ToCao, S::Resolved), A::Reopen),
        Err(Refusal::NotForType)
    );
}

#[test]
fn refusal_reasons_follow_the_type() {
    assert_eq!(RefusalReason::for_type(CaseType::KhieuNai).len(), 9);
    assert_eq!(
        RefusalReason::for_type(CaseType::ToCao),
        vec![RefusalReason::ToCaoKhongDuDieuKien]
    );
    assert_eq!(
        step(
            &facts(CaseType::KienNghiPhanAnh, S::AwaitingAcceptance),
            A::Refuse
        ),
        Err(Refusal::NotForType)
    );
}

/// The law's steps, written out from DOMAIN.md §2.3 (and Luật KN Art 11, 33; Luật TC
/// Art 24, 30) independently of `TRANSITIONS`: (from, action, to) as stored codes. Any
/// (status, action) not listed is refused. Type-specific limits are checked separately.
const LAW: &[(&str, &str, &str)] = &[
    // Received: classified first (own authority / not / not eligible), or withdrawn, or
    // filed without handling (xếp lưu đơn, TT 07/2014 Art 28).
    ("moi", "phan_loai_thuoc_tq", "cho_thu_ly"),
    ("moi", "phan_loai_ngoai_tq", "ngoai_tham_quyen"),
    ("moi", "phan_loai_khong_du_dk", "khong_du_dk"),
    ("moi", "rut_don", "da_rut"),
    ("moi", "luu_don", "da_luu"),
    // Within our authority: accept (thụ lý) or refuse with a reason (Art 11), or withdraw.
    ("cho_thu_ly", "thu_ly", "dang_giai_quyet"),
    ("cho_thu_ly", "khong_thu_ly", "khong_thu_ly"),
    ("cho_thu_ly", "rut_don", "da_rut"),
    // Not ours: forward (TC: within 5 working days, Art 24(2)), guide once, or return a
    // petition forwarded to us by mistake (TT 07/2014 Art 8(2)).
    ("ngoai_tham_quyen", "chuyen_don", "da_chuyen"),
    ("ngoai_tham_quyen", "huong_dan", "da_huong_dan"),
    ("ngoai_tham_quyen", "tra_lai", "da_tra_lai"),
    // Not eligible (TT 07/2014 Art 6(2)): guide, return or file.
    ("khong_du_dk", "huong_dan", "da_huong_dan"),
    ("khong_du_dk", "tra_lai", "da_tra_lai"),
    ("khong_du_dk", "luu_don", "da_luu"),
    // Being resolved: marked complex, extended (TC only), resolved, or withdrawn.
    ("dang_giai_quyet", "phuc_tap", "dang_giai_quyet"),
    ("dang_giai_quyet", "gia_han", "dang_giai_quyet"),
    ("dang_giai_quyet", "giai_quyet", "da_giai_quyet"),
    ("dang_giai_quyet", "rut_don", "da_rut"),
    // Forwarded: the receiving body is urged when late (Luật TCD Art 26(1)(b)).
    ("da_chuyen", "don_doc", "da_chuyen"),
    // Resolved: a complainant may complain a second time (Luật KN Art 33).
    ("da_giai_quyet", "khieu_nai_lan_2", "da_giai_quyet"),
    // Before acceptance, a denunciation's verification may be found to need several places
    // or a delegation (Luật TC Art 24(1): up to 10 working days).
    ("moi", "xac_minh_nhieu_noi", "moi"),
    ("cho_thu_ly", "xac_minh_nhieu_noi", "cho_thu_ly"),
    // A complaint's time-bar facts (Luật KN Art 9, 48) are recorded while it is open and
    // before it is decided.
    ("moi", "thoi_hieu", "moi"),
    ("cho_thu_ly", "thoi_hieu", "cho_thu_ly"),
    ("dang_giai_quyet", "thoi_hieu", "dang_giai_quyet"),
    // Being resolved: especially complex (NĐ 31/2019 Art 3(3)); the denouncer told of the
    // acceptance (Luật TC Art 29(3)).
    ("dang_giai_quyet", "dac_biet_phuc_tap", "dang_giai_quyet"),
    ("dang_giai_quyet", "thong_bao_thu_ly", "dang_giai_quyet"),
    // Decided: the decision sent (Luật KN Art 32, 41(1)), a second-round one made public
    // (Art 41(2)), the forwarding body told the result (Luật TCD Art 27(2)).
    ("da_giai_quyet", "gui_quyet_dinh", "da_giai_quyet"),
    ("da_giai_quyet", "cong_khai_quyet_dinh", "da_giai_quyet"),
    ("da_giai_quyet", "bao_ket_qua_noi_chuyen", "da_giai_quyet"),
    // Forwarded: the receiving body's result arrives, and the citizen is told (Art 28(2)).
    ("da_chuyen", "nhan_ket_qua", "da_chuyen"),
    ("da_chuyen", "thong_bao_ket_qua", "da_chuyen"),
    // Issue 23. Accepted: the person denounced told of the content (Luật TC Art 29(3)); the
    // resolution suspended (Luật TC Art 34(1); Luật KN Art 11a) and continued (Art 34(2)).
    ("dang_giai_quyet", "thong_bao_bi_to_cao", "dang_giai_quyet"),
    ("dang_giai_quyet", "tam_dinh_chi", "dang_giai_quyet"),
    ("dang_giai_quyet", "tiep_tuc_giai_quyet", "dang_giai_quyet"),
    // Whatever became of a forwarded denunciation, its forwarder is told how it was
    // handled (Luật TC Art 26(2)): in every status.
    ("moi", "bao_xu_ly_noi_chuyen", "moi"),
    ("cho_thu_ly", "bao_xu_ly_noi_chuyen", "cho_thu_ly"),
    (
        "ngoai_tham_quyen",
        "bao_xu_ly_noi_chuyen",
        "ngoai_tham_quyen",
    ),
    ("khong_du_dk", "bao_xu_ly_noi_chuyen", "khong_du_dk"),
    ("dang_giai_quyet", "bao_xu_ly_noi_chuyen", "dang_giai_quyet"),
    ("da_giai_quyet", "bao_xu_ly_noi_chuyen", "da_giai_quyet"),
    ("da_chuyen", "bao_xu_ly_noi_chuyen", "da_chuyen"),
    ("da_huong_dan", "bao_xu_ly_noi_chuyen", "da_huong_dan"),
    ("da_tra_lai", "bao_xu_ly_noi_chuyen", "da_tra_lai"),
    ("da_luu", "bao_xu_ly_noi_chuyen", "da_luu"),
    ("da_rut", "bao_xu_ly_noi_chuyen", "da_rut"),
    ("khong_thu_ly", "bao_xu_ly_noi_chuyen", "khong_thu_ly"),
];

/// Steps outside the table: notes and assignment anywhere; remote area while open.
fn law_outside_table(f: &CaseFacts, a: Action) -> Option<Option<CaseStatus>> {
    match a {
        A::Note | A::Assign | A::AddPetition | A::VisitEdited => Some(Some(f.status)),
        A::MarkRemote => Some((f.status.is_open() && !f.remote).then_some(f.status)),
        A::Open => Some(None),
        _ => None,
    }
}

/// What the law says of `a` on `f`: the next status, or None (refused).
fn law(f: &CaseFacts, a: Action) -> Option<CaseStatus> {
    if let Some(r) = law_outside_table(f, a) {
        return r;
    }
    let to = LAW
        .iter()
        .find(|(from, act, _)| *from == f.status.code() && *act == a.code())
        .map(|(_, _, to)| CaseStatus::from_code(to).expect("a status of the law"))?;
    let t = f.case_type;
    let kn = t == CaseType::KhieuNai;
    let tc = t == CaseType::ToCao;
    let d = f.done;
    let allowed = match a {
        // Only a denunciation is extended: once when complex (Luật TC Art 30(2)), a second
        // time only when especially complex (Art 30(3)), never a third.
        A::Extend => {
            tc && f.complex
                && (f.extensions == 0 || (f.extensions == 1 && f.very_complex))
                && !f.suspended
        }
        // Suspended time is not counted (Luật TC Art 34(2)): nothing is decided meanwhile.
        A::Resolve => !f.suspended,
        A::Suspend => (kn || tc) && !f.suspended,
        A::Continue => (kn || tc) && f.suspended,
        A::NotifyDenounced => tc && !d.denounced_notified,
        A::ReportHandling => {
            tc && f.forwarded && !d.forwarder_handling_informed && !d.forwarder_informed
        }
        A::MarkVeryComplex => tc && !f.very_complex,
        A::MarkMultiSite => tc && !f.multi_site,
        A::RecordTimeBar => kn,
        A::NotifyAcceptance => tc && !d.acceptance_notified,
        // A denunciation's conclusion is sent (Luật TC Art 35(3)) and made public (Art
        // 40(1)) by the same steps.
        A::SendDecision => (kn || tc) && !d.decision_sent,
        // Publishing is the second-round resolver's duty (Luật KN Art 41(2)); every
        // denunciation's conclusion is made public (Luật TC Art 40(1)).
        A::PublishDecision => ((kn && f.round == 2) || tc) && !d.published,
        A::ReportToForwarder => (kn || tc) && f.forwarded && !d.forwarder_informed,
        A::ResultReceived => (kn || tc) && !d.result_received,
        A::InformCitizen => (kn || tc) && d.result_received && !d.citizen_informed,
        // Complex once; proposals and feedback have no complex procedure.
        A::MarkComplex => t != CaseType::KienNghiPhanAnh && !f.complex,
        // Non-acceptance is for complaints (Art 11) and denunciations (Art 29(1)).
        A::Refuse => t != CaseType::KienNghiPhanAnh,
        // Only a first-round complaint goes to a second round, once.
        A::Reopen => t == CaseType::KhieuNai && f.round == 1 && !f.reopened,
        _ => true,
    };
    allowed.then_some(to)
}

fn all_facts() -> Vec<CaseFacts> {
    let mut out = Vec::new();
    let all_done = Done {
        acceptance_notified: true,
        decision_sent: true,
        published: true,
        forwarder_informed: true,
        result_received: true,
        citizen_informed: true,
        denounced_notified: true,
        forwarder_handling_informed: true,
    };
    let received = Done {
        result_received: true,
        ..Done::default()
    };
    for t in CaseType::ALL {
        for st in CaseStatus::ALL {
            for (complex, very, extensions, round, reopened, remote, fwd, multi, done) in [
                (
                    false,
                    false,
                    0,
                    1,
                    false,
                    false,
                    false,
                    false,
                    Done::default(),
                ),
                (
                    true,
                    false,
                    0,
                    1,
                    false,
                    false,
                    true,
                    false,
                    Done::default(),
                ),
                (true, false, 1, 1, false, true, false, true, received),
                (true, true, 1, 1, false, false, true, false, Done::default()),
                (true, true, 2, 1, false, false, false, true, all_done),
                (
                    false,
                    false,
                    0,
                    2,
                    false,
                    false,
                    true,
                    false,
                    Done::default(),
                ),
                (false, false, 0, 2, false, false, true, false, all_done),
                (false, false, 0, 1, true, false, false, false, received),
            ] {
                for suspended in [false, true] {
                    out.push(CaseFacts {
                        case_type: *t,
                        status: *st,
                        round,
                        complex,
                        extensions,
                        reopened,
                        remote,
                        very_complex: very,
                        multi_site: multi,
                        forwarded: fwd,
                        suspended,
                        done,
                    });
                }
            }
        }
    }
    out
}

#[test]
fn every_step_is_allowed_exactly_when_the_law_allows_it() {
    for f in all_facts() {
        for a in Action::ALL {
            if *a == A::Open {
                continue;
            }
            assert_eq!(step(&f, *a).ok(), law(&f, *a), "{f:?} {a:?}");
        }
    }
}

#[test]
fn the_keys_offer_what_the_law_allows() {
    for f in all_facts() {
        for a in Action::ALL {
            if matches!(a, A::Open | A::AddPetition | A::VisitEdited) {
                continue;
            }
            let by_law = if *a == A::ClassifyOwn {
                // The classify key stands for the three classifications.
                [A::ClassifyOwn, A::ClassifyNotOwn, A::ClassifyIneligible]
                    .iter()
                    .any(|c| law(&f, *c).is_some())
            } else {
                law(&f, *a).is_some()
            };
            assert_eq!(key_allowed(&f, *a), by_law, "{f:?} {a:?}");
        }
    }
}

/// Property: following random steps from intake, every state reached is one the law's
/// table leads to, and the counters stay within the law.
#[test]
fn no_sequence_of_commands_reaches_a_state_the_law_forbids() {
    use rand::{Rng, SeedableRng};
    let reachable: HashSet<&str> = LAW.iter().map(|(_, _, to)| *to).chain(["moi"]).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
    for _ in 0..5_000 {
        let t = CaseType::ALL[rng.random_range(0..CaseType::ALL.len())];
        let mut f = facts(t, S::New);
        for _ in 0..rng.random_range(1..20) {
            let a = Action::ALL[rng.random_range(0..Action::ALL.len())];
            match apply(&f, a) {
                Ok(next) => {
                    assert_eq!(Some(next.status), law(&f, a), "{f:?} {a:?}");
                    assert!(reachable.contains(next.status.code()));
                    assert!(next.extensions <= 2);
                    assert!(next.extensions == 0 || (t == CaseType::ToCao && next.complex));
                    assert!(next.extensions < 2 || next.very_complex);
                    assert!(!next.reopened || (t == CaseType::KhieuNai && next.round == 1));
                    f = next;
                }
                Err(_) => assert_eq!(law(&f, a), None, "{f:?} {a:?} refused"),
            }
        }
    }
}
