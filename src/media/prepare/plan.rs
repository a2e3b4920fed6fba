//! The ffmpeg command lines, built from what ffprobe said and the recipe:
//! pure functions, so every rule (never upscale, 30 fps at most, portrait
//! upright, deinterlace, loudness) is unit-tested without running ffmpeg.
//!
//! - **Size**: the short side is capped at the profile's height (360, 480,
//!   720) and the long side at 16/9 of it, so a level-3.1 decoder (old
//!   phones) accepts every result; never scaled up; even dimensions.
//! - **Rotation**: ffmpeg rotates by default (`autorotate`) before our
//!   filters, and writes the result without a rotation matrix; widths and
//!   heights here are therefore those *as shown*.
//! - **Interlacing**: `bwdif` only when ffprobe's field order says the
//!   pictures are interlaced (deinterlacing progressive video blurs it).
//! - **Frame rate**: `fps=30` only above 30 fps.
//! - **Rate**: capped CRF. x264 aims at the profile's quality (`-crf`) but
//!   the VBV (`-maxrate`, `-bufsize` of two seconds) forbids more than the
//!   ceiling, so `ceiling × duration` bounds the size: what a budget needs.
//! - **Loudness**: two passes of `loudnorm` (EBU R128, −16 LUFS, −1.5 dBTP):
//!   the first measures, the second applies the measured values linearly.
//!   One pass (dynamic mode) also met ±1.5 LU on our test clips (−15.7 and
//!   −15.8 LUFS for a very quiet, a short and a normal clip), but it works
//!   as a compressor, changing the dynamics of speech; a linear gain does
//!   not, and its result is predictable. The measuring pass decodes only
//!   the sound, a few per cent of the encode time.
//! - **Metadata** (`-map_metadata -1`): phone videos carry the GPS position
//!   where they were filmed; a package sent to many people should not.

use std::ffi::OsString;
use std::path::Path;

use super::recipe::{ProfileSettings, Trim, TARGET_LUFS, TRUE_PEAK_DB};
use super::source::SourceInfo;

/// Size of the prepared pictures (as shown), from the source's.
pub fn output_size(source_w: u32, source_h: u32, short_side: u32) -> (u32, u32) {
    let (w, h) = (source_w.max(2) as f64, source_h.max(2) as f64);
    let short = w.min(h);
    let long = w.max(h);
    let long_cap = (short_side as f64 * 16.0 / 9.0).round();
    let scale = (short_side as f64 / short).min(long_cap / long).min(1.0);
    (even(w * scale), even(h * scale))
}

fn even(x: f64) -> u32 {
    ((x / 2.0).round() as u32 * 2).max(2)
}

/// What loudnorm measured in the first pass.
#[derive(Debug, Clone, PartialEq)]
pub struct Loudness {
    pub input_i: f64,
    pub input_tp: f64,
    pub input_lra: f64,
    pub input_thresh: f64,
    pub target_offset: f64,
}

/// Input options for the part of the source that is kept.
fn input(source: &Path, trim: Option<Trim>) -> Vec<OsString> {
    let mut args: Vec<OsString> = Vec::new();
    if let Some(t) = trim {
        // Before -i: a fast seek, then decoding drops the frames before the
        // start, so the cut is exact to the frame when re-encoding.
        args.extend(["-ss".into(), seconds(t.start_ms).into()]);
    }
    args.extend(["-i".into(), source.as_os_str().to_owned()]);
    if let Some(t) = trim {
        args.extend(["-t".into(), seconds(t.end_ms - t.start_ms).into()]);
    }
    args
}

fn seconds(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// The measuring pass: sound only, no output file.
pub fn measure_loudness(source: &Path, trim: Option<Trim>) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["-loglevel".into(), "info".into()];
    args.extend(input(source, trim));
    args.extend(
        [
            "-map",
            "0:a:0",
            "-vn",
            "-sn",
            "-dn",
            "-af",
            &format!("loudnorm=I={TARGET_LUFS}:TP={TRUE_PEAK_DB}:LRA=11:print_format=json"),
            "-f",
            "null",
            "-",
        ]
        .map(OsString::from),
    );
    args
}

