//! Media benchmark (not a timed test): attaching a large video vs `cp` +
//! `sync` of the same file to the same disk, in pairs (the `cp` right before
//! the attach it is compared with, so both see the same load), and against
//! the disk's own speed (`dd oflag=direct conv=fsync`, no page cache), over
//! `JUNTOS_BENCH_ROUNDS` rounds (default 5): median and min–max of the
//! paired ratios, the 1-minute load average, and the peak memory of an
//! attach.
//!
//! Each attach runs in a child process (this binary, re-executed with
//! `--child`) that reports its own peak RSS (`VmHWM` from /proc/self/status),
//! so the figure is the attach alone. Run with `cargo bench --bench media`;
//! `JUNTOS_BENCH_SIZES=100M,500M` picks other sizes.
//! Results go into docs/performance.md, section "## Media".

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use juntos::media::no_progress;
use juntos::Library;

mod common;

use common::{field, human, make_video, parse_size, quiet_probe, settle, vm_hwm, MIB};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
        return;
    }
    let sizes = std::env::var("JUNTOS_BENCH_SIZES").unwrap_or_else(|_| "1G,2G".into());
    let base = std::env::var_os("CARGO_TARGET_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let work = tempfile::tempdir_in(&base).expect("temp dir");
    println!(
        "media bench in {} (same disk for source, cp target and library)",
        work.path().display()
    );
    println!("sha256 in memory: {:.0} MB/s on one core", sha256_speed());
    let rounds: usize =
        std::env::var("JUNTOS_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    let quiet = quiet_probe(work.path());
    println!(
        "{rounds} paired rounds; load at start {}; quiet disk: 4 MiB + fsync in {:.1} ms",
        loadavg(),
        quiet.as_secs_f64() * 1000.0
    );
    println!(
        "{:>8} {:>10} {:>10} {:>19} {:>9} {:>9}",
        "size", "cp+sync s", "attach s", "ratio med (min-max)", "MB/s", "peak RSS"
    );
    for size in sizes.split(',').map(parse_size) {
        let source = work.path().join(format!("video-{size}.mp4"));
        make_video(&source, size);
        // Warm the page cache the same way for both, then alternate.
        let mut pairs = Vec::new();
        let mut directs = Vec::new();
        let mut peak_kib = 0;
        for round in 0..rounds {
            let copy = work.path().join(format!("copy-{round}.mp4"));
            settle(work.path(), quiet);
            let t = Instant::now();
            assert!(Command::new("cp").arg(&source).arg(&copy).status().unwrap().success());
            assert!(Command::new("sync").arg(&copy).status().unwrap().success());
            let cp = t.elapsed().as_secs_f64();
            std::fs::remove_file(&copy).unwrap();

            // The disk's own write speed, without the page cache: on a
            // virtual disk `cp` + `sync` can be several times slower than
            // the disk (a burst of dirty pages written at the end).
            settle(work.path(), quiet);
            let t = Instant::now();
            let direct = Command::new("dd")
                .arg(format!("if={}", source.display()))
                .arg(format!("of={}", copy.display()))
                .args(["bs=8M", "oflag=direct", "conv=fsync", "status=none"])
                .status()
                .unwrap();
            assert!(direct.success());
            directs.push(t.elapsed().as_secs_f64());
            std::fs::remove_file(&copy).unwrap();

            let library = work.path().join(format!("library-{round}"));
            settle(work.path(), quiet);
            let t = Instant::now();
            let out = Command::new(std::env::current_exe().unwrap())
                .arg("--child")
                .arg(&library)
                .arg(&source)
                .output()
                .unwrap();
            let elapsed = t.elapsed().as_secs_f64();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            let report = String::from_utf8_lossy(&out.stdout);
            let attach_s: f64 = field(&report, "attach_s").parse().unwrap();
            peak_kib = peak_kib.max(field(&report, "vm_hwm_kib").parse::<u64>().unwrap());
            pairs.push((cp, attach_s));
            let _ = elapsed;
            std::fs::remove_dir_all(&library).unwrap();
        }
        let attach_median = median(pairs.iter().map(|p| p.1));
        let ratios: Vec<f64> = pairs.iter().map(|(cp, attach)| attach / cp).collect();
        println!(
            "{:>8} {:>10.2} {:>10.2} {:>7.2} ({:.2}-{:.2}) {:>9.0} {:>6.1} MiB",
            human(size),
            median(pairs.iter().map(|p| p.0)),
            attach_median,
            median(ratios.iter().copied()),
            ratios.iter().copied().fold(f64::MAX, f64::min),
            ratios.iter().copied().fold(0.0, f64::max),
            size as f64 / MIB as f64 / attach_median,
            peak_kib as f64 / 1024.0
        );
        let by_direct: Vec<f64> =
            pairs.iter().zip(&directs).map(|((_, attach), dd)| attach / dd).collect();
        println!(
            "         dd oflag=direct {:.2} s; attach / dd {:.2} ({:.2}-{:.2})",
            median(directs.iter().copied()),
            median(by_direct.iter().copied()),
            by_direct.iter().copied().fold(f64::MAX, f64::min),
            by_direct.iter().copied().fold(0.0, f64::max),
        );
        println!("         (load after: {})", loadavg());
        std::io::stdout().flush().unwrap();
        std::fs::remove_file(&source).unwrap();
    }
}

/// The ceiling set by hashing alone (SHA-NI where the CPU has it).
fn sha256_speed() -> f64 {
    use sha2::Digest;
    let data = vec![0x5Au8; 256 * MIB as usize];
    let t = Instant::now();
    let digest = sha2::Sha256::digest(&data);
    std::hint::black_box(digest);
    256.0 / t.elapsed().as_secs_f64()
}

/// In the child: open a library, attach, print time and peak RSS.
fn child(library: &Path, source: &Path) {
    let mut lib = Library::open(library).expect("open library");
    let course = lib.list_courses().unwrap()[0].id.clone();
    let t = Instant::now();
    lib.attach_media(&course, source, None, no_progress).expect("attach");
    let attach_s = t.elapsed().as_secs_f64();
    println!("attach_s={attach_s}\nvm_hwm_kib={}", vm_hwm());
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The 1-minute load average: other work on the machine during the run.
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
