//! Work that must never make typing wait: the lookup runs on a worker thread with its own
//! read-only connection and posts its results back into the event loop as `Msg`s, tagged
//! with the generation of the query they answer (the app drops stale ones).
//!
//! For each query the worker first sends the first rows of every section (a few
//! milliseconds whatever the size of the book), then counts each section that has more —
//! the part that reads every match — and sends each count as it is known. Further pages
//! asked for meanwhile go before the counting. Every job handed in interrupts the statement
//! running (SQLite's interrupt): a newer query replaces the work of an older one at once,
//! and interrupted work of the current query is simply done again.
//!
//! The worker ends when its `Searcher` is dropped: the running statement is interrupted and
//! the thread joined, so its connection is closed before the app's own (the last one to
//! close copies the WAL into the book file, see `store::checkpoint`).
//!
//! An in-memory book (tests) has no second connection: its lookups run inline, on the UI
//! thread, through the same `Found` messages.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::{self, JoinHandle};

use super::Msg;
use super::lookup::{Found, Part};
use crate::domain::lookup::{self, Query};
use crate::store::{self, Cursor, Hits, Kind, Store};

/// A lookup to run.
#[derive(Debug, Clone)]
pub enum Job {
    /// A new query: the first rows of every section, then their counts.
    Query {
        generation: u64,
        query: String,
        per_group: usize,
    },
    /// The next page of one section of the current query.
    More {
        generation: u64,
        query: String,
        kind: Kind,
        from: Cursor,
        limit: usize,
    },
}

impl Job {
    /// Run the job on this thread, counts included (an in-memory book).
    pub fn run_here(&self, store: &Store) -> store::Result<Found> {
        Ok(match self {
            Job::Query {
                generation,
                query,
                per_group,
            } => Found {
                generation: *generation,
                query: query.clone(),
                part: Part::First(store.lookup(query, *per_group)?),
            },
            Job::More {
                generation,
                query,
                kind,
                from,
                limit,
            } => {
                let (hits, next) =
                    store.lookup_page(&lookup::parse(query), *kind, *from, *limit)?;
                Found {
                    generation: *generation,
                    query: query.clone(),
                    part: Part::More { hits, next },
                }
            }
        })
    }
}

/// Where lookups run.
pub enum Searcher {
    /// On the UI thread (in-memory books, tests).
    Inline,
    /// On a worker thread.
    Worker {
        /// None once stopping.
        jobs: Option<Sender<Job>>,
        interrupt: rusqlite::InterruptHandle,
        thread: Option<JoinHandle<()>>,
    },
}

impl Searcher {
    /// A worker over a read-only connection to `store`'s file, posting each result through
    /// `deliver`. Inline when the book has no file (in memory).
    pub fn spawn(store: &Store, deliver: impl Fn(Msg) + Send + 'static) -> Searcher {
        let Some(reader) = store.reader() else {
            return Searcher::Inline;
        };
        let interrupt = reader.interrupt_handle();
        let (jobs, rx) = mpsc::channel::<Job>();
        let spawned = thread::Builder::new()
            .name("tiepdan-lookup".into())
            .spawn(move || run(reader, rx, deliver));
        match spawned {
            Ok(thread) => Searcher::Worker {
                jobs: Some(jobs),
                interrupt,
                thread: Some(thread),
            },
            Err(_) => Searcher::Inline,
        }
    }

    /// Ask for a lookup. Returns the job back when it must run inline.
    pub fn submit(&self, job: Job) -> Option<Job> {
        match self {
            Searcher::Inline => Some(job),
            Searcher::Worker {
                jobs: Some(jobs),
                interrupt,
                ..
            } => {
                // Whatever runs now is older work (or counting, which resumes after).
                interrupt.interrupt();
                match jobs.send(job) {
                    Ok(()) => None,
                    Err(mpsc::SendError(job)) => Some(job),
                }
            }
            Searcher::Worker { jobs: None, .. } => Some(job),
        }
    }
}

