//! Rows <-> model types. Every SQL statement that reads or writes a course,
//! module or lesson lives here, so the column layout is known in one file.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::packed_text::{pack, PackedText};
use crate::error::{Error, Result};
use crate::model::{Bilingual, Course, CourseSummary, Lang, Lesson, Module, Quiz};

fn bilingual(row: &Row, name: &str) -> rusqlite::Result<Bilingual> {
    Ok(Bilingual {
        pt: row.get(format!("{name}_pt").as_str())?,
        en: row.get(format!("{name}_en").as_str())?,
        source_hash: row.get(format!("{name}_hash").as_str())?,
    })
}

/// A bilingual field whose two texts are stored deflated (lesson bodies
/// and notes, migration 0011; see `packed_text`).
fn packed_bilingual(row: &Row, name: &str) -> rusqlite::Result<Bilingual> {
    let text = |lang: &str| -> rusqlite::Result<String> {
        Ok(row.get::<_, PackedText>(format!("{name}_{lang}").as_str())?.0)
    };
    Ok(Bilingual {
        pt: text("pt")?,
        en: text("en")?,
        source_hash: row.get(format!("{name}_hash").as_str())?,
    })
}

fn lang(row: &Row, name: &str) -> rusqlite::Result<Lang> {
    let code: String = row.get(name)?;
    Lang::parse(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, code.into())
    })
}

fn json_column<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

const COURSE_COLUMNS: &str = "id, slug, revision, source_lang, title_pt, title_en, title_hash, \
     summary_pt, summary_en, summary_hash, organisation, licence, topics, created_at, updated_at, derived_from";

fn course_row(row: &Row) -> rusqlite::Result<Course> {
    Ok(Course {
        id: row.get("id")?,
        slug: row.get("slug")?,
        revision: row.get("revision")?,
        source_lang: lang(row, "source_lang")?,
        title: bilingual(row, "title")?,
        summary: bilingual(row, "summary")?,
        organisation: row.get("organisation")?,
        licence: row.get("licence")?,
        topics: json_column(&row.get::<_, String>("topics")?)?,
        created_at: row.get("created_at")?,
        updated_at: row.get("updated_at")?,
        derived_from: row.get("derived_from")?,
        modules: Vec::new(),
    })
}

fn lesson_row(row: &Row) -> rusqlite::Result<Lesson> {
    let quiz: Option<String> = row.get("quiz")?;
    Ok(Lesson {
        id: row.get("id")?,
        title: bilingual(row, "title")?,
        body: packed_bilingual(row, "body")?,
        notes: packed_bilingual(row, "notes")?,
        minutes: row.get("minutes")?,
        quiz: quiz.map(|q| json_column::<Quiz>(&q)).transpose()?,
    })
}

/// The whole course tree, or `None` when no course has this id.
pub fn load_course(conn: &Connection, id: &str) -> Result<Option<Course>> {
    let course = conn
        .query_row(&format!("SELECT {COURSE_COLUMNS} FROM courses WHERE id = ?1"), [id], course_row)
        .optional()?;
    let Some(mut course) = course else { return Ok(None) };
    let mut modules = conn.prepare_cached(
        "SELECT id, title_pt, title_en, title_hash FROM modules WHERE course_id = ?1 ORDER BY position",
    )?;
    let mut lessons =
        conn.prepare_cached("SELECT * FROM lessons WHERE module_id = ?1 ORDER BY position")?;
    let rows = modules.query_map([id], |r| {
        Ok(Module { id: r.get("id")?, title: bilingual(r, "title")?, lessons: Vec::new() })
    })?;
    for module in rows {
        let mut module = module?;
        module.lessons =
            lessons.query_map([&module.id], lesson_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        course.modules.push(module);
    }
    Ok(Some(course))
}

/// One lesson, without loading its course (the preview asks for one lesson
/// at every pause in typing).
pub fn load_lesson(conn: &Connection, id: &str) -> Result<Option<Lesson>> {
    Ok(conn
        .prepare_cached("SELECT * FROM lessons WHERE id = ?1")?
        .query_row([id], lesson_row)
        .optional()?)
}

pub fn list_courses(conn: &Connection) -> Result<Vec<CourseSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.slug, c.revision, c.source_lang, c.title_pt, c.title_en, c.title_hash,
                c.organisation, c.updated_at,
                (SELECT count(*) FROM modules m WHERE m.course_id = c.id) AS module_count,
                (SELECT count(*) FROM lessons l JOIN modules m ON l.module_id = m.id
                  WHERE m.course_id = c.id) AS lesson_count
           FROM courses c
          ORDER BY c.updated_at DESC, c.slug",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(CourseSummary {
            id: r.get("id")?,
            slug: r.get("slug")?,
            revision: r.get("revision")?,
            source_lang: lang(r, "source_lang")?,
            title: bilingual(r, "title")?,
            organisation: r.get("organisation")?,
            updated_at: r.get("updated_at")?,
            module_count: r.get("module_count")?,
            lesson_count: r.get("lesson_count")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Ids and slugs of every course, for name resolution.
pub fn course_keys(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, slug FROM courses ORDER BY slug")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn slug_exists(conn: &Connection, slug: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM courses WHERE slug = ?1", [slug], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn course_of_module(conn: &Connection, module_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT course_id FROM modules WHERE id = ?1", [module_id], |r| r.get(0))
        .optional()?)
}

pub fn course_of_lesson(conn: &Connection, lesson_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT m.course_id FROM lessons l JOIN modules m ON l.module_id = m.id WHERE l.id = ?1",
            [lesson_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Inserts a course with all its modules and lessons, in the given order.
pub fn insert_course_tree(conn: &Connection, course: &Course) -> Result<()> {
    let topics =
        serde_json::to_string(&course.topics).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        &format!("INSERT INTO courses ({COURSE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"),
        params![
            course.id, course.slug, course.revision, course.source_lang.code(),
            course.title.pt, course.title.en, course.title.source_hash,
            course.summary.pt, course.summary.en, course.summary.source_hash,
            course.organisation, course.licence, topics, course.created_at, course.updated_at,
            course.derived_from,
        ],
    )?;
    for (position, module) in course.modules.iter().enumerate() {
        insert_module(conn, &course.id, position, module)?;
        for (lesson_position, lesson) in module.lessons.iter().enumerate() {
            insert_lesson(conn, &module.id, lesson_position, lesson)?;
        }
    }
    Ok(())
}

pub fn insert_module(
    conn: &Connection,
    course_id: &str,
    position: usize,
    module: &Module,
) -> Result<()> {
    conn.execute(
        "INSERT INTO modules (id, course_id, position, title_pt, title_en, title_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            module.id,
            course_id,
            position as i64,
            module.title.pt,
            module.title.en,
            module.title.source_hash
        ],
    )?;
    Ok(())
}

pub fn insert_lesson(
    conn: &Connection,
    module_id: &str,
    position: usize,
    lesson: &Lesson,
) -> Result<()> {
    conn.execute(
        "INSERT INTO lessons (id, module_id, position) VALUES (?1, ?2, ?3)",
        params![lesson.id, module_id, position as i64],
    )?;
    update_lesson(conn, lesson)
}

/// Writes every column of the course row except id and created_at.
pub fn update_course_row(conn: &Connection, course: &Course) -> Result<()> {
    let topics =
        serde_json::to_string(&course.topics).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "UPDATE courses SET slug = ?2, revision = ?3, source_lang = ?4,
             title_pt = ?5, title_en = ?6, title_hash = ?7,
             summary_pt = ?8, summary_en = ?9, summary_hash = ?10,
             organisation = ?11, licence = ?12, topics = ?13, updated_at = ?14, derived_from = ?15
         WHERE id = ?1",
        params![
            course.id,
            course.slug,
            course.revision,
            course.source_lang.code(),
            course.title.pt,
            course.title.en,
            course.title.source_hash,
            course.summary.pt,
            course.summary.en,
            course.summary.source_hash,
            course.organisation,
            course.licence,
            topics,
            course.updated_at,
            course.derived_from,
        ],
    )?;
    Ok(())
}

