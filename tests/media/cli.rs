//! The media subcommands of the real `juntos` binary.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::support::{fixture, large_mp4, SmallDisk};

fn juntos(library: &Path) -> Command {
    let mut cmd = Command::cargo_bin("juntos").unwrap();
    cmd.env("JUNTOS_LIBRARY", library)
        .env("LANG", "pt_MZ.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

fn json(cmd: &mut Command) -> Value {
    let out = cmd.arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

const COURSE: &str = "apresentacoes-eficazes";

#[test]
fn attach_list_caption_rename_detach() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path())
        .args(["attach", COURSE])
        .arg(fixture("h264-aac-moov-at-end.mp4"))
        .args(["--name", "entrevista.mp4"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Anexado: entrevista.mp4")
                .and(predicate::str::contains("vídeo MP4, 0:01, 160×120, h264/aac"))
                .and(predicate::str::contains("sem legendas em português"))
                .and(predicate::str::contains("pen USB"))
                .and(predicate::str::contains("![Título](media:entrevista.mp4)")),
        );
    let attached = json(juntos(dir.path()).args(["attach", COURSE]).arg(fixture("testsrc.png")));
    assert_eq!(attached["media"]["name"], "testsrc.png");
    assert_eq!(attached["media"]["width"], 64);

    juntos(dir.path())
        .args(["media", "captions", COURSE, "entrevista.mp4", "--lang", "pt"])
        .arg(fixture("legendas-pt.srt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("2 legendas"));
    // A Windows "ANSI" file: converted, and the trainer is told what was assumed.
    juntos(dir.path())
        .args(["media", "captions", COURSE, "entrevista.mp4", "--lang", "pt"])
        .arg(fixture("legendas-pt-windows1252.srt"))
        .assert()
        .success()
        .stdout(
            predicate::str::contains("2 legendas")
                .and(predicate::str::contains("foi lido como windows-1252"))
                .and(predicate::str::contains("Confira os acentos")),
        );
    let info = json(
        juntos(dir.path())
            .args(["media", "captions", COURSE, "entrevista.mp4", "--lang", "pt"])
            .arg(fixture("legendas-pt-windows1252.srt")),
    );
    assert_eq!(
        (&info["encoding"], &info["encoding_assumed"]),
        (&"windows-1252".into(), &true.into())
    );
    let listed = json(juntos(dir.path()).args(["media", "list", COURSE]));
    assert_eq!(listed["items"][0]["captions"], serde_json::json!(["pt"]));
    let warnings = &listed["status"]["items"][0]["warnings"];
    assert_eq!(warnings[0], serde_json::json!({ "code": "missing_captions", "lang": "en" }));
    assert_eq!(warnings[1]["code"], "not_faststart");
    juntos(dir.path())
        .args(["media", "list", COURSE])
        .env("LANG", "en_GB.UTF-8")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("captions: PT")
                .and(predicate::str::contains("no captions in English")),
        );

    // A lesson shows the video: detach is refused, rename follows.
    let body = dir.path().join("body.md");
    std::fs::write(&body, "![Entrevista](media:entrevista.mp4)").unwrap();
    juntos(dir.path())
        .args(["edit", COURSE, "1.2", "--field", "body", "--lang", "pt", "--file"])
        .arg(&body)
        .assert()
        .success();
    juntos(dir.path())
        .args(["detach", COURSE, "entrevista.mp4"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[media_in_use]").and(predicate::str::contains("1.2 ")));
    juntos(dir.path())
        .args(["media", "rename", COURSE, "entrevista.mp4", "conversa.mp4"])
        .assert()
        .success();
    let shown = json(juntos(dir.path()).args(["show", COURSE]));
    assert_eq!(
        shown["modules"][0]["lessons"][1]["body"]["pt"],
        "![Entrevista](media:conversa.mp4)"
    );
    juntos(dir.path()).args(["detach", COURSE, "testsrc.png"]).assert().success();
    juntos(dir.path())
        .args(["media", "captions", COURSE, "conversa.mp4", "--lang", "pt", "--remove"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Legendas retiradas"));
}

#[test]
fn gc_and_verify_library() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).args(["attach", COURSE]).arg(fixture("vp9-opus.webm")).assert().success();
    let image = json(juntos(dir.path()).args(["attach", COURSE]).arg(fixture("testsrc.gif")));
    juntos(dir.path())
        .args(["verify-library"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Verificados 2 ficheiros"));
    juntos(dir.path()).args(["detach", COURSE, "testsrc.gif"]).assert().success();
    let size = image["media"]["size"].as_u64().unwrap();
    juntos(dir.path())
        .arg("gc")
        .assert()
        .success()
        .stdout(predicate::str::contains("Libertados 2 KiB: 1 ficheiro sem uso"));
    let report = json(juntos(dir.path()).arg("gc"));
    assert_eq!(report["blobs"].as_array().unwrap().len(), 0);
    assert!(size > 0);

    // Damage the video's bytes: verify names the course and the file, exit 1.
    let listed = json(juntos(dir.path()).args(["media", "list", COURSE]));
    let sha = listed["items"][0]["sha256"].as_str().unwrap().to_string();
    let blob = dir.path().join("media").join(&sha[..2]).join(&sha);
    let mut bytes = std::fs::read(&blob).unwrap();
    bytes[100] ^= 1;
    std::fs::write(&blob, bytes).unwrap();
    juntos(dir.path())
        .arg("verify-library")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("DANIFICADO: apresentacoes-eficazes/vp9-opus.webm"))
        .stderr(predicate::str::contains("[media_damaged]"));
    std::fs::remove_file(&blob).unwrap();
    let out = juntos(dir.path()).args(["verify-library", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["problems"][0]["problem"], "missing");
    assert_eq!(report["problems"][0]["used_by"][0]["name"], "vp9-opus.webm");
}

#[test]
fn bad_input_exits_1_with_a_code_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).arg("init").assert().success();
    let files = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = files.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    };
    let empty = write("vazio.mp4", b"");
    let fake = write("falso.mp4", b"texto, nao video");
    let svg = write("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>");
    let broken = write("hora.srt", b"1\n00:00:00,000 --> 00:00:0x,000\nUm\n");
    let folder = files.path().display().to_string();
    let avi = fixture("mpeg4.avi").display().to_string();
    let video = fixture("h264-aac-faststart.mp4").display().to_string();
    juntos(dir.path()).args(["attach", COURSE, &video, "--name", "v.mp4"]).assert().success();
    let db = dir.path().join("library.db");
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (vec!["attach", COURSE, "/nao/existe.mp4"], "media_not_found", "não existe"),
        (vec!["attach", COURSE, &folder], "media_is_directory", "pasta"),
        (vec!["attach", COURSE, &empty], "media_empty_file", "vazio"),
        (vec!["attach", COURSE, &fake], "media_unknown_format", "extensão .mp4"),
        (vec!["attach", COURSE, &svg], "media_svg_refused", "scripts"),
        (vec!["attach", COURSE, &avi], "media_unsupported_format", "H.264/AAC"),
        (vec!["attach", COURSE, "/proc/sys/vm/compact_memory"], "media_unreadable", "permiss"),
        (vec!["attach", COURSE, &video, "--name", "V.MP4"], "media_name_taken", "--name"),
        (
            vec!["attach", COURSE, &video, "--name", "com espaço.mp4"],
            "media_name_invalid",
            "sem espaços",
        ),
        (
            vec!["media", "captions", COURSE, "v.mp4", &broken, "--lang", "en"],
            "caption_parse",
            "linha 2",
        ),
        (
            vec!["media", "captions", COURSE, "nada.mp4", &broken, "--lang", "en"],
            "media_item_not_found",
            "juntos media list",
        ),
        (vec!["detach", COURSE, "nada.mp4"], "media_item_not_found", "nada.mp4"),
    ];
    for (args, code, words) in cases {
        if args.contains(&"/proc/sys/vm/compact_memory")
            && std::fs::File::open("/proc/sys/vm/compact_memory").is_ok()
        {
            continue;
        }
        let before = std::fs::read(&db).unwrap();
        let media_before = crate::support::files_under(&dir.path().join("media"));
        juntos(dir.path()).args(&args).assert().code(1).stderr(
            predicate::str::contains(format!("[{code}]")).and(predicate::str::contains(words)),
        );
        assert_eq!(std::fs::read(&db).unwrap(), before, "{args:?} changed the database");
        assert_eq!(
            crate::support::files_under(&dir.path().join("media")),
            media_before,
            "{args:?} changed media/"
        );
    }
}

#[test]
fn attach_streams_from_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).arg("init").assert().success();
    let fifo = dir.path().join("entrada.webm");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::fs::write(&fifo, std::fs::read(fixture("vp9-opus.webm")).unwrap()).unwrap()
        })
    };
    let attached = json(juntos(dir.path()).args(["attach", COURSE]).arg(&fifo));
    writer.join().unwrap();
    assert_eq!(attached["media"]["name"], "entrada.webm");
    assert_eq!(attached["media"]["video_codec"], "vp9");
}

