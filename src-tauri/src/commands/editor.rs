//! The course editor: the module/lesson tree, lesson texts, review marks,
//! quizzes, course settings and the live preview.

use juntos::model::{
    Course, CourseChanges, Lang, Lesson, LessonField, Module, Quiz, TranslationStatus,
};
use juntos::{CourseField, ErrorReport, MediaItem};
use tauri::{AppHandle, Runtime, State};

use crate::dialogs::{self, Pick};
use crate::loopback::Loopback;
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
    server: State<'_, Loopback>,
    course_id: String,
    markdown: String,
    lang: Lang,
) -> Result<String, ErrorReport> {
    let media_base = server.media_base();
    state.with(|library| library.render_preview(&course_id, &markdown, lang, &media_base))
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
/// shows it in a window of the app, the "learner" window, served by the
/// loopback server (so its videos play, which a file:// page in the web view
/// could not, and the main window stays locked to the app's own pages).
/// That window is granted no command (capabilities/main.json names only
/// "main"); the navigation guard keeps it on the learner view. Returns the
/// path of the written `index.html`.
#[tauri::command(async)]
pub fn see_as_learner<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
    server: State<'_, Loopback>,
    course_id: String,
) -> Result<String, ErrorReport> {
    let (folder, name) = learner_folder(&app, &course_id)?;
    let options = juntos::package::ExportOptions {
        to: Some(folder),
        languages: juntos::package::Languages::Both,
        overwrite: true,
    };
    let report = state.with(|library| {
        library.export_unpacked(&course_id, &options, |_| std::ops::ControlFlow::Continue(()))
    })?;
    let index = report.path.join("index.html");
    let course = state.with(|library| library.course(&course_id))?;
    let title = course.title.get_or_other(state.ui_lang()).to_string();
    if server.is_available() {
        learner_window(&app, &server.learner_window_url(&name), &title);
    } else {
        dialogs::open_file(&app, &index);
    }
    Ok(index.display().to_string())
}

/// Shows `url` in the learner window, opening it the first time.
fn learner_window<R: Runtime>(app: &AppHandle<R>, url: &str, title: &str) {
    use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};
    let Ok(url) = url.parse::<tauri::Url>() else { return };
    if let Some(window) = app.get_webview_window(LEARNER_WINDOW) {
        let _ = window.navigate(url);
        let _ = window.set_title(title);
        let _ = window.set_focus();
        return;
    }
    let built = WebviewWindowBuilder::new(app, LEARNER_WINDOW, WebviewUrl::External(url))
        .title(title)
        .inner_size(1100.0, 720.0)
        .min_inner_size(360.0, 480.0)
        .build();
    if let Err(error) = built {
        eprintln!("juntos-studio: the learner window did not open: {error}");
    }
}

/// The label of the window that shows "Ver como formando".
pub const LEARNER_WINDOW: &str = "learner";

/// `<cache>/learner-view/<course id>`: one per course, replaced each time;
/// with the folder's name, which is also its name in the learner URL.
fn learner_folder<R: Runtime>(
    app: &AppHandle<R>,
    course_id: &str,
) -> Result<(std::path::PathBuf, String), ErrorReport> {
    let io = |path: std::path::PathBuf, source: std::io::Error| {
        ErrorReport::from(&juntos::Error::Io { path, source })
    };
    let parent = crate::loopback::learner_root(app).ok_or_else(|| {
        io(std::path::PathBuf::from("~/.cache"), std::io::Error::other("no cache folder"))
    })?;
    std::fs::create_dir_all(&parent).map_err(|e| io(parent.clone(), e))?;
    // Course ids are the library's own (hex/uuid); anything else is kept out of the path.
    let name: String =
        course_id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(64).collect();
    let name = if name.is_empty() { "course".to_string() } else { name };
    Ok((parent.join(&name), name))
}
