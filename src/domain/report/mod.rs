//! Period reports (DOMAIN.md §5): the reporting periods of TT 01/2024/TT-TTCP, the counting
//! rules, and the official data tables as data.
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
//! - a group (đoàn đông người): [`VisitFact::is_group`];
//! - carried over from the previous period, received in the period: [`CaseLife`];
//! - resolved on time: [`CaseLife::on_time`] (the deadline engine's giải quyết due date).

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::calendar::Calendar;
use super::case::{Action, CaseStatus, CaseType, Outcome};
use super::deadline::{self, CaseClock, Obligation, Rule};
use super::visit::{Handling, PetitionType, ReceptionForm};

mod facts;
mod measures;
mod period;
mod summary;
mod tables;
#[cfg(test)]
mod tests;

pub use facts::*;
pub use measures::*;
pub use period::*;
pub use summary::*;
pub use tables::*;

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
    /// `01/TCD.4`, `01-TCD:4`.
    pub fn parse(s: &str, fields: &[(i64, String, String, String)]) -> Option<Target> {
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
        let form = Form::from_code(form)?;
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

/// A computed period report: the one value every rendering draws from.
#[derive(Debug, Clone)]
pub struct Report {
    pub period: Period,
    /// The day overdue is judged on (the period's end, or today if earlier).
    pub as_of: NaiveDate,
    pub threshold: u32,
    pub summary: Vec<(Figure, u64)>,
    /// Sessions by presiding leader (định kỳ, đột xuất): (name, sessions).
    pub presiding: Vec<(String, u64)>,
    pub by_field: Vec<FieldFigure>,
    pub tables: Vec<Table>,
    pub fields: Vec<(i64, String, String, String)>,
    pub columns: Vec<(String, String)>,
    visits: Vec<VisitFact>,
    n_matters: usize,
    cases: Vec<(CaseFact, CaseLife)>,
    case_at: HashMap<i64, usize>,
}

impl Report {
    /// Count every figure of the period from the book's facts.
    pub fn compute(book: Book, period: Period, today: NaiveDate, dl: &DeadlineBook) -> Report {
        let as_of = today.min(period.to);
        let mut visits = book.visits;
        visits.retain(|v| period.contains(v.day));
        visits.sort_by_key(|v| (v.day, v.minute, v.id));
        let n_matters = number_matters(&mut visits);
        let cases: Vec<(CaseFact, CaseLife)> = book
            .cases
            .into_iter()
            .map(|c| {
                let l = case_life(&c, &period, as_of, dl);
                (c, l)
            })
            .filter(|(_, l)| l.in_book())
            .collect();
        let mut r = Report {
            period,
            as_of,
            threshold: book.threshold,
            summary: vec![],
            presiding: vec![],
            by_field: vec![],
            tables: vec![],
            fields: book.fields.clone(),
            columns: book.columns.clone(),
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
        let used: std::collections::HashSet<i64> = r.visits.iter().map(|v| v.session_id).collect();
        let mut presiding: HashMap<String, u64> = HashMap::new();
        for s in book.sessions.iter().filter(|s| used.contains(&s.id)) {
            if s.form.needs_presiding() && !s.presiding.is_empty() {
                *presiding.entry(s.presiding.clone()).or_default() += 1;
            }
        }
        let mut presiding: Vec<_> = presiding.into_iter().collect();
        presiding.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
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
        r.tables = Form::ALL
            .iter()
            .map(|form| Table {
                form: *form,
                cells: form
                    .columns()
                    .into_iter()
                    .map(|c| Cell {
                        no: c.no,
                        value: c.spec.as_ref().ok().map(|m| r.count(m)),
                        head: c.head,
                        spec: c.spec,
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
            Target::Cell(form, no) => form
                .columns()
                .into_iter()
                .find(|c| c.no == *no)
                .map(|c| c.spec)
                .unwrap_or(Err(Gap::PriorStatus)),
        }
    }

    /// A target's value (None: the book cannot fill it).
    pub fn target_value(&self, t: &Target) -> Option<u64> {
        self.target_measure(t).ok().map(|m| self.count(&m))
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

    /// Resolved within own authority, as a percentage of the cases to resolve.
    pub fn resolved_rate(&self) -> Option<f64> {
        percent(
            self.figure(Figure::CasesResolved),
            self.figure(Figure::CasesOwnAuthority),
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

    fn visit_terms<'a>(&'a self, w: &'a VisitWhere) -> impl Iterator<Item = &'a VisitFact> + 'a {
        self.visits
            .iter()
            .filter(move |v| w.accepts(v, self.threshold))
    }

    fn case_terms<'a>(
        &'a self,
        w: &'a CaseWhere,
    ) -> impl Iterator<Item = &'a (CaseFact, CaseLife)> + 'a {
        self.cases.iter().filter(move |(c, l)| w.accepts(c, l))
    }

    /// The value of a measure.
    pub fn count(&self, m: &Measure) -> u64 {
        m.terms.iter().map(|t| self.count_term(t)).sum()
    }

    fn count_term(&self, t: &Term) -> u64 {
        match t {
            Term::Visits(w, metric) => {
                let vs = self.visit_terms(w);
                match metric {
                    VisitMetric::Visits => vs.count() as u64,
                    VisitMetric::People => vs.map(|v| u64::from(v.people)).sum(),
                    VisitMetric::Petitions => vs.map(|v| u64::from(v.petitions)).sum(),
                    VisitMetric::Matters => matters(vs, self.n_matters).len() as u64,
                    VisitMetric::MattersFirst => matters(vs, self.n_matters)
                        .iter()
                        .filter(|v| !v.repeat)
                        .count() as u64,
                    VisitMetric::MattersRepeat => matters(vs, self.n_matters)
                        .iter()
                        .filter(|v| v.repeat)
                        .count() as u64,
                    VisitMetric::Sessions => {
                        let mut s: Vec<i64> = vs.map(|v| v.session_id).collect();
                        s.sort_unstable();
                        s.dedup();
                        s.len() as u64
                    }
                }
            }
            Term::Cases(w, metric) => {
                let cs = self.case_terms(w);
                match metric {
                    CaseMetric::Cases => cs.count() as u64,
                    CaseMetric::Petitions => cs.map(|(_, l)| u64::from(l.petitions)).sum(),
                }
            }
        }
    }

    /// The records behind a measure, each with what it adds to the figure. For matters, the
    /// first visit of each matter counted; for sessions, the first visit of each session.
    pub fn trace(&self, m: &Measure) -> Vec<(Record, u64)> {
        let mut out = Vec::new();
        for t in &m.terms {
            match t {
                Term::Visits(w, metric) => {
                    let vs = self.visit_terms(w);
                    let rows: Vec<(&VisitFact, u64)> = match metric {
                        VisitMetric::Visits => vs.map(|v| (v, 1)).collect(),
                        VisitMetric::People => vs.map(|v| (v, u64::from(v.people))).collect(),
                        VisitMetric::Petitions => vs.map(|v| (v, u64::from(v.petitions))).collect(),
                        VisitMetric::Matters => matters(vs, self.n_matters)
                            .into_iter()
                            .map(|v| (v, 1))
                            .collect(),
                        VisitMetric::MattersFirst => matters(vs, self.n_matters)
                            .into_iter()
                            .filter(|v| !v.repeat)
                            .map(|v| (v, 1))
                            .collect(),
                        VisitMetric::MattersRepeat => matters(vs, self.n_matters)
                            .into_iter()
                            .filter(|v| v.repeat)
                            .map(|v| (v, 1))
                            .collect(),
                        VisitMetric::Sessions => {
                            let mut seen = std::collections::HashSet::new();
                            vs.filter(|v| seen.insert(v.session_id))
                                .map(|v| (v, 1))
                                .collect()
                        }
                    };
                    out.extend(rows.into_iter().map(|(v, n)| (Record::Visit(v.id), n)));
                }
                Term::Cases(w, metric) => {
                    out.extend(self.case_terms(w).map(|(c, l)| {
                        let n = match metric {
                            CaseMetric::Cases => 1,
                            CaseMetric::Petitions => u64::from(l.petitions),
                        };
                        (Record::Case(c.id), n)
                    }));
                }
            }
        }
        out
    }

    /// The life of a case of the book in this period (for the records list).
    pub fn case_life(&self, id: i64) -> Option<&CaseLife> {
        self.case_at.get(&id).map(|i| &self.cases[*i].1)
    }

    /// Visits per calendar month of the period, for one field (None: all fields).
    pub fn visits_by_month(&self, field_id: Option<i64>) -> Vec<((i32, u32), u64)> {
        let mut out: Vec<((i32, u32), u64)> =
            self.period.months().into_iter().map(|m| (m, 0)).collect();
        for v in &self.visits {
            if field_id.is_some_and(|f| f != v.field_id) {
                continue;
            }
            let key = (v.day.year(), v.day.month());
            if let Some(e) = out.iter_mut().find(|(m, _)| *m == key) {
                e.1 += 1;
            }
        }
        out
    }

    /// Own-authority cases resolved per calendar month of the period: (month, resolved, on
    /// time).
    pub fn resolved_by_month(&self) -> Vec<((i32, u32), u64, u64)> {
        let mut out: Vec<((i32, u32), u64, u64)> = self
            .period
            .months()
            .into_iter()
            .map(|m| (m, 0, 0))
            .collect();
        for (_, l) in &self.cases {
            if !(l.own() && l.resolved_in_period) {
                continue;
            }
            let Some((day, _)) = l.closed else { continue };
            if let Some(e) = out
                .iter_mut()
                .find(|(m, _, _)| *m == (day.year(), day.month()))
            {
                e.1 += 1;
                if l.on_time == Some(true) {
                    e.2 += 1;
                }
            }
        }
        out
    }
}
