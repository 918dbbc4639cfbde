//! Lookup: a table of tricky queries over a real database, the denouncer who must never be
//! found, and the index kept in step with the data.

mod common;

use chrono::NaiveDate;
use tiepdan::domain::case::CaseType;
use tiepdan::domain::identity::{Person, Viewer};
use tiepdan::domain::intake::CaseChoice;
use tiepdan::store::{Actor, CaseSource, NewCase, Store, VisitInput};

/// A name as someone who revealed nothing sees it (None for a masked one).
fn name(p: &Person) -> Option<&str> {
    Viewer::nobody().name_of(p)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct Fixture {
    store: Store,
}

fn visit(
    store: &mut Store,
    officer: &Actor,
    name: &str,
    id: &str,
    phone: &str,
    ptype: &str,
    content: &str,
) -> (String, i64) {
    let mut dr = common::draft(name, id);
    dr.phone = phone.into();
    dr.petition_type = ptype.into();
    dr.content = content.into();
    dr.handling = "huong_dan".into();
    let v = common::valid(&dr);
    let uid = common::write(store, officer, |w| {
        w.save_visit(
            &VisitInput {
                visit: &v,
                day: d("2026-11-20"),
                time: "08:00".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &CaseChoice::Ask,
        )
    })
    .uid;
    let citizen = store.visit_detail(&uid).unwrap().citizen_id;
    (uid, citizen)
}

fn case(store: &mut Store, officer: &Actor, t: CaseType, visit: &str, summary: &str) -> String {
    let c = NewCase {
        case_type: t,
        field_code: "dat_dai".into(),
        summary: summary.into(),
        source: CaseSource::Visit,
        forwarded_by: String::new(),
        forwarding_doc: String::new(),
        forwarder_kind: None,
        received_on: d("2026-11-20"),
        remote: false,
    };
    common::write(store, officer, |w| w.open_case_from_visit(visit, &c)).code
}

fn fixture() -> Fixture {
    let mut store = Store::open_in_memory().unwrap();
    let officer = common::store_with_officer(&mut store);
    let (v1, _) = visit(
        &mut store,
        &officer,
        "Nguyễn Văn Đức",
        "001085012345",
        "0912345678",
        "khieu_nai",
        "Khiếu nại quyết định thu hồi đất nông nghiệp",
    );
    assert_eq!(
        case(
            &mut store,
            &officer,
            CaseType::KhieuNai,
            &v1,
            "Khiếu nại thu hồi đất"
        ),
        "KN-2026-BD-0001"
    );
    visit(
        &mut store,
        &officer,
        "Nguyễn Văn Dục",
        "001085099999",
        "0987654321",
        "kien_nghi",
        "Kiến nghị sửa đường giao thông",
    );
    // A denouncer: never findable by name, ID or phone.
    let (v3, _) = visit(
        &mut store,
        &officer,
        "Phạm Thị Tố",
        "001190011111",
        "0977000111",
        "to_cao",
        "Tố cáo cán bộ địa chính nhận tiền",
    );
    assert_eq!(
        case(
            &mut store,
            &officer,
            CaseType::ToCao,
            &v3,
            "Tố cáo cán bộ địa chính nhận tiền"
        ),
        "TC-2026-BD-0001"
    );
    Fixture { store }
}

#[derive(Debug)]
enum Expect {
    Citizen(&'static str),
    NoCitizen,
    Case(&'static str),
    NoCase,
    Visits(usize),
    Nothing,
}

#[test]
fn tricky_queries() {
    use Expect::*;
    let f = fixture();
    let table: &[(&str, &[Expect])] = &[
        ("nguyen van du", &[Citizen("Nguyễn Văn Đức")]),
        (
            "NGUYỄN VĂN ĐỨC",
            &[Citizen("Nguyễn Văn Đức"), Citizen("Nguyễn Văn Dục")],
        ),
        (
            "Nguye\u{302}\u{303}n Va\u{306}n \u{110}u\u{31b}\u{301}c",
            &[Citizen("Nguyễn Văn Đức")],
        ),
        ("duc van nguyen", &[Citizen("Nguyễn Văn Đức")]),
        ("đức", &[Citizen("Nguyễn Văn Đức")]),
        ("n", &[Citizen("Nguyễn Văn Đức")]),
        ("001085012345", &[Citizen("Nguyễn Văn Đức"), NoCitizen]),
        ("2345", &[Citizen("Nguyễn Văn Đức")]),
        ("0912345678", &[Citizen("Nguyễn Văn Đức")]),
        ("0912 345 678", &[Citizen("Nguyễn Văn Đức")]),
        ("+84912345678", &[Citizen("Nguyễn Văn Đức")]),
        ("84-912-345-678", &[Citizen("Nguyễn Văn Đức")]),
        ("0912.345.678", &[Citizen("Nguyễn Văn Đức")]),
        ("kn2026bd0001", &[Case("KN-2026-BD-0001")]),
        ("KN-2026-BD-0001", &[Case("KN-2026-BD-0001")]),
        ("kn-2026-bd-0001", &[Case("KN-2026-BD-0001")]),
        ("doi can", &[Citizen("Nguyễn Văn Đức")]),
        ("thu hoi dat", &[Case("KN-2026-BD-0001"), Visits(1)]),
        ("giao thong", &[Visits(1), NoCase]),
        // The denouncer, by name, ID or phone: nothing.
        ("pham thi to", &[Nothing]),
        ("Phạm Thị Tố", &[Nothing]),
        ("001190011111", &[Nothing]),
        ("1111", &[NoCitizen]),
        ("0977000111", &[Nothing]),
        // The denunciation itself, by code or content: the case, with no name.
        ("tc2026bd0001", &[Case("TC-2026-BD-0001"), Visits(0)]),
        (
            "can bo dia chinh",
            &[Case("TC-2026-BD-0001"), Visits(0), NoCitizen],
        ),
        ("", &[Nothing]),
        ("\"", &[Nothing]),
        ("zzzz", &[Nothing]),
    ];
    for (q, expects) in table {
        let r = f.store.lookup(q, 10).unwrap();
        for e in *expects {
            let ok = match e {
                Citizen(n) => r.citizens.iter().any(|c| name(&c.person) == Some(*n)),
                NoCitizen => {
                    r.citizens
                        .iter()
                        .all(|c| name(&c.person) != Some("Phạm Thị Tố"))
                        && (!q.starts_with("00108501") || r.citizens.len() == 1)
                }
                Case(code) => r.cases.iter().any(|c| c.code == *code),
                NoCase => r.cases.is_empty(),
                Visits(n) => r.visits.len() == *n,
                Nothing => r.is_empty(),
            };
            assert!(ok, "{q:?}: expected {e:?}, got {r:#?}");
        }
        // Never, for any query, the denouncer.
        let shown = format!("{r:?}");
        assert!(
            !shown.contains("Phạm Thị Tố"),
            "{q:?} revealed the denouncer: {shown}"
        );
        assert!(!shown.contains("001190011111") && !shown.contains("0977000111"));
    }
    // The exact name comes first among names that differ by diacritics only.
    let r = f.store.lookup("Nguyễn Văn Đức", 10).unwrap();
    let names: Vec<_> = r.citizens.iter().map(|c| name(&c.person)).collect();
    assert_eq!(names, [Some("Nguyễn Văn Đức"), Some("Nguyễn Văn Dục")]);
    let r = f.store.lookup("Nguyễn Văn Dục", 10).unwrap();
    let names: Vec<_> = r.citizens.iter().map(|c| name(&c.person)).collect();
    assert_eq!(names, [Some("Nguyễn Văn Dục"), Some("Nguyễn Văn Đức")]);
    let r = f.store.lookup("001085012345", 10).unwrap();
    assert_eq!(name(&r.citizens[0].person), Some("Nguyễn Văn Đức"));
}

#[test]
fn the_index_follows_edits_and_a_case_shows_its_status_and_last_step() {
    let mut f = fixture();
    let officer = f
        .store
        .sign_in(
            f.store.officers().unwrap()[0].id,
            common::PIN,
            common::at(8, 15),
        )
        .unwrap();
    let uid = f.store.lookup("giao thong", 10).unwrap().visits[0]
        .uid
        .clone();
    let detail = f.store.visit_detail(&uid).unwrap();
    let mut dr = detail.to_draft(&Viewer::nobody()).unwrap();
    dr.content = "Kiến nghị lắp đèn chiếu sáng ngõ 8".into();
    let v = common::valid(&dr);
    common::write(&mut f.store, &officer, |w| {
        w.update_visit(
            &uid,
            detail.row.version,
            &VisitInput {
                visit: &v,
                day: d("2026-11-20"),
                time: "08:00".into(),
                citizen: None,
                rename_citizen: false,
                shared: Default::default(),
            },
            &CaseChoice::Ask,
        )
    });
    assert!(f.store.lookup("giao thong", 10).unwrap().visits.is_empty());
    assert_eq!(
        f.store.lookup("den chieu sang", 10).unwrap().visits.len(),
        1
    );
    let hit = &f.store.lookup("kn2026bd0001", 10).unwrap().cases[0];
    assert_eq!(name(&hit.citizen), Some("Nguyễn Văn Đức"));
    assert_eq!(hit.next_due, Some(d("2026-12-01")));
    assert_eq!(hit.last_step.as_ref().map(|s| s.1), Some(d("2026-11-20")));
}

#[test]
fn a_schema_3_database_gets_its_index_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.sqlite3");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for (_, sql) in &tiepdan::store::MIGRATION_FILES[..3] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "user_version", 3).unwrap();
        c.pragma_update(None, "application_id", tiepdan::store::APPLICATION_ID)
            .unwrap();
        c.execute_batch(
            "INSERT INTO officers (uid, full_name, created_at) VALUES ('o1', 'Nguyễn Thị Lan', '2026-03-01T08:00:00');
             INSERT INTO citizens (uid, full_name, name_folded, id_number, created_at, updated_at)
                 VALUES ('c1', 'Trần Văn Đức', 'tran van duc', '001085012345', '2026-03-01T08:00:00', '2026-03-01T08:00:00');
             INSERT INTO sessions (uid, day, form, created_at) VALUES ('s1', '2026-03-02', 'thuong_xuyen', '2026-03-02T08:00:00');
             INSERT INTO visits (uid, session_id, citizen_id, day, time, petition_type, field_id, content,
                                 handling, officer_id, created_at, updated_at)
                 VALUES ('v1', 1, 1, '2026-03-02', '08:00', 'khieu_nai', 1, 'Khiếu nại thu hồi đất',
                         'huong_dan', 1, '2026-03-02T08:00:00', '2026-03-02T08:00:00');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let r = store.lookup("tran van duc", 10).unwrap();
    assert_eq!(r.citizens.len(), 1);
    assert_eq!(r.visits.len(), 1);
    assert_eq!(store.lookup("2345", 10).unwrap().citizens.len(), 1);
}

/// The `/` box from any pane: results on every keystroke; Enter opens a citizen's history,
/// and a case from there.
#[test]
fn slash_finds_as_you_type_and_opens_the_history() {
    use ratatui::crossterm::event::KeyCode;
    use tiepdan::app::{Overlay, Pane};
    let f = fixture();
    let mut app = common::start(f.store, tiepdan::i18n::Lang::Vi, common::fixed_clock()).unwrap();
    app.handle_key(common::key(KeyCode::Char('2')));
    app.handle_key(common::key(KeyCode::Char('/')));
    assert!(matches!(app.overlays.last(), Some(Overlay::Lookup)));
    common::type_str(&mut app, "ng");
    assert!(
        !app.lookup.results.citizens.is_empty(),
        "results after two keys"
    );
    common::type_str(&mut app, "uyen van duc");
    // Two citizens fold to this name: both, the one seen last first.
    assert_eq!(app.lookup.results.citizens.len(), 2);
    // A second clue narrows it down: the last digits of the ID.
    common::type_str(&mut app, " 2345");
    assert_eq!(app.lookup.results.citizens.len(), 1);
    assert_eq!(
        name(&app.lookup.results.citizens[0].person),
        Some("Nguyễn Văn Đức")
    );
    // Letters and digits are text here, not commands: the query is intact.
    assert_eq!(app.lookup.text(), "nguyen van duc 2345");
    app.handle_key(common::key(KeyCode::Enter));
    let Some(Overlay::History(h)) = app.overlays.last() else {
        panic!("history opens")
    };
    assert_eq!(name(&h.citizen.person), Some("Nguyễn Văn Đức"));
    // A visit and its case on one timeline.
    assert_eq!(h.items.len(), 2);
    // Open the case from the history.
    let case_pos = h
        .items
        .iter()
        .position(|i| matches!(i, tiepdan::store::HistoryItem::Case { .. }))
        .unwrap();
    for _ in 0..case_pos {
        app.handle_key(common::key(KeyCode::Down));
    }
    app.handle_key(common::key(KeyCode::Enter));
    assert!(matches!(app.overlays.last(), Some(Overlay::Case(_))));
    // Esc, Esc, Esc: back to the queue.
    for _ in 0..3 {
        app.handle_key(common::key(KeyCode::Esc));
    }
    assert!(app.overlays.is_empty());
    assert_eq!(app.pane, Pane::Queue);

    // The Tra cứu tab: the same box in a pane; a code opens its case directly.
    app.handle_key(common::key(KeyCode::Char('4')));
    assert_eq!(app.pane, Pane::Lookup);
    app.handle_key(common::key(KeyCode::Esc)); // in the tab, Esc clears the box
    assert_eq!(app.lookup.text(), "");
    common::type_str(&mut app, "tc2026bd0001");
    assert_eq!(app.lookup.results.cases.len(), 1);
    assert!(name(&app.lookup.results.cases[0].citizen).is_none());
    app.handle_key(common::key(KeyCode::Enter));
    let Some(Overlay::Case(v)) = app.overlays.last() else {
        panic!("the case opens")
    };
    assert!(
        v.masked(&app.viewer),
        "a denunciation opened from the lookup stays masked"
    );
}

#[test]
fn repeat_petitions_are_marked_in_the_history() {
    let mut store = Store::open_in_memory().unwrap();
    let officer = common::store_with_officer(&mut store);
    for day in ["2026-10-01", "2026-11-01", "2026-11-20"] {
        let mut dr = common::draft("Trần Văn Đức", "001085012345");
        dr.handling = "huong_dan".into();
        let v = common::valid(&dr);
        common::write(&mut store, &officer, |w| {
            w.save_visit(
                &VisitInput {
                    visit: &v,
                    day: d(day),
                    time: "08:00".into(),
                    citizen: None,
                    rename_citizen: false,
                    shared: Default::default(),
                },
                &CaseChoice::OpenNew,
            )
        });
    }
    let id = store.lookup("tran van duc", 5).unwrap().citizens[0].id;
    let items = store.citizen_history(id).unwrap();
    let repeats: Vec<u32> = items
        .iter()
        .map(|i| match i {
            tiepdan::store::HistoryItem::Visit { repeat, .. } => *repeat,
            _ => 0,
        })
        .collect();
    assert_eq!(
        repeats,
        vec![3, 2, 1],
        "newest first, the third time marked"
    );
}

/// A pasted page (700 words, or 5,000) is looked up at once by its first words: the box
/// takes `MAX_QUERY_CHARS`, the plan `MAX_CLUES`, and the answer is still right (issue 22.7:
/// 700 words pasted into `/` took minutes and gigabytes, then aborted the app).
#[test]
fn a_pasted_page_is_looked_up_at_once_by_its_first_words() {
    use ratatui::crossterm::event::KeyCode;
    use tiepdan::domain::lookup::{MAX_CLUES, MAX_QUERY_CHARS, parse};
    let f = fixture();
    for n in [700, 5_000] {
        let page = "nguyen van duc 2345 ".repeat(n / 4);
        let q = parse(&page);
        assert!(q.is_cut());
        assert_eq!(q.clue_count(), MAX_CLUES);
        let r = f.store.lookup(&page, 10).unwrap();
        assert_eq!(r.citizens.len(), 1, "{n} words");
        assert_eq!(name(&r.citizens[0].person), Some("Nguyễn Văn Đức"));
    }
    let mut app = common::start(
        fixture().store,
        tiepdan::i18n::Lang::Vi,
        common::fixed_clock(),
    )
    .unwrap();
    app.handle_key(common::key(KeyCode::Char('/')));
    app.handle_paste(&"nguyen van duc 2345 ".repeat(175));
    assert_eq!(app.lookup.text().chars().count(), MAX_QUERY_CHARS);
    common::type_str(&mut app, "more");
    assert_eq!(
        app.lookup.text().chars().count(),
        MAX_QUERY_CHARS,
        "a full box takes no more keys"
    );
    assert_eq!(app.lookup.results.citizens.len(), 1);
    let screen = common::screen_of(&mut app, 100, 30);
    assert!(screen.contains("chỉ tìm theo 16 từ đầu"), "{screen}");
}
