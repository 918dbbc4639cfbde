//! Papers from a hand-built book (issue 29), read back: the PDF's text (pdf-extract) and
//! the DOCX's XML — heading, unit, number, date line, the citizen or the pseudonym, the
//! documents listed; numbers per form and year, reprints, two desks at once; a denouncer
//! named on their own receipt only, and that print audited.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::*;
use tiepdan::domain::identity::{Record, Viewer};
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::domain::paper::{Form, Subject};
use tiepdan::render::Format;
use tiepdan::render::make::{Made, MakeError, Request, applicable, make};
use tiepdan::store::{Actor, PAPER_PARENT, PAPER_PLACE, Store};

const DOCS: &str = "Đơn khiếu nại, bản chính, 3 tờ; Quyết định 12/QĐ-UBND, bản sao, 2 tờ, mờ trang 2; Ảnh hiện trạng, bản chụp";

struct Book {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: Store,
    actor: Actor,
}

fn book() -> Book {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.sqlite3");
    let mut store = Store::open_with(&path, tiepdan::store::Create::IfMissing).unwrap();
    let actor = store_with_officer(&mut store);
    write(&mut store, &actor, |w| {
        w.set_setting(PAPER_PLACE, "Ba Đình")?;
        w.set_setting(PAPER_PARENT, "UBND thành phố Hà Nội")
    });
    Book {
        _dir: dir,
        path,
        store,
        actor,
    }
}

/// A visit saved with the documents received; its uid and its case's code.
fn visit(b: &mut Book, name: &str, kind: &str, handling: &str) -> (String, Option<String>) {
    let mut d = draft(name, "001203004567");
    d.petition_type = kind.into();
    d.handling = handling.into();
    d.transfer_agency = if handling == "chuyen_don" {
        "Thanh tra thành phố Hà Nội".into()
    } else {
        String::new()
    };
    // Typed decomposed (NFD), as some input methods send it: the book keeps it composed.
    d.documents = DOCS.replace("ệ", "e\u{323}\u{302}");
    let v = valid(&d);
    let saved = write(&mut b.store, &b.actor, |w| {
        w.save_visit(&input(&v), &tiepdan::domain::intake::CaseChoice::OpenNew)
    });
    (saved.uid, saved.case.map(|c| c.code))
}

fn print(b: &mut Book, viewer: &Viewer, subject: Subject, form: Form, format: Format) -> Made {
    let r = Request {
        subject,
        form,
        format,
        out: None,
        book: &b.path.clone(),
        today: today(),
    };
    let made = make(&mut b.store, &b.actor, viewer, &r).unwrap();
    // Papers name citizens: the file and its folder are the owner's only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&made.path), 0o600, "{}", made.path.display());
        assert_eq!(mode(made.path.parent().unwrap()), 0o700);
    }
    made
}

fn pdf_text(p: &Path) -> String {
    let bytes = std::fs::read(p).unwrap();
    // Lines drawn glyph run by glyph run come back with stray spaces; compare without them.
    pdf_extract::extract_text_from_mem(&bytes).unwrap()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn docx_xml(p: &Path) -> String {
    let f = std::fs::File::open(p).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The text of the DOCX's runs, one paragraph a line.
fn docx_text(p: &Path) -> String {
    let xml = docx_xml(p);
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        for run in para.split("<w:t").skip(1) {
            let body = run.split_once('>').map(|x| x.1).unwrap_or("");
            let text = body.split("</w:t>").next().unwrap_or("");
            out.push_str(
                &text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\""),
            );
        }
        out.push('\n');
    }
    out
}

fn has(text: &str, needle: &str) -> bool {
    squash(text).contains(&squash(needle))
}

