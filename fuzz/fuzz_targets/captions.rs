//! SRT and WebVTT parsing: never a panic; what is accepted is ordered,
//! non-empty and well timed; and the WebVTT we store reads back as the same
//! cues (so what a learner sees is what the trainer checked).
#![no_main]

use std::path::Path;

use juntos::media::captions::{parse_captions, to_vtt};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else { return };
    let name = match mode % 4 {
        0 => "legendas.srt",
        1 => "captions.vtt",
        2 => "legendas.txt",
        _ => "legendas",
    };
    let Ok((_, cues)) = parse_captions(bytes, Path::new(name)) else { return };
    assert!(!cues.is_empty());
    for (i, cue) in cues.iter().enumerate() {
        assert!(cue.end_ms > cue.start_ms, "{cue:?}");
        assert!(!cue.text.trim().is_empty(), "{cue:?}");
        assert!(!cue.text.contains("-->"), "{cue:?}");
        if i > 0 {
            assert!(cue.start_ms >= cues[i - 1].start_ms);
        }
    }
    let vtt = to_vtt(&cues);
    let (_, again) =
        parse_captions(vtt.as_bytes(), Path::new("stored.vtt")).expect("our own WebVTT parses");
    assert_eq!(again, cues, "the stored WebVTT reads back differently:\n{vtt}");
    assert_eq!(to_vtt(&again), vtt);
});
