//! Schema migrations, applied in order by `PRAGMA user_version`.
//!
//! A migration is never edited once released: add a new file instead.
//! Every released schema is frozen with data in
//! `tests/fixtures/schemas/vN.sql` (its DDL copied, not included, so it
//! cannot follow a later edit), and `tests/library/upgrade.rs` opens each
//! through `Library::open` and compares the result with a fresh database:
//! same tables, columns, indexes and triggers, and the data still there.
//! A new migration is covered by that test as soon as it is in the list
//! below. Once it is released, the schema before the next migration is
//! frozen the same way as the next `vN.sql` (the versions must run from 1
//! without a gap; today 1 to 10).

/// `(version, sql)`: applying `sql` brings a database from `version - 1` to `version`.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_courses.sql")),
    (2, include_str!("migrations/0002_media.sql")),
    (3, include_str!("migrations/0003_packages.sql")),
    (4, include_str!("migrations/0004_blob_checksums.sql")),
    (5, include_str!("migrations/0005_media_prepared.sql")),
    (6, include_str!("migrations/0006_search_index.sql")),
    (7, include_str!("migrations/0007_bin_and_xliff_exports.sql")),
    // Issue 17: learners' results (helper "results-core").
    (8, include_str!("migrations/0008_results.sql")),
    // sign-language interpreters (issue 16, helper "sign")
    (9, include_str!("migrations/0009_sign_interpreters.sql")),
    // Bilingual topics (issue 16, helper "access").
    (10, include_str!("migrations/0010_bilingual_topics.sql")),
    // Lesson bodies and notes deflated (issue 15, a lean database).
    (11, include_str!("migrations/0011_packed_lesson_text.sql")),
];

/// The schema version this program writes.
pub const LATEST: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;
