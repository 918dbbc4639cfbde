//! Figures at the province (issue 30): the period report (01/TCD and the other forms) of one
//! unit (a desk), a district (the desks enrolled under it) or the whole province, counted by
//! the desk's own rules. The hub reads the records its desks sent into the same plain facts
//! the desk's store hands over (`tiepdan::domain::report::Book`: numbers, codes and dates,
//! never a name) and calls the same `Report::compute_in`. Nothing here counts.
//!
//! Which desk a record belongs to is the desk's own rule (`Store::period_report_of_desk`): a
//! session and a case name their desk (else the desk whose batch wrote them), a visit is its
//! session's. A citizen is one record across desks only when a desk took another's package
//! and the two were found to be the same person; at the hub, as in a merged book, a matter
//! brought to two desks by the same citizen record counts once in a report that holds both.
//!
//! A desk's dialogues and the head's reception schedule come in its package's hub part (only
//! what the report counts: `tiepdan::store::for_hub`) and are its own (no desk merges
//! another's: own_acts.rs). The schedule is judged unit by unit: a report of several desks
//! adds each one's own figures of it (`Report::with_units`). What the hub does not hold yet is
//! left out, said in docs/hub.md: each desk's deadline rules and calendar (the hub judges "on
//! time" by the rules a new book has, the law's).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::Value;
use tiepdan::domain::case::{Action, CaseStatus, CaseType, Outcome};
use tiepdan::domain::report::{
    Block, Book, CaseFact, CaseStep, Circular, DeadlineBook, Period, Report, SessionFact, VisitFact,
};
use tiepdan::domain::visit::{Handling, PetitionType, PresiderRole, ReceptionForm};
use tokio_postgres::types::Json;

use crate::own_acts;

/// Whose figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Province,
    District(String),
    /// One desk (its code).
    Unit(String),
}

/// A desk the report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskRow {
    pub code: String,
    pub unit: String,
    pub district: String,
}

/// A report of the hub and whose it is.
#[derive(Debug, Clone)]
pub struct HubReport {
    pub scope: Scope,
    pub desks: Vec<DeskRow>,
    pub report: Report,
}

impl HubReport {
    /// The name printed at the head of the report.
    pub fn heading(&self) -> String {
        match &self.scope {
            Scope::Province => "Toàn tỉnh".to_owned(),
            Scope::District(d) => d.clone(),
            Scope::Unit(code) => self
                .desks
                .first()
                .map_or_else(|| code.clone(), |d| format!("{} ({code})", d.unit)),
        }
    }
}

/// Why a report was not made.
#[derive(Debug)]
pub enum ReportError {
    /// No such desk or district (or not one the caller may see).
    Unknown,
    /// A record the hub holds does not read as the desk wrote it.
    Bad(String),
    Db(tokio_postgres::Error),
}

impl From<tokio_postgres::Error> for ReportError {
    fn from(e: tokio_postgres::Error) -> Self {
        ReportError::Db(e)
    }
}

/// The desks of a scope (those the connection may see: row level security applies).
pub async fn desks_of(
    client: &impl tokio_postgres::GenericClient,
    scope: &Scope,
) -> Result<Vec<DeskRow>, ReportError> {
    let (district, unit) = match scope {
        Scope::Province => (None, None),
        Scope::District(d) => (Some(d.as_str()), None),
        Scope::Unit(u) => (None, Some(u.as_str())),
    };
    let rows = client
        .query(
            "SELECT code, unit, district FROM desks
             WHERE ($1::text IS NULL OR district = $1) AND ($2::text IS NULL OR code = $2)
             ORDER BY code",
            &[&district, &unit],
        )
        .await?;
    let desks: Vec<DeskRow> = rows
        .into_iter()
        .map(|r| DeskRow {
            code: r.get(0),
            unit: r.get(1),
            district: r.get(2),
        })
        .collect();
    if desks.is_empty() && *scope != Scope::Province {
        return Err(ReportError::Unknown);
    }
    Ok(desks)
}

