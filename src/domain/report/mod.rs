//! Period reports (DOMAIN.md §5, §11): the reporting periods (the same in TT 01/2024/TT-TTCP
//! and TT 06/2025/TT-TTCP), the counting rules, and each circular's official data tables as
//! data ([`Circular`]: a period is reported in the forms of the circular in force on its last
//! day).
//!
//! The store hands over plain facts (one per visit, session and case, never a name); this
//! module decides what every figure counts. Each figure is a [`Measure`]: a sum of terms, each
//! term a filter over one kind of fact and a metric. The official tables are constant lists
//! of numbered columns, each with its measure or the reason the book cannot fill it
//! ([`Gap`]). The same measure that counts a figure lists the records behind it
//! ([`Report::trace`]), so a figure and its records can never disagree. Every rendering (the
//! pane, text, CSV, JSON, XLSX) is drawn from one computed [`Report`].
//!
//! Counting rules, each written once and named by the forms and columns it serves:
//! - first or repeat reception of a matter: [`VisitFact::repeat`] and [`matters`];
//! - a matter counted once, in the highest block that received it, and by its last handling:
//!   [`VisitFact::in_block`], [`VisitFact::last_of_matter`];
//! - the head in person or a delegate: [`Block::of`];
//! - a group (đoàn đông người): [`VisitFact::is_group`];
//! - authority at the desk: [`H_OWN`], [`H_NOT_OWN`], [`H_FORWARD`];
//! - carried over from the previous period, received in the period, handled in it:
//!   [`CaseLife`], [`CaseLife::in_flow`];
//! - where a case's handling stands: [`Disposition`];
//! - resolved on time: [`CaseLife::on_time`] (the deadline engine's giải quyết due date);
//! - settled by the forms' convention (a withdrawal counts): [`CaseCond::Settled`].

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::calendar::Calendar;
use super::case::{Action, CaseStatus, CaseType, Outcome};
use super::deadline::{self, CaseClock, Obligation, Rule};
use super::visit::{Handling, PetitionType, PresiderRole, ReceptionForm};

mod circular;
mod closing;
mod count;
mod facts;
mod measures;
mod period;
mod summary;
mod tables;
#[cfg(test)]
mod tests;
mod tt01;
mod tt06;
mod units;

pub use circular::*;
pub use closing::*;
pub use facts::*;
pub use measures::*;
pub use period::*;
pub use summary::*;
pub use tables::*;
pub use tt06::{T6_KN_FIELDS, T6_KNPA_FIELDS, T6_TC_FIELDS};

// ---- the report ----------------------------------------------------------------------------

/// Everything the store read for a period: the facts, and the names the report prints.
#[derive(Debug, Clone, Default)]
pub struct Book {
    pub visits: Vec<VisitFact>,
    pub sessions: Vec<SessionFact>,
    pub cases: Vec<CaseFact>,
    /// The fields (id, code, name, report column), in display order.
    pub fields: Vec<(i64, String, String, String)>,
    /// The official report columns (code, name): the upper level of the field taxonomy.
    pub columns: Vec<(String, String)>,
    pub threshold: u32,
    /// The head's reception schedule (issue 29): from 40 days before the period, so a month
    /// that began before it is judged whole.
    pub schedule: ScheduleFacts,
    /// The dialogues held (issue 29), cancelled ones left out by the store.
    pub dialogues: Vec<DialogueFact>,
}

/// A dialogue held, as the report counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogueFact {
    pub kind: crate::domain::dialogue::DialogueKind,
    pub held_on: NaiveDate,
    /// The people who took part (`Dialogue::people_counted`).
    pub people: u32,
    /// A public dialogue's answers promised, and those answered by `answered_by`.
    pub promised: u32,
    pub answered: u32,
}

/// What the report reads of the reception schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleFacts {
    pub plans: Vec<crate::domain::schedule::Plan>,
    pub days: Vec<crate::domain::schedule::DayRecord>,
    pub sessions: Vec<crate::domain::schedule::SessionDay>,
    /// The unit's level (None: no minimum judged).
    pub level: Option<crate::domain::schedule::UnitLevel>,
}

