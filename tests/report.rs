//! Period reports (issue 10): every figure of the summary and of each official table on a
//! small book built by hand, with the expected values worked out by hand below (never
//! computed by the code under test); the period edges (a visit on the 14th and one on the
//! 15th, the first quarter crossing the year); the XLSX read back and compared cell by cell
//! with the JSON of the same report; the command line (read only, a closed pipe, --explain);
//! denouncers never named; and the pane (snapshots, keys, records behind a figure).

mod common;

use chrono::NaiveDate;
use serde_json::Value;
use tiepdan::cli::report::compute;
use tiepdan::domain::case::{Action, CaseType, Outcome, RefusalReason};
use tiepdan::domain::date::format_date;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::report::{Circular, Figure, Form, Period, Report};
use tiepdan::domain::visit::PresiderRole;
use tiepdan::domain::visit::{VisitDraft, validate};
use tiepdan::exchange::report_text::{self, Heading};
use tiepdan::exchange::report_xlsx;
use tiepdan::i18n::Lang;
use tiepdan::store::{CaseSource, CitizenInput, NewCase, SavedVisit, StepInput, Store, VisitInput};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The day the reports are made: after every period tested.
fn today() -> NaiveDate {
    d(2026, 11, 22)
}

const FIELDS: &[&str] = &[
    "dat_dai",
    "den_bu_gpmb",
    "quy_hoach_xd",
    "moi_truong",
    "chinh_sach",
    "tu_phap",
    "tham_nhung",
    "khac",
];

/// The hand-built book. Every write goes through the public store API (`Store::write` as the
/// signed-in officer), here and only here. A visit with handling thụ lý opens its case in
/// the same write (the intake rule of the store), so KN1, TC1 and KN-G come with v2, v6 and
/// v10; v7 (An back on 20/01, no new petition) is answered at the desk (trả lời), not taken
/// in: taken in, it would open a case of its own.
///
/// Visits (day, time, citizen, people, form, type, field, handling, petitions):
/// - v1  14/12/2025 08:00 An     1  thường xuyên  KN    đất đai     hướng dẫn   1 (Q4/2025)
/// - v2  15/12/2025 08:30 An     1  thường xuyên  KN    đất đai     thụ lý      1 → case KN1
/// - v3  15/12/2025 09:00 Bình   1  thường xuyên  KNghị chính sách  trả lời     0
/// - v4  05/01/2026 08:00 Dung  12  định kỳ (Chủ tịch Lê Văn Hùng)  KNghị đền bù  hướng dẫn 1
/// - v5  05/01/2026 09:00 Cường  1  định kỳ (same session)  KN  đền bù  chuyển đơn  1 (to UBND quận)
/// - v6  20/01/2026 10:00 Em     1  thường xuyên  TC    tham nhũng  thụ lý      1 → case TC1
/// - v7  20/01/2026 14:00 An     1  thường xuyên  KN    đất đai     trả lời     0
/// - v8  10/02/2026 08:00 Phương 6  đột xuất (Phó Chủ tịch Trần Thị Mai) PA môi trường đôn đốc 2
/// - v9  10/02/2026 09:30 Dung  12  thường xuyên  KNghị đền bù      lưu đơn     0
/// - v10 14/03/2026 08:00 Giang  1  thường xuyên  KN    quy hoạch   thụ lý      1 → case KN-G
/// - v11 15/03/2026 08:00 Giang  1  thường xuyên  KN    quy hoạch   hướng dẫn   1 (Q2) → KN-after
///
/// Cases:
/// - KN-old  Ích, post, đất đai, received 01/11/2025; own 03/11, accepted 04/11, resolved
///   20/11/2025 (sai): closed before Q1.
/// - KN-K    Khánh, post, đền bù, received 01/12/2025; not own 03/12; transferred 20/12/2025,
///   urged 10/03/2026.
/// - TC-L    Lộc, post, tố cáo, tư pháp, received 10/12/2025; not eligible 12/12; filed 20/12.
/// - KN1     An (v2), received 15/12/2025; own 15/12, accepted 16/12, resolved 05/01/2026
///   (đúng; due 15/01/2026); second round opened 20/01/2026 → KN2.
/// - KN2     round 2, received 20/01/2026; own 21/01, accepted 22/01, resolved 20/02/2026
///   (sai; due 45 days → Sunday 08/03 → 09/03/2026).
/// - TC1     Em (v6, a denouncer: TC-2026-BD-0001), received 20/01/2026; own 21/01, accepted 22/01; still being resolved
///   (due 30 days → Saturday 21/02 → Monday 23/02/2026: overdue at 14/03).
/// - KNPA1   Hoa, post, kiến nghị, chính sách, received 10/01/2026; own 12/01, accepted 13/01;
///   a second petition joined 20/01; resolved 02/02/2026 (đã trả lời; no legal limit).
/// - KN-W    Bình, post, chính sách, received 05/01/2026; own 06/01, accepted 07/01;
///   withdrawn 15/01/2026.
/// - KN-R    Cường, post, đất đai, received 06/01/2026; own 07/01; refused 10/01/2026.
/// - KNPA-Gd Phương, post, môi trường, received 20/02/2026; not own 21/02; guided 25/02.
/// - KN-G    Giang (v10), received 14/03/2026; not yet classified.
/// - KN-after Giang (v11), received 15/03/2026 (Q2).
fn book() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    fill(&mut store);
    store
}

