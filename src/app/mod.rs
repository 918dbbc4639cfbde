//! Application state and its single transition entry point, [`App::apply`].
//!
//! Every input becomes a [`Msg`] — a command resolved through the keymap table, text for the
//! focused input, a paste, the passing of time, or a result from a worker — and `apply` is
//! the only way state changes. Keys are routed by precedence: top overlay (help, confirm,
//! prompt, form…) → pane → global. Nothing here draws; `ui` renders `&App`. Time comes from
//! an injected clock so tests and snapshots are deterministic.

pub mod audit;
pub mod board;
mod book_export;
mod bounded;
mod cases;
pub mod combo;
pub mod command;
pub mod conflict;
mod deadlines;
pub mod dialogues;
mod duties;
pub mod entry;
mod entry_draft;
pub mod form;
mod input;
pub mod job;
pub mod keymap;
pub mod lock;
pub mod log;
pub mod lookup;
pub mod messages;
mod officer;
pub mod overlay;
pub mod papers;
pub mod queue;
pub mod report;
mod report_desk;
pub mod schedule;
mod start;
mod steps;
mod turn;
mod visit;

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};

pub use board::{BoardState, CatalogSection, CatalogState, ExplainView};
pub use command::Command;
pub use dialogues::{DialogueLine, DialoguesView};
pub use entry::{Entry, EntryInput, EntryKey, EntryPurpose};
pub use form::VisitForm;
pub use keymap::Context;
pub use lock::{LockScreen, LockWhy};
pub use log::LogState;
pub use lookup::{HistoryView, LookupState, Picked};
pub use overlay::{
    NameClash, Overlay, Pane, PendingIntake, PendingStep, Picker, PickerRow, Prompt, PromptPurpose,
    Question, RepeatLink, Setup, WrittenCitizen,
};
pub use queue::{CaseView, QueueFocus, QueueState};
pub use report::{ReportOverlay, ReportState, ReportView};
pub use schedule::ScheduleView;

use crate::domain::date::format_date;
use crate::domain::identity::Viewer;
use crate::i18n::{Lang, Msg as Text};
use crate::store::{self, Actor, Field, Store, Writer};

/// Smallest terminal the app draws in; below it a notice is shown (and `q` still quits).
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// How long the form must stay unchanged before its draft is written.
pub const DRAFT_DELAY: Duration = Duration::from_millis(700);

/// How long the desk stays without a key, after a write, before the book file is brought up
/// to date (a checkpoint that waits for nobody): then the file alone is the book.
pub const IDLE_CHECKPOINT: Duration = Duration::from_secs(2);

/// The wall clock, injectable.
pub type Clock = Box<dyn Fn() -> NaiveDateTime>;

/// Everything that reaches the app.
#[derive(Debug)]
pub enum Msg {
    /// A command (a key resolved through the keymap, or a test).
    Cmd(Command),
    /// A key that is not a command here: text for the focused input.
    Text(ratatui::crossterm::event::KeyEvent),
    /// Pasted text (bracketed paste).
    Paste(String),
    /// Time passes: the draft autosave and the date rollover.
    Tick(Instant),
    /// A lookup job's message (rows, a further page, a count), for the job of `Ticket`.
    Lookup(job::Ticket, Box<job::Event<lookup::Found>>),
    /// A report job's message (the pane's report, the charts' year).
    Report(job::Ticket, Box<job::Event<job::report::Counted>>),
    /// An export job's message (the file written, or why not).
    Export(
        job::Ticket,
        Box<job::Event<Result<(crate::domain::report::Period, std::path::PathBuf), String>>>,
    ),
    /// The log pane's export of the book (progress, the file written, or why not).
    Book(job::Ticket, Box<job::Event<job::book::Written>>),
    /// The process is asked to stop (a signal): keep what is typed, then quit.
    Stop,
}

