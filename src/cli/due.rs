//! `tiepdan due`: every legal obligation that follows from a petition, with its due date and
//! how it was computed, by the rules and calendar of the book (read-only) or the seeded ones;
//! then the citizen's own limits (thời hiệu, the time for a second complaint). What the law
//! does not allow (extending a complaint, a second extension without an especially complex
//! case) is refused with the article, never ignored.

use std::path::Path;

use chrono::NaiveDate;

use super::{Failure, open_read_only, say, today};
use crate::domain::case::{CaseStatus, CaseType};
use crate::domain::date::{format_date, parse_date};
use crate::domain::deadline::{self, CaseClock, Due, Holder, Obligation};
use crate::i18n::{self, Lang, Msg};
use crate::store::Store;

/// The command's arguments, as typed.
#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// khieu-nai | to-cao | kien-nghi | phan-anh
    #[arg(long = "type", value_name = "TYPE")]
    pub petition_type: String,
    /// Date received (dd/mm/yyyy or yyyy-mm-dd).
    #[arg(long, value_name = "DATE")]
    pub received: String,
    /// Date accepted (thụ lý), for the resolution deadline.
    #[arg(long, value_name = "DATE")]
    pub accepted: Option<String>,
    /// Complaint round (1 or 2).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub round: u8,
    /// The case is complex (phức tạp).
    #[arg(long)]
    pub complex: bool,
    /// Remote area (vùng sâu, vùng xa).
    #[arg(long)]
    pub remote: bool,
    /// Especially complex denunciation: two or more criteria of NĐ 31/2019 Art 3(2).
    #[arg(long)]
    pub very_complex: bool,
    /// Extensions granted (denunciations: once when complex, twice when especially
    /// complex; complaints are never extended).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=2))]
    pub extensions: u32,
    /// A denunciation verified at several places or by delegation (Luật TC Art 24(1)).
    #[arg(long)]
    pub multi_site: bool,
    /// A complaint against a disciplinary decision (Luật KN Art 47–58).
    #[arg(long)]
    pub disciplinary: bool,
    /// … a disciplinary decision of dismissal (buộc thôi việc; implies --disciplinary).
    #[arg(long)]
    pub dismissal: bool,
    /// The day the complainant received or learned of the decision or act (thời hiệu).
    #[arg(long, value_name = "DATE")]
    pub learned: Option<String>,
    /// Days an obstacle kept the complainant from complaining (not counted, Art 9, 48).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=3650))]
    pub obstacle_days: u32,
    /// The date of the decision (giải quyết): sending, publishing, telling the forwarder,
    /// the time for a second complaint.
    #[arg(long, value_name = "DATE")]
    pub decided: Option<String>,
    /// The day the first-round decision was sent to the complainant (the window for a
    /// second complaint runs from its receipt).
    #[arg(long, value_name = "DATE")]
    pub sent: Option<String>,
    /// A written petition (by post, forwarded, or handed in), not only told at a reception:
    /// no reply duty of Luật TCD Art 28(1); a denunciation outside our authority is then
    /// transferred (Luật TC Art 24(2)) — one told in person is guided, not transferred.
    #[arg(long)]
    pub written: bool,
    /// Forwarded to us by a body of the National Assembly, a deputy or a Ban tiếp công dân
    /// (Luật TCD Art 27(2); implies --written).
    #[arg(long)]
    pub forwarded: bool,
    /// Forwarded to us by another body or person (the press, a department…): Luật TCD Art
    /// 27(2) does not list it, so telling it the result is the unit's practice (⚑); a
    /// denunciation's forwarder is still told how it was handled (Luật TC Art 26(2)).
    /// Implies --written.
    #[arg(long)]
    pub forwarded_other: bool,
    /// We forwarded it and the citizen asked to be told the result (Luật TCD Art 28(2) binds
    /// a Ban tiếp công dân only then).
    #[arg(long)]
    pub result_asked: bool,
    /// The resolution was suspended (tạm đình chỉ, Luật TC Art 34; Luật KN Art 11a from
    /// 01/7/2026) from a day to the decision to continue: FROM..TO, or FROM while still
    /// suspended. Repeatable.
    #[arg(long, value_name = "FROM..TO")]
    pub suspended: Vec<String>,
    /// We forwarded it: the day the receiving body's notice of the result arrived (Luật
    /// TCD Art 28(2)).
    #[arg(long, value_name = "DATE")]
    pub result_notice: Option<String>,
    /// Machine-readable output (dates in ISO YYYY-MM-DD).
    #[arg(long)]
    pub json: bool,
}

fn case_type(s: &str, lang: Lang) -> Result<CaseType, Failure> {
    match s.trim().to_lowercase().replace('_', "-").as_str() {
        "khieu-nai" | "kn" => Ok(CaseType::KhieuNai),
        "to-cao" | "tc" => Ok(CaseType::ToCao),
        "kien-nghi" | "phan-anh" | "knpa" => Ok(CaseType::KienNghiPhanAnh),
        other => Err(Failure::new(Msg::CliBadType.fill(lang, &[&other]))),
    }
}

