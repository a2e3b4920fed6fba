//! Every SQL statement on the results tables (migration 0008).

use rusqlite::types::{Type, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};

use super::parse::{LearnerIn, LessonIn, ParsedAttempt, ParsedFile};
use crate::error::Result;

pub(crate) fn course_exists(conn: &Connection, course_id: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM courses WHERE id = ?1", [course_id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(crate) fn file_imported(conn: &Connection, sha256: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM results_files WHERE sha256 = ?1", [sha256], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(crate) fn insert_file(conn: &Connection, f: &ParsedFile, imported_at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO results_files (sha256, course_id, device_id, scope, saved_at, file_name, \
         imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![f.sha256, f.course_id, f.device_id, f.scope, f.saved_at, f.file_name, imported_at],
    )?;
    Ok(())
}

pub(crate) fn upsert_device(conn: &Connection, id: &str, saved_at: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO results_devices (id, first_seen, last_seen) VALUES (?1, ?2, ?2) \
         ON CONFLICT (id) DO UPDATE SET first_seen = min(first_seen, ?2), \
         last_seen = max(last_seen, ?2)",
        params![id, saved_at],
    )?;
    Ok(())
}

pub(crate) fn is_deleted(conn: &Connection, course_id: &str, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM results_deleted_learners WHERE course_id = ?1 AND id = ?2")?
        .query_row([course_id, id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Adds the learner, or takes the name and group of the newer file; true
/// when the learner is new.
pub(crate) fn upsert_learner(
    conn: &Connection,
    course_id: &str,
    device_id: &str,
    saved_at: &str,
    l: &LearnerIn,
) -> Result<bool> {
    let changed = conn
        .prepare_cached(
            "INSERT INTO results_learners (course_id, id, device_id, name, grp, created_at, \
             seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
        )?
        .execute(params![course_id, l.id, device_id, l.name, l.group, l.created_at, saved_at])?;
    if changed == 0 {
        conn.prepare_cached(
            "UPDATE results_learners SET name = ?3, grp = ?4, seen_at = ?5, \
             created_at = min(created_at, ?6) WHERE course_id = ?1 AND id = ?2 AND seen_at <= ?5",
        )?
        .execute(params![course_id, l.id, l.name, l.group, saved_at, l.created_at])?;
    }
    Ok(changed == 1)
}

pub(crate) fn upsert_lesson(conn: &Connection, course_id: &str, l: &LessonIn) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO results_lessons (course_id, learner_id, lesson_id, opened_at, completed_at, \
         seconds) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
         ON CONFLICT DO UPDATE SET opened_at = min(opened_at, excluded.opened_at), \
         completed_at = CASE WHEN completed_at IS NULL THEN excluded.completed_at \
           WHEN excluded.completed_at IS NULL THEN completed_at \
           ELSE min(completed_at, excluded.completed_at) END, \
         seconds = max(seconds, excluded.seconds)",
    )?
    .execute(params![
        course_id,
        l.learner,
        l.lesson,
        l.opened_at,
        l.completed_at,
        l.seconds
    ])?;
    Ok(())
}

pub(crate) fn attempt_hash(conn: &Connection, course_id: &str, id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT content_sha256 FROM results_attempts WHERE course_id = ?1 AND id = ?2",
        )?
        .query_row([course_id, id], |r| r.get(0))
        .optional()?)
}

/// The number of a question in a course's dictionary, added if new.
pub(crate) fn question_number(
    conn: &Connection,
    course_id: &str,
    lesson_id: &str,
    question_id: &str,
) -> Result<u32> {
    let found: Option<u32> = conn
        .prepare_cached(
            "SELECT number FROM results_questions WHERE course_id = ?1 AND lesson_id = ?2 \
             AND question_id = ?3",
        )?
        .query_row([course_id, lesson_id, question_id], |r| r.get(0))
        .optional()?;
    if let Some(n) = found {
        return Ok(n);
    }
    let next: u32 = conn.query_row(
        "SELECT coalesce(max(number) + 1, 0) FROM results_questions WHERE course_id = ?1",
        [course_id],
        |r| r.get(0),
    )?;
    conn.prepare_cached(
        "INSERT INTO results_questions (course_id, number, lesson_id, question_id) \
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![course_id, next, lesson_id, question_id])?;
    Ok(next)
}

pub(crate) fn insert_attempt(
    conn: &Connection,
    course_id: &str,
    revision: i64,
    a: &ParsedAttempt,
    marks: &[u8],
) -> Result<()> {
    let t = &a.attempt;
    conn.prepare_cached(
        "INSERT INTO results_attempts (course_id, id, learner_id, lesson_id, course_revision, \
         started_at, finished_at, lang, score, max_score, passed, answers, marks, content_sha256) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        course_id,
        t.id,
        t.learner,
        t.lesson,
        revision,
        t.started_at,
        t.finished_at,
        t.lang,
        t.score,
        t.max_score,
        t.passed,
        a.answers_json,
        marks,
        a.content_sha256
    ])?;
    Ok(())
}

