//! Package benchmark (not a timed test): exporting a course with a large
//! video vs `cp` + `sync` of the stored video, exporting it as a folder
//! (`export --unpacked`) vs the same, and importing the package vs `cp` +
//! `sync` of the package (the media bytes and a few KB), same disk,
//! measured in pairs (the `cp` right before the job it is compared with, so
//! both see the same load), with the peak memory of each job. Reported: the median and min–max of the paired
//! ratios over `JUNTOS_BENCH_ROUNDS` rounds (default 5), and the 1-minute
//! load average before and after.
//!
//! Export and import run in child processes (this binary re-executed with
//! `--child-export`, `--child-unpacked` or `--child-import`) that report their own peak RSS
//! (`VmHWM`), so the figure is the job alone, and is shown for two video
//! sizes to prove it flat. Run with `cargo bench --bench package`;
//! `JUNTOS_BENCH_SIZES=256M,1G` picks other sizes (default 1G,2G). Results go into
//! docs/performance.md, section "## Packages".

use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use juntos::model::{Lang, LessonField};
use juntos::package::{ExportOptions, ImportOptions, Languages};
use juntos::Library;

mod common;

use common::{field, human, make_video, number, parse_size, quiet_probe, settle, vm_hwm};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child-export") {
        child_export(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--child-unpacked") {
        child_unpacked(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--child-import") {
        child_import(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
        return;
    }
    let sizes = std::env::var("JUNTOS_BENCH_SIZES").unwrap_or_else(|_| "1G,2G".into());
    let base = std::env::var_os("CARGO_TARGET_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let work = tempfile::tempdir_in(&base).expect("temp dir");
    let rounds: usize =
        std::env::var("JUNTOS_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    let quiet = quiet_probe(work.path());
    println!(
        "package bench in {} (one disk for everything; {rounds} paired rounds; load {}; \
         quiet disk: 4 MiB + fsync in {:.1} ms)",
        work.path().display(),
        loadavg(),
        quiet.as_secs_f64() * 1000.0
    );
    println!(
        "{:>8} | {:>8} {:>8} {:>17} {:>9} | {:>8} {:>8} {:>17} {:>9}",
        "video",
        "cp+sync",
        "export",
        "ratio med (min-max)",
        "peak RSS",
        "cp+sync",
        "import",
        "ratio med (min-max)",
        "peak RSS"
    );
    for size in sizes.split(',').map(parse_size) {
        let source = work.path().join("video.mp4");
        make_video(&source, size);
        let author = work.path().join("author");
        let course = {
            let mut lib = Library::open(&author).expect("open library");
            lib.set_org_name("Bench").unwrap();
            let course = lib.list_courses().unwrap()[0].id.clone();
            lib.attach_media(&course, &source, Some("video.mp4"), |_| ControlFlow::Continue(()))
                .expect("attach");
            // A lesson shows it: packages carry only what lessons show (issue
            // 13 item 10), so an unused video would not be exported at all.
            let lesson = lib.course(&course).unwrap().modules[0].lessons[0].clone();
            let body = format!("{}\n\n![Vídeo](media:video.mp4)\n", lesson.body.get(Lang::Pt));
            lib.set_lesson_text(&lesson.id, LessonField::Body, Lang::Pt, &body).unwrap();
            course
        };
        std::fs::remove_file(&source).unwrap();
        let blob = {
            let lib = Library::open(&author).unwrap();
            lib.media_blob_path(&course, "video.mp4").unwrap()
        };
        let (mut export_pairs, mut import_pairs) = (Vec::new(), Vec::new());
        let (mut export_rss, mut import_rss) = (0u64, 0u64);
        let (mut unpacked_pairs, mut unpacked_rss) = (Vec::new(), 0u64);
        // The source of each pair is read into the page cache first, for
        // both contenders: a package just written by export was dropped from
        // the cache as it was written (flush-behind), the blob was not.
        let cp_sync = |source: &Path| {
            warm(source);
            settle(work.path(), quiet);
            let copy = work.path().join("copy.mp4");
            let t = Instant::now();
            run(Command::new("cp").arg(source).arg(&copy));
            run(Command::new("sync").arg(&copy));
            let seconds = t.elapsed().as_secs_f64();
            std::fs::remove_file(&copy).unwrap();
            seconds
        };
        for round in 0..rounds {
            let cp = cp_sync(&blob);
            let out_dir = work.path().join(format!("out-{round}"));
            std::fs::create_dir_all(&out_dir).unwrap();
            settle(work.path(), quiet);
            let report = child(&["--child-export", path(&author), path(&out_dir)]);
            export_pairs.push((cp, number(&report, "seconds")));
            export_rss = export_rss.max(number(&report, "vm_hwm_kib") as u64);
            let package = PathBuf::from(field(&report, "package"));
            // The video is in it: a bench that exports nothing measures nothing.
            assert!(std::fs::metadata(&package).unwrap().len() >= size, "the video is packed");

            let receiver = work.path().join(format!("receiver-{round}"));
            drop(Library::open(&receiver).unwrap());
            let cp = cp_sync(&package);
            warm(&package);
            settle(work.path(), quiet);
            let report = child(&["--child-import", path(&receiver), path(&package)]);
            import_pairs.push((cp, number(&report, "seconds")));
            import_rss = import_rss.max(number(&report, "vm_hwm_kib") as u64);
            std::fs::remove_dir_all(&receiver).unwrap();
            std::fs::remove_dir_all(&out_dir).unwrap();

            // Last in the round: the folder's bytes are deleted after it.
            let cp = cp_sync(&blob);
            let folder = work.path().join(format!("unpacked-{round}"));
            settle(work.path(), quiet);
            let report = child(&["--child-unpacked", path(&author), path(&folder)]);
            unpacked_pairs.push((cp, number(&report, "seconds")));
            unpacked_rss = unpacked_rss.max(number(&report, "vm_hwm_kib") as u64);
            // The video is in it (as media/<sha256>.mp4): the biggest file there.
            let biggest = std::fs::read_dir(folder.join("media"))
                .unwrap()
                .map(|e| e.unwrap().metadata().unwrap().len())
                .max();
            assert_eq!(biggest, Some(size), "the video is written out");
            std::fs::remove_dir_all(&folder).unwrap();
        }
        println!(
            "{:>8} | {:>7.2}s {:>7.2}s {:>17} {:>5.1} MiB | {:>7.2}s {:>7.2}s {:>17} {:>5.1} MiB",
            human(size),
            median(export_pairs.iter().map(|p| p.0)),
            median(export_pairs.iter().map(|p| p.1)),
            ratios(&export_pairs),
            export_rss as f64 / 1024.0,
            median(import_pairs.iter().map(|p| p.0)),
            median(import_pairs.iter().map(|p| p.1)),
            ratios(&import_pairs),
            import_rss as f64 / 1024.0,
        );
        println!(
            "{:>8} | {:>7.2}s {:>7.2}s {:>17} {:>5.1} MiB   (export --unpacked, a folder)",
            "",
            median(unpacked_pairs.iter().map(|p| p.0)),
            median(unpacked_pairs.iter().map(|p| p.1)),
            ratios(&unpacked_pairs),
            unpacked_rss as f64 / 1024.0,
        );
        println!("         (load after: {})", loadavg());
        std::io::stdout().flush().unwrap();
        std::fs::remove_dir_all(&author).unwrap();
    }
}

/// The course the bench attached the video to.
fn bench_course(lib: &Library) -> String {
    lib.list_courses().unwrap().into_iter().find(|c| c.revision > 1).expect("course with media").id
}

fn child_export(library: &Path, out: &Path) {
    let mut lib = Library::open(library).expect("open library");
    let course = bench_course(&lib);
    let options =
        ExportOptions { to: Some(out.to_path_buf()), languages: Languages::Both, overwrite: false };
    let t = Instant::now();
    let report =
        lib.export_course(&course, &options, |_| ControlFlow::Continue(())).expect("export");
    println!(
        "seconds={}\npackage={}\nvm_hwm_kib={}",
        t.elapsed().as_secs_f64(),
        report.path.display(),
        vm_hwm()
    );
}

fn child_unpacked(library: &Path, folder: &Path) {
    let mut lib = Library::open(library).expect("open library");
    let course = bench_course(&lib);
    let options = ExportOptions {
        to: Some(folder.to_path_buf()),
        languages: Languages::Both,
        overwrite: false,
    };
    let t = Instant::now();
    lib.export_unpacked(&course, &options, |_| ControlFlow::Continue(())).expect("export");
    println!("seconds={}\nvm_hwm_kib={}", t.elapsed().as_secs_f64(), vm_hwm());
}

fn child_import(library: &Path, package: &Path) {
    let mut lib = Library::open(library).expect("open library");
    let options = ImportOptions { trust: true, ..Default::default() };
    let t = Instant::now();
    lib.import_package(package, &options, |_| ControlFlow::Continue(())).expect("import");
    println!("seconds={}\nvm_hwm_kib={}", t.elapsed().as_secs_f64(), vm_hwm());
}

fn child(args: &[&str]) -> String {
    let out = Command::new(std::env::current_exe().unwrap()).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn run(cmd: &mut Command) {
    assert!(cmd.status().unwrap().success(), "{cmd:?}");
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Reads a file through, so that its bytes are in the page cache.
fn warm(path: &Path) {
    let mut file = std::fs::File::open(path).unwrap();
    std::io::copy(&mut file, &mut std::io::sink()).unwrap();
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median and min–max of job / baseline over paired runs.
fn ratios(pairs: &[(f64, f64)]) -> String {
    let r: Vec<f64> = pairs.iter().map(|(base, job)| job / base).collect();
    let min = r.iter().copied().fold(f64::MAX, f64::min);
    let max = r.iter().copied().fold(0.0, f64::max);
    format!("{:.2} ({:.2}-{:.2})", median(r.into_iter()), min, max)
}

/// The 1-minute load average: other work on the machine during the run.
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
