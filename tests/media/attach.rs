//! Attach, names, rename and detach.

use juntos::media::no_progress;
use juntos::model::{Lang, LessonField};
use juntos::Library;

use crate::support::{attach, fixture, library_with_course, snapshot, temp_files};

/// Two modules; lessons 1.1 and 1.2 show `media:NAME` (body PT/EN, notes).
fn lessons_showing(lib: &mut Library, course: &str, name: &str) -> (String, String, String) {
    let m1 = lib.add_module(course, "Votar", Lang::Pt, None).unwrap();
    let l1 = lib.add_lesson(&m1.id, "Porquê votar", Lang::Pt, None).unwrap();
    let l2 = lib.add_lesson(&m1.id, "Como votar", Lang::Pt, None).unwrap();
    let m2 = lib.add_module(course, "Depois", Lang::Pt, None).unwrap();
    let l3 = lib.add_lesson(&m2.id, "Sem vídeo", Lang::Pt, None).unwrap();
    lib.set_lesson_text(
        &l1.id,
        LessonField::Body,
        Lang::Pt,
        &format!("Veja:\n\n![Entrevista](media:{name})\n"),
    )
    .unwrap();
    lib.set_lesson_text(
        &l1.id,
        LessonField::Body,
        Lang::En,
        &format!("Watch:\n\n![Interview](media:{name} \"Interview\")\n"),
    )
    .unwrap();
    lib.set_lesson_text(
        &l2.id,
        LessonField::Notes,
        Lang::Pt,
        &format!("Mostre media:{name} no fim."),
    )
    .unwrap();
    lib.set_lesson_text(&l2.id, LessonField::Notes, Lang::En, "Show the video at the end.")
        .unwrap();
    lib.set_lesson_text(&l3.id, LessonField::Body, Lang::Pt, "Texto sem media:outro.mp4").unwrap();
    (l1.id, l2.id, l3.id)
}

#[test]
fn names_come_from_the_file_name_and_stay_unique() {
    let (dir, mut lib, course) = library_with_course();
    let phone = dir.path().join("Entrevista Comunitária.MP4");
    std::fs::copy(fixture("h264-aac-faststart.mp4"), &phone).unwrap();
    let first = lib.attach_media(&course, &phone, None, no_progress).unwrap();
    assert_eq!(first.name, "entrevista-comunitaria.mp4");
    assert_eq!(first.original_name, "Entrevista Comunitária.MP4");
    // The same bytes again are the same item (issue 14: no unused `-2` copy).
    let again = lib.attach_media(&course, &phone, None, no_progress).unwrap();
    assert_eq!(again.id, first.id);
    // Other bytes under the same file name get a numbered name.
    std::fs::copy(fixture("h264-aac-moov-at-end.mp4"), &phone).unwrap();
    let second = lib.attach_media(&course, &phone, None, no_progress).unwrap();
    assert_eq!(second.name, "entrevista-comunitaria-2.mp4");
    let named = lib.attach_media(&course, &phone, Some("Aula_1.mp4"), no_progress).unwrap();
    assert_eq!(named.name, "Aula_1.mp4");
    assert_eq!(lib.media(&course, "aula_1.MP4").unwrap().id, named.id, "names ignore case");

    let before = snapshot(&lib);
    let taken = lib.attach_media(&course, &phone, Some("AULA_1.mp4"), no_progress).unwrap_err();
    assert_eq!(taken.code(), "media_name_taken");
    for bad in ["a b.mp4", "../x.mp4", ".escondido", "ç.png", ""] {
        let err = lib.attach_media(&course, &phone, Some(bad), no_progress).unwrap_err();
        assert_eq!(err.code(), "media_name_invalid", "{bad}");
    }
    let err = lib.attach_media("no-such-course", &phone, None, no_progress).unwrap_err();
    assert_eq!(err.code(), "course_not_found");
    assert_eq!(snapshot(&lib), before);
    assert!(temp_files(&lib).is_empty());
}

#[test]
fn attach_from_any_reader() {
    let (_dir, mut lib, course) = library_with_course();
    let bytes = std::fs::read(fixture("vp9-opus.webm")).unwrap();
    let mut reader = std::io::Cursor::new(bytes.clone());
    let item = lib
        .attach_media_reader(
            &course,
            &mut reader,
            std::path::Path::new("gravação.webm"),
            None,
            None,
            no_progress,
        )
        .unwrap();
    assert_eq!((item.name.as_str(), item.size), ("gravacao.webm", bytes.len() as u64));
    assert_eq!(item.video_codec.as_deref(), Some("vp9"));
}

