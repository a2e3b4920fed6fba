//! Listing a stick against a library and importing from it, with every
//! rule of package import.

use juntos::model::{Lang, LessonField};
use juntos::package::{ImportOptions, ImportOutcome};
use juntos::stick::StickCourseState;

use crate::support::*;

fn trusting() -> ImportOptions {
    ImportOptions { trust: true, ..Default::default() }
}

#[test]
fn a_second_library_lists_and_imports_the_stick() {
    let mut t = three_courses(0);
    let stick = tempfile::tempdir().unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let (_dir, mut other) = library("Escola Nova");

    let listing = other.stick_list(stick.path()).unwrap();
    assert_eq!(listing.organisation, "Liga dos Direitos");
    let states: Vec<_> = listing.courses.iter().map(|c| c.state).collect();
    assert_eq!(states, vec![StickCourseState::New; 3]);
    assert_eq!(listing.courses[0].title.pt, "Água limpa");

    // An unknown organisation is refused without trust, and nothing changes.
    let before = other.list_courses().unwrap().len();
    let err = other.stick_import(stick.path(), &[], &ImportOptions::default(), go).unwrap_err();
    assert_eq!(err.code(), "org_not_trusted", "{err:?}");
    assert_eq!(other.list_courses().unwrap().len(), before);

    let reports = other.stick_import(stick.path(), &[], &trusting(), go).unwrap();
    assert_eq!(reports.len(), 3);
    assert!(reports.iter().all(|r| r.outcome == ImportOutcome::Added));
    assert_eq!(other.list_courses().unwrap().len(), before + 3);
    let imported = other.course(&reports[0].course_id).unwrap();
    assert_eq!(imported.lessons().count(), 2);
    assert_eq!(other.list_media(&reports[0].course_id).unwrap().len(), 2);
    let states: Vec<_> =
        other.stick_list(stick.path()).unwrap().courses.iter().map(|c| c.state).collect();
    assert_eq!(states, vec![StickCourseState::Same; 3]);

    // The partner changes a lesson and rewrites the stick: "newer", then updated.
    t.lib.set_lesson_text(&t.lessons[0], LessonField::Body, Lang::Pt, "Água nova.").unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let listing = other.stick_list(stick.path()).unwrap();
    let agua = listing.courses.iter().find(|c| c.slug == "agua").unwrap();
    assert_eq!(agua.state, StickCourseState::Newer);
    let r = other.stick_import(stick.path(), &["agua".into()], &trusting(), go).unwrap();
    assert!(matches!(r[0].outcome, ImportOutcome::Updated { .. }), "{:?}", r[0].outcome);
    // Its previous revision was saved.
    assert_eq!(other.saved_revisions(&r[0].course_id).unwrap().len(), 1);

    // A local edit is kept: the stick's newer revision comes in as a copy.
    let escola = reports.iter().find(|r| r.slug == "escola").unwrap().course_id.clone();
    let lesson = other.course(&escola).unwrap().lessons().next().unwrap().id.clone();
    other.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, "Editado aqui.").unwrap();
    t.lib.set_lesson_text(&t.lessons[1], LessonField::Body, Lang::Pt, "Mudado lá.").unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let listing = other.stick_list(stick.path()).unwrap();
    let e = listing.courses.iter().find(|c| c.slug == "escola").unwrap();
    assert_eq!(e.state, StickCourseState::LocalEdits);
    let r = other.stick_import(stick.path(), &["escola".into()], &trusting(), go).unwrap();
    assert!(matches!(r[0].outcome, ImportOutcome::Copied { .. }), "{:?}", r[0].outcome);
    let kept = other.course(&escola).unwrap();
    assert_eq!(kept.lessons().next().unwrap().body.pt, "Editado aqui.");
}

#[test]
fn the_writing_library_sees_its_own_stick_as_the_same() {
    let mut t = three_courses(0);
    let stick = tempfile::tempdir().unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let listing = t.lib.stick_list(stick.path()).unwrap();
    assert!(listing.courses.iter().all(|c| c.state == StickCourseState::Same));
    let err = t.lib.stick_import(stick.path(), &["nada".into()], &trusting(), go).unwrap_err();
    assert_eq!(err.code(), "stick_course_not_found");
}

/// Bytes of every file under `dir`, and whether one is a `.juntos`.
fn staged(dir: &std::path::Path) -> (u64, bool) {
    let root = dir.join(".staging");
    let mut bytes = 0;
    let mut package = false;
    for path in files(&root) {
        bytes += std::fs::metadata(root.join(&path)).map(|m| m.len()).unwrap_or(0);
        package |= path.ends_with(".juntos");
    }
    (bytes, package)
}

#[test]
fn import_copies_each_media_file_once_straight_from_the_stick() {
    let mut t = three_courses(8 << 20);
    let stick = tempfile::tempdir().unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let (dir, mut other) = library("Escola Nova");
    let root = other.root().to_path_buf();
    let (mut most, mut package, mut checking) = (0u64, false, 0);
    let reports = other
        .stick_import(stick.path(), &["agua".into()], &trusting(), |p| {
            if p.phase == juntos::package::Phase::Checking {
                checking += 1;
            }
            let (bytes, juntos) = staged(&root);
            most = most.max(bytes);
            package |= juntos;
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(reports[0].outcome, ImportOutcome::Added);
    assert!(checking > 0, "the package import checked the bytes");
    assert!(!package, "no package was gathered in staging");
    let media: u64 = other.list_media(&reports[0].course_id).unwrap().iter().map(|m| m.size).sum();
    assert!(media > 8 << 20);
    // Each media file at most once in staging (the lock file aside).
    assert!(most <= media + 4096, "staging held {most} bytes for {media} of media");
    assert!(!dir.path().join(".staging").exists(), "staging is cleaned up");
    // The video arrived whole: exported again, it is the same bytes.
    let video = other
        .list_media(&reports[0].course_id)
        .unwrap()
        .into_iter()
        .find(|m| m.name == "video.mp4")
        .unwrap();
    let stored = other.media_dir().join(format!("{}.mp4", video.sha256));
    let stored = if stored.is_file() {
        std::fs::read(stored).unwrap()
    } else {
        let found = files(&other.media_dir())
            .into_iter()
            .find(|p| p.contains(&video.sha256))
            .expect("the video's blob");
        std::fs::read(other.media_dir().join(found)).unwrap()
    };
    assert_eq!(stored, std::fs::read(&t.video).unwrap());
}

#[test]
fn a_pool_video_replaced_by_same_size_bytes_is_refused_and_the_library_unchanged() {
    let mut t = three_courses(4 << 20);
    let stick = tempfile::tempdir().unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let root = stick.path().join("Juntos");
    let video = files(&root).into_iter().find(|p| p.ends_with(".mp4")).unwrap();
    let mut bytes = std::fs::read(root.join(&video)).unwrap();
    let n = bytes.len();
    bytes[n / 2..n / 2 + 4096].fill(0xa5);
    std::fs::write(root.join(&video), &bytes).unwrap();

    let (dir, mut other) = library("Escola Nova");
    let before = (other.list_courses().unwrap(), files(dir.path()));
    let err = other.stick_import(stick.path(), &[], &trusting(), go).unwrap_err();
    assert_eq!(err.code(), "stick_damaged", "{err:?}");
    assert!(err.message(Lang::En).contains(&video), "{}", err.message(Lang::En));
    assert_eq!((other.list_courses().unwrap(), files(dir.path())), before);
}
