//! The courses domain: every operation on courses, modules and lessons,
//! reading and writing, as methods of [`Library`](crate::Library):
//! `library_ops.rs` (the whole API of the domain in one file) and
//! `preview.rs` (the editor's preview of unsaved markdown). The rules they
//! share (titles, positions, free slugs, source language changes) are here.
//! Their types are in `model/`, their SQL in `store/rows.rs`; every change
//! goes through the one write path of `library.rs` (`Library::change_course`
//! and its module/lesson forms, which find the course inside the
//! transaction).

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::library::find_lesson;
use crate::model::{Bilingual, Course, Lang, Lesson, LessonField};
use crate::store::rows;

mod library_ops;
mod preview;

/// A bilingual field of the course itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseField {
    Title,
    Summary,
}

/// Where a module is in its course; `module_not_found` when it is not there.
fn module_index(course: &Course, module_id: &str) -> Result<usize> {
    course
        .modules
        .iter()
        .position(|m| m.id == module_id)
        .ok_or_else(|| Error::ModuleNotFound { query: module_id.into() })
}

/// Where a lesson is in its course; `lesson_not_found` when it is not there.
fn lesson_index(course: &Course, lesson_id: &str) -> Result<(usize, usize)> {
    find_lesson(course, lesson_id).ok_or_else(|| Error::LessonNotFound { query: lesson_id.into() })
}

/// When the source language changes, translations that were current stay
/// current: their hashes are recomputed against the new source.
fn change_source_language(course: &mut Course, new_source: Lang) {
    let old = course.source_lang;
    let mut fix = |text: &mut Bilingual| {
        let was_current = text.state(old.other(), old) == Some(crate::model::FieldState::Complete);
        if was_current {
            text.mark_reviewed(new_source);
        } else {
            text.source_hash = None;
        }
    };
    fix(&mut course.title);
    fix(&mut course.summary);
    course.topics.iter_mut().for_each(&mut fix);
    for module in &mut course.modules {
        fix(&mut module.title);
        for lesson in &mut module.lessons {
            fix(&mut lesson.title);
            fix(&mut lesson.body);
            fix(&mut lesson.notes);
            if let Some(quiz) = &mut lesson.quiz {
                quiz.texts_mut().into_iter().for_each(&mut fix);
            }
        }
    }
    course.source_lang = new_source;
}

fn append_to_title(title: &mut Bilingual, pt: &str, en: &str, source: Lang) {
    let was_current =
        title.state(source.other(), source) == Some(crate::model::FieldState::Complete);
    if !title.pt.is_empty() {
        title.pt.push_str(pt);
    }
    if !title.en.is_empty() {
        title.en.push_str(en);
    }
    if was_current {
        title.mark_reviewed(source);
    }
}

fn non_empty_title(title: &str) -> Result<String> {
    let title = title.trim();
    if title.contains(['\n', '\r']) {
        return Err(Error::TitleMultiline);
    }
    if title.chars().any(char::is_alphanumeric) {
        Ok(title.to_string())
    } else {
        Err(Error::EmptyTitle)
    }
}

fn insert_index(position: Option<usize>, len: usize) -> Result<usize> {
    match position {
        None => Ok(len),
        Some(p) if p >= 1 && p <= len + 1 => Ok(p - 1),
        Some(p) => Err(Error::InvalidPosition { position: p, max: len + 1 }),
    }
}

fn move_index(position: usize, len: usize) -> Result<usize> {
    if position >= 1 && position <= len {
        Ok(position - 1)
    } else {
        Err(Error::InvalidPosition { position, max: len })
    }
}

fn free_slug(conn: &Connection, base: &str) -> Result<String> {
    let base = if base.is_empty() { "curso".to_string() } else { base.to_string() };
    if !rows::slug_exists(conn, &base)? {
        return Ok(base);
    }
    for n in 2.. {
        let candidate = format!("{base}-{n}");
        if !rows::slug_exists(conn, &candidate)? {
            return Ok(candidate);
        }
    }
    unreachable!("slug space exhausted")
}

