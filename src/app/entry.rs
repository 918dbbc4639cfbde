//! The small entry forms: a step of a case's life, a written petition's intake (or another
//! case from a visit), a catalog entry. Their drafts and the question before discarding typed
//! text are in `entry_draft.rs`; the catalog forms are built in `duties.rs`.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::CaseView;
use super::combo::{Combo, ComboOption};
use crate::domain::case::{Action, CaseType, ForwarderKind, Outcome, RefusalReason};
use crate::domain::identity::Person;
use crate::domain::text::nfc;
use crate::i18n::{self, Lang, Msg};
use crate::store::{self, Field};

/// What an entry form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryPurpose {
    /// A step of a case's life. For classification the action comes from the choice row.
    Step {
        case_uid: String,
        code: String,
        action: Action,
        case_type: CaseType,
        /// The version of the case the officer saw.
        version: i64,
        /// The complaint came after its time limit (that limit's last day): accepting it
        /// needs the valid reason (Luật KN Art 11(6)).
        barred: Option<NaiveDate>,
    },
    /// A complaint's time-bar facts (Luật KN Art 9, 33, 48).
    TimeBar {
        case_uid: String,
        code: String,
        version: i64,
        round: u8,
    },
    /// A new case: from a visit (citizen known) or a written petition (citizen typed).
    Intake {
        visit_uid: Option<String>,
        /// The visit's citizen (shown by the identity rule in the form's title).
        citizen: Option<Box<Person>>,
    },
    /// A deadline rule of the catalog.
    /// The rule as the officer saw it (another desk's edit since is refused, not undone).
    Rule {
        seen: Box<crate::domain::deadline::Rule>,
    },
    /// A day off or a swapped working day of the calendar.
    CalendarDay,
    /// A day of the calendar made ordinary again, from an effective date.
    RemoveDay { day: NaiveDate, name: String },
    /// A dialogue: a complaint's or a public one, as the officer saw it (`id` 0: new).
    Dialogue {
        seen: Box<crate::domain::dialogue::Dialogue>,
    },
    /// An answer promised at a public dialogue (`id` 0: new).
    Promise {
        seen: Box<crate::domain::dialogue::Promise>,
    },
    /// The official report column a local field rolls up to.
    FieldColumn {
        field_code: String,
        field_name: String,
        /// The column the officer saw (another desk's change since is refused, not undone).
        seen: String,
    },
}

/// The inputs an entry form may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum EntryKey {
    Choice,
    Day,
    Agency,
    DocumentNo,
    Note,
    FullName,
    IdNumber,
    Phone,
    Address,
    CaseType,
    Field,
    Summary,
    Source,
    ForwardedBy,
    ForwardingDoc,
    Remote,
    Days,
    ExtensionDays,
    Basis,
    Article,
    Kind,
    Name,
    ObstacleDays,
    Subject,
    Active,
    /// The first day of a clock a catalog change applies to (issue 23).
    EffectiveFrom,
    /// Why a rule changes (required for a rule of law).
    Reason,
    /// Who forwarded a written petition (Luật TCD Art 27(2)).
    ForwarderKind,
    /// A transfer: the citizen asked to be told the result (Luật TCD Art 28(2)).
    ResultRequested,
    // A dialogue (issue 29) and an answer promised at one.
    PlannedOn,
    Time,
    Place,
    Presiding,
    NoticeOn,
    NoticeNo,
    Participants,
    Audience,
    People,
    Topics,
    HeldOn,
    Said,
    Agreed,
    Differ,
    DialogueOutcome,
    MinutesSigned,
    Promise,
    Owner,
    DueOn,
    AnsweredOn,
    Answer,
    /// A dialogue called off (kept, counted nowhere, its notice and promises off the board).
    Cancelled,
}

