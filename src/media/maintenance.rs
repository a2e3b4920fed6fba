//! The library-wide care of the blob store, as methods of `Library`: `gc`
//! (blobs no course, revision or binned course needs), `verify-library`
//! (every blob re-hashed) and the clean-up after a crash when a library
//! opens. Per-course media operations are in `library_ops.rs`.

use std::ops::ControlFlow;

use super::model::{BlobProblem, GcReport, VerifyReport};
use super::progress::Progress;
use super::rows;
use crate::error::{Error, Result};
use crate::library::Library;

impl Library {
    /// Removes blobs no course refers to and temp files left by crashed
    /// copies. Runs under the write lock so no attach can race it. Blobs a
    /// saved revision refers to are kept: restoring it must bring its
    /// videos back too.
    pub fn gc(&mut self) -> Result<GcReport> {
        let store = self.blob_store();
        self.write(|tx| {
            let referenced = blobs_in_use(tx)?;
            let mut report = GcReport::default();
            for (sha, size) in store.list()? {
                if !referenced.contains(&sha) {
                    store.remove(&sha)?;
                    rows::forget_crc32(tx, &sha)?;
                    report.bytes_freed += size;
                    report.blobs.push(sha);
                }
            }
            for (path, size) in store.leftovers()?.temp_files {
                if std::fs::remove_file(&path).is_ok() {
                    report.bytes_freed += size;
                    report
                        .temp_files
                        .push(path.file_name().unwrap_or_default().to_string_lossy().into_owned());
                }
            }
            Ok(report)
        })
    }

    /// Housekeeping when the library opens, after a crash: blobs that an
    /// attach or an import moved into place but never registered (their
    /// journal's process is gone) are removed unless a row uses them, and
    /// temp files of copies whose process is gone are deleted. Best effort:
    /// a read-only or busy library still opens, and is cleaned next time.
    pub(crate) fn recover_interrupted_media(&mut self) {
        let store = self.blob_store();
        let leftovers = store.leftovers().unwrap_or_default();
        for (path, _) in &leftovers.temp_files {
            let _ = std::fs::remove_file(path);
        }
        let journals = leftovers.placements;
        if journals.is_empty() {
            return;
        }
        // Under the write lock, as gc: no attach can be registering these bytes meanwhile.
        let _ = self.write(|tx| {
            let referenced = blobs_in_use(tx)?;
            for (journal, shas) in &journals {
                for sha in shas.iter().filter(|sha| !referenced.contains(*sha)) {
                    store.remove(sha)?;
                }
                let _ = std::fs::remove_file(journal);
            }
            Ok(())
        });
    }

    /// Re-hashes every blob the library refers to and reports the missing
    /// and corrupt ones with the courses and names that use them.
    pub fn verify_library(
        &self,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<VerifyReport> {
        let store = self.blob_store();
        let blobs = rows::referenced_blobs(self.conn())?;
        let total: u64 = blobs.iter().map(|(_, size)| size).sum();
        let mut report = VerifyReport::default();
        let mut done = 0u64;
        if progress(Progress { done, total: Some(total) }).is_break() {
            return Err(Error::Cancelled);
        }
        for (sha, size) in blobs {
            let start = done;
            let hashed = store.hash_blob(&sha, &mut |n| {
                done += n;
                progress(Progress { done, total: Some(total) })
            })?;
            done = start + size;
            report.blobs_checked += 1;
            report.bytes_checked += size;
            let problem = match hashed {
                None => "missing",
                Some(h) if h != sha => "corrupt",
                Some(_) => continue,
            };
            report.problems.push(BlobProblem {
                used_by: rows::users_of_blob(self.conn(), &sha)?,
                sha256: sha,
                problem: problem.into(),
            });
        }
        Ok(report)
    }
}

/// Blobs that must stay: those of the courses' media, and those of the
/// revisions kept for restoring.
fn blobs_in_use(tx: &rusqlite::Connection) -> Result<std::collections::HashSet<String>> {
    let mut used: std::collections::HashSet<String> =
        rows::referenced_blobs(tx)?.into_iter().map(|(sha, _)| sha).collect();
    used.extend(rows::blobs_of_saved_revisions(tx)?);
    Ok(used)
}
