//! Reception at the desk (issue 29) on a real book file: the citizen's requests and the
//! account read back (Luật TCD Art 25(2), 30(1)); a refusal (Luật TCD Art 9; NĐ 154/2026
//! Art 4, UNVERIFIED) with its ground, its written notice due on the board (3 working days,
//! Art 4(3)) until recorded, journaled, and counted in no table of TT 06/2025 — only in the
//! summary.

mod common;

use chrono::NaiveDate;
use common::*;
use tiepdan::domain::deadline::Obligation;
use tiepdan::domain::refusal::RefusalGround;
use tiepdan::domain::report::{Figure, Period};
use tiepdan::domain::visit::{AccountRead, Handling};
use tiepdan::i18n::Lang;
use tiepdan::store::{Actor, Store, VisitInput};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn book() -> (tempfile::TempDir, Store, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("so.tiepdan")).unwrap();
    let actor = store_with_officer(&mut store);
    (dir, store, actor)
}

/// Save a visit typed on `day` (dd/mm/yyyy) at 09:00.
fn save_on(store: &mut Store, actor: &Actor, draft: &tiepdan::domain::visit::VisitDraft) -> String {
    let v = valid(draft);
    let day = v.day;
    write(store, actor, |w| {
        w.save_visit(
            &VisitInput {
                visit: &v,
                day,
                time: "09:00".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &tiepdan::domain::intake::CaseChoice::OpenNew,
        )
    })
    .uid
}

fn refusal(name: &str, id: &str, ground: &str, day: &str) -> tiepdan::domain::visit::VisitDraft {
    let mut r = draft(name, id);
    r.handling = "tu_choi".into();
    r.refusal_ground = ground.into();
    r.people = "2".into();
    r.petitions = "0".into();
    r.day = day.into();
    r.content = "Tiếp tục khiếu nại quyết định đã giải quyết đúng".into();
    r
}

#[test]
fn the_requests_and_the_account_read_back_are_kept_and_shown() {
    let (_dir, mut store, actor) = book();
    let mut v = draft("Lê Thị Hoa", "001085000111");
    v.requests = "Đề nghị hủy Quyết định số 12/QĐ-UBND".into();
    v.account_read = "diem_chi".into();
    let uid = save(&mut store, &actor, &valid(&v));
    let detail = store.visit_detail(&uid).unwrap();
    assert_eq!(detail.requests, "Đề nghị hủy Quyết định số 12/QĐ-UBND");
    assert_eq!(detail.account_read, Some(AccountRead::Fingerprinted));
    assert_eq!(detail.refusal_ground, None);
    // The edit form gets them back as typed.
    let draft = detail
        .to_draft(&tiepdan::domain::identity::Viewer::nobody())
        .unwrap();
    assert_eq!(draft.requests, v.requests);
    assert_eq!(draft.account_read, "diem_chi");
    // The sổ's Nội dung column carries them (the layout has no column of its own).
    let mut lines = vec![];
    store
        .book_lines::<tiepdan::store::StoreError>(today(), today(), |l| {
            lines.push(l);
            Ok(())
        })
        .unwrap();
    assert_eq!(lines[0].requests, v.requests);
    // The journal holds the new fields and check agrees with the book.
    assert!(store.verify_book(None).unwrap().ok());
}

#[test]
fn a_refusal_owes_its_notice_on_the_board_until_it_is_recorded() {
    let (_dir, mut store, actor) = book();
    // Wednesday 18/11/2026, Art 9(3): the written notice within 03 working days (NĐ 154/2026
    // Art 4(3)) → Thu 19, Fri 20, Mon 23/11.
    let uid = save_on(
        &mut store,
        &actor,
        &refusal("Phạm Văn Tú", "001085000222", "tcd9_3", "18/11/2026"),
    );
    // Art 9(1) is explained in person: no notice, nothing on the board.
    let _other = save_on(
        &mut store,
        &actor,
        &refusal("Vũ Văn Say", "001085000333", "tcd9_1", "18/11/2026"),
    );
    let detail = store.visit_detail(&uid).unwrap();
    assert_eq!(detail.row.handling, Handling::TuChoi);
    assert_eq!(detail.refusal_ground, Some(RefusalGround::Persistent));
    assert!(detail.refusal_notice_owed());
    assert_eq!(detail.row.case_code, None, "a refusal opens no case");
    let cal = store.calendar().unwrap();
    let board = store.board(today(), &cal, 100).unwrap();
    let duties: Vec<_> = board.rows.iter().filter(|r| r.duty.is_some()).collect();
    assert_eq!(duties.len(), 1, "{:?}", board.rows);
    assert_eq!(duties[0].obligation, Obligation::RefusalNotice);
    assert_eq!(duties[0].due_on, d("2026-11-23"));
    assert_eq!(
        duties[0].duty.as_ref().unwrap().of,
        tiepdan::store::DutyOf::Visit(uid.clone())
    );
    assert_eq!(board.within3, 1);
    // The status line counts it as the board does: due on the 23rd, overdue after.
    assert_eq!(
        store.deadline_alerts(d("2026-11-23"), &cal).unwrap(),
        (0, 1)
    );
    assert_eq!(
        store.deadline_alerts(d("2026-11-24"), &cal).unwrap(),
        (1, 0)
    );
    // A notice is never dated before the refusal, nor after today.
    let version = detail.row.version;
    let early = store.write(&actor, |w| {
        w.record_refusal_notice(&uid, version, d("2026-11-17"), today())
    });
    assert!(early.is_err());
    write(&mut store, &actor, |w| {
        w.record_refusal_notice(&uid, version, d("2026-11-20"), today())
    });
    let detail = store.visit_detail(&uid).unwrap();
    assert_eq!(detail.refusal_notice_on, Some(d("2026-11-20")));
    assert!(!detail.refusal_notice_owed());
    let board = store.board(today(), &cal, 100).unwrap();
    assert!(board.rows.iter().all(|r| r.duty.is_none()));
    assert_eq!(board.within3, 0);
    // A visit that is not such a refusal owes none.
    let plain = save(
        &mut store,
        &actor,
        &valid(&draft("Hồ Văn Cư", "001085000444")),
    );
    let v = store.visit_detail(&plain).unwrap().row.version;
    assert!(
        store
            .write(&actor, |w| w.record_refusal_notice(
                &plain,
                v,
                today(),
                today()
            ))
            .is_err()
    );
    assert!(store.verify_book(None).unwrap().ok());
}

/// Before 01/7/2026 no rule gives the notice a time limit (TT 06/2014 Art 4): nothing on the
/// board, the visit still says the notice is owed.
#[test]
fn a_refusal_before_the_decree_has_no_due_date() {
    let (_dir, mut store, actor) = book();
    let uid = save_on(
        &mut store,
        &actor,
        &refusal("Đinh Văn Khoa", "001085000555", "tcd9_3", "15/06/2026"),
    );
    assert!(store.visit_detail(&uid).unwrap().refusal_notice_owed());
    let cal = store.calendar().unwrap();
    assert!(store.visit_duties(&cal).unwrap().is_empty());
}

/// A refused person is logged, not received: every cell of TT 06/2025's tables is what it is
/// without the refusal; the summary counts it (lượt and người) and says it.
#[test]
fn a_refusal_is_counted_in_no_table_and_in_the_summary() {
    let (_dir, mut store, actor) = book();
    let mut received = draft("Ngô Văn Lợi", "001085000666");
    received.day = "18/11/2026".into();
    received.handling = "huong_dan".into();
    save_on(&mut store, &actor, &received);
    let period = Period::parse("2026-11").unwrap();
    let before = store.period_report(period, today()).unwrap();
    // The same citizen refused later the same day (same matter): neither the first/repeat
    // mark nor any matter moves.
    let mut again = refusal("Ngô Văn Lợi", "001085000666", "tcd9_2", "18/11/2026");
    again.content = received.content.clone();
    save_on(&mut store, &actor, &again);
    let after = store.period_report(period, today()).unwrap();
    assert_eq!(before.tables.len(), after.tables.len());
    for (a, b) in before.tables.iter().zip(&after.tables) {
        for (x, y) in a.cells.iter().zip(&b.cells) {
            assert_eq!(x.value, y.value, "{} ({})", a.form.code(), x.no);
        }
    }
    assert_eq!(after.figure(Figure::Visits), before.figure(Figure::Visits));
    assert_eq!(after.figure(Figure::Refused), 1);
    assert_eq!(after.figure(Figure::RefusedPeople), 2);
    assert_eq!(before.figure(Figure::Refused), 0);
    let text = tiepdan::i18n::report_paragraph(Lang::Vi, "UBND phường Ba Đình", &after);
    assert!(text.contains("từ chối tiếp 01 lượt (02 người)"), "{text}");
    let text = tiepdan::i18n::report_paragraph(Lang::Vi, "UBND phường Ba Đình", &before);
    assert!(!text.contains("từ chối tiếp"), "{text}");
}

/// A book journaled before 0027 (version 18; so before 0028's sealing too) is upgraded in place: its visits restated with
/// their new fields and the new duty rules entered in the journal, so `check` agrees.
#[test]
fn a_journaled_book_upgrades_and_checks() {
    let (dir, mut store, actor) = book();
    save(
        &mut store,
        &actor,
        &valid(&draft("Tạ Văn Bền", "001085000777")),
    );
    drop(store);
    let path = dir.path().join("so.tiepdan");
    {
        // Back to the version before 0027, as a book of that version is (the visits' new
        // columns are rebuilt by the upgrade; its rules were not there).
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "PRAGMA foreign_keys = OFF;
             DELETE FROM deadline_rules WHERE obligation IN
               ('thong_bao_tu_choi', 'niem_yet_lich', 'thong_bao_doi_thoai');
             DROP TABLE reception_plans;
             DROP TABLE reception_days;
             -- and what 0028 (sealing), 0029 (papers) and 0031 (dialogues) brought after it
             DROP TABLE dialogue_promises;
             DROP TABLE dialogues;
             DROP TABLE paper_prints;
             DROP TABLE papers;
             DROP TABLE visit_documents;
             DROP INDEX citizens_by_blind_id;
             DROP INDEX citizens_by_blind_name_phone;
             ALTER TABLE citizens DROP COLUMN sealed;
             ALTER TABLE citizens DROP COLUMN blind_id;
             ALTER TABLE citizens DROP COLUMN blind_name_phone;
             DROP TABLE officer_keys;
             DROP TABLE unit_key_wraps;
             DROP TABLE unit_keys;
             -- and what 0030 (denunciations apart) brought
             ALTER TABLE visits DROP COLUMN sealed_representatives;
             -- and 0032 (merging desks)
             DROP TABLE citizen_aliases;
             DROP TABLE merge_origins;
             PRAGMA user_version = 18;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let rules = store.deadline_rules().unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r.obligation == Obligation::RefusalNotice)
    );
    let check = store.verify_book(None).unwrap();
    assert!(check.ok(), "{check:?}");
}

