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
use crate::domain::role::{Role, Roles};
use crate::domain::visit::{Handling, PetitionType, PresiderRole, ReceptionForm, ValidVisit};
use crate::store::{
    Bulk, BulkCase, BulkCitizen, BulkSession, BulkStep, BulkVisit, CaseSource, CitizenInput,
    Intake, Result, StepInput, Store, settings,
};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod cases;
mod data;
mod people;
#[cfg(test)]
mod tests;

use cases::*;
use data::*;
use people::*;

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

/// The vice-chairman the chairman delegated to before 01/7/2026 (named on sessions only).
const DEPUTY: &str = "Đặng Thu Hương";

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
        // The chairman leads; the desk receives; the first officer also keeps the book.
        let roles = match (*leader, i) {
            (true, _) => Roles::of(&[Role::Leader]),
            (false, 0) => Roles::of(&[Role::Receiver, Role::Admin]),
            (false, _) => Roles::of(&[Role::Receiver]),
        };
        let id = b.officer(&uid, name, title, roles, &stamp(first_day, t0))?;
        officers.push(DemoOfficer { id, name });
    }
    let desk: Vec<&DemoOfficer> = officers.iter().filter(|o| o.id != officers[3].id).collect();
    let chairman = &officers[3];
    let presiding = format!("{} – Chủ tịch UBND", chairman.name);
    // Before Luật 136/2025 (in force 01/7/2026) the chairman delegated the second periodic day
    // of the month to the vice-chairman; from then on he receives in person (no delegation).
    let deputy = format!("{DEPUTY} – Phó Chủ tịch UBND");
    let no_delegation = NaiveDate::from_ymd_opt(2026, 7, 1).expect("valid date");
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
        let delegated = periodic && day.day() > 7 && day < no_delegation;
        let mut session_ids = Vec::new();
        for (form, who, role) in [
            (ReceptionForm::ThuongXuyen, "", None),
            if delegated {
                (
                    ReceptionForm::DinhKy,
                    deputy.as_str(),
                    Some(PresiderRole::Delegated),
                )
            } else {
                (
                    ReceptionForm::DinhKy,
                    presiding.as_str(),
                    Some(PresiderRole::InPerson),
                )
            },
            (
                ReceptionForm::DotXuat,
                presiding.as_str(),
                Some(PresiderRole::InPerson),
            ),
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
                presider_role: role,
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
                        // Sealed at the end of the load when only a denouncer.
                        denouncer: false,
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
                presider_role: None,
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
                documents: vec![],
                petitions,
                requests: String::new(),
                account_read: None,
                refusal_ground: None,
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
