//! `imsmanifest.xml` for SCORM 1.2 (ADL SCORM 1.2 content packaging, IMS
//! Content Packaging 1.1.2).
//!
//! The shape, and why:
//!
//! - `<metadata>` says `ADL SCORM` / `1.2`, which is how an LMS tells a
//!   SCORM 1.2 package from other IMS content packages.
//! - One organisation, titled with the course, holding **one launchable
//!   item per module** directly (in course order, titled with the module).
//!   Moodle shows the organisation's title above the items in its table of
//!   contents, so a root item titled with the course too (as exports before
//!   issue #16 had) showed the course twice; the module items at the top
//!   level are what every single-SCO package has. The LMS's contents list
//!   the modules, its navigation
//!   goes from one to the next, and it tracks each module on its own. Every
//!   module item launches the same SCO resource, the player, with
//!   `parameters="?module=<module id>"` (an IMS CP item attribute that the
//!   LMS appends to the launch URL); the player then is that module's SCO.
//!   One shared resource rather than one per module: IMS CP lets any number
//!   of items reference a resource, the file list is written once, and an
//!   LMS that ignored `parameters` would still launch a working player (the
//!   whole course) for every item.
//! - Modules without lessons get no item (there would be nothing to do in
//!   them, and an LMS waiting for their status would wait for ever). A
//!   course with no lesson at all gets one course-wide SCO item instead, so
//!   the package stays valid and launchable.
//! - One `webcontent` resource with `adlcp:scormtype="sco"` and
//!   `href="index.html"` lists every file of the package.
//! - No `adlcp:masteryscore`: with it, an LMS may overwrite the status the
//!   player reports with its own passed/failed from the score alone, which
//!   is wrong for a module with several quizzes or lessons still unseen.
//! - Titles are in the course's source language (the exported one with
//!   `--lang`); when the package carries both languages and the course is
//!   completely translated, in both: "Apresentações eficazes / Effective
//!   presentations", source language first.
//! - A failed quiz is reported as `incomplete` by the player unless
//!   [`ScormOptions::failed_status`] is [`FailedStatus::Failed`]; that
//!   choice travels in every module item's `parameters` (`&failed=failed`),
//!   the one place of the package that is per export and read by the SCO.
//! - No `xsi:schemaLocation`: it would name XSD files that the package does
//!   not carry, and LMSs do not need them.
//! - Identifiers are derived from the course id and, for module items, the
//!   module id, escaped into XML NCName characters by an injective mapping
//!   ([`ncname_part`]): a new export of the same course keeps them (an LMS
//!   updating the package keeps its learners' tracking data), and two
//!   module ids never share an item identifier, even ids that differ only
//!   in characters an NCName cannot hold.
//!
//! The text is a pure function of the course and the file list: same
//! course, same bytes.

use std::collections::BTreeSet;

use crate::model::{course_status, Bilingual, Course, Lang};
use crate::package::export::Languages;

pub const NS_IMSCP: &str = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
pub const NS_ADLCP: &str = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
/// The launch file of the SCO.
pub const LAUNCH: &str = "index.html";
/// The launch parameter that makes the player one module's SCO.
pub const MODULE_PARAMETER: &str = "module";

/// What the player reports for a quiz tried and not passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailedStatus {
    /// `incomplete` until passed: Moodle lets the learner try again (the
    /// default; Moodle sends a `failed` SCO to review mode).
    #[default]
    Incomplete,
    /// `failed`, for LMSs and reports that need it.
    Failed,
}

/// Per-export choices written into the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScormOptions {
    pub failed_status: FailedStatus,
}

/// The identifiers of a course's manifest, stable across exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifiers {
    pub manifest: String,
    pub organization: String,
    /// The one course-wide SCO item, used only when no module has a lesson.
    pub course_item: String,
    pub resource: String,
    course_part: String,
}

impl Identifiers {
    pub fn of(course_id: &str) -> Identifiers {
        let id = ncname_part(course_id);
        Identifiers {
            manifest: format!("JUNTOS-{id}"),
            organization: format!("ORG-{id}"),
            course_item: format!("SCO-{id}"),
            resource: format!("RES-{id}"),
            course_part: id,
        }
    }

    /// The item of one module of this course.
    pub fn module_item(&self, module_id: &str) -> String {
        format!("MOD-{}-{}", self.course_part, ncname_part(module_id))
    }
}

