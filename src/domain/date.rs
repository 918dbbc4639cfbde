//! Dates as officers type and read them: `dd/mm/yyyy` (also `d/m`, `dd-mm-yyyy`, `dd.mm.yyyy`,
//! ISO `yyyy-mm-dd`). A missing year means the year of `today`.

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not in one of the accepted shapes.
    Format,
    /// The right shape, but no such day (31/02/2026).
    NoSuchDay,
}

/// Parse a typed date.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(DateError::Format);
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| DateError::Format);
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (num(y)? as i32, num(m)?, num(d)?),
        [d, m, y] if y.len() == 4 => (num(y)? as i32, num(m)?, num(d)?),
        [d, m, y] if y.len() == 2 => (2000 + num(y)? as i32, num(m)?, num(d)?),
        [d, m] => (today.year(), num(m)?, num(d)?),
        _ => return Err(DateError::Format),
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::NoSuchDay)
}

/// `dd/mm/yyyy`, the way dates are written in Vietnamese documents.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A stored moment ("2026-11-22T08:15:03") as people read it: "22/11/2026 08:15". Text that
/// is not such a moment is shown as it is.
pub fn format_stamp(stamp: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M:%S")
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| stamp.replace('T', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_day_first() {
        assert_eq!(format_stamp("2026-11-22T08:15:03"), "22/11/2026 08:15");
        assert_eq!(format_stamp("garbage"), "garbage");
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn accepted_shapes() {
        let want = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        for s in [
            "12/03/2026",
            "12/3/2026",
            "12-03-2026",
            "12.03.2026",
            "2026-03-12",
            "12/3",
            " 12/03/26 ",
        ] {
            assert_eq!(parse_date(s, today()), Ok(want), "{s}");
        }
    }

    #[test]
    fn errors() {
        assert_eq!(parse_date("31/02/2026", today()), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("hôm qua", today()), Err(DateError::Format));
        assert_eq!(parse_date("", today()), Err(DateError::Format));
        assert_eq!(parse_date("1/2/3/4", today()), Err(DateError::Format));
    }

    #[test]
    fn leap_day() {
        assert!(parse_date("29/02/2028", today()).is_ok());
        assert_eq!(parse_date("29/02/2027", today()), Err(DateError::NoSuchDay));
    }

    #[test]
    fn formats_day_first() {
        assert_eq!(format_date(today()), "22/11/2026");
    }
}
