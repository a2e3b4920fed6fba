//! One library, two writers: the desktop app holds a lesson as it loaded it
//! while another process (here the real `juntos` CLI) saves a newer text.
//! The app's save, conditional on the text it loaded, is refused with
//! `edit_conflict` and changes nothing: both texts survive, nothing is
//! silently overwritten.

use std::process::Command;

use juntos::model::{Lang, LessonField};
use juntos::Library;

/// The sample course's id and slug, its first lesson's id and Portuguese body.
fn first_lesson(lib: &Library) -> (String, String, String, String) {
    let summary = lib.list_courses().unwrap().into_iter().next().expect("the sample course");
    let course = lib.course(&summary.id).unwrap();
    let lesson = &course.modules[0].lessons[0];
    (summary.id, summary.slug, lesson.id.clone(), lesson.body.pt.clone())
}

#[test]
fn a_save_based_on_text_another_process_changed_is_refused_and_both_texts_survive() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Library::open(dir.path()).unwrap();
    let (course_id, slug, lesson_id, loaded) = first_lesson(&app);

    // The app's own saves chain: each one is based on the text it saved before.
    let mine = format!("{loaded}\n\nUma frase da janela.");
    let saved = app.set_lesson_text_from(&lesson_id, LessonField::Body, Lang::Pt, &loaded, &mine);
    assert_eq!(saved.unwrap().body.pt, mine);

    // Another process writes the same field.
    let theirs = "# Texto escrito no terminal\n";
    let out = Command::new(env!("CARGO_BIN_EXE_juntos"))
        .env("JUNTOS_LIBRARY", dir.path())
        .args(["edit", &slug, "1.1", "--field", "body", "--lang", "pt"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(theirs.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // The app, still on its own last text, saves again: refused, nothing written.
    let revision = app.course(&course_id).unwrap().revision;
    let stale = format!("{mine} E mais.");
    let refused = app.set_lesson_text_from(&lesson_id, LessonField::Body, Lang::Pt, &mine, &stale);
    let error = refused.expect_err("a stale save must be refused");
    assert_eq!(error.code(), "edit_conflict");
    assert!(error.message(Lang::Pt).contains("Nada foi gravado por cima"));
    assert!(error.message(Lang::En).contains("Nothing was saved over it"));
    let course = app.course(&course_id).unwrap();
    assert_eq!(course.modules[0].lessons[0].body.pt.trim_end(), theirs.trim_end());
    assert_eq!(course.revision, revision, "a refused save raises no revision");

    // Choosing to keep one's own text is a save based on what is stored now.
    let stored = course.modules[0].lessons[0].body.pt.clone();
    let kept = app.set_lesson_text_from(&lesson_id, LessonField::Body, Lang::Pt, &stored, &stale);
    assert_eq!(kept.unwrap().body.pt, stale);
}

#[test]
fn a_save_of_another_field_or_language_is_not_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Library::open(dir.path()).unwrap();
    let (_, _, lesson_id, _) = first_lesson(&app);
    let mut other = Library::open(dir.path()).unwrap();
    let lesson = other.set_lesson_text(&lesson_id, LessonField::Notes, Lang::Pt, "Notas").unwrap();
    let en = lesson.body.en.clone();
    let saved = app.set_lesson_text_from(&lesson_id, LessonField::Body, Lang::En, &en, "New");
    assert_eq!(saved.unwrap().notes.pt, "Notas");
}
