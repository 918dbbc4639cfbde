//! Application state and its single transition entry point, [`App::apply`].
//!
//! Keys are routed by precedence — top overlay (help, confirm, prompt, form…) → pane → global —
//! and resolve through the keymap table to a [`Command`]. Nothing here draws; `ui` renders
//! `&App`. Time comes from an injected clock so tests and snapshots are deterministic.

pub mod board;
mod cases;
pub mod combo;
pub mod command;
mod deadlines;
pub mod form;
pub mod keymap;
pub mod log;
pub mod lookup;
pub mod queue;

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

pub use board::{BoardState, CatalogSection, CatalogState, ExplainView};
pub use command::Command;
pub use form::VisitForm;
pub use keymap::Context;
pub use log::LogState;
pub use lookup::{HistoryView, LookupState, Picked};
pub use queue::{CaseView, Entry, EntryInput, EntryKey, EntryPurpose, QueueFocus, QueueState};

use crate::domain::case::Action;
use crate::domain::date::{DateError, format_date, parse_date};
use crate::domain::ident::{check_id_number, check_phone};
use crate::domain::text::{clean_line, nfc};
use crate::domain::visit::{FormField, VisitDraft, validate};
use crate::i18n::{Lang, Msg};
use crate::store::{
    self, DRAFT_VISIT_FORM, Field, NewCase, Officer, StepInput, Store, VisitDetail, VisitInput,
    settings,
};
use form::KeyOutcome;

/// Smallest terminal the app draws in; below it a notice is shown (and `q` still quits).
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// How long the form must stay unchanged before its draft is written.
pub const DRAFT_DELAY: Duration = Duration::from_millis(700);

/// The wall clock, injectable.
pub type Clock = Box<dyn Fn() -> NaiveDateTime>;

/// A one-line prompt (go to date, a new officer's name).
#[derive(Debug)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub input: TextArea<'static>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptPurpose {
    GotoDate,
    NewOfficer,
}

impl Prompt {
    fn new(purpose: PromptPurpose) -> Prompt {
        let mut input = TextArea::default();
        input.set_cursor_line_style(ratatui::style::Style::default());
        Prompt {
            purpose,
            input,
            error: None,
        }
    }

    pub fn text(&self) -> String {
        nfc(&self.input.lines().join(" "))
    }
}

/// First start: the unit's name and the first officer.
#[derive(Debug)]
pub struct Setup {
    pub unit: TextArea<'static>,
    pub officer: TextArea<'static>,
    /// 0: unit, 1: officer.
    pub focus: usize,
    pub error: Option<String>,
}

/// Choosing the officer at the keyboard.
#[derive(Debug)]
pub struct Picker {
    pub officers: Vec<Officer>,
    /// Index into officers; `officers.len()` is "add an officer".
    pub selected: usize,
}

/// A step of a case, typed and waiting for the officer's confirmation.
#[derive(Debug, Clone)]
pub struct PendingStep {
    pub case_uid: String,
    pub code: String,
    pub action: Action,
    pub input: StepInput,
}

/// A petition (a visit with handling thụ lý, or a written one) whose citizen already has an
/// open case in the same field.
#[derive(Debug, Clone)]
pub struct RepeatLink {
    /// The visit to attach (None for a written petition).
    pub visit_uid: Option<String>,
    pub day: NaiveDate,
    pub case_uid: String,
    pub code: String,
    pub citizen_name: String,
    pub field: String,
    /// The case to open instead, if the officer says no.
    pub new_case: Box<NewCase>,
    /// A written petition's citizen, to create or update when a new case is opened instead.
    pub citizen: Option<Box<WrittenCitizen>>,
}

/// Who a written petition is from, as typed and checked.
#[derive(Debug, Clone)]
pub struct WrittenCitizen {
    pub full_name: String,
    pub id_number: Option<crate::domain::ident::IdNumber>,
    pub phone: Option<crate::domain::ident::Phone>,
    pub address: String,
    pub known: Option<i64>,
}

/// Questions that need a yes or no.
#[derive(Debug)]
pub enum Question {
    DiscardForm,
    QuitWithForm,
    RestoreDraft(Box<VisitDraft>),
    /// An irreversible step of a case.
    ConfirmStep(Box<PendingStep>),
    /// Reveal a denouncer's identity (audited).
    Reveal {
        case_uid: String,
        code: String,
    },
    /// Reveal the denouncer of a visit of type tố cáo (audited); then edit it if asked.
    RevealVisit {
        uid: String,
        then_edit: bool,
    },
    /// Link a repeat petition to the open case, or open a new one.
    LinkRepeat(Box<RepeatLink>),
    /// Remove a day from the calendar.
    RemoveDay {
        day: NaiveDate,
        name: String,
    },
    /// Confirm a year's computed days off as announced.
    ConfirmYear(i32),
}

