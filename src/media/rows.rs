//! Rows of the `media` and `media_captions` tables <-> `MediaItem`.
//! Every SQL statement about media lives here (the media counterpart of
//! `store::rows`), so the column layout is known in one file.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::model::{MediaItem, MediaKind, MediaUse};
use super::probe::Probe;
use crate::error::Result;
use crate::model::Lang;

const COLUMNS: &str =
    "id, course_id, name, sha256, size, kind, format, mime, duration_ms, width, height, \
     video_codec, audio_codec, faststart, original_name, created_at";

fn item_row(row: &Row) -> rusqlite::Result<MediaItem> {
    let kind: String = row.get("kind")?;
    Ok(MediaItem {
        id: row.get("id")?,
        course_id: row.get("course_id")?,
        name: row.get("name")?,
        kind: MediaKind::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, kind.into())
        })?,
        format: row.get("format")?,
        mime: row.get("mime")?,
        size: row.get::<_, i64>("size")? as u64,
        sha256: row.get("sha256")?,
        duration_ms: row.get::<_, Option<i64>>("duration_ms")?.map(|d| d as u64),
        width: row.get("width")?,
        height: row.get("height")?,
        video_codec: row.get("video_codec")?,
        audio_codec: row.get("audio_codec")?,
        faststart: row.get("faststart")?,
        captions: Vec::new(),
        interpreters: Vec::new(),
        original_name: row.get("original_name")?,
        created_at: row.get("created_at")?,
    })
}

fn with_captions(conn: &Connection, mut item: MediaItem) -> Result<MediaItem> {
    let mut stmt = conn
        .prepare_cached("SELECT lang FROM media_captions WHERE media_id = ?1 ORDER BY lang DESC")?;
    let langs = stmt.query_map([&item.id], |r| r.get::<_, String>(0))?;
    for lang in langs {
        if let Some(lang) = Lang::parse(&lang?) {
            item.captions.push(lang);
        }
    }
    item.interpreters =
        super::sign::rows::of_course(conn, &item.course_id)?.remove(&item.id).unwrap_or_default();
    Ok(item)
}

pub fn list(conn: &Connection, course_id: &str) -> Result<Vec<MediaItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM media WHERE course_id = ?1 ORDER BY name COLLATE NOCASE"
    ))?;
    let mut items = stmt.query_map([course_id], item_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    // The captions of the whole course in one query, not one per item.
    let mut stmt = conn.prepare_cached(
        "SELECT c.media_id, c.lang FROM media_captions c JOIN media m ON m.id = c.media_id
          WHERE m.course_id = ?1 ORDER BY c.lang DESC",
    )?;
    let mut captions: std::collections::HashMap<String, Vec<Lang>> =
        std::collections::HashMap::new();
    for row in
        stmt.query_map([course_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
    {
        let (media_id, lang) = row?;
        if let Some(lang) = Lang::parse(&lang) {
            captions.entry(media_id).or_default().push(lang);
        }
    }
    let mut interpreters = super::sign::rows::of_course(conn, course_id)?;
    for item in &mut items {
        item.captions = captions.remove(&item.id).unwrap_or_default();
        item.interpreters = interpreters.remove(&item.id).unwrap_or_default();
    }
    Ok(items)
}

/// The item called `name` (any case) in a course.
pub fn find(conn: &Connection, course_id: &str, name: &str) -> Result<Option<MediaItem>> {
    let item = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM media WHERE course_id = ?1 AND name = ?2 COLLATE NOCASE"
            ),
            params![course_id, name],
            item_row,
        )
        .optional()?;
    item.map(|i| with_captions(conn, i)).transpose()
}

