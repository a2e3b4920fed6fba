//! The web view never leaves the app. Every navigation (of the window and
//! of the preview frame) is checked here: the app's own pages and the
//! preview's `about:srcdoc` pass; an http(s) link is refused and, after the
//! person confirms in a native dialog, opened in the system browser;
//! anything else is refused.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{AppHandle, Manager, Runtime, Url};

use crate::commands::editor::LEARNER_WINDOW;
use crate::dialogs;
use crate::loopback::Loopback;
use crate::LibraryState;

/// What to do with a navigation.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Refuse, and offer to open it in the system browser.
    External,
    Refuse,
}

/// What a window may show. `learner_view` is the loopback server when the
/// window is the learner window ("Ver como formando"): it shows the learner
/// view and nothing of the app; every other window shows only the app.
pub fn decide(url: &Url, learner_view: Option<&Loopback>) -> Decision {
    if let Some(server) = learner_view {
        return match decide(url, None) {
            _ if server.is_learner_page(url.as_str()) => Decision::Allow,
            Decision::Allow if url.scheme() != "about" => Decision::Refuse,
            other => other,
        };
    }
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => Decision::Allow,
        // Windows serves the app from http://tauri.localhost.
        ("http" | "https", Some("tauri.localhost")) => Decision::Allow,
        ("about", _) if matches!(url.path(), "srcdoc" | "blank") => Decision::Allow,
        ("http" | "https", Some(_)) => Decision::External,
        _ => Decision::Refuse,
    }
}

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            let server = webview.app_handle().try_state::<Loopback>();
            let learner = webview.label() == LEARNER_WINDOW;
            match decide(url, server.as_deref().filter(|_| learner)) {
                Decision::Allow => true,
                Decision::External => {
                    offer_external(webview.app_handle(), url.clone());
                    false
                }
                Decision::Refuse => false,
            }
        })
        .build()
}

fn offer_external<R: Runtime>(app: &AppHandle<R>, url: Url) {
    let lang =
        app.try_state::<LibraryState>().map(|s| s.ui_lang()).unwrap_or(juntos::model::Lang::Pt);
    let (title, message, ok, cancel) = match lang {
        juntos::model::Lang::Pt => (
            "Abrir no navegador?",
            format!("Esta ligação leva a um sítio na internet:\n\n{url}\n\nAbrir no navegador do computador?"),
            "Abrir",
            "Cancelar",
        ),
        juntos::model::Lang::En => (
            "Open in the browser?",
            format!("This link goes to a site on the internet:\n\n{url}\n\nOpen it in the computer's browser?"),
            "Open",
            "Cancel",
        ),
    };
    dialogs::confirm(app, title, &message, ok, cancel, move |yes| {
        if yes {
            let _ = tauri_plugin_opener::open_url(url.as_str(), None::<&str>);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_and_the_preview_frame_stay_inside() {
        let d = |s: &str| decide(&Url::parse(s).unwrap(), None);
        assert_eq!(d("tauri://localhost/index.html"), Decision::Allow);
        assert_eq!(d("http://tauri.localhost/"), Decision::Allow);
        assert_eq!(d("about:srcdoc"), Decision::Allow);
        assert_eq!(d("https://example.org/x"), Decision::External);
        assert_eq!(d("http://localhost:8080/"), Decision::External);
        assert_eq!(d("file:///etc/passwd"), Decision::Refuse);
        assert_eq!(d("javascript:alert(1)"), Decision::Refuse);
        assert_eq!(d("juntos-media://localhost/ab.mp4"), Decision::Refuse);
        assert_eq!(d("about:config"), Decision::Refuse);
    }

    #[test]
    fn the_learner_window_shows_the_learner_view_and_nothing_of_the_app() {
        let server = Loopback::with_base(format!("http://127.0.0.1:4000/{}/", "5".repeat(64)));
        let d = |s: &str| decide(&Url::parse(s).unwrap(), Some(&server));
        assert_eq!(d(&server.learner_url("abc")), Decision::Allow);
        assert_eq!(d(&server.learner_window_url("abc")), Decision::Allow);
        assert_eq!(d(&format!("{}#/lesson/3", server.learner_url("abc"))), Decision::Allow);
        assert_eq!(d("about:blank"), Decision::Allow);
        assert_eq!(d("tauri://localhost/index.html"), Decision::Refuse);
        assert_eq!(
            d(&format!("http://127.0.0.1:4000/{}/media/x.mp4", "5".repeat(64))),
            Decision::External
        );
        assert_eq!(d("https://example.org/x"), Decision::External);
        assert_eq!(d("file:///etc/passwd"), Decision::Refuse);
        let main = |s: &str| decide(&Url::parse(s).unwrap(), None);
        assert_eq!(
            main(&server.learner_url("abc")),
            Decision::External,
            "the main window stays on the app"
        );
    }
}
