//! Reading one cell of a row: a day and a time, an ID number or a phone that lost its
//! leading zero, the first number in a text.

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::Reason;
use crate::exchange::import::Cell;
use crate::exchange::import::header::Column;

/// A day (and time) from a date cell, an Excel serial or text: dd/mm/yyyy, d/m/yy,
/// yyyy-mm-dd, dd.mm.yyyy, "ngày 12 tháng 3 năm 2020". A two-digit year is this century's
/// up to this year, else the last century's.
pub fn day_of(c: &Cell, today: NaiveDate) -> Result<(NaiveDate, Option<NaiveTime>), Reason> {
    match c {
        Cell::Date(d, t) => Ok((*d, *t)),
        Cell::Number(n) if (1.0..2_958_466.0).contains(n) => {
            let dt = calamine::ExcelDateTime::new(*n, calamine::ExcelDateTimeType::DateTime, false);
            let (y, m, d, h, mi, _, _) = dt.to_ymd_hms_milli();
            let day = NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .ok_or_else(|| Reason::BadDate(c.shown()))?;
            let t = NaiveTime::from_hms_opt(u32::from(h), u32::from(mi), 0)
                .filter(|t| *t != NaiveTime::MIN);
            Ok((day, t))
        }
        Cell::Text(t) => day_of_text(t, today).ok_or_else(|| Reason::BadDate(t.trim().to_owned())),
        other => Err(Reason::BadDate(other.shown())),
    }
}

fn day_of_text(t: &str, today: NaiveDate) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let groups: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let num = |g: &str| g.parse::<u32>().ok();
    let year = |g: &str| -> Option<i32> {
        let y = num(g)? as i32;
        match g.len() {
            4 => Some(y),
            2 => Some(if y <= today.year() % 100 {
                2000 + y
            } else {
                1900 + y
            }),
            _ => None,
        }
    };
    let (day, rest) = match groups.as_slice() {
        [y, m, d, rest @ ..] if y.len() == 4 => {
            (NaiveDate::from_ymd_opt(year(y)?, num(m)?, num(d)?)?, rest)
        }
        [d, m, y, rest @ ..] => (NaiveDate::from_ymd_opt(year(y)?, num(m)?, num(d)?)?, rest),
        _ => return None,
    };
    let time = match rest {
        [h, m, ..] => NaiveTime::from_hms_opt(num(h)?, num(m)?, 0),
        [] => None,
        _ => return None,
    };
    Some((day, time))
}

pub(super) fn time_of(c: &Cell) -> Option<NaiveTime> {
    match c {
        Cell::Date(_, t) => *t,
        Cell::Number(n) if (0.0..1.0).contains(n) => {
            let mins = (n * 24.0 * 60.0).round() as u32;
            NaiveTime::from_hms_opt(mins / 60, mins % 60, 0)
        }
        Cell::Text(t) => {
            NaiveTime::parse_from_str(t.trim().replace('h', ":").trim_end_matches(':'), "%H:%M")
                .ok()
        }
        _ => None,
    }
}

/// A cell as the refused CSV writes it: as shown, but an ID number or a phone that lost
/// its leading zero gets it back (the CSV holds text, which is taken as typed).
pub fn shown_for_csv(c: Option<&Cell>, col: Option<Column>) -> String {
    match (c, col) {
        (None, _) => String::new(),
        (Some(c @ Cell::Number(_)), Some(Column::GiayTo)) => {
            id_text(c).unwrap_or_else(|_| c.shown())
        }
        (Some(c @ Cell::Number(_)), Some(Column::DienThoai)) => phone_text(c),
        (Some(c), _) => c.shown(),
    }
}

/// An ID number from its cell (see the module's notes on numbers that lost their zero).
pub fn id_text(c: &Cell) -> Result<String, Reason> {
    match c {
        Cell::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 1e13 => {
            let digits = format!("{n:.0}");
            Ok(match digits.len() {
                11 | 8 => format!("0{digits}"),
                _ => digits,
            })
        }
        Cell::Number(n) => Err(Reason::IdRounded(n.to_string())),
        Cell::Text(t) => {
            let t = t.trim();
            let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            let upper = compact.to_uppercase();
            if upper.contains("E+") && upper.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return Err(Reason::IdRounded(t.to_owned()));
            }
            Ok(number_in(t).unwrap_or_else(|| t.to_owned()))
        }
        other => Ok(other.shown()),
    }
}

/// The identity number inside a text such as "CCCD số 001085012345 cấp ngày 12/3/2021":
/// the first run of digits (spaces and dots between groups allowed) of 7 or more digits,
/// with a passport's letter before it.
fn number_in(t: &str) -> Option<String> {
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            let mut digits = String::new();
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], ' ' | '.')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                if chars[i].is_ascii_digit() {
                    digits.push(chars[i]);
                }
                i += 1;
            }
            // A date ("12/3/2021") is not the number.
            let date_like = chars.get(i) == Some(&'/');
            if digits.len() >= 7 && !date_like {
                let letter = start
                    .checked_sub(1)
                    .map(|p| chars[p])
                    .filter(|c| c.is_ascii_alphabetic())
                    .filter(|_| start < 2 || !chars[start - 2].is_ascii_alphabetic());
                return Some(match letter {
                    Some(l) => format!("{l}{digits}"),
                    None => digits,
                });
            }
        }
        i += 1;
    }
    None
}

/// A phone from its cell: a number cell lost its leading zero (9 digits of a mobile, 10 of a
/// landline).
pub(super) fn phone_text(c: &Cell) -> String {
    match c {
        Cell::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 1e12 => {
            let digits = format!("{n:.0}");
            match digits.len() {
                9 => format!("0{digits}"),
                10 if digits.starts_with('2') => format!("0{digits}"),
                _ => digits,
            }
        }
        other => other.shown().trim().to_owned(),
    }
}

/// The first whole number in a text ("KN/02", "Tố cáo, đoàn 15 người").
pub(super) fn first_number(t: &str) -> Option<u32> {
    t.split(|c: char| !c.is_ascii_digit())
        .find(|g| !g.is_empty())
        .and_then(|g| g.parse().ok())
}
