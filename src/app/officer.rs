//! Who is at the keyboard: the first-start setup (unit, desk code, first officer), the officer
//! picker, adding an officer, and signing in — the only way the app gets an `Actor`.

use super::entry_draft::EntryDraft;
use super::overlay::single_line;
use super::{App, Command, Overlay, Picker, Prompt, PromptPurpose, Question, Setup};
use crate::domain::date::parse_date;
use crate::domain::text::clean_line;
use crate::domain::visit::VisitDraft;
use crate::i18n::Msg;
use crate::store::{self, DRAFT_ENTRY_FORM, DRAFT_VISIT_FORM, Officer, settings};

impl App {
    /// At start: the setup on a new book, the one officer signed in, or the picker.
    pub(super) fn start_officer(&mut self) -> store::Result<()> {
        let officers = self.store.officers()?;
        let last: Option<i64> = self
            .store
            .setting(settings::LAST_OFFICER)?
            .and_then(|v| v.parse().ok());
        match officers.len() {
            0 => {
                let desk = self.store.desk_code()?;
                self.overlays.push(Overlay::Setup(Box::new(Setup {
                    unit: single_line(&self.unit),
                    desk: single_line(&desk),
                    officer: single_line(""),
                    focus: if self.unit.is_empty() { 0 } else { 2 },
                    error: None,
                })))
            }
            1 => self.choose_officer(officers[0].clone())?,
            _ => {
                let selected = officers
                    .iter()
                    .position(|o| Some(o.id) == last)
                    .unwrap_or(0);
                self.overlays
                    .push(Overlay::Picker(Picker { officers, selected }));
            }
        }
        Ok(())
    }

    /// `o`: choose who is at the keyboard.
    pub(super) fn open_picker(&mut self) {
        let r = self.store.officers();
        if let Some(officers) = self.report(r) {
            let current = self.actor.as_ref().map(|a| a.officer_id());
            let selected = officers
                .iter()
                .position(|o| Some(o.id) == current)
                .unwrap_or(0);
            self.overlays
                .push(Overlay::Picker(Picker { officers, selected }));
        }
    }

