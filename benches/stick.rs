//! Stick benchmark (not a timed test), issue #18: ten courses whose videos
//! add up to `JUNTOS_BENCH_STICK` (default 5G; each video its own
//! incompressible bytes, `common::make_video` with a distinct tail), written
//! to a stick folder on the same disk.
//!
//! - first write (`Library::write_stick` + `sync`) vs `cp -r` + `sync` of the
//!   very folder it wrote (the same bytes, file for file); target ≤ 1.1×;
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
    std::fs::create_dir(&stick).unwrap();
    let options =
        StickOptions { to: stick.clone(), courses: courses.clone(), languages: Languages::Both };

    let t = Instant::now();
    let (plan, _) = lib.plan_stick(&courses, Languages::Both).expect("plan");
    println!("planning alone: {:.2} s ({} files)", t.elapsed().as_secs_f64(), plan.files.len());
    drop(plan);
    let t = Instant::now();
    let first = lib.write_stick(&options, |_| ControlFlow::Continue(())).expect("write");
    sync(&stick);
    let write_s = t.elapsed().as_secs_f64();

    let copy = work.path().join("copy");
    let t = Instant::now();
    run(Command::new("cp").arg("-r").arg(stick.join("Juntos")).arg(&copy));
    sync(&copy);
    let cp_s = t.elapsed().as_secs_f64();
    std::fs::remove_dir_all(&copy).unwrap();

    lib.set_lesson_text(&lessons[4], LessonField::Body, Lang::Pt, "Texto novo. ![V](media:v.mp4)")
        .unwrap();
    let t = Instant::now();
    let again = lib.write_stick(&options, |_| ControlFlow::Continue(())).expect("rewrite");
    sync(&stick);
    let rewrite_s = t.elapsed().as_secs_f64();

    println!(
        "first write: {} files, {} in {write_s:.2} s; cp -r + sync: {cp_s:.2} s; ratio {:.2}",
        first.files,
        human(first.total_bytes),
        write_s / cp_s
    );
    println!(
        "rewrite after one lesson: {:.2} s, {} files / {} bytes written ({:.4} % of {}), {} removed",
        rewrite_s,
        again.files_written,
        again.bytes_written,
        again.bytes_written as f64 * 100.0 / again.total_bytes as f64,
        human(again.total_bytes),
        again.files_removed
    );
}

fn sync(path: &Path) {
    run(Command::new("sync").arg(path));
}

fn run(cmd: &mut Command) {
    assert!(cmd.status().unwrap().success(), "{cmd:?}");
}
