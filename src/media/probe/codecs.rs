//! Codec names and which of them browsers play.
//!
//! The player is a plain `<video>`/`<audio>` element in Chromium, Firefox,
//! Edge or WebKit on an old laptop. H.264 + AAC in MP4 plays everywhere;
//! VP8/VP9/AV1 with Opus/Vorbis in WebM plays in all but old Safari. HEVC
//! (iPhone default), MPEG-4 Part 2 and AMR (old phones), ProRes and AC-3 do
//! not play in Chromium or Firefox on Windows/Ubuntu.

/// Our name for an ISO-BMFF sample entry type.
pub fn mp4_codec(fourcc: &[u8; 4]) -> String {
    let name = match fourcc {
        b"avc1" | b"avc3" => "h264",
        b"hvc1" | b"hev1" => "hevc",
        b"dvh1" | b"dvhe" => "dolby-vision",
        b"av01" => "av1",
        b"vp08" => "vp8",
        b"vp09" => "vp9",
        b"mp4v" => "mpeg4",
        b"s263" | b"h263" => "h263",
        b"apcn" | b"apch" | b"apcs" | b"apco" | b"ap4h" | b"ap4x" => "prores",
        b"jpeg" | b"mjpa" | b"mjpb" => "mjpeg",
        b"mp4a" => "aac",
        b".mp3" | b"ms\0\x55" => "mp3",
        b"Opus" => "opus",
        b"fLaC" => "flac",
        b"ac-3" => "ac3",
        b"ec-3" => "eac3",
        b"samr" => "amr-nb",
        b"sawb" => "amr-wb",
        b"alac" => "alac",
        b"sowt" | b"twos" | b"lpcm" | b"ipcm" | b"in24" | b"in32" | b"fl32" | b"fl64" | b"raw " => {
            "pcm"
        }
        b"encv" | b"enca" => "encrypted",
        other => return String::from_utf8_lossy(other).trim().to_ascii_lowercase(),
    };
    name.to_string()
}

/// Our name for a Matroska/WebM codec id.
pub fn matroska_codec(id: &str) -> String {
    let name = match id {
        "V_VP8" => "vp8",
        "V_VP9" => "vp9",
        "V_AV1" => "av1",
        "V_MPEG4/ISO/AVC" => "h264",
        "V_MPEGH/ISO/HEVC" => "hevc",
        "A_OPUS" => "opus",
        "A_VORBIS" => "vorbis",
        "A_AAC" => "aac",
        "A_MPEG/L3" => "mp3",
        "A_FLAC" => "flac",
        "A_AC3" => "ac3",
        other => return other.to_ascii_lowercase(),
    };
    name.to_string()
}

pub fn browser_plays_video(codec: &str) -> bool {
    matches!(codec, "h264" | "vp8" | "vp9" | "av1")
}

pub fn browser_plays_audio(codec: &str) -> bool {
    matches!(codec, "aac" | "mp3" | "opus" | "vorbis" | "flac")
}
