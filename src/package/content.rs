//! A course's rows and its package form (`PackageCourse`), both ways:
//! [`snapshot`] reads a course with its media, captions, prepared videos and
//! sign-language links as a package would carry it (export, the bin, saved
//! revisions, the import preview); [`insert_new`] and [`replace_content`]
//! write one back (import, restore, the bin's restore).

use std::path::Path;

use rusqlite::Connection;

use super::course_file::{
    LocalLink, PackageCaptions, PackageCourse, PackageMedia, PackagePrepared,
};
use super::rows as prows;
use crate::error::Result;
use crate::media::MediaItem;
use crate::model::{Course, Lang};
use crate::store::{rows, search};

/// The course as it is now, with its media, in package form.
pub fn snapshot(conn: &Connection, course: Course) -> Result<PackageCourse> {
    let mut media = Vec::new();
    for item in crate::media::rows::list(conn, &course.id)? {
        let captions = prows::captions_of(conn, &item.id)?;
        let prepared = local_prepared(conn, &item.id)?;
        media.push(PackageMedia { prepared, ..package_media(item, captions) });
    }
    let sign_language = crate::media::sign::rows::required(conn, &course.id)?;
    Ok(PackageCourse { course, media, sign_language })
}

pub fn package_media(item: MediaItem, captions: Vec<(Lang, String, u32, String)>) -> PackageMedia {
    PackageMedia {
        path: super::course_file::media_path(&item.sha256, &item.format),
        id: item.id,
        name: item.name,
        kind: item.kind,
        format: item.format,
        mime: item.mime,
        size: item.size,
        sha256: item.sha256,
        duration_ms: item.duration_ms,
        width: item.width,
        height: item.height,
        video_codec: item.video_codec,
        audio_codec: item.audio_codec,
        faststart: item.faststart,
        original_name: item.original_name,
        created_at: item.created_at,
        captions: captions
            .into_iter()
            .map(|(lang, vtt, cues, source_name)| {
                (lang, PackageCaptions { vtt, cues, source_name })
            })
            .collect(),
        prepared: None,
        interpreters: item.interpreters,
    }
}

/// The recipe and poster of a prepared item, as a package carries them
/// (never the original).
pub(crate) fn package_prepared(
    conn: &Connection,
    media_id: &str,
    poster_size: impl Fn(&str) -> Option<u64>,
) -> Result<Option<super::course_file::PackagePrepared>> {
    let Some(link) = crate::media::prepare::rows::get(conn, media_id)? else { return Ok(None) };
    let poster = link.poster_sha256.and_then(|sha| {
        let size = poster_size(&sha)?;
        Some(super::course_file::PackagePoster {
            path: super::course_file::media_path(&sha, "jpeg"),
            size,
            sha256: sha,
        })
    });
    Ok(Some(super::course_file::PackagePrepared { recipe: link.recipe, poster, local: None }))
}

/// A prepared item's link as this library's own saved copies keep it: the
/// package form plus the original and poster blobs ([`LocalLink`]), so that
/// restoring a revision or a course from the bin keeps the way back.
fn local_prepared(conn: &Connection, media_id: &str) -> Result<Option<PackagePrepared>> {
    let Some(link) = crate::media::prepare::rows::get(conn, media_id)? else { return Ok(None) };
    // The library's own blob store, beside its database (a poster's size is read there).
    let store = conn
        .path()
        .and_then(|db| Path::new(db).parent())
        .map(|root| crate::media::blob::BlobStore::new(root.join(crate::library::MEDIA_DIR)));
    let poster_size = |sha: &str| {
        let path = store.as_ref()?.path_of(sha);
        std::fs::metadata(path).ok().map(|m| m.len())
    };
    let mut prepared = package_prepared(conn, media_id, poster_size)?;
    if let (Some(p), Some(original_sha256), Some(original)) =
        (prepared.as_mut(), link.original_sha256, link.original)
    {
        p.local = Some(LocalLink {
            original_sha256,
            original,
            poster_sha256: link.poster_sha256,
            prepared_at: link.prepared_at,
        });
    }
    Ok(prepared)
}

