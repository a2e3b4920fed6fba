//! What the media and package benchmarks share: the generated video, the
//! child-process reports (`name=value` lines) with their peak memory,
//! sizes as people write them (`512M`, `2G`), and waiting for a quiet disk
//! between timed steps. Included by each benchmark
//! with `mod common;` (not a benchmark of its own).

#![allow(dead_code)] // each benchmark uses its own part

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

pub const MIB: u64 = 1024 * 1024;

/// A valid faststart MP4 followed by a `free` box of pseudo-random bytes
/// (incompressible, not sparse: the disk really reads and writes them).
pub fn make_video(path: &Path, size: u64) {
    let header = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/media/h264-aac-faststart.mp4"),
    )
    .unwrap();
    let mut file =
        std::io::BufWriter::with_capacity(MIB as usize, std::fs::File::create(path).unwrap());
    file.write_all(&header).unwrap();
    let pad = size - header.len() as u64;
    file.write_all(&(pad as u32).to_be_bytes()).unwrap();
    file.write_all(b"free").unwrap();
    let mut left = pad - 8;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut chunk = vec![0u8; MIB as usize];
    while left > 0 {
        for word in chunk.chunks_exact_mut(8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            word.copy_from_slice(&state.to_le_bytes());
        }
        let n = left.min(MIB) as usize;
        file.write_all(&chunk[..n]).unwrap();
        left -= n as u64;
    }
    file.into_inner().unwrap().sync_all().unwrap();
}

/// This process's peak resident memory in KiB (`VmHWM`), as text.
pub fn vm_hwm() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("0")
        .to_string()
}

/// The value of `name=` in a child's report.
pub fn field<'a>(report: &'a str, name: &str) -> &'a str {
    report.lines().find_map(|l| l.strip_prefix(&format!("{name}="))).unwrap_or("0")
}

pub fn number(report: &str, name: &str) -> f64 {
    field(report, name).parse().unwrap_or(0.0)
}

/// `512M`, `2G` or a byte count.
pub fn parse_size(s: &str) -> u64 {
    let s = s.trim();
    let (n, unit) = s.split_at(s.len() - 1);
    match unit {
        "G" => n.parse::<u64>().unwrap() * 1024 * MIB,
        "M" => n.parse::<u64>().unwrap() * MIB,
        _ => s.parse().unwrap(),
    }
}

pub fn human(n: u64) -> String {
    if n >= 1024 * MIB {
        format!("{} GiB", n / (1024 * MIB))
    } else {
        format!("{} MiB", n / MIB)
    }
}

/// Waits until this disk has finished with what earlier steps wrote, so
/// that no step pays for the one before. On this machine's virtual disk a
/// `sync` returns long before the host has written the bytes: a `cp` timed
/// right after an export of 2 GiB took 2-4x its time on a quiet disk,
/// which made the job after it look twice as fast as it is. So after
/// `sync -f`, a small write + fsync is timed until it is as quick as it was
/// when the bench started (within 2x), for at most 60 s.
pub fn settle(dir: &Path, quiet: Duration) {
    let synced = std::process::Command::new("sync").arg("-f").arg(dir).status().unwrap();
    assert!(synced.success(), "sync -f {}", dir.display());
    let deadline = Instant::now() + Duration::from_secs(60);
    while probe(dir) > quiet * 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// The time to write 4 MiB and fsync them, in `dir`.
fn probe(dir: &Path) -> Duration {
    let path = dir.join("probe.bin");
    let bytes = vec![0x5au8; 4 << 20];
    let t = Instant::now();
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(&bytes).unwrap();
    file.sync_all().unwrap();
    let took = t.elapsed();
    std::fs::remove_file(&path).unwrap();
    took
}

/// The disk's quiet probe time: the quickest of ten, taken at the start.
pub fn quiet_probe(dir: &Path) -> Duration {
    (0..10).map(|_| probe(dir)).min().unwrap()
}
