//! The days off of a year not yet announced, estimated: Bộ luật Lao động 2019 Art 112 with
//! the compensatory day of Art 111(3), placed as the Government has placed them in the
//! announced years (DOMAIN.md §7, §11).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::{CalendarEntry, DayKind, is_weekend, lunar_to_solar, tet};

pub const TET: &str = "Tết Nguyên đán";
pub const TET_COMPENSATION: &str = "Nghỉ bù Tết Nguyên đán";
pub const BESIDE_NATIONAL_DAY: &str = "Quốc khánh (ngày liền kề)";

/// The Tết days of a year as the Government has placed them (DOMAIN.md §11): the eve and the
/// first four days (BLLĐ Art 112(1): five days), and one day off for each of them that falls
/// on a weekend — the first placed on the last working day before the eve, any second on the
/// first working day after the fourth day. Back-tested on the announced breaks: 2020 23–29/01,
/// 2021 10–16/02, 2023 20–26/01, 2024 08–14/02, 2025 27–31/01; estimate for 2027: 04–10/02.
pub fn tet_days(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let Some(t) = tet(year) else {
        return Vec::new();
    };
    let base: Vec<NaiveDate> = (-1..=3).map(|i| t + Duration::days(i)).collect();
    let mut out: Vec<(NaiveDate, &'static str)> = base.iter().map(|d| (*d, TET)).collect();
    let weekend = base.iter().filter(|d| is_weekend(**d)).count();
    if weekend >= 1 {
        let mut before = base[0] - Duration::days(1);
        while is_weekend(before) {
            before -= Duration::days(1);
        }
        out.push((before, TET_COMPENSATION));
    }
    let mut after = base[4] + Duration::days(1);
    for _ in 1..weekend {
        while is_weekend(after) {
            after += Duration::days(1);
        }
        out.push((after, TET_COMPENSATION));
        after += Duration::days(1);
    }
    out.sort();
    out
}

/// The day beside Quốc khánh 2/9 (BLLĐ Art 112(1)(đ): the Prime Minister chooses 1/9 or
/// 3/9), by precedent: the one that joins 2/9 to the weekend or bridges a single working day —
/// a Thursday gives Friday 3/9 (2021), a Monday gives Tuesday 3/9 (2024); any other weekday
/// gives 1/9 (2022 Friday, 2023 Saturday, 2025 Tuesday).
pub fn beside_national_day(year: i32) -> NaiveDate {
    let ymd = |d| NaiveDate::from_ymd_opt(year, 9, d).expect("valid date");
    match ymd(2).weekday() {
        Weekday::Mon | Weekday::Thu => ymd(3),
        _ => ymd(1),
    }
}

/// The default days off of a year by Bộ luật Lao động 2019 Art 112 (and the compensatory day
/// of Art 111(3)), marked expected. The Prime Minister fixes the exact Tết span and the day
/// beside 2/9 each year: the defaults follow the precedent of the announced years
/// ([`tet_days`], [`beside_national_day`]).
pub fn default_holidays(year: i32) -> Vec<CalendarEntry> {
    let mut days: Vec<(NaiveDate, String)> = Vec::new();
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("valid date");
    days.push((ymd(1, 1), "Tết Dương lịch".into()));
    if let Some(g) = lunar_to_solar(10, 3, year) {
        days.push((g, "Giỗ Tổ Hùng Vương".into()));
    }
    days.push((ymd(4, 30), "Ngày Chiến thắng".into()));
    days.push((ymd(5, 1), "Quốc tế Lao động".into()));
    days.push((beside_national_day(year), BESIDE_NATIONAL_DAY.into()));
    days.push((ymd(9, 2), "Quốc khánh".into()));
    days.sort();
    // Tết carries its own compensation (above); the other holidays follow Art 111(3).
    let tet = tet_days(year);
    let mut taken: Vec<NaiveDate> = days.iter().map(|(d, _)| *d).collect();
    taken.extend(tet.iter().map(|(d, _)| *d));
    let mut extra = Vec::new();
    for (d, name) in &days {
        if is_weekend(*d) {
            let mut c = *d + Duration::days(1);
            while is_weekend(c) || taken.contains(&c) || extra.iter().any(|(e, _)| *e == c) {
                c += Duration::days(1);
            }
            extra.push((c, format!("Nghỉ bù {name}")));
        }
    }
    days.extend(extra);
    days.extend(tet.into_iter().map(|(d, n)| (d, n.to_owned())));
    days.sort();
    days.into_iter()
        .map(|(day, name)| CalendarEntry {
            day,
            kind: DayKind::Off,
            name,
            expected: true,
        })
        .collect()
}
