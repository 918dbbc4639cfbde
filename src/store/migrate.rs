//! Migrations: append-only SQL files in `migrations/`, applied at open by rusqlite_migration
//! (it records the version in `PRAGMA user_version`). Never edit or remove an entry.

use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

/// Every file of `migrations/`, in order. A test checks that none is missing.
pub const MIGRATION_FILES: &[(&str, &str)] = &[
    (
        "0001_init.sql",
        include_str!("../../migrations/0001_init.sql"),
    ),
    (
        "0002_cases.sql",
        include_str!("../../migrations/0002_cases.sql"),
    ),
    (
        "0003_deadlines.sql",
        include_str!("../../migrations/0003_deadlines.sql"),
    ),
    (
        "0004_lookup.sql",
        include_str!("../../migrations/0004_lookup.sql"),
    ),
];

/// The version that brought the deadline engine (due dates are computed after it).
pub const DEADLINES_VERSION: i64 = 3;

/// The version that brought the lookup index (built for existing data after it).
pub const LOOKUP_VERSION: i64 = 4;

/// The schema version this binary writes.
pub const LATEST_VERSION: i64 = MIGRATION_FILES.len() as i64;

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_FILES.iter().map(|(_, sql)| M::up(sql)).collect()));

pub(super) fn to_latest(conn: &mut Connection) -> rusqlite::Result<()> {
    MIGRATIONS.to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => err,
        other => rusqlite::Error::InvalidParameterName(format!("migration: {other}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(MIGRATIONS.validate().is_ok());
    }

    #[test]
    fn every_sql_file_is_listed_in_order() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<&str> = MIGRATION_FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(files, listed);
    }

    #[test]
    fn migrate_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        to_latest(&mut conn).unwrap();
        to_latest(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_VERSION);
    }
}
