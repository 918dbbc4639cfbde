//! The single table of allowed steps. The store seeds the same rows into SQLite (migrations
//! 0002, 0008 and 0014) and a trigger refuses any event that is not in it; a test keeps the
//! two copies identical.

use super::{Action, CaseStatus};

use Action as A;
use CaseStatus as S;

/// Every allowed step: (from, action, to). `Open` has no `from` and is not listed.
pub const TRANSITIONS: &[(CaseStatus, Action, CaseStatus)] = &[
    (S::New, A::ClassifyOwn, S::AwaitingAcceptance),
    (S::New, A::ClassifyNotOwn, S::OutsideAuthority),
    (S::New, A::ClassifyIneligible, S::NotEligible),
    (S::New, A::Withdraw, S::Withdrawn),
    (S::New, A::File, S::Filed),
    (S::AwaitingAcceptance, A::Accept, S::InProgress),
    (S::AwaitingAcceptance, A::Refuse, S::Refused),
    (S::AwaitingAcceptance, A::Withdraw, S::Withdrawn),
    (S::OutsideAuthority, A::Transfer, S::Transferred),
    (S::OutsideAuthority, A::Guide, S::Guided),
    (S::OutsideAuthority, A::Return, S::Returned),
    (S::NotEligible, A::Guide, S::Guided),
    (S::NotEligible, A::Return, S::Returned),
    (S::NotEligible, A::File, S::Filed),
    (S::InProgress, A::MarkComplex, S::InProgress),
    (S::InProgress, A::Extend, S::InProgress),
    (S::InProgress, A::Resolve, S::Resolved),
    (S::InProgress, A::Withdraw, S::Withdrawn),
    (S::Transferred, A::Urge, S::Transferred),
    (S::Resolved, A::Reopen, S::Resolved),
    // The duties the law adds around a case (issue 18): recorded facts and notices.
    (S::New, A::MarkMultiSite, S::New),
    (
        S::AwaitingAcceptance,
        A::MarkMultiSite,
        S::AwaitingAcceptance,
    ),
    (S::New, A::RecordTimeBar, S::New),
    (
        S::AwaitingAcceptance,
        A::RecordTimeBar,
        S::AwaitingAcceptance,
    ),
    (S::InProgress, A::RecordTimeBar, S::InProgress),
    (S::InProgress, A::MarkVeryComplex, S::InProgress),
    (S::InProgress, A::NotifyAcceptance, S::InProgress),
    (S::Resolved, A::SendDecision, S::Resolved),
    (S::Resolved, A::PublishDecision, S::Resolved),
    (S::Resolved, A::ReportToForwarder, S::Resolved),
    (S::Transferred, A::ResultReceived, S::Transferred),
    (S::Transferred, A::InformCitizen, S::Transferred),
    // Issue 23: the denunciation's other notices, and suspending the resolution (the case
    // stays accepted; whether it is suspended follows from its events).
    (S::InProgress, A::NotifyDenounced, S::InProgress),
    (S::InProgress, A::Suspend, S::InProgress),
    (S::InProgress, A::Continue, S::InProgress),
    (S::New, A::ReportHandling, S::New),
    (
        S::AwaitingAcceptance,
        A::ReportHandling,
        S::AwaitingAcceptance,
    ),
    (S::OutsideAuthority, A::ReportHandling, S::OutsideAuthority),
    (S::NotEligible, A::ReportHandling, S::NotEligible),
    (S::InProgress, A::ReportHandling, S::InProgress),
    (S::Resolved, A::ReportHandling, S::Resolved),
    (S::Transferred, A::ReportHandling, S::Transferred),
    (S::Guided, A::ReportHandling, S::Guided),
    (S::Returned, A::ReportHandling, S::Returned),
    (S::Filed, A::ReportHandling, S::Filed),
    (S::Withdrawn, A::ReportHandling, S::Withdrawn),
    (S::Refused, A::ReportHandling, S::Refused),
];