/// What the law does not allow is refused, naming the article (Luật KN Art 28, 37, 50;
/// Luật TC Art 30; NĐ 31/2019 Art 3), and a flag of another type is refused too.
fn check(a: &DueArgs, t: CaseType, lang: Lang) -> Result<(), Failure> {
    if a.extensions > 0 {
        let refusal = match t {
            CaseType::KhieuNai => Some(Msg::CliExtendComplaint.t(lang).to_owned()),
            CaseType::KienNghiPhanAnh => Some(Msg::CliExtendProposal.t(lang).to_owned()),
            CaseType::ToCao if !a.complex && !a.very_complex => {
                Some(Msg::CliExtendNeedsComplex.fill(lang, &[&a.extensions]))
            }
            CaseType::ToCao if a.extensions >= 2 && !a.very_complex => {
                Some(Msg::CliExtendNeedsVeryComplex.t(lang).to_owned())
            }
            CaseType::ToCao => None,
        };
        if let Some(r) = refusal {
            return Err(Failure::new(r));
        }
    }
    let only = |flags: &[(&str, bool)], for_type: CaseType| -> Result<(), Failure> {
        match flags.iter().find(|(_, set)| *set) {
            Some((flag, _)) if t != for_type => Err(Failure::new(
                Msg::CliFlagOnlyFor.fill(lang, &[flag, &i18n::case_type(for_type).t(lang)]),
            )),
            _ => Ok(()),
        }
    };
    only(
        &[
            ("--learned", a.learned.is_some()),
            ("--obstacle-days", a.obstacle_days > 0),
            ("--disciplinary", a.disciplinary),
            ("--dismissal", a.dismissal),
            ("--sent", a.sent.is_some()),
        ],
        CaseType::KhieuNai,
    )?;
    only(
        &[
            ("--very-complex", a.very_complex),
            ("--multi-site", a.multi_site),
        ],
        CaseType::ToCao,
    )?;
    if !a.suspended.is_empty() && t == CaseType::KienNghiPhanAnh {
        return Err(Failure::new(Msg::CliFlagOnlyFor.fill(
            lang,
            &[
                &"--suspended",
                &format!(
                    "{} / {}",
                    i18n::case_type(CaseType::KhieuNai).t(lang),
                    i18n::case_type(CaseType::ToCao).t(lang)
                ),
            ],
        )));
    }
    Ok(())
}

