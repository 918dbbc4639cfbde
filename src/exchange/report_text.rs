//! A period report as text (to read or paste), CSV and JSON (for machines). Every output is
//! drawn from the same computed [`Report`]; none carries a name but the unit's and the
//! presiding leaders' (never a citizen's, never a denouncer's).
//!
//! The JSON is stable: a top-level `period` {`code`, `kind`, `label`, `from`, `to`},
//! `circular` {`code`, `number`, `in_force_from`, `due_on`}, `unit`, `as_of`, a `summary`
//! object of integer figures (`sessions`, `visits`, `people`, `group_visits`, `petitions`,
//! `cases_own_authority`, `cases_to_resolve`, `cases_settled`, `cases_resolved_on_time`,
//! `cases_overdue`, … with the rates, the fields, the presiding leaders and the paragraph),
//! then one object per official table of the circular keyed by its number (`"01/TCD"` …),
//! each with `title` and numbered `columns` whose `value` is an integer, or null with
//! `unfillable` saying why.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use crate::domain::date::format_date;
use crate::domain::identity::Viewer;
use crate::domain::report::{CaseLife, Cell, Closing, Figure, PeriodKind, Record, Report, Target};
use crate::i18n::{self, Lang, Msg};
use crate::store::{ShownReport, TraceCase, TraceVisit};

/// What a report is printed for: the unit's name and the language.
pub struct Heading<'a> {
    pub unit: &'a str,
    pub lang: Lang,
}

fn kind_code(k: PeriodKind) -> &'static str {
    match k {
        PeriodKind::Quarter(_) => "quarter",
        PeriodKind::SixMonths => "six_months",
        PeriodKind::NineMonths => "nine_months",
        PeriodKind::Year => "year",
        PeriodKind::Month(_) => "month",
        PeriodKind::Range => "range",
    }
}

/// A cell's value as JSON: an integer, or null when the book cannot fill it.
pub fn cell_json(c: &Cell) -> Value {
    match c.value {
        Some(v) => json!(v),
        None => Value::Null,
    }
}

fn summary_json(h: &Heading, r: &Report) -> Value {
    let mut m = serde_json::Map::new();
    for (f, v) in &r.summary {
        m.insert(f.key().to_owned(), json!(v));
    }
    m.insert("resolved_rate_percent".into(), json!(r.resolved_rate()));
    m.insert(
        "complaints_resolved_rate_percent".into(),
        json!(r.complaints_rate()),
    );
    m.insert(
        "denunciations_resolved_rate_percent".into(),
        json!(r.denunciations_rate()),
    );
    m.insert("on_time_rate_percent".into(), json!(r.on_time_rate()));
    m.insert(
        "petitions_by_field".into(),
        Value::Array(
            r.by_field
                .iter()
                .map(|f| {
                    json!({"field": f.code, "name": f.name, "petitions": f.petitions,
                           "visits": f.visits})
                })
                .collect(),
        ),
    );
    m.insert(
        "presiding".into(),
        Value::Array(
            r.presiding
                .iter()
                .map(|p| {
                    json!({"name": p.name, "role": p.role.map(|r| r.code()),
                           "sessions": p.sessions})
                })
                .collect(),
        ),
    );
    m.insert("group_threshold".into(), json!(r.threshold));
    m.insert(
        "paragraph".into(),
        json!(i18n::report_paragraph(h.lang, h.unit, r)),
    );
    m.insert(
        "outline".into(),
        Value::Array(
            i18n::report_outline(h.lang, h.unit, r)
                .into_iter()
                .map(|(heading, text)| json!({"heading": heading, "text": text}))
                .collect(),
        ),
    );
    Value::Object(m)
}

fn table_json(lang: Lang, r: &Report, t: &crate::domain::report::Table) -> Value {
    let columns: Vec<Value> = t
        .cells
        .iter()
        .map(|c| {
            let mut o = serde_json::Map::new();
            o.insert("no".into(), json!(c.no));
            o.insert(
                "header".into(),
                json!(
                    c.head
                        .iter()
                        .map(|h| i18n::report_head(*h).t(lang))
                        .collect::<Vec<_>>()
                ),
            );
            o.insert("value".into(), cell_json(c));
            if let Err(g) = &c.spec {
                o.insert("unfillable".into(), json!(i18n::report_gap(*g).t(lang)));
            }
            Value::Object(o)
        })
        .collect();
    let _ = r;
    let mut o = json!({
        "title": i18n::form_title(t.form).t(lang),
        "columns": columns,
    });
    if t.form.headers_from_outline() {
        o["note"] = json!(Msg::RpOutlineHeaders.t(lang));
    }
    o
}

struct JsonReport<'a> {
    h: &'a Heading<'a>,
    r: &'a Report,
}

