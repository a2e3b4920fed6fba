//! What we need to know about the disk a package goes to, before writing:
//! free space, and whether it is FAT32 (which cannot hold a file of 4 GiB or
//! more — most USB sticks in the field are formatted that way).
//!
//! [`check_target`] is the decision, kept pure so it is tested without a
//! FAT32 stick; [`probe`] asks the operating system.

use std::path::Path;

use crate::error::{Error, Result};

/// Largest file FAT32 can hold: 4 GiB − 1 byte.
pub const FAT32_MAX_FILE: u64 = 0xFFFF_FFFF;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FsInfo {
    pub available: u64,
    pub fat32: bool,
}

/// Sizes of what is about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteEstimate {
    /// Upper bound of the package file.
    pub package: u64,
    /// The largest entry, by name and size.
    pub largest_entry: Option<(String, u64)>,
}

/// Refuses before anything is written when the target cannot take the package.
pub fn check_target(
    dir: &Path,
    package_name: &str,
    fs: &FsInfo,
    estimate: &WriteEstimate,
) -> Result<()> {
    if fs.fat32 {
        if let Some((entry, size)) = &estimate.largest_entry {
            if *size > FAT32_MAX_FILE {
                return Err(Error::ExportTooBigForFat32 { entry: entry.clone(), size: *size });
            }
        }
        if estimate.package > FAT32_MAX_FILE {
            return Err(Error::ExportTooBigForFat32 {
                entry: package_name.to_string(),
                size: estimate.package,
            });
        }
    }
    // Keep a little room for the file system's own bookkeeping.
    let needed = estimate.package + estimate.package / 100 + (1 << 20);
    if needed > fs.available {
        return Err(Error::NotEnoughSpace {
            path: dir.to_path_buf(),
            needed,
            available: fs.available,
        });
    }
    Ok(())
}

/// Free space (for this user) and file system type of the disk holding `dir`.
pub fn probe(dir: &Path) -> std::io::Result<FsInfo> {
    // A file system that reports no size at all (some FUSE mounts, such as
    // fusefat or phones over MTP, answer statfs with zeros) cannot be judged
    // full in advance: the write itself tells, and a full disk then removes
    // the partial file like any other failure.
    let available = if fs4::total_space(dir)? == 0 { u64::MAX } else { fs4::available_space(dir)? };
    Ok(FsInfo { available, fat32: is_fat(dir)? })
}

#[cfg(target_os = "linux")]
fn is_fat(dir: &Path) -> std::io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    const MSDOS_SUPER_MAGIC: i64 = 0x4d44;
    let c_path = std::ffi::CString::new(dir.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    let mut stat: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid NUL-terminated path and a zeroed statfs to fill.
    if unsafe { libc::statfs(c_path.as_ptr(), &mut stat) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    const FUSE_SUPER_MAGIC: i64 = 0x6573_5546;
    #[allow(clippy::unnecessary_cast)]
    let kind = stat.f_type as i64;
    // FAT through the FUSE driver fusefat says "fuse" here: the mount table tells.
    Ok(kind == MSDOS_SUPER_MAGIC
        || (kind == FUSE_SUPER_MAGIC && fuse_type(dir).as_deref() == Some("fuse.fusefat")))
}

/// The file system type the mount table gives for the mount holding `dir`.
#[cfg(target_os = "linux")]
fn fuse_type(dir: &Path) -> Option<String> {
    let dir = dir.canonicalize().ok()?;
    let table = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    // "<id> <parent> <dev> <root> <mount point> <options…> - <type> <source> …",
    // spaces in the mount point written as \040.
    let unescape = |s: &str| {
        let mut out = Vec::new();
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let octal = b.get(i + 1..i + 4).and_then(|d| std::str::from_utf8(d).ok());
            match octal.and_then(|d| u8::from_str_radix(d, 8).ok()) {
                Some(c) if b[i] == b'\\' => {
                    out.push(c);
                    i += 4;
                }
                _ => {
                    out.push(b[i]);
                    i += 1;
                }
            }
        }
        std::path::PathBuf::from(String::from_utf8_lossy(&out).into_owned())
    };
    table
        .lines()
        .filter_map(|line| {
            let point = unescape(line.split(' ').nth(4)?);
            let kind = line.split(" - ").nth(1)?.split(' ').next()?.to_string();
            dir.starts_with(&point).then(|| (point.components().count(), kind))
        })
        .max_by_key(|(depth, _)| *depth)
        .map(|(_, kind)| kind)
}

#[cfg(all(unix, not(target_os = "linux")))]
fn is_fat(dir: &Path) -> std::io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(dir.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    let mut stat: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid NUL-terminated path and a zeroed statfs to fill.
    if unsafe { libc::statfs(c_path.as_ptr(), &mut stat) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    #[cfg(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd"
    ))]
    {
        let name: Vec<u8> =
            stat.f_fstypename.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
        return Ok(name.eq_ignore_ascii_case(b"msdos") || name.eq_ignore_ascii_case(b"msdosfs"));
    }
    #[allow(unreachable_code)]
    Ok(false)
}

#[cfg(windows)]
fn is_fat(dir: &Path) -> std::io::Result<bool> {
    use std::os::windows::ffi::OsStrExt;
    #[link(name = "kernel32")]
    extern "system" {
        fn GetVolumePathNameW(file_name: *const u16, volume_path: *mut u16, length: u32) -> i32;
        fn GetVolumeInformationW(
            root: *const u16,
            volume_name: *mut u16,
            volume_name_size: u32,
            serial: *mut u32,
            max_component: *mut u32,
            flags: *mut u32,
            fs_name: *mut u16,
            fs_name_size: u32,
        ) -> i32;
    }
    let wide: Vec<u16> = dir.as_os_str().encode_wide().chain(Some(0)).collect();
    let mut root = [0u16; 1024];
    // SAFETY: NUL-terminated input, output buffer with its true length.
    if unsafe { GetVolumePathNameW(wide.as_ptr(), root.as_mut_ptr(), root.len() as u32) } == 0 {
        return Err(std::io::Error::last_os_error());
    }
    let mut fs_name = [0u16; 64];
    // SAFETY: NUL-terminated root from the call above; null for unused outputs.
    let ok = unsafe {
        GetVolumeInformationW(
            root.as_ptr(),
            std::ptr::null_mut(),
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            fs_name.as_mut_ptr(),
            fs_name.len() as u32,
        )
    };
    if ok == 0 {
        return Err(std::io::Error::last_os_error());
    }
    let len = fs_name.iter().position(|&c| c == 0).unwrap_or(fs_name.len());
    let name = String::from_utf16_lossy(&fs_name[..len]);
    Ok(name.eq_ignore_ascii_case("FAT32") || name.eq_ignore_ascii_case("FAT"))
}

#[cfg(not(any(unix, windows)))]
fn is_fat(_dir: &Path) -> std::io::Result<bool> {
    Ok(false)
}