pub(crate) fn insert_new(tx: &Connection, pc: &PackageCourse) -> Result<()> {
    rows::insert_course_tree(tx, &pc.course)?;
    search::reindex_course(tx, &pc.course)?;
    insert_media(tx, pc)
}

/// Replaces a course's modules, lessons and media with `pc`'s (same course id).
pub fn replace_content(tx: &Connection, pc: &PackageCourse) -> Result<()> {
    rows::update_course_row(tx, &pc.course)?;
    prows::delete_course_modules(tx, &pc.course.id)?;
    for (position, module) in pc.course.modules.iter().enumerate() {
        rows::insert_module(tx, &pc.course.id, position, module)?;
        for (lesson_position, lesson) in module.lessons.iter().enumerate() {
            rows::insert_lesson(tx, &module.id, lesson_position, lesson)?;
        }
    }
    search::reindex_course(tx, &pc.course)?;
    prows::delete_course_media(tx, &pc.course.id)?;
    insert_media(tx, pc)
}

fn insert_media(tx: &Connection, pc: &PackageCourse) -> Result<()> {
    insert_media_rows(tx, pc)?;
    // Sign-language links once every item is in (they name one another);
    // a link to an item left out (a restore without its bytes) is dropped.
    let sign = crate::media::sign::rows::set;
    for m in &pc.media {
        // The link for both languages first: setting it clears the others.
        let mut links: Vec<_> = m.interpreters.iter().collect();
        links.sort_by_key(|l| l.lang.is_some());
        for link in links {
            if let Some(i) = pc.media.iter().find(|i| i.name.eq_ignore_ascii_case(&link.media)) {
                sign(tx, &m.id, link.lang, &i.id, link.offset_ms)?;
            }
        }
    }
    crate::media::sign::rows::set_required(tx, &pc.course.id, pc.sign_language)?;
    Ok(())
}

fn insert_media_rows(tx: &Connection, pc: &PackageCourse) -> Result<()> {
    for m in &pc.media {
        let item = MediaItem {
            id: m.id.clone(),
            course_id: pc.course.id.clone(),
            name: m.name.clone(),
            kind: m.kind,
            format: m.format.clone(),
            mime: m.mime.clone(),
            size: m.size,
            sha256: m.sha256.clone(),
            duration_ms: m.duration_ms,
            width: m.width,
            height: m.height,
            video_codec: m.video_codec.clone(),
            audio_codec: m.audio_codec.clone(),
            faststart: m.faststart,
            captions: Vec::new(),
            interpreters: Vec::new(),
            original_name: m.original_name.clone(),
            created_at: m.created_at.clone(),
        };
        crate::media::rows::insert_item(tx, &item)?;
        for (lang, c) in &m.captions {
            crate::media::rows::set_captions(tx, &m.id, *lang, &c.vtt, c.cues, &c.source_name)?;
        }
        // A prepared video keeps its recipe and poster; its original stayed
        // with the organisation that made the package.
        // A saved copy of this library's own (a revision, the bin) brings its
        // original back too ([`LocalLink`]; packages never carry one).
        if let Some(p) = &m.prepared {
            let local = p.local.as_ref();
            crate::media::prepare::rows::put(
                tx,
                &crate::media::prepare::rows::PreparedRow {
                    media_id: m.id.clone(),
                    original_sha256: local.map(|l| l.original_sha256.clone()),
                    original: local.map(|l| l.original.clone()),
                    recipe: p.recipe.clone(),
                    poster_sha256: match local {
                        Some(l) => l.poster_sha256.clone(),
                        None => p.poster.as_ref().map(|p| p.sha256.clone()),
                    },
                    prepared_at: local
                        .map_or_else(|| m.created_at.clone(), |l| l.prepared_at.clone()),
                },
            )?;
        }
    }
    Ok(())
}
