//! The course tree: course -> modules -> lessons, as the library hands it out.
//!
//! These are plain data. The store decides how they are kept; packages
//! serialise them as `course.json`; the UI receives them through generated
//! TypeScript types. Keeping one definition is what stops those three drifting.

use serde::{Deserialize, Serialize};

use super::quiz::Quiz;
use super::text::{Bilingual, Lang};

pub const DEFAULT_LICENCE: &str = "CC BY-SA 4.0";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Course {
    pub id: String,
    pub slug: String,
    /// Goes up by one with every saved change.
    pub revision: i64,
    pub source_lang: Lang,
    pub title: Bilingual,
    pub summary: Bilingual,
    pub organisation: String,
    pub licence: String,
    pub topics: Vec<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub derived_from: Option<String>,
    pub modules: Vec<Module>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Module {
    pub id: String,
    pub title: Bilingual,
    pub lessons: Vec<Lesson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Lesson {
    pub id: String,
    pub title: Bilingual,
    /// Markdown.
    pub body: Bilingual,
    /// Markdown for the facilitator of the face-to-face session.
    pub notes: Bilingual,
    pub minutes: u32,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub quiz: Option<Quiz>,
}

/// One line of the library list: enough for a course card without loading lessons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CourseSummary {
    pub id: String,
    pub slug: String,
    pub revision: i64,
    pub source_lang: Lang,
    pub title: Bilingual,
    pub organisation: String,
    pub updated_at: String,
    pub module_count: u32,
    pub lesson_count: u32,
}

/// What a person gives to create a course; everything else gets a default.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewCourse {
    pub title: String,
    /// Language of `title`; becomes the course's source language.
    pub lang: Option<Lang>,
    pub slug: Option<String>,
    pub organisation: Option<String>,
}

/// The editable metadata of a course. `None` leaves a value as it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CourseChanges {
    #[cfg_attr(feature = "ts", ts(optional))]
    pub slug: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub source_lang: Option<Lang>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub organisation: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub licence: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub topics: Option<Vec<String>>,
}

/// The bilingual fields of a lesson that `edit` can set one language at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum LessonField {
    Title,
    Body,
    Notes,
}

impl LessonField {
    pub fn parse(name: &str) -> Option<LessonField> {
        match name {
            "title" => Some(LessonField::Title),
            "body" => Some(LessonField::Body),
            "notes" => Some(LessonField::Notes),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            LessonField::Title => "title",
            LessonField::Body => "body",
            LessonField::Notes => "notes",
        }
    }
}

impl Lesson {
    pub fn field(&self, field: LessonField) -> &Bilingual {
        match field {
            LessonField::Title => &self.title,
            LessonField::Body => &self.body,
            LessonField::Notes => &self.notes,
        }
    }

    pub fn field_mut(&mut self, field: LessonField) -> &mut Bilingual {
        match field {
            LessonField::Title => &mut self.title,
            LessonField::Body => &mut self.body,
            LessonField::Notes => &mut self.notes,
        }
    }
}

impl Course {
    /// Whether a title that differs from `before`'s (course, module or
    /// lesson, either language) has more than one line. Titles are one line
    /// (issue 14); only changed titles are checked, so a course saved before
    /// the rule can still be edited.
    pub fn has_new_multiline_title(&self, before: &Course) -> bool {
        let multi = |t: &Bilingual| [&t.pt, &t.en].iter().any(|s| s.contains(['\n', '\r']));
        let changed = |now: &Bilingual, was: Option<&Bilingual>| {
            was.is_none_or(|w| w.pt != now.pt || w.en != now.en) && multi(now)
        };
        changed(&self.title, Some(&before.title))
            || self.modules.iter().any(|m| {
                changed(&m.title, before.modules.iter().find(|b| b.id == m.id).map(|b| &b.title))
            })
            || self.lessons().any(|l| {
                changed(&l.title, before.lessons().find(|b| b.id == l.id).map(|b| &b.title))
            })
    }

    pub fn lesson_count(&self) -> usize {
        self.modules.iter().map(|m| m.lessons.len()).sum()
    }

    pub fn lessons(&self) -> impl Iterator<Item = &Lesson> {
        self.modules.iter().flat_map(|m| m.lessons.iter())
    }
}

/// Turns a title into a slug: lowercase ASCII letters, digits and dashes,
/// accents folded ("Apresentações eficazes" -> "apresentacoes-eficazes").
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(60).collect();
    slug.trim_end_matches('-').to_string()
}

/// A slug is what `slugify` produces: non-empty, lowercase ASCII, digits, single dashes.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 60
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'á' | 'à' | 'â' | 'ã' | 'ä' | 'Á' | 'À' | 'Â' | 'Ã' | 'Ä' => "a",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => "i",
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' => "o",
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => "u",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        _ => "",
    };
    let keep = if folded.is_empty() { Some(c) } else { None };
    folded.chars().chain(keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_portuguese_accents() {
        assert_eq!(slugify("Apresentações eficazes"), "apresentacoes-eficazes");
        assert_eq!(slugify("  Educação -- cívica!! "), "educacao-civica");
        assert!(is_valid_slug("educacao-civica"));
        assert!(!is_valid_slug("Educacao"));
        assert!(!is_valid_slug(""));
    }
}
