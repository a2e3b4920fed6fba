//! Writes zip bytes by hand, for the archives no zip library will make:
//! duplicate names, symlink bits, lying sizes and CRCs, overlapping entries,
//! encryption flags, unknown compression methods, hostile names.

use std::io::Write;

#[derive(Debug, Clone)]
pub struct RawEntry {
    pub name: Vec<u8>,
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
}

impl RawEntry {
    pub fn stored(name: impl AsRef<[u8]>, bytes: &[u8]) -> RawEntry {
        RawEntry {
            name: name.as_ref().to_vec(),
            data: bytes.to_vec(),
            method: 0,
            flags: if name.as_ref().is_ascii() { 0 } else { 1 << 11 },
            crc: crc32fast::hash(bytes),
            size: bytes.len() as u64,
            compressed: None,
            external_attr: 0o100644 << 16,
            version_made_by: 3 << 8 | 20,
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

/// A whole archive: local headers and data, central directory, end record.
pub fn build(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for e in entries {
        offsets.push(out.len() as u32);
        let compressed = e.compressed.unwrap_or(e.data.len() as u64);
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, 20);
        u16le(&mut out, e.flags);
        u16le(&mut out, e.method);
        u16le(&mut out, 0);
        u16le(&mut out, 0x21);
        u32le(&mut out, e.crc);
        u32le(&mut out, compressed as u32);
        u32le(&mut out, e.size as u32);
        u16le(&mut out, e.name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(&e.name);
        out.extend_from_slice(&e.data);
    }
    let cd_start = out.len() as u32;
    for (e, offset) in entries.iter().zip(&offsets) {
        let compressed = e.compressed.unwrap_or(e.data.len() as u64);
        u32le(&mut out, 0x0201_4b50);
        u16le(&mut out, e.version_made_by);
        u16le(&mut out, 20);
        u16le(&mut out, e.flags);
        u16le(&mut out, e.method);
        u16le(&mut out, 0);
        u16le(&mut out, 0x21);
        u32le(&mut out, e.crc);
        u32le(&mut out, compressed as u32);
        u32le(&mut out, e.size as u32);
        u16le(&mut out, e.name.len() as u16);
        u16le(&mut out, 0);
        u16le(&mut out, 0);
        u16le(&mut out, 0);
        u16le(&mut out, 0);
        u32le(&mut out, e.external_attr);
        u32le(&mut out, *offset);
        out.extend_from_slice(&e.name);
    }
    let cd_size = out.len() as u32 - cd_start;
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, entries.len() as u16);
    u16le(&mut out, entries.len() as u16);
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_start);
    u16le(&mut out, 0);
    out
}

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
