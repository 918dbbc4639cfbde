//! The complaint queue (hàng đợi đơn thư): fields with their open-case counts on the left, the
//! cases of the selected field on the right; and the case detail. (The small forms for a step
//! of a case's life and a written petition's intake are in `entry/`.)

use chrono::NaiveDate;

use crate::domain::case::{CaseFacts, CaseType};
use crate::domain::identity::Viewer;
use crate::store::{
    self, CaseDetail, CaseEvent, CaseRow, FieldCount, QueueFilter, QueueOrder, StatusFilter, Store,
};

/// How many cases of a field are read at once: the next page is read as the selection
/// reaches the end of what is held, so every case can be reached by scrolling (the header
/// says how many match in all).
pub const PAGE: u32 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueFocus {
    #[default]
    Fields,
    Cases,
}

#[derive(Debug, Default)]
pub struct QueueState {
    pub fields: Vec<FieldCount>,
    pub field_sel: usize,
    pub focus: QueueFocus,
    pub filter: QueueFilter,
    pub only_mine: bool,
    pub cases: Vec<CaseRow>,
    pub total: u32,
    pub case_sel: usize,
    /// When the counts and cases were read.
    pub loaded: store::Loaded,
}

impl QueueState {
    /// Reload the counts and the selected field's cases, keeping the selection by uid.
    pub fn load(
        &mut self,
        store: &Store,
        officer_id: Option<i64>,
        today: NaiveDate,
    ) -> store::Result<()> {
        let stamp = store.data_stamp();
        let keep = self.selected_case().map(|c| c.uid.clone());
        self.fields = store.field_counts(today)?;
        self.field_sel = self.field_sel.min(self.fields.len().saturating_sub(1));
        self.load_cases(store, officer_id, keep.as_deref())?;
        self.loaded = Some((stamp, today));
        Ok(())
    }

    fn query(&self, officer_id: Option<i64>) -> QueueFilter {
        QueueFilter {
            officer_id: if self.only_mine { officer_id } else { None },
            ..self.filter
        }
    }

    /// Read the selected field's cases again: as many as were held (the officer scrolled
    /// that far), keeping the selection by uid.
    pub fn load_cases(
        &mut self,
        store: &Store,
        officer_id: Option<i64>,
        keep: Option<&str>,
    ) -> store::Result<()> {
        let Some(field) = self.fields.get(self.field_sel) else {
            self.cases.clear();
            self.total = 0;
            return Ok(());
        };
        let held = self.cases.len().max(self.case_sel + 1);
        let (cases, total) = store.cases_in_field(field.field_id, &self.query(officer_id), PAGE)?;
        self.cases = cases;
        self.total = total;
        self.reach(store, officer_id, held.saturating_sub(1))?;
        self.case_sel = keep
            .and_then(|uid| self.cases.iter().position(|c| c.uid == uid))
            .unwrap_or(self.case_sel)
            .min(self.cases.len().saturating_sub(1));
        Ok(())
    }

    /// Read further pages of the field's cases until row `index` is held (or all are).
    pub fn reach(
        &mut self,
        store: &Store,
        officer_id: Option<i64>,
        index: usize,
    ) -> store::Result<()> {
        let Some(field_id) = self.selected_field().map(|f| f.field_id) else {
            return Ok(());
        };
        let filter = self.query(officer_id);
        while self.cases.len() <= index && (self.cases.len() as u32) < self.total {
            let more =
                store.cases_in_field_from(field_id, &filter, self.cases.len() as u32, PAGE)?;
            if more.is_empty() {
                break;
            }
            self.cases.extend(more);
        }
        Ok(())
    }

    pub fn selected_case(&self) -> Option<&CaseRow> {
        self.cases.get(self.case_sel)
    }

    pub fn selected_field(&self) -> Option<&FieldCount> {
        self.fields.get(self.field_sel)
    }

    /// Move in the focused list; returns true when the field changed (cases to reload).
    pub fn move_by(&mut self, delta: isize) -> bool {
        match self.focus {
            QueueFocus::Fields => {
                let before = self.field_sel;
                self.field_sel = step(self.field_sel, delta, self.fields.len());
                if before != self.field_sel {
                    self.case_sel = 0;
                    self.cases.clear();
                    true
                } else {
                    false
                }
            }
            QueueFocus::Cases => {
                self.case_sel = step(self.case_sel, delta, self.cases.len());
                false
            }
        }
    }

    /// Next type filter: all → KN → TC → KNPA → all.
    pub fn cycle_type(&mut self) {
        self.filter.case_type = match self.filter.case_type {
            None => Some(CaseType::KhieuNai),
            Some(CaseType::KhieuNai) => Some(CaseType::ToCao),
            Some(CaseType::ToCao) => Some(CaseType::KienNghiPhanAnh),
            Some(CaseType::KienNghiPhanAnh) => None,
        };
        self.case_sel = 0;
        self.cases.clear();
    }

    /// Next order: received (oldest first) → due date → received (newest first).
    pub fn cycle_order(&mut self) {
        self.filter.order = match self.filter.order {
            QueueOrder::Received => QueueOrder::Due,
            QueueOrder::Due => QueueOrder::ReceivedDesc,
            QueueOrder::ReceivedDesc => QueueOrder::Received,
        };
        self.case_sel = 0;
        self.cases.clear();
    }

    /// Next status filter: open → closed → all.
    pub fn cycle_status(&mut self) {
        self.filter.status = match self.filter.status {
            StatusFilter::Open => StatusFilter::Closed,
            StatusFilter::Closed => StatusFilter::All,
            StatusFilter::All => StatusFilter::Open,
        };
        self.case_sel = 0;
        self.cases.clear();
    }
}

fn step(i: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (i as isize + delta).clamp(0, len as isize - 1) as usize
}

/// A case opened in full.
#[derive(Debug)]
pub struct CaseView {
    pub detail: CaseDetail,
    pub events: Vec<CaseEvent>,
    /// Open obligations with their due dates, soonest first.
    pub dues: Vec<store::CaseDue>,
    /// The citizen's limits: the complaint's time bar, the window for a second complaint.
    pub limits: Vec<store::CaseLimit>,
    pub facts: CaseFacts,
    /// A complaint's dialogues (issue 29), by day.
    pub dialogues: Vec<crate::domain::dialogue::Dialogue>,
    /// Lines scrolled (a long timeline).
    pub scroll: u16,
}

impl CaseView {
    pub fn load(store: &Store, uid: &str) -> store::Result<CaseView> {
        let detail = store.case_detail(uid)?;
        Ok(CaseView {
            events: store.case_events(uid)?,
            dues: store.case_dues(uid)?,
            limits: store.case_limits(uid)?,
            facts: store.case_facts(uid)?,
            dialogues: store.case_dialogues(uid)?,
            detail,
            scroll: 0,
        })
    }

    /// Is the citizen's identity masked for this viewer (a denunciation, not revealed)?
    pub fn masked(&self, viewer: &Viewer) -> bool {
        !viewer.sees(&self.detail.row.citizen)
    }

    /// A complaint received after its time limit: the limit's last day (Luật KN Art 11(6)).
    pub fn time_barred(&self) -> Option<NaiveDate> {
        self.limits
            .iter()
            .find(|l| l.received_late == Some(true))
            .map(|l| l.due_on)
    }
}
