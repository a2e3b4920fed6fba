//! The `juntos` binary end to end: real processes on real library folders.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod errors;

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

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn init_lists_and_shows_the_sample_course() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).arg("init").assert().success().stdout(predicate::str::contains("Cursos: 1"));
    juntos(dir.path()).arg("courses").assert().success().stdout(
        predicate::str::contains("apresentacoes-eficazes")
            .and(predicate::str::contains("Apresentações eficazes")),
    );
    juntos(dir.path())
        .args(["show", "apresentacoes-eficazes"])
        .env("LANG", "en_GB.UTF-8")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Effective presentations")
                .and(predicate::str::contains("2.3")),
        );
    let courses = json(juntos(dir.path()).arg("courses"));
    assert_eq!(courses[0]["slug"], "apresentacoes-eficazes");
    // The --library flag wins over the environment.
    let other = tempfile::tempdir().unwrap();
    let listed = json(juntos(dir.path()).arg("--library").arg(other.path()).arg("courses"));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(other.path().join("library.db").exists());
}

#[test]
fn author_a_course_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let course = json(juntos(dir.path()).args([
        "new",
        "course",
        "Direitos humanos",
        "--organisation",
        "Liga",
    ]));
    assert_eq!(course["slug"], "direitos-humanos");
    let id = course["id"].as_str().unwrap().to_string();
    json(juntos(dir.path()).args(["new", "module", &id[..8], "Introdução"]));
    json(juntos(dir.path()).args([
        "new",
        "lesson",
        "direitos-humanos",
        "1",
        "O que são direitos?",
    ]));
    json(juntos(dir.path()).args([
        "new",
        "lesson",
        "direitos-humanos",
        "1",
        "História",
        "--position",
        "1",
    ]));

    let body = dir.path().join("body.md");
    std::fs::write(&body, "# Direitos\n\nTodas as pessoas têm direitos.").unwrap();
    juntos(dir.path())
        .args(["edit", "direitos-humanos", "1.2", "--field", "body", "--lang", "pt", "--file"])
        .arg(&body)
        .assert()
        .success();
    juntos(dir.path())
        .args(["edit", "direitos-humanos", "1.2", "--field", "body", "--lang", "en"])
        .write_stdin("# Rights\n\nEveryone has rights.")
        .assert()
        .success();
    juntos(dir.path())
        .args(["edit", "direitos-humanos", "--field", "title", "--lang", "en"])
        .write_stdin("Human rights")
        .assert()
        .success();

    let shown = json(juntos(dir.path()).args(["show", "direitos-humanos"]));
    let lessons = &shown["modules"][0]["lessons"];
    assert_eq!(lessons[0]["title"]["pt"], "História");
    assert_eq!(lessons[1]["body"]["en"], "# Rights\n\nEveryone has rights.");
    assert_eq!(shown["title"]["en"], "Human rights");

    // Change the Portuguese: the English goes stale until reviewed.
    juntos(dir.path())
        .args(["edit", "direitos-humanos", "1.2", "--field", "body", "--lang", "pt"])
        .write_stdin("Texto revisto.")
        .assert()
        .success();
    let status = json(juntos(dir.path()).args(["translation-status", "direitos-humanos", "1.2"]));
    let body_status =
        status["fields"].as_array().unwrap().iter().find(|f| f["field"] == "body").unwrap();
    assert_eq!(body_status["en"], "stale");
    juntos(dir.path())
        .args(["translation-status", "direitos-humanos"])
        .assert()
        .success()
        .stdout(predicate::str::contains("desatualizado"));
    juntos(dir.path())
        .args(["review", "direitos-humanos", "1.2", "--field", "body"])
        .assert()
        .success();
    let status = json(juntos(dir.path()).args(["translation-status", "direitos-humanos", "1.2"]));
    let body_status =
        status["fields"].as_array().unwrap().iter().find(|f| f["field"] == "body").unwrap();
    assert_eq!(body_status["en"], "complete");

    let hits = json(juntos(dir.path()).args(["search", "historia"]));
    assert_eq!(hits[0]["title"], "História");
    let hits = json(juntos(dir.path()).args(["search", "everyone"]));
    assert_eq!(hits[0]["lang"], "en");

    juntos(dir.path())
        .args(["mv", "direitos-humanos", "lesson", "1.2", "--to", "1"])
        .assert()
        .success();
    let shown = json(juntos(dir.path()).args(["show", "direitos-humanos"]));
    assert_eq!(shown["modules"][0]["lessons"][0]["title"]["pt"], "O que são direitos?");
    json(juntos(dir.path()).args(["new", "module", "direitos-humanos", "Prática"]));
    juntos(dir.path())
        .args(["mv", "direitos-humanos", "module", "2", "--to", "1"])
        .assert()
        .success();
    juntos(dir.path())
        .args(["mv", "direitos-humanos", "lesson", "2.1", "--to", "1", "--into", "1"])
        .assert()
        .success();
    let shown = json(juntos(dir.path()).args(["show", "direitos-humanos"]));
    assert_eq!(shown["modules"][0]["title"]["pt"], "Prática");
    assert_eq!(shown["modules"][0]["lessons"][0]["title"]["pt"], "O que são direitos?");

    let copy = json(juntos(dir.path()).args(["duplicate", "direitos-humanos"]));
    assert_eq!(copy["derived_from"], id.as_str());
    juntos(dir.path()).args(["rm", "direitos-humanos", "lesson", "1.1"]).assert().success();
    juntos(dir.path()).args(["rm", "direitos-humanos", "module", "2"]).assert().success();
    juntos(dir.path()).args(["rm", "direitos-humanos"]).assert().success();
    let courses = json(juntos(dir.path()).arg("courses"));
    assert_eq!(courses.as_array().unwrap().len(), 2, "the sample and the copy remain");
}

