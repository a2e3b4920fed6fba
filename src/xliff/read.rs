//! Reading an XLIFF 1.2 document that comes back from a translator.
//! Untrusted input: no DTD, a size cap, and every problem named.

use crate::model::Lang;

/// Largest XLIFF file accepted (a course's text is far smaller).
pub const MAX_BYTES: usize = 32 << 20;

#[derive(Debug, Clone, PartialEq)]
pub struct XliffDocument {
    /// The `original` attribute of `<file>`.
    pub original: String,
    /// The export this file claims to come from (`juntos:export` on `<file>`),
    /// checked against the library's records before it is believed.
    pub export_id: Option<String>,
    pub source: Lang,
    pub target: Lang,
    pub units: Vec<XliffUnit>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct XliffUnit {
    pub id: String,
    pub source: String,
    /// `None` when the unit has no `<target>`.
    pub target: Option<String>,
    pub state: Option<String>,
}

/// Parses the document; the error is a plain reason for `Error::XliffInvalid`.
pub fn parse(text: &str) -> Result<XliffDocument, String> {
    if text.len() > MAX_BYTES {
        return Err(format!("the file is larger than {} MiB", MAX_BYTES >> 20));
    }
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("not well-formed XML: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "xliff" || root.attribute("version") != Some("1.2") {
        return Err("not an XLIFF 1.2 document".into());
    }
    let files: Vec<_> = root.children().filter(|n| n.tag_name().name() == "file").collect();
    let [file] = files.as_slice() else {
        return Err(format!("expected one <file>, found {}", files.len()));
    };
    let lang = |name: &str| -> Result<Lang, String> {
        let value = file.attribute(name).ok_or_else(|| format!("<file> has no {name}"))?;
        Lang::parse(value)
            .ok_or_else(|| format!("{name} '{value}' is neither Portuguese nor English"))
    };
    let (source, target) = (lang("source-language")?, lang("target-language")?);
    if source == target {
        return Err("source and target languages are the same".into());
    }
    let original = file.attribute("original").ok_or("<file> has no original")?.to_string();
    let mut units = Vec::new();
    for unit in file.descendants().filter(|n| n.tag_name().name() == "trans-unit") {
        let id = unit.attribute("id").ok_or("a <trans-unit> has no id")?.to_string();
        if units.iter().any(|u: &XliffUnit| u.id == id) {
            return Err(format!("unit id '{id}' appears twice"));
        }
        let child = |name: &str| unit.children().find(|n| n.tag_name().name() == name);
        let source_text =
            child("source").map(text_of).ok_or_else(|| format!("unit '{id}' has no <source>"))?;
        let target_node = child("target");
        units.push(XliffUnit {
            id,
            source: source_text,
            target: target_node.map(text_of),
            state: target_node.and_then(|t| t.attribute("state")).map(str::to_string),
        });
    }
    let export_id = file.attribute((super::EXPORT_NS, "export")).map(str::to_string);
    Ok(XliffDocument { original, export_id, source, target, units })
}

/// All text inside an element, inline markup flattened to its text.
fn text_of(node: roxmltree::Node) -> String {
    node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect()
}
