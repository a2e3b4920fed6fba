//! Packages as methods of `Library`: export, verify, import, saved
//! revisions, lesson rendering, and the housekeeping done when a library opens.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::archive::{refuse, SafeArchive};
use super::course_file::PackageCourse;
use super::export::{self, ExportOptions, ExportReport, MediaSource};
use super::import::{self, ImportReport, Incoming};
use super::limits::Limits;
use super::manifest::{self, Manifest};
use super::progress::{Phase, Progress};
use super::rows as prows;
use super::staging::{self, Staging};
use super::verify;
use crate::error::{Error, Result};
use crate::library::{now, Library};
use crate::media::blob::BlobStore;
use crate::model::{Lang, TranslationStatus};
use crate::org::trust::{self, Claim, Known, TrustDecision};
use crate::org::{rows as org_rows, OrgKey};
use crate::render::{self, RenderOptions, ResolvedMedia};

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Trust the package's organisation if it is new (the person checked its fingerprint).
    pub trust: bool,
    /// Always import as a separate copy.
    pub as_copy: bool,
    /// The fingerprint of a new organisation the person accepts although its
    /// name looks like a trusted one's: a *different* organisation, seen
    /// with both fingerprints (`--trust-different-organisation`).
    pub trust_different_organisation: Option<String>,
    pub limits: Limits,
}

/// What `juntos verify` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerifyReport {
    pub format_version: String,
    pub course_id: String,
    pub slug: String,
    pub revision: i64,
    pub title_pt: String,
    pub title_en: String,
    pub languages: Vec<Lang>,
    pub organisation: String,
    pub fingerprint: String,
    /// `own`, `trusted`, or `None` when an import would need `--trust`.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub trust: Option<TrustDecision>,
    pub entries: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    pub media: usize,
    /// Translation status of the course as packaged.
    pub translation: TranslationStatus,
}

/// A revision an import replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedRevision {
    pub revision: i64,
    pub reason: String,
    pub saved_at: String,
}

impl Library {
    /// A course's media as every export needs them: item, blob file,
    /// captions, and the CRC-32 that lets the copy check the bytes.
    pub(crate) fn media_sources(&self, course_id: &str) -> Result<Vec<MediaSource>> {
        let store = BlobStore::new(self.media_dir());
        let mut media = Vec::new();
        for item in self.list_media(course_id)? {
            let captions = prows::captions_of(self.conn(), &item.id)?;
            let crc32 = crate::media::rows::crc32_of(self.conn(), &item.sha256)?;
            let poster_size =
                |sha: &str| std::fs::metadata(store.path_of(sha)).ok().map(|m| m.len());
            let prepared = super::import::package_prepared(self.conn(), &item.id, poster_size)?
                .map(|p| -> Result<_> {
                    let blob = match &p.poster {
                        Some(poster) => Some((
                            store.path_of(&poster.sha256),
                            crate::media::rows::crc32_of(self.conn(), &poster.sha256)?,
                        )),
                        None => None,
                    };
                    Ok((p, blob))
                })
                .transpose()?;
            media.push(MediaSource {
                blob: store.path_of(&item.sha256),
                item,
                captions,
                crc32,
                prepared,
            });
        }
        Ok(media)
    }

    /// Media attached to a course that no export carries: shown by no
    /// lesson, summary or notes, not the cover, no interpreter (issue 13
    /// item 10; see [`export::shown_media`]).
    pub fn unused_media(&self, course_id: &str) -> Result<Vec<String>> {
        let course = self.course(course_id)?;
        Ok(export::unused_names(&course, &self.list_media(course_id)?))
    }

    /// What a signed export writes, planned: the course, every entry, the
    /// signed manifest. Refused before anything is planned when the
    /// organisation has no name (a package says who made it).
    pub(crate) fn signed_plan(
        &mut self,
        course_id: &str,
        languages: export::Languages,
    ) -> Result<(crate::model::Course, export::Plan)> {
        let org = self.org_identity()?;
        if org.name.trim().is_empty() {
            return Err(Error::OrgNameMissing);
        }
        let key = OrgKey::load_or_create(self.root())?;
        let course = self.course(course_id)?;
        if let Some(draft) = Library::first_quiz_draft(&course) {
            return Err(draft);
        }
        let media = self.media_sources(course_id)?;
        let sign = crate::media::sign::rows::required(self.conn(), course_id)?;
        let plan = export::plan(&course, media, &org, &key, languages, sign);
        Ok((course, plan))
    }