    pub(super) fn apply_prompt(&mut self, cmd: Command) {
        match self.overlays.last_mut() {
            Some(Overlay::Setup(s)) => match cmd {
                Command::NextField => s.focus = (s.focus + 1) % Setup::INPUTS,
                Command::PrevField => s.focus = (s.focus + Setup::INPUTS - 1) % Setup::INPUTS,
                Command::Submit => {
                    if s.focus + 1 < Setup::INPUTS {
                        s.focus += 1;
                    } else {
                        self.finish_setup();
                    }
                }
                _ => {}
            },
            Some(Overlay::Prompt(p)) => match cmd {
                Command::Cancel => {
                    self.overlays.pop();
                }
                Command::Submit => {
                    let text = p.text();
                    match p.purpose.clone() {
                        PromptPurpose::GotoDate => match parse_date(&text, self.today) {
                            Ok(day) => {
                                self.overlays.pop();
                                self.go_to_day(day);
                            }
                            Err(e) => {
                                p.error = Some(crate::i18n::date_error(self.lang, &e).to_owned());
                            }
                        },
                        PromptPurpose::NewOfficer => {
                            let name = clean_line(&text);
                            if name.is_empty() {
                                p.error = Some(Msg::ErrRequired.t(self.lang).to_owned());
                                return;
                            }
                            self.add_officer(&name);
                        }
                        PromptPurpose::VoidVisit { uid, version } => {
                            self.void_visit(&uid, version, &text)
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// A new officer joins and signs in (added by the officer at the keyboard, if any).
    fn add_officer(&mut self, name: &str) {
        let r = if self.actor.is_some() {
            self.write(|w| w.add_officer(name, ""))
                .and_then(|o| self.store.sign_in(o.id))
        } else {
            self.store.enroll_officer(name)
        };
        if let Some(actor) = self.report(r) {
            self.overlays.pop();
            if let Some(Overlay::Picker(_)) = self.overlays.last() {
                self.overlays.pop();
            }
            let r = self.store.officer(actor.officer_id());
            if let Some(Some(o)) = self.report(r) {
                let r = self.choose_officer(o);
                self.report(r);
            }
        }
    }

    fn finish_setup(&mut self) {
        let lang = self.lang;
        let Some(Overlay::Setup(s)) = self.overlays.last_mut() else {
            return;
        };
        let unit = clean_line(&s.unit.lines().join(" "));
        let desk = clean_line(&s.desk.lines().join(" "));
        let name = clean_line(&s.officer.lines().join(" "));
        let missing = [
            (0, unit.is_empty(), Msg::SetupUnit),
            (1, desk.is_empty(), Msg::SetupDesk),
            (2, name.is_empty(), Msg::SetupOfficer),
        ];
        if let Some((i, _, label)) = missing.iter().find(|(_, empty, _)| *empty) {
            s.focus = *i;
            s.error = Some(format!("{}: {}", label.t(lang), Msg::ErrRequired.t(lang)));
            return;
        }
        if settings::check_desk_code(&desk).is_err() {
            s.focus = 1;
            s.error = Some(Msg::ErrDeskCode.t(lang).to_owned());
            return;
        }
        let r = self.store.first_start(&unit, &desk, &name);
        let Some(actor) = self.report(r) else {
            return;
        };
        self.unit = unit;
        self.overlays.pop();
        let r = self.store.officer(actor.officer_id());
        if let Some(Some(o)) = self.report(r) {
            let r = self.choose_officer(o);
            self.report(r);
        }
    }

    pub(super) fn apply_picker(&mut self, cmd: Command) {
        let signed_in = self.actor.is_some();
        let Some(Overlay::Picker(p)) = self.overlays.last_mut() else {
            return;
        };
        let n = p.officers.len() + 1;
        match cmd {
            Command::Up => p.selected = (p.selected + n - 1) % n,
            Command::Down => p.selected = (p.selected + 1) % n,
            Command::Submit => {
                if p.selected == p.officers.len() {
                    self.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
                        PromptPurpose::NewOfficer,
                    ))));
                } else {
                    let o = p.officers[p.selected].clone();
                    self.overlays.pop();
                    let r = self.choose_officer(o);
                    self.report(r);
                }
            }
            Command::Cancel if signed_in => {
                self.overlays.pop();
            }
            Command::RemoveItem if p.selected < p.officers.len() => {
                let o = p.officers[p.selected].clone();
                if self.actor.as_ref().is_some_and(|a| a.officer_id() == o.id) {
                    self.error(Msg::ErrDisableSelf.t(self.lang).to_owned());
                } else if signed_in {
                    self.overlays
                        .push(Overlay::Confirm(Question::DisableOfficer(Box::new(o))));
                }
            }
            _ => {}
        }
    }

    /// Disable an officer (audited): the picker lists the others.
    pub(super) fn disable_officer(&mut self, o: &Officer) {
        let r = self.write(|w| w.disable_officer(o.id));
        if self.report(r).is_some() {
            self.info(Msg::OfficerDisabled.fill(self.lang, &[&o.full_name]));
            if let Some(Overlay::Picker(p)) = self.overlays.last_mut() {
                p.officers.retain(|x| x.id != o.id);
                p.selected = p.selected.min(p.officers.len());
            }
        }
    }

    /// Sign `o` in, remember them, and offer their crashed draft.
    pub(super) fn choose_officer(&mut self, o: Officer) -> store::Result<()> {
        let actor = self.store.sign_in(o.id)?;
        let switching = self
            .actor
            .as_ref()
            .is_some_and(|cur| cur.officer_id() != o.id);
        // What one officer revealed is not revealed to the next.
        self.viewer.forget();
        self.actor = Some(actor);
        if !self.store.is_read_only() {
            self.write(|w| w.remember_officer())?;
        }
        if switching {
            self.info(Msg::OfficerSwitched.fill(self.lang, &[&o.full_name]));
        }
        // Every draft this officer left in any window (not this one's own).
        let mut waiting = self.store.drafts_of(o.id, DRAFT_VISIT_FORM)?;
        waiting.extend(self.store.drafts_of(o.id, DRAFT_ENTRY_FORM)?);
        waiting.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
        // Only drafts left behind: a window that still runs keeps its own.
        self.drafts_waiting = waiting
            .into_iter()
            .filter(|d| d.window != self.window && !self.store.window_alive(&d.window))
            .collect();
        self.offer_next_draft();
        Ok(())
    }

    /// Ask about the next waiting draft, if no form is open.
    pub(super) fn offer_next_draft(&mut self) {
        if self.form().is_some() || self.entry().is_some() {
            return;
        }
        while !self.drafts_waiting.is_empty() {
            let d = self.drafts_waiting.remove(0);
            if d.kind == DRAFT_ENTRY_FORM {
                if let Ok(draft) = serde_json::from_str::<EntryDraft>(&d.payload) {
                    let more = self.drafts_waiting.len();
                    self.overlays.push(Overlay::Confirm(Question::RestoreEntry {
                        draft: Box::new(draft),
                        window: d.window,
                        more,
                    }));
                    return;
                }
                continue;
            }
            match serde_json::from_str::<VisitDraft>(&d.payload) {
                Ok(draft) => {
                    let more = self.drafts_waiting.len();
                    self.overlays.push(Overlay::Confirm(Question::RestoreDraft {
                        draft: Box::new(draft),
                        window: d.window,
                        more,
                    }));
                    return;
                }
                // A draft this version cannot read is left as it is.
                Err(_) => continue,
            }
        }
    }
}
