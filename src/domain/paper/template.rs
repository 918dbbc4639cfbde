//! A paper's template: a TOML file a unit can edit (data, not code). The documented default
//! of each form ships in the binary (`templates/papers/*.toml`, included at build time); a
//! unit's own copy in the override folder replaces it (`render::templates` finds it). Each
//! names its legal source, and one resting on an UNVERIFIED text says so on the paper.
//!
//! The body is plain lines: each line a paragraph; `# ` a centred bold line; `- ` an item;
//! an empty line a blank; a line that is only `{documents}` the table of the documents
//! received. `{name}` is a fact of the record ([`PLACEHOLDERS`]); a fact of several lines
//! (the participants of a dialogue) makes one paragraph a line. A placeholder the program
//! does not know is refused when the template is read, naming it — never printed as is.

use serde::Deserialize;

use super::facts::Facts;
use super::{Block, Form, Heading, Issue, Paper, Signature};

/// Every placeholder a template may use, with what it holds (the template folder's README
/// lists the same; a test checks the two agree).
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("unit", "the unit's name (setting unit_name)"),
    ("parent", "the body above the unit (setting paper_parent)"),
    (
        "place",
        "the place name of the date line (setting paper_place)",
    ),
    (
        "code",
        "the case code, or the paper's own number when there is no case",
    ),
    ("number", "the paper's number in its sequence (07)"),
    ("year", "the year of the number"),
    ("copies", "how many copies the form is made in (02)"),
    ("date", "the day received, dd/mm/yyyy"),
    ("date_words", "the day received: ngày 02 tháng 12 năm 2026"),
    ("time", "the time received, HH giờ MM"),
    (
        "today_words",
        "the day of the paper: ngày 02 tháng 12 năm 2026",
    ),
    ("citizen", "who came, or the denouncer's pseudonym"),
    (
        "citizen_signature",
        "the name under the citizen's signature (empty for a pseudonym)",
    ),
    ("id_number", "the ID paper's number, or (bảo mật)"),
    ("address", "the address, or (bảo mật)"),
    ("phone", "the phone, or (bảo mật)"),
    ("people", "how many people came"),
    ("representatives", "a group's representatives, one a line"),
    ("petition_type", "khiếu nại | tố cáo | kiến nghị | phản ánh"),
    ("field", "the field (lĩnh vực)"),
    ("content", "the content of the petition"),
    ("prior_agencies", "the bodies that already dealt with it"),
    (
        "agency",
        "the body the petition is forwarded or the citizen guided to",
    ),
    ("note", "the visit's note"),
    ("officer", "the officer who received"),
    ("presiding", "the leader who presided a session"),
    ("presider_role", "trực tiếp | được ủy quyền"),
    (
        "reception_form",
        "thường xuyên | định kỳ | đột xuất | trực tuyến",
    ),
    (
        "documents",
        "the documents received: a table (a line of its own)",
    ),
    ("documents_count", "how many documents were received"),
    ("refusal_ground", "the ground of a refusal"),
    ("refusal_matter", "what the refused citizen came for"),
    ("dialogue_day", "the day of a dialogue"),
    ("dialogue_place", "the place of a dialogue"),
    ("participants", "a dialogue's participants, one a line"),
    ("said", "what was said at a dialogue"),
    ("agreed", "what was agreed at a dialogue"),
    ("differ", "what still differs after a dialogue"),
    ("dialogue_presiding", "who presided a dialogue"),
    ("outcome", "the dialogue's outcome"),
];

/// A form's template as its file says it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The form's code (`receipt`, …): a file for another form is refused.
    pub form: String,
    /// The template's version, stored with every print of it.
    pub version: String,
    /// The form and the texts it rests on (printed small at the foot).
    pub source: String,
    /// Rests on a text not checked against the official gazette (said on the paper).
    #[serde(default)]
    pub unverified: bool,
    /// The ký hiệu after the number ("GBN-{desk}"); empty: the form has no number line.
    #[serde(default)]
    pub symbol: String,
    /// Copies on one print, each labelled.
    #[serde(default)]
    pub copy_labels: Vec<String>,
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub addressee: String,
    pub body: String,
    #[serde(default, rename = "signature")]
    pub signatures: Vec<SignatureTemplate>,
    #[serde(default)]
    pub recipients: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureTemplate {
    pub title: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub name: String,
}

/// Why a template file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// Not TOML of this shape (the parser's words).
    Syntax(String),
    /// A file of another form.
    WrongForm { expected: Form, found: String },
    /// A placeholder the program does not know.
    Unknown(String),
}

