//! State of the reception-log pane: one day, its visits and counters, the selection.

use std::cell::Cell;

use chrono::NaiveDate;

use crate::domain::visit::DayCounters;
use crate::store::{self, Store, VisitRow};

#[derive(Debug)]
pub struct LogState {
    pub day: NaiveDate,
    pub rows: Vec<VisitRow>,
    pub counters: DayCounters,
    pub selected: usize,
    /// First visible row; render keeps the selection in view (scroll state only).
    pub offset: Cell<usize>,
    /// Rows that fit on screen at the last render (for PageUp/PageDown).
    pub page: Cell<usize>,
    /// When the rows were read (the day shown, not today).
    pub loaded: store::Loaded,
}

impl LogState {
    pub fn new(day: NaiveDate) -> LogState {
        LogState {
            day,
            rows: vec![],
            counters: DayCounters::default(),
            selected: 0,
            offset: Cell::new(0),
            page: Cell::new(10),
            loaded: None,
        }
    }

    /// Load `day` from the store, keeping the selection on `select_uid` if given.
    pub fn load(
        &mut self,
        store: &Store,
        day: NaiveDate,
        threshold: u32,
        select_uid: Option<&str>,
    ) -> store::Result<()> {
        let stamp = store.data_stamp();
        let rows = store.visits_on(day)?;
        let counters = store.day_counters(day, threshold)?;
        if day != self.day {
            self.selected = 0;
            self.offset.set(0);
        }
        self.day = day;
        self.rows = rows;
        self.counters = counters;
        if let Some(uid) = select_uid
            && let Some(pos) = self.rows.iter().position(|r| r.uid == uid)
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.loaded = Some((stamp, day));
        Ok(())
    }

    pub fn selected_row(&self) -> Option<&VisitRow> {
        self.rows.get(self.selected)
    }

    /// Move the selection by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let last = self.rows.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn first(&mut self) {
        self.selected = 0;
    }

    pub fn last(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
    }
}

impl super::App {
    /// `n`: a new visit. On today (or a day still to come: never logged ahead) the form opens
    /// on today; on an earlier day the officer is asked which day — often they are back-filling
    /// that day's paper book, but a citizen at the desk now is today's (Enter, `n`).
    pub(super) fn new_visit(&mut self) {
        let shown = self.log.day;
        if shown < self.today {
            let q = super::Question::NewVisitDay {
                shown,
                today: self.today,
            };
            self.overlays.push(super::Overlay::Confirm(q));
        } else {
            self.new_visit_on(self.today);
        }
    }

    /// Open the new-visit form dated `day`, at the time the form opens.
    pub(super) fn new_visit_on(&mut self, day: NaiveDate) {
        let time = self.now().format("%H:%M").to_string();
        self.open_form(super::VisitForm::new_draft(day, &time));
    }
}
