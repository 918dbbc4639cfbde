//! The inputs an entry form may have: each one's label (by what the form is for) and its
//! longest length.

use super::EntryPurpose;
use crate::domain::case::Action;
use crate::i18n::Msg;

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
