//! Import rules: added, updated (previous revision kept and restorable),
//! copy on local edits, up to date, one-language packages, another
//! organisation, staging cleanup, verify without importing, cancel.

use std::ops::ControlFlow;

use juntos::model::{Lang, LessonField};
use juntos::package::{CopyReason, ImportOptions, ImportOutcome, Languages, Limits};
use juntos::Library;
use predicates::prelude::*;

use crate::support::{self, export_to, hash_tree, import, juntos, Partner};

/// The partner edits its course and exports a new revision.
fn next_revision(partner: &mut Partner, name: &str) -> std::path::PathBuf {
    let course = partner.lib.course(&partner.course_id).unwrap();
    let m1 = course.modules[0].id.clone();
    let l1 = course.modules[0].lessons[0].id.clone();
    let removed = course.modules[0].lessons[1].id.clone();
    partner
        .lib
        .set_lesson_text(&l1, LessonField::Body, Lang::Pt, "# Direitos\n\nTexto revisto.")
        .unwrap();
    partner.lib.delete_lesson(&removed).unwrap();
    partner.lib.add_lesson(&m1, "Lição nova", Lang::Pt, None).unwrap();
    let out = partner.dir.path().join(name);
    std::fs::create_dir_all(&out).unwrap();
    export_to(&mut partner.lib, &partner.course_id, &out, Languages::Both)
}

#[test]
fn a_new_course_is_added_with_its_media() {
    let partner = support::partner();
    let (_dir, mut lib) = support::library("Receptor");
    let report = import(&mut lib, &partner.package, true).unwrap();
    assert_eq!(report.outcome, ImportOutcome::Added);
    assert_eq!(report.course_id, partner.course_id);
    assert_eq!(report.changes.lessons_added.len(), 3);
    assert_eq!(report.changes.media_added, ["entrevista.mp4", "foto.png"]);
    assert_eq!(lib.list_media(&report.course_id).unwrap().len(), 2);
    assert!(
        lib.search("facilitador", 10).unwrap().iter().any(|h| h.course_id == partner.course_id),
        "search index built"
    );
}

#[test]
fn a_newer_revision_updates_and_the_previous_one_can_be_restored() {
    let mut partner = support::partner();
    let (_dir, mut lib) = support::library("Receptor");
    import(&mut lib, &partner.package, true).unwrap();
    let before = lib.course(&partner.course_id).unwrap();
    let newer = next_revision(&mut partner, "v2");
    let report = import(&mut lib, &newer, false).unwrap();
    assert_eq!(report.outcome, ImportOutcome::Updated { previous_revision: before.revision });
    assert_eq!(report.changes.lessons_changed, ["1.1 O que são direitos"]);
    assert_eq!(report.changes.lessons_added, ["1.2 Lição nova"]);
    assert_eq!(report.changes.lessons_removed, ["1.2 Quem protege"]);
    assert!(report.changes.modules_added.is_empty() && report.changes.modules_removed.is_empty());
    let after = lib.course(&partner.course_id).unwrap();
    assert_eq!(after.modules[0].lessons[0].body.pt, "# Direitos\n\nTexto revisto.");
    assert!(after.revision > before.revision);

    let saved = lib.saved_revisions(&partner.course_id).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!((saved[0].revision, saved[0].reason.as_str()), (before.revision, "import"));
    let missing = lib.restore_revision(&partner.course_id, before.revision).unwrap();
    assert!(missing.is_empty());
    let restored = lib.course(&partner.course_id).unwrap();
    assert_eq!(restored.modules, before.modules);
    assert_eq!(restored.title, before.title);
    assert!(restored.revision > after.revision);
    assert_eq!(
        lib.saved_revisions(&partner.course_id).unwrap().len(),
        2,
        "the restore is undoable too"
    );
    assert_eq!(
        lib.restore_revision(&partner.course_id, 999).unwrap_err().code(),
        "revision_not_found"
    );
}

