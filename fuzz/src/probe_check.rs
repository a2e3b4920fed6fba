//! The promises of the media probes (MP4/MOV, WebM/Matroska, MP3, Ogg, and
//! the images), checked on any bytes: used by the `probe` fuzz target and by
//! the normal test suite's replay of its corpus (`tests/faults`, with
//! `#[path]`), so both hold the same invariants.
//!
//! The first byte of an input picks the name the person gave the file (the
//! probes never trust it, but it decides what a refusal says); the rest is
//! the file.

use std::io::Cursor;
use std::path::Path;

use juntos::media::probe::{precheck, probe, HEAD_LEN};

/// Names a file may arrive with: each container's own, another one's, none.
pub const NAMES: [&str; 8] = [
    "video.mp4",
    "video.webm",
    "audio.mp3",
    "audio.ogg",
    "audio.m4a",
    "foto.png",
    "ficheiro.bin",
    "sem-extensao",
];

/// Probes `data` (name byte + file) and checks what came back:
/// - no panic, whatever the bytes (the fuzzer's own check);
/// - a refusal is a person's error with a stable code, never an internal one;
/// - what the quick pre-check (first bytes only, before a copy) refuses, the
///   full probe refuses with the same code: the two never disagree;
/// - what is accepted is described sanely: a known format and MIME type of
///   its kind, and no dimension or duration that is zero.
pub fn check(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = Path::new(NAMES[pick as usize % NAMES.len()]);
    let result = probe(&mut Cursor::new(bytes), bytes.len() as u64, name);
    if !bytes.is_empty() {
        if let Err(early) = precheck(&bytes[..bytes.len().min(HEAD_LEN)], name) {
            let late = result.as_ref().err().map(|e| e.code());
            assert_eq!(late, Some(early.code()), "the pre-check refused, the probe did not");
        }
    }
    match result {
        Err(err) => {
            assert!(err.is_user_error(), "an internal error from the probe: {err:?}");
            assert!(!err.code().is_empty());
        }
        Ok(found) => {
            assert!(!found.format.is_empty() && found.mime.contains('/'), "{found:?}");
            assert_ne!(found.width, Some(0), "{found:?}");
            assert_ne!(found.height, Some(0), "{found:?}");
        }
    }
}
