//! What leaves the book is on its record: an export writes one journal entry (who, when,
//! which period, which layout, how many visits, to which file name) and nothing else.

use chrono::NaiveDate;

use super::{Permission, Result, Writer};

/// An export, as its audit row records it.
#[derive(Debug, Clone)]
pub struct ExportRecord<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// xlsx | csv | json
    pub format: &'a str,
    pub template: &'a str,
    pub rows: u64,
    /// The file's name (not its folder: where the officer keeps files is theirs).
    pub file_name: &'a str,
}

impl Writer<'_> {
    /// Record an export of the book in the journal.
    pub fn record_export(&mut self, e: &ExportRecord) -> Result<()> {
        self.permit(Permission::Export)?;
        use serde_json::Value;
        let what = super::rows::facts([
            ("from", Value::String(e.from.to_string())),
            ("to", Value::String(e.to.to_string())),
            ("format", Value::String(e.format.to_owned())),
            ("template", Value::String(e.template.to_owned())),
            ("rows", Value::from(e.rows)),
            ("file", Value::String(e.file_name.to_owned())),
        ]);
        self.fact(
            crate::domain::journal::Op::Export,
            crate::domain::journal::Entity::Book,
            e.template,
            what,
        )
    }
}