/// An update that drops a video keeps the old revision restorable: `gc`
/// leaves the bytes the saved revision refers to, and the restore brings
/// the video back.
#[test]
fn gc_keeps_the_media_of_a_revision_that_can_be_restored() {
    let mut partner = support::partner();
    let (_dir, mut lib) = support::library("Receptor");
    import(&mut lib, &partner.package, true).unwrap();
    let before = lib.course(&partner.course_id).unwrap();
    let video = lib.media(&partner.course_id, "entrevista.mp4").unwrap();

    // The partner takes the video out of its lessons and the course.
    let course = partner.lib.course(&partner.course_id).unwrap();
    let l1 = course.modules[0].lessons[0].id.clone();
    for lang in [Lang::Pt, Lang::En] {
        partner.lib.set_lesson_text(&l1, LessonField::Body, lang, "Sem vídeo.").unwrap();
    }
    partner.lib.detach_media(&partner.course_id, "entrevista.mp4").unwrap();
    let out = partner.dir.path().join("v2");
    std::fs::create_dir(&out).unwrap();
    let newer = export_to(&mut partner.lib, &partner.course_id, &out, Languages::Both);
    let report = import(&mut lib, &newer, false).unwrap();
    assert!(matches!(report.outcome, ImportOutcome::Updated { .. }), "{:?}", report.outcome);
    assert!(
        lib.media(&partner.course_id, "entrevista.mp4").is_err(),
        "the update dropped the video"
    );

    let freed = lib.gc().unwrap();
    assert!(
        !freed.blobs.contains(&video.sha256),
        "gc keeps what a saved revision needs: {:?}",
        freed.blobs
    );
    let missing = lib.restore_revision(&partner.course_id, before.revision).unwrap();
    assert!(missing.is_empty(), "{missing:?}");
    let back = lib.media(&partner.course_id, "entrevista.mp4").unwrap();
    assert_eq!(back.sha256, video.sha256);
    assert!(lib.media_blob_path(&partner.course_id, "entrevista.mp4").unwrap().exists());
}

#[test]
fn local_edits_are_never_overwritten() {
    let mut partner = support::partner();
    let (_dir, mut lib) = support::library("Receptor");
    import(&mut lib, &partner.package, true).unwrap();
    let lesson = lib.resolve_lesson(&partner.course_id, "1.1").unwrap();
    lib.set_lesson_text(&lesson, LessonField::Notes, Lang::Pt, "As minhas notas").unwrap();
    let mine = lib.course(&partner.course_id).unwrap();
    let newer = next_revision(&mut partner, "v2");
    let report = import(&mut lib, &newer, false).unwrap();
    match &report.outcome {
        ImportOutcome::Copied { reason: CopyReason::LocalEdits, existing_course_id } => {
            assert_eq!(existing_course_id.as_deref(), Some(partner.course_id.as_str()))
        }
        other => panic!("{other:?}"),
    }
    assert_ne!(report.course_id, partner.course_id);
    assert_eq!(lib.course(&partner.course_id).unwrap(), mine, "the edited course is untouched");
    let copy = lib.course(&report.course_id).unwrap();
    assert_eq!(copy.derived_from.as_deref(), Some(partner.course_id.as_str()));
    assert!(
        copy.title.pt.ends_with("(cópia importada)") && copy.title.en.ends_with("(imported copy)")
    );
    assert!(copy.lessons().all(|l| mine.lessons().all(|m| m.id != l.id)), "fresh ids");
    // foto.png went with the lesson that showed it: unused, it stayed out of the package.
    assert_eq!(lib.list_media(&copy.id).unwrap().len(), 1);
}

#[test]
fn the_same_or_an_older_revision_is_already_up_to_date() {
    let mut partner = support::partner();
    let old = partner.package.clone();
    let newer = next_revision(&mut partner, "v2");
    let (dir, mut lib) = support::library("Receptor");
    import(&mut lib, &newer, true).unwrap();
    drop(lib);
    let before = hash_tree(dir.path());
    let mut lib = Library::open(dir.path()).unwrap();
    assert!(matches!(
        import(&mut lib, &newer, false).unwrap().outcome,
        ImportOutcome::UpToDate { .. }
    ));
    assert!(matches!(
        import(&mut lib, &old, false).unwrap().outcome,
        ImportOutcome::UpToDate { .. }
    ));
    drop(lib);
    assert_eq!(hash_tree(dir.path()), before, "nothing written");
}

