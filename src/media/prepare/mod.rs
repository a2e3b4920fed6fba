//! Filmed video made fit for learners, with ffmpeg, without destroying
//! anything (issue 12; see `docs/media.md`, "Preparing videos").
//!
//! A phone records 100–300 MB a minute, often in HEVC, which most browsers
//! cannot play. Preparing converts a course's video to H.264/AAC in an MP4
//! whose index comes first, at a size a trainer chose by name
//! (Telemóvel / Padrão / Alta), trimmed, with a poster frame and even
//! loudness — and keeps the original, so it can be prepared again or
//! shown again.
//!
//! | file | what it does |
//! | --- | --- |
//! | `ffmpeg.rs` | find ffmpeg/ffprobe (beside the app, then PATH; never downloaded), check the version once, run with `-progress` and cancel; why no crate |
//! | `source.rs` | what ffprobe says of the source (size as shown, rotation, rate, interlacing) |
//! | `recipe.rs` | profiles, the recipe kept with the result, times and sizes people type |
//! | `plan.rs` | the ffmpeg command lines, as pure functions |
//! | `budget.rs` | the rate ceiling that keeps a course under N MB |
//! | `rows.rs` | the `media_prepared` link (original, recipe, poster) |
//! | `library_ops.rs` | `Library::prepare_media`, `plan_prepare_all`, `prepare_queue` |
//! | `prepared.rs` | `Library::prepared_media`, `media_poster_path`, `restore_original` |
//! | `errors.rs` | codes and Portuguese/English messages |

mod budget;
mod errors;
pub mod ffmpeg;
mod library_ops;
pub mod plan;
mod prepared;
pub mod recipe;
pub(crate) mod rows;
pub mod source;

pub use errors::{clock, mb, PrepareError};
pub use library_ops::{PrepareOptions, PrepareReport, QueueItem, QueuePlan, MAX_DURATION_MS};
pub use prepared::PreparedInfo;
pub use recipe::{parse_size, parse_time, parse_trim, Method, Profile, Recipe, Trim};
pub use rows::OriginalProbe;
