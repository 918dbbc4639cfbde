//! A desk's batch at the hub (`POST /v1/batches`): a package, as `tiepdan export --format
//! tiepdan` writes it, checked by the desk's own code (`Package::verify`: the signature, the
//! chain, the signed checkpoints, every record against its journal), then taken in one
//! transaction:
//!
//! - the desk must be enrolled, with the key the package is signed with;
//! - the batch must continue the chain the hub holds for the desk: it starts at most one
//!   after the hub's last entry, and every entry the hub already holds has the same hash (an
//!   identical re-send is a no-op; another hash for a known entry is a **fork alarm**: kept
//!   in `forks`, the batch refused);
//! - the entries are stored by (desk, seq); the records the new entries touched are applied
//!   with `ON CONFLICT (entity, uid) DO UPDATE … WHERE` the hub's version and state are ones
//!   the desk's edit descends from (its base): a stale edit becomes a row in `conflicts`,
//!   never a silent overwrite. Records a batch only names, and records a merge at the desk
//!   wrote (another desk's package taken there: that desk sends its own edits), are written
//!   when the hub has none;
//! - a record the desk removed (a case's visit unlinked: a `delete` entry, and the package
//!   carries no record of it) is removed here when the hub's row is in a state the desk's
//!   journal gave that record (the removal descends from it); when another desk has changed
//!   it since, it is kept and the removal becomes a row in `conflicts` (`removed`).
//!
//! Sealed identities travel and are stored as they came: ciphertext only.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use tiepdan::domain::journal::{Entity, GENESIS, Op, hex};
use tiepdan::exchange::hub::{BatchReply, ConflictReply, Refusal, RefusalReason};
use tiepdan::exchange::package;
use tiepdan::store::{Package, PackedEntry, PackedRecord};
use tokio_postgres::types::Json;

/// Why a batch was not taken.
#[derive(Debug)]
pub enum BatchError {
    /// Refused (the desk's fault, or a fork): the HTTP status and the reason.
    Refused(u16, Refusal),
    /// The hub's database failed.
    Db(tokio_postgres::Error),
}

impl From<tokio_postgres::Error> for BatchError {
    fn from(e: tokio_postgres::Error) -> Self {
        BatchError::Db(e)
    }
}

fn refuse(status: u16, reason: RefusalReason, detail: impl Into<String>) -> BatchError {
    BatchError::Refused(
        status,
        Refusal {
            reason,
            detail: detail.into(),
        },
    )
}

/// Read and check a batch whole (CPU only: run it off the async threads).
pub fn check(bytes: &[u8]) -> Result<Package, BatchError> {
    let p = package::read(bytes).map_err(|e| {
        let detail = match e {
            package::ReadError::Json(e) => e.to_string(),
            other => format!("{other:?}"),
        };
        refuse(400, RefusalReason::NotPackage, detail)
    })?;
    p.verify()
        .map_err(|e| refuse(422, RefusalReason::Invalid, format!("{e:?}")))?;
    Ok(p)
}

/// Enroll a desk (or replace its key): a provincial administrator's act.
pub async fn enroll(
    client: &tokio_postgres::Client,
    desk: &str,
    unit: &str,
    district: &str,
    key: &str,
) -> anyhow::Result<()> {
    let desk = tiepdan::store::settings::check_desk_code(desk)
        .map_err(|_| anyhow::anyhow!("desk code: 1–4 letters or digits"))?;
    let key = key.trim().to_ascii_lowercase();
    anyhow::ensure!(
        key.len() == 64 && key.chars().all(|c| c.is_ascii_hexdigit()),
        "key: the desk's Ed25519 public key, 64 hex digits (tiepdan keys shows it)"
    );
    let unit = tiepdan::domain::text::clean_line(unit);
    anyhow::ensure!(!unit.is_empty(), "unit: required");
    let district = tiepdan::domain::text::clean_line(district);
    anyhow::ensure!(!district.is_empty(), "district: required");
    client
        .execute(
            "INSERT INTO desks (code, unit, district, key) VALUES ($1, $2, $3, $4)
             ON CONFLICT (code) DO UPDATE
               SET unit = EXCLUDED.unit, district = EXCLUDED.district, key = EXCLUDED.key",
            &[&desk, &unit, &district, &key],
        )
        .await?;
    Ok(())
}

