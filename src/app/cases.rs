//! The transitions of the queue pane and the case detail: which pane is current, moving
//! through the queue, opening a case, what follows a change of a case, opening a case from a
//! visit, and revealing a denouncer on request. (Recording a step and saving the small forms
//! are in `steps.rs`.)

use super::{App, CaseView, Command, Entry, Overlay, Pane, Question, QueueFocus};
use crate::domain::case::CaseType;
use crate::domain::identity::Record;
use crate::i18n::Msg;

impl App {
    /// Show a pane: its rows are read again only when the book changed since they were read
    /// (here or at another desk) or the day turned; otherwise the key only redraws.
    pub(super) fn show_pane(&mut self, pane: Pane) {
        if self.pane == Pane::Report && pane != Pane::Report {
            self.leave_report_pane();
        }
        self.pane = pane;
        if !self.pane_is_current(pane) {
            self.reload_pane(pane);
        }
    }

    /// Whether `pane`'s rows are as the book is now.
    pub(super) fn pane_is_current(&self, pane: Pane) -> bool {
        self.pane_is_current_at(pane, self.store.data_stamp())
    }

    /// Whether `pane`'s rows were read at `stamp` (and today).
    fn pane_is_current_at(&self, pane: Pane, stamp: crate::store::DataStamp) -> bool {
        match pane {
            Pane::Log => self.log.loaded == Some((stamp, self.log.day)),
            Pane::Queue => self.queue.loaded == Some((stamp, self.today)),
            Pane::Board => self.board.loaded == Some((stamp, self.today)),
            Pane::Catalog => self.catalog.loaded == Some((stamp, self.today)),
            Pane::Report => self.reports.loaded == Some((stamp, self.today)),
            Pane::Lookup => true,
        }
    }

    /// When idle: read one pane not on screen whose rows are out of date (the queue, then the
    /// board), so that switching to it only redraws. Never under a form being typed. Returns
    /// whether it read one.
    pub fn warm_one(&mut self) -> bool {
        // First what the start left for after its first frame.
        match self.finish_start() {
            Ok(true) => return true,
            Ok(false) => {}
            Err(e) => {
                self.report::<()>(Err(e));
                return false;
            }
        }
        if self.form().is_some() || self.entry().is_some() || self.actor.is_none() {
            return false;
        }
        let stamp = self.store.data_stamp();
        for pane in [Pane::Queue, Pane::Board, Pane::Log] {
            if pane != self.pane
                && !self.pane_is_current_at(pane, stamp)
                && !self.warmed.contains(&(pane, stamp))
            {
                self.warmed.retain(|(p, _)| *p != pane);
                self.warmed.push((pane, stamp));
                self.reload_pane(pane);
                return true;
            }
        }
        // The log's neighbouring days, so that `[` `]` only redraw.
        if self.pane == Pane::Log {
            let r = self.log.warm_nearby(&self.store, self.threshold);
            return r.unwrap_or(false);
        }
        false
    }

    pub(super) fn reload_pane(&mut self, pane: Pane) {
        match pane {
            Pane::Log => {
                let keep = self.log.selected_row().map(|r| r.uid.clone());
                self.reload_log(keep.as_deref());
            }
            Pane::Queue => self.reload_queue(),
            Pane::Board => self.reload_board(),
            Pane::Catalog => self.reload_catalog(),
            Pane::Report => self.reload_report_pane(),
            Pane::Lookup => {}
        }
    }

    fn officer_id(&self) -> Option<i64> {
        self.actor.as_ref().map(|a| a.officer_id())
    }

    pub(super) fn reload_queue(&mut self) {
        let officer = self.officer_id();
        let r = self.queue.load(&self.store, officer, self.today);
        self.report(r);
    }

    fn reload_cases(&mut self) {
        let officer = self.officer_id();
        let r = self.queue.load_cases(&self.store, officer, None);
        self.report(r);
    }

    pub(super) fn apply_queue(&mut self, cmd: Command) {
        let page = self.viewport.1.saturating_sub(8).max(1) as isize;
        match cmd {
            Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::First
            | Command::Last => {
                let delta = match cmd {
                    Command::Up => -1,
                    Command::Down => 1,
                    Command::PageUp => -page,
                    Command::PageDown => page,
                    Command::First => isize::MIN / 2,
                    _ => isize::MAX / 2,
                };
                // Past the rows held: read the next pages first (every case is reachable).
                if self.queue.focus == QueueFocus::Cases {
                    let last = self.queue.total.max(1) as isize - 1;
                    let target = (self.queue.case_sel as isize)
                        .saturating_add(delta)
                        .clamp(0, last);
                    let officer = self.officer_id();
                    let r = self.queue.reach(&self.store, officer, target as usize);
                    self.report(r);
                }
                if self.queue.move_by(delta) {
                    self.reload_cases();
                }
            }
            Command::Left => self.queue.focus = QueueFocus::Fields,
            Command::Right => self.queue.focus = QueueFocus::Cases,
            Command::FilterType => {
                self.queue.cycle_type();
                self.reload_cases();
            }
            Command::FilterStatus => {
                self.queue.cycle_status();
                self.reload_cases();
            }
            Command::SortOrder => {
                self.queue.cycle_order();
                self.reload_cases();
            }
            Command::OnlyMine => {
                self.queue.only_mine = !self.queue.only_mine;
                self.queue.case_sel = 0;
                self.queue.cases.clear();
                self.reload_cases();
            }
            Command::Open => match self.queue.focus {
                QueueFocus::Fields => self.queue.focus = QueueFocus::Cases,
                QueueFocus::Cases => {
                    if let Some(uid) = self.queue.selected_case().map(|c| c.uid.clone()) {
                        self.open_case_view(&uid);
                    }
                }
            },
            Command::NewPetition => {
                let field = self.queue.selected_field().map(|f| f.code.clone());
                let e = Entry::for_intake(
                    self.lang,
                    &self.fields,
                    self.today,
                    None,
                    None,
                    None,
                    field,
                    String::new(),
                );
                self.push_entry(e);
            }
            Command::SwitchOfficer => self.open_picker(),
            Command::Explain => {
                if let Some(c) = self.queue.selected_case().cloned() {
                    self.explain(&c.uid, &c.code, None);
                }
            }
            Command::RecordDialogue => self.record_dialogue_in_queue(),
            Command::Step(action) => {
                let Some(uid) = self.queue.selected_case().map(|c| c.uid.clone()) else {
                    self.error(Msg::NoCaseSelected.t(self.lang).to_owned());
                    return;
                };
                let r = CaseView::load(&self.store, &uid);
                if let Some(view) = self.report(r) {
                    self.begin_step(&view, action);
                }
            }
            _ => {}
        }
    }

