//! Crash safety: the real `juntos` binary is killed with SIGKILL at random
//! moments during package import, package export, a loop of edits and media
//! attaches, and after every kill the library must be whole:
//!
//! - `PRAGMA integrity_check` is ok and `foreign_key_check` is empty;
//! - an import is whole or absent (the course with every module, lesson and
//!   media row, or nothing), an edit is the old text or the new, an attach is
//!   a registered item or nothing;
//! - no row points at a missing blob;
//! - what a crash leaves (staging folders, media temp files, blobs moved into
//!   place but never registered) is gone after the next `Library::open`, so
//!   every blob on disk is one a row uses;
//! - no partial package sits under a final name: the export folder holds
//!   only `*.partial` files or a package that verifies.
//!
//! Each kill lands after a random delay from 0 to the operation's measured
//! duration; only kills that hit a running process count. The number of
//! kills is `JUNTOS_CRASH_KILLS` (20 by default; `scripts/crash-harness.sh N`
//! runs more), the random seed `JUNTOS_CRASH_SEED` (printed, to replay a run).

use std::collections::HashSet;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use juntos::package::Limits;
use juntos::Library;

const JUNTOS: &str = env!("CARGO_BIN_EXE_juntos");
const MIB: u64 = 1 << 20;

/// xorshift64*: enough randomness for delays, and replayable from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn juntos(library: &Path) -> Command {
    let mut cmd = Command::new(JUNTOS);
    cmd.env("JUNTOS_LIBRARY", library)
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    cmd
}

fn run_ok(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[path = "../common/sparse_mp4.rs"]
mod sparse_mp4;
use sparse_mp4::sparse_mp4 as large_mp4;

/// What happened to one process: killed while running, or it finished first.
#[derive(Debug, PartialEq)]
enum Fate {
    Killed,
    Finished,
}

/// Starts `cmd`, feeds it `stdin`, and SIGKILLs it after `delay` if still running.
fn kill_after(mut cmd: Command, stdin: Option<&[u8]>, delay: Duration) -> Fate {
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = cmd.spawn().unwrap();
    if let Some(bytes) = stdin {
        // The child may already be gone (killed); a broken pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    let deadline = Instant::now() + delay;
    loop {
        if child.try_wait().unwrap().is_some() {
            return Fate::Finished;
        }
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(2)));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    if status.code().is_some() {
        // It exited on its own between the last look and the signal.
        Fate::Finished
    } else {
        Fate::Killed
    }
}

fn timed(mut cmd: Command, stdin: Option<&[u8]>) -> Duration {
    let start = Instant::now();
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = cmd.spawn().unwrap();
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    start.elapsed()
}

/// Names of files and folders that a crash may leave at the top of the
/// library and in `media/`.
fn leftovers(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if root.join(".staging").exists() {
        out.push(".staging".to_string());
    }
    for entry in std::fs::read_dir(root.join("media")).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            out.push(format!("media/{name}"));
        }
    }
    out
}

/// Every blob file under `media/`.
fn blobs_on_disk(root: &Path) -> HashSet<String> {
    let mut out = HashSet::new();
    for fan in std::fs::read_dir(root.join("media")).into_iter().flatten().flatten() {
        if fan.file_type().unwrap().is_dir() {
            for blob in std::fs::read_dir(fan.path()).unwrap().flatten() {
                out.insert(blob.file_name().to_string_lossy().into_owned());
            }
        }
    }
    out
}

/// What the next open had to clean up, by kind.
#[derive(Debug, Default)]
struct Counts {
    staging: usize,
    temp_files: usize,
    journals: usize,
    orphan_blobs: usize,
}

