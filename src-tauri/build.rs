//! Generates the Tauri context and, from the command list below, one
//! permission per app command (`allow-list-courses`, …). The capability in
//! `capabilities/main.json` grants exactly these, so a command that is not
//! listed here cannot be called from the web view even if it is registered.
//! `src-tauri/tests/commands.rs` checks that the two lists agree.

const COMMANDS: &[&str] = &[
    "app_info",
    "list_courses",
    "course_cards",
    "search",
    "create_course",
    "duplicate_course",
    "delete_course",
    "binned_courses",
    "restore_deleted_course",
    "empty_bin",
    "get_course",
    "translation_status",
    "add_module",
    "rename_module",
    "delete_module",
    "move_module",
    "add_lesson",
    "delete_lesson",
    "move_lesson",
    "set_lesson_text",
    "set_lesson_minutes",
    "mark_lesson_reviewed",
    "set_quiz",
    "mark_quiz_reviewed",
    "lesson_status",
    "render_preview",
    "see_as_learner",
    "update_course",
    "set_course_text",
    "mark_course_reviewed",
    "choose_cover",
    "remove_cover",
    "list_media",
    "media_status",
    "attach_media",
    "cancel_job",
    "choose_captions",
    "remove_captions",
    "rename_media",
    "detach_media",
    "choose_folder",
    "removable_drives",
    "choose_package",
    "export_preflight",
    "export_course",
    "import_preview",
    "import_package",
    "saved_revisions",
    "restore_revision",
    "export_xliff",
    "import_xliff",
    // results (issue 17, helper results-core)
    "choose_results_files",
    "import_results",
    "results_dashboard",
    "results_learners",
    "merge_learners",
    "delete_learner",
    "export_results_csv",
    "org_identity",
    "set_org_name",
    "trusted_organisations",
    "untrust_organisation",
    "set_ui_language",
    "close_window",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
