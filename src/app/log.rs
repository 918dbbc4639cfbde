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
    /// The group threshold the counters were counted with.
    counters_threshold: u32,
    /// The days next to the one shown (and the one last left), read ahead while the officer
    /// is idle so that `[` `]` only redraw: each with the book's stamp and the group
    /// threshold it was read at, used only while both are still the same.
    nearby: Vec<Nearby>,
}

/// A day read ahead.
#[derive(Debug)]
struct Nearby {
    day: NaiveDate,
    stamp: store::DataStamp,
    threshold: u32,
    rows: Vec<VisitRow>,
    counters: DayCounters,
}

/// How many days are kept read ahead: the day before, the day after, and the one left.
const NEARBY: usize = 3;

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
            counters_threshold: 0,
            nearby: Vec::new(),
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
        let ahead = self
            .nearby
            .iter()
            .position(|n| n.day == day && n.stamp == stamp && n.threshold == threshold);
        let (rows, counters) = match ahead {
            Some(i) => {
                let n = self.nearby.swap_remove(i);
                (n.rows, n.counters)
            }
            None => (store.visits_on(day)?, store.day_counters(day, threshold)?),
        };
        if day != self.day {
            self.selected = 0;
            self.offset.set(0);
            // The day left, kept for a key back to it (when its rows are still the book's).
            if let Some((left_at, left)) = self.loaded
                && left == self.day
                && left_at == stamp
            {
                let left = Nearby {
                    day: self.day,
                    stamp,
                    threshold: self.counters_threshold,
                    rows: std::mem::take(&mut self.rows),
                    counters: self.counters,
                };
                self.keep_nearby(left);
            }
        }
        self.day = day;
        self.rows = rows;
        self.counters = counters;
        self.counters_threshold = threshold;
        if let Some(uid) = select_uid
            && let Some(pos) = self.rows.iter().position(|r| r.uid == uid)
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.loaded = Some((stamp, day));
        Ok(())
    }

    fn keep_nearby(&mut self, n: Nearby) {
        self.nearby.retain(|k| k.day != n.day);
        self.nearby.push(n);
        if self.nearby.len() > NEARBY {
            self.nearby.remove(0);
        }
    }

    /// Idle work: read one of the days next to the one shown, when it is not read ahead at
    /// the book's stamp already. Returns whether it read one (a key then waits for that one
    /// read at most).
    pub fn warm_nearby(&mut self, store: &Store, threshold: u32) -> store::Result<bool> {
        let stamp = store.data_stamp();
        if self.loaded != Some((stamp, self.day)) {
            // The day shown is not the book's now: it is read again first, by its pane.
            return Ok(false);
        }
        for day in [self.day.pred_opt(), self.day.succ_opt()]
            .into_iter()
            .flatten()
        {
            let fresh = self
                .nearby
                .iter()
                .any(|n| n.day == day && n.stamp == stamp && n.threshold == threshold);
            if !fresh {
                let rows = store.visits_on(day)?;
                let counters = store.day_counters(day, threshold)?;
                self.keep_nearby(Nearby {
                    day,
                    stamp,
                    threshold,
                    rows,
                    counters,
                });
                return Ok(true);
            }
        }
        Ok(false)
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
