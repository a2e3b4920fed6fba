//! Integration tests of the core library on real SQLite files in temp folders.

mod conflict;
mod crud;
mod drafts;
mod open;
mod search;
mod support;
mod translation;
mod upgrade;