/// Reads the JSON block loudnorm prints at the end of the measuring pass.
/// `None` for silence (`-inf`) or when nothing was printed.
pub fn parse_loudness(lines: &[String]) -> Option<Loudness> {
    let text = lines.join("\n");
    let start = text.rfind('{')?;
    let end = start + text[start..].find('}')?;
    let value: serde_json::Value = serde_json::from_str(&text[start..=end]).ok()?;
    let field =
        |k: &str| value.get(k)?.as_str()?.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    Some(Loudness {
        input_i: field("input_i")?,
        input_tp: field("input_tp")?,
        input_lra: field("input_lra")?,
        input_thresh: field("input_thresh")?,
        target_offset: field("target_offset")?,
    })
}

/// Everything the encode needs to know.
pub struct EncodePlan<'a> {
    pub source: &'a Path,
    pub info: &'a SourceInfo,
    pub settings: ProfileSettings,
    pub trim: Option<Trim>,
    /// The ceiling a budget chose, when lower than the profile's.
    pub video_kbps: Option<u32>,
    /// From the measuring pass; `None` when silent or no sound.
    pub loudness: Option<Loudness>,
    pub output: &'a Path,
}

/// The video filter chain.
pub fn video_filters(info: &SourceInfo, settings: &ProfileSettings) -> String {
    let mut filters = Vec::new();
    if info.interlaced {
        filters.push("bwdif=mode=send_frame:deint=all".to_string());
    }
    let (w, h) = output_size(info.width, info.height, settings.short_side);
    filters.push(format!("scale={w}:{h}:flags=bicubic"));
    filters.push("setsar=1".into());
    if info.fps > 30.5 {
        filters.push("fps=30".into());
    }
    filters.push("format=yuv420p".into());
    filters.join(",")
}

/// The audio filter chain: linear loudnorm with the measured values, then
/// back to 48 kHz (loudnorm works at 192 kHz).
pub fn audio_filters(loudness: Option<&Loudness>) -> String {
    match loudness {
        Some(l) => format!(
            "loudnorm=I={TARGET_LUFS}:TP={TRUE_PEAK_DB}:LRA=11:measured_I={}:measured_TP={}:measured_LRA={}:measured_thresh={}:offset={}:linear=true,aresample=48000",
            l.input_i, l.input_tp, l.input_lra, l.input_thresh, l.target_offset
        ),
        None => "aresample=48000".into(),
    }
}

/// Ends the sound where the picture ends. Resampling (loudnorm works at
/// 192 kHz) and AAC's frames leave the sound ~10–20 ms longer than the
/// picture, and headless Firefox then stops at the first frame of the
/// prepared MP4 (readyState 2); cut to the picture's length, it plays.
fn with_sound_cut_to_picture(filters: String, plan: &EncodePlan) -> String {
    let picture_ms = match plan.trim {
        Some(t) => t.end_ms - t.start_ms,
        None => plan.info.video_duration_ms,
    };
    if picture_ms == 0 {
        return filters;
    }
    format!("{filters},atrim=end={}", seconds(picture_ms))
}

pub fn video_ceiling(plan_kbps: Option<u32>, settings: &ProfileSettings) -> u32 {
    plan_kbps.map_or(settings.max_video_kbps, |k| k.min(settings.max_video_kbps))
}

