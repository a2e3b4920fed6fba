//! The catalogue page's own files (`index.html`, `catalogue/…`).
//!
//! The real page is TypeScript in `catalogue/`, bundled into the committed
//! `assets/catalogue/` (like the player's `assets/player/`), so the core
//! needs no Node to build. Until that bundle exists, the stick gets a plain
//! page generated here: the course list as links, readable with scripts
//! off, which also keeps the stick usable if the bundle ever fails to load.

use super::catalogue::Catalogue;
use super::plan::INDEX;

/// `(path under Juntos/, bytes)` of the catalogue page's files.
pub fn catalogue_files(catalogue: &Catalogue) -> Vec<(String, Vec<u8>)> {
    vec![(INDEX.to_string(), placeholder_index(catalogue).into_bytes())]
}

/// A static list of the courses, in both languages.
fn placeholder_index(catalogue: &Catalogue) -> String {
    let esc = crate::escape::html;
    let mut items = String::new();
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
    format!(
        "<!DOCTYPE html>\n<html lang=\"pt\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">\n\
<title>Juntos</title>\n</head>\n<body>\n<main>\n<h1>Juntos</h1>\n<ul>\n{items}</ul>\n</main>\n\
<script src=\"catalogue/data.js\"></script>\n</body>\n</html>\n"
    )
}
