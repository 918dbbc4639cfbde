//! What a correction changed in a case, kept as facts beside its timeline event and worded
//! only when shown, in the viewer's language (the store writes no prose). Stored as JSON;
//! books made before keep their notes as they were written and show them as they are.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One change a corrected visit carried to its case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum EventFact {
    /// The petition type changed, and with it the case's code: the codes before and after.
    Retyped { from: String, to: String },
    /// The field changed: the fields' names as they were.
    Field { from: String, to: String },
    /// The case moved to the citizen holding the ID number typed.
    Citizen,
    /// The day received changed.
    Day { from: NaiveDate, to: NaiveDate },
    /// The case's other visits moved along to its new field (by name).
    VisitsMoved { count: u32, field: String },
    /// A corrected visit left the case: the visit's day and time.
    VisitLeft { day: NaiveDate, time: String },
}

/// The facts as stored (None when there are none).
pub fn to_json(facts: &[EventFact]) -> Option<String> {
    (!facts.is_empty()).then(|| serde_json::to_string(facts).unwrap_or_default())
}

/// The facts read back; what cannot be read (written by something else) is no fact.
pub fn from_json(json: Option<&str>) -> Vec<EventFact> {
    json.and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_round_trip_as_json() {
        let facts = vec![
            EventFact::Retyped {
                from: "KN-2026-BD-0001".into(),
                to: "TC-2026-BD-0001".into(),
            },
            EventFact::Citizen,
            EventFact::Day {
                from: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
                to: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            },
        ];
        let json = to_json(&facts).unwrap();
        assert!(json.contains(r#""fact":"retyped""#), "{json}");
        assert_eq!(from_json(Some(&json)), facts);
        assert_eq!(to_json(&[]), None);
        assert!(from_json(None).is_empty());
        assert!(from_json(Some("not json")).is_empty());
    }
}
