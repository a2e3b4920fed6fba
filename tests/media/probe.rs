//! Probing real files in pure Rust: every fixture gives the same facts
//! ffprobe gives (durations checked against ffprobe when the fixtures were made).

use juntos::media::MediaKind;

use crate::support::{attach, library_with_course};

#[test]
fn mp4_with_index_first_and_last() {
    let (_dir, mut lib, course) = library_with_course();
    let fast = attach(&mut lib, &course, "h264-aac-faststart.mp4");
    assert_eq!(
        (fast.kind, fast.format.as_str(), fast.mime.as_str()),
        (MediaKind::Video, "mp4", "video/mp4")
    );
    assert_eq!(fast.duration_ms, Some(1500));
    assert_eq!((fast.width, fast.height), (Some(160), Some(120)));
    assert_eq!(
        (fast.video_codec.as_deref(), fast.audio_codec.as_deref()),
        (Some("h264"), Some("aac"))
    );
    assert_eq!(fast.faststart, Some(true));

    let slow = attach(&mut lib, &course, "h264-aac-moov-at-end.mp4");
    assert_eq!(slow.duration_ms, Some(1500));
    assert_eq!(slow.faststart, Some(false));
    assert_ne!(slow.sha256, fast.sha256, "same content, different layout, different bytes");
}

#[test]
fn hevc_in_mp4_is_attached_and_named() {
    let (_dir, mut lib, course) = library_with_course();
    let item = attach(&mut lib, &course, "hevc-aac.mp4");
    assert_eq!(item.video_codec.as_deref(), Some("hevc"));
    assert_eq!((item.width, item.height, item.duration_ms), (Some(160), Some(120), Some(1500)));
}

#[test]
fn webm_duration_size_and_codecs() {
    let (_dir, mut lib, course) = library_with_course();
    let item = attach(&mut lib, &course, "vp9-opus.webm");
    assert_eq!(
        (item.kind, item.format.as_str(), item.mime.as_str()),
        (MediaKind::Video, "webm", "video/webm")
    );
    assert_eq!(item.duration_ms, Some(1508));
    assert_eq!((item.width, item.height), (Some(160), Some(120)));
    assert_eq!(
        (item.video_codec.as_deref(), item.audio_codec.as_deref()),
        (Some("vp9"), Some("opus"))
    );
    assert_eq!(item.faststart, None);
}

#[test]
fn images_with_dimensions() {
    let (_dir, mut lib, course) = library_with_course();
    for (file, format, mime) in [
        ("testsrc.png", "png", "image/png"),
        ("testsrc.jpg", "jpeg", "image/jpeg"),
        ("testsrc.gif", "gif", "image/gif"),
        ("testsrc.webp", "webp", "image/webp"),
    ] {
        let item = attach(&mut lib, &course, file);
        assert_eq!(
            (item.kind, item.format.as_str(), item.mime.as_str()),
            (MediaKind::Image, format, mime),
            "{file}"
        );
        assert_eq!((item.width, item.height), (Some(64), Some(48)), "{file}");
        assert_eq!(item.duration_ms, None);
    }
}

#[test]
fn audio_with_duration() {
    let (_dir, mut lib, course) = library_with_course();
    for (file, format, codec, duration) in [
        ("sine-cbr.mp3", "mp3", "mp3", 2063),
        ("sine.m4a", "m4a", "aac", 2000),
        ("sine.ogg", "ogg", "vorbis", 2000),
    ] {
        let item = attach(&mut lib, &course, file);
        assert_eq!((item.kind, item.format.as_str()), (MediaKind::Audio, format), "{file}");
        assert_eq!(item.audio_codec.as_deref(), Some(codec), "{file}");
        assert_eq!(item.duration_ms, Some(duration), "{file}");
        assert_eq!(item.width, None);
    }
}

#[test]
fn the_extension_does_not_decide_the_content_does() {
    let (dir, mut lib, course) = library_with_course();
    // Messaging apps rename files freely: a PNG called .mp4 is a PNG, and
    // is named as one (issue 14).
    let misnamed = dir.path().join("foto.mp4");
    std::fs::copy(crate::support::fixture("testsrc.png"), &misnamed).unwrap();
    let item = lib.attach_media(&course, &misnamed, None, juntos::media::no_progress).unwrap();
    assert_eq!(
        (item.kind, item.format.as_str(), item.name.as_str()),
        (MediaKind::Image, "png", "foto.png")
    );
}
