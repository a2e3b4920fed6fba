//! Bilingual text and the one rule that decides whether a translation is
//! current.
//!
//! A course is written in a *source* language. The other language keeps, next
//! to its text, the SHA-256 of the source text it was translated from. When the
//! source text changes the hashes no longer match and the translation is
//! *stale* until a person edits it or marks it reviewed. Status is therefore a
//! computation over stored facts, never a flag someone has to remember to set.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The two languages every course text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Pt,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Pt, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Pt => "pt",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Pt => Lang::En,
            Lang::En => Lang::Pt,
        }
    }

    /// Parses `pt`, `en` and regional tags such as `pt-MZ`, `pt_BR.UTF-8`, `en-GB`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_', '.']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "pt" | "por" => Some(Lang::Pt),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A human-facing text in Portuguese and English.
///
/// `source_hash` is the hash of the source-language text that the *other*
/// language was last translated from or reviewed against (`None` when the
/// translation has never been written).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bilingual {
    pub pt: String,
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub source_hash: Option<String>,
}

/// The state of one language of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum FieldState {
    /// Written, and (for the translation) made from the current source text.
    Complete,
    /// Not written yet although the source has text.
    Missing,
    /// Written from a source text that has changed since.
    Stale,
}

/// Hash of a text as stored in `source_hash`: hex SHA-256 of its UTF-8 bytes,
/// with line endings normalised so that a Windows editor does not make every
/// translation stale.
pub fn text_hash(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n");
    hex::encode(Sha256::digest(normalised.trim_end().as_bytes()))
}

impl Bilingual {
    /// A text whose two languages are both current (used for new content and the sample course).
    pub fn new(pt: impl Into<String>, en: impl Into<String>, source: Lang) -> Self {
        let mut text = Bilingual { pt: pt.into(), en: en.into(), source_hash: None };
        text.mark_reviewed(source);
        text
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Pt => &self.pt,
            Lang::En => &self.en,
        }
    }

    /// The text in `lang`, or in the other language when it is blank: what
    /// a title shows before it is translated.
    pub fn get_or_other(&self, lang: Lang) -> &str {
        let own = self.get(lang);
        if own.trim().is_empty() {
            self.get(lang.other())
        } else {
            own
        }
    }

    /// Sets one language. Writing the translation records the source text it
    /// was written against; writing the source leaves the translation's hash
    /// alone, so a changed source makes the translation stale.
    pub fn set(&mut self, lang: Lang, value: impl Into<String>, source: Lang) {
        let value = value.into();
        match lang {
            Lang::Pt => self.pt = value,
            Lang::En => self.en = value,
        }
        if lang != source {
            self.mark_reviewed(source);
        }
    }

    /// Records that the translation matches the current source text.
    pub fn mark_reviewed(&mut self, source: Lang) {
        self.source_hash = if self.get(source.other()).trim().is_empty() {
            None
        } else {
            Some(text_hash(self.get(source)))
        };
    }

    /// Marks the translation reviewed; refuses, changing nothing, when there
    /// is no translation to review (`field` names it in the message).
    pub fn review(&mut self, source: Lang, field: &str) -> crate::Result<()> {
        if self.state(source.other(), source) == Some(FieldState::Missing) {
            return Err(crate::Error::TranslationMissing {
                field: field.to_string(),
                lang: source.other(),
            });
        }
        self.mark_reviewed(source);
        Ok(())
    }

    /// `None` when neither language has text: the field does not count.
    pub fn state(&self, lang: Lang, source: Lang) -> Option<FieldState> {
        let src = self.get(source).trim();
        let own = self.get(lang).trim();
        if src.is_empty() && own.is_empty() {
            return None;
        }
        if own.is_empty() {
            return Some(FieldState::Missing);
        }
        if lang == source || src.is_empty() {
            return Some(FieldState::Complete);
        }
        match &self.source_hash {
            Some(hash) if *hash == text_hash(self.get(source)) => Some(FieldState::Complete),
            _ => Some(FieldState::Stale),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_goes_stale_when_source_changes_and_clears_on_review() {
        let mut t = Bilingual::new("Olá", "Hello", Lang::Pt);
        assert_eq!(t.state(Lang::En, Lang::Pt), Some(FieldState::Complete));
        t.set(Lang::Pt, "Olá a todos", Lang::Pt);
        assert_eq!(t.state(Lang::En, Lang::Pt), Some(FieldState::Stale));
        assert_eq!(t.state(Lang::Pt, Lang::Pt), Some(FieldState::Complete));
        t.mark_reviewed(Lang::Pt);
        assert_eq!(t.state(Lang::En, Lang::Pt), Some(FieldState::Complete));
    }

    #[test]
    fn writing_the_translation_makes_it_current() {
        let mut t = Bilingual::new("Olá", "", Lang::Pt);
        assert_eq!(t.state(Lang::En, Lang::Pt), Some(FieldState::Missing));
        t.set(Lang::En, "Hello", Lang::Pt);
        assert_eq!(t.state(Lang::En, Lang::Pt), Some(FieldState::Complete));
    }

    #[test]
    fn empty_fields_do_not_count_and_crlf_is_not_a_change() {
        let t = Bilingual::default();
        assert_eq!(t.state(Lang::Pt, Lang::Pt), None);
        let mut t = Bilingual::new("a\nb", "x", Lang::Pt);
        t.set(Lang::Pt, "a\r\nb", Lang::Pt);
        assert_eq!(t.state(Lang::En, Lang::Pt), Some(FieldState::Complete));
    }

    #[test]
    fn parses_regional_tags() {
        assert_eq!(Lang::parse("pt-MZ"), Some(Lang::Pt));
        assert_eq!(Lang::parse("pt_BR.UTF-8"), Some(Lang::Pt));
        assert_eq!(Lang::parse("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
