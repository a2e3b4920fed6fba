//! Writing a course as an XLIFF 1.2 document.

use std::collections::BTreeMap;

use crate::model::{text_hash, Course, FieldState, Lang};

use super::units::for_each_field;
use super::{original_of, EXPORT_NS};

/// The XLIFF document translating `course` from its source language into
/// `target`, marked with `export_id` when the export is recorded.
pub fn export(course: &Course, target: Lang) -> String {
    export_marked(course, target, None).0
}

/// The document, and the hash of every unit's target text as written: what
/// the library records to tell a translator's change from a later local edit.
pub(crate) fn export_marked(
    course: &Course,
    target: Lang,
    export_id: Option<&str>,
) -> (String, BTreeMap<String, String>) {
    let mut targets = BTreeMap::new();
    let source = course.source_lang;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:juntos=\"{EXPORT_NS}\">\n"
    ));
    let mark = export_id
        .map(|id| format!(" juntos:export=\"{}\"", crate::escape::xml(id)))
        .unwrap_or_default();
    out.push_str(&format!(
        "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"x-markdown\"{mark}>\n",
        crate::escape::xml(&original_of(&course.id)),
        source,
        target
    ));
    out.push_str("    <header>\n");
    out.push_str("      <tool tool-id=\"juntos\" tool-name=\"Juntos Studio\"/>\n");
    out.push_str(&format!(
        "      <note>{} — revision {}</note>\n",
        crate::escape::xml(&course.slug),
        course.revision
    ));
    out.push_str("    </header>\n    <body>\n");
    let mut copy = course.clone();
    for_each_field(&mut copy, &mut |id, text| {
        let src = text.get(source);
        if src.trim().is_empty() {
            return;
        }
        let state = match text.state(target, source) {
            Some(FieldState::Complete) => "translated",
            Some(FieldState::Stale) => "needs-review-translation",
            _ => "new",
        };
        out.push_str(&format!(
            "      <trans-unit id=\"{}\" xml:space=\"preserve\">\n",
            crate::escape::xml(&id)
        ));
        out.push_str(&format!("        <source>{}</source>\n", crate::escape::xml(src)));
        out.push_str(&format!(
            "        <target state=\"{state}\">{}</target>\n",
            crate::escape::xml(text.get(target))
        ));
        out.push_str("      </trans-unit>\n");
        targets.insert(id, text_hash(text.get(target)));
    });
    out.push_str("    </body>\n  </file>\n</xliff>\n");
    (out, targets)
}
