//! The visit form: the fast path of the product. Text inputs are ratatui-textarea widgets
//! (Nội dung is multi-line and soft-wrapped); choice inputs are comboboxes. Everything typed
//! is kept NFC, and the form as typed can be saved as a draft and restored.
//!
//! The parts: this file holds the form's state (its inputs, built from a draft and turned
//! back into one) and which inputs show; `focus.rs` moving between inputs and what leaving one
//! does (its problems shown, values offered from a citizen's record); `typing.rs` keys and
//! pastes typed into the focused input; `inputs.rs` one input's widget.

use std::collections::HashSet;
use std::time::Instant;

use chrono::NaiveDate;

use super::combo::{Combo, ComboOption};
use crate::domain::refusal::RefusalGround;
use crate::domain::visit::{
    AccountRead, FormField, Handling, PetitionType, PresiderRole, Problem, ReceptionForm,
    VisitDraft, representatives_allowed,
};
use crate::i18n::{self, Lang};
use crate::store::{CitizenMatch, Field};

mod focus;
mod inputs;
mod typing;
pub(crate) use inputs::select_for_typing;
pub use inputs::{Input, Widget};
use inputs::{chosen, options, text_input, text_of};

pub const ORDER: &[FormField] = &[
    FormField::FullName,
    FormField::IdNumber,
    FormField::Phone,
    FormField::Address,
    FormField::People,
    FormField::Representatives,
    FormField::Form,
    FormField::Presiding,
    FormField::PresiderRole,
    FormField::PetitionType,
    FormField::Field,
    FormField::Content,
    FormField::PriorAgencies,
    FormField::Handling,
    FormField::TransferAgency,
    FormField::RefusalGround,
    // After the handling, so the keys of a visit typed before issue 29 still land where they
    // did (Luật TCD Art 25(2): the requests apart from the facts).
    FormField::Requests,
    FormField::Note,
    FormField::Documents,
    FormField::Petitions,
    FormField::AccountRead,
    FormField::Day,
    FormField::Time,
];

#[derive(Debug, Clone)]
pub struct VisitForm {
    pub lang: Lang,
    pub inputs: Vec<Input>,
    pub focus: FormField,
    pub editing_uid: Option<String>,
    /// The version of the visit being edited (a stale one is refused on save).
    pub editing_version: Option<i64>,
    /// The day the form opened on (its Ngày tiếp input may change the visit's day).
    pub opened_on: NaiveDate,
    pub threshold: u32,
    /// Findings of the last validation.
    pub problems: Vec<(FormField, Problem)>,
    /// Inputs the officer has left at least once (their problems are shown).
    pub touched: HashSet<FormField>,
    /// After a save attempt every problem is shown.
    pub show_all: bool,
    /// A returning citizen recognized from the ID number or name + phone.
    pub repeat: Option<CitizenMatch>,
    /// Values the form filled in from that citizen's record (not typed): they leave with the
    /// match (`withdraw_offers`).
    pub offered: Vec<(FormField, String)>,
    /// Editing a visit: its citizen as recorded (to tell a corrected name).
    pub known: Option<crate::domain::identity::Person>,
    /// The officer's answer to "the same person?" for (name, ID number) as typed then:
    /// whether the typed name corrects the record.
    pub rename: Option<(String, String, bool)>,
    /// The officer's answer for a correction of a visit whose case holds other visits.
    pub shared: crate::store::SharedCaseChoice,
    /// The draft as the form opened (to know whether anything was typed).
    pub initial: VisitDraft,
    /// When the form last changed and was not yet written as a draft.
    pub unsaved_since: Option<Instant>,
    /// When the draft was last written (HH:MM:SS), shown in the form.
    pub draft_saved_at: Option<String>,
    /// Top visible row of the form body when it does not fit (set by render).
    pub scroll: std::cell::Cell<u16>,
    /// Said at the top of the form (what another desk changed, once the typed values were
    /// carried onto its version).
    pub notice: Option<String>,
}