pub fn run(path: &Path, a: &DueArgs, lang: Lang) -> Result<(), Failure> {
    let date = |flag: &str, s: &str| {
        parse_date(s, today())
            .map_err(|e| Failure::new(format!("--{flag} {s}: {}", i18n::date_error(lang, &e))))
    };
    let opt = |flag: &str, s: &Option<String>| s.as_deref().map(|s| date(flag, s)).transpose();
    let case_type = case_type(&a.petition_type, lang)?;
    check(a, case_type, lang)?;
    let received = date("received", &a.received)?;
    let accepted = opt("accepted", &a.accepted)?;
    let learned = opt("learned", &a.learned)?;
    let decided = opt("decided", &a.decided)?;
    let sent = opt("sent", &a.sent)?;
    let result_notice = opt("result-notice", &a.result_notice)?;
    let mut pauses = Vec::new();
    for p in &a.suspended {
        let (from, to) = match p.split_once("..") {
            Some((f, t)) => (date("suspended", f)?, Some(date("suspended", t)?)),
            None => (date("suspended", p)?, None),
        };
        if to.is_some_and(|t| t < from) {
            return Err(Failure::new(
                Msg::CliDateOrder.fill(lang, &[&"suspended", &"suspended"]),
            ));
        }
        pauses.push(deadline::Pause { from, to });
    }
    pauses.sort_by_key(|p| p.from);
    if accepted.is_some_and(|d| d < received) {
        return Err(Failure::new(Msg::CliAcceptedBeforeReceived.t(lang)));
    }
    // Each date after the one it follows.
    let order: [(&str, Option<NaiveDate>, &str, Option<NaiveDate>); 5] = [
        ("received", Some(received), "learned", learned),
        ("decided", decided, "accepted", accepted),
        ("decided", decided, "received", Some(received)),
        ("sent", sent, "decided", decided),
        ("result-notice", result_notice, "received", Some(received)),
    ];
    for (later, l, earlier, e) in order {
        if let (Some(l), Some(e)) = (l, e)
            && l < e
        {
            return Err(Failure::new(
                Msg::CliDateOrder.fill(lang, &[&later, &earlier]),
            ));
        }
    }
    // The rules of the book if there is one (read-only); never create a file for this.
    let store = if path.exists() {
        open_read_only(path, lang)?
    } else {
        Store::open_in_memory().map_err(|e| Failure::new(super::open_error(lang, &e)))?
    };
    let ctx = store
        .deadline_context()
        .map_err(|e| Failure::new(i18n::store_error(lang, &e)))?;
    let mut clock = CaseClock::new(case_type, received);
    clock.status = match (result_notice, decided, accepted) {
        (Some(_), _, _) => CaseStatus::Transferred,
        (None, Some(_), _) => CaseStatus::Resolved,
        (None, None, Some(_)) => CaseStatus::InProgress,
        _ => CaseStatus::New,
    };
    clock.round = a.round;
    clock.complex = a.complex || a.very_complex;
    clock.very_complex = a.very_complex;
    clock.remote = a.remote;
    clock.extensions = a.extensions;
    clock.multi_site = a.multi_site;
    clock.disciplinary = a.disciplinary || a.dismissal;
    clock.dismissal = a.dismissal;
    clock.accepted_on = accepted;
    clock.resolved_on = decided;
    clock.decision_sent_on = sent;
    clock.result_notice_on = result_notice;
    clock.learned_on = learned;
    clock.obstacle_days = a.obstacle_days;
    let written = a.written || a.forwarded || a.forwarded_other;
    clock.forwarded = a.forwarded || a.forwarded_other;
    clock.forwarder_listed = a.forwarded;
    clock.result_requested = a.result_asked;
    clock.unit_listed = store
        .setting(crate::store::settings::UNIT_BAN_TCD)
        .ok()
        .flatten()
        .as_deref()
        == Some("1");
    clock.pauses = pauses;
    clock.from_visit = !written;
    let mut dues = deadline::obligations(&clock, &ctx.rules, &ctx.calendar);
    // Luật TC Art 24(2): a denouncer who comes in person is guided to the competent body;
    // only a written denunciation is transferred.
    if !written {
        dues.retain(|d| d.obligation != Obligation::TransferDenunciation);
    }
    if dues.is_empty() {
        // Received before every rule in force: nothing can be computed, and saying nothing
        // would read as "no duty" (issue 22.11).
        let earliest = ctx
            .rules
            .iter()
            .filter(|r| r.case_type.is_none_or(|t| t == case_type))
            .map(|r| r.effective_from)
            .min();
        if let Some(first) = earliest.filter(|first| received < *first) {
            return Err(Failure::new(
                Msg::CliDueBeforeRules.fill(lang, &[&format_date(received), &format_date(first)]),
            ));
        }
        return say(&mut std::io::stdout().lock(), Msg::CliDueNone.t(lang));
    }
    let holder =
        |h: Holder| -> Vec<&Due> { dues.iter().filter(|d| d.obligation.holder() == h).collect() };
    let (unit, citizen, effect) = (
        holder(Holder::Unit),
        holder(Holder::Citizen),
        holder(Holder::Effect),
    );
    // The time limit to complain: received after it is a ground for non-acceptance.
    let late = |d: &Due| (d.obligation == Obligation::TimeLimit).then(|| received > d.due_on);
    let mut out = std::io::stdout().lock();
    if a.json {
        let rows: Vec<serde_json::Value> = unit
            .iter()
            .chain(citizen.iter())
            .chain(effect.iter())
            .map(|d| {
                serde_json::json!({
                    "obligation": d.obligation.code(),
                    "holder": match d.obligation.holder() {
                        Holder::Unit => "unit",
                        Holder::Citizen => "citizen",
                        Holder::Effect => "effect",
                    },
                    "name": i18n::obligation(d.obligation).t(lang),
                    "due": d.due_on.to_string(),
                    "received_late": late(d),
                    "explanation": d.explanation,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows).map_err(|e| Failure::new(e.to_string()))?;
        return say(&mut out, text);
    }
    let print = |out: &mut std::io::StdoutLock, d: &Due| -> Result<(), Failure> {
        say(
            out,
            format!(
                "{}: {}",
                i18n::obligation(d.obligation).t(lang),
                format_date(d.due_on)
            ),
        )?;
        for (label, text) in i18n::explanation_lines(lang, &d.explanation) {
            say(
                out,
                format!("    {:<16}{text}", label.map(|l| l.t(lang)).unwrap_or("")),
            )?;
        }
        match late(d) {
            Some(true) => say(
                out,
                format!(
                    "    {:<16}{}",
                    "",
                    Msg::LimitLate.fill(lang, &[&format_date(received)])
                ),
            )?,
            Some(false) => say(
                out,
                format!(
                    "    {:<16}{}",
                    "",
                    Msg::LimitInTime.fill(lang, &[&format_date(received)])
                ),
            )?,
            None => {}
        }
        say(out, "")
    };
    for d in &unit {
        print(&mut out, d)?;
    }
    if !citizen.is_empty() {
        say(&mut out, Msg::CliLimitsHeading.t(lang))?;
        say(&mut out, "")?;
        for d in &citizen {
            print(&mut out, d)?;
        }
    }
    if !effect.is_empty() {
        say(&mut out, Msg::ExplainEffect.t(lang))?;
        say(&mut out, "")?;
        for d in &effect {
            print(&mut out, d)?;
        }
    }
    Ok(())
}