/// The last entry the hub holds of a desk (None: no such desk enrolled).
pub async fn ack(client: &tokio_postgres::Client, desk: &str) -> Result<Option<i64>, BatchError> {
    let row = client
        .query_opt(
            "SELECT (SELECT coalesce(max(seq), 0) FROM entries WHERE desk = d.code)
             FROM desks d WHERE d.code = $1",
            &[&desk],
        )
        .await?;
    Ok(row.map(|r| r.get(0)))
}

/// Take a checked batch (see the module's notes).
pub async fn take(
    client: &mut tokio_postgres::Client,
    p: &Package,
) -> Result<BatchReply, BatchError> {
    let h = &p.head;
    match take_in(client, p).await {
        Err(BatchError::Refused(status, r)) => {
            if let RefusalReason::Fork { seq } = r.reason {
                let held = r.detail.clone();
                let sent = p
                    .journal
                    .iter()
                    .find(|e| e.seq == seq)
                    .map_or_else(|| h.prev.clone(), |e| e.hash.clone());
                client
                    .execute(
                        "INSERT INTO forks (desk, seq, held_hash, sent_hash)
                         VALUES ($1, $2, $3, $4)",
                        &[&h.desk, &seq, &held, &sent],
                    )
                    .await?;
            }
            Err(BatchError::Refused(status, r))
        }
        other => other,
    }
}