impl VisitForm {
    /// A form for `draft` (a new visit's defaults, a restored draft, or a visit to edit).
    pub fn from_draft(
        draft: VisitDraft,
        fields: &[Field],
        threshold: u32,
        lang: Lang,
        today: NaiveDate,
    ) -> VisitForm {
        let day = crate::domain::date::parse_date(&draft.day, today).unwrap_or(today);
        let combo =
            |opts: Vec<ComboOption>, code: &str| Widget::Combo(Combo::new(opts, chosen(code)));
        let inputs = ORDER
            .iter()
            .map(|&f| {
                let d = &draft;
                match f {
                    FormField::Form => Input {
                        field: f,
                        multiline: false,
                        widget: combo(
                            options(
                                &ReceptionForm::offered_on(day),
                                ReceptionForm::code,
                                i18n::reception_form,
                                lang,
                            ),
                            &d.form,
                        ),
                    },
                    FormField::PresiderRole => Input {
                        field: f,
                        multiline: false,
                        widget: combo(
                            options(
                                PresiderRole::ALL,
                                PresiderRole::code,
                                i18n::presider_role,
                                lang,
                            ),
                            &d.presider_role,
                        ),
                    },
                    FormField::PetitionType => Input {
                        field: f,
                        multiline: false,
                        widget: combo(
                            options(
                                PetitionType::ALL,
                                PetitionType::code,
                                i18n::petition_type,
                                lang,
                            ),
                            &d.petition_type,
                        ),
                    },
                    FormField::Handling => Input {
                        field: f,
                        multiline: false,
                        widget: combo(
                            options(Handling::ALL, Handling::code, i18n::handling, lang),
                            &d.handling,
                        ),
                    },
                    FormField::AccountRead => Input {
                        field: f,
                        multiline: false,
                        widget: combo(
                            options(
                                AccountRead::ALL,
                                AccountRead::code,
                                i18n::account_read,
                                lang,
                            ),
                            &d.account_read,
                        ),
                    },
                    FormField::RefusalGround => Input {
                        field: f,
                        multiline: false,
                        widget: combo(
                            options(
                                &RefusalGround::offered_on(day),
                                RefusalGround::code,
                                i18n::refusal_ground,
                                lang,
                            ),
                            &d.refusal_ground,
                        ),
                    },
                    FormField::Field => Input {
                        field: f,
                        multiline: false,
                        widget: combo(
                            fields
                                .iter()
                                .map(|x| ComboOption {
                                    code: x.code.clone(),
                                    label: x.name.clone(),
                                })
                                .collect(),
                            &d.field,
                        ),
                    },
                    other => text_input(other, text_of(d, other), lang),
                }
            })
            .collect();
        let mut form = VisitForm {
            lang,
            inputs,
            focus: FormField::FullName,
            editing_uid: draft.editing_uid.clone(),
            editing_version: draft.editing_version,
            opened_on: day,
            threshold,
            problems: vec![],
            touched: HashSet::new(),
            show_all: false,
            repeat: None,
            offered: Vec::new(),
            known: None,
            rename: None,
            shared: crate::store::SharedCaseChoice::Ask,
            initial: draft,
            unsaved_since: None,
            draft_saved_at: None,
            scroll: std::cell::Cell::new(0),
            notice: None,
        };
        match form.initial.focus.filter(|f| form.visible().contains(f)) {
            // A draft goes back to where the officer was typing, as it was: the cursor at
            // the end of the text (not selected: the next key goes on, it does not replace),
            // a choice's list open on what was typed into it.
            Some(f) => {
                let typed = form.initial.typed.clone();
                form.focus = f;
                if let Widget::Combo(c) = &mut form.input_mut(f).widget {
                    c.focused();
                    if !typed.is_empty() {
                        c.type_str(&typed);
                    }
                }
            }
            None => form.set_focus(FormField::FullName),
        }
        form
    }

    /// Defaults of a new visit on `day` at `time` (the form's opening; both editable).
    pub fn new_draft(day: NaiveDate, time: &str) -> VisitDraft {
        VisitDraft {
            people: "1".into(),
            form: ReceptionForm::ThuongXuyen.code().into(),
            petitions: "0".into(),
            day: crate::domain::date::format_date(day),
            time: time.to_owned(),
            ..VisitDraft::default()
        }
    }

    pub fn input(&self, f: FormField) -> &Input {
        self.inputs
            .iter()
            .find(|i| i.field == f)
            .expect("every field has an input")
    }

