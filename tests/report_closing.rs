//! Closing a period (chốt số liệu, issue 23 point 3): its figures are stored with their
//! digest through the one write path, audited; the closed period's report is then the same
//! to the byte whatever happens to the book — a deadline rule edited, a past day off added,
//! a late visit — and today's book is compared with it, each changed figure named with what
//! was written since. A period not over, or closed already, is refused; stored figures that
//! no longer match their digest are refused too.

mod common;

use chrono::NaiveDate;
use tiepdan::demo::{DemoOptions, generate};
use tiepdan::domain::calendar::DayKind;
use tiepdan::domain::deadline::{DayBasis, Obligation};
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::domain::report::{Circular, Figure, Period};
use tiepdan::exchange::report_text::{self, Heading};
use tiepdan::exchange::report_xlsx;
use tiepdan::i18n::Lang;
use tiepdan::store::{Actor, ClosingError, ShownReport, Store, StoreError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    common::today()
}

/// A demo book from about March 2026 to the end of October 2026, and its chairman's desk
/// officer signed in.
fn book(store: &mut Store) -> Actor {
    generate(
        store,
        &DemoOptions {
            visits: 4000,
            seed: 23,
            end: d(2026, 10, 30),
        },
    )
    .unwrap();
    common::demo_officer(store)
}

/// Every rendering of the report as an officer would print or send it.
fn outputs(shown: &ShownReport) -> Vec<Vec<u8>> {
    let mut out = vec![];
    for lang in [Lang::Vi, Lang::En] {
        let h = Heading {
            unit: &shown.unit,
            lang,
        };
        out.push(report_text::text(&h, &shown.report).into_bytes());
        out.push(report_text::csv(&h, &shown.report).into_bytes());
        out.push(report_text::json(&h, &shown.report).into_bytes());
        out.push(tiepdan::i18n::report_paragraph(lang, &shown.unit, &shown.report).into_bytes());
    }
    out
}

/// The XLSX's cells (the file itself carries its creation time).
fn xlsx_cells(shown: &ShownReport) -> Vec<String> {
    use calamine::{Reader, Xlsx};
    let h = Heading {
        unit: &shown.unit,
        lang: Lang::Vi,
    };
    let bytes = report_xlsx::xlsx(&h, &shown.report).unwrap();
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let mut out = vec![];
    for name in wb.sheet_names().to_vec() {
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            out.push(format!("{name}: {row:?}"));
        }
    }
    out
}

