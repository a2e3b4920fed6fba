//! Full-text search over both languages.
//!
//! The index holds one document per (course/module/lesson, language). It is
//! updated inside the same transaction as every change to a course (only
//! the documents the change touched; the whole course when it is new or
//! replaced), so search can never disagree with what is saved.
//!
//! The FTS5 table is contentless: it stores the index, not the text (which
//! would double the library's size). `search_docs` maps each index row to
//! the course, module or lesson it was built from; the few rows shown are
//! read back from there to cut snippets. Deleting a `search_docs` row
//! deletes its index row (a trigger; `contentless_delete`).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{Bilingual, Course, Lang, Lesson};
use crate::store::rows;

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

/// One indexed document: a course, module or lesson in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Document {
    kind: &'static str,
    owner_id: String,
    lang: Lang,
    title: String,
    body: String,
}

impl Document {
    fn key(&self) -> (&'static str, &str, Lang) {
        (self.kind, &self.owner_id, self.lang)
    }
}

/// Every document of a course, in course order; blank ones are left out.
fn documents(course: &Course) -> Vec<Document> {
    let mut docs = Vec::new();
    for lang in Lang::ALL {
        let mut add = |kind: &'static str, id: &str, title: &Bilingual, body: String| {
            let title = title.get(lang);
            if !(title.trim().is_empty() && body.trim().is_empty()) {
                docs.push(Document {
                    kind,
                    owner_id: id.to_string(),
                    lang,
                    title: title.to_string(),
                    body,
                });
            }
        };
        add("course", &course.id, &course.title, course.summary.get(lang).to_string());
        for module in &course.modules {
            add("module", &module.id, &module.title, String::new());
            for lesson in &module.lessons {
                add("lesson", &lesson.id, &lesson.title, lesson_body(lesson, lang));
            }
        }
    }
    docs
}

/// What a lesson's document holds besides its title: body, notes and quiz.
fn lesson_body(lesson: &Lesson, lang: Lang) -> String {
    let mut body = format!("{}\n\n{}", lesson.body.get(lang), lesson.notes.get(lang));
    if let Some(quiz) = &lesson.quiz {
        for text in quiz.texts() {
            body.push('\n');
            body.push_str(text.get(lang));
        }
    }
    body
}

/// Title and body of one document, read back from the row it was built from
/// (`None` if that row is gone, which a transaction never lets happen).
fn document_text(
    conn: &Connection,
    kind: &str,
    owner_id: &str,
    lang: Lang,
) -> Result<Option<(String, String)>> {
    let code = lang.code();
    let text = match kind {
        "lesson" => rows::load_lesson(conn, owner_id)?
            .map(|lesson| (lesson.title.get(lang).to_string(), lesson_body(&lesson, lang))),
        "module" => conn
            .prepare_cached(&format!("SELECT title_{code} FROM modules WHERE id = ?1"))?
            .query_row([owner_id], |r| Ok((r.get(0)?, String::new())))
            .optional()?,
        _ => conn
            .prepare_cached(&format!(
                "SELECT title_{code}, summary_{code} FROM courses WHERE id = ?1"
            ))?
            .query_row([owner_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
    };
    Ok(text)
}

/// Rebuilds a course's documents from scratch (a new or replaced course).
pub fn reindex_course(conn: &Connection, course: &Course) -> Result<()> {
    conn.execute("DELETE FROM search_docs WHERE course_id = ?1", [&course.id])?;
    for doc in documents(course) {
        insert(conn, &course.id, &doc)?;
    }
    Ok(())
}

/// Updates only the documents an edit changed. An autosave changes one
/// lesson in one language: re-tokenizing the whole course for it cost
/// 88 ms in a course of 200 lessons (`benches/library.rs`).
pub fn reindex_changes(conn: &Connection, before: &Course, after: &Course) -> Result<()> {
    if before.id != after.id {
        return reindex_course(conn, after);
    }
    let old = documents(before);
    let new = documents(after);
    let old_by_key: std::collections::HashMap<_, _> = old.iter().map(|d| (d.key(), d)).collect();
    let new_by_key: std::collections::HashMap<_, _> = new.iter().map(|d| (d.key(), d)).collect();
    let mut delete = conn.prepare_cached(
        "DELETE FROM search_docs WHERE course_id = ?1 AND owner_kind = ?2 AND owner_id = ?3 AND lang = ?4",
    )?;
    for doc in &old {
        if new_by_key.get(&doc.key()) != Some(&doc) {
            delete.execute(params![after.id, doc.kind, doc.owner_id, doc.lang.code()])?;
        }
    }
    for doc in &new {
        if old_by_key.get(&doc.key()) != Some(&doc) {
            insert(conn, &after.id, doc)?;
        }
    }
    Ok(())
}

fn insert(conn: &Connection, course_id: &str, doc: &Document) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO search_docs (course_id, owner_kind, owner_id, lang) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![course_id, doc.kind, doc.owner_id, doc.lang.code()])?;
    let rowid = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO search_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, doc.title, doc.body])?;
    Ok(())
}

