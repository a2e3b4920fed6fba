//! Export -> import into a fresh library: every field equal, translation
//! status identical, media bytes and captions identical.

use juntos::model::Lang;
use juntos::package::ImportOutcome;
use juntos::Library;

use crate::support::{self, export_to, import};

fn blob(lib_root: &std::path::Path, sha: &str) -> Vec<u8> {
    std::fs::read(lib_root.join("media").join(&sha[..2]).join(sha)).unwrap()
}

#[test]
fn export_then_import_keeps_everything() {
    let partner = support::partner();
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let report = import(&mut lib, &partner.package, true).unwrap();
    assert_eq!(report.outcome, ImportOutcome::Added);

    let original = partner.lib.course(&partner.course_id).unwrap();
    let arrived = lib.course(&partner.course_id).unwrap();
    assert_eq!(arrived, original, "every field of the course tree");
    assert_eq!(
        lib.translation_status(&arrived.id).unwrap(),
        partner.lib.translation_status(&original.id).unwrap()
    );
    assert!(
        !lib.translation_status(&arrived.id).unwrap().is_complete(),
        "the stale translation stays stale"
    );

    let theirs = partner.lib.list_media(&original.id).unwrap();
    let ours = lib.list_media(&arrived.id).unwrap();
    assert_eq!(ours, theirs, "every media field, ids and captions languages included");
    for item in &ours {
        assert_eq!(
            blob(dir.path(), &item.sha256),
            blob(partner.dir.path(), &item.sha256),
            "{}",
            item.name
        );
        for lang in Lang::ALL {
            assert_eq!(
                lib.captions(&arrived.id, &item.name, lang).unwrap(),
                partner.lib.captions(&original.id, &item.name, lang).unwrap()
            );
        }
    }
    assert_eq!(
        lib.media_status(&arrived.id).unwrap(),
        partner.lib.media_status(&original.id).unwrap()
    );
    for lesson in original.lessons() {
        for lang in Lang::ALL {
            assert_eq!(
                lib.render_lesson(&lesson.id, lang).unwrap(),
                partner.lib.render_lesson(&lesson.id, lang).unwrap()
            );
        }
    }

    // And back again: the imported course exports to the same course.json.
    lib.set_org_name("Receptor").unwrap();
    let again = export_to(&mut lib, &arrived.id, dir.path(), juntos::package::Languages::Both);
    let course_json = |p: &std::path::Path| {
        support::read_entries(p).into_iter().find(|(n, _)| n == "course.json").unwrap().1
    };
    assert_eq!(course_json(&again), course_json(&partner.package));
}