/// The rules and names a new book holds (the law's deadline rules, the holiday calendar, the
/// official report columns, the seeded fields and the group threshold): the hub has no book
/// of its own, so it asks a new one, in memory.
pub struct Seeds {
    pub rules: Vec<tiepdan::domain::deadline::Rule>,
    pub calendar: tiepdan::domain::calendar::Calendar,
    pub columns: Vec<(String, String)>,
    /// (uid, code, name, report column), in display order.
    pub fields: Vec<(String, String, String, String)>,
    pub threshold: u32,
}

impl Seeds {
    pub fn load() -> anyhow::Result<Seeds> {
        let store = tiepdan::store::Store::open_in_memory()
            .map_err(|e| anyhow::anyhow!("a new book in memory: {e:?}"))?;
        let err = |e: tiepdan::store::StoreError| anyhow::anyhow!("a new book: {e:?}");
        let ctx = store.deadline_context().map_err(err)?;
        Ok(Seeds {
            rules: ctx.rules,
            calendar: ctx.calendar,
            columns: store.report_columns().map_err(err)?,
            fields: store
                .fields()
                .map_err(err)?
                .into_iter()
                .map(|f| (f.uid, f.code, f.name, f.report_column))
                .collect(),
            threshold: store.group_threshold().map_err(err)?,
        })
    }
}

/// A record as the hub holds it.
pub(crate) struct Rec {
    pub(crate) uid: String,
    /// The desk whose batch wrote it.
    pub(crate) desk: String,
    pub(crate) fields: Value,
}

impl Rec {
    pub(crate) fn text(&self, k: &str) -> Option<&str> {
        self.fields.get(k).and_then(Value::as_str)
    }

    pub(crate) fn text_or_empty(&self, k: &str) -> &str {
        self.text(k).unwrap_or("")
    }

