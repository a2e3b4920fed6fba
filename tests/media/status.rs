//! The media side of a course's status: missing captions per language,
//! index at the end, codecs browsers cannot play, where each file is used.

use juntos::media::{MediaKind, MediaWarning};
use juntos::model::{Lang, LessonField};

use crate::support::{attach, fixture, library_with_course};

#[test]
fn videos_without_captions_and_other_warnings_show_in_the_status() {
    let (_dir, mut lib, course) = library_with_course();
    let fast = attach(&mut lib, &course, "h264-aac-faststart.mp4");
    let slow = attach(&mut lib, &course, "h264-aac-moov-at-end.mp4");
    let hevc = attach(&mut lib, &course, "hevc-aac.mp4");
    let image = attach(&mut lib, &course, "testsrc.png");
    let module = lib.add_module(&course, "Votar", Lang::Pt, None).unwrap();
    let lesson = lib.add_lesson(&module.id, "Porquê votar", Lang::Pt, None).unwrap();
    lib.set_lesson_text(
        &lesson.id,
        LessonField::Body,
        Lang::Pt,
        &format!("![x](media:{})", fast.name),
    )
    .unwrap();

    let status = lib.media_status(&course).unwrap();
    let of = |name: &str| status.items.iter().find(|i| i.name == name).unwrap();
    let missing_both = vec![
        MediaWarning::MissingCaptions { lang: Lang::Pt },
        MediaWarning::MissingCaptions { lang: Lang::En },
    ];
    assert_eq!(of(&fast.name).warnings, missing_both);
    assert_eq!(of(&fast.name).used_in, ["1.1 Porquê votar"]);
    assert!(of(&slow.name).warnings.contains(&MediaWarning::NotFaststart));
    assert!(of(&hevc.name)
        .warnings
        .contains(&MediaWarning::UnsupportedCodec { codec: "hevc".into() }));
    assert_eq!((of(&image.name).kind, of(&image.name).warnings.len()), (MediaKind::Image, 0));
    assert_eq!((status.videos, status.videos_captioned), (3, 0));

    lib.set_captions(&course, &fast.name, Lang::Pt, &fixture("legendas-pt.srt")).unwrap();
    let status = lib.media_status(&course).unwrap();
    let fast_status = status.items.iter().find(|i| i.name == fast.name).unwrap();
    assert_eq!(fast_status.warnings, vec![MediaWarning::MissingCaptions { lang: Lang::En }]);
    lib.set_captions(&course, &fast.name, Lang::En, &fixture("captions-en.vtt")).unwrap();
    let status = lib.media_status(&course).unwrap();
    assert!(status.items.iter().find(|i| i.name == fast.name).unwrap().warnings.is_empty());
    assert_eq!(status.videos_captioned, 1);

    // Warnings speak both languages and say what to do.
    let w = MediaWarning::NotFaststart;
    assert!(w.message(Lang::Pt).contains("pen USB") && w.message(Lang::En).contains("faststart"));
    let w = MediaWarning::UnsupportedCodec { codec: "hevc".into() };
    assert!(w.message(Lang::En).contains("H.264/AAC"));
}
