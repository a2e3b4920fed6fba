//! Errors that must not send a trainer the wrong way (issue 14, items 7–14):
//! a full or read-only library disk still reads, damaged pages say "restore a
//! backup", a closed pipe ends quietly, help speaks the person's language,
//! and `export --to` says what it wrote.

use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use predicates::prelude::*;

use super::{json, juntos};

#[path = "../common/small_disk.rs"]
mod small_disk;
use small_disk::SmallDisk;

/// A tmpfs for the test, or a failure: these tests run as root (as CI does)
/// and must not pass by skipping.
fn small_disk(size: &str) -> SmallDisk {
    SmallDisk::new(size).expect("these tests mount a tmpfs and must run as root")
}

/// Fills the disk holding `dir` with `.filler` until nothing more fits.
fn fill(dir: &Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(dir.join(".filler")).unwrap();
    let chunk = vec![0x5Au8; 64 * 1024];
    while file.write(&chunk).is_ok_and(|n| n > 0) {}
    while file.write(&[0x5A]).is_ok_and(|n| n == 1) {}
    let _ = file.sync_all();
}

/// The same as `juntos()`, as a `std::process::Command` (to spawn, or run as another user).
fn plain_juntos(library: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("juntos"));
    cmd.env("JUNTOS_LIBRARY", library)
        .env("LANG", "pt_MZ.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).arg("init").assert().success();
    for args in [vec!["courses"], vec!["search", "a", "--limit", "1000"]] {
        let mut cmd = plain_juntos(dir.path());
        let mut child = cmd
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env("RUST_BACKTRACE", "1")
            .spawn()
            .unwrap();
        // The reader goes away before the program prints (`| head -0`).
        drop(child.stdout.take());
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        let status = child.wait().unwrap();
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} said something on stderr: {stderr}");
        use std::os::unix::process::ExitStatusExt;
        assert!(
            status.success() || status.signal() == Some(libc::SIGPIPE),
            "{args:?} ended with {status:?}"
        );
    }
}

/// A valid header, damaged pages: found at the first read of a course, not at open.
#[test]
fn damaged_pages_say_library_corrupt_with_the_restore_advice() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).arg("init").assert().success();
    let db = dir.path().join("library.db");
    let (root_page, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let root = conn
            .query_row("SELECT rootpage FROM sqlite_master WHERE name = 'courses'", [], |r| {
                r.get(0)
            })
            .unwrap();
        let size = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        (root, size)
    };
    let mut bytes = std::fs::read(&db).unwrap();
    let at = ((root_page - 1) * page_size) as usize;
    bytes[at..at + page_size as usize].fill(0xEE);
    std::fs::write(&db, &bytes).unwrap();
    for args in [vec!["courses"], vec!["show", "apresentacoes-eficazes"]] {
        juntos(dir.path()).args(&args).assert().code(1).stderr(
            predicate::str::contains("[library_corrupt]")
                .and(predicate::str::contains("cópia de segurança"))
                .and(predicate::str::contains("malformed").not()),
        );
    }
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "the damaged file is left as it was");
}

#[test]
fn a_full_library_disk_still_reads_and_refuses_changes_with_disk_full() {
    let disk = small_disk("8m");
    let root = disk.path().join("biblioteca");
    juntos(&root).arg("init").assert().success();
    fill(disk.path());
    let before = names_in(&root);
    let listed = json(juntos(&root).arg("courses"));
    assert_eq!(listed[0]["slug"], "apresentacoes-eficazes");
    juntos(&root).args(["search", "apresentação"]).assert().success();
    juntos(&root).args(["show", "apresentacoes-eficazes"]).assert().success();
    juntos(&root).args(["new", "course", "Sem espaço"]).assert().code(1).stderr(
        predicate::str::contains("[disk_full]").and(predicate::str::contains("Liberte espaço")),
    );
    juntos(&root)
        .args(["new", "course", "No room"])
        .env("LANG", "en_GB.UTF-8")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Free some space"));
    assert_eq!(names_in(&root), before, "no -shm or other file left beside the database");
    // With room again, changes work.
    std::fs::remove_file(disk.path().join(".filler")).unwrap();
    juntos(&root).args(["new", "course", "Com espaço"]).assert().success();
}

