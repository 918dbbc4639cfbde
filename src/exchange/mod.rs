//! Data exchange: reports and books written to files (text, CSV, JSON, XLSX).

pub mod book;
pub mod files;
pub mod hub;
pub mod import;
pub mod package;
pub mod report_text;
pub mod report_xlsx;
