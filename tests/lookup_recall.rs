//! Recall over a generated book (issue 9): for a few hundred citizens drawn at random, the
//! lookup of their name without diacritics, of their name and year of birth, and of the last
//! four digits of their ID lists them — page after page when it must — with every exact
//! name above every other match; and the counts shown are those of a direct SQL count.

mod common;

use chrono::NaiveDate;
use rand::SeedableRng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use tiepdan::demo::{DemoOptions, generate};
use tiepdan::domain::identity::Viewer;
use tiepdan::domain::lookup::{Query, parse};
use tiepdan::domain::text::fold;
use tiepdan::store::{CitizenHit, Cursor, Hits, Kind, Store};

/// Every citizen the query finds, page by page, in the order shown.
fn all_citizens(store: &Store, q: &Query) -> Vec<CitizenHit> {
    let mut out = Vec::new();
    let mut from = Cursor::default();
    loop {
        let (hits, next) = store.lookup_page(q, Kind::Citizens, from, 40).unwrap();
        let Hits::Citizens(rows) = hits else {
            panic!("citizens")
        };
        out.extend(rows);
        match next {
            Some(n) => from = n,
            None => return out,
        }
    }
}

fn folded_name(c: &CitizenHit) -> String {
    fold(Viewer::nobody().name_of(&c.person).unwrap_or(""))
}

/// Citizens who appear in something else than a denunciation (the ones ever indexed).
const EXPOSED: &str = "c.deleted_at IS NULL AND (
    EXISTS (SELECT 1 FROM visits v WHERE v.citizen_id = c.id AND v.deleted_at IS NULL
              AND v.petition_type != 'to_cao')
 OR EXISTS (SELECT 1 FROM cases k WHERE k.citizen_id = c.id AND k.deleted_at IS NULL
              AND k.case_type != 'to_cao'))";

#[test]
fn every_citizen_drawn_is_found_by_name_by_name_and_year_and_by_id_digits() {
    let mut store = Store::open_in_memory().unwrap();
    let end = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    generate(
        &mut store,
        &DemoOptions {
            visits: 20_000,
            seed: 9,
            end,
        },
    )
    .unwrap();
    let people: Vec<(i64, String, Option<i32>, Option<String>)> = store
        .inspect(
            &format!(
                "SELECT c.id, c.full_name, c.birth_year, c.id_number FROM citizens c
                 WHERE {EXPOSED} ORDER BY c.id"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert!(people.len() > 10_000, "{} citizens", people.len());
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let drawn: Vec<_> = people.choose_multiple(&mut rng, 300).collect();
    let mut checked_ids = 0;
    for (id, name, year, id_number) in drawn {
        let folded = fold(name);

        // The name, folded: found, exact names above every other match, counts true.
        let q = parse(&folded);
        let found = all_citizens(&store, &q);
        assert!(
            found.iter().any(|c| c.id == *id),
            "{name:?} not found by {folded:?} among {}",
            found.len()
        );
        let exact: Vec<bool> = found.iter().map(|c| folded_name(c) == folded).collect();
        let first_other = exact.iter().position(|e| !e).unwrap_or(exact.len());
        assert!(
            exact[first_other..].iter().all(|e| !e),
            "{folded:?}: an exact name below another match"
        );
        let r = store.lookup(&folded, 8).unwrap();
        assert_eq!(r.citizens.total, Some(found.len() as u64), "{folded:?}");
        let sql_exact: i64 = store
            .inspect_one(
                &format!("SELECT count(*) FROM citizens c WHERE {EXPOSED} AND c.name_folded = ?1"),
                [&folded],
            )
            .unwrap();
        assert_eq!(r.citizens.exact, Some(sql_exact as u64), "{folded:?}");
        assert_eq!(first_other as i64, sql_exact, "{folded:?}");
        let mut ids: Vec<i64> = found.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), found.len(), "{folded:?}: a citizen twice");

        // The name and the year of birth.
        if let Some(y) = year {
            let q = format!("{folded} {y}");
            let found = all_citizens(&store, &parse(&q));
            assert!(
                found.iter().any(|c| c.id == *id),
                "{name:?} not found by {q:?}"
            );
            let sql: i64 = store
                .inspect_one(
                    &format!(
                        "SELECT count(*) FROM citizens c WHERE {EXPOSED} AND c.name_folded = ?1
                           AND (c.birth_year = ?2 OR c.id_number LIKE ?3 OR c.id_number LIKE ?4
                                OR c.phone LIKE ?3 OR c.phone LIKE ?4)"
                    ),
                    rusqlite::params![folded, y, format!("{y}%"), format!("%{y}")],
                )
                .unwrap();
            assert_eq!(
                store.lookup(&q, 8).unwrap().citizens.exact,
                Some(sql as u64),
                "{q:?}"
            );
        }

        // The last four digits of the ID: an ID or a phone ending (or starting) with them.
        if let Some(idn) = id_number.as_ref().filter(|n| n.len() >= 8) {
            checked_ids += 1;
            let last4 = &idn[idn.len() - 4..];
            let found = all_citizens(&store, &parse(last4));
            assert!(
                found.iter().any(|c| c.id == *id),
                "{name:?} not found by {last4:?}"
            );
            let year_clause = match last4.parse::<i32>() {
                Ok(y) if (1900..=2100).contains(&y) => format!(" OR c.birth_year = {y}"),
                _ => String::new(),
            };
            let sql: i64 = store
                .inspect_one(
                    &format!(
                        "SELECT count(*) FROM citizens c WHERE {EXPOSED}
                           AND (c.id_number LIKE ?1 OR c.id_number LIKE ?2 OR c.phone LIKE ?1
                                OR c.phone LIKE ?2{year_clause})"
                    ),
                    [format!("{last4}%"), format!("%{last4}")],
                )
                .unwrap();
            assert_eq!(found.len() as i64, sql, "{last4:?}");
            assert_eq!(
                store.lookup(last4, 8).unwrap().citizens.total,
                Some(sql as u64)
            );
        }
    }
    assert!(checked_ids > 200, "{checked_ids} IDs checked");
}
