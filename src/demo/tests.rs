//! The demo is reproducible and lawful: the same seed gives the same book, every timeline
//! passes the domain's table.
use super::*;

fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date")
}

fn make(seed: u64) -> (Store, DemoSummary) {
    let mut store = Store::open_in_memory().expect("store");
    let opts = DemoOptions {
        visits: 600,
        seed,
        end: end(),
    };
    let s = generate(&mut store, &opts).expect("generate");
    (store, s)
}

fn uids(store: &Store) -> Vec<String> {
    let mut stmt = store
        .conn()
        .prepare("SELECT uid || full_name FROM citizens ORDER BY id")
        .expect("query");
    stmt.query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("uids")
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_does_not() {
    let (a, sa) = make(7);
    let (b, sb) = make(7);
    let (c, _) = make(8);
    let untimed = |s: DemoSummary| DemoSummary { lookup_ms: 0, ..s };
    assert_eq!(untimed(sa.clone()), untimed(sb));
    assert_eq!(sa.visits, 600);
    assert_eq!(sa.last_day, end());
    assert_eq!(uids(&a), uids(&b));
    assert_ne!(uids(&a), uids(&c));
}

#[test]
fn generated_ids_and_phones_pass_the_domain_checks() {
    let (store, _) = make(3);
    let mut stmt = store
        .conn()
        .prepare("SELECT id_kind, id_number, phone FROM citizens")
        .expect("query");
    let rows: Vec<(Option<String>, Option<String>, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("citizens");
    assert!(rows.len() > 100);
    for (kind, number, phone) in rows {
        if let (Some("cccd"), Some(n)) = (kind.as_deref(), number.as_deref()) {
            let id = check_id_number(n, end()).expect("valid CCCD");
            assert!(id.warnings.is_empty(), "{n}: {:?}", id.warnings);
        }
        if let Some(p) = phone {
            assert!(!check_phone(&p).expect("valid phone").landline);
        }
    }
}

#[test]
fn land_and_compensation_lead_and_groups_and_returning_citizens_exist() {
    let (store, s) = make(11);
    let count = |sql: &str| -> i64 {
        store
            .conn()
            .query_row(sql, [], |r| r.get(0))
            .expect("count")
    };
    let by_field = |code: &str| {
        count(&format!(
            "SELECT count(*) FROM visits v JOIN fields f ON f.id = v.field_id WHERE f.code = '{code}'"
        ))
    };
    let land = by_field("dat_dai");
    let comp = by_field("den_bu_gpmb");
    for other in [
        "quy_hoach_xd",
        "moi_truong",
        "chinh_sach",
        "tu_phap",
        "khac",
    ] {
        assert!(comp > by_field(other), "{other}");
    }
    assert!(land > comp);
    assert!(count("SELECT count(*) FROM visits WHERE people >= 5") > 0);
    assert!((s.citizens as i64) < count("SELECT count(*) FROM visits"));
    assert!(count("SELECT count(*) FROM sessions WHERE form = 'dinh_ky'") > 0);
    // The end day is a receiving day.
    assert!(count("SELECT count(*) FROM visits WHERE day = '2026-11-24'") > 0);
}
