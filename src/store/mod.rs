//! SQLite storage: opening and migrating the database (the only place that
//! opens one or changes its schema), the rows of courses, modules and
//! lessons, and search.
//!
//! It is not the only module that writes SQL: the other modules with tables
//! of their own keep their statements beside their code, mostly in a
//! `rows.rs` (`media/rows.rs`, `media/prepare/rows.rs`, `org/rows.rs`,
//! `package/rows.rs`, …). The schema of every table is in
//! `store/migrations/`, whichever module writes it.

mod migrations;
mod open;
pub mod packed_text;
pub(crate) mod rows;
pub(crate) mod search;

pub use migrations::LATEST as SCHEMA_VERSION;
pub(crate) use open::classify;
pub use open::{open_database, OpenOptions, Opened, ReadOnlyCause};
pub use search::{SearchHit, TextRange, DEFAULT_SEARCH_RESULTS, MAX_SEARCH_RESULTS};
