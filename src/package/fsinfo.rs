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
    #[allow(clippy::unnecessary_cast)]
    Ok(stat.f_type as i64 == MSDOS_SUPER_MAGIC)
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
