//! The complaint queue at scale (issue: queue). Targets: field counts and the first page of a
//! field under 20 ms, a render under 5 ms, on the 1,000,000-visit demo database (about
//! 300,000 cases, made once under `target/bench-data/`).
//!
//! Run: `cargo bench --bench queue`.

mod common;

use common::{day, million_db};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiepdan::store::{QueueFilter, Store};

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn benches(c: &mut Criterion) {
    let path = million_db();
    let store = Store::open(&path).unwrap();
    let cases: i64 = store.inspect_one("SELECT count(*) FROM cases", []).unwrap();
    eprintln!("{cases} cases");
    let land = store.field_counts(day()).unwrap()[0].field_id;

    let mut g = c.benchmark_group("queue");
    g.sample_size(30);
    g.bench_function("field_counts_300k", |b| {
        b.iter(|| store.field_counts(day()).unwrap())
    });
    g.bench_function("first_page_of_land_300k", |b| {
        b.iter(|| {
            store
                .cases_in_field(land, &QueueFilter::default(), tiepdan::app::queue::PAGE)
                .unwrap()
        })
    });
    g.bench_function("open_queue_pane_300k", |b| {
        // `2` from the log: counts, first page, and the frame.
        let store = Store::open(&path).unwrap();
        let mut app =
            common::signed_in_app(store, Box::new(|| day().and_hms_opt(16, 50, 0).unwrap()));
        app.viewport = (200, 50);
        let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
        b.iter(|| {
            app.handle_key(key(KeyCode::Char('2')));
            term.draw(|f| tiepdan::ui::draw(f, &app)).unwrap();
            app.handle_key(key(KeyCode::Char('1')));
        })
    });
    let store2 = Store::open(&path).unwrap();
    let mut app = common::signed_in_app(store2, Box::new(|| day().and_hms_opt(16, 50, 0).unwrap()));
    app.viewport = (200, 50);
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    g.bench_function("render_queue_200x50", |b| {
        b.iter(|| {
            term.draw(|f| tiepdan::ui::draw(f, &app)).unwrap();
        })
    });
    g.bench_function("keystroke_in_queue_200x50", |b| {
        let mut down = true;
        b.iter(|| {
            app.handle_key(key(if down { KeyCode::Down } else { KeyCode::Up }));
            down = !down;
            term.draw(|f| tiepdan::ui::draw(f, &app)).unwrap();
        })
    });
    g.finish();
}

criterion_group!(queue, benches);
criterion_main!(queue);