impl Drop for Searcher {
    /// Stop the worker and wait for it: its connection is closed when this returns.
    fn drop(&mut self) {
        if let Searcher::Worker {
            jobs,
            interrupt,
            thread,
        } = self
        {
            jobs.take();
            interrupt.interrupt();
            if let Some(t) = thread.take() {
                let _ = t.join();
            }
        }
    }
}

/// The query being answered and what is left to do for it.
struct Current {
    generation: u64,
    text: String,
    query: Query,
    per_group: usize,
    first_sent: bool,
    pages: VecDeque<(Kind, Cursor, usize)>,
    to_count: Vec<Kind>,
}

impl Current {
    fn idle(&self) -> bool {
        self.first_sent && self.pages.is_empty() && self.to_count.is_empty()
    }

    fn found(&self, part: Part) -> Msg {
        Msg::Found(Box::new(Found {
            generation: self.generation,
            query: self.text.clone(),
            part,
        }))
    }
}

fn run(reader: Store, rx: Receiver<Job>, deliver: impl Fn(Msg)) {
    let mut current: Option<Current> = None;
    loop {
        // Wait when there is nothing to do; take every job handed in meanwhile.
        let mut jobs: Vec<Job> = Vec::new();
        if current.as_ref().is_none_or(Current::idle) {
            match rx.recv() {
                Ok(job) => jobs.push(job),
                Err(_) => return,
            }
        }
        loop {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(TryRecvError::Empty) => break,
                // The app is closing: stop, whatever is left to do.
                Err(TryRecvError::Disconnected) => return,
            }
        }
        for job in jobs {
            match job {
                Job::Query {
                    generation,
                    query,
                    per_group,
                } => {
                    current = Some(Current {
                        generation,
                        query: lookup::parse(&query),
                        text: query,
                        per_group,
                        first_sent: false,
                        pages: VecDeque::new(),
                        to_count: Vec::new(),
                    });
                }
                Job::More {
                    generation,
                    kind,
                    from,
                    limit,
                    ..
                } => {
                    if let Some(c) = current.as_mut().filter(|c| c.generation == generation) {
                        c.pages.push_back((kind, from, limit));
                    }
                }
            }
        }
        let Some(c) = current.as_mut() else {
            continue;
        };
        // One piece of work, then look for newer jobs again. An interrupted piece stays to
        // be done again (unless a newer query replaces it); a failed one posts nothing.
        if !c.first_sent {
            match reader.lookup_first(&c.query, c.per_group) {
                Ok(r) => {
                    c.to_count = Kind::ALL
                        .into_iter()
                        .filter(|k| r.counts(*k).0.is_none())
                        .collect();
                    c.first_sent = true;
                    deliver(c.found(Part::First(r)));
                }
                Err(e) if store::interrupted(&e) => {}
                Err(_) => c.first_sent = true,
            }
        } else if let Some(&(kind, from, limit)) = c.pages.front() {
            match reader.lookup_page(&c.query, kind, from, limit) {
                Ok((hits, next)) => {
                    c.pages.pop_front();
                    deliver(c.found(Part::More { hits, next }));
                }
                Err(e) if store::interrupted(&e) => {}
                Err(_) => {
                    // Nothing more this time; the section stays open for another try.
                    c.pages.pop_front();
                    let hits = match kind {
                        Kind::Citizens => Hits::Citizens(Vec::new()),
                        Kind::Cases => Hits::Cases(Vec::new()),
                        Kind::Visits => Hits::Visits(Vec::new()),
                    };
                    deliver(c.found(Part::More {
                        hits,
                        next: Some(from),
                    }));
                }
            }
        } else if let Some(&kind) = c.to_count.first() {
            match reader.lookup_count(&c.query, kind) {
                Ok((total, exact)) => {
                    c.to_count.remove(0);
                    deliver(c.found(Part::Counted { kind, total, exact }));
                }
                Err(e) if store::interrupted(&e) => {}
                Err(_) => {
                    c.to_count.remove(0);
                }
            }
        }
    }
}