pub fn name_taken(
    conn: &Connection,
    course_id: &str,
    name: &str,
    except_id: Option<&str>,
) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM media WHERE course_id = ?1 AND name = ?2 COLLATE NOCASE AND id IS NOT ?3",
            params![course_id, name, except_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub struct NewRow<'a> {
    pub id: &'a str,
    pub course_id: &'a str,
    pub name: &'a str,
    pub sha256: &'a str,
    pub size: u64,
    pub probe: &'a Probe,
    pub original_name: &'a str,
    pub created_at: &'a str,
}

pub fn insert(conn: &Connection, row: &NewRow) -> Result<()> {
    let p = row.probe;
    conn.execute(
        &format!("INSERT INTO media ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"),
        params![
            row.id, row.course_id, row.name, row.sha256, row.size as i64, p.kind.code(), p.format, p.mime,
            p.duration_ms.map(|d| d as i64), p.width, p.height, p.video_codec, p.audio_codec, p.faststart,
            row.original_name, row.created_at,
        ],
    )?;
    Ok(())
}

/// Inserts an item as it is (ids kept): for package import, which commits
/// the course, its media rows and blobs in one transaction.
pub fn insert_item(conn: &Connection, item: &MediaItem) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO media ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"),
        params![
            item.id, item.course_id, item.name, item.sha256, item.size as i64, item.kind.code(), item.format,
            item.mime, item.duration_ms.map(|d| d as i64), item.width, item.height, item.video_codec,
            item.audio_codec, item.faststart, item.original_name, item.created_at,
        ],
    )?;
    Ok(())
}

pub fn rename(conn: &Connection, id: &str, name: &str) -> Result<()> {
    conn.execute("UPDATE media SET name = ?2 WHERE id = ?1", params![id, name])?;
    Ok(())
}

pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    conn.execute("DELETE FROM media WHERE id = ?1", [id])?;
    Ok(())
}

/// Copies every media row (and its captions) of one course to another, with
/// new ids: the bytes are shared, not copied.
pub fn copy_course_media(conn: &Connection, from_course: &str, to_course: &str) -> Result<()> {
    let items = list(conn, from_course)?;
    for item in items {
        let new_id = uuid::Uuid::new_v4().to_string();
        conn.execute(
            &format!(
                "INSERT INTO media ({COLUMNS})
                 SELECT ?2, ?3, name, sha256, size, kind, format, mime, duration_ms, width, height,
                        video_codec, audio_codec, faststart, original_name, created_at
                   FROM media WHERE id = ?1"
            ),
            params![item.id, new_id, to_course],
        )?;
        conn.execute(
            "INSERT INTO media_captions (media_id, lang, vtt, cues, source_name)
             SELECT ?2, lang, vtt, cues, source_name FROM media_captions WHERE media_id = ?1",
            params![item.id, new_id],
        )?;
        // A prepared video keeps its original and recipe in the copy.
        conn.execute(
            "INSERT INTO media_prepared (media_id, original_sha256, original_probe, recipe, poster_sha256, prepared_at)
             SELECT ?2, original_sha256, original_probe, recipe, poster_sha256, prepared_at
               FROM media_prepared WHERE media_id = ?1",
            params![item.id, new_id],
        )?;
    }
    // Sign-language links and the course's setting (matched by name).
    super::sign::rows::copy_course(conn, from_course, to_course)?;
    Ok(())
}

pub fn set_captions(
    conn: &Connection,
    media_id: &str,
    lang: Lang,
    vtt: &str,
    cues: u32,
    source_name: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO media_captions (media_id, lang, vtt, cues, source_name) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (media_id, lang) DO UPDATE SET vtt = excluded.vtt, cues = excluded.cues, source_name = excluded.source_name",
        params![media_id, lang.code(), vtt, cues, source_name],
    )?;
    Ok(())
}

pub fn remove_captions(conn: &Connection, media_id: &str, lang: Lang) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM media_captions WHERE media_id = ?1 AND lang = ?2",
        params![media_id, lang.code()],
    )? > 0)
}

