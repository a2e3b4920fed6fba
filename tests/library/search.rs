//! Full-text search over both languages, with and without diacritics.

use juntos::model::{Lang, LessonField, NewCourse};

use crate::support::empty_library;

#[test]
fn finds_words_in_both_languages_with_and_without_accents() {
    let (_dir, mut lib) = empty_library();
    let course = lib
        .create_course(NewCourse {
            title: "Educação cívica".into(),
            lang: Some(Lang::Pt),
            ..Default::default()
        })
        .unwrap();
    let module = lib.add_module(&course.id, "Eleições", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Votar", Lang::Pt, None).unwrap();
    lib.set_lesson_text(
        &lesson.id,
        LessonField::Body,
        Lang::Pt,
        "A participação da comunidade é essencial.",
    )
    .unwrap();
    lib.set_lesson_text(
        &lesson.id,
        LessonField::Body,
        Lang::En,
        "Community participation is essential.",
    )
    .unwrap();

    for query in ["educacao", "educação", "EDUCAÇÃO", "civica"] {
        let hits = lib.search(query, 10).unwrap();
        assert_eq!(hits.len(), 1, "{query}: {hits:?}");
        assert_eq!(hits[0].owner_kind, "course");
        assert_eq!(hits[0].lang, Lang::Pt);
    }
    let hits = lib.search("participacao", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].owner_id, lesson.id);
    let marked = hits[0].marked_snippet("**", "**");
    assert!(marked.contains("**participação**"), "{marked}");

    let hits = lib.search("community", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].lang, Lang::En);
    assert_eq!(hits[0].course_slug, "educacao-civica");

    // Prefixes, several words, and query syntax typed as text.
    assert_eq!(lib.search("partic", 10).unwrap().len(), 2);
    assert_eq!(lib.search("partic comun", 10).unwrap().len(), 1, "every word must match");
    assert!(lib.search("\"OR NEAR(", 10).unwrap().is_empty());
    // A word the tokenizer splits (Devanagari vowel signs are marks) is
    // searched token by token, never as a phrase the index cannot match.
    lib.set_lesson_text(&lesson.id, LessonField::Notes, Lang::En, "नमस्ते, everyone").unwrap();
    assert_eq!(lib.search("नमस्ते", 10).unwrap().len(), 1);
    assert!(lib.search("   ", 10).unwrap().is_empty());
}

#[test]
fn search_follows_edits_and_deletes() {
    let (_dir, mut lib) = empty_library();
    let course =
        lib.create_course(NewCourse { title: "Saúde".into(), ..Default::default() }).unwrap();
    let module = lib.add_module(&course.id, "Água", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Higiene", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&lesson.id, LessonField::Body, Lang::Pt, "malária").unwrap();
    assert_eq!(lib.search("malaria", 10).unwrap().len(), 1);
    lib.set_lesson_text(&lesson.id, LessonField::Body, Lang::Pt, "cólera").unwrap();
    assert!(lib.search("malaria", 10).unwrap().is_empty());
    assert_eq!(lib.search("colera", 10).unwrap().len(), 1);
    lib.delete_course(&course.id).unwrap();
    assert!(lib.search("colera", 10).unwrap().is_empty());
}

/// What the index of a library holds, without row ids and course ids: every
/// (document, word, column) the FTS5 index records, read back from the index
/// itself with `fts5vocab` (the table keeps no copy of the text). Also checks
/// that the index and its map `search_docs` name the same rows.
fn index_rows(root: &std::path::Path) -> Vec<(String, String, String, String, i64)> {
    let conn = rusqlite::Connection::open(root.join("library.db")).unwrap();
    let orphans: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM (SELECT id FROM search_fts_docsize
                                           EXCEPT SELECT rowid FROM search_docs))
                  + (SELECT count(*) FROM (SELECT rowid FROM search_docs
                                           EXCEPT SELECT id FROM search_fts_docsize))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "index rows and search_docs rows must match one to one");
    conn.execute_batch(
        "CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_fts, instance)",
    )
    .unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT d.owner_kind, d.owner_id, d.lang, v.term, v.col
               FROM temp.search_vocab v JOIN search_docs d ON d.rowid = v.doc
              ORDER BY 1, 2, 3, 4, 5",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let col: String = r.get(4)?;
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, if col == "title" { 0 } else { 1 }))
        })
        .unwrap();
    rows.collect::<rusqlite::Result<Vec<_>>>().unwrap()
}

