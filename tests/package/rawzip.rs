//! Zip bytes written by hand, for the archives no zip library will make:
//! duplicate names, symlink bits, lying sizes and CRCs, overlapping entries,
//! encryption flags, unknown compression methods, hostile names. The
//! builder is the fuzz targets' (`fuzz/src/rawzip.rs`), compiled here too,
//! so the tests and the fuzzer craft archives the same way.

#[path = "../../fuzz/src/rawzip.rs"]
mod builder;

pub use builder::{build, RawEntry};

/// The entries of a real package, re-encoded as they were (text deflated, media stored).
pub fn from_package(entries: &[(String, Vec<u8>)]) -> Vec<RawEntry> {
    entries
        .iter()
        .map(|(name, bytes)| {
            if name.starts_with("media/") || name == "manifest.sig" {
                RawEntry::stored(name, bytes)
            } else {
                RawEntry::deflated(name, bytes)
            }
        })
        .collect()
}
