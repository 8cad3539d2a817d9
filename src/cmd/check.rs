//! `flowsite check`: every step of a build but writing.

use crate::error::Error;
use crate::{Options, Step, report};
use std::path::Path;
use std::time::Instant;

/// Checks the project at `root` and reports the result.
pub fn run(root: &Path) -> Result<(), Error> {
    let started = Instant::now();
    let mut progress = report::Progress::start(Step::COUNT - 1);
    let result = crate::render_site(root, &Options::default(), &mut |step| progress.step(step));
    progress.finish();
    match result {
        Ok(site) => {
            report::checked(&site.plan, &site.warnings, started.elapsed());
            Ok(())
        }
        Err(error) => {
            report::check_failed(&error);
            Err(error)
        }
    }
}
