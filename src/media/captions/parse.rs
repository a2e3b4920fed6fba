//! Line-by-line SRT and WebVTT parsers. Every error names its line (1-based).

use std::path::Path;

use super::time::{format_vtt_time, parse_time};
use super::Cue;
use crate::error::{Error, Result};
use crate::media::Why;

struct Lines<'a> {
    lines: Vec<&'a str>,
    next: usize,
    name: &'a Path,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, name: &'a Path) -> Self {
        Lines { lines: text.split('\n').collect(), next: 0, name }
    }

    fn skip_blank(&mut self) {
        while self.next < self.lines.len() && self.lines[self.next].trim().is_empty() {
            self.next += 1;
        }
    }

    fn peek(&self) -> Option<&'a str> {
        self.lines.get(self.next).copied()
    }

    /// Takes the next line with its 1-based number.
    fn take(&mut self) -> Option<(usize, &'a str)> {
        let line = self.peek()?;
        self.next += 1;
        Some((self.next, line))
    }

    fn error(&self, line: usize, pt: impl Into<String>, en: impl Into<String>) -> Error {
        Error::CaptionParse { path: self.name.to_path_buf(), line, reason: Why::new(pt, en) }
    }
}

/// A time line: `start --> end [settings]`.
fn timing(lines: &Lines, number: usize, line: &str) -> Result<(u64, u64, String)> {
    let (start, rest) = line.split_once("-->").ok_or_else(|| {
        lines.error(
            number,
            format!(
                "esperava uma linha de tempo como «00:00:01,000 --> 00:00:04,000» e encontrei «{}»",
                line.trim()
            ),
            format!(
                "expected a time line like '00:00:01,000 --> 00:00:04,000', found '{}'",
                line.trim()
            ),
        )
    })?;
    let mut rest = rest.split_whitespace();
    let end = rest.next().unwrap_or("");
    let bad = |t: &str| {
        lines.error(
            number,
            format!("«{t}» não é um tempo válido; escreva HH:MM:SS,mmm (por exemplo 00:01:02,500)"),
            format!("'{t}' is not a valid time; write HH:MM:SS,mmm (e.g. 00:01:02,500)"),
        )
    };
    let start_ms = parse_time(start.trim()).ok_or_else(|| bad(start.trim()))?;
    let end_ms = parse_time(end).ok_or_else(|| bad(end))?;
    let settings: Vec<&str> = rest.filter(|s| s.contains(':')).collect();
    Ok((start_ms, end_ms, settings.join(" ")))
}

/// Cue text: lines up to a blank line. A time line also ends it (a file
/// that forgot the blank line between cues), taking the cue number before it
/// along; any other `-->` is not allowed in WebVTT text and is softened.
fn cue_text(lines: &mut Lines) -> String {
    let mut out: Vec<String> = Vec::new();
    while let Some(line) = lines.peek() {
        if line.trim().is_empty() {
            break;
        }
        if is_time_line(line) {
            if out.last().is_some_and(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit())) {
                out.pop();
                lines.next -= 1;
            }
            break;
        }
        lines.next += 1;
        out.push(soften_arrows(line.trim_end()));
    }
    out.join("\n")
}

/// Replaces every `-->` until none is left: one pass turns `---->` into
/// `--->`, which still holds one (found by fuzzing).
fn soften_arrows(line: &str) -> String {
    let mut line = line.to_string();
    while line.contains("-->") {
        line = line.replace("-->", "->");
    }
    line
}

fn is_time_line(line: &str) -> bool {
    line.split_once("-->").is_some_and(|(start, rest)| {
        parse_time(start.trim()).is_some()
            && rest.split_whitespace().next().and_then(parse_time).is_some()
    })
}