#[test]
fn a_library_on_a_read_only_disk_reads_renders_and_exports_and_refuses_only_changes() {
    let disk = small_disk("16m");
    let root = disk.path().join("biblioteca");
    juntos(&root).args(["org", "set", "--name", "Kuyakana"]).assert().success();
    disk.remount_read_only();
    let out = tempfile::tempdir().unwrap();
    juntos(&root).arg("courses").assert().success();
    juntos(&root).args(["search", "apresentação"]).assert().success();
    juntos(&root).args(["show", "apresentacoes-eficazes"]).assert().success();
    juntos(&root)
        .args(["export", "apresentacoes-eficazes", "--to"])
        .arg(out.path())
        .assert()
        .success();
    assert_eq!(names_in(out.path()).len(), 1, "{:?}", names_in(out.path()));
    juntos(&root).args(["new", "course", "Só leitura"]).assert().code(1).stderr(
        predicate::str::contains("[library_not_writable]")
            .and(predicate::str::contains("só de leitura")),
    );
    juntos(&root)
        .args(["new", "course", "Read only"])
        .env("LANG", "en_GB.UTF-8")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("read-only"));
}

#[test]
fn a_library_in_another_persons_folder_reads_and_says_permission_denied_on_changes() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    assert!(small_disk::is_root(), "this test changes user and must run as root");
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let root = dir.path().join("biblioteca");
    juntos(&root).arg("init").assert().success();
    // Someone else (nobody) reads the library the owner keeps.
    let as_nobody = || {
        let mut cmd = plain_juntos(&root);
        cmd.uid(65534).gid(65534).env("HOME", "/nonexistent");
        cmd
    };
    let listed = as_nobody().arg("courses").output().unwrap();
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("apresentacoes-eficazes"));
    let refused = as_nobody().args(["new", "course", "Alheio"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("[library_not_writable]") && stderr.contains("permissão"), "{stderr}");
    assert!(!stderr.contains("só de leitura"), "{stderr}");
}