#[test]
fn a_receipt_reads_back_from_its_pdf_and_its_docx() {
    let mut b = book();
    let (uid, code) = visit(&mut b, "Phạm Văn Hưởng", "khieu_nai", "thu_ly");
    let code = code.unwrap();
    let subject = Subject::Visit { uid: uid.clone() };
    assert!(
        applicable(&b.store, &subject)
            .unwrap()
            .contains(&Form::Receipt)
    );
    // Kept with the visit, composed, and counted in the citizen's history.
    let detail = b.store.visit_detail(&uid).unwrap();
    assert_eq!(detail.documents.len(), 3);
    assert_eq!(detail.documents[2].what, "Ảnh hiện trạng");
    let history = b.store.citizen_history(detail.citizen_id).unwrap();
    assert!(
        history
            .iter()
            .any(|h| matches!(h, tiepdan::store::HistoryItem::Visit { documents: 3, .. }))
    );
    let pdf = print(
        &mut b,
        &Viewer::nobody(),
        subject.clone(),
        Form::Receipt,
        Format::Pdf,
    );
    assert_eq!(pdf.issue.number, 1);
    assert!(
        pdf.path
            .starts_with(b.path.parent().unwrap().join("papers"))
    );
    let docx = print(
        &mut b,
        &Viewer::nobody(),
        subject,
        Form::Receipt,
        Format::Docx,
    );
    // The DOCX is the same paper printed again: its number kept.
    assert_eq!(docx.issue.number, 1);
    assert_eq!(docx.issue.reprint, Some(1));
    for (text, what) in [
        (pdf_text(&pdf.path), "pdf"),
        (docx_text(&docx.path), "docx"),
    ] {
        for needle in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "UBND THÀNH PHỐ HÀ NỘI",
            "UBND PHƯỜNG BA ĐÌNH",
            "Số: 01/BN-BD",
            "Ba Đình, ngày 22 tháng 11 năm 2026",
            "GIẤY BIÊN NHẬN",
            "Phạm Văn Hưởng",
            "Đơn khiếu nại",
            "Quyết định 12/QĐ-UBND",
            "bản chính",
            "bản sao",
            "bản chụp",
            "mờ trang 2",
            "Bản giao người cung cấp thông tin, tài liệu",
            "Bản lưu hồ sơ",
            &code,
        ] {
            assert!(has(&text, needle), "{what}: {needle:?} not in\n{text}");
        }
    }
    // Composed on the paper, whatever was typed: "hiện" as one ệ.
    assert!(pdf_text(&pdf.path).contains("hiện"));
    assert!(has(&docx_text(&docx.path), "BẢN IN LẠI"));
    assert!(!has(&pdf_text(&pdf.path), "BẢN IN LẠI"));
}

