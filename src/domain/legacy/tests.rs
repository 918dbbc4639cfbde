//! Both directions: legacy cells are found and converted, Unicode cells are never touched.
//! TCVN3 is checked against glibc's `iconv` (TCVN5712-1) when it is on the machine; VNI
//! against published text and its own inverse.

use super::*;

/// Vietnamese as officers write it, in Unicode: names, places, contents, headers — among
/// them cells with Latin-1 letters only ("Hoàn toàn", "Cá"), which must stay as they are.
const UNICODE: &[&str] = &[
    "Đã",
    "Đó",
    "Nguyễn Văn Đức",
    "Trần Thị Hoa",
    "Lê Hoàng Phúc",
    "Phạm Quốc Hưng",
    "Hoàn toàn",
    "Cá",
    "Cà Mau",
    "Hà Lê",
    "Tô Bá Hùng",
    "Số 3×4 m",
    "© 2020",
    "150 m²",
    "Thôn 3, xã Tân Lập, huyện Đan Phượng, Hà Nội",
    "Khiếu nại việc thu hồi đất, bồi thường không thỏa đáng",
    "Tố cáo cán bộ địa chính nhận tiền của dân",
    "Kiến nghị sửa đường giao thông nông thôn bị xuống cấp",
    "Phản ánh ô nhiễm môi trường do trại chăn nuôi",
    "Hướng dẫn công dân đến Tòa án nhân dân huyện",
    "Chuyển đơn đến UBND huyện",
    "Họ tên – Địa chỉ",
    "Ngày tiếp",
    "Nội dung vụ việc",
    "Phân loại đơn/Số người",
    "Cơ quan đã giải quyết",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Ông Bùi Xuân Dũng, trú tại tổ 5, phường Ỷ La",
    "ĐƠN KHIẾU NẠI",
    "SỔ TIẾP CÔNG DÂN",
];

/// Sentences for the TCVN3 round trip: no capital with a tone (ABC has none).
const FOR_TCVN3: &[&str] = &[
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Nguyễn Văn Đức",
    "Trần Thị Hoa",
    "Đã",
    "Lê Hoàng Phúc",
    "Thôn 3, xã Tân Lập, huyện Đan Phượng",
    "Khiếu nại việc thu hồi đất, bồi thường không thỏa đáng",
    "Tố cáo cán bộ địa chính nhận tiền của dân",
    "Phản ánh ô nhiễm môi trường do trại chăn nuôi",
    "Họ tên - Địa chỉ",
    "Nội dung vụ việc",
    "Phân loại đơn/Số người",
    "Cơ quan đã giải quyết",
    "Hướng xử lý",
    "Thụ lý để giải quyết",
    "Trả lại đơn và hướng dẫn",
    "Chuyển đơn đến cơ quan có thẩm quyền",
    "Ghi chú",
    "Ưng Văn Ơn, Ăn Ân Ê Ô",
    "người ở đường ươm",
];

#[test]
fn unicode_cells_are_never_converted() {
    for s in UNICODE.iter().chain(FOR_TCVN3) {
        assert_eq!(detect(s, None), Legacy::Unicode, "{s}");
        let (out, how) = to_unicode(s, None);
        assert_eq!((out.as_ref(), how), (*s, Legacy::Unicode));
    }
}

/// In a sheet typed in TCVN3 or VNI, a Unicode cell with a letter beyond Latin-1 (most of
/// them: ă, đ, ơ, ư, ạ…) stays Unicode whatever the sheet suggests.
#[test]
fn unicode_cells_resist_the_sheets_hint() {
    let strong = |s: &&&str| {
        s.chars()
            .any(|c| u32::from(c) > 0xFF && c != '×' && c != '–')
    };
    for s in UNICODE.iter().chain(FOR_TCVN3).filter(strong) {
        for hint in [Legacy::Tcvn3, Legacy::Vni] {
            assert_eq!(detect(s, Some(hint)), Legacy::Unicode, "{s} {hint:?}");
        }
    }
    // "Đã" read as TCVN3 would be "Đó".
    assert_eq!(to_unicode("Đã", Some(Legacy::Tcvn3)).0, "Đã");
}

/// Latin-1 words read as well both ways follow the sheet: TCVN3's "chó" is "chú".
#[test]
fn a_tie_follows_the_sheet() {
    assert_eq!(to_unicode("Ghi chó", None).0, "Ghi chó");
    assert_eq!(to_unicode("Ghi chó", Some(Legacy::Tcvn3)).0, "Ghi chú");
    assert_eq!(to_unicode("Hoàn toàn", None).0, "Hoàn toàn");
}

#[test]
fn syllables_as_written() {
    for w in [
        "người", "Việt", "khuya", "quyết", "giữa", "nghiêng", "hoà", "hòa", "Đức", "kẻng",
    ] {
        assert!(is_syllable(w), "{w}");
    }
    for w in [
        "Caù", "Vieọt", "céng", "héi", "x·", "kan", "tiê", "hoàc", "chìp",
    ] {
        assert!(!is_syllable(w), "{w}");
    }
}

