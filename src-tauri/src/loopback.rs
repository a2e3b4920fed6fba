//! A small web server on 127.0.0.1 for what the web view must stream:
//! the open library's media (`<base>media/<sha256>.<format>`) and the
//! course written for "Ver como formando" (`<base>learner/<course>/…`,
//! shown in the learner window through `<base>learner-window/<course>`).
//!
//! Why a server and not a custom URI scheme: WebKitGTK plays `<video>` and
//! `<audio>` through GStreamer, which cannot read an app's own scheme
//! (`juntos-media://`): the element fails with MEDIA_ERR_SRC_NOT_SUPPORTED
//! whatever plugins are installed (WebKit bug 146351, tauri#3725). Over
//! http the same file plays and seeks. One mechanism serves every platform.
//!
//! Why it is safe to run:
//! - bound to 127.0.0.1 only, on a port the system picks;
//! - every path starts with a 256-bit secret made at start and told only to
//!   the app's own web view, so another program or a web page cannot guess a
//!   URL (compared in constant time);
//! - the `Host` header must be `127.0.0.1:<port>`, so a DNS-rebinding page
//!   cannot reach it under another name;
//! - GET and HEAD only; media by content name only (64 hex digits and a
//!   known extension, from the content-addressed store: nothing else on disk
//!   is reachable); the learner view only below its cache folder.
//!
//! Why hyper and tower-http: `ServeFile`/`ServeDir` answer Range requests,
//! HEAD and conditional requests and refuse `..` paths, which our own code
//! would have to get right again; hyper is the http crate the Rust ecosystem
//! keeps. Both run on the Tokio runtime Tauri already starts.

use std::convert::Infallible;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{combinators::UnsyncBoxBody, BodyExt, Empty};
use hyper::header::{self, HeaderValue};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tauri::{AppHandle, Manager, Runtime};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::LibraryState;

type Body = UnsyncBoxBody<Bytes, std::io::Error>;

/// Where the web view reaches the server; kept in Tauri state.
#[derive(Debug, Clone)]
pub struct Loopback {
    /// `http://127.0.0.1:<port>/<secret>/`
    base: String,
}

impl Loopback {
    /// When the server could not start: media do not show, and the learner
    /// view opens in the system browser instead.
    pub fn unavailable() -> Self {
        Loopback { base: String::new() }
    }

    /// A server said to be at `base` (for tests of what depends on the URLs).
    pub fn with_base(base: String) -> Self {
        Loopback { base }
    }

    pub fn is_available(&self) -> bool {
        !self.base.is_empty()
    }

    /// The prefix of a media file's URL: `<media_base><sha256>.<format>`.
    pub fn media_base(&self) -> String {
        format!("{}media/", self.base)
    }

    /// The learner view of a course folder written below [`learner_root`].
    pub fn learner_url(&self, folder: &str) -> String {
        format!("{}learner/{folder}/index.html", self.base)
    }

    /// The page the learner window opens: the learner view in a frame.
    ///
    /// Why a frame: Tauri runs its start script in the main frame of every
    /// window, and that script freezes `Object.prototype` (the app's
    /// `freezePrototype` hardening) and sets up IPC. The player's bundled
    /// SHA-256 (js-sha256) assigns `toString` on its own prototype, which a
    /// frozen `Object.prototype` refuses, so the player stops at load. In a
    /// frame the player runs as in any browser, and has no IPC at all.
    pub fn learner_window_url(&self, folder: &str) -> String {
        format!("{}learner-window/{folder}", self.base)
    }

    /// True for a page of the learner view: the only http pages a window may show.
    pub fn is_learner_page(&self, url: &str) -> bool {
        self.is_available()
            && url.strip_prefix(&self.base).is_some_and(|rest| {
                let path = rest.split(['?', '#']).next().unwrap_or("");
                (path.starts_with("learner/") || path.starts_with("learner-window/"))
                    && !path.contains("..")
            })
    }
}

/// `<app cache>/learner-view`: the courses written for "Ver como formando".
pub fn learner_root<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    app.path().app_cache_dir().ok().map(|cache| cache.join("learner-view"))
}

/// Starts the server when the app is built (a plugin's setup runs in
/// `Builder::build`, also on the test runtime) and keeps its URLs in state.
/// A server that cannot start leaves media unshown, never the app unopened.
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("loopback")
        .setup(|app, _api| {
            let server = start(app).unwrap_or_else(|error| {
                eprintln!("juntos-studio: the media server did not start: {error}");
                Loopback::unavailable()
            });
            app.manage(server);
            Ok(())
        })
        .build()
}

/// Binds the server and starts answering on Tauri's async runtime.
pub fn start<R: Runtime>(app: &AppHandle<R>) -> std::io::Result<Loopback> {
    let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let secret = secret()?;
    let base = format!("http://127.0.0.1:{port}/{secret}/");
    let routes = Arc::new(Routes { secret, host: format!("127.0.0.1:{port}"), app: app.clone() });
    tauri::async_runtime::spawn(accept(listener, routes));
    Ok(Loopback { base })
}

