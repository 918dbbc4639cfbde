//! The SQLite store: open (with refusal checks), pragmas, migrations, and one file per aggregate.
//!
//! Only this module speaks SQL. Every write goes through `Store::write` (write.rs): one
//! IMMEDIATE transaction on behalf of a signed-in `Actor`, with its journal entries, index and
//! counters; text is NFC-normalized before it is written. Nothing outside holds a writable
//! connection; reads are `&self` methods (and `inspect` for read-only queries).

mod ahead;
mod apart;
mod auth;
pub mod backup;
mod cases;
mod checkpoint;
mod citizens;
pub mod clock;
mod closing;
mod deadlines;
mod dialogues;
mod disk;
mod drafts;
mod exchange;
mod export;
mod fields;
mod journal;
mod keys;
mod load;
mod lookup;
mod merge;
mod migrate;
mod officers;
mod papers;
mod private;
mod report;
mod rows;
mod schedule;
pub(crate) mod seal;
pub mod settings;
mod verify;
mod visits;
mod windows;
mod write;

pub use crate::domain::role::{Refusal, Role, Roles};
pub use auth::pin;
pub use cases::{
    BulkCase, BulkStep, CaseDetail, CaseEvent, CaseRow, CaseSource, FieldCount, Intake, NewCase,
    QueueFilter, QueueOrder, SavedCase, StatusFilter, StepInput, TimeBarInput, VisitEdit,
};
pub use checkpoint::CheckpointMode;
pub use citizens::{
    BulkCitizen, CitizenInput, CitizenMatch, CitizenRecord, MatchedBy, citizens_matched_by_label,
};
pub use closing::{ClosingError, ShownReport};
pub use deadlines::{
    Board, BoardRow, CaseDue, CaseLimit, DeadlineContext, DutyOf, RuleChange, VisitDuty,
};
pub use drafts::{DRAFT_ENTRY_FORM, DRAFT_VISIT_FORM, Draft};
pub use exchange::{
    INDEX_PAUSE, INDEX_SLICE, ImportOutcome, ImportedVisit, IndexAll, IndexProgress,
};
pub use export::ExportRecord;
pub use fields::Field;
pub use journal::{AuditFilter, JournalEntry, LegacyRow};
/// The journal's stored form (migration 0034), for readers of the raw table: a field's
/// canonical JSON from its stored bytes, and back; any stored value as text.
pub use journal::{
    pack as pack_journal_field, stored_text as journal_stored_text, unpack as unpack_journal_field,
};
pub use keys::KeyStatus;
pub use lookup::{
    CaseHit, CitizenHit, Cursor, HistoryItem, Hits, Kind, LookupResults, Section, VisitHit,
    interrupted,
};
pub use merge::{
    HubPart, MergeConflict, MergeOutcome, MergedDesk, PACKAGE_FORMAT, Package, PackageError,
    PackageHead, PackedEntry, PackedRecord, for_hub, hub_fields, keyed_by_desk, state_of,
    typed_key,
};
pub use migrate::{LATEST_VERSION, MIGRATION_FILES};
pub use officers::Officer;
pub use papers::{PAPER_PARENT, PAPER_PLACE, PRINT_COMMAND, PrintPaper, PrintedPaper};
pub use report::{TraceCase, TraceVisit};
pub use verify::{BookCheck, Check, Finding, Problem};
pub use visits::{
    BulkSession, BulkVisit, KnownCitizen, SavedVisit, SharedCaseChoice, VisitDetail, VisitInput,
    VisitRow,
};
pub use windows::{WindowLease, any_window_alive, lock_dir as windows_dir};
pub use write::{Actor, Bulk, Permission, Writer};

use std::fmt;
use std::path::PathBuf;

use rusqlite::Connection;

/// `PRAGMA application_id` of every tiepdan database ("TDAN").
pub const APPLICATION_ID: i32 = 0x5444_414E;

