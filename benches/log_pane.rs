//! The reception log at scale (issue: foundation). Targets: first frame < 100 ms, redraw < 5 ms.
//!
//! - `log/render_500_visits_200x50`: draw the log pane of a day with 500 visits at 200×50.
//! - `log/keystroke_redraw_500_visits`: one `j` (move down) and the redraw that follows.
//! - `log/open_1m_first_frame`: open a 1,000,000-visit database (made once by the demo
//!   generator under `target/bench-data/`), build the app and draw the first frame.
//! - `log/day_change_1m`: `[` on that database: load the previous day and redraw.
//!
//! Run: `cargo bench --bench log_pane`.

mod common;

use common::{day, million_db};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiepdan::app::App;
use tiepdan::domain::visit::{VisitDraft, validate};
use tiepdan::i18n::Lang;
use tiepdan::store::{Store, VisitInput};

fn clock() -> tiepdan::app::Clock {
    Box::new(|| day().and_hms_opt(16, 50, 0).unwrap())
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// An in-memory app whose day holds 500 visits.
fn app_with_500() -> App {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store
        .first_start(
            "UBND phường Ba Đình",
            "BD",
            "Nguyễn Thị Lan",
            "246810",
            "246810",
        )
        .unwrap();
    let codes: Vec<String> = store
        .fields()
        .unwrap()
        .into_iter()
        .map(|f| f.code)
        .collect();
    for i in 0..500u32 {
        let time = format!("{:02}:{:02}", 7 + i / 60, i % 60);
        let draft = VisitDraft {
            day: tiepdan::domain::date::format_date(day()),
            time: time.clone(),
            full_name: format!("Nguyễn Văn Đức {i}"),
            id_number: format!("001085{:06}", i),
            phone: "0912345678".into(),
            address: "Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội".into(),
            people: if i % 30 == 0 { "12".into() } else { "1".into() },
            representatives: if i % 30 == 0 {
                "Bùi Thị Gấm; Ngô Văn Hải".into()
            } else {
                String::new()
            },
            form: "thuong_xuyen".into(),
            petition_type: "khieu_nai".into(),
            field: codes[(i as usize) % codes.len()].clone(),
            content: "Khiếu nại quyết định thu hồi đất nông nghiệp, đề nghị xem xét lại đơn giá bồi thường".into(),
            handling: "thu_ly".into(),
            petitions: "1".into(),
            ..Default::default()
        };
        let v = validate(&draft, day(), 5, &codes).visit.unwrap();
        store
            .write(&officer, |w| {
                w.save_visit(
                    &VisitInput {
                        visit: &v,
                        day: day(),
                        time,
                        citizen: None,
                        rename_citizen: false,
                        shared: Default::default(),
                    },
                    &tiepdan::domain::intake::CaseChoice::OpenNew,
                )
            })
            .unwrap();
    }
    let mut app = App::signed_in(store, officer, Lang::Vi, clock()).unwrap();
    app.viewport = (200, 50);
    app
}

fn draw(t: &mut Terminal<TestBackend>, app: &App) {
    t.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("log");

    let mut app = app_with_500();
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    g.bench_function("render_500_visits_200x50", |b| {
        b.iter(|| draw(&mut term, &app))
    });
    g.bench_function("keystroke_redraw_500_visits", |b| {
        b.iter(|| {
            app.handle_key(key('j'));
            draw(&mut term, &app)
        })
    });

    let path = million_db();
    g.sample_size(20);
    // Signed in once (an Argon2 hash); the figure is the open, the app and the first frame.
    let actor = common::actor(&mut Store::open(&path).unwrap());
    g.bench_function("open_1m_first_frame", |b| {
        b.iter(|| {
            let store = Store::open(&path).unwrap();
            let mut app = App::signed_in(store, actor.clone(), Lang::Vi, clock()).unwrap();
            app.viewport = (200, 50);
            let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
            draw(&mut term, &app);
        })
    });
    let store = Store::open(&path).unwrap();
    let mut app = App::signed_in(store, actor, Lang::Vi, clock()).unwrap();
    app.viewport = (200, 50);
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let mut back = true;
    g.bench_function("day_change_1m", |b| {
        b.iter(|| {
            app.handle_key(key(if back { '[' } else { ']' }));
            back = !back;
            draw(&mut term, &app)
        })
    });
    g.finish();
}

criterion_group!(log_pane, benches);
criterion_main!(log_pane);
