//! Caps on what an imported package may ask of us.
//!
//! Generous for real courses (hours of phone video), far below what a
//! hostile file needs to exhaust a 4 GB laptop or its disk. They are checked
//! against the central directory before anything is decompressed, and again
//! while the bytes flow (a declared size may lie).

/// The caps. `Default` is what import uses; tests lower them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_entries: u64,
    pub max_entry_size: u64,
    pub max_total_size: u64,
    /// Uncompressed : compressed, checked for entries above `ratio_floor` bytes.
    pub max_ratio: u64,
    pub ratio_floor: u64,
    pub max_manifest_bytes: u64,
    pub max_course_json_bytes: u64,
    pub max_json_depth: usize,
}

const GIB: u64 = 1 << 30;
const MIB: u64 = 1 << 20;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 10_000,
            max_entry_size: 32 * GIB,
            max_total_size: 128 * GIB,
            max_ratio: 200,
            ratio_floor: MIB,
            max_manifest_bytes: 8 * MIB,
            max_course_json_bytes: 64 * MIB,
            max_json_depth: 64,
        }
    }
}
