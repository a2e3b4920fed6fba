//! SQLite storage: opening and migrating the database, row mapping and search.
//! Nothing outside `store` writes SQL.

mod migrations;
mod open;
pub(crate) mod rows;
pub(crate) mod search;

pub use migrations::LATEST as SCHEMA_VERSION;
pub(crate) use open::classify;
pub use open::{open_database, OpenOptions};
pub use search::SearchHit;
