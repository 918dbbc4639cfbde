//! Another desk (or window) changed the record since the form opened. Nothing is overwritten
//! unasked, and nothing typed is lost: the officer is told what the other side changed and
//! offered to carry their own edits onto the new version — the record read again, the
//! inputs the officer changed put back on top of it — then saves again. A visit, a deadline
//! rule and a field's report column are carried so; a step of a case is simply recorded on
//! the case as it is now (it has no values of the record to carry).

use super::entry::{EntryInput, EntryKey, EntryPurpose, EntryRow};
use super::{App, Entry, Overlay, Question, VisitForm};
use crate::domain::date::format_stamp;
use crate::domain::deadline::Rule;
use crate::domain::identity::Person;
use crate::domain::visit::{FormField, VisitDraft};
use crate::i18n::{self, Msg};

/// The offer to carry the typed values onto the record as it is now.
#[derive(Debug, Clone)]
pub struct CarryOver {
    /// What changed: "Lượt tiếp", "Quy định về thời hạn", "Lĩnh vực".
    pub what: Msg,
    pub changed_at: Option<String>,
    /// The inputs the other side changed, by their labels.
    pub theirs: Vec<String>,
    /// The inputs the officer changed (carried onto the new version).
    pub mine: Vec<String>,
    /// Inputs both changed: the officer's value is kept.
    pub both: Vec<String>,
    pub fresh: Fresh,
}

/// The record as it is now.
#[derive(Debug, Clone)]
pub enum Fresh {
    Visit {
        draft: Box<VisitDraft>,
        citizen: Box<Person>,
    },
    Rule(Box<Rule>),
    /// A field's report column (read again when carried).
    Column,
}

fn both(theirs: &[String], mine: &[String]) -> Vec<String> {
    theirs
        .iter()
        .filter(|t| mine.contains(t))
        .cloned()
        .collect()
}

impl CarryOver {
    /// The question, in words.
    pub fn question(&self, lang: i18n::Lang) -> String {
        let none = Msg::ConflictNothingShown.t(lang).to_owned();
        let list = |v: &[String]| {
            if v.is_empty() {
                none.clone()
            } else {
                v.join(", ")
            }
        };
        let when = self
            .changed_at
            .as_deref()
            .map(|at| Msg::ConflictAt.fill(lang, &[&format_stamp(at)]))
            .unwrap_or_default();
        let mut text = Msg::AskCarryOver.fill(
            lang,
            &[
                &self.what.t(lang),
                &when,
                &list(&self.theirs),
                &list(&self.mine),
            ],
        );
        if !self.both.is_empty() {
            text.push(' ');
            text.push_str(&Msg::ConflictBoth.fill(lang, &[&self.both.join(", ")]));
        }
        text
    }

    /// What the form says once carried over.
    fn notice(&self, lang: i18n::Lang) -> String {
        let theirs = if self.theirs.is_empty() {
            Msg::ConflictNothingShown.t(lang).to_owned()
        } else {
            self.theirs.join(", ")
        };
        Msg::ConflictCarried.fill(lang, &[&theirs])
    }
}

impl App {
    /// Saving an edited visit met another desk's change: offer to carry the typed values
    /// onto the visit as it is now. Returns false when there is nothing to carry onto (the
    /// visit is gone or voided, or hidden from this viewer): the refusal is said as it is.
    pub(super) fn offer_visit_carry_over(&mut self, changed_at: Option<String>) -> bool {
        let Some(form) = self.form() else {
            return false;
        };
        let Some(uid) = form.editing_uid.clone() else {
            return false;
        };
        let Ok(d) = self.store.visit_detail(&uid) else {
            return false;
        };
        if d.row.void_reason.is_some() {
            return false;
        }
        let Some(fresh) = d.to_draft(&self.viewer) else {
            return false;
        };
        let lang = self.lang;
        let label = |f: &FormField| i18n::form_field(*f).t(lang).to_owned();
        let initial = form.initial.values();
        let theirs: Vec<String> = fresh.changed_from(&initial).iter().map(label).collect();
        let mine: Vec<String> = form
            .to_draft()
            .values()
            .changed_from(&initial)
            .iter()
            .map(label)
            .collect();
        let offer = CarryOver {
            what: Msg::WhatVisit,
            changed_at,
            both: both(&theirs, &mine),
            theirs,
            mine,
            fresh: Fresh::Visit {
                draft: Box::new(fresh),
                citizen: Box::new(d.row.citizen),
            },
        };
        self.ask_carry_over(offer);
        true
    }

