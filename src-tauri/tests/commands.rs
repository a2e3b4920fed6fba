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
use tauri::WebviewWindow;

fn app_with(state: LibraryState, label: &str) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
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

fn ok<T: DeserializeOwned>(result: Result<Value, Value>) -> T {
    serde_json::from_value(result.expect("command failed")).expect("response has the expected shape")
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

    let course: juntos::model::Course = ok(invoke(&window, "get_course", json!({ "id": sample.id })));
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
