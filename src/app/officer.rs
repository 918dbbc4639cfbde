//! Who is at the keyboard: the first-start setup (unit, desk code, first officer and their
//! PIN), the officer picker (`o`: another officer signs in; administrators add, disable and
//! enable officers there). Signing in — the only way the app gets an `Actor` — is the lock
//! screen's (`lock.rs`).

use super::entry_draft::EntryDraft;
use super::keymap::{self, Context};
use super::lock::LockWhy;
use super::{App, Command, Overlay, Picker, PickerRow, Prompt, PromptPurpose, Question, Setup};
use crate::domain::date::parse_date;
use crate::domain::text::clean_line;
use crate::domain::visit::VisitDraft;
use crate::i18n::Msg;
use crate::store::{self, DRAFT_ENTRY_FORM, Officer, settings};

impl App {
    /// At start: the setup on a new book, else the lock screen — every officer signs in with
    /// their PIN, so the one offered first (who signed in last) is only a convenience: a
    /// reflexive Enter writes as nobody.
    pub(super) fn start_officer(&mut self) -> store::Result<()> {
        if self.store.officers()?.is_empty() {
            let desk = self.store.desk_code()?;
            let setup = Setup::new(&self.unit, &desk);
            self.overlays.push(Overlay::Setup(Box::new(setup)));
            return Ok(());
        }
        let last: Option<i64> = self
            .store
            .setting(settings::LAST_OFFICER)?
            .and_then(|v| v.parse().ok());
        self.open_lock(LockWhy::Start, last);
        Ok(())
    }

    /// Whether the first-start dialog was never finished: the book has no officer yet (the
    /// program was left from the dialog). A book made by this start is then removed.
    pub fn setup_pending(&self) -> bool {
        self.overlays.iter().any(|o| matches!(o, Overlay::Setup(_)))
    }

    /// `o`: choose who is at the keyboard.
    /// The officer of this window is preselected (never one signed in elsewhere).
    pub(super) fn open_picker(&mut self) {
        let r = self
            .store
            .officers()
            .and_then(|a| Ok((a, self.store.disabled_officers()?)));
        if let Some((officers, disabled)) = self.report(r) {
            let current = self.actor.as_ref().map(|a| a.officer_id());
            let selected = officers.iter().position(|o| Some(o.id) == current);
            self.overlays.push(Overlay::Picker(Picker {
                officers,
                disabled,
                selected,
            }));
        }
    }

    /// A store error in the officer's words; a write refused because the officer at the
    /// keyboard was disabled says what to do next, with the key that does it here.
    pub(super) fn store_error(&self, e: &store::StoreError) -> String {
        match (e, &self.actor) {
            (store::StoreError::NotPermitted, Some(actor)) => {
                let ctx = self.context();
                let key = keymap::key_for(ctx, Command::SwitchOfficer)
                    .or_else(|| keymap::key_for(Context::List, Command::SwitchOfficer))
                    .unwrap_or_default();
                Msg::ErrOfficerDisabledHere.fill(self.lang, &[&actor.name(), &key])
            }
            _ => crate::i18n::store_error(self.lang, e),
        }
    }

