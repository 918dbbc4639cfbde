//! Lookup (tra cứu): `/` from anywhere, or the Tra cứu tab. Results follow every keystroke,
//! in three sections — citizens, cases, visits — each with its true count; `Enter` opens a
//! citizen's history, a case, or a visit.
//!
//! A keystroke asks for the first rows of each section; the counts follow (both from the
//! lookup's lane, `job::lookup`, for a book on file). `↑`/`↓` move through the rows held, section after section;
//! `PgDn` moves a page down within a section and, past its last row held, loads its next
//! page, so every match can be reached; `PgUp` moves back.

use ratatui_textarea::TextArea;

use super::job::lookup::{Ask, LookupJob};
use super::job::{Event, Ticket};
use super::{App, Command, Overlay};
use crate::domain::text::nfc;
use crate::store::{CitizenRecord, Cursor, HistoryItem, Hits, Kind, LookupResults};

/// How many rows of each section a keystroke asks for.
pub const PER_GROUP: usize = 8;

/// How many rows `PgDn` moves by.
pub const PAGE_ROWS: usize = 8;

/// How many rows a further page of a section holds.
pub const MORE_ROWS: usize = 50;

#[derive(Debug)]
pub struct LookupState {
    pub input: TextArea<'static>,
    pub results: LookupResults,
    /// Index into the rows held, section after section (citizens, cases, visits).
    pub selected: usize,
    /// The query the results are for.
    pub query: String,
    /// The query asked last, and its generation (results of older ones are dropped).
    pub asked: String,
    pub generation: u64,
    /// A further page being loaded: its section, and the row of that section to select
    /// when it arrives.
    pub loading: Option<(Kind, usize)>,
}

/// What a lookup sends back, for the query of `generation`.
#[derive(Debug, Clone)]
pub struct Found {
    pub generation: u64,
    pub query: String,
    pub part: Part,
}

/// A part of a lookup's answer.
#[derive(Debug, Clone)]
pub enum Part {
    /// The first rows of every section (a section whose rows all fit is counted too).
    First(LookupResults),
    /// A further page of one section, and where the next one starts.
    More { hits: Hits, next: Option<Cursor> },
    /// The true counts of one section.
    Counted {
        kind: Kind,
        total: u64,
        exact: Option<u64>,
    },
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
            loading: None,
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

fn kind_of(hits: &Hits) -> Kind {
    match hits {
        Hits::Citizens(_) => Kind::Citizens,
        Hits::Cases(_) => Kind::Cases,
        Hits::Visits(_) => Kind::Visits,
    }
}

impl LookupState {
    pub fn text(&self) -> String {
        nfc(&self.input.lines().join(" "))
    }

    /// Still waiting for the results of what was typed?
    pub fn searching(&self) -> bool {
        self.asked != self.query
    }

    /// Where each section's rows start in the selection's numbering.
    pub fn start_of(&self, kind: Kind) -> usize {
        Kind::ALL
            .iter()
            .take_while(|k| **k != kind)
            .map(|k| self.results.held(*k))
            .sum()
    }

    /// The section of the selected row, and the row's place in it.
    pub fn selected_in(&self) -> Option<(Kind, usize)> {
        let mut i = self.selected;
        for kind in Kind::ALL {
            let n = self.results.held(kind);
            if i < n {
                return Some((kind, i));
            }
            i -= n;
        }
        None
    }

    pub fn picked(&self) -> Option<Picked> {
        let r = &self.results;
        Some(match self.selected_in()? {
            (Kind::Citizens, i) => Picked::Citizen(r.citizens[i].id),
            (Kind::Cases, i) => Picked::Case(r.cases[i].uid.clone()),
            (Kind::Visits, i) => Picked::Visit(r.visits[i].uid.clone()),
        })
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.results.len();
        if n == 0 {
            return;
        }
        self.selected = (self.selected as isize + delta).clamp(0, n as isize - 1) as usize;
    }

    /// `PgDn`: a page down within the section. Returns the section to load further, with the
    /// row to select once it has arrived, when the page goes past the rows held.
    fn page_down(&mut self) -> Option<(Kind, usize)> {
        let (kind, i) = self.selected_in()?;
        let held = self.results.held(kind);
        let start = self.start_of(kind);
        let target = i + PAGE_ROWS;
        if target < held {
            self.selected = start + target;
            return None;
        }
        if self.results.next(kind).is_some() {
            self.selected = start + held - 1;
            return Some((kind, target));
        }
        if i + 1 < held {
            self.selected = start + held - 1;
        } else {
            // At the end of a section held whole: on to the next one.
            self.move_by(1);
        }
        None
    }

