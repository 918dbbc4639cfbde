//! `tiepdan demo`: a realistic, reproducible demo database.
//!
//! Vietnamese names with diacritics, real province and commune/ward names (the two-level map
//! of 01/7/2025), a field mix led by land and compensation, groups (đoàn đông người) with
//! representatives, returning citizens, periodic reception days presided by the chairman, and
//! several months of receiving days. The same seed and end date give the same database, to
//! the byte of every record (uids are drawn from the seeded generator, stamps from the data).
//!
//! Bulk rows are written directly in one transaction for speed (a million visits in seconds);
//! one `generate` audit row records the whole data set.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{TransactionBehavior, params};
use serde_json::json;

use crate::domain::case::{self, Action, CaseFacts, CaseStatus, CaseType, Outcome, RefusalReason};
use crate::domain::text::fold;
use crate::domain::visit::PetitionType;
use crate::store::{Result, Store, settings};

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

/// Fill an empty (or just created) database with demo data. One transaction.
pub fn generate(store: &mut Store, opts: &DemoOptions) -> Result<DemoSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let visits_wanted = opts.visits;
    // Realistic pace: about 25 visits a receiving day, between three months and five years.
    let n_days = ((visits_wanted / 25) as usize).clamp(60, 1250);
    let days = receiving_days(opts.end, n_days);
    let first_day = days[0];
    let year_now = opts.end.year();
    let t0 = NaiveTime::from_hms_opt(7, 0, 0).expect("valid time");

    let conn = store.conn_mut();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;

    let mut officers = Vec::new();
    for (i, (name, title, leader)) in OFFICERS.iter().enumerate() {
        let uid = seeded_uid(&mut rng, millis(first_day, t0) + i as u64);
        tx.execute(
            "INSERT INTO officers (uid, full_name, title, is_leader, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![uid, name, title, leader, stamp(first_day, t0)],
        )?;
        officers.push(DemoOfficer {
            id: tx.last_insert_rowid(),
            name,
        });
    }
    let desk: Vec<&DemoOfficer> = officers.iter().filter(|o| o.id != officers[3].id).collect();
    let chairman = &officers[3];
    let presiding = format!("{} – Chủ tịch UBND", chairman.name);

    let mut field_ids = std::collections::HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT code, id FROM fields")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (code, id) = row?;
            field_ids.insert(code, id);
        }
    }

    let mut citizens: Vec<i64> = Vec::new();
    let mut sessions = 0u64;
    let mut visits_done = 0u64;
    let cases_done: u64;
    {
        let mut ins_citizen = tx.prepare(
            "INSERT INTO citizens (uid, full_name, name_folded, id_kind, id_number, phone, address,
                 birth_year, sex, created_at, created_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)",
        )?;
        let mut ins_session = tx.prepare(
            "INSERT INTO sessions (uid, day, form, presiding, place, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut ins_visit = tx.prepare(
            "INSERT INTO visits (uid, session_id, citizen_id, day, time, people, representatives,
                 petition_type, field_id, content, prior_agencies, handling, note, petitions,
                 officer_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
        )?;

        let mut cases = CaseWriter::new(&tx, opts.end)?;

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
                ("thuong_xuyen", ""),
                ("dinh_ky", presiding.as_str()),
                ("dot_xuat", presiding.as_str()),
            ] {
                let wanted = match form {
                    "thuong_xuyen" => true,
                    "dinh_ky" => periodic,
                    _ => adhoc,
                };
                if !wanted {
                    continue;
                }
                let uid = seeded_uid(&mut rng, millis(day, t0));
                ins_session.execute(params![
                    uid,
                    day,
                    form,
                    who,
                    "Trụ sở tiếp công dân",
                    stamp(day, t0),
                    desk[0].id
                ])?;
                session_ids.push(tx.last_insert_rowid());
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
                    let (kind, number) = match rng.random_range(0..20) {
                        0..=14 => (Some("cccd"), Some(cccd(&mut rng, code, &p))),
                        15 => (
                            Some("cmnd"),
                            Some(format!("{:09}", rng.random_range(10_000_000..400_000_000))),
                        ),
                        _ => (None, None),
                    };
                    let phone = rng.random_bool(0.8).then(|| mobile(&mut rng));
                    let address = format!(
                        "Số {} {}, {ward}, {province}",
                        rng.random_range(1..300),
                        STREETS.choose(&mut rng).expect("streets")
                    );
                    let uid = seeded_uid(&mut rng, ms);
                    ins_citizen.execute(params![
                        uid,
                        p.name,
                        fold(&p.name),
                        kind,
                        number,
                        phone,
                        address,
                        p.birth_year,
                        if p.female { "nu" } else { "nam" },
                        stamp(day, time),
                        officer.id,
                    ])?;
                    let id = tx.last_insert_rowid();
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
                ins_visit.execute(params![
                    uid,
                    session_id,
                    citizen_id,
                    day,
                    hhmm,
                    people,
                    serde_json::to_string(&reps).expect("names serialize"),
                    ptype,
                    field_ids[field],
                    content,
                    prior,
                    handling,
                    note,
                    petitions,
                    officer.id,
                    stamp(day, time),
                ])?;
                visits_done += 1;
                if handling == "thu_ly" {
                    let visit_id = tx.last_insert_rowid();
                    cases.write(
                        &mut rng,
                        &CaseSeed {
                            citizen_id,
                            visit_id: Some(visit_id),
                            field_id: field_ids[field],
                            petition_type: ptype,
                            summary: content,
                            day,
                            officer_id: officer.id,
                            source: "tiep_cong_dan",
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
                    "buu_chinh"
                } else {
                    "chuyen_den"
                };
                cases.write(
                    &mut rng,
                    &CaseSeed {
                        citizen_id,
                        visit_id: None,
                        field_id: field_ids[field],
                        petition_type: ptype,
                        summary: content,
                        day,
                        officer_id,
                        source,
                    },
                )?;
            }
        }
        cases_done = cases.count;
    }

    // Due dates of the open cases, by the seeded rules and calendar; the lookup index.
    crate::store::recompute_all(&tx)?;
    let index_started = std::time::Instant::now();
    let lookup_rows = crate::store::rebuild_lookup_index(&tx)?;
    let lookup_ms = index_started.elapsed().as_millis() as u64;

    let settings_rows = [
        (settings::UNIT_NAME, "UBND phường Ba Đình (dữ liệu mẫu)"),
        (settings::DEMO, "1"),
        (settings::LAST_OFFICER, &desk[0].id.to_string()),
    ];
    for (key, value) in settings_rows {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
    }
    let summary = DemoSummary {
        visits: visits_done,
        citizens: citizens.len() as u64,
        sessions,
        cases: cases_done,
        lookup_rows,
        lookup_ms,
        first_day,
        last_day: opts.end,
    };
    tx.execute(
        "INSERT INTO audit (at, officer_id, action, tbl, record_uid, before, after)
         VALUES (?1, NULL, 'generate', 'demo', ?2, NULL, ?3)",
        params![
            stamp(opts.end, t0),
            format!("seed-{}", opts.seed),
            json!({
                "seed": opts.seed,
                "visits": summary.visits,
                "citizens": summary.citizens,
                "sessions": summary.sessions,
                "cases": summary.cases,
                "first_day": first_day.to_string(),
                "last_day": opts.end.to_string(),
            })
            .to_string()
        ],
    )?;
    tx.commit()?;
    Ok(summary)
}

