//! Who made a package, and whether we believe them.
//!
//! Each library is one organisation with one Ed25519 key pair ([`keys`]).
//! Packages carry the organisation's id, name and public key, signed with
//! the private key. Signatures alone prove only "whoever holds this key"; the
//! [`trust`] store adds "and we decided that key is this partner": the first
//! package from an organisation needs a person's explicit yes (after checking
//! the fingerprint out of band), and afterwards a package that claims the same
//! organisation with another key is refused.

pub mod keys;
mod library_ops;
pub(crate) mod rows;
pub mod trust;

use serde::{Deserialize, Serialize};

pub use keys::{fingerprint, grouped, OrgKey};
pub use trust::{TrustDecision, TrustedOrg};

/// This library's organisation, as `juntos org show` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrgIdentity {
    pub id: String,
    /// Empty until set with `juntos org set --name`.
    pub name: String,
    /// Hex of the 32-byte Ed25519 public key.
    pub public_key: String,
    /// Hex SHA-256 of the public key.
    pub fingerprint: String,
}
