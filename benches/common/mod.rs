//! Shared by the benches: the 1,000,000-visit demo database (about 300,000 cases), made once
//! by the demo generator and kept under `bench-data/` (ignored by git; `TIEPDAN_BENCH_DATA`
//! names another folder).
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use tiepdan::app::{App, Clock};
use tiepdan::demo::{DemoOptions, generate};
use tiepdan::i18n::Lang;
use tiepdan::store::{Actor, Role, Roles, Store};

/// The PIN of the officer the benches sign in as.
pub const PIN: &str = "246810";

/// A time of the benches' today.
pub fn at(h: u32, m: u32) -> NaiveDateTime {
    day().and_hms_opt(h, m, 0).unwrap()
}

/// The first receiving officer of a demo book, signed in: their PIN is set the first time
/// (a demo book's officers set theirs at their first sign-in), then checked. Outside every
/// measured loop (a sign-in costs an Argon2 hash).
pub fn actor(store: &mut Store) -> Actor {
    let o = store
        .officers()
        .unwrap()
        .into_iter()
        .find(|o| o.roles.has(Role::Receiver))
        .expect("a receiving officer");
    if o.has_pin {
        store.sign_in(o.id, PIN, at(8, 0)).unwrap()
    } else {
        store.set_first_pin(o.id, PIN, PIN).unwrap()
    }
}

/// The app over `store`, its first receiving officer signed in.
pub fn signed_in_app(mut store: Store, clock: Clock) -> App {
    let actor = actor(&mut store);
    App::signed_in(store, actor, Lang::Vi, clock).unwrap()
}

/// Set the PIN of the book's first receiving officer, so that read-only opens can sign in.
fn ensure_pin(path: &std::path::Path) {
    let mut store = Store::open(path).unwrap();
    actor(&mut store);
}

/// The demo data's last day, and the benches' today.
pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// Where the benches keep their books: `TIEPDAN_BENCH_DATA`, else `bench-data/`.
pub fn bench_data() -> PathBuf {
    std::env::var_os("TIEPDAN_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench-data"))
}

/// The 1,000,000-visit demo database, generated once and kept under `bench-data/`.
pub fn million_db() -> PathBuf {
    demo_db(1_000_000)
}

/// A demo database of `visits` visits, generated once and kept under target/.
pub fn demo_db(visits: u64) -> PathBuf {
    let dir = bench_data();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("visits-{visits}.sqlite3"));
    let ready = path.exists()
        && Store::open(&path)
            .map(|s| {
                s.visit_count().unwrap_or(0) == visits as i64
                    && s.field_counts(day())
                        .is_ok_and(|c| c.iter().any(|f| f.open > 0))
            })
            .unwrap_or(false);
    if !ready {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let started = Instant::now();
        let mut store = Store::open(&path).unwrap();
        let s = generate(
            &mut store,
            &DemoOptions {
                visits,
                seed: 2026,
                end: day(),
            },
        )
        .unwrap();
        eprintln!(
            "generated {} visits, {} citizens, {} cases in {:.1} s ({} MB)",
            s.visits,
            s.citizens,
            s.cases,
            started.elapsed().as_secs_f64(),
            std::fs::metadata(&path)
                .map(|m| m.len() / 1_000_000)
                .unwrap_or(0)
        );
    }
    ensure_pin(&path);
    path
}

/// A database with 300,000 open cases (new, awaiting acceptance, in progress) received over
/// the last 200 days, with their due dates computed: the deadline board's worst case.
pub fn open_300k_db() -> PathBuf {
    let dir = bench_data();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("open-cases-300000.sqlite3");
    let ready = path.exists()
        && Store::open(&path)
            .map(|s| {
                s.calendar()
                    .and_then(|c| s.deadline_alerts(day(), &c))
                    .is_ok_and(|(o, _)| o > 0)
            })
            .unwrap_or(false);
    if ready {
        ensure_pin(&path);
        return path;
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let started = Instant::now();
    let mut store = Store::open(&path).unwrap();
    // Through the store's bulk writer: the same checks and triggers as every write.
    store
        .load_empty_book("bench-open-300k", |b| {
            use tiepdan::domain::case::{Action, CaseType};
            use tiepdan::store::{
                BulkCase, BulkCitizen, BulkStep, CaseSource, CitizenInput, Intake, StepInput,
            };
            let at = "2026-01-01T08:00:00";
            b.setting("unit_name", "UBND phường Ba Đình")?;
            b.setting("desk_code", "BD")?;
            let roles = Roles::of(&[Role::Receiver, Role::Admin]);
            let officer = b.officer("o1", "Nguyễn Thị Lan", "", roles, at)?;
            let mut citizens = Vec::new();
            for i in 0..20_000 {
                let name = format!("Nguyễn Văn Đức {i}");
                citizens.push(b.citizen(&BulkCitizen {
                    uid: &format!("c{i}"),
                    who: CitizenInput {
                        full_name: &name,
                        id_number: None,
                        phone: None,
                        address: "",
                        denouncer: false,
                    },
                    birth_year: None,
                    sex: None,
                    at,
                    by: officer,
                })?);
            }
            let fields = [
                "dat_dai",
                "den_bu_gpmb",
                "quy_hoach_xd",
                "moi_truong",
                "chinh_sach",
                "tu_phap",
                "tham_nhung",
                "khac",
            ];
            for i in 0..300_000i64 {
                let t = CaseType::ALL[(i % 3) as usize];
                let received = day() - chrono::Duration::days(i % 200);
                let intake = Intake {
                    case_type: t,
                    citizen_id: citizens[(i % 20_000) as usize],
                    field_code: fields[(i % 8) as usize].into(),
                    summary: "Khiếu nại quyết định thu hồi đất".into(),
                    source: CaseSource::Visit,
                    forwarded_by: String::new(),
                    forwarding_doc: String::new(),
                    forwarder_kind: None,
                    received_on: received,
                    remote: false,
                    visit_id: None,
                };
                let (id, _) = b.case(&BulkCase {
                    uid: &format!("k{i}"),
                    event_uid: &format!("e{i}"),
                    intake: &intake,
                    round: 1,
                    previous_case_id: None,
                    at,
                    by: officer,
                })?;
                // A third stay new, a third await acceptance, a third are being resolved.
                let steps: &[(Action, i64)] = match i % 3 {
                    0 => &[],
                    1 => &[(Action::ClassifyOwn, 1)],
                    _ => &[(Action::ClassifyOwn, 1), (Action::Accept, 3)],
                };
                for (n, (a, after)) in steps.iter().enumerate() {
                    let on = received + chrono::Duration::days(*after);
                    b.case_step(&BulkStep {
                        uid: &format!("e{i}-{n}"),
                        case_id: id,
                        action: *a,
                        day: on,
                        input: &StepInput {
                            day: Some(on),
                            ..StepInput::default()
                        },
                        at,
                        by: officer,
                    })?;
                }
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "made 300000 cases with due dates in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    ensure_pin(&path);
    path
}
