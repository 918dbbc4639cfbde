//! One identity rule, every surface: a denouncer's name, ID number, phone and address appear
//! on no screen, prompt, status line, lookup or command-line output (Luật Tố cáo Art 8(3)),
//! until an officer reveals them — an audited act, after which the detail does show them (so
//! this test would see a leak).

mod common;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Overlay, Question};
use tiepdan::domain::journal::{Entity, Op};
use tiepdan::i18n::Lang;
use tiepdan::store::Store;

const NAME: &str = "Trần Thị Bảo Mật";
const CCCD: &str = "001203004567";
const PHONE: &str = "0977000111";
const ADDRESS: &str = "Số 9 ngõ Kín Đáo";

fn screen(app: &mut App) -> String {
    let (w, h) = (160, 45);
    app.viewport = (w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
    format!("{}", t.backend())
}

/// Nothing of the denouncer in `text`.
fn clean(surface: &str, text: &str) {
    for secret in [NAME, "Bảo Mật", CCCD, PHONE, ADDRESS, "0977 000 111"] {
        assert!(
            !text.contains(secret),
            "{surface} shows {secret:?}:\n{text}"
        );
    }
}

/// The visit form filled with the denunciation (handling thụ lý), not yet saved.
fn type_denunciation(app: &mut App) {
    app.handle_key(key(KeyCode::Char('n')));
    for text in [NAME, CCCD, PHONE, ADDRESS] {
        type_str(app, text);
        tab(app);
    }
    tab(app); // people
    tab(app); // form
    for text in [
        "to_cao",
        "dat_dai",
        "Tố cáo cán bộ địa chính nhận tiền",
        "",
        "thu_ly",
    ] {
        type_str(app, text);
        tab(app);
    }
}

#[test]
fn a_denouncer_shows_on_no_surface_until_an_audited_reveal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store_with_officer(&mut store);
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();

    // The form while typing is the officer's own input: it may show what was typed. What
    // follows the save may not.
    type_denunciation(&mut app);
    app.handle_key(ctrl('s'));
    let status = app.status.clone().unwrap().text;
    clean("the status line after saving", &status);
    assert!(status.contains("TC-2026-BD-0001"), "{status}");
    clean("the reception log", &screen(&mut app));

    // The visit's detail.
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Detail(_))));
    clean("the visit detail", &screen(&mut app));
    // `c`: another case from this visit — its form's title.
    app.handle_key(key(KeyCode::Char('c')));
    assert!(matches!(app.overlays.last(), Some(Overlay::Entry(_))));
    clean("the title of the case form", &screen(&mut app));
    // Esc closes the open list first, then the form, then the detail.
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlays.last(), Some(Overlay::Detail(_))));
    app.handle_key(key(KeyCode::Esc));

    // The same denouncer's number typed again: the form says nothing — no banner, no code,
    // nothing filled in (it would tell any officer who denounced, and which case).
    app.handle_key(key(KeyCode::Char('n')));
    type_str(&mut app, "Trần Thị");
    tab(&mut app);
    type_str(&mut app, CCCD);
    tab(&mut app);
    let form = app.form().unwrap();
    assert!(
        form.repeat.is_none(),
        "a denouncer is never recognized in the form"
    );
    assert_eq!(form.value(tiepdan::domain::visit::FormField::Phone), "");
    assert_eq!(form.value(tiepdan::domain::visit::FormField::Address), "");
    let s = screen(&mut app);
    for secret in ["TC-2026", "Người tố cáo", "Bảo Mật", PHONE, ADDRESS, "↺"] {
        assert!(!s.contains(secret), "the form shows {secret}:\n{s}");
    }
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('y')));
    type_denunciation(&mut app);
    app.handle_key(ctrl('s'));
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::LinkRepeat(_)))
    ));
    // (The form under the question shows what the officer typed; the question's box is
    // checked on its own text.)
    let Some(Overlay::Confirm(Question::LinkRepeat(l))) = app.overlays.last() else {
        unreachable!()
    };
    let asked = tiepdan::i18n::person(Lang::Vi, &app.viewer, &l.citizen);
    clean("the link question", &asked);
    app.handle_key(key(KeyCode::Char('y')));
    clean(
        "the status line after linking",
        &app.status.clone().unwrap().text,
    );

    // A draft of a denunciation, offered after a crash.
    type_denunciation(&mut app);
    app.save_draft();
    drop(app);
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    assert!(matches!(
        app.overlays.last(),
        Some(Overlay::Confirm(Question::RestoreDraft { .. }))
    ));
    clean("the restore-draft question", &screen(&mut app));
    app.handle_key(key(KeyCode::Char('n')));

    // The queue, the case, the board, the explanation.
    app.handle_key(key(KeyCode::Char('2')));
    clean("the queue", &screen(&mut app));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Case(_))));
    clean("the case", &screen(&mut app));
    app.handle_key(key(KeyCode::Char('w')));
    clean("the explanation", &screen(&mut app));
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('3')));
    clean("the board", &screen(&mut app));

    // Lookup: by name, ID, phone nothing; by code and content the case, without a name.
    for q in [
        "tran thi bao mat",
        CCCD,
        PHONE,
        "4567",
        "tc2026bd0001",
        "can bo dia chinh",
    ] {
        app.handle_key(key(KeyCode::Char('/')));
        type_str(&mut app, q);
        // What the officer typed is echoed; everything else must be clean.
        let results: String = screen(&mut app)
            .lines()
            .filter(|l| !l.contains(q))
            .collect::<Vec<_>>()
            .join("\n");
        clean(&format!("the lookup of {q:?}"), &results);
        app.handle_key(key(KeyCode::Esc));
    }
    let r = app.store.lookup("tran thi bao mat", 10).unwrap();
    assert!(r.citizens.is_empty() && r.visits.is_empty(), "{r:?}");

    // The command line, text and JSON.
    for json in [false, true] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"));
        cmd.args(["--db", path.to_str().unwrap(), "lookup", "tc2026bd0001"]);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("TC-2026-BD-0001"), "{text}");
        clean("tiepdan lookup", &text);
    }

    // The audited reveal: now the case shows the name (this test sees names when shown).
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('v')));
    app.handle_key(key(KeyCode::Char('y')));
    let s = screen(&mut app);
    assert!(s.contains(NAME), "revealed:\n{s}");
    let uid = app.queue.cases[0].uid.clone();
    let reveals = app
        .store
        .journal_of(Entity::Case, &uid)
        .unwrap()
        .into_iter()
        .filter(|a| a.op == Op::Reveal)
        .count();
    assert_eq!(reveals, 1, "the reveal is audited");
}

