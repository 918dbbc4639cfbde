//! Signing in, and the lock (PRODUCT.md §6: per-officer login, idle lock, screen privacy).
//!
//! The lock screen is all the app shows before an officer signs in, after `Ctrl-L`, after
//! the idle time (a setting, 5 minutes by default) without a key, and while another officer
//! signs in with `o`: the unit, the date and a sign-in prompt — no citizen's data at all.
//! What was open stays as it was, and a form is written as its officer's draft at once, so:
//! - the same officer signs in again and finds everything where it was, the form included;
//! - another officer signs in: the first one's forms stay theirs — drafts left behind in
//!   this window, offered to them at their next sign-in here or at any desk — and the new
//!   officer starts on a clean desk (nothing of the first one's views, reveals or lookup).
//!
//! An officer without a PIN (a book made before PINs, an officer an administrator added)
//! sets one, typed twice, at their first sign-in.

use chrono::TimeDelta;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::overlay::masked;
use super::{App, Command};
use crate::domain::text::one_line;
use crate::i18n::{self, Msg};
use crate::store::{self, Actor, DRAFT_ENTRY_FORM, DRAFT_VISIT_FORM, Officer, StoreError};

/// Why the lock screen is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockWhy {
    /// The app started: nobody is signed in yet.
    Start,
    /// The idle time passed without a key.
    Idle,
    /// `Ctrl-L`.
    Key,
    /// `o`: another officer signs in (Esc goes back to the desk as it was).
    Switch,
}

/// The lock screen's state.
#[derive(Debug)]
pub struct LockScreen {
    pub why: LockWhy,
    /// The active officers, by name (officers' names are not confidential).
    pub officers: Vec<Officer>,
    pub selected: usize,
    /// The PIN or passphrase being typed (drawn masked).
    pub pin: TextArea<'static>,
    /// The PIN typed again, while the selected officer sets their first one.
    pub again: Option<TextArea<'static>>,
    /// 0: the PIN, 1: the PIN again.
    pub focus: usize,
    pub error: Option<String>,
    /// The officer whose desk this is while it is locked (their name).
    pub holder: Option<String>,
    /// Whether they had a form open (kept as their draft).
    pub holder_has_form: bool,
}

fn pin_input() -> TextArea<'static> {
    masked()
}

impl LockScreen {
    fn new(why: LockWhy, officers: Vec<Officer>, select: Option<i64>) -> LockScreen {
        let selected = officers
            .iter()
            .position(|o| Some(o.id) == select)
            .unwrap_or(0);
        let mut s = LockScreen {
            why,
            officers,
            selected,
            pin: pin_input(),
            again: None,
            focus: 0,
            error: None,
            holder: None,
            holder_has_form: false,
        };
        s.reset_inputs();
        s
    }

    /// The officer chosen.
    pub fn officer(&self) -> Option<&Officer> {
        self.officers.get(self.selected)
    }

    /// Whether the chosen officer sets a first PIN.
    pub fn setting_pin(&self) -> bool {
        self.again.is_some()
    }

    fn reset_inputs(&mut self) {
        self.pin = pin_input();
        self.again = self.officer().is_some_and(|o| !o.has_pin).then(pin_input);
        self.focus = 0;
    }

    fn focused(&mut self) -> &mut TextArea<'static> {
        match (&mut self.again, self.focus) {
            (Some(a), 1) => a,
            _ => &mut self.pin,
        }
    }
}

impl App {
    /// Whether the lock screen is up (nothing of the book is drawn).
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// Put the lock screen up, `select`ing an officer.
    pub(super) fn open_lock(&mut self, why: LockWhy, select: Option<i64>) {
        let officers = match self.store.officers() {
            Ok(o) => o,
            Err(e) => {
                self.error(i18n::store_error(self.lang, &e));
                Vec::new()
            }
        };
        let mut lock = LockScreen::new(why, officers, select);
        lock.holder = self.actor.as_ref().map(|a| a.name().to_owned());
        lock.holder_has_form = self.form().is_some() || self.entry().is_some();
        self.lock = Some(lock);
    }

    /// Lock now (`Ctrl-L`, or the idle time): the forms are written as the officer's drafts
    /// at once; nothing is closed.
    pub fn lock_now(&mut self, why: LockWhy) {
        let Some(actor) = self.actor.clone() else {
            return;
        };
        if self.lock.as_ref().is_some_and(|l| l.why != LockWhy::Switch) {
            return;
        }
        self.keep_forms_as_drafts();
        // A locked desk holds no key: the PIN (and a leader's passphrase) again to read a
        // sealed identity.
        self.store.forget_keys();
        self.viewer.hold(None);
        self.open_lock(why, Some(actor.officer_id()));
        // The idle lock comes from a tick: the frame must change even with no key.
        self.redraw = true;
    }

