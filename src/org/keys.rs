//! The organisation's Ed25519 key pair, kept in the library folder.
//!
//! Every package is signed with it, so a partner can tell that a course
//! really comes from us and was not changed on the way. The private key is a
//! small text file (`keys/org.key`) readable only by its owner, written once
//! (temp file, fsync, then linked into place so that two programs creating it
//! at the same moment cannot overwrite each other's key) and never replaced.
//! Anyone holding this file can sign as the organisation: it is backed up
//! with the library and never leaves it.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::atomic_file::sync_dir;
use crate::error::{Error, Result};

pub const KEYS_DIR: &str = "keys";
pub const KEY_FILE: &str = "org.key";
const HEADER: &str = "JUNTOS ED25519 SECRET KEY v1";

/// The organisation's signing key.
pub struct OrgKey {
    signing: SigningKey,
}

impl OrgKey {
    pub fn path(root: &Path) -> PathBuf {
        root.join(KEYS_DIR).join(KEY_FILE)
    }

    /// The key of the library in `root`, made now if it has none.
    pub fn load_or_create(root: &Path) -> Result<OrgKey> {
        match Self::load(root)? {
            Some(key) => Ok(key),
            None => Self::create(root),
        }
    }

    /// The key, or `None` when the library has none yet.
    pub fn load(root: &Path) -> Result<Option<OrgKey>> {
        let path = Self::path(root);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) if e.kind() == ErrorKind::InvalidData => {
                return Err(Error::OrgKeyInvalid { path, reason: "not text".into() })
            }
            Err(source) => return Err(Error::Io { path, source }),
        };
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Err(Error::OrgKeyInvalid { path, reason: "unknown header".into() });
        }
        let seed = lines
            .next()
            .and_then(|hex_seed| hex::decode(hex_seed.trim()).ok())
            .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
            .ok_or_else(|| Error::OrgKeyInvalid {
                path: path.clone(),
                reason: "bad key bytes".into(),
            })?;
        restrict_permissions(&path);
        Ok(Some(OrgKey { signing: SigningKey::from_bytes(&seed) }))
    }

    fn create(root: &Path) -> Result<OrgKey> {
        let dir = root.join(KEYS_DIR);
        create_private_dir(&dir)
            .map_err(|source| Error::LibraryNotWritable { path: dir.clone(), source })?;
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| Error::Internal(format!("no random numbers: {e}")))?;
        let key = OrgKey { signing: SigningKey::from_bytes(&seed) };
        let path = Self::path(root);
        let temp = dir.join(format!(".{KEY_FILE}.{}-{}", std::process::id(), uuid::Uuid::new_v4()));
        let io = |source| Error::Io { path: temp.clone(), source };
        let text = format!("{HEADER}\n{}\n", hex::encode(seed));
        let written = (|| -> std::io::Result<()> {
            let mut file = private_file(&temp)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            return Err(io(e));
        }
        // A hard link never replaces an existing file: if another program
        // made a key first, theirs wins and we use it.
        let linked = fs::hard_link(&temp, &path);
        let _ = fs::remove_file(&temp);
        match linked {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                return Self::load(root)?.ok_or_else(|| Error::Internal("key vanished".into()));
            }
            Err(_) => {
                // File systems without hard links: write in place, refusing to overwrite.
                let mut file = match private_file(&path) {
                    Ok(file) => file,
                    Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                        return Self::load(root)?
                            .ok_or_else(|| Error::Internal("key vanished".into()));
                    }
                    Err(source) => return Err(Error::Io { path, source }),
                };
                file.write_all(text.as_bytes())
                    .and_then(|_| file.sync_all())
                    .map_err(|source| Error::Io { path: path.clone(), source })?;
            }
        }
        sync_dir(&dir);
        Ok(key)
    }

    pub fn public_key(&self) -> [u8; 32] {
        self.signing.verifying_key().to_bytes()
    }

    pub fn fingerprint(&self) -> String {
        fingerprint(&self.public_key())
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

/// Hex SHA-256 of the 32 public key bytes: what people compare by phone.
pub fn fingerprint(public_key: &[u8; 32]) -> String {
    hex::encode(Sha256::digest(public_key))
}

/// `3F2A 9C01 …`: a fingerprint as people read it aloud, in groups of four.
pub fn grouped(fingerprint: &str) -> String {
    let upper = fingerprint.to_ascii_uppercase();
    let groups: Vec<&str> =
        upper.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
    groups.join(" ")
}

/// Checks a signature with the strict rules (no malleable or small-order keys).
pub fn verify(public_key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(public_key) else { return false };
    key.verify_strict(message, &Signature::from_bytes(signature)).is_ok()
}

fn private_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// A key file others can read is tightened back to owner-only.
fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_owner_only_and_signs() {
        let dir = tempfile::tempdir().unwrap();
        assert!(OrgKey::load(dir.path()).unwrap().is_none());
        let key = OrgKey::load_or_create(dir.path()).unwrap();
        let again = OrgKey::load_or_create(dir.path()).unwrap();
        assert_eq!(key.public_key(), again.public_key());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(OrgKey::path(dir.path())).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let sig = key.sign(b"hello");
        assert!(verify(&key.public_key(), b"hello", &sig));
        assert!(!verify(&key.public_key(), b"hellO", &sig));
        assert_eq!(grouped("abcd1234ef"), "ABCD 1234 EF");
        let leftovers: Vec<_> = fs::read_dir(dir.path().join(KEYS_DIR)).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp file left");
    }
}
