//! A small EBML walker for WebM: doc type, duration, frame size and codecs.
//!
//! It reads the EBML header, then the children of the Segment up to and
//! including `Info` and `Tracks`, seeking over everything else; clusters
//! (the media data) are never read. Matroska files that are not WebM
//! (`.mkv`, often H.264 + AC-3) are refused: most browsers do not play them.

use std::io::{Read, Seek};

use super::codecs::matroska_codec;
use super::reader::Source;
use super::Probe;
use crate::error::{Error, Result};
use crate::media::model::MediaKind;

const EBML: u32 = 0x1A45_DFA3;
const DOC_TYPE: u32 = 0x4282;
const SEGMENT: u32 = 0x1853_8067;
const INFO: u32 = 0x1549_A966;
const TIMESTAMP_SCALE: u32 = 0x2A_D7B1;
const DURATION: u32 = 0x4489;
const TRACKS: u32 = 0x1654_AE6B;
const TRACK_ENTRY: u32 = 0xAE;
const TRACK_TYPE: u32 = 0x83;
const CODEC_ID: u32 = 0x86;
const VIDEO: u32 = 0xE0;
const PIXEL_WIDTH: u32 = 0xB0;
const PIXEL_HEIGHT: u32 = 0xBA;
const CLUSTER: u32 = 0x1F43_B675;

struct Element {
    id: u32,
    body: u64,
    /// `None` for the "unknown size" that live recorders (MediaRecorder) write.
    end: Option<u64>,
}

fn read_vint<R: Read + Seek>(src: &mut Source<R>, keep_marker: bool) -> Result<(u64, bool)> {
    let first = src.u8()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return Err(src.corrupt("número EBML inválido", "invalid EBML number"));
    }
    let mut value = if keep_marker { first as u64 } else { (first as u64) & (0xFF >> len) };
    let mut all_ones = value == (0xFF >> len) as u64;
    for _ in 1..len {
        let b = src.u8()?;
        all_ones &= b == 0xFF;
        value = (value << 8) | b as u64;
    }
    Ok((value, all_ones && !keep_marker))
}

fn read_element<R: Read + Seek>(src: &mut Source<R>) -> Result<Element> {
    let (id, _) = read_vint(src, true)?;
    let id = u32::try_from(id)
        .map_err(|_| src.corrupt("identificador EBML inválido", "invalid EBML id"))?;
    let (size, unknown) = read_vint(src, false)?;
    let body = src.pos();
    let end = if unknown {
        None
    } else {
        Some(
            body.checked_add(size)
                .ok_or_else(|| src.corrupt("tamanho EBML enorme", "EBML size overflows"))?,
        )
    };
    if end.is_some_and(|e| e > src.len) && id != SEGMENT && id != CLUSTER {
        return Err(src.truncated(
            "um elemento WebM passa do fim do ficheiro",
            "a WebM element runs past the end of the file",
        ));
    }
    Ok(Element { id, body, end })
}

fn read_uint<R: Read + Seek>(src: &mut Source<R>, el: &Element) -> Result<u64> {
    let n = (el.end.unwrap_or(el.body) - el.body) as usize;
    if n > 8 {
        return Err(src.corrupt("inteiro EBML demasiado longo", "EBML integer too long"));
    }
    src.seek(el.body)?;
    Ok(src.bytes(n)?.iter().fold(0u64, |acc, b| (acc << 8) | *b as u64))
}

fn read_float<R: Read + Seek>(src: &mut Source<R>, el: &Element) -> Result<Option<f64>> {
    src.seek(el.body)?;
    Ok(match el.end.unwrap_or(el.body) - el.body {
        4 => Some(f32::from_be_bytes(src.bytes(4)?.try_into().expect("4")) as f64),
        8 => Some(f64::from_be_bytes(src.bytes(8)?.try_into().expect("8"))),
        _ => None,
    })
}

fn read_string<R: Read + Seek>(src: &mut Source<R>, el: &Element) -> Result<String> {
    let n = (el.end.unwrap_or(el.body) - el.body) as usize;
    if n > 256 {
        return Err(src.corrupt("texto EBML demasiado longo", "EBML string too long"));
    }
    src.seek(el.body)?;
    let bytes = src.bytes(n)?;
    Ok(String::from_utf8_lossy(&bytes).trim_end_matches('\0').to_string())
}