/// The panes (tabs) of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Log,
    Queue,
    Board,
    Catalog,
    Lookup,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Log,
        Pane::Queue,
        Pane::Board,
        Pane::Lookup,
        Pane::Catalog,
    ];

    pub fn title(self) -> Msg {
        match self {
            Pane::Log => Msg::TabLog,
            Pane::Queue => Msg::TabQueue,
            Pane::Board => Msg::TabBoard,
            Pane::Catalog => Msg::TabCatalog,
            Pane::Lookup => Msg::TabLookup,
        }
    }

    /// The digit that shows the pane (5 is kept for the reports pane).
    pub fn key(self) -> char {
        match self {
            Pane::Log => '1',
            Pane::Queue => '2',
            Pane::Board => '3',
            Pane::Lookup => '4',
            Pane::Catalog => '6',
        }
    }

    pub fn short_title(self) -> Msg {
        match self {
            Pane::Log => Msg::TabLogShort,
            Pane::Queue => Msg::TabQueueShort,
            Pane::Board => Msg::TabBoardShort,
            Pane::Catalog => Msg::TabCatalog,
            Pane::Lookup => Msg::TabLookup,
        }
    }

    fn context(self) -> Context {
        match self {
            Pane::Log => Context::Log,
            Pane::Queue => Context::Queue,
            Pane::Board => Context::Board,
            Pane::Catalog => Context::Catalog,
            Pane::Lookup => Context::Lookup,
        }
    }
}

#[derive(Debug)]
pub enum Overlay {
    Help,
    Detail(Box<VisitDetail>),
    Prompt(Box<Prompt>),
    Confirm(Question),
    Setup(Box<Setup>),
    Picker(Picker),
    Form(Box<VisitForm>),
    Case(Box<CaseView>),
    Entry(Box<Entry>),
    Explain(Box<ExplainView>),
    /// The lookup box and its results (the state lives in `App::lookup`).
    Lookup,
    History(Box<HistoryView>),
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help => Context::Help,
            Overlay::Detail(_) => Context::Detail,
            Overlay::Prompt(_) | Overlay::Setup(_) => Context::Prompt,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::Picker(_) => Context::Picker,
            Overlay::Form(_) => Context::Form,
            Overlay::Case(_) => Context::Case,
            Overlay::Entry(_) => Context::Entry,
            Overlay::Explain(_) => Context::Explain,
            Overlay::Lookup => Context::Lookup,
            Overlay::History(_) => Context::History,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
}

pub struct App {
    pub store: Store,
    pub lang: Lang,
    clock: Clock,
    pub today: NaiveDate,
    pub officer: Option<Officer>,
    pub unit: String,
    pub is_demo: bool,
    pub fields: Vec<Field>,
    pub threshold: u32,
    pub log: LogState,
    /// The working-day calendar (due dates shown as working days left).
    pub calendar: crate::domain::calendar::Calendar,
    pub pane: Pane,
    pub queue: QueueState,
    pub board: BoardState,
    pub catalog: CatalogState,
    pub lookup: LookupState,
    /// Visits of type tố cáo whose denouncer this officer revealed (audited) in this session.
    pub revealed_visits: std::collections::HashSet<String>,
    /// (overdue, due today) over all open obligations, for the status line.
    pub alerts: (u32, u32),
    pub overlays: Vec<Overlay>,
    pub status: Option<Status>,
    pub should_quit: bool,
    /// Terminal size, as last drawn.
    pub viewport: (u16, u16),
    /// `NO_COLOR`: draw with modifiers only.
    pub no_color: bool,
}

