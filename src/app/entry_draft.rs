//! The small forms (a step of a case, a new case, a catalog entry) keep what was typed as the
//! visit form does: Esc with typed text asks first, and a draft is written while typing, so a
//! crash, a kill or a closed terminal loses no note. A draft names the form by its case code
//! and step, never by a citizen's name (a denouncer stays unnamed, Luật Tố cáo Art 8(3)).

use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::overlay::{Overlay, Question};
use super::{App, CaseView, Entry, EntryInput, EntryKey, EntryPurpose};
use crate::domain::case::Action;
use crate::i18n::{self, Msg};
use crate::store::DRAFT_ENTRY_FORM;

/// Which form a draft belongs to: enough to open it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntryOrigin {
    Step {
        case_uid: String,
        code: String,
        action: String,
        version: i64,
    },
    Intake {
        visit_uid: Option<String>,
    },
    Rule {
        rule_id: i64,
    },
    CalendarDay,
    FieldColumn {
        field_code: String,
    },
    RemoveDay {
        day: chrono::NaiveDate,
        name: String,
    },
    /// A dialogue: a public one (no case) or a complaint's; new when `uid` is None.
    Dialogue {
        uid: Option<String>,
        case_uid: Option<String>,
        code: Option<String>,
    },
    /// An answer promised at a public dialogue; new when `uid` is None.
    Promise {
        dialogue_uid: String,
        uid: Option<String>,
    },
}

/// An entry form's unsaved text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryDraft {
    pub origin: EntryOrigin,
    /// What the form was, for the question ("KN-2026-BD-0001 — Thụ lý"); never a name.
    pub what: String,
    pub values: Vec<(EntryKey, String)>,
    /// The input the officer was typing in (restored there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<EntryKey>,
    /// What was typed into the focused choice and not yet taken.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub typed: String,
}

impl Entry {
    /// Every input's value, in order.
    pub fn values(&self) -> Vec<String> {
        self.rows.iter().map(|r| self.value(r.key)).collect()
    }

    /// Whether anything differs from the form as it opened.
    pub fn is_dirty(&self) -> bool {
        self.values() != self.initial
    }

    /// Set an input's value (a text, or a choice's code).
    pub fn set_value(&mut self, key: EntryKey, value: &str) {
        let Some(row) = self.rows.iter_mut().find(|r| r.key == key) else {
            return;
        };
        match &mut row.input {
            EntryInput::Text(_) => row.input = super::entry::text(value),
            EntryInput::Choice(c) => {
                if c.options.iter().any(|o| o.code == value) {
                    c.chosen = Some(value.to_owned());
                }
            }
        }
    }

    /// The text changed: the draft is due.
    pub fn mark_changed(&mut self, now: Instant) {
        if self.unsaved_since.is_none() {
            self.unsaved_since = Some(now);
        }
    }

    fn to_draft(&self, lang: i18n::Lang) -> EntryDraft {
        let (origin, what) = match &self.purpose {
            EntryPurpose::Step {
                case_uid,
                code,
                action,
                version,
                ..
            } => (
                EntryOrigin::Step {
                    case_uid: case_uid.clone(),
                    code: code.clone(),
                    action: action.code().to_owned(),
                    version: *version,
                },
                format!(
                    "{code} — {}",
                    if *action == Action::ClassifyOwn {
                        Msg::CmdClassify.t(lang)
                    } else {
                        i18n::action(*action).t(lang)
                    }
                ),
            ),
            EntryPurpose::TimeBar {
                case_uid,
                code,
                version,
                ..
            } => (
                EntryOrigin::Step {
                    case_uid: case_uid.clone(),
                    code: code.clone(),
                    action: Action::RecordTimeBar.code().to_owned(),
                    version: *version,
                },
                format!("{code} — {}", i18n::action(Action::RecordTimeBar).t(lang)),
            ),
            EntryPurpose::Intake { visit_uid, .. } => (
                EntryOrigin::Intake {
                    visit_uid: visit_uid.clone(),
                },
                Msg::EntryIntakeTitle.t(lang).to_owned(),
            ),
            EntryPurpose::Rule { seen } => (
                EntryOrigin::Rule { rule_id: seen.id },
                i18n::rule_title(lang, seen),
            ),
            EntryPurpose::FieldColumn { field_code, .. } => (
                EntryOrigin::FieldColumn {
                    field_code: field_code.clone(),
                },
                Msg::CatFields.t(lang).to_owned(),
            ),
            EntryPurpose::CalendarDay => {
                (EntryOrigin::CalendarDay, Msg::CmdAddDay.t(lang).to_owned())
            }
            EntryPurpose::RemoveDay { day, name } => (
                EntryOrigin::RemoveDay {
                    day: *day,
                    name: name.clone(),
                },
                Msg::CmdRemoveDayTitle.t(lang).to_owned(),
            ),
            EntryPurpose::Dialogue { seen } => (
                EntryOrigin::Dialogue {
                    uid: (seen.id != 0).then(|| seen.uid.clone()),
                    case_uid: seen.case_uid.clone(),
                    code: seen.case_code.clone(),
                },
                super::dialogues::entry_title(lang, seen),
            ),
            EntryPurpose::Promise { seen } => (
                EntryOrigin::Promise {
                    dialogue_uid: seen.dialogue_uid.clone(),
                    uid: (seen.id != 0).then(|| seen.uid.clone()),
                },
                Msg::LblPromise.t(lang).to_owned(),
            ),
        };
        EntryDraft {
            origin,
            what,
            values: self
                .rows
                .iter()
                .map(|r| (r.key, self.value(r.key)))
                .collect(),
            focus: self.rows.get(self.focus).map(|r| r.key),
            typed: match self.rows.get(self.focus).map(|r| &r.input) {
                Some(EntryInput::Choice(c)) => c.query.clone(),
                _ => String::new(),
            },
        }
    }

