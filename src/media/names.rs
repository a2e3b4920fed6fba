//! Media names and the `media:NAME` references to them in lesson markdown.
//!
//! A name is what a trainer types in a lesson (`![Entrevista](media:entrevista.mp4)`),
//! so it is kept short and plain: ASCII letters, digits, `.`, `-`, `_`. That
//! also makes it safe as a file name on FAT32 USB sticks, in zip files and in
//! URLs. Names are unique per course regardless of case, because the
//! file systems our packages land on ignore case.

use crate::model::slugify;

pub const MAX_NAME_LEN: usize = 100;

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
}

pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name.chars().all(is_name_char)
        && !name.starts_with(['.', '-'])
        && !name.ends_with('.')
        && name.chars().any(|c| c.is_ascii_alphanumeric())
}

/// A name made from a file name: `VID 2024 Reunião.MP4` -> `vid-2024-reuniao.mp4`.
/// `format` is what the probe found in the bytes: it supplies the extension
/// when the file has none, or one that says something else (a JPEG named
/// `.mp4` becomes `….jpeg`), so browsers and the player are never misled.
pub fn default_name(file_name: &str, format: &str) -> String {
    let (stem, ext) = match file_name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && !ext.is_empty()
                && ext.len() <= 8
                && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            let ext = ext.to_ascii_lowercase();
            let ext = if extension_fits(&ext, format) { ext } else { format.to_string() };
            (stem, ext)
        }
        _ => (file_name, format.to_string()),
    };
    let mut stem = slugify(stem);
    if stem.is_empty() {
        stem = "media".into();
    }
    format!("{stem}.{ext}")
}

/// Whether a file extension is a usual name for the probed `format`.
fn extension_fits(ext: &str, format: &str) -> bool {
    let usual: &[&str] = match format {
        "jpeg" => &["jpeg", "jpg", "jpe", "jfif"],
        "mp4" => &["mp4", "m4v", "m4a", "mov", "3gp"],
        "mov" => &["mov", "qt", "mp4", "m4v"],
        "m4a" => &["m4a", "mp4", "aac"],
        "ogg" => &["ogg", "oga", "ogv", "opus"],
        "webm" => &["webm", "weba"],
        other => return ext == other,
    };
    usual.contains(&ext)
}

/// `base` with `-2`, `-3`, … before the extension.
pub fn numbered(base: &str, n: u32) -> String {
    match base.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{n}.{ext}"),
        None => format!("{base}-{n}"),
    }
}

/// Byte ranges of every `media:NAME` reference to `name` (any case) in
/// `text`: the renderer's own finder ([`crate::render::media_reference_spans`]),
/// so what a lesson shows and what detach and rename see never disagree.
pub fn find_references(text: &str, name: &str) -> Vec<std::ops::Range<usize>> {
    crate::render::media_reference_spans(text)
        .into_iter()
        .filter(|r| r.name.eq_ignore_ascii_case(name))
        .filter_map(|r| r.range)
        .collect()
}

/// Whether `text` refers to `name` at all (also through escapes a rename cannot rewrite).
pub fn refers_to(text: &str, name: &str) -> bool {
    crate::render::media_reference_spans(text).iter().any(|r| r.name.eq_ignore_ascii_case(name))
}

/// `text` with every reference to `old` pointing at `new`; `None` when there was none.
pub fn rewrite_references(text: &str, old: &str, new: &str) -> Option<String> {
    let ranges = find_references(text, old);
    if ranges.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for r in ranges {
        out.push_str(&text[last..r.start]);
        out.push_str(new);
        last = r.end;
    }
    out.push_str(&text[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_valid_name("entrevista.mp4"));
        assert!(is_valid_name("Aula_1-parte.2.webm"));
        for bad in ["", ".hidden", "-x", "a b.mp4", "a/b.mp4", "a)b", "ç.png", "x.", "..."] {
            assert!(!is_valid_name(bad), "{bad}");
        }
        assert_eq!(default_name("VID 2024 Reunião.MP4", "mp4"), "vid-2024-reuniao.mp4");
        assert_eq!(default_name("semextensao", "webm"), "semextensao.webm");
        assert_eq!(default_name("###.png", "png"), "media.png");
        // The extension follows the bytes when the file's says something else.
        assert_eq!(default_name("foto.mp4", "jpeg"), "foto.jpeg");
        assert_eq!(default_name("foto.JPG", "jpeg"), "foto.jpg");
        assert_eq!(default_name("som.m4a", "mp4"), "som.m4a");
        assert_eq!(default_name("dados.bin", "png"), "dados.png");
        assert_eq!(numbered("a.mp4", 2), "a-2.mp4");
    }

    #[test]
    fn references() {
        let text = "![Entrevista](media:Entrevista.mp4) e [vídeo](media:entrevista.mp4 \"t\"). \
                    multimedia:entrevista.mp4 media:entrevista.mp4s media:entrevista.mp4.";
        assert_eq!(find_references(text, "entrevista.mp4").len(), 3);
        // The renderer's rule: scheme in any case, name trimmed; code never counts.
        let text = "![F](MEDIA:foto.jpg) [f](< Media: foto.jpg >)\n\n    ![c](media:foto.jpg)\n\n\
                    `![s](media:foto.jpg)`\n\n```\n![b](media:foto.jpg)\n```\n\n[r]\n\n[r]: media:foto.jpg\n";
        let found = find_references(text, "foto.jpg");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(!refers_to("`media:foto.jpg` e\n\n    media:foto.jpg\n", "foto.jpg"), "code");
        assert!(refers_to("Mostre media:Foto.jpg no fim.", "foto.jpg"), "plain text");
        assert!(found.iter().all(|r| &text[r.clone()] == "foto.jpg"));
        let renamed = rewrite_references(text, "foto.jpg", "retrato.jpg").unwrap();
        assert_eq!(renamed.matches("retrato.jpg").count(), 3);
        assert_eq!(renamed.matches("media:foto.jpg").count(), 3, "code untouched");
        assert_eq!(
            rewrite_references("![a](media:a.mp4)", "a.mp4", "b.mp4").as_deref(),
            Some("![a](media:b.mp4)")
        );
        assert_eq!(rewrite_references("nothing", "a.mp4", "b.mp4"), None);
    }
}
