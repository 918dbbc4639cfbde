//! What `tiepdan check` verifies, on a book opened read-only (nothing is written): SQLite's
//! own `integrity_check` and `foreign_key_check`, the lookup index against the tables, the
//! counters the triggers keep against direct counts, the journal's chain and its signed
//! checkpoints, and the records against the journal — each record's whole state is its last
//! entry's (so a row changed, hidden or voided past the app shows), each entry's record is
//! there, a case's status is its last step's, a closed period's figures are their digest's.
//!
//! Each check names the first broken row it finds (entity, uid, what) and goes on to the next
//! check; the words are the catalog's (`i18n::check_finding`).

use std::collections::HashSet;

use rusqlite::{OptionalExtension, params};

use super::journal::{self as jr, JournalEntry};
use super::{Result, Store, rows};
use crate::domain::journal::{self, Entity, Op, Parts, hash_from_hex, hex};

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

    /// The chain: every entry in order, its hash recomputed; the checkpoints' signatures.
    fn chain(&self, wanted: Option<&str>, out: &mut BookCheck) -> Result<Option<Finding>> {
        let keys: Vec<String> = self
            .conn
            .prepare("SELECT public FROM desk_keys ORDER BY rowid")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        out.key = keys.last().cloned();
        if let Some(w) = wanted
            && !keys.iter().any(|k| k.eq_ignore_ascii_case(w))
        {
            return Ok(Some(finding(
                Check::Chain,
                Some(Entity::DeskKey),
                None,
                Problem::Key {
                    public: w.to_lowercase(),
                },
            )));
        }
        let mut journaled_keys = HashSet::new();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM journal ORDER BY seq",
            jr::read_columns()
        ))?;
        let mut rows = stmt.query([])?;
        let (mut expect, mut prev) = (1i64, journal::GENESIS);
        let mut last_checkpoint = 0i64;
        let mut first: Option<Finding> = None;
        while let Some(r) = rows.next()? {
            let e = jr::entry_from_row(r)?;
            out.entries += 1;
            if first.is_some() {
                continue;
            }
            let bad = |p: Problem| {
                Some(finding(
                    Check::Chain,
                    Some(e.entity),
                    Some(e.record.clone()),
                    p,
                ))
            };
            if e.seq != expect {
                first = bad(Problem::ChainGap {
                    seq: expect,
                    found: e.seq,
                });
                continue;
            }
            let (before, after) = (jr::field_at(r, 9)?, jr::field_at(r, 10)?);
            if canonical_text(&before).as_deref() != Some(before.as_str())
                || canonical_text(&after).as_deref() != Some(after.as_str())
            {
                first = bad(Problem::NotCanonical { seq: e.seq });
                continue;
            }
            let parts = Parts {
                seq: e.seq,
                at: &e.at,
                officer: e.officer.as_deref(),
                desk: &e.desk,
                op: e.op,
                entity: e.entity,
                record: &e.record,
                v_before: e.v_before,
                v_after: e.v_after,
                before: &before,
                after: &after,
                state: e.state.as_deref(),
            };
            let hash = journal::chain(&prev, journal::encode(&parts).as_bytes());
            if hash_from_hex(&e.hash) != Some(hash) {
                first = bad(Problem::ChainHash { seq: e.seq });
                continue;
            }
            if e.entity == Entity::DeskKey && e.op == Op::Create {
                journaled_keys.insert(e.record.clone());
            }
            if e.op == Op::Checkpoint {
                out.checkpoints += 1;
                last_checkpoint = e.seq;
                let text = |k: &str| e.after.get(k).and_then(|v| v.as_str()).unwrap_or("");
                let public = text("key").to_owned();
                let message = journal::checkpoint_message(
                    &e.desk,
                    text("day"),
                    e.after.get("upto").and_then(|v| v.as_i64()).unwrap_or(-1),
                    text("head"),
                );
                let known = keys.contains(&public) && journaled_keys.contains(&public);
                if !known {
                    first = bad(Problem::Key { public });
                    continue;
                }
                let signs_head = e.after.get("upto").and_then(|v| v.as_i64()) == Some(e.seq - 1)
                    && text("head") == hex(&prev);
                if !signs_head || !jr::verify(&public, &message, text("signature")) {
                    first = bad(Problem::Checkpoint { seq: e.seq });
                    continue;
                }
            }
            prev = hash;
            expect += 1;
        }
        out.unsigned = out.entries - last_checkpoint;
        if first.is_none()
            && let Some(k) = keys.iter().find(|k| !journaled_keys.contains(*k))
        {
            first = Some(finding(
                Check::Chain,
                Some(Entity::DeskKey),
                Some(k.clone()),
                Problem::Key { public: k.clone() },
            ));
        }
        Ok(first)
    }

    /// The records against the journal: each record with the last entry that changed it
    /// (one with a state, or its removal) — a sign-in or a reveal changes no record.
    fn records(&self) -> Result<Option<Finding>> {
        let f = |e, r: String, p| Some(finding(Check::Records, Some(e), Some(r), p));
        for spec in rows::ALL {
            let sql = format!(
                "WITH r AS ({select}),
                      j AS (SELECT record, state, v_after, op, max(seq) AS seq FROM journal
                            WHERE entity = ?1 AND (state IS NOT NULL OR op = 'delete')
                            GROUP BY record)
                 SELECT r.*, j.state, j.v_after, j.op, j.seq FROM r
                 LEFT JOIN j ON j.record = r.key__ ORDER BY r.rowid__",
                select = spec.select()
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let n = spec.cols.len() + 3;
            let mut rows = stmt.query([spec.entity.code()])?;
            while let Some(r) = rows.next()? {
                let rec = spec.record_of(r)?;
                let state: Option<String> = jr::digest_at(r, n)?;
                let v_after: Option<i64> = r.get(n + 1)?;
                let op: Option<String> = r.get(n + 2)?;
                let seq: Option<i64> = r.get(n + 3)?;
                let Some(seq) = seq else {
                    return Ok(f(spec.entity, rec.key, Problem::NoEntry));
                };
                if op.as_deref() == Some(Op::Delete.code())
                    || state.as_deref() != Some(rec.digest(spec).as_str())
                {
                    let hidden = spec
                        .cols
                        .iter()
                        .position(|(c, _)| *c == "deleted_at")
                        .is_some_and(|i| !rec.values[i].is_null())
                        && !self.voided(spec.entity, &rec.key)?;
                    let p = if hidden {
                        Problem::HiddenWithoutEntry
                    } else {
                        Problem::StateDiffers { seq }
                    };
                    return Ok(f(spec.entity, rec.key, p));
                }
                if spec.versioned && v_after != rec.version {
                    return Ok(f(
                        spec.entity,
                        rec.key,
                        Problem::VersionDiffers {
                            version: rec.version.unwrap_or_default(),
                            journal: v_after,
                        },
                    ));
                }
            }
            // The journal's records that are not in the book (and were not removed by it).
            let gone: Option<(String, i64)> = self
                .conn
                .query_row(
                    &format!(
                        "SELECT j.record, j.seq FROM (SELECT record, op, max(seq) AS seq
                             FROM journal WHERE entity = ?1 AND op NOT IN ({reads})
                             GROUP BY record) j
                         WHERE j.op != 'delete' AND NOT ({exists}) ORDER BY j.seq LIMIT 1",
                        reads = READS,
                        exists = exists_sql(spec.entity)
                    ),
                    [spec.entity.code()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((record, seq)) = gone {
                return Ok(f(spec.entity, record, Problem::Gone { seq }));
            }
        }
        // A case's status is its last step's.
        let wrong: Option<(String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT uid, status, step FROM (
                     SELECT k.uid, k.status, (SELECT e.to_status FROM case_events e
                         WHERE e.case_id = k.id ORDER BY e.id DESC LIMIT 1) AS step
                     FROM cases k)
                 WHERE step IS NOT status LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((uid, status, step)) = wrong {
            return Ok(f(
                Entity::Case,
                uid,
                Problem::StatusNotLastStep { status, step },
            ));
        }
        // A closed period's figures are their digest's.
        let mut stmt = self
            .conn
            .prepare("SELECT uid, figures, digest FROM report_closings ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (uid, figures, digest): (String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            if crate::domain::report::digest_of(&figures) != digest {
                return Ok(f(Entity::Closing, uid, Problem::ClosingDigest));
            }
        }
        // The old audit is what the journal sealed.
        let sealed: Option<String> = self
            .conn
            .query_row(
                "SELECT after FROM journal WHERE entity = 'journal' AND record = ?1
                 ORDER BY seq DESC LIMIT 1",
                [jr::LEGACY_RECORD],
                |r| jr::field_at(r, 0),
            )
            .optional()?;
        let (n, digest) = jr::legacy_digest(&self.conn)?;
        let expected = sealed
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .map(|v| {
                (
                    v["rows"].as_i64().unwrap_or(-1),
                    v["digest"].as_str().unwrap_or("").to_owned(),
                )
            });
        let fine = match expected {
            Some((rows, d)) => rows == n && d == digest,
            None => n == 0,
        };
        if !fine {
            return Ok(f(
                Entity::Journal,
                jr::LEGACY_RECORD.to_owned(),
                Problem::Legacy,
            ));
        }
        Ok(None)
    }

    /// Has the journal an entry that voided this record?
    fn voided(&self, entity: Entity, record: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM journal WHERE entity = ?1 AND record = ?2
                              AND op = 'void')",
            params![entity.code(), record],
            |r| r.get(0),
        )?)
    }

    /// The entries of the journal as `check` reads them (tests).
    pub fn journal_entries(&self) -> Result<Vec<JournalEntry>> {
        self.journal(&Default::default())
    }
}

