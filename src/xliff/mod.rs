//! XLIFF 1.2 exchange with translators who do not use the app.
//!
//! Why 1.2: it is the version most CAT tools (OmegaT, memoQ, Trados, Poedit's
//! converters) open directly. One `<trans-unit>` per translatable field, its
//! id naming the field (`lesson/<id>/body`), the source-language text as
//! `<source>` and the other language as `<target>`, markdown kept as text.
//!
//! States: an empty translation is `new`; a current one `translated`; a
//! stale one (source changed since it was written) `needs-review-translation`.
//! On import only units that carry a translation are applied: state
//! `translated`/`final`/`signed-off`, or a target that differs from ours. A
//! unit is recorded as translated from the `<source>` text in the file, so a
//! source that changed while the file was away stays stale after import.
//!
//! Nothing written here since the export is overwritten: every export is
//! recorded in the library (`xliff_exports`: the hash of each unit's target
//! as written) and the file names its record (`juntos:export` on `<file>`).
//! The file is only a claim: the record is looked up for the same course
//! and language, and a file without a known record proves nothing, so any
//! local text it would replace is a conflict. On import a unit is applied
//! only when the translator changed it and the local text did not change
//! since the export; otherwise the local text stays and the unit is listed
//! as a conflict until the person takes theirs (`Choices`). A unit marked
//! `needs-review-*` never replaces a current translation and, where it is
//! written, leaves the field stale. The course as it was before an import
//! is kept as a saved revision ("xliff"), restorable like an import's.

mod library_ops;
mod read;
mod rows;
mod units;
mod write;

pub use read::{parse, XliffDocument, XliffUnit};
pub use units::{apply, Choices, Conflict, ImportReport};
pub use write::export;

/// What the `original` attribute of the `<file>` holds before the course id.
const ORIGINAL_PREFIX: &str = "juntos:course/";

/// The namespace of our own attribute naming the export record.
pub(crate) const EXPORT_NS: &str = "urn:juntos-studio:xliff";

/// The `original` attribute of the `<file>`: ties the document to one course.
pub(crate) fn original_of(course_id: &str) -> String {
    format!("{ORIGINAL_PREFIX}{course_id}")
}
