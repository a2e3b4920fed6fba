//! XLIFF export and import as library operations.

use crate::error::{Error, Result};
use crate::model::Lang;
use crate::Library;

use super::{apply, original_of, parse, ImportReport};

impl Library {
    /// The course as an XLIFF 1.2 document from its source language into `target`.
    pub fn xliff_export(&self, course_id: &str, target: Lang) -> Result<String> {
        let course = self.course(course_id)?;
        if target == course.source_lang {
            return Err(Error::XliffSameLanguage { lang: target });
        }
        Ok(super::export(&course, target))
    }

    /// Applies a translated XLIFF document to the course it was made from, in
    /// one transaction. A file for another course, in the wrong direction, or
    /// naming units the course does not have is refused and nothing changes.
    pub fn xliff_import(&mut self, text: &str) -> Result<ImportReport> {
        let doc = parse(text).map_err(|reason| Error::XliffInvalid { reason })?;
        let course_id = doc
            .original
            .strip_prefix("juntos:course/")
            .filter(|id| self.course(id).is_ok())
            .ok_or_else(|| Error::XliffWrongCourse { original: doc.original.clone() })?
            .to_string();
        self.change_course(&course_id, |_, course| {
            if original_of(&course.id) != doc.original {
                return Err(Error::XliffWrongCourse { original: doc.original.clone() });
            }
            if doc.source != course.source_lang {
                return Err(Error::XliffSameLanguage { lang: doc.target });
            }
            apply(course, &doc).map_err(|ids| Error::XliffUnknownUnits { ids })
        })
    }
}