    pub(super) fn open_case_view(&mut self, uid: &str) {
        let r = CaseView::load(&self.store, uid);
        if let Some(v) = self.report(r) {
            self.overlays.push(Overlay::Case(Box::new(v)));
        }
    }

    pub(super) fn case_view(&self) -> Option<&CaseView> {
        self.overlays.iter().rev().find_map(|o| match o {
            Overlay::Case(v) => Some(v.as_ref()),
            _ => None,
        })
    }

    pub(super) fn apply_case(&mut self, cmd: Command) {
        match cmd {
            Command::Close => {
                self.overlays.pop();
            }
            Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
                let page = self.viewport.1.saturating_sub(6).max(1);
                if let Some(Overlay::Case(v)) = self.overlays.last_mut() {
                    v.scroll = super::scrolled(v.scroll, cmd, page);
                }
            }
            Command::Explain => {
                let Some(v) = self.case_view() else { return };
                let (uid, code) = (v.detail.row.uid.clone(), v.detail.row.code.clone());
                self.explain(&uid, &code, None);
            }
            Command::Papers => {
                let Some(v) = self.case_view() else { return };
                let subject = crate::domain::paper::Subject::Case {
                    uid: v.detail.row.uid.clone(),
                };
                let label = v.detail.row.code.clone();
                self.open_papers(subject, label);
            }
            Command::RecordDialogue => self.record_dialogue(),
            Command::Reveal => {
                let Some(v) = self.case_view() else { return };
                if v.masked(&self.viewer) {
                    let q = Question::Reveal {
                        case_uid: v.detail.row.uid.clone(),
                        code: v.detail.row.code.clone(),
                    };
                    self.overlays.push(Overlay::Confirm(q));
                }
            }
            Command::Step(action) => {
                let Some(v) = self.case_view() else { return };
                // Borrow ends before the form is pushed.
                let view = CaseView {
                    detail: v.detail.clone(),
                    events: Vec::new(),
                    dues: Vec::new(),
                    limits: v.limits.clone(),
                    facts: v.facts,
                    dialogues: Vec::new(),
                    scroll: 0,
                };
                self.begin_step(&view, action);
            }
            _ => {}
        }
    }

    /// Refresh what shows a case: the open case view, the queue, the board, the alerts.
    pub(super) fn after_case_change(&mut self, uid: &str) {
        let reopened = self.overlays.iter().any(|o| matches!(o, Overlay::Case(_)));
        if reopened {
            let r = CaseView::load(&self.store, uid);
            if let Some(v) = self.report(r) {
                for o in self.overlays.iter_mut() {
                    if let Overlay::Case(cv) = o
                        && cv.detail.row.uid == uid
                    {
                        **cv = v;
                        break;
                    }
                }
            }
        }
        self.after_cases_changed();
    }

    /// Cases changed: the queue, the board and the alerts follow.
    pub(super) fn after_cases_changed(&mut self) {
        self.reload_queue();
        if self.pane == Pane::Board {
            self.reload_board();
        }
        self.refresh_alerts();
    }

    /// The audited reveal of a denunciation's denouncer (Luật Tố cáo Art 8(3), 56).
    pub(super) fn reveal_case(&mut self, case_uid: &str) {
        let r = self.write(|w| w.reveal_case(case_uid));
        if self.report(r).is_some() {
            self.viewer.reveal(Record::Case(case_uid.to_owned()));
            self.info(Msg::CaseRevealed.t(self.lang).to_owned());
        }
    }

    /// `c` on a visit: open another case from it (a petition with several contents).
    pub(super) fn add_case_from_visit(&mut self) {
        let Some(Overlay::Detail(d)) = self.overlays.last() else {
            return;
        };
        if let Some(reason) = &d.row.void_reason {
            let text = Msg::VoidedAlready.fill(self.lang, &[reason]);
            self.error(text);
            return;
        }
        let e = Entry::for_intake(
            self.lang,
            &self.fields,
            self.today,
            Some(d.row.uid.clone()),
            Some(d.row.citizen.clone()),
            Some(CaseType::from_petition(d.row.petition_type)),
            Some(d.field_code.clone()),
            // The case's summary starts from what the citizen said (Luật TCD Art 26).
            crate::domain::text::one_line(&d.row.content),
        );
        self.push_entry(e);
    }
}
