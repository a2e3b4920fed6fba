//! Shared helpers: a fresh library in a temp folder, and a folder hash used
//! to prove that a refused operation changed nothing.

use std::path::Path;

use juntos::Library;
use sha2::{Digest, Sha256};
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

/// SHA-256 over every file's relative path and bytes, in sorted order.
pub fn hash_tree(root: &Path) -> String {
    let mut files = Vec::new();
    collect(root, root, &mut files);
    files.sort();
    let mut h = Sha256::new();
    for rel in files {
        h.update(rel.as_bytes());
        h.update(std::fs::read(root.join(&rel)).unwrap());
    }
    hex::encode(h.finalize())
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            out.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
        }
    }
}