pub fn update_module_row(conn: &Connection, module: &Module) -> Result<()> {
    conn.execute(
        "UPDATE modules SET title_pt = ?2, title_en = ?3, title_hash = ?4 WHERE id = ?1",
        params![module.id, module.title.pt, module.title.en, module.title.source_hash],
    )?;
    Ok(())
}

pub fn update_lesson(conn: &Connection, lesson: &Lesson) -> Result<()> {
    let quiz = lesson
        .quiz
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "UPDATE lessons SET title_pt = ?2, title_en = ?3, title_hash = ?4,
             body_pt = ?5, body_en = ?6, body_hash = ?7,
             notes_pt = ?8, notes_en = ?9, notes_hash = ?10, minutes = ?11, quiz = ?12
         WHERE id = ?1",
        params![
            lesson.id,
            lesson.title.pt,
            lesson.title.en,
            lesson.title.source_hash,
            pack(&lesson.body.pt),
            pack(&lesson.body.en),
            lesson.body.source_hash,
            pack(&lesson.notes.pt),
            pack(&lesson.notes.en),
            lesson.notes.source_hash,
            lesson.minutes,
            quiz,
        ],
    )?;
    Ok(())
}

/// Rewrites the positions of modules of a course (or lessons of a module) to
/// follow `ids` in order.
pub fn set_positions(conn: &Connection, table: Table, ids: &[String]) -> Result<()> {
    let sql = match table {
        Table::Modules => "UPDATE modules SET position = ?2 WHERE id = ?1",
        Table::Lessons => "UPDATE lessons SET position = ?2 WHERE id = ?1",
    };
    let mut stmt = conn.prepare_cached(sql)?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute(params![id, position as i64])?;
    }
    Ok(())
}

pub fn move_lesson_to_module(conn: &Connection, lesson_id: &str, module_id: &str) -> Result<()> {
    conn.execute("UPDATE lessons SET module_id = ?2 WHERE id = ?1", params![lesson_id, module_id])?;
    Ok(())
}

/// The tables whose rows have a position (`set_positions`).
#[derive(Clone, Copy)]
pub enum Table {
    Modules,
    Lessons,
}

/// Deletes a course with everything that belongs to it (`ON DELETE
/// CASCADE`); false when there was none.
pub fn delete_course(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.execute("DELETE FROM courses WHERE id = ?1", [id])? > 0)
}

/// Deletes a module with its lessons.
pub fn delete_module(conn: &Connection, id: &str) -> Result<()> {
    conn.execute("DELETE FROM modules WHERE id = ?1", [id])?;
    Ok(())
}

pub fn delete_lesson(conn: &Connection, id: &str) -> Result<()> {
    conn.execute("DELETE FROM lessons WHERE id = ?1", [id])?;
    Ok(())
}