#[test]
fn our_own_package_coming_back_is_up_to_date_and_a_course_made_here_is_never_replaced() {
    let partner = support::partner();
    let mut lib = partner.lib;
    let report = import(&mut lib, &partner.package, false).unwrap();
    assert_eq!(report.trust, juntos::org::TrustDecision::Own);
    assert!(matches!(report.outcome, ImportOutcome::UpToDate { .. }));
    // A partner's package of a course that was made here becomes a copy.
    let (other_dir, mut other) = support::library("Parceiro");
    import(&mut other, &partner.package, true).unwrap();
    let lesson = other.resolve_lesson(&partner.course_id, "1.1").unwrap();
    other.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, "Editado pelo parceiro").unwrap();
    let theirs = export_to(&mut other, &partner.course_id, other_dir.path(), Languages::Both);
    let report = import(&mut lib, &theirs, true).unwrap();
    assert!(
        matches!(report.outcome, ImportOutcome::Copied { reason: CopyReason::MadeHere, .. }),
        "{:?}",
        report.outcome
    );
}

#[test]
fn one_language_and_another_organisation_and_as_copy_make_copies() {
    let mut partner = support::partner();
    let (_dir, mut lib) = support::library("Receptor");
    import(&mut lib, &partner.package, true).unwrap();
    // A newer package with only Portuguese would erase the English: a copy.
    next_revision(&mut partner, "v2");
    let pt_only =
        export_to(&mut partner.lib, &partner.course_id, partner.dir.path(), Languages::Pt);
    let report = import(&mut lib, &pt_only, false).unwrap();
    assert!(matches!(
        report.outcome,
        ImportOutcome::Copied { reason: CopyReason::OneLanguage, .. }
    ));
    // The same course id from another organisation: a copy.
    let (third_dir, mut third) = support::library("Terceira");
    import(&mut third, &partner.package, true).unwrap();
    let lesson = third.resolve_lesson(&partner.course_id, "1.1").unwrap();
    third.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, "Versão da terceira").unwrap();
    let theirs = export_to(&mut third, &partner.course_id, third_dir.path(), Languages::Both);
    let report = import(&mut lib, &theirs, true).unwrap();
    assert!(matches!(
        report.outcome,
        ImportOutcome::Copied { reason: CopyReason::OtherOrganisation, .. }
    ));
    // Asked for.
    let options = ImportOptions { as_copy: true, ..Default::default() };
    let report = lib.import_package(&partner.package, &options, support::go).unwrap();
    assert!(matches!(report.outcome, ImportOutcome::Copied { reason: CopyReason::Requested, .. }));
    assert!(report.slug.starts_with("direitos-crianca-copia"));
}

#[test]
fn media_bytes_are_stored_once() {
    let partner = support::partner();
    let (dir, mut lib) = support::library("Receptor");
    import(&mut lib, &partner.package, true).unwrap();
    lib.import_package(
        &partner.package,
        &ImportOptions { as_copy: true, ..Default::default() },
        support::go,
    )
    .unwrap();
    let blobs: usize = std::fs::read_dir(dir.path().join("media"))
        .unwrap()
        .map(|fan| std::fs::read_dir(fan.unwrap().path()).unwrap().count())
        .sum();
    assert_eq!(blobs, 2);
}

#[test]
fn staging_is_removed_and_crash_leftovers_are_cleaned_at_open() {
    let partner = support::partner();
    let (dir, mut lib) = support::library("Receptor");
    import(&mut lib, &partner.package, true).unwrap();
    assert!(!dir.path().join(".staging").exists());
    drop(lib);
    // A crash mid-import leaves a staging folder nobody holds.
    let leftover = dir.path().join(".staging/import-1-dead");
    std::fs::create_dir_all(&leftover).unwrap();
    std::fs::write(leftover.join(".lock"), b"").unwrap();
    std::fs::write(leftover.join("entry-3"), vec![0u8; 4096]).unwrap();
    drop(Library::open(dir.path()).unwrap());
    assert!(!dir.path().join(".staging").exists());
    // A staging folder still in use by a running import is left alone.
    let live = juntos::package::staging::Staging::new(dir.path()).unwrap();
    drop(Library::open(dir.path()).unwrap());
    assert!(live.dir().exists());
    drop(live);
    assert!(!dir.path().join(".staging").exists());
}

