//! `tiepdan export` (issue 27): the reception book of a period in the official layouts (TT
//! 04/2021 Mẫu 03, NĐ 154/2026 Mẫu 03/TCD) as XLSX and CSV, and as JSON — a denunciation's
//! row shows only its pseudonym in every format; the file is the owner's only, never
//! replaced without a yes, and the export is on the book's record (one audit row).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use calamine::{Data, Reader, Xlsx};
use common::*;
use tiepdan::domain::intake::CaseChoice;
use tiepdan::store::Store;

const NAME: &str = "Trần Thị Bảo Mật";
const CCCD: &str = "001203004567";
const PHONE: &str = "0977000111";
const ADDRESS: &str = "Số 9 ngõ Kín Đáo";

/// A book of 22/11/2026: a complaint accepted, a denunciation, a group guided, a petition
/// forwarded to a named body, one answered at the desk.
fn book(dir: &tempfile::TempDir) -> std::path::PathBuf {
    cheap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let me = store_with_officer(&mut store);
    let mut save_as = |f: &dyn Fn(&mut tiepdan::domain::visit::VisitDraft)| {
        let mut d = draft("Lê Văn An", "001085012345");
        f(&mut d);
        let v = valid(&d);
        write(&mut store, &me, |w| {
            w.save_visit(&input(&v), &CaseChoice::OpenNew)
        });
    };
    save_as(&|_| {});
    save_as(&|d| {
        d.full_name = NAME.into();
        d.id_number = CCCD.into();
        d.phone = PHONE.into();
        d.address = ADDRESS.into();
        d.petition_type = "to_cao".into();
        d.content = "Tố cáo cán bộ địa chính nhận tiền".into();
    });
    save_as(&|d| {
        d.full_name = "Đỗ Văn Đoàn".into();
        d.id_number = "001085099999".into();
        d.people = "7".into();
        d.representatives = "Đỗ Văn Đoàn; Hà Thị Hai".into();
        d.handling = "huong_dan".into();
        d.content = "Đoàn hộ dân hỏi về đền bù".into();
    });
    save_as(&|d| {
        d.full_name = "Vũ Thị Chuyển".into();
        d.id_number = "001085088888".into();
        d.petition_type = "kien_nghi".into();
        d.handling = "chuyen_don".into();
        d.transfer_agency = "Sở Tài nguyên và Môi trường".into();
        d.content = "Kiến nghị về ô nhiễm".into();
    });
    save_as(&|d| {
        d.full_name = "Mai Văn Đáp".into();
        d.id_number = "001085077777".into();
        d.petition_type = "phan_anh".into();
        d.handling = "tra_loi".into();
        d.content = "Phản ánh đèn đường".into();
        d.note = "Đã giải thích tại chỗ".into();
    });
    path
}

fn export(db: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tiepdan"));
    cmd.arg("--db")
        .arg(db)
        .arg("export")
        .args(["--from", "01/11/2026", "--to", "30/11/2026"])
        .args(args)
        .args(["--pin-stdin"])
        .env_remove("TIEPDAN_LANG")
        .env("TIEPDAN_TEST_KDF", "cheap")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn pin() -> String {
    format!("{PIN}\n")
}

/// Nothing of the denouncer in `text`.
fn clean(surface: &str, text: &str) {
    for secret in [NAME, "Bảo Mật", CCCD, PHONE, ADDRESS, "0977 000 111"] {
        assert!(
            !text.contains(secret),
            "{surface} shows {secret:?}:\n{text}"
        );
    }
}

fn cells(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_book_in_tt04_2021s_layout_names_no_denouncer() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(&dir);
    let out = dir.path().join("sổ tháng 11.xlsx");
    let o = export(&db, &["--out", out.to_str().unwrap()], &pin());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(said.contains("Đã xuất 5 lượt tiếp"), "{said}");
    let rows = cells(&out);
    let all: String = rows.iter().flatten().cloned().collect::<Vec<_>>().join("|");
    clean("the XLSX", &all);
    // The heading: the unit, the title, the period.
    assert_eq!(rows[0][0], "UBND phường Ba Đình");
    assert_eq!(rows[1][0], "SỔ TIẾP CÔNG DÂN");
    assert_eq!(rows[2][0], "Từ ngày 01/11/2026 đến ngày 30/11/2026");
    // Two header rows: "Hướng xử lý" over its three columns, then the column numbers.
    assert_eq!(rows[4][7], "Hướng xử lý");
    assert_eq!(rows[5][7], "Thụ lý để giải quyết");
    assert_eq!(rows[5][8], "Trả lại đơn và hướng dẫn");
    assert_eq!(rows[5][9], "Chuyển đơn đến cơ quan có thẩm quyền");
    let numbers: Vec<String> = (1..=12).map(|n| format!("({n})")).collect();
    assert_eq!(rows[6], numbers);
    let visits = &rows[7..12];
    assert_eq!(visits[0][0], "1");
    assert_eq!(visits[0][1], "22/11/2026");
    assert!(
        visits[0][2].starts_with("Lê Văn An – Số 12"),
        "{:?}",
        visits[0]
    );
    assert_eq!(visits[0][3], "001085012345");
    assert_eq!(visits[0][7], "x", "accepted");
    assert!(visits[0][10].starts_with("KN-2026-BD-"), "{:?}", visits[0]);
    // The denunciation: its pseudonym, no number, no address.
    assert_eq!(visits[1][2], "Người tố cáo TC-2026-BD-0001");
    assert_eq!(visits[1][3], "");
    // The group: its size beside its type; guided.
    assert_eq!(visits[2][5], "Khiếu nại / 7");
    assert_eq!(visits[2][8], "x");
    // Forwarded: the receiving body in its column.
    assert_eq!(visits[3][9], "Sở Tài nguyên và Môi trường");
    // Answered at the desk: said in the notes, with the note.
    assert_eq!(visits[4][11], "Trả lời trực tiếp; Đã giải thích tại chỗ");
    // The signature block.
    assert!(all.contains("THỦ TRƯỞNG ĐƠN VỊ") && all.contains("NGƯỜI LẬP SỔ"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the owner's only");
    }
    // On the book's record, and nothing else written.
    let store = Store::open(&db).unwrap();
    let audit = store
        .journal_of(tiepdan::domain::journal::Entity::Book, "tt04-2021")
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].op, tiepdan::domain::journal::Op::Export);
    assert_eq!(audit[0].after["rows"], 5);
    assert_eq!(audit[0].after["file"], "sổ tháng 11.xlsx");
}

