//! The draft that survives a crash: the open form written as a draft, cleared, discarded,
//! restored in another window; quitting saves it.

use crate::app::{App, VisitForm};
use crate::domain::visit::VisitDraft;
use crate::store::DRAFT_VISIT_FORM;

impl App {
    /// Write the open form as a draft now.
    pub fn save_draft(&mut self) {
        let Some(form) = self.form() else { return };
        let Ok(payload) = serde_json::to_string(&form.to_draft()) else {
            return;
        };
        let stamp = self.now().format("%H:%M:%S").to_string();
        if self.store.is_read_only() {
            return;
        }
        let window = self.window.clone();
        let r = self.write(|w| w.save_draft(DRAFT_VISIT_FORM, &window, &payload));
        if self.report(r).is_some()
            && let Some(f) = self.form_mut()
        {
            f.unsaved_since = None;
            f.draft_saved_at = Some(stamp);
        }
    }

    /// This window's draft is done with (saved or discarded).
    pub(in crate::app) fn clear_draft(&mut self) {
        let window = self.window.clone();
        self.discard_draft(&window);
    }

    /// Remove the draft of `window`.
    pub(in crate::app) fn discard_draft(&mut self, window: &str) {
        if self.actor.is_some() && !self.store.is_read_only() {
            let r = self.write(|w| w.clear_draft(DRAFT_VISIT_FORM, window));
            self.report(r);
        }
    }

    /// Restore a draft typed in `window` (gone since): claimed for this window in one
    /// transaction — another window that claimed it first wins, and this one says so — then
    /// it becomes this window's form, as typed.
    pub(in crate::app) fn restore_draft(&mut self, window: &str) {
        let me = self.window.clone();
        let r = self.write(|w| w.claim_draft(DRAFT_VISIT_FORM, window, &me));
        let Some(payload) = self.report(r) else {
            self.offer_next_draft();
            return;
        };
        let Ok(d) = serde_json::from_str::<VisitDraft>(&payload) else {
            return;
        };
        // An edit goes on against its citizen as recorded (a changed name is asked about).
        let known = d
            .editing_uid
            .as_deref()
            .and_then(|uid| self.store.visit_detail(uid).ok())
            .map(|v| v.row.citizen);
        self.open_form(d);
        if let Some(f) = self.form_mut() {
            // Restored text counts as typed: show its problems and keep it dirty. An empty
            // input says nothing yet, as on a new form ("Bắt buộc nhập" waits for a save).
            f.initial = VisitDraft::default();
            f.touch_filled();
            f.known = known;
        }
        self.revalidate();
        self.find_repeat();
    }

    pub(in crate::app) fn quit_now(&mut self) {
        if self.form().is_some_and(VisitForm::is_dirty) {
            self.save_draft();
        }
        self.save_entry_draft();
        self.should_quit = true;
    }
}