/// Turns what a person typed into an FTS5 query: every word must appear,
/// each as a prefix ("educa" finds "educação") once it has 3 characters;
/// shorter words must match whole (a prefix of 1–2 letters matches nearly
/// everything and helps nobody while typing). Operators and quotes typed by
/// the person are treated as text, never as query syntax.
pub fn fts_query(input: &str) -> Option<String> {
    // Combining marks split words too, as the tokenizer splits them (a vowel
    // sign in Devanagari is "alphabetic" to Rust): every quoted term is one
    // token, so no typed word ever becomes a phrase query.
    let terms: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c))
        .filter(|t| !t.is_empty())
        .map(|t| if t.chars().count() >= 3 { format!("\"{t}\"*") } else { format!("\"{t}\"") })
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

/// Above this many matching documents a query is "common": its words are in
/// a good part of the library (a tenth of the bench library's 50,000
/// documents; the words every course uses are in 20,000–43,000), bm25's idf
/// for them is small, and ranking every match would cost more than the rest
/// of the search: bm25 reads each matching document's length, about 7,000
/// instructions a match, 40,000 matches for "part". Up to this many, ranking
/// costs less than starting the process. A course's topic words (about
/// 4,000 matches on the bench library) stay under it and rank as before.
const COMMON: usize = 5_000;

pub fn search(conn: &Connection, input: &str, limit: usize) -> Result<Vec<SearchHit>> {
    search_with(conn, input, limit, COMMON)
}

/// `search` with the threshold of a common query given (small in the tests).
fn search_with(
    conn: &Connection,
    input: &str,
    limit: usize,
    common: usize,
) -> Result<Vec<SearchHit>> {
    let Some(query) = fts_query(input) else { return Ok(Vec::new()) };
    // For one word, counting its title matches first is cheaper for a
    // prefix (FTS5 merges only the title positions of the words it expands
    // to), and when they alone are too many the whole count is not needed.
    // Several words are seldom all in that many titles: not worth a count.
    let in_titles = title_query(&query);
    let one_word = query_terms(input).len() == 1;
    let is_common = (one_word && count_matches(conn, &in_titles, common + 1)? > common)
        || count_matches(conn, &query, common + 1)? > common;
    let rowids = if is_common {
        ranked_common(conn, &query, &in_titles, limit, common)?
    } else {
        ranked(conn, &query, limit)?
    };
    // Snippets are cut in Rust from the text read back for the rows shown,
    // which costs far less than asking FTS5 to evaluate the query a second
    // time (docs/performance.md).
    let terms = query_terms(input);
    let mut owner = conn.prepare_cached(
        "SELECT d.course_id, c.slug, d.owner_kind, d.owner_id, d.lang
           FROM search_docs d JOIN courses c ON c.id = d.course_id
          WHERE d.rowid = ?1",
    )?;
    let mut hits = Vec::with_capacity(rowids.len());
    for rowid in rowids {
        let owner_row: Option<(String, String, String, String, String)> = owner
            .query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()?;
        let Some((course_id, course_slug, owner_kind, owner_id, lang)) = owner_row else {
            continue;
        };
        let lang = Lang::parse(&lang).unwrap_or(Lang::Pt);
        let Some((title, body)) = document_text(conn, &owner_kind, &owner_id, lang)? else {
            continue;
        };
        let snippet = snippet(&body, &terms).unwrap_or_else(|| mark(&title, &terms));
        hits.push(SearchHit { course_id, course_slug, owner_kind, owner_id, lang, title, snippet });
    }
    Ok(hits)
}

/// How many documents match, counting no further than `cap`: FTS5 stops
/// reading the index once the `LIMIT` is reached.
fn count_matches(conn: &Connection, query: &str, cap: usize) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM
                (SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2)",
        )?
        .query_row(params![query, cap as i64], |r| r.get(0))?;
    Ok(n as usize)
}

