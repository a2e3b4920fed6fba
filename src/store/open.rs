//! The one place that opens a library database.
//!
//! It refuses rather than repairs: a file that is not SQLite, or that SQLite
//! cannot read, is reported and left byte-for-byte as it was (never deleted,
//! never recreated). A schema newer than this program is refused before
//! anything is written. Migrations run in one IMMEDIATE transaction, so a
//! crash mid-upgrade leaves the old schema intact.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use super::migrations::{LATEST, MIGRATIONS};
use crate::error::{Error, Result};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub struct OpenOptions {
    pub busy_timeout: Duration,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { busy_timeout: Duration::from_secs(5) }
    }
}

/// Opens (or creates) `library.db` at `db_path` and brings its schema up to date.
pub fn open_database(db_path: &Path, options: &OpenOptions) -> Result<Connection> {
    let exists = db_path.exists();
    if exists {
        check_header(db_path)?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | if exists { OpenFlags::empty() } else { OpenFlags::SQLITE_OPEN_CREATE };
    let conn = Connection::open_with_flags(db_path, flags).map_err(|e| classify(e, db_path))?;
    conn.busy_timeout(options.busy_timeout).map_err(|e| classify(e, db_path))?;

    // Read before writing anything: a damaged file fails here, untouched.
    let version: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .and_then(|_| conn.query_row("PRAGMA user_version", [], |r| r.get(0)))
        .map_err(|e| classify(e, db_path))?;
    if version > LATEST {
        return Err(Error::LibraryTooNew { found: version, supported: LATEST });
    }

    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
        .map_err(|e| classify(e, db_path))?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")
        .map_err(|e| classify(e, db_path))?;

    if version < LATEST {
        migrate(conn, db_path)
    } else {
        Ok(conn)
    }
}

fn migrate(mut conn: Connection, db_path: &Path) -> Result<Connection> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| classify(e, db_path))?;
    // Another process may have migrated while we waited for the lock.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > LATEST {
        return Err(Error::LibraryTooNew { found: version, supported: LATEST });
    }
    for (target, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > version) {
        tx.execute_batch(sql).map_err(|e| classify(e, db_path))?;
        tx.pragma_update(None, "user_version", target)?;
    }
    tx.commit().map_err(|e| classify(e, db_path))?;
    Ok(conn)
}

fn check_header(db_path: &Path) -> Result<()> {
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(db_path).map_err(|source| open_failure(db_path, source))?;
    match file.read_exact(&mut header) {
        Ok(()) if &header == SQLITE_HEADER => Ok(()),
        Ok(()) => Err(Error::LibraryCorrupt { path: db_path.to_path_buf() }),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(Error::LibraryCorrupt { path: db_path.to_path_buf() })
        }
        Err(source) => Err(Error::Io { path: db_path.to_path_buf(), source }),
    }
}

fn open_failure(path: &Path, source: std::io::Error) -> Error {
    if source.kind() == std::io::ErrorKind::PermissionDenied {
        Error::LibraryNotWritable { path: path.to_path_buf(), source }
    } else {
        Error::Io { path: path.to_path_buf(), source }
    }
}

/// Maps SQLite's failures on open to errors a person can act on.
pub fn classify(e: rusqlite::Error, db_path: &Path) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::LibraryLocked,
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            Error::LibraryCorrupt { path: db_path.to_path_buf() }
        }
        Some(ErrorCode::DiskFull) => {
            Error::DiskFull { path: db_path.parent().unwrap_or(db_path).to_path_buf() }
        }
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            Error::LibraryNotWritable {
                path: db_path.parent().unwrap_or(db_path).to_path_buf(),
                source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            }
        }
        _ => Error::Database(e),
    }
}