impl App {
    /// Build the app over an open store. Asks for the first officer on a new database, lets
    /// the officer be chosen when there are several, and offers to restore a crashed draft.
    pub fn new(store: Store, lang: Lang, clock: Clock) -> store::Result<App> {
        let today = clock().date();
        let mut app = App {
            unit: store.unit_name()?,
            is_demo: store.is_demo()?,
            fields: store.fields()?,
            threshold: store.group_threshold()?,
            store,
            lang,
            clock,
            today,
            officer: None,
            log: LogState::new(today),
            calendar: crate::domain::calendar::Calendar::default(),
            pane: Pane::Log,
            queue: QueueState::default(),
            board: BoardState::default(),
            catalog: CatalogState::default(),
            lookup: LookupState::default(),
            revealed_visits: Default::default(),
            alerts: (0, 0),
            overlays: vec![],
            status: None,
            should_quit: false,
            viewport: (80, 24),
            no_color: false,
        };
        app.calendar = app.store.calendar()?;
        app.alerts = app.store.deadline_alerts(today)?;
        app.reload_log(None);
        let officers = app.store.officers()?;
        let last: Option<i64> = app
            .store
            .setting(settings::LAST_OFFICER)?
            .and_then(|v| v.parse().ok());
        match officers.len() {
            0 => app.overlays.push(Overlay::Setup(Box::new(Setup {
                unit: single_line(&app.unit),
                officer: single_line(""),
                focus: if app.unit.is_empty() { 0 } else { 1 },
                error: None,
            }))),
            1 => app.choose_officer(officers[0].clone())?,
            _ => {
                let selected = officers
                    .iter()
                    .position(|o| Some(o.id) == last)
                    .unwrap_or(0);
                app.overlays
                    .push(Overlay::Picker(Picker { officers, selected }));
            }
        }
        Ok(app)
    }

    /// The current time from the injected clock.
    pub fn now(&self) -> NaiveDateTime {
        (self.clock)()
    }

    /// The context whose keys apply now.
    pub fn context(&self) -> Context {
        self.overlays
            .last()
            .map(Overlay::context)
            .unwrap_or(self.pane.context())
    }

    /// The context of the pane under the overlays.
    pub fn pane_context(&self) -> Context {
        self.pane.context()
    }

    /// The open visit form, if any (it may sit under a question or the help).
    pub fn form(&self) -> Option<&VisitForm> {
        self.overlays.iter().rev().find_map(|o| match o {
            Overlay::Form(f) => Some(f.as_ref()),
            _ => None,
        })
    }

    fn form_mut(&mut self) -> Option<&mut VisitForm> {
        self.overlays.iter_mut().rev().find_map(|o| match o {
            Overlay::Form(f) => Some(f.as_mut()),
            _ => None,
        })
    }

    fn info(&mut self, text: String) {
        self.status = Some(Status {
            text,
            kind: StatusKind::Info,
        });
    }

    fn error(&mut self, text: String) {
        self.status = Some(Status {
            text,
            kind: StatusKind::Error,
        });
    }

