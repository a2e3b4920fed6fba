//! A checker of SCORM 1.2 content packages, written for this project from
//! the ADL SCORM 1.2 Content Aggregation Model and IMS Content Packaging
//! 1.1.2 (no schema files are copied). It reads `imsmanifest.xml` with
//! roxmltree and the list of files in the zip, and returns every problem it
//! finds, not only the first.
//!
//! What it checks:
//! - well-formed XML, root `<manifest>` in the IMS CP 1.1.2 namespace with
//!   an identifier, the ADL CP namespace declared with its SCORM 1.2 URI;
//! - `<metadata>` with `<schema>ADL SCORM</schema>` and `<schemaversion>1.2`;
//! - elements of the IMS CP namespace and attributes of ADL CP are ones the
//!   specifications define; required attributes and titles are present;
//! - `<organizations default>` names an organisation; each organisation
//!   holds items; the organisation's title and the items' titles are not
//!   empty, and when there are several items none repeats the
//!   organisation's title (Moodle shows the organisation above its items,
//!   so the course would show twice);
//! - every identifier is an XML NCName and unique in the manifest;
//! - every `identifierref` (items, dependencies) names a resource;
//! - resources are `webcontent` with `adlcp:scormtype` `sco` or `asset`;
//!   a SCO has an `href`; hrefs are relative paths inside the package;
//! - every file a resource lists is in the zip, and every file of the zip
//!   (but the manifest) is listed; a resource's `href` is one of its files;
//! - at least one item launches a resource, and every launched resource is
//!   a SCO (here the launch file is `index.html`); launchable items are leaves;
//! - items carry only the IMS CP item attributes (`identifier`,
//!   `identifierref`, `isvisible`, `parameters`); `parameters` (appended by
//!   the LMS to the launch URL) only on a launchable item, not empty and
//!   without whitespace.

use std::collections::{BTreeMap, BTreeSet};

pub const IMSCP: &str = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
pub const ADLCP: &str = "http://www.adlnet.org/xsd/adlcp_rootv1p2";

/// What a valid manifest says, for the tests to look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub manifest_id: String,
    /// Every identifier in document order.
    pub identifiers: Vec<String>,
    pub organization_title: String,
    /// The launchable items of the first organisation, in document order.
    pub items: Vec<ItemSummary>,
    /// (item identifier, resource href) of every launchable item.
    pub launches: Vec<(String, String)>,
    pub files: BTreeSet<String>,
}

/// A launchable item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemSummary {
    pub identifier: String,
    pub title: String,
    pub identifierref: Option<String>,
    pub parameters: Option<String>,
    /// The `adlcp:scormtype` of the resource it launches, if any.
    pub scormtype: Option<String>,
    /// The `href` of the resource it launches, if any.
    pub href: Option<String>,
}

const ITEM_ATTRIBUTES: &[&str] = &["identifier", "identifierref", "isvisible", "parameters"];

const CP_ELEMENTS: &[&str] = &[
    "manifest",
    "metadata",
    "schema",
    "schemaversion",
    "organizations",
    "organization",
    "title",
    "item",
    "resources",
    "resource",
    "file",
    "dependency",
];
const ADLCP_ELEMENTS: &[&str] = &[
    "location",
    "prerequisites",
    "maxtimeallowed",
    "timelimitaction",
    "datafromlms",
    "masteryscore",
];