impl From<Command> for Msg {
    fn from(c: Command) -> Msg {
        Msg::Cmd(c)
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
    /// The officer at the keyboard, signed in (every write is theirs). While the screen is
    /// locked, the officer whose desk it is.
    pub actor: Option<Actor>,
    /// The lock screen, when it is up: nothing of the book is drawn then.
    pub lock: Option<LockScreen>,
    /// When the officer last pressed a key (the injected clock's time): the idle lock.
    last_key: NaiveDateTime,
    /// Seconds without a key before the screen locks (the book's setting).
    lock_after: u64,
    /// What this officer revealed of denouncers (each reveal audited); the identity rule.
    pub viewer: Viewer,
    /// Show the recovery code of keys this start made, once, after sign-in (the real
    /// terminal only: a test's screen stays the same from run to run).
    pub announce_keys: bool,
    /// This window (app instance): its drafts are its own while it lives.
    pub window: String,
    /// This window's mark of life on the book (its drafts are not offered to others).
    _lease: Option<store::WindowLease>,
    /// Drafts of other windows (a crash) still to offer, newest first.
    pub drafts_waiting: Vec<store::Draft>,
    /// Panes read ahead while idle, at the stamp they were read at (a failed read is not
    /// tried again until the book changes).
    warmed: Vec<(Pane, store::DataStamp)>,
    pub unit: String,
    pub is_demo: bool,
    pub fields: Vec<Field>,
    pub threshold: u32,
    /// The calendar, the alerts and the day's log are still to be read ([`App::finish_start`]).
    start_pending: bool,
    pub log: LogState,
    /// The working-day calendar (due dates shown as working days left).
    pub calendar: crate::domain::calendar::Calendar,
    pub pane: Pane,
    pub queue: QueueState,
    pub board: BoardState,
    pub catalog: CatalogState,
    pub lookup: LookupState,
    /// The reports pane: its period, the report computed and the view.
    pub reports: ReportState,
    /// Slow work (lookups, reports, exports), each kind on its lane: a thread with its own
    /// connection once the event loop attaches them, else inline.
    pub jobs: job::Jobs,
    /// The days of the book export under way, as the status line names them.
    pub book_exporting: Option<String>,
    /// (overdue, due today) over all open obligations, for the status line.
    pub alerts: (u32, u32),
    pub overlays: Vec<Overlay>,
    pub status: Option<Status>,
    /// The last messages of the status line, for `F2`.
    pub messages: messages::MessageLog,
    pub should_quit: bool,
    /// Terminal size, as last drawn.
    pub viewport: (u16, u16),
    /// `NO_COLOR`: draw with modifiers only.
    pub no_color: bool,
    /// When the officer last pressed a key or pasted (the idle checkpoint waits for quiet).
    last_input: Instant,
    /// Whether the screen may differ from the last frame drawn (the loop skips drawing a
    /// frame that a quiet tick left unchanged).
    pub redraw: bool,
}

impl App {
    /// The current time from the injected clock.
    pub fn now(&self) -> NaiveDateTime {
        (self.clock)()
    }

    /// The context whose keys apply now.
    pub fn context(&self) -> Context {
        if self.lock.is_some() {
            return Context::Lock;
        }
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
        self.say(Status {
            text,
            kind: StatusKind::Info,
        });
    }

    fn error(&mut self, text: String) {
        self.say(Status {
            text,
            kind: StatusKind::Error,
        });
    }

    /// Put a message in the status line, and keep it for `F2`.
    fn say(&mut self, status: Status) {
        self.remember(&status);
        self.status = Some(status);
    }

