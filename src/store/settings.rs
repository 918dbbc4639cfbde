//! Key/value settings (unit name and level, desk code, group threshold, demo marker, last
//! officer).

use rusqlite::OptionalExtension;

use super::{Permission, Result, Store, StoreError, Writer};

pub const UNIT_NAME: &str = "unit_name";
pub const UNIT_LEVEL: &str = "unit_level";
/// The desk's part of every case code (unique across desks, so books can be merged).
pub const DESK_CODE: &str = "desk_code";
pub const GROUP_THRESHOLD: &str = "group_threshold";
pub const DEMO: &str = "demo";
pub const LAST_OFFICER: &str = "last_officer";
/// Seconds without a key before the screen locks (PRODUCT.md §6: idle lock).
pub const LOCK_AFTER: &str = "lock_after_seconds";
/// The idle lock by default: 5 minutes.
pub const LOCK_AFTER_DEFAULT: u64 = 300;
/// The longest idle time a unit may set: 1 hour. The lock cannot be switched off.
pub const LOCK_AFTER_MAX: u64 = 3600;

/// An idle time as a unit sets it: whole seconds, 1 to [`LOCK_AFTER_MAX`].
pub fn check_lock_after(value: &str) -> Result<u64> {
    match value.trim().parse::<u64>() {
        Ok(n) if (1..=LOCK_AFTER_MAX).contains(&n) => Ok(n),
        _ => Err(StoreError::Invalid(format!(
            "lock after: 1 to {LOCK_AFTER_MAX} seconds"
        ))),
    }
}
/// "1" when this unit is a Ban tiếp công dân, which Luật TCD Art 28(2) binds (a People's
/// Committee's reception desk is not one: its Art 28(2) duty is practice, ⚑). No screen sets
/// it yet.
pub const UNIT_BAN_TCD: &str = "unit_ban_tiep_cong_dan";
/// How many daily backups are kept beside the book.
pub const BACKUP_KEEP: &str = "backup_keep";
/// The provincial hub `tiepdan sync` pushes the journal to (issue 30): `http://host[:port]`.
pub const HUB_URL: &str = "hub_url";

/// A hub's address as typed, in the form kept (NFC, trimmed, no trailing slash): plain
/// `http://` in this slice (docs/hub.md). None when it is not one.
pub fn check_hub_url(url: &str) -> Option<String> {
    let u = crate::domain::text::clean_line(url);
    let u = u.trim_end_matches('/');
    let rest = u.strip_prefix("http://")?;
    let ok = !rest.is_empty() && !rest.contains(char::is_whitespace) && rest.chars().count() <= 200;
    ok.then(|| u.to_owned())
}

/// A desk code as the unit types it: 1 to 4 letters or digits, stored upper-case.
pub fn check_desk_code(code: &str) -> Result<String> {
    let c = code.trim().to_uppercase();
    let ok = (1..=4).contains(&c.chars().count()) && c.chars().all(|ch| ch.is_ascii_alphanumeric());
    if ok {
        Ok(c)
    } else {
        Err(StoreError::Invalid(
            "desk code: 1–4 letters or digits".into(),
        ))
    }
}

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        setting_on(&self.conn, key)
    }

    /// The group threshold (đoàn đông người), default 5 (DOMAIN.md §2.5, UNCONFIRMED).
    pub fn group_threshold(&self) -> Result<u32> {
        group_threshold_on(&self.conn)
    }

    pub fn unit_name(&self) -> Result<String> {
        Ok(self.setting(UNIT_NAME)?.unwrap_or_default())
    }

    /// The desk code of this book (empty only in a book that predates desk codes and was
    /// never upgraded, which cannot happen: the upgrade sets one).
    pub fn desk_code(&self) -> Result<String> {
        Ok(self.setting(DESK_CODE)?.unwrap_or_default())
    }

    /// Seconds without a key before the screen locks ([`LOCK_AFTER_DEFAULT`] unless set).
    pub fn lock_after(&self) -> Result<u64> {
        Ok(self
            .setting(LOCK_AFTER)?
            .and_then(|v| check_lock_after(&v).ok())
            .unwrap_or(LOCK_AFTER_DEFAULT))
    }

    /// Was this database made by `tiepdan demo`?
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.setting(DEMO)?.as_deref() == Some("1"))
    }
}

