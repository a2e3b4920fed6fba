//! Organisation identity: the key pair, `juntos org`, and the trust store.

use juntos::org::{fingerprint, grouped, OrgKey};
use juntos::Library;
use predicates::prelude::*;

use crate::support::{self, juntos};

#[test]
fn a_new_library_gets_a_private_key_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let key_file = OrgKey::path(dir.path());
    assert!(key_file.exists(), "made when the library is created");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(
            std::fs::metadata(key_file.parent().unwrap()).unwrap().permissions().mode() & 0o777,
            0o700
        );
    }
    let identity = lib.org_identity().unwrap();
    let bytes = std::fs::read(&key_file).unwrap();
    drop(lib);
    let mut again = Library::open(dir.path()).unwrap();
    assert_eq!(again.org_identity().unwrap(), identity, "reopening keeps the same identity");
    assert_eq!(std::fs::read(&key_file).unwrap(), bytes, "the key file is never rewritten");
    let public: [u8; 32] = hex::decode(&identity.public_key).unwrap().try_into().unwrap();
    assert_eq!(fingerprint(&public), identity.fingerprint);
    assert_eq!(grouped(&identity.fingerprint).split(' ').count(), 16);
}

#[test]
fn an_older_library_gets_its_key_on_first_use() {
    let dir = tempfile::tempdir().unwrap();
    drop(Library::open(dir.path()).unwrap());
    std::fs::remove_dir_all(dir.path().join("keys")).unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    assert!(!OrgKey::path(dir.path()).exists(), "opening an existing library does not make one");
    let identity = lib.org_identity().unwrap();
    assert!(OrgKey::path(dir.path()).exists());
    assert_eq!(lib.org_identity().unwrap().fingerprint, identity.fingerprint);
}

#[test]
fn a_damaged_key_is_reported_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    drop(Library::open(dir.path()).unwrap());
    std::fs::write(OrgKey::path(dir.path()), "JUNTOS ED25519 SECRET KEY v1\nnot hex\n").unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    assert_eq!(lib.org_identity().unwrap_err().code(), "org_key_invalid");
    assert_eq!(
        std::fs::read_to_string(OrgKey::path(dir.path())).unwrap(),
        "JUNTOS ED25519 SECRET KEY v1\nnot hex\n"
    );
}

#[test]
fn org_set_and_show_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path())
        .args(["org", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no name"));
    juntos(dir.path())
        .args(["org", "set", "--name", "  "])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[org_name_missing]"));
    juntos(dir.path()).args(["org", "set", "--name", "Associação Kuyakana"]).assert().success();
    let identity = Library::open(dir.path()).unwrap().org_identity().unwrap();
    juntos(dir.path()).args(["org", "show"]).env("LANG", "pt_MZ.UTF-8").assert().success().stdout(
        predicate::str::contains("Organização: Associação Kuyakana")
            .and(predicate::str::contains(grouped(&identity.fingerprint))),
    );
    let json: serde_json::Value = serde_json::from_slice(
        &juntos(dir.path()).args(["--json", "org", "show"]).output().unwrap().stdout,
    )
    .unwrap();
    assert_eq!(json["fingerprint"], identity.fingerprint);
}

#[test]
fn export_needs_an_organisation_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    let course = lib.list_courses().unwrap()[0].id.clone();
    let err = lib
        .export_course(
            &course,
            &juntos::package::ExportOptions {
                to: Some(dir.path().to_path_buf()),
                ..Default::default()
            },
            support::go,
        )
        .unwrap_err();
    assert_eq!(err.code(), "org_name_missing");
}

#[test]
fn trust_is_asked_once_and_pinned_to_the_key() {
    let partner = support::partner();
    let (_dir, mut lib) = support::library("Receptor");
    let err = support::import(&mut lib, &partner.package, false).unwrap_err();
    assert_eq!(err.code(), "org_not_trusted");
    assert!(lib.trusted_organisations().unwrap().is_empty());
    let report = support::import(&mut lib, &partner.package, true).unwrap();
    assert_eq!(report.trust, juntos::org::TrustDecision::NewlyTrusted);
    let trusted = lib.trusted_organisations().unwrap();
    assert_eq!(trusted.len(), 1);
    assert_eq!(trusted[0].name, "Liga dos Direitos");
    // Known now: no --trust needed.
    let again = support::import(&mut lib, &partner.package, false).unwrap();
    assert_eq!(again.trust, juntos::org::TrustDecision::Trusted);

    // Same organisation id with a new key (the key file replaced) is refused, even with --trust.
    let mut plib = partner.lib;
    std::fs::remove_dir_all(partner.dir.path().join("keys")).unwrap();
    let out = partner.dir.path().join("rekeyed");
    std::fs::create_dir(&out).unwrap();
    let rekeyed =
        support::export_to(&mut plib, &partner.course_id, &out, juntos::package::Languages::Both);
    let err = support::import(&mut lib, &rekeyed, true).unwrap_err();
    assert_eq!(err.code(), "org_key_changed");

    // After the person removes the old trust, the new key can be trusted.
    let removed = lib.untrust_organisation("liga dos direitos").unwrap();
    assert_eq!(removed.fingerprint, trusted[0].fingerprint);
    assert_eq!(lib.untrust_organisation("nobody").unwrap_err().code(), "org_not_found");
    support::import(&mut lib, &rekeyed, true).unwrap();
}

#[test]
fn a_package_claiming_to_be_us_with_another_key_is_refused() {
    let (dir, mut impostor) = support::library("Receptor");
    let course = impostor.list_courses().unwrap()[0].id.clone();
    let package =
        support::export_to(&mut impostor, &course, dir.path(), juntos::package::Languages::Both);
    let (_d, mut lib) = support::library("receptor");
    assert_eq!(support::import(&mut lib, &package, true).unwrap_err().code(), "org_key_changed");
}

#[test]
fn trusted_and_untrust_on_the_command_line() {
    let partner = support::partner();
    let dir = tempfile::tempdir().unwrap();
    juntos(dir.path())
        .args(["org", "trusted"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no organisation"));
    juntos(dir.path())
        .arg("import")
        .arg(&partner.package)
        .arg("--trust")
        .assert()
        .success()
        .stdout(predicate::str::contains("now trusted"));
    juntos(dir.path())
        .args(["org", "trusted"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Liga dos Direitos"));
    juntos(dir.path()).args(["org", "untrust", "Liga dos Direitos"]).assert().success();
    juntos(dir.path())
        .args(["org", "trusted"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no organisation"));
}
