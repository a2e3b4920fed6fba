//! "Ver como formando" through real IPC on the mock runtime: the course is
//! written as learners get it (the player, its data) into the app's cache
//! folder, replaced on the next press, and refused without an organisation
//! name (a package says who made it). Nothing is opened: the dialogs are
//! scripted, as in the end-to-end tests.

use juntos::model::CourseSummary;
use juntos::ErrorReport;
use juntos_studio::{setup, LibraryState};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::{InvokeRequest, WebviewWindowBuilder};
use tauri::{Manager, WebviewWindow};

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

#[test]
fn see_as_learner_writes_the_player_into_the_cache_and_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    // The app's cache folder is under XDG_CACHE_HOME (this test binary's only test).
    std::env::set_var("XDG_CACHE_HOME", dir.path().join("cache"));
    let app = setup(mock_builder())
        .manage(LibraryState::open(dir.path().join("library")))
        .build(tauri::generate_context!())
        .expect("build the app on the mock runtime");
    let answers = dir.path().join("answers.json");
    std::fs::write(&answers, "{}").unwrap();
    app.manage(juntos_studio::dialogs::ScriptedDialogs(answers));
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();

    let courses: Vec<CourseSummary> =
        serde_json::from_value(invoke(&window, "list_courses", json!({})).unwrap()).unwrap();
    let id = courses[0].id.clone();

    // No organisation name yet: refused with the code the app asks the name for.
    let refused: ErrorReport = serde_json::from_value(
        invoke(&window, "see_as_learner", json!({ "courseId": id })).unwrap_err(),
    )
    .unwrap();
    assert_eq!(refused.code, "org_name_missing");

    invoke(&window, "set_org_name", json!({ "name": "Associação Juntos" })).unwrap();
    let index: String = serde_json::from_value(
        invoke(&window, "see_as_learner", json!({ "courseId": id })).unwrap(),
    )
    .unwrap();
    let index = std::path::PathBuf::from(index);
    assert!(index.starts_with(dir.path().join("cache")), "{}", index.display());
    assert!(index.ends_with("index.html"));
    let folder = index.parent().unwrap();
    assert!(folder.parent().unwrap().ends_with("learner-view"));
    let data = std::fs::read_to_string(folder.join("player/course-data.js")).unwrap();
    assert!(data.contains("Apresentações eficazes"), "the course's own text");
    assert!(folder.join("player/player.js").is_file());

    // Pressed again: the folder is replaced, not added to.
    std::fs::write(folder.join("stray.txt"), "left from before").unwrap();
    let again: String = serde_json::from_value(
        invoke(&window, "see_as_learner", json!({ "courseId": id })).unwrap(),
    )
    .unwrap();
    assert_eq!(std::path::PathBuf::from(again), index);
    assert!(!folder.join("stray.txt").exists(), "the earlier view is replaced");
    assert!(folder.join("player/course-data.js").is_file());
    assert_eq!(std::fs::read_dir(folder.parent().unwrap()).unwrap().count(), 1);
}
