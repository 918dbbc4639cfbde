//! `tiepdan sync [--hub URL]` (issue 30): push this desk's journal to the provincial hub
//! since the last entry the hub acknowledged, in signed batches (each a package, the same
//! format as `tiepdan export --format tiepdan`: exchange/hub.rs). The hub is asked where it
//! stands each time: nothing the desk holds is lost when the hub is down, and the next sync
//! catches up. The book is only read (the desk's key signs); the officer signs in when there
//! is something to send (a sign-in is a journal entry: an empty sync writes nothing).

use std::path::Path;

use super::sign_in::{SignInArgs, sign_in};
use super::{Failure, open, say};
use crate::exchange::hub::{self, RefusalReason, SyncError};
use crate::i18n::{self, Lang, Msg};
use crate::store::{Create, settings};

#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The hub's address, http://host[:port] (default: the setting hub_url).
    #[arg(long, value_name = "URL")]
    pub hub: Option<String>,
    /// Journal entries a batch carries at most.
    #[arg(long, value_name = "N", default_value_t = hub::BATCH)]
    pub batch: i64,
    #[command(flatten)]
    pub auth: SignInArgs,
}

/// A refusal in words.
pub fn refusal_text(lang: Lang, r: &RefusalReason, detail: &str) -> String {
    match r {
        RefusalReason::NotPackage => Msg::HubNotPackage.t(lang).to_owned(),
        RefusalReason::NotEnrolled { desk } => Msg::HubNotEnrolled.fill(lang, &[desk]),
        RefusalReason::KeyMismatch { desk } => Msg::HubKeyMismatch.fill(lang, &[desk]),
        RefusalReason::Invalid => Msg::HubInvalid.fill(lang, &[&detail]),
        RefusalReason::Gap { ack, first } => Msg::HubGap.fill(lang, &[ack, first]),
        RefusalReason::Fork { seq } => Msg::HubFork.fill(lang, &[seq]),
    }
}

pub fn run(db: &Path, args: &SyncArgs, lang: Lang) -> Result<(), Failure> {
    let fail = |e| Failure::new(i18n::store_error(lang, &e));
    let mut store = open(db, Create::No, lang)?;
    let url = match &args.hub {
        Some(u) => Some(u.clone()),
        None => store.setting(settings::HUB_URL).map_err(fail)?,
    }
    .filter(|u| !u.trim().is_empty())
    .ok_or_else(|| Failure::new(Msg::CliSyncNoHub.t(lang)))?;
    let url = settings::check_hub_url(&url)
        .ok_or_else(|| Failure::new(Msg::CliSyncBadUrl.fill(lang, &[&url])))?;
    // Nothing to send (the hub holds the whole journal): done without signing in — a
    // sign-in is a journal entry, so every sync would otherwise leave one to send next time.
    let desk = store.desk_code().map_err(fail)?;
    let held = hub::ack(&url, &desk).map_err(|e| failed(lang, &url, e))?;
    if held >= store.journal_len().map_err(fail)? {
        let mut out = std::io::stdout().lock();
        return say(&mut out, Msg::CliSyncDone.fill(lang, &[&url, &desk, &held]));
    }
    sign_in(&mut store, &args.auth, None, lang)?;
    let mut out = std::io::stdout().lock();
    let mut said: Result<(), Failure> = Ok(());
    let outcome = hub::sync(
        &store,
        &url,
        args.batch.max(1),
        &mut |first, last, records, r| {
            let mut lines = vec![Msg::CliSyncBatch.fill(
                lang,
                &[
                    &first,
                    &last,
                    &records,
                    &r.entries_new,
                    &r.entries_same,
                    &r.records_new,
                    &r.records_updated,
                ],
            )];
            if r.records_removed > 0 {
                lines.push(Msg::CliSyncRemoved.fill(lang, &[&r.records_removed]));
            }
            for c in &r.conflicts {
                let v = |x: Option<i64>| x.map_or_else(|| "-".to_owned(), |n| n.to_string());
                lines.push(if c.removed {
                    Msg::CliSyncRemovedConflict.fill(lang, &[&c.entity, &c.uid, &v(c.hub)])
                } else {
                    Msg::CliSyncConflict.fill(lang, &[&c.entity, &c.uid, &v(c.base), &v(c.hub)])
                });
            }
            for l in lines {
                if said.is_ok() {
                    said = say(&mut out, l);
                }
            }
        },
    );
    said?;
    match outcome {
        Ok(o) => say(
            &mut out,
            Msg::CliSyncDone.fill(lang, &[&url, &desk, &o.ack()]),
        ),
        Err(e) => Err(failed(lang, &url, e)),
    }
}

/// A sync that failed, in words.
fn failed(lang: Lang, url: &str, e: SyncError) -> Failure {
    match e {
        SyncError::Unreachable(e) => Failure::new(Msg::CliSyncDown.fill(lang, &[&url, &e])),
        SyncError::Refused(_, r) => Failure::new(
            Msg::CliSyncRefused.fill(lang, &[&url, &refusal_text(lang, &r.reason, &r.detail)]),
        ),
        SyncError::Status(s, body) => {
            Failure::new(Msg::CliSyncStatus.fill(lang, &[&url, &s, &body]))
        }
        SyncError::Store(e) => Failure::new(i18n::store_error(lang, &e)),
    }
}
