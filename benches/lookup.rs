//! Lookup at scale (issue: lookup). Target: every keystroke's query under 20 ms at the 95th
//! percentile on the 1,000,000-visit demo database, including the first keystroke of a
//! one-letter prefix. Also reports the index's size and the time to rebuild it.
//!
//! Run: `cargo bench --bench lookup`.

mod common;

use std::time::{Duration, Instant};

use common::million_db;
use criterion::{Criterion, criterion_group, criterion_main};
use tiepdan::app::lookup::PER_GROUP;
use tiepdan::store::Store;

/// Real queries typed key by key: every prefix is a keystroke.
fn typed_queries(store: &Store) -> Vec<String> {
    let (name, id, phone): (String, String, String) = store
        .inspect(
            "SELECT full_name, id_number, phone FROM citizens
             WHERE id_number IS NOT NULL AND phone IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
        .remove(0);
    let code: String = store
        .inspect_one("SELECT code FROM cases ORDER BY id DESC LIMIT 1", [])
        .unwrap();
    let folded = tiepdan::domain::text::fold(&name);
    let phone_spaced = format!("{} {} {}", &phone[..4], &phone[4..7], &phone[7..]);
    let last_digits = id[id.len() - 6..].to_owned();
    let compact_code = code.replace('-', "").to_lowercase();
    let mut out = Vec::new();
    for q in [
        folded.as_str(),
        name.as_str(),
        "tran thi lan",
        "le van",
        "hoang",
        "doi can ba dinh",
        "thu hoi dat nong nghiep",
        "boi thuong",
        phone_spaced.as_str(),
        &format!("+84{}", &phone[1..]),
        id.as_str(),
        last_digits.as_str(),
        code.as_str(),
        compact_code.as_str(),
    ] {
        let chars: Vec<char> = q.chars().collect();
        for i in 1..=chars.len() {
            out.push(chars[..i].iter().collect());
        }
    }
    // Every one-letter first keystroke.
    for c in "abcdeghiklmnopqrstuvxy0123456789".chars() {
        out.push(c.to_string());
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn benches(c: &mut Criterion) {
    let path = million_db();
    let store = Store::open(&path).unwrap();

    // The index's size (its build time is reported by `tiepdan demo`).
    let size: Option<i64> = store
        .inspect_one(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%'",
            [],
        )
        .ok();
    eprintln!(
        "lookup index: {}",
        size.map(|s| format!("{} MB", s / 1_000_000))
            .unwrap_or_else(|| "size: dbstat not available".into())
    );

    // Every keystroke of the typed queries, five rounds: the distribution.
    let queries = typed_queries(&store);
    let mut times = Vec::new();
    let mut worst = (Duration::ZERO, String::new());
    for _ in 0..5 {
        for q in &queries {
            let t = Instant::now();
            let r = store.lookup(q, PER_GROUP).unwrap();
            let e = t.elapsed();
            std::hint::black_box(r);
            if e > worst.0 {
                worst = (e, q.clone());
            }
            times.push(e);
        }
    }
    times.sort();
    eprintln!(
        "lookup per keystroke over {} queries: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({:?})",
        times.len(),
        percentile(&times, 0.50).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        worst.0.as_secs_f64() * 1e3,
        worst.1
    );

    let mut g = c.benchmark_group("lookup");
    g.sample_size(30);
    for (name, q) in [
        ("one_letter_n", "n".to_owned()),
        ("name_nguyen_van_d", "nguyen van d".to_owned()),
        (
            "id_last_digits",
            queries
                .iter()
                .find(|q| q.len() == 6 && q.chars().all(|c| c.is_ascii_digit()))
                .cloned()
                .unwrap_or_else(|| "123456".into()),
        ),
        ("address_words", "doi can ba dinh".to_owned()),
        ("case_code", "kn2026".to_owned()),
    ] {
        g.bench_function(name, |b| b.iter(|| store.lookup(&q, PER_GROUP).unwrap()));
    }
    g.finish();
}

criterion_group!(lookup, benches);
criterion_main!(lookup);