#[test]
fn user_errors_exit_1_with_a_code_and_a_message_in_the_persons_language() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).arg("init").assert().success();
    let db = dir.path().join("library.db");
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (vec!["show", "nao-existe"], "course_not_found", "Nenhum curso"),
        (vec!["show", "a"], "course_not_found", "juntos courses"),
        (vec!["new", "course", "   "], "empty_title", "título"),
        (vec!["new", "course", "X", "--slug", "Mau Slug"], "invalid_slug", "slug"),
        (vec!["new", "lesson", "apresentacoes-eficazes", "9", "T"], "module_not_found", "módulo"),
        (vec!["translation-status", "apresentacoes-eficazes", "7.1"], "lesson_not_found", "lição"),
        (
            vec!["mv", "apresentacoes-eficazes", "module", "1", "--to", "5"],
            "invalid_position",
            "1 a 2",
        ),
        (
            vec!["edit", "apresentacoes-eficazes", "1.1", "--field", "summary", "--lang", "pt"],
            "unknown_field",
            "summary",
        ),
    ];
    for (args, code, words) in cases {
        let before = file_bytes(&db);
        juntos(dir.path()).args(&args).write_stdin("").assert().code(1).stderr(
            predicate::str::contains(format!("[{code}]")).and(predicate::str::contains(words)),
        );
        assert_eq!(file_bytes(&db), before, "{args:?} changed the library");
    }
    juntos(dir.path())
        .args(["show", "nao-existe"])
        .env("LANG", "en_US.UTF-8")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("No course matches"));
    let out = juntos(dir.path()).args(["show", "nao-existe", "--json"]).output().unwrap();
    let error: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(error["error"]["code"], "course_not_found");
}

#[test]
fn ambiguous_names_list_the_candidates() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path())
        .args(["new", "lesson", "apresentacoes-eficazes", "1", "Revisão"])
        .assert()
        .success();
    juntos(dir.path())
        .args(["new", "lesson", "apresentacoes-eficazes", "2", "Revisão"])
        .assert()
        .success();
    juntos(dir.path())
        .args(["translation-status", "apresentacoes-eficazes", "revisão"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("[lesson_ambiguous]")
                .and(predicate::str::contains("1.3, 2.4")),
        );
}

#[test]
fn a_body_that_is_not_utf8_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).arg("init").assert().success();
    let latin1 = dir.path().join("latin1.md");
    std::fs::write(&latin1, b"Educa\xe7\xe3o c\xedvica").unwrap();
    let before = json(juntos(dir.path()).args(["show", "apresentacoes-eficazes"]));
    juntos(dir.path())
        .args([
            "edit",
            "apresentacoes-eficazes",
            "1.1",
            "--field",
            "body",
            "--lang",
            "pt",
            "--file",
        ])
        .arg(&latin1)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[not_utf8]").and(predicate::str::contains("UTF-8")));
    juntos(dir.path())
        .args(["edit", "apresentacoes-eficazes", "1.1", "--field", "body", "--lang", "pt"])
        .write_stdin(&b"\xff\xfe"[..])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[not_utf8]"));
    juntos(dir.path())
        .args([
            "edit",
            "apresentacoes-eficazes",
            "1.1",
            "--field",
            "body",
            "--lang",
            "pt",
            "--file",
            "/nonexistent/x.md",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[read_input_failed]"));
    assert_eq!(json(juntos(dir.path()).args(["show", "apresentacoes-eficazes"])), before);
}

#[test]
fn a_garbage_database_is_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = b"PK\x03\x04 not a database".repeat(100);
    std::fs::write(dir.path().join("library.db"), &garbage).unwrap();
    juntos(dir.path()).arg("courses").assert().code(1).stderr(
        predicate::str::contains("[library_corrupt]")
            .and(predicate::str::contains("Não foi alterado")),
    );
    assert_eq!(file_bytes(&dir.path().join("library.db")), garbage);
    let names: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no files were added next to the damaged database: {names:?}");
}

#[test]
fn a_locked_database_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).arg("init").assert().success();
    let db = dir.path().join("library.db");
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    juntos(dir.path())
        .args(["new", "course", "Bloqueado"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[library_locked]"));
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(json(juntos(dir.path()).arg("courses")).as_array().unwrap().len(), 1);
}

#[test]
fn a_library_folder_that_cannot_be_created_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    juntos(&file.join("library"))
        .arg("courses")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[library_not_writable]"));
}

