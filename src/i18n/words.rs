//! Words for the domain's values (a reception form, a case status, an obligation…) and for
//! what the app has to say about them: a citizen as a viewer may see them, a store error, a
//! validation problem, how a due date was computed.

use super::{Lang, Msg};
use crate::domain::ident::{IdError, IdWarning, PhoneError};
use crate::domain::identity::{Person, Shown, Viewer};
use crate::domain::visit::{
    FormField, Handling, PetitionType, PresiderRole, Problem, ReceptionForm,
};
use crate::store::StoreError;

/// A count with its thousands marked as each language writes them: 2.436 / 2,436.
pub fn number(lang: Lang, n: u64) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// What a correction changed in a case (its event's facts), in the viewer's language.
pub fn event_facts(lang: Lang, facts: &[crate::domain::case::EventFact]) -> String {
    use crate::domain::case::EventFact;
    use crate::domain::date::format_date;
    facts
        .iter()
        .map(|f| match f {
            EventFact::Retyped { from, to } => Msg::NoteRetyped.fill(lang, &[from, to]),
            EventFact::Field { from, to } => Msg::NoteField.fill(lang, &[from, to]),
            EventFact::Citizen => Msg::NoteCitizen.t(lang).to_owned(),
            EventFact::Day { from, to } => {
                Msg::NoteDay.fill(lang, &[&format_date(*from), &format_date(*to)])
            }
            EventFact::VisitsMoved { count, field } => {
                Msg::NoteVisitsMoved.fill(lang, &[count, field])
            }
            EventFact::VisitLeft { day, time } => {
                Msg::NoteVisitLeft.fill(lang, &[&format_date(*day), time])
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A text longer than its field holds, in the officer's words.
pub fn too_long(lang: Lang, max: usize, got: usize) -> String {
    Msg::ErrTooLong.fill(
        lang,
        &[&number(lang, max as u64), &number(lang, got as u64)],
    )
}

/// Why a typed date was refused: not a date at all, or a day the calendar does not have
/// (29/02/2025). The form, the prompts and the command line all say it with this.
pub fn date_error(lang: Lang, e: &crate::domain::date::DateError) -> &'static str {
    match e {
        crate::domain::date::DateError::Format => Msg::ErrDateFormat.t(lang),
        crate::domain::date::DateError::NoSuchDay => Msg::ErrDateNoSuchDay.t(lang),
    }
}

/// The weekday's name.
pub fn weekday(lang: Lang, d: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match d {
        Mon => Msg::Mon,
        Tue => Msg::Tue,
        Wed => Msg::Wed,
        Thu => Msg::Thu,
        Fri => Msg::Fri,
        Sat => Msg::Sat,
        Sun => Msg::Sun,
    }
    .t(lang)
}

pub fn reception_form(f: ReceptionForm) -> Msg {
    match f {
        ReceptionForm::ThuongXuyen => Msg::FormThuongXuyen,
        ReceptionForm::DinhKy => Msg::FormDinhKy,
        ReceptionForm::DotXuat => Msg::FormDotXuat,
        ReceptionForm::TrucTuyen => Msg::FormTrucTuyen,
    }
}

pub fn presider_role(r: PresiderRole) -> Msg {
    match r {
        PresiderRole::InPerson => Msg::RoleInPerson,
        PresiderRole::Delegated => Msg::RoleDelegated,
    }
}

/// The role in a few words (the visit's detail, the report's lists).
pub fn presider_role_short(r: PresiderRole) -> Msg {
    match r {
        PresiderRole::InPerson => Msg::RoleInPersonShort,
        PresiderRole::Delegated => Msg::RoleDelegatedShort,
    }
}

pub fn petition_type(t: PetitionType) -> Msg {
    match t {
        PetitionType::KhieuNai => Msg::TypeKhieuNai,
        PetitionType::ToCao => Msg::TypeToCao,
        PetitionType::KienNghi => Msg::TypeKienNghi,
        PetitionType::PhanAnh => Msg::TypePhanAnh,
    }
}

pub fn handling(h: Handling) -> Msg {
    match h {
        Handling::ThuLy => Msg::HandThuLy,
        Handling::HuongDan => Msg::HandHuongDan,
        Handling::ChuyenDon => Msg::HandChuyenDon,
        Handling::DonDoc => Msg::HandDonDoc,
        Handling::TraLoi => Msg::HandTraLoi,
        Handling::LuuDon => Msg::HandLuuDon,
        Handling::TuChoi => Msg::HandTuChoi,
    }
}

pub fn account_read(a: crate::domain::visit::AccountRead) -> Msg {
    use crate::domain::visit::AccountRead as A;
    match a {
        A::Signed => Msg::AccSigned,
        A::Fingerprinted => Msg::AccFingerprinted,
        A::NotSigned => Msg::AccNotSigned,
    }
}

pub fn participant_role(r: crate::domain::dialogue::ParticipantRole) -> Msg {
    use crate::domain::dialogue::ParticipantRole as R;
    match r {
        R::Presiding => Msg::PrPresiding,
        R::Recorder => Msg::PrRecorder,
        R::Complainant => Msg::PrComplainant,
        R::Representative => Msg::PrRepresentative,
        R::Respondent => Msg::PrRespondent,
        R::Interested => Msg::PrInterested,
        R::Agency => Msg::PrAgency,
        R::Other => Msg::PrOther,
    }
}

/// A participant's role from words typed in either language, diacritics or not ("người"
/// may be left out: "bị khiếu nại").
pub fn participant_role_of(words: &str) -> Option<crate::domain::dialogue::ParticipantRole> {
    use crate::domain::text::fold;
    let bare = |s: &str| {
        let f = fold(s);
        f.strip_prefix("nguoi ").map(str::to_owned).unwrap_or(f)
    };
    let w = bare(words);
    crate::domain::dialogue::ParticipantRole::ALL
        .iter()
        .copied()
        .find(|r| {
            [Lang::Vi, Lang::En]
                .iter()
                .any(|l| bare(participant_role(*r).t(*l)) == w)
        })
}

pub fn dialogue_outcome(o: crate::domain::dialogue::DialogueOutcome) -> Msg {
    use crate::domain::dialogue::DialogueOutcome as O;
    match o {
        O::Agreed => Msg::DoAgreed,
        O::Partly => Msg::DoPartly,
        O::Differ => Msg::DoDiffer,
        O::Withdrawn => Msg::DoWithdrawn,
        O::Absent => Msg::DoAbsent,
        O::Held => Msg::DoHeld,
    }
}

pub fn minutes_signed(s: crate::domain::dialogue::MinutesSigned) -> Msg {
    use crate::domain::dialogue::MinutesSigned as S;
    match s {
        S::All => Msg::MsAll,
        S::NotAll => Msg::MsNotAll,
    }
}

pub fn refusal_ground(g: crate::domain::refusal::RefusalGround) -> Msg {
    use crate::domain::refusal::RefusalGround as G;
    match g {
        G::Impaired => Msg::GrImpaired,
        G::Threatening => Msg::GrThreatening,
        G::Persistent => Msg::GrPersistent,
        G::OtherByLaw => Msg::GrOtherByLaw,
        G::Weapon => Msg::GrWeapon,
        G::SecurityCheck => Msg::GrSecurityCheck,
        G::Recording => Msg::GrRecording,
        G::Incitement => Msg::GrIncitement,
        G::NoCapacity => Msg::GrNoCapacity,
        G::NoProofOfRepresentation => Msg::GrNoProof,
        G::OutOfScope => Msg::GrOutOfScope,
        G::RepeatedNothingNew => Msg::GrRepeated,
        G::CourtJudgment => Msg::GrCourt,
        G::HandledElsewhere => Msg::GrElsewhere,
    }
}

pub fn form_field(f: FormField) -> Msg {
    match f {
        FormField::FullName => Msg::LblFullName,
        FormField::IdNumber => Msg::LblIdNumber,
        FormField::Phone => Msg::LblPhone,
        FormField::Address => Msg::LblAddress,
        FormField::People => Msg::LblPeople,
        FormField::Representatives => Msg::LblRepresentatives,
        FormField::Form => Msg::LblForm,
        FormField::Presiding => Msg::LblPresiding,
        FormField::PresiderRole => Msg::LblPresiderRole,
        FormField::PetitionType => Msg::LblPetitionType,
        FormField::Field => Msg::LblField,
        FormField::Content => Msg::LblContent,
        FormField::PriorAgencies => Msg::LblPriorAgencies,
        FormField::Handling => Msg::LblHandling,
        FormField::TransferAgency => Msg::LblTransferAgency,
        FormField::Note => Msg::LblNote,
        FormField::Documents => Msg::LblDocuments,
        FormField::Petitions => Msg::LblPetitions,
        FormField::Requests => Msg::LblRequests,
        FormField::AccountRead => Msg::LblAccountRead,
        FormField::RefusalGround => Msg::LblRefusalGround,
        FormField::Day => Msg::LblVisitDay,
        FormField::Time => Msg::LblVisitTime,
    }
}

pub fn case_type(t: crate::domain::case::CaseType) -> Msg {
    use crate::domain::case::CaseType as T;
    match t {
        T::KhieuNai => Msg::CtKhieuNai,
        T::ToCao => Msg::CtToCao,
        T::KienNghiPhanAnh => Msg::CtKnpa,
    }
}

pub fn case_status(s: crate::domain::case::CaseStatus) -> Msg {
    use crate::domain::case::CaseStatus as S;
    match s {
        S::New => Msg::StNew,
        S::AwaitingAcceptance => Msg::StAwaiting,
        S::OutsideAuthority => Msg::StOutside,
        S::NotEligible => Msg::StNotEligible,
        S::InProgress => Msg::StInProgress,
        S::Resolved => Msg::StResolved,
        S::Transferred => Msg::StTransferred,
        S::Guided => Msg::StGuided,
        S::Returned => Msg::StReturned,
        S::Filed => Msg::StFiled,
        S::Withdrawn => Msg::StWithdrawn,
        S::Refused => Msg::StRefused,
    }
}

pub fn case_source(s: crate::store::CaseSource) -> Msg {
    use crate::store::CaseSource as C;
    match s {
        C::Visit => Msg::SrcVisit,
        C::Post => Msg::SrcPost,
        C::Forwarded => Msg::SrcForwarded,
        C::Other => Msg::SrcOther,
    }
}

pub fn action(a: crate::domain::case::Action) -> Msg {
    use crate::domain::case::Action as A;
    match a {
        A::Open => Msg::AcOpen,
        A::ClassifyOwn => Msg::AcClassifyOwn,
        A::ClassifyNotOwn => Msg::AcClassifyNotOwn,
        A::ClassifyIneligible => Msg::AcClassifyIneligible,
        A::Accept => Msg::AcAccept,
        A::Transfer => Msg::AcTransfer,
        A::Guide => Msg::AcGuide,
        A::Urge => Msg::AcUrge,
        A::Return => Msg::AcReturn,
        A::File => Msg::AcFile,
        A::Withdraw => Msg::AcWithdraw,
        A::Refuse => Msg::AcRefuse,
        A::MarkComplex => Msg::AcComplex,
        A::Extend => Msg::AcExtend,
        A::Resolve => Msg::AcResolve,
        A::Reopen => Msg::AcReopen,
        A::Note => Msg::AcNote,
        A::Assign => Msg::AcAssign,
        A::AddPetition => Msg::AcAddPetition,
        A::MarkRemote => Msg::AcRemote,
        A::VisitEdited => Msg::AcVisitEdited,
        A::MarkVeryComplex => Msg::AcVeryComplex,
        A::MarkMultiSite => Msg::AcMultiSite,
        A::RecordTimeBar => Msg::AcTimeBar,
        A::NotifyAcceptance => Msg::AcNotifyAcceptance,
        A::SendDecision => Msg::AcSendDecision,
        A::PublishDecision => Msg::AcPublishDecision,
        A::ReportToForwarder => Msg::AcReportForwarder,
        A::ResultReceived => Msg::AcResultReceived,
        A::InformCitizen => Msg::AcInformCitizen,
        A::NotifyDenounced => Msg::AcNotifyDenounced,
        A::ReportHandling => Msg::AcReportHandling,
        A::Suspend => Msg::AcSuspend,
        A::Continue => Msg::AcContinue,
    }
}

pub fn forwarder_kind(k: crate::domain::case::ForwarderKind) -> Msg {
    use crate::domain::case::ForwarderKind as F;
    match k {
        F::NationalAssembly => Msg::FwdQuocHoi,
        F::Deputy => Msg::FwdDaiBieu,
        F::ReceptionBoard => Msg::FwdBanTcd,
        F::Other => Msg::FwdKhac,
    }
}

pub fn complaint_subject(s: crate::domain::case::ComplaintSubject) -> Msg {
    use crate::domain::case::ComplaintSubject as C;
    match s {
        C::Administrative => Msg::SubjAdministrative,
        C::Disciplinary => Msg::SubjDisciplinary,
        C::Dismissal => Msg::SubjDismissal,
    }
}

/// Why the law does not allow a step, when there is more to say than the status (the
/// article, and what to do instead): extensions, a late complaint, a result not yet in.
pub fn refusal_why(
    lang: Lang,
    a: crate::domain::case::Action,
    why: crate::domain::case::Refusal,
) -> Option<&'static str> {
    use crate::domain::case::{Action as A, Refusal as R};
    let m = match (a, why) {
        (A::Extend, R::NotForType) => Msg::WhyExtendComplaint,
        (A::Extend, R::NeedsComplex) => Msg::WhyExtendNeedsComplex,
        (A::Extend, R::NeedsVeryComplex) => Msg::WhyExtendNeedsVeryComplex,
        (A::Extend, R::Exhausted) => Msg::WhyExtendExhausted,
        (_, R::TimeBarred) => Msg::WhyTimeBarred,
        (_, R::NeedsResult) => Msg::WhyNeedsResult,
        (_, R::NotApplicable) => Msg::WhyNotApplicable,
        (_, R::Suspended) => Msg::WhySuspended,
        (_, R::NotSuspended) => Msg::WhyNotSuspended,
        (_, R::NotYetInForce) => Msg::WhyNotYetInForce,
        (
            A::NotifyAcceptance
            | A::SendDecision
            | A::PublishDecision
            | A::ReportToForwarder
            | A::ResultReceived
            | A::InformCitizen
            | A::NotifyDenounced
            | A::ReportHandling
            | A::MarkVeryComplex
            | A::MarkMultiSite,
            R::Exhausted,
        ) => Msg::WhyDoneAlready,
        _ => return None,
    };
    Some(m.t(lang))
}

pub fn refusal_reason(r: crate::domain::case::RefusalReason) -> Msg {
    use crate::domain::case::RefusalReason as R;
    match r {
        R::NoiBo => Msg::Rs11_1,
        R::KhongLienQuan => Msg::Rs11_2,
        R::KhongNangLuc => Msg::Rs11_3,
        R::DaiDienKhongHopPhap => Msg::Rs11_4,
        R::KhongChuKy => Msg::Rs11_5,
        R::HetThoiHieu => Msg::Rs11_6,
        R::DaCoQuyetDinhLan2 => Msg::Rs11_7,
        R::DinhChi => Msg::Rs11_8,
        R::ToaAn => Msg::Rs11_9,
        R::ToCaoKhongDuDieuKien => Msg::RsTc29,
    }
}

pub fn outcome(o: crate::domain::case::Outcome) -> Msg {
    use crate::domain::case::Outcome as O;
    match o {
        O::Dung => Msg::OcDung,
        O::Sai => Msg::OcSai,
        O::DungMotPhan => Msg::OcDungMotPhan,
        O::DaTraLoi => Msg::OcDaTraLoi,
    }
}

pub fn obligation(o: crate::domain::deadline::Obligation) -> Msg {
    use crate::domain::deadline::Obligation as O;
    match o {
        O::ReplyCitizen => Msg::ObReply,
        O::Accept => Msg::ObAccept,
        O::InitialHandling => Msg::ObInitial,
        O::TransferDenunciation => Msg::ObTransfer,
        O::Resolve => Msg::ObResolve,
        O::NotifyAcceptance => Msg::ObNotifyAcceptance,
        O::SendDecision => Msg::ObSendDecision,
        O::PublishDecision => Msg::ObPublishDecision,
        O::ReportToForwarder => Msg::ObReportForwarder,
        O::InformCitizenResult => Msg::ObInformCitizen,
        O::InternalTarget => Msg::ObInternal,
        O::TimeLimit => Msg::ObTimeLimit,
        O::SecondComplaint => Msg::ObSecondComplaint,
        O::NotifyDenounced => Msg::ObNotifyDenounced,
        O::SendConclusion => Msg::ObSendConclusion,
        O::PublishConclusion => Msg::ObPublishConclusion,
        O::ReportHandlingToForwarder => Msg::ObReportHandling,
        O::DecisionEffective => Msg::ObDecisionEffective,
        O::RefusalNotice => Msg::ObRefusalNotice,
        O::PostSchedule => Msg::ObPostSchedule,
        O::DialogueNotice => Msg::ObDialogueNotice,
        O::PromisedAnswer => Msg::ObPromisedAnswer,
    }
}

/// Whom a deadline rule applies to: "Khiếu nại, lần 1, phức tạp" ("mọi" for any case).
/// Shared by the catalog's table and the rule editor's title.
pub fn rule_applies(lang: Lang, r: &crate::domain::deadline::Rule) -> String {
    let mut applies = vec![
        r.case_type
            .map(|t| case_type(t).t(lang).to_owned())
            .unwrap_or_else(|| Msg::AnyValue.t(lang).to_owned()),
    ];
    if let Some(n) = r.round {
        applies.push(Msg::RoundN.fill(lang, &[&n]));
    }
    if r.complex == Some(true) {
        applies.push(Msg::CaseComplex.t(lang).to_owned());
    }
    if r.remote == Some(true) {
        applies.push(Msg::CaseRemote.t(lang).to_owned());
    }
    if r.multi_site == Some(true) {
        applies.push(Msg::CaseMultiSite.t(lang).to_owned());
    }
    match (r.disciplinary, r.dismissal) {
        (_, Some(true)) => applies.push(Msg::CaseDismissal.t(lang).to_owned()),
        (Some(true), _) => applies.push(Msg::CaseDisciplinary.t(lang).to_owned()),
        _ => {}
    }
    applies.join(", ")
}

/// When a deadline rule applies: "01/07/2026–" or "01/07/2012–30/06/2026".
pub fn rule_effective(r: &crate::domain::deadline::Rule) -> String {
    use crate::domain::date::format_date;
    match r.effective_to {
        Some(to) => format!("{}–{}", format_date(r.effective_from), format_date(to)),
        None => format!("{}–", format_date(r.effective_from)),
    }
}

/// The rule editor says which rule it edits: its obligation, whom it applies to and when it
/// applies (two rules of one obligation differ by these); its article is said under it.
pub fn rule_title(lang: Lang, r: &crate::domain::deadline::Rule) -> String {
    Msg::RuleEditTitle.fill(
        lang,
        &[
            &obligation(r.obligation).t(lang),
            &rule_applies(lang, r),
            &rule_effective(r),
        ],
    )
}

/// A catalog change that moved a due date, in words.
pub fn change_cause(lang: Lang, c: &crate::domain::deadline::Cause) -> String {
    use crate::domain::date::format_date;
    use crate::domain::deadline::Cause as C;
    match c {
        C::DayOff { day, name } => Msg::ChangeDayOff.fill(lang, &[&format_date(*day), name]),
        C::WorkDay { day, name } => Msg::ChangeWorkDay.fill(lang, &[&format_date(*day), name]),
        C::DayRemoved { day, name } => {
            Msg::ChangeDayRemoved.fill(lang, &[&format_date(*day), name])
        }
        C::YearConfirmed { year } => Msg::ChangeYearConfirmed.fill(lang, &[year]),
        C::RuleEdited { article } => Msg::ChangeRule.fill(lang, &[article]),
    }
}

pub fn day_basis(b: crate::domain::deadline::DayBasis) -> Msg {
    match b {
        crate::domain::deadline::DayBasis::Calendar => Msg::BasisCalendar,
        crate::domain::deadline::DayBasis::Working => Msg::BasisWorking,
    }
}

pub fn day_kind(k: crate::domain::calendar::DayKind) -> Msg {
    match k {
        crate::domain::calendar::DayKind::Off => Msg::KindOff,
        crate::domain::calendar::DayKind::Work => Msg::KindWork,
    }
}

/// How a due date was computed, line by line: (label, text). Shared by the `w` overlay and
/// `tiepdan due`.
pub fn explanation_lines(
    lang: Lang,
    e: &crate::domain::deadline::Explanation,
) -> Vec<(Option<Msg>, String)> {
    use crate::domain::date::format_date;
    let mut out = vec![(Some(Msg::ExplainRule), e.article.clone())];
    if e.internal {
        out.push((None, format!("⚑ {}", Msg::ExplainInternal.t(lang))));
    }
    if e.practice {
        out.push((None, format!("⚑ {}", Msg::ExplainPractice.t(lang))));
    }
    let start = match e.start_event.as_str() {
        "accepted" => Msg::ExplainStartAccepted,
        "decided" => Msg::ExplainStartDecided,
        "decision_date" => Msg::ExplainStartDecisionDate,
        "decision_sent" => Msg::ExplainStartDecisionSent,
        "decision_received" => Msg::ExplainStartDecisionReceived,
        "resolve_limit" => Msg::ExplainStartResolveLimit,
        "learned" => Msg::ExplainStartLearned,
        "result_notice" => Msg::ExplainStartResultNotice,
        "refused" => Msg::ExplainStartRefused,
        "session_day" => Msg::ExplainStartSessionDay,
        "dialogue_day" => Msg::ExplainStartDialogueDay,
        "promised" => Msg::ExplainStartPromised,
        _ => Msg::ExplainStartReceived,
    };
    out.push((
        Some(Msg::ExplainStart),
        start.fill(lang, &[&format_date(e.start_on)]),
    ));
    let counting = match (e.basis == "working", e.before) {
        (true, false) => Msg::ExplainWorking,
        (false, false) => Msg::ExplainCalendar,
        (true, true) => Msg::ExplainWorkingBefore,
        (false, true) => Msg::ExplainCalendarBefore,
    };
    out.push((Some(Msg::ExplainCount), counting.fill(lang, &[&e.days])));
    for (i, x) in e.extensions.iter().enumerate() {
        out.push((None, Msg::ExplainExtension.fill(lang, &[&(i + 1), x])));
    }
    if e.excluded_days > 0 {
        out.push((None, Msg::ExplainExcluded.fill(lang, &[&e.excluded_days])));
    }
    if !e.pauses.is_empty() {
        let spans: Vec<String> = e
            .pauses
            .iter()
            .map(|p| {
                let to = p.to.map(format_date).unwrap_or_default();
                format!("{}–{to}", format_date(p.from))
            })
            .collect();
        out.push((
            None,
            Msg::ExplainPaused.fill(lang, &[&spans.join(", "), &e.paused_days]),
        ));
    }
    if e.basis != "working" {
        out.push((
            None,
            Msg::ExplainNominal.fill(lang, &[&format_date(e.nominal_end)]),
        ));
    }
    if !e.skipped.is_empty() {
        let list: Vec<String> = e
            .skipped
            .iter()
            .map(|s| {
                let why = if s.is_weekend() {
                    weekday(lang, chrono::Datelike::weekday(&s.day))
                } else {
                    s.why.as_str()
                };
                let mut t = format!("{} {why}", format_date(s.day));
                if s.expected {
                    t.push(' ');
                    t.push_str(Msg::ExplainExpected.t(lang));
                }
                t
            })
            .collect();
        out.push((Some(Msg::ExplainSkipped), list.join(" · ")));
    }
    if !e.worked_weekends.is_empty() {
        let list: Vec<String> = e.worked_weekends.iter().map(|d| format_date(*d)).collect();
        out.push((None, Msg::ExplainWorked.fill(lang, &[&list.join(", ")])));
    }
    if e.rolled_forward {
        let rolled = if e.before {
            Msg::ExplainRolledBack
        } else {
            Msg::ExplainRolled
        };
        out.push((None, rolled.t(lang).to_owned()));
    }
    if e.unconfirmed {
        out.push((None, format!("⚠ {}", Msg::ExplainUnconfirmed.t(lang))));
    }
    if let Some(c) = &e.change {
        out.push((
            Some(Msg::ExplainChanged),
            Msg::ExplainChangedText.fill(
                lang,
                &[
                    &format_date(c.previous_due),
                    &format_date(c.on),
                    &change_cause(lang, &c.cause),
                ],
            ),
        ));
    }
    out
}

/// A citizen's name as this viewer may see it: the one function that turns a [`Person`] into
/// text (the name, the pseudonym "Người tố cáo TC-2026-0007", or "Người tố cáo (bảo mật)").
pub fn person(lang: Lang, viewer: &Viewer, p: &Person) -> String {
    match viewer.show(p) {
        Shown::Named(n) => n.to_owned(),
        Shown::Pseudonym(code) => denouncer_pseudonym(lang, code),
        Shown::Hidden => Msg::DenouncerHidden.t(lang).to_owned(),
    }
}

/// A store error in the officer's words.
pub fn store_error(lang: Lang, e: &StoreError) -> String {
    let what = |w: &str| match w {
        "visit" => Msg::WhatVisit,
        "case" => Msg::WhatCase,
        "citizen" => Msg::WhatCitizen,
        "rule" => Msg::WhatRule,
        "field" => Msg::WhatField,
        _ => Msg::WhatRecord,
    };
    match e {
        StoreError::Conflict { what: "draft", .. } => Msg::DraftTaken.t(lang).to_owned(),
        StoreError::Conflict {
            what: w,
            changed_at,
        } => match changed_at {
            Some(at) => Msg::ErrConflict.fill(
                lang,
                &[&what(w).t(lang), &crate::domain::date::format_stamp(at)],
            ),
            None => Msg::ErrConflictNoTime.fill(lang, &[&what(w).t(lang)]),
        },
        StoreError::ReadOnly => Msg::ErrReadOnly.t(lang).to_owned(),
        StoreError::OfficerExists(name) => Msg::ErrOfficerExists.fill(lang, &[name]),
        StoreError::NotPermitted => Msg::ErrNotPermitted.t(lang).to_owned(),
        StoreError::Forbidden(why) => forbidden(lang, *why),
        StoreError::WrongPin {
            failures,
            wait_secs: 0,
        } => Msg::ErrWrongPin.fill(lang, &[failures]),
        StoreError::WrongPin {
            failures,
            wait_secs,
        } => Msg::ErrWrongPinWait.fill(lang, &[failures, &wait_words(lang, *wait_secs)]),
        StoreError::SignInWait { secs } => {
            Msg::ErrSignInWait.fill(lang, &[&wait_words(lang, *secs)])
        }
        StoreError::PinNotSet => Msg::ErrPinNotSet.t(lang).to_owned(),
        StoreError::BackupBusy => Msg::ErrBackupBusy.t(lang).to_owned(),
        StoreError::NoSpace { needed, free } => {
            Msg::ErrNoSpace.fill(lang, &[&(needed.div_ceil(1 << 20)), &(free / (1 << 20))])
        }
        StoreError::WrongPassphrase => Msg::ErrWrongPassphrase.t(lang).to_owned(),
        StoreError::KeysLocked => Msg::ErrKeysLocked.t(lang).to_owned(),
        StoreError::BadPin(p) => pin_problem(lang, *p),
        StoreError::LastAdmin => Msg::ErrLastAdmin.t(lang).to_owned(),
        StoreError::NotFound(w) => Msg::ErrNotFound.fill(lang, &[&what(w).t(lang)]),
        StoreError::Invalid(why) => Msg::ErrInvalid.fill(lang, &[why]),
        StoreError::Closing(c) => match c {
            crate::store::ClosingError::NotClosable => Msg::ErrClosingNotOver.t(lang).to_owned(),
            crate::store::ClosingError::AlreadyClosed { at, by } => {
                Msg::ErrClosingAlready.fill(lang, &[&crate::domain::date::format_stamp(at), by])
            }
            crate::store::ClosingError::Tampered => Msg::ErrClosingTampered.t(lang).to_owned(),
        },
        StoreError::Refused {
            action,
            status,
            why,
        } => match refusal_why(lang, *action, *why) {
            Some(w) => Msg::StepRefusedWhy.fill(lang, &[&self::action(*action).t(lang), &w]),
            None => Msg::StepNotAllowed.fill(
                lang,
                &[
                    &self::action(*action).t(lang),
                    &case_status(*status).t(lang),
                ],
            ),
        },
        StoreError::OpenCaseExists { code, .. } => Msg::CaseOpenExists.fill(lang, &[code]),
        StoreError::EditBlocked { code, status, what } => {
            use crate::store::EditWhat as W;
            let why = match what {
                W::Type => Msg::BlockedType,
                W::Day => Msg::BlockedDay,
                W::Handling => Msg::BlockedHandling,
                W::Void => Msg::BlockedVoid,
                W::Field => Msg::BlockedField,
                W::Citizen => Msg::BlockedCitizen,
            };
            Msg::ErrEditBlocked.fill(lang, &[code, &case_status(*status).t(lang), &why.t(lang)])
        }
        StoreError::AcrossKinds {
            code,
            case_type: kind,
            wanted,
        } => Msg::ErrAcrossKinds.fill(
            lang,
            &[
                &case_type(*wanted).t(lang),
                &code.as_deref().unwrap_or("—"),
                &case_type(*kind).t(lang),
            ],
        ),
        StoreError::SharedCase { code, others, what } => {
            let m = if *what == crate::store::EditWhat::Type {
                Msg::AskSharedCaseType
            } else {
                Msg::AskSharedCase
            };
            m.fill(lang, &[code, others, &shared_what(*what).t(lang)])
        }
        StoreError::StepDate { day, limit, rule } => {
            use crate::domain::date::format_date;
            use crate::store::StepDateRule as R;
            let m = match rule {
                R::Future => Msg::ErrStepFuture,
                R::BeforeReceipt => Msg::ErrStepBeforeReceipt,
                R::BeforePreviousStep => Msg::ErrStepBeforePrevious,
            };
            m.fill(lang, &[&format_date(*day), &format_date(*limit)])
        }
        StoreError::Sql(err) => Msg::CliSql.fill(lang, &[err]),
    }
}

/// A wait in words: "30 giây", "2 phút 0 giây".
pub fn wait_words(lang: Lang, secs: u64) -> String {
    if secs < 60 {
        Msg::WaitSeconds.fill(lang, &[&secs])
    } else {
        Msg::WaitMinutes.fill(lang, &[&(secs / 60), &(secs % 60)])
    }
}

/// Why a new PIN is refused.
pub fn pin_problem(lang: Lang, p: crate::domain::role::PinProblem) -> String {
    use crate::domain::role::PinProblem as P;
    match p {
        P::ShortPin => Msg::PinShort,
        P::Guessable => Msg::PinGuessable,
        P::ShortPassphrase => Msg::PassphraseShort,
        P::TooLong => Msg::PinTooLong,
        P::Mismatch => Msg::PinMismatch,
    }
    .t(lang)
    .to_owned()
}

/// A role's name.
pub fn role(r: crate::domain::role::Role) -> Msg {
    use crate::domain::role::Role as R;
    match r {
        R::Receiver => Msg::RoleReceiver,
        R::Leader => Msg::RoleLeader,
        R::Admin => Msg::RoleAdmin,
    }
}

/// Roles in words: "lãnh đạo hoặc quản trị".
pub fn roles_words(lang: Lang, roles: crate::domain::role::Roles, sep: &str) -> String {
    roles
        .iter()
        .map(|r| role(r).t(lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A paper's form, in words.
pub fn paper_form(f: crate::domain::paper::Form) -> Msg {
    use crate::domain::paper::Form as F;
    match f {
        F::Receipt => Msg::PaperFormReceipt,
        F::Transfer => Msg::PaperFormTransfer,
        F::Guidance => Msg::PaperFormGuidance,
        F::Refusal => Msg::PaperFormRefusal,
        F::Minutes => Msg::PaperFormMinutes,
        F::Conclusion => Msg::PaperFormConclusion,
        F::Dialogue => Msg::PaperFormDialogue,
    }
}

/// Why a paper was not made, in words.
pub fn paper_error(lang: Lang, e: &crate::render::make::MakeError) -> String {
    use crate::render::make::MakeError;
    use crate::render::templates::LoadError;
    match e {
        MakeError::Store(e) => store_error(lang, e),
        MakeError::Template(LoadError::Io(p, e)) => format!("{}: {e}", p.display()),
        MakeError::Template(LoadError::Template(p, e)) => {
            Msg::PaperBadTemplate.fill(lang, &[&p.display(), &format!("{e:?}")])
        }
        MakeError::NotApplicable { form, applies } => {
            let list: Vec<&str> = applies.iter().map(|f| f.code()).collect();
            let list = if list.is_empty() {
                "—".to_owned()
            } else {
                list.join(", ")
            };
            Msg::PaperNotApplicable.fill(lang, &[&form.code(), &list])
        }
    }
}

/// What a permission allows, in words.
pub fn permission(p: crate::domain::role::Permission) -> Msg {
    use crate::domain::role::Permission as P;
    match p {
        P::RecordVisit => Msg::PermRecordVisit,
        P::EditVisit => Msg::PermEditVisit,
        P::TakeIn => Msg::PermTakeIn,
        P::MoveCase => Msg::PermMoveCase,
        P::DecideCase => Msg::PermDecideCase,
        P::AssignCase => Msg::PermAssignCase,
        P::RevealIdentity => Msg::PermReveal,
        P::EditCatalog => Msg::PermEditCatalog,
        P::EditSettings => Msg::PermEditSettings,
        P::ManageOfficers => Msg::PermManageOfficers,
        P::Draft => Msg::PermDraft,
        P::BulkLoad => Msg::PermBulkLoad,
        P::ClosePeriod => Msg::PermClosePeriod,
        P::ReadJournal => Msg::PermReadJournal,
        P::Export => Msg::PermExport,
        P::Print => Msg::PermPrint,
        P::RecordDialogue => Msg::PermRecordDialogue,
    }
}

/// A write refused by the role table, in words that say who may.
pub fn forbidden(lang: Lang, why: crate::domain::role::Refusal) -> String {
    use crate::domain::role::{Permission as P, Refusal, holders};
    match why {
        Refusal::Role(p) => Msg::ErrForbiddenRole.fill(
            lang,
            &[
                &permission(p).t(lang),
                &roles_words(lang, holders(p), Msg::RoleOr.t(lang)),
            ],
        ),
        Refusal::NotHere(P::EditVisit) => Msg::ErrForbiddenVisit.t(lang).to_owned(),
        Refusal::NotHere(P::MoveCase) => Msg::ErrForbiddenCase.t(lang).to_owned(),
        Refusal::NotHere(P::RevealIdentity) => Msg::ErrForbiddenReveal.t(lang).to_owned(),
        Refusal::NotHere(p) => Msg::ErrForbiddenHere.fill(lang, &[&permission(p).t(lang)]),
    }
}

/// What of a visit a correction of a shared case changes.
pub fn shared_what(w: crate::store::EditWhat) -> Msg {
    use crate::store::EditWhat as W;
    match w {
        W::Type => Msg::SharedWhatType,
        W::Field => Msg::SharedWhatField,
        W::Citizen => Msg::SharedWhatCitizen,
        W::Handling | W::Day | W::Void => Msg::SharedWhatHandling,
    }
}

/// The pseudonym shown for a denouncer everywhere but the audited reveal
/// (Luật Tố cáo Art 8(3), 56): "Người tố cáo TC-2026-0007".
pub fn denouncer_pseudonym(lang: Lang, code: &str) -> String {
    Msg::DenouncerPseudonym.fill(lang, &[&code])
}

/// A validation finding as the officer reads it.
pub fn problem(lang: Lang, p: &Problem) -> String {
    match p {
        Problem::Required => Msg::ErrRequired.t(lang).into(),
        Problem::NotANumber => Msg::ErrNotANumber.t(lang).into(),
        Problem::TooLarge { max } => Msg::ErrTooLarge.fill(lang, &[max]),
        Problem::Id(IdError::BadLength { digits }) => Msg::ErrIdLength.fill(lang, &[digits]),
        Problem::Id(IdError::NotDigits) => Msg::ErrIdDigits.t(lang).into(),
        Problem::IdWarn(IdWarning::UnknownProvince { code }) => {
            Msg::WarnIdProvince.fill(lang, &[code])
        }
        Problem::IdWarn(IdWarning::ImplausibleBirthYear { year }) => {
            Msg::WarnIdBirthYear.fill(lang, &[year])
        }
        Problem::IdWarn(IdWarning::CmndExpired) => Msg::WarnCmndExpired.t(lang).into(),
        Problem::Phone(PhoneError::BadCharacters) => Msg::ErrPhoneChars.t(lang).into(),
        Problem::Phone(PhoneError::NotVietnamese) => Msg::ErrPhoneFormat.t(lang).into(),
        Problem::PhoneLandline => Msg::WarnLandline.t(lang).into(),
        Problem::NotAnOption => Msg::ErrNotAnOption.t(lang).into(),
        Problem::RepresentativesCount { min, max, got } => {
            Msg::ErrRepresentatives.fill(lang, &[min, max, got])
        }
        Problem::NeedIdOrPhone => Msg::WarnNeedIdOrPhone.t(lang).into(),
        Problem::ZeroPeople => Msg::ErrZeroPeople.t(lang).into(),
        Problem::BadDate(e) => date_error(lang, e).into(),
        Problem::FutureDay => Msg::ErrFutureVisit.t(lang).into(),
        Problem::BadTime => Msg::ErrTimeFormat.t(lang).into(),
        Problem::TooLong { max, got } => too_long(lang, *max, *got),
        Problem::GroundNotInForce { from } => {
            Msg::ErrGroundNotInForce.fill(lang, &[&crate::domain::date::format_date(*from)])
        }
        Problem::NameTheLaw => Msg::ErrNameTheLaw.t(lang).into(),
        Problem::Document(d) => {
            use crate::domain::visit::documents::DocProblem as D;
            match d {
                D::NoName { n } => Msg::ErrDocNoName.fill(lang, &[n]),
                D::NoKind { n } => Msg::ErrDocNoKind.fill(lang, &[n]),
                D::TooMany { max } => Msg::ErrDocTooMany.fill(lang, &[max]),
            }
        }
    }
}

/// What a setting is for (`tiepdan setting`).
pub fn setting_help(key: &str) -> Msg {
    use crate::store::settings as s;
    match key {
        s::UNIT_NAME => Msg::SetHelpUnitName,
        s::UNIT_LEVEL => Msg::SetHelpUnitLevel,
        s::GROUP_THRESHOLD => Msg::SetHelpGroup,
        s::LOCK_AFTER => Msg::SetHelpLockAfter,
        s::BACKUP_KEEP => Msg::SetHelpBackupKeep,
        s::UNIT_BAN_TCD => Msg::SetHelpBanTcd,
        crate::store::PAPER_PARENT => Msg::SetHelpPaperParent,
        crate::store::PAPER_PLACE => Msg::SetHelpPaperPlace,
        s::HUB_URL => Msg::SetHelpHubUrl,
        _ => Msg::SetHelpPrintCommand,
    }
}
