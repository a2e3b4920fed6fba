//! The catalogue's data (`Juntos/catalogue/data-<key>.js`, format 1): what
//! the catalogue page shows about each course, written by the core and read
//! by the page's TypeScript (`catalogue/`, helper "stick-ui"), which gets
//! these types from `ui/src/bindings.ts`. The shape is specified in
//! `docs/stick-format.md`; this file and that page change together.
//!
//! Texts are plain (markdown rendered and its tags removed) because the page
//! puts them in the DOM as text and searches them; HTML would need a second
//! sanitiser in the browser.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::Lang;

/// Version of the shape of `window.JUNTOS_CATALOGUE`.
pub const CATALOGUE_FORMAT: u32 = 1;

/// Text in both languages; `""` for a language the stick does not carry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CatalogueText {
    pub pt: String,
    pub en: String,
}

/// `window.JUNTOS_CATALOGUE`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Catalogue {
    /// Always [`CATALOGUE_FORMAT`].
    pub format: u32,
    /// ISO 8601, UTC.
    pub written_at: String,
    pub app_version: String,
    /// The languages the stick was written with.
    pub languages: Vec<Lang>,
    /// Every organisation named by a course, sorted, unique.
    pub organisations: Vec<String>,
    /// Sorted by Portuguese title, then id.
    pub courses: Vec<CatalogueCourse>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CatalogueCourse {
    pub id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    pub slug: String,
    /// The course's page, relative to `Juntos/index.html`.
    pub href: String,
    pub title: CatalogueText,
    /// Plain text.
    pub summary: CatalogueText,
    pub organisation: String,
    /// Sum of the lessons' minutes.
    pub minutes: u32,
    /// Languages this course carries on the stick.
    pub languages: Vec<Lang>,
    /// Percent translated per language (0–100).
    pub completeness: BTreeMap<Lang, u32>,
    /// `media/<sha256>.<format>` relative to `Juntos/index.html`, or null.
    pub cover: Option<String>,
    /// Every lesson's id, in course order (progress is kept per lesson).
    pub lesson_ids: Vec<String>,
    pub search: Vec<CatalogueSearchEntry>,
}

/// One lesson as search sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CatalogueSearchEntry {
    pub lesson: String,
    pub title: CatalogueText,
    /// Plain text of the lesson's body.
    pub text: CatalogueText,
}

impl Catalogue {
    /// The script the page loads: the JSON escaped so that it is valid
    /// JavaScript in old engines and never contains `<`.
    pub fn to_script(&self) -> Vec<u8> {
        let json = serde_json::to_string(self).expect("catalogue data always serialises");
        let json = json
            .replace('<', "\\u003c")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        format!(
            "/* Juntos Studio: catalogue data (format {CATALOGUE_FORMAT}). Generated; do not edit. */\nwindow.JUNTOS_CATALOGUE = {json};\n"
        )
        .into_bytes()
    }

    /// Reads a script written by [`Catalogue::to_script`] back (tests, verify).
    pub fn from_script(bytes: &[u8]) -> Option<Catalogue> {
        let text = std::str::from_utf8(bytes).ok()?;
        let start = text.find("window.JUNTOS_CATALOGUE = ")? + "window.JUNTOS_CATALOGUE = ".len();
        let json = text[start..].trim_end().strip_suffix(';')?;
        serde_json::from_str(json).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_reads_back_and_hides_angle_brackets() {
        let c = Catalogue {
            format: CATALOGUE_FORMAT,
            written_at: "2026-12-02T13:40:00Z".into(),
            app_version: "0.1.0".into(),
            languages: vec![Lang::Pt],
            organisations: vec!["<Org>".into()],
            courses: Vec::new(),
        };
        let script = c.to_script();
        assert!(!String::from_utf8_lossy(&script).contains("<Org>"));
        assert_eq!(Catalogue::from_script(&script), Some(c));
    }
}
