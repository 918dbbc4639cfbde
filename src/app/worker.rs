//! Work that must never make typing wait: the lookup runs on a worker thread with its own
//! read-only connection and posts its results back into the event loop as a `Msg`, tagged
//! with the generation of the query it answers (the app drops stale ones). A newer query
//! interrupts the running one (SQLite's interrupt).
//!
//! An in-memory book (tests) has no second connection: its lookups run inline, on the UI
//! thread, through the same `Found` message.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::Msg;
use super::lookup::Found;
use crate::store::Store;

/// A lookup to run.
#[derive(Debug, Clone)]
pub struct Job {
    pub generation: u64,
    pub query: String,
    pub per_group: usize,
}

/// Where lookups run.
pub enum Searcher {
    /// On the UI thread (in-memory books, tests).
    Inline,
    /// On a worker thread.
    Worker {
        jobs: Sender<Job>,
        interrupt: rusqlite::InterruptHandle,
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
            Ok(_) => Searcher::Worker { jobs, interrupt },
            Err(_) => Searcher::Inline,
        }
    }

    /// Ask for a lookup. Returns the job back when it must run inline.
    pub fn submit(&self, job: Job) -> Option<Job> {
        match self {
            Searcher::Inline => Some(job),
            Searcher::Worker { jobs, interrupt } => {
                // Whatever runs now answers an older query.
                interrupt.interrupt();
                match jobs.send(job) {
                    Ok(()) => None,
                    Err(mpsc::SendError(job)) => Some(job),
                }
            }
        }
    }
}

fn run(reader: Store, rx: Receiver<Job>, deliver: impl Fn(Msg)) {
    while let Ok(mut job) = rx.recv() {
        // Only the newest query typed matters.
        while let Ok(newer) = rx.try_recv() {
            job = newer;
        }
        // An interrupted (stale) or failed query posts nothing; the next key asks again.
        if let Ok(results) = reader.lookup(&job.query, job.per_group) {
            deliver(Msg::Found(Box::new(Found {
                generation: job.generation,
                query: job.query,
                results,
            })));
        }
    }
}