    pub(crate) fn int(&self, k: &str) -> Option<i64> {
        match self.fields.get(k)? {
            Value::Number(n) => n.as_i64(),
            Value::Bool(b) => Some(i64::from(*b)),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    }

    pub(crate) fn flag(&self, k: &str) -> bool {
        self.int(k).unwrap_or(0) != 0
    }

    pub(crate) fn live(&self) -> bool {
        self.fields.get("deleted_at").is_none_or(Value::is_null)
    }

    /// The desk it belongs to: the one it names, else the one that sent it.
    pub(crate) fn owner(&self) -> &str {
        self.text("desk")
            .filter(|d| !d.is_empty())
            .unwrap_or(&self.desk)
    }

    pub(crate) fn bad(&self, what: &str) -> ReportError {
        ReportError::Bad(format!("{} {what}", self.uid))
    }

    pub(crate) fn code<T>(&self, k: &str, f: fn(&str) -> Option<T>) -> Result<T, ReportError> {
        self.text(k).and_then(f).ok_or_else(|| self.bad(k))
    }

    pub(crate) fn day(&self, k: &str) -> Result<NaiveDate, ReportError> {
        self.text(k)
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .ok_or_else(|| self.bad(k))
    }
}

/// Dense numbers for uids (the facts carry numbers, as the desk's row ids).
#[derive(Default)]
struct Ids(HashMap<String, i64>);

impl Ids {
    fn of(&mut self, uid: &str) -> i64 {
        let n = self.0.len() as i64 + 1;
        *self.0.entry(uid.to_owned()).or_insert(n)
    }
}

fn minute(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    Some(h.parse::<u16>().ok()? * 60 + m.parse::<u16>().ok()?)
}

/// The records the hub holds that a period's report reads (those of days after its end left
/// out), by entity, the visits in the order "first or repeat" reads them; and the fields
/// (uid, code, name, report column): the seeded ones in their order, then the desks'.
pub struct Held {
    by: HashMap<String, Vec<Rec>>,
    field_rows: Vec<(String, String, String, String)>,
    /// The sessions (uids) that received someone: a live visit, not a refusal.
    pub(crate) received: HashSet<String>,
}

impl Held {
    pub(crate) fn of(&self, entity: &str) -> &[Rec] {
        self.by.get(entity).map_or(&[], Vec::as_slice)
    }
}

/// Read what a report of `period` reads (see [`Held`]).
pub async fn held(
    client: &impl tokio_postgres::GenericClient,
    period: &Period,
    seeds: &Seeds,
) -> Result<Held, ReportError> {
    let to_s = period.to.to_string();
    let rows = client
        .query(
            "SELECT entity, uid, desk, fields FROM records
             WHERE entity IN ('session', 'visit', 'case', 'case_event', 'case_visit',
                              'dialogue', 'dialogue_promise', 'reception_plan',
                              'reception_day', 'setting')
               AND (entity NOT IN ('visit', 'case_event', 'session') OR fields->>'day' <= $1)",
            &[&to_s],
        )
        .await?;
    let mut by: HashMap<String, Vec<Rec>> = HashMap::new();
    for r in rows {
        let Json(fields): Json<Value> = r.get(3);
        by.entry(r.get(0)).or_default().push(Rec {
            uid: r.get(1),
            desk: r.get(2),
            fields,
        });
    }
    // Every visit in the order "first or repeat" reads them: by day, time, then uid (a v7
    // uid: the order they were written).
    if let Some(visits) = by.get_mut("visit") {
        visits.sort_by(|a, b| {
            (a.text_or_empty("day"), a.text_or_empty("time"), &a.uid).cmp(&(
                b.text_or_empty("day"),
                b.text_or_empty("time"),
                &b.uid,
            ))
        });
    }
    let mut field_rows: Vec<(String, String, String, String)> = seeds.fields.clone();
    for r in client
        .query(
            "SELECT uid, code, name, report_column FROM fields ORDER BY code, uid",
            &[],
        )
        .await?
    {
        let uid: String = r.get(0);
        if !field_rows.iter().any(|f| f.0 == uid) {
            field_rows.push((uid, r.get(1), r.get(2), r.get(3)));
        }
    }
    let received = by
        .get("visit")
        .into_iter()
        .flatten()
        .filter(|v| v.live() && v.text("handling") != Some(Handling::TuChoi.code()))
        .filter_map(|v| v.text("session").map(str::to_owned))
        .collect();
    Ok(Held {
        by,
        field_rows,
        received,
    })
}

/// The facts of `period` for the desks `desks` (see the module's notes), as the desk's store
/// reads them (src/store/report.rs `book_of`).
pub async fn book(
    client: &impl tokio_postgres::GenericClient,
    desks: &[DeskRow],
    period: &Period,
    seeds: &Seeds,
) -> Result<Book, ReportError> {
    book_of(&held(client, period, seeds).await?, desks, period, seeds)
}

/// The facts of `period` for the desks `desks` from what the hub holds. The head's reception
/// schedule is one unit's: read for a book of one desk only (a report of several adds each
/// unit's own figures of it: `Report::with_units`).
pub fn book_of(
    held: &Held,
    desks: &[DeskRow],
    period: &Period,
    seeds: &Seeds,
) -> Result<Book, ReportError> {
    Ok(facts(held, desks, period, seeds)?.0)
}

/// [`book_of`], with the desk of each session of the book (by its number).
fn facts<'h>(
    held: &'h Held,
    desks: &[DeskRow],
    period: &Period,
    seeds: &Seeds,
) -> Result<(Book, HashMap<i64, &'h str>), ReportError> {
    let (from, to) = (period.from, period.to);
    let (sessions, visits, cases, events, links) = (
        held.of("session"),
        held.of("visit"),
        held.of("case"),
        held.of("case_event"),
        held.of("case_visit"),
    );
    let wanted: HashSet<&str> = desks.iter().map(|d| d.code.as_str()).collect();

    // Fields: the seeded ones in their order, then those the desks sent; one number a code.
    let mut field_ids = Ids::default();
    let mut field_of: HashMap<&str, (i64, &str)> = HashMap::new();
    let mut fields: Vec<(i64, String, String, String)> = Vec::new();
    for (uid, code, name, column) in &held.field_rows {
        let known = field_ids.0.contains_key(code);
        let id = field_ids.of(code);
        field_of.insert(uid.as_str(), (id, column.as_str()));
        if !known {
            fields.push((id, code.clone(), name.clone(), column.clone()));
        }
    }
    let field = |r: &Rec| -> Result<(i64, &str), ReportError> {
        r.text("field")
            .and_then(|u| field_of.get(u).copied())
            .ok_or_else(|| r.bad("field"))
    };

    // Sessions of the scope's desks.
    let mut session_ids = Ids::default();
    let mut session_of: HashMap<&str, &Rec> = HashMap::new();
    for s in sessions {
        if wanted.contains(s.owner()) {
            session_of.insert(s.uid.as_str(), s);
        }
    }
    let linked: HashSet<&str> = links.iter().filter_map(|l| l.text("visit")).collect();

    // Every live visit up to the period's end of those sessions, in the order "first or
    // repeat" reads them (`held` sorted them). A citizen is one across desks: "first or
    // repeat" reads every desk's visits.
    let all = visits.iter().filter(|v| v.live());
    let mut citizen_ids = Ids::default();
    let mut visit_ids = Ids::default();
    let mut seen: HashSet<(i64, PetitionType, i64)> = HashSet::new();
    let mut out_visits = Vec::new();
    let mut counted_sessions: HashSet<&str> = HashSet::new();
    let mut session_desk: HashMap<i64, &str> = HashMap::new();
    for v in all {
        let petition_type = v.code("petition_type", PetitionType::from_code)?;
        let handling = v.code("handling", Handling::from_code)?;
        let (field_id, _) = field(v)?;
        let citizen_id = citizen_ids.of(v.text_or_empty("citizen"));
        let key = (citizen_id, petition_type, field_id);
        // Rule "tiếp nhiều lần": an earlier received (not refused) visit of the same matter.
        let repeat = seen.contains(&key);
        if handling != Handling::TuChoi {
            seen.insert(key);
        }
        let day = v.day("day")?;
        let session_uid = v.text_or_empty("session");
        let Some(s) = session_of.get(session_uid) else {
            continue;
        };
        if day < from {
            continue;
        }
        counted_sessions.insert(session_uid);
        let session_id = session_ids.of(session_uid);
        session_desk.insert(session_id, s.owner());
        out_visits.push(VisitFact {
            id: visit_ids.of(&v.uid),
            day,
            minute: v
                .text("time")
                .and_then(minute)
                .ok_or_else(|| v.bad("time"))?,
            session_id,
            form: s.code("form", ReceptionForm::from_code)?,
            people: v.int("people").unwrap_or(1) as u32,
            petition_type,
            field_id,
            handling,
            petitions: v.int("petitions").unwrap_or(0) as u32,
            citizen_id,
            repeat,
            matter: 0,
            role: s.text("presider_role").and_then(PresiderRole::from_code),
            linked: linked.contains(v.uid.as_str()),
            block: Block::Regular,
            in_block: false,
            last_of_matter: false,
        });
    }
    let mut out_sessions = Vec::new();
    for uid in counted_sessions {
        let s = session_of[uid];
        let day = s.day("day")?;
        if day < from || day > to {
            continue;
        }
        out_sessions.push(SessionFact {
            id: session_ids.of(uid),
            day,
            form: s.code("form", ReceptionForm::from_code)?,
            presiding: s.text_or_empty("presiding").to_owned(),
            role: s.text("presider_role").and_then(PresiderRole::from_code),
        });
    }
    out_sessions.sort_by_key(|s| s.id);

    // Cases: received in the period, or before it and open at its start (still open, or
    // closed by a step on or after its first day), each with its steps up to the period's end
    // in the order they were written (time, then uid).
    let mut steps_of: HashMap<&str, Vec<&Rec>> = HashMap::new();
    for e in events {
        if let Some(c) = e.text("case") {
            steps_of.entry(c).or_default().push(e);
        }
    }
    let mut case_ids = Ids::default();
    let mut out_cases = Vec::new();
    let mut mine: Vec<&Rec> = cases
        .iter()
        .filter(|c| c.live() && wanted.contains(c.owner()))
        .collect();
    mine.sort_by(|a, b| a.uid.cmp(&b.uid));
    for c in mine {
        let received_on = c.day("received_on")?;
        let status = c.code("status", CaseStatus::from_code)?;
        let mut steps = steps_of.remove(c.uid.as_str()).unwrap_or_default();
        steps.sort_by(|a, b| (a.text_or_empty("at"), &a.uid).cmp(&(b.text_or_empty("at"), &b.uid)));
        let closed_in = steps.iter().any(|e| {
            e.text("day")
                .is_some_and(|d| d >= from.to_string().as_str())
                && e.text("from_status")
                    .and_then(CaseStatus::from_code)
                    .is_some_and(CaseStatus::is_open)
                && e.text("to_status")
                    .and_then(CaseStatus::from_code)
                    .is_some_and(|s| !s.is_open())
        });
        let in_book = (from <= received_on && received_on <= to)
            || (received_on < from && status.is_open())
            || closed_in;
        if !in_book || steps.is_empty() {
            continue;
        }
        let (field_id, column) = field(c)?;
        let mut fact = CaseFact {
            id: case_ids.of(&c.uid),
            case_type: c.code("case_type", CaseType::from_code)?,
            round: c.int("round").unwrap_or(1) as u8,
            field_id,
            column: column.to_owned(),
            from_visit: c.text("source") == Some("tiep_cong_dan"),
            received_on,
            remote: c.flag("remote"),
            outcome: c.text("outcome").and_then(Outcome::from_code),
            steps: Vec::with_capacity(steps.len()),
        };
        for e in steps {
            fact.steps.push(CaseStep {
                day: e.day("day")?,
                action: e.code("action", Action::from_code)?,
                to_status: e.code("to_status", CaseStatus::from_code)?,
            });
        }
        out_cases.push(fact);
    }
    let book = Book {
        visits: out_visits,
        sessions: out_sessions,
        cases: out_cases,
        fields,
        columns: seeds.columns.clone(),
        threshold: seeds.threshold,
        schedule: match desks {
            [one] => own_acts::schedule(held, &one.code, period)?,
            _ => Default::default(),
        },
        dialogues: own_acts::dialogues(held, &wanted, period)?,
    };
    Ok((book, session_desk))
}

