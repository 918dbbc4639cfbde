//! Identity numbers and phone numbers (DOMAIN.md §8).
//!
//! CCCD: 12 digits; digits 1–3 the province (or country) of birth registration, digit 4 the
//! century and sex, digits 5–6 the last two digits of the birth year (NĐ 137/2015 Art 13).
//! CMND: 9 digits (old; valid only until 31/12/2024, Luật Căn cước 2023 Art 46).
//! A wrong province code or birth year is a warning, never a refusal: births abroad use a
//! country code whose list is UNCONFIRMED.

use chrono::{Datelike, NaiveDate};

use super::text::digits;

/// What kind of identity paper a number belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Cccd,
    Cmnd,
    Passport,
}

impl IdKind {
    pub fn code(self) -> &'static str {
        match self {
            IdKind::Cccd => "cccd",
            IdKind::Cmnd => "cmnd",
            IdKind::Passport => "passport",
        }
    }

    pub fn from_code(s: &str) -> Option<IdKind> {
        match s {
            "cccd" => Some(IdKind::Cccd),
            "cmnd" => Some(IdKind::Cmnd),
            "passport" => Some(IdKind::Passport),
            _ => None,
        }
    }
}

/// A number that passed the hard checks, with the soft findings about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumber {
    pub kind: IdKind,
    /// Canonical form: digits only (passports: uppercase letter + digits).
    pub value: String,
    pub warnings: Vec<IdWarning>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    /// Not 12 digits (CCCD), 9 digits (CMND) nor a passport number.
    BadLength { digits: usize },
    /// Letters or symbols where only digits belong.
    NotDigits,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdWarning {
    /// Digits 1–3 are not a province code of TT 07/2016 (may be a country code).
    UnknownProvince { code: String },
    /// Digits 4–6 give a birth year in the future or implausibly long ago.
    ImplausibleBirthYear { year: i32 },
    /// A 9-digit CMND: no longer valid since 01/01/2025.
    CmndExpired,
}

/// Province codes of TT 07/2016/TT-BCA Phụ lục 1 (63 provinces before the 2025 mergers).
pub const PROVINCE_CODES: &[(&str, &str)] = &[
    ("001", "Hà Nội"),
    ("002", "Hà Giang"),
    ("004", "Cao Bằng"),
    ("006", "Bắc Kạn"),
    ("008", "Tuyên Quang"),
    ("010", "Lào Cai"),
    ("011", "Điện Biên"),
    ("012", "Lai Châu"),
    ("014", "Sơn La"),
    ("015", "Yên Bái"),
    ("017", "Hòa Bình"),
    ("019", "Thái Nguyên"),
    ("020", "Lạng Sơn"),
    ("022", "Quảng Ninh"),
    ("024", "Bắc Giang"),
    ("025", "Phú Thọ"),
    ("026", "Vĩnh Phúc"),
    ("027", "Bắc Ninh"),
    ("030", "Hải Dương"),
    ("031", "Hải Phòng"),
    ("033", "Hưng Yên"),
    ("034", "Thái Bình"),
    ("035", "Hà Nam"),
    ("036", "Nam Định"),
    ("037", "Ninh Bình"),
    ("038", "Thanh Hóa"),
    ("040", "Nghệ An"),
    ("042", "Hà Tĩnh"),
    ("044", "Quảng Bình"),
    ("045", "Quảng Trị"),
    ("046", "Thừa Thiên Huế"),
    ("048", "Đà Nẵng"),
    ("049", "Quảng Nam"),
    ("051", "Quảng Ngãi"),
    ("052", "Bình Định"),
    ("054", "Phú Yên"),
    ("056", "Khánh Hòa"),
    ("058", "Ninh Thuận"),
    ("060", "Bình Thuận"),
    ("062", "Kon Tum"),
    ("064", "Gia Lai"),
    ("066", "Đắk Lắk"),
    ("067", "Đắk Nông"),
    ("068", "Lâm Đồng"),
    ("070", "Bình Phước"),
    ("072", "Tây Ninh"),
    ("074", "Bình Dương"),
    ("075", "Đồng Nai"),
    ("077", "Bà Rịa – Vũng Tàu"),
    ("079", "Hồ Chí Minh"),
    ("080", "Long An"),
    ("082", "Tiền Giang"),
    ("083", "Bến Tre"),
    ("084", "Trà Vinh"),
    ("086", "Vĩnh Long"),
    ("087", "Đồng Tháp"),
    ("089", "An Giang"),
    ("091", "Kiên Giang"),
    ("092", "Cần Thơ"),
    ("093", "Hậu Giang"),
    ("094", "Sóc Trăng"),
    ("095", "Bạc Liêu"),
    ("096", "Cà Mau"),
];

/// The province a CCCD's first three digits name, if any.
pub fn province_of(code: &str) -> Option<&'static str> {
    PROVINCE_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// Check an identity number as typed (spaces and dots allowed between digit groups).