#[test]
fn help_is_in_portuguese_unless_the_locale_is_english() {
    let dir = tempfile::tempdir().unwrap();
    let help = |lang: &str, args: &[&str]| {
        let out = juntos(dir.path()).env("LANG", lang).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let pt = help("pt_MZ.UTF-8", &["--help"]);
    assert!(pt.contains("Listar os cursos da biblioteca"), "{pt}");
    assert!(pt.contains("Uso:") && pt.contains("Comandos:") && pt.contains("Opções:"), "{pt}");
    assert!(!pt.contains("List the courses"), "{pt}");
    let pt_sub = help("pt_MZ.UTF-8", &["search", "--help"]);
    assert!(pt_sub.contains("Pesquisar nas duas línguas"), "{pt_sub}");
    assert!(pt_sub.contains("Mostrar esta ajuda"), "{pt_sub}");
    let en = help("en_GB.UTF-8", &["--help"]);
    assert!(en.contains("List the courses in the library"), "{en}");
    assert!(en.contains("Usage:") && en.contains("Commands:"), "{en}");
    let en_sub = help("en_US.UTF-8", &["search", "--help"]);
    assert!(en_sub.contains("Search both languages"), "{en_sub}");

    // Every option and argument of a command, and clap's own brackets.
    let english = [
        "Usage:",
        "[OPTIONS]",
        "[default:",
        "[possible values:",
        "Possible values:",
        "Print help",
        "Course: slug",
        "Folder or file to write",
        "Replace a package of the same name",
        "A signed .juntos package",
        "Every video of the course",
        "Keep only START-END",
        "Size and quality",
        "Show at most this many results",
        "Words to look for",
    ];
    for args in [&["export", "--help"][..], &["media", "prepare", "--help"], &["search", "--help"]]
    {
        let pt = help("pt_MZ.UTF-8", args);
        for phrase in english {
            assert!(!pt.contains(phrase), "{args:?} has {phrase:?}:\n{pt}");
        }
        assert!(pt.contains("Uso: juntos") && pt.contains("[OPÇÕES]"), "{pt}");
    }
    let export = help("pt_MZ.UTF-8", &["export", "--help"]);
    for phrase in [
        "Curso: slug, id ou início do id (4+ caracteres)",
        "Pasta ou ficheiro a escrever",
        "Substituir um pacote com o mesmo nome",
        "[valores possíveis: pt, en, both]",
        "[por omissão: both]",
        "Valores possíveis:",
        "Um pacote .juntos assinado",
    ] {
        assert!(export.contains(phrase), "{phrase:?}:\n{export}");
    }
    let prepare = help("pt_MZ.UTF-8", &["media", "prepare", "--help"]);
    for phrase in ["Todos os vídeos do curso", "Guardar só INÍCIO-FIM", "[por omissão: standard]"]
    {
        assert!(prepare.contains(phrase), "{phrase:?}:\n{prepare}");
    }
    let search = help("pt_MZ.UTF-8", &["search", "--help"]);
    assert!(search.contains("Mostrar no máximo este número de resultados [por omissão: 20]"));
    assert!(search.contains("As palavras a procurar"), "{search}");
    // The subcommands clap's `help` lists are translated too.
    let help_help = help("pt_MZ.UTF-8", &["help", "help"]);
    assert!(help_help.contains("Listar os cursos da biblioteca"), "{help_help}");

    let en = help("en_GB.UTF-8", &["export", "--help"]);
    for phrase in [
        "Usage: juntos export [OPTIONS] <COURSE>",
        "Course: slug, id or start of the id (4+ characters)",
        "Folder or file to write",
        "[default: both]",
        "Possible values:",
    ] {
        assert!(en.contains(phrase), "{phrase:?}:\n{en}");
    }
    let en = help("en_GB.UTF-8", &["media", "prepare", "--help"]);
    assert!(en.contains("Every video of the course") && en.contains("[default: standard]"), "{en}");
    let en = help("en_GB.UTF-8", &["search", "--help"]);
    assert!(en.contains("Show at most this many results") && en.contains("[default: 20]"), "{en}");
}

#[test]
fn parse_errors_are_in_portuguese_unless_the_locale_is_english() {
    let dir = tempfile::tempdir().unwrap();
    let fails = |lang: &str, args: &[&str]| {
        let out = juntos(dir.path()).env("LANG", lang).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let pt = fails("pt_MZ.UTF-8", &["courses", "--bogus"]);
    assert!(pt.starts_with("erro: argumento inesperado '--bogus'"), "{pt}");
    assert!(pt.contains("Uso: juntos courses [OPÇÕES]") && pt.contains("'--help'"), "{pt}");
    for english in ["error:", "unexpected", "Usage", "For more information", "tip:"] {
        assert!(!pt.contains(english), "{english}: {pt}");
    }
    let pt = fails("pt_MZ.UTF-8", &["export", "x", "--lnag", "pt"]);
    assert!(pt.contains("dica: existe um argumento parecido: '--lang'"), "{pt}");
    let pt = fails("pt_MZ.UTF-8", &["edit", "x"]);
    assert!(pt.contains("faltam estes argumentos obrigatórios:") && pt.contains("--field"), "{pt}");
    let pt = fails("pt_MZ.UTF-8", &["export", "x", "--format", "zip"]);
    assert!(pt.contains("valor inválido 'zip'") && pt.contains("[valores possíveis: juntos"));
    let pt = fails("pt_MZ.UTF-8", &["search", "x", "--limit", "muitos"]);
    assert!(pt.contains("valor inválido 'muitos'") && pt.contains("não é um número inteiro"));
    let pt = fails("pt_MZ.UTF-8", &["export", "x", "--unpacked", "d", "--to", "e"]);
    assert!(pt.contains("não pode ser usado com '--to <TO>'"), "{pt}");
    let pt = fails("pt_MZ.UTF-8", &["serch", "x"]);
    assert!(pt.contains("subcomando desconhecido 'serch'") && pt.contains("'search'"), "{pt}");

    let en = fails("en_GB.UTF-8", &["courses", "--bogus"]);
    assert!(en.starts_with("error: unexpected argument '--bogus' found"), "{en}");
    assert!(en.contains("Usage: juntos courses [OPTIONS]"), "{en}");
    assert!(en.contains("For more information, try '--help'."), "{en}");
}

#[test]
fn export_to_a_folder_that_does_not_exist_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).args(["org", "set", "--name", "Kuyakana"]).assert().success();
    let out = tempfile::tempdir().unwrap();
    // Ends in a slash: a folder, made for the package.
    let folder = out.path().join("pen/");
    let made = json(
        juntos(dir.path())
            .args(["export", "apresentacoes-eficazes", "--to"])
            .arg(format!("{}/", out.path().join("pen").display())),
    );
    let written = Path::new(made["path"].as_str().unwrap()).to_path_buf();
    assert!(written.starts_with(&folder) && written.extension().unwrap() == "juntos", "{made}");
    // No slash and no extension: neither a folder nor a package name; refused.
    let unclear = out.path().join("pacotes");
    juntos(dir.path())
        .args(["export", "apresentacoes-eficazes", "--to"])
        .arg(&unclear)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("[export_target_unclear]")
                .and(predicate::str::contains(".juntos")),
        );
    assert!(!unclear.exists(), "nothing written under a name without .juntos");
}

