//! Package benchmark (not a timed test): exporting a course with a large
//! video vs `cp` + `sync` of the same bytes to the same disk, and importing
//! the package vs `unzip` + `sha256sum` (+ `sync`) of it, with the peak
//! memory of each export and import.
//!
//! Export and import run in child processes (this binary re-executed with
//! `--child-export` / `--child-import`) that report their own peak RSS
//! (`VmHWM`), so the figure is the job alone, and is shown for two video
//! sizes to prove it flat. Run with `cargo bench --bench package`;
//! `JUNTOS_BENCH_SIZES=256M,1G` picks other sizes. Results go into
//! docs/performance.md, section "## Packages".

use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use juntos::package::{ExportOptions, ImportOptions, Languages};
use juntos::Library;

mod common;

use common::{field, human, make_video, number, parse_size, vm_hwm};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child-export") {
        child_export(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--child-import") {
        child_import(Path::new(&args[i + 1]), Path::new(&args[i + 2]));
        return;
    }
    let sizes = std::env::var("JUNTOS_BENCH_SIZES").unwrap_or_else(|_| "512M,2G".into());
    let base = std::env::var_os("CARGO_TARGET_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let work = tempfile::tempdir_in(&base).expect("temp dir");
    println!(
        "package bench in {} (one disk for everything; best of 2 rounds)",
        work.path().display()
    );
    println!(
        "{:>8} | {:>9} {:>9} {:>6} {:>9} | {:>10} {:>9} {:>6} {:>9}",
        "video",
        "cp+sync",
        "export",
        "ratio",
        "peak RSS",
        "unzip+sha",
        "import",
        "ratio",
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
            course
        };
        std::fs::remove_file(&source).unwrap();
        let blob = {
            let lib = Library::open(&author).unwrap();
            lib.media_blob_path(&course, "video.mp4").unwrap()
        };
        let (mut cp_best, mut export_best, mut unzip_best, mut import_best) =
            (f64::MAX, f64::MAX, f64::MAX, f64::MAX);
        let (mut export_rss, mut import_rss) = (0u64, 0u64);
        for round in 0..2 {
            let copy = work.path().join("copy.mp4");
            let t = Instant::now();
            run(Command::new("cp").arg(&blob).arg(&copy));
            run(Command::new("sync").arg(&copy));
            cp_best = cp_best.min(t.elapsed().as_secs_f64());
            std::fs::remove_file(&copy).unwrap();

            let out_dir = work.path().join(format!("out-{round}"));
            std::fs::create_dir_all(&out_dir).unwrap();
            let report = child(&["--child-export", path(&author), path(&out_dir)]);
            export_best = export_best.min(number(&report, "seconds"));
            export_rss = export_rss.max(number(&report, "vm_hwm_kib") as u64);
            let package = PathBuf::from(field(&report, "package"));

            let unzipped = work.path().join("unzipped");
            let t = Instant::now();
            run(Command::new("unzip").arg("-q").arg(&package).arg("-d").arg(&unzipped));
            let media: Vec<PathBuf> = std::fs::read_dir(unzipped.join("media"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            run(Command::new("sha256sum").args(&media).stdout(std::process::Stdio::null()));
            run(Command::new("sync").arg(&unzipped));
            unzip_best = unzip_best.min(t.elapsed().as_secs_f64());
            std::fs::remove_dir_all(&unzipped).unwrap();

            let receiver = work.path().join(format!("receiver-{round}"));
            drop(Library::open(&receiver).unwrap());
            let report = child(&["--child-import", path(&receiver), path(&package)]);
            import_best = import_best.min(number(&report, "seconds"));
            import_rss = import_rss.max(number(&report, "vm_hwm_kib") as u64);
            std::fs::remove_dir_all(&receiver).unwrap();
            std::fs::remove_dir_all(&out_dir).unwrap();
        }
        println!(
            "{:>8} | {:>8.2}s {:>8.2}s {:>6.2} {:>5.1} MiB | {:>9.2}s {:>8.2}s {:>6.2} {:>5.1} MiB",
            human(size),
            cp_best,
            export_best,
            export_best / cp_best,
            export_rss as f64 / 1024.0,
            unzip_best,
            import_best,
            import_best / unzip_best,
            import_rss as f64 / 1024.0,
        );
        std::io::stdout().flush().unwrap();
        std::fs::remove_dir_all(&author).unwrap();
    }
}

fn child_export(library: &Path, out: &Path) {
    let mut lib = Library::open(library).expect("open library");
    let course = lib
        .list_courses()
        .unwrap()
        .into_iter()
        .find(|c| c.revision > 1)
        .expect("course with media")
        .id;
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
