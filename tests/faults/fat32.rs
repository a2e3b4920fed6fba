//! FAT32, the file system of most USB sticks in the field.
//!
//! - The 4 GiB pre-flight and the names FAT cannot hold are tested on the
//!   pure functions (`fsinfo::check_target`, `paths::check`), since a 4 GiB
//!   video is too much for a test.
//! - A real FAT32 file system (an image made by `mkfs.vfat`): the kernel's
//!   `vfat` when this machine has it, else the FUSE driver `fusefat`. A
//!   package is exported onto it and unzipped onto it (every entry name must
//!   survive FAT), the image is checked with `fsck.vfat`, read back through a
//!   second, independent FAT implementation (`mtools`) and through the mount,
//!   and must verify and import. Where these tools or root are missing the
//!   test says so and skips, or fails under `JUNTOS_REQUIRE_PRIVILEGED=1`
//!   (as `scripts/test.sh` runs it: see `tests/common/small_disk.rs`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use juntos::package::fsinfo::{check_target, FsInfo, WriteEstimate, FAT32_MAX_FILE};
use juntos::package::paths;
use juntos::Library;

use crate::support::*;

#[test]
fn the_4gib_preflight_refuses_what_fat32_cannot_hold() {
    let dir = Path::new("/media/pen");
    let fat = FsInfo { available: 64 << 30, fat32: true };
    let other = FsInfo { available: 64 << 30, fat32: false };
    let estimate = |package: u64, largest: u64| WriteEstimate {
        package,
        largest_entry: Some(("media/x.mp4".into(), largest)),
    };

    // Just under the limit: fine.
    check_target(dir, "curso.juntos", &fat, &estimate(FAT32_MAX_FILE, FAT32_MAX_FILE - 100))
        .unwrap();
    // One entry of 4 GiB: refused, naming the entry.
    let err = check_target(dir, "curso.juntos", &fat, &estimate(5 << 30, 4 << 30)).unwrap_err();
    assert_eq!(err.code(), "export_too_big_for_fat32");
    assert!(
        err.message(juntos::model::Lang::En).contains("media/x.mp4"),
        "{}",
        err.message(juntos::model::Lang::En)
    );
    // Many small entries that add up past 4 GiB: refused, naming the package.
    let err = check_target(dir, "curso.juntos", &fat, &estimate(FAT32_MAX_FILE + 1, 100 << 20))
        .unwrap_err();
    assert_eq!(err.code(), "export_too_big_for_fat32");
    assert!(err.message(juntos::model::Lang::Pt).contains("curso.juntos"));
    // The same package on exFAT or NTFS is fine.
    check_target(dir, "curso.juntos", &other, &estimate(5 << 30, 4 << 30)).unwrap();
    // And on FAT32, space still counts.
    let small = FsInfo { available: 10 << 20, fat32: true };
    assert_eq!(
        check_target(dir, "curso.juntos", &small, &estimate(20 << 20, 19 << 20))
            .unwrap_err()
            .code(),
        "not_enough_space"
    );
}

/// Whether FAT (and so a FAT32 stick on Windows) can hold this path.
fn legal_on_fat(path: &str) -> bool {
    const RESERVED: &[&str] = &["CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9"];
    path.split('/').all(|c| {
        let stem = c.split('.').next().unwrap_or("").to_ascii_uppercase();
        !c.is_empty()
            && c.encode_utf16().count() <= 255
            && !c.chars().any(|ch| (ch as u32) < 0x20 || "\"*:<>?\\|".contains(ch))
            && !c.ends_with('.')
            && !c.ends_with(' ')
            && !RESERVED.contains(&stem.as_str())
    })
}

