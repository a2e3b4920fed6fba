//! The one markdown -> safe HTML pipeline. Whatever the lesson text, the
//! output parsed by an HTML parser has only allowlisted elements and
//! attributes, no `on*` or `style` attribute, no script, no URL with a
//! foreign scheme (`javascript:`, `data:`, `vbscript:`, ...) or pointing at
//! another host (`//host`), media sources only from the package; and
//! sanitising the output again changes nothing.
#![no_main]

use std::collections::HashSet;

use juntos::model::Lang;
use juntos::render::{render_markdown, sanitize, MediaKind, RenderOptions, ResolvedMedia};
use libfuzzer_sys::fuzz_target;
use scraper::Html;

const GOOD: &[(&str, &str, MediaKind)] = &[
    ("foto.png", "media/aa.png", MediaKind::Image),
    ("video.mp4", "media/bb.mp4", MediaKind::Video),
    ("som.ogg", "media/cc.ogg", MediaKind::Audio),
    ("ficha.pdf", "media/dd.pdf", MediaKind::Other),
];

/// Mappings a buggy or hostile caller might hand out: the renderer must refuse them.
const BAD: &[(&str, &str)] = &[
    ("js", "javascript:alert(1)"),
    ("host", "//evil.example/x.png"),
    ("quote", "media/x.png\" onerror=\"alert(1)"),
    ("data", "data:text/html,<script>alert(1)</script>"),
    ("back", "media\\..\\x"),
    ("up", "../x.png"),
];

fn resolve(name: &str) -> Option<ResolvedMedia> {
    if let Some((_, url, kind)) = GOOD.iter().find(|(n, _, _)| n.eq_ignore_ascii_case(name)) {
        return Some(ResolvedMedia { url: url.to_string(), kind: *kind });
    }
    BAD.iter()
        .find(|(n, _)| *n == name)
        .map(|(_, url)| ResolvedMedia { url: url.to_string(), kind: MediaKind::Image })
}

const TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "video",
    "audio",
];

fn attribute_allowed(tag: &str, attr: &str) -> bool {
    matches!(
        (tag, attr),
        ("a", "href" | "title" | "rel")
            | ("img", "src" | "alt" | "title")
            | ("video" | "audio", "src" | "title" | "controls" | "preload")
            | ("input", "checked" | "type" | "disabled")
            | ("div", "id" | "class")
            | ("span" | "sup", "class")
            | ("ol", "start")
            | ("abbr", "title")
            | ("td" | "th", "colspan" | "rowspan")
    )
}

/// What a browser makes of a URL attribute before looking at its scheme.
fn normalised(url: &str) -> String {
    url.chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_matches(|c: char| c <= ' ')
        .to_ascii_lowercase()
}

fn check_url(tag: &str, attr: &str, value: &str, media: &HashSet<String>) {
    let url = normalised(value);
    for scheme in ["javascript:", "data:", "vbscript:", "file:", "blob:"] {
        assert!(!url.starts_with(scheme), "<{tag} {attr}={value:?}>");
    }
    assert!(
        !url.starts_with("//") && !url.starts_with("\\\\") && !url.starts_with("/\\"),
        "<{tag} {attr}={value:?}>"
    );
    if attr == "src" {
        assert!(media.contains(value), "<{tag} src={value:?}> is not one of the package's media");
        return;
    }
    let head = url.split(['/', '?', '#']).next().unwrap_or("");
    if let Some((scheme, _)) = head.split_once(':') {
        assert!(matches!(scheme, "http" | "https" | "mailto"), "<{tag} {attr}={value:?}>");
    } else {
        assert!(url.starts_with('#') || media.contains(value), "relative <{tag} {attr}={value:?}>");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let Ok(markdown) = std::str::from_utf8(rest) else { return };
    let lang = if mode & 1 == 0 { Lang::Pt } else { Lang::En };
    let html = render_markdown(markdown, &RenderOptions { lang, media: &resolve });
    let media: HashSet<String> = GOOD.iter().map(|(_, url, _)| url.to_string()).collect();

    let doc = Html::parse_fragment(&html);
    for node in doc.tree.nodes() {
        let Some(element) = node.value().as_element() else { continue };
        let tag = element.name();
        assert!(TAGS.contains(&tag), "<{tag}> in {html}");
        for (attr, value) in element.attrs() {
            assert!(
                !attr.to_ascii_lowercase().starts_with("on"),
                "event attribute {attr} in {html}"
            );
            assert!(attribute_allowed(tag, attr), "<{tag} {attr}> in {html}");
            if matches!(attr, "href" | "src") {
                check_url(tag, attr, value, &media);
            }
        }
    }
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    assert_eq!(sanitize(&html, &media), html, "sanitising twice changed the output");
});
