//! Reports per desk in a merged book (issue 27): the figures of each desk add up to the whole
//! book's, figure for figure and cell for cell; the report pane's `u` cycles the whole book
//! and each desk, its title naming the unit (snapshots at 80×24 and 40×12).

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Pane};
use tiepdan::domain::report::{Circular, Figure, Period, Report};
use tiepdan::domain::visit::VisitDraft;
use tiepdan::i18n::Lang;
use tiepdan::store::{Actor, Store};

fn desk(unit: &str, code: &str, officer: &str) -> (Store, Actor) {
    cheap();
    let mut store = Store::open_in_memory().unwrap();
    let actor = store.first_start(unit, code, officer, PIN, PIN).unwrap();
    (store, actor)
}

fn visit(name: &str, id: &str, handling: &str, kind: &str, people: &str) -> VisitDraft {
    let mut d = draft(name, id);
    d.handling = handling.into();
    d.petition_type = kind.into();
    d.people = people.into();
    d.content = format!("Nội dung của {name}");
    if people != "1" && people.parse::<u32>().unwrap() >= 5 {
        d.representatives = name.into();
    }
    d
}

/// Ba Đình's book with Kim Mã's merged into it: BD received three (one of them a group of
/// six, one a thụ lý that opened a case), KM two (one a thụ lý); one citizen came to both,
/// with the same matter at both (`shared`: the same type and field) or another.
fn merged_with(shared: bool) -> (Store, Actor) {
    let (mut bd, bd_actor) = desk("UBND phường Ba Đình", "BD", "Nguyễn Thị Lan");
    let (mut km, km_actor) = desk("UBND phường Kim Mã", "KM", "Phạm Văn Hùng");
    for d in [
        visit("Lê Thị Hoa", "001090000002", "huong_dan", "kien_nghi", "1"),
        visit("Trần Văn Bình", "001090000003", "thu_ly", "khieu_nai", "1"),
        visit(
            "Đoàn Văn Đông",
            "001090000005",
            "huong_dan",
            "phan_anh",
            "6",
        ),
    ] {
        save(&mut bd, &bd_actor, &valid(&d));
    }
    for d in [
        visit("Phạm Thị Cúc", "001090000004", "thu_ly", "khieu_nai", "1"),
        visit(
            "Lê Thị Hoa",
            "001090000002",
            "huong_dan",
            if shared { "kien_nghi" } else { "phan_anh" },
            "2",
        ),
    ] {
        save(&mut km, &km_actor, &valid(&d));
    }
    let p = km.package(None, None).unwrap();
    let done = write(&mut bd, &bd_actor, |w| w.merge_package(&p, "test"));
    assert!(done.conflicts.is_empty());
    assert_eq!(done.aliased, 1);
    (bd, bd_actor)
}

fn merged() -> (Store, Actor) {
    merged_with(false)
}

/// The numbers of the whole book that are not the sum of the desks': (name, sum, whole).
fn not_summed(store: &Store) -> Vec<(String, Option<u64>, Option<u64>)> {
    let all = store.period_report(quarter(), today()).unwrap();
    let parts: Vec<_> = store
        .report_desks()
        .unwrap()
        .iter()
        .map(|d| numbers(&store.period_report_of_desk(quarter(), today(), d).unwrap()))
        .collect();
    let mut out = Vec::new();
    for (i, (name, value)) in numbers(&all).into_iter().enumerate() {
        assert!(parts.iter().all(|p| p[i].0 == name));
        let sum: Option<u64> = parts
            .iter()
            .map(|p| p[i].1)
            .try_fold(0, |acc, v| v.map(|v| acc + v));
        if sum != value {
            out.push((name, sum, value));
        }
    }
    out
}

fn quarter() -> Period {
    Period::parse("2026-q4").unwrap()
}

/// Every number a report gives: its summary's figures, then each table's cells.
fn numbers(r: &Report) -> Vec<(String, Option<u64>)> {
    let mut out: Vec<(String, Option<u64>)> = Figure::ALL
        .iter()
        .map(|f| (format!("{f:?}"), Some(r.figure(*f))))
        .collect();
    for form in Circular::for_period(&r.period).forms() {
        if let Some(t) = r.table(*form) {
            for c in &t.cells {
                out.push((format!("{form:?}/{}", c.no), c.value));
            }
        }
    }
    out
}

#[test]
fn the_desks_figures_add_up_to_the_whole_book() {
    let (store, _) = merged();
    assert_eq!(store.report_desks().unwrap(), ["BD", "KM"]);
    let all = store.period_report(quarter(), today()).unwrap();
    let per_desk: Vec<Report> = ["BD", "KM"]
        .iter()
        .map(|d| store.period_report_of_desk(quarter(), today(), d).unwrap())
        .collect();
    assert_eq!(all.figure(Figure::Visits), 5);
    assert_eq!(per_desk[0].figure(Figure::Visits), 3);
    assert_eq!(per_desk[1].figure(Figure::Visits), 2);
    // Every figure and every cell of every form: the desks' sum is the whole book's.
    assert_eq!(not_summed(&store), vec![]);
    let whole = numbers(&all);
    assert!(whole.len() > 50, "{}", whole.len());
    // Something counted (not all zero).
    assert!(whole.iter().filter(|(_, v)| v.unwrap_or(0) > 0).count() > 10);
    // But one citizen's matter brought to both desks is one matter of the book (01/TCD: a
    // matter counts once; one ID number, one citizen): its vụ việc cells count it once.
    let (shared, _) = merged_with(true);
    assert_eq!(
        not_summed(&shared),
        vec![
            ("T6Tcd01/3".to_owned(), Some(5), Some(4)),
            ("T6Tcd01/7".to_owned(), Some(5), Some(4)),
        ]
    );
}

fn press(app: &mut App, c: KeyCode) {
    app.handle_key(key(c));
}

fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.viewport = (w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
    t
}

#[test]
fn u_cycles_the_units_of_the_report_pane() {
    let (store, _) = merged();
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    app.viewport = (80, 24);
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(app.pane, Pane::Report);
    let visits = |app: &App| app.reports.report.as_ref().unwrap().figure(Figure::Visits);
    assert_eq!(app.reports.desk, None);
    assert_eq!(visits(&app), 5);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.reports.desk.as_deref(), Some("BD"));
    assert_eq!(visits(&app), 3);
    assert_eq!(app.reports.unit, "UBND phường Ba Đình — bàn BD");
    let screen = screen_of(&mut app, 80, 24);
    assert!(screen.contains(" Bàn BD · Báo cáo"), "{screen}");
    insta::assert_snapshot!("desk_bd_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("desk_bd_40x12", render(&mut app, 40, 12).backend());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.reports.desk.as_deref(), Some("KM"));
    assert_eq!(visits(&app), 2);
    // The charts of a desk count its year alone.
    press(&mut app, KeyCode::Char('c'));
    let year = app.reports.year.as_ref().unwrap();
    assert_eq!(year.figure(Figure::Visits), 2);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.reports.desk, None);
    assert_eq!(visits(&app), 5);
    assert_eq!(app.reports.unit, "UBND phường Ba Đình");
    let screen = screen_of(&mut app, 80, 24);
    assert!(screen.contains("Cả sổ (2 bàn) · Báo cáo"), "{screen}");
    insta::assert_snapshot!("all_desks_80x24", render(&mut app, 80, 24).backend());
    // Another period keeps the unit.
    press(&mut app, KeyCode::Char('u'));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.reports.desk.as_deref(), Some("BD"));
    assert_eq!(app.reports.period.unwrap().code(), "2026-q3");
    assert_eq!(visits(&app), 0);
}