/// The head's reception days of `period` and the weeks or months of it short of the
/// minimum, judged on `as_of` (the days counted toward the minimum from 40 days before, so a
/// month that began before the period is judged whole).
fn reception_days(
    s: &ScheduleFacts,
    cal: &Calendar,
    period: &Period,
    as_of: NaiveDate,
) -> (
    Vec<crate::domain::schedule::DayLine>,
    Vec<crate::domain::schedule::Shortfall>,
) {
    use crate::domain::schedule::{match_days, planned_days, shortfalls};
    let look_from = period.from - Duration::days(40);
    let planned = planned_days(&s.plans, cal, look_from, period.to);
    let all = match_days(
        &planned,
        &s.sessions,
        &s.days,
        look_from,
        period.to,
        as_of + Duration::days(1),
    );
    // Judged only where a schedule was in force: a book that keeps none says nothing of the
    // days the head kept (a week without a session is not proof of a day missed).
    let short = match s.level.filter(|_| !s.plans.is_empty()) {
        Some(level) => {
            let in_person: Vec<NaiveDate> = all
                .iter()
                .filter(|l| l.counts_toward_minimum())
                .map(|l| l.day)
                .collect();
            shortfalls(level, &in_person, period.from, as_of.min(period.to), cal)
                .into_iter()
                .filter(|x| {
                    s.plans.iter().any(|p| {
                        p.effective_from <= x.to && p.effective_to.is_none_or(|t| t >= x.from)
                    })
                })
                .collect()
        }
        None => vec![],
    };
    let days = all
        .into_iter()
        .filter(|l| period.from <= l.day && l.day <= as_of)
        .collect();
    (days, short)
}

/// A figure one can point at: a summary figure, a field's petitions, or a table's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Figure(Figure),
    FieldPetitions(i64),
    Cell(Form, u16),
}

impl Target {
    /// `visits`, `summary.cases_resolved`, `petitions.dat_dai` (a field's code),
    /// `01/TCD.4`, `01-TCD:4` (a form of `circular`).
    pub fn parse(
        s: &str,
        fields: &[(i64, String, String, String)],
        circular: Circular,
    ) -> Option<Target> {
        let s = s.trim();
        if let Some(f) = Figure::from_key(s) {
            return Some(Target::Figure(f));
        }
        if let Some(code) = s.strip_prefix("petitions.") {
            return fields
                .iter()
                .find(|f| f.1 == code)
                .map(|f| Target::FieldPetitions(f.0));
        }
        let (form, no) = s.rsplit_once(['.', ':', '#'])?;
        let form = Form::from_code(circular, form)?;
        let no: u16 = no.trim().parse().ok()?;
        form.columns()
            .iter()
            .any(|c| c.no == no)
            .then_some(Target::Cell(form, no))
    }

    /// The stable key of the figure (the inverse of `parse`).
    pub fn key(&self, fields: &[(i64, String, String, String)]) -> String {
        match self {
            Target::Figure(f) => f.key().to_owned(),
            Target::FieldPetitions(id) => format!(
                "petitions.{}",
                fields
                    .iter()
                    .find(|f| f.0 == *id)
                    .map(|f| f.1.as_str())
                    .unwrap_or("?")
            ),
            Target::Cell(form, no) => format!("{}.{no}", form.code()),
        }
    }
}

/// Where a record behind a figure lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Record {
    Visit(i64),
    Case(i64),
    /// A day of the head's reception (01/TCD (10), (16) by the schedule), or the first day
    /// of a week or month short of the minimum.
    Day(NaiveDate),
}

/// One figure: its value and where it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub no: u16,
    pub head: Vec<Head>,
    /// None: the book cannot fill it (see `spec`).
    pub value: Option<u64>,
    pub spec: Result<Measure, Gap>,
}

/// One official table, filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub form: Form,
    pub cells: Vec<Cell>,
}

/// Petitions received in one field (the summary "by field, the fields named").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldFigure {
    pub field_id: i64,
    pub code: String,
    pub name: String,
    pub petitions: u64,
    pub visits: u64,
}

impl FieldFigure {
    /// The rule of this field's petitions (as `Figure::Petitions`, in one field).
    pub fn measure(field_id: i64) -> Measure {
        Measure::visits(
            VisitWhere {
                with_petitions: true,
                field_id: Some(field_id),
                ..VisitWhere::ALL
            },
            VisitMetric::Petitions,
        )
        .plus(Term::Cases(
            CaseWhere {
                field_id: Some(field_id),
                ..CaseWhere::new(CaseCond::ReceivedWritten)
            },
            CaseMetric::Petitions,
        ))
    }

    pub fn visits_measure(field_id: i64) -> Measure {
        Measure::visits(
            VisitWhere {
                field_id: Some(field_id),
                ..VisitWhere::ALL
            },
            VisitMetric::Visits,
        )
    }
}

/// A leader who presided periodic or ad hoc sessions, and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presider {
    pub name: String,
    pub role: Option<PresiderRole>,
    pub sessions: u64,
}