impl Serialize for JsonReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (h, r) = (self.h, self.r);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(
            "period",
            &json!({
                "code": r.period.code(),
                "kind": kind_code(r.period.kind),
                "label": i18n::period_label(h.lang, &r.period),
                "from": r.period.from.to_string(),
                "to": r.period.to.to_string(),
            }),
        )?;
        m.serialize_entry(
            "circular",
            &json!({
                "code": r.circular.code(),
                "number": r.circular.number(),
                "in_force_from": r.circular.in_force_from().to_string(),
                "due_on": r.circular.due_on(&r.period).map(|d| d.to_string()),
            }),
        )?;
        m.serialize_entry("unit", h.unit)?;
        m.serialize_entry(
            "closed",
            &r.closed
                .as_ref()
                .map(|c| json!({"at": c.at, "by": c.by, "digest": c.digest})),
        )?;
        m.serialize_entry("as_of", &r.as_of.to_string())?;
        m.serialize_entry("summary", &summary_json(h, r))?;
        for t in &r.tables {
            m.serialize_entry(t.form.code(), &table_json(h.lang, r, t))?;
        }
        m.end()
    }
}

/// The report as pretty JSON.
pub fn json(h: &Heading, r: &Report) -> String {
    serde_json::to_string_pretty(&JsonReport { h, r }).expect("a report serializes")
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The report as CSV: `section,key,label,value,note`, one row per figure.
pub fn csv(h: &Heading, r: &Report) -> String {
    let lang = h.lang;
    let mut out = String::from("section,key,label,value,note\n");
    let mut row = |cells: [&str; 5]| {
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    };
    let label = i18n::period_label(lang, &r.period);
    row(["period", "code", &label, &r.period.code(), ""]);
    row(["period", "from", &label, &r.period.from.to_string(), ""]);
    row(["period", "to", &label, &r.period.to.to_string(), ""]);
    row(["period", "as_of", "", &r.as_of.to_string(), ""]);
    row([
        "circular",
        r.circular.code(),
        &i18n::circular_name(lang, r.circular),
        r.circular.number(),
        "",
    ]);
    row(["unit", "name", h.unit, "", ""]);
    if let Some(c) = &r.closed {
        row(["closed", "at", &c.by, &c.at, &c.digest]);
    }
    for (f, v) in &r.summary {
        row([
            "summary",
            f.key(),
            i18n::report_figure(*f).t(lang).trim_start_matches("— "),
            &v.to_string(),
            "",
        ]);
    }
    for f in &r.by_field {
        row([
            "petitions_by_field",
            &f.code,
            &f.name,
            &f.petitions.to_string(),
            "",
        ]);
    }
    for t in &r.tables {
        for c in &t.cells {
            let note = match &c.spec {
                Err(g) => i18n::report_gap(*g).t(lang),
                Ok(_) => "",
            };
            row([
                t.form.code(),
                &c.no.to_string(),
                &i18n::head_path(lang, &c.head),
                &c.value.map(|v| v.to_string()).unwrap_or_default(),
                note,
            ]);
        }
    }
    out
}

/// Pad `s` with dots to `w` cells, then the value.
fn dotted(label: &str, value: &str, w: usize) -> String {
    let used = label.width() + value.width() + 2;
    let dots = w.saturating_sub(used).max(1);
    format!("{label} {} {value}", ".".repeat(dots))
}

/// The heading lines every report starts with: title, unit, period and its dates.
pub fn heading_lines(h: &Heading, r: &Report) -> Vec<String> {
    let lang = h.lang;
    let mut v = vec![
        Msg::RpTitle.t(lang).to_owned(),
        Msg::RpUnit.fill(
            lang,
            &[&if h.unit.is_empty() {
                Msg::UnitUnset.t(lang)
            } else {
                h.unit
            }],
        ),
        format!(
            "{} — {}",
            i18n::period_label(lang, &r.period),
            i18n::period_dates(lang, &r.period)
        ),
        i18n::circular_line(lang, r.circular, &r.period),
    ];
    if let Some(c) = &r.closed {
        v.push(closed_line(lang, c));
    }
    if r.as_of < r.period.to {
        v.push(format!(
            "({})",
            Msg::RpAsOf.fill(lang, &[&format_date(r.as_of)])
        ));
    }
    v
}

/// "Số liệu đã chốt lúc … bởi … (mã kiểm tra …)".
pub fn closed_line(lang: Lang, c: &Closing) -> String {
    Msg::RpClosed.fill(
        lang,
        &[
            &crate::domain::date::format_stamp(&c.at),
            &c.by,
            &c.digest.chars().take(16).collect::<String>(),
        ],
    )
}

/// The name of a figure by its stable key (a closed period's changes).
fn key_label(lang: Lang, r: &Report, key: &str) -> String {
    if key == "unit" {
        return Msg::RpChangedUnit.t(lang).to_owned();
    }
    if let Some(code) = key.strip_prefix("petitions.") {
        let name = r
            .by_field
            .iter()
            .find(|f| f.code == code)
            .map(|f| f.name.clone())
            .unwrap_or_else(|| code.to_owned());
        return format!("{} — {name}", Msg::FgByField.t(lang));
    }
    match Target::parse(key, &r.fields, r.circular) {
        Some(t) => target_label(lang, r, &t),
        None => key.to_owned(),
    }
}

/// What a closed period's report says when today's book gives other figures: how many, the
/// first few with both values, and what was written since the closing. Empty when nothing
/// differs (or the period is not closed).
pub fn closing_lines(lang: Lang, shown: &ShownReport, at_most: usize) -> Vec<String> {
    let r = &shown.report;
    let Some(c) = &r.closed else {
        return vec![];
    };
    if shown.changes.is_empty() {
        return vec![];
    }
    let value = |v: Option<u64>| {
        v.map(|v| v.to_string())
            .unwrap_or_else(|| Msg::RpUnfillableMark.t(lang).to_owned())
    };
    let mut out = vec![Msg::RpChanged.fill(
        lang,
        &[
            &shown.changes.len(),
            &crate::domain::date::format_stamp(&c.at),
        ],
    )];
    for ch in shown.changes.iter().take(at_most) {
        out.push(Msg::RpChangedLine.fill(
            lang,
            &[
                &key_label(lang, r, &ch.key),
                &value(ch.stored),
                &value(ch.now),
            ],
        ));
    }
    if shown.changes.len() > at_most {
        out.push(Msg::RpChangedMore.fill(lang, &[&(shown.changes.len() - at_most)]));
    }
    if shown.since.is_empty() {
        out.push(Msg::RpChangedNothingSince.t(lang).to_owned());
    } else {
        let what: Vec<String> = shown
            .since
            .iter()
            .map(|(tbl, n)| format!("{} {n}", i18n::audit_table(tbl).t(lang)))
            .collect();
        out.push(Msg::RpChangedSince.fill(lang, &[&what.join(", ")]));
    }
    out
}

/// The report as plain text.
pub fn text(h: &Heading, r: &Report) -> String {
    let lang = h.lang;
    let w = 78;
    let mut out: Vec<String> = heading_lines(h, r);
    out.push(String::new());
    out.push(Msg::RpParagraph.t(lang).to_owned());
    out.push(i18n::report_paragraph(lang, h.unit, r));
    out.push(String::new());
    out.push(Msg::RpOutline.t(lang).to_owned());
    for (head, text) in i18n::report_outline(lang, h.unit, r) {
        out.push(head);
        out.push(text);
    }
    out.push(String::new());
    out.push(Msg::RpFigures.t(lang).to_owned());
    for (f, v) in &r.summary {
        out.push(format!(
            "  {}",
            dotted(i18n::report_figure(*f).t(lang), &v.to_string(), w - 2)
        ));
        if *f == Figure::DenunciationsSettled {
            out.push(format!(
                "  {}",
                dotted(
                    Msg::FgResolvedRate.t(lang),
                    &i18n::percent_text(lang, r.resolved_rate()),
                    w - 2
                )
            ));
            out.push(format!(
                "  {}",
                dotted(
                    Msg::FgOnTimeRate.t(lang),
                    &i18n::percent_text(lang, r.on_time_rate()),
                    w - 2
                )
            ));
        }
    }
    if !r.presiding.is_empty() {
        out.push(format!("  {}:", Msg::FgPresiding.t(lang)));
        for p in &r.presiding {
            out.push(format!(
                "    {}",
                dotted(
                    &i18n::presider_label(lang, p),
                    &p.sessions.to_string(),
                    w - 4
                )
            ));
        }
    }
    out.push(format!("  {}:", Msg::FgByField.t(lang)));
    for f in &r.by_field {
        out.push(format!(
            "    {}",
            dotted(&f.name, &f.petitions.to_string(), w - 4)
        ));
    }
    for t in &r.tables {
        out.push(String::new());
        out.push(format!(
            "{} — {}",
            Msg::RpFormNo.fill(lang, &[&t.form.code()]),
            i18n::form_title(t.form).t(lang)
        ));
        if t.form.headers_from_outline() {
            out.push(format!("  ({})", Msg::RpOutlineHeaders.t(lang)));
        }
        for c in &t.cells {
            let label = format!("({}) {}", c.no, i18n::head_path(lang, &c.head));
            match (&c.value, &c.spec) {
                (Some(v), _) => out.push(format!("  {}", dotted(&label, &v.to_string(), w - 2))),
                (None, Err(g)) => {
                    out.push(format!(
                        "  {}",
                        dotted(&label, Msg::RpUnfillableMark.t(lang), w - 2)
                    ));
                    out.push(format!("      {}", i18n::report_gap(*g).t(lang)));
                }
                (None, Ok(_)) => {}
            }
        }
    }
    out.push(String::new());
    out.push(Msg::RpLegend.t(lang).to_owned());
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// The name of a target, as the pane and `--explain` show it.
pub fn target_label(lang: Lang, r: &Report, t: &Target) -> String {
    match t {
        Target::Figure(f) => i18n::report_figure(*f)
            .t(lang)
            .trim_start_matches("— ")
            .to_owned(),
        Target::FieldPetitions(id) => format!("{} — {}", Msg::FgByField.t(lang), r.field_name(*id)),
        Target::Cell(form, no) => {
            let head = r
                .cell(*form, *no)
                .map(|c| i18n::head_path(lang, &c.head))
                .unwrap_or_default();
            format!("{} ({no}) {head}", form.code())
        }
    }
}

/// The definition of a target: where it sits, its rule (or why the book cannot fill it),
/// and its value.
pub fn definition(lang: Lang, r: &Report, t: &Target) -> Vec<String> {
    let mut out = vec![match t {
        Target::Cell(form, no) => Msg::DfForm.fill(lang, &[&form.code(), no]),
        _ => Msg::DfSummary.fill(lang, &[&target_label(lang, r, t)]),
    }];
    match r.target_measure(t) {
        Ok(m) => {
            out.extend(i18n::describe_measure(
                lang,
                &m,
                r.threshold,
                &|id| r.field_name(id),
                &|code| r.column_name(code),
            ));
            out.push(format!(
                "= {}",
                r.target_value(t).map(|v| v.to_string()).unwrap_or_default()
            ));
        }
        Err(g) => out.push(Msg::DfUnfillable.fill(lang, &[&i18n::report_gap(g).t(lang)])),
    }
    out.push(i18n::period_full(lang, &r.period));
    out
}

/// A visit behind a figure, on one line, its citizen as `viewer` may see them (a denouncer
/// is a pseudonym unless revealed).
pub fn visit_line(lang: Lang, viewer: &Viewer, v: &TraceVisit, adds: u64) -> String {
    let who = i18n::person(lang, viewer, &v.citizen);
    let mut s = format!(
        "{} {} · {} · {} · {} · {}",
        format_date(v.day),
        v.time,
        who,
        i18n::petition_type(v.petition_type).t(lang),
        v.field_name,
        i18n::handling(v.handling).t(lang),
    );
    // (Empty for a denunciation: what it says is left out.)
    if let Some(line) = v.content.lines().next().filter(|l| !l.is_empty()) {
        s.push_str(&format!(" · {line}"));
    }
    if adds != 1 {
        s.push_str(&format!(" · {}", Msg::RpAdds.fill(lang, &[&adds])));
    }
    s
}

/// A case behind a figure, on one line (a denunciation shows its pseudonym unless
/// `viewer` revealed it), with the day it was resolved in the period and its legal due date
/// when the report has them.
pub fn case_line(
    lang: Lang,
    viewer: &Viewer,
    c: &TraceCase,
    adds: u64,
    life: Option<&CaseLife>,
) -> String {
    let who = i18n::person(lang, viewer, &c.citizen);
    let mut s = format!(
        "{} · {} · {} · {} · {}",
        c.code,
        i18n::case_status(c.status).t(lang),
        c.field_name,
        format_date(c.received_on),
        who,
    );
    if let Some(line) = c.summary.lines().next().filter(|l| !l.is_empty()) {
        s.push_str(&format!(" · {line}"));
    }
    if let Some(l) = life.filter(|l| l.resolved_in_period)
        && let Some((day, _)) = l.closed
    {
        let due = l
            .resolve_due
            .map(format_date)
            .unwrap_or_else(|| Msg::RpNone.t(lang).to_owned());
        s.push_str(&format!(
            " · {}",
            Msg::RpResolvedDue.fill(lang, &[&format_date(day), &due])
        ));
    }
    if adds != 1 {
        s.push_str(&format!(" · {}", Msg::RpAdds.fill(lang, &[&adds])));
    }
    s
}

/// The ids of the records of a trace, split by kind, in order.
pub fn split_records(rows: &[(Record, u64)]) -> (Vec<i64>, Vec<i64>) {
    let mut v = Vec::new();
    let mut c = Vec::new();
    for (r, _) in rows {
        match r {
            Record::Visit(id) => v.push(*id),
            Record::Case(id) => c.push(*id),
            Record::Day(_) => {}
        }
    }
    (v, c)
}