#[test]
fn names_fat_cannot_hold_are_refused_and_ours_are_all_legal() {
    for name in [
        "media/a:b.png",
        "a*b.png",
        "a?b",
        "a\"b",
        "a<b",
        "a>b",
        "a|b",
        "a\\b",
        "lição.",
        "lição ",
        "CON",
        "con.txt",
        "media/nul.mp4",
        "COM1",
        "lpt9.txt",
        "a\u{1}b",
        "a\u{1f}b",
    ] {
        assert!(!legal_on_fat(name), "{name:?} is legal on FAT after all");
        assert!(
            paths::check(name.as_bytes()).is_err(),
            "the path rule accepts {name:?}, which FAT cannot hold"
        );
    }
    // Every name in a real package is legal on FAT.
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, course) = library_with_video(dir.path(), "Kuyakana", MIB, 1);
    let out = tempfile::tempdir().unwrap();
    let package = export(&mut lib, &course, out.path()).unwrap();
    let name = package.file_name().unwrap().to_str().unwrap();
    assert!(legal_on_fat(name), "{name}");
    for (entry, _) in read_entries(&package) {
        assert!(legal_on_fat(&entry), "{entry} cannot be unzipped onto FAT");
    }
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether `tool` is here; if not, says so (a failure under
/// `JUNTOS_REQUIRE_PRIVILEGED=1`) and the caller skips that part.
fn need(tool: &str, package: &str) -> bool {
    let here = have(tool);
    if !here {
        cannot_run(&format!("needs {tool} (Debian: {package})"));
    }
    here
}

fn run(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// A FAT32 image (made by `mkfs.vfat`), mounted at `mnt` by the kernel's
/// vfat when this machine has it, else read-only by the FUSE driver fusefat
/// (whose write mode is experimental: it refuses writes past the end of a
/// file and mis-sizes files, so here mtools writes the image instead).
struct FatStick {
    _dir: tempfile::TempDir,
    image: PathBuf,
    mnt: PathBuf,
    driver: &'static str,
}

impl FatStick {
    fn new(mib: u64) -> Option<FatStick> {
        if !is_root() {
            cannot_run("the FAT32 stick needs root to mount");
            return None;
        }
        if !need("mkfs.vfat", "dosfstools") {
            return None;
        }
        running();
        let dir = tempfile::tempdir().unwrap();
        let image = dir.path().join("pen.img");
        let mnt = dir.path().join("pen");
        std::fs::create_dir(&mnt).unwrap();
        assert!(run(Command::new("mkfs.vfat")
            .args(["-F", "32", "-n", "PEN", "-C"])
            .arg(&image)
            .arg((mib * 1024).to_string())));
        Some(FatStick { _dir: dir, image, mnt, driver: "" })
    }

    fn kernel_vfat() -> bool {
        std::fs::read_to_string("/proc/filesystems").unwrap_or_default().contains("vfat")
    }

    /// Read-write only with the kernel's vfat.
    fn mount(&mut self, read_only: bool) -> bool {
        let opts = if read_only { "loop,ro" } else { "loop" };
        if Self::kernel_vfat()
            && run(Command::new("mount")
                .args(["-t", "vfat", "-o", opts])
                .arg(&self.image)
                .arg(&self.mnt))
        {
            self.driver = "vfat";
            return true;
        }
        read_only && self.mount_fusefat()
    }

    /// Read-only through the FUSE driver fusefat, even where the kernel has vfat.
    fn mount_fusefat(&mut self) -> bool {
        if have("fusefat")
            && run(Command::new("fusefat").args(["-o", "ro"]).arg(&self.image).arg(&self.mnt))
        {
            self.driver = "fusefat";
            return true;
        }
        false
    }

    fn unmount(&mut self) {
        if !self.driver.is_empty() {
            assert!(run(Command::new("umount").arg(&self.mnt)), "umount {}", self.mnt.display());
            self.driver = "";
        }
    }

    /// Copies `from` (a file) into the image at `to` with mtools, making folders.
    fn mcopy_in(&self, from: &Path, to: &str) {
        let mut folder = String::new();
        let parts: Vec<&str> = to.split('/').collect();
        for part in &parts[..parts.len() - 1] {
            folder = format!("{folder}/{part}");
            let _ = Command::new("mmd")
                .env("MTOOLS_SKIP_CHECK", "1")
                .args(["-D", "s", "-i"])
                .arg(&self.image)
                .arg(format!("::{folder}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let ok = run(Command::new("mcopy")
            .env("MTOOLS_SKIP_CHECK", "1")
            .arg("-i")
            .arg(&self.image)
            .arg(from)
            .arg(format!("::/{to}")));
        assert!(ok, "mcopy {} ::/{to}", from.display());
    }
}

impl Drop for FatStick {
    fn drop(&mut self) {
        if !self.driver.is_empty() {
            let _ = Command::new("umount").arg(&self.mnt).status();
        }
    }
}

#[test]
fn a_package_written_to_a_fat32_stick_still_verifies() {
    let Some(mut stick) = FatStick::new(96) else { return };
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, course) = library_with_video(dir.path(), "Kuyakana", 12 * MIB, 1);
    let out = tempfile::tempdir().unwrap();
    let package = export(&mut lib, &course, out.path()).unwrap();
    let name = package.file_name().unwrap().to_string_lossy().into_owned();
    let expected = read_entries(&package);

    // Written onto the stick: the package, and the package unzipped (as a learner does).
    if stick.mount(false) {
        eprintln!("FAT32 written through the kernel's vfat");
        let written = export(&mut lib, &course, &stick.mnt).unwrap();
        assert_eq!(
            std::fs::read(&written).unwrap(),
            std::fs::read(&package).unwrap(),
            "exports are deterministic"
        );
        for (entry, bytes) in &expected {
            let path = stick.mnt.join("curso").join(entry);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
        }
        stick.unmount();
    } else if have("mcopy") && have("mmd") {
        eprintln!("no vfat in this kernel: the FAT32 image is written with mtools");
        stick.mcopy_in(&package, &name);
        let unzipped = out.path().join("curso");
        for (entry, bytes) in &expected {
            let path = unzipped.join(entry);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
            stick.mcopy_in(&path, &format!("curso/{entry}"));
        }
    } else {
        cannot_run("no vfat in this kernel and no mtools (Debian: mtools)");
        return;
    }

    // The file system is consistent.
    if need("fsck.vfat", "dosfstools") {
        assert!(
            run(Command::new("fsck.vfat").arg("-n").arg(&stick.image)),
            "fsck.vfat finds the image damaged"
        );
    }
    let other = tempfile::tempdir().unwrap();
    // Read back by mtools: the same bytes.
    if need("mcopy", "mtools") {
        let copy = other.path().join(&name);
        assert!(run(Command::new("mcopy")
            .env("MTOOLS_SKIP_CHECK", "1")
            .arg("-i")
            .arg(&stick.image)
            .arg(format!("::/{name}"))
            .arg(&copy)));
        assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&package).unwrap());
    }
    // Mounted: it verifies and imports from the stick, and the unzipped folder is whole, names and bytes.
    if !stick.mount(true) {
        cannot_run(
            "the read through a mount: no vfat in this kernel and no fusefat (Debian: fusefat)",
        );
        return;
    }
    eprintln!("FAT32 read through {}", stick.driver);
    let from_stick = stick.mnt.join(&name);
    let mut partner = Library::open(&other.path().join("parceiro")).unwrap();
    partner.verify_package(&from_stick, &Default::default(), go).unwrap();
    partner.import_package(&from_stick, &trust(), go).unwrap();
    for (entry, bytes) in &expected {
        assert_eq!(&std::fs::read(stick.mnt.join("curso").join(entry)).unwrap(), bytes, "{entry}");
    }
    stick.unmount();
}

#[test]
fn a_package_copied_onto_a_fat32_image_with_mtools_verifies() {
    // Needs no mount and no root: mtools writes the FAT image itself.
    if !need("mkfs.vfat", "dosfstools") || !need("mcopy", "mtools") {
        return;
    }
    running();
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, course) = library_with_video(dir.path(), "Kuyakana", 6 * MIB, 1);
    let out = tempfile::tempdir().unwrap();
    let package = export(&mut lib, &course, out.path()).unwrap();
    let image = out.path().join("pen.img");
    assert!(run(Command::new("mkfs.vfat")
        .args(["-F", "32", "-C"])
        .arg(&image)
        .arg((48 * 1024).to_string())));
    let mtools = |args: &[&std::ffi::OsStr]| {
        let mut cmd = Command::new(args[0]);
        cmd.env("MTOOLS_SKIP_CHECK", "1").args(&args[1..]);
        assert!(run(&mut cmd), "{cmd:?}");
    };
    mtools(&[
        "mcopy".as_ref(),
        "-i".as_ref(),
        image.as_os_str(),
        package.as_os_str(),
        "::/".as_ref(),
    ]);
    let back = out.path().join("de-volta.juntos");
    let inside = format!("::/{}", package.file_name().unwrap().to_string_lossy());
    mtools(&[
        "mcopy".as_ref(),
        "-i".as_ref(),
        image.as_os_str(),
        inside.as_ref(),
        back.as_os_str(),
    ]);
    if need("fsck.vfat", "dosfstools") {
        assert!(run(Command::new("fsck.vfat").arg("-n").arg(&image)));
    }
    assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(&package).unwrap());
    let mut other = Library::open(&out.path().join("biblioteca")).unwrap();
    other.import_package(&back, &trust(), go).unwrap();
}

#[test]
fn a_stick_that_reports_no_size_is_not_called_full() {
    // fusefat (like some phones over MTP) answers statfs with zeros: the
    // pre-flight cannot know the free space, so the write itself must tell.
    let Some(mut stick) = FatStick::new(32) else { return };
    if !stick.mount_fusefat() {
        cannot_run("needs fusefat and /dev/fuse (a file system that reports no size)");
        return;
    }
    assert_eq!(fs4::total_space(&stick.mnt).unwrap(), 0, "fusefat reports a size now");
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, course) = library_with_video(dir.path(), "Kuyakana", MIB, 1);
    let before = hash_tree(dir.path());
    let err = export(&mut lib, &course, &stick.mnt).unwrap_err();
    // Mounted read-only: the truth is "cannot write there", not "0 bytes free".
    assert_eq!(err.code(), "target_not_writable", "{err:?}");
    assert_eq!(hash_tree(dir.path()), before);
    stick.unmount();
}