#[test]
fn a_damaged_package_is_described_in_portuguese_words_only() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).args(["org", "set", "--name", "Kuyakana"]).assert().success();
    let out = tempfile::tempdir().unwrap();
    let made =
        json(juntos(dir.path()).args(["export", "apresentacoes-eficazes", "--to"]).arg(out.path()));
    let package = std::fs::read(made["path"].as_str().unwrap()).unwrap();
    let mut damaged = Vec::new();
    damaged.push(package[..package.len() / 2].to_vec());
    for at in [package.len() / 3, package.len() / 2, 2 * package.len() / 3] {
        let mut bytes = package.clone();
        for b in &mut bytes[at..at + 64] {
            *b ^= 0x5A;
        }
        damaged.push(bytes);
    }
    let english = ["deflate", "end-of-archive", "stream", "invalid", "truncated", "corrupt "];
    for (i, bytes) in damaged.iter().enumerate() {
        let path = out.path().join(format!("danificado-{i}.juntos"));
        std::fs::write(&path, bytes).unwrap();
        let run = juntos(dir.path()).arg("verify").arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        for word in english {
            assert!(!stderr.to_lowercase().contains(word), "English '{word}' in: {stderr}");
        }
    }
}

#[test]
fn counts_agree_in_number() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).args(["new", "course", "Um só", "--slug", "um"]).assert().success();
    juntos(dir.path()).args(["new", "module", "um", "Módulo"]).assert().success();
    juntos(dir.path()).args(["new", "lesson", "um", "1", "Lição"]).assert().success();
    let listed = juntos(dir.path()).arg("courses").output().unwrap();
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(text.contains("1 módulo, 1 lição"), "{text}");
    assert!(text.contains("2 módulos"), "{text}");
    let listed = juntos(dir.path()).arg("courses").env("LANG", "en_GB.UTF-8").output().unwrap();
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(text.contains("1 module, 1 lesson"), "{text}");
}

#[test]
fn an_unpacked_export_onto_a_foreign_folder_does_not_suggest_force() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path()).args(["org", "set", "--name", "Kuyakana"]).assert().success();
    let target = dir.path().join("fotos");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("familia.jpg"), b"precious").unwrap();
    for force in [false, true] {
        let mut cmd = juntos(dir.path());
        cmd.args(["export", "apresentacoes-eficazes", "--unpacked"]).arg(&target);
        if force {
            cmd.arg("--force");
        }
        let run = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("[export_folder_not_empty]") && stderr.contains("A pasta"),
            "{stderr}"
        );
        assert!(!stderr.contains("--force") && !stderr.contains("O ficheiro"), "{stderr}");
    }
    assert_eq!(std::fs::read(target.join("familia.jpg")).unwrap(), b"precious");
}
