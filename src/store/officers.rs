//! Officers (cán bộ): who is at the keyboard, stamped on every record.

use rusqlite::{OptionalExtension, Row, params};

use super::{Actor, Permission, Result, Store, Writer, audit, new_uid, now_stamp};
use crate::domain::text::{clean_line, fold};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    pub id: i64,
    pub uid: String,
    pub full_name: String,
    pub title: String,
    pub is_leader: bool,
    /// Still at the desk: offered at sign-in and may write (a disabled one is kept, never
    /// deleted, and may be enabled again).
    pub active: bool,
}

fn officer_from_row(r: &Row) -> rusqlite::Result<Officer> {
    Ok(Officer {
        id: r.get("id")?,
        uid: r.get("uid")?,
        full_name: r.get("full_name")?,
        title: r.get("title")?,
        is_leader: r.get("is_leader")?,
        active: r.get("active")?,
    })
}

const COLUMNS: &str = "id, uid, full_name, title, is_leader, active";

impl Store {
    /// Active officers, by name.
    pub fn officers(&self) -> Result<Vec<Officer>> {
        self.officers_where(true)
    }

    /// Officers disabled, by name (they may be enabled again).
    pub fn disabled_officers(&self) -> Result<Vec<Officer>> {
        self.officers_where(false)
    }

    fn officers_where(&self, active: bool) -> Result<Vec<Officer>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM officers WHERE active = ?1 ORDER BY full_name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([active], officer_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn officer(&self, id: i64) -> Result<Option<Officer>> {
        officer_row(&self.conn, id)
    }

    /// The officer of this name, active or disabled (compared folded), if any: a name
    /// typed for a new officer may be one who left and comes back.
    pub fn officer_named(&self, name: &str) -> Result<Option<Officer>> {
        Ok(match name_taken(&self.conn, name)? {
            Some((id, _)) => officer_row(&self.conn, id)?,
            None => None,
        })
    }

    /// A disabled officer comes back and signs in (the picker's answer when nobody at the
    /// keyboard may write): enabled again, audited as their own act, as a new officer's
    /// enrolment is.
    pub fn reenroll_officer(&mut self, id: i64) -> Result<Actor> {
        self.refuse_read_only()?;
        let o = officer_row(&self.conn, id)?.ok_or(super::StoreError::NotFound("officer"))?;
        let actor = Actor::enrolled(o.id, &o.uid, &o.full_name);
        self.write_enrolling(&actor, |w| w.enable(id))?;
        Ok(actor)
    }
}

/// An officer already named `name`, active or disabled (compared folded: "Nguyen Thi Lan"
/// is "Nguyễn Thị Lan"): (id, name as recorded). Two officers of one name could not be told
/// apart in the picker, and one who left and comes back is enabled again, not added twice.
pub(super) fn name_taken(conn: &rusqlite::Connection, name: &str) -> Result<Option<(i64, String)>> {
    let wanted = fold(name);
    let mut stmt = conn.prepare_cached("SELECT id, full_name FROM officers")?;
    let names = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for n in names {
        let (id, n) = n?;
        if fold(&n) == wanted {
            return Ok(Some((id, n)));
        }
    }
    Ok(None)
}

impl Writer<'_> {
    /// Add an officer (audited). A name already in use (folded) is refused.
    pub fn add_officer(&mut self, full_name: &str, title: &str) -> Result<Officer> {
        self.permit(Permission::ManageOfficers)?;
        let full_name = clean_line(full_name);
        if full_name.is_empty() {
            return Err(super::StoreError::Invalid("officer name is empty".into()));
        }
        if let Some((_, existing)) = name_taken(self, &full_name)? {
            return Err(super::StoreError::OfficerExists(existing));
        }
        let uid = new_uid();
        self.execute(
            "INSERT INTO officers (uid, full_name, title, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![uid, full_name, clean_line(title), now_stamp()],
        )?;
        let id = self.last_insert_rowid();
        let after = audit::row_json(self, "officers", id)?;
        self.audit("insert", "officers", &uid, None, after.as_ref())?;
        Ok(officer_row(self, id)?.expect("just inserted"))
    }

    /// An officer leaves the desk: no longer offered at sign-in, never deleted (their
    /// records keep their name). Audited; the officer at the keyboard cannot disable
    /// themselves.
    pub fn disable_officer(&mut self, id: i64) -> Result<()> {
        self.permit(Permission::ManageOfficers)?;
        if id == self.actor().officer_id() {
            return Err(super::StoreError::Invalid(
                "the officer at the keyboard cannot disable themselves".into(),
            ));
        }
        let Some(o) = officer_row(self, id)? else {
            return Err(super::StoreError::NotFound("officer"));
        };
        let before = audit::row_json(self, "officers", id)?;
        self.execute("UPDATE officers SET active = 0 WHERE id = ?1", [id])?;
        let after = audit::row_json(self, "officers", id)?;
        self.audit(
            "disable",
            "officers",
            &o.uid,
            before.as_ref(),
            after.as_ref(),
        )
    }

    /// A disabled officer comes back: offered at sign-in and able to write again, under the
    /// same record (their old visits and cases keep pointing at it). Audited.
    pub fn enable_officer(&mut self, id: i64) -> Result<()> {
        self.permit(Permission::ManageOfficers)?;
        self.enable(id)
    }

    fn enable(&mut self, id: i64) -> Result<()> {
        let Some(o) = officer_row(self, id)? else {
            return Err(super::StoreError::NotFound("officer"));
        };
        if o.active {
            return Ok(());
        }
        let before = audit::row_json(self, "officers", id)?;
        self.execute("UPDATE officers SET active = 1 WHERE id = ?1", [id])?;
        let after = audit::row_json(self, "officers", id)?;
        self.audit(
            "enable",
            "officers",
            &o.uid,
            before.as_ref(),
            after.as_ref(),
        )
    }
}

fn officer_row(conn: &rusqlite::Connection, id: i64) -> Result<Option<Officer>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM officers WHERE id = ?1"))?
        .query_row([id], officer_from_row)
        .optional()?)
}
