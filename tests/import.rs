//! Importing old books (issue 27): fixtures written by the tests with rust_xlsxwriter — a
//! clean book in TT 04/2021's layout, a messy one (merged title rows, blank lines, a
//! two-row header, dates in three forms, a CCCD stored as a number shown 7.9E+10, a TCVN3
//! sheet, a VNI sheet) — and a CSV. Every row is imported or refused with a reason; an
//! import is all or nothing; importing twice adds nothing.
//!
//! .ods: calamine reads it, but no fixture is made here (LibreOffice, which would write
//! one, is not on the build machines).

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use tiepdan::domain::legacy;
use tiepdan::domain::visit::{Handling, PetitionType};
use tiepdan::exchange::import::{self, ColumnMap, Context, Plan, Reason};
use tiepdan::store::{Actor, Store};

const HEADERS: [&str; 12] = [
    "STT",
    "Ngày tiếp",
    "Họ tên – Địa chỉ",
    "CMND/Hộ chiếu của công dân",
    "Nội dung vụ việc",
    "Phân loại đơn/Số người",
    "Cơ quan đã giải quyết",
    "Thụ lý để giải quyết",
    "Trả lại đơn và hướng dẫn",
    "Chuyển đơn đến cơ quan có thẩm quyền",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
];

/// One visit row of the TT 04/2021 layout (columns 2–12; the STT is written apart).
struct Row {
    day: &'static str,
    who: &'static str,
    id: &'static str,
    content: &'static str,
    kind: &'static str,
    prior: &'static str,
    thu_ly: &'static str,
    huong_dan: &'static str,
    chuyen: &'static str,
    result: &'static str,
    note: &'static str,
}

const CLEAN: [Row; 5] = [
    Row {
        day: "02/03/2020",
        who: "Nguyễn Văn An\nThôn 3, xã Tân Lập, huyện Đan Phượng",
        id: "001085012345",
        content: "Khiếu nại việc thu hồi đất làm đường liên xã",
        kind: "KN/1",
        prior: "UBND xã Tân Lập",
        thu_ly: "x",
        huong_dan: "",
        chuyen: "",
        result: "Đã ban hành quyết định giải quyết",
        note: "",
    },
    Row {
        day: "03/03/2020",
        who: "Trần Thị Bình, tổ 5, phường Ỷ La",
        id: "",
        content: "Kiến nghị sửa đường giao thông nông thôn bị xuống cấp",
        kind: "Kiến nghị/01",
        prior: "",
        thu_ly: "",
        huong_dan: "",
        chuyen: "UBND huyện Đan Phượng",
        result: "",
        note: "SĐT 0912345678",
    },
    Row {
        day: "04/03/2020",
        who: "Lê Văn Cường - xóm 2, xã Yên Sở",
        id: "012345678",
        content: "Phản ánh ô nhiễm môi trường do trại chăn nuôi",
        kind: "PA/1",
        prior: "",
        thu_ly: "",
        huong_dan: "x",
        chuyen: "",
        result: "",
        note: "",
    },
    Row {
        day: "05/03/2020",
        who: "Phạm Thị Dung\nSố 12 Lý Thường Kiệt, phường Hàng Bài",
        id: "001185023456",
        content: "Tố cáo cán bộ địa chính nhận tiền của dân",
        kind: "TC/1",
        prior: "",
        thu_ly: "x",
        huong_dan: "",
        chuyen: "",
        result: "",
        note: "",
    },
    Row {
        day: "06/03/2020",
        who: "Hoàng Văn Em, thôn Đông, xã Hồng Hà",
        id: "001090034567",
        content: "Khiếu nại về bồi thường khi giải phóng mặt bằng",
        kind: "Khiếu nại/15",
        prior: "UBND huyện",
        thu_ly: "",
        huong_dan: "Tòa án nhân dân huyện",
        chuyen: "",
        result: "",
        note: "Đoàn đông người",
    },
];