impl EntryKey {
    pub fn label(self, purpose: &EntryPurpose) -> Msg {
        match self {
            EntryKey::Choice => match purpose {
                EntryPurpose::Step { action, .. } => match action {
                    Action::Refuse => Msg::LblReason,
                    Action::Resolve => Msg::LblOutcome,
                    Action::Assign => Msg::LblAssignee,
                    _ => Msg::LblClassification,
                },
                EntryPurpose::FieldColumn { .. } => Msg::LblReportColumn,
                _ => Msg::LblClassification,
            },
            EntryKey::Day => match purpose {
                EntryPurpose::Intake { .. } => Msg::LblReceivedOn,
                EntryPurpose::TimeBar { round: 2, .. } => Msg::LblFirstDecisionOn,
                EntryPurpose::TimeBar { .. } => Msg::LblLearnedOn,
                _ => Msg::LblStepDay,
            },
            EntryKey::Note => match purpose {
                EntryPurpose::Step {
                    action: Action::Accept,
                    barred: Some(_),
                    ..
                } => Msg::LblValidReason,
                _ => Msg::LblNote,
            },
            EntryKey::ObstacleDays => Msg::LblObstacleDays,
            EntryKey::Subject => Msg::LblSubject,
            EntryKey::Active => Msg::LblActive,
            EntryKey::EffectiveFrom => Msg::LblEffectiveFrom,
            EntryKey::Reason => Msg::LblChangeReason,
            EntryKey::ForwarderKind => Msg::LblForwarderKind,
            EntryKey::ResultRequested => Msg::LblResultRequested,
            EntryKey::Days => Msg::LblDays,
            EntryKey::ExtensionDays => Msg::LblExtensionDays,
            EntryKey::Basis => Msg::LblBasis,
            EntryKey::Article => Msg::LblArticle,
            EntryKey::Kind => Msg::LblDayKind,
            EntryKey::Name => Msg::LblDayName,
            EntryKey::Agency => Msg::LblAgency,
            EntryKey::DocumentNo => Msg::LblDocumentNo,
            EntryKey::FullName => Msg::LblFullName,
            EntryKey::IdNumber => Msg::LblIdNumber,
            EntryKey::Phone => Msg::LblPhone,
            EntryKey::Address => Msg::LblAddress,
            EntryKey::CaseType => Msg::LblPetitionType,
            EntryKey::Field => Msg::LblField,
            EntryKey::Summary => Msg::LblSummary,
            EntryKey::Source => Msg::LblSource,
            EntryKey::ForwardedBy => Msg::LblForwardedBy,
            EntryKey::ForwardingDoc => Msg::LblForwardingDoc,
            EntryKey::Remote => Msg::LblRemote,
            EntryKey::PlannedOn => Msg::LblPlannedOn,
            EntryKey::Time => Msg::LblTime,
            EntryKey::Place => Msg::LblPlace,
            EntryKey::Presiding => Msg::LblDlgPresiding,
            EntryKey::NoticeOn => Msg::LblNoticeOn,
            EntryKey::NoticeNo => Msg::LblNoticeNo,
            EntryKey::Participants => Msg::LblParticipants,
            EntryKey::Audience => Msg::LblAudience,
            EntryKey::People => Msg::LblPeopleCount,
            EntryKey::Topics => Msg::LblTopics,
            EntryKey::HeldOn => Msg::LblHeldOn,
            EntryKey::Said => Msg::LblSaid,
            EntryKey::Agreed => Msg::LblAgreed,
            EntryKey::Differ => Msg::LblDiffer,
            EntryKey::DialogueOutcome => Msg::LblDialogueOutcome,
            EntryKey::MinutesSigned => Msg::LblMinutesSigned,
            EntryKey::Promise => Msg::LblPromise,
            EntryKey::Owner => Msg::LblOwner,
            EntryKey::DueOn => Msg::LblDueOn,
            EntryKey::AnsweredOn => Msg::LblAnsweredOn,
            EntryKey::Answer => Msg::LblAnswer,
            EntryKey::Cancelled => Msg::LblDlgCancelled,
        }
    }
}

impl EntryKey {
    /// How many characters this input holds (`domain::limits`).
    pub fn max_len(self) -> usize {
        use crate::domain::limits::*;
        match self {
            EntryKey::FullName | EntryKey::Name => NAME,
            EntryKey::Address => ADDRESS,
            EntryKey::Note
            | EntryKey::Summary
            | EntryKey::Participants
            | EntryKey::Topics
            | EntryKey::Said
            | EntryKey::Agreed
            | EntryKey::Differ
            | EntryKey::Promise
            | EntryKey::Answer => TEXT,
            EntryKey::Presiding | EntryKey::Owner => NAME,
            EntryKey::Place | EntryKey::Audience | EntryKey::NoticeNo => LINE,
            EntryKey::Time | EntryKey::People => 20,
            EntryKey::DialogueOutcome | EntryKey::MinutesSigned => LINE,
            EntryKey::PlannedOn | EntryKey::NoticeOn | EntryKey::HeldOn | EntryKey::DueOn => 20,
            EntryKey::AnsweredOn => 20,
            EntryKey::Cancelled => LINE,
            EntryKey::Agency
            | EntryKey::DocumentNo
            | EntryKey::ForwardedBy
            | EntryKey::ForwardingDoc
            | EntryKey::Article
            | EntryKey::Subject
            | EntryKey::Choice
            | EntryKey::CaseType
            | EntryKey::Field
            | EntryKey::Source
            | EntryKey::Basis
            | EntryKey::Kind
            | EntryKey::Remote
            | EntryKey::Active
            | EntryKey::Reason
            | EntryKey::ForwarderKind
            | EntryKey::ResultRequested => LINE,
            EntryKey::IdNumber | EntryKey::Phone => 40,
            EntryKey::Day
            | EntryKey::EffectiveFrom
            | EntryKey::Days
            | EntryKey::ExtensionDays
            | EntryKey::ObstacleDays => 20,
        }
    }
}