    /// Writes a signed, deterministic package of a course (see `docs/package-format.md`).
    pub fn export_course(
        &mut self,
        course_id: &str,
        options: &ExportOptions,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<ExportReport> {
        let (course, mut plan) = self.signed_plan(course_id, options.languages)?;
        let target = export::target_path(
            options.to.as_deref(),
            &export::file_name(&course.slug, options.languages),
        )?;
        let size =
            export::write_package(&target, &mut plan.entries, options.overwrite, &mut progress)?;
        self.keep_learned_crc32(&plan.entries);
        Ok(plan.report(target, size))
    }

    /// Keeps the CRC-32s an export learnt while checking blobs that had
    /// none kept (stored before `blob_checksums` existed), so the next
    /// export of them runs at copy speed. Best effort: the export is done
    /// either way, and a library that cannot be written to now simply
    /// checks by SHA-256 again next time.
    pub(crate) fn keep_learned_crc32(&mut self, entries: &[super::writer::Entry]) {
        let learned: Vec<(&str, u32)> = entries
            .iter()
            .filter_map(|e| match e.source {
                super::writer::Source::File { crc32: Some(crc), .. } => {
                    Some((e.sha256.as_str(), crc))
                }
                _ => None,
            })
            .filter(|(sha256, _)| {
                matches!(crate::media::rows::crc32_of(self.conn(), sha256), Ok(None))
            })
            .collect();
        if learned.is_empty() {
            return;
        }
        let _ = self.write(|tx| {
            for (sha256, crc32) in &learned {
                crate::media::rows::record_crc32(tx, sha256, *crc32)?;
            }
            Ok(())
        });
    }

    /// Checks a package completely without importing it: signature, every
    /// entry, the course inside. Only a key that contradicts a trusted one
    /// is an error; an unknown organisation is reported (`trust: None`).
    pub fn verify_package(
        &self,
        path: &Path,
        limits: &Limits,
        progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<VerifyReport> {
        Ok(self.verify_package_and_course(path, limits, progress)?.0)
    }

    /// [`Library::verify_package`] that also returns the verified course, from
    /// the same single pass over the package (the app's import preview needs
    /// both; reading twice doubled the time and left the second pass without
    /// progress or cancel).
    pub fn verify_package_and_course(
        &self,
        path: &Path,
        limits: &Limits,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<(VerifyReport, PackageCourse)> {
        let mut archive = SafeArchive::open(path, limits)?;
        let manifest = verify::signed_manifest(&mut archive, limits)?;
        let trust = match self.trust_decision(&manifest, false, None) {
            Ok(decision) => Some(decision),
            Err(Error::PackageRefused {
                problem: super::Problem::UnknownOrganisation { .. },
                ..
            }) => None,
            Err(e) => return Err(e),
        };
        let verified = verify::verify(&mut archive, limits, None, &mut progress)?;
        let m = verified.manifest;
        let report = VerifyReport {
            format_version: m.format_version.clone(),
            course_id: m.course.id.clone(),
            slug: m.course.slug.clone(),
            revision: m.course.revision,
            title_pt: m.course.title_pt.clone(),
            title_en: m.course.title_en.clone(),
            languages: m.languages.clone(),
            organisation: m.organisation.name.clone(),
            fingerprint: m.organisation.fingerprint.clone(),
            trust,
            entries: verified.entries,
            bytes: verified.bytes,
            media: verified.course.media.len(),
            translation: crate::model::course_status(&verified.course.course),
        };
        Ok((report, verified.course))
    }

    /// Imports a package. Any refusal leaves the library as it was.
    pub fn import_package(
        &mut self,
        path: &Path,
        options: &ImportOptions,
        progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<ImportReport> {
        let mut archive = SafeArchive::open(path, &options.limits)?;
        self.import_from(&mut archive, options, progress)
    }

    /// Imports the package `archive` holds (a zip, or a course on a stick):
    /// the signature, trust, every byte, then one transaction.
    pub(crate) fn import_from(
        &mut self,
        archive: &mut dyn verify::PackageSource,
        options: &ImportOptions,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<ImportReport> {
        let limits = &options.limits;
        let manifest = verify::signed_manifest(archive, limits)?;
        // Refuse an untrusted organisation before copying any media.
        let accept = options.trust_different_organisation.as_deref();
        self.trust_decision(&manifest, options.trust, accept)?;
        self.check_library_space(&manifest)?;

        let staging = Staging::new(self.root())?;
        let verified = verify::verify(archive, limits, Some(&staging), &mut progress)?;
        if progress(Progress { phase: Phase::Committing, entry: String::new(), done: 0, total: 0 })
            .is_break()
        {
            return Err(Error::Cancelled);
        }
        let own = self.existing_org_identity()?;
        let m = &verified.manifest;
        let media_dir = self.media_dir();
        let incoming = Incoming {
            package: &verified.course,
            fingerprint: &m.organisation.fingerprint,
            own_fingerprint: own.as_ref().map(|o| o.fingerprint.as_str()),
            languages: m.languages.len(),
            as_copy: options.as_copy,
            staged: &verified.staged,
            media_dir: &media_dir,
        };
        let mut placed = import::Placement::default();
        let result = self.write(|tx| {
            // Decided again under the lock: the trust store may have changed.
            let decision = decide_trust(tx, own.as_ref(), m, options.trust, accept)?;
            let (outcome, course, changes) = import::apply(tx, &incoming, &mut placed)?;
            let wrote = !matches!(
                outcome,
                import::ImportOutcome::UpToDate { .. }
                    | import::ImportOutcome::AlreadyImported { .. }
            );
            if wrote && decision != TrustDecision::Own {
                let org = &m.organisation;
                org_rows::upsert_trusted(
                    tx,
                    &trust::TrustedOrg {
                        fingerprint: org.fingerprint.clone(),
                        public_key: org.public_key.clone(),
                        org_id: org.id.clone(),
                        name: org.name.clone(),
                        trusted_at: now(),
                    },
                    &trust::name_key(&org.name),
                )?;
            }
            Ok(ImportReport {
                outcome,
                course_id: course.course.id.clone(),
                slug: course.course.slug.clone(),
                title: course.course.title.clone(),
                organisation: m.organisation.name.clone(),
                fingerprint: m.organisation.fingerprint.clone(),
                trust: decision,
                package_revision: m.course.revision,
                changes,
            })
        });
        if result.is_err() {
            for blob in &placed.blobs {
                let _ = std::fs::remove_file(blob);
            }
        }
        // The journal goes only now: the rows are committed or the blobs gone.
        drop(placed);
        drop(staging);
        result
    }

    /// Revisions that imports replaced, oldest first.
    pub fn saved_revisions(&self, course_id: &str) -> Result<Vec<SavedRevision>> {
        self.course(course_id)?;
        Ok(prows::revisions(self.conn(), course_id)?
            .into_iter()
            .map(|(revision, reason, saved_at)| SavedRevision { revision, reason, saved_at })
            .collect())
    }

    /// Puts back a revision an import replaced. The current content is saved
    /// first, so a restore can itself be undone. Media whose bytes are no
    /// longer stored are left out and named in the result.
    pub fn restore_revision(&mut self, course_id: &str, revision: i64) -> Result<Vec<String>> {
        let content = prows::revision_content(self.conn(), course_id, revision)?
            .ok_or_else(|| Error::RevisionNotFound { course: course_id.to_string(), revision })?;
        let mut saved: PackageCourse = serde_json::from_str(&content)
            .map_err(|e| Error::Internal(format!("saved revision: {e}")))?;
        let store = BlobStore::new(self.media_dir());
        let mut missing = Vec::new();
        saved.media.retain(|m| {
            let present = std::fs::metadata(store.path_of(&m.sha256))
                .map(|f| f.len() == m.size)
                .unwrap_or(false);
            if !present {
                missing.push(m.name.clone());
            }
            present
        });
        // A prepared video whose original is no longer stored comes back
        // without its way back (as an imported one), rather than a broken link.
        for m in &mut saved.media {
            if let Some(p) = m.prepared.as_mut() {
                if p.local.as_ref().is_some_and(|l| !store.path_of(&l.original_sha256).is_file()) {
                    p.local = None;
                }
            }
        }
        self.write(|tx| {
            let current = crate::store::rows::load_course(tx, course_id)?
                .ok_or_else(|| Error::CourseNotFound { query: course_id.into() })?;
            let current_revision = current.revision;
            let snapshot = import::snapshot(tx, current)?;
            let json =
                serde_json::to_string(&snapshot).map_err(|e| Error::Internal(e.to_string()))?;
            prows::save_revision(tx, course_id, current_revision, "restore", &now(), &json)?;
            saved.course.id = course_id.to_string();
            saved.course.slug = snapshot.course.slug.clone();
            saved.course.revision = current_revision + 1;
            saved.course.updated_at = now();
            import::replace_content(tx, &saved)
        })?;
        Ok(missing)
    }

    /// A lesson's body as safe HTML, with media mapped to their package paths
    /// (`media/<sha256>.<format>`), exactly as the package shows it.
    pub fn render_lesson(&self, lesson_id: &str, lang: Lang) -> Result<String> {
        let lesson = self.lesson(lesson_id)?;
        let course_id = crate::store::rows::course_of_lesson(self.conn(), lesson_id)?
            .ok_or_else(|| Error::LessonNotFound { query: lesson_id.into() })?;
        let media = self.list_media(&course_id)?;
        let resolve = |name: &str| -> Option<ResolvedMedia> {
            let item = media.iter().find(|m| m.name.eq_ignore_ascii_case(name))?;
            Some(ResolvedMedia {
                url: super::course_file::media_path(&item.sha256, &item.format),
                kind: item.kind.into(),
            })
        };
        Ok(render::render_markdown(lesson.body.get(lang), &RenderOptions { lang, media: &resolve }))
    }

    /// Housekeeping when a library opens: a new library gets its
    /// organisation key; staging folders, media temp files and unregistered
    /// blobs left by a crash are removed.
    pub(crate) fn after_open(&mut self, is_new: bool) -> Result<()> {
        staging::clean_leftovers(self.root());
        self.recover_interrupted_media();
        if is_new {
            self.ensure_org_key()?;
        }
        Ok(())
    }

    fn trust_decision(
        &self,
        manifest: &Manifest,
        trust_new: bool,
        accept_different: Option<&str>,
    ) -> Result<TrustDecision> {
        let own = self.existing_org_identity()?;
        decide_trust(self.conn(), own.as_ref(), manifest, trust_new, accept_different)
    }

    /// Free space on the library's disk for the media an import will keep.
    fn check_library_space(&self, manifest: &Manifest) -> Result<()> {
        let needed: u64 = manifest
            .files
            .iter()
            .filter(|f| f.path.starts_with(manifest::MEDIA_DIR))
            .map(|f| f.size)
            .sum();
        if needed == 0 {
            return Ok(());
        }
        let root: PathBuf = self.root().to_path_buf();
        let available = fs4::available_space(&root)
            .map_err(|source| Error::Io { path: root.clone(), source })?;
        let needed = needed + needed / 100 + (16 << 20);
        if needed > available {
            return Err(Error::NotEnoughSpace { path: root, needed, available });
        }
        Ok(())
    }
}

fn decide_trust(
    conn: &rusqlite::Connection,
    own: Option<&crate::org::OrgIdentity>,
    manifest: &Manifest,
    trust_new: bool,
    accept_different: Option<&str>,
) -> Result<TrustDecision> {
    let org = &manifest.organisation;
    let name_key = trust::name_key(&org.name);
    let known = Known {
        own: own.map(|o| (o.id.as_str(), o.name.as_str(), o.fingerprint.as_str())),
        by_fingerprint: org_rows::trusted_by_fingerprint(conn, &org.fingerprint)?,
        same_org: org_rows::trusted_same_org(conn, &org.id, &name_key)?,
        // The trust store is a handful of partners: compared in Rust.
        lookalikes: org_rows::trusted(conn)?
            .into_iter()
            .filter(|t| trust::looks_alike(&t.name, &org.name))
            .collect(),
    };
    let claim = Claim { org_id: &org.id, name: &org.name, fingerprint: &org.fingerprint };
    trust::decide(&claim, &known, trust_new, accept_different)
        .map_err(|p| refuse(manifest::MANIFEST, p))
}
