//! Visits written in bulk (the demo generator; later, imports): sessions and visits of an
//! empty book in one transaction, without the per-visit checks of the desk.

use chrono::NaiveDate;
use rusqlite::params;

use super::super::{Result, StoreError};
use super::*;
use crate::domain::visit::{ReceptionForm, ValidVisit};

/// A session of a bulk load or import.
#[derive(Debug, Clone)]
pub struct BulkSession<'a> {
    pub uid: &'a str,
    pub day: NaiveDate,
    pub form: ReceptionForm,
    pub presiding: &'a str,
    /// The head in person or a delegate (periodic and ad hoc sessions).
    pub presider_role: Option<crate::domain::visit::PresiderRole>,
    pub place: &'a str,
    pub at: &'a str,
    pub by: i64,
}

/// A visit of a bulk load or import (its citizen and session already loaded).
#[derive(Debug, Clone)]
pub struct BulkVisit<'a> {
    pub uid: &'a str,
    pub session_id: i64,
    pub citizen_id: i64,
    pub day: NaiveDate,
    pub time: &'a str,
    /// The visit as validated (its citizen part is the citizen row's).
    pub visit: &'a ValidVisit,
    pub at: &'a str,
    pub by: i64,
}

impl super::super::Bulk<'_> {
    /// A session; returns its row id.
    pub fn session(&mut self, s: &BulkSession) -> Result<i64> {
        let desk = super::super::settings::desk_of(self.conn())?;
        self.conn()
            .prepare_cached(
                "INSERT INTO sessions (uid, day, form, presiding, presider_role, place, desk,
                                       created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                s.uid,
                s.day,
                s.form.code(),
                crate::domain::text::clean_line(s.presiding),
                role_code(s.presider_role),
                s.place,
                desk,
                s.at,
                s.by
            ])?;
        self.count("sessions");
        Ok(self.conn().last_insert_rowid())
    }

    /// A visit; returns its row id. (Its case, if any, is a `case` of the same load.)
    pub fn visit(&mut self, b: &BulkVisit) -> Result<i64> {
        if !valid_time(b.time) {
            return Err(StoreError::Invalid(format!("time {:?}", b.time)));
        }
        let v = b.visit;
        let field_id = field_id(self.conn(), &v.field_code)?;
        self.conn()
            .prepare_cached(
                "INSERT INTO visits (uid, session_id, citizen_id, day, time, people, representatives,
                     petition_type, field_id, content, prior_agencies, handling, transfer_agency,
                     note, petitions, officer_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
            )?
            .execute(params![
                b.uid,
                b.session_id,
                b.citizen_id,
                b.day,
                b.time,
                v.people,
                serde_json::to_string(&v.representatives)?,
                v.petition_type.code(),
                field_id,
                v.content,
                v.prior_agencies,
                v.handling.code(),
                v.transfer_agency,
                v.note,
                v.petitions,
                b.by,
                b.at,
            ])?;
        self.count("visits");
        Ok(self.conn().last_insert_rowid())
    }
}