/// Opens the library (which cleans up after a crash) and checks everything
/// that must hold whatever moment the last process died.
fn check_library(root: &Path, counts: &mut Counts) -> Library {
    let before = leftovers(root);
    let blobs_before = blobs_on_disk(root);
    let lib = Library::open(root).expect("the library opens after a crash");
    let after = leftovers(root);
    assert!(after.is_empty(), "left after open: {after:?} (before open: {before:?})");

    let conn = rusqlite::Connection::open(root.join("library.db")).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let fk: i64 =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 0, "foreign key violations");
    let mut stmt = conn.prepare("SELECT sha256, size FROM media").unwrap();
    let rows: Vec<(String, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    let referenced: HashSet<String> = rows.iter().map(|(sha, _)| sha.clone()).collect();
    for (sha, size) in &rows {
        let blob = root.join("media").join(&sha[..2]).join(sha);
        let len = std::fs::metadata(&blob)
            .map(|m| m.len())
            .unwrap_or_else(|_| panic!("a row points at a missing blob {sha}"));
        assert_eq!(len, *size as u64, "blob {sha} has another size than its row");
    }
    // Nothing unregistered survives the open: every blob is one a row uses.
    let on_disk = blobs_on_disk(root);
    let orphans: Vec<_> = on_disk.difference(&referenced).collect();
    assert!(orphans.is_empty(), "orphan blobs after open: {orphans:?}");
    counts.staging += before.iter().filter(|n| *n == ".staging").count();
    counts.temp_files += before.iter().filter(|n| n.starts_with("media/.incoming-")).count();
    counts.journals += before.iter().filter(|n| n.starts_with("media/.placing-")).count();
    counts.orphan_blobs += blobs_before.difference(&on_disk).count();
    lib
}

struct Bench {
    _dir: tempfile::TempDir,
    lib: PathBuf,
    out: PathBuf,
    package: PathBuf,
    partner_course: juntos::model::Course,
    partner_media: usize,
    scratch: PathBuf,
    course: String,
    lesson: String,
}

fn setup() -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("biblioteca");
    let partner = dir.path().join("parceiro");
    let out = dir.path().join("saida");
    let scratch = dir.path().join("ficheiros");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&scratch).unwrap();

    // The partner: a course with a large video, exported once.
    run_ok(juntos(&partner).args(["org", "set", "--name", "Liga dos Direitos"]));
    run_ok(juntos(&partner).args(["new", "course", "Direitos da criança"]));
    run_ok(juntos(&partner).args(["new", "module", "direitos-da-crianca", "Conhecer"]));
    run_ok(juntos(&partner).args([
        "new",
        "lesson",
        "direitos-da-crianca",
        "1",
        "O que são direitos",
    ]));
    run_ok(juntos(&partner).args(["new", "lesson", "direitos-da-crianca", "1", "Quem protege"]));
    let video = scratch.join("parceiro.mp4");
    large_mp4(&video, 48 * MIB, 1);
    run_ok(
        juntos(&partner)
            .arg("attach")
            .arg("direitos-da-crianca")
            .arg(&video)
            .args(["--name", "filme.mp4"]),
    );
    // A lesson shows it: a package carries only what lessons show (issue 13 item 10).
    {
        let mut p = Library::open(&partner).unwrap();
        let id = p.resolve_course("direitos-da-crianca").unwrap();
        let lesson = p.resolve_lesson(&id, "1.1").unwrap();
        let body = "![Filme](media:filme.mp4)";
        p.set_lesson_text(&lesson, juntos::model::LessonField::Body, juntos::model::Lang::Pt, body)
            .unwrap();
    }
    let package = dir.path().join("parceiro.juntos");
    run_ok(juntos(&partner).args(["export", "direitos-da-crianca", "--to"]).arg(&package));
    let (partner_course, partner_media) = {
        let p = Library::open(&partner).unwrap();
        let id = p.resolve_course("direitos-da-crianca").unwrap();
        (p.course(&id).unwrap(), p.list_media(&id).unwrap().len())
    };

    // Our library: our own course (a new slug, so the import never collides) with a large video.
    run_ok(juntos(&lib).args(["org", "set", "--name", "Associação Kuyakana"]));
    run_ok(juntos(&lib).args(["new", "course", "Educação cívica", "--organisation", "Kuyakana"]));
    run_ok(juntos(&lib).args(["new", "module", "educacao-civica", "Direitos"]));
    run_ok(juntos(&lib).args(["new", "lesson", "educacao-civica", "1", "Cidadania"]));
    let ours = scratch.join("nosso.mp4");
    large_mp4(&ours, 32 * MIB, 2);
    run_ok(
        juntos(&lib).arg("attach").arg("educacao-civica").arg(&ours).args(["--name", "aula.mp4"]),
    );
    let (course, lesson) = {
        let l = Library::open(&lib).unwrap();
        let course = l.resolve_course("educacao-civica").unwrap();
        let lesson = l.resolve_lesson(&course, "1.1").unwrap();
        (course, lesson)
    };
    Bench { _dir: dir, lib, out, package, partner_course, partner_media, scratch, course, lesson }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Op {
    Import,
    Export,
    Edit,
    Attach,
}

