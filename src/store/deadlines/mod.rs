//! Deadline rules, the calendar and the computed due dates of cases (migrations 0003, 0007).
//!
//! Due dates are never typed: every write that changes a case's facts recomputes its open
//! obligations in the same transaction, and a change of the rules or the calendar recomputes
//! those of every case that has one (and is audited, and named in each moved due date's
//! explanation). The board and the catalog writes are in `board.rs` and `catalog.rs`; the
//! citizen's own limits (thời hiệu, the window for a second complaint) in `limits.rs`.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Result, Store, StoreError, bad_code, open_statuses};
use crate::domain::calendar::{Calendar, CalendarEntry, DayKind, DayVersion};
use crate::domain::case::{Action, CaseStatus, CaseType, Done};
use crate::domain::deadline::{
    self, CaseClock, Cause, Change, DayBasis, Explanation, Obligation, Rule, StartEvent, Tracked,
};

mod board;
mod catalog;
mod limits;

pub use board::{Board, BoardRow, CaseDue, DutyOf, VisitDuty};
pub use catalog::RuleChange;
pub use limits::CaseLimit;
pub(crate) use limits::time_bar_of;

/// The rules and the calendar, as loaded for one computation.
pub struct DeadlineContext {
    pub rules: Vec<Rule>,
    pub calendar: Calendar,
}

