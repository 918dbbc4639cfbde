//! A citizen's history: every visit and case on one timeline, without denunciations.

use chrono::NaiveDate;

use super::CaseHit;
use crate::domain::visit::{Handling, PetitionType};
use crate::store::{Result, Store, bad_code};

/// One line of a citizen's history: a visit or a case, in date order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryItem {
    Visit {
        uid: String,
        day: NaiveDate,
        time: String,
        petition_type: PetitionType,
        field_name: String,
        content: String,
        handling: Handling,
        /// The citizen's yêu cầu, đề nghị (Luật TCD Art 25(2)).
        requests: String,
        /// The n-th petition of the same type in the same field (2 and up: a repeat).
        repeat: u32,
        /// How many documents the citizen handed over at this visit.
        documents: u32,
    },
    Case {
        hit: Box<CaseHit>,
        round: u8,
        /// Repeat petitions joined to this case (bổ sung).
        added: u32,
    },
}

impl HistoryItem {
    pub fn day(&self) -> NaiveDate {
        match self {
            HistoryItem::Visit { day, .. } => *day,
            HistoryItem::Case { hit, .. } => hit.received_on,
        }
    }
}

impl Store {
    /// A citizen's whole history — every visit and every case on one timeline, newest first
    /// — without denunciations (a search must never show who denounced whom).
    pub fn citizen_history(&self, citizen_id: i64) -> Result<Vec<HistoryItem>> {
        let mut items = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT v.uid, v.day, v.time, v.petition_type, f.name, v.content, v.handling,
                        (SELECT count(*) FROM visits w WHERE w.citizen_id = v.citizen_id
                           AND w.deleted_at IS NULL AND w.field_id = v.field_id
                           AND w.petition_type = v.petition_type
                           AND (w.day < v.day OR (w.day = v.day AND w.id <= v.id))),
                        v.requests,
                        coalesce((SELECT json_array_length(d.items) FROM visit_documents d
                                  WHERE d.visit_id = v.id), 0)
                 FROM visits v JOIN fields f ON f.id = v.field_id
                 WHERE v.citizen_id = ?1 AND v.deleted_at IS NULL AND v.petition_type != 'to_cao'",
            )?;
            let rows = stmt.query_map([citizen_id], |r| {
                let t: String = r.get(3)?;
                let h: String = r.get(6)?;
                Ok(HistoryItem::Visit {
                    uid: r.get(0)?,
                    day: r.get(1)?,
                    time: r.get(2)?,
                    petition_type: PetitionType::from_code(&t).ok_or_else(|| bad_code(3))?,
                    field_name: r.get(4)?,
                    content: r.get(5)?,
                    handling: Handling::from_code(&h).ok_or_else(|| bad_code(6))?,
                    repeat: r.get(7)?,
                    requests: r.get(8)?,
                    documents: r.get(9)?,
                })
            })?;
            for row in rows {
                items.push(row?);
            }
        }
        let cases: Vec<(i64, u8, u32)> = self
            .conn
            .prepare_cached(
                "SELECT k.id, k.round,
                        (SELECT count(*) FROM case_events e WHERE e.case_id = k.id AND e.action = 'bo_sung')
                 FROM cases k WHERE k.citizen_id = ?1 AND k.deleted_at IS NULL
                   AND k.case_type != 'to_cao'",
            )?
            .query_map([citizen_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, round, added) in cases {
            if let Some(hit) = self.case_hit(id)? {
                items.push(HistoryItem::Case {
                    hit: Box::new(hit),
                    round,
                    added,
                });
            }
        }
        items.sort_by_key(|i| std::cmp::Reverse(i.day()));
        Ok(items)
    }
}
