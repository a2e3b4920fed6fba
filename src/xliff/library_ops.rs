//! XLIFF export and import as library operations.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Lang;
use crate::Library;

use super::{apply, parse, rows, Choices, ImportReport, ORIGINAL_PREFIX};
use crate::library::{new_id, now};

impl Library {
    /// The course as an XLIFF 1.2 document from its source language into
    /// `target`. The export is recorded (each unit's target as written), so
    /// an import of the file can tell the translator's changes from later
    /// local edits.
    pub fn xliff_export(&mut self, course_id: &str, target: Lang) -> Result<String> {
        let course = self.course(course_id)?;
        if target == course.source_lang {
            return Err(Error::XliffSameLanguage { lang: target });
        }
        let export_id = new_id();
        let (xml, units) = super::write::export_marked(&course, target, Some(&export_id));
        self.write(|tx| {
            rows::insert_export(tx, &export_id, &course.id, target, course.revision, &now(), &units)
        })?;
        Ok(xml)
    }

    /// Writes the XLIFF for translating a course out of its source language
    /// into `folder`, as `<slug>.<target>.xlf`, or `<slug>.<target>-2.xlf`…
    /// when that name is taken: a translated file brought back into the
    /// same folder is never overwritten. Returns the file written.
    pub fn xliff_export_into(&mut self, course_id: &str, folder: &Path) -> Result<PathBuf> {
        let course = self.course(course_id)?;
        let target = course.source_lang.other();
        let xml = self.xliff_export(course_id, target)?;
        let path = (1..)
            .map(|n| match n {
                1 => folder.join(format!("{}.{target}.xlf", course.slug)),
                n => folder.join(format!("{}.{target}-{n}.xlf", course.slug)),
            })
            .find(|p| !p.exists())
            .expect("a free name");
        crate::atomic_file::write(&path, xml.as_bytes())?;
        Ok(path)
    }

    /// Applies a translated XLIFF file (see [`Library::xliff_import`]).
    pub fn xliff_import_file(&mut self, path: &Path) -> Result<ImportReport> {
        self.xliff_import_file_with(path, &Choices::default())
    }

    /// Applies a translated XLIFF file with the person's choices for conflicts.
    pub fn xliff_import_file_with(
        &mut self,
        path: &Path,
        choices: &Choices,
    ) -> Result<ImportReport> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path)
            .map_err(|source| Error::ReadInput { path: name.clone(), source })?;
        let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8 { path: name })?;
        self.xliff_import_with(&text, choices)
    }

    /// Applies a translated XLIFF document to the course it was made from, in
    /// one transaction. A file for another course, in the wrong direction, or
    /// naming units the course does not have is refused and nothing changes.
    /// A local text changed since the export is never replaced (a conflict,
    /// listed); the course as it was is saved as a restorable revision.
    pub fn xliff_import(&mut self, text: &str) -> Result<ImportReport> {
        self.xliff_import_with(text, &Choices::default())
    }

    /// [`Library::xliff_import`], taking the translator's text for the conflicts `choices` names.
    pub fn xliff_import_with(&mut self, text: &str, choices: &Choices) -> Result<ImportReport> {
        let doc = parse(text).map_err(|reason| Error::XliffInvalid { reason })?;
        let course_id = doc
            .original
            .strip_prefix(ORIGINAL_PREFIX)
            .filter(|id| self.course(id).is_ok())
            .ok_or_else(|| Error::XliffWrongCourse { original: doc.original.clone() })?
            .to_string();
        self.change_course(&course_id, |tx, course| {
            if doc.source != course.source_lang {
                return Err(Error::XliffSameLanguage { lang: doc.target });
            }
            let exported = match &doc.export_id {
                Some(id) => rows::export_units(tx, id, &course_id, doc.target)?,
                None => None,
            };
            let before = course.clone();
            let mut report = apply(course, &doc, exported.as_ref(), choices)
                .map_err(|ids| Error::XliffUnknownUnits { ids })?;
            if *course != before {
                let revision = before.revision;
                let snapshot = crate::package::import::snapshot(tx, before)?;
                let json =
                    serde_json::to_string(&snapshot).map_err(|e| Error::Internal(e.to_string()))?;
                crate::package::rows::save_revision(
                    tx,
                    &course_id,
                    revision,
                    "xliff",
                    &now(),
                    &json,
                )?;
                report.revision_saved = Some(revision);
            }
            Ok(report)
        })
    }
}
