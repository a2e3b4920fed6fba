//! Durations of MP3 and Ogg (Vorbis/Opus) audio, from headers only.
//!
//! MP3: skip the ID3v2 tag, find the first frame; a Xing/Info or VBRI header
//! gives the exact frame count (VBR files), otherwise the bit rate of the
//! first frame gives the duration of a constant-bit-rate file. Ogg: the
//! identification header gives the sample rate, the granule position of the
//! last page gives the number of samples.

use std::io::{Read, Seek};

use super::reader::Source;
use super::Probe;
use crate::error::{Error, Result};
use crate::media::model::MediaKind;

/// One MPEG audio frame header.
#[derive(Debug, Clone, Copy)]
pub struct FrameHeader {
    pub length: u32,
    bitrate_kbps: u32,
    sample_rate: u32,
    samples: u32,
    mpeg1: bool,
    mono: bool,
}

impl FrameHeader {
    pub fn parse(b: &[u8]) -> Option<FrameHeader> {
        if b.len() < 4 || b[0] != 0xFF || b[1] & 0xE0 != 0xE0 {
            return None;
        }
        let version = (b[1] >> 3) & 3; // 0: 2.5, 2: 2, 3: 1
        let layer = (b[1] >> 1) & 3; // 1: III, 2: II, 3: I
        let bitrate_index = (b[2] >> 4) as usize;
        let rate_index = ((b[2] >> 2) & 3) as usize;
        if version == 1
            || layer == 0
            || bitrate_index == 0
            || bitrate_index == 15
            || rate_index == 3
        {
            return None;
        }
        let mpeg1 = version == 3;
        const V1: [[u32; 15]; 3] = [
            [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
            [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
            [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
        ];
        const V2: [[u32; 15]; 2] = [
            [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
            [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
        ];
        let layer_no = 4 - layer as usize; // 1, 2 or 3
        let bitrate_kbps = if mpeg1 {
            V1[layer_no - 1][bitrate_index]
        } else {
            V2[(layer_no != 1) as usize][bitrate_index]
        };
        let base_rate = [44_100, 48_000, 32_000][rate_index];
        let sample_rate = match version {
            3 => base_rate,
            2 => base_rate / 2,
            _ => base_rate / 4,
        };
        let samples = match (layer_no, mpeg1) {
            (1, _) => 384,
            (2, _) | (3, true) => 1152,
            _ => 576,
        };
        let padding = ((b[2] >> 1) & 1) as u32;
        let length = if layer_no == 1 {
            (12 * bitrate_kbps * 1000 / sample_rate + padding) * 4
        } else {
            samples / 8 * bitrate_kbps * 1000 / sample_rate + padding
        };
        if length < 4 {
            return None;
        }
        Some(FrameHeader {
            length,
            bitrate_kbps,
            sample_rate,
            samples,
            mpeg1,
            mono: b[3] >> 6 == 3,
        })
    }
}

pub fn probe_mp3<R: Read + Seek>(src: &mut Source<R>) -> Result<Probe> {
    let mut start = 0u64;
    let head = src.bytes_at_most(0, 10)?;
    if head.len() == 10 && &head[..3] == b"ID3" {
        let size = head[6..10].iter().fold(0u64, |acc, b| (acc << 7) | (*b & 0x7F) as u64);
        let footer = if head[5] & 0x10 != 0 { 10 } else { 0 };
        start = 10 + size + footer;
    }
    // The first frame is at most a little after the tag (some encoders pad).
    let window = src.bytes_at_most(start, 64 * 1024)?;
    let (offset, frame) = (0..window.len().saturating_sub(4))
        .find_map(|i| {
            let f = FrameHeader::parse(&window[i..])?;
            let next = i + f.length as usize;
            // A second frame right after, unless the file ends here.
            let confirmed =
                next + 4 > window.len() || FrameHeader::parse(&window[next..]).is_some();
            confirmed.then_some((i, f))
        })
        .ok_or_else(|| {
            if start >= src.len {
                src.truncated(
                    "o ficheiro acaba dentro da etiqueta ID3",
                    "the file ends inside its ID3 tag",
                )
            } else {
                src.corrupt("não tem tramas de áudio MP3", "it has no MP3 audio frames")
            }
        })?;
    let frame_start = start + offset as u64;
    let side_info = match (frame.mpeg1, frame.mono) {
        (true, false) => 32,
        (true, true) => 17,
        (false, false) => 17,
        (false, true) => 9,
    };
    let first = &window[offset..(offset + frame.length as usize).min(window.len())];
    let xing = first.get(4 + side_info..4 + side_info + 12);
    let vbri = first.get(36..36 + 18);
    let frames = match (xing, vbri) {
        (Some(x), _) if (&x[..4] == b"Xing" || &x[..4] == b"Info") && x[7] & 1 == 1 => {
            Some(u32::from_be_bytes([x[8], x[9], x[10], x[11]]) as u64)
        }
        (_, Some(v)) if &v[..4] == b"VBRI" => {
            Some(u32::from_be_bytes([v[14], v[15], v[16], v[17]]) as u64)
        }
        _ => None,
    };
    let duration_ms = match frames {
        Some(n) => n * frame.samples as u64 * 1000 / frame.sample_rate as u64,
        None => {
            let mut audio_bytes = src.len - frame_start;
            let tail = src.bytes_at_most(src.len.saturating_sub(128), 128)?;
            if tail.starts_with(b"TAG") && audio_bytes >= 128 {
                audio_bytes -= 128;
            }
            audio_bytes * 8 / frame.bitrate_kbps as u64
        }
    };
    let mut probe = Probe::new(MediaKind::Audio, "mp3", "audio/mpeg");
    probe.duration_ms = Some(duration_ms);
    probe.audio_codec = Some("mp3".into());
    Ok(probe)
}

pub fn probe_ogg<R: Read + Seek>(src: &mut Source<R>) -> Result<Probe> {
    let page = src.bytes_at_most(0, 27 + 255 + 64)?;
    if page.len() < 28 {
        return Err(
            src.truncated("a primeira página Ogg está cortada", "the first Ogg page is cut short")
        );
    }
    let serial = &page[14..18];
    let segments = page[26] as usize;
    let packet = page.get(27 + segments..).unwrap_or(&[]);
    let (codec, rate, pre_skip) = if packet.starts_with(b"\x01vorbis") && packet.len() >= 16 {
        ("vorbis", u32::from_le_bytes([packet[12], packet[13], packet[14], packet[15]]) as u64, 0)
    } else if packet.starts_with(b"OpusHead") && packet.len() >= 12 {
        ("opus", 48_000, u16::from_le_bytes([packet[10], packet[11]]) as u64)
    } else if packet.starts_with(b"\x80theora") {
        return Err(Error::MediaUnsupportedFormat {
            path: src.name.to_path_buf(),
            format: "Ogg Theora".into(),
            kind: MediaKind::Video,
        });
    } else {
        return Err(src.corrupt(
            "fluxo Ogg desconhecido (nem Vorbis nem Opus)",
            "unknown Ogg stream (neither Vorbis nor Opus)",
        ));
    };
    if rate == 0 {
        return Err(src.corrupt("taxa de amostragem zero", "sample rate is zero"));
    }
    // The last page of our stream holds the total number of samples.
    let tail_start = src.len.saturating_sub(64 * 1024);
    let tail = src.bytes_at_most(tail_start, 64 * 1024)?;
    let granule = (0..tail.len().saturating_sub(27))
        .rev()
        .filter(|&i| &tail[i..i + 4] == b"OggS" && &tail[i + 14..i + 18] == serial)
        .map(|i| i64::from_le_bytes(tail[i + 6..i + 14].try_into().expect("8 bytes")))
        .find(|g| *g >= 0);
    let mut probe = Probe::new(MediaKind::Audio, "ogg", "audio/ogg");
    probe.audio_codec = Some(codec.into());
    // A granule from a hostile file can be near u64::MAX: no duration rather than an overflow.
    probe.duration_ms = granule
        .and_then(|g| (g as u64).saturating_sub(pre_skip).checked_mul(1000))
        .map(|v| v / rate);
    Ok(probe)
}
