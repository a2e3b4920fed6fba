//! What an import does with a verified package, decided and committed in
//! one IMMEDIATE transaction (so no edit can slip in between the decision
//! "no local edits" and the write).
//!
//! - a course we do not have is added;
//! - a newer revision of a course that arrived from the same organisation
//!   and has not been edited here since replaces it, and the replaced
//!   revision is saved (`course_revisions`) so it can be restored;
//! - a course with local edits (or made here, or from another organisation)
//!   is never overwritten: the package becomes a separate copy, and the
//!   report says why;
//! - the same or an older revision is "already up to date", unless the
//!   course was restored to an older revision since (then the partner's
//!   version updates it again, the restored one saved);
//! - an update already imported as a copy is recognised ("already imported
//!   as <slug>") instead of making one more copy.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

pub(crate) use super::content::{insert_new, package_prepared};
pub use super::content::{package_media, replace_content, snapshot};
use super::course_file::PackageCourse;
use super::diff::{changes, Changes};
use super::rows::{self as prows, ImportRecord};
use crate::error::{Error, Result};
use crate::library::{new_id, now};
use crate::model::{Bilingual, Course, FieldState, Lang};
use crate::org::TrustDecision;
use crate::store::rows;

/// Why an import became a copy instead of an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CopyReason {
    /// The person asked (`--as-copy`).
    Requested,
    /// The course was edited here since it arrived.
    LocalEdits,
    /// The course was made in this library, not imported.
    MadeHere,
    /// It arrived from another organisation than this package's.
    OtherOrganisation,
    /// The package carries one language; updating would erase the other.
    OneLanguage,
    /// Its modules, lessons or media ids belong to another course here.
    IdsInUse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportOutcome {
    Added,
    Updated { previous_revision: i64 },
    Copied { reason: CopyReason, existing_course_id: Option<String> },
    UpToDate { local_revision: i64 },
    // This very package (same organisation, course and revision) was
    // imported before as the copy `course_id`: nothing was added.
    AlreadyImported { course_id: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub outcome: ImportOutcome,
    /// The course in this library (the copy's id for a copy).
    pub course_id: String,
    pub slug: String,
    pub title: Bilingual,
    pub organisation: String,
    pub fingerprint: String,
    pub trust: TrustDecision,
    pub package_revision: i64,
    pub changes: Changes,
}

/// What the transaction needs to know besides the package.
pub struct Incoming<'a> {
    pub package: &'a PackageCourse,
    pub fingerprint: &'a str,
    pub own_fingerprint: Option<&'a str>,
    pub languages: usize,
    pub as_copy: bool,
    /// Staged media bytes by package path.
    pub staged: &'a std::collections::HashMap<String, super::verify::StagedMedia>,
    pub media_dir: &'a Path,
}

enum Action {
    New,
    Update { local: Course },
    Copy { reason: CopyReason, existing: Option<String> },
    UpToDate { local: Course },
    AlreadyImported { copy: Course },
}

/// `decide`, except that an update already imported as a copy is recognised.
fn decide_or_recognise(tx: &Connection, inc: &Incoming) -> Result<Action> {
    let action = decide(tx, inc)?;
    if let Action::Copy { reason, .. } = &action {
        if *reason != CopyReason::Requested {
            let pkg = &inc.package.course;
            if let Some(copy_id) =
                prows::copy_of_import(tx, inc.fingerprint, &pkg.id, pkg.revision)?
            {
                if let Some(copy) = rows::load_course(tx, &copy_id)? {
                    return Ok(Action::AlreadyImported { copy });
                }
            }
        }
    }
    Ok(action)
}

