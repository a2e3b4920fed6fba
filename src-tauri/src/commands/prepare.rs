//! "Preparar para partilhar": the media panel's commands over the core's
//! video preparation (issue 12, `juntos::media::prepare`; see
//! `docs/media.md`). A few lines each; everything is decided in the core.
//!
//! - The plan (each video's predicted size and the package's, before
//!   starting) runs ffprobe on every video, so it works on a connection of
//!   its own, like a job: autosave never waits on it.
//! - The queue is one long job ([`LibraryState::run_job`]): its progress is
//!   milliseconds of video of the whole queue (each video's share of the
//!   core's own progress, which comes from ffmpeg's `-progress`), `phase`
//!   names the video being prepared, and cancel stops that one (those
//!   already placed stay, each was placed whole).
//! - Without ffmpeg the plan and the queue answer `ffmpeg_missing`; the rest
//!   of the app does not depend on it.

use juntos::media::prepare::{PrepareReport, PreparedInfo, Profile, QueuePlan};
use juntos::{ErrorReport, MediaItem};
use tauri::ipc::Channel;
use tauri::State;

use crate::state::JobProgress;
use crate::LibraryState;

/// What preparing every video of a course would make, and how big, under
/// `budget` bytes when given (the profile's own sizes when `None`).
#[tauri::command(async)]
pub fn plan_prepare(
    state: State<'_, LibraryState>,
    course_id: String,
    profile: Profile,
    budget: Option<u64>,
) -> Result<QueuePlan, ErrorReport> {
    let library = state.job_library()?;
    library.plan_prepare_all(&course_id, profile, budget).map_err(|e| ErrorReport::from(&e))
}

/// Prepares the videos of `plan`, one after the other, as the job `job`.
#[tauri::command(async)]
pub fn prepare_videos(
    state: State<'_, LibraryState>,
    course_id: String,
    plan: QueuePlan,
    job: String,
    progress: Channel<JobProgress>,
) -> Result<Vec<PrepareReport>, ErrorReport> {
    let shares: Vec<u64> = plan.items.iter().map(|i| i.duration_ms.max(1)).collect();
    let total: u64 = shares.iter().sum();
    state.run_job(&job, progress, |library, reporter| {
        library.prepare_queue(&course_id, &plan, |i, p| {
            let before: u64 = shares[..i].iter().sum();
            let within = match p.total {
                Some(t) if t > 0 => shares[i] * p.done.min(t) / t,
                _ => 0,
            };
            reporter.report(before + within, Some(total), Some(&plan.items[i].name))
        })
    })
}

/// The course's prepared videos, with the original's size and the poster.
#[tauri::command(async)]
pub fn prepared_media(
    state: State<'_, LibraryState>,
    course_id: String,
) -> Result<Vec<PreparedInfo>, ErrorReport> {
    state.with(|library| library.prepared_media(&course_id))
}

/// Shows the original of a prepared video again (the prepared copy stays until `gc`).
#[tauri::command(async)]
pub fn restore_original_media(
    state: State<'_, LibraryState>,
    course_id: String,
    name: String,
) -> Result<MediaItem, ErrorReport> {
    state.with(|library| library.restore_original(&course_id, &name))
}