fn write_row(ws: &mut Worksheet, r: u32, stt: u32, row: &Row, enc: &dyn Fn(&str) -> String) {
    ws.write_number(r, 0, f64::from(stt)).unwrap();
    let cells = [
        row.day,
        row.who,
        row.id,
        row.content,
        row.kind,
        row.prior,
        row.thu_ly,
        row.huong_dan,
        row.chuyen,
        row.result,
        row.note,
    ];
    for (j, c) in cells.iter().enumerate() {
        if !c.is_empty() {
            ws.write_string(r, j as u16 + 1, enc(c)).unwrap();
        }
    }
}

fn clean_book(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Sổ 2020").unwrap();
    for (j, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    for (i, row) in CLEAN.iter().enumerate() {
        write_row(ws, i as u32 + 1, i as u32 + 1, row, &|s| s.to_owned());
    }
    wb.save(path).unwrap();
}

/// Text as a `.VnTime` font stored it: each TCVN3 byte as the character Windows gave it.
fn to_tcvn3(s: &str) -> String {
    s.chars()
        .map(|c| {
            legacy::TCVN3
                .iter()
                .find(|(_, l)| *l == c)
                .map_or(c, |(b, _)| char::from(*b))
        })
        .collect()
}

/// The messy book: sheet 1 with title rows, blank lines, a two-row header with "Hướng xử
/// lý" merged over its three columns, a row of numbers; then a TCVN3 sheet and a VNI sheet.
fn messy_book(path: &Path) {
    let mut wb = Workbook::new();
    let merged = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sci = Format::new().set_num_format("0.0E+00");
    {
        let ws = wb.add_worksheet().set_name("Năm 2021").unwrap();
        ws.merge_range(0, 0, 0, 11, "UBND XÃ TÂN LẬP", &merged)
            .unwrap();
        ws.merge_range(1, 0, 1, 11, "SỔ TIẾP CÔNG DÂN", &merged)
            .unwrap();
        // Row 3 blank; the header on rows 4 and 5.
        for (j, h) in HEADERS.iter().enumerate() {
            if (7..=9).contains(&j) {
                ws.write_string(4, j as u16, *h).unwrap();
            } else {
                ws.merge_range(3, j as u16, 4, j as u16, h, &merged)
                    .unwrap();
            }
        }
        ws.merge_range(3, 7, 3, 9, "Hướng xử lý", &merged).unwrap();
        for j in 0..12u16 {
            ws.write_string(5, j, format!("({})", j + 1)).unwrap();
        }
        let mut r = 6;
        let put = |ws: &mut Worksheet, r: u32, stt: u32, row: &Row| {
            write_row(ws, r, stt, row, &|s| s.to_owned())
        };
        // Dates: text dd/mm/yyyy, text yyyy-mm-dd, a date cell, an Excel serial.
        put(
            ws,
            r,
            1,
            &row(
                "15/01/2021",
                "Đinh Văn Giang, xóm 1, xã Tân Lập",
                "KN/1",
                "x",
            ),
        );
        r += 1;
        put(
            ws,
            r,
            2,
            &row(
                "2021-01-18",
                "Vũ Thị Hạnh - thôn 4, xã Tân Lập",
                "Kiến nghị",
                "x",
            ),
        );
        ws.write_number(r, 3, 79_203_001_234.0).unwrap();
        ws.set_cell_format(r, 3, &sci).unwrap();
        r += 1;
        put(
            ws,
            r,
            3,
            &row("", "Bùi Văn Khải, xóm 3, xã Tân Lập", "PA", "x"),
        );
        ws.write_datetime_with_format(
            r,
            1,
            rust_xlsxwriter::ExcelDateTime::from_ymd(2021, 1, 19).unwrap(),
            &date,
        )
        .unwrap();
        r += 1;
        put(
            ws,
            r,
            4,
            &row("", "Ngô Thị Lan, xóm 5, xã Tân Lập", "KN", "x"),
        );
        ws.write_number(r, 1, 44216.0).unwrap(); // 20/01/2021
        r += 1;
        // Blank line in the middle.
        r += 1;
        // Refused: an unknown type; no handling; a date still to come; a bad ID.
        put(
            ws,
            r,
            5,
            &row("21/01/2021", "Mai Văn Long, xóm 2", "Đơn thư", "x"),
        );
        r += 1;
        put(ws, r, 6, &row("22/01/2021", "Đỗ Thị Mơ, xóm 2", "KN", ""));
        r += 1;
        put(ws, r, 7, &row("22/01/2099", "Lý Văn Nam, xóm 2", "KN", "x"));
        r += 1;
        put(
            ws,
            r,
            8,
            &row("25/01/2021", "Tạ Văn Oanh, xóm 2", "KN", "x"),
        );
        ws.write_string(r, 3, "12345").unwrap();
        r += 2;
        // The signature under the book.
        ws.write_string(r, 9, "Người lập sổ").unwrap();
    }
    for (name, enc) in [
        ("TCVN3", &to_tcvn3 as &dyn Fn(&str) -> String),
        ("VNI", &legacy::to_vni as &dyn Fn(&str) -> String),
    ] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        // ABC has no capital with a tone: the header as officers typed it in .VnTime.
        let headers = [
            "STT",
            "Ngày tiếp",
            "Họ tên - Địa chỉ",
            "CMND",
            "Nội dung vụ việc",
            "Phân loại đơn/Số người",
            "Cơ quan đã giải quyết",
            "Thụ lý để giải quyết",
            "Trả lại đơn và hướng dẫn",
            "Chuyển đơn đến cơ quan có thẩm quyền",
            "Theo dõi kết quả giải quyết",
            "Ghi chú",
        ];
        for (j, h) in headers.iter().enumerate() {
            ws.write_string(0, j as u16, enc(h)).unwrap();
        }
        let rows = [
            row(
                "10/02/2021",
                "Nguyễn Đức Phúc, thôn Đông, xã Hồng Hà",
                "Khiếu nại",
                "x",
            ),
            row(
                "11/02/2021",
                "Trương Thị Quỳnh, thôn Đoài, xã Hồng Hà",
                "Tố cáo",
                "x",
            ),
        ];
        for (i, rw) in rows.iter().enumerate() {
            write_row(ws, i as u32 + 1, i as u32 + 1, rw, enc);
        }
    }
    wb.save(path).unwrap();
}