#[test]
fn a_closed_period_stays_as_it_was_sent_through_a_rule_edit_a_day_off_and_a_late_visit() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = book(&mut store);
    let q2 = Period::parse("2026-q2").unwrap();
    // Not closed yet: today's book.
    let open = store.shown_report(q2, today()).unwrap();
    assert!(open.report.closed.is_none() && open.live.is_none());
    assert_eq!(open.report.circular, Circular::Tt06_2025);
    let before = open.report.figure(Figure::CasesResolvedOnTime);
    assert!(before > 0);

    let closing = common::write(&mut store, &officer, |w| w.close_period(&q2, today()));
    assert_eq!(closing.digest.len(), 64);
    assert_eq!(closing.by, officer.name());
    // Audited, by the officer at the keyboard.
    let uid: String = store
        .inspect_one(
            "SELECT uid FROM report_closings WHERE period = ?1",
            ["2026-q2"],
        )
        .unwrap();
    let audit = store.journal_of(Entity::Closing, &uid).unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].op, Op::Create);
    assert_eq!(audit[0].officer.as_deref(), Some(officer.uid()));

    let closed = store.shown_report(q2, today()).unwrap();
    assert_eq!(closed.report.closed.as_ref(), Some(&closing));
    assert!(closed.changes.is_empty(), "{:?}", closed.changes);
    // The same figures as counted when it was closed.
    assert_eq!(closed.report.summary, open.report.summary);
    for (a, b) in closed.report.tables.iter().zip(&open.report.tables) {
        let values = |t: &tiepdan::domain::report::Table| {
            t.cells.iter().map(|c| c.value).collect::<Vec<_>>()
        };
        assert_eq!(values(a), values(b), "{}", a.form.code());
    }
    let printed = outputs(&closed);
    let cells = xlsx_cells(&closed);
    let text = String::from_utf8(printed[0].clone()).unwrap();
    assert!(text.contains("Số liệu đã chốt lúc"), "{text}");

    // 1. A deadline rule edited: the first-round complaint's 30 days become 10. Today's book
    // would give other on-time figures; the closed report does not move.
    let rule = store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .find(|r| {
            r.obligation == Obligation::Resolve
                && r.round == Some(1)
                && r.complex == Some(false)
                && r.remote == Some(false)
                && r.case_type == Some(tiepdan::domain::case::CaseType::KhieuNai)
        })
        .unwrap();
    common::write(&mut store, &officer, |w| {
        // Dated back to the rule's first day: a change of the past, the very thing a closed
        // period must not follow.
        w.change_rule(
            &rule,
            &tiepdan::store::RuleChange {
                days: 10,
                extension_days: 0,
                basis: DayBasis::Calendar,
                article: rule.article.clone(),
                active: None,
                effective_from: rule.effective_from,
                reason: "Đính chính".into(),
            },
        )
    });
    let after_rule = store.shown_report(q2, today()).unwrap();
    assert_eq!(
        outputs(&after_rule),
        printed,
        "byte-identical after a rule edit"
    );
    assert_eq!(xlsx_cells(&after_rule), cells);
    let live = after_rule.live.as_ref().unwrap();
    assert!(live.figure(Figure::CasesResolvedOnTime) < before);
    assert!(
        after_rule
            .changes
            .iter()
            .any(|c| c.key == "summary.cases_resolved_on_time"),
        "{:?}",
        after_rule.changes
    );
    let lines = report_text::closing_lines(Lang::Vi, &after_rule, 50);
    assert!(
        lines[0].starts_with("Cảnh báo: sổ hôm nay cho"),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("quy định thời hạn 1")),
        "{lines:?}"
    );

    // 2. A past day off added (in the quarter).
    common::write(&mut store, &officer, |w| {
        // Effective from the day itself: the calendar of the past, changed.
        w.set_calendar_day(d(2026, 5, 6), DayKind::Off, "Nghỉ đột xuất", d(2026, 5, 6))
    });
    let after_day = store.shown_report(q2, today()).unwrap();
    assert_eq!(
        outputs(&after_day),
        printed,
        "byte-identical after a day off"
    );
    assert_eq!(xlsx_cells(&after_day), cells);

    // 3. A visit logged late, on a day of the quarter.
    let mut dr = common::draft("Hồ Văn Muộn", "001085099999");
    dr.day = "20/05/2026".into();
    let v = common::valid(&dr);
    let input = tiepdan::store::VisitInput {
        day: d(2026, 5, 20),
        ..common::input(&v)
    };
    common::write(&mut store, &officer, |w| {
        w.save_visit(&input, &tiepdan::domain::intake::CaseChoice::OpenNew)
    });
    let late = store.shown_report(q2, today()).unwrap();
    assert_eq!(outputs(&late), printed, "byte-identical after a late visit");
    let visits = late
        .changes
        .iter()
        .find(|c| c.key == "summary.visits")
        .expect("the visits changed");
    assert_eq!(visits.now, visits.stored.map(|v| v + 1));
    let lines = report_text::closing_lines(Lang::Vi, &late, 50);
    assert!(
        lines.iter().any(|l| l.contains("Lượt tiếp: đã chốt")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains("lượt tiếp 1")), "{lines:?}");

    // Closed once: never rewritten.
    let again = store.write(&officer, |w| w.close_period(&q2, today()));
    assert!(matches!(
        again,
        Err(StoreError::Closing(ClosingError::AlreadyClosed { .. }))
    ));
    // A period not over yet, or a range, cannot be closed.
    let q4 = Period::parse("2026-q4").unwrap();
    let range = Period::range(d(2026, 4, 1), d(2026, 4, 30)).unwrap();
    for p in [q4, range] {
        let r = store.write(&officer, |w| w.close_period(&p, today()));
        assert!(matches!(
            r,
            Err(StoreError::Closing(ClosingError::NotClosable))
        ));
    }
}

