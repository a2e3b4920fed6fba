//! Captions inside a package are checked like a person's caption file: a
//! signed package whose WebVTT does not parse (or whose cue count lies) is
//! refused, and the library is as it was.

use juntos::model::Lang;
use juntos::Library;

use crate::support::*;

#[test]
fn a_package_with_broken_captions_is_refused() {
    let partner = tempfile::tempdir().unwrap();
    let (mut lib, course) = library_with_video(partner.path(), "Liga dos Direitos", MIB, 5);
    let srt = partner.path().join("legendas.srt");
    std::fs::write(&srt, "1\n00:00:01,000 --> 00:00:02,000\nOlá\n").unwrap();
    lib.set_captions(&course, "entrevista.mp4", Lang::Pt, &srt).unwrap();
    let out = tempfile::tempdir().unwrap();
    let package = export(&mut lib, &course, out.path()).unwrap();

    let ours = tempfile::tempdir().unwrap();
    let mut me = Library::open(ours.path()).unwrap();
    for (what, vtt, cues) in [
        ("not WebVTT", "<script>alert(1)</script>", 1),
        (
            "cues out of order",
            "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\na\n\n00:00:01.000 --> 00:00:02.000\nb\n",
            2,
        ),
        ("a cue count that lies", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOlá\n", 7),
    ] {
        let bytes = resigned(&package, partner.path(), |course| {
            let captions = &mut course["media"][0]["captions"]["pt"];
            captions["vtt"] = vtt.into();
            captions["cues"] = cues.into();
        });
        let hostile = out.path().join("hostil.juntos");
        std::fs::write(&hostile, bytes).unwrap();
        let before = hash_tree(ours.path());
        let err = me.import_package(&hostile, &trust(), go).unwrap_err();
        assert_eq!(err.code(), "package_content_invalid", "{what}: {err:?}");
        assert!(err.message(Lang::En).contains("captions"), "{what}: {}", err.message(Lang::En));
        assert_eq!(hash_tree(ours.path()), before, "{what}");
    }
    // The package as the partner made it imports.
    me.import_package(&package, &trust(), go).unwrap();
}