    /// Report a failed store call in the status line (in the officer's words).
    fn report<T>(&mut self, r: store::Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(self.store_error(&e));
                None
            }
        }
    }

    /// One write on behalf of the officer at the keyboard.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> store::Result<T>,
    ) -> store::Result<T> {
        let Some(actor) = self.actor.as_ref() else {
            return Err(store::StoreError::NotPermitted);
        };
        self.store.write(actor, f)
    }

    /// Whether the book would take this write from the officer at the keyboard now, every
    /// check made and nothing written.
    fn check<T>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> store::Result<T>,
    ) -> store::Result<T> {
        let Some(actor) = self.actor.as_ref() else {
            return Err(store::StoreError::NotPermitted);
        };
        self.store.check(actor, f)
    }

    /// The write that saves a form, with the form's draft of this window cleared in the same
    /// transaction: a kill can never land between the two, so a draft is never left to save
    /// the same visit (or step) twice.
    fn write_form<T>(
        &mut self,
        kind: &'static str,
        f: impl FnOnce(&mut Writer<'_>) -> store::Result<T>,
    ) -> store::Result<T> {
        let window = self.window.clone();
        self.write(|w| {
            let out = f(w)?;
            crate::store::crash_point("form-saved");
            w.clear_draft(kind, &window)?;
            Ok(out)
        })
    }

    /// Read again what the screen shows (after a change made elsewhere: another desk, or a
    /// test writing through the store).
    pub fn refresh(&mut self) {
        self.reload_log(None);
        self.after_cases_changed();
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

    /// The single transition entry point: every input, text included, comes through here.
    pub fn apply(&mut self, msg: impl Into<Msg>) {
        let msg = msg.into();
        // The start's reads left for after the first frame, before any input sees the app.
        if let Err(e) = self.finish_start() {
            self.report::<()>(Err(e));
        }
        if matches!(msg, Msg::Cmd(_) | Msg::Text(_) | Msg::Paste(_)) {
            self.last_key = self.now();
            self.last_input = Instant::now();
        }
        if !matches!(msg, Msg::Tick(_)) {
            self.redraw = true;
        }
        match msg {
            Msg::Cmd(cmd) => self.command(cmd),
            Msg::Text(key) => self.type_text(key),
            Msg::Paste(text) => self.paste(&text),
            Msg::Tick(now) => self.tick(now),
            Msg::Lookup(ticket, event) => self.lookup_event(ticket, *event),
            Msg::Report(ticket, event) => self.report_counted(ticket, *event),
            Msg::Export(ticket, event) => self.report_exported(ticket, *event),
            Msg::Book(ticket, event) => self.book_exported(ticket, *event),
            Msg::Stop => self.quit_now(),
        }
        self.scope_reveals();
        self.run_inline();
    }

    fn command(&mut self, cmd: Command) {
        let ctx = self.context();
        match (ctx, cmd) {
            (Context::Lock, _) => self.apply_lock(cmd),
            (_, Command::Lock) => self.lock_now(LockWhy::Key),
            (_, Command::Quit) => {
                let typed = self.form().is_some_and(VisitForm::is_dirty) || self.entry_dirty();
                if typed && ctx != Context::Confirm {
                    self.save_draft();
                    self.save_entry_draft();
                    self.overlays.push(Overlay::Confirm(Question::QuitWithForm));
                } else {
                    self.quit_now();
                }
            }
            (Context::Help, Command::Close) => {
                self.overlays.pop();
            }
            (_, Command::Help) => self.overlays.push(Overlay::Help),
            (Context::Messages, _) => self.apply_messages(cmd),
            (Context::Audit, _) => self.apply_audit(cmd),
            (_, Command::Audit) => self.open_audit(),
            (_, Command::UnlockUnit) => self.open_unlock(),
            (_, Command::Messages) => self.show_messages(),
            (_, Command::Lookup) => self.open_lookup(),
            (Context::Detail, _) => self.apply_detail(cmd),
            (
                Context::Log
                | Context::Queue
                | Context::Board
                | Context::Catalog
                | Context::Lookup
                | Context::Report,
                Command::ShowLog
                | Command::ShowQueue
                | Command::ShowBoard
                | Command::ShowCatalog
                | Command::ShowLookup
                | Command::ShowReport
                | Command::NextPane
                | Command::PrevPane,
            ) => self.switch_pane(cmd),
            (Context::Log, _) => self.apply_log(cmd),
            (Context::Queue, _) => self.apply_queue(cmd),
            (Context::Case, _) => self.apply_case(cmd),
            (Context::Entry, _) => self.apply_entry(cmd),
            (Context::Board, _) => self.apply_board(cmd),
            (Context::Catalog, _) => self.apply_catalog(cmd),
            (Context::Explain, _) => self.apply_explain(cmd),
            (Context::Schedule, _) => self.apply_schedule(cmd),
            (Context::Dialogues, _) => self.apply_dialogues(cmd),
            (Context::Lookup, _) => self.apply_lookup(cmd),
            (Context::Report, _) => self.apply_report_pane(cmd),
            (Context::ReportRecords | Context::ReportDefinition, _) => {
                self.apply_report_overlay(cmd)
            }
            (Context::History, _) => self.apply_history(cmd),
            (Context::Papers, _) => self.apply_papers(cmd),
            (Context::Form, _) => self.apply_form(cmd),
            (Context::Prompt | Context::Setup, _) => self.apply_prompt(cmd),
            // Only an answer the question takes closes it.
            (Context::Confirm, _) => {
                let takes = matches!(
                    self.overlays.last(),
                    Some(Overlay::Confirm(q)) if q.answers().contains(&cmd)
                );
                if takes && let Some(Overlay::Confirm(q)) = self.overlays.pop() {
                    self.answer(q, cmd);
                }
            }
            (Context::Picker, _) => self.apply_picker(cmd),
            _ => {}
        }
    }

    fn switch_pane(&mut self, cmd: Command) {
        // A message belongs to the view it was said in.
        self.status = None;
        let pane = match cmd {
            Command::ShowLog => Pane::Log,
            Command::ShowQueue => Pane::Queue,
            Command::ShowBoard => Pane::Board,
            Command::ShowCatalog => Pane::Catalog,
            Command::ShowLookup => Pane::Lookup,
            Command::ShowReport => Pane::Report,
            _ => {
                let i = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(0);
                let n = Pane::ALL.len();
                let next = if cmd == Command::NextPane {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                Pane::ALL[next]
            }
        };
        self.show_pane(pane);
    }

    fn apply_explain(&mut self, cmd: Command) {
        let page = self.viewport.1.saturating_sub(6).max(1);
        match cmd {
            Command::Close => {
                self.overlays.pop();
            }
            Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
                if let Some(Overlay::Explain(v)) = self.overlays.last_mut() {
                    v.scroll = scrolled(v.scroll, cmd, page);
                }
            }
            _ => {}
        }
    }

    /// A yes, a no, or Esc to a question.
    fn answer(&mut self, q: Question, answer: Command) {
        let yes = answer == Command::Confirm;
        match (q, yes) {
            (Question::NameClash(c), _) => self.answer_name_clash(*c, answer),
            // Esc on the link question decides nothing: back to the form, nothing saved.
            (Question::LinkRepeat(_), _) if answer == Command::Cancel => {
                self.info(Text::LinkPostponed.t(self.lang).to_owned());
            }
            (Question::LinkRepeat(l), yes) => self.answer_link(*l, yes),
            (Question::SharedCase { what, .. }, _) => self.answer_shared_case(what, answer),
            (Question::DiscardForm, true) => self.close_form(),
            (Question::DiscardEntry, true) => self.close_entry(),
            (Question::DisableOfficer(o), true) => self.disable_officer(&o),
            (Question::EnableOfficer(o), true) => self.enable_officer(&o),
            (Question::CarryOver(c), true) => self.carry_over(*c),
            (Question::RestoreEntry { window, .. }, true) => self.restore_entry(&window),
            (Question::RestoreEntry { window, .. }, false) if answer == Command::Deny => {
                self.clear_entry_draft(&window);
                self.offer_next_draft();
            }
            (Question::RestoreEntry { .. }, false) => self.drafts_waiting.clear(),
            (Question::QuitWithForm, true) => self.should_quit = true,
            (Question::RestoreDraft { window, .. }, true) => self.restore_draft(&window),
            // Only an explicit no discards the draft; Esc keeps it (and the others) for the
            // next start.
            (Question::RestoreDraft { window, .. }, false) if answer == Command::Deny => {
                self.discard_draft(&window);
                self.offer_next_draft();
            }
            (Question::RestoreDraft { .. }, false) => self.drafts_waiting.clear(),
            (Question::ConfirmStep(p), true) => self.commit_step(&p),
            (Question::Reveal { case_uid, .. }, true) => self.reveal_case(&case_uid),
            (Question::RevealVisit { uid, then_edit }, true) => self.reveal_visit(&uid, then_edit),
            (Question::ConfirmYear(y), true) => self.confirm_year(y),
            (Question::ClosePeriod(p), true) => self.close_period(p),
            (Question::OverwriteBook(job), true) => self.ask_book_export(*job),
            (Question::NewVisitDay { shown, today }, _) => match answer {
                Command::Confirm => self.new_visit_on(shown),
                Command::Deny | Command::Submit => self.new_visit_on(today),
                _ => {}
            },
            (_, false) => {}
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
            s.push_str(&format!(" ({})", Text::TodayMark.t(self.lang)));
        }
        s
    }
}

impl Drop for App {
    /// Close the connections in order: the lanes' first (their threads joined), then the
    /// app's own — the last one, which copies the WAL into the book file (`Store`'s drop).
    fn drop(&mut self) {
        self.jobs = job::Jobs::default();
    }
}

/// A scroll offset moved by a scrolling command (`page` lines for PgUp/PgDn).
pub(crate) fn scrolled(scroll: u16, cmd: Command, page: u16) -> u16 {
    match cmd {
        Command::Up => scroll.saturating_sub(1),
        Command::Down => scroll.saturating_add(1),
        Command::PageUp => scroll.saturating_sub(page),
        Command::PageDown => scroll.saturating_add(page),
        _ => scroll,
    }
}
