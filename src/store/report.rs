//! The queries behind the period reports (read only). They hand the domain plain facts —
//! numbers, codes and dates, never a name — and list the records behind a figure, each
//! citizen as a [`Person`] (a denouncer is shown only through the identity rule, and what a
//! denunciation says is left out: Luật Tố cáo Art 8(3)). Voided visits (and the cases that
//! went with them) count nowhere.

use chrono::NaiveDate;
use rusqlite::{Connection, Row, params};

use super::{Result, Store, bad_code};
use crate::domain::case::{Action, CaseStatus, CaseType, Outcome};
use crate::domain::identity::{Context, Person};
use crate::domain::report::{
    Block, Book, CaseFact, CaseStep, Circular, DeadlineBook, Period, Report, SessionFact, VisitFact,
};
use crate::domain::visit::{Handling, PetitionType, PresiderRole, ReceptionForm};

/// A visit behind a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceVisit {
    pub id: i64,
    pub uid: String,
    pub day: NaiveDate,
    pub time: String,
    /// Shown only through `i18n::person` (a denouncer is a pseudonym unless revealed).
    pub citizen: Person,
    pub people: u32,
    pub petitions: u32,
    pub form: ReceptionForm,
    pub petition_type: PetitionType,
    pub field_name: String,
    pub handling: Handling,
    pub content: String,
}

/// A case behind a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceCase {
    pub id: i64,
    pub uid: String,
    pub code: String,
    pub case_type: CaseType,
    pub status: CaseStatus,
    pub field_name: String,
    pub received_on: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
    /// Shown only through `i18n::person`.
    pub citizen: Person,
    /// Empty for a denunciation (what it says may point at who wrote it).
    pub summary: String,
}

fn code<T>(r: &Row, col: usize, f: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let s = r.get_ref(col)?.as_str()?;
    f(s).ok_or_else(|| bad_code(col))
}

/// A `YYYY-MM-DD` column, read without allocating (hundreds of thousands per report).
fn day(r: &Row, col: usize) -> rusqlite::Result<NaiveDate> {
    let b = r.get_ref(col)?.as_str()?.as_bytes();
    let num = |s: &[u8]| {
        s.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| NaiveDate::from_ymd_opt(num(&b[0..4])? as i32, num(&b[5..7])?, num(&b[8..10])?))
        .flatten()
        .ok_or_else(|| bad_code(col))
}

/// An `HH:MM` column as minutes after midnight.
fn minute(r: &Row, col: usize) -> rusqlite::Result<u16> {
    let s = r.get_ref(col)?.as_str()?;
    let (h, m) = s.split_once(':').ok_or_else(|| bad_code(col))?;
    match (h.parse::<u16>(), m.parse::<u16>()) {
        (Ok(h), Ok(m)) => Ok(h * 60 + m),
        _ => Err(bad_code(col)),
    }
}