fn decide(tx: &Connection, inc: &Incoming) -> Result<Action> {
    let pkg = &inc.package.course;
    let local = rows::load_course(tx, &pkg.id)?;
    let ids: Vec<&str> = pkg
        .modules
        .iter()
        .map(|m| m.id.as_str())
        .chain(pkg.lessons().map(|l| l.id.as_str()))
        .chain(inc.package.media.iter().map(|m| m.id.as_str()))
        .collect();
    let copy = |reason, existing: Option<&Course>| Action::Copy {
        reason,
        existing: existing.map(|c| c.id.clone()),
    };
    if inc.as_copy {
        return Ok(copy(CopyReason::Requested, local.as_ref()));
    }
    let Some(local) = local else {
        return Ok(if prows::ids_used_elsewhere(tx, &pkg.id, &ids)? {
            copy(CopyReason::IdsInUse, None)
        } else {
            Action::New
        });
    };
    let restored = prows::just_restored(tx, &local.id, local.revision)?;
    let action = match prows::import_record(tx, &local.id)? {
        None if Some(inc.fingerprint) == inc.own_fingerprint && pkg.revision <= local.revision => {
            Action::UpToDate { local }
        }
        None => copy(CopyReason::MadeHere, Some(&local)),
        Some(r) if r.origin_fingerprint != inc.fingerprint => {
            copy(CopyReason::OtherOrganisation, Some(&local))
        }
        Some(r) if pkg.revision < r.package_revision => Action::UpToDate { local },
        // The revision that arrived, unless the person restored an older one since.
        Some(r) if pkg.revision == r.package_revision && !restored => Action::UpToDate { local },
        Some(r) if local.revision != r.local_revision && !restored => {
            copy(CopyReason::LocalEdits, Some(&local))
        }
        Some(_) if inc.languages < Lang::ALL.len() => copy(CopyReason::OneLanguage, Some(&local)),
        Some(_) if prows::ids_used_elsewhere(tx, &local.id, &ids)? => {
            copy(CopyReason::IdsInUse, Some(&local))
        }
        Some(_) => Action::Update { local },
    };
    Ok(action)
}

/// Blobs an import moved into the store, and the journal that names them
/// until the transaction is over (so a crash in between is undone at the
/// next open: see `BlobStore::journal`).
#[derive(Default)]
pub struct Placement {
    pub blobs: Vec<PathBuf>,
    journal: Option<crate::media::blob::PlacementJournal>,
}

/// Decides and writes. `placed` collects blobs this import created, so the
/// caller can take them back if the transaction fails.
pub fn apply(
    tx: &Connection,
    inc: &Incoming,
    placed: &mut Placement,
) -> Result<(ImportOutcome, PackageCourse, Changes)> {
    let pkg = inc.package;
    match decide_or_recognise(tx, inc)? {
        Action::AlreadyImported { copy } => {
            let outcome = ImportOutcome::AlreadyImported { course_id: copy.id.clone() };
            let current = PackageCourse { course: copy, media: Vec::new(), sign_language: false };
            Ok((outcome, current, Changes::default()))
        }
        Action::UpToDate { local } => {
            let outcome = ImportOutcome::UpToDate { local_revision: local.revision };
            let current = PackageCourse { course: local, media: Vec::new(), sign_language: false };
            Ok((outcome, current, Changes::default()))
        }
        Action::New => {
            let mut course = pkg.clone();
            if rows::slug_exists(tx, &course.course.slug)? {
                course.course.slug = free_slug(tx, &course.course.slug)?;
            }
            place_blobs(tx, inc, placed)?;
            insert_new(tx, &course)?;
            record(tx, &course.course.id, inc, course.course.revision)?;
            let changes = changes(None, &course);
            Ok((ImportOutcome::Added, course, changes))
        }
        Action::Copy { reason, existing } => {
            let course = as_copy(tx, pkg)?;
            place_blobs(tx, inc, placed)?;
            insert_new(tx, &course)?;
            record(tx, &course.course.id, inc, course.course.revision)?;
            let changes = changes(None, &course);
            Ok((ImportOutcome::Copied { reason, existing_course_id: existing }, course, changes))
        }
        Action::Update { local } => {
            let before = snapshot(tx, local)?;
            place_blobs(tx, inc, placed)?;
            let content =
                serde_json::to_string(&before).map_err(|e| Error::Internal(e.to_string()))?;
            prows::save_revision(
                tx,
                &before.course.id,
                before.course.revision,
                "import",
                &now(),
                &content,
            )?;
            let mut after = pkg.clone();
            // Local revisions only go up, so "edited since it arrived" stays a simple comparison.
            after.course.revision = pkg.course.revision.max(before.course.revision + 1);
            after.course.slug = before.course.slug.clone();
            replace_content(tx, &after)?;
            record(tx, &after.course.id, inc, after.course.revision)?;
            let changes = changes(Some(&before), &after);
            Ok((
                ImportOutcome::Updated { previous_revision: before.course.revision },
                after,
                changes,
            ))
        }
    }
}

