//! Sign-language interpretation (issue 16): a video may carry an
//! interpreter video beside it — one per language where the interpreter
//! differs, or one for both — that the player shows as a
//! picture-in-picture window kept in sync with it.
//!
//! The interpreter is an ordinary media item of the same course: attached,
//! prepared (`media::prepare`), verified and packaged like any video, so
//! nothing here copies bytes. What this module adds is the link (video,
//! language, interpreter, offset) and the course's setting "this course
//! needs sign-language interpretation", which makes `media list`, the
//! translation status and the export pre-flight flag a video without an
//! interpreter, as they flag missing captions. Links are handed out by
//! media name, as lessons and `course.json` name media, so a package, a
//! saved revision or a course in the bin carries them through the same
//! `PackageMedia` that carries captions.

mod errors;
pub(crate) mod rows;

use std::ops::ControlFlow;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use errors::SignError;

use super::model::{MediaItem, MediaKind};
use super::progress::Progress;
use crate::error::{Error, Result};
use crate::library::{now, Library};
use crate::model::Lang;

/// One interpreter of a video.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Interpreter {
    /// The language interpreted; absent (`null`) for both languages.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "Lang | null"))]
    pub lang: Option<Lang>,
    /// The interpreter's media name in the course.
    pub media: String,
    /// Interpreter time = video time + offset, in milliseconds; negative
    /// when the interpreter starts after the video.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub offset_ms: i64,
}

/// The interpreter shown with `item` in `lang`: that language's, else the
/// one for both.
pub fn interpreter_for(item: &MediaItem, lang: Lang) -> Option<&Interpreter> {
    interpreter_in(&item.interpreters, lang)
}

/// As [`interpreter_for`], over a list of links.
pub fn interpreter_in(links: &[Interpreter], lang: Lang) -> Option<&Interpreter> {
    links.iter().find(|i| i.lang == Some(lang)).or_else(|| links.iter().find(|i| i.lang.is_none()))
}

/// A video without an interpreter in a course that needs one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MissingInterpreter {
    pub name: String,
    /// The languages that have none.
    pub langs: Vec<Lang>,
}

/// A course's sign-language state: the setting, and the videos it flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignStatus {
    pub required: bool,
    /// Filled only when `required`.
    pub missing: Vec<MissingInterpreter>,
}

/// Videos (not used as interpreters themselves) without an interpreter in
/// some language.
pub fn missing_in(items: &[MediaItem]) -> Vec<MissingInterpreter> {
    let interpreters: Vec<String> = items
        .iter()
        .flat_map(|i| i.interpreters.iter().map(|l| l.media.to_ascii_lowercase()))
        .collect();
    items
        .iter()
        .filter(|i| i.kind == MediaKind::Video)
        .filter(|i| !interpreters.contains(&i.name.to_ascii_lowercase()))
        .filter_map(|i| {
            let langs: Vec<Lang> =
                Lang::ALL.into_iter().filter(|l| interpreter_for(i, *l).is_none()).collect();
            (!langs.is_empty()).then(|| MissingInterpreter { name: i.name.clone(), langs })
        })
        .collect()
}

/// Whether `name` is an interpreter of some video in `items`.
pub fn is_interpreter(items: &[MediaItem], name: &str) -> bool {
    items.iter().any(|i| i.interpreters.iter().any(|l| l.media.eq_ignore_ascii_case(name)))
}

impl Library {
    /// Makes the course's media item `interpreter` the sign-language
    /// interpreter of `video` in `lang` (`None`: both languages), the
    /// interpreter at `video time + offset_ms`. Both must be videos; an
    /// offset that leaves no moment in common is refused.
    pub fn set_interpreter(
        &mut self,
        course_id: &str,
        video: &str,
        interpreter: &str,
        lang: Option<Lang>,
        offset_ms: i64,
    ) -> Result<MediaItem> {
        let main = self.media(course_id, video)?;
        let interp = self.media(course_id, interpreter)?;
        check_link(&main, &interp, offset_ms)?;
        self.write(|tx| {
            rows::set(tx, &main.id, lang, &interp.id, offset_ms)?;
            super::rows::touch_course(tx, course_id, &now())?;
            Ok(())
        })?;
        self.media(course_id, &main.name)
    }