#[test]
fn nd154_2026s_layout_has_its_13_columns() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(&dir);
    let out = dir.path().join("so.xlsx");
    let o = export(
        &db,
        &["--out", out.to_str().unwrap(), "--template", "nd154-2026"],
        &pin(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("chưa đối chiếu"));
    let rows = cells(&out);
    let numbers: Vec<String> = (1..=13).map(|n| format!("({n})")).collect();
    assert_eq!(rows[5], numbers);
    // One header row: the visits start right under the numbers.
    let first = &rows[6];
    assert_eq!(first[2], "Lê Văn An – Số 12 phố Đội Cấn, phường Ba Đình");
    assert_eq!(first[8], "x", "within our authority");
    assert_eq!(rows[7][2], "Người tố cáo TC-2026-BD-0001");
    clean(
        "the NĐ 154 XLSX",
        &rows.iter().flatten().cloned().collect::<String>(),
    );
}

#[test]
fn csv_and_json_name_no_denouncer_either() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(&dir);
    let o = export(&db, &["--format", "csv"], &pin());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    clean("the CSV", &csv);
    assert!(
        csv.starts_with('\u{feff}'),
        "a byte-order mark for spreadsheets"
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 6, "{csv}");
    assert!(
        lines[0].contains("(8) Hướng xử lý – Thụ lý để giải quyết"),
        "{}",
        lines[0]
    );
    assert!(
        lines[2].contains("Người tố cáo TC-2026-BD-0001"),
        "{}",
        lines[2]
    );
    let o = export(&db, &["--format", "json"], &pin());
    assert!(o.status.success());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), 5);
    assert_eq!(records[1]["citizen"]["pseudonym"], "TC-2026-BD-0001");
    assert!(records[1]["id_number"].is_null() && records[1]["address"].is_null());
    assert_eq!(records[0]["id_number"], "001085012345");
    assert_eq!(records[3]["transfer_agency"], "Sở Tài nguyên và Môi trường");
    clean("the JSON", &json.to_string());
}

#[test]
fn an_existing_file_is_replaced_only_when_asked_and_a_failure_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(&dir);
    let out = dir.path().join("so.csv");
    std::fs::write(&out, "giữ nguyên").unwrap();
    let path = out.to_str().unwrap();
    let o = export(&db, &["--format", "csv", "--out", path], &pin());
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "giữ nguyên");
    // A wrong PIN: refused, the old file kept, no part file left.
    let o = export(
        &db,
        &["--format", "csv", "--out", path, "--force"],
        "999999\n",
    );
    assert!(!o.status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "giữ nguyên");
    assert_eq!(
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".part")
            })
            .count(),
        0
    );
    let o = export(&db, &["--format", "csv", "--out", path, "--force"], &pin());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read_to_string(&out).unwrap().contains("Lê Văn An"));
}

#[test]
fn bad_arguments_are_said_before_anything_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = book(&dir);
    for (args, words) in [
        (vec!["--format", "pdf"], "pdf"),
        (vec!["--template", "tt99"], "tt99"),
    ] {
        let o = export(&db, &args, "");
        assert!(!o.status.success());
        assert!(String::from_utf8_lossy(&o.stderr).contains(words));
    }
}
