//! The course editor: the module/lesson tree, lesson texts, review marks,
//! quizzes, course settings and the live preview.

use juntos::model::{
    Course, CourseChanges, Lang, Lesson, LessonField, Module, Quiz, TranslationStatus,
};
use juntos::{CourseField, ErrorReport, MediaItem};
use tauri::{AppHandle, Runtime, State};

use crate::dialogs::{self, Pick};
use crate::LibraryState;

fn course_field(name: &str) -> juntos::Result<CourseField> {
    match name {
        "title" => Ok(CourseField::Title),
        "summary" => Ok(CourseField::Summary),
        _ => Err(juntos::Error::UnknownField { field: name.into(), of: "course" }),
    }
}

#[tauri::command(async)]
pub fn add_module(
    state: State<'_, LibraryState>,
    course_id: String,
    title: String,
    lang: Lang,
) -> Result<Module, ErrorReport> {
    state.with(|library| library.add_module(&course_id, &title, lang, None))
}

#[tauri::command(async)]
pub fn rename_module(
    state: State<'_, LibraryState>,
    module_id: String,
    lang: Lang,
    title: String,
) -> Result<(), ErrorReport> {
    state.with(|library| library.set_module_title(&module_id, lang, &title))
}

#[tauri::command(async)]
pub fn delete_module(state: State<'_, LibraryState>, module_id: String) -> Result<(), ErrorReport> {
    state.with(|library| library.delete_module(&module_id))
}

/// `position` is 1-based.
#[tauri::command(async)]
pub fn move_module(
    state: State<'_, LibraryState>,
    module_id: String,
    position: usize,
) -> Result<(), ErrorReport> {
    state.with(|library| library.move_module(&module_id, position))
}

#[tauri::command(async)]
pub fn add_lesson(
    state: State<'_, LibraryState>,
    module_id: String,
    title: String,
    lang: Lang,
) -> Result<Lesson, ErrorReport> {
    state.with(|library| library.add_lesson(&module_id, &title, lang, None))
}

#[tauri::command(async)]
pub fn delete_lesson(state: State<'_, LibraryState>, lesson_id: String) -> Result<(), ErrorReport> {
    state.with(|library| library.delete_lesson(&lesson_id))
}

/// Moves a lesson to `position` (1-based) of `module_id` (its own module when absent).
#[tauri::command(async)]
pub fn move_lesson(
    state: State<'_, LibraryState>,
    lesson_id: String,
    module_id: Option<String>,
    position: usize,
) -> Result<(), ErrorReport> {
    state.with(|library| library.move_lesson(&lesson_id, module_id.as_deref(), position))
}

/// Saves one language of one lesson field, only if it still holds `base` (the
/// text the editor loaded or last saved): otherwise `edit_conflict`, nothing changed.
#[tauri::command(async)]
pub fn set_lesson_text(
    state: State<'_, LibraryState>,
    lesson_id: String,
    field: LessonField,
    lang: Lang,
    base: String,
    text: String,
) -> Result<Lesson, ErrorReport> {
    state.with(|library| library.set_lesson_text_from(&lesson_id, field, lang, &base, &text))
}

#[tauri::command(async)]
pub fn set_lesson_minutes(
    state: State<'_, LibraryState>,
    lesson_id: String,
    minutes: u32,
) -> Result<Lesson, ErrorReport> {
    state.with(|library| library.set_lesson_minutes(&lesson_id, minutes))
}

#[tauri::command(async)]
pub fn mark_lesson_reviewed(
    state: State<'_, LibraryState>,
    lesson_id: String,
    field: LessonField,
) -> Result<Lesson, ErrorReport> {
    state.with(|library| library.mark_lesson_reviewed(&lesson_id, field))
}

#[tauri::command(async)]
pub fn set_quiz(
    state: State<'_, LibraryState>,
    lesson_id: String,
    quiz: Option<Quiz>,
) -> Result<Lesson, ErrorReport> {
    state.with(|library| library.set_quiz(&lesson_id, quiz))
}

#[tauri::command(async)]
pub fn mark_quiz_reviewed(
    state: State<'_, LibraryState>,
    lesson_id: String,
) -> Result<Lesson, ErrorReport> {
    state.with(|library| library.mark_quiz_reviewed(&lesson_id))
}