    /// Attaches the file at `path` to the course (like any media) and makes
    /// it the interpreter of `video`. The video and the offset are checked
    /// before the copy; a file that is not a video is taken back out.
    #[allow(clippy::too_many_arguments)]
    pub fn attach_interpreter(
        &mut self,
        course_id: &str,
        video: &str,
        path: &Path,
        name: Option<&str>,
        lang: Option<Lang>,
        offset_ms: i64,
        progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<MediaItem> {
        let main = self.media(course_id, video)?;
        if main.kind != MediaKind::Video {
            return Err(Error::Sign(SignError::NotAVideo { name: main.name }));
        }
        check_offset(&main, None, offset_ms)?;
        // The file itself, probed where it is before a byte is copied: not a
        // video, or an offset beyond its length, is refused here (a file that
        // cannot be probed is left to `attach_media`, which says why).
        if let Some(probed) = probe_file(path) {
            let shown = name.map(str::to_string).unwrap_or_else(|| {
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            });
            if probed.kind != MediaKind::Video {
                return Err(Error::Sign(SignError::NotAVideo { name: shown }));
            }
            if let Some(duration_ms) = probed.duration_ms {
                if offset_ms >= 0 && offset_ms.unsigned_abs() >= duration_ms {
                    return Err(Error::Sign(SignError::OffsetOutside {
                        name: shown,
                        offset_ms,
                        duration_ms,
                    }));
                }
            }
        }
        let before: Vec<String> = self.list_media(course_id)?.into_iter().map(|m| m.id).collect();
        let interp = self.attach_media(course_id, path, name, progress)?;
        let linked = self.set_interpreter(course_id, &main.name, &interp.name, lang, offset_ms);
        if linked.is_err() && !before.contains(&interp.id) {
            // Added by this call only to be an interpreter: not kept.
            let _ = self.detach_media(course_id, &interp.name);
        }
        linked
    }

    /// Removes the interpreter of `video` in `lang` (`None`: all of them);
    /// the interpreter stays a media item of the course. `false` when there
    /// was none.
    pub fn remove_interpreter(
        &mut self,
        course_id: &str,
        video: &str,
        lang: Option<Lang>,
    ) -> Result<bool> {
        let main = self.media(course_id, video)?;
        self.write(|tx| {
            let removed = rows::remove(tx, &main.id, lang)?;
            if removed {
                super::rows::touch_course(tx, course_id, &now())?;
            }
            Ok(removed)
        })
    }

    /// Says whether the course needs sign-language interpretation.
    pub fn set_sign_required(&mut self, course_id: &str, required: bool) -> Result<bool> {
        self.course(course_id)?;
        self.write(|tx| {
            let changed = rows::set_required(tx, course_id, required)?;
            if changed {
                super::rows::touch_course(tx, course_id, &now())?;
            }
            Ok(changed)
        })
    }

    /// The course's setting and, when it needs interpretation, the videos
    /// without an interpreter.
    pub fn sign_status(&self, course_id: &str) -> Result<SignStatus> {
        let required = rows::required(self.conn(), course_id)?;
        let missing = if required { missing_in(&self.list_media(course_id)?) } else { Vec::new() };
        Ok(SignStatus { required, missing })
    }
}

fn probe_file(path: &Path) -> Option<super::probe::Probe> {
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    super::probe::probe(&mut file, len, path).ok()
}

/// What a person should know about an interpreter that does not stop the
/// link (issue 16, "bad input"), each with a stable code and a sentence in
/// both languages. A different frame rate needs no note: the player keeps
/// the two videos together by time, not by frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SignNote {
    /// The interpreter and the video differ in length by more than a
    /// second: the window shows only while both have picture.
    SignLengthDiffers { video_ms: u64, interpreter_ms: u64 },
    /// The interpreter has a sound track: the player keeps it muted.
    SignHasAudio,
}

impl SignNote {
    pub fn code(&self) -> &'static str {
        match self {
            SignNote::SignLengthDiffers { .. } => "sign_length_differs",
            SignNote::SignHasAudio => "sign_has_audio",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let (pt, en) = match self {
            SignNote::SignLengthDiffers { video_ms, interpreter_ms } => {
                let (v, i) = (*video_ms as f64 / 1000.0, *interpreter_ms as f64 / 1000.0);
                (
                    format!("O intérprete ({i:.1} s) e o vídeo ({v:.1} s) têm durações diferentes: a janela do intérprete só aparece enquanto ambos têm imagem."),
                    format!("The interpreter ({i:.1} s) and the video ({v:.1} s) differ in length: the interpreter's window shows only while both have a picture."),
                )
            }
            SignNote::SignHasAudio => (
                "O vídeo do intérprete tem som: o leitor mantém-no sem volume (ouve-se só o vídeo).".to_string(),
                "The interpreter's video has sound: the player keeps it muted (only the video is heard).".to_string(),
            ),
        };
        if lang == Lang::Pt {
            pt
        } else {
            en
        }
    }
}

/// The notes on `interp` as the interpreter of `main`.
pub fn notes(main: &MediaItem, interp: &MediaItem) -> Vec<SignNote> {
    let mut notes = Vec::new();
    if let (Some(video_ms), Some(interpreter_ms)) = (main.duration_ms, interp.duration_ms) {
        if video_ms.abs_diff(interpreter_ms) > 1000 {
            notes.push(SignNote::SignLengthDiffers { video_ms, interpreter_ms });
        }
    }
    if interp.audio_codec.is_some() {
        notes.push(SignNote::SignHasAudio);
    }
    notes
}

fn check_link(main: &MediaItem, interp: &MediaItem, offset_ms: i64) -> Result<()> {
    for item in [main, interp] {
        if item.kind != MediaKind::Video {
            return Err(Error::Sign(SignError::NotAVideo { name: item.name.clone() }));
        }
    }
    if main.id == interp.id {
        return Err(Error::Sign(SignError::SameVideo { name: main.name.clone() }));
    }
    check_offset(main, Some(interp), offset_ms)
}

/// Interpreter time = video time + offset: a negative offset beyond the
/// video's length, or a positive one beyond the interpreter's, leaves no
/// moment when both play.
fn check_offset(main: &MediaItem, interp: Option<&MediaItem>, offset_ms: i64) -> Result<()> {
    let outside = |item: &MediaItem| {
        item.duration_ms.filter(|d| offset_ms.unsigned_abs() >= *d).map(|duration_ms| {
            Error::Sign(SignError::OffsetOutside {
                name: item.name.clone(),
                offset_ms,
                duration_ms,
            })
        })
    };
    if offset_ms < 0 {
        if let Some(e) = outside(main) {
            return Err(e);
        }
    } else if let Some(e) = interp.and_then(outside) {
        return Err(e);
    }
    Ok(())
}
