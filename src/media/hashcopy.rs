//! Copy while hashing, in one pass, on two cores.
//!
//! The calling thread reads a chunk and writes it; a second thread hashes the
//! chunk it was just handed while the next one is read and written. Hashing
//! and disk I/O then overlap instead of adding up, which is what keeps an
//! attach close to the speed of `cp`. Memory stays fixed: at most
//! [`BUFFERS`] chunks of [`CHUNK`] bytes exist, recycled between the threads.
//!
//! Two checks are offered. [`copy_hashing`] gives the SHA-256 (the blob's
//! name, and what packages promise) and the CRC-32 (what a zip entry
//! carries), for bytes arriving in the library. [`copy_checking_crc32`]
//! gives only the CRC-32, for bytes leaving it: export compares it with the
//! CRC-32 kept since the bytes arrived, which catches a damaged blob at
//! several times the speed of SHA-256.

use std::io::{ErrorKind, Read, Write};
use std::ops::ControlFlow;
use std::sync::mpsc::{sync_channel, Receiver};

use sha2::{Digest, Sha256};

use super::progress::Progress;

/// Bytes per chunk.
pub const CHUNK: usize = 1 << 20;
/// Chunks in flight between the copying and the hashing thread.
pub const BUFFERS: usize = 4;

/// Why a copy stopped.
#[derive(Debug)]
pub enum CopyError {
    Read(std::io::Error),
    Write(std::io::Error),
    Cancelled,
}

/// What [`copy_hashing`] learnt of the bytes it copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Lowercase hex.
    pub sha256: String,
    pub crc32: u32,
    pub size: u64,
}

/// Copies `reader` into `writer`, returning the SHA-256, CRC-32 and byte count.
pub fn copy_hashing(
    reader: &mut dyn Read,
    writer: &mut dyn Write,
    total: Option<u64>,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<Copied, CopyError> {
    let ((sha, crc), size) =
        copy_with((Sha256::new(), crc32fast::Hasher::new()), reader, writer, total, progress)?;
    Ok(Copied { sha256: hex::encode(sha.finalize()), crc32: crc.finalize(), size })
}

/// Copies `reader` into `writer`, returning the SHA-256 (lowercase hex) and
/// the byte count: for readers that check a CRC-32 themselves (zip entries).
pub fn copy_sha256(
    reader: &mut dyn Read,
    writer: &mut dyn Write,
    total: Option<u64>,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<(String, u64), CopyError> {
    let (sha, size) = copy_with(Sha256::new(), reader, writer, total, progress)?;
    Ok((hex::encode(sha.finalize()), size))
}

/// Copies `reader` into `writer`, returning the CRC-32 and the byte count.
pub fn copy_checking_crc32(
    reader: &mut dyn Read,
    writer: &mut dyn Write,
    total: Option<u64>,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<(u32, u64), CopyError> {
    let (crc, size) = copy_with(crc32fast::Hasher::new(), reader, writer, total, progress)?;
    Ok((crc.finalize(), size))
}

/// What the second thread runs over every chunk.
trait ChunkHasher: Send {
    fn update(&mut self, bytes: &[u8]);
}

impl ChunkHasher for crc32fast::Hasher {
    fn update(&mut self, bytes: &[u8]) {
        crc32fast::Hasher::update(self, bytes);
    }
}

impl ChunkHasher for Sha256 {
    fn update(&mut self, bytes: &[u8]) {
        Digest::update(self, bytes);
    }
}

impl ChunkHasher for (Sha256, crc32fast::Hasher) {
    fn update(&mut self, bytes: &[u8]) {
        Digest::update(&mut self.0, bytes);
        self.1.update(bytes);
    }
}

fn copy_with<H: ChunkHasher>(
    hasher: H,
    reader: &mut dyn Read,
    writer: &mut dyn Write,
    total: Option<u64>,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<(H, u64), CopyError> {
    let (to_hasher, chunks) = sync_channel::<(Vec<u8>, usize)>(BUFFERS);
    let (give_back, returned) = sync_channel::<Vec<u8>>(BUFFERS);
    std::thread::scope(|scope| {
        let hashing = scope.spawn(move || hash_chunks(hasher, chunks, give_back));
        let mut allocated = 0;
        let mut done = 0u64;
        let result = (|| {
            if progress(Progress { done, total }).is_break() {
                return Err(CopyError::Cancelled);
            }
            loop {
                let mut buf = match returned.try_recv() {
                    Ok(buf) => buf,
                    Err(_) if allocated < BUFFERS => {
                        allocated += 1;
                        vec![0u8; CHUNK]
                    }
                    Err(_) => returned.recv().map_err(|_| CopyError::Cancelled)?,
                };
                let n = fill(reader, &mut buf).map_err(CopyError::Read)?;
                if n == 0 {
                    return Ok(done);
                }
                writer.write_all(&buf[..n]).map_err(CopyError::Write)?;
                done += n as u64;
                if to_hasher.send((buf, n)).is_err() {
                    return Err(CopyError::Cancelled);
                }
                if progress(Progress { done, total }).is_break() {
                    return Err(CopyError::Cancelled);
                }
            }
        })();
        // Closing the channel lets the hasher finish (or give up).
        drop(to_hasher);
        let hasher = hashing.join().expect("hashing thread does not panic");
        result.map(|size| (hasher, size))
    })
}

fn hash_chunks<H: ChunkHasher>(
    mut hasher: H,
    chunks: Receiver<(Vec<u8>, usize)>,
    give_back: std::sync::mpsc::SyncSender<Vec<u8>>,
) -> H {
    for (buf, n) in chunks {
        hasher.update(&buf[..n]);
        // The copier may have stopped; then the buffer is simply dropped.
        let _ = give_back.try_send(buf);
    }
    hasher
}

/// Reads until `buf` is full or the input ends (pipes hand out 64 KiB at a time).
fn fill(reader: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_what_it_copies() {
        let data: Vec<u8> = (0..5 * CHUNK + 123).map(|i| (i * 7 % 251) as u8).collect();
        let mut out = Vec::new();
        let mut calls = 0;
        let copied = copy_hashing(&mut &data[..], &mut out, None, &mut |_| {
            calls += 1;
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!((copied.size, out.len()), (data.len() as u64, data.len()));
        assert_eq!(copied.sha256, hex::encode(Sha256::digest(&data)));
        assert_eq!(copied.crc32, crc32fast::hash(&data));
        assert_eq!(calls, 7);
        let empty =
            copy_hashing(
                &mut &[][..],
                &mut Vec::new(),
                Some(0),
                &mut |_| ControlFlow::Continue(()),
            )
            .unwrap();
        assert_eq!(empty, Copied { sha256: hex::encode(Sha256::digest(b"")), crc32: 0, size: 0 });
    }

    #[test]
    fn checks_the_crc32_of_what_it_copies() {
        let data: Vec<u8> = (0..3 * CHUNK + 5).map(|i| (i * 13 % 251) as u8).collect();
        let mut out = Vec::new();
        let (crc, size) =
            copy_checking_crc32(&mut &data[..], &mut out, None, &mut |_| ControlFlow::Continue(()))
                .unwrap();
        assert_eq!((crc, size), (crc32fast::hash(&data), data.len() as u64));
        assert_eq!(out, data);
        // "123456789" is the CRC-32 check value of the zip format.
        let (crc, _) =
            copy_checking_crc32(&mut &b"123456789"[..], &mut Vec::new(), None, &mut |_| {
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(crc, 0xCBF4_3926);
    }
}
