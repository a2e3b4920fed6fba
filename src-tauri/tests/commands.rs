//! The app's commands through real IPC (argument deserialization, the ACL of
//! `capabilities/main.json`, error serialization) on Tauri's mock runtime: no
//! display needed. Each test opens its own library in a temp folder and hands
//! it to the app as state, exactly as `run()` does with the default location.

use juntos::model::{CourseSummary, TranslationStatus};
use juntos::ErrorReport;
use juntos_studio::{setup, AppInfo, LibraryState};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::{InvokeRequest, WebviewWindowBuilder};
use tauri::{Manager, WebviewWindow};

fn app_with(
    state: LibraryState,
    label: &str,
) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = setup(mock_builder())
        .manage(state)
        .build(tauri::generate_context!())
        .expect("build the app on the mock runtime");
    let window = WebviewWindowBuilder::new(&app, label, Default::default())
        .build()
        .expect("create a window");
    (app, window)
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

fn call<T: DeserializeOwned>(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> T {
    match invoke(window, cmd, args) {
        Ok(value) => {
            serde_json::from_value(value).unwrap_or_else(|e| panic!("{cmd}: unexpected shape: {e}"))
        }
        Err(e) => panic!("{cmd} failed: {e}"),
    }
}

fn ok<T: DeserializeOwned>(result: Result<Value, Value>) -> T {
    serde_json::from_value(result.expect("command failed"))
        .expect("response has the expected shape")
}

fn err(result: Result<Value, Value>) -> ErrorReport {
    serde_json::from_value(result.expect_err("command succeeded")).expect("error is an ErrorReport")
}

#[test]
fn list_courses_returns_the_sample_course() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(LibraryState::open(dir.path().join("library")), "main");

    let courses: Vec<CourseSummary> = ok(invoke(&window, "list_courses", json!({})));
    assert_eq!(courses.len(), 1, "a new library holds the sample course");
    let sample = &courses[0];
    assert_eq!(sample.title.pt, "Apresentações eficazes");
    assert_eq!(sample.title.en, "Effective presentations");
    assert!(sample.module_count > 0 && sample.lesson_count > 0);

    let status: TranslationStatus =
        ok(invoke(&window, "translation_status", json!({ "courseId": sample.id })));
    assert!(status.pt_percent <= 100 && status.en_percent <= 100);

    let course: juntos::model::Course =
        ok(invoke(&window, "get_course", json!({ "id": sample.id })));
    assert_eq!(course.modules.len() as u32, sample.module_count);
}

#[test]
fn unknown_course_is_a_translated_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(LibraryState::open(dir.path()), "main");

    let report = err(invoke(&window, "get_course", json!({ "id": "no-such-course" })));
    assert_eq!(report.code, "course_not_found");
    assert!(!report.message_pt.is_empty() && !report.message_en.is_empty());
}

#[test]
fn a_library_that_fails_to_open_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(juntos::DATABASE_FILE);
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&db, &garbage).unwrap();
    let (_app, window) = app_with(LibraryState::open(dir.path()), "main");

    let report = err(invoke(&window, "list_courses", json!({})));
    assert_eq!(report.code, "library_corrupt");
    assert!(report.message_pt.contains("library.db"), "{}", report.message_pt);
    assert!(report.message_en.contains("library.db"), "{}", report.message_en);
    assert_eq!(std::fs::read(&db).unwrap(), garbage, "the damaged database is left untouched");

    // The window can still say where the library is.
    let info: AppInfo = ok(invoke(&window, "app_info", json!({})));
    assert_eq!(info.library_path, dir.path().display().to_string());
    assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
}

#[test]
fn commands_are_granted_to_the_main_window_only() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(LibraryState::open(dir.path()), "other");

    let refused = invoke(&window, "list_courses", json!({})).expect_err("refused by the ACL");
    assert!(refused.to_string().contains("not allowed"), "{refused}");
}

// ---- the app's whole surface ------------------------------------------------

use juntos::model::{Course, Lesson, Module};
use juntos::org::OrgIdentity;
use juntos::package::{ExportReport, ImportReport};
use juntos::{CourseCard, ExportPreflight, ImportPreview, MediaItem, MediaStatus, SearchHit};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/media").join(name)
}

/// A channel argument as the web view sends it (`__CHANNEL__:<id>`).
const CHANNEL: &str = "__CHANNEL__:7";

