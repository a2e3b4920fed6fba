//! Media: filmed video, images, audio and captions attached to courses.
//!
//! Trainers film on phones, so files run from 100 MB to several GB on
//! laptops with 4 GB of RAM. Everything here is therefore streamed (the
//! bytes pass once through a fixed buffer, hashed on the way into a
//! content-addressed [`blob`] store), probed from headers only ([`probe`],
//! pure Rust, no ffmpeg), and crash-safe (temp file, fsync, rename, then one
//! database transaction). Captions ([`captions`]) are validated and kept as
//! WebVTT per language, and missing ones are reported in [`MediaStatus`].
//!
//! The operations themselves are methods of [`crate::Library`] (see
//! `library_ops.rs`).

pub mod blob;
pub mod captions;
pub mod cover;
pub(crate) mod errors;
pub(crate) mod flush_behind;
pub(crate) mod hashcopy;
mod library_ops;
mod maintenance;
mod model;
pub mod names;
pub mod prepare;
pub mod probe;
mod progress;
pub(crate) mod rows;
pub mod sign;
mod source;
mod why;

pub(crate) use errors::error_messages;
pub use model::{
    BlobProblem, CaptionInfo, GcReport, MediaItem, MediaItemStatus, MediaKind, MediaStatus,
    MediaUse, MediaWarning, VerifyReport,
};
pub use progress::{as_steps, no_progress, Progress, ProgressFn};
pub use sign::{Interpreter, MissingInterpreter, SignError, SignStatus};
pub use why::Why;
