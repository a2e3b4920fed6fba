//! `juntos-media://localhost/<sha256>.<format>`: the bytes of a media file
//! of the open library, for the preview frame and the course covers.
//!
//! Only names of the form 64 hex digits + a known extension are answered,
//! from the library's content-addressed store; nothing else on disk can be
//! reached. Range requests are answered piece by piece (at most 4 MiB per
//! response), so seeking in a 2 GB video never loads it into memory.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::LibraryState;

pub const SCHEME: &str = "juntos-media";
const MAX_CHUNK: u64 = 4 << 20;

/// The URL prefix under which the web view reaches [`SCHEME`].
pub fn base() -> &'static str {
    if cfg!(windows) {
        "http://juntos-media.localhost/"
    } else {
        "juntos-media://localhost/"
    }
}

pub fn mime(format: &str) -> Option<&'static str> {
    Some(match format {
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "3gp" => "video/3gpp",
        "webm" => "video/webm",
        "m4a" => "audio/mp4",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "png" => "image/png",
        "jpeg" | "jpg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => return None,
    })
}

/// `(sha256, mime)` from a request path `/<sha256>.<format>`.
pub fn parse_path(path: &str) -> Option<(&str, &'static str)> {
    let (sha, format) = path.trim_start_matches('/').split_once('.')?;
    juntos::media::blob::is_sha256(sha).then_some(())?;
    Some((sha, mime(format)?))
}

pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let root = ctx.app_handle().try_state::<LibraryState>().map(|s| s.path().to_path_buf());
    std::thread::spawn(move || {
        let response = match root {
            Some(root) => respond(&root, &request),
            None => status(StatusCode::SERVICE_UNAVAILABLE),
        };
        responder.respond(response);
    });
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    Response::builder().status(code).body(Vec::new()).expect("a plain status response")
}

pub fn respond(root: &Path, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let Some((sha, mime)) = parse_path(request.uri().path()) else {
        return status(StatusCode::NOT_FOUND);
    };
    let path = juntos::media::blob::BlobStore::new(root.join(juntos::MEDIA_DIR)).path_of(sha);
    let Ok(mut file) = std::fs::File::open(&path) else { return status(StatusCode::NOT_FOUND) };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_range(v, len));
    let (start, end, partial) = match range {
        Some((start, end)) => (start, end.min(start + MAX_CHUNK - 1), true),
        None if len <= MAX_CHUNK => (0, len.saturating_sub(1), false),
        None => (0, MAX_CHUNK - 1, true),
    };
    let mut body = vec![0; (end + 1).saturating_sub(start) as usize];
    if len > 0
        && (file.seek(SeekFrom::Start(start)).is_err() || file.read_exact(&mut body).is_err())
    {
        return status(StatusCode::INTERNAL_SERVER_ERROR);
    }
    let mut builder = Response::builder()
        .header(header::CONTENT_TYPE, mime)
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CONTENT_LENGTH, body.len().to_string())
        .header(header::CACHE_CONTROL, "max-age=31536000, immutable");
    if partial {
        builder = builder
            .status(StatusCode::PARTIAL_CONTENT)
            .header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}"));
    }
    builder.body(body).unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR))
}

/// `bytes=START-[END]` within a file of `len` bytes.
fn parse_range(value: &str, len: u64) -> Option<(u64, u64)> {
    let spec = value.strip_prefix("bytes=")?.split(',').next()?.trim();
    let (a, b) = spec.split_once('-')?;
    let (start, end) = if a.is_empty() {
        let suffix: u64 = b.parse().ok()?;
        (len.saturating_sub(suffix), len.checked_sub(1)?)
    } else {
        let start: u64 = a.parse().ok()?;
        let end = if b.is_empty() {
            len.checked_sub(1)?
        } else {
            b.parse::<u64>().ok()?.min(len.checked_sub(1)?)
        };
        (start, end)
    };
    (start <= end && start < len).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_addressed_names_are_served() {
        let sha = "a".repeat(64);
        assert_eq!(parse_path(&format!("/{sha}.mp4")), Some((sha.as_str(), "video/mp4")));
        assert_eq!(parse_path(&format!("/{sha}.exe")), None);
        assert_eq!(parse_path("/../library.db"), None);
        assert_eq!(parse_path(&format!("/{}.png", "A".repeat(64))), None);
    }

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-", 10), Some((0, 9)));
        assert_eq!(parse_range("bytes=2-4", 10), Some((2, 4)));
        assert_eq!(parse_range("bytes=-3", 10), Some((7, 9)));
        assert_eq!(parse_range("bytes=12-", 10), None);
        assert_eq!(parse_range("bytes=0-99", 10), Some((0, 9)));
    }
}
