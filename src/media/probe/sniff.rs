//! Recognising a container from its first bytes.

use crate::media::model::MediaKind;

/// How many leading bytes the sniffer looks at.
pub const HEAD_LEN: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// ISO base media: MP4, MOV, 3GP, M4A.
    Mp4,
    /// EBML: WebM (or Matroska, refused after reading the doc type).
    Ebml,
    Image(ImageFormat),
    Mp3,
    Ogg,
    Svg,
    /// A known format browsers cannot show: its name and what it holds.
    Unsupported(&'static str, MediaKind),
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Gif,
    WebP,
}

pub fn sniff(head: &[u8], extension: Option<&str>) -> Sniffed {
    let at = |offset: usize, magic: &[u8]| {
        head.len() >= offset + magic.len() && &head[offset..offset + magic.len()] == magic
    };
    if head.len() >= 8
        && matches!(
            &head[4..8],
            b"ftyp" | b"moov" | b"mdat" | b"wide" | b"free" | b"skip" | b"pnot"
        )
    {
        return Sniffed::Mp4;
    }
    if at(0, &[0x1A, 0x45, 0xDF, 0xA3]) {
        return Sniffed::Ebml;
    }
    if at(0, b"\x89PNG\r\n\x1a\n") {
        return Sniffed::Image(ImageFormat::Png);
    }
    if at(0, &[0xFF, 0xD8, 0xFF]) {
        return Sniffed::Image(ImageFormat::Jpeg);
    }
    if at(0, b"GIF87a") || at(0, b"GIF89a") {
        return Sniffed::Image(ImageFormat::Gif);
    }
    if at(0, b"RIFF") && at(8, b"WEBP") {
        return Sniffed::Image(ImageFormat::WebP);
    }
    if at(0, b"RIFF") && at(8, b"AVI ") {
        return Sniffed::Unsupported("AVI", MediaKind::Video);
    }
    if at(0, b"RIFF") && at(8, b"WAVE") {
        return Sniffed::Unsupported("WAV", MediaKind::Audio);
    }
    if at(0, &[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]) {
        return Sniffed::Unsupported("WMV/ASF", MediaKind::Video);
    }
    if at(0, b"FLV\x01") {
        return Sniffed::Unsupported("FLV", MediaKind::Video);
    }
    if head.len() > 188 && head[0] == 0x47 && head[188] == 0x47 {
        return Sniffed::Unsupported("MPEG-TS", MediaKind::Video);
    }
    if at(0, &[0x00, 0x00, 0x01, 0xBA]) {
        return Sniffed::Unsupported("MPEG-PS (VOB/MPG)", MediaKind::Video);
    }
    if at(0, b"OggS") {
        return Sniffed::Ogg;
    }
    if at(0, b"ID3") || is_mp3_frame_start(head) {
        return Sniffed::Mp3;
    }
    if at(0, b"fLaC") {
        return Sniffed::Unsupported("FLAC", MediaKind::Audio);
    }
    if at(0, b"#!AMR") {
        return Sniffed::Unsupported("AMR", MediaKind::Audio);
    }
    if at(0, b"II*\0") || at(0, b"MM\0*") {
        return Sniffed::Unsupported("TIFF", MediaKind::Image);
    }
    if at(0, b"BM") && head.len() >= 14 && head[6..10] == [0, 0, 0, 0] {
        return Sniffed::Unsupported("BMP", MediaKind::Image);
    }
    if looks_like_svg(head, extension) {
        return Sniffed::Svg;
    }
    Sniffed::Unknown
}

/// SVG is XML text with an `<svg` element; a `.svg` name on text counts too.
fn looks_like_svg(head: &[u8], extension: Option<&str>) -> bool {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let lower = text.to_ascii_lowercase();
    let markup = lower.starts_with('<');
    (markup && lower.contains("<svg"))
        || (matches!(extension, Some("svg" | "svgz"))
            && (markup || head.starts_with(&[0x1f, 0x8b])))
}

/// Two consecutive valid MPEG audio frame headers at the start.
fn is_mp3_frame_start(head: &[u8]) -> bool {
    let Some(first) = super::audio::FrameHeader::parse(head) else { return false };
    let next = first.length as usize;
    head.len() >= next + 4 && super::audio::FrameHeader::parse(&head[next..]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_containers_by_their_bytes() {
        assert_eq!(sniff(b"\0\0\0\x18ftypisom\0\0\0\0", None), Sniffed::Mp4);
        assert_eq!(
            sniff(b"RIFF\0\0\0\0AVI LIST", Some("mp4")),
            Sniffed::Unsupported("AVI", MediaKind::Video)
        );
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"x\">", Some("png")), Sniffed::Svg);
        assert_eq!(sniff(b"\xef\xbb\xbf  <SVG>", None), Sniffed::Svg);
        assert_eq!(sniff(b"<html><body>", Some("svg")), Sniffed::Svg);
        assert_eq!(sniff(b"<html><body>", Some("html")), Sniffed::Unknown);
        assert_eq!(sniff(b"just some text pretending", Some("mp4")), Sniffed::Unknown);
    }
}
