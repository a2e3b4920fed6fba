//! Checking a stick: the signatures of its manifests, then every file's
//! size and SHA-256 against them, reporting each missing, changed or extra
//! file by path.
//!
//! While a write runs (or after one was interrupted) the stick holds the
//! files of two signed sets; a file that matches the same path in either
//! is authentic, so such a stick passes and is reported as `interrupted`
//! (see `docs/stick-format.md`). Files of neither are `extra`.

use std::fs::File;
use std::io::Read;
use std::ops::ControlFlow;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::errors::StickError;
use super::manifest::{self, StickManifest, INCOMING, MANIFEST};
use super::{stick_root, StickFileProblem, StickProblem, StickVerifyReport};
use crate::error::{Error, Result};
use crate::package::progress::{Phase, Progress};

/// Every file under `root`, as `/`-separated paths relative to it, sorted.
pub fn list_files(root: &Path) -> Result<Vec<String>> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            if entry.file_type()?.is_dir() {
                walk(&entry.path(), &path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(root, "", &mut out).map_err(|source| Error::Io { path: root.to_path_buf(), source })?;
    out.sort();
    Ok(out)
}

/// Size and SHA-256 of a file, read in 1 MiB pieces.
pub fn hash_file(
    path: &Path,
    progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
) -> Result<(u64, String)> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let mut file = File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
        if progress(n as u64).is_break() {
            return Err(Error::Cancelled);
        }
    }
    Ok((size, hex::encode(hasher.finalize())))
}

/// The current set and the others an interrupted write left.
pub(crate) fn signed_sets(root: &Path) -> Result<(StickManifest, Vec<StickManifest>)> {
    let current_path = root.join(MANIFEST);
    if !current_path.is_file() {
        return Err(StickError::NotFound { path: root.to_path_buf() }.into());
    }
    let current = StickManifest::read(&current_path)?;
    let mut others = Vec::new();
    for name in list_files(root)? {
        if manifest::is_manifest_name(&name) && name != MANIFEST && !name.ends_with(".partial") {
            others.push(StickManifest::read(&root.join(&name))?);
        }
    }
    Ok((current, others))
}

/// Checks every file of the stick at `path` (the stick or its `Juntos/`).
pub fn verify_stick(
    path: &Path,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<StickVerifyReport> {
    let root = stick_root(path);
    let (current, others) = signed_sets(&root)?;
    let on_disk = list_files(&root)?;
    let total: u64 = current.files.iter().map(|f| f.size).sum();
    let mut done = 0u64;
    let mut problems = Vec::new();
    let mut leftovers = 0;
    let matches_any = |path: &str, size: u64, sha: &str| {
        others.iter().any(|m| m.file(path).is_some_and(|f| f.size == size && f.sha256 == sha))
    };
    // FAT is case-insensitive, and some drivers show short names in capitals
    // ("COURSES/AGUA"): a listed path is found by its exact name, else by
    // case-insensitive match (the path rule keeps listed names apart by case).
    let by_folded: std::collections::HashMap<String, &String> =
        on_disk.iter().map(|p| (p.to_lowercase(), p)).collect();
    let mut seen = std::collections::HashSet::new();
    for file in &current.files {
        let actual = if root.join(&file.path).is_file() {
            Some(file.path.clone())
        } else {
            by_folded.get(&file.path.to_lowercase()).map(|p| p.to_string())
        };
        let Some(actual) = actual.filter(|a| root.join(a).is_file()) else {
            problems
                .push(StickProblem { path: file.path.clone(), problem: StickFileProblem::Missing });
            continue;
        };
        let before = done;
        let (size, sha) = hash_file(&root.join(&actual), &mut |n| {
            done += n;
            progress(Progress { phase: Phase::Checking, entry: file.path.clone(), done, total })
        })?;
        done = before + file.size;
        let ok = (size == file.size && sha == file.sha256) || matches_any(&file.path, size, &sha);
        if !ok {
            problems
                .push(StickProblem { path: file.path.clone(), problem: StickFileProblem::Changed });
        }
        seen.insert(actual.to_lowercase());
    }
    for path in on_disk {
        if seen.contains(&path.to_lowercase()) || manifest::is_manifest_name(&path.to_lowercase()) {
            continue;
        }
        if path.starts_with(&format!("{INCOMING}/")) {
            leftovers += 1;
            continue;
        }
        let folded = path.to_lowercase();
        let listed = others.iter().find_map(|m| {
            m.files.iter().find(|f| f.path == path || f.path.to_lowercase() == folded)
        });
        if let Some(listed) = listed {
            let (size, sha) = hash_file(&root.join(&path), &mut |_| ControlFlow::Continue(()))?;
            if matches_any(&listed.path, size, &sha) {
                leftovers += 1;
                continue;
            }
        }
        problems.push(StickProblem { path, problem: StickFileProblem::Extra });
    }
    Ok(StickVerifyReport {
        root: root.clone(),
        ok: problems.is_empty(),
        format_version: current.format_version.clone(),
        generation: current.generation,
        written_at: current.written_at.clone(),
        organisation: current.organisation.name.clone(),
        fingerprint: current.organisation.fingerprint.clone(),
        languages: current.languages.clone(),
        courses: current.courses.len(),
        files: current.files.len(),
        bytes: total,
        interrupted: !others.is_empty(),
        leftovers,
        problems,
    })
}

/// Checks the small files of the course folders named (their media are
/// checked by the package import): a damaged stick is refused before any
/// byte is copied.
pub(crate) fn check_course_folder(
    root: &Path,
    current: &StickManifest,
    others: &[StickManifest],
    folder: &str,
) -> Result<()> {
    let prefix = format!("{folder}/");
    let listed: Vec<_> = current.files.iter().filter(|f| f.path.starts_with(&prefix)).collect();
    let mut problems = 0;
    let mut first = String::new();
    for file in &listed {
        let ok = match hash_file(&root.join(&file.path), &mut |_| ControlFlow::Continue(())) {
            Ok((size, sha)) => {
                (size == file.size && sha == file.sha256)
                    || others.iter().any(|m| {
                        m.file(&file.path).is_some_and(|f| f.size == size && f.sha256 == sha)
                    })
            }
            Err(_) => false,
        };
        if !ok {
            problems += 1;
            if first.is_empty() {
                first = file.path.clone();
            }
        }
    }
    if listed.is_empty() {
        problems = 1;
        first = folder.to_string();
    }
    if problems > 0 {
        return Err(StickError::Damaged { path: root.to_path_buf(), problems, first }.into());
    }
    Ok(())
}
