//! Every line flowsite prints to the terminal.
//!
//! Results go to standard output, problems to standard error, numbered so
//! that a long list can be worked through.

use crate::error::{Error, Problem};
use crate::{BuildSummary, Checked};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

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
    // A closed standard output (`| head -0`) is not an error of the build.
    let _ = writeln!(
        std::io::stdout(),
        "Built {} files ({} KB) into {} in {} ms: {} written, {} unchanged, {} removed.",
        summary.plan.files.len(),
        summary.plan.total_bytes() / 1024,
        out.display(),
        elapsed.as_millis(),
        written.written,
        written.unchanged,
        written.removed
    );
}

/// Prints the result of a successful check.
pub fn checked(checked: &Checked, elapsed: Duration) {
    warnings(&checked.warnings);
    let plan = &checked.plan;
    let _ = writeln!(
        std::io::stdout(),
        "Checked: no problems. The site would have {} files ({} KB); nothing was written ({} ms).",
        plan.files.len(),
        plan.total_bytes() / 1024,
        elapsed.as_millis()
    );
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
    if let Error::Invalid(problems) = error {
        for (index, problem) in problems.iter().enumerate() {
            let _ = writeln!(stderr, "{:>3}. {problem}", index + 1);
        }
    }
    let _ = writeln!(stderr, "error: {error}; {outcome}.");
}