    /// Write the open forms with typed text as this officer's drafts now.
    fn keep_forms_as_drafts(&mut self) {
        if self.form().is_some_and(super::VisitForm::is_dirty) {
            self.save_draft();
        }
        self.save_entry_draft();
    }

    /// The idle lock: after the idle time without a key, at the injected clock's time.
    pub(super) fn check_idle(&mut self) {
        if self.actor.is_some()
            && self.lock.is_none()
            && self.now() - self.last_key >= self.idle_limit()
        {
            self.lock_now(LockWhy::Idle);
        }
    }

    fn idle_limit(&self) -> TimeDelta {
        TimeDelta::seconds(self.lock_after as i64)
    }

    /// How long until the idle lock, when it can come (the loop wakes up for it).
    pub fn until_lock(&self) -> Option<std::time::Duration> {
        if self.actor.is_none() || self.lock.is_some() {
            return None;
        }
        let left = self.idle_limit() - (self.now() - self.last_key);
        Some(left.to_std().unwrap_or_default())
    }

    pub(super) fn apply_lock(&mut self, cmd: Command) {
        let Some(lock) = self.lock.as_mut() else {
            return;
        };
        match cmd {
            Command::Up | Command::Down if !lock.officers.is_empty() => {
                let n = lock.officers.len();
                lock.selected = if cmd == Command::Up {
                    (lock.selected + n - 1) % n
                } else {
                    (lock.selected + 1) % n
                };
                lock.reset_inputs();
                lock.error = None;
            }
            Command::NextField | Command::PrevField if lock.again.is_some() => {
                lock.focus = 1 - lock.focus;
            }
            Command::Submit => {
                if lock.setting_pin() && lock.focus == 0 {
                    lock.focus = 1;
                } else {
                    self.submit_pin();
                }
            }
            Command::Cancel if lock.why == LockWhy::Switch => {
                self.lock = None;
            }
            Command::Cancel => {
                lock.reset_inputs();
                lock.error = None;
            }
            Command::Quit => self.quit_now(),
            _ => {}
        }
    }

    /// A key typed into the PIN.
    pub(super) fn lock_type(&mut self, key: KeyEvent) {
        if let Some(lock) = self.lock.as_mut()
            && key.code != KeyCode::Enter
        {
            lock.focused().input(key);
            lock.error = None;
        }
    }

    /// A PIN pasted (a password manager).
    pub(super) fn lock_paste(&mut self, text: &str) {
        if let Some(lock) = self.lock.as_mut() {
            lock.focused().insert_str(one_line(text));
        }
    }

    /// Enter: sign the chosen officer in (or set their first PIN).
    fn submit_pin(&mut self) {
        let lang = self.lang;
        let now = self.now();
        let Some(lock) = self.lock.as_mut() else {
            return;
        };
        let Some(officer) = lock.officer().cloned() else {
            return;
        };
        let pin = lock.pin.lines().join("");
        let again = lock.again.as_ref().map(|a| a.lines().join(""));
        if pin.is_empty() {
            lock.error = Some(Msg::SignInPinNeeded.t(lang).to_owned());
            return;
        }
        let r = match &again {
            Some(again) => self.store.set_first_pin(officer.id, &pin, again),
            None => self.store.sign_in(officer.id, &pin, now),
        };
        match r {
            Ok(actor) => self.unlock_as(actor),
            Err(e) => {
                let text = i18n::store_error(lang, &e);
                if let Some(lock) = self.lock.as_mut() {
                    // A first PIN refused for a wrong second entry or a weak one: typed again.
                    lock.reset_inputs();
                    lock.error = Some(text);
                    // Another desk may have set this officer's PIN meanwhile.
                    if matches!(e, StoreError::PinNotSet | StoreError::Conflict { .. })
                        && let Ok(officers) = self.store.officers()
                    {
                        lock.officers = officers;
                        lock.reset_inputs();
                    }
                }
            }
        }
    }

