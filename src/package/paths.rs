//! The path rule for names inside a package.
//!
//! A package is written on Linux, carried on a FAT32 stick, unzipped on
//! Windows and opened in a browser, so a name must be safe on every one of
//! them, and it must never leave the folder it is unpacked into. We never
//! trust a zip library's idea of a "safe" name (the `zip` crate's
//! `enclosed_name()` quietly turns `/etc/x` into `etc/x`); every raw name goes
//! through [`check`], and names that would collide on a case-insensitive or
//! normalising file system are caught by [`collision_key`].

use unicode_normalization::UnicodeNormalization;

/// Longest name accepted, in bytes (Windows' MAX_PATH leaves room for the folder).
pub const MAX_PATH_BYTES: usize = 200;
/// Deepest nesting accepted.
pub const MAX_DEPTH: usize = 8;

/// Why a name is refused. Each has words in both languages (`problem.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathProblem {
    NotUtf8,
    Empty,
    TooLong,
    TooDeep,
    /// `..` or `.` as a component.
    Traversal,
    /// Starts with `/`, a drive letter (`C:`) or `\\server`.
    Absolute,
    Backslash,
    /// An empty component: `a//b` or a trailing `/`.
    EmptyComponent,
    ControlCharacter,
    /// `<>:"|?*`, illegal in Windows names.
    IllegalCharacter(char),
    /// `CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, with any extension.
    ReservedName(String),
    /// Windows drops a trailing dot or space, so `a.` and `a` would be the same file.
    TrailingDotOrSpace,
}

/// Checks a raw entry name; returns it as text when it is safe everywhere.
pub fn check(raw: &[u8]) -> Result<&str, PathProblem> {
    let name = std::str::from_utf8(raw).map_err(|_| PathProblem::NotUtf8)?;
    if name.is_empty() {
        return Err(PathProblem::Empty);
    }
    if name.chars().any(is_control) {
        return Err(PathProblem::ControlCharacter);
    }
    if name.starts_with("\\\\")
        || name.starts_with("//")
        || name.starts_with('/')
        || has_drive(name)
    {
        return Err(PathProblem::Absolute);
    }
    if name.contains('\\') {
        return Err(PathProblem::Backslash);
    }
    if name.len() > MAX_PATH_BYTES {
        return Err(PathProblem::TooLong);
    }
    let components: Vec<&str> = name.split('/').collect();
    if components.iter().any(|c| *c == ".." || *c == ".") {
        return Err(PathProblem::Traversal);
    }
    if components.iter().any(|c| c.is_empty()) {
        return Err(PathProblem::EmptyComponent);
    }
    if components.len() > MAX_DEPTH {
        return Err(PathProblem::TooDeep);
    }
    for component in &components {
        if let Some(c) =
            component.chars().find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
        {
            return Err(PathProblem::IllegalCharacter(c));
        }
        if component.ends_with('.') || component.ends_with(' ') {
            return Err(PathProblem::TrailingDotOrSpace);
        }
        if is_reserved(component) {
            return Err(PathProblem::ReservedName(component.to_string()));
        }
    }
    Ok(name)
}

/// Two names with the same key are the same file somewhere (Windows and
/// macOS ignore case; macOS normalises Unicode).
pub fn collision_key(name: &str) -> String {
    let folded: String = name.nfc().flat_map(char::to_lowercase).collect();
    folded.nfc().collect()
}

/// Every folder a name implies: `media/a/b.mp4` -> `media`, `media/a`.
pub fn parent_folders(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices('/').map(move |(i, _)| &name[..i])
}

fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `C:`, `C:\x`, `C:/x`: a drive. (`a:b` is refused too, for its colon.)
fn has_drive(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes.len() == 2 || bytes[2] == b'\\' || bytes[2] == b'/')
}

/// Windows device names, whatever follows the first dot and whatever the case.
fn is_reserved(component: &str) -> bool {
    let stem = component.split('.').next().unwrap_or("").trim_end_matches(' ').to_ascii_uppercase();
    match stem.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => {
            // Byte slicing would split a multi-byte character of a hostile
            // name (found by fuzzing): strip the prefix instead.
            let digit = stem.strip_prefix("COM").or_else(|| stem.strip_prefix("LPT"));
            matches!(
                digit,
                Some("1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_byte_names_near_reserved_ones_do_not_panic() {
        // Regression: fuzz/corpus/archive/regress-multibyte-reserved.
        for name in ["e㉉", "㉉", "CO㉉", "COM㉉", "LPT¹", "com²"] {
            let _ = check(name.as_bytes());
        }
        assert!(
            is_reserved("COM¹")
                && is_reserved("lpt3.txt")
                && !is_reserved("COMA")
                && !is_reserved("e㉉")
        );
    }

    #[test]
    fn accepts_ordinary_names() {
        for ok in ["manifest.json", "media/ab12.mp4", "player/js/app.js", "índice.html", "a b/c"] {
            assert_eq!(check(ok.as_bytes()), Ok(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_every_bad_name() {
        let cases: &[(&[u8], PathProblem)] = &[
            (b"../x", PathProblem::Traversal),
            (b"a/../../x", PathProblem::Traversal),
            (b"./x", PathProblem::Traversal),
            (b"..\\x", PathProblem::Backslash),
            (b"/x", PathProblem::Absolute),
            (b"C:\\x", PathProblem::Absolute),
            (b"c:/x", PathProblem::Absolute),
            (b"\\\\srv\\x", PathProblem::Absolute),
            (b"//srv/x", PathProblem::Absolute),
            (b"a\\b", PathProblem::Backslash),
            (b"CON", PathProblem::ReservedName("CON".into())),
            (b"media/con.txt", PathProblem::ReservedName("con.txt".into())),
            (b"lpt9.mp4", PathProblem::ReservedName("lpt9.mp4".into())),
            (b"Com1", PathProblem::ReservedName("Com1".into())),
            (b"a.", PathProblem::TrailingDotOrSpace),
            (b"a ", PathProblem::TrailingDotOrSpace),
            (b"a:b", PathProblem::IllegalCharacter(':')),
            (b"media/ab:c", PathProblem::IllegalCharacter(':')),
            (b"a*b", PathProblem::IllegalCharacter('*')),
            (b"a\x01b", PathProblem::ControlCharacter),
            (b"a\x7fb", PathProblem::ControlCharacter),
            (b"a\xff", PathProblem::NotUtf8),
            (b"", PathProblem::Empty),
            (b"a//b", PathProblem::EmptyComponent),
            (b"dir/", PathProblem::EmptyComponent),
        ];
        for (raw, problem) in cases {
            assert_eq!(check(raw), Err(problem.clone()), "{}", String::from_utf8_lossy(raw));
        }
        assert_eq!(check("a\u{202E}b".as_bytes()), Err(PathProblem::ControlCharacter));
        assert_eq!(check(&[b'a'; 201]), Err(PathProblem::TooLong));
        assert_eq!(check(b"a/b/c/d/e/f/g/h/i"), Err(PathProblem::TooDeep));
        assert!(check(b"COM10").is_ok() && check(b"console").is_ok());
    }

    #[test]
    fn collisions_ignore_case_and_normalisation() {
        assert_eq!(collision_key("Media/A.mp4"), collision_key("media/a.MP4"));
        assert_eq!(collision_key("a\u{0301}"), collision_key("\u{00E1}"));
        assert_eq!(collision_key("\u{00C1}"), collision_key("a\u{0301}"));
        assert_ne!(collision_key("a"), collision_key("b"));
        assert_eq!(parent_folders("a/b/c").collect::<Vec<_>>(), ["a", "a/b"]);
    }
}