async fn take_in(
    client: &mut tokio_postgres::Client,
    p: &Package,
) -> Result<BatchReply, BatchError> {
    let h = &p.head;
    let tx = client.transaction().await?;
    // One batch of a desk at a time.
    let key: Option<String> = tx
        .query_opt(
            "SELECT key FROM desks WHERE code = $1 FOR UPDATE",
            &[&h.desk],
        )
        .await?
        .map(|r| r.get(0));
    let Some(key) = key else {
        return Err(refuse(
            403,
            RefusalReason::NotEnrolled {
                desk: h.desk.clone(),
            },
            "",
        ));
    };
    if key != h.desk_key {
        return Err(refuse(
            403,
            RefusalReason::KeyMismatch {
                desk: h.desk.clone(),
            },
            "",
        ));
    }
    let held: i64 = tx
        .query_one(
            "SELECT coalesce(max(seq), 0) FROM entries WHERE desk = $1",
            &[&h.desk],
        )
        .await?
        .get(0);
    if h.first_seq > held + 1 {
        return Err(refuse(
            409,
            RefusalReason::Gap {
                ack: held,
                first: h.first_seq,
            },
            "",
        ));
    }
    // The entries the hub holds that the batch names (and the one before it): same hashes.
    let known: HashMap<i64, String> = tx
        .query(
            "SELECT seq, hash FROM entries WHERE desk = $1 AND seq BETWEEN $2 AND $3",
            &[&h.desk, &(h.first_seq - 1), &h.last_seq],
        )
        .await?
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let before = if h.first_seq <= 1 {
        Some(hex(&GENESIS))
    } else {
        known.get(&(h.first_seq - 1)).cloned()
    };
    if let Some(b) = before
        && b != h.prev
    {
        return Err(refuse(
            409,
            RefusalReason::Fork {
                seq: h.first_seq - 1,
            },
            b,
        ));
    }
    let mut reply = BatchReply {
        desk: h.desk.clone(),
        ..BatchReply::default()
    };
    let insert = tx
        .prepare(
            "INSERT INTO entries (desk, seq, at, officer, op, entity, record, v_before,
                 v_after, before, after, state, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .await?;
    let imported = merged_entries(&p.journal);
    // The version each record's first new entry started from: the desk's edit's base.
    let mut touched: BTreeMap<(&str, &str), Option<i64>> = BTreeMap::new();
    // The records the new entries removed: each one's last removal.
    let mut removals: BTreeMap<(&str, &str), &PackedEntry> = BTreeMap::new();
    for e in &p.journal {
        // A dialogue's (or the schedule's) entry is kept without its names and free text (only what leaves the
        // desk for the hub, `tiepdan::store::for_hub`); its hash and state are kept whole,
        // so the chain still continues from it.
        let (before, after) = match Entity::from_code(&e.entity) {
            Some(entity) if tiepdan::store::hub_fields(entity, &e.record).is_some() => (
                tiepdan::store::for_hub(entity, &e.record, &e.before),
                tiepdan::store::for_hub(entity, &e.record, &e.after),
            ),
            _ => (e.before.clone(), e.after.clone()),
        };
        if let Some(hash) = known.get(&e.seq) {
            if *hash != e.hash {
                return Err(refuse(
                    409,
                    RefusalReason::Fork { seq: e.seq },
                    hash.clone(),
                ));
            }
            reply.entries_same += 1;
            continue;
        }
        tx.execute(
            &insert,
            &[
                &h.desk,
                &e.seq,
                &e.at,
                &e.officer,
                &e.op,
                &e.entity,
                &e.record,
                &e.v_before,
                &e.v_after,
                &Json(&before),
                &Json(&after),
                &e.state,
                &e.hash,
            ],
        )
        .await?;
        reply.entries_new += 1;
        if !imported.contains(&e.seq) {
            touched
                .entry((e.entity.as_str(), e.record.as_str()))
                .or_insert(e.v_before);
            if e.op == Op::Delete.code() {
                removals.insert((e.entity.as_str(), e.record.as_str()), e);
            }
        }
    }
    if reply.entries_new > 0 {
        // The records for the hub only (a desk's dialogues and schedule) after the merged
        // ones, taken alike; those keyed alike at every desk (a reception day) keyed by desk.
        let hub_only = p.hub.iter().flat_map(|h| &h.records);
        let all = p
            .records
            .iter()
            .map(|r| (Cow::Borrowed(r), r.uid.as_str()))
            .chain(hub_only.map(|r| at_hub(&h.desk, r)));
        for (r, desk_key) in all {
            let r = r.as_ref();
            let base = touched.get(&(r.entity.as_str(), desk_key));
            match base {
                Some(base) => apply(&tx, &h.desk, h.last_seq, r, *base, &mut reply).await?,
                None => {
                    let n = tx
                        .execute(
                            "INSERT INTO records (entity, uid, desk, version, state, fields)
                             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                            &[
                                &r.entity,
                                &r.uid,
                                &h.desk,
                                &r.version,
                                &state(r),
                                &Json(&r.fields),
                            ],
                        )
                        .await?;
                    if n == 1 {
                        reply.records_new += 1;
                    } else {
                        reply.records_same += 1;
                    }
                }
            }
        }
        // Removed at the desk and not written again since (the package does not carry it).
        let carried: HashSet<(&str, &str)> = p
            .records
            .iter()
            .map(|r| (r.entity.as_str(), r.uid.as_str()))
            .collect();
        for (key, e) in &removals {
            if !carried.contains(key) {
                remove(&tx, &h.desk, h.last_seq, e, &mut reply).await?;
            }
        }
    } else {
        reply.records_same =
            (p.records.len() + p.hub.as_ref().map_or(0, |h| h.records.len())) as i64;
    }
    // The fields its records name, as the desk's catalog has them (the report counts by
    // them): kept by uid, brought to what the desk last sent.
    for f in &p.fields {
        tx.execute(
            "INSERT INTO fields AS h (uid, code, name, report_column, desk)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (uid) DO UPDATE
               SET code = EXCLUDED.code, name = EXCLUDED.name,
                   report_column = EXCLUDED.report_column, desk = EXCLUDED.desk
             WHERE (h.code, h.name, h.report_column)
                   IS DISTINCT FROM (EXCLUDED.code, EXCLUDED.name, EXCLUDED.report_column)",
            &[&f.uid, &f.code, &f.name, &f.report_column, &h.desk],
        )
        .await?;
    }
    reply.ack = held.max(h.last_seq);
    tx.commit().await?;
    Ok(reply)
}

/// The entries a merge at the desk wrote (another desk's package taken there): their records
/// are the other desk's, as this desk took them — written at the hub when it has none, never
/// over the hub's (their own desk sends its edits), and a record the merge removed is left to
/// the desk that removed it. A merge's transaction ends with its `import` entry of the book;
/// its entries are consecutive, share their time, each record it wrote has its `merge_origin`
/// entry (keyed `entity/uid`), and the records it removed are named in its `import` entry's
/// `removed` (`entity/uid`).
fn merged_entries(journal: &[PackedEntry]) -> HashSet<i64> {
    let mut out = HashSet::new();
    for (i, end) in journal.iter().enumerate() {
        if end.op != Op::Import.code() || end.entity != Entity::Book.code() {
            continue;
        }
        let start = journal[..i]
            .iter()
            .rposition(|e| e.at != end.at)
            .map_or(0, |k| k + 1);
        let run = &journal[start..i];
        let removed = end.after.get("removed").and_then(|v| v.as_array());
        let named: HashSet<&str> = run
            .iter()
            .filter(|e| e.entity == Entity::MergeOrigin.code())
            .map(|e| e.record.as_str())
            .chain(removed.into_iter().flatten().filter_map(|v| v.as_str()))
            .collect();
        for e in run {
            if named.contains(format!("{}/{}", e.entity, e.record).as_str()) {
                out.insert(e.seq);
            }
        }
    }
    out
}

/// A record for the hub only as the hub keys it (`DESK/key` for a key every desk may have:
/// `tiepdan::store::keyed_by_desk`), and its key at the desk.
fn at_hub<'r>(desk: &str, r: &'r PackedRecord) -> (Cow<'r, PackedRecord>, &'r str) {
    match Entity::from_code(&r.entity) {
        Some(e) if tiepdan::store::keyed_by_desk(e) => {
            let mut keyed = r.clone();
            keyed.uid = format!("{desk}/{}", r.uid);
            (Cow::Owned(keyed), r.uid.as_str())
        }
        _ => (Cow::Borrowed(r), r.uid.as_str()),
    }
}

