//! Closing a period (chốt số liệu): the figures of a report as they were sent, kept with
//! their SHA-256 digest. A closed period's report is drawn from them — the same report, to
//! the byte, whatever was edited since (a deadline rule, a past day off, a late correction)
//! — and today's book is counted again only to say which figures it would now give
//! differently.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::*;

/// One column of a stored table: its value, or the code of the reason it was left empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredCell {
    pub no: u16,
    pub value: Option<u64>,
    pub gap: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredTable {
    /// The form's number (`01/TCD`), within the circular.
    pub form: String,
    pub cells: Vec<StoredCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredField {
    pub code: String,
    pub name: String,
    pub petitions: u64,
    pub visits: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPresider {
    pub name: String,
    pub role: Option<String>,
    pub sessions: u64,
}

/// A report's figures as sent: everything its renderings print, nothing they do not (no
/// record, no name of a citizen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The period's code (`2026-q1`).
    pub period: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub circular: String,
    pub as_of: NaiveDate,
    /// The unit's name as printed on the report.
    pub unit: String,
    pub threshold: u32,
    /// (figure key, value), in the order of [`Figure::ALL`].
    pub summary: Vec<(String, u64)>,
    pub by_field: Vec<StoredField>,
    pub presiding: Vec<StoredPresider>,
    pub tables: Vec<StoredTable>,
}

/// A figure that differs between the stored report and today's book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `summary.visits`, `01/TCD.3`, `petitions.dat_dai`, `unit`.
    pub key: String,
    pub stored: Option<u64>,
    pub now: Option<u64>,
}

