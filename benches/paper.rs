//! A receipt's PDF, the whole process as the desk runs it (issue 29; target < 300 ms): the
//! visit's facts read from a book on file, the template loaded, the number kept (a reprint:
//! each iteration prints the same receipt again), the PDF shaped, the font embedded and
//! subset, the file written, the print recorded in the journal.
//!
//! Run: `cargo bench --bench paper`.

use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use tiepdan::domain::identity::Viewer;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::paper::{Form, Subject};
use tiepdan::domain::visit::{VisitDraft, validate};
use tiepdan::render::Format;
use tiepdan::render::make::{Request, make};
use tiepdan::store::{Create, PAPER_PLACE, Store, VisitInput};

fn benches(c: &mut Criterion) {
    tiepdan::store::pin::use_cheap_cost_in_tests();
    let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("so.sqlite3");
    let mut store = Store::open_with(&book, Create::IfMissing).unwrap();
    let actor = store
        .first_start(
            "UBND phường Ba Đình",
            "BD",
            "Nguyễn Thị Lan",
            "246810",
            "246810",
        )
        .unwrap();
    store
        .write(&actor, |w| w.set_setting(PAPER_PLACE, "Ba Đình"))
        .unwrap();
    let codes: Vec<String> = store
        .fields()
        .unwrap()
        .into_iter()
        .map(|f| f.code)
        .collect();
    let d = VisitDraft {
        full_name: "Phạm Văn Hưởng".into(),
        id_number: "001203004567".into(),
        address: "Số 12 phố Đội Cấn, phường Ba Đình".into(),
        people: "1".into(),
        form: "thuong_xuyen".into(),
        petition_type: "khieu_nai".into(),
        field: "dat_dai".into(),
        content: "Khiếu nại quyết định thu hồi đất".into(),
        handling: "thu_ly".into(),
        documents: "Đơn khiếu nại, bản chính, 3 tờ; Quyết định 12/QĐ-UBND, bản sao, 2 tờ, mờ trang 2; Ảnh hiện trạng, bản chụp".into(),
        day: "02/12/2026".into(),
        time: "08:30".into(),
        ..Default::default()
    };
    let v = validate(&d, day, 5, &codes).visit.unwrap();
    let input = VisitInput {
        visit: &v,
        day,
        time: "08:30".into(),
        citizen: None,
        rename_citizen: false,
        shared: Default::default(),
    };
    let uid = store
        .write(&actor, |w| w.save_visit(&input, &CaseChoice::OpenNew))
        .unwrap()
        .uid;
    let req = Request {
        subject: Subject::Visit { uid },
        form: Form::Receipt,
        format: Format::Pdf,
        out: Some(dir.path().join("receipt.pdf")),
        book: &book,
        today: day,
    };
    let mut g = c.benchmark_group("paper");
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("receipt_pdf_whole", |b| {
        b.iter(|| make(&mut store, &actor, &Viewer::nobody(), &req).unwrap())
    });
    let docx = Request {
        format: Format::Docx,
        out: Some(dir.path().join("receipt.docx")),
        ..req.clone()
    };
    g.bench_function("receipt_docx_whole", |b| {
        b.iter(|| make(&mut store, &actor, &Viewer::nobody(), &docx).unwrap())
    });
    g.finish();
}

criterion_group!(papers, benches);
criterion_main!(papers);