#[test]
fn every_command_is_registered_granted_and_listed_once() {
    let build = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/build.rs")).unwrap();
    let listed: Vec<String> = build
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix("\",").map(str::to_string))
        .collect();
    let capability: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/main.json"))
            .unwrap(),
    )
    .unwrap();
    let granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), listed.len(), "a command is listed twice in build.rs");
    let mut granted_sorted = granted.clone();
    granted_sorted.sort();
    assert_eq!(
        granted_sorted, sorted,
        "capabilities/main.json grants exactly the commands of build.rs"
    );
    // No plugin permission beyond listening to the close request.
    let others: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.starts_with("allow-"))
        .collect();
    assert_eq!(others, ["core:event:allow-listen", "core:event:allow-unlisten"]);
    // Every listed command is registered: calling it never says "not found".
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(LibraryState::open(dir.path()), "main");
    for command in &listed {
        if let Err(e) = invoke(&window, command, json!({})) {
            let text = e.to_string();
            assert!(
                !text.contains("not found") && !text.contains("not allowed"),
                "{command}: {text}"
            );
        }
    }
}

#[test]
fn library_view_commands_create_search_duplicate_delete() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(LibraryState::open(dir.path().join("lib")), "main");

    let created: Course =
        call(&window, "create_course", json!({ "title": "Educação cívica", "lang": "pt" }));
    assert_eq!(created.title.pt, "Educação cívica");
    assert_eq!(created.slug, "educacao-civica");

    let ids: Vec<String> = call::<Vec<CourseSummary>>(&window, "list_courses", json!({}))
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids.len(), 2);
    let cards: Vec<CourseCard> =
        call(&window, "course_cards", json!({ "ids": [ids[0], ids[1], "gone"] }));
    assert_eq!(cards.len(), 2, "unknown ids are skipped");
    let new_card = cards.iter().find(|c| c.id == created.id).unwrap();
    assert_eq!((new_card.pt_percent, new_card.en_percent), (100, 0));
    assert!(new_card.cover.is_none());

    let hits: Vec<SearchHit> = call(&window, "search", json!({ "query": "educacao", "limit": 10 }));
    assert_eq!(hits[0].course_id, created.id, "accents optional");
    let none: Vec<SearchHit> = call(&window, "search", json!({ "query": "\"" }));
    assert!(none.is_empty());

    let copy: Course = call(&window, "duplicate_course", json!({ "id": created.id }));
    assert_eq!(copy.derived_from.as_deref(), Some(created.id.as_str()));
    let _: () = call(&window, "delete_course", json!({ "id": copy.id }));
    let report = err(invoke(&window, "get_course", json!({ "id": copy.id })));
    assert_eq!(report.code, "course_not_found");
    let report = err(invoke(&window, "create_course", json!({ "title": "  ", "lang": "en" })));
    assert_eq!(report.code, "empty_title");
}

#[test]
fn a_deleted_course_goes_to_the_bin_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(LibraryState::open(dir.path().join("lib")), "main");
    let course: Course = call(&window, "create_course", json!({ "title": "Saúde", "lang": "pt" }));
    let other: Course = call(&window, "create_course", json!({ "title": "Água", "lang": "pt" }));
    let before: Vec<CourseSummary> = call(&window, "list_courses", json!({}));
    let _: () = call(&window, "delete_course", json!({ "id": course.id }));
    assert_eq!(
        err(invoke(&window, "get_course", json!({ "id": course.id }))).code,
        "course_not_found"
    );
    let bin: Vec<juntos::package::BinnedCourse> = call(&window, "binned_courses", json!({}));
    assert_eq!(bin.len(), 1);
    assert_eq!(bin[0].course_id, course.id);
    assert_eq!(bin[0].title.pt, "Saúde");

    let back: Course = call(&window, "restore_deleted_course", json!({ "id": course.id }));
    assert_eq!(back.id, course.id);
    assert_eq!(back.title.pt, "Saúde");
    let listed: Vec<CourseSummary> = call(&window, "list_courses", json!({}));
    assert_eq!(listed.len(), before.len());
    let bin: Vec<juntos::package::BinnedCourse> = call(&window, "binned_courses", json!({}));
    assert!(bin.is_empty());

    let _: () = call(&window, "delete_course", json!({ "id": other.id }));
    let emptied: usize = call(&window, "empty_bin", json!({}));
    assert_eq!(emptied, 1);
    let report = err(invoke(&window, "restore_deleted_course", json!({ "id": other.id })));
    assert!(!report.code.is_empty());
    let listed: Vec<CourseSummary> = call(&window, "list_courses", json!({}));
    assert_eq!(listed.len(), before.len() - 1);
}

