//! Create, read, update, delete, reorder and duplicate; multi-row changes are atomic.

use juntos::model::{
    Bilingual, CourseChanges, FieldState, Lang, LessonField, NewCourse, Question, QuestionKind,
    Quiz, QuizOption,
};
use juntos::{CourseField, Library};

use crate::support::{empty_library, library};

fn course_with_lessons(lib: &mut Library) -> (String, Vec<String>, Vec<String>) {
    let course = lib
        .create_course(NewCourse {
            title: "Educação cívica".into(),
            lang: Some(Lang::Pt),
            ..Default::default()
        })
        .unwrap();
    let m1 = lib.add_module(&course.id, "Direitos", Lang::Pt, None).unwrap();
    let m2 = lib.add_module(&course.id, "Deveres", Lang::Pt, None).unwrap();
    let mut lessons = Vec::new();
    for title in ["Um", "Dois", "Três"] {
        lessons.push(lib.add_lesson(&m1.id, title, Lang::Pt, None).unwrap().id);
    }
    (course.id, vec![m1.id, m2.id], lessons)
}

fn lesson_titles(lib: &Library, course_id: &str, module: usize) -> Vec<String> {
    lib.course(course_id).unwrap().modules[module]
        .lessons
        .iter()
        .map(|l| l.title.pt.clone())
        .collect()
}

#[test]
fn new_library_has_the_complete_bilingual_sample_course() {
    let (_dir, lib) = library();
    let courses = lib.list_courses().unwrap();
    assert_eq!(courses.len(), 1);
    let course = lib.course(&courses[0].id).unwrap();
    assert_eq!(course.title.pt, "Apresentações eficazes");
    assert_eq!(course.title.en, "Effective presentations");
    assert!(course.modules.len() >= 2);
    assert!(course.lesson_count() >= 4);
    assert!(course.lessons().any(|l| l.quiz.is_some()));
    assert!(course.lessons().all(|l| !l.notes.pt.is_empty() && !l.notes.en.is_empty()));
    let status = lib.translation_status(&course.id).unwrap();
    assert!(status.is_complete(), "{status:?}");
}

