//! What a stick holds for a set of courses: every file, its bytes (small
//! files) or its blob (media), its size and SHA-256, and the signed
//! manifests — all known before the first byte is written, so the
//! pre-flight can refuse early and an update can compare hashes.
//!
//! Each course is planned by the package export (`Library::signed_plan`:
//! the same course file, the same media, the same language rule) and its
//! package manifest is signed again over `course.json` and its media only,
//! which the stick holds (see `docs/stick-format.md`). The player's files
//! come from [`crate::player::player_files`], with the paths made to point
//! three folders up, at the one shared `player/` and `media/`.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::catalogue::{
    Catalogue, CatalogueCourse, CatalogueSearchEntry, CatalogueText, CATALOGUE_FORMAT,
};
use super::errors::StickError;
use super::manifest::{StickManifest, StickManifestCourse};
use super::StickCourse;
use crate::error::{Error, Result};
use crate::model::{Bilingual, Lang};
use crate::org::{OrgIdentity, OrgKey};
use crate::package::course_file::PackageCourse;
use crate::package::manifest::{self as pkg, ManifestFile, ManifestOrg};
use crate::package::writer::{Entry, Source};
use crate::package::Languages;
use crate::Library;

/// The catalogue's data script.
pub const CATALOGUE_DATA: &str = "catalogue/data.js";
/// The page a learner opens.
pub const INDEX: &str = "index.html";
/// Where a course page finds `Juntos/`.
const UP: &str = "../../../";

/// Every file of a set, sorted by path.
pub struct StickPlan {
    pub files: Vec<Entry>,
    pub courses: Vec<StickCourse>,
    pub manifest_courses: Vec<StickManifestCourse>,
    pub catalogue: Catalogue,
    pub languages: Languages,
    pub organisation: ManifestOrg,
    /// When this set is written (the manifest's `written_at`; the catalogue
    /// data may keep an older one, see [`StickPlan::keep_stick_catalogue`]).
    pub written_at: String,
}

impl StickPlan {
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    /// Keeps the stick's catalogue data when it says what this plan's would
    /// but for its `written_at`: an unchanged catalogue is then not written
    /// again (nor is anything else, when nothing else changed). A data file
    /// edited by hand says something else and is replaced.
    pub fn keep_stick_catalogue(&mut self, root: &std::path::Path) {
        let path = root.join(CATALOGUE_DATA);
        let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= 64 << 20);
        let Some(bytes) = small.then(|| std::fs::read(&path).ok()).flatten() else { return };
        let Some(old) = Catalogue::from_script(&bytes) else { return };
        let mut same = self.catalogue.clone();
        same.written_at = old.written_at;
        let script = same.to_script();
        if script != bytes {
            return;
        }
        self.catalogue = same;
        if let Some(entry) = self.files.iter_mut().find(|e| e.path == CATALOGUE_DATA) {
            *entry = Entry::bytes(CATALOGUE_DATA, script, false);
        }
    }

    /// The signed manifest of this set as generation `generation`.
    pub fn manifest(&self, generation: u64) -> StickManifest {
        StickManifest {
            format: super::manifest::FORMAT.into(),
            format_version: super::manifest::version_string(),
            generation,
            written_at: self.written_at.clone(),
            app_version: self.catalogue.app_version.clone(),
            languages: self.languages.list(),
            organisation: self.organisation.clone(),
            catalogue: CATALOGUE_DATA.into(),
            courses: self.manifest_courses.clone(),
            files: self
                .files
                .iter()
                .map(|f| ManifestFile {
                    path: f.path.clone(),
                    size: f.size,
                    sha256: f.sha256.clone(),
                })
                .collect(),
        }
    }
}

/// A fixed-name file: a browser or a person must know its name, so it is
/// replaced in place (last), unlike content-named files.
pub fn is_fixed_name(path: &str) -> bool {
    !(path.starts_with(pkg::MEDIA_DIR) || path.starts_with("courses/"))
}

