//! The media probes (MP4/MOV, WebM/Matroska, MP3, Ogg and images) on
//! hostile bytes: a file a person attaches or a partner's package carries is
//! read by them before anything else. See `juntos_fuzz::probe_check` for
//! what must hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| juntos_fuzz::probe_check::check(data));
