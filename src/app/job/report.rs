//! The report pane's counting as a job: a period's report (a closed period's stored figures
//! and today's count beside them) and, for the charts, its TT 01/2024 year — a second or so
//! on a large book, so never on the UI thread. The pane shows "đang tính…" meanwhile and
//! keeps taking keys; a newer period (or leaving the pane) makes this one stale.

use chrono::NaiveDate;

use super::{Access, Cx, Event, Job, Ticket};
use crate::app::Msg;
use crate::domain::report::{Period, Report};
use crate::store::{self, DataStamp, ShownReport};

/// What to count.
#[derive(Debug, Clone)]
pub struct ReportJob {
    /// The period shown: its report (None: only the year is wanted).
    pub period: Option<Period>,
    /// The year of the charts, when it is to be counted too.
    pub year: Option<Period>,
    pub today: NaiveDate,
    /// The book as the app saw it when it asked: the pane is current at this stamp.
    pub stamp: DataStamp,
    /// One desk's records (its code), or the whole book's (None).
    pub desk: Option<String>,
}

/// What a report job counted.
#[derive(Debug)]
pub struct Counted {
    pub shown: Option<ShownReport>,
    pub year: Option<Report>,
    pub today: NaiveDate,
    pub stamp: DataStamp,
}

impl Job for ReportJob {
    type Out = Counted;
    const NAME: &'static str = "report";
    const ACCESS: Access = Access::Read;

    fn run(self, cx: &mut Cx<'_, Counted>) -> store::Result<()> {
        let store = cx.store()?;
        let steps = u64::from(self.period.is_some()) + u64::from(self.year.is_some());
        cx.progress(0, steps);
        let shown = match self.period {
            Some(p) => Some(store.shown_report_for(p, self.today, self.desk.as_deref())?),
            None => None,
        };
        if cx.superseded() {
            return Ok(());
        }
        cx.progress(u64::from(shown.is_some()), steps);
        let year = match self.year {
            // The period is its own year: counted once.
            Some(y) if shown.as_ref().is_some_and(|s| s.live().period == y) => None,
            Some(y) => Some(match self.desk.as_deref() {
                Some(d) => store.period_report_of_desk(y, self.today, d)?,
                None => store.period_report(y, self.today)?,
            }),
            None => None,
        };
        cx.send(Counted {
            shown,
            year,
            today: self.today,
            stamp: self.stamp,
        });
        Ok(())
    }

    fn into_msg(ticket: Ticket, event: Event<Counted>) -> Msg {
        Msg::Report(ticket, Box::new(event))
    }
}
