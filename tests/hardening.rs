//! Hardening: control characters and bidi overrides never stored nor replayed to a terminal,
//! random input never panics, two windows keep their own drafts, a damaged or read-only book
//! is met with words, not SQLite's.

mod common;

use common::*;
use rand::{Rng, SeedableRng};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::{App, Context, Overlay, Question};
use tiepdan::domain::identity::Viewer;
use tiepdan::domain::text::is_unsafe;
use tiepdan::i18n::Lang;
use tiepdan::store::{OpenError, Store};

fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.viewport = (w, h);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| tiepdan::ui::draw(f, app)).unwrap();
    t
}

/// No cell of the frame holds a control or bidi character.
fn safe_frame(t: &Terminal<TestBackend>) -> bool {
    t.backend()
        .buffer()
        .content
        .iter()
        .all(|c| !c.symbol().chars().any(is_unsafe))
}

fn lookup_cli(path: &std::path::Path, q: &str, json: bool) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"));
    cmd.args(["--db", path.to_str().unwrap(), "lookup", q]);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A visit typed and pasted as an officer would, `name` pasted into the name field.
fn log_with_pasted_name(app: &mut App, name: &str) {
    app.handle_key(key(KeyCode::Char('n')));
    app.handle_paste(name);
    tab(app);
    for text in ["001085012345", "0912345678", "Số 1 phố Huế"] {
        type_str(app, text);
        tab(app);
    }
    tab(app);
    tab(app);
    for text in [
        "khieu_nai",
        "dat_dai",
        "Khiếu nại thu hồi đất",
        "",
        "huong_dan",
    ] {
        type_str(app, text);
        tab(app);
    }
    app.handle_key(ctrl('s'));
}

#[test]
fn a_pasted_escape_sequence_is_stored_clean_and_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store_with_officer(&mut store);
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    log_with_pasted_name(&mut app, "X\x1b[2J\x1b]0;PWNED\x07 Nguy\u{202E}ễn");
    assert_eq!(app.context(), Context::Log, "{:?}", app.status);
    let row = &app.log.rows[0];
    assert_eq!(
        Viewer::nobody().name_of(&row.citizen),
        Some("X[2J]0;PWNED Nguyễn")
    );
    assert!(safe_frame(&render(&mut app, 120, 30)));
    for json in [false, true] {
        let out = lookup_cli(&path, "PWNED", json);
        assert!(out.contains("PWNED"), "{out}");
        assert!(!out.contains('\x1b') && !out.contains("\\u001b"), "{out}");
        assert!(
            !out.contains('\u{202E}') && !out.contains("\\u202e"),
            "{out}"
        );
    }
}

#[test]
fn text_written_past_the_app_is_shown_safely() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    save(
        &mut store,
        &officer,
        &valid(&draft("Lê Văn An", "001085012345")),
    );
    drop(store);
    // Someone edits the file directly and plants escapes.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "UPDATE visits SET content = 'Khiếu nại ' || char(27) || '[2J' || char(8238) || ' thu hồi đất';
             UPDATE citizens SET full_name = 'Lê ' || char(27) || ']0;X' || char(7) || 'Văn An';",
        )
        .unwrap();
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    assert!(safe_frame(&render(&mut app, 120, 30)));
    app.handle_key(key(KeyCode::Enter));
    assert!(safe_frame(&render(&mut app, 120, 30)));
    let out = lookup_cli(&path, "thu hoi dat", false);
    assert!(!out.chars().any(is_unsafe), "{out:?}");
}

