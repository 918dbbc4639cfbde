//! The app's start: the state an officer first sees, built with as little of the book read
//! as that screen needs, and the rest read once it is drawn.

use std::time::Instant;

use crate::domain::calendar::Calendar;
use crate::i18n::{Lang, Msg as Text};
use crate::store::{self, Actor, Store};

use super::{
    App, BoardState, CatalogState, Clock, LogState, LookupState, Pane, QueueState, ReportState,
    Viewer, job, messages,
};

impl App {
    /// Start the app over an open store, as an officer sees it: the first-start setup on a
    /// new book, else the lock screen — nothing of the book is shown before an officer signs
    /// in with their PIN.
    ///
    /// The lock screen shows nothing of the book, so what the panes and the status line read
    /// (the calendar, the deadline alerts, the day's log) is read after its first frame: at
    /// the loop's first idle turn, or before the first input is applied, whichever comes
    /// first ([`App::finish_start`]).
    pub fn new(store: Store, lang: Lang, clock: Clock) -> store::Result<App> {
        let mut app = App::build(store, lang, clock)?;
        app.start_officer()?;
        if app.lock.is_none() {
            // The first start's set-up is drawn over the panes.
            app.finish_start()?;
        }
        Ok(app)
    }

    /// The app with `actor` already signed in (an `Actor` comes only from the store's
    /// sign-in, so this skips only the typing): tests, benches and the screenshots. Offers
    /// the drafts `actor` left behind, as a sign-in does.
    pub fn signed_in(store: Store, actor: Actor, lang: Lang, clock: Clock) -> store::Result<App> {
        let mut app = App::build(store, lang, clock)?;
        app.finish_start()?;
        app.signed_in_as(actor)?;
        Ok(app)
    }

    fn build(store: Store, lang: Lang, clock: Clock) -> store::Result<App> {
        let now = clock();
        let today = now.date();
        let mut app = App {
            unit: store.unit_name()?,
            is_demo: store.is_demo()?,
            fields: store.fields()?,
            threshold: store.group_threshold()?,
            calendar: Calendar::default(),
            alerts: (0, 0),
            start_pending: true,
            store,
            lang,
            clock,
            today,
            actor: None,
            lock: None,
            last_key: now,
            lock_after: store::settings::LOCK_AFTER_DEFAULT,
            viewer: Viewer::nobody(),
            announce_keys: false,
            window: store::new_uid(),
            _lease: None,
            drafts_waiting: Vec::new(),
            warmed: Vec::new(),
            log: LogState::new(today),
            pane: Pane::Log,
            queue: QueueState::default(),
            board: BoardState::default(),
            catalog: CatalogState::default(),
            lookup: LookupState::default(),
            reports: ReportState::default(),
            jobs: job::Jobs::default(),
            book_exporting: None,
            overlays: vec![],
            status: None,
            messages: messages::MessageLog::default(),
            should_quit: false,
            viewport: (80, 24),
            no_color: false,
            last_input: Instant::now(),
            redraw: true,
        };
        app._lease = app.store.lease_window(&app.window);
        if app.store.is_read_only() {
            app.info(Text::ReadOnlyNotice.t(lang).to_owned());
        }
        Ok(app)
    }

    /// Read what the start left for after the first frame: the working-day calendar, the
    /// deadline alerts and the day's log. Done once; true when it read them now. Every
    /// input goes through [`App::apply`], which calls this first, so no key ever sees the
    /// app half started. A failed read leaves the start pending (tried again) and says why.
    pub fn finish_start(&mut self) -> store::Result<bool> {
        if !self.start_pending {
            return Ok(false);
        }
        let calendar = self.store.calendar()?;
        self.alerts = self.store.deadline_alerts(self.today, &calendar)?;
        self.calendar = calendar;
        self.start_pending = false;
        self.reload_log(None);
        Ok(true)
    }
}