    /// `PgUp`: a page up within the section, or to the start of the one before.
    fn page_up(&mut self) {
        let Some((kind, i)) = self.selected_in() else {
            return;
        };
        let start = self.start_of(kind);
        if i == 0 {
            self.move_by(-1);
            if let Some((k, _)) = self.selected_in() {
                self.selected = self.start_of(k);
            }
        } else {
            self.selected = start + i.saturating_sub(PAGE_ROWS);
        }
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
            self.clear_lookup();
            self.overlays.push(Overlay::Lookup);
        }
    }

    /// An empty box. Generations keep counting, so that a late answer to a query of the box
    /// before is never taken for one of this box.
    fn clear_lookup(&mut self) {
        self.lookup = LookupState {
            generation: self.lookup.generation,
            ..LookupState::default()
        };
    }

    /// A key typed into the lookup box: ask for the new text's results (on the lookup's
    /// lane, so the typed character is drawn at once; inline for an in-memory book).
    pub(super) fn lookup_typed(&mut self) {
        let q = self.lookup.text();
        if q == self.lookup.asked {
            return;
        }
        self.lookup.generation += 1;
        self.lookup.asked = q.clone();
        self.lookup.loading = None;
        self.jobs.lookup.ask(LookupJob {
            generation: self.lookup.generation,
            query: q,
            ask: Ask::First {
                per_group: PER_GROUP,
            },
            count: Vec::new(),
        });
        self.redraw = true;
    }

    /// Load the next page of a section (its row `then` is selected when it arrives); the
    /// counts not known yet follow it (the job before is replaced).
    fn lookup_more(&mut self, kind: Kind, then: usize) {
        let Some(from) = self.lookup.results.next(kind) else {
            return;
        };
        if self.lookup.searching() || self.lookup.loading.is_some() {
            return;
        }
        self.lookup.loading = Some((kind, then));
        let r = &self.lookup.results;
        let count = Kind::ALL
            .into_iter()
            .filter(|k| r.counts(*k).0.is_none())
            .collect();
        self.jobs.lookup.ask(LookupJob {
            generation: self.lookup.generation,
            query: self.lookup.query.clone(),
            ask: Ask::More {
                kind,
                from,
                limit: MORE_ROWS,
            },
            count,
        });
    }

    /// A lookup job's message: used only if it answers the newest query.
    pub(super) fn lookup_event(&mut self, ticket: Ticket, event: Event<Found>) {
        if !self.jobs.lookup.is_current(ticket) {
            return;
        }
        match event {
            Event::Out(found) => self.found(found),
            Event::Progress(_) => {}
            Event::Failed(e) => {
                // Nothing came: the section can be asked again.
                self.lookup.loading = None;
                self.report::<()>(Err(e));
            }
        }
    }

    /// Results arrived: used only if they answer the newest query.
    pub(super) fn found(&mut self, f: Found) {
        let st = &mut self.lookup;
        if f.generation != st.generation {
            return;
        }
        match f.part {
            Part::First(results) => {
                st.results = results;
                st.query = f.query;
                st.selected = 0;
                st.loading = None;
            }
            Part::More { hits, next } => {
                let kind = kind_of(&hits);
                st.results.append(hits, next);
                if let Some((k, then)) = st.loading.take_if(|(k, _)| *k == kind) {
                    let held = st.results.held(k);
                    st.selected = st.start_of(k) + then.min(held.saturating_sub(1));
                }
            }
            Part::Counted { kind, total, exact } => st.results.set_count(kind, total, exact),
        }
    }

    pub(super) fn apply_lookup(&mut self, cmd: Command) {
        match cmd {
            Command::Up => self.lookup.move_by(-1),
            Command::Down => self.lookup.move_by(1),
            Command::PageUp => self.lookup.page_up(),
            Command::PageDown => {
                if let Some((kind, then)) = self.lookup.page_down() {
                    self.lookup_more(kind, then);
                }
            }
            Command::Close | Command::Cancel => {
                if matches!(self.overlays.last(), Some(Overlay::Lookup)) {
                    self.overlays.pop();
                } else {
                    // In the Tra cứu tab, Esc clears the query.
                    self.clear_lookup();
                }
            }
            // A case code typed whole — a USB scanner reading a paper's QR code types it
            // and Enter — opens that case at once, whatever the results shown so far.
            Command::Submit if let Some(uid) = self.exact_case_code() => self.open_case_view(&uid),
            Command::Submit | Command::Open => match self.lookup.picked() {
                Some(Picked::Citizen(id)) => self.open_history(id),
                Some(Picked::Case(uid)) => self.open_case_view(&uid),
                Some(Picked::Visit(uid)) => self.open_visit(&uid),
                None => {}
            },
            _ => {}
        }
    }

    /// The case whose code is the whole query (as printed: `KN-2026-BD-0042`), if any.
    fn exact_case_code(&self) -> Option<String> {
        let q = nfc(self.lookup.input.lines().join(" ").trim());
        if q.is_empty() || q.contains(char::is_whitespace) || !q.contains('-') {
            return None;
        }
        self.store.case_uid_by_code(&q).ok().flatten()
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
