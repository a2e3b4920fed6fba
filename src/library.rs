//! `Library`: a folder holding `library.db` and `media/`. This file holds
//! what every domain shares: opening, the one write path and the plumbing
//! (ids, timestamps). The operations themselves are grouped by domain, each
//! in its own `library_ops.rs` (`courses/`, `media/`, `package/`, `xliff/`,
//! `org/`, `results/`, `stick/`); see `docs/architecture.md`.
//!
//! Every change follows one path: load the course tree, change it in memory,
//! save the differences, bump the revision and rebuild the course's search
//! documents — all in one IMMEDIATE transaction. A change either happens whole
//! or not at all, and search, revision and content can never disagree.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::model::Course;
use crate::store::rows::{self, Table};
use crate::store::{self, open_database, search, OpenOptions, ReadOnlyCause};

pub const DATABASE_FILE: &str = "library.db";
pub const MEDIA_DIR: &str = "media";

pub struct Library {
    root: PathBuf,
    conn: Connection,
    options: OpenOptions,
    /// Set when the library could only be opened for reading (see `store/open.rs`).
    read_only: Option<ReadOnlyCause>,
}

impl Library {
    /// `$JUNTOS_LIBRARY` when set, else `<platform data folder>/juntos-studio`.
    pub fn default_location() -> PathBuf {
        match std::env::var_os("JUNTOS_LIBRARY") {
            Some(path) if !path.is_empty() => PathBuf::from(path),
            _ => dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("juntos-studio"),
        }
    }

    /// Opens the library in `root`, creating it (with the sample course) when
    /// the folder has no database yet.
    pub fn open(root: &Path) -> Result<Library> {
        Self::open_with(root, &OpenOptions::default())
    }

    pub fn open_with(root: &Path, options: &OpenOptions) -> Result<Library> {
        let db_path = root.join(DATABASE_FILE);
        let is_new = !db_path.exists();
        if is_new {
            prepare_folder(root)?;
        }
        let opened = open_database(&db_path, options)?;
        let mut library = Library {
            root: root.to_path_buf(),
            conn: opened.conn,
            options: options.clone(),
            read_only: opened.read_only,
        };
        if is_new {
            library.seed_sample()?;
        }
        // Leftovers of a crash are cleaned the next time the library can be written.
        if library.read_only.is_none() {
            library.after_open(is_new)?;
        }
        Ok(library)
    }

    /// Why the library could only be opened for reading, if so: every change
    /// is then refused with that cause (until it goes away, see `write`).
    pub fn read_only(&self) -> Option<ReadOnlyCause> {
        self.read_only
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn media_dir(&self) -> PathBuf {
        Self::media_dir_of(&self.root)
    }

    /// The blob store's folder of the library in `root`, for code that has
    /// the folder but not an open library (the app's media server).
    pub fn media_dir_of(root: &Path) -> PathBuf {
        root.join(MEDIA_DIR)
    }

    /// For the other modules of the core (media) that read with their own queries.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    fn seed_sample(&mut self) -> Result<()> {
        let course = crate::sample::sample_course()?;
        self.write(|tx| {
            if rows::course_keys(tx)?.is_empty() {
                rows::insert_course_tree(tx, &course)?;
                search::reindex_course(tx, &course)?;
            }
            Ok(())
        })
    }

    // ---- the one write path -------------------------------------------

    /// Loads a course, lets `f` change it in memory, then saves the
    /// differences, a new revision and the search documents in one transaction.
    pub(crate) fn change_course<T>(
        &mut self,
        course_id: &str,
        f: impl FnOnce(&Transaction, &mut Course) -> Result<T>,
    ) -> Result<T> {
        self.write(|tx| change_in(tx, course_id, f))
    }

    /// [`Library::change_course`] for the course holding a module, found
    /// inside the same transaction: a module deleted meanwhile (by another
    /// window or program) is `module_not_found`, never a panic.
    pub(crate) fn change_module_course<T>(
        &mut self,
        module_id: &str,
        f: impl FnOnce(&Transaction, &mut Course) -> Result<T>,
    ) -> Result<T> {
        self.write(|tx| {
            let course_id = rows::course_of_module(tx, module_id)?
                .ok_or_else(|| Error::ModuleNotFound { query: module_id.into() })?;
            change_in(tx, &course_id, f)
        })
    }

    /// [`Library::change_course`] for the course holding a lesson, found
    /// inside the same transaction (`lesson_not_found` when it is gone).
    pub(crate) fn change_lesson_course<T>(
        &mut self,
        lesson_id: &str,
        f: impl FnOnce(&Transaction, &mut Course) -> Result<T>,
    ) -> Result<T> {
        self.write(|tx| {
            let course_id = rows::course_of_lesson(tx, lesson_id)?
                .ok_or_else(|| Error::LessonNotFound { query: lesson_id.into() })?;
            change_in(tx, &course_id, f)
        })
    }

