//! The row rules on their own: names and addresses, ID numbers, dates, types, handlings.

use chrono::{NaiveDate, NaiveTime};

use crate::domain::visit::{Handling, PetitionType};

use super::cells::*;
use super::handling::*;
use super::names::*;
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

#[test]
fn names_and_addresses_in_one_cell() {
    let s = split_name_address;
    let pair = |n: &str, a: &str| Some((n.to_owned(), a.to_owned()));
    assert_eq!(
        s("Nguyễn Văn An\nThôn 3, xã Tân Lập"),
        pair("Nguyễn Văn An", "Thôn 3, xã Tân Lập")
    );
    assert_eq!(
        s("Nguyễn Văn An - Thôn 3, xã Tân Lập"),
        pair("Nguyễn Văn An", "Thôn 3, xã Tân Lập")
    );
    assert_eq!(
        s("Trần Thị Bình, tổ 5, phường Ỷ La"),
        pair("Trần Thị Bình", "tổ 5, phường Ỷ La")
    );
    assert_eq!(
        s("Ông Lê Văn Cường trú tại xóm 2, xã Yên Sở"),
        pair("Lê Văn Cường", "xóm 2, xã Yên Sở")
    );
    assert_eq!(
        s("Bà Phạm Thị Dung; địa chỉ: số 12 Lý Thường Kiệt"),
        pair("Phạm Thị Dung", "số 12 Lý Thường Kiệt")
    );
    assert_eq!(s("Hoàng Văn Em"), pair("Hoàng Văn Em", ""));
    // A name with a digit, or a whole sentence, is not a name.
    assert_eq!(s("Số 12 Lý Thường Kiệt"), None);
    assert_eq!(
        s("Đoàn công dân thôn 3 gồm nhiều hộ dân bị thu hồi đất làm đường"),
        None
    );
}

#[test]
fn id_numbers_that_lost_their_zero() {
    // A 12-digit CCCD stored as a number (shown 7.9E+10 in Excel) is 11 digits.
    assert_eq!(
        id_text(&Cell::Number(79_203_001_234.0)),
        Ok("079203001234".into())
    );
    assert_eq!(id_text(&Cell::Number(12_345_678.0)), Ok("012345678".into()));
    assert_eq!(
        id_text(&Cell::Number(123_456_789.0)),
        Ok("123456789".into())
    );
    // Its text in a CSV has lost the digits.
    assert_eq!(
        id_text(&Cell::Text("7,9E+10".into())),
        Err(Reason::IdRounded("7,9E+10".into()))
    );
    assert_eq!(
        id_text(&Cell::Text("7.92E+10".into())),
        Err(Reason::IdRounded("7.92E+10".into()))
    );
    assert_eq!(
        id_text(&Cell::Text(
            "CCCD số 001 085 012 345 cấp ngày 12/3/2021".into()
        )),
        Ok("001085012345".into())
    );
    assert_eq!(
        id_text(&Cell::Text("HC: C1234567".into())),
        Ok("C1234567".into())
    );
}

#[test]
fn dates_in_every_shape() {
    let want = NaiveDate::from_ymd_opt(2020, 3, 12).unwrap();
    for t in [
        "12/03/2020",
        "12/3/20",
        "2020-03-12",
        "12.03.2020",
        "ngày 12 tháng 3 năm 2020",
    ] {
        assert_eq!(
            day_of(&Cell::Text(t.into()), today()).unwrap().0,
            want,
            "{t}"
        );
    }
    // An Excel serial (43902 is 12/03/2020) and a date cell.
    assert_eq!(day_of(&Cell::Number(43902.0), today()).unwrap().0, want);
    assert_eq!(day_of(&Cell::Date(want, None), today()).unwrap().0, want);
    // Two-digit years of the last century.
    assert_eq!(
        day_of(&Cell::Text("5/6/98".into()), today()).unwrap().0,
        NaiveDate::from_ymd_opt(1998, 6, 5).unwrap()
    );
    assert!(day_of(&Cell::Text("31/02/2020".into()), today()).is_err());
    assert!(day_of(&Cell::Text("hôm qua".into()), today()).is_err());
    let (_, t) = day_of(&Cell::Text("12/03/2020 08:30".into()), today()).unwrap();
    assert_eq!(t, NaiveTime::from_hms_opt(8, 30, 0));
}

#[test]
fn petition_types() {
    use PetitionType::*;
    for (t, want) in [
        ("KN", KhieuNai),
        ("KN/01", KhieuNai),
        ("Khiếu nại", KhieuNai),
        ("TC - 2 người", ToCao),
        ("Tố cáo", ToCao),
        ("Kiến nghị", KienNghi),
        ("Kiến nghị, phản ánh", KienNghi),
        ("KNPA", KienNghi),
        ("Phản ánh", PhanAnh),
    ] {
        assert_eq!(petition_type(t), Ok(want), "{t}");
    }
    assert!(matches!(
        petition_type("Khiếu nại, tố cáo"),
        Err(Reason::SeveralTypes(_))
    ));
    assert!(matches!(
        petition_type("Đơn thư"),
        Err(Reason::UnknownType(_))
    ));
    assert_eq!(first_number("Tố cáo, đoàn 15 người"), Some(15));
}

#[test]
fn handlings_in_words() {
    assert_eq!(handling_words("Thụ lý giải quyết"), [Handling::ThuLy]);
    assert_eq!(
        handling_words("Trả lại đơn và hướng dẫn"),
        [Handling::HuongDan]
    );
    assert_eq!(
        handling_words("Chuyển đơn đến UBND huyện"),
        [Handling::ChuyenDon]
    );
    assert_eq!(
        agency_in("Chuyển đơn đến UBND huyện Đan Phượng"),
        "UBND huyện Đan Phượng"
    );
    assert!(is_mark("x") && is_mark("✓") && !is_mark("UBND huyện"));
}
