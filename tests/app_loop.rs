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

/// The reports pane never blocks the screen: `5` draws "đang tính…" at once and the report
/// follows from its lane; keys keep working meanwhile; a newer period replaces the one being
/// counted; leaving the pane drops what was being counted; the export is written off the
/// UI thread too.
#[test]
fn the_report_pane_counts_on_its_lane_and_never_blocks() {
    let (dir, path) = book();
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    let (tx, rx) = mpsc::channel();
    tui::attach_workers(&mut app, &tx);
    assert!(app.jobs.report.is_threaded() && app.jobs.export.is_threaded());
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let press = |c: KeyCode| tx.send(Event::Term(TermEvent::Key(key(c)))).unwrap();

    // `5`: the frame after it says the report is being counted (its job is handed to the
    // lane only after that frame).
    press(KeyCode::Char('5'));
    assert!(tui::step(&mut term, &mut app, &rx, Some(Duration::from_millis(1))).unwrap());
    assert!(app.reports.computing());
    assert!(
        app.jobs.report.has_unsent(),
        "asked, handed over after the frame"
    );
    assert!(tui::step(&mut term, &mut app, &rx, Some(Duration::from_millis(1))).unwrap());
    assert!(
        screen(&term).contains("Đang tính báo cáo…"),
        "{}",
        screen(&term)
    );
    until(
        &mut term,
        &mut app,
        &rx,
        "the quarter's report",
        |app, s| !app.reports.computing() && s.contains("Báo cáo — Quý IV năm 2026"),
    );
    let q4 = app.reports.report.clone().unwrap();

    // `[` twice in a row: the first period's job is replaced; only Q2 is shown.
    press(KeyCode::Char('['));
    press(KeyCode::Char('['));
    until(&mut term, &mut app, &rx, "the second quarter", |app, s| {
        !app.reports.computing() && s.contains("Báo cáo — Quý II năm 2026")
    });
    assert_eq!(app.reports.period.unwrap().code(), "2026-q2");
    assert!(!std::sync::Arc::ptr_eq(
        &q4,
        app.reports.report.as_ref().unwrap()
    ));

    // A key while counting: `?` opens the help at once.
    press(KeyCode::Char('['));
    press(KeyCode::Char('?'));
    until(&mut term, &mut app, &rx, "the help", |_, s| {
        s.contains("Phím tắt")
    });
    press(KeyCode::Esc);
    until(&mut term, &mut app, &rx, "the first quarter", |app, s| {
        !app.reports.computing() && s.contains("Báo cáo — Quý I năm 2026")
    });

    // `]` then `1` at once (both keys wait in the channel): the job asked for Q2 is made
    // stale by leaving the pane, and what it still sends is dropped.
    press(KeyCode::Char(']'));
    press(KeyCode::Char('1'));
    until(&mut term, &mut app, &rx, "the log", |app, _| {
        app.pane == tiepdan::app::Pane::Log
    });
    assert!(
        !app.reports.computing(),
        "the job of a pane left is dropped"
    );
    for _ in 0..10 {
        assert!(tui::step(&mut term, &mut app, &rx, Some(Duration::from_millis(20))).unwrap());
    }
    assert_eq!(
        app.reports.report.as_ref().map(|r| r.period.code()),
        None,
        "nothing of the stale job was taken"
    );
    assert_eq!(app.reports.period.unwrap().code(), "2026-q2");

    // Back on the pane: counted again; `x` writes the XLSX on the export lane.
    press(KeyCode::Char('5'));
    until(
        &mut term,
        &mut app,
        &rx,
        "the second quarter again",
        |app, s| !app.reports.computing() && s.contains("Báo cáo — Quý II năm 2026"),
    );
    press(KeyCode::Char('x'));
    until(&mut term, &mut app, &rx, "the export", |app, _| {
        app.status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("Đã xuất báo cáo ra"))
    });
    assert!(dir.path().join("bao-cao-2026-q2.xlsx").exists());
}

/// The log pane's `X` (issue 27): the day shown to XLSX on its lane, the path said when done,
/// the export on the book's record; a second export of the same days asks before replacing
/// the file; a range the prompt cannot read is said in the prompt.
#[test]
fn the_log_exports_the_book_off_the_ui_thread() {
    let (dir, path) = book();
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    let (tx, rx) = mpsc::channel();
    tui::attach_workers(&mut app, &tx);
    assert!(app.jobs.book.is_threaded());
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let press = |c: KeyCode| tx.send(Event::Term(TermEvent::Key(key(c)))).unwrap();
    let done = |app: &App| {
        app.status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("Đã xuất 1 lượt tiếp"))
    };

    press(KeyCode::Char('X'));
    until(&mut term, &mut app, &rx, "the prompt", |_, s| {
        s.contains("Xuất sổ") && s.contains("t: tháng")
    });
    for c in "hom kia".chars() {
        press(KeyCode::Char(c));
    }
    press(KeyCode::Enter);
    until(&mut term, &mut app, &rx, "the prompt's error", |_, s| {
        s.contains("Không hiểu \"hom kia\"")
    });
    for _ in 0..7 {
        press(KeyCode::Backspace);
    }
    press(KeyCode::Enter);
    until(&mut term, &mut app, &rx, "the export written", |app, _| {
        done(app)
    });
    let day = app.log.day.format("%Y%m%d");
    let file = dir
        .path()
        .join(format!("so-tiep-dan-{day}-{day}-tt04-2021.xlsx"));
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains(&file.display().to_string()),
        "the path is said"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the owner's only");
    }
    let first = std::fs::metadata(&file).unwrap().modified().unwrap();

    // The same days again: asked first; `n` leaves the file as it was.
    app.status = None;
    press(KeyCode::Char('X'));
    press(KeyCode::Enter);
    until(&mut term, &mut app, &rx, "the question", |_, s| {
        s.contains("Ghi đè?")
    });
    press(KeyCode::Char('n'));
    for _ in 0..10 {
        assert!(tui::step(&mut term, &mut app, &rx, Some(Duration::from_millis(20))).unwrap());
    }
    assert!(!done(&app));
    press(KeyCode::Char('X'));
    press(KeyCode::Enter);
    until(&mut term, &mut app, &rx, "the question", |_, s| {
        s.contains("Ghi đè?")
    });
    press(KeyCode::Char('y'));
    until(&mut term, &mut app, &rx, "the export replaced", |app, _| {
        done(app)
    });
    assert!(std::fs::metadata(&file).unwrap().modified().unwrap() >= first);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");

    // Both exports on the book's record.
    drop(app);
    let store = Store::open(&path).unwrap();
    let journal = store
        .journal_of(tiepdan::domain::journal::Entity::Book, "tt04-2021")
        .unwrap();
    assert_eq!(journal.len(), 2);
    assert_eq!(journal[1].op, tiepdan::domain::journal::Op::Export);
    assert_eq!(journal[1].after["rows"], 1);
}
