//! A prepared video in this library's own saved copies of a course: a
//! revision an import saved, and the bin. Restoring either brings the
//! prepared video back with its way back to the original and its poster,
//! and `gc` keeps those blobs while only a saved copy needs them. A package
//! never carries the original's link.

use juntos::media::no_progress;
use juntos::media::prepare::PrepareOptions;
use juntos::model::Lang;
use juntos::Library;

use super::clips::clip;
use super::core::attach;
use crate::support::library_with_course;

/// A lesson that shows `name` (a package carries only what lessons show).
pub fn show_in_a_lesson(lib: &mut Library, course: &str, name: &str) {
    let module = lib.add_module(course, "Módulo", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Lição", Lang::Pt, None).unwrap();
    let body = format!("![vídeo](media:{name})\n");
    lib.set_lesson_text(&lesson.id, juntos::model::LessonField::Body, Lang::Pt, &body).unwrap();
}

fn blob_path(lib: &Library, sha: &str) -> std::path::PathBuf {
    lib.media_dir().join(&sha[..2]).join(sha)
}

/// An XLIFF import that changes the English title: the library saves the
/// course as it was (a revision) before applying it.
fn save_a_revision(lib: &mut Library, course: &str) -> i64 {
    let before = lib.course(course).unwrap().revision;
    let xliff = lib.xliff_export(course, Lang::En).unwrap();
    let at = xliff.find("id=\"course/title\"").unwrap();
    let start = xliff[at..].find("<target").unwrap() + at;
    let end = xliff[start..].find("</target>").unwrap() + start + "</target>".len();
    let theirs = format!(
        "{}<target state=\"translated\">Elections</target>{}",
        &xliff[..start],
        &xliff[end..]
    );
    let report = lib.xliff_import(&theirs).unwrap();
    assert_eq!(report.revision_saved, Some(before), "{report:?}");
    before
}

#[test]
fn restoring_a_saved_revision_keeps_the_prepared_video_and_its_original() {
    let (_dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &clip("landscape.mp4"));
    let original = lib.media(&course, &name).unwrap();
    let prepared =
        lib.prepare_media(&course, &name, &PrepareOptions::default(), no_progress).unwrap();
    let poster = prepared.poster_sha256.clone().expect("a poster");
    let revision = save_a_revision(&mut lib, &course);

    // Now the trainer goes back to the original and the prepared link is gone…
    lib.restore_original(&course, &name).unwrap();
    assert!(lib.prepared_media(&course).unwrap().is_empty());
    // …gc keeps what the saved revision needs: the prepared video and its poster.
    lib.gc().unwrap();
    assert!(blob_path(&lib, &prepared.media.sha256).is_file());
    assert!(blob_path(&lib, &poster).is_file(), "the poster a revision needs is kept");

    // Restoring the revision brings the prepared video back, linked.
    let missing = lib.restore_revision(&course, revision).unwrap();
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(lib.media(&course, &name).unwrap().sha256, prepared.media.sha256);
    let listed = lib.prepared_media(&course).unwrap();
    assert_eq!(listed.len(), 1, "the prepared link survives a restore");
    assert_eq!(listed[0].original_size, Some(original.size));
    assert_eq!(listed[0].recipe, prepared.recipe);
    assert_eq!(listed[0].poster_sha256.as_deref(), Some(poster.as_str()));
    assert_eq!(lib.media_poster_path(&course, &name).unwrap(), Some(blob_path(&lib, &poster)));
    // The way back still works.
    let back = lib.restore_original(&course, &name).unwrap();
    assert_eq!(back.sha256, original.sha256);
}

#[test]
fn a_course_restored_from_the_bin_keeps_its_prepared_video_original_and_poster() {
    let (_dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &clip("landscape.mp4"));
    let original = lib.media(&course, &name).unwrap();
    let prepared =
        lib.prepare_media(&course, &name, &PrepareOptions::default(), no_progress).unwrap();
    let poster = prepared.poster_sha256.clone().expect("a poster");
    let prepared_at = lib.prepared_media(&course).unwrap()[0].prepared_at.clone();

    lib.delete_course(&course).unwrap();
    // In the bin, gc keeps every blob the course needs to come back.
    lib.gc().unwrap();
    for sha in [&original.sha256, &prepared.media.sha256, &poster] {
        assert!(blob_path(&lib, sha).is_file(), "{sha} kept while the course is in the bin");
    }

    lib.restore_deleted_course(&course).unwrap();
    let listed = lib.prepared_media(&course).unwrap();
    assert_eq!(listed.len(), 1, "the prepared link comes back from the bin");
    assert_eq!(listed[0].original_size, Some(original.size));
    assert_eq!(listed[0].recipe, prepared.recipe);
    assert_eq!(listed[0].prepared_at, prepared_at);
    assert_eq!(listed[0].poster_sha256.as_deref(), Some(poster.as_str()));
    let back = lib.restore_original(&course, &name).unwrap();
    assert_eq!((back.sha256, back.size), (original.sha256, original.size));
}

#[test]
fn a_package_never_carries_the_link_to_an_original_and_says_format_1_1() {
    let (dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &clip("landscape.mp4"));
    show_in_a_lesson(&mut lib, &course, &name);
    let original = lib.media(&course, &name).unwrap();
    lib.prepare_media(&course, &name, &PrepareOptions::default(), no_progress).unwrap();
    lib.set_org_name("Liga").unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let options = juntos::package::ExportOptions {
        to: Some(out),
        languages: juntos::package::Languages::Both,
        overwrite: false,
    };
    let report = lib.export_course(&course, &options, juntos::package::no_progress).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&report.path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("course.json").unwrap(), &mut text).unwrap();
    assert!(text.contains("\"prepared\""), "the recipe travels");
    assert!(!text.contains("\"local\""), "the link to the original does not");
    assert!(!text.contains(&original.sha256), "nor the original's name");
    // Format 1.1: the version that added prepared videos and poster entries.
    let mut manifest = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("manifest.json").unwrap(), &mut manifest)
        .unwrap();
    assert!(manifest.contains("\"format_version\": \"1.1\""), "{manifest}");
}
