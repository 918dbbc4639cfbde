//! Shared by the benches: the 1,000,000-visit demo database (about 300,000 cases), made once
//! by the demo generator and kept under `target/bench-data/`.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use tiepdan::demo::{DemoOptions, generate};
use tiepdan::store::Store;

/// The demo data's last day, and the benches' today.
pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// The 1,000,000-visit demo database, generated once and kept under target/.
pub fn million_db() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("visits-1000000.sqlite3");
    let ready = path.exists()
        && Store::open(&path)
            .map(|s| {
                s.visit_count().unwrap_or(0) == 1_000_000
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
                visits: 1_000_000,
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
    path
}

/// A database with 300,000 open cases (new, awaiting acceptance, in progress) received over
/// the last 200 days, with their due dates computed: the deadline board's worst case.
pub fn open_300k_db() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("open-cases-300000.sqlite3");
    let ready = path.exists()
        && Store::open(&path)
            .map(|s| s.deadline_alerts(day()).is_ok_and(|(o, _)| o > 0))
            .unwrap_or(false);
    if ready {
        return path;
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let started = Instant::now();
    let mut store = Store::open(&path).unwrap();
    {
        let tx = store.conn_mut().transaction().unwrap();
        tx.execute_batch(
            "INSERT INTO officers (uid, full_name, created_at) VALUES ('o1', 'Nguyễn Thị Lan', '2026-01-01T08:00:00');
             INSERT INTO settings (key, value) VALUES ('unit_name', 'UBND phường Ba Đình')
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
        )
        .unwrap();
        {
            let mut cit = tx
                .prepare(
                    "INSERT INTO citizens (uid, full_name, name_folded, created_at, updated_at)
                     VALUES (?1, ?2, ?3, '2026-01-01T08:00:00', '2026-01-01T08:00:00')",
                )
                .unwrap();
            for i in 0..20_000 {
                let name = format!("Nguyễn Văn Đức {i}");
                cit.execute(rusqlite::params![
                    format!("c{i}"),
                    name,
                    tiepdan::domain::text::fold(&name)
                ])
                .unwrap();
            }
            let mut case = tx
                .prepare(
                    "INSERT INTO cases (uid, code, case_type, year, seq, citizen_id, field_id,
                         summary, source, received_on, officer_id, created_at, updated_at)
                     VALUES (?1, ?2, ?3, 2026, ?4, ?5, ?6, 'Khiếu nại quyết định thu hồi đất',
                             'tiep_cong_dan', ?7, 1, '2026-01-01T08:00:00', '2026-01-01T08:00:00')",
                )
                .unwrap();
            let mut step = tx
                .prepare("UPDATE cases SET status = ?2, accepted_on = ?3 WHERE id = ?1")
                .unwrap();
            let types = ["khieu_nai", "to_cao", "kien_nghi_phan_anh"];
            let prefix = ["KN", "TC", "KNPA"];
            for i in 0..300_000i64 {
                let t = (i % 3) as usize;
                let seq = i / 3 + 1;
                let received = day() - chrono::Duration::days(i % 200);
                let id = case
                    .insert(rusqlite::params![
                        format!("k{i}"),
                        format!("{}-2026-{seq:06}", prefix[t]),
                        types[t],
                        seq,
                        i % 20_000 + 1,
                        i % 8 + 1,
                        received,
                    ])
                    .unwrap();
                // A third stay new, a third await acceptance, a third are being resolved.
                if i % 3 != 0 {
                    step.execute(rusqlite::params![id, "cho_thu_ly", None::<NaiveDate>])
                        .unwrap();
                }
                if i % 3 == 2 {
                    let accepted = received + chrono::Duration::days(3);
                    step.execute(rusqlite::params![id, "dang_giai_quyet", accepted])
                        .unwrap();
                }
            }
        }
        tx.commit().unwrap();
    }
    let n = store.recompute_deadlines().unwrap();
    eprintln!(
        "made {n} open cases with due dates in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    path
}
