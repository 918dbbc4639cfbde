//! Regenerate `screenshots/*.svg` (the README's, the guides' and docs/developer.md's) from
//! the real rendering code and demo data:
//!
//! ```sh
//! cargo run --example screenshots
//! ```
//!
//! Each screen is drawn on ratatui's TestBackend (the same `ui::draw` the terminal uses) and
//! the buffer is written as SVG: one monospace cell per character, with colours and bold,
//! reverse and dim as the terminal would show them.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use tiepdan::app::App;
use tiepdan::demo::{DemoOptions, generate};
use tiepdan::i18n::Lang;
use tiepdan::store::Store;

const W: u16 = 140;
const H: u16 = 32;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date")
}

fn demo_app() -> App {
    let mut store = Store::open_in_memory().expect("in-memory store");
    generate(
        &mut store,
        &DemoOptions {
            visits: 3000,
            seed: 2026,
            end: day(),
        },
    )
    .expect("demo data");
    let mut app = App::new(
        store,
        Lang::Vi,
        Box::new(|| day().and_hms_opt(16, 50, 0).expect("valid time")),
    )
    .expect("app");
    app.viewport = (W, H);
    app
}

/// The demo book opens on the sign-in: its officers set their PIN at their first one.
fn sign_in(app: &mut App) {
    // Screenshots need no production-cost hashing (debug builds only; see store::pin).
    tiepdan::store::pin::use_cheap_cost_in_tests();
    for _ in 0..2 {
        type_str(app, "246810");
        press(app, KeyCode::Enter);
    }
    assert!(!app.is_locked(), "signed in");
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn shot(app: &App, name: &str) {
    let mut t = Terminal::new(TestBackend::new(W, H)).expect("terminal");
    t.draw(|f| tiepdan::ui::draw(f, app)).expect("draw");
    let svg = to_svg(t.backend().buffer());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots/");
    let path = dir.join(format!("{name}.svg"));
    std::fs::write(&path, svg).expect("write svg");
    println!("{}", path.display());
}

fn main() {
    let mut app = demo_app();
    shot(&app, "sign-in");
    sign_in(&mut app);
    shot(&app, "log");

    press(&mut app, KeyCode::Enter);
    shot(&app, "visit-detail");
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('n'));
    type_str(&mut app, "Trần Văn Đức");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "00108501234");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "0912 345 678");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "khieu");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "dat");
    shot(&app, "form");

    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    shot(&app, "form-errors");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));

    press(&mut app, KeyCode::Char('?'));
    shot(&app, "help");
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('l'));
    shot(&app, "queue");
    // A case with some history: the first one accepted and under resolution.
    let in_progress = app
        .queue
        .cases
        .iter()
        .position(|c| c.status == tiepdan::domain::case::CaseStatus::InProgress)
        .unwrap_or(0);
    for _ in 0..in_progress {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    shot(&app, "case");
    press(&mut app, KeyCode::Char('r'));
    shot(&app, "case-step");
    // Esc closes the open choice list, then the step form, then the case.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty(), "the case is closed");

    press(&mut app, KeyCode::Char('3'));
    shot(&app, "board");
    press(&mut app, KeyCode::Char('w'));
    shot(&app, "explain");
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('6'));
    shot(&app, "catalog");

    // Lookup from anywhere: a name typed without diacritics, then the citizen's history.
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "nguyen van du");
    shot(&app, "lookup");
    press(&mut app, KeyCode::Enter);
    shot(&app, "history");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty(), "the lookup is closed");

    // Reports: the quarter under way, a table, the records behind a figure, a definition,
    // the charts of the year.
    press(&mut app, KeyCode::Char('5'));
    shot(&app, "report");
    press(&mut app, KeyCode::Right);
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    shot(&app, "report-table");
    press(&mut app, KeyCode::Char('w'));
    shot(&app, "report-definition");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    shot(&app, "report-records");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('c'));
    shot(&app, "report-charts");
    // The same report as XLSX (screenshots/report-xlsx*.png are this file, printed by
    // LibreOffice: see docs/developer.md).
    if let Some(r) = &app.reports.report {
        let h = tiepdan::exchange::report_text::Heading {
            unit: &app.reports.unit,
            lang: Lang::Vi,
        };
        let bytes = tiepdan::exchange::report_xlsx::xlsx(&h, r).expect("xlsx");
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-demo.xlsx");
        std::fs::write(&path, bytes).expect("write xlsx");
        println!("{}", path.display());
    }

    guide_scenes();
}

fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// The scenes of the officer's guide (docs/huong-dan-su-dung.md) that the gallery above does
/// not show, on a book of their own: a group, a returning citizen, voiding a visit, a
/// denunciation kept hidden, a visit on an earlier day, the lock.
fn guide_scenes() {
    let mut app = demo_app();
    sign_in(&mut app);

    // A group (đoàn đông người): from 5 people the form asks for its representatives.
    press(&mut app, KeyCode::Char('n'));
    type_str(&mut app, "Lê Văn Tám");
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    type_str(&mut app, "8");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Lê Văn Tám, Phạm Thị Hoa");
    shot(&app, "guide-group");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert!(app.overlays.is_empty(), "the group's form is closed");

    // A visit logged in full and saved.
    press(&mut app, KeyCode::Char('n'));
    type_str(&mut app, "Trần Văn Đức");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "001085012345");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "0912 345 678");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    type_str(&mut app, "khieu");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "dat");
    press(&mut app, KeyCode::Tab);
    type_str(
        &mut app,
        "Khiếu nại quyết định thu hồi đất nông nghiệp của gia đình",
    );
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "huong dan");
    shot(&app, "guide-form-full");
    ctrl(&mut app, 's');
    assert!(app.overlays.is_empty(), "the visit is saved");
    shot(&app, "guide-saved");

    // The same citizen comes back: the form recognises the ID number.
    press(&mut app, KeyCode::Char('n'));
    type_str(&mut app, "Trần Văn Đức");
    press(&mut app, KeyCode::Tab);
    type_str(&mut app, "001085012345");
    press(&mut app, KeyCode::Tab);
    shot(&app, "guide-returning");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert!(
        app.overlays.is_empty(),
        "the returning citizen's form is closed"
    );

    // Voiding the visit logged by mistake: the reason is asked.
    let mine = app
        .log
        .rows
        .iter()
        .position(|r| {
            r.content
                .starts_with("Khiếu nại quyết định thu hồi đất nông nghiệp")
        })
        .expect("the saved visit is in the log");
    press(&mut app, KeyCode::Home);
    for _ in 0..mine {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('x'));
    type_str(&mut app, "Ghi nhầm, công dân đã được ghi ở lượt khác");
    shot(&app, "guide-void");
    press(&mut app, KeyCode::Esc);

    // A denunciation: the denouncer is a pseudonym in the log and in the visit.
    let mut found = None;
    for _ in 0..30 {
        if let Some(i) = app
            .log
            .rows
            .iter()
            .position(|r| r.petition_type == tiepdan::domain::visit::PetitionType::ToCao)
        {
            found = Some(i);
            break;
        }
        press(&mut app, KeyCode::Char('['));
    }
    let i = found.expect("a denunciation in the demo's last days");
    press(&mut app, KeyCode::Home);
    for _ in 0..i {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    shot(&app, "guide-denunciation");
    press(&mut app, KeyCode::Esc);

    // A visit on an earlier day: `n` asks which day it is on.
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::Char('['));
    press(&mut app, KeyCode::Char('n'));
    shot(&app, "guide-earlier-day");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('t'));

    // The lock: nothing of the book on the screen.
    ctrl(&mut app, 'l');
    shot(&app, "guide-lock");
}

// ---- Buffer → SVG -------------------------------------------------------------------------

const CELL_W: f32 = 9.0;
const CELL_H: f32 = 19.0;
const DEFAULT_FG: &str = "#d0d0d0";
const DEFAULT_BG: &str = "#1c1c1c";

fn ansi(i: u8) -> String {
    const BASE: [&str; 16] = [
        "#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
        "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
    ];
    match i {
        0..=15 => BASE[i as usize].to_owned(),
        16..=231 => {
            let i = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            format!(
                "#{:02x}{:02x}{:02x}",
                level(i / 36),
                level((i / 6) % 6),
                level(i % 6)
            )
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            format!("#{v:02x}{v:02x}{v:02x}")
        }
    }
}

fn color(c: Color, default: &str) -> String {
    match c {
        Color::Reset => default.to_owned(),
        Color::Black => ansi(0),
        Color::Red => ansi(1),
        Color::Green => ansi(2),
        Color::Yellow => ansi(3),
        Color::Blue => ansi(4),
        Color::Magenta => ansi(5),
        Color::Cyan => ansi(6),
        Color::Gray => ansi(7),
        Color::DarkGray => ansi(8),
        Color::LightRed => ansi(9),
        Color::LightGreen => ansi(10),
        Color::LightYellow => ansi(11),
        Color::LightBlue => ansi(12),
        Color::LightMagenta => ansi(13),
        Color::LightCyan => ansi(14),
        Color::White => ansi(15),
        Color::Indexed(i) => ansi(i),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn to_svg(buf: &Buffer) -> String {
    let area = buf.area;
    let (w, h) = (area.width as f32 * CELL_W, area.height as f32 * CELL_H);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="'DejaVu Sans Mono', 'Cascadia Mono', Consolas, monospace" font-size="15">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{DEFAULT_BG}"/>"#
    );
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let cell = &buf[(x, y)];
            let style = cell.style();
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (color(cell.fg, DEFAULT_FG), color(cell.bg, DEFAULT_BG));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            // A run of cells with the same look.
            let start = x;
            let mut text = String::new();
            while x < area.width && buf[(x, y)].style() == style {
                let sym = buf[(x, y)].symbol();
                text.push_str(if sym.is_empty() { " " } else { sym });
                x += 1;
            }
            let px = start as f32 * CELL_W;
            let py = y as f32 * CELL_H;
            if bg != DEFAULT_BG {
                let _ = writeln!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="{}" height="{CELL_H}" fill="{bg}"/>"#,
                    (x - start) as f32 * CELL_W
                );
            }
            if text.trim().is_empty() {
                continue;
            }
            let mut attrs = String::new();
            if cell.modifier.contains(Modifier::BOLD) {
                attrs.push_str(r#" font-weight="bold""#);
            }
            if cell.modifier.contains(Modifier::DIM) {
                attrs.push_str(r#" opacity="0.6""#);
            }
            if cell.modifier.contains(Modifier::UNDERLINED) {
                attrs.push_str(r#" text-decoration="underline""#);
            }
            let _ = writeln!(
                out,
                r#"<text x="{px}" y="{}" fill="{fg}" xml:space="preserve" textLength="{}" lengthAdjust="spacingAndGlyphs"{attrs}>{}</text>"#,
                py + CELL_H * 0.75,
                (x - start) as f32 * CELL_W,
                escape(&text)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}
