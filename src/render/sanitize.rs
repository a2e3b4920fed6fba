//! Step 4 of the renderer (see `render.rs`): ammonia with our allowlist.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use super::ID_PREFIX;

/// Cleans HTML with the allowlist. `media_urls` are the only sources an
/// `img`, `video` or `audio` may load, and the only relative links besides
/// in-page fragments.
pub fn sanitize(html: &str, media_urls: &HashSet<String>) -> String {
    let media_urls = Arc::new(media_urls.clone());
    let filter_urls = media_urls.clone();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(HashSet::from([
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
        ]))
        .clean_content_tags(HashSet::from(["script", "style", "template", "noscript", "title"]))
        .tag_attributes(
            [
                ("a", HashSet::from(["href", "title"])),
                ("img", HashSet::from(["src", "alt", "title"])),
                ("video", HashSet::from(["src", "title"])),
                ("audio", HashSet::from(["src", "title"])),
                ("input", HashSet::from(["checked"])),
                ("div", HashSet::from(["id"])),
                ("ol", HashSet::from(["start"])),
                ("abbr", HashSet::from(["title"])),
                ("td", HashSet::from(["colspan", "rowspan"])),
                ("th", HashSet::from(["colspan", "rowspan"])),
            ]
            .into_iter()
            .collect(),
        )
        .allowed_classes(
            [
                ("span", HashSet::from(["juntos-media-missing"])),
                ("div", HashSet::from(["footnote-definition"])),
                ("sup", HashSet::from(["footnote-reference", "footnote-definition-label"])),
            ]
            .into_iter()
            .collect(),
        )
        // One forced attribute per element: ammonia adds missing ones in
        // hash order, and the output must be the same bytes every time.
        .tag_attribute_values(
            [
                ("input", [("type", HashSet::from(["checkbox"]))].into_iter().collect()),
                ("video", [("preload", HashSet::from(["metadata"]))].into_iter().collect()),
                ("audio", [("preload", HashSet::from(["metadata"]))].into_iter().collect()),
            ]
            .into_iter()
            .collect(),
        )
        .set_tag_attribute_value("input", "disabled", "")
        .set_tag_attribute_value("video", "controls", "")
        .set_tag_attribute_value("audio", "controls", "")
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Custom(Box::new(RelativeUrls(media_urls))))
        .attribute_filter(move |element, attribute, value| match (element, attribute) {
            ("img" | "video" | "audio", "src") => {
                filter_urls.contains(value).then_some(Cow::Borrowed(value))
            }
            (_, "id") => Some(prefixed(value, ID_PREFIX)),
            ("a", "href") if value.starts_with('#') => {
                Some(Cow::Owned(format!("#{}", prefixed(&value[1..], ID_PREFIX))))
            }
            _ => Some(Cow::Borrowed(value)),
        })
        .link_rel(Some(LINK_REL))
        .strip_comments(true);
    let cleaned = builder.clean(html).to_string();
    // ammonia adds `rel` to every link last, but drops a refused attribute
    // by moving the last one into its place: a link whose `href` was
    // refused comes out as `<a rel=… title=…>`, and cleaning that again
    // would give `<a title=… rel=…>`. One more pass in that case puts `rel`
    // last, so that sanitising the output again changes nothing (the
    // renderer's output is a fixed point, as the fuzz target checks).
    if cleaned.contains(&format!("rel=\"{LINK_REL}\" ")) {
        builder.clean(&cleaned).to_string()
    } else {
        cleaned
    }
}

/// What ammonia puts on every link.
const LINK_REL: &str = "noopener noreferrer";

/// Relative URLs that survive: in-page fragments and the media URLs of this render.
struct RelativeUrls(Arc<HashSet<String>>);

impl<'a> ammonia::UrlRelativeEvaluate<'a> for RelativeUrls {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        (self.0.contains(url) || is_fragment(url)).then_some(Cow::Borrowed(url))
    }
}

fn is_fragment(url: &str) -> bool {
    url.starts_with('#') && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

fn prefixed<'v>(value: &'v str, prefix: &str) -> Cow<'v, str> {
    if value.starts_with(prefix) {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(format!("{prefix}{value}"))
    }
}
