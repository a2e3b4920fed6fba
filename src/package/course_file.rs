//! `course.json`: the canonical course in a package — the course tree with
//! its markdown sources, quizzes and translation hashes, and the list of its
//! media with captions.
//!
//! The same types are written on export and read on import, so the round trip
//! keeps every field. On import nothing here is trusted: [`validate`] applies
//! the rules the library applies to a person's edits, and more.

use std::collections::HashSet;

use crate::media::{names, MediaKind};
use crate::model::{is_valid_slug, Bilingual, Course, Lang};

// The types of `course.json` live in `crate::course_file`, so that the
// player (which turns a course in this form into its files) needs nothing
// from `package`; they are re-exported here under their old paths.
pub use crate::course_file::{
    LocalLink, PackageCaptions, PackageCourse, PackageMedia, PackagePoster, PackagePrepared,
};

/// Where the bytes of a media item go in a package.
pub fn media_path(sha256: &str, format: &str) -> String {
    format!("{}{sha256}.{format}", super::manifest::MEDIA_DIR)
}

/// Formats a package may carry (what the media probe accepts).
const FORMATS: &[&str] =
    &["mp4", "mov", "3gp", "m4a", "webm", "png", "jpeg", "gif", "webp", "mp3", "ogg"];

impl PackageCourse {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a course always serialises");
        bytes.push(b'\n');
        bytes
    }
}

/// Keeps only one language's text (export with `--lang`).
pub fn keep_language(course: &mut Course, keep: Lang) {
    let blank = |text: &mut Bilingual| match keep {
        Lang::Pt => text.en.clear(),
        Lang::En => text.pt.clear(),
    };
    blank(&mut course.title);
    blank(&mut course.summary);
    for module in &mut course.modules {
        blank(&mut module.title);
        for lesson in &mut module.lessons {
            blank(&mut lesson.title);
            blank(&mut lesson.body);
            blank(&mut lesson.notes);
            if let Some(quiz) = &mut lesson.quiz {
                quiz.texts_mut().into_iter().for_each(blank);
            }
        }
    }
}

/// Everything `course.json` must satisfy before it is let near the database.
pub fn validate(pc: &PackageCourse) -> Result<(), String> {
    let c = &pc.course;
    let id_ok = |id: &str| {
        !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
    };
    if !id_ok(&c.id) {
        return Err(format!("course id '{}' is not valid", c.id));
    }
    if !is_valid_slug(&c.slug) {
        return Err(format!("slug '{}' is not valid", c.slug));
    }
    if c.revision < 1 {
        return Err(format!("revision {} is not valid", c.revision));
    }
    if c.title.pt.trim().is_empty() && c.title.en.trim().is_empty() {
        return Err("the course has no title".into());
    }
    let mut ids = HashSet::new();
    for (m, module) in c.modules.iter().enumerate() {
        if !id_ok(&module.id) || !ids.insert(module.id.as_str()) {
            return Err(format!("module {} has a missing or repeated id", m + 1));
        }
        for (l, lesson) in module.lessons.iter().enumerate() {
            if !id_ok(&lesson.id) || !ids.insert(lesson.id.as_str()) {
                return Err(format!("lesson {}.{} has a missing or repeated id", m + 1, l + 1));
            }
            if let Some(quiz) = &lesson.quiz {
                quiz.validate().map_err(|e| format!("lesson {}.{}: {e}", m + 1, l + 1))?;
            }
        }
    }
    let mut names_seen = HashSet::new();
    for media in &pc.media {
        let name = &media.name;
        if !names::is_valid_name(name) || !names_seen.insert(name.to_ascii_lowercase()) {
            return Err(format!("media name '{name}' is not valid or is repeated"));
        }
        if !id_ok(&media.id) || !ids.insert(media.id.as_str()) {
            return Err(format!("media '{name}' has a missing or repeated id"));
        }
        if !FORMATS.contains(&media.format.as_str()) {
            return Err(format!("media '{name}' has an unknown format '{}'", media.format));
        }
        if !crate::media::blob::is_sha256(&media.sha256) || media.size == 0 {
            return Err(format!("media '{name}' has no valid SHA-256 or size"));
        }
        if media.path != media_path(&media.sha256, &media.format) {
            return Err(format!(
                "media '{name}' is not at {}",
                media_path(&media.sha256, &media.format)
            ));
        }
        // The original of a prepared video stays with its author (format 1.1).
        if media.prepared.as_ref().is_some_and(|p| p.local.is_some()) {
            return Err(format!("media '{name}' carries a link to an original"));
        }
        if let Some(poster) = media.prepared.as_ref().and_then(|p| p.poster.as_ref()) {
            if media.kind != MediaKind::Video
                || !crate::media::blob::is_sha256(&poster.sha256)
                || poster.size == 0
                || poster.path != media_path(&poster.sha256, "jpeg")
            {
                return Err(format!("media '{name}' has a poster that is not a JPEG in media/"));
            }
        }
        check_interpreters(pc, media)?;
        if media.kind == MediaKind::Image && !media.captions.is_empty() {
            return Err(format!("media '{name}' is an image with captions"));
        }
        // Captions are checked like a person's file: the same parser, the same cues.
        for (lang, captions) in &media.captions {
            let parsed = crate::media::captions::parse_captions(
                captions.vtt.as_bytes(),
                std::path::Path::new("captions.vtt"),
            );
            match parsed {
                Ok((_, cues)) if cues.len() as u64 == captions.cues as u64 => {}
                _ => {
                    return Err(format!(
                        "media '{name}' has {} captions that are not valid WebVTT",
                        lang.code()
                    ))
                }
            }
        }
    }
    Ok(())
}

/// A video's interpreter links name another video of the package, once per
/// language (or once for both), and their offsets are in range.
fn check_interpreters(pc: &PackageCourse, media: &PackageMedia) -> Result<(), String> {
    let name = &media.name;
    let mut langs = HashSet::new();
    for link in &media.interpreters {
        let target = pc.media.iter().find(|m| m.name.eq_ignore_ascii_case(&link.media));
        let ok = media.kind == MediaKind::Video
            && target.is_some_and(|t| t.kind == MediaKind::Video && t.id != media.id)
            && langs.insert(link.lang)
            && link.offset_ms.unsigned_abs() <= 24 * 3600 * 1000;
        if !ok {
            return Err(format!(
                "media '{name}' has a sign-language interpreter '{}' that is not another video of the course",
                link.media
            ));
        }
    }
    Ok(())
}
