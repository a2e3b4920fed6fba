//! Our own reading of a zip's end record and central directory, next to the
//! `zip` crate's.
//!
//! The crate parses the archive for us, but it is built for friendly files:
//! it silently keeps one of two entries with the same name (so one of them
//! could hide), prefers a Unicode "alternative name" field over the real
//! name, and allocates for as many entries as the end record claims. This
//! small independent walk gives us the facts to refuse such archives before
//! the crate is trusted with them: the true entry count, every raw name with
//! its flags and method, and the name in each local header.

use std::io::{self, Read, Seek, SeekFrom};

const EOCD_SIG: u32 = 0x0605_4b50;
const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;
const ZIP64_EOCD_SIG: u32 = 0x0606_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const LOCAL_SIG: u32 = 0x0403_4b50;
/// Info-ZIP Unicode Path extra field: an alternative name we refuse to honour.
const UNICODE_PATH_FIELD: u16 = 0x7075;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndRecord {
    pub entries: u64,
    pub cd_offset: u64,
    pub cd_size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentralRecord {
    pub name: Vec<u8>,
    pub flags: u16,
    pub method: u16,
    pub has_alternative_name: bool,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}
fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// The end of central directory record (ZIP64 when the 32-bit one is
/// saturated). `None` when the file has no end record that ends exactly at
/// the end of the file — a truncated or padded archive.
pub fn end_record<R: Read + Seek>(file: &mut R, len: u64) -> io::Result<Option<EndRecord>> {
    let tail_len = len.min(22 + 0xFFFF);
    let mut tail = vec![0u8; tail_len as usize];
    file.seek(SeekFrom::Start(len - tail_len))?;
    file.read_exact(&mut tail)?;
    let Some(pos) = (0..tail.len().saturating_sub(21)).rev().find(|&i| {
        u32_at(&tail, i) == EOCD_SIG && i + 22 + u16_at(&tail, i + 20) as usize == tail.len()
    }) else {
        return Ok(None);
    };
    let eocd = &tail[pos..];
    let mut record = EndRecord {
        entries: u16_at(eocd, 10) as u64,
        cd_size: u32_at(eocd, 12) as u64,
        cd_offset: u32_at(eocd, 16) as u64,
    };
    let saturated = record.entries == 0xFFFF
        || record.cd_size == 0xFFFF_FFFF
        || record.cd_offset == 0xFFFF_FFFF;
    let eocd_at = len - tail_len + pos as u64;
    if saturated && eocd_at >= 20 {
        let mut locator = [0u8; 20];
        file.seek(SeekFrom::Start(eocd_at - 20))?;
        file.read_exact(&mut locator)?;
        if u32_at(&locator, 0) == ZIP64_LOCATOR_SIG {
            let at = u64_at(&locator, 8);
            if at.checked_add(56).is_none_or(|end| end > len) {
                return Ok(None);
            }
            let mut z = [0u8; 56];
            file.seek(SeekFrom::Start(at))?;
            file.read_exact(&mut z)?;
            if u32_at(&z, 0) != ZIP64_EOCD_SIG {
                return Ok(None);
            }
            record = EndRecord {
                entries: u64_at(&z, 32),
                cd_size: u64_at(&z, 40),
                cd_offset: u64_at(&z, 48),
            };
        }
    }
    Ok(Some(record))
}

/// Reads `count` central directory records from `start`; `None` when a
/// record is malformed or runs past `end`.
pub fn central_records<R: Read + Seek>(
    file: &mut R,
    start: u64,
    end: u64,
    count: u64,
) -> io::Result<Option<Vec<CentralRecord>>> {
    file.seek(SeekFrom::Start(start))?;
    let mut pos = start;
    let mut records = Vec::with_capacity(count.min(65_536) as usize);
    for _ in 0..count {
        if pos + 46 > end {
            return Ok(None);
        }
        let mut fixed = [0u8; 46];
        file.read_exact(&mut fixed)?;
        if u32_at(&fixed, 0) != CENTRAL_SIG {
            return Ok(None);
        }
        let (name_len, extra_len, comment_len) =
            (u16_at(&fixed, 28) as u64, u16_at(&fixed, 30) as u64, u16_at(&fixed, 32) as u64);
        let next = pos + 46 + name_len + extra_len + comment_len;
        if next > end {
            return Ok(None);
        }
        let mut name = vec![0u8; name_len as usize];
        file.read_exact(&mut name)?;
        let mut extra = vec![0u8; extra_len as usize];
        file.read_exact(&mut extra)?;
        file.seek(SeekFrom::Current(comment_len as i64))?;
        records.push(CentralRecord {
            name,
            flags: u16_at(&fixed, 8),
            method: u16_at(&fixed, 10),
            has_alternative_name: has_field(&extra, UNICODE_PATH_FIELD),
        });
        pos = next;
    }
    Ok(Some(records))
}

fn has_field(extra: &[u8], id: u16) -> bool {
    let mut at = 0;
    while at + 4 <= extra.len() {
        if u16_at(extra, at) == id {
            return true;
        }
        at += 4 + u16_at(extra, at + 2) as usize;
    }
    false
}

/// The name in the local header at `offset`; `None` when there is no local header there.
pub fn local_name<R: Read + Seek>(
    file: &mut R,
    offset: u64,
    len: u64,
) -> io::Result<Option<Vec<u8>>> {
    if offset.checked_add(30).is_none_or(|end| end > len) {
        return Ok(None);
    }
    let mut fixed = [0u8; 30];
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(&mut fixed)?;
    if u32_at(&fixed, 0) != LOCAL_SIG {
        return Ok(None);
    }
    let name_len = u16_at(&fixed, 26) as u64;
    if offset + 30 + name_len > len {
        return Ok(None);
    }
    let mut name = vec![0u8; name_len as usize];
    file.read_exact(&mut name)?;
    Ok(Some(name))
}