/// One language of one lesson field: a source title may not be empty, titles are trimmed.
fn set_field(
    lesson: &mut Lesson,
    field: LessonField,
    lang: Lang,
    text: &str,
    source: Lang,
) -> Result<()> {
    if field == LessonField::Title && lang == source {
        non_empty_title(text)?;
    }
    let value =
        if field == LessonField::Title { text.trim().to_string() } else { text.to_string() };
    lesson.field_mut(field).set(lang, value, source);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Library;

    /// The module and lesson operations find their course inside the write
    /// transaction, so nothing can delete a module between that lookup and
    /// the write any more. What remains of the old race is the step inside
    /// the transaction that looked the module up in the loaded tree with
    /// `.expect("module of course")`: it now says `module_not_found`.
    #[test]
    fn a_module_or_lesson_missing_from_the_loaded_course_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(dir.path()).unwrap();
        let id = library.list_courses().unwrap().remove(0).id;
        let mut course = library.course(&id).unwrap();
        let module = course.modules[0].id.clone();
        let lesson = course.modules[0].lessons[0].id.clone();
        assert_eq!(module_index(&course, &module).unwrap(), 0);
        assert_eq!(lesson_index(&course, &lesson).unwrap(), (0, 0));
        course.modules.remove(0);
        let err = module_index(&course, &module).unwrap_err();
        assert_eq!(err.code(), "module_not_found");
        let err = lesson_index(&course, &lesson).unwrap_err();
        assert_eq!(err.code(), "lesson_not_found");

        // Deleted by another program after this window showed them: every
        // operation names what is gone and changes nothing.
        let other = Connection::open(dir.path().join(crate::DATABASE_FILE)).unwrap();
        other.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        other.execute("DELETE FROM modules WHERE id = ?1", [&module]).unwrap();
        let revision = library.course(&id).unwrap().revision;
        let codes = [
            library.set_module_title(&module, Lang::Pt, "Outro").unwrap_err().code(),
            library.move_module(&module, 1).unwrap_err().code(),
            library.delete_module(&module).unwrap_err().code(),
            library.add_lesson(&module, "Nova", Lang::Pt, None).unwrap_err().code(),
        ];
        assert_eq!(codes, ["module_not_found"; 4]);
        let codes = [
            library.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, "x").unwrap_err().code(),
            library.move_lesson(&lesson, None, 1).unwrap_err().code(),
            library.delete_lesson(&lesson).unwrap_err().code(),
            library.set_lesson_minutes(&lesson, 5).unwrap_err().code(),
        ];
        assert_eq!(codes, ["lesson_not_found"; 4]);
        assert_eq!(library.course(&id).unwrap().revision, revision);
    }

    /// The organisation of a new course is the library's unless one is given
    /// (the app gives none; the CLI's `--organisation` gives one).
    #[test]
    fn a_new_course_is_made_by_the_library_organisation_unless_told() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(dir.path()).unwrap();
        let new = |organisation: Option<&str>| crate::model::NewCourse {
            title: "Hortas".into(),
            lang: Some(Lang::Pt),
            slug: None,
            organisation: organisation.map(String::from),
        };
        assert_eq!(library.create_course(new(None)).unwrap().organisation, "");
        library.set_org_name("Associação Kuyakana").unwrap();
        assert_eq!(library.create_course(new(None)).unwrap().organisation, "Associação Kuyakana");
        assert_eq!(library.create_course(new(Some("Outra"))).unwrap().organisation, "Outra");
    }

    /// A search returns what was asked for, never more than the cap.
    #[test]
    fn search_results_are_capped_in_the_core() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(dir.path()).unwrap();
        let mut course = crate::sample::sample_course().unwrap();
        course.id = crate::library::new_id();
        course.slug = "muitas-licoes".into();
        course.modules.truncate(1);
        course.modules[0].id = crate::library::new_id();
        let template = course.modules[0].lessons[0].clone();
        course.modules[0].lessons = (0..crate::store::search::MAX_SEARCH_RESULTS + 20)
            .map(|n| Lesson {
                id: crate::library::new_id(),
                title: Bilingual {
                    pt: format!("Girassol {n}"),
                    en: String::new(),
                    source_hash: None,
                },
                body: Bilingual::default(),
                notes: Bilingual::default(),
                quiz: None,
                ..template.clone()
            })
            .collect();
        library.insert_course(&course).unwrap();
        let max = crate::store::search::MAX_SEARCH_RESULTS;
        assert_eq!(library.search("girassol", 5).unwrap().len(), 5);
        assert_eq!(library.search("girassol", max + 50).unwrap().len(), max);
        assert_eq!(library.search("girassol", usize::MAX).unwrap().len(), max);
    }
}
