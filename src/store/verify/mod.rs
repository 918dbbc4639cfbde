//! What `tiepdan check` verifies, on a book opened read-only (nothing is written): SQLite's
//! own `integrity_check` and `foreign_key_check`, the lookup index against the tables, the
//! counters the triggers keep against direct counts, the journal's chain and its signed
//! checkpoints, and the records against the journal — each record's whole state is its last
//! entry's (so a row changed, hidden or voided past the app shows), each entry's record is
//! there, a case's status is its last step's, a closed period's figures are their digest's.
//!
//! Each check names the first broken row it finds (entity, uid, what) and goes on to the next
//! check; the words are the catalog's (`i18n::check_finding`).
//!
//! The parts: this file holds the checks and what they find, and the checks of SQLite, the
//! lookup index and the counters; `chain.rs` the journal's chain and checkpoints, and the
//! records against the journal.

use rusqlite::OptionalExtension;

use super::journal::JournalEntry;
use super::{Result, Store};
use crate::domain::journal::Entity;

mod chain;
/// The checks, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Integrity,
    ForeignKeys,
    Lookup,
    Counters,
    Chain,
    Records,
}

impl Check {
    pub const ALL: [Check; 6] = [
        Check::Integrity,
        Check::ForeignKeys,
        Check::Lookup,
        Check::Counters,
        Check::Chain,
        Check::Records,
    ];
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// SQLite's `integrity_check` said this.
    Integrity(String),
    /// A row of `table` points at a missing row of `parent`.
    ForeignKey {
        table: String,
        rowid: i64,
        parent: String,
    },
    /// The record's document in the lookup index is missing or differs from its row.
    LookupDiffers,
    /// The index holds documents of records that are not there (or should not be indexed).
    LookupExtra,
    /// A counter kept by triggers differs from the direct count.
    Counter {
        counter: String,
        key: String,
        stored: i64,
        counted: i64,
    },
    /// The entry `seq` is missing (the next one is `found`).
    ChainGap { seq: i64, found: i64 },
    /// The entry's hash is not that of its bytes after the previous entry's hash (changed,
    /// inserted, or the one before it removed).
    ChainHash { seq: i64 },
    /// The entry's fields are not in the canonical form (written by something else).
    NotCanonical { seq: i64 },
    /// A checkpoint whose signature does not verify, or that signs another head than the
    /// chain's at its place.
    Checkpoint { seq: i64 },
    /// A checkpoint signed by a key the book does not know, or the book's key differs from
    /// the one asked for (`--key`).
    Key { public: String },
    /// A record with no entry in the journal.
    NoEntry,
    /// A record whose state is not its last entry's (`seq`): changed past the app.
    StateDiffers { seq: i64 },
    /// A record marked deleted (a visit voided, hidden) with no entry that voided it.
    HiddenWithoutEntry,
    /// A record whose version is not its last entry's.
    VersionDiffers { version: i64, journal: Option<i64> },
    /// A record the journal has (its last entry `seq`) that is not in the book any more.
    Gone { seq: i64 },
    /// A case whose status is not the one its last step led to.
    StatusNotLastStep {
        status: String,
        step: Option<String>,
    },
    /// A closed period's stored figures do not match their digest.
    ClosingDigest,
    /// The old audit (a book made before the journal) differs from what the journal sealed.
    Legacy,
    /// A denunciation (a visit or a case) resting on an open citizen's record: whoever reads
    /// the file reads its denouncer (issue 26; the desk, loads and upgrades never make one).
    DenunciationOnOpenRecord,
}

/// One thing found wrong: which check, about which record, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub check: Check,
    pub entity: Option<Entity>,
    pub record: Option<String>,
    pub problem: Problem,
}

/// What `check` found, with what it looked at.
#[derive(Debug, Clone, Default)]
pub struct BookCheck {
    pub findings: Vec<Finding>,
    /// Entries in the journal, and checkpoints among them.
    pub entries: i64,
    pub checkpoints: i64,
    /// Entries after the last checkpoint (not signed yet: today's).
    pub unsigned: i64,
    /// The desk's public key (hex).
    pub key: Option<String>,
}

impl BookCheck {
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }

    /// The finding of a check, if it found one.
    pub fn of(&self, c: Check) -> Option<&Finding> {
        self.findings.iter().find(|f| f.check == c)
    }
}

fn finding(check: Check, entity: Option<Entity>, record: Option<String>, p: Problem) -> Finding {
    Finding {
        check,
        entity,
        record,
        problem: p,
    }
}

