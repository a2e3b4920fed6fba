//! What a prepared video is: codecs, size, faststart, trim, rotation,
//! deinterlacing, frame rate, loudness — checked on the result with
//! ffprobe and ebur128.

use std::path::PathBuf;

use juntos::media::no_progress;
use juntos::media::prepare::{Method, PrepareOptions, Profile, Trim};
use juntos::Library;

use super::clips::{big_buck_bunny, clip, ffprobe, loudness, moov_before_mdat};
use crate::support::library_with_course;

pub fn attach(lib: &mut Library, course: &str, path: &std::path::Path) -> String {
    lib.attach_media(course, path, None, no_progress).unwrap().name
}

pub fn blob(lib: &Library, course: &str, name: &str) -> PathBuf {
    lib.media_blob_path(course, name).unwrap()
}

fn options(profile: Profile) -> PrepareOptions {
    PrepareOptions { profile, ..Default::default() }
}

#[test]
fn real_footage_becomes_h264_main_480p_aac_faststart_and_smaller() {
    let (_dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &big_buck_bunny());
    let original = lib.media(&course, &name).unwrap();
    let report =
        lib.prepare_media(&course, &name, &options(Profile::Standard), no_progress).unwrap();
    let s = ffprobe(&blob(&lib, &course, &name));
    assert_eq!((s.video_codec.as_str(), s.profile.as_str(), s.level), ("h264", "Main", 31));
    assert_eq!(s.pix_fmt, "yuv420p");
    assert_eq!((s.width, s.height), (854, 480), "1280×720 → 480p");
    assert_eq!(s.audio_codec.as_deref(), Some("aac"));
    assert_eq!(s.audio_profile.as_deref(), Some("LC"));
    assert!(moov_before_mdat(&blob(&lib, &course, &name)));
    assert!(report.prepared_size < original.size, "{report:?}");
    assert!(report.prepared_size <= report.predicted_size, "{report:?}");
    let item = lib.media(&course, &name).unwrap();
    assert_eq!(item.faststart, Some(true));
    assert_eq!(report.recipe.method, Method::Encode);
    assert!(report.recipe.ffmpeg_version.starts_with("ffmpeg version "), "{:?}", report.recipe);
    // A poster was made: a JPEG in the store.
    let poster = lib.media_poster_path(&course, &name).unwrap().unwrap();
    assert!(std::fs::read(poster).unwrap().starts_with(&[0xFF, 0xD8]));
}

#[test]
fn phone_profile_is_baseline_360p_and_nothing_is_upscaled() {
    let (_dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &big_buck_bunny());
    lib.prepare_media(&course, &name, &options(Profile::Phone), no_progress).unwrap();
    let s = ffprobe(&blob(&lib, &course, &name));
    assert_eq!(
        (s.profile.as_str(), s.level, s.width, s.height),
        ("Constrained Baseline", 30, 640, 360)
    );
    // 640×360 asked for 720p stays 640×360.
    let small = attach(&mut lib, &course, &clip("landscape.mp4"));
    lib.prepare_media(&course, &small, &options(Profile::High), no_progress).unwrap();
    let s = ffprobe(&blob(&lib, &course, &small));
    assert_eq!((s.width, s.height), (640, 360));
}

#[test]
fn trim_is_exact_to_a_frame() {
    let (_dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &clip("landscape.mp4"));
    let trim = Trim { start_ms: 1_000, end_ms: 4_500 };
    let opts = PrepareOptions { trim: Some(trim), poster_ms: Some(2_000), ..Default::default() };
    let report = lib.prepare_media(&course, &name, &opts, no_progress).unwrap();
    let s = ffprobe(&blob(&lib, &course, &name));
    assert!((s.video_duration - 3.5).abs() <= 1.0 / 30.0 + 1e-6, "{}", s.video_duration);
    assert_eq!(report.recipe.trim, Some(trim));
    assert_eq!(report.recipe.poster_ms, Some(2_000));
}

#[test]
fn portrait_stays_upright() {
    let (_dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &clip("portrait.mp4"));
    let before = ffprobe(&clip("portrait.mp4"));
    assert!(before.rotation.is_some() && before.width > before.height, "{before:?}");
    lib.prepare_media(&course, &name, &options(Profile::Standard), no_progress).unwrap();
    let s = ffprobe(&blob(&lib, &course, &name));
    assert_eq!((s.width, s.height), (360, 640), "{s:?}");
    assert!(s.rotation.is_none_or(|r| r == 0.0), "pictures turned, no matrix left: {s:?}");
}

