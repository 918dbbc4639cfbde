//! Switching panes reads the book again only when it changed (here or at another desk) or the
//! day turned: a key that changes nothing only redraws. The pane on screen follows another
//! desk's writes at the next tick.

mod common;

use common::*;
use ratatui::crossterm::event::KeyCode;
use tiepdan::app::Msg;
use tiepdan::i18n::Lang;
use tiepdan::store::Store;

#[test]
fn a_pane_is_read_again_only_when_the_book_changed() {
    let (_dir, path, store, officer) = book_with_a_visit("Lê Văn An", "001085011111");
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    app.handle_key(key(KeyCode::Char('2')));
    assert_eq!(app.queue.total, 1);
    // A marker only a reload would wipe.
    app.queue.total = 99;
    app.handle_key(key(KeyCode::Char('1')));
    app.handle_key(key(KeyCode::Char('2')));
    assert_eq!(app.queue.total, 99, "nothing changed: not read again");

    // Another desk takes in a second complaint.
    let mut other = Store::open(&path).unwrap();
    let desk2 = other
        .sign_in(officer.officer_id(), common::PIN, common::at(8, 15))
        .unwrap();
    save(
        &mut other,
        &desk2,
        &valid(&draft("Lê Văn Bình", "001085022222")),
    );
    // The pane on screen follows at the next tick.
    app.apply(Msg::Tick(std::time::Instant::now()));
    assert_eq!(app.queue.total, 2, "another desk's case shows");
    // A pane not on screen is read when shown: the log was read before that write.
    app.handle_key(key(KeyCode::Char('1')));
    assert_eq!(app.log.rows.len(), 2, "read again: the other desk's visit");
    app.log.rows.clear();
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('1')));
    assert!(app.log.rows.is_empty(), "unchanged since: not read again");
    save(
        &mut other,
        &desk2,
        &valid(&draft("Lê Văn Chi", "001085033333")),
    );
    app.handle_key(key(KeyCode::Char('2')));
    app.handle_key(key(KeyCode::Char('1')));
    assert_eq!(app.log.rows.len(), 3, "read again: three visits");
}

#[test]
fn an_own_write_makes_the_other_panes_current_again_when_shown() {
    let mut app = app();
    app.handle_key(key(KeyCode::Char('3')));
    let before = app.board.board.rows.len();
    app.handle_key(key(KeyCode::Char('1')));
    let actor = app.actor.clone().unwrap();
    save(
        &mut app.store,
        &actor,
        &valid(&draft("Lê Văn An", "001085011111")),
    );
    app.handle_key(key(KeyCode::Char('3')));
    assert!(
        app.board.board.rows.len() > before,
        "the new case's duty is on the board"
    );
}

#[test]
fn idle_time_reads_the_hidden_panes_once_so_their_first_key_only_redraws() {
    let mut app = app();
    let actor = app.actor.clone().unwrap();
    save(
        &mut app.store,
        &actor,
        &valid(&draft("Lê Văn An", "001085011111")),
    );
    // Idle turns of the loop: each reads one stale hidden pane, then there is nothing to do.
    let mut turns = 0;
    while app.warm_one() {
        turns += 1;
        assert!(turns <= 5, "warming ends");
    }
    assert!(turns >= 2, "the queue and the board were read ahead");
    assert_eq!(app.queue.total, 1);
    app.queue.total = 99;
    app.handle_key(key(KeyCode::Char('2')));
    assert_eq!(
        app.queue.total, 99,
        "the first visit of the queue only redraws"
    );
    // Under a form being typed, nothing is read ahead.
    app.handle_key(key(KeyCode::Char('1')));
    app.handle_key(key(KeyCode::Char('n')));
    save(
        &mut app.store,
        &actor,
        &valid(&draft("Lê Văn Bình", "001085022222")),
    );
    assert!(!app.warm_one());
}

/// Idle time reads the log's neighbouring days ahead, so that `[` `]` only redraw; a day read
/// ahead is shown only while the book is as it was then: another desk's visit on that day
/// shows at once, never a stale day.
#[test]
fn the_days_read_ahead_never_hide_a_later_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let officer = store_with_officer(&mut store);
    let day_before = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    save_on(
        &mut store,
        &officer,
        &valid(&draft("Lê Văn An", "001085011111")),
        day_before,
        "08:30",
    );
    save(
        &mut store,
        &officer,
        &valid(&draft("Lê Văn Bình", "001085022222")),
    );
    let mut app = start(store, Lang::Vi, fixed_clock()).unwrap();
    assert_eq!(app.log.day.to_string(), "2026-11-22");
    assert_eq!(app.log.rows.len(), 1);
    while app.warm_one() {}
    // Read ahead and unchanged: the day before as the book has it.
    app.handle_key(key(KeyCode::Char('[')));
    assert_eq!(app.log.day.to_string(), "2026-11-21");
    assert_eq!(app.log.rows.len(), 1);
    let first_uid = app.log.rows[0].uid.clone();
    app.handle_key(key(KeyCode::Char(']')));
    assert_eq!(app.log.day.to_string(), "2026-11-22");
    assert_eq!(app.log.rows.len(), 1);
    assert_ne!(app.log.rows[0].uid, first_uid);
    while app.warm_one() {}

    // Another desk logs a second visit on the 21st, after it was read ahead.
    let mut other = Store::open(&path).unwrap();
    let desk2 = other
        .sign_in(officer.officer_id(), common::PIN, common::at(8, 15))
        .unwrap();
    save_on(
        &mut other,
        &desk2,
        &valid(&draft("Lê Văn Chi", "001085033333")),
        day_before,
        "09:10",
    );
    app.handle_key(key(KeyCode::Char('[')));
    let times: Vec<&str> = app.log.rows.iter().map(|r| r.time.as_str()).collect();
    assert_eq!(times, ["08:30", "09:10"], "the other desk's visit shows");
    assert_eq!(app.log.rows[0].uid, first_uid);
    assert_eq!(app.log.counters.visits, 2);
    // Back and forth again, with this desk's own write in between.
    while app.warm_one() {}
    let actor = app.actor.clone().unwrap();
    save(
        &mut app.store,
        &actor,
        &valid(&draft("Lê Văn Dũng", "001085044444")),
    );
    app.handle_key(key(KeyCode::Char(']')));
    assert_eq!(
        app.log.rows.len(),
        2,
        "this desk's own write shows on the 22nd"
    );
}

/// [`save`] on another day and time.
fn save_on(
    store: &mut Store,
    actor: &tiepdan::store::Actor,
    v: &tiepdan::domain::visit::ValidVisit,
    day: chrono::NaiveDate,
    time: &str,
) {
    let mut i = input(v);
    i.day = day;
    i.time = time.into();
    write(store, actor, |w| {
        w.save_visit(&i, &tiepdan::domain::intake::CaseChoice::OpenNew)
    });
}
