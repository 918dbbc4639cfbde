//! The pure domain: rules and vocabulary, no terminal and no SQL.
//! (Reviewed rule: nothing here imports `ratatui` or `rusqlite`.)

/// An enum of legal vocabulary with the stable codes stored in the database.
macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

pub mod book;
pub mod calendar;
pub mod case;
pub mod date;
pub mod deadline;
pub mod dialogue;
pub mod ident;
pub mod identity;
pub mod intake;
pub mod journal;
pub mod legacy;
pub mod limits;
pub mod lookup;
pub mod paper;
pub mod refusal;
pub mod report;
pub mod role;
pub mod schedule;
pub mod text;
pub mod visit;
