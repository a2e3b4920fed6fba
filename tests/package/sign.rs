//! A package whose sign-language interpreter is missing (issue 16, bad
//! input): the interpreter's file left out of the archive, or left out of
//! the archive and the manifest (signed again) — each import is refused
//! with a clear error and the library does not change. (A course.json whose
//! link names no video of the package: `tests/media/sign.rs`.)

use std::ops::ControlFlow;

use juntos::model::{Lang, LessonField};
use juntos::package::{ImportOptions, Languages};
use juntos::Library;

use crate::rawzip::{self, RawEntry};
use crate::support::{self, hash_tree};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/media").join(name)
}

/// A partner's package of a course whose lesson shows `aula.mp4`, with
/// `interprete.mp4` as its interpreter; (partner's library root, entries,
/// the interpreter's package path).
fn signed_package() -> (tempfile::TempDir, Vec<(String, Vec<u8>)>, String) {
    let (dir, mut lib) = support::library("Televisão Gestual");
    let course = lib
        .create_course(juntos::model::NewCourse {
            title: "Gestos".into(),
            lang: Some(Lang::Pt),
            ..Default::default()
        })
        .unwrap()
        .id;
    let go = |_| ControlFlow::Continue(());
    lib.attach_media(&course, &fixture("h264-aac-faststart.mp4"), Some("aula.mp4"), go).unwrap();
    let interp = lib
        .attach_media(&course, &fixture("h264-aac-moov-at-end.mp4"), Some("interprete.mp4"), go)
        .unwrap();
    lib.set_interpreter(&course, "aula.mp4", "interprete.mp4", None, 200).unwrap();
    let module = lib.add_module(&course, "Módulo", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Lição", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&lesson.id, LessonField::Body, Lang::Pt, "![Aula](media:aula.mp4)\n")
        .unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let package = support::export_to(&mut lib, &course, &out, Languages::Both);
    let entries = support::read_entries(&package);
    let path = format!("media/{}.mp4", interp.sha256);
    assert!(entries.iter().any(|(n, _)| *n == path), "the package carries the interpreter");
    (dir, entries, path)
}

/// Imports `entries` (re-signed with the partner's key when `manifest` is
/// given) into a fresh library: the error code and message, and whether the
/// library folder stayed the same.
fn import(
    partner: &std::path::Path,
    mut entries: Vec<(String, Vec<u8>)>,
    manifest: Option<serde_json::Value>,
) -> (String, String) {
    if let Some(manifest) = manifest {
        let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap();
        bytes.push(b'\n');
        let sig = support::sign(&support::signing_key(partner), &bytes);
        for (name, data) in &mut entries {
            if name == "manifest.json" {
                *data = bytes.clone();
            } else if name == "manifest.sig" {
                *data = sig.clone();
            }
        }
    }
    let raw: Vec<RawEntry> = rawzip::from_package(&entries);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gestos.juntos");
    std::fs::write(&file, rawzip::build(&raw)).unwrap();
    let root = dir.path().join("lib");
    drop(Library::open(&root).unwrap());
    let before = hash_tree(&root);
    let mut lib = Library::open(&root).unwrap();
    let err = lib
        .import_package(&file, &ImportOptions { trust: true, ..Default::default() }, |_| {
            ControlFlow::Continue(())
        })
        .unwrap_err();
    drop(lib);
    assert_eq!(hash_tree(&root), before, "the library did not change");
    (err.code().to_string(), err.message(Lang::En))
}

#[test]
fn a_package_without_its_interpreter_file_is_refused() {
    let (dir, entries, path) = signed_package();
    let partner = dir.path();
    // Left out of the archive only: the manifest still lists it.
    let without: Vec<_> = entries.iter().filter(|(n, _)| *n != path).cloned().collect();
    let (code, message) = import(partner, without.clone(), None);
    assert_eq!(code, "package_entry_missing", "{message}");
    assert!(message.contains(&path), "{message}");
    // Out of the manifest too (signed again): course.json still names it.
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&entries.iter().find(|(n, _)| n == "manifest.json").unwrap().1)
            .unwrap();
    manifest["files"].as_array_mut().unwrap().retain(|f| f["path"] != path.as_str());
    let (code, message) = import(partner, without, Some(manifest));
    assert_eq!(code, "package_content_invalid", "{message}");
    assert!(message.contains("'interprete.mp4' is not in the package"), "{message}");
}
