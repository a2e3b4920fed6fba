//! Progress of a long job (copying a video in, re-hashing the library).
//!
//! The core never draws anything: it calls a callback with bytes done and
//! the total, and the callback answers whether to go on. The CLI turns that
//! into a progress bar, the desktop shell into a `tauri::ipc::Channel`
//! message; a `Break` from either cancels the job cleanly (temp file removed,
//! nothing registered).

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

/// How far a long job has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// Bytes processed so far.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub done: u64,
    /// Bytes in all, when known (a pipe has no size).
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub total: Option<u64>,
}

/// What every long job takes: report progress, return `Break` to cancel.
pub trait ProgressFn: FnMut(Progress) -> ControlFlow<()> {}
impl<F: FnMut(Progress) -> ControlFlow<()>> ProgressFn for F {}

/// A callback that never cancels, for callers that do not show progress.
pub fn no_progress(_: Progress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}