/// Write the hand-built book (see [`book`]) into an empty store.
fn fill(store: &mut Store) {
    let o = common::store_with_officer(store);
    let codes: Vec<String> = FIELDS.iter().map(|s| s.to_string()).collect();
    let visit = |store: &mut Store,
                 day: NaiveDate,
                 time: &str,
                 name: &str,
                 id: &str,
                 people: u32,
                 form: &str,
                 ptype: &str,
                 field: &str,
                 handling: &str,
                 petitions: u32| {
        // The chairman in person on the periodic day; his deputy, by delegation, ad hoc.
        let (presiding, role) = match form {
            "dinh_ky" => ("Chủ tịch Lê Văn Hùng", "truc_tiep"),
            "dot_xuat" => ("Phó Chủ tịch Trần Thị Mai", "uy_quyen"),
            _ => ("", ""),
        };
        let draft = VisitDraft {
            full_name: name.into(),
            id_number: id.into(),
            phone: String::new(),
            address: "phường Ba Đình, Hà Nội".into(),
            people: people.to_string(),
            representatives: if people >= 5 {
                name.into()
            } else {
                String::new()
            },
            form: form.into(),
            presiding: presiding.into(),
            presider_role: role.into(),
            petition_type: ptype.into(),
            field: field.into(),
            content: format!("Nội dung của {name} ({ptype}, {field})"),
            handling: handling.into(),
            transfer_agency: if handling == "chuyen_don" {
                "UBND quận Ba Đình".into()
            } else {
                String::new()
            },
            petitions: petitions.to_string(),
            day: format_date(day),
            time: time.into(),
            ..Default::default()
        };
        let v = validate(&draft, today(), 5, &codes);
        let valid = v.visit.unwrap_or_else(|| panic!("{:?}", v.problems));
        let input = VisitInput {
            visit: &valid,
            day,
            time: time.into(),
            citizen: None,
            rename_citizen: false,
            shared: Default::default(),
        };
        common::write(store, &o, |w| w.save_visit(&input, &CaseChoice::Ask))
    };
    let step = |store: &mut Store, uid: &str, a: Action, day: NaiveDate| {
        let input = StepInput {
            day: Some(day),
            agency: if a == Action::Transfer {
                "UBND tỉnh".into()
            } else {
                String::new()
            },
            reason: (a == Action::Refuse).then_some(RefusalReason::KhongChuKy),
            ..StepInput::default()
        };
        common::write(store, &o, |w| w.case_step(uid, None, a, &input, today()))
    };
    let resolve = |store: &mut Store, uid: &str, outcome: Outcome, day: NaiveDate| {
        let input = StepInput {
            day: Some(day),
            outcome: Some(outcome),
            ..StepInput::default()
        };
        common::write(store, &o, |w| {
            w.case_step(uid, None, Action::Resolve, &input, today())
        });
    };
    // The case a thụ lý visit opened in its own write.
    let case_of = |saved: &SavedVisit| saved.case.as_ref().expect("taken in").uid.clone();
    let from_visit = |store: &mut Store, vuid: &str, t: CaseType, field: &str| {
        let det = store.visit_detail(vuid).unwrap();
        let c = NewCase {
            case_type: t,
            field_code: field.into(),
            summary: det.row.content.clone(),
            source: CaseSource::Visit,
            forwarded_by: String::new(),
            forwarding_doc: String::new(),
            forwarder_kind: None,
            received_on: det.day,
            remote: false,
        };
        common::write(store, &o, |w| w.open_case_from_visit(vuid, &c)).uid
    };
    let written = |store: &mut Store,
                   name: &str,
                   id: &str,
                   t: CaseType,
                   field: &str,
                   received: NaiveDate,
                   choice: CaseChoice| {
        let idn = tiepdan::domain::ident::check_id_number(id, received).unwrap();
        let citizen = CitizenInput {
            full_name: name,
            id_number: Some(&idn),
            phone: None,
            address: "Hà Nội",
            denouncer: false,
        };
        let c = NewCase {
            case_type: t,
            field_code: field.into(),
            summary: format!("Đơn gửi qua bưu chính của {name}"),
            source: CaseSource::Post,
            forwarded_by: String::new(),
            forwarding_doc: String::new(),
            forwarder_kind: None,
            received_on: received,
            remote: false,
        };
        common::write(store, &o, |w| {
            w.take_in_written(&citizen, None, false, &c, &choice)
        })
        .uid
    };
    use Action as A;
    use CaseChoice::OpenNew as New;
    use CaseType as T;
    let s = store;
    // Before the first quarter.
    let kn_old = written(
        s,
        "Đinh Văn Ích",
        "001085000009",
        T::KhieuNai,
        "dat_dai",
        d(2025, 11, 1),
        New,
    );
    step(s, &kn_old, A::ClassifyOwn, d(2025, 11, 3));
    step(s, &kn_old, A::Accept, d(2025, 11, 4));
    resolve(s, &kn_old, Outcome::Sai, d(2025, 11, 20));
    let kn_k = written(
        s,
        "Lý Văn Khánh",
        "001085000010",
        T::KhieuNai,
        "den_bu_gpmb",
        d(2025, 12, 1),
        New,
    );
    step(s, &kn_k, A::ClassifyNotOwn, d(2025, 12, 3));
    let tc_l = written(
        s,
        "Mai Văn Lộc",
        "001085000011",
        T::ToCao,
        "tu_phap",
        d(2025, 12, 10),
        New,
    );
    step(s, &tc_l, A::ClassifyIneligible, d(2025, 12, 12));
    let an = "001085000001";
    visit(
        s,
        d(2025, 12, 14),
        "08:00",
        "Trần Văn An",
        an,
        1,
        "thuong_xuyen",
        "khieu_nai",
        "dat_dai",
        "huong_dan",
        1,
    );
    // The first quarter of 2026: 15/12/2025 – 14/03/2026.
    let v2 = visit(
        s,
        d(2025, 12, 15),
        "08:30",
        "Trần Văn An",
        an,
        1,
        "thuong_xuyen",
        "khieu_nai",
        "dat_dai",
        "thu_ly",
        1,
    );
    visit(
        s,
        d(2025, 12, 15),
        "09:00",
        "Lê Thị Bình",
        "001185000002",
        1,
        "thuong_xuyen",
        "kien_nghi",
        "chinh_sach",
        "tra_loi",
        0,
    );
    let kn1 = case_of(&v2);
    step(s, &kn1, A::ClassifyOwn, d(2025, 12, 15));
    step(s, &kn1, A::Accept, d(2025, 12, 16));
    step(s, &kn_k, A::Transfer, d(2025, 12, 20));
    step(s, &tc_l, A::File, d(2025, 12, 20));
    let dung = "001185000004";
    visit(
        s,
        d(2026, 1, 5),
        "08:00",
        "Bùi Thị Dung",
        dung,
        12,
        "dinh_ky",
        "kien_nghi",
        "den_bu_gpmb",
        "huong_dan",
        1,
    );
    visit(
        s,
        d(2026, 1, 5),
        "09:00",
        "Phạm Văn Cường",
        "001085000003",
        1,
        "dinh_ky",
        "khieu_nai",
        "den_bu_gpmb",
        "chuyen_don",
        1,
    );
    resolve(s, &kn1, Outcome::Dung, d(2026, 1, 5));
    let kn_w = written(
        s,
        "Lê Thị Bình",
        "001185000002",
        T::KhieuNai,
        "chinh_sach",
        d(2026, 1, 5),
        New,
    );
    step(s, &kn_w, A::ClassifyOwn, d(2026, 1, 6));
    step(s, &kn_w, A::Accept, d(2026, 1, 7));
    let kn_r = written(
        s,
        "Phạm Văn Cường",
        "001085000003",
        T::KhieuNai,
        "dat_dai",
        d(2026, 1, 6),
        New,
    );
    step(s, &kn_r, A::ClassifyOwn, d(2026, 1, 7));
    step(s, &kn_r, A::Refuse, d(2026, 1, 10));
    let knpa1 = written(
        s,
        "Vũ Thị Hoa",
        "001185000008",
        T::KienNghiPhanAnh,
        "chinh_sach",
        d(2026, 1, 10),
        New,
    );
    step(s, &knpa1, A::ClassifyOwn, d(2026, 1, 12));
    step(s, &knpa1, A::Accept, d(2026, 1, 13));
    step(s, &kn_w, A::Withdraw, d(2026, 1, 15));
    let v6 = visit(
        s,
        d(2026, 1, 20),
        "10:00",
        "Đỗ Văn Em",
        "001085000005",
        1,
        "thuong_xuyen",
        "to_cao",
        "tham_nhung",
        "thu_ly",
        1,
    );
    visit(
        s,
        d(2026, 1, 20),
        "14:00",
        "Trần Văn An",
        an,
        1,
        "thuong_xuyen",
        "khieu_nai",
        "dat_dai",
        "tra_loi",
        0,
    );
    let tc1 = case_of(&v6);
    // Hoa's second petition on the same matter joins KNPA1 (an event bo_sung).
    let joined = written(
        s,
        "Vũ Thị Hoa",
        "001185000008",
        T::KienNghiPhanAnh,
        "chinh_sach",
        d(2026, 1, 20),
        CaseChoice::Join(knpa1.clone()),
    );
    assert_eq!(joined, knpa1);
    let kn2_code = step(s, &kn1, A::Reopen, d(2026, 1, 20)).unwrap();
    let kn2: String = s
        .inspect_one("SELECT uid FROM cases WHERE code = ?1", [&kn2_code])
        .unwrap();
    step(s, &tc1, A::ClassifyOwn, d(2026, 1, 21));
    step(s, &kn2, A::ClassifyOwn, d(2026, 1, 21));
    step(s, &tc1, A::Accept, d(2026, 1, 22));
    step(s, &kn2, A::Accept, d(2026, 1, 22));
    resolve(s, &knpa1, Outcome::DaTraLoi, d(2026, 2, 2));
    visit(
        s,
        d(2026, 2, 10),
        "08:00",
        "Hoàng Thị Phương",
        "001185000006",
        6,
        "dot_xuat",
        "phan_anh",
        "moi_truong",
        "don_doc",
        2,
    );
    visit(
        s,
        d(2026, 2, 10),
        "09:30",
        "Bùi Thị Dung",
        dung,
        12,
        "thuong_xuyen",
        "kien_nghi",
        "den_bu_gpmb",
        "luu_don",
        0,
    );
    resolve(s, &kn2, Outcome::Sai, d(2026, 2, 20));
    let knpa_gd = written(
        s,
        "Hoàng Thị Phương",
        "001185000006",
        T::KienNghiPhanAnh,
        "moi_truong",
        d(2026, 2, 20),
        New,
    );
    step(s, &knpa_gd, A::ClassifyNotOwn, d(2026, 2, 21));
    step(s, &knpa_gd, A::Guide, d(2026, 2, 25));
    step(s, &kn_k, A::Urge, d(2026, 3, 10));
    let giang = "001085000007";
    // v10 is taken in: its case KN-G, not yet classified.
    visit(
        s,
        d(2026, 3, 14),
        "08:00",
        "Ngô Văn Giang",
        giang,
        1,
        "thuong_xuyen",
        "khieu_nai",
        "quy_hoach_xd",
        "thu_ly",
        1,
    );
    // After the first quarter.
    let v11 = visit(
        s,
        d(2026, 3, 15),
        "08:00",
        "Ngô Văn Giang",
        giang,
        1,
        "thuong_xuyen",
        "khieu_nai",
        "quy_hoach_xd",
        "huong_dan",
        1,
    );
    from_visit(s, &v11.uid, T::KhieuNai, "quy_hoach_xd");
}

