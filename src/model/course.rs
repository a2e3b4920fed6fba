//! The course tree: course -> modules -> lessons, as the library hands it out.
//!
//! These are plain data. The store decides how they are kept; packages
//! serialise them as `course.json`; the UI receives them through generated
//! TypeScript types. Keeping one definition is what stops those three drifting.

use serde::{Deserialize, Serialize};

use super::quiz::Quiz;
use super::text::{Bilingual, Lang};

pub const DEFAULT_LICENCE: &str = "CC BY-SA 4.0";

#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Topics in both languages (issue 16), in the order the author gave
    /// them. Courses and packages made before were one list of words in
    /// the course's source language: reading one
    /// puts each word in the source language, translation not written.
    pub topics: Vec<Bilingual>,
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
    /// The topics in the course's source language (after `source_lang`,
    /// when both change). A topic kept from before keeps its translation.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub topics: Option<Vec<String>>,
    /// The topics in the other language, by position: the first translates
    /// the first source topic, and so on (blank: not translated).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub topics_translation: Option<Vec<String>>,
}

/// How `Course` is read: as written today, or with `topics` as plain
/// strings (before issue 16), which are the source-language topics.
#[derive(Deserialize)]
struct CourseWire {
    id: String,
    slug: String,
    revision: i64,
    source_lang: Lang,
    title: Bilingual,
    summary: Bilingual,
    organisation: String,
    licence: String,
    topics: Vec<TopicWire>,
    created_at: String,
    updated_at: String,
    derived_from: Option<String>,
    modules: Vec<Module>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TopicWire {
    Plain(String),
    Texts(Bilingual),
}

impl<'de> Deserialize<'de> for Course {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let w = CourseWire::deserialize(deserializer)?;
        let source = w.source_lang;
        let topics = w
            .topics
            .into_iter()
            .map(|t| match t {
                TopicWire::Texts(texts) => texts,
                TopicWire::Plain(word) => {
                    let mut texts = Bilingual::default();
                    texts.set(source, word, source);
                    texts
                }
            })
            .collect();
        Ok(Course {
            id: w.id,
            slug: w.slug,
            revision: w.revision,
            source_lang: w.source_lang,
            title: w.title,
            summary: w.summary,
            organisation: w.organisation,
            licence: w.licence,
            topics,
            created_at: w.created_at,
            updated_at: w.updated_at,
            derived_from: w.derived_from,
            modules: w.modules,
        })
    }
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

    /// Sets the topics in one language from a list.
    ///
    /// In the source language the list decides the topics: a topic whose
    /// source text is in the list again keeps its translation; an entry in
    /// the place of a topic that is gone takes that topic's place, so its
    /// translation goes stale; topics that only have a translation are
    /// kept at the end. In the other language the entries translate the
    /// topics by position (a blank entry: that topic is not translated);
    /// entries beyond the last topic become topics not
    /// yet written in the source language (status shows them missing), and
    /// a topic left with no text in either language is removed.
    pub fn set_topics(&mut self, lang: Lang, list: Vec<String>) {
        let source = self.source_lang;
        let mut list: Vec<String> = list.into_iter().map(|t| t.trim().to_string()).collect();
        if lang == source {
            list.retain(|t| !t.is_empty());
        }
        let old = std::mem::take(&mut self.topics);
        let mut topics: Vec<Bilingual> = Vec::new();
        if lang == source {
            for (i, text) in list.iter().enumerate() {
                let same = old.iter().find(|t| t.get(source).trim() == text);
                let in_place = old
                    .get(i)
                    .filter(|t| !t.get(source).trim().is_empty())
                    .filter(|t| !list.iter().any(|l| l == t.get(source).trim()));
                let mut topic = same.or(in_place).cloned().unwrap_or_default();
                if topic.get(source) != text {
                    topic.set(source, text.as_str(), source);
                }
                topics.push(topic);
            }
            topics.extend(old.into_iter().filter(|t| t.get(source).trim().is_empty()));
        } else {
            let n = old.len().max(list.len());
            for i in 0..n {
                let mut topic = old.get(i).cloned().unwrap_or_default();
                let text = list.get(i).map(String::as_str).unwrap_or("");
                if topic.get(lang) != text {
                    topic.set(lang, text, source);
                }
                topics.push(topic);
            }
        }
        topics.retain(|t| !(t.pt.trim().is_empty() && t.en.trim().is_empty()));
        self.topics = topics;
    }