/// `today` bounds the plausible birth year.
pub fn check_id_number(input: &str, today: NaiveDate) -> Result<IdNumber, IdError> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect();
    // Vietnamese passports: one letter then 7 or 8 digits (e.g. C1234567).
    let mut chars = compact.chars();
    if let Some(first) = chars.next()
        && first.is_ascii_alphabetic()
    {
        let rest: String = chars.collect();
        if (7..=8).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_digit()) {
            return Ok(IdNumber {
                kind: IdKind::Passport,
                value: format!("{}{rest}", first.to_ascii_uppercase()),
                warnings: vec![],
            });
        }
        return Err(IdError::NotDigits);
    }
    if !compact.chars().all(|c| c.is_ascii_digit()) {
        return Err(IdError::NotDigits);
    }
    let value = digits(&compact);
    match value.len() {
        12 => {
            let mut warnings = vec![];
            let code = &value[0..3];
            if province_of(code).is_none() {
                warnings.push(IdWarning::UnknownProvince {
                    code: code.to_owned(),
                });
            }
            let century_sex: i32 = value[3..4].parse().unwrap_or(0);
            let yy: i32 = value[4..6].parse().unwrap_or(0);
            let year = 1900 + 100 * (century_sex / 2) + yy;
            if year > today.year() || year < today.year() - 120 {
                warnings.push(IdWarning::ImplausibleBirthYear { year });
            }
            Ok(IdNumber {
                kind: IdKind::Cccd,
                value,
                warnings,
            })
        }
        9 => Ok(IdNumber {
            kind: IdKind::Cmnd,
            value,
            warnings: if today >= NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date") {
                vec![IdWarning::CmndExpired]
            } else {
                vec![]
            },
        }),
        n => Err(IdError::BadLength { digits: n }),
    }
}

/// A phone number that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// Canonical: 0 followed by the national number, digits only.
    pub value: String,
    /// A landline (02x…, 11 digits): accepted, but its format is UNCONFIRMED.
    pub landline: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    /// Letters or symbols other than spaces, dots, dashes, parentheses and a leading +.
    BadCharacters,
    /// Neither a 10-digit mobile (03/05/07/08/09) nor an 11-digit landline (02x).
    NotVietnamese,
}

/// Canonical national form of a phone as typed: "+84 912-345-678" → "0912345678".
/// Returns None when the characters are not those of a phone number.
pub fn phone_digits(input: &str) -> Option<String> {
    let trimmed = input.trim();
    let allowed = |c: char| c.is_ascii_digit() || " .-()".contains(c);
    let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
    if body.is_empty() || !body.chars().all(allowed) {
        return None;
    }
    let d = digits(body);
    Some(
        if let Some(rest) = d
            .strip_prefix("84")
            .filter(|r| r.len() >= 9 && !d.starts_with('0'))
        {
            format!("0{rest}")
        } else {
            d
        },
    )
}

/// Check a phone number as typed (DOMAIN.md §8: mobiles `^(0|\+84)(3|5|7|8|9)\d{8}$`).
pub fn check_phone(input: &str) -> Result<Phone, PhoneError> {
    let value = phone_digits(input).ok_or(PhoneError::BadCharacters)?;
    let b = value.as_bytes();
    if b.len() == 10 && b[0] == b'0' && matches!(b[1], b'3' | b'5' | b'7' | b'8' | b'9') {
        return Ok(Phone {
            value,
            landline: false,
        });
    }
    if b.len() == 11 && b[0] == b'0' && b[1] == b'2' {
        return Ok(Phone {
            value,
            landline: true,
        });
    }
    Err(PhoneError::NotVietnamese)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn cccd_of_hanoi_born_1985_is_clean() {
        let id = check_id_number("001085012345", day()).unwrap();
        assert_eq!(id.kind, IdKind::Cccd);
        assert!(id.warnings.is_empty());
    }

    #[test]
    fn cccd_with_spaces_is_canonicalized() {
        let id = check_id_number("079 203 001 234", day()).unwrap();
        assert_eq!(id.value, "079203001234");
        assert!(id.warnings.is_empty(), "{:?}", id.warnings); // female, 2003
    }

    #[test]
    fn unknown_province_and_future_year_warn() {
        let id = check_id_number("003099012345", day()).unwrap();
        assert_eq!(
            id.warnings,
            vec![IdWarning::UnknownProvince { code: "003".into() }]
        );
        let id = check_id_number("001299012345", day()).unwrap(); // 2099
        assert_eq!(
            id.warnings,
            vec![IdWarning::ImplausibleBirthYear { year: 2099 }]
        );
    }

    #[test]
    fn cmnd_is_accepted_with_expiry_warning() {
        let id = check_id_number("012345678", day()).unwrap();
        assert_eq!(id.kind, IdKind::Cmnd);
        assert_eq!(id.warnings, vec![IdWarning::CmndExpired]);
    }

    #[test]
    fn bad_lengths_and_letters_are_errors() {
        assert_eq!(
            check_id_number("12345", day()),
            Err(IdError::BadLength { digits: 5 })
        );
        assert_eq!(
            check_id_number("00108501234x", day()),
            Err(IdError::NotDigits)
        );
    }

    #[test]
    fn passport_numbers_are_accepted() {
        let id = check_id_number("c1234567", day()).unwrap();
        assert_eq!((id.kind, id.value.as_str()), (IdKind::Passport, "C1234567"));
    }

    #[test]
    fn phones_in_any_format() {
        for typed in [
            "0912345678",
            "0912 345 678",
            "+84912345678",
            "84-912-345-678",
            "(091) 234.5678",
        ] {
            assert_eq!(check_phone(typed).unwrap().value, "0912345678", "{typed}");
        }
        assert!(!check_phone("0381234567").unwrap().landline);
    }

    #[test]
    fn landline_accepted_as_such_and_junk_refused() {
        assert!(check_phone("024 3825 3536").unwrap().landline);
        assert_eq!(check_phone("0112345678"), Err(PhoneError::NotVietnamese));
        assert_eq!(check_phone("09123"), Err(PhoneError::NotVietnamese));
        assert_eq!(check_phone("call me"), Err(PhoneError::BadCharacters));
    }

    #[test]
    fn sixty_three_province_codes() {
        assert_eq!(PROVINCE_CODES.len(), 63);
        assert_eq!(province_of("079"), Some("Hồ Chí Minh"));
    }
}
