//! The demo's word lists: names, places, streets, the field and handling mix, what citizens
//! say in each field; and the small draws from them.

use super::*;

pub(super) const SURNAMES: &[(&str, u32)] = &[
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Vũ", 4),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trịnh", 1),
    ("Lương", 1),
];
pub(super) const MIDDLE_MALE: &[&str] = &[
    "Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Đình", "Xuân", "Thành", "Ngọc",
];
pub(super) const MIDDLE_FEMALE: &[&str] = &[
    "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mai", "Hồng", "Phương",
];
pub(super) const GIVEN_MALE: &[&str] = &[
    "Đức", "Hùng", "Dũng", "Tuấn", "Hải", "Sơn", "Thắng", "Long", "Nam", "Quang", "Bình", "Cường",
    "Khánh", "Toàn", "Trung", "Việt", "Hiếu", "Phúc", "Lộc", "Tâm", "Thịnh", "Đạt", "Khoa", "Lâm",
];
pub(super) const GIVEN_FEMALE: &[&str] = &[
    "Lan",
    "Hương",
    "Hoa",
    "Mai",
    "Hằng",
    "Thảo",
    "Linh",
    "Trang",
    "Nga",
    "Yến",
    "Phượng",
    "Hà",
    "Loan",
    "Huệ",
    "Dung",
    "Thủy",
    "Nhung",
    "Oanh",
    "Vân",
    "Hạnh",
    "Liên",
    "Ánh",
    "Ngân",
    "Chi",
];

/// (ward or commune, province, CCCD province code of the old province most births there carry).
/// Names of the two-level map in force since 01/7/2025.
pub(super) const PLACES: &[(&str, &str, &str)] = &[
    ("phường Ba Đình", "Hà Nội", "001"),
    ("phường Hoàn Kiếm", "Hà Nội", "001"),
    ("phường Cầu Giấy", "Hà Nội", "001"),
    ("phường Đống Đa", "Hà Nội", "001"),
    ("phường Hà Đông", "Hà Nội", "001"),
    ("xã Sóc Sơn", "Hà Nội", "001"),
    ("xã Đông Anh", "Hà Nội", "001"),
    ("xã Thường Tín", "Hà Nội", "001"),
    ("phường Sài Gòn", "TP Hồ Chí Minh", "079"),
    ("phường Bến Thành", "TP Hồ Chí Minh", "079"),
    ("phường Thủ Đức", "TP Hồ Chí Minh", "079"),
    ("xã Củ Chi", "TP Hồ Chí Minh", "079"),
    ("phường Hải Châu", "Đà Nẵng", "048"),
    ("phường Hội An", "Đà Nẵng", "049"),
    ("phường Thuận Hóa", "Huế", "046"),
    ("phường Ngô Quyền", "Hải Phòng", "031"),
    ("phường Hạ Long", "Quảng Ninh", "022"),
    ("phường Thái Bình", "Hưng Yên", "034"),
    ("phường Nam Định", "Ninh Bình", "036"),
    ("phường Thanh Hóa", "Thanh Hóa", "038"),
    ("phường Vinh Phú", "Nghệ An", "040"),
    ("phường Quy Nhơn", "Gia Lai", "052"),
    ("phường Buôn Ma Thuột", "Đắk Lắk", "066"),
    ("phường Ninh Kiều", "Cần Thơ", "092"),
    ("phường Long Xuyên", "An Giang", "089"),
];
pub(super) const STREETS: &[&str] = &[
    "phố Đội Cấn",
    "phố Kim Mã",
    "đường Láng",
    "đường Giải Phóng",
    "phố Hàng Bạc",
    "đường Nguyễn Trãi",
    "đường Lê Lợi",
    "đường Trần Hưng Đạo",
    "đường Hai Bà Trưng",
    "đường Lý Thường Kiệt",
    "thôn Đoài",
    "thôn Thượng",
    "tổ dân phố số 5",
    "khu phố 3",
];

/// Field codes (as seeded in 0001_init.sql) with weights: land and compensation lead.
pub(super) const FIELD_MIX: &[(&str, u32)] = &[
    ("dat_dai", 34),
    ("den_bu_gpmb", 21),
    ("quy_hoach_xd", 12),
    ("moi_truong", 8),
    ("chinh_sach", 11),
    ("tu_phap", 5),
    ("tham_nhung", 3),
    ("khac", 6),
];
pub(super) const HANDLING_MIX: &[(&str, u32)] = &[
    ("thu_ly", 30),
    ("huong_dan", 24),
    ("tra_loi", 20),
    ("chuyen_don", 12),
    ("don_doc", 6),
    ("luu_don", 8),
];