    /// The topics as a learner reads them in `lang`: each in that language,
    /// or in the other where it is not translated yet.
    pub fn topics_in(&self, lang: Lang) -> Vec<&str> {
        self.topics.iter().map(|t| t.get_or_other(lang).trim()).filter(|t| !t.is_empty()).collect()
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
    use crate::model::FieldState;

    fn course_json(topics: &str) -> String {
        format!(
            r#"{{"id":"c","slug":"s","revision":1,"source_lang":"en","title":{{"pt":"","en":"T"}},
            "summary":{{"pt":"","en":""}},"organisation":"","licence":"","topics":{topics},
            "created_at":"","updated_at":"","modules":[]}}"#
        )
    }

    #[test]
    fn plain_topics_of_old_courses_are_read_in_the_source_language() {
        let course: Course = serde_json::from_str(&course_json(r#"["water","health"]"#)).unwrap();
        assert_eq!(course.topics.len(), 2);
        assert_eq!((course.topics[0].en.as_str(), course.topics[0].pt.as_str()), ("water", ""));
        assert_eq!(course.topics[0].state(Lang::Pt, Lang::En), Some(FieldState::Missing));
        assert_eq!(course.derived_from, None);
        // What is written today reads back the same.
        let mut course = course;
        course.set_topics(Lang::Pt, vec!["água".into()]);
        let again: Course = serde_json::from_str(&serde_json::to_string(&course).unwrap()).unwrap();
        assert_eq!(again, course);
        assert_eq!(again.topics[0].state(Lang::Pt, Lang::En), Some(FieldState::Complete));
        assert!(serde_json::from_str::<Course>(&course_json("[1]")).is_err());
    }

    #[test]
    fn topics_keep_their_translations_when_the_source_list_changes() {
        let mut course: Course = serde_json::from_str(&course_json("[]")).unwrap();
        course.set_topics(Lang::En, vec![" water ".into(), " ".into(), "health".into()]);
        course.set_topics(Lang::Pt, vec!["água".into(), "saúde".into(), "extra".into()]);
        assert_eq!(course.topics_in(Lang::Pt), ["água", "saúde", "extra"]);
        assert_eq!(course.topics_in(Lang::En), ["water", "health", "extra"]);
        let states: Vec<_> = course.topics.iter().map(|t| t.state(Lang::Pt, Lang::En)).collect();
        assert_eq!(
            states,
            [Some(FieldState::Complete), Some(FieldState::Complete), Some(FieldState::Complete)]
        );
        // Reordered: each keeps its translation.
        course.set_topics(Lang::En, vec!["health".into(), "water".into()]);
        assert_eq!(course.topics_in(Lang::Pt), ["saúde", "água", "extra"]);
        assert_eq!(course.topics[1].state(Lang::Pt, Lang::En), Some(FieldState::Complete));
        // One edited: in the place of the one gone, its translation is stale.
        course.set_topics(Lang::En, vec!["health".into(), "clean water".into()]);
        assert_eq!(course.topics_in(Lang::Pt), ["saúde", "água", "extra"]);
        assert_eq!(course.topics[0].state(Lang::Pt, Lang::En), Some(FieldState::Complete));
        assert_eq!(course.topics[1].state(Lang::Pt, Lang::En), Some(FieldState::Stale));
        // The translation-only topic ("extra" written in Portuguese only) stays.
        assert_eq!(course.topics.len(), 3);
        assert_eq!(course.topics[2].en, "");
        // Clearing the translation of the last removes it.
        course.set_topics(Lang::Pt, vec!["saúde".into(), "água potável".into()]);
        assert_eq!(course.topics.len(), 2);
        assert_eq!(course.topics[1].state(Lang::Pt, Lang::En), Some(FieldState::Complete));
    }

    #[test]
    fn slugs_fold_portuguese_accents() {
        assert_eq!(slugify("Apresentações eficazes"), "apresentacoes-eficazes");
        assert_eq!(slugify("  Educação -- cívica!! "), "educacao-civica");
        assert!(is_valid_slug("educacao-civica"));
        assert!(!is_valid_slug("Educacao"));
        assert!(!is_valid_slug(""));
    }
}
