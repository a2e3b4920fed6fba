//! XLIFF 1.2 round trips with a translator's tool, and refusals that change nothing.

use assert_cmd::Command;
use juntos::model::{FieldState, Lang, LessonField};
use juntos::Library;

/// What a translator's tool does: fill every unit's target and mark it translated.
fn translate_everything(xliff: &str, translate: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = xliff;
    while let Some(start) = rest.find("<source>") {
        let end = rest[start..].find("</source>").unwrap() + start;
        let source = &rest[start + "<source>".len()..end];
        let target_start = rest[end..].find("<target").unwrap() + end;
        let target_end =
            rest[target_start..].find("</target>").unwrap() + target_start + "</target>".len();
        out.push_str(&rest[..target_start]);
        out.push_str(&format!("<target state=\"translated\">{}</target>", translate(source)));
        rest = &rest[target_end..];
    }
    out.push_str(rest);
    out
}

fn sample() -> (tempfile::TempDir, Library, String) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    let id = lib.list_courses().unwrap()[0].id.clone();
    (dir, lib, id)
}

/// Everything a person could see of the course, to compare before and after.
fn snapshot(lib: &Library, id: &str) -> String {
    serde_json::to_string(&(lib.course(id).unwrap(), lib.translation_status(id).unwrap())).unwrap()
}

#[test]
fn export_marks_new_translated_and_stale_units() {
    let (_dir, mut lib, id) = sample();
    let module = lib.resolve_module(&id, "1").unwrap();
    let lesson = lib.add_lesson(&module, "Lição nova", Lang::Pt, None).unwrap();
    let changed = lib.resolve_lesson(&id, "1.1").unwrap();
    lib.set_lesson_text(&changed, LessonField::Body, Lang::Pt, "Texto **novo**.").unwrap();
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    assert!(xliff.starts_with("<?xml"));
    assert!(xliff.contains("urn:oasis:names:tc:xliff:document:1.2"));
    assert!(xliff.contains(&format!("original=\"juntos:course/{id}\"")));
    assert!(xliff.contains("source-language=\"pt\" target-language=\"en\""));
    let unit = |unit_id: &str| {
        let at =
            xliff.find(&format!("id=\"{unit_id}\"")).unwrap_or_else(|| panic!("no unit {unit_id}"));
        xliff[at..xliff[at..].find("</trans-unit>").unwrap() + at].to_string()
    };
    assert!(unit(&format!("lesson/{}/title", lesson.id)).contains("state=\"new\""));
    let body = unit(&format!("lesson/{changed}/body"));
    assert!(body.contains("state=\"needs-review-translation\""));
    assert!(body.contains("Texto **novo**."), "markdown is kept intact: {body}");
    assert!(unit("course/title").contains("state=\"translated\""));
    assert!(xliff.contains("/quiz/q1/prompt"), "quiz texts are units");
    assert_eq!(lib.xliff_export(&id, Lang::Pt).unwrap_err().code(), "xliff_same_language");
}

#[test]
fn round_trip_makes_the_course_complete() {
    let (_dir, mut lib, id) = sample();
    let module = lib.resolve_module(&id, "2").unwrap();
    let lesson = lib.add_lesson(&module, "Avaliação & próximos passos", Lang::Pt, None).unwrap();
    lib.set_lesson_text(&lesson.id, LessonField::Body, Lang::Pt, "## Passos\n\n- <um>\n- dois")
        .unwrap();
    assert!(!lib.translation_status(&id).unwrap().is_complete());

    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    let filled = translate_everything(&xliff, |source| format!("EN {source}"));
    let report = lib.xliff_import(&filled).unwrap();
    assert!(report.updated.contains(&format!("lesson/{}/body", lesson.id)));
    assert!(report.still_stale.is_empty());
    let status = lib.translation_status(&id).unwrap();
    assert!(status.is_complete(), "{status:?}");
    let lesson = lib.lesson(&lesson.id).unwrap();
    assert_eq!(
        lesson.body.en, "EN ## Passos\n\n- <um>\n- dois",
        "markup characters survive the XML round trip"
    );
    assert_eq!(lesson.title.en, "EN Avaliação & próximos passos");
}

