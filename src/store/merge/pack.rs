//! A desk's package, read from its book (`tiepdan export --format tiepdan`): the journal's
//! segment of the period (every entry with its hash, the desk's signed checkpoints among
//! them), and the records of the merged tables that segment touched — with every record
//! they name — as their fields, since the journal alone cannot rebuild them: a citizen's
//! identity columns are journaled `withheld`. A sealed citizen travels as its ciphertext,
//! sealed to this unit's key: nothing is opened to export it. The whole is signed with the
//! desk's Ed25519 key.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::{MERGED, Package, PackageHead, PackedEntry, PackedRecord, spec_of_table};
use crate::domain::journal::{self, Fields, GENESIS, hex};
use crate::store::rows::{self, Spec, merge::Col};
use crate::store::{Result, Store, StoreError, journal as j, keys};

/// What a package is called in the journal's export entry.
pub const PACKAGE_FORMAT: &str = "tiepdan-package";
/// The version of the package's form: 2 carries the fields its records name and the
/// digest of the desk's rules (`fields`, `rules`); a version 1 package (without them) is
/// still read.
pub const PACKAGE_VERSION: i64 = 2;

impl Store {
    /// This desk's package of the period (every day when None), signed.
    pub fn package(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Package> {
        let conn = &self.conn;
        let (from_s, to_s) = (from.map(|d| d.to_string()), to.map(|d| d.to_string()));
        let range: (Option<i64>, Option<i64>) = conn.query_row(
            "SELECT min(seq), max(seq) FROM journal
             WHERE (?1 IS NULL OR substr(at, 1, 10) >= ?1)
               AND (?2 IS NULL OR substr(at, 1, 10) <= ?2)",
            rusqlite::params![from_s, to_s],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (first, last) = match range {
            (Some(a), Some(b)) => (a, b),
            _ => (1, 0),
        };
        let whole = from.is_none() && to.is_none();
        self.package_segment((first, last), whole, (from_s, to_s))
    }

    /// This desk's package of the journal's entries after `after`, at most `most` of them
    /// (`tiepdan sync`: a batch for the provincial hub), signed: the records they touched,
    /// as they are now, with every record they name.
    pub fn package_after(&self, after: i64, most: i64) -> Result<Package> {
        let head: i64 =
            self.conn
                .query_row("SELECT coalesce(max(seq), 0) FROM journal", [], |r| {
                    r.get(0)
                })?;
        let first = after.max(0) + 1;
        let last = head.min(after.max(0).saturating_add(most.max(1)));
        self.package_segment((first, last), false, (None, None))
    }

    /// The package of the journal's entries `first..=last` (none when last < first):
    /// every record when `whole`, else the records those entries touched.
    fn package_segment(
        &self,
        (first, last): (i64, i64),
        whole: bool,
        (from_s, to_s): (Option<String>, Option<String>),
    ) -> Result<Package> {
        let conn = &self.conn;
        let prev: String = conn
            .query_row(
                "SELECT hash FROM journal WHERE seq = ?1",
                [first - 1],
                |r| j::digest_at(r, 0),
            )
            .optional()?
            .flatten()
            .unwrap_or_else(|| hex(&GENESIS));
        let mut entries = Vec::new();
        {
            let mut stmt = conn.prepare(&format!(
                "SELECT {} FROM journal WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq",
                j::read_columns()
            ))?;
            let rows = stmt.query_map([first, last], j::entry_from_row)?;
            for e in rows {
                entries.push(PackedEntry::from(e?));
            }
        }
        // The records the segment touched, then every record they name.
        let mut wanted: BTreeSet<(usize, String)> = BTreeSet::new();
        for (i, spec) in MERGED.iter().enumerate() {
            if whole {
                let mut stmt = conn.prepare(&format!("SELECT key__ FROM ({})", spec.select()))?;
                for k in stmt.query_map([], |r| r.get::<_, String>(0))? {
                    wanted.insert((i, k?));
                }
            }
        }
        if !whole {
            for e in &entries {
                if let Some(i) = MERGED.iter().position(|s| s.entity.code() == e.entity) {
                    wanted.insert((i, e.record.clone()));
                }
            }
        }
        let mut records = Vec::new();
        let mut done: HashSet<(usize, String)> = HashSet::new();
        let mut todo: Vec<(usize, String)> = wanted.into_iter().collect();
        let event = MERGED
            .iter()
            .position(|s| s.entity == journal::Entity::CaseEvent)
            .unwrap_or(0);
        let link = MERGED
            .iter()
            .position(|s| s.entity == journal::Entity::CaseVisit)
            .unwrap_or(0);
        while let Some((i, key)) = todo.pop() {
            if !done.insert((i, key.clone())) {
                continue;
            }
            let spec = MERGED[i];
            // A record since removed (a case's visit unlinked) is not carried.
            let Some((rowid, rec)) = read_record_at(conn, spec, &key)? else {
                continue;
            };
            // A case goes with every step it took (another desk replays them) and its
            // visits.
            if spec.entity == journal::Entity::Case {
                let mut stmt = conn.prepare_cached(
                    "SELECT e.uid FROM case_events e JOIN cases k ON k.id = e.case_id
                     WHERE k.uid = ?1",
                )?;
                for u in stmt.query_map([&key], |r| r.get::<_, String>(0))? {
                    todo.push((event, u?));
                }
                let mut stmt = conn.prepare_cached(
                    "SELECT k.uid || '/' || v.uid FROM case_visits cv
                     JOIN cases k ON k.id = cv.case_id JOIN visits v ON v.id = cv.visit_id
                     WHERE k.uid = ?1",
                )?;
                for u in stmt.query_map([&key], |r| r.get::<_, String>(0))? {
                    todo.push((link, u?));
                }
            }
            for (name, expr) in spec.cols {
                if let Col::Ref { table, .. } = rows::merge::col_of(expr)
                    && let Some(serde_json::Value::String(uid)) = rec.get(*name)
                    && let Some(t) = spec_of_table(table)
                {
                    todo.push((t, uid.clone()));
                }
            }
            let mut rec = rec;
            withhold_group(spec, &mut rec);
            let history = history(conn, spec, &key)?;
            let version = read_version(conn, spec, &key)?.or(history.last().and_then(|h| h.0));
            records.push((
                i,
                rowid,
                PackedRecord {
                    entity: spec.entity.code().to_owned(),
                    uid: key,
                    version,
                    fields: rec,
                    history,
                },
            ));
        }
        // By table, then in the order the desk wrote them (a case's steps in their order).
        records.sort_by_key(|(i, rowid, _)| (*i, *rowid));
        let records: Vec<PackedRecord> = records.into_iter().map(|(_, _, r)| r).collect();
        let unit_key = keys::unit_public(conn)?.map(|k| hex(&k));
        let head = PackageHead {
            format: PACKAGE_FORMAT.to_owned(),
            version: PACKAGE_VERSION,
            unit: self.unit_name()?,
            desk: self.desk_code()?,
            desk_key: String::new(),
            unit_key,
            exported_at: crate::store::now_stamp(),
            from: from_s,
            to: to_s,
            prev,
            first_seq: first,
            last_seq: last,
        };
        let fields = super::catalog::packed_fields(conn, &records)?;
        // The desk's dialogues the segment touched, for the hub only (hub.rs).
        let touched: Vec<(&str, &str)> = entries
            .iter()
            .map(|e| (e.entity.as_str(), e.record.as_str()))
            .collect();
        let hub_records = super::hub::hub_records(conn, whole, &touched)?;
        let mut p = Package {
            head,
            journal: entries,
            records,
            fields,
            rules: Some(super::catalog::rules_digest(conn)?),
            signature: String::new(),
            hub: None,
        };
        // The key first (it is part of what is signed), then the signature.
        let (public, _) = j::sign(conn, b"")?.ok_or(StoreError::Invalid("no desk key".into()))?;
        p.head.desk_key = public;
        let (_, signature) =
            j::sign(conn, &p.message())?.ok_or(StoreError::Invalid("no desk key".into()))?;
        p.signature = signature;
        // The hub's part, signed apart (a desk of before verifies the rest as before).
        if !hub_records.is_empty() {
            let message = super::HubPart::message(&hub_records, &p.signature);
            let (_, signature) =
                j::sign(conn, &message)?.ok_or(StoreError::Invalid("no desk key".into()))?;
            p.hub = Some(super::HubPart {
                records: hub_records,
                signature,
            });
        }
        Ok(p)
    }
}

/// A record's fields as its row holds them (a sealed citizen's identity is its ciphertext,
/// hex): what another desk needs to write it. None when there is none.
pub(super) fn read_record(
    conn: &rusqlite::Connection,
    spec: &Spec,
    key: &str,
) -> Result<Option<Fields>> {
    Ok(read_record_at(conn, spec, key)?.map(|(_, f)| f))
}

/// [`read_record`], with the record's row.
pub(super) fn read_record_at(
    conn: &rusqlite::Connection,
    spec: &Spec,
    key: &str,
) -> Result<Option<(i64, Fields)>> {
    let r = conn
        .prepare_cached(&format!(
            "SELECT * FROM ({}) WHERE key__ = ?1",
            spec.select()
        ))?
        .query_row([key], |r| spec.record_of(r))
        .optional()?;
    Ok(r.map(|r| (r.rowid, raw_fields(spec, &r))))
}

/// A denunciation's group representatives are identity the book keeps in the clear (see
/// docs/keys.md): a package never carries them, only that there are some (`withheld`, as
/// the journal). The other desk writes the visit without them.
fn withhold_group(spec: &Spec, f: &mut Fields) {
    use serde_json::Value;
    if spec.entity != journal::Entity::Visit
        || f.get("petition_type").and_then(Value::as_str) != Some("to_cao")
    {
        return;
    }
    if let Some(v) = f.get_mut("representatives")
        && v.as_str().is_some_and(|s| !s.is_empty() && s != "[]")
    {
        *v = Value::String(rows::WITHHELD.to_owned());
    }
}

/// Whether a package's field is withheld (a denunciation's group representatives).
pub(super) fn is_withheld(spec: &Spec, name: &str, v: &serde_json::Value) -> bool {
    spec.entity == journal::Entity::Visit
        && name == "representatives"
        && v.as_str() == Some(rows::WITHHELD)
}

/// A record's fields with their values as the row has them.
pub(super) fn raw_fields(spec: &Spec, r: &rows::Record) -> Fields {
    spec.cols
        .iter()
        .zip(&r.values)
        .map(|((n, _), v)| ((*n).to_owned(), v.clone()))
        .collect()
}

/// The version a record is at here (its column, or its last entry's).
pub(super) fn read_version(
    conn: &rusqlite::Connection,
    spec: &Spec,
    key: &str,
) -> Result<Option<i64>> {
    if spec.versioned {
        return Ok(conn
            .prepare_cached(&format!(
                "SELECT version__ FROM ({}) WHERE key__ = ?1",
                spec.select()
            ))?
            .query_row([key], |r| r.get(0))
            .optional()?
            .flatten());
    }
    Ok(history(conn, spec, key)?.last().and_then(|h| h.0))
}

/// A record's versions and their states' digests, as the journal has them, oldest first.
pub(super) fn history(
    conn: &rusqlite::Connection,
    spec: &Spec,
    key: &str,
) -> Result<Vec<(Option<i64>, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v_after, state FROM journal WHERE entity = ?1 AND record = ?2
           AND state IS NOT NULL ORDER BY seq",
    )?;
    let rows = stmt.query_map(rusqlite::params![spec.entity.code(), key], |r| {
        Ok((r.get(0)?, j::digest_at(r, 1)?.unwrap_or_default()))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The digest of a record's whole state from its fields, as the journal computes it
/// (identity values withheld): what a package's record is checked against.
pub fn state_of(entity: journal::Entity, fields: &Fields) -> String {
    let shown: Fields = fields
        .iter()
        .filter(|(k, v)| !(v.is_null() && rows::is_late(k)))
        .map(|(k, v)| (k.clone(), rows::shown_value(entity, k, v)))
        .collect();
    journal::state_digest(&shown)
}