/// The open (or closed) statuses as an SQL list, in the order of migration 0010's partial
/// index `case_events_closing` (the planner uses it only when the terms match).
fn statuses(open: bool) -> String {
    CaseStatus::ALL
        .iter()
        .filter(|s| s.is_open() == open)
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The facts of a period: its visits (each marked first or repeat), the sessions they
/// belong to, and the cases carried over into it or received in it with their timeline
/// up to its end; the fields and the group threshold.
pub(super) fn book_of(conn: &Connection, period: &Period) -> Result<Book> {
    let (from, to) = (period.from, period.to);
    // First or repeat (01/TCD): an earlier visit of the same citizen, type and field.
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.day, v.time, v.session_id, s.form, v.people, v.petition_type,
                v.field_id, v.handling, v.petitions, v.citizen_id,
                EXISTS (SELECT 1 FROM visits x
                         WHERE x.citizen_id = v.citizen_id
                           AND x.petition_type = v.petition_type
                           AND x.field_id = v.field_id AND x.deleted_at IS NULL
                           AND x.handling != 'tu_choi'
                           AND x.day <= v.day
                           AND (x.day < v.day OR (x.day = v.day AND
                                (x.time < v.time OR (x.time = v.time AND x.id < v.id))))),
                s.presider_role,
                EXISTS (SELECT 1 FROM case_visits cv WHERE cv.visit_id = v.id)
         FROM visits v
         JOIN sessions s ON s.id = v.session_id
         WHERE v.day >= ?1 AND v.day <= ?2 AND v.deleted_at IS NULL",
    )?;
    let visits = stmt
        .query_map(params![from, to], |r| {
            Ok(VisitFact {
                id: r.get(0)?,
                day: day(r, 1)?,
                minute: minute(r, 2)?,
                session_id: r.get(3)?,
                form: code(r, 4, ReceptionForm::from_code)?,
                people: r.get(5)?,
                petition_type: code(r, 6, PetitionType::from_code)?,
                field_id: r.get(7)?,
                handling: code(r, 8, Handling::from_code)?,
                petitions: r.get(9)?,
                citizen_id: r.get(10)?,
                repeat: r.get(11)?,
                matter: 0,
                role: PresiderRole::from_code(r.get_ref(12)?.as_str()?),
                linked: r.get(13)?,
                // Set by the domain (Report::compute).
                block: Block::Regular,
                in_block: false,
                last_of_matter: false,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let sessions = conn
        .prepare_cached(
            // A session counts when one of its visits does (not one whose every visit
            // was voided).
            "SELECT s.id, s.day, s.form, s.presiding, s.presider_role FROM sessions s
             WHERE s.day >= ?1 AND s.day <= ?2
               AND EXISTS (SELECT 1 FROM visits v
                            WHERE v.session_id = s.id AND v.deleted_at IS NULL)",
        )?
        .query_map(params![from, to], |r| {
            Ok(SessionFact {
                id: r.get(0)?,
                day: r.get(1)?,
                form: code(r, 2, ReceptionForm::from_code)?,
                presiding: r.get(3)?,
                role: PresiderRole::from_code(r.get_ref(4)?.as_str()?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // The cases of the period's book: received in it; or received before it and open
    // at its start — still open now, or closed by a step on or after its first day
    // (cases received after the period have no step up to its end: no row).
    let open = statuses(true);
    let closed = statuses(false);
    // Written so that the planner starts from the book (a materialized list of ids) and
    // reaches each case's steps by its index: CROSS JOIN fixes the join order, UNION
    // ALL + DISTINCT avoids a merge that would scan the steps in case order.
    let sql = format!(
        "WITH book(id) AS MATERIALIZED (SELECT DISTINCT id FROM (
             SELECT id FROM cases WHERE received_on >= ?1 AND received_on <= ?2
             UNION ALL
             SELECT id FROM cases WHERE status IN ({open}) AND received_on < ?1
             UNION ALL
             SELECT case_id FROM case_events
              WHERE day >= ?1 AND from_status IN ({open}) AND to_status IN ({closed})))
         SELECT k.id, k.case_type, k.round, k.field_id, f.report_column,
                k.source = 'tiep_cong_dan', k.received_on, k.remote, k.outcome,
                e.id, e.day, e.action, e.to_status
         FROM book CROSS JOIN cases k ON k.id = book.id
         CROSS JOIN case_events e ON e.case_id = k.id
         JOIN fields f ON f.id = k.field_id
         WHERE e.day <= ?2 AND k.deleted_at IS NULL"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![from, to])?;
    let mut cases: Vec<CaseFact> = Vec::new();
    let mut at: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let mut order: Vec<Vec<i64>> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let i = match at.get(&id) {
            Some(i) => *i,
            None => {
                let outcome: Option<String> = r.get(8)?;
                cases.push(CaseFact {
                    id,
                    case_type: code(r, 1, CaseType::from_code)?,
                    round: r.get(2)?,
                    field_id: r.get(3)?,
                    column: r.get(4)?,
                    from_visit: r.get(5)?,
                    received_on: day(r, 6)?,
                    remote: r.get(7)?,
                    outcome: outcome.as_deref().and_then(Outcome::from_code),
                    steps: Vec::new(),
                });
                order.push(Vec::new());
                at.insert(id, cases.len() - 1);
                cases.len() - 1
            }
        };
        cases[i].steps.push(CaseStep {
            day: day(r, 10)?,
            action: code(r, 11, Action::from_code)?,
            to_status: code(r, 12, CaseStatus::from_code)?,
        });
        order[i].push(r.get(9)?);
    }
    // Steps in entry order, whatever order the rows came in.
    for (c, ids) in cases.iter_mut().zip(order) {
        if ids.windows(2).any(|w| w[0] > w[1]) {
            let mut both: Vec<(i64, CaseStep)> = ids.into_iter().zip(c.steps.drain(..)).collect();
            both.sort_by_key(|(id, _)| *id);
            c.steps = both.into_iter().map(|(_, s)| s).collect();
        }
    }
    cases.sort_by_key(|c| c.id);
    let fields = conn
        .prepare_cached(
            "SELECT id, code, name, report_column FROM fields WHERE active = 1
             ORDER BY sort_order, id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Book {
        visits,
        sessions,
        cases,
        fields,
        columns: report_columns_on(conn)?,
        threshold: super::settings::group_threshold_on(conn)?,
        schedule: {
            let look_from = from - chrono::Duration::days(40);
            crate::domain::report::ScheduleFacts {
                plans: super::schedule::load_plans(conn)?,
                days: super::schedule::load_days(conn, look_from, to)?,
                sessions: super::schedule::load_head_sessions(conn, look_from, to)?,
                level: super::schedule::load_level(conn)?,
            }
        },
        dialogues: super::dialogues::report_facts(conn, from, to)?,
    })
}

/// The official report columns (code, name), in order, read on `conn`.
fn report_columns_on(conn: &Connection) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT code, name FROM report_columns ORDER BY sort_order")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The report of `period` in `circular`'s forms, counted on `conn`.
pub(super) fn report_of(
    conn: &Connection,
    period: Period,
    today: NaiveDate,
    circular: Circular,
) -> Result<Report> {
    let book = book_of(conn, &period)?;
    let ctx = super::deadlines::context(conn)?;
    let dl = DeadlineBook {
        rules: &ctx.rules,
        calendar: &ctx.calendar,
    };
    Ok(Report::compute_in(book, period, today, &dl, circular))
}

impl Store {
    /// Where the book lives (None in memory): the pane exports its reports beside it.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// The facts of a period (see [`book_of`]).
    pub fn report_book(&self, period: &Period) -> Result<Book> {
        book_of(&self.conn, period)
    }

    /// The report of `period`: its facts read, then counted by the domain with the book's
    /// deadline rules and calendar (`today` judges overdue while the period is not over), in
    /// the forms of the circular in force on its last day.
    pub fn period_report(&self, period: Period, today: NaiveDate) -> Result<Report> {
        self.period_report_in(period, today, Circular::for_period(&period))
    }

    /// The same in the forms of `circular`.
    pub fn period_report_in(
        &self,
        period: Period,
        today: NaiveDate,
        circular: Circular,
    ) -> Result<Report> {
        report_of(&self.conn, period, today, circular)
    }

    /// The report of `period` of one desk of a merged book (issue 27: reports per unit):
    /// the visits of its sessions, its sessions and its cases (a record knows its desk: a
    /// visit its session's, a case its own). A citizen is one across desks, so a visit's
    /// "first or repeat" counts the citizen's visits at every desk.
    pub fn period_report_of_desk(
        &self,
        period: Period,
        today: NaiveDate,
        desk: &str,
    ) -> Result<Report> {
        let mut book = book_of(&self.conn, &period)?;
        let ids = |sql: &str| -> Result<std::collections::HashSet<i64>> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_map([desk], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        };
        let sessions = ids("SELECT id FROM sessions WHERE desk = ?1")?;
        let cases = ids("SELECT id FROM cases WHERE desk = ?1")?;
        book.visits.retain(|v| sessions.contains(&v.session_id));
        book.sessions.retain(|s| sessions.contains(&s.id));
        book.cases.retain(|c| cases.contains(&c.id));
        let ctx = super::deadlines::context(&self.conn)?;
        let dl = DeadlineBook {
            rules: &ctx.rules,
            calendar: &ctx.calendar,
        };
        Ok(Report::compute_in(
            book,
            period,
            today,
            &dl,
            Circular::for_period(&period),
        ))
    }

    /// The desks whose records the book holds (its own, and those merged into it).
    pub fn report_desks(&self) -> Result<Vec<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT desk FROM sessions WHERE desk != '' UNION
                 SELECT desk FROM cases WHERE desk != '' UNION
                 SELECT value FROM settings WHERE key = 'desk_code' ORDER BY 1",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The official report columns (code, name), in order.
    pub fn report_columns(&self) -> Result<Vec<(String, String)>> {
        report_columns_on(&self.conn)
    }

    /// The visits behind a figure, in the order given.
    pub fn trace_visits(&self, ids: &[i64]) -> Result<Vec<TraceVisit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.id, v.uid, v.day, v.time, c.full_name, v.people, v.petitions, s.form,
                    v.petition_type, f.name, v.handling, v.content,
                    (SELECT k.code FROM case_visits cv JOIN cases k ON k.id = cv.case_id
                      WHERE cv.visit_id = v.id ORDER BY k.id LIMIT 1),
                    coalesce((SELECT max(k.identity_disclosed) FROM case_visits cv
                               JOIN cases k ON k.id = cv.case_id
                              WHERE cv.visit_id = v.id AND k.case_type = 'to_cao'), 0),
                    c.sealed
             FROM visits v JOIN citizens c ON c.id = v.citizen_id
             JOIN sessions s ON s.id = v.session_id JOIN fields f ON f.id = v.field_id
             WHERE v.id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row = stmt.query_row([id], |r| {
                let t = code(r, 8, PetitionType::from_code)?;
                let uid: String = r.get(1)?;
                let denunciation = t == PetitionType::ToCao;
                Ok(TraceVisit {
                    id: r.get(0)?,
                    citizen: Person::of(
                        r.get::<_, String>(4)?,
                        Context::of_visit(t, &uid, r.get(12)?, r.get(13)?),
                    )
                    .sealed(r.get(14)?),
                    uid,
                    day: r.get(2)?,
                    time: r.get(3)?,
                    people: r.get(5)?,
                    petitions: r.get(6)?,
                    form: code(r, 7, ReceptionForm::from_code)?,
                    petition_type: t,
                    field_name: r.get(9)?,
                    handling: code(r, 10, Handling::from_code)?,
                    // What a denunciation says may point at who wrote it: left out.
                    content: if denunciation {
                        String::new()
                    } else {
                        r.get(11)?
                    },
                })
            })?;
            out.push(row);
        }
        Ok(out)
    }

    /// The cases behind a figure, in the order given.
    pub fn trace_cases(&self, ids: &[i64]) -> Result<Vec<TraceCase>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, k.uid, k.code, k.case_type, k.status, f.name, k.received_on,
                    k.resolved_on, c.full_name, k.summary, k.identity_disclosed, c.sealed
             FROM cases k JOIN citizens c ON c.id = k.citizen_id
             JOIN fields f ON f.id = k.field_id WHERE k.id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row = stmt.query_row([id], |r| {
                let t = code(r, 3, CaseType::from_code)?;
                let uid: String = r.get(1)?;
                let case_code: String = r.get(2)?;
                let denunciation = t == CaseType::ToCao;
                Ok(TraceCase {
                    id: r.get(0)?,
                    citizen: Person::of(
                        r.get::<_, String>(8)?,
                        Context::of_case(t, &uid, &case_code, r.get(10)?),
                    )
                    .sealed(r.get(11)?),
                    uid,
                    code: case_code,
                    case_type: t,
                    status: code(r, 4, CaseStatus::from_code)?,
                    field_name: r.get(5)?,
                    received_on: r.get(6)?,
                    resolved_on: r.get(7)?,
                    summary: if denunciation {
                        String::new()
                    } else {
                        r.get(9)?
                    },
                })
            })?;
            out.push(row);
        }
        Ok(out)
    }
}