#[test]
fn editor_commands_edit_reorder_and_track_stale_translations() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(LibraryState::open(dir.path().join("lib")), "main");
    let course: Course = call(&window, "create_course", json!({ "title": "Saúde", "lang": "pt" }));
    let m1: Module = call(
        &window,
        "add_module",
        json!({ "courseId": course.id, "title": "Água", "lang": "pt" }),
    );
    let m2: Module = call(
        &window,
        "add_module",
        json!({ "courseId": course.id, "title": "Nutrição", "lang": "pt" }),
    );
    let _: () = call(
        &window,
        "rename_module",
        json!({ "moduleId": m1.id, "lang": "en", "title": "Water" }),
    );
    let a: Lesson =
        call(&window, "add_lesson", json!({ "moduleId": m1.id, "title": "Ferver", "lang": "pt" }));
    let b: Lesson =
        call(&window, "add_lesson", json!({ "moduleId": m1.id, "title": "Guardar", "lang": "pt" }));

    let _: Lesson = call(
        &window,
        "set_lesson_text",
        json!({ "lessonId": a.id, "field": "body", "lang": "pt", "base": "", "text": "# Ferver a água" }),
    );
    let _: Lesson = call(
        &window,
        "set_lesson_text",
        json!({ "lessonId": a.id, "field": "body", "lang": "en", "base": "", "text": "# Boil water" }),
    );
    let status: TranslationStatus = call(&window, "lesson_status", json!({ "lessonId": a.id }));
    assert_eq!(
        status.state_of(&a.id, "body", juntos::model::Lang::En),
        Some(juntos::model::FieldState::Complete)
    );
    let _: Lesson = call(
        &window,
        "set_lesson_text",
        json!({ "lessonId": a.id, "field": "body", "lang": "pt", "base": "# Ferver a água", "text": "# Ferver a água 5 minutos" }),
    );
    let status: TranslationStatus = call(&window, "lesson_status", json!({ "lessonId": a.id }));
    assert_eq!(
        status.state_of(&a.id, "body", juntos::model::Lang::En),
        Some(juntos::model::FieldState::Stale)
    );
    let _: Lesson =
        call(&window, "mark_lesson_reviewed", json!({ "lessonId": a.id, "field": "body" }));
    let status: TranslationStatus = call(&window, "lesson_status", json!({ "lessonId": a.id }));
    assert_eq!(
        status.state_of(&a.id, "body", juntos::model::Lang::En),
        Some(juntos::model::FieldState::Complete)
    );

    // A save based on text that changed since (another window saved first) is
    // refused and changes nothing: both texts survive.
    let report = err(invoke(
        &window,
        "set_lesson_text",
        json!({ "lessonId": a.id, "field": "body", "lang": "pt", "base": "# Ferver a água", "text": "# Texto velho" }),
    ));
    assert_eq!(report.code, "edit_conflict");
    assert!(report.message_pt.contains("alterado noutro sítio"), "{}", report.message_pt);
    let c: Course = call(&window, "get_course", json!({ "id": course.id }));
    assert_eq!(c.modules[0].lessons[0].body.pt, "# Ferver a água 5 minutos");

    let l: Lesson = call(&window, "set_lesson_minutes", json!({ "lessonId": a.id, "minutes": 25 }));
    assert_eq!(l.minutes, 25);

    // Reorder: lesson b to the top, then into module 2; module 2 first.
    let _: () =
        call(&window, "move_lesson", json!({ "lessonId": b.id, "moduleId": null, "position": 1 }));
    let c: Course = call(&window, "get_course", json!({ "id": course.id }));
    assert_eq!(c.modules[0].lessons[0].id, b.id);
    let _: () =
        call(&window, "move_lesson", json!({ "lessonId": b.id, "moduleId": m2.id, "position": 1 }));
    let _: () = call(&window, "move_module", json!({ "moduleId": m2.id, "position": 1 }));
    let c: Course = call(&window, "get_course", json!({ "id": course.id }));
    assert_eq!(c.modules[0].id, m2.id);
    assert_eq!(c.modules[0].lessons[0].id, b.id);
    assert_eq!(c.modules[1].title.en, "Water");
    let report = err(invoke(&window, "move_module", json!({ "moduleId": m2.id, "position": 9 })));
    assert_eq!(report.code, "invalid_position");

    // Quiz: a valid one is saved, an invalid one refused with the reason.
    let quiz = json!({ "pass_mark": 70, "questions": [{ "id": "q1", "kind": "single_choice",
        "prompt": { "pt": "Quanto tempo?", "en": "How long?" },
        "options": [
            { "id": "o1", "text": { "pt": "1 min", "en": "1 min" }, "correct": false, "feedback": { "pt": "", "en": "" } },
            { "id": "o2", "text": { "pt": "5 min", "en": "5 min" }, "correct": true, "feedback": { "pt": "", "en": "" } }],
        "feedback": { "pt": "", "en": "" } }] });
    let l: Lesson = call(&window, "set_quiz", json!({ "lessonId": a.id, "quiz": quiz }));
    assert_eq!(l.quiz.unwrap().questions.len(), 1);
    let mut bad = quiz.clone();
    bad["questions"][0]["options"][0]["correct"] = json!(true);
    let report = err(invoke(&window, "set_quiz", json!({ "lessonId": a.id, "quiz": bad })));
    assert_eq!(report.code, "invalid_quiz");
    let _: Lesson = call(&window, "mark_quiz_reviewed", json!({ "lessonId": a.id }));

    // Course settings.
    let c: Course = call(
        &window,
        "update_course",
        json!({ "courseId": course.id, "changes": { "licence": "CC BY 4.0", "topics": ["água", " "] } }),
    );
    assert_eq!(
        (c.licence.as_str(), c.topics_in(juntos::model::Lang::Pt)),
        ("CC BY 4.0", vec!["água"])
    );
    let _: Course = call(
        &window,
        "set_course_text",
        json!({ "courseId": course.id, "field": "title", "lang": "en", "text": "Health" }),
    );
    let _: Course = call(
        &window,
        "set_course_text",
        json!({ "courseId": course.id, "field": "title", "lang": "pt", "text": "Saúde pública" }),
    );
    let s: TranslationStatus =
        call(&window, "translation_status", json!({ "courseId": course.id }));
    assert_eq!(
        s.state_of(&course.id, "title", juntos::model::Lang::En),
        Some(juntos::model::FieldState::Stale)
    );
    let _: Course =
        call(&window, "mark_course_reviewed", json!({ "courseId": course.id, "field": "title" }));
    let report = err(invoke(
        &window,
        "set_course_text",
        json!({ "courseId": course.id, "field": "colour", "lang": "en", "text": "x" }),
    ));
    assert_eq!(report.code, "unknown_field");

    // The preview is the core renderer's output: sanitised.
    let html: String = call(
        &window,
        "render_preview",
        json!({ "courseId": course.id, "markdown": "# Olá\n<script>alert(1)</script>\n[x](javascript:alert(1))", "lang": "pt" }),
    );
    assert!(html.contains("<h1>Olá</h1>"), "{html}");
    assert!(!html.contains("<script") && !html.contains("javascript:"), "{html}");

    // Deleting.
    let _: () = call(&window, "delete_lesson", json!({ "lessonId": a.id }));
    let _: () = call(&window, "delete_module", json!({ "moduleId": m1.id }));
    let c: Course = call(&window, "get_course", json!({ "id": course.id }));
    assert_eq!(c.modules.len(), 1);
    assert!(!call::<bool>(&window, "cancel_job", json!({ "job": "nothing-running" })));
    let _: () = call(&window, "set_ui_language", json!({ "lang": "en" }));
}

