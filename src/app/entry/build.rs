//! The entry forms built: a step of a case (its inputs by the action, officers offered for
//! an assignment) and a written petition's intake (or another case from a visit).

use chrono::NaiveDate;

use super::{Entry, EntryInput, EntryKey, EntryPurpose, options, row, text, yes_no};
use crate::app::CaseView;
use crate::app::combo::Combo;
use crate::domain::case::{Action, CaseType, ForwarderKind, Outcome, RefusalReason};
use crate::domain::identity::Person;
use crate::i18n::{self, Lang, Msg};
use crate::store::{self, Field};

impl Entry {
    /// The form for a step of a case. `officers` are offered for an assignment.
    pub fn for_step(
        lang: Lang,
        view: &CaseView,
        action: Action,
        today: NaiveDate,
        officers: &[(i64, String)],
    ) -> Entry {
        if action == Action::RecordTimeBar {
            return Entry::for_time_bar(lang, view);
        }
        let d = &view.detail.row;
        let barred = view.time_barred();
        let mut rows = Vec::new();
        let choice = match action {
            Action::ClassifyOwn | Action::ClassifyNotOwn | Action::ClassifyIneligible => {
                let offered = crate::domain::case::offered(&view.facts);
                Some(Combo::new(
                    options(
                        [
                            Action::ClassifyOwn,
                            Action::ClassifyNotOwn,
                            Action::ClassifyIneligible,
                        ]
                        .into_iter()
                        .filter(|a| offered.contains(a))
                        .map(|a| (a.code().to_owned(), i18n::action(a).t(lang).to_owned())),
                    ),
                    Some(Action::ClassifyOwn.code().to_owned()),
                ))
            }
            Action::Refuse => Some(Combo::new(
                options(RefusalReason::for_type(d.case_type).into_iter().map(|r| {
                    (
                        r.code().to_owned(),
                        i18n::refusal_reason(r).t(lang).to_owned(),
                    )
                })),
                // Received after its time limit: Art 11(6) offered first.
                barred.map(|_| RefusalReason::HetThoiHieu.code().to_owned()),
            )),
            Action::Resolve => Some(Combo::new(
                options(
                    Outcome::for_type(d.case_type)
                        .iter()
                        .map(|o| (o.code().to_owned(), i18n::outcome(*o).t(lang).to_owned())),
                ),
                None,
            )),
            Action::Assign => Some(Combo::new(
                options(
                    officers
                        .iter()
                        .map(|(id, name)| (id.to_string(), name.clone())),
                ),
                None,
            )),
            _ => None,
        };
        if let Some(c) = choice {
            rows.push(row(EntryKey::Choice, EntryInput::Choice(c), true));
        }
        rows.push(row(
            EntryKey::Day,
            text(&crate::domain::date::format_date(today)),
            true,
        ));
        if matches!(action, Action::Transfer | Action::Urge | Action::Guide) {
            // A transfer goes where the visit said it would (the chuyển đơn's receiving agency).
            let agency = if action == Action::Transfer {
                view.detail.transfer_agency.as_str()
            } else {
                ""
            };
            rows.push(row(
                EntryKey::Agency,
                text(agency),
                action == Action::Transfer,
            ));
        }
        if action == Action::Transfer {
            rows.push(row(EntryKey::ResultRequested, yes_no(lang, false), true));
        }
        if !matches!(action, Action::Note | Action::Assign) {
            rows.push(row(EntryKey::DocumentNo, text(""), false));
        }
        let reason_needed = action == Action::Accept && barred.is_some();
        rows.push(row(
            EntryKey::Note,
            text(""),
            action == Action::Note || reason_needed,
        ));
        Entry::new(
            EntryPurpose::Step {
                case_uid: d.uid.clone(),
                code: d.code.clone(),
                action,
                case_type: d.case_type,
                version: d.version,
                barred: if action == Action::Accept {
                    barred
                } else {
                    None
                },
            },
            rows,
        )
    }

    /// The intake form: a written petition (citizen typed) or another case from a visit.
    #[allow(clippy::too_many_arguments)]
    pub fn for_intake(
        lang: Lang,
        fields: &[Field],
        today: NaiveDate,
        visit_uid: Option<String>,
        citizen: Option<Person>,
        case_type: Option<CaseType>,
        field_code: Option<String>,
        summary: String,
    ) -> Entry {
        let mut rows = Vec::new();
        if citizen.is_none() {
            rows.push(row(EntryKey::FullName, text(""), true));
            rows.push(row(EntryKey::IdNumber, text(""), false));
            rows.push(row(EntryKey::Phone, text(""), false));
            rows.push(row(EntryKey::Address, text(""), false));
        }
        rows.push(row(
            EntryKey::CaseType,
            EntryInput::Choice(Combo::new(
                // A case from a visit is of the visit's kind: a denunciation never shares a
                // visit with another kind (Luật Tố cáo Art 8(3)); another kind is its own visit.
                options(
                    CaseType::ALL
                        .iter()
                        .filter(|t| visit_uid.is_none() || Some(**t) == case_type)
                        .map(|t| (t.code().to_owned(), i18n::case_type(*t).t(lang).to_owned())),
                ),
                case_type.map(|t| t.code().to_owned()),
            )),
            true,
        ));
        rows.push(row(
            EntryKey::Field,
            EntryInput::Choice(Combo::new(
                options(fields.iter().map(|f| (f.code.clone(), f.name.clone()))),
                field_code,
            )),
            true,
        ));
        rows.push(row(EntryKey::Summary, text(&summary), true));
        if visit_uid.is_none() {
            rows.push(row(
                EntryKey::Source,
                EntryInput::Choice(Combo::new(
                    options(
                        [
                            store::CaseSource::Post,
                            store::CaseSource::Forwarded,
                            store::CaseSource::Other,
                        ]
                        .into_iter()
                        .map(|s| (s.code().to_owned(), i18n::case_source(s).t(lang).to_owned())),
                    ),
                    Some(store::CaseSource::Post.code().to_owned()),
                )),
                true,
            ));
            rows.push(row(EntryKey::ForwardedBy, text(""), false));
            rows.push(row(
                EntryKey::ForwarderKind,
                EntryInput::Choice(Combo::new(
                    options(ForwarderKind::ALL.iter().map(|k| {
                        (
                            k.code().to_owned(),
                            i18n::forwarder_kind(*k).t(lang).to_owned(),
                        )
                    })),
                    None,
                )),
                false,
            ));
            rows.push(row(EntryKey::ForwardingDoc, text(""), false));
            rows.push(row(
                EntryKey::Day,
                text(&crate::domain::date::format_date(today)),
                true,
            ));
        }
        rows.push(row(
            EntryKey::Remote,
            EntryInput::Choice(Combo::new(
                options([
                    ("0".to_owned(), Msg::No.t(lang).to_owned()),
                    ("1".to_owned(), Msg::Yes.t(lang).to_owned()),
                ]),
                Some("0".to_owned()),
            )),
            true,
        ));
        Entry::new(
            EntryPurpose::Intake {
                visit_uid,
                citizen: citizen.map(Box::new),
            },
            rows,
        )
    }
}