/// The best `limit` matches by bm25 (a title word weighs five body words).
fn ranked(conn: &Connection, query: &str, limit: usize) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1
          ORDER BY bm25(search_fts, 5.0, 1.0) LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![query, limit as i64], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// The best of the first `cap` matches by bm25, in index order: a bounded
/// number of document lengths read, however common the query.
fn ranked_among_first(
    conn: &Connection,
    query: &str,
    limit: usize,
    cap: usize,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rowid FROM
            (SELECT rowid, bm25(search_fts, 5.0, 1.0) AS score
               FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?3)
          ORDER BY score LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![query, limit as i64, cap as i64], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
}

/// The documents with every word of `query` in their title.
fn title_query(query: &str) -> String {
    format!("{{title}} : ({query})")
}

/// A common query's results: documents with every word in their title
/// first, wherever they are in the library, ranked by bm25 among the first
/// `common` of them; then the other matches in index order. With an idf of
/// about 0, bm25 would order those by little more than their length, and
/// ranking them costs a second pass over the words' whole index (bm25
/// counts the documents each word is in) plus a length per document.
fn ranked_common(
    conn: &Connection,
    query: &str,
    in_titles: &str,
    limit: usize,
    common: usize,
) -> Result<Vec<i64>> {
    let mut rowids = ranked_among_first(conn, in_titles, limit, common)?;
    if rowids.len() < limit {
        let shown: std::collections::HashSet<i64> = rowids.iter().copied().collect();
        let mut rest =
            conn.prepare_cached("SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2")?;
        let wanted = (limit + shown.len()) as i64;
        for rowid in rest.query_map(params![query, wanted], |r| r.get::<_, i64>(0))? {
            let rowid = rowid?;
            if rowids.len() < limit && !shown.contains(&rowid) {
                rowids.push(rowid);
            }
        }
    }
    Ok(rowids)
}

/// The words of a query, folded the way the index folds them.
fn query_terms(input: &str) -> Vec<String> {
    input.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(fold).collect()
}