#[test]
fn markdown_and_special_characters_survive_unchanged() {
    let (_dir, mut lib, id) = sample();
    let lesson = lib.resolve_lesson(&id, "1.1").unwrap();
    let markdown = "# Título\n\n| a | b |\n|---|---|\n| <x> & \"y\" | 'z' |\n\n![Vídeo](media:entrevista.mp4)\n";
    lib.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, markdown).unwrap();
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    let doc = juntos::xliff::parse(&xliff).unwrap();
    let unit = doc.units.iter().find(|u| u.id == format!("lesson/{lesson}/body")).unwrap();
    assert_eq!(unit.source, markdown);
}

#[test]
fn a_stale_unit_sent_back_untouched_stays_stale() {
    let (_dir, mut lib, id) = sample();
    let lesson = lib.resolve_lesson(&id, "1.2").unwrap();
    lib.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, "Mudou.").unwrap();
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    let report = lib.xliff_import(&xliff).unwrap();
    assert!(report.updated.is_empty(), "{:?}", report.updated);
    let status = lib.lesson_translation_status(&lesson).unwrap();
    assert_eq!(status.state_of(&lesson, "body", Lang::En), Some(FieldState::Stale));
}

#[test]
fn a_source_that_changed_while_the_file_was_away_stays_stale() {
    let (_dir, mut lib, id) = sample();
    let lesson = lib.resolve_lesson(&id, "2.1").unwrap();
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    lib.set_lesson_text(&lesson, LessonField::Body, Lang::Pt, "Versão posterior.").unwrap();
    let filled = translate_everything(&xliff, |s| format!("EN {s}"));
    let report = lib.xliff_import(&filled).unwrap();
    assert!(report.still_stale.contains(&format!("lesson/{lesson}/body")));
    let status = lib.lesson_translation_status(&lesson).unwrap();
    assert_eq!(status.state_of(&lesson, "body", Lang::En), Some(FieldState::Stale));
}

#[test]
fn foreign_or_broken_files_are_refused_and_nothing_changes() {
    let (_dir, mut lib, id) = sample();
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    let filled = translate_everything(&xliff, |s| format!("EN {s}"));
    let before = snapshot(&lib, &id);

    let other_course = filled.replace(
        &format!("juntos:course/{id}"),
        "juntos:course/00000000-0000-0000-0000-000000000000",
    );
    assert_eq!(lib.xliff_import(&other_course).unwrap_err().code(), "xliff_wrong_course");
    let unknown = filled.replace("id=\"course/summary\"", "id=\"lesson/nope/body\"");
    let err = lib.xliff_import(&unknown).unwrap_err();
    assert_eq!(err.code(), "xliff_unknown_units");
    assert!(err.message(Lang::En).contains("lesson/nope/body"));
    let reversed = filled.replace(
        "source-language=\"pt\" target-language=\"en\"",
        "source-language=\"en\" target-language=\"pt\"",
    );
    assert_eq!(lib.xliff_import(&reversed).unwrap_err().code(), "xliff_same_language");
    for broken in [
        "not xml at all".to_string(),
        filled[..filled.len() / 2].to_string(),
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><xliff version=\"1.2\"/>".to_string(),
        "<xliff version=\"2.0\"></xliff>".to_string(),
        filled.replace("<trans-unit id=\"course/summary\"", "<trans-unit id=\"course/title\""),
    ] {
        assert_eq!(lib.xliff_import(&broken).unwrap_err().code(), "xliff_invalid", "{}", &broken[..broken.len().min(80)]);
    }
    assert!(snapshot(&lib, &id) == before, "a refused import leaves the course as it was");
}

