//! `GET /v1/report?period=2026[&unit=BD|&district=D][&format=json|text][&lang=vi|en]
//! [&as_of=YYYY-MM-DD]`: the period report of a unit (a desk's code), a district or the
//! province (report.rs), rendered by the desk's own code (`tiepdan::exchange::report_text`):
//! JSON (the desk's `tiepdan report --format json`) or text. Counts only: a report never
//! carries an identity column. The desks it covers are named in `x-tiepdan-desks`.
//!
//! A request carries a token (`Authorization: Bearer …`, tokens.rs): the province's sees
//! every district; a district's runs under row level security and sees its own only.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tiepdan::domain::report::Period;
use tiepdan::exchange::report_text::{self, Heading};
use tiepdan::i18n::Lang;

use crate::report::{self, ReportError, Scope};
use crate::server::{Hub, unavailable};
use crate::tokens::{self, Caller};

#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    pub period: String,
    pub unit: Option<String>,
    pub district: Option<String>,
    pub format: Option<String>,
    pub lang: Option<String>,
    pub as_of: Option<String>,
}

/// A refusal: its status and a line saying why (JSON `{"error": …}`).
pub(crate) fn said(status: StatusCode, why: impl Into<String>) -> Response {
    (
        status,
        axum::Json(serde_json::json!({ "error": why.into() })),
    )
        .into_response()
}

/// The scope a query asks for (a unit, a district, or the province).
pub fn scope_of(q: &ReportQuery) -> Result<Scope, Box<Response>> {
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(tiepdan::domain::text::clean_line)
            .filter(|s| !s.is_empty() && s != "all")
    };
    match (clean(&q.unit), clean(&q.district)) {
        (Some(_), Some(_)) => Err(Box::new(said(
            StatusCode::BAD_REQUEST,
            "unit or district, not both",
        ))),
        (Some(u), None) => Ok(Scope::Unit(u)),
        (None, Some(d)) => Ok(Scope::District(d)),
        (None, None) => Ok(Scope::Province),
    }
}

/// The caller a request's `Authorization: Bearer …` names, or the refusal (401).
async fn caller_of(
    client: &tokio_postgres::Client,
    headers: &HeaderMap,
) -> Result<Caller, Box<Response>> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let Some(token) = token else {
        return Err(Box::new(said(
            StatusCode::UNAUTHORIZED,
            "a token is needed (tiepdan-hub token)",
        )));
    };
    match tokens::caller(client, token).await {
        Ok(Some(c)) => Ok(c),
        Ok(None) => Err(Box::new(said(StatusCode::UNAUTHORIZED, "unknown token"))),
        Err(e) => Err(Box::new(unavailable(e))),
    }
}

pub async fn get_report(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Query(q): Query<ReportQuery>,
) -> Response {
    let Some(period) = Period::parse(&q.period) else {
        return said(
            StatusCode::BAD_REQUEST,
            format!(
                "period {}: 2026, 2026-q1, 2026-6t, 2026-9t or 2026-11",
                q.period
            ),
        );
    };
    let lang = match q.lang.as_deref() {
        None => Lang::Vi,
        Some(l) => match Lang::parse(l) {
            Some(l) => l,
            None => return said(StatusCode::BAD_REQUEST, format!("lang {l}: vi or en")),
        },
    };
    let text = match q.format.as_deref().unwrap_or("json") {
        "json" => false,
        "text" => true,
        other => {
            return said(
                StatusCode::BAD_REQUEST,
                format!("format {other}: json or text"),
            );
        }
    };
    let today = match q.as_of.as_deref() {
        None => chrono::Local::now().date_naive(),
        Some(d) => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => d,
            Err(_) => return said(StatusCode::BAD_REQUEST, format!("as_of {d}: YYYY-MM-DD")),
        },
    };
    let scope = match scope_of(&q) {
        Ok(s) => s,
        Err(r) => return *r,
    };
    let mut client = match hub.pool.get().await {
        Ok(c) => c,
        Err(e) => return unavailable(e),
    };
    let caller = match caller_of(&client, &headers).await {
        Ok(c) => c,
        Err(r) => return *r,
    };
    // A district's "whole" is its district; what it may see is PostgreSQL's to say (row
    // level security): another district's unit or district is not there for it.
    let scope = match (&caller, scope) {
        (Caller::District(d), Scope::Province) => Scope::District(d.clone()),
        (_, s) => s,
    };
    let tx = match tokens::scoped(&mut client, &caller).await {
        Ok(tx) => tx,
        Err(e) => return unavailable(e),
    };
    let made = report::report(&tx, scope, period, today, &hub.seeds).await;
    if let Err(e) = tx.commit().await {
        return unavailable(e);
    }
    respond(made, lang, text)
}

/// The report rendered, or why not.
pub(crate) fn respond(
    made: Result<report::HubReport, ReportError>,
    lang: Lang,
    text: bool,
) -> Response {
    match made {
        Ok(r) => {
            let unit = r.heading();
            let h = Heading { unit: &unit, lang };
            let desks = r
                .desks
                .iter()
                .map(|d| d.code.as_str())
                .collect::<Vec<_>>()
                .join(",");
            let (kind, body) = if text {
                (
                    "text/plain; charset=utf-8",
                    report_text::text(&h, &r.report),
                )
            } else {
                ("application/json", report_text::json(&h, &r.report))
            };
            (
                [
                    (header::CONTENT_TYPE, kind.to_owned()),
                    (header::HeaderName::from_static("x-tiepdan-desks"), desks),
                ],
                body,
            )
                .into_response()
        }
        Err(ReportError::Unknown) => said(StatusCode::NOT_FOUND, "no such unit or district"),
        Err(ReportError::Bad(what)) => {
            eprintln!("tiepdan-hub: report: a record does not read: {what}");
            said(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("a record does not read: {what}"),
            )
        }
        Err(ReportError::Db(e)) => unavailable(e),
    }
}