fn integrity_check(root: &std::path::Path) {
    let conn = rusqlite::Connection::open(root.join("library.db")).unwrap();
    conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)", [])
        .unwrap();
}

/// Edits update only the documents they touch; after every kind of edit the
/// index is exactly what indexing the course from scratch gives, and FTS5
/// agrees with its content table.
#[test]
fn edits_keep_the_index_equal_to_a_full_rebuild() {
    let (dir, mut lib) = empty_library();
    let course = lib
        .create_course(NewCourse {
            title: "Saúde comunitária".into(),
            lang: Some(Lang::Pt),
            ..Default::default()
        })
        .unwrap();
    let m1 = lib.add_module(&course.id, "Água", Lang::Pt, None).unwrap();
    let m2 = lib.add_module(&course.id, "Higiene", Lang::Pt, None).unwrap();
    let l1 = lib.add_lesson(&m1.id, "Ferver a água", Lang::Pt, None).unwrap();
    let l2 = lib.add_lesson(&m1.id, "Guardar a água", Lang::Pt, None).unwrap();
    let l3 = lib.add_lesson(&m2.id, "Lavar as mãos", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Body, Lang::Pt, "Ferver durante um instante.")
        .unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Body, Lang::En, "Boil for an instant.").unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Notes, Lang::Pt, "Levar bidões.").unwrap();
    // A changed body: the old words go, the new ones come.
    lib.set_lesson_text(&l1.id, LessonField::Body, Lang::Pt, "Ferver durante três minutos.")
        .unwrap();
    let hits = lib.search("instante", 10).unwrap();
    assert!(hits.iter().all(|h| h.lang == Lang::En), "the old Portuguese text is gone: {hits:?}");
    assert_eq!(lib.search("tres minutos", 10).unwrap().len(), 1);
    // Titles, a module title, a blanked text, a move, a deletion, a course title.
    lib.set_lesson_text(&l3.id, LessonField::Title, Lang::En, "Washing hands").unwrap();
    lib.set_module_title(&m2.id, Lang::En, "Hygiene").unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Notes, Lang::Pt, "").unwrap();
    assert!(lib.search("bidoes", 10).unwrap().is_empty());
    lib.move_lesson(&l2.id, Some(&m2.id), 1).unwrap();
    lib.delete_lesson(&l3.id).unwrap();
    assert!(lib.search("washing", 10).unwrap().is_empty());
    lib.set_course_text(&course.id, juntos::CourseField::Title, Lang::En, "Community health")
        .unwrap();
    lib.delete_module(&m1.id).unwrap();
    assert!(
        lib.search("ferver", 10).unwrap().is_empty(),
        "a deleted module's lessons leave the index"
    );

    integrity_check(dir.path());
    let (fresh_dir, mut fresh) = empty_library();
    fresh.insert_course(&lib.course(&course.id).unwrap()).unwrap();
    let edited = index_rows(dir.path());
    assert!(!edited.is_empty());
    assert_eq!(edited, index_rows(fresh_dir.path()));
}

/// The released migrations up to version 4, the last schema whose index
/// kept a copy of the text: frozen (a released migration is never edited).
const V4_SCHEMA: [&str; 4] = [
    include_str!("../../src/store/migrations/0001_courses.sql"),
    include_str!("../../src/store/migrations/0002_media.sql"),
    include_str!("../../src/store/migrations/0003_packages.sql"),
    include_str!("../../src/store/migrations/0004_blob_checksums.sql"),
];

