//! The bin: a deleted course stays restorable until the person empties it.
//!
//! Deleting moves the course out of the live tables (so lists, search and
//! export never see it) into `course_bin`, whole: the course and its media
//! list in package form (`course.json`), where it came from (its import
//! record) and the revisions imports and XLIFF saved; a prepared video
//! keeps its link to its original and poster. `course_bin_blobs`
//! names every blob that content needs, so `gc` keeps them. Restoring puts
//! it all back in one transaction, under a free slug if its own was taken
//! meanwhile. Emptying the bin is the only way a course is really gone.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::course_file::{PackageCourse, PackageMedia};
use super::import;
use super::rows::{self as prows, ImportRecord};
use crate::error::{Error, Result};
use crate::library::{now, Library};
use crate::model::{Bilingual, Course};
use crate::store::rows;

/// A course in the bin, as the bin lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BinnedCourse {
    pub course_id: String,
    pub slug: String,
    pub title: Bilingual,
    pub deleted_at: String,
}

/// Everything a deleted course needs to come back.
#[derive(Serialize, Deserialize)]
struct BinContent {
    course: PackageCourse,
    import: Option<SavedImport>,
    /// `(revision, reason, saved_at, content)` of its saved revisions, oldest first.
    revisions: Vec<(i64, String, String, String)>,
}

#[derive(Serialize, Deserialize)]
struct SavedImport {
    origin_fingerprint: String,
    origin_course_id: String,
    package_revision: i64,
    local_revision: i64,
}

impl Library {
    /// Deletes a course: moves it to the bin, restorable with
    /// [`Library::restore_deleted_course`] until the bin is emptied.
    pub fn delete_course(&mut self, course_id: &str) -> Result<()> {
        self.bin_course(course_id).map(drop)
    }