    pub(super) fn apply_prompt(&mut self, cmd: Command) {
        match self.overlays.last_mut() {
            Some(Overlay::Setup(s)) => match cmd {
                Command::NextField => s.focus_on((s.focus + 1) % Setup::INPUTS),
                Command::PrevField => s.focus_on((s.focus + Setup::INPUTS - 1) % Setup::INPUTS),
                Command::Submit => {
                    if s.focus + 1 < Setup::INPUTS {
                        s.focus_on(s.focus + 1);
                    } else {
                        self.finish_setup();
                    }
                }
                _ => {}
            },
            Some(Overlay::Prompt(p)) => match cmd {
                // The recovery code is shown once: closed only when acknowledged.
                Command::Cancel if matches!(p.purpose, PromptPurpose::AckRecovery { .. }) => {
                    p.error = Some(Msg::KeysAckRequired.t(self.lang).to_owned());
                }
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
                            // One who left and comes back is enabled again, not added twice.
                            let r = self.store.officer_named(&name);
                            match self.report(r) {
                                Some(Some(o)) if !o.active => self
                                    .overlays
                                    .push(Overlay::Confirm(Question::EnableOfficer(Box::new(o)))),
                                Some(_) => self.add_officer(&name),
                                None => {}
                            }
                        }
                        PromptPurpose::VoidVisit { uid, version } => {
                            self.void_visit(&uid, version, &text)
                        }
                        PromptPurpose::ExportBook => {
                            if let Err(e) = self.submit_book_export(&text)
                                && let Some(Overlay::Prompt(p)) = self.overlays.last_mut()
                            {
                                p.error = Some(e);
                            }
                        }
                        PromptPurpose::UnlockUnit => self.unlock_with(&text),
                        PromptPurpose::SetPassphrase { first, renew_code } => {
                            self.passphrase_typed(text, first, renew_code)
                        }
                        PromptPurpose::AckRecovery { code } => {
                            let last = code.0.rsplit('-').next().unwrap_or_default();
                            if crate::store::seal::normalize_code(&text) == last {
                                self.overlays.pop();
                                self.info(Msg::KeysAcknowledged.t(self.lang).to_owned());
                            } else if let Some(Overlay::Prompt(p)) = self.overlays.last_mut() {
                                p.input = super::overlay::single_line("");
                                p.error = Some(Msg::KeysAckRequired.t(self.lang).to_owned());
                            }
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// The unlock prompt's text: a leader's passphrase, or the recovery code (by its shape).
    /// Opened with the code, or by a leader with no passphrase yet, a passphrase is asked
    /// next (and, after the code, a new code made: the old one was used).
    fn unlock_with(&mut self, text: &str) {
        let Some(actor) = self.actor.clone() else {
            return;
        };
        let by_code = crate::store::seal::looks_like_code(text);
        let r = if by_code {
            self.store.recover_unit(&actor, text)
        } else {
            self.store.unlock_unit(&actor, text)
        };
        match r {
            Ok(()) => {
                self.overlays.pop();
                self.viewer.hold(self.store.opener());
                self.info(Msg::KeysUnlocked.t(self.lang).to_owned());
                let has = self.store.has_passphrase(actor.uid()).unwrap_or(true);
                if by_code || !has {
                    self.overlays
                        .push(Overlay::Prompt(Box::new(super::overlay::Prompt::new(
                            PromptPurpose::SetPassphrase {
                                first: None,
                                renew_code: by_code,
                            },
                        ))));
                }
            }
            Err(e) => {
                let text = crate::i18n::store_error(self.lang, &e);
                if let Some(Overlay::Prompt(p)) = self.overlays.last_mut() {
                    p.input = super::overlay::masked();
                    p.error = Some(text);
                }
            }
        }
    }

    /// A new passphrase typed: asked again, then set (and a new recovery code shown, when
    /// the old one was used to get here).
    fn passphrase_typed(
        &mut self,
        text: String,
        first: Option<super::overlay::Secret>,
        renew_code: bool,
    ) {
        let Some(actor) = self.actor.clone() else {
            return;
        };
        let Some(first) = first else {
            if let Some(Overlay::Prompt(p)) = self.overlays.last_mut() {
                p.purpose = PromptPurpose::SetPassphrase {
                    first: Some(super::overlay::Secret(text)),
                    renew_code,
                };
                p.input = super::overlay::masked();
                p.error = None;
            }
            return;
        };
        let r = self.store.set_passphrase(&actor, &first.0, &text);
        match r {
            Ok(()) => {
                self.overlays.pop();
                self.info(Msg::KeysPassphraseSet.t(self.lang).to_owned());
                if renew_code {
                    let r = self.store.new_recovery_code(&actor);
                    if let Some(code) = self.report(r) {
                        self.show_recovery_code(code);
                    }
                }
            }
            Err(e) => {
                let text = crate::i18n::store_error(self.lang, &e);
                if let Some(Overlay::Prompt(p)) = self.overlays.last_mut() {
                    p.purpose = PromptPurpose::SetPassphrase {
                        first: None,
                        renew_code,
                    };
                    p.input = super::overlay::masked();
                    p.error = Some(text);
                }
            }
        }
    }

    /// A recovery code, shown once in a dialog the officer closes by typing its last group.
    pub(super) fn show_recovery_code(&mut self, code: String) {
        self.overlays
            .push(Overlay::Prompt(Box::new(super::overlay::Prompt::new(
                PromptPurpose::AckRecovery {
                    code: super::overlay::Secret(code),
                },
            ))));
    }

    /// An administrator adds an officer, who sets their PIN at their first sign-in; anyone
    /// else is refused in the prompt, with words that say who may.
    fn add_officer(&mut self, name: &str) {
        let r = self.write(|w| w.add_officer(name, ""));
        match r {
            Ok(o) => {
                self.overlays.pop();
                self.info(Msg::OfficerAdded.fill(self.lang, &[&o.full_name]));
                self.refresh_picker(Some(o.id));
            }
            Err(e) => {
                let text = self.store_error(&e);
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
        // Every problem at once, each by its input; the first to fix gets the focus.
        let required = Msg::ErrRequired.t(lang).to_owned();
        let mut errors = Vec::new();
        if unit.is_empty() {
            errors.push((0, required.clone()));
        }
        if desk.is_empty() {
            errors.push((1, required.clone()));
        } else if settings::check_desk_code(&desk).is_err() {
            errors.push((1, Msg::ErrDeskCode.t(lang).to_owned()));
        }
        if name.is_empty() {
            errors.push((2, required.clone()));
        }
        // The PIN: the rules of domain/role.rs, then the second entry the same.
        let pin_problem = if pin.is_empty() {
            Some(required)
        } else if let Err(p) = crate::domain::role::check_pin(&crate::domain::text::nfc(&pin)) {
            Some(crate::i18n::pin_problem(lang, p))
        } else if crate::domain::text::nfc(&pin) != crate::domain::text::nfc(&again) {
            errors.push((
                4,
                crate::i18n::pin_problem(lang, crate::domain::role::PinProblem::Mismatch),
            ));
            None
        } else {
            None
        };
        if let Some(p) = pin_problem {
            errors.push((3, p));
        }
        if let Some((first, _)) = errors.first() {
            // A refused PIN is typed again, both times.
            if errors.iter().any(|(i, _)| *i >= 3) {
                s.clear_pins();
            }
            s.focus_on(*first);
            s.errors = errors;
            return;
        }
        let r = self.store.first_start(&unit, &desk, &name, &pin, &again);
        let Some(actor) = self.report(r) else {
            return;
        };
        self.unit = unit;
        self.overlays.pop();
        let r = self.signed_in_as(actor);
        self.report(r);
    }

    pub(super) fn apply_picker(&mut self, cmd: Command) {
        let signed_in = self.actor.is_some();
        let me = self.actor.as_ref().map(|a| a.officer_id());
        let Some(Overlay::Picker(p)) = self.overlays.last_mut() else {
            return;
        };
        let n = p.rows();
        match cmd {
            Command::Up => p.selected = Some(p.selected.map_or(n - 1, |s| (s + n - 1) % n)),
            Command::Down => p.selected = Some(p.selected.map_or(0, |s| (s + 1) % n)),
            Command::Submit => match p.current() {
                None => {
                    let keys = [Command::Down, Command::Up]
                        .map(|c| keymap::key_for(Context::Picker, c).unwrap_or_default());
                    let text = Msg::PickOfficerNone.fill(self.lang, &[&keys[0], &keys[1]]);
                    self.info(text);
                }
                Some(PickerRow::Add) => self.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
                    PromptPurpose::NewOfficer,
                )))),
                Some(PickerRow::Active(o)) => {
                    let o = o.clone();
                    self.overlays.pop();
                    self.switch_to(&o);
                }
                Some(PickerRow::Disabled(o)) => {
                    let q = Question::EnableOfficer(Box::new(o.clone()));
                    self.overlays.push(Overlay::Confirm(q));
                }
            },
            Command::Cancel if signed_in => {
                self.overlays.pop();
            }
            Command::RemoveItem => {
                if let Some(PickerRow::Active(o)) = p.current() {
                    let o = o.clone();
                    if me == Some(o.id) {
                        self.error(Msg::ErrDisableSelf.t(self.lang).to_owned());
                    } else if signed_in {
                        self.overlays
                            .push(Overlay::Confirm(Question::DisableOfficer(Box::new(o))));
                    }
                }
            }
            _ => {}
        }
    }

    /// Disable an officer (audited): the picker lists them among the disabled.
    pub(super) fn disable_officer(&mut self, o: &Officer) {
        let r = self.write(|w| w.disable_officer(o.id));
        if self.report(r).is_some() {
            self.info(Msg::OfficerDisabled.fill(self.lang, &[&o.full_name]));
            self.refresh_picker(None);
        }
    }

    /// Enable a disabled officer again (audited): an administrator's act — anyone else is
    /// refused with words that say who may (one who left does not come back by themself).
    pub(super) fn enable_officer(&mut self, o: &Officer) {
        let r = self.write(|w| w.enable_officer(o.id));
        if self.report(r).is_some() {
            self.info(Msg::OfficerEnabled.fill(self.lang, &[&o.full_name]));
            if let Some(Overlay::Prompt(_)) = self.overlays.last() {
                self.overlays.pop();
            }
            self.refresh_picker(Some(o.id));
        }
    }

    /// Read the open picker's lists again, the cursor on officer `on` (or kept in range).
    fn refresh_picker(&mut self, on: Option<i64>) {
        let r = self
            .store
            .officers()
            .and_then(|a| Ok((a, self.store.disabled_officers()?)));
        let Some((officers, disabled)) = self.report(r) else {
            return;
        };
        if let Some(Overlay::Picker(p)) = self.overlays.last_mut() {
            p.officers = officers;
            p.disabled = disabled;
            p.selected = match on {
                Some(id) => p.row_of(id),
                None => p.selected.map(|s| s.min(p.rows() - 1)),
            };
        }
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
