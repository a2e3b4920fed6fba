//! Course packages: the renderer, organisation identity, export, import,
//! hostile packages and the round trip, on real libraries and real zip files.

mod export;
mod hostile;
mod identity;
mod import;
mod missing_media;
mod rawzip;
mod render;
mod roundtrip;
mod sign;
mod support;
mod undo;
mod unused_media;
