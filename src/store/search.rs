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

/// How many results a search shows when the face asks for no number.
pub const DEFAULT_SEARCH_RESULTS: usize = 30;
/// The most results a search returns, whatever was asked: each costs a
/// snippet, and nobody reads past a few dozen.
pub const MAX_SEARCH_RESULTS: usize = 200;

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
    /// A short extract of the text that matched, as plain text (the text's
    /// own markdown `*` left out, lines joined).
    pub snippet: String,
    /// The words of `snippet` that match the query, in order. Offsets are
    /// UTF-16 code units, what JavaScript strings index, so the app slices
    /// with them directly; [`SearchHit::marked_snippet`] uses them in Rust.
    /// (Until issue 19 the matches were between `**` in the snippet, which
    /// a lesson's own bold text could be mistaken for.)
    pub matches: Vec<TextRange>,
}

/// A part of a text, `start..end` in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl SearchHit {
    /// The snippet with every match between `open` and `close` (the CLI
    /// prints `**word**`).
    pub fn marked_snippet(&self, open: &str, close: &str) -> String {
        let text = &self.snippet;
        let mut out = String::with_capacity(text.len() + self.matches.len() * 4);
        let mut cursor = 0;
        for range in &self.matches {
            let (Some(start), Some(end)) =
                (byte_offset(text, range.start), byte_offset(text, range.end))
            else {
                continue;
            };
            if start < cursor || end < start {
                continue;
            }
            out.push_str(&text[cursor..start]);
            out.push_str(open);
            out.push_str(&text[start..end]);
            out.push_str(close);
            cursor = end;
        }
        out.push_str(&text[cursor..]);
        out
    }
}

/// The byte offset of a UTF-16 offset in `text`, if it falls between characters.
fn byte_offset(text: &str, utf16: u32) -> Option<usize> {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units == utf16 {
            return Some(i);
        }
        if units > utf16 {
            return None;
        }
        units += c.len_utf16() as u32;
    }
    (units == utf16).then_some(text.len())
}

/// Byte ranges of `text` as UTF-16 ranges.
fn utf16_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<TextRange> {
    let at = |byte: usize| text[..byte].encode_utf16().count() as u32;
    ranges.iter().map(|&(s, e)| TextRange { start: at(s), end: at(e) }).collect()
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
        let (snippet, matches) = snippet(&body, &terms).unwrap_or_else(|| mark(&title, &terms));
        let matches = utf16_ranges(&snippet, &matches);
        hits.push(SearchHit {
            course_id,
            course_slug,
            owner_kind,
            owner_id,
            lang,
            title,
            snippet,
            matches,
        });
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

/// About a dozen words around the first match, and the byte ranges of the
/// matching words in it. The text's own `*` (markdown emphasis, which the
/// toolbar makes common) are left out: a snippet is plain text.
fn snippet(text: &str, terms: &[String]) -> Option<(String, Vec<(usize, usize)>)> {
    const WINDOW: usize = 12;
    let spans = words(text);
    let first = spans.iter().position(|&(s, e)| matches(&text[s..e], terms))?;
    let from = first.saturating_sub(3);
    let to = (from + WINDOW).min(spans.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut ranges = Vec::new();
    let mut cursor = spans[from].0;
    for &(s, e) in &spans[from..to] {
        out.push_str(&text[cursor..s].replace('\n', " ").replace('*', ""));
        if matches(&text[s..e], terms) {
            ranges.push((out.len(), out.len() + (e - s)));
        }
        out.push_str(&text[s..e]);
        cursor = e;
    }
    if to < spans.len() {
        out.push('…');
    }
    // Trimmed as before; the ranges follow the start (a match is a word,
    // never inside the trimmed white space).
    let lead = out.len() - out.trim_start().len();
    let out = out.trim().to_string();
    let ranges = ranges.into_iter().map(|(s, e)| (s - lead, e - lead)).collect();
    Some((out, ranges))
}

/// A title as its own snippet when the body has no match.
fn mark(text: &str, terms: &[String]) -> (String, Vec<(usize, usize)>) {
    snippet(text, terms).unwrap_or_else(|| (text.to_string(), Vec::new()))
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
