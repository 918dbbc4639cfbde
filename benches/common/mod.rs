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
