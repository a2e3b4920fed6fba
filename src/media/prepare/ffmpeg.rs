//! Finding and running the `ffmpeg` and `ffprobe` programs.
//!
//! **Found, never downloaded.** The programs are looked for beside our own
//! executable first (how the Windows and macOS builds ship them, see
//! `docs/desktop.md`), then on the `PATH` (Debian's `ffmpeg` package). Their
//! version is asked once per process (`ffmpeg -version`) and kept in the
//! recipe of every video they make.
//!
//! **Why a thin wrapper of our own and not the `ffmpeg-sidecar` crate.**
//! `ffmpeg-sidecar` (MIT, well kept) would find the program the same way,
//! but (1) its default feature downloads an ffmpeg build from the internet,
//! which this offline app must never do (it can be turned off, and would
//! then be a dependency for a `Command::spawn`); (2) its progress comes from
//! parsing ffmpeg's human log line (`frame= … time=…`), whose layout is not
//! an interface, whereas `-progress pipe:1` prints `key=value` lines meant
//! for programs; (3) what we need on top — kill the child on cancel, kill
//! it when we die (`PR_SET_PDEATHSIG` on Linux), keep ffmpeg's last error
//! line for the message, tell a full disk from a damaged file — is a few
//! lines over `std::process` either way. So: `std::process::Command`,
//! `-progress pipe:1 -nostats`, ~200 lines, no new dependency.

use std::collections::{HashMap, VecDeque};
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};

use super::errors::PrepareError;
use crate::error::{Error, Result};
use crate::media::Progress;

/// The two programs, found and checked.
#[derive(Debug, Clone)]
pub struct Ffmpeg {
    pub ffmpeg: PathBuf,
    pub ffprobe: PathBuf,
    /// First line of `ffmpeg -version`, e.g. `ffmpeg version 5.1.6-0+deb12u1`.
    pub version: String,
}

/// Why a run of ffmpeg did not produce its output.
#[derive(Debug)]
pub enum RunError {
    Cancelled,
    /// Stopped by a signal we did not send.
    Killed,
    /// Exit status not zero: ffmpeg's last error lines.
    Failed {
        last_lines: Vec<String>,
    },
    /// The program could not be started.
    Spawn(std::io::Error),
}

impl RunError {
    /// ffmpeg's last line that says something (not an empty one).
    pub fn last_line(&self) -> String {
        match self {
            RunError::Failed { last_lines } => last_lines
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| "ffmpeg failed without a message".into()),
            RunError::Spawn(e) => e.to_string(),
            RunError::Cancelled => "cancelled".into(),
            RunError::Killed => "killed".into(),
        }
    }

    /// ffmpeg says so when the disk filled up under it.
    pub fn is_disk_full(&self) -> bool {
        match self {
            RunError::Failed { last_lines } => {
                last_lines.iter().any(|l| l.contains("No space left on device"))
            }
            _ => false,
        }
    }
}

const EXE_SUFFIX: &str = std::env::consts::EXE_SUFFIX;

/// Where a program called `name` is: beside our executable, else on PATH.
fn locate(name: &str) -> Option<PathBuf> {
    let file = format!("{name}{EXE_SUFFIX}");
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&file)))
        .filter(|p| is_executable(p));
    beside.or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path).map(|dir| dir.join(&file)).find(|p| is_executable(p))
    })
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Finds ffmpeg and ffprobe and checks ffmpeg's version (asked once per
/// program path per process).
pub fn find() -> Result<Ffmpeg> {
    let missing = || Error::Prepare(PrepareError::FfmpegMissing);
    let ffmpeg = locate("ffmpeg").ok_or_else(missing)?;
    let ffprobe = locate("ffprobe").ok_or_else(missing)?;
    static VERSIONS: OnceLock<Mutex<HashMap<PathBuf, String>>> = OnceLock::new();
    let versions = VERSIONS.get_or_init(Default::default);
    let known = versions.lock().ok().and_then(|v| v.get(&ffmpeg).cloned());
    let version = match known {
        Some(v) => v,
        None => {
            let v = ask_version(&ffmpeg)?;
            if let Ok(mut map) = versions.lock() {
                map.insert(ffmpeg.clone(), v.clone());
            }
            v
        }
    };
    Ok(Ffmpeg { ffmpeg, ffprobe, version })
}

