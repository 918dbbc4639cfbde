//! The report pane per desk (issue 27, merging desks): `u` cycles the units a merged book
//! holds — the whole book, then each desk by its code, then the whole book again — and the
//! pane counts that desk's records only (its sessions' visits, its cases), as `tiepdan
//! report --unit` does. A desk's figures are today's book's: a closing is the whole book's.

use super::{App, ReportState};
use crate::i18n::Msg;
use crate::store;

impl ReportState {
    /// The next unit after the one shown, among `desks` (the book's, in order): the whole
    /// book → the first desk → … → the last → the whole book. The figures shown go (they
    /// are not the next unit's).
    pub fn cycle_desk(&mut self, desks: Vec<String>) {
        let next = match &self.desk {
            None => desks.first().cloned(),
            Some(d) => desks
                .iter()
                .position(|x| x == d)
                .and_then(|i| desks.get(i + 1))
                .cloned(),
        };
        self.desks = desks;
        self.desk = next;
        if let Some(p) = self.period {
            self.go_to(p);
        }
    }
}

impl App {
    /// `u` on the report pane: the next unit, counted on the pane's lane.
    pub(super) fn cycle_report_desk(&mut self) -> store::Result<()> {
        let desks = self.store.report_desks()?;
        self.reports.cycle_desk(desks);
        self.ask_report();
        Ok(())
    }

    /// The unit's name as the report names it: a desk's with its code ("… — bàn BD").
    pub(super) fn name_report_desk(&mut self) {
        if let Some(d) = &self.reports.desk {
            self.reports.unit = Msg::CliReportUnitDesk.fill(self.lang, &[&self.reports.unit, d]);
        }
    }
}
