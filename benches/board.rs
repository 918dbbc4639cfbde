//! The deadline board at scale (issue: deadlines). Target: the board over 300,000 open cases
//! under 20 ms; a redraw under 5 ms. The data (300,000 open cases with due dates) is made once
//! under `target/bench-data/`.
//!
//! Run: `cargo bench --bench board`.

mod common;

use common::{day, open_300k_db};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiepdan::app::App;
use tiepdan::store::Store;

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn app(path: &std::path::Path) -> App {
    let store = Store::open(path).unwrap();
    let mut app = common::signed_in_app(store, Box::new(|| day().and_hms_opt(16, 50, 0).unwrap()));
    app.viewport = (200, 50);
    app
}

fn benches(c: &mut Criterion) {
    let path = open_300k_db();
    let store = Store::open(&path).unwrap();
    let cal = store.calendar().unwrap();
    let mut g = c.benchmark_group("board");
    g.sample_size(20);
    g.bench_function("board_query_300k_open", |b| {
        b.iter(|| {
            store
                .board(day(), &cal, tiepdan::app::board::BOARD_ROWS)
                .unwrap()
        })
    });
    g.bench_function("status_alerts_300k_open", |b| {
        b.iter(|| store.deadline_alerts(day(), &cal).unwrap())
    });
    g.bench_function("field_counts_300k_open", |b| {
        b.iter(|| store.field_counts(day()).unwrap())
    });
    let mut a = app(&path);
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    g.bench_function("open_board_pane_300k_open", |b| {
        b.iter(|| {
            a.handle_key(key(KeyCode::Char('3')));
            term.draw(|f| tiepdan::ui::draw(f, &a)).unwrap();
            a.handle_key(key(KeyCode::Char('1')));
        })
    });
    a.handle_key(key(KeyCode::Char('3')));
    g.bench_function("keystroke_on_board_200x50", |b| {
        let mut down = true;
        b.iter(|| {
            a.handle_key(key(if down { KeyCode::Down } else { KeyCode::Up }));
            down = !down;
            term.draw(|f| tiepdan::ui::draw(f, &a)).unwrap();
        })
    });
    g.finish();
}

criterion_group!(board, benches);
criterion_main!(board);