fn report(store: &Store, period: &str) -> Report {
    compute(store, Period::parse(period).unwrap(), today()).unwrap()
}

/// The report of `period` in the forms of `circular`.
fn report_in(store: &Store, period: &str, circular: Circular) -> Report {
    store
        .period_report_in(Period::parse(period).unwrap(), today(), circular)
        .unwrap()
}

fn heading() -> Heading<'static> {
    Heading {
        unit: "UBND phường Ba Đình",
        lang: Lang::Vi,
    }
}

/// The values of a form's columns 1, 2, … (None where the book cannot fill it).
fn values(r: &Report, f: Form) -> Vec<Option<u64>> {
    r.table(f).unwrap().cells.iter().map(|c| c.value).collect()
}

fn some(v: &[u64]) -> Vec<Option<u64>> {
    v.iter().map(|x| Some(*x)).collect()
}

#[test]
fn q1_summary_figures_by_hand() {
    let store = book();
    let r = report(&store, "2026-q1");
    assert_eq!(
        (r.period.from, r.period.to),
        (d(2025, 12, 15), d(2026, 3, 14))
    );
    use Figure as F;
    let expected = [
        // Sessions: thường xuyên 15/12, 20/01, 10/02, 14/03; định kỳ 05/01; đột xuất 10/02.
        (F::Sessions, 6),
        (F::SessionsRegular, 4),
        (F::SessionsPeriodic, 1),
        (F::SessionsAdHoc, 1),
        (F::SessionsOnline, 0),
        // The chairman in person on 05/01; his deputy, by delegation, on 10/02.
        (F::HeadPeriodic, 1),
        (F::HeadAdHoc, 0),
        (F::HeadDays, 1),
        (F::DelegatedSessions, 1),
        (F::UnmarkedSessions, 0),
        // v2…v10; people 1+1+12+1+1+1+6+12+1.
        (F::Visits, 9),
        (F::People, 36),
        // v4 (12), v8 (6), v9 (12).
        (F::GroupVisits, 3),
        (F::GroupPeople, 30),
        // At visits 1+0+1+1+1+0+2+0+1 = 7; in writing KNPA1 (2 with the joined one), KN-W,
        // KN-R, KNPA-Gd = 5.
        (F::Petitions, 12),
        // v2, v5, v10 + KN-W, KN-R.
        (F::PetitionsKhieuNai, 5),
        // v6.
        (F::PetitionsToCao, 1),
        // v4 (1), v8 (2) + KNPA1 (2), KNPA-Gd (1).
        (F::PetitionsKienNghiPhanAnh, 6),
        // KN-K, TC-L carried over; KN1, KN2, TC1, KNPA1, KN-W, KN-R, KNPA-Gd, KN-G new.
        (F::CasesInBook, 10),
        // KN-K (outside authority on 14/12), TC-L (not eligible on 14/12).
        (F::CasesCarriedOver, 2),
        (F::CasesReceived, 8),
        // KN1, KN2, TC1, KNPA1, KN-W, KN-R.
        (F::CasesOwnAuthority, 6),
        // KN-K, KNPA-Gd.
        (F::CasesNotOwn, 2),
        // TC-L.
        (F::CasesIneligible, 1),
        (F::CasesClosedUnclassified, 0),
        // KN-G.
        (F::CasesUnclassified, 1),
        // KN1, KN2, KNPA1 (resolved), TC1 (being resolved), KN-W (withdrawn); KN-R refused.
        (F::CasesToResolve, 5),
        (F::CasesSettled, 4),
        // KN1, KN2, KNPA1.
        (F::CasesResolved, 3),
        // KN1 (05/01 ≤ 15/01), KN2 (20/02 ≤ 09/03); KNPA1 has no legal limit.
        (F::CasesResolvedOnTime, 2),
        (F::CasesResolvedLate, 0),
        (F::CasesWithdrawn, 1),
        // TC1.
        (F::CasesOpen, 1),
        (F::CasesOverdue, 1),
        (F::CasesAwaitingAcceptance, 0),
        (F::CasesRefused, 1),
        // KN1, KN2, KN-W: all settled.
        (F::ComplaintsToResolve, 3),
        (F::ComplaintsSettled, 3),
        // TC1, still being resolved.
        (F::DenunciationsToResolve, 1),
        (F::DenunciationsSettled, 0),
        // v5 at the desk + KN-K (forwarded, then urged: once).
        (F::Transferred, 2),
        // KNPA-Gd.
        (F::GuidedWritten, 1),
        (F::DeskGuided, 1),
        (F::DeskTransferred, 1),
        (F::DeskUrged, 1),
        // v3, v7.
        (F::DeskAnswered, 2),
        (F::DeskFiled, 1),
        // No refusal in this book (tests/reception.rs has them).
        (F::Refused, 0),
        (F::RefusedPeople, 0),
        (F::ScheduleShort, 0),
        // No dialogue in this book (tests/dialogues.rs has them).
        (F::DialoguesComplaint, 0),
        (F::DialoguesPublic, 0),
        (F::DialoguePeople, 0),
        (F::PromisesMade, 0),
        (F::PromisesAnswered, 0),
    ];
    for (f, v) in expected {
        assert_eq!(r.figure(f), v, "{f:?}");
    }
    assert_eq!(expected.len(), Figure::ALL.len(), "every figure is checked");
    assert_eq!(r.resolved_rate(), Some(80.0));
    assert_eq!(r.complaints_rate(), Some(100.0));
    assert_eq!(r.denunciations_rate(), Some(0.0));
    assert_eq!(r.on_time_rate(), Some(100.0));
    let presiding: Vec<(&str, Option<PresiderRole>, u64)> = r
        .presiding
        .iter()
        .map(|p| (p.name.as_str(), p.role, p.sessions))
        .collect();
    assert_eq!(
        presiding,
        vec![
            ("Chủ tịch Lê Văn Hùng", Some(PresiderRole::InPerson), 1),
            (
                "Phó Chủ tịch Trần Thị Mai",
                Some(PresiderRole::Delegated),
                1
            )
        ]
    );
    let by_field: Vec<(&str, u64)> = r
        .by_field
        .iter()
        .map(|f| (f.code.as_str(), f.petitions))
        .collect();
    assert_eq!(
        by_field,
        vec![
            ("dat_dai", 2),      // v2 + KN-R
            ("den_bu_gpmb", 2),  // v4, v5
            ("quy_hoach_xd", 1), // v10
            ("moi_truong", 3),   // v8 (2) + KNPA-Gd
            ("chinh_sach", 3),   // KNPA1 (2) + KN-W
            ("tu_phap", 0),
            ("tham_nhung", 1), // v6
            ("khac", 0),
        ]
    );
}

