//! `manifest.json` and `manifest.sig`: the JSON (size and depth caps,
//! version check, fields), the signature file, and what `validate` promises.
//! The fuzzer's bytes become `manifest.json`; they are signed with the
//! partner key (so parsing past the signature is reached) unless the first
//! byte says to take the signature from the input as well.
#![no_main]

use std::ops::ControlFlow;

use juntos::package::archive::SafeArchive;
use juntos::package::manifest::{check_version, decode_signature};
use juntos::package::{verify, Limits};
use juntos_fuzz::rawzip::{build, RawEntry};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let (manifest, signature) = if mode & 1 == 0 {
        (rest.to_vec(), juntos_fuzz::sign(rest))
    } else {
        let cut = rest.len().saturating_sub(130);
        (rest[..cut].to_vec(), rest[cut..].to_vec())
    };
    let _ = decode_signature(&signature);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&manifest) {
        let _ = check_version(&value);
    }
    let entries = [
        RawEntry::deflated("manifest.json", &manifest),
        RawEntry::stored("manifest.sig", &signature),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.juntos");
    std::fs::write(&path, build(&entries)).unwrap();
    let limits = Limits { max_manifest_bytes: 1 << 20, ..Limits::default() };
    let mut archive = SafeArchive::open(&path, &limits).expect("two well-formed entries");
    match verify::signed_manifest(&mut archive, &limits) {
        Ok(m) => {
            assert!(m.validate().is_ok(), "signed_manifest returned a manifest validate refuses");
            assert!(m.files.windows(2).all(|w| w[0].path < w[1].path));
            assert_eq!(m.format, "juntos-package");
            // The whole check then refuses (course.json is missing) without panicking.
            assert!(verify::verify(
                &mut archive,
                &limits,
                None,
                &mut |_| ControlFlow::Continue(())
            )
            .is_err());
        }
        Err(e) => assert!(!e.code().is_empty()),
    }
});
