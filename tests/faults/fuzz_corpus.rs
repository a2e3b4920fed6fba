//! Every seed and every crash input kept in `fuzz/corpus/<target>` replayed
//! in the normal test suite, with the fuzz targets' invariants (see
//! `fuzz/fuzz_targets`): a crash found once stays fixed without nightly.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use ed25519_dalek::{Signer, SigningKey};
use juntos::media::captions::{parse_captions, to_vtt};
use juntos::model::Lang;
use juntos::package::archive::SafeArchive;
use juntos::package::{verify, ImportOptions, Limits};
use juntos::render::{render_markdown, sanitize, MediaKind, RenderOptions, ResolvedMedia};
use juntos::Library;

use crate::support::hash_tree;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    files
}

#[test]
fn captions_corpus() {
    for (path, data) in corpus("captions") {
        let Some((&mode, bytes)) = data.split_first() else { continue };
        let name = ["legendas.srt", "captions.vtt", "legendas.txt", "legendas"][mode as usize % 4];
        let Ok((_, cues)) = parse_captions(bytes, Path::new(name)) else { continue };
        for cue in &cues {
            assert!(
                cue.end_ms > cue.start_ms && !cue.text.contains("-->"),
                "{}: {cue:?}",
                path.display()
            );
        }
        let vtt = to_vtt(&cues);
        let (_, again) = parse_captions(vtt.as_bytes(), Path::new("stored.vtt")).unwrap();
        assert_eq!(again, cues, "{}", path.display());
    }
}

#[path = "../../fuzz/src/probe_check.rs"]
mod probe_check;

#[test]
fn probe_corpus() {
    for (path, data) in corpus("probe") {
        eprintln!("{}", path.display());
        probe_check::check(&data);
    }
}

fn media(name: &str) -> Option<ResolvedMedia> {
    let (url, kind) = match name {
        "foto.png" => ("media/aa.png", MediaKind::Image),
        "video.mp4" => ("media/bb.mp4", MediaKind::Video),
        "som.ogg" => ("media/cc.ogg", MediaKind::Audio),
        "ficha.pdf" => ("media/dd.pdf", MediaKind::Other),
        "js" => ("javascript:alert(1)", MediaKind::Image),
        "host" => ("//evil.example/x.png", MediaKind::Image),
        _ => return None,
    };
    Some(ResolvedMedia { url: url.into(), kind })
}

#[test]
fn render_corpus() {
    let allowed = ["media/aa.png", "media/bb.mp4", "media/cc.ogg", "media/dd.pdf"]
        .into_iter()
        .map(String::from)
        .collect();
    for (path, data) in corpus("render") {
        let Some((&mode, rest)) = data.split_first() else { continue };
        let Ok(markdown) = std::str::from_utf8(rest) else { continue };
        let lang = if mode & 1 == 0 { Lang::Pt } else { Lang::En };
        let html = render_markdown(markdown, &RenderOptions { lang, media: &media });
        let doc = scraper::Html::parse_fragment(&html);
        for node in doc.tree.nodes() {
            let Some(el) = node.value().as_element() else { continue };
            assert!(
                !matches!(
                    el.name(),
                    "script" | "style" | "iframe" | "svg" | "math" | "form" | "object"
                ),
                "{}: {html}",
                path.display()
            );
            for (attr, value) in el.attrs() {
                assert!(!attr.starts_with("on") && attr != "style", "{}: {html}", path.display());
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_lowercase();
                for scheme in ["javascript:", "data:", "vbscript:"] {
                    assert!(!v.starts_with(scheme), "{}: {html}", path.display());
                }
                assert!(!v.starts_with("//"), "{}: {html}", path.display());
            }
        }
        assert_eq!(
            sanitize(&html, &allowed),
            html,
            "{}: sanitising twice changed it",
            path.display()
        );
    }
}

fn deflated_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn manifest_corpus() {
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let dir = tempfile::tempdir().unwrap();
    let limits = Limits { max_manifest_bytes: 1 << 20, ..Limits::default() };
    for (path, data) in corpus("manifest") {
        let Some((&mode, rest)) = data.split_first() else { continue };
        let (manifest, signature) = if mode & 1 == 0 {
            let sig = key.sign(&juntos::package::manifest::signing_message(rest));
            (rest.to_vec(), hex::encode(sig.to_bytes()).into_bytes())
        } else {
            let cut = rest.len().saturating_sub(130);
            (rest[..cut].to_vec(), rest[cut..].to_vec())
        };
        let file = dir.path().join("m.juntos");
        std::fs::write(
            &file,
            deflated_zip(&[("manifest.json", &manifest), ("manifest.sig", &signature)]),
        )
        .unwrap();
        let mut archive = SafeArchive::open(&file, &limits).unwrap();
        if let Ok(m) = verify::signed_manifest(&mut archive, &limits) {
            assert!(m.validate().is_ok(), "{}", path.display());
            assert!(verify::verify(
                &mut archive,
                &limits,
                None,
                &mut |_| ControlFlow::Continue(())
            )
            .is_err());
        }
    }
}

#[test]
fn import_corpus() {
    let template = tempfile::tempdir().unwrap();
    drop(Library::open(template.path()).unwrap());
    for (path, data) in corpus("import_bytes") {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("biblioteca");
        let mut lib = Library::open(&root).unwrap();
        let package = dir.path().join("p.juntos");
        std::fs::write(&package, &data).unwrap();
        let before = hash_tree(&root);
        let options = ImportOptions { trust: true, ..Default::default() };
        match lib.import_package(&package, &options, |_| ControlFlow::Continue(())) {
            Ok(_) => crate::support::assert_sound(&root),
            Err(e) => assert_eq!(
                hash_tree(&root),
                before,
                "{}: {e:?} changed the library",
                path.display()
            ),
        }
        assert!(!root.join(".staging").exists());
    }
}
