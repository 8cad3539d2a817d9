//! The preview's HTTP side: the site from memory, under its base path, and
//! the events that tell open pages a rebuild happened.
//!
//! Every response says `Cache-Control: no-store`, so that a browser never
//! shows a stale page or an edited data file's old download. Pages get the
//! live-reload script on the way out (`inject`). The events are
//! server-sent events on `__flowsite/events`, relative to each page: they
//! work under any base path and through proxies, and the browser's
//! EventSource reconnects by itself. tiny_http buffers a streamed response,
//! so the event stream is written to the connection directly and flushed
//! event by event.

use super::changes;
use super::inject::{self, Live};
use super::state::{LiveSite, View};
use crate::page::routes;
use crate::report;
use maud::html;
use percent_encoding::percent_decode_str;
use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// The folder of the preview's own addresses, at the root and under the
/// base path; no page of a site can be there (its name starts with `_`,
/// which no route does).
const PREVIEW: &str = "__flowsite/";
/// Every this often an idle event stream gets a comment line, so that a
/// connection a proxy or the network dropped is noticed and closed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Threads answering requests; event streams get threads of their own.
const WORKERS: usize = 4;

/// Starts answering requests on `server` in the background.
pub fn start(server: Arc<Server>, live: Arc<LiveSite>) -> std::io::Result<()> {
    for index in 0..WORKERS {
        let server = Arc::clone(&server);
        let live = Arc::clone(&live);
        std::thread::Builder::new()
            .name(format!("flowsite-http-{index}"))
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    answer(request, &live);
                }
            })?;
    }
    Ok(())
}

/// What a request asks for, once the base path is taken off.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// The event stream.
    Events,
    /// The changes page.
    Changes,
    /// A path inside the site (`""`, `weeks/2026-09-12/`, `style.css`).
    Site(String),
    /// The base path without its final `/`.
    AddSlash,
    /// Somewhere outside the base path.
    Outside,
}

fn target(path: &str, base_path: &str) -> Target {
    let preview = |inside: &str| match inside.strip_prefix(PREVIEW) {
        Some("events") => Some(Target::Events),
        Some("changes" | "changes/") => Some(Target::Changes),
        _ => None,
    };
    if let Some(inside) = path.strip_prefix(base_path) {
        return preview(inside).unwrap_or_else(|| Target::Site(inside.to_string()));
    }
    if let Some(found) = path.strip_prefix('/').and_then(preview) {
        return found;
    }
    if format!("{path}/") == base_path {
        return Target::AddSlash;
    }
    Target::Outside
}

fn answer(request: Request, live: &LiveSite) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "the preview answers GET and HEAD only"));
        return;
    }
    let url = request.url().to_string();
    let method = request.method().as_str().to_string();
    let raw_path = url.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode_str(raw_path).decode_utf8_lossy().into_owned();
    let view = live.view();
    let base_path = view
        .snapshot
        .as_ref()
        .map_or("/", |snapshot| snapshot.base_path.as_str());
    let status = match target(&path, base_path) {
        Target::Events => {
            report::request(&method, &url, 200);
            stream_events(request, live);
            return;
        }
        Target::Changes => {
            let page = changes::render_page(
                view.last.as_deref(),
                view.snapshot.as_ref().map(|snapshot| &snapshot.site),
                base_path,
                &view.build,
                &view.problems,
            );
            respond(request, bytes_response(200, page, "text/html; charset=utf-8"))
        }
        Target::AddSlash => respond(request, redirect(base_path)),
        Target::Outside => respond(request, outside(&path, base_path)),
        Target::Site(inside) => respond(request, site_file(&inside, raw_path, &view)),
    };
    report::request(&method, &url, status);
}

/// A file of the site, a redirect to a folder's address, or the site's
/// 404 page.
fn site_file(inside: &str, raw_path: &str, view: &View) -> Response<std::io::Cursor<Vec<u8>>> {
    let Some(snapshot) = &view.snapshot else {
        return no_site_yet(view);
    };
    let files = &snapshot.site.plan.files;
    let route = if inside.is_empty() || inside.ends_with('/') {
        format!("{inside}index.html")
    } else {
        inside.to_string()
    };
    if let Some(bytes) = files.get(&route) {
        return file(200, &route, bytes, inside, view);
    }
    // Cards and chart images are drawn when a browser asks for them, not
    // on every rebuild: a build of the sample site has thousands.
    match snapshot.site.image(&route, images()) {
        Some(Ok(bytes)) => return file(200, &route, &bytes, inside, view),
        Some(Err(error)) => return text(500, &format!("could not draw {route}: {error}")),
        None => {}
    }
    if files.contains_key(&format!("{inside}/index.html")) {
        // As a static host does: a folder's address ends with `/`, so that
        // the page's relative links resolve.
        return redirect(&format!("{raw_path}/"));
    }
    match files.get(routes::NOT_FOUND) {
        Some(bytes) => file(404, routes::NOT_FOUND, bytes, inside, view),
        None => text(404, "no such page in the site"),
    }
}