fn record(tx: &Connection, course_id: &str, inc: &Incoming, local_revision: i64) -> Result<()> {
    prows::upsert_import(
        tx,
        &ImportRecord {
            course_id: course_id.to_string(),
            origin_fingerprint: inc.fingerprint.to_string(),
            origin_course_id: inc.package.course.id.clone(),
            package_revision: inc.package.course.revision,
            local_revision,
        },
        &now(),
    )
}

/// A copy with new ids and slug, linked to the package's course.
fn as_copy(tx: &Connection, pkg: &PackageCourse) -> Result<PackageCourse> {
    let mut copy = pkg.clone();
    let c = &mut copy.course;
    c.derived_from = Some(pkg.course.id.clone());
    c.id = new_id();
    c.slug = free_slug(
        tx,
        &format!(
            "{}-copia",
            pkg.course.slug.chars().take(50).collect::<String>().trim_end_matches('-')
        ),
    )?;
    let source = c.source_lang;
    let was_current = c.title.state(source.other(), source) == Some(FieldState::Complete);
    if !c.title.pt.is_empty() {
        c.title.pt.push_str(" (cópia importada)");
    }
    if !c.title.en.is_empty() {
        c.title.en.push_str(" (imported copy)");
    }
    if was_current {
        c.title.mark_reviewed(source);
    }
    for module in &mut c.modules {
        module.id = new_id();
        for lesson in &mut module.lessons {
            lesson.id = new_id();
        }
    }
    for media in &mut copy.media {
        media.id = new_id();
    }
    Ok(copy)
}

pub(crate) fn free_slug(conn: &Connection, base: &str) -> Result<String> {
    if !rows::slug_exists(conn, base)? {
        return Ok(base.to_string());
    }
    for n in 2.. {
        let candidate = format!("{base}-{n}");
        if !rows::slug_exists(conn, &candidate)? {
            return Ok(candidate);
        }
    }
    unreachable!("slug space exhausted")
}

/// Moves staged media into the content-addressed store and keeps their
/// CRC-32 (for export's check). Runs inside the write transaction (the
/// database lock keeps `gc` away). Identical bytes already stored are kept
/// as they are.
fn place_blobs(tx: &Connection, inc: &Incoming, placed: &mut Placement) -> Result<()> {
    let store = crate::media::blob::BlobStore::new(inc.media_dir);
    // The media files, and the posters of prepared videos: (path, sha256, size).
    let files: Vec<(&str, &str, u64)> = inc
        .package
        .media
        .iter()
        .flat_map(|m| {
            let poster = m.prepared.as_ref().and_then(|p| p.poster.as_ref());
            std::iter::once((m.path.as_str(), m.sha256.as_str(), m.size))
                .chain(poster.map(|p| (p.path.as_str(), p.sha256.as_str(), p.size)))
        })
        .collect();
    let present = |sha: &str, size: u64| {
        std::fs::metadata(store.path_of(sha))
            .map(|m| m.is_file() && m.len() == size)
            .unwrap_or(false)
    };
    let mut new: Vec<&str> = files
        .iter()
        .filter(|(path, sha, size)| inc.staged.contains_key(*path) && !present(sha, *size))
        .map(|(_, sha, _)| *sha)
        .collect();
    new.dedup();
    if !new.is_empty() {
        placed.journal = Some(store.journal(&new)?);
    }
    for (path, sha, size) in files {
        let Some(staged) = inc.staged.get(path) else { continue };
        crate::media::rows::record_crc32(tx, sha, staged.crc32)?;
        let target = store.path_of(sha);
        if present(sha, size) {
            continue;
        }
        let parent = target.parent().expect("blob path has a parent").to_path_buf();
        let io = |source| Error::Io { path: target.clone(), source };
        std::fs::create_dir_all(&parent).map_err(io)?;
        std::fs::rename(&staged.path, &target).map_err(io)?;
        placed.blobs.push(target.clone());
        crate::atomic_file::sync_dir(&parent);
    }
    Ok(())
}
