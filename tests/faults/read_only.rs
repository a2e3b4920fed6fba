//! A write-protected stick: export says so (not "the library"), writes
//! nothing, and the library is as it was; a package on it still imports.

use juntos::model::Lang;
use juntos::Library;

use crate::support::*;

#[test]
fn an_export_to_a_read_only_stick_is_refused_clearly() {
    let Some(stick) = SmallDisk::new("64m") else { return };
    stick.remount_read_only();
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, course) = library_with_video(dir.path(), "Kuyakana", 2 * MIB, 1);
    let before = hash_tree(dir.path());
    let err = export(&mut lib, &course, stick.path()).unwrap_err();
    assert_eq!(err.code(), "target_not_writable", "{err:?}");
    assert!(err.is_user_error());
    assert!(err.message(Lang::En).contains("write-protected"), "{}", err.message(Lang::En));
    assert_eq!(std::fs::read_dir(stick.path()).unwrap().count(), 0);
    assert_eq!(hash_tree(dir.path()), before);
}

#[test]
fn a_package_on_a_read_only_stick_imports() {
    let Some(stick) = SmallDisk::new("64m") else { return };
    let package = partner_package(stick.path(), 2 * MIB);
    stick.remount_read_only();
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.import_package(&package, &trust(), go).unwrap();
    assert_sound(dir.path());
}
