//! The pre-flight of a stick write: what it would write and whether the
//! stick can take it (free space with a margin, FAT32's 4 GiB per file),
//! said before anything is written and checked again by the write itself.

use std::path::Path;

use super::existing::{Existing, Work};
use super::plan::StickPlan;
use super::StickPreflight;
use crate::error::{Error, Result};
use crate::package::fsinfo::{self, FsInfo, FAT32_MAX_FILE};

/// Why a write of `bytes_to_write` bytes, whose largest file is `largest`,
/// would be refused by the disk `fs` holding `dir` (none: it fits). FAT32
/// cannot hold a file of 4 GiB or more, however much room it has.
pub fn refusal(
    dir: &Path,
    fs: Option<&FsInfo>,
    largest: Option<(&str, u64)>,
    bytes_to_write: u64,
) -> Option<Error> {
    let Some(fs) = fs else {
        return Some(Error::TargetNotWritable {
            path: dir.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    };
    if let Some((path, size)) = largest.filter(|&(_, size)| fs.fat32 && size > FAT32_MAX_FILE) {
        return Some(Error::ExportTooBigForFat32 { entry: path.to_string(), size });
    }
    let needed = bytes_to_write + bytes_to_write / 100 + (1 << 20);
    (needed > fs.available).then(|| Error::NotEnoughSpace {
        path: dir.to_path_buf(),
        needed,
        available: fs.available,
    })
}

/// The pre-flight: what a write of `plan` to `root` would write, and why it
/// would be refused (`problem`), before anything is written.
pub fn preflight(root: &Path, plan: &StickPlan) -> Result<(StickPreflight, Option<Error>)> {
    let existing = Existing::read(root)?;
    let work = Work::find(root, plan, &existing);
    Ok(assess(root, plan, &work))
}

pub(crate) fn assess(
    root: &Path,
    plan: &StickPlan,
    work: &Work,
) -> (StickPreflight, Option<Error>) {
    let bytes_to_write: u64 = work.writing.iter().map(|e| e.size).sum();
    let largest = plan.files.iter().max_by_key(|e| e.size);
    let probe_dir = root.ancestors().find(|p| p.is_dir()).unwrap_or(root).to_path_buf();
    let fs = fsinfo::probe(&probe_dir).ok();
    let problem = refusal(
        &probe_dir,
        fs.as_ref(),
        largest.map(|e| (e.path.as_str(), e.size)),
        bytes_to_write,
    );
    let report = StickPreflight {
        root: root.to_path_buf(),
        courses: plan.courses.clone(),
        languages: plan.languages.list(),
        files: plan.files.len(),
        total_bytes: plan.total_bytes(),
        files_to_write: work.writing.len(),
        bytes_to_write,
        bytes_by_choice: Default::default(),
        available: fs.filter(|f| f.available != u64::MAX).map(|f| f.available),
        fat32: fs.is_some_and(|f| f.fat32),
        largest_file: largest.map(|e| e.path.clone()),
        largest_size: largest.map(|e| e.size).unwrap_or(0),
        problem: problem.as_ref().map(crate::ErrorReport::from),
    };
    (report, problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fat32_refuses_a_file_of_4_gib_whatever_the_room() {
        let dir = Path::new("/media/pen");
        let fat = FsInfo { available: 64 << 30, fat32: true };
        let exfat = FsInfo { available: 64 << 30, fat32: false };
        let code = |fs: &FsInfo, largest: u64, bytes: u64| {
            refusal(dir, Some(fs), Some(("media/v.mp4", largest)), bytes).map(|e| e.code())
        };
        assert_eq!(code(&fat, FAT32_MAX_FILE, FAT32_MAX_FILE), None);
        assert_eq!(code(&fat, FAT32_MAX_FILE + 1, 1 << 20), Some("export_too_big_for_fat32"));
        assert_eq!(code(&exfat, FAT32_MAX_FILE + 1, 5 << 30), None);
        assert_eq!(code(&exfat, 1 << 20, 64 << 30), Some("not_enough_space"));
        let e = refusal(dir, Some(&fat), Some(("media/v.mp4", 5 << 30)), 0).unwrap();
        assert!(e.message(crate::model::Lang::En).contains("media/v.mp4"));
        assert_eq!(refusal(dir, None, None, 0).map(|e| e.code()), Some("target_not_writable"));
    }
}
