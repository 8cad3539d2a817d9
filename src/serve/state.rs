//! The preview's state: the last good site, the problems of the last
//! rebuild if it failed, and the browsers listening for events.
//!
//! One lock guards all three, so that a browser connecting while a rebuild
//! is put in place gets either the old state and then the event, or the new
//! state and no event, never a missed build. The site is swapped in whole
//! (an `Arc`), before the event is sent: a browser that reloads on the event
//! can only get the new files.

use super::changes::{self, Rebuild};
use crate::Site;
use serde::Serialize;
use std::hash::{BuildHasher, Hasher};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};

/// One good build, as served.
#[derive(Debug)]
pub struct Snapshot {
    /// The site.
    pub site: Site,
    /// The path the site is served under, from `base_url` (`/` or
    /// `/flows/`).
    pub base_path: String,
}

/// What a request sees: a consistent copy of the state.
#[derive(Debug, Clone)]
pub struct View {
    /// The last good build, if there was one.
    pub snapshot: Option<Arc<Snapshot>>,
    /// The id of that build, which served pages carry.
    pub build: String,
    /// The problems of the last rebuild, if it failed.
    pub problems: Arc<Vec<String>>,
    /// What the last rebuild changed.
    pub last: Option<Arc<Rebuild>>,
}

/// The preview's shared state.
#[derive(Debug)]
pub struct LiveSite {
    inner: Mutex<Inner>,
    /// Tells this run's build ids from another run's, so that a tab left
    /// open across a restart of `flowsite serve` reloads.
    run: u64,
}

#[derive(Debug)]
struct Inner {
    view: View,
    builds: u64,
    listeners: Vec<Sender<String>>,
}

#[derive(Serialize)]
struct Hello<'a> {
    build: &'a str,
    problems: &'a [String],
}

#[derive(Serialize)]
struct Built<'a> {
    build: &'a str,
    changed: &'a [String],
}

#[derive(Serialize)]
struct Failed<'a> {
    problems: &'a [String],
}

impl LiveSite {
    /// A preview with no site yet.
    pub fn new() -> LiveSite {
        // Random enough to tell two runs apart, without a dependency.
        let run = std::collections::hash_map::RandomState::new().build_hasher().finish();
        LiveSite {
            inner: Mutex::new(Inner {
                view: View {
                    snapshot: None,
                    build: format!("{run:016x}-0"),
                    problems: Arc::new(Vec::new()),
                    last: None,
                },
                builds: 0,
                listeners: Vec::new(),
            }),
            run,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A thread that panicked while holding the lock cannot have left the
        // state half-changed: every change below is one assignment.
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The current state.
    pub fn view(&self) -> View {
        self.lock().view.clone()
    }

    /// Puts a good build in place, then tells every browser what changed.
    /// Returns what the rebuild changed.
    pub fn install(&self, site: Site, trigger: Vec<String>) -> Arc<Rebuild> {
        let previous = self.view().snapshot;
        let base_path = base_path(site.base_url.as_deref());
        // Compared outside the lock: only the rebuild loop installs builds.
        let rebuild = Arc::new(changes::compare(previous.as_ref().map(|s| &s.site), &site, trigger));
        let mut inner = self.lock();
        if !rebuild.files.is_empty() || previous.is_none() {
            inner.builds += 1;
            inner.view.build = format!("{:016x}-{}", self.run, inner.builds);
        }
        inner.view.snapshot = Some(Arc::new(Snapshot { site, base_path }));
        inner.view.problems = Arc::new(Vec::new());
        inner.view.last = Some(Arc::clone(&rebuild));
        let event = sse(
            "build",
            &Built {
                build: &inner.view.build,
                changed: &rebuild.served_paths(),
            },
        );
        broadcast(&mut inner, &event);
        rebuild
    }

    /// Records a failed rebuild: the last good site stays, and every
    /// browser shows `problems`.
    pub fn fail(&self, problems: Vec<String>, trigger: Vec<String>) {
        let mut inner = self.lock();
        inner.view.problems = Arc::new(problems);
        inner.view.last = Some(Arc::new(Rebuild::failed(trigger)));
        let event = sse(
            "failed",
            &Failed {
                problems: &inner.view.problems,
            },
        );
        broadcast(&mut inner, &event);
    }

    /// A new listener: its first event says which build is current and
    /// what is wrong with it, every later one what a rebuild did.
    pub fn listen(&self) -> Receiver<String> {
        let (sender, receiver) = channel();
        let mut inner = self.lock();
        let hello = sse(
            "hello",
            &Hello {
                build: &inner.view.build,
                problems: &inner.view.problems,
            },
        );
        // Queued before the listener is registered, and under the lock: no
        // event can come before it.
        if sender.send(hello).is_ok() {
            inner.listeners.push(sender);
        }
        receiver
    }
}

impl Default for LiveSite {
    fn default() -> Self {
        Self::new()
    }
}

/// Sends `event` to every listener, forgetting those that have gone.
fn broadcast(inner: &mut Inner, event: &str) {
    inner
        .listeners
        .retain(|listener| listener.send(event.to_string()).is_ok());
}

/// One server-sent event: its name and one line of JSON.
fn sse(name: &str, data: &impl Serialize) -> String {
    // Serialising these plain structs cannot fail; an empty object would
    // only make the browser ignore the event.
    let json = serde_json::to_string(data).unwrap_or_else(|_| "{}".to_string());
    format!("event: {name}\ndata: {json}\n\n")
}

/// The path part of `base_url`, with a `/` at each end: the preview serves
/// the site where it will be published, so sub-path links are exercised.
pub fn base_path(base_url: Option<&str>) -> String {
    let Some(url) = base_url else {
        return "/".to_string();
    };
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |at| &after_scheme[at..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut path = path.trim_end_matches('/').to_string();
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_under_the_path_of_base_url() {
        assert_eq!(base_path(None), "/");
        assert_eq!(base_path(Some("https://flows.example.org/")), "/");
        assert_eq!(base_path(Some("https://example.org/fixture/")), "/fixture/");
        assert_eq!(base_path(Some("https://example.org/a/b")), "/a/b/");
    }

    #[test]
    fn a_listener_hears_the_current_build_first_then_each_change() {
        let live = LiveSite::new();
        let listener = live.listen();
        let hello = listener.try_recv().expect("hello");
        assert!(hello.starts_with("event: hello\ndata: {\"build\":\""), "{hello}");
        live.fail(
            vec!["site.toml:1: bad (fix)".to_string()],
            vec!["site.toml".to_string()],
        );
        let failed = listener.try_recv().expect("failed");
        assert_eq!(
            failed,
            "event: failed\ndata: {\"problems\":[\"site.toml:1: bad (fix)\"]}\n\n"
        );
        assert_eq!(live.view().problems.len(), 1);
        let late = live.listen();
        assert!(
            late.try_recv().expect("hello").contains("site.toml:1: bad"),
            "a new tab sees the problems"
        );
    }
}
