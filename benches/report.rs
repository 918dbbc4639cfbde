//! Period reports at scale (issue 10). Targets: the year report on the 1,000,000-visit demo
//! under 1 s for the whole process; the reports pane's first draw under 300 ms.
//!
//! The data is the 1,000,000-visit demo database of `common::million_db()` (made once under
//! `target/bench-data/`), or the file named by `TIEPDAN_BENCH_1M` (opened read only, never
//! written: an existing demo database can be measured as it is, once it has the newest
//! schema — open a copy of an older one with `tiepdan --db COPY` first).
//!
//! Run: `cargo bench --bench report`. Besides criterion's figures, the bench prints the
//! wall time of the release binary `tiepdan report --period 2026` run as a child process
//! (the whole process: start, open, queries, counting, JSON, exit), best and median of 7.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::day;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiepdan::app::App;
use tiepdan::cli::report::compute;
use tiepdan::domain::report::Period;
use tiepdan::exchange::report_text::{self, Heading};
use tiepdan::exchange::report_xlsx;
use tiepdan::i18n::Lang;
use tiepdan::store::Store;

fn db() -> PathBuf {
    match std::env::var_os("TIEPDAN_BENCH_1M") {
        Some(p) => PathBuf::from(p),
        None => common::million_db(),
    }
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn app(store: Store) -> App {
    let mut app = common::signed_in_app(store, Box::new(|| day().and_hms_opt(16, 50, 0).unwrap()));
    app.viewport = (200, 50);
    app
}

/// The whole command, as an officer runs it: best and median wall time of 7 runs.
fn whole_process(path: &std::path::Path) {
    let bin = env!("CARGO_BIN_EXE_tiepdan");
    for period in ["2026", "2026-q4"] {
        let mut times: Vec<Duration> = (0..7)
            .map(|_| {
                let t = Instant::now();
                let out = std::process::Command::new(bin)
                    .arg("--db")
                    .arg(path)
                    .args(["report", "--period", period, "--format", "json"])
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                t.elapsed()
            })
            .collect();
        times.sort();
        eprintln!(
            "report/process `tiepdan report --period {period} --format json`: best {:.0} ms, median {:.0} ms",
            times[0].as_secs_f64() * 1000.0,
            times[3].as_secs_f64() * 1000.0
        );
    }
}

fn benches(c: &mut Criterion) {
    let path = db();
    whole_process(&path);
    let store = Store::open_read_only(&path).unwrap();
    let year = Period::parse("2026").unwrap();
    let quarter = Period::latest(tiepdan::domain::report::PeriodKind::Quarter(1), day());
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("year_2026_1m", |b| {
        b.iter(|| compute(&store, year, day()).unwrap())
    });
    g.bench_function("quarter_under_way_1m", |b| {
        b.iter(|| compute(&store, quarter, day()).unwrap())
    });
    let r = compute(&store, year, day()).unwrap();
    let unit = store.unit_name().unwrap();
    let h = Heading {
        unit: &unit,
        lang: Lang::Vi,
    };
    g.bench_function("year_json", |b| b.iter(|| report_text::json(&h, &r)));
    g.bench_function("year_xlsx", |b| {
        b.iter(|| report_xlsx::xlsx(&h, &r).unwrap())
    });
    // `5` on the 1,000,000-visit database: the quarter under way, computed and drawn.
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    g.bench_function("pane_first_draw_1m", |b| {
        b.iter_batched(
            || app(Store::open_read_only(&path).unwrap()),
            |mut a| {
                a.handle_key(key(KeyCode::Char('5')));
                term.draw(|f| tiepdan::ui::draw(f, &a)).unwrap();
                a
            },
            criterion::BatchSize::PerIteration,
        )
    });
    // The year in the pane, then a keystroke and its redraw.
    let mut a = app(Store::open_read_only(&path).unwrap());
    a.handle_key(key(KeyCode::Char('5')));
    g.bench_function("pane_year_1m", |b| {
        b.iter(|| {
            a.reports.period = Some(year);
            a.reports.load(&a.store, day()).unwrap();
            term.draw(|f| tiepdan::ui::draw(f, &a)).unwrap();
        })
    });
    g.bench_function("pane_keystroke_redraw", |b| {
        let mut down = true;
        b.iter(|| {
            a.handle_key(key(if down { KeyCode::Down } else { KeyCode::Up }));
            down = !down;
            term.draw(|f| tiepdan::ui::draw(f, &a)).unwrap();
        })
    });
    g.finish();
}

criterion_group!(report, benches);
criterion_main!(report);
