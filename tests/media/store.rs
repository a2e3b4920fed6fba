//! The content-addressed store: one streaming pass, named by SHA-256,
//! stored once, removed only by gc, verified by re-hashing.

use std::ops::ControlFlow;

use juntos::media::{no_progress, Progress};
use sha2::{Digest, Sha256};

use crate::support::{attach, files_under, fixture, large_mp4, library_with_course, temp_files};

#[test]
fn bytes_are_stored_once_named_by_their_sha256() {
    let (_dir, mut lib, course) = library_with_course();
    let bytes = std::fs::read(fixture("h264-aac-faststart.mp4")).unwrap();
    let sha = hex::encode(Sha256::digest(&bytes));
    let item = attach(&mut lib, &course, "h264-aac-faststart.mp4");
    assert_eq!(item.sha256, sha);
    assert_eq!(item.size, bytes.len() as u64);
    let blob = lib.media_dir().join(&sha[..2]).join(&sha);
    assert_eq!(std::fs::read(&blob).unwrap(), bytes);
    assert_eq!(lib.media_blob_path(&course, &item.name).unwrap(), blob);
    assert!(temp_files(&lib).is_empty());

    // The same bytes again: in the same course under another name, and in another course.
    let again = lib
        .attach_media(&course, &fixture("h264-aac-faststart.mp4"), Some("de-novo.mp4"), no_progress)
        .unwrap();
    let other = lib
        .create_course(juntos::model::NewCourse { title: "Outro".into(), ..Default::default() })
        .unwrap();
    let shared = attach(&mut lib, &other.id, "h264-aac-faststart.mp4");
    assert_eq!((again.sha256.as_str(), shared.sha256.as_str()), (sha.as_str(), sha.as_str()));
    assert_eq!(
        files_under(&lib.media_dir()),
        vec![(format!("{}/{sha}", &sha[..2]), bytes.len() as u64)]
    );
    assert_eq!(lib.list_media(&course).unwrap().len(), 2);
}

#[test]
fn a_large_file_is_streamed_with_progress() {
    let (dir, mut lib, course) = library_with_course();
    let size = 200 * 1024 * 1024;
    let path = large_mp4(dir.path(), size);
    let mut calls: Vec<Progress> = Vec::new();
    let item = lib
        .attach_media(&course, &path, None, |p| {
            calls.push(p);
            ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(item.size, size);
    assert_eq!(item.duration_ms, Some(1500), "probed through the padding without reading it");
    assert!(calls.len() >= 200, "progress every MiB, got {}", calls.len());
    assert!(calls.windows(2).all(|w| w[0].done <= w[1].done));
    assert!(calls.iter().all(|p| p.total == Some(size)));
    assert_eq!(calls.last().unwrap().done, size);
    let blob = lib.media_blob_path(&course, &item.name).unwrap();
    assert_eq!(blob.metadata().unwrap().len(), size);
    assert!(temp_files(&lib).is_empty());
}

#[test]
fn gc_removes_only_unreferenced_blobs_and_leftover_temp_files() {
    let (dir, mut lib, course) = library_with_course();
    let kept = attach(&mut lib, &course, "testsrc.png");
    let dropped = attach(&mut lib, &course, "testsrc.jpg");
    lib.detach_media(&course, &dropped.name).unwrap();
    assert!(
        lib.media_dir().join(&dropped.sha256[..2]).join(&dropped.sha256).exists(),
        "detach keeps the bytes"
    );

    // A copy that crashed (its process is gone) and one in progress (ours).
    let crashed = lib.media_dir().join(".incoming-999999999-crashed");
    std::fs::write(&crashed, vec![7u8; 1000]).unwrap();
    let in_progress = lib.media_dir().join(format!(".incoming-{}-busy", std::process::id()));
    std::fs::write(&in_progress, b"still copying").unwrap();

    let report = lib.gc().unwrap();
    assert_eq!(report.blobs, vec![dropped.sha256.clone()]);
    assert_eq!(report.temp_files, vec![".incoming-999999999-crashed".to_string()]);
    assert_eq!(report.bytes_freed, dropped.size + 1000);
    assert!(!crashed.exists());
    assert!(in_progress.exists(), "a copy in progress is left alone");
    assert!(lib.media_blob_path(&course, &kept.name).unwrap().exists());
    assert_eq!(lib.gc().unwrap().blobs.len(), 0, "nothing left to free");
    std::fs::remove_file(in_progress).unwrap();
    // The CRC-32 kept for export goes with the blob; the kept one's stays.
    let conn = rusqlite::Connection::open(dir.path().join("library.db")).unwrap();
    let kept_crc = |sha: &str| -> Option<i64> {
        conn.query_row("SELECT crc32 FROM blob_checksums WHERE sha256 = ?1", [sha], |r| r.get(0))
            .ok()
    };
    let png = std::fs::read(fixture("testsrc.png")).unwrap();
    assert_eq!(kept_crc(&kept.sha256), Some(crc32fast::hash(&png) as i64));
    assert_eq!(kept_crc(&dropped.sha256), None);
}

#[test]
fn verify_library_reports_missing_and_corrupt_blobs_by_course_and_name() {
    let (_dir, mut lib, course) = library_with_course();
    let video = attach(&mut lib, &course, "h264-aac-faststart.mp4");
    let image = attach(&mut lib, &course, "testsrc.png");
    let audio = attach(&mut lib, &course, "sine.ogg");
    let report = lib.verify_library(no_progress).unwrap();
    assert!(report.is_ok());
    assert_eq!(report.blobs_checked, 3);
    assert_eq!(report.bytes_checked, video.size + image.size + audio.size);

    // Flip one byte of the video; delete the image.
    let video_blob = lib.media_blob_path(&course, &video.name).unwrap();
    let mut bytes = std::fs::read(&video_blob).unwrap();
    bytes[5000] ^= 0xFF;
    std::fs::write(&video_blob, bytes).unwrap();
    std::fs::remove_file(lib.media_blob_path(&course, &image.name).unwrap()).unwrap();

    let report = lib.verify_library(no_progress).unwrap();
    assert_eq!(report.problems.len(), 2);
    let by_name = |name: &str| {
        report.problems.iter().find(|p| p.used_by.iter().any(|u| u.name == name)).unwrap()
    };
    assert_eq!(by_name(&video.name).problem, "corrupt");
    assert_eq!(by_name(&image.name).problem, "missing");
    assert_eq!(by_name(&image.name).used_by[0].course_slug, "eleicoes");

    // Attaching the original again repairs the damaged copy in place.
    lib.attach_media(&course, &fixture("h264-aac-faststart.mp4"), Some("de-novo.mp4"), no_progress)
        .unwrap();
    let report = lib.verify_library(no_progress).unwrap();
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].problem, "missing");
}
