//! What a person can do with a course's media, as methods of `Library`:
//! attach, rename, detach, captions, status. The library-wide care of the
//! blob store (`gc`, `verify-library`, recovery after a crash) is in
//! `maintenance.rs`.
//!
//! Attaching follows one path whatever the source: check the course and the
//! name, stream the bytes into a temp file while hashing (no lock held, so
//! the app stays usable during a long copy), probe the bytes actually copied,
//! then — under the database write lock — move the blob into place and
//! register it in one transaction. Any failure before the commit removes the
//! temp file and any blob this attach created: nothing half-done remains.

use std::io::{Read, Seek, SeekFrom};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::blob::{BlobStore, CommittedBlob};
use super::captions::{parse_captions_detected, to_vtt, MAX_CAPTION_BYTES};
use super::model::{CaptionInfo, MediaItem, MediaItemStatus, MediaKind, MediaStatus, MediaWarning};
use super::names::{default_name, is_valid_name, numbered, rewrite_references};
use super::probe::{self, browser_plays_audio, browser_plays_video, Probe};
use super::progress::Progress;
use super::{rows, source};
use crate::error::{Error, Result};
use crate::library::{new_id, now, Library};
use crate::model::{Bilingual, Course, FieldState, Lang};

impl Library {
    pub(super) fn blob_store(&self) -> BlobStore {
        BlobStore::new(self.media_dir())
    }

