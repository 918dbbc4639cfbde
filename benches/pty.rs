//! What the officer waits for, measured as the officer sees it (issue 28): the release binary
//! in a pseudo-terminal at 200×50 on the 1,000,000-visit demo book, driven by keystrokes and
//! read by a terminal emulator (vt100) that timestamps every byte. Each figure runs from the
//! key written to the last byte of the redraw it causes (the first frame: from the process
//! start); the lookup's, from the key to the frame whose rows are the new query's (checked
//! against the rows the library finds and draws for it at 200×50), and to the frame where no
//! section says "đang đếm…" any more. Then the command line as whole processes.
//!
//! Slow (minutes) and needs the book, so it runs only when asked:
//! `TIEPDAN_PTY=1 cargo bench --bench pty`. `TIEPDAN_BIN` names the binary to measure (by
//! default this build's release binary: `cargo build --release` first), `TIEPDAN_BENCH_1M` a
//! book (by default the benches' own 1,000,000-visit demo), `TIEPDAN_PTY_ONLY` a comma list
//! of parts (launch, day, panes, lookup, report, cli), `TIEPDAN_PTY_QUERIES` how many lookup
//! queries (default 14). The load average is printed beside every figure: the figures are
//! wall-clock times on a machine that others share.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiepdan::app::{App, Overlay};
use tiepdan::i18n::Lang;
use tiepdan::store::{Role, Store};

const COLS: u16 = 200;
const ROWS: u16 = 50;
const TIMEOUT: Duration = Duration::from_secs(20);

type Test = Box<dyn Fn(&vt100::Screen) -> bool + Send>;

/// A condition on the screen, and when a byte first made it true.
struct Probe {
    test: Test,
    hit: Option<Instant>,
}

struct Seen {
    parser: vt100::Parser,
    /// When the last byte came, and how many in all.
    last: Option<Instant>,
    bytes: u64,
    probes: Vec<Probe>,
    ended: bool,
}

struct Tui {
    seen: Arc<(Mutex<Seen>, Condvar)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    started: Instant,
}