    /// Back to where the officer was typing, as it was: the cursor at the end of the text
    /// (not selected: the next key goes on), a choice's list open on what was typed into it.
    fn resume_at(&mut self, key: EntryKey, typed: &str) {
        let Some(i) = self.rows.iter().position(|r| r.key == key) else {
            return;
        };
        self.focus = i;
        match &mut self.rows[i].input {
            EntryInput::Choice(c) => {
                c.focused();
                if !typed.is_empty() {
                    c.type_str(typed);
                }
            }
            EntryInput::Text(ta) => {
                ta.cancel_selection();
                ta.move_cursor(ratatui_textarea::CursorMove::End);
            }
        }
    }
}

impl App {
    /// Open an entry form: what it holds now is what "typed" is measured against.
    pub(super) fn push_entry(&mut self, mut e: Entry) {
        e.initial = e.values();
        e.arrive();
        self.overlays.push(Overlay::Entry(Box::new(e)));
    }

    pub(super) fn entry(&self) -> Option<&Entry> {
        self.overlays.iter().rev().find_map(|o| match o {
            Overlay::Entry(e) => Some(e.as_ref()),
            _ => None,
        })
    }

    pub(super) fn entry_dirty(&self) -> bool {
        self.entry().is_some_and(Entry::is_dirty)
    }

    /// Esc on an entry form: with typed text, ask first.
    pub(super) fn cancel_entry(&mut self) {
        if self.entry_dirty() {
            self.save_entry_draft();
            self.overlays.push(Overlay::Confirm(Question::DiscardEntry));
        } else {
            self.close_entry();
        }
    }

    /// Close the entry form; its draft goes with it.
    pub(super) fn close_entry(&mut self) {
        if let Some(pos) = self
            .overlays
            .iter()
            .rposition(|o| matches!(o, Overlay::Entry(_)))
        {
            self.overlays.truncate(pos);
        }
        self.clear_entry_draft(&self.window.clone());
        self.offer_next_draft();
    }

    /// Write the open entry form as this window's draft (when something was typed).
    pub(super) fn save_entry_draft(&mut self) {
        if self.store.is_read_only() || self.actor.is_none() {
            return;
        }
        let Some(e) = self.entry() else { return };
        if !e.is_dirty() {
            return;
        }
        let Ok(payload) = serde_json::to_string(&e.to_draft(self.lang)) else {
            return;
        };
        let window = self.window.clone();
        let r = self.write(|w| w.save_draft(DRAFT_ENTRY_FORM, &window, &payload));
        if self.report(r).is_some()
            && let Some(Overlay::Entry(e)) = self
                .overlays
                .iter_mut()
                .rev()
                .find(|o| matches!(o, Overlay::Entry(_)))
        {
            e.unsaved_since = None;
        }
    }

    pub(super) fn clear_entry_draft(&mut self, window: &str) {
        if self.actor.is_some() && !self.store.is_read_only() {
            let r = self.write(|w| w.clear_draft(DRAFT_ENTRY_FORM, window));
            self.report(r);
        }
    }

