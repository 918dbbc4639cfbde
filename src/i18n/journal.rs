//! The journal in words, from its facts: `tiepdan check`'s findings, `tiepdan audit`'s and
//! the administrators' view's lines. A person's identity is never worded (only that it
//! changed): the values of identity fields are not shown, whoever they belong to.

use serde_json::Value;

use super::{Lang, Msg};
use crate::domain::journal::{Entity, Entry, Op, is_identity};
use crate::store::{Check, Finding, Problem};

pub fn entity(lang: Lang, e: Entity) -> &'static str {
    match e {
        Entity::Citizen => Msg::EntCitizen,
        Entity::Session => Msg::EntSession,
        Entity::Visit => Msg::EntVisit,
        Entity::Case => Msg::EntCase,
        Entity::CaseEvent => Msg::EntCaseEvent,
        Entity::CaseVisit => Msg::EntCaseVisit,
        Entity::Officer => Msg::EntOfficer,
        Entity::Setting => Msg::EntSetting,
        Entity::Field => Msg::EntField,
        Entity::Rule => Msg::EntRule,
        Entity::CalendarDay => Msg::EntCalendarDay,
        Entity::CalendarYear => Msg::EntCalendarYear,
        Entity::Closing => Msg::EntClosing,
        Entity::ReceptionPlan => Msg::EntReceptionPlan,
        Entity::ReceptionDay => Msg::EntReceptionDay,
        Entity::Draft => Msg::EntDraft,
        Entity::DeskKey => Msg::EntDeskKey,
        Entity::Journal => Msg::EntJournal,
        Entity::Report => Msg::EntReport,
        Entity::Book => Msg::EntBook,
        Entity::VisitDocuments => Msg::EntVisitDocuments,
        Entity::Paper => Msg::EntPaper,
        Entity::PaperPrint => Msg::EntPaperPrint,
        Entity::Dialogue => Msg::EntDialogue,
        Entity::DialoguePromise => Msg::EntDialoguePromise,
        Entity::MergeOrigin => Msg::EntMergeOrigin,
        Entity::CitizenAlias => Msg::EntCitizenAlias,
    }
    .t(lang)
}

pub fn op(lang: Lang, o: Op) -> &'static str {
    match o {
        Op::Create => Msg::OpCreate,
        Op::Update => Msg::OpUpdate,
        Op::Void => Msg::OpVoid,
        Op::Delete => Msg::OpDelete,
        Op::Baseline => Msg::OpBaseline,
        Op::SignIn => Msg::OpSignIn,
        Op::SignInFailed => Msg::OpSignInFailed,
        Op::PinSet => Msg::OpPinSet,
        Op::PinChanged => Msg::OpPinChanged,
        Op::PinReset => Msg::OpPinReset,
        Op::Reveal => Msg::OpReveal,
        Op::MatchUnseen => Msg::OpMatchUnseen,
        Op::IdShared => Msg::OpIdShared,
        Op::Export => Msg::OpExport,
        Op::Import => Msg::OpImport,
        Op::Print => Msg::OpPrint,
        Op::Checkpoint => Msg::OpCheckpoint,
        Op::Legacy => Msg::OpLegacy,
        Op::PassphraseSet => Msg::OpPassphraseSet,
        Op::UnitUnlocked => Msg::OpUnitUnlocked,
        Op::UnitUnlockFailed => Msg::OpUnitUnlockFailed,
        Op::UnitRecovered => Msg::OpUnitRecovered,
        Op::RecoveryCodeMade => Msg::OpRecoveryCodeMade,
        Op::EscrowSet => Msg::OpEscrowSet,
        Op::UnitKeyRotated => Msg::OpUnitKeyRotated,
        Op::DeskKeyTrusted => Msg::OpDeskKeyTrusted,
    }
    .t(lang)
}

/// A check's name.
pub fn check(lang: Lang, c: Check) -> &'static str {
    match c {
        Check::Integrity => Msg::CheckIntegrity,
        Check::ForeignKeys => Msg::CheckForeignKeys,
        Check::Lookup => Msg::CheckLookup,
        Check::Counters => Msg::CheckCounters,
        Check::Chain => Msg::CheckChain,
        Check::Records => Msg::CheckRecords,
    }
    .t(lang)
}