mod open;
pub use open::{Create, OpenError, create_private_dir};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An error from a store operation after the database is open.
#[derive(Debug)]
pub enum StoreError {
    Sql(rusqlite::Error),
    /// A referenced record does not exist (uid or id).
    NotFound(&'static str),
    /// Input that the store refuses (a check the domain layer should have caught).
    Invalid(String),
    /// The book was opened read-only: nothing can be written.
    ReadOnly,
    /// A backup is being taken by another window or process: this one is not started.
    BackupBusy,
    /// Not enough free space for a backup's copy (bytes needed, bytes free): none is
    /// started, so the disk the book writes to is never filled by its backup.
    NoSpace {
        needed: u64,
        free: u64,
    },
    /// An active officer already has this name (as recorded).
    OfficerExists(String),
    /// The acting officer may not write at all (disabled, here or at another desk).
    NotPermitted,
    /// The officer's roles do not allow this write, or not on this record (domain/role.rs).
    Forbidden(Refusal),
    /// A wrong PIN at sign-in: the wrong entries in a row, and how long the next try waits
    /// (0 for the first ones).
    WrongPin {
        failures: u32,
        wait_secs: u64,
    },
    /// Too many wrong PINs: the next try waits this long (nothing was checked).
    SignInWait {
        secs: u64,
    },
    /// The officer has no PIN yet: they set one first (their first sign-in).
    PinNotSet,
    /// A leader's passphrase (or a recovery code) that does not open the unit key.
    WrongPassphrase,
    /// The unit key is not unlocked in this session (or the book has no such wrap).
    KeysLocked,
    /// A new PIN or passphrase refused by the rules (domain/role.rs `check_pin`).
    BadPin(crate::domain::role::PinProblem),
    /// The book would be left without an active administrator.
    LastAdmin,
    /// The record changed since it was read (another desk, or another window), at
    /// `changed_at` when known: the edit would overwrite that change, so it is refused.
    Conflict {
        what: &'static str,
        changed_at: Option<String>,
    },
    /// The law does not allow this step of a case now.
    Refused {
        action: crate::domain::case::Action,
        status: crate::domain::case::CaseStatus,
        why: crate::domain::case::Refusal,
    },
    /// A visit with handling thụ lý whose citizen already has an open case in its field: the
    /// officer decides whether it joins that case or opens a new one.
    OpenCaseExists {
        case_uid: String,
        code: String,
    },
    /// A link across kinds refused: a petition joins only a case of its own kind (a complaint
    /// with complaints, a petition with petitions, a denunciation with the same denouncer's
    /// denunciations: Luật Tố cáo Art 8(3)), and a visit's cases are of the visit's kind.
    AcrossKinds {
        /// The case asked for, when there is one.
        code: Option<String>,
        case_type: crate::domain::case::CaseType,
        wanted: crate::domain::case::CaseType,
    },
    /// A correction of a visit whose case holds other visits too: the officer says whether
    /// the case (and its other visits) follows, or this visit leaves the case.
    SharedCase {
        code: String,
        others: u32,
        what: EditWhat,
    },
    /// An edit (or void) of a visit its case cannot follow any more: change it at the case.
    EditBlocked {
        code: String,
        status: crate::domain::case::CaseStatus,
        what: EditWhat,
    },
    /// A step dated before what it follows (the petition's receipt, or the case's last step),
    /// or after today.
    StepDate {
        day: chrono::NaiveDate,
        limit: chrono::NaiveDate,
        rule: StepDateRule,
    },
    /// A period cannot be closed (chốt số liệu), or its stored figures cannot be trusted.
    Closing(ClosingError),
}

/// What a visit's case could not follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditWhat {
    /// The petition type, once the case moved on from new.
    Type,
    /// The day received, once the case moved on from new.
    Day,
    /// Thụ lý changed to another handling: a case is never deleted.
    Handling,
    /// A void: the case moved on.
    Void,
    /// The field.
    Field,
    /// The citizen.
    Citizen,
}