#[test]
fn sigkill_at_random_moments_loses_nothing() {
    let wanted: usize =
        std::env::var("JUNTOS_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let seed: u64 =
        std::env::var("JUNTOS_CRASH_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
                as u64
                | 1
        });
    eprintln!("crash harness: {wanted} kills, JUNTOS_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let b = setup();
    let mut counts = Counts::default();
    let partner_slug = b.partner_course.slug.clone();

    // How long each operation takes here, to aim the kills inside it.
    let import_cmd = || {
        let mut c = juntos(&b.lib);
        c.arg("import").arg(&b.package).arg("--trust");
        c
    };
    let export_cmd = || {
        let mut c = juntos(&b.lib);
        c.args(["export", "educacao-civica", "--to"]).arg(&b.out);
        c
    };
    let edit_cmd = || {
        let mut c = juntos(&b.lib);
        c.args(["edit", "educacao-civica", "1.1", "--field", "body", "--lang", "pt"]);
        c
    };
    let t_import = timed(import_cmd(), None);
    run_ok(juntos(&b.lib).args(["rm", &partner_slug]));
    // `rm` keeps the course in the bin; empty it so the next
    // import starts from a library without it.
    run_ok(juntos(&b.lib).args(["bin", "empty"]));
    run_ok(juntos(&b.lib).arg("gc"));
    let t_export = timed(export_cmd(), None);
    std::fs::remove_file(b.out.join("educacao-civica.juntos")).unwrap();
    let t_edit = timed(edit_cmd(), Some(b"primeiro texto"));
    let attach_file = b.scratch.join("anexo.mp4");
    large_mp4(&attach_file, 16 * MIB, 3);
    let t_attach = timed(
        {
            let mut c = juntos(&b.lib);
            c.arg("attach")
                .arg("educacao-civica")
                .arg(&attach_file)
                .args(["--name", "anexo-0.mp4"]);
            c
        },
        None,
    );
    run_ok(juntos(&b.lib).args(["detach", "educacao-civica", "anexo-0.mp4"]));
    run_ok(juntos(&b.lib).arg("gc"));
    eprintln!(
        "durations: import {t_import:?}, export {t_export:?}, edit {t_edit:?}, attach {t_attach:?}"
    );

    let mut body = "primeiro texto".to_string();
    let mut killed: std::collections::HashMap<Op, usize> = Default::default();
    let mut attempts = 0usize;
    let start = Instant::now();
    while killed.values().sum::<usize>() < wanted {
        attempts += 1;
        assert!(
            attempts < wanted * 6 + 20,
            "kills keep missing: {killed:?} after {attempts} attempts"
        );
        let op = match rng.below(4) {
            0 => Op::Import,
            1 => Op::Export,
            2 => Op::Edit,
            _ => Op::Attach,
        };
        let aim = |t: Duration, rng: &mut Rng| {
            Duration::from_micros(rng.below(t.as_micros() as u64 * 11 / 10 + 1))
        };
        let fate = match op {
            Op::Import => {
                let fate = kill_after(import_cmd(), None, aim(t_import, &mut rng));
                let lib = check_library(&b.lib, &mut counts);
                // Whole or absent.
                let found =
                    lib.list_courses().unwrap().into_iter().find(|c| c.slug == partner_slug);
                if let Some(summary) = found {
                    let course = lib.course(&summary.id).unwrap();
                    assert_eq!(course.modules, b.partner_course.modules, "an import is whole");
                    assert_eq!(
                        lib.list_media(&summary.id).unwrap().len(),
                        b.partner_media,
                        "every media row came with it"
                    );
                    drop(lib);
                    run_ok(juntos(&b.lib).args(["rm", &partner_slug]));
                    // `rm` keeps the course in the bin; empty it so the next
                    // import starts from a library without it.
                    run_ok(juntos(&b.lib).args(["bin", "empty"]));
                    run_ok(juntos(&b.lib).arg("gc"));
                } else {
                    assert_eq!(lib.list_courses().unwrap().len(), 2, "absent means absent");
                }
                fate
            }
            Op::Export => {
                let fate = kill_after(export_cmd(), None, aim(t_export, &mut rng));
                drop(check_library(&b.lib, &mut counts));
                for entry in std::fs::read_dir(&b.out).unwrap().flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.ends_with(".partial") {
                        continue;
                    }
                    assert_eq!(
                        name, "educacao-civica.juntos",
                        "unexpected file in the export folder"
                    );
                    // Under its final name, a package is whole.
                    let checker = Library::open(&b.lib).unwrap();
                    checker
                        .verify_package(&entry.path(), &Limits::default(), |_| {
                            ControlFlow::Continue(())
                        })
                        .unwrap_or_else(|e| {
                            panic!("a package under its final name does not verify: {e:?}")
                        });
                    std::fs::remove_file(entry.path()).unwrap();
                }
                fate
            }
            Op::Edit => {
                let new = format!(
                    "texto número {attempts}\n\n{}",
                    "Participação comunitária. ".repeat(rng.below(2000) as usize)
                );
                let fate = kill_after(edit_cmd(), Some(new.as_bytes()), aim(t_edit, &mut rng));
                let lib = check_library(&b.lib, &mut counts);
                let now = lib.lesson(&b.lesson).unwrap().body.pt;
                assert!(now == body || now == new, "an edit is the old text or the new one");
                body = now;
                fate
            }
            Op::Attach => {
                large_mp4(&attach_file, 16 * MIB, 1000 + attempts as u64);
                let name = format!("anexo-{attempts}.mp4");
                let mut cmd = juntos(&b.lib);
                cmd.arg("attach").arg("educacao-civica").arg(&attach_file).args(["--name", &name]);
                let fate = kill_after(cmd, None, aim(t_attach, &mut rng));
                let lib = check_library(&b.lib, &mut counts);
                let attached =
                    lib.list_media(&b.course).unwrap().into_iter().any(|m| m.name == name);
                drop(lib);
                if attached {
                    run_ok(juntos(&b.lib).args(["detach", "educacao-civica", &name]));
                    run_ok(juntos(&b.lib).arg("gc"));
                }
                fate
            }
        };
        if fate == Fate::Killed {
            *killed.entry(op).or_default() += 1;
        }
    }
    // The library still does everything after all that.
    run_ok(juntos(&b.lib).arg("import").arg(&b.package).arg("--trust"));
    run_ok(juntos(&b.lib).args(["export", "educacao-civica", "--force", "--to"]).arg(&b.out));
    run_ok(juntos(&b.lib).arg("verify").arg(b.out.join("educacao-civica.juntos")));
    run_ok(juntos(&b.lib).arg("verify-library"));
    eprintln!(
        "crash harness: {} kills landed mid-operation ({:?}) in {attempts} attempts, {:.0?}; removed at the next open: {:?}; seed {seed}",
        killed.values().sum::<usize>(),
        killed,
        start.elapsed(),
        counts,
    );
}