fn weekly_thursdays(from: &str) -> tiepdan::domain::schedule::Plan {
    tiepdan::domain::schedule::Plan {
        id: 0,
        uid: String::new(),
        leader: "Chủ tịch UBND phường Ba Đình".into(),
        pattern: tiepdan::domain::schedule::Pattern::Weekly,
        weekday: Some(chrono::Weekday::Thu),
        days: vec![],
        place: "Trụ sở tiếp công dân".into(),
        effective_from: d(from),
        effective_to: None,
        version: 1,
    }
}

/// Luật TCD Art 24(4): each day of the schedule posted at least 05 working days before. A
/// Thursday plan from 01/11/2026, on Sunday 22/11: Thursday 26/11 was to be posted by
/// Thursday 19/11 (Wed 25, Tue 24, Mon 23, Fri 20, Thu 19) — overdue; 03/12 by 26/11.
/// Recorded posted, the day leaves the board. A change of plan ends the old one the day
/// before.
#[test]
fn the_schedule_is_posted_five_working_days_before_each_day() {
    let (_dir, mut store, actor) = book();
    write(&mut store, &actor, |w| {
        w.set_reception_plan(&weekly_thursdays("2026-11-01"))
    });
    let cal = store.calendar().unwrap();
    let rows = store.schedule_duties(today(), &cal).unwrap();
    let first: Vec<(String, NaiveDate)> = rows
        .iter()
        .take(2)
        .map(|r| (r.code.clone(), r.due_on))
        .collect();
    assert_eq!(
        first,
        vec![
            ("26/11/2026".to_owned(), d("2026-11-19")),
            ("03/12/2026".to_owned(), d("2026-11-26")),
        ]
    );
    assert!(
        rows.iter()
            .all(|r| r.obligation == Obligation::PostSchedule)
    );
    let board = store.board(today(), &cal, 100).unwrap();
    assert_eq!(board.overdue, 1, "26/11 not posted by 19/11");
    write(&mut store, &actor, |w| {
        w.record_reception_day(d("2026-11-26"), Some(d("2026-11-18")), None, None, "")
    });
    let rows = store.schedule_duties(today(), &cal).unwrap();
    assert_eq!(rows[0].code, "03/12/2026");
    // A posting is never after its day; a day moves only when postponed.
    assert!(
        store
            .write(&actor, |w| w.record_reception_day(
                d("2026-11-26"),
                Some(d("2026-11-27")),
                None,
                None,
                ""
            ))
            .is_err()
    );
    // From 01/12 Mondays: the Thursday plan ends on 30/11.
    let mut mondays = weekly_thursdays("2026-12-01");
    mondays.weekday = Some(chrono::Weekday::Mon);
    write(&mut store, &actor, |w| w.set_reception_plan(&mondays));
    let plans = store.reception_plans().unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0].effective_to, Some(d("2026-11-30")));
    // A plan before the newest one's first day is refused (change it from its day).
    assert!(
        store
            .write(&actor, |w| w
                .set_reception_plan(&weekly_thursdays("2026-11-15")))
            .is_err()
    );
    assert!(store.verify_book(None).unwrap().ok());
}