/// Lowercase without diacritics, as `unicode61 remove_diacritics 2` sees a word.
fn fold(word: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// Word spans of `text`: runs of letters and digits, as the tokenizer splits.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

fn matches(word: &str, terms: &[String]) -> bool {
    let folded = fold(word);
    terms.iter().any(|t| {
        if t.chars().count() >= 3 {
            folded.starts_with(t.as_str())
        } else {
            folded == *t
        }
    })
}

/// About a dozen words around the first match, matching words between `**`.
/// The text's own `*` (markdown emphasis, which the toolbar makes common)
/// are left out: the app splits the snippet at `**`, and a bold word of the
/// lesson would shift every highlight after it by one.
fn snippet(text: &str, terms: &[String]) -> Option<String> {
    const WINDOW: usize = 12;
    let spans = words(text);
    let first = spans.iter().position(|&(s, e)| matches(&text[s..e], terms))?;
    let from = first.saturating_sub(3);
    let to = (from + WINDOW).min(spans.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut cursor = spans[from].0;
    for &(s, e) in &spans[from..to] {
        out.push_str(&text[cursor..s].replace('\n', " ").replace('*', ""));
        if matches(&text[s..e], terms) {
            out.push_str("**");
            out.push_str(&text[s..e]);
            out.push_str("**");
        } else {
            out.push_str(&text[s..e]);
        }
        cursor = e;
    }
    if to < spans.len() {
        out.push('…');
    }
    Some(out.trim().to_string())
}

fn mark(text: &str, terms: &[String]) -> String {
    snippet(text, terms).unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::{fts_query, query_terms, search_with, snippet};
    use crate::model::{Bilingual, Course, Lang, Lesson, Module};
    use crate::Library;

    /// A library with one course of 40 lessons: every lesson mentions
    /// "oficina" in its body, lessons 7, 19 and 33 have it in their title
    /// (the last ones of the index, past any small cap on candidates), and
    /// "bidões" is in the bodies of lessons 3, 12 and 30 only.
    fn library() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open(dir.path()).unwrap();
        let text = |pt: &str| Bilingual::new(pt, "", Lang::Pt);
        let lessons = (0..40)
            .map(|i| {
                let title = if [7, 19, 33].contains(&i) {
                    format!("Oficina {i}")
                } else {
                    format!("Lição {i}")
                };
                let mut body =
                    "Na oficina de hoje, os participantes preparam a sala. ".repeat(1 + i % 4);
                if [3, 12, 30].contains(&i) {
                    body.push_str(&"Guardar a água em bidões limpos. ".repeat(1 + i % 3));
                }
                Lesson {
                    id: format!("l{i:02}"),
                    title: text(&title),
                    body: text(&body),
                    notes: Bilingual::default(),
                    minutes: 15,
                    quiz: None,
                }
            })
            .collect();
        let course = Course {
            id: "c1".into(),
            slug: "agua".into(),
            revision: 1,
            source_lang: Lang::Pt,
            title: text("Água limpa"),
            summary: text(""),
            organisation: "Teste".into(),
            licence: "CC BY-SA 4.0".into(),
            topics: vec![],
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            derived_from: None,
            modules: vec![Module { id: "m1".into(), title: text("Módulo"), lessons }],
        };
        lib.insert_course(&course).unwrap();
        (dir, lib)
    }

    /// The owners bm25 puts first over every match: search as it was
    /// before common queries were told apart.
    fn ranked_by_bm25(lib: &Library, input: &str, limit: usize) -> Vec<String> {
        let query = fts_query(input).unwrap();
        let mut stmt = lib
            .conn()
            .prepare(
                "SELECT d.owner_id FROM search_fts f JOIN search_docs d ON d.rowid = f.rowid
                  WHERE search_fts MATCH ?1 ORDER BY bm25(search_fts, 5.0, 1.0) LIMIT ?2",
            )
            .unwrap();
        let rows = stmt.query_map(rusqlite::params![query, limit as i64], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<Vec<String>>>().unwrap()
    }

    fn owners(lib: &Library, input: &str, limit: usize, common: usize) -> Vec<String> {
        let hits = search_with(lib.conn(), input, limit, common).unwrap();
        hits.into_iter().map(|h| h.owner_id).collect()
    }

    #[test]
    fn a_common_query_still_puts_title_matches_first() {
        let (_dir, lib) = library();
        // 40 matches, over a threshold of 5 (and over the cap of candidates).
        let hits = owners(&lib, "oficina", 10, 5);
        assert_eq!(hits.len(), 10, "{hits:?}");
        let mut titled = hits[..3].to_vec();
        titled.sort();
        assert_eq!(titled, ["l07", "l19", "l33"], "{hits:?}");
        let mut unique = hits.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), hits.len(), "{hits:?}");
        // Two words, one of them in no title: the rest are still found.
        let both = owners(&lib, "oficina participantes", 10, 5);
        assert_eq!(both.len(), 10, "{both:?}");
        // A prefix typed while searching.
        assert!(owners(&lib, "ofic", 3, 5)
            .iter()
            .all(|o| ["l07", "l19", "l33"].contains(&o.as_str())));
    }

    #[test]
    fn a_rare_word_ranks_as_before() {
        let (_dir, lib) = library();
        for (query, limit) in [("bidoes", 10), ("bidões", 2), ("água bidões", 10), ("limpa", 10)]
        {
            let expected = ranked_by_bm25(&lib, query, limit);
            assert!(!expected.is_empty(), "{query}");
            assert_eq!(owners(&lib, query, limit, 5), expected, "{query}");
        }
        // Under the real threshold, a common word of this small library too.
        assert_eq!(owners(&lib, "oficina", 10, super::COMMON), ranked_by_bm25(&lib, "oficina", 10));
    }

    #[test]
    fn snippets_mark_matches_with_or_without_accents() {
        let text =
            "Na reunião do distrito, a participação da comunidade foi essencial para o plano.";
        let s = snippet(text, &query_terms("participacao")).unwrap();
        assert!(s.contains("**participação**"), "{s}");
        assert!(s.starts_with("…"), "{s}");
        assert_eq!(snippet(text, &query_terms("nada")), None);
    }

    #[test]
    fn the_texts_own_bold_does_not_shift_the_highlight() {
        // Issue 13 item 11: split at `**` as the app does, the marked part is the match.
        let text = "Somos **todos** cidadãos, com *direitos* e **deveres**.";
        let s = snippet(text, &query_terms("direitos")).unwrap();
        let parts: Vec<&str> = s.split("**").collect();
        assert_eq!(parts.len(), 3, "{s}");
        assert_eq!(parts[1], "direitos", "{s}");
        assert_eq!(s, "…todos cidadãos, com **direitos** e deveres");
    }

    #[test]
    fn query_syntax_typed_by_a_person_is_text() {
        assert_eq!(fts_query("educação cívica").unwrap(), "\"educação\"* \"cívica\"*");
        assert_eq!(fts_query("a\" OR NEAR(b").unwrap(), "\"a\" \"OR\" \"NEAR\"* \"b\"");
        assert_eq!(fts_query("  -- "), None);
    }
}
