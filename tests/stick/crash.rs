//! SIGKILL at random points of a rewrite: the real `juntos stick write` is
//! killed after a random delay, again and again, while the set alternates
//! between two states that differ in every course folder, the catalogue,
//! and one 32 MiB video (present in one state only). After every kill the
//! stick must verify (old or new set, `stick verify`) and its catalogue data
//! must be complete (every page and every media file it names present).
//!
//! Kills: `JUNTOS_STICK_KILLS` (default 50; only kills that hit a running
//! process count); seed `JUNTOS_CRASH_SEED` (printed, to replay a run).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use juntos::model::{Lang, LessonField};
use juntos::stick::verify::verify_stick;

use crate::support::*;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn stick_write(library: &Path, to: &Path, lang: &str, courses: &[String]) -> Command {
    let mut cmd = Command::new(JUNTOS);
    cmd.env("JUNTOS_LIBRARY", library)
        .env("LANG", "en_GB.UTF-8")
        .args(["stick", "write", "--to"])
        .arg(to)
        .args(["--lang", lang])
        .args(courses)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn sigkill_during_rewrites_always_leaves_a_stick_that_opens_and_verifies() {
    let kills: usize =
        std::env::var("JUNTOS_STICK_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(50);
    let seed: u64 = std::env::var("JUNTOS_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| std::process::id() as u64 * 2_654_435_761 + 1);
    eprintln!("JUNTOS_CRASH_SEED={seed}");
    let mut rng = Rng(seed | 1);

    let mut t = three_courses(8 << 20);
    // A 32 MiB video in the Portuguese text only: an English stick leaves it out.
    let big = t.dir.path().join("grande.mp4");
    sparse_mp4(&big, 32 << 20, 3);
    t.lib.attach_media(&t.courses[2], &big, Some("grande.mp4"), go_media).unwrap();
    t.lib
        .set_lesson_text(&t.lessons[2], LessonField::Body, Lang::Pt, "![Grande](media:grande.mp4)")
        .unwrap();
    let library = t.dir.path().to_path_buf();
    drop(t.lib);
    let stick = tempfile::tempdir().unwrap();
    let root = stick.path().join("Juntos");

    // A first, complete write; and how long a full switch takes.
    let started = Instant::now();
    let out = stick_write(&library, stick.path(), "both", &t.courses).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = stick_write(&library, stick.path(), "en", &t.courses).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let span = started.elapsed() / 2 + Duration::from_millis(20);

    let (mut killed, mut interrupted, mut tries) = (0, 0, 0);
    while killed < kills {
        tries += 1;
        assert!(tries < kills * 10, "only {killed} of {tries} kills hit a running write");
        let lang = if rng.next() % 2 == 0 { "both" } else { "en" };
        let delay = Duration::from_micros(rng.next() % span.as_micros() as u64);
        let mut child = stick_write(&library, stick.path(), lang, &t.courses).spawn().unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();

        let v =
            verify_stick(&root, &mut go).unwrap_or_else(|e| panic!("after kill {killed}: {e:?}"));
        assert!(v.ok, "after kill {killed} ({lang}, {delay:?}): {:?}", v.problems);
        if v.interrupted {
            interrupted += 1;
        }
        assert_catalogue_complete(&root);
    }
    eprintln!("{killed} kills in {tries} writes; {interrupted} left an interrupted write");
    assert!(interrupted > 0, "no kill landed inside a write: the test proves nothing");

    // The next write completes whatever was interrupted.
    let out = stick_write(&library, stick.path(), "both", &t.courses).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v = verify_stick(&root, &mut go).unwrap();
    assert!(v.ok && !v.interrupted && v.leftovers == 0, "{v:?}");
}

fn go_media(_: juntos::Progress) -> std::ops::ControlFlow<()> {
    std::ops::ControlFlow::Continue(())
}
