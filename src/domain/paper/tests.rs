use chrono::NaiveDate;

use super::facts::Facts;
use super::template::{PLACEHOLDERS, Template, TemplateError, default_template, placeholders_in};
use super::*;
use crate::domain::identity::{Context, Particulars, Person, Record, Viewer};
use crate::domain::visit::documents::parse_documents;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn source(t: PetitionType, disclosed: bool) -> Source {
    let code = if t == PetitionType::ToCao {
        "TC-2026-BD-0007"
    } else {
        "KN-2026-BD-0042"
    };
    let ctx = Context::of_visit(t, "v1", Some(code.into()), disclosed);
    Source {
        subject: Subject::Visit { uid: "v1".into() },
        case_code: Some(code.into()),
        petition_type: t,
        day: day(2026, 12, 2),
        time: "08:30".into(),
        person: Person::of("Trần Thị Mật", ctx).with(Particulars {
            id_number: Some("001203004567".into()),
            address: "Số 9 ngõ Kín, phường Đông Hòa".into(),
            ..Particulars::default()
        }),
        people: 1,
        form: Some(ReceptionForm::ThuongXuyen),
        presiding: String::new(),
        presider_role: None,
        field: "Đất đai".into(),
        content: "Khiếu nại quyết định thu hồi đất".into(),
        handling: Some(Handling::ChuyenDon),
        agency: "UBND tỉnh Bình Dương".into(),
        prior_agencies: String::new(),
        note: String::new(),
        documents: parse_documents(
            "Đơn khiếu nại, bản chính, 3 tờ; Quyết định 12/QĐ-UBND, bản sao, 2 tờ, mờ trang 2",
        )
        .unwrap(),
        officer: "Lê Văn Tiếp".into(),
        refusal: None,
        dialogue: None,
    }
}

fn heading() -> Heading {
    Heading {
        parent: "UBND tỉnh Bình Dương".into(),
        unit: "UBND phường Đông Hòa".into(),
        place: "Đông Hòa".into(),
        desk: "BD".into(),
    }
}

fn issue() -> Issue {
    Issue {
        number: 7,
        year: 2026,
        issued_on: day(2026, 12, 2),
        reprint: None,
        printed_on: day(2026, 12, 2),
    }
}

fn paper(s: &Source, form: Form, viewer: &Viewer) -> (Paper, bool) {
    let facts = Facts::of(s, form, viewer, &heading(), &issue());
    let p = default_template(form).fill(form, &heading(), &issue(), &facts);
    (p, facts.names_denouncer())
}

#[test]
fn every_shipped_template_reads_and_names_its_source() {
    for f in Form::ALL {
        let t = default_template(*f);
        assert!(!t.source.is_empty(), "{f:?}");
        assert!(!t.version.is_empty());
    }
    assert!(matches!(
        Template::parse(Form::Transfer, template::default_text(Form::Receipt)),
        Err(TemplateError::WrongForm { .. })
    ));
    let bad = template::default_text(Form::Receipt).replace("{citizen}", "{ten_cong_dan}");
    assert_eq!(
        Template::parse(Form::Receipt, &bad),
        Err(TemplateError::Unknown("ten_cong_dan".into()))
    );
    assert!(matches!(
        Template::parse(Form::Receipt, "form = "),
        Err(TemplateError::Syntax(_))
    ));
}

#[test]
fn the_templates_readme_lists_every_placeholder() {
    let readme = include_str!("../../../templates/papers/README.md");
    for (p, _) in PLACEHOLDERS {
        assert!(readme.contains(&format!("`{{{p}}}`")), "{p}");
    }
    assert_eq!(placeholders_in("a {b} {c_d} {E} {}"), vec!["b", "c_d"]);
}

