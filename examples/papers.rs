//! Every paper of the desk from a hand-built book, as PDF in a temporary folder, and — when
//! `pdftoppm` (poppler-utils) is on the PATH — the first page of each as a PNG in
//! `screenshots/paper-<form>.png`:
//!
//! ```sh
//! cargo run --example papers
//! ```
//!
//! The refusal notice and the minutes of a dialogue are filled from the facts interface
//! (`domain::paper::Refusal`, `Dialogue`) that the record of a refusal and of a dialogue
//! will fill; they are drawn here from hand-made facts.

use std::path::Path;

use chrono::NaiveDate;
use tiepdan::domain::identity::Viewer;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::paper::facts::Facts;
use tiepdan::domain::paper::{Dialogue, Form, Issue, Refusal, Subject};
use tiepdan::domain::visit::{VisitDraft, validate};
use tiepdan::render::make::{Request, make};
use tiepdan::render::{Format, render, templates};
use tiepdan::store::{Create, PAPER_PARENT, PAPER_PLACE, Store, VisitInput};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("valid date")
}

fn draft(name: &str, id: &str, handling: &str) -> VisitDraft {
    VisitDraft {
        full_name: name.into(),
        id_number: id.into(),
        phone: "0912345678".into(),
        address: "Số 12 phố Đội Cấn, phường Ba Đình".into(),
        people: "1".into(),
        form: "thuong_xuyen".into(),
        petition_type: "khieu_nai".into(),
        field: "dat_dai".into(),
        content: "Khiếu nại Quyết định số 12/QĐ-UBND ngày 05/9/2026 về việc thu hồi đất, bồi thường chưa thỏa đáng".into(),
        handling: handling.into(),
        petitions: "1".into(),
        documents: "Đơn khiếu nại, bản chính, 3 tờ; Quyết định 12/QĐ-UBND, bản sao, 2 tờ, mờ trang 2; Ảnh hiện trạng thửa đất, bản chụp, 4 tờ".into(),
        day: "02/12/2026".into(),
        time: "08:30".into(),
        ..Default::default()
    }
}

fn main() {
    tiepdan::store::pin::use_cheap_cost_in_tests();
    let dir = tempfile::tempdir().expect("temp dir");
    let book = dir.path().join("so.sqlite3");
    let mut store = Store::open_with(&book, Create::IfMissing).expect("book");
    let actor = store
        .first_start(
            "UBND phường Ba Đình",
            "BD",
            "Nguyễn Thị Lan",
            "246810",
            "246810",
        )
        .expect("first start");
    store
        .write(&actor, |w| {
            w.set_setting(PAPER_PLACE, "Ba Đình")?;
            w.set_setting(PAPER_PARENT, "UBND thành phố Hà Nội")
        })
        .expect("settings");
    let codes: Vec<String> = store
        .fields()
        .expect("fields")
        .into_iter()
        .map(|f| f.code)
        .collect();
    let mut save = |d: &VisitDraft| {
        let v = validate(d, day(), 5, &codes).visit.expect("valid visit");
        let input = VisitInput {
            visit: &v,
            day: day(),
            time: "08:30".into(),
            citizen: None,
            rename_citizen: false,
            shared: Default::default(),
        };
        store
            .write(&actor, |w| w.save_visit(&input, &CaseChoice::OpenNew))
            .expect("saved")
            .uid
    };
    let taken = save(&draft("Phạm Văn Hưởng", "001203004567", "thu_ly"));
    let mut d = draft("Lê Thị Thu", "001303004568", "chuyen_don");
    d.transfer_agency = "Thanh tra thành phố Hà Nội".into();
    let forwarded = save(&d);
    let mut d = draft("Đỗ Văn Ước", "001203004569", "huong_dan");
    d.people = "6".into();
    d.representatives = "Đỗ Văn Ước; Ngô Thị Hà".into();
    d.form = "dinh_ky".into();
    d.presiding = "Nguyễn Văn Chủ, Chủ tịch UBND phường".into();
    d.presider_role = "truc_tiep".into();
    let led = save(&d);
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    let mut made = vec![];
    for (uid, form) in [
        (&taken, Form::Receipt),
        (&forwarded, Form::Transfer),
        (&led, Form::Guidance),
        (&led, Form::Minutes),
        (&led, Form::Conclusion),
    ] {
        let req = Request {
            subject: Subject::Visit { uid: uid.clone() },
            form,
            format: Format::Pdf,
            out: Some(dir.path().join(format!("paper-{}.pdf", form.code()))),
            book: &book,
            today: day(),
        };
        let m = make(&mut store, &actor, &Viewer::nobody(), &req).expect("made");
        made.push((form, m.path));
    }
    // The refusal notice and a dialogue's minutes, from their facts interface.
    let mut source = store
        .paper_source(&Subject::Visit { uid: taken.clone() })
        .expect("source");
    source.refusal = Some(Refusal {
        ground: "điểm c khoản 1 Điều 9 Luật Tiếp công dân: người đang say do dùng chất kích thích"
            .into(),
        matter: source.content.clone(),
        day: day(),
    });
    source.dialogue = Some(Dialogue {
        day: Some(day()),
        place: "Trụ sở UBND phường Ba Đình".into(),
        participants: vec![
            "Ông Nguyễn Văn Chủ — Chủ tịch UBND phường, người giải quyết khiếu nại".into(),
            "Ông Phạm Văn Hưởng — người khiếu nại".into(),
            "Bà Trần Thị Mai — cán bộ địa chính".into(),
        ],
        said: "Người khiếu nại trình bày giá bồi thường thấp hơn giá thị trường.".into(),
        agreed: "Kiểm tra lại đơn giá bồi thường trong 15 ngày.".into(),
        differ: "Thời điểm áp dụng đơn giá.".into(),
        presiding: "Nguyễn Văn Chủ".into(),
        outcome: "Người khiếu nại đồng ý chờ kết quả kiểm tra.".into(),
    });
    let heading = store.paper_heading().expect("heading");
    for form in [Form::Refusal, Form::Dialogue] {
        let t = templates::load(None, form).expect("template");
        let issue = Issue {
            number: 1,
            year: 2026,
            issued_on: day(),
            reprint: None,
            printed_on: day(),
        };
        let facts = Facts::of(&source, form, &Viewer::nobody(), &heading, &issue);
        let paper = t.fill(form, &heading, &issue, &facts);
        let path = dir.path().join(format!("paper-{}.pdf", form.code()));
        std::fs::write(&path, render(&paper, Format::Pdf).expect("pdf")).expect("written");
        made.push((form, path));
    }
    let raster = std::process::Command::new("pdftoppm")
        .arg("-v")
        .output()
        .is_ok();
    for (form, pdf) in made {
        if raster {
            let png = out.join(format!("paper-{}", form.code()));
            let ok = std::process::Command::new("pdftoppm")
                .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
                .arg(&pdf)
                .arg(&png)
                .status()
                .is_ok_and(|s| s.success());
            println!(
                "{} → {}.png{}",
                pdf.display(),
                png.display(),
                if ok { "" } else { " FAILED" }
            );
        } else {
            println!("{} (no pdftoppm: no PNG)", pdf.display());
        }
    }
    // Kept for a look when asked.
    if std::env::var_os("KEEP").is_some() {
        println!("kept in {}", dir.keep().display());
    }
}