/// The report of `scope` for `period` (overdue judged on `today` while it is not over), in
/// the forms of the circular in force on its last day.
pub async fn report(
    client: &impl tokio_postgres::GenericClient,
    scope: Scope,
    period: Period,
    today: NaiveDate,
    seeds: &Seeds,
) -> Result<HubReport, ReportError> {
    let desks = desks_of(client, &scope).await?;
    let held = held(client, &period, seeds).await?;
    let dl = DeadlineBook {
        rules: &seeds.rules,
        calendar: &seeds.calendar,
    };
    let circular = Circular::for_period(&period);
    let (book, session_desk) = facts(&held, &desks, &period, seeds)?;
    // Several units: the figures judged per unit (the head's reception days, the minimum)
    // are the sum of each unit's own, counted from its own schedule and from the visits and
    // sessions of the book that are its (all those figures read: not its cases, dialogues).
    let mut units = Vec::new();
    if desks.len() > 1 {
        for d in &desks {
            let mine = |id: &i64| session_desk.get(id).copied() == Some(d.code.as_str());
            let unit = Book {
                visits: book
                    .visits
                    .iter()
                    .filter(|v| mine(&v.session_id))
                    .cloned()
                    .collect(),
                sessions: book
                    .sessions
                    .iter()
                    .filter(|s| mine(&s.id))
                    .cloned()
                    .collect(),
                cases: Vec::new(),
                fields: book.fields.clone(),
                columns: book.columns.clone(),
                threshold: book.threshold,
                schedule: own_acts::schedule(&held, &d.code, &period)?,
                dialogues: Vec::new(),
            };
            units.push(Report::compute_in(unit, period, today, &dl, circular));
        }
    }
    let mut report = Report::compute_in(book, period, today, &dl, circular);
    if !units.is_empty() {
        report = report.with_units(&units);
    }
    Ok(HubReport {
        scope,
        desks,
        report,
    })
}
