//! Lookup: the order an officer expects (the exact name first, with its accents before
//! without, then names that start with the query, then the rest, the most recent first), a
//! second clue in the same line, each kind on its own with its true count, every match
//! reachable page by page, and the index following a citizen's new name.

mod common;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;

use tiepdan::domain::identity::{Person, Viewer};
use tiepdan::domain::intake::CaseChoice;
use tiepdan::domain::lookup::parse;
use tiepdan::store::{Actor, Cursor, Hits, Kind, Store, VisitInput};

fn name(p: &Person) -> &str {
    Viewer::nobody().name_of(p).unwrap_or("<masked>")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A citizen's visit on `day` (guidance only: no case).
#[allow(clippy::too_many_arguments)]
fn visit(
    store: &mut Store,
    actor: &Actor,
    full_name: &str,
    id: &str,
    phone: &str,
    address: &str,
    day: &str,
    content: &str,
) {
    let mut dr = common::draft(full_name, id);
    dr.phone = phone.into();
    dr.address = address.into();
    dr.handling = "huong_dan".into();
    dr.content = content.into();
    let v = common::valid(&dr);
    common::write(store, actor, |w| {
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

fn citizens(store: &Store, q: &str) -> Vec<String> {
    store
        .lookup(q, 50)
        .unwrap()
        .citizens
        .iter()
        .map(|c| name(&c.person).to_owned())
        .collect()
}

fn book() -> (Store, Actor) {
    let mut store = Store::open_in_memory().unwrap();
    let actor = common::store_with_officer(&mut store);
    (store, actor)
}

const STREET: &str = "Số 3 phố Kim Mã, phường Ba Đình";

#[test]
fn the_exact_name_comes_first_with_its_accents_then_its_start_then_the_rest() {
    let (mut s, a) = book();
    let c = "Khiếu nại thu hồi đất";
    visit(
        &mut s,
        &a,
        "Đào Thị Lan",
        "001190000001",
        "0912000001",
        STREET,
        "2026-11-02",
        c,
    );
    visit(
        &mut s,
        &a,
        "Dao Thi Lan",
        "001190000002",
        "0912000002",
        STREET,
        "2026-11-03",
        c,
    );
    visit(
        &mut s,
        &a,
        "Đảo Thị Lan",
        "001190000003",
        "0912000003",
        STREET,
        "2026-11-10",
        c,
    );
    visit(
        &mut s,
        &a,
        "Đào Thị Lan Anh",
        "001190000004",
        "0912000004",
        STREET,
        "2026-11-20",
        c,
    );
    visit(
        &mut s,
        &a,
        "Lan Đào Thị",
        "001190000005",
        "0912000005",
        STREET,
        "2026-11-21",
        c,
    );
    // A namesake by her address only: Phố Đào Duy Từ, Thị trấn Lan….
    visit(
        &mut s,
        &a,
        "Trần Thị Mai",
        "001190000006",
        "0912000006",
        "Số 9 phố Đào Duy Từ, thôn Lan",
        "2026-11-21",
        c,
    );
    assert_eq!(
        citizens(&s, "Đào Thị Lan"),
        [
            "Đào Thị Lan", // the name as typed, with its accents
            "Đảo Thị Lan", // folded equal, most recent first
            "Dao Thi Lan",
            "Đào Thị Lan Anh", // starts with the query
            "Trần Thị Mai",    // the rest, most recent first (same day: keyed last first)
            "Lan Đào Thị",
        ]
    );
    // Typed without accents, the name written without them is the exact one.
    assert_eq!(
        citizens(&s, "dao thi lan")[..3],
        ["Dao Thi Lan", "Đảo Thị Lan", "Đào Thị Lan"]
    );
    // A new visit makes a citizen the most recent of her rank.
    visit(
        &mut s,
        &a,
        "Dao Thi Lan",
        "001190000002",
        "0912000002",
        STREET,
        "2026-11-22",
        c,
    );
    assert_eq!(
        citizens(&s, "Đào Thị Lan")[1..3],
        ["Dao Thi Lan", "Đảo Thị Lan"]
    );
    // The counts: six match, three of them by the name exactly (folded).
    let r = s.lookup("dao thi lan", 2).unwrap();
    assert_eq!((r.citizens.total, r.citizens.exact), (Some(6), Some(3)));
    assert_eq!(r.citizens.len(), 2);
    assert!(r.citizens.has_more());
}

#[test]
fn a_second_clue_narrows_namesakes_down() {
    let (mut s, a) = book();
    let c = "Kiến nghị sửa đường";
    // Three Nguyễn Thị Lan: born 1985 (per her CCCD), 1990 and 1985, in three places.
    visit(
        &mut s,
        &a,
        "Nguyễn Thị Lan",
        "001185004321",
        "0912111111",
        "Số 1 thôn Đông Hòa, xã Sóc Sơn",
        "2026-11-01",
        c,
    );
    visit(
        &mut s,
        &a,
        "Nguyễn Thị Lan",
        "001190007777",
        "0912222222",
        "Số 2 phố Kim Mã, phường Ba Đình",
        "2026-11-02",
        c,
    );
    visit(
        &mut s,
        &a,
        "Nguyễn Thị Lan",
        "079185008888",
        "0983334321",
        "Số 3 đường Lê Lợi, phường Bến Thành",
        "2026-11-03",
        c,
    );
    let ids = |q: &str| -> Vec<String> {
        s.lookup(q, 50)
            .unwrap()
            .citizens
            .iter()
            .map(|c| {
                tiepdan::domain::identity::Viewer::nobody()
                    .id_number(&c.person, tiepdan::domain::identity::Place::Detail)
                    .unwrap_or_default()
            })
            .collect()
    };
    assert_eq!(ids("nguyen thi lan").len(), 3);
    assert_eq!(ids("nguyen thi lan 1985"), ["079185008888", "001185004321"]);
    assert_eq!(ids("nguyen thi lan 1990"), ["001190007777"]);
    assert_eq!(ids("nguyen thi lan dong hoa"), ["001185004321"]);
    assert_eq!(ids("nguyen thi lan ben thanh 1985"), ["079185008888"]);
    // The last digits of an ID, or of a phone.
    assert_eq!(ids("lan 4321"), ["079185008888", "001185004321"]);
    assert_eq!(ids("lan 7777"), ["001190007777"]);
    assert_eq!(ids("1985 lan"), ["079185008888", "001185004321"]);
    // A phone typed in groups after the name.
    assert_eq!(ids("lan 0912 222 222"), ["001190007777"]);
    assert!(ids("nguyen thi lan 1999").is_empty());
    // Digits alone: an exact ID first, then one ending with them, then one starting with them.
    assert_eq!(ids("001190007777")[0], "001190007777");
    let r = s.lookup("4321", 50).unwrap();
    assert_eq!(r.citizens.total, Some(2));
    // The first one ends with the digits by its ID, the other by its phone; both by an end.
    assert_eq!(r.citizens.exact, Some(0));
}

#[test]
fn one_kind_never_crowds_out_another_and_every_match_can_be_reached() {
    let (mut s, a) = book();
    // 30 namesakes with two visits each: 60 visits about the same thing.
    for i in 0..30 {
        let id = format!("0011900{i:05}");
        let phone = format!("09130{i:05}");
        for day in ["2026-10-01", "2026-11-01"] {
            visit(
                &mut s,
                &a,
                "Nguyễn Thị Lan",
                &id,
                &phone,
                STREET,
                day,
                "Khiếu nại thu hồi đất nông nghiệp",
            );
        }
    }
    let r = s.lookup("nguyen thi lan", 8).unwrap();
    assert_eq!(r.citizens.total, Some(30), "every citizen, not a sample");
    assert_eq!(r.visits.total, Some(60));
    assert_eq!((r.citizens.len(), r.visits.len()), (8, 8));
    assert_eq!(r.cases.total, Some(0));
    // Page by page to the end: every citizen once.
    let q = parse("nguyen thi lan");
    let mut seen = Vec::new();
    let mut from = Cursor::default();
    loop {
        let (hits, next) = s.lookup_page(&q, Kind::Citizens, from, 7).unwrap();
        let Hits::Citizens(rows) = hits else {
            panic!("citizens")
        };
        seen.extend(rows.iter().map(|c| c.id));
        match next {
            Some(n) => from = n,
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (30, 30));

    // In the app: PgDn at the end of the rows held loads the next page, until the end.
    let mut app = common::start(s, tiepdan::i18n::Lang::Vi, common::fixed_clock()).unwrap();
    app.viewport = (100, 30);
    app.handle_key(common::key(KeyCode::Char('/')));
    common::type_str(&mut app, "nguyen thi lan");
    assert_eq!(app.lookup.results.citizens.len(), 8);
    // 0 → 8 (the next page loaded) → 16 → 24 → 29, the last.
    for _ in 0..4 {
        app.handle_key(common::key(KeyCode::PageDown));
    }
    assert_eq!(app.lookup.results.citizens.len(), 30);
    assert!(!app.lookup.results.citizens.has_more());
    assert_eq!(app.lookup.selected_in(), Some((Kind::Citizens, 29)));
    // Down from the last citizen goes on to the visits; PgUp goes back.
    app.handle_key(common::key(KeyCode::Down));
    assert_eq!(app.lookup.selected_in(), Some((Kind::Visits, 0)));
    app.handle_key(common::key(KeyCode::PageUp));
    assert_eq!(app.lookup.selected_in(), Some((Kind::Citizens, 0)));
    // A new keystroke starts over.
    common::type_str(&mut app, " ");
    assert_eq!(app.lookup.results.citizens.len(), 8);
}

#[test]
fn a_new_name_reaches_the_visits_and_cases_that_carry_it() {
    let (mut s, a) = book();
    let mut dr = common::draft("Lê Văn Tám", "001085012345");
    dr.phone = "0912345678".into();
    let v = common::valid(&dr);
    common::save(&mut s, &a, &v);
    let before = s.lookup("le van tam", 10).unwrap();
    assert_eq!(
        (
            before.citizens.len(),
            before.cases.len(),
            before.visits.len()
        ),
        (1, 1, 1)
    );
    // The officer corrects the name on a new visit (the same ID: the same citizen).
    let mut dr = common::draft("Lê Văn Tấn", "001085012345");
    dr.handling = "huong_dan".into();
    let v = common::valid(&dr);
    common::write(&mut s, &a, |w| {
        w.save_visit(
            &VisitInput {
                visit: &v,
                day: common::today(),
                time: "09:00".into(),
                citizen: None,
                rename_citizen: true,
                shared: Default::default(),
            },
            &CaseChoice::OpenNew,
        )
    });
    // Every record of his now carries the new name, and none the old one.
    let after = s.lookup("le van tan", 10).unwrap();
    assert_eq!(name(&after.citizens[0].person), "Lê Văn Tấn");
    assert_eq!(
        (after.citizens.len(), after.cases.len(), after.visits.len()),
        (1, 1, 2)
    );
    assert!(s.lookup("le van tam", 10).unwrap().is_empty());
}
