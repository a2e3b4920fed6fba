//! The import dialog's preview: the verified package, the local course it
//! would update, and what would change, without changing anything.

use std::ops::ControlFlow;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::Library;

use super::diff::{changes, Changes};
use super::{Limits, VerifyReport};

/// The local side of an import preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LocalCopy {
    pub course_id: String,
    pub revision: i64,
    pub organisation: String,
    /// The course was made in this library, not imported (an import becomes a copy).
    pub made_here: bool,
    /// Edited here since it was last imported (an import becomes a copy).
    pub edited_since_import: bool,
}

/// What the import dialog shows before asking: the verified package, the
/// course it would update, and what would change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPreview {
    pub package: VerifyReport,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub local: Option<LocalCopy>,
    /// From the local course (or from nothing) to the package.
    pub changes: Changes,
}

impl Library {
    /// Verifies a package completely and says what importing it would do,
    /// without changing anything.
    pub fn import_preview(
        &self,
        path: &Path,
        progress: impl FnMut(crate::package::Progress) -> ControlFlow<()>,
    ) -> Result<ImportPreview> {
        let limits = Limits::default();
        // One pass: the report and the verified course together.
        let (package, incoming) = self.verify_package_and_course(path, &limits, progress)?;
        let local = match self.course(&package.course_id) {
            Ok(course) => Some(course),
            Err(Error::CourseNotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let before = match &local {
            Some(course) => Some(crate::package::import::snapshot(self.conn(), course.clone())?),
            None => None,
        };
        let local = match local {
            Some(c) => {
                let record = crate::package::rows::import_record(self.conn(), &c.id)?;
                Some(LocalCopy {
                    made_here: record.is_none(),
                    edited_since_import: record.is_some_and(|r| r.local_revision != c.revision),
                    course_id: c.id,
                    revision: c.revision,
                    organisation: c.organisation,
                })
            }
            None => None,
        };
        Ok(ImportPreview { changes: changes(before.as_ref(), &incoming), local, package })
    }
}
