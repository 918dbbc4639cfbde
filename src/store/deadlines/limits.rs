//! The citizen's own limits on a complaint, computed from the case (never stored, never on the
//! board): its time bar — thời hiệu in the first round (Luật KN Art 9, 48), the first round's
//! window in the second (Art 33(1), 48) — and, on a first-round case, the window for a second
//! complaint once it is decided or its limit has passed; and once decided, the day the
//! decision takes legal effect (Art 44, 57).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::super::{Result, Store};
use super::{DeadlineContext, clock, context};
use crate::domain::case::{CaseStatus, CaseType};
use crate::domain::deadline::{
    self, CaseClock, Explanation, Obligation, TimeBar, second_complaint_window,
};

/// A limit of the citizen's, as the case shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseLimit {
    pub obligation: Obligation,
    pub due_on: NaiveDate,
    pub explanation: Explanation,
    /// For the case's own time bar: whether it was received after it (a ground for
    /// non-acceptance, Luật KN Art 11(6)). None for a window still running for the citizen.
    pub received_late: Option<bool>,
}

impl CaseLimit {
    /// Shown on `today`: the window counted from the end of the first-round limit only once
    /// that limit has passed with no decision (Art 33(1)).
    pub fn shown_on(&self, today: NaiveDate) -> bool {
        self.explanation.start_event != "resolve_limit" || self.explanation.start_on < today
    }
}

fn previous_clock(conn: &Connection, case_id: i64) -> Result<Option<CaseClock>> {
    let prev: Option<i64> = conn
        .prepare_cached("SELECT previous_case_id FROM cases WHERE id = ?1")?
        .query_row([case_id], |r| r.get(0))
        .optional()?
        .flatten();
    prev.map(|p| clock(conn, p)).transpose()
}

/// The time bar of a complaint (None when the facts it needs are not recorded).
pub(crate) fn time_bar_of(
    conn: &Connection,
    ctx: &DeadlineContext,
    case_id: i64,
) -> Result<Option<TimeBar>> {
    let c = clock(conn, case_id)?;
    if c.case_type != CaseType::KhieuNai {
        return Ok(None);
    }
    let first = previous_clock(conn, case_id)?;
    Ok(deadline::time_bar(
        &c,
        first.as_ref(),
        &ctx.rules,
        &ctx.calendar,
    ))
}

impl Store {
    /// The citizen's limits on a case: its time bar (with whether it was received after it),
    /// and on a first-round complaint still open to a second one, the window for it.
    pub fn case_limits(&self, case_uid: &str) -> Result<Vec<CaseLimit>> {
        let id = super::super::cases::case_id(&self.conn, case_uid)?;
        let ctx = context(&self.conn)?;
        let c = clock(&self.conn, id)?;
        let mut out = Vec::new();
        if let Some(bar) = time_bar_of(&self.conn, &ctx, id)? {
            out.push(CaseLimit {
                obligation: bar.due.obligation,
                due_on: bar.due.due_on,
                received_late: Some(bar.late()),
                explanation: bar.due.explanation,
            });
        }
        let open_to_second = c.case_type == CaseType::KhieuNai
            && c.round == 1
            && !c.reopened
            && matches!(c.status, CaseStatus::Resolved | CaseStatus::InProgress);
        if open_to_second
            && let Some(w) = second_complaint_window(&c, None, 0, &ctx.rules, &ctx.calendar)
        {
            out.push(CaseLimit {
                obligation: w.obligation,
                due_on: w.due_on,
                explanation: w.explanation,
                received_late: None,
            });
        }
        // Once decided: the day the decision takes legal effect (Luật KN Art 44, 57) — a
        // first-round one only if no second complaint came.
        if let Some(e) = deadline::obligations(&c, &ctx.rules, &ctx.calendar)
            .into_iter()
            .find(|d| d.obligation == Obligation::DecisionEffective)
        {
            out.push(CaseLimit {
                obligation: e.obligation,
                due_on: e.due_on,
                explanation: e.explanation,
                received_late: None,
            });
        }
        Ok(out)
    }
}
