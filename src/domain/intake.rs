//! Intake: what a petition received (a visit with handling thụ lý, or a written petition)
//! does to the cases. The rule spans records, so the store applies it inside the one
//! transaction that saves the petition — the TUI, the CLI and imports all obey it.
//!
//! A petition opens a case, unless its citizen already has an open case in the same field:
//! then it may be the same matter (a repeat petition, which joins that case as a `bo_sung`
//! event) or a new one, and only the officer can tell. Nothing is decided silently.

/// What the officer chose for the case of a petition.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CaseChoice {
    /// Open a case unless the citizen has one open in the field; then ask.
    #[default]
    Ask,
    /// Open a new case even though one is open in the field.
    OpenNew,
    /// The same matter: join this case (uid).
    Join(String),
}

/// An open case of the citizen in the petition's field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCase {
    pub uid: String,
    pub code: String,
}

/// What the intake does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeStep {
    /// Open a case.
    Open,
    /// Join this open case.
    Join(String),
    /// Ask the officer first (newest open case of the citizen in the field).
    Ask(OpenCase),
    /// The case chosen to join is no longer open (closed at another desk meanwhile).
    NoLongerOpen(String),
}

/// Decide the intake of a petition whose citizen has `open` cases in its field (newest first).
pub fn decide(open: &[OpenCase], choice: &CaseChoice) -> IntakeStep {
    match choice {
        CaseChoice::OpenNew => IntakeStep::Open,
        CaseChoice::Join(uid) if open.iter().any(|c| &c.uid == uid) => {
            IntakeStep::Join(uid.clone())
        }
        CaseChoice::Join(uid) => IntakeStep::NoLongerOpen(uid.clone()),
        CaseChoice::Ask => match open.first() {
            Some(c) => IntakeStep::Ask(c.clone()),
            None => IntakeStep::Open,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(uid: &str) -> OpenCase {
        OpenCase {
            uid: uid.into(),
            code: format!("KN-{uid}"),
        }
    }

    #[test]
    fn a_first_petition_opens_and_a_repeat_asks() {
        assert_eq!(decide(&[], &CaseChoice::Ask), IntakeStep::Open);
        assert_eq!(
            decide(&[case("a")], &CaseChoice::Ask),
            IntakeStep::Ask(case("a"))
        );
        assert_eq!(decide(&[case("a")], &CaseChoice::OpenNew), IntakeStep::Open);
        assert_eq!(
            decide(&[case("b"), case("a")], &CaseChoice::Join("a".into())),
            IntakeStep::Join("a".into())
        );
        assert_eq!(
            decide(&[], &CaseChoice::Join("a".into())),
            IntakeStep::NoLongerOpen("a".into())
        );
    }
}