#[test]
fn every_paper_that_applies_is_made_with_its_heading_number_and_date_line() {
    let mut b = book();
    let (transfer, _) = visit(&mut b, "Lê Thị Thu", "kien_nghi", "chuyen_don");
    let (guided, _) = visit(&mut b, "Đỗ Văn Ước", "khieu_nai", "huong_dan");
    let mut group = draft("Trần Văn Đoàn", "001203004568");
    group.people = "6".into();
    group.representatives = "Trần Văn Đoàn; Ngô Thị Hà".into();
    group.form = "dinh_ky".into();
    group.presiding = "Chủ tịch Nguyễn Văn Chủ".into();
    group.presider_role = "truc_tiep".into();
    group.handling = "huong_dan".into();
    let v = valid(&group);
    let led = save(&mut b.store, &b.actor, &v);
    let cases = [
        (transfer, vec![Form::Receipt, Form::Transfer]),
        (guided, vec![Form::Receipt, Form::Guidance]),
        (led, vec![Form::Guidance, Form::Minutes, Form::Conclusion]),
    ];
    for (uid, forms) in cases {
        let subject = Subject::Visit { uid };
        assert_eq!(applicable(&b.store, &subject).unwrap(), forms);
        for form in forms {
            let made = print(
                &mut b,
                &Viewer::nobody(),
                subject.clone(),
                form,
                Format::Pdf,
            );
            let text = pdf_text(&made.path);
            for needle in [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "UBND PHƯỜNG BA ĐÌNH",
                "ngày 22 tháng 11 năm 2026",
            ] {
                assert!(has(&text, needle), "{form:?}: {needle:?} not in\n{text}");
            }
            let number = format!("Số: {:02}/", made.issue.number);
            assert!(has(&text, &number), "{form:?}: {number} not in\n{text}");
        }
    }
    // A form that does not apply is refused, naming those that do.
    let (plain, _) = visit(&mut b, "Vũ Văn Không", "khieu_nai", "luu_don");
    let path = b.path.clone();
    let r = Request {
        subject: Subject::Visit { uid: plain },
        form: Form::Transfer,
        format: Format::Pdf,
        out: None,
        book: &path,
        today: today(),
    };
    match make(&mut b.store, &b.actor, &Viewer::nobody(), &r) {
        Err(MakeError::NotApplicable { applies, .. }) => assert_eq!(applies, vec![Form::Receipt]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_denunciations_papers_carry_the_pseudonym_and_only_its_own_receipt_names_them_audited() {
    let mut b = book();
    let (uid, code) = visit(&mut b, "Hoàng Thị Kín", "to_cao", "chuyen_don");
    let code = code.expect("a denunciation forwarded opens its case");
    let subject = Subject::Visit { uid: uid.clone() };
    // The slip and the receipt, for an officer who did not reveal: the pseudonym only.
    for form in [Form::Transfer, Form::Receipt] {
        let made = print(
            &mut b,
            &Viewer::nobody(),
            subject.clone(),
            form,
            Format::Pdf,
        );
        let text = pdf_text(&made.path);
        assert!(!made.names_denouncer);
        assert!(
            !text.contains("Hoàng") && !text.contains("001203004567"),
            "{text}"
        );
        assert!(!text.contains("Đội Cấn"), "{text}");
        assert!(has(&text, &format!("Người tố cáo {code}")), "{text}");
        let docx = print(
            &mut b,
            &Viewer::nobody(),
            subject.clone(),
            form,
            Format::Docx,
        );
        let xml = docx_xml(&docx.path);
        assert!(!xml.contains("Hoàng") && !xml.contains("001203004567"));
    }
    // Revealed (audited) at the desk: the slip still carries the pseudonym only…
    write(&mut b.store, &b.actor, |w| w.reveal_visit(&uid));
    let mut seen = Viewer::nobody();
    // The officer's keys, as a signed-in desk holds them (the identity is sealed at rest).
    seen.hold(b.store.opener());
    seen.reveal(Record::Visit(uid.clone()));
    let slip = print(&mut b, &seen, subject.clone(), Form::Transfer, Format::Pdf);
    assert!(!pdf_text(&slip.path).contains("Hoàng"));
    assert!(!slip.names_denouncer);
    let audited = |s: &Store| {
        s.journal_entries()
            .unwrap()
            .iter()
            .filter(|e| e.op == Op::Print && e.entity == Entity::Paper)
            .count()
    };
    assert_eq!(audited(&b.store), 0);
    // …and their own receipt names them, the print audited.
    let receipt = print(&mut b, &seen, subject, Form::Receipt, Format::Pdf);
    assert!(receipt.names_denouncer);
    assert!(pdf_text(&receipt.path).contains("Hoàng Thị Kín"));
    assert_eq!(audited(&b.store), 1);
    let entries = b.store.journal_entries().unwrap();
    let e = entries.iter().rev().find(|e| e.op == Op::Print).unwrap();
    assert_eq!(e.after["names_denouncer"], serde_json::Value::from(true));
    assert_eq!(e.after["form"], serde_json::Value::from("receipt"));
    // No identity in the journal's words of it.
    assert!(!serde_json::to_string(&e.after).unwrap().contains("Hoàng"));
}

#[test]
fn numbers_run_per_form_and_year_and_a_reprint_keeps_its_number() {
    let mut b = book();
    let (a, _) = visit(&mut b, "Nguyễn Văn An", "khieu_nai", "chuyen_don");
    let (c, _) = visit(&mut b, "Trần Văn Bình", "khieu_nai", "chuyen_don");
    let on = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let mk = |b: &mut Book, uid: &str, form: Form, day: NaiveDate| {
        let r = Request {
            subject: Subject::Visit { uid: uid.into() },
            form,
            format: Format::Pdf,
            out: None,
            book: &b.path.clone(),
            today: day,
        };
        make(&mut b.store, &b.actor, &Viewer::nobody(), &r).unwrap()
    };
    let first = mk(&mut b, &a, Form::Receipt, on("2026-12-30"));
    assert_eq!((first.issue.number, first.issue.year), (1, 2026));
    // Another form has its own sequence.
    assert_eq!(
        mk(&mut b, &a, Form::Transfer, on("2026-12-30"))
            .issue
            .number,
        1
    );
    // A reprint in the new year keeps the old number, its year and date line, and says so.
    let again = mk(&mut b, &a, Form::Receipt, on("2027-01-04"));
    assert_eq!((again.issue.number, again.issue.year), (1, 2026));
    assert_eq!(again.issue.reprint, Some(1));
    let text = pdf_text(&again.path);
    assert!(has(&text, "BẢN IN LẠI (lần 1, 04/01/2027)"), "{text}");
    assert!(has(&text, "Số: 01/BN-BD"), "{text}");
    assert!(has(&text, "ngày 30 tháng 12 năm 2026"), "{text}");
    assert_ne!(again.path, first.path, "the first print's file is kept");
    // The sequence restarts with the year.
    let new_year = mk(&mut b, &c, Form::Receipt, on("2027-01-04"));
    assert_eq!((new_year.issue.number, new_year.issue.year), (1, 2027));
    let printed = b.store.papers_of(&Subject::Visit { uid: a }).unwrap();
    assert_eq!(printed.len(), 2);
    assert_eq!(printed[0].prints, 2);
    // Every number and print is in the journal, and the book checks out against it.
    let report = b.store.verify_book(None).unwrap();
    assert!(report.ok(), "{report:?}");
}

#[test]
fn two_desks_printing_at_once_take_different_numbers() {
    let mut b = book();
    let mut uids = vec![];
    for i in 0..8 {
        uids.push(
            visit(
                &mut b,
                &format!("Công Dân Số {i}"),
                "khieu_nai",
                "huong_dan",
            )
            .0,
        );
    }
    let path = b.path.clone();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let desks: Vec<_> = [uids[..4].to_vec(), uids[4..].to_vec()]
        .into_iter()
        .map(|mine| {
            let path = path.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                let actor = sign_in(&mut store, 1);
                barrier.wait();
                mine.iter()
                    .map(|uid| {
                        let r = Request {
                            subject: Subject::Visit { uid: uid.clone() },
                            form: Form::Guidance,
                            format: Format::Pdf,
                            out: None,
                            book: &path,
                            today: today(),
                        };
                        make(&mut store, &actor, &Viewer::nobody(), &r)
                            .unwrap()
                            .issue
                            .number
                    })
                    .collect::<Vec<u32>>()
            })
        })
        .collect();
    let mut numbers: Vec<u32> = desks.into_iter().flat_map(|d| d.join().unwrap()).collect();
    numbers.sort();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
}

#[test]
fn a_case_has_the_documents_of_its_visits_and_its_code_on_every_paper() {
    let mut b = book();
    let (_, code) = visit(&mut b, "Phan Thị Ngữ", "khieu_nai", "thu_ly");
    let code = code.unwrap();
    let uid = b
        .store
        .case_uid_by_code(&code.to_lowercase())
        .unwrap()
        .unwrap();
    let subject = Subject::Case { uid };
    let made = print(
        &mut b,
        &Viewer::nobody(),
        subject,
        Form::Receipt,
        Format::Pdf,
    );
    let text = pdf_text(&made.path);
    for needle in ["Phan Thị Ngữ", "Quyết định 12/QĐ-UBND", code.as_str()] {
        assert!(has(&text, needle), "{needle:?} not in\n{text}");
    }
}

fn cli(db: &Path, args: &[&str]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--db")
        .arg(db)
        .arg("print")
        .args(args)
        .env_remove("TIEPDAN_LANG")
        .env("TIEPDAN_TEST_KDF", "cheap")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PIN}\n").as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn tiepdan_print_writes_a_paper_of_a_case_and_lists_the_forms() {
    let mut b = book();
    let (_, code) = visit(&mut b, "Phạm Văn Hưởng", "khieu_nai", "thu_ly");
    let code = code.unwrap();
    drop(b.store);
    let out = b.path.parent().unwrap().join("bien-nhan.docx");
    let o = cli(
        &b.path,
        &[
            "receipt",
            "--case",
            &code,
            "--format",
            "docx",
            "--out",
            out.to_str().unwrap(),
            "--pin-stdin",
        ],
    );
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{said}");
    assert!(said.contains("01/"), "{said}");
    // The paper named in words, not by its code.
    assert!(
        said.contains("Đã lập Giấy biên nhận tài liệu số 01/"),
        "{said}"
    );
    assert!(has(&docx_text(&out), "Phạm Văn Hưởng"));
    assert!(has(&docx_text(&out), "Quyết định 12/QĐ-UBND"));
    // A form that does not apply is refused, naming those that do; nothing is numbered.
    let o = cli(&b.path, &["transfer", "--case", &code, "--pin-stdin"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("receipt"));
    let o = cli(&b.path, &["nothing", "--case", &code, "--pin-stdin"]);
    assert!(!o.status.success());
    let o = cli(&b.path, &["--list"]);
    let list = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    for f in Form::ALL {
        assert!(list.contains(f.code()), "{list}");
    }
    assert!(list.contains("CHƯA ĐỐI CHIẾU"), "{list}");
    let store = Store::open(&b.path).unwrap();
    let uid = store.case_uid_by_code(&code).unwrap().unwrap();
    let printed = store.papers_of(&Subject::Case { uid }).unwrap();
    assert_eq!(printed.len(), 1);
    assert_eq!((printed[0].form, printed[0].number), (Form::Receipt, 1));
}

/// A refused reception offers its written notice (Mẫu 01/TCD), filled from the book: the
/// ground in the law's words with its article, what the citizen came for, the day.
#[test]
fn a_refusal_offers_its_notice_filled_from_the_book() {
    let mut b = book();
    let mut d = draft("Ngô Văn Lợi", "001085000666");
    d.handling = "tu_choi".into();
    d.refusal_ground = "tcd9_3".into();
    d.petitions = "0".into();
    d.content = "Tiếp tục khiếu nại quyết định đã giải quyết đúng".into();
    let uid = save(&mut b.store, &b.actor, &valid(&d));
    let subject = Subject::Visit { uid };
    let forms = applicable(&b.store, &subject).unwrap();
    assert!(forms.contains(&Form::Refusal), "{forms:?}");
    let made = print(
        &mut b,
        &Viewer::nobody(),
        subject,
        Form::Refusal,
        Format::Pdf,
    );
    let text = pdf_text(&made.path);
    for needle in [
        "Điều 9 khoản 3",
        "Tiếp tục khiếu nại quyết định đã giải quyết đúng",
        "Ngô Văn Lợi",
    ] {
        assert!(has(&text, needle), "{needle:?} not in\n{text}");
    }
}
