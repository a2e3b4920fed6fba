//! The one place that opens a library database.
//!
//! It refuses rather than repairs: a file that is not SQLite, or that SQLite
//! cannot read, is reported and left byte-for-byte as it was (never deleted,
//! never recreated). A schema newer than this program is refused before
//! anything is written. Migrations run in one IMMEDIATE transaction, so a
//! crash mid-upgrade leaves the old schema intact.
//!
//! A library that cannot be written to (a read-only disk, another person's
//! folder, a full disk) is still opened, for reading only: what it holds can
//! be read, searched, rendered and exported, and only changes are refused,
//! naming the real cause. Such an open writes nothing at all, not even
//! SQLite's `-shm` index: where that file is absent and the WAL is empty it
//! opens with `immutable=1` (SQLite then reads the main file alone, the whole
//! truth when the WAL is empty); where another program has the library open
//! (`-shm` present) it reads alongside it with `mode=ro`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use super::migrations::{LATEST, MIGRATIONS};
use super::packed_text;
use crate::error::{Error, Result};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Below this much free space a library opens for reading only: SQLite's
/// `-shm` index alone needs 32 KiB, and a change needs room in the WAL.
const MIN_FREE_TO_WRITE: u64 = 256 * 1024;

#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub busy_timeout: Duration,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { busy_timeout: Duration::from_secs(5) }
    }
}

/// Why a library was opened for reading only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnlyCause {
    /// The disk is mounted read-only (a write-protected stick, a read-only share).
    ReadOnlyFileSystem,
    /// The folder or the database belongs to someone else.
    PermissionDenied,
    /// The disk holding the library is full.
    DiskFull,
}

impl ReadOnlyCause {
    /// The error a change gets while the cause lasts.
    pub fn error(self, root: &Path) -> Error {
        let raw = match self {
            ReadOnlyCause::DiskFull => return Error::DiskFull { path: root.to_path_buf() },
            ReadOnlyCause::ReadOnlyFileSystem => libc::EROFS,
            ReadOnlyCause::PermissionDenied => libc::EACCES,
        };
        Error::LibraryNotWritable {
            path: root.to_path_buf(),
            source: std::io::Error::from_raw_os_error(raw),
        }
    }
}

/// An open database, and whether it could only be opened for reading.
pub struct Opened {
    pub conn: Connection,
    pub read_only: Option<ReadOnlyCause>,
}

/// Opens (or creates) `library.db` at `db_path` and brings its schema up to date.
pub fn open_database(db_path: &Path, options: &OpenOptions) -> Result<Opened> {
    let exists = db_path.exists();
    if exists {
        check_header(db_path)?;
        if let Some(cause) = cannot_write(db_path) {
            let conn = open_read_only(db_path, options, cause)?;
            return Ok(Opened { conn, read_only: Some(cause) });
        }
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | if exists { OpenFlags::empty() } else { OpenFlags::SQLITE_OPEN_CREATE };
    let conn = Connection::open_with_flags(db_path, flags).map_err(|e| classify(e, db_path))?;
    conn.busy_timeout(options.busy_timeout).map_err(|e| classify(e, db_path))?;
    // Migration 0011 packs lesson text with it.
    packed_text::register_sql_functions(&conn).map_err(|e| classify(e, db_path))?;

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

    let conn = if version < LATEST {
        let conn = migrate(conn, db_path)?;
        if version > 0 {
            give_back_freed_space(&conn);
        }
        conn
    } else {
        conn
    };
    Ok(Opened { conn, read_only: None })
}

/// Why nothing can be written next to `db_path`, if so; asked before SQLite
/// is, so that a library that can only be read gets no `-shm` file.
fn cannot_write(db_path: &Path) -> Option<ReadOnlyCause> {
    let dir = folder_of(db_path);
    for path in [dir.as_path(), db_path] {
        if let Err(e) = access_for_writing(path) {
            return Some(match e.raw_os_error() {
                Some(libc::EROFS) => ReadOnlyCause::ReadOnlyFileSystem,
                _ => ReadOnlyCause::PermissionDenied,
            });
        }
    }
    // A disk that reports no size (FUSE, phones over MTP) is not called full.
    match fs4::available_space(&dir) {
        Ok(free) if free < MIN_FREE_TO_WRITE && fs4::total_space(&dir).unwrap_or(0) > 0 => {
            Some(ReadOnlyCause::DiskFull)
        }
        _ => None,
    }
}

#[cfg(unix)]
fn access_for_writing(path: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    // SAFETY: a valid NUL-terminated path; access() only reads it.
    if unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(unix))]
