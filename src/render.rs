//! The one markdown -> safe HTML pipeline.
//!
//! The app preview, the offline player and SCORM all call [`render_markdown`],
//! so "the preview is exactly what the learner sees" holds by construction,
//! and a hole fixed here is fixed everywhere. Lesson text is untrusted: it may
//! come from a partner's package. The pipeline is
//!
//! 1. pulldown-cmark (CommonMark + tables, strikethrough, task lists,
//!    footnotes), options set in [`markdown_options`] only;
//! 2. `media:NAME` references in images and links rewritten through a mapping
//!    the caller passes ([`RenderOptions::media`]): the package uses
//!    `media/<sha256>.<ext>`, the preview may use something else. An image
//!    whose media is a video becomes `<video controls>`; an unknown name
//!    becomes a visible placeholder, never a broken request; an image from
//!    the network becomes a plain link (courses play offline);
//! 3. raw HTML inside the markdown is shown as text, not markup;
//! 4. ammonia with an allowlist ([`sanitize`]): no script, style, iframe,
//!    object, embed, svg, math, form, base, meta, link; no event or style
//!    attributes; link schemes http, https and mailto only; relative URLs only
//!    in-page fragments and the media URLs the mapping produced (never
//!    `//host`, `\\host`, `/x` or `..`); `img` and `video` sources only from
//!    that same set. Sanitising the output again changes nothing.

use std::collections::HashSet;

use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::model::Lang;

mod references;
mod sanitize;

use references::media_name;
pub use references::{media_reference_spans, media_references, MediaReference};
pub use sanitize::sanitize;

/// The scheme that lesson markdown uses to name course media: `![Entrevista](media:entrevista.mp4)`.
pub const MEDIA_SCHEME: &str = "media:";

/// Prefix given to footnote ids so that lesson text cannot clobber ids of the page around it.
const ID_PREFIX: &str = "juntos-fn-";

/// What a media file is, as far as rendering cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Image,
    Video,
    Audio,
    /// Anything else (a PDF, a worksheet): linked, never embedded.
    Other,
}

impl MediaKind {
    /// Guess from the file name's extension. The media probe knows better;
    /// this is the fallback when no probe result is at hand.
    pub fn from_name(name: &str) -> MediaKind {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "bmp" => MediaKind::Image,
            "mp4" | "m4v" | "webm" | "ogv" | "mov" | "mkv" | "3gp" => MediaKind::Video,
            "mp3" | "m4a" | "ogg" | "oga" | "opus" | "wav" | "aac" | "flac" => MediaKind::Audio,
            _ => MediaKind::Other,
        }
    }
}

impl From<crate::media::MediaKind> for MediaKind {
    /// What the media probe found, as rendering cares.
    fn from(kind: crate::media::MediaKind) -> MediaKind {
        match kind {
            crate::media::MediaKind::Video => MediaKind::Video,
            crate::media::MediaKind::Audio => MediaKind::Audio,
            crate::media::MediaKind::Image => MediaKind::Image,
        }
    }
}

/// Where a media name points once rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedMedia {
    /// A relative URL such as `media/ab12…ef.mp4`. Anything with a scheme,
    /// a leading `/`, `//`, a backslash or a `..` segment is refused and
    /// rendered as missing.
    pub url: String,
    pub kind: MediaKind,
}

/// How to render one text.
pub struct RenderOptions<'a> {
    /// Language of the placeholders the renderer writes itself.
    pub lang: Lang,
    /// Maps a media name (what follows `media:`) to its URL; `None` = unknown.
    pub media: &'a dyn Fn(&str) -> Option<ResolvedMedia>,
}

/// Options for a text with no media at all (every `media:` reference shows as missing).
pub fn no_media(_: &str) -> Option<ResolvedMedia> {
    None
}

/// The one place the markdown dialect is decided.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// Renders markdown to sanitised HTML.
pub fn render_markdown(markdown: &str, options: &RenderOptions) -> String {
    let mut allowed = HashSet::new();
    let events =
        rewrite_media(Parser::new_ext(markdown, markdown_options()), options, &mut allowed);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    sanitize(&raw, &allowed)
}

