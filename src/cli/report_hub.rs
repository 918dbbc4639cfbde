//! `tiepdan report --hub URL [--unit CODE | --district D] --period P [--format text|json]`
//! (issue 30): the provincial hub's figures of a unit, a district or the province, counted
//! at the hub by the same rules as this desk's report and rendered by the same code; the
//! desk only asks and prints (no book is opened). A district's figures need its token
//! (`--token`, or TIEPDAN_HUB_TOKEN), given by the provincial administrator.

use super::Failure;
use super::report::{Format, ReportArgs, emit_text};
use crate::exchange::hub::{self, ReportError};
use crate::i18n::{Lang, Msg};
use crate::store::settings;

pub fn run(url: &str, lang: Lang, a: &ReportArgs, format: Format) -> Result<(), Failure> {
    let url = settings::check_hub_url(url)
        .ok_or_else(|| Failure::new(Msg::CliSyncBadUrl.fill(lang, &[&url])))?;
    let format = match format {
        Format::Text => "text",
        Format::Json => "json",
        _ => return Err(Failure::new(Msg::CliReportHubFormat.t(lang))),
    };
    let Some(period) = a.period.as_deref() else {
        return Err(Failure::new(Msg::CliReportHubPeriod.t(lang)));
    };
    if a.explain.is_some() || a.live {
        return Err(Failure::new(Msg::CliReportHubOnly.t(lang)));
    }
    let lang_code = match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    let mut query = vec![
        ("period", period.trim()),
        ("format", format),
        ("lang", lang_code),
    ];
    if let Some(u) = a.unit.as_deref() {
        query.push(("unit", u));
    }
    if let Some(d) = a.district.as_deref() {
        query.push(("district", d));
    }
    let body = hub::report(&url, &query, a.token.as_deref()).map_err(|e| match e {
        ReportError::Unreachable(e) => Failure::new(Msg::CliReportHubDown.fill(lang, &[&url, &e])),
        ReportError::Status(s, why) => {
            Failure::new(Msg::CliReportHubStatus.fill(lang, &[&url, &s, &why]))
        }
    })?;
    let body = crate::domain::text::printable(&body).into_owned();
    match &a.out {
        Some(path) => {
            std::fs::write(path, body.as_bytes())
                .map_err(|e| Failure::new(Msg::CliIo.fill(lang, &[&path.display(), &e])))?;
            super::warn(Msg::CliReportWritten.fill(lang, &[&path.display()]));
            Ok(())
        }
        None => emit_text(&body),
    }
}
