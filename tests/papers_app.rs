//! Papers at the desk (issue 29): `p` on a visit lists the papers that apply, `Enter`
//! writes the PDF and says its path, again is a reprint with the same number; `p` on a
//! case; a scanner typing a case code and Enter into `/` opens that case.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Command, Overlay};
use tiepdan::store::Store;

struct Desk {
    _dir: tempfile::TempDir,
    dir: std::path::PathBuf,
    app: App,
    code: String,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with(
        &dir.path().join("so.sqlite3"),
        tiepdan::store::Create::IfMissing,
    )
    .unwrap();
    let actor = store_with_officer(&mut store);
    let mut d = draft("Phạm Văn Hưởng", "001203004567");
    d.documents = "Đơn khiếu nại, bản chính, 3 tờ; Quyết định 12/QĐ-UBND, bản sao, 2 tờ".into();
    let v = valid(&d);
    let saved = write(&mut store, &actor, |w| {
        w.save_visit(&input(&v), &tiepdan::domain::intake::CaseChoice::OpenNew)
    });
    let app = app_as(store, actor);
    Desk {
        dir: dir.path().to_path_buf(),
        _dir: dir,
        app,
        code: saved.case.unwrap().code,
    }
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let dir = app
        .store
        .path()
        .and_then(|p| p.parent())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    screen_of(app, w, h).replace(&dir, "[book]")
}

#[test]
fn p_on_a_visit_writes_its_receipt_and_again_is_a_reprint() {
    let mut d = desk();
    let app = &mut d.app;
    app.apply(Command::Open);
    assert!(matches!(app.overlays.last(), Some(Overlay::Detail(_))));
    // The documents received are in the visit's detail.
    let shown = screen_of(app, 100, 30);
    assert!(
        shown.contains("Quyết định 12/QĐ-UBND, bản sao, 2 tờ"),
        "{shown}"
    );
    app.handle_key(key(KeyCode::Char('p')));
    assert!(matches!(app.overlays.last(), Some(Overlay::Papers(_))));
    insta::assert_snapshot!("papers_of_a_visit_80x24", screen(app, 80, 24));
    insta::assert_snapshot!("papers_of_a_visit_40x12", screen(app, 40, 12));
    app.handle_key(key(KeyCode::Enter));
    let file = d
        .dir
        .join("papers")
        .join(format!("{}_receipt_01-2026.pdf", d.code));
    assert!(file.exists(), "{}", status(app));
    assert!(status(app).contains("01/2026"), "{}", status(app));
    assert!(status(app).contains(&file.display().to_string()));
    let shown = screen(app, 80, 24);
    assert!(shown.contains("số 01/2026, đã in 1 lần"), "{shown}");
    assert!(shown.contains("Đã ghi: [book]/papers/"), "{shown}");
    // Again, as DOCX: the same number, a reprint.
    app.handle_key(key(KeyCode::Char('d')));
    assert!(status(app).contains("01/2026"), "{}", status(app));
    assert!(
        d.dir
            .join("papers")
            .join(format!("{}_receipt_01-2026_in-lai-1.docx", d.code))
            .exists()
    );
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.overlays.last(), Some(Overlay::Detail(_))));
}

#[test]
fn a_scanned_case_code_opens_its_case_and_p_lists_its_papers() {
    let mut d = desk();
    let app = &mut d.app;
    app.handle_key(key(KeyCode::Char('/')));
    // A USB scanner types the code and Enter at once: no result has been picked yet.
    type_str(app, &d.code);
    app.handle_key(key(KeyCode::Enter));
    let Some(Overlay::Case(v)) = app.overlays.last() else {
        panic!(
            "the case is open: {:?}",
            app.overlays.last().map(|o| o.context())
        )
    };
    assert_eq!(v.detail.row.code, d.code);
    app.handle_key(key(KeyCode::Char('p')));
    let Some(Overlay::Papers(p)) = app.overlays.last() else {
        panic!("papers");
    };
    assert_eq!(p.label, d.code);
    assert_eq!(p.rows.len(), 1);
    app.handle_key(key(KeyCode::Enter));
    assert!(status(app).contains("01/2026"), "{}", status(app));
}

#[test]
fn a_visit_without_documents_or_transfer_has_no_paper_and_says_so() {
    let mut store = Store::open_in_memory().unwrap();
    let actor = store_with_officer(&mut store);
    let mut d = draft("Vũ Văn Không", "001203004568");
    d.handling = "luu_don".into();
    save(&mut store, &actor, &valid(&d));
    let mut app = app_as(store, actor);
    app.apply(Command::Open);
    app.handle_key(key(KeyCode::Char('p')));
    assert!(matches!(app.overlays.last(), Some(Overlay::Detail(_))));
    assert!(
        status(&app).contains("Không có giấy tờ"),
        "{}",
        status(&app)
    );
}
