//! Visits written in bulk (the demo generator; later, imports): sessions and visits through
//! the same row writers as the desk's (`rows/`), in one transaction.

use chrono::NaiveDate;

use super::super::Result;
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
        let id = rows::insert_session(
            self.sql(),
            &rows::NewSession {
                uid: s.uid,
                day: s.day,
                form: s.form.code(),
                presiding: s.presiding,
                presider_role: role_code(s.presider_role),
                place: s.place,
                desk: &desk,
                created_at: s.at,
                created_by: Some(s.by),
            },
        )?;
        self.count("sessions");
        Ok(id)
    }

    /// A visit; returns its row id. (Its case, if any, is a `case` of the same load.)
    pub fn visit(&mut self, b: &BulkVisit) -> Result<i64> {
        let field_id = field_id(self.conn(), &b.visit.field_code)?;
        let citizen_id = self.citizen_on_side(
            b.citizen_id,
            b.visit.petition_type == crate::domain::visit::PetitionType::ToCao,
        )?;
        let id = rows::insert_visit(
            self.sql(),
            &rows::NewVisit {
                uid: b.uid,
                session_id: b.session_id,
                citizen_id,
                field_id,
                day: b.day,
                time: b.time,
                visit: b.visit,
                officer_id: b.by,
                created_at: b.at,
            },
        )?;
        self.count("visits");
        Ok(id)
    }
}
