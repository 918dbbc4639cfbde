//! Slow work off the UI thread, through one mechanism (after gitui's `asyncjob`: a job, its
//! progress, only the newest result kept) — the lookup, the report pane, its exports, and
//! imports to come.
//!
//! A [`Job`] is a value that knows how to run: on a [`Lane`]'s thread, with the lane's own
//! connection to the book, it sends back what it finds ([`Cx::send`], once or several times),
//! how far it is ([`Cx::progress`]), or fails. Each kind of work has its lane, so a report
//! being counted never holds up a lookup. On a lane only the newest job matters:
//! - [`Lane::ask`] keeps the job until the event loop calls [`Lane::dispatch`] after the
//!   frame that shows the key (a woken worker never delays the echo); a job asked meanwhile
//!   replaces it;
//! - handing a job over interrupts the one running (SQLite's interrupt, and a flag the job
//!   reads between statements) — a newer query replaces the work of an older one at once;
//! - every job gets a [`Ticket`]; what a replaced job still sends is dropped, on its thread
//!   ([`Cx::send`] returns false) and in the app ([`Lane::is_current`]).
//!
//! [`Lane::cancel`] makes whatever runs stale (the report pane left). Results come back into
//! the event loop as [`Msg`]s (`Job::into_msg`), through the same channel as the keys.
//!
//! A lane's thread and connection are made at its first job, so the first frame never waits
//! for them; a lane never used costs nothing. A book without a file (in memory: the tests)
//! has no second connection: its jobs run inline, on the UI thread, at the end of the
//! `apply` that asked for them — the same messages, at once.
//!
//! Imports: a lane made with [`Access::Write`] opens the book read-write on its thread; an
//! import job reads its file, turns it into domain values and hands them to one store
//! transaction (`Store::write`, all or nothing), reporting each record through
//! `Cx::progress` and checking `Cx::superseded` between them (a cancelled import rolls back).
//!
//! A lane ends when it is dropped: what runs is interrupted and the thread joined, so its
//! connection is closed before the app's own (the last to close copies the WAL into the book
//! file, `store::checkpoint`).

pub mod book;
pub mod export;
pub mod lookup;
pub mod report;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::Msg;
use crate::store::{self, Store, StoreError};

/// A job's number on its lane: the newest one's results are the only ones kept.
pub type Ticket = u64;

/// Where a lane's messages go: the event loop's channel.
pub type Post = Arc<dyn Fn(Msg) + Send + Sync>;

/// What a job sends back.
#[derive(Debug)]
pub enum Event<O> {
    /// A result (a job may send several: a lookup's rows, then each count).
    Out(O),
    /// How far it is.
    Progress(Progress),
    /// It could not finish (an interruption by a newer job is not a failure: never sent).
    Failed(StoreError),
}

/// How far a job is: `done` of `total` steps (records read, tables counted…).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// Slow work to run off the UI thread.
pub trait Job: Clone + Send + Sized + 'static {
    /// What it sends back.
    type Out: Send + 'static;
    /// The lane's name (its thread's).
    const NAME: &'static str;
    /// The connection the lane opens for it.
    const ACCESS: Access;
    /// Do the work. `cx.store()` is the lane's connection; `cx.send` returns false once a
    /// newer job replaced this one (stop then: nothing more is kept). An error caused by
    /// that replacement (SQLite's interrupt) is dropped; any other is sent as `Failed`.
    fn run(self, cx: &mut Cx<'_, Self::Out>) -> store::Result<()>;
    /// Its messages, as the event loop receives them.
    fn into_msg(ticket: Ticket, event: Event<Self::Out>) -> Msg;
}

/// Which connection a lane's jobs get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// None (writing a file from values the job holds).
    None,
    /// A read-only connection (lookups, reports).
    Read,
    /// A read-write connection, for an import's one transaction.
    Write,
}