#[test]
fn ctrl_c_cancels_a_copy_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).arg("init").assert().success();
    // A pipe lets the test hold the copy half-way, deterministically.
    let fifo = dir.path().join("lento.mp4");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("juntos"))
        .env("JUNTOS_LIBRARY", dir.path())
        .env("LANG", "pt_MZ.UTF-8")
        .args(["attach", COURSE])
        .arg(&fifo)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    pipe.write_all(&std::fs::read(fixture("h264-aac-faststart.mp4")).unwrap()).unwrap();
    pipe.write_all(&vec![0u8; 4 << 20]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let temp = || {
        std::fs::read_dir(dir.path().join("media"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(".incoming-"))
            .count()
    };
    assert_eq!(temp(), 1, "the copy is under way");
    assert!(std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap()
        .success());
    std::thread::sleep(std::time::Duration::from_millis(100));
    let _ = pipe.write_all(&vec![0u8; 1 << 20]);
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[cancelled]"));
    assert_eq!(temp(), 0);
    let listed = json(juntos(dir.path()).args(["media", "list", COURSE]));
    assert_eq!(listed["items"].as_array().unwrap().len(), 0);
}

#[test]
fn a_full_disk_is_reported() {
    let Some(disk) = SmallDisk::new("2m") else { return };
    juntos(disk.dir.path()).arg("init").assert().success();
    let source = tempfile::tempdir().unwrap();
    let big = large_mp4(source.path(), 4 * 1024 * 1024);
    juntos(disk.dir.path()).args(["attach", COURSE]).arg(&big).assert().code(1).stderr(
        predicate::str::contains("[disk_full]").and(predicate::str::contains("Nada foi guardado")),
    );
    let leftovers: Vec<_> = std::fs::read_dir(disk.dir.path().join("media")).unwrap().collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