/// A computed period report: the one value every rendering draws from.
#[derive(Debug, Clone)]
pub struct Report {
    pub period: Period,
    /// The circular whose forms the report fills.
    pub circular: Circular,
    /// The day overdue is judged on (the period's end, or today if earlier).
    pub as_of: NaiveDate,
    pub threshold: u32,
    pub summary: Vec<(Figure, u64)>,
    /// Sessions by presiding leader (định kỳ, đột xuất), the head in person or a delegate.
    pub presiding: Vec<Presider>,
    pub by_field: Vec<FieldFigure>,
    pub tables: Vec<Table>,
    pub fields: Vec<(i64, String, String, String)>,
    pub columns: Vec<(String, String)>,
    /// Closed (chốt số liệu): the report holds the figures as they were stored.
    pub closed: Option<Closing>,
    pub(super) visits: Vec<VisitFact>,
    pub(super) n_matters: usize,
    pub(super) cases: Vec<(CaseFact, CaseLife)>,
    pub(super) case_at: HashMap<i64, usize>,
    /// The head's reception days of the period (schedule and sessions matched, issue 29).
    pub days: Vec<crate::domain::schedule::DayLine>,
    /// The weeks or months of the period short of the legal minimum.
    pub shortfalls: Vec<crate::domain::schedule::Shortfall>,
    /// The dialogues held in the period.
    pub(super) dialogues: Vec<DialogueFact>,
}

impl Report {
    /// Count every figure of the period from the book's facts, in the forms of the circular
    /// in force on the period's last day.
    pub fn compute(book: Book, period: Period, today: NaiveDate, dl: &DeadlineBook) -> Report {
        Report::compute_in(book, period, today, dl, Circular::for_period(&period))
    }

    /// The same in the forms of `circular` (tests; a province that asks for another set).
    pub fn compute_in(
        book: Book,
        period: Period,
        today: NaiveDate,
        dl: &DeadlineBook,
        circular: Circular,
    ) -> Report {
        let as_of = today.min(period.to);
        let mut visits = book.visits;
        visits.retain(|v| period.contains(v.day));
        for v in &mut visits {
            v.block = Block::of(v.form, v.role);
        }
        visits.sort_by_key(|v| (v.day, v.minute, v.id));
        // A refusal is no reception: it takes no part in the matters (their first and last
        // visits) and is counted only where a figure names it (`H_REFUSED`).
        let (refused, mut visits): (Vec<VisitFact>, Vec<VisitFact>) =
            visits.into_iter().partition(VisitFact::refused);
        let n_matters = number_matters(&mut visits);
        visits.extend(refused);
        let cases: Vec<(CaseFact, CaseLife)> = book
            .cases
            .into_iter()
            .map(|c| {
                let l = case_life(&c, &period, as_of, dl);
                (c, l)
            })
            .filter(|(_, l)| l.in_book())
            .collect();
        let (days, shortfalls) = reception_days(&book.schedule, dl.calendar, &period, as_of);
        let mut dialogues = book.dialogues;
        dialogues.retain(|d| period.contains(d.held_on));
        dialogues.sort_by_key(|d| d.held_on);
        let mut r = Report {
            days,
            shortfalls,
            dialogues,
            period,
            circular,
            as_of,
            threshold: book.threshold,
            summary: vec![],
            presiding: vec![],
            by_field: vec![],
            tables: vec![],
            fields: book.fields.clone(),
            columns: book.columns.clone(),
            closed: None,
            visits,
            n_matters,
            case_at: cases
                .iter()
                .enumerate()
                .map(|(i, (c, _))| (c.id, i))
                .collect(),
            cases,
        };
        r.summary = Figure::ALL
            .iter()
            .map(|f| (*f, r.count(&f.measure())))
            .collect();
        let used: std::collections::HashSet<i64> = r
            .visits
            .iter()
            .filter(|v| !v.refused())
            .map(|v| v.session_id)
            .collect();
        let mut presiding: HashMap<(String, Option<PresiderRole>), u64> = HashMap::new();
        for s in book.sessions.iter().filter(|s| used.contains(&s.id)) {
            if s.form.needs_presiding() && !s.presiding.is_empty() {
                *presiding.entry((s.presiding.clone(), s.role)).or_default() += 1;
            }
        }
        let mut presiding: Vec<Presider> = presiding
            .into_iter()
            .map(|((name, role), sessions)| Presider {
                name,
                role,
                sessions,
            })
            .collect();
        presiding.sort_by(|a, b| {
            b.sessions
                .cmp(&a.sessions)
                .then(a.name.cmp(&b.name))
                .then(a.role.cmp(&b.role))
        });
        r.presiding = presiding;
        r.by_field = book
            .fields
            .iter()
            .map(|(id, code, name, _)| FieldFigure {
                field_id: *id,
                code: code.clone(),
                name: name.clone(),
                petitions: r.count(&FieldFigure::measure(*id)),
                visits: r.count(&FieldFigure::visits_measure(*id)),
            })
            .collect();
        // Sessions recorded before the book said who presided as what: the columns that
        // depend on it cannot be filled (never guessed).
        let unmarked = r
            .visits
            .iter()
            .any(|v| v.block == Block::Unmarked && !v.refused());
        r.tables = circular
            .forms()
            .iter()
            .map(|form| Table {
                form: *form,
                cells: form
                    .columns()
                    .into_iter()
                    .map(|c| {
                        let spec = match c.spec {
                            Ok(m) if unmarked && m.needs_the_mark() => Err(Gap::Delegation),
                            spec => spec,
                        };
                        Cell {
                            no: c.no,
                            value: spec.as_ref().ok().map(|m| r.count(m)),
                            head: c.head,
                            spec,
                        }
                    })
                    .collect(),
            })
            .collect();
        r
    }

