//! The trust decision for a package's organisation, as a pure function.
//!
//! Keys are pinned: an organisation is known by its id and by its name
//! (folded for case and Unicode normalisation, so "Liga" and "LIGA" are the
//! same claim). The rules, in order:
//!
//! 1. our own key: accepted (our own package coming back);
//! 2. a trusted key: accepted, whatever name it now uses;
//! 3. a key claiming the id or name of a trusted organisation, or our own: refused;
//! 4. an unknown organisation: accepted only when the person said `--trust`.

use serde::{Deserialize, Serialize};

use crate::package::paths::collision_key;
use crate::package::Problem;

/// A key we accept packages from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrustedOrg {
    pub fingerprint: String,
    pub public_key: String,
    pub org_id: String,
    pub name: String,
    pub trusted_at: String,
}

/// The organisation a package claims to come from (from its signed manifest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim<'a> {
    pub org_id: &'a str,
    pub name: &'a str,
    pub fingerprint: &'a str,
}

/// What the library knows that bears on a claim.
pub struct Known<'a> {
    /// Our own `(id, name, fingerprint)`, when we have a key.
    pub own: Option<(&'a str, &'a str, &'a str)>,
    pub by_fingerprint: Option<TrustedOrg>,
    /// Trusted keys with the claim's id or folded name.
    pub same_org: Vec<TrustedOrg>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TrustDecision {
    /// Signed with this library's own key.
    Own,
    /// A key already trusted.
    Trusted,
    /// New, trusted now because the person said so.
    NewlyTrusted,
}

/// The folded form of an organisation name used to match claims.
pub fn name_key(name: &str) -> String {
    collision_key(name.trim())
}

pub fn decide(claim: &Claim, known: &Known, trust_new: bool) -> Result<TrustDecision, Problem> {
    if let Some((own_id, own_name, own_fp)) = known.own {
        if claim.fingerprint == own_fp {
            return Ok(TrustDecision::Own);
        }
        if claim.org_id == own_id
            || (!own_name.trim().is_empty() && name_key(claim.name) == name_key(own_name))
        {
            return Err(Problem::KeyChanged {
                name: claim.name.to_string(),
                known: own_fp.to_string(),
                found: claim.fingerprint.to_string(),
            });
        }
    }
    if known.by_fingerprint.is_some() {
        return Ok(TrustDecision::Trusted);
    }
    if let Some(other) = known.same_org.iter().find(|t| t.fingerprint != claim.fingerprint) {
        return Err(Problem::KeyChanged {
            name: claim.name.to_string(),
            known: other.fingerprint.clone(),
            found: claim.fingerprint.to_string(),
        });
    }
    if trust_new {
        Ok(TrustDecision::NewlyTrusted)
    } else {
        Err(Problem::UnknownOrganisation {
            name: claim.name.to_string(),
            fingerprint: super::grouped(claim.fingerprint),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted(fp: &str, id: &str, name: &str) -> TrustedOrg {
        TrustedOrg {
            fingerprint: fp.into(),
            public_key: String::new(),
            org_id: id.into(),
            name: name.into(),
            trusted_at: String::new(),
        }
    }

    #[test]
    fn rules_in_order() {
        let claim = Claim { org_id: "o1", name: "Liga", fingerprint: "f1" };
        let none = Known { own: None, by_fingerprint: None, same_org: vec![] };
        assert_eq!(decide(&claim, &none, false).unwrap_err().code(), "org_not_trusted");
        assert_eq!(decide(&claim, &none, true), Ok(TrustDecision::NewlyTrusted));
        let known = Known {
            own: None,
            by_fingerprint: Some(trusted("f1", "o1", "Liga")),
            same_org: vec![],
        };
        assert_eq!(decide(&claim, &known, false), Ok(TrustDecision::Trusted));
        let other_key =
            Known { own: None, by_fingerprint: None, same_org: vec![trusted("f0", "o1", "LIGA")] };
        assert_eq!(decide(&claim, &other_key, true).unwrap_err().code(), "org_key_changed");
        let own = Known { own: Some(("o9", "Liga", "f9")), by_fingerprint: None, same_org: vec![] };
        assert_eq!(decide(&claim, &own, true).unwrap_err().code(), "org_key_changed");
        let own_key = Claim { org_id: "o9", name: "Liga", fingerprint: "f9" };
        assert_eq!(decide(&own_key, &own, false), Ok(TrustDecision::Own));
    }
}