#[test]
fn the_soft_hyphen_is_u_horn() {
    assert_eq!(tcvn3_letter('\u{AD}'), Some('ư'));
    assert_eq!(from_tcvn3("ng\u{AD}êi"), "người");
    assert_eq!(detect("ng\u{AD}êi", None), Legacy::Tcvn3);
}

#[test]
fn classic_tcvn3_text() {
    for (tcvn3, want) in [
        (
            "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
            "Cộng hoà xã hội chủ nghĩa Việt Nam",
        ),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("NguyÔn V¨n §øc", "Nguyễn Văn Đức"),
        ("Hä tªn - §Þa chØ", "Họ tên - Địa chỉ"),
        ("Ngµy tiÕp", "Ngày tiếp"),
        // A .VnTimeH cell: the lowercase codes drawn as capitals.
        ("Sæ TIÕP C¤NG D¢N", "SỔ TIẾP CÔNG DÂN"),
    ] {
        assert_eq!(detect(tcvn3, None), Legacy::Tcvn3, "{tcvn3}");
        assert_eq!(to_unicode(tcvn3, None).0, want);
    }
}

#[test]
fn classic_vni_text() {
    for (vni, want) in [
        (
            "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        ),
        (
            "Ñoäc laäp - Töï do - Haïnh phuùc",
            "Độc lập - Tự do - Hạnh phúc",
        ),
        ("Nguyeãn Vaên Ñöùc", "Nguyễn Văn Đức"),
        ("ngöôøi", "người"),
        ("Vieät Nam", "Việt Nam"),
    ] {
        assert_eq!(detect(vni, None), Legacy::Vni, "{vni}");
        assert_eq!(to_unicode(vni, None).0, want);
    }
}

#[test]
fn vni_round_trips_every_sentence() {
    for s in UNICODE.iter().chain(FOR_TCVN3) {
        let vni = to_vni(s);
        if vni == *s {
            continue; // nothing VNI would type differently ("Cá" is "Caù"; "Số 3×4 m" stays)
        }
        let (back, how) = to_unicode(&vni, Some(Legacy::Vni));
        // A cell with no VNI-only character cannot be told from Unicode; every sentence
        // here has one.
        assert_eq!((back.as_ref(), how), (*s, Legacy::Vni), "{s} as {vni}");
    }
}

/// Every Vietnamese letter, lowercase and capital, through VNI and back.
#[test]
fn vni_covers_every_letter() {
    let letters = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";
    for l in letters.chars() {
        for c in [l, l.to_uppercase().next().unwrap()] {
            let word = format!("X{c}n");
            assert_eq!(from_vni(&to_vni(&word)), word, "{c}");
        }
    }
}

fn iconv(from: &str, to: &str, input: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut child = std::process::Command::new("iconv")
        .args(["-f", from, "-t", to])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(input).ok()?;
    let out = child.wait_with_output().ok()?;
    out.status.success().then_some(out.stdout)
}

/// The 74 positions of the table are glibc's TCVN5712-1 on those bytes.
#[test]
fn tcvn3_agrees_with_iconv() {
    if iconv("UTF-8", "UTF-8", b"x").is_none() {
        eprintln!("iconv is not on this machine: the TCVN3 table is not checked against it");
        return;
    }
    for (byte, letter) in TCVN3 {
        let out = iconv("TCVN5712-1", "UTF-8", &[byte]).expect("iconv decodes");
        let got: String = String::from_utf8(out).unwrap().nfc().collect();
        assert_eq!(got, letter.to_string(), "byte {byte:#04x}");
    }
}

/// Sentences encoded by iconv into TCVN3 bytes, held as Windows holds them (one character
/// per byte), are detected and come back as they were.
#[test]
fn tcvn3_round_trips_through_iconv() {
    if iconv("UTF-8", "UTF-8", b"x").is_none() {
        eprintln!("iconv is not on this machine: the TCVN3 round trip is not checked");
        return;
    }
    for s in FOR_TCVN3 {
        let bytes = iconv("UTF-8", "TCVN5712-1", s.as_bytes()).expect("iconv encodes");
        let cell: String = bytes.iter().map(|b| char::from(*b)).collect();
        let (back, how) = to_unicode(&cell, Some(Legacy::Tcvn3));
        assert_eq!((back.as_ref(), how), (*s, Legacy::Tcvn3), "{s} as {cell:?}");
    }
}

#[test]
fn the_two_legacy_encodings_are_told_apart() {
    assert_eq!(detect("§éc lËp - Tù do", None), Legacy::Tcvn3);
    assert_eq!(detect("Ñoäc laäp - Töï do", None), Legacy::Vni);
}