/// Media, cover, export and import go through native dialogs; the test
/// answers them from a file (`ScriptedDialogs`), as the end-to-end test does.
#[test]
fn media_export_and_import_between_two_libraries() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("dialogs.json");
    let answer = |value: Value| std::fs::write(&answers, value.to_string()).unwrap();

    let (app, window) = app_with(LibraryState::open(dir.path().join("a")), "main");
    app.manage(juntos_studio::dialogs::ScriptedDialogs(answers.clone()));
    let course: Course = call(&window, "create_course", json!({ "title": "Vídeo", "lang": "pt" }));

    // The person cancels the dialog: nothing happens.
    answer(json!({ "media": null }));
    let none: Option<MediaItem> = call(
        &window,
        "attach_media",
        json!({ "courseId": course.id, "title": "t", "job": "j1", "progress": CHANNEL }),
    );
    assert!(none.is_none());

    answer(
        json!({ "media": fixture("h264-aac-moov-at-end.mp4"), "captions": fixture("legendas-pt.srt"), "cover": fixture("testsrc.png"), "folder": dir.path().join("stick") }),
    );
    let item: Option<MediaItem> = call(
        &window,
        "attach_media",
        json!({ "courseId": course.id, "title": "t", "job": "j2", "progress": CHANNEL }),
    );
    let item = item.expect("attached");
    assert_eq!(item.kind, juntos::media::MediaKind::Video);
    let status: MediaStatus = call(&window, "media_status", json!({ "courseId": course.id }));
    let codes: Vec<String> = status.items[0]
        .warnings
        .iter()
        .map(|w| serde_json::to_value(w).unwrap()["code"].as_str().unwrap().to_string())
        .collect();
    assert!(
        codes.contains(&"not_faststart".to_string())
            && codes.contains(&"missing_captions".to_string()),
        "{codes:?}"
    );
    let _: Option<juntos::media::CaptionInfo> = call(
        &window,
        "choose_captions",
        json!({ "courseId": course.id, "name": item.name, "lang": "pt", "title": "t" }),
    );
    let listed: Vec<MediaItem> = call(&window, "list_media", json!({ "courseId": course.id }));
    assert_eq!(listed[0].captions, vec![juntos::model::Lang::Pt]);
    let renamed: MediaItem = call(
        &window,
        "rename_media",
        json!({ "courseId": course.id, "name": item.name, "newName": "entrevista.mp4" }),
    );
    assert_eq!(renamed.name, "entrevista.mp4");
    assert!(call::<bool>(
        &window,
        "remove_captions",
        json!({ "courseId": course.id, "name": "entrevista.mp4", "lang": "pt" })
    ));

    // The preview points media at the app's loopback server.
    let lessons = {
        let m: Module = call(
            &window,
            "add_module",
            json!({ "courseId": course.id, "title": "Um", "lang": "pt" }),
        );
        call::<Lesson>(
            &window,
            "add_lesson",
            json!({ "moduleId": m.id, "title": "Ver", "lang": "pt" }),
        )
    };
    let _: Lesson = call(
        &window,
        "set_lesson_text",
        json!({ "lessonId": lessons.id, "field": "body", "lang": "pt", "base": "", "text": "![Entrevista](media:entrevista.mp4)" }),
    );
    let html: String = call(
        &window,
        "render_preview",
        json!({ "courseId": course.id, "markdown": "![Entrevista](media:entrevista.mp4)", "lang": "pt" }),
    );
    let info: juntos_studio::AppInfo = call(&window, "app_info", json!({}));
    assert!(info.media_base.starts_with("http://127.0.0.1:"), "{}", info.media_base);
    assert!(html.contains(&format!("{}{}.mp4", info.media_base, item.sha256)), "{html}");
    let report = err(invoke(
        &window,
        "detach_media",
        json!({ "courseId": course.id, "name": "entrevista.mp4" }),
    ));
    assert_eq!(report.code, "media_in_use");

    // Cover.
    let cover: Option<MediaItem> =
        call(&window, "choose_cover", json!({ "courseId": course.id, "title": "t" }));
    assert_eq!(cover.unwrap().name, "cover.png");
    let cards: Vec<CourseCard> = call(&window, "course_cards", json!({ "ids": [course.id] }));
    assert!(cards[0].cover.as_deref().unwrap().starts_with("media/"));

    // Export: the folder, the pre-flight, the package.
    let _drives: Vec<juntos_studio::drives::Drive> = call(&window, "removable_drives", json!({}));
    let folder: Option<std::path::PathBuf> =
        call(&window, "choose_folder", json!({ "title": "t" }));
    let folder = folder.unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    let report = err(invoke(
        &window,
        "export_course",
        json!({ "courseId": course.id, "folder": folder, "languages": "both", "format": "juntos", "overwrite": false, "job": "e0", "progress": CHANNEL }),
    ));
    assert_eq!(report.code, "org_name_missing");
    let org: OrgIdentity = call(&window, "set_org_name", json!({ "name": "Associação Kuyakana" }));
    assert_eq!(org.fingerprint.len(), 64);
    let pre: ExportPreflight = call(
        &window,
        "export_preflight",
        json!({ "courseId": course.id, "folder": folder, "languages": "both", "format": "juntos" }),
    );
    assert!(pre.problem.is_none() && !pre.exists && pre.size >= item.size, "{pre:?}");
    let exported: ExportReport = call(
        &window,
        "export_course",
        json!({ "courseId": course.id, "folder": folder, "languages": "both", "format": "juntos", "overwrite": false, "job": "e1", "progress": CHANNEL }),
    );
    assert!(exported.path.exists());
    let pre: ExportPreflight = call(
        &window,
        "export_preflight",
        json!({ "courseId": course.id, "folder": folder, "languages": "both", "format": "juntos" }),
    );
    assert!(pre.exists);

    // The same dialog writes the zips for learning platforms: another file
    // name, checked the same way; SCORM carries its imsmanifest.xml.
    for (format, suffix) in [("scorm12", ".scorm12.zip"), ("html5", ".html5.zip")] {
        let pre: ExportPreflight = call(
            &window,
            "export_preflight",
            json!({ "courseId": course.id, "folder": folder, "languages": "pt", "format": format }),
        );
        assert!(
            pre.path.to_string_lossy().ends_with(&format!(".pt{suffix}"))
                && !pre.exists
                && pre.problem.is_none(),
            "{pre:?}"
        );
        let zip: ExportReport = call(
            &window,
            "export_course",
            json!({ "courseId": course.id, "folder": folder, "languages": "pt", "format": format, "overwrite": false, "job": format!("e-{format}"), "progress": CHANNEL }),
        );
        assert_eq!(zip.path, pre.path);
        let archive = juntos::package::archive::SafeArchive::open(
            &zip.path,
            &juntos::package::Limits::default(),
        )
        .unwrap();
        assert!(archive.get("index.html").is_some());
        assert_eq!(archive.get("imsmanifest.xml").is_some(), format == "scorm12");
        assert!(archive.get("manifest.sig").is_none(), "a platform zip is not a signed package");
    }
    // The dialog's SCORM choice: a quiz not passed reports "failed" when asked.
    let zip: ExportReport = call(
        &window,
        "export_course",
        json!({ "courseId": course.id, "folder": folder, "languages": "pt", "format": "scorm12", "overwrite": true, "job": "e-failed", "progress": CHANNEL, "scormFailed": true }),
    );
    let mut archive =
        juntos::package::archive::SafeArchive::open(&zip.path, &juntos::package::Limits::default())
            .unwrap();
    let manifest = archive
        .read_small("imsmanifest.xml", 1 << 20, |size| juntos::package::Problem::EntryTooLarge {
            size,
            max: 1 << 20,
        })
        .unwrap();
    assert!(String::from_utf8(manifest).unwrap().contains("&amp;failed=failed"));

    // Import into another library: previewed, refused until trusted, then added.
    let (app2, window2) = app_with(LibraryState::open(dir.path().join("b")), "main");
    app2.manage(juntos_studio::dialogs::ScriptedDialogs(answers.clone()));
    answer(json!({ "package": exported.path }));
    let path: Option<std::path::PathBuf> =
        call(&window2, "choose_package", json!({ "title": "t" }));
    let preview: ImportPreview =
        call(&window2, "import_preview", json!({ "path": path, "job": "v1", "progress": CHANNEL }));
    assert_eq!(preview.package.organisation, "Associação Kuyakana");
    assert_eq!(preview.package.fingerprint, org.fingerprint);
    assert!(preview.package.trust.is_none(), "an unknown organisation");
    assert!(preview.local.is_none());
    assert_eq!(preview.changes.lessons_added.len(), 1);
    let report = err(invoke(
        &window2,
        "import_package",
        json!({ "path": path, "trust": false, "asCopy": false, "job": "i0", "progress": CHANNEL }),
    ));
    assert_eq!(report.code, "org_not_trusted");
    let imported: ImportReport = call(
        &window2,
        "import_package",
        json!({ "path": path, "trust": true, "asCopy": false, "job": "i1", "progress": CHANNEL }),
    );
    assert_eq!(imported.course_id, course.id);
    let trusted: Vec<juntos::org::TrustedOrg> = call(&window2, "trusted_organisations", json!({}));
    assert_eq!(trusted[0].fingerprint, org.fingerprint);
    // Previewed again, the local copy is known and unchanged.
    let again: ImportPreview =
        call(&window2, "import_preview", json!({ "path": path, "job": "v2", "progress": CHANNEL }));
    let local = again.local.unwrap();
    assert!(!local.made_here && !local.edited_since_import);
    assert!(again.changes.lessons_added.is_empty());

    // An update replaces the course; the version it replaced is kept and,
    // from the app as from the CLI, put back with one command.
    let _: Course = call(
        &window,
        "update_course",
        json!({ "courseId": course.id, "changes": { "licence": "CC BY-NC 4.0" } }),
    );
    let _: ExportReport = call(
        &window,
        "export_course",
        json!({ "courseId": course.id, "folder": folder, "languages": "both", "format": "juntos", "overwrite": true, "job": "e2", "progress": CHANNEL }),
    );
    let updated: ImportReport = call(
        &window2,
        "import_package",
        json!({ "path": path, "trust": false, "asCopy": false, "job": "i2", "progress": CHANNEL }),
    );
    let juntos::package::ImportOutcome::Updated { previous_revision } = updated.outcome else {
        panic!("an update: {:?}", updated.outcome)
    };
    let saved: Vec<juntos::package::SavedRevision> =
        call(&window2, "saved_revisions", json!({ "courseId": course.id }));
    assert_eq!(saved.iter().map(|s| s.revision).collect::<Vec<_>>(), vec![previous_revision]);
    let missing: Vec<String> = call(
        &window2,
        "restore_revision",
        json!({ "courseId": course.id, "revision": previous_revision }),
    );
    assert!(missing.is_empty());
    let restored: Course = call(&window2, "get_course", json!({ "id": course.id }));
    assert_ne!(restored.licence, "CC BY-NC 4.0", "the version before the update is back");
    let report = err(invoke(
        &window2,
        "restore_revision",
        json!({ "courseId": course.id, "revision": 999 }),
    ));
    assert_eq!(report.code, "revision_not_found");

    // Stop trusting the organisation, by the fingerprint Settings shows.
    let removed: juntos::org::TrustedOrg =
        call(&window2, "untrust_organisation", json!({ "fingerprint": org.fingerprint }));
    assert_eq!(removed.name, "Associação Kuyakana");
    let trusted: Vec<juntos::org::TrustedOrg> = call(&window2, "trusted_organisations", json!({}));
    assert!(trusted.is_empty());

    // The loopback server serves the attached bytes, by hash only, with
    // Range (a video seeks), and only with its secret and its own host name.
    let info: juntos_studio::AppInfo = call(&window, "app_info", json!({}));
    let url = format!("{}{}.mp4", info.media_base, item.sha256);
    let blob = std::fs::read(
        dir.path().join("a").join("media").join(&item.sha256[..2]).join(&item.sha256),
    )
    .unwrap();
    let part = http_get(&url, &[("Range", "bytes=4-13")]);
    assert_eq!(part.status, 206, "{:?}", part.head);
    assert_eq!(part.body, blob[4..14]);
    assert!(part.head.contains("content-type: video/mp4"), "{}", part.head);
    assert!(
        part.head.contains(&format!("content-range: bytes 4-13/{}", blob.len())),
        "{}",
        part.head
    );
    assert!(part.head.contains("x-content-type-options: nosniff"), "{}", part.head);
    let whole = http_get(&url, &[]);
    assert_eq!((whole.status, whole.body.len()), (200, blob.len()));
    let base = info.media_base.trim_end_matches("media/");
    assert_eq!(http_get(&format!("{base}media/../library.db"), &[]).status, 404);
    assert_eq!(http_get(&format!("{base}../library.db"), &[]).status, 404);
    let (origin, secret) = base.trim_end_matches('/').rsplit_once('/').unwrap();
    let guessed = format!("{origin}/{}/media/{}.mp4", "0".repeat(secret.len()), item.sha256);
    assert_eq!(http_get(&guessed, &[]).status, 404, "a URL without the secret finds nothing");
    assert_eq!(
        http_get(&url, &[("Host", "rebound.example")]).status,
        403,
        "a page that reaches the port under another name is refused"
    );

    // Translation with XLIFF (this test owns the dialog answers): out to a
    // folder, twice without overwriting, then back in with one translation.
    let translations = dir.path().join("traducoes");
    std::fs::create_dir(&translations).unwrap();
    answer(json!({ "folder": translations }));
    let first: Option<std::path::PathBuf> =
        call(&window, "export_xliff", json!({ "courseId": course.id, "title": "t" }));
    let first = first.expect("written");
    assert!(first.ends_with(format!("{}.en.xlf", course.slug)), "{first:?}");
    let second: Option<std::path::PathBuf> =
        call(&window, "export_xliff", json!({ "courseId": course.id, "title": "t" }));
    assert!(
        second.unwrap().ends_with(format!("{}.en-2.xlf", course.slug)),
        "an earlier file is never overwritten"
    );
    let xml = std::fs::read_to_string(&first).unwrap();
    let unit = format!("lesson/{}/title", lessons.id);
    let at = xml.find(&format!("id=\"{unit}\"")).expect("the lesson title's unit");
    let target_at = at + xml[at..].find("<target").unwrap();
    let target_end = target_at + xml[target_at..].find("</target>").unwrap() + "</target>".len();
    let translated = format!(
        "{}<target state=\"translated\">Watch</target>{}",
        &xml[..target_at],
        &xml[target_end..]
    );
    std::fs::write(&first, translated).unwrap();
    answer(json!({ "xliff": first }));
    let report: Option<juntos::xliff::ImportReport> =
        call(&window, "import_xliff", json!({ "title": "t" }));
    let report = report.expect("imported");
    assert_eq!(report.updated, vec![unit.clone()]);
    let fetched: Course = call(&window, "get_course", json!({ "id": course.id }));
    let lesson = fetched.lessons().find(|l| l.id == lessons.id).unwrap();
    assert_eq!(lesson.title.en, "Watch");

    // The title corrected here, then the same file again: a conflict, the
    // local text kept; the person's choice re-applies that file (no dialog).
    let _: Lesson = call(
        &window,
        "set_lesson_text",
        json!({ "lessonId": lessons.id, "field": "title", "lang": "en", "base": "Watch", "text": "Look" }),
    );
    let report: Option<juntos::xliff::ImportReport> =
        call(&window, "import_xliff", json!({ "title": "t" }));
    let report = report.expect("imported");
    assert_eq!(report.conflicts.len(), 1, "{report:?}");
    assert_eq!(report.conflicts[0].id, unit);
    assert_eq!(report.conflicts[0].local, "Look");
    assert_eq!(report.conflicts[0].theirs, "Watch");
    let title_en = |window: &WebviewWindow<MockRuntime>| -> String {
        let fetched: Course = call(window, "get_course", json!({ "id": course.id }));
        let title = fetched.lessons().find(|l| l.id == lessons.id).unwrap().title.en.clone();
        title
    };
    assert_eq!(title_en(&window), "Look", "the local text is kept");
    answer(json!({ "xliff": null }));
    let chosen: Option<juntos::xliff::ImportReport> = call(
        &window,
        "import_xliff",
        json!({ "title": "t", "again": true, "takeTheirs": [unit], "takeAllTheirs": false }),
    );
    assert!(chosen.expect("the same file, no dialog").conflicts.is_empty());
    assert_eq!(title_en(&window), "Watch", "the translator's text, as chosen");
    let cancelled: Option<juntos::xliff::ImportReport> =
        call(&window, "import_xliff", json!({ "title": "t" }));
    assert!(cancelled.is_none());
    std::fs::write(&first, "<xliff>not for us</xliff>").unwrap();
    answer(json!({ "xliff": first }));
    assert_eq!(err(invoke(&window, "import_xliff", json!({ "title": "t" }))).code, "xliff_invalid");
}

