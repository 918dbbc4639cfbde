//! The counting rules on hand-made facts: periods and their edges, first and repeat
//! reception, groups, carried-over cases, on-time resolution, every table's columns.
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn periods_follow_tt_01_2024() {
    let p = |s: &str| Period::parse(s).map(|p| (p.from, p.to));
    assert_eq!(p("2026-q1"), Some((d(2025, 12, 15), d(2026, 3, 14))));
    assert_eq!(p("2026-Q2"), Some((d(2026, 3, 15), d(2026, 6, 14))));
    assert_eq!(p("2026-q3"), Some((d(2026, 6, 15), d(2026, 9, 14))));
    assert_eq!(p("2026-q4"), Some((d(2026, 9, 15), d(2026, 12, 14))));
    assert_eq!(p("2026-6t"), Some((d(2025, 12, 15), d(2026, 6, 14))));
    assert_eq!(p("2026-9t"), Some((d(2025, 12, 15), d(2026, 9, 14))));
    assert_eq!(p("2026"), Some((d(2025, 12, 15), d(2026, 12, 14))));
    assert_eq!(p("2026-11"), Some((d(2026, 11, 1), d(2026, 11, 30))));
    assert_eq!(p("2024-02"), Some((d(2024, 2, 1), d(2024, 2, 29))));
    assert_eq!(p("2026-q5"), None);
    assert_eq!(p("2026-13"), None);
    assert_eq!(p("26"), None);
}

#[test]
fn periods_move_and_contain() {
    let q1 = Period::parse("2026-q1").unwrap();
    assert_eq!(q1.prev().code(), "2025-q4");
    assert_eq!(q1.next().code(), "2026-q2");
    assert_eq!(Period::parse("2026-12").unwrap().next().code(), "2027-01");
    // The 15th of December belongs to the next year's first quarter.
    let q = Period::containing(PeriodKind::Quarter(1), d(2025, 12, 15));
    assert_eq!(q.code(), "2026-q1");
    let q = Period::containing(PeriodKind::Quarter(1), d(2025, 12, 14));
    assert_eq!(q.code(), "2025-q4");
    assert_eq!(
        Period::containing(PeriodKind::Year, d(2026, 12, 15)).code(),
        "2027"
    );
    assert_eq!(
        Period::containing(PeriodKind::SixMonths, d(2026, 7, 1)).code(),
        "2027-6t"
    );
    assert_eq!(Period::parse("2026-q1").unwrap().months().len(), 4);
    let latest = |k, day| Period::latest(k, day).code();
    assert_eq!(latest(PeriodKind::Quarter(1), d(2026, 12, 1)), "2026-q4");
    assert_eq!(latest(PeriodKind::Quarter(1), d(2026, 12, 15)), "2027-q1");
    assert_eq!(latest(PeriodKind::SixMonths, d(2026, 12, 1)), "2026-6t");
    assert_eq!(latest(PeriodKind::Year, d(2026, 12, 1)), "2026");
    assert_eq!(latest(PeriodKind::Month(1), d(2026, 12, 1)), "2026-12");
}

#[test]
fn every_table_is_numbered_from_one_without_gaps() {
    for f in Form::ALL {
        let cols = f.columns();
        for (i, c) in cols.iter().enumerate() {
            assert_eq!(c.no as usize, i + 1, "{f:?}");
            assert!(!c.head.is_empty());
        }
        assert_eq!(Form::from_code(f.code()), Some(f));
    }
}

#[test]
fn every_report_column_rolls_up_once_in_each_by_field_table() {
    let all = [
        "hc_chinh_sach",
        "hc_dat_dai_nha_cua",
        "hc_cong_chuc_cong_vu",
        "hc_khac",
        "tham_nhung",
        "tu_phap",
        "dang_doan_the",
        "khac",
    ];
    for table in [XLD02_FIELDS, XLD03_FIELDS, XLD04_FIELDS] {
        for code in all {
            let n = table
                .iter()
                .filter(|(_, cols)| cols.contains(&code))
                .count();
            assert_eq!(n, 1, "{code}");
        }
    }
}