    /// Signed in at the lock: the same officer gets their desk back as it was; another one
    /// starts on a clean desk, the first one's forms left as their drafts.
    fn unlock_as(&mut self, actor: Actor) {
        let same = self
            .actor
            .as_ref()
            .is_some_and(|a| a.officer_id() == actor.officer_id());
        let why = self.lock.as_ref().map(|l| l.why);
        self.lock = None;
        self.last_key = self.now();
        if same {
            self.actor = Some(actor);
            self.viewer.hold(self.store.opener());
            // The unit may have changed the idle time meanwhile.
            if let Ok(secs) = self.store.lock_after() {
                self.lock_after = secs;
            }
            return;
        }
        let carried = why == Some(LockWhy::Switch);
        if let Some(previous) = self.actor.clone() {
            if carried {
                self.keep_desk_for_switch();
            } else {
                self.hand_over(&previous);
            }
        }
        let name = actor.name().to_owned();
        let r = self.signed_in_as(actor);
        self.report(r);
        if carried {
            // The form goes on as the new officer's: their draft from now on.
            if self.form().is_some_and(super::VisitForm::is_dirty) {
                self.save_draft();
            }
            self.save_entry_draft();
            self.info(Msg::OfficerSwitched.fill(self.lang, &[&name]));
        }
    }

    /// `o` (or `Ctrl-O` in a form) signed another officer in: whatever is open stays open and
    /// goes on as theirs — it was typed at the keyboard they now sign for —, so the drafts of
    /// it this window kept under the officer before are dropped (never offered twice).
    fn keep_desk_for_switch(&mut self) {
        self.status = None;
        let window = self.window.clone();
        if !self.store.is_read_only() {
            let r = self.write(|w| {
                w.clear_draft(DRAFT_VISIT_FORM, &window)?;
                w.clear_draft(DRAFT_ENTRY_FORM, &window)
            });
            self.report(r);
        }
        self.viewer.forget();
        self.drafts_waiting.clear();
        self.actor = None;
    }

    /// The desk passes from `previous` to another officer: their forms are kept as their
    /// drafts, left behind for them (not this window's any more), and nothing of what they
    /// had open, revealed or looked up stays on screen.
    fn hand_over(&mut self, previous: &Actor) {
        // A message belongs to the officer it was said to.
        self.status = None;
        self.keep_forms_as_drafts();
        let window = self.window.clone();
        if !self.store.is_read_only() {
            let had_forms = self.form().is_some() || self.entry().is_some();
            let r = self.write(|w| w.park_drafts(&window));
            if self.report(r).is_some_and(|n| n > 0) && had_forms {
                self.info(Msg::DraftsKeptFor.fill(self.lang, &[&previous.name()]));
            }
        }
        self.overlays.clear();
        self.viewer.forget();
        self.drafts_waiting.clear();
        self.forget_lookup();
        self.actor = None;
    }

    /// Sign `actor` in: remember them, read their idle time, offer the drafts they left.
    pub(super) fn signed_in_as(&mut self, actor: Actor) -> store::Result<()> {
        let officer_id = actor.officer_id();
        // What one officer revealed is not revealed to the next; the keys are theirs.
        self.viewer.forget();
        self.viewer.hold(self.store.opener());
        self.actor = Some(actor);
        // The keys were made by this start (a new book, an upgrade): the recovery code, once.
        if self.announce_keys
            && let Some(code) = self.store.take_recovery_code()
        {
            self.show_recovery_code(code);
        }
        self.lock_after = self.store.lock_after()?;
        self.last_key = self.now();
        if !self.store.is_read_only() {
            self.write(|w| w.remember_officer())?;
        }
        // Every draft this officer left in any window (not this one's own).
        let mut waiting = self.store.drafts_of(officer_id, DRAFT_VISIT_FORM)?;
        waiting.extend(self.store.drafts_of(officer_id, DRAFT_ENTRY_FORM)?);
        waiting.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
        // Only drafts left behind: a window that still runs keeps its own.
        self.drafts_waiting = waiting
            .into_iter()
            .filter(|d| d.window != self.window && !self.store.window_alive(&d.window))
            .collect();
        self.offer_next_draft();
        Ok(())
    }

    /// `o` chose an officer: the same one goes back to the desk; another one signs in.
    pub(super) fn switch_to(&mut self, o: &Officer) {
        if self.actor.as_ref().is_some_and(|a| a.officer_id() == o.id) {
            return;
        }
        self.open_lock(LockWhy::Switch, Some(o.id));
    }

    /// The lookup of the officer who left: its text and results go.
    fn forget_lookup(&mut self) {
        let generation = self.lookup.generation + 1;
        self.lookup = Default::default();
        self.lookup.generation = generation;
        if self.pane == super::Pane::Lookup {
            self.pane = super::Pane::Log;
        }
    }
}
