//! Merging desks (issue 27): `tiepdan export --format tiepdan [--from D --to D] [--out F]`
//! writes this desk's package (exchange/package.rs: its journal segment signed, and the
//! records it touched, identities still sealed); `tiepdan import PACKAGE` checks a package
//! whole (the desk's signature, the chain, the signed checkpoints, every record against its
//! journal) and merges it by uid in one transaction (store/merge): again adds nothing, one
//! ID number is one citizen, a record edited at both desks is listed, never chosen.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::sign_in::{SignInArgs, sign_in};
use super::{Failure, open, say, warn};
use crate::exchange::files::PrivateFile;
use crate::exchange::package;
use crate::i18n::{self, Lang, Msg};
use crate::store::{Create, ExportRecord, MergeOutcome, PackageError, Role};

fn store_failure(lang: Lang) -> impl Fn(crate::store::StoreError) -> Failure {
    move |e| Failure::new(i18n::store_error(lang, &e))
}

/// Write this desk's package of the period (every day without one) to `out` (standard
/// output without it).
pub fn export(
    book: &Path,
    period: (Option<NaiveDate>, Option<NaiveDate>),
    out: Option<&Path>,
    auth: &SignInArgs,
    lang: Lang,
) -> Result<(), Failure> {
    let mut store = open(book, Create::No, lang)?;
    let actor = sign_in(&mut store, auth, None, lang)?;
    let p = store
        .package(period.0, period.1)
        .map_err(store_failure(lang))?;
    let io = |e: std::io::Error| Failure::new(e.to_string());
    let mut file = match out {
        Some(o) => Some(PrivateFile::create(o).map_err(io)?),
        None => None,
    };
    match file.as_mut() {
        Some(f) => package::write(f, &p).map_err(io)?,
        None => package::write(&mut std::io::stdout().lock(), &p).map_err(io)?,
    }
    let file_name = out
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "-".into());
    let today = super::today();
    store
        .write(&actor, |w| {
            w.record_export(&ExportRecord {
                from: period.0.unwrap_or(NaiveDate::MIN),
                to: period.1.unwrap_or(today),
                format: "tiepdan",
                template: crate::store::PACKAGE_FORMAT,
                rows: p.records.len() as u64,
                file_name: &file_name,
            })
        })
        .map_err(store_failure(lang))?;
    if let Some(f) = file {
        f.commit().map_err(io)?;
    }
    let target = out.map_or_else(|| "stdout".into(), |p| p.display().to_string());
    warn(Msg::CliPackageDone.fill(
        lang,
        &[
            &p.head.desk,
            &p.records.len(),
            &p.journal.len(),
            &p.head.first_seq,
            &p.head.last_seq,
            &target,
        ],
    ));
    Ok(())
}

/// Why a package does not hold, in words.
pub fn package_error(lang: Lang, e: &PackageError) -> String {
    match e {
        PackageError::Format(f) => Msg::PkgFormat.fill(lang, &[f]),
        PackageError::Signature => Msg::PkgSignature.t(lang).to_owned(),
        PackageError::Chain(seq) => Msg::PkgChain.fill(lang, &[seq]),
        PackageError::Checkpoint(seq) => Msg::PkgCheckpoint.fill(lang, &[seq]),
        PackageError::Record(entity, uid) => Msg::PkgRecord.fill(lang, &[entity, uid]),
        PackageError::SameDesk(desk) => Msg::PkgSameDesk.fill(lang, &[desk]),
        PackageError::KeyChanged(desk, key) => Msg::PkgKeyChanged.fill(lang, &[desk, key]),
    }
}

