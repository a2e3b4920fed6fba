//! A small disk that fills up: a tmpfs of a chosen size, mounted for a test
//! and unmounted on drop. Mounting needs root; elsewhere `SmallDisk::new`
//! returns `None` and the test skips, saying so. Shared by the media,
//! library and fault tests (included with `#[path]`).
//!
//! Skips must not hide in CI, so every test that needs root or a system tool
//! goes through [`cannot_run`] and [`running`]:
//! - `JUNTOS_REQUIRE_PRIVILEGED=1` (set by `scripts/test.sh`) turns a skip
//!   into a failure that says what is missing;
//! - `JUNTOS_PRIVILEGED_LOG=<file>` collects the name of each such test that
//!   did run, one line each, which `scripts/test.sh` counts after the run.

#![allow(dead_code)] // each suite uses its own part

use std::io::Write;
use std::path::Path;
use std::process::Command;

/// Set to `1`, a test that cannot run here fails instead of skipping.
pub const REQUIRE: &str = "JUNTOS_REQUIRE_PRIVILEGED";
/// Names a file to which each privileged test that ran appends its name.
pub const RAN_LOG: &str = "JUNTOS_PRIVILEGED_LOG";

/// The running test's name (the harness names its thread after it).
fn test_name() -> String {
    std::thread::current().name().unwrap_or("a test").to_string()
}

/// Says why the calling test (or part of it) cannot run here: a failure
/// under `JUNTOS_REQUIRE_PRIVILEGED=1`, else a line on stderr and the
/// caller skips.
pub fn cannot_run(why: &str) {
    let test = test_name();
    if std::env::var_os(REQUIRE).is_some_and(|v| v == "1") {
        panic!("{test} cannot run here, and {REQUIRE}=1 forbids skipping it: {why}");
    }
    eprintln!("skipping {test}: {why}");
}

/// Records that the calling test has what it needs and runs (one line in
/// the `JUNTOS_PRIVILEGED_LOG` file; a test may record more than once).
pub fn running() {
    let Some(log) = std::env::var_os(RAN_LOG) else { return };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .unwrap_or_else(|e| panic!("{RAN_LOG}={}: {e}", Path::new(&log).display()));
    // One short write with O_APPEND: lines from parallel tests do not mix.
    file.write_all(format!("{}\n", test_name()).as_bytes()).unwrap();
}

pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// A tmpfs of `size` (a small disk that fills up), unmounted on drop;
/// `None` (the test then skips, saying so, or fails: see [`cannot_run`])
/// where mounting is not allowed.
pub struct SmallDisk {
    pub dir: tempfile::TempDir,
}

impl SmallDisk {
    pub fn new(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = is_root()
            && Command::new("mount")
                .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
                .arg(dir.path())
                .status()
                .is_ok_and(|s| s.success());
        if !mounted {
            cannot_run("cannot mount a tmpfs here (needs root)");
            return None;
        }
        running();
        Some(SmallDisk { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Makes the disk read-only.
    pub fn remount_read_only(&self) {
        assert!(Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .unwrap()
            .success());
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}
