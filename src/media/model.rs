//! What the library hands out about media: items, their warnings, and the
//! reports of `gc` and `verify-library`. Plain data, shared with the UI.

use serde::{Deserialize, Serialize};

use crate::model::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    Video,
    Audio,
    Image,
}

impl MediaKind {
    pub fn code(self) -> &'static str {
        match self {
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Image => "image",
        }
    }

    pub fn parse(code: &str) -> Option<MediaKind> {
        match code {
            "video" => Some(MediaKind::Video),
            "audio" => Some(MediaKind::Audio),
            "image" => Some(MediaKind::Image),
            _ => None,
        }
    }
}

/// One file attached to a course, as lessons see it: `![…](media:NAME)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaItem {
    pub id: String,
    pub course_id: String,
    /// Unique within the course (ignoring case); what lessons refer to.
    pub name: String,
    pub kind: MediaKind,
    /// `mp4`, `mov`, `3gp`, `m4a`, `webm`, `png`, `jpeg`, `gif`, `webp`, `mp3`, `ogg`.
    pub format: String,
    pub mime: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
    /// Hex SHA-256 of the bytes: the blob's name in `media/`.
    pub sha256: String,
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub duration_ms: Option<u64>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub width: Option<u32>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub height: Option<u32>,
    /// `h264`, `hevc`, `vp9`, … (see `media::probe`).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub video_codec: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub audio_codec: Option<String>,
    /// MP4/MOV only: the index comes before the data, so playback starts at once.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub faststart: Option<bool>,
    /// Languages that have captions.
    pub captions: Vec<Lang>,
    /// Sign-language interpreters of a video (see `media::sign`).
    #[serde(default)]
    pub interpreters: Vec<super::sign::Interpreter>,
    /// File name it was attached from.
    pub original_name: String,
    pub created_at: String,
}

/// A problem with one media item that does not stop it from being attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum MediaWarning {
    /// A video has no captions in one of the course's languages.
    MissingCaptions { lang: Lang },
    /// The MP4/MOV index (moov) is after the data: from a USB stick,
    /// playback starts only after the whole file has been read.
    NotFaststart,
    /// Browsers cannot play this codec (e.g. HEVC, AMR, MPEG-4 Part 2).
    UnsupportedCodec { codec: String },
    /// The course needs sign-language interpretation and this video has
    /// no interpreter in a language.
    MissingInterpreter { lang: Lang },
}

impl MediaWarning {
    /// A sentence for a person: what is wrong and how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        let (pt, en) = match self {
            MediaWarning::MissingCaptions { lang: l } => (
                format!("sem legendas em {}: anexe um ficheiro .srt ou .vtt com `juntos media captions`", lang_name_pt(*l)),
                format!("no captions in {}: attach an .srt or .vtt file with `juntos media captions`", lang_name_en(*l)),
            ),
            MediaWarning::NotFaststart => (
                "o índice (moov) está no fim do ficheiro: a reprodução a partir de uma pen USB vai demorar a começar. Converta com `ffmpeg -i IN -c copy -movflags +faststart OUT.mp4`".into(),
                "the index (moov) is at the end of the file: playback from a USB stick will start slowly. Fix with `ffmpeg -i IN -c copy -movflags +faststart OUT.mp4`".into(),
            ),
            MediaWarning::UnsupportedCodec { codec } => (
                format!("os navegadores não reproduzem o codec {codec}: converta para MP4 H.264/AAC"),
                format!("browsers cannot play the {codec} codec: convert to MP4 H.264/AAC"),
            ),
            MediaWarning::MissingInterpreter { lang: l } => (
                format!("sem intérprete de língua gestual em {}: o curso pede interpretação", lang_name_pt(*l)),
                format!("no sign-language interpreter in {}: the course asks for interpretation", lang_name_en(*l)),
            ),
        };
        if lang == Lang::Pt {
            pt
        } else {
            en
        }
    }
}

fn lang_name_pt(l: Lang) -> &'static str {
    if l == Lang::Pt {
        "português"
    } else {
        "inglês"
    }
}

fn lang_name_en(l: Lang) -> &'static str {
    if l == Lang::Pt {
        "Portuguese"
    } else {
        "English"
    }
}

/// Warnings of one media item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaItemStatus {
    pub name: String,
    pub kind: MediaKind,
    pub warnings: Vec<MediaWarning>,
    /// Lessons that show it (`1.2 Título`); empty when nothing uses it yet.
    pub used_in: Vec<String>,
}

/// The media side of a course's status, shown next to translation status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaStatus {
    pub items: Vec<MediaItemStatus>,
    /// Videos with captions in every course language, and all videos.
    pub videos_captioned: u32,
    pub videos: u32,
    /// The course needs sign-language interpretation (`media::sign`).
    #[serde(default)]
    pub sign_required: bool,
    /// Videos with an interpreter in every course language (interpreters not counted).
    #[serde(default)]
    pub videos_interpreted: u32,
}

impl MediaStatus {
    pub fn warning_count(&self) -> usize {
        self.items.iter().map(|i| i.warnings.len()).sum()
    }
}

/// A caption track as stored: WebVTT text for one language of one video.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaptionInfo {
    pub media_name: String,
    pub lang: Lang,
    pub cues: u32,
    /// File name it was attached from (`.srt` or `.vtt`).
    pub source_name: String,
    /// The encoding the file was read in (`UTF-8`, `UTF-16LE`, `windows-1252`…).
    #[serde(default)]
    pub encoding: String,
    /// The encoding was guessed (no byte-order mark, not UTF-8): the person
    /// is told, to check the accents.
    #[serde(default)]
    pub encoding_assumed: bool,
}

/// What `gc` removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GcReport {
    /// SHA-256 of every blob removed.
    pub blobs: Vec<String>,
    /// Leftover temp files removed.
    pub temp_files: Vec<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes_freed: u64,
}

/// One problem `verify-library` found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BlobProblem {
    pub sha256: String,
    /// `missing` or `corrupt`.
    pub problem: String,
    /// Every (course slug, media name) that uses these bytes.
    pub used_by: Vec<MediaUse>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaUse {
    pub course_slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerifyReport {
    pub blobs_checked: u32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes_checked: u64,
    pub problems: Vec<BlobProblem>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}