/// Checks order and pushes a cue; cues without text are dropped.
fn push(lines: &Lines, cues: &mut Vec<Cue>, number: usize, cue: Cue) -> Result<()> {
    if cue.end_ms <= cue.start_ms {
        return Err(lines.error(
            number,
            format!(
                "a legenda acaba ({}) antes de começar ({}); corrija os tempos",
                format_vtt_time(cue.end_ms),
                format_vtt_time(cue.start_ms)
            ),
            format!(
                "the cue ends ({}) before it starts ({}); fix the times",
                format_vtt_time(cue.end_ms),
                format_vtt_time(cue.start_ms)
            ),
        ));
    }
    if let Some(previous) = cues.last() {
        if cue.start_ms < previous.start_ms {
            return Err(lines.error(
                number,
                format!(
                    "a legenda começa em {}, antes da anterior ({}); os tempos têm de estar por ordem",
                    format_vtt_time(cue.start_ms),
                    format_vtt_time(previous.start_ms)
                ),
                format!(
                    "the cue starts at {}, before the previous one ({}); times must be in order",
                    format_vtt_time(cue.start_ms),
                    format_vtt_time(previous.start_ms)
                ),
            ));
        }
    }
    if !cue.text.trim().is_empty() {
        cues.push(cue);
    }
    Ok(())
}

fn no_cues(lines: &Lines) -> Error {
    lines.error(1, "o ficheiro não tem legendas", "the file has no cues")
}

pub fn looks_like_srt(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    let first_timing =
        if first.bytes().all(|b| b.is_ascii_digit()) { lines.next().unwrap_or("") } else { first };
    first_timing.contains("-->")
}

pub fn srt(text: &str, name: &Path) -> Result<Vec<Cue>> {
    let mut lines = Lines::new(text, name);
    let mut cues = Vec::new();
    loop {
        lines.skip_blank();
        let Some((number, line)) = lines.take() else { break };
        let (number, line) = if line.trim().bytes().all(|b| b.is_ascii_digit()) {
            lines.take().ok_or_else(|| {
                lines.error(
                    number + 1,
                    "falta a linha de tempo depois do número",
                    "the time line after the number is missing",
                )
            })?
        } else {
            (number, line)
        };
        let (start_ms, end_ms, _) = timing(&lines, number, line)?;
        let text = cue_text(&mut lines);
        push(&lines, &mut cues, number, Cue { start_ms, end_ms, settings: String::new(), text })?;
    }
    if cues.is_empty() {
        return Err(no_cues(&lines));
    }
    Ok(cues)
}

pub fn vtt(text: &str, name: &Path) -> Result<Vec<Cue>> {
    let mut lines = Lines::new(text, name);
    let first = lines.take().map(|(_, l)| l).unwrap_or("");
    let signature_ok =
        first == "WEBVTT" || first.starts_with("WEBVTT ") || first.starts_with("WEBVTT\t");
    if !signature_ok {
        return Err(lines.error(
            1,
            "um ficheiro WebVTT tem de começar pela linha «WEBVTT»",
            "a WebVTT file must start with the line 'WEBVTT'",
        ));
    }
    // The header runs to the first blank line.
    while lines.peek().is_some_and(|l| !l.trim().is_empty()) {
        lines.next += 1;
    }
    let mut cues = Vec::new();
    loop {
        lines.skip_blank();
        let Some((number, line)) = lines.take() else { break };
        let keyword = line.split_whitespace().next().unwrap_or("");
        if matches!(keyword, "NOTE" | "STYLE" | "REGION") && !line.contains("-->") {
            cue_text(&mut lines);
            continue;
        }
        let (number, line) = if line.contains("-->") {
            (number, line)
        } else {
            // A cue identifier, then the time line.
            lines.take().ok_or_else(|| {
                lines.error(
                    number + 1,
                    "falta a linha de tempo depois do identificador",
                    "the time line after the cue identifier is missing",
                )
            })?
        };
        let (start_ms, end_ms, settings) = timing(&lines, number, line)?;
        let text = cue_text(&mut lines);
        push(&lines, &mut cues, number, Cue { start_ms, end_ms, settings, text })?;
    }
    if cues.is_empty() {
        return Err(no_cues(&lines));
    }
    Ok(cues)
}
