//! Every operation on courses, modules and lessons (see `mod.rs`).

use crate::error::{Error, Result};
use crate::library::{new_id, now, Library};
use crate::model::{
    course_status, is_valid_slug, lesson_status, module_status, slugify, Bilingual, Course,
    CourseChanges, CourseSummary, Lang, Lesson, LessonField, Module, NewCourse, Quiz,
    TranslationStatus, DEFAULT_LICENCE,
};
use crate::resolve;
use crate::store::rows;
use crate::store::{search, SearchHit};

use super::{
    append_to_title, change_source_language, free_slug, insert_index, lesson_index, module_index,
    move_index, non_empty_title, set_field, CourseField,
};

impl Library {
    /// Adds a complete course tree as it is (ids, revision and texts kept),
    /// in one transaction. Refuses a duplicate id or slug and an invalid quiz.
    pub fn insert_course(&mut self, course: &Course) -> Result<()> {
        if !is_valid_slug(&course.slug) {
            return Err(Error::InvalidSlug { slug: course.slug.clone() });
        }
        for quiz in course.lessons().filter_map(|l| l.quiz.as_ref()) {
            quiz.validate().map_err(|reason| Error::InvalidQuiz { reason })?;
        }
        self.write(|tx| {
            if rows::slug_exists(tx, &course.slug)? {
                return Err(Error::SlugTaken { slug: course.slug.clone() });
            }
            rows::insert_course_tree(tx, course)?;
            search::reindex_course(tx, course)
        })
    }

    // ---- reading -------------------------------------------------------

    pub fn list_courses(&self) -> Result<Vec<CourseSummary>> {
        rows::list_courses(self.conn())
    }

    /// Finds a course by id, unique id prefix or slug; returns its id.
    pub fn resolve_course(&self, query: &str) -> Result<String> {
        resolve::course_id(&rows::course_keys(self.conn())?, query)
    }

    pub fn course(&self, id: &str) -> Result<Course> {
        rows::load_course(self.conn(), id)?
            .ok_or_else(|| Error::CourseNotFound { query: id.into() })
    }

    /// Id of a module named by number, id, id prefix or title within a course.
    pub fn resolve_module(&self, course_id: &str, query: &str) -> Result<String> {
        let course = self.course(course_id)?;
        Ok(course.modules[resolve::module_index(&course, query)?].id.clone())
    }

    /// Id of a lesson named by `M.L` position, id, id prefix or title within a course.
    pub fn resolve_lesson(&self, course_id: &str, query: &str) -> Result<String> {
        let course = self.course(course_id)?;
        let (m, l) = resolve::lesson_index(&course, query)?;
        Ok(course.modules[m].lessons[l].id.clone())
    }

    pub fn lesson(&self, lesson_id: &str) -> Result<Lesson> {
        rows::load_lesson(self.conn(), lesson_id)?
            .ok_or_else(|| Error::LessonNotFound { query: lesson_id.into() })
    }

    fn course_of_lesson(&self, lesson_id: &str) -> Result<Course> {
        self.course(&self.course_id_of_lesson(lesson_id)?)
    }

    pub fn translation_status(&self, course_id: &str) -> Result<TranslationStatus> {
        let mut status = course_status(&self.course(course_id)?);
        let missing = self.missing_media(course_id)?;
        status.missing_media = (!missing.is_empty()).then_some(missing);
        let sign = self.sign_status(course_id)?.missing;
        status.missing_interpreters = (!sign.is_empty()).then_some(sign);
        Ok(status)
    }

    pub fn module_translation_status(&self, module_id: &str) -> Result<TranslationStatus> {
        module_status(&self.course(&self.course_id_of_module(module_id)?)?, module_id)
            .ok_or_else(|| Error::ModuleNotFound { query: module_id.into() })
    }

    pub fn lesson_translation_status(&self, lesson_id: &str) -> Result<TranslationStatus> {
        lesson_status(&self.course_of_lesson(lesson_id)?, lesson_id)
            .ok_or_else(|| Error::LessonNotFound { query: lesson_id.into() })
    }