/// The ops that record no change of a record (a reveal, a sign-in…): not a record's state.
const READS: &str = "'sign_in', 'sign_in_failed', 'reveal', 'match_unseen', 'id_shared',
    'export', 'print', 'import', 'passphrase_set', 'unit_unlocked', 'unit_unlock_failed',
    'unit_recovered', 'recovery_code_made', 'escrow_set', 'unit_key_rotated'";

/// SQL true when the record `j.record` of `entity` is in the book.
fn exists_sql(entity: Entity) -> &'static str {
    match entity {
        Entity::Setting => "EXISTS (SELECT 1 FROM settings WHERE key = j.record)",
        Entity::CalendarDay => {
            "EXISTS (SELECT 1 FROM calendar_days WHERE day || '@' || effective_from = j.record)"
        }
        Entity::CalendarYear => {
            "EXISTS (SELECT 1 FROM calendar_years WHERE CAST(year AS TEXT) = j.record)"
        }
        Entity::CaseVisit => {
            "EXISTS (SELECT 1 FROM case_visits cv
                     WHERE cv.case_id = (SELECT id FROM cases
                                         WHERE uid = substr(j.record, 1, instr(j.record, '/') - 1))
                       AND cv.visit_id = (SELECT id FROM visits
                                          WHERE uid = substr(j.record, instr(j.record, '/') + 1)))"
        }
        Entity::Citizen => "EXISTS (SELECT 1 FROM citizens WHERE uid = j.record)",
        Entity::Session => "EXISTS (SELECT 1 FROM sessions WHERE uid = j.record)",
        Entity::Visit => "EXISTS (SELECT 1 FROM visits WHERE uid = j.record)",
        Entity::Case => "EXISTS (SELECT 1 FROM cases WHERE uid = j.record)",
        Entity::CaseEvent => "EXISTS (SELECT 1 FROM case_events WHERE uid = j.record)",
        Entity::Officer => "EXISTS (SELECT 1 FROM officers WHERE uid = j.record)",
        Entity::Field => "EXISTS (SELECT 1 FROM fields WHERE uid = j.record)",
        Entity::Rule => "EXISTS (SELECT 1 FROM deadline_rules WHERE uid = j.record)",
        Entity::Closing => "EXISTS (SELECT 1 FROM report_closings WHERE uid = j.record)",
        Entity::ReceptionPlan => "EXISTS (SELECT 1 FROM reception_plans WHERE uid = j.record)",
        Entity::ReceptionDay => "EXISTS (SELECT 1 FROM reception_days WHERE day = j.record)",
        Entity::VisitDocuments => {
            "EXISTS (SELECT 1 FROM visit_documents d JOIN visits v ON v.id = d.visit_id
                     WHERE v.uid = j.record)"
        }
        Entity::Paper => "EXISTS (SELECT 1 FROM papers WHERE uid = j.record)",
        Entity::PaperPrint => "EXISTS (SELECT 1 FROM paper_prints WHERE uid = j.record)",
        Entity::Dialogue => "EXISTS (SELECT 1 FROM dialogues WHERE uid = j.record)",
        Entity::DialoguePromise => "EXISTS (SELECT 1 FROM dialogue_promises WHERE uid = j.record)",
        Entity::MergeOrigin => {
            "EXISTS (SELECT 1 FROM merge_origins WHERE entity || '/' || record = j.record)"
        }
        Entity::CitizenAlias => {
            "EXISTS (SELECT 1 FROM citizen_aliases WHERE foreign_uid = j.record)"
        }
        _ => "1",
    }
}

/// The canonical form of a JSON text (None when it is not JSON).
fn canonical_text(text: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .map(|v| journal::canonical(&v))
}