/// A row of the messy book: a day, who, a type, a thụ lý mark.
fn row(day: &'static str, who: &'static str, kind: &'static str, thu_ly: &'static str) -> Row {
    Row {
        day,
        who,
        id: "",
        content: "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
        kind,
        prior: "",
        thu_ly,
        huong_dan: "",
        chuyen: "",
        result: "",
        note: "",
    }
}

fn book(dir: &Path) -> (Store, Actor) {
    let mut store = Store::open(&dir.join("book.sqlite3")).unwrap();
    let actor = common::store_with_officer(&mut store);
    (store, actor)
}

fn context(store: &Store) -> Context {
    Context {
        today: common::today(),
        threshold: store.group_threshold().unwrap(),
        fields: store
            .fields()
            .unwrap()
            .into_iter()
            .map(|f| (f.code, f.name))
            .collect(),
        officers: store
            .all_officers()
            .unwrap()
            .into_iter()
            .map(|o| (o.id, o.full_name))
            .collect(),
    }
}

fn plan(store: &Store, file: &Path) -> Plan {
    let sheets = import::read(file, None).unwrap();
    import::plan(sheets, &ColumnMap::default(), &context(store))
}

fn import_plan(store: &mut Store, actor: &Actor, p: &Plan) -> tiepdan::store::ImportOutcome {
    let visits: Vec<_> = p.visits.iter().map(|v| v.visit.clone()).collect();
    let out = store
        .write(actor, |w| w.import_visits("test", &visits))
        .unwrap();
    while store
        .index_pending(std::time::Duration::from_millis(250))
        .unwrap()
        .left
        > 0
    {}
    out
}