/// A library saved by a version-4 program (search documents with their
/// text, filled the way version 4 filled them) moves to the lean index in
/// one transaction: afterwards the index is exactly what indexing the
/// courses from scratch gives, FTS5 finds it sound, and search finds the
/// same things.
#[test]
fn a_version_4_library_moves_to_the_lean_index() {
    let (new_dir, mut lib) = empty_library();
    let course = lib
        .create_course(NewCourse {
            title: "Saúde comunitária".into(),
            lang: Some(Lang::Pt),
            ..Default::default()
        })
        .unwrap();
    lib.set_course_text(&course.id, juntos::CourseField::Summary, Lang::Pt, "Água e higiene.")
        .unwrap();
    lib.set_course_text(&course.id, juntos::CourseField::Title, Lang::En, "Community health")
        .unwrap();
    let m1 = lib.add_module(&course.id, "Água", Lang::Pt, None).unwrap();
    lib.add_module(&course.id, "Higiene", Lang::Pt, None).unwrap();
    let l1 = lib.add_lesson(&m1.id, "Ferver a água", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Body, Lang::Pt, "Ferver durante três minutos.")
        .unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Body, Lang::En, "Boil for three minutes.").unwrap();
    lib.set_lesson_text(&l1.id, LessonField::Notes, Lang::Pt, "Levar bidões.").unwrap();
    let l2 = lib.add_lesson(&m1.id, "Guardar a água", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Title, Lang::En, "Storing water").unwrap();
    drop(lib);

    // The same courses in a version-4 database.
    let old_dir = tempfile::tempdir().unwrap();
    let old_db = old_dir.path().join("library.db");
    {
        let conn = rusqlite::Connection::open(&old_db).unwrap();
        // Today's lessons keep their text deflated; version 4 kept it plain.
        juntos::store::packed_text::register_sql_functions(&conn).unwrap();
        for sql in V4_SCHEMA {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.execute("ATTACH ?1 AS new", [new_dir.path().join("library.db").to_str().unwrap()])
            .unwrap();
        conn.execute_batch(
            "INSERT INTO courses (id, slug, revision, source_lang, title_pt, title_en, title_hash,
                                  summary_pt, summary_en, summary_hash, organisation, licence,
                                  topics, created_at, updated_at, derived_from)
                 SELECT id, slug, revision, source_lang, title_pt, title_en, title_hash,
                        summary_pt, summary_en, summary_hash, organisation, licence,
                        topics, created_at, updated_at, derived_from FROM new.courses;
             INSERT INTO modules (id, course_id, position, title_pt, title_en, title_hash)
                 SELECT id, course_id, position, title_pt, title_en, title_hash FROM new.modules;
             INSERT INTO lessons (id, module_id, position, title_pt, title_en, title_hash,
                                  body_pt, body_en, body_hash, notes_pt, notes_en, notes_hash,
                                  minutes, quiz)
                 SELECT id, module_id, position, title_pt, title_en, title_hash,
                        juntos_unpack_text(body_pt), juntos_unpack_text(body_en), body_hash,
                        juntos_unpack_text(notes_pt), juntos_unpack_text(notes_en), notes_hash,
                        minutes, quiz FROM new.lessons;
             -- Version 4's documents: title and body per owner and language,
             -- blank ones left out (no quizzes here).
             CREATE TEMP VIEW docs AS
                 SELECT id AS course_id, 'course' AS kind, id AS owner_id, 'pt' AS lang,
                        title_pt AS title, summary_pt AS body FROM courses
                 UNION ALL SELECT id, 'course', id, 'en', title_en, summary_en FROM courses
                 UNION ALL SELECT course_id, 'module', id, 'pt', title_pt, '' FROM modules
                 UNION ALL SELECT course_id, 'module', id, 'en', title_en, '' FROM modules
                 UNION ALL SELECT m.course_id, 'lesson', l.id, 'pt', l.title_pt,
                                  l.body_pt || char(10, 10) || l.notes_pt
                             FROM lessons l JOIN modules m ON m.id = l.module_id
                 UNION ALL SELECT m.course_id, 'lesson', l.id, 'en', l.title_en,
                                  l.body_en || char(10, 10) || l.notes_en
                             FROM lessons l JOIN modules m ON m.id = l.module_id;
             INSERT INTO search_docs (course_id, owner_kind, owner_id, lang, title, body)
                 SELECT course_id, kind, owner_id, lang, title, body FROM docs
                  WHERE trim(title) <> '' OR trim(body, ' ' || char(10)) <> '';
             DETACH new;",
        )
        .unwrap();
        let docs: i64 =
            conn.query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0)).unwrap();
        assert_eq!(docs, 8, "2 course, 2 module and 4 lesson documents");
    }

    let lib = juntos::Library::open(old_dir.path()).unwrap();
    let conn = rusqlite::Connection::open(&old_db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, juntos::store::SCHEMA_VERSION);
    let text_columns: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('search_docs') WHERE name IN ('title', 'body')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(text_columns, 0, "the index keeps no copy of the text");
    drop(conn);
    integrity_check(old_dir.path());
    let migrated = index_rows(old_dir.path());
    assert!(migrated.len() > 20, "{migrated:?}");
    assert_eq!(migrated, index_rows(new_dir.path()));

    let hits = lib.search("bidoes", 10).unwrap();
    assert_eq!(hits.len(), 1);
    let marked = hits[0].marked_snippet("**", "**");
    assert!(marked.contains("**bidões**"), "{marked}");
    assert_eq!(lib.search("storing", 10).unwrap()[0].title, "Storing water");
}