/// Content by field, each with its petition type: what citizens actually come about.
pub(super) fn contents(field: &str) -> &'static [(&'static str, &'static str)] {
    match field {
        "dat_dai" => &[
            (
                "to_cao",
                "Tố cáo cán bộ địa chính xác nhận sai nguồn gốc sử dụng đất",
            ),
            (
                "khieu_nai",
                "Khiếu nại quyết định thu hồi đất của UBND, đề nghị xem xét lại diện tích bị thu hồi",
            ),
            (
                "kien_nghi",
                "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho thửa đất đã sử dụng ổn định từ năm 1993",
            ),
            (
                "kien_nghi",
                "Tranh chấp ranh giới thửa đất với hộ liền kề, đề nghị hòa giải",
            ),
            (
                "khieu_nai",
                "Khiếu nại việc điều chỉnh biến động đất đai sai diện tích trên sổ",
            ),
            (
                "phan_anh",
                "Phản ánh việc lấn chiếm đất công làm lối đi chung của khu dân cư",
            ),
        ],
        "den_bu_gpmb" => &[
            (
                "to_cao",
                "Tố cáo việc kê khai khống tài sản trên đất để nhận tiền bồi thường",
            ),
            (
                "khieu_nai",
                "Khiếu nại đơn giá bồi thường đất nông nghiệp thấp hơn giá thị trường",
            ),
            (
                "kien_nghi",
                "Đề nghị bố trí tái định cư cho hộ gia đình bị thu hồi toàn bộ đất ở",
            ),
            (
                "khieu_nai",
                "Khiếu nại việc không được hỗ trợ chuyển đổi nghề nghiệp khi thu hồi đất",
            ),
            (
                "kien_nghi",
                "Kiến nghị chi trả tiền bồi thường còn thiếu của dự án mở rộng đường",
            ),
            (
                "khieu_nai",
                "Khiếu nại phương án bồi thường tài sản trên đất của dự án khu đô thị",
            ),
        ],
        "quy_hoach_xd" => &[
            (
                "to_cao",
                "Tố cáo cán bộ xây dựng bao che công trình xây dựng trái phép",
            ),
            (
                "phan_anh",
                "Phản ánh công trình xây dựng sai phép lấn sang phần đất của gia đình",
            ),
            (
                "kien_nghi",
                "Kiến nghị công khai quy hoạch chi tiết khu dân cư mới",
            ),
            (
                "kien_nghi",
                "Đề nghị điều chỉnh quy hoạch treo đã quá 10 năm chưa thực hiện",
            ),
            (
                "khieu_nai",
                "Khiếu nại quyết định xử phạt vi phạm trật tự xây dựng",
            ),
        ],
        "moi_truong" => &[
            (
                "to_cao",
                "Tố cáo doanh nghiệp chôn lấp chất thải công nghiệp trái phép",
            ),
            (
                "phan_anh",
                "Phản ánh cơ sở sản xuất xả nước thải chưa qua xử lý ra kênh",
            ),
            (
                "phan_anh",
                "Phản ánh tiếng ồn và bụi từ công trường xây dựng ban đêm",
            ),
            (
                "kien_nghi",
                "Kiến nghị thu gom rác thải tồn đọng tại điểm tập kết của tổ dân phố",
            ),
        ],
        "chinh_sach" => &[
            (
                "kien_nghi",
                "Đề nghị xem xét chế độ trợ cấp cho người có công với cách mạng",
            ),
            (
                "kien_nghi",
                "Kiến nghị giải quyết chế độ hưu trí, bảo hiểm xã hội còn vướng mắc",
            ),
            (
                "kien_nghi",
                "Đề nghị hỗ trợ hộ nghèo, hộ cận nghèo theo chính sách mới",
            ),
            (
                "khieu_nai",
                "Khiếu nại việc không được xét trợ cấp xã hội cho người cao tuổi",
            ),
        ],
        "tu_phap" => &[
            (
                "kien_nghi",
                "Đề nghị hướng dẫn thủ tục chứng thực hợp đồng chuyển nhượng",
            ),
            (
                "khieu_nai",
                "Khiếu nại việc chậm thi hành bản án dân sự đã có hiệu lực",
            ),
            (
                "kien_nghi",
                "Kiến nghị cải chính hộ tịch sai năm sinh trong giấy khai sinh",
            ),
        ],
        "tham_nhung" => &[
            (
                "to_cao",
                "Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục cấp giấy chứng nhận",
            ),
            (
                "to_cao",
                "Tố cáo sai phạm trong quản lý quỹ đóng góp xây dựng nhà văn hóa",
            ),
            (
                "to_cao",
                "Tố cáo việc lập khống hồ sơ hỗ trợ để chiếm đoạt tiền ngân sách",
            ),
        ],
        _ => &[
            (
                "phan_anh",
                "Phản ánh tình trạng mất trật tự tại chợ dân sinh",
            ),
            (
                "kien_nghi",
                "Kiến nghị sửa chữa đường giao thông nông thôn xuống cấp",
            ),
            (
                "kien_nghi",
                "Đề nghị giải quyết vướng mắc trong đăng ký hộ kinh doanh",
            ),
        ],
    }
}

pub(super) fn prior_agency(rng: &mut ChaCha8Rng, ward: &str) -> String {
    match rng.random_range(0..10) {
        0..=5 => String::new(),
        6..=7 => format!("UBND {ward}"),
        8 => "Văn phòng đăng ký đất đai".to_owned(),
        _ => "Ban bồi thường, giải phóng mặt bằng".to_owned(),
    }
}

pub(super) fn weighted<'a>(rng: &mut ChaCha8Rng, items: &'a [(&'a str, u32)]) -> &'a str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.random_range(0..total);
    for (item, w) in items {
        if x < *w {
            return item;
        }
        x -= w;
    }
    items[items.len() - 1].0
}

/// A seeded UUID v7 whose time part is `at` (so uids stay time-ordered and reproducible).
pub(super) fn seeded_uid(rng: &mut ChaCha8Rng, at_ms: u64) -> String {
    let mut bytes = [0u8; 10];
    rng.fill(&mut bytes);
    uuid::Builder::from_unix_timestamp_millis(at_ms, &bytes)
        .into_uuid()
        .to_string()
}

pub(super) fn millis(day: NaiveDate, time: NaiveTime) -> u64 {
    day.and_time(time).and_utc().timestamp_millis().max(0) as u64
}

pub(super) fn stamp(day: NaiveDate, time: NaiveTime) -> String {
    day.and_time(time).format("%Y-%m-%dT%H:%M:%S").to_string()
}
