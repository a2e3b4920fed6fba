//! `imsmanifest.xml` for SCORM 1.2 (ADL SCORM 1.2 content packaging, IMS
//! Content Packaging 1.1.2).
//!
//! The shape, and why:
//!
//! - `<metadata>` says `ADL SCORM` / `1.2`, which is how an LMS tells a
//!   SCORM 1.2 package from other IMS content packages.
//! - One organisation holding **one non-launchable root item** (no
//!   `identifierref`), titled with the course, that wraps the course's
//!   content. Stock Moodle builds its table of contents and its
//!   previous/next navigation from the item tree and misbehaves when the
//!   SCO is itself a top-level item.
//! - The course is **one SCO**: the whole player, with every module and
//!   lesson inside it, under the root item. An LMS tracks each launchable
//!   item separately (its own status, score and `cmi.suspend_data`), so one
//!   item per module or lesson would split a learner's progress into pieces
//!   that know nothing of each other; with one SCO the course's status is
//!   decided in one place, by the rules in `docs/scorm.md`.
//! - One `webcontent` resource with `adlcp:scormtype="sco"` and
//!   `href="index.html"` lists every file of the package.
//! - No `adlcp:masteryscore`: with it, an LMS may overwrite the status the
//!   player reports with its own passed/failed from the score alone, which
//!   is wrong for a course with several quizzes or lessons still unseen.
//! - No `xsi:schemaLocation`: it would name XSD files that the package does
//!   not carry, and LMSs do not need them.
//! - Identifiers are derived from the course id (and, for the SCO item, the
//!   same id), so a new export of the same course keeps them and an LMS
//!   updating the package keeps its learners' tracking data.
//!
//! The text is a pure function of the course and the file list: same
//! course, same bytes.

use crate::model::{Course, Lang};
use crate::package::export::Languages;

pub const NS_IMSCP: &str = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
pub const NS_ADLCP: &str = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
/// The launch file of the SCO.
pub const LAUNCH: &str = "index.html";

/// The identifiers of a course's manifest, stable across exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifiers {
    pub manifest: String,
    pub organization: String,
    pub root_item: String,
    pub sco_item: String,
    pub resource: String,
}

impl Identifiers {
    pub fn of(course_id: &str) -> Identifiers {
        let id = ncname_part(course_id);
        Identifiers {
            manifest: format!("JUNTOS-{id}"),
            organization: format!("ORG-{id}"),
            root_item: format!("ROOT-{id}"),
            sco_item: format!("SCO-{id}"),
            resource: format!("RES-{id}"),
        }
    }
}

/// `imsmanifest.xml` for a course whose package holds `files` (every path
/// except the manifest itself).
pub fn imsmanifest(course: &Course, languages: Languages, files: &[&str]) -> String {
    let ids = Identifiers::of(&course.id);
    let title = crate::escape::xml(&title(course, languages));
    let mut files: Vec<&str> = files.to_vec();
    files.sort_unstable();
    files.dedup();
    let mut xml = String::with_capacity(1024 + files.len() * 64);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<manifest identifier=\"{}\" version=\"{}\" xmlns=\"{NS_IMSCP}\" xmlns:adlcp=\"{NS_ADLCP}\">\n",
        ids.manifest, course.revision
    ));
    xml.push_str("  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n");
    xml.push_str(&format!("  <organizations default=\"{}\">\n", ids.organization));
    xml.push_str(&format!("    <organization identifier=\"{}\">\n", ids.organization));
    xml.push_str(&format!("      <title>{title}</title>\n"));
    xml.push_str(&format!("      <item identifier=\"{}\">\n", ids.root_item));
    xml.push_str(&format!("        <title>{title}</title>\n"));
    xml.push_str(&format!(
        "        <item identifier=\"{}\" identifierref=\"{}\" isvisible=\"true\">\n",
        ids.sco_item, ids.resource
    ));
    xml.push_str(&format!("          <title>{title}</title>\n"));
    xml.push_str("        </item>\n");
    xml.push_str("      </item>\n");
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
    let first = languages.only().unwrap_or(course.source_lang);
    let other: Lang = first.other();
    let text = course.title.get(first).trim();
    let text = if text.is_empty() && languages.only().is_none() { course.title.get(other).trim() } else { text };
    if text.is_empty() {
        course.slug.clone()
    } else {
        text.to_string()
    }
}

/// An id made safe inside an XML NCName (letters, digits, `-`, `_`, `.`);
/// the prefix added before it starts with a letter.
fn ncname_part(id: &str) -> String {
    let part: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' { c } else { '_' })
        .collect();
    if part.is_empty() {
        "course".into()
    } else {
        part
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_ncnames_from_the_course_id() {
        let ids = Identifiers::of("0b6c1d2e-aaaa-4bbb-8ccc-123456789abc");
        assert_eq!(ids.manifest, "JUNTOS-0b6c1d2e-aaaa-4bbb-8ccc-123456789abc");
        assert_eq!(ids.resource, "RES-0b6c1d2e-aaaa-4bbb-8ccc-123456789abc");
        assert_eq!(Identifiers::of("a b:c").organization, "ORG-a_b_c");
    }

    #[test]
    fn escape_keeps_xml_well_formed() {
        assert_eq!(crate::escape::xml("A & <b> \"c\" 'd'\u{1}\n"), "A &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;\n");
    }
}