    /// Attaches the file at `path` to a course, under `name` or a name made
    /// from the file name. Streams, hashes, probes, stores once; `progress`
    /// may cancel.
    pub fn attach_media(
        &mut self,
        course_id: &str,
        path: &Path,
        name: Option<&str>,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<MediaItem> {
        self.check_attach(course_id, name)?;
        let mut input = source::open(path)?;
        if let Some(len) = input.len {
            // Refuse an AVI or a fake MP4 before copying gigabytes of it.
            probe::probe(&mut input.file, len, path)?;
            input
                .file
                .seek(SeekFrom::Start(0))
                .map_err(|e| Error::MediaReadFailed { path: path.to_path_buf(), source: e })?;
        }
        self.attach_stream(course_id, &mut input.file, path, input.len, name, &mut progress)
    }

    /// Attaches bytes from any reader (a pipe, a zip entry, a test's faulty
    /// reader). `source_name` names it in errors and gives the default name.
    pub fn attach_media_reader(
        &mut self,
        course_id: &str,
        reader: &mut dyn Read,
        source_name: &Path,
        total: Option<u64>,
        name: Option<&str>,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<MediaItem> {
        self.check_attach(course_id, name)?;
        self.attach_stream(course_id, reader, source_name, total, name, &mut progress)
    }

    fn check_attach(&self, course_id: &str, name: Option<&str>) -> Result<()> {
        self.require_course(course_id)?;
        if let Some(name) = name {
            if !is_valid_name(name) {
                return Err(Error::MediaNameInvalid { name: name.into() });
            }
            if rows::name_taken(self.conn(), course_id, name, None)? {
                return Err(Error::MediaNameTaken { name: name.into() });
            }
        }
        Ok(())
    }

    fn attach_stream(
        &mut self,
        course_id: &str,
        reader: &mut dyn Read,
        source_name: &Path,
        total: Option<u64>,
        name: Option<&str>,
        progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<MediaItem> {
        let store = self.blob_store();
        let staged = store.stage(reader, total, source_name, progress)?;
        if staged.size == 0 {
            return Err(Error::MediaEmptyFile { path: source_name.to_path_buf() });
        }
        let probe = probe_file(staged.path(), staged.size, source_name)?;
        let file_name =
            source_name.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut id = new_id();
        let mut placed: Option<CommittedBlob> = None;
        let result = self.write(|tx| {
            if !rows::touch_course(tx, course_id, &now())? {
                return Err(Error::CourseNotFound { query: course_id.into() });
            }
            // The same bytes again, under no new name: the course already has
            // them. Committing the fresh copy repairs a damaged stored blob
            // (what `verify-library` advises) without adding a `-2` copy.
            let same = rows::list(tx, course_id)?.into_iter().find(|m| m.sha256 == staged.sha256);
            if let (None, Some(existing)) = (name, same) {
                let blob = placed.insert(staged.commit(&store)?);
                rows::record_crc32(tx, &blob.sha256, blob.crc32)?;
                id = existing.id;
                return Ok(());
            }
            let name = match name {
                Some(name) if rows::name_taken(tx, course_id, name, None)? => {
                    return Err(Error::MediaNameTaken { name: name.into() })
                }
                Some(name) => name.to_string(),
                None => free_name(tx, course_id, &default_name(&file_name, probe.format))?,
            };
            let blob = placed.insert(staged.commit(&store)?);
            rows::record_crc32(tx, &blob.sha256, blob.crc32)?;
            rows::insert(
                tx,
                &rows::NewRow {
                    id: &id,
                    course_id,
                    name: &name,
                    sha256: &blob.sha256,
                    size: blob.size,
                    probe: &probe,
                    original_name: &file_name,
                    created_at: &now(),
                },
            )
        });
        if let Err(e) = result {
            if let Some(blob) = &placed {
                blob.undo();
            }
            return Err(e);
        }
        self.media_by_id(course_id, &id)
    }

    fn media_by_id(&self, course_id: &str, id: &str) -> Result<MediaItem> {
        rows::list(self.conn(), course_id)?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| Error::Internal(format!("media {id} vanished after attach")))
    }

    /// Every media item of a course, by name.
    pub fn list_media(&self, course_id: &str) -> Result<Vec<MediaItem>> {
        self.require_course(course_id)?;
        rows::list(self.conn(), course_id)
    }

    /// The item called `name` (case ignored) in a course.
    pub fn media(&self, course_id: &str, name: &str) -> Result<MediaItem> {
        self.require_course(course_id)?;
        rows::find(self.conn(), course_id, name)?
            .ok_or_else(|| Error::MediaItemNotFound { name: name.into() })
    }

    /// Where the bytes of a media item are stored (for preview and export).
    pub fn media_blob_path(&self, course_id: &str, name: &str) -> Result<PathBuf> {
        Ok(self.blob_store().path_of(&self.media(course_id, name)?.sha256))
    }

    /// Lessons that refer to `media:NAME`, as `1.2 Título`.
    pub fn media_references(&self, course_id: &str, name: &str) -> Result<Vec<String>> {
        Ok(lessons_using(&self.course(course_id)?, name))
    }

    /// Renames a media item and, in the same transaction, every `media:OLD`
    /// reference in the course's lessons, so no lesson breaks. Translations
    /// that were current stay current.
    pub fn rename_media(&mut self, course_id: &str, old: &str, new: &str) -> Result<MediaItem> {
        if !is_valid_name(new) {
            return Err(Error::MediaNameInvalid { name: new.into() });
        }
        let item = self.media(course_id, old)?;
        let id = item.id.clone();
        self.change_course(course_id, |tx, course| {
            if rows::name_taken(tx, course_id, new, Some(&id))? {
                return Err(Error::MediaNameTaken { name: new.into() });
            }
            rows::rename(tx, &id, new)?;
            rows::touch_course(tx, course_id, &now())?;
            let source = course.source_lang;
            for module in &mut course.modules {
                for lesson in &mut module.lessons {
                    rewrite_keeping_translation(&mut lesson.body, &item.name, new, source);
                    rewrite_keeping_translation(&mut lesson.notes, &item.name, new, source);
                }
            }
            Ok(())
        })?;
        self.media_by_id(course_id, &id)
    }

    /// Removes a media item from a course. Refused while a lesson still
    /// shows it. The bytes stay until `gc` (another course may share them).
    pub fn detach_media(&mut self, course_id: &str, name: &str) -> Result<()> {
        let item = self.media(course_id, name)?;
        self.write(|tx| {
            // Checked inside the transaction: no lesson can start using it meanwhile.
            let course = crate::store::rows::load_course(tx, course_id)?
                .ok_or_else(|| Error::CourseNotFound { query: course_id.into() })?;
            let lessons = lessons_using(&course, &item.name);
            if !lessons.is_empty() {
                return Err(Error::MediaInUse { name: item.name.clone(), lessons });
            }
            rows::delete(tx, &item.id)?;
            rows::touch_course(tx, course_id, &now())?;
            Ok(())
        })
    }

    /// Attaches captions in one language to a video (or audio) from an
    /// `.srt` or `.vtt` file; SRT is converted to WebVTT. Replaces earlier
    /// captions of that language.
    pub fn set_captions(
        &mut self,
        course_id: &str,
        media_name: &str,
        lang: Lang,
        path: &Path,
    ) -> Result<CaptionInfo> {
        self.media(course_id, media_name)?;
        let input = source::open(path)?;
        if input.len.is_some_and(|l| l > MAX_CAPTION_BYTES) {
            return Err(Error::CaptionTooLarge {
                path: path.to_path_buf(),
                limit: MAX_CAPTION_BYTES,
            });
        }
        let mut bytes = Vec::new();
        input
            .file
            .take(MAX_CAPTION_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::MediaReadFailed { path: path.to_path_buf(), source: e })?;
        if bytes.len() as u64 > MAX_CAPTION_BYTES {
            return Err(Error::CaptionTooLarge {
                path: path.to_path_buf(),
                limit: MAX_CAPTION_BYTES,
            });
        }
        self.set_captions_bytes(course_id, media_name, lang, &bytes, path)
    }

    /// As [`Library::set_captions`], from bytes already in memory.
    pub fn set_captions_bytes(
        &mut self,
        course_id: &str,
        media_name: &str,
        lang: Lang,
        bytes: &[u8],
        source_name: &Path,
    ) -> Result<CaptionInfo> {
        let item = self.media(course_id, media_name)?;
        if item.kind == MediaKind::Image {
            return Err(Error::CaptionsNeedVideo { name: item.name });
        }
        let (_, cues, encoding) = parse_captions_detected(bytes, source_name)?;
        let vtt = to_vtt(&cues);
        let file_name =
            source_name.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.write(|tx| {
            rows::set_captions(tx, &item.id, lang, &vtt, cues.len() as u32, &file_name)?;
            rows::touch_course(tx, course_id, &now())?;
            Ok(())
        })?;
        Ok(CaptionInfo {
            media_name: item.name,
            lang,
            cues: cues.len() as u32,
            source_name: file_name,
            encoding: encoding.name.to_string(),
            encoding_assumed: encoding.assumed,
        })
    }

    /// Removes the captions of one language; `false` when there were none.
    pub fn remove_captions(
        &mut self,
        course_id: &str,
        media_name: &str,
        lang: Lang,
    ) -> Result<bool> {
        let item = self.media(course_id, media_name)?;
        self.write(|tx| {
            let removed = rows::remove_captions(tx, &item.id, lang)?;
            if removed {
                rows::touch_course(tx, course_id, &now())?;
            }
            Ok(removed)
        })
    }

    /// The WebVTT text of a video's captions in one language.
    pub fn captions(
        &self,
        course_id: &str,
        media_name: &str,
        lang: Lang,
    ) -> Result<Option<String>> {
        let item = self.media(course_id, media_name)?;
        rows::captions(self.conn(), &item.id, lang)
    }

    /// Warnings per media item — videos without captions in a course
    /// language, MP4s with the index at the end, codecs browsers cannot
    /// play — shown next to the translation status.
    pub fn media_status(&self, course_id: &str) -> Result<MediaStatus> {
        let course = self.course(course_id)?;
        let items = rows::list(self.conn(), course_id)?;
        let sign_required = super::sign::rows::required(self.conn(), course_id)?;
        let mut status = MediaStatus {
            items: Vec::new(),
            videos_captioned: 0,
            videos: 0,
            sign_required,
            videos_interpreted: 0,
        };
        for item in items.iter().cloned() {
            let mut warnings = warnings(&item);
            // An interpreter is shown beside a video, not in a lesson: it
            // needs no captions nor an interpreter of its own.
            let interpreter = super::sign::is_interpreter(&items, &item.name);
            if interpreter {
                warnings.retain(|w| !matches!(w, MediaWarning::MissingCaptions { .. }));
            }
            if item.kind == MediaKind::Video && !interpreter {
                status.videos += 1;
                if Lang::ALL.iter().all(|l| item.captions.contains(l)) {
                    status.videos_captioned += 1;
                }
                let uninterpreted: Vec<Lang> = Lang::ALL
                    .into_iter()
                    .filter(|l| super::sign::interpreter_for(&item, *l).is_none())
                    .collect();
                if uninterpreted.is_empty() {
                    status.videos_interpreted += 1;
                }
                if sign_required {
                    warnings.extend(
                        uninterpreted
                            .into_iter()
                            .map(|lang| MediaWarning::MissingInterpreter { lang }),
                    );
                }
            }
            status.items.push(MediaItemStatus {
                used_in: lessons_using(&course, &item.name),
                name: item.name,
                kind: item.kind,
                warnings,
            });
        }
        Ok(status)
    }

    fn require_course(&self, course_id: &str) -> Result<()> {
        match rows::course_slug(self.conn(), course_id)? {
            Some(_) => Ok(()),
            None => Err(Error::CourseNotFound { query: course_id.into() }),
        }
    }
}

fn probe_file(path: &Path, len: u64, source_name: &Path) -> Result<Probe> {
    let mut file =
        std::fs::File::open(path).map_err(|e| Error::Io { path: path.to_path_buf(), source: e })?;
    probe::probe(&mut file, len, source_name)
}

fn free_name(conn: &rusqlite::Connection, course_id: &str, base: &str) -> Result<String> {
    if !rows::name_taken(conn, course_id, base, None)? {
        return Ok(base.to_string());
    }
    for n in 2.. {
        let candidate = numbered(base, n);
        if !rows::name_taken(conn, course_id, &candidate, None)? {
            return Ok(candidate);
        }
    }
    unreachable!("name space exhausted")
}

fn warnings(item: &MediaItem) -> Vec<MediaWarning> {
    let mut out = Vec::new();
    if item.kind == MediaKind::Video {
        for lang in Lang::ALL {
            if !item.captions.contains(&lang) {
                out.push(MediaWarning::MissingCaptions { lang });
            }
        }
    }
    if item.faststart == Some(false) {
        out.push(MediaWarning::NotFaststart);
    }
    if let Some(codec) = item.video_codec.as_ref().filter(|c| !browser_plays_video(c)) {
        out.push(MediaWarning::UnsupportedCodec { codec: codec.clone() });
    }
    if let Some(codec) = item.audio_codec.as_ref().filter(|c| !browser_plays_audio(c)) {
        out.push(MediaWarning::UnsupportedCodec { codec: codec.clone() });
    }
    out
}

/// `1.2 Título` for every lesson whose body or notes (either language)
/// refers to `media:NAME`.
fn lessons_using(course: &Course, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (m, module) in course.modules.iter().enumerate() {
        for (l, lesson) in module.lessons.iter().enumerate() {
            let texts = [&lesson.body.pt, &lesson.body.en, &lesson.notes.pt, &lesson.notes.en];
            if texts.iter().any(|t| super::names::refers_to(t, name)) {
                let title = if lesson.title.get(course.source_lang).is_empty() {
                    lesson.title.get(course.source_lang.other())
                } else {
                    lesson.title.get(course.source_lang)
                };
                out.push(format!("{}.{} {title}", m + 1, l + 1));
            }
        }
    }
    out
}

/// Rewrites references in both languages; a translation that was current
/// before stays current (a rename is not a change of meaning).
fn rewrite_keeping_translation(text: &mut Bilingual, old: &str, new: &str, source: Lang) {
    let was_current = text.state(source.other(), source) == Some(FieldState::Complete);
    let mut changed = false;
    for lang in Lang::ALL {
        let value = match lang {
            Lang::Pt => &mut text.pt,
            Lang::En => &mut text.en,
        };
        if let Some(rewritten) = rewrite_references(value, old, new) {
            *value = rewritten;
            changed = true;
        }
    }
    if changed && was_current {
        text.mark_reviewed(source);
    }
}