/// A record's state as its desk's journal last gave it.
fn state(r: &PackedRecord) -> String {
    r.history.last().map(|h| h.1.clone()).unwrap_or_default()
}

/// Apply a record the batch's new entries touched: written new, brought to the desk's
/// version when the hub's is one it descends from, else a conflict.
async fn apply(
    tx: &tokio_postgres::Transaction<'_>,
    desk: &str,
    batch_last: i64,
    r: &PackedRecord,
    base: Option<i64>,
    reply: &mut BatchReply,
) -> Result<(), BatchError> {
    let versions: Vec<Option<i64>> = r.history.iter().map(|h| h.0).collect();
    let states: Vec<&str> = r.history.iter().map(|h| h.1.as_str()).collect();
    let state = state(r);
    let row = tx
        .query_opt(
            "INSERT INTO records AS h (entity, uid, desk, version, state, fields)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (entity, uid) DO UPDATE
               SET desk = EXCLUDED.desk, version = EXCLUDED.version, state = EXCLUDED.state,
                   fields = EXCLUDED.fields, updated_at = now()
             WHERE h.state IS DISTINCT FROM EXCLUDED.state
               AND EXISTS (SELECT 1 FROM unnest($7::bigint[], $8::text[]) AS b (version, state)
                           WHERE b.version IS NOT DISTINCT FROM h.version AND b.state = h.state)
             RETURNING (xmax = 0)",
            &[
                &r.entity,
                &r.uid,
                &desk,
                &r.version,
                &state,
                &Json(&r.fields),
                &versions,
                &states,
            ],
        )
        .await?;
    match row {
        Some(row) if row.get::<_, bool>(0) => reply.records_new += 1,
        Some(_) => reply.records_updated += 1,
        None => {
            let hub = tx
                .query_one(
                    "SELECT version, state FROM records WHERE entity = $1 AND uid = $2",
                    &[&r.entity, &r.uid],
                )
                .await?;
            let (hub_version, hub_state): (Option<i64>, String) = (hub.get(0), hub.get(1));
            if hub_state == state {
                reply.records_same += 1;
                return Ok(());
            }
            tx.execute(
                "INSERT INTO conflicts (desk, entity, uid, base_version, hub_version,
                     desk_version, desk_state, fields, batch_last)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                &[
                    &desk,
                    &r.entity,
                    &r.uid,
                    &base,
                    &hub_version,
                    &r.version,
                    &state,
                    &Json(&r.fields),
                    &batch_last,
                ],
            )
            .await?;
            reply.conflicts.push(ConflictReply {
                entity: r.entity.clone(),
                uid: r.uid.clone(),
                base,
                hub: hub_version,
                desk: r.version,
                removed: false,
            });
        }
    }
    Ok(())
}

