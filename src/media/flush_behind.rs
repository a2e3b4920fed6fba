//! Writing a big file without piling up gigabytes of dirty memory.
//!
//! Left alone, Linux keeps a copied video in the page cache as dirty data and
//! writes most of it only at the final fsync: on a 4 GB laptop that squeezes
//! every other program, and the fsync at the end waits for the whole file.
//! This writer asks the kernel to start writing each 8 MiB window as soon as
//! it is complete, waits for the window [`IN_FLIGHT`] windows back, and then
//! drops it from the cache. Disk writing thus overlaps with reading and
//! hashing, dirty memory stays under 72 MiB, and the final fsync is quick.
//! Elsewhere it is a plain pass-through writer.
//!
//! Why several windows in flight: waiting for the window just before made
//! every wait pay the disk's full latency, so on a disk busy with other
//! writers (a build, another copy) the copy ran 1.1–1.8× slower than `cp` +
//! `sync`, which hands the kernel everything at once. Eight windows keep the
//! disk's queue full: paired runs at load 6 went to 0.4–0.8× `cp` + `sync`
//! (docs/performance.md).
//!
//! It can seek, for the package writer: the zip writer goes back to fill in
//! a header it has written. Windows follow the end of the file, not the
//! place of the last write, so such a small write behind changes nothing.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};

const WINDOW: u64 = 8 << 20;
/// Windows handed to the kernel and not yet waited for.
const IN_FLIGHT: u64 = 8;

pub struct FlushBehind<'a> {
    file: &'a mut File,
    /// Where the next write goes.
    position: u64,
    /// The end of the file: how far it has been written.
    written: u64,
    /// End of the last window handed to the kernel.
    started: u64,
}

impl<'a> FlushBehind<'a> {
    pub fn new(file: &'a mut File) -> Self {
        FlushBehind { file, position: 0, written: 0, started: 0 }
    }

    #[cfg(target_os = "linux")]
    fn after_write(&mut self) {
        use std::os::fd::AsRawFd;
        let fd = self.file.as_raw_fd();
        while self.written - self.started >= WINDOW {
            let window = self.started;
            // SAFETY: plain syscalls on a file descriptor we own; failures are
            // only lost hints (the final fsync still guarantees durability).
            unsafe {
                libc::sync_file_range(
                    fd,
                    window as i64,
                    WINDOW as i64,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
                if window >= IN_FLIGHT * WINDOW {
                    let previous = window - IN_FLIGHT * WINDOW;
                    libc::sync_file_range(
                        fd,
                        previous as i64,
                        WINDOW as i64,
                        libc::SYNC_FILE_RANGE_WAIT_BEFORE
                            | libc::SYNC_FILE_RANGE_WRITE
                            | libc::SYNC_FILE_RANGE_WAIT_AFTER,
                    );
                    libc::posix_fadvise(
                        fd,
                        previous as i64,
                        WINDOW as i64,
                        libc::POSIX_FADV_DONTNEED,
                    );
                }
            }
            self.started += WINDOW;
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn after_write(&mut self) {}
}

impl Write for FlushBehind<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.position += n as u64;
        if self.position > self.written {
            self.written = self.position;
            self.after_write();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Seek for FlushBehind<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.position = self.file.seek(to)?;
        Ok(self.position)
    }
}
