//! tiepdan — the reception log (sổ tiếp công dân) and petition tracking for Vietnamese
//! People's Committees. Layers: `domain` (pure rules) ← `store` (SQLite) ← `app` (state and
//! commands) ← `ui` (render only); `tui` runs the terminal loop, `cli` the command line.

pub mod domain;
pub mod store;
pub mod demo;