impl Library {
    /// Plans a stick of `course_ids` (all courses when empty) in `languages`.
    pub fn plan_stick(
        &mut self,
        course_ids: &[String],
        languages: Languages,
    ) -> Result<(StickPlan, OrgKey)> {
        let ids: Vec<String> = if course_ids.is_empty() {
            self.list_courses()?.into_iter().map(|c| c.id).collect()
        } else {
            course_ids.to_vec()
        };
        if ids.is_empty() {
            return Err(StickError::NoCourses.into());
        }
        let org = self.org_identity()?;
        let key = OrgKey::load_or_create(self.root())?;
        let mut files: BTreeMap<String, Entry> = BTreeMap::new();
        let mut courses = Vec::new();
        let mut manifest_courses = Vec::new();
        let mut cards = Vec::new();
        for id in &ids {
            let original = self.course(id)?;
            let (_, plan) = self.signed_plan(id, languages)?;
            let planned = plan_course(&original, plan, &org, &key, languages)?;
            let bytes = planned.files.iter().map(|f| f.size).sum();
            courses.push(StickCourse {
                id: original.id.clone(),
                slug: original.slug.clone(),
                revision: original.revision,
                title: original.title.clone(),
                bytes,
            });
            manifest_courses.push(StickManifestCourse {
                id: original.id.clone(),
                slug: original.slug.clone(),
                revision: original.revision,
                folder: planned.folder.clone(),
            });
            cards.push(planned.card);
            for f in planned.files {
                files.entry(f.path.clone()).or_insert(f);
            }
        }
        cards.sort_by_cached_key(|c| (sort_key(&c.title.pt), sort_key(&c.title.en), c.id.clone()));
        let mut organisations: Vec<String> = cards.iter().map(|c| c.organisation.clone()).collect();
        organisations.sort();
        organisations.dedup();
        let written_at = crate::library::now();
        let catalogue = Catalogue {
            format: CATALOGUE_FORMAT,
            written_at: written_at.clone(),
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            languages: languages.list(),
            organisations,
            courses: cards,
        };
        for (path, bytes) in super::assets::catalogue_files(&catalogue) {
            files.insert(path.clone(), Entry::bytes(&path, bytes, false));
        }
        files.insert(
            CATALOGUE_DATA.into(),
            Entry::bytes(CATALOGUE_DATA, catalogue.to_script(), false),
        );
        let organisation = ManifestOrg {
            id: org.id.clone(),
            name: org.name.clone(),
            public_key: org.public_key.clone(),
            fingerprint: org.fingerprint.clone(),
        };
        let plan = StickPlan {
            files: files.into_values().collect(),
            courses,
            manifest_courses,
            catalogue,
            languages,
            organisation,
            written_at,
        };
        Ok((plan, key))
    }
}

struct PlannedCourse {
    folder: String,
    files: Vec<Entry>,
    card: CatalogueCourse,
}

