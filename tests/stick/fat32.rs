//! A stick on FAT32, the file system of most USB sticks in the field. This
//! machine's kernel may lack vfat (then FAT is mounted read-only through the
//! FUSE driver fusefat, whose writing is unreliable): as in
//! `tests/faults/fat32.rs`, the stick is written to a folder, copied onto a
//! FAT32 image by mtools (a second FAT implementation, so every name the
//! stick uses must survive FAT), checked by `fsck.vfat`, mounted, and must
//! verify and import from the mount. Where root or the tools are missing
//! the test says so and skips, or fails under `JUNTOS_REQUIRE_PRIVILEGED=1`.

use std::path::Path;
use std::process::{Command, Stdio};

use juntos::package::{ImportOptions, ImportOutcome, Languages};
use juntos::stick::verify::verify_stick;

use crate::support::small_disk::{cannot_run, is_root, running};
use crate::support::*;

fn have(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn run(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

#[test]
fn a_stick_on_a_fat32_image_verifies_and_imports() {
    if !is_root() {
        return cannot_run("a FAT32 image needs root to mount");
    }
    for tool in ["mkfs.vfat", "mcopy", "fsck.vfat"] {
        if !have(tool) {
            return cannot_run(&format!("needs {tool} (Debian: dosfstools, mtools)"));
        }
    }
    let kernel_vfat =
        std::fs::read_to_string("/proc/filesystems").unwrap_or_default().contains("vfat");
    if !kernel_vfat && !have("fusefat") {
        return cannot_run("needs the kernel's vfat or fusefat");
    }
    running();
    let mut t = three_courses(0);
    let folder = tempfile::tempdir().unwrap();
    write(&mut t.lib, folder.path(), &t.courses);

    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("pen.img");
    let mnt = dir.path().join("pen");
    std::fs::create_dir(&mnt).unwrap();
    assert!(run(Command::new("mkfs.vfat")
        .args(["-F", "32", "-n", "PEN", "-C"])
        .arg(&image)
        .arg((64 * 1024).to_string())));
    let status = Command::new("mcopy")
        .env("MTOOLS_SKIP_CHECK", "1")
        .args(["-s", "-i"])
        .arg(&image)
        .arg(folder.path().join("Juntos"))
        .arg("::/")
        .status()
        .unwrap();
    assert!(status.success(), "mcopy onto the FAT32 image");
    assert!(
        run(Command::new("fsck.vfat").arg("-n").arg(&image)),
        "fsck.vfat finds the image clean"
    );

    let mounted = if kernel_vfat {
        run(Command::new("mount").args(["-t", "vfat", "-o", "loop,ro"]).arg(&image).arg(&mnt))
    } else {
        run(Command::new("fusefat").args(["-o", "ro"]).arg(&image).arg(&mnt))
    };
    assert!(mounted, "mount the FAT32 image");
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&mnt)));
    let _ = Command::new("umount").arg(&mnt).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

fn check(mnt: &Path) {
    let root = mnt.join("Juntos");
    let v = verify_stick(&root, &mut go).unwrap();
    assert!(v.ok, "{:?}", v.problems);
    assert_eq!(v.courses, 3);
    assert_catalogue_complete(&root);
    let (_dir, mut other) = library("Escola Nova");
    let options = ImportOptions { trust: true, ..Default::default() };
    let reports = other.stick_import(&root, &[], &options, go).unwrap();
    assert!(reports.iter().all(|r| r.outcome == ImportOutcome::Added));
}

#[test]
fn a_video_of_4_gib_or_more_is_refused_for_a_fat32_stick_before_anything_is_written() {
    use juntos::package::fsinfo::FAT32_MAX_FILE;
    use juntos::package::writer::{Entry, Source};
    use juntos::stick::preflight::preflight;
    use juntos::stick::write::write;

    if !is_root() {
        return cannot_run("a FAT32 image needs root to mount");
    }
    if !have("mkfs.vfat") {
        return cannot_run("needs mkfs.vfat (Debian: dosfstools)");
    }
    let kernel_vfat =
        std::fs::read_to_string("/proc/filesystems").unwrap_or_default().contains("vfat");
    if !kernel_vfat && !have("fusefat") {
        return cannot_run("needs the kernel's vfat or fusefat");
    }
    running();
    let dir = tempfile::tempdir().unwrap();
    let image = dir.path().join("pen.img");
    let mnt = dir.path().join("pen");
    std::fs::create_dir(&mnt).unwrap();
    assert!(run(Command::new("mkfs.vfat")
        .args(["-F", "32", "-n", "PEN", "-C"])
        .arg(&image)
        .arg((64 * 1024).to_string())));
    // Writable through the kernel's vfat; else read-only through fusefat,
    // where the refusal must still be "too big for FAT32", not "cannot write".
    let mounted = (kernel_vfat
        && run(Command::new("mount").args(["-t", "vfat", "-o", "loop"]).arg(&image).arg(&mnt)))
        || run(Command::new("fusefat").args(["-o", "ro"]).arg(&image).arg(&mnt));
    assert!(mounted, "mount the FAT32 image");
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // A course set with one more video of 4 GiB + 1 byte (sparse: no disk used).
        let mut t = three_courses(0);
        let (mut plan, key) = t.lib.plan_stick(&t.courses, Languages::Both).unwrap();
        let big = t.dir.path().join("enorme.mp4");
        let size = FAT32_MAX_FILE + 2;
        std::fs::File::create(&big).unwrap().set_len(size).unwrap();
        let path = format!("media/{}.mp4", "e".repeat(64));
        plan.files.push(Entry {
            path: path.clone(),
            size,
            sha256: "e".repeat(64),
            source: Source::File { path: big, crc32: None },
            deflate: false,
        });
        plan.files.sort_by(|a, b| a.path.cmp(&b.path));

        let root = mnt.join("Juntos");
        let before = files(&mnt);
        let (report, problem) = preflight(&root, &plan).unwrap();
        assert!(report.fat32, "the FAT32 mount is seen as FAT32: {report:?}");
        assert_eq!(report.largest_file.as_deref(), Some(path.as_str()));
        assert_eq!(problem.map(|e| e.code()), Some("export_too_big_for_fat32"));
        let err = write(&root, &plan, &key, &mut go).unwrap_err();
        assert_eq!(err.code(), "export_too_big_for_fat32", "{err:?}");
        assert!(err.message(juntos::model::Lang::Pt).contains(&path));
        assert_eq!(files(&mnt), before, "nothing written on the stick");
        assert!(!root.exists());

        // The same set is not refused for size on a disk that is not FAT.
        let elsewhere = tempfile::tempdir().unwrap();
        let (report, problem) = preflight(&elsewhere.path().join("Juntos"), &plan).unwrap();
        assert!(!report.fat32);
        assert_ne!(problem.map(|e| e.code()), Some("export_too_big_for_fat32"));
    }));
    let _ = Command::new("umount").arg(&mnt).status();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
    assert!(run(Command::new("fsck.vfat").arg("-n").arg(&image)) || !have("fsck.vfat"));
}