fn visits_of(store: &Store) -> Vec<(String, String, String, String, String, String, String)> {
    store
        .inspect(
            "SELECT v.day, c.full_name, c.address, coalesce(c.id_number, ''), v.petition_type,
                    v.handling, v.transfer_agency
             FROM visits v JOIN citizens c ON c.id = v.citizen_id ORDER BY v.day, c.full_name",
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
                ))
            },
        )
        .unwrap()
}

#[test]
fn a_clean_book_in_the_official_layout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clean.xlsx");
    clean_book(&file);
    let (mut store, actor) = book(dir.path());
    let p = plan(&store, &file);
    assert!(p.refused.is_empty(), "{:?}", p.refused);
    assert_eq!(p.visits.len(), 5);
    let out = import_plan(&mut store, &actor, &p);
    assert_eq!((out.added, out.already, out.citizens_new), (5, 0, 5));
    let v = visits_of(&store);
    assert_eq!(v[0].0, "2020-03-02");
    assert_eq!(
        (v[0].1.as_str(), v[0].2.as_str()),
        ("Nguyễn Văn An", "Thôn 3, xã Tân Lập, huyện Đan Phượng")
    );
    assert_eq!((v[0].4.as_str(), v[0].5.as_str()), ("khieu_nai", "thu_ly"));
    assert_eq!(
        (v[1].1.as_str(), v[1].5.as_str(), v[1].6.as_str()),
        ("Trần Thị Bình", "chuyen_don", "UBND huyện Đan Phượng")
    );
    assert_eq!(
        (v[2].3.as_str(), v[2].5.as_str()),
        ("012345678", "huong_dan")
    );
    assert_eq!(v[3].4, "to_cao");
    // The result column and the guidance go to the note; a group of 15 is represented by
    // the person named.
    let notes: Vec<(String, u32, String)> = store
        .inspect(
            "SELECT note, people, representatives FROM visits ORDER BY day",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        notes[0].0,
        "Theo dõi kết quả: Đã ban hành quyết định giải quyết"
    );
    assert_eq!(
        notes[4],
        (
            "Đoàn đông người\nHướng dẫn: Tòa án nhân dân huyện".to_owned(),
            15,
            "[\"Hoàng Văn Em\"]".to_owned()
        )
    );
    // Found by the lookup (its index written after the data); the denouncer is not.
    let found = store.lookup("Nguyễn Văn An", 10).unwrap();
    assert_eq!(found.citizens.len(), 1);
    assert!(
        store
            .lookup("Phạm Thị Dung", 10)
            .unwrap()
            .citizens
            .is_empty()
    );
    assert_eq!(store.index_left().unwrap(), 0);
}

#[test]
fn importing_twice_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clean.xlsx");
    clean_book(&file);
    let (mut store, actor) = book(dir.path());
    let p = plan(&store, &file);
    import_plan(&mut store, &actor, &p);
    let before = (store.visit_count().unwrap(), store.citizen_count().unwrap());
    let p = plan(&store, &file);
    let out = import_plan(&mut store, &actor, &p);
    assert_eq!((out.added, out.already), (0, 5));
    assert_eq!(
        (store.visit_count().unwrap(), store.citizen_count().unwrap()),
        before
    );
    // The uids are the rows' own: the same rows from a CSV are the same visits.
    let csv = dir.path().join("clean.csv");
    let mut text = HEADERS.join(";") + "\n";
    for (i, r) in CLEAN.iter().enumerate() {
        let cells = [
            (i + 1).to_string(),
            r.day.into(),
            r.who.into(),
            r.id.into(),
            r.content.into(),
            r.kind.into(),
            r.prior.into(),
            r.thu_ly.into(),
            r.huong_dan.into(),
            r.chuyen.into(),
            r.result.into(),
            r.note.into(),
        ];
        text += &cells
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(";");
        text += "\n";
    }
    std::fs::write(&csv, text).unwrap();
    let p = plan(&store, &csv);
    assert!(p.refused.is_empty(), "{:?}", p.refused);
    let out = import_plan(&mut store, &actor, &p);
    assert_eq!((out.added, out.already), (0, 5));
}

