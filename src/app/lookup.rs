//! Lookup (tra cứu): `/` from anywhere, or the Tra cứu tab. Results follow every keystroke,
//! grouped as citizens, cases and visits; `Enter` opens a citizen's history, a case, or a
//! visit.

use ratatui_textarea::TextArea;

use super::worker::Job;
use super::{App, Command, Overlay};
use crate::domain::text::nfc;
use crate::store::{CitizenRecord, HistoryItem, LookupResults};

/// How many results of each group are shown.
pub const PER_GROUP: usize = 8;

#[derive(Debug)]
pub struct LookupState {
    pub input: TextArea<'static>,
    pub results: LookupResults,
    /// Index into the flattened results (citizens, then cases, then visits).
    pub selected: usize,
    /// The query the results are for.
    pub query: String,
    /// The query asked last, and its generation (results of older ones are dropped).
    pub asked: String,
    pub generation: u64,
}

/// Results of a lookup, for the query of `generation`.
#[derive(Debug, Clone)]
pub struct Found {
    pub generation: u64,
    pub query: String,
    pub results: LookupResults,
}

impl Default for LookupState {
    fn default() -> Self {
        let mut input = TextArea::default();
        input.set_cursor_line_style(ratatui::style::Style::default());
        LookupState {
            input,
            results: LookupResults::default(),
            selected: 0,
            query: String::new(),
            asked: String::new(),
            generation: 0,
        }
    }
}

/// What the selection points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    Citizen(i64),
    Case(String),
    Visit(String),
}

impl LookupState {
    pub fn text(&self) -> String {
        nfc(&self.input.lines().join(" "))
    }

    /// Still waiting for the results of what was typed?
    pub fn searching(&self) -> bool {
        self.asked != self.query
    }

    pub fn picked(&self) -> Option<Picked> {
        let r = &self.results;
        if let Some(c) = r.citizens.get(self.selected) {
            return Some(Picked::Citizen(c.id));
        }
        let i = self.selected.checked_sub(r.citizens.len())?;
        if let Some(k) = r.cases.get(i) {
            return Some(Picked::Case(k.uid.clone()));
        }
        let i = i.checked_sub(r.cases.len())?;
        r.visits.get(i).map(|v| Picked::Visit(v.uid.clone()))
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.results.len();
        if n == 0 {
            return;
        }
        self.selected = (self.selected as isize + delta).clamp(0, n as isize - 1) as usize;
    }
}

/// A citizen's whole history (from a lookup result).
#[derive(Debug)]
pub struct HistoryView {
    pub citizen: CitizenRecord,
    pub items: Vec<HistoryItem>,
    pub selected: usize,
}

impl App {
    /// `/`: a fresh lookup box over whatever is open.
    pub(super) fn open_lookup(&mut self) {
        if !matches!(self.overlays.last(), Some(Overlay::Lookup)) {
            self.lookup = LookupState::default();
            self.overlays.push(Overlay::Lookup);
        }
    }

    /// A key typed into the lookup box: ask for the new text's results (on the worker, so
    /// the typed character is drawn at once; inline for an in-memory book).
    pub(super) fn lookup_typed(&mut self) {
        let q = self.lookup.text();
        if q == self.lookup.asked {
            return;
        }
        self.lookup.generation += 1;
        self.lookup.asked = q.clone();
        let job = Job {
            generation: self.lookup.generation,
            query: q,
            per_group: PER_GROUP,
        };
        if let Some(job) = self.searcher.submit(job) {
            let r = self.store.lookup(&job.query, job.per_group);
            if let Some(results) = self.report(r) {
                self.found(Found {
                    generation: job.generation,
                    query: job.query,
                    results,
                });
            }
        }
    }

    /// Results arrived: shown only if they answer the newest query.
    pub(super) fn found(&mut self, f: Found) {
        if f.generation != self.lookup.generation {
            return;
        }
        self.lookup.results = f.results;
        self.lookup.query = f.query;
        self.lookup.selected = 0;
    }

    pub(super) fn apply_lookup(&mut self, cmd: Command) {
        match cmd {
            Command::Up => self.lookup.move_by(-1),
            Command::Down => self.lookup.move_by(1),
            Command::PageUp => self.lookup.move_by(-(super::lookup::PER_GROUP as isize)),
            Command::PageDown => self.lookup.move_by(super::lookup::PER_GROUP as isize),
            Command::Close | Command::Cancel => {
                if matches!(self.overlays.last(), Some(Overlay::Lookup)) {
                    self.overlays.pop();
                } else {
                    // In the Tra cứu tab, Esc clears the query.
                    self.lookup = LookupState::default();
                }
            }
            Command::Submit | Command::Open => match self.lookup.picked() {
                Some(Picked::Citizen(id)) => self.open_history(id),
                Some(Picked::Case(uid)) => self.open_case_view(&uid),
                Some(Picked::Visit(uid)) => self.open_visit(&uid),
                None => {}
            },
            _ => {}
        }
    }

    fn open_history(&mut self, citizen_id: i64) {
        let r = self.store.citizen(citizen_id);
        let Some(Some(citizen)) = self.report(r) else {
            return;
        };
        let r = self.store.citizen_history(citizen_id);
        if let Some(items) = self.report(r) {
            self.overlays.push(Overlay::History(Box::new(HistoryView {
                citizen,
                items,
                selected: 0,
            })));
        }
    }

    pub(super) fn apply_history(&mut self, cmd: Command) {
        let Some(Overlay::History(h)) = self.overlays.last_mut() else {
            return;
        };
        let n = h.items.len();
        match cmd {
            Command::Up if h.selected > 0 => h.selected -= 1,
            Command::Down if h.selected + 1 < n => h.selected += 1,
            Command::Close => {
                self.overlays.pop();
            }
            Command::Open => match h.items.get(h.selected).cloned() {
                Some(HistoryItem::Case { hit, .. }) => self.open_case_view(&hit.uid),
                Some(HistoryItem::Visit { uid, .. }) => self.open_visit(&uid),
                None => {}
            },
            _ => {}
        }
    }
}
