//! Every line flowsite prints to the terminal.
//!
//! Results go to standard output, problems to standard error, numbered so
//! that a long list can be worked through. `--quiet` keeps only problems
//! and errors; `--verbose` adds how long each step took.

use crate::error::{Error, Problem};
use crate::output::SitePlan;
use crate::{BuildSummary, Step};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::{Duration, Instant};

/// How much flowsite says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Problems and errors only (`--quiet`).
    Quiet = 0,
    /// Results too.
    Normal = 1,
    /// Results, and how long each step took (`--verbose`).
    Verbose = 2,
}

/// Set once by `main` before any command runs; a global because every
/// function here would otherwise take it as an argument.
static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

/// Sets how much every later report says.
pub fn set_verbosity(verbosity: Verbosity) {
    VERBOSITY.store(verbosity as u8, Ordering::Relaxed);
}

fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// Writes one result line to standard output unless `--quiet`.
fn say(line: std::fmt::Arguments<'_>) {
    if verbosity() >= Verbosity::Normal {
        // A closed standard output (`| head -0`) is not an error of the build.
        let _ = writeln!(std::io::stdout(), "{line}");
    }
}

/// Writes one detail line to standard error with `--verbose` only, so that
/// the results on standard output stay the same whatever the verbosity.
fn detail(line: std::fmt::Arguments<'_>) {
    if verbosity() >= Verbosity::Verbose {
        let _ = writeln!(std::io::stderr(), "{line}");
    }
}

/// Reports a build's steps as they start: with `--verbose` a line per step
/// with the time the previous one took, and on a terminal, once the build
/// has taken more than a second, a progress bar on standard error.
pub struct Progress {
    bar: indicatif::ProgressBar,
    current: Option<(Step, Instant)>,
    /// Dropped when the build ends, which tells the timer not to show the bar.
    done: Option<std::sync::mpsc::Sender<()>>,
    timer: Option<std::thread::JoinHandle<()>>,
}

/// A build shorter than this shows no bar: it would only flicker.
const BAR_AFTER: Duration = Duration::from_secs(1);

impl Progress {
    /// Starts timing a build of `steps` steps; nothing is shown yet.
    pub fn start(steps: u64) -> Progress {
        let bar = indicatif::ProgressBar::with_draw_target(Some(steps), indicatif::ProgressDrawTarget::hidden());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} [{bar:24}] {pos}/{len} {msg} ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        let mut progress = Progress {
            bar,
            current: None,
            done: None,
            timer: None,
        };
        // A log file or a pipe gets no bar, and neither does --quiet or
        // --verbose (whose lines would interleave with it).
        if verbosity() == Verbosity::Normal && std::io::stderr().is_terminal() {
            let (done, finished) = std::sync::mpsc::channel::<()>();
            let bar = progress.bar.clone();
            progress.done = Some(done);
            progress.timer = std::thread::Builder::new()
                .name("flowsite-progress".to_string())
                .spawn(move || {
                    if finished.recv_timeout(BAR_AFTER) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                        bar.enable_steady_tick(Duration::from_millis(120));
                    }
                })
                .ok();
        }
        progress
    }

    /// Notes that `step` starts now.
    pub fn step(&mut self, step: Step) {
        self.finish_step();
        self.current = Some((step, Instant::now()));
        self.bar.set_position(step.index());
        self.bar.set_message(step.describe());
    }

    /// Removes the bar, if one was shown, before the result is printed.
    pub fn finish(mut self) {
        self.finish_step();
        // The timer stops waiting, and has shown the bar or never will.
        self.done = None;
        if let Some(timer) = self.timer.take() {
            let _ = timer.join();
        }
        self.bar.finish_and_clear();
    }

    fn finish_step(&mut self) {
        if let Some((step, since)) = self.current.take() {
            detail(format_args!(
                "  {:<22} {:>6} ms",
                step.describe(),
                since.elapsed().as_millis()
            ));
        }
    }
}

/// Prints what a successful build or check should know but that did not
/// stop it, each as `warning: path: what (what to do)`.
fn warnings(found: &[Problem]) {
    let mut stderr = std::io::stderr().lock();
    for problem in found {
        let _ = writeln!(stderr, "warning: {problem}");
    }
}

