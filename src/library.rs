//! `Library`: a folder holding `library.db` and `media/`, and everything a
//! person can do with the courses in it.
//!
//! Every change follows one path: load the course tree, change it in memory,
//! save the differences, bump the revision and rebuild the course's search
//! documents — all in one IMMEDIATE transaction. A change either happens whole
//! or not at all, and search, revision and content can never disagree.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::model::{
    course_status, is_valid_slug, lesson_status, module_status, slugify, Bilingual, Course,
    CourseChanges, CourseSummary, Lang, Lesson, LessonField, Module, NewCourse, Quiz,
    TranslationStatus, DEFAULT_LICENCE,
};
use crate::resolve;
use crate::store::rows::{self, Table};
use crate::store::{self, open_database, search, OpenOptions, ReadOnlyCause, SearchHit};

pub const DATABASE_FILE: &str = "library.db";
pub const MEDIA_DIR: &str = "media";

pub struct Library {
    root: PathBuf,
    conn: Connection,
    options: OpenOptions,
    /// Set when the library could only be opened for reading (see `store/open.rs`).
    read_only: Option<ReadOnlyCause>,
}

/// A bilingual field of the course itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseField {
    Title,
    Summary,
}

impl Library {
    /// `$JUNTOS_LIBRARY` when set, else `<platform data folder>/juntos-studio`.
    pub fn default_location() -> PathBuf {
        match std::env::var_os("JUNTOS_LIBRARY") {
            Some(path) if !path.is_empty() => PathBuf::from(path),
            _ => dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("juntos-studio"),
        }
    }

    /// Opens the library in `root`, creating it (with the sample course) when
    /// the folder has no database yet.
    pub fn open(root: &Path) -> Result<Library> {
        Self::open_with(root, &OpenOptions::default())
    }

    pub fn open_with(root: &Path, options: &OpenOptions) -> Result<Library> {
        let db_path = root.join(DATABASE_FILE);
        let is_new = !db_path.exists();
        if is_new {
            prepare_folder(root)?;
        }
        let opened = open_database(&db_path, options)?;
        let mut library = Library {
            root: root.to_path_buf(),
            conn: opened.conn,
            options: options.clone(),
            read_only: opened.read_only,
        };
        if is_new {
            library.seed_sample()?;
        }
        // Leftovers of a crash are cleaned the next time the library can be written.
        if library.read_only.is_none() {
            library.after_open(is_new)?;
        }
        Ok(library)
    }

