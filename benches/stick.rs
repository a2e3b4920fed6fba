//! Stick benchmark (not a timed test), issue #18: ten courses whose videos
//! add up to `JUNTOS_BENCH_STICK` (default 5G; each video its own
//! incompressible bytes, `common::make_video` with a distinct tail), written
//! to a stick folder on the same disk.
//!
//! - first write (`Library::write_stick` + `sync`) vs `cp -r` + `sync` of a
//!   stick it wrote before (the same bytes, file for file), both read cold:
//!   the page cache is dropped before each side (as root), the order of the
//!   two sides alternates, `JUNTOS_BENCH_RUNS` (default 5) paired runs, the
//!   median of the ratios; target ≤ 1.1×;
//! - a rewrite after one lesson changed: seconds and bytes written, against
//!   the set's size; targets < 5 s and < 1 %.
//!
//! Run with `cargo bench --bench stick`; figures in docs/performance.md,
//! section "## USB stick".

use std::io::{Seek, SeekFrom, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use juntos::model::{Lang, LessonField, NewCourse};
use juntos::package::Languages;
use juntos::stick::StickOptions;
use juntos::Library;

mod common;

use common::{human, make_video, parse_size};

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let total = parse_size(&std::env::var("JUNTOS_BENCH_STICK").unwrap_or_else(|_| "5G".into()));
    let base = std::env::var_os("CARGO_TARGET_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let work = tempfile::tempdir_in(&base).expect("temp dir");
    println!("stick bench in {} ({} of video in 10 courses)", work.path().display(), human(total));

    let author = work.path().join("author");
    let mut lib = Library::open(&author).expect("open library");
    lib.set_org_name("Bench").unwrap();
    let mut courses = Vec::new();
    let mut lessons = Vec::new();
    for n in 0..10u64 {
        let video = work.path().join(format!("video{n}.mp4"));
        make_video(&video, total / 10);
        let mut f = std::fs::OpenOptions::new().write(true).open(&video).unwrap();
        f.seek(SeekFrom::End(-8)).unwrap();
        f.write_all(&n.to_be_bytes()).unwrap();
        drop(f);
        let c = lib
            .create_course(NewCourse {
                title: format!("Curso {n}"),
                lang: Some(Lang::Pt),
                slug: Some(format!("curso-{n}")),
                organisation: None,
            })
            .unwrap();
        let m = lib.add_module(&c.id, "Módulo", Lang::Pt, None).unwrap();
        let l = lib.add_lesson(&m.id, "Vídeo", Lang::Pt, None).unwrap();
        lib.set_lesson_text(&l.id, LessonField::Body, Lang::Pt, "![V](media:v.mp4)").unwrap();
        lib.attach_media(&c.id, &video, Some("v.mp4"), |_| ControlFlow::Continue(())).unwrap();
        std::fs::remove_file(&video).unwrap();
        courses.push(c.id);
        lessons.push(l.id);
    }
    let stick = work.path().join("stick");
    let options =
        StickOptions { to: stick.clone(), courses: courses.clone(), languages: Languages::Both };

    let t = Instant::now();
    let (plan, _) = lib.plan_stick(&courses, Languages::Both).expect("plan");
    println!("planning alone: {:.2} s ({} files)", t.elapsed().as_secs_f64(), plan.files.len());
    drop(plan);

    // What cp copies: a stick written once (the same files, the same bytes).
    let reference = work.path().join("reference");
    std::fs::create_dir(&reference).unwrap();
    let reference_options = StickOptions { to: reference.clone(), ..options.clone() };
    lib.write_stick(&reference_options, |_| ControlFlow::Continue(())).expect("write");
    sync(&reference);

    let runs: usize =
        std::env::var("JUNTOS_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    let cold = drop_caches();
    println!(
        "{runs} paired runs, {}; load before: {}",
        if cold { "page cache dropped before each side" } else { "NOT cold (not root)" },
        loadavg()
    );
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let (mut ours_cpu, mut theirs_cpu) = (Vec::new(), Vec::new());
    let mut phases: Vec<[f64; 3]> = Vec::new();
    let mut first = None;
    for run in 0..runs {
        let _ = std::fs::remove_dir_all(&stick);
        std::fs::create_dir(&stick).unwrap();
        let copy = work.path().join("copy");
        let _ = std::fs::remove_dir_all(&copy);
        sync(work.path());
        // Alternate which side goes first.
        let mut sides = [0, 1];
        if run % 2 == 1 {
            sides.reverse();
        }
        for side in sides {
            drop_caches();
            if side == 0 {
                let cpu = cpu_seconds(libc::RUSAGE_SELF);
                let t = Instant::now();
                let (mut started, mut copied) = (None, 0.0);
                let report = lib
                    .write_stick(&options, |p| {
                        let now = t.elapsed().as_secs_f64();
                        started.get_or_insert(now);
                        if p.total > 0 && p.done == p.total {
                            copied = now;
                        }
                        ControlFlow::Continue(())
                    })
                    .expect("write");
                let returned = t.elapsed().as_secs_f64();
                sync(&stick);
                let total = t.elapsed().as_secs_f64();
                ours.push(total);
                ours_cpu.push(cpu_seconds(libc::RUSAGE_SELF) - cpu);
                phases.push([started.unwrap_or(0.0), copied, returned]);
                first.get_or_insert(report);
            } else {
                let cpu = cpu_seconds(libc::RUSAGE_CHILDREN);
                let t = Instant::now();
                run_cmd(Command::new("cp").arg("-r").arg(reference.join("Juntos")).arg(&copy));
                sync(&copy);
                theirs.push(t.elapsed().as_secs_f64());
                theirs_cpu.push(cpu_seconds(libc::RUSAGE_CHILDREN) - cpu);
            }
        }
        println!(
            "run {}: write + sync {:.2} s, cp -r + sync {:.2} s, ratio {:.2} (planned at {:.2} s, last byte copied at {:.2} s, returned at {:.2} s)",
            run + 1,
            ours[run],
            theirs[run],
            ours[run] / theirs[run],
            phases[run][0],
            phases[run][1],
            phases[run][2],
        );
    }
    println!(
        "CPU (user + system), median: write {:.2} s, cp -r + sync {:.2} s",
        median(&ours_cpu),
        median(&theirs_cpu)
    );
    let first = first.expect("one run");
    let ratios: Vec<f64> = ours.iter().zip(&theirs).map(|(a, b)| a / b).collect();
    println!("load after: {}", loadavg());
    println!(
        "first write: {} files, {}; median write + sync {:.2} s, median cp -r + sync {:.2} s, median of the paired ratios {:.2} (min {:.2}, max {:.2})",
        first.files,
        human(first.total_bytes),
        median(&ours),
        median(&theirs),
        median(&ratios),
        ratios.iter().cloned().fold(f64::MAX, f64::min),
        ratios.iter().cloned().fold(0.0, f64::max),
    );

    lib.set_lesson_text(&lessons[4], LessonField::Body, Lang::Pt, "Texto novo. ![V](media:v.mp4)")
        .unwrap();
    drop_caches();
    let t = Instant::now();
    let again = lib.write_stick(&options, |_| ControlFlow::Continue(())).expect("rewrite");
    sync(&stick);
    let rewrite_s = t.elapsed().as_secs_f64();
    println!(
        "rewrite after one lesson (cold cache): {:.2} s, {} files / {} bytes written ({:.4} % of {}), {} removed",
        rewrite_s,
        again.files_written,
        again.bytes_written,
        again.bytes_written as f64 * 100.0 / again.total_bytes as f64,
        human(again.total_bytes),
        again.files_removed
    );
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// User + system CPU seconds of this process (all its threads) or of its
/// waited-for children (`cp`, `sync`). Neither counts the kernel's flusher
/// threads, which write `cp`'s data back; the write submits most of its own
/// (`sync_file_range`), so that part counts on its side only.
fn cpu_seconds(who: i32) -> f64 {
    // SAFETY: getrusage fills a zeroed struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut usage) };
    let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 / 1e6;
    t(usage.ru_utime) + t(usage.ru_stime)
}

/// Drops the page cache (after a sync) so both sides read cold; false when not allowed.
fn drop_caches() -> bool {
    run_cmd(&mut Command::new("sync"));
    std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim().to_string()
}

/// Flushes the file system holding `path` (`sync -f`, syncfs): `sync DIR`
/// alone only fsyncs the folder and leaves `cp`'s file data in the cache.
fn sync(path: &Path) {
    run_cmd(Command::new("sync").arg("-f").arg(path));
}

fn run_cmd(cmd: &mut Command) {
    assert!(cmd.status().unwrap().success(), "{cmd:?}");
}