impl Tui {
    fn start(bin: &Path, db: &Path) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(bin);
        cmd.arg("--db");
        cmd.arg(db);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("TIEPDAN_LANG");
        let seen = Arc::new((
            Mutex::new(Seen {
                parser: vt100::Parser::new(ROWS, COLS, 0),
                last: None,
                bytes: 0,
                probes: Vec::new(),
                ended: false,
            }),
            Condvar::new(),
        ));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&seen);
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("tiepdan starts");
        drop(pair.slave);
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let now = Instant::now();
                let (m, cv) = &*sink;
                let mut s = m.lock().unwrap();
                if n == 0 {
                    s.ended = true;
                    cv.notify_all();
                    return;
                }
                s.parser.process(&buf[..n]);
                s.last = Some(now);
                s.bytes += n as u64;
                let Seen { parser, probes, .. } = &mut *s;
                for p in probes.iter_mut().filter(|p| p.hit.is_none()) {
                    if (p.test)(parser.screen()) {
                        p.hit = Some(now);
                    }
                }
                cv.notify_all();
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Tui {
            seen,
            writer,
            child,
            _master: pair.master,
            started,
        }
    }

    fn screen(&self) -> String {
        self.seen.0.lock().unwrap().parser.screen().contents()
    }

    /// Watch for a condition from now on (set before the key that should bring it).
    fn probe(&self, test: impl Fn(&vt100::Screen) -> bool + Send + 'static) -> usize {
        let mut s = self.seen.0.lock().unwrap();
        let hit = test(s.parser.screen()).then(Instant::now);
        s.probes.push(Probe {
            test: Box::new(test),
            hit,
        });
        s.probes.len() - 1
    }

    /// When the probe came true (None: not within the timeout).
    fn wait_probe(&self, id: usize, timeout: Duration) -> Option<Instant> {
        let (m, cv) = &*self.seen;
        let until = Instant::now() + timeout;
        let mut s = m.lock().unwrap();
        loop {
            if let Some(t) = s.probes[id].hit {
                return Some(t);
            }
            let now = Instant::now();
            if now >= until || s.ended {
                return None;
            }
            s = cv.wait_timeout(s, until - now).unwrap().0;
        }
    }

    fn clear_probes(&self) {
        self.seen.0.lock().unwrap().probes.clear();
    }

    /// Write keys; returns when they were written.
    fn send(&mut self, keys: &str) -> Instant {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        Instant::now()
    }

    /// Wait until no byte came for `quiet`; the time of the last byte after `since` (None:
    /// none came within the timeout).
    fn quiet_after(&self, since: Instant, quiet: Duration) -> Option<Instant> {
        let (m, _) = &*self.seen;
        let until = Instant::now() + TIMEOUT;
        loop {
            let last = m.lock().unwrap().last;
            let now = Instant::now();
            match last {
                Some(t) if t >= since && now.duration_since(t) >= quiet => return Some(t),
                _ if now >= until => return last.filter(|t| *t >= since),
                _ => std::thread::sleep(Duration::from_millis(2)),
            }
        }
    }

    /// Wait until the screen shows `text` (panics with the screen if it never does).
    fn wait_text(&self, text: &str) {
        let t = text.to_owned();
        let id = self.probe(move |s| s.contents().contains(&t));
        if self.wait_probe(id, TIMEOUT).is_none() {
            panic!("no {text:?} on the screen:\n{}", self.screen());
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// Print a distribution: median, p95, max (and how many), with the load average.
fn report(what: &str, mut v: Vec<Duration>) {
    if v.is_empty() {
        eprintln!("{what}: nothing measured");
        return;
    }
    v.sort();
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    eprintln!(
        "{what}: median {:.1} ms · p95 {:.1} ms · max {:.1} ms (n = {}; load {})",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(*v.last().unwrap()),
        v.len(),
        load()
    );
}

fn bin() -> PathBuf {
    let bin = std::env::var_os("TIEPDAN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/tiepdan")
        });
    std::path::absolute(&bin).unwrap_or(bin)
}

fn db() -> PathBuf {
    match std::env::var_os("TIEPDAN_BENCH_1M") {
        Some(p) => PathBuf::from(p),
        None => common::million_db(),
    }
}

fn wanted(part: &str) -> bool {
    std::env::var("TIEPDAN_PTY_ONLY").map_or(true, |v| v.split(',').any(|p| p == part))
}

/// The officer the benches sign in as (their PIN is `common::PIN`).
fn officer_name(db: &Path) -> String {
    let store = Store::open_read_only(db).unwrap();
    store
        .officers()
        .unwrap()
        .into_iter()
        .find(|o| o.roles.has(Role::Receiver))
        .expect("a receiving officer")
        .full_name
}

/// At the sign-in screen: choose the benches' officer and type the PIN; returns when Enter
/// was written.
fn sign_in(t: &mut Tui, name: &str) -> Instant {
    t.wait_text("Mã PIN");
    let chosen = format!("▶ {name}");
    for _ in 0..50 {
        if t.screen().contains(&chosen) {
            break;
        }
        let at = t.send("\x1b[B");
        t.quiet_after(at, Duration::from_millis(30));
    }
    assert!(t.screen().contains(&chosen), "{}", t.screen());
    t.send(common::PIN);
    t.send("\r")
}

/// The first frame of the sign-in screen, from the process start; and the sign-in (the
/// Argon2 verification included) to the log's frame.
fn launch(bin: &Path, db: &Path, name: &str) {
    let mut first = Vec::new();
    let mut signed = Vec::new();
    for i in 0..16 {
        let mut t = Tui::start(bin, db);
        let id = t.probe(|s| s.contents().contains("Mã PIN"));
        t.wait_probe(id, TIMEOUT).expect("the sign-in screen");
        let last = t.quiet_after(t.started, Duration::from_millis(80)).unwrap();
        // The first run fills the page cache.
        if i > 0 {
            first.push(last - t.started);
        }
        let enter = sign_in(&mut t, name);
        let id = t.probe(|s| s.contents().contains("Sổ tiếp"));
        t.wait_probe(id, TIMEOUT).expect("the log");
        if let Some(last) = t.quiet_after(enter, Duration::from_millis(80)) {
            signed.push(last - enter);
        }
    }
    report("launch: first frame (the sign-in screen)", first);
    report(
        "launch: Enter on the PIN to the log's frame (Argon2 verify included)",
        signed,
    );
}

