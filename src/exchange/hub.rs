//! The desk and the provincial hub (issue 30): what travels between them, and the desk's
//! side of `tiepdan sync`. A batch IS a package (exchange/package.rs, the same bytes
//! `tiepdan export --format tiepdan` writes) of the journal's entries after the hub's last
//! acknowledged one; the hub answers with a [`BatchReply`] or a [`Refusal`]. The hub
//! (`tiepdan-hub`, hub/) uses these same types: one definition of the wire.
//!
//! Plain HTTP in this slice (no TLS stack: docs/hub.md says how to put the hub behind one).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::store::{Package, Store, StoreError};

/// `GET /v1/desks/{code}/ack`: the last entry of the desk's journal the hub holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AckReply {
    pub desk: String,
    /// 0: nothing yet.
    pub ack: i64,
}

/// A record edited (or removed) on the desk from a version the hub no longer holds: not
/// applied, kept in the hub's `conflicts` for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictReply {
    pub entity: String,
    pub uid: String,
    /// The version the desk's edit started from, the hub's, and the desk's (None when the
    /// desk removed it).
    pub base: Option<i64>,
    pub hub: Option<i64>,
    pub desk: Option<i64>,
    /// The desk removed the record (a case's visit unlinked); the hub's has moved on since.
    /// (Absent from an older hub's reply: false.)
    #[serde(default)]
    pub removed: bool,
}

/// `POST /v1/batches` accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchReply {
    pub desk: String,
    /// The last entry the hub now holds.
    pub ack: i64,
    /// Entries stored new, and entries the hub already held (a re-send).
    pub entries_new: i64,
    pub entries_same: i64,
    /// Records written new, brought to the desk's version, already as the desk has them.
    pub records_new: i64,
    pub records_updated: i64,
    pub records_same: i64,
    /// Records the desk removed (a case's visit unlinked) that the hub removed too.
    /// (Absent from an older hub's reply: 0.)
    #[serde(default)]
    pub records_removed: i64,
    pub conflicts: Vec<ConflictReply>,
}

/// Why the hub refused a batch (its body, with a 4xx status).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub reason: RefusalReason,
    /// Details in English for the hub's log (the desk words the reason itself).
    pub detail: String,
}

/// The reasons a hub refuses a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum RefusalReason {
    /// Not a package.
    NotPackage,
    /// No desk of this code is enrolled.
    NotEnrolled { desk: String },
    /// The package is signed with another key than the one enrolled for its desk.
    KeyMismatch { desk: String },
    /// The package does not hold (signature, chain, checkpoint, record).
    Invalid,
    /// The batch starts after the hub's last entry: entries are missing between.
    Gap { ack: i64, first: i64 },
    /// The batch does not continue the chain the hub holds: an entry the hub has with
    /// another hash (a fork alarm, stored at the hub).
    Fork { seq: i64 },
}

/// How many entries a batch carries at most.
pub const BATCH: i64 = 500;

/// What one sync did: each batch's reply (none when the hub had everything).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncOutcome {
    /// The hub's acknowledged entry before the sync.
    pub before: i64,
    /// Each batch: its first and last entry, its records, the hub's reply.
    pub batches: Vec<(i64, i64, usize, BatchReply)>,
}

impl SyncOutcome {
    /// The hub's acknowledged entry after the sync.
    pub fn ack(&self) -> i64 {
        self.batches.last().map_or(self.before, |b| b.3.ack)
    }
}

/// Why a sync stopped (whatever the hub acknowledged before stays acknowledged; the next
/// sync goes on from there).
#[derive(Debug)]
pub enum SyncError {
    /// The hub could not be reached (or answered nothing readable).
    Unreachable(String),
    /// The hub refused a batch.
    Refused(u16, Refusal),
    /// The hub answered with an unexpected status.
    Status(u16, String),
    Store(StoreError),
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> Self {
        SyncError::Store(e)
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(Duration::from_secs(300)))
        .build()
        .into()
}

/// The most of a hub's reply read (a report of the whole province fits many times over).
const REPLY_LIMIT: u64 = 64 * 1024 * 1024;

