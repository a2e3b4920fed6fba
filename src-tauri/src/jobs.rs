//! Long jobs: the core reports progress to a callback that may cancel
//! (`FnMut(Progress) -> ControlFlow<()>`); this adapts it to a
//! `tauri::ipc::Channel` (throttled, so a fast copy does not flood IPC) and
//! to the job's cancel flag.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tauri::ipc::Channel;

use crate::state::JobProgress;

const EVERY: Duration = Duration::from_millis(80);

pub struct Reporter {
    channel: Channel<JobProgress>,
    cancel: Arc<AtomicBool>,
    last: Option<Instant>,
}

impl Reporter {
    pub fn new(channel: Channel<JobProgress>, cancel: Arc<AtomicBool>) -> Self {
        Reporter { channel, cancel, last: None }
    }

    pub fn report(
        &mut self,
        done: u64,
        total: Option<u64>,
        phase: Option<&str>,
    ) -> ControlFlow<()> {
        if self.cancel.load(Ordering::SeqCst) {
            return ControlFlow::Break(());
        }
        let finished = total.is_some_and(|t| done >= t);
        if finished || self.last.is_none_or(|t| t.elapsed() >= EVERY) {
            self.last = Some(Instant::now());
            // A closed window is not a reason to stop the job.
            let _ =
                self.channel.send(JobProgress { done, total, phase: phase.map(str::to_string) });
        }
        ControlFlow::Continue(())
    }

    pub fn media(&mut self) -> impl FnMut(juntos::Progress) -> ControlFlow<()> + '_ {
        |p| self.report(p.done, p.total, None)
    }

    pub fn package(&mut self) -> impl FnMut(juntos::package::Progress) -> ControlFlow<()> + '_ {
        |p| {
            let phase =
                serde_json::to_value(p.phase).ok().and_then(|v| v.as_str().map(str::to_string));
            self.report(p.done, Some(p.total), phase.as_deref())
        }
    }
}
