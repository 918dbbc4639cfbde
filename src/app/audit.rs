//! `F3`: the journal's newest entries, worded from their facts in the officer's language —
//! an administrator's view (domain/role.rs `ReadJournal`; the store refuses anyone else). A
//! person's identity is never shown in it, only that it changed.

use std::collections::HashMap;

use super::{App, Command, Overlay};
use crate::store::AuditFilter;

/// How many of the newest entries the view shows.
pub const SHOWN: u32 = 500;

/// The journal as the view shows it: one line per entry, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditView {
    pub lines: Vec<String>,
    pub scroll: u16,
}

impl App {
    /// Open the journal view (refused with words for an officer who is no administrator).
    /// `F4`: a leader's passphrase (or the recovery code) asked, to unlock the unit key for
    /// the session; once unlocked, a new passphrase.
    pub(super) fn open_unlock(&mut self) {
        if self.actor.is_none() {
            return;
        }
        // Unlocked already: a new passphrase (a leader changing theirs).
        let purpose = if self.store.unit_unlocked() {
            super::overlay::PromptPurpose::SetPassphrase {
                first: None,
                renew_code: false,
            }
        } else {
            super::overlay::PromptPurpose::UnlockUnit
        };
        self.overlays
            .push(Overlay::Prompt(Box::new(super::overlay::Prompt::new(
                purpose,
            ))));
    }

    pub(super) fn open_audit(&mut self) {
        let Some(actor) = self.actor.clone() else {
            return;
        };
        let filter = AuditFilter {
            limit: Some(SHOWN),
            ..AuditFilter::default()
        };
        let read = self
            .store
            .read_journal(&actor, &filter)
            .and_then(|entries| {
                let officers = self.store.all_officers()?;
                Ok((entries, officers))
            });
        match read {
            Ok((entries, officers)) => {
                let names: HashMap<&str, &str> = officers
                    .iter()
                    .map(|o| (o.uid.as_str(), o.full_name.as_str()))
                    .collect();
                let lines = entries
                    .iter()
                    .rev()
                    .map(|e| {
                        let name = e.officer.as_deref().and_then(|u| names.get(u).copied());
                        crate::i18n::journal::entry_line(self.lang, e, name)
                    })
                    .collect();
                self.overlays
                    .push(Overlay::Audit(Box::new(AuditView { lines, scroll: 0 })));
            }
            Err(e) => self.error(crate::i18n::store_error(self.lang, &e)),
        }
    }

    pub(super) fn apply_audit(&mut self, cmd: Command) {
        let page = self.viewport.1.saturating_sub(6).max(1);
        match cmd {
            Command::Close | Command::Audit => {
                self.overlays.pop();
            }
            Command::Up | Command::Down | Command::PageUp | Command::PageDown => {
                if let Some(Overlay::Audit(v)) = self.overlays.last_mut() {
                    v.scroll = super::scrolled(v.scroll, cmd, page);
                }
            }
            _ => {}
        }
    }
}