/// Remove the hub's row of a record the desk removed (`e`, its last removal in the batch)
/// when the row is in a state the desk's journal gave the record (every entry the hub holds
/// of it from this desk, this batch's among them, or the state the removal started from);
/// else, when the hub holds the record otherwise, a conflict marked `removed`. The hub
/// holding no row (the record came and went within the batch): nothing to do.
async fn remove(
    tx: &tokio_postgres::Transaction<'_>,
    desk: &str,
    batch_last: i64,
    e: &PackedEntry,
    reply: &mut BatchReply,
) -> Result<(), BatchError> {
    let removed_from = Entity::from_code(&e.entity)
        .map(|entity| tiepdan::store::state_of(entity, &e.before))
        .unwrap_or_default();
    let n = tx
        .execute(
            "DELETE FROM records h WHERE h.entity = $1 AND h.uid = $2
               AND (h.state = $4
                    OR EXISTS (SELECT 1 FROM entries x WHERE x.desk = $3 AND x.entity = $1
                                 AND x.record = $2 AND x.state = h.state))",
            &[&e.entity, &e.record, &desk, &removed_from],
        )
        .await?;
    if n > 0 {
        reply.records_removed += 1;
        return Ok(());
    }
    let Some(hub) = tx
        .query_opt(
            "SELECT version FROM records WHERE entity = $1 AND uid = $2",
            &[&e.entity, &e.record],
        )
        .await?
    else {
        return Ok(());
    };
    let hub_version: Option<i64> = hub.get(0);
    let before = Entity::from_code(&e.entity).map_or_else(
        || e.before.clone(),
        |en| tiepdan::store::for_hub(en, &e.record, &e.before),
    );
    tx.execute(
        "INSERT INTO conflicts (desk, entity, uid, base_version, hub_version, desk_version,
             desk_state, fields, batch_last, removed)
         VALUES ($1, $2, $3, $4, $5, NULL, '', $6, $7, true)",
        &[
            &desk,
            &e.entity,
            &e.record,
            &e.v_before,
            &hub_version,
            &Json(&before),
            &batch_last,
        ],
    )
    .await?;
    reply.conflicts.push(ConflictReply {
        entity: e.entity.clone(),
        uid: e.record.clone(),
        base: e.v_before,
        hub: hub_version,
        desk: None,
        removed: true,
    });
    Ok(())
}