/// A launchable item of the manifest, directly under the organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub identifier: String,
    pub title: String,
    /// `?module=<module id>` (percent-encoded), or `None` for the
    /// course-wide SCO.
    pub parameters: Option<String>,
}

/// The launchable items, in course order: one per module that has lessons,
/// or one for the whole course when none has.
pub fn items(course: &Course, languages: Languages, options: ScormOptions) -> Vec<Item> {
    let ids = Identifiers::of(&course.id);
    let both = both_titles(course, languages);
    let failed = match options.failed_status {
        FailedStatus::Incomplete => "",
        FailedStatus::Failed => "&failed=failed",
    };
    let mut used = BTreeSet::new();
    let mut items = Vec::new();
    for (n, module) in course.modules.iter().enumerate().filter(|(_, m)| !m.lessons.is_empty()) {
        // The escape is injective, so only a module id used twice (a broken
        // course) could repeat an identifier: number the repeats.
        let base = ids.module_item(&module.id);
        let mut identifier = base.clone();
        let mut k = 1;
        while !used.insert(identifier.clone()) {
            k += 1;
            identifier = format!("{base}-{k}");
        }
        let lang = languages.only().unwrap_or(course.source_lang);
        let fallback = |lang: Lang| match lang {
            Lang::Pt => format!("Módulo {}", n + 1),
            Lang::En => format!("Module {}", n + 1),
        };
        let title = if both {
            pair(&module.title, course.source_lang, fallback)
        } else {
            text_in(&module.title, course.source_lang, languages).unwrap_or(fallback(lang))
        };
        items.push(Item {
            identifier,
            title,
            parameters: Some(format!("?{MODULE_PARAMETER}={}{failed}", percent_encode(&module.id))),
        });
    }
    if items.is_empty() {
        items.push(Item {
            identifier: ids.course_item.clone(),
            title: title(course, languages),
            parameters: None,
        });
    }
    items
}

/// `imsmanifest.xml` for a course whose package holds `files` (every path
/// except the manifest itself).
pub fn imsmanifest(course: &Course, languages: Languages, files: &[&str]) -> String {
    imsmanifest_with(course, languages, files, ScormOptions::default())
}

/// [`imsmanifest`] with per-export choices.
pub fn imsmanifest_with(
    course: &Course,
    languages: Languages,
    files: &[&str],
    options: ScormOptions,
) -> String {
    let ids = Identifiers::of(&course.id);
    let title = crate::escape::xml(&title(course, languages));
    let mut files: Vec<&str> = files.to_vec();
    files.sort_unstable();
    files.dedup();
    let mut xml = String::with_capacity(1024 + files.len() * 64 + course.modules.len() * 256);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<manifest identifier=\"{}\" version=\"{}\" xmlns=\"{NS_IMSCP}\" xmlns:adlcp=\"{NS_ADLCP}\">\n",
        ids.manifest, course.revision
    ));
    xml.push_str("  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n");
    xml.push_str(&format!("  <organizations default=\"{}\">\n", ids.organization));
    xml.push_str(&format!("    <organization identifier=\"{}\">\n", ids.organization));
    xml.push_str(&format!("      <title>{title}</title>\n"));
    for item in items(course, languages, options) {
        xml.push_str(&format!(
            "      <item identifier=\"{}\" identifierref=\"{}\" isvisible=\"true\"",
            item.identifier, ids.resource
        ));
        if let Some(parameters) = &item.parameters {
            xml.push_str(&format!(" parameters=\"{}\"", crate::escape::xml(parameters)));
        }
        xml.push_str(">\n");
        xml.push_str(&format!("        <title>{}</title>\n", crate::escape::xml(&item.title)));
        xml.push_str("      </item>\n");
    }
    xml.push_str("    </organization>\n");
    xml.push_str("  </organizations>\n");
    xml.push_str("  <resources>\n");
    xml.push_str(&format!(
        "    <resource identifier=\"{}\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"{LAUNCH}\">\n",
        ids.resource
    ));
    for file in files {
        xml.push_str(&format!("      <file href=\"{}\"/>\n", crate::escape::xml(file)));
    }
    xml.push_str("    </resource>\n");
    xml.push_str("  </resources>\n");
    xml.push_str("</manifest>\n");
    xml
}

