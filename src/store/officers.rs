//! Officers (cán bộ): who is at the keyboard, stamped on every record; their roles and
//! whether they have a PIN. Only an administrator adds, disables, enables an officer,
//! changes roles or resets a PIN (domain/role.rs), and the book always keeps one active
//! administrator.

use rusqlite::{OptionalExtension, Row};

use super::auth::{other_admins, roles_of};
use super::{Permission, Result, Store, StoreError, Writer, new_uid, rows};
use crate::domain::journal::Op;
use crate::domain::role::{Role, Roles};
use crate::domain::text::{clean_line, fold};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    pub id: i64,
    pub uid: String,
    pub full_name: String,
    pub title: String,
    /// Holds the leader role (kept for the callers that only ask this).
    pub is_leader: bool,
    /// The roles held.
    pub roles: Roles,
    /// Has set a PIN (one without sets it at their first sign-in).
    pub has_pin: bool,
    /// Still at the desk: offered at sign-in and may write (a disabled one is kept, never
    /// deleted).
    pub active: bool,
}

const COLUMNS: &str = "id, uid, full_name, title, active, pin_hash IS NOT NULL AS has_pin,
     (SELECT group_concat(role, ',') FROM officer_roles r WHERE r.officer_id = officers.id)
        AS roles";

fn officer_from_row(r: &Row) -> rusqlite::Result<Officer> {
    let roles = Roles::from_codes(&r.get::<_, Option<String>>("roles")?.unwrap_or_default());
    Ok(Officer {
        id: r.get("id")?,
        uid: r.get("uid")?,
        full_name: r.get("full_name")?,
        title: r.get("title")?,
        is_leader: roles.has(Role::Leader),
        roles,
        has_pin: r.get("has_pin")?,
        active: r.get("active")?,
    })
}

impl Store {
    /// Active officers, by name.
    pub fn officers(&self) -> Result<Vec<Officer>> {
        self.officers_where("WHERE active = 1")
    }

    /// Every officer, active or not, by name (`tiepdan officer list`).
    pub fn all_officers(&self) -> Result<Vec<Officer>> {
        self.officers_where("")
    }

    /// Officers disabled, by name (an administrator may enable them again).
    pub fn disabled_officers(&self) -> Result<Vec<Officer>> {
        self.officers_where("WHERE active = 0")
    }

    fn officers_where(&self, filter: &str) -> Result<Vec<Officer>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM officers {filter} ORDER BY full_name COLLATE NOCASE, id"
        ))?;
        let rows = stmt.query_map([], officer_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn officer(&self, id: i64) -> Result<Option<Officer>> {
        officer_row(&self.conn, id)
    }

    /// The officer of this name, active or disabled (compared folded: "Nguyen Thi Lan" is
    /// "Nguyễn Thị Lan"), if any.
    pub fn officer_named(&self, name: &str) -> Result<Option<Officer>> {
        let wanted = fold(&clean_line(name));
        Ok(self
            .all_officers()?
            .into_iter()
            .find(|o| fold(&o.full_name) == wanted))
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
    /// Add an officer (audited) who receives citizens; other roles with [`set_roles`].
    /// They have no PIN: they set one at their first sign-in. A name already in use
    /// (folded) is refused.
    ///
    /// [`set_roles`]: Writer::set_roles
    pub fn add_officer(&mut self, full_name: &str, title: &str) -> Result<Officer> {
        self.permit(Permission::ManageOfficers)?;
        let full_name = clean_line(full_name);
        if full_name.is_empty() {
            return Err(StoreError::Invalid("officer name is empty".into()));
        }
        if let Some((_, existing)) = name_taken(self.conn(), &full_name)? {
            return Err(StoreError::OfficerExists(existing));
        }
        let id = rows::insert_officer(
            self,
            &rows::NewOfficer {
                uid: &new_uid(),
                full_name: &full_name,
                title,
                roles: Roles::of(&[Role::Receiver]),
                pin_hash: None,
                created_at: &self.stamp(),
            },
        )?;
        Ok(officer_row(self.conn(), id)?.expect("just inserted"))
    }

    /// An officer leaves the desk: no longer offered at sign-in, never deleted (their
    /// records keep their name). Audited; the officer at the keyboard cannot disable
    /// themselves, nor the book lose its last administrator.
    pub fn disable_officer(&mut self, id: i64) -> Result<()> {
        self.permit(Permission::ManageOfficers)?;
        if id == self.actor().officer_id() {
            return Err(StoreError::Invalid(
                "the officer at the keyboard cannot disable themselves".into(),
            ));
        }
        let Some(o) = officer_row(self.conn(), id)? else {
            return Err(StoreError::NotFound("officer"));
        };
        if o.roles.has(Role::Admin) && o.active && other_admins(self.conn(), id)? == 0 {
            return Err(StoreError::LastAdmin);
        }
        self.set_active(&o, false)
    }

    /// A disabled officer comes back: offered at sign-in and able to write again, under the
    /// same record (their old visits and cases keep pointing at it), with the same roles
    /// and PIN. Audited.
    pub fn enable_officer(&mut self, id: i64) -> Result<()> {
        self.permit(Permission::ManageOfficers)?;
        let Some(o) = officer_row(self.conn(), id)? else {
            return Err(StoreError::NotFound("officer"));
        };
        if o.active {
            return Ok(());
        }
        self.set_active(&o, true)
    }

    fn set_active(&mut self, o: &Officer, active: bool) -> Result<()> {
        rows::set_active(self, o.id, active)
    }

    /// Give an officer these roles (at least one). Audited with the roles before and after.
    /// The book keeps one active administrator: taking the role from the last one is
    /// refused ([`StoreError::LastAdmin`]).
    pub fn set_roles(&mut self, id: i64, roles: Roles) -> Result<()> {
        self.permit(Permission::ManageOfficers)?;
        if roles.is_empty() {
            return Err(StoreError::Invalid(
                "an officer holds at least one role".into(),
            ));
        }
        let Some(o) = officer_row(self.conn(), id)? else {
            return Err(StoreError::NotFound("officer"));
        };
        let before = roles_of(self.conn(), id)?;
        if before == roles {
            return Ok(());
        }
        if before.has(Role::Admin)
            && !roles.has(Role::Admin)
            && o.active
            && other_admins(self.conn(), id)? == 0
        {
            return Err(StoreError::LastAdmin);
        }
        let _ = o;
        rows::set_roles(self, id, roles)
    }

    /// An officer forgot their PIN: it is removed, and they set a new one at their next
    /// sign-in (their wrong entries forgotten). Audited. Not one's own: an officer who knows
    /// their PIN changes it (`Store::change_pin`).
    pub fn reset_pin(&mut self, id: i64) -> Result<()> {
        self.permit(Permission::ManageOfficers)?;
        if id == self.actor().officer_id() {
            return Err(StoreError::Invalid(
                "change your own PIN with the one you have".into(),
            ));
        }
        let Some(o) = officer_row(self.conn(), id)? else {
            return Err(StoreError::NotFound("officer"));
        };
        let _ = o;
        rows::set_pin(self, id, None, Op::PinReset, false)?;
        Ok(())
    }
}

fn officer_row(conn: &rusqlite::Connection, id: i64) -> Result<Option<Officer>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM officers WHERE id = ?1"))?
        .query_row([id], officer_from_row)
        .optional()?)
}