#[test]
fn a_messy_book_every_row_imported_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("messy.xlsx");
    messy_book(&file);
    let (mut store, actor) = book(dir.path());
    let p = plan(&store, &file);
    let sheets: Vec<(&str, u32)> = p
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.header.as_ref().unwrap().first_row))
        .collect();
    assert_eq!(sheets, [("Năm 2021", 4), ("TCVN3", 1), ("VNI", 1)]);
    assert!(
        p.sheets[1].tcvn3 > 10 && p.sheets[2].vni > 10,
        "{:?}",
        p.sheets
    );
    // Every row under a header is imported or refused: 4 + 2 + 2 imported, 5 refused.
    let refused: Vec<(u32, Vec<Reason>)> = p
        .refused
        .iter()
        .map(|r| (r.row, r.refusals.iter().map(|x| x.reason.clone()).collect()))
        .collect();
    assert_eq!(p.visits.len(), 8, "{refused:?}");
    assert_eq!(
        refused,
        [
            (12, vec![Reason::UnknownType("Đơn thư".into())]),
            (
                13,
                vec![Reason::Missing(
                    tiepdan::exchange::import::Column::HuongXuLy
                )]
            ),
            (14, vec![Reason::FutureDate]),
            (
                15,
                vec![Reason::Id(tiepdan::domain::ident::IdError::BadLength {
                    digits: 5
                })]
            ),
            (17, vec![Reason::NotABookRow]),
        ]
    );
    // Each reason names its column as the sheet does.
    let r = &p.refused[1];
    assert_eq!(
        p.column_name(r.sheet, &r.refusals[0]),
        "Hướng xử lý: Thụ lý để giải quyết"
    );
    let out = import_plan(&mut store, &actor, &p);
    assert_eq!(out.added, 8);
    let v = visits_of(&store);
    let days: Vec<&str> = v.iter().map(|x| x.0.as_str()).take(4).collect();
    assert_eq!(
        days,
        ["2021-01-15", "2021-01-18", "2021-01-19", "2021-01-20"]
    );
    // The CCCD that Excel showed as 7.9E+10 has its zero back.
    assert_eq!(v[1].3, "079203001234");
    // TCVN3 and VNI rows are Unicode now (as read; a denouncer's as sealed in the book).
    let names: Vec<&str> = v.iter().map(|x| x.1.as_str()).collect();
    assert!(names.contains(&"Nguyễn Đức Phúc"), "{names:?}");
    let read: Vec<&str> = p
        .visits
        .iter()
        .map(|x| x.visit.visit.full_name.as_str())
        .collect();
    assert!(read.contains(&"Trương Thị Quỳnh"), "{read:?}");
    let tc: Vec<&str> = p
        .visits
        .iter()
        .filter(|x| x.visit.visit.petition_type == tiepdan::domain::visit::PetitionType::ToCao)
        .map(|x| x.visit.visit.address.as_str())
        .collect();
    assert_eq!(tc, ["thôn Đoài, xã Hồng Hà", "thôn Đoài, xã Hồng Hà"]);
    // The denouncer is sealed in the book: no name, no address in the clear.
    let in_book: Vec<(&str, &str)> = v
        .iter()
        .filter(|x| x.4 == "to_cao")
        .map(|x| (x.1.as_str(), x.2.as_str()))
        .collect();
    assert_eq!(in_book, [("⊘", ""), ("⊘", "")]);
    assert!(!names.contains(&"Trương Thị Quỳnh"), "{names:?}");
}