impl Snapshot {
    /// The figures of `r` as printed for `unit`.
    pub fn of(r: &Report, unit: &str) -> Snapshot {
        Snapshot {
            period: r.period.code(),
            from: r.period.from,
            to: r.period.to,
            circular: r.circular.code().to_owned(),
            as_of: r.as_of,
            unit: unit.to_owned(),
            threshold: r.threshold,
            summary: r
                .summary
                .iter()
                .map(|(f, v)| (f.key().to_owned(), *v))
                .collect(),
            by_field: r
                .by_field
                .iter()
                .map(|f| StoredField {
                    code: f.code.clone(),
                    name: f.name.clone(),
                    petitions: f.petitions,
                    visits: f.visits,
                })
                .collect(),
            presiding: r
                .presiding
                .iter()
                .map(|p| StoredPresider {
                    name: p.name.clone(),
                    role: p.role.map(|r| r.code().to_owned()),
                    sessions: p.sessions,
                })
                .collect(),
            tables: r
                .tables
                .iter()
                .map(|t| StoredTable {
                    form: t.form.code().to_owned(),
                    cells: t
                        .cells
                        .iter()
                        .map(|c| StoredCell {
                            no: c.no,
                            value: c.value,
                            gap: c.spec.as_ref().err().map(|g| g.code().to_owned()),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The stored form: compact JSON, fields in a fixed order (the digest is taken of it).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a snapshot serializes")
    }

    pub fn from_json(s: &str) -> Option<Snapshot> {
        serde_json::from_str(s).ok()
    }

    /// The SHA-256 of the stored form, as 64 hex digits.
    pub fn digest(&self) -> String {
        digest_of(&self.to_json())
    }

    /// The report the snapshot holds, to render as it was sent: its figures are the stored
    /// ones; it lists no record (the records behind a figure are today's book's). None when
    /// it does not belong to a known circular or period.
    pub fn report(
        &self,
        fields: Vec<(i64, String, String, String)>,
        columns: Vec<(String, String)>,
    ) -> Option<Report> {
        let circular = Circular::from_code(&self.circular)?;
        let period = Period::parse(&self.period)
            .filter(|p| p.from == self.from && p.to == self.to)
            .or_else(|| Period::range(self.from, self.to))?;
        let summary = self
            .summary
            .iter()
            .filter_map(|(k, v)| Figure::from_key(k).map(|f| (f, *v)))
            .collect();
        // A field is found by its code; one that no longer exists keeps no id.
        let by_field = self
            .by_field
            .iter()
            .map(|f| FieldFigure {
                field_id: fields
                    .iter()
                    .find(|x| x.1 == f.code)
                    .map(|x| x.0)
                    .unwrap_or(-1),
                code: f.code.clone(),
                name: f.name.clone(),
                petitions: f.petitions,
                visits: f.visits,
            })
            .collect();
        let presiding = self
            .presiding
            .iter()
            .map(|p| Presider {
                name: p.name.clone(),
                role: p.role.as_deref().and_then(PresiderRole::from_code),
                sessions: p.sessions,
            })
            .collect();
        let tables = self
            .tables
            .iter()
            .filter_map(|t| {
                let form = Form::from_code(circular, &t.form)?;
                let defs = form.columns();
                let cells = t
                    .cells
                    .iter()
                    .map(|c| {
                        let def = defs.iter().find(|d| d.no == c.no);
                        let spec = match (&c.gap, def) {
                            (Some(g), _) => Err(Gap::from_code(g).unwrap_or(Gap::PriorStatus)),
                            (None, Some(d)) => d.spec.clone(),
                            (None, None) => Err(Gap::PriorStatus),
                        };
                        Cell {
                            no: c.no,
                            head: def.map(|d| d.head.clone()).unwrap_or_default(),
                            value: c.value,
                            spec,
                        }
                    })
                    .collect();
                Some(Table { form, cells })
            })
            .collect();
        Some(Report {
            period,
            circular,
            as_of: self.as_of,
            threshold: self.threshold,
            summary,
            presiding,
            by_field,
            tables,
            fields,
            columns,
            closed: None,
            visits: vec![],
            n_matters: 0,
            cases: vec![],
            case_at: HashMap::new(),
            days: vec![],
            shortfalls: vec![],
            dialogues: vec![],
        })
    }

    /// Every figure that differs from `now` (today's book counted again), in print order.
    pub fn changes(&self, now: &Snapshot) -> Vec<Change> {
        let mut out = vec![];
        if self.unit != now.unit {
            out.push(Change {
                key: "unit".into(),
                stored: None,
                now: None,
            });
        }
        let mut push = |key: String, stored: Option<u64>, now: Option<u64>| {
            if stored != now {
                out.push(Change { key, stored, now });
            }
        };
        for (k, v) in &self.summary {
            let n = now.summary.iter().find(|(x, _)| x == k).map(|(_, v)| *v);
            push(format!("summary.{k}"), Some(*v), n);
        }
        for f in &self.by_field {
            let n = now
                .by_field
                .iter()
                .find(|x| x.code == f.code)
                .map(|x| x.petitions);
            push(format!("petitions.{}", f.code), Some(f.petitions), n);
        }
        for t in &self.tables {
            let nt = now.tables.iter().find(|x| x.form == t.form);
            for c in &t.cells {
                let n = nt
                    .and_then(|nt| nt.cells.iter().find(|x| x.no == c.no))
                    .and_then(|x| x.value);
                push(format!("{}.{}", t.form, c.no), c.value, n);
            }
        }
        out
    }
}

/// The SHA-256 of `text`, as 64 hex digits.
pub fn digest_of(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A period closed: who closed it and when, and the digest of its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing {
    /// When it was closed (YYYY-MM-DDTHH:MM:SS, local time).
    pub at: String,
    /// The officer who closed it.
    pub by: String,
    pub digest: String,
}

/// Whether a period may be closed on `today`: a period of the circulars (a quarter, six or
/// nine months, a year) or a month, once it is over. A range is not closed (an ad hoc report
/// is sent once).
pub fn closable(p: &Period, today: NaiveDate) -> bool {
    p.kind != PeriodKind::Range && p.to < today
}