/// Prints the result of a successful build.
pub fn built(summary: &BuildSummary, out: &Path, elapsed: Duration) {
    warnings(&summary.warnings);
    let written = summary.written;
    say(format_args!(
        "Built {} files ({} KB) into {} in {} ms: {} written, {} unchanged, {} removed.",
        summary.files,
        summary.bytes / 1024,
        out.display(),
        elapsed.as_millis(),
        written.written,
        written.unchanged,
        written.removed
    ));
    let charts = summary.charts;
    if charts.drawn + charts.reused > 0 {
        say(format_args!(
            "Charts: {} drawn, {} from the cache.",
            charts.drawn, charts.reused
        ));
    }
    let images = summary.images;
    if images.images > 0 {
        say(format_args!(
            "Images: {} PNG files; {} drawn, {} from the cache.",
            images.images, images.drawn, images.reused
        ));
    }
}

/// Prints the result of a build that found the site already built from
/// the same inputs, and intact; the warnings are its build's, again.
pub fn unchanged(unchanged: &crate::output::Unchanged, out: &Path, elapsed: Duration) {
    let mut stderr = std::io::stderr().lock();
    for warning in &unchanged.warnings {
        let _ = writeln!(stderr, "warning: {warning}");
    }
    drop(stderr);
    say(format_args!(
        "Unchanged: {} files ({} KB) in {} were built from these inputs by this flowsite; nothing rendered or written in {} ms.",
        unchanged.files,
        unchanged.bytes / 1024,
        out.display(),
        elapsed.as_millis()
    ));
}

/// Prints the result of a successful check.
pub fn checked(plan: &SitePlan, found: &[Problem], elapsed: Duration) {
    warnings(found);
    say(format_args!(
        "Checked: no problems. The site would have {} files ({} KB); nothing was written ({} ms).",
        plan.files.len(),
        plan.total_bytes() / 1024,
        elapsed.as_millis()
    ));
}

/// Prints why `check` failed: every problem, numbered, or the I/O error.
/// `check` writes nothing and never touches a site, so it says nothing of one.
pub fn check_failed(error: &Error) {
    failed(error, "nothing was written");
}

/// Prints why `build` failed. `site_remains` says whether the output folder
/// still holds a site flowsite wrote: a failed build never changes it, so
/// that site is the previous one, still being served.
pub fn build_failed(error: &Error, site_remains: bool) {
    let outcome = match error {
        Error::Invalid(_) => "nothing was written",
        _ if site_remains => "the previous site was left as it was",
        _ => "no site was written",
    };
    failed(error, outcome);
}

fn failed(error: &Error, outcome: &str) {
    let mut stderr = std::io::stderr().lock();
    for line in numbered_problems(error) {
        let _ = writeln!(stderr, "{line}");
    }
    let _ = writeln!(stderr, "error: {error}; {outcome}.");
}

/// Prints `error`'s problems, then `what` (for bad input, instead of the
/// count of problems "in the project's inputs", which a download is not).
fn failed_with(error: &Error, what: &str, outcome: &str) {
    if !matches!(error, Error::Invalid(_)) {
        return failed(error, outcome);
    }
    let mut stderr = std::io::stderr().lock();
    for line in numbered_problems(error) {
        let _ = writeln!(stderr, "{line}");
    }
    let _ = writeln!(stderr, "error: {what}; {outcome}.");
}

/// The problems of `error`, one numbered line each (`  1. path:line: ...`),
/// as the terminal shows them; the preview's overlay shows the same lines.
pub fn numbered_problems(error: &Error) -> Vec<String> {
    match error {
        Error::Invalid(problems) => problems
            .iter()
            .enumerate()
            .map(|(index, problem)| format!("{:>3}. {problem}", index + 1))
            .collect(),
        _ => Vec::new(),
    }
}

/// Prints a usage error (clap's message) and returns its exit code; `--help`
/// and `--version` print to standard output and succeed.
pub fn usage(error: &clap::Error) -> u8 {
    let _ = error.print();
    if error.use_stderr() { crate::cli::USAGE_ERROR } else { 0 }
}

/// Prints what `flowsite init` wrote and what to do next.
pub fn initialised<'a>(dir: &Path, files: impl Iterator<Item = &'a str>) {
    let files: Vec<&str> = files.filter(|path| !path.starts_with('.')).collect();
    say(format_args!(
        "Created a new flowsite project in {}: {}.",
        dir.display(),
        files.join(", ")
    ));
    say(format_args!(
        "Next: cd {} && flowsite serve   (a preview that reloads as you edit)",
        dir.display()
    ));
    say(format_args!(
        "      flowsite build              (the site into site-out/)"
    ));
}

/// Prints why `flowsite init` wrote nothing.
pub fn init_failed(error: &Error) {
    failed_with(error, "cannot write the starter project", "nothing was written");
}

