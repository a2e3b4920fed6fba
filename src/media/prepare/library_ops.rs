//! Preparing videos, as methods of `Library`: one video, or every video of
//! a course in a queue (optionally under a size budget). What a library
//! says of its prepared videos, and going back to the original, are in
//! `prepared.rs`.
//!
//! A prepare runs like an attach: ffmpeg writes into a temp file in the
//! library's `media/` folder (no lock held, so the app stays usable), our
//! own probe checks the result (an MP4 with its index first), and only
//! then, under the database write lock, the blob is moved into place and
//! the `media` row pointed at it, with the link to the original
//! (`media_prepared`) in the same transaction. A cancel, a crash, a kill or
//! a full disk leaves the library as it was: the temp file is removed (or
//! found by the next open), and the original blob is never touched.

use std::ffi::OsString;
use std::ops::ControlFlow;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::budget::{self, Fit};
use super::errors::PrepareError;
use super::ffmpeg::{self, Ffmpeg, RunError};
use super::plan::{self, EncodePlan};
use super::recipe::{Method, Profile, Recipe, Trim};
use super::rows::{self, OriginalProbe, PreparedRow};
use super::source::{self, SourceInfo};
use crate::error::{Error, Result};
use crate::library::{now, Library};
use crate::media::blob::{BlobStore, CommittedBlob, StagedBlob};
use crate::media::{probe, MediaItem, MediaKind, Progress};

/// Longest video prepared in one go.
pub const MAX_DURATION_MS: u64 = 4 * 3_600_000;

/// What the trainer asked for one video.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrepareOptions {
    pub profile: Profile,
    pub trim: Option<Trim>,
    /// In the original's time; default 10 % into the kept part.
    pub poster_ms: Option<u64>,
    /// Only move the index to the front when that is all the video needs.
    pub quick: bool,
    /// A video rate ceiling (kbit/s) chosen by a budget.
    pub video_kbps: Option<u32>,
}

/// What a prepare did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrepareReport {
    pub name: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub original_size: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub prepared_size: u64,
    /// Upper bound announced before starting.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub predicted_size: u64,
    pub recipe: Recipe,
    pub media: MediaItem,
    /// SHA-256 of the poster image blob.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub poster_sha256: Option<String>,
}

/// One video of a queue, before it starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueueItem {
    pub name: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duration_ms: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub original_size: u64,
    /// At most this big once prepared.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub predicted_size: u64,
}

/// The plan of `prepare --all`: what will be made and how big it can get.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QueuePlan {
    pub profile: Profile,
    pub items: Vec<QueueItem>,
    /// The video ceiling the budget chose (kbit/s), when lower than the profile's.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub video_kbps: Option<u32>,
    /// Everything else the package carries (other media, posters, player).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub other_bytes: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub predicted_total: u64,
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub budget: Option<u64>,
}

/// Allowance for the player, course.json and each poster in a package.
const PLAYER_ALLOWANCE: u64 = 1_000_000;
const POSTER_ALLOWANCE: u64 = 100_000;

impl Library {
    pub(super) fn store(&self) -> BlobStore {
        BlobStore::new(self.media_dir())
    }

