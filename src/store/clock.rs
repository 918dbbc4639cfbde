//! The one clock of the book: every stamp a write puts on a record (`created_at`,
//! `updated_at`, a step's `at`) and every journal entry's time come from [`now`], so a record
//! and its entry always agree. Tests fix it per thread ([`fix`]).

use std::cell::Cell;

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime};

thread_local! {
    static FIXED: Cell<Option<DateTime<FixedOffset>>> = const { Cell::new(None) };
}

/// Now, with the machine's UTC offset (or the time a test fixed on this thread).
pub fn now() -> DateTime<FixedOffset> {
    FIXED
        .with(Cell::get)
        .unwrap_or_else(|| Local::now().fixed_offset())
}

/// Tests only: from now on, on this thread, the clock reads `at` (None: the real clock).
#[doc(hidden)]
pub fn fix(at: Option<DateTime<FixedOffset>>) {
    FIXED.with(|f| f.set(at));
}

/// A record's stamp: local time to the second, ISO 8601 without the offset (as every
/// `created_at` of the book has been written).
pub fn stamp(t: &DateTime<FixedOffset>) -> String {
    t.naive_local().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A journal entry's time: RFC 3339 with the offset, to the second.
pub fn entry_time(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The local time of a journal entry's time (None when it cannot be read).
pub fn parse_entry_time(s: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.naive_local())
}
