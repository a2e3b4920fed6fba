//! Integration tests of the core library on real SQLite files in temp folders.

mod crud;
mod open;
mod search;
mod support;
mod translation;
mod upgrade;