/// Issue 14 item 5: reviewing a translation that does not exist is refused
/// and changes nothing.
#[test]
fn review_of_a_missing_translation_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).args(["new", "course", "Sem tradução", "--slug", "sem"]).assert().success();
    let before = json(juntos(dir.path()).args(["show", "sem"]));
    juntos(dir.path())
        .args(["review", "sem", "--field", "title"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[translation_missing]"));
    let after = json(juntos(dir.path()).args(["show", "sem"]));
    assert_eq!(before["revision"], after["revision"], "nothing changed");
}

/// Issue 14 item 18: titles are one line, in every language and at every level.
#[test]
fn titles_with_several_lines_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path())
        .args(["new", "course", "Linha um\nLinha dois"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[title_multiline]"));
    juntos(dir.path()).args(["new", "course", "Curso", "--slug", "curso"]).assert().success();
    juntos(dir.path()).args(["new", "module", "curso", "Módulo"]).assert().success();
    juntos(dir.path())
        .args(["new", "lesson", "curso", "1", "Uma\nlição\nde\nvárias\nlinhas"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[title_multiline]"));
    juntos(dir.path())
        .args(["edit", "curso", "--field", "title", "--lang", "en"])
        .write_stdin("Course\nwith a second line\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[title_multiline]"));
    // A trailing newline (as `echo` writes) is not a second line.
    juntos(dir.path())
        .args(["edit", "curso", "--field", "title", "--lang", "en"])
        .write_stdin("Course\n")
        .assert()
        .success();
}

/// Issue 14 item 19: quizzes from the command line, from JSON files with both languages.
#[test]
fn quiz_questions_are_added_edited_and_removed_from_json_files() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).args(["new", "course", "Quiz", "--slug", "q"]).assert().success();
    juntos(dir.path()).args(["new", "module", "q", "M"]).assert().success();
    juntos(dir.path()).args(["new", "lesson", "q", "1", "L"]).assert().success();
    let file = dir.path().join("pergunta.json");
    std::fs::write(
        &file,
        r#"{ "kind": "single_choice",
             "prompt": { "pt": "Quanto é 2+2?", "en": "What is 2+2?" },
             "options": [ { "pt": "4", "en": "4", "correct": true },
                          { "pt": "5", "en": "5" } ] }"#,
    )
    .unwrap();
    juntos(dir.path()).args(["quiz", "add", "q", "1.1"]).arg(&file).assert().success();
    juntos(dir.path())
        .args(["quiz", "add", "q", "1.1", "--pass-mark", "80"])
        .arg(&file)
        .assert()
        .success();
    let quiz = json(juntos(dir.path()).args(["quiz", "show", "q", "1.1"]));
    assert_eq!(quiz["pass_mark"], 80);
    assert_eq!(quiz["questions"].as_array().unwrap().len(), 2);
    assert_eq!(quiz["questions"][0]["prompt"]["en"], "What is 2+2?");
    let status = json(juntos(dir.path()).args(["translation-status", "q", "1.1"]));
    let quiz_status =
        status["fields"].as_array().unwrap().iter().find(|f| f["field"] == "quiz").unwrap();
    assert_eq!(quiz_status["en"], "complete", "both languages from the file");

    std::fs::write(
        &file,
        r#"{ "kind": "true_false", "prompt": { "pt": "A Terra é redonda?", "en": "" },
             "options": [ { "pt": "Verdadeiro", "en": "True", "correct": true },
                          { "pt": "Falso", "en": "False" } ] }"#,
    )
    .unwrap();
    juntos(dir.path()).args(["quiz", "edit", "q", "1.1", "2"]).arg(&file).assert().success();
    let quiz = json(juntos(dir.path()).args(["quiz", "show", "q", "1.1"]));
    assert_eq!(quiz["questions"][1]["kind"], "true_false");
    juntos(dir.path()).args(["quiz", "rm", "q", "1.1", "1"]).assert().success();
    juntos(dir.path()).args(["quiz", "rm", "q", "1.1", "1"]).assert().success();
    let quiz = json(juntos(dir.path()).args(["quiz", "show", "q", "1.1"]));
    assert!(quiz.is_null(), "the last question removes the quiz");

    std::fs::write(&file, "{ not json").unwrap();
    juntos(dir.path())
        .args(["quiz", "add", "q", "1.1"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[quiz_file_invalid]"));
}

#[test]
fn set_takes_topics_in_the_source_language_and_their_translation() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).arg("init").assert().success();
    let course = json(juntos(dir.path()).args([
        "set",
        "apresentacoes-eficazes",
        "--topics",
        "água, saúde",
        "--topics-translation",
        ",health",
    ]));
    let topics: Vec<(&str, &str)> = course["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["pt"].as_str().unwrap(), t["en"].as_str().unwrap()))
        .collect();
    assert_eq!(topics, [("água", ""), ("saúde", "health")]);
    let status = json(juntos(dir.path()).args(["translation-status", "apresentacoes-eficazes"]));
    let field = status["fields"].as_array().unwrap().iter().find(|f| f["field"] == "topics");
    assert_eq!(field.unwrap()["en"], "missing", "{status}");
}
