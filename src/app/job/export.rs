//! Writing a report out as a job: the XLSX of the report on screen, written beside the book
//! (a slow or full disk never freezes the screen). The report is shared, not copied.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Access, Cx, Event, Job, Ticket};
use crate::app::Msg;
use crate::domain::report::{Period, Report};
use crate::exchange::report_text::Heading;
use crate::i18n::Lang;
use crate::store;

/// A report to write as XLSX into `dir`.
#[derive(Debug, Clone)]
pub struct ExportJob {
    pub report: Arc<Report>,
    pub unit: String,
    pub lang: Lang,
    pub dir: PathBuf,
}

impl ExportJob {
    /// Write the file; its path, or why not (in words).
    pub fn write(&self) -> Result<PathBuf, String> {
        let h = Heading {
            unit: &self.unit,
            lang: self.lang,
        };
        let bytes =
            crate::exchange::report_xlsx::xlsx(&h, &self.report).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&self.dir).map_err(|e| e.to_string())?;
        let path = self
            .dir
            .join(format!("bao-cao-{}.xlsx", self.report.period.code()));
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(path)
    }
}

impl Job for ExportJob {
    type Out = Result<(Period, PathBuf), String>;
    const NAME: &'static str = "export";
    const ACCESS: Access = Access::None;

    fn run(self, cx: &mut Cx<'_, Self::Out>) -> store::Result<()> {
        let written = self.write().map(|p| (self.report.period, p));
        cx.send(written);
        Ok(())
    }

    fn into_msg(ticket: Ticket, event: Event<Self::Out>) -> Msg {
        Msg::Export(ticket, Box::new(event))
    }
}