#[test]
fn a_failure_midway_leaves_the_book_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clean.xlsx");
    clean_book(&file);
    let (mut store, actor) = book(dir.path());
    let p = plan(&store, &file);
    let mut visits: Vec<_> = p.visits.iter().map(|v| v.visit.clone()).collect();
    // The last row names an officer the book does not have: its insert fails.
    visits[4].officer_id = Some(9999);
    let before = (
        store.visit_count().unwrap(),
        store.citizen_count().unwrap(),
        store.index_left().unwrap(),
    );
    assert!(
        store
            .write(&actor, |w| w.import_visits("test", &visits))
            .is_err()
    );
    assert_eq!(
        (
            store.visit_count().unwrap(),
            store.citizen_count().unwrap(),
            store.index_left().unwrap()
        ),
        before
    );
}

#[test]
fn a_returning_citizen_is_recognised_as_the_form_does() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, actor) = book(dir.path());
    // At the desk in 2026, with a newer address.
    let mut d = common::draft("Nguyễn Văn An", "001085012345");
    d.address = "Số 5 phố Mới".into();
    let v = common::valid(&d);
    common::save(&mut store, &actor, &v);
    let file = dir.path().join("clean.xlsx");
    clean_book(&file);
    let p = plan(&store, &file);
    let out = import_plan(&mut store, &actor, &p);
    assert_eq!((out.added, out.citizens_new, out.citizens_known), (5, 4, 1));
    let c = store
        .find_citizen(Some("001085012345"), "Nguyễn Văn An", None)
        .unwrap()
        .unwrap();
    assert_eq!(c.visits, 2);
    // The 2020 book's address does not replace the one the desk recorded in 2026.
    assert_eq!(
        store
            .inspect_one::<String>(
                "SELECT address FROM citizens WHERE id_number = '001085012345'",
                []
            )
            .unwrap(),
        "Số 5 phố Mới"
    );
}

/// The command line: a dry run writes nothing and lists the refused rows, written to a
/// CSV; the officer fixes them and imports the CSV; the book imports the rest once.
#[test]
fn the_command_dry_run_refused_csv_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("messy.xlsx");
    messy_book(&file);
    let db: PathBuf = dir.path().join("book.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        common::store_with_officer(&mut store);
    }
    let run = |args: &[&str], stdin: &str| {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("TIEPDAN_LANG")
            .env("TIEPDAN_TEST_KDF", "cheap")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        let o = child.wait_with_output().unwrap();
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    // A mistyped path says there is no such file (not that its extension is unknown).
    let missing = dir.path().join("gói-bàn-khác.tiepdan");
    let (ok, _, err) = run(&["import", missing.to_str().unwrap()], "");
    assert!(!ok);
    assert!(err.contains("Không có tệp"), "{err}");
    let refused = dir.path().join("refused.csv");
    let f = file.to_str().unwrap();
    let (ok, out, err) = run(
        &[
            "import",
            f,
            "--dry-run",
            "--refused",
            refused.to_str().unwrap(),
        ],
        "",
    );
    assert!(ok, "{err}");
    assert!(
        out.contains(
            "Trang «Năm 2021», dòng 12, cột «Phân loại đơn/Số người»: loại đơn không rõ: «Đơn thư»"
        ),
        "{out}"
    );
    assert!(
        out.contains("sẽ nhập 8 lượt tiếp; 0 đã có trong sổ; 5 dòng bị từ chối"),
        "{out}"
    );
    assert_eq!(Store::open(&db).unwrap().visit_count().unwrap(), 0);
    let csv = std::fs::read_to_string(&refused).unwrap();
    assert!(csv.contains("Lý do"), "{csv}");
    // The import, by the administrator (PIN on standard input).
    let pin = format!("{}\n", common::PIN);
    let (ok, out, err) = run(&["import", f, "--pin-stdin"], &pin);
    assert!(ok, "{err}");
    assert!(out.contains("Đã nhập 8 lượt tiếp"), "{out}");
    assert!(out.contains("Chỉ mục tra cứu"), "{out}");
    // The refused rows, fixed in the CSV (the type written out), imported in their turn.
    let fixed = csv.replace("Đơn thư", "Khiếu nại");
    let fixed_path = dir.path().join("fixed.csv");
    std::fs::write(&fixed_path, fixed).unwrap();
    let (ok, out, err) = run(
        &["import", fixed_path.to_str().unwrap(), "--pin-stdin"],
        &pin,
    );
    assert!(ok, "{err}");
    assert!(out.contains("Đã nhập 1 lượt tiếp"), "{out}");
    // And again: nothing added.
    let (ok, out, _) = run(&["import", f, "--pin-stdin"], &pin);
    assert!(ok);
    assert!(
        out.contains("Đã nhập 0 lượt tiếp") && out.contains("8 đã có trong sổ"),
        "{out}"
    );
    assert_eq!(Store::open(&db).unwrap().visit_count().unwrap(), 9);
    let _ = NaiveDate::MIN;
    let _ = (PetitionType::KhieuNai, Handling::ThuLy);
}