fn secret() -> std::io::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(hex::encode(bytes))
}

async fn accept<R: Runtime>(listener: std::net::TcpListener, routes: Arc<Routes<R>>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait instead of spinning.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let routes = routes.clone();
        tauri::async_runtime::spawn(async move {
            let service = service_fn(move |request| {
                let routes = routes.clone();
                async move { Ok::<_, Infallible>(routes.answer(request).await) }
            });
            // A connection the web view drops mid-video is not an error worth a word.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

struct Routes<R: Runtime> {
    secret: String,
    host: String,
    app: AppHandle<R>,
}

/// What a request asks for, once checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Route<'a> {
    /// A media blob: its content name and its type.
    Media { sha256: &'a str, mime: &'static str },
    /// A file of the learner view, as a path below its root.
    Learner(&'a str),
    /// The learner window's page for one course folder.
    LearnerWindow(&'a str),
}

/// Checks a request's method, host and secret and says what it asks for.
pub fn route<'a>(
    method: &Method,
    host: Option<&str>,
    path: &'a str,
    expected_host: &str,
    secret: &str,
) -> Result<Route<'a>, StatusCode> {
    if method != Method::GET && method != Method::HEAD {
        return Err(StatusCode::METHOD_NOT_ALLOWED);
    }
    if host != Some(expected_host) {
        return Err(StatusCode::FORBIDDEN);
    }
    let rest = path.strip_prefix('/').unwrap_or(path);
    let (given, rest) = rest.split_once('/').ok_or(StatusCode::NOT_FOUND)?;
    if !same_secret(given, secret) {
        return Err(StatusCode::NOT_FOUND);
    }
    if let Some(name) = rest.strip_prefix("media/") {
        let (sha256, mime) = parse_media_name(name).ok_or(StatusCode::NOT_FOUND)?;
        return Ok(Route::Media { sha256, mime });
    }
    if let Some(folder) = rest.strip_prefix("learner-window/") {
        let plain = !folder.is_empty()
            && folder.len() <= 64
            && folder.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        return if plain { Ok(Route::LearnerWindow(folder)) } else { Err(StatusCode::NOT_FOUND) };
    }
    match rest.strip_prefix("learner/") {
        Some(file) if !file.is_empty() => Ok(Route::Learner(file)),
        _ => Err(StatusCode::NOT_FOUND),
    }
}

/// Compares without stopping at the first different byte, so the time a
/// refusal takes says nothing about how much of a guess was right.
fn same_secret(given: &str, secret: &str) -> bool {
    given.len() == secret.len()
        && given.bytes().zip(secret.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// The type of a media file the web view may ask for, by its format.
pub fn mime(format: &str) -> Option<&'static str> {
    Some(match format {
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "3gp" => "video/3gpp",
        "webm" => "video/webm",
        "m4a" => "audio/mp4",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "png" => "image/png",
        "jpeg" | "jpg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => return None,
    })
}

/// `(sha256, mime)` from `<sha256>.<format>`.
pub fn parse_media_name(name: &str) -> Option<(&str, &'static str)> {
    let (sha, format) = name.split_once('.')?;
    juntos::media::blob::is_sha256(sha).then_some(())?;
    Some((sha, mime(format)?))
}

impl<R: Runtime> Routes<R> {
    async fn answer(&self, request: Request<hyper::body::Incoming>) -> Response<Body> {
        let host = request.headers().get(header::HOST).and_then(|v| v.to_str().ok());
        let path = request.uri().path().to_owned();
        match route(request.method(), host, &path, &self.host, &self.secret) {
            Ok(Route::Media { sha256, mime }) => match self.blob(sha256) {
                Some(file) => media(file, mime, request).await,
                None => status(StatusCode::NOT_FOUND),
            },
            Ok(Route::Learner(file)) => match learner_root(&self.app) {
                Some(root) => learner(&root, file, request).await,
                None => status(StatusCode::NOT_FOUND),
            },
            Ok(Route::LearnerWindow(folder)) => learner_window(folder),
            Err(code) => status(code),
        }
    }

    fn blob(&self, sha256: &str) -> Option<PathBuf> {
        let root = self.app.try_state::<LibraryState>()?.path().to_path_buf();
        Some(
            juntos::media::blob::BlobStore::new(juntos::Library::media_dir_of(&root))
                .path_of(sha256),
        )
    }
}

async fn media(
    file: PathBuf,
    mime: &'static str,
    request: Request<hyper::body::Incoming>,
) -> Response<Body> {
    let mime = mime.parse().unwrap_or(mime::APPLICATION_OCTET_STREAM);
    let serve = ServeFile::new_with_mime(file, &mime);
    let Ok(response) = serve.oneshot(request).await;
    let mut response = response.map(|body| body.boxed_unsync());
    // Named by content: the bytes behind a URL never change.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("max-age=31536000, immutable"));
    hardened(response)
}

async fn learner(
    root: &Path,
    file: &str,
    request: Request<hyper::body::Incoming>,
) -> Response<Body> {
    let (mut parts, body) = request.into_parts();
    let Ok(uri) = format!("/{file}").parse() else { return status(StatusCode::NOT_FOUND) };
    parts.uri = uri;
    let Ok(response) = ServeDir::new(root).oneshot(Request::from_parts(parts, body)).await;
    let mut response = response.map(|body| body.boxed_unsync());
    // The folder is written again at every "Ver como formando".
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    hardened(response)
}

/// The learner window's page: the learner view in a frame that fills it
/// (see [`Loopback::learner_window_url`] for why a frame).
fn learner_window(folder: &str) -> Response<Body> {
    let page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Juntos Studio</title>\
         <style>html,body,iframe{{margin:0;border:0;padding:0;width:100%;height:100%;display:block}}</style>\
         </head><body><iframe title=\"Juntos Studio\" src=\"../learner/{folder}/index.html\" allowfullscreen></iframe></body></html>"
    );
    let body = http_body_util::Full::new(Bytes::from(page)).map_err(|never| match never {});
    let mut response = Response::new(body.boxed_unsync());
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; frame-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        ),
    );
    hardened(response)
}

