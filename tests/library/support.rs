//! Shared helpers: a fresh library in a temp folder, and a folder hash used
//! to prove that a refused operation changed nothing.

use juntos::Library;
use tempfile::TempDir;

pub fn library() -> (TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    (dir, lib)
}

/// An empty library: the sample course removed.
pub fn empty_library() -> (TempDir, Library) {
    let (dir, mut lib) = library();
    for c in lib.list_courses().unwrap() {
        lib.delete_course(&c.id).unwrap();
    }
    (dir, lib)
}

#[path = "../common/tree.rs"]
mod tree;
pub use tree::hash_tree;

#[path = "../common/small_disk.rs"]
mod small_disk;
pub use small_disk::{cannot_run, is_root, running};
