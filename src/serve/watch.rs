//! Watching what `load` reads: `site.toml`, `data/`, `content/` and
//! `static/`, and nothing else (not the output folder, not `target/`).
//!
//! Native events (inotify, FSEvents, ...) by default; `--poll` looks every
//! half second instead, for file systems whose events never arrive (network
//! drives, some container mounts), comparing contents, not only times.
//! Events are debounced: an editor's save
//! is often several events (write, rename, chmod), and one rebuild follows.
//! Hidden files (an editor's swap files) are ignored, as `load` ignores
//! them.

use crate::load::{CONFIG_FILE, INPUT_FOLDERS};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, new_debouncer_opt};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// How long the project must be quiet after a change before the rebuild:
/// long enough to gather one save's events, short against a rebuild.
const DEBOUNCE: Duration = Duration::from_millis(20);
/// How often `--poll` looks at every file.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// What the watcher tells the rebuild loop.
#[derive(Debug)]
pub enum Change {
    /// These project files changed (paths relative to the root, with `/`).
    Files(Vec<String>),
    /// The watcher failed; what the system said.
    Failed(String),
}

/// A running watcher; dropping it stops it. Files are not told apart by
/// their file ids (`NoCache`): a rename only starts a rebuild, which reads
/// everything again.
pub enum ProjectWatcher {
    /// Native events.
    Native(Debouncer<RecommendedWatcher, NoCache>),
    /// Polling.
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl ProjectWatcher {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            ProjectWatcher::Native(debouncer) => debouncer.watch(path, mode),
            ProjectWatcher::Poll(debouncer) => debouncer.watch(path, mode),
        }
    }

    /// Watches `root` itself (for `site.toml` and for input folders that
    /// appear) and each input folder that exists, recursively.
    pub fn watch_project(&mut self, root: &Path) -> notify::Result<()> {
        self.watch(root, RecursiveMode::NonRecursive)?;
        for folder in INPUT_FOLDERS {
            self.watch_folder(root, folder);
        }
        Ok(())
    }

    /// Watches the input folder `folder` if it exists; a folder made after
    /// the preview started is watched from its first event on.
    pub fn watch_folder(&mut self, root: &Path, folder: &str) {
        // Not there is the usual reason, and the event for its creation
        // calls this again.
        let _ = self.watch(&root.join(folder), RecursiveMode::Recursive);
    }
}

/// Starts watching the project at `root` (an absolute path); changes are
/// sent to `changes`.
pub fn start(root: &Path, poll: bool, changes: Sender<super::Signal>) -> notify::Result<ProjectWatcher> {
    let project = root.to_path_buf();
    let handler = move |result: DebounceEventResult| {
        let change = match result {
            Ok(events) => {
                let mut files: Vec<String> = events
                    .iter()
                    // Reading a file is an event too: the rebuild's own reads
                    // must not start another rebuild.
                    .filter(|event| !matches!(event.kind, EventKind::Access(_)))
                    .flat_map(|event| event.paths.iter())
                    .filter_map(|path| project_input(&project, path))
                    .collect();
                files.sort();
                files.dedup();
                if files.is_empty() {
                    return;
                }
                Change::Files(files)
            }
            Err(errors) => {
                // An input folder that does not exist (yet) is not a failure:
                // its creation is seen in the project folder.
                let failures: Vec<String> = errors
                    .iter()
                    .filter(|error| !is_missing(error))
                    .map(ToString::to_string)
                    .collect();
                if failures.is_empty() {
                    return;
                }
                Change::Failed(failures.join("; "))
            }
        };
        let _ = changes.send(super::Signal::Changed(change));
    };
    let mut watcher = if poll {
        // Modification times are compared in whole seconds by the poller:
        // without comparing contents, a second save within the same second
        // would be missed. The project's inputs are small enough to hash.
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        ProjectWatcher::Poll(new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config)?)
    } else {
        ProjectWatcher::Native(new_debouncer_opt(
            DEBOUNCE,
            None,
            handler,
            NoCache,
            notify::Config::default(),
        )?)
    };
    watcher.watch_project(root)?;
    Ok(watcher)
}

/// Whether `error` says only that a watched path does not exist.
fn is_missing(error: &notify::Error) -> bool {
    match &error.kind {
        notify::ErrorKind::PathNotFound => true,
        notify::ErrorKind::Io(io) => io.kind() == std::io::ErrorKind::NotFound,
        _ => false,
    }
}

/// `path` relative to the project, with `/`, if it is one `load` reads (or
/// an input folder itself); hidden names are skipped, as `load` skips them.
fn project_input(root: &Path, path: &Path) -> Option<String> {
    let inside = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = inside
        .components()
        .map(|component| match component {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let first = parts.first()?;
    let read = match parts.len() {
        1 => first == CONFIG_FILE || INPUT_FOLDERS.contains(&first.as_str()),
        _ => INPUT_FOLDERS.contains(&first.as_str()),
    };
    (read && !parts.iter().any(|part| part.starts_with('.'))).then(|| parts.join("/"))
}

/// The absolute form of `root`, so that event paths can be compared with
/// it whatever the working folder; no file is looked at.
pub fn absolute(root: &Path) -> std::io::Result<PathBuf> {
    std::path::absolute(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_what_load_reads() {
        let root = Path::new("/p");
        let input = |path: &str| project_input(root, Path::new(path));
        assert_eq!(input("/p/site.toml").as_deref(), Some("site.toml"));
        assert_eq!(input("/p/content/a.md").as_deref(), Some("content/a.md"));
        assert_eq!(input("/p/data").as_deref(), Some("data"));
        assert_eq!(input("/p/content/.a.md.swp"), None);
        assert_eq!(input("/p/site-out/index.html"), None);
        assert_eq!(input("/p/.site-out.flowsite-spare/x"), None);
        assert_eq!(input("/p/README.md"), None);
        assert_eq!(input("/elsewhere/site.toml"), None);
    }
}
