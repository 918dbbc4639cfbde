//! `tiepdan-hub` (issue 30): the provincial hub, fed by the desks' journals, on PostgreSQL.
//! The desks' rules and the package's check come from the `tiepdan` library, never copied.

pub mod batches;
pub mod figures;
pub mod own_acts;
pub mod report;
pub mod schema;
pub mod server;
#[doc(hidden)]
pub mod testpg;
pub mod tokens;
