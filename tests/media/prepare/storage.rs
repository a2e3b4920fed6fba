//! Non-destructive storage: the original stays, preparing again starts
//! from it, going back shows it again; gc, verify-library, duplicate and
//! export understand the link; a budget keeps a course under N MB.

use juntos::media::no_progress;
use juntos::media::prepare::{PrepareOptions, Profile};
use juntos::package::{ExportOptions, Languages};

use super::clips::{big_buck_bunny, clip, ffprobe};
use super::core::{attach, blob};
use super::saved::show_in_a_lesson;
use crate::support::library_with_course;

#[test]
fn original_stays_prepare_again_from_it_and_go_back() {
    let (_dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &big_buck_bunny());
    let original = lib.media(&course, &name).unwrap();
    let first = lib.prepare_media(&course, &name, &PrepareOptions::default(), no_progress).unwrap();
    let store = lib.media_dir();
    let original_blob = store.join(&original.sha256[..2]).join(&original.sha256);
    assert!(original_blob.is_file(), "the original blob stays");
    assert_ne!(first.media.sha256, original.sha256);

    // gc keeps the original and the poster while the link exists.
    let report = lib.gc().unwrap();
    assert!(report.blobs.is_empty(), "{report:?}");
    assert!(original_blob.is_file());

    // Again, as Phone: from the original (720p source → 360p), not from the 480p result.
    let phone = PrepareOptions { profile: Profile::Phone, ..Default::default() };
    let second = lib.prepare_media(&course, &name, &phone, no_progress).unwrap();
    assert_eq!(second.original_size, original.size);
    assert_eq!(ffprobe(&blob(&lib, &course, &name)).height, 360);
    let listed = lib.prepared_media(&course).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].original_size, Some(original.size));
    assert_eq!(listed[0].recipe.profile, Profile::Phone);

    // verify-library re-hashes originals too: damage it and it is reported.
    let bytes = std::fs::read(&original_blob).unwrap();
    std::fs::write(&original_blob, b"damaged").unwrap();
    let verify = lib.verify_library(no_progress).unwrap();
    assert_eq!(verify.problems.len(), 1, "{verify:?}");
    assert_eq!(verify.problems[0].sha256, original.sha256);
    assert_eq!(verify.problems[0].used_by[0].name, name);
    std::fs::write(&original_blob, bytes).unwrap();

    // Back to the original: the lesson's media:NAME shows it again.
    let back = lib.restore_original(&course, &name).unwrap();
    assert_eq!((back.sha256.as_str(), back.size), (original.sha256.as_str(), original.size));
    assert_eq!(back.width, original.width);
    assert!(lib.prepared_media(&course).unwrap().is_empty());
    // Now the prepared blobs are unused: gc frees them, never the original.
    let report = lib.gc().unwrap();
    assert!(report.blobs.contains(&second.media.sha256), "{report:?}");
    assert!(original_blob.is_file());
    let err = lib.restore_original(&course, &name).unwrap_err();
    assert_eq!(err.code(), "prepare_no_original");
}

#[test]
fn duplicate_keeps_the_link_and_export_carries_only_the_prepared_file() {
    let (dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &clip("landscape.mp4"));
    show_in_a_lesson(&mut lib, &course, &name);
    let original = lib.media(&course, &name).unwrap();
    let prepared =
        lib.prepare_media(&course, &name, &PrepareOptions::default(), no_progress).unwrap();

    let copy = lib.duplicate_course(&course).unwrap();
    let listed = lib.prepared_media(&copy.id).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].original_size, Some(original.size));
    lib.restore_original(&copy.id, &name).unwrap();
    assert_eq!(
        lib.media(&course, &name).unwrap().sha256,
        prepared.media.sha256,
        "the copy is its own"
    );

    lib.set_org_name("Liga").unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let options =
        ExportOptions { to: Some(out.clone()), languages: Languages::Both, overwrite: false };
    let report = lib.export_course(&course, &options, juntos::package::no_progress).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&report.path).unwrap()).unwrap();
    let names: Vec<String> =
        (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().to_string()).collect();
    let videos: Vec<&String> = names.iter().filter(|n| n.ends_with(".mp4")).collect();
    assert_eq!(videos.len(), 1, "{names:?}");
    assert!(videos[0].contains(&prepared.media.sha256), "{names:?}");
    assert!(!names.iter().any(|n| n.contains(&original.sha256)), "never the original: {names:?}");
}