/// What a running job sees of its lane.
pub struct Cx<'a, O> {
    store: Option<&'a Store>,
    ticket: Ticket,
    newest: &'a AtomicU64,
    sink: &'a mut dyn FnMut(Event<O>),
    progress: Option<&'a Mutex<Option<(Ticket, Progress)>>>,
    last_progress: Option<Instant>,
}

/// Progress messages wake the event loop at most this often (the value itself is always
/// up to date in `Lane::progress`).
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

impl<'a, O> Cx<'a, O> {
    /// The lane's connection to the book.
    pub fn store(&self) -> store::Result<&'a Store> {
        self.store
            .ok_or_else(|| StoreError::Invalid("this lane has no connection to the book".into()))
    }

    /// Has a newer job (or a cancel) made this one stale?
    pub fn superseded(&self) -> bool {
        self.newest.load(Ordering::Acquire) != self.ticket
    }

    /// Send a result back. False when the job is stale: it was dropped, stop.
    pub fn send(&mut self, out: O) -> bool {
        if self.superseded() {
            return false;
        }
        (self.sink)(Event::Out(out));
        true
    }

    /// Say how far the job is (a message at most every 100 ms).
    pub fn progress(&mut self, done: u64, total: u64) {
        let p = Progress { done, total };
        if let Some(slot) = self.progress {
            *lock(slot) = Some((self.ticket, p));
        }
        let due = self
            .last_progress
            .is_none_or(|t| t.elapsed() >= PROGRESS_EVERY);
        if due && !self.superseded() {
            self.last_progress = Some(Instant::now());
            (self.sink)(Event::Progress(p));
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The newest job waiting for the thread, the ticket of the one running (0: none), and
/// whether the lane is closing.
struct Waiting<J> {
    next: Option<(Ticket, J)>,
    running: Ticket,
    closed: bool,
}

/// What a lane's thread shares with the UI thread.
struct Shared<J> {
    waiting: Mutex<Waiting<J>>,
    wake: Condvar,
    /// The newest ticket handed out: every other job is stale.
    newest: AtomicU64,
    interrupt: Mutex<Option<rusqlite::InterruptHandle>>,
    progress: Mutex<Option<(Ticket, Progress)>>,
}

impl<J> Shared<J> {
    fn interrupt(&self) {
        if let Some(h) = lock(&self.interrupt).as_ref() {
            h.interrupt();
        }
    }
}

enum Mode<J> {
    /// Not started: jobs run inline (no file, or no event loop to post to).
    Inline,
    /// A thread of its own.
    Thread {
        shared: Arc<Shared<J>>,
        thread: Option<JoinHandle<()>>,
    },
}

/// One kind of slow work, and the thread that runs it.
pub struct Lane<J: Job> {
    mode: Mode<J>,
    /// Where its thread posts, and the book it opens; None: inline.
    target: Option<(Post, Option<PathBuf>)>,
    /// The job asked for, handed over at the next `dispatch`.
    unsent: Option<J>,
    /// The newest ticket handed out.
    issued: Ticket,
    /// A job ran inline and its messages wait to be applied.
    inline_out: Vec<Msg>,
}

impl<J: Job> Default for Lane<J> {
    fn default() -> Self {
        Lane {
            mode: Mode::Inline,
            target: None,
            unsent: None,
            issued: 0,
            inline_out: Vec::new(),
        }
    }
}

impl<J: Job> Lane<J> {
    /// Let this lane run its jobs on a thread of its own, posting into `post`, with a
    /// connection to `book` (none: the book is in memory, jobs run inline — unless they
    /// need no connection).
    pub fn attach(&mut self, post: Post, book: Option<PathBuf>) {
        *self = Lane::default();
        if book.is_some() || J::ACCESS == Access::None {
            self.target = Some((post, book));
        }
    }

    /// Do the jobs run on a thread of their own?
    pub fn is_threaded(&self) -> bool {
        self.target.is_some()
    }

    /// Ask for a job: it replaces the one asked for before and not yet handed over; the one
    /// running becomes stale once this one is dispatched. Returns its ticket.
    pub fn ask(&mut self, job: J) -> Ticket {
        self.issued += 1;
        self.unsent = Some(job);
        self.issued
    }

    /// The newest ticket handed out.
    pub fn ask_ticket(&self) -> Ticket {
        self.issued
    }

    /// Is a job asked for and not yet handed to the lane (the loop does after its frame)?
    pub fn has_unsent(&self) -> bool {
        self.unsent.is_some()
    }

    /// Is `ticket` the newest job's? (Older results are dropped.)
    pub fn is_current(&self, ticket: Ticket) -> bool {
        ticket == self.issued
    }

    /// Is a job asked for and not yet finished (as far as this thread knows: its result
    /// may be on its way)?
    pub fn is_busy(&self) -> bool {
        if self.unsent.is_some() {
            return true;
        }
        match &self.mode {
            Mode::Inline => false,
            Mode::Thread { shared, .. } => {
                let w = lock(&shared.waiting);
                w.next.is_some() || w.running == self.issued
            }
        }
    }

    /// The newest job's progress, if it said any.
    pub fn progress(&self) -> Option<Progress> {
        match &self.mode {
            Mode::Inline => None,
            Mode::Thread { shared, .. } => lock(&shared.progress)
                .filter(|(t, _)| *t == self.issued)
                .map(|(_, p)| p),
        }
    }

    /// Forget the job asked for, and make the one running stale (interrupted).
    pub fn cancel(&mut self) {
        self.unsent = None;
        self.issued += 1;
        if let Mode::Thread { shared, .. } = &self.mode {
            let mut w = lock(&shared.waiting);
            w.next = None;
            shared.newest.store(self.issued, Ordering::Release);
            if w.running != 0 {
                shared.interrupt();
            }
        }
    }

    /// Hand the job asked for to the thread (started at its first job), interrupting the
    /// one running; or, inline, run it here on `store` and keep its messages for `take`.
    pub fn dispatch(&mut self, store: &Store) {
        let Some(job) = self.unsent.take() else {
            return;
        };
        let ticket = self.issued;
        if self.target.is_none() {
            let mut out = Vec::new();
            run_one(
                job,
                ticket,
                Some(store),
                &AtomicU64::new(ticket),
                None,
                &mut |m| out.push(m),
            );
            self.inline_out.extend(out);
            return;
        }
        if matches!(self.mode, Mode::Inline) {
            self.start();
        }
        if let Mode::Thread { shared, .. } = &self.mode {
            // Under the lock the thread takes jobs with: the job interrupted is the one
            // running now, an older one (a job that started later would retry anyway).
            let mut w = lock(&shared.waiting);
            shared.newest.store(ticket, Ordering::Release);
            w.next = Some((ticket, job));
            if w.running != 0 {
                shared.interrupt();
            }
            drop(w);
            shared.wake.notify_one();
        }
    }

    /// The messages of jobs run inline, in order.
    pub fn take_inline(&mut self) -> Vec<Msg> {
        std::mem::take(&mut self.inline_out)
    }

    fn start(&mut self) {
        let Some((post, book)) = self.target.clone() else {
            return;
        };
        let shared = Arc::new(Shared {
            waiting: Mutex::new(Waiting {
                next: None,
                running: 0,
                closed: false,
            }),
            wake: Condvar::new(),
            newest: AtomicU64::new(self.issued),
            interrupt: Mutex::new(None),
            progress: Mutex::new(None),
        });
        let theirs = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name(format!("tiepdan-{}", J::NAME))
            .spawn(move || work(theirs, book, post));
        match spawned {
            Ok(thread) => {
                self.mode = Mode::Thread {
                    shared,
                    thread: Some(thread),
                }
            }
            // No thread to be had: inline, as for a book in memory.
            Err(_) => self.target = None,
        }
    }
}

impl<J: Job> Drop for Lane<J> {
    /// Stop the thread and wait for it: its connection is closed when this returns.
    fn drop(&mut self) {
        if let Mode::Thread { shared, thread } = &mut self.mode {
            lock(&shared.waiting).closed = true;
            shared.newest.store(0, Ordering::Release);
            shared.interrupt();
            shared.wake.notify_one();
            if let Some(t) = thread.take() {
                let _ = t.join();
            }
        }
    }
}

/// Open the lane's connection (on its own thread: the UI never waits for it).
fn connect(access: Access, book: Option<PathBuf>) -> Option<Store> {
    let path = book?;
    match access {
        Access::None => None,
        Access::Read => Store::reader_at(&path),
        Access::Write => Store::open_with(&path, store::Create::No).ok(),
    }
}

/// A lane's thread: wait for the newest job, run it, again — until the lane is dropped.
fn work<J: Job>(shared: Arc<Shared<J>>, book: Option<PathBuf>, post: Post) {
    let store = connect(J::ACCESS, book);
    if let Some(s) = &store {
        *lock(&shared.interrupt) = Some(s.interrupt_handle());
    }
    let mut w = lock(&shared.waiting);
    loop {
        w.running = 0;
        if w.closed {
            return;
        }
        let Some((ticket, job)) = w.next.take() else {
            w = shared.wake.wait(w).unwrap_or_else(|e| e.into_inner());
            continue;
        };
        w.running = ticket;
        drop(w);
        // An interruption meant for the job before may land on this one's first statement:
        // then, still the newest, it runs again.
        for _ in 0..3 {
            let done = run_one(
                job.clone(),
                ticket,
                store.as_ref(),
                &shared.newest,
                Some(&shared.progress),
                &mut |m| post(m),
            );
            if done {
                break;
            }
        }
        w = lock(&shared.waiting);
    }
}

/// Run one job, turning what it sends into messages; a stale job's failure is dropped.
/// False when it was interrupted though still the newest (to run again).
fn run_one<J: Job>(
    job: J,
    ticket: Ticket,
    store: Option<&Store>,
    newest: &AtomicU64,
    progress: Option<&Mutex<Option<(Ticket, Progress)>>>,
    post: &mut dyn FnMut(Msg),
) -> bool {
    let mut sink = |e: Event<J::Out>| post(J::into_msg(ticket, e));
    let mut cx = Cx {
        store,
        ticket,
        newest,
        sink: &mut sink,
        progress,
        last_progress: None,
    };
    match job.run(&mut cx) {
        Ok(()) => true,
        Err(_) if cx.superseded() => true,
        Err(e) if store::interrupted(&e) => false,
        Err(e) => {
            (cx.sink)(Event::Failed(e));
            true
        }
    }
}

#[cfg(test)]
mod tests;

/// The app's lanes, one per kind of slow work.
#[derive(Default)]
pub struct Jobs {
    pub lookup: Lane<lookup::LookupJob>,
    pub report: Lane<report::ReportJob>,
    pub export: Lane<export::ExportJob>,
    pub book: Lane<book::BookJob>,
}

impl Jobs {
    /// Run the jobs on threads posting into `post`, with connections to `book` (the
    /// store's file; none: in memory, jobs that read the book run inline).
    pub fn attach(&mut self, post: Post, book: Option<PathBuf>) {
        self.lookup.attach(Arc::clone(&post), book.clone());
        self.report.attach(Arc::clone(&post), book.clone());
        self.export.attach(Arc::clone(&post), book.clone());
        self.book.attach(post, book);
    }

    /// Hand every job asked for to its lane (inline ones run here).
    pub fn dispatch(&mut self, store: &Store) {
        self.lookup.dispatch(store);
        self.report.dispatch(store);
        self.export.dispatch(store);
        self.book.dispatch(store);
    }

    /// Messages of the jobs that ran inline.
    pub fn take_inline(&mut self) -> Vec<Msg> {
        let mut out = self.lookup.take_inline();
        out.extend(self.report.take_inline());
        out.extend(self.export.take_inline());
        out.extend(self.book.take_inline());
        out
    }
}
