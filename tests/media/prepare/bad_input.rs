//! Bad input through the real `juntos` binary: each its own code, a
//! Portuguese and an English message, exit 1, and the library folder byte
//! for byte as it was.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use super::clips::clip;

#[path = "../../common/tree.rs"]
mod tree;
pub use tree::hash_tree;

pub const COURSE: &str = "apresentacoes-eficazes";

pub fn juntos(library: &Path, lang: &str) -> Command {
    let mut cmd = Command::cargo_bin("juntos").unwrap();
    cmd.env("JUNTOS_LIBRARY", library)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

/// A library (the sample course) with `files` attached under their names.
pub fn library_with(files: &[(&str, &Path)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, path) in files {
        let out = juntos(dir.path(), "pt_PT.UTF-8")
            .args(["attach", COURSE])
            .arg(path)
            .args(["--name", name])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    dir
}

/// Runs `args` in both languages: exit 1, `code`, messages that differ by
/// language, nothing changed. Returns the (pt, en) messages.
pub fn refused(dir: &Path, args: &[&str], code: &str, path: Option<&str>) -> (String, String) {
    let before = hash_tree(dir);
    let mut messages = Vec::new();
    for lang in ["pt_PT.UTF-8", "en_GB.UTF-8"] {
        let mut cmd = juntos(dir, lang);
        if let Some(path) = path {
            cmd.env("PATH", path);
        }
        let out = cmd.arg("--json").args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let err: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|_| {
            panic!("{}", String::from_utf8_lossy(&out.stderr));
        });
        assert_eq!(err["error"]["code"], code, "{err}");
        messages.push(err["error"]["message"].as_str().unwrap().to_string());
        assert_eq!(hash_tree(dir), before, "{args:?} changed the library");
    }
    assert_ne!(messages[0], messages[1], "one message per language");
    (messages.remove(0), messages.remove(0))
}

#[test]
fn damaged_video_carries_ffmpegs_last_line() {
    let dir = library_with(&[("estragado.mp4", &clip("damaged.mp4"))]);
    let (pt, en) = refused(
        dir.path(),
        &["media", "prepare", COURSE, "estragado.mp4"],
        "prepare_ffmpeg_failed",
        None,
    );
    assert!(pt.contains("danificado") && en.contains("damaged"), "{en}");
    // ffmpeg's own words, e.g. "Error marking filters as finished" or "Invalid data…".
    let ffmpeg_words = en.split("damaged: ").nth(1).unwrap();
    assert!(ffmpeg_words.len() > 10, "{en}");
}

#[test]
fn audio_only_trim_outside_poster_outside_and_bad_times() {
    let dir = library_with(&[("som.m4a", &clip("audio.m4a")), ("v.mp4", &clip("landscape.mp4"))]);
    let p = dir.path();
    refused(p, &["media", "prepare", COURSE, "som.m4a"], "prepare_not_a_video", None);
    let (pt, en) = refused(
        p,
        &["media", "prepare", COURSE, "v.mp4", "--trim", "0:02-0:09"],
        "prepare_trim_outside",
        None,
    );
    assert!(pt.contains("0:06") && en.contains("lasts 0:06"), "{en}");
    refused(
        p,
        &["media", "prepare", COURSE, "v.mp4", "--trim", "0:04-0:02"],
        "prepare_trim_outside",
        None,
    );
    refused(
        p,
        &["media", "prepare", COURSE, "v.mp4", "--trim", "0:01-0:03", "--poster", "0:05"],
        "prepare_poster_outside",
        None,
    );
    refused(
        p,
        &["media", "prepare", COURSE, "v.mp4", "--trim", "soon"],
        "prepare_time_invalid",
        None,
    );
    refused(
        p,
        &["media", "prepare", COURSE, "--all", "--budget", "lots"],
        "prepare_size_invalid",
        None,
    );
    refused(p, &["media", "prepare", COURSE, "v.mp4", "--original"], "prepare_no_original", None);
}

#[test]
fn budget_too_small_says_the_smallest_size() {
    let dir = library_with(&[("v.mp4", &clip("two-hours.mp4"))]);
    let (pt, en) = refused(
        dir.path(),
        &["media", "prepare", COURSE, "--all", "--budget", "50MB"],
        "prepare_budget_too_small",
        None,
    );
    assert!(en.contains("the smallest possible") && en.contains(" MB"), "{en}");
    assert!(pt.contains("o mínimo possível"), "{pt}");
}

#[test]
fn longer_than_four_hours_is_refused() {
    let dir = library_with(&[("v.mp4", &clip("five-hours.mp4"))]);
    refused(dir.path(), &["media", "prepare", COURSE, "v.mp4"], "prepare_too_long", None);
}

#[test]
fn without_ffmpeg_everything_else_works_and_prepare_says_how_to_install() {
    let dir = library_with(&[("v.mp4", &clip("landscape.mp4"))]);
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap();
    let (pt, en) =
        refused(dir.path(), &["media", "prepare", COURSE, "v.mp4"], "ffmpeg_missing", Some(path));
    assert!(pt.contains("apt install ffmpeg") && en.contains("apt install ffmpeg"));
    // Listing, attaching and the rest do not need it.
    let out = juntos(dir.path(), "en_GB.UTF-8")
        .env("PATH", path)
        .args(["media", "list", COURSE])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn cli_prepares_with_json_and_lists_both_sizes() {
    let dir = library_with(&[("v.mp4", &clip("landscape.mp4"))]);
    let out = juntos(dir.path(), "en_GB.UTF-8")
        .args([
            "--json",
            "media",
            "prepare",
            COURSE,
            "v.mp4",
            "--profile",
            "phone",
            "--trim",
            "0:01-0:05",
            "--poster",
            "0:02",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["recipe"]["profile"], "phone");
    assert_eq!(report["recipe"]["trim"]["end_ms"], 5000);
    assert!(report["prepared_size"].as_u64().unwrap() < report["original_size"].as_u64().unwrap());
    let out = juntos(dir.path(), "en_GB.UTF-8").args(["media", "list", COURSE]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("prepared") && text.contains("original"), "{text}");
    let out = juntos(dir.path(), "en_GB.UTF-8")
        .args(["media", "prepare", COURSE, "v.mp4", "--original"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