/// The matters of the first quarter (citizen, type, field) and the block that counts each
/// (the highest that received it: the head in person, a delegate, regular): An-KN-đất đai (v2
/// a repeat of v1, v7; regular), Bình (v3; regular), Dung (v4 at the chairman's periodic
/// session, then v9 at the desk: under the head), Cường (v5; head), Em (v6; regular),
/// Phương (v8 at the deputy's ad hoc session: delegated), Giang (v10; regular).
#[test]
fn q1_tables_of_tt_06_2025_by_hand() {
    let store = book();
    let r = report(&store, "2026-q1");
    assert_eq!(r.circular, Circular::Tt06_2025);
    let n = None;
    // 01/TCD: totals; regular v2 v3 v6 v7 v9 v10; the chairman v4 v5 (05/01); the deputy v8.
    assert_eq!(
        values(&r, Form::T6Tcd01),
        some(&[
            9, 36, 7, 3, // visits, people, matters, groups (v4, v8, v9)
            6, 17, 4, 1, 12, // regular: An, Bình, Em, Giang; group v9
            1, 2, 13, 2, 1, 12, // in person: one day, Dung and Cường; group v4
            1, 1, 6, 1, 1, 6, // delegated: one day, Phương, a group of 6
        ])
    );
    // 02/XLD: the petitions handled in the quarter — KN-K (carried over, outside our
    // authority and not yet sent on at its start), KN1, KN-W, KN-R, KNPA1 (two petitions),
    // TC1, KN2, KNPA-Gd, KN-G (received); plus the petitions of the visits that opened no
    // case: v4 guided (1), v5 forwarded (1), v8 urged (2). TC-L was handled before (filed
    // as not eligible): not again.
    let mut xld = some(&[
        14, // 10 of cases + 4 at the desk
        13, // all but KN-G
        13, // eligible: 7 within + 6 outside
        7, 6, // within our authority: petitions, cases
        4, 3, 1, 3, 1,
        0, // complaints: round 1 / 2; đất đai (KN1, KN-R, KN2), chính sách
        1, // denunciations: TC1
    ]);
    xld.extend([n, n]); // first / again: not marked
    xld.extend(some(&[
        0, 1, 0, 0, // TC1 under tham nhũng
        2, 2, 0, 0, // KNPA1 (two petitions), chính sách
        6, 2, 4, // outside: guided KNPA-Gd + v4; forwarded KN-K + v5 + v8 (2)
    ]));
    assert_eq!(values(&r, Form::T6Xld02), xld);
    // 03/GQKN: KN1, KN2 (resolved), KN-R (refused), KN-W (withdrawn); decisions: KN1 found
    // justified (round 1), KN2 unjustified (round 2: the first decision upheld).
    let mut gqkn = some(&[4, 4, 0, 2, 1, 1, 2, 1, 0, 0, 1, 0]);
    gqkn.extend([n; 11]);
    assert_eq!(values(&r, Form::T6Gqkn03), gqkn);
    // 04/GQTC: TC1, accepted, no conclusion yet.
    let mut gqtc = some(&[1, 1, 0, 1, 0, 0, 0]);
    gqtc.extend([n; 18]);
    assert_eq!(values(&r, Form::T6Gqtc04), gqtc);
    assert_eq!(values(&r, Form::T6Kqth05), vec![n; 31]);
    assert_eq!(values(&r, Form::T6Qlkntc06), vec![n; 17]);
}

