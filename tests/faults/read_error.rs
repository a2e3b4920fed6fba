//! An I/O error in the middle of reading a source video (a USB stick pulled
//! out, a failing SD card), through the core API: a clear error naming the
//! file, and the library folder byte for byte as it was.

use std::io::Read;
use std::path::Path;

use juntos::model::Lang;

use crate::support::*;

/// Yields `data`, then fails after `fail_after` bytes.
struct FailingReader {
    data: Vec<u8>,
    pos: usize,
    fail_after: usize,
}

impl Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n =
            buf.len().min(self.fail_after.saturating_sub(self.pos)).min(self.data.len() - self.pos);
        if n == 0 {
            return Err(std::io::Error::other("simulated: device removed"));
        }
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[test]
fn a_video_whose_reading_fails_midway_leaves_the_library_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lib, course) = library_with_video(dir.path(), "Kuyakana", 2 * MIB, 1);
    let scratch = tempfile::tempdir().unwrap();
    let data = std::fs::read(large_mp4(&scratch.path().join("v.mp4"), 20 * MIB, 9)).unwrap();
    let before = hash_tree(dir.path());
    for fail_after in [0, 4096, 7 * MIB as usize + 13, 20 * MIB as usize - 1] {
        let mut reader = FailingReader { data: data.clone(), pos: 0, fail_after };
        let err = lib
            .attach_media_reader(
                &course,
                &mut reader,
                Path::new("/media/pen/entrevista.mp4"),
                Some(20 * MIB),
                None,
                |_| std::ops::ControlFlow::Continue(()),
            )
            .unwrap_err();
        assert_eq!(err.code(), "media_read_failed", "{err:?}");
        assert!(err.message(Lang::En).contains("/media/pen/entrevista.mp4"));
        assert_eq!(
            hash_tree(dir.path()),
            before,
            "failing after {fail_after} bytes changed the library"
        );
    }
    assert_sound(dir.path());
}