/// What a demo case grows from.
struct CaseSeed<'a> {
    citizen_id: i64,
    visit_id: Option<i64>,
    field_id: i64,
    petition_type: &'a str,
    summary: &'a str,
    day: NaiveDate,
    officer_id: i64,
    source: &'a str,
}

/// Writes demo cases with realistic timelines: each step is one the law allows (the SQL
/// triggers check every one), spaced by days, stopping at the end date, so recent cases are
/// still open and old ones mostly closed.
struct CaseWriter<'c> {
    end: NaiveDate,
    seq: std::collections::HashMap<(&'static str, i32), u32>,
    ins_case: rusqlite::Statement<'c>,
    ins_link: rusqlite::Statement<'c>,
    ins_event: rusqlite::Statement<'c>,
    upd_case: rusqlite::Statement<'c>,
    count: u64,
}

const AGENCIES: &[&str] = &[
    "Tòa án nhân dân khu vực 1",
    "Sở Nông nghiệp và Môi trường",
    "Chi cục Thi hành án dân sự",
    "Sở Xây dựng",
    "Công an phường",
];

impl<'c> CaseWriter<'c> {
    fn new(tx: &'c rusqlite::Transaction<'c>, end: NaiveDate) -> rusqlite::Result<Self> {
        Ok(CaseWriter {
            end,
            seq: std::collections::HashMap::new(),
            ins_case: tx.prepare(
                "INSERT INTO cases (uid, code, case_type, year, seq, citizen_id, field_id, summary,
                     source, forwarded_by, forwarding_doc, received_on, officer_id, created_at,
                     updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
            )?,
            ins_link: tx.prepare("INSERT INTO case_visits (case_id, visit_id) VALUES (?1, ?2)")?,
            ins_event: tx.prepare(
                "INSERT INTO case_events (uid, case_id, at, day, officer_id, action, from_status,
                     to_status, note, document_no, agency, reason, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', ?9, ?10, ?11, ?12)",
            )?,
            upd_case: tx.prepare(
                "UPDATE cases SET status = ?2, complex = ?3, extensions = ?4,
                     own_authority = coalesce(?5, own_authority),
                     accepted_on = coalesce(?6, accepted_on), resolved_on = coalesce(?7, resolved_on),
                     outcome = coalesce(?8, outcome), updated_at = ?9
                 WHERE id = ?1",
            )?,
            count: 0,
        })
    }

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