    /// Why the library could only be opened for reading, if so: every change
    /// is then refused with that cause (until it goes away, see `write`).
    pub fn read_only(&self) -> Option<ReadOnlyCause> {
        self.read_only
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn media_dir(&self) -> PathBuf {
        self.root.join(MEDIA_DIR)
    }

    /// For the other modules of the core (media) that read with their own queries.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    fn seed_sample(&mut self) -> Result<()> {
        let course = crate::sample::sample_course()?;
        self.write(|tx| {
            if rows::course_keys(tx)?.is_empty() {
                rows::insert_course_tree(tx, &course)?;
                search::reindex_course(tx, &course)?;
            }
            Ok(())
        })
    }

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
        rows::list_courses(&self.conn)
    }

    /// Finds a course by id, unique id prefix or slug; returns its id.
    pub fn resolve_course(&self, query: &str) -> Result<String> {
        resolve::course_id(&rows::course_keys(&self.conn)?, query)
    }

    pub fn course(&self, id: &str) -> Result<Course> {
        rows::load_course(&self.conn, id)?.ok_or_else(|| Error::CourseNotFound { query: id.into() })
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
        rows::load_lesson(&self.conn, lesson_id)?
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
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        search::search(&self.conn, query, limit)
    }

    // ---- courses -------------------------------------------------------

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
                organisation: new.organisation.unwrap_or_default(),
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
        let course_id = self.course_id_of_module(module_id)?;
        self.change_course(&course_id, |_, course| {
            let source = course.source_lang;
            if lang == source {
                non_empty_title(title)?;
            }
            let module =
                course.modules.iter_mut().find(|m| m.id == module_id).expect("module of course");
            module.title.set(lang, title.trim().to_string(), source);
            Ok(())
        })
    }

    pub fn delete_module(&mut self, module_id: &str) -> Result<()> {
        let course_id = self.course_id_of_module(module_id)?;
        self.change_course(&course_id, |_, course| {
            course.modules.retain(|m| m.id != module_id);
            Ok(())
        })
    }

    /// Moves a module to `position` (1-based) within its course.
    pub fn move_module(&mut self, module_id: &str, position: usize) -> Result<()> {
        let course_id = self.course_id_of_module(module_id)?;
        self.change_course(&course_id, |_, course| {
            let from =
                course.modules.iter().position(|m| m.id == module_id).expect("module of course");
            let to = move_index(position, course.modules.len())?;
            let module = course.modules.remove(from);
            course.modules.insert(to, module);
            Ok(())
        })
    }

    fn course_id_of_module(&self, module_id: &str) -> Result<String> {
        rows::course_of_module(&self.conn, module_id)?
            .ok_or_else(|| Error::ModuleNotFound { query: module_id.into() })
    }

    fn course_id_of_lesson(&self, lesson_id: &str) -> Result<String> {
        rows::course_of_lesson(&self.conn, lesson_id)?
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
        let course_id = self.course_id_of_module(module_id)?;
        self.change_course(&course_id, |_, course| {
            let source = course.source_lang;
            let module =
                course.modules.iter_mut().find(|m| m.id == module_id).expect("module of course");
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
        let course_id = self.course_id_of_lesson(lesson_id)?;
        self.change_course(&course_id, |_, course| {
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
        let course_id = self.course_id_of_lesson(lesson_id)?;
        self.change_course(&course_id, |_, course| {
            let (from_m, from_l) = find_lesson(course, lesson_id).expect("lesson of course");
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
        let course_id = self.course_id_of_lesson(lesson_id)?;
        self.change_course(&course_id, |_, course| {
            let source = course.source_lang;
            let (m, l) = find_lesson(course, lesson_id).expect("lesson of course");
            let lesson = &mut course.modules[m].lessons[l];
            f(lesson, source)?;
            Ok(lesson.clone())
        })
    }

    // ---- the one write path -------------------------------------------

    /// Loads a course, lets `f` change it in memory, then saves the
    /// differences, a new revision and the search documents in one transaction.
    pub(crate) fn change_course<T>(
        &mut self,
        course_id: &str,
        f: impl FnOnce(&Transaction, &mut Course) -> Result<T>,
    ) -> Result<T> {
        self.write(|tx| {
            let before = rows::load_course(tx, course_id)?
                .ok_or_else(|| Error::CourseNotFound { query: course_id.into() })?;
            let mut after = before.clone();
            let out = f(tx, &mut after)?;
            if after.has_new_multiline_title(&before) {
                return Err(Error::TitleMultiline);
            }
            if after != before {
                after.revision = before.revision + 1;
                after.updated_at = now();
                save_differences(tx, &before, &after)?;
                search::reindex_changes(tx, &before, &after)?;
            }
            Ok(out)
        })
    }

    /// Runs `f` in one IMMEDIATE transaction: committed when it returns Ok,
    /// rolled back entirely when it returns Err.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let db_path = self.root.join(DATABASE_FILE);
        if self.read_only.is_some() {
            // Opened for reading only: the disk may have room again, or the
            // stick may have been remounted; open again to find out.
            let opened = open_database(&db_path, &self.options)?;
            if let Some(cause) = opened.read_only {
                return Err(cause.error(&self.root));
            }
            self.conn = opened.conn;
            self.read_only = None;
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| store::classify(e, &db_path))?;
        // A full disk or a read-only file is the person's to fix, whether
        // SQLite notices it mid-change or at the commit.
        let out = f(&tx).map_err(|e| match e {
            Error::Database(e) => store::classify(e, &db_path),
            other => other,
        })?;
        tx.commit().map_err(|e| store::classify(e, &db_path))?;
        Ok(out)
    }
}

/// Writes what differs between two versions of the same course.
fn save_differences(tx: &Transaction, before: &Course, after: &Course) -> Result<()> {
    rows::update_course_row(tx, after)?;
    let after_modules: Vec<&str> = after.modules.iter().map(|m| m.id.as_str()).collect();
    let after_lessons: Vec<&str> = after.lessons().map(|l| l.id.as_str()).collect();
    for (position, module) in after.modules.iter().enumerate() {
        match before.modules.iter().find(|m| m.id == module.id) {
            None => rows::insert_module(tx, &after.id, position, module)?,
            Some(old) if old.title != module.title => rows::update_module_row(tx, module)?,
            Some(_) => {}
        }
        for (lesson_position, lesson) in module.lessons.iter().enumerate() {
            match find_lesson(before, &lesson.id) {
                None => rows::insert_lesson(tx, &module.id, lesson_position, lesson)?,
                Some((m, l)) => {
                    if before.modules[m].id != module.id {
                        rows::move_lesson_to_module(tx, &lesson.id, &module.id)?;
                    }
                    if before.modules[m].lessons[l] != *lesson {
                        rows::update_lesson(tx, lesson)?;
                    }
                }
            }
        }
        // An edit of a text keeps the order: no position to rewrite.
        let same_order = before.modules.iter().find(|m| m.id == module.id).is_some_and(|old| {
            old.lessons.iter().map(|l| &l.id).eq(module.lessons.iter().map(|l| &l.id))
        });
        if !same_order {
            let ids: Vec<String> = module.lessons.iter().map(|l| l.id.clone()).collect();
            rows::set_positions(tx, Table::Lessons, &ids)?;
        }
    }
    if !before.modules.iter().map(|m| m.id.as_str()).eq(after_modules.iter().copied()) {
        rows::set_positions(
            tx,
            Table::Modules,
            &after_modules.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )?;
    }
    // Deletions last, so that a lesson moved out of a removed module survives.
    for lesson in before.lessons().filter(|l| !after_lessons.contains(&l.id.as_str())) {
        rows::delete_lesson(tx, &lesson.id)?;
    }
    for module in before.modules.iter().filter(|m| !after_modules.contains(&m.id.as_str())) {
        rows::delete_module(tx, &module.id)?;
    }
    Ok(())
}

fn find_lesson(course: &Course, lesson_id: &str) -> Option<(usize, usize)> {
    course.modules.iter().enumerate().find_map(|(m, module)| {
        module.lessons.iter().position(|l| l.id == lesson_id).map(|l| (m, l))
    })
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

/// Creates the library folder and proves it is writable before SQLite is asked to.
fn prepare_folder(root: &Path) -> Result<()> {
    let not_writable = |source: std::io::Error| match source.raw_os_error() {
        Some(libc::ENOSPC) => Error::DiskFull { path: root.to_path_buf() },
        _ => Error::LibraryNotWritable { path: root.to_path_buf(), source },
    };
    std::fs::create_dir_all(root.join(MEDIA_DIR)).map_err(not_writable)?;
    tempfile_probe(root).map_err(not_writable)
}

fn tempfile_probe(root: &Path) -> std::io::Result<()> {
    let probe = root.join(format!(".write-probe-{}", std::process::id()));
    std::fs::write(&probe, b"")?;
    std::fs::remove_file(&probe)
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
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
