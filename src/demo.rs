//! `tiepdan demo`: a realistic, reproducible demo database.
//!
//! Vietnamese names with diacritics, real province and commune/ward names (the two-level map
//! of 01/7/2025), a field mix led by land and compensation, groups (đoàn đông người) with
//! representatives, returning citizens, periodic reception days presided by the chairman, and
//! several months of receiving days. The same seed and end date give the same database, to
//! the byte of every record (uids are drawn from the seeded generator, stamps from the data).
//!
//! Everything goes through the store's bulk writer in one transaction (a million visits in a
//! few minutes); one `bulk_load` audit row records the whole data set.

use crate::domain::case::{self, Action, CaseFacts, CaseStatus, CaseType, Outcome, RefusalReason};
use crate::domain::ident::{check_id_number, check_phone};
use crate::domain::visit::{Handling, PetitionType, ReceptionForm, ValidVisit};
use crate::store::{
    Bulk, BulkCase, BulkCitizen, BulkSession, BulkStep, BulkVisit, CaseSource, CitizenInput,
    Intake, Result, StepInput, Store, settings,
};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub visits: u64,
    pub seed: u64,
    /// The last day of data (always a receiving day, so the log shows something at once).
    pub end: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub visits: u64,
    pub citizens: u64,
    pub sessions: u64,
    pub cases: u64,
    /// Rows of the lookup index, and the time it took to build it.
    pub lookup_rows: u64,
    pub lookup_ms: u64,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
}