#[test]
fn create_read_update_delete() {
    let (_dir, mut lib) = empty_library();
    let (course_id, modules, lessons) = course_with_lessons(&mut lib);
    let course = lib.course(&course_id).unwrap();
    assert_eq!(course.slug, "educacao-civica");
    assert_eq!(course.licence, "CC BY-SA 4.0");
    assert_eq!(course.modules.len(), 2);
    assert_eq!(lesson_titles(&lib, &course_id, 0), ["Um", "Dois", "Três"]);

    lib.set_lesson_text(&lessons[0], LessonField::Body, Lang::Pt, "# Olá\n\nTexto").unwrap();
    lib.set_lesson_minutes(&lessons[0], 25).unwrap();
    lib.set_course_text(&course_id, CourseField::Summary, Lang::Pt, "Resumo").unwrap();
    lib.set_module_title(&modules[1], Lang::En, "Duties").unwrap();
    let updated = lib
        .update_course(
            &course_id,
            CourseChanges {
                organisation: Some("Associação Kuyakana".into()),
                topics: Some(vec!["cidadania".into(), " ".into()]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(updated.topics_in(Lang::Pt), ["cidadania"]);
    // Their translation, by position; the source list again keeps it.
    let updated = lib
        .update_course(
            &course_id,
            CourseChanges {
                topics: Some(vec!["eleições".into(), "cidadania".into()]),
                topics_translation: Some(vec!["".into(), "citizenship".into()]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(updated.topics_in(Lang::En), ["eleições", "citizenship"]);
    assert_eq!(updated.topics[0].en, "");
    let status = lib.translation_status(&course_id).unwrap();
    assert_eq!(status.state_of(&course_id, "topics", Lang::En), Some(FieldState::Missing));
    let lesson = lib.lesson(&lessons[0]).unwrap();
    assert_eq!(lesson.body.pt, "# Olá\n\nTexto");
    assert_eq!(lesson.minutes, 25);
    let course = lib.course(&course_id).unwrap();
    assert_eq!(course.summary.pt, "Resumo");
    assert_eq!(course.modules[1].title.en, "Duties");
    assert_eq!(course.organisation, "Associação Kuyakana");
    assert!(course.revision > 1, "every change raises the revision");

    lib.delete_lesson(&lessons[1]).unwrap();
    assert_eq!(lesson_titles(&lib, &course_id, 0), ["Um", "Três"]);
    lib.delete_module(&modules[0]).unwrap();
    assert_eq!(lib.course(&course_id).unwrap().modules.len(), 1);
    assert_eq!(lib.lesson(&lessons[0]).unwrap_err().code(), "lesson_not_found");
    lib.delete_course(&course_id).unwrap();
    assert!(lib.list_courses().unwrap().is_empty());
    assert_eq!(lib.course(&course_id).unwrap_err().code(), "course_not_found");
}

#[test]
fn quizzes_are_validated_and_stored() {
    let (_dir, mut lib) = empty_library();
    let (_, _, lessons) = course_with_lessons(&mut lib);
    let option = |id: &str, correct| QuizOption {
        id: id.into(),
        text: Bilingual::new(id, id, Lang::Pt),
        correct,
        feedback: Bilingual::default(),
    };
    let mut quiz = Quiz {
        pass_mark: 70,
        questions: vec![Question {
            id: "q1".into(),
            kind: QuestionKind::TrueFalse,
            prompt: Bilingual::new("Votar é um direito?", "Is voting a right?", Lang::Pt),
            options: vec![option("v", true), option("f", false)],
            feedback: Bilingual::default(),
        }],
    };
    lib.set_quiz(&lessons[0], Some(quiz.clone())).unwrap();
    assert_eq!(lib.lesson(&lessons[0]).unwrap().quiz, Some(quiz.clone()));
    quiz.questions[0].options[1].correct = true;
    let err = lib.set_quiz(&lessons[0], Some(quiz)).unwrap_err();
    assert_eq!(err.code(), "invalid_quiz");
    assert!(lib.lesson(&lessons[0]).unwrap().quiz.is_some(), "the valid quiz is kept");
    lib.set_quiz(&lessons[0], None).unwrap();
    assert!(lib.lesson(&lessons[0]).unwrap().quiz.is_none());
}

#[test]
fn reorder_modules_and_lessons() {
    let (_dir, mut lib) = empty_library();
    let (course_id, modules, lessons) = course_with_lessons(&mut lib);
    lib.move_lesson(&lessons[2], None, 1).unwrap();
    assert_eq!(lesson_titles(&lib, &course_id, 0), ["Três", "Um", "Dois"]);
    lib.move_lesson(&lessons[0], Some(&modules[1]), 1).unwrap();
    assert_eq!(lesson_titles(&lib, &course_id, 0), ["Três", "Dois"]);
    assert_eq!(lesson_titles(&lib, &course_id, 1), ["Um"]);
    lib.move_module(&modules[1], 1).unwrap();
    let course = lib.course(&course_id).unwrap();
    assert_eq!(course.modules[0].id, modules[1]);
    assert_eq!(lib.move_module(&modules[1], 3).unwrap_err().code(), "invalid_position");
    assert_eq!(lib.move_lesson(&lessons[1], None, 0).unwrap_err().code(), "invalid_position");
}

#[test]
fn duplicate_makes_an_independent_linked_copy() {
    let (_dir, mut lib) = library();
    let original = lib.list_courses().unwrap()[0].id.clone();
    let copy = lib.duplicate_course(&original).unwrap();
    assert_ne!(copy.id, original);
    assert_eq!(copy.derived_from.as_deref(), Some(original.as_str()));
    assert_eq!(copy.slug, "apresentacoes-eficazes-copia");
    assert!(copy.title.pt.ends_with("(cópia)"));
    assert!(lib.translation_status(&copy.id).unwrap().is_complete());
    let source = lib.course(&original).unwrap();
    assert_eq!(copy.lesson_count(), source.lesson_count());
    assert!(copy.lessons().zip(source.lessons()).all(|(a, b)| a.id != b.id && a.body == b.body));
    // Editing the copy leaves the original alone.
    let lesson = copy.modules[0].lessons[0].id.clone();
    lib.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, "mudado").unwrap();
    assert_ne!(lib.course(&original).unwrap().modules[0].lessons[0].body.pt, "mudado");
    assert_eq!(lib.duplicate_course(&original).unwrap().slug, "apresentacoes-eficazes-copia-2");
}

#[test]
fn bad_input_is_refused_with_its_own_code() {
    let (_dir, mut lib) = empty_library();
    let empty = lib.create_course(NewCourse { title: "  ".into(), ..Default::default() });
    assert_eq!(empty.unwrap_err().code(), "empty_title");
    let bad_slug = lib.create_course(NewCourse {
        title: "A".into(),
        slug: Some("Não Válido".into()),
        ..Default::default()
    });
    assert_eq!(bad_slug.unwrap_err().code(), "invalid_slug");
    lib.create_course(NewCourse {
        title: "A".into(),
        slug: Some("a".into()),
        ..Default::default()
    })
    .unwrap();
    let taken = lib.create_course(NewCourse {
        title: "B".into(),
        slug: Some("a".into()),
        ..Default::default()
    });
    assert_eq!(taken.unwrap_err().code(), "slug_taken");
    let (course_id, _, lessons) = course_with_lessons(&mut lib);
    assert_eq!(
        lib.set_lesson_text(&lessons[0], LessonField::Title, Lang::Pt, "").unwrap_err().code(),
        "empty_title"
    );
    assert_eq!(lib.resolve_course("zzzz").unwrap_err().code(), "course_not_found");
    assert_eq!(lib.resolve_lesson(&course_id, "9.9").unwrap_err().code(), "lesson_not_found");
    assert_eq!(lib.resolve_module(&course_id, "Nada").unwrap_err().code(), "module_not_found");
}

#[test]
fn names_resolve_by_slug_prefix_position_and_title() {
    let (_dir, mut lib) = empty_library();
    let (course_id, modules, lessons) = course_with_lessons(&mut lib);
    assert_eq!(lib.resolve_course("educacao-civica").unwrap(), course_id);
    assert_eq!(lib.resolve_course(&course_id[..6]).unwrap(), course_id);
    assert_eq!(lib.resolve_module(&course_id, "2").unwrap(), modules[1]);
    assert_eq!(lib.resolve_module(&course_id, "deveres").unwrap(), modules[1]);
    assert_eq!(lib.resolve_lesson(&course_id, "1.3").unwrap(), lessons[2]);
    assert_eq!(lib.resolve_lesson(&course_id, "três").unwrap(), lessons[2]);
    lib.add_lesson(&modules[1], "Um", Lang::Pt, None).unwrap();
    assert_eq!(lib.resolve_lesson(&course_id, "Um").unwrap_err().code(), "lesson_ambiguous");
}

/// A fault injected deep inside a multi-row change (a trigger that aborts on
/// the last lesson of a duplicate) must leave no trace of the change.
#[test]
fn a_failing_multi_row_change_rolls_back_completely() {
    let (dir, mut lib) = library();
    let original = lib.list_courses().unwrap()[0].id.clone();
    let last = lib.course(&original).unwrap().lessons().last().unwrap().title.pt.clone();
    let count = |table: &str| -> i64 {
        let conn = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    };
    let before: Vec<i64> =
        ["courses", "modules", "lessons", "search_docs"].iter().map(|t| count(t)).collect();
    {
        let conn = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
        conn.execute_batch(&format!(
            "CREATE TRIGGER inject_fault AFTER UPDATE OF title_pt ON lessons
             WHEN NEW.title_pt = '{}' AND NEW.id NOT IN (SELECT id FROM lessons WHERE module_id IN
                 (SELECT id FROM modules WHERE course_id = '{original}'))
             BEGIN SELECT RAISE(ABORT, 'injected fault'); END;",
            last.replace('\'', "''")
        ))
        .unwrap();
    }
    let err = lib.duplicate_course(&original).unwrap_err();
    assert_eq!(err.code(), "database_error");
    assert!(!err.is_user_error());
    let after: Vec<i64> =
        ["courses", "modules", "lessons", "search_docs"].iter().map(|t| count(t)).collect();
    assert_eq!(before, after);
    assert_eq!(lib.list_courses().unwrap().len(), 1);
}