/// A setting, read on `conn` (a store's, or a write transaction's).
pub(super) fn setting_on(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// The group threshold, read on `conn`.
pub(super) fn group_threshold_on(conn: &rusqlite::Connection) -> Result<u32> {
    Ok(setting_on(conn, GROUP_THRESHOLD)?
        .and_then(|v| v.parse().ok())
        .filter(|n| *n >= 2)
        .unwrap_or(5))
}

/// The desk code, read inside a transaction (sessions and case codes carry it).
pub(super) fn desk_of(conn: &rusqlite::Connection) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = 'desk_code'")?
        .query_row([], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// The settings an administrator changes (`tiepdan setting`), in the order they are listed.
/// The desk code is set at the first start (it is in every case code: changing it later would
/// make two codes of one case), the demo mark and the last officer by the program.
pub const EDITABLE: &[&str] = &[
    UNIT_NAME,
    UNIT_LEVEL,
    GROUP_THRESHOLD,
    LOCK_AFTER,
    BACKUP_KEEP,
    UNIT_BAN_TCD,
    super::PAPER_PARENT,
    super::PAPER_PLACE,
    super::PRINT_COMMAND,
    HUB_URL,
];

/// The longest text a setting holds.
const TEXT_MAX: usize = 200;

/// A setting's value checked and put in the form the book keeps (NFC, trimmed; numbers as
/// digits; a yes/no as 1/0). Unknown keys are refused: a typo never becomes a setting.
pub fn check_setting(key: &str, value: &str) -> Result<String> {
    let bad = |why: &str| StoreError::Invalid(format!("{key}: {why}"));
    let text = crate::domain::text::clean_line(value);
    let number = |lo: u64, hi: u64| -> Result<String> {
        match text.parse::<u64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(n.to_string()),
            _ => Err(bad(&format!("{lo}–{hi}"))),
        }
    };
    match key {
        DESK_CODE => check_desk_code(value),
        LOCK_AFTER => Ok(check_lock_after(value)?.to_string()),
        GROUP_THRESHOLD => number(2, 100),
        BACKUP_KEEP => number(1, 3650),
        UNIT_BAN_TCD => match crate::domain::text::fold(&text).as_str() {
            "1" | "co" | "yes" | "true" => Ok("1".into()),
            "0" | "khong" | "no" | "false" => Ok("0".into()),
            _ => Err(bad("1/0")),
        },
        UNIT_LEVEL => crate::domain::schedule::UnitLevel::from_code(&text)
            .map(|l| l.code().to_owned())
            .ok_or_else(|| bad("xa, tinh, co_quan")),
        HUB_URL if text.is_empty() => Ok(text),
        HUB_URL => check_hub_url(&text).ok_or_else(|| bad("http://host[:port]")),
        UNIT_NAME if text.is_empty() => Err(bad("required")),
        UNIT_NAME | super::PAPER_PARENT | super::PAPER_PLACE | super::PRINT_COMMAND => {
            if text.chars().count() > TEXT_MAX {
                Err(bad(&format!("≤ {TEXT_MAX}")))
            } else {
                Ok(text)
            }
        }
        _ => Err(bad("unknown setting")),
    }
}

impl Writer<'_> {
    /// Write a setting (audited), checked by [`check_setting`].
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.permit(Permission::EditSettings)?;
        let value = check_setting(key, value)?;
        self.put_setting(key, &value)?;
        if key == UNIT_BAN_TCD {
            // Whether Luật TCD Art 28(2) binds this unit: the duties say so again (⚑ or not).
            super::deadlines::recompute_all(self.conn(), None)?;
        }
        Ok(())
    }

    /// Remember who was at the keyboard last (offered first at the next start).
    pub fn remember_officer(&mut self) -> Result<()> {
        self.permit(Permission::Draft)?;
        let id = self.officer_id().to_string();
        self.put_setting(LAST_OFFICER, &id)
    }
}
