//! The report pane's overlays: the records behind a figure (Enter) and its definition (`w`).

use super::RECORDS_SHOWN;
use crate::app::keymap::Context;
use crate::domain::report::{Period, Record, Report, Target};
use crate::exchange::report_text;
use crate::i18n::Lang;
use crate::store::{self, Store, TraceCase, TraceVisit};

/// One record behind a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRow {
    Visit(TraceVisit, u64),
    Case(TraceCase, u64),
}

/// Enter on a figure: the records behind it.
#[derive(Debug)]
pub struct RecordsView {
    pub target: Target,
    pub label: String,
    pub period: Period,
    pub value: Option<u64>,
    /// How many records in all (at most `RECORDS_SHOWN` are listed).
    pub total: usize,
    pub rows: Vec<RecordRow>,
    pub selected: usize,
}

impl RecordsView {
    pub fn load(store: &Store, r: &Report, t: Target, lang: Lang) -> store::Result<RecordsView> {
        let all = match r.target_measure(&t) {
            Ok(m) => r.trace(&m),
            Err(_) => vec![],
        };
        let shown = &all[..all.len().min(RECORDS_SHOWN)];
        let (vids, cids) = report_text::split_records(shown);
        let mut visits = store.trace_visits(&vids)?.into_iter();
        let mut cases = store.trace_cases(&cids)?.into_iter();
        let rows = shown
            .iter()
            .filter_map(|(rec, n)| match rec {
                Record::Visit(_) => visits.next().map(|v| RecordRow::Visit(v, *n)),
                Record::Case(_) => cases.next().map(|c| RecordRow::Case(c, *n)),
                // A day of the schedule: said by the definition, no record to open.
                Record::Day(_) => None,
            })
            .collect();
        Ok(RecordsView {
            target: t,
            label: report_text::target_label(lang, r, &t),
            period: r.period,
            value: r.target_value(&t),
            total: all.len(),
            rows,
            selected: 0,
        })
    }
}

/// `w` on a figure: its definition.
#[derive(Debug)]
pub struct DefinitionView {
    pub label: String,
    pub lines: Vec<String>,
}

/// The overlays of the pane.
#[derive(Debug)]
pub enum ReportOverlay {
    Records(RecordsView),
    Definition(DefinitionView),
}

impl ReportOverlay {
    pub fn context(&self) -> Context {
        match self {
            ReportOverlay::Records(_) => Context::ReportRecords,
            ReportOverlay::Definition(_) => Context::ReportDefinition,
        }
    }
}