/// The lookup index of an import is written in FTS5's order: one short write of many
/// records leaves one segment per table (written out of order, FTS5 made a segment per
/// record, and an import's index took 4 ms a record). The records are found all the same.
#[test]
fn one_index_write_is_one_segment_per_table() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("many.csv");
    let mut text = HEADERS.join(";") + "\n";
    let names = [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Hữu Cường",
        "Phạm Minh Dũng",
    ];
    for i in 0..120u32 {
        let cells = [
            (i + 1).to_string(),
            format!("{:02}/03/2020", 1 + i % 28),
            format!("{}\nThôn {}, xã Tân Lập", names[(i % 4) as usize], i % 9),
            format!("0010850{i:05}"),
            format!("Khiếu nại việc thu hồi đất thửa số {i}"),
            "KN/1".into(),
            String::new(),
            "x".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        text += &cells
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(";");
        text += "\n";
    }
    std::fs::write(&csv, text).unwrap();
    let (mut store, actor) = book(dir.path());
    let p = plan(&store, &csv);
    assert!(p.refused.is_empty(), "{:?}", p.refused);
    let visits: Vec<_> = p.visits.iter().map(|v| v.visit.clone()).collect();
    let out = store
        .write(&actor, |w| w.import_visits("test", &visits))
        .unwrap();
    assert_eq!(out.added, 120);
    let written = store
        .index_pending(std::time::Duration::from_secs(60))
        .unwrap();
    assert_eq!(written.left, 0);
    assert_eq!(written.done, 120 + out.citizens_new);
    for t in ["lookup_visits", "lookup_citizens"] {
        let segments: Vec<i64> = store
            .inspect(
                &format!("SELECT count(DISTINCT segid) FROM {t}_idx"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(segments, vec![1], "{t}");
    }
    let docs: Vec<i64> = store
        .inspect("SELECT count(*) FROM lookup_visits", [], |r| r.get(0))
        .unwrap();
    assert_eq!(docs, vec![120]);
    assert_eq!(store.index_left().unwrap(), 0);
}

/// A book of many denunciations (issue 27's import speed: their identities are sealed on a
/// second thread while the transaction writes): each denouncer's sealed identity opens to
/// what their row said, a returning denouncer is one record, the journal and the book
/// verify, and importing again adds nothing.
#[test]
fn many_denouncers_sealed_ahead_open_to_what_their_rows_said() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("denunciations.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (j, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    const GIVEN: [&str; 10] = [
        "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa",
    ];
    // 60 rows, every other one a denunciation; people 0–29, each denouncer comes twice.
    let person = |i: u32| i % 30;
    let name = |p: u32| {
        format!(
            "Nguyễn Văn {} {}",
            GIVEN[(p % 10) as usize],
            GIVEN[(p / 10) as usize]
        )
    };
    for i in 0..60u32 {
        let r = i + 1;
        let p = person(i);
        let denounces = p % 2 == 0;
        ws.write_number(r, 0, f64::from(r)).unwrap();
        ws.write_string(r, 1, format!("{:02}/03/2020", 1 + i / 3))
            .unwrap();
        ws.write_string(r, 2, format!("{}\nThôn {p}, xã Tân Lập", name(p)))
            .unwrap();
        ws.write_string(r, 3, format!("0010850{p:05}")).unwrap();
        ws.write_string(r, 4, format!("Nội dung số {i}")).unwrap();
        ws.write_string(r, 5, if denounces { "TC/1" } else { "KN/1" })
            .unwrap();
        ws.write_string(r, 7, "x").unwrap();
    }
    wb.save(&file).unwrap();
    let (mut store, actor) = book(dir.path());
    let p = plan(&store, &file);
    assert!(p.refused.is_empty(), "{:?}", p.refused);
    let out = import_plan(&mut store, &actor, &p);
    assert_eq!((out.added, out.citizens_new), (60, 30));
    // 15 denouncers, each sealed when new and sealed again on their second visit; whether
    // the thread got to a seal first is timing, but never more than were sealed.
    assert_eq!(out.sealed, 30);
    assert!(out.sealed_ahead <= out.sealed);
    let denunciations: Vec<(String, String)> = p
        .visits
        .iter()
        .filter(|v| v.visit.visit.petition_type == PetitionType::ToCao)
        .map(|v| (v.visit.uid.clone(), v.visit.visit.full_name.clone()))
        .collect();
    assert_eq!(denunciations.len(), 30);
    for (uid, typed) in &denunciations {
        let d = store.visit_detail(uid).unwrap();
        let mut v = tiepdan::domain::identity::Viewer::nobody();
        v.hold(store.opener());
        v.reveal(tiepdan::domain::identity::Record::Visit(uid.clone()));
        assert_eq!(v.name_of(&d.row.citizen), Some(typed.as_str()), "{uid}");
    }
    // Nothing in the clear; one sealed record per denouncer.
    assert_eq!(
        store
            .inspect_one::<i64>(
                "SELECT count(*) FROM citizens WHERE sealed IS NOT NULL AND full_name = '⊘'",
                []
            )
            .unwrap(),
        15
    );
    assert!(store.verify_book(None).unwrap().ok());
    let again = import_plan(&mut store, &actor, &p);
    assert_eq!((again.added, again.already, again.sealed), (0, 60, 0));
}

/// The lookup index after an import pauses between its writes only while a window of the
/// book is open (a desk that may want to save); alone, it never waits for nobody.
#[test]
fn the_index_pauses_for_an_open_window_only() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clean.xlsx");
    clean_book(&file);
    let (mut store, actor) = book(dir.path());
    let p = plan(&store, &file);
    let visits: Vec<_> = p.visits.iter().map(|v| v.visit.clone()).collect();
    let index = |store: &mut Store| {
        store
            .write(&actor, |w| w.import_visits("test", &visits))
            .unwrap();
        // Writes of one record each: as many writes as records.
        store
            .index_all_pending_in(std::time::Duration::ZERO)
            .unwrap()
    };
    let alone = index(&mut store);
    assert!(alone.writes >= 3, "{alone:?}");
    assert_eq!(alone.records, alone.writes);
    assert_eq!(alone.pauses, 0, "{alone:?}");
    assert_eq!(store.index_left().unwrap(), 0);

    // Another window opens on the book (its life mark locked): a pause after each write
    // but the last. A second book of the same rows, so there is an index to write again.
    let dir2 = tempfile::tempdir().unwrap();
    let (mut store, actor2) = book(dir2.path());
    let window = Store::open(&dir2.path().join("book.sqlite3")).unwrap();
    let lease = window.lease_window("w-desk-2").expect("a life mark");
    store
        .write(&actor2, |w| w.import_visits("test", &visits))
        .unwrap();
    let shared = store
        .index_all_pending_in(std::time::Duration::ZERO)
        .unwrap();
    assert_eq!(shared.records, alone.records);
    assert_eq!(shared.pauses, shared.writes - 1, "{shared:?}");
    assert!(shared.secs >= tiepdan::store::INDEX_PAUSE.as_secs_f64() * shared.pauses as f64);
    drop(lease);
    assert_eq!(store.index_left().unwrap(), 0);
}