#[test]
fn q1_tables_of_tt_01_2024_by_hand() {
    let store = book();
    let r = report_in(&store, "2026-q1", Circular::Tt01_2024);
    // 01/TCD: regular first (Bình, Em, Giang), repeat (An); Dung's matter counts under the
    // head (v4), so v9, a group at the desk, is a group visit but no regular matter.
    assert_eq!(
        values(&r, Form::Tcd01),
        some(&[
            9, 36, 7, // total: visits, people, matters
            6, 17, 3, 1, 1, 12, 0, 0, // regular
            1, 2, 13, 2, 0, 1, 12, 1, 0, // the head in person: one session (05/01)
            1, 1, 6, 1, 0, 1, 6, 1, 0, // by delegation: one session (10/02)
        ])
    );
    // 02/TCD: petitions and matters at the visits, by type, by authority (the desk's
    // handling: kept — taken in, answered, filed — or sent on), each matter by its last visit:
    // An (v7 answered), Bình (answered), Dung (v9 filed), Em, Giang within; Cường (v5
    // forwarded), Phương (v8 urged) outside.
    let mut tcd02 = some(&[
        7, 7, // total
        3, 3, // KN: v2 v5 v7 v10
        1, 1, // TC: v6
        3, 3, // KNPA: v3 v4 v8 v9
        3, 5, // own: v2 v6 v10 (petitions); matters An Bình Dung Em Giang
        4, 2, // not own: v4 v5 v8 (petitions); matters Cường Phương
        0, 1,
        1, // guided none (Dung's last visit was filed), forwarded Cường, urged Phương
    ]);
    tcd02.push(None);
    assert_eq!(values(&r, Form::Tcd02), tcd02);
    // 01/XLD: ten cases in the book (KNPA1 counts two petitions), each in one result.
    let n = None;
    assert_eq!(
        values(&r, Form::Xld01),
        vec![
            Some(11), // all petitions
            Some(2),  // carried over: KN-K, TC-L
            n,
            n,
            Some(9), // received
            n,
            n,
            Some(10), // processed: all but KN-G
            Some(9),  // eligible petitions: 8 cases, KNPA1 twice
            Some(8),  // eligible cases
            Some(5),  // KN: KN1 KN2 KN-W KN-R KN-K
            Some(1),  // TC: TC1
            Some(2),  // KNPA: KNPA1 KNPA-Gd
            n,
            Some(4), // own KN
            Some(1), // own TC
            Some(1), // own KNPA
            Some(1), // guided: KNPA-Gd
            Some(0), // forwarded and not urged: none
            Some(1), // forwarded, then urged: KN-K (counted once)
            n,
        ]
    );
    // 02/XLD: eligible complaints KN1 KN2 KN-R KN-K (land, compensation → đất đai, nhà cửa),
    // KN-W (chính sách).
    let mut xld02 = some(&[5, 1, 4, 0, 0, 0, 0, 3, 1, 1, 2, 0, 0]);
    xld02.push(None);
    assert_eq!(values(&r, Form::Xld02), xld02);
    // 03/XLD: TC1 (tham nhũng), own, still being resolved. TC-L was not eligible.
    let mut xld03 = some(&[1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0]);
    xld03.push(None);
    assert_eq!(values(&r, Form::Xld03), xld03);
    // 04/XLD: KNPA1 (chính sách, own, resolved), KNPA-Gd (môi trường → khác, not own).
    assert_eq!(
        values(&r, Form::Xld04),
        some(&[2, 1, 0, 0, 1, 1, 1, 1, 0, 0])
    );
    // 01/KQGQ: own complaints KN1 KN2 KN-W KN-R, all received in the quarter.
    let mut kqgq01 = some(&[4, 4, 0, 4, 3, 2, 1, 1, 0, 0, 1, 0]);
    kqgq01.extend([n; 7]);
    kqgq01.extend(some(&[2, 0]));
    assert_eq!(values(&r, Form::Kqgq01), kqgq01);
    // 03/KQGQ: TC1, not resolved.
    let mut kqgq03 = some(&[1, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
    kqgq03.extend([n; 8]);
    kqgq03.extend(some(&[0, 0]));
    assert_eq!(values(&r, Form::Kqgq03), kqgq03);
}

#[test]
fn a_voided_visit_counts_nowhere_nor_its_session_nor_its_case() {
    let mut store = book();
    let o = store.sign_in(1, common::PIN, common::at(8, 15)).unwrap();
    // A periodic session on 03/02/2026 whose only visit (thụ lý: it opens a case) was
    // logged by mistake and voided.
    let mut dr = common::draft("Tạ Văn Nhầm", "001085000012");
    dr.form = "dinh_ky".into();
    dr.presiding = "Chủ tịch Lê Văn Hùng".into();
    dr.presider_role = "truc_tiep".into();
    dr.day = "03/02/2026".into();
    let codes: Vec<String> = FIELDS.iter().map(|s| s.to_string()).collect();
    let valid = validate(&dr, today(), 5, &codes).visit.unwrap();
    let input = VisitInput {
        visit: &valid,
        day: d(2026, 2, 3),
        time: "08:30".into(),
        citizen: None,
        rename_citizen: false,
        shared: Default::default(),
    };
    let saved = common::write(&mut store, &o, |w| w.save_visit(&input, &CaseChoice::Ask));
    assert!(saved.case.is_some());
    assert_eq!(report(&store, "2026-q1").figure(Figure::Visits), 10);
    let version = store.visit_detail(&saved.uid).unwrap().row.version;
    common::write(&mut store, &o, |w| {
        w.void_visit(&saved.uid, version, "Ghi nhầm")
    });
    // The hand figures of the quarter again (see q1_summary_figures_by_hand).
    let r = report(&store, "2026-q1");
    use Figure as F;
    for (f, v) in [
        (F::Sessions, 6),
        (F::SessionsPeriodic, 1),
        (F::Visits, 9),
        (F::People, 36),
        (F::Petitions, 12),
        (F::PetitionsKhieuNai, 5),
        (F::CasesReceived, 8),
        (F::CasesUnclassified, 1),
    ] {
        assert_eq!(r.figure(f), v, "{f:?}");
    }
    assert_eq!(r.cell(Form::T6Tcd01, 1).unwrap().value, Some(9));
    assert_eq!(r.cell(Form::T6Xld02, 1).unwrap().value, Some(14));
}

#[test]
fn period_edges_the_14th_and_the_15th() {
    let store = book();
    // Q4/2025 ends on Sunday 14/12/2025: v1 only.
    let q4 = report(&store, "2025-q4");
    assert_eq!(
        (q4.period.from, q4.period.to),
        (d(2025, 9, 15), d(2025, 12, 14))
    );
    assert_eq!(q4.figure(Figure::Visits), 1);
    assert_eq!(q4.figure(Figure::DeskGuided), 1);
    // Cases received in Q4/2025: KN-old, KN-K, TC-L; KN-old was resolved on 20/11.
    assert_eq!(q4.figure(Figure::CasesReceived), 3);
    assert_eq!(q4.figure(Figure::CasesResolved), 1);
    // 20/11/2025 is before 04/11 + 30 days (04/12/2025).
    assert_eq!(q4.figure(Figure::CasesResolvedOnTime), 1);
    // Q1/2026 starts on Monday 15/12/2025 (the year before): v2 counts, v1 does not, and
    // An's matter is a repeat because of v1.
    let q1 = report(&store, "2026-q1");
    assert_eq!(q1.figure(Figure::Visits), 9);
    let q1 = report_in(&store, "2026-q1", Circular::Tt01_2024);
    assert_eq!(q1.cell(Form::Tcd01, 7).unwrap().value, Some(1));
    // Q2/2026 starts on 15/03: v11 only, a repeat of v10 (14/03, Q1).
    let q2 = report(&store, "2026-q2");
    assert_eq!(q2.figure(Figure::Visits), 1);
    let q2_01 = report_in(&store, "2026-q2", Circular::Tt01_2024);
    assert_eq!(q2_01.cell(Form::Tcd01, 6).unwrap().value, Some(0));
    assert_eq!(q2_01.cell(Form::Tcd01, 7).unwrap().value, Some(1));
    // Carried into Q2: TC1 (being resolved) and KN-G (not classified); KN-after is new.
    assert_eq!(q2.figure(Figure::CasesCarriedOver), 2);
    assert_eq!(q2.figure(Figure::CasesReceived), 1);
    assert_eq!(q2.figure(Figure::CasesOverdue), 1);
    // The year 2026 (15/12/2025 – 14/12/2026): v2…v11.
    let y = report(&store, "2026");
    assert_eq!(y.figure(Figure::Visits), 10);
    assert_eq!(y.figure(Figure::CasesReceived), 9);
    // December 2025 as a calendar month: v1, v2, v3.
    let dec = report(&store, "2025-12");
    assert_eq!(dec.figure(Figure::Visits), 3);
    // Any range: 14/12 – 15/12/2025: v1, v2, v3; An's matter counted once, and as a first
    // reception (its first visit here, v1, had none before).
    let range = store
        .period_report_in(
            Period::range(d(2025, 12, 14), d(2025, 12, 15)).unwrap(),
            today(),
            Circular::Tt01_2024,
        )
        .unwrap();
    assert_eq!(range.figure(Figure::Visits), 3);
    assert_eq!(range.cell(Form::Tcd01, 3).unwrap().value, Some(2));
    assert_eq!(range.cell(Form::Tcd01, 6).unwrap().value, Some(2));
    assert_eq!(range.cell(Form::Tcd01, 7).unwrap().value, Some(0));
}

#[test]
fn the_records_behind_a_figure_are_the_figure() {
    let store = book();
    let r = report(&store, "2026-q1");
    for t in &r.tables {
        for c in &t.cells {
            if let Ok(m) = &c.spec {
                let rows = r.trace(m);
                let sum: u64 = rows.iter().map(|(_, n)| *n).sum();
                assert_eq!(Some(sum), c.value, "{} ({})", t.form.code(), c.no);
            }
        }
    }
    for f in Figure::ALL {
        let sum: u64 = r.trace(&f.measure()).iter().map(|(_, n)| *n).sum();
        assert_eq!(sum, r.figure(*f), "{f:?}");
    }
}

#[test]
fn json_is_stable_and_denouncers_are_never_named() {
    let store = book();
    let r = report(&store, "2026-q1");
    let h = heading();
    let j: Value = serde_json::from_str(&report_text::json(&h, &r)).unwrap();
    assert_eq!(j["period"]["from"], "2025-12-15");
    assert_eq!(j["period"]["to"], "2026-03-14");
    for (key, v) in [
        ("sessions", 6),
        ("visits", 9),
        ("people", 36),
        ("group_visits", 3),
        ("petitions", 12),
        ("cases_own_authority", 6),
        ("cases_resolved", 3),
        ("cases_resolved_on_time", 2),
        ("cases_overdue", 1),
    ] {
        assert_eq!(j["summary"][key], v, "{key}");
        assert!(j["summary"][key].is_u64());
    }
    assert_eq!(j["circular"]["code"], "tt06_2025");
    assert_eq!(j["circular"]["due_on"], "2026-03-17");
    for f in Circular::Tt06_2025.forms() {
        assert!(j[f.code()]["columns"].is_array(), "{}", f.code());
    }
    assert!(j["01/KQGQ"].is_null(), "only the circular's own forms");
    assert_eq!(j["01/TCD"]["columns"][0]["value"], 9);
    assert_eq!(j["01/TCD"]["columns"].as_array().unwrap().len(), 21);
    // 02/XLD (13): denunciations first or again, not marked.
    assert!(j["02/XLD"]["columns"][12]["value"].is_null());
    assert!(j["02/XLD"]["columns"][12]["unfillable"].is_string());
    assert!(j["05/KQTH"]["note"].is_string());
    // Counts only: the denouncer (Đỗ Văn Em, 001085000005) appears in no output.
    let xlsx = report_xlsx::xlsx(&h, &r).unwrap();
    let mut all = vec![
        report_text::json(&h, &r),
        report_text::csv(&h, &r),
        report_text::text(&h, &r),
    ];
    for lang in [Lang::Vi, Lang::En] {
        let h = Heading { unit: "x", lang };
        all.push(report_text::text(&h, &r));
    }
    for out in &all {
        for secret in ["Đỗ Văn Em", "001085000005"] {
            assert!(!out.contains(secret), "{secret} in a report");
        }
        // No citizen at all, in fact.
        assert!(!out.contains("Trần Văn An"));
    }
    let text = String::from_utf8_lossy(&xlsx);
    assert!(!text.contains("001085000005"));
}

/// The summary paragraph as officials write it (issue 23, point 5): thousands marked, small
/// counts on two digits, the period with its dates in one pair of brackets, the office rather
/// than the person, complaints and denunciations each settled x/y (a withdrawal counts), still
/// being resolved and of those overdue, guidance at the desk apart from written guidance.
#[test]
fn the_summary_paragraph_as_officials_write_it() {
    let store = book();
    let r = report(&store, "2026-q1");
    let vi = tiepdan::i18n::report_paragraph(Lang::Vi, "UBND phường Ba Đình", &r);
    insta::assert_snapshot!("paragraph_q1_vi", vi);
    let en = tiepdan::i18n::report_paragraph(Lang::En, "UBND phường Ba Đình", &r);
    insta::assert_snapshot!("paragraph_q1_en", en);
    // The same in the three parts of the narrative outline (Mẫu số 02).
    let outline: Vec<String> = tiepdan::i18n::report_outline(Lang::Vi, "UBND phường Ba Đình", &r)
        .into_iter()
        .map(|(h, t)| format!("{h}\n{t}"))
        .collect();
    insta::assert_snapshot!("outline_q1_vi", outline.join("\n"));
    for part in [
        "Quý I năm 2026 (số liệu từ ngày 15/12/2025 đến ngày 14/03/2026), UBND phường Ba Đình",
        "đã tiếp 09 lượt với 36 người (03 đoàn đông người với 30 người)",
        "Chủ tịch UBND phường trực tiếp tiếp công dân định kỳ 01 kỳ (01 ngày)",
        "ủy quyền tiếp 01 kỳ",
        "khiếu nại đã giải quyết 03/03 vụ việc (đạt 100%)",
        "tố cáo đã giải quyết 0/01 vụ việc (đạt 0%)",
        "còn 01 vụ việc đang giải quyết, trong đó 01 vụ việc quá hạn",
        "Hướng dẫn tại nơi tiếp 01 lượt, hướng dẫn bằng văn bản 01 văn bản",
        "chuyển 02 đơn",
        "Trong kỳ có 10 vụ việc (kỳ trước chuyển sang 02, tiếp nhận mới 08)",
    ] {
        assert!(vi.contains(part), "{part}\n{vi}");
    }
    // No nested brackets, no person's name.
    assert!(!vi.contains("((") && !vi.contains("))"), "{vi}");
    assert!(!vi.contains("Lê Văn Hùng"), "{vi}");
    // Thousands with a dot, as officials write them.
    assert_eq!(tiepdan::i18n::count_text(Lang::Vi, 20240), "20.240");
    assert_eq!(tiepdan::i18n::count_text(Lang::Vi, 7), "07");
    assert_eq!(tiepdan::i18n::count_text(Lang::Vi, 0), "0");
    assert_eq!(tiepdan::i18n::count_text(Lang::En, 20240), "20,240");
    let year = Period::parse("2026").unwrap();
    assert_eq!(
        tiepdan::i18n::period_paragraph(Lang::Vi, &year),
        "Năm 2026 (số liệu từ ngày 15/12/2025 đến ngày 14/12/2026)"
    );
    for (unit, office) in [
        ("UBND phường Ba Đình", "Chủ tịch UBND phường"),
        ("Ủy ban nhân dân xã Tân Lập", "Chủ tịch UBND xã"),
        ("UBND đặc khu Phú Quốc", "Chủ tịch UBND đặc khu"),
        ("UBND tỉnh Lạng Sơn", "Chủ tịch UBND tỉnh"),
        ("Sở Xây dựng", "Thủ trưởng đơn vị"),
    ] {
        assert_eq!(tiepdan::i18n::head_office(Lang::Vi, unit), office);
    }
}

#[test]
fn xlsx_read_back_equals_the_json_cell_by_cell() {
    use calamine::{Data, Reader, Xlsx};
    let store = book();
    let r = report(&store, "2026-q1");
    let h = heading();
    let bytes = report_xlsx::xlsx(&h, &r).unwrap();
    let j: Value = serde_json::from_str(&report_text::json(&h, &r)).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(names.len(), 1 + r.circular.forms().len());
    let mut checked = 0;
    for t in &r.tables {
        let name = report_xlsx::sheet_name(t.form.code());
        let range = wb.worksheet_range(&name).unwrap();
        let cell = |row: u32, col: u32| range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        // The heading: unit, form number, title, period and its dates.
        assert_eq!(
            cell(0, 0),
            Data::String("Đơn vị báo cáo: UBND phường Ba Đình".into())
        );
        let top = (0..=t.cells.len() as u32)
            .map(|c| cell(0, c))
            .any(|c| c == Data::String(format!("Biểu số {}", t.form.code())));
        assert!(top, "{name}");
        assert!(
            matches!(cell(2, 0), Data::String(s) if s.contains("15/12/2025") && s.contains("14/03/2026"))
        );
        let numbers = report_xlsx::data_row(t) - 1;
        let data = report_xlsx::data_row(t);
        assert_eq!(cell(data, 0), Data::String("UBND phường Ba Đình".into()));
        let cols = j[t.form.code()]["columns"].as_array().unwrap();
        assert_eq!(cols.len(), t.cells.len());
        for (i, c) in cols.iter().enumerate() {
            let col = i as u32 + 1;
            assert_eq!(
                cell(numbers, col),
                Data::String(format!("({})", c["no"])),
                "{name}"
            );
            match c["value"].as_u64() {
                Some(v) => assert_eq!(cell(data, col), Data::Float(v as f64), "{name} ({col})"),
                None => assert_eq!(cell(data, col), Data::Empty, "{name} ({col})"),
            }
            checked += 1;
        }
    }
    assert!(checked > 100);
    // The summary sheet holds the same figures as the JSON summary.
    let range = wb.worksheet_range("Tóm tắt").unwrap();
    let mut found = 0;
    for row in 0..range.height() as u32 {
        let label = range.get_value((row, 0)).cloned();
        let value = range.get_value((row, 1)).cloned();
        for f in Figure::ALL {
            let text = tiepdan::i18n::report_figure(*f).t(Lang::Vi);
            if label == Some(Data::String(text.into())) {
                assert_eq!(
                    value,
                    Some(Data::Float(j["summary"][f.key()].as_u64().unwrap() as f64)),
                    "{text}"
                );
                found += 1;
            }
        }
    }
    assert_eq!(found, Figure::ALL.len());
}

/// The XLSX is laid out as each form: the numbered headers merged over the columns they
/// head (TT 06/2025 01/TCD: totals (1)–(4), regular (5)–(9), the head's reception (10)–(21),
/// in person (10)–(15) and delegated (16)–(21)), one row of column numbers.
#[test]
fn xlsx_headers_are_merged_as_on_the_form() {
    use calamine::{Data, Reader, Xlsx};
    let store = book();
    let r = report(&store, "2026-q1");
    let bytes = report_xlsx::xlsx(&heading(), &r).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let merged: Vec<(u32, u32, u32, u32)> = wb
        .merge_cells_by_sheet_name("01-TCD")
        .unwrap()
        .iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
    let top = report_xlsx::HEADER_ROW;
    for region in [
        (top, 1, top, 4),           // Tổng số
        (top, 5, top, 9),           // Tiếp thường xuyên
        (top, 10, top, 21),         // Tiếp định kỳ và đột xuất của thủ trưởng
        (top + 1, 10, top + 1, 15), // Thủ trưởng trực tiếp tiếp
        (top + 1, 16, top + 1, 21), // Người được ủy quyền tiếp
    ] {
        assert!(merged.contains(&region), "{region:?} in {merged:?}");
    }
    let range = wb.worksheet_range("01-TCD").unwrap();
    let numbers = report_xlsx::data_row(r.table(Form::T6Tcd01).unwrap()) - 1;
    for no in 1..=21u32 {
        assert_eq!(
            range.get_value((numbers, no)).cloned(),
            Some(Data::String(format!("({no})")))
        );
    }
    assert_eq!(
        range.get_value((top, 10)).cloned(),
        Some(Data::String(
            "Tiếp định kỳ và đột xuất của thủ trưởng".into()
        ))
    );
}

#[test]
fn the_closing_steps_query_uses_its_partial_index() {
    let store = book();
    let open = "'moi', 'cho_thu_ly', 'ngoai_tham_quyen', 'khong_du_dk', 'dang_giai_quyet'";
    let closed = "'da_giai_quyet', 'da_chuyen', 'da_huong_dan', 'da_tra_lai', 'da_luu', 'da_rut', 'khong_thu_ly'";
    let plan: Vec<String> = store
        .inspect(
            &format!(
                "EXPLAIN QUERY PLAN SELECT case_id FROM case_events WHERE day >= '2026-01-01'
                 AND from_status IN ({open}) AND to_status IN ({closed})"
            ),
            [],
            |r| r.get::<_, String>(3),
        )
        .unwrap();
    assert!(
        plan.iter().any(|p| p.contains("case_events_closing")),
        "{plan:?}"
    );
}

// ---- the command line ----------------------------------------------------------------------

/// The hand-built book in a file (closed again: no -wal file beside it).
fn file_book(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    fill(&mut store);
    drop(store);
    path
}

fn tiepdan(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_reads_only_and_prints_the_period() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_book(dir.path());
    let before = std::fs::read(&db).unwrap();
    let out = tiepdan(&db, &["report", "--period", "2026-q1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Quý I năm 2026 — Số liệu tính từ ngày 15/12/2025 đến ngày 14/03/2026"),
        "{text}"
    );
    let out = tiepdan(
        &db,
        &[
            "report",
            "--from",
            "14/12/2025",
            "--to",
            "2025-12-15",
            "--format",
            "json",
        ],
    );
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["period"]["from"], "2025-12-14");
    assert_eq!(j["summary"]["visits"], 3);
    let xlsx = dir.path().join("q1.xlsx");
    let out = tiepdan(
        &db,
        &[
            "report",
            "--period",
            "2026-q1",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let out = tiepdan(&db, &["report", "--period", "2026-q1", "--format", "csv"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("summary,visits,Lượt tiếp,9,"), "{csv}");
    assert!(csv.contains("01/TCD,1,Tổng số · Lượt,9,"));
    // Nothing was written: the file is byte for byte the same (no audit row, no migration).
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // Bad input is a clear message, not a panic.
    let out = tiepdan(&db, &["report", "--period", "2026-q5"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Kỳ báo cáo không hợp lệ"));
    let out = tiepdan(&db, &["report"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn explain_lists_the_records_and_hides_the_denouncer() {
    let dir = tempfile::tempdir().unwrap();
    let db = file_book(dir.path());
    let out = tiepdan(
        &db,
        &["report", "--period", "2026-q1", "--explain", "02/XLD.16"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Biểu 02/XLD, cột 16"), "{text}");
    assert!(text.contains("Người tố cáo TC-2026-BD-0001"), "{text}");
    assert!(!text.contains("Đỗ Văn Em"));
    let out = tiepdan(
        &db,
        &["report", "--period", "2026-q1", "--explain", "group_visits"],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("Lượt tiếp · "))
            .count(),
        3,
        "{text}"
    );
    assert!(text.contains("Bùi Thị Dung"));
    let out = tiepdan(
        &db,
        &[
            "report",
            "--period",
            "2026-q1",
            "--explain",
            "visits",
            "--format",
            "json",
        ],
    );
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["value"], 9);
    assert_eq!(j["visits"].as_array().unwrap().len(), 9);
    // On time, with the due dates worked out by hand: KN1 accepted 16/12/2025 + 30 days =
    // Thursday 15/01/2026; KN2 (second round) accepted 22/01/2026 + 45 days = Sunday 08/03
    // → Monday 09/03/2026 (Civil Code Art 148(5)).
    let out = tiepdan(
        &db,
        &[
            "report",
            "--period",
            "2026-q1",
            "--explain",
            "cases_resolved_on_time",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("giải quyết 05/01/2026, hạn 15/01/2026"),
        "{text}"
    );
    assert!(
        text.contains("giải quyết 20/02/2026, hạn 09/03/2026"),
        "{text}"
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("Vụ việc · ")).count(),
        2
    );
    let out = tiepdan(
        &db,
        &["report", "--period", "2026-q1", "--explain", "04/GQTC.8"],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Không điền được từ sổ"), "{text}");
    // A form is one of the period's circular: 01/XLD is TT 01/2024's (before 30/9/2025).
    let out = tiepdan(
        &db,
        &["report", "--period", "2026-q1", "--explain", "01/XLD.1"],
    );
    assert_eq!(out.status.code(), Some(1));
    let out = tiepdan(
        &db,
        &["report", "--period", "2025-q3", "--explain", "01/XLD.1"],
    );
    assert!(out.status.success());
    // The number of days the head received: how the book counts them, said once.
    let out = tiepdan(
        &db,
        &["report", "--period", "2026-q1", "--explain", "01/TCD.10"],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("không có lịch tiếp công khai"), "{text}");
    let out = tiepdan(
        &db,
        &["report", "--period", "2026-q1", "--explain", "nothing"],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--db")
        .arg(&db)
        .args(["demo", "--visits", "3000", "--end", "30/11/2026"])
        .output()
        .unwrap();
    assert!(out.status.success());
    // Thousands of lines: far more than a pipe holds.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--db")
        .arg(&db)
        .args(["report", "--period", "2026", "--explain", "visits"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, then close the pipe (as `| head -1` does).
    let mut some = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut some)
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.success(), "{status:?} {err}");
}

#[test]
fn a_schema_4_book_is_refused_untouched_then_reported_once_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v4.sqlite3");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/v4-book.sqlite3"
        ),
        &db,
    )
    .unwrap();
    // Read-only commands read the newest schema only, and say how to get it.
    let before = std::fs::read(&db).unwrap();
    let out = tiepdan(&db, &["report", "--period", "2026", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nâng cấp"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // Opened once by the app (the upgrade, with the report indexes), it is reported.
    drop(Store::open(&db).unwrap());
    let out = tiepdan(&db, &["report", "--period", "2026", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(j["summary"]["visits"].as_u64().unwrap() > 0);
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        tiepdan::store::LATEST_VERSION
    );
}

// ---- the pane ------------------------------------------------------------------------------

mod pane {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::KeyCode;
    use tiepdan::app::{App, Overlay, Pane, ReportOverlay, ReportView};

    fn app(lang: Lang) -> App {
        let mut app = common::start(book(), lang, common::fixed_clock()).unwrap();
        app.viewport = (80, 24);
        app
    }

    fn press(app: &mut App, c: KeyCode) {
        app.handle_key(common::key(c));
    }

    fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
        app.viewport = (w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
        t
    }

    /// The pane on the first quarter of 2026 (today is 22/11/2026: three quarters back).
    fn on_q1(lang: Lang) -> App {
        let mut app = app(lang);
        press(&mut app, KeyCode::Char('5'));
        assert_eq!(app.pane, Pane::Report);
        assert_eq!(app.reports.period.unwrap().code(), "2026-q4");
        for _ in 0..3 {
            press(&mut app, KeyCode::Char('['));
        }
        assert_eq!(app.reports.period.unwrap().code(), "2026-q1");
        app
    }

    #[test]
    fn keys_choose_the_period_and_the_view() {
        let mut app = on_q1(Lang::Vi);
        let r = app.reports.report.as_ref().unwrap();
        assert_eq!(r.figure(Figure::Visits), 9);
        press(&mut app, KeyCode::Char(']'));
        assert_eq!(app.reports.period.unwrap().code(), "2026-q2");
        press(&mut app, KeyCode::Char('['));
        press(&mut app, KeyCode::Char('p'));
        assert_eq!(app.reports.period.unwrap().code(), "2026-6t");
        press(&mut app, KeyCode::Char('p'));
        assert_eq!(app.reports.period.unwrap().code(), "2026-9t");
        press(&mut app, KeyCode::Char('p'));
        assert_eq!(app.reports.period.unwrap().code(), "2026");
        press(&mut app, KeyCode::Char('p'));
        assert_eq!(app.reports.period.unwrap().code(), "2026-11");
        press(&mut app, KeyCode::Char('p'));
        assert_eq!(app.reports.period.unwrap().code(), "2026-q4");
        // → through the tables, c for the charts and back.
        press(&mut app, KeyCode::Right);
        assert_eq!(app.reports.view(), ReportView::Table(Form::T6Tcd01));
        press(&mut app, KeyCode::Char('l'));
        assert_eq!(app.reports.view(), ReportView::Table(Form::T6Xld02));
        press(&mut app, KeyCode::Char('c'));
        assert_eq!(app.reports.view(), ReportView::Charts);
        assert!(app.reports.year.is_some());
        press(&mut app, KeyCode::Char('c'));
        assert_eq!(app.reports.view(), ReportView::Summary);
        // Tab still goes on to the next pane.
        press(&mut app, KeyCode::Tab);
        assert_eq!(app.pane, Pane::Catalog);
    }

    #[test]
    fn a_period_before_30_9_2025_shows_tt_01_2024_s_tables() {
        let mut app = on_q1(Lang::Vi);
        // Q1/2026 → Q4/2025 (ends 14/12/2025: TT 06/2025) → Q3/2025 (ends 14/09/2025).
        press(&mut app, KeyCode::Char('['));
        assert_eq!(app.reports.circular(), Circular::Tt06_2025);
        press(&mut app, KeyCode::Char('['));
        assert_eq!(app.reports.period.unwrap().code(), "2025-q3");
        assert_eq!(app.reports.circular(), Circular::Tt01_2024);
        let r = app.reports.report.as_ref().unwrap();
        assert_eq!(r.circular, Circular::Tt01_2024);
        press(&mut app, KeyCode::Right);
        assert_eq!(app.reports.view(), ReportView::Table(Form::Tcd01));
        press(&mut app, KeyCode::Right);
        assert_eq!(app.reports.view(), ReportView::Table(Form::Tcd02));
        let screen = common::screen_of(&mut app, 80, 24);
        assert!(screen.contains("02/TCD"), "{screen}");
    }

    #[test]
    fn enter_lists_the_records_behind_a_figure_and_opens_them() {
        let mut app = on_q1(Lang::Vi);
        // Summary: Sessions, …, Visits (the eleventh figure).
        for _ in 0..10 {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Enter);
        let Some(Overlay::Report(o)) = app.overlays.last() else {
            panic!("no records overlay")
        };
        let ReportOverlay::Records(v) = o.as_ref() else {
            panic!("not the records")
        };
        assert_eq!((v.rows.len(), v.value), (9, Some(9)));
        insta::assert_snapshot!("records_80x24", render(&mut app, 80, 24).backend());
        // The denouncer (v6) is listed by the identity rule, never by name.
        for w in [80, 200] {
            let screen = common::screen_of(&mut app, w, 24);
            assert!(!screen.contains("Đỗ Văn Em"), "{screen}");
            assert!(screen.contains("Người tố cáo"), "{screen}");
        }
        // Enter opens the visit; Esc goes back to the list, Esc again to the pane.
        press(&mut app, KeyCode::Enter);
        assert!(matches!(app.overlays.last(), Some(Overlay::Detail(_))));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
        assert!(app.overlays.is_empty());
        // 04/GQTC (2) → TC1; its record is a masked case that opens as a case.
        for _ in 0..4 {
            press(&mut app, KeyCode::Right);
        }
        assert_eq!(app.reports.view(), ReportView::Table(Form::T6Gqtc04));
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(
            "records_denunciation_80x24",
            render(&mut app, 80, 24).backend()
        );
        let screen = common::screen_of(&mut app, 200, 24);
        assert!(screen.contains("Người tố cáo TC-2026-BD-0001"), "{screen}");
        assert!(!screen.contains("Đỗ Văn Em"), "{screen}");
        press(&mut app, KeyCode::Enter);
        match app.overlays.last() {
            Some(Overlay::Case(c)) => assert!(c.masked(&app.viewer)),
            _ => panic!("the case did not open"),
        }
    }

    #[test]
    fn w_shows_the_definition() {
        let mut app = on_q1(Lang::Vi);
        press(&mut app, KeyCode::Right);
        for _ in 0..6 {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Char('w'));
        insta::assert_snapshot!("definition_80x24", render(&mut app, 80, 24).backend());
        press(&mut app, KeyCode::Char('w'));
        assert!(app.overlays.is_empty());
        // An unfillable column says why: 03/GQKN (23).
        for _ in 0..2 {
            press(&mut app, KeyCode::Right);
        }
        press(&mut app, KeyCode::End);
        press(&mut app, KeyCode::Char('w'));
        let t = render(&mut app, 80, 24);
        let screen = format!("{}", t.backend());
        assert!(screen.contains("Không điền được từ sổ"), "{screen}");
    }

    #[test]
    fn snapshots_of_the_views() {
        let mut app = on_q1(Lang::Vi);
        insta::assert_snapshot!("summary_80x24", render(&mut app, 80, 24).backend());
        insta::assert_snapshot!("summary_40x12", render(&mut app, 40, 12).backend());
        press(&mut app, KeyCode::Right);
        insta::assert_snapshot!("tcd01_80x24", render(&mut app, 80, 24).backend());
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::End);
        insta::assert_snapshot!("tcd02_end_40x12", render(&mut app, 40, 12).backend());
        press(&mut app, KeyCode::Char('c'));
        insta::assert_snapshot!("charts_80x24", render(&mut app, 80, 24).backend());
        let mut en = on_q1(Lang::En);
        insta::assert_snapshot!("summary_english_80x24", render(&mut en, 80, 24).backend());
    }

    #[test]
    fn the_selection_is_reverse_video_with_a_marker() {
        let mut app = on_q1(Lang::Vi);
        press(&mut app, KeyCode::Down);
        let t = render(&mut app, 80, 24);
        let buf = t.backend().buffer();
        let row = (0..24)
            .find(|y| buf[(0, *y)].symbol() == "▶")
            .expect("a marked row");
        assert!(
            buf[(5, row)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        );
    }

    #[test]
    fn e_in_the_rollup_view_moves_a_field_to_another_column_and_recounts() {
        let mut app = on_q1(Lang::Vi);
        for _ in 0..7 {
            press(&mut app, KeyCode::Right);
        }
        assert_eq!(app.reports.view(), ReportView::Rollup);
        // Fields in order: đất đai, đền bù, quy hoạch, môi trường, chính sách.
        for _ in 0..4 {
            press(&mut app, KeyCode::Down);
        }
        insta::assert_snapshot!("rollup_80x24", render(&mut app, 80, 24).backend());
        let r = app.reports.report.as_ref().unwrap();
        // Before: KN-W and KNPA1 (two petitions) under chính sách (hand counts above).
        let cell = |r: &Report, no| r.cell(Form::T6Xld02, no).unwrap().value;
        assert_eq!((cell(r, 9), cell(r, 10)), (Some(3), Some(1)));
        assert_eq!((cell(r, 20), cell(r, 21)), (Some(2), Some(0)));
        press(&mut app, KeyCode::Char('e'));
        // After: chính sách rolls up to "Hành chính – Đất đai, nhà cửa".
        let r = app.reports.report.as_ref().unwrap();
        assert_eq!((cell(r, 9), cell(r, 10)), (Some(4), Some(0)));
        assert_eq!((cell(r, 20), cell(r, 21)), (Some(0), Some(2)));
        let f = app.fields.iter().find(|f| f.code == "chinh_sach").unwrap();
        assert_eq!(f.report_column, "hc_dat_dai_nha_cua");
        let audit = app
            .store
            .journal_of(tiepdan::domain::journal::Entity::Field, &f.uid)
            .unwrap();
        assert_eq!(
            audit.last().unwrap().op,
            tiepdan::domain::journal::Op::Update
        );
        // By the officer at the keyboard, through the one write path; an unknown column is
        // refused.
        let actor = app.actor.clone().unwrap();
        assert_eq!(audit.last().unwrap().officer.as_deref(), Some(actor.uid()));
        assert!(
            app.store
                .write(&actor, |w| w.set_field_report_column(
                    "chinh_sach",
                    "hc_chinh_sach",
                    "nothing"
                ))
                .is_err()
        );
    }

    #[test]
    fn x_exports_the_xlsx_beside_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = file_book(dir.path());
        let store = Store::open(&db).unwrap();
        let mut app = common::start(store, Lang::Vi, common::fixed_clock()).unwrap();
        press(&mut app, KeyCode::Char('5'));
        press(&mut app, KeyCode::Char('['));
        press(&mut app, KeyCode::Char('x'));
        let path = dir.path().join("bao-cao-2026-q3.xlsx");
        assert!(path.exists(), "{:?}", app.status);
        assert!(
            app.status
                .as_ref()
                .unwrap()
                .text
                .contains("bao-cao-2026-q3.xlsx")
        );
        // What left the book, and who took it, is in the journal.
        let e = app
            .store
            .journal_of(tiepdan::domain::journal::Entity::Report, "2026-q3")
            .unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].op, tiepdan::domain::journal::Op::Export);
        assert_eq!(e[0].after["file"], "bao-cao-2026-q3.xlsx");
        assert_eq!(
            e[0].officer.as_deref(),
            Some(app.actor.as_ref().unwrap().uid())
        );
    }
}
