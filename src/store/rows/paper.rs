//! The row writers of issue 29: the documents a visit received, a paper's number and each
//! of its prints — the only INSERTs and UPDATEs of `visit_documents`, `papers` and
//! `paper_prints`, each with its entry.

use rusqlite::{OptionalExtension, params};

use super::{PAPER, PAPER_PRINT, Touch, VISIT_DOCUMENTS};
use crate::domain::journal::Op;
use crate::domain::visit::documents::ReceivedDoc;
use crate::store::Result;
use crate::store::write::Sql;

/// Set the documents a visit received (a new visit's, or a correction's): the row made,
/// changed, or emptied — never removed (what was once received stays in the journal).
pub(in crate::store) fn set_documents(
    sql: &Sql,
    visit_id: i64,
    docs: &[ReceivedDoc],
) -> Result<()> {
    let items = serde_json::to_string(docs)?;
    let exists: bool = sql
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM visit_documents WHERE visit_id = ?1)")?
        .query_row([visit_id], |r| r.get(0))?;
    if !exists {
        if docs.is_empty() {
            return Ok(());
        }
        sql.prepare_cached(
            "INSERT INTO visit_documents (visit_id, items, created_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![visit_id, items, sql.stamp()])?;
        return super::created(sql, &VISIT_DOCUMENTS, visit_id, Op::Create);
    }
    super::change(
        sql,
        &VISIT_DOCUMENTS,
        visit_id,
        Op::Update,
        Touch::IfChanged,
        || {
            sql.prepare_cached("UPDATE visit_documents SET items = ?2 WHERE visit_id = ?1")?
                .execute(params![visit_id, items])?;
            Ok(())
        },
    )?;
    Ok(())
}

/// A paper's number to take: its form, year, what it is about.
pub(in crate::store) struct NewPaper<'a> {
    pub uid: &'a str,
    pub unit: &'a str,
    pub year: i32,
    pub form: &'a str,
    pub subject: &'a str,
    pub subject_uid: &'a str,
    pub issued_on: chrono::NaiveDate,
    pub officer_id: i64,
}

/// The paper of a record and form already numbered: (row id, number, issued on).
pub(in crate::store) fn paper_of(
    sql: &Sql,
    form: &str,
    subject: &str,
    subject_uid: &str,
) -> Result<Option<(i64, u32, chrono::NaiveDate, i32)>> {
    Ok(sql
        .prepare_cached(
            "SELECT id, number, issued_on, year FROM papers
             WHERE form = ?1 AND subject = ?2 AND subject_uid = ?3",
        )?
        .query_row(params![form, subject, subject_uid], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?)
}

/// Take the next number of the form's sequence of the year (in this IMMEDIATE transaction:
/// no other desk takes it meanwhile) and insert the paper; returns (row id, number).
pub(in crate::store) fn insert_paper(sql: &Sql, n: &NewPaper) -> Result<(i64, u32)> {
    let number: u32 = sql
        .prepare_cached(
            "SELECT coalesce(max(number), 0) + 1 FROM papers WHERE year = ?1 AND form = ?2",
        )?
        .query_row(params![n.year, n.form], |r| r.get(0))?;
    sql.prepare_cached(
        "INSERT INTO papers (uid, unit, year, form, number, subject, subject_uid, issued_on,
             created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        n.uid,
        n.unit,
        n.year,
        n.form,
        number,
        n.subject,
        n.subject_uid,
        n.issued_on,
        sql.stamp(),
        n.officer_id
    ])?;
    let id = sql.last_insert_rowid();
    super::created(sql, &PAPER, id, Op::Create)?;
    Ok((id, number))
}

/// A print of a paper.
pub(in crate::store) struct NewPrint<'a> {
    pub uid: &'a str,
    pub paper_id: i64,
    pub template_version: &'a str,
    pub format: &'a str,
    pub names_denouncer: bool,
    pub officer_id: i64,
}

/// Record a print (the first, or the next reprint); returns its place (1: the first).
pub(in crate::store) fn insert_print(sql: &Sql, p: &NewPrint) -> Result<u32> {
    let n: u32 = sql
        .prepare_cached("SELECT coalesce(max(n), 0) + 1 FROM paper_prints WHERE paper_id = ?1")?
        .query_row([p.paper_id], |r| r.get(0))?;
    sql.prepare_cached(
        "INSERT INTO paper_prints (uid, paper_id, n, template_version, format, names_denouncer,
             printed_at, printed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        p.uid,
        p.paper_id,
        n,
        p.template_version,
        p.format,
        p.names_denouncer,
        sql.stamp(),
        p.officer_id
    ])?;
    let id = sql.last_insert_rowid();
    super::created(sql, &PAPER_PRINT, id, Op::Create)?;
    Ok(n)
}
