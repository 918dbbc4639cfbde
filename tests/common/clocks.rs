//! Case clocks for the deadline tests (tests/duties23.rs, tests/obligations.rs): a day from
//! its ISO text, the seeded rules and calendar, a written petition received, accepted,
//! decided.

use chrono::NaiveDate;
use tiepdan::domain::case::{CaseStatus, CaseType};
use tiepdan::domain::deadline::CaseClock;
use tiepdan::store::{DeadlineContext, Store};

/// A day written `yyyy-mm-dd`.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The seeded deadline rules and calendar (a fresh book's).
pub fn ctx() -> DeadlineContext {
    Store::open_in_memory().unwrap().deadline_context().unwrap()
}

pub const KN: CaseType = CaseType::KhieuNai;
pub const TC: CaseType = CaseType::ToCao;

/// A written petition received on `received` (no reply duty of Luật TCD Art 28(1) to
/// clutter).
pub fn case(t: CaseType, received: &str) -> CaseClock {
    CaseClock {
        from_visit: false,
        ..CaseClock::new(t, d(received))
    }
}

pub fn accepted(mut c: CaseClock, on: &str) -> CaseClock {
    c.accepted_on = Some(d(on));
    c.status = CaseStatus::InProgress;
    c
}

pub fn decided(mut c: CaseClock, on: &str) -> CaseClock {
    c.resolved_on = Some(d(on));
    c.status = CaseStatus::Resolved;
    c
}