#[test]
fn a_receipt_lists_the_documents_in_the_official_layout() {
    let s = source(PetitionType::KhieuNai, false);
    let (p, names) = paper(&s, Form::Receipt, &Viewer::nobody());
    assert!(!names);
    let text = p.text();
    for want in [
        "UBND PHƯỜNG ĐÔNG HÒA",
        "Số: 07/BN-BD",
        "Đông Hòa, ngày 02 tháng 12 năm 2026",
        "GIẤY BIÊN NHẬN",
        "Vào hồi 08 giờ 30 ngày 02 tháng 12 năm 2026",
        "Đã nhận của ông (bà): Trần Thị Mật.",
        "001203004567",
        "Quyết định 12/QĐ-UBND | bản sao | 02 | mờ trang 2",
        "được lập thành 02 bản",
        "KN-2026-BD-0042",
    ] {
        assert!(text.contains(want), "{want:?} not in\n{text}");
    }
    assert_eq!(p.copies.len(), 2);
}

#[test]
fn a_denunciations_papers_carry_the_pseudonym_but_its_own_receipt_for_a_viewer_who_sees() {
    let s = source(PetitionType::ToCao, false);
    let mut desk = Viewer::nobody();
    for f in Form::ALL {
        let (p, names) = paper(&s, *f, &desk);
        let text = p.text();
        assert!(!names, "{f:?}");
        for secret in ["Mật", "001203004567", "ngõ Kín"] {
            assert!(!text.contains(secret), "{f:?} leaks {secret}:\n{text}");
        }
    }
    let (p, _) = paper(&s, Form::Transfer, &desk);
    assert!(p.text().contains("Người tố cáo TC-2026-BD-0007"));
    desk.reveal(Record::Visit("v1".into()));
    let (p, names) = paper(&s, Form::Receipt, &desk);
    assert!(names);
    assert!(p.text().contains("Trần Thị Mật"));
    // Disclosed by the denouncer: still the pseudonym on every paper but the receipt.
    let s = source(PetitionType::ToCao, true);
    for f in Form::ALL.iter().filter(|f| **f != Form::Receipt) {
        let (p, names) = paper(&s, *f, &desk);
        assert!(!names && !p.text().contains("Mật"), "{f:?}");
    }
}

#[test]
fn the_papers_that_apply_follow_the_record() {
    let mut s = source(PetitionType::KhieuNai, false);
    assert_eq!(applies(&s, 5), vec![Form::Receipt, Form::Transfer]);
    s.documents.clear();
    s.handling = Some(Handling::HuongDan);
    s.agency.clear();
    assert_eq!(applies(&s, 5), vec![Form::Guidance]);
    s.people = 6;
    assert_eq!(applies(&s, 5), vec![Form::Guidance, Form::Minutes]);
    s.people = 1;
    s.form = Some(ReceptionForm::DinhKy);
    s.handling = Some(Handling::ThuLy);
    assert_eq!(applies(&s, 5), vec![Form::Minutes, Form::Conclusion]);
}

#[test]
fn the_date_line_writes_zeros_as_officials_do() {
    assert_eq!(date_words(day(2027, 1, 2)), "ngày 02 tháng 01 năm 2027");
    assert_eq!(date_words(day(2026, 12, 15)), "ngày 15 tháng 12 năm 2026");
    assert_eq!(date_words(day(2026, 3, 9)), "ngày 09 tháng 3 năm 2026");
    assert_eq!(
        date_line("", day(2026, 3, 9)),
        "……………, ngày 09 tháng 3 năm 2026"
    );
}

#[test]
fn a_reprint_keeps_its_number_and_says_so() {
    let s = source(PetitionType::KhieuNai, false);
    let mut i = issue();
    i.reprint = Some(1);
    i.printed_on = day(2026, 12, 5);
    let facts = Facts::of(&s, Form::Receipt, &Viewer::nobody(), &heading(), &i);
    let p = default_template(Form::Receipt).fill(Form::Receipt, &heading(), &i, &facts);
    assert_eq!(p.number, "Số: 07/BN-BD");
    assert_eq!(p.reprint.as_deref(), Some("BẢN IN LẠI (lần 1, 05/12/2026)"));
    assert_eq!(p.date_line, "Đông Hòa, ngày 02 tháng 12 năm 2026");
}
