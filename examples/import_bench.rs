//! The 100,000-row import, measured: `cargo run --release --example import_bench [ROWS]`.
//! Writes an XLSX book of ROWS visits (TT 04/2021's layout, one citizen in five coming back)
//! into a temporary folder, then reads, checks and imports it into an empty book as
//! `tiepdan import` does, and prints each phase's time and the peak memory (VmHWM). The
//! import runs in a process of its own (this example again, `--import FILE`), so that its
//! peak is the import's, not that of the workbook written for it. Each phase's CPU time is
//! printed too (`cpu` of this thread, and of the process when other threads helped): on a
//! machine shared with other work the wall times are upper bounds, the CPU times less so.

use std::time::Instant;

use rust_xlsxwriter::Workbook;
use tiepdan::exchange::import::{self, ColumnMap, Context};
use tiepdan::store::Store;

fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU seconds (user + system) from a `/proc/…/stat` file (Linux; 0 elsewhere).
fn cpu_of(stat: &str) -> f64 {
    let Ok(text) = std::fs::read_to_string(stat) else {
        return 0.0;
    };
    // After the command's name in brackets: fields 14 and 15 (utime, stime) in clock ticks.
    let rest = text.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    f.iter().sum::<f64>() / 100.0
}

/// (this thread's, the process's) CPU seconds so far.
fn cpu() -> (f64, f64) {
    (cpu_of("/proc/thread-self/stat"), cpu_of("/proc/self/stat"))
}