/// Prints what `flowsite fetch` found, one line per source. The lines
/// starting `new release: ` are the ones scripts look for (see README).
#[cfg(feature = "fetch")]
pub fn fetched(outcomes: &[crate::fetch::Outcome]) {
    use crate::fetch::Outcome;
    for outcome in outcomes {
        match outcome {
            Outcome::NewRelease { path, version } => say(format_args!("new release: {path} (version {version})")),
            Outcome::NoNewRelease { path, current, offered } if offered == current => {
                say(format_args!("no new release: {path} (version {current} is the latest)"))
            }
            Outcome::NoNewRelease { path, current, offered } => say(format_args!(
                "no new release: {path} (version {current}; the publisher's file is the older version {offered})"
            )),
        }
    }
}

/// Prints, before waiting, that a download failed and will be tried again.
#[cfg(feature = "fetch")]
pub fn fetch_retry(retry: &crate::fetch::Retry<'_>) {
    let _ = writeln!(
        std::io::stderr(),
        "warning: downloading {} failed ({}); retry {} of {} in {:.1} s",
        retry.url,
        retry.error,
        retry.retry,
        retry.retries,
        retry.wait.as_secs_f64()
    );
}

/// Prints why `flowsite fetch` saved nothing.
#[cfg(feature = "fetch")]
pub fn fetch_failed(error: &Error) {
    failed_with(error, "no release was fetched", "nothing was saved");
}

/// Prints where the preview is served, once the first build is done
/// (`built` is how long it took, or `None` if it failed).
#[cfg(feature = "serve")]
pub fn serving(url: &str, (asked, port): (u16, u16), built: Option<Duration>, poll: bool) {
    if asked != 0 && asked != port {
        say(format_args!("Port {asked} is taken; using {port}."));
    }
    if let Some(elapsed) = built {
        say(format_args!(
            "Built the site in memory in {} ms (drafts included).",
            elapsed.as_millis()
        ));
    }
    let watching = if poll {
        "polling for changes"
    } else {
        "watching for changes"
    };
    say(format_args!("Serving at {url} ({watching}; Ctrl-C to stop)."));
    say(format_args!(
        "What each rebuild changed: {}__flowsite/changes",
        url.split_once("://")
            .and_then(|(scheme, rest)| rest.split_once('/').map(|(host, _)| format!("{scheme}://{host}/")))
            .unwrap_or_default()
    ));
}

/// Prints what a rebuild of the preview changed.
#[cfg(feature = "serve")]
pub fn rebuilt(rebuild: &crate::serve::changes::Rebuild, elapsed: Duration) {
    if rebuild.first {
        // The first build of all is reported by `serving`.
        if !rebuild.trigger.is_empty() {
            say(format_args!(
                "{} changed: rebuilt in {} ms; the site builds again.",
                trigger_list(&rebuild.trigger),
                elapsed.as_millis()
            ));
        }
        return;
    }
    let pages = rebuild.pages().count();
    let others = rebuild.files.len() - pages;
    let revised = rebuild.revised();
    say(format_args!(
        "{} changed: rebuilt in {} ms; {pages} {} and {others} other {} changed{}.",
        trigger_list(&rebuild.trigger),
        elapsed.as_millis(),
        if pages == 1 { "page" } else { "pages" },
        if others == 1 { "file" } else { "files" },
        if revised > 0 {
            format!("; {revised} published figures revised")
        } else {
            String::new()
        }
    ));
}

/// Prints why a rebuild of the preview failed: every problem, numbered.
#[cfg(feature = "serve")]
pub fn rebuild_failed(trigger: &[String], error: &Error) {
    let mut stderr = std::io::stderr().lock();
    if !trigger.is_empty() {
        let _ = writeln!(stderr, "{} changed:", trigger_list(trigger));
    }
    for line in numbered_problems(error) {
        let _ = writeln!(stderr, "{line}");
    }
    let _ = writeln!(
        stderr,
        "error: {error}; still serving the last good site, with the problems shown on every page."
    );
}

#[cfg(feature = "serve")]
fn trigger_list(trigger: &[String]) -> String {
    match trigger {
        [] => "nothing".to_string(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
    }
}

/// Prints one request the preview answered, with `--verbose` only.
#[cfg(feature = "serve")]
pub fn request(method: &str, url: &str, status: u16) {
    detail(format_args!("{method} {url} -> {status}"));
}

/// Prints that watching for changes failed, and what to do.
#[cfg(feature = "serve")]
pub fn watch_failed(error: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "warning: watching for changes failed ({error}); if saved files are not picked up, restart with --poll."
    );
}

/// Prints that the preview stopped (Ctrl-C).
#[cfg(feature = "serve")]
pub fn stopped() {
    say(format_args!("Stopped."));
}

/// Prints why the preview could not start.
#[cfg(feature = "serve")]
pub fn serve_failed(error: &Error) {
    failed(error, "the preview did not start");
}