/// A URL the mapping may hand out: relative, inside the package, no tricks.
fn is_package_relative(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with('/')
        && !url.starts_with('#')
        && !url.contains('\\')
        && !url.contains("//")
        && !url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '"' || c == '<' || c == '>')
        && !url.split(['/', '?', '#']).next().unwrap_or("").contains(':')
        && !url.split('/').any(|segment| segment == ".." || segment == ".")
}

fn resolve(
    options: &RenderOptions,
    name: &str,
    allowed: &mut HashSet<String>,
) -> Option<ResolvedMedia> {
    let resolved = (options.media)(name)?;
    if !is_package_relative(&resolved.url) {
        return None;
    }
    allowed.insert(resolved.url.clone());
    Some(resolved)
}

/// Replaces media images and links by the elements the learner should see.
fn rewrite_media<'a>(
    parser: Parser<'a>,
    options: &RenderOptions,
    allowed: &mut HashSet<String>,
) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut parser = parser.into_iter();
    // Links whose end tag must be dropped because the start was replaced.
    let mut open_links: Vec<bool> = Vec::new();
    while let Some(event) = parser.next() {
        match event {
            Event::Start(Tag::Image { dest_url, title, link_type, .. }) => {
                let alt = collect_alt(&mut parser);
                out.push(Event::Html(
                    image_html(&dest_url, &title, link_type, &alt, options, allowed).into(),
                ));
            }
            Event::Start(Tag::Link { dest_url, title, link_type, id }) => {
                match media_name(&dest_url) {
                    Some(name) => match resolve(options, name, allowed) {
                        Some(media) => {
                            open_links.push(true);
                            out.push(Event::Start(Tag::Link {
                                link_type,
                                dest_url: CowStr::from(media.url),
                                title,
                                id,
                            }));
                        }
                        None => {
                            open_links.push(false);
                            out.push(Event::Html(
                                format!("{} ", missing_open(name, options.lang)).into(),
                            ));
                        }
                    },
                    None => {
                        open_links.push(true);
                        out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if open_links.pop().unwrap_or(true) {
                    out.push(Event::End(TagEnd::Link));
                } else {
                    out.push(Event::Html("</span>".into()));
                }
            }
            // Raw HTML in lesson text is shown as text: trainers write
            // markdown, and what the sanitiser never sees cannot slip past it.
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            other => out.push(other),
        }
    }
    out
}

/// The text inside `![…]`, flattened, consuming events up to the image's end.
fn collect_alt<'a>(parser: &mut impl Iterator<Item = Event<'a>>) -> String {
    let mut alt = String::new();
    let mut depth = 1usize;
    for event in parser.by_ref() {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                alt.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

fn image_html(
    dest: &str,
    title: &str,
    link_type: LinkType,
    alt: &str,
    options: &RenderOptions,
    allowed: &mut HashSet<String>,
) -> String {
    let title_attr = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", crate::escape::html(title))
    };
    match media_name(dest) {
        Some(name) => match resolve(options, name, allowed) {
            Some(media) => match media.kind {
                MediaKind::Video => format!(
                    "<video controls=\"\" preload=\"metadata\" src=\"{}\"{title_attr}>{}</video>",
                    crate::escape::html(&media.url),
                    crate::escape::html(alt)
                ),
                MediaKind::Audio => format!(
                    "<audio controls=\"\" preload=\"metadata\" src=\"{}\"{title_attr}>{}</audio>",
                    crate::escape::html(&media.url),
                    crate::escape::html(alt)
                ),
                MediaKind::Image => {
                    format!(
                        "<img src=\"{}\" alt=\"{}\"{title_attr}>",
                        crate::escape::html(&media.url),
                        crate::escape::html(alt)
                    )
                }
                MediaKind::Other => format!(
                    "<a href=\"{}\"{title_attr}>{}</a>",
                    crate::escape::html(&media.url),
                    crate::escape::html(if alt.is_empty() { name } else { alt })
                ),
            },
            None => format!("{}</span>", missing_open(name, options.lang)),
        },
        None => {
            // Not from the package: the course plays offline, so never fetch it;
            // offer it as a link the learner can follow when online.
            let _ = link_type;
            let label = if alt.is_empty() { dest } else { alt };
            format!(
                "<a href=\"{}\"{title_attr}>{}</a>",
                crate::escape::html(dest),
                crate::escape::html(label)
            )
        }
    }
}

fn missing_open(name: &str, lang: Lang) -> String {
    let text = match lang {
        Lang::Pt => format!("[ficheiro em falta: {name}]"),
        Lang::En => format!("[missing media: {name}]"),
    };
    format!("<span class=\"juntos-media-missing\">{}", crate::escape::html(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link whose `href` is refused keeps its title; sanitising the
    /// result again changes nothing (a fuzz finding: the attributes used
    /// to come out in another order the second time).
    #[test]
    fn sanitising_is_a_fixed_point_for_links_that_lose_their_href() {
        let media = HashSet::new();
        for html in [
            "<a href=\"i\" title=\"%\">x</a>",
            "<a href=\"javascript:alert(1)\" title=\"t\">x</a>",
            "<a title=\"t\" href=\"//evil.example\">x</a>",
        ] {
            let once = sanitize(html, &media);
            assert!(!once.contains("href"), "{once}");
            assert!(once.contains("title="), "{once}");
            assert_eq!(sanitize(&once, &media), once, "{html}");
        }
    }

    fn media(name: &str) -> Option<ResolvedMedia> {
        match name {
            "foto.jpg" => {
                Some(ResolvedMedia { url: "media/aa.jpg".into(), kind: MediaKind::Image })
            }
            "video.mp4" => {
                Some(ResolvedMedia { url: "media/bb.mp4".into(), kind: MediaKind::Video })
            }
            "evil" => {
                Some(ResolvedMedia { url: "//evil.example/x".into(), kind: MediaKind::Image })
            }
            _ => None,
        }
    }

    fn render(md: &str) -> String {
        render_markdown(md, &RenderOptions { lang: Lang::Pt, media: &media })
    }

    #[test]
    fn media_images_videos_and_unknown_names() {
        assert_eq!(
            render("![Foto](media:foto.jpg)"),
            "<p><img src=\"media/aa.jpg\" alt=\"Foto\"></p>\n"
        );
        let video = render("![Entrevista](media:video.mp4)");
        assert!(
            video.contains("<video")
                && video.contains("src=\"media/bb.mp4\"")
                && video.contains("controls"),
            "{video}"
        );
        let missing = render("![X](media:nada.png)");
        assert!(
            missing.contains("juntos-media-missing")
                && missing.contains("nada.png")
                && !missing.contains("<img"),
            "{missing}"
        );
        let evil = render("![X](media:evil)");
        assert!(!evil.contains("evil.example"), "{evil}");
        let external = render("![Mapa](https://example.org/m.png)");
        assert!(
            !external.contains("<img") && external.contains("href=\"https://example.org/m.png\""),
            "{external}"
        );
    }

    #[test]
    fn extensions_are_on() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~\n\n- [x] feito\n\nNota[^1]\n\n[^1]: Rodapé",
        );
        for needle in [
            "<table>",
            "<del>",
            "type=\"checkbox\"",
            "disabled",
            "footnote-definition",
            "#juntos-fn-1",
            "id=\"juntos-fn-1\"",
        ] {
            assert!(html.contains(needle), "{needle} in {html}");
        }
    }

    #[test]
    fn references_are_listed_once() {
        assert_eq!(
            media_references(
                "![a](media:x.mp4) [b](media:y.pdf) ![c](media:x.mp4) ![d](http://a/b.png)"
            ),
            ["x.mp4", "y.pdf"]
        );
        assert_eq!(MediaKind::from_name("A.MP4"), MediaKind::Video);
    }
}
