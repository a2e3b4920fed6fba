//! A course's cover, and the library cards that show it.
//!
//! The cover is an image attached to the course under the name
//! `cover.<ext>` ([`COVER_STEM`], [`is_cover_name`]): it travels in packages
//! like any other media, with no change to the schema or the package format.
//! This module is the one place that knows that rule.

use std::ops::ControlFlow;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::media::{MediaItem, MediaKind as ItemKind};
use crate::package::course_file::media_path;
use crate::Library;

/// A course's cover is the image attached to it under this name (any
/// extension): `cover.jpg`, `cover.png`. It travels in packages like any
/// other media, with no change to the schema or the package format.
pub const COVER_STEM: &str = "cover";

/// What a library card shows beyond [`crate::model::CourseSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CourseCard {
    pub id: String,
    pub pt_percent: u8,
    pub en_percent: u8,
    /// Fields whose translation is stale in either language.
    pub stale: u32,
    /// Package-style path of the cover (`media/<sha256>.<format>`), when there is one.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cover: Option<String>,
}

/// Whether a media name is a cover's (`cover.<ext>`, any case).
pub fn is_cover_name(name: &str) -> bool {
    name.split_once('.').is_some_and(|(stem, _)| stem.eq_ignore_ascii_case(COVER_STEM))
}

/// The name a cover of this format is attached under (`cover.png`).
pub fn cover_name(format: &str) -> String {
    format!("{COVER_STEM}.{format}")
}

impl Library {
    /// Completeness, stale count and cover of the given courses (unknown ids are skipped).
    pub fn course_cards(&self, ids: &[String]) -> Result<Vec<CourseCard>> {
        let mut cards = Vec::with_capacity(ids.len());
        for id in ids {
            let status = match self.translation_status(id) {
                Ok(status) => status,
                Err(Error::CourseNotFound { .. }) => continue,
                Err(e) => return Err(e),
            };
            let stale = status
                .fields
                .iter()
                .filter(|f| {
                    f.pt == crate::model::FieldState::Stale
                        || f.en == crate::model::FieldState::Stale
                })
                .count() as u32;
            let cover = self.cover(id)?.map(|m| media_path(&m.sha256, &m.format));
            cards.push(CourseCard {
                id: id.clone(),
                pt_percent: status.pt_percent,
                en_percent: status.en_percent,
                stale,
                cover,
            });
        }
        Ok(cards)
    }

    /// The cover image of a course, if it has one.
    pub fn cover(&self, course_id: &str) -> Result<Option<MediaItem>> {
        Ok(self
            .list_media(course_id)?
            .into_iter()
            .find(|m| m.kind == ItemKind::Image && is_cover_name(&m.name)))
    }

    /// Makes the image at `path` the course's cover, replacing the old one.
    /// The new image is attached first, so a failure keeps the old cover.
    pub fn set_cover(&mut self, course_id: &str, path: &Path) -> Result<MediaItem> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .filter(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()))
            .unwrap_or_else(|| "img".into());
        let staged = format!("{COVER_STEM}-new-{}.{ext}", &crate::library::new_id()[..8]);
        let item =
            self.attach_media(course_id, path, Some(&staged), |_| ControlFlow::Continue(()))?;
        if item.kind != ItemKind::Image {
            self.detach_media(course_id, &item.name)?;
            return Err(Error::MediaUnsupportedFormat {
                path: path.to_path_buf(),
                format: item.format,
                kind: item.kind,
            });
        }
        if let Some(old) = self.list_media(course_id)?.into_iter().find(|m| is_cover_name(&m.name))
        {
            self.detach_media(course_id, &old.name)?;
        }
        self.rename_media(course_id, &item.name, &cover_name(&item.format))
    }

    /// Removes the cover; `false` when there was none.
    pub fn remove_cover(&mut self, course_id: &str) -> Result<bool> {
        match self.cover(course_id)? {
            Some(item) => self.detach_media(course_id, &item.name).map(|()| true),
            None => Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_names() {
        assert!(is_cover_name("cover.jpg"));
        assert!(is_cover_name("COVER.png"));
        assert!(!is_cover_name("cover-new-1234.png"));
        assert!(!is_cover_name("discover.png"));
    }

    #[test]
    fn a_cover_is_named_by_the_stem_and_its_format() {
        assert_eq!(cover_name("png"), "cover.png");
        assert!(is_cover_name(&cover_name("jpeg")));
    }
}