/// A day of the schedule that falls on a day off moves to the next working day (local
/// practice, DOMAIN.md §6): Thursday 30/04/2026 → Monday 04/05/2026 (01/05 off, then the
/// weekend).
#[test]
fn a_planned_day_off_moves_to_the_next_working_day() {
    let (_dir, mut store, actor) = book();
    write(&mut store, &actor, |w| {
        w.set_reception_plan(&weekly_thursdays("2026-04-01"))
    });
    let cal = store.calendar().unwrap();
    let plans = store.reception_plans().unwrap();
    let days: Vec<NaiveDate> =
        tiepdan::domain::schedule::planned_days(&plans, &cal, d("2026-04-27"), d("2026-05-10"))
            .into_iter()
            .map(|p| p.day)
            .collect();
    assert_eq!(days, vec![d("2026-05-04"), d("2026-05-07")]);
}

fn head_visit(store: &mut Store, actor: &Actor, day: &str, role: &str) {
    let mut v = draft("Lý Văn Mạnh", "001085000888");
    v.form = "dot_xuat".into();
    v.presiding = "Chủ tịch UBND phường".into();
    v.presider_role = role.into();
    v.handling = "huong_dan".into();
    v.day = day.into();
    save_on(store, actor, &v);
}

/// TT 06/2025 01/TCD (10) and (16), "số ngày tiếp" — the days publicly announced: with a
/// schedule, its days up to the day judged on (22/11/2026), unless postponed, in the block
/// of who received, plus the days off it the head (or a deputy) received someone. Thursdays
/// of November 2026: 05 (nothing recorded: announced, in person), 12 (a deputy, nobody
/// came: (16)), 19 (postponed: none), 26 (after 22/11: not yet); Tuesday 17 an ad hoc
/// session in person (off the schedule: (10)). So (10) = 2, (16) = 1. The forms' identities
/// still hold.
#[test]
fn the_days_announced_feed_columns_10_and_16() {
    use tiepdan::domain::report::Form;
    let (_dir, mut store, actor) = book();
    head_visit(&mut store, &actor, "17/11/2026", "truc_tiep");
    let november = Period::parse("2026-11").unwrap();
    // Without a schedule: the days a session received someone (17/11).
    let r = store.period_report(november, today()).unwrap();
    assert!(!r.has_schedule());
    assert_eq!(r.cell(Form::T6Tcd01, 10).and_then(|c| c.value), Some(1));
    assert_eq!(r.cell(Form::T6Tcd01, 16).and_then(|c| c.value), Some(0));
    write(&mut store, &actor, |w| {
        w.set_reception_plan(&weekly_thursdays("2026-10-01"))
    });
    write(&mut store, &actor, |w| {
        w.record_reception_day(
            d("2026-11-12"),
            None,
            Some(tiepdan::domain::schedule::DayMark::DelegatedNoVisitors),
            None,
            "",
        )
    });
    write(&mut store, &actor, |w| {
        w.record_reception_day(
            d("2026-11-19"),
            None,
            Some(tiepdan::domain::schedule::DayMark::Postponed),
            Some(d("2026-11-20")),
            "Chủ tịch họp đột xuất",
        )
    });
    let r = store.period_report(november, today()).unwrap();
    let cell = |no| r.cell(Form::T6Tcd01, no).and_then(|c| c.value);
    assert_eq!(cell(10), Some(2));
    assert_eq!(cell(16), Some(1));
    // The visits are as before: one, in person.
    assert_eq!(cell(11), Some(1));
    assert_eq!(cell(17), Some(0));
    assert_eq!(cell(1), Some(1));
    assert_eq!(
        cell(1),
        Some(cell(5).unwrap() + cell(11).unwrap() + cell(17).unwrap())
    );
    // Ended from 01/11: November has no schedule again.
    write(&mut store, &actor, |w| {
        w.end_reception_plans(d("2026-11-01"))
    });
    let r = store.period_report(november, today()).unwrap();
    assert_eq!(r.cell(Form::T6Tcd01, 10).and_then(|c| c.value), Some(1));
    assert!(store.verify_book(None).unwrap().ok());
}

