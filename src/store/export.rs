//! What leaves the book is on its record: an export writes one audit row (who, when, which
//! period, which layout, how many visits, to which file name) and nothing else.

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
    /// Record an export of the book in the audit.
    pub fn record_export(&mut self, e: &ExportRecord) -> Result<()> {
        self.permit(Permission::Export)?;
        let what = serde_json::json!({
            "from": e.from,
            "to": e.to,
            "format": e.format,
            "template": e.template,
            "rows": e.rows,
            "file": e.file_name,
        });
        self.audit("export", "book", e.template, None, Some(&what))
    }
}
