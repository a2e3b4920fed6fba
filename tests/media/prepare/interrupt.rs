//! A long job done properly: cancel, a SIGKILL of `juntos`, ffmpeg killed
//! from outside and a full disk each leave the library as it was.

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use juntos::media::no_progress;
use juntos::media::prepare::PrepareOptions;

use super::bad_input::{hash_tree, juntos, library_with, refused, COURSE};
use super::clips::{big_buck_bunny, clip};
use crate::support::{open_with_course, SmallDisk};

#[test]
fn cancel_in_the_middle_leaves_the_library_byte_identical() {
    let dir = library_with(&[("v.mp4", &big_buck_bunny())]);
    let before = hash_tree(dir.path());
    {
        let mut lib = juntos::Library::open(dir.path()).unwrap();
        let course = lib.resolve_course(COURSE).unwrap();
        let mut seen = 0;
        let err = lib
            .prepare_media(&course, "v.mp4", &PrepareOptions::default(), |p| {
                if p.done > 0 && p.total.is_some_and(|t| p.done < t) {
                    seen += 1;
                }
                if seen >= 2 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })
            .unwrap_err();
        assert_eq!(err.code(), "cancelled");
        let leftovers: Vec<_> = std::fs::read_dir(lib.media_dir())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    assert_eq!(hash_tree(dir.path()), before);
}

/// Starts `juntos media prepare` and waits until ffmpeg is writing. The
/// caller waits for the child (clippy cannot see that through the return).
#[allow(clippy::zombie_processes)]
fn start_prepare(dir: &std::path::Path) -> std::process::Child {
    let bin = assert_cmd::cargo::cargo_bin("juntos");
    let mut child = std::process::Command::new(bin)
        .env("JUNTOS_LIBRARY", dir)
        .args(["media", "prepare", COURSE, "v.mp4", "--profile", "high"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let writing = std::fs::read_dir(dir.join("media")).unwrap().flatten().any(|e| {
            e.file_name().to_string_lossy().starts_with(".incoming-")
                && e.metadata().is_ok_and(|m| m.len() > 0)
        });
        if writing {
            return child;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("ffmpeg never started writing");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The ffmpeg processes whose parent is `pid`.
fn ffmpeg_children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else { continue };
        // pid (comm) state ppid …
        let Some(after) = stat.rsplit_once(") ") else { continue };
        let ppid: u32 = after.1.split_whitespace().nth(1).unwrap().parse().unwrap();
        if ppid == pid && stat.contains("(ffmpeg)") {
            out.push(child);
        }
    }
    out
}

#[test]
fn sigkill_of_juntos_mid_encode_leaves_nothing_after_the_next_open() {
    let long = tempfile::tempdir().unwrap();
    let source = long.path().join("long.mp4");
    // 20 s of 720p: long enough to be killed in the middle.
    super::clips::ffmpeg(&[
        "-stream_loop",
        "3",
        "-i",
        big_buck_bunny().to_str().unwrap(),
        "-c",
        "copy",
        source.to_str().unwrap(),
    ]);
    let dir = library_with(&[("v.mp4", &source)]);
    let before = hash_tree(dir.path());
    let mut child = start_prepare(dir.path());
    let encoders = ffmpeg_children(child.id());
    assert!(!encoders.is_empty(), "ffmpeg runs under juntos");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // ffmpeg dies with its parent (PR_SET_PDEATHSIG), not minutes later.
    let deadline = Instant::now() + Duration::from_secs(10);
    while encoders.iter().any(|p| std::path::Path::new(&format!("/proc/{p}")).exists()) {
        assert!(Instant::now() < deadline, "ffmpeg outlived juntos");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The next open removes the temp file of the dead process.
    drop(juntos::Library::open(dir.path()).unwrap());
    assert_eq!(hash_tree(dir.path()), before);
}

#[test]
fn ffmpeg_killed_from_outside_is_its_own_error() {
    let dir = library_with(&[("v.mp4", &big_buck_bunny())]);
    let before = hash_tree(dir.path());
    let child = start_prepare(dir.path());
    for pid in ffmpeg_children(child.id()) {
        unsafe { libc::kill(pid as i32, libc::SIGKILL) };
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("prepare_ffmpeg_killed"), "{stderr}");
    assert_eq!(hash_tree(dir.path()), before);
}

#[test]
fn a_full_disk_during_the_encode_is_disk_full() {
    let Some(disk) = SmallDisk::new("3m") else { return };
    let (mut lib, course) = open_with_course(disk.dir.path());
    // bigbuckbunny is 1 MB; the 720p encode of it looped needs more than what is left.
    let name = lib.attach_media(&course, &big_buck_bunny(), None, no_progress).unwrap().name;
    let before = crate::support::snapshot(&lib);
    let opts =
        PrepareOptions { profile: juntos::media::prepare::Profile::High, ..Default::default() };
    let filler = disk.dir.path().join("filler");
    // Leave ~100 kB free.
    let free = fs4::available_space(disk.dir.path()).unwrap();
    std::fs::write(&filler, vec![0u8; free.saturating_sub(100_000) as usize]).unwrap();
    let err = lib.prepare_media(&course, &name, &opts, no_progress).unwrap_err();
    assert_eq!(err.code(), "disk_full", "{err:?}");
    std::fs::remove_file(&filler).unwrap();
    assert_eq!(crate::support::snapshot(&lib), before);
    let _ = clip("landscape.mp4");
}

#[test]
fn a_queue_can_be_cancelled_between_and_during_videos() {
    let dir = library_with(&[("a.mp4", &clip("landscape.mp4")), ("b.mp4", &clip("no-audio.mp4"))]);
    let mut lib = juntos::Library::open(dir.path()).unwrap();
    let course = lib.resolve_course(COURSE).unwrap();
    let plan = lib.plan_prepare_all(&course, juntos::media::prepare::Profile::Phone, None).unwrap();
    let err = lib
        .prepare_queue(&course, &plan, |i, _| {
            if i == 1 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .unwrap_err();
    assert_eq!(err.code(), "cancelled");
    // The first video was placed whole; the second is as it was.
    let prepared = lib.prepared_media(&course).unwrap();
    assert_eq!(prepared.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), vec!["a.mp4"]);
    let _ = refused;
    let _ = juntos;
}
