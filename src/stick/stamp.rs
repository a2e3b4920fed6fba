//! The modification time a write gives each content-named file it puts on
//! (or keeps on) a stick, so that a rewrite can trust a file without reading
//! it back, yet not a file someone replaced by other bytes of the same size.
//!
//! A rewrite must not read a 1 GiB video back from a stick every time (the
//! rewrite after one lesson changed must take seconds), so it trusts a
//! media file by name and size when the file still carries the stamp of a
//! signed set that lists it: the second of that set's `written_at`, plus
//! hundredths of a second taken from the file's SHA-256. Any program that
//! writes the file afterwards (a copy, an editor, a file manager) gives it
//! another time — the current one, or the time of the file it copied, which
//! matches the stamp only by deliberate forgery; such a file is hashed and,
//! when its bytes are not the set's, written again. What the stamp cannot
//! catch (a forged time) `stick verify` and import do: they read every byte.
//!
//! exFAT keeps modification times to 10 ms, which is why hundredths; FAT
//! keeps them to 2 s (rounded down), so on FAT the stamp is matched as the
//! even second before it (a file written over in that second goes unseen).
//! A file system that keeps whole seconds otherwise (old HFS+, ext3) never
//! matches: every file is hashed, slower but never wrong. A stick whose times moved (FAT
//! stores local time: a stick read under another time zone) only costs a
//! slower rewrite: every file is then hashed, none is trusted wrongly.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The stamp of a file of SHA-256 `sha256` written by the set of `written_at`
/// (RFC 3339, as in the manifest).
pub fn stamp(written_at: &str, sha256: &str) -> Option<SystemTime> {
    let t = time::OffsetDateTime::parse(written_at, &time::format_description::well_known::Rfc3339)
        .ok()?;
    let seconds = u64::try_from(t.unix_timestamp()).ok()?;
    let hundredths = u64::from_str_radix(sha256.get(..4)?, 16).ok()? % 100;
    Some(UNIX_EPOCH + Duration::from_secs(seconds) + Duration::from_millis(10 * hundredths))
}

/// Whether `modified` is the stamp, as a file system that keeps times to
/// the nanosecond, 100 ns or 10 ms keeps it or, with `fat`, as FAT does.
pub fn matches(modified: SystemTime, written_at: &str, sha256: &str, fat: bool) -> bool {
    let Some(expected) = stamp(written_at, sha256) else { return false };
    if modified == expected {
        return true;
    }
    // FAT: whole even seconds, rounded down.
    let (Ok(m), Ok(e)) = (modified.duration_since(UNIX_EPOCH), expected.duration_since(UNIX_EPOCH))
    else {
        return false;
    };
    fat && m.subsec_nanos() == 0 && m.as_secs() % 2 == 0 && m <= e && e - m < Duration::from_secs(2)
}

/// Gives the file at `path` the stamp; a failure only means the next
/// rewrite reads the file instead of trusting it.
pub fn apply(path: &std::path::Path, written_at: &str, sha256: &str) {
    if let Some(t) = stamp(written_at, sha256) {
        if let Ok(file) = std::fs::File::options().write(true).open(path) {
            let _ = file.set_modified(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-12-02T13:40:01Z";
    const SHA: &str = "00ff0000000000000000000000000000000000000000000000000000000000ab";

    #[test]
    fn the_stamp_is_the_second_plus_hundredths_of_the_hash() {
        let t = stamp(AT, SHA).unwrap();
        let d = t.duration_since(UNIX_EPOCH).unwrap();
        assert_eq!(d.as_secs(), 1_796_218_801);
        assert_eq!(d.subsec_millis(), 10 * (0x00ff % 100));
        assert!(matches(t, AT, SHA, false) && matches(t, AT, SHA, true));
        // Another file's hundredths, or a second later: not the stamp.
        assert!(!matches(t, AT, &SHA.replace("00ff", "00fe"), false));
        assert!(!matches(t + Duration::from_secs(1), AT, SHA, true));
        // The same time as FAT keeps it (2 s, rounded down) still is, on FAT only.
        let fat = UNIX_EPOCH + Duration::from_secs(1_796_218_800);
        assert!(matches(fat, AT, SHA, true));
        assert!(!matches(fat, AT, SHA, false));
        assert!(!matches(fat + Duration::from_secs(1), AT, SHA, true));
        assert!(!matches(fat - Duration::from_secs(2), AT, SHA, true));
        assert!(!matches(fat + Duration::from_secs(2), AT, SHA, true));
        assert!(stamp("not a time", SHA).is_none());
    }
}
