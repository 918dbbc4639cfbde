//! The lookup as a job: what typing asks for must never make typing wait. For a new query
//! the job sends the first rows of every section (a few milliseconds whatever the size of
//! the book), then counts each section that has more — the part that reads every match —
//! and sends each count as it is known. A further page (`PgDn`) is a job too: the page
//! first, then the counts still missing. A newer job interrupts what runs; the app drops
//! what an older query still sends.

use super::{Access, Cx, Event, Job, Ticket};
use crate::app::Msg;
use crate::app::lookup::{Found, Part};
use crate::domain::lookup;
use crate::store::{self, Cursor, Kind};

/// A lookup to run, for the query of `generation` (the app's count of queries typed).
#[derive(Debug, Clone)]
pub struct LookupJob {
    pub generation: u64,
    pub query: String,
    pub ask: Ask,
    /// The sections to count once the rows are sent.
    pub count: Vec<Kind>,
}

/// What a lookup job reads first.
#[derive(Debug, Clone, Copy)]
pub enum Ask {
    /// The first rows of every section (the sections whose rows do not all fit are then
    /// counted, besides `count`).
    First { per_group: usize },
    /// The next page of one section.
    More {
        kind: Kind,
        from: Cursor,
        limit: usize,
    },
}

impl Job for LookupJob {
    type Out = Found;
    const NAME: &'static str = "lookup";
    const ACCESS: Access = Access::Read;

    fn run(self, cx: &mut Cx<'_, Found>) -> store::Result<()> {
        let store = cx.store()?;
        let query = lookup::parse(&self.query);
        let found = |part| Found {
            generation: self.generation,
            query: self.query.clone(),
            part,
        };
        let mut count = self.count.clone();
        let part = match self.ask {
            Ask::First { per_group } => {
                let r = store.lookup_first(&query, per_group)?;
                count.extend(Kind::ALL.into_iter().filter(|k| r.counts(*k).0.is_none()));
                Part::First(r)
            }
            Ask::More { kind, from, limit } => {
                let (hits, next) = store.lookup_page(&query, kind, from, limit)?;
                Part::More { hits, next }
            }
        };
        if !cx.send(found(part)) {
            return Ok(());
        }
        count.dedup();
        for kind in count {
            let (total, exact) = store.lookup_count(&query, kind)?;
            if !cx.send(found(Part::Counted { kind, total, exact })) {
                break;
            }
        }
        Ok(())
    }

    fn into_msg(ticket: Ticket, event: Event<Found>) -> Msg {
        Msg::Lookup(ticket, Box::new(event))
    }
}
