//! The IPC surface, one module per domain. Commands live in modules rather than
//! at the crate root because `#[tauri::command]` items at the root of lib.rs
//! collide with the macro's generated names (E0255).

pub mod editor;
pub mod library;
pub mod media;
pub mod package;
pub mod prepare;
pub mod results;
pub mod settings;
pub mod sign; // sign-language interpreters (issue 16)
pub mod stick;
pub mod translation;