    /// Moves a course to the bin (see the module documentation) and says
    /// what is there now. Its media bytes stay in the store until the bin
    /// is emptied.
    pub fn bin_course(&mut self, course_id: &str) -> Result<BinnedCourse> {
        self.write(|tx| {
            let course = rows::load_course(tx, course_id)?
                .ok_or_else(|| Error::CourseNotFound { query: course_id.into() })?;
            let binned = BinnedCourse {
                course_id: course.id.clone(),
                slug: course.slug.clone(),
                title: course.title.clone(),
                deleted_at: now(),
            };
            let import = prows::import_record(tx, course_id)?.map(|r| SavedImport {
                origin_fingerprint: r.origin_fingerprint,
                origin_course_id: r.origin_course_id,
                package_revision: r.package_revision,
                local_revision: r.local_revision,
            });
            let revisions = revisions_with_content(tx, course_id)?;
            let snapshot = import::snapshot(tx, course)?;
            let mut blobs: Vec<String> = snapshot.media.iter().flat_map(blobs_of).collect();
            for (_, _, _, content) in &revisions {
                if let Ok(saved) = serde_json::from_str::<PackageCourse>(content) {
                    blobs.extend(saved.media.iter().flat_map(blobs_of));
                }
            }
            blobs.sort();
            blobs.dedup();
            let content = BinContent { course: snapshot, import, revisions };
            let json =
                serde_json::to_string(&content).map_err(|e| Error::Internal(e.to_string()))?;
            // A course deleted again after a restore replaces its old bin entry.
            tx.execute("DELETE FROM course_bin WHERE course_id = ?1", [course_id])?;
            tx.execute(
                "INSERT INTO course_bin (course_id, slug, title_pt, title_en, deleted_at, content)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    binned.course_id,
                    binned.slug,
                    binned.title.pt,
                    binned.title.en,
                    binned.deleted_at,
                    json
                ],
            )?;
            for sha in &blobs {
                tx.execute(
                    "INSERT OR IGNORE INTO course_bin_blobs (course_id, sha256) VALUES (?1, ?2)",
                    params![course_id, sha],
                )?;
            }
            rows::delete_course(tx, course_id)?;
            Ok(binned)
        })
    }

    /// The courses in the bin, most recently deleted first.
    pub fn binned_courses(&self) -> Result<Vec<BinnedCourse>> {
        binned(self.conn())
    }

    /// Finds a course in the bin by id, unique id prefix (4+ characters) or slug.
    pub fn resolve_binned(&self, query: &str) -> Result<String> {
        let all = binned(self.conn())?;
        let q = query.trim();
        let found: Vec<&BinnedCourse> = match all.iter().find(|c| c.course_id == q) {
            Some(exact) => vec![exact],
            None => all
                .iter()
                .filter(|c| c.slug == q || (q.len() >= 4 && c.course_id.starts_with(q)))
                .collect(),
        };
        match found.as_slice() {
            [one] => Ok(one.course_id.clone()),
            [] => Err(Error::CourseNotInBin { query: query.to_string() }),
            many => Err(Error::CourseAmbiguous {
                query: query.to_string(),
                candidates: many.iter().map(|c| format!("{} ({})", c.slug, c.course_id)).collect(),
            }),
        }
    }

    /// Brings a course back from the bin, as it was when deleted (under a
    /// free slug if its own is taken now). Returns the course.
    pub fn restore_deleted_course(&mut self, course_id: &str) -> Result<Course> {
        self.write(|tx| {
            let json: String = tx
                .query_row(
                    "SELECT content FROM course_bin WHERE course_id = ?1",
                    [course_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::CourseNotInBin { query: course_id.into() })?;
            let content: BinContent = serde_json::from_str(&json)
                .map_err(|e| Error::Internal(format!("bin content: {e}")))?;
            let mut pc = content.course;
            let c = &pc.course;
            let ids: Vec<&str> = c
                .modules
                .iter()
                .map(|m| m.id.as_str())
                .chain(c.lessons().map(|l| l.id.as_str()))
                .chain(pc.media.iter().map(|m| m.id.as_str()))
                .collect();
            if rows::load_course(tx, course_id)?.is_some()
                || prows::ids_used_elsewhere(tx, course_id, &ids)?
            {
                return Err(Error::BinRestoreIdsInUse { slug: c.slug.clone() });
            }
            if rows::slug_exists(tx, &pc.course.slug)? {
                pc.course.slug = import::free_slug(tx, &format!("{}-reposto", pc.course.slug))?;
            }
            import::insert_new(tx, &pc)?;
            if let Some(i) = content.import {
                prows::upsert_import(
                    tx,
                    &ImportRecord {
                        course_id: course_id.to_string(),
                        origin_fingerprint: i.origin_fingerprint,
                        origin_course_id: i.origin_course_id,
                        package_revision: i.package_revision,
                        local_revision: i.local_revision,
                    },
                    &now(),
                )?;
            }
            for (revision, reason, saved_at, content) in &content.revisions {
                prows::save_revision(tx, course_id, *revision, reason, saved_at, content)?;
            }
            tx.execute("DELETE FROM course_bin WHERE course_id = ?1", [course_id])?;
            Ok(pc.course)
        })
    }

    /// Empties the bin: the courses in it are gone for good (their media
    /// bytes go at the next `gc`). Returns how many were removed.
    pub fn empty_bin(&mut self) -> Result<usize> {
        self.write(|tx| Ok(tx.execute("DELETE FROM course_bin", [])?))
    }
}

/// The blobs a media item of a saved course needs: its bytes and, when it
/// is a prepared video, its original and poster (kept by `gc` while binned).
fn blobs_of(m: &PackageMedia) -> Vec<String> {
    let mut out = vec![m.sha256.clone()];
    if let Some(p) = &m.prepared {
        out.extend(p.poster.as_ref().map(|p| p.sha256.clone()));
        if let Some(l) = &p.local {
            out.push(l.original_sha256.clone());
            out.extend(l.poster_sha256.clone());
        }
    }
    out
}

fn binned(conn: &Connection) -> Result<Vec<BinnedCourse>> {
    let mut stmt = conn.prepare_cached(
        "SELECT course_id, slug, title_pt, title_en, deleted_at FROM course_bin
          ORDER BY deleted_at DESC, slug",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(BinnedCourse {
            course_id: r.get(0)?,
            slug: r.get(1)?,
            title: Bilingual { pt: r.get(2)?, en: r.get(3)?, source_hash: None },
            deleted_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn revisions_with_content(
    conn: &Connection,
    course_id: &str,
) -> Result<Vec<(i64, String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT revision, reason, saved_at, content FROM course_revisions
          WHERE course_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([course_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