    fn write(&mut self, rng: &mut ChaCha8Rng, s: &CaseSeed) -> rusqlite::Result<()> {
        let ptype = PetitionType::from_code(s.petition_type).unwrap_or(PetitionType::KienNghi);
        let t = CaseType::from_petition(ptype);
        let year = s.day.year();
        let seq = self.seq.entry((t.code(), year)).or_insert(0);
        *seq += 1;
        let code = case::case_code(t, year, *seq);
        let t0 = NaiveTime::from_hms_opt(16, 30, 0).expect("valid time");
        let uid = seeded_uid(rng, millis(s.day, t0));
        let (forwarded_by, forwarding_doc) = if s.source == "chuyen_den" {
            (
                "Ban Tiếp công dân tỉnh".to_owned(),
                format!("{}/BTCD", rng.random_range(100..2000)),
            )
        } else {
            (String::new(), String::new())
        };
        let id = self.ins_case.insert(params![
            uid,
            code,
            t.code(),
            year,
            *seq,
            s.citizen_id,
            s.field_id,
            s.summary,
            s.source,
            forwarded_by,
            forwarding_doc,
            s.day,
            s.officer_id,
            stamp(s.day, t0),
        ])?;
        self.count += 1;
        if let Some(v) = s.visit_id {
            self.ins_link.execute(params![id, v])?;
        }
        let event = |w: &mut Self,
                     rng: &mut ChaCha8Rng,
                     day: NaiveDate,
                     a: Action,
                     from: Option<CaseStatus>,
                     to: CaseStatus,
                     extra: (String, String, Option<&str>, Option<&str>)|
         -> rusqlite::Result<()> {
            let uid = seeded_uid(rng, millis(day, t0));
            w.ins_event.execute(params![
                uid,
                id,
                stamp(day, t0),
                day,
                s.officer_id,
                a.code(),
                from.map(CaseStatus::code),
                to.code(),
                extra.0,
                extra.1,
                extra.2,
                extra.3,
            ])?;
            Ok(())
        };
        event(
            self,
            rng,
            s.day,
            Action::Open,
            None,
            CaseStatus::New,
            (forwarding_doc, forwarded_by, None, None),
        )?;
        let mut f = CaseFacts {
            case_type: t,
            status: CaseStatus::New,
            round: 1,
            complex: false,
            extensions: 0,
            reopened: false,
            remote: false,
        };
        let mut day = s.day;
        while let Some(a) = Self::next_action(rng, &f) {
            day += Duration::days(rng.random_range(1..=20));
            if day > self.end {
                break;
            }
            let Ok(next) = case::apply(&f, a) else { break };
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
            let doc = if matches!(a, Action::Accept | Action::Resolve | Action::Transfer) {
                format!("{}/QĐ-UBND", rng.random_range(10..999))
            } else {
                String::new()
            };
            event(
                self,
                rng,
                day,
                a,
                Some(f.status),
                next.status,
                (
                    doc,
                    agency,
                    reason.map(RefusalReason::code),
                    outcome.map(Outcome::code),
                ),
            )?;
            let own = match a {
                Action::ClassifyOwn => Some(true),
                Action::ClassifyNotOwn => Some(false),
                _ => None,
            };
            self.upd_case.execute(params![
                id,
                next.status.code(),
                next.complex,
                next.extensions,
                own,
                (a == Action::Accept).then_some(day),
                (a == Action::Resolve).then_some(day),
                outcome.map(Outcome::code),
                stamp(day, t0),
            ])?;
            f = next;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ident::{check_id_number, check_phone};

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
