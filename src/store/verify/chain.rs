//! The journal checked: its chain entry by entry (each hash recomputed) and its signed
//! checkpoints; the records against it (each record's whole state is its last entry's, each
//! entry's record is there, a case's status is its last step's, a closed period's figures
//! are their digest's).

use std::collections::HashSet;

use rusqlite::{OptionalExtension, params};

use crate::domain::journal::{self, Entity, Op, Parts, hash_from_hex, hex};
use crate::store::journal::{self as jr};
use crate::store::{Result, Store, rows};

use super::{BookCheck, Check, Finding, Problem, finding};

impl Store {
    /// The chain: every entry in order, its hash recomputed; the checkpoints' signatures.
    pub(super) fn chain(
        &self,
        wanted: Option<&str>,
        out: &mut BookCheck,
    ) -> Result<Option<Finding>> {
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
    pub(super) fn records(&self) -> Result<Option<Finding>> {
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
