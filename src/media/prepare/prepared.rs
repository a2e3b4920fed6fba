//! A course's prepared videos, as methods of `Library`: what the library
//! says of them (`media list`, the app's panel), their poster, and going
//! back to the original (the prepared blob stays until `gc`).

use serde::{Deserialize, Serialize};

use super::errors::PrepareError;
use super::recipe::Recipe;
use super::rows::{self, PreparedRow};
use crate::error::{Error, Result};
use crate::library::{now, Library};
use crate::media::MediaItem;

/// What the library says of a prepared item (for `media list` and the app).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreparedInfo {
    pub name: String,
    /// Size of the original, when this library has it.
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub original_size: Option<u64>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub prepared_size: u64,
    pub recipe: Recipe,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub poster_sha256: Option<String>,
    pub prepared_at: String,
}

impl Library {
    /// Shows the original again; the prepared blob stays until `gc`.
    pub fn restore_original(&mut self, course_id: &str, name: &str) -> Result<MediaItem> {
        let item = self.media(course_id, name)?;
        let link = rows::get(self.conn(), &item.id)?;
        let Some(PreparedRow { original_sha256: Some(sha), original: Some(original), .. }) = link
        else {
            return Err(PrepareError::NoOriginal { name: item.name }.into());
        };
        if !self.store().path_of(&sha).is_file() {
            return Err(Error::MediaDamaged { count: 1 });
        }
        let id = item.id.clone();
        self.write(|tx| {
            rows::point_media_at(tx, &id, &sha, &original)?;
            rows::delete(tx, &id)?;
            crate::media::rows::touch_course(tx, course_id, &now())?;
            Ok(())
        })?;
        self.media(course_id, &item.name)
    }

    /// The prepared items of a course, with original and prepared sizes.
    pub fn prepared_media(&self, course_id: &str) -> Result<Vec<PreparedInfo>> {
        let items = self.list_media(course_id)?;
        let links = rows::of_course(self.conn(), course_id)?;
        Ok(items
            .into_iter()
            .filter_map(|item| {
                let link = links.get(&item.id)?;
                Some(PreparedInfo {
                    name: item.name,
                    original_size: link
                        .original
                        .as_ref()
                        .map(|o| o.size)
                        .filter(|_| link.original_sha256.is_some()),
                    prepared_size: item.size,
                    recipe: link.recipe.clone(),
                    poster_sha256: link.poster_sha256.clone(),
                    prepared_at: link.prepared_at.clone(),
                })
            })
            .collect())
    }

    /// Where a prepared item's poster image is stored, if it has one.
    pub fn media_poster_path(
        &self,
        course_id: &str,
        name: &str,
    ) -> Result<Option<std::path::PathBuf>> {
        let item = self.media(course_id, name)?;
        Ok(rows::get(self.conn(), &item.id)?
            .and_then(|l| l.poster_sha256)
            .map(|sha| self.store().path_of(&sha)))
    }
}