fn hardened(mut response: Response<Body>) -> Response<Body> {
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

fn status(code: StatusCode) -> Response<Body> {
    let mut response = Response::new(Empty::new().map_err(|never| match never {}).boxed_unsync());
    *response.status_mut() = code;
    hardened(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST: &str = "127.0.0.1:4000";

    fn secret() -> String {
        "5".repeat(64)
    }

    fn route_of<'a>(
        method: Method,
        host: Option<&str>,
        path: &'a str,
    ) -> Result<Route<'a>, StatusCode> {
        route(&method, host, path, HOST, &"5".repeat(64))
    }

    #[test]
    fn only_content_named_media_and_the_learner_view_are_served() {
        let sha = "a".repeat(64);
        let media = format!("/{}/media/{sha}.mp4", secret());
        assert_eq!(
            route_of(Method::GET, Some(HOST), &media),
            Ok(Route::Media { sha256: &sha, mime: "video/mp4" })
        );
        let learner = format!("/{}/learner/abc/index.html", secret());
        assert_eq!(
            route_of(Method::HEAD, Some(HOST), &learner),
            Ok(Route::Learner("abc/index.html"))
        );
        let window = format!("/{}/learner-window/abc-12", secret());
        assert_eq!(route_of(Method::GET, Some(HOST), &window), Ok(Route::LearnerWindow("abc-12")));
        for path in [
            format!("/{}/media/{sha}.exe", secret()),
            format!("/{}/media/../library.db", secret()),
            format!("/{}/media/{}.png", secret(), "A".repeat(64)),
            format!("/{}/keys/org.key", secret()),
            format!("/{}/learner/", secret()),
            format!("/{}/learner-window/", secret()),
            format!("/{}/learner-window/a%22%3E", secret()),
            format!("/{}/learner-window/a/../../b", secret()),
        ] {
            assert_eq!(
                route_of(Method::GET, Some(HOST), &path),
                Err(StatusCode::NOT_FOUND),
                "{path}"
            );
        }
    }

    #[test]
    fn a_wrong_secret_host_or_method_is_refused() {
        let sha = "a".repeat(64);
        let good = format!("/{}/media/{sha}.mp4", secret());
        let wrong = format!("/{}/media/{sha}.mp4", "6".repeat(64));
        let short = format!("/{}/media/{sha}.mp4", "5".repeat(63));
        assert_eq!(route_of(Method::GET, Some(HOST), &wrong), Err(StatusCode::NOT_FOUND));
        assert_eq!(route_of(Method::GET, Some(HOST), &short), Err(StatusCode::NOT_FOUND));
        assert_eq!(
            route_of(Method::GET, Some("evil.example:4000"), &good),
            Err(StatusCode::FORBIDDEN)
        );
        assert_eq!(route_of(Method::GET, None, &good), Err(StatusCode::FORBIDDEN));
        assert_eq!(route_of(Method::POST, Some(HOST), &good), Err(StatusCode::METHOD_NOT_ALLOWED));
    }

    #[test]
    fn learner_pages_are_recognised_by_the_whole_prefix() {
        let loopback = Loopback::with_base(format!("http://{HOST}/{}/", secret()));
        assert!(loopback.is_learner_page(&loopback.learner_url("abc")));
        assert!(loopback.is_learner_page(&loopback.learner_window_url("abc")));
        assert!(
            loopback.is_learner_page(&format!("{}learner/abc/index.html#/lesson/2", loopback.base))
        );
        assert!(!loopback.is_learner_page(&format!("{}media/x.mp4", loopback.base)));
        assert!(!loopback
            .is_learner_page(&format!("http://{HOST}/{}/learner/abc/index.html", "6".repeat(64))));
        assert!(!loopback.is_learner_page(&format!("{}learner/../../etc/passwd", loopback.base)));
    }
}
