//! The organisation as methods of `Library`: identity, name, trust store.

use super::keys::OrgKey;
use super::rows;
use super::trust::{name_key, TrustedOrg};
use super::OrgIdentity;
use crate::error::{Error, Result};
use crate::library::{new_id, Library};

impl Library {
    /// Our organisation: id, name and key. Makes the key (and the identity
    /// row) on first use, for libraries created before keys existed.
    pub fn org_identity(&mut self) -> Result<OrgIdentity> {
        let key = OrgKey::load_or_create(self.root())?;
        let (id, name) = match rows::identity(self.conn())? {
            Some(row) => row,
            None => self.write(|tx| {
                rows::insert_identity(tx, &new_id(), "")?;
                Ok(rows::identity(tx)?.expect("identity row just written"))
            })?,
        };
        Ok(OrgIdentity {
            id,
            name,
            public_key: hex::encode(key.public_key()),
            fingerprint: key.fingerprint(),
        })
    }

    /// The identity when it already exists, without creating anything
    /// (import must not write to a library it may refuse to change).
    pub(crate) fn existing_org_identity(&self) -> Result<Option<OrgIdentity>> {
        let Some(key) = OrgKey::load(self.root())? else { return Ok(None) };
        let (id, name) = rows::identity(self.conn())?.unwrap_or_default();
        Ok(Some(OrgIdentity {
            id,
            name,
            public_key: hex::encode(key.public_key()),
            fingerprint: key.fingerprint(),
        }))
    }

    pub fn set_org_name(&mut self, name: &str) -> Result<OrgIdentity> {
        let name = name.trim();
        if !name.chars().any(char::is_alphanumeric) {
            return Err(Error::OrgNameMissing);
        }
        self.org_identity()?;
        self.write(|tx| rows::set_name(tx, name))?;
        self.org_identity()
    }

    /// Organisations whose packages this library accepts.
    pub fn trusted_organisations(&self) -> Result<Vec<TrustedOrg>> {
        rows::trusted(self.conn())
    }

    /// Stops trusting a key, named by fingerprint (or a unique prefix of at
    /// least 8 hex digits, spaces allowed) or by organisation name.
    pub fn untrust_organisation(&mut self, query: &str) -> Result<TrustedOrg> {
        let compact: String =
            query.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        let all = rows::trusted(self.conn())?;
        let matches: Vec<&TrustedOrg> = all
            .iter()
            .filter(|t| {
                (compact.len() >= 8 && t.fingerprint.starts_with(&compact))
                    || name_key(&t.name) == name_key(query)
            })
            .collect();
        match matches.as_slice() {
            [one] => {
                let one = (*one).clone();
                self.write(|tx| rows::delete_trusted(tx, &one.fingerprint))?;
                Ok(one)
            }
            [] => Err(Error::OrgNotFound { query: query.into() }),
            _ => Err(Error::OrgNotFound { query: format!("{query} (ambiguous)") }),
        }
    }

    pub(crate) fn ensure_org_key(&mut self) -> Result<()> {
        self.org_identity().map(|_| ())
    }
}
