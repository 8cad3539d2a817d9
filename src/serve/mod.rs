//! The preview: `flowsite serve`. Watches what `load` reads, rebuilds the
//! site in memory with one call into the library, serves it, and pushes a
//! reload to open pages once the new site is in place.
//!
//! Each way other previews fail their users is designed out:
//! - a reload before the new files exist: pages are served from the
//!   in-memory site, which is swapped whole before the event is sent;
//! - a live-reload connection that drops: server-sent events, which the
//!   browser's EventSource reconnects by itself, with a keep-alive comment
//!   so a dead connection is noticed; on reconnecting, a tab that missed a
//!   build hears so in the first event and reloads;
//! - live reload that ignores the base path: the site is served under the
//!   path of `base_url`, and the events are at an address relative to each
//!   page;
//! - edited data files that stay stale: `data/` is watched like the rest,
//!   every rebuild reads everything again, and nothing is cached by the
//!   browser (`Cache-Control: no-store`);
//! - a browser stuck on an error: a failed rebuild keeps serving the last
//!   good site with its problems in an overlay, and the next good build
//!   clears it, on every open page.
//!
//! A tab reloads only if its own page or something it uses (a stylesheet,
//! an image) changed, and a stylesheet is swapped without a reload.
//!
//! A save should reach the browser in well under a fifth of a second:
//! charts and pages that read nothing the save changed are kept in memory
//! between rebuilds (`cache::Generations`), as values shared with the
//! served site, so taking one costs neither a copy nor a comparison.

pub mod changes;
mod http;
mod inject;
mod state;
mod watch;

pub use inject::{EVERY_BUILD, OVERLAY_ID, SCRIPT};

use crate::error::Error;
use crate::{Options, report};
use state::LiveSite;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Instant;

/// How the preview is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeSettings {
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port to try first (0: any free port).
    pub port: u16,
    /// Whether to poll for changes instead of waiting for events.
    pub poll: bool,
}

/// How many ports after the one asked for are tried when it is taken.
const PORTS_TRIED: u16 = 20;

/// What the rebuild loop waits for.
#[derive(Debug)]
pub enum Signal {
    /// Files of the project changed, or the watcher failed.
    Changed(watch::Change),
    /// Ctrl-C (or SIGTERM): stop.
    Stop,
}

/// Serves the project at `root` until Ctrl-C.
pub fn serve(root: &Path, settings: &ServeSettings) -> Result<(), Error> {
    let root = watch::absolute(root).map_err(|source| Error::io("open project folder", root, source))?;
    let (signals, received) = channel();
    let stop = signals.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    })
    .map_err(|error| Error::Internal(format!("cannot catch Ctrl-C: {error}")))?;

    let listener = bind(settings)?;
    let address = listener
        .local_addr()
        .map_err(|source| Error::io("listen on", Path::new(&settings.bind.to_string()), source))?;
    // Watching starts before the first build, so that a save during it is
    // not missed.
    let mut watcher = watch::start(&root, settings.poll, signals)
        .map_err(|error| Error::io("watch", &root, std::io::Error::other(error.to_string())))?;

    let live = Arc::new(LiveSite::new());
    let started = Instant::now();
    let first = rebuild(&root, &live, Vec::new()).then(|| started.elapsed());
    let server = tiny_http::Server::from_listener(listener, None).map_err(|error| {
        Error::io(
            "listen on",
            Path::new(&address.to_string()),
            std::io::Error::other(error.to_string()),
        )
    })?;
    http::start(Arc::new(server), Arc::clone(&live))
        .map_err(|source| Error::io("start the server on", Path::new(&address.to_string()), source))?;
    let base_path = live
        .view()
        .snapshot
        .map_or_else(|| "/".to_string(), |snapshot| snapshot.base_path.clone());
    report::serving(
        &url(address, settings.bind, &base_path),
        (settings.port, address.port()),
        first,
        settings.poll,
    );
    run(&root, &live, &mut watcher, &received);
    report::stopped();
    Ok(())
}

