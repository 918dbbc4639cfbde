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
    for c in Circular::ALL {
        for f in c.forms() {
            let cols = f.columns();
            for (i, col) in cols.iter().enumerate() {
                assert_eq!(col.no as usize, i + 1, "{f:?}");
                assert!(!col.head.is_empty());
            }
            assert_eq!(Form::from_code(c, f.code()), Some(*f));
            assert_eq!(f.circular(), c);
            // Every identity names columns of the form.
            for (lhs, rhs) in f.identities() {
                for no in std::iter::once(lhs).chain(rhs) {
                    assert!(cols.iter().any(|col| col.no == no), "{f:?} ({no})");
                }
            }
        }
    }
    // TT 06/2025's forms have the number of columns of the circular (DOMAIN.md §11).
    let widths: Vec<usize> = Circular::Tt06_2025
        .forms()
        .iter()
        .map(|f| f.columns().len())
        .collect();
    assert_eq!(widths, vec![21, 25, 23, 25, 31, 17]);
    assert_eq!(Form::Tcd01.columns().len(), 29);
}

#[test]
fn a_period_is_reported_in_the_circular_in_force_on_its_last_day() {
    let c = |s: &str| Circular::for_period(&Period::parse(s).unwrap());
    // 15/06/2025 – 14/09/2025 and 15/12/2024 – 14/09/2025: TT 01/2024.
    assert_eq!(c("2025-q3"), Circular::Tt01_2024);
    assert_eq!(c("2025-9t"), Circular::Tt01_2024);
    assert_eq!(c("2025-6t"), Circular::Tt01_2024);
    // 15/09/2025 – 14/12/2025 and the year 2025: TT 06/2025 (in force 30/09/2025).
    assert_eq!(c("2025-q4"), Circular::Tt06_2025);
    assert_eq!(c("2025"), Circular::Tt06_2025);
    assert_eq!(c("2026-q1"), Circular::Tt06_2025);
    let range = |to| Circular::for_period(&Period::range(d(2025, 9, 1), to).unwrap());
    assert_eq!(range(d(2025, 9, 29)), Circular::Tt01_2024);
    assert_eq!(range(d(2025, 9, 30)), Circular::Tt06_2025);
    // Communes report by the 17th of the period's last month (TT 06/2025).
    let due = |s: &str| {
        let p = Period::parse(s).unwrap();
        Circular::for_period(&p).due_on(&p)
    };
    assert_eq!(due("2026-q1"), Some(d(2026, 3, 17)));
    assert_eq!(due("2026"), Some(d(2026, 12, 17)));
    assert_eq!(due("2026-11"), None);
    assert_eq!(due("2025-q3"), None);
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
    for table in [T6_KN_FIELDS, T6_TC_FIELDS, T6_KNPA_FIELDS] {
        for code in all {
            let n = table
                .iter()
                .filter(|(_, cols)| cols.contains(&code))
                .count();
            assert_eq!(n, 1, "{code}");
        }
    }
}