/// Random Unicode — controls, bidi characters, combining marks, emoji, very long text —
/// typed and pasted anywhere in the form, saved, drawn at any size: no panic, and nothing
/// unsafe stored or drawn.
#[test]
fn random_input_never_panics_nor_reaches_the_terminal() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(14);
    let pool: Vec<char> = [
        '\x00', '\x07', '\x08', '\t', '\n', '\r', '\x1b', '\x7f', '\u{85}', '\u{9b}', '\u{200e}',
        '\u{202e}', '\u{2066}', '\u{2028}', '\u{301}', '\u{302}', '\u{303}', 'a', 'Đ', 'ư', 'ơ',
        'ế', '0', '9', ' ', ';', '"', '\'', '%', '_', '🙂', '漢', '\u{fffd}',
    ]
    .into();
    let random_text = |rng: &mut rand_chacha::ChaCha8Rng| -> String {
        let n = if rng.random_ratio(1, 20) {
            rng.random_range(1000..5000)
        } else {
            rng.random_range(0..40)
        };
        (0..n)
            .map(|_| pool[rng.random_range(0..pool.len())])
            .collect()
    };
    let mut app = app();
    for round in 0..150 {
        app.handle_key(key(KeyCode::Char('n')));
        for _ in 0..rng.random_range(1..25) {
            match rng.random_range(0..4) {
                0 => app.handle_paste(&random_text(&mut rng)),
                1 => {
                    for c in random_text(&mut rng).chars().take(30) {
                        app.handle_key(key(KeyCode::Char(c)));
                    }
                }
                2 => tab(&mut app),
                _ => app.handle_key(key(KeyCode::Backspace)),
            }
        }
        app.handle_key(ctrl('s'));
        let (w, h) = [(80, 24), (40, 12), (160, 45), (30, 8)][round % 4];
        assert!(safe_frame(&render(&mut app, w, h)), "round {round}");
        // Leave whatever is open (a question, the form) without saving.
        for _ in 0..4 {
            match app.overlays.last() {
                Some(Overlay::Confirm(_)) => app.handle_key(key(KeyCode::Char('y'))),
                Some(_) => app.handle_key(key(KeyCode::Esc)),
                None => break,
            }
        }
        app.overlays.clear();
    }
    // Everything saved is safe text.
    let stored: Vec<String> = app
        .store
        .inspect(
            "SELECT full_name || address FROM citizens
             UNION ALL SELECT content || note || prior_agencies FROM visits",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for s in stored {
        assert!(!s.chars().any(is_unsafe), "{s:?}");
    }
}

#[test]
fn two_windows_of_one_officer_keep_both_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store_with_officer(&mut store);
    }
    // Two windows open at once, the same officer typing in both.
    let mut windows: Vec<App> = (0..2)
        .map(|_| start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap())
        .collect();
    for (app, name) in windows.iter_mut().zip(["Cửa sổ Một", "Cửa sổ Hai"]) {
        app.handle_key(key(KeyCode::Char('n')));
        type_str(app, name);
        app.save_draft();
    }
    // Both die with their forms open.
    drop(windows);
    let mut app = start(Store::open(&path).unwrap(), Lang::Vi, fixed_clock()).unwrap();
    let Some(Overlay::Confirm(Question::RestoreDraft { draft, more, .. })) = app.overlays.last()
    else {
        panic!("a draft is offered")
    };
    assert_eq!(*more, 1, "and the other waits");
    let first = draft.full_name.clone();
    app.handle_key(key(KeyCode::Char('y')));
    assert_eq!(
        app.form()
            .unwrap()
            .value(tiepdan::domain::visit::FormField::FullName),
        first
    );
    // Done with the first (discarded): the second is offered.
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('y')));
    let Some(Overlay::Confirm(Question::RestoreDraft { draft, more, .. })) = app.overlays.last()
    else {
        panic!("the second draft is offered")
    };
    assert_eq!(*more, 0);
    assert_ne!(draft.full_name, first);
    let mut names = vec![first, draft.full_name.clone()];
    names.sort();
    assert_eq!(names, ["Cửa sổ Hai", "Cửa sổ Một"]);
}

#[test]
fn a_damaged_book_is_named_so_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        let officer = store_with_officer(&mut store);
        for i in 0..40 {
            let id = format!("0010850{i:05}");
            save(
                &mut store,
                &officer,
                &valid(&draft(&format!("Công dân {i}"), &id)),
            );
        }
    }
    // A copy that stopped halfway.
    let bytes = std::fs::read(&path).unwrap();
    let cut = &bytes[..bytes.len() / 3];
    std::fs::write(&path, cut).unwrap();
    match Store::open(&path) {
        Err(OpenError::Damaged(_)) => {}
        Err(other) => panic!("{other:?}"),
        Ok(_) => panic!("a cut file opened"),
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiepdan"))
        .args(["--db", path.to_str().unwrap(), "lookup", "cong dan"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bị hỏng hoặc bị cắt cụt"), "{err}");
    assert!(err.contains("sao lưu"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), cut, "left as it is");
}

#[test]
fn a_read_only_book_opens_in_the_app_and_refuses_writes_with_words() {
    let (_dir, path, store, _) = book_with_a_visit("Lê Văn An", "001085099999");
    drop(store);
    let before = std::fs::read(&path).unwrap();
    let mut app = start(
        Store::open_read_only(&path).unwrap(),
        Lang::Vi,
        fixed_clock(),
    )
    .unwrap();
    assert!(app.actor.is_some(), "signing in reads only");
    let screen = format!("{}", render(&mut app, 120, 30).backend());
    assert!(screen.contains("CHỈ ĐỌC"), "{screen}");
    assert!(screen.contains("Lê Văn An"), "{screen}");
    log_with_pasted_name(&mut app, "Trần Văn Bình");
    assert_eq!(app.context(), Context::Form, "the form stays as typed");
    let st = app.status.clone().unwrap();
    assert!(st.text.contains("chỉ đọc"), "{}", st.text);
    drop(app);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
