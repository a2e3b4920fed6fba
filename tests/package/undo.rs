//! Nothing a trainer does may silently lose work (issue 14): a deleted
//! course stays in the bin until it is emptied, an update already imported
//! as a copy is recognised, and a restored course can take its partner's
//! version again.

use juntos::model::{Lang, LessonField};
use juntos::package::{CopyReason, ImportOutcome, Languages};

use crate::support::{self, export_to, import, juntos};

#[test]
fn a_deleted_course_goes_to_the_bin_and_comes_back_whole() {
    let partner = support::partner();
    let (_dir, mut lib) = support::library("Receptor");
    import(&mut lib, &partner.package, true).unwrap();
    let id = partner.course_id.clone();
    let before = lib.course(&id).unwrap();
    let media_before = lib.list_media(&id).unwrap();

    lib.delete_course(&id).unwrap();
    assert!(lib.course(&id).is_err(), "gone from the library");
    assert!(lib.list_courses().unwrap().iter().all(|c| c.id != id), "gone from the list");
    assert!(lib.search("facilitador", 10).unwrap().iter().all(|h| h.course_id != id));
    let bin = lib.binned_courses().unwrap();
    assert_eq!(bin.len(), 1);
    assert_eq!(bin[0].course_id, id);

    // gc keeps the media of a course in the bin.
    let gc = lib.gc().unwrap();
    assert!(gc.blobs.is_empty(), "gc removed {:?}", gc.blobs);

    let restored = lib.restore_deleted_course(&lib.resolve_binned(&before.slug).unwrap()).unwrap();
    assert_eq!(restored.id, id);
    assert_eq!(lib.course(&id).unwrap().modules, before.modules);
    let media_after = lib.list_media(&id).unwrap();
    assert_eq!(media_after.len(), media_before.len());
    assert!(lib.verify_library(|_| std::ops::ControlFlow::Continue(())).unwrap().is_ok());
    assert!(lib.binned_courses().unwrap().is_empty());

    // Emptying the bin is the only way a course is really gone.
    lib.delete_course(&id).unwrap();
    assert_eq!(lib.empty_bin().unwrap(), 1);
    assert_eq!(lib.restore_deleted_course(&id).unwrap_err().code(), "course_not_in_bin");
    assert_eq!(lib.gc().unwrap().blobs.len(), 2, "the media go at the next gc");
}

#[test]
fn the_command_line_says_how_to_restore_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    drop(juntos::Library::open(dir.path()).unwrap());
    let out = juntos(dir.path()).args(["rm", "apresentacoes-eficazes"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("juntos bin restore apresentacoes-eficazes"), "{stdout}");
    let out = juntos(dir.path()).args(["bin"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("apresentacoes-eficazes"));
    juntos(dir.path()).args(["bin", "restore", "apresentacoes-eficazes"]).assert().success();
    let out = juntos(dir.path()).args(["courses"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("apresentacoes-eficazes"));
    juntos(dir.path()).args(["bin", "restore", "apresentacoes-eficazes"]).assert().code(1);
}

/// An update already imported as a copy (the course had local edits) is
/// recognised, not copied again and again.
#[test]
fn the_same_update_imported_twice_makes_one_copy() {
    let mut partner = support::partner();
    let (_dir, mut lib) = support::library("Receptor");
    import(&mut lib, &partner.package, true).unwrap();
    let lesson = lib.resolve_lesson(&partner.course_id, "1.1").unwrap();
    lib.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, "Edição local.").unwrap();

    let l1 = partner.lib.resolve_lesson(&partner.course_id, "2.1").unwrap();
    partner.lib.set_lesson_text(&l1, LessonField::Body, Lang::Pt, "Revisto.").unwrap();
    let out = partner.dir.path().join("v2");
    std::fs::create_dir_all(&out).unwrap();
    let newer = export_to(&mut partner.lib, &partner.course_id, &out, Languages::Both);

    let first = import(&mut lib, &newer, false).unwrap();
    assert!(matches!(first.outcome, ImportOutcome::Copied { reason: CopyReason::LocalEdits, .. }));
    let courses = lib.list_courses().unwrap().len();
    let second = import(&mut lib, &newer, false).unwrap();
    assert_eq!(
        second.outcome,
        ImportOutcome::AlreadyImported { course_id: first.course_id.clone() }
    );
    assert_eq!(second.slug, first.slug);
    assert_eq!(lib.list_courses().unwrap().len(), courses, "no second copy");
}

/// After restoring an older revision, the partner's package is not "up to
/// date": its content differs from what the course holds now.
#[test]
fn after_a_restore_the_partners_version_can_come_back() {
    let mut partner = support::partner();
    let (_dir, mut lib) = support::library("Receptor");
    import(&mut lib, &partner.package, true).unwrap();
    let before = lib.course(&partner.course_id).unwrap();
    let l1 = partner.lib.resolve_lesson(&partner.course_id, "1.1").unwrap();
    partner.lib.set_lesson_text(&l1, LessonField::Body, Lang::Pt, "Versão 2.").unwrap();
    let out = partner.dir.path().join("v2");
    std::fs::create_dir_all(&out).unwrap();
    let newer = export_to(&mut partner.lib, &partner.course_id, &out, Languages::Both);
    import(&mut lib, &newer, false).unwrap();
    lib.restore_revision(&partner.course_id, before.revision).unwrap();
    assert_ne!(lib.course(&partner.course_id).unwrap().modules[0].lessons[0].body.pt, "Versão 2.");

    let again = import(&mut lib, &newer, false).unwrap();
    assert!(
        matches!(again.outcome, ImportOutcome::Updated { .. }),
        "the older content is not up to date: {:?}",
        again.outcome
    );
    assert_eq!(lib.course(&partner.course_id).unwrap().modules[0].lessons[0].body.pt, "Versão 2.");
    // And the same package once more really is up to date.
    let third = import(&mut lib, &newer, false).unwrap();
    assert!(matches!(third.outcome, ImportOutcome::UpToDate { .. }), "{:?}", third.outcome);
}

/// Issue 14 item 20: the app's import preview reads the package once. The
/// file is replaced by garbage as soon as the pass with progress ends: a
/// second reading would fail, one pass returns the report and the course.
#[test]
fn the_import_preview_reads_the_package_once() {
    let partner = support::partner();
    let (dir, lib) = support::library("Receptor");
    let package = dir.path().join("p.juntos");
    std::fs::copy(&partner.package, &package).unwrap();
    let mut replaced = false;
    let preview = lib
        .import_preview(&package, |p| {
            if !replaced && p.total > 0 && p.done >= p.total {
                let garbage = package.with_extension("tmp");
                std::fs::write(&garbage, b"not a zip").unwrap();
                std::fs::rename(&garbage, &package).unwrap();
                replaced = true;
            }
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    assert!(replaced, "the pass reported its progress to the end");
    assert_eq!(preview.package.course_id, partner.course_id);
    assert_eq!(preview.changes.lessons_added.len(), 3);
}
