//! Bad input: a stick edited by hand, a file replaced, a course folder
//! removed, a newer format, someone else's folder, a full or read-only
//! stick. Clear errors; the library never changed by a failed import; the
//! stick never left unopenable by a failed write.

use std::ops::ControlFlow;

use juntos::model::{Lang, LessonField};
use juntos::package::ImportOptions;
use juntos::stick::verify::verify_stick;
use juntos::stick::{StickFileProblem, StickProblem};

use crate::support::small_disk::SmallDisk;
use crate::support::*;

fn problems(root: &std::path::Path) -> Vec<StickProblem> {
    verify_stick(root, &mut go).unwrap().problems
}

#[test]
fn hand_edits_replaced_files_and_removed_folders_are_each_reported() {
    let mut t = three_courses(0);
    let stick = tempfile::tempdir().unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let root = stick.path().join("Juntos");

    // The catalogue edited by hand.
    let data = root.join("catalogue/data.js");
    let text = std::fs::read_to_string(&data).unwrap().replace("Saúde", "Saude!");
    std::fs::write(&data, text).unwrap();
    let p = problems(&root);
    assert_eq!(
        p,
        vec![StickProblem { path: "catalogue/data.js".into(), problem: StickFileProblem::Changed }]
    );

    // A media file replaced, a course folder removed, a file added.
    let png = files(&root).into_iter().find(|p| p.ends_with(".png")).unwrap();
    std::fs::copy(std::path::Path::new(FIXTURES).join("testsrc.jpg"), root.join(&png)).unwrap();
    let folder = catalogue(&root).courses[0].href.trim_end_matches("/index.html").to_string();
    std::fs::remove_dir_all(root.join(&folder)).unwrap();
    std::fs::write(root.join("courses/virus.js"), "alert(1)").unwrap();
    let p = problems(&root);
    let kinds = |k| p.iter().filter(|x| x.problem == k).count();
    assert_eq!(kinds(StickFileProblem::Changed), 2, "{p:?}");
    assert_eq!(kinds(StickFileProblem::Missing), 5, "{p:?}");
    assert_eq!(kinds(StickFileProblem::Extra), 1, "{p:?}");
    assert!(p.iter().any(|x| x.path == png));

    // Import refuses before touching the library, naming the file.
    let (_dir, mut other) = library("Escola Nova");
    let before = other.list_courses().unwrap();
    let options = ImportOptions { trust: true, ..Default::default() };
    let err = other.stick_import(&root, &[], &options, go).unwrap_err();
    assert_eq!(err.code(), "stick_damaged", "{err:?}");
    let err = other.stick_import(&root, &["escola".into()], &options, go).unwrap_err();
    assert_eq!(err.code(), "stick_damaged", "the replaced photo: {err:?}");
    assert!(err.message(Lang::En).contains(".png"), "{}", err.message(Lang::En));
    assert_eq!(other.list_courses().unwrap(), before);

    // A rewrite repairs all of it, the replaced photo too (it no longer
    // carries the stamp of the write that put it there).
    write(&mut t.lib, stick.path(), &t.courses);
    assert!(problems(&root).is_empty(), "{:?}", problems(&root));
}

#[test]
fn a_manifest_edited_by_hand_or_from_a_newer_version_is_refused() {
    let mut t = three_courses(0);
    let stick = tempfile::tempdir().unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let root = stick.path().join("Juntos");
    let manifest = root.join("juntos-stick.json");
    let original = std::fs::read_to_string(&manifest).unwrap();

    std::fs::write(&manifest, original.replace("Liga dos Direitos", "Liga dos Direitoz")).unwrap();
    let err = verify_stick(&root, &mut go).unwrap_err();
    assert_eq!(err.code(), "stick_manifest_invalid");
    assert!(!err.message(Lang::Pt).is_empty());

    std::fs::write(&manifest, original.replacen("\"1.0\"", "\"2.0\"", 1)).unwrap();
    let err = verify_stick(&root, &mut go).unwrap_err();
    assert_eq!(err.code(), "stick_version_unsupported");
    let err = t.lib.write_stick(&options(stick.path(), &t.courses), go).unwrap_err();
    assert_eq!(err.code(), "stick_version_unsupported", "a newer stick is never overwritten");
    let (_dir, mut other) = library("Escola Nova");
    assert_eq!(other.stick_list(&root).unwrap_err().code(), "stick_version_unsupported");

    std::fs::remove_file(&manifest).unwrap();
    assert_eq!(verify_stick(&root, &mut go).unwrap_err().code(), "stick_not_found");
    let err = other.stick_import(&root, &[], &Default::default(), go).unwrap_err();
    assert_eq!(err.code(), "stick_not_found");
}

#[test]
fn someone_elses_juntos_folder_is_left_alone() {
    let mut t = three_courses(0);
    let stick = tempfile::tempdir().unwrap();
    std::fs::create_dir(stick.path().join("Juntos")).unwrap();
    std::fs::write(stick.path().join("Juntos/fotos.txt"), "minhas").unwrap();
    let err = t.lib.write_stick(&options(stick.path(), &t.courses), go).unwrap_err();
    assert_eq!(err.code(), "stick_folder_not_ours");
    assert_eq!(files(stick.path()), vec!["Juntos/fotos.txt"]);
}

#[test]
fn a_stick_that_fills_up_midway_keeps_opening_its_old_set() {
    let Some(disk) = SmallDisk::new("40m") else { return };
    let mut t = three_courses(0);
    write(&mut t.lib, disk.path(), &t.courses[..1]);
    let root = disk.path().join("Juntos");
    // A new big video for the other courses, and the disk filled while it is written.
    let big = t.dir.path().join("grande.mp4");
    sparse_mp4(&big, 24 << 20, 9);
    t.lib
        .attach_media(&t.courses[1], &big, Some("grande.mp4"), |_| ControlFlow::Continue(()))
        .unwrap();
    t.lib
        .set_lesson_text(&t.lessons[1], LessonField::Body, Lang::Pt, "![Grande](media:grande.mp4)")
        .unwrap();
    let mut filler = None;
    let err = t
        .lib
        .write_stick(&options(disk.path(), &t.courses), |p| {
            if p.done > 0 && filler.is_none() {
                let path = disk.path().join(".filler");
                let _ = std::fs::write(&path, vec![7u8; 30 << 20]);
                filler = Some(path);
            }
            ControlFlow::Continue(())
        })
        .unwrap_err();
    assert_eq!(err.code(), "not_enough_space", "{err:?}");
    std::fs::remove_file(filler.unwrap()).unwrap();
    let v = verify_stick(&root, &mut go).unwrap();
    assert!(v.ok, "{v:?}");
    assert_eq!(v.courses, 1, "still the old set");
    assert!(!files(&root).iter().any(|p| p.contains(".incoming")));
    assert_catalogue_complete(&root);
    // With room, the same write goes through.
    write(&mut t.lib, disk.path(), &t.courses);
    assert!(verify_stick(&root, &mut go).unwrap().ok);
}

#[test]
fn a_read_only_stick_is_said_so_and_left_as_it_was() {
    let Some(disk) = SmallDisk::new("16m") else { return };
    let mut t = three_courses(0);
    write(&mut t.lib, disk.path(), &t.courses[..1]);
    disk.remount_read_only();
    let before = files(disk.path());
    let err = t.lib.write_stick(&options(disk.path(), &t.courses), go).unwrap_err();
    assert_eq!(err.code(), "target_not_writable", "{err:?}");
    assert_eq!(files(disk.path()), before);
    assert!(verify_stick(disk.path(), &mut go).unwrap().ok);
}
