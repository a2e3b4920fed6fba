//! Captions: `.srt` and `.vtt` files for a video, one per language.
//!
//! Deaf and hard-of-hearing learners depend on them, so a broken file is
//! refused with the line to fix rather than half-shown. Both formats are
//! parsed into cues, validated (every time well formed, each cue ends after it
//! starts, cues in order) and stored as clean WebVTT, which is what browsers
//! and the offline player (`addTextTrack` + `VTTCue`) understand. `STYLE`,
//! `REGION` and `NOTE` blocks are dropped: the player styles captions itself.

mod parse;
mod time;

use std::path::Path;

use crate::error::{Error, Result};

pub use time::format_vtt_time;

/// Caption files larger than this are not captions (a 3-hour film is ~300 KB).
pub const MAX_CAPTION_BYTES: u64 = 8 * 1024 * 1024;

/// One caption cue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub start_ms: u64,
    pub end_ms: u64,
    /// WebVTT cue settings (`align:start line:0`), empty for SRT.
    pub settings: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptionFormat {
    Srt,
    Vtt,
}

/// The character encoding a caption file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextEncoding {
    /// The WHATWG name: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252`, …
    pub name: &'static str,
    /// Guessed from the bytes (no byte-order mark, not valid UTF-8): the
    /// person is told what was assumed, to check the accents.
    pub assumed: bool,
}

/// Parses and validates a caption file; `name` is used in errors and to
/// tell SRT from WebVTT when the content does not say.
pub fn parse_captions(bytes: &[u8], name: &Path) -> Result<(CaptionFormat, Vec<Cue>)> {
    parse_captions_detected(bytes, name).map(|(format, cues, _)| (format, cues))
}

/// [`parse_captions`], also saying which encoding the bytes were read in.
pub fn parse_captions_detected(
    bytes: &[u8],
    name: &Path,
) -> Result<(CaptionFormat, Vec<Cue>, TextEncoding)> {
    let (text, encoding) = decode(bytes, name)?;
    let extension = name.extension().map(|e| e.to_string_lossy().to_lowercase());
    let format = if text.starts_with("WEBVTT") || extension.as_deref() == Some("vtt") {
        CaptionFormat::Vtt
    } else if extension.as_deref() == Some("srt") || parse::looks_like_srt(&text) {
        CaptionFormat::Srt
    } else {
        return Err(Error::CaptionUnsupportedFormat { path: name.to_path_buf() });
    };
    let cues = match format {
        CaptionFormat::Srt => parse::srt(&text, name)?,
        CaptionFormat::Vtt => parse::vtt(&text, name)?,
    };
    Ok((format, cues, encoding))
}

/// Writes cues as a WebVTT file.
pub fn to_vtt(cues: &[Cue]) -> String {
    let mut out = String::from("WEBVTT\n");
    for cue in cues {
        out.push('\n');
        out.push_str(&format_vtt_time(cue.start_ms));
        out.push_str(" --> ");
        out.push_str(&format_vtt_time(cue.end_ms));
        if !cue.settings.is_empty() {
            out.push(' ');
            out.push_str(&cue.settings);
        }
        out.push('\n');
        out.push_str(&cue.text);
        out.push('\n');
    }
    out
}

/// UTF-8 (with or without BOM), UTF-16 (with a BOM, as Windows Notepad's
/// "Unicode" writes it, or without one when the zero bytes make it plain),
/// else the encoding the bytes look like: trainers' `.srt` files often come
/// from Windows tools in "ANSI" (Windows-1252, a superset of Latin-1).
/// `chardetng` guesses it and `encoding_rs` converts; the guess is reported
/// (`assumed`), and bytes the guessed encoding cannot read are refused with
/// the line of the first byte that is not UTF-8.
fn decode(bytes: &[u8], name: &Path) -> Result<(String, TextEncoding)> {
    let declared = |name| TextEncoding { name, assumed: false };
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        (utf8(rest, name)?, declared("UTF-8"))
    } else if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        (utf16(rest, name, u16::from_le_bytes)?, declared("UTF-16LE"))
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        (utf16(rest, name, u16::from_be_bytes)?, declared("UTF-16BE"))
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), declared("UTF-8"))
    } else if let Some(big_endian) = utf16_without_bom(bytes) {
        let unit = if big_endian { u16::from_be_bytes } else { u16::from_le_bytes };
        let name_of = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
        (utf16(bytes, name, unit)?, TextEncoding { name: name_of, assumed: true })
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        let guess = detector.guess(None, false);
        match guess.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(text) => (text.into_owned(), TextEncoding { name: guess.name(), assumed: true }),
            None => return Err(not_utf8(bytes, name)),
        }
    };
    Ok((text.replace("\r\n", "\n").replace('\r', "\n"), encoding))
}

/// UTF-16 without a byte-order mark shows itself in caption files: digits,
/// arrows and spaces leave a zero byte in every other place. `Some(true)`
/// for big-endian, `Some(false)` for little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 8 {
        return None;
    }
    let zeros = |offset: usize| head.iter().skip(offset).step_by(2).filter(|b| **b == 0).count();
    let half = head.len() / 2;
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= half * 8 && even * 10 < half {
        Some(false)
    } else if even * 10 >= half * 8 && odd * 10 < half {
        Some(true)
    } else {
        None
    }
}

fn utf8(bytes: &[u8], name: &Path) -> Result<String> {
    String::from_utf8(bytes.to_vec()).map_err(|_| not_utf8(bytes, name))
}

/// The refusal naming the line of the first byte that is not UTF-8.
fn not_utf8(bytes: &[u8], name: &Path) -> Error {
    let valid = std::str::from_utf8(bytes).err().map_or(bytes.len(), |e| e.valid_up_to());
    let line = 1 + bytes[..valid].iter().filter(|b| **b == b'\n').count();
    Error::CaptionNotUtf8 { path: name.to_path_buf(), line }
}

fn utf16(bytes: &[u8], name: &Path, unit: fn([u8; 2]) -> u16) -> Result<String> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16(&units)
        .map_err(|_| Error::CaptionNotUtf8 { path: name.to_path_buf(), line: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srt_becomes_webvtt() {
        let srt = "1\r\n00:00:01,000 --> 00:00:02,500\r\nOlá, <i>mundo</i>\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nSegunda linha\r\ncom duas\r\n";
        let (format, cues) = parse_captions(srt.as_bytes(), Path::new("a.srt")).unwrap();
        assert_eq!(format, CaptionFormat::Srt);
        assert_eq!(
            to_vtt(&cues),
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nOlá, <i>mundo</i>\n\n00:00:03.000 --> 00:00:04.000\nSegunda linha\ncom duas\n"
        );
    }

    #[test]
    fn utf16_from_notepad_is_read() {
        let text: Vec<u8> = "1\n00:00:01,000 --> 00:00:02,000\nAção\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let bytes = [b"\xff\xfe".as_slice(), &text].concat();
        let (_, cues) = parse_captions(&bytes, Path::new("a.srt")).unwrap();
        assert_eq!(cues[0].text, "Ação");
    }
}