/// Why a step's date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepDateRule {
    BeforeReceipt,
    BeforePreviousStep,
    Future,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sql(e) => write!(f, "SQLite: {e}"),
            StoreError::NotFound(what) => write!(f, "not found: {what}"),
            StoreError::Invalid(why) => write!(f, "invalid: {why}"),
            StoreError::ReadOnly => write!(f, "the book is open read-only"),
            StoreError::BackupBusy => write!(f, "a backup is being taken elsewhere"),
            StoreError::NoSpace { needed, free } => {
                write!(
                    f,
                    "not enough free space: {needed} bytes needed, {free} free"
                )
            }
            StoreError::OfficerExists(name) => write!(f, "an officer named {name} exists"),
            StoreError::NotPermitted => write!(f, "not permitted"),
            StoreError::Forbidden(why) => write!(f, "forbidden: {why:?}"),
            StoreError::WrongPin {
                failures,
                wait_secs,
            } => write!(f, "wrong PIN ({failures} in a row; wait {wait_secs} s)"),
            StoreError::SignInWait { secs } => write!(f, "wait {secs} s before the next try"),
            StoreError::PinNotSet => write!(f, "no PIN set yet"),
            StoreError::WrongPassphrase => write!(f, "wrong passphrase or recovery code"),
            StoreError::KeysLocked => write!(f, "the unit key is not unlocked"),
            StoreError::BadPin(p) => write!(f, "PIN refused: {p:?}"),
            StoreError::LastAdmin => write!(f, "the book keeps one active administrator"),
            StoreError::Conflict { what, changed_at } => write!(
                f,
                "{what} changed elsewhere ({})",
                changed_at.as_deref().unwrap_or("?")
            ),
            StoreError::Refused {
                action,
                status,
                why,
            } => {
                write!(f, "{action:?} not allowed from {status:?}: {why:?}")
            }
            StoreError::OpenCaseExists { code, .. } => write!(f, "open case {code} exists"),
            StoreError::EditBlocked { code, what, .. } => {
                write!(f, "case {code} cannot follow the {what:?} change")
            }
            StoreError::AcrossKinds {
                code,
                case_type,
                wanted,
            } => write!(
                f,
                "a {wanted:?} petition cannot join the {case_type:?} case {}",
                code.as_deref().unwrap_or("of its visit")
            ),
            StoreError::SharedCase { code, others, what } => write!(
                f,
                "case {code} holds {others} other visit(s): say whether it follows the {what:?} change"
            ),
            StoreError::StepDate { day, limit, rule } => {
                write!(f, "step dated {day}: {rule:?} {limit}")
            }
            StoreError::Closing(e) => write!(f, "closing: {e:?}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Invalid(e.to_string())
    }
}

/// The tiepdan database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    /// Commits of records by this connection (see [`Store::data_stamp`]).
    writes: u64,
    /// Wrong PINs in a row on a book opened read-only (which cannot keep them): officer id
    /// → (failures, wait until). On a writable book they are kept in the book.
    tries: std::collections::HashMap<i64, (u32, Option<chrono::NaiveDateTime>)>,
    /// SQLite's count of rows this connection changed, at its last complete checkpoint.
    flushed: u64,
    /// The keys this session holds (memory only: `keys/mod.rs`).
    keys: keys::Keys,
}

/// See [`Store::data_stamp`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataStamp {
    theirs: i64,
    ours: u64,
}

/// When a pane's rows were read: the data stamp and the day (a new day changes what is due).
pub type Loaded = Option<(DataStamp, chrono::NaiveDate)>;

impl Store {
    /// The connection, for the crate's own tests of the data.
    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A handle that stops this connection's running query (a newer lookup replaces it).
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// Was the book opened read-only?
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A stamp that changes whenever the book's data may have changed: a commit by this
    /// connection, or by another one (another desk, another window: SQLite's
    /// `PRAGMA data_version`). A pane loaded at one stamp need not be read again while the
    /// stamp stays the same.
    pub fn data_stamp(&self) -> DataStamp {
        let theirs = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0))
            .unwrap_or(-1);
        DataStamp {
            theirs,
            ours: self.writes,
        }
    }

    /// The schema version (`user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Run a read-only query and map its rows (tests, `check`): a statement that would write
    /// is refused, so this cannot bypass the write path.
    pub fn inspect<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        if !stmt.readonly() {
            return Err(StoreError::Invalid("inspect runs read-only queries".into()));
        }
        let rows = stmt.query_map(params, map)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One value of a read-only query (tests, `check`).
    pub fn inspect_one<T: rusqlite::types::FromSql>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<T> {
        self.inspect(sql, params, |r| r.get(0))?
            .into_iter()
            .next()
            .ok_or(StoreError::NotFound("row"))
    }
}

/// A stored code this binary does not know (a row written by something else).
pub(crate) fn bad_code(col: usize) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        "unknown code".into(),
    )
}

/// The open statuses, as an SQL list: `'moi', 'cho_thu_ly', …` (the queue, the board, the
/// intake rule and the recomputation all mean the same "open").
pub(crate) fn open_statuses() -> String {
    crate::domain::case::CaseStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Now, as stored in `created_at`/`updated_at` (local time, ISO 8601 with seconds).
/// A test hook: when `TIEPDAN_CRASH_AT` names this point, the process dies here at once, as a
/// kill -9 would — inside the transaction of a save, say — so a test can place the crash
/// exactly (tests/pty.rs). Costs one environment read; does nothing otherwise.
pub fn crash_point(name: &str) {
    if std::env::var_os("TIEPDAN_CRASH_AT").is_some_and(|v| v == name) {
        std::process::abort();
    }
}

pub(crate) fn now_stamp() -> String {
    clock::stamp(&clock::now())
}

/// A new global unique id (UUID v7: time-ordered, random).
pub fn new_uid() -> String {
    uuid::Uuid::now_v7().to_string()
}
