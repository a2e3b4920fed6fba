//! Writing a stick and rewriting it in place.

use juntos::model::{Lang, LessonField};
use juntos::package::Languages;
use juntos::stick::{verify::verify_stick, StickOptions};

use crate::support::*;

#[test]
fn three_courses_sharing_a_video_store_it_once_and_verify() {
    let mut t = three_courses(0);
    let stick = tempfile::tempdir().unwrap();
    let report = write(&mut t.lib, stick.path(), &t.courses);
    let root = stick.path().join("Juntos");
    assert_eq!(report.root, root);
    assert_eq!(report.courses.len(), 3);

    let video_sha = sha256_hex(&std::fs::read(&t.video).unwrap());
    let all = files(&root);
    let videos: Vec<_> =
        all.iter().filter(|p| p.starts_with("media/") && p.ends_with(".mp4")).collect();
    assert_eq!(videos, vec![&format!("media/{video_sha}.mp4")], "the shared video is stored once");
    // One shared player, three course folders, the manifest, nothing temporary.
    assert_eq!(all.iter().filter(|p| p.ends_with("player.js")).count(), 1);
    assert_eq!(all.iter().filter(|p| p.ends_with("/course.json")).count(), 3);
    assert!(all.contains(&"juntos-stick.json".to_string()));
    assert!(!all
        .iter()
        .any(|p| p.contains(".incoming") || p.contains("prev-") || p.contains("next")));

    let c = catalogue(&root);
    assert_eq!(c.format, 1);
    assert_eq!(c.languages, vec![Lang::Pt, Lang::En]);
    let titles: Vec<_> = c.courses.iter().map(|c| c.title.pt.as_str()).collect();
    assert_eq!(titles, vec!["Água limpa", "Educação", "Saúde"], "sorted by title");
    let escola = &c.courses[1];
    assert_eq!(escola.summary.pt, "Um curso sobre educação.", "plain text");
    assert_eq!(escola.lesson_ids.len(), 2);
    assert_eq!(escola.search[1].text.pt, "Participação e Foto");
    assert_eq!(escola.completeness[&Lang::Pt], 100);
    assert_eq!(c.organisations, vec!["Liga".to_string()]);
    assert_catalogue_complete(&root);

    let v = verify_stick(stick.path(), &mut go).unwrap();
    assert!(v.ok, "{:?}", v.problems);
    assert_eq!((v.courses, v.interrupted, v.leftovers), (3, false, 0));
    assert_eq!(v.organisation, "Liga dos Direitos");
}

#[test]
fn a_rewrite_after_one_lesson_changed_writes_only_what_changed() {
    let mut t = three_courses(8 << 20);
    let stick = tempfile::tempdir().unwrap();
    let first = write(&mut t.lib, stick.path(), &t.courses);
    assert!(first.bytes_written > 8 << 20);

    // The same set again: only the manifests.
    let same = write(&mut t.lib, stick.path(), &t.courses);
    assert!(same.bytes_written < 64 << 10, "unchanged rewrite wrote {}", same.bytes_written);
    assert_eq!(same.files_removed, 0);

    t.lib.set_lesson_text(&t.lessons[1], LessonField::Body, Lang::Pt, "Texto novo.").unwrap();
    let root = stick.path().join("Juntos");
    let before = files(&root);
    let again = write(&mut t.lib, stick.path(), &t.courses);
    // The course's folder (5 files), catalogue data, page, manifests.
    assert!(again.bytes_written * 100 < first.bytes_written, "{again:?}");
    assert!(again.files_written <= 10, "{again:?}");
    assert_eq!(again.files_removed, 5, "the old course folder is gone");
    assert_eq!(again.generation, 3);
    let after = files(&root);
    assert_eq!(before.len(), after.len());
    let v = verify_stick(&root, &mut go).unwrap();
    assert!(v.ok && !v.interrupted && v.leftovers == 0, "{v:?}");
    let c = catalogue(&root);
    assert_eq!(c.courses[1].search[1].text.pt, "Texto novo.");
    assert_catalogue_complete(&root);
}

#[test]
fn fewer_courses_remove_what_nothing_needs_and_one_language_leaves_the_other_out() {
    let mut t = three_courses(0);
    let stick = tempfile::tempdir().unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let options = StickOptions {
        to: stick.path().to_path_buf(),
        courses: vec!["agua".into()],
        languages: Languages::En,
    };
    let report = t.lib.write_stick(&options, go).unwrap();
    assert!(report.files_removed >= 10, "{report:?}");
    let root = stick.path().join("Juntos");
    assert!(!root.join("courses/escola").exists(), "empty folders are removed");
    let c = catalogue(&root);
    assert_eq!(c.courses.len(), 1);
    assert_eq!(c.languages, vec![Lang::En]);
    assert_eq!(c.courses[0].title.pt, "");
    assert_eq!(c.courses[0].completeness[&Lang::Pt], 0);
    // The photo is only in the Portuguese text: an English stick leaves it out.
    assert!(!files(&root).iter().any(|p| p.ends_with(".png")));
    assert!(verify_stick(&root, &mut go).unwrap().ok);
}

#[test]
fn the_preflight_counts_each_language_choice_and_what_is_left_to_write() {
    let mut t = three_courses(0);
    let stick = tempfile::tempdir().unwrap();
    let p = t.lib.stick_preflight(&options(stick.path(), &t.courses)).unwrap();
    assert!(p.problem.is_none());
    assert_eq!(p.bytes_to_write, p.total_bytes);
    assert_eq!(p.bytes_by_choice.both, p.total_bytes);
    assert!(p.bytes_by_choice.en < p.bytes_by_choice.pt, "{:?}", p.bytes_by_choice);
    assert!(!stick.path().join("Juntos").exists(), "a pre-flight writes nothing");
    write(&mut t.lib, stick.path(), &t.courses);
    let p = t.lib.stick_preflight(&options(stick.path(), &t.courses)).unwrap();
    // At most the catalogue data, whose `written_at` moves with the clock.
    assert!(p.files_to_write <= 1 && p.bytes_to_write < 64 << 10, "{p:?}");
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}