#[tauri::command(async)]
pub fn lesson_status(
    state: State<'_, LibraryState>,
    lesson_id: String,
) -> Result<TranslationStatus, ErrorReport> {
    state.with(|library| library.lesson_translation_status(&lesson_id))
}

/// Markdown (saved or not) as the learner will see it; shown in a sandboxed frame.
#[tauri::command(async)]
pub fn render_preview(
    state: State<'_, LibraryState>,
    course_id: String,
    markdown: String,
    lang: Lang,
) -> Result<String, ErrorReport> {
    state.with(|library| {
        library.render_preview(&course_id, &markdown, lang, crate::media_protocol::base())
    })
}

#[tauri::command(async)]
pub fn update_course(
    state: State<'_, LibraryState>,
    course_id: String,
    changes: CourseChanges,
) -> Result<Course, ErrorReport> {
    state.with(|library| library.update_course(&course_id, changes))
}

/// `field` is `title` or `summary`.
#[tauri::command(async)]
pub fn set_course_text(
    state: State<'_, LibraryState>,
    course_id: String,
    field: String,
    lang: Lang,
    text: String,
) -> Result<Course, ErrorReport> {
    state.with(|library| library.set_course_text(&course_id, course_field(&field)?, lang, &text))
}

#[tauri::command(async)]
pub fn mark_course_reviewed(
    state: State<'_, LibraryState>,
    course_id: String,
    field: String,
) -> Result<Course, ErrorReport> {
    state.with(|library| library.mark_course_reviewed(&course_id, course_field(&field)?))
}

/// Asks for an image in a native dialog and makes it the cover; `None` when the person cancelled.
#[tauri::command(async)]
pub fn choose_cover<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
    course_id: String,
    title: String,
) -> Result<Option<MediaItem>, ErrorReport> {
    let Some(path) = dialogs::pick(&app, Pick::Cover, &title) else { return Ok(None) };
    state.with(|library| library.set_cover(&course_id, &path)).map(Some)
}

#[tauri::command(async)]
pub fn remove_cover(
    state: State<'_, LibraryState>,
    course_id: String,
) -> Result<bool, ErrorReport> {
    state.with(|library| library.remove_cover(&course_id))
}

/// "Ver como formando": writes the course as a learner gets it (the same
/// files as an unpacked export: the player, the course data, the media)
/// into the app's cache folder, replacing the previous view of it, and
/// opens its `index.html` in the system browser. Returns that path.
///
/// The system browser, not a window of the app: the player is made for a
/// learner's browser opening `index.html` from a stick (file://, offline),
/// which is exactly this; the app's web view is locked to its own pages by
/// the CSP (scripts and media only from the app) and the navigation guard
/// (file:// refused), which stay as they are for lesson content.
#[tauri::command(async)]
pub fn see_as_learner<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
    course_id: String,
) -> Result<String, ErrorReport> {
    let folder = learner_folder(&app, &course_id)?;
    let options = juntos::package::ExportOptions {
        to: Some(folder),
        languages: juntos::package::Languages::Both,
        overwrite: true,
    };
    let report = state.with(|library| {
        library.export_unpacked(&course_id, &options, |_| std::ops::ControlFlow::Continue(()))
    })?;
    let index = report.path.join("index.html");
    dialogs::open_file(&app, &index);
    Ok(index.display().to_string())
}

/// `<cache>/learner-view/<course id>`: one per course, replaced each time.
fn learner_folder<R: Runtime>(
    app: &AppHandle<R>,
    course_id: &str,
) -> Result<std::path::PathBuf, ErrorReport> {
    use tauri::Manager;
    let io = |path: std::path::PathBuf, source: std::io::Error| {
        ErrorReport::from(&juntos::Error::Io { path, source })
    };
    let cache = app
        .path()
        .app_cache_dir()
        .map_err(|e| io(std::path::PathBuf::from("~/.cache"), std::io::Error::other(e)))?;
    let parent = cache.join("learner-view");
    std::fs::create_dir_all(&parent).map_err(|e| io(parent.clone(), e))?;
    // Course ids are the library's own (hex/uuid); anything else is kept out of the path.
    let name: String =
        course_id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(64).collect();
    Ok(parent.join(if name.is_empty() { "course".into() } else { name }))
}
