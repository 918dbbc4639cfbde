//! Switching panes as the officer presses the keys (issue 13.3), on the 1,000,000-visit demo
//! database: each figure is one key handled (the pane's rows read again if the book changed)
//! and the whole frame drawn at 200×50. Target: under 5 ms per key, the first visit of a pane
//! included (idle time reads the panes ahead, as the event loop does after the first frame).
//!
//! Run: `cargo bench --bench panes`.

mod common;

use common::{day, million_db};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiepdan::app::App;
use tiepdan::store::Store;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn started(path: &std::path::Path) -> App {
    let store = Store::open(path).unwrap();
    let mut app = common::signed_in_app(store, Box::new(|| day().and_hms_opt(16, 50, 0).unwrap()));
    app.viewport = (200, 50);
    app
}

fn benches(c: &mut Criterion) {
    let path = million_db();
    let mut g = c.benchmark_group("panes");
    g.sample_size(40);
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();

    // Warm: the officer goes back and forth between the panes; the book did not change.
    let mut app = started(&path);
    while app.warm_one() {}
    for (name, keys) in [
        ("key_log_to_queue_and_back", ['2', '1']),
        ("key_log_to_board_and_back", ['3', '1']),
        ("key_queue_to_board_and_back", ['2', '3']),
    ] {
        let mut i = 0;
        g.bench_function(name, |b| {
            b.iter(|| {
                app.handle_key(key(keys[i % 2]));
                term.draw(|f| tiepdan::ui::draw(f, &app)).unwrap();
                i += 1;
            })
        });
    }

    // The first visit of a pane after start, once the loop had its idle turn.
    for (name, k) in [
        ("first_key_2_after_start", '2'),
        ("first_key_3_after_start", '3'),
    ] {
        g.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let mut app = started(&path);
                    while app.warm_one() {}
                    app
                },
                |mut app| {
                    app.handle_key(key(k));
                    term.draw(|f| tiepdan::ui::draw(f, &app)).unwrap();
                    app
                },
                BatchSize::PerIteration,
            )
        });
    }

    // The same first key when it comes before any idle turn (the pane is read then).
    for (name, k) in [("first_key_2_no_idle", '2'), ("first_key_3_no_idle", '3')] {
        g.bench_function(name, |b| {
            b.iter_batched(
                || started(&path),
                |mut app| {
                    app.handle_key(key(k));
                    term.draw(|f| tiepdan::ui::draw(f, &app)).unwrap();
                    app
                },
                BatchSize::PerIteration,
            )
        });
    }

    // After another desk wrote: the key reads the pane again (a draft written elsewhere is
    // enough to change SQLite's data_version).
    let mut app = started(&path);
    while app.warm_one() {}
    let mut other = Store::open(&path).unwrap();
    let officer = other.officers().unwrap()[0].id;
    let desk2 = other
        .sign_in(officer, common::PIN, common::at(8, 15))
        .unwrap();
    let mut n = 0u64;
    g.bench_function("key_2_after_another_desk_wrote", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                other
                    .write(&desk2, |w| w.save_draft("bench", "desk2", &n.to_string()))
                    .unwrap();
                app.handle_key(key('1'));
                let t = std::time::Instant::now();
                app.handle_key(key('2'));
                term.draw(|f| tiepdan::ui::draw(f, &app)).unwrap();
                total += t.elapsed();
            }
            total
        })
    });
    g.finish();
}

criterion_group!(panes, benches);
criterion_main!(panes);