fn access_for_writing(path: &Path) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if m.permissions().readonly() && m.is_file() => {
            Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
        }
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Opens for reading only, writing nothing (see the module docs).
fn open_read_only(
    db_path: &Path,
    options: &OpenOptions,
    cause: ReadOnlyCause,
) -> Result<Connection> {
    let sidecar = |suffix: &str| {
        let mut name = db_path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let shm_present = sidecar("-shm").exists();
    let wal_empty = std::fs::metadata(sidecar("-wal")).map(|m| m.len() == 0).unwrap_or(true);
    let mode = if !shm_present && wal_empty { "immutable=1" } else { "mode=ro" };
    let uri = format!("file:{}?{mode}", uri_path(db_path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let not_readable = |e: rusqlite::Error| match classify(e, db_path) {
        // SQLite could not build its index beside a database whose WAL holds
        // changes: say why the library cannot be written, that is the cause.
        Error::LibraryNotWritable { .. } | Error::DiskFull { .. } | Error::Database(_) => {
            cause.error(&folder_of(db_path))
        }
        other => other,
    };
    let conn = Connection::open_with_flags(uri, flags).map_err(not_readable)?;
    conn.busy_timeout(options.busy_timeout).map_err(not_readable)?;
    packed_text::register_sql_functions(&conn).map_err(not_readable)?;
    let version: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .and_then(|_| conn.query_row("PRAGMA user_version", [], |r| r.get(0)))
        .map_err(not_readable)?;
    if version > LATEST {
        return Err(Error::LibraryTooNew { found: version, supported: LATEST });
    }
    if version < LATEST {
        // An older library needs its schema upgraded before this program can read it.
        return Err(cause.error(&folder_of(db_path)));
    }
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA query_only = ON;")
        .map_err(not_readable)?;
    Ok(conn)
}

/// A path as the path part of an SQLite `file:` URI (`?`, `#` and `%` escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            '\\' => out.push('/'),
            c => out.push(c),
        }
    }
    out
}

fn folder_of(db_path: &Path) -> PathBuf {
    match db_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
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

/// After a migration that rebuilt a large table (0011 rewrote every lesson
/// deflated), most of the file can be free pages: SQLite reuses them but
/// never shrinks the file by itself. If a quarter or more of it is free,
/// `VACUUM` rewrites it compactly, once, right after the upgrade.
///
/// Best effort by design: the migration is already committed and the
/// library is whole either way. If another process holds the database, or
/// the disk has no room for the copy VACUUM writes, SQLite rolls the VACUUM
/// back, the free pages stay for later writes, and the open goes on.
fn give_back_freed_space(conn: &Connection) {
    let pages = |pragma: &str| conn.query_row(pragma, [], |r| r.get::<_, i64>(0)).unwrap_or(0);
    let (free, total) = (pages("PRAGMA freelist_count"), pages("PRAGMA page_count"));
    if total > 0 && free * 4 >= total {
        let _ = conn.execute_batch("VACUUM");
    }
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

/// Maps SQLite's failures to errors a person can act on, wherever they
/// surface: on open, mid-change or at a commit.
pub fn classify(e: rusqlite::Error, db_path: &Path) -> Error {
    let dir = folder_of(db_path);
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::LibraryLocked,
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            Error::LibraryCorrupt { path: db_path.to_path_buf() }
        }
        Some(ErrorCode::DiskFull) => Error::DiskFull { path: dir },
        // SQLite says "disk I/O error" when a write (often to `-shm` or the
        // WAL) hit a full disk.
        Some(ErrorCode::SystemIoFailure) if disk_is_full(&dir) => Error::DiskFull { path: dir },
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            let cause = cannot_write(db_path).unwrap_or(ReadOnlyCause::PermissionDenied);
            cause.error(&dir)
        }
        _ => Error::Database(e),
    }
}

fn disk_is_full(dir: &Path) -> bool {
    fs4::available_space(dir).is_ok_and(|free| free < MIN_FREE_TO_WRITE)
        && fs4::total_space(dir).unwrap_or(0) > 0
}