/// The legal minimum (Luật 136/2025: a commune chairman 2 days a month in person from
/// 01/7/2026): October 2026 with one day held in person (08/10, nobody came) and one by a
/// deputy (15/10) is short — flagged and counted; the summary says it.
#[test]
fn a_month_short_of_the_minimum_is_counted() {
    let (_dir, mut store, actor) = book();
    write(&mut store, &actor, |w| {
        w.set_setting(tiepdan::store::settings::UNIT_LEVEL, "xa")
    });
    write(&mut store, &actor, |w| {
        w.set_reception_plan(&weekly_thursdays("2026-10-01"))
    });
    write(&mut store, &actor, |w| {
        w.record_reception_day(
            d("2026-10-08"),
            None,
            Some(tiepdan::domain::schedule::DayMark::HeldNoVisitors),
            None,
            "",
        )
    });
    head_visit(&mut store, &actor, "15/10/2026", "uy_quyen");
    let r = store
        .period_report(Period::parse("2026-10").unwrap(), today())
        .unwrap();
    assert_eq!(r.figure(Figure::ScheduleShort), 1);
    assert_eq!(r.shortfalls[0].held, 1);
    assert_eq!(r.shortfalls[0].required, 2);
    let text = tiepdan::i18n::report_paragraph(Lang::Vi, "UBND phường Ba Đình", &r);
    assert!(
        text.contains("chưa trực tiếp tiếp đủ số ngày tối thiểu trong 01"),
        "{text}"
    );
    // A second day in person (22/10) meets it.
    write(&mut store, &actor, |w| {
        w.record_reception_day(
            d("2026-10-22"),
            None,
            Some(tiepdan::domain::schedule::DayMark::HeldNoVisitors),
            None,
            "",
        )
    });
    let r = store
        .period_report(Period::parse("2026-10").unwrap(), today())
        .unwrap();
    assert_eq!(r.figure(Figure::ScheduleShort), 0);
}