#[test]
fn interlaced_is_deinterlaced_hevc_converted_4k60_brought_down() {
    let (_dir, mut lib, course) = library_with_course();
    assert_eq!(ffprobe(&clip("interlaced.mp4")).field_order, "tt");
    let name = attach(&mut lib, &course, &clip("interlaced.mp4"));
    lib.prepare_media(&course, &name, &options(Profile::Standard), no_progress).unwrap();
    let s = ffprobe(&blob(&lib, &course, &name));
    assert_eq!(s.field_order, "progressive");
    assert_eq!((s.width, s.height), (600, 480));

    let hevc = attach(&mut lib, &course, &clip("hevc.mp4"));
    let status = lib.media_status(&course).unwrap();
    let warned = |st: &juntos::media::MediaStatus| {
        st.items
            .iter()
            .find(|i| i.name == hevc)
            .unwrap()
            .warnings
            .iter()
            .any(|w| matches!(w, juntos::media::MediaWarning::UnsupportedCodec { .. }))
    };
    assert!(warned(&status));
    lib.prepare_media(
        &course,
        &hevc,
        &PrepareOptions { quick: true, ..Default::default() },
        no_progress,
    )
    .unwrap();
    assert_eq!(ffprobe(&blob(&lib, &course, &hevc)).video_codec, "h264");
    assert!(!warned(&lib.media_status(&course).unwrap()));

    let uhd = attach(&mut lib, &course, &clip("4k60.mp4"));
    lib.prepare_media(&course, &uhd, &options(Profile::Standard), no_progress).unwrap();
    let s = ffprobe(&blob(&lib, &course, &uhd));
    assert_eq!((s.width, s.height), (854, 480));
    assert!((s.fps - 30.0).abs() < 0.01, "{}", s.fps);
}

#[test]
fn loudness_is_brought_to_minus_16_lufs() {
    let (_dir, mut lib, course) = library_with_course();
    for clip_name in ["quiet.mp4", "landscape.mp4"] {
        let source = loudness(&clip(clip_name));
        let name = attach(&mut lib, &course, &clip(clip_name));
        lib.prepare_media(&course, &name, &options(Profile::Standard), no_progress).unwrap();
        let after = loudness(&blob(&lib, &course, &name));
        assert!((after + 16.0).abs() <= 1.5, "{clip_name}: {source} LUFS -> {after} LUFS");
    }
    let bbb = attach(&mut lib, &course, &big_buck_bunny());
    lib.prepare_media(&course, &bbb, &options(Profile::Standard), no_progress).unwrap();
    let after = loudness(&blob(&lib, &course, &bbb));
    assert!((after + 16.0).abs() <= 1.5, "bigbuckbunny: {after} LUFS");
}

#[test]
fn no_audio_and_a_two_hour_file_prepare_fine() {
    let (_dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &clip("no-audio.mp4"));
    lib.prepare_media(&course, &name, &options(Profile::Phone), no_progress).unwrap();
    assert_eq!(ffprobe(&blob(&lib, &course, &name)).audio_codec, None);

    let long = attach(&mut lib, &course, &clip("two-hours.mp4"));
    let mut last = None;
    lib.prepare_media(&course, &long, &options(Profile::Phone), |p| {
        last = Some(p);
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let s = ffprobe(&blob(&lib, &course, &long));
    assert!((s.video_duration - 7200.0).abs() <= 1.0, "{}", s.video_duration);
    let last = last.unwrap();
    assert_eq!(last.total, Some(7_200_000), "progress is in ms of video");
    assert!(last.done >= 7_000_000, "{last:?}");
}

#[test]
fn quick_fix_only_moves_the_index() {
    let (_dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &clip("landscape.mp4"));
    assert!(!moov_before_mdat(&clip("landscape.mp4")));
    let before = ffprobe(&clip("landscape.mp4"));
    let opts = PrepareOptions { quick: true, ..Default::default() };
    let report = lib.prepare_media(&course, &name, &opts, no_progress).unwrap();
    assert_eq!(report.recipe.method, Method::Remux);
    let path = blob(&lib, &course, &name);
    assert!(moov_before_mdat(&path));
    let after = ffprobe(&path);
    assert_eq!(
        (after.width, after.height, after.level),
        (before.width, before.height, before.level)
    );
    assert!(report.prepared_size.abs_diff(report.original_size) < report.original_size / 20);
    assert!(lib.media_status(&course).unwrap().items[0]
        .warnings
        .iter()
        .all(|w| !matches!(w, juntos::media::MediaWarning::NotFaststart)));
}
