//! The IPC command list is written in four places: the handler list in
//! `src/lib.rs` (what the shell has), the permissions in `build.rs` and
//! `capabilities/main.json` (what the web view may call) and the typed
//! functions of `ui/src/ipc.ts` (what the UI calls, with which arguments).
//! This test reads the real files, no list of its own, and fails when they
//! disagree: a command the UI names that the shell lacks, an argument the
//! command does not take (or a required one the UI leaves out), a command
//! that is not granted or not exposed to the UI, or a UI module that calls
//! `invoke` behind `ipc.ts`'s back. Argument types are checked elsewhere:
//! `ui/src/bindings.ts` is generated from the Rust types (`tests/bindings.rs`)
//! and `ipc.ts` is type-checked against it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Splits `text` at the commas that are not inside brackets or `quotes`
/// (Rust's `'` starts a lifetime, not a string).
fn split_top_level(text: &str, quotes: &[char]) -> Vec<String> {
    let (mut parts, mut current, mut depth, mut quote) = (Vec::new(), String::new(), 0i32, None);
    for c in text.chars() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, _) if quotes.contains(&c) => quote = Some(c),
            (None, '(' | '[' | '{' | '<') => depth += 1,
            (None, ')' | ']' | '}' | '>') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_string());
    }
    parts
}

/// The text between the bracket `open` at `start` and its match.
fn bracketed(text: &str, start: usize, open: char, close: char) -> &str {
    assert_eq!(text[start..].chars().next(), Some(open));
    let mut depth = 0;
    for (i, c) in text[start..].char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return &text[start + 1..start + i];
            }
        }
    }
    panic!("no closing {close} after byte {start}");
}

const RUST: &[char] = &['"'];
const TS: &[char] = &['"', '\'', '`'];

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// An argument of a command as the web view sends it.
#[derive(Debug)]
struct Arg {
    name: String,
    optional: bool,
}