#[test]
fn the_command_line_exports_and_imports() {
    let (dir, lib, _id) = sample();
    drop(lib);
    let juntos = || {
        let mut cmd = Command::cargo_bin("juntos").unwrap();
        cmd.env("JUNTOS_LIBRARY", dir.path()).env("LANG", "en_GB.UTF-8");
        cmd
    };
    let file = dir.path().join("curso.en.xlf");
    juntos()
        .args(["xliff", "export", "apresentacoes-eficazes", "--target", "en", "--to"])
        .arg(&file)
        .assert()
        .success();
    let xliff = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, translate_everything(&xliff, |s| format!("EN {s}"))).unwrap();
    let out = juntos().args(["xliff", "import", "--json"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["updated"].as_array().unwrap().len() > 10);
    std::fs::write(&file, b"<xliff").unwrap();
    juntos()
        .args(["xliff", "import"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("[xliff_invalid]"));
}

/// The file with one unit's target replaced (and its state set).
fn with_target(xliff: &str, unit_id: &str, state: &str, text: &str) -> String {
    let at = xliff.find(&format!("id=\"{unit_id}\"")).unwrap();
    let start = xliff[at..].find("<target").unwrap() + at;
    let end = xliff[start..].find("</target>").unwrap() + start + "</target>".len();
    format!("{}<target state=\"{state}\">{text}</target>{}", &xliff[..start], &xliff[end..])
}

/// Issue 14 item 1: a correction made after the export survives an import
/// of the untouched file, and nothing is reported as updated.
#[test]
fn an_untouched_file_does_not_revert_a_newer_local_edit() {
    let (_dir, mut lib, id) = sample();
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    lib.set_course_text(&id, juntos::CourseField::Title, Lang::En, "Corrected title").unwrap();
    let report = lib.xliff_import(&xliff).unwrap();
    assert!(report.updated.is_empty(), "{:?}", report.updated);
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    assert_eq!(lib.course(&id).unwrap().title.en, "Corrected title");
}

/// A unit the translator changed whose local text also changed since the
/// export is a conflict: the local text stays, the conflict is listed, and
/// the person may take the translator's text by unit id.
#[test]
fn both_sides_changed_is_a_conflict_the_person_resolves() {
    let (_dir, mut lib, id) = sample();
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    let theirs = with_target(&xliff, "course/title", "translated", "Translator's title");
    lib.set_course_text(&id, juntos::CourseField::Title, Lang::En, "Local title").unwrap();
    let report = lib.xliff_import(&theirs).unwrap();
    assert_eq!(lib.course(&id).unwrap().title.en, "Local title");
    assert_eq!(report.conflicts.len(), 1);
    let conflict = &report.conflicts[0];
    assert_eq!(conflict.id, "course/title");
    assert_eq!(conflict.local, "Local title");
    assert_eq!(conflict.theirs, "Translator's title");
    assert!(report.updated.is_empty());

    let choices =
        juntos::xliff::Choices { take_theirs: vec!["course/title".into()], take_all_theirs: false };
    let report = lib.xliff_import_with(&theirs, &choices).unwrap();
    assert_eq!(report.updated, vec!["course/title".to_string()]);
    assert_eq!(lib.course(&id).unwrap().title.en, "Translator's title");
}

/// A file whose export is not on record (made elsewhere, or the tool
/// dropped the mark) cannot prove a local text is older: every unit that
/// would replace a different local text is a conflict.
#[test]
fn a_file_without_an_export_record_never_overwrites_silently() {
    let (_dir, mut lib, id) = sample();
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    let start = xliff.find(" juntos:export=\"").unwrap();
    let end = xliff[start + 16..].find('"').unwrap() + start + 17;
    let unmarked = format!("{}{}", &xliff[..start], &xliff[end..]);
    let theirs = with_target(&unmarked, "course/title", "translated", "Translator's title");
    let report = lib.xliff_import(&theirs).unwrap();
    assert_eq!(report.conflicts.len(), 1, "{report:?}");
    assert_ne!(lib.course(&id).unwrap().title.en, "Translator's title");
}

/// A `needs-review-translation` unit never replaces a reviewed translation
/// and never makes a field count as complete.
#[test]
fn a_unit_that_needs_review_does_not_overwrite_a_reviewed_translation() {
    let (_dir, mut lib, id) = sample();
    let lesson = lib.resolve_lesson(&id, "1.1").unwrap();
    let unit = format!("lesson/{lesson}/title");
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    let unsure = with_target(&xliff, &unit, "needs-review-translation", "Maybe a title");
    let report = lib.xliff_import(&unsure).unwrap();
    assert!(report.updated.is_empty(), "{report:?}");
    assert_eq!(report.kept_reviewed, vec![unit.clone()]);
    assert_ne!(lib.lesson(&lesson).unwrap().title.en, "Maybe a title");
    assert!(lib.translation_status(&id).unwrap().is_complete());

    // Over a stale translation it is written, and stays stale.
    lib.set_lesson_text(&lesson, LessonField::Title, Lang::Pt, "Título mudado").unwrap();
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    let unsure = with_target(&xliff, &unit, "needs-review-translation", "Changed title?");
    let report = lib.xliff_import(&unsure).unwrap();
    assert_eq!(report.updated, vec![unit.clone()]);
    let status = lib.lesson_translation_status(&lesson).unwrap();
    assert_eq!(status.state_of(&lesson, "title", Lang::En), Some(FieldState::Stale));
    assert!(!lib.translation_status(&id).unwrap().is_complete());
}

/// An import that changes something keeps the revision before it, restorable.
#[test]
fn an_import_keeps_a_revision_to_undo_it() {
    let (_dir, mut lib, id) = sample();
    let before = lib.course(&id).unwrap();
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    let filled = translate_everything(&xliff, |s| format!("EN {s}"));
    let report = lib.xliff_import(&filled).unwrap();
    assert_eq!(report.revision_saved, Some(before.revision));
    let saved = lib.saved_revisions(&id).unwrap();
    assert_eq!(saved.last().unwrap().reason, "xliff");
    lib.restore_revision(&id, before.revision).unwrap();
    assert_eq!(lib.course(&id).unwrap().title, before.title);
}

#[test]
fn the_command_line_lists_conflicts_and_takes_theirs_on_request() {
    let (dir, mut lib, id) = sample();
    let file = dir.path().join("c.en.xlf");
    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    std::fs::write(&file, with_target(&xliff, "course/title", "translated", "Theirs")).unwrap();
    lib.set_course_text(&id, juntos::CourseField::Title, Lang::En, "Ours").unwrap();
    drop(lib);
    let juntos = || {
        let mut cmd = Command::cargo_bin("juntos").unwrap();
        cmd.env("JUNTOS_LIBRARY", dir.path()).env("LANG", "en_GB.UTF-8");
        cmd
    };
    let out = juntos().args(["xliff", "import"]).arg(&file).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("course/title") && stdout.contains("--take-theirs"), "{stdout}");
    let out = juntos().args(["xliff", "import", "--json"]).arg(&file).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["conflicts"][0]["id"], "course/title");
    assert_eq!(report["conflicts"][0]["local"], "Ours");
    juntos()
        .args(["xliff", "import", "--take-theirs", "course/title"])
        .arg(&file)
        .assert()
        .success();
    let lib = Library::open(dir.path()).unwrap();
    assert_eq!(lib.course(&id).unwrap().title.en, "Theirs");
}

