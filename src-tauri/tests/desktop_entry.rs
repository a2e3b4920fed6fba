//! The menu entry the `.deb` installs (issue 13 item 11): its comment was
//! only in English. tauri.conf.json points the bundler at our own template,
//! which says it in Portuguese too; this checks both and renders the
//! template the way the bundler fills it.

use std::path::Path;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_deb_menu_entry_speaks_portuguese_too() {
    let conf: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(manifest_dir().join("tauri.conf.json")).unwrap(),
    )
    .unwrap();
    let template_name = conf["bundle"]["linux"]["deb"]["desktopTemplate"]
        .as_str()
        .expect("tauri.conf.json names the .desktop template");
    let template = std::fs::read_to_string(manifest_dir().join(template_name)).unwrap();
    let comment = conf["bundle"]["shortDescription"].as_str().unwrap();
    let rendered = template
        .replace("{{name}}", conf["productName"].as_str().unwrap())
        .replace("{{comment}}", comment)
        .replace("{{categories}}", "Education;")
        .replace("{{exec}}", "juntos-studio")
        .replace("{{icon}}", "juntos-studio");
    assert!(!rendered.contains("{{"), "a variable the bundler does not fill: {rendered}");
    let line = |key: &str| rendered.lines().find_map(|l| l.strip_prefix(&format!("{key}=")));
    assert_eq!(line("Comment"), Some(comment));
    let pt = line("Comment[pt]").expect("a Portuguese comment");
    assert!(pt.contains("português") && pt.contains("sem internet"), "{pt}");
    assert!(line("GenericName[pt]").is_some());

    // Every line a key=value of a [Desktop Entry] (desktop-file-validate
    // accepted the rendered entry when this was written).
    assert_eq!(rendered.lines().next(), Some("[Desktop Entry]"));
    for l in rendered.lines().skip(1).filter(|l| !l.is_empty()) {
        let (key, _) = l.split_once('=').unwrap_or_else(|| panic!("not key=value: {l}"));
        assert!(key.chars().all(|c| c.is_ascii_alphanumeric() || "-[]_@".contains(c)), "{l}");
    }
}
