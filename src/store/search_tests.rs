//! Tests of `search.rs` (a file of their own to keep that one readable).

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
    assert!(owners(&lib, "ofic", 3, 5).iter().all(|o| ["l07", "l19", "l33"].contains(&o.as_str())));
}

#[test]
fn a_rare_word_ranks_as_before() {
    let (_dir, lib) = library();
    for (query, limit) in [("bidoes", 10), ("bidões", 2), ("água bidões", 10), ("limpa", 10)] {
        let expected = ranked_by_bm25(&lib, query, limit);
        assert!(!expected.is_empty(), "{query}");
        assert_eq!(owners(&lib, query, limit, 5), expected, "{query}");
    }
    // Under the real threshold, a common word of this small library too.
    assert_eq!(owners(&lib, "oficina", 10, super::COMMON), ranked_by_bm25(&lib, "oficina", 10));
}

/// The words a snippet's ranges cover.
fn marked(text: &str, ranges: &[(usize, usize)]) -> Vec<String> {
    ranges.iter().map(|&(s, e)| text[s..e].to_string()).collect()
}

#[test]
fn snippets_mark_matches_with_or_without_accents() {
    let text = "Na reunião do distrito, a participação da comunidade foi essencial para o plano.";
    let (s, ranges) = snippet(text, &query_terms("participacao")).unwrap();
    assert_eq!(marked(&s, &ranges), ["participação"], "{s}");
    assert!(s.starts_with("…"), "{s}");
    assert_eq!(snippet(text, &query_terms("nada")), None);
}

#[test]
fn the_texts_own_bold_does_not_shift_the_highlight() {
    // Issue 13 item 11, and issue 19: the ranges cover the matching
    // words, whatever bold the lesson has around them.
    let text = "Somos **todos** cidadãos, com *direitos* e **deveres**.";
    let (s, ranges) = snippet(text, &query_terms("direitos")).unwrap();
    assert_eq!(s, "…todos cidadãos, com direitos e deveres");
    assert_eq!(marked(&s, &ranges), ["direitos"], "{s}");
    let (s, ranges) = snippet(text, &query_terms("todos deveres")).unwrap();
    assert_eq!(marked(&s, &ranges), ["todos", "deveres"], "{s}");
}

#[test]
fn match_ranges_are_utf16_offsets_and_mark_the_snippet() {
    // "…" and "ç" are one UTF-16 unit each (and 3 and 2 bytes), "𝄞" two.
    let text = "A canção 𝄞 da **participação** e da água.";
    let (s, ranges) = snippet(text, &query_terms("participação agua")).unwrap();
    let matches = super::utf16_ranges(&s, &ranges);
    let units: Vec<u16> = s.encode_utf16().collect();
    let words: Vec<String> = matches
        .iter()
        .map(|r| String::from_utf16(&units[r.start as usize..r.end as usize]).unwrap())
        .collect();
    assert_eq!(words, ["participação", "água"], "{s}");
    let hit = super::SearchHit {
        course_id: String::new(),
        course_slug: String::new(),
        owner_kind: "lesson".into(),
        owner_id: String::new(),
        lang: Lang::Pt,
        title: String::new(),
        snippet: s,
        matches,
    };
    assert_eq!(hit.marked_snippet("**", "**"), "A canção 𝄞 da **participação** e da **água**");
}

#[test]
fn query_syntax_typed_by_a_person_is_text() {
    assert_eq!(fts_query("educação cívica").unwrap(), "\"educação\"* \"cívica\"*");
    assert_eq!(fts_query("a\" OR NEAR(b").unwrap(), "\"a\" \"OR\" \"NEAR\"* \"b\"");
    assert_eq!(fts_query("  -- "), None);
}