    /// Runs `f` in one IMMEDIATE transaction: committed when it returns Ok,
    /// rolled back entirely when it returns Err.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let db_path = self.root.join(DATABASE_FILE);
        if self.read_only.is_some() {
            // Opened for reading only: the disk may have room again, or the
            // stick may have been remounted; open again to find out.
            let opened = open_database(&db_path, &self.options)?;
            if let Some(cause) = opened.read_only {
                return Err(cause.error(&self.root));
            }
            self.conn = opened.conn;
            self.read_only = None;
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| store::classify(e, &db_path))?;
        // A full disk or a read-only file is the person's to fix, whether
        // SQLite notices it mid-change or at the commit.
        let out = f(&tx).map_err(|e| match e {
            Error::Database(e) => store::classify(e, &db_path),
            other => other,
        })?;
        tx.commit().map_err(|e| store::classify(e, &db_path))?;
        Ok(out)
    }
}

/// The write path inside a transaction: load, change in memory, save the
/// differences, raise the revision, reindex.
fn change_in<T>(
    tx: &Transaction,
    course_id: &str,
    f: impl FnOnce(&Transaction, &mut Course) -> Result<T>,
) -> Result<T> {
    let before = rows::load_course(tx, course_id)?
        .ok_or_else(|| Error::CourseNotFound { query: course_id.into() })?;
    let mut after = before.clone();
    let out = f(tx, &mut after)?;
    if after.has_new_multiline_title(&before) {
        return Err(Error::TitleMultiline);
    }
    if after != before {
        after.revision = before.revision + 1;
        after.updated_at = now();
        save_differences(tx, &before, &after)?;
        search::reindex_changes(tx, &before, &after)?;
    }
    Ok(out)
}

/// Writes what differs between two versions of the same course.
fn save_differences(tx: &Transaction, before: &Course, after: &Course) -> Result<()> {
    rows::update_course_row(tx, after)?;
    let after_modules: Vec<&str> = after.modules.iter().map(|m| m.id.as_str()).collect();
    let after_lessons: Vec<&str> = after.lessons().map(|l| l.id.as_str()).collect();
    for (position, module) in after.modules.iter().enumerate() {
        match before.modules.iter().find(|m| m.id == module.id) {
            None => rows::insert_module(tx, &after.id, position, module)?,
            Some(old) if old.title != module.title => rows::update_module_row(tx, module)?,
            Some(_) => {}
        }
        for (lesson_position, lesson) in module.lessons.iter().enumerate() {
            match find_lesson(before, &lesson.id) {
                None => rows::insert_lesson(tx, &module.id, lesson_position, lesson)?,
                Some((m, l)) => {
                    if before.modules[m].id != module.id {
                        rows::move_lesson_to_module(tx, &lesson.id, &module.id)?;
                    }
                    if before.modules[m].lessons[l] != *lesson {
                        rows::update_lesson(tx, lesson)?;
                    }
                }
            }
        }
        // An edit of a text keeps the order: no position to rewrite.
        let same_order = before.modules.iter().find(|m| m.id == module.id).is_some_and(|old| {
            old.lessons.iter().map(|l| &l.id).eq(module.lessons.iter().map(|l| &l.id))
        });
        if !same_order {
            let ids: Vec<String> = module.lessons.iter().map(|l| l.id.clone()).collect();
            rows::set_positions(tx, Table::Lessons, &ids)?;
        }
    }
    if !before.modules.iter().map(|m| m.id.as_str()).eq(after_modules.iter().copied()) {
        rows::set_positions(
            tx,
            Table::Modules,
            &after_modules.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )?;
    }
    // Deletions last, so that a lesson moved out of a removed module survives.
    for lesson in before.lessons().filter(|l| !after_lessons.contains(&l.id.as_str())) {
        rows::delete_lesson(tx, &lesson.id)?;
    }
    for module in before.modules.iter().filter(|m| !after_modules.contains(&m.id.as_str())) {
        rows::delete_module(tx, &module.id)?;
    }
    Ok(())
}

pub(crate) fn find_lesson(course: &Course, lesson_id: &str) -> Option<(usize, usize)> {
    course.modules.iter().enumerate().find_map(|(m, module)| {
        module.lessons.iter().position(|l| l.id == lesson_id).map(|l| (m, l))
    })
}

/// Creates the library folder and proves it is writable before SQLite is asked to.
fn prepare_folder(root: &Path) -> Result<()> {
    let not_writable = |source: std::io::Error| match source.raw_os_error() {
        Some(libc::ENOSPC) => Error::DiskFull { path: root.to_path_buf() },
        _ => Error::LibraryNotWritable { path: root.to_path_buf(), source },
    };
    std::fs::create_dir_all(Library::media_dir_of(root)).map_err(not_writable)?;
    tempfile_probe(root).map_err(not_writable)
}

fn tempfile_probe(root: &Path) -> std::io::Result<()> {
    let probe = root.join(format!(".write-probe-{}", std::process::id()));
    std::fs::write(&probe, b"")?;
    std::fs::remove_file(&probe)
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app's media server finds blobs from the library's folder alone:
    /// the same folder an open library stores them in.
    #[test]
    fn the_media_folder_of_a_root_is_the_library_media_folder() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(dir.path()).unwrap();
        assert_eq!(Library::media_dir_of(dir.path()), library.media_dir());
        assert!(Library::media_dir_of(dir.path()).is_dir());
    }
}
