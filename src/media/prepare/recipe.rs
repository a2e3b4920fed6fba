//! How a prepared video is made, in words a trainer understands: a profile
//! (Telemóvel / Padrão / Alta), an optional trim and poster time, and — kept
//! with the result — the ffmpeg version that made it. The recipe is stored
//! beside the prepared blob (`media_prepared.recipe`, JSON) and travels in
//! packages, so anyone can tell how a video was made.

use serde::{Deserialize, Serialize};

use super::errors::PrepareError;

/// What the prepared video is for. Heights are of the short side, so a
/// portrait phone video gets the same detail as a landscape one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// "Telemóvel / Phone": 360p, small enough to send to a phone.
    Phone,
    /// "Padrão / Standard": 480p, the default.
    #[default]
    Standard,
    /// "Alta / High": 720p, for a projector or where small text must be read.
    High,
}

/// What a profile asks of the encoder.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProfileSettings {
    /// Short side in pixels, never upscaled.
    pub short_side: u32,
    /// x264 constant rate factor: the quality aimed at.
    pub crf: u32,
    /// Ceiling of the video rate (kbit/s): the rate never goes over it, so
    /// sizes are predictable. A budget can lower it, never raise it.
    pub max_video_kbps: u32,
    /// H.264 profile and level: what old phones decode. 640×360@30 fits
    /// Baseline 3.0; 854×480@30 and 1280×720@30 need level 3.1 (Main).
    pub h264_profile: &'static str,
    pub h264_level: &'static str,
    /// AAC-LC rate (kbit/s) and channels.
    pub audio_kbps: u32,
    pub audio_channels: u32,
}

impl Profile {
    pub const ALL: [Profile; 3] = [Profile::Phone, Profile::Standard, Profile::High];

    pub fn code(self) -> &'static str {
        match self {
            Profile::Phone => "phone",
            Profile::Standard => "standard",
            Profile::High => "high",
        }
    }

    /// Accepts the English and Portuguese names and the heights.
    pub fn parse(text: &str) -> Option<Profile> {
        match text.trim().to_lowercase().as_str() {
            "phone" | "telemovel" | "telemóvel" | "360" | "360p" => Some(Profile::Phone),
            "standard" | "padrao" | "padrão" | "480" | "480p" => Some(Profile::Standard),
            "high" | "alta" | "720" | "720p" => Some(Profile::High),
            _ => None,
        }
    }

    /// The name shown to people, `(pt, en)`.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Profile::Phone => ("Telemóvel (360p)", "Phone (360p)"),
            Profile::Standard => ("Padrão (480p)", "Standard (480p)"),
            Profile::High => ("Alta (720p)", "High (720p)"),
        }
    }

    pub fn settings(self) -> ProfileSettings {
        match self {
            Profile::Phone => ProfileSettings {
                short_side: 360,
                crf: 28,
                max_video_kbps: 500,
                h264_profile: "baseline",
                h264_level: "3.0",
                audio_kbps: 64,
                audio_channels: 1,
            },
            Profile::Standard => ProfileSettings {
                short_side: 480,
                crf: 27,
                max_video_kbps: 900,
                h264_profile: "main",
                h264_level: "3.1",
                audio_kbps: 96,
                audio_channels: 2,
            },
            Profile::High => ProfileSettings {
                short_side: 720,
                crf: 25,
                max_video_kbps: 2000,
                h264_profile: "main",
                h264_level: "3.1",
                audio_kbps: 128,
                audio_channels: 2,
            },
        }
    }
}

/// The lowest video rate a budget may ask for (kbit/s): below it, faces
/// and writing on a flip chart turn to mush, so we refuse instead.
pub const MIN_VIDEO_KBPS: u32 = 120;
/// The audio rate used when the budget is tight (kbit/s, mono AAC-LC).
pub const MIN_AUDIO_KBPS: u32 = 32;
/// Loudness aimed at (EBU R128 integrated, LUFS) and the true-peak ceiling.
pub const TARGET_LUFS: f64 = -16.0;
pub const TRUE_PEAK_DB: f64 = -1.5;