/// The images drawn so far, kept across rebuilds: an image whose SVG did
/// not change is not drawn again.
fn images() -> &'static crate::cache::MemoryStore {
    static IMAGES: std::sync::OnceLock<crate::cache::MemoryStore> = std::sync::OnceLock::new();
    IMAGES.get_or_init(crate::cache::MemoryStore::new)
}

/// A file of the site as served: pages with the live-reload script.
fn file(status: u16, route: &str, bytes: &[u8], inside: &str, view: &View) -> Response<std::io::Cursor<Vec<u8>>> {
    let content_type = content_type(route);
    if !route.ends_with(".html") {
        return bytes_response(status, bytes.to_vec(), content_type);
    }
    // The page's depth is that of the address asked for: a 404 page is
    // served at any depth.
    let root = "../".repeat(inside.matches('/').count());
    let page = if status == 200 {
        routes::served_path(route)
    } else {
        inside
    };
    let html = inject::inject(
        bytes,
        &Live {
            build: &view.build,
            page,
            root: if root.is_empty() { "./" } else { &root },
            problems: &view.problems,
        },
    );
    bytes_response(status, html, content_type)
}

/// Before the first good build there is no site: every address shows the
/// problems, and reloads once the site builds.
fn no_site_yet(view: &View) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = html! {
        (maud::DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "No site yet | flowsite preview" } }
            body style="font:16px/1.5 system-ui,sans-serif;margin:2rem" {
                h1 { "The site does not build yet" }
                p { "Fix the problems listed below and save: this page reloads by itself when the site builds." }
            }
        }
    };
    let html = inject::inject(
        page.into_string().as_bytes(),
        &Live {
            build: &view.build,
            page: inject::EVERY_BUILD,
            root: "/",
            problems: &view.problems,
        },
    );
    bytes_response(503, html, "text/html; charset=utf-8")
}

/// A helpful 404 for an address outside the base path, pointing at it.
fn outside(path: &str, base_path: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = html! {
        (maud::DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "Not under the site's base path | flowsite preview" } }
            body style="font:16px/1.5 system-ui,sans-serif;margin:2rem" {
                h1 { "Nothing here: the site is served under " code { (base_path) } }
                p { "The preview serves the site where " code { "base_url" } " in site.toml publishes it, so that links work as they will online. "
                    code { (path) } " is outside it." }
                p { a href=(base_path) { "Go to the site at " (base_path) } }
            }
        }
    };
    bytes_response(404, page.into_string().into_bytes(), "text/html; charset=utf-8")
}

/// Streams events to one browser until it goes away.
fn stream_events(request: Request, live: &LiveSite) {
    let events = live.listen();
    let mut writer = request.into_writer();
    // `retry` asks the browser to reconnect a second after a drop.
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                X-Accel-Buffering: no\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if writer.write_all(head.as_bytes()).and_then(|()| writer.flush()).is_err() {
        return;
    }
    std::thread::spawn(move || {
        loop {
            let chunk = match events.recv_timeout(KEEP_ALIVE) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if writer
                .write_all(chunk.as_bytes())
                .and_then(|()| writer.flush())
                .is_err()
            {
                // The browser went away; it reconnects if it is still open.
                return;
            }
        }
    });
}

fn respond(request: Request, response: Response<std::io::Cursor<Vec<u8>>>) -> u16 {
    let status = response.status_code().0;
    let _ = request.respond(response);
    status
}

fn bytes_response(status: u16, body: Vec<u8>, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    for (name, value) in [("Content-Type", content_type), ("Cache-Control", "no-store")] {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    bytes_response(status, format!("{body}\n").into_bytes(), "text/plain; charset=utf-8")
}

fn redirect(location: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = text(301, &format!("moved to {location}"));
    if let Ok(header) = Header::from_bytes(&b"Location"[..], location.as_bytes()) {
        response.add_header(header);
    }
    response
}

/// The media type of a site file, by its extension; the site's own files
/// are few kinds, and anything else is sent as bytes to download.
fn content_type(route: &str) -> &'static str {
    let extension = route.rsplit_once('.').map_or("", |(_, extension)| extension);
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_requests_under_the_base_path() {
        assert_eq!(target("/flows/", "/flows/"), Target::Site(String::new()));
        assert_eq!(
            target("/flows/weeks/2026-09-12/", "/flows/"),
            Target::Site("weeks/2026-09-12/".to_string())
        );
        assert_eq!(target("/flows", "/flows/"), Target::AddSlash);
        assert_eq!(target("/weeks/", "/flows/"), Target::Outside);
        assert_eq!(target("/flows/__flowsite/events", "/flows/"), Target::Events);
        assert_eq!(target("/__flowsite/changes", "/flows/"), Target::Changes);
        assert_eq!(target("/__flowsite/changes", "/"), Target::Changes);
        assert_eq!(target("/", "/"), Target::Site(String::new()));
    }
}