const SURNAMES: &[(&str, u32)] = &[
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
const MIDDLE_MALE: &[&str] = &[
    "Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Đình", "Xuân", "Thành", "Ngọc",
];
const MIDDLE_FEMALE: &[&str] = &[
    "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mai", "Hồng", "Phương",
];
const GIVEN_MALE: &[&str] = &[
    "Đức", "Hùng", "Dũng", "Tuấn", "Hải", "Sơn", "Thắng", "Long", "Nam", "Quang", "Bình", "Cường",
    "Khánh", "Toàn", "Trung", "Việt", "Hiếu", "Phúc", "Lộc", "Tâm", "Thịnh", "Đạt", "Khoa", "Lâm",
];
const GIVEN_FEMALE: &[&str] = &[
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
const PLACES: &[(&str, &str, &str)] = &[
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
const STREETS: &[&str] = &[
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
const FIELD_MIX: &[(&str, u32)] = &[
    ("dat_dai", 34),
    ("den_bu_gpmb", 21),
    ("quy_hoach_xd", 12),
    ("moi_truong", 8),
    ("chinh_sach", 11),
    ("tu_phap", 5),
    ("tham_nhung", 3),
    ("khac", 6),
];
const HANDLING_MIX: &[(&str, u32)] = &[
    ("thu_ly", 30),
    ("huong_dan", 24),
    ("tra_loi", 20),
    ("chuyen_don", 12),
    ("don_doc", 6),
    ("luu_don", 8),
];

/// Content by field, each with its petition type: what citizens actually come about.
fn contents(field: &str) -> &'static [(&'static str, &'static str)] {
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

fn prior_agency(rng: &mut ChaCha8Rng, ward: &str) -> String {
    match rng.random_range(0..10) {
        0..=5 => String::new(),
        6..=7 => format!("UBND {ward}"),
        8 => "Văn phòng đăng ký đất đai".to_owned(),
        _ => "Ban bồi thường, giải phóng mặt bằng".to_owned(),
    }
}

fn weighted<'a>(rng: &mut ChaCha8Rng, items: &'a [(&'a str, u32)]) -> &'a str {
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
fn seeded_uid(rng: &mut ChaCha8Rng, at_ms: u64) -> String {
    let mut bytes = [0u8; 10];
    rng.fill(&mut bytes);
    uuid::Builder::from_unix_timestamp_millis(at_ms, &bytes)
        .into_uuid()
        .to_string()
}

fn millis(day: NaiveDate, time: NaiveTime) -> u64 {
    day.and_time(time).and_utc().timestamp_millis().max(0) as u64
}

fn stamp(day: NaiveDate, time: NaiveTime) -> String {
    day.and_time(time).format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A person: name, sex and birth year.
struct Person {
    name: String,
    female: bool,
    birth_year: i32,
}

fn person(rng: &mut ChaCha8Rng, year_now: i32) -> Person {
    let female = rng.random_bool(0.42);
    let surname = weighted(rng, SURNAMES);
    let (middle, given) = if female {
        (MIDDLE_FEMALE, GIVEN_FEMALE)
    } else {
        (MIDDLE_MALE, GIVEN_MALE)
    };
    let name = format!(
        "{surname} {} {}",
        middle.choose(rng).expect("non-empty"),
        given.choose(rng).expect("non-empty")
    );
    Person {
        name,
        female,
        birth_year: year_now - rng.random_range(22..82),
    }
}

/// A CCCD that passes the domain checks: province code, century/sex digit, birth year.
fn cccd(rng: &mut ChaCha8Rng, province: &str, p: &Person) -> String {
    let century = if p.birth_year >= 2000 { 2 } else { 0 } + u32::from(p.female);
    format!(
        "{province}{century}{:02}{:06}",
        p.birth_year.rem_euclid(100),
        rng.random_range(0..1_000_000)
    )
}

fn mobile(rng: &mut ChaCha8Rng) -> String {
    let prefix = ["03", "05", "07", "08", "09"]
        .choose(rng)
        .expect("non-empty");
    format!(
        "{prefix}{}{:07}",
        rng.random_range(1..10),
        rng.random_range(0..10_000_000)
    )
}

/// The receiving days, oldest first: working days (Monday–Friday) before `end`, plus `end`.
fn receiving_days(end: NaiveDate, count: usize) -> Vec<NaiveDate> {
    let mut days = vec![end];
    let mut d = end;
    while days.len() < count {
        d -= Duration::days(1);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            days.push(d);
        }
    }
    days.reverse();
    days
}

struct DemoOfficer {
    id: i64,
    name: &'static str,
}

const OFFICERS: &[(&str, &str, bool)] = &[
    ("Nguyễn Thị Lan", "Công chức tiếp công dân", false),
    ("Trần Văn Minh", "Công chức tư pháp – hộ tịch", false),
    ("Lê Thu Hà", "Công chức địa chính – xây dựng", false),
    ("Phạm Quốc Hưng", "Chủ tịch UBND", true),
];

/// Fill an empty (or just created) database with demo data: one bulk load of the store's
/// writer (one transaction, the domain's checks on every visit and case step, due dates,
/// the lookup index and one audit row at the end).
pub fn generate(store: &mut Store, opts: &DemoOptions) -> Result<DemoSummary> {
    let label = format!("demo-seed-{}", opts.seed);
    let (summary, lookup_rows, lookup_ms) =
        store.load_empty_book(&label, |b| generate_into(b, opts))?;
    Ok(DemoSummary {
        lookup_rows,
        lookup_ms,
        ..summary
    })
}

fn generate_into(b: &mut Bulk<'_>, opts: &DemoOptions) -> Result<DemoSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let visits_wanted = opts.visits;
    // Realistic pace: about 25 visits a receiving day, between three months and five years.
    let n_days = ((visits_wanted / 25) as usize).clamp(60, 1250);
    let days = receiving_days(opts.end, n_days);
    let first_day = days[0];
    let year_now = opts.end.year();
    let t0 = NaiveTime::from_hms_opt(7, 0, 0).expect("valid time");

    b.setting(settings::UNIT_NAME, "UBND phường Ba Đình (dữ liệu mẫu)")?;
    b.setting(settings::DESK_CODE, "BD")?;
    b.setting(settings::DEMO, "1")?;

    let mut officers = Vec::new();
    for (i, (name, title, leader)) in OFFICERS.iter().enumerate() {
        let uid = seeded_uid(&mut rng, millis(first_day, t0) + i as u64);
        let id = b.officer(&uid, name, title, *leader, &stamp(first_day, t0))?;
        officers.push(DemoOfficer { id, name });
    }
    let desk: Vec<&DemoOfficer> = officers.iter().filter(|o| o.id != officers[3].id).collect();
    let chairman = &officers[3];
    let presiding = format!("{} – Chủ tịch UBND", chairman.name);
    b.setting(settings::LAST_OFFICER, &desk[0].id.to_string())?;

    let mut citizens: Vec<i64> = Vec::new();
    let mut sessions = 0u64;
    let mut visits_done = 0u64;
    let mut cases = CaseWriter {
        end: opts.end,
        count: 0,
    };

    for (i, &day) in days.iter().enumerate() {
        // Spread the visits evenly, with the remainder on the last days.
        let todo = visits_wanted * (i as u64 + 1) / n_days as u64 - visits_done;
        if todo == 0 {
            continue;
        }
        // Periodic reception by the chairman: the first Thursday of the month (and on the
        // second Thursday, too, as the 2026 law asks at least two days a month).
        let periodic = day.weekday() == Weekday::Thu && day.day() <= 14;
        let adhoc = !periodic && rng.random_ratio(1, 40);
        let mut session_ids = Vec::new();
        for (form, who) in [
            (ReceptionForm::ThuongXuyen, ""),
            (ReceptionForm::DinhKy, presiding.as_str()),
            (ReceptionForm::DotXuat, presiding.as_str()),
        ] {
            let wanted = match form {
                ReceptionForm::ThuongXuyen => true,
                ReceptionForm::DinhKy => periodic,
                _ => adhoc,
            };
            if !wanted {
                continue;
            }
            let uid = seeded_uid(&mut rng, millis(day, t0));
            session_ids.push(b.session(&BulkSession {
                uid: &uid,
                day,
                form,
                presiding: who,
                place: "Trụ sở tiếp công dân",
                at: &stamp(day, t0),
                by: desk[0].id,
            })?);
            sessions += 1;
        }

        // Times through the morning and afternoon, in order.
        let mut minutes: Vec<u32> = (0..todo)
            .map(|_| {
                if rng.random_bool(0.65) {
                    rng.random_range(7 * 60 + 30..11 * 60 + 30)
                } else {
                    rng.random_range(13 * 60 + 30..16 * 60 + 45)
                }
            })
            .collect();
        minutes.sort_unstable();
        for m in minutes {
            let time = NaiveTime::from_hms_opt(m / 60, m % 60, 0).expect("valid time");
            let hhmm = time.format("%H:%M").to_string();
            let ms = millis(day, time);
            let at = stamp(day, time);
            let officer = desk.choose(&mut rng).expect("officers");

            // A returning citizen about one time in five.
            let citizen_id = if !citizens.is_empty() && rng.random_ratio(1, 5) {
                // Recent visitors come back more often.
                let n = citizens.len();
                let back = rng.random_range(0..n.min(2_000));
                citizens[n - 1 - back]
            } else {
                let p = person(&mut rng, year_now);
                let (ward, province, code) = *PLACES.choose(&mut rng).expect("places");
                let number = match rng.random_range(0..20) {
                    0..=14 => Some(cccd(&mut rng, code, &p)),
                    15 => Some(format!("{:09}", rng.random_range(10_000_000..400_000_000))),
                    _ => None,
                };
                let phone = rng.random_bool(0.8).then(|| mobile(&mut rng));
                let address = format!(
                    "Số {} {}, {ward}, {province}",
                    rng.random_range(1..300),
                    STREETS.choose(&mut rng).expect("streets")
                );
                let uid = seeded_uid(&mut rng, ms);
                // The same checks as the form: the numbers are parsed by the domain.
                let id_number = number.and_then(|n| check_id_number(&n, opts.end).ok());
                let phone = phone.and_then(|p| check_phone(&p).ok());
                let id = b.citizen(&BulkCitizen {
                    uid: &uid,
                    who: CitizenInput {
                        full_name: &p.name,
                        id_number: id_number.as_ref(),
                        phone: phone.as_ref(),
                        address: &address,
                    },
                    birth_year: Some(p.birth_year),
                    sex: Some(if p.female { "nu" } else { "nam" }),
                    at: &at,
                    by: officer.id,
                })?;
                citizens.push(id);
                id
            };

            let group = rng.random_ratio(1, 30);
            let (people, reps) = if group {
                let people: u32 = if rng.random_bool(0.7) {
                    rng.random_range(5..=10)
                } else {
                    rng.random_range(11..=40)
                };
                let n_reps = if people <= 10 {
                    rng.random_range(1..=2)
                } else {
                    rng.random_range(2..=5)
                };
                let reps: Vec<String> = (0..n_reps)
                    .map(|_| person(&mut rng, year_now).name)
                    .collect();
                (people, reps)
            } else if rng.random_ratio(1, 12) {
                (rng.random_range(2..=3), Vec::new())
            } else {
                (1, Vec::new())
            };
            let field = weighted(&mut rng, FIELD_MIX);
            let (ptype, content) = *contents(field).choose(&mut rng).expect("contents");
            let handling = weighted(&mut rng, HANDLING_MIX);
            let (ward, _, _) = *PLACES.choose(&mut rng).expect("places");
            let prior = prior_agency(&mut rng, ward);
            let petitions: u32 = if rng.random_bool(0.6) { 1 } else { 0 };
            let note = if group && rng.random_bool(0.5) {
                "Đoàn đông người, đã báo cáo lãnh đạo"
            } else {
                ""
            };
            // Periodic and ad hoc sessions take a share of the day's visits.
            let session_id = if session_ids.len() > 1 && rng.random_bool(0.4) {
                session_ids[1]
            } else {
                session_ids[0]
            };
            let uid = seeded_uid(&mut rng, ms);
            let petition_type = PetitionType::from_code(ptype).expect("known type");
            let handling = Handling::from_code(handling).expect("known handling");
            let visit = ValidVisit {
                full_name: String::new(),
                id_number: None,
                phone: None,
                address: String::new(),
                people,
                representatives: reps,
                form: ReceptionForm::ThuongXuyen,
                presiding: String::new(),
                petition_type,
                field_code: field.to_owned(),
                content: content.to_owned(),
                prior_agencies: prior,
                handling,
                transfer_agency: if handling == Handling::ChuyenDon {
                    AGENCIES.choose(&mut rng).expect("agencies").to_string()
                } else {
                    String::new()
                },
                note: note.to_owned(),
                petitions,
                day,
                time: hhmm.clone(),
            };
            let visit_id = b.visit(&BulkVisit {
                uid: &uid,
                session_id,
                citizen_id,
                day,
                time: &hhmm,
                visit: &visit,
                at: &at,
                by: officer.id,
            })?;
            visits_done += 1;
            if handling == Handling::ThuLy {
                cases.write(
                    b,
                    &mut rng,
                    &CaseSeed {
                        citizen_id,
                        visit_id: Some(visit_id),
                        field,
                        petition_type: ptype,
                        summary: content,
                        day,
                        officer_id: officer.id,
                        source: CaseSource::Visit,
                    },
                )?;
            }
        }
        // Written petitions by post or forwarded by another agency: about one a day.
        if rng.random_ratio(1, 2) && !citizens.is_empty() {
            let field = weighted(&mut rng, FIELD_MIX);
            let (ptype, content) = *contents(field).choose(&mut rng).expect("contents");
            let citizen_id = citizens[rng.random_range(0..citizens.len())];
            let officer_id = desk.choose(&mut rng).expect("officers").id;
            let source = if rng.random_bool(0.5) {
                CaseSource::Post
            } else {
                CaseSource::Forwarded
            };
            cases.write(
                b,
                &mut rng,
                &CaseSeed {
                    citizen_id,
                    visit_id: None,
                    field,
                    petition_type: ptype,
                    summary: content,
                    day,
                    officer_id,
                    source,
                },
            )?;
        }
    }

    Ok(DemoSummary {
        visits: visits_done,
        citizens: citizens.len() as u64,
        sessions,
        cases: cases.count,
        lookup_rows: 0,
        lookup_ms: 0,
        first_day,
        last_day: opts.end,
    })
}

/// What a demo case grows from.
struct CaseSeed<'a> {
    citizen_id: i64,
    visit_id: Option<i64>,
    field: &'a str,
    petition_type: &'a str,
    summary: &'a str,
    day: NaiveDate,
    officer_id: i64,
    source: CaseSource,
}

/// Writes demo cases with realistic timelines: each step is one the law allows (the domain
/// guards and the SQL triggers check every one), spaced by days, stopping at the end date, so
/// recent cases are still open and old ones mostly closed.
struct CaseWriter {
    end: NaiveDate,
    count: u64,
}

const AGENCIES: &[&str] = &[
    "Tòa án nhân dân khu vực 1",
    "Sở Nông nghiệp và Môi trường",
    "Chi cục Thi hành án dân sự",
    "Sở Xây dựng",
    "Công an phường",
];

impl CaseWriter {
    /// The next step of a demo case's life, weighted the way cases usually go.
    fn next_action(rng: &mut ChaCha8Rng, f: &CaseFacts) -> Option<Action> {
        use Action as A;
        let options: &[(Action, u32)] = match f.status {
            CaseStatus::New => &[
                (A::ClassifyOwn, 62),
                (A::ClassifyNotOwn, 24),
                (A::ClassifyIneligible, 12),
                (A::Withdraw, 2),
            ],
            CaseStatus::AwaitingAcceptance => &[(A::Accept, 90), (A::Refuse, 6), (A::Withdraw, 4)],
            CaseStatus::OutsideAuthority => &[(A::Transfer, 60), (A::Guide, 32), (A::Return, 8)],
            CaseStatus::NotEligible => &[(A::Guide, 45), (A::File, 40), (A::Return, 15)],
            CaseStatus::InProgress => &[
                (A::Resolve, 70),
                (A::MarkComplex, 14),
                (A::Extend, 10),
                (A::Withdraw, 6),
            ],
            _ => return None,
        };
        let allowed: Vec<(Action, u32)> = options
            .iter()
            .copied()
            .filter(|(a, _)| case::step(f, *a).is_ok())
            .collect();
        let total: u32 = allowed.iter().map(|(_, w)| w).sum();
        if total == 0 {
            return None;
        }
        let mut x = rng.random_range(0..total);
        for (a, w) in allowed {
            if x < w {
                return Some(a);
            }
            x -= w;
        }
        None
    }

    fn write(&mut self, b: &mut Bulk<'_>, rng: &mut ChaCha8Rng, s: &CaseSeed) -> Result<()> {
        let ptype = PetitionType::from_code(s.petition_type).unwrap_or(PetitionType::KienNghi);
        let t = CaseType::from_petition(ptype);
        let t0 = NaiveTime::from_hms_opt(16, 30, 0).expect("valid time");
        let uid = seeded_uid(rng, millis(s.day, t0));
        let (forwarded_by, forwarding_doc) = if s.source == CaseSource::Forwarded {
            (
                "Ban Tiếp công dân tỉnh".to_owned(),
                format!("{}/BTCD", rng.random_range(100..2000)),
            )
        } else {
            (String::new(), String::new())
        };
        let intake = Intake {
            case_type: t,
            citizen_id: s.citizen_id,
            field_code: s.field.to_owned(),
            summary: s.summary.to_owned(),
            source: s.source,
            forwarded_by,
            forwarding_doc,
            received_on: s.day,
            remote: false,
            visit_id: s.visit_id,
        };
        let event_uid = seeded_uid(rng, millis(s.day, t0));
        let (id, _) = b.case(&BulkCase {
            uid: &uid,
            event_uid: &event_uid,
            intake: &intake,
            at: &stamp(s.day, t0),
            by: s.officer_id,
        })?;
        self.count += 1;
        let mut f = CaseFacts {
            forwarded: s.source == CaseSource::Forwarded,
            ..CaseFacts::new(t, CaseStatus::New)
        };
        let mut day = s.day;
        // The duties each step opens are done from a stream of their own (issue 18), so the
        // steps of the data set are drawn as before them.
        let mut duties_rng =
            ChaCha8Rng::seed_from_u64(0xD07 ^ (id as u64).wrapping_mul(0x9E37_79B9));
        while let Some(a) = Self::next_action(rng, &f) {
            day += Duration::days(rng.random_range(1..=20));
            if day > self.end {
                break;
            }
            let reason = (a == Action::Refuse)
                .then(|| RefusalReason::for_type(t).choose(rng).copied())
                .flatten();
            let outcome = (a == Action::Resolve)
                .then(|| Outcome::for_type(t).choose(rng).copied())
                .flatten();
            let agency = if matches!(a, Action::Transfer | Action::Guide) {
                AGENCIES.choose(rng).expect("agencies").to_string()
            } else {
                String::new()
            };
            let document_no = if matches!(a, Action::Accept | Action::Resolve | Action::Transfer) {
                format!("{}/QĐ-UBND", rng.random_range(10..999))
            } else {
                String::new()
            };
            let step_uid = seeded_uid(rng, millis(day, t0));
            f = b.case_step(&BulkStep {
                uid: &step_uid,
                case_id: id,
                action: a,
                day,
                input: &StepInput {
                    day: Some(day),
                    document_no,
                    agency,
                    reason,
                    outcome,
                    ..StepInput::default()
                },
                at: &stamp(day, t0),
                by: s.officer_id,
            })?;
            f = self.follow_up(b, &mut duties_rng, id, a, f, &mut day, s.officer_id)?;
        }
        Ok(())
    }

    /// The duties a step opened (issue 18), done within a few days as a unit usually does:
    /// the denouncer told of the acceptance, the decision sent, the forwarder told the result,
    /// the result of a forwarded petition passed on — a few still pending near the end date.
    #[allow(clippy::too_many_arguments)]
    fn follow_up(
        &mut self,
        b: &mut Bulk<'_>,
        rng: &mut ChaCha8Rng,
        id: i64,
        after: Action,
        mut f: CaseFacts,
        day: &mut NaiveDate,
        officer_id: i64,
    ) -> Result<CaseFacts> {
        use Action as A;
        let todo: &[Action] = match (after, f.case_type) {
            (A::Accept, CaseType::ToCao) => &[A::NotifyAcceptance],
            (A::Resolve, _) => &[A::SendDecision, A::ReportToForwarder],
            (A::Transfer, _) => &[A::ResultReceived, A::InformCitizen],
            _ => &[],
        };
        let t0 = NaiveTime::from_hms_opt(16, 45, 0).expect("valid time");
        for a in todo {
            if case::step(&f, *a).is_err() {
                continue;
            }
            // The receiving body takes weeks to report; the unit's own duties take days.
            let next = *day
                + Duration::days(if *a == A::ResultReceived {
                    rng.random_range(10..=40)
                } else {
                    rng.random_range(1..=4)
                });
            if next > self.end {
                break;
            }
            *day = next;
            let step_uid = seeded_uid(rng, millis(next, t0));
            f = b.case_step(&BulkStep {
                uid: &step_uid,
                case_id: id,
                action: *a,
                day: next,
                input: &StepInput {
                    day: Some(next),
                    ..StepInput::default()
                },
                at: &stamp(next, t0),
                by: officer_id,
            })?;
        }
        Ok(f)
    }
}

#[cfg(test)]
mod tests {
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
}