#[test]
fn a_budget_keeps_the_course_under_it_and_says_sizes_before_and_after() {
    let (_dir, mut lib, course) = library_with_course();
    attach(&mut lib, &course, &big_buck_bunny());
    attach(&mut lib, &course, &clip("landscape.mp4"));
    let free = lib.plan_prepare_all(&course, Profile::Standard, None).unwrap();
    assert_eq!(free.items.len(), 2);
    assert_eq!(free.video_kbps, None);
    // A budget under what the profile would take: a lower ceiling, predicted under it.
    let budget = free.predicted_total * 6 / 10;
    let plan = lib.plan_prepare_all(&course, Profile::Standard, Some(budget)).unwrap();
    assert!(plan.video_kbps.is_some(), "{plan:?}");
    assert!(plan.predicted_total <= budget, "{plan:?}");
    let reports =
        lib.prepare_queue(&course, &plan, |_, _| std::ops::ControlFlow::Continue(())).unwrap();
    assert_eq!(reports.len(), 2);
    let real: u64 = reports.iter().map(|r| r.prepared_size).sum::<u64>() + plan.other_bytes;
    assert!(real <= budget, "real {real} > budget {budget}");
    for r in &reports {
        assert!(r.prepared_size <= r.predicted_size, "{r:?}");
    }
    // Too small: the smallest possible size is said.
    let err = lib.plan_prepare_all(&course, Profile::Standard, Some(200_000)).unwrap_err();
    assert_eq!(err.code(), "prepare_budget_too_small");
    assert!(err.message(juntos::model::Lang::En).contains("the smallest possible"));
}

#[test]
fn a_package_carries_the_recipe_and_poster_and_arrives_without_the_original() {
    let (dir, mut lib, course) = library_with_course();
    let name = attach(&mut lib, &course, &clip("landscape.mp4"));
    show_in_a_lesson(&mut lib, &course, &name);
    let original = lib.media(&course, &name).unwrap();
    let prepared =
        lib.prepare_media(&course, &name, &PrepareOptions::default(), no_progress).unwrap();
    let poster_sha = prepared.poster_sha256.clone().expect("a poster");
    lib.set_org_name("Liga").unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let options = ExportOptions { to: Some(out), languages: Languages::Both, overwrite: false };
    let report = lib.export_course(&course, &options, juntos::package::no_progress).unwrap();

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&report.path).unwrap()).unwrap();
    let names: Vec<String> =
        (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().to_string()).collect();
    assert!(names.contains(&format!("media/{poster_sha}.jpeg")), "{names:?}");
    assert!(!names.iter().any(|n| n.contains(&original.sha256)));
    let mut read = |entry: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(entry).unwrap(), &mut text).unwrap();
        text
    };
    let course_json: serde_json::Value = serde_json::from_str(&read("course.json")).unwrap();
    let media = &course_json["media"][0];
    assert_eq!(media["prepared"]["recipe"]["profile"], "standard");
    assert_eq!(media["prepared"]["poster"]["path"], format!("media/{poster_sha}.jpeg"));
    // The player's course data names the poster (for `<video poster>`).
    let data = read("player/course-data.js");
    assert!(data.contains(&format!("media/{poster_sha}.jpeg")), "poster in the player data");

    // Elsewhere: the recipe and poster arrive, the original does not.
    let other = tempfile::tempdir().unwrap();
    let mut elsewhere = juntos::Library::open(other.path()).unwrap();
    let options = juntos::package::ImportOptions { trust: true, ..Default::default() };
    elsewhere.import_package(&report.path, &options, juntos::package::no_progress).unwrap();
    let imported = elsewhere.resolve_course(&lib.course(&course).unwrap().slug).unwrap();
    let listed = elsewhere.prepared_media(&imported).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].original_size, None, "the original stayed home");
    assert_eq!(listed[0].recipe, prepared.recipe);
    let poster = elsewhere.media_poster_path(&imported, &name).unwrap().unwrap();
    assert!(poster.is_file());
    assert_eq!(elsewhere.gc().unwrap().blobs, Vec::<String>::new(), "gc keeps the poster");
    assert_eq!(
        elsewhere.restore_original(&imported, &name).unwrap_err().code(),
        "prepare_no_original"
    );
}
