//! Lesson bodies and notes are kept deflated in `library.db` (issue #15,
//! "a lean database"; migration 0011).
//!
//! Why: lesson text is nearly all of a library's bytes, and the search index
//! must keep positions (`detail=full`, which bm25 needs on a contentless
//! table; see migration 0006), so plain text plus its index came to 1.65×
//! the text on the 1,000-course bench library. Deflated, the same text takes
//! 2.0× less room on the sample course's real lessons (2.6× on the bench's
//! generated ones), and the database ends below the size of its text.
//!
//! Why deflate, per column: lessons are read and written one at a time
//! (an autosave writes one lesson; opening a course reads its lessons), so
//! each value is compressed on its own, with no dictionary to keep in step.
//! flate2 on the zlib-rs backend is already built for the zip crate; it
//! inflates a lesson in microseconds and deflates one in well under a
//! millisecond (`benches/library.rs`, autosave).
//!
//! The stored form: an empty text is an empty blob; any other text is one
//! format byte, [`DEFLATE`], then a raw deflate stream of its UTF-8. The
//! byte leaves room for another form later without guessing. Anything else
//! read back is a damaged library and is reported as such, never shown as
//! empty text.
//!
//! Titles, summaries and quizzes stay plain text: they are short (deflate
//! would not shrink them) and SQL reads titles directly for lists.

use std::io::{Read, Write};

use flate2::{read::DeflateDecoder, write::DeflateEncoder, Compression};
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::Connection;

/// The format byte of a deflated text.
const DEFLATE: u8 = 1;

/// A text as it is stored: see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedText(pub String);

/// The stored form of `text`.
pub fn pack(text: &str) -> Vec<u8> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(text.len() / 2 + 16);
    out.push(DEFLATE);
    let mut encoder = DeflateEncoder::new(out, Compression::default());
    // Writing to a Vec cannot fail.
    encoder.write_all(text.as_bytes()).expect("deflate into memory");
    encoder.finish().expect("deflate into memory")
}

/// The text a stored value holds, or why it holds none.
pub fn unpack(stored: &[u8]) -> Result<String, UnpackError> {
    let Some((&format, stream)) = stored.split_first() else {
        return Ok(String::new());
    };
    if format != DEFLATE {
        return Err(UnpackError::UnknownFormat(format));
    }
    let mut bytes = Vec::with_capacity(stream.len() * 3);
    DeflateDecoder::new(stream).read_to_end(&mut bytes).map_err(|_| UnpackError::Damaged)?;
    String::from_utf8(bytes).map_err(|_| UnpackError::NotUtf8)
}

/// Why a stored value could not be read back as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UnpackError {
    #[error("stored text has an unknown format byte {0}")]
    UnknownFormat(u8),
    #[error("stored text is not a whole deflate stream")]
    Damaged,
    #[error("stored text is not UTF-8 once inflated")]
    NotUtf8,
}

impl FromSql for PackedText {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Blob(bytes) => {
                unpack(bytes).map(PackedText).map_err(|e| FromSqlError::Other(Box::new(e)))
            }
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

impl ToSql for PackedText {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(pack(&self.0)))
    }
}

/// Registers `juntos_pack_text(text)` and `juntos_unpack_text(blob)` on a
/// connection: migration 0011 packs the existing text with the first, and
/// anyone reading `library.db` with SQL (tests, benches) reads it back with
/// the second. Both are deterministic and touch nothing but their argument.
pub fn register_sql_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("juntos_pack_text", 1, flags, |ctx| {
        let text: String = ctx.get(0)?;
        Ok(pack(&text))
    })?;
    conn.create_scalar_function("juntos_unpack_text", 1, flags, |ctx| {
        let PackedText(text) = ctx.get(0)?;
        Ok(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_back_as_it_went_in() {
        for text in ["", "a", "Ferver a água durante três minutos.", &"sessão ".repeat(2000)] {
            let stored = pack(text);
            assert_eq!(unpack(&stored).unwrap(), text);
        }
        assert!(pack("").is_empty(), "an empty text is an empty blob");
        let long = "Os participantes reúnem-se em grupo. ".repeat(100);
        assert!(pack(&long).len() * 10 < long.len(), "repeated text shrinks");
    }

    #[test]
    fn a_damaged_value_is_an_error_not_empty_text() {
        let stored = pack("Ferver a água durante três minutos.");
        assert_eq!(unpack(&[7, 1, 2, 3]), Err(UnpackError::UnknownFormat(7)));
        assert_eq!(unpack(&stored[..stored.len() / 2]), Err(UnpackError::Damaged));
        // A whole stream of bytes that are not UTF-8.
        let mut encoder = DeflateEncoder::new(vec![DEFLATE], Compression::default());
        encoder.write_all(&[0xff, 0xfe, 0x00]).unwrap();
        assert_eq!(unpack(&encoder.finish().unwrap()), Err(UnpackError::NotUtf8));
    }

    #[test]
    fn sql_functions_round_trip_and_refuse_text_where_a_blob_belongs() {
        let conn = Connection::open_in_memory().unwrap();
        register_sql_functions(&conn).unwrap();
        let back: String = conn
            .query_row(
                "SELECT juntos_unpack_text(juntos_pack_text('Educação cívica'))",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(back, "Educação cívica");
        let plain =
            conn.query_row("SELECT juntos_unpack_text('plain')", [], |r| r.get::<_, String>(0));
        assert!(plain.is_err(), "plain text is not a stored value: {plain:?}");
    }
}
