//! The one `media:` reference finder of the renderer (see `render.rs`):
//! which media a markdown text names, and where, for export, detach, rename
//! and the missing-media check.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::{markdown_options, MEDIA_SCHEME};

/// Every media name a markdown text refers to with `media:`, in order, without repeats.
/// Export uses it to decide which media a language needs.
pub fn media_references(markdown: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for reference in media_reference_spans(markdown) {
        if !names.contains(&reference.name) {
            names.push(reference.name);
        }
    }
    names
}

/// One `media:NAME` reference in a markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaReference {
    /// The name as written (trimmed; compare it ignoring ASCII case).
    pub name: String,
    /// An image or link learners see; `false` for a mention in plain text
    /// ("show media:entrevista.mp4 at the end"), which detach and rename
    /// respect but which renders as text.
    pub shown: bool,
    /// Where the name is written in the text, when it is written as is
    /// (not through escapes): what a rename rewrites.
    pub range: Option<std::ops::Range<usize>>,
}

/// The one reference finder: every image or link whose destination is
/// `media:NAME` (scheme in any case, name trimmed), and every plain-text
/// mention `media:NAME`, found by the same parser that renders, so text in
/// code blocks or code spans never counts. Render, export, detach and
/// rename all go through it.
pub fn media_reference_spans(markdown: &str) -> Vec<MediaReference> {
    let mut iter = Parser::new_ext(markdown, markdown_options()).into_offset_iter();
    let events: Vec<_> = iter.by_ref().collect();
    let defs = iter.reference_definitions();
    let mut out: Vec<MediaReference> = Vec::new();
    // Plain text, as runs of adjacent text events (the parser may split a
    // name at `_`), outside links and images (their text is not a reference).
    let mut run: Option<std::ops::Range<usize>> = None;
    let mut in_link = 0usize;
    let mut in_code = false;
    let flush = |run: &mut Option<std::ops::Range<usize>>, out: &mut Vec<MediaReference>| {
        if let Some(span) = run.take() {
            out.extend(text_mentions(markdown, span));
        }
    };
    for (event, range) in events {
        match &event {
            Event::Text(_) if in_link == 0 && !in_code => {
                run = Some(match run.take() {
                    Some(r) if r.end == range.start => r.start..range.end,
                    Some(r) => {
                        flush(&mut Some(r), &mut out);
                        range.clone()
                    }
                    None => range.clone(),
                });
                continue;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        flush(&mut run, &mut out);
        let (dest_url, link_type, id) = match event {
            Event::Start(Tag::Image { dest_url, link_type, id, .. })
            | Event::Start(Tag::Link { dest_url, link_type, id, .. }) => (dest_url, link_type, id),
            _ => continue,
        };
        in_link += 1;
        let Some(name) = media_name(&dest_url) else { continue };
        let span = match link_type {
            LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                defs.get(&id).map(|d| d.span.clone()).unwrap_or(range)
            }
            _ => range,
        };
        let range = name_range(markdown, span, name);
        if range.is_some() && out.iter().any(|r| r.range == range) {
            continue;
        }
        out.push(MediaReference { name: name.to_string(), shown: true, range });
    }
    flush(&mut run, &mut out);
    out
}

/// `media:NAME` mentions in a run of plain text (source bytes `span`): the
/// scheme in any case after a non-word character, the name up to the first
/// character a name cannot hold, a sentence's final dot left out.
fn text_mentions(markdown: &str, span: std::ops::Range<usize>) -> Vec<MediaReference> {
    let Some(text) = markdown.get(span.clone()) else { return Vec::new() };
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for (at, _) in lower.match_indices(MEDIA_SCHEME) {
        if text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let start = at + MEDIA_SCHEME.len();
        let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
        let len = text[start..].find(|c: char| !is_name(c)).unwrap_or(text.len() - start);
        let name = text[start..start + len].trim_end_matches('.');
        if name.chars().any(|c| c.is_ascii_alphanumeric()) {
            let range = Some(span.start + start..span.start + start + name.len());
            out.push(MediaReference { name: name.to_string(), shown: false, range });
        }
    }
    out
}

/// Where `name` follows the last `media:` (any case) inside `span`.
fn name_range(
    markdown: &str,
    span: std::ops::Range<usize>,
    name: &str,
) -> Option<std::ops::Range<usize>> {
    let text = markdown.get(span.clone())?;
    let lower = text.to_ascii_lowercase();
    lower.rmatch_indices(MEDIA_SCHEME).find_map(|(at, _)| {
        let after = at + MEDIA_SCHEME.len();
        let skipped = text[after..].len() - text[after..].trim_start().len();
        let start = after + skipped;
        text[start..].starts_with(name).then(|| span.start + start..span.start + start + name.len())
    })
}

pub(super) fn media_name(dest: &str) -> Option<&str> {
    let dest = dest.trim();
    let prefix = dest.get(..MEDIA_SCHEME.len())?;
    if prefix.eq_ignore_ascii_case(MEDIA_SCHEME) {
        Some(dest[MEDIA_SCHEME.len()..].trim()).filter(|n| !n.is_empty())
    } else {
        None
    }
}
