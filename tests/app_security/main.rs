//! Reads the desktop app's security configuration (`src-tauri/tauri.conf.json`
//! and `src-tauri/capabilities/*.json`) and fails on anything that would open
//! the app to injected content: no CSP, `unsafe-eval`, remote origins,
//! `withGlobalTauri`, `dangerous*` settings, remote URLs, or capabilities that
//! apply to every window.
//!
//! It lives with the core's tests (not in src-tauri) so that it runs without
//! compiling the shell, and so the shell cannot quietly weaken it.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn shell_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config() -> Value {
    read_json(&shell_dir().join("tauri.conf.json"))
}

/// The CSP as `directive -> sources`, whether written as a string or an object.
fn csp_directives(csp: &Value) -> Vec<(String, Vec<String>)> {
    match csp {
        Value::String(s) => s
            .split(';')
            .filter_map(|d| {
                let mut parts = d.split_whitespace();
                let name = parts.next()?.to_string();
                Some((name, parts.map(str::to_string).collect()))
            })
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let sources = match v {
                    Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
                    Value::Array(a) => {
                        a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()
                    }
                    _ => Vec::new(),
                };
                (k.clone(), sources)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Sources that would let the web view reach the network or run injected code.
fn forbidden_source(source: &str) -> Option<&'static str> {
    let s = source.to_ascii_lowercase();
    // Tauri serves its IPC and custom protocols as `http://<scheme>.localhost`
    // on Windows: local to the app, never the network.
    let is_tauri_local = |s: &str| {
        s.strip_prefix("http://")
            .map(|host| host.trim_end_matches('/'))
            .is_some_and(|host| host.ends_with(".localhost") && !host.contains(['/', ':', '*']))
    };
    if s == "'unsafe-eval'" || s == "'wasm-unsafe-eval'" {
        return Some("allows eval");
    }
    if s == "*" || s == "http:" || s == "https:" || s == "ws:" || s == "wss:" {
        return Some("allows any origin");
    }
    if (s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("ws://")
        || s.starts_with("wss://"))
        && !is_tauri_local(&s)
    {
        return Some("names a remote origin");
    }
    if s.contains('*') {
        return Some("uses a wildcard");
    }
    None
}

/// The one origin outside the app that the CSP may name (see `csp_is_strict`).
const LOOPBACK_MEDIA: &str = "http://127.0.0.1:*";

#[test]
fn csp_is_strict() {
    let config = config();
    let csp = &config["app"]["security"]["csp"];
    assert!(!csp.is_null(), "tauri.conf.json has no app.security.csp");
    let directives = csp_directives(csp);
    let names: Vec<&str> = directives.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"default-src"), "the CSP needs a default-src: {names:?}");
    for (name, sources) in &directives {
        for source in sources {
            // The app's loopback media server (src-tauri/src/loopback.rs):
            // 127.0.0.1 on a port the system picks, every path behind a
            // secret; images and media only, never scripts, frames or fetch.
            if source == LOOPBACK_MEDIA && (name == "img-src" || name == "media-src") {
                continue;
            }
            if let Some(why) = forbidden_source(source) {
                panic!("CSP {name} source {source} {why}");
            }
        }
        if name == "script-src" || name == "default-src" {
            assert!(
                !sources.iter().any(|s| s == "'unsafe-inline'"),
                "{name} allows inline scripts"
            );
        }
    }
    let object_src = directives.iter().find(|(n, _)| n == "object-src");
    assert!(
        object_src.map(|(_, s)| s == &["'none'".to_string()]).unwrap_or(false),
        "object-src must be 'none'"
    );
    // devCsp, when present, must be no weaker.
    if let Some(dev) = config["app"]["security"].get("devCsp") {
        for (name, sources) in csp_directives(dev) {
            for source in sources {
                assert!(forbidden_source(&source).is_none(), "devCsp {name} source {source}");
            }
        }
    }
}

#[test]
fn no_global_tauri_no_dangerous_settings_and_a_frozen_prototype() {
    let config = config();
    assert_ne!(
        config["app"]["withGlobalTauri"],
        Value::Bool(true),
        "withGlobalTauri must stay off"
    );
    assert_eq!(
        config["app"]["security"]["freezePrototype"],
        Value::Bool(true),
        "freezePrototype must be on"
    );
    let mut dangerous = Vec::new();
    find_keys(&config, "", &mut |path, key| {
        if key.to_ascii_lowercase().starts_with("dangerous") {
            dangerous.push(format!("{path}.{key}"));
        }
    });
    assert!(dangerous.is_empty(), "dangerous settings: {dangerous:?}");
}

#[test]
fn the_app_loads_only_its_own_files() {
    let config = config();
    if let Some(dist) = config["build"]["frontendDist"].as_str() {
        assert!(!dist.contains("://"), "frontendDist must be a folder, not a URL: {dist}");
    }
    if let Some(dev) = config["build"]["devUrl"].as_str() {
        assert!(
            dev.starts_with("http://localhost") || dev.starts_with("http://127.0.0.1"),
            "devUrl must be local: {dev}"
        );
    }
    for window in config["app"]["windows"].as_array().into_iter().flatten() {
        if let Some(url) = window["url"].as_str() {
            assert!(!url.contains("://"), "window {} loads a remote URL: {url}", window["label"]);
        }
    }
}

#[test]
fn capabilities_are_scoped_to_named_windows_and_local_content() {
    let dir = shell_dir().join("capabilities");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        seen += 1;
        let cap = read_json(&path);
        let windows = cap["windows"].as_array().cloned().unwrap_or_default();
        assert!(!windows.is_empty(), "{}: a capability must name its windows", path.display());
        for w in windows.iter().chain(cap["webviews"].as_array().into_iter().flatten()) {
            let w = w.as_str().unwrap_or("");
            assert!(!w.contains('*'), "{}: capability applies to '{w}'", path.display());
        }
        assert!(
            cap.get("remote").is_none(),
            "{}: capabilities must not be granted to remote URLs",
            path.display()
        );
        for permission in cap["permissions"].as_array().into_iter().flatten() {
            let id =
                permission.as_str().or_else(|| permission["identifier"].as_str()).unwrap_or("");
            for broad in [
                "fs:default",
                "fs:allow-",
                "shell:allow-execute",
                "shell:allow-spawn",
                "http:default",
            ] {
                assert!(!id.starts_with(broad), "{}: broad permission {id}", path.display());
            }
        }
    }
    assert!(seen > 0, "no capability files in {}", dir.display());
}

fn find_keys(value: &Value, path: &str, f: &mut dyn FnMut(&str, &str)) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                f(path, k);
                find_keys(v, &format!("{path}.{k}"), f);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                find_keys(v, &format!("{path}[{i}]"), f);
            }
        }
        _ => {}
    }
}