/// A started app, signed in, the idle turns done.
fn started(bin: &Path, db: &Path, name: &str) -> Tui {
    let mut t = Tui::start(bin, db);
    let enter = sign_in(&mut t, name);
    t.quiet_after(enter, Duration::from_millis(300));
    std::thread::sleep(Duration::from_millis(500));
    t.clear_probes();
    t
}

/// A key and the last byte of its redraw.
fn key_to_quiet(t: &mut Tui, key: &str, quiet: Duration) -> Option<Duration> {
    let at = t.send(key);
    t.quiet_after(at, quiet).map(|last| last - at)
}

fn days(bin: &Path, db: &Path, name: &str) {
    let mut t = started(bin, db, name);
    // Back to the book's last day (the demo ends on 24/11/2026), then a day back and forth.
    for _ in 0..40 {
        if t.screen().contains("24/11/2026") {
            break;
        }
        key_to_quiet(&mut t, "[", Duration::from_millis(40));
    }
    let mut v = Vec::new();
    for i in 0..60 {
        let k = if i % 2 == 0 { "[" } else { "]" };
        if let Some(d) = key_to_quiet(&mut t, k, Duration::from_millis(60)) {
            v.push(d);
        }
    }
    report("`[` `]` a day back or forward", v);
}

fn panes(bin: &Path, db: &Path, name: &str) {
    let mut t = started(bin, db, name);
    let mut v = Vec::new();
    for i in 0..60 {
        let k = ["2", "3", "1"][i % 3];
        if let Some(d) = key_to_quiet(&mut t, k, Duration::from_millis(60)) {
            v.push(d);
        }
    }
    report("a pane switch `1` `2` `3`", v);
}