/// A Rust list without its `// …` comments (the lists group their entries
/// under comment lines such as `// stick (issue 18)`).
fn without_line_comments(list: &str) -> String {
    list.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The shell's commands: `generate_handler![…]` in `src/lib.rs`, each read
/// from its `#[tauri::command]` function for the arguments the web view sends.
fn shell_commands() -> BTreeMap<String, Vec<Arg>> {
    let lib = read(&root().join("src/lib.rs"));
    let at = lib.find("generate_handler![").expect("generate_handler! in src/lib.rs");
    let list = without_line_comments(bracketed(&lib, at + "generate_handler!".len(), '[', ']'));
    let mut commands = BTreeMap::new();
    for path in split_top_level(&list, RUST) {
        let segments: Vec<&str> = path.split("::").collect();
        let (name, modules) = segments.split_last().unwrap();
        let file = root().join("src").join(modules.join("/")).with_extension("rs");
        let args = command_args(&read(&file), name, &file);
        assert!(commands.insert(name.to_string(), args).is_none(), "{name} is registered twice");
    }
    commands
}

/// Parameters the web view does not send: Tauri injects them.
const INJECTED: &[&str] =
    &["State<", "AppHandle", "Window", "WebviewWindow", "Webview", "Request<", "CommandScope<"];

fn command_args(source: &str, name: &str, file: &Path) -> Vec<Arg> {
    let signature = format!("pub fn {name}");
    let at = source
        .match_indices(&signature)
        .map(|(i, _)| i)
        .find(|&i| {
            !source[i + signature.len()..].starts_with(|c: char| c == '_' || c.is_alphanumeric())
        })
        .unwrap_or_else(|| panic!("{}: no `pub fn {name}`", file.display()));
    let attribute = source[..at]
        .rfind("#[tauri::command")
        .unwrap_or_else(|| panic!("{}: {name} has no #[tauri::command]", file.display()));
    let attribute_text = &source[attribute..source[attribute..].find(']').unwrap() + attribute];
    assert!(
        !attribute_text.contains("rename_all"),
        "{name}: rename_all changes the argument names; teach this test about it"
    );
    let mut open = at + signature.len();
    if source[open..].starts_with('<') {
        open += bracketed(source, open, '<', '>').len() + 2;
    }
    let params = bracketed(source, open, '(', ')');
    split_top_level(params, RUST)
        .into_iter()
        .filter_map(|param| {
            let (arg, ty) = param.split_once(':')?;
            let ty = ty.trim().trim_start_matches("tauri::").trim_start_matches("ipc::");
            if INJECTED.iter().any(|i| ty.starts_with(i)) {
                return None;
            }
            let arg = arg.trim().trim_start_matches("mut ");
            Some(Arg { name: camel_case(arg), optional: ty.starts_with("Option<") })
        })
        .collect()
}

/// What `ui/src/ipc.ts` calls: `call("command", { arg, other: value })`,
/// each command with the argument names it passes.
fn ui_calls() -> Vec<(String, BTreeSet<String>)> {
    let ipc = read(&root().join("../ui/src/ipc.ts"));
    let mut calls = Vec::new();
    for (at, _) in ipc.match_indices("call(").chain(ipc.match_indices("call<")) {
        if ipc[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // another name ending in "call"
        }
        let open = at + ipc[at..].find('(').unwrap();
        let inside = bracketed(&ipc, open, '(', ')');
        let parts = split_top_level(inside, TS);
        let Some(command) = parts.first().and_then(|p| p.strip_prefix('"')?.strip_suffix('"'))
        else {
            // The definition of `call` itself, `call<T>(command: string, …)`.
            assert!(parts.first().is_some_and(|p| p.starts_with("command")), "{inside}");
            continue;
        };
        let args: BTreeSet<String> = match parts.get(1) {
            None => BTreeSet::new(),
            Some(object) => {
                let object = object.strip_prefix('{').and_then(|o| o.strip_suffix('}'));
                let object = object.unwrap_or_else(|| {
                    panic!("{command}: arguments must be an object literal, found {inside}")
                });
                split_top_level(object, TS)
                    .iter()
                    .map(|entry| entry.split(':').next().unwrap().trim().to_string())
                    .collect()
            }
        };
        calls.push((command.to_string(), args));
    }
    assert!(calls.len() > 10, "ipc.ts seems unreadable to this test: {calls:?}");
    calls
}

/// `build.rs`'s COMMANDS (the permissions it generates).
fn permitted_commands() -> BTreeSet<String> {
    let build = read(&root().join("build.rs"));
    let at = build.find("const COMMANDS").expect("COMMANDS in build.rs");
    let open = at + build[at..].find("= &[").unwrap() + 3;
    split_top_level(&without_line_comments(bracketed(&build, open, '[', ']')), RUST)
        .iter()
        .map(|c| c.trim_matches('"').to_string())
        .collect()
}

/// The commands `capabilities/main.json` grants (`allow-<command>`).
fn granted_commands() -> BTreeSet<String> {
    let capability: serde_json::Value =
        serde_json::from_str(&read(&root().join("capabilities/main.json"))).unwrap();
    capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
        .collect()
}

#[test]
fn the_ui_calls_only_commands_the_shell_has_with_their_arguments() {
    let shell = shell_commands();
    let mut problems = Vec::new();
    for (command, passed) in ui_calls() {
        let Some(args) = shell.get(&command) else {
            problems.push(format!("ipc.ts calls {command:?}, which the shell does not register"));
            continue;
        };
        let taken: BTreeSet<&str> = args.iter().map(|a| a.name.as_str()).collect();
        for name in &passed {
            if !taken.contains(name.as_str()) {
                problems
                    .push(format!("ipc.ts passes {name:?} to {command}, which takes {taken:?}"));
            }
        }
        for arg in args.iter().filter(|a| !a.optional && !passed.contains(&a.name)) {
            problems.push(format!("ipc.ts calls {command} without its argument {:?}", arg.name));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_shell_command_is_permitted_granted_and_in_the_ui() {
    let shell: BTreeSet<String> = shell_commands().into_keys().collect();
    let ui: BTreeSet<String> = ui_calls().into_iter().map(|(c, _)| c).collect();
    for (place, listed) in [
        ("build.rs COMMANDS", permitted_commands()),
        ("capabilities/main.json", granted_commands()),
        ("ui/src/ipc.ts", ui),
    ] {
        let missing: Vec<&String> = shell.difference(&listed).collect();
        let unknown: Vec<&String> = listed.difference(&shell).collect();
        assert!(
            missing.is_empty() && unknown.is_empty(),
            "{place}: missing {missing:?}, naming commands the shell does not have {unknown:?}"
        );
    }
}

#[test]
fn only_ipc_ts_talks_to_the_shell() {
    let mut offenders = Vec::new();
    let mut stack = vec![root().join("../ui/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "ipc.ts")
                && path.extension().is_some_and(|e| e == "ts" || e == "js")
                && read(&path).contains("@tauri-apps/api/core")
            {
                offenders.push(path);
            }
        }
    }
    assert!(offenders.is_empty(), "these UI files call the shell directly: {offenders:?}");
}