/// A library whose organisation is `org`, with one small course exported
/// into `folder`: the package's path.
fn exported_package(dir: &std::path::Path, name: &str, org: &str) -> std::path::PathBuf {
    let (_app, window) = app_with(LibraryState::open(dir.join(name)), "main");
    let _: OrgIdentity = call(&window, "set_org_name", json!({ "name": org }));
    let course: Course = call(&window, "create_course", json!({ "title": name, "lang": "pt" }));
    let module: Module =
        call(&window, "add_module", json!({ "courseId": course.id, "title": "Um", "lang": "pt" }));
    let _: Lesson = call(
        &window,
        "add_lesson",
        json!({ "moduleId": module.id, "title": "Dois", "lang": "pt" }),
    );
    let folder = dir.join(format!("{name}-out"));
    std::fs::create_dir_all(&folder).unwrap();
    let exported: ExportReport = call(
        &window,
        "export_course",
        json!({ "courseId": course.id, "folder": folder, "languages": "pt", "format": "juntos", "overwrite": false, "job": format!("e-{name}"), "progress": CHANNEL }),
    );
    exported.path
}

#[test]
fn a_lookalike_organisation_is_refused_unless_accepted_as_a_different_one() {
    let dir = tempfile::tempdir().unwrap();
    let real = exported_package(dir.path(), "real", "Associação Kuyakana");
    let fake = exported_package(dir.path(), "fake", "Associacao  Kuyakana");
    let (_app, window) = app_with(LibraryState::open(dir.path().join("here")), "main");
    let _: ImportReport = call(
        &window,
        "import_package",
        json!({ "path": real, "trust": true, "asCopy": false, "job": "i1", "progress": CHANNEL }),
    );
    let report = err(invoke(
        &window,
        "import_preview",
        json!({ "path": fake, "job": "v", "progress": CHANNEL }),
    ));
    assert_eq!(report.code, "org_lookalike");
    assert_eq!(report.fields.get("name").map(String::as_str), Some("Associacao  Kuyakana"));
    assert_eq!(report.fields.get("known_name").map(String::as_str), Some("Associação Kuyakana"));
    let found = report.fields.get("found").cloned().expect("the new fingerprint");
    assert!(report.fields.contains_key("known"));
    // --trust alone does not let it in.
    let refused = err(invoke(
        &window,
        "import_package",
        json!({ "path": fake, "trust": true, "asCopy": false, "job": "i2", "progress": CHANNEL }),
    ));
    assert_eq!(refused.code, "org_lookalike");
    let accepted: ImportReport = call(
        &window,
        "import_package",
        json!({ "path": fake, "trust": false, "asCopy": false, "trustDifferentOrganisation": found, "job": "i3", "progress": CHANNEL }),
    );
    assert_eq!(accepted.organisation, "Associacao  Kuyakana");
}

/// A response read off the wire: status, head (lower-cased) and body.
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

/// One plain HTTP/1.1 GET over a real socket, as the web view sends it.
fn http_get(url: &str, headers: &[(&str, &str)]) -> Reply {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest.split_once('/').unwrap();
    let mut stream = std::net::TcpStream::connect(host).expect("the loopback server listens");
    let mut request = format!("GET /{path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("host")) {
        request.push_str(&format!("Host: {host}\r\n"));
    }
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a whole response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status line");
    Reply { status, head, body: raw[split + 4..].to_vec() }
}
