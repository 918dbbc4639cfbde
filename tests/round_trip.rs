//! The book out and back in (issue 27): exported in TT 04/2021's layout and imported into an
//! empty book, every visit comes back with every field the layout carries — but a
//! denunciation, whose denouncer never leaves the book, is refused by name ("a denouncer's
//! pseudonym: no person to import"); importing the same file twice adds nothing.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::*;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::store::Store;

fn tiepdan(db: &std::path::Path, args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TIEPDAN_LANG")
        .env("TIEPDAN_TEST_KDF", "cheap")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let o = child.wait_with_output().unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// What the layout carries of each visit: day, name, address, ID, content, type, people,
/// prior agencies, handling, receiving body, note.
type Carried = (
    String,
    String,
    String,
    String,
    String,
    String,
    u32,
    String,
    String,
    String,
    String,
);

fn carried(db: &std::path::Path) -> Vec<Carried> {
    Store::open(db)
        .unwrap()
        .inspect(
            "SELECT v.day, c.full_name, c.address, coalesce(c.id_number, ''), v.content,
                    v.petition_type, v.people, v.prior_agencies, v.handling, v.transfer_agency,
                    v.note
             FROM visits v JOIN citizens c ON c.id = v.citizen_id
             WHERE v.petition_type != 'to_cao'
             ORDER BY v.day, c.full_name",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ))
            },
        )
        .unwrap()
}

#[test]
fn exported_then_imported_into_an_empty_book_every_visit_comes_back() {
    cheap();
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.sqlite3");
    let mut store = Store::open(&first).unwrap();
    let me = store_with_officer(&mut store);
    let visits: [&dyn Fn(&mut tiepdan::domain::visit::VisitDraft); 7] = [
        &|d| {
            d.full_name = "Phan Văn Thụ".into();
            d.id_number = "001085044444".into();
            d.handling = "thu_ly".into();
            d.content = "Khiếu nại quyết định thu hồi đất".into();
        },
        &|d| {
            d.prior_agencies = "UBND xã Tân Lập".into();
            d.handling = "huong_dan".into();
        },
        &|d| {
            d.full_name = "Vũ Thị Chuyển".into();
            d.id_number = "001085088888".into();
            d.petition_type = "kien_nghi".into();
            d.handling = "chuyen_don".into();
            d.transfer_agency = "Sở Tài nguyên và Môi trường".into();
            d.content = "Kiến nghị về ô nhiễm".into();
        },
        &|d| {
            d.full_name = "Mai Văn Đáp".into();
            d.id_number = "001085077777".into();
            d.petition_type = "phan_anh".into();
            d.handling = "tra_loi".into();
            d.content = "Phản ánh đèn đường".into();
            d.note = "Đã giải thích tại chỗ".into();
        },
        &|d| {
            d.full_name = "Hồ Văn Đốc".into();
            d.id_number = "001085066666".into();
            d.handling = "don_doc".into();
            d.content = "Khiếu nại chậm giải quyết".into();
        },
        &|d| {
            d.full_name = "Lưu Thị Đơn".into();
            d.id_number = "001085055555".into();
            d.handling = "luu_don".into();
            d.content = "Đơn trùng nội dung".into();
        },
        &|d| {
            d.full_name = "Trần Thị Bảo Mật".into();
            d.id_number = "001203004567".into();
            d.petition_type = "to_cao".into();
            d.content = "Tố cáo cán bộ".into();
        },
    ];
    for f in visits {
        let mut d = draft("Lê Văn An", "001085012345");
        d.handling = "tra_loi".into();
        f(&mut d);
        let v = valid(&d);
        write(&mut store, &me, |w| {
            w.save_visit(&input(&v), &CaseChoice::OpenNew)
        });
    }
    drop(store);
    let pin = format!("{PIN}\n");
    let sheet = dir.path().join("so.xlsx");
    let (ok, _, err) = tiepdan(
        &first,
        &[
            "export",
            "--from",
            "01/11/2026",
            "--to",
            "30/11/2026",
            "--out",
            sheet.to_str().unwrap(),
            "--pin-stdin",
        ],
        &pin,
    );
    assert!(ok, "{err}");

    let second = dir.path().join("second.sqlite3");
    {
        let mut store = Store::open(&second).unwrap();
        store_with_officer(&mut store);
    }
    let (ok, out, err) = tiepdan(
        &second,
        &["import", sheet.to_str().unwrap(), "--pin-stdin"],
        &pin,
    );
    assert!(ok, "{err}");
    assert!(out.contains("Đã nhập 6 lượt tiếp"), "{out}");
    assert!(out.contains("bí danh của người tố cáo"), "{out}");
    let before = carried(&first);
    let after = carried(&second);
    assert_eq!(after.len(), 6);
    // Every field the layout carries, the follow-up of the first book's cases in the note.
    for (b, a) in before.iter().zip(&after) {
        let mut a = a.clone();
        let follow = a.10.find("Theo dõi kết quả: ").map(|i| {
            let f = a.10.split_off(i);
            a.10 = a.10.trim_end_matches('\n').to_owned();
            f
        });
        assert_eq!(&a, b);
        if b.8 == "thu_ly" {
            assert!(
                follow.as_ref().is_some_and(|f| f.contains("KN-2026-BD-")),
                "{follow:?}"
            );
        }
    }
    // Twice: nothing added.
    let (ok, out, _) = tiepdan(
        &second,
        &["import", sheet.to_str().unwrap(), "--pin-stdin"],
        &pin,
    );
    assert!(ok);
    assert!(out.contains("Đã nhập 0 lượt tiếp"), "{out}");
    assert_eq!(carried(&second).len(), 6);
}
