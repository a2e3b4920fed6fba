//! Package import from raw bytes, through the public API, into a real
//! library: Ok or a clean Err, never a panic; on Err the library folder is
//! byte for byte as it was; on Ok the database is sound and every media row
//! has its bytes (see `juntos_fuzz::Harness`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    juntos_fuzz::with_harness(|h| h.import(data));
});