/// A reply's status and its body as text (at most [`REPLY_LIMIT`]); Err: why the body could
/// not be read.
fn read_reply(mut r: ureq::http::Response<ureq::Body>) -> Result<(u16, String), String> {
    let status = r.status().as_u16();
    let body = r
        .body_mut()
        .with_config()
        .limit(REPLY_LIMIT)
        .read_to_string()
        .map_err(|e| e.to_string())?;
    Ok((status, body))
}

/// Read a reply's body as `T` when its status is 2xx, else as the hub's refusal.
fn reply<T: serde::de::DeserializeOwned>(
    r: ureq::http::Response<ureq::Body>,
) -> Result<T, SyncError> {
    let (status, body) = read_reply(r).map_err(SyncError::Unreachable)?;
    if (200..300).contains(&status) {
        return serde_json::from_str(&body).map_err(|e| SyncError::Status(status, e.to_string()));
    }
    match serde_json::from_str::<Refusal>(&body) {
        Ok(refusal) => Err(SyncError::Refused(status, refusal)),
        Err(_) => Err(SyncError::Status(status, body.chars().take(200).collect())),
    }
}

/// The hub's last acknowledged entry of this desk.
pub fn ack(url: &str, desk: &str) -> Result<i64, SyncError> {
    let r = agent()
        .get(format!("{url}/v1/desks/{desk}/ack"))
        .call()
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    Ok(reply::<AckReply>(r)?.ack)
}

/// Send one package to the hub.
pub fn push(url: &str, p: &Package) -> Result<BatchReply, SyncError> {
    let mut bytes = Vec::new();
    super::package::write(&mut bytes, p).map_err(|e| SyncError::Unreachable(e.to_string()))?;
    let r = agent()
        .post(format!("{url}/v1/batches"))
        .header("content-type", "application/x-tiepdan-package")
        .send(&bytes[..])
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    reply(r)
}

/// Push the desk's journal since the hub's last acknowledged entry, `batch` entries at a
/// time, each batch a signed package; `each` hears of every batch the hub took. Stops at
/// the first failure: what the hub acknowledged stays acknowledged.
pub fn sync(
    store: &Store,
    url: &str,
    batch: i64,
    each: &mut dyn FnMut(i64, i64, usize, &BatchReply),
) -> Result<SyncOutcome, SyncError> {
    let desk = store.desk_code()?;
    let before = ack(url, &desk)?;
    let mut out = SyncOutcome {
        before,
        batches: Vec::new(),
    };
    let mut at = before;
    loop {
        let p = store.package_after(at, batch)?;
        if p.journal.is_empty() {
            return Ok(out);
        }
        let (first, last, records) = (p.head.first_seq, p.head.last_seq, p.records.len());
        let r = push(url, &p)?;
        each(first, last, records, &r);
        let progressed = r.ack > at;
        at = r.ack;
        out.batches.push((first, last, records, r));
        if !progressed {
            // The hub took the batch but holds no more than before: never loop on it.
            return Ok(out);
        }
    }
}

/// Why the hub gave no report.
#[derive(Debug)]
pub enum ReportError {
    /// The hub could not be reached.
    Unreachable(String),
    /// The hub answered another status: the status and what it said (its `error`, or the
    /// start of the body).
    Status(u16, String),
}

/// `GET /v1/report` (the hub's figures of a unit, a district or the province, `query` its
/// parameters: period, unit, district, format, lang, as_of), with the district's or the
/// province's token when one is given: the body (JSON or text) as the hub wrote it.
pub fn report(
    url: &str,
    query: &[(&str, &str)],
    token: Option<&str>,
) -> Result<String, ReportError> {
    let mut req = agent().get(format!("{url}/v1/report"));
    for (k, v) in query {
        req = req.query(*k, *v);
    }
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let r = req
        .call()
        .map_err(|e| ReportError::Unreachable(e.to_string()))?;
    let (status, body) = read_reply(r).map_err(ReportError::Unreachable)?;
    if (200..300).contains(&status) {
        return Ok(body);
    }
    let why = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
        .unwrap_or_else(|| body.chars().take(200).collect());
    Err(ReportError::Status(status, why))
}
