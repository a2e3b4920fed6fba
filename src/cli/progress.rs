//! Progress bars for long jobs (attach, verify, export, import) and byte
//! sizes for people. A bar appears only on a terminal and only once a job
//! has run for a moment (a photo copies before anyone could read it); Ctrl-C
//! cancels the job cleanly through the core's callback, a second Ctrl-C
//! quits at once.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::output::Out;

/// Set by Ctrl-C during a long job.
static CANCEL: AtomicBool = AtomicBool::new(false);

pub struct Bar {
    started: Instant,
    bar: Option<ProgressBar>,
    enabled: bool,
    label: String,
    /// Positions are milliseconds of video (ffmpeg's progress), not bytes.
    time: bool,
}

impl Bar {
    pub fn new(out: &Out, label: &str) -> Bar {
        use std::io::IsTerminal;
        let _ = ctrlc::set_handler(|| {
            if CANCEL.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
        Bar {
            started: Instant::now(),
            bar: None,
            enabled: !out.json && std::io::stderr().is_terminal(),
            label: label.into(),
            time: false,
        }
    }

    /// Shows `done` of `total` bytes (`None` when unknown); `Break` after Ctrl-C.
    pub fn update(&mut self, done: u64, total: Option<u64>) -> ControlFlow<()> {
        if CANCEL.load(Ordering::SeqCst) {
            return ControlFlow::Break(());
        }
        if self.enabled && self.bar.is_none() && self.started.elapsed() > Duration::from_millis(400)
        {
            // Set up hidden, start from where the job is, then show: the
            // speed shown is then the real one from the first frame.
            let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden())
                .with_position(done);
            let template = match total {
                Some(_) if self.time => "{msg} [{bar:30}] {percent}% ~{eta}",
                Some(_) => "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} ~{eta}",
                None => "{msg} {spinner} {bytes} {bytes_per_sec}",
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(self.label.clone());
            bar.reset_eta();
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(total.map_or(done, |t| done.min(t)));
        }
        ControlFlow::Continue(())
    }

    /// As [`Bar::update`], for a job measured in milliseconds of video.
    pub fn update_time(&mut self, done_ms: u64, total_ms: Option<u64>) -> ControlFlow<()> {
        self.time = true;
        self.update(done_ms, total_ms)
    }

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// A size for people: 1.5 GiB, 12.0 MiB, 300 KiB, 12 B.
pub fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.0} KiB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}