pub fn captions(conn: &Connection, media_id: &str, lang: Lang) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT vtt FROM media_captions WHERE media_id = ?1 AND lang = ?2",
            params![media_id, lang.code()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every blob the database references, with its expected size: what
/// lessons show, and the originals and posters of prepared videos
/// (`media_prepared`; a poster's size is not kept, 0).
pub fn referenced_blobs(conn: &Connection) -> Result<Vec<(String, u64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT sha256, max(size) FROM (
             SELECT sha256, size FROM media
             UNION ALL
             SELECT original_sha256, coalesce(json_extract(original_probe, '$.size'), 0)
               FROM media_prepared WHERE original_sha256 IS NOT NULL
             UNION ALL
             SELECT poster_sha256, 0 FROM media_prepared WHERE poster_sha256 IS NOT NULL
         ) GROUP BY sha256 ORDER BY sha256",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Keeps a blob's CRC-32 (taken as its bytes arrived); a blob's bytes never
/// change, so a row already there stays.
pub fn record_crc32(conn: &Connection, sha256: &str, crc32: u32) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO blob_checksums (sha256, crc32) VALUES (?1, ?2)")?
        .execute(params![sha256, crc32 as i64])?;
    Ok(())
}

/// A blob's CRC-32, `None` for a blob stored before they were kept.
pub fn crc32_of(conn: &Connection, sha256: &str) -> Result<Option<u32>> {
    Ok(conn
        .prepare_cached("SELECT crc32 FROM blob_checksums WHERE sha256 = ?1")?
        .query_row([sha256], |r| r.get::<_, i64>(0))
        .optional()?
        .map(|crc| crc as u32))
}

/// Forgets the CRC-32 of a blob `gc` removed.
pub fn forget_crc32(conn: &Connection, sha256: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM blob_checksums WHERE sha256 = ?1")?.execute([sha256])?;
    Ok(())
}

/// Blobs that revisions saved for restoring (`course_revisions`: a course
/// as it was before an import replaced it) refer to, and those of courses
/// in the bin (`course_bin_blobs`). A revision's media list is part of the
/// saved course.json, read here with SQLite's JSON functions: each item's
/// bytes and, for a prepared video, its poster and original.
pub fn blobs_of_saved_revisions(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "WITH items(v) AS (
             SELECT m.value FROM course_revisions r, json_each(r.content, '$.media') m
              WHERE json_valid(r.content)
         )
         SELECT sha FROM (
             SELECT json_extract(v, '$.sha256') AS sha FROM items
             UNION SELECT json_extract(v, '$.prepared.poster.sha256') FROM items
             UNION SELECT json_extract(v, '$.prepared.local.original_sha256') FROM items
             UNION SELECT json_extract(v, '$.prepared.local.poster_sha256') FROM items
         ) WHERE typeof(sha) = 'text'
         UNION SELECT sha256 FROM course_bin_blobs",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Who uses a blob: (course slug, media name) pairs.
pub fn users_of_blob(conn: &Connection, sha256: &str) -> Result<Vec<MediaUse>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT c.slug, m.name FROM media m JOIN courses c ON c.id = m.course_id
           LEFT JOIN media_prepared p ON p.media_id = m.id
          WHERE m.sha256 = ?1 OR p.original_sha256 = ?1 OR p.poster_sha256 = ?1
          ORDER BY c.slug, m.name",
    )?;
    let rows =
        stmt.query_map([sha256], |r| Ok(MediaUse { course_slug: r.get(0)?, name: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The slug of a course, `None` when it does not exist.
pub fn course_slug(conn: &Connection, course_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT slug FROM courses WHERE id = ?1", [course_id], |r| r.get(0))
        .optional()?)
}

/// A media change is a change of the course: new revision, new date.
/// Returns false when the course does not exist.
pub fn touch_course(conn: &Connection, course_id: &str, now: &str) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE courses SET revision = revision + 1, updated_at = ?2 WHERE id = ?1",
        params![course_id, now],
    )? > 0)
}