impl Store {
    /// Verify the whole book (see the module's doc). `key`: the desk's public key as noted
    /// elsewhere (hex), which the book's must be.
    pub fn verify_book(&self, key: Option<&str>) -> Result<BookCheck> {
        let mut out = BookCheck::default();
        if let Some(f) = self.integrity()? {
            out.findings.push(f);
        }
        if let Some(f) = self.foreign_keys()? {
            out.findings.push(f);
        }
        if let Some((entity, record)) = super::lookup::verify(&self.conn)? {
            let problem = if record.is_some() {
                Problem::LookupDiffers
            } else {
                Problem::LookupExtra
            };
            out.findings.push(finding(
                Check::Lookup,
                Entity::from_code(entity),
                record,
                problem,
            ));
        }
        if let Some(f) = self.counters()? {
            out.findings.push(f);
        }
        if let Some(f) = self.chain(key, &mut out)? {
            out.findings.push(f);
        }
        if let Some(f) = self.records()? {
            out.findings.push(f);
        }
        if let Some(f) = self.denunciations_apart()? {
            out.findings.push(f);
        }
        Ok(out)
    }

    /// The first denunciation that rests on an open citizen's record.
    fn denunciations_apart(&self) -> Result<Option<Finding>> {
        let first: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT 'visit', v.uid FROM visits v JOIN citizens c ON c.id = v.citizen_id
                 WHERE v.petition_type = 'to_cao' AND c.sealed IS NULL
                 UNION ALL
                 SELECT 'case', k.uid FROM cases k JOIN citizens c ON c.id = k.citizen_id
                 WHERE k.case_type = 'to_cao' AND c.sealed IS NULL
                 LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(first.map(|(entity, uid)| {
            finding(
                Check::Records,
                Entity::from_code(&entity),
                Some(uid),
                Problem::DenunciationOnOpenRecord,
            )
        }))
    }

    fn integrity(&self) -> Result<Option<Finding>> {
        let first: String = self
            .conn
            .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
        Ok((first != "ok")
            .then(|| finding(Check::Integrity, None, None, Problem::Integrity(first))))
    }

    fn foreign_keys(&self) -> Result<Option<Finding>> {
        Ok(self
            .conn
            .query_row(
                "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 1",
                [],
                |r| {
                    Ok(Problem::ForeignKey {
                        table: r.get(0)?,
                        rowid: r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                        parent: r.get(2)?,
                    })
                },
            )
            .optional()?
            .map(|p| finding(Check::ForeignKeys, None, None, p)))
    }

    fn counters(&self) -> Result<Option<Finding>> {
        // (counter, its rows, the direct count): each a (key, n) list, zero rows left out.
        let pairs = [
            (
                "case_status_counts",
                "SELECT field_id || '/' || status, n FROM case_status_counts WHERE n != 0",
                "SELECT field_id || '/' || status, count(*) FROM cases WHERE deleted_at IS NULL
                 GROUP BY field_id, status",
            ),
            (
                "case_due_counts",
                "SELECT field_id || '/' || due_on, n FROM case_due_counts WHERE n != 0",
                "SELECT field_id || '/' || next_due, count(*) FROM cases
                 WHERE next_due IS NOT NULL GROUP BY field_id, next_due",
            ),
            (
                "obligation_counts",
                "SELECT due_on, n FROM obligation_counts WHERE n != 0",
                "SELECT due_on, count(*) FROM case_deadlines GROUP BY due_on",
            ),
        ];
        for (name, stored, counted) in pairs {
            let sql = format!(
                "WITH s(k, n) AS ({stored}), c(k, n) AS ({counted})
                 SELECT k, coalesce((SELECT n FROM s WHERE s.k = x.k), 0),
                        coalesce((SELECT n FROM c WHERE c.k = x.k), 0)
                 FROM (SELECT k, n FROM s EXCEPT SELECT k, n FROM c
                       UNION SELECT k, n FROM c EXCEPT SELECT k, n FROM s) x
                 ORDER BY k LIMIT 1"
            );
            let diff: Option<(String, i64, i64)> = self
                .conn
                .query_row(&sql, [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            if let Some((key, stored, counted)) = diff {
                return Ok(Some(finding(
                    Check::Counters,
                    None,
                    None,
                    Problem::Counter {
                        counter: name.into(),
                        key,
                        stored,
                        counted,
                    },
                )));
            }
        }
        Ok(None)
    }

    /// The entries of the journal as `check` reads them (tests).
    pub fn journal_entries(&self) -> Result<Vec<JournalEntry>> {
        self.journal(&Default::default())
    }
}