/// The queries typed into the lookup (a subset of `benches/lookup.rs`'s kinds).
fn queries(db: &Path, n: usize) -> Vec<String> {
    let store = Store::open_read_only(db).unwrap();
    let mut out: Vec<String> = [
        "nguyen thi lan",
        "tran van",
        "le thi hoa",
        "pham thi huong 1975",
        "lan 4321",
        "doi can ba dinh",
        "thu hoi dat nong nghiep",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let names: Vec<(String, String)> = store
        .inspect(
            "SELECT full_name, id_number FROM citizens
             WHERE id % 15013 = 11 AND id_number IS NOT NULL ORDER BY id LIMIT 4",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    for (i, (name, id)) in names.iter().enumerate() {
        out.push(if i % 2 == 0 {
            tiepdan::domain::text::fold(name)
        } else {
            name.clone()
        });
        if i == 1 {
            out.push(id[id.len() - 6..].to_owned());
        }
    }
    let (phone, code): (String, String) = store
        .inspect(
            "SELECT (SELECT phone FROM citizens WHERE phone IS NOT NULL ORDER BY id DESC LIMIT 1),
                    (SELECT code FROM cases ORDER BY id DESC LIMIT 1)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
        .remove(0);
    out.push(format!("{} {} {}", &phone[..4], &phone[4..7], &phone[7..]));
    out.push(code.replace('-', "").to_lowercase());
    out.truncate(n);
    out
}

/// The lines of the results (rows and "more" lines, not the section headings, whose counts
/// come later) as the app draws them at 200×50 once every answer is in: the app itself,
/// with its lookups inline, on the same book and the same clock.
fn expected(app: &mut App, term: &mut Terminal<TestBackend>, typed: &str) -> Vec<String> {
    app.lookup = Default::default();
    for c in typed.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    term.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
    let buf = term.backend().buffer();
    (0..ROWS)
        .map(|y| {
            (1..COLS - 1)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// The rows of the screen that hold results: under the box's two lines. A section's heading
/// and its "… còn N" line carry its count, which comes after the rows: left out.
fn rows_match(screen: &vt100::Screen, want: &[String]) -> bool {
    let got = screen.rows(1, COLS - 2).collect::<Vec<_>>();
    let result_line = |l: &str| {
        let t = l.trim_start_matches('│').trim_start();
        !(t.starts_with("Công dân")
            || t.starts_with("Vụ việc")
            || t.starts_with("Lượt tiếp")
            || t.starts_with("… còn"))
    };
    want.iter()
        .zip(got.iter())
        .skip(3)
        .take(ROWS as usize - 5)
        .filter(|(w, _)| result_line(w))
        .all(|(w, g)| w.trim_end() == g.trim_end())
}

fn lookup(bin: &Path, db: &Path, name: &str) {
    let n: usize = std::env::var("TIEPDAN_PTY_QUERIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(14);
    let qs = queries(db, n);
    // The app as the binary shows it, today being today.
    let mut store = Store::open(db).unwrap();
    let actor = common::actor(&mut store);
    let mut app = App::signed_in(
        store,
        actor,
        Lang::Vi,
        Box::new(|| chrono::Local::now().naive_local()),
    )
    .unwrap();
    app.viewport = (COLS, ROWS);
    // A form a killed window left is offered at sign-in: put off ("later"), as the binary's
    // first Esc below does.
    for _ in 0..app.overlays.len() {
        app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    }
    app.handle_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    assert!(matches!(app.overlays.last(), Some(Overlay::Lookup)));
    let mut term = Terminal::new(TestBackend::new(COLS, ROWS)).unwrap();

    let mut t = started(bin, db, name);
    let mut rows = Vec::new();
    let mut counts = Vec::new();
    let mut missed = 0;
    for q in &qs {
        t.send("\x1b");
        // Apart: an Esc and a key in one read are Alt and the key.
        std::thread::sleep(Duration::from_millis(80));
        let at = t.send("/");
        t.quiet_after(at, Duration::from_millis(60));
        let chars: Vec<char> = q.chars().collect();
        for i in 1..=chars.len() {
            let typed: String = chars[..i].iter().collect();
            let want = expected(&mut app, &mut term, &typed);
            t.clear_probes();
            let echo = format!("/ {typed}");
            let w = want.clone();
            let e = echo.clone();
            let rows_id =
                t.probe(move |s| s.contents_between(1, 0, 3, 0).contains(&e) && rows_match(s, &w));
            let counted_id = t.probe(move |s| {
                let c = s.contents();
                c.contains(&echo) && !c.contains("đang đếm…") && rows_match(s, &want)
            });
            let at = t.send(&chars[i - 1].to_string());
            match t.wait_probe(rows_id, Duration::from_secs(5)) {
                Some(hit) => rows.push(hit - at),
                None => missed += 1,
            }
            if let Some(hit) = t.wait_probe(counted_id, Duration::from_secs(5)) {
                counts.push(hit - at);
            }
            t.quiet_after(at, Duration::from_millis(40));
        }
    }
    if missed > 0 {
        eprintln!("lookup: {missed} keystrokes whose rows never matched the library's");
    }
    report(
        &format!(
            "lookup: the new rows on screen after a key ({} queries)",
            qs.len()
        ),
        rows,
    );
    report("lookup: true counts on screen", counts);
}

fn counting(s: &vt100::Screen) -> bool {
    let c = s.contents();
    c.contains("đang tính") || c.contains("Đang tính")
}

fn report_pane(bin: &Path, db: &Path, name: &str) {
    let mut first = Vec::new();
    let mut shown = Vec::new();
    let mut echo = Vec::new();
    let mut year = Vec::new();
    for _ in 0..5 {
        let mut t = started(bin, db, name);
        // `5`: the pane's first frame (counting, or the report once counted), then the
        // quarter's report.
        let id = t.probe(|s| {
            let c = s.contents();
            c.contains("Đang tính báo cáo") || c.contains("Báo cáo — ")
        });
        let done = t.probe(|s| s.contents().contains("Báo cáo — Quý") && !counting(s));
        let at = t.send("5");
        if let Some(hit) = t.wait_probe(id, TIMEOUT) {
            first.push(hit - at);
        }
        if let Some(hit) = t.wait_probe(done, TIMEOUT) {
            shown.push(hit - at);
        }
        t.quiet_after(at, Duration::from_millis(100));
        // `p` to 6 months, 9 months, then the year.
        let next = |t: &mut Tui| {
            let id = t.probe(|s| !counting(s) && s.contents().contains("Báo cáo — "));
            let at = t.send("p");
            t.wait_probe(id, TIMEOUT);
            t.quiet_after(at, Duration::from_millis(100));
        };
        next(&mut t);
        next(&mut t);
        t.clear_probes();
        let done = t.probe(|s| s.contents().contains("Báo cáo — Năm 2026") && !counting(s));
        let at = t.send("p");
        match t.wait_probe(done, TIMEOUT) {
            Some(hit) => year.push(hit - at),
            None => eprintln!("no year's report on the screen:\n{}", t.screen()),
        }
        t.quiet_after(at, Duration::from_millis(100));
        // Round again (month, quarter, 6 and 9 months), then `?` pressed 30 ms after the
        // `p` that asks for the year.
        for _ in 0..4 {
            next(&mut t);
        }
        t.clear_probes();
        let help = t.probe(|s| s.contents().contains("Phím tắt — "));
        t.send("p");
        std::thread::sleep(Duration::from_millis(30));
        let k = t.send("?");
        if let Some(hit) = t.wait_probe(help, TIMEOUT) {
            echo.push(hit - k);
        }
    }
    report("report pane: `5` to its first frame", first);
    report("report pane: `5` to the quarter's report drawn", shown);
    report(
        "report pane: `?` pressed 30 ms after `p` (the year being counted), to the help drawn",
        echo,
    );
    report("report pane: `p` to the year's report drawn", year);
}

/// The command line, whole processes (best of warm runs, median, p95).
fn cli(bin: &Path, db: &Path) {
    let run = |args: &[&str]| {
        let t = Instant::now();
        let out = std::process::Command::new(bin)
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        t.elapsed()
    };
    for (what, args, n) in [
        ("`tiepdan lookup n`", &["lookup", "n"][..], 15),
        (
            "`tiepdan lookup nguyen thi lan`",
            &["lookup", "nguyen thi lan"],
            15,
        ),
        (
            "`tiepdan report --period 2026 --format json`",
            &["report", "--period", "2026", "--format", "json"],
            9,
        ),
    ] {
        run(args);
        let v = (0..n).map(|_| run(args)).collect();
        report(&format!("cli: {what}, whole process"), v);
    }
}

fn main() {
    if std::env::var_os("TIEPDAN_PTY").is_none() {
        eprintln!("pty: skipped (TIEPDAN_PTY=1 cargo bench --bench pty)");
        return;
    }
    let bin = bin();
    let db = db();
    assert!(bin.exists(), "no binary at {}", bin.display());
    let name = officer_name(&db);
    eprintln!(
        "pty: {} on {} (load {})",
        bin.display(),
        db.display(),
        load()
    );
    if wanted("launch") {
        launch(&bin, &db, &name);
    }
    if wanted("day") {
        days(&bin, &db, &name);
    }
    if wanted("panes") {
        panes(&bin, &db, &name);
    }
    if wanted("lookup") {
        lookup(&bin, &db, &name);
    }
    if wanted("report") {
        report_pane(&bin, &db, &name);
    }
    if wanted("cli") {
        cli(&bin, &db);
    }
}