/// Children of a sized element, each handed to `f`.
fn each_child<R: Read + Seek>(
    src: &mut Source<R>,
    parent: &Element,
    mut f: impl FnMut(&mut Source<R>, &Element) -> Result<()>,
) -> Result<()> {
    let end = parent.end.unwrap_or(src.len).min(src.len);
    let mut pos = parent.body;
    while pos < end {
        src.seek(pos)?;
        let child = read_element(src)?;
        let Some(child_end) = child.end else { break };
        f(src, &child)?;
        pos = child_end;
    }
    Ok(())
}

pub fn probe<R: Read + Seek>(src: &mut Source<R>) -> Result<Probe> {
    src.seek(0)?;
    let header = read_element(src)?;
    if header.id != EBML {
        return Err(src.corrupt("falta o cabeçalho EBML", "missing EBML header"));
    }
    let mut doc_type = String::new();
    each_child(src, &header, |src, el| {
        if el.id == DOC_TYPE {
            doc_type = read_string(src, el)?;
        }
        Ok(())
    })?;
    if doc_type != "webm" {
        return Err(Error::MediaUnsupportedFormat {
            path: src.name.to_path_buf(),
            format: if doc_type == "matroska" {
                "MKV (Matroska)".into()
            } else {
                format!("EBML «{doc_type}»")
            },
            kind: MediaKind::Video,
        });
    }
    src.seek(header.end.unwrap_or(src.len))?;
    let segment = read_element(src)?;
    if segment.id != SEGMENT {
        return Err(src.corrupt("falta o segmento WebM", "missing WebM segment"));
    }
    if segment.end.is_some_and(|e| e > src.len) {
        return Err(src.truncated(
            "o ficheiro acaba antes do fim do segmento WebM",
            "the file ends before the end of the WebM segment",
        ));
    }

    let mut scale = 1_000_000u64;
    let mut duration = None;
    let mut tracks = Vec::new();
    let seg_end = segment.end.unwrap_or(src.len);
    let mut pos = segment.body;
    let (mut seen_info, mut seen_tracks) = (false, false);
    while pos < seg_end && !(seen_info && seen_tracks) {
        src.seek(pos)?;
        let el = read_element(src)?;
        let Some(end) = el.end else { break };
        match el.id {
            INFO => {
                seen_info = true;
                each_child(src, &el, |src, c| {
                    match c.id {
                        TIMESTAMP_SCALE => scale = read_uint(src, c)?.max(1),
                        DURATION => duration = read_float(src, c)?,
                        _ => {}
                    }
                    Ok(())
                })?;
            }
            TRACKS => {
                seen_tracks = true;
                each_child(src, &el, |src, entry| {
                    if entry.id == TRACK_ENTRY {
                        tracks.push(read_track(src, entry)?);
                    }
                    Ok(())
                })?;
            }
            CLUSTER => break,
            _ => {}
        }
        pos = end;
    }

    let video = tracks.iter().find(|t| t.kind == 1);
    let audio = tracks.iter().find(|t| t.kind == 2);
    let mut probe = match (video, audio) {
        (Some(_), _) => Probe::new(MediaKind::Video, "webm", "video/webm"),
        (None, Some(_)) => Probe::new(MediaKind::Audio, "webm", "audio/webm"),
        (None, None) => {
            return Err(src
                .corrupt("não tem faixa de vídeo nem de áudio", "it has no video or audio track"))
        }
    };
    probe.duration_ms = duration
        .filter(|d| d.is_finite() && *d > 0.0)
        .map(|d| (d * scale as f64 / 1_000_000.0).round() as u64);
    if let Some(v) = video {
        probe.video_codec = Some(matroska_codec(&v.codec));
        probe.width = v.width;
        probe.height = v.height;
    }
    probe.audio_codec = audio.map(|a| matroska_codec(&a.codec));
    Ok(probe)
}

#[derive(Default)]
struct TrackInfo {
    kind: u64,
    codec: String,
    width: Option<u32>,
    height: Option<u32>,
}

fn read_track<R: Read + Seek>(src: &mut Source<R>, entry: &Element) -> Result<TrackInfo> {
    let mut track = TrackInfo::default();
    each_child(src, entry, |src, c| {
        match c.id {
            TRACK_TYPE => track.kind = read_uint(src, c)?,
            CODEC_ID => track.codec = read_string(src, c)?,
            VIDEO => each_child(src, c, |src, v| {
                match v.id {
                    // A size of 0 says nothing: unknown, not a zero-sized picture
                    // (found by the `probe` fuzz target).
                    PIXEL_WIDTH => track.width = Some(read_uint(src, v)? as u32).filter(|&w| w > 0),
                    PIXEL_HEIGHT => {
                        track.height = Some(read_uint(src, v)? as u32).filter(|&h| h > 0)
                    }
                    _ => {}
                }
                Ok(())
            })?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(track)
}
