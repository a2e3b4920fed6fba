//! `manifest.json`: what a package holds and who made it, and
//! `manifest.sig`: the organisation's Ed25519 signature over it.
//!
//! The signature covers the exact bytes of `manifest.json` (prefixed by a
//! domain string, so a signature made for anything else can never pass as a
//! package signature). The manifest lists every other entry with its size and
//! SHA-256, so one valid signature vouches for every byte of the package.

use serde::{Deserialize, Serialize};

use super::problem::Problem;
use crate::model::Lang;
use crate::org::keys;

pub const MANIFEST: &str = "manifest.json";
pub const SIGNATURE: &str = "manifest.sig";
pub const COURSE: &str = "course.json";
pub const INDEX: &str = "index.html";
pub const MEDIA_DIR: &str = "media/";
pub const PLAYER_DIR: &str = "player/";

pub const FORMAT: &str = "juntos-package";
/// A reader refuses a package whose major version it does not know.
pub const FORMAT_MAJOR: u64 = 1;
/// Minor versions only add: a 1.x reader reads any 1.y package. 1.1 added
/// prepared videos (`media[].prepared` in `course.json`) and their poster
/// entries (`media/<sha256>.jpeg`); see [`version_for`].
pub const FORMAT_MINOR: u64 = 1;

const SIGNING_CONTEXT: &[u8] = b"juntos-package-manifest-v1\n";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `juntos-package`.
    pub format: String,
    /// `MAJOR.MINOR`.
    pub format_version: String,
    pub course: ManifestCourse,
    /// Languages whose text the package carries.
    pub languages: Vec<Lang>,
    pub organisation: ManifestOrg,
    /// Every entry except `manifest.json` and `manifest.sig`, sorted by path.
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestCourse {
    pub id: String,
    pub slug: String,
    pub revision: i64,
    pub source_lang: Lang,
    pub title_pt: String,
    pub title_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestOrg {
    pub id: String,
    pub name: String,
    /// Hex of the 32-byte Ed25519 public key.
    pub public_key: String,
    /// Hex SHA-256 of the public key.
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub path: String,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
}

impl Manifest {
    /// The bytes written as `manifest.json` (and signed): pretty, stable field order.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a manifest always serialises");
        bytes.push(b'\n');
        bytes
    }

    /// Checks what the types cannot: the format, a fingerprint that matches
    /// the key, sorted unique paths, hex hashes.
    pub fn validate(&self) -> Result<[u8; 32], Problem> {
        let invalid = |detail: &str| Problem::ManifestInvalid { detail: detail.to_string() };
        if self.format != FORMAT {
            return Err(invalid("not a Juntos Studio package manifest"));
        }
        let key: [u8; 32] = hex::decode(&self.organisation.public_key)
            .ok()
            .and_then(|k| k.try_into().ok())
            .ok_or_else(|| invalid("the public key is not 32 hex-encoded bytes"))?;
        if keys::fingerprint(&key) != self.organisation.fingerprint {
            return Err(invalid("the fingerprint does not match the public key"));
        }
        if self.organisation.name.trim().is_empty() || self.organisation.id.trim().is_empty() {
            return Err(invalid("the organisation has no name or id"));
        }
        if self.languages.is_empty() {
            return Err(invalid("no languages"));
        }
        for pair in self.files.windows(2) {
            if pair[0].path >= pair[1].path {
                return Err(invalid("files are not sorted and unique"));
            }
        }
        for file in &self.files {
            if file.path == MANIFEST || file.path == SIGNATURE {
                return Err(invalid("the manifest lists itself or its signature"));
            }
            if !crate::media::blob::is_sha256(&file.sha256) {
                return Err(invalid(&format!("{} has no valid SHA-256", file.path)));
            }
        }
        Ok(key)
    }

    pub fn file(&self, path: &str) -> Option<&ManifestFile> {
        self.files.binary_search_by(|f| f.path.as_str().cmp(path)).ok().map(|i| &self.files[i])
    }
}

/// What is signed: a domain string, then the manifest bytes.
pub fn signing_message(manifest_bytes: &[u8]) -> Vec<u8> {
    [SIGNING_CONTEXT, manifest_bytes].concat()
}

/// `manifest.sig` holds the 64-byte signature as 128 lowercase hex digits.
pub fn encode_signature(signature: &[u8; 64]) -> Vec<u8> {
    hex::encode(signature).into_bytes()
}

pub fn decode_signature(bytes: &[u8]) -> Option<[u8; 64]> {
    let text = std::str::from_utf8(bytes).ok()?.trim_end_matches(['\n', '\r']);
    hex::decode(text).ok()?.try_into().ok()
}

/// Reads `format_version` and refuses an unknown major version. Runs before
/// the signature check so that a package from a newer program gets "update
/// Juntos Studio" rather than "damaged".
pub fn check_version(value: &serde_json::Value) -> Result<(), Problem> {
    let found = value.get("format_version").and_then(|v| v.as_str()).unwrap_or("?");
    let major = found.split('.').next().and_then(|m| m.parse::<u64>().ok());
    if value.get("format").and_then(|v| v.as_str()) != Some(FORMAT) {
        return Err(Problem::ManifestInvalid {
            detail: "not a Juntos Studio package manifest".into(),
        });
    }
    match major {
        Some(FORMAT_MAJOR) => Ok(()),
        _ => Err(Problem::UnsupportedVersion { found: found.to_string() }),
    }
}

/// The newest version this program writes.
pub fn version_string() -> String {
    format!("{FORMAT_MAJOR}.{FORMAT_MINOR}")
}

/// The version a package declares: the lowest that describes what it
/// carries. `1.1` when a video in it was prepared (it has a recipe and may
/// have a poster entry, which a 1.0 reader refuses as unused), else `1.0`,
/// so a package without prepared videos stays byte for byte what 1.0 wrote.
pub fn version_for(course: &super::course_file::PackageCourse) -> String {
    let minor = if course.media.iter().any(|m| m.prepared.is_some()) { FORMAT_MINOR } else { 0 };
    format!("{FORMAT_MAJOR}.{minor}")
}
