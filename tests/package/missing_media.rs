//! A lesson that refers to a media file the course does not have (issue 14,
//! item 16): flagged in `media list`, `translation-status` and the app's
//! status and export pre-flight; export refuses it unless overridden.

use juntos::model::{Lang, LessonField};

use crate::support::{self, juntos};

#[test]
fn a_lesson_showing_missing_media_is_flagged_and_export_refuses_by_default() {
    let (dir, mut lib) = support::library("Liga dos Direitos");
    let course = lib
        .create_course(juntos::model::NewCourse { title: "Curso".into(), ..Default::default() })
        .unwrap();
    let module = lib.add_module(&course.id, "Módulo", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Lição", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&lesson.id, LessonField::Body, Lang::Pt, "Veja ![Foto](MEDIA:Foto.jpg)")
        .unwrap();

    let status = lib.translation_status(&course.id).unwrap();
    let missing = status.missing_media.expect("flagged in the status the app shows");
    assert_eq!(missing[0].name, "Foto.jpg");
    assert_eq!(missing[0].lessons, ["1.1 Lição"]);
    let preflight = lib
        .export_preflight(
            &course.id,
            dir.path(),
            juntos::package::Languages::Both,
            juntos::ExportFormat::Juntos,
        )
        .unwrap();
    assert_eq!(preflight.problem.unwrap().code, "media_missing_in_lessons");
    drop(lib);

    let out = juntos(dir.path()).args(["media", "list", &course.slug, "--json"]).output().unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed["missing"][0]["name"], "Foto.jpg");
    let out = juntos(dir.path()).args(["translation-status", &course.slug]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("MISSING MEDIA media:Foto.jpg"));

    let to = dir.path().join("out");
    std::fs::create_dir(&to).unwrap();
    let out = juntos(dir.path()).args(["export", &course.slug, "--to"]).arg(&to).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("[media_missing_in_lessons]") && stderr.contains("Foto.jpg"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&to).unwrap().count(), 0, "nothing written");
    juntos(dir.path())
        .args(["export", &course.slug, "--allow-missing-media", "--to"])
        .arg(&to)
        .assert()
        .success();
}

/// Issue 14 item 17: a JPEG named `.mp4` is attached under an image's extension.
#[test]
fn a_jpeg_named_mp4_gets_the_extension_of_its_bytes() {
    let (dir, mut lib) = support::library("Liga dos Direitos");
    let course = lib
        .create_course(juntos::model::NewCourse { title: "Curso".into(), ..Default::default() })
        .unwrap();
    let disguised = dir.path().join("foto.mp4");
    std::fs::copy(std::path::Path::new(support::FIXTURES).join("testsrc.jpg"), &disguised).unwrap();
    let item = lib
        .attach_media(&course.id, &disguised, None, |_| std::ops::ControlFlow::Continue(()))
        .unwrap();
    assert_eq!(item.name, "foto.jpeg");
    assert_eq!(item.kind, juntos::media::MediaKind::Image);
}

/// Issue 14 item 17: re-attaching the original of a damaged blob (as
/// `verify-library` advises) repairs it in place, with no unused `-2` copy.
#[test]
fn re_attaching_the_original_repairs_a_damaged_blob_in_place() {
    let (dir, mut lib) = support::library("Liga dos Direitos");
    let course = lib
        .create_course(juntos::model::NewCourse { title: "Curso".into(), ..Default::default() })
        .unwrap();
    let original = std::path::Path::new(support::FIXTURES).join("testsrc.png");
    let go = |_| std::ops::ControlFlow::Continue(());
    let item = lib.attach_media(&course.id, &original, None, go).unwrap();
    let blob = lib.media_blob_path(&course.id, &item.name).unwrap();
    let mut bytes = std::fs::read(&blob).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(&blob, &bytes).unwrap();
    assert!(!lib.verify_library(go).unwrap().is_ok(), "damaged");

    let again = lib.attach_media(&course.id, &original, None, go).unwrap();
    assert_eq!((again.id.as_str(), again.name.as_str()), (item.id.as_str(), item.name.as_str()));
    assert_eq!(lib.list_media(&course.id).unwrap().len(), 1, "no -2 copy");
    assert!(lib.verify_library(go).unwrap().is_ok(), "repaired");
    drop(dir);
}
