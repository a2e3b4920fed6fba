//! SQL for the organisation identity and the trust store.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::trust::TrustedOrg;
use crate::error::Result;

/// `(id, name)` of our organisation, when the row exists.
pub fn identity(conn: &Connection) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row("SELECT id, name FROM org_identity WHERE singleton = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

pub fn insert_identity(conn: &Connection, id: &str, name: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO org_identity (singleton, id, name) VALUES (1, ?1, ?2) ON CONFLICT (singleton) DO NOTHING",
        params![id, name],
    )?;
    Ok(())
}

pub fn set_name(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("UPDATE org_identity SET name = ?1 WHERE singleton = 1", [name])?;
    Ok(())
}

fn trusted_row(r: &Row) -> rusqlite::Result<TrustedOrg> {
    Ok(TrustedOrg {
        fingerprint: r.get("fingerprint")?,
        public_key: r.get("public_key")?,
        org_id: r.get("org_id")?,
        name: r.get("name")?,
        trusted_at: r.get("trusted_at")?,
    })
}

pub fn trusted(conn: &Connection) -> Result<Vec<TrustedOrg>> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM trusted_orgs ORDER BY name_key, fingerprint")?;
    let rows = stmt.query_map([], trusted_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn trusted_by_fingerprint(conn: &Connection, fingerprint: &str) -> Result<Option<TrustedOrg>> {
    Ok(conn
        .query_row("SELECT * FROM trusted_orgs WHERE fingerprint = ?1", [fingerprint], trusted_row)
        .optional()?)
}

/// Trusted keys that belong to the same organisation by id or by folded name.
pub fn trusted_same_org(
    conn: &Connection,
    org_id: &str,
    name_key: &str,
) -> Result<Vec<TrustedOrg>> {
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM trusted_orgs WHERE org_id = ?1 OR (name_key = ?2 AND name_key != '') ORDER BY fingerprint",
    )?;
    let rows = stmt.query_map(params![org_id, name_key], trusted_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Records trust in a key, or refreshes the name of an already trusted one.
pub fn upsert_trusted(conn: &Connection, org: &TrustedOrg, name_key: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO trusted_orgs (fingerprint, public_key, org_id, name, name_key, trusted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, name_key = excluded.name_key",
        params![org.fingerprint, org.public_key, org.org_id, org.name, name_key, org.trusted_at],
    )?;
    Ok(())
}

pub fn delete_trusted(conn: &Connection, fingerprint: &str) -> Result<usize> {
    Ok(conn.execute("DELETE FROM trusted_orgs WHERE fingerprint = ?1", [fingerprint])?)
}
