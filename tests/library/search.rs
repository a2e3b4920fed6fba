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
    assert!(hits[0].snippet.contains("**participação**"), "{}", hits[0].snippet);

    let hits = lib.search("community", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].lang, Lang::En);
    assert_eq!(hits[0].course_slug, "educacao-civica");

    // Prefixes, several words, and query syntax typed as text.
    assert_eq!(lib.search("partic", 10).unwrap().len(), 2);
    assert_eq!(lib.search("partic comun", 10).unwrap().len(), 1, "every word must match");
    assert!(lib.search("\"OR NEAR(", 10).unwrap().is_empty());
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

/// The index rows of a library, without row ids and course ids.
fn index_rows(root: &std::path::Path) -> Vec<(String, String, String, String, String)> {
    let conn = rusqlite::Connection::open(root.join("library.db")).unwrap();
    let mut stmt = conn
        .prepare("SELECT owner_kind, owner_id, lang, title, body FROM search_docs ORDER BY owner_kind, owner_id, lang")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap();
    rows.collect::<rusqlite::Result<Vec<_>>>().unwrap()
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

    let conn = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
    conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)", [])
        .unwrap();
    drop(conn);
    let (fresh_dir, mut fresh) = empty_library();
    fresh.insert_course(&lib.course(&course.id).unwrap()).unwrap();
    let edited = index_rows(dir.path());
    assert!(!edited.is_empty());
    assert_eq!(edited, index_rows(fresh_dir.path()));
}
