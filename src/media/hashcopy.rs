//! Copy while hashing, in one pass, on two cores.
//!
//! The calling thread reads a chunk and writes it; a second thread hashes the
//! chunk it was just handed while the next one is read and written. SHA-256
//! and disk I/O then overlap instead of adding up, which is what keeps an
//! attach close to the speed of `cp`. Memory stays fixed: at most
//! [`BUFFERS`] chunks of [`CHUNK`] bytes exist, recycled between the threads.

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

/// Copies `reader` into `writer`, returning the hex SHA-256 and the byte count.
pub fn copy_hashing(
    reader: &mut dyn Read,
    writer: &mut dyn Write,
    total: Option<u64>,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<(String, u64), CopyError> {
    let (to_hasher, chunks) = sync_channel::<(Vec<u8>, usize)>(BUFFERS);
    let (give_back, returned) = sync_channel::<Vec<u8>>(BUFFERS);
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || hash_chunks(chunks, give_back));
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
        let digest = hasher.join().expect("hashing thread does not panic");
        result.map(|size| (hex::encode(digest), size))
    })
}

fn hash_chunks(chunks: Receiver<(Vec<u8>, usize)>, give_back: std::sync::mpsc::SyncSender<Vec<u8>>) -> Vec<u8> {
    let mut hasher = Sha256::new();
    for (buf, n) in chunks {
        hasher.update(&buf[..n]);
        // The copier may have stopped; then the buffer is simply dropped.
        let _ = give_back.try_send(buf);
    }
    hasher.finalize().to_vec()
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
        let (sha, size) = copy_hashing(&mut &data[..], &mut out, None, &mut |_| {
            calls += 1;
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!((size, out.len()), (data.len() as u64, data.len()));
        assert_eq!(sha, hex::encode(Sha256::digest(&data)));
        assert_eq!(calls, 7);
        let empty = copy_hashing(&mut &[][..], &mut Vec::new(), Some(0), &mut |_| ControlFlow::Continue(())).unwrap();
        assert_eq!(empty, (hex::encode(Sha256::digest(b"")), 0));
    }
}