fn plan_course(
    original: &crate::model::Course,
    plan: crate::package::export::Plan,
    org: &OrgIdentity,
    key: &OrgKey,
    languages: Languages,
) -> Result<PlannedCourse> {
    let mut media = Vec::new();
    let mut course_json = None;
    for entry in plan.entries {
        if entry.path == pkg::COURSE {
            course_json = Some(entry);
        } else if entry.path.starts_with(pkg::MEDIA_DIR) {
            media.push(entry);
        }
    }
    let course_json = course_json.ok_or_else(|| Error::Internal("no course.json".into()))?;
    let Source::Bytes(course_bytes) = &course_json.source else {
        return Err(Error::Internal("course.json is not in memory".into()));
    };
    let package: PackageCourse = serde_json::from_slice(course_bytes)
        .map_err(|e| Error::Internal(format!("course.json: {e}")))?;

    // The package manifest over what the stick holds: course.json and media.
    let mut manifest = plan.manifest;
    manifest.files.retain(|f| f.path == pkg::COURSE || f.path.starts_with(pkg::MEDIA_DIR));
    let manifest_bytes = manifest.to_bytes();
    let signature = pkg::encode_signature(&key.sign(&pkg::signing_message(&manifest_bytes)));

    // The player page, pointing at the shared player/ and media/.
    let mut shown = package.clone();
    for m in &mut shown.media {
        m.path = format!("{UP}{}", m.path);
        if let Some(poster) = m.prepared.as_mut().and_then(|p| p.poster.as_mut()) {
            poster.path = format!("{UP}{}", poster.path);
        }
    }
    let mut own: Vec<(String, Vec<u8>)> = Vec::new();
    let mut shared: Vec<Entry> = Vec::new();
    for (path, bytes) in crate::player::player_files(&shown, &org.name, &languages.list()) {
        if path == crate::player::INDEX {
            let page = String::from_utf8_lossy(&bytes)
                .replace("href=\"player/player.css\"", &format!("href=\"{UP}player/player.css\""))
                .replace("src=\"player/course-data.js\"", "src=\"course-data.js\"")
                .replace("src=\"player/player.js\"", &format!("src=\"{UP}player/player.js\""));
            own.push(("index.html".into(), page.into_bytes()));
        } else if path == crate::player::COURSE_DATA {
            own.push(("course-data.js".into(), bytes));
        } else {
            shared.push(Entry::bytes(&path, bytes, false));
        }
    }
    own.push((pkg::COURSE.into(), course_bytes.clone()));
    own.push((pkg::MANIFEST.into(), manifest_bytes));
    own.push((pkg::SIGNATURE.into(), signature));
    own.sort();
    let mut hasher = Sha256::new();
    let own: Vec<Entry> = own.into_iter().map(|(p, b)| Entry::bytes(&p, b, false)).collect();
    for e in &own {
        hasher.update(format!("{}\0{}\n", e.path, e.sha256));
    }
    let folder_key = &hex::encode(hasher.finalize())[..16];
    let folder = format!("courses/{}/{folder_key}", package.course.slug);
    let mut files: Vec<Entry> = own
        .into_iter()
        .map(|mut e| {
            e.path = format!("{folder}/{}", e.path);
            e
        })
        .collect();
    files.extend(shared);
    files.extend(media);
    let card = card(original, &package, org, languages, &folder);
    Ok(PlannedCourse { folder, files, card })
}

fn card(
    original: &crate::model::Course,
    package: &PackageCourse,
    org: &OrgIdentity,
    languages: Languages,
    folder: &str,
) -> CatalogueCourse {
    let course = &package.course;
    let carried = languages.list();
    let status = crate::model::course_status(original);
    let completeness = Lang::ALL
        .iter()
        .map(|&l| {
            let percent = match l {
                Lang::Pt => status.pt_percent,
                Lang::En => status.en_percent,
            };
            (l, if carried.contains(&l) { u32::from(percent) } else { 0 })
        })
        .collect();
    let organisation =
        if course.organisation.trim().is_empty() { &org.name } else { &course.organisation };
    let cover = package
        .media
        .iter()
        .find(|m| {
            m.kind == crate::media::MediaKind::Image && crate::media::cover::is_cover_name(&m.name)
        })
        .map(|m| m.path.clone());
    CatalogueCourse {
        id: course.id.clone(),
        revision: course.revision,
        slug: course.slug.clone(),
        href: format!("{folder}/index.html"),
        title: plain(&course.title, |t| t.trim().to_string()),
        summary: plain(&course.summary, plain_text),
        organisation: organisation.trim().to_string(),
        minutes: course.lessons().map(|l| l.minutes).sum(),
        languages: carried,
        completeness,
        cover,
        lesson_ids: course.lessons().map(|l| l.id.clone()).collect(),
        search: course
            .lessons()
            .map(|l| CatalogueSearchEntry {
                lesson: l.id.clone(),
                title: plain(&l.title, |t| t.trim().to_string()),
                text: plain(&l.body, plain_text),
            })
            .collect(),
    }
}

/// Lowercase without accents: "Água" sorts with the a's.
fn sort_key(text: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

fn plain(text: &Bilingual, f: impl Fn(&str) -> String) -> CatalogueText {
    CatalogueText { pt: f(text.get(Lang::Pt)), en: f(text.get(Lang::En)) }
}

/// The words of a markdown text, without markup: what a card shows and
/// what search reads (HTML blocks and images' URLs are left out).
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
            | Event::End(TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::TableCell) => {
                out.push(' ')
            }
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_words_only() {
        assert_eq!(
            plain_text("# Título\n\nUm *texto* com `código`.\n\n- a\n- b\n"),
            "Título Um texto com código. a b"
        );
    }
}
