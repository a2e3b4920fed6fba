//! The sign-language sample for `tests/player/sign.test.mjs` (issue 16):
//! the civic course with a video and its interpreter made by real ffmpeg
//! (the interpreter at another size and frame rate, a second longer, with
//! a sound the player must mute), linked with a 1 s offset, shown in the
//! second lesson and exported unpacked as `DIR/sign`.

use std::ops::ControlFlow;
use std::path::Path;

use juntos::model::{Lang, LessonField};

use crate::civic_course::sample;

/// Where the interpreter is when the video starts, in milliseconds.
pub const OFFSET_MS: i64 = 1000;

/// Makes `name` in `dir` with ffmpeg's lavfi sources: `video` and a sine
/// tone 0.1 s shorter (sound running past the picture stalls headless
/// Firefox; see docs/player.md).
fn clip(dir: &Path, name: &str, video: &str, seconds: f64) -> std::path::PathBuf {
    let path = dir.join(name);
    let sine = format!("sine=frequency=330:duration={}", seconds - 0.1);
    let status = std::process::Command::new("ffmpeg")
        .args(["-y", "-v", "error", "-f", "lavfi", "-i", video, "-f", "lavfi", "-i", &sine])
        .args(["-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "15", "-c:a", "aac"])
        .args(["-movflags", "+faststart", "-t", &seconds.to_string()])
        .arg(&path)
        .status()
        .expect(
            "ffmpeg must be installed (scripts/setup.sh --test) to make the sign-language clips",
        );
    assert!(status.success(), "ffmpeg could not make {name}: {status}");
    path
}

pub fn write(root: &Path) {
    let (dir, mut lib, course) = sample();
    let go = |_| ControlFlow::Continue(());
    let main = clip(dir.path(), "aula.mp4", "testsrc2=size=640x360:rate=30:duration=8", 8.0);
    let interp = clip(dir.path(), "lgp.mp4", "testsrc=size=320x240:rate=25:duration=9", 9.0);
    lib.attach_media(&course, &main, Some("aula-gestual.mp4"), go).unwrap();
    lib.set_sign_required(&course, true).unwrap();
    lib.attach_interpreter(
        &course,
        "aula-gestual.mp4",
        &interp,
        Some("interprete.mp4"),
        None,
        OFFSET_MS,
        go,
    )
    .unwrap();
    let lesson = lib.course(&course).unwrap().modules[0].lessons[1].clone();
    for (lang, add) in [
        (Lang::Pt, "\n\n![Aula com intérprete](media:aula-gestual.mp4)\n"),
        (Lang::En, "\n\n![Lesson with an interpreter](media:aula-gestual.mp4)\n"),
    ] {
        let body = format!("{}{add}", lesson.body.get(lang).trim_end());
        lib.set_lesson_text(&lesson.id, LessonField::Body, lang, &body).unwrap();
    }
    let target = root.join("sign");
    if target.exists() {
        std::fs::remove_dir_all(&target).unwrap();
    }
    let options = juntos::package::ExportOptions {
        to: Some(target),
        languages: juntos::package::Languages::Both,
        overwrite: false,
    };
    lib.export_unpacked(&course, &options, |_| ControlFlow::Continue(())).unwrap();
}