/// Rebuilds on every change until told to stop.
fn run(root: &Path, live: &LiveSite, watcher: &mut watch::ProjectWatcher, signals: &Receiver<Signal>) {
    while let Ok(signal) = signals.recv() {
        let mut trigger = match signal {
            Signal::Stop => return,
            Signal::Changed(watch::Change::Failed(error)) => {
                report::watch_failed(&error);
                continue;
            }
            Signal::Changed(watch::Change::Files(files)) => files,
        };
        // Changes that arrived during the last rebuild are built together.
        while let Ok(more) = signals.try_recv() {
            match more {
                Signal::Stop => return,
                Signal::Changed(watch::Change::Files(files)) => trigger.extend(files),
                Signal::Changed(watch::Change::Failed(error)) => report::watch_failed(&error),
            }
        }
        trigger.sort();
        trigger.dedup();
        for folder in crate::load::INPUT_FOLDERS {
            if trigger.iter().any(|path| path == folder) {
                watcher.watch_folder(root, folder);
            }
        }
        // A folder changes with every file saved in it; it is named only
        // when nothing inside it is.
        if trigger.iter().any(|path| path.contains('/')) {
            trigger.retain(|path| !crate::load::INPUT_FOLDERS.contains(&path.as_str()));
        }
        rebuild(root, live, trigger);
    }
}

/// What the last good rebuild used, for the next one: its charts as they
/// are (not as bytes: taking one costs nothing), and its pages that read
/// no commentary but their own.
#[derive(Default)]
struct Kept {
    charts: crate::cache::Generations<crate::chart::ChartSvg>,
    pages: crate::cache::Generations,
}

static KEPT: std::sync::Mutex<Kept> = std::sync::Mutex::new(Kept {
    charts: crate::cache::Generations::new(),
    pages: crate::cache::Generations::new(),
});

/// Builds the site in memory and puts it in place, or records why not;
/// says whether it built.
fn rebuild(root: &Path, live: &LiveSite, trigger: Vec<String>) -> bool {
    let started = Instant::now();
    // The one call into the library: the same steps as `flowsite build`
    // but writing, with drafts. Charts drawn by the last rebuild from the
    // same history are reused, and pages made from the same settings,
    // data and commentary: an edited piece of commentary renders its own
    // pages and the lists, not every brief, and redraws no chart but its
    // own.
    let mut kept = KEPT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let last = std::mem::take(&mut *kept);
    let reuse = crate::chart::ChartReuse {
        store: &crate::cache::NoStore,
        build: crate::output::BUILD_ID,
        memo: Some(&last.charts),
    };
    let rendered = crate::render_site_reusing(root, &Options { drafts: true }, &reuse, &last.pages, &mut |_| {});
    // A failed rebuild keeps what the last good one had.
    *kept = if rendered.is_ok() {
        Kept {
            charts: last.charts.next(),
            pages: last.pages.next(),
        }
    } else {
        last
    };
    drop(kept);
    match rendered {
        Ok(site) => {
            let rebuild = live.install(site, trigger);
            report::rebuilt(&rebuild, started.elapsed());
            true
        }
        Err(error) => {
            report::rebuild_failed(&trigger, &error);
            live.fail(problem_lines(&error), trigger);
            false
        }
    }
}

/// The lines the overlay shows: every problem, or the I/O error.
fn problem_lines(error: &Error) -> Vec<String> {
    match error {
        Error::Invalid(problems) => problems.iter().map(ToString::to_string).collect(),
        other => vec![other.to_string()],
    }
}

/// Listens on the port asked for or, if it is taken, on the next free one.
fn bind(settings: &ServeSettings) -> Result<TcpListener, Error> {
    let last = if settings.port == 0 {
        0
    } else {
        settings.port.saturating_add(PORTS_TRIED - 1)
    };
    let mut error = None;
    for port in settings.port..=last {
        match TcpListener::bind(SocketAddr::new(settings.bind, port)) {
            Ok(listener) => return Ok(listener),
            Err(taken) if taken.kind() == std::io::ErrorKind::AddrInUse => error = Some(taken),
            Err(other) => {
                error = Some(other);
                break;
            }
        }
    }
    let source = error.unwrap_or_else(|| std::io::Error::other("no port to try"));
    Err(Error::io(
        "listen on",
        Path::new(&format!("{}:{}", settings.bind, settings.port)),
        source,
    ))
}

/// The address to open: the site's base path on the port listened on.
fn url(address: SocketAddr, bind: IpAddr, base_path: &str) -> String {
    // Listening everywhere: this machine's own address is the one to open.
    let host = if bind.is_unspecified() {
        "127.0.0.1".to_string()
    } else {
        match address.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        }
    };
    format!("http://{host}:{}{base_path}", address.port())
}
