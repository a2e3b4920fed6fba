//! Full-text search over both languages, with and without diacritics.

use juntos::model::{Lang, LessonField, NewCourse};

use crate::support::empty_library;

#[test]
fn finds_words_in_both_languages_with_and_without_accents() {
    let (_dir, mut lib) = empty_library();
    let course = lib
        .create_course(NewCourse { title: "Educação cívica".into(), lang: Some(Lang::Pt), ..Default::default() })
        .unwrap();
    let module = lib.add_module(&course.id, "Eleições", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Votar", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&lesson.id, LessonField::Body, Lang::Pt, "A participação da comunidade é essencial.").unwrap();
    lib.set_lesson_text(&lesson.id, LessonField::Body, Lang::En, "Community participation is essential.").unwrap();

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
    let course = lib.create_course(NewCourse { title: "Saúde".into(), ..Default::default() }).unwrap();
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
