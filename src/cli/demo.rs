//! `tiepdan demo`: create (or re-create) a demo database, refusing to touch real data.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Failure, open, say};
use crate::demo::{self, DemoOptions};
use crate::domain::date::format_date;
use crate::i18n::{Lang, Msg};
use crate::store::Create;

pub fn make_demo(path: &Path, opts: &DemoOptions, lang: Lang) -> Result<(), Failure> {
    if path.exists() {
        let store = open(path, Create::No, lang)?;
        let sql = |e: crate::store::StoreError| Failure::new(crate::i18n::store_error(lang, &e));
        let empty =
            store.visit_count().map_err(sql)? == 0 && store.officers().map_err(sql)?.is_empty();
        if !store.is_demo().map_err(sql)? && !empty {
            return Err(Failure::new(
                Msg::CliDemoRefuse.fill(lang, &[&path.display()]),
            ));
        }
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let p = PathBuf::from(p);
            if p.exists() {
                std::fs::remove_file(&p)
                    .map_err(|e| Failure::new(Msg::CliIo.fill(lang, &[&p.display(), &e])))?;
            }
        }
    }
    super::warn(Msg::CliDemoCreating.fill(lang, &[&path.display()]));
    let started = Instant::now();
    let mut store = open(path, Create::IfMissing, lang)?;
    let s = demo::generate(&mut store, opts)
        .map_err(|e| Failure::new(crate::i18n::store_error(lang, &e)))?;
    let days = (s.last_day - s.first_day).num_days() + 1;
    let secs = format!("{:.1}", started.elapsed().as_secs_f64());
    let mut out = std::io::stdout().lock();
    say(
        &mut out,
        Msg::CliDemoDone.fill(
            lang,
            &[
                &s.visits,
                &s.citizens,
                &s.sessions,
                &days,
                &format_date(s.first_day),
                &format_date(s.last_day),
                &secs,
                &path.display(),
                &s.cases,
            ],
        ),
    )?;
    let index_mb = std::fs::metadata(path)
        .map(|m| m.len() / 1_000_000)
        .unwrap_or(0);
    say(
        &mut out,
        Msg::CliDemoIndex.fill(
            lang,
            &[
                &s.lookup_rows,
                &format!("{:.1}", s.lookup_ms as f64 / 1000.0),
                &index_mb,
            ],
        ),
    )
}