/// A learner row as stored.
pub(crate) struct LearnerRow {
    pub id: String,
    pub name: Option<String>,
    pub group: Option<String>,
    pub device_id: String,
    pub created_at: String,
    pub merged_into: Option<String>,
}

pub(crate) fn learners(conn: &Connection, course_id: &str) -> Result<Vec<LearnerRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, grp, device_id, created_at, merged_into FROM results_learners \
         WHERE course_id = ?1 ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([course_id], |r| {
        Ok(LearnerRow {
            id: r.get(0)?,
            name: r.get(1)?,
            group: r.get(2)?,
            device_id: r.get(3)?,
            created_at: r.get(4)?,
            merged_into: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A lesson row as stored, borrowed from the statement (no copies).
pub(crate) struct LessonRow<'a> {
    pub learner: &'a str,
    pub lesson: &'a str,
    pub opened_at: &'a str,
    pub completed_at: Option<&'a str>,
    pub seconds: i64,
}

fn text<'a>(row: &'a rusqlite::Row, i: usize) -> rusqlite::Result<&'a str> {
    match row.get_ref(i)? {
        ValueRef::Text(t) => std::str::from_utf8(t)
            .map_err(|_| rusqlite::Error::InvalidColumnType(i, String::new(), Type::Text)),
        _ => Err(rusqlite::Error::InvalidColumnType(i, String::new(), Type::Text)),
    }
}

/// Calls `f` with every lesson row of the course.
pub(crate) fn each_lesson(
    conn: &Connection,
    course_id: &str,
    mut f: impl FnMut(LessonRow<'_>),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT learner_id, lesson_id, opened_at, completed_at, seconds FROM results_lessons \
         WHERE course_id = ?1",
    )?;
    let mut rows = stmt.query([course_id])?;
    while let Some(r) = rows.next()? {
        let completed_at = match r.get_ref(3)? {
            ValueRef::Null => None,
            _ => Some(text(r, 3)?),
        };
        f(LessonRow {
            learner: text(r, 0)?,
            lesson: text(r, 1)?,
            opened_at: text(r, 2)?,
            completed_at,
            seconds: r.get(4)?,
        });
    }
    Ok(())
}

/// An attempt as the export and the learners list read it, borrowed from
/// the statement; read from the covering index `results_attempts_figures`.
pub(crate) struct AttemptRow<'a> {
    pub learner: &'a str,
    pub lesson: &'a str,
    pub finished_at: &'a str,
    pub score: u32,
    pub max_score: u32,
    pub passed: bool,
}

/// Calls `f` with every attempt of the course.
pub(crate) fn each_attempt(
    conn: &Connection,
    course_id: &str,
    mut f: impl FnMut(AttemptRow<'_>),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT learner_id, lesson_id, finished_at, score, max_score, passed \
         FROM results_attempts INDEXED BY results_attempts_figures WHERE course_id = ?1",
    )?;
    let mut rows = stmt.query([course_id])?;
    while let Some(r) = rows.next()? {
        f(AttemptRow {
            learner: text(r, 0)?,
            lesson: text(r, 1)?,
            finished_at: text(r, 2)?,
            score: r.get(3)?,
            max_score: r.get(4)?,
            passed: r.get(5)?,
        });
    }
    Ok(())
}

/// A lesson row as bytes, borrowed from the statement: what the dashboard's
/// snapshot reads (no UTF-8 check, no copy; ids are compared as bytes).
pub(crate) struct RawLessonRow<'a> {
    pub learner: &'a [u8],
    pub lesson: &'a [u8],
    pub opened_at: &'a [u8],
    pub completed_at: Option<&'a [u8]>,
    pub seconds: i64,
}

fn bytes<'a>(row: &'a rusqlite::Row, i: usize) -> rusqlite::Result<&'a [u8]> {
    match row.get_ref(i)? {
        ValueRef::Text(t) | ValueRef::Blob(t) => Ok(t),
        _ => Err(rusqlite::Error::InvalidColumnType(i, String::new(), Type::Text)),
    }
}

