//! SQL of sign-language interpretation: `media_interpreters` (a video's
//! interpreter per language, `all` for both) and `course_sign_language`
//! (the courses that need interpretation). Links are stored by id and
//! handed out by name, as lessons and packages name media.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::Interpreter;
use crate::error::Result;
use crate::model::Lang;

fn lang_code(lang: Option<Lang>) -> &'static str {
    lang.map(|l| l.code()).unwrap_or("all")
}

/// The interpreters of every video of a course, by the video's media id.
pub fn of_course(conn: &Connection, course_id: &str) -> Result<HashMap<String, Vec<Interpreter>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.media_id, l.lang, i.name, l.offset_ms
           FROM media_interpreters l JOIN media m ON m.id = l.media_id
           JOIN media i ON i.id = l.interpreter_id
          WHERE m.course_id = ?1 ORDER BY l.media_id, l.lang",
    )?;
    let rows = stmt.query_map([course_id], |r| {
        let lang: String = r.get(1)?;
        Ok((
            r.get::<_, String>(0)?,
            Interpreter { lang: Lang::parse(&lang), media: r.get(2)?, offset_ms: r.get(3)? },
        ))
    })?;
    let mut out: HashMap<String, Vec<Interpreter>> = HashMap::new();
    for row in rows {
        let (media_id, link) = row?;
        out.entry(media_id).or_default().push(link);
    }
    Ok(out)
}

/// Links `interpreter_id` to `media_id` for `lang` (`None`: both, which
/// replaces the per-language links).
pub fn set(
    conn: &Connection,
    media_id: &str,
    lang: Option<Lang>,
    interpreter_id: &str,
    offset_ms: i64,
) -> Result<()> {
    if lang.is_none() {
        conn.execute("DELETE FROM media_interpreters WHERE media_id = ?1", [media_id])?;
    }
    conn.execute(
        "INSERT INTO media_interpreters (media_id, lang, interpreter_id, offset_ms) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (media_id, lang) DO UPDATE SET interpreter_id = excluded.interpreter_id,
             offset_ms = excluded.offset_ms",
        params![media_id, lang_code(lang), interpreter_id, offset_ms],
    )?;
    Ok(())
}

/// Removes the link of `lang` (`None`: every link of the video).
pub fn remove(conn: &Connection, media_id: &str, lang: Option<Lang>) -> Result<bool> {
    let n = match lang {
        None => conn.execute("DELETE FROM media_interpreters WHERE media_id = ?1", [media_id])?,
        Some(l) => conn.execute(
            "DELETE FROM media_interpreters WHERE media_id = ?1 AND lang = ?2",
            params![media_id, l.code()],
        )?,
    };
    Ok(n > 0)
}

pub fn required(conn: &Connection, course_id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM course_sign_language WHERE course_id = ?1")?
        .query_row([course_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Whether anything changed.
pub fn set_required(conn: &Connection, course_id: &str, required: bool) -> Result<bool> {
    let n = if required {
        conn.execute(
            "INSERT OR IGNORE INTO course_sign_language (course_id) VALUES (?1)",
            [course_id],
        )?
    } else {
        conn.execute("DELETE FROM course_sign_language WHERE course_id = ?1", [course_id])?
    };
    Ok(n > 0)
}

/// Links of a course copied to its duplicate (media matched by name) and
/// the course's setting with them.
pub fn copy_course(conn: &Connection, from_course: &str, to_course: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO media_interpreters (media_id, lang, interpreter_id, offset_ms)
         SELECT nm.id, l.lang, ni.id, l.offset_ms
           FROM media_interpreters l
           JOIN media om ON om.id = l.media_id
           JOIN media oi ON oi.id = l.interpreter_id
           JOIN media nm ON nm.course_id = ?2 AND nm.name = om.name
           JOIN media ni ON ni.course_id = ?2 AND ni.name = oi.name
          WHERE om.course_id = ?1",
        params![from_course, to_course],
    )?;
    if required(conn, from_course)? {
        set_required(conn, to_course, true)?;
    }
    Ok(())
}