/// Results are ranked: a lesson titled with the word comes before lessons
/// that only mention it in passing. (A contentless index with
/// `detail=column` made bm25 return 0 for every row: no order at all.)
#[test]
fn a_title_match_outranks_a_passing_mention() {
    let (_dir, mut lib) = empty_library();
    let course = lib
        .create_course(NewCourse {
            title: "Comunicação".into(),
            lang: Some(Lang::Pt),
            ..Default::default()
        })
        .unwrap();
    let module = lib.add_module(&course.id, "Módulo", Lang::Pt, None).unwrap();
    // Enough documents that the word is rare (bm25's idf is then positive).
    for i in 0..12 {
        let filler = lib.add_lesson(&module.id, &format!("Lição {i}"), Lang::Pt, None).unwrap();
        let body = if i < 2 {
            "Comece com uma pergunta, uma história curta ou um facto da comunidade, e depois fale do plano da reunião."
        } else {
            "Prepare a sala e os materiais antes da sessão."
        };
        lib.set_lesson_text(&filler.id, LessonField::Body, Lang::Pt, body).unwrap();
    }
    let titled = lib.add_lesson(&module.id, "História", Lang::Pt, None).unwrap();
    let hits = lib.search("historia", 10).unwrap();
    assert_eq!(hits.len(), 3, "{hits:?}");
    assert_eq!(hits[0].owner_id, titled.id, "{hits:?}");
}

/// Issue 19: results carry the matches as ranges of the snippet (UTF-16,
/// as the app slices them), so a lesson's own `**bold**` text is never
/// taken for a match and the highlighted words are the ones searched for.
#[test]
fn match_ranges_cover_the_searched_words_whatever_the_lesson_makes_bold() {
    let (_dir, mut lib) = empty_library();
    let course = lib
        .create_course(NewCourse {
            title: "Cidadania".into(),
            lang: Some(Lang::Pt),
            ..NewCourse::default()
        })
        .unwrap();
    let module = lib.add_module(&course.id, "Direitos", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Deveres", Lang::Pt, None).unwrap();
    lib.set_lesson_text(
        &lesson.id,
        LessonField::Body,
        Lang::Pt,
        "Somos **todos** cidadãos: **a água** é de *todos* e **da aldeia**.",
    )
    .unwrap();
    let hits = lib.search("agua aldeia", 10).unwrap();
    let hit = hits.iter().find(|h| h.owner_id == lesson.id).expect("the lesson is found");
    let units: Vec<u16> = hit.snippet.encode_utf16().collect();
    let words: Vec<String> = hit
        .matches
        .iter()
        .map(|r| String::from_utf16(&units[r.start as usize..r.end as usize]).unwrap())
        .collect();
    assert_eq!(words, ["água", "aldeia"], "{}", hit.snippet);
    assert!(!hit.snippet.contains('*'), "{}", hit.snippet);
    assert_eq!(hit.marked_snippet("[", "]"), "…todos cidadãos: a [água] é de todos e da [aldeia]");
}