    /// Prepares one video for learners (see the module doc). The original
    /// stays; preparing again starts from it.
    pub fn prepare_media(
        &mut self,
        course_id: &str,
        name: &str,
        options: &PrepareOptions,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<PrepareReport> {
        let ff = ffmpeg::find()?;
        self.prepare_with(&ff, course_id, name, options, &mut progress)
    }

    fn prepare_with(
        &mut self,
        ff: &Ffmpeg,
        course_id: &str,
        name: &str,
        options: &PrepareOptions,
        progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<PrepareReport> {
        let item = self.media(course_id, name)?;
        let name = item.name.clone();
        if item.kind != MediaKind::Video {
            return Err(PrepareError::NotAVideo { name }.into());
        }
        let link = rows::get(self.conn(), &item.id)?;
        let store = self.store();
        // Prepare from the original when this library has it.
        let (source_sha, original) = match &link {
            Some(PreparedRow { original_sha256: Some(sha), original: Some(o), .. }) => {
                (sha.clone(), o.clone())
            }
            _ => (item.sha256.clone(), OriginalProbe::from(&item)),
        };
        let source_path = store.path_of(&source_sha);
        let info = source::inspect(ff, &source_path, &name)?;
        check_limits(&name, &info, options)?;
        let kept_ms = options.trim.map_or(info.duration_ms, |t| t.end_ms - t.start_ms);
        let settings = options.profile.settings();
        let remux = options.quick
            && options.trim.is_none()
            && options.video_kbps.is_none()
            && plan::remux_is_enough(&info);
        let predicted = if remux {
            original.size
        } else {
            let v = plan::video_ceiling(options.video_kbps, &settings);
            let a = info.audio_codec.as_ref().map(|_| budget::audio_for(v, &settings));
            budget::bound(kept_ms, v, a)
        };

        let video = store.scratch()?;
        let fail = |e: RunError| run_error(e, &name, &store);
        if remux {
            ff.run(&plan::remux(&source_path, video.path()), kept_ms, progress).map_err(fail)?;
        } else {
            // Sound first (measuring pass, ~1/10 of the job), then the encode.
            let measure_share = kept_ms / 10;
            let total = kept_ms + if info.audio_codec.is_some() { measure_share } else { 0 };
            let loudness = match info.audio_codec {
                Some(_) => {
                    let lines = ff
                        .run(
                            &plan::measure_loudness(&source_path, options.trim),
                            kept_ms,
                            &mut |p| progress(Progress { done: p.done / 10, total: Some(total) }),
                        )
                        .map_err(fail)?;
                    plan::parse_loudness(&lines)
                }
                None => None,
            };
            let offset = total - kept_ms;
            let args = plan::encode(&EncodePlan {
                source: &source_path,
                info: &info,
                settings,
                trim: options.trim,
                video_kbps: options.video_kbps,
                loudness,
                output: video.path(),
            });
            ff.run(&args, kept_ms, &mut |p| {
                progress(Progress { done: offset + p.done, total: Some(total) })
            })
            .map_err(fail)?;
        }
        let staged = video.into_staged(&store)?;
        let probed = check_result(&staged, &name)?;

        // Poster: a frame of the prepared video, 10 % in by default.
        let poster_at = options
            .poster_ms
            .map(|p| p - options.trim.map_or(0, |t| t.start_ms))
            .unwrap_or(probed.duration_ms.unwrap_or(kept_ms) / 10);
        let poster = make_poster(ff, &store, staged.path(), poster_at, &name)?;

        let recipe = Recipe {
            method: if remux { Method::Remux } else { Method::Encode },
            profile: options.profile,
            trim: options.trim,
            poster_ms: options.poster_ms,
            video_kbps: options.video_kbps.filter(|k| *k < settings.max_video_kbps),
            ffmpeg_version: ff.version.clone(),
        };
        let prepared = OriginalProbe::from_probe(&probed, staged.size);
        let mut placed: Vec<CommittedBlob> = Vec::new();
        let id = item.id.clone();
        let result = self.write(|tx| {
            // Still the same item, showing what we started from (no other
            // prepare or restore placed something meanwhile).
            let unchanged = crate::media::rows::find(tx, course_id, &name)?
                .is_some_and(|m| m.id == id && m.sha256 == item.sha256);
            if !unchanged {
                return Err(PrepareError::ChangedMeanwhile { name: name.clone() }.into());
            }
            let video = placed.push_get(staged.commit(&store)?);
            crate::media::rows::record_crc32(tx, &video.sha256, video.crc32)?;
            let video_sha = video.sha256.clone();
            let poster_sha = match poster {
                Some(p) => {
                    let p = placed.push_get(p.commit(&store)?);
                    crate::media::rows::record_crc32(tx, &p.sha256, p.crc32)?;
                    Some(p.sha256.clone())
                }
                None => None,
            };
            rows::point_media_at(tx, &id, &video_sha, &prepared)?;
            rows::put(
                tx,
                &PreparedRow {
                    media_id: id.clone(),
                    original_sha256: Some(source_sha.clone()),
                    original: Some(original.clone()),
                    recipe: recipe.clone(),
                    poster_sha256: poster_sha.clone(),
                    prepared_at: now(),
                },
            )?;
            crate::media::rows::touch_course(tx, course_id, &now())?;
            Ok(poster_sha)
        });
        let poster_sha256 = match result {
            Ok(p) => p,
            Err(e) => {
                for blob in &placed {
                    blob.undo();
                }
                return Err(e);
            }
        };
        Ok(PrepareReport {
            name: name.clone(),
            original_size: original.size,
            prepared_size: prepared.size,
            predicted_size: predicted,
            recipe,
            media: self.media(course_id, &name)?,
            poster_sha256,
        })
    }

    /// What `prepare --all` would do: every video of the course (those
    /// already prepared start again from their original), with sizes, under
    /// `budget` when given.
    pub fn plan_prepare_all(
        &self,
        course_id: &str,
        profile: Profile,
        budget_bytes: Option<u64>,
    ) -> Result<QueuePlan> {
        let ff = ffmpeg::find()?;
        let items = self.list_media(course_id)?;
        let links = rows::of_course(self.conn(), course_id)?;
        let store = self.store();
        let settings = profile.settings();
        let mut videos = Vec::new();
        let mut other_bytes = PLAYER_ALLOWANCE;
        let mut queue = Vec::new();
        for item in &items {
            if item.kind != MediaKind::Video {
                other_bytes += item.size;
                continue;
            }
            let (sha, size) = match links.get(&item.id) {
                Some(PreparedRow { original_sha256: Some(sha), original: Some(o), .. }) => {
                    (sha.clone(), o.size)
                }
                _ => (item.sha256.clone(), item.size),
            };
            let info = source::inspect(&ff, &store.path_of(&sha), &item.name)?;
            check_limits(&item.name, &info, &PrepareOptions::default())?;
            other_bytes += POSTER_ALLOWANCE;
            videos.push((info.duration_ms, info.audio_codec.is_some()));
            queue.push(QueueItem {
                name: item.name.clone(),
                duration_ms: info.duration_ms,
                original_size: size,
                predicted_size: 0,
            });
        }
        let video_kbps = match budget_bytes {
            None => None,
            Some(b) => match budget::fit(b, other_bytes, &videos, &settings) {
                Fit::ProfileFits => None,
                Fit::Ceiling(k) => Some(k),
                Fit::TooSmall { smallest } => {
                    return Err(PrepareError::BudgetTooSmall { budget: b, smallest }.into())
                }
            },
        };
        let v = plan::video_ceiling(video_kbps, &settings);
        for (q, (d, audio)) in queue.iter_mut().zip(&videos) {
            q.predicted_size = budget::bound(*d, v, audio.then(|| budget::audio_for(v, &settings)));
        }
        let predicted_total = other_bytes + queue.iter().map(|q| q.predicted_size).sum::<u64>();
        Ok(QueuePlan {
            profile,
            items: queue,
            video_kbps,
            other_bytes,
            predicted_total,
            budget: budget_bytes,
        })
    }

    /// Prepares every video of a plan, one after the other. `progress` gets
    /// the index of the video and its progress; `Break` cancels the one
    /// running (those already done stay done, each was placed whole).
    pub fn prepare_queue(
        &mut self,
        course_id: &str,
        queue: &QueuePlan,
        mut progress: impl FnMut(usize, Progress) -> ControlFlow<()>,
    ) -> Result<Vec<PrepareReport>> {
        let ff = ffmpeg::find()?;
        let mut reports = Vec::new();
        for (i, item) in queue.items.iter().enumerate() {
            let options = PrepareOptions {
                profile: queue.profile,
                video_kbps: queue.video_kbps,
                ..PrepareOptions::default()
            };
            let mut report =
                self.prepare_with(&ff, course_id, &item.name, &options, &mut |p| progress(i, p))?;
            report.predicted_size = item.predicted_size;
            reports.push(report);
        }
        Ok(reports)
    }
}

trait PushGet<T> {
    fn push_get(&mut self, value: T) -> &T;
}

impl<T> PushGet<T> for Vec<T> {
    fn push_get(&mut self, value: T) -> &T {
        self.push(value);
        self.last().expect("just pushed")
    }
}

fn check_limits(name: &str, info: &SourceInfo, options: &PrepareOptions) -> Result<()> {
    if info.duration_ms > MAX_DURATION_MS {
        return Err(PrepareError::TooLong {
            name: name.into(),
            duration_ms: info.duration_ms,
            limit_ms: MAX_DURATION_MS,
        }
        .into());
    }
    if let Some(t) = options.trim {
        if t.start_ms >= t.end_ms || t.end_ms > info.duration_ms {
            return Err(PrepareError::TrimOutside {
                name: name.into(),
                start_ms: t.start_ms,
                end_ms: t.end_ms,
                duration_ms: info.duration_ms,
            }
            .into());
        }
    }
    if let Some(p) = options.poster_ms {
        let (start, end) = options.trim.map_or((0, info.duration_ms), |t| (t.start_ms, t.end_ms));
        if p < start || p >= end {
            return Err(PrepareError::PosterOutside {
                name: name.into(),
                at_ms: p,
                duration_ms: end - start,
            }
            .into());
        }
    }
    Ok(())
}

/// Our own probe of the result: an MP4, H.264, index first. Anything else
/// means ffmpeg did not do what we asked: refuse rather than store it.
fn check_result(staged: &StagedBlob, name: &str) -> Result<probe::Probe> {
    let mut file = std::fs::File::open(staged.path())
        .map_err(|e| Error::Io { path: staged.path().to_path_buf(), source: e })?;
    let probed = probe::probe(&mut file, staged.size, Path::new(name))?;
    if probed.kind != MediaKind::Video
        || probed.faststart != Some(true)
        || probed.video_codec.as_deref() != Some("h264")
    {
        return Err(Error::Internal(format!(
            "ffmpeg's result for {name} is not a faststart H.264 MP4 ({probed:?})"
        )));
    }
    Ok(probed)
}

fn make_poster(
    ff: &Ffmpeg,
    store: &BlobStore,
    prepared: &Path,
    at_ms: u64,
    name: &str,
) -> Result<Option<StagedBlob>> {
    let scratch = store.scratch()?;
    let args: Vec<OsString> = plan::poster(prepared, at_ms, scratch.path());
    ff.run(&args, 1, &mut |_| ControlFlow::Continue(())).map_err(|e| run_error(e, name, store))?;
    // A frame past the end gives no file: no poster rather than a failure.
    if std::fs::metadata(scratch.path()).map_or(true, |m| m.len() == 0) {
        return Ok(None);
    }
    let staged = scratch.into_staged(store)?;
    let mut file = std::fs::File::open(staged.path())
        .map_err(|e| Error::Io { path: staged.path().to_path_buf(), source: e })?;
    let probed = probe::probe(&mut file, staged.size, Path::new("poster.jpg"))?;
    Ok((probed.kind == MediaKind::Image).then_some(staged))
}

fn run_error(e: RunError, name: &str, store: &BlobStore) -> Error {
    match e {
        RunError::Cancelled => Error::Cancelled,
        RunError::Killed => PrepareError::FfmpegKilled { name: name.into() }.into(),
        e if e.is_disk_full() => Error::DiskFull { path: store.dir().to_path_buf() },
        RunError::Spawn(e) if e.kind() == std::io::ErrorKind::NotFound => {
            PrepareError::FfmpegMissing.into()
        }
        e => PrepareError::FfmpegFailed { name: name.into(), last_line: e.last_line() }.into(),
    }
}

impl From<PrepareError> for Error {
    fn from(e: PrepareError) -> Error {
        Error::Prepare(e)
    }
}
