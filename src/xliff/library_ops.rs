//! XLIFF export and import as library operations.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Lang;
use crate::Library;

use super::{apply, parse, ImportReport, ORIGINAL_PREFIX};

impl Library {
    /// The course as an XLIFF 1.2 document from its source language into `target`.
    pub fn xliff_export(&self, course_id: &str, target: Lang) -> Result<String> {
        let course = self.course(course_id)?;
        if target == course.source_lang {
            return Err(Error::XliffSameLanguage { lang: target });
        }
        Ok(super::export(&course, target))
    }

    /// Writes the XLIFF for translating a course out of its source language
    /// into `folder`, as `<slug>.<target>.xlf`, or `<slug>.<target>-2.xlf`…
    /// when that name is taken: a translated file brought back into the
    /// same folder is never overwritten. Returns the file written.
    pub fn xliff_export_into(&self, course_id: &str, folder: &Path) -> Result<PathBuf> {
        let course = self.course(course_id)?;
        let target = course.source_lang.other();
        let xml = super::export(&course, target);
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
        let name = path.display().to_string();
        let bytes = std::fs::read(path)
            .map_err(|source| Error::ReadInput { path: name.clone(), source })?;
        let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8 { path: name })?;
        self.xliff_import(&text)
    }

    /// Applies a translated XLIFF document to the course it was made from, in
    /// one transaction. A file for another course, in the wrong direction, or
    /// naming units the course does not have is refused and nothing changes.
    pub fn xliff_import(&mut self, text: &str) -> Result<ImportReport> {
        let doc = parse(text).map_err(|reason| Error::XliffInvalid { reason })?;
        let course_id = doc
            .original
            .strip_prefix(ORIGINAL_PREFIX)
            .filter(|id| self.course(id).is_ok())
            .ok_or_else(|| Error::XliffWrongCourse { original: doc.original.clone() })?
            .to_string();
        self.change_course(&course_id, |_, course| {
            if doc.source != course.source_lang {
                return Err(Error::XliffSameLanguage { lang: doc.target });
            }
            apply(course, &doc).map_err(|ids| Error::XliffUnknownUnits { ids })
        })
    }
}
