//! Between inputs: the lanes' work handed out and taken in, a reveal's scope, and the
//! periodic tick (the idle lock, the date rollover, the draft autosave, another desk's
//! writes followed, the idle checkpoint).

use std::time::Instant;

use crate::domain::identity::Record;

use super::{App, DRAFT_DELAY, IDLE_CHECKPOINT, Overlay, Pane};

impl App {
    /// Jobs of a book without a second connection (in memory) run here, at once: their
    /// messages are applied before `apply` returns, as if they had come from a lane.
    pub(super) fn run_inline(&mut self) {
        let j = &mut self.jobs;
        if j.lookup.is_threaded()
            && j.report.is_threaded()
            && j.export.is_threaded()
            && j.book.is_threaded()
        {
            return;
        }
        if !j.lookup.is_threaded() {
            j.lookup.dispatch(&self.store);
        }
        if !j.report.is_threaded() {
            j.report.dispatch(&self.store);
        }
        if !j.export.is_threaded() {
            j.export.dispatch(&self.store);
        }
        if !j.book.is_threaded() {
            j.book.dispatch(&self.store);
        }
        for m in self.jobs.take_inline() {
            self.apply(m);
        }
    }

    /// Hand the work asked for to the lanes (the event loop calls this after each frame,
    /// so that a woken lane never delays the frame that shows the key).
    pub fn dispatch(&mut self) {
        self.jobs.dispatch(&self.store);
        for m in self.jobs.take_inline() {
            self.apply(m);
        }
    }

    /// A reveal lasts as long as the view that asked for it: once the visit, the case or the
    /// form of a revealed denouncer is closed, every surface masks them again.
    pub(super) fn scope_reveals(&mut self) {
        let open: Vec<Record> = self
            .overlays
            .iter()
            .filter_map(|o| match o {
                Overlay::Detail(d) => Some(Record::Visit(d.row.uid.clone())),
                Overlay::Case(c) => Some(Record::Case(c.detail.row.uid.clone())),
                Overlay::Form(f) => f.editing_uid.clone().map(Record::Visit),
                _ => None,
            })
            .collect();
        self.viewer.keep_only(&open.iter().collect::<Vec<_>>());
    }

    /// Periodic work between events: the date rollover and the draft autosave.
    pub(super) fn tick(&mut self, now: Instant) {
        // The idle lock first: it writes the forms as drafts itself.
        self.check_idle();
        let today = self.now().date();
        let mut changed = false;
        if today != self.today {
            let was_on_today = self.log.day == self.today;
            self.today = today;
            if was_on_today {
                self.go_to_day(today);
            }
            // A new day: obligations fall due or overdue.
            self.refresh_alerts();
            if self.pane == Pane::Board {
                self.reload_board();
            }
            changed = true;
        }
        let due = self
            .form()
            .and_then(|f| f.unsaved_since)
            .is_some_and(|since| now.duration_since(since) >= DRAFT_DELAY);
        if due {
            self.save_draft();
            changed = true;
        }
        let entry_due = self
            .entry()
            .and_then(|e| e.unsaved_since)
            .is_some_and(|since| now.duration_since(since) >= DRAFT_DELAY);
        if entry_due {
            self.save_entry_draft();
            changed = true;
        }
        // Another desk wrote to the book: the pane on screen follows (not under a form being
        // typed, which the officer is looking at instead), and so do the alerts.
        if self.form().is_none() && self.entry().is_none() && !self.pane_is_current(self.pane) {
            self.reload_pane(self.pane);
            self.refresh_alerts();
            changed = true;
        }
        // Quiet after a write: the book file catches up with the WAL. A checkpoint that
        // fails loses nothing (the WAL keeps every commit) and is tried again next tick; a
        // disk in trouble speaks at the next write.
        if now.saturating_duration_since(self.last_input) >= IDLE_CHECKPOINT {
            let _ = self.store.checkpoint_idle();
        }
        self.redraw |= changed;
    }

    /// Whether a draft waits to be written (the loop wakes up for it).
    pub fn draft_pending(&self) -> bool {
        self.form().is_some_and(|f| f.unsaved_since.is_some())
            || self.entry().is_some_and(|e| e.unsaved_since.is_some())
    }
}
