//! Migrations: append-only SQL files in `migrations/`, applied at open. Never edit or remove
//! an entry: a change is a new file (a test pins the hash of every landed file).
//!
//! One runner of our own (after cargo's `util/sqlite.rs`) rather than rusqlite_migration,
//! because three things must hold together and the library cannot give them all:
//! - the whole upgrade — every pending file *and* the backfills of the data that existed
//!   before (due dates, the lookup index) — is one transaction, so a crash leaves the old
//!   version intact, never a new version with its backfill missing;
//! - the backfills run after the *last* file, with the code's current schema;
//! - foreign keys are off during the upgrade (SQLite's table rebuild procedure needs it) and
//!   checked (`PRAGMA foreign_key_check`) before the commit.
//!
//! The transaction is EXCLUSIVE, so two desks opening an old book at once upgrade it once.

use std::path::Path;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::write::Sql;
use super::{APPLICATION_ID, OpenError, StoreError};

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
    (
        "0005_foundation.sql",
        include_str!("../../migrations/0005_foundation.sql"),
    ),
    (
        "0006_hardening.sql",
        include_str!("../../migrations/0006_hardening.sql"),
    ),
    (
        "0007_register.sql",
        include_str!("../../migrations/0007_register.sql"),
    ),
    (
        "0008_obligations.sql",
        include_str!("../../migrations/0008_obligations.sql"),
    ),
    (
        "0009_second_rounds.sql",
        include_str!("../../migrations/0009_second_rounds.sql"),
    ),
    (
        "0010_reports.sql",
        include_str!("../../migrations/0010_reports.sql"),
    ),
    (
        "0011_lookup.sql",
        include_str!("../../migrations/0011_lookup.sql"),
    ),
    (
        "0012_kinds_apart.sql",
        include_str!("../../migrations/0012_kinds_apart.sql"),
    ),
    (
        "0014_effective_dates.sql",
        include_str!("../../migrations/0014_effective_dates.sql"),
    ),
    (
        "0015_event_facts.sql",
        include_str!("../../migrations/0015_event_facts.sql"),
    ),
    (
        "0016_report_closing.sql",
        include_str!("../../migrations/0016_report_closing.sql"),
    ),
    (
        "0018_sign_in.sql",
        include_str!("../../migrations/0018_sign_in.sql"),
    ),
    (
        "0022_lookup_pending.sql",
        include_str!("../../migrations/0022_lookup_pending.sql"),
    ),
    (
        "0023_journal.sql",
        include_str!("../../migrations/0023_journal.sql"),
    ),
    (
        "0027_reception.sql",
        include_str!("../../migrations/0027_reception.sql"),
    ),
    (
        "0028_sealing.sql",
        include_str!("../../migrations/0028_sealing.sql"),
    ),
    (
        "0029_papers.sql",
        include_str!("../../migrations/0029_papers.sql"),
    ),
    (
        "0030_denunciations_apart.sql",
        include_str!("../../migrations/0030_denunciations_apart.sql"),
    ),
    (
        "0031_dialogues.sql",
        include_str!("../../migrations/0031_dialogues.sql"),
    ),
    (
        "0032_merging.sql",
        include_str!("../../migrations/0032_merging.sql"),
    ),
    (
        "0033_dialogue_papers.sql",
        include_str!("../../migrations/0033_dialogue_papers.sql"),
    ),
    (
        "0034_journal_compact.sql",
        include_str!("../../migrations/0034_journal_compact.sql"),
    ),
];

/// The schema version a migration file brings (its place in the list: numbers may skip, as
/// files are reserved for parallel work).
fn version_of(name: &str) -> i64 {
    MIGRATION_FILES
        .iter()
        .position(|(n, _)| *n == name)
        .map_or(0, |i| i as i64 + 1)
}

/// The file that brought dated rules and calendar days and the duties of issue 23 (due dates
/// recomputed after it: new rules, facts, and the ⚑ of Luật TCD Art 27(2), 28(2)).
const EFFECTIVE_DATES: &str = "0014_effective_dates.sql";

/// The version that brought the deadline engine (due dates are computed after it).
pub const DEADLINES_VERSION: i64 = 3;

/// The version that brought today's lookup index (one FTS5 table per kind, readable by
/// SQLite 3.40; version 4 brought the first, one shared table): built for the existing data
/// of every older book.
pub const LOOKUP2_VERSION: i64 = 11;

