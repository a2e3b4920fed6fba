//! A small ISO base media (MP4, MOV, 3GP, M4A) walker.
//!
//! It walks the top-level boxes by seeking (the media data, `mdat`, is never
//! read), notes whether the index (`moov`) comes before the data, and then
//! reads only the few leaf boxes inside `moov` that hold what we show:
//! `mvhd` (duration), `tkhd` (display size), `mdhd`, `hdlr` (track kind) and
//! the first `stsd` entry (codec). Sample tables, which grow with the length
//! of the video, are skipped, so memory stays flat for any file size.

use std::io::{Read, Seek};

use super::codecs::mp4_codec;
use super::reader::Source;
use super::Probe;
use crate::error::{Error, Result};
use crate::media::model::MediaKind;

/// At most this many top-level boxes (fragmented MP4 has one pair per fragment).
const MAX_TOP_LEVEL_BOXES: usize = 1_000_000;

struct BoxHeader {
    kind: [u8; 4],
    start: u64,
    /// Where the payload starts.
    body: u64,
    end: u64,
}

/// Reads a box header at the current position; `limit` is the parent's end.
fn read_header<R: Read + Seek>(src: &mut Source<R>, limit: u64) -> Result<BoxHeader> {
    let start = src.pos();
    if limit - start < 8 {
        return Err(src.truncated(
            "o ficheiro acaba a meio de uma caixa MP4",
            "the file ends in the middle of an MP4 box",
        ));
    }
    let size32 = src.u32()?;
    let kind: [u8; 4] = src.bytes(4)?.try_into().expect("4 bytes");
    let (size, header_len) = match size32 {
        0 => (limit - start, 8),
        1 => (src.u64()?, 16),
        n => (n as u64, 8),
    };
    if size < header_len {
        return Err(src.corrupt(
            &format!("a caixa «{}» tem um tamanho impossível ({size})", fourcc(&kind)),
            &format!("box '{}' has an impossible size ({size})", fourcc(&kind)),
        ));
    }
    let end = start
        .checked_add(size)
        .ok_or_else(|| src.corrupt("tamanho de caixa enorme", "box size overflows"))?;
    Ok(BoxHeader { kind, start, body: start + header_len, end })
}

fn fourcc(kind: &[u8; 4]) -> String {
    kind.iter().map(|&b| if b.is_ascii_graphic() || b == b' ' { b as char } else { '?' }).collect()
}

#[derive(Default)]
struct Track {
    handler: Option<[u8; 4]>,
    codec: Option<[u8; 4]>,
    width: u32,
    height: u32,
    entry_width: u32,
    entry_height: u32,
    duration_ms: Option<u64>,
}

pub fn probe<R: Read + Seek>(src: &mut Source<R>) -> Result<Probe> {
    let mut major_brand = None;
    let mut moov = None;
    let mut first_mdat = None;
    let mut pos = 0;
    let mut count = 0;
    while pos < src.len {
        count += 1;
        if count > MAX_TOP_LEVEL_BOXES {
            return Err(src.corrupt("demasiadas caixas MP4", "too many MP4 boxes"));
        }
        src.seek(pos)?;
        let header = read_header(src, src.len)?;
        if header.end > src.len {
            let (pt, en) = match &header.kind {
                b"mdat" => (
                    "os dados de vídeo acabam antes do fim anunciado",
                    "the video data ends before its announced end",
                ),
                b"moov" => ("o índice (moov) está cortado", "the index (moov) is cut short"),
                _ => (
                    "o ficheiro acaba antes do fim de uma caixa",
                    "the file ends before the end of a box",
                ),
            };
            return Err(src.truncated(pt, en));
        }
        match &header.kind {
            b"ftyp" if major_brand.is_none() => {
                src.seek(header.body)?;
                major_brand = Some(<[u8; 4]>::try_from(src.bytes(4)?).expect("4 bytes"));
            }
            b"moov" if moov.is_none() => moov = Some((header.start, header.body, header.end)),
            b"mdat" if first_mdat.is_none() => first_mdat = Some(header.start),
            _ => {}
        }
        pos = header.end;
    }

    if let Some(brand) = major_brand {
        if matches!(&brand, b"heic" | b"heix" | b"mif1" | b"msf1" | b"hevc" | b"avif" | b"avis") {
            return Err(Error::MediaUnsupportedFormat {
                path: src.name.to_path_buf(),
                format: "HEIC/AVIF".into(),
                kind: MediaKind::Image,
            });
        }
    }
    let Some((moov_start, moov_body, moov_end)) = moov else {
        return Err(if first_mdat.is_some() {
            src.truncated(
                "não tem índice (moov): a gravação foi interrompida antes de terminar",
                "it has no index (moov): the recording was interrupted before it finished",
            )
        } else {
            src.corrupt("não tem índice (moov)", "it has no index (moov)")
        });
    };

    let mut movie_duration_ms = None;
    let mut tracks = Vec::new();
    for child in children(src, moov_body, moov_end)? {
        match &child.kind {
            b"mvhd" => movie_duration_ms = read_duration(src, child.body)?,
            b"trak" => tracks.push(read_track(src, &child)?),
            _ => {}
        }
    }

    let video = tracks.iter().find(|t| t.handler == Some(*b"vide"));
    let audio = tracks.iter().find(|t| t.handler == Some(*b"soun"));
    if video.is_none() && audio.is_none() {
        return Err(
            src.corrupt("não tem faixa de vídeo nem de áudio", "it has no video or audio track")
        );
    }
    let qt = major_brand.is_none() || major_brand == Some(*b"qt  ");
    let three_gp = major_brand.is_some_and(|b| b.starts_with(b"3g"));
    let (kind, format, mime) = match (video.is_some(), qt, three_gp) {
        (false, _, _) => (MediaKind::Audio, "m4a", "audio/mp4"),
        (true, true, _) => (MediaKind::Video, "mov", "video/quicktime"),
        (true, _, true) => (MediaKind::Video, "3gp", "video/3gpp"),
        (true, _, _) => (MediaKind::Video, "mp4", "video/mp4"),
    };
    let mut probe = Probe::new(kind, format, mime);
    probe.duration_ms = movie_duration_ms
        .filter(|d| *d > 0)
        .or_else(|| tracks.iter().filter_map(|t| t.duration_ms).max());
    if let Some(v) = video {
        let (w, h) = if v.width > 0 && v.height > 0 {
            (v.width, v.height)
        } else {
            (v.entry_width, v.entry_height)
        };
        probe.width = Some(w).filter(|w| *w > 0);
        probe.height = Some(h).filter(|h| *h > 0);
        probe.video_codec = v.codec.map(|c| mp4_codec(&c));
    }
    probe.audio_codec = audio.and_then(|a| a.codec).map(|c| mp4_codec(&c));
    probe.faststart = Some(first_mdat.is_none_or(|mdat| moov_start < mdat));
    Ok(probe)
}