#[test]
fn topics_travel_one_unit_each_and_come_back_translated() {
    let (_dir, mut lib, id) = sample();
    // A new topic (Portuguese, the source), another kept; the kept one's
    // translation stays, the new one has none yet.
    let course = lib.course(&id).unwrap();
    let mut source: Vec<String> = course.topics.iter().map(|t| t.pt.clone()).collect();
    source.insert(1, "voz & corpo".into());
    let changes = juntos::model::CourseChanges { topics: Some(source), ..Default::default() };
    lib.update_course(&id, changes).unwrap();
    let status = lib.translation_status(&id).unwrap();
    assert_eq!(status.state_of(&id, "topics", Lang::En), Some(FieldState::Missing));

    let xliff = lib.xliff_export(&id, Lang::En).unwrap();
    let doc = juntos::xliff::parse(&xliff).unwrap();
    let topics: Vec<(&str, &str)> = doc
        .units
        .iter()
        .filter(|u| u.id.starts_with("course/topic/"))
        .map(|u| (u.id.as_str(), u.source.as_str()))
        .collect();
    assert_eq!(topics.len(), 5, "{topics:?}");
    assert_eq!(topics[1], ("course/topic/2", "voz & corpo"));
    let filled = translate_everything(&xliff, |source| {
        if source == "voz &amp; corpo" {
            "voice &amp; body".to_string()
        } else {
            format!("EN {source}")
        }
    });
    let report = lib.xliff_import(&filled).unwrap();
    assert!(report.updated.contains(&"course/topic/2".to_string()), "{report:?}");
    let course = lib.course(&id).unwrap();
    assert_eq!(course.topics[1].en, "voice & body");
    assert_eq!(course.topics_in(Lang::En)[1], "voice & body");
    let status = lib.translation_status(&id).unwrap();
    assert_eq!(status.state_of(&id, "topics", Lang::En), Some(FieldState::Complete));
}