/// The encode: H.264 + AAC-LC in MP4 with the index first.
pub fn encode(plan: &EncodePlan) -> Vec<OsString> {
    let s = &plan.settings;
    let mut args = input(plan.source, plan.trim);
    let kbps = video_ceiling(plan.video_kbps, s);
    let has_audio = plan.info.audio_codec.is_some();
    let mut rest: Vec<String> = vec!["-map".into(), "0:v:0".into()];
    if has_audio {
        rest.extend(["-map".into(), "0:a:0".into()]);
    }
    rest.extend(
        [
            "-vf",
            &video_filters(plan.info, s),
            "-c:v",
            "libx264",
            "-preset",
            "medium",
            "-crf",
            &s.crf.to_string(),
            "-maxrate",
            &format!("{kbps}k"),
            "-bufsize",
            &format!("{}k", kbps * 2),
            "-profile:v",
            s.h264_profile,
            "-level:v",
            s.h264_level,
            "-pix_fmt",
            "yuv420p",
        ]
        .map(String::from),
    );
    if has_audio {
        let audio_kbps = if plan.video_kbps.is_some_and(|k| k < s.max_video_kbps / 2) {
            super::recipe::MIN_AUDIO_KBPS.max(s.audio_kbps / 2)
        } else {
            s.audio_kbps
        };
        rest.extend(
            [
                "-af",
                &with_sound_cut_to_picture(audio_filters(plan.loudness.as_ref()), plan),
                "-c:a",
                "aac",
                "-b:a",
                &format!("{audio_kbps}k"),
                "-ac",
                &s.audio_channels.to_string(),
                "-ar",
                "48000",
            ]
            .map(String::from),
        );
    } else {
        rest.push("-an".into());
    }
    rest.extend(
        ["-sn", "-dn", "-map_metadata", "-1", "-map_chapters", "-1", "-movflags", "+faststart"]
            .map(String::from),
    );
    rest.extend(["-f".into(), "mp4".into(), "-y".into()]);
    args.extend(rest.into_iter().map(OsString::from));
    args.push(plan.output.as_os_str().to_owned());
    args
}

/// The quick fix: same pictures and sound, index moved to the front.
pub fn remux(source: &Path, output: &Path) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["-i".into(), source.as_os_str().to_owned()];
    args.extend(
        [
            "-map",
            "0:v:0",
            "-map",
            "0:a:0?",
            "-c",
            "copy",
            "-sn",
            "-dn",
            "-map_metadata",
            "-1",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            "-y",
        ]
        .map(OsString::from),
    );
    args.push(output.as_os_str().to_owned());
    args
}

/// The poster: one frame of the prepared video at `at_ms`, as a JPEG.
pub fn poster(prepared: &Path, at_ms: u64, output: &Path) -> Vec<OsString> {
    let mut args: Vec<OsString> =
        vec!["-ss".into(), seconds(at_ms).into(), "-i".into(), prepared.as_os_str().to_owned()];
    args.extend(
        [
            "-frames:v",
            "1",
            "-an",
            "-q:v",
            "4",
            "-map_metadata",
            "-1",
            "-f",
            "image2",
            "-c:v",
            "mjpeg",
            "-y",
        ]
        .map(OsString::from),
    );
    args.push(output.as_os_str().to_owned());
    args
}

/// Whether the quick fix (remux) is enough: pictures and sound browsers
/// play, in MP4/MOV, with nothing else asked.
pub fn remux_is_enough(info: &SourceInfo) -> bool {
    let plays_video = info.video_codec == "h264";
    let plays_audio = info.audio_codec.as_deref().is_none_or(|c| matches!(c, "aac" | "mp3"));
    plays_video && plays_audio && info.container.contains("mp4")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_never_upscale_and_keep_portrait() {
        assert_eq!(output_size(1920, 1080, 480), (854, 480));
        assert_eq!(output_size(1080, 1920, 480), (480, 854));
        assert_eq!(output_size(3840, 2160, 360), (640, 360));
        assert_eq!(output_size(320, 240, 480), (320, 240));
        assert_eq!(output_size(321, 241, 480), (322, 242));
        // Ultra-wide: the long side is capped too, so level 3.1 holds.
        let (w, h) = output_size(2560, 1080, 720);
        assert!(w <= 1280 && h <= 720, "{w}x{h}");
    }

    #[test]
    fn loudness_block_is_read() {
        let lines: Vec<String> = r#"[Parsed_loudnorm_0 @ 0x55] 
{
	"input_i" : "-35.20",
	"input_tp" : "-30.01",
	"input_lra" : "0.00",
	"input_thresh" : "-45.20",
	"output_i" : "-16.02",
	"output_tp" : "-10.81",
	"output_lra" : "0.00",
	"output_thresh" : "-26.02",
	"normalization_type" : "linear",
	"target_offset" : "0.02"
}"#
        .lines()
        .map(String::from)
        .collect();
        let l = parse_loudness(&lines).unwrap();
        assert_eq!(l.input_i, -35.2);
        let silent = vec![r#"{ "input_i" : "-inf", "input_tp" : "-inf", "input_lra" : "0.00", "input_thresh" : "-70.00", "target_offset" : "inf" }"#.to_string()];
        assert_eq!(parse_loudness(&silent), None);
    }
}
