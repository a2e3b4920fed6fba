//! A "large video" that costs no disk until copied: a valid faststart MP4
//! padded to `size` bytes with a sparse `free` box, ending in `tag` so that
//! two calls can make different bytes (different blobs). Shared by the
//! media, fault and crash tests (included with `#[path]`).

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

const FIXTURE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/media/h264-aac-faststart.mp4");

pub fn sparse_mp4(path: &Path, size: u64, tag: u64) {
    let mut bytes = std::fs::read(FIXTURE).unwrap();
    let pad = size - bytes.len() as u64;
    assert!(pad < u32::MAX as u64, "a free box holds at most 4 GiB");
    bytes.extend_from_slice(&(pad as u32).to_be_bytes());
    bytes.extend_from_slice(b"free");
    std::fs::write(path, &bytes).unwrap();
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.set_len(size).unwrap();
    file.seek(SeekFrom::Start(size - 8)).unwrap();
    file.write_all(&tag.to_be_bytes()).unwrap();
}