pub(super) fn load_rules(conn: &Connection) -> Result<Vec<Rule>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, obligation, case_type, round, complex, remote, days, extension_days, basis,
                start_event, article, effective_from, effective_to, unconfirmed, disciplinary,
                dismissal, multi_site, internal, active, excludes_obstacles, reason, replaces
         FROM deadline_rules ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let o: String = r.get(1)?;
        let t: Option<String> = r.get(2)?;
        let basis: String = r.get(8)?;
        let start: String = r.get(9)?;
        Ok(Rule {
            id: r.get(0)?,
            obligation: Obligation::from_code(&o).ok_or_else(|| bad_code(1))?,
            case_type: match t {
                Some(t) => Some(CaseType::from_code(&t).ok_or_else(|| bad_code(2))?),
                None => None,
            },
            round: r.get(3)?,
            complex: r.get(4)?,
            remote: r.get(5)?,
            days: r.get(6)?,
            extension_days: r.get(7)?,
            basis: DayBasis::from_code(&basis).ok_or_else(|| bad_code(8))?,
            start: StartEvent::from_code(&start).ok_or_else(|| bad_code(9))?,
            article: r.get(10)?,
            effective_from: r.get(11)?,
            effective_to: r.get(12)?,
            unconfirmed: r.get(13)?,
            disciplinary: r.get(14)?,
            dismissal: r.get(15)?,
            multi_site: r.get(16)?,
            internal: r.get(17)?,
            active: r.get(18)?,
            excludes_obstacles: r.get(19)?,
            reason: r.get(20)?,
            replaces: r.get(21)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn load_calendar(conn: &Connection) -> Result<Calendar> {
    let announced: Vec<i32> = conn
        .prepare_cached("SELECT year FROM calendar_years ORDER BY year")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT day, nullif(effective_from, ''), kind, name FROM calendar_days
         ORDER BY day, effective_from",
    )?;
    let stored: Vec<DayVersion> = stmt
        .query_map([], |r| {
            let day: NaiveDate = r.get(0)?;
            let kind: String = r.get(2)?;
            let entry = match kind.as_str() {
                "none" => None,
                k => Some(CalendarEntry {
                    day,
                    kind: DayKind::from_code(k).ok_or_else(|| bad_code(2))?,
                    name: r.get(3)?,
                    expected: false,
                }),
            };
            Ok(DayVersion {
                day,
                from: r.get(1)?,
                entry,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let year = super::clock::now().year();
    Ok(Calendar::dated(stored, announced, 2012..=year + 3))
}

pub(super) fn context(conn: &Connection) -> Result<DeadlineContext> {
    Ok(DeadlineContext {
        rules: load_rules(conn)?,
        calendar: load_calendar(conn)?,
    })
}

/// What the timeline of a case records about its duties: the days of the sending and of the
/// receiving body's notice, the notices done, and when the starting steps were recorded.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    pub sent_on: Option<NaiveDate>,
    pub result_notice_on: Option<NaiveDate>,
    pub done: Done,
    accepted_at: Option<String>,
    decided_at: Option<String>,
    notice_at: Option<String>,
    /// The suspensions of the resolution, from the events `tam_dinh_chi` and
    /// `tiep_tuc_giai_quyet` in order.
    pub pauses: Vec<deadline::Pause>,
}

/// The marks of a case, from its events.
pub(crate) fn marks(conn: &Connection, case_id: i64) -> Result<Marks> {
    let mut stmt = conn.prepare_cached(
        "SELECT action, min(day), max(day), max(at) FROM case_events
         WHERE case_id = ?1 AND action IN ('thu_ly', 'giai_quyet', 'thong_bao_thu_ly',
             'gui_quyet_dinh', 'cong_khai_quyet_dinh', 'bao_ket_qua_noi_chuyen', 'nhan_ket_qua',
             'thong_bao_ket_qua', 'thong_bao_bi_to_cao', 'bao_xu_ly_noi_chuyen')
         GROUP BY action",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, NaiveDate>(1)?,
            r.get::<_, NaiveDate>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut m = Marks::default();
    for row in rows {
        let (action, first, last, at) = row?;
        match Action::from_code(&action) {
            Some(Action::Accept) => m.accepted_at = Some(at),
            Some(Action::Resolve) => m.decided_at = Some(at),
            Some(Action::NotifyAcceptance) => m.done.acceptance_notified = true,
            Some(Action::SendDecision) => {
                m.done.decision_sent = true;
                m.sent_on = Some(first);
            }
            Some(Action::PublishDecision) => m.done.published = true,
            Some(Action::ReportToForwarder) => m.done.forwarder_informed = true,
            Some(Action::ResultReceived) => {
                m.done.result_received = true;
                m.result_notice_on = Some(last);
                m.notice_at = Some(at);
            }
            Some(Action::InformCitizen) => m.done.citizen_informed = true,
            Some(Action::NotifyDenounced) => m.done.denounced_notified = true,
            Some(Action::ReportHandling) => m.done.forwarder_handling_informed = true,
            _ => {}
        }
    }
    m.pauses = pauses(conn, case_id)?;
    Ok(m)
}

/// The suspensions of a case's resolution, from its events in order.
fn pauses(conn: &Connection, case_id: i64) -> Result<Vec<deadline::Pause>> {
    let mut stmt = conn.prepare_cached(
        "SELECT action, day FROM case_events
         WHERE case_id = ?1 AND action IN ('tam_dinh_chi', 'tiep_tuc_giai_quyet') ORDER BY id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, NaiveDate>(1)?))
    })?;
    let mut out: Vec<deadline::Pause> = Vec::new();
    for row in rows {
        let (action, day) = row?;
        match Action::from_code(&action) {
            Some(Action::Suspend) => out.push(deadline::Pause {
                from: day,
                to: None,
            }),
            Some(Action::Continue) => {
                if let Some(p) = out.last_mut() {
                    p.to = Some(day);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

pub(crate) fn clock(conn: &Connection, case_id: i64) -> Result<CaseClock> {
    let (mut c, duties_from, duties23_from, created_at): (CaseClock, String, String, String) = conn
        .prepare_cached(
            "SELECT case_type, status, round, complex, remote, extensions, received_on, accepted_on,
                source = 'tiep_cong_dan', very_complex, multi_site, disciplinary, dismissal,
                source = 'chuyen_den',
                EXISTS (SELECT 1 FROM cases n WHERE n.previous_case_id = cases.id),
                resolved_on, learned_on, obstacle_days, duties_from,
                coalesce(forwarder_kind IN ('co_quan_quoc_hoi', 'dai_bieu', 'ban_tiep_cong_dan'), 0),
                result_requested, duties23_from, created_at,
                coalesce((SELECT value = '1' FROM settings WHERE key = 'unit_ban_tiep_cong_dan'), 0)
         FROM cases WHERE id = ?1",
        )?
        .query_row([case_id], |r| {
            let t: String = r.get(0)?;
            let s: String = r.get(1)?;
            let mut c = CaseClock::new(
                CaseType::from_code(&t).ok_or_else(|| bad_code(0))?,
                r.get(6)?,
            );
            c.status = CaseStatus::from_code(&s).ok_or_else(|| bad_code(1))?;
            c.round = r.get(2)?;
            c.complex = r.get(3)?;
            c.remote = r.get(4)?;
            c.extensions = r.get(5)?;
            c.accepted_on = r.get(7)?;
            c.from_visit = r.get(8)?;
            c.very_complex = r.get(9)?;
            c.multi_site = r.get(10)?;
            c.disciplinary = r.get(11)?;
            c.dismissal = r.get(12)?;
            c.forwarded = r.get(13)?;
            c.reopened = r.get(14)?;
            c.resolved_on = r.get(15)?;
            c.learned_on = r.get(16)?;
            c.obstacle_days = r.get(17)?;
            c.forwarder_listed = r.get(19)?;
            c.result_requested = r.get(20)?;
            c.unit_listed = r.get(23)?;
            Ok((c, r.get(18)?, r.get(21)?, r.get(22)?))
        })
        .optional()?
        .ok_or(StoreError::NotFound("case"))?;
    let m = marks(conn, case_id)?;
    c.decision_sent_on = m.sent_on;
    c.result_notice_on = m.result_notice_on;
    c.done = m.done;
    c.pauses = m.pauses;
    // A duty is tracked when the step that starts it was recorded after `duties_from` (the
    // duties of 0008) or `duties23_from` (those of 0014).
    let after_in = |from: &str, at: Option<&str>| from.is_empty() || at >= Some(from);
    let after = |at: &Option<String>| after_in(&duties_from, at.as_deref());
    let after23 = |at: Option<&str>| after_in(&duties23_from, at);
    c.tracked = Tracked {
        accepted: after(&m.accepted_at),
        decided: after(&m.decided_at),
        result_notice: after(&m.notice_at),
        handling: after23(Some(&created_at)),
        denounced: after23(m.accepted_at.as_deref()),
        conclusion: after23(m.decided_at.as_deref()),
    };
    Ok(c)
}

/// Replace the stored due dates of one case by its open obligations now (after a step).
pub(super) fn recompute_case(conn: &Connection, ctx: &DeadlineContext, case_id: i64) -> Result<()> {
    recompute_case_for(conn, ctx, case_id, None)
}

/// Replace the stored due dates of one case by its open obligations now. A due date that
/// moved because of `cause` (a catalog change) says so in its explanation; one that did not
/// move keeps what it said.
fn recompute_case_for(
    conn: &Connection,
    ctx: &DeadlineContext,
    case_id: i64,
    cause: Option<&Cause>,
) -> Result<()> {
    let c = clock(conn, case_id)?;
    let mut before: HashMap<String, (NaiveDate, Option<Change>)> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT obligation, due_on, explanation FROM case_deadlines WHERE case_id = ?1",
        )?;
        let rows = stmt.query_map([case_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, NaiveDate>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (o, due, e) = row?;
            let e: Explanation = serde_json::from_str(&e)?;
            before.insert(o, (due, e.change));
        }
    }
    conn.prepare_cached("DELETE FROM case_deadlines WHERE case_id = ?1")?
        .execute([case_id])?;
    // A case marked deleted (its visit voided) owes nothing.
    let deleted: bool = conn
        .prepare_cached("SELECT deleted_at IS NOT NULL FROM cases WHERE id = ?1")?
        .query_row([case_id], |r| r.get(0))?;
    if deleted {
        conn.prepare_cached("UPDATE cases SET next_due = NULL WHERE id = ?1")?
            .execute([case_id])?;
        return Ok(());
    }
    // The book's one clock: a deadline's change is dated as its record is stamped.
    let at = super::clock::now();
    let now = super::clock::stamp(&at);
    let today = at.date_naive();
    for mut due in deadline::open_obligations(&c, &ctx.rules, &ctx.calendar) {
        if let Some((previous, change)) = before.remove(due.obligation.code()) {
            due.explanation.change = if previous == due.due_on {
                change
            } else {
                cause.map(|cause| Change {
                    cause: cause.clone(),
                    previous_due: previous,
                    on: today,
                })
            };
        }
        conn.prepare_cached(
            "INSERT INTO case_deadlines (case_id, obligation, rule_id, start_on, due_on,
                 explanation, computed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            case_id,
            due.obligation.code(),
            due.explanation.rule_id,
            due.explanation.start_on,
            due.due_on,
            serde_json::to_string(&due.explanation)?,
            now,
        ])?;
    }
    // The queue's due order and its overdue counts are about open cases: a decided case's
    // remaining duties (sending, publishing…) are on the board, not in `next_due`.
    conn.prepare_cached(&format!(
        "UPDATE cases SET next_due = CASE WHEN status IN ({}) THEN
             (SELECT min(due_on) FROM case_deadlines WHERE case_id = ?1) END
         WHERE id = ?1",
        open_statuses()
    ))?
    .execute([case_id])?;
    Ok(())
}

fn recompute_ids(conn: &Connection, sql: &str, cause: Option<&Cause>) -> Result<usize> {
    let ctx = context(conn)?;
    let ids: Vec<i64> = conn
        .prepare(sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        recompute_case_for(conn, &ctx, *id, cause)?;
    }
    Ok(ids.len())
}

/// Recompute the due dates of every open case and of every case with a duty still open
/// (after a change of rules or calendar, named by `cause`; and after an upgrade). Returns
/// how many cases were recomputed.
pub(crate) fn recompute_all(conn: &Connection, cause: Option<&Cause>) -> Result<usize> {
    let sql = format!(
        "SELECT id FROM cases WHERE deleted_at IS NULL
           AND (status IN ({}) OR id IN (SELECT case_id FROM case_deadlines))",
        open_statuses()
    );
    recompute_ids(conn, &sql, cause)
}

/// Compute the due dates of every case of a bulk load once: open ones, and decided or
/// transferred ones whose duties (sending, telling the citizen…) may still be open.
pub(crate) fn recompute_loaded(conn: &Connection) -> Result<usize> {
    let sql = format!(
        "SELECT id FROM cases WHERE deleted_at IS NULL
           AND status IN ({}, '{}', '{}')",
        open_statuses(),
        CaseStatus::Resolved.code(),
        CaseStatus::Transferred.code()
    );
    recompute_ids(conn, &sql, None)
}

impl Store {
    /// The rules and the calendar in force.
    pub fn deadline_context(&self) -> Result<DeadlineContext> {
        context(&self.conn)
    }

    pub fn deadline_rules(&self) -> Result<Vec<Rule>> {
        load_rules(&self.conn)
    }

    pub fn calendar(&self) -> Result<Calendar> {
        load_calendar(&self.conn)
    }
}