#[derive(Debug)]
pub enum EntryInput {
    Text(Box<TextArea<'static>>),
    Choice(Combo),
}

#[derive(Debug)]
pub struct EntryRow {
    pub key: EntryKey,
    pub input: EntryInput,
    pub required: bool,
}

/// A small form: a step of a case, or a new case.
#[derive(Debug)]
pub struct Entry {
    pub purpose: EntryPurpose,
    pub rows: Vec<EntryRow>,
    pub focus: usize,
    pub errors: Vec<(EntryKey, String)>,
    /// The values as the form opened (what "typed text" is measured against).
    pub initial: Vec<String>,
    /// Typed since the draft was last written.
    pub unsaved_since: Option<std::time::Instant>,
    /// Said above the inputs (what another desk changed, once the typed values were carried
    /// onto its version).
    pub notice: Option<String>,
}

pub(super) fn text(value: &str) -> EntryInput {
    let mut ta = TextArea::new(vec![value.to_owned()]);
    ta.set_cursor_line_style(ratatui::style::Style::default());
    ta.set_selection_style(
        ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::UNDERLINED),
    );
    ta.move_cursor(ratatui_textarea::CursorMove::End);
    EntryInput::Text(Box::new(ta))
}

pub(super) fn row(key: EntryKey, input: EntryInput, required: bool) -> EntryRow {
    EntryRow {
        key,
        input,
        required,
    }
}

/// A yes/no choice ("0"/"1").
pub(super) fn yes_no(lang: Lang, yes: bool) -> EntryInput {
    EntryInput::Choice(Combo::new(
        options([
            ("0".to_owned(), Msg::No.t(lang).to_owned()),
            ("1".to_owned(), Msg::Yes.t(lang).to_owned()),
        ]),
        Some(if yes { "1" } else { "0" }.to_owned()),
    ))
}

pub(super) fn options(items: impl IntoIterator<Item = (String, String)>) -> Vec<ComboOption> {
    items
        .into_iter()
        .map(|(code, label)| ComboOption { code, label })
        .collect()
}

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
        Entry {
            purpose: EntryPurpose::Step {
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
            focus: 0,
            errors: Vec::new(),
            initial: Vec::new(),
            unsaved_since: None,
            notice: None,
        }
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
        Entry {
            purpose: EntryPurpose::Intake {
                visit_uid,
                citizen: citizen.map(Box::new),
            },
            rows,
            focus: 0,
            errors: Vec::new(),
            initial: Vec::new(),
            unsaved_since: None,
            notice: None,
        }
    }

    /// The typed (NFC) text or chosen code of an input.
    pub fn value(&self, key: EntryKey) -> String {
        self.rows
            .iter()
            .find(|r| r.key == key)
            .map(|r| match &r.input {
                EntryInput::Text(ta) => nfc(ta.lines().join(" ").trim()),
                EntryInput::Choice(c) => c.chosen.clone().unwrap_or_default(),
            })
            .unwrap_or_default()
    }

    pub fn has(&self, key: EntryKey) -> bool {
        self.rows.iter().any(|r| r.key == key)
    }

    /// Focus the input of `key` (e.g. the first with an error) as Tab arrives at one: a
    /// choice opens its list, a text is selected so the first key typed replaces it.
    pub fn focus_key(&mut self, key: EntryKey) {
        if let Some(i) = self.rows.iter().position(|r| r.key == key) {
            if i != self.focus
                && let EntryInput::Choice(c) = &mut self.rows[self.focus].input
            {
                c.clear_query();
            }
            self.focus = i;
            self.arrive();
        }
    }

    pub fn focused(&mut self) -> &mut EntryRow {
        &mut self.rows[self.focus]
    }

    /// Leave the focused input (a choice takes its highlighted match) and move.
    pub fn move_focus(&mut self, forward: bool) {
        if let EntryInput::Choice(c) = &mut self.rows[self.focus].input {
            // Leaving takes the waiting choice; a filter that matches nothing is dropped.
            c.settle();
            c.clear_query();
        }
        let n = self.rows.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        self.arrive();
    }

    /// Focus arrives at an input: a choice opens its list, a text's value is selected so the
    /// first key typed replaces it.
    pub fn arrive(&mut self) {
        match &mut self.rows[self.focus].input {
            EntryInput::Choice(c) => c.focused(),
            EntryInput::Text(ta) => super::form::select_for_typing(ta),
        }
    }

    /// Tab, Enter or Ctrl-S on a combobox: take its waiting choice. False when the typed
    /// filter matches nothing (the text stays for correction).
    pub fn settle(&mut self) -> bool {
        match &mut self.rows[self.focus].input {
            EntryInput::Choice(c) => c.settle(),
            EntryInput::Text(_) => true,
        }
    }

    /// Enter on a combobox: like `settle`, and an open list with nothing chosen takes the
    /// line it shows highlighted (`Combo::pick`).
    pub fn pick(&mut self) -> bool {
        match &mut self.rows[self.focus].input {
            EntryInput::Choice(c) => c.pick(),
            EntryInput::Text(_) => true,
        }
    }

    /// Esc on a combobox with its list open closes the list; returns whether it did.
    pub fn close_dropdown(&mut self) -> bool {
        match &mut self.rows[self.focus].input {
            EntryInput::Choice(c) if c.is_open() => {
                c.close();
                true
            }
            _ => false,
        }
    }

    pub fn error_for(&self, key: EntryKey) -> Option<&str> {
        self.errors
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, e)| e.as_str())
    }
}
