//! The trust decision for a package's organisation, as a pure function.
//!
//! Keys are pinned: an organisation is known by its id and by its name
//! (folded for case and Unicode normalisation, so "Liga" and "LIGA" are the
//! same claim). The rules, in order:
//!
//! 1. our own key: accepted (our own package coming back);
//! 2. a trusted key: accepted, whatever name it now uses;
//! 3. a key claiming the id or name of a trusted organisation, or our own: refused;
//! 4. a key whose name only *looks like* a trusted organisation's (or ours):
//!    refused, unless the person accepted this different organisation by its
//!    fingerprint after seeing both (`--trust-different-organisation FP`);
//! 5. an unknown organisation: accepted only when the person said `--trust`.
//!
//! "Looks like" is [`looks_alike`]: Unicode NFKC, the UTS #39 confusable
//! skeleton (from the `unicode-security` crate, so a Cyrillic А is a Latin
//! A), case folded, accents removed, runs of white space as one space. Two
//! names with the same lookalike key but different exact keys are two
//! organisations a person cannot tell apart on screen.

use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

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
    /// Trusted keys whose name [`looks_alike`] the claim's.
    pub lookalikes: Vec<TrustedOrg>,
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

/// The forms of a name under which two names a person cannot tell apart on
/// screen are equal (see the module documentation). Two forms, because UTS
/// #39 skeletons are case-sensitive: folding case first catches
/// `ASSOCIAÇÃO` against `Associação`, the skeleton first catches `lnstituto`
/// (a small L) against `Instituto`.
pub fn lookalike_keys(name: &str) -> [String; 2] {
    let nfkc: String = name.nfkc().collect();
    let plain = |s: &str| -> String {
        s.nfd().flat_map(char::to_lowercase).filter(|c| !is_combining_mark(*c)).collect()
    };
    let skeleton = |s: &str| -> String { unicode_security::skeleton(s).collect() };
    let spaces = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let folded_first = plain(&skeleton(&plain(&nfkc)));
    let skeleton_first = plain(&skeleton(&nfkc));
    [spaces(folded_first), spaces(skeleton_first)]
}

/// Whether two organisation names look alike (either lookalike key equal).
pub fn looks_alike(a: &str, b: &str) -> bool {
    let (a, b) = (lookalike_keys(a), lookalike_keys(b));
    a.iter().zip(&b).any(|(x, y)| !x.is_empty() && x == y)
}

/// Whether `accepted` (as a person typed it: any case, spaces or colons
/// between groups) names `fingerprint`.
pub fn same_fingerprint(accepted: &str, fingerprint: &str) -> bool {
    let typed: String = accepted
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    !typed.is_empty() && typed == fingerprint.to_ascii_lowercase()
}

/// Decides on a claim. `accept_different` is the fingerprint the person
/// accepted as a *different* organisation from a lookalike trusted one.
pub fn decide(
    claim: &Claim,
    known: &Known,
    trust_new: bool,
    accept_different: Option<&str>,
) -> Result<TrustDecision, Problem> {
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
    let accepted = accept_different.is_some_and(|fp| same_fingerprint(fp, claim.fingerprint));
    let own_lookalike =
        known.own.filter(|(_, name, _)| !name.trim().is_empty() && looks_alike(name, claim.name));
    let lookalike =
        own_lookalike.map(|(_, name, fp)| (name.to_string(), fp.to_string())).or_else(|| {
            known
                .lookalikes
                .iter()
                .find(|t| t.fingerprint != claim.fingerprint)
                .map(|t| (t.name.clone(), t.fingerprint.clone()))
        });
    if let Some((known_name, known_fp)) = lookalike {
        if !accepted {
            return Err(Problem::LookalikeOrganisation {
                name: claim.name.to_string(),
                known_name,
                known: super::grouped(&known_fp),
                found: super::grouped(claim.fingerprint),
            });
        }
        return Ok(TrustDecision::NewlyTrusted);
    }
    if trust_new || accepted {
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
        let none = Known { own: None, by_fingerprint: None, same_org: vec![], lookalikes: vec![] };
        assert_eq!(decide(&claim, &none, false, None).unwrap_err().code(), "org_not_trusted");
        assert_eq!(decide(&claim, &none, true, None), Ok(TrustDecision::NewlyTrusted));
        let known = Known {
            own: None,
            by_fingerprint: Some(trusted("f1", "o1", "Liga")),
            same_org: vec![],
            lookalikes: vec![],
        };
        assert_eq!(decide(&claim, &known, false, None), Ok(TrustDecision::Trusted));
        let other_key = Known {
            own: None,
            by_fingerprint: None,
            same_org: vec![trusted("f0", "o1", "LIGA")],
            lookalikes: vec![],
        };
        assert_eq!(decide(&claim, &other_key, true, None).unwrap_err().code(), "org_key_changed");
        let own = Known {
            own: Some(("o9", "Liga", "f9")),
            by_fingerprint: None,
            same_org: vec![],
            lookalikes: vec![],
        };
        assert_eq!(decide(&claim, &own, true, None).unwrap_err().code(), "org_key_changed");
        let own_key = Claim { org_id: "o9", name: "Liga", fingerprint: "f9" };
        assert_eq!(decide(&own_key, &own, false, None), Ok(TrustDecision::Own));
    }

    #[test]
    fn lookalike_names_share_a_key() {
        let real = "Associação Kuyakana";
        for name in [
            "Associação  Kuyakana",
            "Associacao Kuyakana",
            "\u{0410}ssociação Kuyakana",
            "ASSOCIAÇÃO KUYAKANA",
            "Associac\u{0327}a\u{0303}o Kuyakana",
            "Associação\u{00A0}Kuyakana",
        ] {
            assert!(looks_alike(name, real), "{name}");
        }
        assert!(looks_alike("lnstituto Ubuntu", "Instituto Ubuntu"));
        assert!(!looks_alike("Associação Kuyakana Norte", real));
        assert!(!looks_alike("Liga dos Direitos", real));
    }

    #[test]
    fn a_lookalike_is_refused_unless_accepted_by_fingerprint() {
        let claim = Claim { org_id: "o2", name: "Associacao Kuyakana", fingerprint: "ab12" };
        let known = Known {
            own: None,
            by_fingerprint: None,
            same_org: vec![],
            lookalikes: vec![trusted("cd34", "o1", "Associação Kuyakana")],
        };
        let refused = decide(&claim, &known, true, None).unwrap_err();
        assert_eq!(refused.code(), "org_lookalike");
        assert!(decide(&claim, &known, true, Some("ffff")).is_err());
        assert_eq!(decide(&claim, &known, false, Some("AB 12")), Ok(TrustDecision::NewlyTrusted));
    }
}