/// `tiepdan schedule`: a plan set, days recorded (PIN from standard input), a month listed
/// as the book shows it.
#[test]
fn the_schedule_from_the_command_line() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store_with_officer(&mut store);
    }
    let run = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tiepdan"))
            .arg("--db")
            .arg(&path)
            .args(["--lang", "vi", "schedule"])
            .args(args)
            .env("TIEPDAN_TEST_KDF", "cheap")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{PIN}\n").as_bytes());
        let o = child.wait_with_output().unwrap();
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    run(&[
        "set",
        "--leader",
        "Chủ tịch UBND phường",
        "--from",
        "01/11/2026",
        "--weekly",
        "4",
        "--pin-stdin",
    ]);
    run(&["mark", "12/11/2026", "delegated", "--pin-stdin"]);
    run(&[
        "mark",
        "19/11/2026",
        "postponed",
        "--to",
        "20/11/2026",
        "--pin-stdin",
    ]);
    run(&[
        "mark",
        "26/11/2026",
        "posted",
        "--on",
        "18/11/2026",
        "--pin-stdin",
    ]);
    let list = run(&["list", "--month", "11/2026"]);
    let days: Vec<&str> = list.lines().skip(1).collect();
    assert_eq!(
        days,
        vec![
            "05/11/2026  chưa ghi",
            "12/11/2026  ủy quyền",
            "19/11/2026  lùi lịch",
            "26/11/2026  chưa ghi · niêm yết 18/11/2026",
        ],
        "{list}"
    );
    assert!(
        list.lines()
            .next()
            .unwrap()
            .contains("Chủ tịch UBND phường")
    );
}