    fn input_mut(&mut self, f: FormField) -> &mut Input {
        self.inputs
            .iter_mut()
            .find(|i| i.field == f)
            .expect("every field has an input")
    }

    /// The text of a text input, or the chosen code of a combobox.
    pub fn value(&self, f: FormField) -> String {
        match &self.input(f).widget {
            Widget::Text(ta) => ta.lines().join("\n"),
            Widget::Combo(c) => c.chosen.clone().unwrap_or_default(),
        }
    }

    /// The form as typed.
    pub fn to_draft(&self) -> VisitDraft {
        let v = |f| self.value(f);
        VisitDraft {
            full_name: v(FormField::FullName),
            id_number: v(FormField::IdNumber),
            phone: v(FormField::Phone),
            address: v(FormField::Address),
            people: v(FormField::People),
            representatives: v(FormField::Representatives),
            form: v(FormField::Form),
            presiding: v(FormField::Presiding),
            presider_role: v(FormField::PresiderRole),
            petition_type: v(FormField::PetitionType),
            field: v(FormField::Field),
            content: v(FormField::Content),
            prior_agencies: v(FormField::PriorAgencies),
            handling: v(FormField::Handling),
            transfer_agency: v(FormField::TransferAgency),
            note: v(FormField::Note),
            documents: v(FormField::Documents),
            petitions: v(FormField::Petitions),
            requests: v(FormField::Requests),
            account_read: v(FormField::AccountRead),
            refusal_ground: v(FormField::RefusalGround),
            editing_uid: self.editing_uid.clone(),
            editing_version: self.editing_version,
            day: v(FormField::Day),
            time: v(FormField::Time),
            focus: Some(self.focus),
            typed: match &self.input(self.focus).widget {
                Widget::Combo(c) => c.query.clone(),
                Widget::Text(_) => String::new(),
            },
        }
    }

    /// The citizen on record this visit is about: the one recognized, or the edited visit's.
    pub fn recorded(&self) -> Option<&crate::domain::identity::Person> {
        self.repeat
            .as_ref()
            .map(|m| &m.person)
            .or(self.known.as_ref())
    }

    /// The officer's answer about the name, if given for the name and number typed now.
    pub fn rename_answer(&self) -> Option<bool> {
        let (name, id, rename) = self.rename.as_ref()?;
        (*name == self.value(FormField::FullName) && *id == self.value(FormField::IdNumber))
            .then_some(*rename)
    }

    /// Has anything been typed since the form opened? (Moving the focus is not typing.)
    pub fn is_dirty(&self) -> bool {
        self.to_draft().values() != self.initial.values()
    }

    /// Group size as typed (1 when not a number).
    pub fn people(&self) -> u32 {
        self.value(FormField::People).trim().parse().unwrap_or(1)
    }

    /// Is the visit a group (đoàn đông người), and how many representatives may it have?
    pub fn group_rule(&self) -> Option<(usize, usize)> {
        representatives_allowed(self.people(), self.threshold)
    }

    /// Inputs shown now: representatives only for groups, the presiding leader and whether
    /// they preside as the head or a delegate only for periodic or ad hoc reception, the
    /// receiving agency only for chuyển đơn.
    pub fn visible(&self) -> Vec<FormField> {
        let presided = ReceptionForm::from_code(&self.value(FormField::Form))
            .is_some_and(ReceptionForm::needs_presiding);
        let group = self.group_rule().is_some();
        let transfer = self.value(FormField::Handling) == Handling::ChuyenDon.code();
        let refused = self.value(FormField::Handling) == Handling::TuChoi.code();
        ORDER
            .iter()
            .copied()
            .filter(|f| match f {
                FormField::Representatives => group,
                FormField::Presiding | FormField::PresiderRole => presided,
                FormField::TransferAgency => transfer,
                FormField::RefusalGround => refused,
                _ => true,
            })
            .collect()
    }
}

/// What a typed key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOutcome {
    Nothing,
    Changed,
    Advance,
    Back,
}

/// Keep a text input NFC even when an input method sends decomposed marks one by one.
#[cfg(test)]
mod tests;
