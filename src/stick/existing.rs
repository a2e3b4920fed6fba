//! What is already on a stick before a write, and so what a write must do:
//! the signed sets the stick holds (the current manifest, and the next and
//! previous ones an interrupted write left), and which files of a plan are
//! there already (`Work`: the files to write, in rename order, and the
//! content-named files to keep). Apart from `write.rs` because the
//! pre-flight asks the same question without writing anything.

use std::ops::ControlFlow;
use std::path::Path;

use super::errors::StickError;
use super::manifest::{self, StickManifest, MANIFEST};
use super::plan::{is_fixed_name, StickPlan, CATALOGUE_DATA, INDEX};
use super::stamp;
use super::verify::{hash_file, list_files};
use crate::error::{Error, Result};
use crate::package::fsinfo;
use crate::package::writer::Entry;

/// What is on the stick before a write: the signed sets it holds.
pub(crate) struct Existing {
    pub current: Option<StickManifest>,
    /// `next` and `prev` sets left by an interrupted write, by file name.
    pub others: Vec<(String, StickManifest)>,
    /// The stick is FAT (times kept to 2 s: see `stamp.rs`).
    pub fat: bool,
}

impl Existing {
    /// Reads the stick's manifests. A stick from a newer program is refused
    /// (never overwritten); an unreadable or badly signed manifest counts as
    /// none (everything is then written again, nothing trusted).
    pub(crate) fn read(root: &Path) -> Result<Existing> {
        let mut current = None;
        let mut others = Vec::new();
        if !root.is_dir() {
            return Ok(Existing { current, others, fat: false });
        }
        let fat = fsinfo::probe(root).is_ok_and(|f| f.fat32);
        for name in list_files(root)?.into_iter().filter(|p| manifest::is_manifest_name(p)) {
            if name.ends_with(".partial") {
                continue;
            }
            match StickManifest::read(&root.join(&name)) {
                Ok(m) if name == MANIFEST => current = Some(m),
                Ok(m) => others.push((name, m)),
                Err(e @ Error::Stick(StickError::VersionUnsupported { .. })) => return Err(e),
                Err(_) => {}
            }
        }
        Ok(Existing { current, others, fat })
    }

    fn sets(&self) -> impl Iterator<Item = &StickManifest> {
        self.current.iter().chain(self.others.iter().map(|(_, m)| m))
    }

    pub(crate) fn next_generation(&self) -> u64 {
        self.sets().map(|m| m.generation).max().unwrap_or(0) + 1
    }

    /// A content-named file is kept when a signed set lists it with the same
    /// hash, the stick has a file of that size by that name, and the file
    /// still carries that set's stamp (`stamp.rs`: nobody wrote it since) or,
    /// failing that, its bytes hash to it.
    fn holds(&self, root: &Path, entry: &Entry) -> bool {
        let listing: Vec<&StickManifest> = self
            .sets()
            .filter(|m| m.file(&entry.path).is_some_and(|f| f.sha256 == entry.sha256))
            .collect();
        if listing.is_empty() {
            return false;
        }
        let path = root.join(&entry.path);
        let Ok(meta) = std::fs::metadata(&path) else { return false };
        if meta.len() != entry.size {
            return false;
        }
        let stamped = meta.modified().is_ok_and(|t| {
            listing.iter().any(|m| stamp::matches(t, &m.written_at, &entry.sha256, self.fat))
        });
        stamped || same_bytes(&path, entry)
    }

    /// The stick holds exactly `plan` as its only set, every file kept
    /// carrying the set's stamp: a write would change nothing.
    pub(crate) fn is_exactly(&self, root: &Path, plan: &StickPlan, work: &Work) -> Result<bool> {
        let Some(current) = self.current.as_ref().filter(|_| self.others.is_empty()) else {
            return Ok(false);
        };
        let mut same = plan.manifest(current.generation);
        same.written_at = current.written_at.clone();
        if !work.writing.is_empty() || same != *current {
            return Ok(false);
        }
        let stamped = work.keeping.iter().all(|e| {
            std::fs::metadata(root.join(&e.path))
                .and_then(|m| m.modified())
                .is_ok_and(|t| stamp::matches(t, &current.written_at, &e.sha256, self.fat))
        });
        let on_stick: Vec<String> =
            list_files(root)?.into_iter().filter(|p| !manifest::is_manifest_name(p)).collect();
        let planned: Vec<&str> = plan.files.iter().map(|e| e.path.as_str()).collect();
        Ok(stamped && on_stick == planned)
    }
}

/// Whether the file at `path` has `entry`'s size and SHA-256 (read in full).
pub(crate) fn same_bytes(path: &Path, entry: &Entry) -> bool {
    matches!(hash_file(path, &mut |_| ControlFlow::Continue(())),
        Ok((size, sha)) if size == entry.size && sha == entry.sha256)
}

/// What a write of a plan does on a stick: the files it writes (in the
/// order of their renames) and the content-named files it keeps.
pub(crate) struct Work<'p> {
    pub writing: Vec<&'p Entry>,
    pub keeping: Vec<&'p Entry>,
}

impl<'p> Work<'p> {
    pub(crate) fn find(root: &Path, plan: &'p StickPlan, existing: &Existing) -> Work<'p> {
        let (mut writing, mut keeping) = (Vec::new(), Vec::new());
        for e in &plan.files {
            let there = if is_fixed_name(&e.path) {
                // Small: hashed on the stick, so a hand-edited page is repaired.
                same_bytes(&root.join(&e.path), e)
            } else {
                existing.holds(root, e)
            };
            if !there {
                writing.push(e);
            } else if !is_fixed_name(&e.path) {
                keeping.push(e);
            }
        }
        // Content-named first; then the fixed ones, the catalogue data and page last.
        writing
            .sort_by_key(|e| (is_fixed_name(&e.path), e.path == CATALOGUE_DATA, e.path == INDEX));
        Work { writing, keeping }
    }
}
