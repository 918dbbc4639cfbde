//! Moving between the form's inputs and what leaving one does: which inputs count as left
//! (their problems shown), the first representative prefilled, values offered from a
//! returning citizen's record and taken back when the match goes.

use super::inputs::{select_for_typing, text_input};
use super::{ORDER, VisitForm, Widget};
use crate::domain::visit::{FormField, Problem};

impl VisitForm {
    /// Move focus to the next (or previous) visible input; returns the field that was left.
    pub fn move_focus(&mut self, forward: bool) -> FormField {
        let left = self.focus;
        self.touched.insert(left);
        if let Widget::Combo(c) = &mut self.input_mut(left).widget {
            // Leaving takes the waiting choice; a filter that matches nothing is dropped.
            c.settle();
            c.clear_query();
        }
        self.on_left(left);
        let vis = self.visible();
        let pos = vis.iter().position(|f| *f == left).unwrap_or(0);
        let next = if forward {
            (pos + 1).min(vis.len() - 1)
        } else {
            pos.saturating_sub(1)
        };
        self.set_focus(vis[next]);
        left
    }

    pub(super) fn set_focus(&mut self, f: FormField) {
        self.focus = f;
        let input = self.input_mut(f);
        match &mut input.widget {
            Widget::Combo(c) => c.focused(),
            Widget::Text(ta) if !input.multiline => select_for_typing(ta),
            Widget::Text(_) => {}
        }
    }

    /// Focus a given input (e.g. the first with an error).
    pub fn focus_on(&mut self, f: FormField) {
        if self.visible().contains(&f) {
            self.touched.insert(self.focus);
            self.set_focus(f);
        }
    }

    /// Before saving: the focused combobox takes its waiting choice (Ctrl-S counts as Tab).
    pub fn settle(&mut self) {
        let focus = self.focus;
        if let Widget::Combo(c) = &mut self.input_mut(focus).widget {
            c.settle();
        }
    }

    /// Esc on a combobox with its list open closes the list; returns whether it did.
    pub fn close_dropdown(&mut self) -> bool {
        let focus = self.focus;
        match &mut self.input_mut(focus).widget {
            Widget::Combo(c) if c.is_open() => {
                c.close();
                true
            }
            _ => false,
        }
    }

    /// Side effects of leaving an input: prefill the first representative with the name.
    fn on_left(&mut self, left: FormField) {
        if left == FormField::People || left == FormField::FullName {
            let name = self.value(FormField::FullName);
            if self.group_rule().is_some()
                && self.value(FormField::Representatives).trim().is_empty()
                && !name.trim().is_empty()
            {
                let lang = self.lang;
                *self.input_mut(FormField::Representatives) =
                    text_input(FormField::Representatives, name.trim(), lang);
                self.mark_changed(None);
            }
        }
    }

    /// Fill an empty text input with a value on record (a returning citizen's phone,
    /// address). Returns whether it filled it; a typed value is never replaced.
    pub fn offer(&mut self, f: FormField, value: &str) -> bool {
        if value.trim().is_empty() || !self.value(f).trim().is_empty() {
            return false;
        }
        let lang = self.lang;
        *self.input_mut(f) = text_input(f, value, lang);
        if self.focus == f {
            // Offered, not typed: the officer's first key replaces it.
            self.set_focus(f);
        }
        self.offered.push((f, self.value(f)));
        self.mark_changed(None);
        true
    }

    /// Take back what was offered from a citizen's record and is still as offered (another
    /// citizen's phone and address never stay behind when the match goes: the ID number was
    /// wrong, or cleared). What the officer typed over an offer stays.
    pub fn withdraw_offers(&mut self) {
        let lang = self.lang;
        for (f, value) in std::mem::take(&mut self.offered) {
            if self.value(f) == value {
                *self.input_mut(f) = text_input(f, "", lang);
                if self.focus == f {
                    self.set_focus(f);
                }
                self.mark_changed(None);
            }
        }
    }

    /// A restored form: an input that holds something counts as left (its problems show);
    /// an empty one waits, as on a new form, until the officer leaves it or tries to save.
    pub fn touch_filled(&mut self) {
        let filled: Vec<FormField> = ORDER
            .iter()
            .copied()
            .filter(|f| !self.value(*f).trim().is_empty())
            .collect();
        self.touched.extend(filled);
    }

    /// Problems to show for an input.
    pub fn shown_problems(&self, f: FormField) -> Vec<&Problem> {
        if !(self.show_all || self.touched.contains(&f)) {
            return vec![];
        }
        self.problems
            .iter()
            .filter(|(pf, _)| *pf == f)
            .map(|(_, p)| p)
            .collect()
    }
}