/// The schedule screen (catalog `6`, then `s`), on Sunday 22/11/2026 with a Thursday plan:
/// the month's days with how each stands; `p` records the selected day posted today, `u`
/// a deputy received. Drawn at 80×24 and at the smallest size.
#[test]
fn the_schedule_screen_lists_the_month_and_marks_a_day() {
    use ratatui::crossterm::event::KeyCode;
    let mut store = Store::open_in_memory().unwrap();
    let actor = store_with_officer(&mut store);
    write(&mut store, &actor, |w| {
        w.set_reception_plan(&weekly_thursdays("2026-11-01"))
    });
    let mut app = app_as(store, actor);
    app.handle_key(key(KeyCode::Char('6')));
    app.handle_key(key(KeyCode::Char('s')));
    assert!(matches!(
        app.overlays.last(),
        Some(tiepdan::app::Overlay::Schedule(_))
    ));
    // The first day from today on is selected: Thursday 26/11, not yet posted.
    let sel = |app: &tiepdan::app::App| match app.overlays.last() {
        Some(tiepdan::app::Overlay::Schedule(v)) => v.selected().cloned().unwrap(),
        _ => panic!("the schedule"),
    };
    assert_eq!(sel(&app).day, d("2026-11-26"));
    insta::assert_snapshot!("schedule_80x24", screen_of(&mut app, 80, 24));
    app.handle_key(key(KeyCode::Char('p')));
    let line = sel(&app);
    assert_eq!(line.day, d("2026-11-26"));
    assert_eq!(line.record.unwrap().posted_on, Some(today()));
    // Thursday 19/11 (past): a deputy received, nobody came.
    app.handle_key(key(KeyCode::Up));
    app.handle_key(key(KeyCode::Char('u')));
    assert_eq!(
        sel(&app).status,
        tiepdan::domain::schedule::DayStatus::Delegated
    );
    insta::assert_snapshot!(
        "schedule_small",
        screen_of(&mut app, tiepdan::app::MIN_WIDTH, tiepdan::app::MIN_HEIGHT)
    );
    // `]` shows December (Thursdays 3, 10, 17, 24, 31).
    app.handle_key(key(KeyCode::Char(']')));
    match app.overlays.last() {
        Some(tiepdan::app::Overlay::Schedule(v)) => assert_eq!(v.days.len(), 5),
        _ => panic!("the schedule"),
    }
    app.handle_key(key(KeyCode::Esc));
    assert!(app.overlays.is_empty());
}

/// The day's header counts a refused reception apart, in none of the visits, people or
/// petitions (as the reports' tables), and says how many were refused.
#[test]
fn the_day_header_counts_a_refusal_apart() {
    let (_dir, mut store, actor) = book();
    let mut received = draft("Ngô Văn Lợi", "001085000666");
    received.day = "18/11/2026".into();
    received.handling = "huong_dan".into();
    save_on(&mut store, &actor, &received);
    let before = store.day_counters(d("2026-11-18"), 5).unwrap();
    assert_eq!((before.visits, before.refused), (1, 0));
    let again = refusal("Ngô Văn Lợi", "001085000666", "tcd9_2", "18/11/2026");
    save_on(&mut store, &actor, &again);
    let after = store.day_counters(d("2026-11-18"), 5).unwrap();
    assert_eq!(
        (after.visits, after.people, after.petitions, after.refused),
        (before.visits, before.people, before.petitions, 1)
    );
    assert_eq!(after.sessions, before.sessions);
}