#[test]
fn rename_updates_every_lesson_reference_in_one_go() {
    let (_dir, mut lib, course) = library_with_course();
    let item = attach(&mut lib, &course, "h264-aac-faststart.mp4");
    let (l1, l2, l3) = lessons_showing(&mut lib, &course, &item.name);
    lib.mark_lesson_reviewed(&l2, LessonField::Notes).unwrap();
    let status_before = lib.translation_status(&course).unwrap();
    let revision = lib.course(&course).unwrap().revision;

    let renamed = lib.rename_media(&course, "H264-AAC-FASTSTART.mp4", "entrevista.mp4").unwrap();
    assert_eq!((renamed.id.as_str(), renamed.name.as_str()), (item.id.as_str(), "entrevista.mp4"));
    let l1 = lib.lesson(&l1).unwrap();
    assert_eq!(l1.body.pt, "Veja:\n\n![Entrevista](media:entrevista.mp4)\n");
    assert_eq!(l1.body.en, "Watch:\n\n![Interview](media:entrevista.mp4 \"Interview\")\n");
    assert_eq!(lib.lesson(&l2).unwrap().notes.pt, "Mostre media:entrevista.mp4 no fim.");
    assert_eq!(lib.lesson(&l3).unwrap().body.pt, "Texto sem media:outro.mp4");
    // A rename is not a change of meaning: translations stay as they were.
    assert_eq!(lib.translation_status(&course).unwrap().fields, status_before.fields);
    assert!(lib.course(&course).unwrap().revision > revision);
    assert_eq!(lib.media(&course, &item.name).unwrap_err().code(), "media_item_not_found");

    // Renaming onto a taken name changes nothing at all.
    attach(&mut lib, &course, "testsrc.png");
    let before = snapshot(&lib);
    let lessons_before = lib.course(&course).unwrap().modules;
    assert_eq!(
        lib.rename_media(&course, "entrevista.mp4", "TESTSRC.png").unwrap_err().code(),
        "media_name_taken"
    );
    assert_eq!(
        lib.rename_media(&course, "entrevista.mp4", "mau nome").unwrap_err().code(),
        "media_name_invalid"
    );
    assert_eq!(
        lib.rename_media(&course, "nada.mp4", "x.mp4").unwrap_err().code(),
        "media_item_not_found"
    );
    assert_eq!(snapshot(&lib), before);
    assert_eq!(lib.course(&course).unwrap().modules, lessons_before);
}

#[test]
fn detach_is_refused_while_a_lesson_shows_the_file() {
    let (_dir, mut lib, course) = library_with_course();
    let item = attach(&mut lib, &course, "h264-aac-faststart.mp4");
    let (l1, l2, _) = lessons_showing(&mut lib, &course, &item.name);
    let before = snapshot(&lib);
    let err = lib.detach_media(&course, &item.name).unwrap_err();
    assert_eq!(err.code(), "media_in_use");
    let message = err.message(Lang::Pt);
    assert!(
        message.contains("1.1 Porquê votar") && message.contains("1.2 Como votar"),
        "{message}"
    );
    assert!(!message.contains("2.1"), "{message}");
    assert!(err.message(Lang::En).contains("Remove the `media:h264-aac-faststart.mp4` references"));
    assert_eq!(snapshot(&lib), before);
    assert_eq!(
        lib.media_references(&course, &item.name).unwrap(),
        ["1.1 Porquê votar", "1.2 Como votar"]
    );

    lib.set_lesson_text(&l1, LessonField::Body, Lang::Pt, "sem vídeo").unwrap();
    lib.set_lesson_text(&l1, LessonField::Body, Lang::En, "no video").unwrap();
    lib.set_lesson_text(&l2, LessonField::Notes, Lang::Pt, "sem vídeo").unwrap();
    lib.detach_media(&course, &item.name).unwrap();
    assert!(lib.list_media(&course).unwrap().is_empty());
    assert_eq!(lib.detach_media(&course, &item.name).unwrap_err().code(), "media_item_not_found");
}
