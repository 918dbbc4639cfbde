//! tiepdan — the reception log (sổ tiếp công dân) and petition tracking for Vietnamese
//! People's Committees. Layers: `domain` (pure rules) ← `store` (SQLite) ← `app` (state and
//! commands) ← `ui` (render only); `tui` runs the terminal loop, `cli` the command line.

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod exchange;
pub mod i18n;
pub mod render;
pub mod store;
pub mod tui;
pub mod ui;
