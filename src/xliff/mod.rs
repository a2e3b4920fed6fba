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

mod library_ops;
mod read;
mod units;
mod write;

pub use read::{parse, XliffDocument, XliffUnit};
pub use units::{apply, ImportReport};
pub use write::export;

/// What the `original` attribute of the `<file>` holds before the course id.
const ORIGINAL_PREFIX: &str = "juntos:course/";

/// The `original` attribute of the `<file>`: ties the document to one course.
pub(crate) fn original_of(course_id: &str) -> String {
    format!("{ORIGINAL_PREFIX}{course_id}")
}