impl Template {
    /// Read a template of `form` from its TOML text; every placeholder checked.
    pub fn parse(form: Form, text: &str) -> Result<Template, TemplateError> {
        let t: Template =
            toml::from_str(text).map_err(|e| TemplateError::Syntax(e.message().to_owned()))?;
        if t.form != form.code() {
            return Err(TemplateError::WrongForm {
                expected: form,
                found: t.form,
            });
        }
        for text in t.texts() {
            for name in placeholders_in(text) {
                if !PLACEHOLDERS.iter().any(|(p, _)| *p == name) && name != "desk" {
                    return Err(TemplateError::Unknown(name.to_owned()));
                }
            }
        }
        Ok(t)
    }

    fn texts(&self) -> Vec<&str> {
        let mut v = vec![
            self.symbol.as_str(),
            &self.title,
            &self.subtitle,
            &self.addressee,
            &self.body,
        ];
        v.extend(self.copy_labels.iter().map(String::as_str));
        for s in &self.signatures {
            v.extend([s.title.as_str(), &s.note, &s.name]);
        }
        v.extend(self.recipients.iter().map(String::as_str));
        v
    }

    /// The paper this template makes from `facts`.
    pub fn fill(&self, form: Form, heading: &Heading, issue: &Issue, facts: &Facts) -> Paper {
        let mut facts = facts.clone();
        facts.set_copies(self.copy_labels.len().max(1));
        let f = |s: &str| facts.fill(s);
        let mut blocks = Vec::new();
        for line in self.body.trim_matches('\n').lines() {
            let line = line.trim_end();
            if line.trim() == "{documents}" {
                blocks.push(facts.documents_table());
                continue;
            }
            if line.trim().is_empty() {
                blocks.push(Block::Space);
                continue;
            }
            let (kind, rest) = if let Some(r) = line.strip_prefix("# ") {
                (Line::Heading, r)
            } else if let Some(r) = line.strip_prefix("- ") {
                (Line::Item, r)
            } else {
                (Line::Para, line)
            };
            // A fact of several lines makes a block a line: a paragraph's next lines are
            // items under it.
            for (i, part) in f(rest).split('\n').enumerate() {
                let part = part.to_owned();
                blocks.push(match kind {
                    Line::Heading => Block::Heading(part),
                    Line::Para if i == 0 => Block::Para(part),
                    Line::Para | Line::Item => Block::Item(part),
                });
            }
        }
        let copies = if self.copy_labels.is_empty() {
            vec![String::new()]
        } else {
            self.copy_labels.iter().map(|l| f(l)).collect()
        };
        let number = if self.symbol.is_empty() {
            String::new()
        } else {
            let symbol = self.symbol.replace("{desk}", &heading.desk);
            let symbol = symbol.trim_end_matches('-');
            format!("Số: {:02}/{}", issue.number, f(symbol))
        };
        Paper {
            form,
            template_version: self.version.clone(),
            source: self.source.clone(),
            unverified: self.unverified,
            parent: heading.parent.to_uppercase(),
            unit: heading.unit.to_uppercase(),
            number,
            date_line: super::date_line(&heading.place, issue.issued_on),
            title: f(&self.title),
            subtitle: f(&self.subtitle),
            addressee: f(&self.addressee),
            blocks,
            signatures: self
                .signatures
                .iter()
                .map(|s| Signature {
                    title: f(&s.title),
                    note: f(&s.note),
                    name: f(&s.name),
                })
                .collect(),
            recipients: self.recipients.iter().map(|r| f(r)).collect(),
            copies,
            code: facts.case_code().map(str::to_owned),
            reprint: issue.reprint.map(|n| {
                format!(
                    "BẢN IN LẠI (lần {n}, {})",
                    crate::domain::date::format_date(issue.printed_on)
                )
            }),
        }
    }
}

/// What a line of the body is.
#[derive(Clone, Copy)]
enum Line {
    Para,
    Heading,
    Item,
}

/// The placeholders of a text (`{name}`), in order.
pub fn placeholders_in(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end)
                if end > 0
                    && after[..end]
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                out.push(&after[..end]);
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// The default template of each form, shipped in the binary: the documented text.
pub fn default_text(form: Form) -> &'static str {
    match form {
        Form::Receipt => include_str!("../../../templates/papers/receipt.toml"),
        Form::Transfer => include_str!("../../../templates/papers/transfer.toml"),
        Form::Guidance => include_str!("../../../templates/papers/guidance.toml"),
        Form::Refusal => include_str!("../../../templates/papers/refusal.toml"),
        Form::Minutes => include_str!("../../../templates/papers/minutes.toml"),
        Form::Conclusion => include_str!("../../../templates/papers/conclusion.toml"),
        Form::Dialogue => include_str!("../../../templates/papers/dialogue.toml"),
    }
}

/// The default template of `form` (the shipped files are checked by a test).
pub fn default_template(form: Form) -> Template {
    Template::parse(form, default_text(form)).expect("the shipped templates are valid")
}
