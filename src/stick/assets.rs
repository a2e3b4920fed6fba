//! The catalogue page's own files (`index.html`, `catalogue/…`).
//!
//! The page is TypeScript in `catalogue/src/`, bundled into the committed
//! `assets/catalogue/` (like the player's `assets/player/`), so the core
//! needs no Node to build; this module includes those files. The page's
//! `<!--courses-->` mark (inside `<noscript>`) is filled here with the
//! courses as plain links, so the stick still opens every course with
//! scripts off.

use super::catalogue::Catalogue;
use super::plan::INDEX;

const INDEX_TEMPLATE: &str = include_str!("../../assets/catalogue/index.html");
const SCRIPT: &[u8] = include_bytes!("../../assets/catalogue/catalogue.js");
const STYLES: &[u8] = include_bytes!("../../assets/catalogue/catalogue.css");
/// Where the course links go in the page.
const COURSES_MARK: &str = "<!--courses-->";

/// `(path under Juntos/, bytes)` of the catalogue page's files.
pub fn catalogue_files(catalogue: &Catalogue) -> Vec<(String, Vec<u8>)> {
    vec![
        (INDEX.to_string(), index_html(catalogue).into_bytes()),
        ("catalogue/catalogue.css".to_string(), STYLES.to_vec()),
        ("catalogue/catalogue.js".to_string(), SCRIPT.to_vec()),
    ]
}

/// The page, with the courses as a static list of links in both languages.
fn index_html(catalogue: &Catalogue) -> String {
    let esc = crate::escape::html;
    let mut items = String::from("<ul class=\"static-courses\">\n");
    for c in &catalogue.courses {
        let title = if c.title.pt.is_empty() { &c.title.en } else { &c.title.pt };
        let other = if c.title.pt.is_empty() || c.title.en.is_empty() {
            String::new()
        } else {
            format!(" <span lang=\"en\">({})</span>", esc(&c.title.en))
        };
        items.push_str(&format!(
            "<li><a href=\"{}\">{}</a>{other} — {}</li>\n",
            esc(&c.href),
            esc(title),
            esc(&c.organisation)
        ));
    }
    items.push_str("</ul>");
    INDEX_TEMPLATE.replacen(COURSES_MARK, &items, 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_has_the_mark_and_loads_the_data() {
        assert!(super::INDEX_TEMPLATE.contains(super::COURSES_MARK));
        assert!(super::INDEX_TEMPLATE.contains("src=\"catalogue/data.js\""));
    }
}
