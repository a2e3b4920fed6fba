//! Full-text search over both languages.
//!
//! The index holds one document per (course/module/lesson, language). It is
//! rebuilt for a course inside the same transaction as every change to that
//! course, so search can never disagree with what is saved.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{Bilingual, Course, Lang};

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub course_id: String,
    pub course_slug: String,
    /// `course`, `module` or `lesson`.
    pub owner_kind: String,
    pub owner_id: String,
    /// The language whose text matched.
    pub lang: Lang,
    /// Title of the matching course, module or lesson in that language.
    pub title: String,
    /// A short extract with the matching words between `**`.
    pub snippet: String,
}

pub fn reindex_course(conn: &Connection, course: &Course) -> Result<()> {
    conn.execute("DELETE FROM search_docs WHERE course_id = ?1", [&course.id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO search_docs (course_id, owner_kind, owner_id, lang, title, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for lang in Lang::ALL {
        let mut add = |kind: &str, id: &str, title: &Bilingual, body: String| -> Result<()> {
            let title = title.get(lang);
            if title.trim().is_empty() && body.trim().is_empty() {
                return Ok(());
            }
            insert.execute(params![course.id, kind, id, lang.code(), title, body])?;
            Ok(())
        };
        add("course", &course.id, &course.title, course.summary.get(lang).to_string())?;
        for module in &course.modules {
            add("module", &module.id, &module.title, String::new())?;
            for lesson in &module.lessons {
                let mut body = format!("{}\n\n{}", lesson.body.get(lang), lesson.notes.get(lang));
                if let Some(quiz) = &lesson.quiz {
                    for text in quiz.texts() {
                        body.push('\n');
                        body.push_str(text.get(lang));
                    }
                }
                add("lesson", &lesson.id, &lesson.title, body)?;
            }
        }
    }
    Ok(())
}

/// Turns what a person typed into an FTS5 query: every word must appear,
/// each as a prefix ("educa" finds "educação"). Operators and quotes typed by
/// the person are treated as text, never as query syntax.
pub fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| format!("\"{t}\"*"))
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

pub fn search(conn: &Connection, input: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(query) = fts_query(input) else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached(
        "SELECT d.course_id, c.slug, d.owner_kind, d.owner_id, d.lang, d.title,
                snippet(search_fts, -1, '**', '**', '…', 12)
           FROM search_fts
           JOIN search_docs d ON d.rowid = search_fts.rowid
           JOIN courses c ON c.id = d.course_id
          WHERE search_fts MATCH ?1
          ORDER BY bm25(search_fts, 5.0, 1.0)
          LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![query, limit as i64], |r| {
        let lang: String = r.get(4)?;
        Ok(SearchHit {
            course_id: r.get(0)?,
            course_slug: r.get(1)?,
            owner_kind: r.get(2)?,
            owner_id: r.get(3)?,
            lang: Lang::parse(&lang).unwrap_or(Lang::Pt),
            title: r.get(5)?,
            snippet: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn query_syntax_typed_by_a_person_is_text() {
        assert_eq!(fts_query("educação cívica").unwrap(), "\"educação\"* \"cívica\"*");
        assert_eq!(fts_query("a\" OR NEAR(b").unwrap(), "\"a\"* \"OR\"* \"NEAR\"* \"b\"*");
        assert_eq!(fts_query("  -- "), None);
    }
}
