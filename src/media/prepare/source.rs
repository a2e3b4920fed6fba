//! What ffprobe says about a video before it is prepared: the size as
//! shown (rotation applied), frame rate, interlacing, duration, codecs.
//! Our pure-Rust probe (`media::probe`) reads headers only and stays the
//! one used at attach; this one runs only when ffmpeg is there anyway and
//! knows what the encode needs (rotation matrices, field order, rates).

use std::ffi::OsString;
use std::path::Path;

use serde::Deserialize;

use super::errors::PrepareError;
use super::ffmpeg::{Ffmpeg, RunError};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct SourceInfo {
    pub duration_ms: u64,
    /// The picture's own length; the sound may run longer or shorter.
    pub video_duration_ms: u64,
    /// As shown: after rotation.
    pub width: u32,
    pub height: u32,
    /// Degrees, as the display matrix says (0, 90, 180, 270).
    pub rotation: i32,
    /// Frames per second (average), 0 when unknown.
    pub fps: f64,
    pub video_codec: String,
    pub audio_codec: Option<String>,
    /// ffprobe's field order says the pictures are interlaced.
    pub interlaced: bool,
    /// The container ffprobe names (`mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`…).
    pub container: String,
}

#[derive(Deserialize)]
struct Probed {
    #[serde(default)]
    streams: Vec<Stream>,
    format: Option<Format>,
}

#[derive(Deserialize)]
struct Stream {
    codec_type: Option<String>,
    codec_name: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    avg_frame_rate: Option<String>,
    r_frame_rate: Option<String>,
    field_order: Option<String>,
    duration: Option<String>,
    #[serde(default)]
    side_data_list: Vec<SideData>,
    #[serde(default)]
    tags: std::collections::HashMap<String, String>,
    #[serde(default)]
    disposition: std::collections::HashMap<String, i64>,
}

#[derive(Deserialize)]
struct SideData {
    rotation: Option<f64>,
}

#[derive(Deserialize)]
struct Format {
    format_name: Option<String>,
    duration: Option<String>,
}

/// Asks ffprobe about `path`; `name` is the media name for messages.
pub fn inspect(ff: &Ffmpeg, path: &Path, name: &str) -> Result<SourceInfo> {
    let args: Vec<OsString> = vec![
        "-v".into(),
        "error".into(),
        "-print_format".into(),
        "json".into(),
        "-show_format".into(),
        "-show_streams".into(),
        path.as_os_str().to_owned(),
    ];
    let (stdout, _) = ff.output(&ff.ffprobe, &args).map_err(|e| match e {
        RunError::Killed => Error::Prepare(PrepareError::FfmpegKilled { name: name.into() }),
        other => Error::Prepare(PrepareError::FfmpegFailed {
            name: name.into(),
            last_line: other.last_line(),
        }),
    })?;
    let probed: Probed = serde_json::from_slice(&stdout).map_err(|e| {
        Error::Prepare(PrepareError::FfmpegFailed {
            name: name.into(),
            last_line: format!("ffprobe: {e}"),
        })
    })?;
    from_probed(probed, name)
}

fn from_probed(probed: Probed, name: &str) -> Result<SourceInfo> {
    let not_video = || Error::Prepare(PrepareError::NotAVideo { name: name.into() });
    // A cover picture inside an audio file is a "video" stream with the
    // attached_pic disposition: not a video.
    let video = probed
        .streams
        .iter()
        .find(|s| {
            s.codec_type.as_deref() == Some("video")
                && s.disposition.get("attached_pic").copied().unwrap_or(0) == 0
        })
        .ok_or_else(not_video)?;
    let audio = probed.streams.iter().find(|s| s.codec_type.as_deref() == Some("audio"));
    let rotation = video
        .side_data_list
        .iter()
        .find_map(|d| d.rotation)
        .map(|r| r.round() as i32)
        .or_else(|| video.tags.get("rotate").and_then(|r| r.parse::<i32>().ok()))
        .unwrap_or(0)
        .rem_euclid(360);
    let (w, h) = (video.width.unwrap_or(0), video.height.unwrap_or(0));
    if w == 0 || h == 0 {
        return Err(not_video());
    }
    let (width, height) = if rotation % 180 == 90 { (h, w) } else { (w, h) };
    let seconds = |s: &Option<String>| s.as_deref().and_then(|d| d.parse::<f64>().ok());
    let duration = probed
        .format
        .as_ref()
        .and_then(|f| seconds(&f.duration))
        .or_else(|| seconds(&video.duration))
        .unwrap_or(0.0);
    let video_duration = seconds(&video.duration).unwrap_or(duration);
    let fps = rate(video.avg_frame_rate.as_deref())
        .filter(|r| *r > 0.0)
        .or_else(|| rate(video.r_frame_rate.as_deref()))
        .unwrap_or(0.0);
    let interlaced = matches!(video.field_order.as_deref(), Some("tt" | "bb" | "tb" | "bt"));
    Ok(SourceInfo {
        duration_ms: (duration * 1000.0).round().max(0.0) as u64,
        video_duration_ms: (video_duration * 1000.0).round().max(0.0) as u64,
        width,
        height,
        rotation,
        fps,
        video_codec: video.codec_name.clone().unwrap_or_default(),
        audio_codec: audio.and_then(|a| a.codec_name.clone()),
        interlaced,
        container: probed.format.and_then(|f| f.format_name).unwrap_or_default(),
    })
}

/// `30000/1001` → 29.97.
fn rate(text: Option<&str>) -> Option<f64> {
    let (n, d) = text?.split_once('/')?;
    let (n, d) = (n.parse::<f64>().ok()?, d.parse::<f64>().ok()?);
    (d > 0.0).then(|| n / d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portrait_from_rotation_and_audio_only() {
        let json = r#"{"streams":[{"codec_type":"video","codec_name":"h264","width":1920,"height":1080,
            "avg_frame_rate":"30000/1001","side_data_list":[{"rotation":-90}]},
            {"codec_type":"audio","codec_name":"aac"}],"format":{"format_name":"mov,mp4","duration":"12.5"}}"#;
        let info = from_probed(serde_json::from_str(json).unwrap(), "a.mp4").unwrap();
        assert_eq!((info.width, info.height, info.rotation), (1080, 1920, 270));
        assert_eq!(info.duration_ms, 12_500);
        assert!((info.fps - 29.97).abs() < 0.01);
        let audio =
            r#"{"streams":[{"codec_type":"audio","codec_name":"aac"}],"format":{"duration":"2"}}"#;
        let err = from_probed(serde_json::from_str(audio).unwrap(), "s.m4a").unwrap_err();
        assert_eq!(err.code(), "prepare_not_a_video");
    }
}