fn ask_version(ffmpeg: &Path) -> Result<String> {
    let unusable = |found: String| {
        Error::Prepare(PrepareError::FfmpegUnusable { path: ffmpeg.to_path_buf(), found })
    };
    let output = Command::new(ffmpeg)
        .arg("-version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| unusable(e.to_string()))?;
    let text = String::from_utf8_lossy(&output.stdout);
    // `ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024 …`: keep the version.
    let line = text.lines().next().unwrap_or_default();
    let first = line.split(" Copyright").next().unwrap_or_default().trim().to_string();
    let major = first
        .strip_prefix("ffmpeg version ")
        .map(|rest| rest.trim_start_matches(['n', 'N']))
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|m| m.parse::<u32>().ok());
    match major {
        // Git builds say `ffmpeg version N-…` with no number: accept them.
        Some(m) if m >= 4 => Ok(first),
        None if first.starts_with("ffmpeg version N") => Ok(first),
        _ if output.status.success() && first.starts_with("ffmpeg version ") => {
            Err(unusable(first))
        }
        _ => Err(unusable(if first.is_empty() { "no answer".into() } else { first })),
    }
}

impl Ffmpeg {
    /// Runs ffmpeg with `args`, reporting how far it got (ms of output
    /// written, against `total_ms`). `Break` from `progress` kills it.
    /// Returns the last lines ffmpeg logged (a measuring pass reads its
    /// result there; `args` may raise `-loglevel` to `info` for that).
    pub fn run(
        &self,
        args: &[OsString],
        total_ms: u64,
        progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    ) -> std::result::Result<Vec<String>, RunError> {
        let mut command = Command::new(&self.ffmpeg);
        command
            .args(["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error"])
            .args(["-progress", "pipe:1"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        die_with_parent(&mut command);
        let mut child = command.spawn().map_err(RunError::Spawn)?;
        let stderr = child.stderr.take().expect("stderr is piped");
        let tail = std::thread::spawn(move || last_lines(stderr, 40));
        let stdout = child.stdout.take().expect("stdout is piped");
        let cancelled = follow_progress(stdout, total_ms, progress);
        if cancelled {
            kill(&mut child);
            let _ = tail.join();
            return Err(RunError::Cancelled);
        }
        let status = child.wait().map_err(RunError::Spawn)?;
        let last_lines = tail.join().unwrap_or_default();
        if status.success() {
            return Ok(last_lines);
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if status.signal().is_some() {
                return Err(RunError::Killed);
            }
        }
        Err(RunError::Failed { last_lines })
    }

    /// Runs ffprobe (or ffmpeg for a measuring pass) and returns what it
    /// printed on stdout and stderr. No progress: these runs are short or
    /// read only the sound.
    pub fn output(
        &self,
        program: &Path,
        args: &[OsString],
    ) -> std::result::Result<(Vec<u8>, String), RunError> {
        let mut command = Command::new(program);
        command.args(args).stdin(Stdio::null());
        die_with_parent(&mut command);
        let output = command.output().map_err(RunError::Spawn)?;
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if output.status.success() {
            return Ok((output.stdout, stderr));
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if output.status.signal().is_some() {
                return Err(RunError::Killed);
            }
        }
        Err(RunError::Failed { last_lines: stderr.lines().map(String::from).collect() })
    }
}

/// Reads `-progress` blocks (`out_time_us=…`, …, `progress=continue|end`)
/// and reports each. True when the callback asked to stop.
fn follow_progress(
    stdout: impl Read,
    total_ms: u64,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> bool {
    let mut done_ms = 0u64;
    if progress(Progress { done: 0, total: Some(total_ms) }).is_break() {
        return true;
    }
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        if let Some(us) = line.strip_prefix("out_time_us=") {
            // `N/A` before the first frame.
            if let Ok(us) = us.trim().parse::<i64>() {
                done_ms = (us.max(0) as u64 / 1000).min(total_ms);
            }
        } else if line.starts_with("progress=")
            && progress(Progress { done: done_ms, total: Some(total_ms) }).is_break()
        {
            return true;
        }
    }
    false
}

/// The last `n` lines of a stream, read to its end.
fn last_lines(stream: impl Read, n: usize) -> Vec<String> {
    let mut lines = VecDeque::new();
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        if lines.len() == n {
            lines.pop_front();
        }
        lines.push_back(line);
    }
    lines.into()
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// On Linux, ffmpeg is killed when we die (a SIGKILL to `juntos` must not
/// leave an encoder writing into the library's temp area for minutes).
fn die_with_parent(command: &mut Command) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = command;
}

/// `OsString` arguments from anything string-like.
pub fn args<I, S>(items: I) -> Vec<OsString>
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    items.into_iter().map(Into::into).collect()
}
