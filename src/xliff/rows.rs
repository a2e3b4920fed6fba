//! SQL of XLIFF export records: what each unit's target was when a file
//! left the library (see the module documentation of `xliff`).

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::model::Lang;

pub fn insert_export(
    conn: &Connection,
    id: &str,
    course_id: &str,
    target: Lang,
    revision: i64,
    now: &str,
    units: &BTreeMap<String, String>,
) -> Result<()> {
    let units = serde_json::to_string(units).map_err(|e| Error::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO xliff_exports (id, course_id, target_lang, revision, exported_at, units)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, course_id, target.code(), revision, now, units],
    )?;
    Ok(())
}

/// The unit hashes of export `id`, only when it was made of `course_id` into `target`.
pub fn export_units(
    conn: &Connection,
    id: &str,
    course_id: &str,
    target: Lang,
) -> Result<Option<BTreeMap<String, String>>> {
    let units: Option<String> = conn
        .query_row(
            "SELECT units FROM xliff_exports WHERE id = ?1 AND course_id = ?2 AND target_lang = ?3",
            params![id, course_id, target.code()],
            |r| r.get(0),
        )
        .optional()?;
    units
        .map(|u| {
            serde_json::from_str(&u).map_err(|e| Error::Internal(format!("xliff export: {e}")))
        })
        .transpose()
}