    /// The rule of a target, or why the book cannot fill it.
    pub fn target_measure(&self, t: &Target) -> Result<Measure, Gap> {
        match t {
            Target::Figure(f) => Ok(f.measure()),
            Target::FieldPetitions(id) => Ok(FieldFigure::measure(*id)),
            Target::Cell(form, no) => self
                .cell(*form, *no)
                .map(|c| c.spec.clone())
                .unwrap_or(Err(Gap::PriorStatus)),
        }
    }

    /// A target's value (None: the book cannot fill it), as the report holds it.
    pub fn target_value(&self, t: &Target) -> Option<u64> {
        match t {
            Target::Figure(f) => Some(self.figure(*f)),
            Target::FieldPetitions(id) => self
                .by_field
                .iter()
                .find(|f| f.field_id == *id)
                .map(|f| f.petitions),
            Target::Cell(form, no) => self.cell(*form, *no).and_then(|c| c.value),
        }
    }

    /// The name of a field, by id.
    pub fn field_name(&self, id: i64) -> String {
        self.fields
            .iter()
            .find(|f| f.0 == id)
            .map(|f| f.2.clone())
            .unwrap_or_default()
    }

    /// The name of a report column, by code.
    pub fn column_name(&self, code: &str) -> String {
        self.columns
            .iter()
            .find(|c| c.0 == code)
            .map(|c| c.1.clone())
            .unwrap_or_else(|| code.to_owned())
    }

    /// A summary figure's value.
    pub fn figure(&self, f: Figure) -> u64 {
        self.summary
            .iter()
            .find(|(g, _)| *g == f)
            .map(|(_, v)| *v)
            .unwrap_or(0)
    }

    pub fn table(&self, form: Form) -> Option<&Table> {
        self.tables.iter().find(|t| t.form == form)
    }

    /// The cell `no` of a form.
    pub fn cell(&self, form: Form, no: u16) -> Option<&Cell> {
        self.table(form)?.cells.iter().find(|c| c.no == no)
    }

    /// Settled within own authority (resolved, or withdrawn: the forms' convention), as a
    /// percentage of the cases to resolve.
    pub fn resolved_rate(&self) -> Option<f64> {
        percent(
            self.figure(Figure::CasesSettled),
            self.figure(Figure::CasesToResolve),
        )
    }

    /// The same for complaints alone.
    pub fn complaints_rate(&self) -> Option<f64> {
        percent(
            self.figure(Figure::ComplaintsSettled),
            self.figure(Figure::ComplaintsToResolve),
        )
    }

    /// The same for denunciations alone.
    pub fn denunciations_rate(&self) -> Option<f64> {
        percent(
            self.figure(Figure::DenunciationsSettled),
            self.figure(Figure::DenunciationsToResolve),
        )
    }

    /// Resolved on time, as a percentage of those resolved that have a legal time limit
    /// (on time + late; kiến nghị, phản ánh have no statutory resolution limit, DOMAIN.md
    /// §3.2, and count in neither).
    pub fn on_time_rate(&self) -> Option<f64> {
        percent(
            self.figure(Figure::CasesResolvedOnTime),
            self.with_time_limit(),
        )
    }

    /// Resolved in the period with a legal time limit (on time + late).
    pub fn with_time_limit(&self) -> u64 {
        self.figure(Figure::CasesResolvedOnTime) + self.figure(Figure::CasesResolvedLate)
    }
}
