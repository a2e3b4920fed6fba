//! `juntos results …` end to end: the real binary on the fixture's library.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use crate::fixture::{self, id};

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

fn text(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn import_show_export_merge_and_delete_from_the_command_line() {
    let f = fixture::course();
    let (one, two) = crate::two_devices(&f);
    let root = f.lib.root().to_path_buf();
    let report = json(juntos(&root).arg("results").arg("import").arg(&one).arg(&two));
    assert_eq!(report["new_learners"], 4);
    assert_eq!(report["new_attempts"], 4);
    let again = text(juntos(&root).args(["results", "import"]).arg(&one));
    assert!(again.contains("já importado"), "{again}");

    let board = json(juntos(&root).args(["results", "show", "monitoria"]));
    assert_eq!(board["learners"], 4);
    assert_eq!(board["questions"][0]["question_id"], "q2");
    let summary = text(juntos(&root).args(["results", "show", "monitoria", "--group", "CSO X"]));
    assert!(summary.contains("Participantes: 2"), "{summary}");
    assert!(summary.contains("A linha de base vem antes?"), "{summary}");
    let english =
        text(juntos(&root).args(["results", "show", "monitoria"]).env("LANG", "en_GB.UTF-8"));
    assert!(english.contains("Quiz pass rate: 67 %"), "{english}");

    let csv = f.files.path().join("out.csv");
    let said = text(juntos(&root).args(["results", "export", "monitoria", "--csv"]).arg(&csv));
    assert!(said.contains("16 linhas"), "{said}");
    assert!(std::fs::read(&csv).unwrap().starts_with(b"\xEF\xBB\xBFlearner_id,"));
    let rows = json(juntos(&root).args(["results", "export", "monitoria", "--to", "2026-11-21"]));
    assert_eq!(rows.as_array().unwrap().len(), 4, "only Ana was active by the 21st");

    let learners = json(juntos(&root).args(["results", "learners", "monitoria"]));
    assert_eq!(learners.as_array().unwrap().len(), 4);
    let merged = json(juntos(&root).args(["results", "merge", "monitoria", &id(1), &id(4)]));
    assert_eq!(merged["kept"], id(1));
    let deleted = json(juntos(&root).args(["results", "delete-learner", "monitoria", &id(2)]));
    assert_eq!(deleted["deleted"], serde_json::json!([id(2)]));
    let board = json(juntos(&root).args(["results", "show", "monitoria"]));
    assert_eq!(board["learners"], 2);
}

#[test]
fn a_bad_file_exits_1_with_its_code_and_advice() {
    let f = fixture::course();
    let root = f.lib.root().to_path_buf();
    let bad = fixture::write(f.files.path(), "x.juntos-results", "{\"format\":");
    let out = juntos(&root).args(["results", "import"]).arg(&bad).arg("--json").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "results_damaged");
    let out =
        juntos(&root).args(["results", "merge", "monitoria", "abcd", "ef01"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("results_learner_not_found") && said.contains("juntos results learners"),
        "{said}"
    );
    let help = text(juntos(&root).args(["results", "export", "--help"]));
    assert!(help.contains("Escrever o CSV neste ficheiro"), "{help}");
}