/// The direct children of a container box.
fn children<R: Read + Seek>(src: &mut Source<R>, body: u64, end: u64) -> Result<Vec<BoxHeader>> {
    let mut out = Vec::new();
    let mut pos = body;
    while end - pos >= 8 {
        src.seek(pos)?;
        let header = read_header(src, end)?;
        if header.end > end {
            return Err(src.corrupt(
                &format!("a caixa «{}» sai da caixa que a contém", fourcc(&header.kind)),
                &format!("box '{}' overflows its parent", fourcc(&header.kind)),
            ));
        }
        pos = header.end;
        out.push(header);
        if out.len() > 10_000 {
            return Err(src.corrupt("demasiadas caixas MP4", "too many MP4 boxes"));
        }
    }
    Ok(out)
}

fn find(boxes: &[BoxHeader], kind: &[u8; 4]) -> Option<(u64, u64)> {
    boxes.iter().find(|b| &b.kind == kind).map(|b| (b.body, b.end))
}

/// Duration from an `mvhd` or `mdhd` body (same layout up to the duration).
fn read_duration<R: Read + Seek>(src: &mut Source<R>, body: u64) -> Result<Option<u64>> {
    src.seek(body)?;
    let version = src.u8()?;
    src.bytes(3)?;
    let (timescale, duration) = if version == 1 {
        src.bytes(16)?;
        (src.u32()?, src.u64()?)
    } else {
        src.bytes(8)?;
        (src.u32()?, src.u32()? as u64)
    };
    if timescale == 0 || duration == u64::MAX || (version == 0 && duration == u32::MAX as u64) {
        return Ok(None);
    }
    Ok(Some((duration as u128 * 1000 / timescale as u128) as u64))
}

fn read_track<R: Read + Seek>(src: &mut Source<R>, trak: &BoxHeader) -> Result<Track> {
    let mut track = Track::default();
    let parts = children(src, trak.body, trak.end)?;
    if let Some((body, _)) = find(&parts, b"tkhd") {
        src.seek(body)?;
        let version = src.u8()?;
        src.bytes(3)?;
        // times and ids, reserved, layer/group/volume/reserved, matrix
        src.bytes(if version == 1 { 32 } else { 20 })?;
        src.bytes(8 + 8 + 36)?;
        track.width = src.u32()? >> 16;
        track.height = src.u32()? >> 16;
    }
    let Some((mdia_body, mdia_end)) = find(&parts, b"mdia") else { return Ok(track) };
    let mdia = children(src, mdia_body, mdia_end)?;
    if let Some((body, _)) = find(&mdia, b"mdhd") {
        track.duration_ms = read_duration(src, body)?;
    }
    if let Some((body, _)) = find(&mdia, b"hdlr") {
        src.seek(body + 8)?;
        track.handler = Some(src.bytes(4)?.try_into().expect("4 bytes"));
    }
    let Some((minf_body, minf_end)) = find(&mdia, b"minf") else { return Ok(track) };
    let minf = children(src, minf_body, minf_end)?;
    let Some((stbl_body, stbl_end)) = find(&minf, b"stbl") else { return Ok(track) };
    let stbl = children(src, stbl_body, stbl_end)?;
    let Some((stsd_body, stsd_end)) = find(&stbl, b"stsd") else { return Ok(track) };
    src.seek(stsd_body + 4)?;
    if src.u32()? == 0 || stsd_end.saturating_sub(src.pos()) < 8 {
        return Ok(track);
    }
    let entry = read_header(src, stsd_end)?;
    track.codec = Some(entry.kind);
    if track.handler == Some(*b"vide") && entry.end - entry.body >= 28 {
        src.seek(entry.body + 24)?;
        track.entry_width = src.u16()? as u32;
        track.entry_height = src.u16()? as u32;
    }
    Ok(track)
}