/// Calls `f` with every lesson row of the course, grouped by learner.
pub(crate) fn scan_lessons(
    conn: &Connection,
    course_id: &str,
    mut f: impl FnMut(RawLessonRow<'_>),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT learner_id, lesson_id, opened_at, completed_at, seconds FROM results_lessons \
         WHERE course_id = ?1 ORDER BY course_id, learner_id, lesson_id",
    )?;
    let mut rows = stmt.query([course_id])?;
    while let Some(r) = rows.next()? {
        let completed_at = match r.get_ref(3)? {
            ValueRef::Null => None,
            _ => Some(bytes(r, 3)?),
        };
        f(RawLessonRow {
            learner: bytes(r, 0)?,
            lesson: bytes(r, 1)?,
            opened_at: bytes(r, 2)?,
            completed_at,
            seconds: r.get(4)?,
        });
    }
    Ok(())
}

/// An attempt as bytes (see [`RawLessonRow`]).
pub(crate) struct RawAttemptRow<'a> {
    pub learner: &'a [u8],
    pub lesson: &'a [u8],
    pub finished_at: &'a [u8],
    pub course_revision: i64,
    pub lang_en: bool,
    pub score: u32,
    pub max_score: u32,
    pub passed: bool,
    pub marks: &'a [u8],
}

/// Calls `f` with every attempt of the course, grouped by learner, from the
/// covering index `results_attempts_figures`.
pub(crate) fn scan_attempts(
    conn: &Connection,
    course_id: &str,
    mut f: impl FnMut(RawAttemptRow<'_>),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT learner_id, lesson_id, finished_at, lang = 'en', score, max_score, passed, marks, \
         course_revision FROM results_attempts INDEXED BY results_attempts_figures \
         WHERE course_id = ?1 ORDER BY course_id, learner_id",
    )?;
    let mut rows = stmt.query([course_id])?;
    while let Some(r) = rows.next()? {
        let marks = match r.get_ref(7)? {
            ValueRef::Blob(b) => b,
            _ => &[],
        };
        f(RawAttemptRow {
            learner: bytes(r, 0)?,
            lesson: bytes(r, 1)?,
            finished_at: bytes(r, 2)?,
            lang_en: r.get(3)?,
            score: r.get(4)?,
            max_score: r.get(5)?,
            passed: r.get(6)?,
            marks,
            course_revision: r.get(8)?,
        });
    }
    Ok(())
}

/// The question dictionary of a course: `(number, lesson id, question id)`.
pub(crate) fn questions(conn: &Connection, course_id: &str) -> Result<Vec<(u32, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, lesson_id, question_id FROM results_questions WHERE course_id = ?1",
    )?;
    let rows = stmt.query_map([course_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Counts `merged` (and those merged into it) as `kept` from now on.
pub(crate) fn merge(
    conn: &Connection,
    course_id: &str,
    kept: &str,
    merged: &str,
    at: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE results_learners SET merged_into = ?2 WHERE course_id = ?1 \
         AND (id = ?3 OR merged_into = ?3)",
        params![course_id, kept, merged],
    )?;
    conn.execute(
        "INSERT INTO results_merges (course_id, kept, merged, merged_at) VALUES (?1, ?2, ?3, ?4)",
        params![course_id, kept, merged, at],
    )?;
    Ok(())
}

/// Deletes a learner with everything merged into it (their lessons and
/// attempts go by cascade) and remembers the ids; returns them.
pub(crate) fn delete(
    conn: &Connection,
    course_id: &str,
    learner: &str,
    at: &str,
) -> Result<Vec<String>> {
    let ids: Vec<String> = conn
        .prepare(
            "SELECT id FROM results_learners WHERE course_id = ?1 AND (id = ?2 OR merged_into = ?2)",
        )?
        .query_map([course_id, learner], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        conn.execute(
            "INSERT OR REPLACE INTO results_deleted_learners (course_id, id, deleted_at) \
             VALUES (?1, ?2, ?3)",
            params![course_id, id, at],
        )?;
        conn.execute(
            "DELETE FROM results_learners WHERE course_id = ?1 AND id = ?2",
            params![course_id, id],
        )?;
    }
    conn.execute(
        "DELETE FROM results_merges WHERE course_id = ?1 AND (kept = ?2 OR merged = ?2)",
        params![course_id, learner],
    )?;
    Ok(ids)
}
