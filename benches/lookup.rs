//! Lookup at scale (issue 9), on the 1,000,000-visit demo database: what an officer waits
//! for, keystroke by keystroke, over queries typed as officers type them — full common names
//! ("nguyen thi lan", "tran van"), names of citizens drawn from the book (without and with
//! diacritics, with a year of birth, an address word, the last digits of their ID), phones
//! in two formats, an ID whole and by its last digits, case codes with and without dashes
//! and by a fragment, address and content words — and every one-letter first key.
//!
//! Printed (p50 / p95 / p99 / max, and the slowest keystroke):
//! - `rows`: the query's first rows of every section (citizens, cases, visits) read on a
//!   read-only connection as the worker reads them, applied to the app, and the lookup
//!   overlay drawn on a 100×30 TestBackend — the time until the officer sees the people.
//!   Goal: p95 < 20 ms, p99 < 40 ms.
//! - `counts`: the worker's second step, the true count of every section that has more
//!   rows than shown (the sections' headings fill in after the rows).
//! - `echo`: the UI thread's share of a keystroke with the worker running — the key applied
//!   and the frame drawn, then (as the event loop does) the job handed to the worker, which
//!   interrupts what it was running; nothing waits for results; and
//!   `results`: a worker's message applied and the frame drawn. Goal: < 5 ms always. As a
//!   control, the same frame drawn again with nothing asked: on a busy machine its outliers
//!   are the scheduler's, not the app's.
//!
//! Then criterion timings of a few single queries, and the index's size.
//!
//! Run: `cargo bench --bench lookup` (`LOOKUP_SLOWEST=1` lists the slowest keystrokes).
//!
//! First, `long_paste` (issue 22.7): a page pasted into the box — 700 and 5,000 words —
//! understood and planned (all three kinds), then looked up on a 100,000-visit demo book:
//! bounded (`MAX_QUERY_CHARS`, `MAX_CLUES`), it ends in milliseconds and megabytes where 800
//! words took over a minute and 8 GB. The peak memory of the process is printed after it.
//! `LOOKUP_BENCH=paste cargo bench --bench lookup` runs only this part.

mod common;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{day, demo_db, million_db};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use tiepdan::app::job::Event as JobEvent;
use tiepdan::app::lookup::{Found, PER_GROUP, Part};
use tiepdan::app::{App, Msg};
use tiepdan::domain::lookup::parse;
use tiepdan::domain::text::fold;
use tiepdan::store::{Kind, Store};
use tiepdan::tui::{self, Event};

fn clock() -> tiepdan::app::Clock {
    Box::new(|| day().and_hms_opt(16, 50, 0).unwrap())
}

/// A citizen drawn from the book.
struct Drawn {
    name: String,
    year: Option<i32>,
    id: Option<String>,
    ward: String,
}

fn drawn(store: &Store, n: usize) -> Vec<Drawn> {
    store
        .inspect(
            "SELECT full_name, birth_year, id_number, address FROM citizens
             WHERE id % 15013 = 11 AND id_number IS NOT NULL ORDER BY id LIMIT ?1",
            [n as i64],
            |r| {
                let address: String = r.get(3)?;
                Ok(Drawn {
                    name: r.get(0)?,
                    year: r.get(1)?,
                    id: r.get(2)?,
                    // "Số 12 phố Kim Mã, phường Ba Đình, Hà Nội" → "Ba Đình"
                    ward: address
                        .split(", ")
                        .nth(1)
                        .map(|w| w.split(' ').skip(1).collect::<Vec<_>>().join(" "))
                        .unwrap_or_default(),
                })
            },
        )
        .unwrap()
}