/// What a check found, naming the row: "lượt tiếp 0192…: bị ẩn hoặc hủy …".
pub fn finding(lang: Lang, f: &Finding) -> String {
    let what = match &f.problem {
        Problem::Integrity(m) => Msg::ProbIntegrity.fill(lang, &[m]),
        Problem::ForeignKey {
            table,
            rowid,
            parent,
        } => Msg::ProbForeignKey.fill(lang, &[table, rowid, parent]),
        Problem::LookupDiffers => Msg::ProbLookupDiffers.t(lang).to_owned(),
        Problem::LookupExtra => Msg::ProbLookupExtra.t(lang).to_owned(),
        Problem::Counter {
            counter,
            key,
            stored,
            counted,
        } => Msg::ProbCounter.fill(lang, &[counter, key, stored, counted]),
        Problem::ChainGap { seq, found } => Msg::ProbChainGap.fill(lang, &[seq, found]),
        Problem::ChainHash { seq } => Msg::ProbChainHash.fill(lang, &[seq]),
        Problem::NotCanonical { seq } => Msg::ProbNotCanonical.fill(lang, &[seq]),
        Problem::Checkpoint { seq } => Msg::ProbCheckpoint.fill(lang, &[seq]),
        Problem::Key { public } => Msg::ProbKey.fill(lang, &[public]),
        Problem::NoEntry => Msg::ProbNoEntry.t(lang).to_owned(),
        Problem::StateDiffers { seq } => Msg::ProbStateDiffers.fill(lang, &[seq]),
        Problem::HiddenWithoutEntry => Msg::ProbHidden.t(lang).to_owned(),
        Problem::VersionDiffers { version, journal } => Msg::ProbVersion.fill(
            lang,
            &[version, &journal.map_or("—".to_owned(), |v| v.to_string())],
        ),
        Problem::Gone { seq } => Msg::ProbGone.fill(lang, &[seq]),
        Problem::StatusNotLastStep { status, step } => {
            Msg::ProbStatus.fill(lang, &[status, &step.clone().unwrap_or_else(|| "—".into())])
        }
        Problem::ClosingDigest => Msg::ProbClosingDigest.t(lang).to_owned(),
        Problem::Legacy => Msg::ProbLegacy.t(lang).to_owned(),
        Problem::DenunciationOnOpenRecord => Msg::ProbDenunciationOpen.t(lang).to_owned(),
    };
    match (&f.entity, &f.record) {
        (Some(e), Some(r)) => format!("{} {r}: {what}", entity(lang, *e)),
        (Some(e), None) => format!("{}: {what}", entity(lang, *e)),
        _ => what,
    }
}

/// A field's value as an audit line shows it (short; an identity's never).
fn shown(e: Entity, field: &str, v: &Value, lang: Lang) -> String {
    if is_identity(e, field) {
        return Msg::AuditIdentityChanged.t(lang).to_owned();
    }
    let text = match v {
        Value::Null => "—".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut cut: String = text.chars().take(60).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

/// One entry as a line of the audit: its time, who, what, and the fields changed with their
/// values (`before → after`; an identity only named). `officer`: the officer's name, when
/// known.
pub fn entry_line(lang: Lang, e: &Entry, officer: Option<&str>) -> String {
    let at = crate::store::clock::parse_entry_time(&e.at)
        .map(|t| {
            format!(
                "{} {}",
                crate::domain::date::format_date(t.date()),
                t.format("%H:%M:%S")
            )
        })
        .unwrap_or_else(|| e.at.clone());
    let who = match (officer, &e.officer) {
        (Some(name), _) => name.to_owned(),
        (None, Some(uid)) => uid.clone(),
        (None, None) => Msg::AuditNobody.t(lang).to_owned(),
    };
    let mut line = format!(
        "#{} {at} {} · {who} · {} {} {}",
        e.seq,
        e.at.get(19..).unwrap_or(""),
        op(lang, e.op),
        entity(lang, e.entity),
        e.record
    );
    if let (Some(a), Some(b)) = (e.v_before, e.v_after) {
        line.push_str(&format!(" ({})", Msg::AuditVersions.fill(lang, &[&a, &b])));
    }
    // A new record's fields are many: its references and what it is about; a change's all.
    let fields: Vec<String> = e
        .after
        .iter()
        .filter(|(k, _)| e.op != Op::Create && e.op != Op::Baseline || !k.ends_with("_at"))
        .map(|(k, v)| match e.before.get(k) {
            Some(b) => format!(
                "{k}: {} → {}",
                shown(e.entity, k, b, lang),
                shown(e.entity, k, v, lang)
            ),
            None => format!("{k}: {}", shown(e.entity, k, v, lang)),
        })
        .collect();
    if !fields.is_empty() {
        line.push_str(" — ");
        line.push_str(&fields.join("; "));
    } else if !e.before.is_empty() {
        let gone: Vec<&str> = e.before.keys().map(String::as_str).collect();
        line.push_str(" — ");
        line.push_str(&gone.join(", "));
    }
    line
}