/// Check a package and merge it (a dry run only checks it and says what it holds).
pub fn import(
    book: &Path,
    file: &Path,
    dry_run: bool,
    auth: &SignInArgs,
    lang: Lang,
) -> Result<(), Failure> {
    let shown = file.display().to_string();
    let bad = |why: String| Failure::new(Msg::CliPackageBad.fill(lang, &[&shown, &why]));
    let (p, bytes) = package::read_file(file).map_err(|e| match e {
        package::ReadError::Io(e) => bad(Msg::PkgUnread.fill(lang, &[&e])),
        package::ReadError::Json(e) => bad(Msg::PkgUnread.fill(lang, &[&e])),
        package::ReadError::NotPackage => bad(Msg::PkgFormat.fill(lang, &[&"?"])),
    })?;
    p.verify().map_err(|e| bad(package_error(lang, &e)))?;
    let mut out = std::io::stdout().lock();
    let checkpoints = p
        .journal
        .iter()
        .filter(|e| e.op == "checkpoint" && e.entity == "journal")
        .count();
    say(
        &mut out,
        Msg::CliPackageChecked.fill(
            lang,
            &[
                &p.head.desk,
                &p.head.unit,
                &checkpoints,
                &p.records.len(),
                &p.journal.len(),
            ],
        ),
    )?;
    let mut store = if dry_run {
        super::open_read_only(book, lang)?
    } else {
        open(book, Create::No, lang)?
    };
    if let Some(e) = store.package_refusal(&p).map_err(store_failure(lang))? {
        if let PackageError::KeyChanged(desk, _) = &e {
            warn(Msg::CliPackageKeyHint.fill(lang, &[desk]));
        }
        return Err(bad(package_error(lang, &e)));
    }
    if dry_run {
        let plan = store.merge_plan(&p).map_err(store_failure(lang))?;
        say(
            &mut out,
            Msg::CliPackagePlan.fill(
                lang,
                &[
                    &plan.added_total(),
                    &plan.updated,
                    &plan.same,
                    &plan.aliased,
                ],
            ),
        )?;
        for (entity, n) in &plan.added {
            say(
                &mut out,
                Msg::CliPackagePlanAdded.fill(lang, &[n, &i18n::journal::entity(lang, *entity)]),
            )?;
        }
        for (entity, uid) in &plan.updates {
            say(
                &mut out,
                Msg::CliPackagePlanUpdate.fill(lang, &[&i18n::journal::entity(lang, *entity), uid]),
            )?;
        }
        for (entity, uid) in &plan.removals {
            say(
                &mut out,
                Msg::CliPackagePlanRemove.fill(lang, &[&i18n::journal::entity(lang, *entity), uid]),
            )?;
        }
        tell(&mut out, &plan, lang)?;
        out.flush().map_err(|e| Failure::new(e.to_string()))?;
        return if plan.has_conflicts() {
            Err(Failure::Conflicts)
        } else {
            Ok(())
        };
    }
    let actor = sign_in(&mut store, auth, Some(Role::Admin), lang)?;
    let label = format!(
        "{} sha256:{:x}",
        file.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        Sha256::digest(&bytes)
    );
    let done = store
        .write(&actor, |w| w.merge_package(&p, &label))
        .map_err(store_failure(lang))?;
    say(
        &mut out,
        Msg::CliPackageMerged.fill(
            lang,
            &[
                &done.added_total(),
                &done.updated,
                &done.same,
                &done.aliased,
                &done.sealed_foreign,
            ],
        ),
    )?;
    if done.removed > 0 {
        say(
            &mut out,
            Msg::CliPackageRemoved.fill(lang, &[&done.removed]),
        )?;
    }
    tell(&mut out, &done, lang)?;
    let (records, writes, secs) =
        super::import::index_all(&mut store).map_err(store_failure(lang))?;
    if records > 0 {
        say(
            &mut out,
            Msg::CliImportIndex.fill(lang, &[&records, &writes, &format!("{secs:.1}")]),
        )?;
    }
    out.flush().map_err(|e| Failure::new(e.to_string()))?;
    // Exit 3: merged, with records left to review (docs/admin.md).
    if done.has_conflicts() {
        return Err(Failure::Conflicts);
    }
    Ok(())
}

/// What a merge (or its plan) says besides its counts: the fields it brings, the fields
/// and records in conflict, the other desk's rules when they differ.
fn tell(out: &mut impl Write, m: &MergeOutcome, lang: Lang) -> Result<(), Failure> {
    if !m.fields_added.is_empty() {
        say(
            out,
            Msg::CliPackageFieldsAdded.fill(lang, &[&m.fields_added.join(", ")]),
        )?;
    }
    if m.rules_differ {
        say(out, Msg::CliPackageRulesDiffer.t(lang))?;
    }
    for f in &m.field_conflicts {
        say(
            out,
            Msg::CliPackageFieldConflict.fill(
                lang,
                &[&f.code, &f.ours.0, &f.ours.1, &f.theirs.0, &f.theirs.1],
            ),
        )?;
    }
    if !m.conflicts.is_empty() {
        say(
            out,
            Msg::CliPackageConflicts.fill(lang, &[&m.conflicts.len()]),
        )?;
        for c in &m.conflicts {
            let entity = i18n::journal::entity(lang, c.entity);
            let v = |v: Option<i64>| v.map_or_else(|| "-".into(), |v| v.to_string());
            let line = match &c.field {
                Some(code) => Msg::CliPackageConflictField.fill(lang, &[&entity, &c.uid, code]),
                None if c.removed => {
                    Msg::CliPackageConflictRemoved.fill(lang, &[&entity, &c.uid, &v(c.ours)])
                }
                None => {
                    Msg::CliPackageConflict.fill(lang, &[&entity, &c.uid, &v(c.ours), &v(c.theirs)])
                }
            };
            say(out, line)?;
        }
    }
    Ok(())
}
