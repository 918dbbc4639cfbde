//! A year of the book to XLSX, measured: `cargo run --release --example export_bench [VISITS]`
//! (default 1,000,000) or `… export_bench --db BOOK`. Makes the demo book of VISITS visits with
//! the real binary in a child process (kept in `target/bench-data/`, as the benches keep
//! theirs), then exports its last year in TT 04/2021's layout as `tiepdan export` does — the
//! visits read in the book's order, written by the constant-memory XLSX writer — and prints
//! the time and this process's peak memory (VmHWM; the demo's generation is not in it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use tiepdan::exchange::book::{self, BookHeading, XlsxBook};
use tiepdan::i18n::Lang;
use tiepdan::store::{Store, StoreError};

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

/// The demo's last day (as the benches use).
fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a date")
}

fn demo_book(visits: u64) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench-data");
    let path = dir.join(format!("export-{visits}.sqlite3"));
    if !path.exists() {
        let exe = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/tiepdan");
        assert!(
            exe.exists(),
            "build the binary first: cargo build --release (then run this example again)"
        );
        let t = Instant::now();
        let ok = Command::new(&exe)
            .args([
                "demo",
                "--visits",
                &visits.to_string(),
                "--end",
                "2026-11-24",
            ])
            .arg("--db")
            .arg(&path)
            .status()
            .expect("tiepdan demo")
            .success();
        assert!(ok, "tiepdan demo failed");
        eprintln!(
            "demo of {visits} visits made in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    path
}

/// Why the export stopped (shown by `expect` through Debug only).
#[derive(Debug)]
#[allow(dead_code)]
enum Failed {
    Store(StoreError),
    Xlsx(rust_xlsxwriter::XlsxError),
}

impl From<StoreError> for Failed {
    fn from(e: StoreError) -> Self {
        Failed::Store(e)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = match args.as_slice() {
        [flag, p] if flag == "--db" => PathBuf::from(p),
        [n] => demo_book(n.parse().expect("VISITS: a number")),
        _ => demo_book(1_000_000),
    };
    let to = end();
    let from = to - Days::new(364);
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let t = Instant::now();
    let store = Store::open_read_only(&path).expect("open the book");
    let template = book::template("tt04-2021").expect("TT 04/2021's layout");
    let heading = BookHeading {
        unit: store.unit_name().unwrap_or_default(),
        from,
        to,
    };
    let mut b = XlsxBook::start(Lang::Vi, template, &heading).expect("start");
    let rows = store
        .book_lines(from, to, |l| b.line(&l).map_err(Failed::Xlsx))
        .expect("the book's lines");
    let out =
        std::env::temp_dir().join(format!("tiepdan-export-bench-{}.xlsx", std::process::id()));
    let file = std::fs::File::create(&out).expect("the output file");
    b.finish(std::io::BufWriter::new(file), to).expect("finish");
    let secs = t.elapsed().as_secs_f64();
    let xlsx = std::fs::metadata(&out).map_or(0, |m| m.len());
    std::fs::remove_file(&out).ok();
    println!(
        "book {} ({:.0} MB): {rows} visits from {from} to {to} to XLSX in {secs:.2} s, file {:.1} MB, peak memory {:.0} MB",
        path.display(),
        size as f64 / 1e6,
        xlsx as f64 / 1e6,
        peak_mb()
    );
}