/// What to do with a video.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Recipe {
    /// `remux` (only the index moved to the front: same pictures, same
    /// sound) or `encode` (converted to H.264/AAC with `profile`).
    pub method: Method,
    pub profile: Profile,
    /// Start and end kept, in the original's time (ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub trim: Option<Trim>,
    /// Poster frame, in the original's time (ms); `None`: 10 % in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub poster_ms: Option<u64>,
    /// The video rate ceiling a budget chose (kbit/s), when lower than the profile's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub video_kbps: Option<u32>,
    /// Filled in when the video is made: `ffmpeg version …` first line.
    #[serde(default)]
    pub ffmpeg_version: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Remux,
    Encode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Trim {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub start_ms: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub end_ms: u64,
}

/// `90`, `1:30`, `1:02:03`, `0:05.5` → milliseconds.
pub fn parse_time(text: &str) -> Result<u64, PrepareError> {
    let invalid = || PrepareError::TimeInvalid { text: text.to_string() };
    let t = text.trim();
    if t.is_empty() {
        return Err(invalid());
    }
    let parts: Vec<&str> = t.split(':').collect();
    if parts.len() > 3 {
        return Err(invalid());
    }
    let mut ms: u64 = 0;
    for (i, part) in parts.iter().enumerate() {
        let last = i == parts.len() - 1;
        let (whole, frac) = match part.split_once('.') {
            Some((w, f)) if last => (w, Some(f)),
            Some(_) => return Err(invalid()),
            None => (*part, None),
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 6 {
            return Err(invalid());
        }
        let n: u64 = whole.parse().map_err(|_| invalid())?;
        if i > 0 && n >= 60 {
            return Err(invalid());
        }
        ms = ms * 60 + n * 1000;
        if i < parts.len() - 1 {
            continue;
        }
        if let Some(f) = frac {
            if f.is_empty() || f.len() > 3 || !f.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            let padded = format!("{f:0<3}");
            ms += padded.parse::<u64>().map_err(|_| invalid())?;
        }
    }
    Ok(ms)
}

/// `0:05-12:30` → a trim (checked against the video later).
pub fn parse_trim(text: &str) -> Result<Trim, PrepareError> {
    let invalid = || PrepareError::TimeInvalid { text: text.to_string() };
    let (a, b) = text.split_once('-').ok_or_else(invalid)?;
    let start_ms = if a.trim().is_empty() { 0 } else { parse_time(a)? };
    let end_ms = parse_time(b)?;
    Ok(Trim { start_ms, end_ms })
}

/// `700MB`, `1.5GB`, `700M`, `500000000` → bytes (MB = 10^6, as USB sticks count).
pub fn parse_size(text: &str) -> Result<u64, PrepareError> {
    let invalid = || PrepareError::SizeInvalid { text: text.to_string() };
    let t = text.trim().to_ascii_lowercase();
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: f64 = number.parse().map_err(|_| invalid())?;
    let factor = match unit.trim() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err(invalid()),
    };
    let bytes = n * factor;
    if !bytes.is_finite() || !(1.0..=1e15).contains(&bytes) {
        return Err(invalid());
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time("90").unwrap(), 90_000);
        assert_eq!(parse_time("1:30").unwrap(), 90_000);
        assert_eq!(parse_time("1:02:03").unwrap(), 3_723_000);
        assert_eq!(parse_time("0:05.5").unwrap(), 5_500);
        assert_eq!(parse_time("12:30.250").unwrap(), 750_250);
        for bad in ["", "1:60", "a", "1::2", "1.5:00", "-3", "1:2:3:4", "0:05.1234"] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_trim("0:05-12:30").unwrap(), Trim { start_ms: 5_000, end_ms: 750_000 });
        assert_eq!(parse_trim("-10").unwrap(), Trim { start_ms: 0, end_ms: 10_000 });
        assert!(parse_trim("10").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("700MB").unwrap(), 700_000_000);
        assert_eq!(parse_size("1.5GB").unwrap(), 1_500_000_000);
        assert_eq!(parse_size("2 MiB").unwrap(), 2 * 1024 * 1024);
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0MB").is_err());
    }

    #[test]
    fn profiles() {
        assert_eq!(Profile::parse("480p"), Some(Profile::Standard));
        assert_eq!(Profile::parse("Telemóvel"), Some(Profile::Phone));
        assert_eq!(Profile::default(), Profile::Standard);
    }
}
