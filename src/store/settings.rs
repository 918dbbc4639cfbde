//! Key/value settings (unit name and level, group threshold, demo marker, last officer).

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::{Result, Store, audit};
use crate::domain::text::nfc;

pub const UNIT_NAME: &str = "unit_name";
pub const UNIT_LEVEL: &str = "unit_level";
pub const GROUP_THRESHOLD: &str = "group_threshold";
pub const DEMO: &str = "demo";
pub const LAST_OFFICER: &str = "last_officer";

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Write a setting (audited).
    pub fn set_setting(&mut self, officer_id: Option<i64>, key: &str, value: &str) -> Result<()> {
        let value = nfc(value);
        let tx = self.write_tx()?;
        let before: Option<String> = tx
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        if before.as_deref() == Some(value.as_str()) {
            return Ok(());
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        let action = if before.is_some() { "update" } else { "insert" };
        audit::record(
            &tx,
            officer_id,
            action,
            "settings",
            key,
            before.map(|b| json!({ "value": b })).as_ref(),
            Some(&json!({ "value": value })),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The group threshold (đoàn đông người), default 5 (DOMAIN.md §2.5, UNCONFIRMED).
    pub fn group_threshold(&self) -> Result<u32> {
        Ok(self
            .setting(GROUP_THRESHOLD)?
            .and_then(|v| v.parse().ok())
            .filter(|n| *n >= 2)
            .unwrap_or(5))
    }

    pub fn unit_name(&self) -> Result<String> {
        Ok(self.setting(UNIT_NAME)?.unwrap_or_default())
    }

    /// Was this database made by `tiepdan demo`?
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.setting(DEMO)?.as_deref() == Some("1"))
    }
}