#[test]
fn verify_reports_without_changing_anything() {
    let partner = support::partner();
    let dir = tempfile::tempdir().unwrap();
    drop(Library::open(dir.path()).unwrap());
    let before = hash_tree(dir.path());
    juntos(dir.path()).arg("verify").arg(&partner.package).assert().success().stdout(
        predicate::str::contains("Package intact and signed")
            .and(predicate::str::contains("Liga dos Direitos"))
            .and(predicate::str::contains("not trusted yet"))
            .and(predicate::str::contains("Direitos da criança")),
    );
    assert_eq!(hash_tree(dir.path()), before);
    let lib = Library::open(dir.path()).unwrap();
    let report = lib.verify_package(&partner.package, &Limits::default(), support::go).unwrap();
    assert_eq!(report.trust, None);
    assert_eq!((report.media, report.languages.len()), (2, 2));
    assert!(!report.translation.is_complete(), "the stale translation is reported");
}

#[test]
fn a_cancelled_import_changes_nothing() {
    let partner = support::partner();
    let (dir, lib) = support::library("Receptor");
    drop(lib);
    let before = hash_tree(dir.path());
    let mut lib = Library::open(dir.path()).unwrap();
    let mut calls = 0;
    let err = lib
        .import_package(
            &partner.package,
            &ImportOptions { trust: true, ..Default::default() },
            |_| {
                calls += 1;
                if calls > 1 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "cancelled");
    drop(lib);
    assert_eq!(hash_tree(dir.path()), before);
}

#[test]
fn lowered_caps_refuse_what_defaults_accept() {
    let partner = support::partner();
    let (_dir, mut lib) = support::library("Receptor");
    let tight = |limits: Limits| ImportOptions { trust: true, limits, ..Default::default() };
    let err = lib
        .import_package(
            &partner.package,
            &tight(Limits { max_entries: 3, ..Limits::default() }),
            support::go,
        )
        .unwrap_err();
    assert_eq!(err.code(), "package_too_many_entries");
    let err = lib
        .import_package(
            &partner.package,
            &tight(Limits { max_entry_size: 1000, ..Limits::default() }),
            support::go,
        )
        .unwrap_err();
    assert_eq!(err.code(), "package_entry_too_large");
    let err = lib
        .import_package(
            &partner.package,
            &tight(Limits { max_total_size: 5000, ..Limits::default() }),
            support::go,
        )
        .unwrap_err();
    assert_eq!(err.code(), "package_too_large");
    let err = lib
        .import_package(
            &partner.package,
            &tight(Limits { max_course_json_bytes: 1000, ..Limits::default() }),
            support::go,
        )
        .unwrap_err();
    assert_eq!(err.code(), "package_json_too_large");
    assert!(err.message(Lang::En).contains("course.json"));
    let err = lib
        .import_package(
            &partner.package,
            &tight(Limits { max_json_depth: 3, ..Limits::default() }),
            support::go,
        )
        .unwrap_err();
    assert_eq!(err.code(), "package_json_too_deep");
    assert!(lib.list_courses().unwrap().iter().all(|c| c.id != partner.course_id));
}

#[test]
fn import_on_the_command_line_prints_what_changed() {
    let mut partner = support::partner();
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path())
        .arg("import")
        .arg(&partner.package)
        .arg("--trust")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Course added")
                .and(predicate::str::contains("2 modules, 3 lessons, 2 media")),
        );
    let newer = next_revision(&mut partner, "v2");
    juntos(dir.path()).arg("import").arg(&newer).assert().success().stdout(
        predicate::str::contains("Course updated")
            .and(predicate::str::contains("+ lesson 1.2 Lição nova"))
            .and(predicate::str::contains("~ lesson 1.1 O que são direitos"))
            .and(predicate::str::contains("- lesson 1.2 Quem protege")),
    );
    juntos(dir.path())
        .arg("import")
        .arg(&newer)
        .assert()
        .success()
        .stdout(predicate::str::contains("Already up to date"));
    juntos(dir.path())
        .args(["revisions", "direitos-crianca"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(import)"));
    juntos(dir.path())
        .arg("import")
        .arg(dir.path().join("nope.juntos"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[package_unreadable]"));
}
