//! "Preparar para partilhar" through real IPC on the mock runtime, with real
//! ffmpeg (issue 12): the plan names each video with its predicted size
//! before anything starts, the queue job prepares it, the prepared list
//! shows before and after with the poster, and going back to the original
//! empties it. Without ffmpeg on the machine this test fails (CI installs it).

use std::ops::ControlFlow;
use std::path::Path;

use juntos::media::prepare::{PrepareReport, PreparedInfo, QueuePlan};
use juntos::{Library, MediaItem};
use juntos_studio::{setup, LibraryState};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::{InvokeRequest, WebviewWindowBuilder};
use tauri::WebviewWindow;

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

fn call<T: serde::de::DeserializeOwned>(w: &WebviewWindow<MockRuntime>, cmd: &str, a: Value) -> T {
    let value = invoke(w, cmd, a).unwrap_or_else(|e| panic!("{cmd} failed: {e}"));
    serde_json::from_value(value).unwrap_or_else(|e| panic!("{cmd}: unexpected shape: {e}"))
}

#[test]
fn plan_prepare_and_go_back_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    let course = {
        let mut lib = Library::open(&root).unwrap();
        let course = lib
            .create_course(juntos::model::NewCourse {
                title: "Vídeo".into(), ..Default::default()
            })
            .unwrap();
        let video = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/media/h264-aac-moov-at-end.mp4");
        lib.attach_media(&course.id, &video, Some("aula.mp4"), |_| ControlFlow::Continue(()))
            .unwrap();
        course.id
    };
    let app = setup(mock_builder())
        .manage(LibraryState::open(&root))
        .build(tauri::generate_context!())
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();

    let plan: QueuePlan = call(
        &window,
        "plan_prepare",
        json!({ "courseId": course, "profile": "phone", "budget": null }),
    );
    assert_eq!(plan.items.len(), 1);
    assert_eq!(plan.items[0].name, "aula.mp4");
    assert!(
        plan.items[0].predicted_size > 0 && plan.predicted_total > plan.items[0].predicted_size
    );
    let tiny: Value = invoke(
        &window,
        "plan_prepare",
        json!({ "courseId": course, "profile": "standard", "budget": 1000 }),
    )
    .unwrap_err();
    assert_eq!(tiny["code"], "prepare_budget_too_small");

    let reports: Vec<PrepareReport> = call(
        &window,
        "prepare_videos",
        json!({ "courseId": course, "plan": plan, "job": "p1", "progress": "__CHANNEL__:7" }),
    );
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].recipe.profile, juntos::media::prepare::Profile::Phone);
    let listed: Vec<PreparedInfo> = call(&window, "prepared_media", json!({ "courseId": course }));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].original_size, Some(reports[0].original_size));
    assert!(listed[0].poster_sha256.is_some(), "a poster for the thumbnail");

    let back: MediaItem =
        call(&window, "restore_original_media", json!({ "courseId": course, "name": "aula.mp4" }));
    assert_eq!(back.size, reports[0].original_size);
    let listed: Vec<PreparedInfo> = call(&window, "prepared_media", json!({ "courseId": course }));
    assert!(listed.is_empty());
}
