//! A full disk, as the library's disk and as the export target: refused
//! before anything is written when the pre-flight can tell, and cleaned up
//! when the disk fills mid-way. Either way a clear error code, and the
//! library is as it was.

use std::ops::ControlFlow;

use juntos::model::{Lang, LessonField};
use juntos::package::{ExportOptions, Languages, Phase};
use juntos::Library;

use crate::support::*;

#[test]
fn an_import_larger_than_the_library_disk_is_refused_before_anything_is_copied() {
    let Some(disk) = SmallDisk::new("64m") else { return };
    let packages = tempfile::tempdir().unwrap();
    let package = partner_package(packages.path(), 80 * MIB);
    let root = disk.path().join("biblioteca");
    let mut lib = Library::open(&root).unwrap();
    let before = hash_tree(&root);
    let err = lib.import_package(&package, &trust(), go).unwrap_err();
    assert_eq!(err.code(), "not_enough_space", "{err:?}");
    assert!(err.is_user_error());
    assert!(err.message(Lang::En).contains("Nothing was written"), "{}", err.message(Lang::En));
    assert_eq!(hash_tree(&root), before);
}

#[test]
fn an_import_that_fills_the_library_disk_midway_leaves_nothing() {
    let Some(disk) = SmallDisk::new("128m") else { return };
    let packages = tempfile::tempdir().unwrap();
    let package = partner_package(packages.path(), 40 * MIB);
    let root = disk.path().join("biblioteca");
    let mut lib = Library::open(&root).unwrap();
    let before = hash_tree(&root);
    let mut filler = None;
    let err = lib
        .import_package(&package, &trust(), |p| {
            // Something else fills the disk while the video is being copied in.
            if p.phase == Phase::Checking && p.entry.starts_with("media/") && filler.is_none() {
                filler = Some(fill(disk.path()));
            }
            ControlFlow::Continue(())
        })
        .unwrap_err();
    assert_eq!(err.code(), "disk_full", "{err:?}");
    assert!(err.message(Lang::Pt).contains("Nada foi guardado"));
    std::fs::remove_file(filler.unwrap()).unwrap();
    // A child process another test spawns at that moment may hold the file
    // for an instant (between its fork and its exec): wait for the space.
    wait_for_space(disk.path(), 64 * MIB);
    assert_eq!(hash_tree(&root), before, "the library is as it was");
    // With room again, the same package imports.
    lib.import_package(&package, &trust(), go).unwrap_or_else(|e| panic!("{e:?}"));
    assert_sound(&root);
}

#[test]
fn edits_on_a_full_library_disk_fail_cleanly_and_work_again_with_room() {
    let Some(disk) = SmallDisk::new("16m") else { return };
    let root = disk.path().join("biblioteca");
    let mut lib = Library::open(&root).unwrap();
    let course = lib.list_courses().unwrap()[0].id.clone();
    let lesson = lib.resolve_lesson(&course, "1.1").unwrap();
    let before = logical(&lib);
    let filler = fill(disk.path());
    let text = "Participação comunitária e educação cívica. ".repeat(40_000);
    let err = lib.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, &text).unwrap_err();
    assert_eq!(err.code(), "disk_full", "{err:?}");
    assert!(err.is_user_error());
    assert_eq!(logical(&lib), before, "nothing changed");
    drop(lib);
    // A full disk does not stop the library from opening and reading.
    let mut lib = Library::open(&root).unwrap();
    assert_eq!(logical(&lib), before);
    std::fs::remove_file(filler).unwrap();
    wait_for_space(disk.path(), 4 * MIB);
    lib.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, &text).unwrap();
    assert_eq!(lib.lesson(&lesson).unwrap().body.pt, text);
    assert_sound(&root);
}

#[test]
fn an_export_larger_than_the_stick_is_refused_before_writing() {
    let Some(stick) = SmallDisk::new("4m") else { return };
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, course) = library_with_video(dir.path(), "Kuyakana", 8 * MIB, 1);
    let before = hash_tree(dir.path());
    let err = export(&mut lib, &course, stick.path()).unwrap_err();
    assert_eq!(err.code(), "not_enough_space", "{err:?}");
    assert!(err.message(Lang::En).contains(&stick.path().display().to_string()));
    assert_eq!(std::fs::read_dir(stick.path()).unwrap().count(), 0, "nothing written on the stick");
    assert_eq!(hash_tree(dir.path()), before);
}

#[test]
fn an_export_when_the_stick_fills_midway_leaves_no_partial_file() {
    let Some(stick) = SmallDisk::new("64m") else { return };
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, course) = library_with_video(dir.path(), "Kuyakana", 24 * MIB, 1);
    let before = hash_tree(dir.path());
    let mut filler = None;
    let options = ExportOptions {
        to: Some(stick.path().to_path_buf()),
        languages: Languages::Both,
        overwrite: false,
    };
    let err = lib
        .export_course(&course, &options, |p| {
            if p.phase == Phase::Writing && p.done > 0 && filler.is_none() {
                filler = Some(fill(stick.path()));
            }
            ControlFlow::Continue(())
        })
        .unwrap_err();
    // Said about the stick, not the library.
    assert_eq!(err.code(), "not_enough_space", "{err:?}");
    assert!(
        err.message(Lang::Pt).contains(&stick.path().display().to_string()),
        "{}",
        err.message(Lang::Pt)
    );
    let left: Vec<_> =
        std::fs::read_dir(stick.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from(".filler")], "no partial or final package left");
    assert_eq!(hash_tree(dir.path()), before);
    std::fs::remove_file(filler.unwrap()).unwrap();
    wait_for_space(stick.path(), 32 * MIB);
    let package = export(&mut lib, &course, stick.path()).unwrap();
    lib.verify_package(&package, &Default::default(), go).unwrap();
}
