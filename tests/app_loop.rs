//! The whole app driven through its event loop on a `TestBackend`: terminal events and the
//! lookup worker's results come through the same channel as in the real terminal.

mod common;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event as TermEvent, KeyCode};
use tiepdan::app::job::Event as JobEvent;
use tiepdan::app::lookup::{Found, Part};
use tiepdan::app::{App, Msg};
use tiepdan::i18n::Lang;
use tiepdan::store::{LookupResults, Store};
use tiepdan::tui::{self, Event};

fn book() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    save(
        &mut store,
        &officer,
        &valid(&draft("Trần Văn Đức", "001085012345")),
    );
    (dir, path)
}

fn screen(t: &Terminal<TestBackend>) -> String {
    format!("{}", t.backend())
}

#[test]
fn the_loop_runs_the_app_with_its_lookup_worker() {
    let (_dir, path) = book();
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    let (tx, rx) = mpsc::channel();
    tui::attach_workers(&mut app, &tx);
    assert!(
        app.jobs.lookup.is_threaded(),
        "a book on file gets a lane with its own connection"
    );
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    for c in "/tran van duc".chars() {
        tx.send(Event::Term(TermEvent::Key(key(KeyCode::Char(c)))))
            .unwrap();
    }
    // Keys are applied one per turn; results arrive when the worker has them.
    let started = Instant::now();
    while !screen(&term).contains("Công dân (1)") {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no results; screen:\n{}",
            screen(&term)
        );
        assert!(tui::step(&mut term, &mut app, &rx, Some(Duration::from_millis(20))).unwrap());
    }
    let s = screen(&term);
    assert!(
        s.contains("/ tran van duc"),
        "the typed text is echoed:\n{s}"
    );
    assert!(s.contains("Trần Văn Đức"), "{s}");
    assert_eq!(
        app.lookup.query, "tran van duc",
        "the results are for the newest text"
    );
    // Esc closes the box; q quits and the loop ends.
    tx.send(Event::Term(TermEvent::Key(key(KeyCode::Esc))))
        .unwrap();
    tx.send(Event::Term(TermEvent::Key(key(KeyCode::Char('q')))))
        .unwrap();
    let mut turns = 0;
    while tui::step(&mut term, &mut app, &rx, Some(Duration::from_millis(20))).unwrap() {
        turns += 1;
        assert!(turns < 100, "the loop did not end");
    }
    assert!(app.should_quit);
}

#[test]
fn results_of_an_older_query_are_never_shown() {
    let (_dir, path) = book();
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    app.handle_key(key(KeyCode::Char('/')));
    type_str(&mut app, "tran");
    let generation = app.lookup.generation;
    assert_eq!(app.lookup.results.citizens.len(), 1);
    type_str(&mut app, " van");
    // The answer to "tran" arrives late, after " van" was typed: dropped.
    let ticket = app.jobs.lookup.ask_ticket();
    app.apply(Msg::Lookup(
        ticket,
        Box::new(JobEvent::Out(Found {
            generation,
            query: "tran".into(),
            part: Part::First(LookupResults::default()),
        })),
    ));
    assert_eq!(app.lookup.query, "tran van");
    assert_eq!(app.lookup.results.citizens.len(), 1);
}

/// Turns of the loop until `done` holds (10 s at most).
fn until(
    term: &mut Terminal<TestBackend>,
    app: &mut App,
    rx: &mpsc::Receiver<Event>,
    what: &str,
    done: impl Fn(&App, &str) -> bool,
) {
    let started = Instant::now();
    while !done(app, &screen(term)) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{what}; screen:\n{}",
            screen(term)
        );
        assert!(tui::step(term, app, rx, Some(Duration::from_millis(20))).unwrap());
    }
}

/// Many namesakes through the loop: the first rows come from the worker, their true count
/// after them, and `PgDn` at the end of the rows held brings the next page from the worker.
#[test]
fn the_worker_sends_rows_then_counts_then_further_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        let officer = store_with_officer(&mut store);
        for i in 0..90 {
            let mut d = draft("Lê Thị Hoa", &format!("0011900{i:05}"));
            d.phone = format!("09130{i:05}");
            d.handling = "huong_dan".into();
            save(&mut store, &officer, &valid(&d));
        }
    }
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    let (tx, rx) = mpsc::channel();
    tui::attach_workers(&mut app, &tx);
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    for c in "/le thi hoa".chars() {
        tx.send(Event::Term(TermEvent::Key(key(KeyCode::Char(c)))))
            .unwrap();
    }
    until(&mut term, &mut app, &rx, "the count", |app, s| {
        app.lookup.query == "le thi hoa" && s.contains("Công dân (90)")
    });
    assert_eq!(app.lookup.results.citizens.len(), 8);
    assert!(screen(&term).contains("… còn 82 — PgDn xem tiếp"));
    // PgDn past the last row held: the next page, from the worker.
    tx.send(Event::Term(TermEvent::Key(key(KeyCode::PageDown))))
        .unwrap();
    until(&mut term, &mut app, &rx, "the next page", |app, _| {
        app.lookup.results.citizens.len() == 58
    });
    assert_eq!(app.lookup.selected, 8, "the first row of the new page");
    assert!(app.lookup.results.citizens.has_more());
}

/// A key's lookup goes to the worker only once the frame that echoes the key is drawn, so a
/// woken worker never delays the echo.
#[test]
fn a_key_is_drawn_before_its_lookup_goes_to_the_worker() {
    let (_dir, path) = book();
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    let (tx, rx) = mpsc::channel();
    tui::attach_workers(&mut app, &tx);
    app.handle_key(key(KeyCode::Char('/')));
    app.handle_key(key(KeyCode::Char('t')));
    assert!(
        app.jobs.lookup.has_unsent(),
        "kept until the frame is drawn"
    );
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    assert!(tui::step(&mut term, &mut app, &rx, Some(Duration::from_millis(1))).unwrap());
    assert!(screen(&term).contains("/ t"), "{}", screen(&term));
    assert!(!app.jobs.lookup.has_unsent(), "handed over right after it");
    until(&mut term, &mut app, &rx, "the results", |app, _| {
        app.lookup.query == "t"
    });
}
