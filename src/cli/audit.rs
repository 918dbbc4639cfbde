//! `tiepdan audit --from D --to D [--officer NAME|UID] [--record UID]`: the journal's entries
//! of a period, oldest first, one line each, worded in the officer's language from their
//! facts (an identity's values are never printed, only that they changed). Then the rows of
//! the old audit, for a book made before the journal, marked as such. Read only.

use std::collections::HashMap;
use std::path::Path;

use clap::Args;

use super::{Failure, open_read_only, say, today};
use crate::domain::date::parse_date;
use crate::i18n::{self, Lang, Msg};
use crate::store::AuditFilter;

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The first day (dd/mm/yyyy or yyyy-mm-dd).
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// The last day.
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// Only this officer's entries (their name, with or without diacritics, or uid).
    #[arg(long, value_name = "NAME|UID")]
    pub officer: Option<String>,
    /// Only the entries about this record (its uid; a case's also cover its visits' links).
    #[arg(long, value_name = "UID")]
    pub record: Option<String>,
}

pub fn run(path: &Path, args: &AuditArgs, lang: Lang) -> Result<(), Failure> {
    let date = |s: &str, flag: &str| {
        parse_date(s, today())
            .map_err(|e| Failure::new(format!("{flag} {s}: {}", i18n::date_error(lang, &e))))
    };
    let (from, to) = (date(&args.from, "--from")?, date(&args.to, "--to")?);
    if from > to {
        return Err(Failure::new(Msg::CliReportBadRange.t(lang)));
    }
    let store = open_read_only(path, lang)?;
    let sql = |e: crate::store::StoreError| Failure::new(i18n::store_error(lang, &e));
    let officers = store.all_officers().map_err(sql)?;
    let officer = match &args.officer {
        None => None,
        Some(o) => Some(
            officers
                .iter()
                .find(|x| x.uid == *o)
                .cloned()
                .or(store.officer_named(o).map_err(sql)?)
                .ok_or_else(|| Failure::new(Msg::AuditBadOfficer.fill(lang, &[o])))?,
        ),
    };
    let names: HashMap<&str, &str> = officers
        .iter()
        .map(|o| (o.uid.as_str(), o.full_name.as_str()))
        .collect();
    let filter = AuditFilter {
        from: Some(from),
        to: Some(to),
        officer: officer.as_ref().map(|o| o.uid.clone()),
        record: args.record.clone(),
        limit: None,
    };
    let entries = store.journal(&filter).map_err(sql)?;
    let legacy = store
        .legacy_audit(&filter, officer.as_ref().map(|o| o.id))
        .map_err(sql)?;
    let mut out = std::io::stdout().lock();
    if entries.is_empty() && legacy.is_empty() {
        return say(&mut out, Msg::AuditNone.t(lang));
    }
    for e in &entries {
        let name = e.officer.as_deref().and_then(|u| names.get(u).copied());
        say(&mut out, i18n::journal::entry_line(lang, e, name))?;
    }
    let by_id: HashMap<i64, &str> = officers
        .iter()
        .map(|o| (o.id, o.full_name.as_str()))
        .collect();
    for r in &legacy {
        let who = r
            .officer_id
            .and_then(|id| by_id.get(&id).copied())
            .unwrap_or(Msg::AuditNobody.t(lang));
        say(
            &mut out,
            Msg::AuditLegacyLine.fill(lang, &[&r.at, &who, &r.action, &r.tbl, &r.record_uid]),
        )?;
    }
    Ok(())
}
