//! The log pane's export of the book (issue 27) as a job: the visits of a day, a month or a
//! range, in a template's XLSX layout, read on the lane's own connection and written to a
//! private file under a temporary name. The file is moved into place on the UI thread only
//! once the export is on the journal (as `tiepdan export` does), so no file leaves the book
//! without its record. Progress: the visits written so far.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Access, Cx, Event, Job, Ticket};
use crate::app::Msg;
use crate::domain::book::Template;
use crate::exchange::book::{BookHeading, XlsxBook};
use crate::exchange::files::PrivateFile;
use crate::i18n::Lang;
use crate::store::{self, StoreError};

/// The book of `from..=to` to write as XLSX to `path`.
#[derive(Debug, Clone)]
pub struct BookJob {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub template: Template,
    pub unit: String,
    pub lang: Lang,
    pub path: PathBuf,
    /// The day printed under the signature block.
    pub today: NaiveDate,
}

/// A book written, not yet in place: `commit` moves it there (dropping it removes it).
pub struct Written {
    pub file: PrivateFile,
    pub path: PathBuf,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub template: String,
    pub unconfirmed: bool,
    pub rows: u64,
}

impl std::fmt::Debug for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Written")
            .field("path", &self.path)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

/// Why the book could not be written (in words).
fn words(e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(e.to_string())
}

impl Job for BookJob {
    type Out = Written;
    const NAME: &'static str = "book-export";
    const ACCESS: Access = Access::Read;

    fn run(self, cx: &mut Cx<'_, Written>) -> store::Result<()> {
        let store = cx.store()?;
        let heading = BookHeading {
            unit: self.unit.clone(),
            from: self.from,
            to: self.to,
        };
        let mut book =
            XlsxBook::start(self.lang, self.template.clone(), &heading).map_err(words)?;
        cx.progress(0, 0);
        let mut n = 0u64;
        let mut stale = false;
        store.book_lines(self.from, self.to, |l| {
            if stale {
                return Ok(());
            }
            book.line(&l).map_err(words)?;
            n += 1;
            if n.is_multiple_of(500) {
                cx.progress(n, 0);
                stale = cx.superseded();
            }
            Ok::<(), StoreError>(())
        })?;
        if stale || cx.superseded() {
            return Ok(());
        }
        let mut file = PrivateFile::create(&self.path).map_err(words)?;
        book.finish(&mut file, self.today).map_err(words)?;
        cx.send(Written {
            file,
            path: self.path,
            from: self.from,
            to: self.to,
            template: self.template.code.clone(),
            unconfirmed: self.template.unconfirmed,
            rows: n,
        });
        Ok(())
    }

    fn into_msg(ticket: Ticket, event: Event<Written>) -> Msg {
        Msg::Book(ticket, Box::new(event))
    }
}
