//! Zip bytes written by hand, with every field under the caller's control:
//! names (raw bytes, a different name in the local header), flags, method,
//! CRC, declared sizes, external attributes (symlink and folder bits), the
//! Unicode-path extra field, offsets that point into another entry, and junk
//! before the first entry or after the end record.

use std::io::Write;

#[derive(Debug, Clone)]
pub struct RawEntry {
    pub name: Vec<u8>,
    /// A different name in the local header (`None` = the same).
    pub local_name: Option<Vec<u8>>,
    /// The bytes as they sit in the archive (compressed for method 8).
    pub data: Vec<u8>,
    pub method: u16,
    pub flags: u16,
    pub crc: u32,
    /// Declared uncompressed size.
    pub size: u64,
    /// Declared compressed size (default: `data.len()`).
    pub compressed: Option<u64>,
    pub external_attr: u32,
    pub version_made_by: u16,
    /// Add an Info-ZIP Unicode Path (0x7075) extra field naming this.
    pub unicode_path: Option<Vec<u8>>,
    /// Shift the central directory's offset of this entry by this many bytes.
    pub offset_shift: i64,
}

impl RawEntry {
    pub fn stored(name: impl AsRef<[u8]>, bytes: &[u8]) -> RawEntry {
        RawEntry {
            name: name.as_ref().to_vec(),
            local_name: None,
            data: bytes.to_vec(),
            method: 0,
            flags: if name.as_ref().is_ascii() { 0 } else { 1 << 11 },
            crc: crc32fast::hash(bytes),
            size: bytes.len() as u64,
            compressed: None,
            external_attr: 0o100644 << 16,
            version_made_by: 3 << 8 | 20,
            unicode_path: None,
            offset_shift: 0,
        }
    }

    pub fn deflated(name: impl AsRef<[u8]>, bytes: &[u8]) -> RawEntry {
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(6));
        enc.write_all(bytes).unwrap();
        let data = enc.finish().unwrap();
        RawEntry { method: 8, data, ..RawEntry::stored(name, bytes) }
    }
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn extra(e: &RawEntry) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(name) = &e.unicode_path {
        u16le(&mut out, 0x7075);
        u16le(&mut out, (5 + name.len()).min(0xFFFF) as u16);
        out.push(1);
        u32le(&mut out, crc32fast::hash(&e.name));
        out.extend_from_slice(name);
    }
    out
}

/// The fields a local header and a central record have in common, in the
/// same order: flags, method, time and date (1980-01-01), CRC, sizes.
fn shared_fields(out: &mut Vec<u8>, e: &RawEntry, compressed: u64) {
    u16le(out, e.flags);
    u16le(out, e.method);
    u16le(out, 0);
    u16le(out, 0x21);
    u32le(out, e.crc);
    u32le(out, compressed as u32);
    u32le(out, e.size as u32);
}

/// A whole archive: `prefix`, local headers and data, central directory,
/// end record, `suffix`.
pub fn build_with(entries: &[RawEntry], prefix: &[u8], suffix: &[u8]) -> Vec<u8> {
    let mut out = prefix.to_vec();
    let mut offsets = Vec::new();
    for e in entries {
        offsets.push(out.len() as i64);
        let compressed = e.compressed.unwrap_or(e.data.len() as u64);
        let name = e.local_name.as_ref().unwrap_or(&e.name);
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, 20);
        shared_fields(&mut out, e, compressed);
        u16le(&mut out, name.len().min(0xFFFF) as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(&name[..name.len().min(0xFFFF)]);
        out.extend_from_slice(&e.data);
    }
    let cd_start = out.len() as u32;
    for (e, offset) in entries.iter().zip(&offsets) {
        let compressed = e.compressed.unwrap_or(e.data.len() as u64);
        let extra = extra(e);
        u32le(&mut out, 0x0201_4b50);
        u16le(&mut out, e.version_made_by);
        u16le(&mut out, 20);
        shared_fields(&mut out, e, compressed);
        u16le(&mut out, e.name.len().min(0xFFFF) as u16);
        u16le(&mut out, extra.len() as u16);
        u16le(&mut out, 0);
        u16le(&mut out, 0);
        u16le(&mut out, 0);
        u32le(&mut out, e.external_attr);
        u32le(&mut out, (offset + e.offset_shift).clamp(0, u32::MAX as i64) as u32);
        out.extend_from_slice(&e.name[..e.name.len().min(0xFFFF)]);
        out.extend_from_slice(&extra);
    }
    let cd_size = out.len() as u32 - cd_start;
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, entries.len().min(0xFFFF) as u16);
    u16le(&mut out, entries.len().min(0xFFFF) as u16);
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_start);
    u16le(&mut out, 0);
    out.extend_from_slice(suffix);
    out
}

pub fn build(entries: &[RawEntry]) -> Vec<u8> {
    build_with(entries, &[], &[])
}
