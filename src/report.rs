//! Every line flowsite prints to the terminal.
//!
//! Results go to standard output, problems to standard error, numbered so
//! that a long list can be worked through.

use crate::error::{Error, Problem};
use crate::{BuildSummary, Checked};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Prints what a successful build or check did without, to standard error.
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

/// Prints why a command failed: every problem, numbered, or the I/O error.
pub fn failed(error: &Error) {
    let mut stderr = std::io::stderr().lock();
    match error {
        Error::Invalid(problems) => {
            for (index, problem) in problems.iter().enumerate() {
                let _ = writeln!(stderr, "{:>3}. {problem}", index + 1);
            }
            let _ = writeln!(stderr, "error: {error}; nothing was written.");
        }
        other => {
            let _ = writeln!(stderr, "error: {other}; the previous site was left as it was.");
        }
    }
}
