//! SQL of packages: where imported courses came from, the revisions an
//! import replaced, and reading a video's caption rows whole (the media
//! module reads only the WebVTT text).

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::model::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub course_id: String,
    pub origin_fingerprint: String,
    pub origin_course_id: String,
    pub package_revision: i64,
    pub local_revision: i64,
}

pub fn import_record(conn: &Connection, course_id: &str) -> Result<Option<ImportRecord>> {
    Ok(conn
        .query_row(
            "SELECT course_id, origin_fingerprint, origin_course_id, package_revision, local_revision
               FROM course_imports WHERE course_id = ?1",
            [course_id],
            |r| {
                Ok(ImportRecord {
                    course_id: r.get(0)?,
                    origin_fingerprint: r.get(1)?,
                    origin_course_id: r.get(2)?,
                    package_revision: r.get(3)?,
                    local_revision: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// A copy made here of exactly this package (same signer, course and
/// revision), when one is still in the library.
pub fn copy_of_import(
    conn: &Connection,
    fingerprint: &str,
    origin_course_id: &str,
    package_revision: i64,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT course_id FROM course_imports
              WHERE origin_fingerprint = ?1 AND origin_course_id = ?2 AND package_revision = ?3
                AND course_id != origin_course_id
              ORDER BY imported_at DESC LIMIT 1",
            params![fingerprint, origin_course_id, package_revision],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether the course's current revision is the result of a restore (the
/// newest saved revision is the one a restore replaced, just below it).
pub fn just_restored(conn: &Connection, course_id: &str, revision: i64) -> Result<bool> {
    let last: Option<(String, i64)> = conn
        .query_row(
            "SELECT reason, revision FROM course_revisions WHERE course_id = ?1 ORDER BY id DESC LIMIT 1",
            [course_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(last.is_some_and(|(reason, saved)| reason == "restore" && saved + 1 == revision))
}

pub fn upsert_import(conn: &Connection, record: &ImportRecord, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO course_imports (course_id, origin_fingerprint, origin_course_id, package_revision, local_revision, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (course_id) DO UPDATE SET origin_fingerprint = excluded.origin_fingerprint,
             origin_course_id = excluded.origin_course_id, package_revision = excluded.package_revision,
             local_revision = excluded.local_revision, imported_at = excluded.imported_at",
        params![
            record.course_id, record.origin_fingerprint, record.origin_course_id,
            record.package_revision, record.local_revision, now
        ],
    )?;
    Ok(())
}

pub fn save_revision(
    conn: &Connection,
    course_id: &str,
    revision: i64,
    reason: &str,
    now: &str,
    content: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO course_revisions (course_id, revision, reason, saved_at, content) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![course_id, revision, reason, now, content],
    )?;
    Ok(())
}

/// `(revision, reason, saved_at)` of every saved revision of a course, oldest first.
pub fn revisions(conn: &Connection, course_id: &str) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT revision, reason, saved_at FROM course_revisions WHERE course_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([course_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn revision_content(
    conn: &Connection,
    course_id: &str,
    revision: i64,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT content FROM course_revisions WHERE course_id = ?1 AND revision = ?2 ORDER BY id DESC LIMIT 1",
            params![course_id, revision],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether any of `ids` is a module, lesson or media id of a course other than `course_id`.
pub fn ids_used_elsewhere(conn: &Connection, course_id: &str, ids: &[&str]) -> Result<bool> {
    let mut module = conn.prepare_cached("SELECT course_id FROM modules WHERE id = ?1")?;
    let mut lesson = conn.prepare_cached(
        "SELECT m.course_id FROM lessons l JOIN modules m ON m.id = l.module_id WHERE l.id = ?1",
    )?;
    let mut media = conn.prepare_cached("SELECT course_id FROM media WHERE id = ?1")?;
    for id in ids {
        for stmt in [&mut module, &mut lesson, &mut media] {
            let owner: Option<String> = stmt.query_row([id], |r| r.get(0)).optional()?;
            if owner.is_some_and(|o| o != course_id) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// `(lang, vtt, cues, source_name)` of every caption track of a media item.
pub fn captions_of(conn: &Connection, media_id: &str) -> Result<Vec<(Lang, String, u32, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT lang, vtt, cues, source_name FROM media_captions WHERE media_id = ?1 ORDER BY lang",
    )?;
    let rows = stmt.query_map([media_id], |r| {
        let lang: String = r.get(0)?;
        Ok((Lang::parse(&lang).unwrap_or(Lang::Pt), r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Removes every media row of a course (import replaces the list whole).
pub fn delete_course_media(conn: &Connection, course_id: &str) -> Result<()> {
    conn.execute("DELETE FROM media WHERE course_id = ?1", [course_id])?;
    Ok(())
}

/// Removes every module (and so every lesson) of a course.
pub fn delete_course_modules(conn: &Connection, course_id: &str) -> Result<()> {
    conn.execute("DELETE FROM modules WHERE course_id = ?1", [course_id])?;
    Ok(())
}
