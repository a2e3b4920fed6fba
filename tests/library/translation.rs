//! Stale translations: detected after the source text changes, cleared after review.

use juntos::model::{CourseChanges, FieldState, Lang, LessonField};

use crate::support::library;

#[test]
fn stale_after_source_change_and_cleared_after_review() {
    let (_dir, mut lib) = library();
    let course_id = lib.list_courses().unwrap()[0].id.clone();
    let lesson_id = lib.resolve_lesson(&course_id, "1.1").unwrap();
    assert!(lib.translation_status(&course_id).unwrap().is_complete());

    lib.set_lesson_text(&lesson_id, LessonField::Body, Lang::Pt, "Texto novo em português")
        .unwrap();
    let status = lib.translation_status(&course_id).unwrap();
    assert_eq!(status.state_of(&lesson_id, "body", Lang::En), Some(FieldState::Stale));
    assert_eq!(status.state_of(&lesson_id, "body", Lang::Pt), Some(FieldState::Complete));
    assert_eq!(status.pt_percent, 100);
    assert!(status.en_percent < 100);
    let lesson_status = lib.lesson_translation_status(&lesson_id).unwrap();
    assert_eq!(lesson_status.state_of(&lesson_id, "body", Lang::En), Some(FieldState::Stale));

    lib.mark_lesson_reviewed(&lesson_id, LessonField::Body).unwrap();
    assert!(lib.translation_status(&course_id).unwrap().is_complete());

    // Editing the translation itself also makes it current.
    lib.set_lesson_text(&lesson_id, LessonField::Notes, Lang::Pt, "Notas novas").unwrap();
    assert!(!lib.translation_status(&course_id).unwrap().is_complete());
    lib.set_lesson_text(&lesson_id, LessonField::Notes, Lang::En, "New notes").unwrap();
    assert!(lib.translation_status(&course_id).unwrap().is_complete());
}

#[test]
fn missing_translations_count_against_the_percentage() {
    let (_dir, mut lib) = library();
    let course_id = lib.list_courses().unwrap()[0].id.clone();
    let module_id = lib.resolve_module(&course_id, "1").unwrap();
    let lesson = lib.add_lesson(&module_id, "Lição nova", Lang::Pt, None).unwrap();
    let status = lib.lesson_translation_status(&lesson.id).unwrap();
    assert_eq!(status.state_of(&lesson.id, "title", Lang::En), Some(FieldState::Missing));
    assert_eq!((status.pt_percent, status.en_percent), (100, 0));
    let module = lib.module_translation_status(&module_id).unwrap();
    assert!(module.en_percent < 100 && module.pt_percent == 100);
}

#[test]
fn changing_the_source_language_keeps_current_translations_current() {
    let (_dir, mut lib) = library();
    let course_id = lib.list_courses().unwrap()[0].id.clone();
    let lesson_id = lib.resolve_lesson(&course_id, "1.2").unwrap();
    lib.set_lesson_text(&lesson_id, LessonField::Body, Lang::Pt, "mudou").unwrap();
    lib.update_course(
        &course_id,
        CourseChanges { source_lang: Some(Lang::En), ..Default::default() },
    )
    .unwrap();
    let status = lib.translation_status(&course_id).unwrap();
    assert_eq!(status.source_lang, Lang::En);
    // The stale body stays in need of review; the rest stays complete.
    assert_eq!(status.state_of(&lesson_id, "body", Lang::Pt), Some(FieldState::Stale));
    assert_eq!(status.fields.iter().filter(|f| f.pt != FieldState::Complete).count(), 1);
}