    fn report<T>(&mut self, r: store::Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(Msg::CliSql.fill(self.lang, &[&e]));
                None
            }
        }
    }

    fn reload_log(&mut self, select_uid: Option<&str>) {
        let day = self.log.day;
        let r = self.log.load(&self.store, day, self.threshold, select_uid);
        self.report(r);
    }

    fn go_to_day(&mut self, day: NaiveDate) {
        let r = self.log.load(&self.store, day, self.threshold, None);
        self.report(r);
    }

    fn too_small(&self) -> bool {
        self.viewport.0 < MIN_WIDTH || self.viewport.1 < MIN_HEIGHT
    }

    // ---- input ---------------------------------------------------------------------------

    /// A key press from the terminal.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if self.too_small() {
            let quit = matches!(key.code, KeyCode::Char('q') | KeyCode::Esc)
                || (key.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(key.code, KeyCode::Char('c' | 'q')));
            if quit {
                self.quit_now();
            }
            return;
        }
        let ctx = self.context();
        if let Some(cmd) = keymap::resolve(ctx, &key) {
            self.apply(cmd);
            return;
        }
        // Not a command: text for the focused input.
        if ctx == Context::Lookup {
            if key.code != KeyCode::Enter {
                self.lookup.input.input(key);
                self.lookup_typed();
            }
            return;
        }
        match self.overlays.last_mut() {
            Some(Overlay::Form(form)) => {
                let outcome = form.type_key(key);
                self.after_form_key(outcome);
            }
            Some(Overlay::Prompt(p)) if key.code != KeyCode::Enter => {
                p.input.input(key);
                p.error = None;
            }
            Some(Overlay::Entry(e)) => {
                let row = e.focused();
                match &mut row.input {
                    EntryInput::Text(ta) => {
                        if key.code != KeyCode::Enter {
                            ta.input(key);
                        }
                    }
                    EntryInput::Choice(c) => match key.code {
                        KeyCode::Char(ch) => c.type_str(&ch.to_string()),
                        KeyCode::Backspace => c.backspace(),
                        _ => {}
                    },
                }
            }
            Some(Overlay::Setup(s)) if key.code != KeyCode::Enter => {
                let ta = if s.focus == 0 {
                    &mut s.unit
                } else {
                    &mut s.officer
                };
                ta.input(key);
                s.error = None;
            }
            _ => {}
        }
    }

    /// Pasted text (bracketed paste): goes to the focused input, never to key bindings.
    pub fn handle_paste(&mut self, text: &str) {
        if self.context() == Context::Lookup {
            self.lookup
                .input
                .insert_str(nfc(&text.replace(['\n', '\r'], " ")));
            self.lookup_typed();
            return;
        }
        match self.overlays.last_mut() {
            Some(Overlay::Form(form)) => {
                let changed = form.paste(text);
                if changed {
                    form.mark_changed(None);
                }
            }
            Some(Overlay::Prompt(p)) => {
                p.input.insert_str(nfc(&text.replace(['\n', '\r'], " ")));
            }
            Some(Overlay::Entry(e)) => match &mut e.focused().input {
                EntryInput::Text(ta) => {
                    ta.insert_str(nfc(&text.replace(['\n', '\r'], " ")));
                }
                EntryInput::Choice(c) => c.type_str(text),
            },
            Some(Overlay::Setup(s)) => {
                let ta = if s.focus == 0 {
                    &mut s.unit
                } else {
                    &mut s.officer
                };
                ta.insert_str(nfc(&text.replace(['\n', '\r'], " ")));
            }
            _ => {}
        }
    }

    fn after_form_key(&mut self, outcome: KeyOutcome) {
        match outcome {
            KeyOutcome::Changed => {
                if let Some(f) = self.form_mut() {
                    f.mark_changed(None);
                }
            }
            KeyOutcome::Advance => self.apply(Command::NextField),
            KeyOutcome::Back => self.apply(Command::PrevField),
            KeyOutcome::Nothing => {}
        }
    }

    /// Periodic work between events: the date rollover and the draft autosave.
    pub fn tick(&mut self, now: Instant) {
        let today = self.now().date();
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
        }
        let due = self
            .form()
            .and_then(|f| f.unsaved_since)
            .is_some_and(|since| now.duration_since(since) >= DRAFT_DELAY);
        if due {
            self.save_draft();
        }
    }

    /// Write the open form as a draft now.
    pub fn save_draft(&mut self) {
        let Some(officer_id) = self.officer.as_ref().map(|o| o.id) else {
            return;
        };
        let Some(form) = self.form() else { return };
        let payload = match serde_json::to_string(&form.to_draft()) {
            Ok(p) => p,
            Err(_) => return,
        };
        let stamp = self.now().format("%H:%M:%S").to_string();
        let r = self
            .store
            .save_draft(officer_id, DRAFT_VISIT_FORM, &payload);
        if self.report(r).is_some()
            && let Some(f) = self.form_mut()
        {
            f.unsaved_since = None;
            f.draft_saved_at = Some(stamp);
        }
    }

    fn clear_draft(&mut self) {
        if let Some(officer_id) = self.officer.as_ref().map(|o| o.id) {
            let r = self.store.clear_draft(officer_id, DRAFT_VISIT_FORM);
            self.report(r);
        }
    }

    fn quit_now(&mut self) {
        if self.form().is_some_and(VisitForm::is_dirty) {
            self.save_draft();
        }
        self.should_quit = true;
    }

    // ---- commands ------------------------------------------------------------------------

    /// The single transition entry point.
    pub fn apply(&mut self, cmd: Command) {
        let ctx = self.context();
        match (ctx, cmd) {
            (_, Command::Quit) => {
                if self.form().is_some_and(VisitForm::is_dirty) && ctx != Context::Confirm {
                    self.save_draft();
                    self.overlays.push(Overlay::Confirm(Question::QuitWithForm));
                } else {
                    self.quit_now();
                }
            }
            (Context::Help, Command::Close) => {
                self.overlays.pop();
            }
            (_, Command::Help) => self.overlays.push(Overlay::Help),
            (_, Command::Lookup) => self.open_lookup(),
            (Context::Detail, Command::Close) => {
                self.overlays.pop();
            }
            (Context::Detail, Command::EditVisit) => {
                let Some(Overlay::Detail(d)) = self.overlays.last() else {
                    return;
                };
                if self.visit_masked(d) {
                    let uid = d.row.uid.clone();
                    self.ask_reveal_visit(uid, true);
                } else if let Some(Overlay::Detail(d)) = self.overlays.pop() {
                    self.open_form(d.to_draft());
                }
            }
            (Context::Detail, Command::Reveal) => {
                if let Some(Overlay::Detail(d)) = self.overlays.last()
                    && self.visit_masked(d)
                {
                    let uid = d.row.uid.clone();
                    self.ask_reveal_visit(uid, false);
                }
            }
            (Context::Detail, Command::AddCase) => self.add_case_from_visit(),
            (
                Context::Log | Context::Queue | Context::Board | Context::Catalog | Context::Lookup,
                Command::ShowLog,
            ) => self.show_pane(Pane::Log),
            (
                Context::Log | Context::Queue | Context::Board | Context::Catalog | Context::Lookup,
                Command::ShowQueue,
            ) => self.show_pane(Pane::Queue),
            (
                Context::Log | Context::Queue | Context::Board | Context::Catalog | Context::Lookup,
                Command::ShowBoard,
            ) => self.show_pane(Pane::Board),
            (
                Context::Log | Context::Queue | Context::Board | Context::Catalog | Context::Lookup,
                Command::ShowCatalog,
            ) => self.show_pane(Pane::Catalog),
            (
                Context::Log | Context::Queue | Context::Board | Context::Catalog | Context::Lookup,
                Command::ShowLookup,
            ) => self.show_pane(Pane::Lookup),
            (
                Context::Log | Context::Queue | Context::Board | Context::Catalog | Context::Lookup,
                Command::NextPane | Command::PrevPane,
            ) => {
                let i = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
                let n = Pane::ALL.len();
                let next = if cmd == Command::NextPane {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.show_pane(Pane::ALL[next]);
            }
            (Context::Log, _) => self.apply_log(cmd),
            (Context::Queue, _) => self.apply_queue(cmd),
            (Context::Case, _) => self.apply_case(cmd),
            (Context::Entry, _) => self.apply_entry(cmd),
            (Context::Board, _) => self.apply_board(cmd),
            (Context::Catalog, _) => self.apply_catalog(cmd),
            (Context::Explain, Command::Close) => {
                self.overlays.pop();
            }
            (
                Context::Explain,
                Command::Up | Command::Down | Command::PageUp | Command::PageDown,
            ) => {
                let page = self.viewport.1.saturating_sub(6).max(1);
                if let Some(Overlay::Explain(v)) = self.overlays.last_mut() {
                    v.scroll = match cmd {
                        Command::Up => v.scroll.saturating_sub(1),
                        Command::Down => v.scroll.saturating_add(1),
                        Command::PageUp => v.scroll.saturating_sub(page),
                        _ => v.scroll.saturating_add(page),
                    };
                }
            }
            (Context::Lookup, _) => self.apply_lookup(cmd),
            (Context::History, _) => self.apply_history(cmd),
            (Context::Form, _) => self.apply_form(cmd),
            (Context::Prompt, _) => self.apply_prompt(cmd),
            (Context::Confirm, Command::Confirm | Command::Deny) => {
                if let Some(Overlay::Confirm(q)) = self.overlays.pop() {
                    self.answer(q, cmd == Command::Confirm);
                }
            }
            (Context::Picker, _) => self.apply_picker(cmd),
            _ => {}
        }
    }

    fn apply_log(&mut self, cmd: Command) {
        let page = self.log.page.get().max(1) as isize;
        match cmd {
            Command::Up => self.log.move_by(-1),
            Command::Down => self.log.move_by(1),
            Command::PageUp => self.log.move_by(-page),
            Command::PageDown => self.log.move_by(page),
            Command::First => self.log.first(),
            Command::Last => self.log.last(),
            Command::PrevDay => self.go_to_day(self.log.day.pred_opt().unwrap_or(self.log.day)),
            Command::NextDay => self.go_to_day(self.log.day.succ_opt().unwrap_or(self.log.day)),
            Command::Today => self.go_to_day(self.today),
            Command::GotoDate => self.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
                PromptPurpose::GotoDate,
            )))),
            Command::Open => {
                if let Some(uid) = self.log.selected_row().map(|r| r.uid.clone()) {
                    let r = self.store.visit_detail(&uid);
                    if let Some(d) = self.report(r) {
                        self.overlays.push(Overlay::Detail(Box::new(d)));
                    }
                }
            }
            Command::NewVisit => {
                let time = self.now().format("%H:%M").to_string();
                self.open_form(VisitForm::new_draft(self.log.day, &time));
            }
            Command::EditVisit => {
                if let Some(uid) = self.log.selected_row().map(|r| r.uid.clone()) {
                    let r = self.store.visit_detail(&uid);
                    if let Some(d) = self.report(r) {
                        if self.visit_masked(&d) {
                            self.ask_reveal_visit(uid, true);
                        } else {
                            self.open_form(d.to_draft());
                        }
                    }
                }
            }
            Command::SwitchOfficer => {
                let r = self.store.officers();
                if let Some(officers) = self.report(r) {
                    let selected = officers
                        .iter()
                        .position(|o| Some(o.id) == self.officer.as_ref().map(|x| x.id))
                        .unwrap_or(0);
                    self.overlays
                        .push(Overlay::Picker(Picker { officers, selected }));
                }
            }
            _ => {}
        }
    }

    fn open_form(&mut self, draft: VisitDraft) {
        let form =
            VisitForm::from_draft(draft, &self.fields, self.threshold, self.lang, self.today);
        self.status = None;
        self.overlays.push(Overlay::Form(Box::new(form)));
    }

    fn apply_form(&mut self, cmd: Command) {
        match cmd {
            Command::NextField | Command::PrevField => {
                let Some(form) = self.form_mut() else { return };
                let left = form.move_focus(cmd == Command::NextField);
                self.after_leaving(left);
            }
            Command::Up | Command::Down => {
                let Some(form) = self.form_mut() else { return };
                let outcome = form.arrow(cmd == Command::Down);
                self.after_form_key(outcome);
            }
            Command::Save => self.save_form(),
            Command::Cancel => {
                if self.form().is_some_and(VisitForm::is_dirty) {
                    self.overlays.push(Overlay::Confirm(Question::DiscardForm));
                } else {
                    self.close_form();
                }
            }
            _ => {}
        }
    }

    /// After an input is left: validate, look for a returning citizen, write the draft.
    fn after_leaving(&mut self, left: FormField) {
        self.revalidate();
        let new_visit = self.form().is_some_and(|f| f.editing_uid.is_none());
        if new_visit
            && matches!(
                left,
                FormField::FullName | FormField::IdNumber | FormField::Phone
            )
        {
            self.find_repeat();
        }
        if self.form().is_some_and(VisitForm::is_dirty) {
            if let Some(f) = self.form_mut() {
                f.mark_changed(None);
            }
            self.save_draft();
        }
    }

    fn revalidate(&mut self) {
        let codes: Vec<String> = self.fields.iter().map(|f| f.code.clone()).collect();
        let (today, threshold) = (self.today, self.threshold);
        if let Some(form) = self.form_mut() {
            form.problems = validate(&form.to_draft(), today, threshold, &codes).problems;
        }
    }

    fn find_repeat(&mut self) {
        let Some(form) = self.form() else { return };
        let today = self.today;
        let idn = check_id_number(&form.value(FormField::IdNumber), today)
            .ok()
            .map(|i| i.value);
        let phone = check_phone(&form.value(FormField::Phone))
            .ok()
            .map(|p| p.value);
        let name = clean_line(&form.value(FormField::FullName));
        if idn.is_none() && (phone.is_none() || name.is_empty()) {
            if let Some(f) = self.form_mut() {
                f.repeat = None;
            }
            return;
        }
        let r = self
            .store
            .find_citizen(idn.as_deref(), &name, phone.as_deref());
        if let Some(found) = self.report(r)
            && let Some(f) = self.form_mut()
        {
            f.repeat = found;
        }
    }

    fn save_form(&mut self) {
        let Some(officer_id) = self.officer.as_ref().map(|o| o.id) else {
            return;
        };
        let codes: Vec<String> = self.fields.iter().map(|f| f.code.clone()).collect();
        let (today, threshold, lang) = (self.today, self.threshold, self.lang);
        let Some(form) = self.form_mut() else { return };
        let draft = form.to_draft();
        let v = validate(&draft, today, threshold, &codes);
        form.problems = v.problems.clone();
        form.show_all = true;
        let Some(valid) = v.visit else {
            let errors: Vec<FormField> = v.errors().map(|(f, _)| *f).collect();
            let mut distinct = errors.clone();
            distinct.dedup();
            if let Some(first) = errors.first() {
                form.focus_on(*first);
            }
            self.error(Msg::FormHasErrors.fill(lang, &[&distinct.len()]));
            return;
        };
        let input = VisitInput {
            visit: &valid,
            day: form.day,
            time: form.time.clone(),
            citizen_id: form.repeat.as_ref().map(|r| r.id),
        };
        let editing = form.editing_uid.clone();
        let result = match &editing {
            Some(uid) => self
                .store
                .update_visit(officer_id, uid, &input)
                .map(|()| uid.clone()),
            None => self.store.save_visit(officer_id, &input),
        };
        match result {
            Ok(uid) => {
                let day = input.day;
                self.close_form();
                let r = self.log.load(&self.store, day, self.threshold, Some(&uid));
                self.report(r);
                let msg = if editing.is_some() {
                    Msg::FormUpdated
                } else {
                    Msg::FormSaved
                };
                self.info(msg.fill(lang, &[&valid.full_name]));
                if editing.is_none() {
                    self.intake_after_visit(&uid);
                }
            }
            Err(e) => self.error(Msg::FormSaveFailed.fill(lang, &[&e])),
        }
    }

    fn close_form(&mut self) {
        self.clear_draft();
        // A message about the form (its errors) goes with it.
        self.status = None;
        if let Some(pos) = self
            .overlays
            .iter()
            .rposition(|o| matches!(o, Overlay::Form(_)))
        {
            self.overlays.truncate(pos);
        }
    }

    fn apply_prompt(&mut self, cmd: Command) {
        match self.overlays.last_mut() {
            Some(Overlay::Setup(s)) => match cmd {
                Command::NextField | Command::PrevField => {
                    s.focus = 1 - s.focus;
                }
                Command::Submit => {
                    if s.focus == 0 {
                        s.focus = 1;
                    } else {
                        self.finish_setup();
                    }
                }
                _ => {}
            },
            Some(Overlay::Prompt(p)) => match cmd {
                Command::Cancel => {
                    self.overlays.pop();
                }
                Command::Submit => {
                    let text = p.text();
                    match p.purpose {
                        PromptPurpose::GotoDate => match parse_date(&text, self.today) {
                            Ok(day) => {
                                self.overlays.pop();
                                self.go_to_day(day);
                            }
                            Err(e) => {
                                let m = match e {
                                    DateError::Format => Msg::ErrDateFormat,
                                    DateError::NoSuchDay => Msg::ErrDateNoSuchDay,
                                };
                                p.error = Some(m.t(self.lang).to_owned());
                            }
                        },
                        PromptPurpose::NewOfficer => {
                            let name = clean_line(&text);
                            if name.is_empty() {
                                p.error = Some(Msg::ErrRequired.t(self.lang).to_owned());
                                return;
                            }
                            let by = self.officer.as_ref().map(|o| o.id);
                            let r = self.store.add_officer(by, &name, "");
                            if let Some(o) = self.report(r) {
                                self.overlays.pop();
                                if let Some(Overlay::Picker(_)) = self.overlays.last() {
                                    self.overlays.pop();
                                }
                                let r = self.choose_officer(o);
                                self.report(r);
                            }
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn finish_setup(&mut self) {
        let Some(Overlay::Setup(s)) = self.overlays.last_mut() else {
            return;
        };
        let unit = clean_line(&s.unit.lines().join(" "));
        let name = clean_line(&s.officer.lines().join(" "));
        if unit.is_empty() {
            s.focus = 0;
            s.error = Some(format!(
                "{}: {}",
                Msg::SetupUnit.t(self.lang),
                Msg::ErrRequired.t(self.lang)
            ));
            return;
        }
        if name.is_empty() {
            s.focus = 1;
            s.error = Some(format!(
                "{}: {}",
                Msg::SetupOfficer.t(self.lang),
                Msg::ErrRequired.t(self.lang)
            ));
            return;
        }
        let r = self.store.add_officer(None, &name, "");
        let Some(officer) = self.report(r) else {
            return;
        };
        let r = self
            .store
            .set_setting(Some(officer.id), settings::UNIT_NAME, &unit);
        if self.report(r).is_none() {
            return;
        }
        self.unit = unit;
        self.overlays.pop();
        let r = self.choose_officer(officer);
        self.report(r);
    }

    fn apply_picker(&mut self, cmd: Command) {
        let Some(Overlay::Picker(p)) = self.overlays.last_mut() else {
            return;
        };
        let n = p.officers.len() + 1;
        match cmd {
            Command::Up => p.selected = (p.selected + n - 1) % n,
            Command::Down => p.selected = (p.selected + 1) % n,
            Command::Submit => {
                if p.selected == p.officers.len() {
                    self.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
                        PromptPurpose::NewOfficer,
                    ))));
                } else {
                    let o = p.officers[p.selected].clone();
                    self.overlays.pop();
                    let r = self.choose_officer(o);
                    self.report(r);
                }
            }
            Command::Cancel if self.officer.is_some() => {
                self.overlays.pop();
            }
            _ => {}
        }
    }

    /// Is this visit's citizen a denouncer not revealed to this officer? (Luật Tố cáo Art 8(3))
    pub fn visit_masked(&self, d: &VisitDetail) -> bool {
        d.row.petition_type == crate::domain::visit::PetitionType::ToCao
            && !self.revealed_visits.contains(&d.row.uid)
    }

    fn ask_reveal_visit(&mut self, uid: String, then_edit: bool) {
        self.overlays
            .push(Overlay::Confirm(Question::RevealVisit { uid, then_edit }));
    }

    fn reveal_visit(&mut self, uid: &str, then_edit: bool) {
        let Some(officer_id) = self.officer.as_ref().map(|o| o.id) else {
            return;
        };
        let r = self.store.reveal_visit(officer_id, uid);
        if self.report(r).is_none() {
            return;
        }
        self.revealed_visits.insert(uid.to_owned());
        self.info(Msg::CaseRevealed.t(self.lang).to_owned());
        if then_edit {
            if matches!(self.overlays.last(), Some(Overlay::Detail(_))) {
                self.overlays.pop();
            }
            let r = self.store.visit_detail(uid);
            if let Some(d) = self.report(r) {
                self.open_form(d.to_draft());
            }
        }
    }

    /// Make `o` the officer at the keyboard, remember them, and offer their crashed draft.
    fn choose_officer(&mut self, o: Officer) -> store::Result<()> {
        let switching = self.officer.as_ref().is_some_and(|cur| cur.id != o.id);
        // What one officer revealed is not revealed to the next.
        self.revealed_visits.clear();
        self.store
            .set_setting(Some(o.id), settings::LAST_OFFICER, &o.id.to_string())?;
        if switching {
            self.info(Msg::OfficerSwitched.fill(self.lang, &[&o.full_name]));
        }
        let draft = self.store.load_draft(o.id, DRAFT_VISIT_FORM)?;
        self.officer = Some(o);
        if let Some(payload) = draft
            && let Ok(d) = serde_json::from_str::<VisitDraft>(&payload)
        {
            self.overlays
                .push(Overlay::Confirm(Question::RestoreDraft(Box::new(d))));
        }
        Ok(())
    }

    fn answer(&mut self, q: Question, yes: bool) {
        match (q, yes) {
            (Question::DiscardForm, true) => self.close_form(),
            (Question::QuitWithForm, true) => self.should_quit = true,
            (Question::RestoreDraft(d), true) => {
                self.open_form(*d);
                if let Some(f) = self.form_mut() {
                    // Restored text counts as typed: show its problems and keep it dirty.
                    f.initial = VisitDraft::default();
                    f.touched.extend(form::ORDER.iter().copied());
                }
                self.revalidate();
                self.find_repeat();
            }
            (Question::RestoreDraft(_), false) => self.clear_draft(),
            (Question::ConfirmStep(p), true) => self.commit_step(&p),
            (Question::ConfirmStep(_), false) => {}
            (Question::Reveal { case_uid, code }, true) => self.reveal(&case_uid, &code),
            (Question::Reveal { .. }, false) => {}
            (Question::RevealVisit { uid, then_edit }, true) => self.reveal_visit(&uid, then_edit),
            (Question::RevealVisit { .. }, false) => {}
            (Question::LinkRepeat(l), true) => {
                let day = l.day;
                self.link_repeat(&l, day);
            }
            (Question::LinkRepeat(l), false) => match &l.citizen {
                Some(w) => self.open_written_case(w, &l.new_case),
                None => self.open_new_case(&l.new_case),
            },
            (Question::RemoveDay { day, .. }, true) => self.remove_day(day),
            (Question::ConfirmYear(y), true) => self.confirm_year(y),
            (Question::RemoveDay { .. } | Question::ConfirmYear(_), false) => {}
            (Question::DiscardForm | Question::QuitWithForm, false) => {}
        }
    }

    /// The label of a day in the header: "Chủ Nhật, 22/11/2026 (hôm nay)".
    pub fn day_label(&self, day: NaiveDate) -> String {
        use chrono::Datelike;
        let mut s = format!(
            "{}, {}",
            crate::i18n::weekday(self.lang, day.weekday()),
            format_date(day)
        );
        if day == self.today {
            s.push_str(&format!(" ({})", Msg::TodayMark.t(self.lang)));
        }
        s
    }
}

fn single_line(value: &str) -> TextArea<'static> {
    let mut ta = TextArea::new(vec![value.to_owned()]);
    ta.set_cursor_line_style(ratatui::style::Style::default());
    ta.move_cursor(ratatui_textarea::CursorMove::End);
    ta
}