/// The queries, whole.
fn queries(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = [
        "nguyen thi lan",
        "tran van",
        "nguyen van nam",
        "le thi hoa",
        "duong van cuong",
        "ho thanh quang",
        "pham thi huong 1975",
        "lan 4321",
        "doi can ba dinh",
        "thu hoi dat nong nghiep",
        "boi thuong",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (i, c) in drawn(store, 24).iter().enumerate() {
        let folded = fold(&c.name);
        let given = folded.rsplit(' ').next().unwrap_or("").to_owned();
        let id = c.id.clone().unwrap_or_default();
        out.push(match i % 6 {
            0 => folded,
            1 => c.name.clone(),
            2 => format!("{folded} {}", c.year.unwrap_or(1980)),
            3 => format!("{folded} {}", fold(&c.ward)),
            4 => format!("{given} {}", &id[id.len().saturating_sub(4)..]),
            _ => id[id.len().saturating_sub(6)..].to_owned(),
        });
    }
    let (id, phone): (String, String) = store
        .inspect(
            "SELECT id_number, phone FROM citizens
             WHERE id_number IS NOT NULL AND phone IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
        .remove(0);
    let code: String = store
        .inspect_one("SELECT code FROM cases ORDER BY id DESC LIMIT 1", [])
        .unwrap();
    out.push(format!("{} {} {}", &phone[..4], &phone[4..7], &phone[7..]));
    out.push(format!("+84{}", &phone[1..]));
    out.push(id.clone());
    out.push(code.clone());
    out.push(code.replace('-', "").to_lowercase());
    out.push(code[code.len() - 7..].to_lowercase());
    out
}

/// Every keystroke of the queries (each prefix), and every one-letter first key.
fn keystrokes(queries: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for q in queries {
        let chars: Vec<char> = q.chars().collect();
        for i in 1..=chars.len() {
            out.push(chars[..i].iter().collect());
        }
    }
    for c in "abcdeghiklmnopqrstuvxy0123456789".chars() {
        out.push(c.to_string());
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Print a distribution: p50, p95, p99, max and what took longest.
fn report(what: &str, mut times: Vec<(Duration, String)>) {
    times.sort_by_key(|t| t.0);
    if std::env::var_os("LOOKUP_SLOWEST").is_some() {
        for t in times.iter().rev().take(40) {
            eprintln!("  {:.2} ms {:?}", ms(t.0), t.1);
        }
    }
    let d: Vec<Duration> = times.iter().map(|t| t.0).collect();
    let worst = times.last().cloned().unwrap_or_default();
    eprintln!(
        "{what} over {} keystrokes: p50 {:.2} ms · p95 {:.2} ms · p99 {:.2} ms · max {:.2} ms ({:?})",
        d.len(),
        ms(percentile(&d, 0.50)),
        ms(percentile(&d, 0.95)),
        ms(percentile(&d, 0.99)),
        ms(worst.0),
        worst.1
    );
}

fn draw(t: &mut Terminal<TestBackend>, app: &App) {
    t.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// The peak resident memory of this process so far (Linux), in MB.
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// A page pasted into the lookup box: words of names, addresses, numbers and codes.
fn pasted(words: usize) -> String {
    let pool = [
        "nguyen", "thi", "lan", "tran", "van", "duc", "1985", "kim", "ma", "ba", "dinh", "0912",
        "345", "678", "kn-2026", "dat", "dai", "thu", "hoi", "khieu", "nai",
    ];
    pool.iter()
        .cycle()
        .take(words)
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn long_paste(c: &mut Criterion) {
    let store = Store::open(&demo_db(100_000)).unwrap();
    let reader = store.reader().unwrap();
    let mut g = c.benchmark_group("long_paste");
    g.sample_size(30);
    for words in [700, 5_000] {
        let text = pasted(words);
        g.bench_function(format!("parse_and_plan_{words}_words"), |b| {
            b.iter(|| {
                let q = parse(&text);
                Kind::ALL.map(|k| q.plan(k))
            })
        });
        let q = parse(&text);
        let size: usize = Kind::ALL
            .iter()
            .filter_map(|k| q.plan(*k))
            .map(|p| p.all.len() + p.ranks.iter().map(String::len).sum::<usize>())
            .sum();
        eprintln!(
            "{words} words: {} clues, plans of {} bytes for 3 kinds",
            q.clue_count(),
            size
        );
        g.bench_function(format!("first_rows_{words}_words_100k_book"), |b| {
            b.iter(|| reader.lookup_first(&q, PER_GROUP).unwrap())
        });
    }
    g.finish();
    if let Some(mb) = peak_mb() {
        eprintln!("peak memory of the bench process: {mb} MB");
    }
}

fn benches(c: &mut Criterion) {
    if std::env::var("LOOKUP_BENCH").is_ok_and(|v| v == "paste") {
        return;
    }
    let path = million_db();
    let store = Store::open(&path).unwrap();
    let reader = store.reader().unwrap();
    let size: Option<i64> = store
        .inspect_one(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'lookup%'",
            [],
        )
        .ok();
    let rows: Vec<i64> = ["lookup_citizens", "lookup_cases", "lookup_visits"]
        .iter()
        .map(|t| {
            store
                .inspect_one(&format!("SELECT count(*) FROM {t}"), [])
                .unwrap()
        })
        .collect();
    eprintln!(
        "lookup index: {} citizens, {} cases, {} visits; {}",
        rows[0],
        rows[1],
        rows[2],
        size.map(|s| format!("{} MB", s / 1_000_000))
            .unwrap_or_else(|| "size: dbstat not available".into())
    );
    let queries = queries(&store);
    let keys = keystrokes(&queries);
    eprintln!("{} queries, e.g. {:?}", queries.len(), &queries[11..17]);

    // Rows: query + the app's state + the frame; counts apart. Three rounds.
    let mut app = common::signed_in_app(store, clock());
    app.viewport = (100, 30);
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    app.handle_key(key('/'));
    assert!(matches!(
        app.overlays.last(),
        Some(tiepdan::app::Overlay::Lookup)
    ));
    let mut rows_t = Vec::new();
    let mut counts_t = Vec::new();
    for _ in 0..3 {
        for q in &keys {
            let started = Instant::now();
            app.lookup.input = TextArea::from([q.clone()]);
            app.lookup.generation += 1;
            app.lookup.asked = q.clone();
            let parsed = parse(q);
            let r = reader.lookup_first(&parsed, PER_GROUP).unwrap();
            let uncounted: Vec<Kind> = Kind::ALL
                .into_iter()
                .filter(|k| r.counts(*k).0.is_none())
                .collect();
            app.apply(Msg::Lookup(
                app.jobs.lookup.ask_ticket(),
                Box::new(JobEvent::Out(Found {
                    generation: app.lookup.generation,
                    query: q.clone(),
                    part: Part::First(r),
                })),
            ));
            draw(&mut term, &app);
            rows_t.push((started.elapsed(), q.clone()));
            let started = Instant::now();
            for kind in uncounted {
                std::hint::black_box(reader.lookup_count(&parsed, kind).unwrap());
            }
            counts_t.push((started.elapsed(), q.clone()));
        }
    }
    report(
        "rows (first rows of 3 sections + app + 100x30 frame)",
        rows_t,
    );
    report("counts (true count of each section with more)", counts_t);

    // Echo: the same keystrokes typed into the app with its worker, a key every 40 ms
    // (a fast typist); what arrives meanwhile is applied and drawn, timed apart.
    let (tx, rx) = mpsc::channel();
    tui::attach_workers(&mut app, &tx);
    let mut echo = Vec::new();
    let mut redraw = Vec::new();
    let mut results = Vec::new();
    for q in &queries {
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        app.handle_key(key('/'));
        app.dispatch();
        for ch in q.chars() {
            let started = Instant::now();
            app.handle_key(key(ch));
            draw(&mut term, &app);
            echo.push((started.elapsed(), app.lookup.text()));
            // As the event loop does: the job goes to the worker once the echo is drawn.
            app.dispatch();
            // The same frame drawn again, nothing else asked: what this machine's load alone
            // adds to a few hundred microseconds of work.
            let started = Instant::now();
            draw(&mut term, &app);
            redraw.push((started.elapsed(), app.lookup.text()));
            let until = Instant::now() + Duration::from_millis(40);
            while let Ok(ev) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
                if let Event::App(msg) = ev {
                    let started = Instant::now();
                    app.apply(msg);
                    draw(&mut term, &app);
                    results.push((started.elapsed(), app.lookup.text()));
                }
            }
        }
    }
    report("echo (key applied + frame, worker running)", echo);
    report("redraw alone, as a control", redraw);
    report("results (a worker's message applied + frame)", results);

    let mut g = c.benchmark_group("lookup");
    g.sample_size(30);
    for (name, q) in [
        ("one_letter_n", "n"),
        ("six_letters_nguyen", "nguyen"),
        ("six_letters_truong", "truong"),
        ("nguyen_thi_lan", "nguyen thi lan"),
        ("nguyen_thi_lan_1985", "nguyen thi lan 1985"),
        ("tran_van_", "tran van "),
        ("last_4_digits_4321", "4321"),
        ("address_words", "doi can ba dinh"),
        ("case_code_prefix", "kn2026"),
    ] {
        let parsed = parse(q);
        g.bench_function(format!("first_rows_{name}"), |b| {
            b.iter(|| reader.lookup_first(&parsed, PER_GROUP).unwrap())
        });
        g.bench_function(format!("count_citizens_{name}"), |b| {
            b.iter(|| reader.lookup_count(&parsed, Kind::Citizens).unwrap())
        });
    }
    g.finish();
}

criterion_group!(paste, long_paste);
criterion_group!(lookup, benches);
criterion_main!(paste, lookup);
