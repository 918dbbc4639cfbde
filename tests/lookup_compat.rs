//! The book opens anywhere: IT staff read the file with the SQLite of Debian 12 (3.40), so
//! its schema uses nothing newer — in particular not the FTS5 options of 3.43 and later
//! that made the first lookup table unreadable there. When an `sqlite3` program is on the
//! machine, it reads the lookup tables of a real book (skipped cleanly when there is none).

mod common;

use std::path::Path;
use std::process::Command;

use tiepdan::store::Store;

/// A book on file with a few visits, one of them a denunciation, and a case.
fn book(path: &Path) {
    let mut store = Store::open(path).unwrap();
    let actor = common::store_with_officer(&mut store);
    for (name, id, ptype) in [
        ("Nguyễn Văn Đức", "001085012345", "khieu_nai"),
        ("Trần Thị Lan", "001190054321", "kien_nghi"),
        ("Phạm Thị Tố", "001190011111", "to_cao"),
    ] {
        let mut d = common::draft(name, id);
        d.phone = format!("09{}", &id[4..12]);
        d.petition_type = ptype.into();
        common::save(&mut store, &actor, &common::valid(&d));
    }
}

/// Schema text that SQLite 3.40 cannot read, with the version that brought it.
const NEWER_THAN_3_40: &[(&str, &str)] = &[
    ("contentless_delete", "3.43"),
    ("contentless_unindexed", "3.47"),
    ("tokendata", "3.44"),
    ("locale", "3.47"),
    ("secure-delete", "3.44"),
    ("jsonb", "3.45"),
    ("unistr(", "3.50"),
    ("octet_length(", "3.43"),
    ("timediff(", "3.43"),
    ("concat(", "3.44"),
    ("concat_ws(", "3.44"),
    ("string_agg(", "3.44"),
    ("unhex(", "3.41"),
];

#[test]
fn the_schema_uses_nothing_newer_than_sqlite_3_40() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    book(&path);
    let c = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = c
        .prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL")
        .unwrap();
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(rows.iter().any(|(n, _)| n == "lookup_citizens"));
    assert!(
        !rows.iter().any(|(n, _)| n == "search"),
        "the 3.43 table is gone"
    );
    for (name, sql) in &rows {
        let lower = sql.to_lowercase();
        for (feature, since) in NEWER_THAN_3_40 {
            assert!(
                !lower.contains(feature),
                "{name} uses {feature} (SQLite {since}): {sql}"
            );
        }
    }
    // The FTS5 tables are in the format every FTS5 reads (4; 5 is that of the options of
    // 3.43 and later).
    for t in ["lookup_citizens", "lookup_cases", "lookup_visits"] {
        let v: i64 = c
            .query_row(
                &format!("SELECT v FROM {t}_config WHERE k = 'version'"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(v, 4, "{t}");
    }
}

/// The `sqlite3` program of this machine and its version, if there is one.
fn sqlite3() -> Option<String> {
    let out = Command::new("sqlite3").arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

#[test]
fn the_sqlite3_program_reads_the_lookup_tables() {
    let Some(version) = sqlite3() else {
        eprintln!("no sqlite3 program on this machine: skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite3");
    book(&path);
    let ours = Store::open_read_only(&path).unwrap();
    let expected = ours.lookup("nguyen", 10).unwrap();
    drop(ours);
    let sql = "SELECT count(*) FROM lookup_citizens;
               SELECT count(*) FROM lookup_visits;
               SELECT count(*) FROM lookup_cases;
               SELECT count(*) FROM lookup_citizen_keys;
               SELECT count(*) FROM lookup_citizens WHERE lookup_citizens MATCH 'nguyen';
               SELECT count(*) FROM lookup_citizens WHERE lookup_citizens MATCH '\"ngu\"* AND \"_fnguyen_van_duc\"';
               SELECT count(*) FROM lookup_citizens WHERE lookup_citizens MATCH '\"_r5432\"*';
               SELECT count(*) FROM lookup_visits WHERE lookup_visits MATCH 'thu AND hoi';";
    let out = Command::new("sqlite3")
        .arg("-readonly")
        .arg(&path)
        .arg(sql)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "sqlite3 {version}: {stderr}");
    let counts: Vec<i64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().parse().unwrap())
        .collect();
    // Two citizens and their two visits and cases: the denouncer and her visit are not
    // indexed, her case only by its code and summary.
    assert_eq!(counts, [2, 2, 3, 2, 1, 1, 1, 2], "sqlite3 {version}");
    assert_eq!(expected.citizens.total, Some(1));
}
