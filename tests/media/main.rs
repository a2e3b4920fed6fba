//! Integration tests of media on real files, real SQLite and real fixtures
//! (tests/fixtures/media, made once with ffmpeg; see docs/media.md). Nothing
//! here needs ffmpeg: large files are generated at test time.

mod attach;
mod captions;
mod cli;
mod courses;
mod faults;
mod prepare;
mod probe;
mod sign;
mod status;
mod store;
mod support;