    /// Saving a rule or a field's report column met another desk's change: the same offer.
    pub(super) fn offer_entry_carry_over(&mut self) -> bool {
        let Some(e) = self.entry() else {
            return false;
        };
        let (what, fresh, fresh_entry) = match &e.purpose {
            EntryPurpose::Rule { seen } => {
                let rules = self.store.deadline_rules().unwrap_or_default();
                let Some(rule) = rules.into_iter().find(|r| r.id == seen.id) else {
                    return false;
                };
                let fe = Entry::for_rule(self.lang, &rule, self.today);
                (Msg::WhatRule, Fresh::Rule(Box::new(rule)), fe)
            }
            EntryPurpose::FieldColumn { field_code, .. } => {
                let fields = self.store.fields().unwrap_or_default();
                let Some(f) = fields.iter().find(|f| f.code == *field_code) else {
                    return false;
                };
                let columns = self.store.report_columns().unwrap_or_default();
                let fe = Entry::for_field_column(f, columns);
                (Msg::WhatField, Fresh::Column, fe)
            }
            _ => return false,
        };
        let label = |k: EntryKey| k.label(&e.purpose).t(self.lang).to_owned();
        let differs = |a: &Entry, k: EntryKey, i: usize| {
            a.value(k) != e.initial.get(i).cloned().unwrap_or_default()
        };
        let keys: Vec<EntryKey> = e.rows.iter().map(|r| r.key).collect();
        let theirs: Vec<String> = keys
            .iter()
            .enumerate()
            .filter(|(i, k)| differs(&fresh_entry, **k, *i))
            .map(|(_, k)| label(*k))
            .collect();
        let mine: Vec<String> = keys
            .iter()
            .enumerate()
            .filter(|(i, k)| differs(e, **k, *i))
            .map(|(_, k)| label(*k))
            .collect();
        let offer = CarryOver {
            what,
            changed_at: None,
            both: both(&theirs, &mine),
            theirs,
            mine,
            fresh,
        };
        self.ask_carry_over(offer);
        true
    }

    fn ask_carry_over(&mut self, offer: CarryOver) {
        let what = offer.what.t(self.lang).to_owned();
        self.error(Msg::ConflictNotSaved.fill(self.lang, &[&what]));
        self.overlays
            .push(Overlay::Confirm(Question::CarryOver(Box::new(offer))));
    }

    /// Yes: the form becomes the record as it is now with the officer's edits on top, ready
    /// to be saved again.
    pub(super) fn carry_over(&mut self, c: CarryOver) {
        let notice = c.notice(self.lang);
        match c.fresh {
            Fresh::Visit { draft, citizen } => {
                let Some(pos) = self
                    .overlays
                    .iter()
                    .rposition(|o| matches!(o, Overlay::Form(_)))
                else {
                    return;
                };
                let Overlay::Form(old) = &self.overlays[pos] else {
                    return;
                };
                let typed = old.to_draft();
                let mut next = (*draft).clone();
                for f in typed.values().changed_from(&old.initial.values()) {
                    next.set(f, typed.get(f));
                }
                next.focus = typed.focus;
                next.typed = typed.typed.clone();
                let rename = old.rename.clone();
                let mut form = VisitForm::from_draft(
                    next,
                    &self.fields,
                    self.threshold,
                    self.lang,
                    self.today,
                );
                form.initial = *draft;
                form.known = Some(*citizen);
                form.rename = rename;
                form.touched.extend(super::form::ORDER.iter().copied());
                form.notice = Some(notice);
                form.mark_changed(None);
                self.overlays[pos] = Overlay::Form(Box::new(form));
                self.info(Msg::ConflictCarriedSave.t(self.lang).to_owned());
                self.save_draft();
            }
            Fresh::Rule(rule) => {
                let fresh = Entry::for_rule(self.lang, &rule, self.today);
                self.carry_entry(fresh, notice);
            }
            Fresh::Column => {
                let fresh = match self.entry().map(|e| &e.purpose) {
                    Some(EntryPurpose::FieldColumn { field_code, .. }) => {
                        let fields = self.store.fields().unwrap_or_default();
                        let columns = self.store.report_columns().unwrap_or_default();
                        fields
                            .iter()
                            .find(|f| f.code == *field_code)
                            .map(|f| Entry::for_field_column(f, columns))
                    }
                    _ => None,
                };
                if let Some(fresh) = fresh {
                    self.carry_entry(fresh, notice);
                }
            }
        }
    }

    /// The open small form takes `fresh`'s record (what it checks against) and values, with
    /// the values the officer changed kept on top.
    fn carry_entry(&mut self, fresh: Entry, notice: String) {
        let Some(Overlay::Entry(e)) = self
            .overlays
            .iter_mut()
            .rev()
            .find(|o| matches!(o, Overlay::Entry(_)))
        else {
            return;
        };
        let fresh_values = fresh.values();
        for (i, key) in fresh.rows.iter().map(|r| r.key).enumerate() {
            let mine = e.value(key) != e.initial.get(i).cloned().unwrap_or_default();
            if !mine {
                let value = fresh.value(key);
                e.set_value(key, &value);
                if let Some(EntryRow {
                    input: EntryInput::Choice(c),
                    ..
                }) = e.rows.get_mut(i)
                {
                    c.clear_query();
                }
            }
        }
        e.purpose = fresh.purpose;
        e.initial = fresh_values;
        e.errors.clear();
        e.notice = Some(notice);
        e.mark_changed(std::time::Instant::now());
        self.info(Msg::ConflictCarriedSave.t(self.lang).to_owned());
        self.save_entry_draft();
    }
}