    /// Search both languages; accents are ignored ("educacao" finds "educação").
    /// At most `limit` results, and never more than [`search::MAX_SEARCH_RESULTS`].
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        search::search(self.conn(), query, limit.min(search::MAX_SEARCH_RESULTS))
    }

    // ---- courses -------------------------------------------------------

    /// Creates a course with one title. Its organisation is `new.organisation`
    /// when given, else this library's organisation name (empty until one is
    /// set): the rule the app and the CLI share.
    pub fn create_course(&mut self, new: NewCourse) -> Result<Course> {
        let title = non_empty_title(&new.title)?;
        let lang = new.lang.unwrap_or(Lang::Pt);
        let slug = match new.slug {
            Some(slug) => {
                if !is_valid_slug(&slug) {
                    return Err(Error::InvalidSlug { slug });
                }
                slug
            }
            None => String::new(),
        };
        self.write(|tx| {
            let slug = if slug.is_empty() {
                free_slug(tx, &slugify(&title))?
            } else if rows::slug_exists(tx, &slug)? {
                return Err(Error::SlugTaken { slug });
            } else {
                slug
            };
            let now = now();
            let mut course = Course {
                id: new_id(),
                slug,
                revision: 1,
                source_lang: lang,
                title: Bilingual::default(),
                summary: Bilingual::default(),
                organisation: match new.organisation {
                    Some(organisation) => organisation,
                    None => {
                        crate::org::rows::identity(tx)?.map(|(_, name)| name).unwrap_or_default()
                    }
                },
                licence: DEFAULT_LICENCE.to_string(),
                topics: Vec::new(),
                created_at: now.clone(),
                updated_at: now,
                derived_from: None,
                modules: Vec::new(),
            };
            course.title.set(lang, title, lang);
            rows::insert_course_tree(tx, &course)?;
            search::reindex_course(tx, &course)?;
            Ok(course)
        })
    }

    pub fn update_course(&mut self, course_id: &str, changes: CourseChanges) -> Result<Course> {
        self.change_course(course_id, |tx, course| {
            if let Some(slug) = changes.slug {
                if slug != course.slug {
                    if !is_valid_slug(&slug) {
                        return Err(Error::InvalidSlug { slug });
                    }
                    if rows::slug_exists(tx, &slug)? {
                        return Err(Error::SlugTaken { slug });
                    }
                    course.slug = slug;
                }
            }
            if let Some(lang) = changes.source_lang {
                if lang != course.source_lang {
                    change_source_language(course, lang);
                }
            }
            if let Some(organisation) = changes.organisation {
                course.organisation = organisation.trim().to_string();
            }
            if let Some(licence) = changes.licence {
                course.licence = licence.trim().to_string();
            }
            if let Some(topics) = changes.topics {
                course.set_topics(course.source_lang, topics);
            }
            if let Some(topics) = changes.topics_translation {
                course.set_topics(course.source_lang.other(), topics);
            }
            Ok(course.clone())
        })
    }

    pub fn set_course_text(
        &mut self,
        course_id: &str,
        field: CourseField,
        lang: Lang,
        text: &str,
    ) -> Result<Course> {
        self.change_course(course_id, |_, course| {
            let source = course.source_lang;
            if field == CourseField::Title && lang == source {
                non_empty_title(text)?;
            }
            let target = match field {
                CourseField::Title => &mut course.title,
                CourseField::Summary => &mut course.summary,
            };
            target.set(lang, text.trim().to_string(), source);
            Ok(course.clone())
        })
    }

    // `delete_course` moves a course to the bin: see `package/bin.rs`.

    /// A full copy with new ids, a new slug and a "derived from" link to the original.
    pub fn duplicate_course(&mut self, course_id: &str) -> Result<Course> {
        let original = self.course(course_id)?;
        self.write(|tx| {
            let mut copy = original.clone();
            copy.id = new_id();
            copy.slug = free_slug(tx, &format!("{}-copia", original.slug))?;
            copy.revision = 1;
            copy.created_at = now();
            copy.updated_at = copy.created_at.clone();
            copy.derived_from = Some(original.id.clone());
            append_to_title(&mut copy.title, " (cópia)", " (copy)", copy.source_lang);
            for module in &mut copy.modules {
                module.id = new_id();
                for lesson in &mut module.lessons {
                    lesson.id = new_id();
                }
            }
            rows::insert_course_tree(tx, &copy)?;
            search::reindex_course(tx, &copy)?;
            // Media rows are copied; the bytes are shared, not duplicated.
            crate::media::rows::copy_course_media(tx, &original.id, &copy.id)?;
            Ok(copy)
        })
    }

    // ---- modules -------------------------------------------------------

    /// Adds a module at `position` (1-based; `None` = at the end).
    pub fn add_module(
        &mut self,
        course_id: &str,
        title: &str,
        lang: Lang,
        position: Option<usize>,
    ) -> Result<Module> {
        let title = non_empty_title(title)?;
        self.change_course(course_id, |_, course| {
            let index = insert_index(position, course.modules.len())?;
            let mut module =
                Module { id: new_id(), title: Bilingual::default(), lessons: Vec::new() };
            module.title.set(lang, title, course.source_lang);
            course.modules.insert(index, module.clone());
            Ok(module)
        })
    }

    pub fn set_module_title(&mut self, module_id: &str, lang: Lang, title: &str) -> Result<()> {
        self.change_module_course(module_id, |_, course| {
            let source = course.source_lang;
            if lang == source {
                non_empty_title(title)?;
            }
            let m = module_index(course, module_id)?;
            let module = &mut course.modules[m];
            module.title.set(lang, title.trim().to_string(), source);
            Ok(())
        })
    }

    pub fn delete_module(&mut self, module_id: &str) -> Result<()> {
        self.change_module_course(module_id, |_, course| {
            course.modules.retain(|m| m.id != module_id);
            Ok(())
        })
    }

    /// Moves a module to `position` (1-based) within its course.
    pub fn move_module(&mut self, module_id: &str, position: usize) -> Result<()> {
        self.change_module_course(module_id, |_, course| {
            let from = module_index(course, module_id)?;
            let to = move_index(position, course.modules.len())?;
            let module = course.modules.remove(from);
            course.modules.insert(to, module);
            Ok(())
        })
    }

    fn course_id_of_module(&self, module_id: &str) -> Result<String> {
        rows::course_of_module(self.conn(), module_id)?
            .ok_or_else(|| Error::ModuleNotFound { query: module_id.into() })
    }

    fn course_id_of_lesson(&self, lesson_id: &str) -> Result<String> {
        rows::course_of_lesson(self.conn(), lesson_id)?
            .ok_or_else(|| Error::LessonNotFound { query: lesson_id.into() })
    }

    // ---- lessons -------------------------------------------------------

    /// Adds a lesson to a module at `position` (1-based; `None` = at the end).
    pub fn add_lesson(
        &mut self,
        module_id: &str,
        title: &str,
        lang: Lang,
        position: Option<usize>,
    ) -> Result<Lesson> {
        let title = non_empty_title(title)?;
        self.change_module_course(module_id, |_, course| {
            let source = course.source_lang;
            let m = module_index(course, module_id)?;
            let module = &mut course.modules[m];
            let index = insert_index(position, module.lessons.len())?;
            let mut lesson = Lesson {
                id: new_id(),
                title: Bilingual::default(),
                body: Bilingual::default(),
                notes: Bilingual::default(),
                minutes: 10,
                quiz: None,
            };
            lesson.title.set(lang, title, source);
            module.lessons.insert(index, lesson.clone());
            Ok(lesson)
        })
    }

    /// Sets one language of one lesson field. Writing the source language
    /// makes an existing translation stale; writing the translation records
    /// the source it was made from.
    pub fn set_lesson_text(
        &mut self,
        lesson_id: &str,
        field: LessonField,
        lang: Lang,
        text: &str,
    ) -> Result<Lesson> {
        self.change_lesson(lesson_id, |lesson, source| set_field(lesson, field, lang, text, source))
    }

    /// [`Library::set_lesson_text`] only if the stored text is still `base`,
    /// the text the editor loaded (or last saved) for this field: a save
    /// based on text that another window or program has changed since is
    /// refused with [`Error::EditConflict`] and changes nothing, so both texts
    /// survive (the other one stored, this one still in the editor).
    pub fn set_lesson_text_from(
        &mut self,
        lesson_id: &str,
        field: LessonField,
        lang: Lang,
        base: &str,
        text: &str,
    ) -> Result<Lesson> {
        self.change_lesson(lesson_id, |lesson, source| {
            if lesson.field_mut(field).get(lang) != base {
                return Err(Error::EditConflict);
            }
            set_field(lesson, field, lang, text, source)
        })
    }

    /// The first lesson of a course whose quiz is still a draft, as
    /// [`Error::QuizIncomplete`] (position like `2.1`, and what is missing).
    pub fn first_quiz_draft(course: &Course) -> Option<Error> {
        for (m, module) in course.modules.iter().enumerate() {
            for (l, lesson) in module.lessons.iter().enumerate() {
                let Some(quiz) = &lesson.quiz else { continue };
                let problem =
                    quiz.check_savable().err().or_else(|| quiz.missing().into_iter().next());
                if let Some(problem) = problem {
                    return Some(Error::QuizIncomplete {
                        lesson: format!("{}.{}", m + 1, l + 1),
                        reason_pt: problem.message(Lang::Pt),
                        reason_en: problem.message(Lang::En),
                    });
                }
            }
        }
        None
    }

    /// Records that the translation of a lesson field was checked against the current source.
    pub fn mark_lesson_reviewed(&mut self, lesson_id: &str, field: LessonField) -> Result<Lesson> {
        self.change_lesson(lesson_id, |lesson, source| {
            lesson.field_mut(field).review(source, &format!("{field:?}").to_lowercase())
        })
    }

    /// Records that every translation of the quiz was checked against the current source.
    pub fn mark_quiz_reviewed(&mut self, lesson_id: &str) -> Result<Lesson> {
        self.change_lesson(lesson_id, |lesson, source| {
            if let Some(quiz) = &mut lesson.quiz {
                for text in quiz.texts_mut() {
                    text.review(source, "quiz")?;
                }
            }
            Ok(())
        })
    }

    pub fn mark_course_reviewed(&mut self, course_id: &str, field: CourseField) -> Result<Course> {
        self.change_course(course_id, |_, course| {
            let source = course.source_lang;
            match field {
                CourseField::Title => course.title.review(source, "title")?,
                CourseField::Summary => course.summary.review(source, "summary")?,
            }
            Ok(course.clone())
        })
    }

    pub fn set_lesson_minutes(&mut self, lesson_id: &str, minutes: u32) -> Result<Lesson> {
        self.change_lesson(lesson_id, |lesson, _| {
            lesson.minutes = minutes;
            Ok(())
        })
    }

    /// Sets or removes a lesson's quiz. A draft (a question without its
    /// prompt or right answer yet) is saved; a contradictory quiz is refused
    /// with the reason. Completeness is checked where it matters: the quiz
    /// editor's hints and the export pre-flight ([`Library::first_quiz_draft`]).
    pub fn set_quiz(&mut self, lesson_id: &str, quiz: Option<Quiz>) -> Result<Lesson> {
        if let Some(quiz) = &quiz {
            quiz.check_savable().map_err(|p| Error::InvalidQuiz { reason: p.to_string() })?;
        }
        self.change_lesson(lesson_id, |lesson, _| {
            lesson.quiz = quiz;
            Ok(())
        })
    }

    pub fn delete_lesson(&mut self, lesson_id: &str) -> Result<()> {
        self.change_lesson_course(lesson_id, |_, course| {
            for module in &mut course.modules {
                module.lessons.retain(|l| l.id != lesson_id);
            }
            Ok(())
        })
    }

    /// Moves a lesson to `position` (1-based) in `to_module` (its own module when `None`).
    pub fn move_lesson(
        &mut self,
        lesson_id: &str,
        to_module: Option<&str>,
        position: usize,
    ) -> Result<()> {
        self.change_lesson_course(lesson_id, |_, course| {
            let (from_m, from_l) = lesson_index(course, lesson_id)?;
            let to_m = match to_module {
                None => from_m,
                Some(id) => course
                    .modules
                    .iter()
                    .position(|m| m.id == id)
                    .ok_or_else(|| Error::ModuleNotFound { query: id.into() })?,
            };
            let len = course.modules[to_m].lessons.len();
            let to_l = if to_m == from_m {
                move_index(position, len)?
            } else {
                insert_index(Some(position), len)?
            };
            let lesson = course.modules[from_m].lessons.remove(from_l);
            course.modules[to_m].lessons.insert(to_l, lesson);
            Ok(())
        })
    }

    fn change_lesson(
        &mut self,
        lesson_id: &str,
        f: impl FnOnce(&mut Lesson, Lang) -> Result<()>,
    ) -> Result<Lesson> {
        self.change_lesson_course(lesson_id, |_, course| {
            let source = course.source_lang;
            let (m, l) = lesson_index(course, lesson_id)?;
            let lesson = &mut course.modules[m].lessons[l];
            f(lesson, source)?;
            Ok(lesson.clone())
        })
    }
}