/// A complaint corrected into a denunciation: the case made from the edited visit names the
/// denouncer on no surface — the queue, the case, the board, the lookup.
#[test]
fn a_case_made_from_an_edited_visit_hides_the_denouncer() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = store_with_officer(&mut store);
    let mut d = draft(NAME, CCCD);
    d.phone = PHONE.into();
    d.address = ADDRESS.into();
    let uid = save(&mut store, &officer, &valid(&d));
    let detail = store.visit_detail(&uid).unwrap();
    d.petition_type = "to_cao".into();
    write(&mut store, &officer, |w| {
        w.update_visit(
            &uid,
            detail.row.version,
            &input(&valid(&d)),
            &tiepdan::domain::intake::CaseChoice::Ask,
        )
    });
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    clean("the log after the edit", &screen(&mut app));
    app.handle_key(key(KeyCode::Char('2')));
    let q = screen(&mut app);
    clean("the queue after the edit", &q);
    assert!(q.contains("TC-2026-BD-0001"), "{q}");
    app.handle_key(key(KeyCode::Char('l')));
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Case(_))));
    clean("the case made from the edited visit", &screen(&mut app));
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('3')));
    clean("the board", &screen(&mut app));
    app.handle_key(key(KeyCode::Char('/')));
    type_str(&mut app, "bao mat");
    app.apply(tiepdan::app::Msg::Tick(std::time::Instant::now()));
    clean("the lookup", &screen(&mut app));
}

/// A group's denunciation: its representatives are the denouncer's identity too — on no
/// surface until a reveal, and never in the command line's output.
#[test]
fn a_denouncing_groups_representatives_show_on_no_surface() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store_with_officer(&mut store);
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    let reps = ["Hoàng Văn Đại Diện", "Ngô Thị Thứ Hai"];
    app.handle_key(key(KeyCode::Char('n')));
    for text in [NAME, CCCD, PHONE, ADDRESS] {
        type_str(&mut app, text);
        tab(&mut app);
    }
    // Six people: a group, whose representatives are asked for (the name is prefilled).
    app.handle_key(key(KeyCode::Backspace));
    type_str(&mut app, "6");
    tab(&mut app);
    for _ in 0..NAME.chars().count() {
        app.handle_key(key(KeyCode::Backspace));
    }
    type_str(&mut app, &reps.join("; "));
    tab(&mut app);
    tab(&mut app); // form
    for text in ["to_cao", "dat_dai", "Tố cáo chung của cả xóm", "", "thu_ly"] {
        type_str(&mut app, text);
        tab(&mut app);
    }
    app.handle_key(ctrl('s'));
    assert!(app.form().is_none(), "{:?}", app.status);
    let hidden = |surface: &str, text: &str| {
        clean(surface, text);
        for r in reps {
            assert!(!text.contains(r), "{surface} shows {r:?}:\n{text}");
        }
    };
    hidden("the log", &screen(&mut app));
    app.handle_key(key(KeyCode::Enter));
    hidden("the visit detail", &screen(&mut app));
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('2')));
    hidden("the queue", &screen(&mut app));
    app.handle_key(key(KeyCode::Char('3')));
    hidden("the board", &screen(&mut app));
    for q in ["hoang van dai dien", "ngo thi thu hai"] {
        app.handle_key(key(KeyCode::Char('/')));
        type_str(&mut app, q);
        app.apply(tiepdan::app::Msg::Tick(std::time::Instant::now()));
        let results: String = screen(&mut app)
            .lines()
            .filter(|l| !l.contains(q))
            .collect::<Vec<_>>()
            .join("\n");
        hidden(&format!("the lookup of {q:?}"), &results);
        app.handle_key(key(KeyCode::Esc));
    }
    for args in [
        vec!["lookup", "tc2026bd0001", "--json"],
        vec!["lookup", "hoang van dai dien"],
        vec!["report", "--period", "2026", "--explain", "visits"],
        vec!["report", "--period", "2026", "--format", "json"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
            .arg("--db")
            .arg(&path)
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        hidden(
            &format!("tiepdan {}", args.join(" ")),
            &String::from_utf8_lossy(&out.stdout),
        );
    }
    // The reveal, on the visit: the detail shows them, audited.
    app.handle_key(key(KeyCode::Char('1')));
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('v')));
    app.handle_key(key(KeyCode::Char('y')));
    let s = screen(&mut app);
    assert!(s.contains(reps[0]) && s.contains(reps[1]), "revealed:\n{s}");
}