    /// Open an entry draft typed in `window` again, here; the old window's draft goes once
    /// this one's is written.
    pub(super) fn restore_entry(&mut self, window: &str) {
        let me = self.window.clone();
        let r = self.write(|w| w.claim_draft(DRAFT_ENTRY_FORM, window, &me));
        let Some(payload) = self.report(r) else {
            self.offer_next_draft();
            return;
        };
        let Ok(d) = serde_json::from_str::<EntryDraft>(&payload) else {
            return;
        };
        let e = match &d.origin {
            EntryOrigin::Step {
                case_uid,
                action,
                version,
                ..
            } => {
                let Some(action) = Action::from_code(action) else {
                    return;
                };
                let r = CaseView::load(&self.store, case_uid);
                let Some(view) = self.report(r) else { return };
                let officers: Vec<(i64, String)> = self
                    .store
                    .officers()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|o| (o.id, o.full_name))
                    .collect();
                let mut e = Entry::for_step(self.lang, &view, action, self.today, &officers);
                // The step is checked against the case as the officer saw it then: a change
                // since is refused with words, not overwritten.
                if let EntryPurpose::Step { version: v, .. }
                | EntryPurpose::TimeBar { version: v, .. } = &mut e.purpose
                {
                    *v = *version;
                }
                self.overlays.push(Overlay::Case(Box::new(view)));
                e
            }
            EntryOrigin::Intake { visit_uid } => match visit_uid {
                None => Entry::for_intake(
                    self.lang,
                    &self.fields,
                    self.today,
                    None,
                    None,
                    None,
                    None,
                    String::new(),
                ),
                Some(uid) => {
                    let r = self.store.visit_detail(uid);
                    let Some(d) = self.report(r) else { return };
                    Entry::for_intake(
                        self.lang,
                        &self.fields,
                        self.today,
                        Some(uid.clone()),
                        Some(d.row.citizen.clone()),
                        Some(crate::domain::case::CaseType::from_petition(
                            d.row.petition_type,
                        )),
                        None,
                        String::new(),
                    )
                }
            },
            EntryOrigin::Rule { rule_id } => {
                let rules = self.store.deadline_rules().unwrap_or_default();
                let Some(rule) = rules.iter().find(|r| r.id == *rule_id) else {
                    return;
                };
                Entry::for_rule(self.lang, rule, self.today)
            }
            EntryOrigin::CalendarDay => Entry::for_calendar_day(self.lang, None, self.today),
            EntryOrigin::RemoveDay { day, name } => Entry::for_remove_day(*day, name, self.today),
            EntryOrigin::FieldColumn { field_code } => {
                let fields = self.store.fields().unwrap_or_default();
                let Some(f) = fields.iter().find(|f| f.code == *field_code) else {
                    return;
                };
                let columns = self.store.report_columns().unwrap_or_default();
                Entry::for_field_column(f, columns)
            }
            EntryOrigin::Dialogue {
                uid,
                case_uid,
                code,
            } => {
                let d = match uid {
                    Some(uid) => {
                        let r = self.store.dialogue(uid);
                        let Some(d) = self.report(r) else { return };
                        d
                    }
                    None => {
                        let kind = if case_uid.is_some() {
                            crate::domain::dialogue::DialogueKind::Complaint
                        } else {
                            crate::domain::dialogue::DialogueKind::Public
                        };
                        let mut d = crate::domain::dialogue::Dialogue::planned(kind, self.today);
                        d.case_uid = case_uid.clone();
                        d.case_code = code.clone();
                        d
                    }
                };
                Entry::for_dialogue(self.lang, &d)
            }
            EntryOrigin::Promise { dialogue_uid, uid } => {
                let r = self.store.promises(Some(dialogue_uid));
                let Some(list) = self.report(r) else { return };
                let p = match uid {
                    Some(uid) => match list.into_iter().find(|p| p.uid == *uid) {
                        Some(p) => p,
                        None => return,
                    },
                    None => crate::domain::dialogue::Promise {
                        id: 0,
                        uid: String::new(),
                        dialogue_uid: dialogue_uid.clone(),
                        text: String::new(),
                        owner: String::new(),
                        due_on: self.today,
                        answered_on: None,
                        answer: String::new(),
                        version: 1,
                    },
                };
                Entry::for_promise(&p)
            }
        };
        self.push_entry(e);
        if let Some(Overlay::Entry(e)) = self.overlays.last_mut() {
            for (key, value) in &d.values {
                e.set_value(*key, value);
            }
            if let Some(key) = d.focus {
                e.resume_at(key, &d.typed);
            }
            // Restored text counts as typed.
            e.initial.clear();
        }
    }
}
