//! Progress of an export or import, reported to a callback that may cancel.
//!
//! Same contract as media's: the core calls `FnMut(Progress) -> ControlFlow<()>`
//! and a `Break` cancels cleanly (no partial package, no staging folder, no
//! change to the library). Package progress also says which phase and which
//! entry, because a person waiting on a 2 GB video wants to know.

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Export: writing entries into the package.
    Writing,
    /// Import and verify: reading and hashing entries.
    Checking,
    /// Import: recording the course in the library.
    Committing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    pub phase: Phase,
    /// The entry being processed (`media/ab12….mp4`).
    pub entry: String,
    /// Bytes done in this phase, and in all.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub done: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: u64,
}

/// A callback that never cancels.
pub fn no_progress(_: Progress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}
