//! A seekable file with its length and the name to blame in errors. Every
//! read checks the length first, so a header that claims more bytes than the
//! file has becomes "truncated", never a panic or a huge allocation.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::error::{Error, Result};
use crate::media::Why;

pub struct Source<'a, R> {
    inner: &'a mut R,
    pub len: u64,
    pub name: &'a Path,
    pos: u64,
}

impl<'a, R: Read + Seek> Source<'a, R> {
    pub fn new(inner: &'a mut R, len: u64, name: &'a Path) -> Self {
        Source { inner, len, name, pos: 0 }
    }

    /// The file itself, for a parser that reads on its own; call `seek` after.
    pub fn inner(&mut self) -> &mut R {
        &mut *self.inner
    }

    pub fn pos(&self) -> u64 {
        self.pos
    }

    pub fn seek(&mut self, pos: u64) -> Result<()> {
        self.inner.seek(SeekFrom::Start(pos)).map_err(|e| self.read_error(e))?;
        self.pos = pos;
        Ok(())
    }

    /// Reads exactly `n` bytes at the current position (n is small: headers).
    pub fn bytes(&mut self, n: usize) -> Result<Vec<u8>> {
        if self.pos + n as u64 > self.len {
            return Err(self.truncated(
                "um cabeçalho passa do fim do ficheiro",
                "a header runs past the end of the file",
            ));
        }
        let mut buf = vec![0u8; n];
        self.inner.read_exact(&mut buf).map_err(|e| self.read_error(e))?;
        self.pos += n as u64;
        Ok(buf)
    }

    /// Reads up to `n` bytes at `pos`, fewer at the end of the file.
    pub fn bytes_at_most(&mut self, pos: u64, n: usize) -> Result<Vec<u8>> {
        self.seek(pos)?;
        let n = n.min(self.len.saturating_sub(pos) as usize);
        self.bytes(n)
    }

    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.bytes(1)?[0])
    }

    pub fn u16(&mut self) -> Result<u16> {
        let b = self.bytes(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self) -> Result<u32> {
        let b = self.bytes(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn u64(&mut self) -> Result<u64> {
        let b = self.bytes(8)?;
        Ok(u64::from_be_bytes(b.try_into().expect("8 bytes")))
    }

    pub fn truncated(&self, pt: &str, en: &str) -> Error {
        Error::MediaTruncated { path: self.name.to_path_buf(), reason: Why::new(pt, en) }
    }

    pub fn corrupt(&self, pt: &str, en: &str) -> Error {
        Error::MediaCorrupt { path: self.name.to_path_buf(), reason: Why::new(pt, en) }
    }

    fn read_error(&self, e: std::io::Error) -> Error {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            self.truncated(
                "o ficheiro acaba a meio de um cabeçalho",
                "the file ends in the middle of a header",
            )
        } else {
            Error::MediaReadFailed { path: self.name.to_path_buf(), source: e }
        }
    }
}