pub fn check(xml: &str, zip_files: &BTreeSet<String>) -> Result<Summary, Vec<String>> {
    let mut problems = Vec::new();
    let doc = match roxmltree::Document::parse(xml) {
        Ok(doc) => doc,
        Err(e) => return Err(vec![format!("imsmanifest.xml is not well-formed XML: {e}")]),
    };
    if !zip_files.contains("imsmanifest.xml") {
        problems.push("imsmanifest.xml is not at the root of the zip".to_string());
    }
    let root = doc.root_element();
    if root.tag_name().name() != "manifest" || root.tag_name().namespace() != Some(IMSCP) {
        problems.push(format!(
            "the root element is {{{}}}{}, not {{{IMSCP}}}manifest",
            root.tag_name().namespace().unwrap_or(""),
            root.tag_name().name()
        ));
        return Err(problems);
    }
    if root.lookup_namespace_uri(Some("adlcp")) != Some(ADLCP) {
        problems.push(format!("the adlcp prefix is not declared as {ADLCP}"));
    }

    // Element and attribute vocabulary.
    for node in doc.descendants().filter(|n| n.is_element()) {
        let (ns, name) = (node.tag_name().namespace(), node.tag_name().name());
        match ns {
            Some(IMSCP) if !CP_ELEMENTS.contains(&name) => {
                problems.push(format!("unknown IMS CP element <{name}>"))
            }
            Some(ADLCP) if !ADLCP_ELEMENTS.contains(&name) => {
                problems.push(format!("unknown ADL CP element <adlcp:{name}>"))
            }
            Some(IMSCP) | Some(ADLCP) => {}
            // Other namespaces (metadata extensions) may appear only inside <metadata>.
            _ if node.ancestors().any(|a| a.has_tag_name((IMSCP, "metadata"))) => {}
            _ => problems.push(format!("element <{name}> is in no SCORM 1.2 namespace ({:?})", ns)),
        }
        for attr in node.attributes() {
            if attr.namespace() == Some(ADLCP) && attr.name() != "scormtype" {
                problems.push(format!("unknown attribute adlcp:{} on <{name}>", attr.name()));
            }
        }
    }

    // Metadata.
    let manifest_id = root.attribute("identifier").unwrap_or("").to_string();
    match cp(root, "metadata").as_slice() {
        [metadata] => {
            let schema = cp(*metadata, "schema");
            let version = cp(*metadata, "schemaversion");
            if schema.len() != 1 || text(schema[0]) != "ADL SCORM" {
                problems.push("<metadata> needs <schema>ADL SCORM</schema>".into());
            }
            if version.len() != 1 || text(version[0]) != "1.2" {
                problems.push("<metadata> needs <schemaversion>1.2</schemaversion>".into());
            }
        }
        _ => problems.push("<manifest> needs exactly one <metadata>".into()),
    }

    // Identifiers: present, NCName, unique.
    let mut identifiers = Vec::new();
    let mut seen = BTreeSet::new();
    for node in doc.descendants().filter(|n| {
        n.tag_name().namespace() == Some(IMSCP)
            && ["manifest", "organization", "item", "resource"].contains(&n.tag_name().name())
    }) {
        let name = node.tag_name().name();
        match node.attribute("identifier") {
            None | Some("") => problems.push(format!("<{name}> has no identifier")),
            Some(id) => {
                if !is_ncname(id) {
                    problems.push(format!("identifier {id:?} of <{name}> is not an XML NCName"));
                }
                if !seen.insert(id.to_string()) {
                    problems.push(format!("identifier {id:?} is used twice"));
                }
                identifiers.push(id.to_string());
            }
        }
    }

    // Resources.
    let mut resources: BTreeMap<String, (String, Option<String>)> = BTreeMap::new(); // id -> (scormtype, href)
    let mut listed = BTreeSet::new();
    match cp(root, "resources").as_slice() {
        [res] => {
            for resource in cp(*res, "resource") {
                let id = resource.attribute("identifier").unwrap_or("").to_string();
                if resource.attribute("type") != Some("webcontent") {
                    problems.push(format!(
                        "resource {id} has type {:?}, not webcontent",
                        resource.attribute("type")
                    ));
                }
                let scormtype = resource.attribute((ADLCP, "scormtype")).unwrap_or("").to_string();
                if scormtype != "sco" && scormtype != "asset" {
                    problems.push(format!(
                        "resource {id} has adlcp:scormtype {scormtype:?}, not sco or asset"
                    ));
                }
                let href = resource.attribute("href").map(str::to_string);
                if scormtype == "sco" && href.is_none() {
                    problems.push(format!("SCO resource {id} has no href"));
                }
                let mut own = BTreeSet::new();
                for file in cp(resource, "file") {
                    match file.attribute("href") {
                        None | Some("") => {
                            problems.push(format!("a <file> of resource {id} has no href"))
                        }
                        Some(href) => {
                            if let Some(why) = bad_href(href) {
                                problems.push(format!("file {href:?} of resource {id}: {why}"));
                            }
                            if !zip_files.contains(href) {
                                problems.push(format!(
                                    "file {href:?} of resource {id} is not in the zip"
                                ));
                            }
                            own.insert(href.to_string());
                            listed.insert(href.to_string());
                        }
                    }
                }
                if let Some(href) = &href {
                    if let Some(why) = bad_href(href) {
                        problems.push(format!("href {href:?} of resource {id}: {why}"));
                    }
                    if !own.contains(href) {
                        problems.push(format!(
                            "the href {href:?} of resource {id} is not one of its files"
                        ));
                    }
                }
                resources.insert(id, (scormtype, href));
            }
            for resource in cp(*res, "resource") {
                for dep in cp(resource, "dependency") {
                    match dep.attribute("identifierref") {
                        Some(r) if resources.contains_key(r) => {}
                        other => problems
                            .push(format!("a dependency names {other:?}, which is no resource")),
                    }
                }
            }
        }
        _ => problems.push("<manifest> needs exactly one <resources>".into()),
    }
    for file in zip_files {
        if file != "imsmanifest.xml" && !listed.contains(file) {
            problems.push(format!("{file} is in the zip but no resource lists it"));
        }
    }

    // Organizations and items.
    let mut launches = Vec::new();
    let mut organization_title = String::new();
    let mut org_items_taken = false;
    let mut items = Vec::new();
    match cp(root, "organizations").as_slice() {
        [orgs] => {
            let organizations = cp(*orgs, "organization");
            if organizations.is_empty() {
                problems.push("<organizations> holds no <organization>".into());
            }
            if let Some(default) = orgs.attribute("default") {
                if !organizations.iter().any(|o| o.attribute("identifier") == Some(default)) {
                    problems
                        .push(format!("<organizations default={default:?}> names no organization"));
                }
            }
            for org in &organizations {
                let id = org.attribute("identifier").unwrap_or("");
                match cp(*org, "title").as_slice() {
                    [t] if !text(*t).is_empty() => {
                        if organization_title.is_empty() {
                            organization_title = text(*t);
                        }
                    }
                    _ => problems.push(format!("organization {id} needs one non-empty <title>")),
                }
                let top = cp(*org, "item");
                if top.is_empty() {
                    problems.push(format!("organization {id} holds no item"));
                }
                let first = !org_items_taken;
                let several =
                    org.descendants().filter(|n| n.has_tag_name((IMSCP, "item"))).count() > 1;
                org_items_taken = true;
                let org_title = cp(*org, "title").first().map(|t| text(*t)).unwrap_or_default();
                for child in org.descendants().filter(|n| n.has_tag_name((IMSCP, "item"))) {
                    let title = cp(child, "title").first().map(|t| text(*t)).unwrap_or_default();
                    if several && !org_title.is_empty() && title == org_title {
                        problems.push(format!(
                            "item {} repeats the organization's title {title:?}",
                            child.attribute("identifier").unwrap_or("")
                        ));
                    }
                    if !first || child.attribute("identifierref").is_none() {
                        continue;
                    }
                    let idref = child.attribute("identifierref").map(str::to_string);
                    let resource = idref.as_ref().and_then(|r| resources.get(r));
                    items.push(ItemSummary {
                        identifier: child.attribute("identifier").unwrap_or("").to_string(),
                        title,
                        identifierref: idref.clone(),
                        parameters: child.attribute("parameters").map(str::to_string),
                        scormtype: resource.map(|(t, _)| t.clone()),
                        href: resource.and_then(|(_, h)| h.clone()),
                    });
                }
                for item in org.descendants().filter(|n| n.has_tag_name((IMSCP, "item"))) {
                    let item_id = item.attribute("identifier").unwrap_or("").to_string();
                    match cp(item, "title").as_slice() {
                        [t] if !text(*t).is_empty() => {}
                        _ => problems.push(format!("item {item_id} needs one non-empty <title>")),
                    }
                    for attr in item.attributes().filter(|a| a.namespace().is_none()) {
                        if !ITEM_ATTRIBUTES.contains(&attr.name()) {
                            problems.push(format!(
                                "item {item_id} has an unknown attribute {:?}",
                                attr.name()
                            ));
                        }
                    }
                    if let Some(p) = item.attribute("parameters") {
                        if item.attribute("identifierref").is_none() {
                            problems.push(format!(
                                "item {item_id} has parameters but launches nothing"
                            ));
                        }
                        if p.is_empty() || p.chars().any(char::is_whitespace) {
                            problems.push(format!(
                                "item {item_id} has parameters {p:?}: empty or with whitespace"
                            ));
                        }
                    }
                    if let Some(v) = item.attribute("isvisible") {
                        if v != "true" && v != "false" {
                            problems.push(format!("item {item_id} has isvisible={v:?}"));
                        }
                    }
                    if let Some(r) = item.attribute("identifierref") {
                        if !cp(item, "item").is_empty() {
                            problems.push(format!("launchable item {item_id} has child items"));
                        }
                        match resources.get(r) {
                            None => problems.push(format!(
                                "item {item_id} refers to {r:?}, which is no resource"
                            )),
                            Some((scormtype, href)) => {
                                if scormtype != "sco" {
                                    problems.push(format!(
                                        "item {item_id} launches {r}, which is not a SCO"
                                    ));
                                }
                                launches.push((item_id.clone(), href.clone().unwrap_or_default()));
                            }
                        }
                    }
                }
            }
        }
        _ => problems.push("<manifest> needs exactly one <organizations>".into()),
    }
    if launches.is_empty() {
        problems.push("no item launches anything".into());
    }

    if problems.is_empty() {
        Ok(Summary { manifest_id, identifiers, organization_title, items, launches, files: listed })
    } else {
        Err(problems)
    }
}

/// The IMS CP children of `node` named `name`.
fn cp<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children().filter(|c| c.has_tag_name((IMSCP, name))).collect()
}

fn text(node: roxmltree::Node<'_, '_>) -> String {
    node.text().unwrap_or("").trim().to_string()
}

/// XML 1.0 NCName, restricted to ASCII (what our identifiers use).
fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// Why an href is not a relative path inside the package, if it is not.
fn bad_href(href: &str) -> Option<&'static str> {
    if href.contains("://") || href.starts_with('/') || href.contains('\\') {
        return Some("not a relative path");
    }
    if href.split('/').any(|p| p.is_empty() || p == "." || p == "..") {
        return Some("has an empty, . or .. component");
    }
    None
}
