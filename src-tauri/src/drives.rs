//! USB sticks the export dialog can offer directly, so a trainer picks
//! "KINGSTON (FAT32, 3.1 GB free)" instead of finding `/media/ana/KINGSTON`
//! in a file dialog. Linux: removable media are mounted under `/media/` or
//! `/run/media/` (udisks); macOS: under `/Volumes/`. On Windows the list is
//! empty and the folder dialog (which shows drives first) is used.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A mounted removable drive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Drive {
    /// The volume's label as the file manager shows it.
    pub name: String,
    pub path: PathBuf,
    #[ts(type = "number")]
    pub available: u64,
    pub fat32: bool,
}

/// Mount points of removable media in the text of `/proc/mounts`.
pub fn removable_mounts(proc_mounts: &str) -> Vec<PathBuf> {
    proc_mounts
        .lines()
        .filter_map(|line| line.split_whitespace().nth(1))
        // /proc/mounts escapes spaces and tabs in octal.
        .map(|field| field.replace("\\040", " ").replace("\\011", "\t"))
        .filter(|mount| {
            let depth = Path::new(mount).components().count();
            (mount.starts_with("/media/") && depth >= 3)
                || (mount.starts_with("/run/media/") && depth >= 5)
        })
        .map(PathBuf::from)
        .collect()
}

fn mounts() -> Vec<PathBuf> {
    if cfg!(target_os = "linux") {
        return removable_mounts(&std::fs::read_to_string("/proc/mounts").unwrap_or_default());
    }
    if cfg!(target_os = "macos") {
        return std::fs::read_dir("/Volumes")
            .map(|dir| {
                dir.flatten()
                    .map(|e| e.path())
                    // The system disk appears as a link to `/`.
                    .filter(|p| {
                        std::fs::canonicalize(p).map(|c| c != Path::new("/")).unwrap_or(false)
                    })
                    .collect()
            })
            .unwrap_or_default();
    }
    Vec::new()
}

/// Removable drives that are mounted now, with free space and file system.
pub fn removable_drives() -> Vec<Drive> {
    mounts()
        .into_iter()
        .filter_map(|path| {
            let fs = juntos::package::fsinfo::probe(&path).ok()?;
            let name = path.file_name()?.to_string_lossy().into_owned();
            Some(Drive { name, path, available: fs.available, fat32: fs.fat32 })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_removable_media_mounts() {
        let mounts = "/dev/vda1 / ext4 rw 0 0\n\
                      /dev/sdb1 /media/ana/KINGSTON vfat rw,nosuid 0 0\n\
                      /dev/sdc1 /run/media/rui/PEN\\040AZUL vfat rw 0 0\n\
                      tmpfs /run/user/1000 tmpfs rw 0 0\n\
                      /dev/sdd1 /media ext4 rw 0 0\n";
        assert_eq!(
            removable_mounts(mounts),
            vec![PathBuf::from("/media/ana/KINGSTON"), PathBuf::from("/run/media/rui/PEN AZUL")]
        );
    }
}