/// The course title an LMS shows: in the course's source language when the
/// package carries it, else in the other; never empty.
fn title(course: &Course, languages: Languages) -> String {
    if both_titles(course, languages) {
        return pair(&course.title, course.source_lang, |_| course.slug.clone());
    }
    text_in(&course.title, course.source_lang, languages).unwrap_or_else(|| course.slug.clone())
}

/// Titles say both languages when the package carries both and the course
/// is completely translated (every text of it, not only its titles).
fn both_titles(course: &Course, languages: Languages) -> bool {
    languages.only().is_none() && course_status(course).is_complete()
}

/// "source / other", each line-folded; a missing one is `fallback(lang)`.
fn pair(text: &Bilingual, source: Lang, fallback: impl Fn(Lang) -> String) -> String {
    let one = |lang: Lang| {
        let line = text.get(lang).split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            fallback(lang)
        } else {
            line
        }
    };
    let (first, second) = (one(source), one(source.other()));
    if first == second {
        first
    } else {
        format!("{first} / {second}")
    }
}

/// A title in the package's language (one-language export) or the source
/// language, else the other one when the package carries both; `None` when
/// there is none.
fn text_in(text: &Bilingual, source: Lang, languages: Languages) -> Option<String> {
    let first = languages.only().unwrap_or(source);
    let mut chosen = text.get(first).trim();
    if chosen.is_empty() && languages.only().is_none() {
        chosen = text.get(first.other()).trim();
    }
    // An item title is one line in an LMS's contents.
    let line = chosen.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then_some(line)
}

/// An id escaped into XML NCName characters: ASCII letters, digits, `-` and
/// `.` stay; every other byte of its UTF-8 (`_` included) becomes `_` and
/// two hex digits. The mapping is injective, so distinct ids stay distinct.
/// The prefix put before it starts with a letter.
fn ncname_part(id: &str) -> String {
    let mut part = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'.' {
            part.push(byte as char);
        } else {
            part.push_str(&format!("_{byte:02X}"));
        }
    }
    part
}

/// Percent-encoding of everything but URI unreserved characters, so that
/// the player's `decodeURIComponent` gives back the id exactly.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_ncnames_from_the_course_id() {
        let ids = Identifiers::of("0b6c1d2e-aaaa-4bbb-8ccc-123456789abc");
        assert_eq!(ids.manifest, "JUNTOS-0b6c1d2e-aaaa-4bbb-8ccc-123456789abc");
        assert_eq!(ids.resource, "RES-0b6c1d2e-aaaa-4bbb-8ccc-123456789abc");
        assert_eq!(ids.module_item("m1"), "MOD-0b6c1d2e-aaaa-4bbb-8ccc-123456789abc-m1");
        assert_eq!(Identifiers::of("a b:c").organization, "ORG-a_20b_3Ac");
    }

    #[test]
    fn ids_that_an_ncname_cannot_hold_stay_distinct() {
        let ids = Identifiers::of("c");
        let all: BTreeSet<String> = ["m 1", "m_1", "m:1", "m_201", "m/1", "mó"]
            .iter()
            .map(|m| ids.module_item(m))
            .collect();
        assert_eq!(all.len(), 6, "{all:?}");
        assert_eq!(ids.module_item("m_1"), "MOD-c-m_5F1");
    }

    #[test]
    fn parameters_round_trip_through_percent_encoding() {
        assert_eq!(percent_encode("0b6c-aa_b.c~"), "0b6c-aa_b.c~");
        assert_eq!(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }

    #[test]
    fn pairs_put_the_source_language_first_and_never_repeat() {
        let fallback = |_: Lang| "?".to_string();
        let title = Bilingual::new("Apresentações  eficazes", "Effective\npresentations", Lang::Pt);
        assert_eq!(
            pair(&title, Lang::Pt, fallback),
            "Apresentações eficazes / Effective presentations"
        );
        assert_eq!(
            pair(&title, Lang::En, fallback),
            "Effective presentations / Apresentações eficazes"
        );
        assert_eq!(pair(&Bilingual::new("Quiz", "Quiz", Lang::Pt), Lang::Pt, fallback), "Quiz");
        assert_eq!(
            pair(&Bilingual::new("", "Intro", Lang::En), Lang::Pt, |_| "Módulo 1".into()),
            "Módulo 1 / Intro"
        );
    }

    #[test]
    fn escape_keeps_xml_well_formed() {
        assert_eq!(
            crate::escape::xml("A & <b> \"c\" 'd'\u{1}\n"),
            "A &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;\n"
        );
    }
}
