//! The pure domain: rules and vocabulary, no terminal and no SQL.
//! (Reviewed rule: nothing here imports `ratatui` or `rusqlite`.)

pub mod date;
pub mod ident;
pub mod text;
pub mod visit;