/// A phase's CPU time: the thread's, and the process's when other threads added to it.
fn cpu_since(from: (f64, f64)) -> String {
    let (t, p) = cpu();
    let (t, p) = (t - from.0, p - from.1);
    if p - t > 0.05 {
        format!("cpu {t:.1} s + {:.1} s on other threads", p - t)
    } else {
        format!("cpu {t:.1} s")
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, file] = args.as_slice()
        && flag == "--import"
    {
        import(std::path::Path::new(file));
        return;
    }
    let rows: u32 = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = tempfile_dir();
    let file = dir.join("book.xlsx");
    let t = Instant::now();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let heads = [
        "STT",
        "Ngày tiếp",
        "Họ tên – Địa chỉ",
        "CMND/Hộ chiếu",
        "Nội dung vụ việc",
        "Phân loại đơn/Số người",
        "Cơ quan đã giải quyết",
        "Thụ lý để giải quyết",
        "Trả lại đơn và hướng dẫn",
        "Chuyển đơn đến cơ quan có thẩm quyền",
        "Theo dõi kết quả giải quyết",
        "Ghi chú",
    ];
    for (j, h) in heads.iter().enumerate() {
        ws.write_string(0, j as u16, *h).unwrap();
    }
    let kinds = ["KN/1", "Kiến nghị/1", "PA/1", "TC/1"];
    for i in 0..rows {
        let r = i + 1;
        let person = if i % 5 == 4 { i / 7 } else { i };
        let day = chrono::NaiveDate::from_ymd_opt(2018, 1, 2).unwrap()
            + chrono::Duration::days(i64::from(i / 40));
        ws.write_number(r, 0, f64::from(r)).unwrap();
        ws.write_string(r, 1, day.format("%d/%m/%Y").to_string())
            .unwrap();
        ws.write_string(
            r,
            2,
            format!("{}\nThôn {}, xã Tân Lập", name_of(person), person % 17),
        )
        .unwrap();
        ws.write_string(r, 3, format!("0010{:02}{:06}", 60 + person % 40, person))
            .unwrap();
        ws.write_string(
            r,
            4,
            format!("Khiếu nại việc thu hồi đất thửa số {i} tờ bản đồ 12"),
        )
        .unwrap();
        ws.write_string(r, 5, kinds[(i % 4) as usize]).unwrap();
        ws.write_string(
            r,
            7 + (i % 3) as u16,
            if i % 3 == 2 { "UBND huyện" } else { "x" },
        )
        .unwrap();
    }
    wb.save(&file).unwrap();
    let size = std::fs::metadata(&file).unwrap().len() as f64 / 1e6;
    println!(
        "wrote {rows} rows ({size:.1} MB) in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    drop(wb);
    let ok = std::process::Command::new(std::env::current_exe().unwrap())
        .arg("--import")
        .arg(&file)
        .status()
        .unwrap()
        .success();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(ok, "the import failed");
}

/// Read, check and import `file` into an empty book beside it.
fn import(file: &std::path::Path) {
    let dir = file.parent().unwrap();
    let mut store = Store::open(&dir.join("book.sqlite3")).unwrap();
    tiepdan::store::pin::use_cheap_cost_in_tests();
    let actor = store
        .first_start("UBND xã Tân Lập", "TL", "Lê Thu Hà", "246810", "246810")
        .unwrap();
    let ctx = Context {
        today: chrono::Local::now().date_naive(),
        threshold: store.group_threshold().unwrap(),
        fields: store
            .fields()
            .unwrap()
            .into_iter()
            .map(|f| (f.code, f.name))
            .collect(),
        officers: vec![],
    };
    let start = Instant::now();
    let cpu_start = cpu();
    let (t, c) = (Instant::now(), cpu());
    let sheets = import::read(file, None).unwrap();
    let (read, read_cpu) = (t.elapsed().as_secs_f64(), cpu_since(c));
    eprintln!("peak after reading: {:.0} MB", peak_mb());
    let (t, c) = (Instant::now(), cpu());
    let plan = import::plan(sheets, &ColumnMap::default(), &ctx);
    let (checked, checked_cpu) = (t.elapsed().as_secs_f64(), cpu_since(c));
    eprintln!("peak after checking: {:.0} MB", peak_mb());
    if let Some(r) = plan.refused.first() {
        eprintln!("first refused: row {} {:?}", r.row, r.refusals);
    }
    let refused = plan.refused.len();
    let visits: Vec<_> = plan.visits.into_iter().map(|p| p.visit).collect();
    let (t, c) = (Instant::now(), cpu());
    let out = store
        .write(&actor, |w| w.import_visits("bench", &visits))
        .unwrap();
    let (data, data_cpu) = (t.elapsed().as_secs_f64(), cpu_since(c));
    // As `tiepdan import` writes it: no window of this book is open, so no pauses.
    let (t, c) = (Instant::now(), cpu());
    let all = store.index_all_pending().unwrap();
    let (records, writes, longest) = (all.records, all.writes, all.longest);
    let (index, index_cpu) = (t.elapsed().as_secs_f64(), cpu_since(c));
    println!(
        "read {read:.1} s ({read_cpu}) · checked {checked:.1} s ({checked_cpu}; {} refused) · data transaction {data:.1} s ({data_cpu}; {} visits, {} citizens, {} of {} seals made ahead) · index {index:.1} s ({index_cpu}; {records} records in {writes} writes, longest {:.0} ms) · total {:.1} s ({}) · peak {:.0} MB",
        refused,
        out.added,
        out.citizens_new,
        out.sealed_ahead,
        out.sealed,
        longest * 1000.0,
        start.elapsed().as_secs_f64(),
        cpu_since(cpu_start),
        peak_mb()
    );
}

/// A person's name (a name has no digits: the row would be refused), 20 × 12 × 40 of them;
/// the ID number tells people with the same name apart.
fn name_of(person: u32) -> String {
    const FAMILY: [&str; 20] = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
        "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Lâm",
    ];
    const MIDDLE: [&str; 12] = [
        "Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Xuân", "Hồng", "Công",
    ];
    const GIVEN: [&str; 40] = [
        "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
        "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Nhung", "Phong", "Phúc",
        "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Thành", "Thủy", "Trang", "Trung", "Tuấn", "Tú",
        "Uyên", "Việt", "Vinh", "Xuyến", "Yến", "Đạt", "Ánh",
    ];
    let p = person as usize;
    format!(
        "{} {} {}",
        FAMILY[p % 20],
        MIDDLE[(p / 20) % 12],
        GIVEN[(p / 240) % 40]
    )
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("tiepdan-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}