/// The version that brought every obligation of DOMAIN.md §3.2 (due dates recomputed after
/// it: new rules, facts and a rebuilt rules table).
pub const OBLIGATIONS_VERSION: i64 = 7;

/// The file that brought the journal (its entries for the records already in the book, the
/// desk's key and the old audit's seal are written after it).
const JOURNAL: &str = "0023_journal.sql";

/// The file that gave visits their refusal, requests and account read back, and the rules
/// of the duties that are not a case's (issue 29).
const RECEPTION: &str = "0027_reception.sql";

/// The schema version this binary writes.
pub const LATEST_VERSION: i64 = MIGRATION_FILES.len() as i64;

fn upgrade_error(e: StoreError) -> OpenError {
    match e {
        StoreError::Sql(e) => OpenError::Sql(e),
        other => OpenError::Sql(rusqlite::Error::InvalidParameterName(format!(
            "upgrade: {other}"
        ))),
    }
}

/// Bring the book to `LATEST_VERSION`: pending files, then backfills, in one transaction.
pub(super) fn to_latest(conn: &mut Connection, path: &Path) -> Result<(), OpenError> {
    let version = |c: &Connection| c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
    if version(conn)? == LATEST_VERSION {
        return Ok(());
    }
    conn.execute_batch("PRAGMA foreign_keys = OFF;")?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Read again under the lock: another desk may have upgraded meanwhile.
    let before = version(&tx)?;
    if before > LATEST_VERSION {
        return Err(OpenError::TooNew {
            path: path.to_owned(),
            found: before,
            supported: LATEST_VERSION,
        });
    }
    for (_, sql) in &MIGRATION_FILES[before as usize..] {
        tx.execute_batch(sql)?;
    }
    // The journal as 0034 stores it: the old table's entries copied, packed (before any
    // backfill below appends to the new one).
    let compacted = if before < version_of(COMPACT) {
        super::journal::compact_old(&tx)?
    } else {
        0
    };
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if broken > 0 {
        return Err(OpenError::Sql(rusqlite::Error::InvalidParameterName(
            format!("upgrade: {broken} broken foreign keys"),
        )));
    }
    if before == 0 {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    } else {
        backfill(&tx, before).map_err(upgrade_error)?;
    }
    // The journal: every record there is now gets its entry (a new book's seeded catalogs,
    // an upgraded book's whole content), after the other backfills.
    let tx = if before < version_of(JOURNAL) {
        let sql = Sql::begin(tx, None).map_err(upgrade_error)?;
        begin_journal(&sql).map_err(upgrade_error)?;
        sql.into_tx()
    } else if before < version_of(RECEPTION) {
        let sql = Sql::begin(tx, None).map_err(upgrade_error)?;
        restate_reception(&sql).map_err(upgrade_error)?;
        sql.into_tx()
    } else {
        tx
    };
    // Sealing: the unit's keys made, and every identity of a denouncer sealed with them
    // (the plaintext pages left behind are wiped by `prepare`: VACUUM, TRUNCATE).
    let tx = if before < version_of(SEALING) {
        let sql = Sql::begin(tx, None).map_err(upgrade_error)?;
        let made = super::keys::ensure_unit_key(sql.conn()).map_err(upgrade_error)?;
        let sql = sql.sealing_with(made.clone().unwrap_or_default(), None);
        let sealed = super::apart::seal_existing(&sql).map_err(upgrade_error)?
            + super::drafts::seal_existing(&sql).map_err(upgrade_error)?;
        if made.is_some() {
            MADE.with(|m| *m.borrow_mut() = made);
        }
        WIPE.with(|w| w.set(before > 0 && sealed > 0));
        sql.into_tx()
    } else {
        tx
    };
    // Denunciations apart: the denunciations of a citizen on record as a petitioner move to a
    // sealed record of their own, and a group denunciation's representatives are sealed (the
    // pages that held them wiped, as above).
    let tx = if before > 0 && before < version_of(APART) {
        let sql = Sql::begin(tx, None).map_err(upgrade_error)?;
        let moved = super::apart::split_existing(&sql).map_err(upgrade_error)?
            + super::apart::seal_representatives(&sql).map_err(upgrade_error)?;
        if moved > 0 {
            WIPE.with(|w| w.set(true));
        }
        sql.into_tx()
    } else {
        tx
    };
    // The old journal's pages are free now: VACUUM gives them back (the file shrinks).
    if compacted > 0 {
        WIPE.with(|w| w.set(true));
    }
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// The file that stores the journal packed (issue 28).
const COMPACT: &str = "0034_journal_compact.sql";

/// The file that brought sealing (issue 26).
const SEALING: &str = "0028_sealing.sql";

/// The file that keeps denunciations off open citizens' records (issue 26).
const APART: &str = "0030_denunciations_apart.sql";

thread_local! {
    /// The keys an upgrade on this thread made (taken by the store it opens).
    static MADE: std::cell::RefCell<Option<super::keys::Keys>> =
        const { std::cell::RefCell::new(None) };
    /// Whether it sealed identities that stood in the clear (their old pages are wiped), or
    /// freed the pages of the journal it packed (given back).
    static WIPE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The keys the last upgrade on this thread made (once).
pub(super) fn take_made() -> Option<super::keys::Keys> {
    MADE.with(|m| m.borrow_mut().take())
}

/// Whether the last upgrade on this thread sealed old plaintext (once).
pub(super) fn wants_wipe() -> bool {
    WIPE.with(|w| w.replace(false))
}

/// The journal of a book that had none: the desk's key, one `baseline` entry per record
/// (references first), and the old audit sealed by its count and digest.
fn begin_journal(sql: &Sql) -> super::Result<()> {
    let at = sql.stamp();
    if let Some(public) = super::journal::ensure_desk_key(sql.conn(), &at)? {
        super::journal::key_made(sql, &public)?;
    }
    for spec in super::rows::ALL {
        let ids: Vec<i64> = sql
            .conn()
            .prepare(&format!("SELECT rowid FROM {} ORDER BY rowid", spec.table))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            super::rows::created(sql, spec, id, crate::domain::journal::Op::Baseline)?;
        }
    }
    super::journal::seal_legacy(sql)
}

/// A journaled book upgraded past 0027: its visits have new fields (their state is restated
/// by a `baseline` entry each, so `check` reads them as the journal has them) and the rules
/// of the duties are new records.
fn restate_reception(sql: &Sql) -> super::Result<()> {
    for (spec, cond) in [
        (&super::rows::VISIT, ""),
        (
            &super::rows::RULE,
            " WHERE obligation IN ('thong_bao_tu_choi', 'niem_yet_lich', 'thong_bao_doi_thoai')",
        ),
    ] {
        let ids: Vec<i64> = sql
            .conn()
            .prepare(&format!(
                "SELECT rowid FROM {}{cond} ORDER BY rowid",
                spec.table
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            super::rows::created(sql, spec, id, crate::domain::journal::Op::Baseline)?;
        }
    }
    Ok(())
}

/// What a feature computes for the data that existed before it.
fn backfill(tx: &Transaction, before: i64) -> super::Result<()> {
    // Due dates: computed when the engine came (3), again with every obligation (7) and with
    // the duties of issue 23: once, whichever the book is older than.
    if before < DEADLINES_VERSION
        || before < OBLIGATIONS_VERSION
        || before < version_of(EFFECTIVE_DATES)
    {
        super::deadlines::recompute_all(tx, None)?;
    }
    // Books older than the first index (version 4) get today's at once.
    if before < LOOKUP2_VERSION {
        super::lookup::rebuild(tx)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// The SHA-256 of every landed migration. Changing a landed file fails here: books made
    /// with it would silently differ from new ones. A change is a new file (and a new line).
    const PINNED: &[(&str, &str)] = &[
        (
            "0001_init.sql",
            "f6c97625db0e3dfc57b6514f05734515fb9fad1f98029579a0718b49add446dd",
        ),
        (
            "0002_cases.sql",
            "2667c8cdfab821d632e9698557161312bd2a157df15d8a5fc7fdee64926cdafa",
        ),
        (
            "0003_deadlines.sql",
            "6bd02b1f86c2a2ce426df62d277cb77a78404f49cd1cd26f2068eead4732cd4b",
        ),
        (
            "0004_lookup.sql",
            "c89611d11fb4217520d8feb744e227984a5f995fdfa01e23227674ea1f96098d",
        ),
        (
            "0005_foundation.sql",
            "8a5d1bf519806e8d0373f7fdb42ab68d105ce995dc7f53124689d824837f018f",
        ),
        (
            "0006_hardening.sql",
            "1c0dfc291f363874d9c90fe2a46a5bd1b0932922543ea0de65ea9b66be12f13c",
        ),
        (
            "0007_register.sql",
            "c268c8ce71acb0cf2abb9e2f01e0efd8cfcb9892e2e81440e393089e3f39bcd4",
        ),
        (
            "0008_obligations.sql",
            "c8e3c411ed79d66bc40eb75f195714fe5dad00d711bae7992ec97bac63c073c8",
        ),
        (
            "0009_second_rounds.sql",
            "3db80787c7220ca55c06a20ccbf1e966831a7eb3879dcf2f5f8d86f0e3b8ea97",
        ),
        (
            "0010_reports.sql",
            "80c4918dbf48c21a82ac197633f581467894e1f5f9ba43f07420039a47f01e15",
        ),
        (
            "0011_lookup.sql",
            "fcfb58de349ca051df337d9b714bb227079bb070f7fdefba9f56a950fb9cb083",
        ),
        (
            "0012_kinds_apart.sql",
            "46a45b513fb7a65c8811f8ad39036ddcec39074ebda80ae7c3f1f04c5f52eea3",
        ),
        (
            "0014_effective_dates.sql",
            "fea32b5156c87bb82cb61abbe8c6c97dbcdce5cb25c93fdc9a38aca467f9224d",
        ),
        (
            "0015_event_facts.sql",
            "457d74e0d682e582516cec66ac8ecad7b6be93cf652018b81913dab918ca7faa",
        ),
        (
            "0016_report_closing.sql",
            "89248a21bc1b4b0f0035caf73b89d0c5e0da7780cbcb6b52599611d2955f5e52",
        ),
        (
            "0018_sign_in.sql",
            "d4146b6a4d25af974d5596d1b8147a787ca643fb13f852b107606881d721dcc2",
        ),
        (
            "0022_lookup_pending.sql",
            "d77f95ba097d19f6927001324ca88957eb90f81a58af3ee174d3f772dd00de7c",
        ),
        (
            "0023_journal.sql",
            "9709f01b42bde5d2b2a0fbee60f31fc6b11b685c9af75973e175277d2ae03bec",
        ),
        (
            "0027_reception.sql",
            "5deccf0345acb6861be77e08ca421459a5a47574bd338c0de324a0ab4cf75143",
        ),
        (
            "0028_sealing.sql",
            "72c9abc429266753486176dc8c732795246ca7ad17e774828cf94bee40c077dd",
        ),
        (
            "0029_papers.sql",
            "089a8d24847d50ea285774b6726b87c2f4ea5fd167196f6eb0783715e089f158",
        ),
        (
            "0030_denunciations_apart.sql",
            "2797de979b5c1210f6c12f1fb4565f641b9744a4df4e71a4f6efed1effb6e413",
        ),
        (
            "0031_dialogues.sql",
            "72e5d9bf98e0937e92eafa7a4eedb25549cba26392e6e50ee8fcfb9283392703",
        ),
        (
            "0032_merging.sql",
            "41741ef788407ff97efa79714000c1901354492943b0b2a7a730efcabf5d2d73",
        ),
        (
            "0033_dialogue_papers.sql",
            "fe97b6308f24d4926e8d5243c903ea2d4462ad6f7f9508d5be7d7964d12ed461",
        ),
        (
            "0034_journal_compact.sql",
            "41eee242c36907030bf9ca27bea7b1c5d7e4866124388d1f65624619dd074138",
        ),
    ];

    #[test]
    fn landed_migrations_are_never_edited() {
        for (name, hash) in PINNED {
            let (_, sql) = MIGRATION_FILES
                .iter()
                .find(|(n, _)| n == name)
                .unwrap_or_else(|| panic!("{name} was removed"));
            let got = format!("{:x}", Sha256::digest(sql.as_bytes()));
            assert_eq!(
                &got, hash,
                "{name} was edited: put the change in a new file"
            );
        }
        // Pinned files come first and in order: nothing inserted before a landed one.
        for (i, (name, _)) in PINNED.iter().enumerate() {
            assert_eq!(MIGRATION_FILES[i].0, *name);
        }
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
        to_latest(&mut conn, Path::new(":memory:")).unwrap();
        let schema = |c: &Connection| -> Vec<String> {
            let mut s = c
                .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
                .unwrap();
            s.query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let first = schema(&conn);
        to_latest(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(schema(&conn), first);
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_VERSION);
    }
}
