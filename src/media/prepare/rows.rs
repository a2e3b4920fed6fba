//! Rows of `media_prepared` (migration 0005): the link from a media item
//! that shows a prepared video to its original blob, the recipe and the
//! poster. Every SQL statement about the link lives here.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::recipe::Recipe;
use crate::error::{Error, Result};
use crate::media::MediaItem;

/// What the `media` row said about the original before it was prepared:
/// put back as it was when the trainer goes back to the original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginalProbe {
    pub size: u64,
    pub format: String,
    pub mime: String,
    pub duration_ms: Option<u64>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub video_codec: Option<String>,
    pub audio_codec: Option<String>,
    pub faststart: Option<bool>,
}

impl From<&MediaItem> for OriginalProbe {
    fn from(item: &MediaItem) -> OriginalProbe {
        OriginalProbe {
            size: item.size,
            format: item.format.clone(),
            mime: item.mime.clone(),
            duration_ms: item.duration_ms,
            width: item.width,
            height: item.height,
            video_codec: item.video_codec.clone(),
            audio_codec: item.audio_codec.clone(),
            faststart: item.faststart,
        }
    }
}

impl OriginalProbe {
    /// From what our own probe said of a file of `size` bytes.
    pub fn from_probe(p: &crate::media::probe::Probe, size: u64) -> OriginalProbe {
        OriginalProbe {
            size,
            format: p.format.into(),
            mime: p.mime.into(),
            duration_ms: p.duration_ms,
            width: p.width,
            height: p.height,
            video_codec: p.video_codec.clone(),
            audio_codec: p.audio_codec.clone(),
            faststart: p.faststart,
        }
    }
}

/// Points a media item at other bytes (a prepared video, or back to its
/// original), with what is known of them.
pub fn point_media_at(
    conn: &Connection,
    media_id: &str,
    sha256: &str,
    p: &OriginalProbe,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE media SET sha256 = ?2, size = ?3, format = ?4, mime = ?5, duration_ms = ?6,
                width = ?7, height = ?8, video_codec = ?9, audio_codec = ?10, faststart = ?11
          WHERE id = ?1",
    )?
    .execute(params![
        media_id,
        sha256,
        p.size as i64,
        p.format,
        p.mime,
        p.duration_ms.map(|d| d as i64),
        p.width,
        p.height,
        p.video_codec,
        p.audio_codec,
        p.faststart
    ])?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct PreparedRow {
    pub media_id: String,
    /// `None`: arrived in a package; the original stayed with its author.
    pub original_sha256: Option<String>,
    pub original: Option<OriginalProbe>,
    pub recipe: Recipe,
    pub poster_sha256: Option<String>,
    pub prepared_at: String,
}

fn bad(e: serde_json::Error) -> Error {
    Error::Internal(format!("media_prepared holds JSON we cannot read: {e}"))
}

pub fn get(conn: &Connection, media_id: &str) -> Result<Option<PreparedRow>> {
    let row = conn
        .prepare_cached(
            "SELECT original_sha256, original_probe, recipe, poster_sha256, prepared_at
               FROM media_prepared WHERE media_id = ?1",
        )?
        .query_row([media_id], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?;
    let Some((original_sha256, original, recipe, poster_sha256, prepared_at)) = row else {
        return Ok(None);
    };
    Ok(Some(PreparedRow {
        media_id: media_id.to_string(),
        original_sha256,
        original: original.map(|o| serde_json::from_str(&o)).transpose().map_err(bad)?,
        recipe: serde_json::from_str(&recipe).map_err(bad)?,
        poster_sha256,
        prepared_at,
    }))
}

pub fn put(conn: &Connection, row: &PreparedRow) -> Result<()> {
    let original = row.original.as_ref().map(serde_json::to_string).transpose().map_err(bad)?;
    let recipe = serde_json::to_string(&row.recipe).map_err(bad)?;
    conn.prepare_cached(
        "INSERT INTO media_prepared (media_id, original_sha256, original_probe, recipe, poster_sha256, prepared_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (media_id) DO UPDATE SET original_sha256 = excluded.original_sha256,
           original_probe = excluded.original_probe, recipe = excluded.recipe,
           poster_sha256 = excluded.poster_sha256, prepared_at = excluded.prepared_at",
    )?
    .execute(params![
        row.media_id,
        row.original_sha256,
        original,
        recipe,
        row.poster_sha256,
        row.prepared_at
    ])?;
    Ok(())
}

pub fn delete(conn: &Connection, media_id: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM media_prepared WHERE media_id = ?1")?.execute([media_id])?;
    Ok(())
}

/// Every link of a course's media, by media id.
pub fn of_course(
    conn: &Connection,
    course_id: &str,
) -> Result<std::collections::HashMap<String, PreparedRow>> {
    let ids: Vec<String> = conn
        .prepare_cached(
            "SELECT p.media_id FROM media_prepared p JOIN media m ON m.id = p.media_id
              WHERE m.course_id = ?1",
        )?
        .query_map([course_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = std::collections::HashMap::new();
    for id in ids {
        if let Some(row) = get(conn, &id)? {
            out.insert(id, row);
        }
    }
    Ok(out)
}
