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

/// A copy's progress (bytes done so far) as the steps a job adds up across
/// several copies (bytes since the last call): an import of many entries
/// reports one running total. A call that moved nothing is not passed on.
pub fn as_steps(
    mut step: impl FnMut(u64) -> ControlFlow<()>,
) -> impl FnMut(Progress) -> ControlFlow<()> {
    let mut reported = 0u64;
    move |p| {
        let moved = p.done.saturating_sub(reported);
        reported = p.done;
        if moved == 0 {
            ControlFlow::Continue(())
        } else {
            step(moved)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_add_up_to_the_bytes_done_and_a_cancel_passes_through() {
        let mut seen = Vec::new();
        let mut steps = as_steps(|n| {
            seen.push(n);
            if n > 50 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        let at = |done| Progress { done, total: Some(200) };
        assert_eq!(steps(at(10)), ControlFlow::Continue(()));
        assert_eq!(steps(at(10)), ControlFlow::Continue(()), "nothing moved");
        assert_eq!(steps(at(40)), ControlFlow::Continue(()));
        assert_eq!(steps(at(140)), ControlFlow::Break(()));
        drop(steps);
        assert_eq!(seen, vec![10, 30, 100]);
    }
}
