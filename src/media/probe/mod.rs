//! What a file is, found from its bytes alone, in pure Rust: no ffmpeg on a
//! trainer's laptop. The container is recognised from its first bytes (never
//! the extension: phones and messaging apps name files freely), then a small
//! walker for that container reads only the headers it needs, seeking over
//! the media data, so probing a 4 GB video reads a few kilobytes.
//!
//! Formats browsers cannot play are refused here with a fix (convert to MP4
//! H.264/AAC), and SVG is refused because it can carry script. Codecs inside
//! a playable container that browsers cannot decode (HEVC from iPhones, AMR
//! from old phones) are recorded and reported as warnings instead, so a
//! trainer can still attach the file and convert it later.

mod audio;
mod codecs;
mod image;
mod mp4;
mod reader;
mod sniff;
mod webm;

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

pub use codecs::{browser_plays_audio, browser_plays_video};
pub use sniff::HEAD_LEN;

use super::model::MediaKind;
use crate::error::{Error, Result};
use reader::Source;
use sniff::Sniffed;

/// What probing found out about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub kind: MediaKind,
    pub format: &'static str,
    pub mime: &'static str,
    pub duration_ms: Option<u64>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub video_codec: Option<String>,
    pub audio_codec: Option<String>,
    pub faststart: Option<bool>,
}

impl Probe {
    fn new(kind: MediaKind, format: &'static str, mime: &'static str) -> Probe {
        Probe {
            kind,
            format,
            mime,
            duration_ms: None,
            width: None,
            height: None,
            video_codec: None,
            audio_codec: None,
            faststart: None,
        }
    }
}

/// Probes a seekable file of `len` bytes. `name` is what the person gave
/// (used in error messages and to tell what the file claimed to be).
pub fn probe<R: Read + Seek>(file: &mut R, len: u64, name: &Path) -> Result<Probe> {
    if len == 0 {
        return Err(Error::MediaEmptyFile { path: name.to_path_buf() });
    }
    let mut head = vec![0u8; HEAD_LEN.min(len as usize)];
    file.seek(SeekFrom::Start(0)).map_err(|e| read_failed(name, e))?;
    file.read_exact(&mut head).map_err(|e| read_failed(name, e))?;
    let extension = extension(name);
    let mut src = Source::new(file, len, name);
    match sniff::sniff(&head, extension.as_deref()) {
        Sniffed::Mp4 => mp4::probe(&mut src),
        Sniffed::Ebml => webm::probe(&mut src),
        Sniffed::Image(format) => image::probe(&mut src, format),
        Sniffed::Mp3 => audio::probe_mp3(&mut src),
        Sniffed::Ogg => audio::probe_ogg(&mut src),
        Sniffed::Svg => Err(Error::MediaSvgRefused { path: name.to_path_buf() }),
        Sniffed::Unsupported(format, kind) => Err(Error::MediaUnsupportedFormat {
            path: name.to_path_buf(),
            format: format.into(),
            kind,
        }),
        Sniffed::Unknown => Err(Error::MediaUnknownFormat { path: name.to_path_buf(), extension }),
    }
}

/// Quick check of the first bytes only, before copying anything: refuses SVG
/// and formats browsers cannot play without reading the rest of a big file.
pub fn precheck(head: &[u8], name: &Path) -> Result<()> {
    let extension = extension(name);
    match sniff::sniff(head, extension.as_deref()) {
        Sniffed::Svg => Err(Error::MediaSvgRefused { path: name.to_path_buf() }),
        Sniffed::Unsupported(format, kind) => Err(Error::MediaUnsupportedFormat {
            path: name.to_path_buf(),
            format: format.into(),
            kind,
        }),
        Sniffed::Unknown => Err(Error::MediaUnknownFormat { path: name.to_path_buf(), extension }),
        _ => Ok(()),
    }
}

fn extension(name: &Path) -> Option<String> {
    name.extension().map(|e| e.to_string_lossy().to_lowercase()).filter(|e| !e.is_empty())
}

fn read_failed(name: &Path, e: std::io::Error) -> Error {
    Error::MediaReadFailed { path: name.to_path_buf(), source: e }
}
