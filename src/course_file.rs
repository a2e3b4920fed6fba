//! The course in its package form (`course.json`): the course tree with its
//! markdown sources, quizzes and translation hashes, and the list of its
//! media with captions. Data types only, shared by `package` (which writes,
//! reads and validates them: `package::course_file`, where they are also
//! re-exported), `player` (which turns them into the player's files),
//! `stick` and the bin. A module of its own so that `player` depends on
//! nothing in `package`, and `package` on `player` only for its files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::media::MediaKind;
use crate::model::{Course, Lang};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageCourse {
    pub course: Course,
    #[serde(default)]
    pub media: Vec<PackageMedia>,
    /// The course needs sign-language interpretation (issue 16; absent =
    /// no, so older packages and courses without the setting are unchanged).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sign_language: bool,
}

/// One media item of the course and where its bytes are in the package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageMedia {
    pub id: String,
    /// What lessons write after `media:`.
    pub name: String,
    /// `media/<sha256>.<format>`.
    pub path: String,
    pub kind: MediaKind,
    pub format: String,
    pub mime: String,
    pub size: u64,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_codec: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_codec: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faststart: Option<bool>,
    pub original_name: String,
    pub created_at: String,
    /// WebVTT per language.
    #[serde(default)]
    pub captions: BTreeMap<Lang, PackageCaptions>,
    /// A video prepared for learners (format 1.1): how it was made, and its
    /// poster frame. Absent in older packages and for media never prepared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prepared: Option<PackagePrepared>,
    /// Sign-language interpreters of a video, each naming another video of
    /// this list (`media::sign`). Absent when it has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interpreters: Vec<crate::media::Interpreter>,
}

/// How a prepared video was made (`juntos media prepare`). The original it
/// was made from never travels: it stays with the organisation that made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackagePrepared {
    pub recipe: crate::media::prepare::Recipe,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poster: Option<PackagePoster>,
    /// Only in this library's own saved copies of a course (revisions an
    /// import or a restore replaced, the bin): the link to the original, so
    /// restoring such a copy keeps the prepared video's way back. Never
    /// written to a package; an importer refuses a package that carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local: Option<LocalLink>,
}

/// What a library keeps of a prepared video beyond its package form
/// (`media_prepared`): the original blob and its probe, the poster blob and
/// when it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalLink {
    pub original_sha256: String,
    pub original: crate::media::prepare::OriginalProbe,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poster_sha256: Option<String>,
    pub prepared_at: String,
}

/// The poster frame of a prepared video: a JPEG at `media/<sha256>.jpeg`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackagePoster {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

impl PackageMedia {
    /// The package path of this item's poster, if it has one.
    pub fn poster_path(&self) -> Option<&str> {
        self.prepared.as_ref()?.poster.as_ref().map(|p| p.path.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageCaptions {
    pub vtt: String,
    pub cues: u32,
    pub source_name: String,
}
