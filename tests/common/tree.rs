//! A whole folder as one hash, so a test can say "the library is byte for
//! byte as it was": every folder and file by relative path, and every
//! file's bytes. SQLite's `-shm` file is left out: it is the WAL's
//! shared-memory index, rewritten by every reader (read marks) and rebuilt
//! on open, never data. Shared by the library, package and fault tests and
//! by the fuzz targets (included with `#[path]`).

use std::path::Path;

use sha2::{Digest, Sha256};

/// SHA-256 over every folder and file under `root` (paths in sorted order)
/// and every file's bytes.
pub fn hash_tree(root: &Path) -> String {
    let mut entries = Vec::new();
    collect(root, root, &mut entries);
    entries.retain(|e| !e.ends_with("-shm"));
    entries.sort();
    let mut h = Sha256::new();
    for rel in entries {
        h.update(rel.as_bytes());
        h.update([0]);
        if !rel.ends_with('/') {
            h.update(std::fs::read(root.join(&rel)).unwrap_or_default());
        }
    }
    hex::encode(h.finalize())
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            out.push(format!("{rel}/"));
            collect(root, &path, out);
        } else {
            out.push(rel);
        }
    }
}
