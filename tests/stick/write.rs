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

    // The same set again: nothing at all, not even the catalogue data or the manifest.
    let root = stick.path().join("Juntos");
    let data_written = modified(&root.join("catalogue/data.js"));
    let same = write(&mut t.lib, stick.path(), &t.courses);
    assert_eq!((same.files_written, same.bytes_written, same.files_removed), (0, 0, 0), "{same:?}");
    assert_eq!(same.generation, first.generation);
    assert_eq!(modified(&root.join("catalogue/data.js")), data_written);

    t.lib.set_lesson_text(&t.lessons[1], LessonField::Body, Lang::Pt, "Texto novo.").unwrap();
    let before = files(&root);
    let again = write(&mut t.lib, stick.path(), &t.courses);
    // The course's folder (5 files), catalogue data, page, manifests.
    assert!(again.bytes_written * 100 < first.bytes_written, "{again:?}");
    assert!(again.files_written <= 10, "{again:?}");
    assert_eq!(again.files_removed, 5, "the old course folder is gone");
    assert_eq!(again.generation, 2);
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
    // Nothing: the catalogue data keeps its `written_at` when nothing else in it changed.
    assert_eq!((p.files_to_write, p.bytes_to_write), (0, 0), "{p:?}");
}

#[test]
fn a_rewrite_writes_a_lost_file_again_but_not_the_unchanged_catalogue_data() {
    let mut t = three_courses(0);
    let stick = tempfile::tempdir().unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let root = stick.path().join("Juntos");
    let png = files(&root).into_iter().find(|p| p.ends_with(".png")).unwrap();
    let png_size = std::fs::metadata(root.join(&png)).unwrap().len();
    std::fs::remove_file(root.join(&png)).unwrap();
    let old_manifest = std::fs::metadata(root.join("juntos-stick.json")).unwrap().len();
    let data = std::fs::read(root.join("catalogue/data.js")).unwrap();

    let again = write(&mut t.lib, stick.path(), &t.courses);
    let new_manifest = std::fs::metadata(root.join("juntos-stick.json")).unwrap().len();
    // The photo, the old manifest kept aside while writing, the new manifest: nothing else.
    assert_eq!(again.files_written, 3, "{again:?}");
    assert_eq!(again.bytes_written, png_size + old_manifest + new_manifest, "{again:?}");
    assert_eq!(std::fs::read(root.join("catalogue/data.js")).unwrap(), data);
    let v = verify_stick(&root, &mut go).unwrap();
    assert!(v.ok && !v.interrupted && v.leftovers == 0, "{v:?}");
}

#[test]
fn a_pool_video_replaced_by_other_bytes_of_the_same_size_is_written_again() {
    let mut t = three_courses(4 << 20);
    let stick = tempfile::tempdir().unwrap();
    write(&mut t.lib, stick.path(), &t.courses);
    let root = stick.path().join("Juntos");
    let video = files(&root).into_iter().find(|p| p.ends_with(".mp4")).unwrap();
    let original = std::fs::read(root.join(&video)).unwrap();

    // Other bytes, the same size, at once (within the second of the write).
    let mut other = original.clone();
    other[1000..2000].fill(0x5a);
    std::fs::write(root.join(&video), &other).unwrap();
    assert!(!verify_stick(&root, &mut go).unwrap().ok);

    let again = write(&mut t.lib, stick.path(), &t.courses);
    assert!(again.bytes_written >= original.len() as u64, "the video kept: {again:?}");
    assert!(std::fs::read(root.join(&video)).unwrap() == original, "the video's bytes are back");
    let v = verify_stick(&root, &mut go).unwrap();
    assert!(v.ok && !v.interrupted && v.leftovers == 0, "{v:?}");

    // An untouched video is trusted without being written again.
    let quiet = write(&mut t.lib, stick.path(), &t.courses);
    assert_eq!(quiet.bytes_written, 0, "{quiet:?}");
    // Nor is a video whose bytes are right but whose time moved (read, then kept).
    let file = std::fs::File::options().write(true).open(root.join(&video)).unwrap();
    file.set_modified(std::time::SystemTime::now()).unwrap();
    drop(file);
    t.lib.set_lesson_text(&t.lessons[0], LessonField::Body, Lang::Pt, "Outro texto.").unwrap();
    let changed = write(&mut t.lib, stick.path(), &t.courses);
    assert!(changed.bytes_written < original.len() as u64, "{changed:?}");
    assert!(verify_stick(&root, &mut go).unwrap().ok);
}

fn modified(path: &std::path::Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}
