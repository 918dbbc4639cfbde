//! Who is at the keyboard: the first-start setup (unit, desk code, first officer and their
//! PIN), the officer picker (`o`), adding and disabling an officer (administrators). Signing
//! in — the only way the app gets an `Actor` — is the lock screen's (`lock.rs`).

use super::entry_draft::EntryDraft;
use super::lock::LockWhy;
use super::{App, Command, Overlay, Picker, Prompt, PromptPurpose, Question, Setup};
use crate::domain::date::parse_date;
use crate::domain::text::clean_line;
use crate::domain::visit::VisitDraft;
use crate::i18n::Msg;
use crate::store::{self, Officer, settings};

impl App {
    /// At start: the setup on a new book, else the lock screen (the officer signed in last
    /// chosen, their PIN asked).
    pub(super) fn start_officer(&mut self) -> store::Result<()> {
        if self.store.officers()?.is_empty() {
            let desk = self.store.desk_code()?;
            self.overlays
                .push(Overlay::Setup(Box::new(Setup::new(&self.unit, &desk))));
            return Ok(());
        }
        let last: Option<i64> = self
            .store
            .setting(settings::LAST_OFFICER)?
            .and_then(|v| v.parse().ok());
        self.open_lock(LockWhy::Start, last);
        Ok(())
    }

    /// `o`: choose who is at the keyboard (they sign in with their PIN).
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

    /// An administrator adds an officer, who sets their PIN at their first sign-in.
    fn add_officer(&mut self, name: &str) {
        let r = self.write(|w| w.add_officer(name, ""));
        match r {
            Ok(o) => {
                self.overlays.pop();
                self.info(Msg::OfficerAdded.fill(self.lang, &[&o.full_name]));
                if let Some(Overlay::Picker(p)) = self.overlays.last_mut()
                    && let Ok(officers) = self.store.officers()
                {
                    p.selected = officers.iter().position(|x| x.id == o.id).unwrap_or(0);
                    p.officers = officers;
                }
            }
            Err(e) => {
                let text = crate::i18n::store_error(self.lang, &e);
                if let Some(Overlay::Prompt(p)) = self.overlays.last_mut() {
                    p.error = Some(text);
                }
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
        let pin = s.pin.lines().join("");
        let again = s.again.lines().join("");
        let missing = [
            (0, unit.is_empty(), Msg::SetupUnit),
            (1, desk.is_empty(), Msg::SetupDesk),
            (2, name.is_empty(), Msg::SetupOfficer),
            (3, pin.is_empty(), Msg::SetupPin),
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
        if let Err(problem) = crate::domain::role::check_pin(&crate::domain::text::nfc(&pin)) {
            s.focus = 3;
            s.error = Some(crate::i18n::pin_problem(lang, problem));
            s.clear_pins();
            return;
        }
        let r = self.store.first_start(&unit, &desk, &name, &pin, &again);
        let actor = match r {
            Ok(a) => a,
            Err(e) => {
                if let Some(Overlay::Setup(s)) = self.overlays.last_mut() {
                    if matches!(e, store::StoreError::BadPin(_)) {
                        s.focus = 3;
                        s.clear_pins();
                    }
                    s.error = Some(crate::i18n::store_error(lang, &e));
                }
                return;
            }
        };
        self.unit = unit;
        self.overlays.pop();
        let r = self.signed_in_as(actor);
        self.report(r);
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
                    self.switch_to(&o);
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

    /// Ask about the next waiting draft, if no form is open.
    pub(super) fn offer_next_draft(&mut self) {
        if self.form().is_some() || self.entry().is_some() {
            return;
        }
        while !self.drafts_waiting.is_empty() {
            let d = self.drafts_waiting.remove(0);
            if d.kind == store::DRAFT_ENTRY_FORM {
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
