//! `juntos-stick.json`: the signed list of every file of a stick.
//!
//! The manifest and its signature live in ONE file (an envelope holding the
//! manifest's text and the signature over it), so that switching a stick
//! from one set to the next is one rename: two files could never be
//! replaced together. The signature uses the organisation's key, like a
//! package's, under another domain prefix, so a package signature can never
//! pass as a stick's or the other way round.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::errors::StickError;
use crate::error::{Error, Result};
use crate::model::Lang;
use crate::org::{keys, OrgKey};
use crate::package::manifest::{ManifestFile, ManifestOrg};

/// The current set.
pub const MANIFEST: &str = "juntos-stick.json";
/// The set being written, while a write runs.
pub const NEXT: &str = "juntos-stick.next.json";
/// Sets that may still be on the stick while a write runs: `juntos-stick.prev-<G>.json`.
pub const PREV_PREFIX: &str = "juntos-stick.prev-";
/// Files under temporary names while a write runs.
pub const INCOMING: &str = ".incoming";

pub const FORMAT: &str = "juntos-stick";
pub const FORMAT_MAJOR: u64 = 1;
pub const FORMAT_MINOR: u64 = 0;
const SIGNING_CONTEXT: &[u8] = b"juntos-stick-manifest-v1\n";
/// A stick manifest larger than this is refused unread (a stick of a few
/// hundred courses is well under 10 MiB).
const MAX_BYTES: u64 = 64 << 20;

/// One course of the set and the folder that holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StickManifestCourse {
    pub id: String,
    pub slug: String,
    pub revision: i64,
    /// `courses/<slug>/<key>`.
    pub folder: String,
}

/// What the organisation signs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StickManifest {
    pub format: String,
    pub format_version: String,
    pub generation: u64,
    pub written_at: String,
    pub app_version: String,
    pub languages: Vec<Lang>,
    pub organisation: ManifestOrg,
    /// `catalogue/data-<key>.js`.
    pub catalogue: String,
    pub courses: Vec<StickManifestCourse>,
    /// Every file under `Juntos/` except the manifests, sorted by path, unique.
    pub files: Vec<ManifestFile>,
}

/// The file on the stick.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Envelope {
    format: String,
    format_version: String,
    manifest: String,
    signature: String,
}

impl StickManifest {
    pub fn file(&self, path: &str) -> Option<&ManifestFile> {
        self.files.binary_search_by(|f| f.path.as_str().cmp(path)).ok().map(|i| &self.files[i])
    }

    /// The envelope's bytes: the manifest's text and the signature over it.
    pub fn signed_bytes(&self, key: &OrgKey) -> Vec<u8> {
        let text = String::from_utf8(serde_json::to_vec_pretty(self).expect("serialises"))
            .expect("JSON is UTF-8");
        let signature = key.sign(&[SIGNING_CONTEXT, text.as_bytes()].concat());
        let envelope = Envelope {
            format: FORMAT.into(),
            format_version: version_string(),
            manifest: text,
            signature: hex::encode(signature),
        };
        let mut bytes = serde_json::to_vec_pretty(&envelope).expect("serialises");
        bytes.push(b'\n');
        bytes
    }

    /// Reads and checks a manifest file: version first (a newer program's
    /// stick is "update", not "damaged"), then the signature, then the shape.
    pub fn read(path: &Path) -> Result<StickManifest> {
        let invalid = |detail: String| -> Error {
            StickError::ManifestInvalid { path: path.to_path_buf(), detail }.into()
        };
        let size = std::fs::metadata(path)
            .map_err(|_| Error::from(StickError::NotFound { path: path.to_path_buf() }))?
            .len();
        if size > MAX_BYTES {
            return Err(invalid(format!("{size} bytes is too large")));
        }
        let bytes =
            std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| invalid(e.to_string()))?;
        let found = value.get("format_version").and_then(|v| v.as_str()).unwrap_or("?");
        if value.get("format").and_then(|v| v.as_str()) != Some(FORMAT) {
            return Err(invalid("not a Juntos stick manifest".into()));
        }
        if found.split('.').next().and_then(|m| m.parse::<u64>().ok()) != Some(FORMAT_MAJOR) {
            return Err(StickError::VersionUnsupported {
                path: path.to_path_buf(),
                found: found.to_string(),
            }
            .into());
        }
        let envelope: Envelope =
            serde_json::from_value(value).map_err(|e| invalid(e.to_string()))?;
        let manifest: StickManifest =
            serde_json::from_str(&envelope.manifest).map_err(|e| invalid(e.to_string()))?;
        let public_key: [u8; 32] = hex::decode(&manifest.organisation.public_key)
            .ok()
            .and_then(|k| k.try_into().ok())
            .ok_or_else(|| invalid("the public key is not valid".into()))?;
        let signature: [u8; 64] = hex::decode(&envelope.signature)
            .ok()
            .and_then(|s| s.try_into().ok())
            .ok_or_else(|| invalid("the signature is not valid".into()))?;
        let message = [SIGNING_CONTEXT, envelope.manifest.as_bytes()].concat();
        if !keys::verify(&public_key, &message, &signature) {
            return Err(invalid("the signature does not match".into()));
        }
        manifest.validate().map_err(invalid)?;
        Ok(manifest)
    }

    fn validate(&self) -> std::result::Result<(), String> {
        let key: [u8; 32] = hex::decode(&self.organisation.public_key)
            .ok()
            .and_then(|k| k.try_into().ok())
            .ok_or("the public key is not valid")?;
        if keys::fingerprint(&key) != self.organisation.fingerprint {
            return Err("the fingerprint does not match the public key".into());
        }
        for pair in self.files.windows(2) {
            if pair[0].path >= pair[1].path {
                return Err("files are not sorted and unique".into());
            }
        }
        for file in &self.files {
            if crate::package::paths::check(file.path.as_bytes()).is_err() {
                return Err(format!("'{}' is not an allowed path", file.path));
            }
            if is_manifest_name(&file.path) || file.path.starts_with(INCOMING) {
                return Err(format!("'{}' cannot be listed", file.path));
            }
            if !crate::media::blob::is_sha256(&file.sha256) {
                return Err(format!("{} has no valid SHA-256", file.path));
            }
        }
        for course in &self.courses {
            if crate::package::paths::check(course.folder.as_bytes()).is_err()
                || !course.folder.starts_with("courses/")
            {
                return Err(format!("'{}' is not a course folder", course.folder));
            }
        }
        Ok(())
    }
}

/// The manifests' own names (never listed, never "extra").
pub fn is_manifest_name(path: &str) -> bool {
    path == MANIFEST
        || path == NEXT
        || (path.starts_with(PREV_PREFIX) && path.ends_with(".json") && !path.contains('/'))
        || path.ends_with(".partial") && !path.contains('/')
}

pub fn prev_name(generation: u64) -> String {
    format!("{PREV_PREFIX}{generation}.json")
}

pub fn version_string() -> String {
    format!("{FORMAT_MAJOR}.{FORMAT_MINOR}")
}