#[test]
fn the_command_prints_the_closed_figures_and_warns_on_standard_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let officer = book(&mut store);
    let q2 = Period::parse("2026-q2").unwrap();
    common::write(&mut store, &officer, |w| w.close_period(&q2, today()));
    drop(store);
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let first = run(&["report", "--period", "2026-q2"]);
    assert!(first.status.success());
    assert!(
        first.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let json = run(&["report", "--period", "2026-q2", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(j["closed"]["digest"].as_str().unwrap().len(), 64);
    // The rule is edited at the desk.
    let mut store = Store::open(&db).unwrap();
    let officer = common::sign_in_or_set(&mut store, 1);
    let rule = store
        .deadline_rules()
        .unwrap()
        .into_iter()
        .find(|r| r.obligation == Obligation::Resolve && r.round == Some(1))
        .unwrap();
    common::write(&mut store, &officer, |w| {
        // Dated back to the rule's first day: a change of the past, the very thing a closed
        // period must not follow.
        w.change_rule(
            &rule,
            &tiepdan::store::RuleChange {
                days: 5,
                extension_days: 0,
                basis: DayBasis::Calendar,
                article: rule.article.clone(),
                active: None,
                effective_from: rule.effective_from,
                reason: "Đính chính".into(),
            },
        )
    });
    drop(store);
    let before = std::fs::read(&db).unwrap();
    let second = run(&["report", "--period", "2026-q2"]);
    assert!(second.status.success());
    assert_eq!(second.stdout, first.stdout, "the report as it was sent");
    let err = String::from_utf8(second.stderr).unwrap();
    assert!(err.contains("Cảnh báo"), "{err}");
    assert!(err.contains("quy định thời hạn"), "{err}");
    // --live: today's figures, said so.
    let live = run(&["report", "--period", "2026-q2", "--live"]);
    assert!(live.status.success());
    assert_ne!(live.stdout, first.stdout);
    assert!(String::from_utf8_lossy(&live.stderr).contains("--live"));
    // --explain: today's records, and the closed figure.
    let explain = run(&[
        "report",
        "--period",
        "2026-q2",
        "--explain",
        "cases_resolved_on_time",
    ]);
    assert!(String::from_utf8_lossy(&explain.stdout).contains("Số liệu đã chốt của chỉ tiêu này"));
    // Read only, as ever.
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn stored_figures_that_no_longer_match_their_digest_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("book.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let officer = book(&mut store);
    let q2 = Period::parse("2026-q2").unwrap();
    common::write(&mut store, &officer, |w| w.close_period(&q2, today()));
    drop(store);
    // Someone edits the file behind tiepdan's back (the table refuses UPDATE: its trigger
    // must go first).
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER report_closings_no_update;
         UPDATE report_closings SET figures = replace(figures, '\"visits\",', '\"visits\" ,');",
    )
    .unwrap();
    drop(conn);
    let store = Store::open_read_only(&db).unwrap();
    assert!(matches!(
        store.shown_report(q2, today()),
        Err(StoreError::Closing(ClosingError::Tampered))
    ));
}

#[test]
fn the_pane_closes_the_period_shown_with_c_and_shows_the_closed_figures() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use tiepdan::app::Overlay;
    let mut store = Store::open_in_memory().unwrap();
    book(&mut store);
    let mut app = common::start(store, Lang::Vi, common::fixed_clock()).unwrap();
    app.viewport = (100, 30);
    // The start signed in the officer the lock offered (who signed in last).
    assert!(app.actor.is_some());
    app.handle_key(common::key(KeyCode::Char('5')));
    // The quarter under way cannot be closed; two quarters back can.
    app.handle_key(KeyEvent::new(KeyCode::Char('C'), KeyModifiers::SHIFT));
    assert!(app.overlays.is_empty());
    assert!(app.status.is_some());
    for _ in 0..2 {
        app.handle_key(common::key(KeyCode::Char('[')));
    }
    assert_eq!(app.reports.period.unwrap().code(), "2026-q2");
    app.handle_key(KeyEvent::new(KeyCode::Char('C'), KeyModifiers::SHIFT));
    assert!(matches!(app.overlays.last(), Some(Overlay::Confirm(_))));
    app.handle_key(common::key(KeyCode::Char('y')));
    assert!(app.overlays.is_empty());
    let r = app.reports.report.as_ref().unwrap();
    assert!(r.closed.is_some(), "{:?}", app.status);
    assert!(app.reports.changes.is_empty());
    let screen = common::screen_of(&mut app, 100, 30);
    assert!(screen.contains("đã chốt"), "{screen}");
    // A late visit in the quarter: the pane warns, the figures stay.
    let visits = app.reports.report.as_ref().unwrap().figure(Figure::Visits);
    let actor = app.actor.clone().unwrap();
    let mut dr = common::draft("Hồ Văn Muộn", "001085099999");
    dr.day = "20/05/2026".into();
    let v = common::valid(&dr);
    let input = tiepdan::store::VisitInput {
        day: d(2026, 5, 20),
        ..common::input(&v)
    };
    app.store
        .write(&actor, |w| {
            w.save_visit(&input, &tiepdan::domain::intake::CaseChoice::OpenNew)
        })
        .unwrap();
    app.refresh();
    app.reports.load(&app.store, today()).unwrap();
    assert_eq!(
        app.reports.report.as_ref().unwrap().figure(Figure::Visits),
        visits
    );
    assert!(!app.reports.changes.is_empty());
    let screen = common::screen_of(&mut app, 100, 30);
    assert!(
        screen.contains("Sổ hôm nay khác số liệu đã chốt"),
        "{screen}"
    );
    // Enter on Visits lists today's records (one more than closed).
    for _ in 0..10 {
        app.handle_key(common::key(KeyCode::Down));
    }
    app.handle_key(common::key(KeyCode::Enter));
    match app.overlays.last() {
        Some(Overlay::Report(o)) => match o.as_ref() {
            tiepdan::app::ReportOverlay::Records(v) => {
                assert_eq!(v.value, Some(visits + 1));
            }
            _ => panic!("not the records"),
        },
        _ => panic!("no records"),
    }
}
